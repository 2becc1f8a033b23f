//! Circlekeeper's core: the domain of a peer support meeting and the local store that keeps it.
//! It knows nothing of windows or Tauri, so everything here is tested in plain `cargo test`.

pub mod attendance;
pub mod bundle;
pub mod celebration;
pub mod clock;
pub mod db;
pub mod envelope;
pub mod error;
pub mod fair_time;
pub mod format;
pub mod group;
pub mod handover;
pub mod meeting;
pub mod merge;
pub mod milestone;
pub mod names;
pub mod passphrase;
pub mod privacy;
pub mod room;
pub mod roster;
pub mod runner;
pub mod round;
pub mod schedule;
pub mod share;
pub mod sharing;
pub mod store;

pub use attendance::{Attendee, CountKind, Counts, MeetingView, RosterEntry};
pub use bundle::{ExportReport, ImportReport, SavedBundle};
pub use celebration::{CelebrationView, Due};
pub use clock::{Clock, FakeClock, SystemClock};
pub use error::{Error, IpcError, Result};
pub use fair_time::{
    fair_share, summarize, FairBasis, FairShare, FairTimeInput, PersonTotal, ShareTime, SharesSummary,
};
pub use format::{template_by_id, templates, Format, Segment, Template};
pub use group::{Group, GroupInput};
pub use handover::{
    Acknowledgement, ActionInput, ActionItem, ChairReport, Handover, ItemStatus, Position, PositionInput, ReportInput,
    RotaEntry, Service,
};
pub use meeting::{Meeting, MeetingMode, MeetingStatus, MeetingSummary, OpenMeetingInput};
pub use milestone::{LowStock, Milestone, MilestonePoints, Point, StockCount, Window};
pub use passphrase::Passphrase;
pub use privacy::{ForgetCounts, ForgetPreview, ForgetReport, RetentionPreview, RetentionRun};
pub use room::{RoomSettings, RoomView};
pub use roster::{Person, PersonInput};
pub use round::{
    propose_start, CircleSetup, Direction, HandsOrder, HandsSetup, Outcome, Reason, Round, RoundMode, StartProposal,
    StartReason, Turn, Waiting,
};
pub use schedule::{Pace, Run, RunPhase, RunReport, RunStatus, SegmentActual, SharingBudget, Standing};
pub use share::{ShareFacts, ShareRecord, ShareSettings, ShareState, StartShareInput, Timer, TimerCue, TimerPhase};
pub use sharing::{FairTime, RoundInfo, Seat, SharingRules, SharingTimeInput, SharingView, StartCircleInput, Upcoming};
pub use runner::{FormatChoice, RunnerView};
pub use store::{Store, StoreStatus};

/// A new record id: time-ordered, unique across laptops, never reused.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}
