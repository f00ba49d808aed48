//! `site.toml`: the site's settings, parsed strictly (an unknown key is an error) and validated.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::diagnostics::{Diagnostic, LineIndex};
use crate::slug::is_slug;

/// Text that may differ per language: either one string or a table `{ en = "…", nl = "…" }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum LocalizedText {
    Same(String),
    PerLanguage(BTreeMap<String, String>),
}

impl LocalizedText {
    /// The text for `lang`, falling back to `default_lang`, then to any text there is.
    pub fn get<'a>(&'a self, lang: &str, default_lang: &str) -> &'a str {
        match self {
            LocalizedText::Same(s) => s,
            LocalizedText::PerLanguage(map) => map
                .get(lang)
                .or_else(|| map.get(default_lang))
                .or_else(|| map.values().next())
                .map(String::as_str)
                .unwrap_or(""),
        }
    }

    fn languages(&self) -> Vec<&str> {
        match self {
            LocalizedText::Same(_) => Vec::new(),
            LocalizedText::PerLanguage(map) => map.keys().map(String::as_str).collect(),
        }
    }
}

impl<'de> Deserialize<'de> for LocalizedText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = LocalizedText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string, or a table of strings by language such as { en = \"…\", nl = \"…\" }")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(LocalizedText::Same(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut texts = BTreeMap::new();
                while let Some((k, v)) = map.next_entry::<String, String>()? {
                    texts.insert(k, v);
                }
                Ok(LocalizedText::PerLanguage(texts))
            }
        }
        deserializer.deserialize_any(TextVisitor)
    }
}

/// One CFIR domain (or any grouping a site defines): the tools refer to it by slug.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDomain {
    slug: Spanned<String>,
    name: LocalizedText,
    #[serde(default)]
    description: Option<LocalizedText>,
    #[serde(default)]
    constructs: Vec<Spanned<RawConstruct>>,
}

/// A construct of a domain (`[[domains.constructs]]`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConstruct {
    id: Spanned<String>,
    #[serde(default)]
    parent: Option<Spanned<String>>,
    name: LocalizedText,
}

#[derive(Debug, Deserialize)]
struct RawConfig {
    title: LocalizedText,
    #[serde(default)]
    description: Option<LocalizedText>,
    base_url: Spanned<String>,
    #[serde(default)]
    default_language: Option<Spanned<String>>,
    #[serde(default)]
    languages: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    theme: Option<Spanned<String>>,
    #[serde(default)]
    output_dir: Option<Spanned<String>>,
    #[serde(default)]
    cname: Option<Spanned<String>>,
    #[serde(default)]
    offline: Option<bool>,
    #[serde(default)]
    allowed_hosts: Vec<Spanned<String>>,
    #[serde(default)]
    domains: Vec<Spanned<RawDomain>>,
    #[serde(default)]
    extra: toml::Table,
}

/// The top-level keys of `RawConfig`; any other must be a kind's section.
const FIELDS: [&str; 12] = [
    "title",
    "description",
    "base_url",
    "default_language",
    "languages",
    "theme",
    "output_dir",
    "cname",
    "offline",
    "allowed_hosts",
    "domains",
    "extra",
];

/// A domain as the templates and tools see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Domain {
    pub slug: String,
    pub name: LocalizedText,
    pub description: Option<LocalizedText>,
}

/// The validated site settings.
#[derive(Debug, Clone)]
pub struct Config {
    pub title: LocalizedText,
    pub description: Option<LocalizedText>,
    /// Always ends with `/`, e.g. `https://org.github.io/toolkit/`.
    pub base_url: String,
    /// The path part of `base_url`: `/toolkit/`, or `/`.
    pub base_path: String,
    pub default_language: String,
    /// Every language, the default first.
    pub languages: Vec<String>,
    pub theme: String,
    /// Where `theme` was written, for errors about it.
    pub theme_position: Option<crate::diagnostics::Position>,
    pub output_dir: PathBuf,
    pub cname: Option<String>,
    /// Whether the build writes a service worker that keeps the site for reading offline.
    pub offline: bool,
    /// Other hosts pages may load images, media, frames and scripts from, as written
    /// (`player.vimeo.com`); the Content-Security-Policy allows them over https.
    pub allowed_hosts: Vec<String>,
    pub domains: Vec<Domain>,
    /// The constructs listed under the domains (empty: pages name constructs in free text).
    pub constructs: crate::constructs::Constructs,
    /// The text of site.toml, from which kinds read their own sections (`[stakeholders]`).
    pub source: String,
    /// What kinds read from their sections, by section name.
    pub kind_settings: std::collections::BTreeMap<String, serde_json::Value>,
    pub extra: toml::Table,
}

