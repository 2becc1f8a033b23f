//! The speaking order: seating, circle and open-sharing rounds, fair time, and the summary.

use circlekeeper_core::{Result, SharesSummary, SharingRules, SharingTimeInput, SharingView, StartCircleInput};
use tauri::{AppHandle, State};

use crate::state::AppState;
use crate::ticker::announce_sharing;

#[tauri::command(async)]
pub fn sharing(state: State<'_, AppState>, meeting_id: String) -> Result<SharingView> {
    state.with(|s| s.sharing(&meeting_id))
}

#[tauri::command(async)]
pub fn set_seating(
    app: AppHandle,
    state: State<'_, AppState>,
    meeting_id: String,
    seats: Vec<String>,
) -> Result<SharingView> {
    announce_sharing(&app, state.with(|s| s.set_seating(&meeting_id, &seats)))
}

#[tauri::command(async)]
pub fn move_seat(
    app: AppHandle,
    state: State<'_, AppState>,
    meeting_id: String,
    person_id: String,
    by: i32,
) -> Result<SharingView> {
    announce_sharing(&app, state.with(|s| s.move_seat(&meeting_id, &person_id, by)))
}

#[tauri::command(async)]
pub fn start_circle(app: AppHandle, state: State<'_, AppState>, input: StartCircleInput) -> Result<SharingView> {
    announce_sharing(&app, state.with(|s| s.start_circle(&input)))
}

#[tauri::command(async)]
pub fn start_open_sharing(app: AppHandle, state: State<'_, AppState>, meeting_id: String) -> Result<SharingView> {
    announce_sharing(&app, state.with(|s| s.start_open_sharing(&meeting_id)))
}

#[tauri::command(async)]
pub fn next_speaker(app: AppHandle, state: State<'_, AppState>, meeting_id: String) -> Result<SharingView> {
    announce_sharing(&app, state.with(|s| s.next_speaker(&meeting_id)))
}

#[tauri::command(async)]
pub fn pass_turn(app: AppHandle, state: State<'_, AppState>, meeting_id: String) -> Result<SharingView> {
    announce_sharing(&app, state.with(|s| s.pass_turn(&meeting_id)))
}

#[tauri::command(async)]
pub fn skip_turn(app: AppHandle, state: State<'_, AppState>, meeting_id: String) -> Result<SharingView> {
    announce_sharing(&app, state.with(|s| s.skip_turn(&meeting_id)))
}

#[tauri::command(async)]
pub fn raise_hand(
    app: AppHandle,
    state: State<'_, AppState>,
    meeting_id: String,
    person_id: String,
) -> Result<SharingView> {
    announce_sharing(&app, state.with(|s| s.raise_hand(&meeting_id, &person_id)))
}

#[tauri::command(async)]
pub fn lower_hand(
    app: AppHandle,
    state: State<'_, AppState>,
    meeting_id: String,
    person_id: String,
) -> Result<SharingView> {
    announce_sharing(&app, state.with(|s| s.lower_hand(&meeting_id, &person_id)))
}

#[tauri::command(async)]
pub fn end_round(app: AppHandle, state: State<'_, AppState>, meeting_id: String) -> Result<SharingView> {
    announce_sharing(&app, state.with(|s| s.end_round(&meeting_id)))
}

#[tauri::command(async)]
pub fn set_sharing_time(app: AppHandle, state: State<'_, AppState>, input: SharingTimeInput) -> Result<SharingView> {
    announce_sharing(&app, state.with(|s| s.set_sharing_time(&input)))
}

#[tauri::command(async)]
pub fn use_fair_share(app: AppHandle, state: State<'_, AppState>, meeting_id: String) -> Result<SharingView> {
    announce_sharing(&app, state.with(|s| s.use_fair_share(&meeting_id)))
}

#[tauri::command(async)]
pub fn sharing_summary(state: State<'_, AppState>, meeting_id: String, with_names: bool) -> Result<SharesSummary> {
    state.with(|s| s.sharing_summary(&meeting_id, with_names))
}

#[tauri::command(async)]
pub fn set_sharing_rules(
    app: AppHandle,
    state: State<'_, AppState>,
    meeting_id: String,
    group_id: String,
    rules: SharingRules,
) -> Result<SharingView> {
    announce_sharing(&app, state.with(|s| s.set_sharing_rules(&group_id, rules).and_then(|_| s.sharing(&meeting_id))))
}
