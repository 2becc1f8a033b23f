//! The idle lock's deadline, kept here rather than in the window: WebKitGTK throttles a hidden
//! window's timers, and a key press must never save a deadline that has already passed. The window
//! only reports activity (see `AppState::touch`); the ticker asks [`Deadline::passed`] every beat.
//! Time is the wall clock in ms, as the share timer's: time the laptop spends asleep counts.

/// How long the chair may be away before the app locks itself: the preference in minutes (0 for
/// never). A debug build also reads `CIRCLEKEEPER_IDLE_LOCK_SECONDS`, so the end-to-end story can
/// watch the real lock come in seconds; a release build ignores it.
pub fn limit_ms(minutes: u32) -> Option<i64> {
    if minutes == 0 {
        return None;
    }
    #[cfg(debug_assertions)]
    if let Some(seconds) = std::env::var("CIRCLEKEEPER_IDLE_LOCK_SECONDS").ok().and_then(|s| s.parse::<u32>().ok()) {
        return Some(i64::from(seconds.max(1)) * 1000);
    }
    Some(i64::from(minutes) * 60_000)
}

/// The last activity and how long after it the app locks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadline {
    limit_ms: Option<i64>,
    last_active: i64,
}

impl Deadline {
    pub fn new(limit_ms: Option<i64>, now: i64) -> Deadline {
        Deadline { limit_ms, last_active: now }
    }

    pub fn limit_ms(&self) -> Option<i64> {
        self.limit_ms
    }

    /// A new idle time, counted from now.
    pub fn set_limit(&mut self, limit_ms: Option<i64>, now: i64) {
        *self = Deadline::new(limit_ms, now);
    }

    /// The chair has been away for the whole idle time.
    pub fn passed(&self, now: i64) -> bool {
        self.limit_ms.is_some_and(|limit| now - self.last_active >= limit)
    }

    /// The chair is here: counting starts again, unless the deadline has already passed. Then it
    /// stands, and the caller must decide (lock, or the lock is postponed) before calling
    /// [`Deadline::restart`]. Returns whether the deadline moved.
    pub fn touch(&mut self, now: i64) -> bool {
        if self.passed(now) {
            return false;
        }
        self.restart(now);
        true
    }

    /// Counting starts again from `now`, whatever came before: after unlocking, or when the chair
    /// was active while a share held the lock off.
    pub fn restart(&mut self, now: i64) {
        self.last_active = now;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: i64 = 60_000;

    #[test]
    fn activity_moves_the_deadline_on() {
        let mut d = Deadline::new(Some(10 * MIN), 0);
        assert!(d.touch(9 * MIN));
        assert!(!d.passed(18 * MIN), "ten minutes from the last key press, not from the start");
        assert!(d.passed(19 * MIN));
    }

    #[test]
    fn a_key_press_after_the_deadline_passed_does_not_save_it() {
        let mut d = Deadline::new(Some(10 * MIN), 0);
        assert!(!d.touch(10 * MIN + 1), "the deadline has passed: a key press now is too late");
        assert!(d.passed(10 * MIN + 2), "still passed: the lock comes");
    }

    #[test]
    fn never_is_never_and_a_new_idle_time_counts_from_now() {
        let mut d = Deadline::new(None, 0);
        assert!(!d.passed(1000 * MIN));
        d.set_limit(Some(5 * MIN), 1000 * MIN);
        assert!(!d.passed(1004 * MIN));
        assert!(d.passed(1005 * MIN));
    }
}
