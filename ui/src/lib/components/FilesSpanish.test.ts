// The files area in Spanish: backups, the handover page and a bundle's import speak the chair's
// language, counts in their plural, names still in <bdi>, and a change of language shows at once.
import { fireEvent, render } from '@testing-library/svelte';
import { afterEach, expect, it } from 'vitest';

import type { Handover } from '../bindings/Handover';
import { REASONS } from '../backups';
import { useLanguage } from '../i18n.svelte';
import { REASON_WORDS } from '../reasons';
import { backend, backupInfo, chairReport, READS, storeStatus, tick } from '../testing';
import BackupsScreen from './BackupsScreen.svelte';
import BundleImport from './BundleImport.svelte';
import HandoverPage from './HandoverPage.svelte';
import RestoreOffer from './RestoreOffer.svelte';

afterEach(() => useLanguage('en'));

const el = (id: string) => document.getElementById(id) as HTMLElement;

it('offers a backup in Spanish, one group and many meetings in their plurals', async () => {
  useLanguage('es');
  backend(({ cmd }) => {
    if (cmd === 'backup_offer') return backupInfo({ groups: 1, meetings: 104 });
    throw { kind: 'internal', message: `unexpected ${cmd}` };
  });
  render(RestoreOffer, { props: { onRestored: () => {} } });
  await tick();
  const found = el('offer-found').textContent!;
  expect(found).toContain('La copia de seguridad más reciente que se abre se hizo el');
  expect(found).toContain('(1 grupo, 104 reuniones, la última el');
  expect(el('restore-offer').textContent).toBe('Restaurar esta copia de seguridad');
});

it('lists the backups in Spanish, the folder drawn as code inside its sentence', async () => {
  useLanguage('es');
  const b = backupInfo({ groups: 2, meetings: 104 });
  backend(({ cmd }) => {
    if (cmd === 'list_backups') return [b];
    if (cmd === 'preview_backup')
      return { info: b, groups: [{ name: 'Tuesday Night Hope', meetings: 1, lastMeeting: null }] };
    throw { kind: 'internal', message: `unexpected ${cmd}` };
  });
  render(BackupsScreen, { props: { status: storeStatus(), onRestored: () => {} } });
  await tick();
  expect(el('backups-title').textContent).toBe('Copias de seguridad y revisión de los datos');
  const code = document.querySelector('p code')!;
  expect(code.textContent).toBe('/home/chair/.local/share/org.circlekeeper.app/backups');
  expect(code.parentElement!.textContent).toContain(`revisa una copia de todos sus datos en ${code.textContent}.`);
  const row = el('backup-list').querySelector('tbody tr')!;
  expect(row.textContent).toContain('Al cerrar una reunión');
  await fireEvent.click(row.querySelector('button')!);
  await tick();
  expect(el('backup-groups').textContent!.trim()).toBe('Tuesday Night Hope: 1 reunión');
});

it('tells what an import took in, in Spanish, then in English again without a reload', async () => {
  useLanguage('es');
  backend(() => ({ groupId: 'g1', groupName: 'Tuesday Night Hope', madeAt: 0, added: 1, updated: 2, unchanged: 0 }));
  render(BundleImport, { props: { groupId: 'g1', onImported: () => {} } });
  await fireEvent.input(el('import-path'), { target: { value: '/media/usb/handover.ckbundle' } });
  await fireEvent.input(el('import-pass'), { target: { value: 'blue kettle on the stove' } });
  await fireEvent.click(el('bundle-import'));
  await tick();
  expect(el('import-done').textContent!.trim()).toBe(
    'Se importó “Tuesday Night Hope”: 1 registro nuevo, 2 actualizados, 0 ya estaban aquí.',
  );
  useLanguage('en');
  await tick();
  expect(el('import-done').textContent!.trim()).toBe(
    'Imported “Tuesday Night Hope”: 1 new record, 2 updated, 0 already here.',
  );
});

it('shows the handover in Spanish, the counters’ names each in <bdi>', async () => {
  useLanguage('es');
  const handover: Handover = {
    groupId: 'g1',
    lastReport: chairReport({
      closed: true,
      headcount: 12,
      newcomers: 1,
      shares: 9,
      passes: 1,
      collectionCents: 4250,
      countedBy: ['Sam', 'J'],
    }),
    openItems: [],
    acknowledged: { meetingId: 'm1', name: 'Casey', at: new Date(2026, 10, 24, 21, 5).getTime() },
    nextChair: null,
  };
  backend(() => null, { ...READS, handover });
  render(HandoverPage, { props: { groupId: 'g1', groupName: 'Tuesday Night Hope', onContinue: () => {} } });
  await tick();
  expect(el('handover-title').textContent).toBe('Relevo de Tuesday Night Hope');
  expect(el('handover-figures').textContent!.trim()).toBe(
    '12 presentes · 1 recién llegado/a · 9 participaciones · 1 pasó su turno',
  );
  const collection = [...document.querySelectorAll('p')].find((p) => p.textContent!.includes('Séptima'))!;
  expect(collection.textContent!.trim()).toBe('Séptima Tradición: 42,50, contada por Sam y J');
  expect([...collection.querySelectorAll('bdi')].map((b) => b.textContent)).toEqual(['Sam', 'J']);
  expect(el('acknowledged').textContent!.trim()).toBe('Lo leyó Casey a las 21:05.');
  expect(el('acknowledged').querySelector('strong bdi')!.textContent).toBe('Casey');

  useLanguage('en');
  await tick();
  expect(collection.textContent!.trim()).toBe('7th Tradition: 42.50, counted by Sam and J');
  expect(el('handover-figures').textContent!.trim()).toBe('12 present · 1 newcomer · 9 shares · 1 pass');
});

it('reads the tables of reasons in the language in use', () => {
  useLanguage('es');
  expect(REASONS.daily).toBe('Diaria');
  expect(REASON_WORDS.handRaised).toBe('mano alzada');
  useLanguage('en');
  expect(REASONS.daily).toBe('Daily');
  expect(REASON_WORDS.handRaised).toBe('hand raised');
});
