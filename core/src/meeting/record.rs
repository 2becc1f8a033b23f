//! A meeting's record as the store keeps it: one gathering of a group on a date, who chaired it,
//! whether it keeps names or only counts, and whether it is still open for changes.

use chrono::{DateTime, NaiveDate};
use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::group::Group;
use crate::store::{Aggregate, Tx};
use crate::zone::Zone;

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
    Zone::named(&group.time_zone).and_then(|zone| zone.date_at(now_ms)).unwrap_or(utc.date_naive())
}

/// When the meeting is planned to start, in UTC ms: its date at the group's start time, where the
/// group meets (the moment it was opened, if that cannot be worked out).
pub fn planned_start(group: &Group, m: &Meeting) -> i64 {
    let date = NaiveDate::parse_from_str(&m.date, "%Y-%m-%d").ok();
    let time = chrono::NaiveTime::parse_from_str(&group.start_time, "%H:%M").ok();
    let start = match (date, time, Zone::named(&group.time_zone)) {
        (Some(d), Some(t), Some(zone)) => zone.earliest(d.and_time(t)),
        _ => None,
    };
    start.unwrap_or(m.opened_at)
}

pub(crate) fn latest_on(conn: &Connection, group_id: &str, date: &str) -> Result<Option<Meeting>> {
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

/// The group's meetings, newest first.
pub(crate) fn list(conn: &Connection, group_id: &str) -> Result<Vec<Meeting>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM meetings WHERE group_id = ?1 AND deleted_at IS NULL ORDER BY date DESC, seq DESC"
    ))?;
    let meetings = stmt.query_map([group_id], from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(meetings)
}

pub(crate) fn insert(tx: &Tx, group_id: &str, date: &str, seq: u32, chair: &str, mode: MeetingMode) -> Result<String> {
    let id = crate::new_id();
    tx.execute(
        "INSERT INTO meetings (id, group_id, date, seq, status, chair, mode, opened_at,
                               created_at, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, 'open', ?5, ?6, ?7, ?9, ?9, ?8)",
        rusqlite::params![id, group_id, date, seq, chair, mode_str(mode), tx.now, tx.device, tx.stamp],
    )?;
    tx.touched(Aggregate::Meeting, &id);
    Ok(id)
}

/// Opens or closes the meeting.
pub(crate) fn set_status(tx: &Tx, id: &str, status: MeetingStatus) -> Result<()> {
    let (status, closed_at) = match status {
        MeetingStatus::Open => ("open", None),
        MeetingStatus::Closed => ("closed", Some(tx.now)),
    };
    tx.execute(
        "UPDATE meetings SET status = ?2, closed_at = ?3, updated_at = ?4, updated_by = ?5 WHERE id = ?1",
        rusqlite::params![id, status, closed_at, tx.stamp, tx.device],
    )?;
    tx.touched(Aggregate::Meeting, id);
    Ok(())
}

pub(crate) fn set_chair(tx: &Tx, id: &str, chair: &str) -> Result<()> {
    tx.execute(
        "UPDATE meetings SET chair = ?2, updated_at = ?3, updated_by = ?4 WHERE id = ?1",
        rusqlite::params![id, chair, tx.stamp, tx.device],
    )?;
    tx.touched(Aggregate::Meeting, id);
    Ok(())
}

pub(crate) fn set_mode(tx: &Tx, id: &str, mode: MeetingMode) -> Result<()> {
    tx.execute(
        "UPDATE meetings SET mode = ?2, updated_at = ?3, updated_by = ?4 WHERE id = ?1",
        rusqlite::params![id, mode_str(mode), tx.stamp, tx.device],
    )?;
    tx.touched(Aggregate::Meeting, id);
    Ok(())
}

/// The group's meetings still open: those a change to the group or its roster is seen in.
pub(crate) fn open_in_group(conn: &Connection, group_id: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT id FROM meetings WHERE group_id = ?1 AND status = 'open' AND deleted_at IS NULL ORDER BY date, seq",
    )?;
    let ids = stmt.query_map([group_id], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(ids)
}
