// The open meeting's attendance and record (MeetingView), live from meeting-changed.
import { api } from '../api';
import type { MeetingView } from '../bindings/MeetingView';
import { personName } from '../format';
import { Live } from './live.svelte';

/** The named people here now (checked in, not left), in order of arrival: the readers and speakers to pick from. */
export function peopleHere(view: MeetingView): { id: string; name: string }[] {
  return view.attendees
    .filter((a) => a.personId !== null && a.leftAt === null)
    .map((a) => ({ id: a.personId!, name: personName(a.displayName ?? '', a.lastInitial) }));
}

export class LiveMeeting extends Live<MeetingView> {
  /** Closed: its record is kept as it is until the chair reopens it. */
  readonly closed = $derived(this.view?.meeting.status === 'closed');
  /** Attendance by name, rather than counts only. */
  readonly named = $derived(this.view?.meeting.mode === 'named');
  readonly here = $derived(this.view ? peopleHere(this.view) : []);

  constructor() {
    super(api.meetingView, api.onMeetingChanged, (v) => v.meeting.id);
  }
}
