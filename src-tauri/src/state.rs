//! The store as the shell holds it: opened at start (or after the passphrase is given), closed
//! while locked (only a name-free copy of what the room display counts from stays in memory),
//! reopened on unlock or after a restore; the idle lock's deadline; or the reason the data could not
//! be opened, or a change not saved, or a backup that failed, so the window can say so in plain words.

use circlekeeper_core::problem;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::Duration;

use circlekeeper_core::backup::{self, Alignment, BackupInfo, BackupPreview, BackupReason, BackupSource};
use circlekeeper_core::store::db::{self, FileState};
use circlekeeper_core::{
    Changes, Clock, Error, Frames, IpcError, LockPostponed, Passphrase, Problem, Result, RoomClock, Store, StoreStatus,
    SystemClock,
};

use crate::idle::{self, Deadline};

/// What the state tells the windows: what a write changed, or that the lock (or why it waits)
/// changed.
pub enum Published<'a> {
    Changes(&'a Store, &'a Changes),
    Status(&'a StoreStatus),
}

/// Where the state tells the windows; set once the app is up (see `events::publish`); tests run
/// without one.
pub type Publish = Box<dyn Fn(&AppState, Published) + Send + Sync>;

/// The idle lock: its deadline, the meeting the chair has on screen, and why it waits, if it does;
/// and the meeting the room display follows.
struct Idle {
    deadline: Deadline,
    on_screen: Option<String>,
    /// The last meeting the chair had on screen: a glance at the group's page mid-share leaves the
    /// room's clock running, and a share of any other meeting never reaches the projector.
    room: Option<String>,
    postponed: Option<LockPostponed>,
}

/// The idle time before the window reports the chair's preference: the preference's default.
const DEFAULT_IDLE_MINUTES: u32 = 10;

pub struct AppState {
    store: Mutex<Option<Store>>,
    /// While locked: what the room display counts on from. Numbers only; the store is closed.
    room: Mutex<Option<RoomClock>>,
    clock: Arc<dyn Clock>,
    idle: Mutex<Idle>,
    publish: OnceLock<Publish>,
    pub data_file: PathBuf,
    /// Why the data file could not be opened: as the UI hears it, and as core said it.
    open_error: Mutex<Option<(IpcError, Problem)>>,
    first_start: AtomicBool,
    protected: AtomicBool,
    locked: AtomicBool,
    /// Wrong passphrases in a row: each one after the third waits longer before answering.
    failures: AtomicU32,
    /// Why the last change was not saved, until one is.
    not_saving: Mutex<Option<Problem>>,
    /// Why the last automatic backup failed, until one works.
    backup_problem: Mutex<Option<Problem>>,
    /// Held while a backup or a restore runs: one at a time, and never a restore under a backup.
    backing_up: Mutex<()>,
}

fn ipc(e: &Error) -> (IpcError, Problem) {
    (IpcError::from(e), e.problem())
}

