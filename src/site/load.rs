//! Reading the site from disk: site.toml, templates, words, and every file under `content/`.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{Options, Page, Site, site_error};
use crate::config::Config;
use crate::content::front_matter::{self, FrontMatter, unknown_key};
use crate::content::paths::{humanise, identify, parent_key, url_path};
use crate::diagnostics::{Diagnostic, Diagnostics, LineIndex, display_path};
use crate::fsutil::is_ignored_name;
use crate::fsutil::read_text;
use crate::i18n::Strings;
use crate::kinds::{self, KindInput};
use crate::templates::Templates;

pub fn load(options: &Options, diagnostics: &mut Diagnostics) -> Option<Site> {
    let root = &options.root;
    let shown = |relative: &str| display_path(root, Path::new(relative));
    let config_path = root.join("site.toml");
    if config_path.is_dir() {
        diagnostics.push(
            Diagnostic::error("site.toml is a folder, not a file")
                .in_file(shown("site.toml"))
                .with_hint("move the folder away and write the site's settings in a file site.toml, with at least `title` and `base_url`"),
        );
        return None;
    }
    if !config_path.is_file() {
        let hint = if root.join("content").is_dir() {
            "create site.toml with at least `title` and `base_url`, or run `toolkit init` in an empty folder"
        } else {
            "run toolkit in a site folder, pass --root DIR, or create a site with `toolkit init DIR`"
        };
        diagnostics.push(site_error(
            format!("there is no site.toml in {}", folder_name(root)),
            hint,
        ));
        return None;
    }
    let sections: Vec<&str> = options
        .kinds
        .all()
        .iter()
        .filter_map(|kind| kind.settings_section())
        .collect();
    let mut config = match Config::from_file(&config_path, &shown("site.toml"), &sections) {
        Ok(c) => c,
        Err(problems) => {
            diagnostics.extend(problems);
            return None;
        }
    };
    if let Some(url) = &options.base_url
        && let Err(why) = config.set_base_url(url)
    {
        diagnostics.push(
            Diagnostic::error(format!("--base-url: {why}"))
                .with_hint("for example --base-url https://org.github.io/toolkit/"),
        );
        return None;
    }

    let mut config_problems = Vec::new();
    for kind in options.kinds.all() {
        let Some(section) = kind.settings_section() else {
            continue;
        };
        match kind.read_settings(&config, &shown("site.toml")) {
            Ok(settings) => {
                config.kind_settings.insert(section.to_string(), settings);
            }
            Err(problems) => config_problems.extend(problems),
        }
    }
    if !config_problems.is_empty() {
        diagnostics.extend(config_problems);
        return None;
    }

    let theme_dir = root.join("themes").join(&config.theme);
    if config.theme != "default" && !theme_dir.is_dir() {
        let mut d = Diagnostic::error(format!("theme `{}` does not exist", config.theme))
            .with_hint(format!(
                "add the folder themes/{}/, or remove `theme` to use the built-in theme",
                config.theme
            ));
        if let Some(pos) = config.theme_position {
            d = d.at(shown("site.toml"), pos);
        }
        diagnostics.push(d);
        return None;
    }
    let theme_shown = format!("themes/{}", config.theme);
    let templates = Templates::load(
        &[
            (
                theme_dir.join("templates"),
                shown(&format!("{theme_shown}/templates")),
            ),
            (root.join("templates"), shown("templates")),
        ],
        diagnostics,
    );
    let theme_i18n = theme_dir.join("i18n");
    let site_i18n = root.join("i18n");
    let theme_i18n_shown = shown(&format!("{theme_shown}/i18n"));
    let site_i18n_shown = shown("i18n");
    let strings = Strings::load(
        &config.languages,
        &[
            (&theme_i18n, &theme_i18n_shown),
            (&site_i18n, &site_i18n_shown),
        ],
        diagnostics,
    );
    for lang in &config.languages {
        if !strings.has_language(lang) {
            diagnostics.push(
                Diagnostic::warning(format!(
                    "the theme has no words for language `{lang}`; English words are used"
                ))
                .with_hint(format!(
                    "add i18n/{lang}.toml to the site (copy the keys of the theme's en.toml)"
                )),
            );
        }
    }

    let content = load_content(root, &config, options.kinds, options.drafts, diagnostics);
    let templates = templates?;
    let mut site = Site {
        config,
        root: root.clone(),
        pages: content.pages,
        index: HashMap::new(),
        assets: content.assets,
        drafts: content.drafts,
        broken: content.broken,
        templates,
        strings,
        build_date: build_date(options, diagnostics),
        pdf_cache: crate::pdf::cache::PdfCache::for_site(root, options.read_only_cache),
        kept: None,
        kinds: options.kinds,
    };
    check_urls(&mut site, diagnostics);
    add_missing_sections(&mut site);
    site.index = site
        .pages
        .iter()
        .enumerate()
        .map(|(i, p)| ((p.key.clone(), p.lang.clone()), i))
        .collect();
    check_templates(&site, diagnostics);
    // Rendering goes on after errors in some pages, so that one run reports every problem.
    Some(site)
}

