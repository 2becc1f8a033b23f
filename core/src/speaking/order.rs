//! The speaking order of a round: a circle going seat by seat, or an open sharing by raised hands.
//! It is plain data the store keeps as JSON after every change, and `upcoming` is read straight
//! from it, so who speaks next is decided here and nowhere else.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{problem, Error, Problem, Result};

/// Which way a circle goes round, looking down on the room with the seats listed clockwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum Direction {
    Clockwise,
    CounterClockwise,
}

/// How an open sharing orders raised hands. A group that chooses neither keeps plain hand order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct HandsOrder {
    /// Newcomers who have not shared yet in this meeting go first of all.
    pub newcomers_first: bool,
    /// People who have not shared yet in this meeting go before those who have.
    pub not_yet_shared_first: bool,
}

impl Default for HandsOrder {
    /// Those who have not shared go first; newcomer priority is each group's own choice, so it starts off.
    fn default() -> Self {
        HandsOrder { newcomers_first: false, not_yet_shared_first: true }
    }
}

/// A round going round the circle, or an open sharing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", tag = "kind")]
#[ts(export)]
pub enum RoundMode {
    #[serde(rename_all = "camelCase")]
    Circle {
        direction: Direction,
        /// Index in `seats` of the person the round started with (it moves when someone sits down before it).
        start_seat: usize,
    },
    #[serde(rename_all = "camelCase")]
    RaisedHands { order: HandsOrder },
}

/// Why someone is where they are in the list, so the chair can say it out loud if asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum Reason {
    /// Their seat comes next going round the circle.
    NextInCircle,
    /// Came in during the round and sat where the round has not reached yet: their turn comes in seat order.
    LateArrival,
    /// Came in during the round after their seat's turn had gone by: their turn comes at the end.
    LateArrivalAtEnd,
    /// Asked to be come back to: they wait behind everyone who was waiting then.
    SkippedEarlier,
    /// Open sharing: a newcomer who has not shared yet, first because the group gives newcomers priority.
    Newcomer,
    /// Open sharing: has not shared yet in this meeting, so goes before those who have.
    HasNotSharedYet,
    /// Open sharing: raised a hand, and takes their turn in the order hands went up.
    HandRaised,
}

/// Someone waiting for a turn, and why they are in that place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Waiting {
    pub person_id: String,
    pub reason: Reason,
}

/// What a person did with their turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum Outcome {
    Shared,
    Passed,
}

/// A turn taken in this round, kept even if the person leaves afterwards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Turn {
    pub person_id: String,
    pub outcome: Outcome,
}

/// What the chair chose to start a circle round with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CircleSetup {
    /// Person ids in seating order, clockwise as listed.
    pub seats: Vec<String>,
    /// Index in `seats` of the first speaker.
    pub start_seat: usize,
    pub direction: Direction,
}

/// What an open sharing starts from: who is here, and what the meeting knows about them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct HandsSetup {
    /// Everyone checked in and still here, in seating order if known (the order does not matter here).
    pub present: Vec<String>,
    /// Those present whose first meeting of this group this is.
    pub newcomers: Vec<String>,
    /// Everyone who has shared earlier in this meeting (they may have left since).
    pub shared_earlier: Vec<String>,
    pub order: HandsOrder,
}

/// One round's speaking order, whole: what the store saves after every change and restores after a crash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Round {
    pub mode: RoundMode,
    /// Everyone seated in this round, clockwise as listed, late arrivals included. People who left
    /// keep their place here (and are listed in `departed`), so seat numbers do not shift under the chair.
    pub seats: Vec<String>,
    /// Who is waiting, in the order they will speak: the first is the person whose turn it is now.
    pub waiting: Vec<Waiting>,
    /// Turns taken, oldest first.
    pub turns: Vec<Turn>,
    /// People who left during the round.
    pub departed: Vec<String>,
    /// Newcomers at this meeting (for open sharing).
    pub newcomers: Vec<String>,
    /// People who shared earlier in this meeting, before this round (for open sharing).
    pub shared_earlier: Vec<String>,
    /// People still waiting when the chair ended the round.
    pub not_reached: Vec<String>,
    pub over: bool,
}

