//! The disk says no: a data folder on a disk that fills up, one that is read-only, a backups
//! folder that cannot be written. Each write the disk refuses is `not_saving`, in plain words; the
//! store still opens, passes the check, and holds every write it acknowledged; no failed backup is
//! ever offered.
//!
//! Filling a real disk would be unkind to the machine, so each story runs in a child process of
//! this test binary, in a user and mount namespace of its own (`unshare --user --map-root-user
//! --mount`), on a small tmpfs that vanishes with it. A story that cannot get its namespace fails:
//! it never passes without having run.

use std::ffi::CString;
use std::path::Path;
use std::process::Command;

use circlekeeper_core::backup::{self, BackupReason};
use circlekeeper_core::*;

use crate::helpers::*;

/// Set in the child that runs a story inside its namespace.
const INSIDE: &str = "CIRCLEKEEPER_INSIDE_NAMESPACE";
/// What the child prints when its story ran to the end inside the namespace.
const RAN: &str = "the story ran on its own small disk";

/// Runs the test `name` (this module's) again in a child of this binary, in a new user and mount
/// namespace, and fails unless it ran there and passed.
fn in_a_namespace_of_its_own(name: &str) {
    let test = format!("not_saving::{name}");
    let exe = std::env::current_exe().unwrap();
    let out = Command::new("unshare")
        .args(["--user", "--map-root-user", "--mount", "--"])
        .arg(exe)
        .args([test.as_str(), "--exact", "--nocapture", "--test-threads=1"])
        .env(INSIDE, "1")
        .output()
        .unwrap_or_else(|e| panic!("`unshare` (util-linux) is needed to run this story: {e}"));
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "the story failed in its namespace:\n{stdout}\n{stderr}");
    assert!(stdout.contains(RAN) && stdout.contains("1 passed"), "the story did not run:\n{stdout}\n{stderr}");
}

/// mount(2), as the namespace's root.
fn mount(source: &str, target: &Path, fstype: &str, flags: libc::c_ulong, data: &str) {
    let c = |s: &str| CString::new(s).unwrap();
    let target = c(target.to_str().unwrap());
    // SAFETY: every pointer is a valid NUL-terminated string that outlives the call.
    let rc =
        unsafe { libc::mount(c(source).as_ptr(), target.as_ptr(), c(fstype).as_ptr(), flags, c(data).as_ptr().cast()) };
    assert_eq!(rc, 0, "mount {target:?}: {}", std::io::Error::last_os_error());
}

/// A tmpfs of `size` (as mount takes it: "2m") on a fresh folder.
fn small_disk(size: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    mount("tmpfs", dir.path(), "tmpfs", 0, &format!("size={size}"));
    dir
}

/// Makes `dir`, a mount point, read-only (or writable again).
fn remount(dir: &Path, read_only: bool) {
    let ro = if read_only { libc::MS_RDONLY } else { 0 };
    mount("none", dir, "", libc::MS_REMOUNT | libc::MS_BIND | ro, "");
}

/// Fills the disk `dir` is on, leaving nothing free; returns the filler to remove later.
fn fill(dir: &Path) -> std::path::PathBuf {
    use std::io::Write;
    let filler = dir.join("someone's videos");
    let mut f = std::fs::File::create(&filler).unwrap();
    let chunk = vec![0u8; 4096];
    while f.write_all(&chunk).is_ok() {}
    filler
}

/// Tonight's meeting of Tuesday Night Hope, on a data file in a folder of its own.
struct Tonight {
    room: Room,
    group: Group,
    meeting: String,
}

/// Tonight's meeting on a small disk of `size` of its own, inside the namespace; outside it, runs
/// the story `name` again there and gives None (the story's own checks then ran in the child).
fn tonight_on_a_small_disk(name: &str, size: &str) -> Option<Tonight> {
    if std::env::var_os(INSIDE).is_none() {
        in_a_namespace_of_its_own(name);
        return None;
    }
    let mut room = Room::in_folder(small_disk(size), None);
    let group = room.group();
    let meeting = room.meeting(&group, MeetingMode::Named).meeting.id;
    Some(Tonight { room, group, meeting })
}

impl Tonight {
    /// A walk-in arrives and is checked in: gives their name once both writes are acknowledged.
    fn walk_in(&mut self, i: usize) -> Result<String> {
        let name = format!("Walk-in {i} {}", "who came a long way tonight ".repeat(2));
        let person = self.room.store.add_person(&self.group.id, &walk_in(&name))?;
        self.room.store.check_in(&self.meeting, &person.id)?;
        Ok(person.display_name)
    }

    /// Walk-ins arrive until the disk refuses one: gives those checked in (acknowledged) and the refusal.
    fn walk_ins_until_refused(&mut self) -> (Vec<String>, Error) {
        let mut acknowledged = vec![];
        for i in 0..10_000 {
            match self.walk_in(i) {
                Ok(name) => acknowledged.push(name),
                Err(e) => return (acknowledged, e),
            }
        }
        panic!("the disk never refused a write");
    }
}

