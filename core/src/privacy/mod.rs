//! Privacy: how long a group keeps attendance names, and forgetting a person.
//!
//! **Retention.** A group may choose to keep attendance names for 1 to 120 months (off by default).
//! At start and once a day the shell calls [`Store::apply_retention`]: in every closed meeting dated
//! before the cutoff (today in the group's time zone, less that many months) the check-ins, shares and
//! passes lose their person, celebrations are deleted, and person ids leave the seating, the rounds and
//! the readers of the meeting's format. The counts stay: a named meeting is kept from then on as a
//! counts-only meeting with the numbers it showed just before (headcount, newcomers, returning,
//! visitors), so nothing a chair reads about an old meeting changes but the names. The check-ins stay
//! too, as anonymous rows, so a laptop that merges an older copy cannot bring a name back. People stay
//! on the roster; meetings still open are left alone until they are closed.
//!
//! Known limit: "newcomer" is computed from earlier named check-ins, so once the old meetings have
//! lost their names, a regular whose earlier meetings all did reads as a newcomer at the first
//! meeting that still names them (a meeting after the cutoff, which retention does not change). Keeping
//! that right needs a stored "attended before" date per person: a schema change.
//!
//! **Forgetting a person** is the one hard removal: their roster entry keeps only an empty tombstone,
//! every check-in of theirs becomes an anonymous one (the headcount stays), their shares and passes
//! are unnamed, their celebrations deleted with label and date emptied, and their id leaves every
//! seating, round and format. It is refused while they are at an open meeting.
//!
//! In a round, a person id is replaced with a token ("anonymous-1", "anonymous-2", …, distinct within
//! the round) rather than removed, so an old round still reads back whole: how many turns, passes and
//! seats it had, and where the next meeting's circle should start, all keep working.
//!
//! Every row changed is stamped with the write's instant and device, so the change wins a merge.

use std::collections::{BTreeSet, HashMap};

use chrono::{Months, NaiveDate};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::group::{self, Group};
use crate::meeting;
use crate::meeting::attendance::{self, Counts};
use crate::names;
use crate::speaking::order::Round;
use crate::store::{Aggregate, Store, Tx};

/// The longest a group may keep attendance names, in months.
pub const MAX_RETENTION_MONTHS: u32 = 120;

/// What retention removes (or removed) from one group's old meetings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RetentionPreview {
    pub group_id: String,
    /// Months names are kept; `None`: retention is off.
    pub months: Option<u32>,
    /// Meetings dated before this day ("YYYY-MM-DD", in the group's time zone) lose their names;
    /// `None` while retention is off.
    pub cutoff: Option<String>,
    /// Closed meetings that still name someone and lose those names.
    pub meetings: u32,
    /// Check-ins that become anonymous (counted as before); check-ins taken back included.
    pub check_ins: u32,
    pub shares: u32,
    pub passes: u32,
    /// Celebrations deleted.
    pub celebrations: u32,
    /// The oldest and newest dates among those meetings.
    pub oldest: Option<String>,
    pub newest: Option<String>,
    /// Meetings before the cutoff that are still open: left as they are until closed.
    pub open_meetings: u32,
}

/// One run of retention over every group that has it on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RetentionRun {
    /// The instant (UTC ms) the run was made at; every row it changed carries it.
    pub ran_at: i64,
    /// Each group with retention on, with what was removed (all zeros when nothing was old enough).
    pub groups: Vec<RetentionPreview>,
}

impl RetentionRun {
    /// Meetings that lost names in this run, over all groups.
    pub fn meetings(&self) -> u32 {
        self.groups.iter().map(|g| g.meetings).sum()
    }
}

/// What forgetting a person changes (or changed).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ForgetCounts {
    /// Meetings whose record mentions them.
    pub meetings: u32,
    /// Check-ins that become anonymous (each still counts in its meeting's headcount).
    pub check_ins: u32,
    pub shares: u32,
    pub passes: u32,
    /// Celebrated milestones, deleted.
    pub celebrations: u32,
    /// Seating arrangements and rounds their id is taken out of.
    pub seatings: u32,
    pub rounds: u32,
    /// Meeting formats (or the group's) where they were asked to read.
    pub readings: u32,
}

