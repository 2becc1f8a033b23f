//! The runner's time budget: which part of the format the meeting is in, the time left in it, whether
//! the meeting is ahead or behind, and how much sharing time is really left. Everything is worked out
//! from a plain `Run` (when each part started, when the meeting finished) and `now`, so a restart
//! resumes the same part with the right time.
//!
//! The rules, in a chair's terms:
//! - **Against the plan** compares lengths only: the parts done so far took this much more (or less)
//!   than planned, plus however far the current part has run over. A late or early start does not
//!   count here.
//! - **Against the clock** compares when the meeting will end, if what remains runs to plan, with the
//!   planned end. A late start counts here, as it does in the room.
//! - **Going back** ("previous part") takes back the last "next": the part left is no longer reached
//!   and the earlier part's clock runs on from its own start, so the minutes in between count to it.
//!   Going back from the first part takes back the start; going back after the finish resumes the
//!   last part.
//! - **Skipping** ahead passes over parts in an instant: they count as reached and done in no time.
//!   A part **never reached** (the meeting finished before it) has no actual time at all.
//! - A press is never refused because a clock moved back: an instant earlier than the last one
//!   recorded is taken as that last one.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{problem, Error, Problem, Result};
use crate::format::Format;

/// Within this much of the plan, the meeting is on time: a chair does not need to hear "20 seconds behind".
pub const ON_TIME_MS: i64 = 60 * 1000;

/// The facts of a meeting's run through its format, as the store keeps them (as JSON, after every change).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Run {
    /// When each part reached so far started (UTC ms), in format order: `starts[i]` is part `i`'s.
    /// Empty before the meeting starts; the last is the current part's.
    pub starts: Vec<i64>,
    /// When the chair finished the meeting (UTC ms), if they have.
    pub finished_at: Option<i64>,
}

/// Where the meeting is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum RunPhase {
    NotStarted,
    Running,
    Finished,
}

/// Ahead of, on, or behind time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum Standing {
    Ahead,
    OnTime,
    Behind,
}

/// How far ahead or behind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Pace {
    /// On time within [`ON_TIME_MS`] either way.
    pub standing: Standing,
    /// Behind by this much (ms); negative when ahead. Exact, even when counted as on time.
    pub behind_ms: i64,
}

impl Pace {
    /// The pace for a signed difference: positive behind, negative ahead.
    pub fn from_behind_ms(behind_ms: i64) -> Pace {
        let standing = if behind_ms.abs() < ON_TIME_MS {
            Standing::OnTime
        } else if behind_ms > 0 {
            Standing::Behind
        } else {
            Standing::Ahead
        };
        Pace { standing, behind_ms }
    }
}

/// The sharing part's real length: what the planned end leaves for it once the other parts have their time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SharingBudget {
    /// Which part is the sharing.
    pub index: usize,
    pub planned_ms: i64,
    /// Sharing's length as things stand: time already shared plus what is left (its actual length once
    /// it is over; 0 if the meeting finished without reaching it).
    pub length_ms: i64,
    /// Sharing time left from now: until the planned end, less the planned time of the other parts still
    /// to come. Never below zero. This is the figure fair time divides among those waiting.
    pub left_ms: i64,
}

/// The meeting's time at one instant, for the runner to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RunStatus {
    /// The instant (UTC ms) this was worked out for; the UI counts on from here between updates.
    pub at_ms: i64,
    pub phase: RunPhase,
    /// The part the meeting is in; none before the start and after the finish.
    pub current: Option<usize>,
    /// The part after the current one (or the first part, before the start); none at the last.
    pub next: Option<usize>,
    /// How long the current part has run.
    pub segment_elapsed_ms: Option<i64>,
    /// The current part's planned time less what it has run; negative once it runs over.
    pub segment_left_ms: Option<i64>,
    pub planned_start_ms: i64,
    /// The planned start plus the whole format's planned length.
    pub planned_end_ms: i64,
    /// Time until the planned start: the countdown before the meeting; negative once that time has passed.
    pub until_start_ms: i64,
    /// When the meeting will end if what remains runs to plan (when it did end, once finished).
    pub projected_end_ms: i64,
    /// Parts done so far against their planned lengths (and the current part's overrun, if any).
    pub against_plan: Pace,
    /// The projected end against the planned end.
    pub against_clock: Pace,
    /// None when the format has no sharing part.
    pub sharing: Option<SharingBudget>,
}

