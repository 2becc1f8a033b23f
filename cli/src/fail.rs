//! How a job ends when it does not succeed: a message in plain words for standard error and an
//! exit code a script can rely on (listed in `--help`, see [`EXIT_CODES`]).

use circlekeeper_core::Error;
use rusqlite::ErrorCode;

/// The job was done.
pub const OK: u8 = 0;
/// The job failed for a reason not listed below; the message says which.
pub const FAILED: u8 = 1;
/// The command line was wrong, or a passphrase was needed and none could be asked for.
pub const USAGE: u8 = 2;
/// The passphrase does not open the data file, backup or bundle.
pub const WRONG_PASSPHRASE: u8 = 3;
/// The data file or a backup is damaged, or the integrity check found problems.
pub const DAMAGED: u8 = 4;
/// Nothing could be saved: the disk is full, or the folder is read-only or gone.
pub const NOT_SAVING: u8 = 5;
/// The data file is open in Circlekeeper (or another program) right now.
pub const IN_USE: u8 = 6;

/// The exit codes as `--help` lists them.
pub const EXIT_CODES: &str = "\
Exit codes:
  0  done
  1  the job failed (the reason is on standard error)
  2  usage: a wrong command line, or no passphrase could be asked for
  3  wrong passphrase
  4  damaged: the data file or a backup is damaged, or the check found problems
  5  not saving: the disk is full, or the folder is read-only or gone
  6  in use: Circlekeeper has the data file open; close it (or lock it) and try again";

#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl Failure {
    pub fn new(code: u8, message: impl Into<String>) -> Failure {
        Failure { code, message: message.into() }
    }

    pub fn usage(message: impl Into<String>) -> Failure {
        Failure::new(USAGE, message)
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        Failure::new(code_of(&e), e.to_string())
    }
}

/// The exit code for a core error: by its stable kind, and for the store's and the disk's own
/// errors by what they say about the disk.
fn code_of(e: &Error) -> u8 {
    match e.kind() {
        "wrong_passphrase" => return WRONG_PASSPHRASE,
        "not_a_database" => return DAMAGED,
        "not_saving" => return NOT_SAVING,
        _ => {}
    }
    match e {
        Error::Store(s) => match s.sqlite_error_code() {
            Some(ErrorCode::DiskFull | ErrorCode::ReadOnly | ErrorCode::CannotOpen) => NOT_SAVING,
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => DAMAGED,
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => IN_USE,
            _ => FAILED,
        },
        Error::Io(io) => match io.kind() {
            std::io::ErrorKind::StorageFull | std::io::ErrorKind::ReadOnlyFilesystem => NOT_SAVING,
            _ => FAILED,
        },
        _ => FAILED,
    }
}
