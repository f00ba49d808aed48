//! The checklist: a page of `kind = "checklist"` for one CFIR domain, whose task-list items
//! become checkboxes a clinic ticks in the browser (state kept in localStorage by
//! `checklist.js`), and which is also published as a PDF form, a CSV, its Markdown source, an
//! editable Word form and an Excel workbook.

mod bundle;
pub mod downloads;
mod html;
pub mod items;
mod office;

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::{Events, Kind, KindInput, RewriteInput};
use crate::content::front_matter::Located;
use crate::diagnostics::Diagnostic;
use crate::markdown::{LinkSite, plain_text};

pub use html::item_html;

pub struct Checklist;

/// What a checklist page holds, as `page.data` for templates and for the downloads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistData {
    pub domain: DomainData,
    /// Number of items.
    pub total: usize,
    pub groups: Vec<Group>,
    /// File names of the downloads, beside the page.
    pub files: Files,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DomainData {
    pub slug: String,
    pub name: String,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Files {
    pub pdf: String,
    pub csv: String,
    pub md: String,
    pub docx: String,
    pub xlsx: String,
}

/// The items under one heading (or before the first heading, with no title).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    pub title: Option<String>,
    pub items: Vec<Item>,
}

/// Markdown written in the page, with its byte offset in the body (for link positions).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Written {
    pub markdown: String,
    pub plain: String,
    pub offset: usize,
}

impl Written {
    fn new(body: &str, range: std::ops::Range<usize>) -> Written {
        let markdown = body[range.clone()].to_string();
        Written {
            plain: plain_text(&markdown).trim().to_string(),
            markdown,
            offset: range.start,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    pub id: String,
    pub text: Written,
    pub role: Option<String>,
    pub phase: Option<String>,
    /// The construct as the page shows it: with a site's list of constructs, its name in the
    /// page's language followed by the default language's (`Werkinfrastructuur (Work
    /// Infrastructure)`); without one, as written.
    pub construct: Option<String>,
    /// The ids of the strategies of the site's strategy library the item carries.
    #[serde(default)]
    pub strategies: Vec<StrategyRef>,
    /// The id of the construct, when the site lists constructs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub construct_id: Option<String>,
    pub source: Option<Written>,
    pub themes: Vec<String>,
    /// The line of the item in the file.
    pub line: usize,
}

/// A strategy an item names (`strategy: a, b`), and where it is written, for the check
/// against the library of the site's language ([`Checklist::site_problems`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StrategyRef {
    pub id: String,
    pub line: usize,
    pub column: usize,
}

impl ChecklistData {
    /// Reads the data back from `page.data`.
    pub fn from_value(value: &serde_json::Value) -> Option<ChecklistData> {
        // Read straight from the borrowed value, without copying it first.
        Self::deserialize(value).ok()
    }

    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.groups.iter().flat_map(|g| g.items.iter())
    }
}

