//! The share timer's stories, on a fake clock: exact to the millisecond, whatever the chair does.

use crate::helpers::*;
use circlekeeper_core::*;

fn timer(e: &Evening) -> Timer {
    e.room.store.share_state(&e.meeting).unwrap().timer.expect("a share is running")
}

#[test]
fn a_share_counts_down_warns_gently_and_then_counts_overtime() {
    let mut e = Evening::of_members(1);
    let s = e.start_share(0);
    let t = s.timer.unwrap();
    assert_eq!((t.remaining_ms, t.phase, t.speaker.as_deref()), (4 * MIN, TimerPhase::Calm, Some("Member 0")));

    e.room.clock.advance_ms(3 * MIN - 1);
    assert_eq!(timer(&e).phase, TimerPhase::Calm);
    e.room.clock.advance_ms(1);
    assert_eq!((timer(&e).remaining_ms, timer(&e).phase), (MIN, TimerPhase::WrapUp));
    e.room.clock.advance_ms(MIN);
    assert_eq!((timer(&e).remaining_ms, timer(&e).phase), (0, TimerPhase::Overtime));
    e.room.clock.advance_ms(20 * SEC);
    assert_eq!(timer(&e).remaining_ms, -20 * SEC);

    let share_id = timer(&e).share_id;
    let done = e.room.store.stop_share(&share_id).unwrap();
    assert!(done.timer.is_none());
    let r = &done.shares[0];
    assert_eq!((r.spoken_ms, r.overtime_ms, r.planned_ms), (4 * MIN + 20 * SEC, 20 * SEC, 4 * MIN));
    assert_eq!(r.ended_at, Some(r.started_at + 4 * MIN + 20 * SEC));
}

#[test]
fn a_pause_for_a_disturbance_does_not_count_as_speaking() {
    let mut e = Evening::of_members(1);
    let id = e.start_share(0).timer.unwrap().share_id;
    e.room.clock.advance_ms(MIN);
    e.room.store.pause_share(&id).unwrap();
    e.room.clock.advance_ms(45 * SEC);
    let t = timer(&e);
    assert!(t.paused);
    assert_eq!(t.remaining_ms, 3 * MIN);
    assert!(e.room.store.pause_share(&id).is_err());
    e.room.store.resume_share(&id).unwrap();
    e.room.clock.advance_ms(MIN);
    assert_eq!(timer(&e).remaining_ms, 2 * MIN);
    let r = e.room.store.stop_share(&id).unwrap().shares.remove(0);
    assert_eq!((r.spoken_ms, r.paused_ms), (2 * MIN, 45 * SEC));
}

#[test]
fn stopping_a_paused_share_does_not_count_the_pause() {
    let mut e = Evening::of_members(1);
    let id = e.start_share(0).timer.unwrap().share_id;
    e.room.clock.advance_ms(MIN);
    e.room.store.pause_share(&id).unwrap();
    e.room.clock.advance_ms(5 * MIN);
    let r = e.room.store.stop_share(&id).unwrap().shares.remove(0);
    assert_eq!(r.spoken_ms, MIN);
}

#[test]
fn the_chair_adds_and_takes_away_thirty_seconds() {
    let mut e = Evening::of_members(1);
    let id = e.start_share(0).timer.unwrap().share_id;
    e.room.store.adjust_share(&id, 30 * SEC).unwrap();
    e.room.store.adjust_share(&id, 30 * SEC).unwrap();
    e.room.store.adjust_share(&id, -30 * SEC).unwrap();
    e.room.clock.advance_ms(MIN);
    let t = timer(&e);
    assert_eq!((t.adjust_ms, t.remaining_ms), (30 * SEC, 3 * MIN + 30 * SEC));
}

#[test]
fn a_share_started_late_is_back_dated() {
    let mut e = Evening::of_members(2);
    let id = e.start_share(0).timer.unwrap().share_id;
    e.room.store.backdate_share(&id, 40 * SEC).unwrap();
    assert_eq!(timer(&e).remaining_ms, 4 * MIN - 40 * SEC);
    e.room.store.stop_share(&id).unwrap();

    let s = e
        .room
        .store
        .start_share(&StartShareInput {
            meeting_id: e.meeting.clone(),
            person_id: Some(e.people[1].id.clone()),
            started_ago_ms: 40 * SEC,
            replace_running: false,
        })
        .unwrap();
    assert_eq!(s.timer.unwrap().spoken_ms, 40 * SEC);
}

