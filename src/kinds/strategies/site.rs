//! What the strategy library gives the whole site: `strategies` and `strategy_matches` (read
//! by the scan results and the action plan), `strategy_library` (what its page draws), and the
//! checks between pages: one library per language, and translations that agree with the
//! library in the site's default language.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};

use super::LibraryData;
use crate::diagnostics::{Diagnostic, Position};
use crate::kinds::kit::word;
use crate::kinds::{KindPage, SiteInput, SiteValues};

/// Ids the page's template gives elements besides strategies and clusters.
pub const TEMPLATE_IDS: &[&str] = &["strategy-clusters", "strategy-library"];

/// The library of the language: its first page.
fn library<'a>(input: &'a SiteInput<'a>) -> Option<(&'a KindPage<'a>, LibraryData)> {
    input
        .pages
        .iter()
        .find_map(|page| Some((page, LibraryData::from_value(page.data)?)))
}

pub fn context(input: &SiteInput<'_>) -> Vec<(&'static str, Value)> {
    let Some((page, data)) = library(input) else {
        return Vec::new();
    };
    let lib = &data.library;
    let url = |id: &str| format!("{}#{id}", page.url);
    let cluster_name = |id: &str| {
        lib.clusters
            .iter()
            .find(|c| c.id == id)
            .map_or(id.to_string(), |c| c.name.clone())
    };
    let name_of = |id: &str| {
        lib.strategies
            .iter()
            .find(|s| s.id == id)
            .map_or(id.to_string(), |s| s.name.clone())
    };
    let strategies: serde_json::Map<String, Value> = lib
        .strategies
        .iter()
        .map(|s| {
            (
                s.id.clone(),
                json!({"name": s.name, "cluster": cluster_name(&s.cluster), "url": url(&s.id)}),
            )
        })
        .collect();
    let mut by_construct: BTreeMap<&str, Vec<&super::library::Match>> = BTreeMap::new();
    for m in &lib.matches {
        by_construct.entry(&m.construct).or_default().push(m);
    }
    let matches: serde_json::Map<String, Value> = by_construct
        .into_iter()
        .map(|(construct, mut list)| {
            // Level 1 first; in the library's order within a level.
            list.sort_by_key(|m| m.level);
            let entries: Vec<Value> = list
                .iter()
                .map(|m| {
                    json!({"id": m.strategy, "name": name_of(&m.strategy), "level": m.level,
                        "url": url(&m.strategy), "cfir2009": m.cfir2009})
                })
                .collect();
            (construct.to_string(), Value::Array(entries))
        })
        .collect();
    let clusters: Vec<Value> = lib
        .clusters
        .iter()
        .map(|c| {
            let members: Vec<Value> = lib
                .strategies
                .iter()
                .filter(|s| s.cluster == c.id)
                .map(|s| {
                    let mut matched: Vec<&super::library::Match> =
                        lib.matches.iter().filter(|m| m.strategy == s.id).collect();
                    matched.sort_by_key(|m| m.level);
                    let matched: Vec<Value> = matched
                        .iter()
                        .map(|m| {
                            json!({"construct": m.construct,
                                "name": super::construct_name(input.config, input.lang, input.words, &m.construct),
                                "level": m.level,
                                "level_name": word(input.words, &format!("strategies_level_{}", m.level)),
                                "cfir2009": m.cfir2009, "source": m.source})
                        })
                        .collect();
                    json!({"id": s.id, "name": s.name, "english": s.english,
                        "definition": s.definition, "source": s.source, "matches": matched})
                })
                .collect();
            json!({"id": c.id, "name": c.name, "strategies": members})
        })
        .collect();
    let constructs: BTreeSet<&str> = lib.matches.iter().map(|m| m.construct.as_str()).collect();
    let counts = word(input.words, "strategies_counts")
        .replace("{strategies}", &lib.strategies.len().to_string())
        .replace("{clusters}", &lib.clusters.len().to_string())
        .replace("{matches}", &lib.matches.len().to_string())
        .replace("{constructs}", &constructs.len().to_string());
    let summary = json!({
        "counts": counts,
        "url": page.url,
        "file": page.shown.display().to_string(),
        "clusters": clusters,
        "strategy_count": lib.strategies.len(),
        "match_count": lib.matches.len(),
        "level1_count": lib.matches.iter().filter(|m| m.level == 1).count(),
        "construct_count": constructs.len(),
    });
    vec![
        ("strategies", Value::Object(strategies)),
        ("strategy_matches", Value::Object(matches)),
        ("strategy_library", summary),
    ]
}

