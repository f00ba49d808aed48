//! `toolkit import DIR`: a Jekyll or Hugo site's content made into a toolkit site. Pages keep
//! their folders and names (`README.md` becomes `index.md` where GitHub Pages shows it as the
//! folder's page); front matter becomes toolkit's TOML (`front`); plain link tags become links
//! (`body`); other files are copied beside the pages. What could not be converted is listed with
//! its `path:line`. Nothing that exists is ever overwritten.

mod body;
mod front;

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use crate::content::front_matter::{Format, split};
use crate::diagnostics::Diagnostic;
use crate::fsutil::io_reason;

/// The file the report is written to, in the new site's folder.
pub const REPORT: &str = "import-report.txt";

/// What was read and what is to be written.
pub struct Import {
    /// Files of the new site: path in the site folder → bytes.
    pub files: BTreeMap<String, Vec<u8>>,
    /// What could not be converted: "path:line: what".
    pub report: Vec<String>,
    pub pages: usize,
    pub copied: usize,
    /// "Jekyll", "Hugo" or "Markdown".
    pub generator: &'static str,
}

struct Source {
    generator: &'static str,
    /// The folder that holds the pages.
    content: PathBuf,
    /// Hugo's `static/` folder: published at the site's root.
    static_dir: Option<PathBuf>,
    settings: Settings,
}

#[derive(Default)]
struct Settings {
    title: Option<String>,
    description: Option<String>,
    base_url: Option<String>,
    lang: Option<String>,
    cname: Option<String>,
}

/// Names that Jekyll and Hugo sites hold beside their pages, and that are not content.
const NOT_CONTENT: &[&str] = &[
    "_config.yml",
    "_config.yaml",
    "Gemfile",
    "Gemfile.lock",
    "CNAME",
    "node_modules",
    "vendor",
    "package.json",
    "package-lock.json",
    "LICENSE",
    "LICENSE.md",
    "LICENSE.txt",
    "CONTRIBUTING.md",
];

struct ReadPage {
    /// Path under the content folder, as it was.
    old: String,
    /// Path under content/ in the new site.
    new: String,
    converted: front::Converted,
    body: String,
    body_line: usize,
    shown: String,
}

