//! Links written in Markdown, resolved to URLs: relative links to `.md` files become the target
//! page's URL in the linking page's language; links to other files under `content/` become their
//! URL; every target and anchor is checked.

use std::path::Path;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use super::Site;
use crate::content::paths::identify;
use crate::markdown::LinkSite;

/// Something to check once every page is rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    /// `target` page must have an element with id `fragment`.
    Anchor {
        target: usize,
        fragment: String,
        offset: usize,
        written: String,
    },
    /// A link written as `/path`: the output must have it.
    SitePath {
        path: String,
        offset: usize,
        written: String,
    },
}

/// A problem with a link: byte offset in the body, message, hint.
pub type LinkProblem = (usize, String, String);

/// How a link is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkForm<'a> {
    /// `https://…`, `mailto:…`, `//host/…`: left alone.
    External,
    /// `#anchor` in the same page.
    Fragment(&'a str),
    /// `/path#anchor`, from the site's base.
    SiteAbsolute(&'a str, Option<&'a str>),
    /// `../file.md#anchor`, relative to the linking file.
    Relative(&'a str, Option<&'a str>),
}

/// Sorts a link address by how it is written.
pub fn classify(destination: &str) -> LinkForm<'_> {
    if destination.starts_with("//") || has_scheme(destination) {
        return LinkForm::External;
    }
    if let Some(fragment) = destination.strip_prefix('#') {
        return LinkForm::Fragment(fragment);
    }
    let (path, fragment) = match destination.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (destination, None),
    };
    let path = path.split('?').next().unwrap_or(path);
    match path.strip_prefix('/') {
        Some(_) => LinkForm::SiteAbsolute(path, fragment),
        None => LinkForm::Relative(path, fragment),
    }
}

