// Runs around every vitest test (registered in vite.config.ts): after each one, unmount what it
// rendered, remove the fake backend and put back any browser global a story stubbed, so no
// story sees another's leftovers.
import { clearMocks } from '@tauri-apps/api/mocks';
import { cleanup } from '@testing-library/svelte';
import { afterEach, vi } from 'vitest';

import { tick } from './testing';

// jsdom lays nothing out, so it has no scrolling: what the chair's window scrolls into view is a no-op here.
if (typeof window !== 'undefined' && !Element.prototype.scrollIntoView) Element.prototype.scrollIntoView = () => {};

afterEach(async () => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  // A story in the node environment (the IPC contract check) has no window to clean up.
  if (typeof window === 'undefined') return;
  cleanup();
  // Listeners are released asynchronously; let them go before the mocks do.
  await tick();
  clearMocks();
});
