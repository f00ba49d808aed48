//! Which file of the in-memory site a request path names, the way GitHub Pages answers it.
//!
//! Pure and unit-tested: a path that could leave the site (`..`, encoded slashes, backslashes,
//! `//`) names nothing, so it gets the site's 404 page. Redirect targets are percent-encoded,
//! so a base path such as `/café/` gives a `Location` that can be sent (`/caf%C3%A9/`).

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

/// What a request path resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// The output path of a file in the site (`about/index.html`).
    File(String),
    /// Redirect here (`/sub/about` → `/sub/about/`), percent-encoded.
    Redirect(String),
    NotFound,
}

/// Resolves `target` (the request target, with any query) under `base_path` (`/sub/`);
/// `exists` says whether the site has a file at an output path.
pub fn resolve(target: &str, base_path: &str, exists: impl Fn(&str) -> bool) -> Route {
    let (raw, query) = match target.find(['?', '#']) {
        Some(i) => (&target[..i], &target[i..]),
        None => (target, ""),
    };
    let query = if query.starts_with('?') { query } else { "" };
    let Some(path) = safe_path(raw) else {
        return Route::NotFound;
    };
    if format!("{path}/") == base_path {
        return Route::Redirect(location(&format!("{base_path}{query}")));
    }
    let Some(relative) = path.strip_prefix(base_path) else {
        return Route::NotFound;
    };
    if relative.is_empty() || relative.ends_with('/') {
        let index = format!("{relative}index.html");
        return if exists(&index) {
            Route::File(index)
        } else {
            Route::NotFound
        };
    }
    if exists(relative) {
        Route::File(relative.to_string())
    } else if exists(&format!("{relative}/index.html")) {
        Route::Redirect(location(&format!("{raw}/{query}")))
    } else {
        Route::NotFound
    }
}

/// What is percent-encoded in a `Location`: what may not appear in a URL as it is (controls,
/// spaces, quotes, angle brackets, backslashes, carets, backticks, braces, bars) and every
/// non-ASCII character (as UTF-8). `%` stays: the request target and a base path may hold
/// escapes already.
const NOT_IN_URLS: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// `target` (a path with any query) as a `Location` value.
fn location(target: &str) -> String {
    utf8_percent_encode(target, NOT_IN_URLS).to_string()
}

/// The decoded path, or `None` when it is not a plain absolute path inside the site.
fn safe_path(raw: &str) -> Option<String> {
    if !raw.starts_with('/') || raw.starts_with("//") || raw.contains('\\') {
        return None;
    }
    let lower = raw.to_ascii_lowercase();
    if ["%2f", "%5c", "%00"].iter().any(|e| lower.contains(e)) {
        return None;
    }
    if !crate::text::escapes_are_whole(raw) {
        return None;
    }
    let path = crate::text::percent_decode(raw)?;
    if path.contains(['\\', '\0']) {
        return None;
    }
    let segments: Vec<&str> = path[1..].split('/').collect();
    let last = segments.len() - 1;
    for (i, segment) in segments.iter().enumerate() {
        if *segment == ".." || *segment == "." || (segment.is_empty() && i != last) {
            return None;
        }
    }
    Some(path)
}

