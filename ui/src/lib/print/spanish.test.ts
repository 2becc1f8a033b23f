// Paper in the chair's language: the meeting card and the chair's report read in Spanish, counts in
// the right plural, names still in <bdi>; and back in English, word for word as before.
import { render } from '@testing-library/svelte';
import { afterEach, expect, it } from 'vitest';

import type { Format } from '../bindings/Format';
import { useLanguage } from '../i18n.svelte';
import { backend, chairReport, group, meetingView, READS, tick } from '../testing';
import { bucketName, CHARTS } from '../trends/series';
import ChairReportPrintout from './ChairReportPrintout.svelte';
import MeetingCard from './MeetingCard.svelte';

afterEach(() => useLanguage('en'));

const format: Format = {
  name: 'Nuestro formato',
  segments: [{ title: 'Apertura', minutes: 1, script: null, readerId: null, sharing: false }],
};

it('prints the meeting card in Spanish, minutes in the plural they need, and in English again', async () => {
  backend(() => null, { ...READS, format_choice: { format, templates: [] } });
  useLanguage('es');
  render(MeetingCard, { props: { group: group(), onClose: () => {} } });
  await tick();
  const sheet = () => document.querySelector('.sheet')!.textContent!.replace(/\s+/g, ' ');

  expect(sheet()).toContain('Cada martes a las 19:30, durante 60 minutos');
  expect(sheet()).toContain('Nuestro formato · 1 minuto');
  expect(sheet()).toContain('Impreso el');
  expect(document.getElementById('printout-title')!.textContent).toBe('Tuesday Night Hope: tarjeta de la reunión');
  expect(document.querySelector('.tools legend')!.textContent).toBe('Papel');

  useLanguage('en');
  await tick();
  expect(sheet()).toContain('Tuesdays at 19:30 for 60 minutes');
  expect(sheet()).toContain('Nuestro formato · 1 minute');
  expect(document.getElementById('printout-title')!.textContent).toBe('Tuesday Night Hope: meeting card');
});

it('prints the chair’s report in Spanish with the counters’ names kept whole', async () => {
  backend(() => null, {
    ...READS,
    meeting_view: meetingView(),
    chair_report: chairReport({ collectionCents: 4250, countedBy: ['Zoë', 'Íñigo'], shares: 7, passes: 1 }),
  });
  useLanguage('es');
  render(ChairReportPrintout, { props: { meetingId: 'm1', onClose: () => {} } });
  await tick();
  await tick();
  const figures = document.getElementById('chair-report-figures')!;
  const text = figures.textContent!.replace(/\s+/g, ' ');

  expect(text).toContain('Participaciones y pases');
  expect(text).toContain('7 y 1');
  expect(text).toContain('42,50, contada por Zoë y Íñigo');
  expect([...figures.querySelectorAll('bdi')].map((b) => b.textContent)).toContain('Zoë y Íñigo');
  const byline = document.querySelector('.head p')!;
  expect(byline.textContent).toMatch(/^Informe de coordinación · .* · coordinó Robin$/);
  expect(byline.querySelector('bdi')!.textContent).toBe('Robin');
});

it('names months, quarters, charts and their figures in Spanish', () => {
  const sharing = CHARTS.find((c) => c.id === 'sharing')!;
  useLanguage('es');
  expect(bucketName('2026 Q1')).toBe('T1 2026');
  expect(bucketName('2026-03')).toBe('mar 2026');
  expect(sharing.title()).toBe('Participaciones');
  expect(sharing.series[2].label()).toBe('Participación mediana');
  expect(sharing.series[2].text(150_000)).toBe('2,5 min');
  expect(sharing.series[3].text(0.45).replace(/\s/g, ' ')).toBe('45 %');
  useLanguage('en');
  expect(bucketName('2026 Q1')).toBe('2026 Q1');
  expect(sharing.title()).toBe('Sharing');
  expect(sharing.series[2].text(150_000)).toBe('2.5 min');
  expect(sharing.series[3].text(0.45)).toBe('45%');
});