/// The keys a `site.toml` may have, for hints.
const KEYS: &str = "title, description, base_url, default_language, languages, theme, output_dir, cname, offline, allowed_hosts, [[domains]], [extra]";

impl Config {
    /// Reads and validates `site.toml` at `path`; `shown` is the path to use in messages.
    /// `sections` are the top-level tables kinds read for themselves (`stakeholders`).
    pub fn from_file(
        path: &Path,
        shown: &Path,
        sections: &[&str],
    ) -> Result<Config, Vec<Diagnostic>> {
        let text = crate::fsutil::read_text(path, shown).map_err(|d| vec![d])?;
        Config::parse(&text, shown, sections)
    }

    /// Parses and validates the text of a `site.toml`. A top-level key that is neither a
    /// setting nor one of `sections` (which kinds read for themselves) is an error.
    pub fn parse(text: &str, shown: &Path, sections: &[&str]) -> Result<Config, Vec<Diagnostic>> {
        let lines = LineIndex::new(text);
        let at = |offset: usize| lines.position(text, offset);
        let unknown =
            unknown_keys(text, sections).map_err(|e| vec![syntax_problem(&e, text, shown, &at)])?;
        if !unknown.is_empty() {
            return Err(unknown
                .into_iter()
                .map(|(key, offset, hint)| {
                    Diagnostic::error(format!("unknown key `{key}`"))
                        .at(shown, at(offset))
                        .with_hint(hint)
                })
                .collect());
        }
        let raw: RawConfig =
            toml::from_str(text).map_err(|e| vec![syntax_problem(&e, text, shown, &at)])?;

        let mut problems = Vec::new();
        let mut problem = |offset: usize, message: String, hint: &str| {
            let mut d = Diagnostic::error(message).at(shown, at(offset));
            if !hint.is_empty() {
                d = d.with_hint(hint.to_string());
            }
            problems.push(d);
        };

        let (base_url, base_path) = match normalise_base_url(raw.base_url.get_ref()) {
            Ok(pair) => pair,
            Err(why) => {
                problem(
                    raw.base_url.span().start,
                    why,
                    "write a full address such as \"https://org.github.io/toolkit/\"",
                );
                ("/".to_string(), "/".to_string())
            }
        };

        let default_language = match &raw.default_language {
            Some(lang) => lang.get_ref().clone(),
            None => "en".to_string(),
        };
        let mut languages = vec![default_language.clone()];
        if let Some(list) = &raw.languages {
            for lang in list.get_ref() {
                if !is_language_code(lang.get_ref()) {
                    problem(
                        lang.span().start,
                        format!("`{}` is not a language code", lang.get_ref()),
                        "use a code such as \"en\", \"nl\" or \"pt-BR\"",
                    );
                } else if !languages.contains(lang.get_ref()) {
                    languages.push(lang.get_ref().clone());
                }
            }
            if !list
                .get_ref()
                .iter()
                .any(|l| *l.get_ref() == default_language)
            {
                problem(
                    list.span().start,
                    format!(
                        "`languages` does not include the default language `{default_language}`"
                    ),
                    "add it to the list, or change default_language",
                );
            }
        }
        if !is_language_code(&default_language) {
            let offset = raw
                .default_language
                .as_ref()
                .map(|l| l.span().start)
                .unwrap_or(0);
            problem(
                offset,
                format!("`{default_language}` is not a language code"),
                "use a code such as \"en\" or \"nl\"",
            );
        }

        let check_text = |text: &LocalizedText,
                          what: &str,
                          offset: usize,
                          problem: &mut dyn FnMut(usize, String, &str)| {
            for lang in text.languages() {
                if !languages.iter().any(|l| l == lang) {
                    problem(
                        offset,
                        format!("{what} has a text for `{lang}`, which is not in `languages`"),
                        "add the language to `languages`, or remove the text",
                    );
                }
            }
            if let LocalizedText::PerLanguage(map) = text
                && !map.contains_key(&default_language)
            {
                problem(
                    offset,
                    format!("{what} has no text for the default language `{default_language}`"),
                    &format!(
                        "add `{default_language} = \"…\"` to it; pages in other languages fall back to that text"
                    ),
                );
            }
        };
        let title_offset = find_key(text, "title");
        check_text(&raw.title, "`title`", title_offset, &mut problem);
        if let Some(d) = &raw.description {
            check_text(
                d,
                "`description`",
                find_key(text, "description"),
                &mut problem,
            );
        }

        let mut domains: Vec<Domain> = Vec::new();
        let mut constructs: Vec<crate::constructs::Construct> = Vec::new();
        for domain in &raw.domains {
            let start = domain.span().start;
            let d = domain.get_ref();
            let slug = d.slug.get_ref();
            if !is_slug(slug) {
                problem(
                    d.slug.span().start,
                    format!(
                        "domain slug `{slug}` may only hold lowercase letters (of any script), digits and single hyphens"
                    ),
                    &match crate::slug::slugify(slug) {
                        close if !close.is_empty() => format!("write it like \"{close}\""),
                        _ => "for example \"inner-setting\"".to_string(),
                    },
                );
            } else if domains.iter().any(|x| x.slug == *slug) {
                problem(
                    d.slug.span().start,
                    format!("domain `{slug}` is defined twice"),
                    "give each domain its own slug",
                );
            }
            check_text(
                &d.name,
                &format!("the name of domain `{slug}`"),
                start,
                &mut problem,
            );
            for construct in &d.constructs {
                read_construct(
                    construct,
                    slug,
                    &d.constructs,
                    &mut constructs,
                    &check_text,
                    &mut problem,
                );
            }
            domains.push(Domain {
                slug: slug.clone(),
                name: d.name.clone(),
                description: d.description.clone(),
            });
        }

        let theme = raw
            .theme
            .as_ref()
            .map(|t| t.get_ref().clone())
            .unwrap_or_else(|| "default".into());
        if theme.is_empty()
            || !theme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            let offset = raw.theme.as_ref().map(|t| t.span().start).unwrap_or(0);
            problem(
                offset,
                format!("theme `{theme}` is not a folder name"),
                "name a folder under themes/, such as \"default\"",
            );
        }
        let theme_position = raw.theme.as_ref().map(|t| at(t.span().start));

