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

/// The real clock.
#[derive(Debug)]
pub struct SystemClock {
    origin: Instant,
}

impl Default for SystemClock {
    fn default() -> Self {
        SystemClock { origin: Instant::now() }
    }
}

impl Clock for SystemClock {
    fn now_ms(&self) -> i64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0)
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
