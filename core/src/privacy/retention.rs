//! Retention: how long a group keeps attendance names. The preview the settings dialog shows, the
//! plan of what goes from each old meeting, and clearing those meetings down to their counts.

use std::collections::HashMap;

use chrono::{Months, NaiveDate};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::anonymize::{anonymize_round, is_id, may_hold_id, without_readers, without_seats};
use crate::error::{problem, Error, Result};
use crate::group::{self, Group};
use crate::meeting;
use crate::meeting::attendance::{self, Counts};
use crate::store::{tombstone, Aggregate, Store, Tx};
use crate::trends::read::keep_facts;

/// The longest a group may keep attendance names, in months.
pub const MAX_RETENTION_MONTHS: u32 = 120;

/// What retention removes (or removed) from one group's old meetings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RetentionPreview {
    pub group_id: String,
    /// Months names are kept; `None`: retention is off.
    pub months: Option<u32>,
    /// Meetings dated before this day ("YYYY-MM-DD", in the group's time zone) lose their names;
    /// `None` while retention is off.
    pub cutoff: Option<String>,
    /// Closed meetings that still name someone and lose those names.
    pub meetings: u32,
    /// Check-ins that become anonymous (counted as before); check-ins taken back included.
    pub check_ins: u32,
    pub shares: u32,
    pub passes: u32,
    /// Celebrations deleted.
    pub celebrations: u32,
    /// The oldest and newest dates among those meetings.
    pub oldest: Option<String>,
    pub newest: Option<String>,
    /// Meetings before the cutoff that are still open: left as they are until closed.
    pub open_meetings: u32,
}

/// One run of retention over every group that has it on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RetentionRun {
    /// The instant (UTC ms) the run was made at; every row it changed carries it.
    pub ran_at: i64,
    /// Each group with retention on, with what was removed (all zeros when nothing was old enough).
    pub groups: Vec<RetentionPreview>,
}

impl RetentionRun {
    /// Meetings that lost names in this run, over all groups.
    pub fn meetings(&self) -> u32 {
        self.groups.iter().map(|g| g.meetings).sum()
    }
}

fn check_months(months: Option<u32>) -> Result<()> {
    match months {
        Some(m) if !(1..=MAX_RETENTION_MONTHS).contains(&m) => Err(Error::invalid(problem!(
            "attendance_names_kept_1_months",
            "Attendance names can be kept for 1 to {max_retention_months} months (or kept with no limit); \
             {m} months is not possible.",
            max_retention_months = MAX_RETENTION_MONTHS,
            m = m
        ))),
        _ => Ok(()),
    }
}

fn retention_months(conn: &Connection, group_id: &str) -> Result<Option<u32>> {
    group::get(conn, group_id)?;
    Ok(conn.query_row("SELECT retention_months FROM groups WHERE id = ?1", [group_id], |r| r.get(0))?)
}

/// The first date whose meetings keep their names: today where the group meets, less `months`.
fn cutoff(group: &Group, months: u32, now: i64) -> NaiveDate {
    let today = meeting::today(group, now);
    today.checked_sub_months(Months::new(months)).unwrap_or(NaiveDate::MIN)
}

/// How much of one old meeting names someone: its rows, and whether its seating, rounds or format do.
struct Named {
    check_ins: u32,
    shares: u32,
    passes: u32,
    celebrations: u32,
    in_json: bool,
}

impl Named {
    fn anyone(&self) -> bool {
        self.check_ins + self.shares + self.passes + self.celebrations > 0 || self.in_json
    }
}

/// One old meeting's names in its seating, rounds and format, what each becomes without them, and
/// the counts a named meeting keeps.
struct Clearing {
    meeting_id: String,
    /// A named meeting keeps the counts it shows now, as a counts-only meeting.
    keep_counts: Option<Counts>,
    seats: Option<String>,
    rounds: Vec<(String, String)>,
    format: Option<String>,
}

impl Clearing {
    fn in_json(&self) -> bool {
        self.seats.is_some() || !self.rounds.is_empty() || self.format.is_some()
    }
}

