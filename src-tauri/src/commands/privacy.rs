//! Retention of attendance names, and forgetting a person.

use circlekeeper_core::{ForgetPreview, ForgetReport, Result, RetentionPreview};
use tauri::State;

use crate::state::AppState;

#[tauri::command(async)]
pub fn retention_preview(
    state: State<'_, AppState>,
    group_id: String,
    months: Option<u32>,
) -> Result<RetentionPreview> {
    state.with(|s| s.retention_preview_for(&group_id, months))
}

#[tauri::command(async)]
pub fn set_retention(state: State<'_, AppState>, group_id: String, months: Option<u32>) -> Result<RetentionPreview> {
    state.with(|s| s.set_retention(&group_id, months))
}

#[tauri::command(async)]
pub fn forget_preview(state: State<'_, AppState>, person_id: String) -> Result<ForgetPreview> {
    state.with(|s| s.forget_preview(&person_id))
}

#[tauri::command(async)]
pub fn forget_person(state: State<'_, AppState>, person_id: String) -> Result<ForgetReport> {
    state.with(|s| s.forget_person(&person_id))
}
