// Nothing is lost: the chair closes the meeting and finds a checked backup; the laptop is dropped and
// the data file damaged; the next start offers the newest backup, and restoring it brings Alex back.
import assert from 'node:assert/strict';
import { closeSync, openSync, readdirSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { KEY, Session, checkIn, laptop, openMeeting } from './webdriver.mjs';

const app = laptop({ before, after });

/** Scribbles over the data file after SQLite's 16-byte signature, as a failing disk would, and
 *  drops its WAL: the file still says it is a database, and is not one. */
function damage(dir) {
  const file = join(dir, 'circlekeeper.sqlite3');
  const size = statSync(file).size;
  assert.ok(size >= 4096, `the data file has a first page to damage (${size} bytes)`);
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(size - 16, 0x5a), 0, size - 16, 16);
  closeSync(fd);
  for (const side of ['-wal', '-shm']) rmSync(file + side, { force: true });
}

test('a closed meeting is backed up, and a damaged data file is restored from the newest backup', async () => {
  let s = await Session.start();
  await openMeeting(s, 'Harbour Hope', ['Alex', 'Sam']);
  await checkIn(s, ['Alex']);
  await s.press(KEY.Alt, 'c');
  await s.waitFor('#meeting-status', (t) => t === 'Closed');

  // The backup runs on its own thread after the close: the list shows it once it is whole.
  await s.click('#show-backups');
  await s.waitFor('#backups-title');
  const rows = await s.waitUntil(
    async () => {
      await s.click('#show-privacy');
      await s.click('#show-backups');
      return s.findAll('#backup-list tbody tr');
    },
    { when: (r) => r.length > 0, message: 'a backup after the meeting closed' },
  );
  assert.equal(rows.length, 1);
  assert.equal(await s.text('#backup-list tbody tr td:nth-child(2)'), 'A meeting closed');
  assert.equal(await s.text('#backup-list tbody tr td:nth-child(4)'), '1', 'one meeting in it');
  const files = readdirSync(join(app.home, 'data', 'backups'));
  assert.ok(!files.some((f) => f.endsWith('.partial')), `no half-written backup is left: ${files}`);

  await s.click('#check-data');
  await s.waitFor('#check-result', (t) => t.includes('The data is in order: 1 group, 1 meeting and 1 check-in.'));
  await s.end();
  await app.stop();

  damage(join(app.home, 'data'));
  await app.start(app.home);
  s = await Session.start();
  await s.waitFor('main h1', (t) => t === 'Circlekeeper cannot open its data');
  await s.waitFor('#offer-found', (t) => t.includes('1 group') && t.includes('1 meeting'));
  await s.click('#restore-offer');
  await s.waitFor('main h1', (t) => t !== 'Circlekeeper cannot open its data');
  await s.click('button.group');
  // The closed meeting left a handover, restored with everything else.
  await s.waitFor('#handover-title', (t) => t === 'Handover for Harbour Hope');
  await s.click('#handover-continue');
  await s.waitFor('#group-title', (t) => t === 'Harbour Hope');
  await s.waitFor('#history tbody tr td:nth-child(3)', (t) => t === '1');
  await s.click('#history tbody tr:first-child button');
  await s.waitFor('#meeting-title', (t) => t === 'Harbour Hope');
  await s.waitFor('#attendees', (t) => t.includes('Alex') && !t.includes('Sam'));
  await s.end();
});
