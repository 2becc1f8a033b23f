// The share timer in the real app: a chair times a share with every control, shows it to the
// room, and the laptop is killed mid-share without losing a second.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import { KEY, Session, killApp, laptop, openMeeting, openRoomDisplay, roomShows } from './webdriver.mjs';

const SHOTS = process.env.CIRCLEKEEPER_SHOTS ?? 'artifacts';
const app = laptop({ before, after });

/** "3:59" → 239, "+0:05" → -5 (seconds, negative in overtime). */
function seconds(text) {
  const m = /^(\+?)(\d+):(\d\d)$/.exec(text.trim());
  assert.ok(m, `digits look like a clock: ${JSON.stringify(text)}`);
  const s = Number(m[2]) * 60 + Number(m[3]);
  return m[1] ? -s : s;
}

/** The running share's remaining time right now, from Rust's last snapshot on the page. */
async function remainingNow(s) {
  return s.run(`
    const c = document.querySelector('.clock');
    return Number(c.dataset.remainingMs) - (c.dataset.paused === 'true' ? 0 : Date.now() - Number(c.dataset.atMs));
  `);
}

test('a chair times a share, shows it to the room, and a crash loses nothing', async () => {
  let s = await Session.start();
  let startedBy;
  try {
    await openMeeting(s, 'Thursday Circle', ['Sam']);
    await s.type('#filter', 'Sam');
    await s.press(KEY.Enter);
    await s.waitFor('#count-headcount', (t) => t === '1');

    // This meeting runs short shares: 20 seconds, wrap-up cue at 10 seconds left.
    await s.click('details summary');
    await s.clear('#share-length');
    await s.type('#share-length', '0:20');
    await s.clear('#warn-at');
    await s.type('#warn-at', '0:10');
    await s.click('#save-meeting-length');
    await s.waitFor('#share-clock', (t) => t === '0:20');

    await s.click('#speaker option:nth-child(2)');
    await s.press(KEY.Alt, 's');
    await s.waitFor('#speaker-now', (t) => t === 'Sam');
    assert.ok(seconds(await s.text('#share-clock')) <= 20);

    // The room display: its own window, big digits, the first name, and nothing else.
    const { main, room } = await openRoomDisplay(s);
    await s.switchTo(room);
    await s.waitUntil(() => roomShows(s), { when: (r) => r.speaker === 'Sam', message: 'Sam on the room display' });
    const share = await s.run(`
      const d = document.querySelector('#room-clock').getBoundingClientRect();
      return { digits: d.height, window: innerHeight, text: document.body.textContent };
    `);
    assert.ok(share.digits >= share.window / 3, `digits are ${share.digits}px of a ${share.window}px window`);
    assert.doesNotMatch(
      share.text,
      /Robin|Check in|Here now|Headcount/,
      'the room sees only the clock and the speaker',
    );
    await s.screenshot(`${SHOTS}/room-display.png`);
    // Its capability lets it listen and nothing else: a command from it is refused by the shell.
    const refused = await s.runAsync(`
      window.__TAURI_INTERNALS__.invoke('stop_share', { shareId: 'x' }).then(() => done('allowed'), (e) => done(String(e)));
    `);
    assert.match(refused, /not allowed/i);
    await s.switchTo(main);
    // Pause for a disturbance: the clock stands still.
    await s.press(KEY.Alt, 'p');
    await s.waitFor('#pause-share', (t) => t.startsWith('Resume'));
    const held = await s.text('#share-clock');
    await sleep(1500);
    assert.equal(await s.text('#share-clock'), held);
    await s.press(KEY.Alt, 'p');
    await s.waitFor('#pause-share', (t) => t.startsWith('Pause'));

    // +30 s and -30 s.
    const before = seconds(await s.text('#share-clock'));
    await s.press(KEY.Alt, KEY.ArrowUp);
    await s.waitFor('#share-clock', (t) => seconds(t) >= before + 28);
    await s.press(KEY.Alt, KEY.ArrowDown);
    await s.waitFor('#share-clock', (t) => seconds(t) <= before);

    // The wrap-up cue, then time: colour changes and the chimes that Rust's cues trigger.
    await s.waitFor('.share[data-last-cue="wrapUp"]', () => true, 25_000);
    assert.equal(await s.attr('#share-clock', 'class').then((c) => c.includes('wrapUp')), true);
    await s.waitFor('.share[data-last-cue="overtime"]', () => true, 15_000);
    await s.waitFor('#share-clock', (t) => t.startsWith('+'));
    // The time chime really decoded through WebKitGTK and GStreamer (2.2 s long).
    const chime = await s
      .waitFor('.share[data-chime-seconds]', () => true, 5_000)
      .then(() => s.attr('.share', 'data-chime-seconds'));
    assert.ok(Math.abs(Number(chime) - 2.2) < 0.05, `the chime decoded: ${chime}`);
    await s.screenshot(`${SHOTS}/share-overtime-1280x800.png`);

    // Stop, undo the stop, stop again: one share on the record.
    await s.press(KEY.Alt, 's');
    await s.waitFor('#undo-stop');
    await s.press(KEY.Alt, 'u');
    await s.waitFor('#stop-share');
    await s.press(KEY.Alt, 's');
    await s.waitFor('.planned', (t) => t.startsWith('1 share so far'));

    // Back to the group's four minutes, and a share that is running when the power goes.
    await s.clear('#share-length');
    await s.type('#share-length', '4:00');
    await s.clear('#warn-at');
    await s.type('#warn-at', '1:00');
    await s.click('#save-group-length');
    await s.waitFor('#share-clock', (t) => t === '4:00');
    await s.press(KEY.Alt, 's');
    await s.waitFor('#stop-share');
    startedBy = Date.now();
    await sleep(3000);
  } finally {
    assert.ok(killApp() >= 1, 'the app was running');
    await s.end().catch(() => {});
  }

  await app.stop();
  await sleep(2000); // the laptop is off for a moment; the share goes on in the room
  await app.start(app.home);
  s = await Session.start();
  try {
    await s.waitFor('#group-title', (t) => t === 'Thursday Circle');
    await s.type('#chair-name', 'Robin');
    await s.click('#open-meeting');
    await s.waitFor('#stop-share');
    const left = await remainingNow(s);
    const expected = 240_000 - (Date.now() - startedBy);
    const error = Math.abs(left - expected);
    console.log(`# kill-and-resume: remaining ${left} ms, expected ${expected} ms, error ${error} ms`);
    assert.ok(error < 1000, `resumed with an error of ${error} ms`);
    await s.press(KEY.Alt, 's');
    await s.waitFor('.planned', (t) => t.startsWith('2 shares so far'));
  } finally {
    await s.end();
  }
});