/// One part of a finished meeting, planned against actual: what the store saves with the meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SegmentActual {
    pub index: usize,
    pub title: String,
    pub planned_ms: i64,
    /// None when the meeting finished before this part was reached; 0 when it was skipped.
    pub actual_ms: Option<i64>,
    /// Actual less planned: positive when the part ran long. None when not reached.
    pub difference_ms: Option<i64>,
}

/// A finished meeting's time, part by part and in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RunReport {
    pub segments: Vec<SegmentActual>,
    pub planned_ms: i64,
    /// From the first part's start to the finish.
    pub actual_ms: i64,
    /// The actual start less the planned start: positive when it started late.
    pub started_late_ms: i64,
    /// The finish less the planned end: positive when it finished late.
    pub finished_late_ms: i64,
}

/// Time until the planned start: positive before it, negative once it has passed.
pub fn until_start_ms(planned_start_ms: i64, now_ms: i64) -> i64 {
    planned_start_ms - now_ms
}

fn conflict(message: impl Into<Problem>) -> Error {
    Error::Conflict(message.into())
}

/// The title of part `i` in quotes, for a message.
fn titled(format: &Format, i: usize) -> Problem {
    format.segments.get(i).map_or_else(
        || problem!("part_number", "part {number}", number = i + 1),
        |s| problem!("part_quoted", "“{title}”", title = &s.title),
    )
}

impl Run {
    /// A run not started yet.
    pub fn new() -> Run {
        Run::default()
    }

    pub fn phase(&self) -> RunPhase {
        match (self.starts.is_empty(), self.finished_at) {
            (true, _) => RunPhase::NotStarted,
            (false, None) => RunPhase::Running,
            (false, Some(_)) => RunPhase::Finished,
        }
    }

    /// The part the meeting is in, while it runs.
    pub fn current(&self) -> Option<usize> {
        match self.phase() {
            RunPhase::Running => Some(self.starts.len() - 1),
            _ => None,
        }
    }

    /// Checks the facts fit this format and each other: a run kept by the store should always pass,
    /// but a format shortened mid-meeting or an edited file must not put a wrong clock on screen.
    pub fn check(&self, format: &Format) -> Result<()> {
        if self.starts.len() > format.segments.len() {
            return Err(conflict(problem!(
                "format_shortened",
                "This meeting has already gone through {done} parts, but its format now has {count}: the format was \
                 changed during the meeting. Go back to a part that still exists, or restore the format.",
                done = self.starts.len(),
                count = format.segments.len()
            )));
        }
        if self.starts.windows(2).any(|w| w[1] < w[0]) {
            return Err(Error::invalid(problem!(
                "record_when_each_part_started",
                "The record of when each part started is out of order."
            )));
        }
        match (self.finished_at, self.starts.last()) {
            (Some(_), None) => Err(Error::invalid(problem!(
                "meeting_recorded_finished_but_never",
                "The meeting is recorded as finished but never started."
            ))),
            (Some(end), Some(&last)) if end < last => Err(Error::invalid(problem!(
                "meeting_recorded_finishing_before_last",
                "The meeting is recorded as finishing before its last part started."
            ))),
            _ => Ok(()),
        }
    }

    /// The latest instant recorded: no new fact may come before it.
    fn last_instant(&self) -> Option<i64> {
        self.finished_at.or_else(|| self.starts.last().copied())
    }

    /// `at`, or the last instant recorded if a clock went back since.
    fn not_before_last(&self, at: i64) -> i64 {
        self.last_instant().map_or(at, |last| at.max(last))
    }