fn conflict(message: impl Into<Problem>) -> Error {
    Error::Conflict(message.into())
}

fn not_in_round() -> Error {
    Error::NotFound { what: "person in this round" }
}

/// Who is here must be a list of distinct people, and at least one.
fn check_seats(seats: &[String]) -> Result<()> {
    if seats.is_empty() {
        return Err(Error::invalid(problem!(
            "nobody_here_yet_check_people",
            "Nobody is here yet: check people in before starting a round."
        )));
    }
    if seats.iter().any(|s| s.trim().is_empty()) {
        return Err(Error::invalid(problem!(
            "every_seat_round_needs_person",
            "Every seat in the round needs a person in it."
        )));
    }
    let mut seen = HashSet::with_capacity(seats.len());
    if !seats.iter().all(|s| seen.insert(s.as_str())) {
        return Err(Error::invalid(problem!(
            "same_person_listed_two_seats",
            "The same person is listed in two seats; everyone has one seat."
        )));
    }
    Ok(())
}

/// Steps from `start` to `seat` going round in `direction`, with `n` seats: 0 for the start itself.
fn steps_from(start: usize, seat: usize, n: usize, direction: Direction) -> usize {
    match direction {
        Direction::Clockwise => (seat + n - start) % n,
        Direction::CounterClockwise => (start + n - seat) % n,
    }
}

impl Reason {
    /// Those waiting in seat order, ahead of everyone put at the end.
    fn in_seat_order(self) -> bool {
        matches!(self, Reason::NextInCircle | Reason::LateArrival)
    }
}

impl Round {
    /// Starts a round going round the circle from `start_seat` in `direction`; everyone seated waits for a turn.
    pub fn circle(setup: CircleSetup) -> Result<Round> {
        check_seats(&setup.seats)?;
        let n = setup.seats.len();
        if setup.start_seat >= n {
            return Err(Error::invalid(problem!(
                "seats_circle_first_speaker_must",
                "There are {n} seats in the circle; the first speaker must sit in one of them.",
                n = n
            )));
        }
        let waiting = (0..n)
            .map(|step| {
                let seat = match setup.direction {
                    Direction::Clockwise => (setup.start_seat + step) % n,
                    Direction::CounterClockwise => (setup.start_seat + n - step) % n,
                };
                Waiting { person_id: setup.seats[seat].clone(), reason: Reason::NextInCircle }
            })
            .collect();
        Ok(Round {
            mode: RoundMode::Circle { direction: setup.direction, start_seat: setup.start_seat },
            seats: setup.seats,
            waiting,
            turns: Vec::new(),
            departed: Vec::new(),
            newcomers: Vec::new(),
            shared_earlier: Vec::new(),
            not_reached: Vec::new(),
            over: false,
        })
    }

    /// Starts an open sharing: nobody waits until a hand goes up.
    pub fn raised_hands(setup: HandsSetup) -> Result<Round> {
        check_seats(&setup.present)?;
        let present: HashSet<&str> = setup.present.iter().map(String::as_str).collect();
        if setup.newcomers.iter().any(|p| !present.contains(p.as_str())) {
            return Err(not_in_round());
        }
        let mut newcomers = setup.newcomers.clone();
        dedup_keep_order(&mut newcomers);
        let mut shared_earlier = setup.shared_earlier.clone();
        dedup_keep_order(&mut shared_earlier);
        Ok(Round {
            mode: RoundMode::RaisedHands { order: setup.order },
            seats: setup.present,
            waiting: Vec::new(),
            turns: Vec::new(),
            departed: Vec::new(),
            newcomers,
            shared_earlier,
            not_reached: Vec::new(),
            over: false,
        })
    }

    /// The person whose turn it is and the next `n - 1` after them, each with the reason for their place.
    pub fn upcoming(&self, n: usize) -> &[Waiting] {
        &self.waiting[..n.min(self.waiting.len())]
    }

    /// The person whose turn it is now, if anyone is waiting.
    pub fn current(&self) -> Option<&Waiting> {
        self.waiting.first()
    }

