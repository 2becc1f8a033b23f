// The Privacy and safety screen: the protected backup is not a handover, and a chair who protects
// the data late is told what protecting cannot undo.
import { fireEvent, render, screen } from '@testing-library/svelte';
import { expect, it } from 'vitest';

import type { Group } from '../bindings/Group';
import type { SavedBundle } from '../bindings/SavedBundle';
import { backend, group, storeStatus, tick } from '../testing';
import PrivacyScreen from './PrivacyScreen.svelte';

const status = (isProtected: boolean) => storeStatus({ protected: isProtected });

function show(isProtected: boolean, groups: Group[] = []) {
  const noop = () => {};
  render(PrivacyScreen, {
    props: {
      status: status(isProtected),
      groups,
      idleMinutes: 10,
      onStatus: noop,
      onIdleMinutes: noop,
      onLock: noop,
    },
  });
}

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
  show(true, [group(), group({ id: 'g2', name: 'Friday Serenity' })]);
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

it('tells a chair with plain data that protecting it later cannot wipe what the disk kept', async () => {
  backend(() => null, { bundle_folder: '/home/chair/Documents' });
  show(false);
  await tick();
  expect(screen.getByText(/cannot wipe what this computer's disk already kept of the unprotected file/)).toBeTruthy();
});

it('says nothing of it once the data is protected', async () => {
  backend(() => null, { bundle_folder: '/home/chair/Documents' });
  show(true);
  await tick();
  expect(screen.queryByText(/cannot wipe/)).toBeNull();
});
