//! The chair's preferences (core/src/preferences.rs), in the app's data folder.

use std::path::PathBuf;

use circlekeeper_core::{preferences, Error, Result};
use serde_json::{Map, Value};
use tauri::{AppHandle, Manager};

/// Where tauri-plugin-store kept them: the app's data folder (not `--data-dir`'s).
fn file(app: &AppHandle) -> Result<PathBuf> {
    let folder = app.path().app_data_dir().map_err(|e| Error::Conflict(format!("No folder for preferences: {e}")))?;
    Ok(folder.join(preferences::FILE))
}

#[tauri::command(async)]
pub fn preferences(app: AppHandle) -> Map<String, Value> {
    file(&app).map(|f| preferences::read(&f)).unwrap_or_default()
}

#[tauri::command(async)]
pub fn save_preference(app: AppHandle, key: String, value: Value) -> Result<()> {
    preferences::save(&file(&app)?, &key, value)
}
