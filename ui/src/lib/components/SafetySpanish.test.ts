// The privacy and safety screens in Spanish: whole sentences, counts in the right number, and a
// name still isolated in <bdi> wherever Spanish puts it in the sentence.
import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, beforeEach, expect, it } from 'vitest';

import type { ForgetPreview } from '../bindings/ForgetPreview';
import type { SavedBundle } from '../bindings/SavedBundle';
import { longDate } from '../format';
import { useLanguage } from '../i18n.svelte';
import { backend, chairOnTheSeventeenth, group, READS, storeStatus, tick, yearRemoved } from '../testing';
import PrivacyCard from './PrivacyCard.svelte';
import PrivacyScreen from './PrivacyScreen.svelte';

beforeEach(() => useLanguage('es'));
afterEach(() => useLanguage('en'));

const el = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

async function type(id: string, value: string) {
  await fireEvent.input(el<HTMLInputElement>(id), { target: { value } });
}

async function savedBackups(groups: number) {
  backend(({ args }): SavedBundle => {
    const path = `/home/chair/Documents/Circlekeeper backup ${args.groupId}.ckbundle`;
    return { path, report: { groupName: '', records: 3, since: null, bytes: 200 } };
  });
  const noop = () => {};
  render(PrivacyScreen, {
    props: {
      status: storeStatus({ protected: true }),
      groups: Array.from({ length: groups }, (_, i) => group({ id: `g${i + 1}` })),
      idleMinutes: 10,
      onStatus: noop,
      onIdleMinutes: noop,
      onLock: noop,
    },
  });
  await tick();
  await type('backup-pass', 'caballo correcto batería');
  await type('backup-pass2', 'caballo correcto batería');
  await fireEvent.click(el('backup-save'));
  await tick();
  return screen.getByRole('status').querySelector('p')!.textContent;
}

it('says in Spanish how many bundles a protected backup saved: one, or more', async () => {
  expect(await savedBackups(1)).toBe('Se guardó 1 paquete:');
});

it('says "se guardaron" for two bundles', async () => {
  expect(await savedBackups(2)).toBe('Se guardaron 2 paquetes:');
  expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Privacidad y seguridad');
  expect([...el<HTMLSelectElement>('idle-minutes').options].map((o) => o.textContent)).toContain('10 minutos');
});

it('tells a chair who typed two different passphrases so, in Spanish', async () => {
  backend(() => null);
  const noop = () => {};
  render(PrivacyScreen, {
    props: { status: storeStatus(), groups: [], idleMinutes: 10, onStatus: noop, onIdleMinutes: noop, onLock: noop },
  });
  await type('new-pass', 'una frase larga');
  await type('new-pass2', 'otra frase larga');
  await fireEvent.click(el('change-pass'));
  await tick();
  expect(screen.getByRole('alert').textContent).toContain('Las dos frases de acceso no son iguales.');
});

const twelve = yearRemoved({ checkIns: 1 });

it('shows what a retention setting would remove in Spanish, each count in its number', async () => {
  backend(({ args }) => (args.months === 12 ? twelve : { ...twelve, months: null, meetings: 0 }), {
    ...READS,
    roster: [],
  });
  render(PrivacyCard, { props: { groupId: 'g1', onChanged: () => {} } });
  await tick();
  const months = el<HTMLSelectElement>('retention-months');
  expect([...months.options].map((o) => o.textContent)).toEqual([
    'Desactivado',
    '3 meses',
    '6 meses',
    '12 meses',
    '24 meses',
    '36 meses',
  ]);
  months.value = '12';
  await fireEvent.change(months);
  await tick();

  const shown = el('retention-preview').textContent!;
  expect(shown).toContain(
    `Se quitarían los nombres de 52 reuniones (del ${longDate('2024-11-25')} al ${longDate('2025-11-17')}): ` +
      '1 llegada registrada, 40 participaciones, 3 turnos cedidos, 1 celebración. Los conteos se quedan.',
  );
  expect(shown).toContain('1 reunión más antigua sigue abierta');
  // Dates in the language spoken, too.
  expect(longDate('2025-11-17')).toMatch(/nov/);
});

it('asks before forgetting, the name isolated where the Spanish sentence puts it and the meetings it is typed in dated in Spanish', async () => {
  const preview: ForgetPreview = {
    personId: 'p-otto',
    name: 'Ottoline B.',
    counts: { meetings: 3, checkIns: 1, shares: 2, passes: 0, celebrations: 0, seatings: 0, rounds: 2, readings: 0 },
    hasRecoveryDate: false,
    typedElsewhere: [chairOnTheSeventeenth()],
    refused: null,
  };
  backend(
    ({ cmd }) => (cmd === 'forget_person' ? { personId: 'p-otto', counts: preview.counts, typedElsewhere: [] } : null),
    {
      ...READS,
      retention_preview: { ...twelve, months: null, meetings: 0 },
      roster: [{ id: 'p-otto', groupId: 'g1', displayName: 'Ottoline', lastInitial: 'B', recoveryDate: null }],
      forget_preview: preview,
    },
  );
  render(PrivacyCard, { props: { groupId: 'g1', onChanged: () => {} } });
  await tick();
  const person = el<HTMLSelectElement>('forget-person');
  person.value = 'p-otto';
  await fireEvent.change(person);
  await fireEvent.click(screen.getByRole('button', { name: 'Revisar…' }));
  await tick();

  expect(el('forget-confirm-title').textContent).toBe('¿Olvidar a Ottoline B.?');
  expect([...el('forget-changes').querySelectorAll('li')].map((li) => li.textContent)).toEqual([
    'Sale de la lista del grupo.',
    '1 llegada registrada pasa a ser anónima; los conteos se quedan.',
    '2 participaciones se quedan sin su nombre.',
    'Sale de 2 rondas.',
  ]);
  // Where the name is typed, with the meeting's date said in Spanish.
  expect([...el('forget-typed').querySelectorAll('li')].map((li) => li.textContent)).toEqual([
    'coordinador/a de la reunión del 17 de noviembre de 2026',
  ]);
  const button = el('forget-confirm-button');
  expect(button.textContent).toBe('Olvidar a Ottoline B. para siempre');
  expect(button.querySelector('bdi')!.textContent).toBe('Ottoline B.');

  await fireEvent.click(button);
  await tick();
  const done = el('forget-status').querySelector('p')!;
  expect(done.textContent).toBe('Se olvidó a Ottoline B. para siempre.');
  expect(done.querySelector('bdi')!.textContent).toBe('Ottoline B.');
});