fn has_scheme(destination: &str) -> bool {
    match destination.find(':') {
        Some(i) => {
            let scheme = &destination[..i];
            !scheme.is_empty()
                && scheme
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// Joins a relative path onto a folder under `content/`; `None` when it climbs out of `content/`.
pub fn join(folder: &str, relative: &str) -> Option<String> {
    let mut parts: Vec<&str> = folder.split('/').filter(|s| !s.is_empty()).collect();
    for part in relative.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

/// Decodes `%20` and other percent escapes in a link path; the text as written when it does
/// not decode to UTF-8.
pub fn percent_decode(text: &str) -> String {
    crate::text::percent_decode(text).unwrap_or_else(|| text.to_string())
}

/// What a file path keeps as it is in a URL: ASCII letters, digits and `-._~/`.
const PATH_KEEPS: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');

/// Encodes the characters of a file path that may not stand in a URL as they are.
pub fn percent_encode_path(path: &str) -> String {
    utf8_percent_encode(path, PATH_KEEPS).to_string()
}

impl Site {
    /// Resolves one link of page `page` and returns the address to write.
    pub(super) fn resolve_link(
        &self,
        page: usize,
        link: LinkSite<'_>,
        checks: &mut Vec<Check>,
        problems: &mut Vec<LinkProblem>,
    ) -> String {
        let written = link.destination;
        let this = &self.pages[page];
        match classify(written) {
            LinkForm::External => written.to_string(),
            LinkForm::Fragment(fragment) => {
                checks.push(Check::Anchor {
                    target: page,
                    fragment: percent_decode(fragment),
                    offset: link.offset,
                    written: written.to_string(),
                });
                written.to_string()
            }
            LinkForm::SiteAbsolute(path, fragment) => {
                checks.push(Check::SitePath {
                    path: percent_decode(path),
                    offset: link.offset,
                    written: written.to_string(),
                });
                let mut url = self.url_path(&path[1..]);
                if let Some(f) = fragment {
                    url.push('#');
                    url.push_str(f);
                }
                url
            }
            LinkForm::Relative(path, fragment) => {
                let folder = this
                    .source
                    .as_deref()
                    .and_then(|s| s.strip_prefix("content").ok())
                    .and_then(Path::parent)
                    .map(|p| p.to_string_lossy().replace('\\', "/"))
                    .unwrap_or_default();
                let Some(target) = join(&folder, &percent_decode(path)) else {
                    problems.push((
                        link.offset,
                        format!("the link `{written}` points outside content/"),
                        "link to pages and files inside content/; write site paths as /path"
                            .to_string(),
                    ));
                    return written.to_string();
                };
                match self.find_link_target(&target, path.ends_with(".md"), &this.lang) {
                    Ok(Target::Page(index)) => {
                        let mut url = self.url_path(self.public(index).url);
                        if let Some(f) = fragment {
                            checks.push(Check::Anchor {
                                target: index,
                                fragment: percent_decode(f),
                                offset: link.offset,
                                written: written.to_string(),
                            });
                            url.push('#');
                            url.push_str(f);
                        }
                        url
                    }
                    Ok(Target::Broken) => written.to_string(),
                    Ok(Target::Asset) => {
                        let mut url = self.url_path(&percent_encode_path(&target));
                        if let Some(f) = fragment {
                            url.push('#');
                            url.push_str(f);
                        }
                        url
                    }
                    Err((message, hint)) => {
                        problems.push((
                            link.offset,
                            format!("the link `{written}` {message}"),
                            hint,
                        ));
                        written.to_string()
                    }
                }
            }
        }
    }

    fn find_link_target(
        &self,
        target: &str,
        is_markdown: bool,
        lang: &str,
    ) -> Result<Target, (String, String)> {
        if is_markdown {
            let identity = identify(
                target,
                &self.config.languages,
                &self.config.default_language,
            )
            .map_err(|_| {
                (
                    format!("points to content/{target}, whose language is not one of the site's"),
                    String::new(),
                )
            })?;
            let stem = target.strip_suffix(".md").unwrap_or(target);
            let explicit_language = self
                .config
                .languages
                .iter()
                .any(|l| stem.ends_with(&format!(".{l}")));
            let wanted = if explicit_language {
                identity.lang.clone()
            } else {
                lang.to_string()
            };
            if let Some(&i) = self.index.get(&(identity.key.clone(), wanted.clone())) {
                return Ok(Target::Page(i));
            }
            if !explicit_language
                && let Some(&i) = self
                    .index
                    .get(&(identity.key.clone(), self.config.default_language.clone()))
            {
                return Ok(Target::Page(i));
            }
            let default = self.config.default_language.clone();
            if self
                .broken
                .contains(&(identity.key.clone(), wanted.clone()))
                || self.broken.contains(&(identity.key.clone(), default))
            {
                return Ok(Target::Broken);
            }
            if self.drafts.contains(&(identity.key.clone(), wanted)) {
                return Err((
                    format!("points to content/{target}, which is a draft"),
                    "build with --drafts to see it, or remove the link until the page is published"
                        .to_string(),
                ));
            }
            return Err((
                format!("points to content/{target}, which does not exist"),
                self.suggest_page(target),
            ));
        }
        let folder = target.trim_end_matches('/');
        if let Some(&i) = self.index.get(&(folder.to_string(), lang.to_string()))
            && self.public(i).is_section
        {
            return Ok(Target::Page(i));
        }
        if self.assets.contains_key(target) {
            return Ok(Target::Asset);
        }
        Err((
            format!("points to content/{target}, which does not exist"),
            "links are relative to the file they are written in; link to pages by their .md file"
                .to_string(),
        ))
    }

    /// A hint naming the existing page whose file name is closest to `target`.
    fn suggest_page(&self, target: &str) -> String {
        let files: Vec<String> = self
            .pages
            .iter()
            .filter_map(|p| p.source.as_deref())
            .filter_map(|s| s.strip_prefix("content").ok())
            .map(|s| s.to_string_lossy().replace('\\', "/"))
            .collect();
        match crate::diagnostics::closest(target, &files, 3) {
            Some(candidate) => {
                format!(
                    "did you mean content/{candidate}? Links are relative to the file they are written in"
                )
            }
            _ => "links are relative to the file they are written in, such as ../tools/planner.md"
                .to_string(),
        }
    }
}

enum Target {
    Page(usize),
    Asset,
    /// A page with problems of its own, already reported.
    Broken,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_forms() {
        assert_eq!(classify("https://doi.org/10.1/x"), LinkForm::External);
        assert_eq!(classify("mailto:a@b.org"), LinkForm::External);
        assert_eq!(classify("//cdn.example/x.js"), LinkForm::External);
        assert_eq!(classify("#timing"), LinkForm::Fragment("timing"));
        assert_eq!(
            classify("/downloads/a.pdf"),
            LinkForm::SiteAbsolute("/downloads/a.pdf", None)
        );
        assert_eq!(
            classify("../a.md#x"),
            LinkForm::Relative("../a.md", Some("x"))
        );
        assert_eq!(classify("img.png?v=2"), LinkForm::Relative("img.png", None));
        assert_eq!(classify("c:relative"), LinkForm::External);
    }

    #[test]
    fn joining_paths() {
        assert_eq!(
            join("playbooks", "../tools/a.md").as_deref(),
            Some("tools/a.md")
        );
        assert_eq!(join("", "./a.md").as_deref(), Some("a.md"));
        assert_eq!(join("a/b", "../../c.md").as_deref(), Some("c.md"));
        assert_eq!(join("", "../c.md"), None);
    }

    #[test]
    fn percent_coding() {
        assert_eq!(percent_decode("my%20file.md"), "my file.md");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_encode_path("a b/é.png"), "a%20b/%C3%A9.png");
    }
}
