// The group's pages in Spanish: the schedule says "los sábados a las…", counts choose their plural,
// names stay in their own <bdi> wherever the Spanish sentence puts them, and English comes back.
import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, beforeEach, expect, it } from 'vitest';

import type { SlipLookup } from '../bindings/SlipLookup';
import { fullDate, longDate } from '../format';
import { useLanguage } from '../i18n.svelte';
import { actionItem, backend, chairReport, group, READS, tick } from '../testing';
import ActionItems from './ActionItems.svelte';
import GroupHome from './GroupHome.svelte';
import GroupList from './GroupList.svelte';
import SlipsGroupCard from './SlipsGroupCard.svelte';

beforeEach(() => useLanguage('es'));
afterEach(() => useLanguage('en'));

const text = (el: Element | null) => el!.textContent!.replace(/\s+/g, ' ').trim();

it('lists the groups with their day in Spanish, plural on Saturdays and Sundays', () => {
  backend(() => null);
  const groups = [
    group({ id: 'g1', weekday: 1, startTime: '19:30' }),
    group({ id: 'g2', name: 'Sábado Sereno', weekday: 5, startTime: '10:00', fellowship: 'AA' }),
    group({ id: 'g3', name: 'Domingo', weekday: 6, startTime: '18:00', fellowship: '', location: 'Salón 2' }),
  ];
  render(GroupList, { props: { groups, onChoose: () => {}, onImported: () => {} } });

  expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Tus grupos');
  expect([...document.querySelectorAll('.meta')].map(text)).toEqual([
    'NA · los martes a las 19:30',
    'AA · los sábados a las 10:00',
    'los domingos a las 18:00 · Salón 2',
  ]);
  expect(screen.getByRole('button', { name: 'Crear grupo' })).toBeTruthy();

  useLanguage('en');
  return tick().then(() => expect(text(document.querySelector('.meta'))).toBe('NA · Tuesdays at 19:30'));
});

it('verifies a serial in Spanish: two slips with one serial are counted in the plural', async () => {
  const at = (date: string) => ({
    serial: '2026-0143-K7',
    groupName: 'Esperanza',
    date,
    starts: '19:30',
    ends: '21:00',
  });
  let answer: SlipLookup = { serial: '2026-0143-K7', found: [at('2026-11-17'), at('2026-11-24')] };
  backend(() => answer);
  render(SlipsGroupCard, { props: { group: group({ name: 'Esperanza' }), onGroupChanged: () => {} } });

  await fireEvent.input(document.getElementById('verify-serial')!, { target: { value: '2026-0143-K7' } });
  await fireEvent.click(screen.getByRole('button', { name: 'Verificar' }));
  await tick();
  const result = () => text(document.getElementById('verify-result'));
  expect(result()).toContain('2 comprobantes llevan este número de serie');
  expect(result()).toContain(
    `El número de serie 2026-0143-K7 se entregó en Esperanza el ${fullDate('2026-11-17')}, de 19:30 a 21:00.`,
  );
  expect(document.querySelector('#verify-result strong')!.textContent).toBe('2026-0143-K7');
  expect(document.querySelector('#verify-result bdi')!.textContent).toBe('Esperanza');

  answer = { serial: '2026-0999', found: [] };
  await fireEvent.input(document.getElementById('verify-serial')!, { target: { value: '2026-0999' } });
  await fireEvent.click(screen.getByRole('button', { name: 'Verificar' }));
  await tick();
  expect(result()).toBe('Esperanza no entregó ningún comprobante con el número de serie 2026-0999.');
  expect(document.querySelector('#verify-result bdi')!.textContent).toBe('Esperanza');
});

it('says who raised and closed an action item in Spanish, the names in <bdi>', () => {
  const item = actionItem('Comprar llaveros', {
    id: 'a1',
    dueDate: '2026-11-24',
    dueMeeting: true,
    status: 'dismissed',
    closedBy: 'Casey',
  });
  render(ActionItems, { props: { items: [item, { ...item, id: 'a2', status: 'open' }], onClose: () => {} } });

  expect(text(document.querySelector('.hint'))).toBe(
    `planteada el ${longDate('2026-11-17')} por Robin · para la reunión del ${longDate('2026-11-24')} · descartada por Casey`,
  );
  expect([...document.querySelectorAll('li:first-child .hint bdi')].map((b) => b.textContent)).toEqual([
    'Robin',
    'Casey',
  ]);
  expect(screen.getByRole('button', { name: 'Marcar como hecha: Comprar llaveros' }).textContent).toBe('Hecha');
});

it('sums up the handover in Spanish, one open item in the singular', async () => {
  const item = (id: string) => actionItem('Llaveros', { id, raisedOn: null });
  const handover = {
    groupId: 'g1',
    lastReport: chairReport({ date: '2026-11-17', chair: 'Robin' }),
    openItems: [item('a1')],
    acknowledged: null,
    nextChair: { date: '2026-11-24', chair: 'Casey' },
  };
  backend(() => null, { ...READS, handover, list_meetings: [], roster: [] });
  render(GroupHome, {
    props: {
      group: group({ weekday: 5, lengthMin: 90 }),
      onOpenMeeting: () => {},
      onGroupChanged: () => {},
      onHandover: () => {},
      onTrends: () => {},
      onPrint: () => {},
    },
  });
  await tick();
  await tick();

  expect(text(document.querySelector('.lead'))).toBe('NA · los sábados a las 19:30 durante 90 minutos Editar grupo');
  const summary = () => text(document.querySelector('.handover p'));
  expect(summary()).toBe(
    `Última reunión: ${longDate('2026-11-17')}, coordinada por Robin; nadie ha confirmado todavía que leyó el relevo. ` +
      `1 tarea pendiente sin cerrar. Próxima reunión: ${longDate('2026-11-24')}, la coordina Casey.`,
  );
  expect([...document.querySelectorAll('.handover p bdi')].map((b) => b.textContent)).toEqual(['Robin', 'Casey']);
  expect(document.getElementById('open-item-count')!.textContent).toBe('1');

  useLanguage('en');
  await tick();
  expect(summary()).toContain('1 open action item. Next meeting');
});