fn folder_name(root: &Path) -> String {
    if root == Path::new(".") || root.as_os_str().is_empty() {
        "this folder".to_string()
    } else {
        root.display().to_string()
    }
}

struct Content {
    pages: Vec<Page>,
    assets: BTreeMap<String, PathBuf>,
    drafts: HashSet<(String, String)>,
    broken: HashSet<(String, String)>,
}

/// A page that could not be loaded: its problems, and its `(key, lang)` when the name was good.
pub(super) struct Failed {
    identity: Option<(String, String)>,
    problems: Vec<Diagnostic>,
}

impl From<Vec<Diagnostic>> for Failed {
    fn from(problems: Vec<Diagnostic>) -> Failed {
        Failed {
            identity: None,
            problems,
        }
    }
}

fn load_content(
    root: &Path,
    config: &Config,
    kinds: kinds::Registry,
    include_drafts: bool,
    diagnostics: &mut Diagnostics,
) -> Content {
    let content_dir = root.join("content");
    let mut markdown = Vec::new();
    let mut assets = BTreeMap::new();
    if !content_dir.is_dir() {
        diagnostics.push(
            Diagnostic::error("there is no content/ folder")
                .in_file(display_path(root, Path::new("content")))
                .with_hint("create content/_index.md for the home page"),
        );
    }
    let mut problems = Vec::new();
    let found = crate::content::walk::files(root, "content", is_ignored_name, &mut problems);
    diagnostics.extend(problems);
    for file in found {
        if file.name.ends_with(".md") {
            markdown.push((file.path, file.relative, file.name));
        } else {
            assets.insert(file.name, file.path);
        }
    }

    let results: Vec<Result<(Page, Vec<Diagnostic>), Failed>> = markdown
        .par_iter()
        .map(|(path, relative, content_path)| {
            load_page(root, path, relative, content_path, config, kinds)
        })
        .collect();
    let mut pages = Vec::new();
    let mut drafts = HashSet::new();
    let mut broken = HashSet::new();
    for result in results {
        match result {
            Ok((page, _)) if page.front.draft && !include_drafts => {
                drafts.insert((page.key.clone(), page.lang.clone()));
            }
            Ok((page, warnings)) => {
                diagnostics.extend(warnings);
                pages.push(page);
            }
            Err(failed) => {
                diagnostics.extend(failed.problems);
                broken.extend(failed.identity);
            }
        }
    }
    Content {
        pages,
        assets,
        drafts,
        broken,
    }
}

