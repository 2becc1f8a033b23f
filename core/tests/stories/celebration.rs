//! Milestones as a chair meets them: opt-in recovery dates, who is celebrating tonight, the
//! keytag given, and the stock that runs low.

use crate::helpers::*;
use circlekeeper_core::*;

#[test]
fn a_member_with_thirty_days_this_week_is_celebrated_and_a_keytag_leaves_the_stock() {
    let mut room = Room::fresh();
    let group = room.group();
    let sam = room.person(&group, "Sam");
    let alex = room.person(&group, "Alex");
    // Tonight is 2026-11-17; Sam's 30 days fall on 2026-11-20, within the week ahead.
    room.store.set_recovery_date(&sam.id, Some("2026-10-21")).unwrap();
    room.store.set_stock(&group.id, StockCount { point: Point::Days(30), count: 3 }).unwrap();
    let m = room.meeting(&group, MeetingMode::Named);
    room.store.check_in(&m.meeting.id, &sam.id).unwrap();
    room.store.check_in(&m.meeting.id, &alex.id).unwrap();

    let v = room.store.celebrations(&m.meeting.id).unwrap();
    assert_eq!(v.due.len(), 1, "Alex shared no recovery date, so nothing is shown for Alex");
    assert_eq!((v.due[0].name.as_str(), v.due[0].milestone.label.as_str()), ("Sam", "30 days"));
    assert!(!v.due[0].celebrated);

    let v = room.store.celebrate(&m.meeting.id, &sam.id, "30 days").unwrap();
    assert!(v.due[0].celebrated);
    assert_eq!(v.stock, vec![StockCount { point: Point::Days(30), count: 2 }]);
    assert_eq!(v.low.len(), 1, "two left is running low");
    assert!(room.store.celebrate(&m.meeting.id, &sam.id, "30 days").is_err(), "not twice");
}

#[test]
fn a_recovery_date_is_opt_in_and_bad_dates_change_nothing() {
    let mut room = Room::fresh();
    let group = room.group();
    let sam = room.person(&group, "Sam");
    assert_eq!(room.store.roster(&group.id).unwrap()[0].recovery_date, None);
    for bad in ["2027-01-01", "2025-02-29", "not a date", "1899-12-31"] {
        let err = room.store.set_recovery_date(&sam.id, Some(bad)).unwrap_err();
        assert!(matches!(err, Error::Invalid(_)), "{bad}: {err}");
    }
    assert_eq!(room.store.roster(&group.id).unwrap()[0].recovery_date, None);
    let p = room.store.set_recovery_date(&sam.id, Some("2024-02-29")).unwrap();
    assert_eq!(p.recovery_date.as_deref(), Some("2024-02-29"));
    let p = room.store.set_recovery_date(&sam.id, None).unwrap();
    assert_eq!(p.recovery_date, None);
}

#[test]
fn a_negative_count_of_medallions_is_refused_and_the_stock_stays_empty() {
    let mut room = Room::fresh();
    let group = room.group();
    assert!(room.store.set_stock(&group.id, StockCount { point: Point::Years(1), count: -1 }).is_err());
    assert!(room.store.group_stock(&group.id).unwrap().is_empty());
}

#[test]
fn a_group_that_celebrates_only_years_changes_its_list() {
    let mut room = Room::fresh();
    let group = room.group();
    let sam = room.person(&group, "Sam");
    room.store.set_recovery_date(&sam.id, Some("2026-10-21")).unwrap();
    let list = MilestonePoints { points: vec![], every_year: true };
    room.store.set_milestone_points(&group.id, &list).unwrap();
    assert_eq!(room.store.milestone_points(&group.id).unwrap(), list.choices());
    let m = room.meeting(&group, MeetingMode::Named);
    room.store.check_in(&m.meeting.id, &sam.id).unwrap();
    assert!(room.store.celebrations(&m.meeting.id).unwrap().due.is_empty(), "30 days is not on this group's list");

    let doubled = MilestonePoints { points: vec![Point::Days(30), Point::Days(30)], every_year: true };
    assert!(room.store.set_milestone_points(&group.id, &doubled).is_err());
    assert_eq!(room.store.milestone_points(&group.id).unwrap(), list.choices());
}

#[test]
fn the_chair_ticks_milestones_and_counts_keytags_in_core_words() {
    let mut room = Room::fresh();
    let group = room.group();
    let chosen = |c: &MilestoneChoices| -> Vec<String> {
        c.choices.iter().filter(|c| c.chosen).map(|c| c.label.clone()).collect()
    };
    // The boxes the chair ticked, 2 years among them while every year counts: it is not kept twice.
    let ticked = MilestonePoints { points: vec![Point::Days(1), Point::Months(9), Point::Years(2)], every_year: true };
    let saved = room.store.set_milestone_points(&group.id, &ticked).unwrap();
    assert_eq!(saved, room.store.milestone_points(&group.id).unwrap());
    assert_eq!(
        chosen(&saved),
        ["24 hours", "9 months", "1 year", "2 years", "3 years", "4 years", "5 years", "10 years"]
    );

    // Every year turned off: only the years ticked stay.
    let ticked = MilestonePoints { points: vec![Point::Days(1), Point::Years(2)], every_year: false };
    assert_eq!(chosen(&room.store.set_milestone_points(&group.id, &ticked).unwrap()), ["24 hours", "2 years"]);

    let stock = room.store.set_stock(&group.id, StockCount { point: Point::Days(1), count: 12 }).unwrap();
    assert_eq!(stock, [StockLine { point: Point::Days(1), label: "24 hours".into(), count: 12 }]);
    room.store.set_stock(&group.id, StockCount { point: Point::Years(1), count: 4 }).unwrap();
    let labels: Vec<(String, i64)> =
        room.store.group_stock(&group.id).unwrap().into_iter().map(|l| (l.label, l.count)).collect();
    assert_eq!(labels, [("24 hours".to_string(), 12), ("1 year".to_string(), 4)]);
}
