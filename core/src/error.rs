//! The one error type of the core. Every variant says, in a chair's words, what went wrong, as a
//! [`Problem`]: a stable code, the English sentence (for logs and the CLI) and its named inputs. It
//! crosses IPC as `{kind, message, code, params}` so the UI can say the same sentence in the chair's
//! language (its catalogue has one message `error_<code>` per code, taking the same inputs).

use std::collections::BTreeMap;

use serde::ser::{SerializeMap, SerializeStruct};
use serde::{Serialize, Serializer};

pub use crate::problem;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// One thing a chair is told: a stable `code`, the English sentence, and the inputs the sentence was
/// made from (by name). An input may itself be a problem (a part of the sentence the UI says first).
/// Made with [`problem!`]. Dereferences to the English sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    code: &'static str,
    message: String,
    params: Vec<(&'static str, Param)>,
}

/// One named input of a [`Problem`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Param {
    Text(String),
    Number(i64),
    /// A count of records: a number, its thousands grouped in the English (1,560).
    Count(i64),
    Problem(Box<Problem>),
}

/// A count of records as a [`problem!`] input: it crosses as a number (so the UI picks its plural)
/// and the English groups its thousands with commas: 62,000.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Count(pub i64);

impl IntoParam for Count {
    fn into_param(self) -> Param {
        Param::Count(self.0)
    }
}

/// A count with thousands separated by commas: 62,000.
fn grouped(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

impl Problem {
    #[doc(hidden)]
    pub fn new(code: &'static str, message: String, params: Vec<(&'static str, Param)>) -> Self {
        Problem { code, message, params }
    }

    /// Text said as it is in every language (a technical detail, a system's own words); its code is
    /// `detail`.
    pub fn detail(text: impl std::fmt::Display) -> Self {
        problem!("detail", "{detail}", detail = text.to_string())
    }

    /// "3 May 2025": a calendar date inside a sentence, which the UI says in the chair's language
    /// ("3 de mayo de 2025") rather than as the record's ISO text.
    pub fn date(date: chrono::NaiveDate) -> Self {
        use chrono::Datelike;
        problem!(
            "spoken_date",
            "{day} {month} {year}",
            day = date.day(),
            month = month_name(date.month()),
            year = date.year()
        )
    }

    pub fn code(&self) -> &'static str {
        self.code
    }

    pub fn message(&self) -> &str {
        &self.message
    }

    pub fn params(&self) -> &[(&'static str, Param)] {
        &self.params
    }
}

/// "February", as a part of a message.
pub(crate) fn month_name(month: u32) -> Problem {
    match month {
        1 => problem!("month_1", "January"),
        2 => problem!("month_2", "February"),
        3 => problem!("month_3", "March"),
        4 => problem!("month_4", "April"),
        5 => problem!("month_5", "May"),
        6 => problem!("month_6", "June"),
        7 => problem!("month_7", "July"),
        8 => problem!("month_8", "August"),
        9 => problem!("month_9", "September"),
        10 => problem!("month_10", "October"),
        11 => problem!("month_11", "November"),
        _ => problem!("month_12", "December"),
    }
}

impl std::ops::Deref for Problem {
    type Target = str;
    fn deref(&self) -> &str {
        &self.message
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::fmt::Display for Param {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Param::Text(t) => f.write_str(t),
            Param::Number(n) => write!(f, "{n}"),
            Param::Count(n) => f.write_str(&grouped(*n)),
            Param::Problem(p) => f.write_str(&p.message),
        }
    }
}

impl Serialize for Problem {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Problem", 3)?;
        s.serialize_field("code", self.code)?;
        s.serialize_field("message", &self.message)?;
        s.serialize_field("params", &Params(&self.params))?;
        s.end()
    }
}

struct Params<'a>(&'a [(&'static str, Param)]);

impl Serialize for Params<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut m = serializer.serialize_map(Some(self.0.len()))?;
        for (name, value) in self.0 {
            m.serialize_entry(name, value)?;
        }
        m.end()
    }
}

impl Serialize for Param {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            Param::Text(t) => serializer.serialize_str(t),
            Param::Number(n) | Param::Count(n) => serializer.serialize_i64(*n),
            Param::Problem(p) => p.serialize(serializer),
        }
    }
}