/// What retention takes from one meeting's seating, rounds and format. JSON that cannot hold an id
/// (as after an earlier run) is not parsed.
fn clearing(conn: &Connection, meeting_id: &str, keep_counts: Option<Counts>) -> Result<Clearing> {
    let seats: Option<String> = conn
        .prepare_cached("SELECT seats FROM seating WHERE meeting_id = ?1")?
        .query_row([meeting_id], |r| r.get(0))
        .optional()?;
    let mut rounds = Vec::new();
    let mut stmt = conn.prepare_cached("SELECT id, state FROM rounds WHERE meeting_id = ?1 ORDER BY started_at, id")?;
    let mut rows = stmt.query([meeting_id])?;
    while let Some(r) = rows.next()? {
        let state = r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
        if let Some(new) = may_hold_id(state).then(|| anonymize_round(state, is_id, &[])).flatten() {
            rounds.push((r.get(0)?, new));
        }
    }
    let format: Option<String> =
        conn.prepare_cached("SELECT format FROM meetings WHERE id = ?1")?.query_row([meeting_id], |r| r.get(0))?;
    Ok(Clearing {
        meeting_id: meeting_id.to_string(),
        keep_counts,
        seats: seats.and_then(|s| without_seats(&s, |_| true)),
        rounds,
        format: format.filter(|f| may_hold_id(f)).and_then(|f| without_readers(&f, is_id)),
    })
}

/// An old meeting that names someone and loses those names.
struct Old {
    meeting_id: String,
    /// Still a named meeting: from now on it keeps its counts as a counts-only meeting.
    live_named: bool,
    /// Its check-ins or shares name someone (not only its seating, rounds or format), so its
    /// trends are read from them one last time.
    named_rows: bool,
}

/// What retention with `months` takes from a group's meetings as of `now`, and the summary of it. The
/// rows are counted in one query; only a meeting whose rows name nobody (as after an earlier run) has
/// its JSON looked at.
fn plan(conn: &Connection, group: &Group, months: Option<u32>, now: i64) -> Result<(RetentionPreview, Vec<Old>)> {
    let mut preview = RetentionPreview {
        group_id: group.id.clone(),
        months,
        cutoff: None,
        meetings: 0,
        check_ins: 0,
        shares: 0,
        passes: 0,
        celebrations: 0,
        oldest: None,
        newest: None,
        open_meetings: 0,
    };
    let Some(months) = months else { return Ok((preview, vec![])) };
    let before = cutoff(group, months, now).format("%Y-%m-%d").to_string();
    // Tombstoned meetings too: a deleted meeting's rows still name people. The counts read the
    // meeting's rows by index, with no sorting or grouping.
    let mut stmt = conn.prepare_cached(
        "SELECT m.id, m.date, m.status = 'open' AND m.deleted_at IS NULL, m.mode = 'named' AND m.deleted_at IS NULL,
            (SELECT COUNT(*) FROM check_ins x WHERE x.meeting_id = m.id AND x.person_id IS NOT NULL),
            (SELECT COUNT(*) FROM shares x WHERE x.meeting_id = m.id AND x.person_id IS NOT NULL),
            (SELECT COUNT(*) FROM passes x WHERE x.meeting_id = m.id AND x.person_id IS NOT NULL),
            (SELECT COUNT(*) FROM celebrations x WHERE x.meeting_id = m.id AND x.person_id IS NOT NULL)
         FROM meetings m WHERE m.group_id = ?1 AND m.date < ?2 ORDER BY m.date, m.seq, m.id",
    )?;
    let meetings = stmt
        .query_map([&group.id, &before], |r| {
            let named = Named {
                check_ins: r.get(4)?,
                shares: r.get(5)?,
                passes: r.get(6)?,
                celebrations: r.get(7)?,
                in_json: false,
            };
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, bool>(2)?, r.get::<_, bool>(3)?, named))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = Vec::new();
    for (id, date, open, live_named, mut n) in meetings {
        if !n.anyone() {
            n.in_json = clearing(conn, &id, None)?.in_json();
        }
        if !n.anyone() {
            continue;
        }
        if open {
            preview.open_meetings += 1;
            continue;
        }
        preview.meetings += 1;
        preview.check_ins += n.check_ins;
        preview.shares += n.shares;
        preview.passes += n.passes;
        preview.celebrations += n.celebrations;
        preview.oldest.get_or_insert_with(|| date.clone());
        preview.newest = Some(date);
        out.push(Old { meeting_id: id, live_named, named_rows: n.check_ins + n.shares > 0 });
    }
    preview.cutoff = Some(before);
    Ok((preview, out))
}

