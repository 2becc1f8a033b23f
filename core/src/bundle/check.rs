//! What a bundle's rows must be before they are merged: every column is checked with the rules
//! typed input meets (the same functions: names, notes, dates, the format, the milestone list),
//! and every value has its column's type, so a crafted bundle can put nothing in the store that
//! the chair could not have typed. A bundle is sealed by whoever knows its passphrase, which is
//! not the same as being trusted.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveTime};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::bundle::merge::Record;
use crate::error::{problem, Error, Result};
use crate::format::schedule::{Run, RunReport};
use crate::format::Format;
use crate::group::resources::ResourceInput;
use crate::group::GroupInput;
use crate::handover::{self, ActionInput, PositionInput, ReportInput};
use crate::milestones::dates::{self as milestone, MilestonePoints, Point, StockCount};
use crate::names;
use crate::speaking::order::Round;

/// The longest id a record may carry: ours are UUIDs (36 characters).
const MAX_ID_CHARS: usize = 64;
/// The latest instant a record may name (the end of year 9999, in UTC ms).
const MAX_INSTANT_MS: i64 = 253_402_300_799_999;
/// The longest span a record may name in ms (a week): shares, warnings and pauses are minutes.
const MAX_SPAN_MS: i64 = 7 * 24 * 60 * 60 * 1000;

/// A column's declared type, as the store keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Text,
    Integer,
}

impl Kind {
    pub(crate) fn of(declared: &str) -> Kind {
        if declared.eq_ignore_ascii_case("INTEGER") {
            Kind::Integer
        } else {
            Kind::Text
        }
    }
}

/// Checks one record of a table this build knows, whose columns all exist here (`kinds`).
/// `today` is this laptop's date, for dates that cannot lie in the future.
pub(crate) fn record(r: &Record, kinds: &HashMap<String, Kind>, today: NaiveDate) -> Result<()> {
    for (column, value) in &r.row {
        typed(column, value, kinds.get(column).copied().unwrap_or(Kind::Text))?;
    }
    // A tombstone has been blanked to its key and stamps (see store::tombstone), which the types
    // above have checked; nothing of it is ever shown.
    if r.deleted() {
        return Ok(());
    }
    let row = Row(r);
    match r.table.as_str() {
        "groups" => {
            GroupInput {
                name: row.text("name")?.to_string(),
                fellowship: row.text_or_empty("fellowship")?.to_string(),
                weekday: row.small("weekday")?,
                start_time: row.text("start_time")?.to_string(),
                length_min: row.small("length_min")?,
                location: row.text_or_empty("location")?.to_string(),
            }
            .validated()?;
            milestone::today_in(row.text("time_zone")?, 0)?;
            if let Some(format) = row.json::<Format>("format")? {
                format.validated()?;
            }
            if let Some(points) = row.json::<MilestonePoints>("milestone_points")? {
                points.validated()?;
            }
        }
        "people" => {
            names::display_name(row.text("display_name")?, "name")?;
            names::last_initial(row.text_or_empty("last_initial")?)?;
            if let Some(date) = row.optional_text("recovery_date")? {
                milestone::recovery_date(date, today)?;
            }
            if let Some(date) = row.optional_text("first_came")? {
                handover::date(date, "first meeting's date")?;
            }
        }
        "meetings" => {
            names::display_name(row.text("chair")?, "chair's name")?;
            handover::date(row.text("date")?, "meeting date")?;
            let format = row.json::<Format>("format")?.map(|f| f.validated()).transpose()?;
            if let (Some(run), Some(format)) = (row.json::<Run>("run")?, &format) {
                run.check(format)?;
            }
            row.json::<RunReport>("report")?;
        }
        "seating" => {
            row.json::<Vec<String>>("seats")?;
        }
        "rounds" => {
            row.json::<Round>("state")?;
        }
        "keytag_stock" => {
            if let Some(point) = row.json::<Point>("point")? {
                milestone::check_stock(&[StockCount { point, count: row.integer("count").unwrap_or(0) }])?;
            }
        }
        "reports" => {
            ReportInput {
                notes: row.text_or_empty("notes")?.to_string(),
                collection_cents: row.integer("collection_cents"),
                counted_by: row.json("counted_by")?.unwrap_or_default(),
            }
            .validated()?;
        }
        "action_items" => {
            ActionInput {
                text: row.text("text")?.to_string(),
                due_date: row.optional_text("due_date")?.map(str::to_string),
                due_meeting: row.integer("due_meeting").is_some_and(|d| d != 0),
            }
            .validated()?;
            names::display_name(row.text("raised_by")?, "name")?;
            if let Some(by) = row.optional_text("closed_by")? {
                names::display_name(by, "name")?;
            }
        }
        "acknowledgements" => {
            names::display_name(row.text("name")?, "name")?;
        }
        "positions" => {
            PositionInput {
                title: row.text("title")?.to_string(),
                holder: row.text_or_empty("holder")?.to_string(),
                alternate: row.text_or_empty("alternate")?.to_string(),
                term_ends: row.optional_text("term_ends")?.map(str::to_string),
            }
            .validated()?;
        }
        "chair_rota" => {
            handover::date(row.text("date")?, "meeting date")?;
            // An empty name is a cleared date (see `set_rota`).
            let name = row.text_or_empty("name")?;
            if !name.is_empty() {
                names::display_name(name, "chair's name")?;
            }
        }
        "celebrations" => {
            handover::date(row.text("date")?, "milestone's date")?;
            if names::optional_text(row.text("label")?, "milestone", 40)?.is_empty() {
                return Err(Error::invalid(problem!(
                    "celebration_needs_milestone_like_30",
                    "A celebration needs its milestone, like “30 days”."
                )));
            }
        }
        "slips" => {
            if !crate::slips::serial::is_tag(row.text("tag")?) {
                return Err(Error::invalid(problem!(
                    "attendance_slips_serial_does_end",
                    "An attendance slip's serial does not end in two letters or digits."
                )));
            }
            for hours in ["starts", "ends"] {
                NaiveTime::parse_from_str(row.text(hours)?, "%H:%M").map_err(|_| {
                    Error::invalid(problem!(
                        "attendance_slips_hours_times_day",
                        "An attendance slip's hours are not times of day."
                    ))
                })?;
            }
        }
        "resources" => {
            ResourceInput {
                name: row.text("name")?.to_string(),
                contact: row.text("contact")?.to_string(),
                note: row.text_or_empty("note")?.to_string(),
            }
            .validated()?;
        }
        "meeting_facts" if row.integer("came_back_90") < row.integer("came_back_30") => {
            return Err(Error::invalid(problem!(
                "more_newcomers_came_back_within",
                "More newcomers came back within 30 days than within 90."
            )));
        }
        _ => {}
    }
    Ok(())
}

