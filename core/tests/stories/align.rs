//! The backups forget what the chair forgot: a person forgotten, names retention removed, and the
//! passphrase that was changed. For a chair, "forget" means gone everywhere on this laptop.

use std::path::{Path, PathBuf};

use circlekeeper_core::backup::{self, Alignment, BackupReason};
use circlekeeper_core::*;

use crate::helpers::*;

fn take(room: &Room, reason: BackupReason) -> backup::BackupInfo {
    backup::take(&room.store.backup_source().unwrap(), reason, room.clock.now_ms()).unwrap()
}

fn align(room: &Room, previous: Option<&Passphrase>) -> Alignment {
    backup::align(&room.store.backup_source().unwrap(), previous, room.clock.now_ms()).unwrap()
}

/// Every backup offered, with its path.
fn backups(room: &Room) -> Vec<(backup::BackupInfo, PathBuf)> {
    let folder = backup::folder(&room.data_file());
    backup::list(&room.data_file()).unwrap().into_iter().map(|b| (b.clone(), folder.join(&b.file))).collect()
}

/// How many values in the backup at `path`, read through a connection (decrypted with `key`),
/// contain `name`, in any table and any column.
fn rows_naming(path: &Path, key: Option<&Passphrase>, name: &str) -> i64 {
    let conn = rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    if let Some(key) = key {
        conn.pragma_update(None, "key", key.expose()).unwrap();
    }
    let mut stmt = conn
        .prepare("SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table'")
        .unwrap();
    let columns: Vec<(String, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().collect::<rusqlite::Result<_>>().unwrap();
    assert!(columns.len() > 60, "the backup's schema was read");
    columns
        .iter()
        .map(|(table, column)| {
            let sql = format!(
                "SELECT count(*) FROM \"{table}\" WHERE instr(lower(CAST(\"{column}\" AS TEXT)), lower(?1)) > 0"
            );
            conn.query_row(&sql, [name], |r| r.get::<_, i64>(0)).unwrap()
        })
        .sum()
}

fn bytes_name(path: &Path, name: &str) -> bool {
    std::fs::read(path).unwrap().windows(name.len()).any(|w| w == name.as_bytes())
}

/// Tonight's meeting with Ottoline and Marguerite, closed, backed up twice (tonight and the next
/// day); then the chair forgets Ottoline and the backups are brought in line.
fn ottoline_is_forgotten(key: Option<&Passphrase>) {
    let mut room = match key {
        Some(key) => Room::encrypted(key),
        None => Room::fresh(),
    };
    let group = room.group();
    let meeting = room.meeting(&group, MeetingMode::Named).meeting.id;
    let ottoline = room.person(&group, "Ottoline");
    let marguerite = room.person(&group, "Marguerite");
    room.check_in(&meeting, &ottoline);
    room.check_in(&meeting, &marguerite);
    room.store.close_meeting(&meeting).unwrap();
    take(&room, BackupReason::MeetingClosed);
    room.clock.advance_ms(DAY_MS);
    take(&room, BackupReason::Daily);
    for (_, path) in backups(&room) {
        assert_eq!(rows_naming(&path, key, "Ottoline"), 1, "before: each backup has her on the roster");
    }

    room.store.forget_person(&ottoline.id).unwrap();
    assert_eq!(align(&room, None), Alignment { mended: 2, removed: 0 });

    let all = backups(&room);
    assert_eq!(all.len(), 2, "both backups are still offered");
    for (info, path) in &all {
        assert_eq!(rows_naming(path, key, "Ottoline"), 0, "{} still names her", info.file);
        assert_eq!(rows_naming(path, key, "Marguerite"), 1, "and keeps everyone else");
        assert_eq!(info.protected, key.is_some());
        assert_eq!((info.groups, info.meetings), (Some(1), Some(1)), "its summary still counts it");
        if key.is_none() {
            assert!(!bytes_name(path, "Ottoline"), "{}: not even in the file's free space", info.file);
        }
        backup::verify(&room.data_file(), &info.file, key).unwrap();
    }
    // The attendance count of the night she came is the same in the backup as in the data.
    let restored_copy = tempfile::tempdir().unwrap();
    let copy = restored_copy.path().join("copy.sqlite3");
    std::fs::copy(&all[0].1, &copy).unwrap();
    let view = open_at(&copy, key).unwrap().meeting_view(&meeting).unwrap();
    assert_eq!(view.attendees.len(), 2);
    assert_eq!(view.attendees.iter().filter(|a| a.person_id.is_none()).count(), 1);

    assert_eq!(align(&room, None), Alignment::default(), "brought in line once, nothing more to do");
    let folder = backup::folder(&room.data_file());
    let left: Vec<_> = std::fs::read_dir(&folder).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left.len(), 4, "two backups and their summaries, nothing else: {left:?}");
}

