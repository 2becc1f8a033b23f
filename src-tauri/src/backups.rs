//! Automatic backups: after a meeting closes, and once a day while the data is open. Each runs on a
//! thread of its own and core reads through a connection of its own, so neither the chair's window
//! nor the room display's clock waits for it. A failure is reported once, in the status.

use std::time::Duration;

use circlekeeper_core::backup::BackupReason;
use circlekeeper_core::Result;
use tauri::{AppHandle, Manager};

use crate::state::AppState;

const DAY_MS: i64 = 24 * 60 * 60 * 1000;
const CHECK_EVERY: Duration = Duration::from_secs(60);

fn take(app: &AppHandle, reason: BackupReason) {
    // The status carries the failure to the window; here it only goes to the log as well.
    if let Err(e) = app.state::<AppState>().back_up(reason) {
        eprintln!("circlekeeper: the automatic backup did not work: {e}");
    }
}

/// A meeting closed: back up in the background, then hand the command's answer back at once.
pub fn after_close<T>(app: &AppHandle, closed: Result<T>) -> Result<T> {
    if closed.is_ok() {
        let app = app.clone();
        let spawned = std::thread::Builder::new()
            .name("circlekeeper-backup".into())
            .spawn(move || take(&app, BackupReason::MeetingClosed));
        if let Err(e) = spawned {
            eprintln!("circlekeeper: the backup after closing could not start: {e}");
        }
    }
    closed
}

/// Once a day while the data is open, checked every minute: a laptop that was asleep or locked
/// backs up soon after it opens again.
pub fn start(app: AppHandle) {
    std::thread::Builder::new()
        .name("circlekeeper-daily-backup".into())
        .spawn(move || loop {
            let state = app.state::<AppState>();
            let now = state.clock_ms();
            if state.is_open() && state.newest_backup_at().is_none_or(|at| now - at >= DAY_MS) {
                take(&app, BackupReason::Daily);
            }
            std::thread::sleep(CHECK_EVERY);
        })
        .expect("the backup thread could not start");
}
