// A chair protects the group's data with a passphrase: the app locks when left, a person can be
// forgotten, old names go by retention, and the file on disk shows none of the names typed.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';

import { APP, KEY, Session, laptop, openMeeting } from './webdriver.mjs';

const app = laptop({ before, after });
const PASS = 'blue kettle on the stove';
const NAMES = ['Marguerite', 'Thaddeus', 'Ottoline'];
const OLD_NAMES = ['Wilhelmina', 'Bartholomew', 'Clementine'];

/** Everything the window shows as text. */
const screenText = (s) => s.run('return document.body.innerText');

async function choose(s, css, label) {
  await s.waitFor(css);
  const ok = await s.run(
    `const el = document.querySelector(arguments[0]);
     const o = [...el.options].find((o) => o.textContent.trim() === arguments[1]);
     if (!o) return false;
     el.value = o.value; el.dispatchEvent(new Event('change', { bubbles: true })); return true;`,
    css,
    label,
  );
  assert.ok(ok, `${css} offers ${label}`);
}

test('protected data is locked when left, forgets on request and by retention, and shows no name on disk', async () => {
  let s = await Session.start({ passphrase: PASS });
  await openMeeting(s, 'Quiet Harbour', NAMES);
  for (const name of NAMES) {
    await s.type('#filter', name);
    await s.press(KEY.Enter);
  }
  await s.waitFor('#count-headcount', (t) => t === '3');

  // Ctrl+L locks: no name and no group on screen until the passphrase is given.
  await s.press(KEY.Control, 'l');
  await s.waitFor('#lock-title', (t) => t === 'Circlekeeper is locked');
  const locked = await screenText(s);
  for (const word of [...NAMES, 'Quiet Harbour', 'Robin']) assert.ok(!locked.includes(word), `${word} is hidden`);
  await s.type('#unlock-pass', 'not the passphrase');
  await s.click('#unlock');
  await s.waitFor('[role="alert"]', (t) => t.includes('passphrase does not open this data file'));
  await s.type('#unlock-pass', PASS);
  await s.click('#unlock');
  await s.waitFor('#meeting-title', (t) => t === 'Quiet Harbour');
  await s.waitFor('#count-headcount', (t) => t === '3');

  // Ottoline asks to be forgotten, after the meeting.
  await s.press(KEY.Alt, 'c');
  await s.waitFor('#meeting-status', (t) => t === 'Closed');
  await s.press(KEY.Alt, 'g');
  await s.waitFor('#group-title', (t) => t === 'Quiet Harbour');
  await choose(s, '#forget-person', 'Ottoline');
  await s.click('#forget-review');
  await s.waitFor('#forget-confirm', (t) => t.includes('cannot be undone'));
  await s.click('#forget-confirm-button');
  await s.waitFor('#forget-status', (t) => t.includes('forgotten'));
  await s.waitFor('ul[aria-label="People on the roster"]', (t) => !t.includes('Ottoline') && t.includes('Thaddeus'));
  assert.equal(await s.text('#history tbody tr td:nth-child(3)'), '3', 'the headcount stays');
  const elsewhere = await s.run(`document.getElementById('forget-status').remove(); return document.body.innerText`);
  assert.ok(!elsewhere.includes('Ottoline'), 'only the confirmation still says her name');

  // A group that has met for two years arrives from another laptop; names older than a year go.
  const bundle = join(app.home, 'harbour-lights.ckbundle');
  // Built by the test command next to the app: `cargo build -p circlekeeper-core --example old_group`.
  execFileSync(join(dirname(APP), 'examples', 'old_group'), [bundle, PASS]);
  await s.click('.brand');
  await s.type('#import-path', bundle);
  await s.type('#import-pass', PASS);
  await s.click('#bundle-import');
  await s.waitFor('#handover-title', (t) => t === 'Handover for Harbour Lights');
  await s.click('#handover-continue');
  await s.waitFor('#group-title', (t) => t === 'Harbour Lights');
  await choose(s, '#retention-months', '12 months');
  await s.waitFor('#retention-card', (t) => /Names would be removed from \d+ meetings/.test(t));
  await s.click('#retention-save');
  await s.waitFor('#retention-status', (t) => t.startsWith('Saved'));
  await s.end();

  // The next start: locked until the passphrase is given; then retention runs.
  await app.restart();
  s = await Session.start();
  await s.waitFor('#lock-title');
  await s.type('#unlock-pass', PASS);
  await s.click('#unlock');
  await s.waitFor('#handover-title', (t) => t === 'Handover for Harbour Lights');
  await s.click('#handover-continue');
  await s.waitFor('#group-title', (t) => t === 'Harbour Lights');
  // The history is read after the page's title shows: wait for it rather than race it.
  const rows = await s.waitUntil(() => s.findAll('#history tbody tr'), {
    when: (r) => r.length > 0,
    message: 'the meeting history',
  });
  assert.equal(rows.length, 104);
  // The oldest meeting keeps its headcount, and no longer names anyone.
  assert.equal(await s.text('#history tbody tr:last-child td:nth-child(3)'), '3');
  await s.click('#history tbody tr:last-child button');
  await s.waitFor('#meeting-title', (t) => t === 'Harbour Lights');
  await s.waitFor('#count-headcount', (t) => t === '3');
  const old = await screenText(s);
  for (const name of OLD_NAMES) assert.ok(!old.includes(name), `${name} is gone from the old meeting`);

  // The app was closed seconds after Quiet Harbour's meeting, before its backup was written: the
  // backup is taken now that the data is open again.
  await s.click('#show-backups');
  await s.waitFor('#backups-title');
  await s.waitUntil(
    async () => {
      await s.click('#show-privacy');
      await s.click('#show-backups');
      return s.texts('#backup-list tbody tr td:nth-child(2)');
    },
    { when: (reasons) => reasons.includes('A meeting closed'), timeout: 30_000, message: 'the closed meeting backed up' },
  );
  await s.end();
  await app.stop();

  // On disk, the automatic backups included: nothing a finder of the laptop could read.
  const dir = join(app.home, 'data');
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
  assert.ok(files.some((f) => f.parentPath.endsWith('backups')), 'the closed meeting was backed up');
  for (const { name, parentPath } of files) {
    const file = join(parentPath, name);
    const bytes = readFileSync(file).toString('latin1');
    assert.ok(!bytes.startsWith('SQLite format 3'), `${file} is not a plain database`);
    for (const word of [...NAMES, ...OLD_NAMES, 'Quiet Harbour', 'Harbour Lights', 'Robin']) {
      assert.ok(!bytes.includes(word), `${file} does not show ${word}`);
    }
  }
});
