// Where the data lives, whether it is protected, and locking and unlocking it
// (src-tauri/src/commands/app.rs).
import type { StoreStatus } from '../bindings/StoreStatus';
import { call } from './ipc';

export const status = () => call<StoreStatus>('app_status');

/** First start: protect the data with `passphrase`, or keep it plain with `null`. */
export const setUpStore = (passphrase: string | null) => call<StoreStatus>('set_up_store', { passphrase });

export const unlock = (passphrase: string) => call<StoreStatus>('unlock', { passphrase });

/** `idle`: the idle timer asks, and core keeps the app open during a share or a round. */
export const lock = (idle: boolean) => call<StoreStatus>('lock', { idle });

/** The meeting on the chair's screen (`null`: another page): the room display follows it alone. */
export const showMeeting = (meetingId: string | null) => call<void>('show_meeting', { meetingId });

export const changePassphrase = (current: string | null, next: string) =>
  call<StoreStatus>('change_passphrase', { current, new: next });
