//! The store as the shell holds it: opened once at start, or the reason it could not be,
//! so the window can say so in plain words instead of failing silently.

use std::path::PathBuf;
use std::sync::Mutex;

use circlekeeper_core::{Error, IpcError, Result, Store};

pub struct AppState {
    store: Mutex<Option<Store>>,
    pub data_file: PathBuf,
    pub open_error: Option<IpcError>,
}

impl AppState {
    pub fn new(data_file: PathBuf, opened: Result<Store>) -> AppState {
        let (store, open_error) = match opened {
            Ok(store) => (Some(store), None),
            Err(e) => (None, Some(IpcError { kind: e.kind().into(), message: e.to_string(), existing_id: None })),
        };
        AppState { store: Mutex::new(store), data_file, open_error }
    }

    /// Runs one core call against the store.
    pub fn with<T>(&self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        // A panic in an earlier command poisons the lock; the store itself is still consistent
        // (every write is one transaction), so carry on rather than lock the chair out mid-meeting.
        let mut guard = self.store.lock().unwrap_or_else(|p| p.into_inner());
        match guard.as_mut() {
            Some(store) => f(store),
            None => Err(Error::Conflict(
                self.open_error
                    .as_ref()
                    .map(|e| e.message.clone())
                    .unwrap_or_else(|| "The data store is not open.".into()),
            )),
        }
    }
}