/// Keeps when each person named at the meeting first came to the group (the earliest of what is
/// kept and what their check-ins show), before retention takes the check-ins that show it, so
/// no one is taken for a newcomer at the first meeting that still names them.
fn keep_first_came(tx: &Tx, meeting_id: &str) -> Result<()> {
    tx.prepare_cached(
        "UPDATE people SET first_came = seen.first, updated_at = ?2, updated_by = ?3
         FROM (SELECT c.person_id AS id, min(m.date) AS first
               FROM check_ins c JOIN meetings m ON m.id = c.meeting_id
               WHERE c.person_id IN (SELECT person_id FROM check_ins
                                     WHERE meeting_id = ?1 AND person_id IS NOT NULL AND deleted_at IS NULL)
                 AND c.deleted_at IS NULL AND m.deleted_at IS NULL
               GROUP BY c.person_id) AS seen
         WHERE people.id = seen.id AND (people.first_came IS NULL OR people.first_came > seen.first)",
    )?
    .execute(rusqlite::params![meeting_id, tx.stamp, tx.device])?;
    Ok(())
}

fn clear(tx: &Tx, c: &Clearing) -> Result<()> {
    let stamp = rusqlite::params![c.meeting_id, tx.stamp, tx.device];
    if let Some(k) = c.keep_counts {
        // From now on the meeting is read as counts only, with exactly the numbers it showed.
        tx.execute(
            "INSERT INTO meeting_counts (meeting_id, members, newcomers, visitors, updated_at, updated_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (meeting_id) DO UPDATE SET members = ?2, newcomers = ?3, visitors = ?4,
                                                    updated_at = ?5, updated_by = ?6",
            rusqlite::params![c.meeting_id, k.returning, k.newcomers, k.visitors, tx.stamp, tx.device],
        )?;
        tx.execute("UPDATE meetings SET mode = 'headcount', updated_at = ?2, updated_by = ?3 WHERE id = ?1", stamp)?;
    }
    for table in ["check_ins", "shares", "passes"] {
        // `table` is one of our own literals, never user input.
        tx.execute(
            &format!(
                "UPDATE {table} SET person_id = NULL, updated_at = ?2, updated_by = ?3
                 WHERE meeting_id = ?1 AND person_id IS NOT NULL"
            ),
            stamp,
        )?;
    }
    // A tombstone, so an older copy cannot bring it back; the run then blanks it: no person, no date.
    tx.execute(
        "UPDATE celebrations SET deleted_at = COALESCE(deleted_at, ?2), updated_at = ?2, updated_by = ?3
         WHERE meeting_id = ?1 AND person_id IS NOT NULL",
        stamp,
    )?;
    if let Some(seats) = &c.seats {
        tx.execute(
            "UPDATE seating SET seats = ?2, updated_at = ?3, updated_by = ?4 WHERE meeting_id = ?1",
            rusqlite::params![c.meeting_id, seats, tx.stamp, tx.device],
        )?;
    }
    for (id, state) in &c.rounds {
        tx.execute(
            "UPDATE rounds SET state = ?2, updated_at = ?3, updated_by = ?4 WHERE id = ?1",
            rusqlite::params![id, state, tx.stamp, tx.device],
        )?;
    }
    if let Some(format) = &c.format {
        tx.execute(
            "UPDATE meetings SET format = ?2, updated_at = ?3, updated_by = ?4 WHERE id = ?1",
            rusqlite::params![c.meeting_id, format, tx.stamp, tx.device],
        )?;
    }
    Ok(())
}

impl Store {
    /// Sets how many months the group keeps attendance names (`None`: no limit, the default), and
    /// returns what the next run will remove with that setting.
    pub fn set_retention(&mut self, group_id: &str, months: Option<u32>) -> Result<RetentionPreview> {
        check_months(months)?;
        if retention_months(self.conn(), group_id)? != months {
            self.write(|tx| group::save_settings(tx, group_id, "retention_months = ?2", &[&months]))?;
        }
        self.retention_preview(group_id)
    }

    /// What the next retention run would remove from the group's meetings, with its setting as it is.
    pub fn retention_preview(&self, group_id: &str) -> Result<RetentionPreview> {
        let months = retention_months(self.conn(), group_id)?;
        self.retention_preview_for(group_id, months)
    }

    /// What retention would remove with `months`, before the chair saves it: the settings dialog's preview.
    pub fn retention_preview_for(&self, group_id: &str, months: Option<u32>) -> Result<RetentionPreview> {
        check_months(months)?;
        let group = group::get(self.conn(), group_id)?;
        Ok(plan(self.conn(), &group, months, self.clock().now_ms())?.0)
    }

