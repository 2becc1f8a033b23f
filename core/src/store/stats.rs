//! Name-free counts of what the store holds, per group and per year: for the command-line tool's
//! `stats` and anyone reporting to intergroup. No person's name, note or date of a person is read.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::error::Result;
use crate::store::Store;

/// Every group's counts, groups in name order.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Stats {
    pub groups: Vec<GroupStats>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupStats {
    /// The group's name (a group's, never a person's).
    pub name: String,
    pub totals: Counts,
    /// Years with at least one meeting, oldest first.
    pub years: Vec<YearCounts>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct YearCounts {
    pub year: String,
    #[serde(flatten)]
    pub counts: Counts,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Counts {
    pub meetings: i64,
    /// Check-ins at named meetings (a counts-only meeting keeps numbers, not check-ins).
    pub check_ins: i64,
    /// Shares timed, not passes.
    pub shares: i64,
}

/// Per group id and meeting year (the meeting's local date), one count each; removed rows and
/// rows of removed meetings do not count.
const COUNTED: [&str; 3] = [
    "SELECT m.group_id, substr(m.date, 1, 4), count(*) FROM meetings m WHERE m.deleted_at IS NULL GROUP BY 1, 2",
    "SELECT m.group_id, substr(m.date, 1, 4), count(*) FROM check_ins c JOIN meetings m ON m.id = c.meeting_id
     WHERE c.deleted_at IS NULL AND m.deleted_at IS NULL GROUP BY 1, 2",
    "SELECT m.group_id, substr(m.date, 1, 4), count(*) FROM shares s JOIN meetings m ON m.id = s.meeting_id
     WHERE s.deleted_at IS NULL AND m.deleted_at IS NULL GROUP BY 1, 2",
];

impl Store {
    /// How many meetings, check-ins and shares each group has, per year and in all.
    pub fn stats(&self) -> Result<Stats> {
        let conn = self.conn();
        let mut by_group: BTreeMap<String, BTreeMap<String, Counts>> = BTreeMap::new();
        for (i, sql) in COUNTED.iter().enumerate() {
            let mut stmt = conn.prepare(sql)?;
            let rows =
                stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?)))?;
            for row in rows {
                let (group, year, n) = row?;
                let counts = by_group.entry(group).or_default().entry(year).or_default();
                *[&mut counts.meetings, &mut counts.check_ins, &mut counts.shares][i] = n;
            }
        }
        let mut stmt = conn.prepare("SELECT id, name FROM groups WHERE deleted_at IS NULL ORDER BY name, id")?;
        let groups = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = Vec::new();
        for g in groups {
            let (id, name) = g?;
            let years: Vec<YearCounts> = by_group
                .remove(&id)
                .unwrap_or_default()
                .into_iter()
                .map(|(year, counts)| YearCounts { year, counts })
                .collect();
            let totals = years.iter().fold(Counts::default(), |t, y| Counts {
                meetings: t.meetings + y.counts.meetings,
                check_ins: t.check_ins + y.counts.check_ins,
                shares: t.shares + y.counts.shares,
            });
            out.push(GroupStats { name, totals, years });
        }
        Ok(Stats { groups: out })
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::{FakeClock, GroupInput, MeetingMode, OpenMeetingInput, PersonInput, StartShareInput, Store};

    const DAY_MS: i64 = 24 * 60 * 60 * 1000;
    /// 2025-12-30 18:00 UTC, a Tuesday.
    const LAST_TUESDAY_OF_2025: i64 = 1_767_117_600_000;

    #[test]
    fn counts_fall_in_their_meetings_year_and_an_undone_check_in_does_not_count() {
        let clock = FakeClock::at(LAST_TUESDAY_OF_2025);
        let mut store = Store::open_in_memory(Arc::new(clock.clone())).unwrap();
        let group = GroupInput::tuesday_night_hope();
        let g = store.create_group(&group).unwrap();
        let zoe =
            store.add_person(&g.id, &PersonInput { display_name: "Zoë".into(), last_initial: String::new() }).unwrap();
        let sam =
            store.add_person(&g.id, &PersonInput { display_name: "Sam".into(), last_initial: String::new() }).unwrap();
        let open = |store: &mut Store| {
            let input = OpenMeetingInput {
                group_id: g.id.clone(),
                chair: "Robin".into(),
                mode: MeetingMode::Named,
                another_today: false,
            };
            store.open_meeting(&input).unwrap().meeting.id
        };
        let december = open(&mut store);
        store.check_in(&december, &zoe.id).unwrap();
        let view = store.check_in(&december, &sam.id).unwrap();
        let sams = view.attendees.iter().find(|a| a.person_id.as_deref() == Some(sam.id.as_str())).unwrap();
        store.undo_check_in(&sams.check_in_id).unwrap();
        let share = StartShareInput {
            meeting_id: december.clone(),
            person_id: Some(zoe.id.clone()),
            started_ago_ms: 0,
            replace_running: false,
        };
        store.start_share(&share).unwrap();
        clock.advance_ms(7 * DAY_MS);
        let january = open(&mut store);
        store.check_in(&january, &sam.id).unwrap();

        let stats = store.stats().unwrap();
        assert_eq!(stats.groups.len(), 1);
        let years: Vec<_> = stats.groups[0].years.iter().map(|y| (y.year.as_str(), y.counts)).collect();
        let counts = |meetings, check_ins, shares| super::Counts { meetings, check_ins, shares };
        assert_eq!(years, [("2025", counts(1, 1, 1)), ("2026", counts(1, 1, 0))]);
        assert_eq!(stats.groups[0].totals, counts(2, 2, 1));
        let json = serde_json::to_string(&stats).unwrap();
        assert!(!json.contains("Zoë") && !json.contains("Sam") && !json.contains("Robin"), "{json}");
    }
}
