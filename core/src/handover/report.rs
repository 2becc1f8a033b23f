//! The chair's report: drafted from the meeting's own record (headcount, shares, passes, how the
//! format ran, who celebrated), with the chair's notes and the collection, and the items raised at it.

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::items::{self, ActionInput, ActionItem};
use crate::error::{problem, Error, Problem, Result};
use crate::format::schedule::RunReport;
use crate::meeting::{self, attendance};
use crate::names;
use crate::store::{Aggregate, Store};

/// Longest notes a chair may leave: a page or two, never a transcript.
pub const MAX_NOTES_CHARS: usize = 5000;

/// The report as the next chair reads it: the meeting's figures, worked out from its record,
/// and what the chair wrote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ChairReport {
    pub meeting_id: String,
    pub date: String,
    pub chair: String,
    pub closed: bool,
    pub headcount: u32,
    pub newcomers: u32,
    pub shares: u32,
    pub passes: u32,
    /// Finished later (+) or earlier (−) than planned, when the format was run to its end.
    pub finished_late_ms: Option<i64>,
    /// "Sam: 1 year", first names or aliases only.
    pub celebrated: Vec<String>,
    /// The 7th Tradition, in cents; `None` when not recorded.
    pub collection_cents: Option<i64>,
    pub counted_by: Vec<String>,
    pub notes: String,
    /// Action items raised at this meeting.
    pub items: Vec<ActionItem>,
}

/// What the chair adds to the drafted report.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ReportInput {
    pub notes: String,
    pub collection_cents: Option<i64>,
    /// Two first names or initials; both empty when there was no collection.
    pub counted_by: Vec<String>,
}

impl ReportInput {
    pub(crate) fn validated(&self) -> Result<ReportInput> {
        let notes = names::text_block(&self.notes, "notes", MAX_NOTES_CHARS, false)?;
        let counted_by: Vec<String> = self
            .counted_by
            .iter()
            .filter(|n| !n.trim().is_empty())
            .map(|n| names::display_name(n, "counter's first name or initials"))
            .collect::<Result<_>>()?;
        match self.collection_cents {
            Some(c) if c < 0 => {
                return Err(Error::invalid(problem!(
                    "collection_less_nothing",
                    "The collection cannot be less than nothing."
                )))
            }
            Some(c) if c > 100_000_000 => {
                return Err(Error::invalid(problem!(
                    "collection_amount_looks_mistyped",
                    "That collection amount looks mistyped."
                )))
            }
            Some(_) if counted_by.len() != 2 => {
                return Err(Error::invalid(problem!(
                    "collection_counted_two_people_give",
                    "The collection is counted by two people: please give both first names or initials."
                )))
            }
            None if !counted_by.is_empty() => {
                return Err(Error::invalid(problem!(
                    "give_amount_two_counted_clear",
                    "Please give the amount the two counted, or clear their names."
                )))
            }
            _ => {}
        }
        Ok(ReportInput { notes, collection_cents: self.collection_cents, counted_by })
    }
}

fn count(conn: &Connection, sql: &str, meeting_id: &str) -> Result<u32> {
    Ok(conn.query_row(sql, [meeting_id], |r| r.get(0))?)
}

pub(super) fn report(conn: &Connection, meeting_id: &str) -> Result<ChairReport> {
    let m = meeting::get(conn, meeting_id)?;
    let counts = attendance::counts(conn, &m)?;
    let finished: Option<String> =
        conn.query_row("SELECT report FROM meetings WHERE id = ?1", [meeting_id], |r| r.get(0))?;
    let finished_late_ms =
        finished.and_then(|j| serde_json::from_str::<RunReport>(&j).ok()).map(|r| r.finished_late_ms);
    let celebrated = {
        let mut stmt = conn.prepare(
            "SELECT p.display_name, c.label FROM celebrations c JOIN people p ON p.id = c.person_id
             WHERE c.meeting_id = ?1 AND c.deleted_at IS NULL ORDER BY c.created_at",
        )?;
        let rows =
            stmt.query_map([meeting_id], |r| Ok(format!("{}: {}", r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    };
    let written: Option<(String, Option<i64>, String)> = conn
        .query_row(
            "SELECT notes, collection_cents, counted_by FROM reports WHERE meeting_id = ?1 AND deleted_at IS NULL",
            [meeting_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let (notes, collection_cents, counted_by) = match written {
        Some((notes, cents, by)) => (notes, cents, serde_json::from_str(&by).unwrap_or_default()),
        None => (String::new(), None, Vec::new()),
    };
    Ok(ChairReport {
        meeting_id: m.id.clone(),
        date: m.date.clone(),
        chair: m.chair.clone(),
        closed: m.closed_at.is_some(),
        headcount: counts.headcount,
        newcomers: counts.newcomers,
        shares: count(conn, "SELECT COUNT(*) FROM shares WHERE meeting_id = ?1 AND deleted_at IS NULL", meeting_id)?,
        passes: count(conn, "SELECT COUNT(*) FROM passes WHERE meeting_id = ?1 AND deleted_at IS NULL", meeting_id)?,
        finished_late_ms,
        celebrated,
        collection_cents,
        counted_by,
        notes,
        items: items::list(conn, "a.meeting_id = ?1", meeting_id)?,
    })
}

impl Store {
    /// The meeting's report: figures from its record, and what its chair wrote.
    pub fn chair_report(&self, meeting_id: &str) -> Result<ChairReport> {
        report(self.conn(), meeting_id)
    }

    /// Saves the chair's notes and collection. A report may be written after the meeting closes.
    pub fn save_report(&mut self, meeting_id: &str, input: &ReportInput) -> Result<ChairReport> {
        let input = input.validated()?;
        self.write(|tx| {
            meeting::get(tx, meeting_id)?;
            let counted_by = serde_json::to_string(&input.counted_by).map_err(|e| Error::Conflict(Problem::detail(e)))?;
            tx.execute(
                "INSERT INTO reports (meeting_id, notes, collection_cents, counted_by, created_at, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)
                 ON CONFLICT(meeting_id) DO UPDATE SET notes = excluded.notes,
                   collection_cents = excluded.collection_cents, counted_by = excluded.counted_by,
                   updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                (meeting_id, &input.notes, input.collection_cents, &counted_by, tx.stamp, tx.device),
            )?;
            tx.touched(Aggregate::Handover, &meeting::get(tx, meeting_id)?.group_id);
            report(tx, meeting_id)
        })
    }

    /// Raises an action item at a meeting; it stays open for every later chair until closed.
    pub fn add_action_item(&mut self, meeting_id: &str, input: &ActionInput) -> Result<ChairReport> {
        let input = input.validated()?;
        self.write(|tx| {
            let m = meeting::get(tx, meeting_id)?;
            items::raise(tx, &m, &input)?;
            tx.touched(Aggregate::Handover, &m.group_id);
            report(tx, meeting_id)
        })
    }
}
