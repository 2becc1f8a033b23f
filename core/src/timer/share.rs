//! Shares as the store keeps them: starting, stopping, pausing and adjusting a person's timed
//! turn, each one transaction, and the share panel's snapshot. The clock itself is worked out
//! from the stored facts in [`super::facts`].

use rusqlite::{Connection, OptionalExtension, Row};

use super::facts::*;
use crate::error::{problem, Error, Problem, Result};
use crate::meeting::{self, MeetingMode};
use crate::names;
use crate::store::{tombstone, Aggregate, Store, Tx};

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
    fn described(&self) -> Problem {
        match &self.speaker {
            Some(s) => problem!("share_of", "{name}'s share", name = s),
            None => problem!("share_current", "The current share"),
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
        return Err(Error::Conflict(problem!(
            "share_has_already_been_stopped",
            "That share has already been stopped."
        )));
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
        rusqlite::params![row.id, ended_at.max(row.facts.started_at), paused_ms, tx.stamp, tx.device],
    )?;
    tx.touched(Aggregate::Share, &row.meeting_id);
    Ok(())
}

fn update_facts(tx: &Tx, meeting_id: &str, id: &str, f: &ShareFacts) -> Result<()> {
    tx.execute(
        "UPDATE shares SET started_at = ?2, adjust_ms = ?3, paused_ms = ?4, paused_since = ?5, ended_at = ?6,
                           updated_at = ?7, updated_by = ?8
         WHERE id = ?1",
        rusqlite::params![id, f.started_at, f.adjust_ms, f.paused_ms, f.paused_since, f.ended_at, tx.stamp, tx.device],
    )?;
    tx.touched(Aggregate::Share, meeting_id);
    Ok(())
}

fn check_step(ms: i64, what: &str) -> Result<()> {
    if ms == 0 || ms.abs() > MAX_STEP_MS {
        return Err(Error::invalid(match what {
            "Add or take away time" => {
                problem!("add_time_step", "Add or take away time between 1 second and 10 minutes at a time.")
            }
            "Back-date a share" => {
                problem!("back_date_step", "Back-date a share between 1 second and 10 minutes at a time.")
            }
            _ => Problem::from(format!("{what} between 1 second and 10 minutes at a time.")),
        }));
    }
    Ok(())
}

impl Store {
    pub fn share_state(&self, meeting_id: &str) -> Result<ShareState> {
        state(self.conn(), meeting_id, self.clock().now_ms())
    }

    /// The meeting's running share, as of now: what the shell pushes every tick for the meeting
    /// on the chair's screen.
    pub fn running_timer(&self, meeting_id: &str) -> Result<Option<Timer>> {
        let now = self.clock().now_ms();
        Ok(running(self.conn(), meeting_id)?.map(|r| r.timer(now)))
    }

    pub fn start_share(&mut self, input: &StartShareInput) -> Result<ShareState> {
        if !(0..=MAX_STEP_MS).contains(&input.started_ago_ms) {
            return Err(Error::invalid(problem!(
                "share_back_dated_up_10",
                "A share can be back-dated by up to 10 minutes."
            )));
        }
        self.write(|tx| {
            let m = meeting::get_open(tx, &input.meeting_id)?;
            if let Some(person_id) = &input.person_id {
                if m.mode == MeetingMode::Headcount {
                    return Err(Error::Conflict(problem!(
                        "shares_unnamed",
                        "This meeting keeps no names, so shares are unnamed."
                    )));
                }
                if !meeting::attendance::is_checked_in(tx, &m.id, person_id)? {
                    crate::group::roster::get(tx, person_id)?;
                    return Err(Error::Conflict(problem!(
                        "check_person_before_their_share",
                        "Check this person in before their share starts."
                    )));
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
                return Err(Error::Conflict(problem!("share_running_stop_undo", "A share is running; there is no stop to undo.")));
            }
            let last = tx
                .query_row(
                    &format!("{SELECT} WHERE s.meeting_id = ?1 AND s.deleted_at IS NULL ORDER BY s.ended_at DESC, s.id DESC LIMIT 1"),
                    [meeting_id],
                    from_row,
                )
                .optional()?
                .ok_or_else(|| Error::Conflict(problem!("no_share_stopped", "No share has been stopped yet.")))?;
            let f = ShareFacts { ended_at: None, ..last.facts };
            update_facts(tx, meeting_id, &last.id, &f)?;
            state(tx, meeting_id, tx.now)
        })
    }

    pub fn pause_share(&mut self, share_id: &str) -> Result<ShareState> {
        self.write(|tx| {
            let row = get_running(tx, share_id)?;
            if row.facts.paused_since.is_some() {
                return Err(Error::Conflict(problem!("share_already_paused", "The share is already paused.")));
            }
            update_facts(
                tx,
                &row.meeting_id,
                &row.id,
                &ShareFacts { paused_since: Some(tx.now), ..row.facts.clone() },
            )?;
            state(tx, &row.meeting_id, tx.now)
        })
    }

    pub fn resume_share(&mut self, share_id: &str) -> Result<ShareState> {
        self.write(|tx| {
            let row = get_running(tx, share_id)?;
            let Some(since) = row.facts.paused_since else {
                return Err(Error::Conflict(problem!("share_not_paused", "The share is not paused.")));
            };
            let f = ShareFacts {
                paused_ms: row.facts.paused_ms + (tx.now - since),
                paused_since: None,
                ..row.facts.clone()
            };
            update_facts(tx, &row.meeting_id, &row.id, &f)?;
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
                return Err(Error::invalid(problem!(
                    "would_take_away_more_time",
                    "That would take away more time than the share has."
                )));
            }
            if f.allowed_ms() > MAX_SHARE_MS {
                return Err(Error::invalid(problem!(
                    "share_most_60_minutes_long",
                    "A share can be at most 60 minutes long."
                )));
            }
            update_facts(tx, &row.meeting_id, &row.id, &f)?;
            state(tx, &row.meeting_id, tx.now)
        })
    }

