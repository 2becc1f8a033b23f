// When the data cannot be opened: the newest backup that opens is offered, a protected one found
// with its passphrase, and a passphrase that opens nothing says so.
import { fireEvent, render } from '@testing-library/svelte';
import { expect, it, vi } from 'vitest';

import { backend, backupInfo, storeStatus, tick } from '../testing';
import RestoreOffer from './RestoreOffer.svelte';

const PASS = 'blue kettle on the stove';
const found = backupInfo({ protected: true, meetings: 1 });

const el = (id: string) => document.getElementById(id) as HTMLElement;

it('finds a protected backup with its passphrase and restores it', async () => {
  const calls = backend(({ cmd, args }) => {
    if (cmd === 'backup_offer') return args.passphrase === PASS ? found : null;
    if (cmd === 'restore_backup') return storeStatus({ protected: true });
    throw { kind: 'internal', message: `unexpected ${cmd}` };
  });
  const onRestored = vi.fn();
  render(RestoreOffer, { props: { onRestored } });
  await tick();
  expect(el('offer-none').textContent).toContain('No unprotected backup opens.');

  await fireEvent.input(el('offer-pass'), { target: { value: 'not the passphrase' } });
  await fireEvent.click(el('offer-look'));
  await tick();
  expect(el('offer-none').textContent).toContain('No backup opens with this passphrase either.');

  await fireEvent.input(el('offer-pass'), { target: { value: PASS } });
  await fireEvent.click(el('offer-look'));
  await tick();
  expect(el('offer-found').textContent).toContain('1 group, 1 meeting');
  await fireEvent.click(el('restore-offer'));
  await tick();
  expect(calls.at(-1)).toEqual({ cmd: 'restore_backup', args: { file: found.file, passphrase: PASS } });
  expect(onRestored).toHaveBeenCalledOnce();
});

it('after a passphrase that does not open the data file, says which backup it does open', async () => {
  backend(({ cmd }) => {
    if (cmd === 'backup_offer') return found;
    throw { kind: 'internal', message: `unexpected ${cmd}` };
  });
  render(RestoreOffer, { props: { passphrase: PASS, onRestored: () => {} } });
  await tick();
  expect(el('offer-found').textContent).toContain('This passphrase does not open the data file');
  expect(el('offer-pass')).toBeNull();
});
