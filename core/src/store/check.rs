//! "Check the data": SQLite's full integrity check, every reference checked, and the app's own
//! rules of what the records may say, answered in a chair's words.

use rusqlite::Connection;

use super::{db, Store};
use crate::error::Result;

/// What a check of the data found: `summary` in one sentence, what was checked, and each problem
/// found (none when `ok`), all in plain words.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DataCheck {
    pub ok: bool,
    pub summary: String,
    pub checked: Vec<String>,
    pub problems: Vec<String>,
}

/// One of the app's own rules: what it promises, and a count of the records that break it.
struct Rule {
    promise: &'static str,
    count: &'static str,
    /// The problem for one record, and for more.
    one: &'static str,
    many: &'static str,
}

/// A running share, and an open round, is one that has not ended and was not undone.
const RULES: &[Rule] = &[
    Rule {
        promise: "Every check-in names a person of its meeting's group.",
        count: "SELECT count(*) FROM check_ins c JOIN meetings m ON m.id = c.meeting_id
                JOIN people p ON p.id = c.person_id WHERE p.group_id <> m.group_id",
        one: "check-in names a person from another group's roster",
        many: "check-ins name a person from another group's roster",
    },
    Rule {
        promise: "Every share, pass and celebration is of a person of its meeting's group.",
        count: "SELECT count(*) FROM (
                  SELECT meeting_id, person_id FROM shares UNION ALL
                  SELECT meeting_id, person_id FROM passes UNION ALL
                  SELECT meeting_id, person_id FROM celebrations) x
                JOIN meetings m ON m.id = x.meeting_id JOIN people p ON p.id = x.person_id
                WHERE p.group_id <> m.group_id",
        one: "share, pass or celebration is of a person from another group's roster",
        many: "shares, passes or celebrations are of a person from another group's roster",
    },
    Rule {
        promise: "Every share and pass of a round belongs to that round's meeting.",
        count: "SELECT count(*) FROM (
                  SELECT meeting_id, round_id FROM shares UNION ALL SELECT meeting_id, round_id FROM passes) x
                JOIN rounds r ON r.id = x.round_id WHERE r.meeting_id <> x.meeting_id",
        one: "share or pass belongs to a round of another meeting",
        many: "shares or passes belong to a round of another meeting",
    },
    Rule {
        promise: "Action items and acknowledgements belong to a meeting of their own group.",
        count: "SELECT count(*) FROM (
                  SELECT group_id, meeting_id FROM action_items UNION ALL
                  SELECT group_id, meeting_id FROM acknowledgements) x
                JOIN meetings m ON m.id = x.meeting_id WHERE m.group_id <> x.group_id",
        one: "action item or acknowledgement points at another group's meeting",
        many: "action items or acknowledgements point at another group's meeting",
    },
    Rule {
        promise: "Every running share is in an open meeting.",
        count: "SELECT count(*) FROM shares s JOIN meetings m ON m.id = s.meeting_id
                WHERE s.ended_at IS NULL AND s.deleted_at IS NULL AND (m.status <> 'open' OR m.deleted_at IS NOT NULL)",
        one: "share is still running in a meeting that is closed",
        many: "shares are still running in a meeting that is closed",
    },
    Rule {
        promise: "No meeting has more than one share running at once.",
        count: "SELECT count(*) FROM (SELECT meeting_id FROM shares WHERE ended_at IS NULL AND deleted_at IS NULL
                GROUP BY meeting_id HAVING count(*) > 1)",
        one: "meeting has more than one share running at once",
        many: "meetings have more than one share running at once",
    },
    Rule {
        promise: "Every open round is in an open meeting.",
        count: "SELECT count(*) FROM rounds r JOIN meetings m ON m.id = r.meeting_id
                WHERE r.ended_at IS NULL AND r.deleted_at IS NULL AND (m.status <> 'open' OR m.deleted_at IS NOT NULL)",
        one: "round is still open in a meeting that is closed",
        many: "rounds are still open in a meeting that is closed",
    },
    Rule {
        promise: "No meeting has more than one round open at once.",
        count: "SELECT count(*) FROM (SELECT meeting_id FROM rounds WHERE ended_at IS NULL AND deleted_at IS NULL
                GROUP BY meeting_id HAVING count(*) > 1)",
        one: "meeting has more than one round open at once",
        many: "meetings have more than one round open at once",
    },
    Rule {
        promise: "Every closed meeting says when it closed, and no open one does.",
        count: "SELECT count(*) FROM meetings WHERE (status = 'closed') <> (closed_at IS NOT NULL)",
        one: "meeting is marked closed without a closing time, or open with one",
        many: "meetings are marked closed without a closing time, or open with one",
    },
    Rule {
        promise: "Every saved round, format, meeting run and report reads back.",
        count: "SELECT (SELECT count(*) FROM rounds WHERE deleted_at IS NULL AND NOT json_valid(state))
                     + (SELECT count(*) FROM meetings WHERE NOT json_valid(coalesce(format, '{}'))
                          OR NOT json_valid(coalesce(run, '{}')) OR NOT json_valid(coalesce(report, '{}')))
                     + (SELECT count(*) FROM groups WHERE NOT json_valid(coalesce(format, '{}'))
                          OR NOT json_valid(coalesce(milestone_points, '{}')))",
        one: "saved round, format, meeting run or report cannot be read back",
        many: "saved rounds, formats, meeting runs or reports cannot be read back",
    },
    Rule {
        promise: "The store's own clock, which dates every change, and this laptop's id are there once each.",
        count: "SELECT ((SELECT count(*) FROM local_clock) <> 1) + ((SELECT count(*) FROM device) <> 1)",
        one: "of the store's own records (its clock or this laptop's id) is missing or doubled",
        many: "of the store's own records (its clock and this laptop's id) are missing or doubled",
    },
];

