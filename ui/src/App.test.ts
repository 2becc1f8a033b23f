// The chair's language and theme: chosen with the text size (Display), the language re-draws the window
// at once (no reload that would interrupt a meeting); both are kept as preferences and apply at the next start.
import { mockIPC } from '@tauri-apps/api/mocks';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, expect, it, vi } from 'vitest';

import App from './App.svelte';
import type { StoreStatus } from './lib/bindings/StoreStatus';
import { language, useLanguage } from './lib/i18n.svelte';
import { storeStatus, tick } from './lib/testing';
import { applyTheme } from './lib/theme';

// The trends chart (uPlot) asks the screen's pixel ratio when it loads; jsdom has no media queries.
vi.hoisted(() => {
  window.matchMedia ??= (query: string) =>
    ({ matches: false, media: query, addEventListener() {}, removeEventListener() {} }) as unknown as MediaQueryList;
});

afterEach(() => {
  useLanguage('en');
  applyTheme('system');
});

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

/** The display preferences, opened from the header as the chair does. */
async function preferences() {
  await fireEvent.click(document.getElementById('show-preferences')!);
  await tick();
}

const select = () => document.getElementById('language') as HTMLSelectElement;

it('choosing Español re-draws the window in Spanish without a reload, and keeps the choice', async () => {
  const sets = firstStart();
  await started();
  const title = document.getElementById('setup-title')!;
  expect(select()).toBeNull();
  await preferences();
  const choice = screen.getByLabelText('Language') as HTMLSelectElement;
  expect(document.activeElement).toBe(choice);
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

  // Pressing Display again keeps the preferences open; Close puts them away.
  await preferences();
  expect(select()).toBe(choice);
  choice.value = 'en';
  await fireEvent.change(choice);
  await tick();
  expect(title.textContent).toBe('Welcome to Circlekeeper');
  expect(sets.at(-1)).toEqual({ key: 'language', value: 'en' });
  await fireEvent.click(screen.getByRole('button', { name: 'Close' }));
  expect(select()).toBeNull();
});

it('speaks the saved language and shows the saved theme from the start, and keeps a theme chosen', async () => {
  const sets = firstStart({ language: 'es', theme: 'contrast' });
  await started();
  expect(document.getElementById('setup-title')!.textContent).toBe('Te damos la bienvenida a Circlekeeper');
  expect(document.documentElement.dataset.theme).toBe('contrast');
  await preferences();
  expect((screen.getByLabelText('Idioma') as HTMLSelectElement).value).toBe('es');
  const theme = screen.getByLabelText('Tema') as HTMLSelectElement;
  expect(theme.value).toBe('contrast');

  theme.value = 'dark';
  await fireEvent.change(theme);
  expect(document.documentElement.dataset.theme).toBe('dark');
  expect(sets).toContainEqual({ key: 'theme', value: 'dark' });
});

it('ignores a saved language or theme it does not know, and keeps the system’s', async () => {
  firstStart({ language: 'fr', theme: 'sepia' });
  await started();
  expect(document.getElementById('setup-title')!.textContent).toBe('Welcome to Circlekeeper');
  await preferences();
  expect(select().value).toBe('system');
  expect((document.getElementById('theme') as HTMLSelectElement).value).toBe('system');
});
