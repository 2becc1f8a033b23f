//! What one meeting adds to the trends, worked out from plain rows: whether its newcomers came
//! back, and how much of its share time its most frequent speakers took. No names leave here.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::meeting::attendance::{new_on, Counts};

/// "Came back" means a second visit within this many days of the first.
pub const SOON_DAYS: i64 = 30;
pub const LATER_DAYS: i64 = 90;

/// One meeting as the trends read it: counts, times and money, never who.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct MeetingFacts {
    pub id: String,
    /// Its calendar date where the group meets.
    pub date: NaiveDate,
    pub counts: Counts,
    /// Of its newcomers, how many came to another meeting within 30 and within 90 days.
    pub came_back_30: u32,
    pub came_back_90: u32,
    /// Each finished share's spoken time.
    pub share_ms: Vec<i64>,
    /// Shares that ran past their planned time (with what the chair added or took away).
    pub overtime: u32,
    pub passes: u32,
    /// Share time taken by the top fifth of its speakers.
    pub top_fifth_ms: i64,
    /// `None` while it is open.
    pub finished_on_time: Option<bool>,
    /// The 7th Tradition collection, if recorded.
    pub collection_cents: Option<i64>,
}

/// One meeting in meeting order (date, then its number that day), as [`newcomer_returns`] needs it.
pub(crate) struct Held<'a> {
    /// "YYYY-MM-DD".
    pub date: &'a str,
    /// Takes names, so it can have newcomers by name (a counts-only meeting keeps its own numbers).
    pub named: bool,
}

/// For each meeting, how many of its newcomers came back within 30 and within 90 days. `visits` are
/// the check-ins that name someone: (the meeting's index in `held`, the person), in meeting order.
/// A person is a newcomer where the meeting counts decide it (their first meeting that names them,
/// unless they first came earlier, at a meeting retention has taken the names from); they came back
/// at the next meeting with a check-in of theirs.
pub(crate) fn newcomer_returns(
    held: &[Held<'_>],
    visits: &[(usize, &str)],
    first_came: &HashMap<String, String>,
) -> Vec<(u32, u32)> {
    // Each person's first meeting, and their second once seen.
    let mut seen: HashMap<&str, (usize, Option<usize>)> = HashMap::new();
    for &(at, person) in visits {
        match seen.get_mut(person) {
            None => {
                seen.insert(person, (at, None));
            }
            Some((first, second @ None)) if at > *first => *second = Some(at),
            Some(_) => {}
        }
    }
    let mut out = vec![(0, 0); held.len()];
    for (person, (first, second)) in seen {
        let (Some(f), Some(s)) = (held.get(first), second.and_then(|s| held.get(s))) else { continue };
        if !f.named || !new_on(first_came, person, f.date) {
            continue;
        }
        let days = match (day(f.date), day(s.date)) {
            (Some(a), Some(b)) => (b - a).num_days(),
            _ => continue,
        };
        out[first].0 += u32::from(days <= SOON_DAYS);
        out[first].1 += u32::from(days <= LATER_DAYS);
    }
    out
}

fn day(date: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()
}

/// The share time of the top fifth of a meeting's speakers (at least one), from each speaker's
/// total. A share that names no one is a speaker of its own.
pub(crate) fn top_fifth_ms(mut per_speaker: Vec<i64>) -> i64 {
    per_speaker.sort_unstable_by(|a, b| b.cmp(a));
    let top = per_speaker.len().div_ceil(5);
    per_speaker[..top].iter().sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn held(dates: &[&'static str]) -> Vec<Held<'static>> {
        dates.iter().map(|date| Held { date, named: true }).collect()
    }

    #[test]
    fn a_newcomer_back_after_three_weeks_counts_for_both_windows_and_one_back_after_two_months_for_ninety() {
        let nights = held(&["2026-01-06", "2026-01-27", "2026-03-10", "2026-06-30"]);
        // Ana comes on the first night and again three weeks later; Ben first on the second night
        // and again six weeks later; Cy once, then not for five months.
        let visits = [(0, "ana"), (1, "ana"), (1, "ben"), (2, "ben"), (2, "cy"), (3, "cy")];
        let returns = newcomer_returns(&nights, &visits, &HashMap::new());
        assert_eq!(returns, vec![(1, 1), (0, 1), (0, 0), (0, 0)]);
    }

    #[test]
    fn someone_who_first_came_before_the_kept_names_is_no_newcomer_and_brings_no_return() {
        let nights = held(&["2026-01-06", "2026-01-13"]);
        let first_came = HashMap::from([("sam".to_string(), "2025-02-04".to_string())]);
        let returns = newcomer_returns(&nights, &[(0, "sam"), (1, "sam")], &first_came);
        assert_eq!(returns, vec![(0, 0), (0, 0)]);
    }

    #[test]
    fn a_newcomer_at_a_counts_only_meeting_is_counted_there_not_by_name() {
        let nights = vec![Held { date: "2026-01-06", named: false }, Held { date: "2026-01-13", named: true }];
        assert_eq!(newcomer_returns(&nights, &[(0, "jo"), (1, "jo")], &HashMap::new()), vec![(0, 0), (0, 0)]);
    }

    #[test]
    fn the_top_fifth_of_seven_speakers_is_the_two_who_spoke_longest() {
        assert_eq!(top_fifth_ms(vec![60, 300, 120, 240, 90, 30, 45]), 540);
        assert_eq!(top_fifth_ms(vec![100]), 100, "one speaker is the whole top fifth");
        assert_eq!(top_fifth_ms(vec![]), 0);
    }
}
