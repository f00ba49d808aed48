//! The results of a survey: a page of `kind = "survey-results"` that names its survey
//! (`survey = "barrier-scan"` in its front matter). The lead adds the team's answer sets in the
//! browser (`survey-results.js`), which aggregates them as [`aggregate`] does and as
//! `toolkit survey` prints them. What the page shows of other pages (the survey's statements,
//! the checklist items and playbooks of each construct) is made from the whole language
//! ([`site::context`]); a survey no page of the language has is an error ([`site::checks`]).

pub mod aggregate;
mod constructs;
pub mod export;
mod html;
pub mod import;
mod site;

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::{Events, Kind, KindInput, RewriteInput, SiteInput};
use crate::content::front_matter::Located;
use crate::diagnostics::{Diagnostic, Position};
use crate::markdown::LinkSite;

pub struct SurveyResults;

/// A construct's name in `lang` and the slug of its domain, as the results show them.
pub fn describe_construct(
    config: &crate::config::Config,
    lang: &str,
    words: &std::collections::BTreeMap<String, String>,
    id: &str,
) -> (String, Option<String>) {
    constructs::describe(config, lang, words, id)
}

/// What a results page holds, as `page.data`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultsData {
    /// The id of the survey it shows.
    pub survey: String,
    /// Where `survey` is written, for the error when no page has that survey.
    pub line: usize,
    pub column: usize,
}

impl ResultsData {
    pub fn from_value(value: &serde_json::Value) -> Option<ResultsData> {
        Self::deserialize(value).ok()
    }

    fn position(&self) -> Position {
        Position {
            line: self.line,
            column: self.column,
        }
    }
}

impl Kind for SurveyResults {
    fn name(&self) -> &'static str {
        "survey-results"
    }

    fn keys(&self) -> &'static [&'static str] {
        &["survey"]
    }

    fn template(&self) -> &'static str {
        "survey-results.html"
    }

    fn prepare(
        &self,
        input: &KindInput<'_>,
        keys: &[Located<(String, toml::Value)>],
    ) -> Result<serde_json::Value, Vec<Diagnostic>> {
        let Some(field) = keys.iter().find(|k| k.value.0 == "survey") else {
            let position = input
                .front
                .kind
                .as_ref()
                .map(|k| k.key_position)
                .unwrap_or(Position { line: 1, column: 1 });
            return Err(vec![
                Diagnostic::error("a results page needs `survey = \"…\"` in its front matter")
                    .at(input.shown, position)
                    .with_hint("name the id of the survey whose answers it shows, as its ```toml survey block writes it: survey = \"barrier-scan\""),
            ]);
        };
        let id = field.value.1.as_str().map(str::trim).unwrap_or("");
        if id.is_empty() {
            return Err(vec![
                Diagnostic::error("`survey` must be the id of a survey, as text")
                    .at(input.shown, field.value_position)
                    .with_hint(
                        "write the id its ```toml survey block gives: survey = \"barrier-scan\"",
                    ),
            ]);
        }
        input.data(&ResultsData {
            survey: id.to_string(),
            line: field.value_position.line,
            column: field.value_position.column,
        })
    }

    fn rewrite<'a>(
        &self,
        input: &RewriteInput<'_>,
        events: Events<'a>,
        taken_ids: &mut HashSet<String>,
        _resolve: &mut dyn FnMut(LinkSite<'_>) -> String,
    ) -> Events<'a> {
        if ResultsData::from_value(input.data).is_none() {
            return events;
        }
        for id in html::IDS {
            taken_ids.insert(id.to_string());
        }
        html::put_first(events, html::tool(input.words))
    }

    /// Which survey it names: checked against the language's surveys.
    fn shown_elsewhere<'a>(&self, data: &'a serde_json::Value) -> Option<&'a serde_json::Value> {
        Some(data)
    }

    fn site_context(&self, input: &SiteInput<'_>) -> Vec<(&'static str, serde_json::Value)> {
        site::context(input)
    }

    fn site_problems(
        &self,
        input: &SiteInput<'_>,
        _values: &crate::kinds::SiteValues,
    ) -> Vec<Diagnostic> {
        site::checks(input)
    }
}