/// A poisoned lock still holds consistent data here (every write is one transaction, the rest are
/// plain values): carry on rather than lock the chair out mid-meeting.
fn hold<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl AppState {
    /// Looks at the data file: none yet (the chair chooses), plain (opened), or encrypted (locked
    /// until the passphrase is given). A file that is none of these is refused and left as it is.
    pub fn start(data_file: PathBuf) -> AppState {
        AppState::start_on(data_file, Arc::new(SystemClock::default()))
    }

    /// [`AppState::start`] on the given clock (a fake one in tests).
    pub fn start_on(data_file: PathBuf, clock: Arc<dyn Clock>) -> AppState {
        let now = clock.now_ms();
        let state = AppState {
            store: Mutex::new(None),
            room: Mutex::new(None),
            idle: Mutex::new(Idle {
                deadline: Deadline::new(idle::limit_ms(DEFAULT_IDLE_MINUTES), now),
                on_screen: None,
                room: None,
                postponed: None,
            }),
            clock,
            publish: OnceLock::new(),
            data_file,
            open_error: Mutex::new(None),
            first_start: AtomicBool::new(false),
            protected: AtomicBool::new(false),
            locked: AtomicBool::new(false),
            failures: AtomicU32::new(0),
            not_saving: Mutex::new(None),
            backup_problem: Mutex::new(None),
            backing_up: Mutex::new(()),
        };
        match db::probe(&state.data_file) {
            Ok(FileState::Missing) => state.first_start.store(true, Ordering::SeqCst),
            Ok(FileState::Plain) => match state.open(None) {
                Ok(store) => *state.guard() = Some(store),
                Err(e) => *state.errors() = Some(ipc(&e)),
            },
            Ok(FileState::Encrypted) => {
                state.protected.store(true, Ordering::SeqCst);
                state.locked.store(true, Ordering::SeqCst);
            }
            Err(e) => *state.errors() = Some(ipc(&e)),
        }
        state
    }

    /// Tells the windows of every change from now on.
    pub fn publish_with(&self, publish: Publish) {
        let _ = self.publish.set(publish);
    }

    fn open(&self, key: Option<&Passphrase>) -> Result<Store> {
        Store::open_keyed(&self.data_file, self.clock.clone(), key)
    }

    fn errors(&self) -> MutexGuard<'_, Option<(IpcError, Problem)>> {
        hold(&self.open_error)
    }

    fn guard(&self) -> MutexGuard<'_, Option<Store>> {
        hold(&self.store)
    }

    fn idle(&self) -> MutexGuard<'_, Idle> {
        hold(&self.idle)
    }

    pub fn status(&self) -> StoreStatus {
        StoreStatus {
            data_file: self.data_file.display().to_string(),
            open_error: self.errors().as_ref().map(|(e, _)| e.clone()),
            first_start: self.first_start.load(Ordering::SeqCst),
            protected: self.protected.load(Ordering::SeqCst),
            locked: self.locked.load(Ordering::SeqCst),
            lock_postponed: self.idle().postponed,
            not_saving: hold(&self.not_saving).clone(),
            backup_problem: hold(&self.backup_problem).clone(),
        }
    }

    pub fn is_locked(&self) -> bool {
        self.locked.load(Ordering::SeqCst)
    }

    /// Refuses what must not happen while the app is locked (it touches no store).
    pub fn refuse_if_locked(&self) -> Result<()> {
        if self.is_locked() {
            return Err(Error::Locked);
        }
        Ok(())
    }

    /// Runs one core call against the store, unless the app is locked.
    pub fn with<T>(&self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        // Each command compiles its own copy of this shim only; `on_store` is compiled once.
        let mut f = Some(f);
        let mut out = None;
        self.on_store(&mut |store| {
            let result = f.take().map(|f| f(store))?;
            let not_saving = not_saving(result.as_ref().err());
            out = Some(result);
            not_saving
        })?;
        out.unwrap_or_else(|| Err(store_not_open()))
    }

    /// `with` for any call: `call` runs once on the open store and says why a change could not be
    /// saved, if it could not.
    fn on_store(&self, call: &mut dyn FnMut(&mut Store) -> Option<Problem>) -> Result<()> {
        if self.is_locked() {
            return Err(Error::Locked);
        }
        let (not_saving, saved) = match self.guard().as_mut() {
            Some(store) => {
                let not_saving = call(store);
                // Core says what the call changed; the windows hear of it before the caller does.
                let changes = store.take_changes();
                if let (false, Some(publish)) = (changes.is_empty(), self.publish.get()) {
                    publish(self, Published::Changes(store, &changes));
                }
                (not_saving, !changes.is_empty())
            }
            None if self.is_locked() => return Err(Error::Locked),
            None => {
                return Err(self
                    .errors()
                    .as_ref()
                    .map(|(_, p)| Error::Conflict(p.clone()))
                    .unwrap_or_else(store_not_open))
            }
        };
        // With the store let go (publishing the status reads the frames through it): a change that
        // could not be saved says so until one is.
        match not_saving {
            Some(why) => self.set_problem(&self.not_saving, Some(why)),
            None if saved => self.set_problem(&self.not_saving, None),
            None => {}
        }
        Ok(())
    }

    /// Sets or clears one of the problems the status reports; the windows hear of a change once.
    fn set_problem(&self, slot: &Mutex<Option<Problem>>, problem: Option<Problem>) {
        let changed = std::mem::replace(&mut *hold(slot), problem.clone()) != problem;
        if changed {
            self.status_changed();
        }
    }

    /// Backs the data up now, through a connection of the backup's own: the store is held only for
    /// the moment it takes to hand out its path and key, so the room display's clock runs on. One
    /// backup at a time; a failure is reported in the status until a backup works.
    pub fn back_up(&self, reason: BackupReason) -> Result<BackupInfo> {
        self.on_backups(|source, now| backup::take(source, reason, now), |_| true)
    }

    /// Runs `job` on the backups: the store held only to hand out its path and key, one job at a
    /// time, a failure reported in the status until a job that `worked` (did something) clears it.
    fn on_backups<T>(
        &self,
        job: impl FnOnce(&BackupSource, i64) -> Result<T>,
        worked: impl FnOnce(&T) -> bool,
    ) -> Result<T> {
        let source = self.with(|s| s.backup_source())?;
        let _one = hold(&self.backing_up);
        let done = job(&source, self.clock.now_ms());
        match &done {
            Err(e) => self.set_problem(&self.backup_problem, Some(e.problem())),
            Ok(did) if worked(did) => self.set_problem(&self.backup_problem, None),
            // Nothing was due: that says nothing of the backups, so a problem stays until one works.
            Ok(_) => {}
        }
        done
    }

    /// Carries into every backup what the data has forgotten (people forgotten, names past retention)
    /// and its passphrase (`previous`: the one it had before, which older backups open with). Like a
    /// backup: off the store's lock, one at a time, a failure reported in the status.
    pub fn align_backups(&self, previous: Option<Passphrase>) -> Result<Alignment> {
        self.on_backups(|source, now| backup::align(source, previous.as_ref(), now), |_| true)
    }

    /// Takes the automatic backup that is due, if any: after a meeting closes, once a day, and when
    /// the data opens after a close whose backup was never written (the app closed or killed first).
    pub fn back_up_if_due(&self) -> Result<Option<BackupInfo>> {
        let last_closed = self.with(|s| s.last_closed_at())?;
        self.on_backups(|source, now| backup::take_if_due(source, last_closed, now), Option::is_some)
    }

    /// Whether the data is open (not locked, not failed to open, set up): only then is a backup due.
    pub fn is_open(&self) -> bool {
        !self.is_locked() && self.guard().is_some()
    }

    /// Restores the backup `file` over the data file and opens it: the store (if open) is closed
    /// first and core keeps the current file aside. While locked, or when the data could not be
    /// opened, only a protected backup that `key` opens may be restored: the passphrase is the proof.
    pub fn restore(&self, file: &str, key: Option<Passphrase>) -> Result<StoreStatus> {
        let _one = hold(&self.backing_up);
        // Checked before the data is closed, so a wrong passphrase or a bad backup changes nothing.
        let info = backup::verify(&self.data_file, file, key.as_ref())?;
        if self.is_locked() && !info.protected {
            return Err(Error::Locked);
        }
        let restored = {
            let mut guard = self.guard();
            // The data as it is is kept aside under the passphrase it has, which an older backup's may not be.
            let current = guard.as_ref().map(|s| s.backup_source()).transpose()?;
            if let Some(store) = guard.take() {
                store.close()?;
            }
            let now = self.clock.now_ms();
            let restored = match &current {
                Some(current) => backup::restore_over(current, file, key.as_ref(), now),
                None => backup::restore(&self.data_file, file, key.as_ref(), now),
            };
            // A failed restore left the old file as it was: plain, it opens again; protected, it waits
            // for its passphrase like any locked store.
            let reopened = match (&restored, db::probe(&self.data_file)) {
                (Ok(_), _) => self.open(key.as_ref().filter(|_| info.protected)).map(Some),
                (Err(_), Ok(FileState::Plain)) => self.open(None).map(Some),
                (Err(_), _) => Ok(None),
            };
            match reopened {
                Ok(store) => {
                    let encrypted = matches!(db::probe(&self.data_file), Ok(FileState::Encrypted));
                    self.protected.store(encrypted, Ordering::SeqCst);
                    self.locked.store(store.is_none(), Ordering::SeqCst);
                    *guard = store;
                    *self.errors() = None;
                }
                Err(e) => *self.errors() = Some(ipc(&e)),
            }
            restored
        };
        if self.guard().is_some() {
            *hold(&self.room) = None;
            self.first_start.store(false, Ordering::SeqCst);
            self.failures.store(0, Ordering::SeqCst);
            *hold(&self.not_saving) = None;
            self.idle().deadline.restart(self.clock.now_ms());
        }
        self.status_changed();
        restored?;
        Ok(self.status())
    }

    /// The backups, newest first: only while the data is open, or when it could not be opened (the
    /// list holds dates and counts, never a name).
    pub fn backups(&self) -> Result<Vec<BackupInfo>> {
        if self.is_locked() {
            return Err(Error::Locked);
        }
        backup::list(&self.data_file)
    }

    /// What one backup holds (its groups' names and meetings). While locked, only a protected backup
    /// that `key` opens.
    pub fn preview_backup(&self, file: &str, key: Option<Passphrase>) -> Result<BackupPreview> {
        let preview = backup::preview(&self.data_file, file, key.as_ref())?;
        if self.is_locked() && !preview.info.protected {
            return Err(Error::Locked);
        }
        Ok(preview)
    }

    /// The newest backup that `key` opens (`None`: a plain one), for the screen that says the data
    /// could not be opened and for a passphrase that does not open the data file. While locked, only
    /// with a passphrase.
    pub fn backup_offer(&self, key: Option<Passphrase>) -> Result<Option<BackupInfo>> {
        if self.is_locked() && key.is_none() {
            return Err(Error::Locked);
        }
        Ok(backup::newest_that_opens(&self.data_file, key.as_ref()))
    }

    /// The frames both windows draw now: from the store, or, while locked, from the name-free copy
    /// kept when it closed (the room display's clock runs on; the chair's window shows no timer).
    pub fn frames(&self) -> Option<Frames> {
        if let Some(clock) = hold(&self.room).as_ref() {
            return Some(Frames { timer: None, room: clock.frame(self.clock.now_ms()) });
        }
        let followed = self.room_meeting();
        self.guard().as_ref().and_then(|s| s.frames(false, followed.as_deref()).ok())
    }

    /// Whether the store is open (false while locked: the key and the data are out of memory).
    #[cfg(test)]
    fn store_is_open(&self) -> bool {
        self.guard().is_some()
    }

    /// First start: create the data file, encrypted when the chair chose a passphrase.
    pub fn set_up(&self, key: Option<Passphrase>) -> Result<StoreStatus> {
        if !self.first_start.load(Ordering::SeqCst) {
            return Err(Error::Conflict(problem!(
                "circlekeepers_data_already_set_up",
                "Circlekeeper's data is already set up on this computer."
            )));
        }
        let store = self.open(key.as_ref())?;
        *self.guard() = Some(store);
        self.protected.store(key.is_some(), Ordering::SeqCst);
        self.first_start.store(false, Ordering::SeqCst);
        self.idle().deadline.restart(self.clock.now_ms());
        Ok(self.status())
    }

    /// Unlocks with the passphrase by opening the encrypted file again (at start, or after a lock
    /// closed it). A wrong one is refused, more slowly each time after the third, and never locks
    /// anyone out for good.
    pub fn unlock(&self, key: Passphrase) -> Result<StoreStatus> {
        if !self.is_locked() {
            return Ok(self.status());
        }
        // The key derivation runs with no lock held: the room display's clock ticks on meanwhile.
        match self.open(Some(&key)) {
            Ok(store) => {
                *self.guard() = Some(store);
                *hold(&self.room) = None;
                self.failures.store(0, Ordering::SeqCst);
                {
                    let mut idle = self.idle();
                    idle.deadline.restart(self.clock.now_ms());
                    idle.postponed = None;
                }
                self.locked.store(false, Ordering::SeqCst);
                *self.errors() = None;
                self.status_changed();
                Ok(self.status())
            }
            Err(e @ Error::WrongPassphrase(_)) => {
                self.slow_down();
                Err(e)
            }
            Err(e) => Err(e),
        }
    }

    /// After three wrong passphrases in a row, each further one waits 2, 4, 8… up to 30 seconds.
    fn slow_down(&self) {
        let n = self.failures.fetch_add(1, Ordering::SeqCst) + 1;
        if n > 3 {
            std::thread::sleep(Duration::from_secs((1u64 << (n - 3).min(5)).min(30)));
        }
    }

    /// The chair locks now (the Lock button, `Ctrl+L`).
    pub fn lock(&self) -> Result<StoreStatus> {
        if !self.protected.load(Ordering::SeqCst) {
            return Err(Error::Invalid(problem!(
                "set_passphrase_first_without_anyone",
                "Set a passphrase first: without one, anyone could unlock Circlekeeper again."
            )));
        }
        self.lock_now();
        Ok(self.status())
    }

    /// Locks and closes the store: the connection goes, and with it the key and every decrypted
    /// page (SQLCipher wipes what it frees). The room display keeps counting from a name-free copy.
    fn lock_now(&self) {
        {
            let mut guard = self.guard();
            if let Some(store) = guard.take() {
                // Without the copy the room display rests until unlock; the lock matters more.
                *hold(&self.room) = store.room_clock(self.room_meeting().as_deref()).ok();
                if let Err(e) = store.close() {
                    eprintln!("circlekeeper: the data file did not close cleanly on lock: {e}");
                }
            }
            self.locked.store(true, Ordering::SeqCst);
        }
        self.idle().postponed = None;
        self.status_changed();
    }

    /// The chair did something in the window. It moves the idle deadline on, unless the deadline
    /// has already passed: then the lock comes now, unless a share or round on screen holds it off
    /// (or already held it off: the key press that stops that share is the chair coming back).
    pub fn touch(&self) -> StoreStatus {
        let now = self.clock.now_ms();
        if !self.is_locked() && !self.idle().deadline.touch(now) {
            if self.idle().postponed.is_none() {
                self.idle_check();
            }
            if !self.is_locked() {
                // Held off by a share: the chair is here, so counting starts again.
                self.idle().deadline.restart(now);
                self.set_postponed(None);
            }
        }
        self.status()
    }

    /// The meeting the chair has on screen (none: another page): only its share or round can hold
    /// off the idle lock, and the room display follows it until another meeting is shown.
    pub fn show_meeting(&self, meeting_id: Option<String>) {
        let mut idle = self.idle();
        if meeting_id.is_some() {
            idle.room.clone_from(&meeting_id);
        }
        idle.on_screen = meeting_id;
    }

    /// The meeting the room display follows: the last one the chair had on screen.
    pub fn room_meeting(&self) -> Option<String> {
        self.idle().room.clone()
    }

    /// The chair's idle time in minutes (0: never), counted from now.
    pub fn set_idle_lock(&self, minutes: u32) -> StoreStatus {
        self.idle().deadline.set_limit(idle::limit_ms(minutes), self.clock.now_ms());
        self.set_postponed(None);
        self.status()
    }

    /// The ticker's beat: lock if the idle time has passed and nothing on screen holds it off.
    pub fn idle_tick(&self) {
        let now = self.clock.now_ms();
        let passed = self.idle().deadline.passed(now);
        if passed {
            self.idle_check();
        } else {
            self.set_postponed(None);
        }
    }

    /// The deadline has passed: lock, or say why not.
    fn idle_check(&self) {
        if self.is_locked() || !self.protected.load(Ordering::SeqCst) {
            return;
        }
        let (on_screen, limit) = {
            let idle = self.idle();
            (idle.on_screen.clone(), idle.deadline.limit_ms().unwrap_or(0))
        };
        // A store that cannot answer cannot hold the lock off.
        match self.with(|s| s.lock_postponed(on_screen.as_deref(), limit)) {
            Ok(Some(why)) => self.set_postponed(Some(why)),
            _ => self.lock_now(),
        }
    }

    fn set_postponed(&self, why: Option<LockPostponed>) {
        let changed = {
            let mut idle = self.idle();
            std::mem::replace(&mut idle.postponed, why) != why
        };
        if changed {
            self.status_changed();
        }
    }

    /// The windows hear the new status, and the room display drops (or gets back) the names.
    /// Called with no lock held: publishing reads the frames.
    fn status_changed(&self) {
        if let Some(publish) = self.publish.get() {
            publish(self, Published::Status(&self.status()));
        }
    }

    /// Sets a passphrase on plain data, or changes it (the current one is asked for again).
    pub fn change_passphrase(&self, current: Option<Passphrase>, new: Passphrase) -> Result<StoreStatus> {
        let protected = self.protected.load(Ordering::SeqCst);
        let changed = self.with(|store| {
            if protected {
                let current = current
                    .ok_or_else(|| Error::Invalid(problem!("enter_passphrase", "Please enter a passphrase.")))?;
                if !store.verify_passphrase(&current) {
                    return Err(Error::WrongPassphrase(circlekeeper_core::error::DATA_FILE));
                }
            }
            store.change_passphrase(&new)
        });
        // The wait comes after the store is let go, so the room display's timer runs on.
        if let Err(Error::WrongPassphrase(_)) = changed {
            self.slow_down();
        }
        changed?;
        self.failures.store(0, Ordering::SeqCst);
        self.protected.store(true, Ordering::SeqCst);
        Ok(self.status())
    }
}

