// Everyone in the room can use it: axe-core audits every screen of the chair's window and the room
// display in each theme (no serious or critical finding), the whole app switches to Spanish with no
// English left on the screens, and the largest text still fits 1280×800 with nothing cut off.
// Screenshots of each theme go to artifacts/a11y/ for a person to look at.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import { KEY, Session, audit, checkIn, laptop, openMeeting, openRoomDisplay } from './webdriver.mjs';

const PASS = 'the kettle in the church hall';
// Run under a projector-sized Xvfb screen (1920×1080) to picture the themes as a room sees them.
const OUT = process.env.A11Y_OUT ?? 'artifacts/a11y';

/** Chooses `value` in the preference `<select id>`, as the chair does. */
async function choose(s, id, value) {
  await s.click('#show-preferences');
  await s.waitFor(`#${id}`);
  await s.click(`#${id} option[value="${value}"]`);
  await sleep(300);
  await s.click('#hide-preferences');
}

/**
 * The screens of the chair's window, each reached as the chair reaches it, from the meeting. Each
 * step leaves the window on the screen it names; the walk ends back at the meeting.
 */
const WALK = [
  ['meeting', async () => {}],
  [
    'sharing',
    async (s) => {
      await s.click('#speaker option:nth-child(2)');
      await s.press(KEY.Alt, 's');
      await s.waitFor('#stop-share');
      await sleep(400);
    },
  ],
  [
    'group',
    async (s) => (await s.press(KEY.Alt, 's'), await s.click('#back-to-group'), await s.waitFor('#group-title')),
  ],
  ['trends', async (s) => (await s.click('#show-trends'), await s.waitFor('#headcount-table'))],
  ['quarterly-report', async (s) => (await s.click('#trends-quarterly'), await s.waitFor('#quarterly-glance'))],
  [
    'handover',
    async (s) => {
      await s.click('#printout-close');
      await s.click('.crumb + button');
      await s.waitFor('#group-title');
      await s.click('#show-handover');
      await s.waitFor('#handover-title');
    },
  ],
  ['privacy', async (s) => (await s.click('#show-privacy'), await s.waitFor('#privacy-title'))],
  ['backups', async (s) => (await s.click('#show-backups'), await s.waitFor('#back-up-now'))],
  [
    'locked',
    async (s) => {
      await s.press(KEY.Control, 'l');
      await s.waitFor('#lock-title');
    },
  ],
  [
    'back-at-the-meeting',
    async (s) => {
      await s.type('#unlock-pass', PASS);
      await s.click('#unlock');
      // Unlocked, the chair lands on the list of groups (locked from Backups) or the group's page.
      await s.waitFor('#groups-title, #group-title');
      if (await s.run(`return document.querySelector('button.group') !== null`)) await s.click('button.group');
      await s.waitFor('#group-title');
      await s.click('#history button');
      await s.waitFor('#meeting-title');
    },
  ],
];

/** Walks every screen, calling `look(name)` on each, then the room display's. */
async function everyScreen(s, look) {
  for (const [name, go] of WALK) {
    await go(s);
    if (process.env.A11Y_DEBUG)
      console.log(
        name,
        await s.run('return [document.querySelector("main h1")?.textContent, location.href, performance.now() | 0]'),
      );
    await s.run('window.scrollTo(0, 0)');
    await look(name);
  }
  // The room display while someone shares, as the back of the room sees it.
  await s.press(KEY.Alt, 's');
  await s.waitFor('#stop-share');
  const { main, room } = await openRoomDisplay(s);
  await s.switchTo(room);
  await s.waitFor('#room-clock');
  await sleep(800);
  await look('room-display');
  await s.switchTo(main);
  await s.press(KEY.Alt, 's');
  await s.press(KEY.Alt, 'd');
}

describe('a meeting everyone in the room can follow', () => {
  let s;
  // Registered before the laptop's own, so the session ends before its driver stops.
  after(() => s?.end());
  laptop({ before, after });
  before(async () => {
    s = await Session.start({ passphrase: PASS });
    // The window fills the screen Xvfb was given, as the tour's does.
    const [width, height] = await s.run('return [screen.width, screen.height]');
    await s.cmd('POST', '/window/rect', { x: 0, y: 0, width, height });
    await openMeeting(s, 'Grupo Esperanza', ['Alex', 'Sam', 'Zoë']);
    await checkIn(s, ['Alex', 'Sam']);
  });

  it('shows no serious or critical accessibility finding on any screen, in each theme', async () => {
    const findings = [];
    for (const theme of ['light', 'dark', 'contrast']) {
      await choose(s, 'theme', theme);
      assert.equal(await s.run('return document.documentElement.dataset.theme'), theme);
      await everyScreen(s, async (screen) => {
        for (const f of await audit(s)) findings.push(`${theme} · ${screen} · ${f}`);
        await s.screenshot(`${OUT}/${theme}-${screen}.png`);
      });
    }
    await choose(s, 'theme', 'system');
    assert.deepEqual(findings, []);
  });

  it('speaks Spanish everywhere once the chair chooses it, the room display included', async () => {
    await choose(s, 'language', 'es');
    assert.equal(await s.run('return document.documentElement.lang'), 'es');
    // Words that appear in almost any English sentence and in no Spanish one: on a screen in
    // Spanish, one of them is text that bypassed the catalogue (the names here are Spanish-proof).
    const english = /\b(the|and|with|your|this|from|when|have|will|what|here|there|meeting|share|time)\b/i;
    const left = [];
    await everyScreen(s, async (screen) => {
      const text = await s.run('return document.body.innerText');
      for (const line of text.split('\n')) if (english.test(line)) left.push(`${screen}: ${line.trim()}`);
      for (const f of await audit(s)) left.push(`${screen} · ${f}`);
      await s.screenshot(`${OUT}/es-${screen}.png`);
    });
    assert.deepEqual(left, []);
    await choose(s, 'language', 'en');
    assert.equal(await s.run('return document.documentElement.lang'), 'en');
  });

  it('fits 1280×800 at the largest text size, with no control cut off', async () => {
    await s.cmd('POST', '/window/rect', { x: 0, y: 0, width: 1280, height: 800 });
    await s.click('#show-preferences');
    await s.waitFor('#text-larger');
    for (let i = 0; i < 6; i++) {
      if (await s.run(`return document.querySelector('#text-larger').disabled`)) break;
      await s.click('#text-larger');
    }
    assert.ok(await s.run(`return document.querySelector('#text-larger').disabled`), 'the largest size is reached');
    await s.click('#hide-preferences');
    const problems = [];
    await everyScreen(s, async (screen) => {
      const found = await s.run(`
        const out = [];
        if (document.documentElement.scrollWidth > innerWidth + 1)
          out.push('scrolls sideways by ' + (document.documentElement.scrollWidth - innerWidth) + ' px');
        for (const el of document.querySelectorAll('button, select, input, a[href]')) {
          const r = el.getBoundingClientRect();
          if (r.width === 0 || getComputedStyle(el).visibility === 'hidden') continue;
          if (r.right > innerWidth + 1 || r.left < -1) out.push((el.id || el.textContent.trim().slice(0, 30)) + ' is off the side');
          if (el.scrollWidth > el.clientWidth + 2 && el.tagName === 'BUTTON') out.push((el.id || el.textContent.trim().slice(0, 30)) + ' has its words cut off');
        }
        return out;`);
      for (const p of found) problems.push(`${screen}: ${p}`);
      await s.screenshot(`${OUT}/largest-${screen}.png`);
    });
    assert.deepEqual(problems, []);
  });
});
