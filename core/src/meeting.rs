//! Meeting: one gathering of a group on a date, who chaired it, whether it keeps names or
//! only counts, and whether it is still open for changes.

use chrono::{DateTime, NaiveDate};
use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::attendance::{self, Counts, MeetingView};
use crate::error::{Error, Result};
use crate::group::{self, Group};
use crate::names;
use crate::store::{Store, Tx};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum MeetingStatus {
    Open,
    Closed,
}

/// `Named` takes attendance by first name or alias; `Headcount` keeps counts and no names at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum MeetingMode {
    Named,
    Headcount,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Meeting {
    pub id: String,
    pub group_id: String,
    /// The calendar date in the group's time zone, "YYYY-MM-DD".
    pub date: String,
    /// 1 for the first meeting of the day, 2 for a second one.
    pub seq: u32,
    pub status: MeetingStatus,
    pub chair: String,
    pub mode: MeetingMode,
    pub opened_at: i64,
    pub closed_at: Option<i64>,
}

/// One line of a group's meeting history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MeetingSummary {
    pub meeting: Meeting,
    pub counts: Counts,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct OpenMeetingInput {
    pub group_id: String,
    pub chair: String,
    pub mode: MeetingMode,
    /// Asked for explicitly: a second meeting of the group on the same date.
    pub another_today: bool,
}

const COLUMNS: &str = "id, group_id, date, seq, status, chair, mode, opened_at, closed_at";

fn from_row(r: &Row) -> rusqlite::Result<Meeting> {
    let status: String = r.get(4)?;
    let mode: String = r.get(6)?;
    Ok(Meeting {
        id: r.get(0)?,
        group_id: r.get(1)?,
        date: r.get(2)?,
        seq: r.get(3)?,
        status: if status == "closed" { MeetingStatus::Closed } else { MeetingStatus::Open },
        chair: r.get(5)?,
        mode: if mode == "headcount" { MeetingMode::Headcount } else { MeetingMode::Named },
        opened_at: r.get(7)?,
        closed_at: r.get(8)?,
    })
}

fn mode_str(mode: MeetingMode) -> &'static str {
    match mode {
        MeetingMode::Named => "named",
        MeetingMode::Headcount => "headcount",
    }
}

pub(crate) fn get(conn: &Connection, id: &str) -> Result<Meeting> {
    conn.query_row(&format!("SELECT {COLUMNS} FROM meetings WHERE id = ?1 AND deleted_at IS NULL"), [id], from_row)
        .optional()?
        .ok_or(Error::NotFound { what: "meeting" })
}

/// The meeting, if it may still be changed.
pub(crate) fn get_open(conn: &Connection, id: &str) -> Result<Meeting> {
    let m = get(conn, id)?;
    if m.status == MeetingStatus::Closed {
        return Err(Error::MeetingClosed);
    }
    Ok(m)
}

/// Today's date where the group meets.
pub fn today(group: &Group, now_ms: i64) -> NaiveDate {
    let utc = DateTime::from_timestamp_millis(now_ms).unwrap_or_default();
    match group.time_zone.parse::<chrono_tz::Tz>() {
        Ok(tz) => utc.with_timezone(&tz).date_naive(),
        Err(_) => utc.date_naive(),
    }
}

/// When the meeting is planned to start, in UTC ms: its date at the group's start time, where the
/// group meets (the moment it was opened, if that cannot be worked out).
pub fn planned_start(group: &Group, m: &Meeting) -> i64 {
    let date = NaiveDate::parse_from_str(&m.date, "%Y-%m-%d").ok();
    let time = chrono::NaiveTime::parse_from_str(&group.start_time, "%H:%M").ok();
    let start = match (date, time, group.time_zone.parse::<chrono_tz::Tz>()) {
        (Some(d), Some(t), Ok(tz)) => {
            chrono::TimeZone::from_local_datetime(&tz, &d.and_time(t)).earliest().map(|dt| dt.timestamp_millis())
        }
        _ => None,
    };
    start.unwrap_or(m.opened_at)
}

fn latest_on(conn: &Connection, group_id: &str, date: &str) -> Result<Option<Meeting>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {COLUMNS} FROM meetings WHERE group_id = ?1 AND date = ?2 AND deleted_at IS NULL
                 ORDER BY seq DESC LIMIT 1"
            ),
            [group_id, date],
            from_row,
        )
        .optional()?)
}

