//! The store protects itself: it upgrades old data without loss, and refuses, without
//! touching the file, a database it does not understand.

use crate::helpers::*;
use circlekeeper_core::*;

/// Schema 1 was the first released schema. Data written by it, row by row as that release
/// wrote it, must come through the current migrations intact.
#[test]
fn the_last_released_schema_upgrades_without_loss() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite3");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("../../migrations/001_foundation.sql")).unwrap();
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
    let store = open_at(&path, None).unwrap();
    assert_eq!(store.device_id(), "dev-1");
    let group = &store.groups().unwrap()[0];
    assert_eq!((group.name.as_str(), group.fellowship.as_str()), ("Friday Serenity", "AA open"));
    assert_eq!(store.roster("g1").unwrap()[0].display_name, "Zoë");
    let view = store.meeting_view("m1").unwrap();
    assert_eq!(view.counts, Counts { headcount: 2, newcomers: 1, returning: 0, visitors: 1 });
    assert_eq!(view.meeting.status, MeetingStatus::Closed);
}

/// The migrations as each release shipped them, oldest first.
const RELEASED: [&str; 10] = [
    include_str!("../../migrations/001_foundation.sql"),
    include_str!("../../migrations/002_shares.sql"),
    include_str!("../../migrations/003_rounds.sql"),
    include_str!("../../migrations/004_format_and_milestones.sql"),
    include_str!("../../migrations/005_handover.sql"),
    include_str!("../../migrations/006_long_history.sql"),
    include_str!("../../migrations/007_blank_tombstones.sql"),
    include_str!("../../migrations/008_local_changes_and_stamps.sql"),
    include_str!("../../migrations/009_rounds_end_with_their_meeting.sql"),
    include_str!("../../migrations/010_facts_that_outlive_names.sql"),
];

/// A data file as the release with schema `version` left it (before any record is written).
fn released_schema(path: &std::path::Path, version: usize) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(path).unwrap();
    for step in &RELEASED[..version] {
        conn.execute_batch(step).unwrap();
    }
    conn
}

/// Schema 4 is the last released schema (the format and milestones release). A meeting as it
/// wrote one, with a share, a round, a pass and a celebration, comes through schema 5 intact
/// and gains an empty handover.
#[test]
fn the_schema_4_release_upgrades_to_the_handover_without_loss() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("release-4.sqlite3");
    {
        let conn = released_schema(&path, 4);
        conn.execute_batch(
            "PRAGMA user_version = 4;
             INSERT INTO device VALUES ('dev-4', 1);
             INSERT INTO groups (id, name, fellowship, weekday, start_time, length_min, location, time_zone,
                 created_at, updated_at, updated_by) VALUES ('g1','Friday Serenity','AA open',4,'12:00',60,'','UTC',1,1,'dev-4');
             INSERT INTO people (id, group_id, display_name, last_initial, recovery_date, created_at, updated_at, updated_by)
                 VALUES ('p1','g1','Zoë','K','2025-11-13',1,1,'dev-4');
             INSERT INTO meetings (id, group_id, date, seq, status, chair, mode, opened_at, closed_at, created_at,
                 updated_at, updated_by) VALUES ('m1','g1','2026-11-13',1,'closed','Robin','named',1,2,1,2,'dev-4');
             INSERT INTO check_ins (id, meeting_id, person_id, arrived_at, created_at, updated_at, updated_by)
                 VALUES ('c1','m1','p1',1,1,1,'dev-4');
             INSERT INTO shares (id, meeting_id, person_id, planned_ms, warn_ms, started_at, ended_at, created_at,
                 updated_at, updated_by) VALUES ('s1','m1','p1',240000,60000,10,190010,10,190010,'dev-4');
             INSERT INTO passes (id, meeting_id, person_id, at, created_at, updated_at, updated_by)
                 VALUES ('x1','m1',NULL,5,5,5,'dev-4');
             INSERT INTO celebrations (id, meeting_id, person_id, label, date, created_at, updated_at, updated_by)
                 VALUES ('k1','m1','p1','1 year','2026-11-13',3,3,'dev-4');",
        )
        .unwrap();
    }
    let mut store = open_at(&path, None).unwrap();
    assert_eq!(store.device_id(), "dev-4");
    let view = store.meeting_view("m1").unwrap();
    assert_eq!(view.counts.headcount, 1);
    let report = store.chair_report("m1").unwrap();
    assert_eq!((report.shares, report.passes, report.chair.as_str()), (1, 1, "Robin"));
    assert_eq!(report.celebrated, ["Zoë: 1 year"]);
    assert_eq!(store.roster("g1").unwrap()[0].recovery_date.as_deref(), Some("2025-11-13"));
    let handover = store.handover("g1").unwrap();
    assert_eq!(handover.last_report.unwrap().meeting_id, "m1");
    assert!(handover.open_items.is_empty() && handover.acknowledged.is_none());
    // And the new records can be written at once.
    store.acknowledge_handover("g1", "Casey").unwrap();
}

