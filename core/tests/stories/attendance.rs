//! The chair's attendance stories, told against a real store on a temporary file.

use crate::helpers::*;
use circlekeeper_core::*;

#[test]
fn a_chair_checks_people_in_and_sees_the_counts_live() {
    let mut room = Room::fresh();
    let group = room.group();
    let sam = room.person(&group, "Sam");
    let alex = room.person(&group, "Alex");
    let m = room.meeting(&group, MeetingMode::Named);

    room.store.check_in(&m.meeting.id, &sam.id).unwrap();
    room.store.check_in(&m.meeting.id, &alex.id).unwrap();
    let view = room.store.add_walk_in(&m.meeting.id, &walk_in("")).unwrap();

    assert_eq!(view.counts, Counts { headcount: 3, newcomers: 2, returning: 0, visitors: 1 });
    assert_eq!(view.attendees.len(), 3);
    assert!(view.roster.iter().all(|r| r.check_in_id.is_some()));
}

#[test]
fn newcomers_are_computed_from_earlier_meetings_not_typed() {
    let mut room = Room::fresh();
    let group = room.group();
    let sam = room.person(&group, "Sam");
    let first = room.meeting(&group, MeetingMode::Named);
    room.store.check_in(&first.meeting.id, &sam.id).unwrap();
    room.store.close_meeting(&first.meeting.id).unwrap();

    room.clock.advance_ms(7 * DAY_MS);
    let next = room.meeting(&group, MeetingMode::Named);
    assert_ne!(next.meeting.id, first.meeting.id);
    let view = room.store.check_in(&next.meeting.id, &sam.id).unwrap();
    let view = room.store.add_walk_in(&view.meeting.id, &walk_in("Jo")).unwrap();

    assert_eq!(view.counts, Counts { headcount: 2, newcomers: 1, returning: 1, visitors: 0 });
    let jo = view.attendees.iter().find(|a| a.display_name.as_deref() == Some("Jo")).unwrap();
    assert!(jo.newcomer);
    // The first meeting's record is unchanged: Sam was a newcomer then.
    assert_eq!(room.store.meeting_view(&first.meeting.id).unwrap().counts.newcomers, 1);
}

#[test]
fn an_undone_check_in_does_not_count_and_the_person_can_check_in_again() {
    let mut room = Room::fresh();
    let group = room.group();
    let sam = room.person(&group, "Sam");
    let m = room.meeting(&group, MeetingMode::Named);
    let view = room.store.check_in(&m.meeting.id, &sam.id).unwrap();

    let view = room.store.undo_check_in(&view.attendees[0].check_in_id).unwrap();
    assert_eq!(view.counts.headcount, 0);
    assert_eq!(view.roster[0].check_in_id, None);

    let view = room.store.check_in(&m.meeting.id, &sam.id).unwrap();
    assert_eq!(view.counts.headcount, 1);
}

#[test]
fn leaving_early_still_counts_and_can_be_taken_back() {
    let mut room = Room::fresh();
    let group = room.group();
    let sam = room.person(&group, "Sam");
    let m = room.meeting(&group, MeetingMode::Named);
    let view = room.store.check_in(&m.meeting.id, &sam.id).unwrap();
    let id = view.attendees[0].check_in_id.clone();

    room.clock.advance_ms(20 * MIN);
    let view = room.store.mark_left(&id).unwrap();
    assert_eq!(view.attendees[0].left_at, Some(TUESDAY_EVENING + 20 * MIN));
    assert_eq!(view.counts.headcount, 1);
    assert!(room.store.mark_left(&id).is_err());

    let view = room.store.mark_back(&id).unwrap();
    assert_eq!(view.attendees[0].left_at, None);
}

#[test]
fn opening_today_twice_returns_the_same_meeting_unless_a_second_is_asked_for() {
    let mut room = Room::fresh();
    let group = room.group();
    let a = room.meeting(&group, MeetingMode::Named);
    let b = room.meeting(&group, MeetingMode::Named);
    assert_eq!(a.meeting.id, b.meeting.id);

    let second = room
        .store
        .open_meeting(&OpenMeetingInput {
            group_id: group.id.clone(),
            chair: "Kai".into(),
            mode: MeetingMode::Named,
            another_today: true,
        })
        .unwrap();
    assert_ne!(second.meeting.id, a.meeting.id);
    assert_eq!((second.meeting.date.as_str(), second.meeting.seq), ("2026-11-17", 2));
    assert_eq!(room.store.meetings(&group.id).unwrap().len(), 2);
}

