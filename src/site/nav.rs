//! Navigation: the section tree per language, breadcrumbs, previous/next and translations. It
//! reads pages only through their public view ([`super::PublicPage`]).

use std::collections::HashMap;

use serde::Serialize;

use super::Site;

/// A link to a page, as templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub title: String,
    /// Absolute path, including the base path: `/toolkit/playbooks/`.
    pub url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// The site navigation of one page: the home page, the top-level sections and pages, and the
/// contents of the section the page is in.
///
/// A list longer than [`LIST_MAX`] shows only the [`WINDOW`] entries around the current one and
/// ends with a link to the page that lists them all (the section page, or the home page for the
/// top level). Every page stays usable without JavaScript, and each page's navigation has a
/// bounded size: a section of 500 pages does not put 500 links on each of them.
#[derive(Debug, Clone, Serialize)]
pub struct PageNav {
    pub title: String,
    pub url: String,
    pub items: Vec<NavItem>,
}

/// One entry of the site navigation.
#[derive(Debug, Clone, Serialize)]
pub struct NavItem {
    pub title: String,
    pub url: String,
    /// The page being shown.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub current: bool,
    /// A link to the page listing every entry of a shortened list.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub more: bool,
    /// The contents of the section the current page is in.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<NavItem>,
}

/// Lists up to this long are shown whole.
pub const LIST_MAX: usize = 12;
/// How many entries of a longer list are shown, around the current one.
pub const WINDOW: usize = 7;

/// Which entries of a list of `len` to show: all of them, or [`WINDOW`] around `current`.
fn window(len: usize, current: Option<usize>) -> std::ops::Range<usize> {
    if len <= LIST_MAX {
        return 0..len;
    }
    let start = current
        .map_or(0, |c| c.saturating_sub(WINDOW / 2))
        .min(len - WINDOW);
    start..start + WINDOW
}

/// A translation of the current page.
#[derive(Debug, Clone, Serialize)]
pub struct Translation {
    pub lang: String,
    pub name: String,
    pub url: String,
    /// The whole address with the site's base URL, for `hreflang` links.
    pub permalink: String,
    pub current: bool,
}

/// The children of every section, sorted: `(section key, lang)` → (pages, subsections).
#[derive(Debug, Default)]
pub struct Tree {
    children: HashMap<(String, String), (Vec<usize>, Vec<usize>)>,
}

impl Tree {
    pub fn new(site: &Site) -> Tree {
        let mut tree = Tree::default();
        for i in 0..site.pages.len() {
            let page = site.public(i);
            if let Some(parent) = page.parent {
                let entry = tree
                    .children
                    .entry((parent.to_string(), page.lang.to_string()))
                    .or_default();
                if page.is_section {
                    entry.1.push(i)
                } else {
                    entry.0.push(i)
                }
            }
        }
        for (pages, sections) in tree.children.values_mut() {
            pages.sort_by_cached_key(|&i| site.public(i).order());
            sections.sort_by_cached_key(|&i| site.public(i).order());
        }
        tree
    }

    /// The pages and subsections directly in section `key`.
    pub fn children(&self, key: &str, lang: &str) -> (&[usize], &[usize]) {
        match self.children.get(&(key.to_string(), lang.to_string())) {
            Some((pages, sections)) => (pages, sections),
            None => (&[], &[]),
        }
    }
}

impl Site {
    pub(super) fn link(&self, index: usize) -> Link {
        let page = self.public(index);
        Link {
            title: page.title.to_string(),
            url: self.url_path(page.url),
            description: page.description.map(str::to_string),
        }
    }

