// The chair's preferences, one small JSON object kept by the shell (src-tauri/src/commands/preferences.rs).
import { call } from './ipc';

/** Every preference saved so far, by name; none on a first start or after a damaged file. */
export const preferences = () => call<Record<string, unknown>>('preferences');

export const savePreference = (key: string, value: unknown) => call<void>('save_preference', { key, value });