/// Each value has its column's type; ids look like ids; instants, spans and counts are ones a
/// meeting can have (far-off numbers would overflow the timer's sums or the app's counts).
fn typed(column: &str, value: &Value, kind: Kind) -> Result<()> {
    let fits = match (kind, value) {
        (_, Value::Null) => true,
        (Kind::Text, Value::String(s)) => {
            !is_id(column) || (s.len() <= MAX_ID_CHARS && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        }
        (Kind::Integer, Value::Number(n)) => match n.as_i64() {
            Some(v) if is_instant(column) => (0..=MAX_INSTANT_MS).contains(&v),
            Some(v) if column.ends_with("_ms") => (-MAX_SPAN_MS..=MAX_SPAN_MS).contains(&v),
            // Every other number (a meeting's number in its date, counts, an order) is a count.
            Some(v) => (0..=i64::from(u32::MAX)).contains(&v),
            None => false,
        },
        _ => false,
    };
    match fits {
        true => Ok(()),
        false => Err(Error::invalid(problem!(
            "column_bad_value",
            "Its “{column}” is not a value Circlekeeper keeps there.",
            column = column
        ))),
    }
}

fn is_instant(column: &str) -> bool {
    column == "at" || column.ends_with("_at") || column.ends_with("_since")
}

fn is_id(column: &str) -> bool {
    column == "id" || column.ends_with("_id") || column == "updated_by"
}

/// A record's columns read for checking.
struct Row<'a>(&'a Record);

impl<'a> Row<'a> {
    fn value(&self, column: &str) -> Option<&'a Value> {
        self.0.row.get(column).filter(|v| !v.is_null())
    }

    fn optional_text(&self, column: &str) -> Result<Option<&'a str>> {
        match self.value(column) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(_) => Err(Error::invalid(problem!("column_not_text", "Its “{column}” is not text.", column = column))),
        }
    }

    fn text(&self, column: &str) -> Result<&'a str> {
        self.optional_text(column)?
            .ok_or_else(|| Error::invalid(problem!("column_missing", "It has no “{column}”.", column = column)))
    }

    /// Text whose column has the empty string as its default.
    fn text_or_empty(&self, column: &str) -> Result<&'a str> {
        Ok(self.optional_text(column)?.unwrap_or(""))
    }

    fn integer(&self, column: &str) -> Option<i64> {
        self.value(column).and_then(Value::as_i64)
    }

    /// A small number (a weekday, minutes), refused if it does not fit.
    fn small<T: TryFrom<i64>>(&self, column: &str) -> Result<T> {
        self.integer(column).and_then(|n| T::try_from(n).ok()).ok_or_else(|| {
            Error::invalid(problem!(
                "column_bad_number",
                "Its “{column}” is not a number Circlekeeper keeps there.",
                column = column
            ))
        })
    }

    /// A column that holds JSON: absent, or text that reads as `T`.
    fn json<T: DeserializeOwned>(&self, column: &str) -> Result<Option<T>> {
        self.optional_text(column)?
            .map(|j| {
                serde_json::from_str(j).map_err(|_| {
                    Error::invalid(problem!("column_unreadable", "Its “{column}” cannot be read.", column = column))
                })
            })
            .transpose()
    }
}
