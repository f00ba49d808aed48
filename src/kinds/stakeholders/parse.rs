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
use serde::Deserialize;
use toml::Spanned;

use super::{GROUPS, STANCES};

/// The info string of the block that holds the map's data.
pub const INFO: &str = "toml stakeholders";

/// The keys of one stakeholder, for hints.
const KEYS: &str = "name, group, influence, interest, stance, domain, actions";

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

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMap {
    #[serde(default)]
    stakeholder: Vec<Spanned<RawStakeholder>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStakeholder {
    name: Spanned<String>,
    group: Spanned<String>,
    influence: Spanned<i64>,
    interest: Spanned<i64>,
    stance: Spanned<String>,
    domain: Spanned<String>,
    actions: Spanned<Vec<Spanned<RawAction>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAction {
    action: Spanned<String>,
    owner: Spanned<String>,
}

/// Parses the TOML of a block that starts at byte `base` of the body. `domains` are the slugs
/// of the site's domains.
pub fn parse(text: &str, base: usize, domains: &[&str]) -> Result<Vec<Parsed>, Vec<Problem>> {
    let raw: RawMap = toml::from_str(text).map_err(|e| {
        let offset = base + e.span().map(|s| s.start).unwrap_or(0);
        let d = crate::toml_errors::toml_error(&e, text, KEYS);
        vec![Problem {
            offset,
            message: d.message,
            hint: d.hint.unwrap_or_else(|| {
                "write each stakeholder as a [[stakeholder]] table of TOML".to_string()
            }),
        }]
    })?;
    let mut problems = Vec::new();
    let mut problem = |span: Range<usize>, message: String, hint: String| {
        problems.push(Problem {
            offset: base + span.start,
            message,
            hint,
        });
    };
    let mut list = Vec::new();
    for spanned in &raw.stakeholder {
        let s = spanned.get_ref();
        let name = s.name.get_ref().trim();
        if name.is_empty() {
            problem(
                s.name.span(),
                "a stakeholder's `name` is empty".into(),
                "name the person, role or organisation, e.g. \"Team manager\"".into(),
            );
        } else if list.iter().any(|p: &Parsed| p.name == name) {
            problem(
                s.name.span(),
                format!("the stakeholder `{name}` is on the map twice"),
                "give each stakeholder its own name, or merge the two".into(),
            );
        }
        let mut score = |value: &Spanned<i64>, what: &str, about: &str| -> u8 {
            let v = *value.get_ref();
            if (1..=5).contains(&v) {
                v as u8
            } else {
                problem(
                    value.span(),
                    format!("{what} {v} is out of range"),
                    format!("score {what} from 1 (low) to 5 (high): {about}"),
                );
                1
            }
        };
        let influence = score(
            &s.influence,
            "influence",
            "how much they can help or block the change",
        );
        let interest = score(
            &s.interest,
            "interest",
            "how much the change affects them or matters to them",
        );
        let stance = s.stance.get_ref();
        if !STANCES.contains(&stance.as_str()) {
            problem(
                s.stance.span(),
                format!("unknown stance `{stance}`"),
                one_of(stance, STANCES, "the stances are"),
            );
        }
        let group = s.group.get_ref();
        if !GROUPS.contains(&group.as_str()) {
            problem(
                s.group.span(),
                format!("unknown group `{group}`"),
                one_of(group, GROUPS, "the groups are"),
            );
        }
        let domain = s.domain.get_ref();
        if !domains.contains(&domain.as_str()) {
            let hint = if domains.is_empty() {
                "site.toml defines no domains yet; add [[domains]] entries with slug and name"
                    .to_string()
            } else {
                one_of(domain, domains, "the domains in site.toml are")
            };
            problem(s.domain.span(), format!("unknown domain `{domain}`"), hint);
        }
        if s.actions.get_ref().is_empty() {
            problem(
                s.actions.span(),
                format!("`{name}` has no actions"),
                "add at least one: actions = [{ action = \"…\", owner = \"…\" }]".into(),
            );
        }
        let mut actions = Vec::new();
        for a in s.actions.get_ref() {
            let a = a.get_ref();
            for (field, what) in [(&a.action, "action"), (&a.owner, "owner")] {
                if field.get_ref().trim().is_empty() {
                    problem(
                        field.span(),
                        format!("an action's `{what}` is empty"),
                        "an action needs what is to be done and who does it".into(),
                    );
                }
            }
            actions.push((
                a.action.get_ref().trim().to_string(),
                a.owner.get_ref().trim().to_string(),
            ));
        }
        list.push(Parsed {
            name: name.to_string(),
            group: group.clone(),
            influence,
            interest,
            stance: stance.clone(),
            domain: domain.clone(),
            actions,
        });
    }
    if raw.stakeholder.is_empty() {
        problem(
            0..0,
            "this stakeholder map has no stakeholders".into(),
            "add a [[stakeholder]] table with name, group, influence, interest, stance, domain and actions".into(),
        );
    }
    if problems.is_empty() {
        Ok(list)
    } else {
        Err(problems)
    }
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
        assert_eq!(found[0].1, "unknown key `owne`");
        assert!(found[0].2.starts_with("did you mean `owner`?"), "{found:?}");
        assert_eq!(&text[found[0].0..found[0].0 + 4], "owne");
        let found = problems(&ONE.replace("stance = \"supporter\"\n", ""));
        assert_eq!(found[0].1, "`stance` is missing");
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
