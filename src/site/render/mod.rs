//! Rendering, as one list of stages ([`run`]): Markdown (`markdown`), link checks that need
//! every page (`checks`), what templates see (`context`), page templates (`pages`), the kinds'
//! downloads (`downloads`), and static and host files (`host`). A build runs it on every page;
//! `serve` runs the same list on the pages it rebuilds ([`Scope`]), skipping only what is made
//! from several pages, which stays as it was while no page's public view changes.

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
pub(in crate::site) use downloads::{add_downloads, downloads, kind_files};
pub(in crate::site) use host::{add_host_files, static_files};
pub(in crate::site) use markdown::{PageResult, keep_markdown, render_markdown};
pub(in crate::site) use pages::{add_site_pages, page_files, render_pages};

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use tera::Value;

use super::kind_pages::KindPages;
use super::links::Check;
use super::nav::Tree;
use super::published::{Origin, Published};
use super::{Page, Site};
use crate::diagnostics::Diagnostics;

/// What a run renders: every page and everything made from several pages (a build), or some
/// pages after an edit (`serve`), against what the last full build made.
pub(in crate::site) enum Scope<'a> {
    All,
    Pages(Rebuild<'a>),
}

/// What a run of some pages needs from the last full build.
pub(in crate::site) struct Rebuild<'a> {
    /// The pages to render, in page order.
    pub pages: &'a [usize],
    /// The same pages as they were before the edit, with their indices.
    pub before: &'a [(usize, Page)],
    /// What the last full build made of the whole site.
    pub kept: &'a Kept,
    /// The links of every page, from the last full build or the last rebuild of the page.
    pub checks: &'a [Vec<Check>],
    /// Whether the site's output has a file of that name.
    pub exists: &'a (dyn Fn(&str) -> bool + Sync),
}

/// What a full build made of the whole site that a run of some pages uses again: the
/// navigation tree, what every template sees, and the links of every page.
pub(in crate::site) struct Kept {
    pub tree: Tree,
    pub shared: SharedContext,
    pub checks: Vec<(usize, Check)>,
}

impl Kept {
    /// The navigation tree and what every template sees of `site`; the links come later.
    pub(in crate::site) fn new(site: &Site) -> Kept {
        let tree = Tree::new(site);
        let shared = SharedContext::new(site, &tree, &KindPages::new(site));
        Kept {
            tree,
            shared,
            checks: Vec::new(),
        }
    }
}

/// How a run ended.
pub(in crate::site) enum Outcome {
    /// The files made (errors, if any, are in the diagnostics), and the links of the pages
    /// rendered, by page.
    Made {
        files: Published,
        checks: Vec<(usize, Vec<Check>)>,
        /// What a full build made of the whole site.
        kept: Option<Box<Kept>>,
    },
    /// A run of some pages found that what other pages show of them changed, so it stopped:
    /// why, in words. Nothing of the site was kept but the pages' new Markdown.
    NeedsAll(String),
}

/// A full build's run. What it made of the whole site is kept in `site.kept`.
pub fn render(
    site: &mut Site,
    diagnostics: &mut Diagnostics,
) -> Option<BTreeMap<String, FileContent>> {
    let Outcome::Made { files, kept, .. } = run(site, &Scope::All, diagnostics) else {
        return None;
    };
    site.kept = kept.map(|kept| *kept);
    (!diagnostics.has_errors()).then(|| files.into_files())
}

