//! The bundled template pack in content/templates/: every template exists in English and Dutch,
//! says where it comes from with links to the studies on the sources page (the same entries in
//! both languages), lists the parts a clinic must fill in (`[[placeholder]]`) in its "What to
//! adapt" table exactly as the text uses them, and shows those placeholders as written on the
//! published page. The section is reachable from the tools overview and the navigation.

use std::collections::BTreeSet;

use crate::harness::repo_root;

/// The templates of the pack, by file name without `.md`.
const TEMPLATES: &[&str] = &[
    "action-plan",
    "board-proposal",
    "patient-leaflet",
    "referrer-leaflet",
    "referral-letter",
    "intake-script",
    "admin-faq",
    "dpia-checklist",
];

/// The three studies the toolkit rests on; every template names at least one of them.
const STUDIES: [&str; 3] = ["van-der-vaart-2019", "duffy-2023", "simon-2021"];

const LANGUAGES: [&str; 2] = [".md", ".nl.md"];

fn read(page: &str) -> String {
    let path = repo_root().join("content/templates").join(page);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The text of the `##` section whose heading ends in `{#id}`, up to the next `##` heading.
fn section<'a>(text: &'a str, id: &str) -> Option<&'a str> {
    let marker = format!("{{#{id}}}");
    let start = text
        .lines()
        .find(|l| l.starts_with("## ") && l.trim_end().ends_with(&marker))?;
    let at = text.find(start)? + start.len();
    let rest = &text[at..];
    Some(rest.find("\n## ").map_or(rest, |end| &rest[..end]))
}

/// Every `[[placeholder]]` in a text.
fn placeholders(text: &str) -> BTreeSet<String> {
    text.match_indices("[[")
        .filter_map(|(at, _)| {
            let rest = &text[at..];
            rest.find("]]").map(|end| rest[..end + 2].to_string())
        })
        .collect()
}

/// The placeholders listed in the first column of the "What to adapt" table, in order.
fn listed_placeholders(adapt: &str) -> Vec<String> {
    adapt
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split_once('`').map(|(p, _)| p.to_string()))
        .collect()
}