/// Schema 5 is the last released schema (the handover release). Its meetings, with a check-in taken
/// back, a walk-in and a counts-only meeting, come through the long-history indexes of schema 6 with
/// the same history and counts, and take new check-ins at once.
#[test]
fn the_schema_5_release_upgrades_to_the_long_history_indexes_without_loss() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("release-5.sqlite3");
    {
        let conn = released_schema(&path, 5);
        conn.execute_batch(
            "PRAGMA user_version = 5;
             INSERT INTO device VALUES ('dev-5', 1);
             INSERT INTO groups (id, name, fellowship, weekday, start_time, length_min, location, time_zone,
                 created_at, updated_at, updated_by) VALUES ('g1','Friday Serenity','AA open',4,'12:00',60,'','UTC',1,1,'dev-5');
             INSERT INTO people (id, group_id, display_name, last_initial, created_at, updated_at, updated_by)
                 VALUES ('p1','g1','Zoë','K',1,1,'dev-5'), ('p2','g1','Sam','',1,1,'dev-5');
             INSERT INTO meetings (id, group_id, date, seq, status, chair, mode, opened_at, closed_at, created_at,
                 updated_at, updated_by) VALUES
                 ('m1','g1','2026-10-30',1,'closed','Robin','named',1,2,1,2,'dev-5'),
                 ('m2','g1','2026-11-06',1,'closed','Robin','headcount',3,4,3,4,'dev-5'),
                 ('m3','g1','2026-11-13',1,'closed','Robin','named',5,6,5,6,'dev-5');
             INSERT INTO check_ins (id, meeting_id, person_id, arrived_at, created_at, updated_at, updated_by, deleted_at)
                 VALUES ('c1','m1','p1',1,1,1,'dev-5',NULL), ('c2','m1','p2',1,1,1,'dev-5',2),
                        ('c3','m1',NULL,1,1,1,'dev-5',NULL), ('c4','m3','p1',5,5,5,'dev-5',NULL),
                        ('c5','m3','p2',5,5,5,'dev-5',NULL);
             INSERT INTO meeting_counts (meeting_id, members, newcomers, visitors, updated_at, updated_by)
                 VALUES ('m2', 3, 1, 0, 3, 'dev-5');",
        )
        .unwrap();
    }
    let mut store = open_at(&path, None).unwrap();
    let history: Vec<(String, Counts)> =
        store.meetings("g1").unwrap().into_iter().map(|s| (s.meeting.id, s.counts)).collect();
    assert_eq!(
        history,
        [
            ("m3".to_string(), Counts { headcount: 2, newcomers: 1, returning: 1, visitors: 0 }),
            ("m2".to_string(), Counts { headcount: 4, newcomers: 1, returning: 3, visitors: 0 }),
            ("m1".to_string(), Counts { headcount: 2, newcomers: 1, returning: 0, visitors: 1 }),
        ]
    );
    assert_eq!(store.meeting_view("m3").unwrap().attendees.len(), 2);
    store.reopen_meeting("m1").unwrap();
    let view = store.check_in("m1", "p2").unwrap();
    assert_eq!(view.counts, Counts { headcount: 3, newcomers: 2, returning: 0, visitors: 1 });
}

