// The speaking order as the chair drives it from the keyboard: core says who is next and why;
// the panel shows it and sends the chair's intents.
import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';

import type { SharingView } from '../bindings/SharingView';
import { backend, noRound, tick } from '../testing';
import { LiveRound } from '../state/round.svelte';
import RoundPanel from './RoundPanel.svelte';

const seated = (): SharingView => ({
  ...noRound(),
  seating: ['Ann', 'Ben', 'Cy'].map((name) => ({
    personId: `p-${name}`,
    name,
    newcomer: name === 'Cy',
    hasShared: false,
  })),
  proposedStart: { seat: 1, reason: 'oppositeLastStart' },
});

const running = (speaking: boolean): SharingView => ({
  ...seated(),
  proposedStart: null,
  round: {
    id: 'r1',
    mode: { kind: 'circle', direction: 'clockwise', startSeat: 1 },
    upcoming: [
      { personId: 'p-Ben', name: 'Ben', reason: 'nextInCircle' },
      { personId: 'p-Cy', name: 'Cy', reason: 'lateArrival' },
      { personId: 'p-Ann', name: 'Ann', reason: 'skippedEarlier' },
    ],
    waiting: 3,
    turns: 0,
    passes: 0,
    speaking,
  },
});

/** The panel drawing `sharing`, as the meeting screen hands it over. */
function mount(sharing: SharingView, closed = false) {
  const round = new LiveRound();
  round.show(sharing);
  render(RoundPanel, { props: { round, closed } });
}

const key = (code: string) => fireEvent.keyDown(window, { key: code.slice(3).toLowerCase(), code, altKey: true });

describe('before a round', () => {
  it('starts a circle at the proposed seat from Alt+I', async () => {
    const calls = backend(() => running(false));
    mount(seated());
    // The name sits in its own <bdi>, so the sentence is read from the paragraph as a whole.
    const proposed = (_: string, el: Element | null) =>
      el?.tagName === 'P' && /Proposed first: Ben, away from where last meeting started/.test(el.textContent ?? '');
    expect(screen.getByText(proposed)).toBeTruthy();
    await key('KeyI');
    await tick();
    expect(calls).toEqual([
      { cmd: 'start_circle', args: { input: { meetingId: 'm1', firstPersonId: 'p-Ben', direction: 'clockwise' } } },
    ]);
  });

  it('moves a person a seat along', async () => {
    const calls = backend(() => seated());
    mount(seated());
    await fireEvent.click(screen.getByRole('button', { name: 'Move Cy one seat earlier' }));
    await tick();
    expect(calls).toEqual([{ cmd: 'move_seat', args: { meetingId: 'm1', personId: 'p-Cy', by: -1 } }]);
  });
});

describe('during a round', () => {
  it('shows whose turn it is and the next two, with core’s reasons', () => {
    backend(() => null);
    mount(running(true));
    const rows = [...document.querySelectorAll('#upcoming li')].map((li) =>
      li.textContent?.replace(/\s+/g, ' ').trim(),
    );
    expect(rows).toEqual([
      'Sharing Ben next in the circle',
      'Next Cy came in late, seat still ahead',
      'Then Ann asked to come back to',
    ]);
  });

  it('sends next, pass, skip and end from the keyboard', async () => {
    const calls = backend(() => running(true));
    mount(running(true));
    for (const k of ['KeyN', 'KeyX', 'KeyK', 'KeyE']) await key(k);
    await tick();
    expect(calls.map((c) => c.cmd)).toEqual(['next_speaker', 'pass_turn', 'skip_turn', 'end_round']);
  });

  it('does nothing on a closed meeting', async () => {
    const calls = backend(() => running(true));
    mount(running(true), true);
    await key('KeyN');
    await tick();
    expect(calls).toEqual([]);
  });
});
