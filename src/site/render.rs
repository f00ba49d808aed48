//! Rendering: Markdown for every page (in parallel), link and anchor checks, then templates
//! (in parallel), static files, and the files a host needs (404, sitemap, robots, CNAME).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

use super::kind_pages::KindPages;
use super::links::{Check, LinkProblem};
use super::nav::{Link, Translation, Tree};
use super::published::{Origin, Published};
use super::{Page, Site};
use crate::diagnostics::{Diagnostic, Diagnostics, LineIndex};
use crate::markdown::{self, Rendered, TocEntry};

/// The bytes of one output file, or where to copy them from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileContent {
    Bytes(Vec<u8>),
    Builtin(&'static [u8]),
    Copy(PathBuf),
}

impl FileContent {
    /// The bytes, reading a file to be copied.
    pub fn read(&self) -> std::io::Result<std::borrow::Cow<'_, [u8]>> {
        Ok(match self {
            FileContent::Bytes(b) => std::borrow::Cow::Borrowed(b),
            FileContent::Builtin(b) => std::borrow::Cow::Borrowed(b),
            FileContent::Copy(path) => std::borrow::Cow::Owned(std::fs::read(path)?),
        })
    }
}

pub(super) struct PageResult {
    rendered: Rendered,
    anchors: HashSet<String>,
    checks: Vec<Check>,
    problems: Vec<LinkProblem>,
}

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
    let results: Vec<Option<PageResult>> = (0..site.pages.len())
        .into_par_iter()
        .map(|i| render_markdown(site, i, &words[&site.pages[i].lang]))
        .collect();
    let mut checks = Vec::new();
    for (i, result) in results.into_iter().enumerate() {
        let found = keep_markdown(site, i, result, diagnostics);
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
    let all: Vec<usize> = (0..site.pages.len()).collect();
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

    stages.lap("templates, downloads, search");
    // 3b. The pages kinds make from all their pages of a language (a print page).
    for lang in &site.config.languages {
        let words = shared.words(lang);
        let made = kind_pages.each(
            site,
            lang,
            words,
            &shared.language_names[lang.as_str()],
            |kind, input| kind.site_pages(input),
        );
        for made_up in made.into_iter().flatten() {
            let mut context = shared.context(lang);
            context.insert(
                "page",
                &made_up_page(site, &made_up.title, &made_up.path, lang, made_up.key),
            );
            context.insert("breadcrumbs", &Vec::<Link>::new());
            context.insert("previous", &None::<Link>);
            context.insert("next", &None::<Link>);
            context.insert("section", &None::<Link>);
            for (name, value) in made_up.values {
                context.insert_value(name, Value::from_serializable(&value));
            }
            match site.templates.render(made_up.template, &context) {
                Ok(html) => files.add(
                    output_path(&made_up.path),
                    FileContent::Bytes(html.into_bytes()),
                    Origin::Made(made_up.what),
                    &site.url_path(&made_up.path),
                    diagnostics,
                ),
                Err(d) => diagnostics.push(d),
            }
        }
    }

    stages.lap("print pages");
    // 5. What a host needs.
    let mut host_files: Vec<(&str, Vec<u8>, &str)> = Vec::new();
    let default = &site.config.default_language;
    let mut context = shared.context(default);
    context.insert(
        "page",
        &made_up_page(
            site,
            shared
                .words(default)
                .get("not_found_title")
                .map(String::as_str)
                .unwrap_or(""),
            "404.html",
            default,
            "404",
        ),
    );
    context.insert("breadcrumbs", &Vec::<Link>::new());
    context.insert("previous", &None::<Link>);
    context.insert("next", &None::<Link>);
    context.insert("section", &None::<Link>);
    match site.templates.render("404.html", &context) {
        Ok(html) => host_files.push(("404.html", html.into_bytes(), "the 404 page")),
        Err(d) => diagnostics.push(d),
    }
    host_files.push(("sitemap.xml", sitemap(site).into_bytes(), "the sitemap"));
    let robots = format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n",
        site.config.base_url
    );
    host_files.push((
        "robots.txt",
        robots.into_bytes(),
        "the robots.txt toolkit writes",
    ));
    host_files.push((".nojekyll", Vec::new(), "the .nojekyll file toolkit writes"));
    if let Some(cname) = &site.config.cname {
        let cname = format!("{cname}\n").into_bytes();
        host_files.push((
            "CNAME",
            cname,
            "the CNAME file made from `cname` in site.toml",
        ));
    }
    for (name, bytes, what) in host_files {
        let url = site.url_path(name);
        let origin = Origin::Made(what.to_string());
        files.add(
            name.into(),
            FileContent::Bytes(bytes),
            origin,
            &url,
            diagnostics,
        );
    }

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

