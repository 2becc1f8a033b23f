//! A meeting's format: the ordered parts the chair runs through (opening, readings, sharing, closing),
//! each with its planned minutes and, if the group wrote them, the words the chair reads.
//! The templates Circlekeeper ships give titles and timings only, never any fellowship's literature.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{problem, Error, Problem, Result};
use crate::language::Language;

/// The longest a part's title may be, in characters.
pub const MAX_TITLE_CHARS: usize = 80;
/// The longest a format's name may be, in characters.
pub const MAX_FORMAT_NAME_CHARS: usize = 80;
/// The longest the words for one part may be, in characters: several pages, enough for any reading.
pub const MAX_SCRIPT_CHARS: usize = 20_000;
/// The longest a whole format may be planned for: 4 hours.
pub const MAX_TOTAL_MIN: i64 = 4 * 60;

/// One part of the meeting, as the chair runs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Segment {
    /// "Opening and moment of silence", "Sharing", …
    pub title: String,
    /// Planned length in whole minutes. Signed, so a mistyped negative reaches validation and is
    /// refused with a message rather than failing to arrive at all.
    pub minutes: i32,
    /// The words the chair reads for this part, written by the group; none when there are none.
    #[serde(default)]
    pub script: Option<String>,
    /// The person (id) asked to read this part: someone checked in to the meeting.
    #[serde(default)]
    pub reader_id: Option<String>,
    /// This is the sharing part, whose length gives way when the meeting runs late. At most one per format.
    #[serde(default)]
    pub sharing: bool,
}

impl Segment {
    /// A part with a title and minutes only: no words, no reader, not the sharing.
    pub fn new(title: &str, minutes: i32) -> Segment {
        Segment { title: title.to_string(), minutes, script: None, reader_id: None, sharing: false }
    }

    /// The sharing part, with a title and minutes only.
    pub fn sharing(title: &str, minutes: i32) -> Segment {
        Segment { sharing: true, ..Segment::new(title, minutes) }
    }

    /// Planned length in milliseconds.
    pub fn planned_ms(&self) -> i64 {
        i64::from(self.minutes) * 60_000
    }
}

/// A format: the parts of a meeting in the order they are run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Format {
    /// What the group calls it: "Our Tuesday format", "Speaker meeting".
    pub name: String,
    pub segments: Vec<Segment>,
}

/// "“Readings” (part 2)": how a message points at a part the chair can find on screen.
fn part(index: usize, title: &str) -> Problem {
    let title = title.trim();
    if title.is_empty() || title.chars().count() > MAX_TITLE_CHARS || title.chars().any(char::is_control) {
        problem!("part_numbered", "Part {number}", number = index + 1)
    } else {
        problem!("part_titled", "“{title}” (part {number})", title = title, number = index + 1)
    }
}

/// "1 h 30 min", "45 min": a length the way a chair says it.
fn minutes_problem(minutes: i64) -> Problem {
    match (minutes / 60, minutes % 60) {
        (0, m) => problem!("length_minutes", "{m} min", m = m),
        (h, 0) => problem!("length_hours", "{h} h", h = h),
        (h, m) => problem!("length_hours_minutes", "{h} h {m} min", h = h, m = m),
    }
}

fn check_title(index: usize, raw: &str) -> Result<String> {
    let title = raw.trim();
    if title.is_empty() {
        return Err(Error::invalid(problem!(
            "part_needs_title",
            "Part {number} needs a title, like “Readings” or “Sharing”.",
            number = index + 1
        )));
    }
    let len = title.chars().count();
    if len > MAX_TITLE_CHARS {
        return Err(Error::invalid(problem!(
            "part_title_too_long",
            "The title of part {number} is {len} characters long; please keep it to {max} or fewer.",
            number = index + 1,
            len = len,
            max = MAX_TITLE_CHARS
        )));
    }
    if title.chars().any(char::is_control) {
        return Err(Error::invalid(problem!(
            "part_title_controls",
            "The title of part {number} cannot contain line breaks or tabs.",
            number = index + 1
        )));
    }
    Ok(title.to_string())
}

/// The words may run over many lines and use tabs; other control characters cannot be shown, so
/// they are refused rather than silently dropped from what the group wrote.
fn check_script(index: usize, title: &str, raw: Option<&str>) -> Result<Option<String>> {
    let Some(script) = raw.filter(|s| !s.trim().is_empty()) else {
        return Ok(None);
    };
    let len = script.chars().count();
    if len > MAX_SCRIPT_CHARS {
        return Err(Error::invalid(problem!(
            "part_words_too_long",
            "The words for {part} are {len} characters long; please keep them to {max} or fewer \
             (split a long reading over two parts).",
            part = part(index, title),
            len = len,
            max = MAX_SCRIPT_CHARS
        )));
    }
    if script.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
        return Err(Error::invalid(problem!(
            "part_words_controls",
            "The words for {part} contain a character that cannot be shown; please retype or paste them again.",
            part = part(index, title)
        )));
    }
    // Kept exactly as written, line breaks and all: only the group's own words, never tidied.
    Ok(Some(script.to_string()))
}

