//! What a name may be: first name or alias, kept as typed (emoji, accents, right-to-left text,
//! quotes) in Unicode's composed form (NFC), but never empty, never a paragraph, never control
//! characters, and never a hidden character that would make two names look alike or reorder the
//! text around them on screen.

use unicode_normalization::UnicodeNormalization;

use crate::error::{problem, Error, Problem, Result};

pub const MAX_NAME_CHARS: usize = 80;

/// Checks a person's display name (or a chair's) and returns it trimmed.
pub fn display_name(raw: &str, what: &str) -> Result<String> {
    let name = composed(raw);
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::invalid(problem!(
            "name_missing",
            "Please type a {what} (a first name or alias is enough).",
            what = field(what)
        )));
    }
    let len = name.chars().count();
    if len > MAX_NAME_CHARS {
        return Err(Error::invalid(problem!(
            "name_too_long",
            "That {what} is {len} characters long; please keep it to {max} or fewer.",
            what = field(what),
            len = len,
            max = MAX_NAME_CHARS
        )));
    }
    refuse_hidden(name, what, true)?;
    Ok(name.to_string())
}

/// An optional last initial: empty, or one letter (a trailing dot is dropped).
pub fn last_initial(raw: &str) -> Result<String> {
    let t = composed(raw);
    let t = t.trim().trim_end_matches('.');
    let mut chars = t.chars();
    match (chars.next(), chars.next()) {
        (None, _) => Ok(String::new()),
        (Some(c), None) if c.is_alphabetic() => Ok(c.to_uppercase().collect()),
        _ => Err(Error::invalid(problem!(
            "last_initial_single_letter_nothing",
            "A last initial is a single letter, or nothing."
        ))),
    }
}

/// Optional free text with a length limit (a fellowship label, a location).
pub fn optional_text(raw: &str, what: &str, max: usize) -> Result<String> {
    let t = composed(raw);
    let t = t.trim();
    if t.chars().count() > max {
        return Err(Error::invalid(problem!(
            "text_too_long",
            "The {what} can be at most {max} characters.",
            what = field(what),
            max = max
        )));
    }
    refuse_hidden(t, what, false)?;
    Ok(t.to_string())
}

/// Free text with line breaks allowed (notes, an action item), never empty where required.
pub fn text_block(raw: &str, what: &str, max: usize, required: bool) -> Result<String> {
    let t = composed(raw);
    let t = t.trim();
    if required && t.is_empty() {
        return Err(Error::invalid(problem!("text_missing", "Please type the {what}.", what = field(what))));
    }
    let len = t.chars().count();
    if len > max {
        return Err(Error::invalid(problem!(
            "text_block_too_long",
            "The {what} is {len} characters long; please keep it to {max} or fewer.",
            what = field(what),
            len = len,
            max = max
        )));
    }
    if t.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(Error::invalid(problem!(
            "text_has_controls",
            "The {what} contains characters that cannot be kept.",
            what = field(what)
        )));
    }
    Ok(t.replace("\r\n", "\n"))
}

/// A name as the room sees it: "Sam K." or "Sam".
pub fn shown(name: &str, initial: &str) -> String {
    if initial.is_empty() {
        name.to_string()
    } else {
        format!("{name} {initial}.")
    }
}

/// The key two names are compared by: case, surrounding space and the way an accent was typed
/// ("ë" as one character or as "e" and a combining diaeresis) do not make a new person. Names
/// stored before they were composed compare the same way.
pub fn match_key(name: &str, initial: &str) -> String {
    format!("{}\u{1f}{}", folded(name.trim()), folded(initial))
}

/// `text` in lower case and composed form, for comparing names and looking for them in free text.
pub fn folded(text: &str) -> String {
    text.to_lowercase().nfc().collect()
}

/// `text` in Unicode's composed form (NFC): what one keyboard types as "ë" and another as "e"
/// followed by a combining diaeresis is kept as the same characters.
pub fn composed(text: &str) -> String {
    text.nfc().collect()
}

