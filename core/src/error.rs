//! The one error type of the core. Every variant says, in a chair's words, what went wrong;
//! it crosses IPC as `{kind, message}` so the UI can show the message as it is.

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input a person typed or chose that cannot be kept as it is.
    #[error("{0}")]
    Invalid(String),
    /// A name already on this group's roster; `existing_id` lets the UI offer that person instead.
    #[error("“{name}” is already on this group's roster. Use the existing entry instead.")]
    DuplicatePerson { name: String, existing_id: String },
    #[error("No {what} with that id exists here.")]
    NotFound { what: &'static str },
    #[error("{0}")]
    Conflict(String),
    /// A share is running; starting another needs the chair's confirmation.
    #[error("{share} is still running. Stop it first, or confirm to stop it and start the next.")]
    ShareRunning { share: String },
    #[error("This meeting is closed. Reopen it first to make a change.")]
    MeetingClosed,
    #[error("This data was written by a newer version of Circlekeeper (schema {found}, this version knows up to {known}). Please update Circlekeeper; nothing was changed.")]
    NewerSchema { found: i64, known: i64 },
    #[error("The data file could not be read as a Circlekeeper database: {0}")]
    NotADatabase(String),
    /// The passphrase does not open this data file or bundle. Nothing was changed. Without the key a
    /// damaged data file looks like an encrypted one, so for the data file the message says so too.
    #[error("That passphrase does not open {0}, or the file was changed after it was made. Check the passphrase and try again; nothing was changed.{hint}", hint = if *.0 == DATA_FILE { DATA_FILE_MAY_BE_DAMAGED } else { "" })]
    WrongPassphrase(&'static str),
    /// A handover bundle that cannot be taken in whole: truncated, altered, from a newer version, or another group's.
    #[error("This handover bundle cannot be imported: {0} Nothing was changed.")]
    BadBundle(String),
    /// The app is locked; only unlocking is allowed.
    #[error("Circlekeeper is locked. Enter the passphrase to unlock it.")]
    Locked,
    #[error("The data store reported a problem: {0}")]
    Store(#[from] rusqlite::Error),
    #[error("The data store could not be upgraded: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("A file could not be read or written: {0}")]
    Io(#[from] std::io::Error),
    /// A write that the disk refused: it is full, the folder became read-only, or the file is gone.
    /// What was being saved is not saved; everything saved before is. The whole message, in plain words.
    #[error("{0}")]
    NotSaving(String),
}

/// How a wrong-passphrase message names the data file (a bundle names itself "this bundle").
pub const DATA_FILE: &str = "this data file";

/// Where the chair's records are kept apart from the data file: what to do when it cannot be opened.
/// A macro so that `concat!` can build the wrong-passphrase hint from the same words.
macro_rules! backups {
    () => {
        "If you saved a protected backup (Privacy and safety, “Save a protected backup”: handover \
         bundles, in your Documents folder unless you chose another), move this file aside and import \
         the backup into a fresh start of Circlekeeper; keep this file in case it can be mended."
    };
}
pub const BACKUPS: &str = backups!();

/// The hint on a wrong passphrase for the data file: without the key, damage looks like encryption.
const DATA_FILE_MAY_BE_DAMAGED: &str =
    concat!(" If you are sure of the passphrase, the file may be damaged instead. ", backups!());

impl Error {
    /// A stable, machine-readable name the UI may branch on.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Invalid(_) => "invalid",
            Error::DuplicatePerson { .. } => "duplicate_person",
            Error::NotFound { .. } => "not_found",
            Error::Conflict(_) => "conflict",
            Error::ShareRunning { .. } => "share_running",
            Error::MeetingClosed => "meeting_closed",
            Error::NewerSchema { .. } => "newer_schema",
            Error::NotADatabase(_) => "not_a_database",
            Error::WrongPassphrase(_) => "wrong_passphrase",
            Error::BadBundle(_) => "bad_bundle",
            Error::Locked => "locked",
            Error::Store(_) => "store",
            Error::Migration(_) => "migration",
            Error::Io(_) => "io",
            Error::NotSaving(_) => "not_saving",
        }
    }

    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        Error::Invalid(message.into())
    }

    /// Why the disk refused a write, if this error is one of those (see [`Refusal`]).
    pub(crate) fn refusal(&self) -> Option<Refusal> {
        match self {
            Error::Store(e) => Refusal::of_sqlite(e),
            Error::Io(e) => Refusal::of_io(e),
            _ => None,
        }
    }

    /// This error as [`Error::NotSaving`] when the disk refused the write, saying what `lost` (the
    /// write that failed) and what is safe; any other error as it is.
    pub(crate) fn when_saving(self, lost: &str, safe: &str) -> Self {
        match self.refusal() {
            Some(why) => Error::NotSaving(format!("Circlekeeper cannot save right now: {why}. {lost} {safe}")),
            None => self,
        }
    }

    /// [`Error::NotSaving`] for a data file that cannot be opened for writing, because `why`.
    pub(crate) fn cannot_open_to_save(why: Refusal) -> Self {
        Error::NotSaving(format!(
            "Circlekeeper cannot open its data to save to it: {why}. Nothing was changed. Make the data \
             folder writable again (or free some space), then start Circlekeeper again."
        ))
    }

    /// [`Error::when_saving`] for a write to the data file.
    pub(crate) fn when_writing_data(self) -> Self {
        self.when_saving(
            "What you just did was not saved, and nothing saved before it was lost.",
            "Free some space or make the data folder writable again, then try once more.",
        )
    }
}