/// What a [`problem!`] input can be.
pub trait IntoParam {
    fn into_param(self) -> Param;
}

impl IntoParam for Param {
    fn into_param(self) -> Param {
        self
    }
}
impl IntoParam for Problem {
    fn into_param(self) -> Param {
        Param::Problem(Box::new(self))
    }
}
impl IntoParam for Refusal {
    fn into_param(self) -> Param {
        self.problem().into_param()
    }
}
impl IntoParam for &str {
    fn into_param(self) -> Param {
        Param::Text(self.to_string())
    }
}
impl IntoParam for String {
    fn into_param(self) -> Param {
        Param::Text(self)
    }
}
impl IntoParam for std::path::Display<'_> {
    fn into_param(self) -> Param {
        Param::Text(self.to_string())
    }
}
impl IntoParam for char {
    fn into_param(self) -> Param {
        Param::Text(self.to_string())
    }
}
impl<T: IntoParam + Clone> IntoParam for &T {
    fn into_param(self) -> Param {
        self.clone().into_param()
    }
}
macro_rules! number_params {
    ($($t:ty),*) => {$(
        impl IntoParam for $t {
            fn into_param(self) -> Param {
                Param::Number(i64::try_from(self).unwrap_or(i64::MAX))
            }
        }
    )*};
}
number_params!(i32, i64, u8, u16, u32, u64, usize);

/// A [`Problem`]: `problem!("name_too_long", "A name can have at most {max} characters.", max = MAX)`.
/// The code names the UI's message `error_<code>`; the English sentence takes exactly the named
/// inputs (each evaluated once), and the UI's message takes the same. A core test lists every code
/// with its inputs in ui/src/lib/bindings/problems.json, read from these calls.
#[macro_export]
macro_rules! problem {
    ($code:literal, $en:literal $(, $name:ident = $value:expr)* $(,)?) => {{
        #[allow(unused_parens)]
        let ($($name,)*) = ($($crate::error::IntoParam::into_param($value),)*);
        $crate::error::Problem::new(
            $code,
            format!($en $(, $name = $name)*),
            vec![$((stringify!($name), $name),)*],
        )
    }};
}

impl From<Problem> for Param {
    fn from(p: Problem) -> Param {
        p.into_param()
    }
}

#[derive(Debug)]
pub enum Error {
    /// Input a person typed or chose that cannot be kept as it is.
    Invalid(Problem),
    /// A name already on this group's roster; `existing_id` lets the UI offer that person instead.
    DuplicatePerson {
        name: String,
        existing_id: String,
    },
    NotFound {
        what: &'static str,
    },
    Conflict(Problem),
    /// A share is running; starting another needs the chair's confirmation.
    ShareRunning {
        share: Problem,
    },
    MeetingClosed,
    NewerSchema {
        found: i64,
        known: i64,
    },
    /// The data file could not be read as a database, because of the problem it carries.
    NotADatabase(Problem),
    /// The passphrase does not open this data file or bundle. Nothing was changed. Without the key a
    /// damaged data file looks like an encrypted one, so for the data file the message says so too.
    WrongPassphrase(&'static str),
    /// A handover bundle that cannot be taken in whole: truncated, altered, from a newer version, or another group's.
    BadBundle(Problem),
    /// The app is locked; only unlocking is allowed.
    Locked,
    Store(rusqlite::Error),
    Migration(rusqlite_migration::Error),
    Io(std::io::Error),
    /// A write that the disk refused: it is full, the folder became read-only, or the file is gone.
    /// What was being saved is not saved; everything saved before is. The whole message, in plain words.
    NotSaving(Problem),
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Store(e)
    }
}
impl From<rusqlite_migration::Error> for Error {
    fn from(e: rusqlite_migration::Error) -> Self {
        Error::Migration(e)
    }
}
impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e)
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Invalid(p) | Error::Conflict(p) | Error::NotSaving(p) => f.write_str(p),
            _ => f.write_str(&self.problem()),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Store(e) => Some(e),
            Error::Migration(e) => Some(e),
            Error::Io(e) => Some(e),
            _ => None,
        }
    }
}

/// How a wrong-passphrase message names the data file (a bundle names itself "this bundle").
pub const DATA_FILE: &str = "this data file";