    /// Moves the running share's start earlier: it really began `ms` before it was started here.
    pub fn backdate_share(&mut self, share_id: &str, ms: i64) -> Result<ShareState> {
        check_step(ms, "Back-date a share")?;
        if ms < 0 {
            return Err(Error::invalid(problem!(
                "share_only_back_dated_earlier",
                "A share can only be back-dated to an earlier start."
            )));
        }
        self.write(|tx| {
            let row = get_running(tx, share_id)?;
            update_facts(
                tx,
                &row.meeting_id,
                &row.id,
                &ShareFacts { started_at: row.facts.started_at - ms, ..row.facts.clone() },
            )?;
            state(tx, &row.meeting_id, tx.now)
        })
    }

    pub fn group_share_settings(&self, group_id: &str) -> Result<ShareSettings> {
        group_settings(self.conn(), group_id)
    }

    pub fn set_group_share_settings(&mut self, group_id: &str, settings: ShareSettings) -> Result<ShareSettings> {
        let s = settings.validated()?;
        self.write(|tx| {
            crate::group::save_settings(tx, group_id, "share_ms = ?2, warn_ms = ?3", &[&s.share_ms, &s.warn_ms])?;
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
            set_meeting_settings(tx, meeting_id, s)?;
            state(tx, meeting_id, tx.now)
        })
    }
}

/// Gives the meeting its own share settings (already validated), or `None` for the group's.
pub(crate) fn set_meeting_settings(tx: &Tx, meeting_id: &str, s: Option<ShareSettings>) -> Result<()> {
    tx.execute(
        "UPDATE meetings SET share_ms = ?2, warn_ms = ?3, updated_at = ?4, updated_by = ?5 WHERE id = ?1",
        rusqlite::params![meeting_id, s.map(|s| s.share_ms), s.map(|s| s.warn_ms), tx.stamp, tx.device],
    )?;
    tx.touched(Aggregate::Share, meeting_id);
    Ok(())
}

/// The settings the meeting's next share starts with.
pub(crate) fn settings(conn: &Connection, meeting_id: &str) -> Result<ShareSettings> {
    Ok(meeting_settings(conn, meeting_id)?.0)
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
            tx.stamp,
            tx.device
        ],
    )?;
    tx.touched(Aggregate::Share, meeting_id);
    Ok(())
}

/// The running share of a meeting: its id and whose it is.
pub(crate) fn running_share(conn: &Connection, meeting_id: &str) -> Result<Option<(String, Option<String>)>> {
    Ok(running(conn, meeting_id)?.map(|r| (r.id, r.person_id)))
}

/// The meeting's running share: its clock at `now`, and its facts alone.
pub(crate) fn running_now(conn: &Connection, meeting_id: &str, now: i64) -> Result<Option<(Timer, ShareFacts)>> {
    Ok(running(conn, meeting_id)?.map(|r| {
        let facts = r.facts.clone();
        (r.timer(now), facts)
    }))
}

/// The facts of the meeting's running share: numbers only, no name.
pub(crate) fn running_facts(conn: &Connection, meeting_id: &str) -> Result<Option<ShareFacts>> {
    Ok(running(conn, meeting_id)?.map(|r| r.facts))
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
    if let Some(row) = running(tx, meeting_id)? {
        tx.execute(
            "UPDATE shares SET deleted_at = ?2, updated_at = ?2, updated_by = ?3 WHERE id = ?1",
            rusqlite::params![row.id, tx.stamp, tx.device],
        )?;
        tombstone::blank(tx, "shares", &row.id)?;
    }
    tx.touched(Aggregate::Share, meeting_id);
    Ok(())
}

/// Refuses to close a meeting while someone is still sharing.
pub(crate) fn ensure_none_running(conn: &Connection, meeting_id: &str) -> Result<()> {
    if let Some(r) = running(conn, meeting_id)? {
        return Err(Error::Conflict(problem!(
            "still_running",
            "{share} is still running; stop it first.",
            share = r.described()
        )));
    }
    Ok(())
}
