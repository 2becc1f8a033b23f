// The Backups screen: what each backup holds before anything is restored, a protected backup asked
// for its passphrase first, and the data check's answer in plain words.
import { fireEvent, render, screen } from '@testing-library/svelte';
import { expect, it, vi } from 'vitest';

import type { BackupInfo } from '../bindings/BackupInfo';
import type { BackupPreview } from '../bindings/BackupPreview';
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

it('says when there is no backup yet, and answers the data check in plain words', async () => {
  backend(({ cmd }) => {
    if (cmd === 'list_backups') return [];
    if (cmd === 'check_data')
      return {
        ok: false,
        summary: 'The check found 1 problem.',
        checked: ['Every page of the data file reads back whole.'],
        problems: ['2 check-ins point at a meeting that is not there.'],
      };
    throw { kind: 'internal', message: `unexpected ${cmd}` };
  });
  render(BackupsScreen, { props: { status: status(), onRestored: () => {} } });
  await tick();
  expect(el('no-backups').textContent).toContain('No backup yet');
  await fireEvent.click(el('check-data'));
  await tick();
  const result = el('check-result').textContent!;
  expect(result).toContain('The check found 1 problem.');
  expect(result).toContain('2 check-ins point at a meeting that is not there.');
  expect(result).toContain('Restoring the newest backup');
});
