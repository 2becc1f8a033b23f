// A chair's first evening with Circlekeeper, in the real app window: create the group,
// open the meeting, take attendance, close the laptop, and find it all again.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';

import { KEY, Session, freshHome, laptop } from './webdriver.mjs';

const MARKUP = '<img src=x onerror=alert(1)>';
const SHOTS = process.env.CIRCLEKEEPER_SHOTS ?? 'artifacts';
mkdirSync(SHOTS, { recursive: true });

const app = laptop({ before, after });

test('a chair takes attendance and finds it unchanged after a restart', async () => {
  let s = await Session.start();
  try {
    await s.type('#group-name', 'Tuesday Night Hope');
    await s.type('#group-fellowship', 'NA');
    await s.click('#create-group');
    await s.waitFor('#group-title', (t) => t === 'Tuesday Night Hope');

    // Two regulars on the roster, one of them with a name that looks like markup.
    for (const name of ['Alex', MARKUP]) {
      await s.type('#roster-name', name);
      await s.click('#roster-add');
      await s.waitFor('ul[aria-label="People on the roster"]', (t) => t.includes(name));
    }

    await s.type('#chair-name', 'Robin');
    await s.click('#open-meeting');
    await s.waitFor('#meeting-title', (t) => t === 'Tuesday Night Hope');
    await s.waitFor('#chair', (t) => t === 'Robin');

    // Type-to-filter and Enter checks in the highlighted roster entry.
    await s.type('#filter', 'al');
    await s.press(KEY.Enter);
    await s.waitFor('#count-headcount', (t) => t === '1');

    await s.type('#filter', '<img');
    await s.waitFor('#roster-list', (t) => t.includes(MARKUP));
    await s.press(KEY.Enter);
    await s.waitFor('#count-headcount', (t) => t === '2');

    // A walk-in with a name joins the roster; an anonymous one only counts.
    await s.type('#filter', 'Jo');
    await s.press(KEY.Enter);
    await s.waitFor('#count-headcount', (t) => t === '3');
    await s.press(KEY.Alt, 'w');
    await s.waitFor('#count-headcount', (t) => t === '4');
    assert.equal(await s.text('#count-visitors'), '1');

    // Undo the last check-in (the anonymous walk-in) from the keyboard, then Jo's by button.
    await s.press(KEY.Alt, 'z');
    await s.waitFor('#count-headcount', (t) => t === '3');
    await s.click('button[aria-label="Undo check-in: Jo"]');
    await s.waitFor('#count-headcount', (t) => t === '2');

    const names = await s.texts('#attendees .attendee-name');
    assert.deepEqual(names, ['Alex', MARKUP]);
    assert.equal(await s.run('return document.querySelectorAll("#attendees img").length'), 0);
    assert.equal(await s.run('return document.title'), 'Circlekeeper');
    assert.equal(await s.text('#count-newcomers'), '2');
    await s.screenshot(`${SHOTS}/attendance-1280x800.png`);

    // Bad input: an empty-looking name is refused with a clear message, and nothing changes.
    await s.type('#filter', 'x'.repeat(120));
    await s.press(KEY.Enter);
    const notice = await s.text('[role="alert"]');
    assert.match(notice, /keep it to 80 or fewer/);
    assert.equal(await s.text('#count-headcount'), '2');
  } finally {
    await s.end();
  }

  await app.restart();

  s = await Session.start();
  try {
    // The app remembers the group; opening today's meeting finds the same one.
    await s.waitFor('#group-title', (t) => t === 'Tuesday Night Hope');
    await s.waitFor('#history', (t) => t.includes('Robin'));
    await s.type('#chair-name', 'Robin');
    await s.click('#open-meeting');
    await s.waitFor('#count-headcount', (t) => t === '2');
    assert.deepEqual(await s.texts('#attendees .attendee-name'), ['Alex', MARKUP]);
    assert.equal(await s.text('#count-newcomers'), '2');
    assert.equal(await s.text('#meeting-status'), 'Open');

    await s.press(KEY.Alt, 'c');
    await s.waitFor('#meeting-status', (t) => t === 'Closed');
  } finally {
    await s.end();
  }
});

test('a data file that is not a database is refused with a clear message and left untouched', async () => {
  const broken = freshHome();
  const file = join(broken, 'data', 'circlekeeper.sqlite3');
  mkdirSync(dirname(file), { recursive: true });
  const garbage = Buffer.from('These are not the minutes you are looking for.\n'.repeat(200));
  writeFileSync(file, garbage);
  await app.restart(broken);
  const s = await Session.start();
  try {
    const alert = await s.text('[role="alert"]');
    assert.match(alert, /cannot open its data/);
    assert.match(alert, /could not be read as a Circlekeeper database/);
    assert.ok(readFileSync(file).equals(garbage), 'the file on disk is unchanged');
  } finally {
    await s.end();
  }
});
