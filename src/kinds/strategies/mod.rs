//! The strategy library: a page of `kind = "strategies"` whose ```` ```toml strategies ````
//! block lists implementation strategies (id, name, definition in the page's language,
//! cluster, source), their clusters, and matches from CFIR constructs to strategies. The page
//! shows the library by cluster; every template of the language sees `strategies` and
//! `strategy_matches` (what the scan results and the action plan read), and a checklist item
//! names its strategies with `strategy:`.

pub mod constructs;
pub mod library;
mod site;

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};

use super::{Events, Kind, KindInput, RewriteInput};
use crate::content::front_matter::Located;
use crate::diagnostics::{Diagnostic, Position};
use crate::markdown::LinkSite;
pub use library::Library;

pub struct Strategies;

/// What a library page holds, as `page.data`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LibraryData {
    pub library: Library,
    /// Where each strategy's `id` is written in the file: `[line, column]`, by id.
    pub strategy_at: BTreeMap<String, (usize, usize)>,
    /// Where each cluster's `id` is written.
    pub cluster_at: BTreeMap<String, (usize, usize)>,
    /// Where the block starts.
    pub block_at: (usize, usize),
}

impl LibraryData {
    pub fn from_value(value: &serde_json::Value) -> Option<LibraryData> {
        // Read straight from the borrowed value, without copying it first.
        Self::deserialize(value).ok()
    }
}

/// The construct ids a match may name: the site's constructs (site.toml), or the CFIR 2.0
/// constructs of [`constructs::CONSTRUCTS`] when the site lists none.
pub fn construct_ids(config: &crate::config::Config) -> Vec<String> {
    if config.constructs().is_empty() {
        constructs::CONSTRUCTS
            .iter()
            .map(|(id, _)| id.to_string())
            .collect()
    } else {
        config.constructs().iter().map(|c| c.id.clone()).collect()
    }
}

/// A construct's name in `lang`: the site's name for it, with the default language's name after
/// it when they differ (`Beschikbare middelen (Available Resources)`); without a site list, as
/// [`constructs::display_name`] gives it.
pub fn construct_name(
    config: &crate::config::Config,
    lang: &str,
    words: &BTreeMap<String, String>,
    id: &str,
) -> String {
    match config.constructs().get(id) {
        Some(c) => {
            let default = &config.default_language;
            let here = c.name.get(lang, default);
            let there = c.name.get(default, default);
            if here == there {
                here.to_string()
            } else {
                format!("{here} ({there})")
            }
        }
        None => constructs::display_name(words, id),
    }
}