/// What the "forget this person" dialog shows before the chair confirms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ForgetPreview {
    pub person_id: String,
    /// "Marguerite K.", as the roster shows them.
    pub name: String,
    pub counts: ForgetCounts,
    /// They shared a recovery date, which goes too.
    pub has_recovery_date: bool,
    /// Places their name is typed as text ("chair of the meeting on 2026-11-17"): forgetting does not
    /// change typed text, so the chair edits these by hand.
    pub typed_elsewhere: Vec<String>,
    /// Why forgetting is refused right now, in the chair's words; `None` when it can go ahead.
    pub refused: Option<String>,
}

/// What forgetting a person changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ForgetReport {
    pub person_id: String,
    pub counts: ForgetCounts,
    /// Places their name is still typed as text, for the chair to edit.
    pub typed_elsewhere: Vec<String>,
}

// ---------------------------------------------------------------------------------------------
// JSON: person ids out of seating, rounds and formats.

/// Replaces every string value `replace` has a replacement for; true if anything changed.
fn replace_strings(v: &mut Value, replace: &mut impl FnMut(&str) -> Option<Value>) -> bool {
    match v {
        Value::String(s) => match replace(s) {
            Some(new) => {
                *v = new;
                true
            }
            None => false,
        },
        Value::Array(items) => items.iter_mut().fold(false, |changed, item| replace_strings(item, replace) | changed),
        Value::Object(map) => map.values_mut().fold(false, |changed, item| replace_strings(item, replace) | changed),
        _ => false,
    }
}

const TOKEN: &str = "anonymous-";

/// The highest "anonymous-N" already in a round, so new tokens never repeat an earlier one.
fn highest_token(v: &Value) -> u32 {
    match v {
        Value::String(s) => s.strip_prefix(TOKEN).and_then(|n| n.parse().ok()).unwrap_or(0),
        Value::Array(items) => items.iter().map(highest_token).max().unwrap_or(0),
        Value::Object(map) => map.values().map(highest_token).max().unwrap_or(0),
        _ => 0,
    }
}

fn is_id(s: &str) -> bool {
    uuid::Uuid::try_parse(s).is_ok()
}

/// A round's state with the people `is_person` picks replaced by tokens, the same person by the same
/// token; `None` when nobody was in it. A state that cannot be read as JSON has each id in `ids`
/// replaced in its text.
fn anonymize_round(state: &str, is_person: impl Fn(&str) -> bool, ids: &[&str]) -> Option<String> {
    let Ok(mut v) = serde_json::from_str::<Value>(state) else {
        let mut text = state.to_string();
        for (n, id) in ids.iter().enumerate() {
            text = text.replace(id, &format!("{TOKEN}x{n}"));
        }
        return (text != state).then_some(text);
    };
    let mut next = highest_token(&v);
    let mut tokens: HashMap<String, String> = HashMap::new();
    let changed = replace_strings(&mut v, &mut |s| {
        if !is_person(s) {
            return None;
        }
        let token = tokens.entry(s.to_string()).or_insert_with(|| {
            next += 1;
            format!("{TOKEN}{next}")
        });
        Some(Value::String(token.clone()))
    });
    changed.then(|| v.to_string())
}

/// A seating list without the people `is_person` picks; `None` when nobody was taken out.
fn without_seats(seats: &str, is_person: impl Fn(&str) -> bool) -> Option<String> {
    let Ok(list) = serde_json::from_str::<Vec<String>>(seats) else { return Some("[]".into()) };
    let kept: Vec<&String> = list.iter().filter(|p| !is_person(p)).collect();
    (kept.len() != list.len()).then(|| serde_json::to_string(&kept).unwrap_or_else(|_| "[]".into()))
}

/// A format with no reader among the people `is_person` picks; `None` when none was.
fn without_readers(format: &str, is_person: impl Fn(&str) -> bool) -> Option<String> {
    let mut v = serde_json::from_str::<Value>(format).ok()?;
    replace_strings(&mut v, &mut |s| is_person(s).then_some(Value::Null)).then(|| v.to_string())
}

fn count(conn: &Connection, sql: &str, param: &str) -> Result<u32> {
    Ok(conn.query_row(sql, [param], |r| r.get(0))?)
}

