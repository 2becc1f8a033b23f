//! Fair time: how long the next share may be so everyone waiting gets a turn, and after the
//! meeting, in plain figures, how the speaking time was spread.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{problem, Error, Result};

/// Proposed lengths go in steps of 5 seconds: easy to read off a clock, and fine enough for fairness.
pub const STEP_MS: i64 = 5 * 1000;

/// What the fair length of the next share is worked out from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FairTimeInput {
    /// Sharing time left in the meeting; zero or less when it has run out.
    pub remaining_ms: i64,
    /// Everyone whose share has not started yet, counting the person whose turn it is
    /// (`Round::waiting.len()` as the chair is about to start the next share).
    pub waiting: u32,
    /// The group's shortest share.
    pub min_share_ms: i64,
    /// The group's longest share.
    pub max_share_ms: i64,
    /// The end of the meeting kept for people who have not shared yet; 0 for none.
    pub reserve_ms: i64,
    /// The next speaker has already shared in this meeting, so the reserve is not theirs to use.
    pub next_has_shared: bool,
}

/// How the proposed length came about, for the chair to read beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum FairBasis {
    /// The time left, shared evenly among everyone waiting.
    EvenSplit,
    /// An even split would be shorter than the group's shortest share: the meeting will run over
    /// unless some pass or the chair shortens shares.
    GroupMinimum,
    /// An even split would be longer than the group's longest share.
    GroupMaximum,
    /// The time is up; whoever still speaks gets the group's shortest share.
    NoTimeLeft,
    /// Nobody is waiting, so there is nothing to share out.
    NobodyWaiting,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FairShare {
    /// The proposed length; 0 only when nobody is waiting.
    pub share_ms: i64,
    pub basis: FairBasis,
}

/// Proposes the next share's length: the time left (less the reserve, for someone who has already
/// shared) divided among everyone waiting, rounded down to 5 seconds so the proposals never add up to
/// more than the time left, then kept within the group's shortest and longest share.
pub fn fair_share(input: &FairTimeInput) -> Result<FairShare> {
    let FairTimeInput { remaining_ms, waiting, min_share_ms: min, max_share_ms: max, reserve_ms, next_has_shared } =
        *input;
    if min <= 0 {
        return Err(Error::invalid(problem!(
            "shortest_share_needs_longer_time",
            "The shortest share needs to be longer than no time at all."
        )));
    }
    if max < min {
        return Err(Error::invalid(problem!(
            "longest_share_shorter_shortest_share",
            "The longest share cannot be shorter than the shortest share."
        )));
    }
    if reserve_ms < 0 {
        return Err(Error::invalid(problem!(
            "time_kept_those_who_have",
            "The time kept for those who have not shared cannot be less than none."
        )));
    }
    if waiting == 0 {
        return Ok(FairShare { share_ms: 0, basis: FairBasis::NobodyWaiting });
    }
    if remaining_ms <= 0 {
        return Ok(FairShare { share_ms: min, basis: FairBasis::NoTimeLeft });
    }
    let available = if next_has_shared { remaining_ms.saturating_sub(reserve_ms) } else { remaining_ms };
    let even = (available.max(0) / i64::from(waiting)) / STEP_MS * STEP_MS;
    Ok(if even < min {
        FairShare { share_ms: min, basis: FairBasis::GroupMinimum }
    } else if even > max {
        FairShare { share_ms: max, basis: FairBasis::GroupMaximum }
    } else {
        FairShare { share_ms: even, basis: FairBasis::EvenSplit }
    })
}

/// One finished share, as the summary needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ShareTime {
    /// `None` for an unnamed share; each unnamed share counts as a speaker of its own.
    pub person_id: Option<String>,
    pub spoken_ms: i64,
    pub overtime_ms: i64,
}

/// One person's speaking time in the meeting (only when the chair asks for it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PersonTotal {
    pub shares: u32,
    pub spoken_ms: i64,
    pub overtime_ms: i64,
}

/// How the meeting's sharing went, in named figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SharesSummary {
    /// People who shared (each unnamed share counts as one person).
    pub shared: u32,
    /// Shares, counting a second share by the same person.
    pub shares: u32,
    pub passed: u32,
    pub shortest_ms: Option<i64>,
    /// The middle share's length; with an even number of shares, halfway between the two middle ones.
    pub median_ms: Option<i64>,
    pub longest_ms: Option<i64>,
    pub total_spoken_ms: i64,
    pub total_overtime_ms: i64,
    /// How many speakers make up the top fifth: a fifth of the speakers rounded down, and at least one.
    pub top_fifth_speakers: u32,
    /// The part (0 to 1) of all speaking time taken by the top fifth of speakers; none without speaking time.
    pub top_fifth_part: Option<f64>,
    /// Each person's totals by person id; only when asked for, since the figures stand without names.
    pub per_person: Option<BTreeMap<String, PersonTotal>>,
}

/// Sums up the meeting's finished shares and passes. `per_person` adds each named person's totals.
pub fn summarize(shares: &[ShareTime], passes: u32, per_person: bool) -> Result<SharesSummary> {
    if shares.iter().any(|s| s.spoken_ms < 0 || s.overtime_ms < 0) {
        return Err(Error::invalid(problem!("shares_time_less_none", "A share's time cannot be less than none.")));
    }
    let mut lengths: Vec<i64> = shares.iter().map(|s| s.spoken_ms).collect();
    lengths.sort_unstable();
    let median = match lengths.len() {
        0 => None,
        n if n % 2 == 1 => Some(lengths[n / 2]),
        // Halfway without overflow, rounded down: stays between the two middle lengths.
        n => Some(lengths[n / 2 - 1] + (lengths[n / 2] - lengths[n / 2 - 1]) / 2),
    };

    let mut people: BTreeMap<&str, PersonTotal> = BTreeMap::new();
    let mut speaker_totals: Vec<i64> = Vec::with_capacity(shares.len());
    for s in shares {
        match &s.person_id {
            Some(id) => {
                let t = people.entry(id).or_insert(PersonTotal { shares: 0, spoken_ms: 0, overtime_ms: 0 });
                t.shares += 1;
                t.spoken_ms = t.spoken_ms.saturating_add(s.spoken_ms);
                t.overtime_ms = t.overtime_ms.saturating_add(s.overtime_ms);
            }
            None => speaker_totals.push(s.spoken_ms),
        }
    }
    speaker_totals.extend(people.values().map(|t| t.spoken_ms));
    speaker_totals.sort_unstable_by(|a, b| b.cmp(a));
    let speakers = speaker_totals.len();
    let top = (speakers / 5).max(1).min(speakers);
    let total: i64 = speaker_totals.iter().fold(0i64, |a, &b| a.saturating_add(b));
    let top_total: i64 = speaker_totals[..top].iter().fold(0i64, |a, &b| a.saturating_add(b));
    let top_fifth_part = (total > 0).then(|| (top_total as f64 / total as f64).clamp(0.0, 1.0));

    Ok(SharesSummary {
        shared: count(speakers),
        shares: count(shares.len()),
        passed: passes,
        shortest_ms: lengths.first().copied(),
        median_ms: median,
        longest_ms: lengths.last().copied(),
        total_spoken_ms: total,
        total_overtime_ms: shares.iter().fold(0i64, |a, s| a.saturating_add(s.overtime_ms)),
        top_fifth_speakers: count(top),
        top_fifth_part,
        per_person: per_person.then(|| people.into_iter().map(|(id, t)| (id.to_string(), t)).collect()),
    })
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
