//! Stories of two chairs on two laptops passing the group between them in handover bundles.

use crate::helpers::*;
use circlekeeper_core::*;

/// What both chairs should see alike: the history, the roster, the handover.
fn picture(room: &Room, group_id: &str) -> String {
    let meetings = room.store.meetings(group_id).unwrap();
    let views: Vec<_> = meetings
        .iter()
        .map(|s| (room.store.meeting_view(&s.meeting.id).unwrap(), room.store.chair_report(&s.meeting.id).unwrap()))
        .collect();
    format!(
        "{:?}{:?}{:?}{:?}",
        room.store.roster(group_id).unwrap(),
        views,
        room.store.handover(group_id).unwrap(),
        room.store.service(group_id).unwrap()
    )
}

/// Chair A runs a meeting with two people, leaves notes and two action items, and closes it.
fn chair_a_meeting(a: &mut Room) -> Group {
    let g = a.group();
    let m = a.meeting(&g, MeetingMode::Named);
    a.store.add_walk_in(&m.meeting.id, &walk_in("Sam")).unwrap();
    a.store.add_walk_in(&m.meeting.id, &walk_in("Alex")).unwrap();
    a.store
        .save_report(
            &m.meeting.id,
            &ReportInput { notes: "Key is with the caretaker.".into(), collection_cents: None, counted_by: vec![] },
        )
        .unwrap();
    a.store.add_action_item(&m.meeting.id, &item("Announce the business meeting on the 14th")).unwrap();
    a.store.add_action_item(&m.meeting.id, &item("Buy 30-day keytags")).unwrap();
    a.store.close_meeting(&m.meeting.id).unwrap();
    a.store.set_rota(&g.id, "2026-11-24", Some("Casey")).unwrap();
    g
}

#[test]
fn two_chairs_pass_the_group_back_and_forth_and_end_with_the_same_history() {
    let mut a = Room::fresh();
    let mut b = Room::fresh();
    let g = chair_a_meeting(&mut a);

    let (bundle, exported) = a.store.export_bundle(&g.id, &pass(), false).unwrap();
    assert!(exported.records > 0);
    let imported = b.store.import_bundle(&bundle, &pass(), None).unwrap();
    assert_eq!((imported.group_name.as_str(), imported.added), ("Tuesday Night Hope", exported.records));
    assert_eq!(picture(&a, &g.id), picture(&b, &g.id), "B sees what A left");

    // A week later chair B reads the handover, finishes one item and runs the next meeting.
    b.clock.advance_ms(7 * DAY_MS);
    a.clock.advance_ms(7 * DAY_MS);
    let handover = b.store.acknowledge_handover(&g.id, "Casey").unwrap();
    let keytags = handover.open_items.iter().find(|i| i.text.contains("keytags")).unwrap().id.clone();
    b.store.close_action_item(&keytags, ItemStatus::Done, "Casey").unwrap();
    let next = b.store.open_meeting(&OpenMeetingInput {
        group_id: g.id.clone(),
        chair: "Casey".into(),
        mode: MeetingMode::Named,
        another_today: false,
    });
    let next = next.unwrap();
    let sam = b.store.roster(&g.id).unwrap().into_iter().find(|p| p.display_name == "Sam").unwrap();
    b.store.check_in(&next.meeting.id, &sam.id).unwrap();
    b.store.close_meeting(&next.meeting.id).unwrap();

    let (back, _) = b.store.export_bundle(&g.id, &pass(), false).unwrap();
    let report = a.store.import_bundle(&back, &pass(), Some(&g.id)).unwrap();
    assert!(report.added > 0 && report.updated > 0, "{report:?}");
    assert_eq!(picture(&a, &g.id), picture(&b, &g.id), "A and B now agree");
    let handover = a.store.handover(&g.id).unwrap();
    assert_eq!(handover.open_items.len(), 1);
    assert_eq!(a.store.meetings(&g.id).unwrap().len(), 2);
}

#[test]
fn importing_the_same_bundle_twice_changes_nothing() {
    let mut a = Room::fresh();
    let mut b = Room::fresh();
    let g = chair_a_meeting(&mut a);
    let (bundle, _) = a.store.export_bundle(&g.id, &pass(), false).unwrap();
    b.store.import_bundle(&bundle, &pass(), None).unwrap();
    let once = picture(&b, &g.id);
    let again = b.store.import_bundle(&bundle, &pass(), None).unwrap();
    assert_eq!((again.added, again.updated), (0, 0));
    assert_eq!(picture(&b, &g.id), once);
    // And A importing its own bundle is the same as nothing.
    let own = a.store.import_bundle(&bundle, &pass(), Some(&g.id)).unwrap();
    assert_eq!((own.added, own.updated), (0, 0));
}

#[test]
fn a_wrong_passphrase_an_altered_file_or_another_groups_bundle_changes_nothing() {
    let mut a = Room::fresh();
    let mut b = Room::fresh();
    let g = chair_a_meeting(&mut a);
    let (bundle, _) = a.store.export_bundle(&g.id, &pass(), false).unwrap();
    let other = b.store.create_group(&GroupInput { name: "Friday Serenity".into(), ..tuesday_night_hope() }).unwrap();
    let before = picture(&b, &other.id);

    assert!(matches!(
        b.store.import_bundle(&bundle, &Passphrase::new("wrong passphrase".into()).unwrap(), None),
        Err(Error::WrongPassphrase(_))
    ));
    let mut altered = bundle.clone();
    let middle = altered.len() / 2;
    altered[middle] ^= 0x01;
    assert!(b.store.import_bundle(&altered, &pass(), None).is_err());
    assert!(b.store.import_bundle(&bundle[..bundle.len() - 10], &pass(), None).is_err());
    assert!(matches!(b.store.import_bundle(b"not a bundle at all", &pass(), None), Err(Error::BadBundle(_))));
    let mixed_up = b.store.import_bundle(&bundle, &pass(), Some(&other.id));
    assert!(matches!(&mixed_up, Err(Error::BadBundle(m)) if m.contains("Tuesday Night Hope")), "{mixed_up:?}");

    assert_eq!(b.store.groups().unwrap().len(), 1, "no group was added");
    assert_eq!(picture(&b, &other.id), before);
    assert!(Passphrase::new("short".into()).is_err(), "a bundle's passphrase needs 8 characters too");
}

