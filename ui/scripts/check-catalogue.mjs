// The catalogue checks run by `npm run check` (and so by the test command):
//  1. every catalogue file has the same messages in Spanish as in English, with the same inputs;
//  2. no visible text in a Svelte template bypasses the catalogue: a text node or a text attribute a
//     person sees or hears (aria-label, title, placeholder, alt...) that holds a letter is a finding.
// Exits non-zero with one line a finding.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'svelte/compiler';

const ui = new URL('..', import.meta.url).pathname;
const settings = JSON.parse(readFileSync(join(ui, 'project.inlang/settings.json'), 'utf8'));
const findings = [];

// 1. Spanish against English, file by file.
const patterns = [settings['plugin.inlang.messageFormat'].pathPattern].flat();
const inputsOf = (message) => {
  const text = JSON.stringify(message);
  return [...new Set([...text.matchAll(/\{(?:input )?([A-Za-z_]\w*)/g)].map((x) => x[1]))].sort().join(',');
};
for (const pattern of patterns) {
  const file = (locale) => join(ui, pattern.replace('{locale}', locale));
  const catalogue = (locale) => {
    const all = JSON.parse(readFileSync(file(locale), 'utf8'));
    delete all.$schema;
    return all;
  };
  const base = catalogue(settings.baseLocale);
  for (const locale of settings.locales.filter((l) => l !== settings.baseLocale)) {
    const other = catalogue(locale);
    const where = relative(ui, file(locale));
    for (const key of Object.keys(base)) {
      if (!(key in other)) findings.push(`${where}: missing "${key}"`);
      else if (inputsOf(base[key]) !== inputsOf(other[key]))
        findings.push(`${where}: "${key}" takes {${inputsOf(other[key])}}, English takes {${inputsOf(base[key])}}`);
      else if (JSON.stringify(other[key]).trim() === '""') findings.push(`${where}: "${key}" is empty`);
    }
    for (const key of Object.keys(other))
      if (!(key in base)) findings.push(`${where}: "${key}" is not in the English catalogue`);
  }
}

// 2. Visible text in templates.
const SPOKEN = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'title',
  'placeholder',
  'alt',
  'label',
]);
// Not words of any language: the product's name.
const NOT_WORDS = new Set(['Circlekeeper']);
const hasWords = (text) => /\p{L}/u.test(text) && !NOT_WORDS.has(text.trim());
const lineOf = (source, at) => source.slice(0, at).split('\n').length;

function walk(node, visit) {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) return node.forEach((n) => walk(n, visit));
  visit(node);
  // An attribute's words are judged by its name (SPOKEN), not walked as text: ids and classes are not.
  if (node.type === 'Attribute') return;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'expression' || key === 'metadata' || key === 'parent') continue;
    if (value && typeof value === 'object') walk(value, visit);
  }
}

function svelteFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'paraglide' ? [] : svelteFiles(path);
    return name.endsWith('.svelte') ? [path] : [];
  });
}

for (const path of svelteFiles(join(ui, 'src'))) {
  const source = readFileSync(path, 'utf8');
  const ast = parse(source, { modern: true });
  const where = (at) => `${relative(ui, path)}:${lineOf(source, at)}`;
  walk(ast.fragment, (node) => {
    if (node.type === 'Text' && hasWords(node.data))
      findings.push(`${where(node.start)}: text "${node.data.trim().slice(0, 60)}"`);
    if (node.type === 'Attribute' && SPOKEN.has(node.name.toLowerCase()) && Array.isArray(node.value))
      for (const part of node.value)
        if (part.type === 'Text' && hasWords(part.data))
          findings.push(`${where(part.start)}: ${node.name}="${part.data.trim().slice(0, 60)}"`);
  });
}

for (const f of findings) console.error(f);
if (findings.length) {
  console.error(
    `\n${findings.length} finding(s): every visible string comes from ui/messages (see ui/src/lib/i18n.svelte.ts).`,
  );
  process.exit(1);
}
console.log('catalogue: Spanish has every English message; no template text bypasses the catalogue');
