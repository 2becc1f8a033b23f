//! Laptops whose clocks are wrong, by minutes or by a year, pass a group back and forth: the edit
//! made last, after seeing the others, is the one every laptop keeps, and taking in an old bundle
//! again never undoes newer work. A bundle dated far in the future is refused, and a record dated
//! after its own bundle counts as made when the bundle was, so no file can push a laptop's clock
//! out to the year 9999.
//!
//! Bundles here are sealed at a cheap key-derivation cost (which `open` accepts): the stories are
//! about what is inside them.

use std::collections::BTreeSet;
use std::sync::Arc;

use crate::deep_paths::bundle::payload;
use crate::deep_paths::envelope::{seal_with, Cost};
use crate::helpers::*;
use circlekeeper_core::*;
use proptest::prelude::*;
use proptest::sample::Index;

const CHEAP: Cost = Cost { m_kib: 8, t: 1, p: 1 };
const YEAR_MS: i64 = 365 * DAY_MS;
/// 9999-12-31, as a crafted file might date itself.
const YEAR_9999: i64 = 253_402_214_400_000;

/// A bundle of the whole group as `store` would make one, passed through `craft` first.
fn bundle_with(store: &Store, group_id: &str, craft: impl FnOnce(&mut serde_json::Value)) -> Vec<u8> {
    let (p, _) = payload(store, group_id, false).unwrap();
    let mut json = serde_json::to_value(&p).unwrap();
    craft(&mut json);
    seal_with(&serde_json::to_vec(&json).unwrap(), &pass(), &CHEAP).unwrap()
}

fn bundle(store: &Store, group_id: &str) -> Vec<u8> {
    bundle_with(store, group_id, |_| {})
}

/// The version stamp of the group's own record in `store`.
fn group_stamp(store: &Store, group_id: &str) -> i64 {
    let (p, _) = payload(store, group_id, false).unwrap();
    p.records.iter().find(|r| r.table == "groups").unwrap().updated_at()
}

fn meeting_in(store: &mut Store, group_id: &str, location: &str) {
    store.update_group(group_id, &GroupInput { location: location.into(), ..tuesday_night_hope() }).unwrap();
}

/// Casey's laptop runs a year fast. Robin, on a laptop with the right time, takes the group in and
/// an hour later moves the meeting to the library annex. Casey takes Robin's bundle in: the move is
/// the later edit and stays, though Casey's clock says the old room was set a year later. And when
/// Robin takes Casey's first bundle in again, the move is not undone.
#[test]
fn a_laptop_a_year_fast_does_not_win_over_an_edit_made_after_it() {
    let mut casey = Room::fresh();
    casey.clock.jump_wall_ms(YEAR_MS);
    let mut robin = Room::fresh();
    let g = casey.group();
    let first = bundle(&casey.store, &g.id);
    robin.store.import_bundle(&first, &pass(), None).unwrap();

    robin.clock.advance_ms(60 * MIN);
    meeting_in(&mut robin.store, &g.id, "Library annex");
    assert!(
        group_stamp(&robin.store, &g.id) > group_stamp(&casey.store, &g.id),
        "Robin's edit is stamped after what Robin saw"
    );
    casey.store.import_bundle(&bundle(&robin.store, &g.id), &pass(), None).unwrap();
    assert_eq!(casey.store.group(&g.id).unwrap().location, "Library annex");

    let again = robin.store.import_bundle(&first, &pass(), None).unwrap();
    assert_eq!((again.updated, robin.store.group(&g.id).unwrap().location.as_str()), (0, "Library annex"));
}

/// A bundle dated the last day of the year 9999, whether by a broken clock or on purpose, is
/// refused with a clear message; the laptop's data and its clock are as they were.
#[test]
fn a_bundle_dated_in_the_year_9999_is_refused_and_changes_nothing() {
    let mut casey = Room::fresh();
    let mut robin = Room::fresh();
    let g = casey.group();
    let own = robin.group();
    let before = everything(&robin.store, &own);
    let crafted = bundle_with(&casey.store, &g.id, |p| {
        p["made_at"] = YEAR_9999.into();
        for r in p["records"].as_array_mut().unwrap() {
            r["row"]["updated_at"] = YEAR_9999.into();
        }
    });
    let message = refused_as("bad_bundle", robin.store.import_bundle(&crafted, &pass(), None));
    assert!(message.contains("dated 31 December 9999") && message.contains("check the date"), "{message}");
    assert_eq!(everything(&robin.store, &own), before);
    robin.clock.advance_ms(MIN);
    meeting_in(&mut robin.store, &own.id, "Library annex");
    assert_eq!(group_stamp(&robin.store, &own.id), TUESDAY_EVENING + MIN, "the clock was not moved");
}

