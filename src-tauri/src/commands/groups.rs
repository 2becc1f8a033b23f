//! Groups and their rosters.

use circlekeeper_core::{Group, GroupInput, Person, PersonInput, Result};
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub fn list_groups(state: State<'_, AppState>) -> Result<Vec<Group>> {
    state.with(|s| s.groups())
}

#[tauri::command]
pub fn create_group(state: State<'_, AppState>, input: GroupInput) -> Result<Group> {
    state.with(|s| s.create_group(&input))
}

#[tauri::command]
pub fn update_group(state: State<'_, AppState>, id: String, input: GroupInput) -> Result<Group> {
    state.with(|s| s.update_group(&id, &input))
}

#[tauri::command]
pub fn roster(state: State<'_, AppState>, group_id: String) -> Result<Vec<Person>> {
    state.with(|s| s.roster(&group_id))
}

#[tauri::command]
pub fn add_person(state: State<'_, AppState>, group_id: String, input: PersonInput) -> Result<Person> {
    state.with(|s| s.add_person(&group_id, &input))
}