    pub fn is_over(&self) -> bool {
        self.over
    }

    /// True once this person has shared or passed in this round.
    pub fn had_turn(&self, person_id: &str) -> bool {
        self.turns.iter().any(|t| t.person_id == person_id)
    }

    /// How many turns in this round were passes.
    pub fn passes(&self) -> usize {
        self.turns.iter().filter(|t| t.outcome == Outcome::Passed).count()
    }

    /// The current speaker has shared; the next person's turn comes.
    // "Next" is the word on the chair's button; a round is not an iterator.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Result<()> {
        self.take_turn(Outcome::Shared)
    }

    /// The current speaker passes: kept as a pass, not a share, and the round moves on.
    pub fn pass(&mut self) -> Result<()> {
        self.take_turn(Outcome::Passed)
    }

    /// The current speaker is not ready: they go behind everyone else still waiting.
    pub fn skip_for_now(&mut self) -> Result<()> {
        self.check_someone_up()?;
        if self.waiting.len() < 2 {
            return Err(conflict(problem!(
                "nobody_else_waiting_go_first",
                "Nobody else is waiting, so there is no one to go first: this person can share now or pass."
            )));
        }
        let mut w = self.waiting.remove(0);
        w.reason = Reason::SkippedEarlier;
        self.waiting.push(w);
        Ok(())
    }

    /// Someone checked in during the round sits down at `seat_index` (between the people now at
    /// `seat_index - 1` and `seat_index`; the end of the list is between the last and the first).
    pub fn late_arrival(&mut self, person_id: &str, seat_index: usize) -> Result<()> {
        self.arrive(person_id, seat_index, false)
    }

    /// A newcomer who came in during the round: as `late_arrival`, and known as a newcomer from now on.
    pub fn late_newcomer(&mut self, person_id: &str, seat_index: usize) -> Result<()> {
        self.arrive(person_id, seat_index, true)
    }

    /// Someone left: they wait no more, and the turns they took stay recorded.
    pub fn departure(&mut self, person_id: &str) -> Result<()> {
        self.check_open()?;
        if !self.seats.iter().any(|s| s == person_id) {
            return Err(not_in_round());
        }
        if self.departed.iter().any(|d| d == person_id) {
            return Err(conflict(problem!(
                "person_has_already_been_marked",
                "This person has already been marked as having left."
            )));
        }
        self.departed.push(person_id.to_string());
        self.waiting.retain(|w| w.person_id != person_id);
        self.settle();
        Ok(())
    }

    /// Open sharing: a hand goes up, and takes its place by the group's order.
    pub fn raise_hand(&mut self, person_id: &str) -> Result<()> {
        self.check_open()?;
        let order = self.hands_order()?;
        self.check_present(person_id)?;
        if self.waiting.iter().any(|w| w.person_id == person_id) {
            return Err(conflict(problem!("hand_already_up", "This person's hand is already up.")));
        }
        if self.had_turn(person_id) {
            return Err(conflict(problem!(
                "person_has_already_had_turn",
                "This person has already had a turn in this round; a second turn needs a new round."
            )));
        }
        let newcomers: HashSet<&str> = self.newcomers.iter().map(String::as_str).collect();
        let shared: HashSet<&str> = self.shared_earlier.iter().map(String::as_str).collect();
        let rank = |p: &str| hand_rank(order, newcomers.contains(p), shared.contains(p));
        let (mine, reason) = rank(person_id);
        // Behind everyone of the same or higher priority; ahead of the first of lower priority
        // (someone who asked to be come back to counts with their own priority but keeps their place).
        let at = self.waiting.iter().position(|w| rank(&w.person_id).0 > mine).unwrap_or(self.waiting.len());
        self.waiting.insert(at, Waiting { person_id: person_id.to_string(), reason });
        Ok(())
    }

    /// Open sharing: a hand goes down, and that person waits no more.
    pub fn lower_hand(&mut self, person_id: &str) -> Result<()> {
        self.check_open()?;
        self.hands_order()?;
        if !self.seats.iter().any(|s| s == person_id) {
            return Err(not_in_round());
        }
        let Some(at) = self.waiting.iter().position(|w| w.person_id == person_id) else {
            return Err(conflict(problem!("hand_not_up", "This person's hand is not up.")));
        };
        self.waiting.remove(at);
        Ok(())
    }

    /// The chair ends the round now: anyone still waiting is kept as not reached.
    pub fn end(&mut self) -> Result<()> {
        self.check_open()?;
        self.not_reached = self.waiting.drain(..).map(|w| w.person_id).collect();
        self.over = true;
        Ok(())
    }

    fn check_open(&self) -> Result<()> {
        if self.over {
            return Err(conflict(problem!(
                "round_over_start_new_round",
                "This round is over. Start a new round for more turns."
            )));
        }
        Ok(())
    }

    fn check_someone_up(&self) -> Result<()> {
        self.check_open()?;
        if self.waiting.is_empty() {
            return Err(conflict(problem!("nobody_waiting_turn_right_now", "Nobody is waiting for a turn right now.")));
        }
        Ok(())
    }

    fn check_present(&self, person_id: &str) -> Result<()> {
        if !self.seats.iter().any(|s| s == person_id) {
            return Err(not_in_round());
        }
        if self.departed.iter().any(|d| d == person_id) {
            return Err(conflict(problem!("person_has_left_meeting", "This person has left the meeting.")));
        }
        Ok(())
    }

    fn hands_order(&self) -> Result<HandsOrder> {
        match self.mode {
            RoundMode::RaisedHands { order } => Ok(order),
            RoundMode::Circle { .. } => Err(conflict(problem!(
                "circle_round_turns_go_seat",
                "In a circle round turns go by seat; raised hands are for open sharing."
            ))),
        }
    }

    fn take_turn(&mut self, outcome: Outcome) -> Result<()> {
        self.check_someone_up()?;
        let w = self.waiting.remove(0);
        self.turns.push(Turn { person_id: w.person_id, outcome });
        self.settle();
        Ok(())
    }

    /// A circle is over once nobody waits; an open sharing only when the chair ends it,
    /// since another hand may still go up.
    fn settle(&mut self) {
        if matches!(self.mode, RoundMode::Circle { .. }) && self.waiting.is_empty() {
            self.over = true;
        }
    }

    fn arrive(&mut self, person_id: &str, seat_index: usize, newcomer: bool) -> Result<()> {
        self.check_open()?;
        if person_id.trim().is_empty() {
            return Err(Error::invalid(problem!(
                "late_arrival_needs_someone_checked",
                "A late arrival needs to be someone checked in."
            )));
        }
        if self.departed.iter().any(|d| d == person_id) {
            return Err(conflict(problem!("person_left_during_round_they", "This person left during this round, so they cannot be seated in it again. They can join the next round.")));
        }
        if self.seats.iter().any(|s| s == person_id) {
            return Err(conflict(problem!(
                "person_already_has_seat_round",
                "This person already has a seat in this round."
            )));
        }
        let n = self.seats.len();
        if seat_index > n {
            return Err(Error::invalid(problem!(
                "people_seated_late_arrival_sits",
                "There are {n} people seated; a late arrival sits between two of them, so that place does not exist.",
                n = n
            )));
        }
        self.seats.insert(seat_index, person_id.to_string());
        if newcomer {
            self.newcomers.push(person_id.to_string());
        }
        if let RoundMode::Circle { direction, start_seat } = &mut self.mode {
            if seat_index <= *start_seat {
                *start_seat += 1;
            }
            let (direction, start) = (*direction, *start_seat);
            self.place_in_circle(person_id, seat_index, direction, start);
        }
        // In an open sharing a late arrival waits for nothing until their hand goes up.
        Ok(())
    }

    /// Late arrival in a circle: in seat order if the round has not reached their seat yet, else at the end.
    fn place_in_circle(&mut self, person_id: &str, seat: usize, direction: Direction, start: usize) {
        let n = self.seats.len();
        let seat_of: HashMap<&str, usize> = self.seats.iter().enumerate().map(|(i, p)| (p.as_str(), i)).collect();
        // Everyone waiting is seated; were the saved state ever otherwise, they count as furthest round.
        let step = |p: &str| seat_of.get(p).map_or(n, |&i| steps_from(start, i, n, direction));
        let mine = steps_from(start, seat, n, direction);
        let in_order = self.waiting.iter().take_while(|w| w.reason.in_seat_order()).count();
        // The round has reached the first seat still waiting in order; anything before it has gone by.
        let still_ahead = in_order > 0 && mine > step(&self.waiting[0].person_id);
        let person_id = person_id.to_string();
        if still_ahead {
            let at = self.waiting[..in_order].iter().position(|w| step(&w.person_id) > mine).unwrap_or(in_order);
            self.waiting.insert(at, Waiting { person_id, reason: Reason::LateArrival });
        } else {
            self.waiting.push(Waiting { person_id, reason: Reason::LateArrivalAtEnd });
        }
    }
}

