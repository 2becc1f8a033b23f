// Snapshots as core would send them, for component tests with a mocked backend.
import type { MeetingView } from './bindings/MeetingView';

export const MARKUP = '<img src=x onerror=alert(1)>';

export function meetingView(over: Partial<MeetingView> = {}): MeetingView {
  return {
    group: {
      id: 'g1',
      name: 'Tuesday Night Hope',
      fellowship: 'NA',
      weekday: 1,
      startTime: '19:30',
      lengthMin: 60,
      location: '',
      timeZone: 'UTC',
    },
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
      { person: { id: 'p-alex', groupId: 'g1', displayName: 'Alex', lastInitial: '' }, checkInId: null },
      { person: { id: 'p-markup', groupId: 'g1', displayName: MARKUP, lastInitial: '' }, checkInId: null },
      { person: { id: 'p-sam', groupId: 'g1', displayName: 'Sam', lastInitial: 'K' }, checkInId: null },
    ],
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
