//! Reading a strategy library's ```` ```toml strategies ```` block: its clusters, its
//! strategies (id, name, definition, cluster, source) and its matches from CFIR constructs to
//! strategies (level 1 or 2, with the CFIR 2009 construct each came from). Pure: text in,
//! a [`Library`] or [`Problem`]s at byte offsets of the block out.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::kinds::kit::Problem;
use crate::kinds::kit::toml_spans::{self, Keys, Table};

/// A library as its page holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Library {
    pub clusters: Vec<Cluster>,
    pub strategies: Vec<Strategy>,
    pub matches: Vec<Match>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cluster {
    pub id: String,
    pub name: String,
    /// Where its `id` is written in the block.
    pub at: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Strategy {
    pub id: String,
    pub name: String,
    /// The name in English, for a library in another language.
    pub english: Option<String>,
    pub definition: String,
    pub cluster: String,
    pub source: Option<String>,
    pub at: usize,
}

/// One strategy matched to one construct.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Match {
    pub construct: String,
    pub strategy: String,
    /// 1: endorsed by at least half of the experts; 2: by 20 to 49 %.
    pub level: u8,
    /// The CFIR 2009 construct the match was made for.
    pub cfir2009: String,
    /// Where the match is published.
    pub source: Option<String>,
    pub at: usize,
}

const TOP: Keys<'static> = Keys {
    known: &["cluster", "strategy", "match"],
    required: &["strategy"],
    place: "a strategy library",
    thing: "strategy library",
};
const CLUSTER: Keys<'static> = Keys {
    known: &["id", "name"],
    required: &["id", "name"],
    place: "a `[[cluster]]`",
    thing: "cluster",
};
const STRATEGY: Keys<'static> = Keys {
    known: &["id", "name", "english", "definition", "cluster", "source"],
    required: &["id", "name", "definition", "cluster"],
    place: "a `[[strategy]]`",
    thing: "strategy",
};
const MATCH: Keys<'static> = Keys {
    known: &["construct", "cfir2009", "source", "level1", "level2"],
    required: &["construct", "cfir2009"],
    place: "a `[[match]]`",
    thing: "match",
};

/// Reads a block's text; `constructs` are the construct ids a match may name.
pub fn read(text: &str, constructs: &[&str]) -> Result<Library, Vec<Problem>> {
    let doc = toml_spans::parse(
        text,
        "the strategy library's TOML is not valid",
        "write [[cluster]], [[strategy]] and [[match]] tables",
    )
    .map_err(|p| vec![p])?;
    let top = doc.table();
    let mut problems = Vec::new();
    top.check_keys(
        &TOP,
        |_| "add [[strategy]] tables with id, name, definition and cluster".to_string(),
        &mut problems,
    );
    let tables = |key: &str, hint: &str, problems: &mut Vec<Problem>| -> Vec<Table<'_, '_>> {
        top.get(key)
            .map(|v| v.tables(hint, problems))
            .unwrap_or_default()
    };
    let mut library = Library {
        clusters: Vec::new(),
        strategies: Vec::new(),
        matches: Vec::new(),
    };
    let mut first: HashMap<String, usize> = HashMap::new();
    for table in tables(
        "cluster",
        "write [[cluster]] with id and name",
        &mut problems,
    ) {
        table.check_keys(&CLUSTER, add, &mut problems);
        let (Some((id, at)), Some(name)) = (
            id_of(&table, "cluster", &mut first, &mut problems),
            text_of(&table, "name", &mut problems),
        ) else {
            continue;
        };
        library.clusters.push(Cluster { id, name, at });
    }
    let cluster_ids: Vec<&str> = library.clusters.iter().map(|c| c.id.as_str()).collect();
    let mut first_strategy: HashMap<String, usize> = HashMap::new();
    // Every strategy id written, including those of strategies with problems.
    let mut all_ids: Vec<String> = Vec::new();
    for table in tables(
        "strategy",
        "write [[strategy]] with id, name, definition and cluster",
        &mut problems,
    ) {
        // A strategy with an unknown key is still read, so that what else is wrong with it is
        // reported too and the matches that name it are not.
        table.check_keys(&STRATEGY, add, &mut problems);
        let id = id_of(&table, "strategy", &mut first_strategy, &mut problems);
        if let Some((id, _)) = &id {
            all_ids.push(id.clone());
        }
        let name = text_of(&table, "name", &mut problems);
        let english = table
            .get("english")
            .and_then(|v| nonempty(&v, &mut problems));
        let definition = text_of(&table, "definition", &mut problems);
        let source = table
            .get("source")
            .and_then(|v| nonempty(&v, &mut problems));
        let cluster = table.get("cluster").and_then(|v| {
            let written = v.text(&mut problems)?;
            if cluster_ids.contains(&written) {
                return Some(written.to_string());
            }
            problems.push(unknown(
                "cluster",
                written,
                v.at,
                &cluster_ids,
                "the clusters are the [[cluster]] tables of this block",
            ));
            None
        });
        if let (Some((id, at)), Some(name), Some(definition), Some(cluster)) =
            (id, name, definition, cluster)
        {
            library.strategies.push(Strategy {
                id,
                name,
                english,
                definition,
                cluster,
                source,
                at,
            });
        }
    }
    let strategy_ids: Vec<&str> = all_ids.iter().map(String::as_str).collect();
    let mut matched: HashMap<(String, String), usize> = HashMap::new();
    for table in tables(
        "match",
        "write [[match]] with construct, cfir2009, level1 and level2",
        &mut problems,
    ) {
        table.check_keys(&MATCH, add, &mut problems);
        let construct = table.get("construct").and_then(|v| {
            let written = v.text(&mut problems)?;
            if constructs.contains(&written) {
                return Some(written.to_string());
            }
            problems.push(unknown(
                "construct",
                written,
                v.at,
                constructs,
                "a match names a construct of the site by its id, like \"available-resources\"",
            ));
            None
        });
        let cfir2009 = text_of(&table, "cfir2009", &mut problems);
        let source = table
            .get("source")
            .and_then(|v| nonempty(&v, &mut problems));
        for (key, level) in [("level1", 1u8), ("level2", 2u8)] {
            let Some(items) = table.get(key).and_then(|v| v.list(&mut problems)) else {
                continue;
            };
            for item in items {
                let Some(written) = item.text(&mut problems) else {
                    continue;
                };
                if !strategy_ids.contains(&written) {
                    problems.push(unknown(
                        "strategy",
                        written,
                        item.at,
                        &strategy_ids,
                        "a match names strategies by the id of a [[strategy]] of this block",
                    ));
                    continue;
                }
                let (Some(construct), Some(cfir2009)) = (&construct, &cfir2009) else {
                    continue;
                };
                let pair = (construct.clone(), written.to_string());
                if let Some(&at) = matched.get(&pair) {
                    problems.push(Problem {
                        first: Some(at),
                        ..Problem::new(
                            item.at,
                            format!("the strategy `{written}` is matched to `{construct}` twice"),
                            "keep one match of a strategy per construct, at its highest level",
                        )
                    });
                    continue;
                }
                matched.insert(pair, item.at);
                library.matches.push(Match {
                    construct: construct.clone(),
                    strategy: written.to_string(),
                    level,
                    cfir2009: cfir2009.clone(),
                    source: source.clone(),
                    at: item.at,
                });
            }
        }
    }
    if problems.is_empty() {
        Ok(library)
    } else {
        Err(problems)
    }
}

