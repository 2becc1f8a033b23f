//! Stories of attendance slips: a person asks the chair for one, the chair prints it, and later a
//! court or a counsellor asks the group whether the serial is real. No one's name is kept.

use crate::deep_paths::bundle::open_bundle;
use crate::deep_paths::envelope::{seal_with, Cost};
use crate::helpers::*;
use circlekeeper_core::*;

/// Tonight's meeting with `n` slips issued; the group, the meeting and the slips.
fn slips_tonight(room: &mut Room, n: usize) -> (Group, MeetingView, Vec<Slip>) {
    let g = room.group();
    let m = room.meeting(&g, MeetingMode::Named);
    let slips = (0..n).map(|_| room.store.issue_slip(&m.meeting.id).unwrap()).collect();
    (g, m, slips)
}

#[test]
fn a_chair_issues_two_slips_and_one_is_verified_later_from_the_group_page() {
    let mut room = Room::fresh();
    let (g, m, slips) = slips_tonight(&mut room, 2);
    let view = room.store.meeting_view(&m.meeting.id).unwrap();
    assert_eq!(view.slips_issued, 2, "the meeting shows 2 slips issued");
    assert!(slips[0].serial.starts_with("2026-0001-") && slips[1].serial.starts_with("2026-0002-"), "{slips:?}");
    let slip = &slips[1];
    assert_eq!((slip.group_name.as_str(), slip.date.as_str()), ("Tuesday Night Hope", m.meeting.date.as_str()));
    assert_eq!((slip.starts.as_str(), slip.ends.as_str()), ("19:30", "20:30"));

    // A month later, someone calls about the second slip, reading it out in lower case.
    room.clock.advance_ms(30 * DAY_MS);
    let lookup = room.store.verify_slip(&g.id, &format!("  {} ", slip.serial.to_lowercase())).unwrap();
    assert_eq!(lookup.serial, slip.serial);
    assert_eq!(lookup.found, vec![slip.clone()]);

    // The number alone finds it too; a wrong pair of characters, or a number never given, finds none.
    let number_only = &slip.serial[..9];
    assert_eq!(room.store.verify_slip(&g.id, number_only).unwrap().found, vec![slip.clone()]);
    let wrong_tag = format!("{number_only}-{}", if slip.serial.ends_with("ZZ") { "00" } else { "ZZ" });
    assert!(room.store.verify_slip(&g.id, &wrong_tag).unwrap().found.is_empty());
    assert!(room.store.verify_slip(&g.id, "2026-0143").unwrap().found.is_empty());
    assert!(room.store.verify_slip(&g.id, &slip.serial.replace("2026", "2025")).unwrap().found.is_empty());

    // Nothing about a person was kept: the slip rows hold the meeting, the serial and the hours.
    let conn = rusqlite::Connection::open(room.data_file()).unwrap();
    let columns: Vec<String> = conn
        .prepare("SELECT name FROM pragma_table_info('slips') ORDER BY cid")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        columns,
        [
            "id",
            "meeting_id",
            "year",
            "number",
            "tag",
            "starts",
            "ends",
            "created_at",
            "updated_at",
            "updated_by",
            "local_seq"
        ]
    );
}

#[test]
fn a_serial_that_is_not_one_gets_a_plain_answer_and_changes_nothing() {
    let mut room = Room::fresh();
    let (g, _, _) = slips_tonight(&mut room, 1);
    for (typed, starts) in [
        ("", "Please type the serial"),
        ("   ", "Please type the serial"),
        (&"2".repeat(10_000), "That is too long"),
        ("<script>alert(1)</script>", "That is not a slip's serial"),
        ("hello", "That is not a slip's serial"),
        ("2026-01x3-K7", "That is not a slip's serial"),
    ] {
        let err = room.store.verify_slip(&g.id, typed).unwrap_err();
        assert_eq!(err.kind(), "invalid");
        assert!(err.to_string().starts_with(starts), "{typed:.20}: {err}");
        assert!(err.to_string().contains("2026-0143-K7"), "the message shows what a serial looks like");
    }
    let err = room.store.verify_slip("no-such-group", "2026-0001").unwrap_err();
    assert_eq!(err.kind(), "not_found");
}

#[test]
fn a_group_that_turns_slips_off_issues_none_and_the_old_ones_still_verify() {
    let mut room = Room::fresh();
    let (g, m, slips) = slips_tonight(&mut room, 1);
    assert!(g.slips, "slips are on until the group turns them off");
    let g = room.store.set_slips(&g.id, false).unwrap();
    assert!(!g.slips);
    assert!(!room.store.meeting_view(&m.meeting.id).unwrap().group.slips, "the meeting screen hides the button");

    let err = room.store.issue_slip(&m.meeting.id).unwrap_err();
    assert_eq!(
        err.to_string(),
        "This group has turned attendance slips off. They can be turned on again on the group page."
    );
    assert_eq!(room.store.meeting_view(&m.meeting.id).unwrap().slips_issued, 1, "nothing was issued");
    assert_eq!(room.store.verify_slip(&g.id, &slips[0].serial).unwrap().found, slips);

    room.store.set_slips(&g.id, true).unwrap();
    assert!(room.store.issue_slip(&m.meeting.id).unwrap().serial.starts_with("2026-0002-"));
}

