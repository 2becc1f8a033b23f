//! The speaking order's stories: a circle round, an open sharing by raised hands, the start seat,
//! fair time and the summary, as a chair runs them. Pure logic: no store, no clock.

use crate::helpers::{refused_as, MIN, SEC};
use circlekeeper_core::*;

fn ids(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| n.to_string()).collect()
}

/// Ana, Ben, Cat, Dev, Eli and Fay, seated clockwise in that order.
fn circle_of_six(start_seat: usize, direction: Direction) -> Round {
    Round::circle(CircleSetup { seats: ids(&["ana", "ben", "cat", "dev", "eli", "fay"]), start_seat, direction })
        .unwrap()
}

fn who(round: &Round, n: usize) -> Vec<&str> {
    round.upcoming(n).iter().map(|w| w.person_id.as_str()).collect()
}

fn order(round: &Round) -> Vec<&str> {
    who(round, usize::MAX)
}

fn turns(round: &Round) -> Vec<(&str, Outcome)> {
    round.turns.iter().map(|t| (t.person_id.as_str(), t.outcome)).collect()
}

/// Runs `op` and checks it was refused with `kind`, leaving the round exactly as it was.
fn refused(round: &mut Round, kind: &str, op: impl FnOnce(&mut Round) -> Result<()>) -> String {
    let before = serde_json::to_string(round).unwrap();
    let message = refused_as(kind, op(round));
    assert_eq!(serde_json::to_string(round).unwrap(), before, "a refused step changed the round");
    message
}

fn hands(present: &[&str], newcomers: &[&str], shared_earlier: &[&str], order: HandsOrder) -> Round {
    Round::raised_hands(HandsSetup {
        present: ids(present),
        newcomers: ids(newcomers),
        shared_earlier: ids(shared_earlier),
        order,
    })
    .unwrap()
}

// --- A circle round -------------------------------------------------------------------------

#[test]
fn the_round_starts_at_the_chosen_seat_and_goes_clockwise() {
    let r = circle_of_six(2, Direction::Clockwise);
    assert_eq!(order(&r), ["cat", "dev", "eli", "fay", "ana", "ben"]);
    assert_eq!(r.current().unwrap().person_id, "cat");
}

#[test]
fn a_counter_clockwise_round_goes_the_other_way_round() {
    let r = circle_of_six(2, Direction::CounterClockwise);
    assert_eq!(order(&r), ["cat", "ben", "ana", "fay", "eli", "dev"]);
}

#[test]
fn the_chair_sees_who_is_up_and_the_next_two_with_the_reason_for_each() {
    let r = circle_of_six(0, Direction::Clockwise);
    let up = r.upcoming(3);
    assert_eq!(up.len(), 3);
    assert_eq!(
        up,
        [
            Waiting { person_id: "ana".into(), reason: Reason::NextInCircle },
            Waiting { person_id: "ben".into(), reason: Reason::NextInCircle },
            Waiting { person_id: "cat".into(), reason: Reason::NextInCircle },
        ]
    );
}

#[test]
fn after_each_share_the_next_seat_is_up_and_the_share_is_recorded() {
    let mut r = circle_of_six(0, Direction::Clockwise);
    r.next().unwrap();
    r.next().unwrap();
    assert_eq!(who(&r, 3), ["cat", "dev", "eli"]);
    assert_eq!(turns(&r), [("ana", Outcome::Shared), ("ben", Outcome::Shared)]);
}

#[test]
fn a_person_may_always_pass_and_it_is_kept_as_a_pass_not_a_share() {
    let mut r = circle_of_six(0, Direction::Clockwise);
    r.pass().unwrap();
    assert_eq!(r.current().unwrap().person_id, "ben");
    assert_eq!(turns(&r), [("ana", Outcome::Passed)]);
    assert_eq!(r.passes(), 1);
    assert!(r.had_turn("ana"));
}

