//! Privacy as a group lives it: a group that keeps attendance names for a year and lets older ones
//! go, and a member who asks to be forgotten. Each story checks the store itself, table by table,
//! not only what the screens show.

use std::collections::BTreeMap;

use crate::helpers::*;
use chrono::{Months, NaiveDate};
use circlekeeper_core::*;

// ---------------------------------------------------------------------------------------------
// The store as it is on disk: every row of every table but this laptop's own clocks (no record of
// anyone's, and moved by every write), keyed by table and rowid.

type Dump = BTreeMap<(String, i64), BTreeMap<String, String>>;

fn raw(room: &Room) -> rusqlite::Connection {
    rusqlite::Connection::open(room.data_file()).unwrap()
}

fn dump(room: &Room) -> Dump {
    use rusqlite::types::ValueRef;
    let conn = raw(room);
    let mut stmt =
        conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'local_clock'")
            .unwrap();
    let tables: Vec<String> = stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    let mut out = Dump::new();
    for t in tables {
        let mut stmt = conn.prepare(&format!("SELECT rowid, * FROM {t}")).unwrap();
        let columns: Vec<String> = stmt.column_names().into_iter().map(String::from).collect();
        let mut rows = stmt.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            let mut row = BTreeMap::new();
            for (i, c) in columns.iter().enumerate().skip(1) {
                let v = match r.get_ref(i).unwrap() {
                    ValueRef::Null => "NULL".to_string(),
                    ValueRef::Integer(n) => n.to_string(),
                    ValueRef::Real(f) => f.to_string(),
                    ValueRef::Text(s) => String::from_utf8_lossy(s).into_owned(),
                    ValueRef::Blob(_) => "<blob>".to_string(),
                };
                row.insert(c.clone(), v);
            }
            out.insert((t.clone(), r.get(0).unwrap()), row);
        }
    }
    out
}

/// The rows that changed between two dumps; each must carry a stamp newer than every version the
/// store held before, and this device, so the change wins when two laptops' stores merge.
fn changed_and_stamped(before: &Dump, after: &Dump, room: &Room) -> Vec<(String, BTreeMap<String, String>)> {
    let stamp = |row: &BTreeMap<String, String>| row.get("updated_at").and_then(|s| s.parse::<i64>().ok());
    let newest_before = before.values().filter_map(stamp).max().unwrap_or(0);
    assert!(before.keys().all(|k| after.contains_key(k)), "nothing is removed outright");
    after
        .iter()
        .filter(|(k, row)| before.get(k) != Some(row))
        .map(|((table, rowid), row)| {
            assert!(stamp(row) > Some(newest_before), "{table} row {rowid} changed but kept an old stamp");
            assert_eq!(row.get("updated_by").map(String::as_str), Some(room.store.device_id()), "{table} {rowid}");
            (table.clone(), row.clone())
        })
        .collect()
}