    /// Starts the meeting (its first part) or moves on to the next part, at `at`.
    pub fn advance(&self, format: &Format, at: i64) -> Result<Run> {
        self.check(format)?;
        match self.phase() {
            RunPhase::Finished => Err(conflict(problem!(
                "meeting_has_finished_go_back",
                "The meeting has finished. Go back to the last part first to carry on with it."
            ))),
            RunPhase::NotStarted if format.segments.is_empty() => Err(conflict(problem!(
                "format_without_parts",
                "This format has no parts yet; add some before starting the meeting."
            ))),
            _ if self.starts.len() == format.segments.len() => Err(conflict(problem!(
                "last_part",
                "{part} is the last part: finish the meeting to end it.",
                part = titled(format, self.starts.len() - 1)
            ))),
            _ => {
                let mut next = self.clone();
                next.starts.push(self.not_before_last(at));
                Ok(next)
            }
        }
    }

    /// Moves ahead to part `index` at `at`, passing over the parts in between: they count as done in
    /// no time ("no newcomers tonight: on to the milestones"). Before the start, this starts the meeting there.
    pub fn skip_to(&self, format: &Format, index: usize, at: i64) -> Result<Run> {
        self.check(format)?;
        if self.phase() == RunPhase::Finished {
            return Err(conflict(problem!(
                "meeting_has_finished_go_back",
                "The meeting has finished. Go back to the last part first to carry on with it."
            )));
        }
        if index >= format.segments.len() {
            return Err(Error::invalid(problem!(
                "no_such_part",
                "This format has {count} parts; there is no part {number}.",
                count = format.segments.len(),
                number = index + 1
            )));
        }
        if index < self.starts.len() {
            return Err(conflict(problem!(
                "part_already_reached",
                "{part} has already been reached; use “previous part” to go back.",
                part = titled(format, index)
            )));
        }
        let at = self.not_before_last(at);
        let mut next = self.clone();
        next.starts.resize(index + 1, at);
        Ok(next)
    }

    /// Takes back the last step: back to the previous part, back into the last part after the finish,
    /// or back to not started from the first part.
    pub fn back(&self, format: &Format) -> Result<Run> {
        self.check(format)?;
        let mut prev = self.clone();
        match self.phase() {
            RunPhase::NotStarted => {
                return Err(conflict(problem!(
                    "not_started_no_part",
                    "The meeting has not started yet, so there is no part to go back to."
                )))
            }
            RunPhase::Finished => prev.finished_at = None,
            RunPhase::Running => {
                prev.starts.pop();
            }
        }
        Ok(prev)
    }

    /// Finishes the meeting at `at`, in whatever part it is: parts not reached stay not reached.
    pub fn finish(&self, format: &Format, at: i64) -> Result<Run> {
        self.check(format)?;
        match self.phase() {
            RunPhase::NotStarted => Err(conflict(problem!(
                "not_started_cannot_finish",
                "The meeting has not started yet, so it cannot finish."
            ))),
            RunPhase::Finished => {
                Err(conflict(problem!("meeting_has_already_finished", "The meeting has already finished.")))
            }
            RunPhase::Running => Ok(Run { starts: self.starts.clone(), finished_at: Some(self.not_before_last(at)) }),
        }
    }

    /// How long part `i` ran, as of `now`: none if it has not been reached.
    fn actual_ms(&self, i: usize, now: i64) -> Option<i64> {
        let start = *self.starts.get(i)?;
        let end = match self.starts.get(i + 1) {
            Some(&next) => next,
            None => self.finished_at.unwrap_or(now),
        };
        Some((end - start).max(0))
    }