/// Schema 6 is the last released schema. It let a meeting be closed with its round still open, and
/// such a round stayed open for good. On upgrade that round is ended, as End round would end it
/// (whoever still waited is not reached), and the meeting, reopened, can start a new round; a round
/// in a meeting still open is left running.
#[test]
fn the_schema_6_release_upgrades_with_rounds_of_closed_meetings_ended() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("release-6.sqlite3");
    let round = |seats: &[&str]| {
        let setup = CircleSetup {
            seats: seats.iter().map(|s| s.to_string()).collect(),
            start_seat: 0,
            direction: Direction::Clockwise,
        };
        serde_json::to_string(&Round::circle(setup).unwrap()).unwrap()
    };
    {
        let conn = released_schema(&path, 6);
        conn.execute_batch(
            "PRAGMA user_version = 6;
             INSERT INTO device VALUES ('dev-6', 1);
             INSERT INTO groups (id, name, fellowship, weekday, start_time, length_min, location, time_zone,
                 created_at, updated_at, updated_by) VALUES ('g1','Friday Serenity','AA open',4,'12:00',60,'','UTC',1,1,'dev-6');
             INSERT INTO people (id, group_id, display_name, last_initial, created_at, updated_at, updated_by)
                 VALUES ('p1','g1','Zoë','K',1,1,'dev-6'), ('p2','g1','Sam','',1,1,'dev-6');
             INSERT INTO meetings (id, group_id, date, seq, status, chair, mode, opened_at, closed_at, created_at,
                 updated_at, updated_by) VALUES
                 ('m1','g1','2026-11-13',1,'closed','Robin','named',1,9,1,9,'dev-6'),
                 ('m2','g1','2026-11-20',1,'open','Robin','named',10,NULL,10,10,'dev-6');
             INSERT INTO check_ins (id, meeting_id, person_id, arrived_at, created_at, updated_at, updated_by)
                 VALUES ('c1','m1','p1',1,1,1,'dev-6'), ('c2','m1','p2',1,1,1,'dev-6'),
                        ('c3','m2','p1',10,10,10,'dev-6');",
        )
        .unwrap();
        conn.execute(
            "INSERT INTO rounds (id, meeting_id, state, started_at, created_at, updated_at, updated_by) VALUES
                 ('r1','m1',?1,2,2,3,'dev-6'), ('r2','m2',?2,11,11,11,'dev-6')",
            (round(&["p1", "p2"]), round(&["p1"])),
        )
        .unwrap();
    }
    let mut store = open_at(&path, None).unwrap();
    assert!(store.sharing("m1").unwrap().round.is_none(), "the closed meeting's round is over");
    assert!(store.sharing("m2").unwrap().round.is_some(), "tonight's round runs on");
    let (state, ended_at): (String, Option<i64>) = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("SELECT state, ended_at FROM rounds WHERE id = 'r1'", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    let ended: Round = serde_json::from_str(&state).unwrap();
    assert!(ended.is_over() && ended.waiting.is_empty());
    assert_eq!((ended.not_reached, ended_at), (vec!["p1".to_string(), "p2".to_string()], Some(3)));

    store.reopen_meeting("m1").unwrap();
    let first = store.roster("g1").unwrap().into_iter().find(|p| p.display_name == "Sam").unwrap();
    let started = store.start_circle(&StartCircleInput {
        meeting_id: "m1".into(),
        first_person_id: Some(first.id),
        direction: Direction::Clockwise,
    });
    assert!(started.unwrap().round.is_some(), "a new round can start where the old one was left open");
}

/// Schema 6 is the last released schema (the long-history release). Its records, some stamped by a
/// laptop whose clock ran months fast, and its log of a bundle already given, come through change
/// numbers and the hybrid logical clock of schema 8 intact. The first bundle of changes after the
/// upgrade is the whole group (the old log cannot say what was in the last one, so nothing is left
/// out); an edit made afterwards is stamped after every version already there, though this laptop's
/// clock is behind them; and the next bundle of changes carries only that edit.
#[test]
fn the_schema_6_release_upgrades_to_change_numbers_and_stamps_without_loss() {
    use crate::deep_paths::bundle::payload;
    let fast = TUESDAY_EVENING + 200 * DAY_MS;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("release-6.sqlite3");
    {
        let conn = released_schema(&path, 6);
        conn.execute_batch(&format!(
            "PRAGMA user_version = 6;
             INSERT INTO device VALUES ('dev-6', 1);
             INSERT INTO groups (id, name, fellowship, weekday, start_time, length_min, location, time_zone,
                 created_at, updated_at, updated_by) VALUES ('g1','Friday Serenity','AA open',4,'12:00',60,'','UTC',1,1,'dev-6');
             INSERT INTO people (id, group_id, display_name, last_initial, created_at, updated_at, updated_by)
                 VALUES ('p1','g1','Zoë','K',1,1,'dev-6'), ('p2','g1','Sam','',{fast},{fast},'dev-fast');
             INSERT INTO meetings (id, group_id, date, seq, status, chair, mode, opened_at, closed_at, created_at,
                 updated_at, updated_by) VALUES ('m1','g1','2026-11-13',1,'closed','Robin','named',1,2,1,2,'dev-6');
             INSERT INTO bundle_log (id, group_id, direction, bundle_id, since, records, at)
                 VALUES ('l1', 'g1', 'export', 'b1', NULL, 3, {fast});"
        ))
        .unwrap();
    }
    let mut store = open_at(&path, None).unwrap();
    let names: Vec<String> = store.roster("g1").unwrap().into_iter().map(|p| p.display_name).collect();
    assert_eq!(names, ["Sam", "Zoë"]);
    assert_eq!(store.meetings("g1").unwrap().len(), 1);

    let (_, whole) = store.export_bundle("g1", &pass(), true).unwrap();
    assert_eq!((whole.since, whole.records), (None, 4), "the first bundle of changes is the whole group");

    let ana = store.add_person("g1", &walk_in("Ana")).unwrap();
    let (p, _) = payload(&store, "g1", false).unwrap();
    let stamp = |id: &str| p.records.iter().find(|r| r.row["id"] == id).unwrap().updated_at();
    assert!(stamp(&ana.id) > stamp("p2"), "Ana's record is newer than Sam's, stamped months ahead");
    let (_, changes) = store.export_bundle("g1", &pass(), true).unwrap();
    assert_eq!(changes.records, 1, "only Ana travels next");
}