/// The anchors of the links to the sources page in a text.
fn source_anchors(text: &str) -> BTreeSet<String> {
    text.match_indices("sources.md#")
        .map(|(at, m)| {
            text[at + m.len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect()
        })
        .collect()
}

#[test]
fn every_template_exists_in_both_languages_and_names_its_sources() {
    let mut problems = Vec::new();
    for &template in TEMPLATES {
        let mut cited = Vec::new();
        for suffix in LANGUAGES {
            let page = format!("{template}{suffix}");
            let text = read(&page);
            let Some(sources) = section(&text, "sources") else {
                problems.push(format!("{page}: no section {{#sources}}"));
                continue;
            };
            let anchors = source_anchors(sources);
            if !STUDIES.iter().any(|s| anchors.contains(*s)) {
                problems.push(format!(
                    "{page}: the {{#sources}} section links to none of the studies {STUDIES:?}"
                ));
            }
            cited.push(anchors);
        }
        if let [english, dutch] = &cited[..]
            && english != dutch
        {
            problems.push(format!(
                "{template}: English cites {english:?}, Dutch cites {dutch:?}"
            ));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn every_template_lists_the_placeholders_its_text_uses() {
    let mut problems = Vec::new();
    for &template in TEMPLATES {
        let mut counts = Vec::new();
        for suffix in LANGUAGES {
            let page = format!("{template}{suffix}");
            let text = read(&page);
            let Some(adapt) = section(&text, "adapt") else {
                problems.push(format!("{page}: no section {{#adapt}}"));
                continue;
            };
            let listed = listed_placeholders(adapt);
            let listed_set: BTreeSet<String> = listed.iter().cloned().collect();
            if listed_set.len() != listed.len() {
                problems.push(format!("{page}: a placeholder is listed twice: {listed:?}"));
            }
            let used = placeholders(&text.replace(adapt, ""));
            if used.is_empty() {
                problems.push(format!("{page}: no placeholder to fill in"));
            }
            let unlisted: Vec<_> = used.difference(&listed_set).collect();
            let unused: Vec<_> = listed_set.difference(&used).collect();
            if !unlisted.is_empty() || !unused.is_empty() {
                problems.push(format!(
                    "{page}: used but not in the adapt table {unlisted:?}; listed but not used {unused:?}"
                ));
            }
            counts.push(listed_set.len());
        }
        if let [english, dutch] = counts[..]
            && english != dutch
        {
            problems.push(format!(
                "{template}: {english} placeholders in English, {dutch} in Dutch"
            ));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_pack_is_listed_and_linked_from_the_tools_and_the_navigation() {
    for suffix in LANGUAGES {
        let index = read(&format!("_index{suffix}"));
        for &template in TEMPLATES {
            assert!(
                index.contains(&format!("]({template}.md)")),
                "_index{suffix} does not link to {template}.md"
            );
        }
        let tools =
            std::fs::read_to_string(repo_root().join(format!("content/tools/_index{suffix}")))
                .unwrap();
        assert!(
            tools.contains("](../templates/_index.md)"),
            "tools/_index{suffix} does not link to the templates"
        );
    }
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("site");
    crate::harness::run_in(
        &repo_root(),
        &["build", "--quiet", "--output", output.to_str().unwrap()],
    )
    .success();
    for (prefix, suffix) in [("", ".md"), ("nl/", ".nl.md")] {
        let home = std::fs::read_to_string(output.join(format!("{prefix}index.html"))).unwrap();
        let nav = &home[home.find("class=\"site-nav\"").unwrap()..];
        let nav = &nav[..nav.find("</nav>").unwrap()];
        assert!(
            nav.contains(&format!("href=\"/toolkit/{prefix}templates/\"")),
            "{prefix}: the navigation has no link to the templates: {nav}"
        );
        for &template in TEMPLATES {
            let html = std::fs::read_to_string(
                output.join(format!("{prefix}templates/{template}/index.html")),
            )
            .unwrap();
            for placeholder in placeholders(&read(&format!("{template}{suffix}"))) {
                assert!(
                    html.contains(&placeholder),
                    "{prefix}templates/{template}: {placeholder} is not shown as written"
                );
            }
        }
    }
}

#[test]
fn the_placeholder_reader_finds_what_a_clinic_must_fill_in() {
    let text = "## What to adapt {#adapt}\n\n| `[[clinic name]]` | The clinic |\n| `[[date]]` | When |\n\n## The template {#template}\n\n[[clinic name]] starts on [[date]]; see [the plan](plan.md).\n";
    let adapt = section(text, "adapt").unwrap();
    assert_eq!(listed_placeholders(adapt), ["[[clinic name]]", "[[date]]"]);
    let used = placeholders(&text.replace(adapt, ""));
    assert_eq!(
        used.into_iter().collect::<Vec<_>>(),
        ["[[clinic name]]", "[[date]]"]
    );
    assert!(section(text, "sources").is_none());
    assert_eq!(
        source_anchors("[a](../sources.md#duffy-2023) and [b](../sources.md#simon-2021)."),
        BTreeSet::from(["duffy-2023".to_string(), "simon-2021".to_string()])
    );
}

/// What a line of a template states as a figure: numbers, number words and rhythms such as
/// "monthly" (as the sources check reads them), leaving out what is a name or a contact rather
/// than an amount: list numbers, placeholders, table numbers of the study, the crisis lines'
/// phone numbers, the reading level B1, and bare units ("every week").
fn stated_figures(line: &str, dutch: bool) -> BTreeSet<String> {
    // The number of an ordered list item is its place, not a figure.
    let unnumbered = line
        .trim_start()
        .trim_start_matches(|c: char| c.is_ascii_digit());
    let mut text = match unnumbered.strip_prefix(". ") {
        Some(rest) if unnumbered.len() < line.trim_start().len() => rest.to_string(),
        _ => line.to_string(),
    };
    for placeholder in placeholders(line) {
        text = text.replace(&placeholder, " ");
    }
    for name in [
        "0800-0113",
        "113.nl",
        "116 123",
        "113",
        "112",
        "999",
        "111",
        "B1",
    ] {
        text = text.replace(name, " ");
    }
    let words: Vec<&str> = text.split(' ').collect();
    let mut kept = Vec::new();
    let mut skip_next = false;
    for word in &words {
        if skip_next {
            skip_next = false;
            continue;
        }
        let lower = word
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        // "Table 2", "tabel 2", "article 36", "artikel 36": a reference, not an amount.
        if ["table", "tabel", "tables", "tabellen", "article", "artikel"].contains(&lower.as_str())
        {
            skip_next = true;
            continue;
        }
        kept.push(*word);
    }
    crate::content_sources::figures(&kept.join(" "), dutch)
        .into_iter()
        .filter(|f| !["day", "week", "month", "year", "hour", "minute"].contains(&f.as_str()))
        .collect()
}

#[test]
fn every_figure_in_a_template_names_its_source_or_is_labelled_a_toolkit_default() {
    let mut problems = Vec::new();
    let mut checked = 0;
    for &template in TEMPLATES {
        for (suffix, dutch, default_label, source_mark) in [
            (".md", false, "toolkit default", "figure from the source"),
            (
                ".nl.md",
                true,
                "standaard van de toolkit",
                "getal uit de bron",
            ),
        ] {
            let page = format!("{template}{suffix}");
            let text = read(&page);
            let body = &text[text[3..].find("+++").unwrap() + 6..];
            // A table's label belongs in the cell that states the figure; elsewhere in the
            // paragraph or list item.
            let parts = body.lines().flat_map(|line| {
                if line.starts_with('|') {
                    line.trim_matches('|').split(" | ").collect::<Vec<_>>()
                } else {
                    vec![line]
                }
            });
            for line in parts {
                let stated = stated_figures(line, dutch);
                if stated.is_empty() {
                    continue;
                }
                checked += 1;
                let lower = line.to_lowercase();
                let named = lower.contains("sources.md#")
                    || lower.contains(default_label)
                    || lower.contains(source_mark);
                if !named {
                    problems.push(format!(
                        "{page}: a passage states {stated:?} but neither links to its source nor says `{default_label}` or `{source_mark}`: {line}"
                    ));
                }
            }
        }
    }
    assert!(
        checked >= 10,
        "only {checked} passages with a figure were checked"
    );
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_figure_reader_skips_names_and_list_numbers_but_not_amounts() {
    assert!(stated_figures("1. [[barrier]]", false).is_empty());
    assert!(
        stated_figures(
            "Call 113 or 0800-0113, or 112 (*Comorbidity*, Table 2).",
            false
        )
        .is_empty()
    );
    assert!(stated_figures("Reply every week.", false).is_empty());
    let six = stated_figures("Meet every six months.", false);
    assert_eq!(six.into_iter().collect::<Vec<_>>(), ["6"]);
    let weekly = stated_figures("2. A weekly call of 30 minutes.", false);
    assert_eq!(weekly.into_iter().collect::<Vec<_>>(), ["30", "weekly"]);
    assert_eq!(
        stated_figures("Elke twee weken (tabel 5).", true)
            .into_iter()
            .collect::<Vec<_>>(),
        ["2"]
    );
}
