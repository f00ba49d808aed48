//! Reading an e-mail guide's rules from its ```` ```toml rules ```` block: each `[[rule]]` with
//! its id, check, severity, message, source and (as the check needs) `limit` or `phrases`, and
//! optionally a name for people, its evidence, the basis of its number and where to turn (`see`).
//! Problems come back with their byte offset in the block, for `path:line:col` messages.

use std::collections::{BTreeMap, HashMap};

use toml::Spanned;

use super::check::{CHECKS, LIMIT_CHECKS, PHRASE_CHECKS, Rule};
use crate::diagnostics::closest;

/// The severities, from most to least weight.
pub const SEVERITIES: &[&str] = &["error", "warning", "tip"];

/// What a rule may rest on.
pub const EVIDENCE: &[&str] = &[
    "evidence",
    "mixed-evidence",
    "limited-evidence",
    "expert-opinion",
    "toolkit-default",
];

/// Where a rule's number may come from: its source states it, or it is the toolkit's own.
pub const BASES: &[&str] = &["source", "toolkit-default"];

/// The keys of a rule.
pub const KEYS: &[&str] = &[
    "id", "check", "severity", "message", "source", "evidence", "phrases", "limit", "name",
    "basis", "see",
];

pub use crate::kinds::kit::Problem;

fn problem(offset: usize, message: impl Into<String>, hint: impl Into<String>) -> Problem {
    Problem {
        message: message.into(),
        hint: hint.into(),
        offset,
    }
}

