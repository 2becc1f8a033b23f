// The one door to the shell: every command goes through `call`, which turns a refusal from core
// into an AppError carrying the message to show the chair. Nothing else in the UI calls `invoke`.
import { invoke } from '@tauri-apps/api/core';

import type { IpcError } from '../bindings/IpcError';
import type { IpcParam } from '../bindings/IpcParam';
import { m } from '../paraglide/messages';

type Params = { [name in string]?: IpcParam };
/** A sentence from core: its code, its inputs, and core's English for a code the catalogue lacks. */
type Said = { code?: string; message: string; params?: Params };
type Message = (inputs: Record<string, string | number>) => string;
const catalogue = m as unknown as Record<string, Message | undefined>;

/**
 * Core's sentence in the chair's language: the catalogue's `error_<code>`, with each input that is
 * itself a sentence said first. Core's English only for a sentence without a code (the catalogue
 * check makes sure every code core can send has its message). Call it where Svelte re-runs it.
 */
export function sentence(said: Said): string {
  const message = said.code ? catalogue[`error_${said.code}`] : undefined;
  if (typeof message !== 'function') return said.message;
  const inputs: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(said.params ?? {})) {
    if (value === undefined) continue;
    inputs[name] = typeof value === 'object' ? sentence(value) : value;
  }
  return message(inputs);
}

/** An error from core, with the message to show the chair, in the language chosen at the time it is read. */
export class AppError extends Error {
  kind: string;
  existingId?: string;
  code: string;
  params: Params;
  constructor(e: Pick<IpcError, 'kind' | 'message'> & Partial<IpcError>) {
    super(e.message);
    this.kind = e.kind;
    this.existingId = e.existingId;
    this.code = e.code ?? '';
    this.params = e.params ?? {};
    const english = e.message;
    // Read each time, so a notice on screen follows a change of language.
    Object.defineProperty(this, 'message', {
      get: () => sentence({ code: this.code, message: english, params: this.params }),
      configurable: true,
      enumerable: false,
    });
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
