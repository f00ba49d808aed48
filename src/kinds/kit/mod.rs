//! What the kinds share: finding the fenced data blocks of a page, putting a tool first on its
//! page, one problem type for what is wrong with a page's data (turned into a diagnostic at its
//! place in the file), reading TOML with a place for every problem ([`toml_spans`]), and looking
//! up a theme word.

pub mod toml_spans;

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{CodeBlockKind, Event, Tag, TagEnd};

use super::KindInput;
use crate::diagnostics::{Diagnostic, Position};

/// A problem with a kind's data, at a byte offset in the text it was read from (a page's body,
/// a data block, site.toml).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub offset: usize,
    pub message: String,
    pub hint: String,
    /// Where the same thing was written first, for "(first on line N)".
    pub first: Option<usize>,
}

impl Problem {
    pub fn new(offset: usize, message: impl Into<String>, hint: impl Into<String>) -> Problem {
        Problem {
            offset,
            message: message.into(),
            hint: hint.into(),
            first: None,
        }
    }

    /// The same problem, `base` bytes further on (a block's offset in the body).
    pub fn shifted(self, base: usize) -> Problem {
        Problem {
            offset: base + self.offset,
            first: self.first.map(|first| base + first),
            ..self
        }
    }

    /// The problem as an error in the file `shown`, `at` giving the line and column of an
    /// offset.
    pub fn in_file(self, shown: &Path, at: impl Fn(usize) -> Position) -> Diagnostic {
        let message = match self.first {
            Some(first) => format!("{} (first on line {})", self.message, at(first).line),
            None => self.message,
        };
        let mut d = Diagnostic::error(message).at(shown, at(self.offset));
        if !self.hint.is_empty() {
            d = d.with_hint(self.hint);
        }
        d
    }

    /// The problem as an error at its place in the page's file; `offset` replaces the
    /// problem's own when the data was not written in the body as it is (inside a quote).
    pub fn at(self, input: &KindInput<'_>, offset: usize) -> Diagnostic {
        Problem { offset, ..self }.in_file(input.shown, |o| input.position(o))
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

/// A fenced code block of a page (a kind's data block such as ```` ```toml planner ````).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fenced {
    /// The words of its info string: `["toml", "planner"]`.
    pub info: Vec<String>,
    /// The event indexes of its `Start(CodeBlock)` and `End(CodeBlock)` (or the last event).
    pub start: usize,
    pub end: usize,
    /// Where its opening fence starts in the body.
    pub fence: usize,
    /// Where the block ends in the body.
    pub block_end: usize,
    /// Its text, as pulldown-cmark reads it (without the `>` of a quote, for one).
    pub text: String,
    /// From the start of its first text to the end of its last, in the body.
    pub span: Option<Range<usize>>,
}

/// Every fenced code block of a page's parsed Markdown, in page order.
pub fn fenced_blocks(events: &[(Event<'_>, Range<usize>)]) -> Vec<Fenced> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < events.len() {
        let (Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))), range) = &events[i] else {
            i += 1;
            continue;
        };
        let end = (i..events.len())
            .find(|&j| matches!(events[j].0, Event::End(TagEnd::CodeBlock)))
            .unwrap_or(events.len() - 1);
        let mut text = String::new();
        let mut span: Option<Range<usize>> = None;
        for (event, range) in &events[i + 1..end] {
            if let Event::Text(t) = event {
                text.push_str(t);
                span = Some(match span {
                    Some(s) => s.start..range.end,
                    None => range.clone(),
                });
            }
        }
        found.push(Fenced {
            info: info.split_whitespace().map(str::to_string).collect(),
            start: i,
            end,
            fence: range.start,
            block_end: events[end].1.end,
            text,
            span,
        });
        i = end + 1;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_fenced_block_with_its_text_and_place() {
        let body = "Intro\n\n```toml  planner\na = 1\nb = 2\n```\n\n    indented\n\n> ```email good\n> Dear Anna\n> ```\n";
        let events: Vec<_> = pulldown_cmark::Parser::new(body)
            .into_offset_iter()
            .collect();
        let blocks = fenced_blocks(&events);
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[0].info, ["toml", "planner"]);
        assert_eq!(blocks[0].text, "a = 1\nb = 2\n");
        assert_eq!(blocks[0].fence, 7);
        assert_eq!(&body[blocks[0].span.clone().unwrap()], "a = 1\nb = 2\n");
        assert_eq!(blocks[1].info, ["email", "good"]);
        assert_eq!(blocks[1].text, "Dear Anna\n");
    }
}

/// The page's events with the data block at `block` (its event indices, end included) replaced
/// by `tool` and moved to the top of the page, together with the heading written right above
/// it, if any: what a reader came to use comes before the text about it.
pub fn tool_first<'a>(
    events: super::Events<'a>,
    block: std::ops::RangeInclusive<usize>,
    tool: String,
) -> super::Events<'a> {
    let start = *block.start();
    let heading = if start > 0 && matches!(events[start - 1].0, Event::End(TagEnd::Heading(_))) {
        events[..start]
            .iter()
            .rposition(|(e, _)| matches!(e, Event::Start(Tag::Heading { .. })))
            .map_or(0..0, |first| first..start)
    } else {
        0..0
    };
    let mut first: super::Events<'a> = Vec::new();
    let mut rest: super::Events<'a> = Vec::with_capacity(events.len());
    let mut tool = Some(tool);
    for (i, (event, range)) in events.into_iter().enumerate() {
        if i == start {
            if let Some(html) = tool.take() {
                first.push((Event::Html(html.into()), range));
            }
        } else if heading.contains(&i) {
            first.push((event, range));
        } else if !block.contains(&i) {
            rest.push((event, range));
        }
    }
    first.extend(rest);
    first
}

#[cfg(test)]
mod tool_first_tests {
    use super::*;

    #[test]
    fn the_block_and_its_heading_move_to_the_top() {
        let body = "Intro.\n\n## How\n\nSteps.\n\n## The tool\n\n```toml x\na = 1\n```\n\nAfter.\n";
        let events = crate::markdown::parse(body);
        let block = fenced_blocks(&events).remove(0);
        let out = tool_first(events, block.start..=block.end, "<div>TOOL</div>".into());
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, out.into_iter().map(|(e, _)| e));
        assert_eq!(
            html,
            "<h2>The tool</h2>\n<div>TOOL</div>\n<p>Intro.</p>\n<h2>How</h2>\n<p>Steps.</p>\n<p>After.</p>\n"
        );
    }
}
