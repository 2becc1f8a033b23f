//! Milestones: a member's recovery date (clean date, sobriety date, last use), kept only if they
//! opt in, and the keytags and medallions that fall due around a meeting. Calendar dates only:
//! "today" is the date where the group meets, never the laptop's UTC date.
//!
//! Month-based points land on the same day of the month, or on the month's last day when it is
//! shorter (30 January plus 1 month is 28 or 29 February). A recovery date of 29 February has its
//! yearly anniversary on 28 February in ordinary years: still February, the month they know.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{month_name, problem, Error, Problem, Result};
use crate::zone::Zone;

/// How many days ahead the milestones list looks: the week until the next weekly meeting.
pub const LOOKAHEAD_DAYS: u64 = 7;
/// With no earlier meeting on record, the list looks back this far, as if the group met a week ago.
pub const DEFAULT_LOOKBACK_DAYS: u64 = 7;
/// However long since the last meeting, the list looks back at most this far (five weeks covers a
/// monthly group), so a group back after a long break is not handed months of old dates.
pub const MAX_LOOKBACK_DAYS: u64 = 35;
/// The earliest recovery date taken: earlier is surely a typing mistake.
pub const EARLIEST_YEAR: i32 = 1900;
/// The most points a group's list may have.
pub const MAX_POINTS: usize = 100;
/// The points a chair picks from: the usual keytags and medallions, then the first few years. The
/// first eight, up to 18 months, are a new group's list.
pub const USUAL_POINTS: [Point; 13] = [
    Point::Days(1),
    Point::Days(30),
    Point::Days(60),
    Point::Days(90),
    Point::Months(6),
    Point::Months(9),
    Point::Years(1),
    Point::Months(18),
    Point::Years(2),
    Point::Years(3),
    Point::Years(4),
    Point::Years(5),
    Point::Years(10),
];

/// A milestone point, counted from the recovery date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", tag = "unit", content = "count")]
#[ts(export)]
pub enum Point {
    /// Whole days: 1 day is "24 hours".
    Days(u32),
    /// Calendar months, landing on the month's last day when it is shorter.
    Months(u32),
    /// Calendar years: 29 February's anniversary is 28 February in ordinary years.
    Years(u32),
}

impl Point {
    /// "24 hours", "30 days", "1 month", "6 months", "1 year", "2 years".
    /// [`Point::label`] as a part of a message.
    pub(crate) fn spoken(&self) -> Problem {
        match *self {
            Point::Days(1) => problem!("point_24_hours", "24 hours"),
            Point::Days(n) => problem!("point_days", "{count} days", count = n),
            Point::Months(1) => problem!("point_1_month", "1 month"),
            Point::Months(n) => problem!("point_months", "{count} months", count = n),
            Point::Years(1) => problem!("point_1_year", "1 year"),
            Point::Years(n) => problem!("point_years", "{count} years", count = n),
        }
    }

    pub fn label(&self) -> String {
        match *self {
            Point::Days(1) => "24 hours".to_string(),
            Point::Days(n) => format!("{n} days"),
            Point::Months(1) => "1 month".to_string(),
            Point::Months(n) => format!("{n} months"),
            Point::Years(1) => "1 year".to_string(),
            Point::Years(n) => format!("{n} years"),
        }
    }

    /// A whole number of years, which "every year" counts whether it is listed or not.
    pub fn by_every_year(&self) -> bool {
        matches!(self, Point::Years(_))
    }

    /// The date this point falls on for someone with this recovery date; none past the calendar's end.
    pub fn date_from(&self, recovery: NaiveDate) -> Option<NaiveDate> {
        match *self {
            Point::Days(n) => recovery.checked_add_days(chrono::Days::new(u64::from(n))),
            // chrono clamps to the last day of a shorter month: 31 January + 1 month = 28/29 February.
            Point::Months(n) => recovery.checked_add_months(chrono::Months::new(n)),
            Point::Years(n) => recovery.checked_add_months(chrono::Months::new(n.checked_mul(12)?)),
        }
    }

