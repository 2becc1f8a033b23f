//! The passphrase that opens an encrypted data file. It lives in memory that is zeroed when it is
//! dropped, it never shows up in a `Debug` print or a log, and it is checked before it is used.

use std::fmt;

use unicode_normalization::UnicodeNormalization;
use zeroize::Zeroizing;

use crate::error::{problem, Error, Result};

/// A checked passphrase: not empty, not only spaces, at least [`Passphrase::MIN_CHARS`] characters.
/// Its text is kept as typed (spaces included) in Unicode's composed form (NFC), so "é" typed as one
/// character on one laptop and as "e" plus an accent on another is the same passphrase; it is
/// zeroed in memory when it is dropped.
#[derive(Clone)]
pub struct Passphrase(Zeroizing<String>);

impl Passphrase {
    /// The fewest characters (not bytes) a passphrase may have.
    pub const MIN_CHARS: usize = 8;

    /// Takes ownership of `text` (so no unzeroed copy is left behind here) and checks it.
    pub fn new(text: String) -> Result<Passphrase> {
        let typed = Zeroizing::new(text);
        // NFC never grows UTF-8 text more than threefold, so the composed copy never reallocates
        // and leaves no unzeroed buffer behind.
        let mut text = Zeroizing::new(String::with_capacity(typed.len() * 3));
        text.extend(typed.nfc());
        if text.trim().is_empty() {
            return Err(Error::invalid(problem!("enter_passphrase", "Please enter a passphrase.")));
        }
        if text.chars().count() < Self::MIN_CHARS {
            return Err(Error::invalid(problem!(
                "passphrase_too_short",
                "A passphrase needs at least {min} characters. A short sentence is easy to remember and hard to guess.",
                min = Self::MIN_CHARS
            )));
        }
        Ok(Passphrase(text))
    }

    /// The passphrase's text, for handing to SQLCipher. Do not copy it into anything that outlives the call.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Passphrase {
    type Error = Error;
    fn try_from(text: String) -> Result<Passphrase> {
        Passphrase::new(text)
    }
}

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Passphrase(<hidden>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_or_blank_is_refused_in_plain_words() {
        for text in ["", " ", "          ", "\t \n"] {
            let err = Passphrase::new(text.into()).unwrap_err();
            assert_eq!(err.kind(), "invalid");
            assert_eq!(err.to_string(), "Please enter a passphrase.");
        }
    }

    #[test]
    fn short_is_refused_and_length_counts_characters() {
        assert!(Passphrase::new("seven!!".into()).unwrap_err().to_string().contains("at least 8 characters"));
        // Eight characters, more than eight bytes.
        assert!(Passphrase::new("ééééçççç".into()).is_ok());
        // Spaces inside and around are part of the passphrase, kept as typed.
        let p = Passphrase::new("  open sesame  ".into()).unwrap();
        assert_eq!(p.expose(), "  open sesame  ");
    }

    #[test]
    fn an_accent_typed_two_ways_is_the_same_passphrase() {
        let composed = Passphrase::new("café au lait".into()).unwrap();
        let combining = Passphrase::new("cafe\u{301} au lait".into()).unwrap();
        assert_eq!(combining.expose(), composed.expose());
        assert_eq!(combining.expose(), "café au lait");
    }

    #[test]
    fn debug_never_shows_the_text() {
        let p = Passphrase::new("correct horse battery".into()).unwrap();
        let shown = format!("{p:?} {:?}", Some(&p));
        assert!(!shown.contains("horse"), "{shown}");
        assert!(shown.contains("<hidden>"));
    }
}