// The two below are out of line on purpose: `AppState::with` is compiled once per command, and
// these are the same for all of them.

/// Why a change was not saved, if that is what `error` says.
#[inline(never)]
fn not_saving(error: Option<&Error>) -> Option<Problem> {
    match error {
        Some(Error::NotSaving(why)) => Some(why.clone()),
        _ => None,
    }
}

#[cold]
#[inline(never)]
fn store_not_open() -> Error {
    Error::Conflict(problem!("store_not_open", "The data store is not open."))
}

#[cfg(test)]
mod tests {
    use super::*;
    use circlekeeper_core::{
        FakeClock, GroupInput, MeetingMode, OpenMeetingInput, PersonInput, StartShareInput, TimerPhase,
    };

    const PASS: &str = "blue kettle on the stove";
    const MIN: i64 = 60_000;

    fn key(text: &str) -> Passphrase {
        Passphrase::new(text.into()).unwrap()
    }

    /// The app on a laptop: its state on a fake clock, over a data folder removed afterwards.
    struct Laptop {
        state: AppState,
        clock: FakeClock,
        dir: PathBuf,
    }

    impl Drop for Laptop {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }

    impl Laptop {
        fn fresh() -> Laptop {
            let dir = std::env::temp_dir().join(format!("circlekeeper-state-{}", circlekeeper_core::new_id()));
            std::fs::create_dir_all(&dir).unwrap();
            let clock = FakeClock::at(1_794_938_400_000);
            let state = AppState::start_on(dir.join("circlekeeper.sqlite3"), Arc::new(clock.clone()));
            Laptop { state, clock, dir }
        }

