//! What the checklist kind makes from all checklists of a language: the list templates see as
//! `checklists` (for the dashboard) with `bundle` (where the bundle is), `strategy_items` (the
//! items that carry each strategy, for the strategy library) and `script_words` (the
//! words of `checklist.js`), and the bundle itself: a print page of every checklist, a CSV and
//! a PDF form and an Excel workbook. The PDF forms themselves are drawn by [`crate::pdf`].

use std::collections::BTreeMap;

use serde::Serialize;

use super::{ChecklistData, DomainData, downloads, item_html};
use crate::kinds::{KindPage, SiteFile, SiteInput, SitePage};

/// One checklist page and what its kind made of it.
struct Entry<'a> {
    page: &'a KindPage<'a>,
    data: ChecklistData,
}

/// Where a language's bundle is published, relative to the site's base.
struct BundlePaths {
    print: String,
    pdf: String,
    csv: String,
    xlsx: String,
}

impl BundlePaths {
    fn new(input: &SiteInput<'_>) -> BundlePaths {
        let root = input.lang_root;
        BundlePaths {
            print: format!("{root}print/"),
            pdf: format!("{root}checklists.pdf"),
            csv: format!("{root}checklists.csv"),
            xlsx: format!("{root}checklists.xlsx"),
        }
    }
}

/// The checklists of the language, in the order of the domains in site.toml, then in page
/// order.
fn entries<'a>(input: &'a SiteInput<'a>) -> Vec<Entry<'a>> {
    let mut entries: Vec<Entry> = input
        .pages
        .iter()
        .filter_map(|page| {
            Some(Entry {
                page,
                data: ChecklistData::from_value(page.data)?,
            })
        })
        .collect();
    let domain_rank = |slug: &str| {
        input
            .config
            .domains
            .iter()
            .position(|d| d.slug == slug)
            .unwrap_or(usize::MAX)
    };
    // Stable: pages of one domain keep the site's page order.
    entries.sort_by_cached_key(|e| domain_rank(&e.data.domain.slug));
    entries
}

#[derive(Serialize)]
struct ListEntry<'a> {
    key: &'a str,
    title: &'a str,
    url: String,
    description: Option<&'a str>,
    domain: &'a DomainData,
    total: usize,
    /// Item ids, for counting saved ticks that still belong to an item.
    items: Vec<&'a str>,
    /// The items with what the action plan shows of them, to pick from.
    item_list: Vec<ItemSummary<'a>>,
    downloads: Downloads,
}

#[derive(Serialize)]
struct ItemSummary<'a> {
    id: &'a str,
    text: &'a str,
    role: Option<&'a str>,
    phase: Option<&'a str>,
    construct: Option<&'a str>,
    /// The construct's id, when the site lists constructs (the plan's barrier).
    construct_id: Option<&'a str>,
    /// The ids of the strategies the item carries, separated by commas.
    strategies: String,
}

#[derive(Serialize)]
struct Downloads {
    pdf: String,
    csv: String,
    md: String,
    docx: String,
    xlsx: String,
}

/// `checklists`, `bundle` and `script_words` for every template of the language.
pub fn context(input: &SiteInput<'_>) -> Vec<(&'static str, serde_json::Value)> {
    let entries = entries(input);
    let list: Vec<ListEntry> = entries
        .iter()
        .map(|e| {
            let url = e.page.url.clone();
            ListEntry {
                key: e.page.key,
                title: e.page.title,
                description: e.page.description,
                domain: &e.data.domain,
                total: e.data.total,
                items: e.data.items().map(|i| i.id.as_str()).collect(),
                item_list: e
                    .data
                    .items()
                    .map(|i| ItemSummary {
                        id: &i.id,
                        text: &i.text.plain,
                        role: i.role.as_deref(),
                        phase: i.phase.as_deref(),
                        construct: i.construct.as_deref(),
                        construct_id: i.construct_id.as_deref(),
                        strategies: i
                            .strategies
                            .iter()
                            .map(|s| s.id.as_str())
                            .collect::<Vec<_>>()
                            .join(","),
                    })
                    .collect(),
                downloads: Downloads {
                    pdf: format!("{url}{}", e.data.files.pdf),
                    csv: format!("{url}{}", e.data.files.csv),
                    md: format!("{url}{}", e.data.files.md),
                    docx: format!("{url}{}", e.data.files.docx),
                    xlsx: format!("{url}{}", e.data.files.xlsx),
                },
                url,
            }
        })
        .collect();
    let bundle = if entries.is_empty() {
        serde_json::Value::Null
    } else {
        let paths = BundlePaths::new(input);
        serde_json::json!({
            "print": input.url_path(&paths.print),
            "pdf": input.url_path(&paths.pdf),
            "csv": input.url_path(&paths.csv),
            "xlsx": input.url_path(&paths.xlsx),
        })
    };
    vec![
        ("strategy_items", strategy_items(&entries)),
        ("checklists", serde_json::to_value(list).unwrap_or_default()),
        ("bundle", bundle),
        ("script_words", script_words(input.words).into()),
    ]
}

