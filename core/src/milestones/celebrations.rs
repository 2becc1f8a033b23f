//! Celebration: milestones as the store keeps them: opt-in recovery dates on the roster, who is
//! celebrating at a meeting, what was celebrated, and the group's keytag and medallion stock.

use std::collections::HashSet;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::dates::{
    self, low_stock, LowStock, Milestone, MilestoneChoices, MilestonePoints, Point, StockCount, StockLine,
};
use crate::error::{problem, Error, Problem, Result};
use crate::group;
use crate::group::roster;
use crate::meeting;
use crate::names;
use crate::store::{Aggregate, Store};

/// A milestone due for someone here.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Due {
    pub person_id: String,
    pub name: String,
    pub milestone: Milestone,
    pub celebrated: bool,
}

/// Everything the meeting's "celebrating" card draws.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CelebrationView {
    pub meeting_id: String,
    pub due: Vec<Due>,
    /// Every point the group keeps stock of, with its count.
    pub stock: Vec<StockCount>,
    pub low: Vec<LowStock>,
}

fn points(conn: &Connection, group_id: &str) -> Result<MilestonePoints> {
    let json: Option<String> =
        conn.query_row("SELECT milestone_points FROM groups WHERE id = ?1", [group_id], |r| r.get(0))?;
    Ok(json.and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_default())
}

