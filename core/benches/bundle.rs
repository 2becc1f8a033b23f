//! Handover bundles of a big group: five years of weekly meetings (260), 40 people at each, with
//! shares, notes and action items. Export (read, seal) and import (open, merge into a fresh
//! store, one transaction) each include the passphrase's key derivation, as the chair waits for it.

use std::sync::Arc;

use circlekeeper_core::*;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};

const WEEK_MS: i64 = 7 * 24 * 60 * 60 * 1000;
const MEETINGS: i64 = 260;
const PEOPLE: usize = 40;
const PASS: &str = "correct horse battery";

fn pass() -> Passphrase {
    Passphrase::new(PASS.into()).unwrap()
}

/// Five years of Tuesdays ending on 17 Nov 2026, on a temporary file as the app keeps it.
fn five_years() -> (Store, String, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let clock = FakeClock::at(1_794_938_400_000 - MEETINGS * WEEK_MS);
    let mut store = Store::open(&dir.path().join("bench.sqlite3"), Arc::new(clock.clone())).unwrap();
    let group = store
        .create_group(&GroupInput {
            name: "Tuesday Night Hope".into(),
            fellowship: "NA".into(),
            weekday: 1,
            start_time: "19:30".into(),
            length_min: 90,
            location: String::new(),
        })
        .unwrap();
    let people: Vec<Person> = (0..PEOPLE)
        .map(|i| {
            store
                .add_person(
                    &group.id,
                    &PersonInput { display_name: format!("Member {i}"), last_initial: String::new() },
                )
                .unwrap()
        })
        .collect();
    for week in 0..MEETINGS {
        clock.advance_ms(WEEK_MS);
        let m = store
            .open_meeting(&OpenMeetingInput {
                group_id: group.id.clone(),
                chair: format!("Chair {}", week % 7),
                mode: MeetingMode::Named,
                another_today: false,
            })
            .unwrap();
        let id = m.meeting.id;
        for p in &people {
            store.check_in(&id, &p.id).unwrap();
        }
        for p in people.iter().take(12) {
            let s = store
                .start_share(&StartShareInput {
                    meeting_id: id.clone(),
                    person_id: Some(p.id.clone()),
                    started_ago_ms: 0,
                    replace_running: false,
                })
                .unwrap();
            clock.advance_ms(240_000);
            store.stop_share(&s.timer.unwrap().share_id).unwrap();
        }
        store
            .save_report(
                &id,
                &ReportInput {
                    notes: "Key is with the caretaker.\n- Announce the business meeting\n- Literature order".into(),
                    collection_cents: Some(4250),
                    counted_by: vec!["Sam".into(), "J".into()],
                },
            )
            .unwrap();
        store
            .add_action_item(
                &id,
                &ActionInput { text: format!("Follow-up {week}"), due_date: None, due_meeting: false },
            )
            .unwrap();
        store.close_meeting(&id).unwrap();
    }
    (store, group.id, dir)
}

fn bundles(c: &mut Criterion) {
    let (mut store, group, _dir) = five_years();
    let (sealed, report) = store.export_bundle(&group, &pass(), false).unwrap();
    eprintln!("bundle of 260 meetings: {} records, {} bytes", report.records, sealed.len());
    let mut g = c.benchmark_group("bundle, 260 meetings of 40");
    g.sample_size(10);
    g.bench_function("export (read and seal)", |b| b.iter(|| store.export_bundle(&group, &pass(), false).unwrap()));
    g.bench_function("import into a fresh store (open and merge)", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().unwrap();
                let clock = FakeClock::at(1_794_938_400_000);
                (Store::open(&dir.path().join("fresh.sqlite3"), Arc::new(clock)).unwrap(), dir)
            },
            |(mut fresh, _dir)| fresh.import_bundle(&sealed, &pass(), None).unwrap(),
            BatchSize::PerIteration,
        )
    });
    g.bench_function("import again (nothing new)", |b| b.iter(|| store.import_bundle(&sealed, &pass(), None).unwrap()));
    g.finish();
}

criterion_group!(benches, bundles);
criterion_main!(benches);
