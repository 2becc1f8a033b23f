//! "Check the data": SQLite's full integrity check, every reference checked, and the app's own
//! rules of what the records may say, answered in a chair's words.

use rusqlite::Connection;

use super::{db, Store};
use crate::error::{Count, Problem, Result};
use crate::problem;

/// What a check of the data found: `summary` in one sentence, what was checked, and each problem
/// found (none when `ok`), all in plain words, as sentences the UI says in the chair's language.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DataCheck {
    pub ok: bool,
    #[ts(as = "crate::error::IpcProblem")]
    pub summary: Problem,
    #[ts(as = "Vec<crate::error::IpcProblem>")]
    pub checked: Vec<Problem>,
    #[ts(as = "Vec<crate::error::IpcProblem>")]
    pub problems: Vec<Problem>,
}

/// One of the app's own rules: what it promises, a count of the records that break it, and the
/// problem said for that many records.
struct Rule {
    promise: fn() -> Problem,
    count: &'static str,
    found: fn(i64) -> Problem,
}

/// A running share, and an open round, is one that has not ended and was not undone.
const RULES: &[Rule] = &[
    Rule {
        promise: || {
            problem!("check_promise_cross_group_check_ins", "Every check-in names a person of its meeting's group.")
        },
        count: "SELECT count(*) FROM check_ins c JOIN meetings m ON m.id = c.meeting_id
                JOIN people p ON p.id = c.person_id WHERE p.group_id <> m.group_id",
        found: |n| {
            if n == 1 {
                problem!(
                    "check_found_cross_group_check_ins_one",
                    "{count} check-in names a person from another group's roster.",
                    count = Count(n)
                )
            } else {
                problem!(
                    "check_found_cross_group_check_ins",
                    "{count} check-ins name a person from another group's roster.",
                    count = Count(n)
                )
            }
        },
    },
    Rule {
        promise: || {
            problem!(
                "check_promise_cross_group_shares",
                "Every share, pass and celebration is of a person of its meeting's group."
            )
        },
        count: "SELECT count(*) FROM (
                  SELECT meeting_id, person_id FROM shares UNION ALL
                  SELECT meeting_id, person_id FROM passes UNION ALL
                  SELECT meeting_id, person_id FROM celebrations) x
                JOIN meetings m ON m.id = x.meeting_id JOIN people p ON p.id = x.person_id
                WHERE p.group_id <> m.group_id",
        found: |n| {
            if n == 1 {
                problem!(
                    "check_found_cross_group_shares_one",
                    "{count} share, pass or celebration is of a person from another group's roster.",
                    count = Count(n)
                )
            } else {
                problem!(
                    "check_found_cross_group_shares",
                    "{count} shares, passes or celebrations are of a person from another group's roster.",
                    count = Count(n)
                )
            }
        },
    },
    Rule {
        promise: || {
            problem!(
                "check_promise_round_of_other_meeting",
                "Every share and pass of a round belongs to that round's meeting."
            )
        },
        count: "SELECT count(*) FROM (
                  SELECT meeting_id, round_id FROM shares UNION ALL SELECT meeting_id, round_id FROM passes) x
                JOIN rounds r ON r.id = x.round_id WHERE r.meeting_id <> x.meeting_id",
        found: |n| {
            if n == 1 {
                problem!(
                    "check_found_round_of_other_meeting_one",
                    "{count} share or pass belongs to a round of another meeting.",
                    count = Count(n)
                )
            } else {
                problem!(
                    "check_found_round_of_other_meeting",
                    "{count} shares or passes belong to a round of another meeting.",
                    count = Count(n)
                )
            }
        },
    },
    Rule {
        promise: || {
            problem!(
                "check_promise_item_of_other_group",
                "Action items and acknowledgements belong to a meeting of their own group."
            )
        },
        count: "SELECT count(*) FROM (
                  SELECT group_id, meeting_id FROM action_items UNION ALL
                  SELECT group_id, meeting_id FROM acknowledgements) x
                JOIN meetings m ON m.id = x.meeting_id WHERE m.group_id <> x.group_id",
        found: |n| {
            if n == 1 {
                problem!(
                    "check_found_item_of_other_group_one",
                    "{count} action item or acknowledgement points at another group's meeting.",
                    count = Count(n)
                )
            } else {
                problem!(
                    "check_found_item_of_other_group",
                    "{count} action items or acknowledgements point at another group's meeting.",
                    count = Count(n)
                )
            }
        },
    },
    Rule {
        promise: || problem!("check_promise_share_in_closed_meeting", "Every running share is in an open meeting."),
        count: "SELECT count(*) FROM shares s JOIN meetings m ON m.id = s.meeting_id
                WHERE s.ended_at IS NULL AND s.deleted_at IS NULL AND (m.status <> 'open' OR m.deleted_at IS NOT NULL)",
        found: |n| {
            if n == 1 {
                problem!(
                    "check_found_share_in_closed_meeting_one",
                    "{count} share is still running in a meeting that is closed.",
                    count = Count(n)
                )
            } else {
                problem!(
                    "check_found_share_in_closed_meeting",
                    "{count} shares are still running in a meeting that is closed.",
                    count = Count(n)
                )
            }
        },
    },
    Rule {
        promise: || problem!("check_promise_two_shares_running", "No meeting has more than one share running at once."),
        count: "SELECT count(*) FROM (SELECT meeting_id FROM shares WHERE ended_at IS NULL AND deleted_at IS NULL
                GROUP BY meeting_id HAVING count(*) > 1)",
        found: |n| {
            if n == 1 {
                problem!(
                    "check_found_two_shares_running_one",
                    "{count} meeting has more than one share running at once.",
                    count = Count(n)
                )
            } else {
                problem!(
                    "check_found_two_shares_running",
                    "{count} meetings have more than one share running at once.",
                    count = Count(n)
                )
            }
        },
    },
    Rule {
        promise: || problem!("check_promise_round_in_closed_meeting", "Every open round is in an open meeting."),
        count: "SELECT count(*) FROM rounds r JOIN meetings m ON m.id = r.meeting_id
                WHERE r.ended_at IS NULL AND r.deleted_at IS NULL AND (m.status <> 'open' OR m.deleted_at IS NOT NULL)",
        found: |n| {
            if n == 1 {
                problem!(
                    "check_found_round_in_closed_meeting_one",
                    "{count} round is still open in a meeting that is closed.",
                    count = Count(n)
                )
            } else {
                problem!(
                    "check_found_round_in_closed_meeting",
                    "{count} rounds are still open in a meeting that is closed.",
                    count = Count(n)
                )
            }
        },
    },
    Rule {
        promise: || problem!("check_promise_two_rounds_open", "No meeting has more than one round open at once."),
        count: "SELECT count(*) FROM (SELECT meeting_id FROM rounds WHERE ended_at IS NULL AND deleted_at IS NULL
                GROUP BY meeting_id HAVING count(*) > 1)",
        found: |n| {
            if n == 1 {
                problem!(
                    "check_found_two_rounds_open_one",
                    "{count} meeting has more than one round open at once.",
                    count = Count(n)
                )
            } else {
                problem!(
                    "check_found_two_rounds_open",
                    "{count} meetings have more than one round open at once.",
                    count = Count(n)
                )
            }
        },
    },
    Rule {
        promise: || {
            problem!("check_promise_closing_time", "Every closed meeting says when it closed, and no open one does.")
        },
        count: "SELECT count(*) FROM meetings WHERE (status = 'closed') <> (closed_at IS NOT NULL)",
        found: |n| {
            if n == 1 {
                problem!(
                    "check_found_closing_time_one",
                    "{count} meeting is marked closed without a closing time, or open with one.",
                    count = Count(n)
                )
            } else {
                problem!(
                    "check_found_closing_time",
                    "{count} meetings are marked closed without a closing time, or open with one.",
                    count = Count(n)
                )
            }
        },
    },
    Rule {
        promise: || {
            problem!("check_promise_unreadable", "Every saved round, format, meeting run and report reads back.")
        },
        count: "SELECT (SELECT count(*) FROM rounds WHERE deleted_at IS NULL AND NOT json_valid(state))
                     + (SELECT count(*) FROM meetings WHERE NOT json_valid(coalesce(format, '{}'))
                          OR NOT json_valid(coalesce(run, '{}')) OR NOT json_valid(coalesce(report, '{}')))
                     + (SELECT count(*) FROM groups WHERE NOT json_valid(coalesce(format, '{}'))
                          OR NOT json_valid(coalesce(milestone_points, '{}')))",
        found: |n| {
            if n == 1 {
                problem!(
                    "check_found_unreadable_one",
                    "{count} saved round, format, meeting run or report cannot be read back.",
                    count = Count(n)
                )
            } else {
                problem!(
                    "check_found_unreadable",
                    "{count} saved rounds, formats, meeting runs or reports cannot be read back.",
                    count = Count(n)
                )
            }
        },
    },
    Rule {
        promise: || {
            problem!(
                "check_promise_own_records",
                "The store's own clock, which dates every change, and this laptop's id are there once each."
            )
        },
        count: "SELECT ((SELECT count(*) FROM local_clock) <> 1) + ((SELECT count(*) FROM device) <> 1)",
        found: |n| {
            if n == 1 {
                problem!(
                    "check_found_own_records_one",
                    "{count} of the store's own records (its clock or this laptop's id) is missing or doubled.",
                    count = Count(n)
                )
            } else {
                problem!(
                    "check_found_own_records",
                    "{count} of the store's own records (its clock and this laptop's id) are missing or doubled.",
                    count = Count(n)
                )
            }
        },
    },
];

