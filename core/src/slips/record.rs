//! Slips as the store keeps them: issued at a meeting (open, or closed within the hour, as people
//! ask on their way out), counted, looked up by serial from the group page, and the group's switch.

use chrono::{Datelike, NaiveDate, NaiveTime, TimeDelta};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::serial::{self, Serial};
use crate::error::{problem, Error, Result};
use crate::group::{self, Group};
use crate::meeting::{self, MeetingStatus};
use crate::store::{Aggregate, Store};

/// How long after a meeting closes its chair may still issue a slip.
const JUST_CLOSED_MS: i64 = 60 * 60 * 1000;

/// A slip as printed and as a lookup finds it. No one's name: the person writes their own by hand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Slip {
    pub serial: String,
    pub group_name: String,
    /// The meeting's date where the group meets, "YYYY-MM-DD".
    pub date: String,
    /// The meeting's hours as printed, "19:30" and "21:00".
    pub starts: String,
    pub ends: String,
}

/// What a lookup by serial found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SlipLookup {
    /// The serial as read ("2026-0143-K7"; "2026-0143" when typed without its two characters).
    pub serial: String,
    /// Every slip of the group with that serial: none, one, or each one two laptops both issued.
    pub found: Vec<Slip>,
}

/// The meeting's hours: the group's start time and its end, `length_min` later.
fn hours(g: &Group) -> (String, String) {
    let start = NaiveTime::parse_from_str(&g.start_time, "%H:%M").unwrap_or_default();
    let end = start + TimeDelta::minutes(i64::from(g.length_min));
    (start.format("%H:%M").to_string(), end.format("%H:%M").to_string())
}

impl Store {
    /// Issues a slip at the meeting and returns it to print: the next number of the group's year.
    pub fn issue_slip(&mut self, meeting_id: &str) -> Result<Slip> {
        self.write(|tx| {
            let m = meeting::get(tx, meeting_id)?;
            let g = group::get(tx, &m.group_id)?;
            if !g.slips {
                return Err(Error::Conflict(problem!(
                    "group_has_turned_attendance_slips",
                    "This group has turned attendance slips off. They can be turned on again on the group page."
                )));
            }
            if m.status == MeetingStatus::Closed && m.closed_at.is_some_and(|at| tx.now - at > JUST_CLOSED_MS) {
                return Err(Error::Conflict(problem!(
                    "slips_closed_too_long",
                    "Slips are issued at the meeting, and this one closed more than an hour ago. \
                     Reopen it if a slip was forgotten."
                )));
            }
            let year = NaiveDate::parse_from_str(&m.date, "%Y-%m-%d").map(|d| d.year()).unwrap_or_default();
            let number: u32 = tx.query_row(
                "SELECT COALESCE(MAX(s.number), 0) + 1 FROM slips s JOIN meetings m ON m.id = s.meeting_id
                 WHERE m.group_id = ?1 AND s.year = ?2",
                (&g.id, year),
                |r| r.get(0),
            )?;
            let id = crate::new_id();
            let serial = Serial { year, number, tag: serial::tag_of(&id) };
            let (starts, ends) = hours(&g);
            tx.execute(
                "INSERT INTO slips (id, meeting_id, year, number, tag, starts, ends, created_at, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9)",
                (&id, meeting_id, year, number, &serial.tag, &starts, &ends, tx.stamp, tx.device),
            )?;
            tx.touched(Aggregate::Attendance, meeting_id);
            Ok(Slip { serial: serial.to_string(), group_name: g.name, date: m.date, starts, ends })
        })
    }

    /// Every slip of the group with the serial typed (see [`serial::parse`] for what is accepted).
    pub fn verify_slip(&self, group_id: &str, typed: &str) -> Result<SlipLookup> {
        let wanted = serial::parse(typed)?;
        let g = group::get(self.conn(), group_id)?;
        let mut stmt = self.conn().prepare(
            "SELECT s.year, s.number, s.tag, m.date, s.starts, s.ends FROM slips s
               JOIN meetings m ON m.id = s.meeting_id
             WHERE m.group_id = ?1 AND s.year = ?2 AND s.number = ?3 AND (?4 IS NULL OR s.tag = ?4)
             ORDER BY m.date, s.created_at",
        )?;
        let found = stmt
            .query_map((group_id, wanted.year, wanted.number, &wanted.tag), |r| {
                let serial = Serial { year: r.get(0)?, number: r.get(1)?, tag: r.get(2)? };
                Ok(Slip {
                    serial: serial.to_string(),
                    group_name: g.name.clone(),
                    date: r.get(3)?,
                    starts: r.get(4)?,
                    ends: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(SlipLookup { serial: wanted.to_string(), found })
    }

    /// Turns the group's attendance slips on or off; the slips already issued stay verifiable.
    pub fn set_slips(&mut self, group_id: &str, on: bool) -> Result<Group> {
        self.write(|tx| {
            group::save_settings(tx, group_id, "slips_off = ?2", &[&!on])?;
            group::get(tx, group_id)
        })
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::{FakeClock, GroupInput, MeetingMode, OpenMeetingInput};

    fn meeting(store: &mut Store) -> (Group, String) {
        let g = store.create_group(&GroupInput::tuesday_night_hope()).unwrap();
        let input = OpenMeetingInput {
            group_id: g.id.clone(),
            chair: "Robin".into(),
            mode: MeetingMode::Named,
            another_today: false,
        };
        let m = store.open_meeting(&input).unwrap();
        (g, m.meeting.id)
    }

    #[test]
    fn slips_are_numbered_through_the_year_and_print_the_meetings_hours() {
        // Tuesday 17 November 2026, 19:40 UTC.
        let clock = Arc::new(FakeClock::at(1_794_945_600_000));
        let mut store = Store::open_in_memory(clock).unwrap();
        let (g, m) = meeting(&mut store);
        let first = store.issue_slip(&m).unwrap();
        let second = store.issue_slip(&m).unwrap();
        assert!(first.serial.starts_with("2026-0001-"), "{}", first.serial);
        assert!(second.serial.starts_with("2026-0002-"), "{}", second.serial);
        assert_eq!((first.starts.as_str(), first.ends.as_str()), ("19:30", "20:30"));
        assert_eq!(first.group_name, "Tuesday Night Hope");
        assert_eq!(store.meeting_view(&m).unwrap().slips_issued, 2);
        let found = store.verify_slip(&g.id, &second.serial).unwrap();
        assert_eq!(found.found, vec![second]);
    }
}