/// Schema 6 is the last released schema (the long-history release). It kept the words of a removed
/// action item and service position, the person of a check-in or share taken back, whose a deleted
/// celebration was, and, in its free space, what the chair had edited away. Its records come through schema 7
/// intact, and the removed ones keep nothing: not in their rows, not in the file.
#[test]
fn the_schema_6_release_upgrades_with_its_removed_records_emptied() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("release-6.sqlite3");
    {
        let conn = released_schema(&path, 6);
        conn.execute_batch(
            "PRAGMA user_version = 6;
             INSERT INTO device VALUES ('dev-6', 1);
             INSERT INTO groups (id, name, fellowship, weekday, start_time, length_min, location, time_zone,
                 created_at, updated_at, updated_by) VALUES ('g1','Friday Serenity','AA open',4,'12:00',60,'','UTC',1,1,'dev-6');
             INSERT INTO people (id, group_id, display_name, last_initial, recovery_date, created_at, updated_at, updated_by)
                 VALUES ('p1','g1','Zoë','K','2025-11-13',1,1,'dev-6'), ('p2','g1','Wilhelmina','',NULL,1,1,'dev-6');
             INSERT INTO meetings (id, group_id, date, seq, status, chair, mode, opened_at, closed_at, created_at,
                 updated_at, updated_by) VALUES ('m1','g1','2026-11-13',1,'closed','Robin','named',1,2,1,2,'dev-6');
             INSERT INTO check_ins (id, meeting_id, person_id, arrived_at, created_at, updated_at, updated_by, deleted_at)
                 VALUES ('c1','m1','p1',1,1,1,'dev-6',NULL), ('c2','m1','p2',1,1,2,'dev-6',2);
             INSERT INTO shares (id, meeting_id, person_id, planned_ms, warn_ms, started_at, ended_at, created_at,
                 updated_at, updated_by, deleted_at) VALUES ('s1','m1','p1',240000,60000,10,190010,10,190010,'dev-6',NULL),
                 ('s2','m1','p2',240000,60000,10,NULL,10,11,'dev-6',11);
             INSERT INTO celebrations (id, meeting_id, person_id, label, date, created_at, updated_at, updated_by, deleted_at)
                 VALUES ('k1','m1','p1','1 year','2026-11-13',3,3,'dev-6',NULL), ('k2','m1','p2','','',3,4,'dev-6',4);
             INSERT INTO action_items (id, group_id, meeting_id, text, raised_by, status, created_at, updated_at, updated_by, deleted_at)
                 VALUES ('a1','g1','m1','Order keytags','Robin','open',5,5,'dev-6',NULL),
                        ('a2','g1','m1','Drive Wilhelmina home','Robin','open',5,6,'dev-6',6);
             INSERT INTO positions (id, group_id, title, holder, alternate, created_at, updated_at, updated_by, deleted_at)
                 VALUES ('q1','g1','Secretary','Zoë','',7,7,'dev-6',NULL), ('q2','g1','Greeter','Wilhelmina','Sam',7,8,'dev-6',8);
             INSERT INTO reports (meeting_id, notes, created_at, updated_at, updated_by)
                 VALUES ('m1', 'Wilhelmina brought the cake. ' || printf('%.4000c', '-'), 9, 9, 'dev-6');
             -- The chair took her name out of the notes and forgot her, as schema 6 did it: each row
             -- written again in place, the old bytes left in the file's free space.
             UPDATE reports SET notes = 'Someone brought the cake.', updated_at = 10;
             UPDATE people SET display_name = '', deleted_at = 10, updated_at = 10 WHERE id = 'p2';",
        )
        .unwrap();
    }
    let file_holds = |word: &str| std::fs::read(&path).unwrap().windows(word.len()).any(|w| w == word.as_bytes());
    assert!(file_holds("Wilhelmina brought"), "schema 6 left the notes as they were in the file");

    let store = open_at(&path, None).unwrap();
    // What is live is as it was.
    assert_eq!(store.roster("g1").unwrap().iter().map(|p| p.display_name.as_str()).collect::<Vec<_>>(), ["Zoë"]);
    let report = store.chair_report("m1").unwrap();
    assert_eq!((report.shares, report.celebrated.clone()), (1, vec!["Zoë: 1 year".to_string()]));
    assert_eq!(report.items.iter().map(|i| i.text.as_str()).collect::<Vec<_>>(), ["Order keytags"]);
    assert_eq!(store.meeting_view("m1").unwrap().counts.headcount, 1);
    assert_eq!(store.service("g1").unwrap().positions.len(), 1);
    drop(store);

    // What was removed keeps its key and stamps, and nothing else.
    let conn = rusqlite::Connection::open(&path).unwrap();
    let row = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, String>(0)).unwrap();
    assert_eq!(row("SELECT text || '|' || raised_by || '|' || updated_at FROM action_items WHERE id = 'a2'"), "||6");
    assert_eq!(row("SELECT title || '|' || holder || '|' || alternate FROM positions WHERE id = 'q2'"), "||");
    assert_eq!(row("SELECT quote(person_id) FROM check_ins WHERE id = 'c2'"), "NULL");
    assert_eq!(row("SELECT quote(person_id) FROM shares WHERE id = 's2'"), "NULL");
    assert_eq!(row("SELECT quote(person_id) FROM celebrations WHERE id = 'k2'"), "NULL");
    assert_eq!(row("SELECT person_id FROM celebrations WHERE id = 'k1'"), "p1");
    assert_eq!(row("SELECT person_id FROM check_ins WHERE id = 'c1'"), "p1");
    drop(conn);
    for word in ["Wilhelmina", "Drive", "Greeter"] {
        assert!(!file_holds(word), "{word} is still in the file");
    }
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
    let err = open_at(&path, None).err().expect("a newer schema must be refused");
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
    let err = open_at(&path, None).err().expect("garbage must be refused");
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

