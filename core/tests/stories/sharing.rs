//! The speaking order as a chair runs it, against a real store on a fake clock: seating, a round
//! with passes, skips and late arrivals, open sharing, fair time, and a crash mid-round.

use crate::helpers::*;
use circlekeeper_core::*;

fn up(v: &SharingView) -> Vec<&str> {
    v.round.as_ref().map(|r| r.upcoming.iter().map(|u| u.name.as_str()).collect()).unwrap_or_default()
}

fn speaker(c: &Evening) -> Option<String> {
    c.room.store.running_timer(&c.meeting).unwrap().and_then(|t| t.speaker)
}

#[test]
fn next_stops_one_share_and_starts_the_next_in_one_step() {
    let mut c = Evening::with(&["Ann", "Ben", "Cy"]);
    let v = c.start_circle(0);
    assert_eq!(up(&v), ["Ann", "Ben", "Cy"]);
    assert!(!v.round.as_ref().unwrap().speaking);

    let v = c.room.store.next_speaker(&c.meeting).unwrap();
    assert!(v.round.as_ref().unwrap().speaking);
    assert_eq!(speaker(&c).as_deref(), Some("Ann"));

    c.room.clock.advance_ms(3 * MIN);
    let v = c.room.store.next_speaker(&c.meeting).unwrap();
    assert_eq!(up(&v), ["Ben", "Cy"]);
    assert_eq!(speaker(&c).as_deref(), Some("Ben"));
    let shares = c.room.store.share_state(&c.meeting).unwrap().shares;
    assert_eq!((shares.len(), shares[0].speaker.as_deref(), shares[0].spoken_ms), (1, Some("Ann"), 3 * MIN));
}

#[test]
fn a_chair_runs_a_round_of_twelve_with_passes_a_skip_and_two_late_arrivals() {
    let names = ["A1", "B2", "C3", "D4", "E5", "F6", "G7", "H8", "I9", "J10", "K11", "L12"];
    let mut c = Evening::with(&names);
    c.start_circle(0);
    let store = &mut c.room.store;
    let m = c.meeting.clone();

    store.next_speaker(&m).unwrap(); // A1 shares
    c.room.clock.advance_ms(2 * MIN);
    store.next_speaker(&m).unwrap(); // B2 up and sharing
    c.room.clock.advance_ms(2 * MIN);
    store.next_speaker(&m).unwrap(); // C3 up
    store.pass_turn(&m).unwrap(); // C3 passes: the share started for them is withdrawn
    let v = store.skip_turn(&m).unwrap(); // D4 not ready yet
    assert_eq!(up(&v), ["E5", "F6", "G7"]);

    // Two late arrivals: seated at the end of the circle, so their turn comes after L12.
    let late1 = store.add_walk_in(&m, &walk_in("Mo")).unwrap();
    let late2 = store.add_walk_in(&m, &walk_in("Ny")).unwrap();
    assert_eq!(late1.counts.headcount + 1, late2.counts.headcount);

    let mut order = Vec::new();
    loop {
        let v = store.next_speaker(&m).unwrap();
        let Some(r) = v.round else { break };
        order.push(r.upcoming[0].name.clone());
        c.room.clock.advance_ms(90 * SEC);
        if r.waiting == 1 {
            let v = store.next_speaker(&m).unwrap();
            assert!(v.round.is_none(), "the round is over once everyone has had a turn");
            break;
        }
    }
    assert_eq!(order, ["E5", "F6", "G7", "H8", "I9", "J10", "K11", "L12", "Mo", "Ny", "D4"]);

    let summary = store.sharing_summary(&m, false).unwrap();
    assert_eq!((summary.shared, summary.passed), (13, 1));
    assert!(summary.per_person.is_none(), "no names unless the chair asks");
    assert_eq!(store.sharing_summary(&m, true).unwrap().per_person.unwrap().len(), 13);
}

#[test]
fn a_round_survives_the_app_being_killed_at_the_same_speaker() {
    let mut c = Evening::with(&["Ann", "Ben", "Cy"]);
    c.start_circle(1);
    c.room.store.next_speaker(&c.meeting).unwrap();
    c.room.store.next_speaker(&c.meeting).unwrap();
    let Evening { room, meeting, .. } = c;
    room.clock.advance_ms(30 * SEC);
    let room = room.reopen();
    let v = room.store.sharing(&meeting).unwrap();
    assert_eq!(up(&v), ["Cy", "Ann"]);
    assert!(v.round.unwrap().speaking);
    assert_eq!(room.store.running_timer(&meeting).unwrap().unwrap().spoken_ms, 30 * SEC);
}

