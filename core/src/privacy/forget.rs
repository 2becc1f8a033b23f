//! Forgetting a person: what it would change and when it is refused, erasing them everywhere but
//! their empty tombstone, and scrubbing what a merge of an older copy brings back of them.

use std::collections::BTreeSet;

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::anonymize::{anonymize_round, count, without_readers, without_seats};
use crate::error::{problem, Error, IntoParam, Param, Problem, Result};
use crate::names;
use crate::speaking::order::Round;
use crate::store::{tombstone, Aggregate, Store, Tx};

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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ForgetPreview {
    pub person_id: String,
    /// "Marguerite K.", as the roster shows them.
    pub name: String,
    pub counts: ForgetCounts,
    /// They shared a recovery date, which goes too.
    pub has_recovery_date: bool,
    /// Places their name is typed as text ("chair of the meeting on 17 November 2026"): forgetting does not
    /// change typed text, so the chair edits these by hand.
    #[ts(as = "Vec<crate::error::IpcProblem>")]
    pub typed_elsewhere: Vec<Problem>,
    /// Why forgetting is refused right now, as a sentence the UI says in the chair's language;
    /// `None` when it can go ahead.
    #[ts(as = "Option<crate::error::IpcProblem>")]
    pub refused: Option<Problem>,
}

/// What forgetting a person changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ForgetReport {
    pub person_id: String,
    pub counts: ForgetCounts,
    /// Places their name is still typed as text, for the chair to edit.
    #[ts(as = "Vec<crate::error::IpcProblem>")]
    pub typed_elsewhere: Vec<Problem>,
}

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
fn refusal(conn: &Connection, person_id: &str, name: &str) -> Result<Option<Problem>> {
    let here: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM check_ins c JOIN meetings m ON m.id = c.meeting_id
                        WHERE c.person_id = ?1 AND c.deleted_at IS NULL AND c.left_at IS NULL
                          AND m.status = 'open' AND m.deleted_at IS NULL)",
        [person_id],
        |r| r.get(0),
    )?;
    if here {
        return Ok(Some(problem!(
            "forget_checked_in",
            "{name} is checked in to a meeting that is still open. Mark {name} as left or close the meeting \
             first; nothing was changed.",
            name = name
        )));
    }
    let sharing: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM shares WHERE person_id = ?1 AND ended_at IS NULL AND deleted_at IS NULL)",
        [person_id],
        |r| r.get(0),
    )?;
    if sharing {
        return Ok(Some(problem!(
            "forget_sharing",
            "{name}'s share is still running. Stop it first; nothing was changed.",
            name = name
        )));
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
        return Ok(Some(problem!(
            "forget_waiting",
            "{name} is waiting for a turn in the round that is running. End the round first; nothing was changed.",
            name = name
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
         UNION SELECT meeting_id FROM celebrations WHERE person_id = ?1",
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
        celebrations: count(conn, "SELECT COUNT(*) FROM celebrations WHERE person_id = ?1", person_id)?,
        seatings: n(m.seating.len()),
        rounds: n(m.rounds.len()),
        readings: n(m.meeting_formats.len() + m.group_formats.len()),
    })
}

/// True when `text` has `name` as a whole word (or words), whatever the case or the way an accent was typed.
fn names_in(text: &str, name: &str) -> bool {
    let (text, name) = (names::folded(text), names::folded(name.trim()));
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
type Describe = fn(&str) -> Problem;

/// A meeting's or rota's date, as a sentence says it; text that is not a date is said as it is.
fn day(date: &str) -> Param {
    match chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d") {
        Ok(d) => Problem::date(d).into_param(),
        Err(_) => date.into_param(),
    }
}

/// Text the chair types, which may name someone: the table (as `t`), its columns, what tells the
/// chair which row (the first column selected), and how the group's rows are found.
struct Typed {
    table: &'static str,
    columns: &'static [&'static str],
    which: &'static str,
    of_group: &'static str,
    describe: Describe,
}

