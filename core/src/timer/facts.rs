//! The share timer as facts: planned length, time added or taken away, pauses, end. Remaining
//! time and the phase are worked out from these and `now`, so a restart loses nothing. Pure: no
//! store, no clock; the caller says what `now` is.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{problem, Error, Result};

/// The longest a share may be planned for, with everything added.
pub const MAX_SHARE_MS: i64 = 60 * 60 * 1000;
/// The shortest share length a group may set.
pub const MIN_SHARE_MS: i64 = 15 * 1000;
/// The most a chair may add, take away or back-date in one step.
pub const MAX_STEP_MS: i64 = 10 * 60 * 1000;

/// How long a share is, and when the gentle "wrap up" cue comes (time left).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ShareSettings {
    pub share_ms: i64,
    /// Time left at which the wrap-up cue comes; 0 for no wrap-up cue.
    pub warn_ms: i64,
}

impl ShareSettings {
    pub(crate) fn validated(self) -> Result<ShareSettings> {
        if self.share_ms <= 0 {
            return Err(Error::invalid(problem!(
                "share_needs_length_above_zero",
                "A share needs a length above zero."
            )));
        }
        if !(MIN_SHARE_MS..=MAX_SHARE_MS).contains(&self.share_ms) {
            return Err(Error::invalid(problem!(
                "share_15_seconds_60_minutes",
                "A share can be from 15 seconds to 60 minutes long."
            )));
        }
        if self.warn_ms < 0 || self.warn_ms >= self.share_ms {
            return Err(Error::invalid(problem!(
                "wrap_up_cue_must_come",
                "The wrap-up cue must come before the share's time is up (less time left than the share's length)."
            )));
        }
        Ok(self)
    }
}

/// Where a running share is: calm, time to wrap up, or over its time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum TimerPhase {
    Calm,
    WrapUp,
    Overtime,
}

/// A gentle cue the chair's window sounds when core's phase changes: `wrapUp` at the warning
/// point, `overtime` when the time is up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TimerCue {
    pub share_id: String,
    pub cue: TimerPhase,
}

/// The facts of a share, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareFacts {
    pub planned_ms: i64,
    pub warn_ms: i64,
    pub started_at: i64,
    pub adjust_ms: i64,
    pub paused_ms: i64,
    pub paused_since: Option<i64>,
    pub ended_at: Option<i64>,
}

impl ShareFacts {
    /// Time spoken by `now` (or by the end): everything since the start but the pauses.
    pub fn spoken_ms(&self, now: i64) -> i64 {
        let until = self.ended_at.unwrap_or(now);
        let pausing = self.paused_since.map_or(0, |since| until - since);
        (until - self.started_at - self.paused_ms - pausing).max(0)
    }

    /// Planned length with the time added or taken away.
    pub fn allowed_ms(&self) -> i64 {
        self.planned_ms + self.adjust_ms
    }

    /// Time left by `now`; negative once the share runs over.
    pub fn remaining_ms(&self, now: i64) -> i64 {
        self.allowed_ms() - self.spoken_ms(now)
    }

    pub fn phase(&self, now: i64) -> TimerPhase {
        let left = self.remaining_ms(now);
        if left <= 0 {
            TimerPhase::Overtime
        } else if left <= self.warn_ms {
            TimerPhase::WrapUp
        } else {
            TimerPhase::Calm
        }
    }
}

/// A running share's clock at one instant, for both windows to draw.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Timer {
    pub share_id: String,
    pub meeting_id: String,
    pub person_id: Option<String>,
    /// "Sam K.", or none for an unnamed share.
    pub speaker: Option<String>,
    pub planned_ms: i64,
    pub adjust_ms: i64,
    pub warn_ms: i64,
    pub started_at: i64,
    pub spoken_ms: i64,
    /// Negative when over time.
    pub remaining_ms: i64,
    pub phase: TimerPhase,
    pub paused: bool,
    /// The instant (UTC ms) this was computed for; the UI counts on from here between updates.
    pub at_ms: i64,
}

/// A share as the meeting's record keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ShareRecord {
    pub id: String,
    pub person_id: Option<String>,
    pub speaker: Option<String>,
    pub planned_ms: i64,
    pub adjust_ms: i64,
    pub started_at: i64,
    pub ended_at: Option<i64>,
    pub paused_ms: i64,
    pub spoken_ms: i64,
    pub overtime_ms: i64,
}

/// Everything the share panel of a meeting draws.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ShareState {
    pub meeting_id: String,
    /// The settings this meeting runs with (its own, or the group's).
    pub settings: ShareSettings,
    /// True when this meeting overrides the group's settings.
    pub overridden: bool,
    pub timer: Option<Timer>,
    /// Finished shares, oldest first.
    pub shares: Vec<ShareRecord>,
    /// True when the last share was stopped and nothing has started since.
    pub can_undo_stop: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct StartShareInput {
    pub meeting_id: String,
    /// `None` for an unnamed share (always so in a counts-only meeting).
    pub person_id: Option<String>,
    /// The share really began this long ago ("started 40 seconds ago"); 0 for now.
    pub started_ago_ms: i64,
    /// The chair confirmed: stop the running share and start this one.
    pub replace_running: bool,
}
