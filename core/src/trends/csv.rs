//! The trends as a spreadsheet, for the treasurer, the business meeting and intergroup: one row per
//! meeting, or one per month, name-free. Written with the `csv` crate (quotes, commas and line
//! breaks in a group's name handled), as UTF-8 with a byte-order mark, which Excel needs to read
//! "Grupo Año Nuevo" as it is (LibreOffice and Python's `utf-8-sig` skip the mark).

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::facts::MeetingFacts;
use super::{buckets, day, read, Period, TrendBucket};
use crate::error::{problem, Error, Result};
use crate::group;
use crate::store::Store;

/// What each row of the spreadsheet is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum CsvRows {
    Meetings,
    /// One row per meeting, with the first names or aliases of who came: only when the chair asks
    /// for them, and has confirmed that anyone who opens the file can read them.
    MeetingsWithNames,
    Months,
}

const BOM: &[u8] = "\u{feff}".as_bytes();

/// The counts of who came, in both spreadsheets.
const WHO_CAME: [&str; 5] =
    ["Newcomers", "Newcomers back within 30 days", "Newcomers back within 90 days", "Returning members", "Visitors"];

/// The sharing, in both spreadsheets.
const SHARING: [&str; 6] = [
    "Shares",
    "Passes",
    "Share time (minutes)",
    "Median share (minutes)",
    "Top fifth of speakers' part of share time (%)",
    "Shares over time",
];

/// The names' heading, last so the name-free columns keep their places.
const NAMES: &str = "Who came (first names or aliases)";

fn meeting_columns() -> Vec<&'static str> {
    [&["Group", "Date", "Headcount"][..], &WHO_CAME, &SHARING, &["Finished on time", "Collection"]].concat()
}

fn month_columns() -> Vec<&'static str> {
    let when = ["Group", "Month", "First day", "Last day", "Meetings"];
    let headcount = ["Mean headcount", "Smallest headcount", "Largest headcount"];
    let end = ["Meetings finished on time", "Meetings with a collection", "Collections"];
    [&when[..], &headcount, &WHO_CAME, &SHARING, &end].concat()
}

fn minutes(ms: i64) -> String {
    format!("{:.1}", ms as f64 / 60_000.0)
}

fn percent(part: f64) -> String {
    format!("{:.0}", part * 100.0)
}

/// Cents as a plain decimal amount ("12.50"): the spreadsheet adds them up; the currency is the group's.
fn money(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", cents.unsigned_abs() / 100, cents.unsigned_abs() % 100)
}

fn meeting_row(group: &str, m: &MeetingFacts) -> Vec<String> {
    let share_time: i64 = m.share_ms.iter().sum();
    let c = &m.counts;
    vec![
        group.to_string(),
        m.date.format("%Y-%m-%d").to_string(),
        c.headcount.to_string(),
        c.newcomers.to_string(),
        m.came_back_30.to_string(),
        m.came_back_90.to_string(),
        c.returning.to_string(),
        c.visitors.to_string(),
        m.share_ms.len().to_string(),
        m.passes.to_string(),
        minutes(share_time),
        buckets::median(&mut m.share_ms.clone()).map(minutes).unwrap_or_default(),
        if share_time > 0 { percent(m.top_fifth_ms as f64 / share_time as f64) } else { String::new() },
        m.overtime.to_string(),
        m.finished_on_time.map(|on_time| if on_time { "yes" } else { "no" }).unwrap_or_default().to_string(),
        m.collection_cents.map(money).unwrap_or_default(),
    ]
}

fn month_row(group: &str, b: &TrendBucket) -> Vec<String> {
    let headcount = b.headcount.as_ref();
    vec![
        group.to_string(),
        b.label.clone(),
        b.first_day.clone(),
        b.last_day.clone(),
        b.meetings.to_string(),
        headcount.map(|h| format!("{:.1}", h.mean)).unwrap_or_default(),
        headcount.map(|h| h.min.to_string()).unwrap_or_default(),
        headcount.map(|h| h.max.to_string()).unwrap_or_default(),
        b.newcomers.to_string(),
        b.came_back_30.to_string(),
        b.came_back_90.to_string(),
        b.returning.to_string(),
        b.visitors.to_string(),
        b.shares.to_string(),
        b.passes.to_string(),
        minutes(b.share_time_ms),
        b.median_share_ms.map(minutes).unwrap_or_default(),
        b.top_fifth_part.map(percent).unwrap_or_default(),
        b.overtime.to_string(),
        b.finished_on_time.to_string(),
        b.collections.to_string(),
        money(b.collection_cents),
    ]
}

