//! What the stories share: a store on a fresh temporary file (plain, or encrypted from its first
//! byte) on a fake clock, Tuesday Night Hope and its people, tonight's meeting with people checked
//! in, and the steps (a share, a circle) that many stories take on the way to what they check.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use circlekeeper_core::*;
use tempfile::TempDir;

pub const SEC: i64 = 1000;
pub const MIN: i64 = 60 * SEC;
pub const DAY_MS: i64 = 24 * 60 * MIN;

/// 2026-11-17 18:00 UTC, a Tuesday evening.
pub const TUESDAY_EVENING: i64 = 1_794_938_400_000;

/// The passphrase the chairs in these stories seal their handover bundles with.
pub const PASS: &str = "correct horse battery";

/// [`PASS`] as the bundle functions take it.
pub fn pass() -> Passphrase {
    Passphrase::new(PASS.into()).unwrap()
}

/// A chair's laptop: the store, the clock it reads, and the folder its data file lives in.
pub struct Room {
    pub store: Store,
    pub clock: FakeClock,
    pub dir: TempDir,
}

impl Room {
    /// A plain store on a fresh temporary file.
    pub fn fresh() -> Room {
        Room::in_folder(tempfile::tempdir().unwrap(), None)
    }

    /// A store encrypted with `key` from its first byte, on a fresh temporary file.
    pub fn encrypted(key: &Passphrase) -> Room {
        Room::in_folder(tempfile::tempdir().unwrap(), Some(key))
    }

    /// A store created in `dir`, encrypted with `key` if given, on a clock at Tuesday evening.
    pub fn in_folder(dir: TempDir, key: Option<&Passphrase>) -> Room {
        let clock = FakeClock::at(TUESDAY_EVENING);
        let store = Store::open_keyed(&data_file(&dir), Arc::new(clock.clone()), key).unwrap();
        Room { store, clock, dir }
    }

    /// The app quits and starts again on the same (plain) data file; the clock runs on.
    pub fn reopen(self) -> Room {
        let Room { store, clock, dir } = self;
        drop(store);
        let store = Store::open(&data_file(&dir), Arc::new(clock.clone())).unwrap();
        Room { store, clock, dir }
    }

    /// The app quits: the store is closed and its folder kept, to be looked at or opened again.
    pub fn close(self) -> TempDir {
        self.dir
    }

    pub fn data_file(&self) -> PathBuf {
        data_file(&self.dir)
    }

    pub fn group(&mut self) -> Group {
        self.store.create_group(&tuesday_night_hope()).unwrap()
    }

    pub fn person(&mut self, group: &Group, name: &str) -> Person {
        self.store.add_person(&group.id, &walk_in(name)).unwrap()
    }

    pub fn meeting(&mut self, group: &Group, mode: MeetingMode) -> MeetingView {
        self.open(group, mode, false)
    }

    /// A second named meeting the same day (asked for), as the chair opens one; gives its id.
    pub fn another_meeting_today(&mut self, group: &Group) -> String {
        self.open(group, MeetingMode::Named, true).meeting.id
    }

    fn open(&mut self, group: &Group, mode: MeetingMode, another_today: bool) -> MeetingView {
        self.store
            .open_meeting(&OpenMeetingInput { group_id: group.id.clone(), chair: "Robin".into(), mode, another_today })
            .unwrap()
    }

    /// Checks `person` in and gives their check-in's id.
    pub fn check_in(&mut self, meeting: &str, person: &Person) -> String {
        let view = self.store.check_in(meeting, &person.id).unwrap();
        view.attendees.iter().find(|a| a.person_id.as_ref() == Some(&person.id)).unwrap().check_in_id.clone()
    }

    /// Starts timing a share now, for `who` or for someone not on the roster, while none is running.
    pub fn start_share(&mut self, meeting: &str, who: Option<&Person>) -> ShareState {
        self.store
            .start_share(&StartShareInput {
                meeting_id: meeting.to_string(),
                person_id: who.map(|p| p.id.clone()),
                started_ago_ms: 0,
                replace_running: false,
            })
            .unwrap()
    }

    /// Starts a clockwise circle round at `first`'s seat.
    pub fn start_circle(&mut self, meeting: &str, first: &Person) -> SharingView {
        self.store
            .start_circle(&StartCircleInput {
                meeting_id: meeting.to_string(),
                first_person_id: Some(first.id.clone()),
                direction: Direction::Clockwise,
            })
            .unwrap()
    }
}

/// Tonight's meeting of Tuesday Night Hope, with its people checked in in the order given.
pub struct Evening {
    pub room: Room,
    pub group: Group,
    pub meeting: String,
    pub people: Vec<Person>,
}

impl Evening {
    pub fn with(names: &[&str]) -> Evening {
        let mut room = Room::fresh();
        let group = room.group();
        let meeting = room.meeting(&group, MeetingMode::Named).meeting.id;
        let people: Vec<Person> = names.iter().map(|n| room.person(&group, n)).collect();
        for p in &people {
            room.check_in(&meeting, p);
        }
        Evening { room, group, meeting, people }
    }

    /// `n` members, "Member 0" onwards.
    pub fn of_members(n: usize) -> Evening {
        let names: Vec<String> = (0..n).map(|i| format!("Member {i}")).collect();
        Evening::with(&names.iter().map(String::as_str).collect::<Vec<_>>())
    }

    /// Starts timing a share for the person checked in `who`-th.
    pub fn start_share(&mut self, who: usize) -> ShareState {
        self.room.start_share(&self.meeting, Some(&self.people[who]))
    }

    /// Starts a clockwise circle round at the seat of the person checked in `first`-th.
    pub fn start_circle(&mut self, first: usize) -> SharingView {
        self.room.start_circle(&self.meeting, &self.people[first])
    }
}

/// The data file in `dir`, named as the app names it.
pub fn data_file(dir: &TempDir) -> PathBuf {
    dir.path().join("circlekeeper.sqlite3")
}

/// The message of the error `result` must be, after checking that it is of `kind`.
#[track_caller]
pub fn refused_as<T: std::fmt::Debug>(kind: &str, result: Result<T>) -> String {
    let err = result.expect_err("this should be refused");
    assert_eq!(err.kind(), kind, "{err}");
    err.to_string()
}

/// Opens the data file at `path` as the app does at start-up, with `key` if it is encrypted.
pub fn open_at(path: &Path, key: Option<&Passphrase>) -> Result<Store> {
    Store::open_keyed(path, Arc::new(FakeClock::at(TUESDAY_EVENING)), key)
}

/// Everything a chair could see of `group`, to prove a refused command changed nothing or a
/// reopened store lost nothing.
pub fn everything(store: &Store, group: &Group) -> String {
    let meetings = store.meetings(&group.id).unwrap();
    let views: Vec<_> = meetings.iter().map(|s| store.meeting_view(&s.meeting.id).unwrap()).collect();
    format!("{:?}{:?}{:?}", store.groups().unwrap(), store.roster(&group.id).unwrap(), views)
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

/// An action item with no due date.
pub fn item(text: &str) -> ActionInput {
    ActionInput { text: text.into(), due_date: None, due_meeting: false }
}
