//! Attendance as the store keeps it: check-ins (by name, or an anonymous walk-in) or, in a
//! counts-only meeting, the numbers. Newcomer and returning are computed from earlier check-ins,
//! never typed. Checking in and out, which also reach the round, are in `live::attendance`.

use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::record::{self, Meeting, MeetingMode};
use crate::error::{problem, Error, Result};
use crate::store::{Aggregate, Tx};

/// A person (or an anonymous walk-in) present at a meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Attendee {
    pub check_in_id: String,
    /// `None` for an anonymous walk-in.
    pub person_id: Option<String>,
    pub display_name: Option<String>,
    pub last_initial: String,
    pub arrived_at: i64,
    pub left_at: Option<i64>,
    /// First meeting of this person in this group.
    pub newcomer: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Counts {
    /// Everyone who came, including those who left early.
    pub headcount: u32,
    pub newcomers: u32,
    /// Members who had been to this group before.
    pub returning: u32,
    /// Anonymous walk-ins (named meetings) or visitors (headcount-only meetings).
    pub visitors: u32,
}

/// Which number of a headcount-only meeting to change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum CountKind {
    Members,
    Newcomers,
    Visitors,
}

pub(crate) fn attendees(conn: &Connection, meeting_id: &str) -> Result<Vec<Attendee>> {
    // CROSS JOIN keeps SQLite on the person's own check-ins first (a few), rather than on every
    // earlier meeting of the group (hundreds after some years) looking for a check-in of theirs.
    // Their first meeting, once retention has taken the check-ins that showed it, is a fact of its own.
    let mut stmt = conn.prepare(
        "SELECT c.id, c.person_id, p.display_name, COALESCE(p.last_initial, ''), c.arrived_at, c.left_at,
                c.person_id IS NOT NULL AND (p.first_came IS NULL OR p.first_came >= m.date) AND NOT EXISTS (
                    SELECT 1 FROM check_ins c2 CROSS JOIN meetings m2 ON m2.id = c2.meeting_id
                    WHERE c2.person_id = c.person_id AND c2.deleted_at IS NULL AND m2.deleted_at IS NULL
                      AND m2.group_id = m.group_id
                      AND (m2.date < m.date OR (m2.date = m.date AND m2.seq < m.seq)))
         FROM check_ins c
         JOIN meetings m ON m.id = c.meeting_id
         LEFT JOIN people p ON p.id = c.person_id
         WHERE c.meeting_id = ?1 AND c.deleted_at IS NULL
         ORDER BY c.arrived_at, c.id",
    )?;
    let rows = stmt
        .query_map([meeting_id], |r| {
            Ok(Attendee {
                check_in_id: r.get(0)?,
                person_id: r.get(1)?,
                display_name: r.get(2)?,
                last_initial: r.get(3)?,
                arrived_at: r.get(4)?,
                left_at: r.get(5)?,
                newcomer: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Whether the person has a check-in at the meeting that was not taken back (they may have left since).
pub(crate) fn is_checked_in(conn: &Connection, meeting_id: &str, person_id: &str) -> Result<bool> {
    let mut stmt = conn.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM check_ins WHERE meeting_id = ?1 AND person_id = ?2 AND deleted_at IS NULL)",
    )?;
    Ok(stmt.query_row([meeting_id, person_id], |r| r.get(0))?)
}

/// Who is at the meeting, as its view lists them (nobody by name at a counts-only meeting), without
/// the roster the attendance screen shows beside them.
pub(crate) fn here(conn: &Connection, m: &Meeting) -> Result<Vec<Attendee>> {
    match m.mode {
        MeetingMode::Named => attendees(conn, &m.id),
        MeetingMode::Headcount => Ok(vec![]),
    }
}

impl Counts {
    /// Counts one more person here: an anonymous walk-in (no name), a newcomer, or a returning member.
    fn add(&mut self, named: bool, newcomer: bool) {
        self.headcount += 1;
        match (named, newcomer) {
            (false, _) => self.visitors += 1,
            (true, true) => self.newcomers += 1,
            (true, false) => self.returning += 1,
        }
    }
}

pub(crate) fn tally(attendees: &[Attendee]) -> Counts {
    let mut c = Counts::default();
    for a in attendees {
        c.add(a.person_id.is_some(), a.newcomer);
    }
    c
}

pub(crate) fn kept_counts(conn: &Connection, meeting_id: &str) -> Result<Counts> {
    let row: Option<(u32, u32, u32)> = conn
        .query_row("SELECT members, newcomers, visitors FROM meeting_counts WHERE meeting_id = ?1", [meeting_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    let (members, newcomers, visitors) = row.unwrap_or_default();
    Ok(kept(members, newcomers, visitors))
}

/// A counts-only meeting's numbers, as counts.
fn kept(members: u32, newcomers: u32, visitors: u32) -> Counts {
    // Saturating: the numbers are the chair's own, but a sum must never abort the meeting's screen.
    Counts {
        headcount: members.saturating_add(newcomers).saturating_add(visitors),
        newcomers,
        returning: members,
        visitors,
    }
}

pub(crate) fn counts(conn: &Connection, m: &Meeting) -> Result<Counts> {
    match m.mode {
        MeetingMode::Named => Ok(tally(&attendees(conn, &m.id)?)),
        MeetingMode::Headcount => kept_counts(conn, &m.id),
    }
}

/// When each person of the group whose early check-ins retention took first came ("YYYY-MM-DD").
pub(crate) fn first_came(conn: &Connection, group_id: &str) -> Result<HashMap<String, String>> {
    let mut stmt =
        conn.prepare_cached("SELECT id, first_came FROM people WHERE group_id = ?1 AND first_came IS NOT NULL")?;
    let rows = stmt.query_map([group_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Whether a person not seen at an earlier meeting that still names them is new at a meeting on
/// `date`: not if they first came before it, at a meeting retention has taken the names from.
pub(crate) fn new_on(first_came: &HashMap<String, String>, person: &str, date: &str) -> bool {
    first_came.get(person).is_none_or(|first| first.as_str() >= date)
}

/// The counts of every meeting of a group, by meeting id, in one pass over its check-ins in meeting
/// order (date, then seq): a person is a newcomer at the first meeting of the group with a check-in
/// of theirs, as [`attendees`] decides it one meeting at a time, without asking it of each person.
pub(crate) fn group_counts(conn: &Connection, group_id: &str) -> Result<HashMap<String, Counts>> {
    counts_and_visits(conn, group_id, |_, _| {})
}

/// [`group_counts`], telling `visit` on the way of every check-in that names someone (the meeting's
/// id, the person's), in meeting order: the trends need both, and the pass is the long part.
pub(crate) fn counts_and_visits(
    conn: &Connection,
    group_id: &str,
    mut visit: impl FnMut(&str, &str),
) -> Result<HashMap<String, Counts>> {
    let first_came = first_came(conn, group_id)?;
    let mut numbers = conn.prepare_cached(
        "SELECT k.meeting_id, k.members, k.newcomers, k.visitors
         FROM meeting_counts k JOIN meetings m ON m.id = k.meeting_id
         WHERE m.group_id = ?1 AND m.deleted_at IS NULL AND m.mode = 'headcount'",
    )?;
    let mut out: HashMap<String, Counts> = numbers
        .query_map([group_id], |r| Ok((r.get(0)?, kept(r.get(1)?, r.get(2)?, r.get(3)?))))?
        .collect::<rusqlite::Result<_>>()?;
    // Read from the index alone: `c.meeting_id` says whether the meeting has a check-in at all.
    let mut stmt = conn.prepare_cached(
        "SELECT m.id, m.mode = 'named', c.meeting_id IS NOT NULL, c.person_id, m.date
         FROM meetings m LEFT JOIN check_ins c ON c.meeting_id = m.id AND c.deleted_at IS NULL
         WHERE m.group_id = ?1 AND m.deleted_at IS NULL
         ORDER BY m.date, m.seq",
    )?;
    let mut rows = stmt.query([group_id])?;
    // People seen at earlier meetings, and those at the meeting being counted (seen once it is done).
    let mut seen: HashSet<String> = HashSet::new();
    let mut here: Vec<String> = Vec::new();
    // The meeting being counted, and its counts so far if it takes names (a counts-only meeting's
    // numbers are kept, but its check-ins, if any, still make people seen).
    let mut current: (String, Option<Counts>) = (String::new(), None);
    while let Some(r) = rows.next()? {
        let id = r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
        if id != current.0 {
            seen.extend(here.drain(..));
            let named: bool = r.get(1)?;
            let done = std::mem::replace(&mut current, (id.to_string(), named.then(Counts::default)));
            if let (done, Some(counts)) = done {
                out.insert(done, counts);
            }
        }
        if !r.get::<_, bool>(2)? {
            continue;
        }
        let person = r.get_ref(3)?.as_str_or_null().map_err(rusqlite::Error::from)?;
        if let Some(counts) = &mut current.1 {
            let date = r.get_ref(4)?.as_str().map_err(rusqlite::Error::from)?;
            counts.add(person.is_some(), person.is_some_and(|p| !seen.contains(p) && new_on(&first_came, p, date)));
        }
        if let Some(p) = person {
            visit(id, p);
        }
        // Only people not seen before need remembering, so most rows allocate nothing.
        here.extend(person.filter(|p| !seen.contains(*p)).map(str::to_string));
    }
    if let (done, Some(counts)) = current {
        out.insert(done, counts);
    }
    Ok(out)
}

/// The open, named meeting a check-in is about to change.
pub(crate) fn named_meeting(tx: &Tx, meeting_id: &str) -> Result<Meeting> {
    let m = record::get_open(tx, meeting_id)?;
    if m.mode == MeetingMode::Headcount {
        return Err(Error::Conflict(problem!(
            "meeting_keeps_counts_only_names",
            "This meeting keeps counts only, so no names are taken."
        )));
    }
    Ok(m)
}

pub(crate) fn insert_check_in(tx: &Tx, meeting_id: &str, person_id: Option<&str>) -> Result<()> {
    tx.execute(
        "INSERT INTO check_ins (id, meeting_id, person_id, arrived_at, created_at, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?6, ?6, ?5)",
        rusqlite::params![crate::new_id(), meeting_id, person_id, tx.now, tx.device, tx.stamp],
    )?;
    tx.touched(Aggregate::Attendance, meeting_id);
    Ok(())
}

/// The active check-in with this id, and the open meeting it belongs to.
pub(crate) fn active_check_in(tx: &Tx, check_in_id: &str) -> Result<(Option<i64>, Meeting)> {
    let (meeting_id, left_at): (String, Option<i64>) = tx
        .query_row(
            "SELECT meeting_id, left_at FROM check_ins WHERE id = ?1 AND deleted_at IS NULL",
            [check_in_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or(Error::NotFound { what: "check-in" })?;
    Ok((left_at, record::get_open(tx, &meeting_id)?))
}

pub(crate) fn set_check_in(
    tx: &Tx,
    meeting_id: &str,
    check_in_id: &str,
    column: &str,
    value: Option<i64>,
) -> Result<()> {
    // `column` is one of our own literals, never user input.
    tx.execute(
        &format!("UPDATE check_ins SET {column} = ?2, updated_at = ?3, updated_by = ?4 WHERE id = ?1"),
        rusqlite::params![check_in_id, value, tx.stamp, tx.device],
    )?;
    tx.touched(Aggregate::Attendance, meeting_id);
    Ok(())
}

/// Sets one number of a counts-only meeting.
pub(crate) fn set_count(tx: &Tx, meeting_id: &str, kind: CountKind, value: i64) -> Result<()> {
    let column = match kind {
        CountKind::Members => "members",
        CountKind::Newcomers => "newcomers",
        CountKind::Visitors => "visitors",
    };
    // `column` is one of the literals above, never user input.
    tx.execute(
        &format!(
            "INSERT INTO meeting_counts (meeting_id, {column}, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (meeting_id) DO UPDATE SET {column} = ?2, updated_at = ?3, updated_by = ?4"
        ),
        rusqlite::params![meeting_id, value, tx.stamp, tx.device],
    )?;
    tx.touched(Aggregate::Attendance, meeting_id);
    Ok(())
}
