//! The e-mail feedback style guide: a page of `kind = "email-guide"` whose ```` ```toml rules ````
//! block holds the rules a feedback message is checked against, whose ```` ```email do ```` and
//! ```` ```email dont ```` blocks are good and bad examples (checked against the rules at build
//! time), and whose ```` ```email template ```` blocks are reply templates. `email-guide.js`
//! applies the same rules to a draft in the browser.

pub mod check;
mod html;
pub mod rules;

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::Event;
use serde::{Deserialize, Serialize};

use super::{Events, Kind, KindInput, RewriteInput};
use crate::content::front_matter::Located;
use crate::diagnostics::{Diagnostic, closest};
use crate::markdown::LinkSite;
use check::{Rule, Verdict};

pub struct EmailGuide;

/// The kinds of `email` block.
pub const BLOCKS: &[&str] = &["do", "dont", "template"];

/// What an e-mail guide holds, as `page.data`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuideData {
    pub rules: Vec<Rule>,
    /// Numbers of examples: good, bad, templates.
    pub good: usize,
    pub bad: usize,
    pub templates: usize,
}

impl GuideData {
    pub fn from_value(value: &serde_json::Value) -> Option<GuideData> {
        // Read straight from the borrowed value, without copying it first.
        Self::deserialize(value).ok()
    }
}

/// A fenced block of the page that the guide reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// `rules`, or the word after `email`: `do`, `dont`, `template` (or an unknown one).
    pub what: String,
    pub is_rules: bool,
    /// Event indexes: `Start(CodeBlock)` and `End(CodeBlock)`.
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// Where the info string starts in the body (for messages about the block).
    pub fence: usize,
    /// Where the text starts in the body, when the text is written there as is (not inside a
    /// quote or an indented list item).
    pub text_at: Option<usize>,
}