        let output_dir = match &raw.output_dir {
            Some(dir) if dir.get_ref().trim().is_empty() => {
                problem(
                    dir.span().start,
                    "`output_dir` is empty".into(),
                    "use a folder name such as \"public\"",
                );
                PathBuf::from("public")
            }
            Some(dir) => PathBuf::from(dir.get_ref()),
            None => PathBuf::from("public"),
        };

        let cname = match &raw.cname {
            Some(c) => {
                let name = c.get_ref().trim();
                if name.is_empty() || name.contains('/') || name.contains(char::is_whitespace) {
                    problem(
                        c.span().start,
                        format!("`cname` must be a host name, not `{}`", c.get_ref()),
                        "for example \"toolkit.example.org\"",
                    );
                }
                Some(name.to_string())
            }
            None => None,
        };

        let mut allowed_hosts = Vec::new();
        for host in &raw.allowed_hosts {
            match crate::csp::allowed_host(host.get_ref()) {
                Ok(name) => allowed_hosts.push(name),
                Err(why) => problem(
                    host.span().start,
                    why,
                    "write a host name such as \"player.vimeo.com\" (pages load it over https)",
                ),
            }
        }

        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Config {
            title: raw.title,
            description: raw.description,
            base_url,
            base_path,
            default_language,
            languages,
            theme,
            theme_position,
            output_dir,
            cname,
            offline: raw.offline.unwrap_or(true),
            allowed_hosts,
            domains,
            constructs: crate::constructs::Constructs(constructs),
            source: text.to_string(),
            kind_settings: std::collections::BTreeMap::new(),
            extra: raw.extra,
        })
    }

    /// Replaces `base_url` (from `--base-url`).
    pub fn set_base_url(&mut self, url: &str) -> Result<(), String> {
        let (base_url, base_path) = normalise_base_url(url)?;
        self.base_url = base_url;
        self.base_path = base_path;
        Ok(())
    }

    /// The constructs the site lists, to resolve what a page names.
    pub fn constructs(&self) -> &crate::constructs::Constructs {
        &self.constructs
    }

    pub fn domain(&self, slug: &str) -> Option<&Domain> {
        self.domains.iter().find(|d| d.slug == slug)
    }

    pub fn is_language(&self, code: &str) -> bool {
        self.languages.iter().any(|l| l == code)
    }
}

