// How a backup reads to the chair: why it was made, and what it holds in one line.
import type { BackupInfo } from './bindings/BackupInfo';
import type { BackupReason } from './bindings/BackupReason';
import { dateAndTime, longDate } from './format';

export const REASONS: Record<BackupReason, string> = {
  meetingClosed: 'A meeting closed',
  daily: 'Daily',
  beforeRestore: 'Kept before a restore',
  byHand: 'Made by hand',
};

const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** "Tue 24 Nov 2026, 21:05 (2 groups, 104 meetings, the last on Tue 24 Nov 2026)"; what it holds is
 *  left out when it is not known (a protected backup listed without its passphrase). */
export function describeBackup(b: BackupInfo): string {
  const held = b.groups === null || b.meetings === null ? [] : [count(b.groups, 'group'), count(b.meetings, 'meeting')];
  const last = b.lastMeeting ? [`the last on ${longDate(b.lastMeeting)}`] : [];
  const all = [...held, ...last];
  return all.length ? `${dateAndTime(b.takenAt)} (${all.join(', ')})` : dateAndTime(b.takenAt);
}
