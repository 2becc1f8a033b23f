// How dates, times, numbers and amounts read on screen, in the language the app speaks.
import type { Point } from './bindings/Point';
import { intlLocale } from './i18n.svelte';
import { m } from './paraglide/messages';

/** The weekday `i` (0 = Monday, as core counts) spelled out in the app's language. */
export function weekday(i: number): string {
  // 2024-01-01 was a Monday.
  return new Date(2024, 0, 1 + i).toLocaleDateString(intlLocale(), { weekday: 'long' });
}

/** The seven weekdays, Monday first. */
export const weekdays = (): string[] => [0, 1, 2, 3, 4, 5, 6].map(weekday);

/** A calendar date "2026-11-17" in the chair's locale, its weekday and month spelled `style`. */
function calendarDate(date: string, style: 'short' | 'long'): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y, m - 1, d).toLocaleDateString(intlLocale(), {
    weekday: style,
    day: 'numeric',
    month: style,
    year: 'numeric',
  });
}

/** "Tue 17 Nov 2026" for a calendar date "2026-11-17". */
export const longDate = (date: string) => calendarDate(date, 'short');

/** "Tuesday 17 November 2026" for a calendar date "2026-11-17": on paper and in a verification. */
export const fullDate = (date: string) => calendarDate(date, 'long');

/** "19:42" for an instant in UTC milliseconds. */
export function clockTime(ms: number): string {
  return new Date(ms).toLocaleTimeString(intlLocale(), { hour: '2-digit', minute: '2-digit' });
}

/** "Sam K." or "Sam": first name or alias, and the last initial if one was given. */
export function personName(displayName: string, lastInitial: string): string {
  return lastInitial ? `${displayName} ${lastInitial}.` : displayName;
}

/**
 * A name inside plain text (an `<option>`, where `<bdi>` cannot go), between Unicode's first-strong
 * isolate and pop-directional-isolate marks: right-to-left letters in it cannot reorder the words
 * around it. In markup, put the name in `<bdi>` instead.
 */
export function isolated(name: string): string {
  return `\u2068${name}\u2069`;
}

/**
 * The items whose name matches what the chair typed: names that start with it first, then names
 * with a word that starts with it, then any other match, each in the order given.
 */
export function matchNames<T>(items: T[], nameOf: (item: T) => string, typed: string): T[] {
  // Composed (NFC) on both sides, as core keeps names: "ë" typed either way finds Zoë.
  const q = typed.trim().normalize('NFC').toLocaleLowerCase();
  if (!q) return items;
  const rank = (item: T) => {
    const name = nameOf(item).normalize('NFC').toLocaleLowerCase();
    if (name.startsWith(q)) return 0;
    if (name.split(/\s+/).some((w) => w.startsWith(q))) return 1;
    return name.includes(q) ? 2 : -1;
  };
  return items
    .map((item) => ({ item, r: rank(item) }))
    .filter((x) => x.r >= 0)
    .sort((a, b) => a.r - b.r)
    .map((x) => x.item);
}

/** The roster entries matching what the chair typed, best first. */
export function filterRoster<T extends { person: { displayName: string; lastInitial: string } }>(
  entries: T[],
  typed: string,
): T[] {
  return matchNames(entries, (e) => personName(e.person.displayName, e.person.lastInitial), typed);
}

/** "42.50" (or "42,50") for 4250 cents: the amount as counted, without guessing the currency. */
export function money(cents: number): string {
  return new Intl.NumberFormat(intlLocale(), {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
    useGrouping: false,
  }).format(cents / 100);
}

/** Cents from what the chair typed ("42", "42.5", "42,50"); `null` for an empty field. */
export function parseMoney(typed: string): number | null | 'invalid' {
  const t = typed.trim().replace(',', '.');
  if (!t) return null;
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(t)) return 'invalid';
  return Math.round(Number(t) * 100);
}

/** "6 min late", "2 min early" or "on time" for how far the finish was from the plan. */
export function lateness(ms: number): string {
  const min = Math.round(Math.abs(ms) / 60000);
  if (min === 0) return m.time_on_time();
  return ms > 0 ? m.time_min_late({ min }) : m.time_min_early({ min });
}

/** "Tue 17 Nov 2026, 19:42" for an instant in UTC milliseconds. */
export function dateAndTime(ms: number): string {
  return new Date(ms).toLocaleString(intlLocale(), {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** "812 KB" or "38.2 MB": a file's size as a chair reads it (decimal units, as file managers show). */
export function fileSize(bytes: number): string {
  const number = (n: number, digits: number) =>
    n.toLocaleString(intlLocale(), { minimumFractionDigits: digits, maximumFractionDigits: digits });
  if (bytes < 1_000_000) return `${number(Math.max(1, Math.round(bytes / 1000)), 0)} KB`;
  return `${number(bytes / 1_000_000, 1)} MB`;
}

/** A milestone as the chair's language says it: "24 hours", "30 days", "6 months", "1 year" (core's
 *  label is English, and stays the milestone's key). */
export function milestoneName(point: Point): string {
  if (point.unit === 'days')
    return point.count === 1 ? m.common_milestone_24_hours() : m.common_milestone_days({ count: point.count });
  if (point.unit === 'months') return m.common_milestone_months({ count: point.count });
  return m.common_milestone_years({ count: point.count });
}