/// The stages, in order, for every page (`build`) or for some (`serve`); see [`Scope`].
pub(in crate::site) fn run(
    site: &mut Site,
    scope: &Scope<'_>,
    diagnostics: &mut Diagnostics,
) -> Outcome {
    let mut stages = crate::timings::Stages::start();
    let pages: Vec<usize> = match scope {
        Scope::All => (0..site.pages.len()).collect(),
        Scope::Pages(rebuild) => rebuild.pages.to_vec(),
    };
    // 1. Markdown, in parallel.
    let words: HashMap<String, BTreeMap<String, String>> = site
        .config
        .languages
        .iter()
        .map(|l| (l.clone(), site.words(l)))
        .collect();
    let found = markdown_stage(site, &pages, |lang| &words[lang], diagnostics);
    stages.lap("markdown");
    // What other pages show of pages rendered alone must be as it was, as they are not
    // rendered again.
    if let Scope::Pages(rebuild) = scope
        && let Some((_, old)) = rebuild
            .before
            .iter()
            .find(|(i, old)| old.public() != site.pages[*i].public())
    {
        return Outcome::NeedsAll(format!(
            "what other pages show of {} changed",
            old.shown.display()
        ));
    }

    // 2. Anchors of every page (now that every page's ids are known).
    let checks: Vec<(usize, Check)> = match scope {
        Scope::All => found
            .iter()
            .flat_map(|(i, checks)| checks.iter().map(|c| (*i, c.clone())))
            .collect(),
        Scope::Pages(rebuild) => {
            let new: HashMap<usize, &Vec<Check>> = found.iter().map(|(i, c)| (*i, c)).collect();
            (0..rebuild.checks.len())
                .flat_map(|i| {
                    let checks = new.get(&i).copied().unwrap_or(&rebuild.checks[i]);
                    checks.iter().map(move |c| (i, c.clone()))
                })
                .collect()
        }
    };
    for (from, check) in &checks {
        check_anchor(site, *from, check, diagnostics);
    }

    stages.lap("anchors");
    // 3. Templates, in parallel.
    let site: &Site = site;
    let kind_pages = KindPages::new(site);
    let mut own = None;
    let kept: &Kept = match scope {
        Scope::All => own.insert(Kept::new(site)),
        Scope::Pages(rebuild) => rebuild.kept,
    };
    let (tree, shared) = (&kept.tree, &kept.shared);
    if matches!(scope, Scope::All) && !diagnostics.has_errors() {
        // 2a. What kinds check between pages (a checklist's strategies against the library),
        // once every page has loaded: a page left out for its errors would make others wrong.
        super::kind_pages::problems(site, &kind_pages, shared, diagnostics);
    }
    stages.lap("navigation tree");
    // Pages, downloads and search indexes at once, so that no long job holds up a core. A run
    // of some pages makes only their files: the search indexes are made again when asked for.
    let all = matches!(scope, Scope::All);
    let ((rendered, made), search_indexes) = rayon::join(
        || {
            rayon::join(
                || render_pages(site, tree, shared, &pages),
                || downloads(site, &kind_pages, shared, &pages, all),
            )
        },
        || {
            site.config
                .languages
                .par_iter()
                .filter(|_| all)
                .map(|lang| (lang, super::search::index(site, lang)))
                .collect::<Vec<_>>()
        },
    );
    // Theme and copied files come first, so that whatever lands on their paths later is
    // reported as a clash, naming both.
    let mut files = if all {
        static_files(site, diagnostics)
    } else {
        Published::default()
    };
    for (name, content, index) in page_files(site, rendered, diagnostics) {
        let url = site.url_path(&site.pages[index].url);
        let origin = Origin::Page(site.pages[index].shown.clone());
        files.add(name, content, origin, &url, diagnostics);
    }

    // 3a. The old addresses of pages.
    super::aliases::add_alias_pages(site, &mut files, diagnostics);

    stages.lap("templates, downloads, search");
    if all {
        // 3b. The pages kinds make from all their pages of a language (a print page).
        add_site_pages(site, &kind_pages, shared, &mut files, diagnostics);
        stages.lap("print pages");
        // 4. What a host needs.
        add_host_files(site, shared, &mut files, diagnostics);
        stages.lap("static and host files");
    }
    // 5. The downloads: of single pages, and of all pages of a kind. Other pages link to the
    // files beside a page rendered alone: their names must stay.
    if let Scope::Pages(rebuild) = scope {
        let before: Vec<String> = rebuild
            .before
            .iter()
            .flat_map(|(_, old)| kind_files(site, shared, old))
            .map(|download| download.0)
            .collect();
        let after: Vec<&String> = made.iter().map(|download| &download.0).collect();
        if before.iter().ne(after) {
            return Outcome::NeedsAll("the files a page publishes beside it changed".into());
        }
    }
    add_downloads(site, made, &mut files, diagnostics);

    // 6. The search index of each language.
    for (lang, index) in search_indexes {
        let name = search_index_path(site, lang);
        let url = site.url_path(&name);
        let origin = Origin::Made("the search index".into());
        files.add(name, FileContent::Bytes(index), origin, &url, diagnostics);
    }
    stages.lap("the rest");
    // 7. Links written from the site's base: the output must have them.
    let exists = |name: &str| {
        files.contains(name)
            || match scope {
                Scope::All => false,
                Scope::Pages(rebuild) => (rebuild.exists)(name),
            }
    };
    for (from, check) in &checks {
        check_site_path(site, *from, check, exists, diagnostics);
    }
    let kept = own.map(|own| Box::new(Kept { checks, ..own }));
    Outcome::Made {
        files,
        checks: found,
        kept,
    }
}

/// Where the search index of `lang` is published: `nl/search-index.json`.
pub(in crate::site) fn search_index_path(site: &Site, lang: &str) -> String {
    format!(
        "{}search-index.json",
        crate::content::paths::url_path("", lang, &site.config.default_language)
    )
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
