//! The commands the windows may call, grouped by domain. Each is a one-line call into core.

pub mod app;
pub mod attendance;
pub mod backups;
pub mod bundles;
pub mod celebrations;
pub mod files;
pub mod format;
pub mod groups;
pub mod handover;
pub mod meetings;
pub mod privacy;
pub mod reports;
pub mod resources;
pub mod room;
pub mod rounds;
pub mod shares;
pub mod slips;