fn write_rows(columns: &[&str], rows: impl Iterator<Item = Vec<String>>) -> Result<Vec<u8>> {
    let mut out = csv::Writer::from_writer(BOM.to_vec());
    let failed = |e: csv::Error| Error::Io(std::io::Error::other(e.to_string()));
    out.write_record(columns).map_err(failed)?;
    for row in rows {
        out.write_record(&row).map_err(failed)?;
    }
    out.into_inner().map_err(|e| Error::Io(std::io::Error::other(e.to_string())))
}

impl Store {
    /// The group's meetings (one row each) or months from `from` to `to` ("YYYY-MM-DD", both
    /// included; left out, from its first meeting to its last) as a CSV file's bytes. Reads only;
    /// names no one.
    pub fn trends_csv(&self, group_id: &str, from: Option<&str>, to: Option<&str>, rows: CsvRows) -> Result<Vec<u8>> {
        let first = from.map(|d| day(d, "first day")).transpose()?;
        let last = to.map(|d| day(d, "last day")).transpose()?;
        let group = group::get(self.conn(), group_id)?;
        let meetings = read::meeting_facts(self.conn(), &group)?;
        let (first, last) = match (first.or(meetings.first().map(|m| m.date)), last.or(meetings.last().map(|m| m.date)))
        {
            (Some(first), Some(last)) if first > last => {
                return Err(Error::invalid(problem!(
                    "first_day_export_must_come",
                    "The first day of the export must come before the last."
                )))
            }
            (Some(first), Some(last)) => (first, last),
            // No meeting yet, and no day given: the headings alone.
            _ => (chrono::NaiveDate::MAX, chrono::NaiveDate::MIN),
        };
        let held = || meetings.iter().filter(|m| (first..=last).contains(&m.date));
        match rows {
            CsvRows::Meetings => write_rows(&meeting_columns(), held().map(|m| meeting_row(&group.name, m))),
            CsvRows::MeetingsWithNames => {
                let mut names = read::names_by_meeting(self.conn(), &group.id)?;
                let columns = [meeting_columns(), vec![NAMES]].concat();
                write_rows(
                    &columns,
                    held().map(|m| {
                        let mut row = meeting_row(&group.name, m);
                        row.push(names.remove(&m.id).unwrap_or_default().join("; "));
                        row
                    }),
                )
            }
            CsvRows::Months => write_rows(
                &month_columns(),
                buckets::buckets(&meetings, first, last, Period::Month).iter().map(|b| month_row(&group.name, b)),
            ),
        }
    }

    /// [`Store::trends_csv`] saved to `path`, whole or not at all: a folder that cannot be written
    /// says so and is left with nothing half-written.
    pub fn save_trends_csv(
        &self,
        group_id: &str,
        from: Option<&str>,
        to: Option<&str>,
        rows: CsvRows,
        path: &Path,
    ) -> Result<()> {
        crate::files::save_document(path, "The spreadsheet", || self.trends_csv(group_id, from, to, rows))
    }
}

