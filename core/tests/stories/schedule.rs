//! Running the meeting from its format: the part it is in, the time left, ahead or behind, the
//! sharing time really left, and planned against actual afterwards. Pure logic on made-up instants.

use crate::deep_paths::schedule::{until_start_ms, ON_TIME_MS};
use crate::helpers::{refused_as, MIN, SEC};
use circlekeeper_core::*;
use proptest::prelude::*;

/// 19:00 on a Tuesday, in UTC ms: the planned start.
const T0: i64 = 1_750_100_400_000;

/// Opening 3, Readings 7, Sharing 45, Closing 5: an hour.
fn hour() -> Format {
    Format {
        name: "Tuesday Night Hope".into(),
        segments: vec![
            Segment::new("Opening and moment of silence", 3),
            Segment::new("Readings", 7),
            Segment::sharing("Sharing", 45),
            Segment::new("Closing", 5),
        ],
    }
}

/// The meeting started at `start` and moved on at each of `nexts`.
fn run(start: i64, nexts: &[i64]) -> Run {
    let f = hour();
    let mut r = Run::new().advance(&f, start).unwrap();
    for &at in nexts {
        r = r.advance(&f, at).unwrap();
    }
    r
}

fn status(r: &Run, now: i64) -> RunStatus {
    r.status(&hour(), T0, now).unwrap()
}

fn behind(ms: i64) -> Pace {
    Pace { standing: Standing::Behind, behind_ms: ms }
}

fn ahead(ms: i64) -> Pace {
    Pace { standing: Standing::Ahead, behind_ms: -ms }
}

fn on_time(ms: i64) -> Pace {
    Pace { standing: Standing::OnTime, behind_ms: ms }
}

/// Runs `op` and checks it was refused with `kind`, the old run untouched.
fn refused(r: &Run, kind: &str, op: impl FnOnce(&Run) -> Result<Run>) -> String {
    let before = r.clone();
    let message = refused_as(kind, op(r));
    assert_eq!(r, &before, "a refused press changed the run");
    message
}

// --- Before the meeting -----------------------------------------------------------------------

#[test]
fn before_the_meeting_the_chair_sees_a_countdown_and_the_first_part() {
    let s = status(&Run::new(), T0 - 5 * MIN);
    assert_eq!(s.phase, RunPhase::NotStarted);
    assert_eq!(s.until_start_ms, 5 * MIN);
    assert_eq!((s.current, s.next), (None, Some(0)));
    assert_eq!(s.segment_left_ms, None);
    assert_eq!(s.planned_end_ms, T0 + 60 * MIN);
    assert_eq!(s.projected_end_ms, T0 + 60 * MIN);
    assert_eq!(s.against_clock, on_time(0));
    assert_eq!(until_start_ms(T0, T0 + MIN), -MIN);
}

#[test]
fn waiting_past_the_start_time_already_shows_behind_the_clock() {
    let s = status(&Run::new(), T0 + 4 * MIN);
    assert_eq!(s.until_start_ms, -4 * MIN);
    assert_eq!(s.against_clock, behind(4 * MIN));
    assert_eq!(s.against_plan, on_time(0), "nothing has run yet, so nothing is behind its plan");
}

// --- During the meeting -----------------------------------------------------------------------

#[test]
fn a_first_time_chair_sees_the_next_segment_and_the_time_left() {
    let r = run(T0, &[]);
    let s = status(&r, T0 + 2 * MIN);
    assert_eq!(s.phase, RunPhase::Running);
    assert_eq!((s.current, s.next), (Some(0), Some(1)));
    assert_eq!(s.segment_elapsed_ms, Some(2 * MIN));
    assert_eq!(s.segment_left_ms, Some(MIN));
    assert_eq!(s.against_plan, on_time(0));
    assert_eq!(s.against_clock, on_time(0));

    let r = run(T0, &[T0 + 3 * MIN, T0 + 10 * MIN, T0 + 55 * MIN]);
    let s = status(&r, T0 + 56 * MIN);
    assert_eq!((s.current, s.next), (Some(3), None), "the closing is the last part");
}

#[test]
fn a_part_running_over_shows_negative_time_left() {
    let r = run(T0, &[]);
    let s = status(&r, T0 + 5 * MIN + 30 * SEC);
    assert_eq!(s.segment_left_ms, Some(-(2 * MIN + 30 * SEC)));
    assert_eq!(s.against_plan, behind(2 * MIN + 30 * SEC), "an overrun counts as soon as it happens");
    assert_eq!(s.against_clock, behind(2 * MIN + 30 * SEC));
}