impl Kind for Checklist {
    fn name(&self) -> &'static str {
        "checklist"
    }

    fn keys(&self) -> &'static [&'static str] {
        &["domain"]
    }

    fn template(&self) -> &'static str {
        "checklist.html"
    }

    fn files(&self, input: &super::FilesInput<'_>) -> Result<Vec<(String, Vec<u8>)>, String> {
        downloads::files(input)
    }

    fn site_context(&self, input: &super::SiteInput<'_>) -> Vec<(&'static str, serde_json::Value)> {
        bundle::context(input)
    }

    fn site_pages(&self, input: &super::SiteInput<'_>) -> Vec<super::SitePage> {
        bundle::pages(input)
    }

    fn site_files(&self, input: &super::SiteInput<'_>) -> Vec<super::SiteFile> {
        bundle::files(input)
    }

    /// Every strategy an item names is in the strategy library of its language.
    fn site_problems(
        &self,
        input: &super::SiteInput<'_>,
        values: &super::SiteValues,
    ) -> Vec<Diagnostic> {
        strategy_problems(input, values)
    }

    /// A checklist's items are drawn by the kind, not written as text: the page is found by
    /// their words too, and each item on its own.
    fn search(&self, data: &serde_json::Value) -> super::SearchExtra {
        let Some(data) = ChecklistData::from_value(data) else {
            return super::SearchExtra::default();
        };
        super::SearchExtra {
            text: data.items().map(|item| item.text.plain.clone()).collect(),
            entries: data
                .items()
                .map(|item| super::SearchEntry {
                    title: item.text.plain.clone(),
                    anchor: item.id.clone(),
                    about: [
                        item.role.as_deref().unwrap_or(""),
                        item.construct.as_deref().unwrap_or(""),
                    ]
                    .join(" "),
                })
                .collect(),
        }
    }

    /// A checklist's items are in the dashboards, the print pages and the bundles.
    fn shown_elsewhere<'a>(&self, data: &'a serde_json::Value) -> Option<&'a serde_json::Value> {
        Some(data)
    }

    fn prepare(
        &self,
        input: &KindInput<'_>,
        keys: &[Located<(String, toml::Value)>],
    ) -> Result<serde_json::Value, Vec<Diagnostic>> {
        let mut problems = Vec::new();
        let domain = domain(input, keys, &mut problems);
        let body = input.body;
        let at = |offset: usize| input.position(offset);

        let events = crate::markdown::parse(body);
        let found = items::find(&events);
        for stray in &found.stray {
            problems.push(stray_problem(stray).at(input.shown, at(stray.offset)));
        }
        let heading_ids: HashMap<&str, usize> = found
            .headings
            .iter()
            .filter_map(|h| h.explicit_id.as_deref().map(|id| (id, h.offset)))
            .collect();
        let mut groups = vec![Group {
            title: None,
            items: Vec::new(),
        }];
        let mut headings = found
            .headings
            .iter()
            .filter(|h| Some(h.level) == found.group_level)
            .peekable();
        let mut first_line: HashMap<String, usize> = HashMap::new();
        for item in &found.items {
            while let Some(h) = headings.next_if(|h| h.start < item.start) {
                groups.push(Group {
                    title: Some(h.title.clone()),
                    items: Vec::new(),
                });
            }
            let line = at(item.source.start).line;
            let source = match items::parse_item(body, item.source.clone()) {
                Ok(source) => source,
                Err(item_problems) => {
                    for p in item_problems {
                        problems.push(p.into_diagnostic(input));
                    }
                    continue;
                }
            };
            let text = Written::new(body, source.text.clone());
            let (id, id_offset) = match source.id {
                Some((id, offset)) => (id, offset),
                None => (crate::slug::slugify(&text.plain), source.text.start),
            };
            if id.is_empty() {
                problems.push(
                    Diagnostic::error("this item's text gives no id")
                        .at(input.shown, at(id_offset))
                        .with_hint(
                            "end the item with an id of letters and digits, like {#agree-rota}",
                        ),
                );
                continue;
            }
            if let Some(first) = first_line.get(&id) {
                problems.push(
                    Diagnostic::error(format!(
                        "the item id `{id}` is used twice in this checklist (first on line {first})"
                    ))
                    .at(input.shown, at(id_offset))
                    .with_hint("give each item its own {#id} at the end of its text; an id keeps the item's ticks in the browser, so change the new one"),
                );
                continue;
            }
            if let Some(&heading_at) = heading_ids.get(id.as_str()) {
                problems.push(
                    Diagnostic::error(format!(
                        "the item id `{id}` is also the id of the heading on line {}",
                        at(heading_at).line
                    ))
                    .at(input.shown, at(id_offset))
                    .with_hint(
                        "ids are shared by headings and items in a page; rename one of them",
                    ),
                );
                continue;
            }
            first_line.insert(id.clone(), line);
            let mut item = Item {
                id,
                text,
                role: None,
                phase: None,
                construct: None,
                strategies: Vec::new(),
                construct_id: None,
                source: None,
                themes: Vec::new(),
                line,
            };
            for attribute in source.attributes {
                let value = || body[attribute.value.clone()].to_string();
                match attribute.key {
                    "role" => item.role = Some(value()),
                    "phase" => item.phase = Some(value()),
                    "construct" => match resolve_construct(input, &value()) {
                        Ok((shown, id)) => {
                            item.construct = Some(shown);
                            item.construct_id = id;
                        }
                        Err((message, hint)) => problems.push(
                            Diagnostic::error(message)
                                .at(input.shown, at(attribute.value.start))
                                .with_hint(hint),
                        ),
                    },
                    "strategy" => {
                        item.strategies = strategy_refs(body, attribute.value.clone(), &at)
                    }
                    "source" => item.source = Some(Written::new(body, attribute.value.clone())),
                    "theme" => {
                        item.themes = value()
                            .split(',')
                            .map(|t| t.trim().to_string())
                            .filter(|t| !t.is_empty())
                            .collect()
                    }
                    _ => {}
                }
            }
            if let Some(group) = groups.last_mut() {
                group.items.push(item);
            }
        }
        if found.items.is_empty() {
            problems.push(
                Diagnostic::error("this checklist has no items")
                    .at(input.shown, at(0))
                    .with_hint("write each item as a task-list line: - [ ] What to do {#short-id}"),
            );
        }
        groups.retain(|g| !g.items.is_empty());
        match domain {
            Some(domain) if problems.is_empty() => {
                let slug = input
                    .shown
                    .file_stem()
                    .map(|s| s.to_string_lossy().to_string())
                    .map(|s| s.split('.').next().unwrap_or("").to_string())
                    .filter(|s| !s.is_empty() && s != "_index" && s != "index")
                    .unwrap_or_else(|| domain.slug.clone());
                let data = ChecklistData {
                    total: groups.iter().map(|g| g.items.len()).sum(),
                    domain,
                    groups,
                    files: Files {
                        pdf: format!("{slug}.pdf"),
                        csv: format!("{slug}.csv"),
                        md: format!("{slug}.md"),
                        docx: format!("{slug}.docx"),
                        xlsx: format!("{slug}.xlsx"),
                    },
                };
                input.data(&data)
            }
            _ => Err(problems),
        }
    }

    fn warnings(&self, input: &KindInput<'_>, data: &serde_json::Value) -> Vec<Diagnostic> {
        let Some(data) = ChecklistData::from_value(data) else {
            return Vec::new();
        };
        let site_title = input
            .config
            .title
            .get(input.lang, &input.config.default_language);
        let mut warnings = item_warnings(input);
        let unshown = crate::pdf::unshown_characters(&pdf_text(&data, input.front, site_title));
        if !unshown.is_empty() {
            warnings.push(
                Diagnostic::warning(format!(
                    "the PDF form cannot show {} (no font on this machine has them)",
                    list_characters(&unshown)
                ))
                .in_file(input.shown)
                .with_hint(
                    "install fonts that have them (on Debian or Ubuntu: apt-get install fonts-noto-core fonts-noto-cjk) and build again; the web page and the CSV show them as they are",
                ),
            );
        }
        warnings
    }

    fn rewrite<'a>(
        &self,
        input: &RewriteInput<'_>,
        events: Events<'a>,
        taken_ids: &mut HashSet<String>,
        resolve: &mut dyn FnMut(LinkSite<'_>) -> String,
    ) -> Events<'a> {
        match ChecklistData::from_value(input.data) {
            Some(data) => html::rewrite(&data, input.words, events, taken_ids, resolve),
            None => events,
        }
    }
}

