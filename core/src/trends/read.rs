//! The store side of the trends: every meeting of a group read as name-free facts, in a handful of
//! passes over its rows, and the facts a meeting keeps when retention takes its names.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveTime};
use rusqlite::Connection;

use super::facts::{newcomer_returns, top_fifth_ms, Held, MeetingFacts};
use crate::error::Result;
use crate::group::Group;
use crate::meeting::attendance::{self, first_came, Counts};
use crate::store::Tx;
use crate::zone::Zone;

/// A meeting row as read, before its facts are worked out.
struct Row {
    id: String,
    date: String,
    named: bool,
    closed_at: Option<i64>,
    /// From the format runner's report, when the meeting ran one.
    finished_late_ms: Option<i64>,
    collection_cents: Option<i64>,
    /// What retention kept when it took the names: came back within 30 and 90 days, top fifth.
    kept: Option<(u32, u32, i64)>,
}

/// When the group's meeting on `date` is planned to end, in UTC ms, where the group meets.
fn planned_end(group: &Group, zone: Option<&Zone>, date: &str) -> Option<i64> {
    let day = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    let start = NaiveTime::parse_from_str(&group.start_time, "%H:%M").ok()?;
    Some(zone?.earliest(day.and_time(start))? + i64::from(group.length_min) * 60_000)
}

