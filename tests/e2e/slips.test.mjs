// Attendance slips and the resources card in the real app window: the chair keeps the group's
// crisis lines (a member's name is refused), issues two slips at tonight's meeting and sees them
// counted, shows the crisis lines on their key, and verifies a serial from the group page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { KEY, Session, laptop } from './webdriver.mjs';

const SHOTS = process.env.CIRCLEKEEPER_SHOTS ?? 'artifacts';

laptop({ before, after });

test('a chair issues two slips, sees them counted, shows the crisis lines and verifies a serial', async () => {
  const s = await Session.start();
  try {
    await s.type('#group-name', 'Tuesday Night Hope');
    await s.click('#create-group');
    await s.waitFor('#group-title', (t) => t === 'Tuesday Night Hope');
    await s.type('#roster-name', 'Sam');
    await s.click('#roster-add');
    await s.waitFor('ul[aria-label="People on the roster"]', (t) => t.includes('Sam'));

    // The resources card: a member is refused, organisations are kept.
    await s.type('#resource-name', 'Sam');
    await s.type('#resource-contact', '07700 900123');
    await s.click('#resource-save');
    assert.match(await s.text('[role="alert"]'), /is a person on this group's roster/);
    await s.clear('#resource-name');
    await s.clear('#resource-contact');
    for (const [name, contact, note] of [
      ['Samaritans', '116 123', '24 h'],
      ['Shout', 'Text SHOUT to 85258', 'text only'],
    ]) {
      await s.type('#resource-name', name);
      await s.type('#resource-contact', contact);
      await s.type('#resource-note', note);
      await s.click('#resource-save');
      await s.waitFor('ul[aria-label="Entries on the resources card"]', (t) => t.includes(name));
    }

    await s.type('#chair-name', 'Robin');
    await s.click('#open-meeting');
    await s.waitFor('#meeting-title', (t) => t === 'Tuesday Night Hope');
    await s.waitFor('#slips-issued', (t) => t.includes('No slips issued'));

    const serials = [];
    for (let i = 0; i < 2; i++) {
      await s.click('#issue-slip');
      await s.waitFor('#printout-title', (t) => t.startsWith('Attendance slip '));
      const printed = await s.text('article[aria-label="Attendance slip"]');
      assert.match(printed, /Tuesday Night Hope/);
      assert.match(printed, /Name \(written by the attendee\)/);
      assert.match(printed, /Chair's initials/);
      const serial = await s.text('article[aria-label="Attendance slip"] .serial');
      assert.match(serial, /^\d{4}-\d{4}-[0-9A-Z]{2}$/);
      serials.push(serial);
      if (i === 0) await s.screenshot(`${SHOTS}/slip-1280x800.png`);
      await s.click('#printout-close');
      await s.waitUntil(
        () => s.run("return document.querySelectorAll('.printout-layer').length + document.documentElement.className"),
        { when: (left) => left === '0', message: 'the printout of the slip to close' },
      );
    }
    assert.notEqual(serials[0], serials[1]);
    await s.waitFor('#slips-issued', (t) => t.includes('2 slips issued'));
    await s.screenshot(`${SHOTS}/after-slips-1280x800.png`);

    // Someone in the room needs help: one key shows the card large; Escape closes it.
    await s.press(KEY.Alt, 'l');
    const shown = await s.waitFor('#resources-shown', (t) => t.includes('Samaritans'));
    const text = await s.cmd('GET', `/element/${shown}/text`);
    for (const words of ['If you need help now', '116 123', '24 h', 'Text SHOUT to 85258', 'text only']) {
      assert.ok(text.includes(words), `${words} in ${text}`);
    }
    await s.screenshot(`${SHOTS}/resources-1280x800.png`);
    await s.press(KEY.Escape);
    await s.waitUntil(async () => (await s.findAll('#resources-shown')).length === 0, {
      message: 'the resources card to close',
    });

    // Back on the group page, the second serial is verified; garbage gets a plain answer.
    await s.click('#back-to-group');
    await s.waitFor('#group-title');
    await s.type('#verify-serial', serials[1].toLowerCase());
    await s.click('#verify-slip');
    const verdict = await s.waitFor('#verify-result', (t) => t.includes(serials[1]));
    const said = await s.cmd('GET', `/element/${verdict}/text`);
    assert.match(said, new RegExp(`Serial ${serials[1]} was issued at Tuesday Night Hope on .+, 19:00–20:00\\.`));
    await s.run("document.getElementById('verify-result').scrollIntoView({ block: 'center' })");
    await s.screenshot(`${SHOTS}/verify-1280x800.png`);
    await s.clear('#verify-serial');
    await s.type('#verify-serial', '<b>2026</b>');
    await s.click('#verify-slip');
    assert.match(await s.text('[role="alert"]'), /not a slip's serial/);
  } finally {
    await s.end();
  }
});
