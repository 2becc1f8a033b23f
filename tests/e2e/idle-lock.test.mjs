// The idle lock in the real app: left alone with a share running in the meeting on screen, the app
// waits and says why; left alone anywhere else, it locks by itself, and the room display keeps
// timing the share with no name on it.
//
// The idle time here is seconds, not minutes: a debug build reads CIRCLEKEEPER_IDLE_LOCK_SECONDS
// in place of the chair's choice (src-tauri/src/idle.rs; a release build ignores it), so this story
// watches the real deadline, kept and checked by the shell, run out.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import { KEY, Session, checkIn, laptop, openMeeting, openRoomDisplay, roomShows } from './webdriver.mjs';

// Read when the driver starts the app (in `before`), which hands its environment on.
process.env.CIRCLEKEEPER_IDLE_LOCK_SECONDS = '8';
laptop({ before, after });
const PASS = 'blue kettle on the stove';
const NAMES = ['Marguerite', 'Thaddeus'];

/** Long enough for the idle time to pass with nobody touching anything, and the ticker to notice. */
const IDLE_AND_MORE = { timeout: 25_000, every: 250 };

test('left alone, the app waits for the share on screen, then locks by itself and the room sees no name', async () => {
  const s = await Session.start({ passphrase: PASS });
  try {
    await openMeeting(s, 'Quiet Harbour', NAMES);
    await checkIn(s, NAMES);
    await s.click('#speaker option:nth-child(2)');
    await s.press(KEY.Alt, 's');
    await s.waitFor('#speaker-now', (t) => t === 'Marguerite');
    const { main, room } = await openRoomDisplay(s);
    await s.switchTo(room);
    await s.waitUntil(() => roomShows(s), { when: (r) => r.speaker === 'Marguerite', message: 'her name in the room' });
    await s.switchTo(main);

    // Nobody touches the laptop while Marguerite shares: the app stays open and says why.
    await s.waitUntil(() => s.run(`return document.querySelector('#lock-postponed')?.textContent ?? null`), {
      ...IDLE_AND_MORE,
      when: (t) => t === 'Locks when this share ends — a share is running.',
      message: 'the line saying the lock waits for the share',
    });
    assert.equal(await s.text('#speaker-now'), 'Marguerite', 'still open, the share still timed');

    // The chair goes back to the group's page and walks away; the share runs on, off screen.
    await s.press(KEY.Alt, 'g');
    await s.waitFor('#group-title', (t) => t === 'Quiet Harbour');
    await s.waitUntil(() => s.run(`return document.querySelector('main h1')?.id ?? null`), {
      ...IDLE_AND_MORE,
      when: (id) => id === 'lock-title',
      message: 'the app to lock by itself',
    });
    const shown = await s.run('return document.body.innerText');
    for (const word of [...NAMES, 'Quiet Harbour', 'Robin']) assert.ok(!shown.includes(word), `${word} is hidden`);

    // The room display keeps the time and shows no name.
    await s.switchTo(room);
    const first = await s.waitUntil(() => roomShows(s), {
      when: (r) => r.clock && !r.speaker && !r.next,
      message: 'the room display timing the share with no name',
    });
    for (const word of NAMES) assert.ok(!first.text.includes(word), `${word} is not on the room display`);
    const clock = () => s.run(`return document.querySelector('#room-clock').textContent`);
    const before = await clock();
    await sleep(2200);
    assert.notEqual(await clock(), before, 'the room clock ticks on while the app is locked');

    // The passphrase brings everything back, her name on the room display included.
    await s.switchTo(main);
    await s.type('#unlock-pass', PASS);
    await s.click('#unlock');
    await s.waitFor('#group-title', (t) => t === 'Quiet Harbour');
    await s.switchTo(room);
    await s.waitUntil(() => roomShows(s), { when: (r) => r.speaker === 'Marguerite', message: 'her name back' });
  } finally {
    await s.end();
  }
});
