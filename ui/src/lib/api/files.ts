// The system's file choosers (src-tauri/src/commands/files.rs): each answers a path, or `null`
// when the chair cancels. Saving and opening the file are other commands.
import type { FileFilter } from '../bindings/FileFilter';
import { call } from './ipc';

/** A folder, starting in `start` (a folder; '' for the system's choice). */
export const chooseFolder = (title: string, start: string) => call<string | null>('choose_folder', { title, start });

/** A file to open, of the `filter` kind. */
export const chooseFileToOpen = (title: string, filter: FileFilter) =>
  call<string | null>('choose_file_to_open', { title, filter });

/** Where to save a file of the `filter` kind; `start` is the suggested path (folder and name). */
export const chooseWhereToSave = (title: string, start: string, filter: FileFilter) =>
  call<string | null>('choose_where_to_save', { title, start, filter });
