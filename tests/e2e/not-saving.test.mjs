// The laptop's disk fills up mid-meeting (a small tmpfs holds the data here): the chair is told
// Circlekeeper is not saving, Sam's share keeps being timed, and nothing saved before is lost; with
// room again the next check-in is saved and the message goes. Needs root (or sudo), for the mount.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import { KEY, Session, checkIn, freshHome, laptop, openMeeting } from './webdriver.mjs';

const home = freshHome();
const data = join(home, 'data');
const filler = join(data, 'filler');
const app = laptop({ before: () => {}, after });
/** Runs a command as root: directly, or through sudo for a chair's own account. */
const asRoot = (cmd, args) =>
  process.getuid() === 0 ? execFileSync(cmd, args) : execFileSync('sudo', ['-n', cmd, ...args]);
before(async () => {
  mkdirSync(data);
  asRoot('mount', ['-t', 'tmpfs', '-o', `size=8m,uid=${process.getuid()}`, 'tmpfs', data]);
  await app.start(home);
});
after(() => asRoot('umount', ['--lazy', data]));

/** Fills the data folder's disk to the last byte. */
function fillTheDisk() {
  try {
    execFileSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=64k'], { stdio: 'ignore' });
  } catch {
    // dd stops at "No space left on device": that is the point.
  }
  assert.equal(Number(execFileSync('df', ['--output=avail', data]).toString().split('\n')[1]), 0, 'the disk is full');
}

test('a full disk stops the saving, not the meeting, and loses nothing saved', async () => {
  let s = await Session.start();
  await openMeeting(s, 'Harbour Hope', ['Alex', 'Sam', 'Jo']);
  await checkIn(s, ['Alex', 'Sam']);
  await s.click('#speaker option:nth-child(2)');
  await s.press(KEY.Alt, 's');
  await s.waitFor('#speaker-now', (t) => t.length > 0);
  const shown = await s.text('#share-clock');

  fillTheDisk();
  await s.type('#filter', 'Jo');
  await s.press(KEY.Enter);
  await s.waitFor('#not-saving', (t) => t.startsWith('Not saving.') && t.includes('the disk is full'));
  assert.equal(await s.text('#count-headcount'), '2', 'Jo is not counted as saved');
  // The share goes on being timed while nothing can be saved.
  await sleep(2200);
  assert.notEqual(await s.text('#share-clock'), shown, 'the clock moves on');

  rmSync(filler);
  await s.click('button[aria-label="Dismiss this message"]');
  await checkIn(s, ['Jo']);
  await s.waitUntil(() => s.findAll('#not-saving'), { when: (f) => f.length === 0, message: 'the message to go' });
  await s.end();

  // Everything acknowledged is there after a restart.
  await app.restart();
  s = await Session.start();
  await s.waitFor('#group-title', (t) => t === 'Harbour Hope');
  await s.click('#history tbody tr:first-child button');
  await s.waitFor('#count-headcount', (t) => t === '3');
  await s.end();
});
