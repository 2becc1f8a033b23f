//! The dates a chair types on the handover and service cards (a due date, a term's end, a rota
//! date), checked and written one way, for the items and the service positions alike.

use chrono::NaiveDate;

use crate::error::{problem, Error, Result};

pub(crate) fn date(raw: &str, what: &str) -> Result<String> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map(|d| d.format("%Y-%m-%d").to_string()).map_err(|_| {
        Error::invalid(problem!(
            "date_unreadable",
            "Please give the {what} as a date, like 2026-12-14.",
            what = crate::names::field(what)
        ))
    })
}

pub(super) fn optional_date(raw: Option<&str>, what: &str) -> Result<Option<String>> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(d) => date(d, what).map(Some),
    }
}
