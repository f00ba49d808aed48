//! The stakeholder map: a page of `kind = "stakeholders"` whose ```` ```toml stakeholders ````
//! block lists who matters to the implementation, drawn at build time as a power/interest grid
//! in inline SVG, with a table of the actions and owners, the groups still missing, and the map
//! published beside the page as SVG and CSV.

mod html;
pub mod layout;
pub mod parse;
pub mod svg;

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};

use super::kit::{Problem, toml_spans};
use super::{Events, FilesInput, Kind, KindInput, RewriteInput};
use crate::content::front_matter::Located;
use crate::diagnostics::Diagnostic;
use crate::markdown::LinkSite;

/// The groups a stakeholder belongs to, as written in `group = "…"` and `required_groups`.
pub const GROUPS: &[&str] = &[
    "board",
    "management",
    "team-lead",
    "informal-leader",
    "champion",
    "therapist",
    "administrative-staff",
    "patients",
    "referrers",
    "insurer",
    "platform-supplier",
    "project-team",
    "other",
];

/// What a stakeholder thinks of the change.
pub const STANCES: &[&str] = &["supporter", "neutral", "sceptic", "unknown"];

/// The quadrants of the grid, in the order the table lists them.
pub const QUADRANTS: &[&str] = &["manage", "satisfied", "informed", "monitor"];

/// Scores from this one up count as high. The middle score, 3, counts as high: a stakeholder the
/// team is unsure about gets more attention, not less. The page says so in the same words as
/// the map ([`scale`]).
pub const HIGH: u8 = 3;

/// "Scores from 3 to 5 count as high, from 1 to 2 as low.", from [`HIGH`], in the page's
/// language: under the map and in its description for screen readers.
pub fn scale(words: &BTreeMap<String, String>) -> String {
    word(words, "stakeholders_scale")
        .replace("{high}", &HIGH.to_string())
        .replace("{low}", &(HIGH - 1).to_string())
}

pub struct Stakeholders;

