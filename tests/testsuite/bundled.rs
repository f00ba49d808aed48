//! The bundled toolkit in the repository's own site.toml and content/: it checks clean, every
//! page exists in English and Dutch, and its checklists cover every theme of the study it is
//! built on (van der Vaart et al. 2019, Tables 1–5) through the items' `theme:` tags.

use std::collections::{BTreeMap, BTreeSet};

use crate::harness::repo_root;

#[test]
fn bundled_toolkit_checks_clean() {
    let run = crate::harness::run_in(&repo_root(), &["check"]);
    run.success();
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
}

fn content_files() -> Vec<String> {
    let content = repo_root().join("content");
    walkdir::WalkDir::new(&content)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| {
            e.path()
                .strip_prefix(&content)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

#[test]
fn every_page_exists_in_english_and_dutch() {
    let files: BTreeSet<String> = content_files().into_iter().collect();
    let english: BTreeSet<&str> = files
        .iter()
        .filter(|f| !f.ends_with(".nl.md"))
        .map(|f| f.trim_end_matches(".md"))
        .collect();
    let dutch: BTreeSet<&str> = files
        .iter()
        .filter_map(|f| f.strip_suffix(".nl.md"))
        .collect();
    let only_english: Vec<_> = english.difference(&dutch).collect();
    let only_dutch: Vec<_> = dutch.difference(&english).collect();
    assert!(
        only_english.is_empty(),
        "pages without a Dutch version: {only_english:?}"
    );
    assert!(
        only_dutch.is_empty(),
        "Dutch pages without an English version: {only_dutch:?}"
    );
    assert!(
        english.len() >= 20,
        "the toolkit has only {} pages",
        english.len()
    );
}

/// A checklist item as written: `- [ ] text {#id}` and its attribute line.
#[derive(Debug)]
struct Item {
    id: String,
    attributes: BTreeMap<String, String>,
}

fn checklist_items(file: &str) -> Vec<Item> {
    let text = std::fs::read_to_string(repo_root().join("content").join(file)).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let mut items = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(rest) = line.strip_prefix("- [ ] ") else {
            continue;
        };
        let id = rest
            .rsplit_once("{#")
            .map(|(_, id)| id.trim_end().trim_end_matches('}').to_string())
            .unwrap_or_default();
        let attributes = lines
            .get(i + 1)
            .map(|l| {
                l.split(" | ")
                    .filter_map(|pair| pair.trim().split_once(": "))
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect()
            })
            .unwrap_or_default();
        items.push(Item { id, attributes });
    }
    items
}

const DOMAINS: [&str; 5] = [
    "intervention",
    "individuals",
    "inner-setting",
    "outer-setting",
    "process",
];

#[test]
fn checklists_cover_every_theme_of_the_study() {
    #[derive(serde::Deserialize)]
    struct Themes {
        theme: Vec<Theme>,
    }
    #[derive(serde::Deserialize)]
    struct Theme {
        id: String,
        domain: String,
        name: String,
    }
    let themes: Themes = toml::from_str(
        &std::fs::read_to_string(repo_root().join("tests/data/study-themes.toml")).unwrap(),
    )
    .unwrap();
    assert!(
        themes.theme.len() >= 30,
        "the theme list has only {} themes",
        themes.theme.len()
    );
    let known: BTreeSet<&str> = themes.theme.iter().map(|t| t.id.as_str()).collect();
    let mut covered = BTreeSet::new();
    for domain in DOMAINS {
        for file in [
            format!("checklists/{domain}.md"),
            format!("checklists/{domain}.nl.md"),
        ] {
            let items = checklist_items(&file);
            assert!(items.len() >= 10, "{file} has only {} items", items.len());
            for item in &items {
                assert!(!item.id.is_empty(), "{file}: an item has no {{#id}}");
                for key in ["role", "phase", "construct", "source"] {
                    assert!(
                        item.attributes.contains_key(key),
                        "{file}: item {} has no {key}",
                        item.id
                    );
                }
                assert!(
                    ["prepare", "train", "launch", "sustain"]
                        .contains(&item.attributes["phase"].as_str()),
                    "{file}: {}",
                    item.id
                );
                if let Some(list) = item.attributes.get("theme") {
                    for theme in list.split(',').map(str::trim) {
                        assert!(
                            known.contains(theme),
                            "{file}: item {} names unknown theme {theme}",
                            item.id
                        );
                        covered.insert(theme.to_string());
                    }
                }
            }
        }
    }
    let missing: Vec<String> = themes
        .theme
        .iter()
        .filter(|t| !covered.contains(&t.id))
        .map(|t| format!("{} ({}: {})", t.id, t.domain, t.name))
        .collect();
    assert!(
        missing.is_empty(),
        "themes no checklist item covers: {missing:#?}"
    );
}

#[test]
fn dutch_checklists_have_the_same_items_as_english() {
    for domain in DOMAINS {
        let ids = |file: String| {
            checklist_items(&file)
                .into_iter()
                .map(|i| (i.id.clone(), i.attributes.get("theme").cloned()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            ids(format!("checklists/{domain}.md")),
            ids(format!("checklists/{domain}.nl.md")),
            "{domain}"
        );
    }
}

/// Each of the five domain checklists, in both languages, is published as a checklist page, a
/// PDF form and a CSV with a row per item; and the bundle holds them all, one domain after the
/// other. (That each PDF holds every item in order is tested in tests/browser/bundled.rs.)
#[test]
fn every_bundled_checklist_has_its_page_pdf_and_csv() {
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("site");
    crate::harness::run_in(
        &repo_root(),
        &["build", "--quiet", "--output", output.to_str().unwrap()],
    )
    .success();
    // Dutch spreadsheets separate fields with semicolons.
    for (lang_prefix, separator) in [("", b','), ("nl/", b';')] {
        let mut bundle_ids = Vec::new();
        for domain in [
            "intervention",
            "individuals",
            "inner-setting",
            "outer-setting",
            "process",
        ] {
            let dir = output.join(format!("{lang_prefix}checklists/{domain}"));
            let html = std::fs::read_to_string(dir.join("index.html")).unwrap();
            assert!(
                html.contains("class=\"page page-checklist checklist\""),
                "{domain}"
            );
            let csv = std::fs::read_to_string(dir.join(format!("{domain}.csv"))).unwrap();
            let rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
                .delimiter(separator)
                .from_reader(csv.as_bytes())
                .records()
                .map(|r| r.unwrap().iter().map(str::to_string).collect())
                .collect();
            assert_eq!(
                rows.len(),
                html.matches("class=\"checklist-item\"").count(),
                "{lang_prefix}{domain}: CSV rows and checkboxes differ"
            );
            assert!(
                dir.join(format!("{domain}.pdf")).is_file(),
                "{lang_prefix}{domain}.pdf"
            );
            bundle_ids.extend(rows.iter().map(|r| r[2].clone()));
        }
        let all =
            std::fs::read_to_string(output.join(format!("{lang_prefix}checklists.csv"))).unwrap();
        let all_ids: Vec<String> = csv::ReaderBuilder::new()
            .delimiter(separator)
            .from_reader(all.as_bytes())
            .records()
            .map(|r| r.unwrap()[2].to_string())
            .collect();
        assert_eq!(all_ids, bundle_ids, "{lang_prefix}checklists.csv");
        assert!(
            output
                .join(format!("{lang_prefix}checklists.pdf"))
                .is_file()
        );
        let print =
            std::fs::read_to_string(output.join(format!("{lang_prefix}print/index.html"))).unwrap();
        assert_eq!(
            print.matches("class=\"checklist-item\"").count(),
            bundle_ids.len()
        );
    }
}
