// Runs around every vitest test (registered in vite.config.ts): after each one, unmount what it
// rendered, remove the fake backend and put back any browser global a story stubbed, so no
// story sees another's leftovers.
import { clearMocks } from '@tauri-apps/api/mocks';
import { cleanup } from '@testing-library/svelte';
import { afterEach, vi } from 'vitest';

import { tick } from './testing';

afterEach(async () => {
  cleanup();
  // Listeners are released asynchronously; let them go before the mocks do.
  await tick();
  clearMocks();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});
