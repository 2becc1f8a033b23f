// Benchmark: how far the digits on screen stray from the true remaining time.
//
//   xvfb-run -a node tests/bench/timer-display.mjs            (5 minutes; DURATION_S=60 for a minute)
//
// Drives the real app (CIRCLEKEEPER_APP, default target/debug/circlekeeper) through tauri-driver,
// runs one share past its end with +30 s and -30 s on the way, and samples inside the page, in one
// JavaScript turn, the digits shown and the true remaining time computed from the share's facts
// (start, allowed length) and the page's wall clock. A displayed "3:59" stands for any remaining
// time in (3:58, 3:59]; the error of a sample is how far the truth lies outside that interval.
import { writeFileSync, mkdirSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

import { KEY, Session, freshHome, openMeeting, startDriver, stopDriver } from '../e2e/webdriver.mjs';

const DURATION_S = Number(process.env.DURATION_S ?? 300);
const OUT = process.env.CIRCLEKEEPER_SHOTS ?? 'artifacts';

const SAMPLE = `
  const c = document.querySelector('.clock');
  const text = document.querySelector('#share-clock').textContent.trim();
  const truth = Number(c.dataset.allowedMs) - (Date.now() - Number(c.dataset.startedAt));
  return { text, truth };
`;

/** The remaining-time interval (lo, hi] in ms that the digits stand for. */
function interval(text) {
  const m = /^(\+?)(\d+):(\d\d)$/.exec(text);
  if (!m) throw new Error(`not a clock: ${text}`);
  const s = Number(m[2]) * 60 + Number(m[3]);
  if (m[1]) return [-1000 * (s + 1), -1000 * s];
  if (s === 0) return [-1000, 0];
  return [1000 * (s - 1), 1000 * s];
}

function errorOf({ text, truth }) {
  const [lo, hi] = interval(text);
  if (truth > hi) return truth - hi;
  if (truth <= lo) return lo - truth;
  return 0;
}

const driver = await startDriver(freshHome());
const s = await Session.start();
const errors = [];
try {
  await openMeeting(s, 'Benchmark Circle', ['Sam']);
  await s.type('#filter', 'Sam');
  await s.press(KEY.Enter);
  await s.waitFor('#count-headcount', (t) => t === '1');
  await s.click('#speaker option:nth-child(2)');
  await s.press(KEY.Alt, 's');
  await s.waitFor('#stop-share');
  const began = Date.now();
  let adjusted = 0;
  while (Date.now() - began < DURATION_S * 1000) {
    const elapsed = (Date.now() - began) / 1000;
    if (adjusted === 0 && elapsed > DURATION_S * 0.2) {
      await s.press(KEY.Alt, KEY.ArrowUp);
      adjusted = 1;
    } else if (adjusted === 1 && elapsed > DURATION_S * 0.4) {
      await s.press(KEY.Alt, KEY.ArrowDown);
      adjusted = 2;
    }
    errors.push(errorOf(await s.run(SAMPLE)));
    await sleep(37); // off the beat of the 200 ms updates
  }
  await s.press(KEY.Alt, 's');
} finally {
  await s.end();
  await stopDriver(driver);
}

const sorted = [...errors].sort((a, b) => a - b);
const report = {
  durationS: DURATION_S,
  samples: errors.length,
  worstMs: Math.round(sorted.at(-1)),
  p99Ms: Math.round(sorted[Math.floor(sorted.length * 0.99)]),
  meanMs: Math.round(errors.reduce((a, b) => a + b, 0) / errors.length),
  over250Ms: errors.filter((e) => e > 250).length,
};
mkdirSync(OUT, { recursive: true });
writeFileSync(`${OUT}/timer-display-report.json`, JSON.stringify(report, null, 2));
console.log(`timer display vs true remaining over ${DURATION_S} s: ${JSON.stringify(report)}`);
process.exit(report.worstMs <= 250 ? 0 : 1);
