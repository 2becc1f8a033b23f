// Attendance slips: issued at a meeting, verified from the group page, and the group's switch
// (src-tauri/src/commands/slips.rs).
import type { Group } from '../bindings/Group';
import type { Slip } from '../bindings/Slip';
import type { SlipLookup } from '../bindings/SlipLookup';
import { call } from './ipc';

export const issueSlip = (meetingId: string) => call<Slip>('issue_slip', { meetingId });
export const verifySlip = (groupId: string, serial: string) => call<SlipLookup>('verify_slip', { groupId, serial });
export const setSlips = (groupId: string, on: boolean) => call<Group>('set_slips', { groupId, on });
