// A Spanish-speaking group's chair runs three meetings (printing an attendance slip at the last,
// and seeing it counted, and printing the chair's report), then takes the group's life out of the app: the trends, the spreadsheet
// for the treasurer (read back as a spreadsheet reads it), the quarterly report, the meeting card
// with its resources card, and the paper kit with its blank slips, each saved as a PDF whose text
// is read back and whose first page is rendered for a person to look at.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { KEY, Session, checkIn, laptop, openMeeting } from './webdriver.mjs';

const app = laptop({ before, after });
const SHOTS = process.env.CIRCLEKEEPER_SHOTS ?? 'artifacts';
mkdirSync(SHOTS, { recursive: true });

const GROUP = 'Grupo Año Nuevo, "Esperanza"';

/** The text of a PDF the app saved, as a reader would copy it; its first page kept as a PNG. */
function readPdf(file, shot) {
  const bytes = readFileSync(file);
  assert.equal(bytes.subarray(0, 4).toString(), '%PDF', `${file} is a PDF`);
  execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', '-singlefile', file, join(SHOTS, shot)]);
  return execFileSync('pdftotext', ['-layout', file, '-']).toString();
}

/** Saves the printout on screen as a PDF at `file`, as the chair does: the path, then Save. */
async function savePdf(s, file) {
  await s.clear('#pdf-path');
  await s.type('#pdf-path', file);
  await s.click('#pdf-save');
  await s.waitFor('#pdf-saved', (t) => t.includes(file), 30_000);
}

/** The X window titled `title` on screen (the system's print window is not the page's), or null. */
function visibleWindow(title) {
  try {
    return execFileSync('xdotool', ['search', '--onlyvisible', '--name', `^${title}$`]).toString().trim().split('\n')[0];
  } catch {
    return null; // xdotool says "none" by failing
  }
}

/** A spreadsheet as Python's csv module reads it (utf-8-sig: the byte-order mark Excel needs). */
function readCsv(file) {
  const script = 'import csv,json,sys; print(json.dumps(list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))))';
  return JSON.parse(execFileSync('python3', ['-c', script, file]).toString());
}