fn touch(tx: &Tx, id: &str) -> Result<()> {
    tx.execute("UPDATE meetings SET updated_at = ?2, updated_by = ?3 WHERE id = ?1", (id, tx.now, tx.device))?;
    Ok(())
}

impl Store {
    /// Opens the group's meeting for today: the one already there, or a new one.
    /// A second meeting on the same date is made only when `another_today` asks for it.
    pub fn open_meeting(&mut self, input: &OpenMeetingInput) -> Result<MeetingView> {
        let chair = names::display_name(&input.chair, "chair's name")?;
        self.write(|tx| {
            let group = group::get(tx, &input.group_id)?;
            let date = today(&group, tx.now).format("%Y-%m-%d").to_string();
            let latest = latest_on(tx, &group.id, &date)?;
            let seq = match (&latest, input.another_today) {
                (Some(existing), false) => return attendance::view(tx, &existing.id),
                (Some(existing), true) => existing.seq + 1,
                (None, _) => 1,
            };
            let id = crate::new_id();
            tx.execute(
                "INSERT INTO meetings (id, group_id, date, seq, status, chair, mode, opened_at,
                                       created_at, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, 'open', ?5, ?6, ?7, ?7, ?7, ?8)",
                rusqlite::params![id, group.id, date, seq, chair, mode_str(input.mode), tx.now, tx.device],
            )?;
            attendance::view(tx, &id)
        })
    }

    pub fn close_meeting(&mut self, id: &str) -> Result<MeetingView> {
        self.write(|tx| {
            get_open(tx, id)?;
            crate::share::ensure_none_running(tx, id)?;
            tx.execute("UPDATE meetings SET status = 'closed', closed_at = ?2 WHERE id = ?1", (id, tx.now))?;
            touch(tx, id)?;
            attendance::view(tx, id)
        })
    }

    /// Reopens a closed meeting, explicitly, so a mistake in its record can be corrected.
    pub fn reopen_meeting(&mut self, id: &str) -> Result<MeetingView> {
        self.write(|tx| {
            if get(tx, id)?.status == MeetingStatus::Open {
                return Err(Error::Conflict("This meeting is already open.".into()));
            }
            tx.execute("UPDATE meetings SET status = 'open', closed_at = NULL WHERE id = ?1", [id])?;
            touch(tx, id)?;
            attendance::view(tx, id)
        })
    }

    pub fn set_chair(&mut self, id: &str, chair: &str) -> Result<MeetingView> {
        let chair = names::display_name(chair, "chair's name")?;
        self.write(|tx| {
            get_open(tx, id)?;
            tx.execute("UPDATE meetings SET chair = ?2 WHERE id = ?1", (id, &chair))?;
            touch(tx, id)?;
            attendance::view(tx, id)
        })
    }

    /// Switches between names and counts, only while nothing has been recorded, so no
    /// name is ever silently dropped and no count silently invented.
    pub fn set_meeting_mode(&mut self, id: &str, mode: MeetingMode) -> Result<MeetingView> {
        self.write(|tx| {
            let m = get_open(tx, id)?;
            if m.mode == mode {
                return attendance::view(tx, id);
            }
            if attendance::counts(tx, &m)?.headcount > 0 {
                return Err(Error::Conflict(
                    "Attendance has already been taken; undo it first to change how it is kept.".into(),
                ));
            }
            tx.execute("UPDATE meetings SET mode = ?2 WHERE id = ?1", (id, mode_str(mode)))?;
            touch(tx, id)?;
            attendance::view(tx, id)
        })
    }

    pub fn meeting_view(&self, id: &str) -> Result<MeetingView> {
        attendance::view(self.conn(), id)
    }

    /// The group's meetings, newest first, with their counts.
    pub fn meetings(&self, group_id: &str) -> Result<Vec<MeetingSummary>> {
        group::get(self.conn(), group_id)?;
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {COLUMNS} FROM meetings WHERE group_id = ?1 AND deleted_at IS NULL ORDER BY date DESC, seq DESC"
        ))?;
        let meetings = stmt.query_map([group_id], from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
        meetings
            .into_iter()
            .map(|meeting| Ok(MeetingSummary { counts: attendance::counts(self.conn(), &meeting)?, meeting }))
            .collect()
    }
}
