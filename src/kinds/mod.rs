//! Page kinds: what a page is for. A plain page (a playbook) is the default; each tool (a
//! checklist, a stakeholder map, …) is one module here that implements [`Kind`] and is listed
//! in [`ALL`]. Everything about a kind is in its module: its page data, its HTML, the files
//! beside its pages, what it makes from all its pages of a language (a bundle, a print page,
//! values every template sees), what search finds of it and what other pages show of it. The
//! engine names no kind.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::path::Path;

use pulldown_cmark::Event;

use crate::config::Config;
use crate::content::front_matter::{FrontMatter, Located};
use crate::diagnostics::{Diagnostic, LineIndex};
use crate::markdown::LinkSite;

pub mod action_plan;
pub mod checklist;
pub mod dashboard;
pub mod email_guide;
pub mod kit;
pub mod measures;
mod plain;
pub mod planner;
pub mod stakeholders;
pub mod strategies;
pub mod survey;
pub mod survey_results;

/// A page's parsed Markdown, each event with its byte range in the body.
pub type Events<'a> = Vec<(Event<'a>, Range<usize>)>;

impl KindInput<'_> {
    /// The line and column of a byte offset in the body.
    pub fn position(&self, body_offset: usize) -> crate::diagnostics::Position {
        self.lines
            .position(self.file_text, self.body_offset + body_offset)
    }

    /// A kind's data as `page.data`.
    pub fn data<T: serde::Serialize>(
        &self,
        data: &T,
    ) -> Result<serde_json::Value, Vec<Diagnostic>> {
        serde_json::to_value(data).map_err(|e| {
            vec![
                Diagnostic::error(format!("could not keep the page's data: {e}"))
                    .in_file(self.shown),
            ]
        })
    }
}

/// What a kind is given when the page is rendered.
pub struct RewriteInput<'a> {
    /// What `prepare` returned.
    pub data: &'a serde_json::Value,
    /// The theme's words in the page's language.
    pub words: &'a BTreeMap<String, String>,
}

/// What a kind is given to work on: one page's source.
pub struct KindInput<'a> {
    pub config: &'a Config,
    pub front: &'a FrontMatter,
    /// The whole file, for positions.
    pub file_text: &'a str,
    pub lines: &'a LineIndex,
    pub body: &'a str,
    pub body_offset: usize,
    pub shown: &'a Path,
    pub lang: &'a str,
}

/// What a kind is given to make the files published beside a page.
pub struct FilesInput<'a> {
    /// What `prepare` returned.
    pub data: &'a serde_json::Value,
    /// The theme's words in the page's language.
    pub words: &'a BTreeMap<String, String>,
    pub lang: &'a str,
    pub title: &'a str,
    /// The page's `description` from its front matter.
    pub description: Option<&'a str>,
    /// The site's title in the page's language.
    pub site_title: &'a str,
    /// The page's URL with the site's base URL: `https://org.github.io/toolkit/tools/map/`.
    pub permalink: &'a str,
    /// The date of the build (`2026-11-22`).
    pub build_date: &'a str,
    /// The page's whole Markdown file.
    pub source: &'a str,
    /// Draws PDF forms, or finds them drawn by an earlier build.
    pub pdf: &'a crate::pdf::cache::PdfCache,
}

/// A page of a kind, as the kind's site-wide hooks see it.
pub struct KindPage<'a> {
    /// The page's place in the site, for [`SiteInput::resolve`].
    pub index: usize,
    pub key: &'a str,
    /// The page's file as messages name it, for [`Kind::site_problems`].
    pub shown: &'a Path,
    pub title: &'a str,
    /// Its URL path with the site's base path: `/toolkit/checklists/process/`.
    pub url: String,
    pub description: Option<&'a str>,
    /// What [`Kind::shown_elsewhere`] gives of the page's data (`null` when it gives nothing):
    /// a kind's site-wide outputs see no more, so `serve` knows when to make them again.
    pub data: &'a serde_json::Value,
}

