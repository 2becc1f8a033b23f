//! The heartbeat: pushes the running share's clock to the chair's window and the room display
//! several times a second, and the cues (wrap up, time) once, when core's phase changes. The UI
//! never keeps time itself; WebKitGTK throttles timers in hidden windows.

use std::time::{Duration, Instant};

use circlekeeper_core::{Result, RunnerView, ShareState, SharingView, TimerCue, TimerPhase};
use tauri::{AppHandle, Emitter, Manager};

use crate::commands::room::ROOM;
use crate::state::AppState;

pub const SHARE_CHANGED: &str = "share-changed";
pub const SHARING_CHANGED: &str = "sharing-changed";
pub const RUNNER_CHANGED: &str = "runner-changed";
pub const TIMER: &str = "timer";
pub const ROOM_FRAME: &str = "room-frame";
pub const TIMER_CUE: &str = "timer-cue";

const RUNNING_EVERY: Duration = Duration::from_millis(200);
const IDLE_EVERY: Duration = Duration::from_millis(1000);

/// Sends the timer and the room frame now, to every window that shows them.
pub fn push_frames(app: &AppHandle) -> Option<(String, TimerPhase)> {
    let state = app.state::<AppState>();
    let Ok((timer, mut room)) = state.peek(|s| s.frames()) else {
        return None;
    };
    if state.is_locked() {
        // A locked app still times the share for the room, and shows nobody's name anywhere.
        room.speaker = None;
        room.next_speaker = None;
        room.segment = None;
    } else {
        let _ = app.emit_to("main", TIMER, &timer);
    }
    let _ = app.emit_to(ROOM, ROOM_FRAME, &room);
    timer.map(|t| (t.share_id, t.phase))
}

/// Hands a share command's result back, after telling every window.
pub fn announce_share(app: &AppHandle, result: Result<ShareState>) -> Result<ShareState> {
    if let Ok(s) = &result {
        let _ = app.emit_to("main", SHARE_CHANGED, s);
        push_frames(app);
    }
    result
}

/// Hands a speaking-order command's result back, after telling the chair's window of the new
/// order and of the shares it started or stopped, and the room of its new frame.
pub fn announce_sharing(app: &AppHandle, result: Result<SharingView>) -> Result<SharingView> {
    if let Ok(v) = &result {
        let _ = app.emit_to("main", SHARING_CHANGED, v);
        if let Ok(shares) = app.state::<AppState>().with(|s| s.share_state(&v.meeting_id)) {
            let _ = app.emit_to("main", SHARE_CHANGED, &shares);
        }
        push_frames(app);
    }
    result
}

/// Hands a runner step's result back, after telling the chair's window and the room.
pub fn announce_runner(app: &AppHandle, result: Result<RunnerView>) -> Result<RunnerView> {
    if let Ok(v) = &result {
        let _ = app.emit_to("main", RUNNER_CHANGED, v);
        push_frames(app);
    }
    result
}

pub fn start(app: AppHandle) {
    std::thread::Builder::new()
        .name("circlekeeper-ticker".into())
        .spawn(move || {
            let mut last: Option<(String, TimerPhase)> = None;
            loop {
                let began = Instant::now();
                let now = push_frames(&app);
                if let (Some((id, phase)), Some((last_id, last_phase))) = (&now, &last) {
                    if id == last_id && phase != last_phase && *phase != TimerPhase::Calm {
                        let _ = app.emit_to("main", TIMER_CUE, TimerCue { share_id: id.clone(), cue: *phase });
                    }
                }
                let every = if now.is_some() { RUNNING_EVERY } else { IDLE_EVERY };
                last = now;
                std::thread::sleep(every.saturating_sub(began.elapsed()));
            }
        })
        .expect("the ticker thread could not start");
}
