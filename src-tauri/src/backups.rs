//! Automatic backups: after a meeting closes, once a day, and as soon as the data opens when a
//! closed meeting was never backed up; and bringing them in line when something is forgotten or the
//! passphrase changes. Each runs on a thread of its own and core reads through a connection of its
//! own, so neither the chair's window nor the room display's clock waits for it. A failure is
//! reported once, in the status. When the chair closes the app, it waits for a job still running.

use std::sync::{Arc, Condvar, Mutex};
use std::thread::Thread;
use std::time::{Duration, Instant};

use circlekeeper_core::{Passphrase, Result};
use tauri::{AppHandle, Manager};

use crate::state::AppState;

const CHECK_EVERY: Duration = Duration::from_secs(60);
/// How long a closing app waits for a backup still being written (a protected ten-year store
/// takes about a second; bringing its backups in line after a new passphrase, about ten).
const FINISH_WITHIN: Duration = Duration::from_secs(30);

/// Backup jobs started and not yet finished.
#[derive(Default)]
struct Running {
    jobs: Mutex<usize>,
    finished: Condvar,
}

/// One running job; finished when dropped.
struct Job(Arc<Running>);

impl Running {
    fn start(self: &Arc<Self>) -> Job {
        *self.jobs.lock().unwrap_or_else(|p| p.into_inner()) += 1;
        Job(self.clone())
    }

    /// Waits until no job runs, or `within` has passed; whether none runs.
    fn wait(&self, within: Duration) -> bool {
        let deadline = Instant::now() + within;
        let mut jobs = self.jobs.lock().unwrap_or_else(|p| p.into_inner());
        while *jobs > 0 {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            jobs = self.finished.wait_timeout(jobs, left).unwrap_or_else(|p| p.into_inner()).0;
        }
        true
    }
}

impl Drop for Job {
    fn drop(&mut self) {
        *self.0.jobs.lock().unwrap_or_else(|p| p.into_inner()) -= 1;
        self.0.finished.notify_all();
    }
}

/// The thread that checks whether a backup is due: woken when the data opens.
struct Checker(Thread);

fn take_due(app: &AppHandle) {
    // The status carries the failure to the window; here it only goes to the log as well.
    if let Err(e) = app.state::<AppState>().back_up_if_due() {
        eprintln!("circlekeeper: the automatic backup did not work: {e}");
    }
}

/// Runs `job` on a thread named `name` once `done` (a command's answer) succeeded, and hands that
/// answer back at once: the window never waits for the backups, but a closing app does.
fn after<T>(app: &AppHandle, name: &str, done: Result<T>, job: impl FnOnce(&AppHandle) + Send + 'static) -> Result<T> {
    if done.is_ok() {
        let app = app.clone();
        // Counted before the thread starts, so an app closed at once still waits for it.
        let running = app.state::<Arc<Running>>().start();
        if let Err(e) = std::thread::Builder::new().name(name.into()).spawn(move || {
            job(&app);
            drop(running);
        }) {
            eprintln!("circlekeeper: {name} could not start: {e}");
        }
    }
    done
}

/// A meeting closed: back up in the background.
pub fn after_close<T>(app: &AppHandle, closed: Result<T>) -> Result<T> {
    after(app, "circlekeeper-backup", closed, take_due)
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

/// The data opened (first start, unlock): a backup that is due is taken now, not at the next check.
pub fn after_opening<T>(app: &AppHandle, opened: Result<T>) -> Result<T> {
    if opened.is_ok() {
        app.state::<Checker>().0.unpark();
    }
    opened
}

/// Checks every minute while the data is open (a laptop that was asleep or locked backs up soon
/// after it opens again), and whenever [`after_opening`] wakes it.
pub fn start(app: &AppHandle) {
    app.manage(Arc::new(Running::default()));
    let handle = app.clone();
    let checker = std::thread::Builder::new()
        .name("circlekeeper-daily-backup".into())
        .spawn(move || loop {
            if handle.state::<AppState>().is_open() {
                let _job = handle.state::<Arc<Running>>().start();
                take_due(&handle);
            }
            std::thread::park_timeout(CHECK_EVERY);
        })
        .expect("the backup thread could not start");
    app.manage(Checker(checker.thread().clone()));
}

/// The app is closing: a backup still being written is finished first (the window is already gone).
pub fn finish(app: &AppHandle) {
    if !app.state::<Arc<Running>>().wait(FINISH_WITHIN) {
        eprintln!("circlekeeper: a backup was still running when the app closed; the next start takes it again");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closing_app_waits_for_the_backup_still_running_and_no_longer() {
        let running = Arc::new(Running::default());
        assert!(running.wait(Duration::ZERO), "nothing runs");
        std::thread::scope(|scope| {
            let job = running.start();
            scope.spawn(move || {
                std::thread::sleep(Duration::from_millis(300));
                drop(job);
            });
            let asked = Instant::now();
            assert!(running.wait(Duration::from_secs(10)));
            assert!(asked.elapsed() >= Duration::from_millis(250), "it waited for the job");
        });
        let _stuck = running.start();
        let asked = Instant::now();
        assert!(!running.wait(Duration::from_millis(200)), "a job that never ends is left behind");
        assert!(asked.elapsed() < Duration::from_secs(2));
    }
}
