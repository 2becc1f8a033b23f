//! Putting a backup back in place of the data file, keeping the current file aside first, so that a
//! kill at any moment leaves a whole data file (the old one or the restored one) and nothing is lost.

use std::fs::File;
use std::path::Path;

use super::read::{checked_name, Backup};
use super::take::{list_with_key, take};
use super::{folder, local, name, verify, BackupInfo, BackupReason, BackupSource, RestoreReport};
use crate::error::{Error, Result};
use crate::store::db::{self, FileState};
use crate::store::passphrase::Passphrase;

/// Restores the backup `file` over `data_file`. Every connection to `data_file` must be closed.
///
/// 1. The backup is copied beside the data file (`<data file>.restoring`) and the copy checked
///    whole, so what is renamed into place is exactly what was checked.
/// 2. The current data file is kept aside: as a before-restore backup when it opens (with `key`, or
///    plain); otherwise as it is, with its `-wal`, under a name the list never offers.
/// 3. Its WAL, already folded into it, is removed, and the copy renamed over it.
pub fn restore(data_file: &Path, file: &str, key: Option<&Passphrase>, now_ms: i64) -> Result<RestoreReport> {
    restore_once(data_file, file, key, now_ms).map_err(|e| {
        e.when_saving("Nothing was restored.", "Your data file is as it was; free some space, then try again.")
    })
}

fn restore_once(data_file: &Path, file: &str, key: Option<&Passphrase>, now_ms: i64) -> Result<RestoreReport> {
    let dir = folder(data_file);
    let chosen = dir.join(checked_name(file)?);
    let copy = Restoring(db::with_suffix(data_file, ".restoring"));
    copy.remove();
    std::fs::copy(&chosen, &copy.0)?;
    File::open(&copy.0)?.sync_all()?;
    let mut restored = Backup::open(&copy.0, key)?.checked()?.info(file, &copy.0)?;
    if let Some(listed) = super::sidecar::read(&dir, file, restored.bytes) {
        restored.taken_at = listed.taken_at;
    }

    let kept_aside = keep_aside(data_file, key, now_ms)?;
    for suffix in ["-wal", "-shm"] {
        match std::fs::remove_file(db::with_suffix(data_file, suffix)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
            _ => {}
        }
    }
    std::fs::rename(&copy.0, data_file)?;
    std::mem::forget(copy);
    db::sync_dir(data_file);
    Ok(RestoreReport { restored, kept_aside })
}

/// The copy being restored, removed unless it was renamed into place.
struct Restoring(std::path::PathBuf);

impl Restoring {
    fn remove(&self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

impl Drop for Restoring {
    fn drop(&mut self) {
        self.remove();
    }
}

/// Keeps the current data file aside before it is replaced. One that opens (with `key` if it is
/// protected) becomes a before-restore backup, after its WAL is folded into it; one that does not
/// (damaged, or under another passphrase) is copied as it is, `-wal` included, into the backups
/// folder under a name never offered for restore.
fn keep_aside(data_file: &Path, key: Option<&Passphrase>, now_ms: i64) -> Result<Option<BackupInfo>> {
    let key = match db::probe(data_file) {
        Ok(FileState::Missing) => return Ok(None),
        Ok(FileState::Plain) => None,
        Ok(FileState::Encrypted) => key,
        Err(_) => return copy_as_it_is(data_file, now_ms).map(|()| None),
    };
    if fold_wal(data_file, key).is_err() {
        return copy_as_it_is(data_file, now_ms).map(|()| None);
    }
    let source = BackupSource::new(data_file.to_path_buf(), key.cloned());
    match take(&source, BackupReason::BeforeRestore, now_ms) {
        Ok(info) => Ok(Some(info)),
        Err(e @ Error::NotSaving(_)) => Err(e),
        Err(_) => copy_as_it_is(data_file, now_ms).map(|()| None),
    }
}

/// Folds the data file's WAL into it and empties it, refusing if another connection still has it
/// open (a window or program the caller did not close).
fn fold_wal(data_file: &Path, key: Option<&Passphrase>) -> Result<()> {
    let conn = rusqlite::Connection::open_with_flags(
        data_file,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    if let Some(key) = key {
        db::set_key(&conn, key)?;
    }
    db::checkpoint(&conn)?;
    conn.close().map_err(|(_, e)| Error::from(e))
}

fn copy_as_it_is(data_file: &Path, now_ms: i64) -> Result<()> {
    let dir = folder(data_file);
    std::fs::create_dir_all(&dir)?;
    let aside = dir.join(name::set_aside_name(local(now_ms)));
    std::fs::copy(data_file, &aside)?;
    File::open(&aside)?.sync_all()?;
    let wal = db::with_suffix(data_file, "-wal");
    if wal.exists() {
        let aside_wal = db::with_suffix(&aside, "-wal");
        std::fs::copy(&wal, &aside_wal)?;
        File::open(&aside_wal)?.sync_all()?;
    }
    db::sync_dir(&aside);
    Ok(())
}

/// The newest backup that opens with `key` (None: a plain one) and passes the full check: what the
/// "cannot open its data" screen and a wrong passphrase offer.
pub fn newest_that_opens(data_file: &Path, key: Option<&Passphrase>) -> Option<BackupInfo> {
    let listed = list_with_key(data_file, key).ok()?;
    listed.into_iter().filter(|b| b.protected == key.is_some()).find_map(|b| verify(data_file, &b.file, key).ok())
}
