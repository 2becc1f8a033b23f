//! The room display: what the projector shows, and nothing more. Built here so the window
//! that faces the room never receives a roster, a note, or anything it does not show.

use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::store::Store;
use crate::timer::{ShareFacts, Timer, TimerPhase};

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

/// What the room display needs to go on counting with no store open: numbers only, with no
/// name, no segment title, nothing a locked app may not show. The shell keeps one while the app is
/// locked and its data file closed.
#[derive(Debug, Clone, PartialEq)]
pub struct RoomClock {
    share: Option<ShareFacts>,
    show_overtime: bool,
    segment_left_ms: Option<i64>,
    starts_in_ms: Option<i64>,
    at_ms: i64,
}

impl RoomClock {
    /// The room's frame at `now`: the share's clock worked out from its facts, the segment's time
    /// and the countdown to the start carried on from when this was taken; nobody's name.
    pub fn frame(&self, now: i64) -> RoomView {
        let gone = now - self.at_ms;
        let (segment_left_ms, starts_in_ms) =
            (self.segment_left_ms.map(|ms| ms - gone), self.starts_in_ms.map(|ms| ms - gone).filter(|ms| *ms > 0));
        let rest = RoomView {
            running: false,
            speaker: None,
            remaining_ms: 0,
            phase: TimerPhase::Calm,
            paused: false,
            show_overtime: false,
            next_speaker: None,
            segment: None,
            segment_left_ms,
            starts_in_ms,
            at_ms: now,
        };
        let Some(f) = &self.share else { return rest };
        let left = f.remaining_ms(now);
        RoomView {
            running: true,
            remaining_ms: if self.show_overtime { left } else { left.max(0) },
            phase: f.phase(now),
            paused: f.paused_since.is_some(),
            show_overtime: self.show_overtime,
            ..rest
        }
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
    /// A locked app still times the share for the room, and shows nobody's name anywhere: its
    /// frame is worked out from the name-free [`RoomClock`] alone.
    pub fn frames(&self, locked: bool, on_screen: Option<&str>) -> Result<Frames> {
        let now = self.clock().now_ms();
        let (frames, clock) = self.frames_at(now, on_screen)?;
        Ok(match locked {
            false => frames,
            true => Frames { timer: None, room: clock.frame(now) },
        })
    }

    /// What the room display needs to keep counting once the store is closed.
    pub fn room_clock(&self, on_screen: Option<&str>) -> Result<RoomClock> {
        Ok(self.frames_at(self.clock().now_ms(), on_screen)?.1)
    }

    fn frames_at(&self, now: i64, on_screen: Option<&str>) -> Result<(Frames, RoomClock)> {
        let resting =
            RoomClock { share: None, show_overtime: false, segment_left_ms: None, starts_in_ms: None, at_ms: now };
        let Some(meeting_id) = on_screen else {
            return Ok((Frames { timer: None, room: resting.frame(now) }, resting));
        };
        let (segment, segment_left_ms, starts_in_ms) =
            match crate::format::runner::room_segment(self.conn(), meeting_id, now)? {
                Some((title, status)) if status.current.is_some() => (Some(title), status.segment_left_ms, None),
                Some((_, status)) if status.until_start_ms > 0 => (None, None, Some(status.until_start_ms)),
                _ => (None, None, None),
            };
        let running = crate::timer::running_now(self.conn(), meeting_id, now)?;
        let (settings, next_speaker) = match &running {
            Some(_) => {
                let settings: RoomSettings = self.conn().query_row(
                    "SELECT g.room_show_name, g.room_show_overtime FROM meetings m JOIN groups g ON g.id = m.group_id WHERE m.id = ?1",
                    [meeting_id],
                    |r| Ok(RoomSettings { show_name: r.get(0)?, show_overtime: r.get(1)? }),
                )?;
                let next =
                    if settings.show_name { crate::speaking::round::next_up(self.conn(), meeting_id)? } else { None };
                (settings, next)
            }
            None => (RoomSettings { show_name: false, show_overtime: false }, None),
        };
        let (timer, share) = running.unzip();
        let clock =
            RoomClock { share, show_overtime: settings.show_overtime, segment_left_ms, starts_in_ms, at_ms: now };
        let speaker = timer.as_ref().and_then(|t| t.speaker.clone()).filter(|_| settings.show_name);
        let room = RoomView { speaker, next_speaker, segment, ..clock.frame(now) };
        Ok((Frames { timer, room }, clock))
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
