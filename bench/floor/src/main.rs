//! The benchmark's floor: walks `content/`, reads each Markdown file, strips the TOML front
//! matter, renders it with pulldown-cmark (the options toolkit uses) and writes
//! `<path>/index.html` in a fixed HTML shell. Pages are shared out over one std thread per core.
//!
//!     floor CONTENT_DIR OUTPUT_DIR

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::{env, fs, process, thread};

use pulldown_cmark::{Options, Parser, html};

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Splits `+++ ... +++` front matter off; returns (title, body).
fn split(src: &str) -> (&str, &str) {
    let Some(rest) = src.strip_prefix("+++\n") else {
        return ("", src);
    };
    let Some(end) = rest.find("\n+++") else {
        return ("", src);
    };
    let front = &rest[..end];
    let body = rest[end + 4..].trim_start_matches(['\r', '\n']);
    let title = front
        .lines()
        .find_map(|l| l.strip_prefix("title = "))
        .map(|t| t.trim().trim_matches('"'))
        .unwrap_or("");
    (title, body)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// `a/b.md` -> `a/b/index.html`; `a/_index.md` -> `a/index.html`.
fn target(rel: &Path, out: &Path) -> PathBuf {
    let parent = rel.parent().unwrap_or(Path::new(""));
    let stem = rel.file_stem().unwrap_or_default();
    let dir = if stem == "_index" {
        out.join(parent)
    } else {
        out.join(parent).join(stem)
    };
    dir.join("index.html")
}

fn render(path: &Path, content: &Path, out: &Path) -> std::io::Result<()> {
    let src = fs::read_to_string(path)?;
    let (title, body) = split(&src);
    let mut page = String::with_capacity(body.len() * 3 / 2 + 256);
    page.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>");
    page.push_str(&escape(title));
    page.push_str("</title></head>\n<body>\n<main>\n");
    html::push_html(&mut page, Parser::new_ext(body, options()));
    page.push_str("</main>\n</body>\n</html>\n");
    let dest = target(path.strip_prefix(content).unwrap(), out);
    fs::create_dir_all(dest.parent().unwrap())?;
    fs::write(dest, page)
}

fn main() {
    let args: Vec<String> = env::args().collect();
    if args.len() != 3 {
        eprintln!("usage: floor CONTENT_DIR OUTPUT_DIR");
        process::exit(2);
    }
    let (content, out) = (Path::new(&args[1]), Path::new(&args[2]));
    let files: Vec<PathBuf> = walkdir::WalkDir::new(content)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    let next = AtomicUsize::new(0);
    let workers = thread::available_parallelism().map_or(1, |n| n.get());
    thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = files.get(i) else { break };
                    if let Err(e) = render(path, content, out) {
                        eprintln!("error: {}: {e}", path.display());
                        process::exit(1);
                    }
                }
            });
        }
    });
    println!("floor: {} pages", files.len());
}