#[test]
fn someone_not_ready_yet_comes_back_after_everyone_else_in_the_order_they_asked() {
    let mut r = circle_of_six(0, Direction::Clockwise);
    r.skip_for_now().unwrap(); // Ana: "come back to me"
    r.skip_for_now().unwrap(); // Ben too
    assert_eq!(order(&r), ["cat", "dev", "eli", "fay", "ana", "ben"]);
    assert_eq!(r.upcoming(6)[4].reason, Reason::SkippedEarlier);
    for _ in 0..4 {
        r.next().unwrap();
    }
    assert_eq!(who(&r, 3), ["ana", "ben"]);
    r.next().unwrap();
    r.pass().unwrap();
    assert!(r.is_over());
    assert_eq!(turns(&r).last(), Some(&("ben", Outcome::Passed)));
}

#[test]
fn the_last_person_waiting_cannot_be_put_off_and_shares_or_passes() {
    let mut r = circle_of_six(0, Direction::Clockwise);
    for _ in 0..5 {
        r.next().unwrap();
    }
    let message = refused(&mut r, "conflict", Round::skip_for_now);
    assert!(message.contains("share now or pass"), "{message}");
    r.pass().unwrap();
    assert!(r.is_over());
}

#[test]
fn a_late_arrival_whose_seat_is_still_ahead_gets_their_turn_in_seat_order() {
    let mut r = circle_of_six(0, Direction::Clockwise);
    r.next().unwrap(); // Ana shared, Ben is up
                       // Gus sits between Dev (seat 3) and Eli: seat 4 from now on.
    r.late_arrival("gus", 4).unwrap();
    assert_eq!(r.seats, ids(&["ana", "ben", "cat", "dev", "gus", "eli", "fay"]));
    assert_eq!(order(&r), ["ben", "cat", "dev", "gus", "eli", "fay"]);
    assert_eq!(r.upcoming(6)[3].reason, Reason::LateArrival);
}

#[test]
fn a_late_arrival_whose_seat_has_gone_by_goes_at_the_end() {
    let mut r = circle_of_six(0, Direction::Clockwise);
    r.next().unwrap();
    r.next().unwrap(); // Cat is up
    r.skip_for_now().unwrap(); // Cat will be come back to
                               // Gus sits between Ana and Ben: the round has passed there.
    r.late_arrival("gus", 1).unwrap();
    assert_eq!(order(&r), ["dev", "eli", "fay", "cat", "gus"]);
    let gus = r.upcoming(5)[4].clone();
    assert_eq!(gus.reason, Reason::LateArrivalAtEnd);
}

#[test]
fn a_late_arrival_right_before_the_current_speaker_has_missed_their_seat() {
    let mut r = circle_of_six(0, Direction::Clockwise);
    r.next().unwrap(); // Ben is up
    r.late_arrival("gus", 1).unwrap(); // between Ana and Ben
    assert_eq!(order(&r), ["ben", "cat", "dev", "eli", "fay", "gus"]);
    assert_eq!(r.upcoming(6)[5].reason, Reason::LateArrivalAtEnd);
}

#[test]
fn a_late_arrival_right_after_the_current_speaker_is_next() {
    let mut r = circle_of_six(0, Direction::Clockwise);
    r.next().unwrap(); // Ben is up
    r.late_arrival("gus", 2).unwrap(); // between Ben and Cat
    assert_eq!(who(&r, 3), ["ben", "gus", "cat"]);
}

#[test]
fn in_a_counter_clockwise_round_a_late_arrival_is_placed_by_the_way_the_round_goes() {
    let mut r = circle_of_six(3, Direction::CounterClockwise); // Dev, Cat, Ben, Ana, Fay, Eli
    r.next().unwrap(); // Cat is up
    r.late_arrival("gus", 1).unwrap(); // between Ana and Ben: still ahead going this way
    assert_eq!(order(&r), ["cat", "ben", "gus", "ana", "fay", "eli"]);
    r.late_arrival("hal", 4).unwrap(); // seats: ana gus ben cat | hal | dev eli fay: between Cat and Dev, gone by
    assert_eq!(order(&r), ["cat", "ben", "gus", "ana", "fay", "eli", "hal"]);
    assert_eq!(r.upcoming(7)[6].reason, Reason::LateArrivalAtEnd);
}