/// The `Content-Type` of an output path, with `charset=utf-8` for text.
pub fn content_type(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    let extension = match name.rsplit_once('.') {
        Some((_, e)) => e.to_ascii_lowercase(),
        None => return "application/octet-stream".to_string(),
    };
    let known = match extension.as_str() {
        "html" | "htm" => "text/html",
        "css" => "text/css",
        "js" | "mjs" => "text/javascript",
        "json" | "map" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain",
        "csv" => "text/csv",
        "md" => "text/markdown",
        "ics" => "text/calendar",
        "svg" => "image/svg+xml",
        "webmanifest" => "application/manifest+json",
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/vnd.microsoft.icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        _ => "",
    };
    let mime = if known.is_empty() {
        mime_guess::from_ext(&extension)
            .first_raw()
            .unwrap_or("application/octet-stream")
    } else {
        known
    };
    let textual = mime.starts_with("text/")
        || matches!(
            mime,
            "application/json"
                | "application/xml"
                | "image/svg+xml"
                | "application/manifest+json"
                | "application/javascript"
        );
    if textual {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(path: &str) -> bool {
        [
            "index.html",
            "about/index.html",
            "files/form.txt",
            "404.html",
            "é/index.html",
        ]
        .contains(&path)
    }

    fn at(target: &str) -> Route {
        resolve(target, "/sub/", site)
    }

    #[test]
    fn folders_index_files_and_redirects() {
        assert_eq!(at("/sub/"), Route::File("index.html".into()));
        assert_eq!(at("/sub/?x=1"), Route::File("index.html".into()));
        assert_eq!(at("/sub"), Route::Redirect("/sub/".into()));
        assert_eq!(at("/sub?x=1"), Route::Redirect("/sub/?x=1".into()));
        assert_eq!(at("/sub/about/"), Route::File("about/index.html".into()));
        assert_eq!(at("/sub/about"), Route::Redirect("/sub/about/".into()));
        assert_eq!(at("/sub/about#top"), Route::Redirect("/sub/about/".into()));
        assert_eq!(
            at("/sub/files/form.txt"),
            Route::File("files/form.txt".into())
        );
        assert_eq!(at("/sub/%C3%A9/"), Route::File("é/index.html".into()));
        assert_eq!(at("/sub/files/"), Route::NotFound);
        assert_eq!(at("/"), Route::NotFound);
        assert_eq!(at("/index.html"), Route::NotFound);
        assert_eq!(resolve("/", "/", site), Route::File("index.html".into()));
    }

    #[test]
    fn redirects_are_percent_encoded() {
        let home = |p: &str| p == "index.html" || p == "a b/index.html";
        assert_eq!(
            resolve("/caf%C3%A9", "/café/", home),
            Route::Redirect("/caf%C3%A9/".into())
        );
        assert_eq!(
            resolve("/caf%C3%A9?q=%22x%22", "/café/", home),
            Route::Redirect("/caf%C3%A9/?q=%22x%22".into())
        );
        assert_eq!(
            resolve("/%E6%97%A5", "/日/", home),
            Route::Redirect("/%E6%97%A5/".into())
        );
        assert_eq!(
            resolve("/a%20b", "/", home),
            Route::Redirect("/a%20b/".into())
        );
        assert_eq!(location("/café/"), "/caf%C3%A9/");
        assert_eq!(location("/a b/<\"x\">\r\n"), "/a%20b/%3C%22x%22%3E%0D%0A");
        assert_eq!(location("/caf%C3%A9/"), "/caf%C3%A9/");
    }

    #[test]
    fn nothing_outside_the_site() {
        for target in [
            "/sub/../site.toml",
            "/../site.toml",
            "/%2e%2e/site.toml",
            "/sub/%2E%2E/site.toml",
            "/sub/..%2fsite.toml",
            "/sub/..%2Fsite.toml",
            "//etc/passwd",
            "/sub//etc/passwd",
            "/sub/%5c..%5csite.toml",
            "/sub/\\..\\site.toml",
            "/sub/./index.html",
            "/sub/%00",
            "/sub/%zz",
            "/sub/%",
            "/sub/%ff",
            "http://evil/sub/",
            "*",
            "",
        ] {
            assert_eq!(at(target), Route::NotFound, "{target}");
        }
    }

    #[test]
    fn content_types() {
        for (path, want) in [
            ("a/index.html", "text/html; charset=utf-8"),
            ("style.css", "text/css; charset=utf-8"),
            ("a.js", "text/javascript; charset=utf-8"),
            ("search.json", "application/json; charset=utf-8"),
            ("sitemap.xml", "application/xml; charset=utf-8"),
            ("robots.txt", "text/plain; charset=utf-8"),
            ("t.csv", "text/csv; charset=utf-8"),
            ("a.md", "text/markdown; charset=utf-8"),
            ("a.ics", "text/calendar; charset=utf-8"),
            ("a.svg", "image/svg+xml; charset=utf-8"),
            (
                "site.webmanifest",
                "application/manifest+json; charset=utf-8",
            ),
            ("a.PDF", "application/pdf"),
            ("a.png", "image/png"),
            ("a.jpg", "image/jpeg"),
            ("favicon.ico", "image/vnd.microsoft.icon"),
            ("f.woff2", "font/woff2"),
            ("CNAME", "application/octet-stream"),
        ] {
            assert_eq!(content_type(path), want, "{path}");
        }
    }
}