/// Schema 6 is the last released schema. Its named meetings, two in early 2025 (Zoë and Sam's first
/// night, and Zoë back a fortnight later) and one last Friday (Sam back after almost two years), come
/// through schema 10 with nothing kept yet beside the names, and read the same trends before and
/// after retention takes the 2025 names: Sam is still no newcomer last Friday.
#[test]
fn the_schema_6_release_upgrades_to_facts_that_outlive_the_names() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("release-6.sqlite3");
    {
        let conn = released_schema(&path, 6);
        conn.execute_batch(
            "PRAGMA user_version = 6;
             INSERT INTO device VALUES ('dev-6', 1);
             INSERT INTO groups (id, name, fellowship, weekday, start_time, length_min, location, time_zone,
                 created_at, updated_at, updated_by) VALUES ('g1','Friday Serenity','AA open',4,'12:00',60,'','UTC',1,1,'dev-6');
             INSERT INTO people (id, group_id, display_name, last_initial, created_at, updated_at, updated_by)
                 VALUES ('p1','g1','Zoë','K',1,1,'dev-6'), ('p2','g1','Sam','',1,1,'dev-6');
             INSERT INTO meetings (id, group_id, date, seq, status, chair, mode, opened_at, closed_at, created_at,
                 updated_at, updated_by) VALUES
                 ('m1','g1','2025-01-03',1,'closed','Robin','named',1,9,1,9,'dev-6'),
                 ('m2','g1','2025-01-17',1,'closed','Robin','named',10,19,10,19,'dev-6'),
                 ('m3','g1','2026-11-13',1,'closed','Robin','named',20,29,20,29,'dev-6');
             INSERT INTO check_ins (id, meeting_id, person_id, arrived_at, created_at, updated_at, updated_by)
                 VALUES ('c1','m1','p1',1,1,1,'dev-6'), ('c2','m1','p2',1,1,1,'dev-6'),
                        ('c3','m2','p1',10,10,10,'dev-6'), ('c4','m3','p2',20,20,20,'dev-6');",
        )
        .unwrap();
    }
    let mut store = open_at(&path, None).unwrap();
    let kept: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("SELECT (SELECT count(*) FROM meeting_facts) + (SELECT count(first_came) FROM people)", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(kept, 0, "nothing is kept beside the names until retention takes them");

    let before = store.trends("g1", "2025-01-01", "2026-11-30").unwrap();
    let january = &before.months[0];
    assert_eq!((january.meetings, january.newcomers, january.came_back_30, january.returning), (2, 2, 1, 1));
    let november = before.months.last().unwrap();
    assert_eq!((november.meetings, november.newcomers, november.returning), (1, 0, 1));

    store.set_retention("g1", Some(12)).unwrap();
    assert_eq!(store.apply_retention().unwrap().meetings(), 2);
    assert_eq!(store.trends("g1", "2025-01-01", "2026-11-30").unwrap(), before);
    let last_friday = store.meeting_view("m3").unwrap().counts;
    assert_eq!((last_friday.newcomers, last_friday.returning), (0, 1), "Sam is no newcomer");
}

