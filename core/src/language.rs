//! The languages the chair's screens speak. The UI translates its own words; core holds a language
//! only for seed content it writes into a group's own data (a format started from a template), so
//! that content arrives in the chair's language and is then the group's to change.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A language the app speaks, as the UI names it ("en", "es").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Language {
    #[default]
    En,
    Es,
}

impl Language {
    /// Every language, English first.
    pub const ALL: [Language; 2] = [Language::En, Language::Es];

    /// The text written for this language, of the same text in each.
    pub fn pick<'a>(self, en: &'a str, es: &'a str) -> &'a str {
        match self {
            Language::En => en,
            Language::Es => es,
        }
    }
}
