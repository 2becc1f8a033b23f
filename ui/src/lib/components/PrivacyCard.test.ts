// The group's privacy card: the chair sees what retention would remove before saving it, and
// forgetting a person happens only after a confirm that says what will go.
import { fireEvent, render, screen } from '@testing-library/svelte';
import { expect, it } from 'vitest';

import type { ForgetPreview } from '../bindings/ForgetPreview';
import type { ForgetReport } from '../bindings/ForgetReport';
import type { Person } from '../bindings/Person';
import type { RetentionPreview } from '../bindings/RetentionPreview';
import { longDate } from '../format';
import { backend, chairOnTheSeventeenth, MARKUP, READS, tick, yearRemoved } from '../testing';
import PrivacyCard from './PrivacyCard.svelte';

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

const twelve = yearRemoved();

const people: Person[] = [
  { id: 'p-otto', groupId: 'g1', displayName: 'Ottoline', lastInitial: 'B', recoveryDate: '2020-01-01' },
  { id: 'p-markup', groupId: 'g1', displayName: MARKUP, lastInitial: '', recoveryDate: null },
];

/** A sentence as core sends it: its code, core's English and its inputs. */
const said = (code: string, message: string, params: Record<string, string> = {}) => ({ code, message, params });

const forgetPreview = (over: Partial<ForgetPreview> = {}): ForgetPreview => ({
  personId: 'p-otto',
  name: 'Ottoline B.',
  counts: { meetings: 3, checkIns: 3, shares: 2, passes: 1, celebrations: 1, seatings: 1, rounds: 1, readings: 0 },
  hasRecoveryDate: true,
  typedElsewhere: [
    chairOnTheSeventeenth(),
    said('forget_typed_position', 'the Treasurer position', { title: 'Treasurer' }),
  ],
  refused: null,
  ...over,
});

const report = (p: ForgetPreview): ForgetReport => ({
  personId: p.personId,
  counts: p.counts,
  typedElsewhere: p.typedElsewhere,
});

const el = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

async function choose(id: string, value: string) {
  const select = el<HTMLSelectElement>(id);
  select.value = value;
  await fireEvent.change(select);
  await tick();
}

/** Retention previews go through the recorded calls, so a test sees which months were asked. */
function retentionBackend(reads: Record<string, unknown> = {}) {
  return backend(
    ({ cmd, args }) => {
      if (cmd === 'retention_preview') return args.months === 12 ? twelve : { ...off, months: args.months ?? null };
      if (cmd === 'set_retention') return args.months === 12 ? twelve : off;
      throw { kind: 'internal', message: `unexpected ${cmd}` };
    },
    { ...READS, roster: people, ...reads },
  );
}

it('shows what twelve months would remove before anything is saved', async () => {
  const calls = retentionBackend();
  render(PrivacyCard, { props: { groupId: 'g1', onChanged: () => {} } });
  await tick();
  expect(calls).toEqual([{ cmd: 'retention_preview', args: { groupId: 'g1', months: null } }]);
  expect(el<HTMLSelectElement>('retention-months').value).toBe('off');

  await choose('retention-months', '12');

  const shown = el('retention-preview').textContent!;
  expect(shown).toContain(
    `Names would be removed from 52 meetings (${longDate('2024-11-25')} to ${longDate('2025-11-17')}): ` +
      '156 check-ins, 40 shares, 3 passes, 1 celebration. Headcounts stay.',
  );
  expect(shown).toContain('1 older meeting is still open');
  expect(calls.map((c) => c.cmd)).toEqual(['retention_preview', 'retention_preview']);
  expect(calls[1].args).toEqual({ groupId: 'g1', months: 12 });
  expect(calls.some((c) => c.cmd === 'set_retention')).toBe(false);
  expect(el('retention-status')).toBeNull();
});

it('saves twelve months only when Save is pressed, and says when names go', async () => {
  const calls = retentionBackend();
  render(PrivacyCard, { props: { groupId: 'g1', onChanged: () => {} } });
  await tick();
  await choose('retention-months', '12');
  expect(screen.getByText('Not saved yet.')).toBeTruthy();

  await fireEvent.click(el('retention-save'));
  await tick();

  expect(calls.filter((c) => c.cmd === 'set_retention')).toEqual([
    { cmd: 'set_retention', args: { groupId: 'g1', months: 12 } },
  ]);
  expect(el('retention-status').textContent).toBe(
    'Saved: names older than 12 months are removed when Circlekeeper opens and once a day.',
  );
  expect(el('retention-status').getAttribute('role')).toBe('status');
  expect(screen.queryByText('Not saved yet.')).toBeNull();
});

it('shows the saved setting, says when nothing would go, and turns retention off', async () => {
  const calls = backend(
    ({ cmd, args }) =>
      cmd === 'set_retention' ? off : { ...off, months: args.months ?? 18, cutoff: '2025-05-22', openMeetings: 2 },
    { ...READS, roster: people },
  );
  render(PrivacyCard, { props: { groupId: 'g1', onChanged: () => {} } });
  await tick();

  const select = el<HTMLSelectElement>('retention-months');
  expect(select.value).toBe('18');
  expect([...select.options].map((o) => o.textContent)).toEqual([
    'Off',
    '3 months',
    '6 months',
    '12 months',
    '18 months',
    '24 months',
    '36 months',
  ]);
  expect(el('retention-preview').textContent).toContain('Nothing would be removed now.');
  expect(el('retention-preview').textContent).toContain('2 older meetings are still open');

  await choose('retention-months', 'off');
  await fireEvent.click(el('retention-save'));
  await tick();

  expect(calls.at(-1)).toEqual({ cmd: 'set_retention', args: { groupId: 'g1', months: null } });
  expect(el('retention-status').textContent).toContain('retention is off');
});