/// Reads one Markdown file into a page (not yet rendered), with the warnings its kind has.
pub(super) fn load_page(
    root: &Path,
    path: &Path,
    relative: &Path,
    content_path: &str,
    config: &Config,
    kinds: kinds::Registry,
) -> Result<(Page, Vec<Diagnostic>), Failed> {
    let shown = display_path(root, relative);
    let text = read_text(path, &shown).map_err(|d| Failed::from(vec![d]))?;
    let identity = identify(content_path, &config.languages, &config.default_language)
        .map_err(|problem| Failed::from(vec![problem.diagnostic(&config.languages, &shown)]))?;
    let failed = |problems: Vec<Diagnostic>| Failed {
        identity: Some((identity.key.clone(), identity.lang.clone())),
        problems,
    };
    let split = front_matter::split(&text, &shown).map_err(|d| failed(vec![d]))?;
    let lines = LineIndex::new(&text);
    let (front, mut problems) =
        front_matter::parse_split(&split, &text, &lines, &shown).map_err(failed)?;
    let body_offset = split.body_offset;

    let kind = match &front.kind {
        None => kinds.default_kind(),
        Some(k) => match kinds.find(&k.value) {
            Some(kind) => kind,
            None => {
                problems.push(
                    Diagnostic::error(format!("unknown kind `{}`", k.value))
                        .at(shown.clone(), k.value_position)
                        .with_hint(
                            match crate::diagnostics::closest(
                                &k.value,
                                kinds.all().iter().map(|k| k.name()),
                                3,
                            ) {
                                Some(close) => format!("did you mean \"{close}\"?"),
                                None => format!("the kinds are: {}", kinds.names()),
                            },
                        ),
                );
                kinds.default_kind()
            }
        },
    };
    let mut accepted = Vec::new();
    for field in &front.other {
        if kind.keys().contains(&field.value.0.as_str()) {
            accepted.push(field.clone());
        } else {
            problems.push(unknown_key(
                &field.value.0,
                kind.keys(),
                kind.name(),
                &shown,
                field.key_position,
            ));
        }
    }
    problems.extend(crate::office::check_downloads(
        &front, &text, &lines, &shown,
    ));
    let input = KindInput {
        config,
        front: &front,
        file_text: &text,
        lines: &lines,
        body: &text[body_offset..],
        body_offset,
        shown: &shown,
        lang: &identity.lang,
    };
    let data = match kind.prepare(&input, &accepted) {
        Ok(data) => data,
        Err(more) => {
            problems.extend(more);
            serde_json::Value::Null
        }
    };
    if !problems.is_empty() {
        return Err(failed(problems));
    }
    let mut warnings = kind.warnings(&input, &data);
    if crate::office::wants_docx(&front) {
        let body = &text[body_offset..];
        warnings.extend(crate::office::docx_warnings(
            body,
            body_offset,
            &text,
            &lines,
            &shown,
        ));
    }
    let parent = parent_key(&identity.key, identity.is_section);
    let url = url_path(&identity.key, &identity.lang, &config.default_language);
    let page = Page {
        source: Some(relative.to_path_buf()),
        shown,
        lang: identity.lang,
        key: identity.key,
        is_section: identity.is_section,
        parent,
        url,
        front,
        text,
        body_offset,
        kind,
        data,
        title: String::new(),
        html: String::new(),
        plain: String::new(),
        headings: Vec::new(),
        anchors: HashSet::new(),
    };
    Ok((page, warnings))
}

/// Two files that would be published at one URL are an error naming both.
fn check_urls(site: &mut Site, diagnostics: &mut Diagnostics) {
    site.pages.sort_by(|a, b| a.shown.cmp(&b.shown));
    let mut seen: HashMap<&str, &Page> = HashMap::new();
    for page in &site.pages {
        if let Some(first) = seen.insert(page.url.as_str(), page) {
            if first.is_section && page.is_section {
                diagnostics.push(
                    Diagnostic::error(format!(
                        "{} and {} are both the section page of {}",
                        first.shown.display(),
                        page.shown.display(),
                        site.url_path(&page.url)
                    ))
                    .in_file(page.shown.clone())
                    .with_hint(
                        "a folder's section page is its _index.md or its index.md: merge the two into one",
                    ),
                );
                continue;
            }
            diagnostics.push(
                Diagnostic::error(format!(
                    "{} and {} would both be published at {}",
                    first.shown.display(),
                    page.shown.display(),
                    site.url_path(&page.url)
                ))
                .in_file(page.shown.clone())
                .with_hint("rename or move one of the two files"),
            );
        }
    }
}

