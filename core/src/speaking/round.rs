//! Sharing: a meeting's speaking order as the store keeps it: the seating around the circle, the
//! round (saved whole after every change, so a crash resumes at the same speaker), passes, and
//! fair time, tied to the share timer so that "Next" stops one share and starts the next.

use std::collections::HashSet;

use rusqlite::{Connection, OptionalExtension, ToSql};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::fair_time::{fair_share, summarize, FairShare, FairTimeInput, ShareTime, SharesSummary};
use super::order::{
    propose_start, CircleSetup, Direction, HandsOrder, HandsSetup, Reason, Round, RoundMode, StartProposal,
};
use crate::error::{problem, Error, Problem, Result};
use crate::group::{self, Group};
use crate::meeting::{self, Meeting, MeetingMode};
use crate::names;
use crate::store::{Aggregate, Store, Tx};
use crate::timer::{self, ShareRecord, ShareSettings};

/// Someone present, in their place around the circle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Seat {
    pub person_id: String,
    pub name: String,
    pub newcomer: bool,
    /// Has shared in this meeting already.
    pub has_shared: bool,
}

/// Someone waiting for a turn, named, with the reason for their place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Upcoming {
    pub person_id: String,
    pub name: String,
    pub reason: Reason,
}

/// The round in progress, as the chair sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RoundInfo {
    pub id: String,
    pub mode: RoundMode,
    /// Whose turn it is and the next two; in open sharing, every raised hand.
    pub upcoming: Vec<Upcoming>,
    pub waiting: u32,
    pub turns: u32,
    pub passes: u32,
    /// The person whose turn it is has started sharing.
    pub speaking: bool,
}

/// What fair time is worked out from, and what it proposes for the next share.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FairTime {
    /// When sharing ends: the chair's word, or the meeting's usual end.
    pub sharing_ends_at: i64,
    /// True when the chair set the time left, false when it is the meeting's end.
    pub set_by_chair: bool,
    pub remaining_ms: i64,
    pub reserve_ms: i64,
    pub min_share_ms: i64,
    pub max_share_ms: i64,
    pub proposal: FairShare,
}

/// Everything the speaking-order panel draws.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SharingView {
    pub meeting_id: String,
    /// Everyone present, in seating order (order of arrival until the chair arranges it).
    pub seating: Vec<Seat>,
    pub round: Option<RoundInfo>,
    /// Where a new circle would start, so the same people do not always go first.
    pub proposed_start: Option<StartProposal>,
    pub newcomers_first: bool,
    pub fair: FairTime,
    /// How the sharing has gone so far, with no names.
    pub summary: SharesSummary,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct StartCircleInput {
    pub meeting_id: String,
    /// The first speaker; `None` takes the proposed start.
    pub first_person_id: Option<String>,
    pub direction: Direction,
}

/// A group's rules for sharing: the bounds of a fair share, and newcomers first in open sharing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SharingRules {
    pub min_share_ms: i64,
    pub max_share_ms: i64,
    pub newcomers_first: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SharingTimeInput {
    pub meeting_id: String,
    /// Minutes left for sharing from now; `None` goes back to the meeting's usual end.
    pub minutes_left: Option<u32>,
    /// The last minutes kept for people who have not shared yet.
    pub reserve_minutes: u32,
}

/// The open meeting, if it takes names: rounds need first names to call people.
fn named_open(conn: &Connection, meeting_id: &str) -> Result<Meeting> {
    let m = meeting::get_open(conn, meeting_id)?;
    if m.mode == MeetingMode::Headcount {
        return Err(Error::Conflict(problem!(
            "meeting_keeps_counts_only_speaking",
            "This meeting keeps counts only; a speaking order needs first names."
        )));
    }
    Ok(m)
}

/// Everyone present with a name, in order of arrival: (person id, shown name, newcomer).
fn present(conn: &Connection, meeting_id: &str) -> Result<Vec<(String, String, bool)>> {
    Ok(meeting::attendance::here(conn, &meeting::get(conn, meeting_id)?)?
        .into_iter()
        .filter(|a| a.left_at.is_none())
        .filter_map(|a| {
            let id = a.person_id?;
            Some((id, names::shown(a.display_name.as_deref().unwrap_or(""), &a.last_initial), a.newcomer))
        })
        .collect())
}

