//! Writes the ten-year history store of the `history` benchmark (three groups, weekly meetings of
//! 40, shares, rounds, reports) to a file, for people to open and look at, and says what is in it.
//! Usage: cargo run -p circlekeeper-core --release --example history -- OUT.sqlite3

#[path = "../benches/history/mod.rs"]
mod history;

use std::sync::Arc;

use circlekeeper_core::*;

fn main() -> Result<()> {
    let Some(out) = std::env::args().nth(1) else {
        eprintln!("usage: history <store file to write>");
        std::process::exit(2);
    };
    let (_, ten, built_in) = history::snapshots();
    match built_in {
        Some(took) => println!("built in {:.0} s", took.as_secs_f64()),
        None => println!("taken from the cache ({})", ten.path.display()),
    }
    std::fs::copy(&ten.path, &out)?;
    let store = Store::open(std::path::Path::new(&out), Arc::new(FakeClock::at(ten.now_ms)))?;
    let mb = std::fs::metadata(&out)?.len() as f64 / 1e6;
    println!("{out}: {mb:.1} MB");
    for group in store.groups()? {
        let meetings = store.meetings(&group.id)?;
        let check_ins: u32 = meetings.iter().map(|m| m.counts.headcount).sum();
        let shares: u32 =
            meetings.iter().map(|m| store.chair_report(&m.meeting.id).map(|r| r.shares)).sum::<Result<_>>()?;
        println!(
            "  {}: {} meetings, {} people on the roster, {check_ins} check-ins, {shares} shares",
            group.name,
            meetings.len(),
            store.roster(&group.id)?.len(),
        );
    }
    Ok(())
}