    /// Removes the names from old meetings of every group that keeps them for a limited time, in one
    /// transaction: what the shell runs at start and once a day. Running it again the same day
    /// changes nothing.
    pub fn apply_retention(&mut self) -> Result<RetentionRun> {
        let run = self.write(|tx| {
            let mut stmt = tx.prepare(
                "SELECT id, retention_months FROM groups
                 WHERE retention_months IS NOT NULL AND deleted_at IS NULL ORDER BY name COLLATE NOCASE, id",
            )?;
            let groups = stmt
                .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?)))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let mut run = RetentionRun { ran_at: tx.now, groups: Vec::with_capacity(groups.len()) };
            for (group_id, months) in groups {
                let group = group::get(tx, &group_id)?;
                let (preview, old) = plan(tx, &group, Some(months), tx.now)?;
                // Every meeting's counts are taken before any name goes, so none reads another's changes.
                let mut counts = if old.is_empty() { HashMap::new() } else { attendance::group_counts(tx, &group_id)? };
                let clearings = old
                    .iter()
                    .map(|o| {
                        let keep = o.live_named.then(|| counts.remove(&o.meeting_id).unwrap_or_default());
                        clearing(tx, &o.meeting_id, keep)
                    })
                    .collect::<Result<Vec<_>>>()?;
                // What the trends read from the names is kept, also before any name goes.
                let named: Vec<&str> = old.iter().filter(|o| o.named_rows).map(|o| o.meeting_id.as_str()).collect();
                keep_facts(tx, &group, &named)?;
                for id in &named {
                    keep_first_came(tx, id)?;
                }
                for c in &clearings {
                    clear(tx, c)?;
                }
                if !clearings.is_empty() {
                    tx.touched(Aggregate::Roster, &group_id);
                }
                run.groups.push(preview);
            }
            tombstone::blank_table(tx, "celebrations")?;
            Ok(run)
        })?;
        // Only when names went (the daily run usually finds nothing): the WAL still holds them.
        if run.meetings() > 0 {
            self.wipe_removed()?;
        }
        Ok(run)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::clock::FakeClock;
    use crate::group::roster::PersonInput;
    use crate::group::GroupInput;
    use crate::meeting::{MeetingMode, OpenMeetingInput};
    use crate::store::Store;

    const DAY_MS: i64 = 24 * 60 * 60 * 1000;
    /// Tuesday 3 November 2026, 19:30 UTC.
    const FIRST_NIGHT: i64 = 1_793_820_600_000;

    fn open(store: &mut Store, group_id: &str) -> String {
        let input = OpenMeetingInput {
            group_id: group_id.into(),
            chair: "Robin".into(),
            mode: MeetingMode::Named,
            another_today: false,
        };
        store.open_meeting(&input).unwrap().meeting.id
    }

    #[test]
    fn a_regular_whose_first_nights_were_cleared_is_no_newcomer_at_the_next_meeting() {
        let clock = FakeClock::at(FIRST_NIGHT);
        let mut store = Store::open_in_memory(Arc::new(clock.clone())).unwrap();
        let group = store.create_group(&GroupInput::tuesday_night_hope()).unwrap();
        // Sam's first night.
        let first = open(&mut store, &group.id);
        let sam = PersonInput { display_name: "Sam".into(), last_initial: String::new() };
        store.add_walk_in(&first, &sam).unwrap();
        let sam_id = store.roster(&group.id).unwrap()[0].id.clone();
        store.close_meeting(&first).unwrap();
        // Thirteen months on, Sam is a regular.
        clock.advance_ms(400 * DAY_MS);
        let recent = open(&mut store, &group.id);
        store.check_in(&recent, &sam_id).unwrap();
        let counts = store.close_meeting(&recent).unwrap().counts;
        assert_eq!((counts.newcomers, counts.returning), (0, 1));

        store.set_retention(&group.id, Some(12)).unwrap();
        assert_eq!(store.apply_retention().unwrap().meetings(), 1, "the first night loses its names");

        let view = store.meeting_view(&recent).unwrap();
        assert_eq!((view.counts.newcomers, view.counts.returning), (0, 1), "Sam is still a regular");
        assert!(!view.attendees[0].newcomer);
        let listed = store.meetings(&group.id).unwrap();
        let recent_listed = listed.iter().find(|m| m.meeting.id == recent).unwrap();
        assert_eq!(recent_listed.counts.newcomers, 0, "the history lists no newcomer that night either");
    }
}