/// What a map page holds, as `page.data` for templates and for the downloads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MapData {
    /// In the order written.
    pub stakeholders: Vec<Stakeholder>,
    /// The groups nobody on the map belongs to (not counting `other`).
    pub missing: Vec<Missing>,
    pub files: Files,
    /// Where the data block starts in the body.
    pub offset: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stakeholder {
    pub name: String,
    pub group: String,
    pub influence: u8,
    pub interest: u8,
    /// One of [`QUADRANTS`].
    pub quadrant: String,
    /// One of [`STANCES`].
    pub stance: String,
    pub domain: Domain,
    pub actions: Vec<Action>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Domain {
    pub slug: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Action {
    pub action: String,
    pub owner: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Missing {
    pub group: String,
    /// site.toml requires it.
    pub required: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Files {
    pub svg: String,
    pub csv: String,
    pub xlsx: String,
}

impl MapData {
    pub fn from_value(value: &serde_json::Value) -> Option<MapData> {
        // Read straight from the borrowed value, without copying it first.
        Self::deserialize(value).ok()
    }

    /// The stakeholders quadrant by quadrant, each in the order written.
    pub fn by_quadrant(&self) -> Vec<(&'static str, Vec<&Stakeholder>)> {
        QUADRANTS
            .iter()
            .map(|q| {
                (
                    *q,
                    self.stakeholders
                        .iter()
                        .filter(|s| s.quadrant == *q)
                        .collect(),
                )
            })
            .collect()
    }
}

/// The quadrant of a pair of scores.
pub fn quadrant(influence: u8, interest: u8) -> &'static str {
    match (influence >= HIGH, interest >= HIGH) {
        (true, true) => "manage",
        (true, false) => "satisfied",
        (false, true) => "informed",
        (false, false) => "monitor",
    }
}

/// The groups every map must include, as `read_settings` kept them.
fn required_groups(config: &crate::config::Config) -> Vec<&str> {
    config
        .kind_settings
        .get("stakeholders")
        .and_then(|s| s["required_groups"].as_array())
        .map(|groups| groups.iter().filter_map(|g| g.as_str()).collect())
        .unwrap_or_default()
}

impl Kind for Stakeholders {
    fn name(&self) -> &'static str {
        "stakeholders"
    }

    fn settings_section(&self) -> Option<&'static str> {
        Some("stakeholders")
    }

    /// `[stakeholders] required_groups`: groups every map must include, each one of [`GROUPS`].
    fn read_settings(
        &self,
        config: &crate::config::Config,
        shown: &std::path::Path,
    ) -> Result<serde_json::Value, Vec<Diagnostic>> {
        let text = &config.source;
        let lines = crate::diagnostics::LineIndex::new(text);
        let in_file = |problems: Vec<Problem>| -> Vec<Diagnostic> {
            problems
                .into_iter()
                .map(|p| p.in_file(shown, |offset| lines.position(text, offset)))
                .collect()
        };
        let doc = toml_spans::parse(text, "invalid TOML", crate::toml_errors::GENERIC_HINT)
            .map_err(|p| in_file(vec![p]))?;
        let mut required: Vec<&str> = Vec::new();
        let mut problems = Vec::new();
        let section = doc.table().get("stakeholders");
        if let Some(section) = section.and_then(|s| s.table(&mut problems)) {
            let keys = toml_spans::Keys {
                known: &["required_groups"],
                required: &[],
                place: "[stakeholders]",
                thing: "section",
            };
            section.check_keys(&keys, |_| String::new(), &mut problems);
            let written = section.get("required_groups");
            for group in written
                .and_then(|v| v.list(&mut problems))
                .unwrap_or_default()
            {
                let Some(name) = group.text(&mut problems) else {
                    continue;
                };
                if !GROUPS.contains(&name) {
                    let listed = format!("the groups are: {}", GROUPS.join(", "));
                    let hint = match crate::diagnostics::closest(name, GROUPS.iter().copied(), 3) {
                        Some(close) => format!("did you mean \"{close}\"? {listed}"),
                        None => listed,
                    };
                    problems.push(Problem::new(
                        group.at,
                        format!("unknown stakeholder group `{name}`"),
                        hint,
                    ));
                } else if !required.contains(&name) {
                    required.push(name);
                }
            }
        }
        if !problems.is_empty() {
            return Err(in_file(problems));
        }
        Ok(serde_json::json!({ "required_groups": required }))
    }

    fn template(&self) -> &'static str {
        "stakeholders.html"
    }

    fn prepare(
        &self,
        input: &KindInput<'_>,
        _keys: &[Located<(String, toml::Value)>],
    ) -> Result<serde_json::Value, Vec<Diagnostic>> {
        let at = |offset: usize| input.position(offset);
        let events = crate::markdown::parse(input.body);
        let blocks = parse::blocks(&events);
        let block = match blocks.as_slice() {
            [one] => one,
            [] => {
                return Err(vec![
                    Diagnostic::error("this stakeholder map has no ```toml stakeholders block")
                        .at(input.shown, at(0))
                        .with_hint("write the stakeholders in a fenced block that starts with ```toml stakeholders, one [[stakeholder]] table each"),
                ]);
            }
            [_, second, ..] => {
                return Err(vec![
                    Diagnostic::error("this page has a second ```toml stakeholders block")
                        .at(input.shown, at(second.offset))
                        .with_hint("a page holds one map; put all its stakeholders in the first block, or make a page per map"),
                ]);
            }
        };
        let config = input.config;
        let slugs: Vec<&str> = config.domains.iter().map(|d| d.slug.as_str()).collect();
        let parsed = parse::parse(&input.body[block.text.clone()], block.text.start, &slugs)
            .map_err(|problems| {
                problems
                    .into_iter()
                    .map(|p| p.into_diagnostic(input))
                    .collect::<Vec<_>>()
            })?;
        let default = &config.default_language;
        let stakeholders: Vec<Stakeholder> = parsed
            .into_iter()
            .map(|p| Stakeholder {
                quadrant: quadrant(p.influence, p.interest).to_string(),
                domain: Domain {
                    name: config
                        .domain(&p.domain)
                        .map(|d| d.name.get(input.lang, default).to_string())
                        .unwrap_or_default(),
                    slug: p.domain,
                },
                actions: p
                    .actions
                    .into_iter()
                    .map(|(action, owner)| Action { action, owner })
                    .collect(),
                name: p.name,
                group: p.group,
                influence: p.influence,
                interest: p.interest,
                stance: p.stance,
            })
            .collect();
        let present: HashSet<&str> = stakeholders.iter().map(|s| s.group.as_str()).collect();
        let missing = GROUPS
            .iter()
            .filter(|g| **g != "other" && !present.contains(**g))
            .map(|g| Missing {
                group: g.to_string(),
                required: required_groups(config).contains(g),
            })
            .collect();
        let slug = input
            .shown
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .map(|s| s.split('.').next().unwrap_or("").to_string())
            .filter(|s| !s.is_empty() && s != "_index" && s != "index")
            .unwrap_or_else(|| "stakeholder-map".to_string());
        let data = MapData {
            stakeholders,
            missing,
            files: Files {
                svg: format!("{slug}.svg"),
                csv: format!("{slug}.csv"),
                xlsx: format!("{slug}.xlsx"),
            },
            offset: block.offset,
        };
        input.data(&data)
    }

    fn warnings(&self, input: &KindInput<'_>, data: &serde_json::Value) -> Vec<Diagnostic> {
        let Some(data) = MapData::from_value(data) else {
            return Vec::new();
        };
        let position = input
            .lines
            .position(input.file_text, input.body_offset + data.offset);
        data.missing
            .iter()
            .filter(|m| m.required)
            .map(|m| {
                Diagnostic::incomplete(format!(
                    "this stakeholder map has nobody of the group `{}`, which site.toml requires",
                    m.group
                ))
                .at(input.shown, position)
                .with_hint(format!(
                    "add a [[stakeholder]] with group = \"{}\" (required_groups in [stakeholders] of site.toml lists the groups every map needs)",
                    m.group
                ))
            })
            .collect()
    }

    fn rewrite<'a>(
        &self,
        input: &RewriteInput<'_>,
        events: Events<'a>,
        taken_ids: &mut HashSet<String>,
        _resolve: &mut dyn FnMut(LinkSite<'_>) -> String,
    ) -> Events<'a> {
        let Some(data) = MapData::from_value(input.data) else {
            return events;
        };
        let Some(block) = parse::blocks(&events).into_iter().next() else {
            return events;
        };
        for id in [svg::TITLE_ID, svg::DESC_ID] {
            taken_ids.insert(id.to_string());
        }
        // The map comes first on the page; the text about it follows.
        crate::kinds::kit::tool_first(
            events,
            block.start..=block.end,
            html::map_html(&data, input.words),
        )
    }

    fn files(&self, input: &FilesInput<'_>) -> Result<Vec<(String, Vec<u8>)>, String> {
        let Some(data) = MapData::from_value(input.data) else {
            return Ok(Vec::new());
        };
        let image = svg::svg(&data, input.words, input.title, true);
        let table = html::csv(&data, input.words, input.lang).map_err(|e| e.to_string())?;
        let workbook = xlsx(&data, input)?;
        Ok(vec![
            (data.files.svg.clone(), image.into_bytes()),
            (data.files.csv.clone(), table),
            (data.files.xlsx.clone(), workbook),
        ])
    }
}