it('shows core’s refusal of a setting in plain words', async () => {
  const message = 'Keep names for 1 to 120 months, or turn retention off.';
  backend(
    ({ cmd }) => {
      if (cmd === 'set_retention') throw { kind: 'invalid', message };
      return off;
    },
    { ...READS, roster: people },
  );
  render(PrivacyCard, { props: { groupId: 'g1', onChanged: () => {} } });
  await tick();
  await choose('retention-months', '6');
  await fireEvent.click(el('retention-save'));
  await tick();

  expect(screen.getByRole('alert').textContent).toContain(message);
  expect(el('retention-status')).toBeNull();
});

it('forgets a person only after the confirm that says what goes', async () => {
  let changed = 0;
  const preview = forgetPreview();
  const calls = backend(({ cmd }) => (cmd === 'forget_person' ? report(preview) : off), {
    ...READS,
    roster: people,
    forget_preview: preview,
  });
  render(PrivacyCard, { props: { groupId: 'g1', onChanged: () => changed++ } });
  await tick();

  await choose('forget-person', 'p-otto');
  await fireEvent.click(el('forget-review'));
  await tick();

  const confirm = el('forget-confirm');
  const changes = [...el('forget-changes').querySelectorAll('li')].map((li) => li.textContent);
  expect(changes).toEqual([
    'They are taken off the roster.',
    '3 check-ins become anonymous; the headcounts stay.',
    '2 shares and 1 pass stay without their name.',
    '1 celebrated milestone deleted.',
    'The recovery date they shared is deleted.',
    'They are taken out of 1 seating plan and 1 round.',
  ]);
  expect([...el('forget-typed').querySelectorAll('li')].map((li) => li.textContent)).toEqual([
    'chair of the meeting on 17 November 2026',
    'the Treasurer position',
  ]);
  expect(confirm.textContent).toContain('This cannot be undone.');
  expect(document.activeElement).toBe(el('forget-confirm-title'));
  expect(calls.some((c) => c.cmd === 'forget_person')).toBe(false);
  expect(changed).toBe(0);

  const button = el('forget-confirm-button');
  expect(button.textContent).toBe('Forget Ottoline B. for good');
  await fireEvent.click(button);
  await tick();

  expect(calls.filter((c) => c.cmd === 'forget_person')).toEqual([
    { cmd: 'forget_person', args: { personId: 'p-otto' } },
  ]);
  expect(el('forget-status').querySelector('p')!.textContent).toBe('Ottoline B. has been forgotten.');
  expect(el('forget-status').getAttribute('role')).toBe('status');
  expect(el('forget-confirm')).toBeNull();
  expect(el<HTMLSelectElement>('forget-person').value).toBe('');
  expect(changed).toBe(1);
});

it('Cancel closes the confirm and forgets no one', async () => {
  const calls = backend(() => off, { ...READS, roster: people, forget_preview: forgetPreview() });
  render(PrivacyCard, { props: { groupId: 'g1', onChanged: () => {} } });
  await tick();
  await choose('forget-person', 'p-otto');
  await fireEvent.click(el('forget-review'));
  await tick();

  await fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
  await tick();

  expect(el('forget-confirm')).toBeNull();
  expect(document.activeElement).toBe(el('forget-review'));
  expect(calls.some((c) => c.cmd === 'forget_person')).toBe(false);
});

it('a refusal is shown in plain words with no way to confirm', async () => {
  const said =
    'Ottoline B. is checked in to a meeting that is still open. Mark Ottoline B. as left or close the meeting first; nothing was changed.';
  const refused = { code: 'forget_checked_in', message: said, params: { name: 'Ottoline B.' } };
  const calls = backend(() => off, { ...READS, roster: people, forget_preview: forgetPreview({ refused }) });
  render(PrivacyCard, { props: { groupId: 'g1', onChanged: () => {} } });
  await tick();
  await choose('forget-person', 'p-otto');
  await fireEvent.click(el('forget-review'));
  await tick();

  expect(screen.getByRole('alert').textContent).toBe(said);
  expect(el('forget-confirm-button')).toBeNull();
  expect(el('forget-confirm').textContent).not.toContain('cannot be undone');
  expect(screen.getByRole('button', { name: 'Cancel' })).toBeTruthy();
  expect(calls.some((c) => c.cmd === 'forget_person')).toBe(false);
});

it('shows a name made of markup as text', async () => {
  const preview = forgetPreview({
    personId: 'p-markup',
    name: MARKUP,
    hasRecoveryDate: false,
    typedElsewhere: [said('forget_typed_action_item', `the action item “${MARKUP}”`, { text: MARKUP })],
  });
  backend(({ cmd }) => (cmd === 'forget_person' ? report(preview) : off), {
    ...READS,
    roster: people,
    forget_preview: preview,
  });
  const { container } = render(PrivacyCard, { props: { groupId: 'g1', onChanged: () => {} } });
  await tick();

  const options = [...el<HTMLSelectElement>('forget-person').options].map((o) => o.textContent);
  expect(options).toContain(MARKUP);
  await choose('forget-person', 'p-markup');
  await fireEvent.click(el('forget-review'));
  await tick();

  expect(el('forget-confirm-title').textContent).toBe(`Forget ${MARKUP}?`);
  expect(el('forget-typed').textContent).toContain(MARKUP);
  expect(el('forget-confirm-button').textContent).toBe(`Forget ${MARKUP} for good`);
  expect(container.querySelector('img')).toBeNull();

  await fireEvent.click(el('forget-confirm-button'));
  await tick();
  expect(el('forget-status').textContent).toContain(`${MARKUP} has been forgotten.`);
  expect(container.querySelector('img')).toBeNull();
});