#[test]
fn the_meeting_running_ten_minutes_late_shows_behind_by_ten() {
    // The opening ran 13 minutes instead of 3.
    let r = run(T0, &[T0 + 13 * MIN]);
    let s = status(&r, T0 + 14 * MIN);
    assert_eq!(s.against_plan, behind(10 * MIN));
    assert_eq!(s.against_clock, behind(10 * MIN));
    assert_eq!(s.projected_end_ms, T0 + 70 * MIN);
}

#[test]
fn a_part_finishing_early_puts_the_meeting_ahead_once_it_is_done() {
    let r = run(T0, &[T0 + 3 * MIN]);
    // Readings planned for 7 minutes; two minutes in, the time it may save is not counted yet.
    assert_eq!(status(&r, T0 + 5 * MIN).against_plan, on_time(0));
    let r = r.advance(&hour(), T0 + 6 * MIN).unwrap();
    let s = status(&r, T0 + 6 * MIN);
    assert_eq!(s.against_plan, ahead(4 * MIN));
    assert_eq!(s.against_clock, ahead(4 * MIN));
}

#[test]
fn a_meeting_started_ten_minutes_late_is_on_plan_but_behind_the_clock() {
    let r = run(T0 + 10 * MIN, &[T0 + 13 * MIN]);
    let s = status(&r, T0 + 14 * MIN);
    assert_eq!(s.against_plan, on_time(0), "every part so far took its planned time");
    assert_eq!(s.against_clock, behind(10 * MIN), "the room still has to be out at the planned end");
}

#[test]
fn a_meeting_started_early_is_ahead_of_the_clock() {
    let r = run(T0 - 5 * MIN, &[]);
    let s = status(&r, T0 - 4 * MIN);
    assert_eq!(s.until_start_ms, 4 * MIN, "the countdown is to the planned start, whatever happened");
    assert_eq!(s.against_clock, ahead(5 * MIN));
}

#[test]
fn less_than_a_minute_either_way_counts_as_on_time() {
    let r = run(T0, &[T0 + 3 * MIN + 40 * SEC]);
    let s = status(&r, T0 + 4 * MIN);
    assert_eq!(s.against_plan, on_time(40 * SEC));
    assert_eq!(Pace::from_behind_ms(ON_TIME_MS).standing, Standing::Behind);
    assert_eq!(Pace::from_behind_ms(-ON_TIME_MS).standing, Standing::Ahead);
}

// --- Sharing time -----------------------------------------------------------------------------

#[test]
fn sharing_gets_what_is_really_left() {
    // Started 10 minutes late; opening and readings took their time; sharing starts at 19:20.
    let r = run(T0 + 10 * MIN, &[T0 + 13 * MIN, T0 + 20 * MIN]);
    let s = status(&r, T0 + 20 * MIN);
    let sharing = s.sharing.unwrap();
    assert_eq!(sharing.index, 2);
    assert_eq!(sharing.planned_ms, 45 * MIN);
    // Until 20:00, less the 5 minutes of closing.
    assert_eq!(sharing.left_ms, 35 * MIN);
    assert_eq!(sharing.length_ms, 35 * MIN);

    // Twenty minutes into sharing: fifteen left, and its length as things stand is still 35.
    let sharing = status(&r, T0 + 40 * MIN).sharing.unwrap();
    assert_eq!((sharing.length_ms, sharing.left_ms), (35 * MIN, 15 * MIN));
    assert_eq!(status(&r, T0 + 40 * MIN).segment_left_ms, Some(25 * MIN), "the part's own clock keeps its plan");
}

#[test]
fn sharing_is_squeezed_before_it_starts_by_a_slow_opening() {
    // The opening is still going at 19:08, five minutes over.
    let r = run(T0, &[]);
    let sharing = status(&r, T0 + 8 * MIN).sharing.unwrap();
    // 52 minutes to 20:00, less readings (7) and closing (5).
    assert_eq!(sharing.left_ms, 40 * MIN);

    // Before the meeting has even started, a late start eats into it too.
    let sharing = status(&Run::new(), T0 + 10 * MIN).sharing.unwrap();
    assert_eq!(sharing.left_ms, 35 * MIN);
    let sharing = status(&Run::new(), T0 - 10 * MIN).sharing.unwrap();
    assert_eq!(sharing.left_ms, 45 * MIN, "waiting for the start time takes nothing from sharing");
}