/// The ids of a `strategy:` value (`a, b`), each with its place in the file.
fn strategy_refs(
    body: &str,
    value: std::ops::Range<usize>,
    at: &dyn Fn(usize) -> crate::diagnostics::Position,
) -> Vec<StrategyRef> {
    let mut refs = Vec::new();
    let mut start = value.start;
    for part in body[value.clone()].split(',') {
        let lead = part.len() - part.trim_start().len();
        let id = part.trim();
        if !id.is_empty() {
            let place = at(start + lead);
            refs.push(StrategyRef {
                id: id.to_string(),
                line: place.line,
                column: place.column,
            });
        }
        start += part.len() + 1;
    }
    refs
}

/// An error for each strategy an item names that the library of the page's language does not
/// list (or for each, when the language has no library).
fn strategy_problems(input: &super::SiteInput<'_>, values: &super::SiteValues) -> Vec<Diagnostic> {
    let library = values
        .get(input.lang)
        .and_then(|v| v.get("strategies"))
        .and_then(|v| v.as_object());
    let file = values
        .get(input.lang)
        .and_then(|v| v.get("strategy_library"))
        .and_then(|v| v["file"].as_str());
    let mut problems = Vec::new();
    for page in input.pages {
        let Some(data) = ChecklistData::from_value(page.data) else {
            continue;
        };
        for item in data.items() {
            for strategy in &item.strategies {
                let place = crate::diagnostics::Position {
                    line: strategy.line,
                    column: strategy.column,
                };
                let id = &strategy.id;
                let problem = match (library, file) {
                    (Some(known), Some(file)) if !known.contains_key(id) => {
                        let about = format!("the strategies are listed in {file}");
                        let hint = match crate::diagnostics::closest(id, known.keys(), 4) {
                            Some(close) => format!("did you mean \"{close}\"? {about}"),
                            None => about,
                        };
                        Diagnostic::error(format!("unknown strategy `{id}`")).with_hint(hint)
                    }
                    (Some(_), _) => continue,
                    (None, _) => Diagnostic::error(format!(
                        "unknown strategy `{id}`: this site has no strategy library in {}",
                        input.language_name
                    ))
                    .with_hint(
                        "add a page of kind = \"strategies\" with a ```toml strategies block (a new site has one in content/tools/strategies.md), or remove `strategy:` from the item",
                    ),
                };
                problems.push(problem.at(page.shown, place));
            }
        }
    }
    problems
}