/// Where the chair's records are kept apart from the data file: what to do when it cannot be opened.
pub fn backups() -> Problem {
    problem!(
        "backups",
        "Circlekeeper keeps automatic backups in the “backups” folder beside this file: restoring \
         the newest one that opens (offered here) keeps this file aside, in case it can be mended. A \
         protected backup you saved yourself (Privacy and safety) can be imported into a fresh start \
         instead."
    )
}

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

    /// What this error tells the chair, as a [`Problem`] the UI can say in the chair's language.
    pub fn problem(&self) -> Problem {
        match self {
            Error::Invalid(p) | Error::Conflict(p) | Error::NotSaving(p) => p.clone(),
            Error::DuplicatePerson { name, .. } => problem!(
                "duplicate_person",
                "“{name}” is already on this group's roster. Use the existing entry instead.",
                name = name
            ),
            Error::NotFound { what } => not_found(what),
            Error::ShareRunning { share } => problem!(
                "share_running",
                "{share} is still running. Stop it first, or confirm to stop it and start the next.",
                share = share
            ),
            Error::MeetingClosed => {
                problem!("meeting_closed", "This meeting is closed. Reopen it first to make a change.")
            }
            Error::NewerSchema { found, known } => problem!(
                "newer_schema",
                "This data was written by a newer version of Circlekeeper (schema {found}, this version knows \
                 up to {known}). Please update Circlekeeper; nothing was changed.",
                found = found,
                known = known
            ),
            Error::NotADatabase(why) => problem!(
                "not_a_database",
                "The data file could not be read as a Circlekeeper database: {why}",
                why = why
            ),
            Error::WrongPassphrase(what) if *what == DATA_FILE => problem!(
                "wrong_passphrase_data_file",
                "That passphrase does not open this data file, or the file was changed after it was made. \
                 Check the passphrase and try again; nothing was changed. If you are sure of the passphrase, \
                 the file may be damaged instead. {backups}",
                backups = backups()
            ),
            Error::WrongPassphrase("this bundle") => problem!(
                "wrong_passphrase_bundle",
                "That passphrase does not open this bundle, or the file was changed after it was made. \
                 Check the passphrase and try again; nothing was changed."
            ),
            Error::WrongPassphrase("this backup") => problem!(
                "wrong_passphrase_backup",
                "That passphrase does not open this backup, or the file was changed after it was made. \
                 Check the passphrase and try again; nothing was changed."
            ),
            Error::WrongPassphrase(what) => Problem::new(
                "",
                format!(
                    "That passphrase does not open {what}, or the file was changed after it was made. Check the \
                     passphrase and try again; nothing was changed."
                ),
                vec![],
            ),
            Error::BadBundle(why) => {
                problem!("bad_bundle", "This handover bundle cannot be imported: {why} Nothing was changed.", why = why)
            }
            Error::Locked => problem!("locked", "Circlekeeper is locked. Enter the passphrase to unlock it."),
            Error::Store(e) => {
                problem!("store", "The data store reported a problem: {detail}", detail = e.to_string())
            }
            Error::Migration(e) => {
                problem!("migration", "The data store could not be upgraded: {detail}", detail = e.to_string())
            }
            Error::Io(e) => problem!("io", "A file could not be read or written: {detail}", detail = e.to_string()),
        }
    }

    pub(crate) fn invalid(problem: impl Into<Problem>) -> Self {
        Error::Invalid(problem.into())
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
    pub(crate) fn when_saving(self, lost: Problem, safe: Problem) -> Self {
        match self.refusal() {
            Some(why) => Error::NotSaving(problem!(
                "not_saving",
                "Circlekeeper cannot save right now: {why}. {lost} {safe}",
                why = why,
                lost = lost,
                safe = safe
            )),
            None => self,
        }
    }

    /// [`Error::NotSaving`] for a data file that cannot be opened for writing, because `why`.
    pub(crate) fn cannot_open_to_save(why: Refusal) -> Self {
        Error::NotSaving(problem!(
            "cannot_open_to_save",
            "Circlekeeper cannot open its data to save to it: {why}. Nothing was changed. Make the data \
             folder writable again (or free some space), then start Circlekeeper again.",
            why = why
        ))
    }

    /// [`Error::when_saving`] for a write to the data file.
    pub(crate) fn when_writing_data(self) -> Self {
        self.when_saving(
            problem!("data_not_saved", "What you just did was not saved, and nothing saved before it was lost."),
            problem!("data_free_space", "Free some space or make the data folder writable again, then try once more."),
        )
    }
}