#[test]
fn sharing_time_never_goes_below_zero() {
    let r = run(T0, &[T0 + 50 * MIN]); // an opening that took 50 minutes
    let sharing = status(&r, T0 + 59 * MIN).sharing.unwrap();
    assert_eq!((sharing.length_ms, sharing.left_ms), (0, 0));
    let r = run(T0, &[T0 + 3 * MIN, T0 + 10 * MIN]);
    let sharing = status(&r, T0 + 70 * MIN).sharing.unwrap();
    assert_eq!(sharing.left_ms, 0);
    assert_eq!(sharing.length_ms, 60 * MIN, "what was shared still counts");
}

#[test]
fn once_sharing_is_over_its_length_is_what_it_took() {
    let r = run(T0, &[T0 + 3 * MIN, T0 + 10 * MIN, T0 + 52 * MIN]);
    let sharing = status(&r, T0 + 53 * MIN).sharing.unwrap();
    assert_eq!((sharing.length_ms, sharing.left_ms), (42 * MIN, 0));
}

#[test]
fn a_format_without_sharing_has_no_sharing_time_to_adjust() {
    let f = Format {
        name: "Speaker meeting".into(),
        segments: vec![Segment::new("Opening", 5), Segment::new("Speaker", 50), Segment::new("Closing", 5)],
    };
    let r = Run::new().advance(&f, T0).unwrap();
    assert_eq!(r.status(&f, T0, T0 + MIN).unwrap().sharing, None);
}

// --- Moving through the parts -----------------------------------------------------------------

#[test]
fn the_chair_pressed_next_too_soon_and_goes_back() {
    let f = hour();
    let before = run(T0, &[T0 + 3 * MIN]);
    let oops = before.advance(&f, T0 + 4 * MIN).unwrap();
    let back = oops.back(&f).unwrap();
    assert_eq!(back, before);
    // The readings' clock runs on from their own start: the minute in "Sharing" counts to them.
    let s = status(&back, T0 + 5 * MIN);
    assert_eq!((s.current, s.segment_elapsed_ms), (Some(1), Some(2 * MIN)));
}

#[test]
fn going_back_from_the_first_part_takes_back_the_start() {
    let f = hour();
    let r = run(T0 - 20 * MIN, &[]); // pressed "start" while setting up the chairs
    let r = r.back(&f).unwrap();
    assert_eq!(r, Run::new());
    assert_eq!(status(&r, T0 - 19 * MIN).phase, RunPhase::NotStarted);
    let message = refused(&r, "conflict", |r| r.back(&f));
    assert!(message.contains("not started"), "{message}");
}

#[test]
fn no_newcomers_tonight_the_chair_skips_ahead() {
    let f = Format {
        name: "Tuesday".into(),
        segments: vec![
            Segment::new("Opening", 3),
            Segment::new("Newcomer welcome", 3),
            Segment::new("Milestones", 4),
            Segment::sharing("Sharing", 45),
            Segment::new("Closing", 5),
        ],
    };
    let r = Run::new().advance(&f, T0).unwrap().skip_to(&f, 2, T0 + 3 * MIN).unwrap();
    assert_eq!(r.starts, [T0, T0 + 3 * MIN, T0 + 3 * MIN]);
    let s = r.status(&f, T0, T0 + 3 * MIN).unwrap();
    assert_eq!(s.current, Some(2));
    assert_eq!(s.against_plan, ahead(3 * MIN), "the welcome skipped gives its minutes back");
    let back = r.back(&f).unwrap();
    assert_eq!(back.current(), Some(1), "going back lands in the part passed over");

    let message = refused(&r, "conflict", |r| r.skip_to(&f, 1, T0 + 4 * MIN));
    assert!(message.contains("previous part"), "{message}");
    assert_eq!(
        refused(&r, "invalid", |r| r.skip_to(&f, 9, T0 + 4 * MIN)),
        "This format has 5 parts; there is no part 10."
    );
}

#[test]
fn next_on_the_last_part_asks_to_finish_instead() {
    let f = hour();
    let r = run(T0, &[T0 + 3 * MIN, T0 + 10 * MIN, T0 + 55 * MIN]);
    let message = refused(&r, "conflict", |r| r.advance(&f, T0 + 58 * MIN));
    assert!(message.contains("“Closing” is the last part"), "{message}");
}

