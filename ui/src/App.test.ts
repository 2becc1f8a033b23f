// The chair's language: chosen beside the text size, it re-draws the window at once (no reload that
// would interrupt a meeting), is kept as a preference, and is spoken again at the next start.
import { mockIPC } from '@tauri-apps/api/mocks';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, expect, it, vi } from 'vitest';

import App from './App.svelte';
import type { StoreStatus } from './lib/bindings/StoreStatus';
import { language, useLanguage } from './lib/i18n.svelte';
import { storeStatus, tick } from './lib/testing';

// The trends chart (uPlot) asks the screen's pixel ratio when it loads; jsdom has no media queries.
vi.hoisted(() => {
  window.matchMedia ??= (query: string) =>
    ({ matches: false, media: query, addEventListener() {}, removeEventListener() {} }) as unknown as MediaQueryList;
});

afterEach(() => useLanguage('en'));

/** A first start (the setup screen, no data yet), with `saved` in the preferences file. */
function firstStart(saved: Record<string, unknown> = {}) {
  const prefs = { ...saved };
  const sets: { key: string; value: unknown }[] = [];
  mockIPC(
    (cmd, args) => {
      const a = (args ?? {}) as Record<string, unknown>;
      const key = String(a.key);
      if (cmd === 'app_status') return storeStatus({ firstStart: true }) satisfies StoreStatus;
      if (cmd === 'plugin:store|load') return 1;
      if (cmd === 'plugin:store|get') return key in prefs ? [prefs[key], true] : [null, false];
      if (cmd === 'plugin:store|set') {
        sets.push({ key, value: a.value });
        prefs[key] = a.value;
      }
      return null;
    },
    { shouldMockEvents: true },
  );
  return sets;
}

async function started() {
  render(App);
  for (let i = 0; i < 5; i++) await tick();
}

const select = () => screen.getByLabelText('Language') as HTMLSelectElement;

it('choosing Español re-draws the window in Spanish without a reload, and keeps the choice', async () => {
  const sets = firstStart();
  await started();
  const title = document.getElementById('setup-title')!;
  const choice = select();
  expect(title.textContent).toBe('Welcome to Circlekeeper');
  expect(choice.value).toBe('system');
  expect([...choice.options].map((o) => o.textContent)).toEqual(["The system's language", 'English', 'Español']);

  choice.value = 'es';
  await fireEvent.change(choice);
  await tick();

  // The same heading, drawn again in Spanish: nothing was reloaded or mounted anew.
  expect(document.getElementById('setup-title')).toBe(title);
  expect(title.textContent).toBe('Te damos la bienvenida a Circlekeeper');
  expect(screen.getByRole('button', { name: 'Empezar' })).toBeTruthy();
  expect(screen.getByLabelText('Idioma')).toBe(choice);
  expect(screen.getByRole('button', { name: 'Texto más grande' })).toBeTruthy();
  expect(document.documentElement.lang).toBe('es');
  expect(language()).toBe('es');
  expect(sets).toContainEqual({ key: 'language', value: 'es' });

  choice.value = 'en';
  await fireEvent.change(choice);
  await tick();
  expect(title.textContent).toBe('Welcome to Circlekeeper');
  expect(sets.at(-1)).toEqual({ key: 'language', value: 'en' });
});

it('speaks the saved language from the start', async () => {
  firstStart({ language: 'es' });
  await started();
  expect(document.getElementById('setup-title')!.textContent).toBe('Te damos la bienvenida a Circlekeeper');
  expect((screen.getByLabelText('Idioma') as HTMLSelectElement).value).toBe('es');
});

it('ignores a saved language it does not speak, and keeps the system’s', async () => {
  firstStart({ language: 'fr' });
  await started();
  expect(document.getElementById('setup-title')!.textContent).toBe('Welcome to Circlekeeper');
  expect(select().value).toBe('system');
});