    pub(crate) fn check(&self) -> Result<()> {
        let (n, max) = match *self {
            Point::Days(n) => (n, 36_500),
            Point::Months(n) => (n, 1_200),
            Point::Years(n) => (n, 100),
        };
        if n == 0 {
            return Err(Error::invalid(match *self {
                Point::Days(_) => problem!(
                    "milestone_zero_days",
                    "A milestone needs at least 1 of its days; 0 days is the recovery date itself."
                ),
                Point::Months(_) => problem!(
                    "milestone_zero_months",
                    "A milestone needs at least 1 of its months; 0 months is the recovery date itself."
                ),
                Point::Years(_) => problem!(
                    "milestone_zero_years",
                    "A milestone needs at least 1 of its years; 0 years is the recovery date itself."
                ),
            }));
        }
        if n > max {
            return Err(Error::invalid(match *self {
                Point::Days(_) => {
                    problem!("milestone_too_far_days", "A milestone can be at most {max} days away.", max = max)
                }
                Point::Months(_) => {
                    problem!("milestone_too_far_months", "A milestone can be at most {max} months away.", max = max)
                }
                Point::Years(_) => {
                    problem!("milestone_too_far_years", "A milestone can be at most {max} years away.", max = max)
                }
            }));
        }
        if let Point::Months(m) = *self {
            if m % 12 == 0 {
                return Err(Error::invalid(problem!(
                    "months_are_years",
                    "{months} months is the same day as {years}; please list it that way.",
                    months = m,
                    years = Point::Years(m / 12).spoken()
                )));
            }
        }
        Ok(())
    }
}

/// The milestones a group celebrates: its list, and whether every yearly anniversary counts as well.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MilestonePoints {
    pub points: Vec<Point>,
    /// Every whole year counts (1 year, 2 years, 3 years, …), whether listed or not.
    pub every_year: bool,
}

impl Default for MilestonePoints {
    /// 24 hours, 30, 60 and 90 days, 6, 9 and 18 months, and every year.
    fn default() -> Self {
        MilestonePoints { points: USUAL_POINTS[..8].to_vec(), every_year: true }.normalised()
    }
}

impl MilestonePoints {
    /// Checks a group's list: each point 1 or more and within reach, none twice, 12 months written as
    /// a year. An empty list is allowed: a group that does not celebrate milestones. The list comes
    /// back as it is kept: with every year counted, the whole years listed are dropped.
    pub fn validated(&self) -> Result<MilestonePoints> {
        if self.points.len() > MAX_POINTS {
            return Err(Error::invalid(problem!(
                "groups_milestone_list_have_most",
                "A group's milestone list can have at most {max_points} points.",
                max_points = MAX_POINTS
            )));
        }
        for (i, p) in self.points.iter().enumerate() {
            p.check()?;
            if self.points[..i].contains(p) {
                return Err(Error::invalid(problem!(
                    "milestone_twice",
                    "“{milestone}” is in the milestone list twice.",
                    milestone = p.spoken()
                )));
            }
        }
        Ok(self.clone().normalised())
    }

    /// A listed whole year adds nothing while every year counts, and would come back listed once
    /// "every year" is turned off, which the chair did not ask for.
    fn normalised(mut self) -> MilestonePoints {
        if self.every_year {
            self.points.retain(|p| !p.by_every_year());
        }
        self
    }

    /// The list as the chair picks from it: the usual points, then any other point this group
    /// keeps, each ticked if the group celebrates it (a whole year is, while every year counts).
    pub fn choices(&self) -> MilestoneChoices {
        let others = self.points.iter().filter(|p| !USUAL_POINTS.contains(p));
        let choices = USUAL_POINTS
            .iter()
            .chain(others)
            .map(|&point| PointChoice {
                point,
                label: point.label(),
                chosen: self.points.contains(&point) || (self.every_year && point.by_every_year()),
                by_every_year: point.by_every_year(),
            })
            .collect();
        MilestoneChoices { every_year: self.every_year, choices }
    }
}

/// One box on the chair's list of milestones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PointChoice {
    pub point: Point,
    /// "24 hours", "6 months", "2 years".
    pub label: String,
    /// The group celebrates this point.
    pub chosen: bool,
    /// A whole number of years: counted anyway while "every year" is on.
    pub by_every_year: bool,
}

/// The milestones a group celebrates, as the chair picks them: whether every year counts, and the
/// points to tick.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MilestoneChoices {
    pub every_year: bool,
    pub choices: Vec<PointChoice>,
}

/// A milestone falling due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Milestone {
    pub point: Point,
    /// "30 days", "6 months", "2 years".
    pub label: String,
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// Days since the recovery date on that date.
    pub days: i64,
}

/// The days in which milestones count as due for a meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Window {
    /// Milestones on this date were for the last meeting; those after it count.
    #[ts(type = "string")]
    pub after: NaiveDate,
    /// Up to and including this date.
    #[ts(type = "string")]
    pub until: NaiveDate,
}

