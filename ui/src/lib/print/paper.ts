// The paper a printout is laid out on, and the one a chair's country uses by default.
import type { Paper } from '../bindings/Paper';
import { m } from '../paraglide/messages';

/** Where Letter is the usual paper (North America and a few countries that follow it). */
const LETTER_REGIONS = new Set([
  'US',
  'CA',
  'MX',
  'PH',
  'CL',
  'CO',
  'VE',
  'PR',
  'GT',
  'CR',
  'PA',
  'DO',
  'SV',
  'NI',
  'HN',
]);

/** Letter where the language tag names a Letter country ("en-US", "es-MX"), else A4. */
export function paperFor(language: string): Paper {
  const region = language.split(/[-_]/)[1]?.toUpperCase() ?? '';
  return LETTER_REGIONS.has(region) ? 'letter' : 'a4';
}

/** The paper's name as the chair's language calls it ("A4" is A4 everywhere). */
export const paperName = (paper: Paper): string => (paper === 'a4' ? 'A4' : m.paper_letter());

/** The CSS page rule for `paper`: the sheet's size and margins the printer keeps free. */
export function pageRule(paper: Paper): string {
  return `@page { size: ${paper === 'a4' ? 'A4' : 'letter'}; margin: 14mm 14mm 16mm; }`;
}

/** A file name for a printout: its title and date, with the characters no file system takes left out. */
export function fileName(title: string, date: string, extension: string): string {
  const safe = title
    .replace(/[\\/:*?"<>|\u0000-\u001f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80);
  return `${safe || 'Circlekeeper'} ${date}.${extension}`;
}

/** The clock time each part of a format starts at, from the meeting's start ("19:30"). */
export function startTimes(start: string, minutes: number[]): string[] {
  const [h, m] = start.split(':').map(Number);
  let at = h * 60 + m;
  return minutes.map((length) => {
    const t = ((at % 1440) + 1440) % 1440;
    at += length;
    return `${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;
  });
}