/// Plain names of the tables a broken reference may be found in: (table, one, many).
const NOUNS: &[(&str, &str, &str)] = &[
    ("groups", "group", "groups"),
    ("people", "person", "people on a roster"),
    ("meetings", "meeting", "meetings"),
    ("check_ins", "check-in", "check-ins"),
    ("meeting_counts", "meeting's counts", "meetings' counts"),
    ("meeting_facts", "meeting's kept facts", "meetings' kept facts"),
    ("seating", "seating plan", "seating plans"),
    ("rounds", "round", "rounds"),
    ("shares", "share", "shares"),
    ("passes", "pass", "passes"),
    ("celebrations", "celebration", "celebrations"),
    ("keytag_stock", "keytag count", "keytag counts"),
    ("reports", "chair's report", "chair's reports"),
    ("action_items", "action item", "action items"),
    ("acknowledgements", "acknowledgement", "acknowledgements"),
    ("positions", "service position", "service positions"),
    ("chair_rota", "rota entry", "rota entries"),
    ("slips", "attendance slip", "attendance slips"),
    ("resources", "entry on the resources card", "entries on the resources card"),
];

impl Store {
    /// Checks the whole data file: SQLite's full integrity check (every page, tree and index),
    /// every reference between records, and the app's own rules. Reads only.
    pub fn check_data(&self) -> Result<DataCheck> {
        check(self.conn())
    }
}

fn check(conn: &Connection) -> Result<DataCheck> {
    let mut checked = vec![];
    let mut problems = vec![];

    let damage = db::integrity_problems(conn)?;
    checked.push("Every page of the data file reads back whole, and every index matches its records.".to_string());
    if let Some(first) = damage.first() {
        problems.push(format!(
            "The data file itself is damaged in {} ({first}). Restore the newest backup that opens; \
             the damaged file is kept aside, not deleted.",
            count(damage.len() as i64, "place", "places")
        ));
        // The other checks read the same damaged pages; their answers would mislead.
        return Ok(verdict(conn, checked, problems));
    }

    checked.push("Every record points at records that are there.".to_string());
    problems.extend(broken_references(conn)?);

    for rule in RULES {
        checked.push(rule.promise.to_string());
        let n: i64 = conn.query_row(rule.count, [], |r| r.get(0))?;
        if n > 0 {
            problems.push(format!("{} {}.", number(n), if n == 1 { rule.one } else { rule.many }));
        }
    }
    Ok(verdict(conn, checked, problems))
}