/// Reads the site or content folder `dir`, shown as `shown`.
pub fn read(dir: &Path, shown: &str) -> Result<Import, Diagnostic> {
    if !dir.is_dir() {
        return Err(Diagnostic::error(format!("{shown} is not a folder"))
            .with_hint("name the folder of a Jekyll or Hugo site: toolkit import my-handbook"));
    }
    let source = detect(dir);
    let mut report = Vec::new();
    let mut files = BTreeMap::new();
    let shown_of = |content_rel: &str| -> String {
        let rel = source
            .content
            .strip_prefix(dir)
            .unwrap_or(Path::new(""))
            .join(content_rel);
        format!(
            "{}/{}",
            shown.trim_end_matches('/'),
            rel.to_string_lossy().replace('\\', "/")
        )
    };

    // 1. Every file of the content folder.
    let mut markdown = Vec::new();
    let mut assets = Vec::new();
    let walker = walkdir::WalkDir::new(&source.content)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            e.depth() == 0
                || !(name.starts_with('.')
                    || (e.depth() == 1 && NOT_CONTENT.contains(&name.as_ref()))
                    || (e.depth() == 1 && source.generator == "Jekyll" && name.starts_with('_')))
        });
    for entry in walker {
        let entry = entry.map_err(|e| Diagnostic::error(format!("cannot read {shown}: {e}")))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(&source.content)
            .unwrap_or(entry.path())
            .to_string_lossy()
            .replace('\\', "/");
        if rel.ends_with(".md") || rel.ends_with(".markdown") {
            markdown.push((rel, entry.into_path()));
        } else {
            assets.push((rel, entry.into_path()));
        }
    }
    if source.generator == "Jekyll" {
        for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            if entry.path().is_dir()
                && name.starts_with('_')
                && !matches!(
                    name.as_str(),
                    "_site" | "_layouts" | "_includes" | "_sass" | "_plugins" | "_data"
                )
            {
                report.push(format!(
                    "{}/{name}: the collection {name} is not converted; move its pages into a folder without `_` to keep them",
                    shown.trim_end_matches('/')
                ));
            }
        }
    }

    // 2. The pages' front matter.
    let default_lang = source
        .settings
        .lang
        .as_deref()
        .map(primary_language)
        .filter(|l| crate::config::is_language_code(l))
        .unwrap_or_else(|| "en".to_string());
    let mut languages: BTreeSet<String> = BTreeSet::from([default_lang.clone()]);
    let mut pages = Vec::new();
    for (old, path) in &markdown {
        let text = match fs::read_to_string(path) {
            Ok(t) => t.trim_start_matches('\u{feff}').to_string(),
            Err(e) => {
                report.push(format!("{}: not read: {}", shown_of(old), io_reason(&e)));
                continue;
            }
        };
        let (converted, body, body_line) = match split(&text, Path::new(old)) {
            Ok(s) => match s.front {
                Some((front_text, offset)) => {
                    let first_line = 1 + text[..offset].matches('\n').count();
                    let body_line = 1 + text[..s.body_offset].matches('\n').count();
                    (
                        front::convert(front_text, s.format == Format::Yaml, first_line),
                        s.body.to_string(),
                        body_line,
                    )
                }
                None => (front::Converted::default(), text.clone(), 1),
            },
            Err(_) => {
                report.push(format!(
                    "{}:1: the front matter is never closed; the file is kept as text",
                    shown_of(old)
                ));
                (front::Converted::default(), text.clone(), 1)
            }
        };
        let mut new = old
            .strip_suffix(".markdown")
            .map(|s| format!("{s}.md"))
            .unwrap_or_else(|| old.clone());
        if let Some(lang) = converted.lang.as_deref().map(primary_language)
            && lang != default_lang
        {
            if crate::config::is_language_code(&lang) && !has_language_suffix(&new) {
                new = format!("{}.{lang}.md", new.strip_suffix(".md").unwrap_or(&new));
                languages.insert(lang);
            } else {
                report.push(format!(
                    "{}: the language `{lang}` is not taken over",
                    shown_of(old)
                ));
            }
        }
        pages.push(ReadPage {
            shown: shown_of(old),
            old: old.clone(),
            new,
            converted,
            body,
            body_line,
        });
    }
    // GitHub Pages shows a folder's README.md as its page when it has no index.
    let folders_with_index: HashSet<String> = pages
        .iter()
        .map(|p| p.new.as_str())
        .chain(assets.iter().map(|(rel, _)| rel.as_str()))
        .filter(|p| {
            let name = p.rsplit('/').next().unwrap_or(p);
            name == "index.md" || name == "_index.md" || name == "index.html"
        })
        .map(|p| parent(p).to_string())
        .collect();
    for page in &mut pages {
        let name = page.new.rsplit('/').next().unwrap_or(&page.new);
        if name.eq_ignore_ascii_case("readme.md") && !folders_with_index.contains(parent(&page.new))
        {
            let folder = parent(&page.new);
            page.new = if folder.is_empty() {
                "index.md".to_string()
            } else {
                format!("{folder}/index.md")
            };
        }
    }
    let renamed: BTreeMap<String, String> = pages
        .iter()
        .filter(|p| p.old != p.new)
        .map(|p| (p.old.clone(), p.new.clone()))
        .collect();
    let known: HashSet<String> = pages
        .iter()
        .map(|p| p.new.clone())
        .chain(assets.iter().map(|(rel, _)| rel.clone()))
        .collect();
    let languages: Vec<String> = languages.into_iter().collect();

    // 3. The pages, written anew.
    let paths = body::Paths {
        files: &known,
        renamed: &renamed,
    };
    for page in &pages {
        for (line, note) in &page.converted.notes {
            report.push(format!("{}:{line}: {note}", page.shown));
        }
        let (body, notes) = body::convert(&page.body, page.body_line, &page.new, &paths);
        for (line, note) in notes {
            report.push(format!("{}:{line}: {note}", page.shown));
        }
        let mut aliases = page.converted.aliases.clone();
        if let Some(permalink) = &page.converted.permalink {
            let url = new_url(&page.new, &languages, &default_lang);
            if permalink.contains(':') {
                report.push(format!(
                    "{}: the permalink pattern `{permalink}` is not converted; the page is at {url}",
                    page.shown
                ));
            } else {
                let mut old_url = format!("/{}", permalink.trim_start_matches('/'));
                if !old_url.ends_with('/') && !old_url.ends_with(".html") {
                    old_url.push('/');
                }
                if old_url != url && !aliases.contains(&old_url) {
                    aliases.push(old_url);
                }
            }
        }
        for alias in &mut aliases {
            if !alias.starts_with('/') {
                *alias = format!("/{alias}");
            }
        }
        let text = front::write(
            page.converted.title.as_deref(),
            page.converted.description.as_deref(),
            page.converted.weight,
            page.converted.draft,
            &aliases,
            &page.converted.extra,
        ) + &body;
        files.insert(format!("content/{}", page.new), text.into_bytes());
    }
    let mut copied = 0;
    for (rel, path) in &assets {
        if rel.ends_with(".html") && starts_with_front_matter(path) {
            report.push(format!(
                "{}: an HTML page with front matter is not converted; rewrite it in Markdown",
                shown_of(rel)
            ));
            continue;
        }
        let bytes = fs::read(path).map_err(|e| {
            Diagnostic::error(format!("cannot read {}: {}", shown_of(rel), io_reason(&e)))
        })?;
        files.insert(format!("content/{rel}"), bytes);
        copied += 1;
    }
    if let Some(static_dir) = &source.static_dir {
        for entry in walkdir::WalkDir::new(static_dir)
            .sort_by_file_name()
            .into_iter()
            .flatten()
        {
            if entry.file_type().is_file() {
                let rel = entry
                    .path()
                    .strip_prefix(static_dir)
                    .unwrap_or(entry.path())
                    .to_string_lossy()
                    .replace('\\', "/");
                let bytes = fs::read(entry.path()).map_err(|e| {
                    Diagnostic::error(format!(
                        "cannot read {}: {}",
                        entry.path().display(),
                        io_reason(&e)
                    ))
                })?;
                files.insert(format!("static/{rel}"), bytes);
                copied += 1;
            }
        }
    }
    files.insert(
        "site.toml".to_string(),
        site_toml(&source.settings, &languages, &default_lang).into_bytes(),
    );
    Ok(Import {
        files,
        report,
        pages: pages.len(),
        copied,
        generator: source.generator,
    })
}

