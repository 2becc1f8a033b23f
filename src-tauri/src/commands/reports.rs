//! The way out on paper and in files: a group's trends, the spreadsheet of its meetings, and the
//! page on screen (a report, the meeting card, slips) saved as a PDF. Only where the chair chooses.

use std::path::Path;

use circlekeeper_core::Result;
use circlekeeper_core::{CsvRows, Trends};
use tauri::{State, WebviewWindow};

use crate::printing::{self, Paper};
use crate::state::AppState;

#[tauri::command]
pub fn trends(state: State<'_, AppState>, group_id: String, from: String, to: String) -> Result<Trends> {
    state.with(|s| s.trends(&group_id, &from, &to))
}

/// `from` and `to` left out: from the group's first meeting to its last.
#[tauri::command]
pub fn save_trends_csv(
    state: State<'_, AppState>,
    group_id: String,
    from: Option<String>,
    to: Option<String>,
    rows: CsvRows,
    path: String,
) -> Result<()> {
    state.with(|s| s.save_trends_csv(&group_id, from.as_deref(), to.as_deref(), rows, Path::new(&path)))
}

#[tauri::command]
pub fn save_pdf(state: State<'_, AppState>, window: WebviewWindow, paper: Paper, path: String) -> Result<()> {
    state.refuse_if_locked()?;
    printing::save_pdf(&window, paper, Path::new(&path))
}

/// The system's print window, for the printout on screen.
#[tauri::command]
pub fn print_page(state: State<'_, AppState>, window: WebviewWindow) -> Result<()> {
    state.refuse_if_locked()?;
    printing::print(&window)
}
