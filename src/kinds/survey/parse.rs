//! Reading a ```` ```toml survey ```` block into [`SurveyData`]: the survey's id and version,
//! the answer scale (2 to 9 points, labels from the theme's words unless the block gives its
//! own), optional roles, the statements (each with a construct the site lists, a direction and
//! optional source and theme) and optional open questions. Every problem has its place in the
//! block and a hint.

use std::collections::BTreeMap;

use super::{Direction, Question, Role, Statement, SurveyData};
use crate::constructs::Constructs;
use crate::kinds::kit::Problem;
use crate::kinds::kit::toml_spans::{self, Keys, Table, WHOLE_NUMBER};

const TOP: Keys<'static> = Keys {
    known: &[
        "id",
        "version",
        "points",
        "labels",
        "email",
        "role",
        "statement",
        "open",
    ],
    required: &["id", "version"],
    place: "a survey",
    thing: "survey",
};
const ROLE: Keys<'static> = Keys {
    known: &["id", "name"],
    required: &["id", "name"],
    place: "a [[role]]",
    thing: "role",
};
const STATEMENT: Keys<'static> = Keys {
    known: &["id", "construct", "direction", "text", "source", "theme"],
    required: &["id", "construct", "direction", "text"],
    place: "a [[statement]]",
    thing: "statement",
};
const OPEN: Keys<'static> = Keys {
    known: &["id", "text"],
    required: &["id", "text"],
    place: "an [[open]] question",
    thing: "open question",
};

/// What the block is read with: the site's constructs, its default language (for names in
/// hints) and the theme's words in the page's language (for the scale's labels).
pub struct Context<'a> {
    pub constructs: &'a Constructs,
    pub default_lang: &'a str,
    pub words: &'a BTreeMap<String, String>,
}

fn add(key: &str) -> String {
    match key {
        "id" => "add `id = \"…\"`, a short name in lowercase letters, digits and hyphens".into(),
        "version" => "add `version = 1`; raise it when the statements change".into(),
        "construct" => "add `construct = \"…\"`, the id or name of a construct site.toml lists".into(),
        "direction" => "add `direction = \"barrier\"` (agreeing means a barrier) or `direction = \"facilitator\"`".into(),
        _ => format!("add `{key} = \"…\"`"),
    }
}

/// An id: a slug of lowercase ASCII letters, digits and hyphens.
fn id_of(
    value: toml_spans::Value<'_, '_>,
    what: &str,
    problems: &mut Vec<Problem>,
) -> Option<String> {
    let text = value.text(problems)?;
    if crate::slug::is_slug(text) && text.is_ascii() {
        return Some(text.to_string());
    }
    let close = crate::slug::slugify(text);
    problems.push(Problem::new(
        value.at,
        format!("{what} `{text}` may only hold lowercase letters a-z, digits and single hyphens"),
        if close.is_empty() || !close.is_ascii() {
            "for example \"s01\"".to_string()
        } else {
            format!("write it like \"{close}\"")
        },
    ));
    None
}

fn required_text(table: &Table<'_, '_>, key: &str, problems: &mut Vec<Problem>) -> Option<String> {
    let value = table.get(key)?;
    let text = value.text(problems)?;
    if text.trim().is_empty() {
        problems.push(Problem::new(
            value.at,
            format!("`{key}` is empty"),
            add(key),
        ));
        return None;
    }
    Some(text.trim().to_string())
}

