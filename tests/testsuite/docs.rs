//! The documentation in docs/ is a toolkit site: it must check without a problem, and every
//! example of site data in it must build, so that the documentation cannot drift from the code.
//! The README stays short and points into it.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Component, Path};

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

use crate::harness::{Site, repo_root, run_in};

/// The languages of site data: a fenced block in one of them must name the file it is, so that it
/// is built. (`sh` and `text` blocks without a file are commands and listings.)
const SITE_DATA: &[&str] = &["toml", "markdown", "md", "html", "yaml"];

/// One fenced block of the docs that names a file: `toml site.toml`, `markdown content/x.md`.
struct Example {
    /// `docs/content/…md:line`, for messages.
    at: String,
    path: String,
    text: String,
}

/// The top-level fenced blocks of every page of docs/content, by page. A block that names no
/// file but holds site data is an error in `problems`.
fn examples(problems: &mut Vec<String>) -> BTreeMap<String, Vec<Example>> {
    let mut pages = BTreeMap::new();
    let root = repo_root();
    for entry in walkdir::WalkDir::new(root.join("docs/content")).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "md") {
            continue;
        }
        let page = entry
            .path()
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let source = fs::read_to_string(entry.path()).unwrap();
        let mut found = Vec::new();
        let mut open: Option<(String, Option<String>, usize)> = None;
        let mut text = String::new();
        for (event, range) in Parser::new(&source).into_offset_iter() {
            match event {
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                    let line = source[..range.start].lines().count() + 1;
                    let mut words = info.split_whitespace();
                    let lang = words.next().unwrap_or("").to_string();
                    open = Some((lang, words.next().map(str::to_string), line));
                    text.clear();
                }
                Event::Text(t) if open.is_some() => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let Some((lang, path, line)) = open.take() else {
                        continue;
                    };
                    let at = format!("{page}:{line}");
                    match path {
                        Some(path) if is_inside(&path) => found.push(Example {
                            at,
                            path,
                            text: text.clone(),
                        }),
                        Some(path) => problems.push(format!(
                            "{at}: the example's file `{path}` is not a path inside a site"
                        )),
                        None if SITE_DATA.contains(&lang.as_str()) => problems.push(format!(
                            "{at}: a `{lang}` example names no file (write ```{lang} <path>), so it is not built"
                        )),
                        None => {}
                    }
                }
                _ => {}
            }
        }
        if !found.is_empty() {
            pages.insert(page, found);
        }
    }
    pages
}

fn is_inside(path: &str) -> bool {
    let path = Path::new(path);
    !path.as_os_str().is_empty() && path.components().all(|c| matches!(c, Component::Normal(_)))
}

