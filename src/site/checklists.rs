//! The site's checklists taken together: the list templates see as `checklists` (for the
//! dashboard), and what is made from them at build time: each checklist's CSV and Markdown
//! source, and per language one bundle of every checklist (a print page, a CSV and a PDF).
//! The PDF forms themselves are drawn by [`crate::pdf`].

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Page, Site};
use crate::content::paths::url_path;
use crate::kinds::checklist::{ChecklistData, downloads, item_html};

pub use downloads::csv;

/// One checklist page and what its kind made of it.
pub struct Entry {
    pub index: usize,
    pub data: ChecklistData,
}

/// Where a language's bundle is published, relative to the site's base.
pub struct BundlePaths {
    pub print: String,
    pub pdf: String,
    pub csv: String,
}

impl BundlePaths {
    pub fn new(site: &Site, lang: &str) -> BundlePaths {
        let root = url_path("", lang, &site.config.default_language);
        BundlePaths {
            print: format!("{root}print/"),
            pdf: format!("{root}checklists.pdf"),
            csv: format!("{root}checklists.csv"),
        }
    }
}

/// The checklists of every language, in the order of the domains in site.toml, then in page
/// order.
pub fn collect(site: &Site) -> BTreeMap<String, Vec<Entry>> {
    let mut by_lang: BTreeMap<String, Vec<Entry>> = BTreeMap::new();
    for (index, page) in site.pages.iter().enumerate() {
        if let Some(data) = page_data(page) {
            by_lang
                .entry(page.lang.clone())
                .or_default()
                .push(Entry { index, data });
        }
    }
    let domain_rank = |slug: &str| {
        site.config
            .domains
            .iter()
            .position(|d| d.slug == slug)
            .unwrap_or(usize::MAX)
    };
    for entries in by_lang.values_mut() {
        entries.sort_by_cached_key(|e| {
            (
                domain_rank(&e.data.domain.slug),
                site.pages[e.index].order(),
            )
        });
    }
    by_lang
}

fn page_data(page: &Page) -> Option<ChecklistData> {
    if page.kind.name() != "checklist" || page.source.is_none() {
        return None;
    }
    ChecklistData::from_value(&page.data)
}

#[derive(Serialize)]
struct ListEntry<'a> {
    key: &'a str,
    title: &'a str,
    url: String,
    description: Option<&'a str>,
    domain: &'a crate::kinds::checklist::DomainData,
    total: usize,
    /// Item ids, for counting saved ticks that still belong to an item.
    items: Vec<&'a str>,
    downloads: Downloads,
}

#[derive(Serialize)]
struct Downloads {
    pdf: String,
    csv: String,
    md: String,
}

/// `checklists` for templates: every checklist of one language.
pub fn list_value(site: &Site, entries: &[Entry]) -> serde_json::Value {
    let list: Vec<ListEntry> = entries
        .iter()
        .map(|e| {
            let page = &site.pages[e.index];
            let url = site.url_path(&page.url);
            ListEntry {
                key: &page.key,
                title: &page.title,
                description: page.front.description.as_deref(),
                domain: &e.data.domain,
                total: e.data.total,
                items: e.data.items().map(|i| i.id.as_str()).collect(),
                downloads: Downloads {
                    pdf: format!("{url}{}", e.data.files.pdf),
                    csv: format!("{url}{}", e.data.files.csv),
                    md: format!("{url}{}", e.data.files.md),
                },
                url,
            }
        })
        .collect();
    serde_json::to_value(list).unwrap_or_default()
}

/// `bundle` for templates: where the language's bundle is, or null without checklists.
pub fn bundle_value(site: &Site, lang: &str, entries: &[Entry]) -> serde_json::Value {
    if entries.is_empty() {
        return serde_json::Value::Null;
    }
    let paths = BundlePaths::new(site, lang);
    serde_json::json!({
        "print": site.url_path(&paths.print),
        "pdf": site.url_path(&paths.pdf),
        "csv": site.url_path(&paths.csv),
    })
}

/// The checklists of the print page, with each item's HTML (ids prefixed per checklist so
/// that they stay unique on the page).
pub fn print_value(
    site: &Site,
    entries: &[Entry],
    words: &BTreeMap<String, String>,
) -> serde_json::Value {
    let checklists: Vec<serde_json::Value> = entries
        .iter()
        .enumerate()
        .map(|(n, e)| {
            let page = &site.pages[e.index];
            let prefix = format!("c{}-", n + 1);
            let mut ignored_checks = Vec::new();
            let mut ignored_problems = Vec::new();
            let mut resolve = |link: crate::markdown::LinkSite<'_>| {
                site.resolve_link(e.index, link, &mut ignored_checks, &mut ignored_problems)
            };
            let groups: Vec<serde_json::Value> = e
                .data
                .groups
                .iter()
                .map(|g| {
                    let items: Vec<String> = g
                        .items
                        .iter()
                        .map(|item| {
                            format!("{}</li>", item_html(item, &prefix, words, &mut resolve))
                        })
                        .collect();
                    serde_json::json!({ "title": g.title, "items": items })
                })
                .collect();
            serde_json::json!({
                "id": format!("c{}", n + 1),
                "key": page.key,
                "title": page.title,
                "url": site.url_path(&page.url),
                "description": page.front.description,
                "domain": e.data.domain,
                "total": e.data.total,
                "groups": groups,
            })
        })
        .collect();
    serde_json::Value::Array(checklists)
}

/// The PDF form of a language's checklists, all in one file.
pub fn pdf(
    site: &Site,
    lang: &str,
    title: &str,
    entries: &[&Entry],
    words: &BTreeMap<String, String>,
) -> Result<Vec<u8>, crate::pdf::PdfError> {
    let checklists = entries
        .iter()
        .map(|e| {
            let page = &site.pages[e.index];
            downloads::pdf_checklist(
                &e.data,
                &page.title,
                page.front.description.as_deref(),
                words,
            )
        })
        .collect();
    let site_name = site.config.title.get(lang, &site.config.default_language);
    site.pdf_cache.render(&downloads::pdf_document(
        site_name,
        title,
        lang,
        &site.build_date,
        checklists,
        words,
    ))
}

/// The words `checklist.js` shows, as JSON for a `<script type="application/json">`.
pub fn script_words(words: &BTreeMap<String, String>) -> String {
    let picked: BTreeMap<&str, &str> = words
        .iter()
        .filter_map(|(k, v)| k.strip_prefix("js_").map(|k| (k, v.as_str())))
        .collect();
    crate::escape::script_json(&picked)
}
