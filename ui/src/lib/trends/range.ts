// The spans of dates the trends are read over: the last twelve months, a calendar quarter and the
// ones before it. Dates are "YYYY-MM-DD" strings, as core takes them; pure, so they are tested alone.

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
/** The last day of month `m` (1-12) of year `y`. */
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Today on this computer's calendar. */
export function today(now = new Date()): string {
  return iso(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/** From the first day of the month eleven months back to `date`: twelve months, this one included. */
export function twelveMonthsTo(date: string): { from: string; to: string } {
  const [y, m] = date.split('-').map(Number);
  const start = new Date(Date.UTC(y, m - 12, 1));
  return { from: iso(start.getUTCFullYear(), start.getUTCMonth() + 1, 1), to: date };
}

export interface Quarter {
  /** "2026 Q3", as core labels it. */
  label: string;
  from: string;
  to: string;
}

/** The calendar quarter `date` falls in (January to March is Q1). */
export function quarterOf(date: string): Quarter {
  const [y, m] = date.split('-').map(Number);
  return quarter(y, Math.floor((m - 1) / 3) + 1);
}

function quarter(y: number, q: number): Quarter {
  const first = (q - 1) * 3 + 1;
  return { label: `${y} Q${q}`, from: iso(y, first, 1), to: iso(y, first + 2, lastDay(y, first + 2)) };
}

/** The quarter before `q`. */
export function previousQuarter(q: Quarter): Quarter {
  const [y, m] = q.from.split('-').map(Number);
  return m === 1 ? quarter(y - 1, 4) : quarter(y, (m - 1) / 3);
}

/** The quarters a chair may report on: this one and the `n - 1` before it, newest first. */
export function recentQuarters(date: string, n: number): Quarter[] {
  const out = [quarterOf(date)];
  while (out.length < n) out.push(previousQuarter(out[out.length - 1]));
  return out;
}

/** Whole days from `from` to `to` ("YYYY-MM-DD"); an item raised today is 0 days old. */
export function daysBetween(from: string, to: string): number {
  const t = (d: string) => {
    const [y, m, day] = d.split('-').map(Number);
    return Date.UTC(y, m - 1, day);
  };
  return Math.round((t(to) - t(from)) / 86_400_000);
}