    /// The site navigation as seen from page `current` (or from a page made up for the language,
    /// such as the print page, when `None`). `more` makes the text of a link to a whole list from
    /// its length and the title of the page that lists it.
    pub(super) fn page_nav(
        &self,
        tree: &Tree,
        lang: &str,
        current: Option<usize>,
        more: &dyn Fn(usize, &str) -> String,
    ) -> Option<PageNav> {
        let home = *self.index.get(&(String::new(), lang.to_string()))?;
        // The top-level entry the current page is in (or is), and the one below it.
        let mut path = Vec::new();
        let mut at = current;
        while let Some(i) = at {
            path.push(i);
            at = self.public(i).parent.and_then(|key| {
                self.index
                    .get(&(key.to_string(), lang.to_string()))
                    .copied()
            });
        }
        path.reverse(); // home, top-level entry, …, current
        let top = path.get(1).copied();
        let below = path.get(2).copied();
        let item = |i: usize| NavItem {
            title: self.public(i).title.to_string(),
            url: self.url_path(self.public(i).url),
            current: Some(i) == current,
            more: false,
            children: Vec::new(),
        };
        // The entries of `all` around `focus`, made by `make`, then a link to `whole`, the page
        // listing them all.
        let windowed = |all: &[usize],
                        focus: Option<usize>,
                        whole: usize,
                        make: &dyn Fn(usize) -> NavItem|
         -> Vec<NavItem> {
            let position = focus.and_then(|f| all.iter().position(|&i| i == f));
            let shown = window(all.len(), position);
            let shortened = shown.len() < all.len();
            let mut items: Vec<NavItem> = all[shown].iter().map(|&i| make(i)).collect();
            if shortened {
                items.push(NavItem {
                    title: more(all.len(), self.public(whole).title),
                    url: self.url_path(self.public(whole).url),
                    current: false,
                    more: true,
                    children: Vec::new(),
                });
            }
            items
        };
        // The top level lists sections before pages; a section lists pages first.
        let (pages, sections) = tree.children("", lang);
        let top_level: Vec<usize> = sections.iter().chain(pages).copied().collect();
        let items = windowed(&top_level, top, home, &|i| {
            let mut entry = item(i);
            if Some(i) == top && self.public(i).is_section {
                let (pages, sections) = tree.children(self.public(i).key, lang);
                let contents: Vec<usize> = pages.iter().chain(sections).copied().collect();
                entry.children = windowed(&contents, below, i, &item);
            }
            entry
        });
        let home_page = self.public(home);
        Some(PageNav {
            title: home_page.title.to_string(),
            url: self.url_path(home_page.url),
            items,
        })
    }

    /// The sections above a page, from the home page down to its own section.
    pub(super) fn breadcrumbs(&self, index: usize) -> Vec<Link> {
        let page = self.public(index);
        let mut crumbs = Vec::new();
        let mut parent = page.parent;
        while let Some(key) = parent {
            match self.index.get(&(key.to_string(), page.lang.to_string())) {
                Some(&i) => {
                    crumbs.push(self.link(i));
                    parent = self.public(i).parent;
                }
                None => break,
            }
        }
        crumbs.reverse();
        crumbs
    }

    /// The pages before and after this one in its section.
    pub(super) fn neighbours(&self, tree: &Tree, index: usize) -> (Option<Link>, Option<Link>) {
        let page = self.public(index);
        let Some(parent) = page.parent else {
            return (None, None);
        };
        if page.is_section {
            return (None, None);
        }
        let (pages, _) = tree.children(parent, page.lang);
        let Some(position) = pages.iter().position(|&i| i == index) else {
            return (None, None);
        };
        let previous = position.checked_sub(1).map(|p| self.link(pages[p]));
        let next = pages.get(position + 1).map(|&i| self.link(i));
        (previous, next)
    }

    /// The page in every language it exists in, the current one marked.
    pub(super) fn translations(
        &self,
        index: usize,
        language_names: &HashMap<String, String>,
    ) -> Vec<Translation> {
        let page = self.public(index);
        self.config
            .languages
            .iter()
            .filter_map(|lang| {
                let &i = self.index.get(&(page.key.to_string(), lang.clone()))?;
                Some(Translation {
                    lang: lang.clone(),
                    name: language_names
                        .get(lang)
                        .cloned()
                        .unwrap_or_else(|| lang.clone()),
                    url: self.url_path(self.public(i).url),
                    permalink: format!("{}{}", self.config.base_url, self.public(i).url),
                    current: i == index,
                })
            })
            .collect()
    }
}