fn listed(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

fn one_of(value: &str, names: &[&str], what: &str) -> String {
    match closest(value, names.iter().copied(), 3) {
        Some(close) => format!("did you mean \"{close}\"? The {what} are {}", listed(names)),
        None => format!("the {what} are {}", listed(names)),
    }
}

type Table = BTreeMap<Spanned<String>, Spanned<toml::Value>>;

/// Reads the rules of a block written for a page in `lang`, each with its line in the file;
/// `first_line` is the line in the file of the block's first line.
pub fn parse(
    block: &str,
    lang: &str,
    first_line: usize,
) -> Result<Vec<(Rule, usize)>, Vec<Problem>> {
    let top: Table = toml::from_str(block).map_err(|e| {
        let offset = e.span().map(|s| s.start).unwrap_or(0);
        let explained = crate::toml_errors::explain(&e, block);
        let hint = explained.hint.unwrap_or_else(|| {
            "write each rule as a [[rule]] table of key = value lines, with text in \"quotes\""
                .to_string()
        });
        vec![problem(
            offset,
            format!("the rules are not valid TOML: {}", explained.problem),
            hint,
        )]
    })?;
    let mut problems = Vec::new();
    let mut tables: Vec<Spanned<toml::Value>> = Vec::new();
    for (key, value) in top {
        if key.get_ref() == "rule" {
            match value.get_ref() {
                toml::Value::Array(_) => tables.push(value),
                _ => problems.push(problem(
                    key.span().start,
                    "`rule` must be a list of tables",
                    "start each rule with a [[rule]] line",
                )),
            }
        } else {
            let hint = match closest(key.get_ref(), ["rule"], 2) {
                Some(_) => "did you mean [[rule]]?".to_string(),
                None => "the rules block holds only [[rule]] tables".to_string(),
            };
            problems.push(problem(
                key.span().start,
                format!("unknown key `{}` in the rules block", key.get_ref()),
                hint,
            ));
        }
    }
    // Spans of the tables of an array of tables are not kept by `toml::Value`: read the block
    // again with a span per rule.
    #[derive(serde::Deserialize)]
    struct Spans {
        #[serde(default)]
        rule: Vec<Spanned<Table>>,
    }
    let rules: Vec<Spanned<Table>> = if tables.is_empty() {
        Vec::new()
    } else {
        toml::from_str::<Spans>(block)
            .map(|s| s.rule)
            .unwrap_or_default()
    };
    if rules.is_empty() && problems.is_empty() {
        problems.push(problem(
            0,
            "the rules block has no rules",
            "add rules as [[rule]] tables with id, check, severity, message and source",
        ));
    }
    let line_of =
        |offset: usize| first_line + block[..offset.min(block.len())].matches('\n').count();
    let mut out = Vec::new();
    let mut first_line: HashMap<String, usize> = HashMap::new();
    for table in rules {
        let start = table.span().start;
        let table = table.into_inner();
        let mut ok = true;
        let text = |name: &str, problems: &mut Vec<Problem>| -> Option<(String, usize)> {
            match table.iter().find(|(k, _)| k.get_ref() == name) {
                None => {
                    problems.push(problem(
                        start,
                        format!("this rule has no `{name}`"),
                        format!(
                            "add {name} = \"…\" to the rule; every rule needs {}",
                            listed(&KEYS[..5])
                        ),
                    ));
                    None
                }
                Some((_, v)) => match v.get_ref() {
                    toml::Value::String(s) if !s.trim().is_empty() => {
                        Some((s.trim().to_string(), v.span().start))
                    }
                    _ => {
                        problems.push(problem(
                            v.span().start,
                            format!("`{name}` must be text that is not empty"),
                            format!("write {name} = \"…\""),
                        ));
                        None
                    }
                },
            }
        };
        for key in table.keys() {
            if !KEYS.contains(&key.get_ref().as_str()) {
                problems.push(problem(
                    key.span().start,
                    format!("unknown key `{}` in a rule", key.get_ref()),
                    one_of(key.get_ref(), KEYS, "keys of a rule"),
                ));
                ok = false;
            }
        }
        let id = text("id", &mut problems);
        let check = text("check", &mut problems);
        let severity = text("severity", &mut problems);
        let message = text("message", &mut problems);
        let source = text("source", &mut problems);
        let evidence = match table.iter().find(|(k, _)| k.get_ref() == "evidence") {
            None => None,
            Some((_, v)) => match v.get_ref().as_str() {
                Some(e) if EVIDENCE.contains(&e) => Some(e.to_string()),
                Some(e) => {
                    problems.push(problem(
                        v.span().start,
                        format!("unknown evidence `{e}`"),
                        one_of(e, EVIDENCE, "kinds of evidence"),
                    ));
                    ok = false;
                    None
                }
                None => {
                    problems.push(problem(
                        v.span().start,
                        "`evidence` must be text",
                        format!("write evidence = one of {}", listed(EVIDENCE)),
                    ));
                    ok = false;
                    None
                }
            },
        };
        let optional_text = |name: &str, problems: &mut Vec<Problem>| -> Option<(String, usize)> {
            let (_, v) = table.iter().find(|(k, _)| k.get_ref() == name)?;
            match v.get_ref() {
                toml::Value::String(s) if !s.trim().is_empty() => {
                    // The text starts after the opening quote.
                    Some((s.trim().to_string(), v.span().start + 1))
                }
                _ => {
                    problems.push(problem(
                        v.span().start,
                        format!("`{name}` must be text that is not empty"),
                        format!("write {name} = \"…\", or leave it out"),
                    ));
                    None
                }
            }
        };
        let name = optional_text("name", &mut problems);
        let see = optional_text("see", &mut problems);
        let basis = optional_text("basis", &mut problems);
        if let Some((b, at)) = &basis
            && !BASES.contains(&b.as_str())
        {
            problems.push(problem(
                at - 1,
                format!("unknown basis `{b}`"),
                one_of(b, BASES, "bases of a number"),
            ));
            ok = false;
        }
        if let Some((id, at)) = &id {
            let well_formed = id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if !well_formed {
                problems.push(problem(
                    *at,
                    format!("the rule id `{id}` may hold only letters, digits, - and _"),
                    "write an id like \"praise-effort\"",
                ));
                ok = false;
            } else if let Some(first) = first_line.get(id) {
                problems.push(problem(
                    *at,
                    format!("the rule id `{id}` is used twice (first on line {first})"),
                    "give each rule its own id",
                ));
                ok = false;
            } else {
                first_line.insert(id.clone(), line_of(start));
            }
        }
        if let Some((s, at)) = &severity
            && !SEVERITIES.contains(&s.as_str())
        {
            problems.push(problem(
                *at,
                format!("unknown severity `{s}`"),
                one_of(s, SEVERITIES, "severities"),
            ));
            ok = false;
        }
        let limit_value = table.iter().find(|(k, _)| k.get_ref() == "limit");
        let phrases_value = table.iter().find(|(k, _)| k.get_ref() == "phrases");
        let mut limit = None;
        let mut phrases = Vec::new();
        if let Some((c, at)) = &check {
            if !CHECKS.contains(&c.as_str()) {
                problems.push(problem(
                    *at,
                    format!("unknown check `{c}`"),
                    one_of(c, CHECKS, "checks"),
                ));
                ok = false;
            } else {
                let needs_limit = LIMIT_CHECKS.contains(&c.as_str());
                let needs_phrases = PHRASE_CHECKS.contains(&c.as_str());
                match (needs_limit, limit_value) {
                    (true, None) => {
                        problems.push(problem(
                            start,
                            format!("the check `{c}` needs a `limit`"),
                            "add limit = a whole number above 0, such as limit = 200",
                        ));
                        ok = false;
                    }
                    (true, Some((_, v))) => match v.get_ref().as_integer() {
                        Some(n) if n > 0 => limit = Some(n as u64),
                        _ => {
                            problems.push(problem(
                                v.span().start,
                                "`limit` must be a whole number above 0",
                                "write limit = 200, without quotes",
                            ));
                            ok = false;
                        }
                    },
                    (false, Some((k, _))) => {
                        problems.push(problem(
                            k.span().start,
                            format!("the check `{c}` does not use a `limit`"),
                            format!("remove it; {} use a limit", listed(LIMIT_CHECKS)),
                        ));
                        ok = false;
                    }
                    (false, None) => {}
                }
                match (needs_phrases, phrases_value) {
                    (true, None) => {
                        problems.push(problem(
                            start,
                            format!("the check `{c}` needs `phrases`"),
                            "add phrases = [\"…\", \"…\"], or phrases = { en = [\"…\"], nl = [\"…\"] } for one list per language",
                        ));
                        ok = false;
                    }
                    (true, Some((_, v))) => match phrase_list(v, lang) {
                        Ok(list) => phrases = list,
                        Err(p) => {
                            problems.push(p);
                            ok = false;
                        }
                    },
                    (false, Some((k, _))) => {
                        problems.push(problem(
                            k.span().start,
                            format!("the check `{c}` does not use `phrases`"),
                            format!("remove them; {} use phrases", listed(PHRASE_CHECKS)),
                        ));
                        ok = false;
                    }
                    (false, None) => {}
                }
            }
        }
        if let (true, Some(id), Some(check), Some(severity), Some(message), Some(source)) =
            (ok, id, check, severity, message, source)
        {
            out.push((
                Rule {
                    id: id.0,
                    check: check.0,
                    severity: severity.0,
                    message: message.0,
                    source: source.0,
                    name: name.map(|n| n.0),
                    evidence,
                    basis: basis.map(|b| b.0),
                    see_at: see.as_ref().map(|s| s.1),
                    see: see.map(|s| s.0),
                    phrases,
                    limit,
                },
                line_of(start),
            ));
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        problems.sort_by_key(|p| p.offset);
        Err(problems)
    }
}

/// `phrases`: a list of text, or a table of such lists by language, of which the page's.
fn phrase_list(value: &Spanned<toml::Value>, lang: &str) -> Result<Vec<String>, Problem> {
    let list_of = |v: &toml::Value, at: usize| -> Result<Vec<String>, Problem> {
        let bad = || {
            problem(
                at,
                "`phrases` must be a list of text that is not empty",
                "write phrases = [\"well done\", \"good that you\"]",
            )
        };
        let items = v.as_array().ok_or_else(bad)?;
        let list: Vec<String> = items
            .iter()
            .map(|i| i.as_str().map(|s| s.trim().to_string()))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(bad)?;
        if list.is_empty() || list.iter().any(|p| super::check::tokens(p).is_empty()) {
            return Err(bad());
        }
        Ok(list)
    };
    match value.get_ref() {
        toml::Value::Table(by_lang) => match by_lang.get(lang) {
            Some(v) => list_of(v, value.span().start),
            None => Err(problem(
                value.span().start,
                format!("`phrases` has no list for this page's language `{lang}`"),
                format!(
                    "add {lang} = [\"…\"] to the table; it has {}",
                    by_lang
                        .keys()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )),
        },
        other => list_of(other, value.span().start),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
[[rule]]
id = "praise"
check = "contains-phrase"
severity = "warning"
message = "Praise."
source = "Study"
phrases = { en = ["well done"], nl = ["goed gedaan"] }

[[rule]]
id = "short"
check = "max-words"
severity = "tip"
message = "Short."
source = "Norm"
limit = 200
"#;

    #[test]
    fn reads_rules_with_phrases_per_language() {
        let rules = parse(GOOD, "nl", 1).unwrap();
        assert_eq!(rules.len(), 2);
        assert_eq!(rules[0].0.phrases, ["goed gedaan"]);
        assert_eq!(rules[0].1, 2);
        assert_eq!(rules[1].0.limit, Some(200));
    }

    #[test]
    fn reads_a_name_a_basis_and_where_to_turn() {
        let block = GOOD.replace(
            "limit = 200",
            "limit = 200\nname = \"Keep it short\"\nbasis = \"toolkit-default\"\nsee = \"[Risk](risk.md)\"",
        );
        let rules = parse(&block, "en", 1).unwrap();
        let short = &rules[1].0;
        assert_eq!(short.shown_name(), "Keep it short");
        assert_eq!(rules[0].0.shown_name(), "praise");
        assert_eq!(short.basis.as_deref(), Some("toolkit-default"));
        assert_eq!(short.see.as_deref(), Some("[Risk](risk.md)"));
        let at = short.see_at.unwrap();
        assert_eq!(&block[at..at + 7], "[Risk](");
        let wrong = block.replace("\"toolkit-default\"", "\"toolkit-defualt\"");
        let problems = parse(&wrong, "en", 1).unwrap_err();
        assert_eq!(problems[0].message, "unknown basis `toolkit-defualt`");
        assert!(
            problems[0]
                .hint
                .starts_with("did you mean \"toolkit-default\"?")
        );
    }

    #[test]
    fn reports_each_problem_at_its_place() {
        let bad = GOOD
            .replace("\"contains-phrase\"", "\"contains-phrasse\"")
            .replace("limit = 200", "");
        let problems = parse(&bad, "en", 1).unwrap_err();
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "unknown check `contains-phrasse`",
                "the check `max-words` needs a `limit`"
            ]
        );
        assert!(
            problems[0]
                .hint
                .starts_with("did you mean \"contains-phrase\"?")
        );
        assert_eq!(&bad[problems[0].offset..problems[0].offset + 1], "\"");
    }
}
