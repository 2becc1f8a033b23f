//! Milestones, as a chair meets them: who has a keytag or medallion coming up this week, counted from
//! the recovery date a member chose to give, right across month ends and leap years.

use crate::deep_paths::milestone::{
    check_recovery_date, days_since, due, low_stock, next_milestone, parse_date, recovery_date, today_in, window,
};
use crate::helpers::refused_as;
use chrono::{Datelike, NaiveDate};
use circlekeeper_core::*;
use proptest::prelude::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn labels(ms: &[Milestone]) -> Vec<(String, String)> {
    ms.iter().map(|m| (m.label.clone(), m.date.to_string())).collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

fn only(points: &[Point], every_year: bool) -> MilestonePoints {
    MilestonePoints { points: points.to_vec(), every_year }
}

// --- The points a group celebrates ------------------------------------------------------------

#[test]
fn the_default_list_is_the_usual_keytags_and_every_year() {
    let p = MilestonePoints::default();
    let names: Vec<String> = p.points.iter().map(Point::label).collect();
    assert_eq!(names, ["24 hours", "30 days", "60 days", "90 days", "6 months", "9 months", "18 months"]);
    assert!(p.every_year, "1 year, 2 years and on are counted by every year");
    assert_eq!(p.validated().unwrap(), p);
}

#[test]
fn the_chair_picks_from_the_usual_points_in_words_with_the_years_ticked_by_every_year() {
    let usual = MilestonePoints::default().choices();
    let labels: Vec<&str> = usual.choices.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "24 hours",
            "30 days",
            "60 days",
            "90 days",
            "6 months",
            "9 months",
            "1 year",
            "18 months",
            "2 years",
            "3 years",
            "4 years",
            "5 years",
            "10 years"
        ]
    );
    assert!(usual.every_year && usual.choices.iter().all(|c| c.chosen), "a new group celebrates them all");
    assert!(usual.choices.iter().all(|c| c.by_every_year == matches!(c.point, Point::Years(_))));

    // Without every year only the years listed are ticked, and a point of the group's own comes last.
    let own = only(&[Point::Days(90), Point::Years(5), Point::Days(7)], false).choices();
    let ticked: Vec<&str> = own.choices.iter().filter(|c| c.chosen).map(|c| c.label.as_str()).collect();
    assert_eq!(ticked, ["90 days", "5 years", "7 days"]);
    assert_eq!(own.choices.len(), 14);
}

#[test]
fn a_year_ticked_while_every_year_counts_is_not_kept_twice() {
    let list = only(&[Point::Days(30), Point::Years(1), Point::Years(2)], true).validated().unwrap();
    assert_eq!(list, only(&[Point::Days(30)], true));
    assert_eq!(only(&[Point::Years(2)], false).validated().unwrap(), only(&[Point::Years(2)], false));
}

