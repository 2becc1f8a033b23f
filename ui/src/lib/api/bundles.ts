// Handover bundles: a sealed file the chair carries to another laptop, and the system's choosers
// for where it goes and which one to open (src-tauri/src/commands/bundles.rs, files.rs).
import type { ImportReport } from '../bindings/ImportReport';
import type { SavedBundle } from '../bindings/SavedBundle';
import { m } from '../paraglide/messages';
import { chooseFileToOpen, chooseFolder } from './files';
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

/** The system's folder chooser for where a bundle goes; `null` when the chair cancels. */
export const chooseBundleFolder = (start: string) => chooseFolder(m.files_choose_bundle_folder(), start);

/** The system's file chooser for a bundle; `null` when the chair cancels. */
export const chooseBundle = () =>
  chooseFileToOpen(m.files_choose_bundle(), { name: m.files_bundle_filter(), extension: 'ckbundle' });