/// A table's records counted in plain words ("2 check-ins"); a table not named here is named as it is.
fn counted(table: &str, n: i64) -> Problem {
    let one = n == 1;
    match table {
        "groups" if one => problem!("check_1_groups", "{count} group", count = Count(n)),
        "groups" => problem!("check_n_groups", "{count} groups", count = Count(n)),
        "people" if one => problem!("check_1_people", "{count} person", count = Count(n)),
        "people" => problem!("check_n_people", "{count} people on a roster", count = Count(n)),
        "meetings" if one => problem!("check_1_meetings", "{count} meeting", count = Count(n)),
        "meetings" => problem!("check_n_meetings", "{count} meetings", count = Count(n)),
        "check_ins" if one => problem!("check_1_check_ins", "{count} check-in", count = Count(n)),
        "check_ins" => problem!("check_n_check_ins", "{count} check-ins", count = Count(n)),
        "meeting_counts" if one => problem!("check_1_meeting_counts", "{count} meeting's counts", count = Count(n)),
        "meeting_counts" => problem!("check_n_meeting_counts", "{count} meetings' counts", count = Count(n)),
        "meeting_facts" if one => problem!("check_1_meeting_facts", "{count} meeting's kept facts", count = Count(n)),
        "meeting_facts" => problem!("check_n_meeting_facts", "{count} meetings' kept facts", count = Count(n)),
        "seating" if one => problem!("check_1_seating", "{count} seating plan", count = Count(n)),
        "seating" => problem!("check_n_seating", "{count} seating plans", count = Count(n)),
        "rounds" if one => problem!("check_1_rounds", "{count} round", count = Count(n)),
        "rounds" => problem!("check_n_rounds", "{count} rounds", count = Count(n)),
        "shares" if one => problem!("check_1_shares", "{count} share", count = Count(n)),
        "shares" => problem!("check_n_shares", "{count} shares", count = Count(n)),
        "passes" if one => problem!("check_1_passes", "{count} pass", count = Count(n)),
        "passes" => problem!("check_n_passes", "{count} passes", count = Count(n)),
        "celebrations" if one => problem!("check_1_celebrations", "{count} celebration", count = Count(n)),
        "celebrations" => problem!("check_n_celebrations", "{count} celebrations", count = Count(n)),
        "keytag_stock" if one => problem!("check_1_keytag_stock", "{count} keytag count", count = Count(n)),
        "keytag_stock" => problem!("check_n_keytag_stock", "{count} keytag counts", count = Count(n)),
        "reports" if one => problem!("check_1_reports", "{count} chair's report", count = Count(n)),
        "reports" => problem!("check_n_reports", "{count} chair's reports", count = Count(n)),
        "action_items" if one => problem!("check_1_action_items", "{count} action item", count = Count(n)),
        "action_items" => problem!("check_n_action_items", "{count} action items", count = Count(n)),
        "acknowledgements" if one => problem!("check_1_acknowledgements", "{count} acknowledgement", count = Count(n)),
        "acknowledgements" => problem!("check_n_acknowledgements", "{count} acknowledgements", count = Count(n)),
        "positions" if one => problem!("check_1_positions", "{count} service position", count = Count(n)),
        "positions" => problem!("check_n_positions", "{count} service positions", count = Count(n)),
        "chair_rota" if one => problem!("check_1_chair_rota", "{count} rota entry", count = Count(n)),
        "chair_rota" => problem!("check_n_chair_rota", "{count} rota entries", count = Count(n)),
        "slips" if one => problem!("check_1_slips", "{count} attendance slip", count = Count(n)),
        "slips" => problem!("check_n_slips", "{count} attendance slips", count = Count(n)),
        "resources" if one => problem!("check_1_resources", "{count} entry on the resources card", count = Count(n)),
        "resources" => problem!("check_n_resources", "{count} entries on the resources card", count = Count(n)),
        _ if one => problem!("check_1_other", "{count} record in {table}", count = Count(n), table = table),
        _ => problem!("check_n_other", "{count} records in {table}", count = Count(n), table = table),
    }
}