/// `PRAGMA foreign_key_check`, one sentence per kind of broken reference: "2 check-ins point at a
/// meeting that is not there."
fn broken_references(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt =
        conn.prepare("SELECT \"table\", parent, count(*) FROM pragma_foreign_key_check GROUP BY 1, 2 ORDER BY 1, 2")?;
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .map(|(table, parent, n)| {
            let (one, many) = nouns(&table);
            let (child, verb) = if n == 1 { (one, "points") } else { (many, "point") };
            let parent = nouns(&parent).0;
            let article = if parent.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
            format!("{} {child} {verb} at {article} {parent} that is not there.", number(n))
        })
        .collect())
}

/// A table's plain name, one and many; a table not named here is named as it is.
fn nouns(table: &str) -> (String, String) {
    match NOUNS.iter().find(|(t, ..)| *t == table) {
        Some((_, one, many)) => (one.to_string(), many.to_string()),
        None => (format!("record in {table}"), format!("records in {table}")),
    }
}

/// The answer, headed by one sentence: "The data is in order: 3 groups, 1,560 meetings and 62,000 check-ins."
fn verdict(conn: &Connection, checked: Vec<String>, problems: Vec<String>) -> DataCheck {
    let counted: rusqlite::Result<(i64, i64, i64)> = conn.query_row(
        "SELECT (SELECT count(*) FROM groups WHERE deleted_at IS NULL),
                (SELECT count(*) FROM meetings WHERE deleted_at IS NULL),
                (SELECT count(*) FROM check_ins WHERE deleted_at IS NULL)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    );
    let ok = problems.is_empty();
    let summary = match counted {
        Ok((groups, meetings, check_ins)) => {
            let what = format!(
                "{}, {} and {}",
                count(groups, "group", "groups"),
                count(meetings, "meeting", "meetings"),
                count(check_ins, "check-in", "check-ins")
            );
            match problems.len() {
                0 if groups + meetings + check_ins == 0 => "The data file is sound; it holds no groups yet.".into(),
                0 => format!("The data is in order: {what}."),
                n => format!("{} found among {what}.", capitalised(&count(n as i64, "problem was", "problems were"))),
            }
        }
        Err(_) => format!(
            "{} found; the records could not be counted.",
            count(problems.len() as i64, "problem was", "problems were")
        ),
    };
    DataCheck { ok, summary, checked, problems }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// "1 meeting", "1,560 meetings".
fn count(n: i64, one: &str, many: &str) -> String {
    format!("{} {}", number(n), if n == 1 { one } else { many })
}

/// A count with thousands separated by commas: 62,000.
fn number(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        Direction, FakeClock, GroupInput, MeetingMode, OpenMeetingInput, PersonInput, StartCircleInput, StartShareInput,
    };
    use std::sync::Arc;

    /// Two groups; tonight's meeting of the first with Ana sharing, and a second meeting the same
    /// evening with a circle round going on: records of every kind the rules read.
    struct Evening {
        store: Store,
        other_person: String,
        meeting: String,
        second: String,
    }

    fn group(store: &mut Store, name: &str) -> String {
        let input = GroupInput {
            name: name.into(),
            fellowship: String::new(),
            weekday: 1,
            start_time: "19:00".into(),
            length_min: 60,
            location: String::new(),
        };
        store.create_group(&input).unwrap().id
    }

    fn person(store: &mut Store, group: &str, name: &str) -> String {
        store.add_person(group, &PersonInput { display_name: name.into(), last_initial: String::new() }).unwrap().id
    }

    fn meeting(store: &mut Store, group: &str, another_today: bool) -> String {
        let input =
            OpenMeetingInput { group_id: group.into(), chair: "Robin".into(), mode: MeetingMode::Named, another_today };
        store.open_meeting(&input).unwrap().meeting.id
    }

    fn evening() -> Evening {
        let mut store = Store::open_in_memory(Arc::new(FakeClock::at(1_794_938_400_000))).unwrap();
        let hope = group(&mut store, "Tuesday Night Hope");
        let other = group(&mut store, "Friday Serenity");
        let (ana, ben) = (person(&mut store, &hope, "Ana"), person(&mut store, &hope, "Ben"));
        let other_person = person(&mut store, &other, "Cy");
        let meeting = meeting(&mut store, &hope, false);
        let second = self::meeting(&mut store, &hope, true);
        for m in [&meeting, &second] {
            store.check_in(m, &ana).unwrap();
            store.check_in(m, &ben).unwrap();
        }
        let share = StartShareInput {
            meeting_id: meeting.clone(),
            person_id: Some(ana.clone()),
            started_ago_ms: 0,
            replace_running: false,
        };
        store.start_share(&share).unwrap();
        let circle = StartCircleInput {
            meeting_id: second.clone(),
            first_person_id: Some(ben),
            direction: Direction::Clockwise,
        };
        store.start_circle(&circle).unwrap();
        Evening { store, other_person, meeting, second }
    }

    impl Evening {
        /// Breaks a rule by hand, as a bug or a damaged file might, with the store's own checks off.
        fn sql(&self, sql: &str) {
            self.store.conn().execute_batch(&format!("PRAGMA foreign_keys = OFF; {sql}")).unwrap();
        }

        fn problems(&self) -> Vec<String> {
            let found = self.store.check_data().unwrap();
            assert_eq!(found.ok, found.problems.is_empty());
            found.problems
        }

        fn finds(&self, sql: &str, problem: &str) {
            self.sql(sql);
            let problems = self.problems();
            assert!(problems.iter().any(|p| p == problem), "{problem:?} not in {problems:#?}");
        }
    }

    #[test]
    fn an_evening_as_the_app_left_it_is_in_order() {
        let found = evening().store.check_data().unwrap();
        assert!(found.ok, "{:#?}", found.problems);
        assert_eq!(found.summary, "The data is in order: 2 groups, 2 meetings and 4 check-ins.");
        assert_eq!(found.checked.len(), RULES.len() + 2);
    }

    #[test]
    fn a_new_store_holds_nothing_yet() {
        let store = Store::open_in_memory(Arc::new(FakeClock::at(0))).unwrap();
        assert_eq!(store.check_data().unwrap().summary, "The data file is sound; it holds no groups yet.");
    }

    #[test]
    fn check_ins_of_a_meeting_that_is_not_there() {
        let e = evening();
        e.finds(
            &format!("UPDATE check_ins SET meeting_id = 'gone' WHERE meeting_id = '{}'", e.meeting),
            "2 check-ins point at a meeting that is not there.",
        );
        let found = e.store.check_data().unwrap();
        assert_eq!(found.summary, "1 problem was found among 2 groups, 2 meetings and 4 check-ins.");
    }

    #[test]
    fn a_check_in_of_someone_on_another_groups_roster() {
        let e = evening();
        e.finds(
            &format!("UPDATE check_ins SET person_id = '{}' WHERE rowid = 1", e.other_person),
            "1 check-in names a person from another group's roster.",
        );
    }

    #[test]
    fn a_share_of_someone_on_another_groups_roster() {
        let e = evening();
        e.finds(
            &format!("UPDATE shares SET person_id = '{}'", e.other_person),
            "1 share, pass or celebration is of a person from another group's roster.",
        );
    }

    #[test]
    fn a_share_of_a_round_in_another_meeting() {
        let e = evening();
        e.finds(
            &format!("UPDATE shares SET round_id = (SELECT id FROM rounds WHERE meeting_id = '{}')", e.second),
            "1 share or pass belongs to a round of another meeting.",
        );
    }

    #[test]
    fn an_action_item_raised_at_another_groups_meeting() {
        let e = evening();
        e.finds(
            &format!(
                "INSERT INTO action_items (id, group_id, meeting_id, text, raised_by, status, created_at, updated_at, updated_by)
                 VALUES ('item', (SELECT group_id FROM people WHERE id = '{}'), '{}', 'Order keytags', 'Robin', 'open', 0, 0, 'x')",
                e.other_person, e.meeting
            ),
            "1 action item or acknowledgement points at another group's meeting.",
        );
    }

    #[test]
    fn a_share_still_running_in_a_closed_meeting() {
        let e = evening();
        e.finds(
            &format!("UPDATE meetings SET status = 'closed', closed_at = 1 WHERE id = '{}'", e.meeting),
            "1 share is still running in a meeting that is closed.",
        );
    }

    #[test]
    fn two_shares_running_at_once() {
        let e = evening();
        e.finds(
            "DROP INDEX one_running_share;
             INSERT INTO shares (id, meeting_id, person_id, planned_ms, warn_ms, started_at, created_at, updated_at, updated_by)
             SELECT 'second', meeting_id, NULL, planned_ms, warn_ms, started_at, created_at, updated_at, updated_by FROM shares",
            "1 meeting has more than one share running at once.",
        );
    }

    #[test]
    fn a_round_still_open_in_a_closed_meeting() {
        let e = evening();
        e.finds(
            &format!("UPDATE meetings SET status = 'closed', closed_at = 1 WHERE id = '{}'", e.second),
            "1 round is still open in a meeting that is closed.",
        );
    }

    #[test]
    fn two_rounds_open_at_once() {
        let e = evening();
        e.finds(
            "DROP INDEX one_open_round;
             INSERT INTO rounds (id, meeting_id, state, started_at, created_at, updated_at, updated_by)
             SELECT 'second', meeting_id, state, started_at, created_at, updated_at, updated_by FROM rounds",
            "1 meeting has more than one round open at once.",
        );
    }

    #[test]
    fn a_meeting_closed_without_a_closing_time() {
        let e = evening();
        e.finds(
            &format!("UPDATE meetings SET status = 'closed', closed_at = NULL WHERE id = '{}'", e.second),
            "1 meeting is marked closed without a closing time, or open with one.",
        );
    }

    #[test]
    fn a_round_whose_saved_state_cannot_be_read() {
        let e = evening();
        e.finds(
            "UPDATE rounds SET state = '{\"waiting\": ['",
            "1 saved round, format, meeting run or report cannot be read back.",
        );
    }

    #[test]
    fn the_stores_own_clock_is_missing() {
        let e = evening();
        e.finds(
            "DELETE FROM local_clock",
            "1 of the store's own records (its clock or this laptop's id) is missing or doubled.",
        );
    }

    #[test]
    fn an_index_that_no_longer_matches_its_records_is_damage() {
        let e = evening();
        // Swaps the pages of two indexes of check-ins: every page still reads, but neither index
        // matches the records any more, as after a torn write.
        let version: i64 = e.store.conn().query_row("PRAGMA schema_version", [], |r| r.get(0)).unwrap();
        e.sql(&format!(
            "PRAGMA writable_schema = ON;
             UPDATE sqlite_schema SET rootpage = CASE name
                 WHEN 'check_ins_by_person' THEN (SELECT rootpage FROM sqlite_schema WHERE name = 'people_by_group')
                 ELSE (SELECT rootpage FROM sqlite_schema WHERE name = 'check_ins_by_person') END
             WHERE name IN ('check_ins_by_person', 'people_by_group');
             PRAGMA schema_version = {};
             PRAGMA writable_schema = OFF;",
            version + 1
        ));
        let found = e.store.check_data().unwrap();
        assert!(!found.ok);
        assert_eq!(found.problems.len(), 1, "{:#?}", found.problems);
        assert!(found.problems[0].starts_with("The data file itself is damaged in "), "{}", found.problems[0]);
        assert!(found.problems[0].contains("Restore the newest backup that opens"));
    }

    #[test]
    fn numbers_are_written_as_a_chair_reads_them() {
        assert_eq!(number(0), "0");
        assert_eq!(number(999), "999");
        assert_eq!(number(1_560), "1,560");
        assert_eq!(number(62_000), "62,000");
        assert_eq!(number(1_234_567), "1,234,567");
        assert_eq!(count(1, "meeting", "meetings"), "1 meeting");
    }
}
