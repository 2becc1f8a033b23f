// A small W3C WebDriver client for tauri-driver: just what our stories need, no dependencies.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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

/**
 * Polls `read` until its value is truthy (or, given `when`, until `when(value)` holds) and returns
 * that value. A `read` that throws counts as "not yet". On timeout it throws with `message` and the
 * last value seen; given `screenshotOf` (a Session), it first leaves a picture of that window in
 * artifacts/, for whoever reads the failure.
 */
export async function waitUntil(
  read,
  { when = Boolean, timeout = 10_000, every = 50, message = 'a condition', screenshotOf = null } = {},
) {
  const until = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const value = await read();
      if (when(value)) return value;
      last = value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > until) {
      let shot = '';
      if (screenshotOf) {
        shot = `${process.env.CIRCLEKEEPER_SHOTS ?? 'artifacts'}/failure-${Date.now()}.png`;
        await screenshotOf.screenshot(shot).catch(() => {});
      }
      const seen = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`timed out waiting for ${message} (last: ${seen}${shot ? `; screenshot ${shot}` : ''})`);
    }
    await sleep(every);
  }
}

/** The homes this story made, removed when it ends: each holds a store and a WebKit cache. */
const homes = [];
process.on('exit', () => {
  for (const home of homes) rmSync(home, { recursive: true, force: true });
});

/** A fresh home for one app: its data folder and its XDG folders, so tests never touch the user's. */
export function freshHome() {
  const home = mkdtempSync(join(tmpdir(), 'circlekeeper-e2e-'));
  homes.push(home);
  return home;
}

/**
 * A D-Bus session bus of this home's own, as a desktop session has, so nothing the app or WebKit
 * asks on the bus (settings portal, accessibility) reaches another run's on the same machine. A
 * unix socket in `home`, so it works inside the no-network check's namespace.
 */
async function startBus(home) {
  const socket = join(home, 'bus');
  rmSync(socket, { force: true });
  const bus = spawn('dbus-daemon', ['--session', '--nofork', '--nopidfile', `--address=unix:path=${socket}`], {
    stdio: 'ignore',
  });
  await waitUntil(() => existsSync(socket), { every: 50, message: 'the session bus to start' });
  bus.address = `unix:path=${socket}`;
  return bus;
}

/**
 * Starts tauri-driver with the app's environment pointed at `home`, on a session bus of its own.
 * The data file goes to `home`/data, or with `appDataFolder` where an installed app puts it by
 * itself: the XDG data folder (`home`/xdg-data/org.circlekeeper.app).
 */
export async function startDriver(home, { appDataFolder = false } = {}) {
  const bus = await startBus(home);
  const env = {
    ...process.env,
    DBUS_SESSION_BUS_ADDRESS: bus.address,
    ...(appDataFolder ? {} : { CIRCLEKEEPER_DATA_DIR: join(home, 'data') }),
    XDG_DATA_HOME: join(home, 'xdg-data'),
    XDG_CONFIG_HOME: join(home, 'xdg-config'),
    XDG_CACHE_HOME: join(home, 'xdg-cache'),
  };
  const proc = spawn('tauri-driver', [], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    await waitUntil(() => fetch(DRIVER + '/status'), { every: 100, message: 'tauri-driver to start' });
  } catch (e) {
    proc.kill();
    bus.kill();
    throw e;
  }
  proc.home = home;
  proc.bus = bus;
  return proc;
}

/** The app processes running on `home` (found by the environment they were given). */
export function appsOn(home) {
  const mark = `XDG_DATA_HOME=${join(home, 'xdg-data')}`;
  return readdirSync('/proc')
    .filter((pid) => /^\d+$/.test(pid))
    .filter((pid) => {
      try {
        return (
          readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith(APP) &&
          readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(mark)
        );
      } catch {
        return false; // gone already, or not ours to read
      }
    })
    .map(Number);
}

export async function stopDriver(proc) {
  proc.kill();
  // The app and WebKit take about a second to leave the ports and the data file. An app that
  // outlives its driver (seen on a busy machine) would hold the test runner's output open and
  // hang the suite, so it is ended like a laptop closed for the night.
  try {
    await waitUntil(() => appsOn(proc.home).length === 0, { timeout: 5_000, message: 'the app to close' });
  } catch {
    for (const pid of appsOn(proc.home)) process.kill(pid, 'SIGKILL');
  }
  proc.bus.kill();
  await sleep(1500);
}

