// The automatic backups beside the data, restoring one, and checking the data
// (src-tauri/src/commands/backups.rs).
import type { BackupInfo } from '../bindings/BackupInfo';
import type { BackupPreview } from '../bindings/BackupPreview';
import type { DataCheck } from '../bindings/DataCheck';
import type { StoreStatus } from '../bindings/StoreStatus';
import { call } from './ipc';

/** Whole, verified backups, newest first. */
export const listBackups = () => call<BackupInfo[]>('list_backups');

/** What one backup holds: its groups and their meetings (never a person). */
export const previewBackup = (file: string, passphrase: string | null) =>
  call<BackupPreview>('preview_backup', { file, passphrase });

/** Restores `file` (the current data is kept aside as a backup first) and opens it. */
export const restoreBackup = (file: string, passphrase: string | null) =>
  call<StoreStatus>('restore_backup', { file, passphrase });

export const backUpNow = () => call<BackupInfo>('back_up_now');

/** The newest backup `passphrase` opens (`null`: a plain one), or `null` if none does. */
export const backupOffer = (passphrase: string | null) => call<BackupInfo | null>('backup_offer', { passphrase });

/** SQLite's full integrity check and the app's own rules, answered in plain words. */
export const checkData = () => call<DataCheck>('check_data');
