//! Problems found in a site: what is wrong, where (`path:line:col`), and what to do about it.
//!
//! Every stage reports into a [`Diagnostics`] list instead of stopping at the first problem, so
//! that one run shows an author everything that needs fixing.

use std::borrow::Cow;
use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a problem is: errors fail the run, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    /// Something the site lacks that does not stop it being built (a stakeholder map without
    /// a group site.toml requires): a warning for `build`, an error for `check`.
    Incomplete,
    Warning,
}

/// A place in a source file. Lines and columns count from 1; columns count characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// One problem, with an optional place and an optional hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file, as the user should see it (relative to where toolkit was started).
    pub path: Option<PathBuf>,
    pub position: Option<Position>,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: None,
            position: None,
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    /// A warning that `toolkit check` reports as an error (see [`Severity::Incomplete`]).
    pub fn incomplete(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Incomplete,
            ..Diagnostic::error(message)
        }
    }

    /// Names the file the problem is in, without a line.
    pub fn in_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// Names the file and the line and column.
    pub fn at(mut self, path: impl Into<PathBuf>, position: Position) -> Self {
        self.path = Some(path.into());
        self.position = Some(position);
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The text shown to the user, with terminal colours when `styled` is true.
    pub fn render(&self, styled: bool) -> String {
        use anstyle::{AnsiColor, Style};
        let paint = |style: Style, text: &str| {
            if styled {
                format!("{}{}{}", style.render(), text, style.render_reset())
            } else {
                text.to_string()
            }
        };
        let bold = Style::new().bold();
        let (label, colour) = match self.severity {
            Severity::Error => ("error", AnsiColor::Red),
            Severity::Warning | Severity::Incomplete => ("warning", AnsiColor::Yellow),
        };
        let mut out = String::new();
        if let Some(path) = &self.path {
            let mut place = one_line(&path.display().to_string()).into_owned();
            if let Some(pos) = self.position {
                place.push_str(&format!(":{}:{}", pos.line, pos.column));
            }
            out.push_str(&paint(bold, &place));
            out.push_str(": ");
        }
        out.push_str(&paint(bold.fg_color(Some(colour.into())), label));
        out.push_str(": ");
        out.push_str(&one_line(&self.message));
        if let Some(hint) = &self.hint {
            out.push_str("\n  ");
            out.push_str(&paint(
                Style::new().fg_color(Some(AnsiColor::Cyan.into())),
                "hint",
            ));
            out.push_str(": ");
            out.push_str(&one_line(hint));
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

/// `text` safe to print on one line of a terminal: control characters (a newline, a carriage
/// return, ESC, BEL, NUL, …), line and paragraph separators and the bidirectional overrides are
/// written as escapes (`\n`, `\u{1b}`), so that a value from a file can neither split a
/// `path:line:col` message nor reach the terminal as a command.
pub fn one_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for ch in text.chars() {
        if needs_escape(ch) {
            out.extend(ch.escape_debug());
        } else {
            out.push(ch);
        }
    }
    Cow::Owned(out)
}

/// Characters [`one_line`] escapes.
fn needs_escape(ch: char) -> bool {
    ch.is_control()
        || matches!(ch, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// All the problems of one run, in the order they should be shown.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Makes every [`Severity::Incomplete`] problem an error, as `toolkit check` wants.
    pub fn incomplete_as_errors(&mut self) {
        for d in &mut self.items {
            if d.severity == Severity::Incomplete {
                d.severity = Severity::Error;
            }
        }
    }

    /// Sorts by file, then place, so the output is the same however the work was scheduled.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            (a.path.is_some(), &a.path, a.position, &a.message).cmp(&(
                b.path.is_some(),
                &b.path,
                b.position,
                &b.message,
            ))
        });
        self.items.dedup();
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// Turns byte offsets in a text into line and column numbers.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { line_starts }
    }

    /// The position of byte `offset` in `text` (the text this index was made from).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = offset.min(text.len());
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line];
        let mut end = offset;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let column = text[start..end].chars().count() + 1;
        Position {
            line: line + 1,
            column,
        }
    }
}

