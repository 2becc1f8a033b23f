//! The tally from the paper kit, typed back in after the laptop stopped mid-meeting: members,
//! newcomers and visitors as counted on paper. One transaction; the names taken before the laptop
//! stopped are kept, and nothing is invented about who the others were.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{problem, Error, Result};
use crate::meeting::attendance::{counts, insert_check_in, set_count, CountKind};
use crate::meeting::set_mode;
use crate::meeting::view::{view, MeetingView};
use crate::meeting::{self, MeetingMode};
use crate::store::Store;

/// The most one line of a tally may hold: more is a slip of the finger, not a meeting.
const MOST: u32 = 1000;

/// What the chair counted on the tally sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Tally {
    pub members: u32,
    pub newcomers: u32,
    pub visitors: u32,
}

impl Tally {
    fn total(&self) -> u32 {
        self.members + self.newcomers + self.visitors
    }
}

impl Store {
    /// Puts the paper tally into the open meeting. A counts-only meeting takes its numbers as
    /// they are; so does a meeting by name where no one was checked in yet (it becomes counts-only).
    /// Where some were checked in before the laptop stopped, they keep their names and the rest of
    /// the tally's people are added as unnamed walk-ins (who was new among them is not known).
    pub fn enter_tally(&mut self, meeting_id: &str, tally: Tally) -> Result<MeetingView> {
        if [tally.members, tally.newcomers, tally.visitors].iter().any(|&n| n > MOST) {
            return Err(Error::invalid(problem!(
                "line_tally_hold_most_check",
                "A line of the tally can hold at most {most}. Please check the numbers.",
                most = MOST
            )));
        }
        self.write(|tx| {
            let m = meeting::get_open(tx, meeting_id)?;
            let here = counts(tx, &m)?.headcount;
            let counted = m.mode == MeetingMode::Headcount || here == 0;
            if counted {
                if m.mode == MeetingMode::Named {
                    set_mode(tx, meeting_id, MeetingMode::Headcount)?;
                }
                set_count(tx, meeting_id, CountKind::Members, tally.members.into())?;
                set_count(tx, meeting_id, CountKind::Newcomers, tally.newcomers.into())?;
                set_count(tx, meeting_id, CountKind::Visitors, tally.visitors.into())?;
            } else if tally.total() < here {
                return Err(Error::invalid(problem!(
                    "tally_below_checked_in",
                    "The tally counts {total}, fewer than the {here} already checked in here. Please count again, \
                     or type the tally as it is on paper.",
                    total = tally.total(),
                    here = here
                )));
            } else {
                for _ in here..tally.total() {
                    insert_check_in(tx, meeting_id, None)?;
                }
            }
            view(tx, meeting_id)
        })
    }
}

/// A meeting that went on on paper, typed back in by the chair.
#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::clock::FakeClock;
    use crate::group::roster::PersonInput;
    use crate::group::GroupInput;
    use crate::meeting::OpenMeetingInput;

    /// 17 November 2026, 19:30 UTC.
    const TUESDAY: i64 = 1_794_943_800_000;

    fn tonight(mode: MeetingMode) -> (Store, String, String) {
        let mut store = Store::open_in_memory(Arc::new(FakeClock::at(TUESDAY))).unwrap();
        let group = store.create_group(&GroupInput::tuesday_night_hope()).unwrap();
        let input = OpenMeetingInput { group_id: group.id.clone(), chair: "Robin".into(), mode, another_today: false };
        let meeting = store.open_meeting(&input).unwrap().meeting.id;
        (store, group.id, meeting)
    }

    const TALLY: Tally = Tally { members: 9, newcomers: 2, visitors: 1 };

    #[test]
    fn a_counts_only_meeting_takes_the_tally_as_it_is() {
        let (mut store, _, meeting) = tonight(MeetingMode::Headcount);
        store.adjust_count(&meeting, CountKind::Members, 3).unwrap();
        let v = store.enter_tally(&meeting, TALLY).unwrap();
        assert_eq!((v.counts.returning, v.counts.newcomers, v.counts.visitors, v.counts.headcount), (9, 2, 1, 12));
    }

    #[test]
    fn a_meeting_by_name_that_stopped_before_anyone_was_checked_in_becomes_counts_only() {
        let (mut store, _, meeting) = tonight(MeetingMode::Named);
        let v = store.enter_tally(&meeting, TALLY).unwrap();
        assert_eq!(v.meeting.mode, MeetingMode::Headcount);
        assert_eq!((v.counts.newcomers, v.counts.headcount), (2, 12));
    }

    #[test]
    fn those_checked_in_before_the_laptop_stopped_keep_their_names_and_the_rest_are_unnamed() {
        let (mut store, group, meeting) = tonight(MeetingMode::Named);
        for name in ["Sam", "Alex"] {
            let p = store.add_person(&group, &PersonInput { display_name: name.into(), last_initial: String::new() });
            store.check_in(&meeting, &p.unwrap().id).unwrap();
        }
        let v = store.enter_tally(&meeting, TALLY).unwrap();
        assert_eq!(v.meeting.mode, MeetingMode::Named);
        assert_eq!(v.counts.headcount, 12);
        assert_eq!(v.attendees.iter().filter(|a| a.person_id.is_some()).count(), 2, "Sam and Alex keep their names");
    }

    #[test]
    fn a_tally_smaller_than_those_checked_in_or_past_belief_is_refused_and_changes_nothing() {
        let (mut store, group, meeting) = tonight(MeetingMode::Named);
        for name in ["Sam", "Alex", "Jo"] {
            let p = store.add_person(&group, &PersonInput { display_name: name.into(), last_initial: String::new() });
            store.check_in(&meeting, &p.unwrap().id).unwrap();
        }
        let small = store.enter_tally(&meeting, Tally { members: 1, newcomers: 1, visitors: 0 }).unwrap_err();
        assert!(small.to_string().contains("fewer than the 3 already checked in"), "{small}");
        let huge = store.enter_tally(&meeting, Tally { members: 10_000, newcomers: 0, visitors: 0 }).unwrap_err();
        assert!(huge.to_string().contains("at most 1000"), "{huge}");
        assert_eq!(store.meeting_view(&meeting).unwrap().counts.headcount, 3);
    }

    #[test]
    fn a_closed_meeting_must_be_reopened_first() {
        let (mut store, _, meeting) = tonight(MeetingMode::Headcount);
        store.close_meeting(&meeting).unwrap();
        assert!(store.enter_tally(&meeting, TALLY).is_err());
        assert_eq!(store.meeting_view(&meeting).unwrap().counts.headcount, 0);
    }
}
