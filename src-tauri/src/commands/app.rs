//! Where the data lives, whether it is protected, locking and unlocking it, and what the idle lock
//! needs to know from the window. A passphrase becomes a [`Passphrase`] (wiped when dropped) before
//! anything else is done with it.

use circlekeeper_core::{Passphrase, Result, StoreStatus};
use tauri::{AppHandle, State};

use crate::state::AppState;

#[tauri::command]
pub fn app_status(state: State<'_, AppState>) -> StoreStatus {
    state.status()
}

/// First start: `passphrase` protects the data; `None` keeps it plain (the chair chose so).
#[tauri::command]
pub fn set_up_store(app: AppHandle, state: State<'_, AppState>, passphrase: Option<String>) -> Result<StoreStatus> {
    let key = passphrase.map(Passphrase::new).transpose()?;
    crate::backups::after_opening(&app, crate::retention::after_opening(&app, state.set_up(key)))
}

#[tauri::command]
pub fn unlock(app: AppHandle, state: State<'_, AppState>, passphrase: String) -> Result<StoreStatus> {
    let key = Passphrase::new(passphrase)?;
    crate::backups::after_opening(&app, crate::retention::after_opening(&app, state.unlock(key)))
}

/// The chair locks now. The idle lock is the shell's own (see `AppState::idle_tick`).
#[tauri::command]
pub fn lock(state: State<'_, AppState>) -> Result<StoreStatus> {
    state.lock()
}

/// The meeting the chair has on screen, or none: the room display follows it alone, and only
/// its share or round can hold off the idle lock.
#[tauri::command]
pub fn show_meeting(state: State<'_, AppState>, meeting_id: Option<String>) {
    state.show_meeting(meeting_id)
}

#[tauri::command]
pub fn change_passphrase(
    app: AppHandle,
    state: State<'_, AppState>,
    current: Option<String>,
    new: String,
) -> Result<StoreStatus> {
    let (current, new) = (current.map(Passphrase::new).transpose()?, Passphrase::new(new)?);
    // The backups taken under the old passphrase (or none) are encrypted again with the new one.
    crate::backups::align_after(&app, current.clone(), state.change_passphrase(current, new))
}

/// The chair did something in the window (sent at most every few seconds).
#[tauri::command]
pub fn touch(state: State<'_, AppState>) -> StoreStatus {
    state.touch()
}

/// The chair's idle time, in minutes (0: never).
#[tauri::command]
pub fn set_idle_lock(state: State<'_, AppState>, minutes: u32) -> StoreStatus {
    state.set_idle_lock(minutes)
}
