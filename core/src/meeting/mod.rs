//! Meeting: one gathering of a group on a date (its record), who is here (attendance, or only
//! counts), and the attendance screen's snapshot. Newcomer and returning are computed here from
//! earlier check-ins, never typed.

pub mod attendance;
mod lifecycle;
mod record;
pub mod view;

pub use record::*;
