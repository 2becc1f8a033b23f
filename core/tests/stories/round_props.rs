//! Fairness that must hold whatever the chair presses: random circles and open sharings driven by
//! random steps, checked against a simple model of who has had a turn; fair time and the summary
//! checked over random inputs.

use std::collections::HashSet;

use circlekeeper_core::*;
use proptest::prelude::*;

/// One thing the chair can do during a round. Person and seat numbers may point past the people
/// and seats there are, so refusals are exercised as often as successes.
#[derive(Debug, Clone)]
enum Step {
    Next,
    Pass,
    Skip,
    Late { who: usize, seat: usize, newcomer: bool },
    Depart { who: usize },
    Raise { who: usize },
    Lower { who: usize },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => Just(Step::Next),
        2 => Just(Step::Pass),
        3 => Just(Step::Skip),
        2 => (0..60usize, 0..50usize, any::<bool>()).prop_map(|(who, seat, newcomer)| Step::Late { who, seat, newcomer }),
        2 => (0..60usize).prop_map(|who| Step::Depart { who }),
        4 => (0..60usize).prop_map(|who| Step::Raise { who }),
        1 => (0..60usize).prop_map(|who| Step::Lower { who }),
    ]
}

/// Person `i`: the first `n` are seated when the round starts, the next ten may come late,
/// and beyond them nobody by that id is ever here.
fn person(i: usize, n: usize) -> String {
    if i < n {
        format!("p{i}")
    } else if i < n + 10 {
        format!("late{}", i - n)
    } else {
        format!("ghost{i}")
    }
}

fn json(r: &Round) -> String {
    serde_json::to_string(r).unwrap()
}

/// Applies a step and checks a refusal left the round byte for byte as it was.
fn apply(r: &mut Round, s: &Step, n: usize) -> Result<()> {
    let before = json(r);
    let result = match s {
        Step::Next => r.next(),
        Step::Pass => r.pass(),
        Step::Skip => r.skip_for_now(),
        Step::Late { who, seat, newcomer: false } => r.late_arrival(&person(*who, n), *seat),
        Step::Late { who, seat, newcomer: true } => r.late_newcomer(&person(*who, n), *seat),
        Step::Depart { who } => r.departure(&person(*who, n)),
        Step::Raise { who } => r.raise_hand(&person(*who, n)),
        Step::Lower { who } => r.lower_hand(&person(*who, n)),
    };
    if result.is_err() {
        assert_eq!(json(r), before, "a refused {s:?} changed the round");
    }
    let back: Round = serde_json::from_str(&json(r)).unwrap();
    assert_eq!(&back, r, "the round did not come back the same from its JSON");
    result
}

/// What the test itself knows, independently of the round: who sat down, who left before a turn.
#[derive(Default)]
struct Model {
    seated: HashSet<String>,
    left_before_turn: HashSet<String>,
    left: HashSet<String>,
    turned: HashSet<String>,
    hands_up: HashSet<String>,
}

fn steps_from(start: usize, seat: usize, n: usize, d: Direction) -> usize {
    match d {
        Direction::Clockwise => (seat + n - start) % n,
        Direction::CounterClockwise => (start + n - seat) % n,
    }
}

/// What holds after every step of a circle round.
fn circle_invariants(r: &Round, m: &Model) {
    let waiting: Vec<&str> = r.waiting.iter().map(|w| w.person_id.as_str()).collect();
    let unique: HashSet<&str> = waiting.iter().copied().collect();
    assert_eq!(unique.len(), waiting.len(), "someone waits twice");
    // Everyone seated is exactly one of: waiting, had a turn, left before a turn.
    for p in &m.seated {
        let states = [unique.contains(p.as_str()), m.turned.contains(p), m.left_before_turn.contains(p)];
        assert_eq!(states.iter().filter(|s| **s).count(), 1, "{p} is lost or counted twice: {states:?}");
    }
    assert_eq!(r.upcoming(3), &r.waiting[..3.min(r.waiting.len())]);
    assert_eq!(r.is_over(), r.waiting.is_empty(), "a circle is over exactly when nobody waits");
    // Those waiting in seat order come first, and really are in seat order from the start.
    let RoundMode::Circle { direction, start_seat } = r.mode else { panic!("not a circle") };
    let n = r.seats.len();
    let in_order = r.waiting.iter().take_while(|w| matches!(w.reason, Reason::NextInCircle | Reason::LateArrival));
    let steps: Vec<usize> = in_order
        .map(|w| steps_from(start_seat, r.seats.iter().position(|s| *s == w.person_id).unwrap(), n, direction))
        .collect();
    assert!(steps.windows(2).all(|w| w[0] < w[1]), "seat order broken: {steps:?}");
    assert!(
        r.waiting
            .iter()
            .skip(steps.len())
            .all(|w| matches!(w.reason, Reason::SkippedEarlier | Reason::LateArrivalAtEnd)),
        "someone in seat order is waiting behind the end of the round"
    );
}

