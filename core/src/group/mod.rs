//! Group: a recurring meeting ("Tuesday Night Hope") with its usual day, time, length and place,
//! and its roster of people by first name or alias.

mod record;
pub mod roster;

pub use record::*;
