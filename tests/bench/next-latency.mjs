// Benchmark: from the chair's "Next" key press to the new speaker on screen, in the chair's
// window and on the room display.
//
//   xvfb-run -a node tests/bench/next-latency.mjs            (100 presses; PRESSES=200 for more)
//
// Timed inside the pages, so the driver's own delay is not counted: the chair's window stamps the
// key event as it arrives, each window stamps the moment its speaker text changes (a
// MutationObserver), both on the system clock (performance.timeOrigin + performance.now()).
import { mkdirSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

import { KEY, Session, freshHome, openMeeting, startDriver, stopDriver } from '../e2e/webdriver.mjs';

const PRESSES = Number(process.env.PRESSES ?? 100);
const OUT = process.env.CIRCLEKEEPER_SHOTS ?? 'artifacts';
const PEOPLE = ['Ava', 'Ben', 'Cal', 'Dot', 'Eli', 'Fay', 'Gus', 'Hal', 'Ivy', 'Jon', 'Kit', 'Lu'];

const NOW = 'const now = () => performance.timeOrigin + performance.now();';
const WATCH_MAIN = `${NOW}
  window.__presses = []; window.__shown = [];
  window.addEventListener('keydown', (e) => { if (e.altKey && e.code === 'KeyN') window.__presses.push(now()); }, true);
  const list = () => document.querySelector('#upcoming');
  new MutationObserver(() => {
    const first = list()?.querySelector('li .who')?.textContent ?? '';
    const sharing = list()?.querySelector('li .when')?.textContent === 'Sharing';
    if (sharing && first !== window.__last) { window.__last = first; window.__shown.push(now()); }
  }).observe(document.body, { subtree: true, childList: true, characterData: true });`;
const WATCH_ROOM = `${NOW}
  window.__shown = [];
  new MutationObserver(() => {
    const who = document.querySelector('#room-speaker')?.textContent ?? '';
    if (who && who !== window.__last) { window.__last = who; window.__shown.push(now()); }
  }).observe(document.body, { subtree: true, childList: true, characterData: true });`;

/** The q-quantile (0..1) of xs, rounded to a millisecond. */
function quantile(xs, q) {
  const sorted = [...xs].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]);
}

const driver = await startDriver(freshHome());
const s = await Session.start();
const mainMs = [];
const roomMs = [];
try {
  await openMeeting(s, 'Latency Circle', PEOPLE);
  for (const [i, name] of PEOPLE.entries()) {
    await s.type('#filter', name);
    await s.press(KEY.Enter);
    await s.waitFor('#count-headcount', (t) => t === String(i + 1));
  }
  const main = (await s.windows())[0];
  await s.press(KEY.Alt, 'd');
  let room;
  for (let i = 0; i < 50 && !room; i++, await sleep(100)) room = (await s.windows()).find((h) => h !== main);
  await s.switchTo(room);
  await s.run(WATCH_ROOM);
  await s.switchTo(main);
  await s.run(WATCH_MAIN);

  let pressed = 0;
  while (pressed < PRESSES) {
    await s.press(KEY.Alt, 'i'); // a new round of twelve
    await s.waitFor('#next-speaker');
    await s.press(KEY.Alt, 'n'); // the first share starts (not a change of speaker from one to the next)
    await s.waitFor('#next-speaker', (t) => t.startsWith('Next'));
    for (let turn = 1; turn < PEOPLE.length && pressed < PRESSES; turn++) {
      const before = await s.run('return window.__shown.length');
      await s.press(KEY.Alt, 'n');
      for (let i = 0; i < 200 && (await s.run('return window.__shown.length')) === before; i++) await sleep(5);
      pressed++;
      await sleep(120); // let the room catch up before the next press
    }
    await s.press(KEY.Alt, 'e');
    await s.waitFor('#start-circle');
  }
  const main_ = await s.run('return { presses: window.__presses, shown: window.__shown }');
  await s.switchTo(room);
  const room_ = await s.run('return window.__shown');
  await s.switchTo(main);

  // Pair each measured press with the first change at or after it, in each window.
  const after = (list, t) => list.find((x) => x >= t);
  for (const t of main_.presses) {
    const m = after(main_.shown, t);
    const r = after(room_, t);
    if (m !== undefined) mainMs.push(m - t);
    if (r !== undefined) roomMs.push(r - t);
  }
} finally {
  await s.end();
  await stopDriver(driver);
}

// Every Alt+N counts, the first of each round too: it also puts a new speaker on both screens.
const report = {
  presses: mainMs.length,
  mainP50Ms: quantile(mainMs, 0.5),
  mainP95Ms: quantile(mainMs, 0.95),
  mainWorstMs: quantile(mainMs, 1),
  roomP50Ms: quantile(roomMs, 0.5),
  roomP95Ms: quantile(roomMs, 0.95),
  roomWorstMs: quantile(roomMs, 1),
};
mkdirSync(OUT, { recursive: true });
writeFileSync(`${OUT}/next-latency-report.json`, JSON.stringify(report, null, 2));
console.log(`"Next" to the new speaker on screen: ${JSON.stringify(report)}`);
process.exit(report.mainP95Ms < 50 && report.roomP95Ms < 50 ? 0 : 1);
