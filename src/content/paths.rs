//! From a file's path under `content/` to the page's identity: its language, its key (shared by
//! all translations), its section and its URL.

use std::path::Path;

use crate::diagnostics::Diagnostic;
use crate::slug::url_slug;

/// What a Markdown file under `content/` is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageIdentity {
    /// The language the file is written in.
    pub lang: String,
    /// The same for every translation: `playbooks/training`; a section's key is its folder
    /// (`playbooks`), the home page's key is empty.
    pub key: String,
    /// Whether the file is a section page (`_index.md`, or `index.md` as Hugo, Jekyll and GitHub
    /// name it).
    pub is_section: bool,
}

/// Why a file name cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameProblem {
    /// `page.de.md` where `de` is not one of the site's languages.
    UnknownLanguage(String),
}

impl NameProblem {
    /// The error about the file `shown`, for a site in `languages`.
    pub fn diagnostic(&self, languages: &[String], shown: &Path) -> Diagnostic {
        match self {
            NameProblem::UnknownLanguage(code) => Diagnostic::error(format!(
                "the file name says it is in language `{code}`, which is not one of the site's languages ({})",
                languages.join(", ")
            ))
            .in_file(shown)
            .with_hint(format!("add \"{code}\" to `languages` in site.toml, or rename the file")),
        }
    }
}

/// Classifies a Markdown file by its path relative to `content/` (with `/` separators).
pub fn identify(
    content_path: &str,
    languages: &[String],
    default_lang: &str,
) -> Result<PageIdentity, NameProblem> {
    let (dir, file) = match content_path.rsplit_once('/') {
        Some((d, f)) => (d, f),
        None => ("", content_path),
    };
    let stem = file.strip_suffix(".md").unwrap_or(file);
    let (stem, lang) = match stem.rsplit_once('.') {
        Some((base, code)) if languages.iter().any(|l| l == code) => (base, code.to_string()),
        Some((_, code)) if crate::config::is_language_code(code) => {
            return Err(NameProblem::UnknownLanguage(code.to_string()));
        }
        _ => (stem, default_lang.to_string()),
    };
    let dir_key = dir
        .split('/')
        .filter(|s| !s.is_empty())
        .map(url_segment)
        .collect::<Vec<_>>()
        .join("/");
    if stem == "_index" || stem == "index" {
        return Ok(PageIdentity {
            lang,
            key: dir_key,
            is_section: true,
        });
    }
    let segment = url_segment(stem);
    let key = if dir_key.is_empty() {
        segment
    } else {
        format!("{dir_key}/{segment}")
    };
    Ok(PageIdentity {
        lang,
        key,
        is_section: false,
    })
}

/// A folder or file name as it appears in a URL: kept when it holds only lower-case ASCII
/// letters, digits, hyphens and underscores, else made an ASCII slug ([`url_slug`]), so that page
/// URLs need no escapes; `page` when nothing of it is left.
pub fn url_segment(name: &str) -> String {
    if name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
    {
        name.to_string()
    } else {
        let s = url_slug(name);
        if s.is_empty() { "page".to_string() } else { s }
    }
}

/// The key of the section a page or section belongs to; `None` for the home page.
pub fn parent_key(key: &str, is_section: bool) -> Option<String> {
    if is_section && key.is_empty() {
        return None;
    }
    Some(match key.rsplit_once('/') {
        Some((parent, _)) => parent.to_string(),
        None => String::new(),
    })
}

/// The URL path of a page relative to the site's base: `playbooks/training/`, `nl/playbooks/`,
/// `` (the home page in the default language).
pub fn url_path(key: &str, lang: &str, default_lang: &str) -> String {
    let mut url = String::new();
    if lang != default_lang {
        url.push_str(lang);
        url.push('/');
    }
    if !key.is_empty() {
        url.push_str(key);
        url.push('/');
    }
    url
}

/// `training-timing` → `Training timing`.
pub fn humanise(name: &str) -> String {
    let words = name.replace(['-', '_'], " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn langs() -> Vec<String> {
        vec!["en".into(), "nl".into()]
    }

    fn id(path: &str) -> PageIdentity {
        identify(path, &langs(), "en").unwrap()
    }

    #[test]
    fn pages_sections_and_translations() {
        assert_eq!(
            id("a.md"),
            PageIdentity {
                lang: "en".into(),
                key: "a".into(),
                is_section: false
            }
        );
        assert_eq!(
            id("_index.md"),
            PageIdentity {
                lang: "en".into(),
                key: "".into(),
                is_section: true
            }
        );
        assert_eq!(
            id("_index.nl.md"),
            PageIdentity {
                lang: "nl".into(),
                key: "".into(),
                is_section: true
            }
        );
        assert_eq!(id("play/_index.md").key, "play");
        // `index.md` is the section page too, as Hugo, Jekyll and GitHub have it.
        assert_eq!(id("play/index.md"), id("play/_index.md"));
        assert_eq!(id("index.nl.md"), id("_index.nl.md"));
        assert_eq!(id("play/indexes.md").key, "play/indexes");
        assert_eq!(
            id("play/train.nl.md"),
            PageIdentity {
                lang: "nl".into(),
                key: "play/train".into(),
                is_section: false
            }
        );
        assert_eq!(id("play/train.en.md").lang, "en");
    }

    #[test]
    fn unknown_language_suffix() {
        assert_eq!(
            identify("a.de.md", &langs(), "en"),
            Err(NameProblem::UnknownLanguage("de".into()))
        );
        // A dot that is not a language code is part of the name.
        assert_eq!(id("v1.2.md").key, "v1-2");
    }

    #[test]
    fn odd_names_become_slugs() {
        assert_eq!(id("My Notes/Één plan.md").key, "my-notes/een-plan");
        assert_eq!(id("snake_case.md").key, "snake_case");
    }

    #[test]
    fn parents_and_urls() {
        assert_eq!(parent_key("", true), None);
        assert_eq!(parent_key("a", true), Some("".into()));
        assert_eq!(parent_key("a/b", false), Some("a".into()));
        assert_eq!(parent_key("b", false), Some("".into()));
        assert_eq!(url_path("", "en", "en"), "");
        assert_eq!(url_path("", "nl", "en"), "nl/");
        assert_eq!(url_path("a/b", "nl", "en"), "nl/a/b/");
    }
    #[test]
    fn humanise_names() {
        assert_eq!(super::humanise("training-timing"), "Training timing");
        assert_eq!(super::humanise(""), "");
    }
}