#[test]
fn a_finished_meeting_can_be_resumed_by_going_back() {
    let f = hour();
    let r = run(T0, &[T0 + 3 * MIN, T0 + 10 * MIN, T0 + 55 * MIN]);
    let done = r.finish(&f, T0 + 60 * MIN).unwrap();
    assert_eq!(status(&done, T0 + 61 * MIN).phase, RunPhase::Finished);
    refused(&done, "conflict", |r| r.advance(&f, T0 + 61 * MIN));
    refused(&done, "conflict", |r| r.finish(&f, T0 + 61 * MIN));
    assert_eq!(done.back(&f).unwrap(), r);
    refused(&Run::new(), "conflict", |r| r.finish(&f, T0));
}

#[test]
fn a_clock_set_back_never_refuses_a_press() {
    let f = hour();
    let r = run(T0, &[T0 + 3 * MIN]);
    let r = r.advance(&f, T0 + MIN).unwrap(); // the laptop's clock jumped back two minutes
    assert_eq!(r.starts, [T0, T0 + 3 * MIN, T0 + 3 * MIN]);
    let done = r.finish(&f, T0).unwrap();
    assert_eq!(done.finished_at, Some(T0 + 3 * MIN));
    // And a status asked for before the current part's start shows no negative time spent.
    let s = status(&r, T0 + 2 * MIN);
    assert_eq!(s.segment_elapsed_ms, Some(0));
}

