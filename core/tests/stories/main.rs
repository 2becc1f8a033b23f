//! Circlekeeper core's stories, told against the crate's public surface: every integration test
//! in one binary, so the crate and SQLCipher are linked once, with the fixtures the stories share in
//! `helpers`.
//!
//! `cargo test -p circlekeeper-core --test stories` runs them all; a module's name picks out its
//! stories, e.g. `cargo test -p circlekeeper-core --test stories encryption::`.

mod deep_paths;
mod helpers;

mod align;
mod architecture;
mod attendance;
mod backup;
mod bundle;
mod celebration;
mod change_feed;
mod changes_only;
mod clock_skew;
mod encryption;
mod envelope_fuzz;
mod format;
mod handover;
mod hostile_bundle;
mod idle_lock;
mod merge_props;
mod milestone;
#[cfg(target_os = "linux")]
mod not_saving;
mod privacy;
mod resources;
mod round;
mod round_props;
mod runner;
mod schedule;
mod share;
mod sharing;
mod slips;
mod store;
