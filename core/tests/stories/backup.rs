//! Backups as the chair meets them: one after every meeting, checked before it is offered, kept
//! for a year by the rotation, and restored when the data file is damaged or a mistake was made.

use std::collections::BTreeSet;

use chrono::{Datelike, TimeZone};
use circlekeeper_core::backup::{self, BackupReason};
use circlekeeper_core::*;

use crate::helpers::*;

const WEEK: i64 = 7 * DAY_MS;

fn now(room: &Room) -> i64 {
    room.clock.now_ms()
}

/// A backup of the store in `room`, taken now.
fn take(room: &Room, reason: BackupReason) -> backup::BackupInfo {
    backup::take(&room.store.backup_source().unwrap(), reason, now(room)).unwrap()
}

/// The backups the chair is offered, by file name.
fn offered(room: &Room) -> Vec<String> {
    backup::list(&room.data_file()).unwrap().into_iter().map(|b| b.file).collect()
}

#[test]
fn the_chair_closes_the_meeting_and_finds_a_verified_backup() {
    let mut evening = Evening::with(&["Marguerite", "Thaddeus", "Zoë"]);
    evening.room.store.close_meeting(&evening.meeting).unwrap();
    let at = now(&evening.room);
    let taken = take(&evening.room, BackupReason::MeetingClosed);

    // The store went on as the backup was taken, and the later write is not in it.
    evening.room.person(&evening.group, "Late Larry");

    let listed = backup::list(&evening.room.data_file()).unwrap();
    assert_eq!(listed, std::slice::from_ref(&taken));
    let b = &listed[0];
    assert!(b.file.starts_with("circlekeeper ") && b.file.ends_with(" meeting-closed.sqlite3"), "{}", b.file);
    assert_eq!((b.reason, b.taken_at, b.protected), (BackupReason::MeetingClosed, at, false));
    assert_eq!((b.groups, b.meetings), (Some(1), Some(1)));
    let tonight = evening.room.store.meeting_view(&evening.meeting).unwrap().meeting.date;
    assert_eq!(b.last_meeting.as_deref(), Some(tonight.as_str()));
    assert_eq!(b.bytes, std::fs::metadata(backup::folder(&evening.room.data_file()).join(&b.file)).unwrap().len());

    let verified = backup::verify(&evening.room.data_file(), &b.file, None).unwrap();
    assert_eq!((verified.groups, verified.meetings), (Some(1), Some(1)));
    let preview = backup::preview(&evening.room.data_file(), &b.file, None).unwrap();
    assert_eq!(preview.groups.len(), 1);
    assert_eq!(preview.groups[0].name, "Tuesday Night Hope");
    assert_eq!(preview.groups[0].meetings, 1);
}

#[test]
fn people_keep_arriving_while_the_backup_is_taken() {
    let mut evening = Evening::with(&["Marguerite"]);
    let source = evening.room.store.backup_source().unwrap();
    let at = now(&evening.room);
    let backing_up = std::thread::spawn(move || backup::take(&source, BackupReason::ByHand, at));
    let late: Vec<Person> = (0..20).map(|i| evening.room.person(&evening.group, &format!("Late {i}"))).collect();
    for p in &late {
        evening.room.check_in(&evening.meeting, p);
    }
    let taken = backing_up.join().unwrap().unwrap();
    // The backup is one moment of the evening, whole; every check-in was saved meanwhile.
    assert!(backup::verify(&evening.room.data_file(), &taken.file, None).is_ok());
    assert_eq!(evening.room.store.meeting_view(&evening.meeting).unwrap().attendees.len(), 21);
    assert!(evening.room.store.check_data().unwrap().ok);
}

#[test]
fn the_summary_beside_a_backup_names_nobody() {
    let evening = Evening::with(&["Marguerite"]);
    let b = take(&evening.room, BackupReason::ByHand);
    let folder = backup::folder(&evening.room.data_file());
    let mut summaries = 0;
    for entry in std::fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().unwrap() != b.file.as_str() {
            let text = std::fs::read_to_string(&path).unwrap();
            for name in ["Marguerite", "Tuesday Night Hope", "Robin", "St. Mark"] {
                assert!(!text.contains(name), "{name} in {}", path.display());
            }
            summaries += 1;
        }
    }
    assert_eq!(summaries, 1, "one summary beside the one backup");
}