#[test]
fn ottoline_is_forgotten_and_no_backup_holds_her_name() {
    ottoline_is_forgotten(None);
}

#[test]
fn ottoline_is_forgotten_and_no_protected_backup_holds_her_name() {
    ottoline_is_forgotten(Some(&pass()));
}

#[test]
fn retention_reaches_the_backups() {
    let mut room = Room::fresh();
    let group = room.group();
    let meeting = room.meeting(&group, MeetingMode::Named).meeting.id;
    let marguerite = room.person(&group, "Marguerite");
    room.check_in(&meeting, &marguerite);
    room.store.close_meeting(&meeting).unwrap();
    let old = take(&room, BackupReason::MeetingClosed);

    // Fourteen months on, the group keeps names for a year: that night loses them.
    room.clock.advance_ms(425 * DAY_MS);
    room.store.set_retention(&group.id, Some(12)).unwrap();
    assert_eq!(room.store.apply_retention().unwrap().meetings(), 1);
    assert_eq!(align(&room, None), Alignment { mended: 1, removed: 0 });

    let copy_dir = tempfile::tempdir().unwrap();
    let copy = copy_dir.path().join("copy.sqlite3");
    std::fs::copy(backup::folder(&room.data_file()).join(&old.file), &copy).unwrap();
    let store = open_at(&copy, None).unwrap();
    let view = store.meeting_view(&meeting).unwrap();
    assert_eq!(view.attendees.iter().filter(|a| a.person_id.is_some()).count(), 0, "no name left on that night");
    assert_eq!(view.counts, room.store.meeting_view(&meeting).unwrap().counts, "the counts stay");
    assert_eq!(store.retention_preview(&group.id).unwrap().months, Some(12), "and the backup keeps a year too");
}

#[test]
fn after_the_passphrase_changes_the_old_one_opens_no_backup() {
    let old = pass();
    let mut room = Room::encrypted(&old);
    room.group();
    take(&room, BackupReason::Daily);
    room.clock.advance_ms(DAY_MS);
    take(&room, BackupReason::ByHand);
    let new = Passphrase::new("a new passphrase for the new year".into()).unwrap();
    room.store.change_passphrase(&new).unwrap();

    assert_eq!(align(&room, Some(&old)), Alignment { mended: 2, removed: 0 });
    assert_eq!(backup::newest_that_opens(&room.data_file(), Some(&old)), None);
    for (info, _) in backups(&room) {
        assert!(info.protected);
        refused_as("wrong_passphrase", backup::verify(&room.data_file(), &info.file, Some(&old)));
        assert_eq!(backup::verify(&room.data_file(), &info.file, Some(&new)).unwrap().groups, Some(1));
    }
}

#[test]
fn protecting_plain_data_encrypts_the_backups_taken_before() {
    let mut room = Room::fresh();
    let group = room.group();
    room.person(&group, "Marguerite");
    take(&room, BackupReason::Daily);
    room.clock.advance_ms(DAY_MS);
    take(&room, BackupReason::Daily);
    let key = pass();
    room.store.change_passphrase(&key).unwrap();

    assert_eq!(align(&room, None), Alignment { mended: 2, removed: 0 });
    assert_eq!(backup::newest_that_opens(&room.data_file(), None), None, "no plain backup is left");
    for (info, path) in backups(&room) {
        assert!(info.protected, "{}", info.file);
        assert!(!bytes_name(&path, "Marguerite"));
        assert_eq!(rows_naming(&path, Some(&key), "Marguerite"), 1);
        backup::verify(&room.data_file(), &info.file, Some(&key)).unwrap();
    }
}

