//! The bundled toolkit's sources and figures: every source named in content/ is an entry of
//! the sources page, and every number in a checklist item or a training-planner default
//! (a number of days, weeks, hours or people, or a rhythm such as monthly) is either marked
//! *figure from the source*, with the source's entry stating that figure, or labelled
//! *toolkit default*. The Dutch pages keep the English pages' anchors and planner ids.

use std::collections::{BTreeMap, BTreeSet};

use crate::harness::repo_root;

/// The two languages: file suffix, the label of a number that is the toolkit's own choice,
/// and the mark of a number the cited source gives.
struct Lang {
    suffix: &'static str,
    default_label: &'static str,
    source_mark: &'static str,
}

const EN: Lang = Lang {
    suffix: ".md",
    default_label: "toolkit default",
    source_mark: "figure from the source",
};
const NL: Lang = Lang {
    suffix: ".nl.md",
    default_label: "standaard van de toolkit",
    source_mark: "getal uit de bron",
};

fn read(path: &str) -> String {
    std::fs::read_to_string(repo_root().join("content").join(path)).unwrap()
}

/// Words that state an amount of time or a count, in both languages, each mapped to one form
/// so that "days" in an item matches "day" in a source's entry. "one"/"een" are left out:
/// they are as often an article as a number.
fn figure_word(word: &str, dutch: bool) -> Option<&'static str> {
    Some(match word {
        // "ten minste" is Dutch for "at least".
        "ten" if dutch => return None,
        "two" | "twee" => "2",
        "three" | "drie" => "3",
        "four" | "vier" => "4",
        "five" | "vijf" => "5",
        "six" | "zes" => "6",
        "seven" | "zeven" => "7",
        "eight" | "acht" => "8",
        "nine" | "negen" => "9",
        "ten" | "tien" => "10",
        "twelve" | "twaalf" => "12",
        "twenty" | "twintig" => "20",
        "thirty" | "dertig" => "30",
        "anderhalf" | "anderhalve" => "1.5",
        "half" | "halve" => "half",
        "twice" | "tweemaal" => "twice",
        "daily" | "dagelijks" | "dagelijkse" => "daily",
        "weekly" | "wekelijks" | "wekelijkse" => "weekly",
        "fortnightly" | "tweewekelijks" | "tweewekelijkse" => "fortnightly",
        "monthly" | "maandelijks" | "maandelijkse" => "monthly",
        "quarterly" | "quarter" | "kwartaal" => "quarter",
        "yearly" | "annual" | "annually" | "jaarlijks" | "jaarlijkse" => "yearly",
        "halfjaarlijks" | "halfjaarlijkse" => "half-yearly",
        "day" | "days" | "dag" | "dagen" | "werkdag" => "day",
        "week" | "weeks" | "weken" => "week",
        "month" | "months" | "maand" | "maanden" => "month",
        "year" | "years" | "jaar" | "jaren" => "year",
        "hour" | "hours" | "uur" | "uren" => "hour",
        "minute" | "minutes" | "minuut" | "minuten" => "minute",
        _ => return None,
    })
}

/// Markdown without link targets (whose anchors hold years, such as `#duffy-2023`) and without
/// the names of standards (`NG206`, `NEN 7510`, `DCB0160`): an upper-case word followed by
/// digits is a name, not a figure.
fn plain(markdown: &str) -> String {
    let mut out = String::new();
    let mut rest = markdown;
    while let Some(at) = rest.find("](") {
        out.push_str(&rest[..at + 1]);
        rest = &rest[at + 2..];
        rest = rest.find(')').map_or("", |end| &rest[end + 1..]);
    }
    out.push_str(rest);
    let words: Vec<&str> = out.split(' ').collect();
    let mut kept = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let word = words[i];
        let letters: String = word
            .chars()
            .take_while(|c| c.is_ascii_uppercase())
            .collect();
        let acronym = letters.len() >= 2;
        if acronym && word[letters.len()..].starts_with(|c: char| c.is_ascii_digit()) {
            i += 1;
            continue;
        }
        let next_is_number = words
            .get(i + 1)
            .is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()));
        if acronym && letters.len() == word.len() && next_is_number {
            i += 2;
            continue;
        }
        kept.push(word);
        i += 1;
    }
    kept.join(" ")
}