// ---------------------------------------------------------------------------------------------
// Retention.

fn check_months(months: Option<u32>) -> Result<()> {
    match months {
        Some(m) if !(1..=MAX_RETENTION_MONTHS).contains(&m) => Err(Error::invalid(format!(
            "Attendance names can be kept for 1 to {MAX_RETENTION_MONTHS} months (or kept with no limit); \
             {m} months is not possible."
        ))),
        _ => Ok(()),
    }
}

fn retention_months(conn: &Connection, group_id: &str) -> Result<Option<u32>> {
    group::get(conn, group_id)?;
    Ok(conn.query_row("SELECT retention_months FROM groups WHERE id = ?1", [group_id], |r| r.get(0))?)
}

/// The first date whose meetings keep their names: today where the group meets, less `months`.
fn cutoff(group: &Group, months: u32, now: i64) -> NaiveDate {
    let today = meeting::today(group, now);
    today.checked_sub_months(Months::new(months)).unwrap_or(NaiveDate::MIN)
}

/// One old meeting's names, and what it becomes without them.
struct Clearing {
    meeting_id: String,
    date: String,
    /// A named meeting keeps the counts it shows now, as a counts-only meeting.
    keep_counts: Option<Counts>,
    check_ins: u32,
    shares: u32,
    passes: u32,
    celebrations: u32,
    seats: Option<String>,
    rounds: Vec<(String, String)>,
    format: Option<String>,
}

impl Clearing {
    fn names_anyone(&self) -> bool {
        self.check_ins + self.shares + self.passes + self.celebrations > 0
            || self.seats.is_some()
            || !self.rounds.is_empty()
            || self.format.is_some()
    }
}