/// A raised hand's priority (lower goes first) and the reason shown for it.
fn hand_rank(order: HandsOrder, newcomer: bool, shared_earlier: bool) -> (u8, Reason) {
    if order.newcomers_first && newcomer && !shared_earlier {
        (0, Reason::Newcomer)
    } else if order.not_yet_shared_first && !shared_earlier {
        (1, Reason::HasNotSharedYet)
    } else {
        (2, Reason::HandRaised)
    }
}

fn dedup_keep_order(ids: &mut Vec<String>) {
    let mut seen = HashSet::with_capacity(ids.len());
    ids.retain(|id| seen.insert(id.clone()));
}

/// Why a start seat was proposed, for the chair to read next to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum StartReason {
    /// Only one person is here.
    OnlyOnePresent,
    /// No earlier meeting to go by: the first seat as listed.
    FirstSeat,
    /// Half-way round today's circle from the person who started last time.
    OppositeLastStart,
    /// The person who started last time is not here: whoever sat furthest from them last time.
    FarFromLastStart,
}

/// A first seat the chair may take or change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct StartProposal {
    /// Index in this meeting's seats.
    pub seat: usize,
    pub reason: StartReason,
}

/// Proposes where this meeting's circle starts, so it does not start with the same person every week.
///
/// The rule, in order:
/// 1. One person here: their seat.
/// 2. Last meeting's first speaker is here: the person half-way round today's circle from them
///    (for an odd number, the nearer of the two middle seats going clockwise).
/// 3. They are not here, but last meeting's seating is known: of those here today who sat there,
///    whoever sat furthest round from them (on a tie, the one nearer clockwise).
/// 4. Otherwise the first seat as listed (never last time's first speaker, who is not here).
pub fn propose_start(
    seats: &[String],
    last_first: Option<&str>,
    last_seats: Option<&[String]>,
) -> Result<StartProposal> {
    check_seats(seats)?;
    let n = seats.len();
    if n == 1 {
        return Ok(StartProposal { seat: 0, reason: StartReason::OnlyOnePresent });
    }
    let first_seat = StartProposal { seat: 0, reason: StartReason::FirstSeat };
    let Some(first) = last_first else {
        return Ok(first_seat);
    };
    if let Some(at) = seats.iter().position(|s| s == first) {
        return Ok(StartProposal { seat: (at + n / 2) % n, reason: StartReason::OppositeLastStart });
    }
    let Some(last) = last_seats else {
        return Ok(first_seat);
    };
    let Some(was) = last.iter().position(|s| s == first) else {
        return Ok(first_seat);
    };
    let today: HashMap<&str, usize> = seats.iter().enumerate().map(|(i, p)| (p.as_str(), i)).collect();
    let m = last.len();
    let mut best: Option<(usize, usize)> = None; // (distance last time, seat today)
    for step in 1..m {
        let Some(&seat) = today.get(last[(was + step) % m].as_str()) else { continue };
        let distance = step.min(m - step);
        if best.is_none_or(|(d, _)| distance > d) {
            best = Some((distance, seat));
        }
    }
    Ok(best.map_or(first_seat, |(_, seat)| StartProposal { seat, reason: StartReason::FarFromLastStart }))
}
