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

/** A meeting's attendance changed: its new state. */
export const onMeetingChanged = (handler: Handler<typeof EVENT.meetingChanged>) => on(EVENT.meetingChanged, handler);

/** The share timer's state changed (a share started, stopped, paused, adjusted, or its settings). */
export const onShareChanged = (handler: Handler<typeof EVENT.shareChanged>) => on(EVENT.shareChanged, handler);

/** The speaking order changed (a round step, seating, fair time, someone arriving or leaving). */
export const onRoundChanged = (handler: Handler<typeof EVENT.roundChanged>) => on(EVENT.roundChanged, handler);

/** The format runner moved on (or back). */
export const onRunnerChanged = (handler: Handler<typeof EVENT.runnerChanged>) => on(EVENT.runnerChanged, handler);

/** Who is celebrating changed: attendance or a milestone marked celebrated. */
export const onCelebrationsChanged = (handler: Handler<typeof EVENT.celebrationsChanged>) =>
  on(EVENT.celebrationsChanged, handler);

/** The running share's clock, several times a second (null between shares). */
export const onTimer = (handler: Handler<typeof EVENT.timer>) => on(EVENT.timer, handler);

/** Core's phase changed: time to sound a chime. */
export const onTimerCue = (handler: Handler<typeof EVENT.timerCue>) => on(EVENT.timerCue, handler);

/** The room display's frames: the only thing that window ever receives. */
export const onRoomFrame = (handler: Handler<typeof EVENT.roomFrame>) => on(EVENT.roomFrame, handler);