/// Every (table, column) whose value contains `needle`.
fn where_found(d: &Dump, needle: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = d
        .iter()
        .flat_map(|((t, _), row)| {
            row.iter().filter(|(_, v)| v.contains(needle)).map(move |(c, _)| (t.clone(), c.clone()))
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

fn rows_of<'a>(d: &'a Dump, table: &str) -> impl Iterator<Item = &'a BTreeMap<String, String>> + 'a {
    let table = table.to_string();
    d.iter().filter(move |((t, _), _)| *t == table).map(|(_, row)| row)
}

fn headcounts(room: &Room, group: &Group) -> Vec<(String, u32)> {
    room.store.meetings(&group.id).unwrap().into_iter().map(|s| (s.meeting.id, s.counts.headcount)).collect()
}

/// Marguerite K., on the roster with her last initial, as she is in every story here.
fn marguerite(room: &mut Room, group: &Group) -> Person {
    room.store.add_person(&group.id, &PersonInput { last_initial: "K".into(), ..walk_in("Marguerite") }).unwrap()
}

// ---------------------------------------------------------------------------------------------
// Retention.

/// A meeting on the group's first night, with everything that can name someone: Marguerite and Sam
/// checked in, an anonymous walk-in, Sam's 30 days celebrated, Marguerite reading, a seating, and a
/// circle in which Marguerite shares and Sam passes. Then it is closed.
fn first_night(room: &mut Room, group: &Group) -> (MeetingView, Person, Person) {
    let marguerite = marguerite(room, group);
    let sam = room.person(group, "Sam");
    room.store.set_recovery_date(&sam.id, Some("2026-10-21")).unwrap();
    room.store.use_template(&group.id, "peer-circle-60", Language::En).unwrap();
    let m = room.meeting(group, MeetingMode::Named);
    let id = m.meeting.id.clone();
    room.check_in(&id, &marguerite);
    room.check_in(&id, &sam);
    room.store.add_walk_in(&id, &walk_in("")).unwrap();
    room.store.celebrate(&id, &sam.id, "30 days").unwrap();
    room.store.set_reader(&id, 1, Some(&marguerite.id)).unwrap();
    room.store.set_seating(&id, &[sam.id.clone(), marguerite.id.clone()]).unwrap();
    room.start_circle(&id, &marguerite);
    room.store.next_speaker(&id).unwrap(); // Marguerite shares
    room.clock.advance_ms(4 * MIN);
    room.store.next_speaker(&id).unwrap(); // Sam's turn, and his share starts
    room.store.pass_turn(&id).unwrap(); // Sam passes: the share started for him is taken back
    let m = room.store.close_meeting(&id).unwrap();
    (m, marguerite, sam)
}

#[test]
fn retention_is_off_until_a_group_turns_it_on_and_then_nothing_changes() {
    let mut room = Room::fresh();
    let group = room.group();
    first_night(&mut room, &group);
    room.clock.advance_ms(20 * 365 * DAY_MS);

    let preview = room.store.retention_preview(&group.id).unwrap();
    assert_eq!((preview.months, preview.cutoff.as_deref(), preview.meetings), (None, None, 0));
    let before = dump(&room);
    let run = room.store.apply_retention().unwrap();
    assert!(run.groups.is_empty(), "no group keeps names for a limited time");
    assert_eq!(dump(&room), before, "twenty years on, every name is still kept");
}

#[test]
fn after_a_year_the_first_night_keeps_its_counts_but_loses_its_names() {
    let mut room = Room::fresh();
    let group = room.group();
    let (old, marguerite, sam) = first_night(&mut room, &group);
    let old_counts = old.counts;
    assert_eq!(old_counts, Counts { headcount: 3, newcomers: 2, returning: 0, visitors: 1 });

    // Thirteen months later, Sam comes again and Jo comes for the first time.
    room.clock.advance_ms(400 * DAY_MS);
    let recent = room.meeting(&group, MeetingMode::Named);
    let recent_id = recent.meeting.id.clone();
    room.check_in(&recent_id, &sam);
    room.store.add_walk_in(&recent_id, &walk_in("Jo")).unwrap();
    let recent = room.store.close_meeting(&recent_id).unwrap();
    let roster = room.store.roster(&group.id).unwrap();

    // The chair looks before saving: two years would take nothing yet, one year the first night.
    assert_eq!(room.store.retention_preview_for(&group.id, Some(24)).unwrap().meetings, 0);
    let preview = room.store.set_retention(&group.id, Some(12)).unwrap();
    let today = NaiveDate::parse_from_str(&recent.meeting.date, "%Y-%m-%d").unwrap();
    let cutoff = (today - Months::new(12)).format("%Y-%m-%d").to_string();
    assert_eq!(
        preview,
        RetentionPreview {
            group_id: group.id.clone(),
            months: Some(12),
            cutoff: Some(cutoff),
            meetings: 1,
            check_ins: 2,
            shares: 1, // Marguerite's; the one started for Sam before he passed was taken back and names no one
            passes: 1,
            celebrations: 1,
            oldest: Some(old.meeting.date.clone()),
            newest: Some(old.meeting.date.clone()),
            open_meetings: 0,
        }
    );
    assert_eq!(room.store.retention_preview(&group.id).unwrap(), preview, "the saved setting previews the same");

    let before = dump(&room);
    let run = room.store.apply_retention().unwrap();
    assert_eq!(run.groups, vec![preview], "the run removes exactly what the preview listed");
    let wal = files_on_disk(&room).into_iter().find(|(name, _)| name.ends_with("-wal")).unwrap().1;
    assert!(wal.is_empty(), "the WAL, which held the pages as they were, is emptied");
    assert_eq!(run.ran_at, room.clock.now_ms());
    let after = dump(&room);
    let changed = changed_and_stamped(&before, &after, &room);
    assert!(!changed.is_empty());

    // The first night reads the same, now as a counts-only meeting with no names.
    let old_now = room.store.meeting_view(&old.meeting.id).unwrap();
    assert_eq!(old_now.counts, old_counts, "headcount, newcomers, returning and walk-ins all as they were");
    assert_eq!(old_now.meeting.mode, MeetingMode::Headcount);
    assert!(old_now.attendees.is_empty() && old_now.roster.is_empty());
    let summary = room.store.sharing_summary(&old.meeting.id, true).unwrap();
    assert!(summary.per_person.unwrap().is_empty(), "no one's totals remain");
    assert_eq!((summary.shares, summary.passed), (1, 1));

    // In the store itself, nothing of that night names anyone.
    let of_old = |row: &&BTreeMap<String, String>| row.get("meeting_id") == Some(&old.meeting.id);
    for table in ["check_ins", "shares", "passes"] {
        let rows: Vec<_> = rows_of(&after, table).filter(of_old).collect();
        assert!(!rows.is_empty(), "{table}: the rows are kept, as anonymous ones");
        assert!(rows.iter().all(|r| r["person_id"] == "NULL"), "{table} still names someone");
    }
    assert_eq!(rows_of(&after, "check_ins").filter(of_old).count(), 3, "three came; three check-ins remain");
    for c in rows_of(&after, "celebrations").filter(of_old) {
        assert_ne!(c["deleted_at"], "NULL");
        assert_eq!((c["label"].as_str(), c["date"].as_str()), ("", ""), "nothing tells Sam's recovery date");
        assert_eq!(c["person_id"], "NULL", "nor whose it was");
    }
    let at = |t: &str, c: &str| (t.to_string(), c.to_string());
    assert_eq!(where_found(&after, &marguerite.id), [at("people", "id")], "only her roster entry");
    // Sam: his roster entry and his check-in at the recent meeting; the deleted celebration says not whose.
    assert_eq!(where_found(&after, &sam.id), [at("check_ins", "person_id"), at("people", "id")]);
    assert!(rows_of(&after, "check_ins").filter(|r| r["person_id"] == sam.id).all(|r| r["meeting_id"] == recent_id));
    let old_meeting_row = rows_of(&after, "meetings").find(|r| r["id"] == old.meeting.id).unwrap();
    assert!(!old_meeting_row["format"].contains(&marguerite.id), "Marguerite no longer reads");
    assert_eq!(rows_of(&after, "seating").find(|r| r["meeting_id"] == old.meeting.id).unwrap()["seats"], "[]");
    let round = rows_of(&after, "rounds").find(|r| r["meeting_id"] == old.meeting.id).unwrap();
    assert!(!round["state"].contains(&marguerite.id) && !round["state"].contains(&sam.id));
    let old_round: Round = serde_json::from_str(&round["state"]).unwrap();
    assert_eq!((old_round.turns.len(), old_round.passes(), old_round.seats.len()), (2, 1, 2), "it still reads whole");

    // The recent meeting is untouched, names and all, and so is the roster.
    assert!(changed.iter().all(|(_, row)| row.get("meeting_id").is_none_or(|m| *m == old.meeting.id)));
    assert!(changed.iter().all(|(t, row)| t != "meetings" || row["id"] == old.meeting.id));
    let recent_now = room.store.meeting_view(&recent_id).unwrap();
    let names = |v: &MeetingView| v.attendees.iter().map(|a| a.display_name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&recent_now), names(&recent));
    assert_eq!(recent_now.counts.headcount, recent.counts.headcount);
    assert_eq!(room.store.roster(&group.id).unwrap(), roster, "retention removes no one from the roster");
    // Old rounds still guide where a new circle starts.
    room.store.sharing(&recent_id).unwrap();

    // The next day's run finds nothing more to do, and touches nothing.
    room.clock.advance_ms(DAY_MS);
    let before = dump(&room);
    let run = room.store.apply_retention().unwrap();
    assert_eq!(run.meetings(), 0);
    assert_eq!((run.groups[0].check_ins, run.groups[0].celebrations), (0, 0));
    assert_eq!(dump(&room), before);
}

#[test]
fn a_name_left_only_in_an_old_seating_round_or_format_is_still_taken_out() {
    let mut room = Room::fresh();
    let group = room.group();
    let (old, marguerite, sam) = first_night(&mut room, &group);
    room.clock.advance_ms(400 * DAY_MS);
    room.store.set_retention(&group.id, Some(12)).unwrap();
    room.store.apply_retention().unwrap();
    let cleared = dump(&room);
    let round = rows_of(&cleared, "rounds").find(|r| r["meeting_id"] == old.meeting.id).unwrap()["state"].clone();
    let format = rows_of(&cleared, "meetings").find(|r| r["id"] == old.meeting.id).unwrap()["format"].clone();

    // The rows stay anonymous, but the JSON names them again (as a copy edited elsewhere could), in the
    // form the app writes and, in the round, as an id without its dashes.
    let named_round = round.replacen("anonymous-1", &sam.id.replace('-', ""), 1);
    assert_ne!(named_round, round);
    let named_format = format.replacen("\"readerId\":null", &format!("\"readerId\":\"{}\"", marguerite.id), 1);
    assert_ne!(named_format, format);
    raw(&room)
        .execute_batch(&format!(
            "UPDATE rounds SET state = '{named_round}' WHERE meeting_id = '{m}';
             UPDATE meetings SET format = '{named_format}' WHERE id = '{m}';
             UPDATE seating SET seats = '[\"{}\"]' WHERE meeting_id = '{m}';",
            sam.id,
            m = old.meeting.id
        ))
        .unwrap();

    let preview = room.store.retention_preview(&group.id).unwrap();
    assert_eq!((preview.meetings, preview.check_ins, preview.shares), (1, 0, 0), "the meeting still names someone");
    room.clock.advance_ms(DAY_MS);
    assert_eq!(room.store.apply_retention().unwrap().meetings(), 1);
    let after = dump(&room);
    assert!(where_found(&after, &marguerite.id).iter().all(|(t, _)| t == "people"));
    assert!(where_found(&after, &sam.id.replace('-', "")).is_empty());
    assert!(where_found(&after, &sam.id).iter().all(|(t, _)| t == "people" || t == "celebrations"));
    assert_eq!(room.store.retention_preview(&group.id).unwrap().meetings, 0, "and now nothing is left");
}

#[test]
fn a_meeting_still_open_is_left_alone_until_it_is_closed() {
    let mut room = Room::fresh();
    let group = room.group();
    let sam = room.person(&group, "Sam");
    let m = room.meeting(&group, MeetingMode::Named);
    room.check_in(&m.meeting.id, &sam);
    room.clock.advance_ms(400 * DAY_MS);

    let preview = room.store.set_retention(&group.id, Some(12)).unwrap();
    assert_eq!((preview.meetings, preview.open_meetings), (0, 1));
    let before = dump(&room);
    room.store.apply_retention().unwrap();
    assert_eq!(dump(&room), before, "a meeting still open is never changed under the chair");

    room.store.close_meeting(&m.meeting.id).unwrap();
    let run = room.store.apply_retention().unwrap();
    assert_eq!((run.groups[0].meetings, run.groups[0].check_ins), (1, 1));
    assert_eq!(room.store.meeting_view(&m.meeting.id).unwrap().counts.headcount, 1);
}

#[test]
fn a_retention_of_zero_or_more_than_ten_years_is_refused() {
    let mut room = Room::fresh();
    let group = room.group();
    for months in [0, 121, u32::MAX] {
        let err = room.store.set_retention(&group.id, Some(months)).unwrap_err();
        assert!(matches!(err, Error::Invalid(_)), "{months}: {err}");
        assert!(err.to_string().contains("1 to 120 months"), "{err}");
        assert!(room.store.retention_preview_for(&group.id, Some(months)).is_err());
    }
    assert_eq!(room.store.retention_preview(&group.id).unwrap().months, None, "still off");
    assert_eq!(room.store.set_retention(&group.id, Some(120)).unwrap().months, Some(120));
    assert_eq!(room.store.set_retention(&group.id, Some(1)).unwrap().months, Some(1));
    assert_eq!(room.store.set_retention(&group.id, None).unwrap().months, None, "and off again");
    assert!(room.store.set_retention("no-such-group", Some(12)).is_err());
}

// ---------------------------------------------------------------------------------------------
// Forgetting a person.

/// Two closed meetings Marguerite K. was at, with Sam and Alex: she celebrated, read, shared and
/// passed. A third meeting is open tonight, without her.
struct TwoNights {
    room: Room,
    group: Group,
    marguerite: Person,
    sam: Person,
    alex: Person,
    tonight: String,
}

fn two_nights() -> TwoNights {
    let mut room = Room::fresh();
    let group = room.group();
    let marguerite = marguerite(&mut room, &group);
    let sam = room.person(&group, "Sam");
    let alex = room.person(&group, "Alex");
    room.store.set_recovery_date(&marguerite.id, Some("2026-10-21")).unwrap();
    room.store.use_template(&group.id, "peer-circle-60", Language::En).unwrap();

    let first = room.meeting(&group, MeetingMode::Named).meeting.id;
    room.check_in(&first, &marguerite);
    room.check_in(&first, &sam);
    room.store.celebrate(&first, &marguerite.id, "30 days").unwrap();
    room.store.set_reader(&first, 1, Some(&marguerite.id)).unwrap();
    room.store.set_seating(&first, &[sam.id.clone(), marguerite.id.clone()]).unwrap();
    room.start_circle(&first, &marguerite);
    room.store.next_speaker(&first).unwrap(); // Marguerite shares
    room.clock.advance_ms(3 * MIN);
    room.store.next_speaker(&first).unwrap(); // Sam shares
    room.clock.advance_ms(3 * MIN);
    room.store.next_speaker(&first).unwrap(); // the circle is over
    room.store.close_meeting(&first).unwrap();

    room.clock.advance_ms(7 * DAY_MS);
    let second = room.meeting(&group, MeetingMode::Named).meeting.id;
    for p in [&alex, &marguerite, &sam] {
        room.check_in(&second, p);
    }
    room.start_circle(&second, &alex);
    room.store.next_speaker(&second).unwrap(); // Alex shares
    room.clock.advance_ms(3 * MIN);
    room.store.next_speaker(&second).unwrap(); // Marguerite's turn, her share starts
    room.store.pass_turn(&second).unwrap(); // she passes
    room.store.next_speaker(&second).unwrap(); // Sam shares
    room.clock.advance_ms(3 * MIN);
    room.store.next_speaker(&second).unwrap();
    room.store.close_meeting(&second).unwrap();

    room.clock.advance_ms(7 * DAY_MS);
    let tonight = room.meeting(&group, MeetingMode::Named).meeting.id;
    room.check_in(&tonight, &sam);
    room.check_in(&tonight, &alex);
    room.clock.advance_ms(MIN);
    TwoNights { room, group, marguerite, sam, alex, tonight }
}

#[test]
fn marguerite_asks_to_be_forgotten_and_nothing_in_the_store_names_her_afterwards() {
    let TwoNights { mut room, group, marguerite, sam, alex, tonight } = two_nights();
    let counts_before = headcounts(&room, &group);
    let sam_rows = |d: &Dump| {
        d.iter().filter(|(_, row)| row.values().any(|v| *v == sam.id)).map(|(k, _)| k.clone()).collect::<Vec<_>>()
    };

    let preview = room.store.forget_preview(&marguerite.id).unwrap();
    assert_eq!(preview.name, "Marguerite K.");
    assert_eq!(preview.refused, None, "she is not here tonight");
    assert!(preview.has_recovery_date);
    assert!(preview.typed_elsewhere.is_empty());
    let expected = ForgetCounts {
        meetings: 2,
        check_ins: 2,
        shares: 1, // her share on the first night; the one started before she passed was taken back, unnamed
        passes: 1,
        celebrations: 1,
        seatings: 2,
        rounds: 2,
        readings: 1,
    };
    assert_eq!(preview.counts, expected);

    let before = dump(&room);
    let report = room.store.forget_person(&marguerite.id).unwrap();
    assert_eq!(report.counts, expected, "what the dialog said is what happened");
    let after = dump(&room);
    let changed = changed_and_stamped(&before, &after, &room);

    // Her name, initial and recovery date are nowhere; her id only as her own empty tombstone.
    assert_eq!(where_found(&after, "Marguerite"), vec![]);
    assert_eq!(where_found(&after, "2026-10-21"), vec![], "her recovery date");
    assert_eq!(where_found(&after, "30 days"), vec![], "her milestone");
    assert_eq!(where_found(&after, &marguerite.id), vec![("people".to_string(), "id".to_string())]);
    let her = rows_of(&after, "people").find(|r| r["id"] == marguerite.id).unwrap();
    assert_eq!((her["display_name"].as_str(), her["last_initial"].as_str()), ("", ""));
    assert_eq!((her["recovery_date"].as_str(), her["updated_at"].clone()), ("NULL", room.clock.now_ms().to_string()));
    assert_ne!(her["deleted_at"], "NULL");
    let celebration = rows_of(&after, "celebrations").next().unwrap();
    assert_ne!(celebration["deleted_at"], "NULL");
    assert_eq!(
        (celebration["label"].as_str(), celebration["date"].as_str(), celebration["person_id"].as_str()),
        ("", "", "NULL")
    );
    assert!(changed.iter().any(|(t, _)| t == "people"));

    // Every meeting counts as many people as before; she is now an anonymous walk-in in them.
    assert_eq!(headcounts(&room, &group), counts_before);
    let roster: Vec<String> = room.store.roster(&group.id).unwrap().into_iter().map(|p| p.display_name).collect();
    assert_eq!(roster, ["Alex", "Sam"]);
    assert!(matches!(room.store.forget_person(&marguerite.id), Err(Error::NotFound { .. })), "once is enough");
    assert!(room.store.forget_preview(&marguerite.id).is_err());

    // Sam is untouched: every row that names him still does, and only JSON shared with her changed.
    assert_eq!(sam_rows(&after), sam_rows(&before));
    for k in sam_rows(&before) {
        assert_eq!(after[&k], before[&k], "{k:?} names Sam and must not change");
    }
    for (t, row) in &changed {
        assert!(["people", "check_ins", "shares", "passes", "celebrations", "seating", "rounds", "meetings"]
            .contains(&t.as_str()));
        if t == "people" {
            assert_eq!(row["id"], marguerite.id);
        }
        if t == "check_ins" || t == "shares" {
            assert_eq!(row["person_id"], "NULL", "only her rows lost a person");
        }
    }
    let sam_shares = rows_of(&after, "shares").filter(|r| r["person_id"] == sam.id).count();
    assert_eq!(sam_shares, 2);

    // Tonight goes on: the next circle starts from what the last one tells, with her out of it.
    let v = room.store.sharing(&tonight).unwrap();
    assert!(v.proposed_start.is_some());
    room.start_circle(&tonight, &alex);
    let v = room.store.next_speaker(&tonight).unwrap();
    assert_eq!(v.round.unwrap().upcoming.iter().map(|u| u.name.as_str()).collect::<Vec<_>>(), ["Alex", "Sam"]);
}

#[test]
fn forgetting_someone_who_is_here_tonight_is_refused_until_they_have_left() {
    let TwoNights { mut room, group, marguerite, sam, alex, tonight } = two_nights();
    let her_check_in = room.check_in(&tonight, &marguerite);
    room.start_circle(&tonight, &marguerite);
    room.store.next_speaker(&tonight).unwrap(); // Marguerite shares
    room.clock.advance_ms(3 * MIN);
    room.store.next_speaker(&tonight).unwrap(); // Sam shares

    let preview = room.store.forget_preview(&marguerite.id).unwrap();
    let why = preview.refused.expect("she is here");
    assert!(why.contains("Mark Marguerite K. as left or close the meeting first"), "{why}");
    let (seen, stored) = (everything(&room.store, &group), dump(&room));
    let err = room.store.forget_person(&marguerite.id).unwrap_err();
    assert!(matches!(&err, Error::Conflict(m) if *m == why), "{err}");
    assert_eq!(everything(&room.store, &group), seen);
    assert_eq!(dump(&room), stored, "nothing at all changed");

    // She leaves during Sam's share; now she can be forgotten, and the meeting goes on.
    room.store.mark_left(&her_check_in).unwrap();
    let headcount = room.store.meeting_view(&tonight).unwrap().counts.headcount;
    assert_eq!(room.store.forget_preview(&marguerite.id).unwrap().refused, None);
    let before = dump(&room);
    room.store.forget_person(&marguerite.id).unwrap();
    changed_and_stamped(&before, &dump(&room), &room);
    let view = room.store.meeting_view(&tonight).unwrap();
    assert_eq!(view.counts.headcount, headcount, "she still counts as someone who came");
    assert!(view.attendees.iter().all(|a| a.display_name.as_deref() != Some("Marguerite")));
    assert_eq!(where_found(&dump(&room), &marguerite.id).len(), 1, "her tombstone only");

    let v = room.store.next_speaker(&tonight).unwrap(); // Sam is done; Alex's turn
    let round = v.round.unwrap();
    assert_eq!(round.upcoming.iter().map(|u| u.name.as_str()).collect::<Vec<_>>(), ["Alex"]);
    assert_eq!(round.turns, 2, "her turn still counts, without her name");
    let v = room.store.next_speaker(&tonight).unwrap(); // Alex is done: the circle is over
    assert!(v.round.is_none());
    room.store.close_meeting(&tonight).unwrap();
    assert_eq!(room.store.meeting_view(&tonight).unwrap().counts.headcount, headcount);
    let _ = (sam, alex);
}

#[test]
fn a_name_typed_as_text_is_shown_to_the_chair_not_rewritten() {
    let mut room = Room::fresh();
    let group = room.group();
    let robin = room.person(&group, "Robin");
    let m = room.meeting(&group, MeetingMode::Named); // chaired by "Robin", as typed
    let preview = room.store.forget_preview(&robin.id).unwrap();
    assert_eq!(m.meeting.date, "2026-11-17");
    let place = "chair of the meeting on 17 November 2026".to_string();
    let said = |places: &[circlekeeper_core::Problem]| places.iter().map(|p| p.to_string()).collect::<Vec<_>>();
    assert_eq!(said(&preview.typed_elsewhere), vec![place.clone()]);
    assert_eq!(preview.typed_elsewhere[0].code(), "forget_typed_chair");
    // The date crosses as a date of its own, which the window says in the chair's language.
    let sent = serde_json::to_value(&preview.typed_elsewhere[0]).unwrap();
    assert_eq!(sent["params"]["date"]["code"], "spoken_date");
    assert_eq!(sent["params"]["date"]["params"]["month"]["code"], "month_11");
    let report = room.store.forget_person(&robin.id).unwrap();
    assert_eq!(said(&report.typed_elsewhere), vec![place]);
    assert_eq!(
        room.store.meeting_view(&m.meeting.id).unwrap().meeting.chair,
        "Robin",
        "typed text is the chair's to edit"
    );
}

#[test]
fn a_copy_merged_in_from_before_she_was_forgotten_is_scrubbed() {
    let TwoNights { mut room, marguerite, tonight, .. } = two_nights();
    room.store.forget_person(&marguerite.id).unwrap();
    assert_eq!(room.store.scrub_forgotten().unwrap(), 0, "nothing to scrub yet");

    // Another laptop's older bundle brings back a check-in that names her.
    raw(&room)
        .execute(
            "INSERT INTO check_ins (id, meeting_id, person_id, arrived_at, created_at, updated_at, updated_by)
             VALUES ('0190a0a0-0000-7000-8000-00000000beef', ?1, ?2, 1, 1, 1, 'other-laptop')",
            [&tonight, &marguerite.id],
        )
        .unwrap();
    room.clock.advance_ms(MIN);
    let before = dump(&room);
    assert_eq!(room.store.scrub_forgotten().unwrap(), 1);
    let after = dump(&room);
    let changed = changed_and_stamped(&before, &after, &room);
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0].1["person_id"], "NULL");
    assert_eq!(room.store.scrub_forgotten().unwrap(), 0);
}