#[test]
fn every_example_of_site_data_in_the_docs_builds() {
    let mut problems = Vec::new();
    let pages = examples(&mut problems);
    let starter_settings = include_str!("../../src/cmd/starter/site.toml");
    let starter = toolkit::cmd::init::starter_files();
    for (page, examples) in &pages {
        // A part of the workflow `toolkit init` writes is shown as it is written.
        for example in examples.iter().filter(|e| e.path.starts_with(".github/")) {
            let written = starter
                .iter()
                .find(|(path, _)| *path == example.path)
                .map(|(_, text)| text.lines().collect::<Vec<_>>())
                .unwrap_or_default();
            for line in example.text.lines().filter(|l| !l.trim().is_empty()) {
                if !written.contains(&line) {
                    problems.push(format!(
                        "{}: `{line}` is not a line of the {} that toolkit init writes",
                        example.at, example.path
                    ));
                }
            }
        }
        if examples.iter().all(|e| e.path.starts_with(".github/")) {
            continue;
        }
        let site = Site::empty();
        if !examples.iter().any(|e| e.path == "site.toml") {
            site.write("site.toml", starter_settings);
        }
        let mut written: BTreeMap<&str, &str> = BTreeMap::new();
        for example in examples {
            if let Some(first) = written.insert(&example.path, &example.at) {
                problems.push(format!(
                    "{}: `{}` is already the example at {first}; one file per page",
                    example.at, example.path
                ));
            }
            site.write(&example.path, &example.text);
        }
        let run = site.run(&["build"]);
        if run.code != 0 || run.stderr.contains("error") {
            let files: Vec<String> = examples
                .iter()
                .map(|e| format!("{} ({})", e.path, e.at))
                .collect();
            problems.push(format!(
                "{page}: its examples ({}) do not build:\n{}",
                files.join(", "),
                run.stderr
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));

    // Every kind of page is documented with a data example that builds, and so is site.toml.
    let all: Vec<&Example> = pages.values().flatten().collect();
    for kind in toolkit::kinds::ALL {
        let name = kind.name();
        if name == toolkit::kinds::DEFAULT {
            continue;
        }
        let front_matter = format!("\nkind = \"{name}\"\n");
        assert!(
            all.iter().any(|e| e.text.contains(&front_matter)),
            "the docs have no example of a page with kind = \"{name}\""
        );
    }
    assert!(
        all.iter()
            .any(|e| e.path == "site.toml" && e.text.contains("[[domains]]")),
        "the docs have no example of site.toml with domains"
    );
}

#[test]
fn an_example_that_names_no_file_is_refused() {
    // The rule the test above applies, on a page written here: a TOML block with a file is an
    // example, one without is a problem, a shell block is neither.
    let text = "```toml site.toml\ntitle = \"T\"\n```\n\n```toml\nx = 1\n```\n\n```sh\ntoolkit build\n```\n\n````markdown\n```toml stakeholders\n```\n````\n";
    let mut lines = Vec::new();
    let mut depth_info = Vec::new();
    for (event, range) in Parser::new(text).into_offset_iter() {
        if let Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) = event {
            depth_info.push(info.to_string());
            lines.push(text[..range.start].lines().count() + 1);
        }
    }
    // Only the top-level blocks are seen: the `toml stakeholders` block inside the Markdown
    // example is part of that example's text.
    assert_eq!(depth_info, ["toml site.toml", "toml", "sh", "markdown"]);
    assert_eq!(lines, [1, 5, 9, 13]);
    assert!(is_inside("content/a.md") && is_inside("site.toml"));
    assert!(!is_inside("../site.toml") && !is_inside("/etc/passwd") && !is_inside("./a"));
}

#[test]
fn the_docs_site_checks_without_a_problem_and_builds_under_docs() {
    let docs = repo_root().join("docs");
    let check = run_in(&docs, &["check"]);
    check.success();
    assert!(
        !check.stderr.contains("warning"),
        "toolkit check on docs/ warns:\n{}",
        check.stderr
    );
    // pages.yml publishes it under /docs/ of the bundled toolkit.
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("docs");
    let build = run_in(
        &docs,
        &[
            "build",
            "--base-url",
            "https://org.github.io/toolkit/docs/",
            "--output",
            output.to_str().unwrap(),
        ],
    );
    build.success();
    let home = fs::read_to_string(output.join("index.html")).unwrap();
    assert!(home.contains("href=\"/toolkit/docs/install/\""), "{home}");
    for page in ["kinds/checklists", "site-toml", "publishing", "commands"] {
        assert!(output.join(page).join("index.html").is_file(), "{page}");
    }
}

#[test]
fn the_readme_is_short_and_its_links_exist() {
    let root = repo_root();
    let readme = fs::read_to_string(root.join("README.md")).unwrap();
    let lines = readme.lines().count();
    assert!(
        lines <= 120,
        "README.md has {lines} lines; the guide belongs in docs/content/, the README stays short"
    );
    let mut links = 0;
    for event in Parser::new(&readme) {
        if let Event::Start(Tag::Link { dest_url, .. }) = event {
            if dest_url.contains("://") || dest_url.starts_with('#') {
                continue;
            }
            let path = dest_url.split('#').next().unwrap();
            assert!(
                root.join(path).exists(),
                "README.md links to {dest_url}, which does not exist"
            );
            links += 1;
        }
    }
    assert!(links >= 3, "README.md links to the docs in docs/content/");
    // Rust appears only under "Developing toolkit", with its minimum version.
    let developing = readme
        .find("## Developing toolkit")
        .expect("README.md has a section \"Developing toolkit\"");
    let cargo = fs::read_to_string(root.join("Cargo.toml")).unwrap();
    let rust_version = cargo
        .lines()
        .find_map(|l| l.strip_prefix("rust-version = \""))
        .and_then(|v| v.strip_suffix('"'))
        .unwrap();
    assert!(readme[developing..].contains(&format!("Rust {rust_version}")));
    for word in ["cargo", "Rust"] {
        assert!(
            !readme[..developing].contains(word),
            "README.md names {word} before \"Developing toolkit\""
        );
    }
}