/// What a kind is given to make what belongs to all its pages of one language.
pub struct SiteInput<'a> {
    pub config: &'a Config,
    pub lang: &'a str,
    /// Where the language's pages start, relative to the site's base: `""` or `nl/`.
    pub lang_root: &'a str,
    /// The theme's words in this language.
    pub words: &'a BTreeMap<String, String>,
    /// The language's own name for itself: `Nederlands`.
    pub language_name: &'a str,
    /// The site's title in this language.
    pub site_title: &'a str,
    /// The date of the build (`2026-11-22`).
    pub build_date: &'a str,
    /// Draws PDF forms, or finds them drawn by an earlier build.
    pub pdf: &'a crate::pdf::cache::PdfCache,
    /// The kind's pages of this language, in the site's page order.
    pub pages: &'a [KindPage<'a>],
    /// Resolves a link written in the page with that index, as the page itself does.
    pub resolve: &'a (dyn Fn(usize, LinkSite<'_>) -> String + Sync),
    /// The pages of every kind of this language, by kind name, for a kind that shows what other
    /// kinds' pages hold (a results page and the checklist items of a construct).
    pub all_pages: &'a HashMap<&'static str, &'a [KindPage<'a>]>,
}

impl<'a> SiteInput<'a> {
    /// A path relative to the site's base with the base path: `print/` → `/toolkit/print/`.
    pub fn url_path(&self, relative: &str) -> String {
        format!("{}{relative}", self.config.base_path)
    }

    /// The pages of another kind in this language, in the site's page order.
    pub fn pages_of(&self, kind: &str) -> &'a [KindPage<'a>] {
        self.all_pages.get(kind).copied().unwrap_or(&[])
    }
}

/// What every kind's [`Kind::site_context`] made, by language and name: `values["nl"]["strategies"]`.
pub type SiteValues = BTreeMap<String, BTreeMap<&'static str, serde_json::Value>>;

/// A page a kind makes from all its pages of one language (the print page of all checklists).
pub struct SitePage {
    /// Where it is published, relative to the site's base: `nl/print/`.
    pub path: String,
    pub title: String,
    pub template: &'static str,
    /// `page.key` and `page.kind` in its template: `print`.
    pub key: &'static str,
    /// What it is, for messages: "the print page of all checklists".
    pub what: String,
    /// More values its template sees.
    pub values: Vec<(&'static str, serde_json::Value)>,
}

/// A file a kind makes from all its pages of one language (a bundle of every checklist).
pub struct SiteFile {
    /// Where it is published, relative to the site's base: `nl/checklists.pdf`.
    pub path: String,
    /// Its bytes, or why they could not be made.
    pub bytes: Result<Vec<u8>, String>,
    /// What it is made from, for messages: "the checklists in Nederlands".
    pub what: String,
}

/// What search finds of a page beyond its written text.
#[derive(Debug, Default)]
pub struct SearchExtra {
    /// More text of the page itself (what the kind draws rather than what is written).
    pub text: Vec<String>,
    /// Parts of the page found on their own, each at its anchor.
    pub entries: Vec<SearchEntry>,
}

/// A part of a page that search finds on its own (a checklist item).
#[derive(Debug)]
pub struct SearchEntry {
    pub title: String,
    /// The id of the part in the page.
    pub anchor: String,
    /// Words that find it but are not its title.
    pub about: String,
}

/// A kind of page.
pub trait Kind: Send + Sync {
    /// The value of `kind` in the front matter.
    fn name(&self) -> &'static str;

    /// Front-matter keys this kind accepts beyond the common ones.
    fn keys(&self) -> &'static [&'static str] {
        &[]
    }

