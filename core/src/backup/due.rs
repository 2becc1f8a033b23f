//! When an automatic backup is due. One is started as a meeting closes, but the laptop can be shut,
//! the app killed or the power lost before it is written: so a meeting closed after the newest
//! backup makes one due whenever the data is open, not only at the close. Otherwise, one a day.

use super::{BackupReason, BackupSource};
use crate::error::Result;
use crate::store::Store;

pub const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// The backup due at `now_ms`, given when the newest backup was taken and when the last meeting
/// closed (UTC ms), if ever.
pub fn due(newest_backup: Option<i64>, last_closed: Option<i64>, now_ms: i64) -> Option<BackupReason> {
    // A backup without its summary is dated by its name, to the second, so a close in that second
    // may count as after it: one backup too many, never one too few.
    if last_closed.is_some_and(|closed| newest_backup.is_none_or(|newest| closed > newest)) {
        Some(BackupReason::MeetingClosed)
    } else if newest_backup.is_none_or(|newest| now_ms - newest >= DAY_MS) {
        Some(BackupReason::Daily)
    } else {
        None
    }
}

/// Takes the backup due now, if any. Run one at a time (the caller's lock), so that two triggers
/// (the close itself and the daily check) never take the same backup twice.
pub fn take_if_due(source: &BackupSource, last_closed: Option<i64>, now_ms: i64) -> Result<Option<super::BackupInfo>> {
    let newest = super::list(source.data_file())?.first().map(|b| b.taken_at);
    due(newest, last_closed, now_ms).map(|reason| super::take(source, reason, now_ms)).transpose()
}

impl Store {
    /// When the last meeting was closed (UTC ms), if one ever was.
    pub fn last_closed_at(&self) -> Result<Option<i64>> {
        let at =
            self.conn().query_row("SELECT max(closed_at) FROM meetings WHERE deleted_at IS NULL", [], |r| r.get(0))?;
        Ok(at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_796_065_512_000;
    const HOUR: i64 = 60 * 60 * 1000;

    #[test]
    fn a_meeting_closed_after_the_newest_backup_is_backed_up() {
        assert_eq!(due(Some(NOW - HOUR), Some(NOW - 1000), NOW), Some(BackupReason::MeetingClosed));
        assert_eq!(due(None, Some(NOW - HOUR), NOW), Some(BackupReason::MeetingClosed));
    }

    #[test]
    fn a_meeting_closed_before_the_newest_backup_needs_none_until_a_day_has_passed() {
        assert_eq!(due(Some(NOW - HOUR), Some(NOW - 2 * HOUR), NOW), None);
        assert_eq!(due(Some(NOW - DAY_MS), Some(NOW - 2 * DAY_MS), NOW), Some(BackupReason::Daily));
    }

    #[test]
    fn a_close_in_the_same_second_as_the_newest_backup_is_backed_up_again_rather_than_missed() {
        // Dated by its name, the backup says 12:05:12 for 12:05:12.700; the close was at 12:05:12.400.
        assert_eq!(due(Some(NOW), Some(NOW + 400), NOW + 2000), Some(BackupReason::MeetingClosed));
        assert_eq!(due(Some(NOW + 400), Some(NOW + 400), NOW + 2000), None);
    }

    #[test]
    fn data_never_backed_up_gets_a_daily_backup_even_before_its_first_meeting() {
        assert_eq!(due(None, None, NOW), Some(BackupReason::Daily));
        assert_eq!(due(Some(NOW - HOUR), None, NOW), None);
    }
}
