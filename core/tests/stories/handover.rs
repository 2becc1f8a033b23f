//! Stories of the handover: what one chair leaves and the next one finds.

use crate::helpers::*;
use circlekeeper_core::*;

/// Robin chairs with three people, two shares and a pass, writes the report and two items.
fn robins_meeting(room: &mut Room) -> (Group, MeetingView) {
    let g = room.group();
    let m = room.meeting(&g, MeetingMode::Named);
    for name in ["Sam", "Alex", "Jo"] {
        room.store.add_walk_in(&m.meeting.id, &walk_in(name)).unwrap();
    }
    for _ in 0..2 {
        let s = room.start_share(&m.meeting.id, None);
        room.clock.advance_ms(3 * MIN);
        room.store.stop_share(&s.timer.unwrap().share_id).unwrap();
    }
    room.store
        .save_report(
            &m.meeting.id,
            &ReportInput {
                notes: "Key is with the caretaker.\n- Read the business meeting announcement".into(),
                collection_cents: Some(4250),
                counted_by: vec!["Sam".into(), "J".into()],
            },
        )
        .unwrap();
    room.store
        .add_action_item(
            &m.meeting.id,
            &ActionInput {
                text: "Announce the business meeting on the 14th".into(),
                due_date: Some("2026-12-14".into()),
                due_meeting: true,
            },
        )
        .unwrap();
    room.store.add_action_item(&m.meeting.id, &item("Buy 30-day keytags")).unwrap();
    let m = room.store.close_meeting(&m.meeting.id).unwrap();
    (g, m)
}

#[test]
fn the_report_is_drafted_from_the_meeting_and_keeps_what_the_chair_wrote() {
    let mut room = Room::fresh();
    let (_, m) = robins_meeting(&mut room);
    let report = room.store.chair_report(&m.meeting.id).unwrap();
    assert_eq!(report.chair, "Robin");
    assert_eq!(report.headcount, 3);
    assert_eq!(report.shares, 2);
    assert_eq!(report.passes, 0);
    assert_eq!(report.collection_cents, Some(4250));
    assert_eq!(report.counted_by, ["Sam", "J"]);
    assert!(report.notes.contains("\n- Read"), "line breaks are kept");
    assert_eq!(report.items.len(), 2);
    assert!(report.closed);
}

#[test]
fn the_next_chair_finds_the_report_and_every_open_item_and_acknowledges_it() {
    let mut room = Room::fresh();
    let (g, m) = robins_meeting(&mut room);
    room.clock.advance_ms(7 * DAY_MS);

    let handover = room.store.handover(&g.id).unwrap();
    assert_eq!(handover.last_report.as_ref().unwrap().meeting_id, m.meeting.id);
    assert_eq!(handover.open_items.len(), 2);
    assert_eq!(handover.open_items[0].text, "Announce the business meeting on the 14th", "dated items first");
    assert!(handover.acknowledged.is_none());

    let handover = room.store.acknowledge_handover(&g.id, "Casey").unwrap();
    let ack = handover.acknowledged.unwrap();
    assert_eq!((ack.name.as_str(), ack.at), ("Casey", TUESDAY_EVENING + 2 * 3 * MIN + 7 * DAY_MS));

    let done = handover.open_items[1].id.clone();
    let handover = room.store.close_action_item(&done, ItemStatus::Done, "Casey").unwrap();
    assert_eq!(handover.open_items.len(), 1, "a done item leaves the list");

    // The item stays open for every later chair until someone closes it.
    room.clock.advance_ms(7 * DAY_MS);
    let next = room.meeting(&g, MeetingMode::Named);
    room.store.close_meeting(&next.meeting.id).unwrap();
    let handover = room.store.handover(&g.id).unwrap();
    assert_eq!(handover.last_report.unwrap().meeting_id, next.meeting.id);
    assert_eq!(handover.open_items.len(), 1);
    assert!(handover.acknowledged.is_none(), "a new report waits for a new acknowledgement");
}

