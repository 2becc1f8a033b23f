// The one place the UI talks to the shell: every `invoke` and `listen` lives here, so
// components take data and emit intents, and tests swap in a fake backend with mockIPC.
import { invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import { open as openDialog } from '@tauri-apps/plugin-dialog';

import type { ActionInput } from './bindings/ActionInput';
import type { CelebrationView } from './bindings/CelebrationView';
import type { ChairReport } from './bindings/ChairReport';
import type { Handover } from './bindings/Handover';
import type { ImportReport } from './bindings/ImportReport';
import type { ItemStatus } from './bindings/ItemStatus';
import type { PositionInput } from './bindings/PositionInput';
import type { ReportInput } from './bindings/ReportInput';
import type { SavedBundle } from './bindings/SavedBundle';
import type { Service } from './bindings/Service';
import type { CountKind } from './bindings/CountKind';
import type { Format } from './bindings/Format';
import type { ForgetPreview } from './bindings/ForgetPreview';
import type { ForgetReport } from './bindings/ForgetReport';
import type { FormatChoice } from './bindings/FormatChoice';
import type { Group } from './bindings/Group';
import type { GroupInput } from './bindings/GroupInput';
import type { IpcError } from './bindings/IpcError';
import type { MeetingMode } from './bindings/MeetingMode';
import type { MeetingSummary } from './bindings/MeetingSummary';
import type { MeetingView } from './bindings/MeetingView';
import type { MilestonePoints } from './bindings/MilestonePoints';
import type { OpenMeetingInput } from './bindings/OpenMeetingInput';
import type { Person } from './bindings/Person';
import type { PersonInput } from './bindings/PersonInput';
import type { Display } from './bindings/Display';
import type { RetentionPreview } from './bindings/RetentionPreview';
import type { RoomSettings } from './bindings/RoomSettings';
import type { RoomView } from './bindings/RoomView';
import type { RunnerView } from './bindings/RunnerView';
import type { ShareSettings } from './bindings/ShareSettings';
import type { SharesSummary } from './bindings/SharesSummary';
import type { SharingRules } from './bindings/SharingRules';
import type { SharingTimeInput } from './bindings/SharingTimeInput';
import type { SharingView } from './bindings/SharingView';
import type { StartCircleInput } from './bindings/StartCircleInput';
import type { ShareState } from './bindings/ShareState';
import type { StartShareInput } from './bindings/StartShareInput';
import type { StockCount } from './bindings/StockCount';
import type { StoreStatus } from './bindings/StoreStatus';
import type { Timer } from './bindings/Timer';
import type { TimerCue } from './bindings/TimerCue';

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

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    if (isIpcError(e)) throw new AppError(e);
    throw new AppError({ kind: 'internal', message: String(e) });
  }
}