fn stored_seats(conn: &Connection, meeting_id: &str) -> Result<Vec<String>> {
    let json: Option<String> =
        conn.query_row("SELECT seats FROM seating WHERE meeting_id = ?1", [meeting_id], |r| r.get(0)).optional()?;
    Ok(json.and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_default())
}

/// Present people in seating order: the chair's arrangement, then anyone not yet placed, by arrival.
fn seat_order(conn: &Connection, meeting_id: &str) -> Result<Vec<String>> {
    seat_order_of(conn, meeting_id, &present(conn, meeting_id)?)
}

fn seat_order_of(conn: &Connection, meeting_id: &str, people: &[(String, String, bool)]) -> Result<Vec<String>> {
    let here: Vec<String> = people.iter().map(|(id, ..)| id.clone()).collect();
    let placed = stored_seats(conn, meeting_id)?;
    let mut order: Vec<String> = placed.into_iter().filter(|p| here.contains(p)).collect();
    for p in here {
        if !order.contains(&p) {
            order.push(p);
        }
    }
    Ok(order)
}

fn save_seats(tx: &Tx, meeting_id: &str, seats: &[String]) -> Result<()> {
    let json = serde_json::to_string(seats).map_err(|e| Error::Conflict(Problem::detail(e)))?;
    tx.execute(
        "INSERT INTO seating (meeting_id, seats, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (meeting_id) DO UPDATE SET seats = ?2, updated_at = ?3, updated_by = ?4",
        rusqlite::params![meeting_id, json, tx.stamp, tx.device],
    )?;
    tx.touched(Aggregate::Round, meeting_id);
    Ok(())
}

