/// <reference types="node" />
// @vitest-environment node
// The IPC contract, checked on the real sources: every command src-tauri defines is in the build
// manifest, the handler, the chair's capability and a wrapper here with the same argument names;
// and the checker itself, on small snippets, so we know it can fail.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import { EVENT, WINDOW } from '../bindings/events';
import { READS } from '../testing';
import {
  capability,
  checkCapabilities,
  checkCommands,
  checkList,
  checkUses,
  checkWrappers,
  domainOf,
  handlerCommands,
  manifestCommands,
  rustCommands,
  wrappers,
  type Command,
} from './contract';
import { api } from './index';

const root = new URL('../../../../', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, root), 'utf8');
/** The files below `dir` (repository-relative) whose names end with one of `ends`. */
const files = (dir: string, ends: string[], recursive = true) =>
  readdirSync(new URL(dir, root), { recursive, encoding: 'utf8' })
    .filter((f) => ends.some((e) => f.endsWith(e)))
    .map((f) => `${dir}/${f}`)
    .sort();

describe('the IPC contract between src-tauri and ui/src/lib/api', () => {
  const rustFiles = files('src-tauri/src/commands', ['.rs'], false);
  const commands = rustFiles.flatMap((f) => rustCommands(f, read(f)));
  const apiFiles = files('ui/src/lib/api', ['.ts'], false).filter((f) => !f.endsWith('.test.ts'));
  // The files `api` is gathered from: one per commands/*.rs file, and the event listeners.
  const domains = new Set([...commands.map((c) => c.domain), 'events']);

  it('reads commands from every file of src-tauri/src/commands but mod.rs', () => {
    const empty = rustFiles.filter((f) => !f.endsWith('/mod.rs') && !commands.some((c) => c.file === f));
    expect(empty).toEqual([]);
    expect(checkCommands(commands)).toEqual([]);
  });

  it('the build manifest lists every command once, so a capability can grant it', () => {
    const file = 'src-tauri/build.rs';
    expect(checkList(`${file} (AppManifest commands)`, manifestCommands(file, read(file)), commands)).toEqual([]);
  });

  it('generate_handler! lists every command once', () => {
    const handlers = files('src-tauri/src', ['.rs']).flatMap((file) => {
      const names = handlerCommands(read(file));
      return names ? [{ file, names }] : [];
    });
    expect(handlers.map((h) => h.file)).toHaveLength(1);
    expect(checkList(`${handlers[0].file} (generate_handler!)`, handlers[0].names, commands)).toEqual([]);
  });

  it("the chair's window may call every command, and the room display none", () => {
    const caps = files('src-tauri/capabilities', ['.json']).map((f) => capability(f, read(f)));
    expect(checkCapabilities(caps, commands, WINDOW)).toEqual([]);
  });

  it('every command has a wrapper in the api file of its domain, sending the Rust argument names', () => {
    const calls = apiFiles.flatMap((f) => wrappers(f, read(f)));
    expect(checkWrappers(calls, commands)).toEqual([]);
  });

  it('`api` gathers every wrapper and listener of the domain files, each name once', () => {
    const exported = apiFiles
      .filter((f) => domains.has(domainOf(f)))
      .flatMap((f) => [...read(f).matchAll(/^export (?:async )?(?:const|function) (\w+)/gm)].map((m) => m[1]));
    expect(exported.filter((name, i) => exported.indexOf(name) !== i)).toEqual([]);
    expect(Object.keys(api).sort()).toEqual([...exported].sort());
  });

  it('only api/ipc.ts invokes, only api/events.ts listens, and events are named from EVENT', () => {
    const ui = files('ui/src', ['.ts', '.svelte']).filter((f) => !f.endsWith('lib/bindings/events.ts'));
    expect(ui.flatMap((f) => checkUses(f, read(f), EVENT))).toEqual([]);
  });

  it('the fake backend of the component tests answers only real commands', () => {
    const names = new Set(commands.map((c) => c.name));
    expect(Object.keys(READS).filter((cmd) => !names.has(cmd))).toEqual([]);
  });
});

