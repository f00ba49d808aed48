//! The training-timing planner: a page of `kind = "planner"` whose ```` ```toml planner ````
//! block holds the rules of a training plan (the longest gap between training and go-live,
//! events and repeated reminders counted from go-live). The page shows the plan relative to
//! go-live; `planner.js` dates it from the user's dates and offers it as an `.ics` file, and
//! `toolkit plan` does the same on the command line.

pub mod date;
mod html;
pub mod ics;
pub mod rules;
pub mod schedule;

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;

use pulldown_cmark::Event;
use serde::{Deserialize, Serialize};

use super::{Events, Kind, KindInput, RewriteInput};
use crate::content::front_matter::Located;
use crate::diagnostics::{Diagnostic, Position};
use crate::markdown::LinkSite;

pub use date::Date;
pub use rules::Rules;
pub use schedule::Schedule;

/// The fence's info string that marks the rules.
pub const INFO: &str = "toml planner";

pub struct Planner;

/// What a planner page holds, as `page.data`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannerData {
    pub rules: Rules,
    /// The site's host, for calendar UIDs.
    pub host: String,
}

impl PlannerData {
    pub fn from_value(value: &serde_json::Value) -> Option<PlannerData> {
        // Read straight from the borrowed value, without copying it first.
        Self::deserialize(value).ok()
    }
}

/// The rules block of a page: its text and the byte offset of that text in the body.
pub struct Block {
    pub text: String,
    pub offset: usize,
    /// The event indices of the block, start and end.
    pub events: Range<usize>,
}

/// Finds the ```` ```toml planner ```` blocks of parsed Markdown.
pub fn blocks(body: &str, events: &[(Event<'_>, Range<usize>)]) -> Vec<Block> {
    crate::kinds::kit::fenced_blocks(events)
        .into_iter()
        .filter(|b| b.info == ["toml", "planner"])
        .map(|b| {
            // An empty block: its text would start on the line after the fence.
            let offset = b.span.map(|s| s.start).unwrap_or_else(|| {
                body.get(b.fence..)
                    .and_then(|rest| rest.find('\n'))
                    .map_or(body.len(), |n| b.fence + n + 1)
            });
            Block {
                text: b.text,
                offset,
                events: b.start..b.end,
            }
        })
        .collect()
}

/// The host of a base URL: `https://org.github.io/toolkit/` → `org.github.io`.
pub fn host(base_url: &str) -> String {
    let rest = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    let host = rest.split('/').next().unwrap_or("");
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    if host.is_empty() {
        "toolkit.invalid".to_string()
    } else {
        host.to_string()
    }
}

/// Reads a page's rules: the one block, checked, or problems with their positions.
pub fn read_page_rules(
    body: &str,
    at: &dyn Fn(usize) -> Position,
    shown: &std::path::Path,
) -> Result<Rules, Vec<Diagnostic>> {
    let events = crate::markdown::parse(body);
    let found = blocks(body, &events);
    match found.as_slice() {
        [] => Err(vec![
            Diagnostic::error("this planner has no ```toml planner block")
                .at(shown, at(0))
                .with_hint(
                    "write the plan in a fenced block that starts with ```toml planner: max_gap_days, [[event]] and [[reminder]] tables",
                ),
        ]),
        [block] => rules::read(&block.text).map_err(|problems| {
            problems
                .into_iter()
                .map(|p| p.shifted(block.offset).in_file(shown, at))
                .collect()
        }),
        [_, second, ..] => Err(vec![
            Diagnostic::error("this planner has two ```toml planner blocks")
                .at(shown, at(body[..second.offset].rfind("```").unwrap_or(0)))
                .with_hint("write the whole plan in one block"),
        ]),
    }
}

impl Kind for Planner {
    fn name(&self) -> &'static str {
        "planner"
    }

    fn template(&self) -> &'static str {
        "planner.html"
    }

    fn prepare(
        &self,
        input: &KindInput<'_>,
        _keys: &[Located<(String, toml::Value)>],
    ) -> Result<serde_json::Value, Vec<Diagnostic>> {
        let at = |offset: usize| input.position(offset);
        let rules = read_page_rules(input.body, &at, input.shown)?;
        let data = PlannerData {
            rules,
            host: host(&input.config.base_url),
        };
        input.data(&data)
    }

    fn rewrite<'a>(
        &self,
        input: &RewriteInput<'_>,
        events: Events<'a>,
        taken_ids: &mut HashSet<String>,
        _resolve: &mut dyn FnMut(LinkSite<'_>) -> String,
    ) -> Events<'a> {
        let Some(data) = PlannerData::from_value(input.data) else {
            return events;
        };
        let spans: Vec<Range<usize>> = blocks("", &events)
            .iter()
            .map(|b| b.events.clone())
            .collect();
        let Some(span) = spans.first().cloned() else {
            return events;
        };
        for id in html::IDS {
            taken_ids.insert(id.to_string());
        }
        // The planner comes first on the page; the text about it follows.
        crate::kinds::kit::tool_first(
            events,
            span.start..=span.end,
            html::planner(&data, input.words),
        )
    }
}

pub use crate::kinds::kit::word;

/// "3 weeks before go-live", "go-live", "1 day after go-live", in the page's language.
pub fn relative(words: &BTreeMap<String, String>, offset: i64) -> String {
    if offset == 0 {
        return word(words, "planner_at_go_live").to_string();
    }
    let n = offset.abs();
    let side = if offset < 0 { "before" } else { "after" };
    let (unit, count) = if n % 7 == 0 {
        ("week", n / 7)
    } else {
        ("day", n)
    };
    let plural = if count == 1 { "" } else { "s" };
    word(words, &format!("planner_{unit}{plural}_{side}")).replace("{n}", &count.to_string())
}

/// When an entry falls as its rule says it, as a person would say it: "3 months after go-live",
/// "1 year after go-live" for rules in calendar months, else as [`relative`] says it.
pub fn when(words: &BTreeMap<String, String>, entry: &schedule::Entry) -> String {
    let Some(months) = entry.offset_months.filter(|m| *m != 0) else {
        return relative(words, entry.offset_days);
    };
    let n = months.abs();
    let side = if months < 0 { "before" } else { "after" };
    let (unit, count) = if n % 12 == 0 {
        ("year", n / 12)
    } else {
        ("month", n)
    };
    let plural = if count == 1 { "" } else { "s" };
    word(words, &format!("planner_{unit}{plural}_{side}")).replace("{n}", &count.to_string())
}

/// "moved from 2027-05-01: not a working day", for an entry that was moved, with the date as
/// `show` writes it.
pub fn moved_note(
    words: &BTreeMap<String, String>,
    entry: &schedule::Entry,
    show: impl Fn(&str) -> String,
) -> Option<String> {
    let from = entry.moved_from.as_deref()?;
    Some(word(words, "planner_moved_from").replace("{date}", &show(from)))
}
