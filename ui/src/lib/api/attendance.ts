// Who is here: check-ins, walk-ins, leaving and coming back, and counts-only meetings
// (src-tauri/src/commands/attendance.rs).
import type { CountKind } from '../bindings/CountKind';
import type { MeetingView } from '../bindings/MeetingView';
import type { Tally } from '../bindings/Tally';
import type { PersonInput } from '../bindings/PersonInput';
import { call } from './ipc';

export const checkIn = (meetingId: string, personId: string) => call<MeetingView>('check_in', { meetingId, personId });
export const addWalkIn = (meetingId: string, input: PersonInput) =>
  call<MeetingView>('add_walk_in', { meetingId, input });
export const undoCheckIn = (checkInId: string) => call<MeetingView>('undo_check_in', { checkInId });
export const markLeft = (checkInId: string) => call<MeetingView>('mark_left', { checkInId });
export const markBack = (checkInId: string) => call<MeetingView>('mark_back', { checkInId });
export const adjustCount = (meetingId: string, kind: CountKind, delta: number) =>
  call<MeetingView>('adjust_count', { meetingId, kind, delta });

/** The paper kit's tally, typed back in after the laptop stopped mid-meeting. */
export const enterTally = (meetingId: string, tally: Tally) => call<MeetingView>('enter_tally', { meetingId, tally });
