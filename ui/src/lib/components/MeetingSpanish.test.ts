// The meeting in Spanish: the share timer, the room display on the projector and the shortcut
// hints speak the chair's language, counts take their plural, and a change of language redraws
// what is on screen at once, in the middle of a meeting.
import { emit } from '@tauri-apps/api/event';
import { render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';

import { EVENT } from '../bindings/events';
import type { RunnerView } from '../bindings/RunnerView';
import type { RunStatus } from '../bindings/RunStatus';
import type { ShareRecord } from '../bindings/ShareRecord';
import { useLanguage } from '../i18n.svelte';
import { LiveMeeting } from '../state/meeting.svelte';
import { LiveRound } from '../state/round.svelte';
import { hint } from '../shortcuts';
import { backend, idleShares, meetingView, noRound, READS, roomFrame, tick } from '../testing';
import MeetingScreen from './MeetingScreen.svelte';
import RoomDisplay from './RoomDisplay.svelte';
import RoundPanel from './RoundPanel.svelte';
import RunnerPanel from './RunnerPanel.svelte';
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

const frame = roomFrame;

describe('the meeting screen in Spanish', () => {
  it('says which meeting of the day it is, who chairs it, and how to close it', async () => {
    useLanguage('es');
    backend(() => null);
    const meeting = new LiveMeeting();
    const view = meetingView();
    meeting.show({ ...view, meeting: { ...view.meeting, seq: 2 } });
    render(MeetingScreen, { props: { meeting } });
    await tick();
    const lead = document.querySelector('.lead')!.textContent!.replace(/\s+/g, ' ');
    expect(lead).toMatch(/ · reunión 2 · coordina Robin Cambiar coordinador\/a/);
    expect(document.getElementById('meeting-status')?.textContent).toBe('Abierta');
    expect(screen.getByRole('button', { name: /Cerrar la reunión/ })).toBeTruthy();
    expect(document.getElementById('count-headcount')?.closest('div, li, dl')?.textContent).toContain('Conteo');
    expect(screen.getByText('Personas sin nombre')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Si la computadora falla' })).toBeTruthy();
  });
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
    expect(screen.getByText('Es hora de ir cerrando')).toBeTruthy();
    expect(screen.getByRole('timer').getAttribute('aria-label')).toBe('Es hora de ir cerrando: 0:45');

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

describe('the speaking order in Spanish', () => {
  it('offers fair time and the chair’s summary as whole Spanish sentences', async () => {
    useLanguage('es');
    backend(() => null);
    const round = new LiveRound();
    const sharing = noRound();
    round.show({
      ...sharing,
      fair: { ...sharing.fair, remainingMs: 720_000, proposal: { shareMs: 180_000, basis: 'evenSplit' } },
      summary: { ...sharing.summary, shared: 3, shares: 3, passed: 1 },
    });
    render(RoundPanel, { props: { round, closed: false } });
    await tick();
    expect(screen.getByRole('heading', { name: 'Orden para compartir' })).toBeTruthy();
    expect(screen.getByText('Tiempo justo: 3:00 para cada persona que espera')).toBeTruthy();
    expect(
      screen.getByText(
        /^Quedan 12:00 para compartir \(hasta las .+, el final de la reunión\), entre 2:00 y 5:00 por participación\.$/,
      ),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Usar 3:00' })).toBeTruthy();
    expect(screen.getByText('Resumen para quien coordina (privado)')).toBeTruthy();
    expect(document.getElementById('summary')?.textContent?.replace(/\s+/g, ' ')).toMatch(
      /Compartieron ?3 ?Pasaron ?1/,
    );
  });
});

/** A three-segment format, in `status`; `report` once finished. */
function runner(status: Partial<RunStatus>, report: RunnerView['report'] = null): RunnerView {
  const segment = (title: string, sharing = false) => ({ title, minutes: 10, script: null, readerId: null, sharing });
  return {
    meetingId: 'm1',
    format: { name: 'Formato de AA', segments: [segment('Apertura'), segment('Lecturas'), segment('Compartir', true)] },
    run: { starts: [], finishedAt: null },
    status: {
      atMs: 0,
      phase: 'running',
      current: 0,
      next: 1,
      segmentElapsedMs: 0,
      segmentLeftMs: 600_000,
      plannedStartMs: 0,
      plannedEndMs: 1_800_000,
      untilStartMs: 0,
      projectedEndMs: 1_800_000,
      againstPlan: { standing: 'behind', behindMs: 90_000 },
      againstClock: { standing: 'onTime', behindMs: 0 },
      sharing: { index: 2, plannedMs: 600_000, lengthMs: 510_000, leftMs: 510_000 },
      ...status,
    },
    report,
    readers: [],
  };
}

describe('the format runner in Spanish', () => {
  const mount = (view: RunnerView) => {
    backend(() => null, { ...READS, runner: view });
    render(RunnerPanel, { props: { meetingId: 'm1', closed: false, present: [] } });
    return tick();
  };

  it('counts the segments before the meeting with their plural', async () => {
    useLanguage('es');
    await mount(runner({ phase: 'notStarted', current: null, untilStartMs: 0 }));
    expect(screen.getByRole('heading', { name: 'Antes de la reunión' })).toBeTruthy();
    // The title sits in its own <strong>, so the sentence is read from the paragraph as a whole.
    const first = (_: string, el: Element | null) =>
      el?.tagName === 'P' &&
      /^Primero: Apertura · 3 partes, Formato de AA$/.test(el.textContent?.replace(/\s+/g, ' ').trim() ?? '');
    expect(screen.getByText(first)).toBeTruthy();
    expect(screen.getByRole('button', { name: /Empezar la reunión/ })).toBeTruthy();
  });

  it('says where the meeting is and how it runs against the plan and the clock', async () => {
    useLanguage('es');
    await mount(runner({}));
    expect(screen.getByText('1 de 3')).toBeTruthy();
    const pace = document.getElementById('pace')!.textContent!.replace(/\s+/g, ' ').trim();
    expect(pace).toMatch(
      /^1:30 de retraso según el plan · a tiempo según el reloj · termina cerca de las .+ · habrá 8:30 para compartir$/,
    );
    expect(screen.getByRole('option', { name: 'quien coordina' })).toBeTruthy();
    expect(screen.getByRole('button', { name: /Siguiente: Lecturas/ })).toBeTruthy();
  });

  it('reports planned against actual in whole sentences', async () => {
    useLanguage('es');
    await mount(
      runner(
        { phase: 'finished', current: null },
        {
          segments: [{ index: 0, title: 'Apertura', plannedMs: 600_000, actualMs: null, differenceMs: null }],
          plannedMs: 1_800_000,
          actualMs: 1_900_000,
          startedLateMs: 120_000,
          finishedLateMs: 0,
        },
      ),
    );
    expect(screen.getByRole('heading', { name: 'Lo planeado frente a lo real' })).toBeTruthy();
    expect(screen.getByText('no se llegó')).toBeTruthy();
    expect(screen.getByText('Empezó 2:00 tarde, terminó a tiempo.')).toBeTruthy();
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
