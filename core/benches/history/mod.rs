//! Ten years of three groups, written only through core's public API (the calls the app's commands
//! make), for the history benchmark and for people to open and look at: every week each group's
//! chair reads the handover, opens the meeting, checks 40 people in (one of them a newcomer), runs
//! the format, holds a circle of 12 shares and a pass, celebrates milestones, writes the report and
//! closes. A FakeClock walks the weeks, so the store is the same on every machine.
//!
//! Building it takes a minute or two, so it is written once under the cargo target folder, with a
//! copy of how it stood after the first year, and reused until [`VERSION`] changes.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::DateTime;
use circlekeeper_core::*;

/// Bump when the generator changes, so a cached store from an older generator is not reused.
pub const VERSION: u32 = 1;

const MIN_MS: i64 = 60 * 1000;
const HOUR_MS: i64 = 60 * MIN_MS;
const DAY_MS: i64 = 24 * HOUR_MS;
const WEEK_MS: i64 = 7 * DAY_MS;

/// Monday 16 November 2026, 00:00 UTC: the week the benchmark's live meeting is held in.
const LIVE_MONDAY_MS: i64 = 1_794_787_200_000;
const YEARS: i64 = 10;
const WEEKS: i64 = 52 * YEARS;
/// People checked in at every meeting: old-timers, regulars and one newcomer.
pub const PER_MEETING: usize = 40;
const OLD_TIMERS: usize = 20;
/// Regulars are drawn from the people who joined most recently; older ones drift away.
const RECENT_POOL: usize = 60;
const SHARES: usize = 12;

/// A group as its chair set it up.
pub struct GroupSpec {
    pub name: &'static str,
    fellowship: &'static str,
    /// 0 is Monday.
    weekday: u8,
    start: (i64, i64),
    length_min: u16,
    template: &'static str,
    /// The format has a milestones part, so due milestones are celebrated.
    milestones: bool,
}

pub const GROUPS: [GroupSpec; 3] = [
    GroupSpec {
        name: "Tuesday Night Hope",
        fellowship: "NA",
        weekday: 1,
        start: (19, 30),
        length_min: 90,
        template: "twelve-step-90",
        milestones: true,
    },
    GroupSpec {
        name: "Thursday Noon Serenity",
        fellowship: "AA",
        weekday: 3,
        start: (12, 0),
        length_min: 60,
        template: "twelve-step-60",
        milestones: true,
    },
    GroupSpec {
        name: "Saturday Morning SMART",
        fellowship: "SMART Recovery",
        weekday: 5,
        start: (10, 0),
        length_min: 90,
        template: "check-in-working-90",
        milestones: false,
    },
];

/// A store as it stood after some years, and the instant its next meeting opens (a Tuesday, 19:20 UTC).
pub struct Snapshot {
    pub years: i64,
    pub path: PathBuf,
    pub now_ms: i64,
}

fn monday(week: i64) -> i64 {
    LIVE_MONDAY_MS - (WEEKS - week) * WEEK_MS
}

fn snapshot(dir: &Path, years: i64) -> Snapshot {
    Snapshot {
        years,
        path: dir.join(format!("history-v{VERSION}-{years}y.sqlite3")),
        now_ms: monday(52 * years) + DAY_MS + 19 * HOUR_MS + 20 * MIN_MS,
    }
}

/// The cache folder: `$CARGO_TARGET_DIR`, or the target folder this bench or example runs from
/// (`target/release/deps/…` or `target/release/examples/…`).
fn cache_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| {
        let exe = std::env::current_exe().expect("the running program's path");
        exe.ancestors().nth(3).expect("a program inside a cargo target folder").to_path_buf()
    });
    target.join("circlekeeper-history")
}

/// The store after one year and after ten, built now if the cache does not hold them yet, and how
/// long the build took (`None` when the cache had them).
pub fn snapshots() -> (Snapshot, Snapshot, Option<Duration>) {
    let dir = cache_dir();
    let (one, ten) = (snapshot(&dir, 1), snapshot(&dir, YEARS));
    if one.path.exists() && ten.path.exists() {
        return (one, ten, None);
    }
    std::fs::create_dir_all(&dir).expect("the cache folder");
    let started = Instant::now();
    build(&dir, &one, &ten).expect("the history store");
    (one, ten, Some(started.elapsed()))
}

/// A tiny deterministic generator (xorshift), so every machine builds the same history.
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn date(ms: i64) -> String {
    DateTime::from_timestamp_millis(ms).unwrap_or_default().format("%Y-%m-%d").to_string()
}

fn advance_to(clock: &FakeClock, at: i64) {
    let now = clock.now_ms();
    assert!(at >= now, "the history only walks forward");
    clock.advance_ms(at - now);
}

