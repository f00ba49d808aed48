//! The team survey (the barrier scan): a page of `kind = "survey"` whose ```` ```toml survey ````
//! block holds the survey's id and version, its answer scale, optional roles and open
//! questions, and its statements, each about one construct the site lists. The page is an
//! accessible form whose answers stay in the browser until the respondent hands them in (a
//! JSON file, a one-line code, or an e-mail with the code); the build writes an A4 PDF form and
//! a CSV template for paper answers beside it. [`code`] reads and writes the answers.

pub mod code;
mod files;
mod html;
pub mod parse;
mod translations;

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::{Events, Kind, KindInput, RewriteInput};
use crate::content::front_matter::Located;
use crate::diagnostics::Diagnostic;
use crate::markdown::LinkSite;

/// The fence's info string of the survey block.
pub const INFO: [&str; 2] = ["toml", "survey"];

pub struct Survey;

/// Whether agreeing with a statement means a barrier or a facilitator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Barrier,
    Facilitator,
}

/// A role a respondent may pick.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Role {
    pub id: String,
    pub name: String,
}

/// One statement of the survey.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    pub id: String,
    /// The id of a construct the site lists (the text as written when it lists none).
    pub construct: String,
    pub direction: Direction,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
}

/// An open question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub id: String,
    pub text: String,
}

/// A survey page's data (`page.data`, and what other pages see of it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyData {
    pub id: String,
    pub version: u32,
    /// The number of points of the answer scale, 2 to 9.
    pub points: u8,
    /// One label per point, lowest first, in the page's language.
    pub labels: Vec<String>,
    pub roles: Vec<Role>,
    pub statements: Vec<Statement>,
    pub open: Vec<Question>,
    /// Where the "send by e-mail" button writes to, if anywhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

impl SurveyData {
    pub fn from_value(value: &serde_json::Value) -> Option<SurveyData> {
        Self::deserialize(value).ok()
    }
}

/// The survey block of a page: its text, the offset of that text in the body, its events.
pub struct Block {
    pub text: String,
    pub offset: usize,
    pub events: Range<usize>,
    /// Where its opening fence is in the body.
    pub fence: usize,
}

/// Finds the ```` ```toml survey ```` blocks of parsed Markdown.
pub fn blocks(body: &str, events: &[(pulldown_cmark::Event<'_>, Range<usize>)]) -> Vec<Block> {
    crate::kinds::kit::fenced_blocks(events)
        .into_iter()
        .filter(|b| b.info == INFO)
        .map(|b| {
            let offset = b.span.clone().map(|s| s.start).unwrap_or_else(|| {
                body.get(b.fence..)
                    .and_then(|rest| rest.find('\n'))
                    .map_or(body.len(), |n| b.fence + n + 1)
            });
            Block {
                text: b.text,
                offset,
                events: b.start..b.end,
                fence: b.fence,
            }
        })
        .collect()
}

/// The built-in theme's words in `lang` (English where it has none): the scale's labels.
pub fn builtin_words(lang: &str) -> BTreeMap<String, String> {
    let mut ignored = crate::diagnostics::Diagnostics::default();
    crate::i18n::Strings::load(&[], &[], &mut ignored).for_language(lang, "en")
}

/// Reads a page body's one survey block, checked against the site's constructs, with the
/// scale's labels in `words`. Problems are placed by `at` (a body offset to a position).
pub fn read_page(
    body: &str,
    context: &parse::Context<'_>,
    at: &dyn Fn(usize) -> crate::diagnostics::Position,
    shown: &std::path::Path,
) -> Result<(SurveyData, Block), Vec<Diagnostic>> {
    let events = crate::markdown::parse(body);
    let mut found = blocks(body, &events);
    if found.len() > 1 {
        return Err(vec![
            Diagnostic::error("this survey has two ```toml survey blocks")
                .at(shown, at(found[1].fence))
                .with_hint("write the whole survey in one block"),
        ]);
    }
    let Some(block) = found.pop() else {
        return Err(vec![
            Diagnostic::error("this survey has no ```toml survey block")
                .at(shown, at(0))
                .with_hint(
                    "write the survey in a fenced block that starts with ```toml survey: id, version, points and [[statement]] tables",
                ),
        ]);
    };
    match parse::read(&block.text, context) {
        Ok(data) => Ok((data, block)),
        Err(problems) => Err(problems
            .into_iter()
            .map(|p| p.shifted(block.offset).in_file(shown, at))
            .collect()),
    }
}

impl Kind for Survey {
    fn name(&self) -> &'static str {
        "survey"
    }

    fn keys(&self) -> &'static [&'static str] {
        &["email"]
    }

    fn template(&self) -> &'static str {
        "survey.html"
    }

    fn prepare(
        &self,
        input: &KindInput<'_>,
        keys: &[Located<(String, toml::Value)>],
    ) -> Result<serde_json::Value, Vec<Diagnostic>> {
        let words = builtin_words(input.lang);
        let context = parse::Context {
            constructs: input.config.constructs(),
            default_lang: &input.config.default_language,
            words: &words,
        };
        let at = |offset: usize| input.position(offset);
        let (mut data, block) = read_page(input.body, &context, &at, input.shown)?;
        let mut problems = Vec::new();
        for key in keys {
            if key.value.0 == "email" {
                match key.value.1.as_str().map(str::trim) {
                    Some(address) if parse::is_email(address) => {
                        if data.email.is_none() {
                            data.email = Some(address.to_string());
                        }
                    }
                    _ => problems.push(
                        Diagnostic::error("`email` is not an e-mail address")
                            .at(input.shown, key.value_position)
                            .with_hint(
                                "write an address like email = \"implementation@clinic.example\"",
                            ),
                    ),
                }
            }
        }
        problems.extend(translations::check(input, &data, &block));
        if !problems.is_empty() {
            return Err(problems);
        }
        input.data(&data)
    }

    fn rewrite<'a>(
        &self,
        input: &RewriteInput<'_>,
        events: Events<'a>,
        taken_ids: &mut HashSet<String>,
        _resolve: &mut dyn FnMut(LinkSite<'_>) -> String,
    ) -> Events<'a> {
        let Some(data) = SurveyData::from_value(input.data) else {
            return events;
        };
        let Some(span) = blocks("", &events).first().map(|b| b.events.clone()) else {
            return events;
        };
        taken_ids.extend(html::ids(&data));
        crate::kinds::kit::tool_first(
            events,
            span.start..=span.end,
            html::form(&data, input.words),
        )
    }

    fn files(&self, input: &super::FilesInput<'_>) -> Result<Vec<(String, Vec<u8>)>, String> {
        let Some(data) = SurveyData::from_value(input.data) else {
            return Ok(Vec::new());
        };
        files::files(&data, input)
    }

    fn search(&self, data: &serde_json::Value) -> super::SearchExtra {
        let Some(data) = SurveyData::from_value(data) else {
            return super::SearchExtra::default();
        };
        super::SearchExtra {
            text: data.statements.iter().map(|s| s.text.clone()).collect(),
            entries: Vec::new(),
        }
    }

    fn shown_elsewhere<'a>(&self, data: &'a serde_json::Value) -> Option<&'a serde_json::Value> {
        Some(data)
    }
}
