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

/// Something was forgotten, or the passphrase changed (`previous`: the one before): the backups are
/// brought in line in the background, and the command's answer handed back at once.
pub fn align_after<T>(app: &AppHandle, previous: Option<Passphrase>, done: Result<T>) -> Result<T> {
    if done.is_ok() {
        let app = app.clone();
        let spawned = std::thread::Builder::new().name("circlekeeper-align-backups".into()).spawn(move || {
            if let Err(e) = app.state::<AppState>().align_backups(previous) {
                eprintln!("circlekeeper: the backups could not be brought in line: {e}");
            }
        });
        if let Err(e) = spawned {
            eprintln!("circlekeeper: bringing the backups in line could not start: {e}");
        }
    }
    done
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
