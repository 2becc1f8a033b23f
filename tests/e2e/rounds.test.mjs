// A whole round of twelve, keyboard only, in the real app: passes, a skip, two late arrivals,
// then open sharing by raised hands where those who have not shared go first.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { KEY, Session, checkIn, killApp, laptop, openMeeting, speakingOrder, untilFirstTurn } from './webdriver.mjs';

const app = laptop({ before, after });

const CIRCLE = ['Ava', 'Ben', 'Cal', 'Dot', 'Eli', 'Fay', 'Gus', 'Hal', 'Ivy', 'Jon', 'Kit', 'Lu'];

test('a chair runs a round of twelve and then open sharing, keyboard only', async () => {
  let s = await Session.start();
  try {
    await openMeeting(s, 'Saturday Circle', CIRCLE);
    await s.click('#filter');
    await checkIn(s, CIRCLE);

    // Start the circle at the proposed seat (no history: the first seat), then go round.
    await s.press(KEY.Alt, 'i');
    await untilFirstTurn(s, (r) => r === 'Up now Ava next in the circle', 'Ava up');
    await s.press(KEY.Alt, 'n');
    await untilFirstTurn(s, (r) => r.startsWith('Sharing Ava'), 'Ava sharing');
    await s.waitFor('#speaker-now', (t) => t === 'Ava');

    const turns = ['Ava'];
    const next = async (name) => {
      await s.press(KEY.Alt, 'n');
      await untilFirstTurn(s, (r) => r.startsWith(`Sharing ${name}`), `${name} sharing`);
      turns.push(name);
    };
    await next('Ben');
    await next('Cal');
    // Dot's turn starts and she passes: her share is taken back and a pass is kept instead.
    // Then Eli asks to be come back to.
    await s.press(KEY.Alt, 'n');
    await untilFirstTurn(s, (r) => r.startsWith('Sharing Dot'), 'Dot sharing');
    await s.press(KEY.Alt, 'x');
    await untilFirstTurn(s, (r) => r.startsWith('Up now Eli'), 'Eli up');
    await s.press(KEY.Alt, 'k');
    await untilFirstTurn(s, (r) => r.startsWith('Up now Fay'), 'Fay up');

    // Two late arrivals, checked in from the keyboard: seated at the end of the circle.
    for (const name of ['Mo', 'Ned']) {
      await s.press(KEY.Alt, 'f');
      await s.type('#filter', name);
      await s.press(KEY.Enter);
    }
    await s.waitFor('#count-headcount', (t) => t === '14');

    await s.press(KEY.Alt, 'n');
    await untilFirstTurn(s, (r) => r.startsWith('Sharing Fay'), 'Fay sharing');
    turns.push('Fay');

    // The laptop dies mid-round; after a restart the same round resumes at the same speaker.
    killApp();
    await s.end().catch(() => {});
    await app.restart();
    s = await Session.start();
    await s.waitFor('#history', (t) => t.includes('Robin'));
    await s.click('#history button');
    await untilFirstTurn(s, (r) => r.startsWith('Sharing Fay'), 'Fay still sharing after the restart');
    await s.waitFor('#speaker-now', (t) => t === 'Fay');

    for (const name of ['Gus', 'Hal', 'Ivy', 'Jon', 'Kit', 'Lu']) await next(name);
    const lateRows = await speakingOrder(s);
    assert.match(lateRows[1], /^Next Mo came in late/);
    await next('Mo');
    await next('Ned');
    const last = await speakingOrder(s);
    assert.match(last[1], /^Next Eli asked to come back to/);
    await next('Eli');
    await s.press(KEY.Alt, 'n');
    await s.waitFor('#start-circle');
    assert.equal(turns.length, 13);

    const summary = await s.run(`return document.querySelector('#summary').textContent.replace(/\\s+/g, ' ')`);
    assert.match(summary, /Shared 13 Passed 1/);

    // Open sharing: Dot (who passed, so has not shared) raises her hand after Ava; she goes first.
    await s.press(KEY.Alt, 'o');
    await s.waitFor('#hand');
    for (const name of ['Ava', 'Dot']) {
      await s.press(KEY.Alt, 'h');
      await s.type('#hand', name);
      await s.press(KEY.Enter);
    }
    const hands = await untilFirstTurn(s, (r) => r.startsWith('Up now Dot'), 'Dot first');
    assert.deepEqual(
      hands.map((r) => r.replace(/ Lower$/, '')),
      ['Up now Dot has not shared yet', 'Next Ava hand raised'],
    );
    await s.press(KEY.Alt, 'n');
    await untilFirstTurn(s, (r) => r.startsWith('Sharing Dot'), 'Dot sharing');
    await s.press(KEY.Alt, 'n');
    await untilFirstTurn(s, (r) => r.startsWith('Sharing Ava'), 'Ava sharing');
    await s.press(KEY.Alt, 'e');
    await s.waitFor('#start-circle');
    const after = await s.run(`return document.querySelector('#summary').textContent.replace(/\\s+/g, ' ')`);
    assert.match(after, /Shared 14 Passed 1/);
  } finally {
    await s.end();
  }
});
