// The meeting in Spanish: the share timer, the room display on the projector and the shortcut
// hints speak the chair's language, counts take their plural, and a change of language redraws
// what is on screen at once, in the middle of a meeting.
import { emit } from '@tauri-apps/api/event';
import { render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';

import { EVENT } from '../bindings/events';
import type { RoomView } from '../bindings/RoomView';
import type { ShareRecord } from '../bindings/ShareRecord';
import { useLanguage } from '../i18n.svelte';
import { hint } from '../shortcuts';
import { backend, idleShares, meetingView, READS, tick } from '../testing';
import RoomDisplay from './RoomDisplay.svelte';
import SharePanel from './SharePanel.svelte';

afterEach(() => useLanguage('en'));

const finished = (id: string): ShareRecord => ({
  id,
  personId: null,
  speaker: null,
  plannedMs: 240_000,
  adjustMs: 0,
  startedAt: 0,
  endedAt: 200_000,
  pausedMs: 0,
  spokenMs: 200_000,
  overtimeMs: 0,
});

const frame = (over: Partial<RoomView> = {}): RoomView => ({
  running: true,
  speaker: 'Sam',
  remainingMs: 125_000,
  phase: 'calm',
  paused: false,
  showOvertime: true,
  nextSpeaker: null,
  segment: null,
  segmentLeftMs: null,
  startsInMs: null,
  atMs: 0,
  ...over,
});

describe('the share timer in Spanish', () => {
  it('counts the shares so far with their plural, and goes back to English live', async () => {
    useLanguage('es');
    backend(() => null, { ...READS, share_state: idleShares({ shares: [finished('s1')] }) });
    render(SharePanel, { props: { view: meetingView() } });
    await tick();
    expect(screen.getByText('Nadie está compartiendo')).toBeTruthy();
    expect(screen.getByText('1 participación hasta ahora')).toBeTruthy();
    expect(screen.getByRole('button', { name: /Empezar participación/ })).toBeTruthy();
    expect(screen.getByLabelText('Siguiente en compartir')).toBeTruthy();

    useLanguage('en');
    await tick();
    expect(screen.getByText('1 share so far')).toBeTruthy();
    expect(screen.getByRole('button', { name: /Start share/ })).toBeTruthy();
  });

  it('says "participaciones" for more than one', async () => {
    useLanguage('es');
    backend(() => null, { ...READS, share_state: idleShares({ shares: [finished('s1'), finished('s2')] }) });
    render(SharePanel, { props: { view: meetingView() } });
    await tick();
    expect(screen.getByText('2 participaciones hasta ahora')).toBeTruthy();
  });
});

describe('the room display in Spanish', () => {
  it('tells the room who is next, when to wrap up and when time is up', async () => {
    useLanguage('es');
    backend(() => null);
    render(RoomDisplay);
    await emit(EVENT.roomFrame, frame({ nextSpeaker: 'Ben', remainingMs: 45_000, phase: 'wrapUp' }));
    await tick();
    const next = document.getElementById('room-next')!;
    expect(next.textContent).toBe('Sigue: Ben');
    expect(next.querySelector('bdi')?.textContent).toBe('Ben');
    expect(screen.getByText('Hora de ir cerrando')).toBeTruthy();
    expect(screen.getByRole('timer').getAttribute('aria-label')).toBe('Hora de ir cerrando: 0:45');

    await emit(EVENT.roomFrame, frame({ remainingMs: -5_000, phase: 'overtime' }));
    await tick();
    expect(screen.getByText('Se acabó el tiempo', { selector: 'p' })).toBeTruthy();
  });

  it('counts down to the start of the meeting', async () => {
    useLanguage('es');
    backend(() => null);
    render(RoomDisplay);
    await emit(EVENT.roomFrame, frame({ running: false, speaker: null, startsInMs: 252_000 }));
    await tick();
    expect(screen.getByText('La reunión empieza en')).toBeTruthy();
  });
});

describe('shortcut hints in Spanish', () => {
  it('names Enter as Spanish keyboards label it, and leaves Alt and arrows as they are', () => {
    useLanguage('es');
    expect(hint('checkIn')).toBe('Intro');
    expect(hint('addTime')).toBe('Alt+↑');
    useLanguage('en');
    expect(hint('checkIn')).toBe('Enter');
  });
});
