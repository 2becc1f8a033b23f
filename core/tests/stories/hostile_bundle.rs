//! Stories of bundles that are sealed well, with the right passphrase, but hold records no chair
//! could have typed: a name of two hundred characters or with a bidi override, a format that
//! cannot be read, a share running in another meeting, the id of another group's person. Knowing
//! a group's passphrase is not the same as being trusted: such a bundle is refused whole, with a
//! message naming what is wrong, and changes nothing; what it may bring in never reaches another
//! group or the room display of the meeting on screen.
//!
//! `cargo test -p circlekeeper-core --test stories hostile_bundle::` runs a few dozen cases of the
//! property; set `PROPTEST_CASES` (keeping the filter) for a longer run.

use std::sync::OnceLock;

use crate::deep_paths::bundle::{open_bundle, open_bundle_file, Payload};
use crate::deep_paths::envelope::{seal_with, Cost};
use crate::deep_paths::merge::Record;
use crate::helpers::*;
use circlekeeper_core::*;
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{json, Value};

const CHEAP: Cost = Cost { m_kib: 8, t: 1, p: 1 };

/// Tuesday Night Hope as chair A's laptop exports it: a format, a closed meeting with its report,
/// action items and rota, Casey's acknowledgement, and tonight's meeting with Sam sharing. Built once.
fn tuesday() -> &'static Payload {
    static PAYLOAD: OnceLock<Payload> = OnceLock::new();
    PAYLOAD.get_or_init(|| {
        let mut a = Room::fresh();
        let g = a.group();
        a.store.use_template(&g.id, "twelve-step-60", Language::En).unwrap();
        let last_week = a.meeting(&g, MeetingMode::Named);
        let sam = a.person(&g, "Sam");
        a.check_in(&last_week.meeting.id, &sam);
        a.store
            .save_report(
                &last_week.meeting.id,
                &ReportInput { notes: "Key is with the caretaker.".into(), collection_cents: None, counted_by: vec![] },
            )
            .unwrap();
        a.store.add_action_item(&last_week.meeting.id, &item("Buy 30-day keytags")).unwrap();
        a.store.close_meeting(&last_week.meeting.id).unwrap();
        a.store.set_rota(&g.id, "2026-11-24", Some("Casey")).unwrap();
        a.clock.advance_ms(7 * DAY_MS);
        a.store.acknowledge_handover(&g.id, "Casey").unwrap();
        let tonight = a.another_meeting_today(&g);
        a.check_in(&tonight, &sam);
        a.store.next_segment(&tonight).unwrap();
        a.start_share(&tonight, Some(&sam));
        let (sealed, _) = a.store.export_bundle(&g.id, &pass(), false).unwrap();
        open_bundle(sealed, &pass()).unwrap()
    })
}

/// Chair B's laptop: Friday Serenity, its meeting on screen, Ann sharing.
struct Friday {
    room: Room,
    group: Group,
    meeting: String,
    ids: Vec<String>,
}

impl Friday {
    fn new() -> Friday {
        let mut room = Room::fresh();
        let group =
            room.store.create_group(&GroupInput { name: "Friday Serenity".into(), ..tuesday_night_hope() }).unwrap();
        let meeting = room.meeting(&group, MeetingMode::Named).meeting.id;
        let ann = room.person(&group, "Ann");
        let ben = room.person(&group, "Ben");
        let ann_here = room.check_in(&meeting, &ann);
        room.check_in(&meeting, &ben);
        let share = room.start_share(&meeting, Some(&ann)).timer.unwrap().share_id;
        let ids = vec![group.id.clone(), meeting.clone(), ann.id, ben.id, ann_here, share];
        Friday { room, group, meeting, ids }
    }

