//! A group's trends, month by month and quarter by quarter, over ten years of weekly meetings of 40
//! (the history store of `history/mod.rs`: 520 meetings, about 20,800 check-ins and 6,200 shares per
//! group): with every name kept, and after retention has cleared all but the last two years, so the
//! facts kept from the cleared meetings are read too. The target is 50 ms. And the same ten years
//! saved as a spreadsheet, one row per meeting and one per month: the target is 1 s.

#[path = "history/mod.rs"]
mod history;

use std::sync::Arc;
use std::time::Duration;

use circlekeeper_core::*;
use criterion::{criterion_group, criterion_main, Criterion};
use history::GROUPS;

/// Ten years and a little: from before the first meeting to after the last.
const FROM: &str = "2016-11-01";
const TO: &str = "2026-11-30";

fn trends(c: &mut Criterion) {
    let (_, ten, _) = history::snapshots();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("circlekeeper.sqlite3");
    std::fs::copy(&ten.path, &path).unwrap();
    let mut store = Store::open(&path, Arc::new(FakeClock::at(ten.now_ms))).unwrap();
    let group = store.groups().unwrap().into_iter().find(|g| g.name == GROUPS[0].name).unwrap();
    let all = store.trends(&group.id, FROM, TO).unwrap();
    let held: u32 = all.months.iter().map(|m| m.meetings).sum();
    assert!(held >= 520, "ten years of weekly meetings ({held})");

    let mut g = c.benchmark_group("trends, 10 years");
    g.sample_size(20);
    g.bench_function("one group, names kept (520 meetings)", |b| b.iter(|| store.trends(&group.id, FROM, TO).unwrap()));
    let csv = dir.path().join("Ten years.csv");
    for (label, rows) in
        [("CSV file, one row per meeting", CsvRows::Meetings), ("CSV file, one row per month", CsvRows::Months)]
    {
        g.bench_function(label, |b| b.iter(|| store.save_trends_csv(&group.id, None, None, rows, &csv).unwrap()));
    }
    let lines = std::fs::read_to_string(&csv).unwrap().lines().count();
    assert!(lines > 120, "a heading and ten years of months ({lines})");
    store.set_retention(&group.id, Some(24)).unwrap();
    store.apply_retention().unwrap();
    assert_eq!(store.trends(&group.id, FROM, TO).unwrap(), all, "retention changes no trend");
    g.bench_function("one group, 8 years cleared by retention", |b| {
        b.iter(|| store.trends(&group.id, FROM, TO).unwrap())
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(3));
    targets = trends
}
criterion_main!(benches);