fn add(key: &str) -> String {
    format!("add `{key} = \"…\"`")
}

/// A required text that is not empty.
fn text_of(table: &Table<'_, '_>, key: &str, problems: &mut Vec<Problem>) -> Option<String> {
    nonempty(&table.get(key)?, problems)
}

fn nonempty(value: &toml_spans::Value<'_, '_>, problems: &mut Vec<Problem>) -> Option<String> {
    let text = value.text(problems)?.trim();
    if text.is_empty() {
        problems.push(Problem::new(
            value.at,
            format!("`{}` is empty", value.key),
            "write it, or remove the line if it is optional",
        ));
        return None;
    }
    Some(text.to_string())
}

/// The table's `id`: a slug, not used before in this block.
fn id_of(
    table: &Table<'_, '_>,
    thing: &str,
    first: &mut HashMap<String, usize>,
    problems: &mut Vec<Problem>,
) -> Option<(String, usize)> {
    let value = table.get("id")?;
    let id = value.text(problems)?;
    if id.is_empty() || crate::slug::slugify(id) != id || !id.is_ascii() {
        problems.push(Problem::new(
            value.at,
            format!("the {thing} id `{id}` must be lower-case letters, digits and `-`"),
            format!(
                "write it like \"{}\"",
                crate::slug::slugify(if id.is_empty() {
                    "audit and provide feedback"
                } else {
                    id
                })
            ),
        ));
        return None;
    }
    if let Some(&at) = first.get(id) {
        problems.push(Problem {
            first: Some(at),
            ..Problem::new(
                value.at,
                format!("the {thing} id `{id}` is used twice"),
                format!("give each {thing} its own id"),
            )
        });
        return None;
    }
    first.insert(id.to_string(), value.at);
    Some((id.to_string(), value.at))
}

/// "unknown strategy `x`", with the closest known one.
pub fn unknown(thing: &str, written: &str, at: usize, known: &[&str], about: &str) -> Problem {
    let hint = match crate::diagnostics::closest(written, known.iter().copied(), 4) {
        Some(close) => format!("did you mean \"{close}\"? {about}"),
        None => about.to_string(),
    };
    Problem::new(at, format!("unknown {thing} `{written}`"), hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BLOCK: &str = r#"
[[cluster]]
id = "train"
name = "Train and educate"

[[strategy]]
id = "conduct-educational-meetings"
name = "Conduct educational meetings"
definition = "Meet to teach."
cluster = "train"

[[match]]
construct = "capability"
cfir2009 = "Self-efficacy"
level2 = ["conduct-educational-meetings"]
"#;

    #[test]
    fn reads_clusters_strategies_and_matches() {
        let library = read(BLOCK, &["capability"]).unwrap();
        assert_eq!(library.clusters[0].name, "Train and educate");
        assert_eq!(library.strategies[0].cluster, "train");
        assert_eq!(library.matches[0].level, 2);
        assert_eq!(library.matches[0].cfir2009, "Self-efficacy");
    }

    #[test]
    fn names_what_is_wrong_and_where() {
        let text = BLOCK.replace(
            "level2 = [\"conduct-educational-meetings\"]",
            "level1 = [\"conduct-educational-meeting\"]",
        );
        let problems = read(&text, &["capability"]).unwrap_err();
        assert_eq!(
            problems[0].message,
            "unknown strategy `conduct-educational-meeting`"
        );
        assert!(
            problems[0]
                .hint
                .starts_with("did you mean \"conduct-educational-meetings\"?")
        );
        assert_eq!(&text[problems[0].offset..problems[0].offset + 5], "\"cond");
    }
}