/// Checks a text per language: `(text, what it is, where, report a problem)`.
type CheckText<'a> = dyn Fn(&LocalizedText, &str, usize, &mut dyn FnMut(usize, String, &str)) + 'a;

/// Checks one `[[domains.constructs]]` of the domain `domain` (`siblings` are all of that
/// domain's) and adds it to `constructs`: an id that is a slug and not listed before, a parent
/// that is a construct of the same domain and not itself a subconstruct, a name per language.
fn read_construct(
    construct: &Spanned<RawConstruct>,
    domain: &str,
    siblings: &[Spanned<RawConstruct>],
    constructs: &mut Vec<crate::constructs::Construct>,
    check_text: &CheckText<'_>,
    problem: &mut dyn FnMut(usize, String, &str),
) {
    let c = construct.get_ref();
    let id = c.id.get_ref();
    if !is_slug(id) || !id.is_ascii() {
        problem(
            c.id.span().start,
            format!(
                "construct id `{id}` may only hold lowercase letters a-z, digits and single hyphens"
            ),
            &match crate::slug::slugify(&id.replace('&', " and ")) {
                close if !close.is_empty() && close.is_ascii() => {
                    format!("write it like \"{close}\"")
                }
                _ => "for example \"available-resources\"".to_string(),
            },
        );
    } else if let Some(first) = constructs.iter().find(|x| x.id == *id) {
        problem(
            c.id.span().start,
            format!(
                "construct `{id}` is listed twice (first under domain `{}`)",
                first.domain
            ),
            "give each construct its own id",
        );
    }
    if let Some(parent) = &c.parent {
        let name = parent.get_ref();
        let sibling = siblings.iter().find(|s| s.get_ref().id.get_ref() == name);
        match sibling {
            None => problem(
                parent.span().start,
                format!(
                    "construct `{id}` names the parent `{name}`, which domain `{domain}` does not list"
                ),
                &match crate::diagnostics::closest(
                    name,
                    siblings.iter().map(|s| s.get_ref().id.get_ref().as_str()),
                    3,
                ) {
                    Some(close) => format!(
                        "did you mean `{close}`? a subconstruct's parent is a construct of the same domain"
                    ),
                    None => "a subconstruct's parent is the id of a construct of the same domain"
                        .to_string(),
                },
            ),
            Some(s) if s.get_ref().parent.is_some() => problem(
                parent.span().start,
                format!(
                    "construct `{id}` names the parent `{name}`, which is itself a subconstruct"
                ),
                &format!("name the construct `{name}` belongs to, or remove its `parent`"),
            ),
            Some(_) => {}
        }
    }
    check_text(
        &c.name,
        &format!("the name of construct `{id}`"),
        construct.span().start,
        problem,
    );
    constructs.push(crate::constructs::Construct {
        id: id.clone(),
        domain: domain.to_string(),
        parent: c.parent.as_ref().map(|p| p.get_ref().clone()),
        name: c.name.clone(),
    });
}

