// Attendance in Spanish: check-in, here now, the tally, up next and the slips speak the chair's
// language, counts in the right plural, and a change of language redraws them on the spot.
import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, expect, it } from 'vitest';

import type { SharingView } from '../bindings/SharingView';
import { useLanguage } from '../i18n.svelte';
import { LiveMeeting } from '../state/meeting.svelte';
import { LiveRound } from '../state/round.svelte';
import { backend, checkedIn, meetingView, noRound, tick } from '../testing';
import CheckInCard from './CheckInCard.svelte';
import HereNow from './HereNow.svelte';
import SlipsCard from './SlipsCard.svelte';
import TallyEntry from './TallyEntry.svelte';
import UpNext from './UpNext.svelte';

afterEach(() => useLanguage('en'));

const text = (id: string) => document.getElementById(id)!.textContent!.replace(/\s+/g, ' ').trim();

it('counts slips in Spanish, one and many, and back in English when the chair switches', async () => {
  backend(() => null);
  useLanguage('es');
  const { unmount } = render(SlipsCard, { props: { view: meetingView({ slipsIssued: 1 }) } });
  expect(text('slips-issued')).toBe('1 comprobante emitido');
  unmount();

  render(SlipsCard, { props: { view: meetingView({ slipsIssued: 3 }) } });
  expect(text('slips-issued')).toBe('3 comprobantes emitidos');
  expect(screen.getByRole('button', { name: 'Emitir un comprobante' })).toBeTruthy();

  useLanguage('en');
  await tick();
  expect(text('slips-issued')).toBe('3 slips issued');
  expect(screen.getByRole('button', { name: 'Issue a slip' })).toBeTruthy();
});

it('checks people in and lists who is here in Spanish', () => {
  backend(() => null);
  useLanguage('es');
  const meeting = new LiveMeeting();
  meeting.show(checkedIn(meetingView(), 'p-sam'));
  render(CheckInCard, { props: { meeting } });
  render(HereNow, { props: { meeting } });

  expect(screen.getByRole('heading', { name: 'Registrar llegada' })).toBeTruthy();
  expect(screen.getByRole('combobox', { name: /Escribe un nombre y pulsa Intro/ })).toBeTruthy();
  expect(screen.getByRole('option', { name: 'Alex' }).textContent).toContain('Registrar llegada');
  expect(screen.getByRole('button', { name: /Persona sin nombre/ })).toBeTruthy();

  expect(screen.getByRole('heading', { name: 'Presentes ahora' })).toBeTruthy();
  expect(screen.getByText('Recién llegado/a')).toBeTruthy();
  expect(screen.getByRole('button', { name: 'Marcar que se fue: Sam K.' })).toBeTruthy();
  expect(screen.getByRole('button', { name: /Deshacer la llegada: Sam K\./ })).toBeTruthy();
});

it('explains the tally for one person checked in, and for several', () => {
  backend(() => null);
  useLanguage('es');
  const one = new LiveMeeting();
  one.show(checkedIn(meetingView(), 'p-sam'));
  const { unmount } = render(TallyEntry, { props: { meeting: one, onDone: () => {} } });
  expect(screen.getByText(/^La única persona que registró su llegada/)).toBeTruthy();
  unmount();

  const two = new LiveMeeting();
  two.show(checkedIn(checkedIn(meetingView(), 'p-sam'), 'p-alex'));
  render(TallyEntry, { props: { meeting: two, onDone: () => {} } });
  expect(screen.getByText(/^Las 2 personas que registraron su llegada/)).toBeTruthy();
  expect(screen.getByRole('button', { name: 'Guardar el conteo' })).toBeTruthy();
});

it('says how the round is going in Spanish, turns and passes each in their plural', async () => {
  backend(() => null);
  useLanguage('es');
  const sharing = (turns: number, passes: number): SharingView => ({
    ...noRound(),
    round: {
      id: 'r1',
      mode: { kind: 'raisedHands', order: { newcomersFirst: false, notYetSharedFirst: false } },
      upcoming: [{ personId: 'p-Ann', name: 'Ann', reason: 'handRaised' }],
      waiting: 1,
      turns,
      passes,
      speaking: false,
    },
  });
  const round = new LiveRound();
  round.show(sharing(1, 1));
  const { container } = render(UpNext, { props: { round, closed: false } });
  const hint = () => container.querySelector('p.hint')!.textContent!.replace(/\s+/g, ' ').trim();
  expect(hint()).toBe('Participación libre · 1 turno completado (1 pasó) · 1 en espera');
  expect(screen.getByRole('button', { name: 'Bajar la mano de Ann' })).toBeTruthy();

  round.show(sharing(4, 2));
  await tick();
  expect(hint()).toBe('Participación libre · 4 turnos completados (2 pasaron) · 1 en espera');

  // The name typed for a raised hand keeps its own <bdi> inside the whole sentence.
  round.show({ ...sharing(4, 2), seating: [{ personId: 'p-Ben', name: 'Ben', newcomer: false, hasShared: false }] });
  await fireEvent.input(screen.getByPlaceholderText('Escribe un nombre y pulsa Intro'), { target: { value: 'be' } });
  const raises = [...container.querySelectorAll('p.hint')].at(-1)!;
  expect(raises.textContent).toBe('Intro alza la mano de Ben.');
  expect(raises.querySelector('bdi')?.textContent).toBe('Ben');
});