#[test]
fn a_late_arrival_next_to_the_first_speaker_is_the_last_seat_of_the_round() {
    let mut r = circle_of_six(2, Direction::Clockwise); // Cat first
    r.next().unwrap();
    r.late_arrival("gus", 2).unwrap(); // between Ben and Cat: the very end of this round's way round
    assert_eq!(order(&r), ["dev", "eli", "fay", "ana", "ben", "gus"]);
    assert_eq!(r.upcoming(6)[5].reason, Reason::LateArrival);
    assert_eq!(r.mode, RoundMode::Circle { direction: Direction::Clockwise, start_seat: 3 });
}

#[test]
fn once_the_circle_has_gone_round_everyone_late_waits_at_the_end_in_the_order_they_came() {
    let mut r = circle_of_six(0, Direction::Clockwise);
    r.skip_for_now().unwrap();
    for _ in 0..5 {
        r.next().unwrap();
    }
    assert_eq!(order(&r), ["ana"]);
    r.late_arrival("gus", 3).unwrap();
    r.late_arrival("hal", 0).unwrap();
    assert_eq!(order(&r), ["ana", "gus", "hal"]);
}

#[test]
fn someone_who_leaves_is_taken_off_the_list_and_their_share_stays_recorded() {
    let mut r = circle_of_six(0, Direction::Clockwise);
    r.next().unwrap(); // Ana shared
    r.departure("ana").unwrap();
    r.departure("cat").unwrap();
    assert_eq!(order(&r), ["ben", "dev", "eli", "fay"]);
    assert_eq!(turns(&r), [("ana", Outcome::Shared)]);
    assert_eq!(r.departed, ids(&["ana", "cat"]));
    // Their seats stay, so seat numbers do not move under the chair.
    assert_eq!(r.seats.len(), 6);
}

#[test]
fn when_the_speaker_up_leaves_the_next_person_is_up() {
    let mut r = circle_of_six(0, Direction::Clockwise);
    r.departure("ana").unwrap();
    assert_eq!(r.current().unwrap().person_id, "ben");
    assert!(!r.had_turn("ana"));
}

#[test]
fn the_round_is_over_when_nobody_is_waiting_and_then_takes_no_more_steps() {
    let mut r = circle_of_six(0, Direction::Clockwise);
    for _ in 0..3 {
        r.next().unwrap();
    }
    r.departure("dev").unwrap();
    r.pass().unwrap();
    assert!(!r.is_over());
    r.next().unwrap();
    assert!(r.is_over());
    assert!(r.upcoming(3).is_empty());
    refused(&mut r, "conflict", Round::next);
    refused(&mut r, "conflict", |r| r.late_arrival("gus", 0));
    assert_eq!(r.turns.len(), 5);
}

#[test]
fn the_chair_can_end_the_round_early_and_those_not_reached_are_kept() {
    let mut r = circle_of_six(0, Direction::Clockwise);
    r.next().unwrap();
    r.next().unwrap();
    r.end().unwrap();
    assert!(r.is_over());
    assert_eq!(r.not_reached, ids(&["cat", "dev", "eli", "fay"]));
    refused(&mut r, "conflict", Round::end);
}

#[test]
fn a_round_survives_the_app_being_killed_as_the_json_the_store_keeps() {
    let mut r = circle_of_six(4, Direction::CounterClockwise);
    r.next().unwrap();
    r.skip_for_now().unwrap();
    r.late_arrival("gus", 6).unwrap();
    r.departure("ana").unwrap();
    let saved = serde_json::to_string(&r).unwrap();
    assert!(saved.contains("\"startSeat\"") && saved.contains("\"personId\""), "{saved}");
    let mut back: Round = serde_json::from_str(&saved).unwrap();
    assert_eq!(back, r);
    back.next().unwrap();
    r.next().unwrap();
    assert_eq!(back, r);
}

