//! Bringing the backups in line with the data: what the data has forgotten since a backup was taken
//! (a person forgotten, names removed by retention) is forgotten in the backup too, and a backup
//! under an earlier passphrase (or none) is encrypted again under the data's own.
//!
//! Each backup is changed in a copy beside it (`<name>.aligning`, a name [`super::list`] never
//! offers): opened as a store (so the store's own erasure and retention run on it, with
//! `secure_delete`), re-encrypted by the store's verified export and swap when its key is not the
//! data's, checked whole, and only then renamed over the backup. A kill at any point leaves every
//! backup either as it was or aligned; the next run removes what a killed one left.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use ts_rs::TS;

use super::read::Backup;
use super::{folder, sidecar, BackupInfo, BackupReason, BackupSource};
use crate::clock::FakeClock;
use crate::error::{problem, Error, Result};
use crate::group;
use crate::privacy::{leave_tombstone, scrub_forgotten};
use crate::store::db::{self, FileState};
use crate::store::passphrase::Passphrase;
use crate::store::Store;

/// What [`align`] did to the backups.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Alignment {
    /// Backups that held something the data has forgotten, or were under another passphrase, and
    /// were brought in line.
    pub mended: u32,
    /// Backups neither passphrase opens (or damaged beyond opening), removed.
    pub removed: u32,
}

/// Added to a backup's name while its aligned copy is written.
const ALIGNING: &str = ".aligning";

/// Carries into every backup what the data has forgotten since it was taken, and its passphrase.
/// `previous_key` is the passphrase the data had before (None: try plain); a backup that opens
/// with neither it nor the data's own is removed, since it cannot be brought in line, unless it is
/// the data as it was before a restore: after restoring a backup from before a passphrase change,
/// that one is the newest copy of the chair's records, and the way back.
pub fn align(source: &BackupSource, previous_key: Option<&Passphrase>, now_ms: i64) -> Result<Alignment> {
    let dir = folder(source.data_file());
    let data = DataFacts::read(source)?;
    let mut done = Alignment::default();
    for info in super::list(source.data_file())? {
        let path = dir.join(&info.file);
        remove_leftovers(&path);
        let outcome = align_one(source, previous_key, &data, &info, &path, now_ms);
        remove_leftovers(&path);
        match outcome? {
            Outcome::Unchanged => {}
            Outcome::Mended => done.mended += 1,
            Outcome::Removed => done.removed += 1,
        }
    }
    Ok(done)
}

/// What the data says that every backup must say too.
struct DataFacts {
    /// People forgotten in the data (an empty tombstone).
    forgotten: Vec<String>,
    /// Each group's retention setting.
    retention: Vec<(String, Option<u32>)>,
}

impl DataFacts {
    /// Read through a read-only connection of its own: the store goes on meanwhile.
    fn read(source: &BackupSource) -> Result<DataFacts> {
        let path = source.data_file();
        let conn =
            Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        match (db::probe(path)?, source.passphrase()) {
            (FileState::Missing, _) => return Err(Error::NotFound { what: "data file" }),
            (FileState::Encrypted, Some(key)) => db::set_key(&conn, key)?,
            (FileState::Encrypted, None) => {
                return Err(Error::invalid(problem!(
                    "data_file_protected_backups_brought",
                    "The data file is protected: its backups are brought in line with its passphrase."
                )))
            }
            (FileState::Plain, _) => {}
        }
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let forgotten =
            column(&conn, "SELECT id FROM people WHERE deleted_at IS NOT NULL AND display_name = ''", |r| r.get(0))?;
        let retention = column(&conn, "SELECT id, retention_months FROM groups", |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(DataFacts { forgotten, retention })
    }
}

fn column<T>(conn: &Connection, sql: &str, row: impl FnMut(&rusqlite::Row) -> rusqlite::Result<T>) -> Result<Vec<T>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

enum Outcome {
    Unchanged,
    Mended,
    Removed,
}

/// The key a backup opens with, and whether it must be encrypted again under the data's.
struct Opening<'k> {
    key: Option<&'k Passphrase>,
    rekey_to: Option<&'k Passphrase>,
}

