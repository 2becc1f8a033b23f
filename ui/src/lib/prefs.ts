// Preferences only (never meeting data): the last opened group, the text size, the language and the like.
import { load, type Store } from '@tauri-apps/plugin-store';

import type { Paper } from './bindings/Paper';
import { LANGUAGE_CHOICES, type LanguageChoice } from './i18n.svelte';
import { paperFor } from './print/paper';
import { THEME_CHOICES, type ThemeChoice } from './theme';

export interface Prefs {
  lastGroupId: string | null;
  textScale: number;
  volume: number;
  muted: boolean;
  /** Lock after this many idle minutes (0: never). Only offered when a passphrase is set. */
  idleLockMinutes: number;
  /** The paper printouts are laid out on; by default the one the system's country uses. */
  paper: Paper;
  /** The language the app speaks: the system's ('system', the default) or one the chair chose. */
  language: LanguageChoice;
  /** The theme of this window and the room display: the system's ('system', the default) or one chosen. */
  theme: ThemeChoice;
}

export const TEXT_SCALES = [0.9, 1, 1.15, 1.3, 1.5];
export const IDLE_CHOICES = [5, 10, 15, 30, 60, 0];
const DEFAULTS: Prefs = {
  lastGroupId: null,
  textScale: 1,
  volume: 0.6,
  muted: false,
  idleLockMinutes: 10,
  paper: paperFor(navigator.language),
  language: 'system',
  theme: 'system',
};

let store: Promise<Store> | null = null;
function prefsStore(): Promise<Store> {
  store ??= load('preferences.json', { defaults: {}, autoSave: 200 });
  return store;
}

export async function loadPrefs(): Promise<Prefs> {
  try {
    const s = await prefsStore();
    const lastGroupId = (await s.get<string>('lastGroupId')) ?? null;
    const scale = await s.get<number>('textScale');
    const volume = await s.get<number>('volume');
    const idle = await s.get<number>('idleLockMinutes');
    const paper = await s.get<Paper>('paper');
    const language = await s.get<LanguageChoice>('language');
    const theme = await s.get<ThemeChoice>('theme');
    return {
      lastGroupId,
      textScale: scale && TEXT_SCALES.includes(scale) ? scale : DEFAULTS.textScale,
      volume: typeof volume === 'number' && volume >= 0 && volume <= 1 ? volume : DEFAULTS.volume,
      muted: (await s.get<boolean>('muted')) === true,
      idleLockMinutes: IDLE_CHOICES.includes(idle ?? -1) ? idle! : DEFAULTS.idleLockMinutes,
      paper: paper === 'a4' || paper === 'letter' ? paper : DEFAULTS.paper,
      language: language && LANGUAGE_CHOICES.includes(language) ? language : DEFAULTS.language,
      theme: theme && THEME_CHOICES.includes(theme) ? theme : DEFAULTS.theme,
    };
  } catch {
    // Preferences are a convenience: a damaged file must never keep the chair out.
    return { ...DEFAULTS };
  }
}

export async function savePref<K extends keyof Prefs>(key: K, value: Prefs[K]): Promise<void> {
  try {
    const s = await prefsStore();
    await s.set(key, value);
  } catch {
    // Same as above: losing a preference is acceptable, interrupting the meeting is not.
  }
}