/// "No meeting with that id exists here.", one whole sentence a kind of thing.
fn not_found(what: &'static str) -> Problem {
    match what {
        "action item" => problem!("not_found_action_item", "No action item with that id exists here."),
        "backup" => problem!("not_found_backup", "No backup with that id exists here."),
        "check-in" => problem!("not_found_check_in", "No check-in with that id exists here."),
        "data file" => problem!("not_found_data_file", "No data file with that id exists here."),
        "entry on the resources card" => {
            problem!("not_found_resource", "No entry on the resources card with that id exists here.")
        }
        "format template" => problem!("not_found_format_template", "No format template with that id exists here."),
        "group" => problem!("not_found_group", "No group with that id exists here."),
        "meeting" => problem!("not_found_meeting", "No meeting with that id exists here."),
        "milestone due for this person" => {
            problem!("not_found_milestone_due", "No milestone due for this person with that id exists here.")
        }
        "person in the seating" => {
            problem!("not_found_seated_person", "No person in the seating with that id exists here.")
        }
        "person in this group" => {
            problem!("not_found_group_person", "No person in this group with that id exists here.")
        }
        "person in this round" => {
            problem!("not_found_round_person", "No person in this round with that id exists here.")
        }
        "person" => problem!("not_found_person", "No person with that id exists here."),
        "position" => problem!("not_found_position", "No position with that id exists here."),
        "screen" => problem!("not_found_screen", "No screen with that id exists here."),
        "segment" => problem!("not_found_segment", "No segment with that id exists here."),
        "share" => problem!("not_found_share", "No share with that id exists here."),
        _ => Problem::new("", format!("No {what} with that id exists here."), vec![]),
    }
}

/// English text not yet given a code: the UI shows it as it is. Every sentence core makes should
/// have a code; these are the ones still to do.
impl From<String> for Problem {
    fn from(message: String) -> Self {
        Problem::new("", message, vec![])
    }
}

impl From<&str> for Problem {
    fn from(message: &str) -> Self {
        Problem::new("", message.to_string(), vec![])
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

impl Refusal {
    /// Why, in plain words (the middle of a longer sentence).
    pub(crate) fn problem(self) -> Problem {
        match self {
            Refusal::Full => problem!("refusal_full", "the disk is full"),
            Refusal::ReadOnly => {
                problem!("refusal_read_only", "the data folder cannot be written to (it may have become read-only)")
            }
            Refusal::Gone => {
                problem!("refusal_gone", "the data file cannot be reached (it was moved, or its drive was removed)")
            }
            Refusal::Failed => {
                problem!("refusal_failed", "the disk refused the write (it may be full, read-only or failing)")
            }
        }
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.problem())
    }
}

impl Serialize for Error {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let existing = match self {
            Error::DuplicatePerson { existing_id, .. } => Some(existing_id),
            _ => None,
        };
        let problem = self.problem();
        let mut s = serializer.serialize_struct("Error", 4 + usize::from(existing.is_some()))?;
        s.serialize_field("kind", self.kind())?;
        s.serialize_field("message", &self.to_string())?;
        s.serialize_field("code", problem.code)?;
        s.serialize_field("params", &Params(&problem.params))?;
        if let Some(id) = existing {
            s.serialize_field("existingId", id)?;
        }
        s.end()
    }
}

/// The shape an error takes on the wire, for the generated TypeScript types: the English `message`
/// (as core says it), and the `code` and `params` the UI says it in the chair's language with. An
/// empty code is a sentence with no code yet, shown as it is.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct IpcError {
    pub kind: String,
    pub message: String,
    pub code: String,
    pub params: BTreeMap<String, IpcParam>,
    #[ts(optional)]
    pub existing_id: Option<String>,
}

