//! Runner: the meeting format as the store keeps it: each group's format (from a template, then
//! the group's own), each meeting's copy of it, and the runner's state saved at every step, so a
//! restart resumes the same segment with the right time.

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{problem, Error, Problem, Result};
use crate::format::schedule::{Run, RunReport, RunStatus};
use crate::format::{template_by_id, templates, Format, Template};
use crate::group;
use crate::language::Language;
use crate::meeting::{self, Meeting};
use crate::names;
use crate::store::{Aggregate, Store, Tx};

/// A group's format and the templates it can start from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FormatChoice {
    pub format: Option<Format>,
    pub templates: Vec<Template>,
}

/// Everything the runner draws for a meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RunnerView {
    pub meeting_id: String,
    /// The meeting's own copy of the format (the group's, until the meeting starts running it).
    pub format: Option<Format>,
    pub run: Run,
    pub status: Option<RunStatus>,
    /// Planned against actual, once the meeting is finished.
    pub report: Option<RunReport>,
    /// The name of each segment's reader, by segment (none when no reader).
    pub readers: Vec<Option<String>>,
}

fn from_json<T: serde::de::DeserializeOwned>(json: Option<String>, what: &str) -> Result<Option<T>> {
    json.map(|j| {
        serde_json::from_str(&j).map_err(|e| {
            Error::Conflict(problem!(
                "saved_unreadable",
                "The saved {what} could not be read back: {detail}",
                what = crate::names::field(what),
                detail = e.to_string()
            ))
        })
    })
    .transpose()
}

fn to_json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::Conflict(Problem::detail(e)))
}

fn group_format(conn: &Connection, group_id: &str) -> Result<Option<Format>> {
    group::get(conn, group_id)?;
    let json: Option<String> = conn.query_row("SELECT format FROM groups WHERE id = ?1", [group_id], |r| r.get(0))?;
    from_json(json, "format")
}

