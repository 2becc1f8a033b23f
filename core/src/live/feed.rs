//! The change feed: which snapshots a set of changes calls for, and those snapshots. Core decides
//! what each change means for what a window shows (a check-in changes the speaking order, the
//! reader list and who is celebrating, too); the shell only publishes what it is given.

use std::collections::BTreeSet;

use crate::error::{Error, Result};
use crate::format::runner::RunnerView;
use crate::meeting::view::{view as meeting_view, MeetingView};
use crate::milestones::celebrations::CelebrationView;
use crate::speaking::round::SharingView;
use crate::store::{Aggregate, Changes, Store};
use crate::timer::ShareState;

/// A snapshot of one part of a meeting, as the chair's window draws it.
#[derive(Debug, Clone, PartialEq)]
pub enum Snapshot {
    Meeting(MeetingView),
    Share(ShareState),
    Round(SharingView),
    Runner(RunnerView),
    Celebrations(CelebrationView),
}

/// The snapshots of a meeting that a change to one aggregate of it can alter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum View {
    Meeting,
    Share,
    Round,
    Runner,
    Celebrations,
}

/// What each kind of change is seen in. The speaking order shows who is here, who has shared and
/// what the format leaves for sharing; the runner offers readers from those here.
fn seen_in(aggregate: Aggregate) -> &'static [View] {
    use View::*;
    match aggregate {
        Aggregate::Group | Aggregate::Roster => &[Meeting, Share, Round, Runner, Celebrations],
        Aggregate::Meeting => &[Meeting, Share, Round, Runner],
        Aggregate::Attendance => &[Meeting, Round, Runner, Celebrations],
        Aggregate::Share => &[Share, Round],
        Aggregate::Round => &[Round],
        Aggregate::Runner => &[Runner, Round],
        Aggregate::Celebrations => &[Celebrations],
        Aggregate::Handover | Aggregate::Service => &[],
    }
}

impl Changes {
    /// True when the room display's frame may look different now.
    pub fn moves_room(&self) -> bool {
        self.iter().any(|(a, _)| {
            matches!(a, Aggregate::Group | Aggregate::Meeting | Aggregate::Share | Aggregate::Round | Aggregate::Runner)
        })
    }
}

impl Store {
    /// The snapshots `changes` call for, each once, meeting by meeting. A group-wide change (its
    /// settings, its roster) reaches the group's open meetings. A snapshot that no longer exists
    /// (a meeting removed by an import) is left out.
    pub fn snapshots(&self, changes: &Changes) -> Result<Vec<Snapshot>> {
        let mut wanted: BTreeSet<(String, View)> = BTreeSet::new();
        for (aggregate, id) in changes.iter() {
            let meetings = match aggregate {
                Aggregate::Group | Aggregate::Roster => crate::meeting::open_in_group(self.conn(), id)?,
                _ => vec![id.to_string()],
            };
            for m in meetings {
                wanted.extend(seen_in(aggregate).iter().map(|v| (m.clone(), *v)));
            }
        }
        let mut out = Vec::with_capacity(wanted.len());
        for (meeting_id, v) in wanted {
            let snapshot = match v {
                View::Meeting => meeting_view(self.conn(), &meeting_id).map(Snapshot::Meeting),
                View::Share => self.share_state(&meeting_id).map(Snapshot::Share),
                View::Round => self.sharing(&meeting_id).map(Snapshot::Round),
                View::Runner => self.runner(&meeting_id).map(Snapshot::Runner),
                View::Celebrations => self.celebrations(&meeting_id).map(Snapshot::Celebrations),
            };
            match snapshot {
                Ok(s) => out.push(s),
                // Gone (a meeting an import removed) or not for this meeting (a round in a
                // counts-only one): nothing to show.
                Err(Error::NotFound { .. } | Error::Conflict(_)) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    }
}