/// The ```` ```toml strategies ```` blocks of parsed Markdown: their text, the offset of the
/// text in the body, the fence's offset, and their event indices.
fn blocks(
    body: &str,
    events: &[(pulldown_cmark::Event<'_>, std::ops::Range<usize>)],
) -> Vec<(String, usize, usize, std::ops::RangeInclusive<usize>)> {
    crate::kinds::kit::fenced_blocks(events)
        .into_iter()
        .filter(|b| b.info == ["toml", "strategies"])
        .map(|b| {
            let offset = b.span.clone().map(|s| s.start).unwrap_or_else(|| {
                body.get(b.fence..)
                    .and_then(|rest| rest.find('\n'))
                    .map_or(body.len(), |n| b.fence + n + 1)
            });
            (b.text, offset, b.fence, b.start..=b.end)
        })
        .collect()
}

impl Kind for Strategies {
    fn name(&self) -> &'static str {
        "strategies"
    }

    fn template(&self) -> &'static str {
        "strategies.html"
    }

    fn prepare(
        &self,
        input: &KindInput<'_>,
        _keys: &[Located<(String, toml::Value)>],
    ) -> Result<serde_json::Value, Vec<Diagnostic>> {
        let at = |offset: usize| input.position(offset);
        let events = crate::markdown::parse(input.body);
        let found = blocks(input.body, &events);
        let (text, offset, fence) = match found.as_slice() {
            [] => {
                return Err(vec![
                    Diagnostic::error("this strategy library has no ```toml strategies block")
                        .at(input.shown, at(0))
                        .with_hint(
                            "write the library in a fenced block that starts with ```toml strategies: [[cluster]], [[strategy]] and [[match]] tables",
                        ),
                ]);
            }
            [(text, offset, fence, _)] => (text, *offset, *fence),
            [_, (_, _, second, _), ..] => {
                return Err(vec![
                    Diagnostic::error("this strategy library has two ```toml strategies blocks")
                        .at(input.shown, at(*second))
                        .with_hint("write the whole library in one block"),
                ]);
            }
        };
        let ids = construct_ids(input.config);
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        let library = library::read(text, &ids).map_err(|problems| {
            problems
                .into_iter()
                .map(|p| p.shifted(offset).in_file(input.shown, at))
                .collect::<Vec<_>>()
        })?;
        let place = |o: usize| {
            let p: Position = at(offset + o);
            (p.line, p.column)
        };
        let block = at(fence);
        let data = LibraryData {
            strategy_at: library
                .strategies
                .iter()
                .map(|s| (s.id.clone(), place(s.at)))
                .collect(),
            cluster_at: library
                .clusters
                .iter()
                .map(|c| (c.id.clone(), place(c.at)))
                .collect(),
            block_at: (block.line, block.column),
            library,
        };
        input.data(&data)
    }

    /// The library is drawn by the page's template (with the checklist items of the site that
    /// carry each strategy); the block itself is left out of the text.
    fn rewrite<'a>(
        &self,
        input: &RewriteInput<'_>,
        events: Events<'a>,
        taken_ids: &mut HashSet<String>,
        _resolve: &mut dyn FnMut(LinkSite<'_>) -> String,
    ) -> Events<'a> {
        let Some((_, _, _, span)) = blocks("", &events).into_iter().next() else {
            return events;
        };
        // The ids the template gives the library's elements.
        if let Some(data) = LibraryData::from_value(input.data) {
            taken_ids.extend(data.library.strategies.iter().map(|s| s.id.clone()));
            taken_ids.extend(
                data.library
                    .clusters
                    .iter()
                    .map(|c| format!("cluster-{}", c.id)),
            );
        }
        taken_ids.extend(site::TEMPLATE_IDS.iter().map(|id| id.to_string()));
        events
            .into_iter()
            .enumerate()
            .filter(|(i, _)| !span.contains(i))
            .map(|(_, e)| e)
            .collect()
    }

    fn site_context(&self, input: &super::SiteInput<'_>) -> Vec<(&'static str, serde_json::Value)> {
        site::context(input)
    }

    fn site_problems(
        &self,
        input: &super::SiteInput<'_>,
        values: &super::SiteValues,
    ) -> Vec<Diagnostic> {
        site::problems(input, values)
    }

    /// Each strategy is found on its own, by its name, its English name and its definition.
    fn search(&self, data: &serde_json::Value) -> super::SearchExtra {
        let Some(data) = LibraryData::from_value(data) else {
            return super::SearchExtra::default();
        };
        super::SearchExtra {
            text: data
                .library
                .strategies
                .iter()
                .map(|s| s.name.clone())
                .collect(),
            entries: data
                .library
                .strategies
                .iter()
                .map(|s| super::SearchEntry {
                    title: s.name.clone(),
                    anchor: s.id.clone(),
                    about: [s.english.as_deref().unwrap_or(""), s.definition.as_str()].join(" "),
                })
                .collect(),
        }
    }

    /// The library is shown on every page of the language (`strategies`,
    /// `strategy_matches`) and checked against the checklists and the other translations.
    fn shown_elsewhere<'a>(&self, data: &'a serde_json::Value) -> Option<&'a serde_json::Value> {
        Some(data)
    }
}
