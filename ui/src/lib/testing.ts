// A fake core for component tests: snapshots as core would send them, and a mocked IPC
// backend that answers reads and records every intent.
import { mockIPC } from '@tauri-apps/api/mocks';

import type { ActionItem } from './bindings/ActionItem';
import type { BackupInfo } from './bindings/BackupInfo';
import type { ChairReport } from './bindings/ChairReport';
import type { Group } from './bindings/Group';
import type { IpcProblem } from './bindings/IpcProblem';
import type { MeetingView } from './bindings/MeetingView';
import type { RetentionPreview } from './bindings/RetentionPreview';
import type { RoomView } from './bindings/RoomView';
import type { ShareState } from './bindings/ShareState';
import type { SharingView } from './bindings/SharingView';
import type { StoreStatus } from './bindings/StoreStatus';
import type { Timer } from './bindings/Timer';

export const MARKUP = '<img src=x onerror=alert(1)>';

/** A backup made when last Tuesday's meeting closed, of one group with a year of weekly meetings. */
export function backupInfo(over: Partial<BackupInfo> = {}): BackupInfo {
  return {
    file: 'circlekeeper 2026-11-24 21-05-12 meeting-closed.sqlite3',
    takenAt: new Date(2026, 10, 24, 21, 5, 12).getTime(),
    reason: 'meetingClosed',
    bytes: 812_300,
    protected: false,
    groups: 1,
    meetings: 52,
    lastMeeting: '2026-11-24',
    ...over,
  };
}

/** The data open on a chair's laptop: set up, unlocked, nothing wrong. */
export function storeStatus(over: Partial<StoreStatus> = {}): StoreStatus {
  return {
    dataFile: '/home/chair/.local/share/org.circlekeeper.app/circlekeeper.sqlite3',
    openError: null,
    firstStart: false,
    protected: false,
    locked: false,
    lockPostponed: null,
    notSaving: null,
    backupProblem: null,
    ...over,
  };
}

export function group(over: Partial<Group> = {}): Group {
  return {
    id: 'g1',
    name: 'Tuesday Night Hope',
    fellowship: 'NA',
    weekday: 1,
    startTime: '19:30',
    lengthMin: 60,
    location: '',
    timeZone: 'UTC',
    slips: true,
    ...over,
  };
}

export function meetingView(over: Partial<MeetingView> = {}): MeetingView {
  return {
    group: group(),
    meeting: {
      id: 'm1',
      groupId: 'g1',
      date: '2026-11-17',
      seq: 1,
      status: 'open',
      chair: 'Robin',
      mode: 'named',
      openedAt: 0,
      closedAt: null,
    },
    attendees: [],
    counts: { headcount: 0, newcomers: 0, returning: 0, visitors: 0 },
    roster: [
      {
        person: { id: 'p-alex', groupId: 'g1', displayName: 'Alex', lastInitial: '', recoveryDate: null },
        checkInId: null,
      },
      {
        person: { id: 'p-markup', groupId: 'g1', displayName: MARKUP, lastInitial: '', recoveryDate: null },
        checkInId: null,
      },
      {
        person: { id: 'p-sam', groupId: 'g1', displayName: 'Sam', lastInitial: 'K', recoveryDate: null },
        checkInId: null,
      },
    ],
    slipsIssued: 0,
    ...over,
  };
}

/** The view after `personId` checked in. */
export function checkedIn(view: MeetingView, personId: string): MeetingView {
  const entry = view.roster.find((r) => r.person.id === personId)!;
  return {
    ...view,
    attendees: [
      ...view.attendees,
      {
        checkInId: `c-${personId}`,
        personId,
        displayName: entry.person.displayName,
        lastInitial: entry.person.lastInitial,
        arrivedAt: 0,
        leftAt: null,
        newcomer: true,
      },
    ],
    counts: { ...view.counts, headcount: view.counts.headcount + 1, newcomers: view.counts.newcomers + 1 },
    roster: view.roster.map((r) => (r.person.id === personId ? { ...r, checkInId: `c-${personId}` } : r)),
  };
}

/** The usual share: 4:00, with the wrap-up cue at 1:00 left. */
const SETTINGS = { shareMs: 240_000, warnMs: 60_000 };

/** No share running yet in meeting m1, with the usual settings. */
export function idleShares(over: Partial<ShareState> = {}): ShareState {
  return {
    meetingId: 'm1',
    settings: SETTINGS,
    overridden: false,
    timer: null,
    shares: [],
    canUndoStop: false,
    ...over,
  };
}

/** Meeting m1's report before the chair has written anything. */
export function chairReport(over: Partial<ChairReport> = {}): ChairReport {
  return {
    meetingId: 'm1',
    date: '2026-11-17',
    chair: 'Robin',
    closed: false,
    headcount: 0,
    newcomers: 0,
    shares: 0,
    passes: 0,
    finishedLateMs: null,
    celebrated: [],
    collectionCents: null,
    countedBy: [],
    notes: '',
    items: [],
    ...over,
  };
}

