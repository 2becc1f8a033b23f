//! Trends, without names: a group's meetings month by month and quarter by quarter (headcount,
//! newcomers and whether they came back, shares, time, collections), for the business meeting and
//! intergroup. Every number is name-free, and reads the same after retention has taken the names.

mod buckets;
mod csv;
pub(crate) mod facts;
pub(crate) mod read;

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{problem, Error, Result};
use crate::group;
use crate::handover;
use crate::store::Store;

pub use csv::CsvRows;

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
    NaiveDate::parse_from_str(&date, "%Y-%m-%d").map_err(|_| {
        Error::invalid(problem!(
            "day_unreadable",
            "Please give the {what} as a date.",
            what = crate::names::field(what)
        ))
    })
}

impl Store {
    /// The group's trends from `from` to `to` ("YYYY-MM-DD", both included), month by month and
    /// quarter by quarter. Reads only.
    pub fn trends(&self, group_id: &str, from: &str, to: &str) -> Result<Trends> {
        let (first, last) = (day(from, "first day")?, day(to, "last day")?);
        if first > last {
            return Err(Error::invalid(problem!(
                "first_day_trends_must_come",
                "The first day of the trends must come before the last."
            )));
        }
        if first.checked_add_months(Months::new(12 * MAX_YEARS)).is_none_or(|limit| last >= limit) {
            return Err(Error::invalid(problem!(
                "trends_cover_most_years_time",
                "Trends cover at most {max_years} years at a time.",
                max_years = MAX_YEARS
            )));
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

/// The trends as a chair reads them, on stores written through the app's own actions.
#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::sync::Arc;

    use chrono::NaiveDateTime;

    use super::*;
    use crate::bundle::payload;
    use crate::clock::Clock;
    use crate::clock::FakeClock;
    use crate::group::roster::PersonInput;
    use crate::group::GroupInput;
    use crate::handover::ReportInput;
    use crate::meeting::attendance::CountKind;
    use crate::meeting::{MeetingMode, OpenMeetingInput};
    use crate::speaking::order::Direction;
    use crate::speaking::round::StartCircleInput;
    use crate::timer::StartShareInput;

    const MIN_MS: i64 = 60 * 1000;
    const DAY_MS: i64 = 24 * 60 * MIN_MS;
    const WEEK_MS: i64 = 7 * DAY_MS;

    fn utc_ms(at: &str) -> i64 {
        NaiveDateTime::parse_from_str(at, "%Y-%m-%d %H:%M").unwrap().and_utc().timestamp_millis()
    }

    /// The chair of one group, on a store of their own and a clock they move by hand.
    struct Chair {
        store: Store,
        clock: FakeClock,
        group_id: String,
    }

    impl Chair {
        /// Tuesday Night Hope, 19:30 for an hour in `zone`, with the clock at `at` (UTC).
        fn new(zone: &str, at: &str) -> Chair {
            let clock = FakeClock::at(utc_ms(at));
            let mut store = Store::open_in_memory(Arc::new(clock.clone())).unwrap();
            let input = GroupInput::tuesday_night_hope();
            let group_id = store.create_group(&input).unwrap().id;
            // The group meets where the test says, whatever this computer's zone.
            store.conn().execute("UPDATE groups SET time_zone = ?1 WHERE id = ?2", [zone, &group_id]).unwrap();
            Chair { store, clock, group_id }
        }

        fn at(&self, when: i64) {
            self.clock.advance_ms(when - self.clock.now_ms());
        }

        fn open(&mut self, mode: MeetingMode) -> String {
            let input =
                OpenMeetingInput { group_id: self.group_id.clone(), chair: "Robin".into(), mode, another_today: false };
            self.store.open_meeting(&input).unwrap().meeting.id
        }

        fn person(&mut self, name: &str) -> String {
            let input = PersonInput { display_name: name.into(), last_initial: String::new() };
            self.store.add_person(&self.group_id, &input).unwrap().id
        }

        fn share(&mut self, meeting: &str, who: Option<&str>, minutes: i64) {
            let input = StartShareInput {
                meeting_id: meeting.into(),
                person_id: who.map(str::to_string),
                started_ago_ms: 0,
                replace_running: false,
            };
            let share = self.store.start_share(&input).unwrap().timer.unwrap().share_id;
            self.clock.advance_ms(minutes * MIN_MS);
            self.store.stop_share(&share).unwrap();
        }

        fn trends(&self, from: &str, to: &str) -> Trends {
            self.store.trends(&self.group_id, from, to).unwrap()
        }
    }

    /// Adds up what every month of some trends says.
    fn total(t: &Trends, of: impl Fn(&TrendBucket) -> u32) -> u32 {
        t.months.iter().map(of).sum()
    }

    /// Two years of Tuesdays: six regulars, a newcomer every fourth week (back the next week, five
    /// weeks later, twenty weeks later, or never, in turn), a walk-in every third week, shares of two
    /// to five minutes (one regular sharing twice on even weeks), a collection every other week, and
    /// some nights that run late. Gives how many newcomers came back within 30 and 90 days.
    fn two_years(chair: &mut Chair) -> (u32, u32) {
        let start = utc_ms("2024-11-05 19:30");
        let regulars: Vec<String> = (0..6).map(|i| chair.person(&format!("Regular {i}"))).collect();
        let mut coming_back: HashMap<i64, Vec<String>> = HashMap::new();
        // Each regular came for the first time in the first fortnight and was back within another.
        let (mut back_30, mut back_90) = (6, 6);
        for week in 0..104 {
            chair.at(start + week * WEEK_MS);
            let m = chair.open(MeetingMode::Named);
            let mut here: Vec<String> = regulars
                .iter()
                .enumerate()
                .filter(|(i, _)| (week + *i as i64) % (*i as i64 + 2) != 0)
                .map(|(_, p)| p.clone())
                .collect();
            here.extend(coming_back.remove(&week).unwrap_or_default());
            for p in &here {
                chair.store.check_in(&m, p).unwrap();
            }
            if week % 4 == 0 {
                let name = format!("New {week}");
                let input = PersonInput { display_name: name.clone(), last_initial: String::new() };
                let view = chair.store.add_walk_in(&m, &input).unwrap();
                let attendee = view.attendees.into_iter().find(|a| a.display_name.as_deref() == Some(name.as_str()));
                let newcomer = attendee.unwrap().person_id.unwrap();
                let back_after = [Some(1), Some(5), Some(20), None][(week as usize / 4) % 4];
                if let Some(weeks) = back_after.filter(|w| week + w < 104) {
                    coming_back.entry(week + weeks).or_default().push(newcomer.clone());
                    back_30 += u32::from(weeks * 7 <= 30);
                    back_90 += u32::from(weeks * 7 <= 90);
                }
                here.push(newcomer);
            }
            if week % 3 == 0 {
                chair
                    .store
                    .add_walk_in(&m, &PersonInput { display_name: String::new(), last_initial: String::new() })
                    .unwrap();
            }
            for (i, p) in here.iter().take(4).enumerate() {
                chair.share(&m, Some(p), 2 + (week + i as i64) % 4);
            }
            if week % 2 == 0 && here.first() == regulars.first() {
                chair.share(&m, Some(&regulars[0]), 3);
            }
            if week % 5 == 0 {
                chair.share(&m, None, 2);
            }
            if week % 7 == 0 {
                chair.clock.advance_ms(45 * MIN_MS);
            }
            chair.store.close_meeting(&m).unwrap();
            if week % 2 == 0 {
                let report = ReportInput {
                    notes: String::new(),
                    collection_cents: Some(1500 + week * 25),
                    counted_by: vec!["Robin".into(), "Jo".into()],
                };
                chair.store.save_report(&m, &report).unwrap();
            }
        }
        (back_30, back_90)
    }

    #[test]
    fn two_years_of_trends_read_the_same_after_retention_takes_the_first_years_names() {
        let mut chair = Chair::new("UTC", "2024-11-05 19:00");
        let (back_30, back_90) = two_years(&mut chair);
        let (from, to) = ("2024-11-01", "2026-10-31");
        let before = chair.trends(from, to);
        // Twenty-six newcomers, and the six regulars at their first meeting.
        assert_eq!((total(&before, |b| b.meetings), total(&before, |b| b.newcomers)), (104, 32));
        assert_eq!((total(&before, |b| b.came_back_30), total(&before, |b| b.came_back_90)), (back_30, back_90));
        assert!(back_30 > 0 && back_90 > back_30, "the story has newcomers who come back sooner and later");
        assert!(total(&before, |b| b.overtime) > 0 && total(&before, |b| b.collections) == 52);
        assert!(total(&before, |b| b.finished_on_time) < total(&before, |b| b.finished));

        // Another laptop took a copy of the group before retention ran.
        let mut other = Store::open_in_memory(Arc::new(chair.clock.clone())).unwrap();
        other.import_payload(payload(&chair.store, &chair.group_id, false).unwrap().0, None).unwrap();

        chair.store.set_retention(&chair.group_id, Some(12)).unwrap();
        let run = chair.store.apply_retention().unwrap();
        assert!(run.meetings() >= 50, "about the first year loses its names ({} meetings)", run.meetings());
        let after = chair.trends(from, to);
        assert_eq!(after, before, "every month and quarter reads as it did");

        // The kept facts travel: into the copy made before (a merge) and into a laptop with none.
        other.import_payload(payload(&chair.store, &chair.group_id, false).unwrap().0, None).unwrap();
        assert_eq!(other.trends(&chair.group_id, from, to).unwrap(), before, "merged over the old copy");
        let mut fresh = Store::open_in_memory(Arc::new(chair.clock.clone())).unwrap();
        fresh.import_payload(payload(&chair.store, &chair.group_id, false).unwrap().0, None).unwrap();
        assert_eq!(fresh.trends(&chair.group_id, from, to).unwrap(), before, "a laptop that never saw the names");
        assert!(fresh.check_data().unwrap().problems.is_empty());
    }

    #[test]
    fn a_person_edited_on_the_other_laptop_while_retention_ran_here_is_still_no_newcomer_after_the_merge() {
        let mut chair = Chair::new("UTC", "2025-01-07 19:30");
        let first = chair.open(MeetingMode::Named);
        let sam = chair.person("Sam");
        chair.store.check_in(&first, &sam).unwrap();
        chair.store.close_meeting(&first).unwrap();
        chair.at(utc_ms("2026-11-03 19:30"));
        let recent = chair.open(MeetingMode::Named);
        chair.store.check_in(&recent, &sam).unwrap();
        chair.store.close_meeting(&recent).unwrap();
        let before = chair.trends("2025-01-01", "2026-11-30");

        // The other laptop has the group as it was, and the co-chair there notes Sam's recovery date
        // after retention ran here.
        let mut other = Store::open_in_memory(Arc::new(chair.clock.clone())).unwrap();
        other.import_payload(payload(&chair.store, &chair.group_id, false).unwrap().0, None).unwrap();
        chair.store.set_retention(&chair.group_id, Some(12)).unwrap();
        assert_eq!(chair.store.apply_retention().unwrap().meetings(), 1);
        chair.clock.advance_ms(MIN_MS);
        other.set_recovery_date(&sam, Some("2024-12-20")).unwrap();

        // Each takes the other's bundle: the later edit of Sam wins, and when he first came stays.
        let here = payload(&chair.store, &chair.group_id, false).unwrap().0;
        chair.store.import_payload(payload(&other, &chair.group_id, false).unwrap().0, None).unwrap();
        other.import_payload(here, None).unwrap();
        for laptop in [&chair.store, &other] {
            assert_eq!(laptop.trends(&chair.group_id, "2025-01-01", "2026-11-30").unwrap(), before);
            let counts = laptop.meeting_view(&recent).unwrap().counts;
            assert_eq!((counts.newcomers, counts.returning), (0, 1), "Sam is still a regular");
            let sam_there = laptop.roster(&chair.group_id).unwrap().into_iter().find(|p| p.id == sam).unwrap();
            assert_eq!(sam_there.recovery_date.as_deref(), Some("2024-12-20"));
        }
    }

    #[test]
    fn a_group_with_no_meetings_has_empty_months_and_a_backwards_range_is_refused() {
        let chair = Chair::new("Europe/Dublin", "2026-11-03 19:00");
        let t = chair.trends("2026-01-01", "2026-12-31");
        assert_eq!((t.months.len(), t.quarters.len()), (12, 4));
        assert!(t.months.iter().all(|b| b.meetings == 0 && b.headcount.is_none() && b.median_share_ms.is_none()));
        let refused = chair.store.trends(&chair.group_id, "2026-12-31", "2026-01-01").unwrap_err();
        assert!(refused.to_string().contains("before the last"), "{refused}");
        assert!(chair.store.trends(&chair.group_id, "last tuesday", "2026-01-01").is_err());
    }

    #[test]
    fn one_meeting_with_a_circle_counts_its_shares_its_pass_and_its_collection() {
        let mut chair = Chair::new("UTC", "2026-11-03 19:30");
        let m = chair.open(MeetingMode::Named);
        let people: Vec<String> = ["Ana", "Ben", "Cy"].iter().map(|n| chair.person(n)).collect();
        for p in &people {
            chair.store.check_in(&m, p).unwrap();
        }
        chair.store.set_seating(&m, &people).unwrap();
        let first = StartCircleInput {
            meeting_id: m.clone(),
            first_person_id: Some(people[0].clone()),
            direction: Direction::Clockwise,
        };
        chair.store.start_circle(&first).unwrap();
        chair.store.next_speaker(&m).unwrap(); // Ana shares for five minutes, one past her four
        chair.clock.advance_ms(5 * MIN_MS);
        chair.store.next_speaker(&m).unwrap(); // Ben's turn
        chair.store.pass_turn(&m).unwrap(); // Ben passes
        chair.store.next_speaker(&m).unwrap(); // Cy shares for three minutes
        chair.clock.advance_ms(3 * MIN_MS);
        chair.store.end_round(&m).unwrap();
        chair.store.close_meeting(&m).unwrap();
        let report = ReportInput {
            notes: String::new(),
            collection_cents: Some(2350),
            counted_by: vec!["Robin".into(), "Jo".into()],
        };
        chair.store.save_report(&m, &report).unwrap();

        let t = chair.trends("2026-11-01", "2026-11-30");
        let november = &t.months[0];
        assert_eq!(november.meetings, 1);
        assert_eq!(november.headcount, Some(Headcount { mean: 3.0, min: 3, max: 3 }));
        assert_eq!((november.newcomers, november.returning, november.came_back_30), (3, 0, 0));
        assert_eq!((november.shares, november.passes, november.overtime), (2, 1, 1));
        assert_eq!(november.median_share_ms, Some(4 * MIN_MS));
        assert_eq!((november.top_fifth_ms, november.share_time_ms), (5 * MIN_MS, 8 * MIN_MS));
        assert_eq!((november.finished, november.finished_on_time), (1, 1));
        assert_eq!((november.collections, november.collection_cents), (1, 2350));
        assert_eq!(t.quarters[0].label, "2026 Q4");
        assert_eq!(t.quarters[0].first_day, "2026-11-01", "the quarter is cut to the range");
    }

    #[test]
    fn meetings_with_no_shares_have_no_median_and_no_top_fifth() {
        let mut chair = Chair::new("UTC", "2026-11-03 19:30");
        let m = chair.open(MeetingMode::Named);
        let sam = chair.person("Sam");
        chair.store.check_in(&m, &sam).unwrap();
        chair.store.close_meeting(&m).unwrap();
        let november = &chair.trends("2026-11-01", "2026-11-30").months[0];
        assert_eq!((november.meetings, november.shares, november.passes), (1, 0, 0));
        assert_eq!((november.median_share_ms, november.top_fifth_part, november.share_time_ms), (None, None, 0));
    }

    #[test]
    fn counts_only_meetings_count_their_headcount_and_their_newcomers_but_no_shares() {
        let mut chair = Chair::new("UTC", "2026-11-03 19:30");
        let m = chair.open(MeetingMode::Headcount);
        chair.store.adjust_count(&m, CountKind::Members, 9).unwrap();
        chair.store.adjust_count(&m, CountKind::Newcomers, 2).unwrap();
        chair.store.adjust_count(&m, CountKind::Visitors, 1).unwrap();
        chair.store.close_meeting(&m).unwrap();
        chair.at(utc_ms("2026-11-10 19:30"));
        let named = chair.open(MeetingMode::Named);
        let sam = chair.person("Sam");
        chair.store.check_in(&named, &sam).unwrap();
        chair.store.close_meeting(&named).unwrap();

        let november = &chair.trends("2026-11-01", "2026-11-30").months[0];
        assert_eq!(november.meetings, 2);
        assert_eq!(november.headcount, Some(Headcount { mean: 6.5, min: 1, max: 12 }));
        assert_eq!((november.newcomers, november.returning, november.visitors), (3, 9, 1));
        assert_eq!((november.shares, november.came_back_90), (0, 0), "a counted newcomer cannot be known again");
    }

    #[test]
    fn a_meeting_late_on_the_last_evening_of_march_is_in_march_though_summer_time_began_that_month() {
        // New York moved its clocks forward on 8 March 2026; 23:30 there on 31 March is 03:30 UTC on 1 April.
        let mut chair = Chair::new("America/New_York", "2026-04-01 03:30");
        let m = chair.open(MeetingMode::Named);
        let sam = chair.person("Sam");
        chair.store.check_in(&m, &sam).unwrap();
        chair.store.close_meeting(&m).unwrap();
        let t = chair.trends("2026-03-01", "2026-04-30");
        let held: Vec<_> = t.months.iter().map(|b| (b.label.as_str(), b.meetings)).collect();
        assert_eq!(held, vec![("2026-03", 1), ("2026-04", 0)]);
        assert_eq!(t.months[0].finished_on_time, 0, "an hour long from 19:30, it finished late");
    }

    #[test]
    fn a_range_over_a_new_year_splits_december_from_january_and_q4_from_q1() {
        let mut chair = Chair::new("UTC", "2025-12-30 19:30");
        for _ in 0..2 {
            let m = chair.open(MeetingMode::Named);
            let p = chair.person(&format!("Person {}", chair.clock.now_ms()));
            chair.store.check_in(&m, &p).unwrap();
            chair.store.close_meeting(&m).unwrap();
            chair.clock.advance_ms(WEEK_MS);
        }
        let t = chair.trends("2025-12-01", "2026-01-31");
        let months: Vec<_> = t.months.iter().map(|b| (b.label.as_str(), b.meetings)).collect();
        let quarters: Vec<_> = t.quarters.iter().map(|b| (b.label.as_str(), b.meetings)).collect();
        assert_eq!(months, vec![("2025-12", 1), ("2026-01", 1)]);
        assert_eq!(quarters, vec![("2025 Q4", 1), ("2026 Q1", 1)]);
    }

    #[test]
    fn trends_are_asked_of_a_group_that_exists_for_at_most_fifty_years() {
        let chair = Chair::new("UTC", "2026-11-03 19:30");
        assert!(chair.store.trends("no-such-group", "2026-01-01", "2026-12-31").is_err());
        assert!(chair.store.trends(&chair.group_id, "1900-01-01", "2026-12-31").is_err(), "more than 50 years");
    }
}
