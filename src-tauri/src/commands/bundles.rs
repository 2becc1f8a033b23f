//! Handover bundles: a sealed file the chair carries to another laptop. Nothing is sent anywhere.

use std::path::{Path, PathBuf};

use circlekeeper_core::{ImportReport, Result, SavedBundle};
use tauri::{AppHandle, Manager, State};

use crate::state::AppState;

/// Where a bundle is saved unless the chair picks another folder: Documents, else home.
#[tauri::command(async)]
pub fn bundle_folder(app: AppHandle) -> String {
    let path = app.path();
    let folder: PathBuf = path.document_dir().or_else(|_| path.home_dir()).unwrap_or_else(|_| PathBuf::from("."));
    folder.display().to_string()
}

#[tauri::command(async)]
pub fn export_bundle(
    state: State<'_, AppState>,
    group_id: String,
    passphrase: String,
    only_changes: bool,
    folder: String,
) -> Result<SavedBundle> {
    state.with(|s| s.export_bundle_file(&group_id, &passphrase, only_changes, Path::new(&folder)))
}

/// A protected backup of the group: a bundle like a handover's, which does not count as one.
#[tauri::command(async)]
pub fn backup_bundle(
    state: State<'_, AppState>,
    group_id: String,
    passphrase: String,
    folder: String,
) -> Result<SavedBundle> {
    state.with(|s| s.backup_bundle_file(&group_id, &passphrase, Path::new(&folder)))
}

#[tauri::command(async)]
pub fn import_bundle(
    state: State<'_, AppState>,
    path: String,
    passphrase: String,
    group_id: Option<String>,
) -> Result<ImportReport> {
    state.with(|s| s.import_bundle_file(Path::new(&path), &passphrase, group_id.as_deref()))
}
