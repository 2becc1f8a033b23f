import { describe, expect, it } from 'vitest';

import { FALLBACK, usableLanguage } from './language';

describe('the language the page formats dates and numbers in', () => {
  it('keeps a real language tag, and replaces the POSIX locale WebKit reports as "c"', () => {
    expect(usableLanguage('es-MX')).toBe('es-MX');
    expect(usableLanguage('c')).toBe(FALLBACK);
    expect(usableLanguage('')).toBe(FALLBACK);
    expect(() => new Intl.NumberFormat(usableLanguage('c'))).not.toThrow();
  });
});
