//! The change feed: every write says what it changed, and core names the snapshots the windows
//! need, so no window has to guess or re-read one thing because another changed.

use crate::helpers::*;
use circlekeeper_core::*;

/// Ann, Ben and Cy are here; a circle starts with Ann and her share is running.
fn ann_is_sharing() -> Evening {
    let mut e = Evening::with(&["Ann", "Ben", "Cy"]);
    e.start_circle(0);
    e.room.store.next_speaker(&e.meeting).unwrap();
    e.room.store.take_changes();
    e
}

fn check_in_id(e: &Evening, person: usize) -> String {
    let view = e.room.store.meeting_view(&e.meeting).unwrap();
    view.attendees.iter().find(|a| a.person_id.as_deref() == Some(&e.people[person].id)).unwrap().check_in_id.clone()
}

/// What the chair's window would be sent: each snapshot's kind, once.
fn kinds(snapshots: &[Snapshot]) -> Vec<&'static str> {
    snapshots
        .iter()
        .map(|s| match s {
            Snapshot::Meeting(_) => "meeting",
            Snapshot::Share(_) => "share",
            Snapshot::Round(_) => "round",
            Snapshot::Runner(_) => "runner",
            Snapshot::Celebrations(_) => "celebrations",
        })
        .collect()
}

#[test]
fn the_speaker_marked_as_left_stops_their_share_and_moves_the_round_in_one_change() {
    let mut e = ann_is_sharing();
    let ann = check_in_id(&e, 0);
    e.room.store.mark_left(&ann).unwrap();

    let changes = e.room.store.take_changes();
    for aggregate in [Aggregate::Attendance, Aggregate::Share, Aggregate::Round] {
        assert!(changes.contains(aggregate, &e.meeting), "{aggregate:?} changed and says so");
    }
    assert!(changes.moves_room(), "the room display shows someone else now");

    let snapshots = e.room.store.snapshots(&changes).unwrap();
    assert_eq!(kinds(&snapshots), ["meeting", "share", "round", "runner", "celebrations"]);
    for s in &snapshots {
        match s {
            Snapshot::Share(share) => assert!(share.timer.is_none(), "Ann's share has ended"),
            Snapshot::Round(order) => {
                let up = &order.round.as_ref().unwrap().upcoming[0];
                assert_eq!(up.name, "Ben", "Ben is up now");
            }
            Snapshot::Meeting(m) => assert!(m.attendees[0].left_at.is_some()),
            _ => {}
        }
    }
    let frames = e.room.store.frames(false, Some(&e.meeting)).unwrap();
    assert!(!frames.room.running && frames.room.speaker.is_none(), "the room no longer shows Ann");
}

#[test]
fn undoing_the_speakers_check_in_reaches_the_share_and_the_round_too() {
    let mut e = ann_is_sharing();
    let ann = check_in_id(&e, 0);
    e.room.store.undo_check_in(&ann).unwrap();
    let changes = e.room.store.take_changes();
    assert!(changes.contains(Aggregate::Share, &e.meeting) && changes.contains(Aggregate::Round, &e.meeting));
}

#[test]
fn a_late_arrival_joins_the_round_and_the_feed_says_so() {
    let mut e = ann_is_sharing();
    let dee = e.room.person(&e.group, "Dee");
    e.room.store.take_changes();
    e.room.store.check_in(&e.meeting, &dee.id).unwrap();
    let changes = e.room.store.take_changes();
    assert!(changes.contains(Aggregate::Attendance, &e.meeting));
    assert!(changes.contains(Aggregate::Round, &e.meeting), "Dee has a turn coming");
    assert!(!changes.contains(Aggregate::Share, &e.meeting), "Ann's share runs on untouched");
}

#[test]
fn a_refused_write_changes_nothing_and_reports_nothing() {
    let mut e = ann_is_sharing();
    assert!(e.room.store.check_in(&e.meeting, &e.people[1].id).is_err(), "Ben is already here");
    assert!(e.room.store.close_meeting(&e.meeting).is_err(), "Ann is still sharing");
    assert!(e.room.store.take_changes().is_empty());
}

#[test]
fn a_group_setting_reaches_every_open_meeting_of_the_group() {
    let mut e = ann_is_sharing();
    let settings = RoomSettings { show_name: false, show_overtime: true };
    e.room.store.set_room_settings(&e.group.id, settings).unwrap();
    let changes = e.room.store.take_changes();
    assert!(changes.moves_room());
    let snapshots = e.room.store.snapshots(&changes).unwrap();
    assert!(kinds(&snapshots).contains(&"share"), "the open meeting's panels are drawn again");
    assert_eq!(
        e.room.store.frames(false, Some(&e.meeting)).unwrap().room.speaker,
        None,
        "the room no longer names the speaker"
    );
}

#[test]
fn a_locked_app_still_times_the_share_for_the_room_and_names_nobody() {
    let e = ann_is_sharing();
    let open = e.room.store.frames(false, Some(&e.meeting)).unwrap();
    assert_eq!(open.room.speaker.as_deref(), Some("Ann"));
    let locked = e.room.store.frames(true, Some(&e.meeting)).unwrap();
    assert!(locked.timer.is_none(), "the chair's window draws nothing while locked");
    assert!(locked.room.running && locked.room.remaining_ms == open.room.remaining_ms);
    assert_eq!((locked.room.speaker, locked.room.next_speaker, locked.room.segment), (None, None, None));
}

#[test]
fn the_handover_and_service_pages_are_not_sent_to_any_window() {
    let mut e = ann_is_sharing();
    let input =
        PositionInput { title: "Secretary".into(), holder: "Robin".into(), alternate: String::new(), term_ends: None };
    e.room.store.save_position(&e.group.id, None, &input).unwrap();
    let changes = e.room.store.take_changes();
    assert!(changes.contains(Aggregate::Service, &e.group.id));
    assert!(e.room.store.snapshots(&changes).unwrap().is_empty(), "the chair's page has the answer already");
}
