//! The handover between chairs: the report, action items, acknowledgement, service positions.

use circlekeeper_core::{ActionInput, ChairReport, Handover, ItemStatus, PositionInput, ReportInput, Result, Service};
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub fn chair_report(state: State<'_, AppState>, meeting_id: String) -> Result<ChairReport> {
    state.with(|s| s.chair_report(&meeting_id))
}

#[tauri::command]
pub fn save_report(state: State<'_, AppState>, meeting_id: String, input: ReportInput) -> Result<ChairReport> {
    state.with(|s| s.save_report(&meeting_id, &input))
}

#[tauri::command]
pub fn add_action_item(state: State<'_, AppState>, meeting_id: String, input: ActionInput) -> Result<ChairReport> {
    state.with(|s| s.add_action_item(&meeting_id, &input))
}

#[tauri::command]
pub fn close_action_item(state: State<'_, AppState>, id: String, status: ItemStatus, by: String) -> Result<Handover> {
    state.with(|s| s.close_action_item(&id, status, &by))
}

#[tauri::command]
pub fn remove_action_item(state: State<'_, AppState>, id: String) -> Result<Handover> {
    state.with(|s| s.remove_action_item(&id))
}

#[tauri::command]
pub fn handover(state: State<'_, AppState>, group_id: String) -> Result<Handover> {
    state.with(|s| s.handover(&group_id))
}

#[tauri::command]
pub fn acknowledge_handover(state: State<'_, AppState>, group_id: String, name: String) -> Result<Handover> {
    state.with(|s| s.acknowledge_handover(&group_id, &name))
}

#[tauri::command]
pub fn service(state: State<'_, AppState>, group_id: String) -> Result<Service> {
    state.with(|s| s.service(&group_id))
}

#[tauri::command]
pub fn save_position(
    state: State<'_, AppState>,
    group_id: String,
    id: Option<String>,
    input: PositionInput,
) -> Result<Service> {
    state.with(|s| s.save_position(&group_id, id.as_deref(), &input))
}

#[tauri::command]
pub fn remove_position(state: State<'_, AppState>, group_id: String, id: String) -> Result<Service> {
    state.with(|s| s.remove_position(&group_id, &id))
}

#[tauri::command]
pub fn set_rota(state: State<'_, AppState>, group_id: String, date: String, chair: Option<String>) -> Result<Service> {
    state.with(|s| s.set_rota(&group_id, &date, chair.as_deref()))
}
