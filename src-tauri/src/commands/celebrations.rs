//! Milestones: opt-in recovery dates, who is celebrating, and the keytag stock.

use circlekeeper_core::{CelebrationView, Person, Result};
use circlekeeper_core::{MilestoneChoices, MilestonePoints, StockCount, StockLine};
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub fn set_recovery_date(state: State<'_, AppState>, person_id: String, date: Option<String>) -> Result<Person> {
    state.with(|s| s.set_recovery_date(&person_id, date.as_deref()))
}

#[tauri::command]
pub fn celebrations(state: State<'_, AppState>, meeting_id: String) -> Result<CelebrationView> {
    state.with(|s| s.celebrations(&meeting_id))
}

#[tauri::command]
pub fn celebrate(
    state: State<'_, AppState>,
    meeting_id: String,
    person_id: String,
    label: String,
) -> Result<CelebrationView> {
    state.with(|s| s.celebrate(&meeting_id, &person_id, &label))
}

#[tauri::command]
pub fn set_stock(state: State<'_, AppState>, group_id: String, count: StockCount) -> Result<Vec<StockLine>> {
    state.with(|s| s.set_stock(&group_id, count))
}

#[tauri::command]
pub fn group_stock(state: State<'_, AppState>, group_id: String) -> Result<Vec<StockLine>> {
    state.with(|s| s.group_stock(&group_id))
}

#[tauri::command]
pub fn milestone_points(state: State<'_, AppState>, group_id: String) -> Result<MilestoneChoices> {
    state.with(|s| s.milestone_points(&group_id))
}

#[tauri::command]
pub fn set_milestone_points(
    state: State<'_, AppState>,
    group_id: String,
    list: MilestonePoints,
) -> Result<MilestoneChoices> {
    state.with(|s| s.set_milestone_points(&group_id, &list))
}
