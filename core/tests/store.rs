//! The store protects itself: it upgrades old data without loss, and refuses, without
//! touching the file, a database it does not understand.

mod common;

use std::sync::Arc;

use circlekeeper_core::*;
use common::*;

fn open(path: &std::path::Path) -> Result<Store> {
    Store::open(path, Arc::new(FakeClock::at(TUESDAY_EVENING)))
}

/// Schema 1 is the last released schema. Data written by it, row by row as that release
/// wrote it, must come through the current migrations intact.
#[test]
fn the_last_released_schema_upgrades_without_loss() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite3");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("../migrations/001_foundation.sql")).unwrap();
        conn.execute_batch(
            "PRAGMA user_version = 1;
             INSERT INTO device VALUES ('dev-1', 1);
             INSERT INTO groups VALUES ('g1','Friday Serenity','AA open',4,'12:00',60,'Library','UTC',1,1,'dev-1',NULL);
             INSERT INTO people VALUES ('p1','g1','Zoë','K',1,1,'dev-1',NULL);
             INSERT INTO meetings VALUES ('m1','g1','2026-11-13',1,'closed','Robin','named',1,2,1,2,'dev-1',NULL);
             INSERT INTO check_ins VALUES ('c1','m1','p1',1,NULL,1,1,'dev-1',NULL);
             INSERT INTO check_ins VALUES ('c2','m1',NULL,1,NULL,1,1,'dev-1',NULL);",
        )
        .unwrap();
    }
    let store = open(&path).unwrap();
    assert_eq!(store.device_id(), "dev-1");
    let group = &store.groups().unwrap()[0];
    assert_eq!((group.name.as_str(), group.fellowship.as_str()), ("Friday Serenity", "AA open"));
    assert_eq!(store.roster("g1").unwrap()[0].display_name, "Zoë");
    let view = store.meeting_view("m1").unwrap();
    assert_eq!(view.counts, Counts { headcount: 2, newcomers: 1, returning: 0, visitors: 1 });
    assert_eq!(view.meeting.status, MeetingStatus::Closed);
}

#[test]
fn a_database_from_a_newer_version_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.sqlite3");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE from_the_future (x); PRAGMA user_version = 99;").unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = open(&path).err().expect("a newer schema must be refused");
    assert!(matches!(err, Error::NewerSchema { found: 99, .. }));
    assert!(err.to_string().contains("newer version"));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.sqlite3");
    let garbage: Vec<u8> = (0..8192u32).map(|i| (i * 7919 % 251) as u8).collect();
    std::fs::write(&path, &garbage).unwrap();
    let err = open(&path).err().expect("garbage must be refused");
    assert_eq!(err.kind(), "not_a_database");
    assert_eq!(std::fs::read(&path).unwrap(), garbage);
}

#[test]
fn errors_cross_ipc_as_kind_and_message() {
    let json = serde_json::to_value(Error::MeetingClosed).unwrap();
    assert_eq!(json["kind"], "meeting_closed");
    assert_eq!(json["message"], "This meeting is closed. Reopen it first to make a change.");
    let dup = Error::DuplicatePerson { name: "Sam".into(), existing_id: "p1".into() };
    assert_eq!(serde_json::to_value(dup).unwrap()["existingId"], "p1");
}
