//! The group's resources card: crisis lines and local services.

use circlekeeper_core::{Resource, ResourceInput, Result};
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub fn resources(state: State<'_, AppState>, group_id: String) -> Result<Vec<Resource>> {
    state.with(|s| s.resources(&group_id))
}

#[tauri::command]
pub fn save_resource(
    state: State<'_, AppState>,
    group_id: String,
    id: Option<String>,
    input: ResourceInput,
) -> Result<Vec<Resource>> {
    state.with(|s| s.save_resource(&group_id, id.as_deref(), &input))
}

#[tauri::command]
pub fn remove_resource(state: State<'_, AppState>, group_id: String, id: String) -> Result<Vec<Resource>> {
    state.with(|s| s.remove_resource(&group_id, &id))
}