// ---------------------------------------------------------------------------------------------
// What a removal leaves behind: tombstones without text, and no bytes on disk.

/// Every (table, column) that names Wilhelmina, in the store and in a bundle of the group.
fn traces_of_wilhelmina(room: &mut Room, group: &Group) -> (Vec<(String, String)>, bool) {
    let (bundle, _) = room.store.export_bundle(&group.id, &pass(), false).unwrap();
    let payload = String::from_utf8(bundle::envelope::open(bundle.clone(), &pass()).unwrap()).unwrap();
    (where_found(&dump(room), "Wilhelmina"), payload.contains("Wilhelmina"))
}

#[test]
fn a_removed_item_position_check_in_or_share_keeps_no_words_and_names_no_one() {
    let mut room = Room::fresh();
    let group = room.group();
    let wilhelmina = room.person(&group, "Wilhelmina");
    let m = room.meeting(&group, MeetingMode::Named).meeting.id;
    // Checked in by mistake and taken back; a share started for her and taken back when she passed.
    let mistake = room.check_in(&m, &wilhelmina);
    room.store.undo_check_in(&mistake).unwrap();
    room.check_in(&m, &wilhelmina);
    room.start_circle(&m, &wilhelmina);
    room.store.next_speaker(&m).unwrap();
    room.store.pass_turn(&m).unwrap();
    room.store.add_action_item(&m, &item("Ask Wilhelmina for the key")).unwrap();
    let position = PositionInput {
        title: "Wilhelmina's greeter".into(),
        holder: "Wilhelmina".into(),
        alternate: "Wilhelmina's sister".into(),
        term_ends: Some("2027-01-01".into()),
    };
    let service = room.store.save_position(&group.id, None, &position).unwrap();
    let item_id = room.store.handover(&group.id).unwrap().open_items[0].id.clone();

    room.store.remove_action_item(&item_id).unwrap();
    room.store.remove_position(&group.id, &service.positions[0].id).unwrap();

    // Only her roster entry names her, in the store and in a bundle of the group.
    let (found, in_bundle) = traces_of_wilhelmina(&mut room, &group);
    assert_eq!(found, [("people".to_string(), "display_name".to_string())]);
    assert!(in_bundle, "she is on the roster");
    let after = dump(&room);
    let gone = |table: &str| rows_of(&after, table).filter(|r| r["deleted_at"] != "NULL").cloned().collect::<Vec<_>>();
    let item = &gone("action_items")[0];
    assert_eq!((item["text"].as_str(), item["raised_by"].as_str(), item["meeting_id"].as_str()), ("", "", "NULL"));
    let pos = &gone("positions")[0];
    assert_eq!((pos["title"].as_str(), pos["alternate"].as_str(), pos["term_ends"].as_str()), ("", "", "NULL"));
    assert_eq!(gone("check_ins")[0]["person_id"], "NULL", "the check-in taken back");
    assert_eq!(gone("shares")[0]["person_id"], "NULL", "the share taken back when she passed");
}

