//! The service worker `toolkit build` writes (`sw.js` at the site's base) so that readers keep
//! the site for reading offline: which files each language keeps, and the version, a digest of
//! everything the build wrote, so that a new build replaces the copy on readers' devices.
//! `serve` never writes it; `offline = false` in site.toml leaves it out.

use std::collections::BTreeMap;

use crate::config::Config;
use crate::output::FileContent;

/// Where the worker is published, relative to the site's base.
pub const WORKER: &str = "sw.js";

/// The worker's script.
const SOURCE: &str = include_str!("service-worker.js");

/// Extensions of the files that belong to one language even outside its folder: the default
/// language's pages and downloads sit at the site's base beside what every language shares.
const LANGUAGE_FILES: [&str; 10] = [
    "html", "pdf", "csv", "md", "ics", "docx", "xlsx", "txt", "xml", "json",
];

/// The worker for a build that wrote `files` (relative paths, as published).
pub fn service_worker(
    config: &Config,
    files: &BTreeMap<String, FileContent>,
) -> std::io::Result<Vec<u8>> {
    let mut digest = blake3::Hasher::new();
    for (name, content) in files {
        let bytes = content.read()?;
        digest.update(&(name.len() as u64).to_le_bytes());
        digest.update(name.as_bytes());
        digest.update(&(bytes.len() as u64).to_le_bytes());
        digest.update(&bytes);
    }
    let version = digest.finalize().to_hex()[..16].to_string();
    let names: Vec<&str> = files.keys().map(String::as_str).collect();
    let lists = language_files(config, &names);
    let lists = serde_json::to_string(&lists).expect("lists of strings serialise");
    Ok(SOURCE
        .replace("__VERSION__", &version)
        // Kept out of any `</script>` trouble: the worker is a file of its own, not HTML.
        .replace("__FILES__", &lists)
        .into_bytes())
}

/// The addresses each language keeps, relative to the site's base: its pages (as `folder/`),
/// its downloads and search index, and the files every language shares (scripts, styles,
/// images). Hidden files and what only hosts and crawlers read are left out.
pub fn language_files<'a>(config: &Config, names: &[&'a str]) -> BTreeMap<String, Vec<String>> {
    let folders: Vec<String> = config
        .languages
        .iter()
        .filter(|lang| **lang != config.default_language)
        .map(|lang| format!("{lang}/"))
        .collect();
    let kept = |name: &&&'a str| {
        !name.split('/').any(|part| part.starts_with('.'))
            && !matches!(**name, WORKER | "CNAME" | "robots.txt" | "sitemap.xml")
    };
    let address = |name: &str| name.strip_suffix("index.html").unwrap_or(name).to_string();
    let shared = |name: &str| {
        let extension = name.rsplit_once('.').map_or("", |(_, e)| e);
        !folders.iter().any(|f| name.starts_with(f.as_str()))
            && !LANGUAGE_FILES.contains(&extension.to_ascii_lowercase().as_str())
    };
    config
        .languages
        .iter()
        .map(|lang| {
            let list = names
                .iter()
                .filter(kept)
                .filter(|name| {
                    if *lang == config.default_language {
                        !folders.iter().any(|f| name.starts_with(f.as_str()))
                    } else {
                        name.starts_with(&format!("{lang}/")) || shared(name)
                    }
                })
                .map(|name| address(name))
                .collect();
            (lang.clone(), list)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(offline: &str) -> Config {
        let text = format!(
            "title = \"T\"\nbase_url = \"https://x.org/kit/\"\nlanguages = [\"en\", \"nl\"]\n{offline}"
        );
        Config::parse(&text, std::path::Path::new("site.toml"), &[]).unwrap()
    }

    #[test]
    fn each_language_keeps_its_own_pages_and_downloads_and_the_shared_files() {
        let names = [
            ".nojekyll",
            "404.html",
            "checklist.js",
            "checklists.pdf",
            "checklists/process/index.html",
            "checklists/process/process.pdf",
            "images/logo.png",
            "index.html",
            "nl/checklists.pdf",
            "nl/index.html",
            "nl/search-index.json",
            "robots.txt",
            "search-index.json",
            "sitemap.xml",
            "style.css",
            "sw.js",
        ];
        let lists = language_files(&config(""), &names);
        assert_eq!(
            lists["en"],
            [
                "404.html",
                "checklist.js",
                "checklists.pdf",
                "checklists/process/",
                "checklists/process/process.pdf",
                "images/logo.png",
                "",
                "search-index.json",
                "style.css",
            ]
        );
        assert_eq!(
            lists["nl"],
            [
                "checklist.js",
                "images/logo.png",
                "nl/checklists.pdf",
                "nl/",
                "nl/search-index.json",
                "style.css",
            ]
        );
    }

    #[test]
    fn the_version_follows_what_the_build_wrote() {
        let config = config("");
        let mut files = BTreeMap::new();
        files.insert(
            "index.html".to_string(),
            FileContent::Bytes(b"<p>one".to_vec()),
        );
        let first = String::from_utf8(service_worker(&config, &files).unwrap()).unwrap();
        let again = String::from_utf8(service_worker(&config, &files).unwrap()).unwrap();
        files.insert(
            "index.html".to_string(),
            FileContent::Bytes(b"<p>two".to_vec()),
        );
        let second = String::from_utf8(service_worker(&config, &files).unwrap()).unwrap();
        let version = |js: &str| js.split("const VERSION = '").nth(1).unwrap()[..16].to_string();
        assert_eq!(version(&first), version(&again));
        assert_ne!(version(&first), version(&second));
        assert!(
            first.contains(r#"const FILES = {"en":[""],"nl":[]};"#),
            "{first}"
        );
        assert!(!first.contains("__"), "every placeholder is filled");
    }

    #[test]
    fn offline_is_on_unless_switched_off() {
        assert!(config("").offline);
        assert!(!config("offline = false").offline);
    }
}
