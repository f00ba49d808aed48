//! Reading a stakeholder map's data: the fenced ```` ```toml stakeholders ```` block of the page,
//! parsed strictly, every problem with its byte offset in the body and a hint. No I/O, no HTML.
//!
//! ```toml
//! [[stakeholder]]
//! name = "Team manager"
//! group = "management"
//! influence = 5
//! interest = 4
//! stance = "supporter"
//! domain = "inner-setting"
//! actions = [{ action = "Agree how feedback time is planned", owner = "Implementation lead" }]
//! ```

use std::ops::Range;

use pulldown_cmark::Event;

use super::{GROUPS, STANCES};
use crate::kinds::kit::toml_spans::{self, Keys, Table};

/// The info string of the block that holds the map's data.
pub const INFO: &str = "toml stakeholders";

/// The keys of one stakeholder, and of one of its actions.
pub const KEYS: &[&str] = &[
    "name",
    "group",
    "influence",
    "interest",
    "stance",
    "domain",
    "actions",
];
pub const ACTION_KEYS: &[&str] = &["action", "owner"];

/// The keys of the block's top level, of a stakeholder and of an action, as the reader checks
/// them.
const TOP: Keys<'static> = Keys {
    known: &["stakeholder"],
    required: &[],
    place: "the stakeholder map",
    thing: "stakeholder map",
};
const STAKEHOLDER: Keys<'static> = Keys {
    known: KEYS,
    required: KEYS,
    place: "a [[stakeholder]]",
    thing: "stakeholder",
};
const ACTION: Keys<'static> = Keys {
    known: ACTION_KEYS,
    required: ACTION_KEYS,
    place: "an action",
    thing: "action",
};

/// The data block of a page, by event index and byte range in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// `Start(CodeBlock)`.
    pub start: usize,
    /// `End(CodeBlock)`.
    pub end: usize,
    /// Where the block starts (its opening fence).
    pub offset: usize,
    /// The TOML inside the fences.
    pub text: Range<usize>,
}

