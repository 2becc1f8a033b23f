// Generated from src-tauri/src/events.rs by `cargo test -p circlekeeper`: do not edit by hand.
// The one list of window labels and events, and what each event carries.
import type { CelebrationView } from './CelebrationView';
import type { MeetingView } from './MeetingView';
import type { RoomView } from './RoomView';
import type { RunnerView } from './RunnerView';
import type { ShareState } from './ShareState';
import type { SharingView } from './SharingView';
import type { StoreStatus } from './StoreStatus';
import type { Timer } from './Timer';
import type { TimerCue } from './TimerCue';

/** The app's windows: the chair's, and the room display that may only listen. */
export const WINDOW = { main: 'main', room: 'room' } as const;

/** Every event the shell sends, by name. */
export const EVENT = {
  meetingChanged: 'meeting-changed',
  shareChanged: 'share-changed',
  roundChanged: 'round-changed',
  runnerChanged: 'runner-changed',
  celebrationsChanged: 'celebrations-changed',
  timer: 'timer',
  timerCue: 'timer-cue',
  roomFrame: 'room-frame',
  appStatus: 'app-status',
} as const;

/** What each event carries. */
export type EventPayload = {
  'meeting-changed': MeetingView;
  'share-changed': ShareState;
  'round-changed': SharingView;
  'runner-changed': RunnerView;
  'celebrations-changed': CelebrationView;
  timer: Timer | null;
  'timer-cue': TimerCue;
  'room-frame': RoomView;
  'app-status': StoreStatus;
};