/// Why the disk refused a write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refusal {
    Full,
    ReadOnly,
    Gone,
    Failed,
}

impl Refusal {
    pub(crate) fn of_sqlite(e: &rusqlite::Error) -> Option<Refusal> {
        use rusqlite::ffi;
        let rusqlite::Error::SqliteFailure(f, _) = e else { return None };
        match f.code {
            rusqlite::ErrorCode::DiskFull => Some(Refusal::Full),
            // The file was deleted or replaced under the open connection.
            rusqlite::ErrorCode::ReadOnly if f.extended_code == ffi::SQLITE_READONLY_DBMOVED => Some(Refusal::Gone),
            rusqlite::ErrorCode::ReadOnly => Some(Refusal::ReadOnly),
            rusqlite::ErrorCode::CannotOpen => Some(Refusal::Gone),
            // A read that fails is damage or a failing disk, not a refused write: said as it is.
            rusqlite::ErrorCode::SystemIoFailure
                if matches!(f.extended_code, ffi::SQLITE_IOERR_READ | ffi::SQLITE_IOERR_SHORT_READ) =>
            {
                None
            }
            // SQLite reports ENOSPC in a WAL or journal write as an I/O error too, and a read-only
            // remount under an open file the same way.
            rusqlite::ErrorCode::SystemIoFailure => Some(Refusal::Failed),
            _ => None,
        }
    }

    pub(crate) fn of_io(e: &std::io::Error) -> Option<Refusal> {
        use std::io::ErrorKind;
        match e.kind() {
            ErrorKind::StorageFull | ErrorKind::QuotaExceeded => Some(Refusal::Full),
            ErrorKind::ReadOnlyFilesystem | ErrorKind::PermissionDenied => Some(Refusal::ReadOnly),
            _ => None,
        }
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Refusal::Full => "the disk is full",
            Refusal::ReadOnly => "the data folder cannot be written to (it may have become read-only)",
            Refusal::Gone => "the data file cannot be reached (it was moved, or its drive was removed)",
            Refusal::Failed => "the disk refused the write (it may be full, read-only or failing)",
        })
    }
}

impl Serialize for Error {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let existing = match self {
            Error::DuplicatePerson { existing_id, .. } => Some(existing_id),
            _ => None,
        };
        let mut s = serializer.serialize_struct("Error", 2 + usize::from(existing.is_some()))?;
        s.serialize_field("kind", self.kind())?;
        s.serialize_field("message", &self.to_string())?;
        if let Some(id) = existing {
            s.serialize_field("existingId", id)?;
        }
        s.end()
    }
}

/// The shape an error takes on the wire, for the generated TypeScript types.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct IpcError {
    pub kind: String,
    pub message: String,
    #[ts(optional)]
    pub existing_id: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::ffi;

    fn sqlite(code: i32) -> Error {
        Error::Store(rusqlite::Error::SqliteFailure(ffi::Error::new(code), None))
    }

    #[test]
    fn a_write_the_disk_refuses_is_not_saving_in_plain_words() {
        for (code, why) in [
            (ffi::SQLITE_FULL, "the disk is full"),
            (ffi::SQLITE_READONLY, "the data folder cannot be written to"),
            (ffi::SQLITE_READONLY_RECOVERY, "the data folder cannot be written to"),
            (ffi::SQLITE_READONLY_DBMOVED, "the data file cannot be reached"),
            (ffi::SQLITE_CANTOPEN, "the data file cannot be reached"),
            // A disk that went read-only or failed under an open file (the kernel's own remount
            // after an error) reports these.
            (ffi::SQLITE_IOERR_WRITE, "the disk refused the write"),
            (ffi::SQLITE_IOERR_FSYNC, "the disk refused the write"),
            (ffi::SQLITE_IOERR_SHMOPEN, "the disk refused the write"),
        ] {
            let err = sqlite(code).when_writing_data();
            assert_eq!(err.kind(), "not_saving", "{code}");
            let message = err.to_string();
            assert!(message.starts_with(&format!("Circlekeeper cannot save right now: {why}")), "{message}");
            assert!(message.contains("nothing saved before it was lost"), "{message}");
        }
        for (kind, why) in [
            (std::io::ErrorKind::StorageFull, "the disk is full"),
            (std::io::ErrorKind::ReadOnlyFilesystem, "the data folder cannot be written to"),
        ] {
            let err = Error::Io(kind.into()).when_writing_data();
            assert_eq!(err.kind(), "not_saving");
            assert!(err.to_string().contains(why), "{err}");
        }
    }

    #[test]
    fn other_errors_stay_as_they_are() {
        for code in [ffi::SQLITE_IOERR_READ, ffi::SQLITE_IOERR_SHORT_READ, ffi::SQLITE_CONSTRAINT, ffi::SQLITE_CORRUPT]
        {
            assert_eq!(sqlite(code).when_writing_data().kind(), "store", "{code}");
        }
        assert_eq!(Error::Io(std::io::ErrorKind::NotFound.into()).when_writing_data().kind(), "io");
        assert_eq!(Error::MeetingClosed.when_writing_data().kind(), "meeting_closed");
    }
}
