//! Whether the idle lock may lock now. Only a share or a round in the meeting the chair has on
//! screen holds it off, and only while it has been active within the idle time: a round left
//! open in a closed meeting, in another meeting, or forgotten for hours never keeps the app open.

use rusqlite::OptionalExtension;

use crate::error::Result;
use crate::store::{LockPostponed, Store};
use crate::timer::{self, ShareFacts};

/// The last moment a running share was active: the pause press if it is paused, else the moment
/// its time runs out (still ahead while it is within its time).
fn share_active_until(f: &ShareFacts, now: i64) -> i64 {
    f.paused_since.unwrap_or_else(|| now + f.remaining_ms(now))
}

impl Store {
    /// Whether the idle lock should wait, and why: a share or round in `meeting_on_screen` (an open
    /// meeting) active within the last `idle_ms`. Anything elsewhere, or stale, lets it lock.
    pub fn lock_postponed(&self, meeting_on_screen: Option<&str>, idle_ms: i64) -> Result<Option<LockPostponed>> {
        let Some(meeting_id) = meeting_on_screen else { return Ok(None) };
        let open: bool = self
            .conn()
            .query_row("SELECT status = 'open' AND deleted_at IS NULL FROM meetings WHERE id = ?1", [meeting_id], |r| {
                r.get(0)
            })
            .optional()?
            .unwrap_or(false);
        if !open {
            return Ok(None);
        }
        let now = self.clock().now_ms();
        let since = now - idle_ms;
        if let Some(f) = timer::running_facts(self.conn(), meeting_id)? {
            if share_active_until(&f, now) >= since {
                return Ok(Some(LockPostponed::ShareRunning));
            }
        }
        // A round's last step: its start, or the latest share or pass taken in it.
        let round_active: Option<i64> = self
            .conn()
            .query_row(
                "SELECT max(r.started_at,
                        coalesce((SELECT max(max(s.started_at, coalesce(s.ended_at, 0))) FROM shares s
                                  WHERE s.round_id = r.id AND s.deleted_at IS NULL), 0),
                        coalesce((SELECT max(p.at) FROM passes p
                                  WHERE p.round_id = r.id AND p.deleted_at IS NULL), 0))
             FROM rounds r WHERE r.meeting_id = ?1 AND r.ended_at IS NULL AND r.deleted_at IS NULL",
                [meeting_id],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
        Ok(round_active.filter(|at| *at >= since).map(|_| LockPostponed::RoundOpen))
    }
}
