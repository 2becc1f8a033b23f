//! Every view and live action the chair meets, on a store holding ten years of three weekly groups
//! (1,560 meetings of 40, about 62,000 check-ins and 19,000 shares; see `history/mod.rs`), and
//! check-in and Next again on the same store after one year, to show they stay flat. The target
//! is one frame (16 ms) for each; opening the store, checks included, 100 ms.
//!
//! Times are wall time, as the chair waits. On a machine busy with other work, `HISTORY_CPU=1`
//! times this thread's CPU time instead, which that work does not inflate.

#[path = "history/mod.rs"]
mod history;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use circlekeeper_core::*;
use criterion::measurement::WallTime;
use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion};
use history::{meeting_with, Snapshot, GROUPS, PER_MEETING};

type Bench<'a> = BenchmarkGroup<'a, WallTime>;

/// The bench's stopwatch: wall time, or this thread's CPU time with `HISTORY_CPU=1`.
fn stopwatch() -> Duration {
    static CPU: std::sync::LazyLock<bool> = std::sync::LazyLock::new(|| std::env::var_os("HISTORY_CPU").is_some());
    #[cfg(unix)]
    if *CPU {
        let mut t = libc::timespec { tv_sec: 0, tv_nsec: 0 };
        // SAFETY: `t` is a valid timespec for the call to fill in.
        unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
        return Duration::new(t.tv_sec as u64, t.tv_nsec as u32);
    }
    static START: std::sync::LazyLock<std::time::Instant> = std::sync::LazyLock::new(std::time::Instant::now);
    START.elapsed()
}

/// How long `f` took on the stopwatch.
fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = stopwatch();
    let out = f();
    (out, stopwatch() - start)
}

/// Times `f` alone, on the stopwatch.
fn measure<T>(g: &mut Bench<'_>, name: &str, mut f: impl FnMut() -> T) {
    g.bench_function(name, |b| {
        b.iter_custom(|iters| timed(|| (0..iters).for_each(|_| drop(std::hint::black_box(f())))).1)
    });
}

/// A copy of a snapshot on a temporary file, opened at the snapshot's "now", so the cached store
/// is never changed.
struct Copy {
    store: Store,
    path: PathBuf,
    clock: FakeClock,
    _dir: tempfile::TempDir,
}

fn copy_of(s: &Snapshot) -> Copy {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("circlekeeper.sqlite3");
    std::fs::copy(&s.path, &path).unwrap();
    let clock = FakeClock::at(s.now_ms);
    let store = Store::open(&path, Arc::new(clock.clone())).unwrap();
    Copy { store, path, clock, _dir: dir }
}

fn group(store: &Store, index: usize) -> Group {
    store.groups().unwrap().into_iter().find(|g| g.name == GROUPS[index].name).unwrap()
}

fn circle(store: &mut Store, meeting: &str) {
    store
        .start_circle(&StartCircleInput {
            meeting_id: meeting.into(),
            first_person_id: None,
            direction: Direction::Clockwise,
        })
        .unwrap();
}

/// The live actions leave records behind (an undone check-in stays as a tombstone, every Next a
/// share), so each run of them moves to a fresh meeting of the day after this many, keeping every
/// meeting the size of a real evening.
const CHECK_INS_PER_MEETING: u64 = 20;
const ROUNDS_PER_MEETING: u64 = 2;

/// A live action alone, or with what the shell does after it ("+ snapshots"): the snapshots its
/// changes call for, sent to the chair's window, and the room's frame if it moved. The chair waits
/// for both.
#[derive(Clone, Copy, PartialEq)]
enum Sent {
    Alone,
    WithSnapshots,
}

/// What the shell does after a write, or (`Alone`) only forgetting the changes, so that untimed
/// steps never add to a timed step's snapshots.
fn publish(store: &mut Store, meeting: &str, sent: Sent) {
    let changes = store.take_changes();
    if sent == Sent::WithSnapshots {
        std::hint::black_box(store.snapshots(&changes).unwrap());
        if changes.moves_room() {
            std::hint::black_box(store.frames(false, Some(meeting)).unwrap());
        }
    }
}

