//! A backup's file name, `circlekeeper 2026-11-30 19-05-12 meeting-closed.sqlite3`: the local time it
//! was taken and why, so the folder sorts by time and a person can read it. Anything else in the
//! folder (a `.partial`, a summary, a damaged file set aside) is not a backup by this name.

use chrono::NaiveDateTime;

use super::BackupReason;

const PREFIX: &str = "circlekeeper ";
const EXTENSION: &str = ".sqlite3";
/// Hyphens, not colons: Windows allows no colon in a file name.
const STAMP: &str = "%Y-%m-%d %H-%M-%S";
/// "2026-11-30 19-05-12".
const STAMP_LEN: usize = 19;

/// Added to a name while the file is being written; never listed, removed by the next backup.
pub(super) const PARTIAL: &str = ".partial";

impl BackupReason {
    const ALL: [BackupReason; 4] =
        [BackupReason::MeetingClosed, BackupReason::Daily, BackupReason::BeforeRestore, BackupReason::ByHand];

    fn word(self) -> &'static str {
        match self {
            BackupReason::MeetingClosed => "meeting-closed",
            BackupReason::Daily => "daily",
            BackupReason::BeforeRestore => "before-restore",
            BackupReason::ByHand => "by-hand",
        }
    }
}

/// The name of a backup taken at `local` time for `reason`. Two taken in the same second for the
/// same reason share a name: the later, verified one replaces the earlier.
pub(super) fn backup_name(local: NaiveDateTime, reason: BackupReason) -> String {
    format!("{PREFIX}{} {}{EXTENSION}", local.format(STAMP), reason.word())
}

/// When and why the backup named `name` was taken, if it is a backup's name at all.
pub(super) fn parse(name: &str) -> Option<(NaiveDateTime, BackupReason)> {
    let rest = name.strip_prefix(PREFIX)?.strip_suffix(EXTENSION)?;
    let (stamp, word) = (rest.get(..STAMP_LEN)?, rest.get(STAMP_LEN..)?.strip_prefix(' ')?);
    let local = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?;
    let reason = BackupReason::ALL.into_iter().find(|r| r.word() == word)?;
    Some((local, reason))
}

/// The name a data file that could not be opened is kept under when a restore replaces it: in the
/// backups folder, but never offered as a backup.
pub(super) fn set_aside_name(local: NaiveDateTime) -> String {
    format!("set aside {} (could not be opened){EXTENSION}", local.format(STAMP))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32, s: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, min, s).unwrap()
    }

    #[test]
    fn a_name_reads_as_when_and_why_and_reads_back() {
        let name = backup_name(at(2026, 11, 30, 19, 5, 12), BackupReason::MeetingClosed);
        assert_eq!(name, "circlekeeper 2026-11-30 19-05-12 meeting-closed.sqlite3");
        for reason in BackupReason::ALL {
            let when = at(2027, 1, 2, 3, 4, 5);
            assert_eq!(parse(&backup_name(when, reason)), Some((when, reason)));
        }
    }

    #[test]
    fn names_sort_as_the_times_they_were_taken() {
        let earlier = backup_name(at(2026, 9, 30, 23, 59, 59), BackupReason::Daily);
        let later = backup_name(at(2026, 10, 1, 0, 0, 0), BackupReason::ByHand);
        assert!(earlier < later);
    }

    #[test]
    fn nothing_else_in_the_folder_is_taken_for_a_backup() {
        let name = backup_name(at(2026, 11, 30, 19, 5, 12), BackupReason::Daily);
        for other in [
            format!("{name}{PARTIAL}"),
            format!("{name}.json"),
            set_aside_name(at(2026, 11, 30, 19, 5, 12)),
            "circlekeeper 2026-11-30 19-05-12 weekly.sqlite3".into(),
            "circlekeeper 2026-13-30 19-05-12 daily.sqlite3".into(),
            "circlekeeper 2026-11-30 19-05-12daily.sqlite3".into(),
            "../circlekeeper.sqlite3".into(),
            "circlekeeper.sqlite3".into(),
        ] {
            assert_eq!(parse(&other), None, "{other}");
        }
    }
}