/// Checks a base URL and splits off its path: `https://a.org/sub` → (`https://a.org/sub/`, `/sub/`).
/// The host must be a plain host name or address with an optional port, and the path plain
/// segments: a `//` in the path would make every link on the site point to another host.
pub fn normalise_base_url(url: &str) -> Result<(String, String), String> {
    let url = url.trim();
    let shown = url.escape_debug();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| format!("base_url `{shown}` must start with https:// or http://"))?;
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    if authority.is_empty() || authority.contains(char::is_whitespace) {
        return Err(format!("base_url `{shown}` has no host name"));
    }
    if authority.contains('@') {
        return Err(format!(
            "base_url `{shown}` holds a user name or password, which would be published in every page and the sitemap"
        ));
    }
    check_authority(authority).map_err(|why| format!("base_url `{shown}` {why}"))?;
    if path.contains(['?', '#', ' ']) {
        return Err(format!(
            "base_url `{shown}` may not contain a query, a fragment or spaces"
        ));
    }
    if path.contains(|c: char| c == '\\' || c.is_control()) {
        return Err(format!(
            "base_url `{shown}` has a backslash or a control character in its path"
        ));
    }
    let segments: Vec<&str> = path[1..].split('/').collect();
    let last = segments.len() - 1;
    for (i, segment) in segments.iter().enumerate() {
        if (segment.is_empty() && i != last) || *segment == "." || *segment == ".." {
            return Err(format!(
                "base_url `{shown}` has an empty, `.` or `..` part in its path (`{path}`)"
            ));
        }
    }
    let mut path = path.to_string();
    if !path.ends_with('/') {
        path.push('/');
    }
    let scheme = &url[..url.len() - rest.len()];
    Ok((format!("{scheme}{authority}{path}"), path))
}

/// Checks `host[:port]`: a host name of letters, digits, hyphens and dots, an IPv4 address or a
/// bracketed IPv6 address, and a port from 1 to 65535.
fn check_authority(authority: &str) -> Result<(), String> {
    let (host, port) = if let Some(rest) = authority.strip_prefix('[') {
        let (inside, after) = rest
            .split_once(']')
            .ok_or("has an IPv6 address without its closing `]`")?;
        inside
            .parse::<std::net::Ipv6Addr>()
            .map_err(|_| "has an IPv6 address that is not valid")?;
        match after {
            "" => (inside, None),
            _ => (
                inside,
                Some(
                    after
                        .strip_prefix(':')
                        .ok_or("has text after its IPv6 address")?,
                ),
            ),
        }
    } else {
        match authority.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        }
    };
    if !authority.starts_with('[') {
        let labels_ok = host.split('.').enumerate().all(|(i, label)| {
            (!label.is_empty() || (i > 0 && host.ends_with('.') && host.len() > 1))
                && label.len() <= 63
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        });
        if host.is_empty() || !labels_ok {
            return Err(format!(
                "has a host name, `{}`, with characters a host name cannot have (write an international name in its xn-- form)",
                host.escape_debug()
            ));
        }
    }
    if let Some(port) = port
        && !port.parse::<u16>().is_ok_and(|p| p > 0)
    {
        return Err(format!(
            "has a port, `{}`, that is not a number from 1 to 65535",
            port.escape_debug()
        ));
    }
    Ok(())
}

/// `en`, `nl`, `pt-BR`, `zh-Hant`.
pub fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// A TOML error of site.toml as a diagnostic at its place, with a hint.
fn syntax_problem(
    e: &toml::de::Error,
    text: &str,
    shown: &Path,
    at: &dyn Fn(usize) -> crate::diagnostics::Position,
) -> Diagnostic {
    let position = at(e.span().map(|s| s.start).unwrap_or(0));
    let mut d = crate::toml_errors::toml_error(e, text, KEYS).at(shown, position);
    d.hint
        .get_or_insert_with(|| crate::toml_errors::GENERIC_HINT.to_string());
    d
}

/// The top-level keys of `text` that are neither settings nor `sections`, each with where it
/// is written and a hint.
fn unknown_keys(
    text: &str,
    sections: &[&str],
) -> Result<Vec<(String, usize, String)>, toml::de::Error> {
    let table: toml::Table = toml::from_str(text)?;
    // The kinds' sections before `extra`, which comes last as the place for anything else.
    let mut known: Vec<&str> = FIELDS.iter().copied().filter(|f| *f != "extra").collect();
    known.extend_from_slice(sections);
    known.push("extra");
    Ok(table
        .keys()
        .filter(|key| !known.contains(&key.as_str()))
        .map(|key| {
            let hint = match crate::diagnostics::closest(key, known.iter().copied(), 2) {
                Some(close) => {
                    format!("did you mean `{close}`? The keys are: {}", known.join(", "))
                }
                None => format!("the keys are: {}", known.join(", ")),
            };
            (key.clone(), find_top_level(text, key), hint)
        })
        .collect())
}