/// One group as the generator keeps track of it.
struct Group {
    spec: &'static GroupSpec,
    id: String,
    /// In the order they joined.
    people: Vec<Person>,
    format: Format,
    /// Action items still open, oldest first.
    open_items: Vec<String>,
}

fn set_up_group(store: &mut Store, spec: &'static GroupSpec, dice: &mut Dice) -> Result<Group> {
    let g = store.create_group(&GroupInput {
        name: spec.name.into(),
        fellowship: spec.fellowship.into(),
        weekday: spec.weekday,
        start_time: format!("{:02}:{:02}", spec.start.0, spec.start.1),
        length_min: spec.length_min,
        location: "Community hall, room 2".into(),
    })?;
    let format = store.use_template(&g.id, spec.template, Language::En)?.format.expect("the template's format");
    for (title, holder) in [("Secretary", "Member 1"), ("Treasurer", "Member 2"), ("GSR", "Member 3")] {
        store.save_position(
            &g.id,
            None,
            &PositionInput { title: title.into(), holder: holder.into(), alternate: String::new(), term_ends: None },
        )?;
    }
    let mut people = Vec::new();
    for i in 1..=PER_MEETING {
        let p =
            store.add_person(&g.id, &PersonInput { display_name: format!("Member {i}"), last_initial: "K".into() })?;
        if i % 4 == 0 {
            // Some old-timers shared a recovery date, years back.
            let years = 1 + dice.below(20) as i64;
            let recovery = date(store.clock().now_ms() - years * 365 * DAY_MS - dice.below(365) as i64 * DAY_MS);
            store.set_recovery_date(&p.id, Some(&recovery))?;
        }
        people.push(p);
    }
    Ok(Group { spec, id: g.id, people, format, open_items: Vec::new() })
}

/// Who comes this week: every old-timer, and regulars from those who joined recently.
fn attendance(g: &Group, dice: &mut Dice) -> Vec<Person> {
    let mut here: Vec<Person> = g.people[..OLD_TIMERS].to_vec();
    let recent_from = g.people.len().saturating_sub(RECENT_POOL).max(OLD_TIMERS);
    let mut pool: Vec<&Person> = g.people[recent_from..].iter().collect();
    while here.len() < PER_MEETING - 1 && !pool.is_empty() {
        here.push(pool.swap_remove(dice.below(pool.len())).clone());
    }
    here
}

/// One week's meeting of one group, as its chair runs it.
fn hold_meeting(store: &mut Store, clock: &FakeClock, g: &mut Group, week: i64, dice: &mut Dice) -> Result<()> {
    let start = monday(week) + i64::from(g.spec.weekday) * DAY_MS + g.spec.start.0 * HOUR_MS + g.spec.start.1 * MIN_MS;
    advance_to(clock, start - 15 * MIN_MS);
    let chair = format!("Member {}", 1 + week % 7);
    if week > 0 {
        store.acknowledge_handover(&g.id, &chair)?;
    }
    let meeting = store
        .open_meeting(&OpenMeetingInput {
            group_id: g.id.clone(),
            chair: chair.clone(),
            mode: MeetingMode::Named,
            another_today: false,
        })?
        .meeting
        .id;

    // Arrivals, 20 seconds apart; now and then the wrong name is pressed and taken back.
    for (i, p) in attendance(g, dice).iter().enumerate() {
        if i == 7 && week % 7 == 3 {
            let wrong = &g.people[OLD_TIMERS + dice.below(g.people.len() - OLD_TIMERS)];
            if let Ok(view) = store.check_in(&meeting, &wrong.id) {
                let slip = view.attendees.iter().find(|a| a.person_id.as_ref() == Some(&wrong.id));
                store.undo_check_in(&slip.expect("the check-in just made").check_in_id)?;
            }
        }
        store.check_in(&meeting, &p.id)?;
        clock.advance_ms(20_000);
    }
    let name = format!("Newcomer {}", g.people.len() + 1);
    let newcomer = store
        .add_walk_in(&meeting, &PersonInput { display_name: name.clone(), last_initial: String::new() })?
        .roster
        .into_iter()
        .map(|r| r.person)
        .find(|p| p.display_name == name)
        .expect("the walk-in on the roster");
    if week % 2 == 0 {
        // A newcomer who shares the day they stopped, for their first milestones.
        store.set_recovery_date(&newcomer.id, Some(&date(clock.now_ms() - DAY_MS)))?;
    }
    g.people.push(newcomer);

    // The format, part by part; sharing is a circle of twelve shares and one pass.
    advance_to(clock, start);
    store.next_segment(&meeting)?;
    let segments = g.format.segments.clone();
    for (i, segment) in segments.iter().enumerate() {
        let ends = clock.now_ms() + segment.planned_ms();
        if segment.title.starts_with("Milestones") && g.spec.milestones {
            for due in store.celebrations(&meeting)?.due.into_iter().filter(|d| !d.celebrated) {
                store.celebrate(&meeting, &due.person_id, &due.milestone.label)?;
            }
        }
        if segment.sharing {
            run_circle(store, clock, &meeting, week, dice)?;
        }
        if week % 5 == 1 && segment.sharing {
            // Someone has to leave before the end.
            let view = store.meeting_view(&meeting)?;
            let leaving = &view.attendees[dice.below(view.attendees.len())];
            store.mark_left(&leaving.check_in_id)?;
        }
        advance_to(clock, ends.max(clock.now_ms()));
        if i + 1 < segments.len() {
            store.next_segment(&meeting)?;
        }
    }
    store.finish_format(&meeting)?;

    store.save_report(
        &meeting,
        &ReportInput {
            notes: format!(
                "Key is with the caretaker.\n- Business meeting on the first week of the month\n- {} came for the first time",
                if week % 3 == 0 { "Two people" } else { "Someone" }
            ),
            collection_cents: Some(2000 + dice.below(4000) as i64),
            counted_by: vec![chair.clone(), "J".into()],
        },
    )?;
    if week % 3 == 0 {
        let report = store.add_action_item(
            &meeting,
            &ActionInput { text: format!("Order literature (week {week})"), due_date: None, due_meeting: false },
        )?;
        g.open_items.extend(report.items.into_iter().map(|i| i.id));
    }
    if week % 3 == 2 && !g.open_items.is_empty() {
        let item = g.open_items.remove(0);
        store.close_action_item(&item, ItemStatus::Done, &chair)?;
    }
    store.close_meeting(&meeting)?;
    // The rota a few weeks ahead.
    store.set_rota(&g.id, &date(start + 4 * WEEK_MS), Some(&format!("Member {}", 1 + (week + 4) % 7)))?;
    Ok(())
}