#[test]
fn an_older_laptops_removal_that_still_holds_the_words_brings_none_of_them() {
    let mut a = Room::fresh();
    let mut b = Room::fresh();
    let group = a.group();
    let m = a.meeting(&group, MeetingMode::Named).meeting.id;
    a.store.add_action_item(&m, &item("Ask Wilhelmina for the key")).unwrap();
    let (first, _) = a.store.export_bundle(&group.id, &pass(), false).unwrap();
    b.store.import_bundle(&first, &pass(), None).unwrap();

    // Laptop A runs the last release: removing the item left its words in the tombstone.
    a.clock.advance_ms(MIN);
    raw(&a).execute("UPDATE action_items SET deleted_at = ?1, updated_at = ?1", [a.clock.now_ms()]).unwrap();
    let (older, _) = a.store.export_bundle(&group.id, &pass(), false).unwrap();
    let report = b.store.import_bundle(&older, &pass(), None).unwrap();
    assert_eq!(report.updated, 1, "the removal wins");
    let (found, in_bundle) = traces_of_wilhelmina(&mut b, &group);
    assert_eq!((found, in_bundle), (vec![], false), "B's own copy of the words went with it");
    assert!(b.store.handover(&group.id).unwrap().open_items.is_empty());
    let again = b.store.import_bundle(&older, &pass(), None).unwrap();
    assert_eq!((again.added, again.updated), (0, 0), "importing it again changes nothing");
}