#[test]
fn a_collection_needs_two_counters_and_bad_input_changes_nothing() {
    let mut room = Room::fresh();
    let (g, m) = robins_meeting(&mut room);
    let before = room.store.chair_report(&m.meeting.id).unwrap();
    let bad = [
        ReportInput { notes: String::new(), collection_cents: Some(100), counted_by: vec!["Sam".into()] },
        ReportInput { notes: String::new(), collection_cents: Some(-5), counted_by: vec!["A".into(), "B".into()] },
        ReportInput { notes: "x".repeat(MAX_NOTES), collection_cents: None, counted_by: vec![] },
        ReportInput { notes: "bell\u{7}".into(), collection_cents: None, counted_by: vec![] },
    ];
    for input in bad {
        assert!(matches!(room.store.save_report(&m.meeting.id, &input), Err(Error::Invalid(_))));
    }
    for text in ["", "   ", &"x".repeat(10_000)] {
        assert!(room.store.add_action_item(&m.meeting.id, &item(text)).is_err());
    }
    let odd = ActionInput { text: "Phone list".into(), due_date: Some("2026-02-30".into()), due_meeting: false };
    assert!(room.store.add_action_item(&m.meeting.id, &odd).is_err());
    assert!(room.store.acknowledge_handover(&g.id, "").is_err());
    assert_eq!(room.store.chair_report(&m.meeting.id).unwrap(), before);
}

const MAX_NOTES: usize = crate::deep_paths::handover::MAX_NOTES_CHARS + 1;

#[test]
fn markup_in_notes_and_items_is_kept_as_typed_text() {
    let mut room = Room::fresh();
    let (_, m) = robins_meeting(&mut room);
    let script = "<script>document.title='pwned'</script>";
    let r = room
        .store
        .save_report(&m.meeting.id, &ReportInput { notes: script.into(), collection_cents: None, counted_by: vec![] })
        .unwrap();
    assert_eq!(r.notes, script);
}

#[test]
fn the_group_keeps_its_service_positions_and_who_chairs_each_coming_tuesday() {
    let mut room = Room::fresh();
    let g = room.group();
    let position = |title: &str, holder: &str, ends: Option<&str>| PositionInput {
        title: title.into(),
        holder: holder.into(),
        alternate: String::new(),
        term_ends: ends.map(String::from),
    };
    room.store.save_position(&g.id, None, &position("Secretary", "Alex", Some("2027-06-30"))).unwrap();
    let service = room.store.save_position(&g.id, None, &position("Treasurer", "Jo", Some("2026-12-01"))).unwrap();
    assert_eq!(service.positions.len(), 2);
    assert!(!service.positions[0].term_ending);
    assert!(service.positions[1].term_ending, "a term ending within four weeks is flagged");

    let treasurer = service.positions[1].id.clone();
    let service = room
        .store
        .save_position(
            &g.id,
            Some(&treasurer),
            &PositionInput { alternate: "Sam".into(), ..position("Treasurer", "Jo", None) },
        )
        .unwrap();
    assert_eq!(service.positions[1].alternate, "Sam");
    let service = room.store.remove_position(&g.id, &treasurer).unwrap();
    assert_eq!(service.positions.len(), 1);
    assert!(room.store.save_position(&g.id, None, &position("  ", "", None)).is_err());

    // The group meets on Tuesdays; today is Tuesday 17 November.
    assert_eq!(service.rota[0], RotaEntry { date: "2026-11-17".into(), chair: None });
    assert_eq!(service.rota[1].date, "2026-11-24");
    let service = room.store.set_rota(&g.id, "2026-11-24", Some("Casey")).unwrap();
    assert_eq!(service.rota[1].chair.as_deref(), Some("Casey"));
    let service = room.store.set_rota(&g.id, "2026-11-24", None).unwrap();
    assert_eq!(service.rota[1].chair, None);
    room.store.set_rota(&g.id, "2026-11-17", Some("Robin")).unwrap();
    assert_eq!(room.store.handover(&g.id).unwrap().next_chair.unwrap().chair.as_deref(), Some("Robin"));
}