#[test]
fn a_protected_store_is_backed_up_under_its_passphrase_and_after_a_change_under_the_new_one() {
    let key = pass();
    let mut room = Room::encrypted(&key);
    let group = room.group();
    room.person(&group, "Marguerite");
    let first = take(&room, BackupReason::Daily);
    assert!(first.protected);
    let bytes = std::fs::read(backup::folder(&room.data_file()).join(&first.file)).unwrap();
    assert!(!bytes.windows(10).any(|w| w == b"Marguerite"), "a protected backup shows no name");

    let new = Passphrase::new("a new passphrase for the new year".into()).unwrap();
    room.store.change_passphrase(&new).unwrap();
    room.clock.advance_ms(DAY_MS);
    let second = take(&room, BackupReason::Daily);
    assert!(backup::verify(&room.data_file(), &second.file, Some(&new)).is_ok());
    refused_as("wrong_passphrase", backup::verify(&room.data_file(), &second.file, Some(&key)));
    // Each backup keeps the passphrase the data had when it was taken.
    assert!(backup::verify(&room.data_file(), &first.file, Some(&key)).is_ok());
}

#[test]
fn without_the_passphrase_a_protected_backup_is_listed_by_what_its_summary_says() {
    let key = pass();
    let mut room = Room::encrypted(&key);
    room.group();
    let b = take(&room, BackupReason::ByHand);
    let folder = backup::folder(&room.data_file());
    assert_eq!(backup::list(&room.data_file()).unwrap(), std::slice::from_ref(&b));

    // Its summary lost: listed by its name, counted again once the passphrase is at hand.
    let summary: Vec<_> =
        std::fs::read_dir(&folder).unwrap().map(|e| e.unwrap().path()).filter(|p| *p != folder.join(&b.file)).collect();
    assert_eq!(summary.len(), 1);
    std::fs::remove_file(&summary[0]).unwrap();
    let by_name = &backup::list(&room.data_file()).unwrap()[0];
    assert_eq!(
        (by_name.file.as_str(), by_name.reason, by_name.protected),
        (b.file.as_str(), BackupReason::ByHand, true)
    );
    assert_eq!((by_name.groups, by_name.meetings, by_name.last_meeting.as_ref()), (None, None, None));
    assert_eq!(by_name.taken_at / 1000, b.taken_at / 1000, "to the second, from its name");
    let counted = &backup::list_with_key(&room.data_file(), Some(&key)).unwrap()[0];
    assert_eq!(counted.groups, Some(1));
    assert_eq!(backup::list(&room.data_file()).unwrap()[0].groups, Some(1), "and its summary written again");
}

#[test]
fn a_damaged_data_file_is_restored_from_the_newest_backup() {
    let mut evening = Evening::with(&["Marguerite", "Thaddeus"]);
    let (group, path) = (evening.group.clone(), evening.room.data_file());
    let older = take(&evening.room, BackupReason::Daily);
    evening.room.clock.advance_ms(DAY_MS);
    evening.room.person(&group, "Zoë");
    evening.room.store.close_meeting(&evening.meeting).unwrap();
    let newest = take(&evening.room, BackupReason::MeetingClosed);
    let before = everything(&evening.room.store, &group);
    let clock = evening.room.clock.clone();
    let dir = evening.room.close();

    // The laptop is dropped: a stretch of the file in the middle is written over.
    let mut bytes = std::fs::read(&path).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle..middle + 8192].fill(0x5a);
    std::fs::write(&path, &bytes).unwrap();
    assert_eq!(open_at(&path, None).err().map(|e| e.kind()), Some("not_a_database"));

    // The "cannot open its data" screen offers the newest backup that opens.
    let offer = backup::newest_that_opens(&path, None).unwrap();
    assert_eq!(offer.file, newest.file);
    let report = backup::restore(&path, &offer.file, None, clock.now_ms()).unwrap();
    assert_eq!(report.restored.file, newest.file);
    assert_eq!(report.kept_aside, None, "a file that does not open is kept aside as it is, not offered");

    let store = open_at(&path, None).unwrap();
    assert_eq!(everything(&store, &group), before);
    assert!(store.check_data().unwrap().ok);
    drop(store);
    let folder = backup::folder(&path);
    let set_aside: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("set aside "))
        .collect();
    assert_eq!(set_aside.len(), 1, "the damaged file is kept, in case it can be mended");
    assert_eq!(std::fs::read(folder.join(&set_aside[0])).unwrap(), bytes);
    let offered: Vec<String> = backup::list(&path).unwrap().into_iter().map(|b| b.file).collect();
    assert_eq!(offered, [newest.file, older.file]);
    drop(dir);
}

