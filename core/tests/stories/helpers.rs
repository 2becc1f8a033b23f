//! What every story needs: a store on a fresh temporary file, a fake clock, a group.

use std::sync::Arc;

use circlekeeper_core::*;

/// 2026-11-17 18:00 UTC, a Tuesday evening.
pub const TUESDAY_EVENING: i64 = 1_794_938_400_000;

pub struct Room {
    pub store: Store,
    pub clock: FakeClock,
    pub dir: tempfile::TempDir,
}

impl Room {
    pub fn fresh() -> Room {
        let dir = tempfile::tempdir().unwrap();
        let clock = FakeClock::at(TUESDAY_EVENING);
        let store = Store::open(&dir.path().join("circlekeeper.sqlite3"), Arc::new(clock.clone())).unwrap();
        Room { store, clock, dir }
    }

    pub fn reopen(self) -> Room {
        let Room { store, clock, dir } = self;
        drop(store);
        let store = Store::open(&dir.path().join("circlekeeper.sqlite3"), Arc::new(clock.clone())).unwrap();
        Room { store, clock, dir }
    }

    pub fn group(&mut self) -> Group {
        self.store.create_group(&tuesday_night_hope()).unwrap()
    }

    pub fn person(&mut self, group: &Group, name: &str) -> Person {
        self.store
            .add_person(&group.id, &PersonInput { display_name: name.into(), last_initial: String::new() })
            .unwrap()
    }

    pub fn meeting(&mut self, group: &Group, mode: MeetingMode) -> MeetingView {
        self.store
            .open_meeting(&OpenMeetingInput {
                group_id: group.id.clone(),
                chair: "Robin".into(),
                mode,
                another_today: false,
            })
            .unwrap()
    }

    /// Everything a chair could see, to prove a refused command changed nothing.
    pub fn everything(&self, group: &Group) -> String {
        let meetings = self.store.meetings(&group.id).unwrap();
        let views: Vec<_> = meetings.iter().map(|s| self.store.meeting_view(&s.meeting.id).unwrap()).collect();
        format!("{:?}{:?}{:?}", self.store.groups().unwrap(), self.store.roster(&group.id).unwrap(), views)
    }
}

pub fn tuesday_night_hope() -> GroupInput {
    GroupInput {
        name: "Tuesday Night Hope".into(),
        fellowship: "NA".into(),
        weekday: 1,
        start_time: "19:30".into(),
        length_min: 60,
        location: "St. Mark's basement".into(),
    }
}

pub fn walk_in(name: &str) -> PersonInput {
    PersonInput { display_name: name.into(), last_initial: String::new() }
}

pub const DAY_MS: i64 = 24 * 60 * 60 * 1000;
