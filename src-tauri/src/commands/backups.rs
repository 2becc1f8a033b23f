//! The automatic backups: listing, previewing and restoring one, taking one now; and checking the
//! data. A passphrase becomes a [`Passphrase`] (wiped when dropped) before anything else.

use circlekeeper_core::backup::{BackupInfo, BackupPreview, BackupReason};
use circlekeeper_core::{DataCheck, Passphrase, Result, StoreStatus};
use tauri::State;

use crate::state::AppState;

fn key(passphrase: Option<String>) -> Result<Option<Passphrase>> {
    passphrase.map(Passphrase::new).transpose()
}

#[tauri::command]
pub fn list_backups(state: State<'_, AppState>) -> Result<Vec<BackupInfo>> {
    state.backups()
}

#[tauri::command]
pub fn preview_backup(state: State<'_, AppState>, file: String, passphrase: Option<String>) -> Result<BackupPreview> {
    state.preview_backup(&file, key(passphrase)?)
}

#[tauri::command]
pub fn restore_backup(state: State<'_, AppState>, file: String, passphrase: Option<String>) -> Result<StoreStatus> {
    state.restore(&file, key(passphrase)?)
}

#[tauri::command]
pub fn back_up_now(state: State<'_, AppState>) -> Result<BackupInfo> {
    state.back_up(BackupReason::ByHand)
}

/// The newest backup the passphrase opens (none given: a plain one).
#[tauri::command]
pub fn backup_offer(state: State<'_, AppState>, passphrase: Option<String>) -> Result<Option<BackupInfo>> {
    state.backup_offer(key(passphrase)?)
}

#[tauri::command]
pub fn check_data(state: State<'_, AppState>) -> Result<DataCheck> {
    state.with(|s| s.check_data())
}