fn stock(conn: &Connection, group_id: &str) -> Result<Vec<StockCount>> {
    let mut stmt = conn.prepare("SELECT point, count FROM keytag_stock WHERE group_id = ?1 ORDER BY rowid")?;
    let rows = stmt.query_map([group_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (point, count) = row?;
        if let Ok(point) = serde_json::from_str::<Point>(&point) {
            out.push(StockCount { point, count });
        }
    }
    Ok(out)
}

fn stock_lines(conn: &Connection, group_id: &str) -> Result<Vec<StockLine>> {
    Ok(stock(conn, group_id)?.into_iter().map(StockLine::from).collect())
}

fn point_key(point: &Point) -> Result<String> {
    serde_json::to_string(point).map_err(|e| Error::Conflict(Problem::detail(e)))
}

pub(crate) fn view(conn: &Connection, meeting_id: &str) -> Result<CelebrationView> {
    let m = meeting::get(conn, meeting_id)?;
    let today = NaiveDate::parse_from_str(&m.date, "%Y-%m-%d").map_err(|e| Error::Conflict(Problem::detail(e)))?;
    let last: Option<String> = conn
        .query_row(
            "SELECT date FROM meetings WHERE group_id = ?1 AND deleted_at IS NULL AND date < ?2
             ORDER BY date DESC LIMIT 1",
            [&m.group_id, &m.date],
            |r| r.get(0),
        )
        .optional()?;
    let window = dates::window(last.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()), today);
    let points = points(conn, &m.group_id)?;
    let celebrated: HashSet<(String, String)> = {
        let mut stmt =
            conn.prepare("SELECT person_id, label FROM celebrations WHERE meeting_id = ?1 AND deleted_at IS NULL")?;
        let rows = stmt.query_map([meeting_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut due = Vec::new();
    let mut recovery_date = conn.prepare_cached("SELECT recovery_date FROM people WHERE id = ?1")?;
    for a in meeting::attendance::here(conn, &m)? {
        let (Some(person_id), None) = (a.person_id, a.left_at) else { continue };
        let date: Option<String> = recovery_date.query_row([&person_id], |r| r.get(0))?;
        let Some(recovery) = date.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()) else { continue };
        for milestone in dates::due(recovery, &points, window.after, window.until)? {
            due.push(Due {
                celebrated: celebrated.contains(&(person_id.clone(), milestone.label.clone())),
                person_id: person_id.clone(),
                name: names::shown(a.display_name.as_deref().unwrap_or(""), &a.last_initial),
                milestone,
            });
        }
    }
    let low_at: i64 = conn.query_row("SELECT keytag_low_at FROM groups WHERE id = ?1", [&m.group_id], |r| r.get(0))?;
    let stock = stock(conn, &m.group_id)?;
    Ok(CelebrationView { meeting_id: meeting_id.to_string(), due, low: low_stock(&stock, low_at)?, stock })
}

impl Store {
    /// Records (or, with `None`, removes) a recovery date the person chose to share: opt-in only.
    pub fn set_recovery_date(&mut self, person_id: &str, date: Option<&str>) -> Result<roster::Person> {
        let person = roster::get(self.conn(), person_id)?;
        let group = group::get(self.conn(), &person.group_id)?;
        let today = dates::today_in(&group.time_zone, self.clock().now_ms())?;
        let date = date.map(|d| dates::recovery_date(d, today)).transpose()?;
        self.write(|tx| {
            tx.execute(
                "UPDATE people SET recovery_date = ?2, updated_at = ?3, updated_by = ?4 WHERE id = ?1",
                rusqlite::params![person_id, date.map(|d| d.format("%Y-%m-%d").to_string()), tx.stamp, tx.device],
            )?;
            tx.touched(Aggregate::Roster, &person.group_id);
            roster::get(tx, person_id)
        })
    }

    pub fn celebrations(&self, meeting_id: &str) -> Result<CelebrationView> {
        view(self.conn(), meeting_id)
    }

    /// Marks a milestone as celebrated (a keytag or chip given); one keytag leaves the stock if
    /// the group counts that point.
    pub fn celebrate(&mut self, meeting_id: &str, person_id: &str, label: &str) -> Result<CelebrationView> {
        self.write(|tx| {
            let m = meeting::get_open(tx, meeting_id)?;
            let due = view(tx, meeting_id)?
                .due
                .into_iter()
                .find(|d| d.person_id == person_id && d.milestone.label == label)
                .ok_or(Error::NotFound { what: "milestone due for this person" })?;
            if due.celebrated {
                return Err(Error::Conflict(problem!(
                    "already_celebrated",
                    "{name}'s {milestone} is already marked as celebrated.",
                    name = &due.name,
                    milestone = due.milestone.point.spoken()
                )));
            }
            tx.execute(
                "INSERT INTO celebrations (id, meeting_id, person_id, label, date, created_at, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)",
                rusqlite::params![
                    crate::new_id(),
                    meeting_id,
                    person_id,
                    label,
                    due.milestone.date.format("%Y-%m-%d").to_string(),
                    tx.stamp,
                    tx.device
                ],
            )?;
            tx.execute(
                "UPDATE keytag_stock SET count = count - 1, updated_at = ?3, updated_by = ?4
                 WHERE group_id = ?1 AND point = ?2 AND count > 0",
                rusqlite::params![m.group_id, point_key(&due.milestone.point)?, tx.stamp, tx.device],
            )?;
            tx.touched(Aggregate::Celebrations, meeting_id);
            view(tx, meeting_id)
        })
    }

    /// Sets how many keytags (or medallions) of one point the group has; the group's stock comes back.
    pub fn set_stock(&mut self, group_id: &str, count: StockCount) -> Result<Vec<StockLine>> {
        dates::check_stock(&[count])?;
        self.write(|tx| {
            group::get(tx, group_id)?;
            tx.execute(
                "INSERT INTO keytag_stock (group_id, point, count, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (group_id, point) DO UPDATE SET count = ?3, updated_at = ?4, updated_by = ?5",
                rusqlite::params![group_id, point_key(&count.point)?, count.count, tx.stamp, tx.device],
            )?;
            // Stock is the group's; every open meeting's celebrations show when it runs low.
            tx.touched(Aggregate::Group, group_id);
            stock_lines(tx, group_id)
        })
    }

    /// The milestones the group celebrates (the usual list until it is changed), as the chair picks them.
    pub fn milestone_points(&self, group_id: &str) -> Result<MilestoneChoices> {
        group::get(self.conn(), group_id)?;
        Ok(points(self.conn(), group_id)?.choices())
    }

    /// Keeps the points the chair chose, checked and without the whole years that every year counts.
    pub fn set_milestone_points(&mut self, group_id: &str, list: &MilestonePoints) -> Result<MilestoneChoices> {
        let list = list.validated()?;
        self.write(|tx| {
            group::get(tx, group_id)?;
            let json = serde_json::to_string(&list).map_err(|e| Error::Conflict(Problem::detail(e)))?;
            group::save_settings(tx, group_id, "milestone_points = ?2", &[&json])?;
            Ok(points(tx, group_id)?.choices())
        })
    }

    /// Every point the group keeps stock of, with its label and count.
    pub fn group_stock(&self, group_id: &str) -> Result<Vec<StockLine>> {
        group::get(self.conn(), group_id)?;
        stock_lines(self.conn(), group_id)
    }
}
