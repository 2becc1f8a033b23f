//! Taking attendance as the chair does it: checking people in and out, walk-ins, and the counts
//! of a counts-only meeting. Each is one transaction that also reaches the round: someone who
//! arrives joins it, someone who leaves is not called, and a speaker who leaves has their share
//! stopped.

use crate::error::{problem, Error, Result};
use crate::group::roster::{self, PersonInput};
use crate::meeting::attendance::{
    active_check_in, attendees, insert_check_in, is_checked_in, kept_counts, named_meeting, set_check_in, set_count,
    CountKind,
};
use crate::meeting::view::{view, MeetingView};
use crate::meeting::{self, MeetingMode};
use crate::speaking::round::{arrived, departed};
use crate::store::{tombstone, Store, Tx};

/// Someone just checked in: if a round is running, they join it (a newcomer as a newcomer).
fn joined(tx: &Tx, meeting_id: &str, person_id: &str) -> Result<()> {
    arrived(tx, meeting_id, person_id, || {
        Ok(attendees(tx, meeting_id)?.iter().any(|a| a.person_id.as_deref() == Some(person_id) && a.newcomer))
    })
}

/// Someone left (or their check-in was taken back): if a round is running, they wait no more.
fn gone(tx: &Tx, meeting_id: &str, check_in_id: &str) -> Result<()> {
    let person: Option<String> =
        tx.query_row("SELECT person_id FROM check_ins WHERE id = ?1", [check_in_id], |r| r.get(0))?;
    match person {
        Some(p) => departed(tx, meeting_id, &p),
        None => Ok(()),
    }
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
            if is_checked_in(tx, meeting_id, person_id)? {
                return Err(Error::Conflict(problem!(
                    "already_checked_in",
                    "{name} is already checked in.",
                    name = &person.display_name
                )));
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
            set_check_in(tx, &m.id, check_in_id, "deleted_at", Some(tx.now))?;
            gone(tx, &m.id, check_in_id)?;
            // Only now: leaving the round needed to know whose it was.
            tombstone::blank(tx, "check_ins", check_in_id)?;
            view(tx, &m.id)
        })
    }

    pub fn mark_left(&mut self, check_in_id: &str) -> Result<MeetingView> {
        self.write(|tx| {
            let (left_at, m) = active_check_in(tx, check_in_id)?;
            if left_at.is_some() {
                return Err(Error::Conflict(problem!(
                    "they_already_marked_having_left",
                    "They are already marked as having left."
                )));
            }
            set_check_in(tx, &m.id, check_in_id, "left_at", Some(tx.now))?;
            gone(tx, &m.id, check_in_id)?;
            view(tx, &m.id)
        })
    }

    /// Someone marked as left came back (or was marked by mistake).
    pub fn mark_back(&mut self, check_in_id: &str) -> Result<MeetingView> {
        self.write(|tx| {
            let (left_at, m) = active_check_in(tx, check_in_id)?;
            if left_at.is_none() {
                return Err(Error::Conflict(problem!("they_still_here", "They are still here.")));
            }
            set_check_in(tx, &m.id, check_in_id, "left_at", None)?;
            view(tx, &m.id)
        })
    }

    /// Adds to or takes from one count of a headcount-only meeting; counts never go below zero.
    pub fn adjust_count(&mut self, meeting_id: &str, kind: CountKind, delta: i32) -> Result<MeetingView> {
        self.write(|tx| {
            let m = meeting::get_open(tx, meeting_id)?;
            if m.mode != MeetingMode::Headcount {
                return Err(Error::Conflict(problem!(
                    "meeting_takes_attendance_name_switch",
                    "This meeting takes attendance by name; switch it to counts only first."
                )));
            }
            if !(-100..=100).contains(&delta) || delta == 0 {
                return Err(Error::invalid(problem!(
                    "change_count_1_100_time",
                    "Change a count by 1 to 100 at a time."
                )));
            }
            let current = kept_counts(tx, meeting_id)?;
            let value = match kind {
                CountKind::Members => current.returning,
                CountKind::Newcomers => current.newcomers,
                CountKind::Visitors => current.visitors,
            };
            let next = i64::from(value) + i64::from(delta);
            if next < 0 {
                return Err(Error::invalid(problem!("count_go_below_zero", "A count cannot go below zero.")));
            }
            set_count(tx, meeting_id, kind, next)?;
            view(tx, meeting_id)
        })
    }
}