/// The spreadsheets as the treasurer and intergroup open them, read back with the `csv` crate.
#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::clock::FakeClock;
    use crate::group::roster::PersonInput;
    use crate::group::GroupInput;
    use crate::meeting::attendance::CountKind;
    use crate::meeting::{MeetingMode, OpenMeetingInput};

    /// 30 December 2025, 19:30 UTC: a Tuesday.
    const DEC_30: i64 = 1_767_123_000_000;
    const WEEK_MS: i64 = 7 * 24 * 60 * 60 * 1000;

    /// A group whose name a spreadsheet must keep whole: accents, a comma and quotes.
    fn grupo() -> GroupInput {
        GroupInput { name: "Grupo \"Año Nuevo\", Señora Peña".into(), ..GroupInput::tuesday_night_hope() }
    }

    /// Three Tuesdays over New Year: two named meetings (Zoë new on the first, back on the second)
    /// and a counts-only one.
    fn three_tuesdays() -> (Store, String) {
        let clock = FakeClock::at(DEC_30);
        let mut store = Store::open_in_memory(Arc::new(clock.clone())).unwrap();
        let group = store.create_group(&grupo()).unwrap();
        let zoe = store.add_person(&group.id, &PersonInput { display_name: "Zoë".into(), last_initial: String::new() });
        let zoe = zoe.unwrap();
        for mode in [MeetingMode::Named, MeetingMode::Named, MeetingMode::Headcount] {
            let input =
                OpenMeetingInput { group_id: group.id.clone(), chair: "Robin".into(), mode, another_today: false };
            let meeting = store.open_meeting(&input).unwrap().meeting.id;
            match mode {
                MeetingMode::Named => drop(store.check_in(&meeting, &zoe.id).unwrap()),
                MeetingMode::Headcount => {
                    for _ in 0..7 {
                        store.adjust_count(&meeting, CountKind::Members, 1).unwrap();
                    }
                }
            }
            store.close_meeting(&meeting).unwrap();
            clock.advance_ms(WEEK_MS);
        }
        (store, group.id)
    }

    fn read(bytes: &[u8]) -> Vec<Vec<String>> {
        let text = std::str::from_utf8(bytes).unwrap();
        let text = text.strip_prefix('\u{feff}').expect("it starts with the mark Excel needs");
        let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
        reader.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect()
    }

    #[test]
    fn one_row_per_meeting_keeps_the_group_name_whole_and_names_no_one() {
        let (store, group) = three_tuesdays();
        let bytes = store.trends_csv(&group, None, None, CsvRows::Meetings).unwrap();
        assert!(!String::from_utf8_lossy(&bytes).contains("Zoë"), "no one is named");
        let rows = read(&bytes);
        assert_eq!(rows[0], meeting_columns());
        assert!(rows.iter().all(|r| r.len() == 16), "every row has a value for each heading");
        let dates: Vec<&str> = rows[1..].iter().map(|r| r[1].as_str()).collect();
        assert_eq!(dates, ["2025-12-30", "2026-01-06", "2026-01-13"]);
        assert!(rows[1..].iter().all(|r| r[0] == "Grupo \"Año Nuevo\", Señora Peña"));
        // Zoë's first night: one newcomer, back within 30 days. The counts-only night: 7 members.
        assert_eq!((&rows[1][2], &rows[1][3], &rows[1][4]), (&"1".into(), &"1".into(), &"1".into()));
        assert_eq!((&rows[3][2], &rows[3][6], &rows[3][8]), (&"7".into(), &"7".into(), &"0".into()));
        assert_eq!(rows[3][11], "", "no share, no median");
    }

    #[test]
    fn names_go_in_only_when_the_chair_asks_for_them() {
        let (store, group) = three_tuesdays();
        let rows = read(&store.trends_csv(&group, None, None, CsvRows::MeetingsWithNames).unwrap());
        assert_eq!(rows[0].last().map(String::as_str), Some(NAMES));
        assert_eq!(rows[0][..16], meeting_columns()[..], "the name-free columns keep their places");
        let who: Vec<&str> = rows[1..].iter().map(|r| r[16].as_str()).collect();
        assert_eq!(who, ["Zoë", "Zoë", ""], "the counts-only night names no one");
    }

    #[test]
    fn one_row_per_month_across_the_new_year() {
        let (store, group) = three_tuesdays();
        let rows = read(&store.trends_csv(&group, Some("2025-11-01"), Some("2026-02-28"), CsvRows::Months).unwrap());
        assert_eq!(rows[0], month_columns());
        assert_eq!(rows[1].len(), month_columns().len(), "every row has a value for each heading");
        let months: Vec<(&str, &str)> = rows[1..].iter().map(|r| (r[1].as_str(), r[4].as_str())).collect();
        assert_eq!(months, [("2025-11", "0"), ("2025-12", "1"), ("2026-01", "2"), ("2026-02", "0")]);
        assert_eq!(rows[1][5], "", "a month without meetings has no mean headcount");
    }

    #[test]
    fn a_range_backwards_or_a_folder_that_is_not_there_is_refused_and_nothing_is_written() {
        let (store, group) = three_tuesdays();
        let backwards =
            store.trends_csv(&group, Some("2026-02-01"), Some("2026-01-01"), CsvRows::Meetings).unwrap_err();
        assert!(backwards.to_string().contains("must come before"), "{backwards}");
        let dir = tempfile::tempdir().unwrap();
        let nowhere = dir.path().join("no such folder").join("trends.csv");
        let err = store.save_trends_csv(&group, None, None, CsvRows::Months, &nowhere).unwrap_err();
        assert!(err.to_string().contains("There is no folder"), "{err}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_group_with_no_meeting_yet_gives_the_headings_alone() {
        let mut store = Store::open_in_memory(Arc::new(FakeClock::at(DEC_30))).unwrap();
        let group = store.create_group(&grupo()).unwrap();
        for rows in [CsvRows::Meetings, CsvRows::MeetingsWithNames, CsvRows::Months] {
            let read = read(&store.trends_csv(&group.id, None, None, rows).unwrap());
            assert_eq!(read.len(), 1, "{read:?}");
        }
        let one_month =
            read(&store.trends_csv(&group.id, Some("2026-01-01"), Some("2026-01-31"), CsvRows::Months).unwrap());
        assert_eq!(one_month[1][4], "0", "a month asked for is shown, with no meeting");
    }

    #[test]
    fn money_is_a_plain_amount_a_spreadsheet_can_add_up() {
        assert_eq!(
            (money(1250), money(5), money(0), money(-300)),
            ("12.50".into(), "0.05".into(), "0.00".into(), "-3.00".into())
        );
    }
}
