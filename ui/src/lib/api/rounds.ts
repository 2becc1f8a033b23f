// The speaking order: seating, circle and open-sharing rounds, fair time, and the summary
// (src-tauri/src/commands/rounds.rs).
import type { SharesSummary } from '../bindings/SharesSummary';
import type { SharingRules } from '../bindings/SharingRules';
import type { SharingTimeInput } from '../bindings/SharingTimeInput';
import type { SharingView } from '../bindings/SharingView';
import type { StartCircleInput } from '../bindings/StartCircleInput';
import { call } from './ipc';

export const sharing = (meetingId: string) => call<SharingView>('sharing', { meetingId });
export const setSeating = (meetingId: string, seats: string[]) =>
  call<SharingView>('set_seating', { meetingId, seats });
export const moveSeat = (meetingId: string, personId: string, by: number) =>
  call<SharingView>('move_seat', { meetingId, personId, by });
export const startCircle = (input: StartCircleInput) => call<SharingView>('start_circle', { input });
export const startOpenSharing = (meetingId: string) => call<SharingView>('start_open_sharing', { meetingId });
export const nextSpeaker = (meetingId: string) => call<SharingView>('next_speaker', { meetingId });
export const passTurn = (meetingId: string) => call<SharingView>('pass_turn', { meetingId });
export const skipTurn = (meetingId: string) => call<SharingView>('skip_turn', { meetingId });
export const raiseHand = (meetingId: string, personId: string) =>
  call<SharingView>('raise_hand', { meetingId, personId });
export const lowerHand = (meetingId: string, personId: string) =>
  call<SharingView>('lower_hand', { meetingId, personId });
export const endRound = (meetingId: string) => call<SharingView>('end_round', { meetingId });
export const setSharingTime = (input: SharingTimeInput) => call<SharingView>('set_sharing_time', { input });
export const useFairShare = (meetingId: string) => call<SharingView>('use_fair_share', { meetingId });
export const setSharingRules = (meetingId: string, rules: SharingRules) =>
  call<SharingView>('set_sharing_rules', { meetingId, rules });
export const sharingSummary = (meetingId: string, withNames: boolean) =>
  call<SharesSummary>('sharing_summary', { meetingId, withNames });
