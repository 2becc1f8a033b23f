//! The idle lock: only a share or a round in the meeting the chair has on screen, active within the
//! idle time, holds it off; closing a meeting ends its round; and while locked the room display
//! counts on from numbers alone.

use crate::helpers::*;
use circlekeeper_core::*;

const IDLE: i64 = 10 * MIN;

fn postponed(e: &Evening, on_screen: Option<&str>) -> Option<LockPostponed> {
    e.room.store.lock_postponed(on_screen, IDLE).unwrap()
}

fn circle_from_the_proposed_seat(e: &mut Evening) {
    let input =
        StartCircleInput { meeting_id: e.meeting.clone(), first_person_id: None, direction: Direction::Clockwise };
    e.room.store.start_circle(&input).unwrap();
}

#[test]
fn a_share_or_a_round_in_the_meeting_on_screen_holds_off_the_idle_lock() {
    let mut e = Evening::of_members(3);
    let tonight = e.meeting.clone();
    let tonight = Some(tonight.as_str());
    assert_eq!(postponed(&e, tonight), None, "nothing under way yet");
    let running = e.start_share(0);
    assert_eq!(postponed(&e, tonight), Some(LockPostponed::ShareRunning), "a share is being timed");
    assert_eq!(postponed(&e, None), None, "not when the chair has no meeting on screen");
    e.room.store.stop_share(&running.timer.unwrap().share_id).unwrap();
    assert_eq!(postponed(&e, tonight), None);
    circle_from_the_proposed_seat(&mut e);
    assert_eq!(postponed(&e, tonight), Some(LockPostponed::RoundOpen), "a round is open between shares");
    e.room.store.end_round(&e.meeting).unwrap();
    assert_eq!(postponed(&e, tonight), None);
}

#[test]
fn closing_a_meeting_ends_its_round() {
    let mut e = Evening::with(&["Ann", "Ben", "Cy"]);
    e.start_circle(0);
    e.room.store.next_speaker(&e.meeting).unwrap();
    let ann = e.room.store.running_timer(&e.meeting).unwrap().unwrap();
    assert!(e.room.store.close_meeting(&e.meeting).is_err(), "Ann is still sharing: the chair stops her first");
    e.room.store.stop_share(&ann.share_id).unwrap();
    e.room.store.close_meeting(&e.meeting).unwrap();

    // Reopened to correct a mistake, the meeting has no round left running, and a new one can start.
    e.room.store.reopen_meeting(&e.meeting).unwrap();
    assert!(e.room.store.sharing(&e.meeting).unwrap().round.is_none());
    assert_eq!(postponed(&e, Some(&e.meeting)), None, "nothing holds off the lock");
    assert!(e.start_circle(1).round.is_some());
}

#[test]
fn a_round_left_open_in_a_closed_or_another_meeting_does_not_hold_off_the_lock() {
    let mut e = Evening::of_members(3);
    circle_from_the_proposed_seat(&mut e);
    let round_meeting = e.meeting.clone();
    let other = e.room.another_meeting_today(&e.group);
    assert_eq!(postponed(&e, Some(&other)), None, "the round is in a meeting the chair is not looking at");
    assert_eq!(postponed(&e, Some(&round_meeting)), Some(LockPostponed::RoundOpen));

    // A round an older release left open in a meeting since closed (or one that came in a bundle).
    let conn = rusqlite::Connection::open(e.room.data_file()).unwrap();
    conn.execute("UPDATE meetings SET status = 'closed' WHERE id = ?1", [&round_meeting]).unwrap();
    assert_eq!(postponed(&e, Some(&round_meeting)), None, "a closed meeting holds off nothing");
}

#[test]
fn a_round_or_share_left_idle_longer_than_the_idle_time_does_not_hold_off_the_lock() {
    let mut e = Evening::of_members(3);
    let tonight = e.meeting.clone();
    let tonight = Some(tonight.as_str());
    circle_from_the_proposed_seat(&mut e);
    e.room.clock.advance_ms(IDLE - SEC);
    assert_eq!(postponed(&e, tonight), Some(LockPostponed::RoundOpen), "still within the idle time");
    e.room.clock.advance_ms(2 * SEC);
    assert_eq!(postponed(&e, tonight), None, "nobody has touched the round for the whole idle time");

    // A share counts as active until its time is up; forgotten far into overtime, it no longer is.
    e.room.store.next_speaker(&e.meeting).unwrap();
    e.room.clock.advance_ms(4 * MIN + IDLE - SEC);
    assert_eq!(postponed(&e, tonight), Some(LockPostponed::ShareRunning));
    e.room.clock.advance_ms(2 * SEC);
    assert_eq!(postponed(&e, tonight), None, "overtime longer than the idle time: the share was forgotten");

    // A share paused and left: active at the pause, no longer.
    let share = e.room.store.running_timer(&e.meeting).unwrap().unwrap().share_id;
    e.room.store.pause_share(&share).unwrap();
    assert_eq!(postponed(&e, tonight), Some(LockPostponed::ShareRunning));
    e.room.clock.advance_ms(IDLE + SEC);
    assert_eq!(postponed(&e, tonight), None);
}

#[test]
fn locked_the_room_display_counts_on_from_numbers_alone() {
    let mut e = Evening::of_members(3);
    e.start_share(0);
    let clock = e.room.store.room_clock(Some(&e.meeting)).unwrap();
    let start = e.room.clock.now_ms();
    assert_eq!(e.room.store.frames(true, Some(&e.meeting)).unwrap().room, clock.frame(start));
    assert!(format!("{clock:?}").find("Member").is_none(), "the copy kept while locked holds no name");

    e.room.clock.advance_ms(30 * SEC);
    let frame = clock.frame(e.room.clock.now_ms());
    assert_eq!((frame.running, frame.remaining_ms, frame.speaker.clone()), (true, 4 * MIN - 30 * SEC, None));
    assert_eq!(
        frame,
        e.room.store.frames(true, Some(&e.meeting)).unwrap().room,
        "the same frame the open store would give"
    );
    e.room.clock.advance_ms(3 * MIN);
    assert_eq!(clock.frame(e.room.clock.now_ms()).phase, TimerPhase::WrapUp);
}

#[test]
fn locked_the_room_keeps_the_meetings_countdown_and_the_segments_clock_without_its_title() {
    let mut room = Room::fresh();
    let group = room.group();
    room.store.use_template(&group.id, "twelve-step-60", Language::En).unwrap();
    let m = room.meeting(&group, MeetingMode::Named).meeting.id;
    // The group meets at 19:30; it is 18:00.
    let clock = room.store.room_clock(Some(&m)).unwrap();
    room.clock.advance_ms(MIN);
    assert_eq!(clock.frame(room.clock.now_ms()).starts_in_ms, Some(89 * MIN));
    assert_eq!(clock.frame(room.clock.now_ms() + 89 * MIN).starts_in_ms, None, "the countdown ends at the start");

    room.store.next_segment(&m).unwrap();
    let open = room.store.room_view(&m).unwrap();
    let clock = room.store.room_clock(Some(&m)).unwrap();
    room.clock.advance_ms(2 * MIN);
    let locked = clock.frame(room.clock.now_ms());
    assert!(open.segment.is_some() && locked.segment.is_none(), "no segment title while locked");
    assert_eq!(locked.segment_left_ms, open.segment_left_ms.map(|ms| ms - 2 * MIN));
    assert_eq!(locked, room.store.frames(true, Some(&m)).unwrap().room);
}
