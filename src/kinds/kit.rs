//! What the kinds share: one problem type for what is wrong with a page's data (turned into a
//! diagnostic at its place in the file), and looking up a theme word.

use std::collections::BTreeMap;

use super::KindInput;
use crate::diagnostics::Diagnostic;

/// A problem with a page's data, at a byte offset in the page's body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub offset: usize,
    pub message: String,
    pub hint: String,
}

impl Problem {
    pub fn new(offset: usize, message: impl Into<String>, hint: impl Into<String>) -> Problem {
        Problem {
            offset,
            message: message.into(),
            hint: hint.into(),
        }
    }

    /// The problem as an error at its place in the page's file; `offset` replaces the
    /// problem's own when the data was not written in the body as it is (inside a quote).
    pub fn at(self, input: &KindInput<'_>, offset: usize) -> Diagnostic {
        let mut d = Diagnostic::error(self.message).at(input.shown, input.position(offset));
        if !self.hint.is_empty() {
            d = d.with_hint(self.hint);
        }
        d
    }

    /// The problem as an error at its own place in the page's file.
    pub fn into_diagnostic(self, input: &KindInput<'_>) -> Diagnostic {
        let offset = self.offset;
        self.at(input, offset)
    }
}

/// The word `key` of the theme in the page's language, or the key itself when the theme has
/// none (so a missing word shows, and can be found).
pub fn word<'a>(words: &'a BTreeMap<String, String>, key: &'a str) -> &'a str {
    words.get(key).map(String::as_str).unwrap_or(key)
}
