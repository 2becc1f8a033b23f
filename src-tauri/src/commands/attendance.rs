//! Taking attendance: check-ins, walk-ins, leaving, and counts-only meetings.

use circlekeeper_core::{CountKind, MeetingView, PersonInput, Result, Tally};
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub fn check_in(state: State<'_, AppState>, meeting_id: String, person_id: String) -> Result<MeetingView> {
    state.with(|s| s.check_in(&meeting_id, &person_id))
}

#[tauri::command]
pub fn add_walk_in(state: State<'_, AppState>, meeting_id: String, input: PersonInput) -> Result<MeetingView> {
    state.with(|s| s.add_walk_in(&meeting_id, &input))
}

#[tauri::command]
pub fn undo_check_in(state: State<'_, AppState>, check_in_id: String) -> Result<MeetingView> {
    state.with(|s| s.undo_check_in(&check_in_id))
}

#[tauri::command]
pub fn mark_left(state: State<'_, AppState>, check_in_id: String) -> Result<MeetingView> {
    state.with(|s| s.mark_left(&check_in_id))
}

#[tauri::command]
pub fn mark_back(state: State<'_, AppState>, check_in_id: String) -> Result<MeetingView> {
    state.with(|s| s.mark_back(&check_in_id))
}

#[tauri::command]
pub fn adjust_count(
    state: State<'_, AppState>,
    meeting_id: String,
    kind: CountKind,
    delta: i32,
) -> Result<MeetingView> {
    state.with(|s| s.adjust_count(&meeting_id, kind, delta))
}

/// The paper kit's tally, typed back in after the laptop stopped.
#[tauri::command]
pub fn enter_tally(state: State<'_, AppState>, meeting_id: String, tally: Tally) -> Result<MeetingView> {
    state.with(|s| s.enter_tally(&meeting_id, tally))
}
