//! Group: a recurring meeting ("Tuesday Night Hope") with its usual day, time, length and place,
//! its roster of people by first name or alias, and its resources card (organisations to call).

mod record;
pub mod resources;
pub mod roster;

pub use record::*;
