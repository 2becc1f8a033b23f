//! Trends, without names: a group's meetings month by month and quarter by quarter (headcount,
//! newcomers and whether they came back, shares, time, collections), for the business meeting and
//! intergroup. Every number is name-free, and reads the same after retention has taken the names.

mod buckets;
pub(crate) mod facts;
pub(crate) mod read;

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::group;
use crate::handover;
use crate::store::Store;

/// The longest span one request covers: a chart of more than 50 years helps no one.
const MAX_YEARS: u32 = 50;

/// Which buckets the meetings are counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Period {
    Month,
    Quarter,
}

/// A group's trends over a range of dates (both included, in the group's time zone).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Trends {
    pub group_id: String,
    /// "YYYY-MM-DD".
    pub from: String,
    pub to: String,
    /// Every month the range touches, in order, with no meeting or several.
    pub months: Vec<TrendBucket>,
    /// Every quarter (January to March is Q1) the range touches, in order.
    pub quarters: Vec<TrendBucket>,
}

/// How many came, over the meetings of a bucket.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Headcount {
    pub mean: f64,
    pub min: u32,
    pub max: u32,
}

/// One month or quarter of a group's meetings: what they add up to, with no one's name.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TrendBucket {
    /// "2026-03" for a month, "2026 Q1" for a quarter.
    pub label: String,
    /// The bucket's first and last day inside the range ("YYYY-MM-DD").
    pub first_day: String,
    pub last_day: String,
    /// Meetings held (open or closed; counts-only meetings too).
    pub meetings: u32,
    /// `None` when no meeting was held.
    pub headcount: Option<Headcount>,
    /// First-time visitors to the group.
    pub newcomers: u32,
    /// Of those newcomers (by name: a counts-only meeting's are not known again), how many came to
    /// another meeting within 30 days of their first, and within 90.
    pub came_back_30: u32,
    pub came_back_90: u32,
    /// Members who had been to the group before, one per meeting they came to.
    pub returning: u32,
    /// Anonymous walk-ins and visitors.
    pub visitors: u32,
    /// Finished shares, and passes (a pass is no share).
    pub shares: u32,
    pub passes: u32,
    pub median_share_ms: Option<i64>,
    /// All the finished shares' spoken time.
    pub share_time_ms: i64,
    /// The share time taken, meeting by meeting, by the top fifth of its speakers (at least one).
    pub top_fifth_ms: i64,
    /// `top_fifth_ms` as a part of `share_time_ms` (0 to 1); `None` with no share time.
    pub top_fifth_part: Option<f64>,
    /// Shares that ran past their planned time (with what the chair added or took away).
    pub overtime: u32,
    /// Closed meetings, and those that finished by their planned end (by the format runner's
    /// report if it ran, else by the group's start time and length).
    pub finished: u32,
    pub finished_on_time: u32,
    /// Meetings with a 7th Tradition collection recorded, and their total in cents.
    pub collections: u32,
    pub collection_cents: i64,
}

fn day(raw: &str, what: &str) -> Result<NaiveDate> {
    let date = handover::date(raw, what)?;
    NaiveDate::parse_from_str(&date, "%Y-%m-%d")
        .map_err(|_| Error::invalid(format!("Please give the {what} as a date.")))
}

impl Store {
    /// The group's trends from `from` to `to` ("YYYY-MM-DD", both included), month by month and
    /// quarter by quarter. Reads only.
    pub fn trends(&self, group_id: &str, from: &str, to: &str) -> Result<Trends> {
        let (first, last) = (day(from, "first day")?, day(to, "last day")?);
        if first > last {
            return Err(Error::invalid("The first day of the trends must come before the last."));
        }
        if first.checked_add_months(Months::new(12 * MAX_YEARS)).is_none_or(|limit| last >= limit) {
            return Err(Error::invalid(format!("Trends cover at most {MAX_YEARS} years at a time.")));
        }
        let group = group::get(self.conn(), group_id)?;
        let meetings = read::meeting_facts(self.conn(), &group)?;
        Ok(Trends {
            group_id: group.id,
            from: first.format("%Y-%m-%d").to_string(),
            to: last.format("%Y-%m-%d").to_string(),
            months: buckets::buckets(&meetings, first, last, Period::Month),
            quarters: buckets::buckets(&meetings, first, last, Period::Quarter),
        })
    }
}

#[cfg(test)]
mod tests;
