// What the trend charts show: each chart's series, read from a month's or quarter's bucket, and how
// a value reads in its table. Pure, so the tables and the charts say the same numbers.
import type { TrendBucket } from '../bindings/TrendBucket';
import { money } from '../format';
import { intlLocale } from '../i18n.svelte';
import { m } from '../paraglide/messages';

// Words are functions (`m.…`), called where they are shown, so they follow the chair's language.
export interface Series {
  label: () => string;
  /** `null`: nothing to show for this bucket (no meeting, no share). */
  value: (b: TrendBucket) => number | null;
  /** The value as its table shows it. */
  text: (v: number) => string;
  /** A step of the chart's scale, when it reads better than `text` ("2", not "2.0"). */
  tick?: (v: number) => string;
}

export interface Chart {
  id: string;
  title: () => string;
  /** One line on what the numbers mean, under the title. */
  about: () => string;
  series: Series[];
  /** The series drawn (they share one scale): the first as bars, the others as lines with their
   *  own dash and point shape; the rest are in the table only. */
  drawn: number[];
}

const count = (v: number) => String(v);
/** "12.5" (or "12,5"): one decimal, in the chair's language. */
export const oneDecimal = (v: number) =>
  v.toLocaleString(intlLocale(), { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false });
const minutes = (v: number) => m.paper_min({ minutes: oneDecimal(v / 60_000) });
const percent = (v: number) => v.toLocaleString(intlLocale(), { style: 'percent', maximumFractionDigits: 0 });

export const CHARTS: Chart[] = [
  {
    id: 'headcount',
    title: m.paper_chart_headcount,
    about: m.paper_chart_headcount_about,
    series: [
      { label: m.paper_series_meetings, value: (b) => b.meetings, text: count },
      { label: m.paper_series_mean_headcount, value: (b) => b.headcount?.mean ?? null, text: oneDecimal, tick: count },
      { label: m.paper_series_smallest, value: (b) => b.headcount?.min ?? null, text: count },
      { label: m.paper_series_largest, value: (b) => b.headcount?.max ?? null, text: count },
    ],
    drawn: [1, 2, 3],
  },
  {
    id: 'newcomers',
    title: m.paper_chart_newcomers,
    about: m.paper_chart_newcomers_about,
    series: [
      { label: m.paper_newcomers, value: (b) => b.newcomers, text: count },
      { label: m.paper_series_back_30, value: (b) => b.cameBack30, text: count },
      { label: m.paper_series_back_90, value: (b) => b.cameBack90, text: count },
      { label: m.paper_series_returning, value: (b) => b.returning, text: count },
    ],
    drawn: [0, 1, 2],
  },
  {
    id: 'sharing',
    title: m.paper_chart_sharing,
    about: m.paper_chart_sharing_about,
    series: [
      { label: m.paper_kit_shares, value: (b) => b.shares, text: count },
      { label: m.paper_kit_passes, value: (b) => b.passes, text: count },
      { label: m.paper_series_median_share, value: (b) => b.medianShareMs, text: minutes },
      { label: m.paper_series_top_fifth, value: (b) => b.topFifthPart, text: percent },
    ],
    drawn: [0, 1],
  },
  {
    id: 'time',
    title: m.paper_chart_time,
    about: m.paper_chart_time_about,
    series: [
      { label: m.paper_series_on_time, value: (b) => b.finishedOnTime, text: count },
      { label: m.paper_series_closed, value: (b) => b.finished, text: count },
      { label: m.paper_series_over_time, value: (b) => b.overtime, text: count },
    ],
    drawn: [1, 0],
  },
  {
    id: 'collections',
    title: m.paper_seventh_tradition,
    about: m.paper_chart_collections_about,
    series: [
      { label: m.paper_collections, value: (b) => b.collections, text: count },
      { label: m.paper_total, value: (b) => b.collectionCents, text: money },
    ],
    drawn: [1],
  },
];

/** "2026-03" as "Mar 2026" ("mar 2026"); a quarter's "2026 Q1" as "2026 Q1" ("T1 2026"). */
export function bucketName(label: string): string {
  const q = /^(\d{4}) Q([1-4])$/.exec(label);
  if (q) return m.paper_quarter_name({ year: q[1], quarter: q[2] });
  const month = /^(\d{4})-(\d{2})$/.exec(label);
  if (!month) return label;
  const name = new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1)).toLocaleString(intlLocale(), {
    month: 'short',
    timeZone: 'UTC',
  });
  return `${name} ${month[1]}`;
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
