// A new passphrase is typed twice; the two must agree before anything is sent to core.
import { AppError } from './api';
import { m } from './paraglide/messages';

/** The error to show when the two typings differ; `null` when they agree. */
export function mismatch(passphrase: string, again: string): AppError | null {
  return passphrase === again ? null : new AppError({ kind: 'invalid', message: m.safety_passphrase_mismatch() });
}