impl From<&Error> for IpcError {
    fn from(e: &Error) -> Self {
        let problem = IpcProblem::from(&e.problem());
        IpcError {
            kind: e.kind().into(),
            message: e.to_string(),
            code: problem.code,
            params: problem.params,
            existing_id: match e {
                Error::DuplicatePerson { existing_id, .. } => Some(existing_id.clone()),
                _ => None,
            },
        }
    }
}

impl From<&Problem> for IpcProblem {
    fn from(p: &Problem) -> Self {
        let param = |value: &Param| match value {
            Param::Text(t) => IpcParam::Text(t.clone()),
            Param::Number(n) | Param::Count(n) => IpcParam::Number(*n),
            Param::Problem(p) => IpcParam::Problem(IpcProblem::from(&**p)),
        };
        IpcProblem {
            code: p.code.into(),
            message: p.message.clone(),
            params: p.params.iter().map(|(name, value)| (name.to_string(), param(value))).collect(),
        }
    }
}

/// A [`Problem`] on the wire: one input of a sentence that is itself a sentence.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct IpcProblem {
    pub code: String,
    pub message: String,
    pub params: BTreeMap<String, IpcParam>,
}

/// One input of a sentence: text, a number, or a sentence of its own.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(untagged)]
#[ts(export)]
pub enum IpcParam {
    Text(String),
    Number(i64),
    Problem(IpcProblem),
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