/// Keeps what Markdown made of page `index` (its HTML, headings, anchors and title), reports
/// the page's problems, and returns the links to check once every page is rendered.
pub(super) fn keep_markdown(
    site: &mut Site,
    index: usize,
    result: Option<PageResult>,
    diagnostics: &mut Diagnostics,
) -> Vec<Check> {
    let mut checks = Vec::new();
    let page = &mut site.pages[index];
    let taken_title = match result {
        Some(result) => {
            let lines = std::cell::LazyCell::new(|| LineIndex::new(&page.text));
            for (offset, message, hint) in result.problems {
                let mut d = Diagnostic::error(message).at(
                    page.shown.clone(),
                    lines.position(&page.text, page.body_offset + offset),
                );
                if !hint.is_empty() {
                    d = d.with_hint(hint);
                }
                diagnostics.push(d);
            }
            for (id, offset) in &result.rendered.duplicate_ids {
                diagnostics.push(
                    Diagnostic::error(format!("the heading id `{id}` is used twice in this page"))
                        .at(
                            page.shown.clone(),
                            lines.position(&page.text, page.body_offset + offset),
                        )
                        .with_hint("give each heading its own {#id}"),
                );
            }
            checks = result.checks;
            page.anchors = result.anchors;
            page.headings = result.rendered.headings;
            page.html = result.rendered.html;
            page.plain = result.rendered.plain;
            result.rendered.title
        }
        None => None,
    };
    page.title = page.front.title.clone().or(taken_title).unwrap_or_else(|| {
        crate::content::paths::humanise(page.key.rsplit('/').next().unwrap_or(""))
    });
    if page.title.is_empty() {
        page.title = site
            .config
            .title
            .get(&page.lang, &site.config.default_language)
            .to_string();
    }
    checks
}

/// Reports a link of page `from` to an anchor its target does not have.
pub(super) fn check_anchor(site: &Site, from: usize, check: &Check, diagnostics: &mut Diagnostics) {
    let Check::Anchor {
        target,
        fragment,
        offset,
        written,
    } = check
    else {
        return;
    };
    let target_page = &site.pages[*target];
    if target_page.anchors.contains(fragment) {
        return;
    }
    let page = &site.pages[from];
    let where_ = if *target == from {
        "this page".to_string()
    } else {
        target_page.shown.display().to_string()
    };
    diagnostics.push(
        Diagnostic::error(format!(
            "the link `{written}` points to `#{fragment}`, which {where_} does not have"
        ))
        .at(page.shown.clone(), position(page, *offset))
        .with_hint(anchor_hint(fragment, &target_page.anchors)),
    );
}

/// Reports a link of page `from` written from the site's base (`/files/a.pdf`) to a file the
/// output does not have; `exists` says whether an output path is in the output.
pub(super) fn check_site_path(
    site: &Site,
    from: usize,
    check: &Check,
    exists: impl Fn(&str) -> bool,
    diagnostics: &mut Diagnostics,
) {
    let Check::SitePath {
        path,
        offset,
        written,
    } = check
    else {
        return;
    };
    let relative = path.trim_start_matches('/');
    let found = exists(relative)
        || exists(&format!(
            "{}index.html",
            if relative.is_empty() || relative.ends_with('/') {
                relative.to_string()
            } else {
                format!("{relative}/")
            }
        ));
    if !found {
        let page = &site.pages[from];
        diagnostics.push(
            Diagnostic::error(format!("the link `{written}` points to {}, which the site does not have", site.url_path(relative)))
                .at(page.shown.clone(), position(page, *offset))
                .with_hint("links starting with / are read from the site's base; link to pages by their .md file instead"),
        );
    }
}

/// The templates of `pages`, rendered in parallel.
pub(super) fn render_pages(
    site: &Site,
    tree: &Tree,
    shared: &SharedContext,
    pages: &[usize],
) -> Vec<(usize, Result<String, Diagnostic>)> {
    pages
        .par_iter()
        .map(|&i| (i, render_page(site, tree, shared, i)))
        .collect()
}

