// Milestone points as the chair picks them from a list, in words.
import type { Point } from './bindings/Point';

/** The usual keytag and medallion points, and the first few years. */
export const POINTS: Point[] = [
  { unit: 'days', count: 1 },
  { unit: 'days', count: 30 },
  { unit: 'days', count: 60 },
  { unit: 'days', count: 90 },
  { unit: 'months', count: 6 },
  { unit: 'months', count: 9 },
  { unit: 'years', count: 1 },
  { unit: 'months', count: 18 },
  ...[2, 3, 4, 5, 10].map((count) => ({ unit: 'years' as const, count })),
];

/** "24 hours", "30 days", "6 months", "1 year", "2 years" (as core labels them). */
export function pointLabel(p: Point): string {
  if (p.unit === 'days') return p.count === 1 ? '24 hours' : `${p.count} days`;
  const unit = p.unit === 'months' ? 'month' : 'year';
  return `${p.count} ${unit}${p.count === 1 ? '' : 's'}`;
}
