//! Opening a backup read-only (keyed when it is protected), checking it whole, and counting what it
//! holds: for verify, preview, the summary written beside it, and before a restore.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::{folder, name, sidecar, BackupInfo, BackupPreview, GroupPreview};
use crate::error::{problem, Error, Problem, Result};
use crate::store::db::{self, FileState, SCHEMA_VERSION};
use crate::store::passphrase::Passphrase;
use crate::store::raw_key::RawKey;

/// How a wrong-passphrase message names a backup.
const THIS_BACKUP: &str = "this backup";

/// Opens the backup `file` in the backups folder of `data_file`, checks every page of it and counts
/// what it holds. Errors say in plain words why it cannot be used.
pub fn verify(data_file: &Path, file: &str, key: Option<&Passphrase>) -> Result<BackupInfo> {
    let dir = folder(data_file);
    let path = dir.join(checked_name(file)?);
    let info = Backup::open(&path, key)?.checked()?.info(file, &path)?;
    // Now known, the summary lets the list show it without the passphrase; a folder that cannot
    // be written to only means it is counted again next time.
    let _ = sidecar::write(&dir, &info);
    Ok(info)
}

/// What the backup `file` holds, group by group (names of groups, never of people), after the same
/// checks as [`verify`].
pub fn preview(data_file: &Path, file: &str, key: Option<&Passphrase>) -> Result<BackupPreview> {
    let path = folder(data_file).join(checked_name(file)?);
    let backup = Backup::open(&path, key)?.checked()?;
    Ok(BackupPreview { info: backup.info(file, &path)?, groups: backup.groups()? })
}

/// `file` if it is a backup's name: never a path, a `.partial` or anything else in the folder.
pub(super) fn checked_name(file: &str) -> Result<&str> {
    match name::parse(file) {
        Some(_) => Ok(file),
        None => Err(Error::NotFound { what: "backup" }),
    }
}

