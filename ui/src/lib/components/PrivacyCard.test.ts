// The group's privacy card: the chair sees what retention would remove before saving it, and
// forgetting a person happens only after a confirm that says what will go.
import { clearMocks } from '@tauri-apps/api/mocks';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, expect, it } from 'vitest';

import type { ForgetPreview } from '../bindings/ForgetPreview';
import type { RetentionPreview } from '../bindings/RetentionPreview';
import { backend, MARKUP, READS, tick } from '../testing';
import PrivacyCard from './PrivacyCard.svelte';

afterEach(async () => {
  cleanup();
  await tick();
  clearMocks();
});

const off: RetentionPreview = {
  groupId: 'g1',
  months: null,
  cutoff: null,
  meetings: 0,
  checkIns: 0,
  shares: 0,
  passes: 0,
  celebrations: 0,
  oldest: null,
  newest: null,
  openMeetings: 0,
};
const twelve: RetentionPreview = {
  ...off,
  months: 12,
  cutoff: '2025-11-22',
  meetings: 52,
  checkIns: 156,
  shares: 40,
  passes: 3,
  celebrations: 1,
  oldest: '2024-11-25',
  newest: '2025-11-17',
};
const people = [
  { id: 'p-otto', groupId: 'g1', displayName: 'Ottoline', lastInitial: '', recoveryDate: null },
  { id: 'p-markup', groupId: 'g1', displayName: MARKUP, lastInitial: '', recoveryDate: null },
];
const preview = (over: Partial<ForgetPreview> = {}): ForgetPreview => ({
  personId: 'p-otto',
  name: 'Ottoline',
  counts: { meetings: 3, checkIns: 3, shares: 2, passes: 0, celebrations: 1, seatings: 1, rounds: 1, readings: 0 },
  hasRecoveryDate: true,
  typedElsewhere: ['chair of the meeting on 2026-11-17'],
  refused: null,
  ...over,
});

const select = (id: string) => document.getElementById(id) as HTMLSelectElement;

it('shows what twelve months would remove before anything is saved, then saves it', async () => {
  const calls = backend((c) => (c.cmd === 'retention_preview' ? (c.args.months === 12 ? twelve : off) : twelve), {
    ...READS,
    roster: people,
  });
  const { container } = render(PrivacyCard, { props: { groupId: 'g1', onChanged: () => {} } });
  await tick();
  expect(container.querySelector('img')).toBeNull();
  select('retention-months').value = '12';
  await fireEvent.change(select('retention-months'));
  await tick();
  expect(document.getElementById('retention-preview')!.textContent).toContain('52 meetings');
  expect(calls.some((c) => c.cmd === 'set_retention')).toBe(false);
  await fireEvent.click(document.getElementById('retention-save')!);
  await tick();
  expect(calls.at(-1)).toEqual({ cmd: 'set_retention', args: { groupId: 'g1', months: 12 } });
  expect(document.getElementById('retention-status')!.textContent).toContain('12 months');
});

it('forgets a person only after the confirm that says what goes', async () => {
  let changed = 0;
  const calls = backend(
    (c) =>
      c.cmd === 'forget_preview'
        ? preview()
        : c.cmd === 'retention_preview'
          ? off
          : { personId: 'p-otto', counts: preview().counts, typedElsewhere: [] },
    { ...READS, roster: people },
  );
  render(PrivacyCard, { props: { groupId: 'g1', onChanged: () => changed++ } });
  await tick();
  select('forget-person').value = 'p-otto';
  await fireEvent.change(select('forget-person'));
  await fireEvent.click(document.getElementById('forget-review')!);
  await tick();
  const confirm = document.getElementById('forget-confirm')!;
  expect(confirm.textContent).toContain('3 check-ins become anonymous');
  expect(confirm.textContent).toContain('chair of the meeting on 2026-11-17');
  expect(calls.some((c) => c.cmd === 'forget_person')).toBe(false);
  await fireEvent.click(document.getElementById('forget-confirm-button')!);
  await tick();
  expect(calls.some((c) => c.cmd === 'forget_person' && c.args.personId === 'p-otto')).toBe(true);
  expect(document.getElementById('forget-status')!.textContent).toBe('Ottoline has been forgotten.');
  expect(changed).toBe(1);
});

it('a refusal is shown in plain words with no way to confirm', async () => {
  const refused = 'Ottoline is checked in to a meeting that is still open.';
  backend((c) => (c.cmd === 'forget_preview' ? preview({ refused }) : off), { ...READS, roster: people });
  render(PrivacyCard, { props: { groupId: 'g1', onChanged: () => {} } });
  await tick();
  select('forget-person').value = 'p-otto';
  await fireEvent.change(select('forget-person'));
  await fireEvent.click(document.getElementById('forget-review')!);
  await tick();
  expect(screen.getByRole('alert').textContent).toBe(refused);
  expect(document.getElementById('forget-confirm-button')).toBeNull();
});
