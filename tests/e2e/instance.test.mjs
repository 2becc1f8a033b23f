// One Circlekeeper per data folder: starting it again (a double-click on the launcher mid-meeting)
// brings the open window forward and leaves, instead of a second timer, retention sweep and writer
// on the same data file.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';

import { APP, Session, appsOn, laptop, openMeeting } from './webdriver.mjs';

const home = laptop({ before, after });

/** The environment a running app was started with: its data folder, its session bus, its display. */
function environmentOf(pid) {
  const entries = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean);
  return Object.fromEntries(entries.map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
}

test('a second launch brings the first window forward and exits', async () => {
  const s = await Session.start();
  await openMeeting(s, 'Tuesday Night Hope', ['Sam']);
  const [first, ...others] = appsOn(home.home);
  assert.ok(first, 'the first app is running');
  assert.deepEqual(others, []);
  await s.cmd('POST', '/window/minimize', {});

  const started = Date.now();
  const second = spawnSync(APP, [], { env: environmentOf(first), timeout: 30_000, encoding: 'utf8' });
  const took = Date.now() - started;
  assert.equal(second.status, 0, `the second launch exits cleanly (signal ${second.signal}): ${second.stderr}`);
  assert.ok(took < 10_000, `the second launch leaves at once, not after ${took} ms`);

  assert.deepEqual(appsOn(home.home), [first], 'the first app is still the only one');
  assert.equal((await s.windows()).length, 1);
  await s.waitUntil(() => s.run('return document.visibilityState'), {
    when: (v) => v === 'visible',
    message: 'the first window to be shown again',
  });
  assert.equal(await s.text('#meeting-title'), 'Tuesday Night Hope', 'the meeting is still on screen');
  await s.end();
});