    /// The template a page of this kind uses when it names none.
    fn template(&self) -> &'static str {
        "page.html"
    }

    /// Checks the kind's own front-matter keys (only those listed in `keys`; the engine reports
    /// any other) and body. Returns data the template sees as `page.data`.
    fn prepare(
        &self,
        _input: &KindInput<'_>,
        _keys: &[Located<(String, toml::Value)>],
    ) -> Result<serde_json::Value, Vec<Diagnostic>> {
        Ok(serde_json::Value::Null)
    }

    /// Problems that do not stop the page, found once `prepare` has succeeded: warnings, or
    /// [`Diagnostic::incomplete`] for what `check` should refuse.
    fn warnings(&self, _input: &KindInput<'_>, _data: &serde_json::Value) -> Vec<Diagnostic> {
        Vec::new()
    }

    /// Rewrites the page's parsed Markdown before it becomes HTML (a checklist turns its
    /// task-list items into form controls). Ids the kind gives elements go into `taken_ids`;
    /// links go through `resolve` like all others.
    fn rewrite<'a>(
        &self,
        _input: &RewriteInput<'_>,
        events: Events<'a>,
        _taken_ids: &mut HashSet<String>,
        _resolve: &mut dyn FnMut(LinkSite<'_>) -> String,
    ) -> Events<'a> {
        events
    }

    /// Files published beside the page, made at build time (downloads such as an SVG, a CSV
    /// or a calendar): `(file name, bytes)`, or what went wrong.
    fn files(&self, _input: &FilesInput<'_>) -> Result<Vec<(String, Vec<u8>)>, String> {
        Ok(Vec::new())
    }

    /// Values every template of the language sees, made from all pages of this kind (there
    /// may be none): the dashboard's list of checklists.
    fn site_context(&self, _input: &SiteInput<'_>) -> Vec<(&'static str, serde_json::Value)> {
        Vec::new()
    }

    /// Problems between pages that a full build reports: what this kind's pages of one
    /// language name that another page must have (a checklist's strategies, which the
    /// strategy library of its language must list; the survey a results page names). They
    /// stop the build like a page's own errors. `values` holds what every kind's
    /// `site_context` made, in every language.
    fn site_problems(&self, _input: &SiteInput<'_>, _values: &SiteValues) -> Vec<Diagnostic> {
        Vec::new()
    }

    /// Pages made from all pages of this kind in one language.
    fn site_pages(&self, _input: &SiteInput<'_>) -> Vec<SitePage> {
        Vec::new()
    }

    /// Files made from all pages of this kind in one language.
    fn site_files(&self, _input: &SiteInput<'_>) -> Vec<SiteFile> {
        Vec::new()
    }

    /// The table of site.toml the kind reads for itself (`stakeholders` for `[stakeholders]`).
    fn settings_section(&self) -> Option<&'static str> {
        None
    }

    /// Reads and checks the kind's section of site.toml (`config.source`; `shown` is its path
    /// for messages). What it returns is kept in `config.kind_settings` under the section's name.
    fn read_settings(
        &self,
        _config: &Config,
        _shown: &Path,
    ) -> Result<serde_json::Value, Vec<Diagnostic>> {
        Ok(serde_json::Value::Null)
    }

    /// What search finds of a page of this kind beyond its written text.
    fn search(&self, _data: &serde_json::Value) -> SearchExtra {
        SearchExtra::default()
    }

    /// What other pages (or files made from several pages) show of a page's data: the kind's
    /// site-wide hooks get this part of each page's data and no more. While it stays the same,
    /// `serve` may rebuild the page alone after an edit.
    fn shown_elsewhere<'a>(&self, _data: &'a serde_json::Value) -> Option<&'a serde_json::Value> {
        None
    }
}

/// Every kind there is.
pub static ALL: &[&dyn Kind] = &[
    &plain::Plain,
    &checklist::Checklist,
    &dashboard::Dashboard,
    &planner::Planner,
    &stakeholders::Stakeholders,
    &email_guide::EmailGuide,
    &strategies::Strategies,
    &survey::Survey,
    &survey_results::SurveyResults,
    &measures::Measures,
    &action_plan::ActionPlan,
];

/// The kinds a site may use: [`ALL`], unless a program built on this library adds its own.
#[derive(Clone, Copy)]
pub struct Registry(pub &'static [&'static dyn Kind]);

impl Default for Registry {
    fn default() -> Registry {
        Registry(ALL)
    }
}

impl std::fmt::Debug for Registry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.0.iter().map(|k| k.name()))
            .finish()
    }
}

impl Registry {
    /// Looks a kind up by its name.
    pub fn find(&self, name: &str) -> Option<&'static dyn Kind> {
        self.0.iter().copied().find(|k| k.name() == name)
    }

    /// The kind of pages that name none.
    pub fn default_kind(&self) -> &'static dyn Kind {
        self.find(DEFAULT).unwrap_or(&plain::Plain)
    }

    /// Every kind, in registry order.
    pub fn all(&self) -> &'static [&'static dyn Kind] {
        self.0
    }

    /// The names of all kinds, for hints.
    pub fn names(&self) -> String {
        self.0
            .iter()
            .map(|k| format!("\"{}\"", k.name()))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The kind of pages that name none.
pub const DEFAULT: &str = crate::content::front_matter::DEFAULT_KIND;

/// Looks a kind up by its name.
pub fn find(name: &str) -> Option<&'static dyn Kind> {
    ALL.iter().copied().find(|k| k.name() == name)
}

/// The names of all kinds, for hints.
pub fn names() -> String {
    ALL.iter()
        .map(|k| format!("\"{}\"", k.name()))
        .collect::<Vec<_>>()
        .join(", ")
}