#[test]
fn a_restore_keeps_the_data_it_replaces_as_a_backup_that_can_be_restored_back() {
    let mut room = Room::fresh();
    let group = room.group();
    let path = room.data_file();
    let b = take(&room, BackupReason::ByHand);
    room.person(&group, "Added after the backup");
    let after = everything(&room.store, &group);
    room.clock.advance_ms(60 * SEC);
    let clock = room.clock.clone();
    let dir = room.close();

    let report = backup::restore(&path, &b.file, None, clock.now_ms()).unwrap();
    let kept = report.kept_aside.unwrap();
    assert_eq!(kept.reason, BackupReason::BeforeRestore);
    let listed: Vec<String> = backup::list(&path).unwrap().into_iter().map(|b| b.file).collect();
    assert_eq!(listed, [kept.file.clone(), b.file.clone()], "the restored backup is still offered");
    assert!(!everything(&open_at(&path, None).unwrap(), &group).contains("Added after the backup"));

    // It was a mistake: the chair restores what was there before.
    clock.advance_ms(60 * SEC);
    backup::restore(&path, &kept.file, None, clock.now_ms()).unwrap();
    assert_eq!(everything(&open_at(&path, None).unwrap(), &group), after);
    drop(dir);
}

#[test]
fn a_restore_waits_until_the_store_is_closed() {
    let mut room = Room::fresh();
    let group = room.group();
    let b = take(&room, BackupReason::ByHand);
    room.person(&group, "Added after the backup");
    let message = refused_as("conflict", backup::restore(&room.data_file(), &b.file, None, now(&room)));
    assert!(message.contains("in use"), "{message}");
    // The store goes on as it was.
    room.person(&group, "And one more");
    let roster: Vec<String> = room.store.roster(&group.id).unwrap().into_iter().map(|p| p.display_name).collect();
    assert_eq!(roster, ["Added after the backup", "And one more"]);
    assert_eq!(offered(&room), [b.file], "nothing kept aside, nothing restored");
}

#[test]
fn a_wrong_passphrase_finds_no_backup_but_the_right_one_does() {
    let key = pass();
    let mut room = Room::encrypted(&key);
    room.group();
    let b = take(&room, BackupReason::Daily);
    let path = room.data_file();
    let dir = room.close();

    let wrong = Passphrase::new("correct horse battery staple".into()).unwrap();
    assert_eq!(backup::newest_that_opens(&path, Some(&wrong)), None);
    assert_eq!(backup::newest_that_opens(&path, None), None, "a protected backup is no plain one");
    assert_eq!(backup::newest_that_opens(&path, Some(&key)).map(|o| o.file), Some(b.file.clone()));
    refused_as("wrong_passphrase", backup::restore(&path, &b.file, Some(&wrong), TUESDAY_EVENING));
    assert!(open_at(&path, Some(&key)).is_ok(), "a refused restore changed nothing");
    drop(dir);
}

#[test]
fn a_damaged_backup_is_refused_and_the_one_before_it_is_offered() {
    let mut room = Room::fresh();
    room.group();
    let path = room.data_file();
    let older = take(&room, BackupReason::Daily);
    room.clock.advance_ms(DAY_MS);
    let newer = take(&room, BackupReason::Daily);
    let newer_path = backup::folder(&path).join(&newer.file);
    let len = std::fs::metadata(&newer_path).unwrap().len();
    std::fs::OpenOptions::new().write(true).open(&newer_path).unwrap().set_len(len / 2).unwrap();

    let message = refused_as("not_a_database", backup::verify(&path, &newer.file, None));
    assert!(message.contains("this backup is damaged"), "{message}");
    assert_eq!(backup::newest_that_opens(&path, None).map(|o| o.file), Some(older.file));
}

