// Thirty markup and script payloads typed as names, notes and action items: every one is shown
// as the characters typed, and none of them runs, changes the title or adds an element.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { KEY, Session, laptop } from './webdriver.mjs';

laptop({ before, after });

const NAMES = [
  `<img src=x onerror="document.title='pwned'">`,
  `<script>document.title='pwned'</script>`,
  `<svg onload="window.__pwned=1">`,
  `"><img src=x onerror=window.__pwned=1>`,
  `<iframe src="javascript:window.__pwned=1">`,
  `{@html '<b>bold</b>'}`,
  `<a href="javascript:window.__pwned=1">Sam</a>`,
  `<body onload=window.__pwned=1>`,
  `<details open ontoggle=window.__pwned=1>`,
  `javascript:window.__pwned=1`,
];
const NOTES = [
  `<style>body{display:none}</style>`,
  `<math><mtext><img src=x onerror=window.__pwned=1></mtext></math>`,
  `<input autofocus onfocus=window.__pwned=1>`,
  `<video><source onerror=window.__pwned=1></video>`,
  `<object data="javascript:window.__pwned=1">`,
  `<embed src="javascript:window.__pwned=1">`,
  `<meta http-equiv="refresh" content="0;url=javascript:window.__pwned=1">`,
  `<base href="javascript:window.__pwned=1//">`,
  `<form action="javascript:window.__pwned=1"><button>go</button></form>`,
  '${window.__pwned=1}',
];
const ITEMS = [
  `<marquee onstart=window.__pwned=1>x</marquee>`,
  `<img src="x" onerror="window.__pwned=1">`,
  `<svg><script>window.__pwned=1</script></svg>`,
  `<x onclick=window.__pwned=1>click</x>`,
  `'';!--"<XSS>=&{()}`,
  `<!--<img src=x onerror=window.__pwned=1>-->`,
  `<textarea></textarea><img src=x onerror=window.__pwned=1>`,
  `<link rel=import href=data:text/html,<script>window.__pwned=1</script>>`,
  `\u202e<b>reversed</b>`,
  `<template><img src=x onerror=window.__pwned=1></template>`,
];

/** Nothing ran and nothing was added: the title, a flag, and elements no Circlekeeper screen has. */
async function untouched(s) {
  const found = await s.run(`return {
    title: document.title,
    pwned: window.__pwned ?? null,
    errors: window.__errors.length,
    handlers: document.querySelectorAll('[onerror],[onload],[onclick],[onfocus],[ontoggle],[onstart]').length,
    foreign: document.querySelectorAll('body script, iframe, object, embed, svg script, marquee, base, meta[http-equiv], math, template, x, link[rel=import]').length,
  }`);
  assert.deepEqual(found, { title: 'Circlekeeper', pwned: null, errors: 0, handlers: 0, foreign: 0 });
}

async function shows(s, css, payloads) {
  const text = await s.run(`return document.querySelector(arguments[0]).innerText`, css);
  for (const p of payloads) assert.ok(text.includes(p.trim()), `shown as typed: ${p}`);
}

test('markup and script in names, notes and action items is shown as text and runs nothing', async () => {
  assert.equal(NAMES.length + NOTES.length + ITEMS.length, 30);
  const s = await Session.start();
  try {
    // Catch anything a payload would log, from here on.
    await s.run(
      `window.__errors = []; const e = console.error; console.error = (...a) => { window.__errors.push(a); e(...a); }`,
    );
    await s.type('#group-name', 'Markup Monday');
    await s.click('#create-group');
    await s.waitFor('#group-title', (t) => t === 'Markup Monday');
    for (const name of NAMES) {
      await s.type('#roster-name', name);
      await s.click('#roster-add');
      await s.waitFor('ul[aria-label="People on the roster"]', (t) => t.includes(name));
    }
    assert.equal(
      await s.run(`return document.querySelectorAll('ul[aria-label="People on the roster"] li').length`),
      NAMES.length,
    );
    await shows(s, 'ul[aria-label="People on the roster"]', NAMES);
    await untouched(s);

    await s.type('#chair-name', 'Robin');
    await s.click('#open-meeting');
    await s.waitFor('#meeting-title');
    await s.type('#report-notes', NOTES.join(KEY.Enter));
    await s.click('#save-report');
    await s.waitFor('.report [role="status"]', (t) => t === 'Saved.');
    for (const text of ITEMS) {
      await s.type('#item-text', text);
      await s.click('#item-add');
      await s.waitFor('.report .items', (t) => t.includes(text.trim()));
    }
    await shows(s, '.report .items', ITEMS);
    await untouched(s);

    // The next chair reads them on the handover page.
    await s.press(KEY.Alt, 'c');
    await s.waitFor('#meeting-status', (t) => t === 'Closed');
    await s.press(KEY.Alt, 'g');
    await s.click('#show-handover');
    await s.waitFor('#handover-notes');
    await shows(s, '#handover-notes', NOTES);
    await shows(s, '#open-items', ITEMS);
    await untouched(s);
  } finally {
    await s.end();
  }
});
