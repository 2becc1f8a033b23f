// Markup around an input of a whole-sentence message (a name in <bdi>, a path in <code>), without
// HTML: the message is made with MARK for that input and cut there, so the template draws the
// text before, the marked-up input, and the text after, in whatever order the language puts them.
import { intlLocale } from './i18n.svelte';

/** Stands for the marked-up input in the message (a private-use character, never typed). */
export const MARK = '\uE000';

/** The message's text before and after MARK. */
export function around(text: string): [string, string] {
  const at = text.indexOf(MARK);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + MARK.length)];
}

/** "Sam and J" in the app's language, cut into the names and the words between them. */
export function nameList(names: string[]): { name: boolean; text: string }[] {
  return new Intl.ListFormat(intlLocale(), { type: 'conjunction' })
    .formatToParts(names)
    .map((p) => ({ name: p.type === 'element', text: p.value }));
}