#[test]
fn a_killed_backup_leaves_nothing_offered_and_the_next_one_tidies_up() {
    let mut room = Room::fresh();
    room.group();
    let folder = backup::folder(&room.data_file());
    // What a backup killed part-way leaves: half a copy and its journal, and half a summary.
    std::fs::create_dir_all(&folder).unwrap();
    let half = std::fs::read(room.data_file()).unwrap();
    let name = "circlekeeper 2026-11-17 18-00-00 meeting-closed.sqlite3";
    std::fs::write(folder.join(format!("{name}.partial")), &half[..half.len() / 2]).unwrap();
    std::fs::write(folder.join(format!("{name}.partial-journal")), b"journal").unwrap();
    std::fs::write(folder.join(format!("{name}.json.partial")), b"{\"file\":").unwrap();
    assert_eq!(offered(&room), Vec::<String>::new());
    refused_as("not_found", backup::verify(&room.data_file(), &format!("{name}.partial"), None));
    refused_as("not_found", backup::restore(&room.data_file(), &format!("{name}.partial"), None, TUESDAY_EVENING));

    let b = take(&room, BackupReason::Daily);
    let left: BTreeSet<String> =
        std::fs::read_dir(&folder).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(left, BTreeSet::from([b.file.clone(), format!("{}.json", b.file)]));
}

#[test]
fn a_name_that_is_not_a_backup_is_never_opened() {
    let room = Room::fresh();
    let path = room.data_file();
    for name in ["../circlekeeper.sqlite3", "circlekeeper.sqlite3", "/etc/passwd", ""] {
        refused_as("not_found", backup::verify(&path, name, None));
        refused_as("not_found", backup::preview(&path, name, None));
    }
    let in_memory = Store::open_in_memory(std::sync::Arc::new(FakeClock::at(TUESDAY_EVENING))).unwrap();
    refused_as("invalid", in_memory.backup_source());
}

#[test]
fn a_year_of_weekly_meetings_keeps_seven_daily_eight_weekly_and_twelve_monthly_backups() {
    let mut room = Room::fresh();
    let group = room.group();
    let marguerite = room.person(&group, "Marguerite");
    let mut taken = vec![];
    for _week in 0..60 {
        room.clock.advance_ms(WEEK);
        let meeting = room.meeting(&group, MeetingMode::Named).meeting.id;
        room.check_in(&meeting, &marguerite);
        room.store.close_meeting(&meeting).unwrap();
        taken.push(take(&room, BackupReason::MeetingClosed));
    }
    let kept: Vec<_> = backup::list(&room.data_file()).unwrap();
    let month = |b: &backup::BackupInfo| {
        let day = chrono::Local.timestamp_millis_opt(b.taken_at).unwrap().date_naive();
        (day.year(), day.month())
    };

    // Each meeting's backup is on a day and in a week of its own: the last 7 days with a backup
    // are the last 7 meetings, within the last 8 weeks'. Then the newest backup of each of the
    // last 12 months.
    let newest_first: Vec<&backup::BackupInfo> = taken.iter().rev().collect();
    let mut want: BTreeSet<&str> = newest_first.iter().take(8).map(|b| b.file.as_str()).collect();
    let mut months = vec![];
    for b in &newest_first {
        if months.len() < 12 && !months.contains(&month(b)) {
            months.push(month(b));
            want.insert(&b.file);
        }
    }
    let got: BTreeSet<&str> = kept.iter().map(|b| b.file.as_str()).collect();
    assert_eq!(got, want);
    assert_eq!(kept[0], *taken.last().unwrap(), "newest first");
    assert!(kept.len() < taken.len() / 2, "{} of {} kept", kept.len(), taken.len());
    // Every meeting is still in the newest backup.
    assert_eq!(kept[0].meetings, Some(60));
}