/**
 * The app on this computer, as a story sees it: a home folder of its own, and tauri-driver
 * started (and restarted, like closing the laptop and opening it again) with the app inside.
 * Registers its own before/after hooks with node:test.
 */
export function laptop({ before, after, appDataFolder = false }) {
  const it = {
    home: null,
    driver: null,
    async start(home = freshHome()) {
      it.home = home;
      it.driver = await startDriver(home, { appDataFolder });
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

/** Checks in `people` from the keyboard as the chair does (type to filter, Enter), each counted before the next. */
export async function checkIn(s, people) {
  const here = Number(await s.text('#count-headcount'));
  for (const [i, name] of people.entries()) {
    await s.type('#filter', name);
    await s.press(KEY.Enter);
    await s.waitFor('#count-headcount', (t) => t === String(here + i + 1));
  }
}

/**
 * Opens the room display as the chair does (Alt+D in the chair's window), which stays current.
 * Returns both windows' handles.
 */
export async function openRoomDisplay(s) {
  const main = await s.cmd('GET', '/window');
  await s.press(KEY.Alt, 'd');
  const room = await s.waitUntil(async () => (await s.windows()).find((h) => h !== main), {
    message: 'the room display to open',
  });
  return { main, room };
}

/**
 * What the room display shows, from its document: WebKit reports no rendered text for a window
 * without focus. Call it with the room display's window current.
 */
export function roomShows(s) {
  return s.run(`return {
    speaker: document.querySelector('#room-speaker')?.textContent ?? null,
    next: document.querySelector('#room-next')?.textContent ?? null,
    clock: document.querySelector('#room-clock') !== null,
    text: document.body.textContent,
  }`);
}

/** The rows of the speaking order, whose turn it is and who is next, as the chair reads them. */
export function speakingOrder(s) {
  return s.run(
    `return [...document.querySelectorAll('#upcoming li')].map((li) => li.textContent.replace(/\\s+/g, ' ').trim())`,
  );
}

/** Waits until the speaking order's first row satisfies `pred` (`what` says how); returns every row. */
export function untilFirstTurn(s, pred, what) {
  return s.waitUntil(() => speakingOrder(s), {
    when: (rows) => pred(rows[0] ?? ''),
    message: `the first row of the speaking order to become ${what}`,
  });
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

  /** `waitUntil` in this window: a failure leaves a screenshot of it. */
  waitUntil(read, options = {}) {
    return waitUntil(read, { ...options, screenshotOf: this });
  }

  /** Waits until `css` matches an element (and, if given, `pred(text)` holds); returns the element. */
  async waitFor(css, pred = () => true, timeout = 10_000) {
    let el;
    await this.waitUntil(
      async () => {
        el = await this.find(css);
        return this.cmd('GET', `/element/${el}/text`);
      },
      { when: pred, timeout, message: css },
    );
    return el;
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

/**
 * axe-core's findings of impact serious or critical on the current window's page, as
 * `rule: target (impact)` lines; the label-content-name-mismatch rule (a button whose accessible name
 * does not contain its visible text) is turned on, and so is a check that a page has a level-one heading.
 */
export async function audit(s) {
  const { readFileSync } = await import('node:fs');
  axeSource ??= readFileSync(resolve(import.meta.dirname, '../../ui/node_modules/axe-core/axe.min.js'), 'utf8');
  if (!(await s.run('return typeof window.axe === "object"'))) await s.run(axeSource);
  const found = await s.runAsync(
    `window.axe.run(document, { rules: { 'label-content-name-mismatch': { enabled: true } } })
       .then((r) => done(r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ') + ' ' + (n.any[0]?.message ?? '')) }))))
       .catch((e) => done([{ id: 'axe-failed', impact: 'critical', nodes: [String(e)] }]))`,
  );
  return found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical' || v.id === 'page-has-heading-one')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n}`));
}
let axeSource = null;