/// Every column where a chair types words: forgetting looks in each. A unit test fails when the
/// schema gains a text column that is in none of the lists of what forgetting does.
const TYPED: &[Typed] = &[
    Typed {
        table: "groups",
        columns: &["name", "fellowship", "location", "format"],
        which: "t.name",
        of_group: "t.id = ?1",
        describe: |_| problem!("forget_typed_group", "the group's name, place or format"),
    },
    Typed {
        table: "meetings",
        columns: &["chair"],
        which: "t.date",
        of_group: "t.group_id = ?1",
        describe: |d| problem!("forget_typed_chair", "chair of the meeting on {date}", date = day(d)),
    },
    Typed {
        table: "meetings",
        columns: &["format", "report"],
        which: "t.date",
        of_group: "t.group_id = ?1",
        describe: |d| problem!("forget_typed_format", "the format of the meeting on {date}", date = day(d)),
    },
    Typed {
        table: "reports",
        columns: &["notes", "counted_by"],
        which: "(SELECT date FROM meetings m WHERE m.id = t.meeting_id)",
        of_group: "t.meeting_id IN (SELECT id FROM meetings WHERE group_id = ?1)",
        describe: |d| problem!("forget_typed_report", "the report of the meeting on {date}", date = day(d)),
    },
    Typed {
        table: "action_items",
        columns: &["text", "raised_by", "closed_by"],
        which: "t.text",
        of_group: "t.group_id = ?1",
        describe: |t| {
            problem!(
                "forget_typed_action_item",
                "the action item “{text}”",
                text = t.chars().take(40).collect::<String>()
            )
        },
    },
    Typed {
        table: "acknowledgements",
        columns: &["name"],
        which: "(SELECT date FROM meetings m WHERE m.id = t.meeting_id)",
        of_group: "t.group_id = ?1",
        describe: |d| {
            problem!("forget_typed_handover", "who read the handover of the meeting on {date}", date = day(d))
        },
    },
    Typed {
        table: "positions",
        columns: &["title", "holder", "alternate"],
        which: "t.title",
        of_group: "t.group_id = ?1",
        describe: |t| problem!("forget_typed_position", "the {title} position", title = t),
    },
    Typed {
        table: "chair_rota",
        columns: &["name"],
        which: "t.date",
        of_group: "t.group_id = ?1",
        describe: |d| problem!("forget_typed_rota", "the chair rota on {date}", date = day(d)),
    },
    Typed {
        table: "resources",
        columns: &["name", "contact", "note"],
        which: "t.name",
        of_group: "t.group_id = ?1",
        describe: |n| problem!("forget_typed_resource", "the resources card's entry “{name}”", name = n),
    },
];