#[derive(Clone, Copy)]
enum Timed {
    CheckIn,
    Undo,
}

/// Checks the 40th person in and takes it back, timing one of the two.
fn check_in_or_undo(g: &mut Bench<'_>, name: &str, c: &mut Copy, which: Timed, sent: Sent) {
    let group = group(&c.store, 0);
    let person = c.store.roster(&group.id).unwrap()[PER_MEETING - 1].id.clone();
    g.bench_function(name, |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            let mut meeting = String::new();
            for i in 0..iters {
                if i % CHECK_INS_PER_MEETING == 0 {
                    meeting = meeting_with(&mut c.store, &group, PER_MEETING - 1, true);
                    publish(&mut c.store, &meeting, Sent::Alone);
                }
                let (view, checking_in) = timed(|| {
                    let view = c.store.check_in(&meeting, &person).unwrap();
                    publish(&mut c.store, &meeting, sent);
                    view
                });
                let here = view.attendees.iter().find(|a| a.person_id.as_ref() == Some(&person)).unwrap();
                let (_, undoing) = timed(|| {
                    c.store.undo_check_in(&here.check_in_id).unwrap();
                    publish(&mut c.store, &meeting, sent);
                });
                spent += match which {
                    Timed::CheckIn => checking_in,
                    Timed::Undo => undoing,
                };
            }
            spent
        })
    });
}

/// Next in a circle of `n`; a new circle starts (untimed) when one is over.
fn next_in_circle(g: &mut Bench<'_>, name: &str, c: &mut Copy, group_index: usize, n: usize, sent: Sent) {
    let group = group(&c.store, group_index);
    g.bench_function(name, |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            let mut meeting = String::new();
            let mut rounds = ROUNDS_PER_MEETING;
            for _ in 0..iters {
                if rounds == ROUNDS_PER_MEETING {
                    meeting = meeting_with(&mut c.store, &group, n, true);
                    circle(&mut c.store, &meeting);
                    publish(&mut c.store, &meeting, Sent::Alone);
                    rounds = 0;
                }
                let (view, took) = timed(|| {
                    let view = c.store.next_speaker(&meeting).unwrap();
                    publish(&mut c.store, &meeting, sent);
                    view
                });
                spent += took;
                if view.round.is_none() {
                    rounds += 1;
                    if rounds < ROUNDS_PER_MEETING {
                        circle(&mut c.store, &meeting);
                        publish(&mut c.store, &meeting, Sent::Alone);
                    }
                }
            }
            spent
        })
    });
}

