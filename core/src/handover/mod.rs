//! Handover: what one chair leaves for the next. The chair's report (drafted from the meeting's
//! own record, plus the chair's notes and the collection), action items that stay open until a
//! chair marks them done or dismissed, the next chair's acknowledgement, the group's service
//! positions and who is scheduled to chair.

// Who uses whom, so none imports one that imports it back: the items and the service card check
// their dates with `dates`; the report lists its items; the page shows the last report, the open
// items and the next chair from the rota, so it sits on all of them and nothing imports it.
mod dates;
mod items;
mod page;
mod report;
mod service;

pub(crate) use dates::date;
pub use items::{ActionInput, ActionItem, ItemStatus, MAX_ITEM_CHARS};
pub use page::{Acknowledgement, Handover};
pub use report::{ChairReport, ReportInput, MAX_NOTES_CHARS};
pub use service::{Position, PositionInput, RotaEntry, Service};