export const api = {
  status: () => call<StoreStatus>('app_status'),
  /** First start: protect the data with `passphrase`, or keep it plain with `null`. */
  setUpStore: (passphrase: string | null) => call<StoreStatus>('set_up_store', { passphrase }),
  unlock: (passphrase: string) => call<StoreStatus>('unlock', { passphrase }),
  /** `idle`: the idle timer asks, and core keeps the app open during a share or a round. */
  lock: (idle: boolean) => call<StoreStatus>('lock', { idle }),
  changePassphrase: (current: string | null, next: string) =>
    call<StoreStatus>('change_passphrase', { current, new: next }),

  /** What a retention of `months` would remove now (`null`: the group's own setting). */
  retentionPreview: (groupId: string, months: number | null) =>
    call<RetentionPreview>('retention_preview', { groupId, months }),
  setRetention: (groupId: string, months: number | null) =>
    call<RetentionPreview>('set_retention', { groupId, months }),
  forgetPreview: (personId: string) => call<ForgetPreview>('forget_preview', { personId }),
  forgetPerson: (personId: string) => call<ForgetReport>('forget_person', { personId }),

  listGroups: () => call<Group[]>('list_groups'),
  createGroup: (input: GroupInput) => call<Group>('create_group', { input }),
  updateGroup: (id: string, input: GroupInput) => call<Group>('update_group', { id, input }),
  roster: (groupId: string) => call<Person[]>('roster', { groupId }),
  addPerson: (groupId: string, input: PersonInput) => call<Person>('add_person', { groupId, input }),

  openMeeting: (input: OpenMeetingInput) => call<MeetingView>('open_meeting', { input }),
  meetingView: (meetingId: string) => call<MeetingView>('meeting_view', { meetingId }),
  listMeetings: (groupId: string) => call<MeetingSummary[]>('list_meetings', { groupId }),
  closeMeeting: (meetingId: string) => call<MeetingView>('close_meeting', { meetingId }),
  reopenMeeting: (meetingId: string) => call<MeetingView>('reopen_meeting', { meetingId }),
  setChair: (meetingId: string, chair: string) => call<MeetingView>('set_chair', { meetingId, chair }),
  setMeetingMode: (meetingId: string, mode: MeetingMode) => call<MeetingView>('set_meeting_mode', { meetingId, mode }),

  checkIn: (meetingId: string, personId: string) => call<MeetingView>('check_in', { meetingId, personId }),
  addWalkIn: (meetingId: string, input: PersonInput) => call<MeetingView>('add_walk_in', { meetingId, input }),
  undoCheckIn: (checkInId: string) => call<MeetingView>('undo_check_in', { checkInId }),
  markLeft: (checkInId: string) => call<MeetingView>('mark_left', { checkInId }),
  markBack: (checkInId: string) => call<MeetingView>('mark_back', { checkInId }),
  adjustCount: (meetingId: string, kind: CountKind, delta: number) =>
    call<MeetingView>('adjust_count', { meetingId, kind, delta }),

  shareState: (meetingId: string) => call<ShareState>('share_state', { meetingId }),
  startShare: (input: StartShareInput) => call<ShareState>('start_share', { input }),
  stopShare: (shareId: string) => call<ShareState>('stop_share', { shareId }),
  undoStop: (meetingId: string) => call<ShareState>('undo_stop', { meetingId }),
  pauseShare: (shareId: string) => call<ShareState>('pause_share', { shareId }),
  resumeShare: (shareId: string) => call<ShareState>('resume_share', { shareId }),
  adjustShare: (shareId: string, deltaMs: number) => call<ShareState>('adjust_share', { shareId, deltaMs }),
  backdateShare: (shareId: string, ms: number) => call<ShareState>('backdate_share', { shareId, ms }),
  groupShareSettings: (groupId: string) => call<ShareSettings>('group_share_settings', { groupId }),
  setGroupShareSettings: (groupId: string, settings: ShareSettings) =>
    call<ShareSettings>('set_group_share_settings', { groupId, settings }),
  setMeetingShareSettings: (meetingId: string, settings: ShareSettings | null) =>
    call<ShareState>('set_meeting_share_settings', { meetingId, settings }),

  sharing: (meetingId: string) => call<SharingView>('sharing', { meetingId }),
  setSeating: (meetingId: string, seats: string[]) => call<SharingView>('set_seating', { meetingId, seats }),
  moveSeat: (meetingId: string, personId: string, by: number) =>
    call<SharingView>('move_seat', { meetingId, personId, by }),
  startCircle: (input: StartCircleInput) => call<SharingView>('start_circle', { input }),
  startOpenSharing: (meetingId: string) => call<SharingView>('start_open_sharing', { meetingId }),
  nextSpeaker: (meetingId: string) => call<SharingView>('next_speaker', { meetingId }),
  passTurn: (meetingId: string) => call<SharingView>('pass_turn', { meetingId }),
  skipTurn: (meetingId: string) => call<SharingView>('skip_turn', { meetingId }),
  raiseHand: (meetingId: string, personId: string) => call<SharingView>('raise_hand', { meetingId, personId }),
  lowerHand: (meetingId: string, personId: string) => call<SharingView>('lower_hand', { meetingId, personId }),
  endRound: (meetingId: string) => call<SharingView>('end_round', { meetingId }),
  setSharingTime: (input: SharingTimeInput) => call<SharingView>('set_sharing_time', { input }),
  useFairShare: (meetingId: string) => call<SharingView>('use_fair_share', { meetingId }),
  setSharingRules: (meetingId: string, groupId: string, rules: SharingRules) =>
    call<SharingView>('set_sharing_rules', { meetingId, groupId, rules }),
  sharingSummary: (meetingId: string, withNames: boolean) =>
    call<SharesSummary>('sharing_summary', { meetingId, withNames }),

  formatChoice: (groupId: string) => call<FormatChoice>('format_choice', { groupId }),
  setGroupFormat: (groupId: string, format: Format) => call<FormatChoice>('set_group_format', { groupId, format }),
  useTemplate: (groupId: string, templateId: string) => call<FormatChoice>('use_template', { groupId, templateId }),
  runner: (meetingId: string) => call<RunnerView>('runner', { meetingId }),
  nextSegment: (meetingId: string) => call<RunnerView>('next_segment', { meetingId }),
  previousSegment: (meetingId: string) => call<RunnerView>('previous_segment', { meetingId }),
  finishFormat: (meetingId: string) => call<RunnerView>('finish_format', { meetingId }),
  setReader: (meetingId: string, segment: number, personId: string | null) =>
    call<RunnerView>('set_reader', { meetingId, segment, personId }),

  setRecoveryDate: (personId: string, date: string | null) => call<Person>('set_recovery_date', { personId, date }),
  celebrations: (meetingId: string) => call<CelebrationView>('celebrations', { meetingId }),
  celebrate: (meetingId: string, personId: string, label: string) =>
    call<CelebrationView>('celebrate', { meetingId, personId, label }),
  setStock: (groupId: string, count: StockCount) => call<StockCount[]>('set_stock', { groupId, count }),
  groupStock: (groupId: string) => call<StockCount[]>('group_stock', { groupId }),
  milestonePoints: (groupId: string) => call<MilestonePoints>('milestone_points', { groupId }),
  setMilestonePoints: (groupId: string, list: MilestonePoints) =>
    call<MilestonePoints>('set_milestone_points', { groupId, list }),

  listDisplays: () => call<Display[]>('list_displays'),
  openRoomDisplay: (display: number | null) => call<void>('open_room_display', { display }),
  closeRoomDisplay: () => call<void>('close_room_display'),
  roomSettings: (groupId: string) => call<RoomSettings>('room_settings', { groupId }),
  setRoomSettings: (groupId: string, settings: RoomSettings) =>
    call<RoomSettings>('set_room_settings', { groupId, settings }),

  /** The running share's clock, several times a second (null between shares). */
  onTimer: (handler: (timer: Timer | null) => void): Promise<UnlistenFn> =>
    listen<Timer | null>('timer', (e) => handler(e.payload)),
  onShareChanged: (handler: (state: ShareState) => void): Promise<UnlistenFn> =>
    listen<ShareState>('share-changed', (e) => handler(e.payload)),
  /** Core's phase changed: time to sound a chime. */
  onTimerCue: (handler: (cue: TimerCue) => void): Promise<UnlistenFn> =>
    listen<TimerCue>('timer-cue', (e) => handler(e.payload)),
  /** The room display's frames: the only thing that window ever receives. */
  onRoomFrame: (handler: (frame: RoomView) => void): Promise<UnlistenFn> =>
    listen<RoomView>('room-frame', (e) => handler(e.payload)),

  chairReport: (meetingId: string) => call<ChairReport>('chair_report', { meetingId }),
  saveReport: (meetingId: string, input: ReportInput) => call<ChairReport>('save_report', { meetingId, input }),
  addActionItem: (meetingId: string, input: ActionInput) => call<ChairReport>('add_action_item', { meetingId, input }),
  closeActionItem: (id: string, status: ItemStatus, by: string) =>
    call<Handover>('close_action_item', { id, status, by }),
  removeActionItem: (id: string) => call<Handover>('remove_action_item', { id }),
  handover: (groupId: string) => call<Handover>('handover', { groupId }),
  acknowledgeHandover: (groupId: string, name: string) => call<Handover>('acknowledge_handover', { groupId, name }),
  service: (groupId: string) => call<Service>('service', { groupId }),
  savePosition: (groupId: string, id: string | null, input: PositionInput) =>
    call<Service>('save_position', { groupId, id, input }),
  removePosition: (groupId: string, id: string) => call<Service>('remove_position', { groupId, id }),
  setRota: (groupId: string, date: string, chair: string | null) => call<Service>('set_rota', { groupId, date, chair }),

  bundleFolder: () => call<string>('bundle_folder'),
  exportBundle: (groupId: string, passphrase: string, onlyChanges: boolean, folder: string) =>
    call<SavedBundle>('export_bundle', { groupId, passphrase, onlyChanges, folder }),
  /** The system's folder chooser; `null` when the chair cancels. */
  chooseFolder: async (start: string) => {
    const picked = await openDialog({ directory: true, defaultPath: start || undefined, title: 'Save the bundle in' });
    return typeof picked === 'string' ? picked : null;
  },
  /** The system's file chooser for a bundle; `null` when the chair cancels. */
  chooseBundle: async () => {
    const picked = await openDialog({
      title: 'Choose a handover bundle',
      filters: [{ name: 'Circlekeeper handover bundle', extensions: ['ckbundle'] }],
    });
    return typeof picked === 'string' ? picked : null;
  },
  /** With `groupId`, a bundle of any other group is refused. */
  importBundle: (path: string, passphrase: string, groupId: string | null) =>
    call<ImportReport>('import_bundle', { path, passphrase, groupId }),

  /** The speaking order changed (a round step, seating, fair time). */
  onSharingChanged: (handler: (view: SharingView) => void): Promise<UnlistenFn> =>
    listen<SharingView>('sharing-changed', (e) => handler(e.payload)),

  /** The format runner moved on (or back). */
  onRunnerChanged: (handler: (view: RunnerView) => void): Promise<UnlistenFn> =>
    listen<RunnerView>('runner-changed', (e) => handler(e.payload)),

  /** Every window hears a meeting's new state after any change to it. */
  onMeetingChanged: (handler: (view: MeetingView) => void): Promise<UnlistenFn> =>
    listen<MeetingView>('meeting-changed', (e) => handler(e.payload)),
};

export type Api = typeof api;

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