/// What is allowed in a checklist's items but probably not meant: a box ticked in the file
/// (`- [x]`), which the page draws empty, and an item without an `{#id}`, whose ticks are lost
/// when its text is reworded.
fn item_warnings(input: &KindInput<'_>) -> Vec<Diagnostic> {
    let body = input.body;
    let events = crate::markdown::parse(body);
    let mut warnings = Vec::new();
    for item in items::find(&events).items {
        if item.ticked {
            warnings.push(
                Diagnostic::warning("this item is ticked in the file (`[x]`), but the page shows every box empty")
                    .at(input.shown, input.position(events[item.marker].1.start))
                    .with_hint("ticks live in each reader's browser, not in the file: write `- [ ]` and tick the box on the page"),
            );
        }
        let Ok(source) = items::parse_item(body, item.source.clone()) else {
            continue;
        };
        if source.id.is_none() {
            let id = crate::slug::slugify(&Written::new(body, source.text.clone()).plain);
            warnings.push(
                Diagnostic::warning(format!(
                    "this item has no {{#id}}, so its id `{id}` comes from its text: rewording it loses its ticks in every browser"
                ))
                .at(input.shown, input.position(source.text.end))
                .with_hint(format!("end the item's text with an id of its own, like {{#{}}}", short_id(&id))),
            );
        }
    }
    warnings
}

/// A short id to suggest: the first four words of a long one.
fn short_id(id: &str) -> String {
    id.split('-').take(4).collect::<Vec<_>>().join("-")
}

/// The error for a task-list item a checklist cannot hold: one that is nested or quoted would
/// be drawn as a box that cannot be ticked, and left out of the progress and the downloads.
fn stray_problem(stray: &items::StrayItem) -> Diagnostic {
    match stray.place {
        items::StrayPlace::Nested => Diagnostic::error(
            "this task item is nested in another item, so it cannot be a checklist item",
        )
        .with_hint(
            "unindent it and its attribute line to make it an item of its own, or remove its `[ ]` to keep it as a note under the item",
        ),
        items::StrayPlace::Quoted => Diagnostic::error(
            "this task item is in a quote (`>`), so it cannot be a checklist item",
        )
        .with_hint(
            "remove the `>` to make it an item of its own, or remove its `[ ]` to keep it as quoted text",
        ),
    }
}

/// The text of the page that its PDF form prints.
fn pdf_text(
    data: &ChecklistData,
    front: &crate::content::front_matter::FrontMatter,
    site_title: &str,
) -> String {
    let mut parts: Vec<&str> = vec![site_title, &data.domain.name];
    parts.extend(front.title.as_deref());
    parts.extend(front.description.as_deref());
    for group in &data.groups {
        parts.extend(group.title.as_deref());
        for item in &group.items {
            parts.push(&item.text.plain);
            parts.extend(item.role.as_deref());
            parts.extend(item.construct.as_deref());
            parts.extend(item.source.as_ref().map(|s| s.plain.as_str()));
        }
    }
    parts.join("\n")
}

/// "項 (U+9805), U+E000": each character and its code point, the character left out where it
/// would show nothing on its own (a private-use character, a combining mark); at most twelve.
fn list_characters(chars: &[char]) -> String {
    const SHOWN: usize = 12;
    let mut listed: Vec<String> = chars
        .iter()
        .take(SHOWN)
        .map(|&ch| {
            let code = format!("U+{:04X}", u32::from(ch));
            let private = matches!(ch, '\u{e000}'..='\u{f8ff}' | '\u{f0000}'..);
            if private || unicode_normalization::char::is_combining_mark(ch) {
                code
            } else {
                format!("{ch} ({code})")
            }
        })
        .collect();
    if chars.len() > SHOWN {
        listed.push(format!("and {} more", chars.len() - SHOWN));
    }
    listed.join(", ")
}

