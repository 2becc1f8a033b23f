//! Action items and their status: what a chair raises at a meeting stays open for every later
//! chair until one marks it done or dismissed. Only this file reads or writes the items' rows; the
//! writes that answer with the meeting's report or the handover page are in report.rs and page.rs.

use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::dates::optional_date;
use crate::error::{problem, Error, Result};
use crate::meeting::Meeting;
use crate::names;
use crate::store::{tombstone, Tx};

pub const MAX_ITEM_CHARS: usize = 300;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum ItemStatus {
    Open,
    Done,
    Dismissed,
}

impl ItemStatus {
    fn as_str(self) -> &'static str {
        match self {
            ItemStatus::Open => "open",
            ItemStatus::Done => "done",
            ItemStatus::Dismissed => "dismissed",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ActionItem {
    pub id: String,
    pub group_id: String,
    pub meeting_id: Option<String>,
    /// The date of the meeting it was raised at.
    pub raised_on: Option<String>,
    pub text: String,
    pub due_date: Option<String>,
    /// Due at the meeting held on `due_date`, rather than by that date.
    pub due_meeting: bool,
    pub raised_by: String,
    pub status: ItemStatus,
    pub closed_by: Option<String>,
    pub closed_at: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ActionInput {
    pub text: String,
    pub due_date: Option<String>,
    pub due_meeting: bool,
}

impl ActionInput {
    pub(crate) fn validated(&self) -> Result<ActionInput> {
        let due_date = optional_date(self.due_date.as_deref(), "due date")?;
        if self.due_meeting && due_date.is_none() {
            return Err(Error::invalid(problem!(
                "choose_which_meeting_due",
                "Please choose which meeting it is due at."
            )));
        }
        Ok(ActionInput {
            text: names::text_block(&self.text, "action item", MAX_ITEM_CHARS, true)?,
            due_meeting: self.due_meeting && due_date.is_some(),
            due_date,
        })
    }
}

const ITEM_COLUMNS: &str = "a.id, a.group_id, a.meeting_id, m.date, a.text, a.due_date, a.due_meeting, a.raised_by,
     a.status, a.closed_by, a.closed_at";

fn item_from_row(r: &Row) -> rusqlite::Result<ActionItem> {
    let status: String = r.get(8)?;
    Ok(ActionItem {
        id: r.get(0)?,
        group_id: r.get(1)?,
        meeting_id: r.get(2)?,
        raised_on: r.get(3)?,
        text: r.get(4)?,
        due_date: r.get(5)?,
        due_meeting: r.get(6)?,
        raised_by: r.get(7)?,
        status: match status.as_str() {
            "done" => ItemStatus::Done,
            "dismissed" => ItemStatus::Dismissed,
            _ => ItemStatus::Open,
        },
        closed_by: r.get(9)?,
        closed_at: r.get(10)?,
    })
}

/// The items that match `filter` (with `?1` bound to `param`), soonest due first.
pub(super) fn list(conn: &Connection, filter: &str, param: &str) -> Result<Vec<ActionItem>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {ITEM_COLUMNS} FROM action_items a LEFT JOIN meetings m ON m.id = a.meeting_id
         WHERE a.deleted_at IS NULL AND {filter}
         ORDER BY a.due_date IS NULL, a.due_date, a.created_at"
    ))?;
    let rows = stmt.query_map([param], item_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn item_group(tx: &Tx, id: &str) -> Result<String> {
    tx.query_row("SELECT group_id FROM action_items WHERE id = ?1 AND deleted_at IS NULL", [id], |r| r.get(0))
        .optional()?
        .ok_or(Error::NotFound { what: "action item" })
}

/// Writes a new open item raised at meeting `m`, in its chair's name.
pub(super) fn raise(tx: &Tx, m: &Meeting, input: &ActionInput) -> Result<()> {
    tx.execute(
        "INSERT INTO action_items (id, group_id, meeting_id, text, due_date, due_meeting, raised_by, status,
           created_at, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'open', ?8, ?8, ?9)",
        (
            crate::new_id(),
            &m.group_id,
            &m.id,
            &input.text,
            &input.due_date,
            input.due_meeting,
            &m.chair,
            tx.stamp,
            tx.device,
        ),
    )?;
    Ok(())
}

/// Sets an item's status and who closed it (`None` when it is opened again); returns its group.
pub(super) fn set_status(tx: &Tx, id: &str, status: ItemStatus, by: Option<&str>) -> Result<String> {
    let group_id = item_group(tx, id)?;
    tx.execute(
        "UPDATE action_items SET status = ?2, closed_by = ?3, closed_at = CASE WHEN ?3 IS NULL THEN NULL ELSE ?4 END,
           updated_at = ?6, updated_by = ?5 WHERE id = ?1",
        (id, status.as_str(), by, tx.now, tx.device, tx.stamp),
    )?;
    Ok(group_id)
}

/// Removes an item (a tombstone without its text, so the removal travels in a bundle and the words do
/// not); returns its group.
pub(super) fn remove(tx: &Tx, id: &str) -> Result<String> {
    let group_id = item_group(tx, id)?;
    tx.execute(
        "UPDATE action_items SET deleted_at = ?2, updated_at = ?2, updated_by = ?3 WHERE id = ?1",
        (id, tx.stamp, tx.device),
    )?;
    tombstone::blank(tx, "action_items", id)?;
    Ok(group_id)
}
