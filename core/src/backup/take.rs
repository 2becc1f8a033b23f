//! Taking a backup (online, from a connection of its own), listing the folder, and rotating it.
//!
//! The copy uses SQLite's online backup API for plain and encrypted data alike. SQLCipher allows
//! it between two connections keyed alike (it refuses a backup between a keyed and an unkeyed
//! one, or keys that differ): pages are decrypted from the source and encrypted again, so no page
//! of the data is ever written in the clear. Both are keyed with the source's page key and salt,
//! derived once per store (see `store/raw_key.rs`), so the copy opens with the same passphrase.
//! `sqlcipher_export` (what encrypting in place uses) would work too, but it copies row by row and
//! rebuilds every index: on the ten-year store encrypting in place (the export and a quick check)
//! took 2.7 s, this copy alone 1.0 s. A unit test below and the stories check that the copy opens
//! with the passphrase, refuses another and shows no name in its bytes.

use std::fs::File;
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use rusqlite::backup::{Backup as OnlineBackup, StepResult};
use rusqlite::{Connection, OpenFlags};

use super::read::Backup;
use super::rotation::{self, Dated};
use super::{folder, local, name, sidecar, utc_ms, BackupInfo, BackupReason, BackupSource};
use crate::error::{problem, Error, Result};
use crate::store::db::{self, FileState, Scratch};
use crate::store::passphrase::Passphrase;
use crate::store::raw_key::RawKey;

/// Copies the data file online into `folder()/<name>.partial`, checks the copy whole, renames it to
/// its name and rotates the folder. A failure leaves no file that [`list`] offers; a refusal by
/// the disk (full, read-only) is [`Error::NotSaving`].
pub fn take(source: &BackupSource, reason: BackupReason, now_ms: i64) -> Result<BackupInfo> {
    take_once(source, reason, now_ms).map_err(|e| {
        e.when_saving(
            problem!("no_backup_made", "No backup was made."),
            problem!(
                "backup_free_space",
                "Your data is unchanged and the meeting can go on; free some space or make the backups folder \
                 writable again."
            ),
        )
    })
}

fn take_once(source: &BackupSource, reason: BackupReason, now_ms: i64) -> Result<BackupInfo> {
    let key = page_key(source)?;
    let (dir, file, partial) = begin(source.data_file(), reason, now_ms)?;
    copy_online(source.data_file(), partial.path(), key.as_ref())?;
    File::open(partial.path())?.sync_all()?;
    let copy = match &key {
        Some(key) => Backup::open_raw(partial.path(), key)?,
        None => Backup::open(partial.path(), None)?,
    };
    // The quick check, not the full one: the online backup copies the source's pages as they are,
    // and the quick check reads every page in use (so, protected, authenticates each one) and
    // checks every tree, the free list and that no page is lost or used twice: all that writing
    // a copy could spoil. What only the full check adds, that each index agrees with its table
    // and unique stays unique, is a property of the pages' content, which the copy does not
    // change; a source flawed so (it is quick-checked when the store opens) gives a copy flawed
    // so, and verify and restore, which keep the full check, refuse it before it is ever put back.
    // On the ten-year store the full check was 0.6 s of a backup.
    let info = copy.quick_checked()?.info(&file, partial.path())?;
    file_away(&dir, partial, BackupInfo { taken_at: now_ms, ..info })
}

/// The page key of a protected data file (None for a plain one): derived by the first backup of
/// a store, then found, so the backup's connections are keyed with no run of the KDF.
fn page_key(source: &BackupSource) -> Result<Option<RawKey>> {
    match (db::probe(source.data_file())?, source.key()) {
        (FileState::Missing, _) => Err(Error::NotFound { what: "data file" }),
        (FileState::Plain, _) => Ok(None),
        (FileState::Encrypted, Some(key)) => key.raw_for(source.data_file()).map(Some),
        (FileState::Encrypted, None) => Err(Error::invalid(problem!(
            "data_file_protected_backup_needs",
            "The data file is protected: a backup needs its passphrase."
        ))),
    }
}

