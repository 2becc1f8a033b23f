//! Automatic backups: after a meeting closes, and once a day while the data is open; and bringing
//! them in line when something is forgotten or the passphrase changes. Each runs on a thread of its
//! own and core reads through a connection of its own, so neither the chair's window nor the room
//! display's clock waits for it. A failure is reported once, in the status.

use std::time::Duration;

use circlekeeper_core::backup::BackupReason;
use circlekeeper_core::{Passphrase, Result};
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

/// Runs `job` on a thread named `name` once `done` (a command's answer) succeeded, and hands that
/// answer back at once: the window never waits for the backups.
fn after<T>(app: &AppHandle, name: &str, done: Result<T>, job: impl FnOnce(&AppHandle) + Send + 'static) -> Result<T> {
    if done.is_ok() {
        let app = app.clone();
        if let Err(e) = std::thread::Builder::new().name(name.into()).spawn(move || job(&app)) {
            eprintln!("circlekeeper: {name} could not start: {e}");
        }
    }
    done
}

/// A meeting closed: back up in the background.
pub fn after_close<T>(app: &AppHandle, closed: Result<T>) -> Result<T> {
    after(app, "circlekeeper-backup", closed, |app| take(app, BackupReason::MeetingClosed))
}

/// Something was forgotten, or the passphrase changed (`previous`: the one before): the backups are
/// brought in line in the background.
pub fn align_after<T>(app: &AppHandle, previous: Option<Passphrase>, done: Result<T>) -> Result<T> {
    after(app, "circlekeeper-align-backups", done, move |app| {
        if let Err(e) = app.state::<AppState>().align_backups(previous) {
            eprintln!("circlekeeper: the backups could not be brought in line: {e}");
        }
    })
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