impl Format {
    /// Checks every part and returns the format tidied (titles trimmed, empty words and readers as
    /// none); refuses with the first problem found, in words the chair can act on.
    ///
    /// Rules: at least one part; each 1 minute or more (a zero-minute part would be "over time" the
    /// moment it starts, so a short moment belongs with the part before or after it); 4 hours at most in
    /// all; at most one sharing part. A format with no sharing part is allowed (a business meeting, a
    /// speaker meeting): the runner then simply has no sharing time to adjust.
    pub fn validated(&self) -> Result<Format> {
        let name = self.name.trim();
        if name.is_empty() {
            return Err(Error::invalid(problem!(
                "give_format_name_like_tuesday",
                "Please give the format a name, like “Tuesday discussion”."
            )));
        }
        if name.chars().count() > MAX_FORMAT_NAME_CHARS {
            return Err(Error::invalid(problem!(
                "formats_name_most_characters",
                "The format's name can be at most {max_format_name_chars} characters.",
                max_format_name_chars = MAX_FORMAT_NAME_CHARS
            )));
        }
        if name.chars().any(char::is_control) {
            return Err(Error::invalid(problem!(
                "formats_name_contain_line_breaks",
                "The format's name cannot contain line breaks or tabs."
            )));
        }
        if self.segments.is_empty() {
            return Err(Error::invalid(problem!(
                "format_needs_least_part_example",
                "A format needs at least one part (for example an opening, the sharing and a closing)."
            )));
        }
        let mut segments = Vec::with_capacity(self.segments.len());
        let mut sharing: Option<usize> = None;
        let mut total: i64 = 0;
        for (i, s) in self.segments.iter().enumerate() {
            let title = check_title(i, &s.title)?;
            if s.minutes < 0 {
                return Err(Error::invalid(problem!(
                    "part_negative_minutes",
                    "{part} is planned for {minutes} minutes; a part cannot take less than no time.",
                    part = part(i, &title),
                    minutes = s.minutes
                )));
            }
            if s.minutes == 0 {
                return Err(Error::invalid(problem!(
                    "part_zero_minutes",
                    "{part} needs at least 1 minute. A very short moment can go with the part before or after it.",
                    part = part(i, &title)
                )));
            }
            total += i64::from(s.minutes);
            if s.sharing {
                if let Some(first) = sharing {
                    return Err(Error::invalid(problem!(
                        "two_sharing_parts",
                        "Only one part can be the sharing time, but {first} and {second} are both marked as sharing.",
                        first = part(first, &self.segments[first].title),
                        second = part(i, &title)
                    )));
                }
                sharing = Some(i);
            }
            let script = check_script(i, &title, s.script.as_deref())?;
            let reader_id = s.reader_id.as_deref().map(str::trim).filter(|r| !r.is_empty()).map(str::to_string);
            segments.push(Segment { title, minutes: s.minutes, script, reader_id, sharing: s.sharing });
        }
        if total > MAX_TOTAL_MIN {
            return Err(Error::invalid(problem!(
                "format_too_long",
                "These parts add up to {total}; a format can be at most {max} long.",
                total = minutes_problem(total),
                max = minutes_problem(MAX_TOTAL_MIN)
            )));
        }
        Ok(Format { name: name.to_string(), segments })
    }

    /// All parts' planned minutes added up.
    pub fn total_minutes(&self) -> i64 {
        self.segments.iter().map(|s| i64::from(s.minutes)).sum()
    }

    /// The whole format's planned length in milliseconds.
    pub fn planned_ms(&self) -> i64 {
        self.segments.iter().map(Segment::planned_ms).sum()
    }

    /// Where the sharing part is, if the format has one (the first marked, should a format not yet
    /// validated have two).
    pub fn sharing_index(&self) -> Option<usize> {
        self.segments.iter().position(|s| s.sharing)
    }

    /// Refuses a reader who is not among `present` (the people checked in and still here): someone
    /// asked to read must be in the room. Readers are meeting-night choices, so this is checked when
    /// the meeting's copy of the format is set, not when the group edits its format.
    pub fn check_readers_present(&self, present: &[String]) -> Result<()> {
        for (i, s) in self.segments.iter().enumerate() {
            if let Some(reader) = &s.reader_id {
                if !present.iter().any(|p| p == reader) {
                    return Err(Error::Conflict(problem!(
                        "reader_not_here",
                        "The reader chosen for {part} is not checked in to this meeting; check them in, or choose \
                         someone who is here.",
                        part = part(i, &s.title)
                    )));
                }
            }
        }
        Ok(())
    }
}