fn optional_text(table: &Table<'_, '_>, key: &str, problems: &mut Vec<Problem>) -> Option<String> {
    let text = table.get(key)?.text(problems)?.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// Reads the block's text; offsets of problems are in `text`.
pub fn read(text: &str, context: &Context<'_>) -> Result<SurveyData, Vec<Problem>> {
    let doc = toml_spans::parse(
        text,
        "the survey block is not valid TOML",
        "write `key = value` lines and [[statement]] tables",
    )
    .map_err(|p| vec![p])?;
    let top = doc.table();
    let mut problems = Vec::new();
    top.check_keys(&TOP, add, &mut problems);

    let id = top
        .get("id")
        .and_then(|v| id_of(v, "the survey id", &mut problems));
    let version = top.get("version").and_then(|v| {
        v.integer(
            &WHOLE_NUMBER,
            1..=999_999,
            |n| {
                (
                    format!(
                        "version {} is not a version",
                        n.map_or("?".into(), |n| n.to_string())
                    ),
                    "write a whole number from 1; raise it when the statements change".into(),
                )
            },
            &mut problems,
        )
    });
    let points = match top.get("points") {
        None => Some(5),
        Some(v) => v.integer(
            &WHOLE_NUMBER,
            2..=9,
            |n| {
                let n = n.map_or("so many".to_string(), |n| n.to_string());
                (
                    format!("a scale of {n} points: a scale has 2 to 9 points"),
                    "write `points = 5` for strongly disagree … strongly agree".into(),
                )
            },
            &mut problems,
        ),
    };
    let labels = points.and_then(|points| labels(&top, points, context, &mut problems));
    let email = top.get("email").and_then(|v| {
        let text = v.text(&mut problems)?.trim();
        if is_email(text) {
            Some(text.to_string())
        } else {
            problems.push(Problem::new(
                v.at,
                format!("`{text}` is not an e-mail address"),
                "write an address like \"implementation@clinic.example\"",
            ));
            None
        }
    });

    let roles = read_roles(&top, &mut problems);
    let statements = read_statements(&top, context, &mut problems);
    let open = read_open(&top, &mut problems);
    if statements.is_empty() && top.get("statement").is_none() && problems.is_empty() {
        problems.push(Problem::new(
            0,
            "this survey has no statements",
            "add a [[statement]] table with id, construct, direction and text for each statement",
        ));
    }
    match (id, version, points, labels) {
        (Some(id), Some(version), Some(points), Some(labels)) if problems.is_empty() => {
            Ok(SurveyData {
                id,
                version: version as u32,
                points: points as u8,
                labels,
                roles,
                statements,
                open,
                email,
            })
        }
        _ => Err(problems),
    }
}

/// A plain check of an e-mail address: something, one `@`, a host with a dot, no spaces.
pub fn is_email(text: &str) -> bool {
    let Some((user, host)) = text.split_once('@') else {
        return false;
    };
    !user.is_empty()
        && host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && !host.contains('@')
        && !text.contains(|c: char| c.is_whitespace() || "<>\"(),;:[]\\".contains(c))
}

fn labels(
    top: &Table<'_, '_>,
    points: i64,
    context: &Context<'_>,
    problems: &mut Vec<Problem>,
) -> Option<Vec<String>> {
    let Some(value) = top.get("labels") else {
        return Some(
            (1..=points)
                .map(|i| {
                    crate::kinds::kit::word(context.words, &format!("survey_scale_{points}_{i}"))
                        .to_string()
                })
                .collect(),
        );
    };
    let items = value.list(problems)?;
    let texts: Vec<String> = items
        .iter()
        .filter_map(|item| item.text(problems).map(|t| t.trim().to_string()))
        .collect();
    if texts.len() != items.len() {
        return None;
    }
    if texts.len() as i64 != points {
        problems.push(Problem::new(
            value.at,
            format!("{} labels for a scale of {points} points", texts.len()),
            format!("give one label per point, {points} in all, from the lowest to the highest"),
        ));
        return None;
    }
    if let Some(i) = texts.iter().position(String::is_empty) {
        problems.push(Problem::new(
            items[i].at,
            "a label is empty",
            "write what the point means, like \"agree\"",
        ));
        return None;
    }
    Some(texts)
}

fn read_roles(top: &Table<'_, '_>, problems: &mut Vec<Problem>) -> Vec<Role> {
    let Some(value) = top.get("role") else {
        return Vec::new();
    };
    let mut roles: Vec<(Role, usize)> = Vec::new();
    for table in value.tables("write each role as [[role]] with id and name", problems) {
        if !table.check_keys(&ROLE, add, problems) {
            continue;
        }
        let id_value = table.get("id");
        let id = id_value.and_then(|v| id_of(v, "the role id", problems));
        let name = required_text(&table, "name", problems);
        if let (Some(id), Some(name), Some(at)) = (id, name, id_value.map(|v| v.at)) {
            if let Some((_, first)) = roles.iter().find(|(r, _)| r.id == id) {
                let mut p = Problem::new(
                    at,
                    format!("role `{id}` is listed twice"),
                    "give each role its own id",
                );
                p.first = Some(*first);
                problems.push(p);
            } else {
                roles.push((Role { id, name }, at));
            }
        }
    }
    roles.into_iter().map(|(r, _)| r).collect()
}

fn read_statements(
    top: &Table<'_, '_>,
    context: &Context<'_>,
    problems: &mut Vec<Problem>,
) -> Vec<Statement> {
    let Some(value) = top.get("statement") else {
        return Vec::new();
    };
    let mut statements: Vec<(Statement, usize)> = Vec::new();
    let hint = "write each statement as [[statement]] with id, construct, direction and text";
    for table in value.tables(hint, problems) {
        let before = problems.len();
        table.check_keys(&STATEMENT, add, problems);
        let id_value = table.get("id");
        let id = id_value.and_then(|v| id_of(v, "the statement id", problems));
        if let (Some(id), Some(v)) = (&id, id_value)
            && let Some((_, first)) = statements.iter().find(|(s, _)| s.id == *id)
        {
            let mut p = Problem::new(
                v.at,
                format!("statement `{id}` is listed twice"),
                "give each statement its own id; answers are kept by id",
            );
            p.first = Some(*first);
            problems.push(p);
        }
        let construct = table.get("construct").and_then(|v| {
            let text = v.text(problems)?.trim();
            if context.constructs.is_empty() {
                return Some(text.to_string());
            }
            match context.constructs.resolve(text) {
                Some(c) => Some(c.id.clone()),
                None => {
                    let (message, hint) = context.constructs.unknown(text, context.default_lang);
                    problems.push(Problem::new(v.at, message, hint));
                    None
                }
            }
        });
        let direction = table.get("direction").and_then(|v| {
            let text = v.text(problems)?;
            match text {
                "barrier" => Some(Direction::Barrier),
                "facilitator" => Some(Direction::Facilitator),
                other => {
                    let hint = match crate::diagnostics::closest(other, ["barrier", "facilitator"], 4) {
                        Some(close) => format!("did you mean \"{close}\"? write \"barrier\" when agreeing means a barrier, \"facilitator\" when agreeing means a facilitator"),
                        None => "write \"barrier\" when agreeing means a barrier, \"facilitator\" when agreeing means a facilitator".into(),
                    };
                    problems.push(Problem::new(
                        v.at,
                        format!("unknown direction `{other}`"),
                        hint,
                    ));
                    None
                }
            }
        });
        let text = required_text(&table, "text", problems);
        let source = optional_text(&table, "source", problems);
        let theme = optional_text(&table, "theme", problems);
        if problems.len() != before {
            continue;
        }
        if let (Some(id), Some(construct), Some(direction), Some(text), Some(v)) =
            (id, construct, direction, text, id_value)
        {
            statements.push((
                Statement {
                    id,
                    construct,
                    direction,
                    text,
                    source,
                    theme,
                },
                v.at,
            ));
        }
    }
    statements.into_iter().map(|(s, _)| s).collect()
}

fn read_open(top: &Table<'_, '_>, problems: &mut Vec<Problem>) -> Vec<Question> {
    let Some(value) = top.get("open") else {
        return Vec::new();
    };
    let mut open: Vec<(Question, usize)> = Vec::new();
    for table in value.tables(
        "write each open question as [[open]] with id and text",
        problems,
    ) {
        if !table.check_keys(&OPEN, add, problems) {
            continue;
        }
        let id_value = table.get("id");
        let id = id_value.and_then(|v| id_of(v, "the question id", problems));
        let text = required_text(&table, "text", problems);
        if let (Some(id), Some(text), Some(at)) = (id, text, id_value.map(|v| v.at)) {
            if let Some((_, first)) = open.iter().find(|(q, _)| q.id == id) {
                let mut p = Problem::new(
                    at,
                    format!("open question `{id}` is listed twice"),
                    "give each question its own id",
                );
                p.first = Some(*first);
                problems.push(p);
            } else {
                open.push((Question { id, text }, at));
            }
        }
    }
    open.into_iter().map(|(q, _)| q).collect()
}
