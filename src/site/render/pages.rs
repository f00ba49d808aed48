//! The page templates: each page's HTML from its template and context (in parallel), and where
//! it is published.

use std::collections::HashSet;

use rayon::prelude::*;
use serde::Serialize;

use super::*;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::TocEntry;
use crate::site::Site;
use crate::site::nav::{Link, Translation, Tree};

/// The templates of `pages`, rendered in parallel.
pub(in crate::site) fn render_pages(
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
pub(in crate::site) fn page_files(
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

/// `playbooks/training/` → `playbooks/training/index.html`.
pub fn output_path(url: &str) -> String {
    format!("{url}index.html")
}

#[derive(Serialize)]
pub(in crate::site) struct PageContext<'a> {
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
    /// The address of the page's Word version, when it asks for one (`downloads = ["docx"]`).
    docx: Option<String>,
    /// The names of the page's placeholders (`[[clinic name]]`), each once.
    placeholders: Vec<String>,
}

#[derive(Serialize)]
pub(in crate::site) struct Children {
    pages: Vec<Link>,
    sections: Vec<Link>,
}

pub(in crate::site) fn render_page(
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
        toc: crate::markdown::table_of_contents(&page.headings),
        translations: site.translations(index, &shared.language_names),
        extra: table_to_json(&page.front.extra),
        data: &page.data,
        docx: super::downloads::docx_name(page)
            .map(|name| format!("{}{name}", site.url_path(&page.url))),
        placeholders: crate::office::placeholders::names(&page.text[page.body_offset..]),
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

/// Renders the pages kinds make from all their pages of each language (the print page of all
/// checklists) and adds them to `files`.
pub(in crate::site) fn add_site_pages(
    site: &Site,
    kind_pages: &crate::site::kind_pages::KindPages<'_>,
    shared: &SharedContext,
    files: &mut crate::site::published::Published,
    diagnostics: &mut Diagnostics,
) {
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
            let mut context = made_up_context(
                site,
                shared,
                &made_up.title,
                &made_up.path,
                lang,
                made_up.key,
            );
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::render::markdown::element_ids;

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
