// Handover bundles: a sealed file the chair carries to another laptop, and the system's choosers
// for where it goes and which one to open (src-tauri/src/commands/bundles.rs).
import { open as openDialog } from '@tauri-apps/plugin-dialog';

import type { ImportReport } from '../bindings/ImportReport';
import type { SavedBundle } from '../bindings/SavedBundle';
import { call } from './ipc';

export const bundleFolder = () => call<string>('bundle_folder');

export const exportBundle = (groupId: string, passphrase: string, onlyChanges: boolean, folder: string) =>
  call<SavedBundle>('export_bundle', { groupId, passphrase, onlyChanges, folder });

/** A protected backup of the group: the same sealed file, but not a handover, so the next
 *  bundle of changes only still starts after the last one given to another chair. */
export const backupBundle = (groupId: string, passphrase: string, folder: string) =>
  call<SavedBundle>('backup_bundle', { groupId, passphrase, folder });

/** With `groupId`, a bundle of any other group is refused. */
export const importBundle = (path: string, passphrase: string, groupId: string | null) =>
  call<ImportReport>('import_bundle', { path, passphrase, groupId });

/** The system's folder chooser; `null` when the chair cancels. */
export async function chooseFolder(start: string): Promise<string | null> {
  const picked = await openDialog({ directory: true, defaultPath: start || undefined, title: 'Save the bundle in' });
  return typeof picked === 'string' ? picked : null;
}

/** The system's file chooser for a bundle; `null` when the chair cancels. */
export async function chooseBundle(): Promise<string | null> {
  const picked = await openDialog({
    title: 'Choose a handover bundle',
    filters: [{ name: 'Circlekeeper handover bundle', extensions: ['ckbundle'] }],
  });
  return typeof picked === 'string' ? picked : null;
}
