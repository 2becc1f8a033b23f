/// <reference types="vite/client" />
// The shortcuts table as the chair meets it: one key does one thing on any screen, the hint shown
// is the key that works, and no component spells a shortcut of its own.
import { describe, expect, it } from 'vitest';

import { hint, PLACES, pressed, runShortcut, SCREENS, SHORTCUTS, type Place, type ShortcutId } from './shortcuts';

const ids = Object.keys(SHORTCUTS) as ShortcutId[];
const isField = (p: Place) => 'field' in PLACES[p];

/** Which shortcuts answer `key` (as spelled in the table) among `among`. */
function sharing(among: ShortcutId[]): string[] {
  const byKey = new Map<string, ShortcutId[]>();
  for (const id of among) {
    for (const k of SHORTCUTS[id].keys) byKey.set(k.toLowerCase(), [...(byKey.get(k.toLowerCase()) ?? []), id]);
  }
  return [...byKey].filter(([, who]) => who.length > 1).map(([k, who]) => `${k}: ${who.join(', ')}`);
}

describe('one key, one action', () => {
  it('gives no two shortcuts on the same screen the same key', () => {
    for (const screen of SCREENS) {
      const onWindow = ids.filter((id) => screen.includes(SHORTCUTS[id].where) && !isField(SHORTCUTS[id].where));
      expect(sharing(onWindow), `on the screen with ${screen.join(', ')}`).toEqual([]);
      // While typing in a field, its own keys and the window's both work.
      for (const field of screen.filter(isField)) {
        const inField = ids.filter((id) => SHORTCUTS[id].where === field);
        expect(sharing([...onWindow, ...inField]), `in ${PLACES[field].words}`).toEqual([]);
      }
    }
  });

  it('puts every place a shortcut works on some screen', () => {
    for (const id of ids)
      expect(
        SCREENS.some((s) => s.includes(SHORTCUTS[id].where)),
        id,
      ).toBe(true);
  });
});

describe('the keys that work', () => {
  const press = (init: KeyboardEventInit, target: EventTarget = window) => {
    const e = new KeyboardEvent('keydown', init);
    Object.defineProperty(e, 'target', { value: target });
    return e;
  };

  it('matches a letter by the physical key, with Shift only when named', () => {
    expect(pressed(press({ key: 'n', code: 'KeyN', altKey: true }), 'nextSpeaker')).toBe(true);
    // Alt+N types "ñ" on some layouts: the key is still N.
    expect(pressed(press({ key: 'ñ', code: 'KeyN', altKey: true }), 'nextSpeaker')).toBe(true);
    expect(pressed(press({ key: 'N', code: 'KeyN', altKey: true, shiftKey: true }), 'nextSpeaker')).toBe(false);
    expect(pressed(press({ key: 'N', code: 'KeyN', altKey: true, shiftKey: true }), 'oneFewerNewcomer')).toBe(true);
    expect(pressed(press({ key: 'n', code: 'KeyN' }), 'nextSpeaker')).toBe(false);
  });

  it('makes text larger from Ctrl+= and from Ctrl++ (Shift and =)', () => {
    expect(pressed(press({ key: '=', ctrlKey: true }), 'largerText')).toBe(true);
    expect(pressed(press({ key: '+', ctrlKey: true, shiftKey: true }), 'largerText')).toBe(true);
    expect(pressed(press({ key: '-', ctrlKey: true }), 'largerText')).toBe(false);
  });

  it('leaves "/" to the text while the chair types, and finds a name otherwise', () => {
    const input = document.createElement('input');
    expect(pressed(press({ key: '/' }), 'findName')).toBe(true);
    expect(pressed(press({ key: '/' }, input), 'findName')).toBe(false);
    expect(pressed(press({ key: 'f', code: 'KeyF', altKey: true }, input), 'findName')).toBe(true);
    expect(pressed(press({ key: 'Enter' }, input), 'checkIn')).toBe(true);
  });
});

describe('a component’s shortcuts', () => {
  it('runs the action of the key pressed and keeps the key from doing anything else', () => {
    const done: string[] = [];
    const e = new KeyboardEvent('keydown', { key: 'x', code: 'KeyX', altKey: true, cancelable: true });
    expect(runShortcut(e, { nextSpeaker: () => done.push('next'), passTurn: () => done.push('pass') })).toBe(true);
    expect(done).toEqual(['pass']);
    expect(e.defaultPrevented).toBe(true);
  });

  it('lets the key through when its action is off', () => {
    const e = new KeyboardEvent('keydown', { key: 'x', code: 'KeyX', altKey: true, cancelable: true });
    expect(runShortcut(e, { passTurn: false })).toBe(false);
    expect(e.defaultPrevented).toBe(false);
  });
});

describe('the hints shown', () => {
  it('draws arrows as arrows and shows the first key of each', () => {
    expect(hint('addTime')).toBe('Alt+↑');
    expect(hint('formatBack')).toBe('Alt+←');
    expect(hint('findName')).toBe('/');
    expect(hint('largerText')).toBe('Ctrl+=');
  });

  it('is the only place a component spells a shortcut', () => {
    const sources = import.meta.glob('/src/**/*.svelte', { query: '?raw', import: 'default', eager: true });
    expect(Object.keys(sources).length).toBeGreaterThan(10);
    for (const [file, text] of Object.entries(sources)) {
      expect(String(text).match(/\b(Alt|Ctrl|Meta)\+\S/g), file).toBeNull();
    }
  });
});