/// The meeting's round in progress, if any.
fn open_round(conn: &Connection, meeting_id: &str) -> Result<Option<(String, Round)>> {
    let row: Option<(String, String)> = conn
        .query_row(
            "SELECT id, state FROM rounds WHERE meeting_id = ?1 AND ended_at IS NULL AND deleted_at IS NULL",
            [meeting_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    row.map(|(id, json)| {
        let round = serde_json::from_str(&json).map_err(|e| {
            Error::Conflict(problem!(
                "round_unreadable",
                "The saved round could not be read back: {detail}",
                detail = e.to_string()
            ))
        })?;
        Ok((id, round))
    })
    .transpose()
}

fn the_round(conn: &Connection, meeting_id: &str) -> Result<(String, Round)> {
    open_round(conn, meeting_id)?
        .ok_or_else(|| Error::Conflict(problem!("no_round_running", "No round is running: start one first.")))
}

/// Saves the round; a round that is over is closed, so the next one can start.
fn save_round(tx: &Tx, meeting_id: &str, id: &str, round: &Round) -> Result<()> {
    let json = serde_json::to_string(round).map_err(|e| Error::Conflict(Problem::detail(e)))?;
    tx.execute(
        "UPDATE rounds SET state = ?2, ended_at = ?3, updated_at = ?4, updated_by = ?5 WHERE id = ?1",
        rusqlite::params![id, json, round.is_over().then_some(tx.now), tx.stamp, tx.device],
    )?;
    tx.touched(Aggregate::Round, meeting_id);
    Ok(())
}

/// Who has shared in this meeting so far (a running share counts).
fn have_shared(conn: &Connection, meeting_id: &str) -> Result<HashSet<String>> {
    let mut stmt = conn.prepare(
        "SELECT DISTINCT person_id FROM shares WHERE meeting_id = ?1 AND person_id IS NOT NULL AND deleted_at IS NULL",
    )?;
    let ids = stmt.query_map([meeting_id], |r| r.get(0))?.collect::<rusqlite::Result<HashSet<String>>>()?;
    Ok(ids)
}

/// The current speaker has a share running, started for them.
fn speaking(conn: &Connection, meeting_id: &str, round: &Round) -> Result<bool> {
    let running = timer::running_share(conn, meeting_id)?;
    Ok(matches!((running, round.current()), (Some((_, Some(p))), Some(w)) if p == w.person_id))
}

/// The first speaker and the seating of the group's last meeting that had a round.
fn last_round_before(conn: &Connection, m: &Meeting) -> Result<Option<Round>> {
    let json: Option<String> = conn
        .query_row(
            "SELECT r.state FROM rounds r JOIN meetings m ON m.id = r.meeting_id
             WHERE m.group_id = ?1 AND r.deleted_at IS NULL AND m.deleted_at IS NULL
               AND (m.date < ?2 OR (m.date = ?2 AND m.seq < ?3))
             ORDER BY m.date DESC, m.seq DESC, r.started_at ASC LIMIT 1",
            rusqlite::params![m.group_id, m.date, m.seq],
            |r| r.get(0),
        )
        .optional()?;
    Ok(json.and_then(|j| serde_json::from_str(&j).ok()))
}

fn proposal(conn: &Connection, m: &Meeting, seats: &[String]) -> Result<Option<StartProposal>> {
    if seats.is_empty() {
        return Ok(None);
    }
    let last = last_round_before(conn, m)?;
    let first = last.as_ref().and_then(|r| r.turns.first().map(|t| t.person_id.clone()));
    Ok(Some(propose_start(seats, first.as_deref(), last.as_ref().map(|r| r.seats.as_slice()))?))
}

/// The meeting's usual end, in UTC ms: its planned start plus the group's length.
fn usual_end(group: &Group, m: &Meeting) -> i64 {
    meeting::planned_start(group, m) + i64::from(group.length_min) * 60_000
}

fn fair_time(
    conn: &Connection,
    m: &Meeting,
    round: Option<&Round>,
    seats: usize,
    shared: &HashSet<String>,
    now: i64,
) -> Result<FairTime> {
    let group = group::get(conn, &m.group_id)?;
    let (set_at, reserve_ms, min_ms, max_ms): (Option<i64>, i64, i64, i64) = conn.query_row(
        "SELECT m.sharing_ends_at, m.reserve_ms, g.fair_min_ms, g.fair_max_ms
         FROM meetings m JOIN groups g ON g.id = m.group_id WHERE m.id = ?1",
        [&m.id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    // The chair's word first; else what the running format leaves for sharing; else the usual end.
    let ends_at = match set_at {
        Some(at) => at,
        None => crate::format::runner::sharing_ends_at(conn, &m.id, now)?.unwrap_or_else(|| usual_end(&group, m)),
    };
    let (waiting, next_has_shared) = match round {
        Some(r) => (r.waiting.len(), r.current().is_some_and(|w| shared.contains(&w.person_id))),
        None => (seats, false),
    };
    let input = FairTimeInput {
        remaining_ms: ends_at - now,
        waiting: u32::try_from(waiting).unwrap_or(u32::MAX),
        min_share_ms: min_ms,
        max_share_ms: max_ms,
        reserve_ms,
        next_has_shared,
    };
    Ok(FairTime {
        sharing_ends_at: ends_at,
        set_by_chair: set_at.is_some(),
        remaining_ms: ends_at - now,
        reserve_ms,
        min_share_ms: min_ms,
        max_share_ms: max_ms,
        proposal: fair_share(&input)?,
    })
}

fn passes(conn: &Connection, meeting_id: &str) -> Result<u32> {
    Ok(conn.query_row(
        "SELECT COUNT(*) FROM passes WHERE meeting_id = ?1 AND deleted_at IS NULL",
        [meeting_id],
        |r| r.get(0),
    )?)
}

pub(crate) fn summary(conn: &Connection, meeting_id: &str, now: i64, per_person: bool) -> Result<SharesSummary> {
    let shares = timer::state(conn, meeting_id, now)?.shares;
    let times: Vec<ShareTime> = shares.iter().map(ShareTime::from).collect();
    summarize(&times, passes(conn, meeting_id)?, per_person)
}

pub(crate) fn view(conn: &Connection, meeting_id: &str, now: i64) -> Result<SharingView> {
    let m = meeting::get(conn, meeting_id)?;
    let people = present(conn, meeting_id)?;
    let shared = have_shared(conn, meeting_id)?;
    let name_of = |id: &str| people.iter().find(|(p, ..)| p == id).map(|(_, n, _)| n.clone());
    let seats = seat_order_of(conn, meeting_id, &people)?;
    let seating = seats
        .iter()
        .filter_map(|id| {
            let (_, name, newcomer) = people.iter().find(|(p, ..)| p == id)?;
            Some(Seat {
                person_id: id.clone(),
                name: name.clone(),
                newcomer: *newcomer,
                has_shared: shared.contains(id),
            })
        })
        .collect();
    let open = open_round(conn, meeting_id)?;
    let round = match &open {
        Some((id, r)) => {
            let shown = match r.mode {
                RoundMode::Circle { .. } => 3,
                RoundMode::RaisedHands { .. } => r.waiting.len(),
            };
            Some(RoundInfo {
                id: id.clone(),
                mode: r.mode,
                upcoming: r
                    .upcoming(shown)
                    .iter()
                    .map(|w| Upcoming {
                        person_id: w.person_id.clone(),
                        name: name_of(&w.person_id).unwrap_or_else(|| "Someone who left".into()),
                        reason: w.reason,
                    })
                    .collect(),
                waiting: u32::try_from(r.waiting.len()).unwrap_or(u32::MAX),
                turns: u32::try_from(r.turns.len()).unwrap_or(u32::MAX),
                passes: u32::try_from(r.passes()).unwrap_or(u32::MAX),
                speaking: speaking(conn, meeting_id, r)?,
            })
        }
        None => None,
    };
    let newcomers_first: bool =
        conn.query_row("SELECT newcomers_first FROM groups WHERE id = ?1", [&m.group_id], |r| r.get(0))?;
    Ok(SharingView {
        meeting_id: meeting_id.to_string(),
        proposed_start: if open.is_none() { proposal(conn, &m, &seats)? } else { None },
        fair: fair_time(conn, &m, open.as_ref().map(|(_, r)| r), seats.len(), &shared, now)?,
        summary: summary(conn, meeting_id, now, false)?,
        seating,
        round,
        newcomers_first,
    })
}

/// Who the room is told is next: after the speaker, or the one about to start.
pub(crate) fn next_up(conn: &Connection, meeting_id: &str) -> Result<Option<String>> {
    let Some((_, round)) = open_round(conn, meeting_id)? else { return Ok(None) };
    let skip = usize::from(speaking(conn, meeting_id, &round)?);
    let Some(w) = round.waiting.get(skip) else { return Ok(None) };
    Ok(present(conn, meeting_id)?.into_iter().find(|(p, ..)| *p == w.person_id).map(|(_, n, _)| n))
}

/// A person checked in during a round takes a seat at the end of the seating: in a circle, their
/// turn comes in seat order if the round has not gone by there, else at the end. Whether they are a
/// newcomer is asked only then.
pub(crate) fn arrived(
    tx: &Tx,
    meeting_id: &str,
    person_id: &str,
    newcomer: impl FnOnce() -> Result<bool>,
) -> Result<()> {
    let Some((id, mut round)) = open_round(tx, meeting_id)? else { return Ok(()) };
    if round.seats.iter().any(|s| s == person_id) {
        return Ok(()); // back after an undo: their place is kept
    }
    let at = round.seats.len();
    if newcomer()? {
        round.late_newcomer(person_id, at)?
    } else {
        round.late_arrival(person_id, at)?
    }
    save_round(tx, meeting_id, &id, &round)
}

/// A person left (or their check-in was undone) during a round: they wait no more.
pub(crate) fn departed(tx: &Tx, meeting_id: &str, person_id: &str) -> Result<()> {
    let Some((id, mut round)) = open_round(tx, meeting_id)? else { return Ok(()) };
    if !round.seats.iter().any(|s| s == person_id) || round.departed.iter().any(|d| d == person_id) {
        return Ok(());
    }
    let was_current = round.current().is_some_and(|w| w.person_id == person_id);
    if was_current && speaking(tx, meeting_id, &round)? {
        timer::stop_running(tx, meeting_id)?;
    }
    round.departure(person_id)?;
    save_round(tx, meeting_id, &id, &round)
}

fn record_pass(tx: &Tx, meeting_id: &str, round_id: &str, person_id: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO passes (id, meeting_id, round_id, person_id, at, created_at, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?7, ?7, ?6)",
        rusqlite::params![crate::new_id(), meeting_id, round_id, person_id, tx.now, tx.device, tx.stamp],
    )?;
    tx.touched(Aggregate::Round, meeting_id);
    Ok(())
}

/// Ends `round` as End round does: a share in progress is finished and counts as the speaker's turn.
fn finish(tx: &Tx, meeting_id: &str, round: &mut Round) -> Result<()> {
    if speaking(tx, meeting_id, round)? {
        timer::stop_running(tx, meeting_id)?;
        round.next()?;
    }
    if !round.is_over() {
        round.end()?;
    }
    Ok(())
}

/// Ends the meeting's open round, if it has one, exactly as End round would: for closing the
/// meeting, so no round outlives it (an open round would otherwise stay open in the record, and
/// travel in bundles, for good). Works on a meeting that keeps no names too, where End round cannot.
pub(crate) fn end_open(tx: &Tx, meeting_id: &str) -> Result<()> {
    let Some((id, mut round)) = open_round(tx, meeting_id)? else { return Ok(()) };
    finish(tx, meeting_id, &mut round)?;
    save_round(tx, meeting_id, &id, &round)
}

/// Runs one step of the round in one transaction and returns the new view.
fn step(
    store: &mut Store,
    meeting_id: &str,
    f: impl FnOnce(&Tx, &str, &mut Round) -> Result<()>,
) -> Result<SharingView> {
    store.write(|tx| {
        named_open(tx, meeting_id)?;
        let (id, mut round) = the_round(tx, meeting_id)?;
        f(tx, &id, &mut round)?;
        save_round(tx, meeting_id, &id, &round)?;
        view(tx, meeting_id, tx.now)
    })
}

impl Store {
    pub fn sharing(&self, meeting_id: &str) -> Result<SharingView> {
        view(self.conn(), meeting_id, self.clock().now_ms())
    }

    /// The chair arranges everyone present around the circle (person ids, clockwise).
    pub fn set_seating(&mut self, meeting_id: &str, seats: &[String]) -> Result<SharingView> {
        self.write(|tx| {
            named_open(tx, meeting_id)?;
            let here = seat_order(tx, meeting_id)?;
            let mut seen = HashSet::new();
            if !seats.iter().all(|s| seen.insert(s)) {
                return Err(Error::invalid(problem!(
                    "same_person_two_seats_everyone",
                    "The same person is in two seats; everyone has one seat."
                )));
            }
            if let Some(stranger) = seats.iter().find(|s| !here.contains(s)) {
                crate::group::roster::get(tx, stranger)?;
                return Err(Error::Conflict(problem!(
                    "only_people_who_here_have",
                    "Only people who are here (and have not left) can have a seat."
                )));
            }
            if seats.len() != here.len() {
                return Err(Error::invalid(problem!(
                    "everyone_here_needs_seat_circle",
                    "Everyone here needs a seat in the circle."
                )));
            }
            if open_round(tx, meeting_id)?.is_some() {
                return Err(Error::Conflict(problem!(
                    "round_running_change_seating_before",
                    "A round is running; change the seating before the next round."
                )));
            }
            save_seats(tx, meeting_id, seats)?;
            view(tx, meeting_id, tx.now)
        })
    }

    /// Moves one person a seat along (negative: towards the start of the list).
    pub fn move_seat(&mut self, meeting_id: &str, person_id: &str, by: i32) -> Result<SharingView> {
        let mut seats = seat_order(self.conn(), meeting_id)?;
        let Some(at) = seats.iter().position(|s| s == person_id) else {
            return Err(Error::NotFound { what: "person in the seating" });
        };
        let to = (at as i64 + i64::from(by)).clamp(0, seats.len() as i64 - 1) as usize;
        let p = seats.remove(at);
        seats.insert(to, p);
        self.set_seating(meeting_id, &seats)
    }

    pub fn start_circle(&mut self, input: &StartCircleInput) -> Result<SharingView> {
        self.write(|tx| {
            let m = named_open(tx, &input.meeting_id)?;
            if open_round(tx, &m.id)?.is_some() {
                return Err(Error::Conflict(problem!(
                    "round_already_running_end_before",
                    "A round is already running; end it before starting another."
                )));
            }
            let seats = seat_order(tx, &m.id)?;
            if seats.is_empty() {
                return Err(Error::invalid(problem!(
                    "nobody_here_yet_check_people",
                    "Nobody is here yet: check people in before starting a round."
                )));
            }
            let start_seat = match &input.first_person_id {
                Some(p) => seats.iter().position(|s| s == p).ok_or_else(|| {
                    Error::Conflict(problem!(
                        "first_speaker_must_someone_here",
                        "The first speaker must be someone here, with a seat in the circle."
                    ))
                })?,
                None => proposal(tx, &m, &seats)?.map_or(0, |p| p.seat),
            };
            let round = Round::circle(CircleSetup { seats: seats.clone(), start_seat, direction: input.direction })?;
            insert_round(tx, &m.id, &round)?;
            save_seats(tx, &m.id, &seats)?;
            view(tx, &m.id, tx.now)
        })
    }

    /// Open sharing: hands go up, and those who have not shared yet (and newcomers, if the group
    /// says so) go first.
    pub fn start_open_sharing(&mut self, meeting_id: &str) -> Result<SharingView> {
        self.write(|tx| {
            let m = named_open(tx, meeting_id)?;
            if open_round(tx, &m.id)?.is_some() {
                return Err(Error::Conflict(problem!(
                    "round_already_running_end_before",
                    "A round is already running; end it before starting another."
                )));
            }
            let people = present(tx, &m.id)?;
            let newcomers_first: bool =
                tx.query_row("SELECT newcomers_first FROM groups WHERE id = ?1", [&m.group_id], |r| r.get(0))?;
            let round = Round::raised_hands(HandsSetup {
                present: seat_order(tx, &m.id)?,
                newcomers: people.iter().filter(|(.., n)| *n).map(|(id, ..)| id.clone()).collect(),
                shared_earlier: have_shared(tx, &m.id)?.into_iter().collect(),
                order: HandsOrder { newcomers_first, ..HandsOrder::default() },
            })?;
            insert_round(tx, &m.id, &round)?;
            view(tx, &m.id, tx.now)
        })
    }

    /// One press of "Next": the speaker's share stops and the next person's starts. If the person
    /// whose turn it is has not started yet, their share starts.
    pub fn next_speaker(&mut self, meeting_id: &str) -> Result<SharingView> {
        step(self, meeting_id, |tx, round_id, round| {
            if round.current().is_none() {
                return Err(Error::Conflict(problem!("nobody_waiting_turn", "Nobody is waiting for a turn.")));
            }
            let was_speaking = speaking(tx, meeting_id, round)?;
            timer::stop_running(tx, meeting_id)?;
            if was_speaking {
                round.next()?;
            }
            if let Some(w) = round.current() {
                timer::begin(tx, meeting_id, Some(&w.person_id), 0, Some(round_id))?;
            }
            Ok(())
        })
    }

    /// The person whose turn it is passes: a pass is recorded (never a share) and the round moves on.
    pub fn pass_turn(&mut self, meeting_id: &str) -> Result<SharingView> {
        step(self, meeting_id, |tx, round_id, round| {
            let person = round.current().map(|w| w.person_id.clone());
            if speaking(tx, meeting_id, round)? {
                timer::withdraw_running(tx, meeting_id)?;
            }
            round.pass()?;
            record_pass(tx, meeting_id, round_id, &person.unwrap_or_default())
        })
    }

    /// The person whose turn it is is not ready: they go after everyone else waiting.
    pub fn skip_turn(&mut self, meeting_id: &str) -> Result<SharingView> {
        step(self, meeting_id, |tx, _, round| {
            if speaking(tx, meeting_id, round)? {
                return Err(Error::Conflict(problem!(
                    "they_have_started_sharing_stop",
                    "They have started sharing; stop the share or pass instead."
                )));
            }
            round.skip_for_now()
        })
    }

    pub fn raise_hand(&mut self, meeting_id: &str, person_id: &str) -> Result<SharingView> {
        step(self, meeting_id, |_, _, round| round.raise_hand(person_id))
    }

    pub fn lower_hand(&mut self, meeting_id: &str, person_id: &str) -> Result<SharingView> {
        step(self, meeting_id, |tx, _, round| {
            if round.current().is_some_and(|w| w.person_id == person_id) && speaking(tx, meeting_id, round)? {
                return Err(Error::Conflict(problem!(
                    "they_sharing_now_stop_share",
                    "They are sharing now; stop the share first."
                )));
            }
            round.lower_hand(person_id)
        })
    }

    /// Ends the round now; a share in progress is finished and counts as the speaker's turn.
    pub fn end_round(&mut self, meeting_id: &str) -> Result<SharingView> {
        step(self, meeting_id, |tx, _, round| finish(tx, meeting_id, round))
    }

    /// The chair says how long is left for sharing (or goes back to the meeting's end) and how much
    /// of it is kept for those who have not shared yet.
    pub fn set_sharing_time(&mut self, input: &SharingTimeInput) -> Result<SharingView> {
        if input.minutes_left.is_some_and(|m| m > 240) || input.reserve_minutes > 240 {
            return Err(Error::invalid(problem!(
                "sharing_time_counted_minutes_up",
                "Sharing time is counted in minutes, up to 240."
            )));
        }
        self.write(|tx| {
            named_open(tx, &input.meeting_id)?;
            let ends_at = input.minutes_left.map(|m| tx.now + i64::from(m) * 60_000);
            tx.execute(
                "UPDATE meetings SET sharing_ends_at = ?2, reserve_ms = ?3, updated_at = ?4, updated_by = ?5 WHERE id = ?1",
                rusqlite::params![input.meeting_id, ends_at, i64::from(input.reserve_minutes) * 60_000, tx.stamp, tx.device],
            )?;
            tx.touched(Aggregate::Round, &input.meeting_id);
            view(tx, &input.meeting_id, tx.now)
        })
    }

    /// Takes the fair-time proposal as this meeting's share length from the next share on.
    pub fn use_fair_share(&mut self, meeting_id: &str) -> Result<SharingView> {
        self.write(|tx| {
            named_open(tx, meeting_id)?;
            let fair = view(tx, meeting_id, tx.now)?.fair.proposal;
            if fair.share_ms <= 0 {
                return Err(Error::Conflict(problem!(
                    "nobody_waiting_share_length_set",
                    "Nobody is waiting, so there is no share length to set."
                )));
            }
            let current = timer::settings(tx, meeting_id)?;
            // The wrap-up cue keeps its place unless the new length is too short for it.
            let warn_ms =
                if current.warn_ms < fair.share_ms { current.warn_ms } else { fair.share_ms / 4 / 1000 * 1000 };
            let settings = ShareSettings { share_ms: fair.share_ms.max(timer::MIN_SHARE_MS), warn_ms };
            timer::set_meeting_settings(tx, meeting_id, Some(settings.validated()?))?;
            view(tx, meeting_id, tx.now)
        })
    }

    /// Sets the group's bounds for a fair share and whether newcomers go first in open sharing,
    /// from the meeting the chair is running, and returns its speaking order with the new rules.
    pub fn set_sharing_rules(&mut self, meeting_id: &str, rules: SharingRules) -> Result<SharingView> {
        if !(timer::MIN_SHARE_MS..=timer::MAX_SHARE_MS).contains(&rules.min_share_ms)
            || !(timer::MIN_SHARE_MS..=timer::MAX_SHARE_MS).contains(&rules.max_share_ms)
        {
            return Err(Error::invalid(problem!(
                "share_15_seconds_60_minutes",
                "A share can be from 15 seconds to 60 minutes long."
            )));
        }
        if rules.max_share_ms < rules.min_share_ms {
            return Err(Error::invalid(problem!(
                "longest_share_shorter_shortest_share",
                "The longest share cannot be shorter than the shortest share."
            )));
        }
        self.write(|tx| {
            let m = meeting::get(tx, meeting_id)?;
            let sets = "fair_min_ms = ?2, fair_max_ms = ?3, newcomers_first = ?4";
            let values: [&dyn ToSql; 3] = [&rules.min_share_ms, &rules.max_share_ms, &rules.newcomers_first];
            group::save_settings(tx, &m.group_id, sets, &values)?;
            view(tx, meeting_id, tx.now)
        })
    }

    /// The summary after the meeting; `with_names` adds each person's totals (by person id).
    pub fn sharing_summary(&self, meeting_id: &str, with_names: bool) -> Result<SharesSummary> {
        meeting::get(self.conn(), meeting_id)?;
        summary(self.conn(), meeting_id, self.clock().now_ms(), with_names)
    }
}

fn insert_round(tx: &Tx, meeting_id: &str, round: &Round) -> Result<()> {
    let json = serde_json::to_string(round).map_err(|e| Error::Conflict(Problem::detail(e)))?;
    tx.execute(
        "INSERT INTO rounds (id, meeting_id, state, started_at, created_at, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?6, ?6, ?5)",
        rusqlite::params![crate::new_id(), meeting_id, json, tx.now, tx.device, tx.stamp],
    )?;
    tx.touched(Aggregate::Round, meeting_id);
    Ok(())
}

impl From<&ShareRecord> for ShareTime {
    fn from(r: &ShareRecord) -> Self {
        ShareTime { person_id: r.person_id.clone(), spoken_ms: r.spoken_ms, overtime_ms: r.overtime_ms }
    }
}