#[test]
fn a_restart_resumes_the_same_part_with_the_right_time() {
    let r = run(T0, &[T0 + 3 * MIN, T0 + 10 * MIN]);
    let json = serde_json::to_string(&r).unwrap();
    assert_eq!(json, format!(r#"{{"starts":[{},{},{}],"finishedAt":null}}"#, T0, T0 + 3 * MIN, T0 + 10 * MIN));
    let back: Run = serde_json::from_str(&json).unwrap();
    // The app was closed at 19:20 and opened again at 19:31.
    assert_eq!(status(&back, T0 + 31 * MIN), status(&r, T0 + 31 * MIN));
    assert_eq!(status(&back, T0 + 31 * MIN).segment_elapsed_ms, Some(21 * MIN));
}

#[test]
fn a_format_shortened_mid_meeting_is_a_conflict_not_a_wrong_clock() {
    let r = run(T0, &[T0 + 3 * MIN, T0 + 10 * MIN]);
    let mut f = hour();
    f.segments.truncate(2);
    let err = r.status(&f, T0, T0 + 11 * MIN).unwrap_err();
    assert_eq!(err.kind(), "conflict");
    assert!(err.to_string().contains("format was changed"), "{err}");
    let scrambled = Run { starts: vec![T0 + MIN, T0], finished_at: None };
    assert_eq!(scrambled.status(&hour(), T0, T0).unwrap_err().kind(), "invalid");
}

// --- After the meeting ------------------------------------------------------------------------

#[test]
fn after_the_meeting_the_chair_sees_planned_against_actual() {
    let f = hour();
    let r = run(T0 + 2 * MIN, &[T0 + 6 * MIN, T0 + 12 * MIN, T0 + 59 * MIN]).finish(&f, T0 + 64 * MIN).unwrap();
    let report = r.report(&f, T0).unwrap();
    let rows: Vec<(&str, i64, Option<i64>, Option<i64>)> =
        report.segments.iter().map(|s| (s.title.as_str(), s.planned_ms, s.actual_ms, s.difference_ms)).collect();
    assert_eq!(
        rows,
        [
            ("Opening and moment of silence", 3 * MIN, Some(4 * MIN), Some(MIN)),
            ("Readings", 7 * MIN, Some(6 * MIN), Some(-MIN)),
            ("Sharing", 45 * MIN, Some(47 * MIN), Some(2 * MIN)),
            ("Closing", 5 * MIN, Some(5 * MIN), Some(0)),
        ]
    );
    assert_eq!(report.planned_ms, 60 * MIN);
    assert_eq!(report.actual_ms, 62 * MIN);
    assert_eq!(report.started_late_ms, 2 * MIN);
    assert_eq!(report.finished_late_ms, 4 * MIN);
    let s = status(&r, T0 + 70 * MIN);
    assert_eq!((s.against_plan, s.against_clock), (behind(2 * MIN), behind(4 * MIN)));
}

#[test]
fn a_part_never_reached_has_no_actual_time() {
    let f = hour();
    // Out of time: the chair finishes during sharing, with no closing.
    let r = run(T0, &[T0 + 3 * MIN, T0 + 10 * MIN]).finish(&f, T0 + 60 * MIN).unwrap();
    let closing = &r.report(&f, T0).unwrap().segments[3];
    assert_eq!((closing.actual_ms, closing.difference_ms), (None, None));
    assert_eq!(closing.planned_ms, 5 * MIN);
}

#[test]
fn planned_against_actual_waits_for_the_finish() {
    let r = run(T0, &[T0 + 3 * MIN]);
    let err = r.report(&hour(), T0).unwrap_err();
    assert_eq!(err.kind(), "conflict");
    assert!(err.to_string().contains("not finished"), "{err}");
}

// --- Whatever the chair presses ---------------------------------------------------------------

#[derive(Debug, Clone)]
enum Press {
    Next,
    Back,
    Skip(usize),
    Finish,
}

fn press() -> impl Strategy<Value = Press> {
    prop_oneof![
        5 => Just(Press::Next),
        2 => Just(Press::Back),
        1 => (0..12usize).prop_map(Press::Skip),
        1 => Just(Press::Finish),
    ]
}

fn format_strategy() -> impl Strategy<Value = Format> {
    (prop::collection::vec(1..40i32, 1..10), any::<prop::sample::Index>(), any::<bool>()).prop_map(
        |(minutes, sharing_at, has_sharing)| {
            let sharing_at = sharing_at.index(minutes.len());
            let segments = minutes
                .iter()
                .enumerate()
                .map(|(i, &m)| Segment {
                    sharing: has_sharing && i == sharing_at,
                    ..Segment::new(&format!("Part {i}"), m)
                })
                .collect();
            Format { name: "Random".into(), segments }
        },
    )
}

proptest! {
    #[test]
    fn the_runner_keeps_its_sums_whatever_the_chair_presses(
        f in format_strategy(),
        start in -30 * MIN..30 * MIN,
        steps in prop::collection::vec((press(), -MIN..20 * MIN), 0..30),
    ) {
        let planned_start = T0;
        let mut r = Run::new();
        let mut now = T0 + start;
        for (p, gap) in steps {
            now += gap; // a negative gap is a clock set back
            let before = r.clone();
            let result = match p {
                Press::Next => r.advance(&f, now),
                Press::Back => r.back(&f),
                Press::Skip(i) => r.skip_to(&f, i, now),
                Press::Finish => r.finish(&f, now),
            };
            prop_assert_eq!(&r, &before, "a press changed the old run");
            match result {
                Ok(next) => {
                    prop_assert!(next.check(&f).is_ok());
                    if matches!(p, Press::Next) {
                        prop_assert_eq!(&next.back(&f).unwrap(), &before, "back did not undo next");
                    }
                    r = next;
                }
                Err(e) => prop_assert!(matches!(e.kind(), "conflict" | "invalid"), "{}", e),
            }
            let s = r.status(&f, planned_start, now).unwrap();
            if let Some(sh) = s.sharing {
                prop_assert!(sh.left_ms >= 0 && sh.length_ms >= 0);
                prop_assert!(sh.left_ms <= sh.length_ms);
            }
            prop_assert_eq!(s.planned_end_ms, planned_start + f.planned_ms());
            prop_assert_eq!(s.against_clock.behind_ms, s.projected_end_ms - s.planned_end_ms);
            if s.phase == RunPhase::Running {
                prop_assert_eq!(s.segment_left_ms.unwrap() + s.segment_elapsed_ms.unwrap(), f.segments[s.current.unwrap()].planned_ms());
            }
        }
        if r.phase() == RunPhase::Finished {
            let report = r.report(&f, planned_start).unwrap();
            let reached: i64 = report.segments.iter().filter_map(|s| s.actual_ms).sum();
            prop_assert_eq!(reached, report.actual_ms, "the parts do not add up to the meeting");
            let differences: i64 = report.segments.iter().filter_map(|s| s.difference_ms).sum();
            let s = r.status(&f, planned_start, now + 10 * MIN).unwrap();
            prop_assert_eq!(s.against_plan.behind_ms, differences);
            prop_assert_eq!(s.against_clock.behind_ms, report.finished_late_ms);
            prop_assert_eq!(report.actual_ms - report.planned_ms + report.started_late_ms, report.finished_late_ms);
        }
    }
}