/// Rendered pages under their output paths. A template error is reported once, for the first
/// page it stops.
pub(super) fn page_files(
    site: &Site,
    rendered: Vec<(usize, Result<String, Diagnostic>)>,
    diagnostics: &mut Diagnostics,
) -> Vec<(String, FileContent, usize)> {
    let mut files = Vec::with_capacity(rendered.len());
    let mut template_errors: HashSet<String> = HashSet::new();
    for (i, result) in rendered {
        match result {
            Ok(html) => {
                files.push((
                    output_path(&site.pages[i].url),
                    FileContent::Bytes(html.into_bytes()),
                    i,
                ));
            }
            Err(d) => {
                // The same template error would be reported for every page: report it once.
                let text = d.to_string();
                if template_errors.insert(text) {
                    let page = &site.pages[i];
                    diagnostics
                        .push(d.with_hint(format!("while rendering {}", page.shown.display())));
                }
            }
        }
    }
    files
}

/// Adds downloads to the output files, reporting those that could not be made and those that
/// would replace another file.
pub(super) fn add_downloads(
    site: &Site,
    made: Vec<Download>,
    files: &mut Published,
    diagnostics: &mut Diagnostics,
) {
    for (name, made, what) in made {
        match made {
            Ok(content) => {
                let url = site.url_path(&name);
                let origin = Origin::Made(format!("the download toolkit makes for {what}"));
                files.add(name, content, origin, &url, diagnostics);
            }
            Err(message) => diagnostics.push(
                Diagnostic::error(format!("could not make {name} for {what}: {message}"))
                    .in_file(site.shown(&PathBuf::from("content"))),
            ),
        }
    }
}

/// A file made at build time: its output name, its bytes (or why they could not be made),
/// and what it is for, for messages.
pub(super) type Download = (String, Result<FileContent, String>, String);

/// The files kinds publish beside single pages, and those they make from all their pages of a
/// language (a bundle of every checklist).
fn downloads(site: &Site, kind_pages: &KindPages<'_>, shared: &SharedContext) -> Vec<Download> {
    // The languages' files (a bundle's PDF is the biggest single job) beside the files of
    // single pages.
    let (mut made, from_pages) = rayon::join(
        || {
            site.config
                .languages
                .par_iter()
                .flat_map_iter(|lang| {
                    let words = shared.words(lang);
                    let name = &shared.language_names[lang.as_str()];
                    kind_pages
                        .each(site, lang, words, name, |kind, input| {
                            kind.site_files(input)
                        })
                        .into_iter()
                        .flatten()
                        .map(|file| (file.path, file.bytes.map(FileContent::Bytes), file.what))
                })
                .collect::<Vec<Download>>()
        },
        || {
            site.pages
                .par_iter()
                .flat_map_iter(|page| kind_files(site, shared, page))
                .collect::<Vec<Download>>()
        },
    );
    made.extend(from_pages);
    made
}

/// The files a page's kind publishes beside it (none for a made-up section page).
pub(super) fn kind_files(site: &Site, shared: &SharedContext, page: &Page) -> Vec<Download> {
    if page.source.is_none() {
        return Vec::new();
    }
    let default = &site.config.default_language;
    let permalink = format!("{}{}", site.config.base_url, page.url);
    let input = crate::kinds::FilesInput {
        data: &page.data,
        words: shared.words(&page.lang),
        lang: &page.lang,
        title: &page.title,
        description: page.front.description.as_deref(),
        site_title: site.config.title.get(&page.lang, default),
        permalink: &permalink,
        build_date: &site.build_date,
        source: &page.text,
        pdf: &site.pdf_cache,
    };
    let what = page.shown.display().to_string();
    match page.kind.files(&input) {
        Ok(files) => files
            .into_iter()
            .map(|(name, bytes)| {
                (
                    format!("{}{name}", page.url),
                    Ok(FileContent::Bytes(bytes)),
                    what.clone(),
                )
            })
            .collect(),
        Err(message) => vec![(page.url.clone(), Err(message), what)],
    }
}

/// The `page` of a page toolkit makes up (404, the print page of all checklists).
fn made_up_page(site: &Site, title: &str, url: &str, lang: &str, key: &str) -> serde_json::Value {
    serde_json::json!({
        "title": title, "description": null, "content": "",
        "url": site.url_path(url),
        "permalink": (key != "404").then(|| format!("{}{url}", site.config.base_url)),
        "lang": lang, "key": key, "kind": key, "is_section": false, "weight": null,
        "source": null, "toc": [], "translations": [], "extra": {}, "data": null,
    })
}