/// The figures a text states: numbers (`14`, `1.5`, `1,5`) and the words of [`figure_word`].
pub(crate) fn figures(markdown: &str, dutch: bool) -> BTreeSet<String> {
    let text = plain(markdown).to_lowercase();
    let chars: Vec<char> = text.chars().collect();
    let mut found = BTreeSet::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() {
            let glued = i > 0 && chars[i - 1].is_alphanumeric();
            let start = i;
            while i < chars.len()
                && (chars[i].is_ascii_digit()
                    || ((chars[i] == '.' || chars[i] == ',')
                        && chars.get(i + 1).is_some_and(char::is_ascii_digit)))
            {
                i += 1;
            }
            let glued = glued || chars.get(i).is_some_and(|c| c.is_alphabetic());
            if !glued {
                let number: String = chars[start..i].iter().collect();
                found.insert(number.replace(',', "."));
            }
        } else if c.is_alphabetic() {
            let start = i;
            while i < chars.len() && chars[i].is_alphabetic() {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            if let Some(figure) = figure_word(&word, dutch) {
                found.insert(figure.to_string());
            }
        } else {
            i += 1;
        }
    }
    found
}

/// The anchors of the links to the sources page in a piece of Markdown.
fn source_anchors(markdown: &str) -> Vec<String> {
    markdown
        .match_indices("sources.md#")
        .map(|(at, m)| {
            markdown[at + m.len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect()
        })
        .collect()
}

/// The sources page: each entry's anchor, its heading title and its text up to the next
/// heading.
struct Sources {
    entries: BTreeMap<String, (String, String)>,
    dutch: bool,
}

impl Sources {
    fn read(lang: &Lang) -> Sources {
        let text = read(&format!("sources{}", lang.suffix));
        let mut entries = BTreeMap::new();
        let mut current: Option<(String, String, String)> = None;
        for line in text.lines() {
            if line.starts_with('#') {
                if let Some((id, title, body)) = current.take() {
                    entries.insert(id, (title, body));
                }
                if let Some((title, rest)) = line.trim_start_matches('#').rsplit_once("{#") {
                    let id = rest.trim_end_matches('}').to_string();
                    current = Some((id, title.trim().to_string(), String::new()));
                }
            } else if let Some((_, _, body)) = current.as_mut() {
                body.push_str(line);
                body.push('\n');
            }
        }
        if let Some((id, title, body)) = current {
            entries.insert(id, (title, body));
        }
        Sources {
            entries,
            dutch: lang.suffix == NL.suffix,
        }
    }

    /// The figures the entries behind these anchors state, together.
    fn figures_of(&self, anchors: &[String]) -> BTreeSet<String> {
        anchors
            .iter()
            .filter_map(|a| self.entries.get(a))
            .flat_map(|(_, body)| figures(body, self.dutch))
            .collect()
    }
}

fn content_pages(lang: &Lang) -> Vec<String> {
    let content = repo_root().join("content");
    let mut pages: Vec<String> = walkdir::WalkDir::new(&content)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(&content)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|p| p.ends_with(".md") && (p.ends_with(".nl.md") == (lang.suffix == ".nl.md")))
        .collect();
    pages.sort();
    pages
}

/// A checklist item: id, text, `source:` value and line.
struct Item {
    id: String,
    text: String,
    source: String,
    line: usize,
}

fn checklist_items(page: &str) -> Vec<Item> {
    let text = read(page);
    let lines: Vec<&str> = text.lines().collect();
    let mut items = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(rest) = line.strip_prefix("- [ ] ") else {
            continue;
        };
        let (text, id) = rest.rsplit_once("{#").unwrap_or((rest, ""));
        let source = lines
            .get(i + 1)
            .and_then(|l| {
                l.split(" | ")
                    .find_map(|p| p.trim().strip_prefix("source: "))
            })
            .unwrap_or("")
            .to_string();
        items.push(Item {
            id: id.trim_end_matches('}').to_string(),
            text: text.trim().to_string(),
            source,
            line: i + 1,
        });
    }
    items
}

fn checklist_pages(lang: &Lang) -> Vec<String> {
    content_pages(lang)
        .into_iter()
        .filter(|p| p.starts_with("checklists/") && !p.contains("_index"))
        .collect()
}

/// Why a claim with figures is not covered, or `None` when it is labelled as the toolkit's
/// own default or marked as the source's figure with the source's entry stating each figure.
fn uncovered(claim: &str, marks: &str, sources: &Sources, lang: &Lang) -> Option<String> {
    let stated = figures(claim, sources.dutch);
    if stated.is_empty() {
        return None;
    }
    let lower = format!("{claim} {marks}").to_lowercase();
    if lower.contains(lang.default_label) {
        return None;
    }
    if !lower.contains(lang.source_mark) {
        return Some(format!(
            "states {stated:?} but is neither labelled `{}` nor marked `{}`",
            lang.default_label, lang.source_mark
        ));
    }
    let anchors = source_anchors(marks);
    let given = sources.figures_of(&anchors);
    let missing: Vec<&String> = stated.iter().filter(|f| !given.contains(*f)).collect();
    if missing.is_empty() {
        None
    } else {
        Some(format!(
            "is marked `{}` but the entries {anchors:?} on the sources page do not state {missing:?}",
            lang.source_mark
        ))
    }
}