/// Refuses the first character that is not shown yet changes what is shown: a bidirectional
/// override or isolate (U+202E can make "Sam" render as "maS" and flip the text after it), or an
/// invisible character (two names that look the same would be two people). The message starts
/// "A name" for a name (`a_name`), else "The holder's name".
fn refuse_hidden(text: &str, what: &str, a_name: bool) -> Result<()> {
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let found = match c {
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
                Some(problem!("hidden_direction_control", "a hidden text-direction control"))
            }
            '\u{200e}' | '\u{200f}' | '\u{061c}' => {
                Some(problem!("hidden_direction_mark", "a hidden text-direction mark"))
            }
            '\u{2028}' | '\u{2029}' => Some(problem!("hidden_separator", "a line or paragraph separator")),
            // A joiner inside an emoji sequence (a family, a rainbow flag) draws one visible picture.
            '\u{200d}' if emoji_joined(&chars, i) => None,
            // Tag characters spell out a subdivision flag after U+1F3F4 (England, Scotland, Wales).
            '\u{e0020}'..='\u{e007f}' if emoji_flag_tag(&chars, i) => None,
            '\u{200b}'..='\u{200d}'
            | '\u{2060}'..='\u{2064}'
            | '\u{feff}'
            | '\u{00ad}'
            | '\u{034f}'
            | '\u{180e}'
            | '\u{115f}'
            | '\u{1160}'
            | '\u{3164}'
            | '\u{ffa0}'
            | '\u{2800}' => Some(problem!("hidden_invisible", "an invisible character")),
            _ if c.is_control() => Some(problem!("hidden_control", "a line break, tab or other control character")),
            _ if is_format(c) => Some(problem!("hidden_format", "an invisible formatting character")),
            _ => None,
        };
        if let Some(problem) = found {
            // The characters before it, so the chair can find the spot in a long name or label.
            let from = i.saturating_sub(20);
            let at = match chars[from..i].iter().collect::<String>() {
                before if before.is_empty() => problem!("hidden_at_start", "at the start"),
                before => problem!(
                    "hidden_after",
                    "after “{before}”",
                    before = format!("{}{before}", if from > 0 { "…" } else { "" })
                ),
            };
            let codepoint = format!("{:04X}", u32::from(c));
            return Err(Error::invalid(if a_name {
                problem!(
                    "name_has_hidden",
                    "A {what} cannot contain {problem} (U+{codepoint}, {at}). Such characters hide or move text on \
                     screen, or make one person look like two: please type it again without it.",
                    what = field(what),
                    problem = problem,
                    codepoint = codepoint,
                    at = at
                )
            } else {
                problem!(
                    "text_has_hidden",
                    "The {what} cannot contain {problem} (U+{codepoint}, {at}). Such characters hide or move text on \
                     screen, or make one person look like two: please type it again without it.",
                    what = field(what),
                    problem = problem,
                    codepoint = codepoint,
                    at = at
                )
            }));
        }
    }
    Ok(())
}

/// What a person typed into, as a message names it ("holder's name"): one phrase a field, so
/// that each language can say it its own way.
pub(crate) fn field(what: &str) -> Problem {
    match what {
        "name" => problem!("field_name", "name"),
        "chair's name" => problem!("field_chair_name", "chair's name"),
        "counter's first name or initials" => problem!("field_counter_name", "counter's first name or initials"),
        "group name" => problem!("field_group_name", "group name"),
        "action item" => problem!("field_action_item", "action item"),
        "notes" => problem!("field_notes", "notes"),
        "note" => problem!("field_note", "note"),
        "position's title" => problem!("field_position_title", "position's title"),
        "holder's name" => problem!("field_holder_name", "holder's name"),
        "alternate's name" => problem!("field_alternate_name", "alternate's name"),
        "fellowship or format label" => problem!("field_fellowship", "fellowship or format label"),
        "location" => problem!("field_location", "location"),
        "organisation's name" => problem!("field_organisation_name", "organisation's name"),
        "phone number or address" => problem!("field_contact", "phone number or address"),
        "milestone" => problem!("field_milestone", "milestone"),
        "due date" => problem!("field_due_date", "due date"),
        "term's end" => problem!("field_term_end", "term's end"),
        "meeting date" => problem!("field_meeting_date", "meeting date"),
        "first meeting's date" => problem!("field_first_meeting_date", "first meeting's date"),
        "first day" => problem!("field_first_day", "first day"),
        "last day" => problem!("field_last_day", "last day"),
        "format" => problem!("field_format", "format"),
        "run" => problem!("field_run", "run"),
        "report" => problem!("field_report", "report"),
        other => Problem::from(other),
    }
}

/// Unicode's format characters (general category Cf) not named above: they draw nothing.
fn is_format(c: char) -> bool {
    matches!(c,
        '\u{0600}'..='\u{0605}' | '\u{06dd}' | '\u{070f}' | '\u{0890}' | '\u{0891}' | '\u{08e2}'
        | '\u{206a}'..='\u{206f}' | '\u{fff9}'..='\u{fffb}' | '\u{110bd}' | '\u{110cd}'
        | '\u{13430}'..='\u{1343f}' | '\u{1bca0}'..='\u{1bca3}' | '\u{1d173}'..='\u{1d17a}'
        | '\u{e0001}' | '\u{e0020}'..='\u{e007f}')
}

/// A pictograph (or its variation selector or skin tone) on both sides of the joiner at `i`.
fn emoji_joined(chars: &[char], i: usize) -> bool {
    let pictograph = |c: Option<&char>| {
        c.is_some_and(|&c| matches!(c, '\u{2600}'..='\u{27bf}' | '\u{fe0f}' | '\u{1f000}'..='\u{1faff}'))
    };
    i > 0 && pictograph(chars.get(i - 1)) && pictograph(chars.get(i + 1))
}

