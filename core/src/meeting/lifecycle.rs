//! A meeting's life as the chair runs it: opened for today (once, unless a second is asked for),
//! its chair and how attendance is kept, reopened to correct a mistake, and the group's history.
//! Closing is in `live::meeting`: it also ends the meeting's share.

use super::attendance::{counts, group_counts};
use super::record::{self, MeetingMode, MeetingStatus, OpenMeetingInput};
use super::view::{view, MeetingSummary, MeetingView};
use crate::error::{problem, Error, Result};
use crate::group;
use crate::names;
use crate::store::Store;

impl Store {
    /// Opens the group's meeting for today: the one already there, or a new one.
    /// A second meeting on the same date is made only when `another_today` asks for it.
    pub fn open_meeting(&mut self, input: &OpenMeetingInput) -> Result<MeetingView> {
        let chair = names::display_name(&input.chair, "chair's name")?;
        self.write(|tx| {
            let group = group::get(tx, &input.group_id)?;
            let date = record::today(&group, tx.now).format("%Y-%m-%d").to_string();
            let seq = match (record::latest_on(tx, &group.id, &date)?, input.another_today) {
                (Some(existing), false) => return view(tx, &existing.id),
                (Some(existing), true) => existing.seq + 1,
                (None, _) => 1,
            };
            let id = record::insert(tx, &group.id, &date, seq, &chair, input.mode)?;
            view(tx, &id)
        })
    }

    /// Reopens a closed meeting, explicitly, so a mistake in its record can be corrected.
    pub fn reopen_meeting(&mut self, id: &str) -> Result<MeetingView> {
        self.write(|tx| {
            if record::get(tx, id)?.status == MeetingStatus::Open {
                return Err(Error::Conflict(problem!("meeting_already_open", "This meeting is already open.")));
            }
            record::set_status(tx, id, MeetingStatus::Open)?;
            view(tx, id)
        })
    }

    pub fn set_chair(&mut self, id: &str, chair: &str) -> Result<MeetingView> {
        let chair = names::display_name(chair, "chair's name")?;
        self.write(|tx| {
            record::get_open(tx, id)?;
            record::set_chair(tx, id, &chair)?;
            view(tx, id)
        })
    }

    /// Switches between names and counts, only while nothing has been recorded, so no
    /// name is ever silently dropped and no count silently invented.
    pub fn set_meeting_mode(&mut self, id: &str, mode: MeetingMode) -> Result<MeetingView> {
        self.write(|tx| {
            let m = record::get_open(tx, id)?;
            if m.mode == mode {
                return view(tx, id);
            }
            if counts(tx, &m)?.headcount > 0 {
                return Err(Error::Conflict(problem!(
                    "attendance_has_already_been_taken",
                    "Attendance has already been taken; undo it first to change how it is kept."
                )));
            }
            record::set_mode(tx, id, mode)?;
            view(tx, id)
        })
    }

    pub fn meeting_view(&self, id: &str) -> Result<MeetingView> {
        view(self.conn(), id)
    }

    /// The group's meetings, newest first, with their counts.
    pub fn meetings(&self, group_id: &str) -> Result<Vec<MeetingSummary>> {
        group::get(self.conn(), group_id)?;
        let mut counts = group_counts(self.conn(), group_id)?;
        Ok(record::list(self.conn(), group_id)?
            .into_iter()
            .map(|meeting| MeetingSummary { counts: counts.remove(&meeting.id).unwrap_or_default(), meeting })
            .collect())
    }
}
