//! Attendance slips: issued at a meeting, verified from the group page, and the group's switch.

use circlekeeper_core::{Group, Result, Slip, SlipLookup};
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub fn issue_slip(state: State<'_, AppState>, meeting_id: String) -> Result<Slip> {
    state.with(|s| s.issue_slip(&meeting_id))
}

#[tauri::command]
pub fn verify_slip(state: State<'_, AppState>, group_id: String, serial: String) -> Result<SlipLookup> {
    state.with(|s| s.verify_slip(&group_id, &serial))
}

#[tauri::command]
pub fn set_slips(state: State<'_, AppState>, group_id: String, on: bool) -> Result<Group> {
    state.with(|s| s.set_slips(&group_id, on))
}
