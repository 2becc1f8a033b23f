// The page's language, made one that Intl accepts. On a system whose locale is the bare POSIX "C"
// (common on servers and minimal installs), WebKitGTK reports "c" as the language, which Intl
// refuses: every date and number formatted from it would throw. Imported first by main.ts, so it
// runs before any module formats anything at load.
export const FALLBACK = 'en-US';

/** `tag` if Intl takes it as a language, else the fallback. */
export function usableLanguage(tag: string): string {
  try {
    return Intl.getCanonicalLocales(tag).length > 0 ? tag : FALLBACK;
  } catch {
    return FALLBACK;
  }
}

if (typeof navigator !== 'undefined' && usableLanguage(navigator.language) !== navigator.language) {
  Object.defineProperty(navigator, 'language', { value: FALLBACK, configurable: true });
}