/// The meeting's copy of its format (or the group's, not yet copied), its run and its report.
fn meeting_format(conn: &Connection, m: &Meeting) -> Result<(Option<Format>, Run, Option<RunReport>)> {
    let (format, run, report): (Option<String>, Option<String>, Option<String>) =
        conn.query_row("SELECT format, run, report FROM meetings WHERE id = ?1", [&m.id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
    let format = match from_json(format, "format")? {
        Some(f) => Some(f),
        None => group_format(conn, &m.group_id)?,
    };
    Ok((format, from_json(run, "run")?.unwrap_or_default(), from_json(report, "report")?))
}

/// A meeting's format, run and report, and where the run stands at one instant.
struct RunState {
    format: Option<Format>,
    run: Run,
    report: Option<RunReport>,
    status: Option<RunStatus>,
}

fn run_status(conn: &Connection, meeting_id: &str, now: i64) -> Result<RunState> {
    let m = meeting::get(conn, meeting_id)?;
    let group = group::get(conn, &m.group_id)?;
    let (format, run, report) = meeting_format(conn, &m)?;
    let status = match &format {
        Some(f) => Some(run.status(f, meeting::planned_start(&group, &m), now)?),
        None => None,
    };
    Ok(RunState { format, run, report, status })
}

pub(crate) fn view(conn: &Connection, meeting_id: &str, now: i64) -> Result<RunnerView> {
    let RunState { format, run, report, status } = run_status(conn, meeting_id, now)?;
    let readers = match &format {
        Some(f) => f
            .segments
            .iter()
            .map(|s| {
                s.reader_id
                    .as_deref()
                    .and_then(|id| crate::group::roster::get(conn, id).ok())
                    .map(|p| names::shown(&p.display_name, &p.last_initial))
            })
            .collect(),
        None => vec![],
    };
    Ok(RunnerView { meeting_id: meeting_id.to_string(), format, run, status, report, readers })
}

/// When sharing must end for the meeting to finish on time, if the meeting's format is running
/// and has a sharing segment not yet over: what fair time divides.
pub(crate) fn sharing_ends_at(conn: &Connection, meeting_id: &str, now: i64) -> Result<Option<i64>> {
    let Some(status) = run_status(conn, meeting_id, now)?.status else { return Ok(None) };
    if status.phase != crate::format::schedule::RunPhase::Running {
        return Ok(None);
    }
    Ok(status.sharing.map(|b| now + b.left_ms))
}

/// For the room display: the segment now (or first) and the meeting's clock, from the open
/// meeting most recently worked on that has a format.
pub(crate) fn room_segment(conn: &Connection, meeting_id: &str, now: i64) -> Result<Option<(String, RunStatus)>> {
    let id: Option<String> = conn
        .query_row(
            "SELECT m.id FROM meetings m JOIN groups g ON g.id = m.group_id
             WHERE m.id = ?1 AND m.status = 'open' AND m.deleted_at IS NULL AND (m.run IS NOT NULL OR g.format IS NOT NULL)",
            [meeting_id],
            |r| r.get(0),
        )
        .optional()?;
    let Some(id) = id else { return Ok(None) };
    // Every tick asks this: where the run stands, and nothing the room does not show (no readers).
    let RunState { format, status, .. } = run_status(conn, &id, now)?;
    let (Some(format), Some(status)) = (format, status) else { return Ok(None) };
    let title = status.current.or(status.next).and_then(|i| format.segments.get(i)).map(|s| s.title.clone());
    Ok(title.map(|t| (t, status)))
}

/// One step of the runner in one transaction: the meeting keeps its copy of the format from the
/// first step on, and the run is saved whole.
fn step(
    store: &mut Store,
    meeting_id: &str,
    f: impl FnOnce(&Tx, Format, &Run) -> Result<(Format, Run)>,
) -> Result<RunnerView> {
    store.write(|tx| {
        let m = meeting::get_open(tx, meeting_id)?;
        let (format, run, _) = meeting_format(tx, &m)?;
        let format = format.ok_or_else(|| {
            Error::Conflict(problem!(
                "group_without_format",
                "This group has no format yet: choose one on the group's page."
            ))
        })?;
        let (format, next) = f(tx, format, &run)?;
        let report = if next.finished_at.is_some() {
            let group = group::get(tx, &m.group_id)?;
            Some(to_json(&next.report(&format, meeting::planned_start(&group, &m))?)?)
        } else {
            None
        };
        tx.execute(
            "UPDATE meetings SET format = ?2, run = ?3, report = ?4, updated_at = ?5, updated_by = ?6 WHERE id = ?1",
            rusqlite::params![m.id, to_json(&format)?, to_json(&next)?, report, tx.stamp, tx.device],
        )?;
        tx.touched(Aggregate::Runner, &m.id);
        view(tx, meeting_id, tx.now)
    })
}

impl Store {
    /// The group's format, and the templates it may start from, named in `language`.
    pub fn format_choice(&self, group_id: &str, language: Language) -> Result<FormatChoice> {
        Ok(FormatChoice { format: group_format(self.conn(), group_id)?, templates: templates(language) })
    }

    /// Saves the group's format. Meetings already run keep the copy they ran.
    pub fn set_group_format(&mut self, group_id: &str, format: &Format, language: Language) -> Result<FormatChoice> {
        let format = format.validated()?;
        self.write(|tx| group::save_settings(tx, group_id, "format = ?2", &[&to_json(&format)?]))?;
        self.format_choice(group_id, language)
    }

    /// Starts the group's format from a shipped template (titles and timings only), its name and
    /// titles written in `language`: from then on they are the group's own words.
    pub fn use_template(&mut self, group_id: &str, template_id: &str, language: Language) -> Result<FormatChoice> {
        let format = template_by_id(template_id, language)?.format();
        self.set_group_format(group_id, &format, language)
    }

    pub fn runner(&self, meeting_id: &str) -> Result<RunnerView> {
        view(self.conn(), meeting_id, self.clock().now_ms())
    }

    /// Starts the meeting, or moves on to the next segment.
    pub fn next_segment(&mut self, meeting_id: &str) -> Result<RunnerView> {
        step(self, meeting_id, |tx, format, run| {
            let next = run.advance(&format, tx.now)?;
            Ok((format, next))
        })
    }

    /// Takes back the last step (a Next pressed too soon).
    pub fn previous_segment(&mut self, meeting_id: &str) -> Result<RunnerView> {
        step(self, meeting_id, |_, format, run| {
            let next = run.back(&format)?;
            Ok((format, next))
        })
    }

    /// Ends the format's run; planned against actual is saved with the meeting.
    pub fn finish_format(&mut self, meeting_id: &str) -> Result<RunnerView> {
        step(self, meeting_id, |tx, format, run| {
            let next = run.finish(&format, tx.now)?;
            Ok((format, next))
        })
    }

    /// Asks a checked-in person to read a segment (or nobody), for this meeting only.
    pub fn set_reader(&mut self, meeting_id: &str, segment: usize, person_id: Option<&str>) -> Result<RunnerView> {
        let present: Vec<String> = meeting::attendance::here(self.conn(), &meeting::get(self.conn(), meeting_id)?)?
            .into_iter()
            .filter(|a| a.left_at.is_none())
            .filter_map(|a| a.person_id)
            .collect();
        step(self, meeting_id, |_, mut format, run| {
            let s = format.segments.get_mut(segment).ok_or(Error::NotFound { what: "segment" })?;
            s.reader_id = person_id.map(str::to_string);
            format.check_readers_present(&present)?;
            Ok((format, run.clone()))
        })
    }
}