fn detect(dir: &Path) -> Source {
    if dir.join("_config.yml").is_file() || dir.join("_config.yaml").is_file() {
        let config = fs::read_to_string(dir.join("_config.yml"))
            .or_else(|_| fs::read_to_string(dir.join("_config.yaml")))
            .unwrap_or_default();
        let mut settings = Settings::default();
        let mut url = String::new();
        let mut baseurl = String::new();
        for entry in crate::content::yaml::entries(&config).unwrap_or_default() {
            let Some(value) = entry.value.as_str().map(str::to_string) else {
                continue;
            };
            match entry.key.as_str() {
                "title" => settings.title = Some(value),
                "description" => settings.description = Some(value),
                "url" => url = value,
                "baseurl" => baseurl = value,
                "lang" | "locale" => settings.lang = Some(value),
                _ => {}
            }
        }
        if !url.is_empty() {
            let url = url.trim_end_matches('/');
            let base = baseurl.trim_matches('/');
            settings.base_url = Some(if base.is_empty() {
                format!("{url}/")
            } else {
                format!("{url}/{base}/")
            });
        }
        settings.cname = fs::read_to_string(dir.join("CNAME"))
            .ok()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty());
        return Source {
            generator: "Jekyll",
            content: dir.to_path_buf(),
            static_dir: None,
            settings,
        };
    }
    let hugo_config = ["hugo.toml", "config.toml"]
        .iter()
        .find_map(|name| fs::read_to_string(dir.join(name)).ok());
    if dir.join("content").is_dir()
        && (hugo_config.is_some()
            || ["hugo.yaml", "config.yaml", "hugo.json", "config.json"]
                .iter()
                .any(|n| dir.join(n).is_file()))
    {
        let mut settings = Settings::default();
        if let Some(table) = hugo_config.and_then(|t| t.parse::<toml::Table>().ok()) {
            let text = |k: &str| table.get(k).and_then(|v| v.as_str()).map(str::to_string);
            settings.title = text("title");
            settings.base_url = text("baseURL").or_else(|| text("baseurl"));
            settings.lang = text("defaultContentLanguage").or_else(|| text("languageCode"));
        }
        return Source {
            generator: "Hugo",
            content: dir.join("content"),
            static_dir: Some(dir.join("static")).filter(|d| d.is_dir()),
            settings,
        };
    }
    Source {
        generator: "Markdown",
        content: dir.to_path_buf(),
        static_dir: None,
        settings: Settings::default(),
    }
}

