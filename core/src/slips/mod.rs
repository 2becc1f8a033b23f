//! Attendance slips ("court cards"): the chair prints one for a person who asks for proof they came.
//! The store keeps only that a slip was issued at a meeting and its serial, never who took it, so
//! a slip can be verified later without a register of names.

mod record;
pub mod serial;

pub use record::*;
pub use serial::Serial;
