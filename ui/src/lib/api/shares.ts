// The share timer: start, stop, pause, adjust, back-date, and the settings it runs with
// (src-tauri/src/commands/shares.rs).
import type { ShareSettings } from '../bindings/ShareSettings';
import type { ShareState } from '../bindings/ShareState';
import type { StartShareInput } from '../bindings/StartShareInput';
import { call } from './ipc';

export const shareState = (meetingId: string) => call<ShareState>('share_state', { meetingId });
export const startShare = (input: StartShareInput) => call<ShareState>('start_share', { input });
export const stopShare = (shareId: string) => call<ShareState>('stop_share', { shareId });
export const undoStop = (meetingId: string) => call<ShareState>('undo_stop', { meetingId });
export const pauseShare = (shareId: string) => call<ShareState>('pause_share', { shareId });
export const resumeShare = (shareId: string) => call<ShareState>('resume_share', { shareId });
export const adjustShare = (shareId: string, deltaMs: number) => call<ShareState>('adjust_share', { shareId, deltaMs });
export const backdateShare = (shareId: string, ms: number) => call<ShareState>('backdate_share', { shareId, ms });
export const groupShareSettings = (groupId: string) => call<ShareSettings>('group_share_settings', { groupId });
export const setGroupShareSettings = (groupId: string, settings: ShareSettings) =>
  call<ShareSettings>('set_group_share_settings', { groupId, settings });
export const setMeetingShareSettings = (meetingId: string, settings: ShareSettings | null) =>
  call<ShareState>('set_meeting_share_settings', { meetingId, settings });
