//! Stories of the group's resources card: the crisis lines and local services a chair shows when
//! someone in the room needs help. Organisations only, never members.

use crate::helpers::*;
use crate::slips::line;
use circlekeeper_core::*;

fn names(card: &[Resource]) -> Vec<&str> {
    card.iter().map(|r| r.name.as_str()).collect()
}

#[test]
fn the_group_keeps_a_short_card_of_crisis_lines_and_services() {
    let mut room = Room::fresh();
    let g = room.group();
    assert!(room.store.resources(&g.id).unwrap().is_empty());
    room.store.save_resource(&g.id, None, &line(" Samaritans ", "116 123", "24 h")).unwrap();
    let card = room.store.save_resource(&g.id, None, &line("Crisis Text Line", "Text HOME to 85258", "")).unwrap();
    assert_eq!(names(&card), ["Samaritans", "Crisis Text Line"], "in the order added, trimmed");
    assert_eq!((card[0].contact.as_str(), card[0].note.as_str()), ("116 123", "24 h"));

    let text_line = card[1].id.clone();
    let card =
        room.store.save_resource(&g.id, Some(&text_line), &line("Shout", "Text SHOUT to 85258", "text only")).unwrap();
    assert_eq!(names(&card), ["Samaritans", "Shout"]);
    assert_eq!(card[1].note, "text only");

    let card = room.store.remove_resource(&g.id, &card[0].id.clone()).unwrap();
    assert_eq!(names(&card), ["Shout"]);
    assert_eq!(room.store.resources(&g.id).unwrap(), card, "what the editor shows is what is kept");
}

#[test]
fn a_member_on_the_roster_is_refused_a_place_on_the_card() {
    let mut room = Room::fresh();
    let g = room.group();
    room.person(&g, "Sam");
    room.store.add_person(&g.id, &PersonInput { display_name: "Zoë".into(), last_initial: "K".into() }).unwrap();
    for member in ["Sam", "sam", "Zoë K.", "zoë k", "Zoë"] {
        let err = room.store.save_resource(&g.id, None, &line(member, "07700 900123", "")).unwrap_err();
        assert_eq!(err.kind(), "invalid");
        assert!(err.to_string().contains("is a person on this group's roster"), "{member}: {err}");
    }
    assert!(room.store.resources(&g.id).unwrap().is_empty(), "nothing was saved");
    // An organisation whose name merely contains a member's name is fine.
    room.store.save_resource(&g.id, None, &line("Samaritans", "116 123", "")).unwrap();
}

#[test]
fn bad_entries_are_refused_with_a_plain_message_and_change_nothing() {
    let mut room = Room::fresh();
    let g = room.group();
    let card = room.store.save_resource(&g.id, None, &line("Samaritans", "116 123", "24 h")).unwrap();
    let long = "x".repeat(10_000);
    for (entry, says) in [
        (line("", "116 123", ""), "Please name the organisation"),
        (line("   ", "116 123", ""), "Please name the organisation"),
        (line(&long, "116 123", ""), "at most 80 characters"),
        (line("Helpline", "", ""), "Please give Helpline's phone number or address"),
        (line("Helpline", &long, ""), "at most 120 characters"),
        (line("Helpline", "116 123", &long), "at most 60 characters"),
        (line("Help\u{202e}line", "116 123", ""), "organisation's name"),
    ] {
        let err = room.store.save_resource(&g.id, None, &entry).unwrap_err();
        assert!(err.to_string().contains(says), "{err}");
        let err = room.store.save_resource(&g.id, Some(&card[0].id), &entry).unwrap_err();
        assert!(err.to_string().contains(says), "{err}");
    }
    assert_eq!(room.store.resources(&g.id).unwrap(), card, "nothing changed");

    // Markup is kept as typed, to be shown as text.
    let card = room.store.save_resource(&g.id, None, &line("<b>Helpline</b>", "<a href=x>call</a>", "")).unwrap();
    assert_eq!(card[1].name, "<b>Helpline</b>");

    for n in card.len()..12 {
        room.store.save_resource(&g.id, None, &line(&format!("Service {n}"), "1", "")).unwrap();
    }
    let err = room.store.save_resource(&g.id, None, &line("One too many", "1", "")).unwrap_err();
    assert!(err.to_string().starts_with("The card holds 12 entries"), "{err}");
    assert_eq!(room.store.resources(&g.id).unwrap().len(), 12);
}

#[test]
fn the_card_travels_in_a_bundle_and_a_removal_stays_removed() {
    let mut a = Room::fresh();
    let mut b = Room::fresh();
    let g = a.group();
    a.store.save_resource(&g.id, None, &line("Samaritans", "116 123", "24 h")).unwrap();
    let card = a.store.save_resource(&g.id, None, &line("Local crisis team", "01632 960000", "")).unwrap();
    let (bundle, _) = a.store.export_bundle(&g.id, &pass(), false).unwrap();
    b.store.import_bundle(&bundle, &pass(), None).unwrap();
    assert_eq!(b.store.resources(&g.id).unwrap(), card);

    b.clock.advance_ms(DAY_MS);
    b.store.remove_resource(&g.id, &card[1].id).unwrap();
    b.store.save_resource(&g.id, None, &line("Shout", "Text SHOUT to 85258", "text only")).unwrap();
    let (back, _) = b.store.export_bundle(&g.id, &pass(), false).unwrap();
    a.store.import_bundle(&back, &pass(), Some(&g.id)).unwrap();
    assert_eq!(names(&a.store.resources(&g.id).unwrap()), ["Samaritans", "Shout"]);
    assert_eq!(a.store.resources(&g.id).unwrap(), b.store.resources(&g.id).unwrap());

    // The removed entry's tombstone keeps no text.
    let conn = rusqlite::Connection::open(a.data_file()).unwrap();
    let left: String = conn
        .query_row("SELECT name || contact || note FROM resources WHERE deleted_at IS NOT NULL", [], |r| r.get(0))
        .unwrap();
    assert_eq!(left, "");
}
