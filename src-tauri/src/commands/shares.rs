//! The share timer: start, stop, pause, adjust, back-date, and the settings it runs with.

use circlekeeper_core::{Result, ShareSettings, ShareState, StartShareInput};
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub fn share_state(state: State<'_, AppState>, meeting_id: String) -> Result<ShareState> {
    state.with(|s| s.share_state(&meeting_id))
}

#[tauri::command]
pub fn start_share(state: State<'_, AppState>, input: StartShareInput) -> Result<ShareState> {
    state.with(|s| s.start_share(&input))
}

#[tauri::command]
pub fn stop_share(state: State<'_, AppState>, share_id: String) -> Result<ShareState> {
    state.with(|s| s.stop_share(&share_id))
}

#[tauri::command]
pub fn undo_stop(state: State<'_, AppState>, meeting_id: String) -> Result<ShareState> {
    state.with(|s| s.undo_stop(&meeting_id))
}

#[tauri::command]
pub fn pause_share(state: State<'_, AppState>, share_id: String) -> Result<ShareState> {
    state.with(|s| s.pause_share(&share_id))
}

#[tauri::command]
pub fn resume_share(state: State<'_, AppState>, share_id: String) -> Result<ShareState> {
    state.with(|s| s.resume_share(&share_id))
}

#[tauri::command]
pub fn adjust_share(state: State<'_, AppState>, share_id: String, delta_ms: i64) -> Result<ShareState> {
    state.with(|s| s.adjust_share(&share_id, delta_ms))
}

#[tauri::command]
pub fn backdate_share(state: State<'_, AppState>, share_id: String, ms: i64) -> Result<ShareState> {
    state.with(|s| s.backdate_share(&share_id, ms))
}

#[tauri::command]
pub fn group_share_settings(state: State<'_, AppState>, group_id: String) -> Result<ShareSettings> {
    state.with(|s| s.group_share_settings(&group_id))
}

#[tauri::command]
pub fn set_group_share_settings(
    state: State<'_, AppState>,
    group_id: String,
    settings: ShareSettings,
) -> Result<ShareSettings> {
    state.with(|s| s.set_group_share_settings(&group_id, settings))
}

#[tauri::command]
pub fn set_meeting_share_settings(
    state: State<'_, AppState>,
    meeting_id: String,
    settings: Option<ShareSettings>,
) -> Result<ShareState> {
    state.with(|s| s.set_meeting_share_settings(&meeting_id, settings))
}
