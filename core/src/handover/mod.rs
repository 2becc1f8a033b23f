//! Handover: what one chair leaves for the next. The chair's report (drafted from the meeting's
//! own record, plus the chair's notes and the collection), action items that stay open until a
//! chair marks them done or dismissed, the next chair's acknowledgement, the group's service
//! positions and who is scheduled to chair.

use chrono::{Datelike, Days, NaiveDate};
use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::format::schedule::RunReport;
use crate::group::{self, Group};
use crate::meeting::attendance;
use crate::meeting::{self, Meeting};
use crate::names;
use crate::store::{Aggregate, Store, Tx};

/// Longest notes a chair may leave: a page or two, never a transcript.
pub const MAX_NOTES_CHARS: usize = 5000;
pub const MAX_ITEM_CHARS: usize = 300;

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

fn date(raw: &str, what: &str) -> Result<String> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .map(|d| d.format("%Y-%m-%d").to_string())
        .map_err(|_| Error::invalid(format!("Please give the {what} as a date, like 2026-12-14.")))
}

fn optional_date(raw: Option<&str>, what: &str) -> Result<Option<String>> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(d) => date(d, what).map(Some),
    }
}

impl ReportInput {
    fn validated(&self) -> Result<ReportInput> {
        let notes = names::text_block(&self.notes, "notes", MAX_NOTES_CHARS, false)?;
        let counted_by: Vec<String> = self
            .counted_by
            .iter()
            .filter(|n| !n.trim().is_empty())
            .map(|n| names::display_name(n, "counter's first name or initials"))
            .collect::<Result<_>>()?;
        match self.collection_cents {
            Some(c) if c < 0 => return Err(Error::invalid("The collection cannot be less than nothing.")),
            Some(c) if c > 100_000_000 => return Err(Error::invalid("That collection amount looks mistyped.")),
            Some(_) if counted_by.len() != 2 => {
                return Err(Error::invalid(
                    "The collection is counted by two people: please give both first names or initials.",
                ))
            }
            None if !counted_by.is_empty() => {
                return Err(Error::invalid("Please give the amount the two counted, or clear their names."))
            }
            _ => {}
        }
        Ok(ReportInput { notes, collection_cents: self.collection_cents, counted_by })
    }
}

impl ActionInput {
    fn validated(&self) -> Result<ActionInput> {
        let due_date = optional_date(self.due_date.as_deref(), "due date")?;
        if self.due_meeting && due_date.is_none() {
            return Err(Error::invalid("Please choose which meeting it is due at."));
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

fn items(conn: &Connection, filter: &str, param: &str) -> Result<Vec<ActionItem>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {ITEM_COLUMNS} FROM action_items a LEFT JOIN meetings m ON m.id = a.meeting_id
         WHERE a.deleted_at IS NULL AND {filter}
         ORDER BY a.due_date IS NULL, a.due_date, a.created_at"
    ))?;
    let rows = stmt.query_map([param], item_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn count(conn: &Connection, sql: &str, meeting_id: &str) -> Result<u32> {
    Ok(conn.query_row(sql, [meeting_id], |r| r.get(0))?)
}

pub(crate) fn report(conn: &Connection, meeting_id: &str) -> Result<ChairReport> {
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
        items: items(conn, "a.meeting_id = ?1", meeting_id)?,
    })
}

/// The group's dates to come, from today, on its weekday.
fn upcoming_dates(g: &Group, now: i64) -> Vec<NaiveDate> {
    let today = meeting::today(g, now);
    let ahead = (7 + i64::from(g.weekday) - i64::from(today.weekday().num_days_from_monday())) % 7;
    let first = today.checked_add_days(Days::new(ahead as u64)).unwrap_or(today);
    (0..ROTA_WEEKS).filter_map(|w| first.checked_add_days(Days::new(7 * w))).collect()
}

fn rota(conn: &Connection, g: &Group, now: i64) -> Result<Vec<RotaEntry>> {
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
        open_items: items(conn, "a.group_id = ?1 AND a.status = 'open'", group_id)?,
        acknowledged,
        next_chair: rota(conn, &g, now)?.into_iter().next(),
    })
}