fn position(page: &Page, offset: usize) -> crate::diagnostics::Position {
    crate::diagnostics::position_in(&page.text, page.body_offset + offset)
}

fn anchor_hint(fragment: &str, anchors: &HashSet<String>) -> String {
    let mut sorted: Vec<&String> = anchors.iter().collect();
    sorted.sort();
    if let Some(close) = crate::diagnostics::closest(fragment, sorted.iter().copied(), 3) {
        return format!("did you mean `#{close}`?");
    }
    if sorted.is_empty() {
        return "that page has no headings with ids; add {#id} to the heading you mean".into();
    }
    let shown: Vec<String> = sorted.iter().take(12).map(|a| format!("#{a}")).collect();
    let more = if sorted.len() > 12 { ", …" } else { "" };
    format!("the anchors there are {}{more}", shown.join(", "))
}

pub(super) fn render_markdown(
    site: &Site,
    index: usize,
    words: &BTreeMap<String, String>,
) -> Option<PageResult> {
    let page = &site.pages[index];
    page.source.as_ref()?;
    let mut checks = Vec::new();
    let mut problems = Vec::new();
    let mut taken = HashSet::new();
    let mut resolve =
        |link: markdown::LinkSite<'_>| site.resolve_link(index, link, &mut checks, &mut problems);
    let events = page.kind.rewrite(
        &crate::kinds::RewriteInput {
            data: &page.data,
            words,
        },
        markdown::parse(&page.text[page.body_offset..]),
        &mut taken,
        &mut resolve,
    );
    let rendered =
        markdown::render_events(events, page.front.title.is_none(), &mut taken, &mut resolve);
    Some(PageResult {
        anchors: element_ids(&rendered.html),
        rendered,
        checks,
        problems,
    })
}

/// Every `id="…"` in a page's body: the anchors a link may point to.
fn element_ids(html: &str) -> HashSet<String> {
    let mut ids = HashSet::new();
    let mut rest = html;
    while let Some(i) = rest.find(" id=\"") {
        rest = &rest[i + 5..];
        if let Some(end) = rest.find('"') {
            ids.insert(unescape_attribute(&rest[..end]));
            rest = &rest[end..];
        }
    }
    ids
}