#[test]
fn every_source_named_in_the_content_is_an_entry_of_the_sources_page() {
    let mut problems = Vec::new();
    let english = Sources::read(&EN);
    let dutch = Sources::read(&NL);
    assert!(english.entries.len() >= 30, "{}", english.entries.len());
    let anchors = |s: &Sources| s.entries.keys().cloned().collect::<BTreeSet<_>>();
    assert_eq!(
        anchors(&english),
        anchors(&dutch),
        "the English and Dutch sources pages have different entries"
    );
    for (lang, sources) in [(&EN, &english), (&NL, &dutch)] {
        for page in content_pages(lang) {
            for anchor in source_anchors(&read(&page)) {
                if !sources.entries.contains_key(&anchor) {
                    problems.push(format!(
                        "{page}: link to sources.md#{anchor}, no such entry"
                    ));
                }
            }
        }
        for page in checklist_pages(lang) {
            for item in checklist_items(&page) {
                if source_anchors(&item.source).is_empty() {
                    problems.push(format!(
                        "{page}:{}: item {} has no `source:` linking to the sources page",
                        item.line, item.id
                    ));
                }
            }
        }
        let planner = format!("tools/training-planner{}", lang.suffix);
        let titles: Vec<&str> = sources.entries.values().map(|(t, _)| t.as_str()).collect();
        for (id, source, _) in planner_rules(&planner) {
            let names: Vec<&str> = source.split(';').map(str::trim).collect();
            for name in names {
                if name.eq_ignore_ascii_case(lang.default_label) {
                    continue;
                }
                if !titles.iter().any(|t| t.starts_with(name)) {
                    problems.push(format!(
                        "{planner}: `{id}` names source `{name}`, which is no entry of the sources page"
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

/// The events and reminders of the planner page: id, `source` and description.
fn planner_rules(page: &str) -> Vec<(String, String, String)> {
    let (block, _) = planner_block(page);
    let rules: toml::Table = toml::from_str(&block).unwrap();
    let mut out = Vec::new();
    for key in ["event", "reminder"] {
        for rule in rules[key].as_array().unwrap() {
            let get = |k: &str| {
                rule.get(k)
                    .and_then(|v| v.as_str())
                    .unwrap_or("")
                    .to_string()
            };
            out.push((get("id"), get("source"), get("description")));
        }
    }
    out
}

/// The planner block's text, and the comment lines just above `max_gap_days`.
fn planner_block(page: &str) -> (String, String) {
    let text = read(page);
    let start = text.find("```toml planner\n").unwrap() + "```toml planner\n".len();
    let block = &text[start..start + text[start..].find("```").unwrap()];
    let mut comment = Vec::new();
    for line in block.lines() {
        if line.starts_with("max_gap_days") {
            break;
        }
        if line.starts_with('#') {
            comment.push(line);
        } else {
            comment.clear();
        }
    }
    (block.to_string(), comment.join("\n"))
}

#[test]
fn every_number_in_a_checklist_item_is_from_its_source_or_labelled_toolkit_default() {
    let mut problems = Vec::new();
    for lang in [&EN, &NL] {
        let sources = Sources::read(lang);
        let mut checked = 0;
        for page in checklist_pages(lang) {
            for item in checklist_items(&page) {
                if !figures(&item.text, sources.dutch).is_empty() {
                    checked += 1;
                }
                if let Some(why) = uncovered(&item.text, &item.source, &sources, lang) {
                    problems.push(format!("{page}:{}: item {} {why}", item.line, item.id));
                }
            }
        }
        assert!(
            checked >= 20,
            "only {checked} items with a number were checked"
        );
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn every_planner_default_is_from_its_source_or_labelled_toolkit_default() {
    let mut problems = Vec::new();
    for lang in [&EN, &NL] {
        let page = format!("tools/training-planner{}", lang.suffix);
        let sources = Sources::read(lang);
        // Every event and reminder is placed by a number of days.
        let rules = planner_rules(&page);
        assert!(rules.len() >= 10, "{page}: {} rules", rules.len());
        for (id, source, _) in rules {
            if !source.to_lowercase().contains(lang.default_label) {
                problems.push(format!(
                    "{page}: the timing of `{id}` is the toolkit's own, but its source `{source}` does not say `{}`",
                    lang.default_label
                ));
            }
        }
        let (_, comment) = planner_block(&page);
        if !comment.to_lowercase().contains(lang.default_label) {
            problems.push(format!(
                "{page}: the comment above max_gap_days does not say `{}`",
                lang.default_label
            ));
        }
        // The table that says what each default rests on: the default's figures are labelled,
        // or marked as the source's with the linked entries stating them.
        let text = read(&page);
        let section = &text[text.find("{#evidence").unwrap()..];
        let section = &section[..section[1..].find("\n## ").map_or(section.len(), |e| e + 1)];
        let rows: Vec<Vec<&str>> = section
            .lines()
            .filter(|l| l.starts_with('|') && !l.starts_with("|---"))
            .skip(1)
            .map(|l| l.trim_matches('|').split(" | ").map(str::trim).collect())
            .collect();
        assert!(
            rows.len() >= 10,
            "{page}: {} rows in the evidence table",
            rows.len()
        );
        for row in rows {
            let [default, rests_on, status] = row[..] else {
                panic!(
                    "{page}: a row of the evidence table has {} cells",
                    row.len()
                );
            };
            // The label or mark counts only in the status column; the links are in the
            // column before it.
            let links = rests_on
                .replace(lang.source_mark, "")
                .replace(lang.default_label, "");
            if let Some(why) = uncovered(default, &format!("{status} {links}"), &sources, lang) {
                problems.push(format!("{page}: the default `{default}` {why}"));
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_figure_check_catches_an_unlabelled_number_and_a_false_source_mark() {
    let sources = Sources::read(&EN);
    let duffy = "[Duffy et al. 2023](../sources.md#duffy-2023)";
    assert!(uncovered("Meet every six months.", duffy, &sources, &EN).is_some());
    assert!(
        uncovered(
            "Meet (toolkit default: every six months).",
            duffy,
            &sources,
            &EN
        )
        .is_none()
    );
    let marked = format!("{duffy} (figure from the source)");
    assert!(uncovered("Send a monthly summary.", &marked, &sources, &EN).is_none());
    let wrong = uncovered("Send a weekly summary.", &marked, &sources, &EN).unwrap();
    assert!(wrong.contains("\"weekly\""), "{wrong}");
    assert!(uncovered("Check NICE NG206 and NEN 7510.", duffy, &sources, &EN).is_none());
    assert!(
        uncovered("Review the 1,5 dag training.", "", &Sources::read(&NL), &NL).is_some(),
        "a Dutch decimal is a figure"
    );
}

#[test]
fn dutch_pages_keep_the_anchors_and_planner_ids_of_the_english_pages() {
    let anchors = |page: &str| -> BTreeSet<String> {
        let text = read(page);
        text.match_indices("{#")
            .map(|(at, _)| {
                text[at + 2..]
                    .chars()
                    .take_while(|c| *c != '}')
                    .collect::<String>()
            })
            .collect()
    };
    let mut problems = Vec::new();
    for page in content_pages(&EN) {
        let dutch = page.replace(".md", ".nl.md");
        let (en, nl) = (anchors(&page), anchors(&dutch));
        if en != nl {
            let only_en: Vec<_> = en.difference(&nl).collect();
            let only_nl: Vec<_> = nl.difference(&en).collect();
            problems.push(format!(
                "{page}: only English {only_en:?}, only Dutch {only_nl:?}"
            ));
        }
    }
    let ids = |page: &str| -> Vec<String> {
        planner_rules(page)
            .into_iter()
            .map(|(id, _, _)| id)
            .collect()
    };
    assert_eq!(
        ids("tools/training-planner.md"),
        ids("tools/training-planner.nl.md")
    );
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn every_construct_of_the_dutch_checklists_has_a_dutch_name_in_site_toml() {
    let config = toolkit::config::Config::from_file(
        &repo_root().join("site.toml"),
        std::path::Path::new("site.toml"),
        &["stakeholders"],
    )
    .unwrap();
    let mut missing = BTreeSet::new();
    for page in checklist_pages(&NL) {
        for line in read(&page).lines() {
            let Some(construct) = line
                .split(" | ")
                .find_map(|p| p.trim().strip_prefix("construct: "))
            else {
                continue;
            };
            let dutch = config
                .constructs()
                .resolve(construct)
                .and_then(|c| match &c.name {
                    toolkit::config::LocalizedText::PerLanguage(names) => names.get("nl"),
                    toolkit::config::LocalizedText::Same(_) => None,
                });
            if dutch.is_none() {
                missing.insert(construct.trim().to_string());
            }
        }
    }
    assert!(
        missing.is_empty(),
        "no construct with a Dutch name in site.toml for {missing:?}"
    );
}