// --- Refusals -------------------------------------------------------------------------------

#[test]
fn a_round_with_nobody_here_is_refused() {
    let e = Round::circle(CircleSetup { seats: vec![], start_seat: 0, direction: Direction::Clockwise }).unwrap_err();
    assert_eq!(e.kind(), "invalid");
    assert!(e.to_string().contains("Nobody is here"), "{e}");
    let e = Round::raised_hands(HandsSetup {
        present: vec![],
        newcomers: vec![],
        shared_earlier: vec![],
        order: HandsOrder::default(),
    })
    .unwrap_err();
    assert_eq!(e.kind(), "invalid");
}

#[test]
fn a_first_seat_that_is_not_in_the_circle_is_refused() {
    let e = Round::circle(CircleSetup { seats: ids(&["ana", "ben"]), start_seat: 2, direction: Direction::Clockwise })
        .unwrap_err();
    assert_eq!(e.kind(), "invalid");
    assert!(e.to_string().contains("2 seats"), "{e}");
}

#[test]
fn the_same_person_cannot_sit_in_two_seats() {
    let e = Round::circle(CircleSetup {
        seats: ids(&["ana", "ben", "ana"]),
        start_seat: 0,
        direction: Direction::Clockwise,
    })
    .unwrap_err();
    assert_eq!(e.kind(), "invalid");
    let e = Round::circle(CircleSetup { seats: ids(&["ana", " "]), start_seat: 0, direction: Direction::Clockwise })
        .unwrap_err();
    assert_eq!(e.kind(), "invalid");

    let mut r = circle_of_six(0, Direction::Clockwise);
    refused(&mut r, "conflict", |r| r.late_arrival("cat", 2));
}

#[test]
fn someone_who_left_cannot_be_seated_again_in_the_same_round() {
    let mut r = circle_of_six(0, Direction::Clockwise);
    r.departure("cat").unwrap();
    let message = refused(&mut r, "conflict", |r| r.late_arrival("cat", 0));
    assert!(message.contains("next round"), "{message}");
    refused(&mut r, "conflict", |r| r.departure("cat"));
}

#[test]
fn a_late_arrival_in_a_place_that_does_not_exist_changes_nothing() {
    let mut r = circle_of_six(0, Direction::Clockwise);
    refused(&mut r, "invalid", |r| r.late_arrival("gus", 7));
    refused(&mut r, "invalid", |r| r.late_arrival("", 0));
    r.late_arrival("gus", 6).unwrap();
}

#[test]
fn someone_not_in_the_round_changes_nothing() {
    let mut r = circle_of_six(0, Direction::Clockwise);
    refused(&mut r, "not_found", |r| r.departure("zed"));
    let mut h = hands(&["ana", "ben"], &[], &[], HandsOrder::default());
    refused(&mut h, "not_found", |r| r.raise_hand("zed"));
    refused(&mut h, "not_found", |r| r.lower_hand("zed"));
    refused(&mut h, "not_found", |r| r.departure("zed"));
    let e = Round::raised_hands(HandsSetup {
        present: ids(&["ana"]),
        newcomers: ids(&["zed"]),
        shared_earlier: vec![],
        order: HandsOrder::default(),
    })
    .unwrap_err();
    assert_eq!(e.kind(), "not_found");
}

#[test]
fn hands_are_for_open_sharing_not_for_a_circle() {
    let mut r = circle_of_six(0, Direction::Clockwise);
    refused(&mut r, "conflict", |r| r.raise_hand("ben"));
    refused(&mut r, "conflict", |r| r.lower_hand("ben"));
}

// --- Open sharing by raised hands ----------------------------------------------------------