fn hand_rank(r: &Round, p: &str) -> u8 {
    let RoundMode::RaisedHands { order } = r.mode else { panic!("not an open sharing") };
    let newcomer = r.newcomers.iter().any(|x| x == p);
    let shared = r.shared_earlier.iter().any(|x| x == p);
    if order.newcomers_first && newcomer && !shared {
        0
    } else if order.not_yet_shared_first && !shared {
        1
    } else {
        2
    }
}

/// What holds after every step of an open sharing.
fn hands_invariants(r: &Round, m: &Model) {
    let waiting: HashSet<String> = r.waiting.iter().map(|w| w.person_id.clone()).collect();
    assert_eq!(waiting.len(), r.waiting.len(), "someone waits twice");
    assert_eq!(waiting, m.hands_up, "the queue is not the hands that are up");
    // Nobody who did not ask to be come back to waits behind someone of lower priority.
    for (j, w) in r.waiting.iter().enumerate() {
        if w.reason != Reason::SkippedEarlier {
            let mine = hand_rank(r, &w.person_id);
            assert!(r.waiting[..j].iter().all(|v| hand_rank(r, &v.person_id) <= mine), "priority broken at {j}");
        }
    }
}

fn turn_counts_are_fair(r: &Round, expected: &HashSet<String>) {
    let mut seen = HashSet::new();
    for t in &r.turns {
        assert!(seen.insert(t.person_id.clone()), "{} had two turns", t.person_id);
    }
    assert_eq!(&seen, expected, "not everyone who should have had exactly one turn did");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn in_any_circle_everyone_seated_who_stays_gets_exactly_one_turn(
        n in 1..40usize,
        start in any::<prop::sample::Index>(),
        clockwise in any::<bool>(),
        steps in prop::collection::vec(step(), 0..150),
    ) {
        let seats: Vec<String> = (0..n).map(|i| person(i, n)).collect();
        let direction = if clockwise { Direction::Clockwise } else { Direction::CounterClockwise };
        let mut r = Round::circle(CircleSetup { seats: seats.clone(), start_seat: start.index(n), direction }).unwrap();
        let mut m = Model { seated: seats.into_iter().collect(), ..Model::default() };
        circle_invariants(&r, &m);

        for s in &steps {
            let current = r.current().map(|w| w.person_id.clone());
            let expect_ok = match s {
                Step::Next | Step::Pass => !r.is_over(),
                Step::Skip => r.waiting.len() >= 2,
                Step::Late { who, seat, .. } => {
                    let p = person(*who, n);
                    !r.is_over() && !m.seated.contains(&p) && !m.left.contains(&p) && *seat <= r.seats.len()
                }
                Step::Depart { who } => {
                    let p = person(*who, n);
                    !r.is_over() && m.seated.contains(&p) && !m.left.contains(&p)
                }
                Step::Raise { .. } | Step::Lower { .. } => false,
            };
            let ok = apply(&mut r, s, n).is_ok();
            prop_assert_eq!(ok, expect_ok, "{:?}", s);
            if ok {
                match s {
                    Step::Next | Step::Pass => { m.turned.insert(current.unwrap()); }
                    Step::Late { who, .. } => { m.seated.insert(person(*who, n)); }
                    Step::Depart { who } => {
                        let p = person(*who, n);
                        if !m.turned.contains(&p) { m.left_before_turn.insert(p.clone()); }
                        m.left.insert(p);
                    }
                    _ => {}
                }
            }
            circle_invariants(&r, &m);
        }

        // The round ends: one press of next (or pass) for each person still waiting, no more.
        let left = r.waiting.len();
        for i in 0..left {
            prop_assert!(!r.is_over());
            if i % 3 == 2 { r.pass().unwrap() } else { r.next().unwrap() }
        }
        prop_assert!(r.is_over());
        prop_assert!(r.next().is_err());
        prop_assert!(r.turns.len() <= n + 10);
        let expected: HashSet<String> = m.seated.difference(&m.left_before_turn).cloned().collect();
        turn_counts_are_fair(&r, &expected);
    }

    #[test]
    fn in_any_open_sharing_every_hand_still_up_gets_exactly_one_turn(
        n in 1..40usize,
        newcomer_bits in any::<u64>(),
        shared_bits in any::<u64>(),
        newcomers_first in any::<bool>(),
        not_yet_shared_first in any::<bool>(),
        steps in prop::collection::vec(step(), 0..150),
    ) {
        let present: Vec<String> = (0..n).map(|i| person(i, n)).collect();
        let pick = |bits: u64| present.iter().enumerate().filter(|(i, _)| bits >> i & 1 == 1).map(|(_, p)| p.clone()).collect();
        let mut r = Round::raised_hands(HandsSetup {
            present: present.clone(),
            newcomers: pick(newcomer_bits),
            shared_earlier: pick(shared_bits),
            order: HandsOrder { newcomers_first, not_yet_shared_first },
        }).unwrap();
        let mut m = Model { seated: present.into_iter().collect(), ..Model::default() };

        for s in &steps {
            let current = r.current().map(|w| w.person_id.clone());
            let expect_ok = match s {
                Step::Next | Step::Pass => !r.waiting.is_empty(),
                Step::Skip => r.waiting.len() >= 2,
                Step::Late { who, seat, .. } => {
                    let p = person(*who, n);
                    !m.seated.contains(&p) && !m.left.contains(&p) && *seat <= r.seats.len()
                }
                Step::Depart { who } => {
                    let p = person(*who, n);
                    m.seated.contains(&p) && !m.left.contains(&p)
                }
                Step::Raise { who } => {
                    let p = person(*who, n);
                    m.seated.contains(&p) && !m.left.contains(&p) && !m.hands_up.contains(&p) && !m.turned.contains(&p)
                }
                Step::Lower { who } => m.hands_up.contains(&person(*who, n)),
            };
            let ok = apply(&mut r, s, n).is_ok();
            prop_assert_eq!(ok, expect_ok, "{:?}", s);
            if ok {
                match s {
                    Step::Next | Step::Pass => {
                        let p = current.unwrap();
                        m.hands_up.remove(&p);
                        m.turned.insert(p);
                    }
                    Step::Late { who, .. } => { m.seated.insert(person(*who, n)); }
                    Step::Depart { who } => {
                        let p = person(*who, n);
                        m.hands_up.remove(&p);
                        m.left.insert(p);
                    }
                    Step::Raise { who } => { m.hands_up.insert(person(*who, n)); }
                    Step::Lower { who } => { m.hands_up.remove(&person(*who, n)); }
                    Step::Skip => {}
                }
            }
            hands_invariants(&r, &m);
        }

        // Every hand still up is heard, one press each; then the chair ends the sharing.
        let expected: HashSet<String> = m.turned.union(&m.hands_up).cloned().collect();
        let left = r.waiting.len();
        for _ in 0..left {
            r.next().unwrap();
        }
        prop_assert!(r.waiting.is_empty());
        r.end().unwrap();
        prop_assert!(r.is_over() && r.not_reached.is_empty());
        turn_counts_are_fair(&r, &expected);
    }

    #[test]
    fn a_fair_share_is_always_within_the_groups_limits_when_anyone_is_waiting(
        remaining_ms in -3_600_000i64..20_000_000,
        waiting in 0u32..300,
        min_share_ms in 1i64..600_000,
        extra_ms in 0i64..1_200_000,
        reserve_ms in 0i64..3_600_000,
        next_has_shared in any::<bool>(),
    ) {
        let input = FairTimeInput {
            remaining_ms, waiting, min_share_ms, max_share_ms: min_share_ms + extra_ms, reserve_ms, next_has_shared,
        };
        let f = fair_share(&input).unwrap();
        if waiting == 0 {
            prop_assert_eq!(f, FairShare { share_ms: 0, basis: FairBasis::NobodyWaiting });
        } else {
            prop_assert!((input.min_share_ms..=input.max_share_ms).contains(&f.share_ms), "{:?} for {:?}", f, input);
            if f.basis == FairBasis::EvenSplit {
                prop_assert_eq!(f.share_ms % 5_000, 0);
                prop_assert!(f.share_ms * i64::from(waiting) <= remaining_ms, "an even split overruns the time left");
            }
        }
    }

    #[test]
    fn the_summary_figures_always_make_sense(
        shares in prop::collection::vec((prop::option::of(0..30usize), 0i64..3_600_000, 0i64..600_000), 0..200),
        passes in 0u32..50,
    ) {
        let shares: Vec<ShareTime> = shares
            .into_iter()
            .map(|(p, spoken_ms, overtime_ms)| ShareTime { person_id: p.map(|i| format!("p{i}")), spoken_ms, overtime_ms })
            .collect();
        let s = summarize(&shares, passes, true).unwrap();
        prop_assert_eq!(s.shares as usize, shares.len());
        prop_assert!(s.shared <= s.shares);
        prop_assert_eq!(s.passed, passes);
        if let Some(part) = s.top_fifth_part {
            prop_assert!((0.0..=1.0).contains(&part), "{}", part);
            // The top fifth has at least its fair share of the time.
            prop_assert!(part + 1e-9 >= f64::from(s.top_fifth_speakers) / f64::from(s.shared));
        }
        match (s.shortest_ms, s.median_ms, s.longest_ms) {
            (Some(lo), Some(mid), Some(hi)) => prop_assert!(lo <= mid && mid <= hi),
            (None, None, None) => prop_assert!(shares.is_empty()),
            other => prop_assert!(false, "lengths half there: {:?}", other),
        }
        if !shares.is_empty() {
            prop_assert!(s.top_fifth_speakers >= 1 && s.top_fifth_speakers <= s.shared);
        }
        let people = s.per_person.unwrap();
        let named: i64 = shares.iter().filter(|x| x.person_id.is_some()).map(|x| x.spoken_ms).sum();
        prop_assert_eq!(people.values().map(|t| t.spoken_ms).sum::<i64>(), named);
        prop_assert_eq!(s.total_spoken_ms, shares.iter().map(|x| x.spoken_ms).sum::<i64>());
    }
}