/// One record of a table, in plain words with its article: "a meeting", "an action item".
fn one_of(table: &str) -> Problem {
    match table {
        "groups" => problem!("check_a_groups", "a group"),
        "people" => problem!("check_a_people", "a person"),
        "meetings" => problem!("check_a_meetings", "a meeting"),
        "check_ins" => problem!("check_a_check_ins", "a check-in"),
        "meeting_counts" => problem!("check_a_meeting_counts", "a meeting's counts"),
        "meeting_facts" => problem!("check_a_meeting_facts", "a meeting's kept facts"),
        "seating" => problem!("check_a_seating", "a seating plan"),
        "rounds" => problem!("check_a_rounds", "a round"),
        "shares" => problem!("check_a_shares", "a share"),
        "passes" => problem!("check_a_passes", "a pass"),
        "celebrations" => problem!("check_a_celebrations", "a celebration"),
        "keytag_stock" => problem!("check_a_keytag_stock", "a keytag count"),
        "reports" => problem!("check_a_reports", "a chair's report"),
        "action_items" => problem!("check_a_action_items", "an action item"),
        "acknowledgements" => problem!("check_a_acknowledgements", "an acknowledgement"),
        "positions" => problem!("check_a_positions", "a service position"),
        "chair_rota" => problem!("check_a_chair_rota", "a rota entry"),
        "slips" => problem!("check_a_slips", "an attendance slip"),
        "resources" => problem!("check_a_resources", "an entry on the resources card"),
        _ => problem!("check_a_other", "a record in {table}", table = table),
    }
}

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
    checked.push(problem!(
        "check_pages",
        "Every page of the data file reads back whole, and every index matches its records."
    ));
    if let Some(first) = damage.first() {
        let n = damage.len() as i64;
        problems.push(if n == 1 {
            problem!(
                "check_damaged_one",
                "The data file itself is damaged in {count} place ({first}). Restore the newest backup that \
                 opens; the damaged file is kept aside, not deleted.",
                count = Count(n),
                first = first
            )
        } else {
            problem!(
                "check_damaged",
                "The data file itself is damaged in {count} places ({first}). Restore the newest backup that \
                 opens; the damaged file is kept aside, not deleted.",
                count = Count(n),
                first = first
            )
        });
        // The other checks read the same damaged pages; their answers would mislead.
        return Ok(verdict(conn, checked, problems));
    }

    checked.push(problem!("check_references", "Every record points at records that are there."));
    problems.extend(broken_references(conn)?);

    for rule in RULES {
        checked.push((rule.promise)());
        let n: i64 = conn.query_row(rule.count, [], |r| r.get(0))?;
        if n > 0 {
            problems.push((rule.found)(n));
        }
    }
    Ok(verdict(conn, checked, problems))
}