/// The items of the language's checklists that carry each strategy, by strategy id: their
/// text, the link to the item and the checklist's title (the strategy library lists them).
fn strategy_items(entries: &[Entry<'_>]) -> serde_json::Value {
    let mut by_strategy: BTreeMap<&str, Vec<serde_json::Value>> = BTreeMap::new();
    for e in entries {
        for item in e.data.items() {
            for strategy in &item.strategies {
                by_strategy
                    .entry(&strategy.id)
                    .or_default()
                    .push(serde_json::json!({
                        "text": item.text.plain,
                        "url": format!("{}#{}", e.page.url, item.id),
                        "checklist": e.page.title,
                    }));
            }
        }
    }
    serde_json::to_value(by_strategy).unwrap_or_default()
}

/// The print page of every checklist of the language, when it has any.
pub fn pages(input: &SiteInput<'_>) -> Vec<SitePage> {
    let entries = entries(input);
    if entries.is_empty() {
        return Vec::new();
    }
    let title = input
        .words
        .get("print_all_title")
        .map(String::as_str)
        .unwrap_or("All checklists");
    vec![SitePage {
        path: BundlePaths::new(input).print,
        title: title.to_string(),
        template: "print.html",
        key: "print",
        what: "the print page of all checklists".into(),
        values: vec![("print_checklists", print_value(input, &entries))],
    }]
}

/// The checklists of the print page, with each item's HTML (ids prefixed per checklist so
/// that they stay unique on the page).
fn print_value(input: &SiteInput<'_>, entries: &[Entry<'_>]) -> serde_json::Value {
    let checklists: Vec<serde_json::Value> = entries
        .iter()
        .enumerate()
        .map(|(n, e)| {
            let prefix = format!("c{}-", n + 1);
            let mut resolve =
                |link: crate::markdown::LinkSite<'_>| (input.resolve)(e.page.index, link);
            let groups: Vec<serde_json::Value> = e
                .data
                .groups
                .iter()
                .map(|g| {
                    let items: Vec<String> = g
                        .items
                        .iter()
                        .map(|item| {
                            format!(
                                "{}</li>",
                                item_html(item, &prefix, input.words, &mut resolve)
                            )
                        })
                        .collect();
                    serde_json::json!({ "title": g.title, "items": items })
                })
                .collect();
            serde_json::json!({
                "id": format!("c{}", n + 1),
                "key": e.page.key,
                "title": e.page.title,
                "url": e.page.url,
                "description": e.page.description,
                "domain": e.data.domain,
                "total": e.data.total,
                "groups": groups,
            })
        })
        .collect();
    serde_json::Value::Array(checklists)
}

/// The bundle's PDF form and CSV of every checklist of the language, when it has any.
pub fn files(input: &SiteInput<'_>) -> Vec<SiteFile> {
    let entries = entries(input);
    if entries.is_empty() {
        return Vec::new();
    }
    let paths = BundlePaths::new(input);
    let what = format!("the checklists in {}", input.language_name);
    let title = input
        .words
        .get("print_all_title")
        .cloned()
        .unwrap_or_default();
    let checklists = entries
        .iter()
        .map(|e| downloads::pdf_checklist(&e.data, e.page.title, e.page.description, input.words))
        .collect();
    let pdf = input.pdf.render(&downloads::pdf_document(
        input.site_title,
        &title,
        input.lang,
        input.build_date,
        checklists,
        input.words,
    ));
    let csv = downloads::csv(entries.iter().map(|e| &e.data), input.words, input.lang);
    let datas: Vec<&ChecklistData> = entries.iter().map(|e| &e.data).collect();
    let xlsx = super::office::xlsx(
        &datas,
        &super::office::Made {
            title: &title,
            site_title: input.site_title,
            lang: input.lang,
            build_date: input.build_date,
            words: input.words,
        },
    );
    vec![
        SiteFile {
            path: paths.pdf,
            bytes: pdf.map_err(|e| e.to_string()),
            what: what.clone(),
        },
        SiteFile {
            path: paths.csv,
            bytes: csv.map_err(|e| e.to_string()),
            what: what.clone(),
        },
        SiteFile {
            path: paths.xlsx,
            bytes: xlsx,
            what,
        },
    ]
}

/// The words `checklist.js` shows, as JSON for a `<script type="application/json">`: the `js_`
/// words without their prefix, and the action plan's words about the plan in a progress file.
fn script_words(words: &BTreeMap<String, String>) -> String {
    let picked: BTreeMap<&str, &str> = words
        .iter()
        .filter_map(|(k, v)| {
            k.strip_prefix("js_")
                .or_else(|| {
                    k.strip_prefix("action_plan_progress_")
                        .and(Some(k.as_str()))
                })
                .map(|k| (k, v.as_str()))
        })
        .collect();
    crate::escape::script_json(&picked)
}
