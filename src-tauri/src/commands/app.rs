//! Where the data lives and whether it opened.

use circlekeeper_core::StoreStatus;
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub fn app_status(state: State<'_, AppState>) -> StoreStatus {
    StoreStatus { data_file: state.data_file.display().to_string(), open_error: state.open_error.clone() }
}