/// Which of the two keys (or none) opens the backup at `path`; None when neither does.
fn opening<'k>(
    source: &'k BackupSource,
    previous_key: Option<&'k Passphrase>,
    path: &Path,
) -> Result<Option<Opening<'k>>> {
    let current = source.passphrase();
    match db::probe(path) {
        Ok(FileState::Plain) => return Ok(Some(Opening { key: None, rekey_to: current })),
        Ok(FileState::Encrypted) => {}
        // Cut short or gone since it was listed: a damaged one is treated as one no key opens.
        Ok(FileState::Missing) | Err(_) => return Ok(None),
    }
    for (key, rekey_to) in [(current, None), (previous_key, current)] {
        let Some(key) = key else { continue };
        match Backup::open(path, Some(key)) {
            Ok(_) => return Ok(Some(Opening { key: Some(key), rekey_to })),
            Err(Error::WrongPassphrase(_) | Error::NotADatabase(_)) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(None)
}

fn align_one(
    source: &BackupSource,
    previous_key: Option<&Passphrase>,
    data: &DataFacts,
    info: &BackupInfo,
    path: &Path,
    now_ms: i64,
) -> Result<Outcome> {
    let Some(opening) = opening(source, previous_key, path)? else {
        if info.reason == BackupReason::BeforeRestore && db::probe(path).is_ok() {
            return Ok(Outcome::Unchanged);
        }
        return remove(path, info);
    };
    let copy = aligning(path);
    std::fs::copy(path, &copy)?;
    let store = match Store::open_keyed(&copy, Arc::new(FakeClock::at(now_ms)), opening.key) {
        Ok(store) => store,
        // Damaged: it could not be restored either, and may still hold what was forgotten.
        Err(Error::NotADatabase(_)) => return remove(path, info),
        Err(e) => return Err(e),
    };
    let (mut store, changed) = forget_in(store, data)?;
    if !changed && opening.rekey_to.is_none() {
        return Ok(Outcome::Unchanged);
    }
    if let Some(key) = opening.rekey_to {
        // The store's verified export and swap: a new file with no free pages, under the data's key.
        store.change_passphrase(key)?;
    }
    let key = opening.rekey_to.or(opening.key);
    db::checkpoint(store.conn())?;
    // A backup opens read-only, so it keeps no WAL: the copy leaves it as a take leaves one.
    let _mode: String = store.conn().query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    store.close()?;
    std::fs::File::open(&copy)?.sync_all()?;

    let checked = Backup::open(&copy, key)?.checked()?.info(&info.file, &copy)?;
    if (checked.groups, checked.meetings) != (info.groups, info.meetings) && info.groups.is_some() {
        return Err(Error::Io(std::io::Error::other(
            "a backup brought in line did not hold the same groups and meetings, so it was kept as it was",
        )));
    }
    // Gone since it was listed (the rotation removed it): nothing to put back.
    if !path.exists() {
        return Ok(Outcome::Unchanged);
    }
    let dir = folder(source.data_file());
    // The old summary goes first: a kill before the new one is written leaves a backup listed from
    // itself, never one described by the other's summary.
    sidecar::remove(&dir, &info.file);
    std::fs::rename(&copy, path)?;
    db::sync_dir(path);
    sidecar::write(&dir, &BackupInfo { taken_at: info.taken_at, ..checked })?;
    Ok(Outcome::Mended)
}

/// Makes the backup's store forget what the data forgot: its forgotten people, then its groups'
/// retention applied as of the store's clock. Whether anything changed.
fn forget_in(mut store: Store, data: &DataFacts) -> Result<(Store, bool)> {
    let changed = store.write(|tx| {
        let mut changed = false;
        for id in &data.forgotten {
            changed |= leave_tombstone(tx, id)?;
        }
        changed |= scrub_forgotten(tx)? > 0;
        for (group_id, months) in &data.retention {
            let here: Option<Option<u32>> = tx
                .query_row(
                    "SELECT retention_months FROM groups WHERE id = ?1 AND deleted_at IS NULL",
                    [group_id],
                    |r| r.get(0),
                )
                .map(Some)
                .or_else(|e| if e == rusqlite::Error::QueryReturnedNoRows { Ok(None) } else { Err(e) })?;
            if here.is_some_and(|here| here != *months) {
                group::save_settings(tx, group_id, "retention_months = ?2", &[months])?;
                changed = true;
            }
        }
        Ok(changed)
    })?;
    let run = store.apply_retention()?;
    Ok((store, changed || run.meetings() > 0))
}

/// Removes a backup that cannot be brought in line, and its summary.
fn remove(path: &Path, info: &BackupInfo) -> Result<Outcome> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Outcome::Unchanged),
        other => other?,
    }
    db::sync_dir(path);
    if let Some(dir) = path.parent() {
        sidecar::remove(dir, &info.file);
    }
    Ok(Outcome::Removed)
}

fn aligning(path: &Path) -> PathBuf {
    db::with_suffix(path, ALIGNING)
}

/// Removes what aligning the backup at `path` left: its copy, the copy's journal, WAL and shared
/// memory, and the re-encrypted copy of it (and its journal).
fn remove_leftovers(path: &Path) {
    let copy = aligning(path);
    let encrypting = db::with_suffix(&copy, ".encrypting");
    for p in [&copy, &encrypting] {
        for suffix in ["", "-journal", "-wal", "-shm"] {
            let _ = std::fs::remove_file(db::with_suffix(p, suffix));
        }
    }
}