/// A tag character in the run that follows a black flag (U+1F3F4).
fn emoji_flag_tag(chars: &[char], i: usize) -> bool {
    chars[..i].iter().rev().find(|c| !matches!(c, '\u{e0020}'..='\u{e007f}')) == Some(&'\u{1f3f4}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keep_what_was_typed() {
        for n in ["Zoë", "Sam 🌻", "O'Brien \"Bee\"", "مريم", "<img src=x onerror=alert(1)>"] {
            assert_eq!(display_name(n, "name").unwrap(), n);
        }
    }

    #[test]
    fn empty_long_and_multiline_names_are_refused() {
        assert!(display_name("   ", "name").is_err());
        assert!(display_name(&"a".repeat(81), "name").is_err());
        assert!(display_name(&"é".repeat(80), "name").is_ok());
        assert!(display_name("two\nlines", "name").is_err());
    }

    #[test]
    fn a_name_typed_with_a_combining_accent_is_kept_composed() {
        let decomposed = "Zoe\u{308}";
        assert_eq!(display_name(decomposed, "name").unwrap(), "Zoë");
        assert_eq!(match_key(decomposed, ""), match_key("ZOË", ""));
        // A stored name from before composing still matches what is typed today.
        assert_eq!(match_key("Ame\u{301}lie", "e\u{301}"), match_key("Amélie", "É"));
        assert_eq!(last_initial("e\u{301}").unwrap(), "É");
        assert_eq!(optional_text("Rene\u{301}e", "holder's name", 80).unwrap(), "Renée");
        assert_eq!(text_block("cafe\u{301}", "notes", 100, true).unwrap(), "café");
    }

    #[test]
    fn hidden_direction_controls_and_invisibles_are_refused_by_name() {
        for (c, problem) in [
            ('\u{202e}', "text-direction control"),
            ('\u{202a}', "text-direction control"),
            ('\u{2066}', "text-direction control"),
            ('\u{2067}', "text-direction control"),
            ('\u{2068}', "text-direction control"),
            ('\u{2069}', "text-direction control"),
            ('\u{200f}', "text-direction mark"),
            ('\u{200b}', "invisible character"),
            ('\u{200c}', "invisible character"),
            ('\u{200d}', "invisible character"),
            ('\u{2060}', "invisible character"),
            ('\u{feff}', "invisible character"),
            ('\u{3164}', "invisible character"),
            ('\u{2028}', "line or paragraph separator"),
            ('\u{2029}', "line or paragraph separator"),
            ('\u{0085}', "control character"),
            ('\u{e0001}', "formatting character"),
            ('\u{206a}', "formatting character"),
        ] {
            let err = display_name(&format!("Sam{c}K"), "name").unwrap_err();
            let message = err.to_string();
            assert!(message.starts_with("A name cannot contain"), "{c:?}: {message}");
            assert!(message.contains(problem), "{c:?}: {message}");
            assert!(message.contains(&format!("U+{:04X}, after “Sam”", u32::from(c))), "{c:?}: {message}");
            // Separators at either end are trimmed away like spaces; anything else is refused there too.
            let leading = optional_text(&format!("{c}Sam"), "holder's name", 80);
            match leading {
                Ok(kept) => assert!(c.is_whitespace() && kept == "Sam", "{c:?}"),
                Err(e) => assert!(e.to_string().contains("at the start"), "{c:?}: {e}"),
            }
        }
    }

    #[test]
    fn emoji_sequences_and_right_to_left_names_are_not_hidden_text() {
        for n in [
            "Sam 🏳️\u{200d}🌈",
            "Kim 👩\u{200d}👩\u{200d}👧",
            "Jo 🏴\u{e0067}\u{e0062}\u{e0077}\u{e006c}\u{e0073}\u{e007f}",
            "مريم",
            "ה׳",
        ] {
            assert_eq!(display_name(n, "name").unwrap(), n);
        }
        // A joiner or tag that is not part of an emoji is refused.
        assert!(display_name("Sa\u{200d}m", "name").is_err());
        assert!(display_name("Sam\u{e0067}", "name").is_err());
    }

    #[test]
    fn notes_are_composed_and_otherwise_kept_as_written() {
        // Free text is the chair's own writing, not a name: its direction marks stay, drawn in a block of its own.
        for note in ["שלום\u{200f} (Sam)", "\u{202e}<b>reversed</b>"] {
            assert_eq!(text_block(note, "notes", 100, false).unwrap(), note);
        }
    }

    #[test]
    fn last_initial_is_one_letter() {
        assert_eq!(last_initial(" k. ").unwrap(), "K");
        assert_eq!(last_initial("").unwrap(), "");
        assert!(last_initial("Ko").is_err());
        assert!(last_initial("7").is_err());
    }
}
