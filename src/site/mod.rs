//! The whole site: `Site::load` reads and checks everything, `Site::render` turns it into the
//! output files, in memory. Nothing here writes the output (see `output` for that); the only
//! files written on the way are the PDF forms the cache keeps (`pdf::cache`).

mod aliases;
pub mod incremental;
mod kind_pages;
mod links;
mod load;
mod nav;
mod published;
mod render;
mod search;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::content::front_matter::FrontMatter;
use crate::diagnostics::{Diagnostic, Diagnostics, display_path};
use crate::i18n::Strings;
use crate::kinds::Kind;
use crate::markdown::Heading;
use crate::templates::Templates;

pub use render::FileContent;

/// What to build, from the command line.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The site folder, as the user named it.
    pub root: PathBuf,
    /// Include pages marked `draft = true`.
    pub drafts: bool,
    /// Replaces `base_url` from site.toml for this build.
    pub base_url: Option<String>,
    /// The date printed on the checklists' PDF forms (`2026-11-22`); today when not given.
    pub build_date: Option<String>,
    /// Use the cache of PDF forms without adding to it (`check` writes nothing).
    pub read_only_cache: bool,
    /// The kinds pages may be of.
    pub kinds: crate::kinds::Registry,
}

/// One page or section page in one language.
pub struct Page {
    /// The Markdown file, relative to the site root; `None` for a section page made up for a
    /// folder that has no `_index.md` in this language.
    pub source: Option<PathBuf>,
    /// The file (or folder) as shown in messages.
    pub shown: PathBuf,
    pub lang: String,
    /// Shared by all translations of the page: `playbooks/training`; `` for the home page.
    pub key: String,
    pub is_section: bool,
    /// The key of the section this page is in; `None` for the home page.
    pub parent: Option<String>,
    /// The URL relative to the site's base: `nl/playbooks/training/`.
    pub url: String,
    pub front: FrontMatter,
    /// The whole file.
    pub text: String,
    pub body_offset: usize,
    pub kind: &'static dyn Kind,
    /// What the page's kind made of it, for templates (`page.data`).
    pub data: serde_json::Value,
    /// Filled in by rendering:
    pub title: String,
    pub html: String,
    /// The body as plain text, for the search index.
    pub plain: String,
    pub headings: Vec<Heading>,
    pub anchors: HashSet<String>,
}

/// What other pages (navigation, a section's lists, links to translations, the sitemap),
/// made-up section pages and the kinds' site-wide outputs can see of a page. They read other
/// pages only through this view, so that `serve`, which renders an edited page alone while its
/// view stays the same, can never leave another page showing something old.
#[derive(Debug, PartialEq)]
pub(crate) struct PublicPage<'a> {
    pub key: &'a str,
    pub lang: &'a str,
    /// Relative to the site's base: `nl/playbooks/training/`.
    pub url: &'a str,
    pub parent: Option<&'a str>,
    pub is_section: bool,
    /// A section page toolkit made up for a folder without an `_index.md` in this language.
    pub made_up: bool,
    pub title: &'a str,
    /// The title in the front matter: made-up section pages in other languages take it.
    pub written_title: Option<&'a str>,
    pub description: Option<&'a str>,
    pub weight: Option<i64>,
    pub kind: &'static str,
    /// What the page's kind lets its site-wide outputs see of the page's data.
    pub shown_elsewhere: Option<&'a serde_json::Value>,
    /// The old addresses the page's redirect pages stand on (`aliases`).
    pub aliases: &'a [crate::content::front_matter::Located<String>],
}

impl PublicPage<'_> {
    /// Sort key inside a section: weighted pages first by weight, then by title.
    pub fn order(&self) -> (bool, i64, String, String) {
        (
            self.weight.is_none(),
            self.weight.unwrap_or(0),
            self.title.to_lowercase(),
            self.key.to_string(),
        )
    }
}

impl Page {
    /// What other pages, and what is made from several pages, can see of this page: see
    /// [`PublicPage`].
    pub(crate) fn public(&self) -> PublicPage<'_> {
        PublicPage {
            key: &self.key,
            lang: &self.lang,
            url: &self.url,
            parent: self.parent.as_deref(),
            is_section: self.is_section,
            made_up: self.source.is_none(),
            title: &self.title,
            written_title: self.front.title.as_deref(),
            description: self.front.description.as_deref(),
            weight: self.front.weight,
            kind: self.kind.name(),
            shown_elsewhere: self.kind.shown_elsewhere(&self.data),
            aliases: &self.front.aliases,
        }
    }

    fn template_name(&self) -> String {
        match &self.front.template {
            Some(t) => t.value.clone(),
            None if self.is_section && self.kind.name() == crate::kinds::DEFAULT => {
                "section.html".to_string()
            }
            None => self.kind.template().to_string(),
        }
    }
}

