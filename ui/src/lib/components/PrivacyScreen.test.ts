// The privacy screen: a chair who protects the data late is told what protecting cannot undo.
import { render, screen } from '@testing-library/svelte';
import { expect, it } from 'vitest';

import type { StoreStatus } from '../bindings/StoreStatus';
import { backend, tick } from '../testing';
import PrivacyScreen from './PrivacyScreen.svelte';

const status = (isProtected: boolean): StoreStatus => ({
  dataFile: '/home/chair/.local/share/org.circlekeeper.app/circlekeeper.sqlite3',
  openError: null,
  firstStart: false,
  protected: isProtected,
  locked: false,
});

function show(isProtected: boolean) {
  backend(() => null, { bundle_folder: '/home/chair/Documents' });
  const noop = () => {};
  render(PrivacyScreen, {
    props: {
      status: status(isProtected),
      groups: [],
      idleMinutes: 10,
      onStatus: noop,
      onIdleMinutes: noop,
      onLock: noop,
    },
  });
}

it('tells a chair with plain data that protecting it later cannot wipe what the disk kept', async () => {
  show(false);
  await tick();
  expect(screen.getByText(/cannot wipe what this computer's disk already kept of the unprotected file/)).toBeTruthy();
});

it('says nothing of it once the data is protected', async () => {
  show(true);
  await tick();
  expect(screen.queryByText(/cannot wipe/)).toBeNull();
});