/// A starting point for a group's format: titles and timings only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Template {
    /// Stable, for the UI to remember a choice: "twelve-step-60".
    pub id: String,
    pub name: String,
    /// The meeting's length in minutes; the parts add up to exactly this.
    pub length_min: i32,
    pub segments: Vec<Segment>,
}

impl Template {
    /// A group's own format, started from this template.
    pub fn format(&self) -> Format {
        Format { name: self.name.clone(), segments: self.segments.clone() }
    }
}

fn template(id: &str, name: &str, segments: Vec<Segment>) -> Template {
    let length_min = segments.iter().map(|s| s.minutes).sum();
    Template { id: id.to_string(), name: name.to_string(), length_min, segments }
}

/// The formats Circlekeeper ships, named and titled in `language`: a group started from one gets
/// its titles in the chair's language, as its own data. Titles and minutes only: the words of any
/// fellowship's preamble, readings, Steps or Traditions are theirs, and each group adds what it
/// reads itself. Every language has the same templates, ids, minutes and sharing part.
pub fn templates(language: Language) -> Vec<Template> {
    let say = |en, es| language.pick(en, es);
    vec![
        template(
            "twelve-step-60",
            say("12-step discussion meeting (60 minutes)", "Reunión de discusión de 12 pasos (60 minutos)"),
            vec![
                Segment::new(say("Opening and moment of silence", "Apertura y momento de silencio"), 3),
                Segment::new(say("Readings", "Lecturas"), 5),
                Segment::new(say("Introductions", "Presentaciones"), 3),
                Segment::new(say("Newcomer welcome", "Bienvenida a recién llegados"), 2),
                Segment::new(say("Milestones and celebrations", "Aniversarios y celebraciones"), 3),
                Segment::new(say("7th Tradition collection", "Colecta de la Séptima Tradición"), 2),
                Segment::sharing(say("Sharing", "Compartir"), 37),
                Segment::new(say("Announcements", "Anuncios"), 3),
                Segment::new(say("Closing", "Cierre"), 2),
            ],
        ),
        template(
            "twelve-step-90",
            say("12-step meeting (90 minutes)", "Reunión de 12 pasos (90 minutos)"),
            vec![
                Segment::new(say("Opening and moment of silence", "Apertura y momento de silencio"), 3),
                Segment::new(say("Readings", "Lecturas"), 7),
                Segment::new(say("Introductions", "Presentaciones"), 5),
                Segment::new(say("Newcomer welcome", "Bienvenida a recién llegados"), 3),
                Segment::new(say("Milestones and celebrations", "Aniversarios y celebraciones"), 5),
                Segment::new(say("7th Tradition collection", "Colecta de la Séptima Tradición"), 3),
                Segment::sharing(say("Sharing", "Compartir"), 57),
                Segment::new(say("Announcements", "Anuncios"), 4),
                Segment::new(say("Closing", "Cierre"), 3),
            ],
        ),
        template(
            "check-in-working-90",
            say(
                "Check-in and working meeting, SMART Recovery style (90 minutes)",
                "Reunión de ronda de entrada y trabajo, estilo SMART Recovery (90 minutos)",
            ),
            vec![
                Segment::new(say("Welcome and opening", "Bienvenida y apertura"), 5),
                Segment::new(say("Check-in", "Ronda de entrada"), 20),
                Segment::new(say("Agenda setting", "Armar la agenda"), 5),
                Segment::sharing(say("Working time", "Tiempo de trabajo"), 50),
                Segment::new(say("Check-out", "Ronda de salida"), 8),
                Segment::new(say("Closing", "Cierre"), 2),
            ],
        ),
        template(
            "peer-circle-60",
            say("Peer support circle (60 minutes)", "Círculo de apoyo entre pares (60 minutos)"),
            vec![
                Segment::new(say("Welcome and opening", "Bienvenida y apertura"), 5),
                Segment::new(say("Group agreements", "Acuerdos del grupo"), 3),
                Segment::new(say("Check-in round", "Ronda de entrada"), 10),
                Segment::sharing(say("Sharing", "Compartir"), 35),
                Segment::new(say("Announcements", "Anuncios"), 3),
                Segment::new(say("Closing round", "Ronda de cierre"), 4),
            ],
        ),
    ]
}

/// The shipped template with this id, in `language`.
pub fn template_by_id(id: &str, language: Language) -> Result<Template> {
    templates(language).into_iter().find(|t| t.id == id).ok_or(Error::NotFound { what: "format template" })
}
