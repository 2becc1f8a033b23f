//! Which backups to keep: the newest of each of the last 7 days, 8 weeks and 12 months that have
//! one, and the newest taken before a restore (the data as it was, in case the restore was a
//! mistake). A backup taken before a restore stands apart from the days, weeks and months, so a
//! restore never pushes out the backup it restored. Days, weeks (ISO, Monday first) and months
//! are the laptop's local calendar.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};

use super::BackupReason;

pub const DAILY: usize = 7;
pub const WEEKLY: usize = 8;
pub const MONTHLY: usize = 12;

/// A backup as the rule sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dated<'a> {
    pub file: &'a str,
    pub taken_at: i64,
    /// The local date it was taken.
    pub day: NaiveDate,
    pub reason: BackupReason,
}

/// The files to keep; every other backup may be removed.
pub fn keep<'a>(backups: &[Dated<'a>]) -> BTreeSet<&'a str> {
    let mut newest_first: Vec<&Dated<'a>> = backups.iter().collect();
    newest_first.sort_by(|a, b| b.taken_at.cmp(&a.taken_at).then(b.file.cmp(a.file)));
    let (before_restore, regular): (Vec<&Dated<'a>>, Vec<&Dated<'a>>) =
        newest_first.into_iter().partition(|b| b.reason == BackupReason::BeforeRestore);
    let mut kept = BTreeSet::new();
    kept.extend(newest_per(&regular, DAILY, |d| (d.year(), d.ordinal())));
    kept.extend(newest_per(&regular, WEEKLY, |d| (d.iso_week().year(), d.iso_week().week())));
    kept.extend(newest_per(&regular, MONTHLY, |d| (d.year(), d.month())));
    kept.extend(before_restore.first().map(|b| b.file));
    kept
}

/// The newest backup in each of the `count` most recent periods (as `period` names them) that have one.
fn newest_per<'a>(newest_first: &[&Dated<'a>], count: usize, period: impl Fn(NaiveDate) -> (i32, u32)) -> Vec<&'a str> {
    let mut seen = Vec::with_capacity(count);
    let mut files = Vec::with_capacity(count);
    for b in newest_first {
        let p = period(b.day);
        if seen.len() == count {
            break;
        }
        if !seen.contains(&p) {
            seen.push(p);
            files.push(b.file);
        }
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    /// One backup at noon UTC of each day given, named by its date.
    fn backups(days: &[NaiveDate], reason: BackupReason) -> Vec<(String, i64, NaiveDate, BackupReason)> {
        days.iter()
            .map(|d| {
                let ms = d.and_hms_opt(12, 0, 0).unwrap().and_utc().timestamp_millis();
                (d.to_string(), ms, *d, reason)
            })
            .collect()
    }

    fn kept(all: &[(String, i64, NaiveDate, BackupReason)]) -> Vec<String> {
        let dated: Vec<Dated> = all
            .iter()
            .map(|(file, taken_at, day, reason)| Dated { file, taken_at: *taken_at, day: *day, reason: *reason })
            .collect();
        keep(&dated).into_iter().map(str::to_string).collect()
    }

    fn every_day(from: &str, days: i64) -> Vec<NaiveDate> {
        (0..days).map(|i| date(from) + Duration::days(i)).collect()
    }

    #[test]
    fn a_day_keeps_its_newest_backup_only() {
        let mut all = backups(&[date("2026-11-30")], BackupReason::Daily);
        all.push(("later that evening".into(), all[0].1 + 3_600_000, date("2026-11-30"), BackupReason::MeetingClosed));
        assert_eq!(kept(&all), ["later that evening"]);
    }

    #[test]
    fn daily_backups_over_new_year_keep_seven_days_eight_weeks_and_twelve_months() {
        // Every day from 2025-10-01 to 2027-01-03: over two month ends and a year end.
        let days = every_day("2025-10-01", 460);
        assert_eq!(days.last().unwrap(), &date("2027-01-03"));
        let kept = kept(&backups(&days, BackupReason::Daily));
        let mut want: BTreeSet<String> = BTreeSet::new();
        // The last seven days.
        want.extend(every_day("2026-12-28", 7).iter().map(|d| d.to_string()));
        // The Sunday ending each of the last eight ISO weeks; 2027-01-03 is a Sunday, and the
        // week of 2026-12-28 to 2027-01-03 is ISO week 53 of 2026.
        assert_eq!(date("2027-01-03").iso_week().week(), 53);
        want.extend((0..8).map(|w| (date("2027-01-03") - Duration::weeks(w)).to_string()));
        // The last day of each of the last twelve months (January 2027 so far).
        want.extend(
            [
                "2027-01-03",
                "2026-12-31",
                "2026-11-30",
                "2026-10-31",
                "2026-09-30",
                "2026-08-31",
                "2026-07-31",
                "2026-06-30",
                "2026-05-31",
                "2026-04-30",
                "2026-03-31",
                "2026-02-28",
            ]
            .map(String::from),
        );
        assert_eq!(kept, want.into_iter().collect::<Vec<_>>());
    }

    #[test]
    fn a_week_that_spans_two_years_is_one_week() {
        // Monday 2024-12-30 to Sunday 2025-01-05 is ISO week 1 of 2025.
        let all = backups(&[date("2024-12-30"), date("2025-01-01"), date("2025-01-05")], BackupReason::Daily);
        let dated: Vec<Dated> = all
            .iter()
            .map(|(file, taken_at, day, reason)| Dated { file, taken_at: *taken_at, day: *day, reason: *reason })
            .collect();
        assert_eq!(
            newest_per(&dated.iter().rev().collect::<Vec<_>>(), 8, |d| (d.iso_week().year(), d.iso_week().week())),
            ["2025-01-05"]
        );
    }

    #[test]
    fn the_newest_backup_before_a_restore_stays_however_old() {
        let mut all = backups(&every_day("2026-01-01", 400), BackupReason::MeetingClosed);
        all.extend(backups(&[date("2025-06-01"), date("2025-06-02")], BackupReason::BeforeRestore));
        let kept = kept(&all);
        assert!(kept.contains(&"2025-06-02".to_string()));
        assert!(!kept.contains(&"2025-06-01".to_string()), "only the newest before-restore is kept");
    }

    #[test]
    fn a_restore_never_pushes_the_days_backup_out() {
        let mut all = backups(&[date("2026-11-30")], BackupReason::MeetingClosed);
        all.push(("before the restore".into(), all[0].1 + 60_000, date("2026-11-30"), BackupReason::BeforeRestore));
        assert_eq!(kept(&all), ["2026-11-30", "before the restore"]);
    }

    #[test]
    fn few_backups_are_all_kept() {
        let all = backups(&[date("2026-01-31"), date("2026-02-01"), date("2026-03-01")], BackupReason::Daily);
        assert_eq!(kept(&all).len(), 3);
        assert!(kept(&[]).is_empty());
    }
}
