// A small W3C WebDriver client for tauri-driver: just what our stories need, no dependencies.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const DRIVER = 'http://127.0.0.1:4444';
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
export const KEY = {
  Enter: '\uE007',
  Alt: '\uE00A',
  Control: '\uE009',
  Escape: '\uE00C',
  Shift: '\uE008',
  Backspace: '\uE003',
  ArrowUp: '\uE013',
  ArrowDown: '\uE015',
  ArrowLeft: '\uE012',
  ArrowRight: '\uE014',
};

export const APP = resolve(process.env.CIRCLEKEEPER_APP ?? 'target/debug/circlekeeper');

async function request(method, path, body) {
  const res = await fetch(DRIVER + path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    // A driver that stops answering fails the story instead of hanging the suite.
    signal: AbortSignal.timeout(60_000),
  });
  const json = await res.json();
  if (!res.ok || json.value?.error) {
    throw new Error(`${method} ${path}: ${json.value?.error ?? res.status} ${json.value?.message ?? ''}`);
  }
  return json.value;
}

/** A fresh home for one app: its data folder and its XDG folders, so tests never touch the user's. */
export function freshHome() {
  return mkdtempSync(join(tmpdir(), 'circlekeeper-e2e-'));
}

/** Starts tauri-driver with the app's environment pointed at `home`. */
export async function startDriver(home) {
  const env = {
    ...process.env,
    CIRCLEKEEPER_DATA_DIR: join(home, 'data'),
    XDG_DATA_HOME: join(home, 'xdg-data'),
    XDG_CONFIG_HOME: join(home, 'xdg-config'),
    XDG_CACHE_HOME: join(home, 'xdg-cache'),
  };
  const proc = spawn('tauri-driver', [], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(DRIVER + '/status');
      return proc;
    } catch {
      await sleep(100);
    }
  }
  proc.kill();
  throw new Error('tauri-driver did not start');
}

export async function stopDriver(proc) {
  proc.kill();
  // The app and WebKit take about a second to leave the ports and the data file.
  await sleep(1500);
}

/**
 * The app on this computer, as a story sees it: a home folder of its own, and tauri-driver
 * started (and restarted, like closing the laptop and opening it again) with the app inside.
 * Registers its own before/after hooks with node:test.
 */
export function laptop({ before, after }) {
  const it = {
    home: null,
    driver: null,
    async start(home = freshHome()) {
      it.home = home;
      it.driver = await startDriver(home);
    },
    async stop() {
      if (it.driver) await stopDriver(it.driver);
      it.driver = null;
    },
    /** Closes everything and starts again on the same data (or on `home`). */
    async restart(home = it.home) {
      await it.stop();
      await it.start(home);
    },
  };
  before(() => it.start());
  after(() => it.stop());
  return it;
}

/** Kills the app as a power cut would: SIGKILL, no chance to tidy up. */
export function killApp() {
  const out = execFileSync('pgrep', ['-f', APP]).toString().trim().split('\n').filter(Boolean);
  for (const pid of out) process.kill(Number(pid), 'SIGKILL');
  return out.length;
}

/** Sets up a group with people on its roster and opens today's meeting, chaired by Robin. */
export async function openMeeting(s, group, people = []) {
  await s.type('#group-name', group);
  await s.click('#create-group');
  await s.waitFor('#group-title', (t) => t === group);
  for (const name of people) {
    await s.type('#roster-name', name);
    await s.click('#roster-add');
    await s.waitFor('ul[aria-label="People on the roster"]', (t) => t.includes(name));
  }
  await s.type('#chair-name', 'Robin');
  await s.click('#open-meeting');
  await s.waitFor('#meeting-title', (t) => t === group);
}