#[test]
fn someone_who_leaves_during_the_round_is_not_called() {
    let mut c = Evening::with(&["Ann", "Ben", "Cy"]);
    let v = c.start_circle(0);
    assert_eq!(up(&v), ["Ann", "Ben", "Cy"]);
    let view = c.room.store.meeting_view(&c.meeting).unwrap();
    let ben = view.attendees.iter().find(|a| a.display_name.as_deref() == Some("Ben")).unwrap();
    c.room.store.mark_left(&ben.check_in_id).unwrap();
    assert_eq!(up(&c.room.store.sharing(&c.meeting).unwrap()), ["Ann", "Cy"]);
}

#[test]
fn the_seating_is_arranged_before_the_round() {
    let mut c = Evening::with(&["Ann", "Ben", "Cy"]);
    let v = c.room.store.move_seat(&c.meeting, &c.people[2].id, -2).unwrap();
    let seats: Vec<_> = v.seating.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(seats, ["Cy", "Ann", "Ben"]);
    let v = c
        .room
        .store
        .start_circle(&StartCircleInput {
            meeting_id: c.meeting.clone(),
            first_person_id: Some(c.people[0].id.clone()),
            direction: Direction::CounterClockwise,
        })
        .unwrap();
    assert_eq!(up(&v), ["Ann", "Cy", "Ben"]);
}

#[test]
fn next_week_the_circle_is_proposed_to_start_elsewhere() {
    let mut c = Evening::with(&["Ann", "Ben", "Cy", "Dee"]);
    c.start_circle(0);
    c.room.store.next_speaker(&c.meeting).unwrap();
    c.room.store.end_round(&c.meeting).unwrap();
    c.room.store.close_meeting(&c.meeting).unwrap();

    c.room.clock.advance_ms(7 * DAY_MS);
    let next = c.room.meeting(&c.group, MeetingMode::Named);
    for p in &c.people {
        c.room.store.check_in(&next.meeting.id, &p.id).unwrap();
    }
    let v = c.room.store.sharing(&next.meeting.id).unwrap();
    let proposal = v.proposed_start.unwrap();
    assert_eq!(v.seating[proposal.seat].name, "Cy", "half-way round from Ann, who started last week");
}

#[test]
fn open_sharing_hears_those_who_have_not_shared_first() {
    let mut c = Evening::with(&["Ann", "Ben", "Cy"]);
    c.start_circle(0);
    c.room.store.next_speaker(&c.meeting).unwrap(); // Ann shares in the circle
    c.room.store.end_round(&c.meeting).unwrap();

    c.room.store.start_open_sharing(&c.meeting).unwrap();
    c.room.store.raise_hand(&c.meeting, &c.people[0].id).unwrap();
    let v = c.room.store.raise_hand(&c.meeting, &c.people[2].id).unwrap();
    let r = v.round.unwrap();
    assert_eq!(
        r.upcoming.iter().map(|u| (u.name.as_str(), u.reason)).collect::<Vec<_>>(),
        [("Cy", Reason::HasNotSharedYet), ("Ann", Reason::HandRaised)]
    );
}

#[test]
fn fair_time_shares_out_what_is_left_and_the_chair_can_take_it() {
    let names: Vec<String> = (0..10).map(|i| format!("P{i}")).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let mut c = Evening::with(&names);
    c.start_circle(0);
    let v = c
        .room
        .store
        .set_sharing_time(&SharingTimeInput {
            meeting_id: c.meeting.clone(),
            minutes_left: Some(30),
            reserve_minutes: 0,
        })
        .unwrap();
    assert_eq!((v.fair.remaining_ms, v.fair.proposal.share_ms), (30 * MIN, 3 * MIN));
    c.room.store.use_fair_share(&c.meeting).unwrap();
    assert_eq!(c.room.store.share_state(&c.meeting).unwrap().settings.share_ms, 3 * MIN);
    c.room.store.next_speaker(&c.meeting).unwrap();
    assert_eq!(c.room.store.running_timer(&c.meeting).unwrap().unwrap().planned_ms, 3 * MIN);
}

#[test]
fn the_room_is_told_who_is_next() {
    let mut c = Evening::with(&["Ann", "Ben"]);
    c.start_circle(0);
    c.room.store.next_speaker(&c.meeting).unwrap();
    assert_eq!(c.room.store.room_view(&c.meeting).unwrap().next_speaker.as_deref(), Some("Ben"));
}

