//! Every ordering step for a circle of 200 people, which must each stay well under a millisecond
//! so a chair's key press answers at once however large the meeting.

use std::hint::black_box;

use circlekeeper_core::*;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};

const PEOPLE: usize = 200;

fn seats() -> Vec<String> {
    (0..PEOPLE).map(|i| format!("0197f1a2-0000-7000-8000-{i:012}")).collect()
}

/// A circle of 200 half-way through: 100 turns taken, 10 people put off, 5 gone.
fn busy_circle() -> Round {
    let mut r = Round::circle(CircleSetup { seats: seats(), start_seat: 17, direction: Direction::Clockwise }).unwrap();
    for i in 0..100 {
        if i % 10 == 0 {
            r.skip_for_now().unwrap();
        } else {
            r.next().unwrap();
        }
    }
    for p in seats().iter().skip(150).take(5) {
        r.departure(p).unwrap();
    }
    r
}

/// An open sharing with 200 here, half of them having shared earlier, and 199 hands up.
fn busy_hands() -> Round {
    let everyone = seats();
    let mut r = Round::raised_hands(HandsSetup {
        present: everyone.clone(),
        newcomers: everyone.iter().step_by(7).cloned().collect(),
        shared_earlier: everyone.iter().step_by(2).cloned().collect(),
        order: HandsOrder { newcomers_first: true, not_yet_shared_first: true },
    })
    .unwrap();
    for p in &everyone[..PEOPLE - 1] {
        r.raise_hand(p).unwrap();
    }
    r
}

fn ordering(c: &mut Criterion) {
    let circle = busy_circle();
    let hands = busy_hands();
    let mut g = c.benchmark_group("round of 200");

    g.bench_function("start a circle", |b| {
        b.iter_batched(
            seats,
            |s| Round::circle(CircleSetup { seats: s, start_seat: 17, direction: Direction::CounterClockwise }),
            BatchSize::SmallInput,
        )
    });
    g.bench_function("upcoming(3)", |b| b.iter(|| black_box(&circle).upcoming(3).len()));
    g.bench_function("next", |b| b.iter_batched_ref(|| circle.clone(), |r| r.next(), BatchSize::SmallInput));
    g.bench_function("pass", |b| b.iter_batched_ref(|| circle.clone(), |r| r.pass(), BatchSize::SmallInput));
    g.bench_function("skip_for_now", |b| {
        b.iter_batched_ref(|| circle.clone(), |r| r.skip_for_now(), BatchSize::SmallInput)
    });
    // Seat 190 is still ahead, so this is the longer path: placed in seat order among those waiting.
    g.bench_function("late_arrival", |b| {
        b.iter_batched_ref(|| circle.clone(), |r| r.late_arrival("late-comer", 190), BatchSize::SmallInput)
    });
    let leaving = seats()[180].clone();
    g.bench_function("departure", |b| {
        b.iter_batched_ref(|| circle.clone(), |r| r.departure(&leaving), BatchSize::SmallInput)
    });
    let last_hand = seats()[PEOPLE - 1].clone();
    g.bench_function("raise_hand (199 up)", |b| {
        b.iter_batched_ref(|| hands.clone(), |r| r.raise_hand(&last_hand), BatchSize::SmallInput)
    });
    let first_hand = seats()[0].clone();
    g.bench_function("lower_hand", |b| {
        b.iter_batched_ref(|| hands.clone(), |r| r.lower_hand(&first_hand), BatchSize::SmallInput)
    });
    g.bench_function("hands next", |b| b.iter_batched_ref(|| hands.clone(), |r| r.next(), BatchSize::SmallInput));
    g.bench_function("save as JSON", |b| b.iter(|| serde_json::to_string(black_box(&circle)).unwrap()));

    let today = seats();
    let mut last = seats();
    last.rotate_left(33);
    let away = last[0].clone();
    let today_without: Vec<String> = today.iter().filter(|p| **p != away).cloned().collect();
    g.bench_function("propose_start (first speaker away)", |b| {
        b.iter(|| propose_start(black_box(&today_without), Some(&away), Some(&last)))
    });

    let input = FairTimeInput {
        remaining_ms: 41 * 60_000,
        waiting: 100,
        min_share_ms: 120_000,
        max_share_ms: 300_000,
        reserve_ms: 300_000,
        next_has_shared: true,
    };
    g.bench_function("fair_share", |b| b.iter(|| fair_share(black_box(&input))));

    let everyone = seats();
    let shares: Vec<ShareTime> = (0..PEOPLE)
        .map(|i| ShareTime {
            person_id: Some(everyone[i % 150].clone()),
            spoken_ms: 60_000 + (i as i64 * 7_919) % 240_000,
            overtime_ms: (i as i64 * 13) % 20_000,
        })
        .collect();
    g.bench_function("summarize 200 shares", |b| b.iter(|| summarize(black_box(&shares), 12, false)));
    g.bench_function("summarize 200 shares per person", |b| b.iter(|| summarize(black_box(&shares), 12, true)));
    g.finish();
}

criterion_group!(benches, ordering);
criterion_main!(benches);