/// What retention would take from one meeting (nothing at all when it names nobody).
fn clearing(conn: &Connection, meeting_id: &str, date: &str, live_named: bool) -> Result<Clearing> {
    let seats: Option<String> =
        conn.query_row("SELECT seats FROM seating WHERE meeting_id = ?1", [meeting_id], |r| r.get(0)).optional()?;
    let rounds = {
        let mut stmt = conn.prepare("SELECT id, state FROM rounds WHERE meeting_id = ?1 ORDER BY started_at, id")?;
        let rows = stmt.query_map([meeting_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (id, state) = row?;
            if let Some(new) = anonymize_round(&state, is_id, &[]) {
                out.push((id, new));
            }
        }
        out
    };
    let format: Option<String> =
        conn.query_row("SELECT format FROM meetings WHERE id = ?1", [meeting_id], |r| r.get(0))?;
    let mut c = Clearing {
        meeting_id: meeting_id.to_string(),
        date: date.to_string(),
        keep_counts: None,
        check_ins: count(
            conn,
            "SELECT COUNT(*) FROM check_ins WHERE meeting_id = ?1 AND person_id IS NOT NULL",
            meeting_id,
        )?,
        shares: count(conn, "SELECT COUNT(*) FROM shares WHERE meeting_id = ?1 AND person_id IS NOT NULL", meeting_id)?,
        passes: count(conn, "SELECT COUNT(*) FROM passes WHERE meeting_id = ?1 AND person_id IS NOT NULL", meeting_id)?,
        celebrations: count(
            conn,
            "SELECT COUNT(*) FROM celebrations
             WHERE meeting_id = ?1 AND (deleted_at IS NULL OR label <> '' OR date <> '')",
            meeting_id,
        )?,
        seats: seats.and_then(|s| without_seats(&s, |_| true)),
        rounds,
        format: format.and_then(|f| without_readers(&f, is_id)),
    };
    if live_named && c.names_anyone() {
        c.keep_counts = Some(attendance::counts(conn, &meeting::get(conn, meeting_id)?)?);
    }
    Ok(c)
}

/// What retention with `months` takes from a group's meetings as of `now`, and the summary of it.
fn plan(conn: &Connection, group: &Group, months: Option<u32>, now: i64) -> Result<(RetentionPreview, Vec<Clearing>)> {
    let mut preview = RetentionPreview {
        group_id: group.id.clone(),
        months,
        cutoff: None,
        meetings: 0,
        check_ins: 0,
        shares: 0,
        passes: 0,
        celebrations: 0,
        oldest: None,
        newest: None,
        open_meetings: 0,
    };
    let Some(months) = months else { return Ok((preview, vec![])) };
    let before = cutoff(group, months, now).format("%Y-%m-%d").to_string();
    // Tombstoned meetings too: a deleted meeting's rows still name people.
    let mut stmt = conn.prepare(
        "SELECT id, date, status = 'open' AND deleted_at IS NULL, mode = 'named' AND deleted_at IS NULL
         FROM meetings WHERE group_id = ?1 AND date < ?2 ORDER BY date, seq, id",
    )?;
    let meetings = stmt
        .query_map([&group.id, &before], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, bool>(2)?, r.get::<_, bool>(3)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = Vec::new();
    for (id, date, open, live_named) in meetings {
        let c = clearing(conn, &id, &date, live_named)?;
        if !c.names_anyone() {
            continue;
        }
        if open {
            preview.open_meetings += 1;
            continue;
        }
        preview.meetings += 1;
        preview.check_ins += c.check_ins;
        preview.shares += c.shares;
        preview.passes += c.passes;
        preview.celebrations += c.celebrations;
        preview.oldest.get_or_insert_with(|| c.date.clone());
        preview.newest = Some(c.date.clone());
        out.push(c);
    }
    preview.cutoff = Some(before);
    Ok((preview, out))
}

fn clear(tx: &Tx, c: &Clearing) -> Result<()> {
    let stamp = rusqlite::params![c.meeting_id, tx.now, tx.device];
    if let Some(k) = c.keep_counts {
        // From now on the meeting is read as counts only, with exactly the numbers it showed.
        tx.execute(
            "INSERT INTO meeting_counts (meeting_id, members, newcomers, visitors, updated_at, updated_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (meeting_id) DO UPDATE SET members = ?2, newcomers = ?3, visitors = ?4,
                                                    updated_at = ?5, updated_by = ?6",
            rusqlite::params![c.meeting_id, k.returning, k.newcomers, k.visitors, tx.now, tx.device],
        )?;
        tx.execute("UPDATE meetings SET mode = 'headcount', updated_at = ?2, updated_by = ?3 WHERE id = ?1", stamp)?;
    }
    for table in ["check_ins", "shares", "passes"] {
        // `table` is one of our own literals, never user input.
        tx.execute(
            &format!(
                "UPDATE {table} SET person_id = NULL, updated_at = ?2, updated_by = ?3
                 WHERE meeting_id = ?1 AND person_id IS NOT NULL"
            ),
            stamp,
        )?;
    }
    tx.execute(
        "UPDATE celebrations SET deleted_at = COALESCE(deleted_at, ?2), label = '', date = '',
                                 updated_at = ?2, updated_by = ?3
         WHERE meeting_id = ?1 AND (deleted_at IS NULL OR label <> '' OR date <> '')",
        stamp,
    )?;
    if let Some(seats) = &c.seats {
        tx.execute(
            "UPDATE seating SET seats = ?2, updated_at = ?3, updated_by = ?4 WHERE meeting_id = ?1",
            rusqlite::params![c.meeting_id, seats, tx.now, tx.device],
        )?;
    }
    for (id, state) in &c.rounds {
        tx.execute(
            "UPDATE rounds SET state = ?2, updated_at = ?3, updated_by = ?4 WHERE id = ?1",
            rusqlite::params![id, state, tx.now, tx.device],
        )?;
    }
    if let Some(format) = &c.format {
        tx.execute(
            "UPDATE meetings SET format = ?2, updated_at = ?3, updated_by = ?4 WHERE id = ?1",
            rusqlite::params![c.meeting_id, format, tx.now, tx.device],
        )?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Forgetting a person.

/// The person's row, even if already removed from the roster; `NotFound` once forgotten.
fn person_row(conn: &Connection, person_id: &str) -> Result<(String, String, String, bool)> {
    conn.query_row(
        "SELECT group_id, display_name, last_initial, recovery_date IS NOT NULL FROM people
         WHERE id = ?1 AND NOT (deleted_at IS NOT NULL AND display_name = '')",
        [person_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )
    .optional()?
    .ok_or(Error::NotFound { what: "person" })
}

/// Why `name` cannot be forgotten right now, if so: they are at an open meeting.
fn refusal(conn: &Connection, person_id: &str, name: &str) -> Result<Option<String>> {
    let here: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM check_ins c JOIN meetings m ON m.id = c.meeting_id
                        WHERE c.person_id = ?1 AND c.deleted_at IS NULL AND c.left_at IS NULL
                          AND m.status = 'open' AND m.deleted_at IS NULL)",
        [person_id],
        |r| r.get(0),
    )?;
    if here {
        return Ok(Some(format!(
            "{name} is checked in to a meeting that is still open. Mark {name} as left or close the meeting \
             first; nothing was changed."
        )));
    }
    let sharing: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM shares WHERE person_id = ?1 AND ended_at IS NULL AND deleted_at IS NULL)",
        [person_id],
        |r| r.get(0),
    )?;
    if sharing {
        return Ok(Some(format!("{name}'s share is still running. Stop it first; nothing was changed.")));
    }
    // Someone who left waits for no turn; this only guards against a round saved otherwise.
    let mut stmt = conn.prepare(
        "SELECT r.state FROM rounds r JOIN meetings m ON m.id = r.meeting_id
         WHERE r.ended_at IS NULL AND r.deleted_at IS NULL AND m.status = 'open' AND m.deleted_at IS NULL
           AND instr(r.state, ?1) > 0",
    )?;
    let states = stmt.query_map([person_id], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
    let waiting = states
        .iter()
        .filter_map(|s| serde_json::from_str::<Round>(s).ok())
        .any(|r| r.waiting.iter().any(|w| w.person_id == person_id));
    if waiting {
        return Ok(Some(format!(
            "{name} is waiting for a turn in the round that is running. End the round first; nothing was changed."
        )));
    }
    Ok(None)
}

/// Where a person's id sits in JSON, and what each of those becomes without it.
#[derive(Default)]
struct Mentions {
    seating: Vec<(String, String)>,
    rounds: Vec<(String, String, String)>,
    meeting_formats: Vec<(String, String)>,
    group_formats: Vec<(String, String)>,
}

fn mentions(conn: &Connection, person_id: &str) -> Result<Mentions> {
    let is_them = |s: &str| s == person_id;
    let rows = |sql: &str| -> Result<Vec<(String, String, String)>> {
        let mut stmt = conn.prepare(sql)?;
        let rows = stmt.query_map([person_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    };
    let mut m = Mentions::default();
    for (meeting_id, _, seats) in rows("SELECT meeting_id, '', seats FROM seating WHERE instr(seats, ?1) > 0")? {
        if let Some(new) = without_seats(&seats, is_them) {
            m.seating.push((meeting_id, new));
        }
    }
    for (id, meeting_id, state) in rows("SELECT id, meeting_id, state FROM rounds WHERE instr(state, ?1) > 0")? {
        if let Some(new) = anonymize_round(&state, is_them, &[person_id]) {
            m.rounds.push((id, meeting_id, new));
        }
    }
    for (id, _, format) in rows("SELECT id, '', format FROM meetings WHERE instr(format, ?1) > 0")? {
        if let Some(new) = without_readers(&format, is_them) {
            m.meeting_formats.push((id, new));
        }
    }
    for (id, _, format) in rows("SELECT id, '', format FROM groups WHERE instr(format, ?1) > 0")? {
        if let Some(new) = without_readers(&format, is_them) {
            m.group_formats.push((id, new));
        }
    }
    Ok(m)
}

/// Every meeting whose rows or JSON mention the person.
fn meetings_mentioning(conn: &Connection, person_id: &str, m: &Mentions) -> Result<u32> {
    let mut stmt = conn.prepare(
        "SELECT meeting_id FROM check_ins WHERE person_id = ?1
         UNION SELECT meeting_id FROM shares WHERE person_id = ?1
         UNION SELECT meeting_id FROM passes WHERE person_id = ?1
         UNION SELECT meeting_id FROM celebrations
               WHERE person_id = ?1 AND (deleted_at IS NULL OR label <> '' OR date <> '')",
    )?;
    let mut ids = stmt.query_map([person_id], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<BTreeSet<_>>>()?;
    ids.extend(m.seating.iter().map(|(id, _)| id.clone()));
    ids.extend(m.rounds.iter().map(|(_, id, _)| id.clone()));
    ids.extend(m.meeting_formats.iter().map(|(id, _)| id.clone()));
    Ok(u32::try_from(ids.len()).unwrap_or(u32::MAX))
}

fn forget_counts(conn: &Connection, person_id: &str, m: &Mentions) -> Result<ForgetCounts> {
    let n = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
    Ok(ForgetCounts {
        meetings: meetings_mentioning(conn, person_id, m)?,
        check_ins: count(conn, "SELECT COUNT(*) FROM check_ins WHERE person_id = ?1", person_id)?,
        shares: count(conn, "SELECT COUNT(*) FROM shares WHERE person_id = ?1", person_id)?,
        passes: count(conn, "SELECT COUNT(*) FROM passes WHERE person_id = ?1", person_id)?,
        celebrations: count(
            conn,
            "SELECT COUNT(*) FROM celebrations
             WHERE person_id = ?1 AND (deleted_at IS NULL OR label <> '' OR date <> '')",
            person_id,
        )?,
        seatings: n(m.seating.len()),
        rounds: n(m.rounds.len()),
        readings: n(m.meeting_formats.len() + m.group_formats.len()),
    })
}

/// True when `text` has `name` as a whole word (or words), whatever the case.
fn names_in(text: &str, name: &str) -> bool {
    let (text, name) = (text.to_lowercase(), name.trim().to_lowercase());
    if name.is_empty() {
        return false;
    }
    text.match_indices(&name).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + name.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Says where a name is typed, from the first column a source selects.
type Describe = fn(&str) -> String;

/// Where the group's typed text has the person's name: a chair's name, notes, action items, service
/// positions, the chair rota. Forgetting does not rewrite what people typed; the chair is shown where.
fn typed_elsewhere(conn: &Connection, group_id: &str, name: &str) -> Result<Vec<String>> {
    let sources: [(&str, Describe); 6] = [
        ("SELECT date, chair FROM meetings WHERE group_id = ?1 AND deleted_at IS NULL", |d| {
            format!("chair of the meeting on {d}")
        }),
        (
            "SELECT m.date, r.notes || ' ' || r.counted_by FROM reports r JOIN meetings m ON m.id = r.meeting_id
             WHERE m.group_id = ?1 AND r.deleted_at IS NULL",
            |d| format!("the report of the meeting on {d}"),
        ),
        (
            "SELECT text, text || ' ' || raised_by || ' ' || COALESCE(closed_by, '') FROM action_items
             WHERE group_id = ?1 AND deleted_at IS NULL",
            |t| format!("the action item “{}”", t.chars().take(40).collect::<String>()),
        ),
        (
            "SELECT m.date, a.name FROM acknowledgements a JOIN meetings m ON m.id = a.meeting_id
             WHERE a.group_id = ?1 AND a.deleted_at IS NULL",
            |d| format!("who read the handover of the meeting on {d}"),
        ),
        ("SELECT title, holder || ' ' || alternate FROM positions WHERE group_id = ?1 AND deleted_at IS NULL", |t| {
            format!("the {t} position")
        }),
        ("SELECT date, name FROM chair_rota WHERE group_id = ?1 AND deleted_at IS NULL", |d| {
            format!("the chair rota on {d}")
        }),
    ];
    let mut out = Vec::new();
    for (sql, describe) in sources {
        let mut stmt = conn.prepare(&format!("{sql} ORDER BY 1"))?;
        let rows = stmt.query_map([group_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        for row in rows {
            let (what, text) = row?;
            if names_in(&text, name) {
                out.push(describe(&what));
            }
        }
    }
    Ok(out)
}

/// Erases every trace of the person but their empty row: check-ins, shares and passes unnamed,
/// celebrations deleted, their id out of every seating, round and format.
fn erase(tx: &Tx, person_id: &str) -> Result<ForgetCounts> {
    let m = mentions(tx, person_id)?;
    let mut counts = forget_counts(tx, person_id, &m)?;
    let stamp = rusqlite::params![person_id, tx.now, tx.device];
    for table in ["check_ins", "shares", "passes"] {
        // `table` is one of our own literals, never user input.
        tx.execute(
            &format!("UPDATE {table} SET person_id = NULL, updated_at = ?2, updated_by = ?3 WHERE person_id = ?1"),
            stamp,
        )?;
    }
    // The row must keep pointing at someone; it points at the empty tombstone, with nothing to say.
    counts.celebrations = u32::try_from(tx.execute(
        "UPDATE celebrations SET deleted_at = COALESCE(deleted_at, ?2), label = '', date = '',
                                 updated_at = ?2, updated_by = ?3
         WHERE person_id = ?1 AND (deleted_at IS NULL OR label <> '' OR date <> '')",
        stamp,
    )?)
    .unwrap_or(u32::MAX);
    for (meeting_id, seats) in &m.seating {
        tx.execute(
            "UPDATE seating SET seats = ?2, updated_at = ?3, updated_by = ?4 WHERE meeting_id = ?1",
            rusqlite::params![meeting_id, seats, tx.now, tx.device],
        )?;
    }
    for (id, _, state) in &m.rounds {
        tx.execute(
            "UPDATE rounds SET state = ?2, updated_at = ?3, updated_by = ?4 WHERE id = ?1",
            rusqlite::params![id, state, tx.now, tx.device],
        )?;
    }
    for (table, rows) in [("meetings", &m.meeting_formats), ("groups", &m.group_formats)] {
        for (id, format) in rows {
            tx.execute(
                &format!("UPDATE {table} SET format = ?2, updated_at = ?3, updated_by = ?4 WHERE id = ?1"),
                rusqlite::params![id, format, tx.now, tx.device],
            )?;
        }
    }
    Ok(counts)
}

/// Forgotten people (an empty tombstone) whom some row or JSON still mentions: only after a
/// merge brought in a copy made before they were forgotten.
fn still_mentioned(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT id FROM people WHERE deleted_at IS NOT NULL AND display_name = ''")?;
    let forgotten = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
    let mut out = Vec::new();
    for id in forgotten {
        let m = mentions(conn, &id)?;
        let c = forget_counts(conn, &id, &m)?;
        if c != ForgetCounts::default() {
            out.push(id);
        }
    }
    Ok(out)
}

/// Erases what a merge brought back of people forgotten here, inside an open write. A handover
/// bundle's import should call this in its own transaction, after merging.
pub(crate) fn scrub_forgotten(tx: &Tx) -> Result<u32> {
    let ids = still_mentioned(tx)?;
    for id in &ids {
        erase(tx, id)?;
    }
    Ok(u32::try_from(ids.len()).unwrap_or(u32::MAX))
}

impl Store {
    /// Sets how many months the group keeps attendance names (`None`: no limit, the default), and
    /// returns what the next run will remove with that setting.
    pub fn set_retention(&mut self, group_id: &str, months: Option<u32>) -> Result<RetentionPreview> {
        check_months(months)?;
        if retention_months(self.conn(), group_id)? != months {
            self.write(|tx| {
                tx.execute(
                    "UPDATE groups SET retention_months = ?2, updated_at = ?3, updated_by = ?4 WHERE id = ?1",
                    rusqlite::params![group_id, months, tx.now, tx.device],
                )?;
                tx.touched(Aggregate::Group, group_id);
                Ok(())
            })?;
        }
        self.retention_preview(group_id)
    }

    /// What the next retention run would remove from the group's meetings, with its setting as it is.
    pub fn retention_preview(&self, group_id: &str) -> Result<RetentionPreview> {
        let months = retention_months(self.conn(), group_id)?;
        self.retention_preview_for(group_id, months)
    }

    /// What retention would remove with `months`, before the chair saves it: the settings dialog's preview.
    pub fn retention_preview_for(&self, group_id: &str, months: Option<u32>) -> Result<RetentionPreview> {
        check_months(months)?;
        let group = group::get(self.conn(), group_id)?;
        Ok(plan(self.conn(), &group, months, self.clock().now_ms())?.0)
    }

    /// Removes the names from old meetings of every group that keeps them for a limited time, in one
    /// transaction: what the shell runs at start and once a day. Running it again the same day
    /// changes nothing.
    pub fn apply_retention(&mut self) -> Result<RetentionRun> {
        self.write(|tx| {
            let mut stmt = tx.prepare(
                "SELECT id, retention_months FROM groups
                 WHERE retention_months IS NOT NULL AND deleted_at IS NULL ORDER BY name COLLATE NOCASE, id",
            )?;
            let groups = stmt
                .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?)))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let mut run = RetentionRun { ran_at: tx.now, groups: Vec::with_capacity(groups.len()) };
            for (group_id, months) in groups {
                let group = group::get(tx, &group_id)?;
                // Every meeting's counts are taken before any name goes, so none reads another's changes.
                let (preview, clearings) = plan(tx, &group, Some(months), tx.now)?;
                for c in &clearings {
                    clear(tx, c)?;
                }
                if !clearings.is_empty() {
                    tx.touched(Aggregate::Roster, &group_id);
                }
                run.groups.push(preview);
            }
            Ok(run)
        })
    }

    /// What forgetting the person would change, and whether it is refused right now.
    pub fn forget_preview(&self, person_id: &str) -> Result<ForgetPreview> {
        let conn = self.conn();
        let (group_id, display_name, initial, has_recovery_date) = person_row(conn, person_id)?;
        let name = names::shown(&display_name, &initial);
        let m = mentions(conn, person_id)?;
        Ok(ForgetPreview {
            person_id: person_id.to_string(),
            counts: forget_counts(conn, person_id, &m)?,
            has_recovery_date,
            typed_elsewhere: typed_elsewhere(conn, &group_id, &display_name)?,
            refused: refusal(conn, person_id, &name)?,
            name,
        })
    }

    /// Forgets a person, in one transaction: their roster entry keeps only an empty tombstone, and
    /// nothing else in the store names them. Refused, with nothing changed, while they are at an open
    /// meeting.
    pub fn forget_person(&mut self, person_id: &str) -> Result<ForgetReport> {
        self.write(|tx| {
            let (group_id, display_name, initial, _) = person_row(tx, person_id)?;
            if let Some(why) = refusal(tx, person_id, &names::shown(&display_name, &initial))? {
                return Err(Error::Conflict(why));
            }
            let typed_elsewhere = typed_elsewhere(tx, &group_id, &display_name)?;
            let counts = erase(tx, person_id)?;
            tx.execute(
                "UPDATE people SET display_name = '', last_initial = '', recovery_date = NULL,
                                   deleted_at = COALESCE(deleted_at, ?2), updated_at = ?2, updated_by = ?3
                 WHERE id = ?1",
                rusqlite::params![person_id, tx.now, tx.device],
            )?;
            tx.touched(Aggregate::Roster, &group_id);
            Ok(ForgetReport { person_id: person_id.to_string(), counts, typed_elsewhere })
        })
    }

    /// Erases whatever names a person forgotten here, brought back by merging an older copy; the
    /// number of forgotten people something was erased for. Safe to run at any time.
    pub fn scrub_forgotten(&mut self) -> Result<u32> {
        self.write(scrub_forgotten)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_person_gets_the_same_token_and_tokens_never_repeat() {
        let a = "0190a0a0-0000-7000-8000-000000000001";
        let b = "0190a0a0-0000-7000-8000-000000000002";
        let state = format!(r#"{{"seats":["{a}","anonymous-1","{b}"],"turns":[{{"personId":"{a}"}}]}}"#);
        let out: Value = serde_json::from_str(&anonymize_round(&state, is_id, &[]).unwrap()).unwrap();
        assert_eq!(out["seats"], serde_json::json!(["anonymous-2", "anonymous-1", "anonymous-3"]));
        assert_eq!(out["turns"][0]["personId"], "anonymous-2");
        assert_eq!(anonymize_round(&out.to_string(), is_id, &[]), None, "nothing left to take out");
    }

    #[test]
    fn a_name_is_found_as_a_whole_word_only() {
        assert!(names_in("Chaired by marguerite, thanks", "Marguerite"));
        assert!(names_in("Mary Ann K.", "mary ann"));
        assert!(!names_in("Samantha", "Sam"));
        assert!(!names_in("anything", ""));
    }
}
