//! Navigation: the section tree per language, breadcrumbs, previous/next and translations.

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

/// A section in the navigation tree.
#[derive(Debug, Clone, Serialize)]
pub struct NavSection {
    pub title: String,
    pub url: String,
    pub pages: Vec<Link>,
    pub sections: Vec<NavSection>,
}

/// A translation of the current page.
#[derive(Debug, Clone, Serialize)]
pub struct Translation {
    pub lang: String,
    pub name: String,
    pub url: String,
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
        for (i, page) in site.pages.iter().enumerate() {
            if let Some(parent) = &page.parent {
                let entry = tree
                    .children
                    .entry((parent.clone(), page.lang.clone()))
                    .or_default();
                if page.is_section {
                    entry.1.push(i)
                } else {
                    entry.0.push(i)
                }
            }
        }
        for (pages, sections) in tree.children.values_mut() {
            pages.sort_by_key(|&i| site.pages[i].order());
            sections.sort_by_key(|&i| site.pages[i].order());
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
        let page = &self.pages[index];
        Link {
            title: page.title.clone(),
            url: self.url_path(&page.url),
            description: page.front.description.clone(),
        }
    }

    /// The navigation tree of one language, from its home page down.
    pub(super) fn nav(&self, tree: &Tree, lang: &str) -> Option<NavSection> {
        let root = *self.index.get(&(String::new(), lang.to_string()))?;
        Some(self.nav_section(tree, root))
    }

    fn nav_section(&self, tree: &Tree, index: usize) -> NavSection {
        let page = &self.pages[index];
        let (pages, sections) = tree.children(&page.key, &page.lang);
        NavSection {
            title: page.title.clone(),
            url: self.url_path(&page.url),
            pages: pages.iter().map(|&i| self.link(i)).collect(),
            sections: sections
                .iter()
                .map(|&i| self.nav_section(tree, i))
                .collect(),
        }
    }

    /// The sections above a page, from the home page down to its own section.
    pub(super) fn breadcrumbs(&self, index: usize) -> Vec<Link> {
        let page = &self.pages[index];
        let mut crumbs = Vec::new();
        let mut parent = page.parent.clone();
        while let Some(key) = parent {
            match self.index.get(&(key.clone(), page.lang.clone())) {
                Some(&i) => {
                    crumbs.push(self.link(i));
                    parent = self.pages[i].parent.clone();
                }
                None => break,
            }
        }
        crumbs.reverse();
        crumbs
    }

    /// The pages before and after this one in its section.
    pub(super) fn neighbours(&self, tree: &Tree, index: usize) -> (Option<Link>, Option<Link>) {
        let page = &self.pages[index];
        let Some(parent) = &page.parent else {
            return (None, None);
        };
        if page.is_section {
            return (None, None);
        }
        let (pages, _) = tree.children(parent, &page.lang);
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
        let page = &self.pages[index];
        self.config
            .languages
            .iter()
            .filter_map(|lang| {
                let &i = self.index.get(&(page.key.clone(), lang.clone()))?;
                Some(Translation {
                    lang: lang.clone(),
                    name: language_names
                        .get(lang)
                        .cloned()
                        .unwrap_or_else(|| lang.clone()),
                    url: self.url_path(&self.pages[i].url),
                    current: i == index,
                })
            })
            .collect()
    }
}