/// The milestones window for a meeting held `today`: from the group's last meeting before it
/// (exclusive, since that meeting celebrated its own day) up to a week after today (inclusive).
/// With no earlier meeting, it starts a week back; it never starts more than five weeks back, and a
/// "last meeting" later than today (a second meeting today, or a clock set wrong) counts as today.
pub fn window(last_meeting: Option<NaiveDate>, today: NaiveDate) -> Window {
    let back = |days: u64| today.checked_sub_days(chrono::Days::new(days)).unwrap_or(today);
    let after = last_meeting.unwrap_or_else(|| back(DEFAULT_LOOKBACK_DAYS)).clamp(back(MAX_LOOKBACK_DAYS), today);
    let until = today.checked_add_days(chrono::Days::new(LOOKAHEAD_DAYS)).unwrap_or(today);
    Window { after, until }
}

fn milestone(recovery: NaiveDate, point: Point) -> Option<Milestone> {
    let date = point.date_from(recovery)?;
    Some(Milestone { point, label: point.label(), date, days: (date - recovery).num_days() })
}

/// Every milestone of this person's falling after `after` and on or before `until`, earliest first.
/// An empty window (until not after `after`) has none.
pub fn due(
    recovery: NaiveDate,
    points: &MilestonePoints,
    after: NaiveDate,
    until: NaiveDate,
) -> Result<Vec<Milestone>> {
    points.validated()?;
    let in_window = |m: &Milestone| m.date > after && m.date <= until;
    let mut found: Vec<Milestone> =
        points.points.iter().filter_map(|&p| milestone(recovery, p)).filter(in_window).collect();
    if points.every_year {
        // The n-th anniversary is always in the year recovery.year() + n (clamping stays in February),
        // so years before the window's start need not be tried.
        let first = (after.year() - recovery.year()).max(1);
        for n in first.. {
            let Some(m) = u32::try_from(n).ok().and_then(|n| milestone(recovery, Point::Years(n))) else { break };
            if m.date > until {
                break;
            }
            if in_window(&m) && !found.iter().any(|f| f.point == m.point) {
                found.push(m);
            }
        }
    }
    found.sort_by_key(|m| (m.date, m.days));
    Ok(found)
}

/// The next milestone on or after `on`, if any is left in the group's list.
pub fn next_milestone(recovery: NaiveDate, points: &MilestonePoints, on: NaiveDate) -> Result<Option<Milestone>> {
    points.validated()?;
    let mut candidates: Vec<Milestone> = points.points.iter().filter_map(|&p| milestone(recovery, p)).collect();
    if points.every_year {
        let first = (on.year() - recovery.year()).max(1);
        candidates
            .extend((first..=first + 1).filter_map(|n| milestone(recovery, Point::Years(u32::try_from(n).ok()?))));
    }
    Ok(candidates.into_iter().filter(|m| m.date >= on).min_by_key(|m| (m.date, m.days)))
}

/// Days clean (sober, since last use) on `on`: 0 on the recovery date itself, 1 the day after.
pub fn days_since(recovery: NaiveDate, on: NaiveDate) -> Result<i64> {
    if on < recovery {
        return Err(Error::invalid(problem!(
            "date_before_recovery_date_days",
            "That date is before the recovery date, so there are no days to count yet."
        )));
    }
    Ok((on - recovery).num_days())
}

/// Checks a recovery date against `today` where the group meets: not in the future, not before 1900.
pub fn check_recovery_date(date: NaiveDate, today: NaiveDate) -> Result<NaiveDate> {
    if date > today {
        return Err(Error::invalid(problem!(
            "recovery_date_future",
            "A recovery date cannot be in the future: {date} is after today ({today}).",
            date = Problem::date(date),
            today = Problem::date(today)
        )));
    }
    if date.year() < EARLIEST_YEAR {
        return Err(Error::invalid(problem!(
            "recovery_date_too_early",
            "{date} is before {earliest}; please check the year.",
            date = Problem::date(date),
            earliest = EARLIEST_YEAR
        )));
    }
    Ok(date)
}