/// The byte offset of a top-level key: its `key =` line or its `[key]` / `[[key]]` header.
fn find_top_level(text: &str, key: &str) -> usize {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let header = trimmed.trim_start_matches('[').trim_start();
        if trimmed.starts_with('[')
            && let Some(rest) = header.strip_prefix(key)
            && rest.trim_start().starts_with([']', '.'])
        {
            return offset + (line.len() - trimmed.len());
        }
        offset += line.len();
    }
    find_key(text, key)
}

/// The byte offset of a top-level `key =` line, for errors about values that have no span.
fn find_key(text: &str, key: &str) -> usize {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix(key)
            && rest.trim_start().starts_with('=')
        {
            return offset + (line.len() - trimmed.len());
        }
        offset += line.len();
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Vec<String>> {
        Config::parse(text, Path::new("site.toml"), &["stakeholders"])
            .map_err(|ds| ds.iter().map(|d| d.to_string()).collect())
    }

    #[test]
    fn minimal_config_gets_defaults() {
        let c = parse("title = \"T\"\nbase_url = \"https://example.org\"\n").unwrap();
        assert_eq!(c.base_url, "https://example.org/");
        assert_eq!(c.base_path, "/");
        assert_eq!(c.languages, ["en"]);
        assert_eq!(c.theme, "default");
        assert_eq!(c.output_dir, PathBuf::from("public"));
    }

    #[test]
    fn base_url_path_is_kept() {
        let c = parse("title = \"T\"\nbase_url = \"https://org.github.io/toolkit\"\n").unwrap();
        assert_eq!(c.base_url, "https://org.github.io/toolkit/");
        assert_eq!(c.base_path, "/toolkit/");
    }

    #[test]
    fn unknown_key_is_an_error_with_line_and_suggestion() {
        let e = parse("title = \"T\"\nbase_url = \"https://e.org/\"\noutput_dri = \"x\"\n")
            .unwrap_err();
        assert_eq!(e.len(), 1);
        assert!(
            e[0].starts_with(
                "site.toml:3:1: error: unknown key `output_dri`\n  hint: did you mean `output_dir`?"
            ),
            "{}",
            e[0]
        );
    }

    #[test]
    fn localized_title_and_languages() {
        let c = parse("title = { en = \"A\", nl = \"B\" }\nbase_url = \"https://e.org/\"\nlanguages = [\"en\", \"nl\"]\n").unwrap();
        assert_eq!(c.title.get("nl", "en"), "B");
        assert_eq!(c.title.get("de", "en"), "A");
        assert_eq!(c.languages, ["en", "nl"]);
    }

    #[test]
    fn text_for_unknown_language_is_an_error() {
        let e = parse("title = { en = \"A\", fr = \"B\" }\nbase_url = \"https://e.org/\"\n")
            .unwrap_err();
        assert_eq!(
            e[0],
            "site.toml:1:1: error: `title` has a text for `fr`, which is not in `languages`\n  hint: add the language to `languages`, or remove the text"
        );
    }

    #[test]
    fn bad_base_url_and_domain_slug() {
        let e = parse("title = \"T\"\nbase_url = \"example.org\"\n[[domains]]\nslug = \"Inner Setting\"\nname = \"x\"\n").unwrap_err();
        assert_eq!(e.len(), 2);
        assert!(
            e[0].starts_with(
                "site.toml:2:12: error: base_url `example.org` must start with https:// or http://"
            ),
            "{}",
            e[0]
        );
        assert_eq!(
            e[1],
            "site.toml:4:8: error: domain slug `Inner Setting` may only hold lowercase letters (of any script), digits and single hyphens\n  hint: write it like \"inner-setting\""
        );
    }

    #[test]
    fn base_url_must_keep_links_on_its_host() {
        for (bad, why) in [
            (
                "https://org.github.io//evil.example/",
                "has an empty, `.` or `..` part in its path (`//evil.example/`)",
            ),
            (
                "https://example.org/../../",
                "has an empty, `.` or `..` part in its path (`/../../`)",
            ),
            (
                "https://example.org/a/./b/",
                "has an empty, `.` or `..` part in its path (`/a/./b/`)",
            ),
            (
                "https://example.org/a\\b/",
                "has a backslash or a control character in its path",
            ),
            (
                "https://example.org:99999/",
                "has a port, `99999`, that is not a number from 1 to 65535",
            ),
            (
                "https://example.org:/",
                "has a port, ``, that is not a number from 1 to 65535",
            ),
            (
                "https://user:secret@example.org/",
                "holds a user name or password, which would be published in every page and the sitemap",
            ),
            ("https://exa mple.org/", "has no host name"),
            (
                "https://exa_mple.org/",
                "has a host name, `exa_mple.org`, with characters a host name cannot have (write an international name in its xn-- form)",
            ),
            (
                "https://[::1/",
                "has an IPv6 address without its closing `]`",
            ),
        ] {
            let why = format!("base_url `{}` {why}", bad.escape_debug());
            assert_eq!(normalise_base_url(bad), Err(why), "{bad}");
        }
        for (good, path) in [
            ("https://org.github.io/toolkit", "/toolkit/"),
            ("http://127.0.0.1:1111/", "/"),
            ("http://[::1]:8080/x/", "/x/"),
            ("https://example.org/café/", "/café/"),
            ("https://example.org", "/"),
        ] {
            assert_eq!(normalise_base_url(good).unwrap().1, path, "{good}");
        }
    }

    #[test]
    fn syntax_error_names_the_line() {
        let e = parse("title = \"T\nbase_url = \"https://e.org/\"\n").unwrap_err();
        assert!(e[0].starts_with("site.toml:1:"), "{}", e[0]);
        assert!(e[0].contains("invalid TOML"), "{}", e[0]);
        assert!(e[0].contains("\n  hint: "), "{}", e[0]);
    }

    #[test]
    fn a_duplicate_key_is_named_with_a_hint() {
        let e =
            parse("title = \"T\"\nbase_url = \"https://e.org/\"\ntitle = \"again\"\n").unwrap_err();
        assert_eq!(
            e,
            [
                "site.toml:3:1: error: invalid TOML: duplicate key `title`\n  hint: `title` is set twice in the same table; remove one of the two `title = …` lines"
            ]
        );
    }

    #[test]
    fn every_site_toml_syntax_error_has_a_hint() {
        for text in [
            "title = T\n",
            "title\n",
            "[extra\n",
            "title = \"a\" base_url = 1\n",
            "\u{7}\n",
        ] {
            let e = parse(text).unwrap_err();
            assert!(e[0].contains("\n  hint: "), "{text:?}: {}", e[0]);
        }
    }

    #[test]
    fn a_domain_name_without_the_default_language_has_a_hint() {
        let e = parse("title = \"T\"\nbase_url = \"https://e.org/\"\nlanguages = [\"en\", \"nl\"]\n[[domains]]\nslug = \"process\"\nname = { nl = \"Proces\" }\n").unwrap_err();
        assert_eq!(
            e,
            [
                "site.toml:4:1: error: the name of domain `process` has no text for the default language `en`\n  hint: add `en = \"…\"` to it; pages in other languages fall back to that text"
            ]
        );
    }

    #[test]
    fn kinds_sections_are_kept_for_them_and_other_tables_are_unknown() {
        let base = "title = \"T\"\nbase_url = \"https://e.org/\"\n";
        let c = parse(&format!(
            "{base}[stakeholders]\nrequired_groups = [\"patients\"]\n"
        ))
        .unwrap();
        assert!(c.source.contains("[stakeholders]"));
        let e = parse(&format!("{base}[stakeholder]\nrequired_groups = []\n")).unwrap_err();
        assert!(
            e[0].starts_with("site.toml:3:1: error: unknown key `stakeholder`\n  hint: did you mean `stakeholders`?"),
            "{}",
            e[0]
        );
    }

    #[test]
    fn language_codes() {
        assert!(is_language_code("en"));
        assert!(is_language_code("pt-BR"));
        assert!(!is_language_code("EN"));
        assert!(!is_language_code("english"));
    }
}
