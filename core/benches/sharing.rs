//! The chair's "Next" as core runs it against the store: stop one share, move the round on,
//! start the next share and build the new view, in one SQLite transaction, for a circle of 200.

use std::sync::Arc;

use circlekeeper_core::*;
use criterion::{criterion_group, criterion_main, Criterion};

const PEOPLE: usize = 200;

/// A store with a meeting of 200 checked in and a circle round running (on a temporary file,
/// as the app keeps it).
fn meeting_of_200() -> (Store, String, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let clock = FakeClock::at(1_794_938_400_000);
    let mut store = Store::open(&dir.path().join("bench.sqlite3"), Arc::new(clock)).unwrap();
    let group = store
        .create_group(&GroupInput {
            name: "Big Book Circle".into(),
            fellowship: "AA".into(),
            weekday: 1,
            start_time: "19:30".into(),
            length_min: 240,
            location: String::new(),
        })
        .unwrap();
    let m = store
        .open_meeting(&OpenMeetingInput {
            group_id: group.id.clone(),
            chair: "Robin".into(),
            mode: MeetingMode::Named,
            another_today: false,
        })
        .unwrap();
    for i in 0..PEOPLE {
        store
            .add_walk_in(
                &m.meeting.id,
                &PersonInput { display_name: format!("Member {i}"), last_initial: String::new() },
            )
            .unwrap();
    }
    store
        .start_circle(&StartCircleInput {
            meeting_id: m.meeting.id.clone(),
            first_person_id: None,
            direction: Direction::Clockwise,
        })
        .unwrap();
    store.next_speaker(&m.meeting.id).unwrap();
    (store, m.meeting.id, dir)
}

fn next_in_the_store(c: &mut Criterion) {
    let (mut store, meeting, _dir) = meeting_of_200();
    let mut g = c.benchmark_group("store, circle of 200");
    g.bench_function("next_speaker (stop, advance, start, view)", |b| {
        b.iter(|| {
            // When the round is over, start the next one (not measured separately; rare).
            if store.next_speaker(&meeting).map(|v| v.round.is_none()).unwrap_or(true) {
                store
                    .start_circle(&StartCircleInput {
                        meeting_id: meeting.clone(),
                        first_person_id: None,
                        direction: Direction::Clockwise,
                    })
                    .unwrap();
            }
        })
    });
    g.bench_function("sharing view", |b| b.iter(|| store.sharing(&meeting).unwrap()));
    g.finish();
}

criterion_group!(benches, next_in_the_store);
criterion_main!(benches);