#[test]
fn a_backup_under_a_passphrase_from_two_changes_ago_is_removed() {
    let first = Passphrase::new("the first passphrase".into()).unwrap();
    let second = Passphrase::new("the second passphrase".into()).unwrap();
    let third = Passphrase::new("the third passphrase".into()).unwrap();
    let mut room = Room::encrypted(&first);
    room.group();
    let oldest = take(&room, BackupReason::Daily);
    room.store.change_passphrase(&second).unwrap();
    room.clock.advance_ms(DAY_MS);
    let under_second = take(&room, BackupReason::Daily);
    // The backups were not brought in line after the first change (the app was closed too soon).
    room.store.change_passphrase(&third).unwrap();

    assert_eq!(align(&room, Some(&second)), Alignment { mended: 1, removed: 1 });
    let left = backups(&room);
    assert_eq!(left.iter().map(|(b, _)| b.file.as_str()).collect::<Vec<_>>(), [under_second.file.as_str()]);
    backup::verify(&room.data_file(), &under_second.file, Some(&third)).unwrap();
    let folder = backup::folder(&room.data_file());
    let names: Vec<String> =
        std::fs::read_dir(&folder).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(
        !names.iter().any(|n| n.starts_with(&oldest.file)),
        "neither the backup nor its summary is left: {names:?}"
    );
}

#[test]
fn what_a_killed_alignment_left_is_never_offered_and_the_next_one_tidies_it() {
    let mut room = Room::fresh();
    let group = room.group();
    let ottoline = room.person(&group, "Ottoline");
    let b = take(&room, BackupReason::ByHand);
    let path = backup::folder(&room.data_file()).join(&b.file);
    // As a kill mid-way leaves it: a half-written copy and its WAL beside the backup.
    let half = PathBuf::from(format!("{}.aligning", path.display()));
    std::fs::write(&half, b"half a copy").unwrap();
    std::fs::write(format!("{}-wal", half.display()), b"frames").unwrap();
    assert_eq!(backups(&room).len(), 1, "only the whole backup is offered");

    room.store.forget_person(&ottoline.id).unwrap();
    assert_eq!(align(&room, None), Alignment { mended: 1, removed: 0 });
    let names: Vec<String> = std::fs::read_dir(backup::folder(&room.data_file()))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "the backup and its summary: {names:?}");
    assert_eq!(rows_naming(&path, None, "Ottoline"), 0);

    // With the app closed (the command-line tool), the data is read as the app left it.
    let dir = room.close();
    let source = backup::BackupSource::new(data_file(&dir), None);
    assert_eq!(backup::align(&source, None, TUESDAY_EVENING).unwrap(), Alignment::default());
}

/// The chair restores a backup from before the passphrase was changed (typing the old one): the
/// data is under the old passphrase again. The data as it was before the restore, under the new
/// one, is the newest copy of the group's records: bringing the backups in line keeps it.
#[test]
fn the_data_kept_before_a_restore_stays_whatever_passphrase_it_is_under() {
    let old = Passphrase::new("the old passphrase".into()).unwrap();
    let new = Passphrase::new("the new passphrase".into()).unwrap();
    let mut room = Room::encrypted(&old);
    let group = room.group();
    let before_change = take(&room, BackupReason::Daily);
    room.store.change_passphrase(&new).unwrap();
    room.clock.advance_ms(DAY_MS);
    room.person(&group, "Marguerite");
    let clock = room.clock.clone();
    let current = room.store.backup_source().unwrap();
    let dir = room.close();
    let path = data_file(&dir);

    let report = backup::restore_over(&current, &before_change.file, Some(&old), clock.now_ms()).unwrap();
    let kept = report.kept_aside.expect("the data as it was is kept");
    let store = Store::open_keyed(&path, std::sync::Arc::new(clock.clone()), Some(&old)).unwrap();
    let aligned = backup::align(&store.backup_source().unwrap(), None, clock.now_ms()).unwrap();
    assert_eq!(aligned.removed, 0, "{aligned:?}");
    let left: Vec<String> = backup::list(&path).unwrap().into_iter().map(|b| b.file).collect();
    assert!(left.contains(&kept.file), "{left:?}");
    backup::verify(&path, &kept.file, Some(&new)).expect("Marguerite's roster is still there under the new passphrase");
}
