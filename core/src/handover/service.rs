//! Service: the group's positions (who holds each, their alternate, when the term ends, flagged
//! four weeks ahead) and the chair rota for the meetings to come.

use chrono::{Datelike, Days, NaiveDate};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::dates::{date, optional_date};
use crate::error::{problem, Error, Result};
use crate::group::{self, Group};
use crate::meeting;
use crate::names;
use crate::store::{tombstone, Aggregate, Store};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Position {
    pub id: String,
    pub title: String,
    pub holder: String,
    pub alternate: String,
    pub term_ends: Option<String>,
    /// The term has ended, or ends within four weeks.
    pub term_ending: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PositionInput {
    pub title: String,
    pub holder: String,
    pub alternate: String,
    pub term_ends: Option<String>,
}

impl PositionInput {
    /// The position as typed, trimmed, or why it cannot be kept.
    pub(crate) fn validated(&self) -> Result<PositionInput> {
        let title = names::optional_text(&self.title, "position's title", 60)?;
        if title.is_empty() {
            return Err(Error::invalid(problem!(
                "name_position_like_secretary_greeter",
                "Please name the position, like Secretary or Greeter."
            )));
        }
        Ok(PositionInput {
            title,
            holder: names::optional_text(&self.holder, "holder's name", names::MAX_NAME_CHARS)?,
            alternate: names::optional_text(&self.alternate, "alternate's name", names::MAX_NAME_CHARS)?,
            term_ends: optional_date(self.term_ends.as_deref(), "term's end")?,
        })
    }
}

/// One upcoming meeting date and who is scheduled to chair it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RotaEntry {
    pub date: String,
    pub chair: Option<String>,
}

/// Everything the service card draws.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Service {
    pub positions: Vec<Position>,
    pub rota: Vec<RotaEntry>,
}

/// How many upcoming meetings the rota shows.
const ROTA_WEEKS: u64 = 8;

/// The group's dates to come, from today, on its weekday.
fn upcoming_dates(g: &Group, now: i64) -> Vec<NaiveDate> {
    let today = meeting::today(g, now);
    let ahead = (7 + i64::from(g.weekday) - i64::from(today.weekday().num_days_from_monday())) % 7;
    let first = today.checked_add_days(Days::new(ahead as u64)).unwrap_or(today);
    (0..ROTA_WEEKS).filter_map(|w| first.checked_add_days(Days::new(7 * w))).collect()
}

pub(super) fn rota(conn: &Connection, g: &Group, now: i64) -> Result<Vec<RotaEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT name FROM chair_rota WHERE group_id = ?1 AND date = ?2 AND name <> '' AND deleted_at IS NULL",
    )?;
    upcoming_dates(g, now)
        .into_iter()
        .map(|d| {
            let date = d.format("%Y-%m-%d").to_string();
            let chair = stmt.query_row([&g.id, &date], |r| r.get(0)).optional()?;
            Ok(RotaEntry { date, chair })
        })
        .collect()
}

fn positions(conn: &Connection, g: &Group, now: i64) -> Result<Vec<Position>> {
    let soon = meeting::today(g, now).checked_add_days(Days::new(28)).map(|d| d.format("%Y-%m-%d").to_string());
    let mut stmt = conn.prepare(
        "SELECT id, title, holder, alternate, term_ends FROM positions
         WHERE group_id = ?1 AND deleted_at IS NULL ORDER BY sort, created_at",
    )?;
    let rows = stmt.query_map([&g.id], |r| {
        let term_ends: Option<String> = r.get(4)?;
        Ok(Position {
            id: r.get(0)?,
            title: r.get(1)?,
            holder: r.get(2)?,
            alternate: r.get(3)?,
            term_ending: matches!((&term_ends, &soon), (Some(t), Some(s)) if t <= s),
            term_ends,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Store {
    pub fn service(&self, group_id: &str) -> Result<Service> {
        let g = group::get(self.conn(), group_id)?;
        let now = self.clock().now_ms();
        Ok(Service { positions: positions(self.conn(), &g, now)?, rota: rota(self.conn(), &g, now)? })
    }

    /// Adds a position (`id` None) or changes one.
    pub fn save_position(&mut self, group_id: &str, id: Option<&str>, input: &PositionInput) -> Result<Service> {
        let PositionInput { title, holder, alternate, term_ends } = input.validated()?;
        self.write(|tx| {
            group::get(tx, group_id)?;
            let changed = match id {
                Some(id) => tx.execute(
                    "UPDATE positions SET title = ?2, holder = ?3, alternate = ?4, term_ends = ?5, updated_at = ?6,
                       updated_by = ?7 WHERE id = ?1 AND group_id = ?8 AND deleted_at IS NULL",
                    (id, &title, &holder, &alternate, &term_ends, tx.stamp, tx.device, group_id),
                )?,
                None => tx.execute(
                    "INSERT INTO positions (id, group_id, title, holder, alternate, term_ends, sort, created_at,
                       updated_at, updated_by)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6,
                       (SELECT COALESCE(MAX(sort), 0) + 1 FROM positions WHERE group_id = ?2), ?7, ?7, ?8)",
                    (crate::new_id(), group_id, &title, &holder, &alternate, &term_ends, tx.stamp, tx.device),
                )?,
            };
            if changed == 0 {
                return Err(Error::NotFound { what: "position" });
            }
            tx.touched(Aggregate::Service, group_id);
            Ok(())
        })?;
        self.service(group_id)
    }

    pub fn remove_position(&mut self, group_id: &str, id: &str) -> Result<Service> {
        self.write(|tx| {
            tombstone::remove_of_group(tx, "positions", group_id, id, "position")?;
            tx.touched(Aggregate::Service, group_id);
            Ok(())
        })?;
        self.service(group_id)
    }

    /// Schedules who chairs the meeting on `date` (or clears it with `None`).
    pub fn set_rota(&mut self, group_id: &str, date_raw: &str, chair: Option<&str>) -> Result<Service> {
        let date = date(date_raw, "meeting date")?;
        let chair = chair.map(str::trim).filter(|c| !c.is_empty()).map(|c| names::display_name(c, "chair's name"));
        let chair = chair.transpose()?;
        self.write(|tx| {
            group::get(tx, group_id)?;
            // Clearing writes an empty name, not a tombstone: a tombstone is final in a merge, and
            // the date may well be given to someone else later.
            tx.execute(
                "INSERT INTO chair_rota (group_id, date, name, created_at, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?4, ?5)
                 ON CONFLICT(group_id, date) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at,
                   updated_by = excluded.updated_by",
                (group_id, &date, chair.as_deref().unwrap_or(""), tx.stamp, tx.device),
            )?;
            tx.touched(Aggregate::Service, group_id);
            Ok(())
        })?;
        self.service(group_id)
    }
}