        fn protected() -> Laptop {
            let l = Laptop::fresh();
            l.state.set_up(Some(key(PASS))).unwrap();
            l
        }

        /// Tonight's meeting with Sam sharing; gives the meeting's id.
        fn sam_sharing(&self) -> String {
            self.state
                .with(|s| {
                    let g = s.create_group(&GroupInput {
                        name: "Tuesday Night Hope".into(),
                        fellowship: "AA open".into(),
                        weekday: 2,
                        start_time: "19:00".into(),
                        length_min: 60,
                        location: String::new(),
                    })?;
                    let sam =
                        s.add_person(&g.id, &PersonInput { display_name: "Sam".into(), last_initial: "K".into() })?;
                    let m = s.open_meeting(&OpenMeetingInput {
                        group_id: g.id,
                        chair: "Robin".into(),
                        mode: MeetingMode::Named,
                        another_today: false,
                    })?;
                    s.check_in(&m.meeting.id, &sam.id)?;
                    s.start_share(&StartShareInput {
                        meeting_id: m.meeting.id.clone(),
                        person_id: Some(sam.id),
                        started_ago_ms: 0,
                        replace_running: false,
                    })?;
                    Ok(m.meeting.id)
                })
                .unwrap()
        }
    }

    #[test]
    fn a_first_start_protected_with_a_passphrase_locks_and_unlocks() {
        let l = Laptop::fresh();
        let state = &l.state;
        assert!(state.status().first_start);
        assert!(matches!(state.with(|s| s.groups()), Err(Error::Conflict(_))), "nothing is open before the choice");
        let status = state.set_up(Some(key(PASS))).unwrap();
        assert!(status.protected && !status.locked && !status.first_start);
        assert!(state.with(|s| s.groups()).unwrap().is_empty());

        assert!(state.lock().unwrap().locked);
        assert!(matches!(state.with(|s| s.groups()), Err(Error::Locked)), "every command waits for the passphrase");
        assert!(matches!(state.unlock(key("not the passphrase")), Err(Error::WrongPassphrase(_))));
        assert!(state.is_locked());
        assert!(!state.unlock(key(PASS)).unwrap().locked);

        // The next start finds the file encrypted and waits for the passphrase.
        let again = AppState::start(state.data_file.clone());
        assert!(again.status().locked && again.status().protected);
        assert!(!again.unlock(key(PASS)).unwrap().locked);
        assert!(again.with(|s| s.groups()).is_ok());
    }

