//! Serves a built site under a sub-path, the way GitHub Pages does, and crawls it over HTTP:
//! every link, stylesheet, script and image must resolve, every `#anchor` must exist, and
//! nothing may be loaded from another host.

use std::collections::{BTreeSet, HashMap, VecDeque};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::thread;

use scraper::{Html, Selector};

/// A static file server on 127.0.0.1 that serves `dir` under `prefix` (e.g. `/sub/`).
pub struct Server {
    pub port: u16,
}

impl Server {
    pub fn start(dir: &Path, prefix: &str) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let dir = dir.to_path_buf();
        let prefix = prefix.to_string();
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let dir = dir.clone();
                let prefix = prefix.clone();
                thread::spawn(move || serve(stream, &dir, &prefix));
            }
        });
        Server { port }
    }
}

fn serve(mut stream: TcpStream, dir: &Path, prefix: &str) {
    let mut request = Vec::new();
    let mut buffer = [0u8; 4096];
    while !request.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buffer) {
            Ok(0) | Err(_) => break,
            Ok(n) => request.extend_from_slice(&buffer[..n]),
        }
    }
    let request = String::from_utf8_lossy(&request);
    let path = request
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .to_string();
    let (status, body, file) = match resolve(dir, prefix, &path) {
        Some(file) => ("200 OK", std::fs::read(&file).unwrap_or_default(), file),
        None => {
            let file = dir.join("404.html");
            (
                "404 Not Found",
                std::fs::read(&file).unwrap_or_default(),
                file,
            )
        }
    };
    // As a static host sends it: browsers run a service worker only with a script's type.
    let kind = mime_guess::from_path(&file).first_or_octet_stream();
    let head = format!(
        "HTTP/1.0 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

fn resolve(dir: &Path, prefix: &str, path: &str) -> Option<PathBuf> {
    let relative = path.strip_prefix(prefix)?;
    if relative.split('/').any(|s| s == "..") {
        return None;
    }
    let candidate = dir.join(relative);
    if relative.is_empty() || relative.ends_with('/') {
        let index = candidate.join("index.html");
        return index.is_file().then_some(index);
    }
    candidate.is_file().then_some(candidate)
}

/// GETs `path` from the server: (status code, body).
pub fn get(port: u16, path: &str) -> (u16, Vec<u8>) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .write_all(format!("GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").as_bytes())
        .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let split = response.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&response[..split]);
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    (status, response[split + 4..].to_vec())
}

/// What a crawl found.
#[derive(Debug, Default)]
pub struct Report {
    pub pages: usize,
    pub resources: usize,
    /// `page: what is wrong`.
    pub problems: Vec<String>,
}

/// Crawls from `start` (e.g. `/sub/`), following every same-site link.
pub fn crawl(port: u16, start: &str) -> Report {
    let mut report = Report::default();
    let mut queue = VecDeque::from([start.to_string()]);
    let mut seen = BTreeSet::from([start.to_string()]);
    let mut ids: HashMap<String, BTreeSet<String>> = HashMap::new();
    let mut anchors: Vec<(String, String, String)> = Vec::new();
    let selectors = [
        ("a[href]", "href"),
        // Canonical and alternate links name addresses; they load nothing.
        (
            "link[href]:not([rel=\"canonical\"]):not([rel=\"alternate\"])",
            "href",
        ),
        ("script[src]", "src"),
        ("img[src]", "src"),
        ("iframe[src]", "src"),
        ("source[src]", "src"),
    ];
    let selectors: Vec<(Selector, &str, &str)> = selectors
        .iter()
        .map(|(s, a)| (Selector::parse(s).unwrap(), *a, *s))
        .collect();
    let with_id = Selector::parse("[id]").unwrap();
    while let Some(url) = queue.pop_front() {
        let (status, body) = get(port, &url);
        if status != 200 {
            report.problems.push(format!("{url}: HTTP {status}"));
            continue;
        }
        if !(url.ends_with('/') || url.ends_with(".html")) {
            report.resources += 1;
            continue;
        }
        report.pages += 1;
        let html = Html::parse_document(&String::from_utf8_lossy(&body));
        ids.insert(
            url.clone(),
            html.select(&with_id)
                .filter_map(|e| e.value().attr("id"))
                .map(str::to_string)
                .collect(),
        );
        for (selector, attribute, what) in &selectors {
            for element in html.select(selector) {
                let Some(target) = element.value().attr(attribute) else {
                    continue;
                };
                if target.starts_with("http://")
                    || target.starts_with("https://")
                    || target.starts_with("//")
                {
                    if *what != "a[href]" {
                        report
                            .problems
                            .push(format!("{url}: loads {target} from another host"));
                    }
                    continue;
                }
                if target.starts_with("mailto:")
                    || target.starts_with("tel:")
                    || target.starts_with("data:")
                {
                    continue;
                }
                let absolute = join_url(&url, target);
                let (path, fragment) = match absolute.split_once('#') {
                    Some((p, f)) => (p.to_string(), Some(f.to_string())),
                    None => (absolute.clone(), None),
                };
                if let Some(fragment) = fragment {
                    anchors.push((url.clone(), path.clone(), fragment));
                }
                if seen.insert(path.clone()) {
                    queue.push_back(path);
                }
            }
        }
    }
    for (from, page, fragment) in anchors {
        if let Some(page_ids) = ids.get(&page)
            && !page_ids.contains(&fragment)
        {
            report.problems.push(format!(
                "{from}: links to {page}#{fragment}, which has no such id"
            ));
        }
    }
    report
}

/// Resolves a link relative to the page it is on.
fn join_url(base: &str, target: &str) -> String {
    if target.starts_with('/') {
        return target.to_string();
    }
    if target.starts_with('#') {
        return format!("{}{target}", base.split('#').next().unwrap());
    }
    let mut parts: Vec<&str> = base.split('/').collect();
    parts.pop();
    for piece in target.split('/') {
        match piece {
            "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts.join("/")
}
