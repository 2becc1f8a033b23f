//! Attendance: who is here (by name, or as an anonymous walk-in), or only how many
//! in a headcount-only meeting. Newcomer and returning are computed from earlier
//! check-ins, never typed.

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::group::{self, Group};
use crate::meeting::{self, Meeting, MeetingMode};
use crate::roster::{self, Person, PersonInput};
use crate::store::{Store, Tx};

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

/// A roster entry as the check-in list shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RosterEntry {
    pub person: Person,
    /// The active check-in at this meeting, if the person is checked in.
    pub check_in_id: Option<String>,
}

/// Everything the attendance screen draws, as one snapshot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MeetingView {
    pub group: Group,
    pub meeting: Meeting,
    /// In order of arrival.
    pub attendees: Vec<Attendee>,
    pub counts: Counts,
    /// The group's roster; empty for a headcount-only meeting, which shows no names.
    pub roster: Vec<RosterEntry>,
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

fn attendees(conn: &Connection, meeting_id: &str) -> Result<Vec<Attendee>> {
    let mut stmt = conn.prepare(
        "SELECT c.id, c.person_id, p.display_name, COALESCE(p.last_initial, ''), c.arrived_at, c.left_at,
                c.person_id IS NOT NULL AND NOT EXISTS (
                    SELECT 1 FROM check_ins c2 JOIN meetings m2 ON m2.id = c2.meeting_id
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

fn tally(attendees: &[Attendee]) -> Counts {
    let mut c = Counts::default();
    for a in attendees {
        c.headcount += 1;
        match (&a.person_id, a.newcomer) {
            (None, _) => c.visitors += 1,
            (Some(_), true) => c.newcomers += 1,
            (Some(_), false) => c.returning += 1,
        }
    }
    c
}

fn kept_counts(conn: &Connection, meeting_id: &str) -> Result<Counts> {
    let row: Option<(u32, u32, u32)> = conn
        .query_row("SELECT members, newcomers, visitors FROM meeting_counts WHERE meeting_id = ?1", [meeting_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    let (members, newcomers, visitors) = row.unwrap_or_default();
    Ok(Counts { headcount: members + newcomers + visitors, newcomers, returning: members, visitors })
}

pub(crate) fn counts(conn: &Connection, m: &Meeting) -> Result<Counts> {
    match m.mode {
        MeetingMode::Named => Ok(tally(&attendees(conn, &m.id)?)),
        MeetingMode::Headcount => kept_counts(conn, &m.id),
    }
}

pub(crate) fn view(conn: &Connection, meeting_id: &str) -> Result<MeetingView> {
    let meeting = meeting::get(conn, meeting_id)?;
    let group = group::get(conn, &meeting.group_id)?;
    if meeting.mode == MeetingMode::Headcount {
        let counts = kept_counts(conn, meeting_id)?;
        return Ok(MeetingView { group, meeting, attendees: vec![], counts, roster: vec![] });
    }
    let attendees = attendees(conn, meeting_id)?;
    let roster = roster::list(conn, &group.id)?
        .into_iter()
        .map(|person| {
            let check_in_id = attendees
                .iter()
                .find(|a| a.person_id.as_deref() == Some(person.id.as_str()))
                .map(|a| a.check_in_id.clone());
            RosterEntry { person, check_in_id }
        })
        .collect();
    Ok(MeetingView { counts: tally(&attendees), group, meeting, attendees, roster })
}

/// The open, named meeting a check-in is about to change.
fn named_meeting(tx: &Tx, meeting_id: &str) -> Result<Meeting> {
    let m = meeting::get_open(tx, meeting_id)?;
    if m.mode == MeetingMode::Headcount {
        return Err(Error::Conflict("This meeting keeps counts only, so no names are taken.".into()));
    }
    Ok(m)
}

fn insert_check_in(tx: &Tx, meeting_id: &str, person_id: Option<&str>) -> Result<()> {
    tx.execute(
        "INSERT INTO check_ins (id, meeting_id, person_id, arrived_at, created_at, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?4, ?4, ?5)",
        rusqlite::params![crate::new_id(), meeting_id, person_id, tx.now, tx.device],
    )?;
    Ok(())
}

/// Someone just checked in: if a round is running, they join it.
fn joined(tx: &Tx, meeting_id: &str, person_id: &str) -> Result<()> {
    let newcomer = attendees(tx, meeting_id)?.iter().any(|a| a.person_id.as_deref() == Some(person_id) && a.newcomer);
    crate::sharing::arrived(tx, meeting_id, person_id, newcomer)
}

/// Someone left (or their check-in was taken back): if a round is running, they wait no more.
fn gone(tx: &Tx, meeting_id: &str, check_in_id: &str) -> Result<()> {
    let person: Option<String> =
        tx.query_row("SELECT person_id FROM check_ins WHERE id = ?1", [check_in_id], |r| r.get(0))?;
    match person {
        Some(p) => crate::sharing::departed(tx, meeting_id, &p),
        None => Ok(()),
    }
}

/// The active check-in with this id, and the open meeting it belongs to.
fn active_check_in(tx: &Tx, check_in_id: &str) -> Result<(Option<i64>, Meeting)> {
    let (meeting_id, left_at): (String, Option<i64>) = tx
        .query_row(
            "SELECT meeting_id, left_at FROM check_ins WHERE id = ?1 AND deleted_at IS NULL",
            [check_in_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or(Error::NotFound { what: "check-in" })?;
    Ok((left_at, meeting::get_open(tx, &meeting_id)?))
}

fn set_check_in(tx: &Tx, check_in_id: &str, column: &str, value: Option<i64>) -> Result<()> {
    // `column` is one of our own literals, never user input.
    tx.execute(
        &format!("UPDATE check_ins SET {column} = ?2, updated_at = ?3, updated_by = ?4 WHERE id = ?1"),
        rusqlite::params![check_in_id, value, tx.now, tx.device],
    )?;
    Ok(())
}

impl Store {
    /// Checks a person from the roster in.
    pub fn check_in(&mut self, meeting_id: &str, person_id: &str) -> Result<MeetingView> {
        self.write(|tx| {
            let m = named_meeting(tx, meeting_id)?;
            let person = roster::get(tx, person_id)?;
            if person.group_id != m.group_id {
                return Err(Error::NotFound { what: "person in this group" });
            }
            if attendees(tx, meeting_id)?.iter().any(|a| a.person_id.as_deref() == Some(person_id)) {
                return Err(Error::Conflict(format!("{} is already checked in.", person.display_name)));
            }
            insert_check_in(tx, meeting_id, Some(person_id))?;
            joined(tx, meeting_id, person_id)?;
            view(tx, meeting_id)
        })
    }

    /// A walk-in: with a name, they join the roster and are checked in; without one,
    /// they count in the headcount and nothing names them.
    pub fn add_walk_in(&mut self, meeting_id: &str, input: &PersonInput) -> Result<MeetingView> {
        self.write(|tx| {
            let m = named_meeting(tx, meeting_id)?;
            if input.display_name.trim().is_empty() && input.last_initial.trim().is_empty() {
                insert_check_in(tx, meeting_id, None)?;
            } else {
                let person = roster::add(tx, &m.group_id, input)?;
                insert_check_in(tx, meeting_id, Some(&person.id))?;
                joined(tx, meeting_id, &person.id)?;
            }
            view(tx, meeting_id)
        })
    }

    /// Takes a check-in back, as if it never happened (it stays as a tombstone for merging).
    pub fn undo_check_in(&mut self, check_in_id: &str) -> Result<MeetingView> {
        self.write(|tx| {
            let (_, m) = active_check_in(tx, check_in_id)?;
            set_check_in(tx, check_in_id, "deleted_at", Some(tx.now))?;
            gone(tx, &m.id, check_in_id)?;
            view(tx, &m.id)
        })
    }

    pub fn mark_left(&mut self, check_in_id: &str) -> Result<MeetingView> {
        self.write(|tx| {
            let (left_at, m) = active_check_in(tx, check_in_id)?;
            if left_at.is_some() {
                return Err(Error::Conflict("They are already marked as having left.".into()));
            }
            set_check_in(tx, check_in_id, "left_at", Some(tx.now))?;
            gone(tx, &m.id, check_in_id)?;
            view(tx, &m.id)
        })
    }

    /// Someone marked as left came back (or was marked by mistake).
    pub fn mark_back(&mut self, check_in_id: &str) -> Result<MeetingView> {
        self.write(|tx| {
            let (left_at, m) = active_check_in(tx, check_in_id)?;
            if left_at.is_none() {
                return Err(Error::Conflict("They are still here.".into()));
            }
            set_check_in(tx, check_in_id, "left_at", None)?;
            view(tx, &m.id)
        })
    }

    /// Adds to or takes from one count of a headcount-only meeting; counts never go below zero.
    pub fn adjust_count(&mut self, meeting_id: &str, kind: CountKind, delta: i32) -> Result<MeetingView> {
        self.write(|tx| {
            let m = meeting::get_open(tx, meeting_id)?;
            if m.mode != MeetingMode::Headcount {
                return Err(Error::Conflict(
                    "This meeting takes attendance by name; switch it to counts only first.".into(),
                ));
            }
            if !(-100..=100).contains(&delta) || delta == 0 {
                return Err(Error::invalid("Change a count by 1 to 100 at a time."));
            }
            let current = kept_counts(tx, meeting_id)?;
            let (column, value) = match kind {
                CountKind::Members => ("members", current.returning),
                CountKind::Newcomers => ("newcomers", current.newcomers),
                CountKind::Visitors => ("visitors", current.visitors),
            };
            let next = i64::from(value) + i64::from(delta);
            if next < 0 {
                return Err(Error::invalid("A count cannot go below zero."));
            }
            tx.execute(
                &format!(
                    "INSERT INTO meeting_counts (meeting_id, {column}, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (meeting_id) DO UPDATE SET {column} = ?2, updated_at = ?3, updated_by = ?4"
                ),
                rusqlite::params![meeting_id, next, tx.now, tx.device],
            )?;
            view(tx, meeting_id)
        })
    }
}