/// How a protected backup is keyed: with the passphrase (SQLCipher derives the page key), or with
/// the page key itself.
#[derive(Clone, Copy)]
enum Keying<'a> {
    Passphrase(&'a Passphrase),
    Raw(&'a RawKey),
}

/// A backup opened read-only: nothing it does writes to the file.
pub(super) struct Backup {
    conn: Connection,
    protected: bool,
}

impl Backup {
    /// Opens the backup at `path` with `key` if it is protected (a plain one needs none). A wrong
    /// key, a newer schema or a file that is no database is refused in plain words.
    pub(super) fn open(path: &Path, key: Option<&Passphrase>) -> Result<Backup> {
        Backup::open_with(path, key.map(Keying::Passphrase), OpenFlags::SQLITE_OPEN_READ_ONLY)
    }

    /// [`Backup::open`] of a protected backup keyed with its page key, derived beforehand: for the
    /// check of a backup just written, with no second run of the KDF.
    pub(super) fn open_raw(path: &Path, key: &RawKey) -> Result<Backup> {
        Backup::open_with(path, Some(Keying::Raw(key)), OpenFlags::SQLITE_OPEN_READ_ONLY)
    }

    /// [`Backup::open`] with the data file's own flags: to fold a closed data file's WAL into it
    /// before it is kept aside.
    pub(super) fn open_data_file(path: &Path, key: Option<&Passphrase>) -> Result<Backup> {
        Backup::open_with(path, key.map(Keying::Passphrase), OpenFlags::SQLITE_OPEN_READ_WRITE)
    }

    fn open_with(path: &Path, key: Option<Keying>, flags: OpenFlags) -> Result<Backup> {
        let damaged = |why: Problem| {
            Error::NotADatabase(problem!(
                "backup_damaged",
                "this backup is damaged or cut short ({why}). Choose an earlier backup; this one was left as it is.",
                why = why
            ))
        };
        let state = match db::probe(path) {
            Ok(FileState::Missing) => return Err(Error::NotFound { what: "backup" }),
            Ok(state) => state,
            Err(_) => return Err(damaged(problem!("ends_mid_page", "it ends part-way through a page"))),
        };
        let protected = state == FileState::Encrypted;
        let conn = Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        if protected {
            let key = key.ok_or_else(|| {
                Error::invalid(problem!(
                    "backup_protected_opens_passphrase_data",
                    "This backup is protected: it opens with the passphrase the data had when the backup was taken."
                ))
            })?;
            match key {
                Keying::Passphrase(key) => db::set_key(&conn, key)?,
                Keying::Raw(key) => db::set_raw_key(&conn, key)?,
            }
        }
        let found: i64 =
            conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(|e| match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::NotADatabase) if protected => Error::WrongPassphrase(THIS_BACKUP),
                _ => damaged(Problem::detail(e)),
            })?;
        if found > SCHEMA_VERSION {
            return Err(Error::NewerSchema { found, known: SCHEMA_VERSION });
        }
        Ok(Backup { conn, protected })
    }

    /// SQLite's full integrity check: every page read (and, protected, authenticated), every tree
    /// and index sound.
    pub(super) fn checked(self) -> Result<Backup> {
        let problems = db::integrity_problems(&self.conn)?;
        match problems.first() {
            None => Ok(self),
            Some(first) => Err(Error::NotADatabase(problem!(
                "backup_damaged_count",
                "this backup is damaged ({first}; {count} problem(s) found). Choose an earlier backup; this one was \
                 left as it is.",
                first = first,
                count = problems.len()
            ))),
        }
    }

    /// SQLite's quick check: every page read (and, protected, authenticated) and every tree sound,
    /// without matching each index against its table (a byte copy of a sound file needs no more).
    pub(super) fn quick_checked(self) -> Result<Backup> {
        db::check_intact(&self.conn, "main")?;
        Ok(self)
    }

    /// Folds the WAL into the file and leaves it in rollback-journal mode, so a byte copy of it is
    /// whole and opens read-only; the store turns WAL on again when it opens it. Refuses if any
    /// other connection still has the file open.
    pub(super) fn fold_wal(self) -> Result<Backup> {
        db::checkpoint(&self.conn)?;
        // Leaving WAL needs the file alone: another connection, even idle, makes this busy.
        let _mode: String =
            self.conn.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0)).map_err(|e| {
                match e.sqlite_error_code() {
                    Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => db::in_use(),
                    _ => e.into(),
                }
            })?;
        Ok(self)
    }

    /// The backup's summary; when and why from its name (to the second), size from the file.
    pub(super) fn info(&self, file: &str, path: &Path) -> Result<BackupInfo> {
        let (local, reason) = name::parse(file).ok_or(Error::NotFound { what: "backup" })?;
        let (groups, meetings, last_meeting) = self.conn.query_row(
            "SELECT (SELECT count(*) FROM groups WHERE deleted_at IS NULL),
                    count(*), max(date)
             FROM meetings WHERE deleted_at IS NULL
               AND group_id IN (SELECT id FROM groups WHERE deleted_at IS NULL)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        Ok(BackupInfo {
            file: file.to_string(),
            taken_at: super::utc_ms(local),
            reason,
            bytes: std::fs::metadata(path)?.len(),
            protected: self.protected,
            groups: Some(groups),
            meetings: Some(meetings),
            last_meeting,
        })
    }

    fn groups(&self) -> Result<Vec<GroupPreview>> {
        let mut stmt = self.conn.prepare(
            "SELECT g.name, count(m.id), max(m.date) FROM groups g
             LEFT JOIN meetings m ON m.group_id = g.id AND m.deleted_at IS NULL
             WHERE g.deleted_at IS NULL GROUP BY g.id ORDER BY g.name, g.id",
        )?;
        let groups = stmt
            .query_map([], |r| Ok(GroupPreview { name: r.get(0)?, meetings: r.get(1)?, last_meeting: r.get(2)? }))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(groups)
    }
}