fn run_circle(store: &mut Store, clock: &FakeClock, meeting: &str, week: i64, dice: &mut Dice) -> Result<()> {
    let direction = if week % 2 == 0 { Direction::Clockwise } else { Direction::CounterClockwise };
    store.start_circle(&StartCircleInput { meeting_id: meeting.into(), first_person_id: None, direction })?;
    for turn in 0..SHARES {
        store.next_speaker(meeting)?;
        if turn == SHARES / 2 {
            // Called on, they pass; the next person starts.
            clock.advance_ms(10_000);
            store.pass_turn(meeting)?;
            store.next_speaker(meeting)?;
        }
        clock.advance_ms(150_000 + dice.below(150) as i64 * 1000);
    }
    store.end_round(meeting)?;
    Ok(())
}

fn open(path: &Path, clock: &FakeClock) -> Result<Store> {
    Store::open(path, Arc::new(clock.clone()))
}

/// Writes both snapshots: into a temporary file first, renamed into place once whole, so an
/// interrupted build never leaves a store that looks finished.
fn build(dir: &Path, one: &Snapshot, ten: &Snapshot) -> Result<()> {
    let work = dir.join(format!("history-v{VERSION}.building"));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", work.display()));
    }
    let started = Instant::now();
    let clock = FakeClock::at(monday(0) - DAY_MS);
    let mut store = open(&work, &clock)?;
    let mut dice = Dice(0x5eed_c1c1e);
    let mut groups = Vec::new();
    for spec in &GROUPS {
        groups.push(set_up_group(&mut store, spec, &mut dice)?);
    }
    for week in 0..WEEKS {
        for g in &mut groups {
            hold_meeting(&mut store, &clock, g, week, &mut dice)?;
        }
        if (week + 1) % 52 == 0 {
            let years = (week + 1) / 52;
            eprintln!("history: year {years} of {YEARS} written ({:.0} s)", started.elapsed().as_secs_f64());
            if years == one.years {
                // Closing checkpoints the write-ahead log, so the copy is the whole store.
                drop(store);
                std::fs::copy(&work, &one.path)?;
                store = open(&work, &clock)?;
            }
        }
    }
    drop(store);
    std::fs::rename(&work, &ten.path)?;
    Ok(())
}

/// A meeting of the group today with the first `n` people of its roster checked in; a second (or
/// later) meeting of the day when `another` asks for one.
#[allow(dead_code)] // Each bench includes this module; the align bench opens no meeting.
pub fn meeting_with(store: &mut Store, group: &circlekeeper_core::Group, n: usize, another: bool) -> String {
    let roster = store.roster(&group.id).unwrap();
    let id = store
        .open_meeting(&OpenMeetingInput {
            group_id: group.id.clone(),
            chair: "Robin".into(),
            mode: MeetingMode::Named,
            another_today: another,
        })
        .unwrap()
        .meeting
        .id;
    for p in &roster[..n] {
        store.check_in(&id, &p.id).unwrap();
    }
    id
}
