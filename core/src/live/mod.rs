//! The meeting as it happens: what the chair does that reaches across aggregates (a check-in joins
//! the round; marking the speaker as left stops their share), the room display's frame, and the
//! snapshots each change calls for. Everything below `live` knows nothing of it.

mod attendance;
pub mod feed;
mod meeting;
pub mod room;
