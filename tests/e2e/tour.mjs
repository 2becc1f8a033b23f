// A walk through the app that saves a screenshot of each screen, for a person to look at:
//   xvfb-run -a -s "-screen 0 1920x1080x24" node tests/e2e/tour.mjs artifacts/tour-1920
// (the window fills whatever screen Xvfb was given).
import { setTimeout as sleep } from 'node:timers/promises';

import {
  KEY,
  Session,
  freshHome,
  openMeeting,
  openRoomDisplay,
  roomShows,
  startDriver,
  stopDriver,
} from './webdriver.mjs';

const out = process.argv[2] ?? 'artifacts/tour';
const driver = await startDriver(freshHome());
const s = await Session.start({ passphrase: 'tour of the church basement' });
try {
  const size = await s.run('return [screen.width, screen.height]');
  await s.cmd('POST', '/window/rect', { x: 0, y: 0, width: size[0], height: size[1] });
  await s.screenshot(`${out}/1-groups.png`);
  await openMeeting(s, 'Tuesday Night Hope', ['Alex', 'Sam', 'Zoë', 'Mariam', 'Dee']);
  await s.click('#back-to-group');
  await s.waitFor('#group-title');
  await s.screenshot(`${out}/2-group.png`);
  await s.click('#history button');
  await s.waitFor('#filter');
  for (const n of ['Al', 'Sa', 'Zo', 'Ma', 'Jo']) {
    await s.type('#filter', n);
    await s.press(KEY.Enter);
    await sleep(150);
  }
  await s.press(KEY.Alt, 'w');
  await sleep(300);
  await s.screenshot(`${out}/3-attendance.png`);
  await s.click('#speaker option:nth-child(3)');
  await s.press(KEY.Alt, 's');
  await sleep(1500);
  await s.screenshot(`${out}/4-sharing.png`);
  await s.press(KEY.Alt, 's');
  await s.press(KEY.Alt, 'i');
  await s.waitFor('#next-speaker');
  await s.press(KEY.Alt, 'n');
  await s.press(KEY.Alt, 'n');
  await s.waitFor('#upcoming', (t) => t.includes('Sharing'));
  await sleep(500);
  await s.run('window.scrollTo(0, 0)');
  await s.screenshot(`${out}/5-round.png`);
  const { main, room } = await openRoomDisplay(s);
  await s.switchTo(room);
  await s.waitUntil(() => roomShows(s), { when: (r) => r.speaker, message: 'a speaker on the room display' });
  // One screen here: the display opened as a window; give it the whole screen, as a projector would.
  await s.cmd('POST', '/window/rect', { x: 0, y: 0, width: size[0], height: size[1] });
  await sleep(500);
  await s.screenshot(`${out}/6-room-display.png`);
  await s.switchTo(main);

  // The chair's report, the group page's service and bundle cards, the handover, privacy, backups, the lock.
  const top = (css) => s.run(`document.querySelector(arguments[0]).scrollIntoView()`, css);
  await s.type(
    '#report-notes',
    `Key is with the caretaker.${KEY.Enter}- Announce the business meeting${KEY.Enter}- Order literature`,
  );
  await s.click('#save-report');
  for (const item of ['Buy 30-day keytags', 'Ask the church about the heating']) {
    await s.type('#item-text', item);
    await s.click('#item-add');
    await sleep(200);
  }
  await top('#report-title');
  await s.screenshot(`${out}/7-report.png`);
  await s.click('#print-kit');
  await s.waitFor('#kit-tally');
  await s.screenshot(`${out}/7b-paper-kit.png`);
  await s.click('#printout-close');
  await s.click('#back-to-group');
  await s.waitFor('#group-title');
  await s.click('#position-usual');
  await sleep(800);
  await top('#service-title');
  await s.screenshot(`${out}/8-service.png`);
  await top('#bundle-title');
  await s.screenshot(`${out}/9-bundle.png`);
  await s.click('#show-trends');
  await s.waitFor('#headcount-table');
  await s.screenshot(`${out}/9a-trends.png`);
  await s.click('#trends-quarterly');
  await s.waitFor('#quarterly-glance');
  await s.screenshot(`${out}/9b-quarterly-report.png`);
  await s.click('#printout-close');
  await s.click('.crumb + button');
  await s.waitFor('#group-title');
  await s.click('#show-handover');
  await s.waitFor('#handover-title');
  await s.screenshot(`${out}/10-handover.png`);
  await s.click('#show-privacy');
  await s.waitFor('#privacy-title');
  await s.screenshot(`${out}/11-privacy.png`);
  await s.click('#show-backups');
  await s.click('#back-up-now');
  await s.waitFor('#backup-done');
  await s.click('#check-data');
  await s.waitFor('#check-result');
  await s.click('#backup-list tbody tr:first-child button');
  await s.screenshot(`${out}/12-backups.png`);
  await s.press(KEY.Control, 'l');
  await s.waitFor('#lock-title');
  await s.screenshot(`${out}/13-locked.png`);
  console.log(`saved the tour in ${out}`);
} finally {
  await s.end();
  await stopDriver(driver);
}