/// Readies the backups folder of `data_file` for a new backup: made if need be, tidied of what a
/// killed backup left. Gives the folder, the backup's name, and its `.partial` file, already
/// created (so a folder that refuses it says why; SQLite would only say it cannot open it).
pub(super) fn begin(data_file: &Path, reason: BackupReason, now_ms: i64) -> Result<(PathBuf, String, Scratch)> {
    let dir = folder(data_file);
    std::fs::create_dir_all(&dir)?;
    remove_partials(&dir)?;
    let file = name::backup_name(local(now_ms), reason);
    let partial = Scratch::new(dir.join(format!("{file}{}", name::PARTIAL)));
    File::create(partial.path())?;
    Ok((dir, file, partial))
}

/// Puts a written and checked backup in place: its summary beside it, the rename to its name,
/// then the rotation.
pub(super) fn file_away(dir: &Path, partial: Scratch, info: BackupInfo) -> Result<BackupInfo> {
    sidecar::write(dir, &info)?;
    partial.rename_to(&dir.join(&info.file))?;
    // The backup is made; a file the rotation could not remove is tried again next time.
    rotate(dir);
    Ok(info)
}

/// Removes what a backup killed part-way left behind: a `.partial` file and its journal, or its
/// WAL and shared memory (a copy is in WAL mode, as its source, until it is switched back).
fn remove_partials(dir: &Path) -> Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let left = |suffix: &str| name.strip_suffix(suffix).is_some_and(|rest| rest.ends_with(name::PARTIAL));
        if name.ends_with(name::PARTIAL) || db::LEFTOVERS.into_iter().any(left) {
            std::fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

/// SQLite's online backup of the data file into `dest`, on connections of its own (keyed with
/// `key` when the file is protected), in one step: one read transaction, so the copy is one
/// consistent moment even while the store writes (WAL lets the store go on writing meanwhile).
/// The copy uses a rollback journal, so it opens read-only without `-wal` or `-shm` files beside
/// it. Keyed with the source's page key and salt, the copy has the source's salt and so opens
/// with the same passphrase.
fn copy_online(data_file: &Path, dest: &Path, key: Option<&RawKey>) -> Result<()> {
    let from =
        Connection::open_with_flags(data_file, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    let mut to = Connection::open_with_flags(
        dest,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    if let Some(key) = key {
        db::set_raw_key(&from, key)?;
        db::set_raw_key(&to, key)?;
    }
    from.busy_timeout(std::time::Duration::from_secs(5))?;
    {
        let backup = OnlineBackup::new(&from, &mut to)?;
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        loop {
            match backup.step(-1)? {
                StepResult::Done => break,
                // Only while another program holds the file: wait, as the store's busy timeout does.
                _ if std::time::Instant::now() > deadline => return Err(db::in_use()),
                _ => std::thread::sleep(std::time::Duration::from_millis(50)),
            }
        }
    }
    let _mode: String = to.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    to.close().map_err(|(_, e)| Error::from(e))?;
    from.close().map_err(|(_, e)| Error::from(e))?;
    Ok(())
}

/// Every whole backup of `data_file`, newest first. Each is summarised from the summary beside it;
/// a plain backup without one is counted (and its summary written), a protected one is listed
/// with what its name says.
pub fn list(data_file: &Path) -> Result<Vec<BackupInfo>> {
    list_with_key(data_file, None)
}

/// [`list`], counting a protected backup without a summary too when `key` opens it.
pub fn list_with_key(data_file: &Path, key: Option<&Passphrase>) -> Result<Vec<BackupInfo>> {
    let dir = folder(data_file);
    let mut found = vec![];
    for (file, local, reason) in backups_in(&dir)? {
        let path = dir.join(&file);
        let Ok(meta) = std::fs::metadata(&path) else { continue };
        if let Some(info) = sidecar::read(&dir, &file, meta.len()) {
            found.push(info);
            continue;
        }
        let counted = Backup::open(&path, key).and_then(|b| b.info(&file, &path));
        let info = match counted {
            Ok(info) => {
                let _ = sidecar::write(&dir, &info);
                info
            }
            Err(_) => BackupInfo {
                taken_at: utc_ms(local),
                reason,
                bytes: meta.len(),
                protected: db::probe(&path).is_ok_and(|s| s == FileState::Encrypted),
                groups: None,
                meetings: None,
                last_meeting: None,
                file,
            },
        };
        found.push(info);
    }
    found.sort_by(|a, b| b.taken_at.cmp(&a.taken_at).then(b.file.cmp(&a.file)));
    Ok(found)
}

/// The backups in `dir` by name (when and why), in no particular order; none if there is no folder.
fn backups_in(dir: &Path) -> Result<Vec<(String, NaiveDateTime, BackupReason)>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(vec![]),
        Err(e) => return Err(e.into()),
    };
    let mut found = vec![];
    for entry in entries {
        let file = entry?.file_name().to_string_lossy().into_owned();
        if let Some((local, reason)) = name::parse(&file) {
            found.push((file, local, reason));
        }
    }
    Ok(found)
}

/// Removes the backups the rotation rule does not keep, and summaries whose backup is gone.
fn rotate(dir: &Path) {
    let Ok(backups) = backups_in(dir) else { return };
    let dated: Vec<Dated> = backups
        .iter()
        .map(|(file, local, reason)| Dated { file, taken_at: utc_ms(*local), day: local.date(), reason: *reason })
        .collect();
    let keep = rotation::keep(&dated);
    for (file, _, _) in &backups {
        if !keep.contains(file.as_str()) && std::fs::remove_file(dir.join(file)).is_ok() {
            sidecar::remove(dir, file);
        }
    }
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if sidecar::backup_of(&name).is_some_and(|file| name::parse(file).is_some() && !dir.join(file).exists()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{FakeClock, GroupInput, PersonInput, Store};
    use std::sync::Arc;

    const NOW: i64 = 1_796_065_512_000;

    fn key(text: &str) -> Passphrase {
        Passphrase::new(text.into()).unwrap()
    }

    #[test]
    fn an_encrypted_store_is_copied_page_by_page_under_the_same_passphrase() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("circlekeeper.sqlite3");
        let pass = key("the group's passphrase");
        let mut store = Store::open_keyed(&data, Arc::new(FakeClock::at(NOW)), Some(&pass)).unwrap();
        let group = store.create_group(&GroupInput::tuesday_night_hope()).unwrap();
        let person = PersonInput { display_name: "Marguerite".into(), last_initial: String::new() };
        store.add_person(&group.id, &person).unwrap();

        let info = take(&store.backup_source().unwrap(), BackupReason::ByHand, NOW).unwrap();
        assert!(info.protected);
        assert_eq!((info.groups, info.meetings), (Some(1), Some(0)));
        let copy = std::fs::read(folder(&data).join(&info.file)).unwrap();
        assert!(!copy.windows(10).any(|w| w == b"Marguerite"), "no name in the clear");
        let path = folder(&data).join(&info.file);
        assert!(Backup::open(&path, Some(&pass)).unwrap().checked().is_ok(), "the passphrase alone opens it");
        assert!(Backup::open(&path, Some(&key("another passphrase"))).is_err());
    }

    #[test]
    fn what_a_killed_backup_left_is_cleared_by_the_next_one() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("circlekeeper.sqlite3");
        let store = Store::open(&data, Arc::new(FakeClock::at(NOW))).unwrap();
        let backups = folder(&data);
        std::fs::create_dir_all(&backups).unwrap();
        let killed = "circlekeeper 2026-11-30 19-05-12 daily.sqlite3.partial";
        let left: Vec<String> = ["", "-journal", "-wal", "-shm"].iter().map(|s| format!("{killed}{s}")).collect();
        for name in &left {
            std::fs::write(backups.join(name), b"half a page").unwrap();
        }
        // Not a leftover of a backup: kept.
        std::fs::write(backups.join("notes-wal"), b"the chair's own file").unwrap();

        let info = take(&store.backup_source().unwrap(), BackupReason::Daily, NOW).unwrap();
        for name in &left {
            assert!(!backups.join(name).exists(), "{name} was left");
        }
        assert!(backups.join("notes-wal").exists());
        assert!(backups.join(&info.file).exists());
    }

    #[test]
    fn only_the_first_backup_of_a_store_derives_its_key() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("circlekeeper.sqlite3");
        let pass = key("the group's passphrase");
        let store = Store::open_keyed(&data, Arc::new(FakeClock::at(NOW)), Some(&pass)).unwrap();
        let first = store.backup_source().unwrap();
        assert!(!first.key().unwrap().has_derived());
        take(&first, BackupReason::ByHand, NOW).unwrap();
        // A later source of the same store finds the key the first backup derived.
        let later = store.backup_source().unwrap();
        assert!(later.key().unwrap().has_derived());
        let info = take(&later, BackupReason::Daily, NOW + 1000).unwrap();
        assert!(Backup::open(&folder(&data).join(&info.file), Some(&pass)).is_ok());
    }
}
