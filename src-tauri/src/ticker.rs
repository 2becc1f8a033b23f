//! The heartbeat: pushes the running share's clock to the chair's window and the room display
//! several times a second, and the cues (wrap up, time) once, when core's phase changes; and at
//! every beat asks whether the idle lock is due. The UI never keeps time itself; WebKitGTK
//! throttles timers in hidden windows.

use std::time::{Duration, Instant};

use circlekeeper_core::{TimerCue, TimerPhase};
use tauri::{AppHandle, Manager};

use crate::events;
use crate::state::AppState;

const RUNNING_EVERY: Duration = Duration::from_millis(200);
const IDLE_EVERY: Duration = Duration::from_millis(1000);

pub fn start(app: AppHandle) {
    std::thread::Builder::new()
        .name("circlekeeper-ticker".into())
        .spawn(move || {
            let mut last: Option<(String, TimerPhase)> = None;
            loop {
                let began = Instant::now();
                app.state::<AppState>().idle_tick();
                let now = events::push_frames(&app);
                if let (Some((id, phase)), Some((last_id, last_phase))) = (&now, &last) {
                    if id == last_id && phase != last_phase && *phase != TimerPhase::Calm {
                        events::cue(&app, TimerCue { share_id: id.clone(), cue: *phase });
                    }
                }
                let every = if now.is_some() { RUNNING_EVERY } else { IDLE_EVERY };
                last = now;
                std::thread::sleep(every.saturating_sub(began.elapsed()));
            }
        })
        .expect("the ticker thread could not start");
}