fn unescape_attribute(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// `playbooks/training/` → `playbooks/training/index.html`.
pub fn output_path(url: &str) -> String {
    format!("{url}index.html")
}

/// The theme's files (built-in, then the site's theme), the site's `static/` (which may
/// replace a theme's file) and the files of `content/` that are not pages.
fn static_files(site: &Site, diagnostics: &mut Diagnostics) -> Published {
    let mut files = Published::default();
    for (name, bytes) in crate::theme::builtin_files("static") {
        let url = site.url_path(&name);
        let origin = Origin::Theme("a file of the built-in theme".into());
        files.add(name, FileContent::Builtin(bytes), origin, &url, diagnostics);
    }
    let mut problems = Vec::new();
    let theme = format!("themes/{}/static", site.config.theme);
    for found in crate::content::walk::files(
        &site.root,
        &theme,
        crate::fsutil::is_ignored_name,
        &mut problems,
    ) {
        let url = site.url_path(&found.name);
        let origin = Origin::Theme(format!("{} of the site's theme", found.relative.display()));
        files.add(
            found.name,
            FileContent::Copy(found.path),
            origin,
            &url,
            diagnostics,
        );
    }
    for found in crate::content::walk::files(
        &site.root,
        "static",
        crate::fsutil::is_ignored_name,
        &mut problems,
    ) {
        let url = site.url_path(&found.name);
        let origin = Origin::Copied(site.shown(&found.relative));
        files.add(
            found.name,
            FileContent::Copy(found.path),
            origin,
            &url,
            diagnostics,
        );
    }
    diagnostics.extend(problems);
    for (name, path) in &site.assets {
        let url = site.url_path(name);
        let origin = Origin::Copied(site.shown(&PathBuf::from("content").join(name)));
        files.add(
            name.clone(),
            FileContent::Copy(path.clone()),
            origin,
            &url,
            diagnostics,
        );
    }
    files
}

/// What every page of one language shares, built once: site settings, navigation, words.
pub(super) struct SharedContext {
    by_lang: HashMap<String, LanguageValues>,
    words: HashMap<String, BTreeMap<String, String>>,
    language_names: HashMap<String, String>,
}

/// The values every page of one language sees.
struct LanguageValues {
    site: Value,
    nav: Value,
    words: Value,
    /// What kinds make every template see (the dashboard's list of checklists).
    kinds: Vec<(&'static str, Value)>,
}

#[derive(Serialize)]
struct LanguageContext {
    code: String,
    name: String,
    url: String,
}

#[derive(Serialize)]
struct DomainContext<'a> {
    slug: &'a str,
    name: &'a str,
    description: &'a str,
}

impl SharedContext {
    pub(super) fn new(site: &Site, tree: &Tree, kind_pages: &KindPages<'_>) -> SharedContext {
        let config = &site.config;
        let default = &config.default_language;
        let words: HashMap<String, BTreeMap<String, String>> = config
            .languages
            .iter()
            .map(|l| (l.clone(), site.strings.for_language(l, default)))
            .collect();
        let language_names: HashMap<String, String> = config
            .languages
            .iter()
            .map(|l| {
                (
                    l.clone(),
                    words[l]
                        .get("language_name")
                        .cloned()
                        .unwrap_or_else(|| l.clone()),
                )
            })
            .collect();
        let languages: Vec<LanguageContext> = config
            .languages
            .iter()
            .map(|l| LanguageContext {
                code: l.clone(),
                name: language_names[l].clone(),
                url: site.url_path(&crate::content::paths::url_path("", l, default)),
            })
            .collect();
        let extra = table_to_json(&config.extra);
        let mut by_lang = HashMap::new();
        for lang in &config.languages {
            let domains: Vec<DomainContext> = config
                .domains
                .iter()
                .map(|d| DomainContext {
                    slug: &d.slug,
                    name: d.name.get(lang, default),
                    description: d
                        .description
                        .as_ref()
                        .map(|t| t.get(lang, default))
                        .unwrap_or(""),
                })
                .collect();
            let site_value = Value::from_serializable(&serde_json::json!({
                "title": config.title.get(lang, default),
                "description": config.description.as_ref().map(|d| d.get(lang, default)).unwrap_or(""),
                "base_url": config.base_url,
                "base_path": config.base_path,
                "default_language": default,
                "languages": languages,
                "domains": domains,
                "search_index": site.url_path(&format!(
                    "{}search-index.json",
                    crate::content::paths::url_path("", lang, default)
                )),
                "extra": extra,
            }));
            let kinds = kind_pages
                .each(
                    site,
                    lang,
                    &words[lang],
                    &language_names[lang],
                    |kind, input| kind.site_context(input),
                )
                .into_iter()
                .flatten()
                .map(|(name, value)| (name, Value::from_serializable(&value)))
                .collect();
            by_lang.insert(
                lang.clone(),
                LanguageValues {
                    site: site_value,
                    nav: Value::from_serializable(&site.page_nav(
                        tree,
                        lang,
                        None,
                        &|count, section| nav_more(&words[lang], count, section),
                    )),
                    words: Value::from_serializable(&words[lang]),
                    kinds,
                },
            );
        }
        SharedContext {
            by_lang,
            words,
            language_names,
        }
    }

    fn context(&self, lang: &str) -> Context {
        let values = &self.by_lang[lang];
        let mut context = Context::new();
        context.insert_value("site", values.site.clone());
        context.insert_value("nav", values.nav.clone());
        context.insert_value("t", values.words.clone());
        for (name, value) in &values.kinds {
            context.insert_value(*name, value.clone());
        }
        context.insert("lang", lang);
        context
    }

    pub(super) fn words(&self, lang: &str) -> &BTreeMap<String, String> {
        &self.words[lang]
    }
}

#[derive(Serialize)]
struct PageContext<'a> {
    title: &'a str,
    description: Option<&'a str>,
    content: &'a str,
    url: String,
    permalink: String,
    lang: &'a str,
    key: &'a str,
    kind: &'static str,
    is_section: bool,
    weight: Option<i64>,
    source: Option<String>,
    toc: Vec<TocEntry>,
    translations: Vec<Translation>,
    extra: serde_json::Value,
    data: &'a serde_json::Value,
}

#[derive(Serialize)]
struct Children {
    pages: Vec<Link>,
    sections: Vec<Link>,
}