#[test]
fn those_who_have_not_shared_yet_go_before_those_who_have() {
    let mut h = hands(&["ana", "ben", "cat", "dev"], &[], &["ana", "ben"], HandsOrder::default());
    h.raise_hand("ana").unwrap();
    h.raise_hand("cat").unwrap();
    h.raise_hand("ben").unwrap();
    h.raise_hand("dev").unwrap();
    assert_eq!(order(&h), ["cat", "dev", "ana", "ben"]);
    assert_eq!(h.upcoming(1)[0].reason, Reason::HasNotSharedYet);
    assert_eq!(h.upcoming(3)[2].reason, Reason::HandRaised);
}

#[test]
fn a_group_that_gives_newcomers_priority_hears_them_first() {
    let order_ = HandsOrder { newcomers_first: true, not_yet_shared_first: true };
    let mut h = hands(&["ana", "ben", "new"], &["new"], &["ana"], order_);
    h.raise_hand("ana").unwrap();
    h.raise_hand("ben").unwrap();
    h.raise_hand("new").unwrap();
    assert_eq!(order(&h), ["new", "ben", "ana"]);
    assert_eq!(
        h.upcoming(3).iter().map(|w| w.reason).collect::<Vec<_>>(),
        [Reason::Newcomer, Reason::HasNotSharedYet, Reason::HandRaised]
    );
}

#[test]
fn without_newcomer_priority_a_newcomer_waits_like_anyone_who_has_not_shared() {
    let mut h = hands(&["ana", "new"], &["new"], &[], HandsOrder::default());
    h.raise_hand("ana").unwrap();
    h.raise_hand("new").unwrap();
    assert_eq!(order(&h), ["ana", "new"]);
    assert_eq!(h.upcoming(2)[1].reason, Reason::HasNotSharedYet);
}

#[test]
fn a_group_that_keeps_plain_hand_order_hears_hands_as_they_went_up() {
    let plain = HandsOrder { newcomers_first: false, not_yet_shared_first: false };
    let mut h = hands(&["ana", "ben", "new"], &["new"], &["ana"], plain);
    for p in ["ana", "new", "ben"] {
        h.raise_hand(p).unwrap();
    }
    assert_eq!(order(&h), ["ana", "new", "ben"]);
    assert!(h.upcoming(3).iter().all(|w| w.reason == Reason::HandRaised));
}

#[test]
fn a_lowered_hand_leaves_the_queue_and_can_go_up_again_at_the_back() {
    let mut h = hands(&["ana", "ben", "cat"], &[], &[], HandsOrder::default());
    for p in ["ana", "ben", "cat"] {
        h.raise_hand(p).unwrap();
    }
    h.lower_hand("ana").unwrap();
    assert_eq!(order(&h), ["ben", "cat"]);
    refused(&mut h, "conflict", |r| r.lower_hand("ana"));
    h.raise_hand("ana").unwrap();
    assert_eq!(order(&h), ["ben", "cat", "ana"]);
    refused(&mut h, "conflict", |r| r.raise_hand("ana"));
}

#[test]
fn in_open_sharing_a_skipped_person_waits_behind_those_waiting_then_but_not_behind_lower_priority() {
    let mut h = hands(&["ana", "ben", "cat", "dev"], &[], &["dev"], HandsOrder::default());
    h.raise_hand("ana").unwrap();
    h.raise_hand("ben").unwrap();
    h.skip_for_now().unwrap(); // Ana is not ready
    assert_eq!(order(&h), ["ben", "ana"]);
    assert_eq!(h.upcoming(2)[1].reason, Reason::SkippedEarlier);
    h.raise_hand("dev").unwrap(); // has shared already: behind Ana, who has not
    h.raise_hand("cat").unwrap(); // has not shared: behind Ana, who waited longer
    assert_eq!(order(&h), ["ben", "ana", "cat", "dev"]);
}

