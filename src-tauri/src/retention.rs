//! Retention runs when the data opens and then once a day, for every group that turned it on.

use std::time::{Duration, Instant};

use circlekeeper_core::{Result, StoreStatus};
use tauri::{AppHandle, Manager};

use crate::state::AppState;

const DAILY: Duration = Duration::from_secs(24 * 60 * 60);
const CHECK_EVERY: Duration = Duration::from_secs(10 * 60);

fn run(app: &AppHandle) -> bool {
    // Locked or not set up yet: try again at the next check, or when the data opens.
    let state = app.state::<AppState>();
    match state.with(|s| s.apply_retention()) {
        Ok(run) => {
            // Names went: they go from the backups too (this thread is already off the window's way).
            if run.meetings() > 0 {
                if let Err(e) = state.align_backups(None) {
                    eprintln!("circlekeeper: retention could not reach the backups: {e}");
                }
            }
            true
        }
        Err(_) => false,
    }
}

/// Runs retention once the data has opened (first start or unlock), then hands the status back.
pub fn after_opening(app: &AppHandle, status: Result<StoreStatus>) -> Result<StoreStatus> {
    if status.as_ref().is_ok_and(|s| !s.locked) {
        run(app);
    }
    status
}

pub fn start(app: AppHandle) {
    std::thread::Builder::new()
        .name("circlekeeper-retention".into())
        .spawn(move || {
            let mut last: Option<Instant> = None;
            loop {
                if last.is_none_or(|t| t.elapsed() >= DAILY) && run(&app) {
                    last = Some(Instant::now());
                }
                std::thread::sleep(CHECK_EVERY);
            }
        })
        .expect("the retention thread could not start");
}
