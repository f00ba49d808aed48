//! The engine's side of the kinds' site-wide hooks: each kind is handed its pages of one
//! language (in page order) and makes from them values every template sees, pages and files.
//! A kind sees its pages through their public view ([`super::PublicPage`]): of a page's data,
//! what the kind's `shown_elsewhere` gives. Nothing here knows which kinds there are.

use std::collections::{BTreeMap, HashMap};

use super::Site;
use crate::kinds::{Kind, KindPage, SiteInput};

/// Every kind's pages, by kind and language.
pub(super) struct KindPages<'s> {
    lists: HashMap<(&'static str, &'s str), Vec<KindPage<'s>>>,
}

impl<'s> KindPages<'s> {
    pub(super) fn new(site: &'s Site) -> KindPages<'s> {
        let mut order: Vec<usize> = (0..site.pages.len())
            .filter(|&i| !site.public(i).made_up)
            .collect();
        order.sort_by_cached_key(|&i| site.public(i).order());
        let mut lists: HashMap<(&'static str, &'s str), Vec<KindPage<'s>>> = HashMap::new();
        for index in order {
            // A kind's site-wide outputs see what its pages show elsewhere, and no more.
            let page = site.public(index);
            lists
                .entry((page.kind, page.lang))
                .or_default()
                .push(KindPage {
                    index,
                    key: page.key,
                    shown: &site.pages[index].shown,
                    title: page.title,
                    url: site.url_path(page.url),
                    description: page.description,
                    data: page.shown_elsewhere.unwrap_or(&serde_json::Value::Null),
                });
        }
        KindPages { lists }
    }

    /// Runs `hook` for every kind of the site's registry, in its order, with its pages of `lang`.
    pub(super) fn each<R>(
        &self,
        site: &Site,
        lang: &str,
        words: &BTreeMap<String, String>,
        language_name: &str,
        mut hook: impl FnMut(&dyn Kind, &SiteInput<'_>) -> R,
    ) -> Vec<R> {
        let resolve = |index: usize, link: crate::markdown::LinkSite<'_>| {
            // Links of the page itself were checked when it was rendered.
            site.resolve_link(index, link, &mut Vec::new(), &mut Vec::new())
        };
        let lang_root = crate::content::paths::url_path("", lang, &site.config.default_language);
        let all_pages: HashMap<&'static str, &[KindPage<'_>]> = self
            .lists
            .iter()
            .filter(|((_, l), _)| *l == lang)
            .map(|((kind, _), pages)| (*kind, pages.as_slice()))
            .collect();
        site.kinds
            .all()
            .iter()
            .map(|kind| {
                let pages = self
                    .lists
                    .get(&(kind.name(), lang))
                    .map(Vec::as_slice)
                    .unwrap_or(&[]);
                let input = SiteInput {
                    config: &site.config,
                    lang,
                    lang_root: &lang_root,
                    words,
                    language_name,
                    site_title: site.config.title.get(lang, &site.config.default_language),
                    build_date: &site.build_date,
                    pdf: &site.pdf_cache,
                    pages,
                    resolve: &resolve,
                    all_pages: &all_pages,
                };
                hook(*kind, &input)
            })
            .collect()
    }
}

/// The kinds' checks between pages ([`crate::kinds::Kind::site_problems`]), in every language.
pub(super) fn problems(
    site: &Site,
    kind_pages: &KindPages<'_>,
    shared: &super::render::SharedContext,
    diagnostics: &mut crate::diagnostics::Diagnostics,
) {
    for lang in &site.config.languages {
        let found = kind_pages.each(
            site,
            lang,
            shared.words(lang),
            &shared.language_names[lang],
            |kind, input| kind.site_problems(input, &shared.kind_values),
        );
        diagnostics.extend(found.into_iter().flatten());
    }
}
