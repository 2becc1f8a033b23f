//! Circlekeeper's core: the domain of a peer support meeting and the local store that keeps it.
//! It knows nothing of windows or Tauri, so everything here is tested in plain `cargo test`.

// Shared basics: the error type, the clock, files written whole, what a name may be, time zones, the
// languages the chair's screens speak.
pub mod clock;
pub mod error;
pub mod files;
pub mod language;
pub mod names;
pub mod zone;

// The store: one connection, one transaction per write, migrations, encryption at rest.
pub mod store;

// Backups of the data file: taken, verified, listed, rotated and restored (over the store).
pub mod backup;

// The aggregates, lowest first: each may use those above it in this list, never one below.
pub mod bundle;
pub mod format;
pub mod group;
pub mod handover;
pub mod meeting;
pub mod milestones;
pub mod privacy;
pub mod slips;
pub mod speaking;
pub mod timer;
pub mod trends;

// The meeting as it happens: actions across aggregates, the room display, the change feed.
pub mod live;

pub use backup::{Alignment, BackupInfo, BackupPreview, BackupReason, BackupSource, GroupPreview, RestoreReport};
pub use bundle::{ExportReport, ImportReport, SavedBundle};
pub use clock::{Clock, FakeClock, SystemClock};
pub use error::{Error, IpcError, Problem, Result};
pub use format::runner::{FormatChoice, RunnerView};
pub use format::schedule::{Pace, Run, RunPhase, RunReport, RunStatus, SegmentActual, SharingBudget, Standing};
pub use format::{template_by_id, templates, Format, Segment, Template};
pub use group::resources::{Resource, ResourceInput};
pub use group::roster::{Person, PersonInput};
pub use group::{Group, GroupInput};
pub use handover::{
    Acknowledgement, ActionInput, ActionItem, ChairReport, Handover, ItemStatus, Position, PositionInput, ReportInput,
    RotaEntry, Service,
};
pub use language::Language;
pub use live::feed::Snapshot;
pub use live::room::{Frames, RoomClock, RoomSettings, RoomView};
pub use live::tally::Tally;
pub use meeting::attendance::{Attendee, CountKind, Counts};
pub use meeting::view::{MeetingSummary, MeetingView, RosterEntry};
pub use meeting::{Meeting, MeetingMode, MeetingStatus, OpenMeetingInput};
pub use milestones::celebrations::{CelebrationView, Due};
pub use milestones::dates::{
    LowStock, Milestone, MilestoneChoices, MilestonePoints, Point, PointChoice, StockCount, StockLine, Window,
};
pub use privacy::{ForgetCounts, ForgetPreview, ForgetReport, RetentionPreview, RetentionRun};
pub use slips::{Slip, SlipLookup};
pub use speaking::fair_time::{
    fair_share, summarize, FairBasis, FairShare, FairTimeInput, PersonTotal, ShareTime, SharesSummary,
};
pub use speaking::order::{
    propose_start, CircleSetup, Direction, HandsOrder, HandsSetup, Outcome, Reason, Round, RoundMode, StartProposal,
    StartReason, Turn, Waiting,
};
pub use speaking::round::{
    FairTime, RoundInfo, Seat, SharingRules, SharingTimeInput, SharingView, StartCircleInput, Upcoming,
};
pub use store::check::DataCheck;
pub use store::passphrase::Passphrase;
pub use store::{Aggregate, Changes, LockPostponed, Store, StoreStatus};
pub use timer::{ShareFacts, ShareRecord, ShareSettings, ShareState, StartShareInput, Timer, TimerCue, TimerPhase};
pub use trends::{CsvRows, Headcount, TrendBucket, Trends};

/// A new record id: time-ordered, unique across laptops, never reused.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}
