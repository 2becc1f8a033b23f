//! A chair runs the meeting from the group's format, against a real store on a fake clock.

use crate::helpers::*;
use circlekeeper_core::*;

fn meeting_with_template(template: &str) -> (Room, Group, String) {
    let mut room = Room::fresh();
    let group = room.group();
    room.store.use_template(&group.id, template, Language::En).unwrap();
    let m = room.meeting(&group, MeetingMode::Named);
    (room, group, m.meeting.id)
}

#[test]
fn a_first_time_chair_runs_a_whole_meeting_and_planned_against_actual_is_kept() {
    let (mut room, _, m) = meeting_with_template("peer-circle-60");
    let v = room.store.runner(&m).unwrap();
    let format = v.format.clone().unwrap();
    assert_eq!(format.segments.iter().map(|s| s.minutes).sum::<i32>(), 60);
    assert_eq!(v.run.current(), None);

    // Each segment runs one minute longer than planned, except the last, which is finished on time.
    let n = format.segments.len();
    room.store.next_segment(&m).unwrap();
    for i in 0..n {
        room.clock.advance_ms(format.segments[i].planned_ms() + if i + 1 < n { MIN } else { 0 });
        let v = if i + 1 < n { room.store.next_segment(&m).unwrap() } else { room.store.finish_format(&m).unwrap() };
        if i + 1 < n {
            assert_eq!(v.status.unwrap().current, Some(i + 1));
        }
    }
    let report = room.store.runner(&m).unwrap().report.expect("planned against actual is saved at the finish");
    let differences: Vec<_> = report.segments.iter().map(|s| s.difference_ms).collect();
    let mut expected = vec![Some(MIN); n - 1];
    expected.push(Some(0));
    assert_eq!(differences, expected);
    assert_eq!(report.actual_ms, report.planned_ms + (n as i64 - 1) * MIN);
}

#[test]
fn the_runner_resumes_the_same_segment_after_a_restart() {
    let (mut room, _, m) = meeting_with_template("twelve-step-60");
    room.store.next_segment(&m).unwrap();
    room.clock.advance_ms(MIN);
    room.store.next_segment(&m).unwrap();
    room.clock.advance_ms(90 * SEC);
    let room = room.reopen();
    let status = room.store.runner(&m).unwrap().status.unwrap();
    assert_eq!((status.current, status.segment_elapsed_ms), (Some(1), Some(90 * SEC)));
}

#[test]
fn going_back_takes_back_a_next_pressed_too_soon() {
    let (mut room, _, m) = meeting_with_template("twelve-step-60");
    room.store.next_segment(&m).unwrap();
    room.store.next_segment(&m).unwrap();
    let v = room.store.previous_segment(&m).unwrap();
    assert_eq!(v.status.unwrap().current, Some(0));
}

#[test]
fn editing_the_group_format_never_changes_a_meeting_that_ran() {
    let (mut room, group, m) = meeting_with_template("twelve-step-60");
    room.store.next_segment(&m).unwrap();
    let ran = room.store.runner(&m).unwrap().format.unwrap();
    room.store.use_template(&group.id, "peer-circle-60", Language::En).unwrap();
    assert_eq!(room.store.runner(&m).unwrap().format.unwrap(), ran);
    assert_ne!(room.store.format_choice(&group.id, Language::En).unwrap().format.unwrap(), ran);
}

#[test]
fn a_reader_must_be_here() {
    let (mut room, group, m) = meeting_with_template("twelve-step-60");
    let sam = room.person(&group, "Sam");
    assert!(room.store.set_reader(&m, 1, Some(&sam.id)).is_err(), "Sam is not checked in");
    room.store.check_in(&m, &sam.id).unwrap();
    let v = room.store.set_reader(&m, 1, Some(&sam.id)).unwrap();
    assert_eq!(v.readers[1].as_deref(), Some("Sam"));
}

#[test]
fn the_room_sees_the_countdown_then_the_segment() {
    let (mut room, _, m) = meeting_with_template("twelve-step-60");
    // The group meets at 19:30; it is 18:00 where it meets (UTC here).
    let v = room.store.room_view(&m).unwrap();
    assert_eq!(v.starts_in_ms, Some(90 * MIN));
    room.store.next_segment(&m).unwrap();
    let v = room.store.room_view(&m).unwrap();
    assert_eq!(v.starts_in_ms, None);
    assert!(v.segment.is_some());
}

#[test]
fn a_bad_format_is_refused_and_nothing_changes() {
    let mut room = Room::fresh();
    let group = room.group();
    room.store.use_template(&group.id, "twelve-step-60", Language::En).unwrap();
    let before = room.store.format_choice(&group.id, Language::En).unwrap();
    let mut two_sharing = before.format.clone().unwrap();
    for s in &mut two_sharing.segments {
        s.sharing = true;
    }
    let empty = Format { name: "Empty".into(), segments: vec![] };
    let long = Format { name: "Long".into(), segments: vec![Segment::new("All night", 300)] };
    for bad in [two_sharing, empty, long] {
        assert!(matches!(room.store.set_group_format(&group.id, &bad, Language::En), Err(Error::Invalid(_))));
    }
    assert!(room.store.use_template(&group.id, "no-such-template", Language::En).is_err());
    assert_eq!(room.store.format_choice(&group.id, Language::En).unwrap(), before);
}