/// `PRAGMA foreign_key_check`, one sentence per kind of broken reference: "2 check-ins point at a
/// meeting that is not there."
fn broken_references(conn: &Connection) -> Result<Vec<Problem>> {
    let mut stmt =
        conn.prepare("SELECT \"table\", parent, count(*) FROM pragma_foreign_key_check GROUP BY 1, 2 ORDER BY 1, 2")?;
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .map(|(table, parent, n)| {
            let (child, parent) = (counted(&table, n), one_of(&parent));
            if n == 1 {
                problem!(
                    "check_broken_one",
                    "{child} points at {parent} that is not there.",
                    child = child,
                    parent = parent
                )
            } else {
                problem!("check_broken", "{child} point at {parent} that is not there.", child = child, parent = parent)
            }
        })
        .collect())
}

/// The answer, headed by one sentence: "The data is in order: 3 groups, 1,560 meetings and 62,000 check-ins."
fn verdict(conn: &Connection, checked: Vec<Problem>, problems: Vec<Problem>) -> DataCheck {
    let counted_: rusqlite::Result<(i64, i64, i64)> = conn.query_row(
        "SELECT (SELECT count(*) FROM groups WHERE deleted_at IS NULL),
                (SELECT count(*) FROM meetings WHERE deleted_at IS NULL),
                (SELECT count(*) FROM check_ins WHERE deleted_at IS NULL)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    );
    let ok = problems.is_empty();
    let found = problems.len() as i64;
    let summary = match counted_ {
        Ok((groups, meetings, check_ins)) => {
            let what = problem!(
                "check_what",
                "{groups}, {meetings} and {check_ins}",
                groups = counted("groups", groups),
                meetings = counted("meetings", meetings),
                check_ins = counted("check_ins", check_ins)
            );
            match found {
                0 if groups + meetings + check_ins == 0 => {
                    problem!("check_sound_empty", "The data file is sound; it holds no groups yet.")
                }
                0 => problem!("check_in_order", "The data is in order: {what}.", what = what),
                1 => problem!(
                    "check_problems_one",
                    "{count} problem was found among {what}.",
                    count = Count(found),
                    what = what
                ),
                _ => problem!(
                    "check_problems",
                    "{count} problems were found among {what}.",
                    count = Count(found),
                    what = what
                ),
            }
        }
        Err(_) if found == 1 => problem!(
            "check_uncounted_one",
            "{count} problem was found; the records could not be counted.",
            count = Count(found)
        ),
        Err(_) => problem!(
            "check_uncounted",
            "{count} problems were found; the records could not be counted.",
            count = Count(found)
        ),
    };
    DataCheck { ok, summary, checked, problems }
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
            found.problems.iter().map(|p| p.to_string()).collect()
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
        assert_eq!(&*found.summary, "The data is in order: 2 groups, 2 meetings and 4 check-ins.");
        assert_eq!(found.checked.len(), RULES.len() + 2);
    }

    #[test]
    fn a_new_store_holds_nothing_yet() {
        let store = Store::open_in_memory(Arc::new(FakeClock::at(0))).unwrap();
        assert_eq!(&*store.check_data().unwrap().summary, "The data file is sound; it holds no groups yet.");
    }

    #[test]
    fn check_ins_of_a_meeting_that_is_not_there() {
        let e = evening();
        e.finds(
            &format!("UPDATE check_ins SET meeting_id = 'gone' WHERE meeting_id = '{}'", e.meeting),
            "2 check-ins point at a meeting that is not there.",
        );
        let found = e.store.check_data().unwrap();
        assert_eq!(&*found.summary, "1 problem was found among 2 groups, 2 meetings and 4 check-ins.");
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
        let said = |table: &str, n: i64| counted(table, n).to_string();
        assert_eq!(said("meetings", 0), "0 meetings");
        assert_eq!(said("meetings", 999), "999 meetings");
        assert_eq!(said("meetings", 1_560), "1,560 meetings");
        assert_eq!(said("check_ins", 62_000), "62,000 check-ins");
        assert_eq!(said("check_ins", 1_234_567), "1,234,567 check-ins");
        assert_eq!(said("meetings", 1), "1 meeting");
        assert_eq!(one_of("action_items").to_string(), "an action item");
        assert_eq!(said("mystery", 2), "2 records in mystery");
    }

    #[test]
    fn a_summary_crosses_with_its_counts_as_numbers() {
        let e = evening();
        e.sql(&format!("UPDATE check_ins SET meeting_id = 'gone' WHERE meeting_id = '{}'", e.meeting));
        let json = serde_json::to_value(e.store.check_data().unwrap()).unwrap();
        assert_eq!(json["summary"]["code"], "check_problems_one");
        assert_eq!(json["summary"]["params"]["count"], 1);
        assert_eq!(json["summary"]["params"]["what"]["params"]["groups"]["code"], "check_n_groups");
        assert_eq!(json["summary"]["params"]["what"]["params"]["groups"]["params"]["count"], 2);
        assert_eq!(json["problems"][0]["code"], "check_broken");
        assert_eq!(json["problems"][0]["params"]["parent"]["code"], "check_a_meetings");
    }
}
