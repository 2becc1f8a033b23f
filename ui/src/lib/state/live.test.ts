// The live snapshots as the chair's screen relies on them: read once, redrawn from the shell's
// event for the meeting on screen only, and changed through act(), which says no in plain words.
import { emit } from '@tauri-apps/api/event';
import { describe, expect, it } from 'vitest';

import type { CelebrationView } from '../bindings/CelebrationView';
import { EVENT } from '../bindings/events';
import type { SharingView } from '../bindings/SharingView';
import { api } from '../api';
import { backend, noRound, READS, tick } from '../testing';
import { LiveCelebrations } from './celebrations.svelte';
import { LiveRound } from './round.svelte';

const seated = (meetingId = 'm1'): SharingView => ({
  ...noRound(),
  meetingId,
  seating: [{ personId: 'p-ann', name: 'Ann', newcomer: false, hasShared: false }],
});

describe('a live snapshot', () => {
  it('reads the meeting once and then follows its changes from the shell', async () => {
    backend(() => null);
    const round = new LiveRound();
    const stop = round.listen();
    await round.load('m1');
    expect(round.view?.seating).toEqual([]);

    await emit(EVENT.roundChanged, seated());
    await tick();
    expect(round.view?.seating.map((s) => s.name)).toEqual(['Ann']);
    expect(round.nameOf('p-ann')).toBe('Ann');
    expect(round.nameOf('p-gone')).toBe('Someone who left');
    stop();
  });

  it('ignores the changes of a meeting that is not on screen', async () => {
    backend(() => null);
    const round = new LiveRound();
    const stop = round.listen();
    await round.load('m1');
    await emit(EVENT.roundChanged, seated('m2'));
    await tick();
    expect(round.view?.meetingId).toBe('m1');
    expect(round.view?.seating).toEqual([]);
    stop();
  });

  it('draws what core answers to an intent, and keeps the last view when core says no', async () => {
    let refuse = false;
    const calls = backend(() => {
      if (refuse) throw { kind: 'no_round', message: 'No round is running.' };
      return seated();
    });
    const round = new LiveRound();
    round.show(noRound());

    expect(await round.act(() => api.moveSeat('m1', 'p-ann', 1))).toEqual(seated());
    expect(round.view?.seating.length).toBe(1);

    refuse = true;
    expect(await round.act(() => api.nextSpeaker('m1'))).toBeUndefined();
    expect(round.error?.message).toBe('No round is running.');
    expect(round.view?.seating.length).toBe(1);
    expect(calls.map((c) => c.cmd)).toEqual(['move_seat', 'next_speaker']);

    refuse = false;
    await round.act(() => api.moveSeat('m1', 'p-ann', -1));
    expect(round.error).toBeNull();
  });

  it('forgets everything when the app locks', async () => {
    backend(() => null);
    const round = new LiveRound();
    const stop = round.listen();
    round.show(seated());
    round.clear();
    await emit(EVENT.roundChanged, seated());
    await tick();
    expect(round.view).toBeNull();
    stop();
  });
});

describe('who is celebrating', () => {
  it('follows celebrations-changed, which the shell sends when someone checks in', async () => {
    const due: CelebrationView = {
      meetingId: 'm1',
      due: [
        {
          personId: 'p-sam',
          name: 'Sam',
          milestone: { point: { unit: 'days', count: 30 }, label: '30 days', date: '2026-11-20', days: 30 },
          celebrated: false,
        },
      ],
      stock: [],
      low: [],
    };
    backend(() => null, READS);
    const celebrations = new LiveCelebrations();
    const stop = celebrations.listen();
    await celebrations.load('m1');
    expect(celebrations.view?.due).toEqual([]);
    await emit(EVENT.celebrationsChanged, due);
    await tick();
    expect(celebrations.view?.due.map((d) => d.name)).toEqual(['Sam']);
    stop();
  });
});