#[test]
fn the_meeting_history_shows_each_meeting_as_it_counts_itself() {
    let mut room = Room::fresh();
    let group = room.group();
    let (sam, alex, kai) = (room.person(&group, "Sam"), room.person(&group, "Alex"), room.person(&group, "Kai"));
    let another = |room: &mut Room| {
        let input = OpenMeetingInput {
            group_id: group.id.clone(),
            chair: "Robin".into(),
            mode: MeetingMode::Named,
            another_today: true,
        };
        room.store.open_meeting(&input).unwrap().meeting.id
    };
    // Week 1: Sam comes; Kai is checked in by mistake and taken back; an anonymous walk-in.
    let first = room.meeting(&group, MeetingMode::Named).meeting.id;
    room.store.check_in(&first, &sam.id).unwrap();
    let mistake = room.store.check_in(&first, &kai.id).unwrap();
    let kai_in = mistake.attendees.iter().find(|a| a.person_id.as_ref() == Some(&kai.id)).unwrap();
    room.store.undo_check_in(&kai_in.check_in_id).unwrap();
    room.store.add_walk_in(&first, &walk_in("")).unwrap();
    // Later that day, a second meeting: Sam again, and Alex for the first time.
    let second = another(&mut room);
    room.store.check_in(&second, &sam.id).unwrap();
    room.store.check_in(&second, &alex.id).unwrap();
    // Week 2 is kept as counts only; week 3 names Kai for the first time, and Jo walks in.
    room.clock.advance_ms(7 * DAY_MS);
    let counted = room.meeting(&group, MeetingMode::Headcount).meeting.id;
    room.store.adjust_count(&counted, CountKind::Members, 4).unwrap();
    room.clock.advance_ms(7 * DAY_MS);
    let third = room.meeting(&group, MeetingMode::Named).meeting.id;
    for p in [&kai, &alex, &sam] {
        room.store.check_in(&third, &p.id).unwrap();
    }
    room.store.add_walk_in(&third, &walk_in("Jo")).unwrap();

    let history = room.store.meetings(&group.id).unwrap();
    let by_id = |id: &str| history.iter().find(|s| s.meeting.id == id).unwrap().counts;
    assert_eq!(by_id(&first), Counts { headcount: 2, newcomers: 1, returning: 0, visitors: 1 });
    assert_eq!(by_id(&second), Counts { headcount: 2, newcomers: 1, returning: 1, visitors: 0 });
    assert_eq!(by_id(&counted), Counts { headcount: 4, newcomers: 0, returning: 4, visitors: 0 });
    assert_eq!(by_id(&third), Counts { headcount: 4, newcomers: 2, returning: 2, visitors: 0 });
    for s in &history {
        assert_eq!(s.counts, room.store.meeting_view(&s.meeting.id).unwrap().counts, "{}", s.meeting.date);
    }
}

#[test]
fn a_headcount_only_meeting_keeps_counts_and_no_names() {
    let mut room = Room::fresh();
    let group = room.group();
    let sam = room.person(&group, "Sam");
    let m = room.meeting(&group, MeetingMode::Headcount);
    assert!(m.roster.is_empty(), "no names are shown in a counts-only meeting");

    room.store.adjust_count(&m.meeting.id, CountKind::Members, 5).unwrap();
    room.store.adjust_count(&m.meeting.id, CountKind::Newcomers, 1).unwrap();
    let view = room.store.adjust_count(&m.meeting.id, CountKind::Visitors, 2).unwrap();
    assert_eq!(view.counts, Counts { headcount: 8, newcomers: 1, returning: 5, visitors: 2 });

    let before = everything(&room.store, &group);
    assert!(matches!(room.store.check_in(&m.meeting.id, &sam.id), Err(Error::Conflict(_))));
    assert!(room.store.add_walk_in(&m.meeting.id, &walk_in("Jo")).is_err());
    assert!(room.store.adjust_count(&m.meeting.id, CountKind::Newcomers, -2).is_err());
    assert_eq!(everything(&room.store, &group), before);
}