#[test]
fn the_later_edit_wins_and_a_removal_stays_removed() {
    let mut a = Room::fresh();
    let mut b = Room::fresh();
    let g = chair_a_meeting(&mut a);
    let (bundle, _) = a.store.export_bundle(&g.id, &pass(), false).unwrap();
    b.store.import_bundle(&bundle, &pass(), None).unwrap();
    let items = a.store.handover(&g.id).unwrap().open_items;
    let (announce, keytags) = (items[0].id.clone(), items[1].id.clone());

    // Both laptops change the same item; B's change is later. A removes the other item; B, unaware, dismisses it later.
    a.clock.advance_ms(60_000);
    a.store.close_action_item(&announce, ItemStatus::Dismissed, "Robin").unwrap();
    a.store.remove_action_item(&keytags).unwrap();
    b.clock.advance_ms(120_000);
    b.store.close_action_item(&announce, ItemStatus::Done, "Casey").unwrap();
    b.store.close_action_item(&keytags, ItemStatus::Dismissed, "Casey").unwrap();

    let (from_a, _) = a.store.export_bundle(&g.id, &pass(), false).unwrap();
    let (from_b, _) = b.store.export_bundle(&g.id, &pass(), false).unwrap();
    a.store.import_bundle(&from_b, &pass(), None).unwrap();
    b.store.import_bundle(&from_a, &pass(), None).unwrap();
    assert_eq!(picture(&a, &g.id), picture(&b, &g.id), "either order ends the same");
    let m = &a.store.meetings(&g.id).unwrap()[0].meeting;
    let items = a.store.chair_report(&m.id).unwrap().items;
    assert_eq!(items.len(), 1, "the removed item stays removed");
    assert_eq!((items[0].status, items[0].closed_by.as_deref()), (ItemStatus::Done, Some("Casey")));
}

#[test]
fn a_bundle_of_changes_only_carries_what_changed_since_the_last_one() {
    let mut a = Room::fresh();
    let mut b = Room::fresh();
    let g = chair_a_meeting(&mut a);
    let (full, all) = a.store.export_bundle(&g.id, &pass(), false).unwrap();
    a.clock.advance_ms(60_000);
    let m = &a.store.meetings(&g.id).unwrap()[0].meeting;
    a.store.add_action_item(&m.id, &item("Phone list for the newcomer")).unwrap();
    let (changes, some) = a.store.export_bundle(&g.id, &pass(), true).unwrap();
    assert_eq!(some.records, 1);
    assert!(some.since.is_some() && all.since.is_none());

    let refused = b.store.import_bundle(&changes, &pass(), None);
    assert!(matches!(refused, Err(Error::BadBundle(_))), "B has not got the group yet: {refused:?}");
    b.store.import_bundle(&full, &pass(), None).unwrap();
    b.store.import_bundle(&changes, &pass(), Some(&g.id)).unwrap();
    assert_eq!(picture(&a, &g.id), picture(&b, &g.id));
}

#[test]
fn two_laptops_that_each_opened_a_meeting_on_the_same_date_keep_both() {
    let mut a = Room::fresh();
    let mut b = Room::fresh();
    let g = a.group();
    let (bundle, _) = a.store.export_bundle(&g.id, &pass(), false).unwrap();
    b.store.import_bundle(&bundle, &pass(), None).unwrap();
    a.meeting(&g, MeetingMode::Named);
    b.meeting(&g, MeetingMode::Headcount);
    let (from_b, _) = b.store.export_bundle(&g.id, &pass(), false).unwrap();
    a.store.import_bundle(&from_b, &pass(), None).unwrap();
    let seqs: Vec<u32> = a.store.meetings(&g.id).unwrap().iter().map(|s| s.meeting.seq).collect();
    assert_eq!(seqs.len(), 2);
    assert!(seqs.contains(&1) && seqs.contains(&2), "{seqs:?}");
}

#[test]
fn a_check_in_made_while_a_bundle_is_sealed_travels_in_the_next_one() {
    let mut a = Room::fresh();
    let mut b = Room::fresh();
    let g = chair_a_meeting(&mut a);
    let tonight = a.another_meeting_today(&g);
    // The shell reads the records, then seals and writes the file without holding the store.
    let out = a.store.prepare_export(&g.id, false).unwrap();
    a.clock.advance_ms(300); // the key derivation
    let dee = a.person(&g, "Dee");
    a.check_in(&tonight, &dee);
    let written = out.write_into(a.dir.path(), &pass()).unwrap();
    a.store.note_export(&out, &written).unwrap();
    b.store.import_bundle_file(&written.path, &pass(), None).unwrap();

    let (changes, _) = a.store.export_bundle(&g.id, &pass(), true).unwrap();
    b.store.import_bundle(&changes, &pass(), Some(&g.id)).unwrap();
    let here = b.store.meeting_view(&tonight).unwrap();
    assert!(here.attendees.iter().any(|x| x.display_name.as_deref() == Some("Dee")), "Dee's check-in came too");
}