    /// Everything of Friday Serenity a chair or the room could see, tonight's frame included.
    fn picture(&self) -> String {
        let s = &self.room.store;
        let group = s.groups().unwrap().into_iter().find(|g| g.id == self.group.id);
        let meetings = s.meetings(&self.group.id).unwrap();
        let views: Vec<_> = meetings.iter().map(|m| s.meeting_view(&m.meeting.id).unwrap()).collect();
        format!(
            "{group:?}{:?}{views:?}{:?}{:?}{:?}",
            s.roster(&self.group.id).unwrap(),
            s.share_state(&self.meeting).unwrap(),
            s.sharing(&self.meeting).unwrap(),
            s.frames(false, Some(&self.meeting)).unwrap()
        )
    }

    /// Everything of every other group here.
    fn others(&self) -> String {
        let groups = self.room.store.groups().unwrap();
        groups.iter().filter(|g| g.id != self.group.id).map(|g| everything(&self.room.store, g)).collect()
    }

    fn import(&mut self, p: &Payload) -> Result<ImportReport> {
        let json = serde_json::to_vec(p).unwrap();
        let sealed = seal_with(&json, &pass(), &CHEAP).unwrap();
        self.room.store.import_bundle(&sealed, &pass(), None)
    }
}

fn with_record(p: &Payload, table: &str, change: impl FnOnce(&mut serde_json::Map<String, Value>)) -> Payload {
    let mut p = p.clone();
    let r = p.records.iter_mut().find(|r| r.table == table).unwrap();
    change(&mut r.row);
    p
}

#[track_caller]
fn refused_changing_nothing(b: &mut Friday, p: &Payload, needle: &str) {
    let (before, others) = (b.picture(), b.others());
    let message = refused_as("bad_bundle", b.import(p));
    assert!(message.contains(needle), "{message}");
    assert!(message.ends_with("Nothing was changed."), "{message}");
    assert_eq!(b.picture(), before);
    assert_eq!(b.others(), others);
}

#[test]
fn a_name_no_chair_could_type_is_refused_and_says_why() {
    let mut b = Friday::new();
    for bad in ["x".repeat(200), "Sam\nthe second line".into(), String::new(), "   ".into()] {
        let p = with_record(tuesday(), "people", |row| {
            row.insert("display_name".into(), bad.clone().into());
        });
        refused_changing_nothing(&mut b, &p, "a person in it is not one Circlekeeper would keep");
    }
    let p = with_record(tuesday(), "people", |row| {
        row.insert("display_name".into(), json!(42));
    });
    refused_changing_nothing(&mut b, &p, "display_name");
    let p = with_record(tuesday(), "reports", |row| {
        row.insert("notes".into(), "n".repeat(100_000).into());
    });
    refused_changing_nothing(&mut b, &p, "a chair's report");
}

#[test]
fn numbers_no_laptop_could_have_written_are_refused() {
    // Found by the property below: a meeting numbered 2^32 in its date broke the meeting list.
    let mut b = Friday::new();
    for (table, column, value) in [
        ("meetings", "seq", json!(1u64 << 32)),
        ("meetings", "opened_at", json!(-1)),
        ("shares", "started_at", json!(i64::MAX)),
        ("shares", "adjust_ms", json!(i64::MIN)),
        ("shares", "paused_since", json!(i64::MIN)),
    ] {
        let p = with_record(tuesday(), table, |row| {
            row.insert(column.into(), value);
        });
        refused_changing_nothing(&mut b, &p, column);
    }
}

#[test]
fn a_format_that_cannot_be_read_is_refused_before_it_reaches_the_room() {
    let mut b = Friday::new();
    for bad in [r#"{"name":"x"#, r#"{"name":"Ours","segments":[]}"#, r#"[1,2]"#] {
        let p = with_record(tuesday(), "groups", |row| {
            row.insert("format".into(), bad.into());
        });
        refused_changing_nothing(&mut b, &p, "the group's details");
        let p = with_record(tuesday(), "meetings", |row| {
            row.insert("format".into(), bad.into());
        });
        refused_changing_nothing(&mut b, &p, "a meeting");
    }
}