test('three meetings become a spreadsheet, a quarterly report, a meeting card and a paper kit', async () => {
  const s = await Session.start();
  try {
    // Three meetings tonight (the second and third as further meetings of the day).
    await s.type('#group-name', GROUP);
    await s.click('#create-group');
    await s.waitFor('#group-title', (t) => t === GROUP);
    await s.click('#use-template');
    await s.click('#save-format');
    await s.waitFor('[role="status"]', (t) => t.startsWith('Saved'));
    // A crisis line on the group's resources card, for the meeting card.
    await s.type('#resource-name', 'Teléfono de la Esperanza');
    await s.type('#resource-contact', '717 003 717');
    await s.click('#resource-save');
    await s.waitFor('ul[aria-label="Entries on the resources card"]', (t) => t.includes('717 003 717'));
    for (const [n, people] of [['Zoë', 'Íñigo'], ['Zoë'], ['Zoë', 'Íñigo', 'Amara']].entries()) {
      if (n > 0) await s.click('#another-today');
      for (const name of people) {
        if (!(await s.text('ul[aria-label="People on the roster"]').catch(() => '')).includes(name)) {
          await s.type('#roster-name', name);
          await s.click('#roster-add');
          await s.waitFor('ul[aria-label="People on the roster"]', (t) => t.includes(name));
        }
      }
      await s.clear('#chair-name');
      await s.type('#chair-name', 'Robin');
      await s.click('#open-meeting');
      await s.waitFor('#meeting-title', (t) => t === GROUP);
      await checkIn(s, people);
      if (n === 2) {
        // Someone asks for an attendance slip: it is printed, and counted (never who took it).
        await s.click('#issue-slip');
        await s.waitFor('#printout-title', (t) => t.startsWith('Attendance slip '));
        await s.click('#printout-close');
        await s.waitFor('#slips-issued', (t) => t.includes('1 slip issued'));
        // The paper kit of the last meeting, printed before it ends: its circle and its tally.
        await s.click('#print-kit');
        await s.waitFor('#kit-tally');
        await s.waitFor('#kit-circle', (t) => t.includes('Amara'));
        assert.equal((await s.findAll('#kit-slips .slip')).length, 6, 'a page of blank slips');
        await s.screenshot(`${SHOTS}/paper-kit-1280x800.png`);
        const kit = join(app.home, 'kit.pdf');
        await savePdf(s, kit);
        const text = readPdf(kit, 'paper-kit-page1');
        // Its last page, the sheet of blank slips, kept for a person to look at too.
        const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [kit]).toString())[1]);
        execFileSync('pdftoppm', ['-r', '60', '-png', '-f', `${pages}`, '-l', `${pages}`, '-singlefile', kit, join(SHOTS, 'paper-kit-slips')]);
        for (const expected of [GROUP, 'Circle order', 'Amara', 'Tally', 'Newcomers', 'Readings', 'Name (written by the attendee)'])
          assert.ok(text.includes(expected), `the kit says ${expected}:\n${text}`);
        await s.press(KEY.Escape);
        await s.waitUntil(async () => (await s.findAll('#printout-title')).length === 0, { message: 'the kit to close' });
        // The laptop stopped; the meeting went on on paper. Its tally, typed back in: the three
        // checked in keep their names, three more are unnamed walk-ins.
        await s.click('#type-tally');
        for (const [field, n] of [['members', '4'], ['newcomers', '1'], ['visitors', '1']]) {
          await s.clear(`#tally-${field}`);
          await s.type(`#tally-${field}`, n);
        }
        await s.click('#tally-save');
        await s.waitFor('#count-headcount', (t) => t === '6');
        // The chair's report, printed: what was typed is saved first, then read back from the PDF.
        await s.type('#report-notes', 'Key is with the caretaker.');
        await s.click('#print-report');
        await s.waitFor('#chair-report-figures', (t) => t.includes('Headcount'));
        const chairs = join(app.home, 'chair-report.pdf');
        await savePdf(s, chairs);
        const report = readPdf(chairs, 'chair-report-page1');
        assert.match(report, /Headcount\s+6/);
        assert.ok(report.includes('Key is with the caretaker.'), report);
        await s.click('#printout-close');
      }
      await s.press(KEY.Alt, 'c');
      await s.waitFor('#meeting-status', (t) => t === 'Closed');
      await s.press(KEY.Alt, 'g');
      await s.waitFor('#group-title', (t) => t === GROUP);
    }

    // The trends: this month holds three meetings, and the table beside the chart says so.
    await s.click('#show-trends');
    await s.waitFor('#trends-title');
    const cells = await s.waitUntil(
      () => s.run(`return [...document.querySelectorAll('#headcount-table tbody tr:first-child td')].map((td) => td.textContent)`),
      { when: (c) => c.length === 4, message: 'this month in the table' },
    );
    assert.deepEqual(cells, ['3', '3.0', '1', '6'], 'three meetings: mean 3, from 1 to 6');
    await s.screenshot(`${SHOTS}/trends-1280x800.png`);

    // The spreadsheet, name-free: one row per meeting, the group's name whole.
    const csv = join(app.home, 'meetings.csv');
    await s.clear('#csv-path');
    await s.type('#csv-path', csv);
    await s.click('#csv-save');
    await s.waitFor('#csv-saved', (t) => t.includes(csv));
    let rows = readCsv(csv);
    assert.equal(rows.length, 4, 'a heading and three meetings');
    assert.ok(rows.slice(1).every((r) => r[0] === GROUP));
    assert.deepEqual(
      rows.slice(1).map((r) => r[2]),
      ['2', '1', '6'],
      'the headcounts',
    );
    assert.ok(!readFileSync(csv, 'utf8').includes('Zoë'), 'no one is named');

    // With names, only after the chair confirms what that means; saying no keeps it name-free.
    await s.click('#csv-names');
    await s.waitFor('#csv-names-confirm');
    await s.click('#csv-names-no');
    assert.equal(await s.run(`return document.querySelector('#csv-names').checked`), false);
    await s.click('#csv-names');
    await s.click('#csv-names-yes');
    assert.equal(await s.run(`return document.querySelector('#csv-names').checked`), true);
    const named = join(app.home, 'meetings-named.csv');
    await s.clear('#csv-path');
    await s.type('#csv-path', named);
    await s.click('#csv-save');
    await s.waitFor('#csv-saved', (t) => t.includes(named));
    rows = readCsv(named);
    assert.equal(rows[0].at(-1), 'Who came (first names or aliases)');
    assert.equal(rows[3].at(-1), 'Zoë; Íñigo; Amara');

    // A folder that is not there: said plainly, nothing written.
    await s.clear('#csv-path');
    await s.type('#csv-path', join(app.home, 'no such folder', 'x.csv'));
    await s.click('#csv-save');
    await s.waitFor('#csv-error', (t) => t.includes('There is no folder'));

    // The quarterly report, saved as a PDF and read back.
    await s.click('#trends-quarterly');
    await s.waitFor('#quarterly-glance', (t) => t.includes('Meetings held'));
    await s.screenshot(`${SHOTS}/quarterly-report-1280x800.png`);
    // A PDF to a folder that is not there: said plainly, nothing written.
    await s.clear('#pdf-path');
    await s.type('#pdf-path', join(app.home, 'gone', 'q.pdf'));
    await s.click('#pdf-save');
    await s.waitFor('.printout-layer [role="alert"]', (t) => t.includes('There is no folder'));
    const report = join(app.home, 'quarterly.pdf');
    await savePdf(s, report);
    const text = readPdf(report, 'quarterly-report-page1');
    assert.match(text, /Meetings held\s+3/);
    assert.match(text, /mean 3\.0, from 1 to 6/);
    for (const expected of [GROUP, 'Quarterly report', 'Open action items', 'Service positions', 'Collections by month'])
      assert.ok(text.includes(expected), `the report says ${expected}`);
    assert.ok(!text.includes('Zoë'), 'the report names no one');
    await s.click('#printout-close');

    // The meeting card, on A4: the format's parts and times.
    await s.click('.crumb + button');
    await s.waitFor('#group-title', (t) => t === GROUP);
    await s.click('#show-meeting-card');
    await s.waitFor('#card-segments');
    // Print… opens the system's print window; Escape puts it away.
    await s.click('#printout-print');
    const dialog = await s.waitUntil(() => visibleWindow('Print'), { message: 'the print window to open' });
    execFileSync('xdotool', ['windowfocus', '--sync', dialog, 'key', 'Escape']);
    await s.waitUntil(async () => !(await visibleWindow('Print')), { message: 'the print window to close' });
    await s.click('input[name="paper"][value="a4"]');
    const card = join(app.home, 'card.pdf');
    await savePdf(s, card);
    const cardText = readPdf(card, 'meeting-card-page1');
    assert.ok(cardText.includes('Readings') && cardText.includes(GROUP), cardText);
    assert.ok(cardText.includes('Teléfono de la Esperanza') && cardText.includes('717 003 717'), 'the resources card');
    const size = execFileSync('pdfinfo', [card]).toString();
    assert.match(size, /Page size:\s+595(\.\d+)? x 842/, 'A4');
  } finally {
    await s.end();
  }
});
