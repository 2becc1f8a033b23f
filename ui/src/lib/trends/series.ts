// What the trend charts show: each chart's series, read from a month's or quarter's bucket, and how
// a value reads in its table. Pure, so the tables and the charts say the same numbers.
import type { TrendBucket } from '../bindings/TrendBucket';
import { money } from '../format';

export interface Series {
  label: string;
  /** `null`: nothing to show for this bucket (no meeting, no share). */
  value: (b: TrendBucket) => number | null;
  /** The value as its table shows it. */
  text: (v: number) => string;
  /** A step of the chart's scale, when it reads better than `text` ("2", not "2.0"). */
  tick?: (v: number) => string;
}

export interface Chart {
  id: string;
  title: string;
  /** One line on what the numbers mean, under the title. */
  about: string;
  series: Series[];
  /** The series drawn (they share one scale): the first as bars, the others as lines with their
   *  own dash and point shape; the rest are in the table only. */
  drawn: number[];
}

const count = (v: number) => String(v);
const minutes = (v: number) => `${(v / 60_000).toFixed(1)} min`;
const percent = (v: number) => `${Math.round(v * 100)}%`;
const oneDecimal = (v: number) => v.toFixed(1);

export const CHARTS: Chart[] = [
  {
    id: 'headcount',
    title: 'Who came',
    about: 'Meetings held, and the mean headcount at them (smallest and largest in the table).',
    series: [
      { label: 'Meetings', value: (b) => b.meetings, text: count },
      { label: 'Mean headcount', value: (b) => b.headcount?.mean ?? null, text: oneDecimal, tick: count },
      { label: 'Smallest', value: (b) => b.headcount?.min ?? null, text: count },
      { label: 'Largest', value: (b) => b.headcount?.max ?? null, text: count },
    ],
    drawn: [1, 2, 3],
  },
  {
    id: 'newcomers',
    title: 'Newcomers, and who came back',
    about: 'First-time visitors, and how many of them came to another meeting within 30 and within 90 days.',
    series: [
      { label: 'Newcomers', value: (b) => b.newcomers, text: count },
      { label: 'Back within 30 days', value: (b) => b.cameBack30, text: count },
      { label: 'Back within 90 days', value: (b) => b.cameBack90, text: count },
      { label: 'Returning members', value: (b) => b.returning, text: count },
    ],
    drawn: [0, 1, 2],
  },
  {
    id: 'sharing',
    title: 'Sharing',
    about: 'Shares and passes; the median share, and the part of the sharing time the top fifth of speakers took.',
    series: [
      { label: 'Shares', value: (b) => b.shares, text: count },
      { label: 'Passes', value: (b) => b.passes, text: count },
      { label: 'Median share', value: (b) => b.medianShareMs, text: minutes },
      { label: 'Top fifth’s part', value: (b) => b.topFifthPart, text: percent },
    ],
    drawn: [0, 1],
  },
  {
    id: 'time',
    title: 'Keeping time',
    about: 'Closed meetings that finished on time, and shares that ran over.',
    series: [
      { label: 'Finished on time', value: (b) => b.finishedOnTime, text: count },
      { label: 'Closed meetings', value: (b) => b.finished, text: count },
      { label: 'Shares over time', value: (b) => b.overtime, text: count },
    ],
    drawn: [1, 0],
  },
  {
    id: 'collections',
    title: '7th Tradition',
    about: 'Collections recorded in the chair’s report, and their total.',
    series: [
      { label: 'Collections', value: (b) => b.collections, text: count },
      { label: 'Total', value: (b) => b.collectionCents, text: money },
    ],
    drawn: [1],
  },
];

/** "2026-03" as "Mar 2026"; a quarter's "2026 Q1" as it is. */
export function bucketName(label: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(label);
  if (!m) return label;
  const name = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)).toLocaleString('en', {
    month: 'short',
    timeZone: 'UTC',
  });
  return `${name} ${m[1]}`;
}

/** The chart's data as uPlot takes it: the buckets' places (0, 1, 2…) and one array per drawn
 *  series, `null` where there is nothing to draw. */
export function plotData(chart: Chart, buckets: TrendBucket[]): (number | null)[][] {
  return [buckets.map((_, i) => i), ...chart.drawn.map((s) => buckets.map((b) => chart.series[s].value(b)))];
}

/** The top of a chart's scale: its largest value, at least 1 so an empty chart still has an axis. */
export function highest(data: (number | null)[][]): number {
  return Math.max(1, ...data.slice(1).flatMap((s) => s.filter((v): v is number => v !== null)));
}
