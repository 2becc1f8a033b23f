// A meeting as a record: open, read, list, close, reopen, its chair and its mode
// (src-tauri/src/commands/meetings.rs).
import type { MeetingMode } from '../bindings/MeetingMode';
import type { MeetingSummary } from '../bindings/MeetingSummary';
import type { MeetingView } from '../bindings/MeetingView';
import type { OpenMeetingInput } from '../bindings/OpenMeetingInput';
import { call } from './ipc';

export const openMeeting = (input: OpenMeetingInput) => call<MeetingView>('open_meeting', { input });
export const meetingView = (meetingId: string) => call<MeetingView>('meeting_view', { meetingId });
export const listMeetings = (groupId: string) => call<MeetingSummary[]>('list_meetings', { groupId });
export const closeMeeting = (meetingId: string) => call<MeetingView>('close_meeting', { meetingId });
export const reopenMeeting = (meetingId: string) => call<MeetingView>('reopen_meeting', { meetingId });
export const setChair = (meetingId: string, chair: string) => call<MeetingView>('set_chair', { meetingId, chair });
export const setMeetingMode = (meetingId: string, mode: MeetingMode) =>
  call<MeetingView>('set_meeting_mode', { meetingId, mode });
