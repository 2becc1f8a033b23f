//! The meeting as it happens: what the chair does that reaches across aggregates (a check-in joins
//! the round; marking the speaker as left stops their share), the room display's frame, the
//! snapshots each change calls for, and whether the idle lock must wait. Everything below `live`
//! knows nothing of it.

mod attendance;
pub mod feed;
pub mod idle;
mod meeting;
pub mod room;
pub mod tally;
