// A first-time chair runs a whole meeting from a template, keyboard first: the group's own words
// for the readings, a reader, the sharing round, and planned against actual at the end.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { KEY, Session, checkIn, laptop } from './webdriver.mjs';

laptop({ before, after });

const WORDS = 'Welcome. These are our own words, written by this group.';

test('a first-time chair runs a whole meeting from a template', async () => {
  const s = await Session.start();
  try {
    await s.type('#group-name', 'Wednesday Peer Circle');
    await s.click('#create-group');
    await s.waitFor('#group-title', (t) => t === 'Wednesday Peer Circle');

    // The 60-minute 12-step template, with the group's own words for the readings.
    await s.click('#use-template');
    await s.waitFor('#save-format');
    const readings = await s.run(
      `return [...document.querySelectorAll('.segments li')].findIndex((li) => li.querySelector('input').value === 'Readings') + 1`,
    );
    assert.ok(readings > 0, 'the template has a Readings segment');
    await s.click(`.segments li:nth-child(${readings}) summary`);
    await s.type(`.segments li:nth-child(${readings}) textarea`, WORDS);
    await s.click('#save-format');
    await s.waitFor('[role="status"]', (t) => t.startsWith('Saved'));

    for (const name of ['Sam', 'Alex']) {
      await s.type('#roster-name', name);
      await s.click('#roster-add');
      await s.waitFor('ul[aria-label="People on the roster"]', (t) => t.includes(name));
    }
    // Sam chose to share a recovery date: 30 days fall in two days' time.
    const recovery = new Date(Date.now() - 28 * 86_400_000).toISOString().slice(0, 10);
    await s.click('#recovery-person option:nth-child(3)');
    await s.run(
      `const el = document.querySelector('#recovery-date'); el.value = arguments[0]; el.dispatchEvent(new Event('input', { bubbles: true }));`,
      recovery,
    );
    await s.click('#milestones-title ~ form button[type="submit"]');
    await s.waitFor('#milestones-title ~ ul', (t) => t.includes(`Sam: since ${recovery}`));

    await s.type('#chair-name', 'Robin');
    await s.click('#open-meeting');
    await s.waitFor('#runner-title');
    await checkIn(s, ['Sam', 'Alex']);

    // Start, and go segment by segment with Alt+→.
    await s.press(KEY.Alt, KEY.ArrowRight);
    await s.waitFor('#segment-title');
    const seen = [await s.text('#segment-title')];
    for (let i = 0; i < 20; i++) {
      const title = await s.text('#segment-title');
      if (title === 'Readings') {
        assert.equal(await s.run(`return document.querySelector('#script').textContent`), WORDS);
        await s.type('#reader', 'Sam'); // type-ahead in the focused list, as a chair would
        await s.waitUntil(() => s.run(`return document.querySelector('#reader').value`), {
          message: 'a reader to be chosen for the readings',
        });
      }
      if (title.startsWith('Milestones')) {
        await s.waitFor('#celebrating', (t) => t.includes('Sam · 30 days'));
        await s.type(`button[aria-label="Mark Sam's 30 days as celebrated"]`, ' '); // focus, then Space
        await s.waitFor('#celebrating', (t) => t.includes('Celebrated'));
      }
      if (title === 'Sharing') {
        // The speaking order runs inside the sharing segment: a round for the two here.
        await s.press(KEY.Alt, 'i');
        await s.waitFor('#next-speaker');
        await s.press(KEY.Alt, 'n');
        await s.press(KEY.Alt, 'n');
        await s.press(KEY.Alt, 'n');
        await s.waitFor('#start-circle');
      }
      const button = await s.text('#next-segment');
      await s.press(KEY.Alt, KEY.ArrowRight);
      if (button.startsWith('Finish')) break;
      await s.waitFor('#segment-title', (t) => t !== title);
      seen.push(await s.text('#segment-title'));
    }
    assert.ok(
      seen.includes('Readings') && seen.includes('Newcomer welcome') && seen.includes('Sharing'),
      seen.join(', '),
    );
    assert.ok(
      seen.some((t) => t.startsWith('Milestones')),
      seen.join(', '),
    );

    // Planned against actual: a row for every segment, each one run.
    await s.waitFor('#planned-actual');
    const rows = await s.run(
      `return [...document.querySelectorAll('#planned-actual tbody tr')].map((tr) => [...tr.children].map((td) => td.textContent.trim()))`,
    );
    assert.equal(rows.length, seen.length);
    assert.deepEqual(
      rows.map((r) => r[0]),
      seen,
    );
    assert.ok(rows.every((r) => r[2] !== 'not reached'));
    const summary = await s.run(`return document.querySelector('#summary').textContent.replace(/\\s+/g, ' ')`);
    assert.match(summary, /Shared 2 Passed 0/);
  } finally {
    await s.end();
  }
});