fn history(c: &mut Criterion) {
    let (one, ten, built_in) = history::snapshots();
    let mb = std::fs::metadata(&ten.path).unwrap().len() as f64 / 1e6;
    match built_in {
        Some(took) => eprintln!("history store built in {:.0} s: {mb:.1} MB", took.as_secs_f64()),
        None => eprintln!("history store from the cache: {} ({mb:.1} MB)", ten.path.display()),
    }

    // Start-up: what the app does before the chair sees anything.
    {
        let mut copy = copy_of(&ten);
        let keeps_names = group(&copy.store, 2);
        copy.store.set_retention(&keeps_names.id, Some(24)).unwrap();
        copy.store.apply_retention().unwrap();
        let mut g = c.benchmark_group("start-up, 10 years");
        g.sample_size(10);
        measure(&mut g, "open the store (integrity check, migrations)", || {
            Store::open(&copy.path, Arc::new(copy.clock.clone())).unwrap()
        });
        measure(&mut g, "retention at start (one group keeps 24 months)", || copy.store.apply_retention().unwrap());
        g.finish();
    }

    // Views, with a meeting running: 40 here, the format at sharing, a circle going, a share running;
    // and a second group meeting with 200.
    {
        let mut copy = copy_of(&ten);
        let store = &mut copy.store;
        let (a, b) = (group(store, 0), group(store, 1));
        let live = meeting_with(store, &a, PER_MEETING, false);
        let format = store.format_choice(&a.id, Language::En).unwrap().format.unwrap();
        for _ in 0..=format.sharing_index().unwrap() {
            store.next_segment(&live).unwrap();
        }
        circle(store, &live);
        store.next_speaker(&live).unwrap();
        let big = meeting_with(store, &b, 200, false);
        circle(store, &big);
        store.next_speaker(&big).unwrap();
        let history = store.meetings(&a.id).unwrap();
        let past = history[history.len() / 2].meeting.id.clone();
        let regular = store.roster(&a.id).unwrap()[5].id.clone();

        let opening = OpenMeetingInput {
            group_id: a.id.clone(),
            chair: "Robin".into(),
            mode: MeetingMode::Named,
            another_today: false,
        };

        let store = &mut copy.store;
        let mut g = c.benchmark_group("views, 10 years");
        g.sample_size(10);
        measure(&mut g, "groups", || store.groups().unwrap());
        measure(&mut g, "roster (560 people)", || store.roster(&a.id).unwrap());
        measure(&mut g, "meeting history (list_meetings, 521)", || store.meetings(&a.id).unwrap());
        measure(&mut g, "meeting view, today's (40 here)", || store.meeting_view(&live).unwrap());
        measure(&mut g, "open today's meeting (already open)", || store.open_meeting(&opening).unwrap());
        measure(&mut g, "meeting view, a past meeting", || store.meeting_view(&past).unwrap());
        measure(&mut g, "share panel (share_state)", || store.share_state(&live).unwrap());
        measure(&mut g, "speaking order (sharing view, 40)", || store.sharing(&live).unwrap());
        measure(&mut g, "speaking order (sharing view, 200)", || store.sharing(&big).unwrap());
        measure(&mut g, "sharing summary", || store.sharing_summary(&live, false).unwrap());
        measure(&mut g, "runner view", || store.runner(&live).unwrap());
        measure(&mut g, "room display frame (timer tick)", || store.frames(false, Some(&live)).unwrap());
        measure(&mut g, "celebrations", || store.celebrations(&live).unwrap());
        measure(&mut g, "chair report", || store.chair_report(&live).unwrap());
        measure(&mut g, "handover", || store.handover(&a.id).unwrap());
        measure(&mut g, "service", || store.service(&a.id).unwrap());
        measure(&mut g, "retention preview (12 months)", || store.retention_preview_for(&a.id, Some(12)).unwrap());
        measure(&mut g, "forget preview (a regular of 10 years)", || store.forget_preview(&regular).unwrap());
        g.finish();
        drop(copy);
    }

    // Live actions, with a year of history and with ten.
    for snapshot in [&one, &ten] {
        let mut copy = copy_of(snapshot);
        let mut g = c.benchmark_group(format!(
            "live actions, {} year{}",
            snapshot.years,
            if snapshot.years == 1 { "" } else { "s" }
        ));
        g.sample_size(10);
        check_in_or_undo(&mut g, "check-in", &mut copy, Timed::CheckIn, Sent::Alone);
        check_in_or_undo(&mut g, "check-in + snapshots", &mut copy, Timed::CheckIn, Sent::WithSnapshots);
        check_in_or_undo(&mut g, "undo check-in + snapshots", &mut copy, Timed::Undo, Sent::WithSnapshots);
        next_in_circle(&mut g, "Next, circle of 40", &mut copy, 0, PER_MEETING, Sent::Alone);
        next_in_circle(&mut g, "Next + snapshots, circle of 40", &mut copy, 0, PER_MEETING, Sent::WithSnapshots);
        if snapshot.years > 1 {
            next_in_circle(&mut g, "Next + snapshots, circle of 200", &mut copy, 1, 200, Sent::WithSnapshots);
        }
        g.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(2));
    targets = history
}
criterion_main!(benches);
