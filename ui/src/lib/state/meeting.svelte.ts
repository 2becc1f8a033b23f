// The open meeting's attendance and record (MeetingView), live from meeting-changed.
import { api } from '../api';
import type { MeetingView } from '../bindings/MeetingView';
import { Live } from './live.svelte';

export class LiveMeeting extends Live<MeetingView> {
  constructor() {
    super(api.meetingView, api.onMeetingChanged, (v) => v.meeting.id);
  }
}
