//! The handover page the next chair reads: the last report, every open item and who chairs next;
//! their acknowledgement that they have read it, and the items they close or remove from it.

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::items::{self, ActionItem, ItemStatus};
use super::report::{report, ChairReport};
use super::service::{rota, RotaEntry};
use crate::error::{problem, Error, Result};
use crate::group;
use crate::meeting::{self, Meeting};
use crate::names;
use crate::store::{Aggregate, Store};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Acknowledgement {
    pub meeting_id: String,
    pub name: String,
    pub at: i64,
}

/// The handover page: the last report, every open item, and whether the chair has read it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Handover {
    pub group_id: String,
    pub last_report: Option<ChairReport>,
    pub open_items: Vec<ActionItem>,
    /// The acknowledgement of the last report, once given.
    pub acknowledged: Option<Acknowledgement>,
    /// Who is scheduled to chair the next meeting, if anyone is.
    pub next_chair: Option<RotaEntry>,
}

/// The latest meeting of the group with a report to hand over: closed, or the last one held.
fn last_meeting(conn: &Connection, group_id: &str) -> Result<Option<Meeting>> {
    let id: Option<String> = conn
        .query_row(
            "SELECT id FROM meetings WHERE group_id = ?1 AND deleted_at IS NULL AND status = 'closed'
             ORDER BY date DESC, seq DESC LIMIT 1",
            [group_id],
            |r| r.get(0),
        )
        .optional()?;
    id.map(|id| meeting::get(conn, &id)).transpose()
}

fn handover(conn: &Connection, group_id: &str, now: i64) -> Result<Handover> {
    let g = group::get(conn, group_id)?;
    let last = last_meeting(conn, group_id)?;
    let last_report = last.as_ref().map(|m| report(conn, &m.id)).transpose()?;
    let acknowledged = match &last {
        Some(m) => conn
            .query_row(
                "SELECT meeting_id, name, at FROM acknowledgements WHERE meeting_id = ?1 AND deleted_at IS NULL
                 ORDER BY at DESC LIMIT 1",
                [&m.id],
                |r| Ok(Acknowledgement { meeting_id: r.get(0)?, name: r.get(1)?, at: r.get(2)? }),
            )
            .optional()?,
        None => None,
    };
    Ok(Handover {
        group_id: g.id.clone(),
        last_report,
        open_items: items::list(conn, "a.group_id = ?1 AND a.status = 'open'", group_id)?,
        acknowledged,
        next_chair: rota(conn, &g, now)?.into_iter().next(),
    })
}

impl Store {
    /// Marks an item done or dismissed (by whom), or opens it again.
    pub fn close_action_item(&mut self, id: &str, status: ItemStatus, by: &str) -> Result<Handover> {
        let by = match status {
            ItemStatus::Open => None,
            _ => Some(names::display_name(by, "name")?),
        };
        self.write(|tx| {
            let group_id = items::set_status(tx, id, status, by.as_deref())?;
            tx.touched(Aggregate::Handover, &group_id);
            handover(tx, &group_id, tx.now)
        })
    }

    /// Removes an item raised by mistake (a tombstone, so the removal travels in a bundle).
    pub fn remove_action_item(&mut self, id: &str) -> Result<Handover> {
        self.write(|tx| {
            let group_id = items::remove(tx, id)?;
            tx.touched(Aggregate::Handover, &group_id);
            handover(tx, &group_id, tx.now)
        })
    }

    pub fn handover(&self, group_id: &str) -> Result<Handover> {
        handover(self.conn(), group_id, self.clock().now_ms())
    }

    /// The new chair has read the last report and the open items.
    pub fn acknowledge_handover(&mut self, group_id: &str, name: &str) -> Result<Handover> {
        let name = names::display_name(name, "name")?;
        self.write(|tx| {
            let last = last_meeting(tx, group_id)?.ok_or_else(|| {
                Error::Conflict(problem!(
                    "no_report_to_acknowledge",
                    "There is no earlier meeting's report to acknowledge yet."
                ))
            })?;
            tx.execute(
                "INSERT INTO acknowledgements (id, group_id, meeting_id, name, at, created_at, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)",
                (crate::new_id(), group_id, &last.id, &name, tx.now, tx.stamp, tx.device),
            )?;
            tx.touched(Aggregate::Handover, group_id);
            handover(tx, group_id, tx.now)
        })
    }
}