#[test]
fn in_open_sharing_each_person_has_one_turn_a_round() {
    let mut h = hands(&["ana", "ben"], &[], &[], HandsOrder::default());
    h.raise_hand("ana").unwrap();
    h.pass().unwrap();
    refused(&mut h, "conflict", |r| r.raise_hand("ana"));
    refused(&mut h, "conflict", Round::next);
    assert!(!h.is_over(), "an open sharing stays open until the chair ends it");
    h.raise_hand("ben").unwrap();
    h.next().unwrap();
    h.end().unwrap();
    assert_eq!(turns(&h), [("ana", Outcome::Passed), ("ben", Outcome::Shared)]);
}

#[test]
fn in_open_sharing_someone_who_leaves_has_their_hand_taken_down() {
    let mut h = hands(&["ana", "ben"], &[], &[], HandsOrder::default());
    h.raise_hand("ana").unwrap();
    h.raise_hand("ben").unwrap();
    h.departure("ana").unwrap();
    assert_eq!(order(&h), ["ben"]);
    refused(&mut h, "conflict", |r| r.raise_hand("ana"));
}

#[test]
fn a_late_newcomer_in_open_sharing_gets_newcomer_priority() {
    let order_ = HandsOrder { newcomers_first: true, not_yet_shared_first: true };
    let mut h = hands(&["ana"], &[], &[], order_);
    h.raise_hand("ana").unwrap();
    h.late_newcomer("new", 1).unwrap();
    h.late_arrival("bob", 0).unwrap();
    assert_eq!(order(&h), ["ana"], "arriving is not raising a hand");
    h.raise_hand("bob").unwrap();
    h.raise_hand("new").unwrap();
    assert_eq!(order(&h), ["new", "ana", "bob"]);
    assert_eq!(h.seats, ids(&["bob", "ana", "new"]));
}

// --- Where the circle starts ----------------------------------------------------------------

#[test]
fn the_round_starts_half_way_round_from_last_weeks_first_speaker() {
    let seats = ids(&["ana", "ben", "cat", "dev", "eli", "fay"]);
    let p = propose_start(&seats, Some("ben"), None).unwrap();
    assert_eq!(p, StartProposal { seat: 4, reason: StartReason::OppositeLastStart });
    let p = propose_start(&seats[..5], Some("dev"), None).unwrap();
    assert_eq!(p.seat, 0); // five seats: two on from Dev going clockwise
}

#[test]
fn when_last_weeks_first_speaker_is_away_it_starts_with_who_sat_furthest_from_them() {
    let last = ids(&["ana", "ben", "cat", "dev", "eli", "fay"]);
    let today = ids(&["fay", "cat", "eli", "ben"]);
    // Ana started last week; Dev sat opposite her but is away; Cat and Eli sat two seats off.
    let p = propose_start(&today, Some("ana"), Some(&last)).unwrap();
    assert_eq!(p, StartProposal { seat: 1, reason: StartReason::FarFromLastStart });
    assert_ne!(today[p.seat], "ana");
}

#[test]
fn a_group_with_no_history_starts_at_the_first_seat() {
    let seats = ids(&["ana", "ben", "cat"]);
    assert_eq!(propose_start(&seats, None, None).unwrap(), StartProposal { seat: 0, reason: StartReason::FirstSeat });
    // Last week's first speaker is not here and nobody from then sat anywhere we know.
    let p = propose_start(&seats, Some("zed"), Some(&ids(&["zed", "yan"]))).unwrap();
    assert_eq!(p.reason, StartReason::FirstSeat);
}

#[test]
fn a_lone_member_starts_their_own_round_and_two_people_take_turns_starting() {
    assert_eq!(propose_start(&ids(&["ana"]), Some("ana"), None).unwrap().reason, StartReason::OnlyOnePresent);
    assert_eq!(propose_start(&ids(&["ana", "ben"]), Some("ana"), None).unwrap().seat, 1);
    assert_eq!(propose_start(&ids(&["ana", "ben"]), Some("ben"), None).unwrap().seat, 0);
}

#[test]
fn a_start_cannot_be_proposed_for_an_empty_or_doubled_circle() {
    assert_eq!(propose_start(&[], None, None).unwrap_err().kind(), "invalid");
    assert_eq!(propose_start(&ids(&["ana", "ana"]), None, None).unwrap_err().kind(), "invalid");
}

