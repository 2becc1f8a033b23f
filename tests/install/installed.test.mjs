// A chair installs Circlekeeper from the .deb, as the README's Install section says, starts it from
// /usr/bin, opens the group's meeting and checks someone in; later removes the package, finds the
// records still in the data folder, and installs it again to carry on where they left off.
//
// Needs root (or sudo) and CIRCLEKEEPER_DEB, the package to install; run by scripts/test.sh with
// CIRCLEKEEPER_APP=/usr/bin/circlekeeper.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';

import { APP, Session, checkIn, laptop, openMeeting } from '../e2e/webdriver.mjs';

const DEB = resolve(process.env.CIRCLEKEEPER_DEB ?? '');
const PASS = 'coffee after the meeting';
const asRoot = process.getuid() === 0 ? [] : ['sudo'];

function apt(...args) {
  const [cmd, ...rest] = [...asRoot, 'apt-get', '-y', '-q', ...args];
  execFileSync(cmd, rest, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}
const installed = () => {
  try {
    return execFileSync('dpkg-query', ['-W', '-f=${Status}', 'circlekeeper']).toString() === 'install ok installed';
  } catch {
    return false;
  }
};

before(() => {
  assert.equal(APP, '/usr/bin/circlekeeper', 'this story runs the installed binary');
  assert.ok(existsSync(DEB), `CIRCLEKEEPER_DEB names the package to install (got ${DEB})`);
  apt('install', DEB);
});
// Whatever happens, the machine is left without the package.
after(() => installed() && apt('purge', 'circlekeeper'));

const chair = laptop({ before, after, appDataFolder: true });

test('the installed app is on the menu, with its icon', () => {
  assert.ok(installed());
  const entry = readFileSync('/usr/share/applications/Circlekeeper.desktop', 'utf8');
  assert.match(entry, /^Name=Circlekeeper$/m);
  assert.match(entry, /^Exec=circlekeeper$/m);
  assert.match(entry, /^Icon=circlekeeper$/m);
  assert.match(entry, /^Categories=.*Office/m);
  for (const size of ['32x32', '128x128', '256x256@2']) {
    assert.ok(existsSync(`/usr/share/icons/hicolor/${size}/apps/circlekeeper.png`), `a ${size} icon`);
  }
});

test('a chair checks someone in with the installed app; removing it keeps the records', async () => {
  // The recommended first start: the data protected, which puts SQLCipher's crypto library to work.
  let s = await Session.start({ passphrase: PASS });
  await openMeeting(s, 'Tuesday Night Hope', ['Alex']);
  await checkIn(s, ['Alex']);
  await s.waitFor('#count-headcount', (t) => t === '1');
  await s.end();
  await chair.stop();

  // The data lives where the README says: the app's folder in the user's XDG data folder.
  const folder = join(chair.home, 'xdg-data', 'org.circlekeeper.app');
  const files = () => readdirSync(folder).sort();
  const before = files();
  assert.ok(before.includes('circlekeeper.sqlite3'), `the data file in ${folder}: ${before}`);
  const header = readFileSync(join(folder, 'circlekeeper.sqlite3')).subarray(0, 16).toString('latin1');
  assert.notEqual(header, 'SQLite format 3\0', 'the data file is encrypted');

  apt('purge', 'circlekeeper');
  assert.ok(!installed() && !existsSync(APP), 'the app is gone');
  assert.deepEqual(files(), before, 'removing the app leaves the data folder as it was');

  // Installed again, it opens on the same meeting, with Alex still checked in.
  apt('install', DEB);
  await chair.start(chair.home);
  s = await Session.start();
  await s.type('#unlock-pass', PASS);
  await s.click('#unlock');
  await s.waitFor('#group-title', (t) => t === 'Tuesday Night Hope');
  // From the group's history, not "open today's meeting": a run that crosses midnight would open a
  // new day's meeting (a CI rehearsal did, at 00:00).
  await s.click('#history button');
  await s.waitFor('#count-headcount', (t) => t === '1');
  assert.deepEqual(await s.texts('#attendees .attendee-name'), ['Alex']);
  await s.end();
});