    #[test]
    fn the_store_stays_free_while_a_wrong_passphrase_is_slowed_down() {
        let l = Laptop::fresh();
        let state = &l.state;
        state.set_up(Some(key(PASS))).unwrap();
        for _ in 0..3 {
            assert!(state.change_passphrase(Some(key("not the passphrase")), key("another kettle")).is_err());
        }
        std::thread::scope(|scope| {
            // The fourth wrong one in a row is checked (a fraction of a second), then waits two
            // seconds before it answers.
            let slowed = scope.spawn(|| state.change_passphrase(Some(key("still not it")), key("another kettle")));
            std::thread::sleep(Duration::from_millis(1200));
            let asked = std::time::Instant::now();
            assert!(state.with(|s| s.groups()).is_ok());
            let answered = asked.elapsed();
            assert!(answered < Duration::from_millis(100), "the store waited {answered:?} for the slow-down");
            assert!(!slowed.is_finished(), "the slow-down did not wait: the test proves nothing");
            assert!(matches!(slowed.join().unwrap(), Err(Error::WrongPassphrase(_))));
        });
    }

    /// Noise standing in for a damaged data file: the same bytes on every run.
    fn noise(len: usize) -> Vec<u8> {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        (0..len)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                seed as u8
            })
            .collect()
    }

    #[test]
    fn a_damaged_data_file_is_reported_as_damaged_not_as_locked() {
        let l = Laptop::fresh();
        let path = l.dir.join("circlekeeper.sqlite3");
        // Cut short or not whole pages: it cannot be an encrypted store, so no passphrase is asked for.
        std::fs::write(&path, noise(10_000)).unwrap();
        let status = AppState::start(path.clone()).status();
        assert!(!status.locked && !status.protected && !status.first_start, "{status:?}");
        let error = status.open_error.expect("the file is refused");
        assert_eq!(error.kind, "not_a_database");
        assert!(error.message.contains("damaged") && error.message.contains("protected backup"), "{}", error.message);
        assert_eq!(std::fs::read(&path).unwrap(), noise(10_000), "left exactly as it was");

        // Whole pages of noise look like an encrypted store; a passphrase that does not open it
        // says the file may be damaged instead, and where the backups are.
        std::fs::write(&path, noise(8192)).unwrap();
        let state = AppState::start(path.clone());
        assert!(state.status().locked);
        let err = state.unlock(key(PASS)).unwrap_err().to_string();
        assert!(err.contains("the file may be damaged instead") && err.contains("automatic backups"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), noise(8192), "left exactly as it was");
    }

    #[test]
    fn plain_data_cannot_be_locked_until_it_has_a_passphrase() {
        let l = Laptop::fresh();
        let state = &l.state;
        state.set_up(None).unwrap();
        assert!(matches!(state.lock(), Err(Error::Invalid(_))));
        let status = state.change_passphrase(None, key(PASS)).unwrap();
        assert!(status.protected);
        assert!(state.lock().unwrap().locked);
        assert!(matches!(state.change_passphrase(Some(key(PASS)), key("another kettle")), Err(Error::Locked)));
        state.unlock(key(PASS)).unwrap();
        assert!(matches!(
            state.change_passphrase(Some(key("wrong passphrase")), key("another kettle")),
            Err(Error::WrongPassphrase(_))
        ));
        state.change_passphrase(Some(key(PASS)), key("another kettle")).unwrap();
        state.lock().unwrap();
        assert!(state.unlock(key(PASS)).is_err());
        assert!(!state.unlock(key("another kettle")).unwrap().locked);
    }

    #[test]
    fn the_room_follows_the_last_meeting_on_screen_and_no_other() {
        let l = Laptop::fresh();
        l.state.set_up(None).unwrap();
        let meeting = l.sam_sharing();
        assert!(!l.state.frames().unwrap().room.running, "no meeting shown yet: the room rests");

        l.state.show_meeting(Some(meeting.clone()));
        assert_eq!(l.state.frames().unwrap().room.speaker.as_deref(), Some("Sam K."));
        // The chair glances at the group's page mid-share: the room's clock runs on.
        l.state.show_meeting(None);
        assert_eq!(l.state.frames().unwrap().room.speaker.as_deref(), Some("Sam K."));
        // Another meeting on screen: Sam's share, in a meeting not shown, leaves the projector.
        l.state.show_meeting(Some("another meeting".into()));
        let frames = l.state.frames().unwrap();
        assert!(!frames.room.running && frames.timer.is_none());
    }

    #[test]
    fn locking_closes_the_data_file_and_the_room_clock_runs_on_without_names() {
        let l = Laptop::protected();
        let meeting = l.sam_sharing();
        l.state.show_meeting(Some(meeting.clone()));
        let wal = l.dir.join("circlekeeper.sqlite3-wal");
        assert!(l.state.store_is_open() && wal.exists(), "open, the store writes ahead into its WAL");
        let before = l.state.frames().unwrap();
        assert_eq!(before.room.speaker.as_deref(), Some("Sam K."));

        l.state.lock().unwrap();
        assert!(!l.state.store_is_open(), "locked, the app holds no store and so no key");
        assert!(!wal.exists(), "the last connection closed: SQLite folded its WAL back and removed it");
        let locked = l.state.frames().unwrap();
        assert!(locked.timer.is_none() && locked.room.speaker.is_none() && locked.room.running);

        l.clock.advance_ms(3 * MIN + 30_000);
        let later = l.state.frames().unwrap().room;
        assert_eq!(later.remaining_ms, locked.room.remaining_ms - (3 * MIN + 30_000), "the timer ticks on");
        assert_eq!((later.phase, later.speaker), (TimerPhase::WrapUp, None));

        l.state.unlock(key(PASS)).unwrap();
        assert!(l.state.store_is_open());
        let back = l.state.frames().unwrap();
        assert_eq!(back.room.speaker.as_deref(), Some("Sam K."), "unlocked, everything is back");
        assert_eq!(back.room.remaining_ms, later.remaining_ms);
        assert_eq!(back.timer.unwrap().meeting_id, meeting);
    }

    #[test]
    fn the_idle_deadline_locks_by_itself_and_a_late_key_press_does_not_save_it() {
        let l = Laptop::protected();
        l.state.set_idle_lock(10);
        l.clock.advance_ms(9 * MIN);
        assert!(!l.state.touch().locked, "the chair is here");
        l.clock.advance_ms(9 * MIN);
        l.state.idle_tick();
        assert!(!l.state.is_locked(), "nine minutes since the last key press");
        l.clock.advance_ms(MIN);
        // The chair comes back just after the deadline, before the ticker's next beat.
        assert!(l.state.touch().locked, "a key press after the deadline locks, it does not save it");
        assert!(!l.state.store_is_open());

        l.state.unlock(key(PASS)).unwrap();
        l.clock.advance_ms(10 * MIN);
        l.state.idle_tick();
        assert!(l.state.is_locked(), "the ticker locks with nobody touching anything");
    }

    #[test]
    fn a_share_on_screen_holds_off_the_idle_lock_and_says_so() {
        let l = Laptop::protected();
        l.state.set_idle_lock(10);
        let meeting = l.sam_sharing();
        l.clock.advance_ms(10 * MIN);
        l.state.idle_tick();
        assert!(l.state.is_locked(), "the share is in a meeting the chair does not have on screen");

        l.state.unlock(key(PASS)).unwrap();
        l.state.show_meeting(Some(meeting.clone()));
        let next = StartShareInput { meeting_id: meeting, person_id: None, started_ago_ms: 0, replace_running: true };
        l.state.with(|s| s.start_share(&next)).unwrap();
        l.clock.advance_ms(5 * MIN);
        l.state.idle_tick();
        let status = l.state.status();
        assert!(!status.locked && status.lock_postponed.is_none(), "the idle time has not passed yet");
        // The share ran out of time 6 minutes ago: still active within the idle time (10 minutes).
        l.clock.advance_ms(5 * MIN);
        l.state.idle_tick();
        let status = l.state.status();
        assert_eq!((status.locked, status.lock_postponed), (false, Some(LockPostponed::ShareRunning)));
        assert!(!l.state.touch().locked && l.state.status().lock_postponed.is_none(), "the chair is back");
    }

    fn group_names(l: &Laptop) -> Vec<String> {
        l.state.with(|s| s.groups()).unwrap().into_iter().map(|g| g.name).collect()
    }

    fn new_group(l: &Laptop, name: &str) {
        l.state
            .with(|s| {
                s.create_group(&GroupInput {
                    name: name.into(),
                    fellowship: "AA open".into(),
                    weekday: 2,
                    start_time: "19:00".into(),
                    length_min: 60,
                    location: String::new(),
                })
            })
            .unwrap();
    }

    #[test]
    fn a_change_that_is_not_saved_says_so_until_one_is() {
        let l = Laptop::fresh();
        l.state.set_up(None).unwrap();
        let full = || Err::<(), _>(Error::NotSaving("The disk is full.".into()));
        assert!(matches!(l.state.with(|_| full()), Err(Error::NotSaving(_))));
        assert_eq!(l.state.status().not_saving.as_deref(), Some("The disk is full."));
        // Reading does not say the disk has room again; a change that lands does.
        l.state.with(|s| s.groups()).unwrap();
        assert!(l.state.status().not_saving.is_some());
        new_group(&l, "Tuesday Night Hope");
        assert_eq!(l.state.status().not_saving, None);
    }

    #[test]
    fn a_restore_brings_the_backup_back_and_keeps_what_was_there_aside() {
        let l = Laptop::fresh();
        l.state.set_up(None).unwrap();
        new_group(&l, "Tuesday Night Hope");
        let taken = l.state.back_up(BackupReason::ByHand).unwrap();
        l.clock.advance_ms(MIN);
        new_group(&l, "Friday Serenity");

        let status = l.state.restore(&taken.file, None).unwrap();
        assert!(!status.locked && !status.protected && status.open_error.is_none(), "{status:?}");
        assert_eq!(group_names(&l), ["Tuesday Night Hope"]);
        let kept = l.state.backups().unwrap();
        assert!(
            kept.iter().any(|b| b.reason == BackupReason::BeforeRestore && b.groups == Some(2)),
            "what was there is a backup of its own: {kept:?}"
        );
    }

    #[test]
    fn while_locked_only_the_passphrase_of_a_protected_backup_restores_it() {
        let l = Laptop::protected();
        new_group(&l, "Tuesday Night Hope");
        let taken = l.state.back_up(BackupReason::ByHand).unwrap();
        assert!(taken.protected);
        l.state.lock().unwrap();
        assert!(matches!(l.state.backups(), Err(Error::Locked)));
        assert!(matches!(l.state.backup_offer(None), Err(Error::Locked)));
        assert!(l.state.restore(&taken.file, None).is_err());
        assert!(l.state.restore(&taken.file, Some(key("not the passphrase"))).is_err());
        assert!(l.state.is_locked(), "nothing was opened");

        let offer = l.state.backup_offer(Some(key(PASS))).unwrap().expect("the passphrase opens the backup");
        assert_eq!(offer.file, taken.file);
        let status = l.state.restore(&offer.file, Some(key(PASS))).unwrap();
        assert!(!status.locked && status.protected, "{status:?}");
        assert_eq!(group_names(&l), ["Tuesday Night Hope"]);
    }

    #[test]
    fn a_backup_that_fails_says_so_and_the_next_that_works_clears_it() {
        let l = Laptop::fresh();
        l.state.set_up(None).unwrap();
        new_group(&l, "Tuesday Night Hope");
        // A file where the backups folder should be: no backup can be written there.
        let folder = backup::folder(&l.state.data_file);
        std::fs::write(&folder, b"not a folder").unwrap();
        assert!(l.state.back_up(BackupReason::Daily).is_err());
        assert!(l.state.status().backup_problem.is_some());
        assert_eq!(group_names(&l), ["Tuesday Night Hope"], "the meeting goes on");

        std::fs::remove_file(&folder).unwrap();
        l.state.back_up(BackupReason::Daily).unwrap();
        assert_eq!(l.state.status().backup_problem, None);
        assert_eq!(l.state.backups().unwrap()[0].taken_at, l.clock.now_ms());
    }

    #[test]
    fn a_backup_problem_stays_on_screen_through_checks_that_find_no_backup_due() {
        let l = Laptop::fresh();
        l.state.set_up(None).unwrap();
        new_group(&l, "Tuesday Night Hope");
        let taken = l.state.back_up(BackupReason::Daily).unwrap();
        // Something in the backups folder that cannot be brought in line: a folder with a backup's name.
        let odd = backup::folder(&l.state.data_file).join(taken.file.replace("daily", "by-hand"));
        std::fs::create_dir(&odd).unwrap();
        assert!(l.state.align_backups(None).is_err());
        let problem = l.state.status().backup_problem.expect("the failure is shown");

        // The minute's check: a backup was taken this morning and no meeting has closed since.
        assert_eq!(l.state.back_up_if_due().unwrap(), None);
        assert_eq!(l.state.status().backup_problem, Some(problem), "nothing worked, so the note stays");
        std::fs::remove_dir(&odd).unwrap();
        l.state.align_backups(None).unwrap();
        assert_eq!(l.state.status().backup_problem, None);
    }

    #[test]
    fn a_meeting_whose_backup_never_got_written_is_backed_up_when_the_data_opens_again() {
        let l = Laptop::protected();
        let morning = l.state.back_up(BackupReason::Daily).unwrap();
        l.clock.advance_ms(10 * MIN);
        let meeting = l.sam_sharing();
        l.state
            .with(|s| {
                let running = s.running_timer(&meeting)?.expect("Sam is sharing");
                s.stop_share(&running.share_id)
            })
            .unwrap();
        l.clock.advance_ms(MIN);
        // Closed; the app is then shut (or the laptop loses power) before its backup is written.
        l.state.with(|s| s.close_meeting(&meeting)).unwrap();
        l.clock.advance_ms(MIN);

        let again = AppState::start_on(l.state.data_file.clone(), Arc::new(l.clock.clone()));
        assert!(matches!(again.back_up_if_due(), Err(Error::Locked)), "nothing is read before the passphrase");
        again.unlock(key(PASS)).unwrap();
        let caught_up = again.back_up_if_due().unwrap().expect("the closed meeting is backed up");
        assert_eq!(caught_up.reason, BackupReason::MeetingClosed);
        assert_eq!(caught_up.meetings, Some(1));
        assert_ne!(caught_up.file, morning.file);
        assert_eq!(again.back_up_if_due().unwrap(), None, "once is enough until the next close or tomorrow");
    }

    #[test]
    fn after_a_new_passphrase_the_backups_open_with_it_and_not_the_old_one() {
        let l = Laptop::protected();
        new_group(&l, "Tuesday Night Hope");
        l.state.back_up(BackupReason::MeetingClosed).unwrap();
        l.state.change_passphrase(Some(key(PASS)), key("another kettle")).unwrap();
        // What the change_passphrase command runs in the background, with the passphrase it replaced.
        let aligned = l.state.align_backups(Some(key(PASS))).unwrap();
        assert_eq!((aligned.mended, aligned.removed), (1, 0));
        assert!(l.state.backup_offer(Some(key("another kettle"))).unwrap().is_some());
        assert_eq!(l.state.backup_offer(Some(key(PASS))).unwrap(), None, "the old passphrase opens no backup");
    }

    #[test]
    fn restoring_a_backup_from_before_a_new_passphrase_keeps_the_newer_data_as_the_way_back() {
        let l = Laptop::protected();
        new_group(&l, "Tuesday Night Hope");
        let before = l.state.back_up(BackupReason::Daily).unwrap();
        l.state.change_passphrase(Some(key(PASS)), key("another kettle")).unwrap();
        l.clock.advance_ms(MIN);
        new_group(&l, "Friday Serenity");

        // The chair types the passphrase that backup was made with.
        l.state.restore(&before.file, Some(key(PASS))).unwrap();
        assert_eq!(group_names(&l), ["Tuesday Night Hope"]);
        let kept = l.state.backups().unwrap().into_iter().find(|b| b.reason == BackupReason::BeforeRestore);
        let kept = kept.expect("the data as it was is offered to restore");
        assert_eq!(kept.groups, Some(2));
        l.state.align_backups(None).unwrap();
        l.state.restore(&kept.file, Some(key("another kettle"))).unwrap();
        assert_eq!(group_names(&l), ["Friday Serenity", "Tuesday Night Hope"]);
    }
}