fn rows(conn: &Connection, group_id: &str) -> Result<Vec<Row>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.id, m.date, m.mode = 'named', CASE WHEN m.status = 'closed' THEN m.closed_at END,
                json_extract(m.report, '$.finishedLateMs'),
                r.collection_cents, f.came_back_30, f.came_back_90, f.top_fifth_ms
         FROM meetings m
         LEFT JOIN reports r ON r.meeting_id = m.id AND r.deleted_at IS NULL
         LEFT JOIN meeting_facts f ON f.meeting_id = m.id
         WHERE m.group_id = ?1 AND m.deleted_at IS NULL
         ORDER BY m.date, m.seq",
    )?;
    let rows = stmt.query_map([group_id], |r| {
        let kept = match (r.get(6)?, r.get(7)?, r.get(8)?) {
            (Some(a), Some(b), Some(c)) => Some((a, b, c)),
            _ => None,
        };
        Ok(Row {
            id: r.get(0)?,
            date: r.get(1)?,
            named: r.get(2)?,
            closed_at: r.get(3)?,
            finished_late_ms: r.get(4)?,
            collection_cents: r.get(5)?,
            kept,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Each meeting's counts by id, and every check-in that names someone as (meeting index, person),
/// in meeting order, in the one pass the counts take.
type Visits = (HashMap<String, Counts>, Vec<(usize, usize)>, Vec<String>);

fn counts_and_visits(conn: &Connection, group_id: &str, index: &HashMap<&str, usize>) -> Result<Visits> {
    // Each person's id once, and their visits by number, so a check-in allocates nothing.
    let (mut people, mut numbers): (Vec<String>, HashMap<String, usize>) = (Vec::new(), HashMap::new());
    let mut visits = Vec::new();
    let counts = attendance::counts_and_visits(conn, group_id, |meeting, person| {
        let Some(&at) = index.get(meeting) else { return };
        let n = match numbers.get(person) {
            Some(&n) => n,
            None => {
                people.push(person.to_string());
                numbers.insert(person.to_string(), people.len() - 1);
                people.len() - 1
            }
        };
        visits.push((at, n));
    })?;
    Ok((counts, visits, people))
}

/// A finished share, as the trends read it.
struct Share {
    /// Its meeting's index.
    at: usize,
    /// `None`: it names no one.
    speaker: Option<String>,
    spoken_ms: i64,
    /// It ran past its planned time.
    over: bool,
}

fn shares(conn: &Connection, group_id: &str, index: &HashMap<&str, usize>) -> Result<Vec<Share>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.meeting_id, s.person_id, max(s.ended_at - s.started_at - s.paused_ms, 0), s.planned_ms + s.adjust_ms
         FROM meetings m JOIN shares s ON s.meeting_id = m.id
         WHERE m.group_id = ?1 AND m.deleted_at IS NULL AND s.deleted_at IS NULL AND s.ended_at IS NOT NULL",
    )?;
    let mut rows = stmt.query([group_id])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let meeting = r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
        if let Some(&at) = index.get(meeting) {
            let (spoken_ms, allowed_ms): (i64, i64) = (r.get(2)?, r.get(3)?);
            out.push(Share { at, speaker: r.get(1)?, spoken_ms, over: spoken_ms > allowed_ms });
        }
    }
    Ok(out)
}

fn passes(conn: &Connection, group_id: &str) -> Result<HashMap<String, u32>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.meeting_id, count(*) FROM meetings m JOIN passes p ON p.meeting_id = m.id
         WHERE m.group_id = ?1 AND m.deleted_at IS NULL AND p.deleted_at IS NULL GROUP BY p.meeting_id",
    )?;
    let rows = stmt.query_map([group_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Who came to each of the group's meetings, by first name or alias (and last initial), in the
/// order they arrived: only for the spreadsheet the chair asked to carry names.
pub(crate) fn names_by_meeting(conn: &Connection, group_id: &str) -> Result<HashMap<String, Vec<String>>> {
    let mut stmt = conn.prepare(
        "SELECT c.meeting_id, p.display_name, p.last_initial FROM check_ins c
           JOIN people p ON p.id = c.person_id JOIN meetings m ON m.id = c.meeting_id
         WHERE m.group_id = ?1 AND m.deleted_at IS NULL AND c.deleted_at IS NULL AND p.deleted_at IS NULL
         ORDER BY c.arrived_at, c.id",
    )?;
    let mut names: HashMap<String, Vec<String>> = HashMap::new();
    let rows =
        stmt.query_map([group_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?;
    for row in rows {
        let (meeting, name, initial) = row?;
        let name = if initial.is_empty() { name } else { format!("{name} {initial}.") };
        names.entry(meeting).or_default().push(name);
    }
    Ok(names)
}

/// Every meeting of the group (not deleted) as name-free facts, in meeting order. A meeting
/// retention has cleared reads what it kept; the others are worked out from their rows.
pub(crate) fn meeting_facts(conn: &Connection, group: &Group) -> Result<Vec<MeetingFacts>> {
    let rows = rows(conn, &group.id)?;
    let index: HashMap<&str, usize> = rows.iter().enumerate().map(|(i, r)| (r.id.as_str(), i)).collect();
    let (mut counts, visits, people) = counts_and_visits(conn, &group.id, &index)?;
    let held: Vec<Held<'_>> = rows.iter().map(|r| Held { date: &r.date, named: r.named }).collect();
    let visits: Vec<(usize, &str)> = visits.iter().map(|&(at, p)| (at, people[p].as_str())).collect();
    let returns = newcomer_returns(&held, &visits, &first_came(conn, &group.id)?);
    let mut passes = passes(conn, &group.id)?;
    let zone = Zone::named(&group.time_zone);

    let mut out: Vec<MeetingFacts> = rows
        .iter()
        .zip(returns)
        .map(|(r, (back_30, back_90))| MeetingFacts {
            id: r.id.clone(),
            date: NaiveDate::parse_from_str(&r.date, "%Y-%m-%d").unwrap_or_default(),
            counts: counts.remove(&r.id).unwrap_or_default(),
            came_back_30: back_30,
            came_back_90: back_90,
            passes: passes.remove(&r.id).unwrap_or(0),
            finished_on_time: r.closed_at.map(|closed| match r.finished_late_ms {
                Some(late) => late <= 0,
                None => planned_end(group, zone.as_ref(), &r.date).is_none_or(|end| closed <= end),
            }),
            collection_cents: r.collection_cents,
            ..MeetingFacts::default()
        })
        .collect();

    // Each meeting's speakers' totals; a share that names no one is a speaker of its own.
    let mut speakers: Vec<HashMap<String, i64>> = vec![HashMap::new(); rows.len()];
    let mut unnamed: Vec<Vec<i64>> = vec![Vec::new(); rows.len()];
    for s in shares(conn, &group.id, &index)? {
        let m = &mut out[s.at];
        m.share_ms.push(s.spoken_ms);
        m.overtime += u32::from(s.over);
        match s.speaker {
            Some(p) => *speakers[s.at].entry(p).or_default() += s.spoken_ms,
            None => unnamed[s.at].push(s.spoken_ms),
        }
    }
    for (((m, r), named), alone) in out.iter_mut().zip(&rows).zip(speakers).zip(unnamed) {
        m.top_fifth_ms = top_fifth_ms(named.into_values().chain(alone).collect());
        if let Some((back_30, back_90, top_fifth)) = r.kept {
            (m.came_back_30, m.came_back_90, m.top_fifth_ms) = (back_30, back_90, top_fifth);
        }
    }
    Ok(out)
}

/// Keeps, for each of `meeting_ids`, the facts that would read differently once its names are
/// gone: whether its newcomers came back, and its top fifth of speakers. Called by retention before
/// it takes any name, so every meeting is read as it was. A return still to come is not known yet:
/// when names are kept for less than 90 days (retention of three months or less), a newcomer who comes back
/// after their first meeting was cleared is not counted as back (they are no newcomer again either).
pub(crate) fn keep_facts(tx: &Tx, group: &Group, meeting_ids: &[&str]) -> Result<()> {
    if meeting_ids.is_empty() {
        return Ok(());
    }
    let facts = meeting_facts(tx, group)?;
    let by_id: HashMap<&str, &MeetingFacts> = facts.iter().map(|m| (m.id.as_str(), m)).collect();
    let mut stmt = tx.prepare_cached(
        "INSERT INTO meeting_facts (meeting_id, came_back_30, came_back_90, top_fifth_ms, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (meeting_id) DO UPDATE SET came_back_30 = ?2, came_back_90 = ?3, top_fifth_ms = ?4,
                                                updated_at = ?5, updated_by = ?6",
    )?;
    // A deleted meeting has no facts: it is in no trend.
    for m in meeting_ids.iter().filter_map(|id| by_id.get(id)) {
        stmt.execute(rusqlite::params![m.id, m.came_back_30, m.came_back_90, m.top_fifth_ms, tx.stamp, tx.device])?;
    }
    Ok(())
}
