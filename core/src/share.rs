//! Share: one person's timed turn. A share is kept as facts (start, planned length, time added
//! or taken away, pauses, end) and its clock is computed from them, so whatever happens to the
//! app or the laptop, the time is right when it comes back.

use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::meeting::{self, MeetingMode};
use crate::names;
use crate::store::{Store, Tx};

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
    fn validated(self) -> Result<ShareSettings> {
        if self.share_ms <= 0 {
            return Err(Error::invalid("A share needs a length above zero."));
        }
        if !(MIN_SHARE_MS..=MAX_SHARE_MS).contains(&self.share_ms) {
            return Err(Error::invalid("A share can be from 15 seconds to 60 minutes long."));
        }
        if self.warn_ms < 0 || self.warn_ms >= self.share_ms {
            return Err(Error::invalid(
                "The wrap-up cue must come before the share's time is up (less time left than the share's length).",
            ));
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

struct Row_ {
    id: String,
    meeting_id: String,
    person_id: Option<String>,
    speaker: Option<String>,
    facts: ShareFacts,
}

const SELECT: &str = "SELECT s.id, s.meeting_id, s.person_id, p.display_name, p.last_initial,
        s.planned_ms, s.warn_ms, s.started_at, s.adjust_ms, s.paused_ms, s.paused_since, s.ended_at
    FROM shares s LEFT JOIN people p ON p.id = s.person_id";

fn from_row(r: &Row) -> rusqlite::Result<Row_> {
    let name: Option<String> = r.get(3)?;
    let initial: Option<String> = r.get(4)?;
    Ok(Row_ {
        id: r.get(0)?,
        meeting_id: r.get(1)?,
        person_id: r.get(2)?,
        speaker: name.map(|n| names::shown(&n, initial.as_deref().unwrap_or(""))),
        facts: ShareFacts {
            planned_ms: r.get(5)?,
            warn_ms: r.get(6)?,
            started_at: r.get(7)?,
            adjust_ms: r.get(8)?,
            paused_ms: r.get(9)?,
            paused_since: r.get(10)?,
            ended_at: r.get(11)?,
        },
    })
}

impl Row_ {
    /// "Sam's share" or "The current share", for messages.
    fn described(&self) -> String {
        match &self.speaker {
            Some(s) => format!("{s}'s share"),
            None => "The current share".into(),
        }
    }

    fn timer(self, now: i64) -> Timer {
        let f = &self.facts;
        Timer {
            planned_ms: f.planned_ms,
            adjust_ms: f.adjust_ms,
            warn_ms: f.warn_ms,
            started_at: f.started_at,
            spoken_ms: f.spoken_ms(now),
            remaining_ms: f.remaining_ms(now),
            phase: f.phase(now),
            paused: f.paused_since.is_some(),
            at_ms: now,
            share_id: self.id,
            meeting_id: self.meeting_id,
            person_id: self.person_id,
            speaker: self.speaker,
        }
    }

    fn record(self) -> ShareRecord {
        let f = &self.facts;
        let end = f.ended_at.unwrap_or(f.started_at);
        let spoken = f.spoken_ms(end);
        ShareRecord {
            planned_ms: f.planned_ms,
            adjust_ms: f.adjust_ms,
            started_at: f.started_at,
            ended_at: f.ended_at,
            paused_ms: f.paused_ms,
            spoken_ms: spoken,
            overtime_ms: (spoken - f.allowed_ms()).max(0),
            id: self.id,
            person_id: self.person_id,
            speaker: self.speaker,
        }
    }
}

fn running(conn: &Connection, meeting_id: &str) -> Result<Option<Row_>> {
    Ok(conn
        .query_row(
            &format!("{SELECT} WHERE s.meeting_id = ?1 AND s.ended_at IS NULL AND s.deleted_at IS NULL"),
            [meeting_id],
            from_row,
        )
        .optional()?)
}

fn get(conn: &Connection, share_id: &str) -> Result<Row_> {
    conn.query_row(&format!("{SELECT} WHERE s.id = ?1 AND s.deleted_at IS NULL"), [share_id], from_row)
        .optional()?
        .ok_or(Error::NotFound { what: "share" })
}

/// The running share with this id, in a meeting that may still change.
fn get_running(tx: &Tx, share_id: &str) -> Result<Row_> {
    let row = get(tx, share_id)?;
    if row.facts.ended_at.is_some() {
        return Err(Error::Conflict("That share has already been stopped.".into()));
    }
    meeting::get_open(tx, &row.meeting_id)?;
    Ok(row)
}

fn group_settings(conn: &Connection, group_id: &str) -> Result<ShareSettings> {
    conn.query_row("SELECT share_ms, warn_ms FROM groups WHERE id = ?1 AND deleted_at IS NULL", [group_id], |r| {
        Ok(ShareSettings { share_ms: r.get(0)?, warn_ms: r.get(1)? })
    })
    .optional()?
    .ok_or(Error::NotFound { what: "group" })
}

/// The settings a meeting runs with, and whether they are its own.
fn meeting_settings(conn: &Connection, meeting_id: &str) -> Result<(ShareSettings, bool)> {
    let m = meeting::get(conn, meeting_id)?;
    let own: (Option<i64>, Option<i64>) =
        conn.query_row("SELECT share_ms, warn_ms FROM meetings WHERE id = ?1", [meeting_id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    match own {
        (Some(share_ms), Some(warn_ms)) => Ok((ShareSettings { share_ms, warn_ms }, true)),
        _ => Ok((group_settings(conn, &m.group_id)?, false)),
    }
}

pub(crate) fn state(conn: &Connection, meeting_id: &str, now: i64) -> Result<ShareState> {
    let (settings, overridden) = meeting_settings(conn, meeting_id)?;
    let timer = running(conn, meeting_id)?.map(|r| r.timer(now));
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE s.meeting_id = ?1 AND s.ended_at IS NOT NULL AND s.deleted_at IS NULL ORDER BY s.started_at, s.id"
    ))?;
    let shares =
        stmt.query_map([meeting_id], from_row)?.map(|r| r.map(Row_::record)).collect::<rusqlite::Result<Vec<_>>>()?;
    let can_undo_stop = timer.is_none() && !shares.is_empty();
    Ok(ShareState { meeting_id: meeting_id.to_string(), settings, overridden, timer, shares, can_undo_stop })
}

fn end(tx: &Tx, row: &Row_) -> Result<()> {
    // A share stopped while paused ends when the pause began; the pause is not speaking time.
    let (ended_at, paused_ms) = match row.facts.paused_since {
        Some(since) => (since, row.facts.paused_ms),
        None => (tx.now, row.facts.paused_ms),
    };
    tx.execute(
        "UPDATE shares SET ended_at = ?2, paused_ms = ?3, paused_since = NULL, updated_at = ?4, updated_by = ?5 WHERE id = ?1",
        rusqlite::params![row.id, ended_at.max(row.facts.started_at), paused_ms, tx.now, tx.device],
    )?;
    Ok(())
}

fn update_facts(tx: &Tx, id: &str, f: &ShareFacts) -> Result<()> {
    tx.execute(
        "UPDATE shares SET started_at = ?2, adjust_ms = ?3, paused_ms = ?4, paused_since = ?5, ended_at = ?6,
                           updated_at = ?7, updated_by = ?8
         WHERE id = ?1",
        rusqlite::params![id, f.started_at, f.adjust_ms, f.paused_ms, f.paused_since, f.ended_at, tx.now, tx.device],
    )?;
    Ok(())
}

fn check_step(ms: i64, what: &str) -> Result<()> {
    if ms == 0 || ms.abs() > MAX_STEP_MS {
        return Err(Error::invalid(format!("{what} between 1 second and 10 minutes at a time.")));
    }
    Ok(())
}

impl Store {
    pub fn share_state(&self, meeting_id: &str) -> Result<ShareState> {
        state(self.conn(), meeting_id, self.clock().now_ms())
    }

    /// The running share of whichever meeting has one, as of now: what the shell pushes every tick.
    pub fn running_timer(&self) -> Result<Option<Timer>> {
        let now = self.clock().now_ms();
        let row = self
            .conn()
            .query_row(
                &format!(
                    "{SELECT} WHERE s.ended_at IS NULL AND s.deleted_at IS NULL ORDER BY s.started_at DESC LIMIT 1"
                ),
                [],
                from_row,
            )
            .optional()?;
        Ok(row.map(|r| r.timer(now)))
    }

    pub fn start_share(&mut self, input: &StartShareInput) -> Result<ShareState> {
        if !(0..=MAX_STEP_MS).contains(&input.started_ago_ms) {
            return Err(Error::invalid("A share can be back-dated by up to 10 minutes."));
        }
        self.write(|tx| {
            let m = meeting::get_open(tx, &input.meeting_id)?;
            if let Some(person_id) = &input.person_id {
                if m.mode == MeetingMode::Headcount {
                    return Err(Error::Conflict("This meeting keeps no names, so shares are unnamed.".into()));
                }
                let here: bool = tx.query_row(
                    "SELECT EXISTS (SELECT 1 FROM check_ins WHERE meeting_id = ?1 AND person_id = ?2 AND deleted_at IS NULL)",
                    [&m.id, person_id],
                    |r| r.get(0),
                )?;
                if !here {
                    crate::roster::get(tx, person_id)?;
                    return Err(Error::Conflict("Check this person in before their share starts.".into()));
                }
            }
            if let Some(current) = running(tx, &m.id)? {
                if !input.replace_running {
                    return Err(Error::ShareRunning { share: current.described() });
                }
                end(tx, &current)?;
            }
            begin(tx, &m.id, input.person_id.as_deref(), input.started_ago_ms, None)?;
            state(tx, &m.id, tx.now)
        })
    }

    pub fn stop_share(&mut self, share_id: &str) -> Result<ShareState> {
        self.write(|tx| {
            let row = get_running(tx, share_id)?;
            end(tx, &row)?;
            state(tx, &row.meeting_id, tx.now)
        })
    }

    /// Takes back the last stop: the share runs on as if it had never been stopped.
    pub fn undo_stop(&mut self, meeting_id: &str) -> Result<ShareState> {
        self.write(|tx| {
            meeting::get_open(tx, meeting_id)?;
            if running(tx, meeting_id)?.is_some() {
                return Err(Error::Conflict("A share is running; there is no stop to undo.".into()));
            }
            let last = tx
                .query_row(
                    &format!("{SELECT} WHERE s.meeting_id = ?1 AND s.deleted_at IS NULL ORDER BY s.ended_at DESC, s.id DESC LIMIT 1"),
                    [meeting_id],
                    from_row,
                )
                .optional()?
                .ok_or_else(|| Error::Conflict("No share has been stopped yet.".into()))?;
            let f = ShareFacts { ended_at: None, ..last.facts };
            update_facts(tx, &last.id, &f)?;
            state(tx, meeting_id, tx.now)
        })
    }

    pub fn pause_share(&mut self, share_id: &str) -> Result<ShareState> {
        self.write(|tx| {
            let row = get_running(tx, share_id)?;
            if row.facts.paused_since.is_some() {
                return Err(Error::Conflict("The share is already paused.".into()));
            }
            update_facts(tx, &row.id, &ShareFacts { paused_since: Some(tx.now), ..row.facts.clone() })?;
            state(tx, &row.meeting_id, tx.now)
        })
    }

    pub fn resume_share(&mut self, share_id: &str) -> Result<ShareState> {
        self.write(|tx| {
            let row = get_running(tx, share_id)?;
            let Some(since) = row.facts.paused_since else {
                return Err(Error::Conflict("The share is not paused.".into()));
            };
            let f = ShareFacts {
                paused_ms: row.facts.paused_ms + (tx.now - since),
                paused_since: None,
                ..row.facts.clone()
            };
            update_facts(tx, &row.id, &f)?;
            state(tx, &row.meeting_id, tx.now)
        })
    }

    /// Adds time to (positive) or takes time from (negative) the running share.
    pub fn adjust_share(&mut self, share_id: &str, delta_ms: i64) -> Result<ShareState> {
        check_step(delta_ms, "Add or take away time")?;
        self.write(|tx| {
            let row = get_running(tx, share_id)?;
            let f = ShareFacts { adjust_ms: row.facts.adjust_ms + delta_ms, ..row.facts.clone() };
            if f.allowed_ms() < 0 {
                return Err(Error::invalid("That would take away more time than the share has."));
            }
            if f.allowed_ms() > MAX_SHARE_MS {
                return Err(Error::invalid("A share can be at most 60 minutes long."));
            }
            update_facts(tx, &row.id, &f)?;
            state(tx, &row.meeting_id, tx.now)
        })
    }

    /// Moves the running share's start earlier: it really began `ms` before it was started here.
    pub fn backdate_share(&mut self, share_id: &str, ms: i64) -> Result<ShareState> {
        check_step(ms, "Back-date a share")?;
        if ms < 0 {
            return Err(Error::invalid("A share can only be back-dated to an earlier start."));
        }
        self.write(|tx| {
            let row = get_running(tx, share_id)?;
            update_facts(tx, &row.id, &ShareFacts { started_at: row.facts.started_at - ms, ..row.facts.clone() })?;
            state(tx, &row.meeting_id, tx.now)
        })
    }

    pub fn group_share_settings(&self, group_id: &str) -> Result<ShareSettings> {
        group_settings(self.conn(), group_id)
    }

    pub fn set_group_share_settings(&mut self, group_id: &str, settings: ShareSettings) -> Result<ShareSettings> {
        let s = settings.validated()?;
        self.write(|tx| {
            crate::group::get(tx, group_id)?;
            tx.execute(
                "UPDATE groups SET share_ms = ?2, warn_ms = ?3, updated_at = ?4, updated_by = ?5 WHERE id = ?1",
                rusqlite::params![group_id, s.share_ms, s.warn_ms, tx.now, tx.device],
            )?;
            group_settings(tx, group_id)
        })
    }

    /// Gives one meeting its own share length and cue (`None` goes back to the group's).
    /// Shares already started keep the length they started with.
    pub fn set_meeting_share_settings(
        &mut self,
        meeting_id: &str,
        settings: Option<ShareSettings>,
    ) -> Result<ShareState> {
        let s = settings.map(ShareSettings::validated).transpose()?;
        self.write(|tx| {
            meeting::get_open(tx, meeting_id)?;
            tx.execute(
                "UPDATE meetings SET share_ms = ?2, warn_ms = ?3, updated_at = ?4, updated_by = ?5 WHERE id = ?1",
                rusqlite::params![meeting_id, s.map(|s| s.share_ms), s.map(|s| s.warn_ms), tx.now, tx.device],
            )?;
            state(tx, meeting_id, tx.now)
        })
    }
}

/// Starts a share now (or `started_ago_ms` ago) with the meeting's settings; nothing may be running.
pub(crate) fn begin(
    tx: &Tx,
    meeting_id: &str,
    person_id: Option<&str>,
    started_ago_ms: i64,
    round_id: Option<&str>,
) -> Result<()> {
    let (settings, _) = meeting_settings(tx, meeting_id)?;
    tx.execute(
        "INSERT INTO shares (id, meeting_id, person_id, planned_ms, warn_ms, started_at, round_id,
                             created_at, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9)",
        rusqlite::params![
            crate::new_id(),
            meeting_id,
            person_id,
            settings.share_ms,
            settings.warn_ms,
            tx.now - started_ago_ms,
            round_id,
            tx.now,
            tx.device
        ],
    )?;
    Ok(())
}

/// The running share of a meeting: its id and whose it is.
pub(crate) fn running_share(conn: &Connection, meeting_id: &str) -> Result<Option<(String, Option<String>)>> {
    Ok(running(conn, meeting_id)?.map(|r| (r.id, r.person_id)))
}

/// Stops the meeting's running share, if any.
pub(crate) fn stop_running(tx: &Tx, meeting_id: &str) -> Result<()> {
    if let Some(row) = running(tx, meeting_id)? {
        end(tx, &row)?;
    }
    Ok(())
}

/// Takes back a share that was started for someone who then passed: a pass is not a share.
pub(crate) fn withdraw_running(tx: &Tx, meeting_id: &str) -> Result<()> {
    tx.execute(
        "UPDATE shares SET deleted_at = ?2, updated_at = ?2, updated_by = ?3
         WHERE meeting_id = ?1 AND ended_at IS NULL AND deleted_at IS NULL",
        rusqlite::params![meeting_id, tx.now, tx.device],
    )?;
    Ok(())
}

/// Refuses to close a meeting while someone is still sharing.
pub(crate) fn ensure_none_running(conn: &Connection, meeting_id: &str) -> Result<()> {
    if let Some(r) = running(conn, meeting_id)? {
        return Err(Error::Conflict(format!("{} is still running; stop it first.", r.described())));
    }
    Ok(())
}