fn item_group(tx: &Tx, id: &str) -> Result<String> {
    tx.query_row("SELECT group_id FROM action_items WHERE id = ?1 AND deleted_at IS NULL", [id], |r| r.get(0))
        .optional()?
        .ok_or(Error::NotFound { what: "action item" })
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
            let counted_by = serde_json::to_string(&input.counted_by).map_err(|e| Error::Conflict(e.to_string()))?;
            tx.execute(
                "INSERT INTO reports (meeting_id, notes, collection_cents, counted_by, created_at, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)
                 ON CONFLICT(meeting_id) DO UPDATE SET notes = excluded.notes,
                   collection_cents = excluded.collection_cents, counted_by = excluded.counted_by,
                   updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                (meeting_id, &input.notes, input.collection_cents, &counted_by, tx.now, tx.device),
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
                    tx.now,
                    tx.device,
                ),
            )?;
            tx.touched(Aggregate::Handover, &m.group_id);
            report(tx, meeting_id)
        })
    }

    /// Marks an item done or dismissed (by whom), or opens it again.
    pub fn close_action_item(&mut self, id: &str, status: ItemStatus, by: &str) -> Result<Handover> {
        let by = match status {
            ItemStatus::Open => None,
            _ => Some(names::display_name(by, "name")?),
        };
        self.write(|tx| {
            let group_id = item_group(tx, id)?;
            tx.execute(
                "UPDATE action_items SET status = ?2, closed_by = ?3, closed_at = CASE WHEN ?3 IS NULL THEN NULL ELSE ?4 END,
                   updated_at = ?4, updated_by = ?5 WHERE id = ?1",
                (id, status.as_str(), &by, tx.now, tx.device),
            )?;
            tx.touched(Aggregate::Handover, &group_id);
            handover(tx, &group_id, tx.now)
        })
    }

    /// Removes an item raised by mistake (a tombstone, so the removal travels in a bundle).
    pub fn remove_action_item(&mut self, id: &str) -> Result<Handover> {
        self.write(|tx| {
            let group_id = item_group(tx, id)?;
            tx.execute(
                "UPDATE action_items SET deleted_at = ?2, updated_at = ?2, updated_by = ?3 WHERE id = ?1",
                (id, tx.now, tx.device),
            )?;
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
            let last = last_meeting(tx, group_id)?
                .ok_or_else(|| Error::Conflict("There is no earlier meeting's report to acknowledge yet.".into()))?;
            tx.execute(
                "INSERT INTO acknowledgements (id, group_id, meeting_id, name, at, created_at, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?5, ?6)",
                (crate::new_id(), group_id, &last.id, &name, tx.now, tx.device),
            )?;
            tx.touched(Aggregate::Handover, group_id);
            handover(tx, group_id, tx.now)
        })
    }

    pub fn service(&self, group_id: &str) -> Result<Service> {
        let g = group::get(self.conn(), group_id)?;
        let now = self.clock().now_ms();
        Ok(Service { positions: positions(self.conn(), &g, now)?, rota: rota(self.conn(), &g, now)? })
    }

    /// Adds a position (`id` None) or changes one.
    pub fn save_position(&mut self, group_id: &str, id: Option<&str>, input: &PositionInput) -> Result<Service> {
        let title = names::optional_text(&input.title, "position's title", 60)?;
        if title.is_empty() {
            return Err(Error::invalid("Please name the position, like Secretary or Greeter."));
        }
        let holder = names::optional_text(&input.holder, "holder's name", names::MAX_NAME_CHARS)?;
        let alternate = names::optional_text(&input.alternate, "alternate's name", names::MAX_NAME_CHARS)?;
        let term_ends = optional_date(input.term_ends.as_deref(), "term's end")?;
        self.write(|tx| {
            group::get(tx, group_id)?;
            let changed = match id {
                Some(id) => tx.execute(
                    "UPDATE positions SET title = ?2, holder = ?3, alternate = ?4, term_ends = ?5, updated_at = ?6,
                       updated_by = ?7 WHERE id = ?1 AND group_id = ?8 AND deleted_at IS NULL",
                    (id, &title, &holder, &alternate, &term_ends, tx.now, tx.device, group_id),
                )?,
                None => tx.execute(
                    "INSERT INTO positions (id, group_id, title, holder, alternate, term_ends, sort, created_at,
                       updated_at, updated_by)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6,
                       (SELECT COALESCE(MAX(sort), 0) + 1 FROM positions WHERE group_id = ?2), ?7, ?7, ?8)",
                    (crate::new_id(), group_id, &title, &holder, &alternate, &term_ends, tx.now, tx.device),
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
            let n = tx.execute(
                "UPDATE positions SET deleted_at = ?3, updated_at = ?3, updated_by = ?4
                 WHERE id = ?1 AND group_id = ?2 AND deleted_at IS NULL",
                (id, group_id, tx.now, tx.device),
            )?;
            if n == 0 {
                return Err(Error::NotFound { what: "position" });
            }
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
                (group_id, &date, chair.as_deref().unwrap_or(""), tx.now, tx.device),
            )?;
            tx.touched(Aggregate::Service, group_id);
            Ok(())
        })?;
        self.service(group_id)
    }
}