    /// The meeting's time at `now`, planned to start at `planned_start_ms`.
    pub fn status(&self, format: &Format, planned_start_ms: i64, now: i64) -> Result<RunStatus> {
        self.check(format)?;
        let segs = &format.segments;
        let planned = |range: std::ops::Range<usize>| -> i64 { segs[range].iter().map(|s| s.planned_ms()).sum() };
        let planned_end_ms = planned_start_ms + format.planned_ms();
        let phase = self.phase();
        let reached = self.starts.len();
        let current = self.current();

        // Parts done are those reached and left; the current part's overrun counts as soon as it
        // happens, but time it may yet save does not.
        let done = if phase == RunPhase::Finished { reached } else { reached.saturating_sub(1) };
        let mut behind_plan: i64 = (0..done).map(|i| self.actual_ms(i, now).unwrap_or(0) - segs[i].planned_ms()).sum();
        let (elapsed, left) = match current {
            Some(i) => {
                let elapsed = self.actual_ms(i, now).unwrap_or(0);
                (Some(elapsed), Some(segs[i].planned_ms() - elapsed))
            }
            None => (None, None),
        };
        if let Some(left) = left {
            behind_plan += (-left).max(0);
        }

        let projected_end_ms = match (phase, current, left) {
            (RunPhase::Finished, _, _) => self.finished_at.unwrap_or(now),
            (RunPhase::NotStarted, _, _) => now.max(planned_start_ms) + format.planned_ms(),
            (_, Some(i), Some(left)) => now + left.max(0) + planned(i + 1..segs.len()),
            _ => now,
        };

        let sharing = format.sharing_index().map(|index| {
            let planned_ms = segs[index].planned_ms();
            let after = planned(index + 1..segs.len());
            let (length_ms, left_ms) = match (phase, current) {
                (RunPhase::Finished, _) => (self.actual_ms(index, now).unwrap_or(0), 0),
                (_, Some(i)) if i > index => (self.actual_ms(index, now).unwrap_or(0), 0),
                (_, Some(i)) if i == index => {
                    let left = (planned_end_ms - now - after).max(0);
                    (elapsed.unwrap_or(0) + left, left)
                }
                (_, Some(i)) => {
                    let before = left.unwrap_or(0).max(0) + planned(i + 1..index);
                    let left = (planned_end_ms - now - before - after).max(0);
                    (left, left)
                }
                (_, None) => {
                    let left = (planned_end_ms - now.max(planned_start_ms) - planned(0..index) - after).max(0);
                    (left, left)
                }
            };
            SharingBudget { index, planned_ms, length_ms, left_ms }
        });

        let next = match phase {
            RunPhase::NotStarted => (!segs.is_empty()).then_some(0),
            RunPhase::Running => (reached < segs.len()).then_some(reached),
            RunPhase::Finished => None,
        };

        Ok(RunStatus {
            at_ms: now,
            phase,
            current,
            next,
            segment_elapsed_ms: elapsed,
            segment_left_ms: left,
            planned_start_ms,
            planned_end_ms,
            until_start_ms: until_start_ms(planned_start_ms, now),
            projected_end_ms,
            against_plan: Pace::from_behind_ms(behind_plan),
            against_clock: Pace::from_behind_ms(projected_end_ms - planned_end_ms),
            sharing,
        })
    }

    /// Planned against actual for every part of the finished meeting: what the store saves with it.
    /// A meeting closed without "finish" should be finished at the closing time first.
    pub fn report(&self, format: &Format, planned_start_ms: i64) -> Result<RunReport> {
        self.check(format)?;
        let (Some(&first), Some(end)) = (self.starts.first(), self.finished_at) else {
            return Err(conflict(problem!(
                "not_finished_yet",
                "The meeting has not finished yet; finish it to see planned against actual."
            )));
        };
        let segments = format
            .segments
            .iter()
            .enumerate()
            .map(|(index, s)| {
                let actual_ms = self.actual_ms(index, end);
                SegmentActual {
                    index,
                    title: s.title.clone(),
                    planned_ms: s.planned_ms(),
                    actual_ms,
                    difference_ms: actual_ms.map(|a| a - s.planned_ms()),
                }
            })
            .collect();
        Ok(RunReport {
            segments,
            planned_ms: format.planned_ms(),
            actual_ms: end - first,
            started_late_ms: first - planned_start_ms,
            finished_late_ms: end - (planned_start_ms + format.planned_ms()),
        })
    }
}