#[test]
fn a_slip_asked_for_on_the_way_out_is_issued_but_not_an_hour_after_closing() {
    let mut room = Room::fresh();
    let (_, m, _) = slips_tonight(&mut room, 0);
    room.store.close_meeting(&m.meeting.id).unwrap();
    room.clock.advance_ms(10 * MIN);
    room.store.issue_slip(&m.meeting.id).unwrap();
    room.clock.advance_ms(60 * MIN);
    let err = room.store.issue_slip(&m.meeting.id).unwrap_err();
    assert!(err.to_string().starts_with("Slips are issued at the meeting"), "{err}");
    assert_eq!(room.store.meeting_view(&m.meeting.id).unwrap().slips_issued, 1);
}

#[test]
fn slips_counted_at_a_counts_only_meeting_too() {
    let mut room = Room::fresh();
    let g = room.group();
    let m = room.meeting(&g, MeetingMode::Headcount);
    room.store.issue_slip(&m.meeting.id).unwrap();
    assert_eq!(room.store.meeting_view(&m.meeting.id).unwrap().slips_issued, 1);
}

#[test]
fn two_laptops_that_issued_slips_while_a_bundle_was_away_keep_both_and_a_lookup_names_each() {
    let mut a = Room::fresh();
    let mut b = Room::fresh();
    let g = a.group();
    let (bundle, _) = a.store.export_bundle(&g.id, &pass(), false).unwrap();
    b.store.import_bundle(&bundle, &pass(), None).unwrap();

    // The same evening two chairs each run a meeting of the group, and each gives slip number 1.
    let at_a = a.meeting(&g, MeetingMode::Named);
    let at_b = b.meeting(&g, MeetingMode::Headcount);
    let from_a = a.store.issue_slip(&at_a.meeting.id).unwrap();
    let from_b = b.store.issue_slip(&at_b.meeting.id).unwrap();
    assert_eq!(from_a.serial[..9], from_b.serial[..9], "both printed 2026-0001");

    let (to_a, _) = b.store.export_bundle(&g.id, &pass(), false).unwrap();
    a.store.import_bundle(&to_a, &pass(), Some(&g.id)).unwrap();
    let (to_b, _) = a.store.export_bundle(&g.id, &pass(), false).unwrap();
    b.store.import_bundle(&to_b, &pass(), Some(&g.id)).unwrap();

    for room in [&a, &b] {
        // The number alone names both meetings; each full serial names its own (and, if the two
        // characters happened to match, both: never a guess between them).
        assert_eq!(room.store.verify_slip(&g.id, &from_a.serial[..9]).unwrap().found.len(), 2);
        let same_tag = from_a.serial == from_b.serial;
        for slip in [&from_a, &from_b] {
            let found = room.store.verify_slip(&g.id, &slip.serial).unwrap().found;
            assert!(found.contains(slip));
            assert_eq!(found.len(), if same_tag { 2 } else { 1 });
        }
        assert_eq!(room.store.meeting_view(&at_a.meeting.id).unwrap().slips_issued, 1);
        assert_eq!(room.store.meeting_view(&at_b.meeting.id).unwrap().slips_issued, 1);
    }
    // The next slip on either laptop goes on from the highest number both now know.
    assert!(a.store.issue_slip(&at_a.meeting.id).unwrap().serial.starts_with("2026-0002-"));
}

#[test]
fn slips_outlive_retention_which_takes_only_names() {
    let mut room = Room::fresh();
    let (g, m, slips) = slips_tonight(&mut room, 1);
    let sam = room.person(&g, "Sam");
    room.check_in(&m.meeting.id, &sam);
    room.store.close_meeting(&m.meeting.id).unwrap();
    room.clock.advance_ms(400 * DAY_MS);
    room.store.set_retention(&g.id, Some(12)).unwrap();
    assert_eq!(room.store.apply_retention().unwrap().meetings(), 1);
    assert_eq!(room.store.meeting_view(&m.meeting.id).unwrap().slips_issued, 1);
    assert_eq!(room.store.verify_slip(&g.id, &slips[0].serial).unwrap().found, slips);
}

#[test]
fn a_crafted_bundle_slip_or_card_entry_no_chair_could_make_is_refused_whole() {
    let mut a = Room::fresh();
    let (g, _, _) = slips_tonight(&mut a, 1);
    a.store.save_resource(&g.id, None, &line("Samaritans", "116 123", "24 h")).unwrap();
    let (sealed, _) = a.store.export_bundle(&g.id, &pass(), false).unwrap();
    let payload = open_bundle(sealed, &pass()).unwrap();
    for (table, column, bad) in [("slips", "tag", "<b"), ("slips", "starts", "late"), ("resources", "contact", "")] {
        let mut p = payload.clone();
        p.records.iter_mut().find(|r| r.table == table).unwrap().row.insert(column.into(), bad.into());
        let json = serde_json::to_vec(&p).unwrap();
        let sealed = seal_with(&json, &pass(), &Cost { m_kib: 8, t: 1, p: 1 }).unwrap();
        let mut b = Room::fresh();
        let err = b.store.import_bundle(&sealed, &pass(), None).unwrap_err();
        assert_eq!(err.kind(), "bad_bundle", "{table}.{column}");
        assert!(b.store.groups().unwrap().is_empty(), "nothing was taken in");
    }
}

pub fn line(name: &str, contact: &str, note: &str) -> ResourceInput {
    ResourceInput { name: name.into(), contact: contact.into(), note: note.into() }
}
