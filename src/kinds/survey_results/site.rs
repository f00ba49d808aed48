//! What a results page needs of the other pages of its language, made once for all results
//! pages of the language: the survey it names (from the survey page's data), the names and
//! domains of the survey's constructs, and per construct the checklist items and playbooks that
//! address it. Templates see it as `survey_results`, by page key, as JSON ready for a script
//! element. A survey no page of the language has is an error at the page's `survey` key.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Value, json};

use super::ResultsData;
use crate::diagnostics::Diagnostic;
use crate::kinds::checklist::ChecklistData;
use crate::kinds::{KindPage, SiteInput};

/// The kind whose pages hold surveys.
const SURVEY_KIND: &str = "survey";

/// A checklist item or a playbook that addresses a construct.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    pub title: String,
    pub url: String,
    /// `checklist` or `playbook`.
    pub kind: &'static str,
    /// For a checklist item, `<checklist key>#<item id>` (what the action plan calls it).
    #[serde(rename = "ref")]
    pub reference: Option<String>,
}

/// The survey pages of the language with the data they show.
fn surveys<'a>(input: &SiteInput<'a>) -> Vec<(&'a KindPage<'a>, &'a Value)> {
    input
        .pages_of(SURVEY_KIND)
        .iter()
        .filter(|p| p.data.get("id").and_then(Value::as_str).is_some())
        .map(|p| (p, p.data))
        .collect()
}

/// A construct as a checklist names it (its id, or its name in any language), as its id.
fn construct_id(input: &SiteInput<'_>, written: &str) -> String {
    super::constructs::resolve(input.config, written)
        .unwrap_or_else(|| crate::slug::slugify(written))
}

/// Per construct id, the checklist items and playbooks of the language that address it.
pub fn links(input: &SiteInput<'_>) -> BTreeMap<String, Vec<Link>> {
    let mut links: BTreeMap<String, Vec<Link>> = BTreeMap::new();
    for page in input.pages_of("checklist") {
        let Some(data) = ChecklistData::from_value(page.data) else {
            continue;
        };
        for item in data.items() {
            let id = match (&item.construct_id, &item.construct) {
                (Some(id), _) => id.clone(),
                (None, Some(written)) => construct_id(input, written),
                (None, None) => continue,
            };
            links.entry(id).or_default().push(Link {
                title: item.text.plain.clone(),
                url: format!("{}#{}", page.url, item.id),
                kind: "checklist",
                reference: Some(format!("{}#{}", page.key, item.id)),
            });
        }
    }
    for page in input.pages_of(crate::kinds::DEFAULT) {
        let constructs = page
            .data
            .get("constructs")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        for construct in constructs.iter().filter_map(Value::as_str) {
            links
                .entry(construct_id(input, construct))
                .or_default()
                .push(Link {
                    title: page.title.to_string(),
                    url: page.url.clone(),
                    kind: "playbook",
                    reference: None,
                });
        }
    }
    links
}

/// `survey_results`: for every results page of the language, by its key, what its script needs.
pub fn context(input: &SiteInput<'_>) -> Vec<(&'static str, Value)> {
    if input.pages.is_empty() {
        return Vec::new();
    }
    let surveys = surveys(input);
    let links = links(input);
    let words: BTreeMap<&str, &str> = input
        .words
        .iter()
        .filter(|(k, _)| k.starts_with("survey_results_") || k.starts_with("survey_scale_"))
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let mut by_page = serde_json::Map::new();
    for page in input.pages {
        let Some(data) = ResultsData::from_value(page.data) else {
            continue;
        };
        let Some((survey_page, survey)) = surveys
            .iter()
            .find(|(_, s)| s.get("id").and_then(Value::as_str) == Some(data.survey.as_str()))
        else {
            continue;
        };
        let statements = survey
            .get("statements")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let mut constructs = serde_json::Map::new();
        let mut page_links = serde_json::Map::new();
        for s in statements {
            let Some(id) = s.get("construct").and_then(Value::as_str) else {
                continue;
            };
            let (name, domain) =
                super::constructs::describe(input.config, input.lang, input.words, id);
            constructs.insert(id.to_string(), json!({ "name": name, "domain": domain }));
            page_links.insert(
                id.to_string(),
                json!(links.get(id).cloned().unwrap_or_default()),
            );
        }
        let domains: serde_json::Map<String, Value> = input
            .config
            .domains
            .iter()
            .map(|d| {
                (
                    d.slug.clone(),
                    json!(d.name.get(input.lang, &input.config.default_language)),
                )
            })
            .collect();
        let value = json!({
            "survey": survey,
            "survey_url": survey_page.url,
            "survey_title": survey_page.title,
            "separator": (crate::spreadsheet::separator(input.lang) as char).to_string(),
            "constructs": constructs,
            "domains": domains,
            "links": page_links,
            "words": words,
        });
        by_page.insert(
            page.key.to_string(),
            Value::String(crate::escape::script_json(&value)),
        );
    }
    vec![("survey_results", Value::Object(by_page))]
}

/// A results page that names a survey no page of its language has.
pub fn checks(input: &SiteInput<'_>) -> Vec<Diagnostic> {
    let surveys = surveys(input);
    let ids: Vec<&str> = surveys
        .iter()
        .filter_map(|(_, s)| s.get("id").and_then(Value::as_str))
        .collect();
    let mut problems = Vec::new();
    for page in input.pages {
        let Some(data) = ResultsData::from_value(page.data) else {
            continue;
        };
        if ids.contains(&data.survey.as_str()) {
            continue;
        }
        let listed = if ids.is_empty() {
            format!(
                "no page in {} has a survey yet; add a page with kind = \"survey\" and a ```toml survey block",
                input.language_name
            )
        } else {
            format!(
                "the surveys in {} are: {}",
                input.language_name,
                ids.iter()
                    .map(|s| format!("\"{s}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        let hint = match crate::diagnostics::closest(&data.survey, ids.iter().copied(), 3) {
            Some(close) => format!("did you mean \"{close}\"? {listed}"),
            None => listed,
        };
        problems.push(
            Diagnostic::error(format!("unknown survey `{}`", data.survey))
                .at(page.shown, data.position())
                .with_hint(hint),
        );
    }
    problems
}