#[test]
fn a_share_running_in_another_meeting_never_reaches_the_room() {
    let mut b = Friday::new();
    let ann_on_screen = b.room.store.frames(false, Some(&b.meeting)).unwrap().room;
    b.import(tuesday()).unwrap();
    let tonight = tuesday()
        .records
        .iter()
        .filter(|r| r.table == "shares" && r.row["ended_at"].is_null())
        .map(|r| r.row["meeting_id"].as_str().unwrap().to_string())
        .next()
        .unwrap();
    assert_ne!(tonight, b.meeting);
    let room = b.room.store.frames(false, Some(&b.meeting)).unwrap().room;
    assert_eq!(room, ann_on_screen, "the room still shows Ann's share, not Sam's");
    assert_eq!(room.speaker.as_deref(), Some("Ann"));
    assert!(room.segment.is_none(), "nor Tuesday's format");
    let nothing_on_screen = b.room.store.frames(false, None).unwrap();
    assert!(!nothing_on_screen.room.running && nothing_on_screen.timer.is_none());
}

#[test]
fn a_bundle_cannot_take_over_another_groups_rows_by_their_ids() {
    let mut b = Friday::new();
    let (ann, ann_here, share) = (b.ids[2].clone(), b.ids[4].clone(), b.ids[5].clone());
    for (table, id) in
        [("people", &ann), ("check_ins", &ann_here), ("shares", &share), ("meetings", &b.meeting.clone())]
    {
        let p = with_record(tuesday(), table, |row| {
            row.insert("id".into(), id.clone().into());
        });
        refused_changing_nothing(&mut b, &p, "another group");
    }
    // Nor link its own records to them: Tuesday's check-in naming Friday's Ann.
    let p = with_record(tuesday(), "check_ins", |row| {
        row.insert("person_id".into(), ann.clone().into());
    });
    refused_changing_nothing(&mut b, &p, "another group");
}

#[test]
fn a_file_far_larger_than_any_bundle_is_refused_reading_no_more_than_the_cap() {
    let b = Friday::new();
    let path = b.room.dir.path().join("huge.ckbundle");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(4 << 30).unwrap(); // 4 GiB, sparse
    let started = std::time::Instant::now();
    let refused = open_bundle_file(&path, &pass());
    assert!(matches!(&refused, Err(Error::BadBundle(m)) if m.contains("larger than 32 MiB")), "{refused:?}");
    assert!(started.elapsed() < std::time::Duration::from_secs(5), "{:?}", started.elapsed());
}

/// A hostile value for one column.
#[derive(Debug, Clone)]
enum Hostile {
    Number(i64),
    Bool(bool),
    Array,
    Object,
    Null,
    Huge(usize),
    Bidi,
    Markup,
    Control(char),
    /// One of Friday Serenity's ids.
    FridayId(Index),
    BadJson(Index),
    Text(String),
}

const BAD_JSON: &[&str] = &[
    "{",
    "[]",
    "null",
    r#"{"name":"Ours","segments":[{"title":"Sharing","minutes":-5,"sharing":true}]}"#,
    r#"{"name":"Ours","segments":[{"title":"","minutes":5,"sharing":false}]}"#,
    r#"{"starts":[99999999999999],"finishedAt":1}"#,
    r#"{"unit":"years","count":-3}"#,
    r#"["a","a"]"#,
    r#"{"mode":"circle","seats":[],"waiting":[{"personId":"x"}],"turns":[],"departed":[],"newcomers":[],"sharedEarlier":[],"notReached":[],"over":false}"#,
];

