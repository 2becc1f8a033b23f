// The Backups screen: what each backup holds before anything is restored, a protected backup asked
// for its passphrase first, and the data check's answer in plain words.
import { fireEvent, render, screen } from '@testing-library/svelte';
import { expect, it, vi } from 'vitest';

import type { BackupInfo } from '../bindings/BackupInfo';
import type { BackupPreview } from '../bindings/BackupPreview';
import { useLanguage } from '../i18n.svelte';
import { backend, backupInfo, MARKUP, storeStatus, tick } from '../testing';
import BackupsScreen from './BackupsScreen.svelte';

const status = storeStatus;

const backup = (over: Partial<BackupInfo> = {}) => backupInfo({ groups: 2, meetings: 104, ...over });

const holds = (info: BackupInfo): BackupPreview => ({
  info,
  groups: [
    { name: 'Tuesday Night Hope', meetings: 100, lastMeeting: '2026-11-24' },
    { name: MARKUP, meetings: 4, lastMeeting: null },
  ],
});

const el = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

it('shows what a backup holds before the chair restores it', async () => {
  const b = backup();
  const calls = backend(({ cmd }) => {
    if (cmd === 'list_backups') return [b];
    if (cmd === 'preview_backup') return holds(b);
    if (cmd === 'restore_backup') return status();
    throw { kind: 'internal', message: `unexpected ${cmd}` };
  });
  const onRestored = vi.fn();
  render(BackupsScreen, { props: { status: status(), onRestored } });
  await tick();
  const row = el('backup-list').querySelector('tbody tr')!;
  expect(row.textContent).toContain('A meeting closed');
  expect(row.textContent).toContain('104');
  expect(row.textContent).toContain('812 KB');

  await fireEvent.click(screen.getByText('Look at it', { selector: 'button' }));
  await tick();
  const groups = el('backup-groups');
  expect(groups.textContent).toContain('Tuesday Night Hope: 100 meetings');
  // A group's name is text, never markup.
  expect(groups.textContent).toContain(MARKUP);
  expect(groups.querySelector('img')).toBeNull();
  expect(onRestored).not.toHaveBeenCalled();

  await fireEvent.click(el('restore-backup'));
  await tick();
  expect(calls.map((c) => c.cmd)).toEqual(['list_backups', 'preview_backup', 'restore_backup']);
  expect(calls[2].args).toEqual({ file: b.file, passphrase: null });
  expect(onRestored).toHaveBeenCalledOnce();
});

it('asks for the passphrase a protected backup was made with before opening it', async () => {
  const b = backup({ protected: true });
  const calls = backend(({ cmd }) => {
    if (cmd === 'list_backups') return [b];
    if (cmd === 'preview_backup') return holds(b);
    throw { kind: 'internal', message: `unexpected ${cmd}` };
  });
  render(BackupsScreen, { props: { status: status({ protected: true }), onRestored: () => {} } });
  await tick();
  await fireEvent.click(screen.getByText('Look at it', { selector: 'button' }));
  await tick();
  expect(el('restore-backup')).toBeNull();
  expect(el<HTMLButtonElement>('look-backup').disabled).toBe(true);
  await fireEvent.input(el('restore-pass'), { target: { value: 'blue kettle on the stove' } });
  await fireEvent.click(el('look-backup'));
  await tick();
  expect(calls[1]).toEqual({ cmd: 'preview_backup', args: { file: b.file, passphrase: 'blue kettle on the stove' } });
  expect(el('restore-backup')).not.toBeNull();
});

/** A sentence as core sends it: its code, core's English and its inputs. */
const said = (code: string, message: string, params: Record<string, unknown> = {}) => ({ code, message, params });
const counted = (noun: string, count: number, english: string) =>
  said(count === 1 ? `check_1_${noun}` : `check_n_${noun}`, english, { count });

/** Core's answer when 2 check-ins point at a meeting that is gone, among 2 groups, 2 meetings and 4 check-ins. */
const oneProblem = {
  ok: false,
  summary: said('check_problems_one', '1 problem was found among 2 groups, 2 meetings and 4 check-ins.', {
    count: 1,
    what: said('check_what', '2 groups, 2 meetings and 4 check-ins', {
      groups: counted('groups', 2, '2 groups'),
      meetings: counted('meetings', 2, '2 meetings'),
      check_ins: counted('check_ins', 4, '4 check-ins'),
    }),
  }),
  checked: [said('check_pages', 'Every page of the data file reads back whole, and every index matches its records.')],
  problems: [
    said('check_broken', '2 check-ins point at a meeting that is not there.', {
      child: counted('check_ins', 2, '2 check-ins'),
      parent: said('check_a_meetings', 'a meeting'),
    }),
  ],
};

/** The backups screen with no backup yet, whose data check finds `oneProblem`. */
async function noBackupsOneProblem() {
  backend(({ cmd }) => {
    if (cmd === 'list_backups') return [];
    if (cmd === 'check_data') return oneProblem;
    throw { kind: 'internal', message: `unexpected ${cmd}` };
  });
  render(BackupsScreen, { props: { status: status(), onRestored: () => {} } });
  await tick();
}

it('says when there is no backup yet, and answers the data check in plain words', async () => {
  await noBackupsOneProblem();
  expect(el('no-backups').textContent).toContain('No backup yet');
  await fireEvent.click(el('check-data'));
  await tick();
  const result = el('check-result').textContent!;
  expect(result).toContain('1 problem was found among 2 groups, 2 meetings and 4 check-ins.');
  expect(result).toContain('2 check-ins point at a meeting that is not there.');
  expect(result).toContain('Every page of the data file reads back whole');
  expect(result).toContain('Restoring the newest backup');
});

it('answers the data check in Spanish, each count with its plural', async () => {
  useLanguage('es');
  try {
    await noBackupsOneProblem();
    await fireEvent.click(el('check-data'));
    await tick();
    const result = el('check-result').textContent!;
    expect(result).toContain('Se encontró 1 problema entre 2 grupos, 2 reuniones y 4 registros de llegada.');
    expect(result).toContain('2 registros de llegada apuntan a una reunión que ya no existe.');
    expect(result).toContain('Cada página del archivo de datos se lee completa');
  } finally {
    useLanguage('en');
  }
});