/// The map's actions as an Excel workbook: the CSV's columns, then a status and a due date.
fn xlsx(data: &MapData, input: &FilesInput<'_>) -> Result<Vec<u8>, String> {
    use crate::office::xlsx::{Column, Sheet, TaskWords, workbook};
    let (header, rows) = html::table(data, input.words);
    let wide = [
        word(input.words, "stakeholders_name"),
        word(input.words, "stakeholders_action"),
    ];
    let sheet = Sheet {
        name: input.title.to_string(),
        columns: header
            .into_iter()
            .map(|header| Column {
                width: if wide.contains(&header.as_str()) {
                    36.0
                } else {
                    16.0
                },
                header,
            })
            .collect(),
        rows,
        has_owner: true,
    };
    workbook(
        input.title,
        input.build_date,
        &[sheet],
        &TaskWords::from_words(input.words),
    )
}

pub use crate::kinds::kit::word;

/// A word by a key made at run time (`stakeholders_group_board`).
pub fn word_for(words: &BTreeMap<String, String>, prefix: &str, slug: &str) -> String {
    let key = format!("{prefix}{}", slug.replace('-', "_"));
    words.get(&key).cloned().unwrap_or_else(|| slug.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_and_above_count_as_high() {
        assert_eq!(quadrant(5, 5), "manage");
        assert_eq!(quadrant(3, 2), "satisfied");
        assert_eq!(quadrant(2, 3), "informed");
        assert_eq!(quadrant(1, 2), "monitor");
    }
}