#[test]
fn the_mode_changes_only_before_attendance_is_taken() {
    let mut room = Room::fresh();
    let group = room.group();
    let sam = room.person(&group, "Sam");
    let m = room.meeting(&group, MeetingMode::Named);
    let view = room.store.set_meeting_mode(&m.meeting.id, MeetingMode::Headcount).unwrap();
    assert_eq!(view.meeting.mode, MeetingMode::Headcount);
    room.store.set_meeting_mode(&m.meeting.id, MeetingMode::Named).unwrap();

    room.store.check_in(&m.meeting.id, &sam.id).unwrap();
    let before = everything(&room.store, &group);
    assert!(room.store.set_meeting_mode(&m.meeting.id, MeetingMode::Headcount).is_err());
    assert_eq!(everything(&room.store, &group), before);
}

#[test]
fn a_closed_meeting_changes_only_after_it_is_reopened() {
    let mut room = Room::fresh();
    let group = room.group();
    let sam = room.person(&group, "Sam");
    let m = room.meeting(&group, MeetingMode::Named);
    let view = room.store.close_meeting(&m.meeting.id).unwrap();
    assert_eq!(view.meeting.status, MeetingStatus::Closed);

    let before = everything(&room.store, &group);
    assert!(matches!(room.store.check_in(&m.meeting.id, &sam.id), Err(Error::MeetingClosed)));
    assert!(matches!(room.store.add_walk_in(&m.meeting.id, &walk_in("")), Err(Error::MeetingClosed)));
    assert!(matches!(room.store.close_meeting(&m.meeting.id), Err(Error::MeetingClosed)));
    assert_eq!(everything(&room.store, &group), before);

    room.store.reopen_meeting(&m.meeting.id).unwrap();
    let view = room.store.check_in(&m.meeting.id, &sam.id).unwrap();
    assert_eq!(view.counts.headcount, 1);
}

#[test]
fn bad_input_gets_a_clear_message_and_changes_nothing() {
    let mut room = Room::fresh();
    let group = room.group();
    let sam = room.person(&group, "Sam");
    let m = room.meeting(&group, MeetingMode::Named);
    room.store.check_in(&m.meeting.id, &sam.id).unwrap();
    let before = everything(&room.store, &group);

    let refused = [
        room.store.add_person(&group.id, &walk_in("   ")).unwrap_err(),
        room.store.add_person(&group.id, &walk_in(&"x".repeat(10_000))).unwrap_err(),
        room.store.add_person(&group.id, &walk_in(" sam ")).unwrap_err(),
        room.store.add_walk_in(&m.meeting.id, &walk_in("SAM")).unwrap_err(),
        room.store.check_in(&m.meeting.id, &sam.id).unwrap_err(),
        room.store.check_in(&m.meeting.id, "no-such-person").unwrap_err(),
        room.store.check_in("no-such-meeting", &sam.id).unwrap_err(),
        room.store.undo_check_in("no-such-check-in").unwrap_err(),
        room.store.add_person("no-such-group", &walk_in("Jo")).unwrap_err(),
        room.store.create_group(&GroupInput { name: "".into(), ..tuesday_night_hope() }).unwrap_err(),
        room.store.create_group(&GroupInput { start_time: "7pm".into(), ..tuesday_night_hope() }).unwrap_err(),
        room.store.create_group(&GroupInput { length_min: 0, ..tuesday_night_hope() }).unwrap_err(),
        room.store.create_group(&GroupInput { weekday: 7, ..tuesday_night_hope() }).unwrap_err(),
    ];
    for e in &refused {
        assert!(!e.to_string().is_empty());
        assert!(!matches!(e, Error::Store(_)), "a store error is not a clear message: {e}");
    }
    assert!(matches!(&refused[2], Error::DuplicatePerson { existing_id, .. } if *existing_id == sam.id));
    assert_eq!(refused[4].to_string(), "Sam is already checked in.");
    assert_eq!(everything(&room.store, &group), before);
}

#[test]
fn names_are_kept_exactly_as_typed() {
    let mut room = Room::fresh();
    let group = room.group();
    let m = room.meeting(&group, MeetingMode::Named);
    let names = ["Zoë", "Sam 🌻", "O'Brien \"Bee\"", "מרים", "<img src=x onerror=alert(1)>"];
    for n in names {
        room.store.add_walk_in(&m.meeting.id, &walk_in(n)).unwrap();
    }
    let room = room.reopen();
    let view = room.store.meeting_view(&m.meeting.id).unwrap();
    let shown: Vec<_> = view.attendees.iter().map(|a| a.display_name.clone().unwrap()).collect();
    assert_eq!(shown, names);
}

