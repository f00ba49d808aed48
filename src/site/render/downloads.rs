//! The files kinds publish: beside single pages, and made from all pages of a kind in a language.

use std::path::PathBuf;

use rayon::prelude::*;

use super::*;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::site::kind_pages::KindPages;
use crate::site::published::{Origin, Published};
use crate::site::{Page, Site};

/// A file made at build time: its output name, its bytes (or why they could not be made),
/// and what it is for, for messages.
pub(in crate::site) type Download = (String, Result<FileContent, String>, String);

/// Adds downloads to the output files, reporting those that could not be made and those that
/// would replace another file.
pub(in crate::site) fn add_downloads(
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

/// The files kinds publish beside the pages `pages`, and with `all`, those they make from all
/// their pages of a language (a bundle of every checklist).
pub(in crate::site) fn downloads(
    site: &Site,
    kind_pages: &KindPages<'_>,
    shared: &SharedContext,
    pages: &[usize],
    all: bool,
) -> Vec<Download> {
    // The languages' files (a bundle's PDF is the biggest single job) beside the files of
    // single pages.
    let (mut made, from_pages) = rayon::join(
        || {
            site.config
                .languages
                .par_iter()
                .filter(|_| all)
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
            pages
                .par_iter()
                .flat_map_iter(|&i| kind_files(site, shared, &site.pages[i]))
                .collect::<Vec<Download>>()
        },
    );
    made.extend(from_pages);
    made
}

/// The files a page's kind publishes beside it (none for a made-up section page).
pub(in crate::site) fn kind_files(
    site: &Site,
    shared: &SharedContext,
    page: &Page,
) -> Vec<Download> {
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
    let mut made: Vec<Download> = match page.kind.files(&input) {
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
        Err(message) => vec![(page.url.clone(), Err(message), what.clone())],
    };
    if let Some(name) = docx_name(page) {
        let bytes = page_docx(site, shared, page, &permalink).map(FileContent::Bytes);
        made.push((format!("{}{name}", page.url), bytes, what));
    }
    made
}

/// The name of a page's Word version, when it asks for one: the last part of its key
/// (`templates/action-plan` → `action-plan.docx`).
pub(in crate::site) fn docx_name(page: &Page) -> Option<String> {
    if page.source.is_none() || !crate::office::wants_docx(&page.front) {
        return None;
    }
    let last = page.key.rsplit('/').next().filter(|s| !s.is_empty());
    Some(format!("{}.docx", last.unwrap_or("home")))
}

/// A page's Word version, its links resolved as on the page and made absolute.
fn page_docx(
    site: &Site,
    shared: &SharedContext,
    page: &Page,
    permalink: &str,
) -> Result<Vec<u8>, String> {
    let words = shared.words(&page.lang);
    let default = &site.config.default_language;
    let frame = crate::office::docx::Frame {
        title: &page.title,
        site_name: site.config.title.get(&page.lang, default),
        lang: &page.lang,
        build_date: &site.build_date,
        made_on: words.get("office_made_on").map_or("", String::as_str),
    };
    let index = site
        .index
        .get(&(page.key.clone(), page.lang.clone()))
        .copied();
    let mut link = |destination: &str, offset: usize| {
        let resolved = match index {
            Some(index) => site.resolve_link(
                index,
                crate::markdown::LinkSite {
                    destination,
                    offset,
                    is_image: false,
                },
                &mut Vec::new(),
                &mut Vec::new(),
            ),
            None => destination.to_string(),
        };
        crate::office::absolute_url(&resolved, &site.config.base_url, permalink)
    };
    let body = &page.text[page.body_offset..];
    crate::office::docx::convert(body, page.front.title.is_none(), &frame, &mut link)
        .map(|converted| converted.bytes)
}