/// The data file and its `-wal` and `-shm` as they lie on disk, with the store still open.
fn files_on_disk(room: &Room) -> Vec<(String, Vec<u8>)> {
    ["", "-wal", "-shm"]
        .iter()
        .filter_map(|suffix| {
            let mut name = room.data_file().into_os_string();
            name.push(suffix);
            std::fs::read(&name).ok().map(|bytes| (name.to_string_lossy().into_owned(), bytes))
        })
        .collect()
}

/// Whether `bytes` hold `word` in UTF-8 or UTF-16 (either byte order), in any mix of case.
fn holds(bytes: &[u8], word: &str) -> bool {
    let lower = bytes.to_ascii_lowercase();
    let word = word.to_lowercase();
    let utf16 = |le: bool| -> Vec<u8> {
        word.encode_utf16().flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() }).collect()
    };
    [word.as_bytes().to_vec(), utf16(true), utf16(false)].iter().any(|w| lower.windows(w.len()).any(|x| x == &w[..]))
}

#[test]
fn once_wilhelmina_is_forgotten_no_byte_of_her_name_is_left_in_the_files() {
    let mut room = Room::fresh();
    let group = room.group();
    let wilhelmina = room.person(&group, "Wilhelmina");
    let sam = room.person(&group, "Sam");
    room.store.set_recovery_date(&wilhelmina.id, Some("2026-10-18")).unwrap();
    room.store.use_template(&group.id, "peer-circle-60", Language::En).unwrap();
    let m = room.meeting(&group, MeetingMode::Named).meeting.id;
    room.check_in(&m, &wilhelmina);
    room.check_in(&m, &sam);
    room.store.celebrate(&m, &wilhelmina.id, "30 days").unwrap();
    room.store.set_reader(&m, 1, Some(&wilhelmina.id)).unwrap();
    room.store.set_seating(&m, &[sam.id.clone(), wilhelmina.id.clone()]).unwrap();
    room.start_circle(&m, &wilhelmina);
    room.store.next_speaker(&m).unwrap(); // she shares
    room.clock.advance_ms(3 * MIN);
    room.store.next_speaker(&m).unwrap(); // Sam shares
    room.clock.advance_ms(3 * MIN);
    room.store.next_speaker(&m).unwrap();
    let notes = |text: &str| ReportInput { notes: text.into(), collection_cents: None, counted_by: vec![] };
    room.store.save_report(&m, &notes("Wilhelmina brought the cake.")).unwrap();
    room.store.add_action_item(&m, &item("Ask Wilhelmina for the key")).unwrap();
    let position = PositionInput {
        title: "Greeter".into(),
        holder: "Wilhelmina".into(),
        alternate: "Sam".into(),
        term_ends: None,
    };
    let greeter = room.store.save_position(&group.id, None, &position).unwrap().positions[0].id.clone();
    room.store.set_rota(&group.id, "2026-11-24", Some("Wilhelmina")).unwrap();
    room.store.close_meeting(&m).unwrap();
    assert!(files_on_disk(&room).iter().any(|(_, bytes)| holds(bytes, "Wilhelmina")), "the test can see her");

    // The chair does what the dialog asks: the places her name is typed are theirs to edit first.
    let preview = room.store.forget_preview(&wilhelmina.id).unwrap();
    assert_eq!(preview.typed_elsewhere.len(), 4, "{:?}", preview.typed_elsewhere);
    room.store.save_report(&m, &notes("Someone brought the cake.")).unwrap();
    let item_id = room.store.handover(&group.id).unwrap().open_items[0].id.clone();
    room.store.remove_action_item(&item_id).unwrap();
    room.store.save_position(&group.id, Some(&greeter), &PositionInput { holder: "Sam".into(), ..position }).unwrap();
    room.store.set_rota(&group.id, "2026-11-24", None).unwrap();
    assert!(room.store.forget_preview(&wilhelmina.id).unwrap().typed_elsewhere.is_empty());
    room.store.forget_person(&wilhelmina.id).unwrap();

    for (file, bytes) in files_on_disk(&room) {
        assert!(!holds(&bytes, "Wilhelmina"), "{file} still holds her name");
        assert!(!holds(&bytes, "2026-10-18"), "{file} still holds her recovery date");
    }
    // The store goes on as before.
    assert_eq!(room.store.meetings(&group.id).unwrap()[0].counts.headcount, 2);
    let roster: Vec<String> = room.store.roster(&group.id).unwrap().into_iter().map(|p| p.display_name).collect();
    assert_eq!(roster, ["Sam"]);
}
