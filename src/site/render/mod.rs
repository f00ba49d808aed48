//! Rendering, as a list of stages: Markdown for every page (`markdown`), link checks that need
//! every page (`checks`), what templates see (`context`), page templates (`pages`), the kinds'
//! downloads (`downloads`), and static and host files (`host`). `serve` runs the same stage
//! functions on the pages it rebuilds.

mod checks;
mod context;
mod downloads;
mod host;
mod markdown;
mod pages;

pub use crate::output::FileContent;
pub(in crate::site) use checks::{check_anchor, check_site_path};
pub use context::table_to_json;
pub(in crate::site) use context::{SharedContext, made_up_context, nav_more};
pub(in crate::site) use downloads::{Download, add_downloads, downloads, kind_files};
pub(in crate::site) use host::{add_host_files, static_files};
pub(in crate::site) use markdown::{PageResult, keep_markdown, render_markdown};
pub(in crate::site) use pages::{add_site_pages, page_files, render_pages};

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use tera::Value;

use super::Site;
use super::kind_pages::KindPages;
use super::nav::Tree;
use super::published::Origin;
use crate::diagnostics::Diagnostics;

pub fn render(
    site: &mut Site,
    diagnostics: &mut Diagnostics,
) -> Option<BTreeMap<String, FileContent>> {
    let mut stages = crate::timings::Stages::start();
    // 1. Markdown, in parallel.
    let words: HashMap<String, BTreeMap<String, String>> = site
        .config
        .languages
        .iter()
        .map(|l| {
            (
                l.clone(),
                site.strings.for_language(l, &site.config.default_language),
            )
        })
        .collect();
    let all: Vec<usize> = (0..site.pages.len()).collect();
    let mut checks = Vec::new();
    for (i, found) in markdown_stage(site, &all, |lang| &words[lang], diagnostics) {
        checks.extend(found.into_iter().map(|c| (i, c)));
    }

    stages.lap("markdown");
    // 2. Anchors (now that every page's ids are known).
    for (from, check) in &checks {
        check_anchor(site, *from, check, diagnostics);
    }
    // Kept for the links from the site's base (step 8), and for serve, which checks them all
    // again after rebuilding single pages.
    site.checks = checks;

    stages.lap("anchors");
    // 3. Templates, in parallel.
    let tree = Tree::new(site);
    let kind_pages = KindPages::new(site);
    let shared = SharedContext::new(site, &tree, &kind_pages);
    stages.lap("navigation tree");
    // Pages, downloads and search indexes at once, so that no long job holds up a core.
    let site: &Site = site;
    let ((rendered, made), search_indexes) = rayon::join(
        || {
            rayon::join(
                || render_pages(site, &tree, &shared, &all),
                || downloads(site, &kind_pages, &shared),
            )
        },
        || {
            site.config
                .languages
                .par_iter()
                .map(|lang| (lang, super::search::index(site, lang)))
                .collect::<Vec<_>>()
        },
    );
    // Theme and copied files come first, so that whatever lands on their paths later is
    // reported as a clash, naming both.
    let mut files = static_files(site, diagnostics);
    for (name, content, index) in page_files(site, rendered, diagnostics) {
        let url = site.url_path(&site.pages[index].url);
        let origin = Origin::Page(site.pages[index].shown.clone());
        files.add(name, content, origin, &url, diagnostics);
    }

    // 3a. The old addresses of pages.
    super::aliases::add_alias_pages(site, &mut files, diagnostics);

    stages.lap("templates, downloads, search");
    // 3b. The pages kinds make from all their pages of a language (a print page).
    add_site_pages(site, &kind_pages, &shared, &mut files, diagnostics);

    stages.lap("print pages");
    // 5. What a host needs.
    add_host_files(site, &shared, &mut files, diagnostics);

    stages.lap("static and host files");
    // 6. The downloads: of single pages, and of all pages of a kind.
    add_downloads(site, made, &mut files, diagnostics);

    // 7. The search index of each language.
    for (lang, index) in search_indexes {
        let name = format!(
            "{}search-index.json",
            crate::content::paths::url_path("", lang, &site.config.default_language)
        );
        let url = site.url_path(&name);
        let origin = Origin::Made("the search index".into());
        files.add(name, FileContent::Bytes(index), origin, &url, diagnostics);
    }
    stages.lap("the rest");
    // 8. Links written from the site's base: the output must have them.
    for (from, check) in &site.checks {
        check_site_path(site, *from, check, |name| files.contains(name), diagnostics);
    }

    if diagnostics.has_errors() {
        None
    } else {
        Some(files.into_files())
    }
}

/// The Markdown stage for the pages `scope` (in parallel): each page's HTML, headings and
/// anchors are kept in it, its problems reported; returns the links of each page to check once
/// every page is known. `serve` runs it on the pages it rebuilds.
pub(in crate::site) fn markdown_stage<'w>(
    site: &mut Site,
    scope: &[usize],
    words: impl Fn(&str) -> &'w BTreeMap<String, String> + Sync,
    diagnostics: &mut Diagnostics,
) -> Vec<(usize, Vec<super::links::Check>)> {
    let results: Vec<Option<PageResult>> = {
        let site: &Site = site;
        scope
            .par_iter()
            .map(|&i| render_markdown(site, i, words(&site.pages[i].lang)))
            .collect()
    };
    scope
        .iter()
        .zip(results)
        .map(|(&i, result)| (i, keep_markdown(site, i, result, diagnostics)))
        .collect()
}
