//! The store as the shell holds it: opened at start (or after the passphrase is given), locked
//! and unlocked, or the reason it could not be opened, so the window can say so in plain words.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::Duration;

use circlekeeper_core::store::db::{self, FileState};
use circlekeeper_core::{Changes, Error, IpcError, Passphrase, Result, Store, StoreStatus, SystemClock};

/// Where the state tells the windows what changed: `Some` with what a write changed, `None` when
/// only the lock did. Set once the app is up (see `events::publish`); tests run without one.
pub type Publish = Box<dyn Fn(&Store, Option<&Changes>, bool) + Send + Sync>;

pub struct AppState {
    store: Mutex<Option<Store>>,
    publish: OnceLock<Publish>,
    pub data_file: PathBuf,
    open_error: Mutex<Option<IpcError>>,
    first_start: AtomicBool,
    protected: AtomicBool,
    locked: AtomicBool,
    /// Wrong passphrases in a row: each one after the third waits longer before answering.
    failures: AtomicU32,
}

fn ipc(e: &Error) -> IpcError {
    IpcError { kind: e.kind().into(), message: e.to_string(), existing_id: None }
}

fn open(path: &std::path::Path, key: Option<&Passphrase>) -> Result<Store> {
    Store::open_keyed(path, Arc::new(SystemClock::default()), key)
}

