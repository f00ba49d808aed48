//! Reading an e-mail guide's rules from its ```` ```toml rules ```` block: each `[[rule]]` with
//! its id, check, severity, message, source and (as the check needs) `limit` or `phrases`, and
//! optionally a name for people, its evidence, the basis of its number and where to turn (`see`).
//! Problems come back with their byte offset in the block, for `path:line:col` messages.

use std::collections::HashMap;

use toml::de::DeValue;

use super::check::{CHECKS, LIMIT_CHECKS, PHRASE_CHECKS, Rule};
use crate::diagnostics::closest;
use crate::kinds::kit::toml_spans::{self, Expected, Keys, Value};

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

/// The keys of the block's top level and of a rule, as the reader checks them.
const TOP: Keys<'static> = Keys {
    known: &["rule"],
    required: &[],
    place: "the rules block",
    thing: "rules block",
};
const RULE: Keys<'static> = Keys {
    known: KEYS,
    required: &["id", "check", "severity", "message", "source"],
    place: "a rule",
    thing: "rule",
};

/// What `limit` must be.
const LIMIT: Expected<'static> = Expected {
    what: "a whole number above 0",
    hint: "write limit = 200, without quotes",
};

/// Reads the rules of a block written for a page in `lang`, each with its line in the file;
/// `first_line` is the line in the file of the block's first line.
pub fn parse(
    block: &str,
    lang: &str,
    first_line: usize,
) -> Result<Vec<(Rule, usize)>, Vec<Problem>> {
    let doc = toml_spans::parse(
        block,
        "the rules are not valid TOML",
        "write each rule as a [[rule]] table of key = value lines, with text in \"quotes\"",
    )
    .map_err(|p| vec![p])?;
    let top = doc.table();
    let mut problems = Vec::new();
    top.check_keys(&TOP, |_| String::new(), &mut problems);
    let rules = top.get("rule").map_or_else(Vec::new, |value| {
        value.tables("start each rule with a [[rule]] line", &mut problems)
    });
    if rules.is_empty() && problems.is_empty() {
        problems.push(Problem::new(
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
        let start = table.at;
        let add = |name: &str| {
            let every = listed(RULE.required);
            format!("add {name} = \"…\" to the rule; every rule needs {every}")
        };
        let mut ok = table.check_keys(&RULE, add, &mut problems);
        // A text that is not empty, with the offset of its opening quote; `or` ends the hint.
        let written = |name: &str, or: &str, problems: &mut Vec<Problem>| {
            let value = table.get(name)?;
            let text = value.text(problems)?.trim();
            if text.is_empty() {
                problems.push(Problem::new(
                    value.at,
                    format!("`{name}` must be text that is not empty"),
                    format!("write {name} = \"…\"{or}"),
                ));
                return None;
            }
            Some((text.to_string(), value.at))
        };
        let text = |name: &str, problems: &mut Vec<Problem>| written(name, "", problems);
        let id = text("id", &mut problems);
        let check = text("check", &mut problems);
        let severity = text("severity", &mut problems);
        let message = text("message", &mut problems);
        let source = text("source", &mut problems);
        let evidence = match table.get("evidence") {
            None => None,
            Some(v) => match v.text(&mut problems) {
                Some(e) if EVIDENCE.contains(&e) => Some(e.to_string()),
                Some(e) => {
                    problems.push(Problem::new(
                        v.at,
                        format!("unknown evidence `{e}`"),
                        one_of(e, EVIDENCE, "kinds of evidence"),
                    ));
                    ok = false;
                    None
                }
                None => {
                    ok = false;
                    None
                }
            },
        };
        // An optional text, with the offset where the text itself starts, after the quote.
        let optional_text = |name: &str, problems: &mut Vec<Problem>| {
            written(name, ", or leave it out", problems).map(|(text, at)| (text, at + 1))
        };
        let name = optional_text("name", &mut problems);
        let see = optional_text("see", &mut problems);
        let basis = optional_text("basis", &mut problems);
        if let Some((b, at)) = &basis
            && !BASES.contains(&b.as_str())
        {
            problems.push(Problem::new(
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
                problems.push(Problem::new(
                    *at,
                    format!("the rule id `{id}` may hold only letters, digits, - and _"),
                    "write an id like \"praise-effort\"",
                ));
                ok = false;
            } else if let Some(first) = first_line.get(id) {
                problems.push(Problem::new(
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
            problems.push(Problem::new(
                *at,
                format!("unknown severity `{s}`"),
                one_of(s, SEVERITIES, "severities"),
            ));
            ok = false;
        }
        let limit_value = table.get("limit");
        let phrases_value = table.get("phrases");
        let mut limit = None;
        let mut phrases = Vec::new();
        if let Some((c, at)) = &check {
            if !CHECKS.contains(&c.as_str()) {
                problems.push(Problem::new(
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
                        problems.push(Problem::new(
                            start,
                            format!("the check `{c}` needs a `limit`"),
                            "add limit = a whole number above 0, such as limit = 200",
                        ));
                        ok = false;
                    }
                    (true, Some(v)) => {
                        let above_0 = |_| {
                            let message = format!("`limit` must be {}", LIMIT.what);
                            (message, LIMIT.hint.to_string())
                        };
                        match v.integer(&LIMIT, 1..=i64::MAX, above_0, &mut problems) {
                            Some(n) => limit = Some(n.unsigned_abs()),
                            None => ok = false,
                        }
                    }
                    (false, Some(v)) => {
                        problems.push(Problem::new(
                            v.key_at,
                            format!("the check `{c}` does not use a `limit`"),
                            format!("remove it; {} use a limit", listed(LIMIT_CHECKS)),
                        ));
                        ok = false;
                    }
                    (false, None) => {}
                }
                match (needs_phrases, phrases_value) {
                    (true, None) => {
                        problems.push(Problem::new(
                            start,
                            format!("the check `{c}` needs `phrases`"),
                            "add phrases = [\"…\", \"…\"], or phrases = { en = [\"…\"], nl = [\"…\"] } for one list per language",
                        ));
                        ok = false;
                    }
                    (true, Some(v)) => match phrase_list(v, lang, &mut problems) {
                        Some(list) => phrases = list,
                        None => ok = false,
                    },
                    (false, Some(v)) => {
                        problems.push(Problem::new(
                            v.key_at,
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
fn phrase_list(
    value: Value<'_, '_>,
    lang: &str,
    problems: &mut Vec<Problem>,
) -> Option<Vec<String>> {
    let list = match value.raw() {
        DeValue::Table(_) => {
            let by_lang = value.table(problems)?;
            let Some(list) = by_lang.get(lang) else {
                let written: Vec<String> = by_lang
                    .entries()
                    .iter()
                    .map(|v| format!("`{}`", v.key))
                    .collect();
                problems.push(Problem::new(
                    value.at,
                    format!("`phrases` has no list for this page's language `{lang}`"),
                    format!(
                        "add {lang} = [\"…\"] to the table; it has {}",
                        written.join(", ")
                    ),
                ));
                return None;
            };
            list
        }
        _ => value,
    };
    // One problem for every way the list can be wrong.
    let mut wrong = Vec::new();
    let phrases: Option<Vec<String>> = list.list(&mut wrong).and_then(|items| {
        items
            .iter()
            .map(|item| item.text(&mut wrong).map(|s| s.trim().to_string()))
            .collect()
    });
    match phrases {
        Some(list)
            if !list.is_empty() && list.iter().all(|p| !super::check::tokens(p).is_empty()) =>
        {
            Some(list)
        }
        _ => {
            problems.push(Problem::new(
                value.at,
                "`phrases` must be a list of text that is not empty",
                "write phrases = [\"well done\", \"good that you\"]",
            ));
            None
        }
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
