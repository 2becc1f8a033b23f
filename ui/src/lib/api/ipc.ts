// The one door to the shell: every command goes through `call`, which turns a refusal from core
// into an AppError carrying the message to show the chair. Nothing else in the UI calls `invoke`.
import { invoke } from '@tauri-apps/api/core';

import type { IpcError } from '../bindings/IpcError';

/** An error from core, with the message to show the chair as it is. */
export class AppError extends Error {
  kind: string;
  existingId?: string;
  constructor(e: IpcError) {
    super(e.message);
    this.kind = e.kind;
    this.existingId = e.existingId;
  }
}

function isIpcError(e: unknown): e is IpcError {
  return typeof e === 'object' && e !== null && 'kind' in e && 'message' in e;
}

/** Calls the shell's command `command`; `args` are named as the Rust parameters, in camelCase. */
export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    if (isIpcError(e)) throw new AppError(e);
    throw new AppError({ kind: 'internal', message: String(e) });
  }
}

/** Turns anything thrown into words for the chair. */
export function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

/** Runs an intent; a refusal from core goes to `onError` with its plain-words message. */
export async function attempt<T>(fn: () => Promise<T>, onError: (e: AppError) => void): Promise<T | undefined> {
  try {
    return await fn();
  } catch (e) {
    onError(e instanceof AppError ? e : new AppError({ kind: 'internal', message: messageOf(e) }));
    return undefined;
  }
}