/// A loaded, checked site, ready to render.
pub struct Site {
    pub config: Config,
    pub root: PathBuf,
    pub pages: Vec<Page>,
    /// `(key, lang)` → index in `pages`.
    index: HashMap<(String, String), usize>,
    /// Files under `content/` that are not Markdown: content path → file.
    assets: BTreeMap<String, PathBuf>,
    /// Pages left out because they are drafts, for clearer link errors.
    drafts: HashSet<(String, String)>,
    /// Pages that exist but could not be loaded; links to them are not reported again.
    broken: HashSet<(String, String)>,
    templates: Templates,
    strings: Strings,
    /// The date printed on generated forms.
    pub build_date: String,
    /// PDF forms kept between builds.
    pub pdf_cache: crate::pdf::cache::PdfCache,
    /// What the last full build made of the whole site, for `serve` to render single pages.
    kept: Option<render::Kept>,
    /// The kinds pages may be of.
    pub kinds: crate::kinds::Registry,
}

impl Site {
    /// Shows a path relative to the site root the way the user should see it.
    pub fn shown(&self, relative: &Path) -> PathBuf {
        display_path(&self.root, relative)
    }

    /// Reads, parses and checks the whole site, adding every problem to `diagnostics`. Returns
    /// `None` only when nothing can be rendered (no site.toml, bad settings, broken templates);
    /// pages with problems are left out and the rest is kept, so rendering can report more.
    pub fn load(options: &Options, diagnostics: &mut Diagnostics) -> Option<Site> {
        load::load(options, diagnostics)
    }

    /// Renders every output file into memory.
    pub fn render(
        &mut self,
        diagnostics: &mut Diagnostics,
    ) -> Option<BTreeMap<String, FileContent>> {
        render::render(self, diagnostics)
    }

    /// The number of pages (translations counted separately), made-up section pages excluded.
    pub fn page_count(&self) -> usize {
        self.pages.iter().filter(|p| p.source.is_some()).count()
    }

    /// The theme's and the site's words in `lang`, as the site's pages in that language get them.
    pub fn words(&self, lang: &str) -> BTreeMap<String, String> {
        self.strings
            .for_language(lang, &self.config.default_language)
    }

    /// What other pages can see of the page with this index.
    pub(crate) fn public(&self, index: usize) -> PublicPage<'_> {
        self.pages[index].public()
    }

    /// Absolute URL path of a site-relative URL: `playbooks/` → `/toolkit/playbooks/`.
    pub fn url_path(&self, relative: &str) -> String {
        format!("{}{}", self.config.base_path, relative)
    }
}

/// Loads, checks and renders a site into memory: what `build` writes and `check` discards.
pub fn build_in_memory(
    options: &Options,
    diagnostics: &mut Diagnostics,
) -> Option<(Site, BTreeMap<String, FileContent>)> {
    let mut stages = crate::timings::Stages::start();
    let mut site = Site::load(options, diagnostics)?;
    stages.lap("load");
    let files = site.render(diagnostics)?;
    if diagnostics.has_errors() {
        return None;
    }
    Some((site, files))
}

/// A path error for the site folder itself (no `site.toml`, …).
fn site_error(message: String, hint: &str) -> Diagnostic {
    Diagnostic::error(message).with_hint(hint.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Odd and broken inputs never make toolkit panic: each gives diagnostics or a page.
    #[test]
    fn odd_inputs_do_not_panic() {
        let bodies = [
            "",
            "+++",
            "+++\n",
            "+++\n+++",
            "+++\ntitle = \"\u{0}\"\n+++\n",
            "+++\n[extra]\n[extra]\n+++\n",
            "+++\ntitle = \"a\"\nkind = 3\ntemplate = []\nextra = 1\n+++\n",
            "# \n\n## {#}\n\n## {#a b}\n",
            "[a](../../../../x.md) [b](#) [c]() [d](%zz.md) [e](%C3%A9.md) [f](/)",
            "![x](\u{202e}.png) [y](<a b.md>) [z](?q) [w](#%)",
            "- [ ] \n- [x]\n  - [ ] nested {#}\n",
            "| a |\n|---|\n| [x](y.md#) |\n[^n]\n\n[^n]: [^n]\n",
            "<a id=\"\">raw</a>\n\n## é {#é}\n\n[x](#é)",
            "\u{feff}+++\ntitle = \"bom\"\n+++\n",
            "---\n---\n",
        ];
        for (i, body) in bodies.iter().enumerate() {
            let dir = tempfile::tempdir().unwrap();
            let root = dir.path();
            std::fs::write(
                root.join("site.toml"),
                "title = \"T\"\nbase_url = \"https://e.org/\"\nlanguages = [\"en\", \"nl\"]\n",
            )
            .unwrap();
            std::fs::create_dir_all(root.join("content/a")).unwrap();
            std::fs::write(root.join("content/a/page.md"), body).unwrap();
            std::fs::write(root.join("content/a/page.nl.md"), body).unwrap();
            std::fs::write(root.join("content/_index.md"), body).unwrap();
            let options = Options {
                root: root.to_path_buf(),
                drafts: i % 2 == 0,
                base_url: None,
                build_date: None,
                read_only_cache: false,
                kinds: Default::default(),
            };
            let mut diagnostics = Diagnostics::new();
            let built = build_in_memory(&options, &mut diagnostics);
            assert!(
                built.is_some() || diagnostics.has_errors(),
                "input {i}: no output and no error"
            );
        }
    }
}
