//! The one place that knows the time. Core asks a `Clock`; tests hand it a `FakeClock`
//! and walk a whole meeting through in microseconds.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

pub trait Clock: Send + Sync {
    /// Wall-clock time as UTC milliseconds since the Unix epoch: what we store.
    fn now_ms(&self) -> i64;
    /// Milliseconds on a clock that never jumps back; only differences mean anything.
    fn monotonic_ms(&self) -> i64;
}

/// The real clock. Within a run, `now_ms` advances with the monotonic clock, so a wall clock
/// set back mid-meeting cannot make a share longer. When the wall clock runs ahead of it by more
/// than [`SystemClock::SLEEP_TOLERANCE_MS`] (the laptop slept: the monotonic clock stops during
/// suspend on Linux and macOS), it catches up to the wall clock, so time asleep is counted.
#[derive(Debug)]
pub struct SystemClock {
    origin: Instant,
    /// Wall time at `origin`, moved forward whenever a sleep is detected.
    anchor_ms: AtomicI64,
}

impl Default for SystemClock {
    fn default() -> Self {
        SystemClock { origin: Instant::now(), anchor_ms: AtomicI64::new(wall_ms()) }
    }
}

fn wall_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}

impl SystemClock {
    pub const SLEEP_TOLERANCE_MS: i64 = 1_000;
}

/// The reconciled time and the anchor to keep: monotonic time from the anchor, unless the wall
/// clock has run ahead by more than the tolerance (a sleep), when the wall clock wins.
pub fn reconcile(anchor_ms: i64, mono_ms: i64, wall_ms: i64) -> (i64, i64) {
    if wall_ms - (anchor_ms + mono_ms) > SystemClock::SLEEP_TOLERANCE_MS {
        (wall_ms, wall_ms - mono_ms)
    } else {
        (anchor_ms + mono_ms, anchor_ms)
    }
}

impl Clock for SystemClock {
    fn now_ms(&self) -> i64 {
        let (now, anchor) = reconcile(self.anchor_ms.load(Ordering::SeqCst), self.monotonic_ms(), wall_ms());
        self.anchor_ms.store(anchor, Ordering::SeqCst);
        now
    }
    fn monotonic_ms(&self) -> i64 {
        self.origin.elapsed().as_millis() as i64
    }
}

/// A clock that moves only when told to. Cloning shares the same time.
#[derive(Debug, Clone)]
pub struct FakeClock {
    wall: Arc<AtomicI64>,
    mono: Arc<AtomicI64>,
}

impl FakeClock {
    pub fn at(wall_ms: i64) -> Self {
        FakeClock { wall: Arc::new(AtomicI64::new(wall_ms)), mono: Arc::new(AtomicI64::new(0)) }
    }
    pub fn advance_ms(&self, ms: i64) {
        self.wall.fetch_add(ms, Ordering::SeqCst);
        self.mono.fetch_add(ms, Ordering::SeqCst);
    }
    /// Wall time jumps (a laptop slept, or the clock was set) while the monotonic clock does not.
    pub fn jump_wall_ms(&self, ms: i64) {
        self.wall.fetch_add(ms, Ordering::SeqCst);
    }
}

impl Clock for FakeClock {
    fn now_ms(&self) -> i64 {
        self.wall.load(Ordering::SeqCst)
    }
    fn monotonic_ms(&self) -> i64 {
        self.mono.load(Ordering::SeqCst)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wall_clock_set_back_mid_meeting_does_not_stretch_time() {
        // Anchored at 1_000_000; 5 s of monotonic time; someone sets the wall clock back a minute.
        assert_eq!(reconcile(1_000_000, 5_000, 945_000), (1_005_000, 1_000_000));
    }

    #[test]
    fn time_asleep_is_counted_when_the_laptop_wakes() {
        // The monotonic clock stood still for 20 minutes of sleep; the wall clock did not.
        let (now, anchor) = reconcile(1_000_000, 5_000, 1_000_000 + 5_000 + 1_200_000);
        assert_eq!(now, 2_205_000);
        assert_eq!(anchor + 6_000, 2_206_000, "later readings count on from the wall clock");
    }

    #[test]
    fn small_drift_keeps_the_monotonic_clock() {
        assert_eq!(reconcile(1_000_000, 5_000, 1_005_400).0, 1_005_000);
    }

    #[test]
    fn the_system_clock_never_goes_back() {
        let c = SystemClock::default();
        let a = c.now_ms();
        let b = c.now_ms();
        assert!(b >= a);
    }
}
