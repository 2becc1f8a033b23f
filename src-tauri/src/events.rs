//! The one place that names the app's windows and events, and sends them. Core says what each
//! write changed and which snapshots that calls for; this module only delivers them: every
//! snapshot to the chair's window, the room display its frame and nothing else. The list below is
//! mirrored to `ui/src/lib/bindings/events.ts` by a test, so the UI cannot listen for a name that
//! is never sent.

use std::marker::PhantomData;

use circlekeeper_core::{
    CelebrationView, Frames, MeetingView, RoomView, RunnerView, ShareState, SharingView, Snapshot, StoreStatus, Timer,
    TimerCue, TimerPhase,
};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager};

use crate::state::{AppState, Published};

/// The chair's window.
pub const MAIN: &str = "main";
/// The room display: it may only listen, and hears only its frames.
pub const ROOM: &str = "room";

/// An event: its name, the one window it goes to, and (by type) what it carries.
pub struct Event<P> {
    pub name: &'static str,
    pub window: &'static str,
    payload: PhantomData<fn() -> P>,
}

const fn event<P>(name: &'static str, window: &'static str) -> Event<P> {
    Event { name, window, payload: PhantomData }
}

pub const MEETING_CHANGED: Event<MeetingView> = event("meeting-changed", MAIN);
pub const SHARE_CHANGED: Event<ShareState> = event("share-changed", MAIN);
pub const ROUND_CHANGED: Event<SharingView> = event("round-changed", MAIN);
pub const RUNNER_CHANGED: Event<RunnerView> = event("runner-changed", MAIN);
pub const CELEBRATIONS_CHANGED: Event<CelebrationView> = event("celebrations-changed", MAIN);
/// The running share's clock, several times a second (null between shares and while locked).
pub const TIMER: Event<Option<Timer>> = event("timer", MAIN);
/// Core's phase changed: time for a chime.
pub const TIMER_CUE: Event<TimerCue> = event("timer-cue", MAIN);
pub const ROOM_FRAME: Event<RoomView> = event("room-frame", ROOM);
/// The lock changed (the app locked itself, or was unlocked), or the idle lock waits and says why.
pub const APP_STATUS: Event<StoreStatus> = event("app-status", MAIN);

impl<P: Serialize> Event<P> {
    fn send(&self, app: &AppHandle, payload: &P) {
        // A window that is closed, or closing, misses this one; the next change or tick catches it up.
        let _ = app.emit_to(self.window, self.name, payload);
    }
}

fn send_snapshot(app: &AppHandle, snapshot: &Snapshot) {
    match snapshot {
        Snapshot::Meeting(v) => MEETING_CHANGED.send(app, v),
        Snapshot::Share(v) => SHARE_CHANGED.send(app, v),
        Snapshot::Round(v) => ROUND_CHANGED.send(app, v),
        Snapshot::Runner(v) => RUNNER_CHANGED.send(app, v),
        Snapshot::Celebrations(v) => CELEBRATIONS_CHANGED.send(app, v),
    }
}

/// Sends what the state published: the snapshots a write calls for (then the room's frame, if it
/// moved), or the new status when the lock (or why it waits) changed, with the frames that change
/// calls for: the room display drops the names the moment the app locks.
pub fn publish(app: &AppHandle, state: &AppState, published: Published) {
    match published {
        Published::Changes(store, changes) => {
            match store.snapshots(changes) {
                Ok(snapshots) => snapshots.iter().for_each(|s| send_snapshot(app, s)),
                Err(e) => eprintln!("circlekeeper: the windows could not be updated after a change: {e}"),
            }
            // The store is held here: read the frames from it, not through the state.
            if changes.moves_room() {
                if let Ok(frames) = store.frames(false, state.room_meeting().as_deref()) {
                    send_frames(app, &frames);
                }
            }
        }
        Published::Status(status) => {
            APP_STATUS.send(app, status);
            if let Some(frames) = state.frames() {
                send_frames(app, &frames);
            }
        }
    }
}