/// The guide's blocks, in page order.
pub fn blocks(events: &[(Event<'_>, Range<usize>)], body: &str) -> Vec<Block> {
    crate::kinds::kit::fenced_blocks(events)
        .into_iter()
        .filter_map(|b| {
            let first = b.info.first().map(String::as_str);
            let second = b.info.get(1).map(String::as_str);
            let is_rules = first == Some("toml") && second == Some("rules");
            if !is_rules && first != Some("email") {
                return None;
            }
            let fence = body
                .get(b.fence..)
                .and_then(|rest| rest.find(|c: char| c != '`' && c != '~' && c != ' '))
                .map_or(b.fence, |n| b.fence + n);
            let text_at = b
                .span
                .filter(|s| body.get(s.clone()) == Some(b.text.as_str()))
                .map(|s| s.start);
            Some(Block {
                what: if is_rules {
                    "rules".into()
                } else {
                    second.unwrap_or("").to_string()
                },
                is_rules,
                start: b.start,
                end: b.end,
                text: b.text,
                fence,
                text_at,
            })
        })
        .collect()
}

/// The rules a message breaks, with their verdicts: all of them, or only errors and warnings.
pub fn broken<'r>(rules: &'r [Rule], text: &str, required_only: bool) -> Vec<(&'r Rule, Verdict)> {
    rules
        .iter()
        .filter(|r| !required_only || r.is_required())
        .map(|r| (r, check::check(r, text)))
        .filter(|(_, v)| !v.pass)
        .collect()
}

/// What a broken rule found, in words, for build messages.
fn detail(rule: &Rule, verdict: &Verdict, text: &str) -> String {
    let limit = rule.limit.unwrap_or(0);
    match rule.check.as_str() {
        "flagged-phrases" | "risk-phrases" if !verdict.all.is_empty() => format!(
            "it contains {}",
            verdict
                .all
                .iter()
                .map(|at| format!("“{}”", &text[at.clone()]))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        "flagged-phrases" | "risk-phrases" => "it contains a flagged phrase".into(),
        "contains-phrase" => "it contains none of the rule's phrases".into(),
        "asks-question" => "it asks no question".into(),
        "max-words" => format!(
            "it has {} words, more than {limit}",
            verdict.count.unwrap_or(0)
        ),
        "max-sentence-words" => format!(
            "a sentence has {} words, more than {limit}",
            verdict.count.unwrap_or(0)
        ),
        _ => String::new(),
    }
}

impl Kind for EmailGuide {
    fn name(&self) -> &'static str {
        "email-guide"
    }

    fn template(&self) -> &'static str {
        "email-guide.html"
    }

    fn prepare(
        &self,
        input: &KindInput<'_>,
        _keys: &[Located<(String, toml::Value)>],
    ) -> Result<serde_json::Value, Vec<Diagnostic>> {
        let at = |offset: usize| input.position(offset);
        let events = crate::markdown::parse(input.body);
        let found = blocks(&events, input.body);
        let mut problems = Vec::new();
        let mut rules: Vec<(Rule, usize)> = Vec::new();
        let mut rules_seen = false;
        for block in found.iter().filter(|b| b.is_rules) {
            if rules_seen {
                problems.push(
                    Diagnostic::error("this e-mail guide has a second rules block")
                        .at(input.shown, at(block.fence))
                        .with_hint("keep all [[rule]] tables in one ```toml rules block"),
                );
                continue;
            }
            rules_seen = true;
            let base = block.text_at.unwrap_or(block.fence);
            match rules::parse(&block.text, input.lang, at(base).line) {
                Ok(mut list) => {
                    // Where each `see` starts in the body, for messages about its links.
                    for (rule, _) in &mut list {
                        rule.see_at = rule.see_at.map(|offset| {
                            if block.text_at.is_some() {
                                base + offset
                            } else {
                                block.fence
                            }
                        });
                    }
                    rules = list
                }
                Err(list) => {
                    for p in list {
                        let offset = if block.text_at.is_some() {
                            base + p.offset
                        } else {
                            block.fence
                        };
                        problems.push(p.at(input, offset));
                    }
                }
            }
        }
        if !rules_seen {
            problems.push(
                Diagnostic::error("this e-mail guide has no rules")
                    .at(input.shown, at(0))
                    .with_hint("add a fenced block marked ```toml rules holding [[rule]] tables with id, check, severity, message and source"),
            );
        }
        let (mut good, mut bad, mut templates) = (0, 0, 0);
        let only_rules: Vec<Rule> = rules.iter().map(|(r, _)| r.clone()).collect();
        let rule_line = |id: &str| {
            rules
                .iter()
                .find(|(r, _)| r.id == id)
                .map_or(0, |(_, l)| *l)
        };
        for block in found.iter().filter(|b| !b.is_rules) {
            let place = |offset: Option<usize>| match (block.text_at, offset) {
                (Some(base), Some(o)) => at(base + o),
                (Some(base), None) => at(base),
                (None, _) => at(block.fence),
            };
            match block.what.as_str() {
                "do" | "template" => {
                    if block.what == "do" {
                        good += 1;
                    } else {
                        templates += 1;
                    }
                    let what = if block.what == "do" {
                        "good example"
                    } else {
                        "template"
                    };
                    for (rule, verdict) in broken(&only_rules, &block.text, true) {
                        problems.push(
                            Diagnostic::error(format!(
                                "this {what} breaks rule `{}`{}: {}",
                                rule.id,
                                rule.name
                                    .as_ref()
                                    .map(|n| format!(" ({n})"))
                                    .unwrap_or_default(),
                                detail(rule, &verdict, &block.text)
                            ))
                            .at(input.shown, place(verdict.at.as_ref().map(|r| r.start)))
                            .with_hint(format!(
                                "rewrite the {what}, or change the rule on line {}: {}",
                                rule_line(&rule.id),
                                rule.message
                            )),
                        );
                    }
                }
                "dont" => {
                    bad += 1;
                    if rules_seen
                        && !rules.is_empty()
                        && broken(&only_rules, &block.text, false).is_empty()
                    {
                        problems.push(
                            Diagnostic::error("no rule flags this bad example")
                                .at(input.shown, place(None))
                                .with_hint("a bad example must break at least one rule: make its mistake plain, or add the words it uses to a flagged-phrases rule"),
                        );
                    }
                }
                other => {
                    let hint = match closest(other, BLOCKS.iter().copied(), 3) {
                        Some(close) => format!("did you mean ```email {close}? The blocks are ```email do, ```email dont and ```email template"),
                        None => "the blocks are ```email do (a good example), ```email dont (a bad example) and ```email template".into(),
                    };
                    problems.push(
                        Diagnostic::error(if other.is_empty() {
                            "an email block needs a kind: do, dont or template".to_string()
                        } else {
                            format!("unknown email block `{other}`")
                        })
                        .at(input.shown, at(block.fence))
                        .with_hint(hint),
                    );
                }
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        input.data(&GuideData {
            rules: only_rules,
            good,
            bad,
            templates,
        })
    }

    fn rewrite<'a>(
        &self,
        input: &RewriteInput<'_>,
        events: Events<'a>,
        taken_ids: &mut HashSet<String>,
        resolve: &mut dyn FnMut(LinkSite<'_>) -> String,
    ) -> Events<'a> {
        match GuideData::from_value(input.data) {
            Some(data) => html::rewrite(&data, input.words, events, taken_ids, resolve),
            None => events,
        }
    }
}

pub use crate::kinds::kit::word;
