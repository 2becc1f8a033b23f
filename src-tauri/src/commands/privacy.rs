//! Retention of attendance names, and forgetting a person (in the backups too).

use circlekeeper_core::{ForgetPreview, ForgetReport, Result, RetentionPreview};
use tauri::{AppHandle, State};

use crate::state::AppState;

#[tauri::command]
pub fn retention_preview(
    state: State<'_, AppState>,
    group_id: String,
    months: Option<u32>,
) -> Result<RetentionPreview> {
    state.with(|s| s.retention_preview_for(&group_id, months))
}

#[tauri::command]
pub fn set_retention(state: State<'_, AppState>, group_id: String, months: Option<u32>) -> Result<RetentionPreview> {
    state.with(|s| s.set_retention(&group_id, months))
}

#[tauri::command]
pub fn forget_preview(state: State<'_, AppState>, person_id: String) -> Result<ForgetPreview> {
    state.with(|s| s.forget_preview(&person_id))
}

#[tauri::command]
pub fn forget_person(app: AppHandle, state: State<'_, AppState>, person_id: String) -> Result<ForgetReport> {
    crate::backups::align_after(&app, None, state.with(|s| s.forget_person(&person_id)))
}