/// A bundle dated today whose records claim the year 9999 is taken in, each record as made when
/// the bundle was: an edit made here afterwards still wins, and is stamped today.
#[test]
fn a_record_dated_after_its_own_bundle_counts_as_made_when_the_bundle_was() {
    let mut casey = Room::fresh();
    let mut robin = Room::fresh();
    let g = casey.group();
    let crafted = bundle_with(&casey.store, &g.id, |p| {
        for r in p["records"].as_array_mut().unwrap() {
            r["row"]["updated_at"] = YEAR_9999.into();
        }
    });
    robin.store.import_bundle(&crafted, &pass(), None).unwrap();
    assert_eq!(group_stamp(&robin.store, &g.id), TUESDAY_EVENING);

    robin.clock.advance_ms(MIN);
    meeting_in(&mut robin.store, &g.id, "Library annex");
    assert_eq!(group_stamp(&robin.store, &g.id), TUESDAY_EVENING + MIN);
    casey.store.import_bundle(&bundle(&robin.store, &g.id), &pass(), None).unwrap();
    assert_eq!(casey.store.group(&g.id).unwrap().location, "Library annex");
}

// ---------------------------------------------------------------------------------------------
// Random histories on three laptops with skewed clocks.

/// One laptop, and the edits it knows of: made here, or carried in by a bundle.
struct Laptop {
    store: Store,
    clock: FakeClock,
    knows: BTreeSet<usize>,
}

#[derive(Debug, Clone)]
enum Step {
    /// The chair moves the meeting to a new room (edit number n gets "Room n").
    Edit(usize),
    /// The chair makes a bundle of the whole group.
    Export(usize),
    /// The chair takes in one of the bundles made so far, new or old.
    Import(usize, Index),
    /// Time passes on every laptop alike (possibly not at all).
    Wait(i64),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (0..3usize).prop_map(Step::Edit),
        2 => (0..3usize).prop_map(Step::Export),
        3 => (0..3usize, any::<Index>()).prop_map(|(l, i)| Step::Import(l, i)),
        2 => prop_oneof![Just(0i64), 0..10 * MIN].prop_map(Step::Wait),
    ]
}

/// Which edit a location is: edit 0 is the room the group was created with.
fn edit_of(location: &str) -> usize {
    location.strip_prefix("Room ").map_or(0, |n| n.parse().unwrap())
}

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(64);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

proptest! {
    #![proptest_config(config())]

    /// Each laptop's clock is off by up to a year either way. After every step, the room a laptop
    /// shows is an edit that no edit it knows of was made after seeing: the last real edit wins,
    /// and no old bundle undoes newer work.
    #[test]
    fn the_last_real_edit_wins_whatever_the_laptops_clocks_say(
        skews in proptest::collection::vec(-366 * DAY_MS..=366 * DAY_MS, 3),
        steps in proptest::collection::vec(step(), 1..40),
    ) {
        let mut laptops: Vec<Laptop> = skews
            .iter()
            .map(|skew| {
                let clock = FakeClock::at(TUESDAY_EVENING + skew);
                let store = Store::open_in_memory(Arc::new(clock.clone())).unwrap();
                Laptop { store, clock, knows: BTreeSet::from([0]) }
            })
            .collect();
        let g = laptops[0].store.create_group(&tuesday_night_hope()).unwrap();
        let first = bundle(&laptops[0].store, &g.id);
        for l in &mut laptops[1..] {
            l.store.import_bundle(&first, &pass(), None).unwrap();
        }
        // What each edit's maker knew of when making it, and every bundle with what its maker knew.
        let mut seen_before: Vec<BTreeSet<usize>> = vec![BTreeSet::new()];
        let mut bundles: Vec<(Vec<u8>, BTreeSet<usize>)> = vec![(first, BTreeSet::from([0]))];

        for s in &steps {
            match s {
                Step::Edit(i) => {
                    let n = seen_before.len();
                    seen_before.push(laptops[*i].knows.clone());
                    meeting_in(&mut laptops[*i].store, &g.id, &format!("Room {n}"));
                    laptops[*i].knows.insert(n);
                }
                Step::Export(i) => {
                    let l = &laptops[*i];
                    bundles.push((bundle(&l.store, &g.id), l.knows.clone()));
                }
                Step::Import(i, which) => {
                    let (sealed, knows) = &bundles[which.index(bundles.len())];
                    laptops[*i].store.import_bundle(sealed, &pass(), Some(&g.id)).unwrap();
                    laptops[*i].knows.extend(knows.iter().copied());
                }
                Step::Wait(ms) => laptops.iter().for_each(|l| l.clock.advance_ms(*ms)),
            }
            for (i, l) in laptops.iter().enumerate() {
                let shown = edit_of(&l.store.group(&g.id).unwrap().location);
                let later = l.knows.iter().find(|e| seen_before[**e].contains(&shown));
                prop_assert!(
                    later.is_none(),
                    "laptop {} shows edit {} though it knows edit {:?}, made after seeing it",
                    i, shown, later
                );
            }
        }
    }
}