/// The `domain` key: present, and one of the site's domains.
fn domain(
    input: &KindInput<'_>,
    keys: &[Located<(String, toml::Value)>],
    problems: &mut Vec<Diagnostic>,
) -> Option<DomainData> {
    let config = input.config;
    let slugs: Vec<&str> = config.domains.iter().map(|d| d.slug.as_str()).collect();
    let listed = if slugs.is_empty() {
        "site.toml defines no domains yet; add [[domains]] entries with slug and name".to_string()
    } else {
        format!(
            "the domains in site.toml are: {}",
            slugs
                .iter()
                .map(|s| format!("\"{s}\""))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    let Some(field) = keys.iter().find(|k| k.value.0 == "domain") else {
        let position = input
            .front
            .kind
            .as_ref()
            .map(|k| k.key_position)
            .unwrap_or(crate::diagnostics::Position { line: 1, column: 1 });
        problems.push(
            Diagnostic::error("a checklist needs `domain = \"…\"` in its front matter")
                .at(input.shown, position)
                .with_hint(listed),
        );
        return None;
    };
    let Some(slug) = field.value.1.as_str() else {
        problems.push(
            Diagnostic::error("`domain` must be text")
                .at(input.shown, field.value_position)
                .with_hint(listed),
        );
        return None;
    };
    match config.domain(slug) {
        Some(d) => {
            let default = &config.default_language;
            Some(DomainData {
                slug: d.slug.clone(),
                name: d.name.get(input.lang, default).to_string(),
                description: d
                    .description
                    .as_ref()
                    .map(|t| t.get(input.lang, default).to_string()),
            })
        }
        None => {
            let hint = match crate::diagnostics::closest(slug, slugs.iter().copied(), 3) {
                Some(close) => format!("did you mean \"{close}\"? {listed}"),
                None => listed,
            };
            problems.push(
                Diagnostic::error(format!("unknown domain `{slug}`"))
                    .at(input.shown, field.value_position)
                    .with_hint(hint),
            );
            None
        }
    }
}

pub use crate::kinds::kit::word;

/// A construct as an item names it: with the site's list, the listed construct (its name as
/// the page shows it, and its id) or what is wrong; without a list, the text as written.
fn resolve_construct(
    input: &KindInput<'_>,
    written: &str,
) -> Result<(String, Option<String>), (String, String)> {
    let constructs = input.config.constructs();
    if constructs.is_empty() {
        return Ok((written.to_string(), None));
    }
    let default = &input.config.default_language;
    match constructs.resolve(written) {
        Some(c) => {
            let local = c.name.get(input.lang, default);
            let original = c.name.get(default, default);
            let shown = if local == original {
                original.to_string()
            } else {
                format!("{local} ({original})")
            };
            Ok((shown, Some(c.id.clone())))
        }
        None => Err(constructs.unknown(written, default)),
    }
}

/// A CFIR construct in the page's language: the site's word `cfir_<slug of the name>` followed
/// by the name as written (so that it can still be looked up in the CFIR literature), or the
/// name as written when the site has no word for it.
pub fn construct_name(
    words: &std::collections::BTreeMap<String, String>,
    construct: &str,
) -> String {
    match words.get(&format!("cfir_{}", crate::slug::slugify(construct))) {
        Some(local) if local != construct => format!("{local} ({construct})"),
        _ => construct.to_string(),
    }
}

/// An attribute value as a label shows it, with a capital first letter ("team manager" →
/// "Team manager"), like the phases.
pub fn capitalised(value: &str) -> String {
    let mut chars = value.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod label_tests {
    use super::*;

    #[test]
    fn constructs_take_the_sites_word_and_keep_their_cfir_name() {
        let words = std::collections::BTreeMap::from([(
            "cfir_access-to-knowledge-information".to_string(),
            "Toegang tot kennis en informatie".to_string(),
        )]);
        assert_eq!(
            construct_name(&words, "Access to Knowledge & Information"),
            "Toegang tot kennis en informatie (Access to Knowledge & Information)"
        );
        assert_eq!(construct_name(&words, "Teaming"), "Teaming");
        assert_eq!(capitalised("team manager"), "Team manager");
        assert_eq!(capitalised("éénpitter"), "Éénpitter");
        assert_eq!(capitalised(""), "");
    }
}