#[test]
fn zoe_typed_two_ways_is_one_person() {
    let mut room = Room::fresh();
    let group = room.group();
    let zoe = room.person(&group, "Zoë");
    let m = room.meeting(&group, MeetingMode::Named);
    // Another keyboard types "e" followed by a combining diaeresis: it looks the same, so it is Zoë.
    let again = room.store.add_walk_in(&m.meeting.id, &walk_in("zoe\u{308}")).unwrap_err();
    assert!(matches!(&again, Error::DuplicatePerson { existing_id, .. } if *existing_id == zoe.id), "{again}");

    // A name typed the other way before names were composed is still the same person.
    let amelie = room.person(&group, "Ame\u{301}lie");
    assert_eq!(amelie.display_name, "Amélie", "kept in composed form");
    let dir = room.close();
    let raw = rusqlite::Connection::open(data_file(&dir)).unwrap();
    raw.execute("UPDATE people SET display_name = ?1 WHERE id = ?2", ["Ame\u{301}lie", amelie.id.as_str()]).unwrap();
    drop(raw);
    let mut room = Room { store: open_at(&data_file(&dir), None).unwrap(), clock: FakeClock::at(TUESDAY_EVENING), dir };
    let err = room.store.add_person(&group.id, &walk_in("AMÉLIE")).unwrap_err();
    assert!(matches!(&err, Error::DuplicatePerson { existing_id, .. } if *existing_id == amelie.id), "{err}");
    assert_eq!(room.store.roster(&group.id).unwrap().len(), 2);
}

#[test]
fn a_name_with_hidden_characters_is_refused_and_changes_nothing() {
    let mut room = Room::fresh();
    let group = room.group();
    let m = room.meeting(&group, MeetingMode::Named);
    let before = everything(&room.store, &group);
    let service = room.store.service(&group.id).unwrap();

    // A right-to-left override would show "Sam\u{202e}KO" as "SamOK"; the others show nothing at all.
    for hidden in [
        '\u{202e}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', '\u{200b}', '\u{200c}', '\u{200d}', '\u{feff}',
        '\u{2028}', '\u{2029}',
    ] {
        let name = format!("Sam{hidden}KO");
        let position =
            PositionInput { title: "Greeter".into(), holder: name.clone(), alternate: "".into(), term_ends: None };
        let refused = [
            room.store.add_person(&group.id, &walk_in(&name)).unwrap_err(),
            room.store.add_walk_in(&m.meeting.id, &walk_in(&name)).unwrap_err(),
            room.store.set_chair(&m.meeting.id, &name).unwrap_err(),
            room.store.save_position(&group.id, None, &position).unwrap_err(),
            room.store.create_group(&GroupInput { name: name.clone(), ..tuesday_night_hope() }).unwrap_err(),
        ];
        for e in refused {
            assert_eq!(e.kind(), "invalid", "{hidden:?}: {e}");
            assert!(e.to_string().contains(&format!("(U+{:04X}, after “Sam”)", u32::from(hidden))), "{e}");
        }
    }
    assert_eq!(everything(&room.store, &group), before);
    assert_eq!(room.store.service(&group.id).unwrap(), service);
}

#[test]
fn everything_is_there_after_a_restart() {
    let mut room = Room::fresh();
    let group = room.group();
    let sam = room.person(&group, "Sam");
    let m = room.meeting(&group, MeetingMode::Named);
    room.store.check_in(&m.meeting.id, &sam.id).unwrap();
    room.store.add_walk_in(&m.meeting.id, &walk_in("")).unwrap();
    room.store.close_meeting(&m.meeting.id).unwrap();
    let device = room.store.device_id().to_string();
    let before = everything(&room.store, &group);

    let room = room.reopen();
    assert_eq!(everything(&room.store, &group), before);
    assert_eq!(room.store.device_id(), device);
    let history = room.store.meetings(&group.id).unwrap();
    assert_eq!(history[0].counts.headcount, 2);
    assert_eq!(history[0].meeting.chair, "Robin");
}
