//! Where the data lives, whether it is protected, and locking and unlocking it.

use circlekeeper_core::{Result, StoreStatus};
use tauri::{AppHandle, State};

use crate::state::AppState;

#[tauri::command]
pub fn app_status(state: State<'_, AppState>) -> StoreStatus {
    state.status()
}

/// First start: `passphrase` protects the data; `None` keeps it plain (the chair chose so).
#[tauri::command(async)]
pub fn set_up_store(app: AppHandle, state: State<'_, AppState>, passphrase: Option<String>) -> Result<StoreStatus> {
    crate::retention::after_opening(&app, state.set_up(passphrase))
}

#[tauri::command(async)]
pub fn unlock(app: AppHandle, state: State<'_, AppState>, passphrase: String) -> Result<StoreStatus> {
    crate::retention::after_opening(&app, state.unlock(passphrase))
}

#[tauri::command(async)]
pub fn lock(state: State<'_, AppState>, idle: bool) -> Result<StoreStatus> {
    state.lock(idle)
}

/// The meeting the chair has on screen, or none: the room display follows it alone.
#[tauri::command(async)]
pub fn show_meeting(state: State<'_, AppState>, meeting_id: Option<String>) {
    state.show_meeting(meeting_id)
}

#[tauri::command(async)]
pub fn change_passphrase(state: State<'_, AppState>, current: Option<String>, new: String) -> Result<StoreStatus> {
    state.change_passphrase(current, new)
}