    /// Every `problem!` in core and the shell, read from the source: its code, its English and its
    /// inputs. Written to ui/src/lib/bindings/problems.json (checked in; the test script fails when
    /// it drifts), which the UI's catalogue check holds messages/errors/en.json to.
    #[test]
    fn every_problem_code_is_listed_for_the_ui() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut files = Vec::new();
        for dir in ["core/src", "src-tauri/src"] {
            rust_files(&root.join(dir), &mut files);
        }
        files.sort();
        let mut codes: BTreeMap<String, (String, Vec<String>, String)> = BTreeMap::new();
        for file in &files {
            let text = std::fs::read_to_string(file).unwrap();
            // What tests make is not said to a chair.
            let text = text.split("#[cfg(test)]\nmod tests").next().unwrap();
            let code_only: String = text
                .lines()
                .map(|l| if l.trim_start().starts_with("//") { "" } else { l })
                .collect::<Vec<_>>()
                .join("\n");
            let mut rest = code_only.as_str();
            while let Some(at) = rest.find("problem!(") {
                rest = &rest[at + "problem!(".len()..];
                let where_ = file.strip_prefix(&root).unwrap_or(file).display().to_string();
                let (code, after) = literal(rest).unwrap_or_else(|| panic!("{where_}: problem! without a code"));
                let after = after.trim_start().strip_prefix(',').expect("a comma after the code");
                let (english, after) = literal(after).unwrap_or_else(|| panic!("{where_}: {code} has no English"));
                let english = english_of(&english);
                let args = arguments(after);
                let names: Vec<String> = args
                    .iter()
                    .map(|a| a.split('=').next().unwrap().trim().to_string())
                    .filter(|n| !n.is_empty())
                    .collect();
                let mut inputs = placeholders(&english);
                inputs.sort();
                let mut sorted = names.clone();
                sorted.sort();
                assert_eq!(inputs, sorted, "{where_}: {code} names inputs its English does not use, or the reverse");
                assert!(
                    code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                    "{where_}: {code} is not snake_case"
                );
                if let Some((other, _, there)) = codes.get(&code) {
                    assert_eq!(other, &english, "{code} says two things: in {there} and in {where_}");
                }
                codes.insert(code, (english, inputs, where_));
            }
        }
        assert!(codes.len() > 100, "the source was not found or not read: {} codes", codes.len());
        let mut json = String::from("{\n");
        for (i, (code, (english, inputs, _))) in codes.iter().enumerate() {
            json.push_str(&format!(
                "  {}: {{ \"params\": {}, \"english\": {} }}{}\n",
                serde_json::to_string(code).unwrap(),
                serde_json::to_string(inputs).unwrap(),
                serde_json::to_string(english).unwrap(),
                if i + 1 < codes.len() { "," } else { "" }
            ));
        }
        json.push_str("}\n");
        let out = root.join("ui/src/lib/bindings/problems.json");
        if std::fs::read_to_string(&out).ok().as_deref() != Some(json.as_str()) {
            std::fs::write(&out, json).unwrap();
        }
    }

    fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    /// The string literal `text` starts with (after spaces), as written, and what follows it.
    fn literal(text: &str) -> Option<(String, &str)> {
        let text = text.trim_start();
        let body = text.strip_prefix('"')?;
        let mut escaped = false;
        for (i, c) in body.char_indices() {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => return Some((body[..i].to_string(), &body[i + 1..])),
                _ => {}
            }
        }
        None
    }

    /// A literal's text: a line continuation (a backslash, the line break and the next line's
    /// leading spaces) is nothing; an escaped quote is a quote.
    fn english_of(raw: &str) -> String {
        let mut out = String::new();
        let mut chars = raw.chars().peekable();
        while let Some(c) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            match chars.next() {
                Some('\n') => {
                    while chars.peek().is_some_and(|c| c.is_whitespace()) {
                        chars.next();
                    }
                }
                Some(other) => out.push(other),
                None => {}
            }
        }
        out
    }

    /// The macro's arguments after the English, split at the commas at the outer level.
    fn arguments(text: &str) -> Vec<String> {
        let (mut depth, mut args, mut current, mut in_string, mut escaped) =
            (0, Vec::new(), String::new(), false, false);
        for c in text.chars() {
            if in_string {
                current.push(c);
                match c {
                    _ if escaped => escaped = false,
                    '\\' => escaped = true,
                    '"' => in_string = false,
                    _ => {}
                }
                continue;
            }
            match c {
                '"' => in_string = true,
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' if depth == 0 => break,
                ')' | ']' | '}' => depth -= 1,
                ',' if depth == 0 => {
                    args.push(std::mem::take(&mut current));
                    continue;
                }
                _ => {}
            }
            current.push(c);
        }
        args.push(current);
        args.into_iter().map(|a| a.trim().to_string()).filter(|a| !a.is_empty()).collect()
    }

    fn placeholders(english: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut rest = english;
        while let Some(at) = rest.find('{') {
            let end = rest[at..].find('}').expect("a closed placeholder") + at;
            let name = rest[at + 1..end].to_string();
            if !out.contains(&name) {
                out.push(name);
            }
            rest = &rest[end + 1..];
        }
        out
    }

    #[test]
    fn an_error_crosses_ipc_as_a_code_and_inputs_each_sentence_whole() {
        let err = sqlite(ffi::SQLITE_FULL).when_writing_data();
        let json = serde_json::to_value(&err).unwrap();
        assert_eq!(json["kind"], "not_saving");
        assert_eq!(json["message"], err.to_string());
        assert_eq!(json["code"], "not_saving");
        assert_eq!(json["params"]["why"]["code"], "refusal_full");
        assert_eq!(json["params"]["why"]["message"], "the disk is full");
        assert_eq!(json["params"]["lost"]["code"], "data_not_saved");
        assert_eq!(json["params"]["safe"]["code"], "data_free_space");

        let duplicate = Error::DuplicatePerson { name: "Sam".into(), existing_id: "p1".into() };
        let json = serde_json::to_value(&duplicate).unwrap();
        assert_eq!(json["code"], "duplicate_person");
        assert_eq!(json["params"]["name"], "Sam");
        assert_eq!(json["existingId"], "p1");
        assert_eq!(json, serde_json::to_value(IpcError::from(&duplicate)).unwrap(), "the stored shape is the sent one");

        // A number stays a number, so the UI can choose a plural by it.
        let json = serde_json::to_value(Error::NewerSchema { found: 9, known: 7 }).unwrap();
        assert_eq!((json["params"]["found"].as_i64(), json["params"]["known"].as_i64()), (Some(9), Some(7)));
    }

    #[test]
    fn a_problem_says_its_english_with_each_input_evaluated_once() {
        let mut calls = 0;
        let mut next = || {
            calls += 1;
            calls
        };
        let p = problem!(
            "no_such_part",
            "This format has {count} parts; there is no part {number}.",
            count = next(),
            number = 5
        );
        assert_eq!(p.message(), "This format has 1 parts; there is no part 5.");
        assert_eq!(calls, 1);
        assert_eq!(p.params(), &[("count", Param::Number(1)), ("number", Param::Number(5))]);
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