impl AppState {
    /// Looks at the data file: none yet (the chair chooses), plain (opened), or encrypted (locked
    /// until the passphrase is given). A file that is none of these is refused and left as it is.
    pub fn start(data_file: PathBuf) -> AppState {
        let state = AppState {
            store: Mutex::new(None),
            publish: OnceLock::new(),
            data_file,
            open_error: Mutex::new(None),
            first_start: AtomicBool::new(false),
            protected: AtomicBool::new(false),
            locked: AtomicBool::new(false),
            failures: AtomicU32::new(0),
        };
        match db::probe(&state.data_file) {
            Ok(FileState::Missing) => state.first_start.store(true, Ordering::SeqCst),
            Ok(FileState::Plain) => state.adopt(open(&state.data_file, None)),
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

    fn errors(&self) -> MutexGuard<'_, Option<IpcError>> {
        self.open_error.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn guard(&self) -> MutexGuard<'_, Option<Store>> {
        // A panic in an earlier command poisons the lock; the store itself is still consistent
        // (every write is one transaction), so carry on rather than lock the chair out mid-meeting.
        self.store.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn adopt(&self, opened: Result<Store>) {
        match opened {
            Ok(store) => *self.guard() = Some(store),
            Err(e) => *self.errors() = Some(ipc(&e)),
        }
    }

    pub fn status(&self) -> StoreStatus {
        StoreStatus {
            data_file: self.data_file.display().to_string(),
            open_error: self.errors().clone(),
            first_start: self.first_start.load(Ordering::SeqCst),
            protected: self.protected.load(Ordering::SeqCst),
            locked: self.locked.load(Ordering::SeqCst),
        }
    }

    pub fn is_locked(&self) -> bool {
        self.locked.load(Ordering::SeqCst)
    }

    /// Runs one core call against the store, unless the app is locked.
    pub fn with<T>(&self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        if self.is_locked() {
            return Err(Error::Locked);
        }
        self.peek(f)
    }

    /// Runs a core call whether or not the app is locked: for the heartbeat, which decides itself
    /// what a locked app may still show.
    pub fn peek<T>(&self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        match self.guard().as_mut() {
            Some(store) => {
                let out = f(store);
                // Core says what the call changed; the windows hear of it before the caller does.
                let changes = store.take_changes();
                if let (false, Some(publish)) = (changes.is_empty(), self.publish.get()) {
                    publish(store, Some(&changes), self.is_locked());
                }
                out
            }
            None => Err(Error::Conflict(
                self.errors()
                    .as_ref()
                    .map(|e| e.message.clone())
                    .unwrap_or_else(|| "The data store is not open.".into()),
            )),
        }
    }

    /// First start: create the data file, encrypted when the chair chose a passphrase.
    pub fn set_up(&self, passphrase: Option<String>) -> Result<StoreStatus> {
        if !self.first_start.load(Ordering::SeqCst) {
            return Err(Error::Conflict("Circlekeeper's data is already set up on this computer.".into()));
        }
        let key = passphrase.map(Passphrase::new).transpose()?;
        let store = open(&self.data_file, key.as_ref())?;
        *self.guard() = Some(store);
        self.protected.store(key.is_some(), Ordering::SeqCst);
        self.first_start.store(false, Ordering::SeqCst);
        Ok(self.status())
    }

    /// Unlocks with the passphrase: opens the encrypted file at start, or checks the passphrase
    /// against the open store after a lock. A wrong one is refused, more slowly each time after
    /// the third, and never locks anyone out for good.
    pub fn unlock(&self, passphrase: String) -> Result<StoreStatus> {
        if !self.is_locked() {
            return Ok(self.status());
        }
        let key = Passphrase::new(passphrase)?;
        let mut guard = self.guard();
        let opened = match guard.as_ref() {
            Some(store) => store
                .verify_passphrase(&key)
                .then_some(())
                .ok_or(Error::WrongPassphrase(circlekeeper_core::error::DATA_FILE)),
            None => open(&self.data_file, Some(&key)).map(|store| *guard = Some(store)),
        };
        drop(guard);
        match opened {
            Ok(()) => {
                self.failures.store(0, Ordering::SeqCst);
                self.locked.store(false, Ordering::SeqCst);
                *self.errors() = None;
                self.lock_changed();
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

    /// Locks now. `idle` is the idle timer asking: it never locks during a share or a round.
    pub fn lock(&self, idle: bool) -> Result<StoreStatus> {
        if !self.protected.load(Ordering::SeqCst) {
            return Err(Error::Invalid(
                "Set a passphrase first: without one, anyone could unlock Circlekeeper again.".into(),
            ));
        }
        if idle && self.peek(|s| s.sharing_in_progress())? {
            return Ok(self.status());
        }
        self.locked.store(true, Ordering::SeqCst);
        self.lock_changed();
        Ok(self.status())
    }

    /// The room display drops (or gets back) the names the moment the lock changes.
    fn lock_changed(&self) {
        if let (Some(store), Some(publish)) = (self.guard().as_ref(), self.publish.get()) {
            publish(store, None, self.is_locked());
        }
    }

    /// Sets a passphrase on plain data, or changes it (the current one is asked for again).
    pub fn change_passphrase(&self, current: Option<String>, new: String) -> Result<StoreStatus> {
        let new = Passphrase::new(new)?;
        let protected = self.protected.load(Ordering::SeqCst);
        self.with(|store| {
            if protected {
                let current = Passphrase::new(current.unwrap_or_default())?;
                if !store.verify_passphrase(&current) {
                    self.slow_down();
                    return Err(Error::WrongPassphrase(circlekeeper_core::error::DATA_FILE));
                }
            }
            store.change_passphrase(&new)
        })?;
        self.failures.store(0, Ordering::SeqCst);
        self.protected.store(true, Ordering::SeqCst);
        Ok(self.status())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PASS: &str = "blue kettle on the stove";

    fn fresh() -> (AppState, PathBuf) {
        let dir = std::env::temp_dir().join(format!("circlekeeper-state-{}", circlekeeper_core::new_id()));
        std::fs::create_dir_all(&dir).unwrap();
        (AppState::start(dir.join("circlekeeper.sqlite3")), dir)
    }

    #[test]
    fn a_first_start_protected_with_a_passphrase_locks_and_unlocks() {
        let (state, dir) = fresh();
        assert!(state.status().first_start);
        assert!(matches!(state.with(|s| s.groups()), Err(Error::Conflict(_))), "nothing is open before the choice");
        assert!(state.set_up(Some("short".into())).is_err(), "a passphrase needs 8 characters");
        let status = state.set_up(Some(PASS.into())).unwrap();
        assert!(status.protected && !status.locked && !status.first_start);
        assert!(state.with(|s| s.groups()).unwrap().is_empty());

        assert!(state.lock(false).unwrap().locked);
        assert!(matches!(state.with(|s| s.groups()), Err(Error::Locked)), "every command waits for the passphrase");
        assert!(state.peek(|s| s.frames(true)).is_ok(), "the heartbeat still times a share for the room");
        assert!(matches!(state.unlock("not the passphrase".into()), Err(Error::WrongPassphrase(_))));
        assert!(state.is_locked());
        assert!(!state.unlock(PASS.into()).unwrap().locked);

        // The next start finds the file encrypted and waits for the passphrase.
        drop(state);
        let again = AppState::start(dir.join("circlekeeper.sqlite3"));
        assert!(again.status().locked && again.status().protected);
        assert!(!again.unlock(PASS.into()).unwrap().locked);
        assert!(again.with(|s| s.groups()).is_ok());
        std::fs::remove_dir_all(dir).unwrap();
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
        let (_, dir) = fresh();
        let path = dir.join("circlekeeper.sqlite3");
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
        let err = state.unlock(PASS.into()).unwrap_err().to_string();
        assert!(err.contains("the file may be damaged instead") && err.contains("Documents folder"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), noise(8192), "left exactly as it was");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn plain_data_cannot_be_locked_until_it_has_a_passphrase() {
        let (state, dir) = fresh();
        state.set_up(None).unwrap();
        assert!(matches!(state.lock(false), Err(Error::Invalid(_))));
        let status = state.change_passphrase(None, PASS.into()).unwrap();
        assert!(status.protected);
        assert!(state.lock(true).unwrap().locked, "nothing is under way, so the idle timer may lock");
        assert!(matches!(state.change_passphrase(Some(PASS.into()), "another kettle".into()), Err(Error::Locked)));
        state.unlock(PASS.into()).unwrap();
        assert!(matches!(
            state.change_passphrase(Some("wrong passphrase".into()), "another kettle".into()),
            Err(Error::WrongPassphrase(_))
        ));
        state.change_passphrase(Some(PASS.into()), "another kettle".into()).unwrap();
        state.lock(false).unwrap();
        assert!(state.unlock(PASS.into()).is_err());
        assert!(!state.unlock("another kettle".into()).unwrap().locked);
        std::fs::remove_dir_all(dir).unwrap();
    }
}