/// Reads a date typed as year-month-day ("2024-03-15"; "2024-3-5" too), saying plainly what is wrong
/// with one that is not a real date (29 February in a year that is not a leap year, 31 April, month 13).
pub fn parse_date(raw: &str) -> Result<NaiveDate> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(Error::invalid(problem!(
            "give_date_year_month_day",
            "Please give a date as year-month-day, like 2024-03-15."
        )));
    }
    let unreadable = || {
        Error::invalid(problem!(
            "date_not_readable",
            "“{text}” is not a date Circlekeeper can read; please write it as year-month-day, like 2024-03-15.",
            text = text
        ))
    };
    let parts: Vec<&str> = text.split('-').collect();
    let [y, m, d] = parts[..] else { return Err(unreadable()) };
    let digits = |s: &str, lengths: std::ops::RangeInclusive<usize>| {
        lengths.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(y, 4..=4) || !digits(m, 1..=2) || !digits(d, 1..=2) {
        return Err(unreadable());
    }
    let (year, month, day): (i32, u32, u32) = (
        y.parse().map_err(|_| unreadable())?,
        m.parse().map_err(|_| unreadable())?,
        d.parse().map_err(|_| unreadable())?,
    );
    if !(1..=12).contains(&month) {
        return Err(Error::invalid(problem!(
            "month_out_of_range",
            "“{text}” has month {month}; months go from 1 to 12.",
            text = text,
            month = month
        )));
    }
    if day == 0 {
        return Err(Error::invalid(problem!(
            "day_zero",
            "“{text}” has day 0; days of the month start at 1.",
            text = text
        )));
    }
    if let Some(date) = NaiveDate::from_ymd_opt(year, month, day) {
        return Ok(date);
    }
    if month == 2 && day == 29 {
        return Err(Error::invalid(problem!(
            "not_leap_year",
            "{year} is not a leap year, so February {year} has 28 days: “{text}” is not a date.",
            year = year,
            text = text
        )));
    }
    let days_in_month = (28..=31).rev().find(|&n| NaiveDate::from_ymd_opt(year, month, n).is_some()).unwrap_or(28);
    Err(Error::invalid(problem!(
        "month_days",
        "{month} has {days} days: “{text}” is not a date.",
        month = month_name(month),
        days = days_in_month,
        text = text
    )))
}

/// Reads and checks a recovery date as a person typed it.
pub fn recovery_date(raw: &str, today: NaiveDate) -> Result<NaiveDate> {
    check_recovery_date(parse_date(raw)?, today)
}

/// Today's date in the time zone `tz_name` (IANA, like "America/Los_Angeles") at `now_utc_ms`.
pub fn today_in(tz_name: &str, now_utc_ms: i64) -> Result<NaiveDate> {
    let zone = Zone::named(tz_name).ok_or_else(|| {
        Error::invalid(problem!(
            "time_zone_circlekeeper_knows_choose",
            "“{tz_name}” is not a time zone Circlekeeper knows; choose one like Europe/London.",
            tz_name = tz_name
        ))
    })?;
    zone.date_at(now_utc_ms).ok_or_else(|| {
        Error::invalid(problem!(
            "clocks_time_out_range_check",
            "The clock's time is out of range; please check the computer's date."
        ))
    })
}

/// How many keytags or medallions the group has for one point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct StockCount {
    pub point: Point,
    /// Signed, so a mistyped negative reaches validation and is refused with a message.
    pub count: i64,
}

/// How many keytags or medallions of one point the group has, as the chair reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct StockLine {
    pub point: Point,
    /// "30 days", "1 year".
    pub label: String,
    pub count: i64,
}

impl From<StockCount> for StockLine {
    fn from(s: StockCount) -> StockLine {
        StockLine { point: s.point, label: s.point.label(), count: s.count }
    }
}

/// A point the group is running low on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct LowStock {
    pub point: Point,
    pub label: String,
    pub count: i64,
    /// None left at all.
    pub out: bool,
}

/// Checks stock counts: none negative, each point once.
pub fn check_stock(stock: &[StockCount]) -> Result<()> {
    for (i, s) in stock.iter().enumerate() {
        s.point.check()?;
        if s.count < 0 {
            return Err(Error::invalid(problem!(
                "stock_below_zero",
                "The count of “{milestone}” keytags or medallions cannot be below zero.",
                milestone = s.point.spoken()
            )));
        }
        if stock[..i].iter().any(|o| o.point == s.point) {
            return Err(Error::invalid(problem!(
                "stock_twice",
                "“{milestone}” is counted twice in the stock list.",
                milestone = s.point.spoken()
            )));
        }
    }
    Ok(())
}

/// The points with `threshold` or fewer left, in the order given: time to order more.
pub fn low_stock(stock: &[StockCount], threshold: i64) -> Result<Vec<LowStock>> {
    check_stock(stock)?;
    if threshold < 0 {
        return Err(Error::invalid(problem!(
            "running_low_level_below_zero",
            "The “running low” level cannot be below zero."
        )));
    }
    Ok(stock
        .iter()
        .filter(|s| s.count <= threshold)
        .map(|s| LowStock { point: s.point, label: s.point.label(), count: s.count, out: s.count == 0 })
        .collect())
}
