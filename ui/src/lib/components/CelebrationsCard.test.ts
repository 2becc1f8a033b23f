// Celebrating tonight: core says whose milestone is due; the chair marks it celebrated.
import { fireEvent, render, screen } from '@testing-library/svelte';
import { expect, it } from 'vitest';

import type { CelebrationView } from '../bindings/CelebrationView';
import { useLanguage } from '../i18n.svelte';
import { backend, READS, tick } from '../testing';
import CelebrationsCard from './CelebrationsCard.svelte';

const due = (celebrated: boolean): CelebrationView => ({
  meetingId: 'm1',
  due: [
    {
      personId: 'p-sam',
      name: 'Sam',
      milestone: { point: { unit: 'days', count: 30 }, label: '30 days', date: '2026-11-20', days: 30 },
      celebrated,
    },
  ],
  stock: [{ point: { unit: 'days', count: 30 }, count: celebrated ? 1 : 2 }],
  low: celebrated ? [{ point: { unit: 'days', count: 30 }, label: '30 days', count: 1, out: false }] : [],
});

it('shows whose milestone is due and marks it celebrated', async () => {
  const calls = backend(() => due(true), { ...READS, celebrations: due(false) });
  render(CelebrationsCard, { props: { meetingId: 'm1', closed: false } });
  await tick();
  expect(document.getElementById('celebrating')?.textContent).toContain('Sam · 30 days');
  await fireEvent.click(screen.getByRole('button', { name: "Mark Sam's 30 days as celebrated" }));
  await tick();
  expect(calls).toEqual([{ cmd: 'celebrate', args: { meetingId: 'm1', personId: 'p-sam', label: '30 days' } }]);
  expect(screen.getByRole('status').textContent).toBe('30 days keytags running low: 1 left.');
});

it('keeps a right-to-left name from pulling the milestone after it to its side', async () => {
  const named = due(false);
  named.due[0].name = 'מרים';
  backend(() => null, { ...READS, celebrations: named });
  render(CelebrationsCard, { props: { meetingId: 'm1', closed: false } });
  await tick();
  // "מרים · 30 days" would read "30 · מרים days" unless the name is isolated from what follows it.
  const name = document.querySelector('#celebrating bdi');
  expect(name?.textContent).toBe('מרים');
  expect(name?.parentElement?.nextSibling?.textContent).toContain(' · 30 days');
});

it('names the milestone in Spanish, though core keeps its English label as the key', async () => {
  useLanguage('es');
  try {
    const calls = backend(() => due(true), { ...READS, celebrations: due(false) });
    render(CelebrationsCard, { props: { meetingId: 'm1', closed: false } });
    await tick();
    expect(document.getElementById('celebrating')?.textContent).toContain('Sam · 30 días');
    await fireEvent.click(screen.getByRole('button', { name: /aniversario de 30 días de Sam/ }));
    await tick();
    expect(calls).toEqual([{ cmd: 'celebrate', args: { meetingId: 'm1', personId: 'p-sam', label: '30 days' } }]);
    expect(screen.getByRole('status').textContent).toContain('30 días');
  } finally {
    useLanguage('en');
  }
});

it('says nothing when nothing is due', async () => {
  backend(() => null);
  const { container } = render(CelebrationsCard, { props: { meetingId: 'm1', closed: false } });
  await tick();
  expect(container.textContent?.trim()).toBe('');
});