/// Every folder that holds pages in a language gets a section page in that language, made up
/// when it has no `_index.md` (titled like its other-language version, or after the folder).
fn add_missing_sections(site: &mut Site) {
    let existing: HashSet<(String, String)> = site
        .pages
        .iter()
        .filter(|p| p.is_section)
        .map(|p| (p.key.clone(), p.lang.clone()))
        .collect();
    let mut needed: BTreeSet<(String, String)> = BTreeSet::new();
    for page in &site.pages {
        let mut parent = page.parent.clone();
        while let Some(key) = parent {
            parent = parent_key(&key, true);
            needed.insert((key, page.lang.clone()));
        }
    }
    let section_titles: HashMap<String, String> = site
        .pages
        .iter()
        .filter(|p| p.is_section && p.lang == site.config.default_language)
        .filter_map(|p| p.front.title.clone().map(|t| (p.key.clone(), t)))
        .collect();
    for (key, lang) in needed {
        if existing.contains(&(key.clone(), lang.clone())) {
            continue;
        }
        let title = if key.is_empty() {
            site.config
                .title
                .get(&lang, &site.config.default_language)
                .to_string()
        } else {
            section_titles
                .get(&key)
                .cloned()
                .unwrap_or_else(|| humanise(key.rsplit('/').next().unwrap_or(&key)))
        };
        let front = FrontMatter {
            title: Some(title),
            ..FrontMatter::default()
        };
        let shown = display_path(&site.root, &Path::new("content").join(&key));
        site.pages.push(Page {
            source: None,
            shown,
            url: url_path(&key, &lang, &site.config.default_language),
            parent: parent_key(&key, true),
            lang,
            key,
            is_section: true,
            front,
            text: String::new(),
            body_offset: 0,
            kind: site.kinds.default_kind(),
            data: serde_json::Value::Null,
            title: String::new(),
            html: String::new(),
            plain: String::new(),
            headings: Vec::new(),
            anchors: HashSet::new(),
        });
    }
}

/// A page that names a template that does not exist is an error at its `template` line.
fn check_templates(site: &Site, diagnostics: &mut Diagnostics) {
    for page in &site.pages {
        let name = page.template_name();
        if site.templates.has(&name) {
            continue;
        }
        let hint = format!(
            "add templates/{name} to the site, or use one of the theme's templates (page.html, section.html)"
        );
        let d = match &page.front.template {
            Some(t) => Diagnostic::error(format!("template `{name}` does not exist"))
                .at(page.shown.clone(), t.value_position),
            None => Diagnostic::error(format!("template `{name}` does not exist"))
                .in_file(page.shown.clone()),
        };
        diagnostics.push(d.with_hint(hint));
    }
}

/// Today's date (UTC), or the date of `SOURCE_DATE_EPOCH` for reproducible builds.
pub(super) fn today() -> String {
    crate::source_date::today()
}

/// The date on the forms: the one asked for, else [`today`] (warning about a bad
/// `SOURCE_DATE_EPOCH`).
fn build_date(options: &Options, diagnostics: &mut Diagnostics) -> String {
    if let Some(date) = &options.build_date {
        return date.clone();
    }
    let (moment, warning) = crate::source_date::moment();
    diagnostics.extend(warning);
    moment.date().to_string()
}

#[cfg(test)]
mod tests {}
