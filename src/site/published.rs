//! The files of one build, each with where it comes from. The site's own static files may
//! replace a theme's; anything else that lands on a path already taken is an error naming both.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use super::FileContent;
use crate::diagnostics::{Diagnostic, Diagnostics};

/// Where a published file comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A file of the built-in theme or the site's theme: the site's own files may replace it.
    Theme(String),
    /// A file of the site's `static/` or `content/` folder (its path from the site folder).
    Copied(PathBuf),
    /// The page made from a Markdown file.
    Page(PathBuf),
    /// A file toolkit makes: "the sitemap", "the PDF form of content/checklists/x.md".
    Made(String),
    /// The redirect page of an old address that the page made from this file names in `aliases`
    /// (where the list is written).
    Alias(PathBuf, crate::diagnostics::Position),
}

impl Origin {
    fn describe(&self) -> String {
        match self {
            Origin::Theme(label) => label.clone(),
            Origin::Copied(path) => path.display().to_string(),
            Origin::Page(source) => format!("the page made from {}", source.display()),
            Origin::Made(what) => what.clone(),
            Origin::Alias(source, _) => format!("an alias of {}", source.display()),
        }
    }

    /// The file a person can rename or remove to settle a clash.
    fn source(&self) -> Option<&PathBuf> {
        match self {
            Origin::Copied(path) | Origin::Page(path) | Origin::Alias(path, _) => Some(path),
            Origin::Theme(_) | Origin::Made(_) => None,
        }
    }
}

/// The output files of a build, by their path in the output folder.
#[derive(Debug, Default)]
pub struct Published {
    files: BTreeMap<String, FileContent>,
    origins: HashMap<String, Origin>,
}

impl Published {
    /// Adds `name`. When another source has it already, that is an error (added to
    /// `diagnostics`, shown at the file a person can change), except that the site's files
    /// replace a theme's. `url` is how the path is shown: `/toolkit/robots.txt`.
    pub fn add(
        &mut self,
        name: String,
        content: FileContent,
        origin: Origin,
        url: &str,
        diagnostics: &mut Diagnostics,
    ) {
        if let Some(earlier) = self.origins.get(&name) {
            let replaces_theme = matches!(earlier, Origin::Theme(_))
                && matches!(origin, Origin::Theme(_) | Origin::Copied(_));
            // Two pages on one URL are reported when the pages are loaded.
            let both_pages = matches!((earlier, &origin), (Origin::Page(_), Origin::Page(_)));
            if !replaces_theme {
                if !both_pages {
                    diagnostics.push(clash(earlier, &origin, url));
                }
                return;
            }
        }
        self.origins.insert(name.clone(), origin);
        self.files.insert(name, content);
    }

    pub fn contains(&self, name: &str) -> bool {
        self.files.contains_key(name)
    }

    pub fn into_files(self) -> BTreeMap<String, FileContent> {
        self.files
    }
}

fn clash(earlier: &Origin, later: &Origin, url: &str) -> Diagnostic {
    let message = format!(
        "{} and {} would both be published at {url}",
        earlier.describe(),
        later.describe()
    );
    // A copied file is what a person most likely put there by mistake; then the page.
    let blamed = [earlier, later]
        .into_iter()
        .find(|o| matches!(o, Origin::Copied(_)))
        .or_else(|| {
            [earlier, later]
                .into_iter()
                .find(|o| matches!(o, Origin::Alias(..)))
        })
        .or_else(|| [later, earlier].into_iter().find(|o| o.source().is_some()));
    let made = [earlier, later].into_iter().find_map(|o| match o {
        Origin::Made(what) => Some(what.as_str()),
        _ => None,
    });
    match blamed.and_then(Origin::source) {
        Some(path) => {
            let d = match blamed {
                Some(Origin::Alias(_, position)) => {
                    Diagnostic::error(message).at(path.clone(), *position)
                }
                _ => Diagnostic::error(message).in_file(path.clone()),
            };
            d.with_hint(match (blamed, made) {
                (Some(Origin::Copied(_)), _) => {
                    format!("rename or remove {}: that path is taken", path.display())
                }
                (Some(Origin::Alias(..)), _) => format!(
                    "remove that alias from {}: the address is taken",
                    path.display()
                ),
                (_, Some(what)) => {
                    format!("rename the page or its folder: toolkit puts {what} at {url}")
                }
                _ => "rename or move the page".to_string(),
            })
        }
        None => Diagnostic::error(message).with_hint("rename one of them"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes() -> FileContent {
        FileContent::Bytes(Vec::new())
    }

    #[test]
    fn the_sites_files_replace_a_themes_and_clash_with_everything_else() {
        let mut published = Published::default();
        let mut d = Diagnostics::new();
        let theme = Origin::Theme("the built-in theme".into());
        published.add("style.css".into(), bytes(), theme, "/style.css", &mut d);
        let mine = Origin::Copied("static/style.css".into());
        published.add("style.css".into(), bytes(), mine, "/style.css", &mut d);
        assert!(d.is_empty());
        let robots = Origin::Made("the robots.txt toolkit writes".into());
        published.add("robots.txt".into(), bytes(), robots, "/robots.txt", &mut d);
        let user = Origin::Copied("static/robots.txt".into());
        published.add("robots.txt".into(), bytes(), user, "/robots.txt", &mut d);
        let page = Origin::Page("content/guide.md".into());
        published.add("guide/index.html".into(), bytes(), page, "/guide/", &mut d);
        let copy = Origin::Copied("content/guide/index.html".into());
        published.add("guide/index.html".into(), bytes(), copy, "/guide/", &mut d);
        let shown: Vec<String> = d.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            shown,
            [
                "static/robots.txt: error: the robots.txt toolkit writes and static/robots.txt would both be published at /robots.txt\n  hint: rename or remove static/robots.txt: that path is taken",
                "content/guide/index.html: error: the page made from content/guide.md and content/guide/index.html would both be published at /guide/\n  hint: rename or remove content/guide/index.html: that path is taken",
            ]
        );
    }
}
