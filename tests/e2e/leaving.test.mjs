// Someone walks out in the middle of their share. The chair marks them as having left (and, for
// the next speaker, undoes a check-in made by mistake) and touches nothing else: the share panel,
// the speaking order and the room display all move on by themselves, in both windows.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  KEY,
  Session,
  checkIn,
  laptop,
  openMeeting,
  openRoomDisplay,
  roomShows,
  untilFirstTurn,
} from './webdriver.mjs';

laptop({ before, after });

const CIRCLE = ['Ava', 'Ben', 'Cal'];

/** The share panel as the chair reads it: who is sharing (or that no one is), its stop button, the shares so far. */
const sharePanel = (s) =>
  s.run(`return {
    speaker: document.querySelector('.share .speaker')?.textContent ?? null,
    stop: document.querySelector('#stop-share') !== null,
    count: document.querySelector('.share .planned')?.textContent.replace(/\\s+/g, ' ').trim() ?? null,
  }`);

/**
 * Checks the three surfaces after `name` stopped being here mid-share, with nothing else done:
 * their share ended and kept in the chair's window (`sharesSoFar`), `next` up now in the speaking
 * order, and a room display that no longer shows `name`.
 */
async function movedOn(s, { main, room }, { name, next, sharesSoFar }) {
  await s.waitUntil(() => sharePanel(s), {
    when: (p) => p.speaker === 'No one is sharing' && !p.stop && p.count === `${sharesSoFar} so far`,
    message: `the share panel to show ${name}'s share ended, ${sharesSoFar} so far`,
  });
  const rows = await untilFirstTurn(s, (r) => r.startsWith(`Up now ${next}`), `${next} up now`);
  assert.ok(!rows.some((r) => r.includes(name)), `${name} is gone from the speaking order: ${JSON.stringify(rows)}`);

  await s.switchTo(room);
  const shown = await s.waitUntil(() => roomShows(s), {
    when: (r) => !r.clock && !r.text.includes(name),
    message: `the room display to stop showing ${name}`,
  });
  assert.equal(shown.speaker, null, 'the room rests between shares');
  await s.switchTo(main);
}

/** Starts the turn of whoever is up now and checks both windows show it. */
async function nextShare(s, { main, room }, name, then) {
  await s.press(KEY.Alt, 'n');
  await untilFirstTurn(s, (r) => r.startsWith(`Sharing ${name}`), `${name} sharing`);
  await s.waitFor('#speaker-now', (t) => t === name);
  await s.switchTo(room);
  await s.waitUntil(() => roomShows(s), {
    when: (r) => r.speaker === name && r.next === (then ? `Next: ${then}` : ''),
    message: `${name} on the room display${then ? `, then ${then}` : ''}`,
  });
  await s.switchTo(main);
}

test('a speaker who leaves mid-share, or whose check-in is undone, hands on the turn with nothing else pressed', async () => {
  const s = await Session.start();
  try {
    await openMeeting(s, 'Friday Open Door', CIRCLE);
    await checkIn(s, CIRCLE);
    // A new group shows the speaker's first name on the room display (the chair may turn it off).
    const windows = await openRoomDisplay(s);
    await s.press(KEY.Alt, 'i');
    await untilFirstTurn(s, (r) => r === 'Up now Ava next in the circle', 'Ava up');
    await nextShare(s, windows, 'Ava', 'Ben');

    // Ava gets up and goes; the chair marks her as having left, and does nothing more.
    await s.click('button[aria-label="Mark as left: Ava"]');
    await movedOn(s, windows, { name: 'Ava', next: 'Ben', sharesSoFar: '1 share' });
    assert.deepEqual(await s.texts('#attendees li.left .attendee-name'), ['Ava']);

    // Ben's turn. His check-in was a mistake (he was only dropping off the key): the chair undoes it.
    await nextShare(s, windows, 'Ben', 'Cal');
    await s.click('button[aria-label="Undo check-in: Ben"]');
    await movedOn(s, windows, { name: 'Ben', next: 'Cal', sharesSoFar: '2 shares' });
    assert.deepEqual(await s.texts('#attendees .attendee-name'), ['Ava', 'Cal']);

    // The round goes on with whoever is still here.
    await nextShare(s, windows, 'Cal', null);
  } finally {
    await s.end();
  }
});