/// Where the group's typed text has the person's name (see [`TYPED`]). Forgetting does not rewrite
/// what people typed; the chair is shown where. A removed row is not shown: it keeps no text.
fn typed_elsewhere(conn: &Connection, group_id: &str, name: &str) -> Result<Vec<Problem>> {
    let mut out = Vec::new();
    for typed in TYPED {
        let text = typed.columns.iter().map(|c| format!("COALESCE(t.{c}, '')")).collect::<Vec<_>>().join(" || ' ' || ");
        // Every part of this is one of our own literals, never user input.
        let mut stmt = conn.prepare(&format!(
            "SELECT {}, {text} FROM {} t WHERE {} AND t.deleted_at IS NULL ORDER BY 1",
            typed.which, typed.table, typed.of_group
        ))?;
        let rows = stmt.query_map([group_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        for row in rows {
            let (what, text) = row?;
            if names_in(&text, name) {
                out.push((typed.describe)(&what));
            }
        }
    }
    out.dedup();
    Ok(out)
}

/// Erases every trace of the person but their empty row: check-ins, shares and passes unnamed,
/// celebrations deleted, their id out of every seating, round and format.
fn erase(tx: &Tx, person_id: &str) -> Result<ForgetCounts> {
    let m = mentions(tx, person_id)?;
    let mut counts = forget_counts(tx, person_id, &m)?;
    let stamp = rusqlite::params![person_id, tx.stamp, tx.device];
    for table in ["check_ins", "shares", "passes"] {
        // `table` is one of our own literals, never user input.
        tx.execute(
            &format!("UPDATE {table} SET person_id = NULL, updated_at = ?2, updated_by = ?3 WHERE person_id = ?1"),
            stamp,
        )?;
    }
    // A tombstone, so an older copy cannot bring the celebration back; it says nothing of whose it was.
    counts.celebrations = u32::try_from(tx.execute(
        "UPDATE celebrations SET deleted_at = COALESCE(deleted_at, ?2), updated_at = ?2, updated_by = ?3
         WHERE person_id = ?1",
        stamp,
    )?)
    .unwrap_or(u32::MAX);
    // Whatever removed row still says anything (none should, but forgetting is the promise).
    tombstone::blank_all(tx)?;
    for (meeting_id, seats) in &m.seating {
        tx.execute(
            "UPDATE seating SET seats = ?2, updated_at = ?3, updated_by = ?4 WHERE meeting_id = ?1",
            rusqlite::params![meeting_id, seats, tx.stamp, tx.device],
        )?;
    }
    for (id, _, state) in &m.rounds {
        tx.execute(
            "UPDATE rounds SET state = ?2, updated_at = ?3, updated_by = ?4 WHERE id = ?1",
            rusqlite::params![id, state, tx.stamp, tx.device],
        )?;
    }
    for (table, rows) in [("meetings", &m.meeting_formats), ("groups", &m.group_formats)] {
        for (id, format) in rows {
            tx.execute(
                &format!("UPDATE {table} SET format = ?2, updated_at = ?3, updated_by = ?4 WHERE id = ?1"),
                rusqlite::params![id, format, tx.stamp, tx.device],
            )?;
        }
    }
    Ok(counts)
}

/// Makes the person's roster row an empty tombstone, if it is not one yet; whether it changed.
pub(crate) fn leave_tombstone(tx: &Tx, person_id: &str) -> Result<bool> {
    let changed = tx.execute(
        "UPDATE people SET display_name = '', last_initial = '', recovery_date = NULL, first_came = NULL,
                           deleted_at = COALESCE(deleted_at, ?2), updated_at = ?2, updated_by = ?3
         WHERE id = ?1 AND NOT (deleted_at IS NOT NULL AND display_name = '' AND last_initial = ''
                                AND recovery_date IS NULL AND first_came IS NULL)",
        rusqlite::params![person_id, tx.stamp, tx.device],
    )?;
    Ok(changed > 0)
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
        let report = self.write(|tx| {
            let (group_id, display_name, initial, _) = person_row(tx, person_id)?;
            if let Some(why) = refusal(tx, person_id, &names::shown(&display_name, &initial))? {
                return Err(Error::Conflict(why));
            }
            let typed_elsewhere = typed_elsewhere(tx, &group_id, &display_name)?;
            let counts = erase(tx, person_id)?;
            leave_tombstone(tx, person_id)?;
            tx.touched(Aggregate::Roster, &group_id);
            Ok(ForgetReport { person_id: person_id.to_string(), counts, typed_elsewhere })
        })?;
        // Their name must not stay in the file's free pages or in the WAL either.
        self.wipe_removed()?;
        Ok(report)
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

    /// Text columns forgetting empties, or takes the person's id out of.
    const ERASED: &[(&str, &str)] = &[
        ("people", "display_name"),
        ("people", "last_initial"),
        ("people", "recovery_date"),
        ("people", "first_came"),
        ("check_ins", "person_id"),
        ("shares", "person_id"),
        ("passes", "person_id"),
        ("celebrations", "person_id"),
        ("seating", "seats"),
        ("rounds", "state"),
        ("meetings", "format"),
        ("groups", "format"),
    ];

    /// Text columns that name no one: ids, stamps, dates, states, and what the app writes itself
    /// (a milestone's label from the group's points, the runner's times).
    const NAMES_NO_ONE: &[&str] = &[
        "id",
        "group_id",
        "meeting_id",
        "round_id",
        "bundle_id",
        "updated_by",
        "date",
        "due_date",
        "term_ends",
        "start_time",
        "time_zone",
        "status",
        "mode",
        "direction",
        "label",
        "point",
        "milestone_points",
        "run",
        // A slip's serial characters and hours, which core writes itself.
        "tag",
        "starts",
        "ends",
    ];

    #[test]
    fn forgetting_looks_at_every_text_column_of_every_table() {
        let conn = crate::store::db::open_in_memory().unwrap();
        let columns = crate::store::db::schema_columns(&conn, "p.type = 'TEXT'");
        assert!(columns.len() > 60, "the schema was read");
        for (table, column) in &columns {
            let typed = TYPED.iter().any(|t| t.table == table && t.columns.contains(&column.as_str()));
            let erased = ERASED.contains(&(table.as_str(), column.as_str()));
            assert!(
                typed || erased || NAMES_NO_ONE.contains(&column.as_str()),
                "{table}.{column} may hold a name: forgetting must look there (TYPED) or erase it"
            );
        }
        // And every place looked at is real, with a query that runs.
        for t in TYPED {
            for c in t.columns {
                assert!(columns.contains(&(t.table.to_string(), c.to_string())), "{}.{c}", t.table);
            }
        }
        assert_eq!(typed_elsewhere(&conn, "no group", "Wilhelmina").unwrap(), Vec::<Problem>::new());
    }

    #[test]
    fn a_name_is_found_as_a_whole_word_only() {
        assert!(names_in("Chaired by marguerite, thanks", "Marguerite"));
        assert!(names_in("Mary Ann K.", "mary ann"));
        assert!(!names_in("Samantha", "Sam"));
        assert!(!names_in("anything", ""));
        // A note typed on a keyboard that composes accents differently still names her.
        assert!(names_in("Thanks Zoe\u{308}!", "Zoë"));
    }
}
