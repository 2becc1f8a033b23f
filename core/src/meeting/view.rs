//! The attendance screen's snapshot of a meeting: the group, the meeting, who is here, the counts
//! and the roster with who is checked in.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::attendance::{attendees, kept_counts, tally, Attendee, Counts};
use super::record::{self, Meeting, MeetingMode};
use crate::error::Result;
use crate::group::roster::{self, Person};
use crate::group::{self, Group};

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
    /// Attendance slips issued at this meeting (see `slips`): how many, never to whom.
    pub slips_issued: u32,
}

/// One line of a group's meeting history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MeetingSummary {
    pub meeting: Meeting,
    pub counts: Counts,
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

pub(crate) fn view(conn: &Connection, meeting_id: &str) -> Result<MeetingView> {
    let meeting = record::get(conn, meeting_id)?;
    let group = group::get(conn, &meeting.group_id)?;
    let slips_issued =
        conn.query_row("SELECT count(*) FROM slips WHERE meeting_id = ?1", [meeting_id], |r| r.get(0))?;
    if meeting.mode == MeetingMode::Headcount {
        let counts = kept_counts(conn, meeting_id)?;
        return Ok(MeetingView { group, meeting, attendees: vec![], counts, roster: vec![], slips_issued });
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
    Ok(MeetingView { counts: tally(&attendees), group, meeting, attendees, roster, slips_issued })
}
