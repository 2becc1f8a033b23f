// The language the app speaks: the system's by default, or the chair's choice (a preference).
// Every visible string comes from the message catalogue in ui/messages, compiled by Paraglide into
// one typed function a message (`m.key()`); this module decides which language those functions
// answer in. The choice is Svelte state, so a change re-draws every message on screen at once,
// without a reload that would interrupt a meeting.
import { overwriteGetLocale, locales, baseLocale, type Locale } from './paraglide/runtime';
import { usableLanguage } from './language';

export type LanguageChoice = 'system' | Locale;
export const LANGUAGE_CHOICES: LanguageChoice[] = ['system', ...locales];

/** The first of the system's languages the catalogue speaks ("es-MX" → es), else English. */
export function systemLocale(preferred: readonly string[] = navigatorLanguages()): Locale {
  for (const tag of preferred) {
    const lang = tag.toLowerCase().split(/[-_]/)[0] as Locale;
    if ((locales as readonly string[]).includes(lang)) return lang;
  }
  return baseLocale;
}

function navigatorLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

let current = $state<Locale>(systemLocale());
overwriteGetLocale(() => current);

/** Speak `choice` from now on (the system's language for "system"). */
export function useLanguage(choice: LanguageChoice): void {
  current = choice === 'system' ? systemLocale() : choice;
  if (typeof document !== 'undefined') document.documentElement.lang = current;
}

/** The language in use. */
export const language = (): Locale => current;

/**
 * The tag dates, times and numbers are formatted in: the system's own tag when it is the same
 * language (so an es-MX system keeps Mexican conventions), else the chosen language itself.
 */
export function intlLocale(): string {
  const system = usableLanguage(navigatorLanguages()[0] ?? '');
  return system.toLowerCase().split(/[-_]/)[0] === current ? system : current;
}
