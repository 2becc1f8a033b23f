// How a backup reads to the chair: why it was made, and what it holds in one line.
import type { BackupInfo } from './bindings/BackupInfo';
import type { BackupReason } from './bindings/BackupReason';
import { dateAndTime, longDate } from './format';
import { m } from './paraglide/messages';

/** Why a backup was made, in the app's language (read when drawn, so a change of language shows). */
export const REASONS: Record<BackupReason, string> = {
  get meetingClosed() {
    return m.files_reason_meeting_closed();
  },
  get daily() {
    return m.files_reason_daily();
  },
  get beforeRestore() {
    return m.files_reason_before_restore();
  },
  get byHand() {
    return m.files_reason_by_hand();
  },
};

/** "Tue 24 Nov 2026, 21:05 (2 groups, 104 meetings, the last on Tue 24 Nov 2026)"; what it holds is
 *  left out when it is not known (a protected backup listed without its passphrase). */
export function describeBackup(b: BackupInfo): string {
  const when = dateAndTime(b.takenAt);
  const last = b.lastMeeting ? longDate(b.lastMeeting) : null;
  if (b.groups === null || b.meetings === null) return last ? m.files_backup_last({ when, last }) : when;
  const groups = m.files_held_groups({ count: b.groups });
  const meetings = m.files_held_meetings({ count: b.meetings });
  return last
    ? m.files_backup_holds_last({ when, groups, meetings, last })
    : m.files_backup_holds({ when, groups, meetings });
}
