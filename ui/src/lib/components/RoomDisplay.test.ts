// The room display draws only what the room frame carries: the clock, its colour, and the
// speaker's first name when the group allows it.
import { emit } from '@tauri-apps/api/event';
import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';

import { EVENT } from '../bindings/events';
import { backend, roomFrame, tick } from '../testing';
import RoomDisplay from './RoomDisplay.svelte';

const frame = roomFrame;

describe('the room display', () => {
  it('rests, showing nothing, until a share runs', async () => {
    const calls = backend(() => null);
    const { container } = render(RoomDisplay);
    await emit(EVENT.roomFrame, frame({ running: false, speaker: null }));
    await tick();
    // Only its heading, for a screen reader.
    expect(container.textContent?.trim()).toBe('Room display');
    expect(calls).toEqual([]);
  });

  it('shows the speaker and big digits in the colour of the moment', async () => {
    backend(() => null);
    render(RoomDisplay);
    await emit(EVENT.roomFrame, frame({ remainingMs: 45_000, phase: 'wrapUp' }));
    await tick();
    expect(document.getElementById('room-speaker')?.textContent).toBe('Sam');
    const clock = screen.getByRole('timer');
    expect(clock.textContent).toBe('0:45');
    expect(clock.classList.contains('wrapUp')).toBe(true);
    expect(screen.getByText('Time to wrap up')).toBeTruthy();
  });

  it('counts down to the start, then shows the segment and its clock', async () => {
    backend(() => null);
    render(RoomDisplay);
    await emit(EVENT.roomFrame, frame({ running: false, speaker: null, startsInMs: 252_000 }));
    await tick();
    expect(document.getElementById('room-countdown')?.textContent).toBe('4:12');
    await emit(EVENT.roomFrame, frame({ running: false, speaker: null, segment: 'Readings', segmentLeftMs: 300_000 }));
    await tick();
    expect(document.getElementById('room-segment')?.textContent).toBe('Readings');
    expect(document.getElementById('room-segment-clock')?.textContent).toBe('5:00');
  });

  it('tells the room who is next when there is a speaking order', async () => {
    backend(() => null);
    render(RoomDisplay);
    await emit(EVENT.roomFrame, frame({ nextSpeaker: 'Ben' }));
    await tick();
    expect(document.getElementById('room-next')?.textContent).toBe('Next: Ben');
  });

  it('shows a right-to-left name isolated, so it cannot reorder the words around it', async () => {
    backend(() => null);
    render(RoomDisplay);
    // Without isolation "Next: " stays put, but a name ending in digits or marks drags neighbours along.
    await emit(EVENT.roomFrame, frame({ speaker: 'מרים 2', nextSpeaker: 'שרה (ש.)' }));
    await tick();
    const speaker = document.querySelector('#room-speaker bdi');
    expect(speaker?.textContent).toBe('מרים 2');
    const next = document.getElementById('room-next')!;
    expect(next.querySelector('bdi')?.textContent).toBe('שרה (ש.)');
    expect(next.firstChild?.textContent).toBe('Next: ');
  });

  it('keeps overtime from the room when the group asks, and shows no name when there is none', async () => {
    backend(() => null);
    render(RoomDisplay);
    await emit(EVENT.roomFrame, frame({ speaker: null, remainingMs: 0, phase: 'overtime', showOvertime: false }));
    await tick();
    expect(screen.getByRole('timer').textContent).toBe('0:00');
    expect(document.getElementById('room-speaker')?.textContent).toBe('');
  });
});