#[test]
fn a_point_travels_as_a_unit_and_a_count() {
    assert_eq!(serde_json::to_string(&Point::Days(30)).unwrap(), r#"{"unit":"days","count":30}"#);
    assert_eq!(serde_json::from_str::<Point>(r#"{"unit":"years","count":2}"#).unwrap(), Point::Years(2));
    assert_eq!(Point::Years(2).label(), "2 years");
    assert_eq!(Point::Months(1).label(), "1 month");
}

#[test]
fn a_group_edits_its_list_and_mistakes_are_refused() {
    assert!(refused_as("invalid", only(&[Point::Days(0)], false).validated()).contains("at least 1"));
    assert!(refused_as("invalid", only(&[Point::Days(30), Point::Days(30)], false).validated()).contains("“30 days”"));
    assert!(refused_as("invalid", only(&[Point::Months(24)], false).validated()).contains("2 years"));
    assert!(refused_as("invalid", only(&[Point::Years(101)], false).validated()).contains("at most 100 years"));
    assert!(only(&[], false).validated().is_ok(), "a group may celebrate no milestones at all");
    assert!(only(&[Point::Days(7), Point::Months(3), Point::Years(5)], false).validated().is_ok());
}

// --- What falls due -----------------------------------------------------------------------------

#[test]
fn a_newcomer_with_thirty_days_this_week_is_on_the_list() {
    let w = window(Some(d("2025-04-24")), d("2025-05-01"));
    assert_eq!((w.after, w.until), (d("2025-04-24"), d("2025-05-08")));
    let list = due(d("2025-04-01"), &MilestonePoints::default(), w.after, w.until).unwrap();
    assert_eq!(labels(&list), pairs(&[("30 days", "2025-05-01")]));
    assert_eq!(list[0].days, 30);
    assert_eq!(list[0].point, Point::Days(30));
}

#[test]
fn a_milestone_celebrated_at_the_last_meeting_is_not_listed_again() {
    // 90 days fell on the day of the last meeting; 6 months falls a week after today, and counts.
    let recovery = d("2024-11-07");
    let p = MilestonePoints::default();
    let w = window(Some(d("2025-02-05")), d("2025-04-30"));
    assert_eq!(w.after, d("2025-03-26"), "a long break looks back five weeks at most");
    let w = window(Some(d("2025-02-05")), d("2025-02-12"));
    assert_eq!(Point::Days(90).date_from(recovery), Some(d("2025-02-05")));
    assert!(due(recovery, &p, w.after, w.until).unwrap().is_empty());
    let list = due(recovery, &p, d("2025-04-30"), d("2025-05-07")).unwrap();
    assert_eq!(labels(&list), pairs(&[("6 months", "2025-05-07")]));
    assert!(due(recovery, &p, d("2025-04-30"), d("2025-05-06")).unwrap().is_empty(), "a day later is next week's");
}

#[test]
fn with_no_earlier_meeting_the_list_looks_back_a_week() {
    let w = window(None, d("2025-05-01"));
    assert_eq!((w.after, w.until), (d("2025-04-24"), d("2025-05-08")));
    let second_meeting_today = window(Some(d("2025-05-01")), d("2025-05-01"));
    assert_eq!(second_meeting_today.after, d("2025-05-01"));
    let clock_wrong = window(Some(d("2025-06-01")), d("2025-05-01"));
    assert_eq!(clock_wrong.after, d("2025-05-01"));
}

#[test]
fn two_milestones_in_one_week_come_earliest_first() {
    let p = only(&[Point::Days(60), Point::Months(2)], false);
    let list = due(d("2025-01-01"), &p, d("2025-02-25"), d("2025-03-05")).unwrap();
    assert_eq!(labels(&list), pairs(&[("2 months", "2025-03-01"), ("60 days", "2025-03-02")]));
}

#[test]
fn the_first_year_and_each_year_after() {
    let p = MilestonePoints::default();
    let list = due(d("2015-06-10"), &p, d("2025-06-03"), d("2025-06-17")).unwrap();
    assert_eq!(labels(&list), pairs(&[("10 years", "2025-06-10")]));
    assert_eq!(list[0].days, 3653);
    let list = due(d("2024-06-10"), &p, d("2025-06-03"), d("2025-06-17")).unwrap();
    assert_eq!(labels(&list), pairs(&[("1 year", "2025-06-10")]), "1 year is listed once, not twice");
}

#[test]
fn a_group_that_celebrates_only_the_years_it_lists() {
    let p = only(&[Point::Years(1), Point::Years(5)], false);
    assert!(due(d("2022-06-10"), &p, d("2025-06-03"), d("2025-06-17")).unwrap().is_empty());
    assert_eq!(
        labels(&due(d("2020-06-10"), &p, d("2025-06-03"), d("2025-06-17")).unwrap()),
        pairs(&[("5 years", "2025-06-10")])
    );
}

#[test]
fn the_next_milestone_is_shown_beside_a_name() {
    let p = MilestonePoints::default();
    let next = next_milestone(d("2025-01-01"), &p, d("2025-02-15")).unwrap().unwrap();
    assert_eq!((next.label.as_str(), next.date), ("60 days", d("2025-03-02")));
    let next = next_milestone(d("2020-06-10"), &p, d("2025-06-11")).unwrap().unwrap();
    assert_eq!((next.label.as_str(), next.date), ("6 years", d("2026-06-10")));
    assert_eq!(next_milestone(d("2020-06-10"), &only(&[Point::Days(30)], false), d("2025-01-01")).unwrap(), None);
}

// --- Calendars: month ends and leap years -------------------------------------------------------

#[test]
fn thirty_days_from_the_thirty_first_of_january() {
    // Thirty days are counted as days, into March...
    assert_eq!(Point::Days(30).date_from(d("2025-01-31")), Some(d("2025-03-02")));
    assert_eq!(Point::Days(30).date_from(d("2024-01-31")), Some(d("2024-03-01")));
    // ...while one month from 31 January is February's last day: chrono's checked_add_months clamps.
    assert_eq!(Point::Months(1).date_from(d("2025-01-31")), Some(d("2025-02-28")));
    assert_eq!(Point::Months(1).date_from(d("2024-01-31")), Some(d("2024-02-29")));
}

#[test]
fn a_month_based_milestone_lands_on_the_last_day_of_a_shorter_month() {
    assert_eq!(Point::Months(6).date_from(d("2024-08-31")), Some(d("2025-02-28")));
    assert_eq!(Point::Months(9).date_from(d("2024-05-31")), Some(d("2025-02-28")));
    assert_eq!(Point::Months(1).date_from(d("2025-03-31")), Some(d("2025-04-30")));
    assert_eq!(Point::Months(18).date_from(d("2023-08-31")), Some(d("2025-02-28")));
    // A date that exists in every month is kept as it is.
    assert_eq!(Point::Months(6).date_from(d("2024-08-15")), Some(d("2025-02-15")));
}

#[test]
fn a_leapling_celebrates_on_the_twenty_eighth_in_ordinary_years() {
    let leap_day = d("2024-02-29");
    assert_eq!(Point::Years(1).date_from(leap_day), Some(d("2025-02-28")));
    assert_eq!(Point::Years(3).date_from(leap_day), Some(d("2027-02-28")));
    assert_eq!(Point::Years(4).date_from(leap_day), Some(d("2028-02-29")), "in a leap year, the day itself");
    let list = due(leap_day, &MilestonePoints::default(), d("2025-02-21"), d("2025-03-07")).unwrap();
    assert_eq!(labels(&list), pairs(&[("1 year", "2025-02-28")]));
    assert_eq!(list[0].days, 365);
    let list = due(leap_day, &MilestonePoints::default(), d("2028-02-22"), d("2028-03-07")).unwrap();
    assert_eq!(labels(&list), pairs(&[("4 years", "2028-02-29")]));
    assert_eq!(list[0].days, 1461);
}

#[test]
fn days_clean_are_counted_from_the_recovery_date() {
    assert_eq!(days_since(d("2025-05-01"), d("2025-05-01")).unwrap(), 0);
    assert_eq!(days_since(d("2025-05-01"), d("2025-05-02")).unwrap(), 1, "the next day is 24 hours");
    assert_eq!(days_since(d("2024-01-01"), d("2025-01-01")).unwrap(), 366, "2024 was a leap year");
    assert_eq!(days_since(d("2025-01-01"), d("2026-01-01")).unwrap(), 365);
    assert!(refused_as("invalid", days_since(d("2025-05-02"), d("2025-05-01"))).contains("before the recovery date"));
}

// --- Typing a recovery date ---------------------------------------------------------------------

#[test]
fn a_recovery_date_in_the_future_is_refused() {
    let today = d("2025-05-01");
    let message = refused_as("invalid", check_recovery_date(d("2025-05-02"), today));
    assert_eq!(message, "A recovery date cannot be in the future: 2 May 2025 is after today (1 May 2025).");
    assert_eq!(check_recovery_date(today, today).unwrap(), today, "today itself is a fine day to start");
    assert!(refused_as("invalid", recovery_date("2030-01-01", today)).contains("future"));
}

#[test]
fn a_date_before_1900_is_refused_as_a_typing_mistake() {
    let today = d("2025-05-01");
    assert!(refused_as("invalid", recovery_date("1899-12-31", today)).contains("before 1900"));
    assert_eq!(recovery_date("1900-01-01", today).unwrap(), d("1900-01-01"));
}

#[test]
fn the_twenty_ninth_of_february_in_an_ordinary_year_is_refused_plainly() {
    let message = refused_as("invalid", parse_date("2025-02-29"));
    assert_eq!(message, "2025 is not a leap year, so February 2025 has 28 days: “2025-02-29” is not a date.");
    assert_eq!(parse_date("2024-02-29").unwrap(), d("2024-02-29"));
    assert!(refused_as("invalid", parse_date("1900-02-29")).contains("not a leap year"), "1900 was not a leap year");
    assert_eq!(parse_date("2000-02-29").unwrap(), d("2000-02-29"), "2000 was");
}

#[test]
fn other_impossible_dates_say_what_is_wrong() {
    assert_eq!(refused_as("invalid", parse_date("2025-04-31")), "April has 30 days: “2025-04-31” is not a date.");
    assert_eq!(refused_as("invalid", parse_date("2025-02-30")), "February has 28 days: “2025-02-30” is not a date.");
    assert!(refused_as("invalid", parse_date("2025-13-01")).contains("months go from 1 to 12"));
    assert!(refused_as("invalid", parse_date("15/03/2024")).contains("year-month-day, like 2024-03-15"));
    assert!(refused_as("invalid", parse_date("2024-03-15T10:00")).contains("year-month-day"));
    assert!(refused_as("invalid", parse_date("  ")).contains("Please give a date"));
    assert!(refused_as("invalid", parse_date("2025-00-10")).contains("month 0"));
    assert!(refused_as("invalid", parse_date("2025-05-00")).contains("day 0"));
}

#[test]
fn a_date_typed_with_short_numbers_or_spaces_is_read() {
    assert_eq!(parse_date(" 2024-3-5 ").unwrap(), d("2024-03-05"));
}

// --- Today, where the group meets ---------------------------------------------------------------

#[test]
fn today_is_the_date_where_the_group_meets_not_in_utc() {
    // 03:30 UTC on 2 May 2025 is still the evening of 1 May in Los Angeles, and already midday in Auckland.
    let now = chrono::DateTime::parse_from_rfc3339("2025-05-02T03:30:00Z").unwrap().timestamp_millis();
    assert_eq!(today_in("UTC", now).unwrap(), d("2025-05-02"));
    assert_eq!(today_in("America/Los_Angeles", now).unwrap(), d("2025-05-01"));
    assert_eq!(today_in("Pacific/Auckland", now).unwrap(), d("2025-05-02"));
    // A member whose 30 days are on 1 May (Los Angeles) is due today there, not yesterday.
    let today = today_in("America/Los_Angeles", now).unwrap();
    let list = due(d("2025-04-01"), &MilestonePoints::default(), window(None, today).after, today).unwrap();
    assert_eq!(labels(&list), pairs(&[("30 days", "2025-05-01")]));
}

#[test]
fn an_unknown_time_zone_is_refused() {
    assert!(refused_as("invalid", today_in("Mars/Olympus_Mons", 0)).contains("not a time zone"));
}

// --- Keytags and medallions in the box -----------------------------------------------------------

#[test]
fn the_treasurer_sees_which_keytags_are_running_low() {
    let stock = [
        StockCount { point: Point::Days(1), count: 12 },
        StockCount { point: Point::Days(30), count: 2 },
        StockCount { point: Point::Days(60), count: 0 },
        StockCount { point: Point::Years(1), count: 3 },
    ];
    let low = low_stock(&stock, 2).unwrap();
    let shown: Vec<(&str, i64, bool)> = low.iter().map(|l| (l.label.as_str(), l.count, l.out)).collect();
    assert_eq!(shown, [("30 days", 2, false), ("60 days", 0, true)]);
    assert_eq!(low_stock(&stock, 0).unwrap().len(), 1, "a level of 0 lists only what has run out");
}

#[test]
fn a_negative_count_is_refused() {
    let stock = [StockCount { point: Point::Days(30), count: -1 }];
    assert!(refused_as("invalid", low_stock(&stock, 2)).contains("“30 days”"));
    let fine = [StockCount { point: Point::Days(30), count: 1 }];
    assert!(refused_as("invalid", low_stock(&fine, -1)).contains("below zero"));
    let twice = [fine[0], fine[0]];
    assert!(refused_as("invalid", low_stock(&twice, 1)).contains("twice"));
}

// --- Whatever the dates -------------------------------------------------------------------------

fn date() -> impl Strategy<Value = NaiveDate> {
    // 1900-01-01 to about 2099.
    (0i64..73_000).prop_map(|n| d("1900-01-01") + chrono::Duration::days(n))
}

fn point() -> impl Strategy<Value = Point> {
    prop_oneof![
        (1u32..2000).prop_map(Point::Days),
        (1u32..240).prop_filter("whole years are listed as years", |m| m % 12 != 0).prop_map(Point::Months),
        (1u32..60).prop_map(Point::Years),
    ]
}

proptest! {
    #[test]
    fn milestone_dates_are_never_before_the_recovery_date_and_their_day_counts_agree(recovery in date(), p in point()) {
        let m = p.date_from(recovery).unwrap();
        prop_assert!(m > recovery);
        prop_assert_eq!(days_since(recovery, m).unwrap(), (m - recovery).num_days());
        match p {
            Point::Days(n) => prop_assert_eq!(days_since(recovery, m).unwrap(), i64::from(n)),
            Point::Months(n) | Point::Years(n) => {
                let months = if let Point::Years(_) = p { n * 12 } else { n };
                let moved = (m.year() * 12 + m.month0() as i32) - (recovery.year() * 12 + recovery.month0() as i32);
                prop_assert_eq!(moved, months as i32, "landed in the wrong month");
                prop_assert!(m.day() <= recovery.day(), "a month-based date never runs into the next month");
                prop_assert!(m.day() == recovery.day() || m.succ_opt().unwrap().day() == 1, "clamped, but not to the month's end");
            }
        }
    }

    #[test]
    fn due_lists_exactly_the_milestones_in_the_window(recovery in date(), start in 0i64..40_000, len in 0i64..60) {
        let points = MilestonePoints::default();
        let after = recovery + chrono::Duration::days(start);
        let until = after + chrono::Duration::days(len);
        let list = due(recovery, &points, after, until).unwrap();
        prop_assert!(list.windows(2).all(|w| w[0].date <= w[1].date), "not earliest first");
        let mut every: Vec<Point> = points.points.clone();
        every.extend((1..=150).map(Point::Years).filter(|p| !points.points.contains(p)));
        for p in every {
            let date = p.date_from(recovery).unwrap();
            let listed = list.iter().filter(|m| m.point == p).count();
            prop_assert_eq!(listed, usize::from(date > after && date <= until), "{:?} on {}", p, date);
        }
        for m in &list {
            prop_assert!(m.date > recovery && m.date > after && m.date <= until);
            prop_assert_eq!(m.days, days_since(recovery, m.date).unwrap());
            prop_assert_eq!(&m.label, &m.point.label());
        }
    }

    #[test]
    fn every_real_date_is_read_back_as_written(date in date()) {
        prop_assert_eq!(parse_date(&date.to_string()).unwrap(), date);
    }

    #[test]
    fn the_window_always_ends_a_week_ahead_and_starts_at_most_five_weeks_back(
        today in date(),
        last in proptest::option::of(-400i64..30),
    ) {
        let w = window(last.map(|n| today + chrono::Duration::days(n)), today);
        prop_assert_eq!(w.until, today + chrono::Duration::days(7));
        prop_assert!(w.after <= today && w.after >= today - chrono::Duration::days(35));
    }
}
