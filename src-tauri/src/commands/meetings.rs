//! Opening, closing (and backing up after) and looking back at meetings.

use circlekeeper_core::{MeetingMode, MeetingSummary, MeetingView, OpenMeetingInput, Result};
use tauri::{AppHandle, State};

use crate::state::AppState;

#[tauri::command]
pub fn open_meeting(state: State<'_, AppState>, input: OpenMeetingInput) -> Result<MeetingView> {
    state.with(|s| s.open_meeting(&input))
}

#[tauri::command]
pub fn meeting_view(state: State<'_, AppState>, meeting_id: String) -> Result<MeetingView> {
    state.with(|s| s.meeting_view(&meeting_id))
}

#[tauri::command]
pub fn list_meetings(state: State<'_, AppState>, group_id: String) -> Result<Vec<MeetingSummary>> {
    state.with(|s| s.meetings(&group_id))
}

#[tauri::command]
pub fn close_meeting(app: AppHandle, state: State<'_, AppState>, meeting_id: String) -> Result<MeetingView> {
    crate::backups::after_close(&app, state.with(|s| s.close_meeting(&meeting_id)))
}

#[tauri::command]
pub fn reopen_meeting(state: State<'_, AppState>, meeting_id: String) -> Result<MeetingView> {
    state.with(|s| s.reopen_meeting(&meeting_id))
}

#[tauri::command]
pub fn set_chair(state: State<'_, AppState>, meeting_id: String, chair: String) -> Result<MeetingView> {
    state.with(|s| s.set_chair(&meeting_id, &chair))
}

#[tauri::command]
pub fn set_meeting_mode(state: State<'_, AppState>, meeting_id: String, mode: MeetingMode) -> Result<MeetingView> {
    state.with(|s| s.set_meeting_mode(&meeting_id, mode))
}
