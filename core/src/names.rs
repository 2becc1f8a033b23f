//! What a name may be: first name or alias, kept exactly as typed (emoji, accents,
//! right-to-left text, quotes), but never empty, never a paragraph, never control characters.

use crate::error::{Error, Result};

pub const MAX_NAME_CHARS: usize = 80;

/// Checks a person's display name (or a chair's) and returns it trimmed.
pub fn display_name(raw: &str, what: &str) -> Result<String> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(Error::invalid(format!("Please type a {what} (a first name or alias is enough).")));
    }
    let len = name.chars().count();
    if len > MAX_NAME_CHARS {
        return Err(Error::invalid(format!(
            "That {what} is {len} characters long; please keep it to {MAX_NAME_CHARS} or fewer."
        )));
    }
    if name.chars().any(char::is_control) {
        return Err(Error::invalid(format!("A {what} cannot contain line breaks or tabs.")));
    }
    Ok(name.to_string())
}

/// An optional last initial: empty, or one letter (a trailing dot is dropped).
pub fn last_initial(raw: &str) -> Result<String> {
    let t = raw.trim().trim_end_matches('.');
    let mut chars = t.chars();
    match (chars.next(), chars.next()) {
        (None, _) => Ok(String::new()),
        (Some(c), None) if c.is_alphabetic() => Ok(c.to_uppercase().collect()),
        _ => Err(Error::invalid("A last initial is a single letter, or nothing.")),
    }
}

/// Optional free text with a length limit (a fellowship label, a location).
pub fn optional_text(raw: &str, what: &str, max: usize) -> Result<String> {
    let t = raw.trim();
    if t.chars().count() > max {
        return Err(Error::invalid(format!("The {what} can be at most {max} characters.")));
    }
    if t.chars().any(char::is_control) {
        return Err(Error::invalid(format!("The {what} cannot contain line breaks or tabs.")));
    }
    Ok(t.to_string())
}

/// Free text with line breaks allowed (notes, an action item), never empty where required.
pub fn text_block(raw: &str, what: &str, max: usize, required: bool) -> Result<String> {
    let t = raw.trim();
    if required && t.is_empty() {
        return Err(Error::invalid(format!("Please type the {what}.")));
    }
    let len = t.chars().count();
    if len > max {
        return Err(Error::invalid(format!("The {what} is {len} characters long; please keep it to {max} or fewer.")));
    }
    if t.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(Error::invalid(format!("The {what} contains characters that cannot be kept.")));
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

/// The key two names are compared by: case and surrounding space do not make a new person.
pub fn match_key(name: &str, initial: &str) -> String {
    format!("{}\u{1f}{}", name.trim().to_lowercase(), initial.to_lowercase())
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
    fn last_initial_is_one_letter() {
        assert_eq!(last_initial(" k. ").unwrap(), "K");
        assert_eq!(last_initial("").unwrap(), "");
        assert!(last_initial("Ko").is_err());
        assert!(last_initial("7").is_err());
    }
}
