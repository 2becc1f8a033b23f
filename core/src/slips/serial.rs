//! A slip's serial, "2026-0143-K7": the year, the group's running number for that year, and two
//! characters from the slip's own id. Pure: written, read back and checked here, stored elsewhere.
//!
//! Why the two characters: numbers are given by each laptop from what it knows, so two laptops
//! issuing while a bundle is away both print 0143. Taken from the slip's random id, the two
//! characters tell those papers apart (1,024 to one), and a mistyped one finds nothing rather than
//! the wrong meeting. A lookup of the number alone lists every slip with it, so even a serial the
//! two characters did not tell apart is shown with every meeting it was issued at, never one guess.

use std::fmt;

use crate::error::{problem, Error, Problem, Result};

/// Crockford's base 32: digits and capitals without I, L, O and U; a typed I or L is read as 1, an O as 0.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Longer than this is not a serial; it is not read further.
const MAX_TYPED: usize = 40;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Serial {
    pub year: i32,
    pub number: u32,
    pub tag: String,
}

impl fmt::Display for Serial {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{:04}-{}", self.year, self.number, self.tag)
    }
}

/// The two characters a slip with this id carries: the last ten bits of its hex digits (the random
/// part of a UUID v7), in Crockford's base 32.
pub fn tag_of(id: &str) -> String {
    let hex: String = id.chars().filter(char::is_ascii_hexdigit).collect();
    let tail = u32::from_str_radix(&hex[hex.len().saturating_sub(3)..], 16).unwrap_or(0) & 0x3ff;
    [ALPHABET[(tail >> 5) as usize] as char, ALPHABET[(tail & 31) as usize] as char].iter().collect()
}

/// True when `tag` is two characters a serial can carry.
pub fn is_tag(tag: &str) -> bool {
    tag.len() == 2 && tag.bytes().all(|b| ALPHABET.contains(&b))
}

/// What a chair typed to look a slip up: the year and number, and the two characters if given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wanted {
    pub year: i32,
    pub number: u32,
    pub tag: Option<String>,
}

impl fmt::Display for Wanted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{:04}", self.year, self.number)?;
        match &self.tag {
            Some(tag) => write!(f, "-{tag}"),
            None => Ok(()),
        }
    }
}

fn looks_like() -> Problem {
    problem!(
        "serial_looks_like",
        "A serial looks like 2026-0143-K7: the year, the slip's number and two letters or digits."
    )
}

/// Reads a serial as a person types it from paper: spaces around and in it, lower case, a dash or a
/// space between the parts, O for 0 and I or L for 1 in the two characters.
pub fn parse(raw: &str) -> Result<Wanted> {
    let t = raw.trim();
    if t.is_empty() {
        return Err(Error::invalid(problem!(
            "serial_missing",
            "Please type the serial printed on the slip. {looks_like}",
            looks_like = looks_like()
        )));
    }
    if t.chars().count() > MAX_TYPED {
        return Err(Error::invalid(problem!(
            "serial_too_long",
            "That is too long to be a slip's serial. {looks_like}",
            looks_like = looks_like()
        )));
    }
    let not_one = || {
        Error::invalid(problem!("not_a_serial", "That is not a slip's serial. {looks_like}", looks_like = looks_like()))
    };
    let parts: Vec<&str> = t.split(|c: char| c == '-' || c.is_whitespace()).filter(|p| !p.is_empty()).collect();
    let (year, number, tag) = match parts.as_slice() {
        [y, n] => (*y, *n, None),
        [y, n, tag] => (*y, *n, Some(*tag)),
        _ => return Err(not_one()),
    };
    let digits = |s: &str, max: usize| s.len() <= max && !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if year.len() != 4 || !digits(year, 4) || !digits(number, 9) {
        return Err(not_one());
    }
    let tag = match tag {
        None => None,
        Some(tag) => {
            let read: String = tag
                .to_ascii_uppercase()
                .chars()
                .map(|c| match c {
                    'O' => '0',
                    'I' | 'L' => '1',
                    c => c,
                })
                .collect();
            if !is_tag(&read) {
                return Err(not_one());
            }
            Some(read)
        }
    };
    let number: u32 = number.parse().map_err(|_| not_one())?;
    if number == 0 {
        return Err(not_one());
    }
    Ok(Wanted { year: year.parse().map_err(|_| not_one())?, number, tag })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_serial_is_written_with_four_digits_at_least() {
        assert_eq!(Serial { year: 2026, number: 143, tag: "K7".into() }.to_string(), "2026-0143-K7");
        assert_eq!(Serial { year: 2026, number: 12345, tag: "00".into() }.to_string(), "2026-12345-00");
    }

    #[test]
    fn the_two_characters_come_from_the_slips_own_id() {
        assert_eq!(tag_of("0192f0a1-0000-7000-8000-000000000000"), "00");
        assert_eq!(tag_of("0192f0a1-0000-7000-8000-0000000003ff"), "ZZ");
        assert_eq!(tag_of("0192f0a1-0000-7000-8000-000000000021"), "11");
        let id = crate::new_id();
        assert!(is_tag(&tag_of(&id)), "{id}");
    }

    #[test]
    fn a_serial_is_read_as_typed_from_paper() {
        let want = Wanted { year: 2026, number: 143, tag: Some("K7".into()) };
        for typed in ["2026-0143-K7", " 2026-0143-k7 ", "2026 143 K7", "2026-143-k7"] {
            assert_eq!(parse(typed).unwrap(), want, "{typed}");
        }
        assert_eq!(parse("2026-0143-O1").unwrap().tag.as_deref(), Some("01"));
        assert_eq!(parse("2026-0143").unwrap(), Wanted { year: 2026, number: 143, tag: None });
    }

    #[test]
    fn what_is_not_a_serial_gets_a_plain_answer() {
        let message = |raw: &str| parse(raw).unwrap_err().to_string();
        assert!(message("").starts_with("Please type the serial"));
        assert!(message("   ").starts_with("Please type the serial"));
        assert!(message(&"7".repeat(10_000)).starts_with("That is too long"));
        for garbage in
            ["hello", "<b>2026-0143</b>", "2026", "26-0143-K7", "2026-0143-K7-9", "2026-0000-K7", "2026-01a3"]
        {
            assert!(message(garbage).starts_with("That is not a slip's serial"), "{garbage}");
        }
        assert!(message("2026-0143-K7U!").contains("2026-0143-K7"), "the message shows what a serial looks like");
    }
}
