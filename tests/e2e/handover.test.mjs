// Two chairs on two laptops (two copies of the app, each with its own data folder) pass the
// group between them in handover bundles, and end with the same history and one open item.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, test } from 'node:test';

import { KEY, Session, freshHome, laptop, openMeeting } from './webdriver.mjs';

const app = laptop({ before, after });
const PASS = 'kettle on the third shelf';
const GROUP = 'Thursday Hope';

/** The USB stick both chairs use: a folder of its own. */
const stick = freshHome();

async function exportBundle(s) {
  await s.type('#bundle-pass', PASS);
  await s.type('#bundle-pass2', PASS);
  await s.clear('#bundle-folder');
  await s.type('#bundle-folder', stick);
  await s.click('#bundle-export');
  await s.waitFor('#bundle-saved', (t) => t.includes(stick));
  const path = await s.text('#bundle-saved code');
  assert.ok(existsSync(path), `the bundle was written: ${path}`);
  return path;
}

async function importBundle(s, path, passphrase = PASS) {
  await s.clear('#import-path');
  await s.type('#import-path', path);
  await s.clear('#import-pass');
  await s.type('#import-pass', passphrase);
  await s.click('#bundle-import');
}

const history = (s) => s.texts('#history tbody tr');

test('chair A hands over to chair B on another laptop, and B hands back', async () => {
  const homeA = app.home;
  const homeB = freshHome();

  // Laptop A: Robin chairs, leaves notes and two action items, closes, exports.
  let s = await Session.start();
  await openMeeting(s, GROUP, ['Sam', 'Alex']);
  for (const name of ['Sam', 'Alex']) {
    await s.type('#filter', name);
    await s.press(KEY.Enter);
  }
  await s.waitFor('#count-headcount', (t) => t === '2');
  await s.type('#report-notes', `Key is with the caretaker.${KEY.Enter}- Read the business meeting announcement`);
  await s.click('#save-report');
  await s.waitFor('.report [role="status"]', (t) => t === 'Saved.');
  for (const text of ['Announce the business meeting on the 14th', 'Buy 30-day keytags']) {
    await s.type('#item-text', text);
    await s.click('#item-add');
    await s.waitFor('.report .items', (t) => t.includes(text));
  }
  await s.press(KEY.Alt, 'c');
  await s.waitFor('#meeting-status', (t) => t === 'Closed');
  await s.waitFor('#report-headcount', (t) => t === '2');
  await s.press(KEY.Alt, 'g');
  await s.waitFor('#group-title', (t) => t === GROUP);
  const first = await exportBundle(s);
  await s.end();

  // Laptop B: a fresh app. Casey imports, reads the handover, finishes one item, runs the next meeting.
  await app.restart(homeB);
  s = await Session.start();
  await s.waitFor('#groups-title');
  await importBundle(s, first);
  await s.waitFor('#handover-title', (t) => t === `Handover for ${GROUP}`);
  await s.waitFor('#handover-notes', (t) => t.includes('Key is with the caretaker.'));
  assert.equal((await s.texts('#handover-notes li')).join(), 'Read the business meeting announcement');
  assert.equal((await s.texts('#open-items li')).length, 2);
  await s.type('#ack-name', 'Casey');
  await s.click('#acknowledge');
  await s.waitFor('#acknowledged', (t) => t.startsWith('Read by Casey'));
  await s.click('button[aria-label="Done: Buy 30-day keytags"]');
  await s.waitFor('#open-items', (t) => !t.includes('Buy 30-day keytags'));
  await s.click('#handover-continue');
  await s.waitFor('#group-title', (t) => t === GROUP);
  await s.type('#chair-name', 'Casey');
  await s.click('#another-today'); // the same day in this story
  await s.click('#open-meeting');
  await s.waitFor('#meeting-title', (t) => t === GROUP);
  await s.type('#filter', 'Sam');
  await s.press(KEY.Enter);
  await s.waitFor('#count-headcount', (t) => t === '1');
  await s.press(KEY.Alt, 'c');
  await s.waitFor('#meeting-status', (t) => t === 'Closed');
  await s.press(KEY.Alt, 'g');
  await s.waitFor('#open-item-count', (t) => t === '1');
  const seenByB = await history(s);
  assert.equal(seenByB.length, 2);
  const back = await exportBundle(s);
  assert.notEqual(back, first, 'an earlier bundle is never overwritten');
  await s.end();

  // Laptop A again: Robin imports Casey's bundle into the group.
  await app.restart(homeA);
  s = await Session.start();
  // Robin's own report is still unacknowledged on this laptop, so the handover page comes first.
  await s.waitFor('#handover-title', (t) => t === `Handover for ${GROUP}`);
  await s.click('#handover-continue');
  await s.waitFor('#group-title', (t) => t === GROUP);
  await importBundle(s, back);
  await s.waitFor('#import-done', (t) => t.startsWith(`Imported “${GROUP}”`));
  await s.waitFor('#open-item-count', (t) => t === '1');
  assert.deepEqual(await history(s), seenByB, 'both laptops show the same history');

  // Importing the same bundle again changes nothing.
  await importBundle(s, back);
  await s.waitFor('#import-done', (t) => t.includes('0 new records, 0 updated'));

  // A wrong passphrase is refused in plain words.
  await importBundle(s, back, 'not the passphrase');
  await s.waitFor('[role="alert"]', (t) => t.includes('passphrase does not open this bundle'));
  await s.end();
});
