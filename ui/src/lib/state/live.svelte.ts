// One live snapshot of the open meeting, as core sends it: read once, kept current by the shell's
// event, and changed only through `act`, which draws core's answer and reports a refusal in words.
import type { UnlistenFn } from '@tauri-apps/api/event';
import { untrack } from 'svelte';

import { attempt, type AppError } from '../api';

export class Live<T> {
  /** The latest snapshot, drawn as it is; null until the first one arrives. */
  view = $state.raw<T | null>(null);
  /** When the snapshot arrived (`performance.now()`), for clocks that count on from it. */
  receivedAt = $state(0);
  /** The last refusal, in core's words, until dismissed or the next change succeeds. */
  error = $state<AppError | null>(null);
  #meetingId: string | null = null;
  #read: (meetingId: string) => Promise<T>;
  #hear: (handler: (view: T) => void) => Promise<UnlistenFn>;
  #meetingOf: (view: T) => string;

  /** `read` fetches a meeting's snapshot, `hear` listens for its event, `meetingOf` names its meeting. */
  constructor(
    read: (meetingId: string) => Promise<T>,
    hear: (handler: (view: T) => void) => Promise<UnlistenFn>,
    meetingOf: (view: T) => string,
  ) {
    this.#read = read;
    this.#hear = hear;
    this.#meetingOf = meetingOf;
  }

  /** Draws `view` and follows its meeting from now on. */
  show(view: T) {
    const id = this.#meetingOf(view);
    if (id !== this.#meetingId) this.error = null;
    this.#meetingId = id;
    this.view = view;
    this.receivedAt = performance.now();
  }

  /** Reads meeting `meetingId`'s snapshot; if another load started meanwhile, the later one wins. */
  async load(meetingId: string): Promise<T | undefined> {
    if (meetingId !== this.#meetingId) this.view = null;
    this.#meetingId = meetingId;
    const v = await attempt(
      () => this.#read(meetingId),
      (e) => (this.error = e),
    );
    if (v !== undefined && this.#meetingId === meetingId) this.show(v);
    return v;
  }

  /** Hears the followed meeting's new snapshots until the returned function is called. */
  listen(): () => void {
    const stop = this.#hear((v) => {
      if (this.#meetingOf(v) === this.#meetingId) this.show(v);
    });
    return () => void stop.then((f) => f());
  }

  /**
   * For a component, while it starts: reads the meeting `meetingId()` names (again whenever that
   * changes; none while it is null) and hears its changes for as long as the component is shown.
   */
  follow(meetingId: () => string | null) {
    $effect(() => this.listen());
    $effect(() => {
      const id = meetingId();
      if (id !== null) untrack(() => this.load(id));
    });
  }

  /** Runs an intent that answers with the new snapshot, and draws it; a refusal lands in `error`. */
  async act(intent: () => Promise<T>): Promise<T | undefined> {
    const v = await attempt(intent, (e) => (this.error = e));
    if (v !== undefined) {
      this.error = null;
      this.show(v);
    }
    return v;
  }

  /** Forgets the snapshot (the app locked): nothing of it stays in memory. */
  clear() {
    this.#meetingId = null;
    this.view = null;
    this.error = null;
  }
}
