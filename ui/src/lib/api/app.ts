// Where the data lives, whether it is protected, locking and unlocking it, and what the idle lock
// needs to know from this window (src-tauri/src/commands/app.rs).
import type { StoreStatus } from '../bindings/StoreStatus';
import { call } from './ipc';

export const status = () => call<StoreStatus>('app_status');

/** First start: protect the data with `passphrase`, or keep it plain with `null`. */
export const setUpStore = (passphrase: string | null) => call<StoreStatus>('set_up_store', { passphrase });

export const unlock = (passphrase: string) => call<StoreStatus>('unlock', { passphrase });

/** The chair locks now. The idle lock is the shell's: it keeps the deadline and locks by itself. */
export const lock = () => call<StoreStatus>('lock');

/** The chair did something: the idle deadline moves on, unless it has already passed (then it locks). */
export const touch = () => call<StoreStatus>('touch');

/** The meeting the chair has on screen (`null`: another page): the room display follows it alone, and only its share or round holds off the idle lock. */
export const showMeeting = (meetingId: string | null) => call<void>('show_meeting', { meetingId });

/** The idle time, in minutes (0: never). */
export const setIdleLock = (minutes: number) => call<StoreStatus>('set_idle_lock', { minutes });

export const changePassphrase = (current: string | null, next: string) =>
  call<StoreStatus>('change_passphrase', { current, new: next });
