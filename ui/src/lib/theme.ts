// The look of the room: light (today's), dark for a dim room, and high contrast for low vision or a
// washed-out projector. The system's choice by default (prefers-contrast, prefers-color-scheme);
// a preference can fix one. The chair's window and the room display follow the same theme.
export type Theme = 'light' | 'dark' | 'contrast';
export type ThemeChoice = 'system' | Theme;
export const THEMES: Theme[] = ['light', 'dark', 'contrast'];
export const THEME_CHOICES: ThemeChoice[] = ['system', ...THEMES];

const media = (query: string) => typeof matchMedia === 'function' && matchMedia(query).matches;

/** The theme the system asks for: high contrast first, then dark, else light. */
export function systemTheme(): Theme {
  if (media('(prefers-contrast: more)') || media('(forced-colors: active)')) return 'contrast';
  return media('(prefers-color-scheme: dark)') ? 'dark' : 'light';
}

export function isTheme(value: unknown): value is Theme {
  return THEMES.includes(value as Theme);
}

let following: (() => void) | null = null;
let current: Theme = 'light';

/** The theme on the page now. */
export const currentTheme = (): Theme => current;

/** Puts `choice` on the page (app.css keys its colours on `data-theme`); "system" keeps following it. */
export function applyTheme(choice: ThemeChoice): Theme {
  following?.();
  following = null;
  const set = () => {
    current = choice === 'system' ? systemTheme() : choice;
    const root = document.documentElement;
    root.dataset.theme = current;
    // The room display's colours, as variables its stylesheet reads.
    for (const [name, value] of Object.entries(ROOM_COLOURS[current])) root.style.setProperty(`--room-${name}`, value);
    return current;
  };
  if (choice === 'system' && typeof matchMedia === 'function') {
    const queries = ['(prefers-contrast: more)', '(prefers-color-scheme: dark)', '(forced-colors: active)'].map((q) =>
      matchMedia(q),
    );
    queries.forEach((q) => q.addEventListener('change', set));
    following = () => queries.forEach((q) => q.removeEventListener('change', set));
  }
  return set();
}

/**
 * The room display's colours in each theme. The digits keep their meaning everywhere (calm, time to
 * wrap up, time is up), each says so in words beside the colour, and each reads at 7:1 or more on
 * its background, for the back of a room and a washed-out projector (checked in theme.test.ts).
 */
export const ROOM_COLOURS: Record<
  Theme,
  { background: string; text: string; calm: string; wrap: string; over: string }
> = {
  light: { background: '#fbfaf7', text: '#1d2427', calm: '#0c4a54', wrap: '#6b3a00', over: '#7d1426' },
  dark: { background: '#0f1d22', text: '#ece8e0', calm: '#a8dcd5', wrap: '#f2c46d', over: '#f2b8c1' },
  contrast: { background: '#000000', text: '#ffffff', calm: '#7df9ff', wrap: '#ffd400', over: '#ff9eb0' },
};

/** WCAG's contrast ratio between two colours written #rrggbb. */
export function contrastRatio(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
