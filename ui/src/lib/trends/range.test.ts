import { describe, expect, it } from 'vitest';

import { daysBetween, previousQuarter, quarterOf, recentQuarters, today, twelveMonthsTo } from './range';
import { bucketName, CHARTS, highest, plotData } from './series';
import type { TrendBucket } from '../bindings/TrendBucket';

describe('the spans a chair reads trends over', () => {
  it('twelve months back from a day in November start on the first of December', () => {
    expect(twelveMonthsTo('2026-11-30')).toEqual({ from: '2025-12-01', to: '2026-11-30' });
    expect(twelveMonthsTo('2026-01-15')).toEqual({ from: '2025-02-01', to: '2026-01-15' });
  });

  it('knows the quarter of a day, and the ones before it across a new year', () => {
    expect(quarterOf('2026-11-30')).toEqual({ label: '2026 Q4', from: '2026-10-01', to: '2026-12-31' });
    expect(quarterOf('2024-02-10')).toEqual({ label: '2024 Q1', from: '2024-01-01', to: '2024-03-31' });
    expect(previousQuarter(quarterOf('2026-02-01')).label).toBe('2025 Q4');
    expect(recentQuarters('2026-05-01', 3).map((q) => q.label)).toEqual(['2026 Q2', '2026 Q1', '2025 Q4']);
    expect(quarterOf('2026-08-01').to).toBe('2026-09-30');
  });

  it('counts an action item’s age in days, and today from the local calendar', () => {
    expect(daysBetween('2026-11-01', '2026-11-30')).toBe(29);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(today(new Date(2026, 10, 30, 23, 59))).toBe('2026-11-30');
  });
});

describe('what a trend chart draws', () => {
  const bucket = (label: string, over: Partial<TrendBucket>): TrendBucket => ({
    label,
    firstDay: '',
    lastDay: '',
    meetings: 0,
    headcount: null,
    newcomers: 0,
    cameBack30: 0,
    cameBack90: 0,
    returning: 0,
    visitors: 0,
    shares: 0,
    passes: 0,
    medianShareMs: null,
    shareTimeMs: 0,
    topFifthMs: 0,
    topFifthPart: null,
    overtime: 0,
    finished: 0,
    finishedOnTime: 0,
    collections: 0,
    collectionCents: 0,
    ...over,
  });

  it('draws the mean headcount with its smallest and largest, and nothing for a month with no meeting', () => {
    const headcount = CHARTS.find((c) => c.id === 'headcount')!;
    const data = plotData(headcount, [
      bucket('2026-10', { meetings: 4, headcount: { mean: 12.5, min: 9, max: 17 } }),
      bucket('2026-11', {}),
    ]);
    expect(data).toEqual([
      [0, 1],
      [12.5, null],
      [9, null],
      [17, null],
    ]);
    expect(highest(data)).toBe(17);
    expect(highest([[]])).toBe(1);
  });

  it('names months and quarters as a chair reads them', () => {
    expect(bucketName('2026-03')).toBe('Mar 2026');
    expect(bucketName('2026 Q1')).toBe('2026 Q1');
  });
});