fn hostile() -> impl Strategy<Value = Hostile> {
    prop_oneof![
        any::<i64>().prop_map(Hostile::Number),
        prop_oneof![Just(-1i64), Just(0), Just(i64::MAX), Just(i64::MIN), Just(1_794_938_400_000)]
            .prop_map(Hostile::Number),
        any::<bool>().prop_map(Hostile::Bool),
        Just(Hostile::Array),
        Just(Hostile::Object),
        Just(Hostile::Null),
        (1_000usize..200_000).prop_map(Hostile::Huge),
        Just(Hostile::Bidi),
        Just(Hostile::Markup),
        prop_oneof![Just('\0'), Just('\n'), Just('\u{7}'), Just('\u{1b}')].prop_map(Hostile::Control),
        any::<Index>().prop_map(Hostile::FridayId),
        any::<Index>().prop_map(Hostile::BadJson),
        "\\PC{0,40}".prop_map(Hostile::Text),
    ]
}

impl Hostile {
    fn value(&self, friday: &[String]) -> Value {
        match self {
            Hostile::Number(n) => json!(n),
            Hostile::Bool(b) => json!(b),
            Hostile::Array => json!(["Sam", 1]),
            Hostile::Object => json!({"name": "Sam"}),
            Hostile::Null => Value::Null,
            Hostile::Huge(n) => "é".repeat(*n).into(),
            Hostile::Bidi => "Sam\u{202e}txt.exe".into(),
            Hostile::Markup => "<img src=x onerror=alert(1)><script>alert(2)</script>".into(),
            Hostile::Control(c) => format!("Sam{c}").into(),
            Hostile::FridayId(i) => i.get(friday).clone().into(),
            Hostile::BadJson(i) => (*i.get(BAD_JSON)).into(),
            Hostile::Text(t) => t.clone().into(),
        }
    }
}

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(48);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

proptest! {
    #![proptest_config(config())]

    /// Whatever a well-sealed bundle holds, importing it is refused changing nothing, or leaves a
    /// store whose every meeting still draws its room frame, with Friday Serenity untouched.
    #[test]
    fn a_well_sealed_hostile_bundle_is_refused_or_harmless(
        changes in proptest::collection::vec((any::<Index>(), any::<Index>(), hostile()), 1..4),
        tuesday_here_first in any::<bool>(),
    ) {
        let mut b = Friday::new();
        if tuesday_here_first {
            b.import(tuesday()).unwrap();
        }
        let mut p = tuesday().clone();
        let mut changed = Vec::new();
        for (record, column, value) in &changes {
            let r: &mut Record = record.get_mut(&mut p.records);
            let name = column.get(&r.row.keys().cloned().collect::<Vec<_>>()).clone();
            changed.push(format!("{}.{name}", r.table));
            r.row.insert(name, value.value(&b.ids));
            // Later than the copy here, so the change is not simply outranked.
            let stamp = r.updated_at().saturating_add(1);
            r.row.insert("updated_at".into(), stamp.into());
        }
        let (friday, others) = (b.picture(), b.others());
        let result = b.import(&p);
        prop_assert_eq!(&b.picture(), &friday, "Friday Serenity changed by {:?}: {:?}", changed, result);
        if let Err(e) = &result {
            prop_assert_eq!(&b.others(), &others, "refused ({}) but changed by {:?}", e, changed);
        }
        let groups = b.room.store.groups();
        prop_assert!(groups.is_ok(), "{:?} after {:?} took in {:?}", groups, changed, result);
        for g in groups.unwrap() {
            let meetings = b.room.store.meetings(&g.id);
            prop_assert!(meetings.is_ok(), "{:?} after {:?} took in {:?}", meetings, changed, result);
            for m in meetings.unwrap() {
                let id = &m.meeting.id;
                let frames = b.room.store.frames(false, Some(id));
                prop_assert!(frames.is_ok(), "the room cannot draw {}: {:?} after {:?}", id, frames, changed);
                let view = b.room.store.meeting_view(id);
                prop_assert!(view.is_ok(), "{:?} after {:?}", view, changed);
            }
            let roster = b.room.store.roster(&g.id);
            prop_assert!(roster.is_ok(), "{:?} after {:?}", roster, changed);
        }
    }
}
