//! The speaking order: seating, circle and open-sharing rounds, fair time, and the summary.

use circlekeeper_core::{Result, SharesSummary, SharingRules, SharingTimeInput, SharingView, StartCircleInput};
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub fn sharing(state: State<'_, AppState>, meeting_id: String) -> Result<SharingView> {
    state.with(|s| s.sharing(&meeting_id))
}

#[tauri::command]
pub fn set_seating(state: State<'_, AppState>, meeting_id: String, seats: Vec<String>) -> Result<SharingView> {
    state.with(|s| s.set_seating(&meeting_id, &seats))
}

#[tauri::command]
pub fn move_seat(state: State<'_, AppState>, meeting_id: String, person_id: String, by: i32) -> Result<SharingView> {
    state.with(|s| s.move_seat(&meeting_id, &person_id, by))
}

#[tauri::command]
pub fn start_circle(state: State<'_, AppState>, input: StartCircleInput) -> Result<SharingView> {
    state.with(|s| s.start_circle(&input))
}

#[tauri::command]
pub fn start_open_sharing(state: State<'_, AppState>, meeting_id: String) -> Result<SharingView> {
    state.with(|s| s.start_open_sharing(&meeting_id))
}

#[tauri::command]
pub fn next_speaker(state: State<'_, AppState>, meeting_id: String) -> Result<SharingView> {
    state.with(|s| s.next_speaker(&meeting_id))
}

#[tauri::command]
pub fn pass_turn(state: State<'_, AppState>, meeting_id: String) -> Result<SharingView> {
    state.with(|s| s.pass_turn(&meeting_id))
}

#[tauri::command]
pub fn skip_turn(state: State<'_, AppState>, meeting_id: String) -> Result<SharingView> {
    state.with(|s| s.skip_turn(&meeting_id))
}

#[tauri::command]
pub fn raise_hand(state: State<'_, AppState>, meeting_id: String, person_id: String) -> Result<SharingView> {
    state.with(|s| s.raise_hand(&meeting_id, &person_id))
}

#[tauri::command]
pub fn lower_hand(state: State<'_, AppState>, meeting_id: String, person_id: String) -> Result<SharingView> {
    state.with(|s| s.lower_hand(&meeting_id, &person_id))
}

#[tauri::command]
pub fn end_round(state: State<'_, AppState>, meeting_id: String) -> Result<SharingView> {
    state.with(|s| s.end_round(&meeting_id))
}

#[tauri::command]
pub fn set_sharing_time(state: State<'_, AppState>, input: SharingTimeInput) -> Result<SharingView> {
    state.with(|s| s.set_sharing_time(&input))
}

#[tauri::command]
pub fn use_fair_share(state: State<'_, AppState>, meeting_id: String) -> Result<SharingView> {
    state.with(|s| s.use_fair_share(&meeting_id))
}

#[tauri::command]
pub fn sharing_summary(state: State<'_, AppState>, meeting_id: String, with_names: bool) -> Result<SharesSummary> {
    state.with(|s| s.sharing_summary(&meeting_id, with_names))
}

/// Saves the group's sharing rules from the meeting being run, and returns its speaking order.
#[tauri::command]
pub fn set_sharing_rules(state: State<'_, AppState>, meeting_id: String, rules: SharingRules) -> Result<SharingView> {
    state.with(|s| s.set_sharing_rules(&meeting_id, rules))
}
