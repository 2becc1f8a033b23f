//! Months and quarters: which meetings fall in each (by their date where the group meets, so a
//! meeting late on the last evening of a month is in that month whatever the UTC date), and what
//! each bucket adds up to.

use chrono::{Datelike, Months, NaiveDate};

use super::facts::MeetingFacts;
use super::{Headcount, Period, TrendBucket};

/// The first day of the month or quarter `date` is in.
fn start_of(date: NaiveDate, period: Period) -> NaiveDate {
    let month = match period {
        Period::Month => date.month(),
        Period::Quarter => (date.month0() / 3) * 3 + 1,
    };
    NaiveDate::from_ymd_opt(date.year(), month, 1).unwrap_or(date)
}

fn length(period: Period) -> Months {
    Months::new(match period {
        Period::Month => 1,
        Period::Quarter => 3,
    })
}

fn label(start: NaiveDate, period: Period) -> String {
    match period {
        Period::Month => start.format("%Y-%m").to_string(),
        Period::Quarter => format!("{} Q{}", start.year(), start.month0() / 3 + 1),
    }
}

/// Every month or quarter from `from` to `to` (both included, `from <= to`), each with the meetings
/// of `meetings` (in date order) dated inside both it and the range. A bucket with no meeting is
/// kept, so a chart shows the gap.
pub(crate) fn buckets(meetings: &[MeetingFacts], from: NaiveDate, to: NaiveDate, period: Period) -> Vec<TrendBucket> {
    let mut out = Vec::new();
    let mut start = start_of(from, period);
    let mut rest = meetings.iter().skip_while(|m| m.date < from).take_while(|m| m.date <= to).peekable();
    while start <= to {
        let next = start.checked_add_months(length(period)).unwrap_or(NaiveDate::MAX);
        let (first, last) = (start.max(from), next.pred_opt().unwrap_or(next).min(to));
        let mut inside = Vec::new();
        while let Some(m) = rest.next_if(|m| m.date < next) {
            inside.push(m);
        }
        out.push(summary(label(start, period), first, last, &inside));
        start = next;
    }
    out
}

/// What the meetings of one bucket add up to.
fn summary(label: String, first: NaiveDate, last: NaiveDate, meetings: &[&MeetingFacts]) -> TrendBucket {
    let mut b = TrendBucket {
        label,
        first_day: first.format("%Y-%m-%d").to_string(),
        last_day: last.format("%Y-%m-%d").to_string(),
        meetings: meetings.len() as u32,
        ..TrendBucket::default()
    };
    let mut shares: Vec<i64> = Vec::new();
    let mut heads: u64 = 0;
    for m in meetings {
        let c = m.counts;
        heads += u64::from(c.headcount);
        b.headcount = Some(match b.headcount {
            None => Headcount { mean: 0.0, min: c.headcount, max: c.headcount },
            Some(h) => Headcount { min: h.min.min(c.headcount), max: h.max.max(c.headcount), ..h },
        });
        b.newcomers += c.newcomers;
        b.returning += c.returning;
        b.visitors += c.visitors;
        b.came_back_30 += m.came_back_30;
        b.came_back_90 += m.came_back_90;
        shares.extend(&m.share_ms);
        b.overtime += m.overtime;
        b.passes += m.passes;
        b.top_fifth_ms += m.top_fifth_ms;
        b.finished += u32::from(m.finished_on_time.is_some());
        b.finished_on_time += u32::from(m.finished_on_time == Some(true));
        if let Some(cents) = m.collection_cents {
            b.collections += 1;
            b.collection_cents += cents;
        }
    }
    if let Some(h) = &mut b.headcount {
        h.mean = heads as f64 / f64::from(b.meetings);
    }
    b.shares = shares.len() as u32;
    b.share_time_ms = shares.iter().sum();
    b.median_share_ms = median(&mut shares);
    b.top_fifth_part = (b.share_time_ms > 0).then(|| b.top_fifth_ms as f64 / b.share_time_ms as f64);
    b
}

/// The middle value (the mean of the two middle ones for an even count); `None` for none.
pub(super) fn median(values: &mut [i64]) -> Option<i64> {
    values.sort_unstable();
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2]),
        _ => Some((values[n / 2 - 1] + values[n / 2]) / 2),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::attendance::Counts;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn night(date: &str, headcount: u32, shares: &[i64]) -> MeetingFacts {
        MeetingFacts {
            id: date.into(),
            date: day(date),
            counts: Counts { headcount, returning: headcount, ..Counts::default() },
            share_ms: shares.to_vec(),
            ..MeetingFacts::default()
        }
    }

    #[test]
    fn the_last_tuesday_of_december_and_the_first_of_january_fall_in_different_years_and_quarters() {
        let nights = [night("2025-12-30", 12, &[]), night("2026-01-06", 20, &[])];
        let months = buckets(&nights, day("2025-12-01"), day("2026-01-31"), Period::Month);
        let labels: Vec<_> = months.iter().map(|b| (b.label.as_str(), b.meetings)).collect();
        assert_eq!(labels, vec![("2025-12", 1), ("2026-01", 1)]);
        let quarters = buckets(&nights, day("2025-10-01"), day("2026-03-31"), Period::Quarter);
        let labels: Vec<_> = quarters.iter().map(|b| (b.label.as_str(), b.meetings)).collect();
        assert_eq!(labels, vec![("2025 Q4", 1), ("2026 Q1", 1)]);
        assert_eq!((quarters[1].first_day.as_str(), quarters[1].last_day.as_str()), ("2026-01-01", "2026-03-31"));
    }

    #[test]
    fn a_month_in_the_middle_of_a_range_with_no_meeting_is_shown_empty() {
        let nights = [night("2026-01-06", 10, &[]), night("2026-03-03", 14, &[])];
        let months = buckets(&nights, day("2026-01-15"), day("2026-03-31"), Period::Month);
        let seen: Vec<_> = months.iter().map(|b| (b.label.as_str(), b.meetings, b.headcount.is_some())).collect();
        assert_eq!(seen, vec![("2026-01", 0, false), ("2026-02", 0, false), ("2026-03", 1, true)]);
        assert_eq!(months[0].first_day, "2026-01-15", "a bucket starts where the range starts");
    }

    #[test]
    fn headcount_spread_and_median_share_of_a_month() {
        let nights = [night("2026-02-03", 10, &[60_000, 240_000]), night("2026-02-10", 15, &[120_000])];
        let month = &buckets(&nights, day("2026-02-01"), day("2026-02-28"), Period::Month)[0];
        assert_eq!(month.headcount, Some(Headcount { mean: 12.5, min: 10, max: 15 }));
        assert_eq!((month.shares, month.median_share_ms, month.share_time_ms), (3, Some(120_000), 420_000));
        let even = [night("2026-02-03", 10, &[60_000, 240_000])];
        assert_eq!(
            buckets(&even, day("2026-02-01"), day("2026-02-28"), Period::Month)[0].median_share_ms,
            Some(150_000)
        );
    }
}