/** Sam's share, `spokenMs` in. */
export function samSharing(spokenMs: number, over: Partial<Timer> = {}): Timer {
  const remainingMs = SETTINGS.shareMs - spokenMs;
  return {
    shareId: 's1',
    meetingId: 'm1',
    personId: 'p-sam',
    speaker: 'Sam K.',
    plannedMs: SETTINGS.shareMs,
    adjustMs: 0,
    warnMs: SETTINGS.warnMs,
    startedAt: 0,
    spokenMs,
    remainingMs,
    phase: remainingMs <= 0 ? 'overtime' : remainingMs <= SETTINGS.warnMs ? 'wrapUp' : 'calm',
    paused: false,
    atMs: spokenMs,
    ...over,
  };
}

export type Call = { cmd: string; args: Record<string, unknown> };

/** What the share panel reads when it opens; not the intents these stories are about. */
export const READS: Record<string, unknown> = {
  share_state: idleShares(),
  sharing: noRound(),
  room_settings: { showName: true, showOvertime: true },
  list_displays: [],
  celebrations: { meetingId: 'm1', due: [], stock: [], low: [] },
  runner: {
    meetingId: 'm1',
    format: null,
    run: { starts: [], finishedAt: null },
    status: null,
    report: null,
    readers: [],
  },
  chair_report: chairReport(),
  handover: { groupId: 'g1', lastReport: null, openItems: [], acknowledged: null, nextChair: null },
  service: { positions: [], rota: [] },
  resources: [],
  bundle_folder: '/home/chair/Documents',
};

/** Installs the fake core: answers reads, records every intent and answers it with `answer`. */
export function backend(answer: (call: Call) => unknown, reads: Record<string, unknown> = READS): Call[] {
  const calls: Call[] = [];
  mockIPC(
    (cmd, args) => {
      if (cmd in reads) return reads[cmd];
      // The preferences store: empty, so the defaults apply.
      if (cmd === 'plugin:store|load') return 1;
      if (cmd === 'plugin:store|get') return [null, false];
      if (cmd.startsWith('plugin:')) return null;
      const call = { cmd, args: (args ?? {}) as Record<string, unknown> };
      calls.push(call);
      return answer(call);
    },
    { shouldMockEvents: true },
  );
  return calls;
}

export const tick = () => new Promise((r) => setTimeout(r, 0));

/** Meeting m1's speaking order before any round: nobody seated, no summary yet. */
export function noRound(): SharingView {
  return {
    meetingId: 'm1',
    seating: [],
    round: null,
    proposedStart: null,
    newcomersFirst: false,
    fair: {
      sharingEndsAt: 0,
      setByChair: false,
      remainingMs: 0,
      reserveMs: 0,
      minShareMs: 120_000,
      maxShareMs: 300_000,
      proposal: { shareMs: 0, basis: 'nobodyWaiting' },
    },
    summary: {
      shared: 0,
      shares: 0,
      passed: 0,
      shortestMs: null,
      medianMs: null,
      longestMs: null,
      totalSpokenMs: 0,
      totalOvertimeMs: 0,
      topFifthSpeakers: 0,
      topFifthPart: null,
      perPerson: null,
    },
  };
}

/** A room display frame: Sam sharing, 2:05 left, nothing else shown. */
export const roomFrame = (over: Partial<RoomView> = {}): RoomView => ({
  running: true,
  speaker: 'Sam',
  remainingMs: 125_000,
  phase: 'calm',
  paused: false,
  showOvertime: true,
  nextSpeaker: null,
  segment: null,
  segmentLeftMs: null,
  startsInMs: null,
  atMs: 0,
  ...over,
});

/** An open action item raised by Robin at meeting m1. */
export const actionItem = (text: string, over: Partial<ActionItem> = {}): ActionItem => ({
  id: `i-${text.length}`,
  groupId: 'g1',
  meetingId: 'm1',
  raisedOn: '2026-11-17',
  text,
  dueDate: null,
  dueMeeting: false,
  raisedBy: 'Robin',
  status: 'open',
  closedBy: null,
  closedAt: null,
  ...over,
});

/** What keeping twelve months would remove: a year of meetings, one of them still open. */
export const yearRemoved = (over: Partial<RetentionPreview> = {}): RetentionPreview => ({
  groupId: 'g1',
  months: 12,
  cutoff: '2025-11-22',
  meetings: 52,
  checkIns: 156,
  shares: 40,
  passes: 3,
  celebrations: 1,
  oldest: '2024-11-25',
  newest: '2025-11-17',
  openMeetings: 1,
  ...over,
});

/** The chair of 17 November 2026's meeting, as core says where a name is typed: the date a sentence of its own. */
export const chairOnTheSeventeenth = (): IpcProblem => ({
  code: 'forget_typed_chair',
  message: 'chair of the meeting on 17 November 2026',
  params: {
    date: {
      code: 'spoken_date',
      message: '17 November 2026',
      params: { day: 17, month: { code: 'month_11', message: 'November', params: {} }, year: 2026 },
    },
  },
});