#[test]
fn a_stop_pressed_by_mistake_is_undone_and_the_share_runs_on() {
    let mut e = Evening::of_members(1);
    let id = e.start_share(0).timer.unwrap().share_id;
    e.room.clock.advance_ms(MIN);
    let s = e.room.store.stop_share(&id).unwrap();
    assert!(s.can_undo_stop);
    e.room.clock.advance_ms(5 * SEC);
    let s = e.room.store.undo_stop(&e.meeting).unwrap();
    let t = s.timer.unwrap();
    assert_eq!((t.share_id.as_str(), t.spoken_ms), (id.as_str(), MIN + 5 * SEC));
    assert!(s.shares.is_empty());
    assert!(e.room.store.undo_stop(&e.meeting).is_err());
}

#[test]
fn a_share_survives_the_app_being_killed_and_restarted() {
    let mut e = Evening::of_members(1);
    e.start_share(0);
    e.room.clock.advance_ms(90 * SEC);
    let Evening { room, meeting, .. } = e;
    // The app is gone for 25 seconds; the share went on in the room.
    room.clock.advance_ms(25 * SEC);
    let room = room.reopen();
    let t = room.store.running_timer(&meeting).unwrap().expect("the share is still running");
    assert_eq!(t.meeting_id, meeting);
    assert_eq!(t.remaining_ms, 4 * MIN - 115 * SEC);
}

#[test]
fn a_second_share_waits_for_the_first_unless_the_chair_confirms() {
    let mut e = Evening::of_members(2);
    let first = e.start_share(0).timer.unwrap().share_id;
    let second = StartShareInput {
        meeting_id: e.meeting.clone(),
        person_id: Some(e.people[1].id.clone()),
        started_ago_ms: 0,
        replace_running: false,
    };
    let before = e.room.store.share_state(&e.meeting).unwrap();
    let err = e.room.store.start_share(&second).unwrap_err();
    assert_eq!(err.kind(), "share_running");
    assert_eq!(
        err.to_string(),
        "Member 0's share is still running. Stop it first, or confirm to stop it and start the next."
    );
    assert_eq!(e.room.store.share_state(&e.meeting).unwrap(), before);

    e.room.clock.advance_ms(MIN);
    let s = e.room.store.start_share(&StartShareInput { replace_running: true, ..second }).unwrap();
    assert_eq!(s.shares[0].id, first);
    assert_eq!(s.shares[0].spoken_ms, MIN);
    assert_eq!(s.timer.unwrap().speaker.as_deref(), Some("Member 1"));
}

#[test]
fn a_meeting_can_use_its_own_share_length() {
    let mut e = Evening::of_members(1);
    let group = e.group.id.clone();
    e.room.store.set_group_share_settings(&group, ShareSettings { share_ms: 5 * MIN, warn_ms: MIN }).unwrap();
    assert_eq!(e.room.store.share_state(&e.meeting).unwrap().settings.share_ms, 5 * MIN);
    let s = e
        .room
        .store
        .set_meeting_share_settings(&e.meeting, Some(ShareSettings { share_ms: 3 * MIN, warn_ms: 30 * SEC }))
        .unwrap();
    assert!(s.overridden);
    let t = e.start_share(0).timer.unwrap();
    assert_eq!((t.planned_ms, t.warn_ms), (3 * MIN, 30 * SEC));
    let s = e.room.store.set_meeting_share_settings(&e.meeting, None).unwrap();
    assert_eq!((s.settings.share_ms, s.overridden), (5 * MIN, false));
}

