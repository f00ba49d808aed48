//! Measures: a page of `kind = "measures"` holds indicators in a ```` ```toml measures ````
//! block, whose figures come from a CSV file beside the page (read at build time and drawn as
//! charts with a table each), and/or the caseload calculator in a ```` ```toml caseload ````
//! block (a worked example computed here; `measures.js` recalculates it as the user types,
//! previews new figures on the charts and downloads the updated CSV).

pub mod caseload;
pub mod chart;
pub mod figures;
mod html;
pub mod indicators;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{Events, Kind, KindInput, RewriteInput, SearchExtra};
use crate::content::front_matter::Located;
use crate::diagnostics::{Diagnostic, LineIndex};
use crate::markdown::LinkSite;

pub use crate::kinds::kit::word;

pub struct Measures;

/// What a measures page holds, as `page.data`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeasuresData {
    #[serde(default)]
    pub indicators: Option<indicators::Indicators>,
    /// The figures of the data file, when the block names one.
    #[serde(default)]
    pub figures: Option<figures::Figures>,
    #[serde(default)]
    pub caseload: Option<caseload::Caseload>,
}

impl MeasuresData {
    pub fn from_value(value: &serde_json::Value) -> Option<MeasuresData> {
        Self::deserialize(value).ok()
    }
}

/// The info strings of the two blocks.
const BLOCKS: [&str; 2] = ["measures", "caseload"];

/// The data file named `name` beside the page `shown`.
pub fn data_path(shown: &Path, name: &str) -> PathBuf {
    shown.parent().unwrap_or(Path::new("")).join(name)
}

/// Reads the data file's text against the indicators, with errors at their places in it.
pub fn read_figures(
    text: &str,
    shown: &Path,
    indicators: &[indicators::Indicator],
) -> Result<figures::Figures, Vec<Diagnostic>> {
    let lines = LineIndex::new(text);
    figures::read(text, indicators).map_err(|problems| {
        problems
            .into_iter()
            .map(|p| p.in_file(shown, |o| lines.position(text, o)))
            .collect()
    })
}

impl Kind for Measures {
    fn name(&self) -> &'static str {
        "measures"
    }

    fn template(&self) -> &'static str {
        "measures.html"
    }

    fn prepare(
        &self,
        input: &KindInput<'_>,
        _keys: &[Located<(String, toml::Value)>],
    ) -> Result<serde_json::Value, Vec<Diagnostic>> {
        let events = crate::markdown::parse(input.body);
        let blocks: Vec<_> = crate::kinds::kit::fenced_blocks(&events)
            .into_iter()
            .filter(|b| {
                b.info.len() == 2 && b.info[0] == "toml" && BLOCKS.contains(&b.info[1].as_str())
            })
            .collect();
        let mut problems = Vec::new();
        let mut data = MeasuresData {
            indicators: None,
            figures: None,
            caseload: None,
        };
        let mut seen: Vec<&str> = Vec::new();
        for block in &blocks {
            let which = block.info[1].as_str();
            if seen.contains(&which) {
                problems.push(
                    Diagnostic::error(format!("this page has two ```toml {which} blocks"))
                        .at(input.shown, input.position(block.fence))
                        .with_hint("write all of it in one block"),
                );
                continue;
            }
            seen.push(which);
            let offset = block.span.as_ref().map_or(block.fence, |s| s.start);
            let shift = |found: Vec<crate::kinds::kit::Problem>| -> Vec<Diagnostic> {
                found
                    .into_iter()
                    .map(|p| p.shifted(offset).into_diagnostic(input))
                    .collect()
            };
            match which {
                "measures" => match indicators::read(&block.text) {
                    Ok(read) => data.indicators = Some(read),
                    Err(found) => problems.extend(shift(found)),
                },
                _ => match caseload::read(&block.text) {
                    Ok(read) => data.caseload = Some(read),
                    Err(found) => problems.extend(shift(found)),
                },
            }
        }
        if blocks.is_empty() {
            problems.push(
                Diagnostic::error("this measures page has no ```toml measures or ```toml caseload block")
                    .at(input.shown, input.position(0))
                    .with_hint("define the indicators in a block that starts with ```toml measures, or the calculator's figures in one that starts with ```toml caseload"),
            );
        }
        if let Some(read) = &data.indicators
            && let Some(name) = &read.data
        {
            let path = data_path(input.shown, name);
            match std::fs::read_to_string(&path) {
                Ok(text) => match read_figures(&text, &path, &read.indicators) {
                    Ok(figures) => data.figures = Some(figures),
                    Err(found) => problems.extend(found),
                },
                Err(e) => {
                    let at = input.body.find(&format!("\"{name}\"")).unwrap_or(0);
                    problems.push(
                        Diagnostic::error(format!(
                            "the data file {} could not be read: {}",
                            path.display(),
                            crate::fsutil::io_reason(&e)
                        ))
                        .at(input.shown, input.position(at))
                        .with_hint(format!(
                            "create {name} beside the page, starting with the line month,indicator,numerator,denominator,value, or remove `data` until there are figures"
                        )),
                    );
                }
            }
        }
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
        let Some(data) = MeasuresData::from_value(input.data) else {
            return events;
        };
        let blocks = crate::kinds::kit::fenced_blocks(&events);
        let mut replaced: Vec<(std::ops::RangeInclusive<usize>, String)> = Vec::new();
        for block in blocks {
            let html = match block.info.get(1).map(String::as_str) {
                Some("measures") if block.info.len() == 2 => data
                    .indicators
                    .as_ref()
                    .map(|i| html::measures(i, data.figures.as_ref(), input.words, taken_ids)),
                Some("caseload") if block.info.len() == 2 => data
                    .caseload
                    .as_ref()
                    .map(|c| html::caseload(c, input.words, taken_ids)),
                _ => None,
            };
            if let Some(html) = html {
                replaced.push((block.start..=block.end, html));
            }
        }
        let mut out: Events<'a> = Vec::with_capacity(events.len());
        for (i, (event, range)) in events.into_iter().enumerate() {
            match replaced.iter_mut().find(|(r, _)| r.contains(&i)) {
                Some((r, html)) if *r.start() == i => out.push((
                    pulldown_cmark::Event::Html(std::mem::take(html).into()),
                    range,
                )),
                Some(_) => {}
                None => out.push((event, range)),
            }
        }
        out
    }

    fn search(&self, data: &serde_json::Value) -> SearchExtra {
        let mut extra = SearchExtra::default();
        if let Some(data) = MeasuresData::from_value(data)
            && let Some(read) = data.indicators
        {
            for i in read.indicators {
                extra.text.push(format!("{} {}", i.name, i.definition));
            }
        }
        extra
    }
}
