// The IPC contract read from the sources as text: the commands src-tauri defines, the lists that
// must name each of them (build manifest, handler, capabilities), and the wrappers in this folder
// that call them. contract.test.ts runs these checks over the real files; every problem names the
// command and the place, so a misspelled command or argument fails `npm test`, not a meeting.

import { closing, lex, lineAt, splitTopLevel } from './lex';

/** A `#[tauri::command]` fn: its name, the commands/*.rs file it lives in, and what JS must send. */
export type Command = { name: string; domain: string; file: string; args: string[] };

/** A `call('command', { args })` in ui/src/lib/api; `args` is null when they are not a plain object. */
export type Wrapper = { command: string | null; domain: string; file: string; line: number; args: string[] | null };

/** A capability file: the windows it covers and the permissions it grants. */
export type Capability = { file: string; windows: string[]; permissions: string[] };

// Tauri fills these parameters itself; the window never sends them.
const INJECTED = new Set(['AppHandle', 'State', 'Window', 'WebviewWindow', 'Webview', 'Request']);

/** The file name without folder and extension: `src-tauri/src/commands/rounds.rs` → `rounds`. */
export const domainOf = (file: string) => file.replace(/^.*\//, '').replace(/\.[^.]+$/, '');

/** A Rust parameter name as Tauri expects it from JS by default (`delta_ms` → `deltaMs`). */
export function camelCase(snake: string): string {
  const [first = '', ...rest] = snake.split('_').filter(Boolean);
  return first + rest.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

/** A command's permission identifier as tauri-build names it: `set_up_store` → `allow-set-up-store`. */
export const permissionOf = (command: string) => `allow-${command.replaceAll('_', '-')}`;

/** The commands defined in one src-tauri/src/commands/*.rs file, with the argument names JS sends. */
export function rustCommands(file: string, text: string): Command[] {
  const { code } = lex(text, 'rust');
  const commands: Command[] = [];
  const attribute = /#\[\s*(?:tauri\s*::\s*)?command\b\s*(?:\(([^)]*)\))?\s*\]/g;
  for (const m of code.matchAll(attribute)) {
    const after = m.index + m[0].length;
    const head = /^(?:\s*#\[[^\]]*\])*\s*(?:pub(?:\s*\([^)]*\))?\s+)?(?:async\s+)?fn\s+(?:r#)?(\w+)\s*/.exec(
      code.slice(after),
    );
    if (!head) throw new Error(`${file}:${lineAt(code, m.index)}: no fn follows #[tauri::command]`);
    const name = head[1];
    let open = after + head[0].length;
    if (code[open] === '<') open = closing(code, open, 'rust') + 1;
    while (/\s/.test(code[open])) open++;
    const close = code[open] === '(' ? closing(code, open, 'rust') : -1;
    if (close < 0) throw new Error(`${file}:${lineAt(code, m.index)}: cannot read the parameters of ${name}`);
    const snake = /rename_all\s*=\s*"snake_case"/.test(m[1] ?? '');
    const args: string[] = [];
    for (const param of splitTopLevel(code.slice(open + 1, close), 'rust')) {
      const p = /^(?:mut\s+)?(?:r#)?(\w+)\s*:(?!:)\s*([\s\S]+)$/.exec(param);
      if (!p) throw new Error(`${file}:${lineAt(code, open)}: cannot read the parameter "${param}" of ${name}`);
      const type = p[2]
        .replace(/^&\s*(?:'\w+\s+)?(?:mut\s+)?/, '')
        .split('<')[0]
        .split('::')
        .pop()!
        .trim();
      if (!INJECTED.has(type)) args.push(snake ? p[1] : camelCase(p[1]));
    }
    commands.push({ name, domain: domainOf(file), file, args });
  }
  return commands;
}

/** The names in the build manifest: `AppManifest::new().commands(X)`, X a list or a const holding one. */
export function manifestCommands(file: string, text: string): string[] {
  const { code } = lex(text, 'rust');
  const arg = /\.commands\s*\(\s*(&?\s*\[|(\w+)\s*\))/.exec(code);
  if (!arg) throw new Error(`${file}: no AppManifest::new().commands(...) list`);
  let open = arg.index + arg[0].length - 1;
  if (arg[2]) {
    const decl = new RegExp(`(?:const|static)\\s+${arg[2]}\\s*:[^=]*=\\s*&?\\s*\\[`).exec(code);
    if (!decl) throw new Error(`${file}: the list ${arg[2]} given to AppManifest is not a const or static`);
    open = decl.index + decl[0].length - 1;
  }
  return splitTopLevel(code.slice(open + 1, closing(code, open, 'rust')), 'rust').map((s) => s.replace(/^"|"$/g, ''));
}

/** The command names in `tauri::generate_handler![...]`, or null when `text` has none. */
export function handlerCommands(text: string): string[] | null {
  const { code } = lex(text, 'rust');
  const m = /generate_handler!\s*[[({]/.exec(code);
  if (!m) return null;
  const open = m.index + m[0].length - 1;
  return splitTopLevel(code.slice(open + 1, closing(code, open, 'rust')), 'rust').map((path) =>
    path.split('::').pop()!.trim().replace(/^r#/, ''),
  );
}

/** A capability file's windows and granted permission identifiers. */
export function capability(file: string, text: string): Capability {
  const json = JSON.parse(text) as { windows?: string[]; permissions?: (string | { identifier: string })[] };
  return {
    file,
    windows: json.windows ?? [],
    permissions: (json.permissions ?? []).map((p) => (typeof p === 'string' ? p : p.identifier)),
  };
}

/** Every `call('command', { args })` in one file of ui/src/lib/api. */
export function wrappers(file: string, text: string): Wrapper[] {
  const { code, bare } = lex(text, 'ts');
  const found: Wrapper[] = [];
  for (const m of bare.matchAll(/(?<![\w$.])call\s*(?=[<(])/g)) {
    if (/function\s*$/.test(bare.slice(0, m.index))) continue; // ipc.ts defines it
    let open = m.index + m[0].length;
    if (code[open] === '<') open = closing(code, open, 'ts') + 1;
    while (/\s/.test(code[open])) open++;
    const [first, second] = splitTopLevel(code.slice(open + 1, closing(code, open, 'ts')), 'ts');
    const command = /^(['"`])(\w+)\1$/.exec(first ?? '')?.[2] ?? null;
    found.push({ command, domain: domainOf(file), file, line: lineAt(code, m.index), args: objectKeys(second) });
  }
  return found;
}

/** The keys of an object literal (`{ a, b: x, 'c': y }`); null for anything else, spreads included. */
function objectKeys(text: string | undefined): string[] | null {
  if (text === undefined) return [];
  if (!text.startsWith('{') || !text.endsWith('}')) return null;
  const keys = splitTopLevel(text.slice(1, -1), 'ts').map((entry) => /^(['"]?)([\w$]+)\1\s*(?::|$)/.exec(entry)?.[2]);
  return keys.every((k) => k !== undefined) ? (keys as string[]) : null;
}

/** Commands defined twice (in two files, or twice in one). */
export function checkCommands(commands: Command[]): string[] {
  const seen = new Map<string, string>();
  const problems: string[] = [];
  for (const c of commands) {
    const before = seen.get(c.name);
    if (before) problems.push(`'${c.name}' is defined twice: in ${before} and ${c.file}`);
    seen.set(c.name, c.file);
  }
  return problems;
}

/** A list that must name every command once and nothing else (build manifest, handler). */
export function checkList(place: string, listed: string[], commands: Command[]): string[] {
  const problems: string[] = [];
  const defined = new Map(commands.map((c) => [c.name, c]));
  const counted = new Set<string>();
  for (const name of listed) {
    if (counted.has(name)) problems.push(`${place} lists '${name}' twice`);
    else if (!defined.has(name))
      problems.push(`${place} lists '${name}', which no #[tauri::command] in src-tauri/src/commands defines`);
    counted.add(name);
  }
  for (const c of commands) if (!counted.has(c.name)) problems.push(`${place} lacks '${c.name}' (${c.file})`);
  return problems;
}

/**
 * The chair's window is granted every command; the room display none (it may only listen); no
 * capability grants a command that does not exist.
 */
export function checkCapabilities(caps: Capability[], commands: Command[], window: { main: string; room: string }) {
  const problems: string[] = [];
  const permissions = new Map(commands.map((c) => [permissionOf(c.name), c]));
  // The app's own permissions carry no `plugin:` prefix.
  const own = (p: string) => !p.includes(':');
  for (const cap of caps) {
    for (const p of cap.permissions.filter(own)) {
      if (!permissions.has(p.replace(/^deny-/, 'allow-')))
        problems.push(`${cap.file} grants '${p}', which names no command`);
    }
    if (cap.windows.includes(window.main)) {
      for (const [p, c] of permissions)
        if (!cap.permissions.includes(p))
          problems.push(`${cap.file} does not grant '${p}' for '${c.name}' (${c.file})`);
    }
    if (cap.windows.includes(window.room)) {
      for (const p of cap.permissions)
        if (own(p) || !p.startsWith('core:event:'))
          problems.push(`${cap.file} grants '${p}' to the room display, which may only listen`);
    }
  }
  for (const label of [window.main, window.room])
    if (!caps.some((c) => c.windows.includes(label))) problems.push(`no capability file covers the '${label}' window`);
  return problems;
}

/** Every command has one wrapper, in the api file of its domain, sending exactly its arguments. */
export function checkWrappers(calls: Wrapper[], commands: Command[]): string[] {
  const problems: string[] = [];
  const defined = new Map(commands.map((c) => [c.name, c]));
  for (const w of calls) {
    const at = `${w.file}:${w.line}`;
    const c = w.command === null ? undefined : defined.get(w.command);
    if (w.command === null) problems.push(`${at}: call() with a command name that is not a plain string`);
    else if (!c) problems.push(`${at}: call('${w.command}') names no command in src-tauri/src/commands`);
    if (!c) continue;
    if (w.domain !== c.domain)
      problems.push(`${at}: '${c.name}' is a command of ${c.file}; its wrapper belongs in api/${c.domain}.ts`);
    if (w.args === null) {
      problems.push(`${at}: the arguments of '${c.name}' are not a plain object, so their names cannot be checked`);
      continue;
    }
    for (const a of w.args)
      if (!c.args.includes(a))
        problems.push(
          `${at}: '${c.name}' is sent '${a}', which it does not take (it takes: ${c.args.join(', ') || 'nothing'})`,
        );
    for (const a of c.args) if (!w.args.includes(a)) problems.push(`${at}: '${c.name}' is not sent '${a}' (${c.file})`);
  }
  const wrapped = new Set(calls.map((w) => w.command));
  for (const c of commands)
    if (!wrapped.has(c.name)) problems.push(`'${c.name}' (${c.file}) has no wrapper in ui/src/lib/api/${c.domain}.ts`);
  return problems;
}

/** Only the script of a Svelte file is code; its markup is blanked (positions kept). */
export function scriptOf(file: string, text: string): string {
  if (!file.endsWith('.svelte')) return text;
  let kept = text.replace(/[^\n]/g, ' ');
  for (const m of text.matchAll(/(<script\b[^>]*>)([\s\S]*?)<\/script>/g)) {
    const from = m.index + m[1].length;
    kept = kept.slice(0, from) + m[2] + kept.slice(from + m[2].length);
  }
  return kept;
}

/**
 * What a UI file may not do: call `invoke` outside api/ipc.ts, take `invoke`, `listen` or `once`
 * from Tauri outside api/ipc.ts and api/events.ts, or name an event or window with a string
 * instead of EVENT/WINDOW from bindings/events.ts.
 */
export function checkUses(file: string, text: string, events: Record<string, string>): string[] {
  const { bare, strings } = lex(scriptOf(file, text), 'ts');
  const problems: string[] = [];
  const at = (index: number) => `${file}:${lineAt(bare, index)}`;
  const own = { core: 'api/ipc.ts', event: 'api/events.ts' } as const;
  const reserved = { core: ['invoke'], event: ['listen', 'once'] };
  if (!file.endsWith(own.core))
    for (const m of bare.matchAll(/\binvoke\s*[<(]/g))
      problems.push(`${at(m.index)}: calls invoke(); only ui/src/lib/${own.core} talks to the shell`);
  const stringAt = new Map(strings.map((s) => [s.index, s.value]));
  for (const m of bare.matchAll(/\bimport\s+(?!type\b)([^;]*?)\s+from\s+(?=['"])/g)) {
    const from = stringAt.get(m.index + m[0].length) ?? '';
    const module = /^@tauri-apps\/api\/(core|event)$/.exec(from)?.[1] as keyof typeof own | undefined;
    if (!module || file.endsWith(own[module])) continue;
    const names = m[1].startsWith('*')
      ? ['*']
      : [...m[1].matchAll(/(?<!\btype\s+)\b(\w+)\b(?:\s+as\s+\w+)?/g)].map((n) => n[1]);
    for (const name of names.filter((n) => n === '*' || reserved[module].includes(n)))
      problems.push(`${at(m.index)}: takes ${name} from @tauri-apps/api/${module}; only ui/src/lib/${own[module]} may`);
  }
  const byName = new Map(Object.entries(events).map(([key, name]) => [name, key]));
  const named = new Set<number>();
  for (const s of strings) {
    const key = byName.get(s.value);
    // 'timer' is also an ARIA role, which tests look elements up by.
    if (key && !/ByRole\(\s*$/.test(bare.slice(0, s.index))) {
      problems.push(`${at(s.index)}: the event '${s.value}' named by a string; use EVENT.${key}`);
      named.add(s.index);
    }
  }
  // Also a name that is no event (a misspelt or retired one) where an event or window goes.
  for (const m of bare.matchAll(/(?<![\w$.])(emit|emitTo|listen|once|on)\s*(?:<[^>(]*>)?\(\s*['"`]/g)) {
    const quote = m.index + m[0].length - 1;
    if (!named.has(quote))
      problems.push(`${at(m.index)}: ${m[1]}() given a string; name events with EVENT and windows with WINDOW`);
  }
  return problems;
}