export class Session {
  /**
   * Starts the app. On a first start the chair chooses how to keep the data: `passphrase` protects
   * it, `null` (the default for stories about other things) keeps it plain.
   */
  static async start({ passphrase = null } = {}) {
    const value = await request('POST', '/session', {
      capabilities: { alwaysMatch: { 'tauri:options': { application: APP } } },
    });
    const s = new Session(value.sessionId);
    await s.waitFor('main h1');
    if ((await s.run(`return document.querySelector('main h1').id`)) === 'setup-title') {
      if (passphrase === null) await s.click('#setup-plain');
      else {
        await s.type('#setup-pass', passphrase);
        await s.type('#setup-pass2', passphrase);
      }
      await s.click('#setup-start');
      await s.waitFor('main h1', (t) => t !== 'Welcome to Circlekeeper');
    }
    return s;
  }

  constructor(id) {
    this.id = id;
  }

  cmd(method, path, body) {
    return request(method, `/session/${this.id}${path}`, body);
  }

  async end() {
    await this.cmd('DELETE', '');
  }

  async find(css) {
    const v = await this.cmd('POST', '/element', { using: 'css selector', value: css });
    return v[ELEMENT];
  }

  async findAll(css) {
    const v = await this.cmd('POST', '/elements', { using: 'css selector', value: css });
    return v.map((e) => e[ELEMENT]);
  }

  /** Waits until `css` matches an element (and, if given, `pred(text)` holds). */
  async waitFor(css, pred = () => true, timeoutMs = 10_000) {
    const until = Date.now() + timeoutMs;
    let last = '';
    for (;;) {
      try {
        const el = await this.find(css);
        last = await this.cmd('GET', `/element/${el}/text`);
        if (pred(last)) return el;
      } catch {
        // Not there yet.
      }
      if (Date.now() > until) {
        // Leave a picture of what the window showed, for whoever reads the failure.
        const shot = `${process.env.CIRCLEKEEPER_SHOTS ?? 'artifacts'}/failure-${Date.now()}.png`;
        await this.screenshot(shot).catch(() => {});
        throw new Error(`timed out waiting for ${css} (last text: ${JSON.stringify(last)}; screenshot ${shot})`);
      }
      await sleep(50);
    }
  }

  async click(css) {
    const el = await this.waitFor(css);
    await this.cmd('POST', `/element/${el}/click`, {});
  }

  async type(css, text) {
    const el = await this.waitFor(css);
    await this.cmd('POST', `/element/${el}/value`, { text });
  }

  async clear(css) {
    const el = await this.waitFor(css);
    await this.cmd('POST', `/element/${el}/clear`, {});
  }

  async text(css) {
    return this.cmd('GET', `/element/${await this.waitFor(css)}/text`);
  }

  async texts(css) {
    const els = await this.findAll(css);
    return Promise.all(els.map((el) => this.cmd('GET', `/element/${el}/text`)));
  }

  /** Presses a chord on the focused element, e.g. press(KEY.Alt, 'w'). */
  async press(...keys) {
    const down = keys.map((k) => ({ type: 'keyDown', value: k }));
    const up = [...keys].reverse().map((k) => ({ type: 'keyUp', value: k }));
    await this.cmd('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions: [...down, ...up] }] });
    await this.cmd('DELETE', '/actions');
  }

  async attr(css, name) {
    return this.cmd('GET', `/element/${await this.waitFor(css)}/attribute/${name}`);
  }

  async windows() {
    return this.cmd('GET', '/window/handles');
  }

  async switchTo(handle) {
    await this.cmd('POST', '/window', { handle });
  }

  async run(script, ...args) {
    return this.cmd('POST', '/execute/sync', { script, args });
  }

  /** Runs `script` in the page; it finishes by calling `done(value)` (the last argument). */
  async runAsync(script, ...args) {
    return this.cmd('POST', '/execute/async', {
      script: `const done = arguments[arguments.length - 1]; ${script}`,
      args,
    });
  }

  async screenshot(path) {
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, Buffer.from(await this.cmd('GET', '/screenshot'), 'base64'));
  }
}