/// Sends the running share's clock and the room's frame; returns the running share and its phase,
/// for the heartbeat's cues.
fn send_frames(app: &AppHandle, frames: &Frames) -> Option<(String, TimerPhase)> {
    TIMER.send(app, &frames.timer);
    ROOM_FRAME.send(app, &frames.room);
    frames.timer.as_ref().map(|t| (t.share_id.clone(), t.phase))
}

/// Sends the frames now (the heartbeat, a window that just opened): from the store, or while
/// locked from the name-free copy the state keeps.
pub fn push_frames(app: &AppHandle) -> Option<(String, TimerPhase)> {
    app.state::<AppState>().frames().and_then(|frames| send_frames(app, &frames))
}

pub fn cue(app: &AppHandle, cue: TimerCue) {
    TIMER_CUE.send(app, &cue);
}

#[cfg(test)]
mod tests {
    use super::*;
    use ts_rs::TS;

    struct Line {
        key: &'static str,
        name: &'static str,
        payload: String,
        imports: Vec<String>,
    }

    fn line<P: TS>(key: &'static str, e: Event<P>, imports: &[String]) -> Line {
        Line { key, name: e.name, payload: P::name(&ts_rs::Config::default()), imports: imports.to_vec() }
    }

    fn named<T: TS>() -> String {
        T::name(&ts_rs::Config::default())
    }

    /// The TypeScript mirror of this module's list; CI fails if the checked-in copy differs.
    fn typescript() -> String {
        let lines = [
            line("meetingChanged", MEETING_CHANGED, &[named::<MeetingView>()]),
            line("shareChanged", SHARE_CHANGED, &[named::<ShareState>()]),
            line("roundChanged", ROUND_CHANGED, &[named::<SharingView>()]),
            line("runnerChanged", RUNNER_CHANGED, &[named::<RunnerView>()]),
            line("celebrationsChanged", CELEBRATIONS_CHANGED, &[named::<CelebrationView>()]),
            line("timer", TIMER, &[named::<Timer>()]),
            line("timerCue", TIMER_CUE, &[named::<TimerCue>()]),
            line("roomFrame", ROOM_FRAME, &[named::<RoomView>()]),
            line("appStatus", APP_STATUS, &[named::<StoreStatus>()]),
        ];
        let mut imports: Vec<&String> = lines.iter().flat_map(|l| &l.imports).collect();
        imports.sort();
        imports.dedup();
        let mut ts = String::from(
            "// Generated from src-tauri/src/events.rs by `cargo test -p circlekeeper`: do not edit by hand.\n\
             // The one list of window labels and events, and what each event carries.\n",
        );
        for i in imports {
            ts += &format!("import type {{ {i} }} from './{i}';\n");
        }
        ts += &format!(
            "\n/** The app's windows: the chair's, and the room display that may only listen. */\n\
             export const WINDOW = {{ main: '{MAIN}', room: '{ROOM}' }} as const;\n\n\
             /** Every event the shell sends, by name. */\nexport const EVENT = {{\n"
        );
        for l in &lines {
            ts += &format!("  {}: '{}',\n", l.key, l.name);
        }
        ts += "} as const;\n\n/** What each event carries. */\nexport type EventPayload = {\n";
        for l in &lines {
            let key = if l.name.contains('-') { format!("'{}'", l.name) } else { l.name.to_string() };
            ts += &format!("  {key}: {};\n", l.payload);
        }
        ts += "};\n";
        ts
    }

    #[test]
    fn the_ui_hears_the_events_the_shell_sends() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/bindings/events.ts");
        std::fs::write(&path, typescript()).expect("write ui/src/lib/bindings/events.ts");
    }

    #[test]
    fn only_the_room_frame_goes_to_the_room() {
        assert_eq!(ROOM_FRAME.window, ROOM);
        for window in [
            MEETING_CHANGED.window,
            SHARE_CHANGED.window,
            ROUND_CHANGED.window,
            RUNNER_CHANGED.window,
            CELEBRATIONS_CHANGED.window,
            TIMER.window,
            TIMER_CUE.window,
            APP_STATUS.window,
        ] {
            assert_eq!(window, MAIN);
        }
    }
}