// --- Fair time -------------------------------------------------------------------------------

fn fair(remaining_ms: i64, waiting: u32) -> FairTimeInput {
    FairTimeInput {
        remaining_ms,
        waiting,
        min_share_ms: 2 * MIN,
        max_share_ms: 5 * MIN,
        reserve_ms: 0,
        next_has_shared: false,
    }
}

#[test]
fn eight_people_in_twenty_six_minutes_get_three_and_a_quarter_minutes_each() {
    let f = fair_share(&fair(26 * MIN, 8)).unwrap();
    assert_eq!(f, FairShare { share_ms: 3 * MIN + 15 * SEC, basis: FairBasis::EvenSplit });
}

#[test]
fn a_fair_share_is_rounded_down_to_five_seconds_so_it_never_overruns() {
    // 25 minutes among 7 is 3:34.28…; proposed 3:30.
    assert_eq!(fair_share(&fair(25 * MIN, 7)).unwrap().share_ms, 3 * MIN + 30 * SEC);
}

#[test]
fn a_fair_share_stays_within_the_groups_shortest_and_longest_share() {
    assert_eq!(
        fair_share(&fair(60 * MIN, 3)).unwrap(),
        FairShare { share_ms: 5 * MIN, basis: FairBasis::GroupMaximum }
    );
    assert_eq!(
        fair_share(&fair(10 * MIN, 9)).unwrap(),
        FairShare { share_ms: 2 * MIN, basis: FairBasis::GroupMinimum }
    );
}

#[test]
fn when_time_is_up_the_next_share_gets_the_shortest_length_and_nobody_waiting_gets_none() {
    assert_eq!(fair_share(&fair(0, 4)).unwrap(), FairShare { share_ms: 2 * MIN, basis: FairBasis::NoTimeLeft });
    assert_eq!(fair_share(&fair(-MIN, 4)).unwrap().basis, FairBasis::NoTimeLeft);
    assert_eq!(fair_share(&fair(20 * MIN, 0)).unwrap(), FairShare { share_ms: 0, basis: FairBasis::NobodyWaiting });
}

#[test]
fn the_reserve_is_kept_for_those_who_have_not_shared_yet() {
    let with_reserve = FairTimeInput { reserve_ms: 6 * MIN, ..fair(24 * MIN, 6) };
    assert_eq!(fair_share(&with_reserve).unwrap().share_ms, 4 * MIN);
    let for_a_second_share = FairTimeInput { next_has_shared: true, ..with_reserve };
    assert_eq!(fair_share(&for_a_second_share).unwrap().share_ms, 3 * MIN);
    let reserve_eats_it_all = FairTimeInput { reserve_ms: 30 * MIN, ..for_a_second_share };
    assert_eq!(fair_share(&reserve_eats_it_all).unwrap().basis, FairBasis::GroupMinimum);
}

#[test]
fn nonsense_share_limits_are_refused() {
    let e = fair_share(&FairTimeInput { min_share_ms: 5 * MIN, max_share_ms: 2 * MIN, ..fair(MIN, 1) }).unwrap_err();
    assert_eq!(e.kind(), "invalid");
    assert!(fair_share(&FairTimeInput { min_share_ms: 0, ..fair(MIN, 1) }).is_err());
    assert!(fair_share(&FairTimeInput { reserve_ms: -1, ..fair(MIN, 1) }).is_err());
}

// --- After the meeting -----------------------------------------------------------------------

fn share(person: Option<&str>, spoken_ms: i64, overtime_ms: i64) -> ShareTime {
    ShareTime { person_id: person.map(str::to_string), spoken_ms, overtime_ms }
}