#[test]
fn bad_timer_input_gets_a_clear_message_and_changes_nothing() {
    let mut e = Evening::of_members(2);
    let group = e.group.id.clone();
    let id = e.start_share(0).timer.unwrap().share_id;
    let settings = |share_ms, warn_ms| ShareSettings { share_ms, warn_ms };
    let before = (e.room.store.share_state(&e.meeting).unwrap(), e.room.store.group_share_settings(&group).unwrap());

    let refused = [
        e.room.store.set_group_share_settings(&group, settings(0, 0)).unwrap_err(),
        e.room.store.set_group_share_settings(&group, settings(-MIN, 0)).unwrap_err(),
        e.room.store.set_group_share_settings(&group, settings(61 * MIN, MIN)).unwrap_err(),
        e.room.store.set_group_share_settings(&group, settings(4 * MIN, 5 * MIN)).unwrap_err(),
        e.room.store.set_group_share_settings(&group, settings(4 * MIN, -SEC)).unwrap_err(),
        e.room.store.set_meeting_share_settings(&e.meeting, Some(settings(4 * MIN, 4 * MIN))).unwrap_err(),
        e.room.store.adjust_share(&id, 0).unwrap_err(),
        e.room.store.adjust_share(&id, -5 * MIN).unwrap_err(),
        e.room.store.adjust_share(&id, 11 * MIN).unwrap_err(),
        e.room.store.backdate_share(&id, -SEC).unwrap_err(),
        e.room.store.resume_share(&id).unwrap_err(),
        e.room.store.stop_share("no-such-share").unwrap_err(),
        e.room.store.undo_stop(&e.meeting).unwrap_err(),
        e.room.store.close_meeting(&e.meeting).unwrap_err(),
    ];
    for err in &refused {
        assert!(!matches!(err, Error::Store(_)), "not a clear message: {err}");
    }
    assert_eq!(
        (e.room.store.share_state(&e.meeting).unwrap(), e.room.store.group_share_settings(&group).unwrap()),
        before
    );

    e.room.store.stop_share(&id).unwrap();
    assert!(e.room.store.stop_share(&id).is_err(), "stopping a share that is not running");
}

/// The measured target: a 90-minute meeting of 20 shares with pauses, adjustments and
/// back-dating records every duration exactly as the (fake) clock measured it.
#[test]
fn ninety_minutes_of_shares_are_recorded_to_the_millisecond() {
    let mut e = Evening::of_members(20);
    let mut expected = Vec::new();
    let mut total = 0;
    for i in 0..20usize {
        let id = e.start_share(i).timer.unwrap().share_id;
        let seed = i as i64 * 7919;
        let mut spoken = 0;
        let mut adjust = 0;
        for step in 0..4 {
            let talk = 20 * SEC + (seed * (step + 3)) % (50 * SEC) + step; // odd milliseconds on purpose
            e.room.clock.advance_ms(talk);
            spoken += talk;
            if (i + step as usize).is_multiple_of(3) {
                e.room.store.pause_share(&id).unwrap();
                let pause = 3 * SEC + (seed % 4000);
                e.room.clock.advance_ms(pause);
                total += pause;
                e.room.store.resume_share(&id).unwrap();
            }
            if (i + step as usize) % 4 == 1 {
                let delta = if step % 2 == 0 { 30 * SEC } else { -30 * SEC };
                e.room.store.adjust_share(&id, delta).unwrap();
                adjust += delta;
            }
        }
        if i % 5 == 2 {
            e.room.store.backdate_share(&id, 1234).unwrap();
            spoken += 1234;
        }
        e.room.store.stop_share(&id).unwrap();
        total += spoken;
        expected.push((spoken, (spoken - (4 * MIN + adjust)).max(0)));
        e.room.clock.advance_ms(7 * SEC + i as i64);
        total += 7 * SEC + i as i64;
    }
    assert!(total > 45 * MIN && total < 95 * MIN, "a full meeting's worth: {total} ms");
    let state = e.room.store.share_state(&e.meeting).unwrap();
    let recorded: Vec<_> = state.shares.iter().map(|r| (r.spoken_ms, r.overtime_ms)).collect();
    assert_eq!(recorded, expected);
}

#[test]
fn the_room_sees_only_the_clock_and_what_the_group_allows() {
    let mut e = Evening::of_members(1);
    let group = e.group.id.clone();
    assert!(!e.room.store.room_view(&e.meeting).unwrap().running, "the display rests between shares");
    e.start_share(0);
    e.room.clock.advance_ms(4 * MIN + 10 * SEC);
    let v = e.room.store.room_view(&e.meeting).unwrap();
    assert_eq!((v.speaker.as_deref(), v.remaining_ms, v.phase), (Some("Member 0"), -10 * SEC, TimerPhase::Overtime));

    e.room.store.set_room_settings(&group, RoomSettings { show_name: false, show_overtime: false }).unwrap();
    let v = e.room.store.room_view(&e.meeting).unwrap();
    assert_eq!((v.speaker, v.remaining_ms, v.show_overtime), (None, 0, false));
}
