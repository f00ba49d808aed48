//! Links written in Markdown, resolved to URLs: relative links to `.md` files become the target
//! page's URL in the linking page's language; links to other files under `content/` become their
//! URL; every target and anchor is checked.

use std::path::Path;

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

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

/// A problem with a link, found while resolving it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkProblem {
    /// Byte offset of the link in the body.
    pub offset: usize,
    pub message: String,
    /// What to do; may be empty.
    pub hint: String,
    /// A warning rather than an error: the link is kept as written.
    pub warning: bool,
}

impl LinkProblem {
    fn error(offset: usize, message: String, hint: impl Into<String>) -> LinkProblem {
        LinkProblem {
            offset,
            message,
            hint: hint.into(),
            warning: false,
        }
    }
}

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

/// What a file path encodes in a URL: every character that may not stand in a URL path as it is
/// (RFC 3986 keeps letters, digits, `-._~`, `!$&'()*+,;=`, `:`, `@` and `/`), `%` (the path is
/// a file name, already decoded) and everything outside ASCII.
const PATH_ENCODES: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// Encodes the characters of a file path that may not stand in a URL path as they are; the
/// others (`(`, `)`, `'`, `+`, …) stay as written.
pub fn percent_encode_path(path: &str) -> String {
    utf8_percent_encode(path, PATH_ENCODES).to_string()
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
        if written.trim().is_empty() {
            problems.push(LinkProblem {
                offset: link.offset,
                message: format!(
                    "this {} has no address; it is kept empty",
                    if link.is_image { "image" } else { "link" }
                ),
                hint: "write where it should point, such as [text](other-page.md), or remove it"
                    .to_string(),
                warning: true,
            });
            return written.to_string();
        }
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
                let decoded = percent_decode(path);
                match (fragment, self.page_at(&decoded)) {
                    (Some(f), Some(target)) => checks.push(Check::Anchor {
                        target,
                        fragment: percent_decode(f),
                        offset: link.offset,
                        written: written.to_string(),
                    }),
                    _ => checks.push(Check::SitePath {
                        path: decoded,
                        offset: link.offset,
                        written: written.to_string(),
                    }),
                }
                let mut url = self.url_path(&path[1..]);
                url.push_str(&written[path.len()..]);
                url
            }
            LinkForm::Relative(path, fragment) => {
                // `.`, `./` or only a query (`?q=1`): this page itself, kept as written.
                if path.split('/').all(|s| s.is_empty() || s == ".") {
                    if let Some(f) = fragment {
                        checks.push(Check::Anchor {
                            target: page,
                            fragment: percent_decode(f),
                            offset: link.offset,
                            written: written.to_string(),
                        });
                    }
                    return written.to_string();
                }
                let folder = this
                    .source
                    .as_deref()
                    .and_then(|s| s.strip_prefix("content").ok())
                    .and_then(Path::parent)
                    .map(|p| p.to_string_lossy().replace('\\', "/"))
                    .unwrap_or_default();
                let Some(target) = join(&folder, &percent_decode(path)) else {
                    problems.push(LinkProblem::error(
                        link.offset,
                        format!("the link `{written}` points outside content/"),
                        "link to pages and files inside content/; write site paths as /path",
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
                        // The query and the anchor, as written.
                        url.push_str(&written[path.len()..]);
                        url
                    }
                    Err((message, hint)) => {
                        let hint = if path.contains('@') && !path.contains('/') {
                            format!(
                                "to link an e-mail address, write <{path}> or [text](mailto:{path})"
                            )
                        } else {
                            hint
                        };
                        problems.push(LinkProblem::error(
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

    /// The page published at a path written from the site's base (`/guide/`, `/nl/guide`,
    /// `/guide/index.html`), when it is one made from a Markdown file.
    fn page_at(&self, path: &str) -> Option<usize> {
        let relative = path.trim_start_matches('/');
        let relative = relative.strip_suffix("index.html").unwrap_or(relative);
        let relative = relative.trim_end_matches('/');
        self.pages.iter().position(|p| {
            p.source.is_some() && p.url.strip_suffix('/').unwrap_or(&p.url) == relative
        })
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
        // What RFC 3986 allows in a path stays as written.
        assert_eq!(
            percent_encode_path("foo(and(bar))/it's+a,b;c=d:e@f!$*~"),
            "foo(and(bar))/it's+a,b;c=d:e@f!$*~"
        );
        assert_eq!(
            percent_encode_path("100%#?[x]{y}<z>|^`\\\""),
            "100%25%23%3F%5Bx%5D%7By%7D%3Cz%3E%7C%5E%60%5C%22"
        );
    }
}
