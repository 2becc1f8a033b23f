// Keyboard shortcuts: one spelling ("Alt+W") used both to match a key press and to show it.

/** True when the key press is the shortcut `spec`, e.g. "Alt+W", "Ctrl+=", "/", "Escape". */
export function isShortcut(e: KeyboardEvent, spec: string): boolean {
  const parts = spec.split('+');
  const key = parts.pop()!;
  const want = new Set(parts.map((p) => p.toLowerCase()));
  if (e.altKey !== want.has('alt') || e.ctrlKey !== want.has('ctrl') || e.metaKey !== want.has('meta')) {
    return false;
  }
  // Shift is part of a letter shortcut only when named; for symbols it is how "+" or "?" is typed.
  if (key.length === 1 && /[a-z]/i.test(key) && e.shiftKey !== want.has('shift')) return false;
  // Alt+letter gives odd characters on some layouts; `code` names the physical key.
  if (key.length === 1 && /[a-z]/i.test(key)) return e.code === `Key${key.toUpperCase()}`;
  return e.key === key;
}

/** True when the key press happened while typing, where single keys belong to the text. */
export function isTyping(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  return !!t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
}