/// One library per language, and translations that list the strategies, clusters and matches
/// of the library in the default language.
pub fn problems(input: &SiteInput<'_>, values: &SiteValues) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let libraries: Vec<(&KindPage<'_>, LibraryData)> = input
        .pages
        .iter()
        .filter_map(|page| Some((page, LibraryData::from_value(page.data)?)))
        .collect();
    let Some((first, data)) = libraries.first() else {
        return problems;
    };
    for (page, other) in libraries.iter().skip(1) {
        problems.push(
            Diagnostic::error(format!(
                "{} is a second strategy library in {}; the first is {}",
                page.shown.display(),
                input.language_name,
                first.shown.display()
            ))
            .at(page.shown, position(other.block_at))
            .with_hint("a site has one strategy library per language: merge the two blocks"),
        );
    }
    let default = &input.config.default_language;
    if input.lang == default.as_str() {
        return problems;
    }
    let Some(original) = values.get(default) else {
        return problems;
    };
    let (Some(Value::Object(strategies)), Some(Value::Object(matches)), Some(summary)) = (
        original.get("strategies"),
        original.get("strategy_matches"),
        original.get("strategy_library"),
    ) else {
        return problems;
    };
    let original_file = summary["file"].as_str().unwrap_or("the library");
    let lib = &data.library;
    let here = first.shown;
    for id in strategies.keys() {
        if !lib.strategies.iter().any(|s| &s.id == id) {
            problems.push(
                Diagnostic::error(format!(
                    "the strategy `{id}` of {original_file} is not in this translation"
                ))
                .at(here, position(data.block_at))
                .with_hint(format!(
                    "translations list the same strategies: add a [[strategy]] with id = \"{id}\", or remove it from {original_file}"
                )),
            );
        }
    }
    for s in &lib.strategies {
        if !strategies.contains_key(&s.id) {
            problems.push(
                Diagnostic::error(format!(
                    "the strategy `{}` is not in {original_file}",
                    s.id
                ))
                .at(here, position(data.strategy_at[&s.id]))
                .with_hint(format!(
                    "translations list the same strategies, with the same ids: add it to {original_file}, or correct the id"
                )),
            );
        }
    }
    let pairs = |construct: &str, list: &Value| -> Vec<(String, String, u64)> {
        list.as_array()
            .into_iter()
            .flatten()
            .map(|m| {
                (
                    construct.to_string(),
                    m["id"].as_str().unwrap_or("").to_string(),
                    m["level"].as_u64().unwrap_or(0),
                )
            })
            .collect()
    };
    let theirs: BTreeSet<(String, String, u64)> =
        matches.iter().flat_map(|(c, l)| pairs(c, l)).collect();
    let ours: BTreeSet<(String, String, u64)> = lib
        .matches
        .iter()
        .map(|m| (m.construct.clone(), m.strategy.clone(), u64::from(m.level)))
        .collect();
    let differ: Vec<String> = theirs
        .symmetric_difference(&ours)
        .take(3)
        .map(|(c, s, l)| {
            let side = if ours.contains(&(c.clone(), s.clone(), *l)) {
                "only here"
            } else {
                "only there"
            };
            format!("{c} → {s} (level {l}, {side})")
        })
        .collect();
    if !differ.is_empty() {
        problems.push(
            Diagnostic::error(format!(
                "the matches of this translation differ from those of {original_file}: {}",
                differ.join("; ")
            ))
            .at(here, position(data.block_at))
            .with_hint("translations give the same [[match]] tables; copy them from the library in the default language"),
        );
    }
    for c in &lib.clusters {
        let theirs = summary["clusters"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|t| t["id"] == c.id.as_str());
        if !theirs {
            problems.push(
                Diagnostic::error(format!("the cluster `{}` is not in {original_file}", c.id))
                    .at(here, position(data.cluster_at[&c.id]))
                    .with_hint("translations have the same clusters, with the same ids"),
            );
        }
    }
    problems
}

fn position((line, column): (usize, usize)) -> Position {
    Position { line, column }
}
