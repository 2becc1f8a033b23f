//! "Only what changed" as chairs live it: a group handed along from laptop to laptop in bundles of
//! changes only, a bundle that never reached the stick, and a backup taken in between. Whatever
//! order the bundles are made and taken in, the next laptop ends with every record.

use std::path::{Path, PathBuf};

use crate::deep_paths::bundle::payload;
use crate::helpers::*;
use circlekeeper_core::*;
use tempfile::TempDir;

const HOUR: i64 = 60 * MIN;

/// Saves a bundle of `from`'s group on the stick; the path it was saved at.
fn save(from: &mut Room, group: &Group, only_changes: bool, stick: &Path) -> PathBuf {
    PathBuf::from(from.store.export_bundle_file(&group.id, &pass(), only_changes, stick).unwrap().path)
}

/// The chair of `to` takes in a bundle from the stick.
fn take(to: &mut Room, bundle: &Path) -> ImportReport {
    to.store.import_bundle_file(bundle, &pass(), None).unwrap()
}

/// Every record of the group a laptop holds, as a bundle of the whole group would carry it.
fn records(room: &Room, group: &Group) -> Vec<String> {
    let (p, _) = payload(&room.store, &group.id, false).unwrap();
    let mut out: Vec<String> =
        p.records.iter().map(|r| format!("{} {}", r.table, serde_json::Value::from(r.row.clone()))).collect();
    out.sort();
    out
}

fn names(room: &Room, group: &Group) -> Vec<String> {
    let mut out: Vec<String> = room.store.roster(&group.id).unwrap().into_iter().map(|p| p.display_name).collect();
    out.sort();
    out
}

fn stick() -> TempDir {
    tempfile::tempdir().unwrap()
}

/// Casey (laptop A) keeps the group's roster, Robin (laptop B) chairs this month and hands the
/// group on to Jordan (laptop C), every time with only what changed. Casey's changes of the week
/// reach Robin after Robin's last bundle to Jordan was made, so they are older, by the clock, than
/// that bundle: they must still travel on to Jordan.
#[test]
fn three_laptops_pass_only_what_changed_along_and_the_last_ends_with_every_record() {
    let (mut a, mut b, mut c) = (Room::fresh(), Room::fresh(), Room::fresh());
    let usb = stick();
    let g = a.group();
    a.person(&g, "Ana");
    let first = save(&mut a, &g, false, usb.path());
    take(&mut b, &first);
    let first = save(&mut b, &g, false, usb.path());
    take(&mut c, &first);

    let newcomers = [["Bea", "Cy"], ["Dee", "Eli"], ["Fay", "Gus"]];
    for [from_a, from_b] in newcomers {
        // Monday: Casey adds a newcomer, moves the meeting room and bundles the week's changes.
        a.clock.advance_ms(24 * HOUR);
        b.clock.advance_ms(24 * HOUR);
        c.clock.advance_ms(24 * HOUR);
        a.person(&g, from_a);
        let moved = GroupInput { location: format!("Room of {from_a}"), ..tuesday_night_hope() };
        a.store.update_group(&g.id, &moved).unwrap();
        let from_casey = save(&mut a, &g, true, usb.path());
        // Tuesday: Robin adds someone and bundles for Jordan before Casey's stick arrives.
        for r in [&mut a, &mut b, &mut c] {
            r.clock.advance_ms(24 * HOUR);
        }
        b.person(&g, from_b);
        let early = save(&mut b, &g, true, usb.path());
        take(&mut c, &early);
        // Wednesday: Casey's changes reach Robin, who passes on what changed since Tuesday.
        for r in [&mut a, &mut b, &mut c] {
            r.clock.advance_ms(24 * HOUR);
        }
        assert!(take(&mut b, &from_casey).added > 0);
        let late = save(&mut b, &g, true, usb.path());
        take(&mut c, &late);
    }

    assert_eq!(names(&c, &g), ["Ana", "Bea", "Cy", "Dee", "Eli", "Fay", "Gus"]);
    assert_eq!(c.store.group(&g.id).unwrap().location, "Room of Fay");
    assert_eq!(records(&c, &g), records(&b, &g), "Jordan holds every record Robin holds, exactly");
}

/// A chair saves a bundle of changes to a stick that cannot take the file (here the place of its
/// half-written copy is taken). The chair is told; nothing counts as given, so the next bundle of
/// changes still carries what this one would have.
#[test]
fn a_bundle_that_could_not_be_written_does_not_move_where_the_next_one_starts() {
    let (mut a, mut b) = (Room::fresh(), Room::fresh());
    let usb = stick();
    let g = a.group();
    let first = save(&mut a, &g, false, usb.path());
    take(&mut b, &first);

    a.person(&g, "Bea");
    let broken = stick();
    let half_written = broken.path().join(first.file_name().unwrap()).with_extension("partial");
    std::fs::create_dir(&half_written).unwrap();
    let failed = a.store.export_bundle_file(&g.id, &pass(), true, broken.path());
    assert!(failed.is_err(), "the chair is told the bundle was not saved: {failed:?}");
    assert_eq!(std::fs::read_dir(broken.path()).unwrap().count(), 1, "and no part of it is left on the stick");

    a.clock.advance_ms(HOUR);
    let next = save(&mut a, &g, true, usb.path());
    take(&mut b, &next);
    assert_eq!(names(&b, &g), ["Bea"]);
}

/// A privacy backup is a whole-group bundle kept for a rainy day, not a handover: taking one does
/// not make the next handover of changes leave out what changed before it.
#[test]
fn a_backup_is_not_a_handover_and_the_next_bundle_of_changes_still_carries_everything_since_the_last() {
    let (mut a, mut b) = (Room::fresh(), Room::fresh());
    let usb = stick();
    let g = a.group();
    let first = save(&mut a, &g, false, usb.path());
    take(&mut b, &first);

    a.person(&g, "Bea");
    let shelf = stick();
    let backup = a.store.backup_bundle_file(&g.id, &pass(), shelf.path()).unwrap();
    assert!(backup.report.since.is_none() && backup.path.contains("backup"), "{backup:?}");
    a.clock.advance_ms(HOUR);
    let next = save(&mut a, &g, true, usb.path());
    take(&mut b, &next);
    assert_eq!(names(&b, &g), ["Bea"]);

    // And the backup itself brings the whole group back on a new laptop.
    let mut spare = Room::fresh();
    take(&mut spare, Path::new(&backup.path));
    assert_eq!(records(&spare, &g), records(&a, &g));
}