pub(super) fn render_page(
    site: &Site,
    tree: &Tree,
    shared: &SharedContext,
    index: usize,
) -> Result<String, Diagnostic> {
    let page = &site.pages[index];
    if !site.templates.has(&page.template_name()) {
        // Already reported while loading, at the page's `template` line.
        return Ok(String::new());
    }
    let mut context = shared.context(&page.lang);
    let page_context = PageContext {
        title: &page.title,
        description: page.front.description.as_deref(),
        content: &page.html,
        url: site.url_path(&page.url),
        permalink: format!("{}{}", site.config.base_url, page.url),
        lang: &page.lang,
        key: &page.key,
        kind: page.kind.name(),
        is_section: page.is_section,
        weight: page.front.weight,
        source: page
            .source
            .as_ref()
            .map(|s| s.to_string_lossy().replace('\\', "/")),
        toc: markdown::table_of_contents(&page.headings),
        translations: site.translations(index, &shared.language_names),
        extra: table_to_json(&page.front.extra),
        data: &page.data,
    };
    context.insert("page", &page_context);
    let words = shared.words(&page.lang);
    context.insert(
        "nav",
        &site.page_nav(tree, &page.lang, Some(index), &|count, section| {
            nav_more(words, count, section)
        }),
    );
    context.insert("breadcrumbs", &site.breadcrumbs(index));
    let (previous, next) = site.neighbours(tree, index);
    context.insert("previous", &previous);
    context.insert("next", &next);
    let parent = page
        .parent
        .as_ref()
        .and_then(|key| site.index.get(&(key.clone(), page.lang.clone())))
        .map(|&i| site.link(i));
    context.insert("section", &parent);
    if page.is_section {
        let (pages, sections) = tree.children(&page.key, &page.lang);
        context.insert(
            "children",
            &Children {
                pages: pages.iter().map(|&i| site.link(i)).collect(),
                sections: sections.iter().map(|&i| site.link(i)).collect(),
            },
        );
    }
    site.templates.render(&page.template_name(), &context)
}

/// The text of the link to a whole list that the navigation shows only part of.
fn nav_more(words: &BTreeMap<String, String>, count: usize, section: &str) -> String {
    words
        .get("nav_all")
        .map(String::as_str)
        .unwrap_or("All {count} in {section}")
        .replace("{count}", &count.to_string())
        .replace("{section}", section)
}

/// A TOML table as a JSON object for templates.
pub fn table_to_json(table: &toml::Table) -> serde_json::Value {
    serde_json::Value::Object(
        table
            .iter()
            .map(|(k, v)| (k.clone(), toml_to_json(v)))
            .collect(),
    )
}

/// TOML values as JSON for templates (dates become text).
pub fn toml_to_json(value: &toml::Value) -> serde_json::Value {
    match value {
        toml::Value::String(s) => serde_json::Value::String(s.clone()),
        toml::Value::Integer(n) => serde_json::Value::from(*n),
        toml::Value::Float(n) => serde_json::Value::from(*n),
        toml::Value::Boolean(b) => serde_json::Value::Bool(*b),
        toml::Value::Datetime(d) => serde_json::Value::String(d.to_string()),
        toml::Value::Array(items) => {
            serde_json::Value::Array(items.iter().map(toml_to_json).collect())
        }
        toml::Value::Table(table) => table_to_json(table),
    }
}

/// `sitemap.xml`: every page, with its translations as alternates.
fn sitemap(site: &Site) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    let mut pages: Vec<&Page> = site.pages.iter().collect();
    pages.sort_by(|a, b| a.url.cmp(&b.url));
    for page in pages {
        xml.push_str(&format!(
            "  <url>\n    <loc>{}</loc>\n",
            crate::escape::escape(&format!("{}{}", site.config.base_url, page.url))
        ));
        if site.config.languages.len() > 1 {
            for lang in &site.config.languages {
                if let Some(&i) = site.index.get(&(page.key.clone(), lang.clone())) {
                    xml.push_str(&format!(
                        "    <xhtml:link rel=\"alternate\" hreflang=\"{lang}\" href=\"{}\"/>\n",
                        crate::escape::escape(&format!(
                            "{}{}",
                            site.config.base_url, site.pages[i].url
                        ))
                    ));
                }
            }
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_found_in_html() {
        let ids = element_ids(
            "<h2 id=\"a\">A</h2><p>x id=&quot;no&quot;</p><span id=\"b&amp;c\"></span>",
        );
        assert!(ids.contains("a"));
        assert!(ids.contains("b&c"));
        assert!(!ids.contains("no"));
    }

    #[test]
    fn output_paths() {
        assert_eq!(output_path(""), "index.html");
        assert_eq!(output_path("nl/a/"), "nl/a/index.html");
    }
}
