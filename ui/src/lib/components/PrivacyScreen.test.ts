// The protected backup on the Privacy and safety screen: every group is saved as a backup, which
// core does not count as a handover, so the next bundle of changes for another chair still
// carries everything since the last one given.
import { fireEvent, render } from '@testing-library/svelte';
import { expect, it } from 'vitest';

import type { Group } from '../bindings/Group';
import type { SavedBundle } from '../bindings/SavedBundle';
import { backend, tick } from '../testing';
import PrivacyScreen from './PrivacyScreen.svelte';

const group = (id: string, name: string): Group => ({
  id,
  name,
  fellowship: 'NA',
  weekday: 1,
  startTime: '19:30',
  lengthMin: 60,
  location: '',
  timeZone: 'UTC',
});

const el = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

async function type(id: string, value: string) {
  await fireEvent.input(el<HTMLInputElement>(id), { target: { value } });
}

it('saves every group as a backup, not as a handover', async () => {
  const calls = backend(({ cmd, args }): SavedBundle => {
    if (cmd !== 'backup_bundle') throw { kind: 'internal', message: `unexpected ${cmd}` };
    const path = `/home/chair/Documents/Circlekeeper backup ${args.groupId}.ckbundle`;
    return { path, report: { groupName: '', records: 3, since: null, bytes: 200 } };
  });
  render(PrivacyScreen, {
    props: {
      status: {
        dataFile: '/data/circlekeeper.sqlite3',
        openError: null,
        firstStart: false,
        protected: true,
        locked: false,
      },
      groups: [group('g1', 'Tuesday Night Hope'), group('g2', 'Friday Serenity')],
      idleMinutes: 10,
      onStatus: () => {},
      onIdleMinutes: () => {},
      onLock: () => {},
    },
  });
  await tick();
  await type('backup-pass', 'correct horse battery');
  await type('backup-pass2', 'correct horse battery');
  await fireEvent.click(el('backup-save'));
  await tick();

  expect(calls).toEqual([
    {
      cmd: 'backup_bundle',
      args: { groupId: 'g1', passphrase: 'correct horse battery', folder: '/home/chair/Documents' },
    },
    {
      cmd: 'backup_bundle',
      args: { groupId: 'g2', passphrase: 'correct horse battery', folder: '/home/chair/Documents' },
    },
  ]);
  expect(document.querySelector('[role="status"]')!.textContent).toContain('Saved 2 bundles');
});