/// Every ```` ```toml stakeholders ```` block in parsed events.
pub fn blocks(events: &[(Event<'_>, Range<usize>)]) -> Vec<Block> {
    crate::kinds::kit::fenced_blocks(events)
        .into_iter()
        .filter(|b| b.info.join(" ") == INFO)
        .map(|b| Block {
            start: b.start,
            end: b.end,
            offset: b.fence,
            text: b.span.unwrap_or(b.block_end..b.block_end),
        })
        .collect()
}

pub use crate::kinds::kit::Problem;

/// One stakeholder as written, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    pub name: String,
    pub group: String,
    pub influence: u8,
    pub interest: u8,
    pub stance: String,
    pub domain: String,
    pub actions: Vec<(String, String)>,
}

/// Parses the TOML of a block that starts at byte `base` of the body. `domains` are the slugs
/// of the site's domains.
pub fn parse(text: &str, base: usize, domains: &[&str]) -> Result<Vec<Parsed>, Vec<Problem>> {
    let doc = toml_spans::parse(
        text,
        "invalid TOML",
        "write each stakeholder as a [[stakeholder]] table of TOML",
    )
    .map_err(|p| vec![p.shifted(base)])?;
    let top = doc.table();
    let mut problems = Vec::new();
    top.check_keys(&TOP, |_| String::new(), &mut problems);
    let tables = top.get("stakeholder").map_or_else(Vec::new, |value| {
        value.tables(
            "write each one under its own [[stakeholder]] line",
            &mut problems,
        )
    });
    let mut list = Vec::new();
    for table in &tables {
        if let Some(parsed) = stakeholder(table, &list, domains, &mut problems) {
            list.push(parsed);
        }
    }
    if tables.is_empty() && problems.is_empty() {
        problems.push(Problem::new(
            0,
            "this stakeholder map has no stakeholders",
            "add a [[stakeholder]] table with name, group, influence, interest, stance, domain and actions",
        ));
    }
    if problems.is_empty() {
        Ok(list)
    } else {
        Err(problems.into_iter().map(|p| p.shifted(base)).collect())
    }
}

/// One `[[stakeholder]]` table, checked; `earlier` are the ones before it.
fn stakeholder(
    table: &Table<'_, '_>,
    earlier: &[Parsed],
    domains: &[&str],
    problems: &mut Vec<Problem>,
) -> Option<Parsed> {
    let before = problems.len();
    table.check_keys(&STAKEHOLDER, |key| format!("add `{key} = …`"), problems);
    let name = table
        .get("name")
        .and_then(|v| Some((v.text(problems)?.trim(), v.at)));
    let group = table
        .get("group")
        .and_then(|v| Some((v.text(problems)?, v.at)));
    let score = |key: &str, about: &str, problems: &mut Vec<Problem>| -> Option<u8> {
        let value = table.get(key)?;
        let outside = |n: Option<i64>| {
            let written = n.map_or("far".to_string(), |n| n.to_string());
            (
                format!("{key} {written} is out of range"),
                format!("score {key} from 1 (low) to 5 (high): {about}"),
            )
        };
        let n = value.integer(&toml_spans::WHOLE_NUMBER, 1..=5, outside, problems)?;
        u8::try_from(n).ok()
    };
    let influence = score(
        "influence",
        "how much they can help or block the change",
        problems,
    );
    let interest = score(
        "interest",
        "how much the change affects them or matters to them",
        problems,
    );
    let stance = table
        .get("stance")
        .and_then(|v| Some((v.text(problems)?, v.at)));
    let domain = table
        .get("domain")
        .and_then(|v| Some((v.text(problems)?, v.at)));
    let actions = table.get("actions");
    if let Some((name, at)) = name {
        if name.is_empty() {
            problems.push(Problem::new(
                at,
                "a stakeholder's `name` is empty",
                "name the person, role or organisation, e.g. \"Team manager\"",
            ));
        } else if earlier.iter().any(|p| p.name == name) {
            problems.push(Problem::new(
                at,
                format!("the stakeholder `{name}` is on the map twice"),
                "give each stakeholder its own name, or merge the two",
            ));
        }
    }
    if let Some((stance, at)) = stance
        && !STANCES.contains(&stance)
    {
        problems.push(Problem::new(
            at,
            format!("unknown stance `{stance}`"),
            one_of(stance, STANCES, "the stances are"),
        ));
    }
    if let Some((group, at)) = group
        && !GROUPS.contains(&group)
    {
        problems.push(Problem::new(
            at,
            format!("unknown group `{group}`"),
            one_of(group, GROUPS, "the groups are"),
        ));
    }
    if let Some((domain, at)) = domain
        && !domains.contains(&domain)
    {
        let hint = if domains.is_empty() {
            "site.toml defines no domains yet; add [[domains]] entries with slug and name"
                .to_string()
        } else {
            one_of(domain, domains, "the domains in site.toml are")
        };
        problems.push(Problem::new(at, format!("unknown domain `{domain}`"), hint));
    }
    let mut listed = Vec::new();
    if let Some(value) = actions {
        let written = value.tables(
            "write actions = [{ action = \"…\", owner = \"…\" }]",
            problems,
        );
        if matches!(value.raw(), toml::de::DeValue::Array(items) if items.is_empty()) {
            problems.push(Problem::new(
                value.at,
                format!("`{}` has no actions", name.map_or("", |(n, _)| n)),
                "add at least one: actions = [{ action = \"…\", owner = \"…\" }]",
            ));
        }
        for action in written {
            listed.extend(one_action(&action, problems));
        }
    }
    if problems.len() > before {
        return None;
    }
    Some(Parsed {
        name: name?.0.to_string(),
        group: group?.0.to_string(),
        influence: influence?,
        interest: interest?,
        stance: stance?.0.to_string(),
        domain: domain?.0.to_string(),
        actions: listed,
    })
}

/// One action of a stakeholder: what is to be done and who does it.
fn one_action(table: &Table<'_, '_>, problems: &mut Vec<Problem>) -> Option<(String, String)> {
    table.check_keys(&ACTION, |key| format!("add `{key} = \"…\"`"), problems);
    let mut field = |key: &str| -> Option<String> {
        let value = table.get(key)?;
        let text = value.text(problems)?.trim();
        if text.is_empty() {
            problems.push(Problem::new(
                value.at,
                format!("an action's `{key}` is empty"),
                "an action needs what is to be done and who does it",
            ));
        }
        Some(text.to_string())
    };
    let action = field("action");
    let owner = field("owner");
    Some((action?, owner?))
}

/// "did you mean …? the … are: a, b, c".
fn one_of(word: &str, choices: &[&str], what: &str) -> String {
    let listed = format!(
        "{what}: {}",
        choices
            .iter()
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(", ")
    );
    match crate::diagnostics::closest(word, choices.iter().copied(), 3) {
        Some(close) => format!("did you mean \"{close}\"? {listed}"),
        None => listed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE: &str = "[[stakeholder]]\nname = \"Team manager\"\ngroup = \"management\"\ninfluence = 5\ninterest = 4\nstance = \"supporter\"\ndomain = \"inner-setting\"\nactions = [{ action = \"Agree the hours\", owner = \"Lead\" }]\n";

    fn problems(text: &str) -> Vec<(usize, String, String)> {
        parse(text, 0, &["inner-setting", "process"])
            .unwrap_err()
            .into_iter()
            .map(|p| (p.offset, p.message, p.hint))
            .collect()
    }

    #[test]
    fn a_stakeholder_is_read_with_its_actions() {
        let parsed = parse(ONE, 0, &["inner-setting"]).unwrap();
        assert_eq!(
            parsed,
            [Parsed {
                name: "Team manager".into(),
                group: "management".into(),
                influence: 5,
                interest: 4,
                stance: "supporter".into(),
                domain: "inner-setting".into(),
                actions: vec![("Agree the hours".into(), "Lead".into())],
            }]
        );
    }

    #[test]
    fn scores_stances_groups_and_domains_are_checked_with_hints() {
        let text = ONE
            .replace("influence = 5", "influence = 7")
            .replace("\"supporter\"", "\"skeptic\"")
            .replace("\"management\"", "\"managment\"")
            .replace("\"inner-setting\"", "\"inner\"");
        let found = problems(&text);
        let messages: Vec<&str> = found.iter().map(|p| p.1.as_str()).collect();
        assert_eq!(
            messages,
            [
                "influence 7 is out of range",
                "unknown stance `skeptic`",
                "unknown group `managment`",
                "unknown domain `inner`"
            ]
        );
        assert_eq!(&text[found[0].0..found[0].0 + 1], "7");
        assert!(found[1].2.starts_with("did you mean \"sceptic\"?"));
        assert!(found[2].2.starts_with("did you mean \"management\"?"));
    }

    #[test]
    fn toml_errors_keep_their_place() {
        let text = ONE.replace("owner", "owne");
        let found = problems(&text);
        assert_eq!(found[0].1, "unknown key `owne` in an action");
        assert_eq!(
            found[0].2,
            "did you mean `owner`? an action knows `action`, `owner`"
        );
        assert_eq!(&text[found[0].0..found[0].0 + 4], "owne");
        let found = problems(&ONE.replace("stance = \"supporter\"\n", ""));
        assert_eq!(found[0].1, "this stakeholder has no `stance`");
        let found = problems("[[stakeholder]\n");
        assert!(found[0].1.starts_with("invalid TOML"), "{found:?}");
        assert_eq!(
            problems("")[0].1,
            "this stakeholder map has no stakeholders"
        );
    }

    #[test]
    fn the_block_is_found_by_its_info_string() {
        let body = "Text\n\n```toml\nx = 1\n```\n\n```toml stakeholders\na = 1\nb = 2\n```\n";
        let events = crate::markdown::parse(body);
        let found = blocks(&events);
        assert_eq!(found.len(), 1);
        assert_eq!(&body[found[0].text.clone()], "a = 1\nb = 2\n");
        assert_eq!(&body[found[0].offset..found[0].offset + 3], "```");
    }
}
