//! Putting a backup back in place of the data file, keeping the current file aside first, so that a
//! kill at any moment leaves a whole data file (the old one or the restored one) and nothing is lost.

use std::fs::File;
use std::path::Path;

use super::read::{checked_name, Backup};
use super::take::{begin, file_away, list_with_key};
use super::{folder, local, name, verify, BackupInfo, BackupReason, BackupSource, RestoreReport};
use crate::error::{problem, Error, Result};
use crate::store::db::{self, FileState, Scratch};
use crate::store::passphrase::Passphrase;

/// Restores the backup `file` over `data_file`. Every connection to `data_file` must be closed.
///
/// 1. The backup is copied beside the data file (`<data file>.restoring`) and the copy checked
///    whole, so what is renamed into place is exactly what was checked.
/// 2. The current data file is kept aside: as a before-restore backup when it opens (with `key`, or
///    plain); otherwise as it is, with its `-wal`, under a name the list never offers (see
///    [`keep_aside`]).
/// 3. Its WAL, already folded into it, is removed, and the copy renamed over it.
pub fn restore(data_file: &Path, file: &str, key: Option<&Passphrase>, now_ms: i64) -> Result<RestoreReport> {
    restore_over(&BackupSource::new(data_file.to_path_buf(), key.cloned()), file, key, now_ms)
}

/// [`restore`] over the data file of `current` (taken from the store before it closed), which is
/// kept aside with the passphrase it has: after a passphrase change, a backup from before it opens
/// with the old one, and the data as it is must still become a before-restore backup, the way back.
pub fn restore_over(
    current: &BackupSource,
    file: &str,
    key: Option<&Passphrase>,
    now_ms: i64,
) -> Result<RestoreReport> {
    swap(current.data_file(), file, key, current.passphrase().or(key), now_ms).map_err(|e| {
        e.when_saving(
            problem!("nothing_restored", "Nothing was restored."),
            problem!("restore_free_space", "Your data file is as it was; free some space, then try again."),
        )
    })
}

/// The restore, the current file kept aside with `aside_key`.
fn swap(
    data_file: &Path,
    file: &str,
    key: Option<&Passphrase>,
    aside_key: Option<&Passphrase>,
    now_ms: i64,
) -> Result<RestoreReport> {
    let dir = folder(data_file);
    let chosen = dir.join(checked_name(file)?);
    // A copy left by a restore killed part-way is stale: dropping it removes it.
    drop(Scratch::new(db::with_suffix(data_file, ".restoring")));
    let copy = Scratch::new(db::with_suffix(data_file, ".restoring"));
    std::fs::copy(&chosen, copy.path())?;
    File::open(copy.path())?.sync_all()?;
    let mut restored = Backup::open(copy.path(), key)?.checked()?.info(file, copy.path())?;
    if let Some(listed) = super::sidecar::read(&dir, file, restored.bytes) {
        restored.taken_at = listed.taken_at;
    }

    let kept_aside = keep_aside(data_file, aside_key, now_ms)?;
    copy.replace(data_file)?;
    Ok(RestoreReport { restored, kept_aside })
}

/// Keeps the current data file aside before it is replaced. One that opens (with `key` if it is
/// protected) is quick-checked, has its WAL folded in and is copied byte for byte and counted, into a
/// before-restore backup: no connection but this one has it open, so the copy is one moment, and
/// no online copy (a second pass of decryption and encryption) is needed. One that does not open
/// (damaged, or under another passphrase) is copied as it is, `-wal` included, into the backups
/// folder under a name never offered for restore. Still open elsewhere: refused, nothing changed.
fn keep_aside(data_file: &Path, key: Option<&Passphrase>, now_ms: i64) -> Result<Option<BackupInfo>> {
    let key = match db::probe(data_file) {
        Ok(FileState::Missing) => return Ok(None),
        Ok(FileState::Plain) => None,
        Ok(FileState::Encrypted) => key,
        Err(_) => return copy_as_it_is(data_file, now_ms).map(|()| None),
    };
    let (dir, file, partial) = begin(data_file, BackupReason::BeforeRestore, now_ms)?;
    // Checked before anything is written to it: a damaged file is kept aside exactly as it is.
    let current =
        match Backup::open_data_file(data_file, key).and_then(Backup::quick_checked).and_then(Backup::fold_wal) {
            Ok(current) => current,
            Err(e @ (Error::Conflict(_) | Error::NotSaving(_))) => return Err(e),
            Err(e) if e.refusal().is_some() => return Err(e),
            Err(_) => return copy_as_it_is(data_file, now_ms).map(|()| None),
        };
    let info = current.info(&file, data_file)?;
    std::fs::copy(data_file, partial.path())?;
    File::open(partial.path())?.sync_all()?;
    file_away(&dir, partial, BackupInfo { taken_at: now_ms, ..info }).map(Some)
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