#[test]
fn bad_round_input_gets_a_clear_message_and_changes_nothing() {
    let mut c = Evening::with(&["Ann", "Ben"]);
    let before = format!("{:?}", c.room.store.sharing(&c.meeting).unwrap());
    let ann = c.people[0].id.clone();
    let refused = [
        c.room.store.set_seating(&c.meeting, &[ann.clone(), ann.clone()]).unwrap_err(),
        c.room.store.set_seating(&c.meeting, std::slice::from_ref(&ann)).unwrap_err(),
        c.room.store.set_seating(&c.meeting, &[ann.clone(), "nobody".into()]).unwrap_err(),
        c.room.store.next_speaker(&c.meeting).unwrap_err(),
        c.room.store.pass_turn(&c.meeting).unwrap_err(),
        c.room
            .store
            .start_circle(&StartCircleInput {
                meeting_id: c.meeting.clone(),
                first_person_id: Some("nobody".into()),
                direction: Direction::Clockwise,
            })
            .unwrap_err(),
        c.room.store.move_seat(&c.meeting, "nobody", 1).unwrap_err(),
        c.room
            .store
            .set_sharing_time(&SharingTimeInput {
                meeting_id: c.meeting.clone(),
                minutes_left: Some(9999),
                reserve_minutes: 0,
            })
            .unwrap_err(),
    ];
    for e in &refused {
        assert!(!matches!(e, Error::Store(_)), "not a clear message: {e}");
    }
    assert_eq!(format!("{:?}", c.room.store.sharing(&c.meeting).unwrap()), before);

    // Nobody present, and a counts-only meeting.
    let mut empty = Room::fresh();
    let g = empty.group();
    let m = empty.meeting(&g, MeetingMode::Named);
    let err = empty
        .store
        .start_circle(&StartCircleInput {
            meeting_id: m.meeting.id.clone(),
            first_person_id: None,
            direction: Direction::Clockwise,
        })
        .unwrap_err();
    assert!(err.to_string().contains("Nobody is here"));
    empty.store.set_meeting_mode(&m.meeting.id, MeetingMode::Headcount).unwrap();
    assert!(empty.store.start_open_sharing(&m.meeting.id).unwrap_err().to_string().contains("counts only"));
}

#[test]
fn a_group_sets_its_own_fair_share_bounds_and_newcomer_priority() {
    let mut c = Evening::with(&["Ann", "Ben"]);
    let rules = SharingRules { min_share_ms: MIN, max_share_ms: 3 * MIN, newcomers_first: true };
    // Saved from the meeting being run, in one step that hands back its speaking order.
    let v = c.room.store.set_sharing_rules(&c.meeting, rules).unwrap();
    assert_eq!((v.fair.min_share_ms, v.fair.max_share_ms, v.newcomers_first), (MIN, 3 * MIN, true));

    let before = format!("{:?}", c.room.store.sharing(&c.meeting).unwrap());
    let bad = [
        SharingRules { min_share_ms: 3 * MIN, max_share_ms: MIN, newcomers_first: false },
        SharingRules { min_share_ms: 0, max_share_ms: MIN, newcomers_first: false },
        SharingRules { min_share_ms: MIN, max_share_ms: 61 * MIN, newcomers_first: false },
    ];
    for r in bad {
        assert!(matches!(c.room.store.set_sharing_rules(&c.meeting, r), Err(Error::Invalid(_))));
    }
    assert_eq!(format!("{:?}", c.room.store.sharing(&c.meeting).unwrap()), before);
}

#[test]
fn fair_time_follows_what_the_running_format_leaves_for_sharing() {
    let mut c = Evening::with(&["Ann", "Ben", "Cy", "Dee"]);
    c.room.store.use_template(&c.group.id, "peer-circle-60", Language::En).unwrap();
    // The meeting starts at the group's 19:30 and every segment before sharing runs to plan.
    c.room.clock.advance_ms(90 * MIN);
    let format = c.room.store.runner(&c.meeting).unwrap().format.unwrap();
    let sharing = format.sharing_index().unwrap();
    c.room.store.next_segment(&c.meeting).unwrap();
    for s in &format.segments[..sharing] {
        c.room.clock.advance_ms(s.planned_ms());
        c.room.store.next_segment(&c.meeting).unwrap();
    }
    let after: i64 = format.segments[sharing + 1..].iter().map(|s| s.planned_ms()).sum();
    let v = c.room.store.sharing(&c.meeting).unwrap();
    assert_eq!(v.fair.remaining_ms, format.segments[sharing].planned_ms());
    assert_eq!(v.fair.sharing_ends_at + after, c.room.store.runner(&c.meeting).unwrap().status.unwrap().planned_end_ms);
}
