// Reading Rust and TypeScript as text, well enough to check the IPC contract without a compiler:
// comments blanked, strings found, brackets matched and lists split, positions kept for messages.

/** The line (from 1) of position `index` in `text`. */
export const lineAt = (text: string, index: number) => text.slice(0, index).split('\n').length;

export type Lang = 'rust' | 'ts';

/**
 * The text with comments blanked out (`code`), also with the insides of strings and regular
 * expressions blanked (`bare`), and the string literals found. Blanking keeps the length and the
 * newlines, so positions and line numbers hold, and commented-out code or words inside strings
 * are never mistaken for code. Handles Rust raw strings, char literals and lifetimes, and
 * TypeScript template literals (with nested `${}`) and regular expression literals.
 */
export function lex(
  text: string,
  lang: Lang,
): { code: string; bare: string; strings: { value: string; index: number }[] } {
  const out = text.split('');
  const bare = text.split('');
  const strings: { value: string; index: number }[] = [];
  const blank = (from: number, to: number, ...into: string[][]) => {
    for (const chars of into) for (let k = from; k < to; k++) if (chars[k] !== '\n') chars[k] = ' ';
  };
  const literal = (from: number, to: number, index: number) => {
    strings.push({ value: text.slice(from, to), index });
    blank(from, to, bare);
  };
  // For TypeScript: the brace depth at which each open template literal's `${` began.
  const templates: number[] = [];
  let depth = 0;
  let i = 0;
  const readQuoted = (quote: string, start: number) => {
    let j = start + 1;
    while (j < text.length && text[j] !== quote) {
      if (text[j] === '\\') j++;
      else if (quote !== '`' && text[j] === '\n') break;
      else if (quote === '`' && text[j] === '$' && text[j + 1] === '{') break;
      j++;
    }
    return j;
  };
  const template = (start: number) => {
    const end = readQuoted('`', start);
    literal(start + 1, end, start);
    if (text[end] === '$') {
      templates.push(depth);
      depth++;
      return end + 2;
    }
    return end + 1;
  };
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (c === '/' && next === '/') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      blank(i, stop, out, bare);
      i = stop;
    } else if (c === '/' && next === '*') {
      // Rust block comments nest; TypeScript's do not.
      let j = i + 2;
      let open = 1;
      while (j < text.length && open > 0) {
        if (text.startsWith('*/', j)) (open--, (j += 2));
        else if (lang === 'rust' && text.startsWith('/*', j)) (open++, (j += 2));
        else j++;
      }
      blank(i, j, out, bare);
      i = j;
    } else if (lang === 'rust' && c === 'r' && /^r#*"/.test(text.slice(i, i + 40)) && !/[\w]/.test(text[i - 1] ?? '')) {
      const hashes = /^r(#*)"/.exec(text.slice(i))![1];
      const close = '"' + hashes;
      const from = i + 2 + hashes.length;
      const end = text.indexOf(close, from);
      const stop = end < 0 ? text.length : end;
      literal(from, stop, i);
      i = stop + close.length;
    } else if (c === '"' || (lang === 'ts' && c === "'")) {
      const end = readQuoted(c, i);
      literal(i + 1, end, i);
      i = end + 1;
    } else if (lang === 'rust' && c === "'") {
      // A char literal ('x', '\n', '\'') is skipped whole; anything else is a lifetime ('_, 'a).
      if (next === '\\') i = text.indexOf("'", i + 3) + 1 || text.length;
      else if (text[i + 2] === "'") i += 3;
      else i++;
    } else if (lang === 'ts' && c === '`') {
      i = template(i);
    } else if (lang === 'ts' && c === '/' && isRegexStart(text, i)) {
      let j = i + 1;
      let inClass = false;
      while (j < text.length && text[j] !== '\n' && (inClass || text[j] !== '/')) {
        if (text[j] === '\\') j++;
        else if (text[j] === '[') inClass = true;
        else if (text[j] === ']') inClass = false;
        j++;
      }
      blank(i + 1, j, bare);
      i = j + 1;
    } else if (lang === 'ts' && c === '{') {
      depth++;
      i++;
    } else if (lang === 'ts' && c === '}') {
      depth--;
      // The end of a `${...}`: the template literal carries on.
      if (templates.length && templates[templates.length - 1] === depth) {
        templates.pop();
        i = template(i);
      } else i++;
    } else i++;
  }
  return { code: out.join(''), bare: bare.join(''), strings };
}

function isRegexStart(text: string, i: number): boolean {
  const before = text.slice(0, i).trimEnd();
  return before === '' || /[(,=:[!&|?{};]$/.test(before) || /\b(return|typeof|case)$/.test(before);
}

const OPEN: Record<string, string> = { '(': ')', '[': ']', '{': '}', '<': '>' };

/** Where the string, char literal or lifetime starting at `i` ends (its last character). */
function skipQuoted(code: string, i: number, lang: Lang): number {
  const q = code[i];
  if (lang === 'rust' && q === "'") {
    if (code[i + 1] === '\\') return code.indexOf("'", i + 3);
    return code[i + 2] === "'" ? i + 2 : i; // a char literal, else a lifetime
  }
  let j = i + 1;
  while (j < code.length && code[j] !== q) j += code[j] === '\\' ? 2 : 1;
  return j;
}

/**
 * The index of the bracket closing the one at `open`, in code whose comments are blanked. Angle
 * brackets count in Rust, and in TypeScript only when `open` is one (a type argument list).
 */
export function closing(code: string, open: number, lang: Lang): number {
  const angles = lang === 'rust' || code[open] === '<';
  const stack: string[] = [];
  for (let i = open; i < code.length; i++) {
    const c = code[i];
    if (c === '"' || c === "'" || c === '`') i = skipQuoted(code, i, lang);
    else if ((c === '-' || c === '=') && code[i + 1] === '>') i++;
    else if (c in OPEN && (c !== '<' || angles)) stack.push(OPEN[c]);
    else if (c === stack[stack.length - 1]) {
      stack.pop();
      if (stack.length === 0) return i;
    }
  }
  return -1;
}

/** `text` split at the commas that are not inside brackets or strings. */
export function splitTopLevel(text: string, lang: Lang): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') i = skipQuoted(text, i, lang);
    else if ((c === '-' || c === '=') && text[i + 1] === '>') i++;
    else if (c in OPEN && (c !== '<' || lang === 'rust')) i = closing(text, i, lang);
    else if (c === ',') {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
    if (i < 0) break; // an unclosed bracket: the rest is one part
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}
