// What the shell tells the windows: one typed `on` for any event of bindings/events.ts, and a
// named listener for each, so a component never spells an event's name or guesses its payload.
import { listen, type UnlistenFn } from '@tauri-apps/api/event';

import { EVENT, type EventPayload } from '../bindings/events';

type Event = keyof EventPayload;
type Handler<E extends Event> = (payload: EventPayload[E]) => void;

/** Hears `event` until the returned function is called, with the payload typed by the event. */
export function on<E extends Event>(event: E, handler: Handler<E>): Promise<UnlistenFn> {
  return listen<EventPayload[E]>(event, (e) => handler(e.payload));
}

/** The listener for one event, as components call it: `onRoundChanged((view) => ...)`. */
const listener =
  <E extends Event>(event: E) =>
  (handler: Handler<E>) =>
    on(event, handler);

/** A meeting's attendance changed: its new state. */
export const onMeetingChanged = listener(EVENT.meetingChanged);

/** The share timer's state changed (a share started, stopped, paused, adjusted, or its settings). */
export const onShareChanged = listener(EVENT.shareChanged);

/** The speaking order changed (a round step, seating, fair time, someone arriving or leaving). */
export const onRoundChanged = listener(EVENT.roundChanged);

/** The format runner moved on (or back). */
export const onRunnerChanged = listener(EVENT.runnerChanged);

/** Who is celebrating changed: attendance or a milestone marked celebrated. */
export const onCelebrationsChanged = listener(EVENT.celebrationsChanged);

/** The running share's clock, several times a second (null between shares). */
export const onTimer = listener(EVENT.timer);

/** Core's phase changed: time to sound a chime. */
export const onTimerCue = listener(EVENT.timerCue);

/** The room display's frames: the only thing that window ever receives. */
export const onRoomFrame = listener(EVENT.roomFrame);

/** The lock changed (the app locked itself, or was unlocked), or the idle lock waits and says why. */
export const onAppStatus = listener(EVENT.appStatus);