/// Everyone checked in at `meeting` as the data file at `path` holds it, after opening it again
/// and checking it whole.
fn checked_in_after_reopening(path: &Path, meeting: &str) -> Vec<String> {
    let store = open_at(path, None).unwrap();
    let check = store.check_data().unwrap();
    assert!(check.ok, "{:#?}", check.problems);
    store.meeting_view(meeting).unwrap().attendees.into_iter().filter_map(|a| a.display_name).collect()
}

#[test]
fn the_disk_fills_up_during_a_meeting() {
    let Some(mut t) = tonight_on_a_small_disk("the_disk_fills_up_during_a_meeting", "3m") else { return };
    let path = t.room.data_file();
    let filler = fill(t.room.dir.path());

    let (acknowledged, refused) = t.walk_ins_until_refused();
    assert_eq!(refused.kind(), "not_saving", "{refused}");
    let message = refused.to_string();
    assert!(message.starts_with("Circlekeeper cannot save right now: the disk is full."), "{message}");
    assert!(message.contains("nothing saved before it was lost"), "{message}");

    // A backup into the full disk fails in plain words and leaves nothing to offer.
    let source = t.room.store.backup_source().unwrap();
    let message = refused_as("not_saving", backup::take(&source, BackupReason::MeetingClosed, TUESDAY_EVENING));
    assert!(message.contains("No backup was made"), "{message}");
    assert_eq!(backup::list(&path).unwrap(), []);

    // The chair quits with the disk still full; the store opens, whole, with everyone acknowledged.
    let disk = t.room.close();
    assert_eq!(checked_in_after_reopening(&path, &t.meeting), acknowledged);

    // Space is freed: writing and backing up work again.
    std::fs::remove_file(filler).unwrap();
    let mut store = open_at(&path, None).unwrap();
    store.add_person(&t.group.id, &walk_in("After the clear-out")).unwrap();
    backup::take(&store.backup_source().unwrap(), BackupReason::Daily, TUESDAY_EVENING).unwrap();
    assert_eq!(backup::list(&path).unwrap().len(), 1);
    drop(disk);
    println!("{RAN}");
}

#[test]
fn the_backups_folder_and_then_the_data_folder_become_read_only() {
    let name = "the_backups_folder_and_then_the_data_folder_become_read_only";
    let Some(mut t) = tonight_on_a_small_disk(name, "8m") else { return };
    let path = t.room.data_file();
    let mut acknowledged: Vec<String> = (0..3).map(|i| t.walk_in(i).unwrap()).collect();

    // Mid-meeting the backups folder cannot be written to: the backup after the meeting fails in
    // plain words, offers nothing, and the meeting goes on saving.
    let backups = backup::folder(&path);
    std::fs::create_dir_all(&backups).unwrap();
    mount(backups.to_str().unwrap(), &backups, "", libc::MS_BIND, "");
    remount(&backups, true);
    let source = t.room.store.backup_source().unwrap();
    let message = refused_as("not_saving", backup::take(&source, BackupReason::MeetingClosed, TUESDAY_EVENING));
    assert!(message.contains("cannot be written to") && message.contains("No backup was made"), "{message}");
    assert_eq!(backup::list(&path).unwrap(), []);
    acknowledged.push(t.walk_in(3).unwrap());
    let disk = t.room.close();

    // Then the whole data folder is read-only when the chair next starts Circlekeeper. (Linux
    // makes a folder read-only only while no file in it is open for writing, or by itself after a
    // disk error; writes then fail with the codes error.rs's tests map to the same error.)
    remount(disk.path(), true);
    let message = refused_as("not_saving", open_at(&path, None).map(drop));
    assert!(message.contains("cannot be written to (it may have become read-only)"), "{message}");
    let source = BackupSource::new(path.clone(), None);
    refused_as("not_saving", backup::take(&source, BackupReason::Daily, TUESDAY_EVENING));
    assert_eq!(backup::list(&path).unwrap(), []);

    // Writable again: everything acknowledged is there, and the check finds it in order.
    remount(disk.path(), false);
    assert_eq!(checked_in_after_reopening(&path, &t.meeting), acknowledged);
    println!("{RAN}");
}

#[test]
fn a_spreadsheet_saved_to_a_full_disk_says_so_and_leaves_nothing_half_written() {
    let name = "a_spreadsheet_saved_to_a_full_disk_says_so_and_leaves_nothing_half_written";
    let Some(mut t) = tonight_on_a_small_disk(name, "3m") else { return };
    t.walk_in(0).unwrap();
    t.room.store.close_meeting(&t.meeting).unwrap();
    let exports = t.room.dir.path().join("for intergroup");
    std::fs::create_dir(&exports).unwrap();
    let file = exports.join("Tuesday Night Hope.csv");
    let save = |store: &Store| {
        store.save_trends_csv(&t.group.id, Some("2026-01-01"), Some("2026-12-31"), CsvRows::Months, &file)
    };

    let filler = fill(t.room.dir.path());
    let message = refused_as("not_saving", save(&t.room.store));
    assert!(message.contains("The spreadsheet was not saved"), "{message}");
    let left: Vec<_> = std::fs::read_dir(&exports).unwrap().collect();
    assert!(left.is_empty(), "nothing half-written is left: {left:?}");

    std::fs::remove_file(filler).unwrap();
    save(&t.room.store).unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(text.lines().count(), 13, "a heading and twelve months:\n{text}");
    println!("{RAN}");
}
