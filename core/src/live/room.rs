//! The room display: what the projector shows, and nothing more. Built here so the window
//! that faces the room never receives a roster, a note, or anything it does not show.

use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::store::Store;
use crate::timer::{Timer, TimerPhase};

/// What a group lets the room display show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RoomSettings {
    /// Show the speaker's first name (or alias).
    pub show_name: bool,
    /// Keep counting past zero where the room can see it.
    pub show_overtime: bool,
}

/// One frame of the room display.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RoomView {
    /// False between shares: the display rests.
    pub running: bool,
    pub speaker: Option<String>,
    /// Never negative when overtime is hidden from the room.
    pub remaining_ms: i64,
    pub phase: TimerPhase,
    pub paused: bool,
    pub show_overtime: bool,
    /// Who speaks next in the round, when there is a round and names may be shown.
    pub next_speaker: Option<String>,
    /// The meeting's current segment, when its format is running.
    pub segment: Option<String>,
    /// Time left in that segment (negative when it runs over).
    pub segment_left_ms: Option<i64>,
    /// Before the meeting: time until it starts ("Meeting starts in 4:12").
    pub starts_in_ms: Option<i64>,
    /// The instant this frame was computed for.
    pub at_ms: i64,
}

/// What both windows draw of the running share at one instant.
#[derive(Debug, Clone, PartialEq)]
pub struct Frames {
    /// The running share's clock for the chair's window; none while the app is locked.
    pub timer: Option<Timer>,
    pub room: RoomView,
}

impl RoomView {
    /// The frame a locked app may show the room: the time, and nobody's name or the format.
    fn without_names(self) -> RoomView {
        RoomView { speaker: None, next_speaker: None, segment: None, ..self }
    }
}

impl Store {
    /// The room display's frame for now, for the meeting on the chair's screen: its running share
    /// if there is one, else rest.
    pub fn room_view(&self, meeting_id: &str) -> Result<RoomView> {
        Ok(self.frames(false, Some(meeting_id))?.room)
    }

    /// The running share's timer (for the chair's window) and the room's frame, reading the
    /// running share once: the shell asks for both several times a second. Only the meeting on the
    /// chair's screen (`on_screen`) reaches the room: a share or format of any other meeting,
    /// say one that came in a bundle, never does, and with no meeting on screen the room rests.
    /// A locked app still times the share for the room, and shows nobody's name anywhere.
    pub fn frames(&self, locked: bool, on_screen: Option<&str>) -> Result<Frames> {
        let frames = self.frames_unlocked(on_screen)?;
        Ok(match locked {
            false => frames,
            true => Frames { timer: None, room: frames.room.without_names() },
        })
    }

    fn frames_unlocked(&self, on_screen: Option<&str>) -> Result<Frames> {
        let now = self.clock().now_ms();
        let rest = RoomView {
            running: false,
            speaker: None,
            remaining_ms: 0,
            phase: TimerPhase::Calm,
            paused: false,
            show_overtime: false,
            next_speaker: None,
            segment: None,
            segment_left_ms: None,
            starts_in_ms: None,
            at_ms: now,
        };
        let Some(meeting_id) = on_screen else { return Ok(Frames { timer: None, room: rest }) };
        let (segment, segment_left_ms, starts_in_ms) =
            match crate::format::runner::room_segment(self.conn(), meeting_id, now)? {
                Some((title, status)) if status.current.is_some() => (Some(title), status.segment_left_ms, None),
                Some((_, status)) if status.until_start_ms > 0 => (None, None, Some(status.until_start_ms)),
                _ => (None, None, None),
            };
        let timer = self.running_timer(meeting_id)?;
        let Some(t) = timer.clone() else {
            let rest = RoomView { segment, segment_left_ms, starts_in_ms, ..rest };
            return Ok(Frames { timer: None, room: rest });
        };
        let settings: RoomSettings = self.conn().query_row(
            "SELECT g.room_show_name, g.room_show_overtime FROM meetings m JOIN groups g ON g.id = m.group_id WHERE m.id = ?1",
            [&t.meeting_id],
            |r| Ok(RoomSettings { show_name: r.get(0)?, show_overtime: r.get(1)? }),
        )?;
        let next_speaker =
            if settings.show_name { crate::speaking::round::next_up(self.conn(), &t.meeting_id)? } else { None };
        let frame = RoomView {
            running: true,
            next_speaker,
            segment,
            segment_left_ms,
            starts_in_ms,
            speaker: if settings.show_name { t.speaker } else { None },
            remaining_ms: if settings.show_overtime { t.remaining_ms } else { t.remaining_ms.max(0) },
            phase: t.phase,
            paused: t.paused,
            show_overtime: settings.show_overtime,
            at_ms: t.at_ms,
        };
        Ok(Frames { timer, room: frame })
    }

    pub fn room_settings(&self, group_id: &str) -> Result<RoomSettings> {
        self.conn()
            .query_row(
                "SELECT room_show_name, room_show_overtime FROM groups WHERE id = ?1 AND deleted_at IS NULL",
                [group_id],
                |r| Ok(RoomSettings { show_name: r.get(0)?, show_overtime: r.get(1)? }),
            )
            .optional()?
            .ok_or(Error::NotFound { what: "group" })
    }

    pub fn set_room_settings(&mut self, group_id: &str, settings: RoomSettings) -> Result<RoomSettings> {
        self.write(|tx| {
            let sets = "room_show_name = ?2, room_show_overtime = ?3";
            crate::group::save_settings(tx, group_id, sets, &[&settings.show_name, &settings.show_overtime])
        })?;
        self.room_settings(group_id)
    }
}
