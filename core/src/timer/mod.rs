//! The share timer: one person's timed turn, kept as facts (pure, in `facts`) and stored as
//! shares (in `share`), so whatever happens to the app or the laptop the time is right.

mod facts;
mod share;

pub use facts::*;
pub(crate) use share::*;