/// Schema 10 is the last released schema. Its group, a closed meeting with a check-in, kept facts
/// and a report come through schema 11 intact; the group issues slips (on until turned off), none
/// were issued before, its resources card is empty, and the next slip is number 1 of the year.
#[test]
fn the_schema_10_release_upgrades_to_slips_and_the_resources_card_without_loss() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("release-10.sqlite3");
    {
        let conn = released_schema(&path, 10);
        conn.execute_batch(
            "PRAGMA user_version = 10;
             INSERT INTO device VALUES ('dev-10', 1);
             INSERT INTO groups (id, name, fellowship, weekday, start_time, length_min, location, time_zone,
                 created_at, updated_at, updated_by) VALUES ('g1','Friday Serenity','AA open',4,'12:00',90,'Library','UTC',1,1,'dev-10');
             INSERT INTO people (id, group_id, display_name, last_initial, created_at, updated_at, updated_by)
                 VALUES ('p1','g1','Zoë','K',1,1,'dev-10');
             INSERT INTO meetings (id, group_id, date, seq, status, chair, mode, opened_at, closed_at, created_at,
                 updated_at, updated_by) VALUES ('m1','g1','2026-11-13',1,'closed','Robin','named',1,9,1,9,'dev-10');
             INSERT INTO check_ins (id, meeting_id, person_id, arrived_at, created_at, updated_at, updated_by)
                 VALUES ('c1','m1','p1',1,1,1,'dev-10');
             INSERT INTO meeting_facts (meeting_id, came_back_30, came_back_90, top_fifth_ms, updated_at, updated_by)
                 VALUES ('m1', 1, 1, 60000, 9, 'dev-10');
             INSERT INTO reports (meeting_id, notes, created_at, updated_at, updated_by)
                 VALUES ('m1', 'Key is with the caretaker.', 9, 9, 'dev-10');",
        )
        .unwrap();
    }
    let mut store = open_at(&path, None).unwrap();
    let group = store.group("g1").unwrap();
    assert_eq!((group.name.as_str(), group.length_min, group.slips), ("Friday Serenity", 90, true));
    assert_eq!(store.roster("g1").unwrap()[0].display_name, "Zoë");
    let view = store.meeting_view("m1").unwrap();
    assert_eq!((view.counts.headcount, view.slips_issued, view.meeting.status), (1, 0, MeetingStatus::Closed));
    assert_eq!(store.chair_report("m1").unwrap().notes, "Key is with the caretaker.");
    let kept: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("SELECT count(*) FROM meeting_facts", [], |r| r.get(0))
        .unwrap();
    assert_eq!(kept, 1);
    assert!(store.resources("g1").unwrap().is_empty());
    store.reopen_meeting("m1").unwrap();
    let slip = store.issue_slip("m1").unwrap();
    assert!(slip.serial.starts_with("2026-0001-"), "{}", slip.serial);
    assert_eq!((slip.starts.as_str(), slip.ends.as_str()), ("12:00", "13:30"));
}