fn site_toml(settings: &Settings, languages: &[String], default_lang: &str) -> String {
    let text = |s: &str| toml::Value::String(s.to_string()).to_string();
    let mut out = String::new();
    out.push_str(&format!(
        "title = {}\n",
        text(settings.title.as_deref().unwrap_or("Handbook"))
    ));
    if let Some(d) = &settings.description {
        out.push_str(&format!("description = {}\n", text(d)));
    }
    let base_url = settings
        .base_url
        .as_deref()
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
        .unwrap_or("https://example.org/");
    let base_url = if base_url.ends_with('/') {
        base_url.to_string()
    } else {
        format!("{base_url}/")
    };
    out.push_str(&format!("base_url = {}\n", text(&base_url)));
    out.push_str(&format!("default_language = {}\n", text(default_lang)));
    let list: Vec<String> = languages.iter().map(|l| text(l)).collect();
    out.push_str(&format!("languages = [{}]\n", list.join(", ")));
    if let Some(cname) = &settings.cname {
        out.push_str(&format!("cname = {}\n", text(cname)));
    }
    out
}

/// `en-US` → `en`.
fn primary_language(code: &str) -> String {
    code.split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

fn has_language_suffix(path: &str) -> bool {
    path.strip_suffix(".md")
        .and_then(|s| s.rsplit_once('.'))
        .is_some_and(|(_, code)| crate::config::is_language_code(code))
}

fn parent(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(p, _)| p)
}

/// The URL path (from the site's base) toolkit gives the page at content path `path`.
fn new_url(path: &str, languages: &[String], default_lang: &str) -> String {
    match crate::content::paths::identify(path, languages, default_lang) {
        Ok(id) => format!(
            "/{}",
            crate::content::paths::url_path(&id.key, &id.lang, default_lang)
        ),
        Err(_) => String::new(),
    }
}

fn starts_with_front_matter(path: &Path) -> bool {
    fs::read(path).is_ok_and(|b| b.starts_with(b"---"))
}

/// Writes the import into `out`: refuses, writing nothing, when any of its files exists.
pub fn write(import: &Import, out: &Path) -> Result<(), Diagnostic> {
    let mut all: Vec<(String, &[u8])> = import
        .files
        .iter()
        .map(|(k, v)| (k.clone(), v.as_slice()))
        .collect();
    let report = report_text(import);
    all.push((REPORT.to_string(), report.as_bytes()));
    let existing: Vec<String> = all
        .iter()
        .filter(|(name, _)| out.join(name).exists())
        .map(|(name, _)| out.join(name).display().to_string())
        .collect();
    if !existing.is_empty() {
        let more = if existing.len() > 3 {
            format!(" and {} more", existing.len() - 3)
        } else {
            String::new()
        };
        return Err(Diagnostic::error(format!(
            "{}{more} already exist{}; nothing was written",
            existing[..existing.len().min(3)].join(", "),
            if existing.len() == 1 { "s" } else { "" }
        ))
        .with_hint("toolkit import never overwrites a file: name a new folder with --output"));
    }
    for (name, bytes) in all {
        let path = out.join(&name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| {
                Diagnostic::error(format!(
                    "cannot create {}: {}",
                    parent.display(),
                    io_reason(&e)
                ))
            })?;
        }
        // `create_new`: a file that appeared since the check above is not overwritten either.
        let written = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .and_then(|mut f| std::io::Write::write_all(&mut f, bytes));
        written.map_err(|e| {
            Diagnostic::error(format!(
                "cannot write {}: {}",
                path.display(),
                io_reason(&e)
            ))
        })?;
    }
    Ok(())
}

/// The report as written to its file: one line per thing not converted.
pub fn report_text(import: &Import) -> String {
    if import.report.is_empty() {
        return "Everything was converted.\n".to_string();
    }
    let mut text = String::from("Not converted (each needs a look by hand):\n");
    for line in &import.report {
        text.push_str(line);
        text.push('\n');
    }
    text
}