#[test]
fn the_summary_gives_named_figures_without_names() {
    let shares = [
        share(Some("ana"), 3 * MIN, 0),
        share(Some("ben"), 5 * MIN + 30 * SEC, 30 * SEC),
        share(Some("cat"), 2 * MIN, 0),
        share(Some("dev"), 4 * MIN, 0),
        share(None, MIN, 0),
    ];
    let s = summarize(&shares, 2, false).unwrap();
    assert_eq!((s.shared, s.shares, s.passed), (5, 5, 2));
    assert_eq!((s.shortest_ms, s.median_ms, s.longest_ms), (Some(MIN), Some(3 * MIN), Some(5 * MIN + 30 * SEC)));
    assert_eq!((s.total_spoken_ms, s.total_overtime_ms), (15 * MIN + 30 * SEC, 30 * SEC));
    // Five speakers: the top fifth is Ben alone, with 5:30 of 15:30.
    assert_eq!(s.top_fifth_speakers, 1);
    assert!((s.top_fifth_part.unwrap() - 330.0 / 930.0).abs() < 1e-12);
    assert!(s.per_person.is_none());
    let json = serde_json::to_string(&s).unwrap();
    assert!(!json.contains("ana") && !json.contains("ben"), "{json}");
}

#[test]
fn per_person_totals_come_only_when_the_chair_asks() {
    let shares = [share(Some("ana"), 3 * MIN, 0), share(Some("ana"), MIN, 10 * SEC), share(Some("ben"), 2 * MIN, 0)];
    let s = summarize(&shares, 0, true).unwrap();
    assert_eq!((s.shared, s.shares), (2, 3));
    let people = s.per_person.unwrap();
    assert_eq!(people["ana"], PersonTotal { shares: 2, spoken_ms: 4 * MIN, overtime_ms: 10 * SEC });
    assert_eq!(people["ben"].spoken_ms, 2 * MIN);
    // Two speakers: the top fifth is still one person, Ana with 4 of 6 minutes.
    assert!((s.top_fifth_part.unwrap() - 4.0 / 6.0).abs() < 1e-12);
}

#[test]
fn with_an_even_number_of_shares_the_median_is_halfway_between_the_middle_two() {
    let shares = [share(None, MIN, 0), share(None, 2 * MIN, 0), share(None, 3 * MIN, 0), share(None, 9 * MIN, 0)];
    assert_eq!(summarize(&shares, 0, false).unwrap().median_ms, Some(2 * MIN + 30 * SEC));
}

#[test]
fn ten_even_speakers_give_the_top_fifth_a_fifth_of_the_time() {
    let shares: Vec<ShareTime> = (0..10).map(|i| share(Some(&format!("p{i}")), 3 * MIN, 0)).collect();
    let s = summarize(&shares, 0, false).unwrap();
    assert_eq!(s.top_fifth_speakers, 2);
    assert!((s.top_fifth_part.unwrap() - 0.2).abs() < 1e-12);
}

#[test]
fn a_meeting_where_everyone_passed_has_no_lengths_and_no_fairness_figure() {
    let s = summarize(&[], 7, true).unwrap();
    assert_eq!((s.shared, s.passed, s.shortest_ms, s.median_ms, s.top_fifth_part), (0, 7, None, None, None));
    assert_eq!(s.per_person, Some(Default::default()));
    assert_eq!(summarize(&[share(None, -1, 0)], 0, false).unwrap_err().kind(), "invalid");
}

#[test]
fn the_summary_reads_the_meetings_share_records() {
    let record = ShareRecord {
        id: "s1".into(),
        person_id: Some("ana".into()),
        speaker: Some("Ana".into()),
        planned_ms: 4 * MIN,
        adjust_ms: 0,
        started_at: 0,
        ended_at: Some(4 * MIN + 20 * SEC),
        paused_ms: 0,
        spoken_ms: 4 * MIN + 20 * SEC,
        overtime_ms: 20 * SEC,
    };
    let s = summarize(&[ShareTime::from(&record)], 0, false).unwrap();
    assert_eq!((s.longest_ms, s.total_overtime_ms), (Some(4 * MIN + 20 * SEC), 20 * SEC));
}