/// The position of byte `offset` in `text`, for one-off use.
pub fn position_in(text: &str, offset: usize) -> Position {
    LineIndex::new(text).position(text, offset)
}

/// The candidate closest to `word` within `max_edits` single-character edits, for "did you mean"
/// hints. Ties go to the earliest candidate.
pub fn closest<'a, S: AsRef<str> + ?Sized + 'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a S>,
    max_edits: usize,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(AsRef::as_ref)
        .map(|c| (strsim::levenshtein(c, word), c))
        .filter(|(distance, _)| *distance <= max_edits)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| c)
}

/// Joins a path relative to the site root onto the root as the user named it, for messages.
pub fn display_path(root: &Path, relative: &Path) -> PathBuf {
    if root == Path::new(".") || root.as_os_str().is_empty() {
        relative.to_path_buf()
    } else {
        root.join(relative)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters_from_one() {
        let text = "ab\nçd\n\nx";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 0), Position { line: 1, column: 1 });
        assert_eq!(index.position(text, 3), Position { line: 2, column: 1 });
        // 'd' comes after the two-byte 'ç': byte 5, character column 2.
        assert_eq!(index.position(text, 5), Position { line: 2, column: 2 });
        assert_eq!(index.position(text, 7), Position { line: 3, column: 1 });
        assert_eq!(index.position(text, 8), Position { line: 4, column: 1 });
        assert_eq!(index.position(text, 99), Position { line: 4, column: 2 });
    }

    #[test]
    fn renders_path_line_column_and_hint() {
        let d = Diagnostic::error("unknown front-matter key `titel`")
            .at("content/a.md", Position { line: 2, column: 1 })
            .with_hint("did you mean `title`?");
        assert_eq!(
            d.to_string(),
            "content/a.md:2:1: error: unknown front-matter key `titel`\n  hint: did you mean `title`?"
        );
    }

    #[test]
    fn values_with_control_characters_stay_on_one_line_and_escape_nothing_to_the_terminal() {
        let d =
            Diagnostic::error("unknown group `\u{1b}]0;pwned\u{7}\u{1b}[2J`, or `multi\nline\r`")
                .at("content/a\nb.md", Position { line: 2, column: 9 })
                .with_hint("not `\u{0}` or `\u{202e}`");
        assert_eq!(
            d.to_string(),
            "content/a\\nb.md:2:9: error: unknown group `\\u{1b}]0;pwned\\u{7}\\u{1b}[2J`, or `multi\\nline\\r`\n  hint: not `\\0` or `\\u{202e}`"
        );
        assert_eq!(one_line("tab\there"), "tab\\there");
        assert!(matches!(one_line("Café 項目 «ok»"), Cow::Borrowed(_)));
    }

    #[test]
    fn incomplete_is_a_warning_until_check_makes_it_an_error() {
        let mut all = Diagnostics::new();
        all.push(Diagnostic::incomplete("x").in_file("a.md"));
        assert!(!all.has_errors());
        assert_eq!(all.warning_count(), 1);
        assert_eq!(all.iter().next().unwrap().to_string(), "a.md: warning: x");
        all.incomplete_as_errors();
        assert_eq!(all.error_count(), 1);
        assert_eq!(all.iter().next().unwrap().to_string(), "a.md: error: x");
    }

    #[test]
    fn closest_candidate() {
        assert_eq!(
            closest("titel", ["title", "weight"].iter().copied(), 2),
            Some("title")
        );
        assert_eq!(
            closest("colour", ["title", "weight"].iter().copied(), 2),
            None
        );
    }

    #[test]
    fn sorting_puts_files_in_order_and_drops_repeats() {
        let mut all = Diagnostics::new();
        let at = |p: &str, l| Diagnostic::error("x").at(p, Position { line: l, column: 1 });
        all.push(at("b.md", 1));
        all.push(at("a.md", 9));
        all.push(at("a.md", 2));
        all.push(at("a.md", 2));
        all.sort();
        let lines: Vec<String> = all.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            lines,
            [
                "a.md:2:1: error: x",
                "a.md:9:1: error: x",
                "b.md:1:1: error: x"
            ]
        );
    }
}