describe('the contract checker', () => {
  const rounds = 'src-tauri/src/commands/rounds.rs';
  const command = (name: string, args: string[], domain = 'rounds'): Command => ({
    name,
    domain,
    file: `src-tauri/src/commands/${domain}.rs`,
    args,
  });

  it('reads what JS must send, however the signature is laid out', () => {
    const source = `
      //! The speaking order. A doc comment may mention #[tauri::command] without defining one.
      use tauri::{AppHandle, State};

      /// Moves a person. \`#[tauri::command] fn nothing()\` in a doc comment is not a command.
      #[tauri::command(async)]
      #[allow(clippy::too_many_arguments)]
      pub fn move_seat(
          app: AppHandle,
          state: State<'_, AppState>,
          meeting_id: String,
          person_id: String, // who moves
          by: i32,
      ) -> Result<SharingView> {
          let quote = '"';
          announce(&app, state.with(|s| s.move_seat(&meeting_id, &person_id, by)))
      }

      // #[tauri::command]
      // pub fn retired(meeting_id: String) {}

      #[tauri::command]
      pub async fn open_room_display<R: tauri::Runtime>(app: tauri::AppHandle<R>, window: tauri::WebviewWindow<R>, display: Option<u32>) -> Result<()> {
          Ok(())
      }

      #[tauri::command(rename_all = "snake_case")]
      pub(crate) fn adjust_share(state: State<'_, AppState>, share_id: String, delta_ms: i64, r#type: Kind) {}

      #[command]
      fn sharing_summary(meeting_id: String, with_names: bool, request: tauri::ipc::Request<'_>) {}
    `;
    expect(rustCommands(rounds, source)).toEqual([
      command('move_seat', ['meetingId', 'personId', 'by']),
      command('open_room_display', ['display']),
      command('adjust_share', ['share_id', 'delta_ms', 'type']),
      command('sharing_summary', ['meetingId', 'withNames']),
    ]);
  });

  it('names the command, the argument and the line when a wrapper misspells an argument', () => {
    const source = [
      `import { call } from './ipc';`,
      ``,
      `export const moveSeat = (meetingId: string, personId: string, by: number) =>`,
      `  call<SharingView>('move_seat', { meetingId, personID: personId, by });`,
    ].join('\n');
    const calls = wrappers('ui/src/lib/api/rounds.ts', source);
    expect(checkWrappers(calls, [command('move_seat', ['meetingId', 'personId', 'by'])])).toEqual([
      "ui/src/lib/api/rounds.ts:4: 'move_seat' is sent 'personID', which it does not take (it takes: meetingId, personId, by)",
      "ui/src/lib/api/rounds.ts:4: 'move_seat' is not sent 'personId' (src-tauri/src/commands/rounds.rs)",
    ]);
  });

  it('finds a wrapper for no command, one in the wrong file, one it cannot read, and a command with none', () => {
    const source = `
      export const next = (meetingId: string) => call<Record<string, number[]>>("next_speakr", { meetingId });
      export const state = (meetingId: string) => call<ShareState>('share_state', { meetingId });
      export const pass = (args: { meetingId: string }) => call<SharingView>('pass_turn', args);
    `;
    const calls = wrappers('ui/src/lib/api/rounds.ts', source);
    const known = [
      command('next_speaker', ['meetingId']),
      command('pass_turn', ['meetingId']),
      command('share_state', ['meetingId'], 'shares'),
    ];
    expect(checkWrappers(calls, known)).toEqual([
      "ui/src/lib/api/rounds.ts:2: call('next_speakr') names no command in src-tauri/src/commands",
      "ui/src/lib/api/rounds.ts:3: 'share_state' is a command of src-tauri/src/commands/shares.rs; its wrapper belongs in api/shares.ts",
      "ui/src/lib/api/rounds.ts:4: the arguments of 'pass_turn' are not a plain object, so their names cannot be checked",
      "'next_speaker' (src-tauri/src/commands/rounds.rs) has no wrapper in ui/src/lib/api/rounds.ts",
    ]);
  });

  it('finds a command dropped from the build manifest, and one listed twice or unknown', () => {
    const build = `
      const COMMANDS: &[&str] = &[
          "sharing",
          // "next_speaker",
          "pass_turn",
          "pass_turn",
          "retired",
      ];
      fn main() {
          tauri_build::try_build(tauri_build::Attributes::new().app_manifest(
              tauri_build::AppManifest::new().commands(COMMANDS),
          ))
          .expect("failed to run tauri-build");
      }
    `;
    const known = ['sharing', 'next_speaker', 'pass_turn'].map((n) => command(n, []));
    expect(checkList('src-tauri/build.rs', manifestCommands('src-tauri/build.rs', build), known)).toEqual([
      "src-tauri/build.rs lists 'pass_turn' twice",
      "src-tauri/build.rs lists 'retired', which no #[tauri::command] in src-tauri/src/commands defines",
      "src-tauri/build.rs lacks 'next_speaker' (src-tauri/src/commands/rounds.rs)",
    ]);
    const inline = `fn main() { AppManifest::new().commands(&["sharing", "next_speaker"]); }`;
    expect(manifestCommands('src-tauri/build.rs', inline)).toEqual(['sharing', 'next_speaker']);
  });

  it('reads the handler list by command name, whatever the paths', () => {
    const lib = `
      .invoke_handler(tauri::generate_handler![
          commands::rounds::sharing,
          rounds::next_speaker,
          pass_turn, // trailing comment
      ])
    `;
    expect(handlerCommands(lib)).toEqual(['sharing', 'next_speaker', 'pass_turn']);
    expect(handlerCommands('fn run() {}')).toBeNull();
  });

  it("finds a command the chair's window is not granted, and one granted to the room display", () => {
    const known = [command('next_speaker', []), command('pass_turn', [])];
    const main = capability(
      'src-tauri/capabilities/main.json',
      JSON.stringify({ windows: ['main'], permissions: ['allow-next-speaker', 'allow-forget-all', 'store:allow-get'] }),
    );
    const room = capability(
      'src-tauri/capabilities/room.json',
      JSON.stringify({
        windows: ['room'],
        permissions: ['core:event:allow-listen', 'allow-pass-turn', 'core:window:allow-close'],
      }),
    );
    expect(checkCapabilities([main, room], known, WINDOW)).toEqual([
      "src-tauri/capabilities/main.json grants 'allow-forget-all', which names no command",
      "src-tauri/capabilities/main.json does not grant 'allow-pass-turn' for 'pass_turn' (src-tauri/src/commands/rounds.rs)",
      "src-tauri/capabilities/room.json grants 'allow-pass-turn' to the room display, which may only listen",
      "src-tauri/capabilities/room.json grants 'core:window:allow-close' to the room display, which may only listen",
    ]);
    expect(checkCapabilities([main], known, WINDOW)).toContain("no capability file covers the 'room' window");
  });

  it('finds invoke, listen and event names spelt as strings outside their one place', () => {
    const component = `
      <script lang="ts">
        import { invoke } from '@tauri-apps/api/core';
        import { listen } from '@tauri-apps/api/event';
        // invoke('next_speaker') in a comment is no call
        const stop = listen<SharingView>('${EVENT.roundChanged}', (e) => show(e.payload));
        const old = listen('sharing-changed', (e) => show(e.payload));
        invoke('next_speaker', { meetingId });
        const label = 'invoke(';
      </script>
      <div role="${EVENT.timer}">Don't worry: {'${EVENT.timer}'} in markup is text</div>
    `;
    expect(checkUses('ui/src/lib/components/RoundPanel.svelte', component, EVENT)).toEqual([
      'ui/src/lib/components/RoundPanel.svelte:8: calls invoke(); only ui/src/lib/api/ipc.ts talks to the shell',
      'ui/src/lib/components/RoundPanel.svelte:3: takes invoke from @tauri-apps/api/core; only ui/src/lib/api/ipc.ts may',
      'ui/src/lib/components/RoundPanel.svelte:4: takes listen from @tauri-apps/api/event; only ui/src/lib/api/events.ts may',
      `ui/src/lib/components/RoundPanel.svelte:6: the event '${EVENT.roundChanged}' named by a string; use EVENT.roundChanged`,
      'ui/src/lib/components/RoundPanel.svelte:7: listen() given a string; name events with EVENT and windows with WINDOW',
    ]);
    const story = `
      import { emit, type UnlistenFn } from '@tauri-apps/api/event';
      class Live { listen(): () => void { return this.hear(); } }
      new Live().listen();
      await emit(EVENT.timer, samSharing(1000));
      expect(screen.getByRole('${EVENT.timer}').textContent).toBe('3:59');
      await emit(\`${EVENT.timerCue}\`, { shareId: 's1', cue: 'wrapUp' });
    `;
    expect(checkUses('ui/src/lib/components/SharePanel.test.ts', story, EVENT)).toEqual([
      `ui/src/lib/components/SharePanel.test.ts:7: the event '${EVENT.timerCue}' named by a string; use EVENT.timerCue`,
    ]);
  });
});
