//! Writes a handover bundle of a group that has met for two years, the last meeting a week ago,
//! so an end-to-end story can show retention at work on a real app without waiting two years.
//! Usage: cargo run -p circlekeeper-core --example old_group -- <bundle file> <passphrase>

use std::sync::Arc;

use circlekeeper_core::*;

const WEEK_MS: i64 = 7 * 24 * 60 * 60 * 1000;

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(out), Some(passphrase)) = (args.next(), args.next()) else {
        eprintln!("usage: old_group <bundle file> <passphrase>");
        std::process::exit(2);
    };
    let now = chrono::Utc::now().timestamp_millis();
    let clock = FakeClock::at(now - 105 * WEEK_MS);
    let mut store = Store::open_in_memory(Arc::new(clock.clone()))?;
    let group = store.create_group(&GroupInput {
        name: "Harbour Lights".into(),
        fellowship: "SMART".into(),
        weekday: 0,
        start_time: "19:00".into(),
        length_min: 90,
        location: String::new(),
    })?;
    let people: Vec<Person> = ["Wilhelmina", "Bartholomew", "Clementine"]
        .iter()
        .map(|name| {
            store.add_person(&group.id, &PersonInput { display_name: (*name).into(), last_initial: String::new() })
        })
        .collect::<Result<_>>()?;
    for _ in 0..104 {
        clock.advance_ms(WEEK_MS);
        let m = store.open_meeting(&OpenMeetingInput {
            group_id: group.id.clone(),
            chair: "Robin".into(),
            mode: MeetingMode::Named,
            another_today: false,
        })?;
        for p in &people {
            store.check_in(&m.meeting.id, &p.id)?;
        }
        store.close_meeting(&m.meeting.id)?;
    }
    let (sealed, report) = store.export_bundle(&group.id, &Passphrase::new(passphrase)?, false)?;
    std::fs::write(&out, sealed)?;
    println!("{} records of “{}” written to {out}", report.records, report.group_name);
    Ok(())
}
