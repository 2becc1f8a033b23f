//! The meeting format: the group's format and templates (named in the chair's language), and the
//! runner that carries the chair through a meeting segment by segment.

use circlekeeper_core::{Format, FormatChoice, Language, Result, RunnerView};
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub fn format_choice(state: State<'_, AppState>, group_id: String, language: Language) -> Result<FormatChoice> {
    state.with(|s| s.format_choice(&group_id, language))
}

#[tauri::command]
pub fn set_group_format(
    state: State<'_, AppState>,
    group_id: String,
    format: Format,
    language: Language,
) -> Result<FormatChoice> {
    state.with(|s| s.set_group_format(&group_id, &format, language))
}

#[tauri::command]
pub fn use_template(
    state: State<'_, AppState>,
    group_id: String,
    template_id: String,
    language: Language,
) -> Result<FormatChoice> {
    state.with(|s| s.use_template(&group_id, &template_id, language))
}

#[tauri::command]
pub fn runner(state: State<'_, AppState>, meeting_id: String) -> Result<RunnerView> {
    state.with(|s| s.runner(&meeting_id))
}

#[tauri::command]
pub fn next_segment(state: State<'_, AppState>, meeting_id: String) -> Result<RunnerView> {
    state.with(|s| s.next_segment(&meeting_id))
}

#[tauri::command]
pub fn previous_segment(state: State<'_, AppState>, meeting_id: String) -> Result<RunnerView> {
    state.with(|s| s.previous_segment(&meeting_id))
}

#[tauri::command]
pub fn finish_format(state: State<'_, AppState>, meeting_id: String) -> Result<RunnerView> {
    state.with(|s| s.finish_format(&meeting_id))
}

#[tauri::command]
pub fn set_reader(
    state: State<'_, AppState>,
    meeting_id: String,
    segment: usize,
    person_id: Option<String>,
) -> Result<RunnerView> {
    state.with(|s| s.set_reader(&meeting_id, segment, person_id.as_deref()))
}
