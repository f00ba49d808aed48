//! What `serve` adds to HTML pages, and only there: the live-reload script and, while the last
//! edit broke the build, an overlay listing every error. `toolkit build` never adds these.
//!
//! All of it sits between [`START`] and [`END`], so tests can cut it out and compare the rest
//! with a fresh build.

use crate::diagnostics::Diagnostic;

/// Marks the start of what `serve` added to a page.
pub const START: &str = "<!--toolkit-serve-->";
/// Marks the end of what `serve` added to a page.
pub const END: &str = "<!--/toolkit-serve-->";
/// The Server-Sent Events stream that announces builds.
pub const EVENTS_PATH: &str = "/__toolkit/events";

/// Adds the reload script (and the error overlay, when there are errors) before `</body>`.
pub fn inject(html: &[u8], build_id: &str, errors: &[Diagnostic]) -> Vec<u8> {
    let mut added = String::from(START);
    if !errors.is_empty() {
        added.push_str(&overlay(errors));
    }
    added.push_str(&script(build_id));
    added.push_str(END);
    let at = find_body_end(html).unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + added.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(added.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// The page shown while there is no good build at all: the errors, and the reload script.
pub fn error_page(build_id: &str, errors: &[Diagnostic]) -> Vec<u8> {
    inject(ERROR_PAGE.as_bytes(), build_id, errors)
}

const ERROR_PAGE: &str = "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">\
<title>Build failed · toolkit serve</title></head>\n<body>\n<main>\n<h1>The site could not be built</h1>\n\
<p>Fix the errors listed below and save; this page reloads by itself.</p>\n</main>\n</body>\n</html>\n";

fn find_body_end(html: &[u8]) -> Option<usize> {
    let needle = b"</body>";
    html.windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
}

/// Where the script and the stylesheet that `serve` adds are served.
pub const SCRIPT_PATH: &str = "/__toolkit/serve.js";
pub const STYLE_PATH: &str = "/__toolkit/serve.css";
/// The script: reloads the page when the server announces a build other than the one the page
/// came from, closes the overlay, and removes a service worker a published build left.
pub const SCRIPT: &str = include_str!("assets/serve.js");
/// The overlay's stylesheet.
pub const STYLE: &str = include_str!("assets/serve.css");

/// Files, not inline code: the pages' Content-Security-Policy allows only the site's origin.
fn script(build_id: &str) -> String {
    format!(
        "<link rel=\"stylesheet\" href=\"{STYLE_PATH}\"><script src=\"{SCRIPT_PATH}\" data-build=\"{id}\"></script>",
        id = crate::escape::escape(build_id)
    )
}

fn overlay(errors: &[Diagnostic]) -> String {
    let count = errors.iter().filter(|d| d.is_error()).count();
    let mut items = String::new();
    for d in errors {
        items.push_str("<li><pre>");
        items.push_str(&crate::escape::escape(&d.render(false)));
        items.push_str("</pre></li>");
    }
    format!(
        "<div id=\"toolkit-serve-errors\" role=\"alert\" aria-labelledby=\"toolkit-serve-errors-title\">\
<p id=\"toolkit-serve-errors-title\">The site has {count} {noun}; you are seeing the last good version.</p>\
<ul>{items}</ul><button type=\"button\" class=\"toolkit-serve-close\">Close</button></div>",
        noun = if count == 1 { "error" } else { "errors" },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Position;

    #[test]
    fn goes_before_the_last_body_end_and_is_marked() {
        let out = inject(b"<html><body>x</BODY></html>", "7", &[]);
        let out = String::from_utf8(out).unwrap();
        assert!(
            out.starts_with("<html><body>x<!--toolkit-serve--><link rel=\"stylesheet\""),
            "{out}"
        );
        assert!(
            out.ends_with("<!--/toolkit-serve--></BODY></html>"),
            "{out}"
        );
        assert!(out.contains("<script src=\"/__toolkit/serve.js\" data-build=\"7\"></script>"));
        assert!(
            SCRIPT.contains("'/__toolkit/events'"),
            "the script listens to {EVENTS_PATH}"
        );
        let bare = String::from_utf8(inject(b"plain", "7", &[])).unwrap();
        assert!(bare.starts_with("plain<!--toolkit-serve-->"));
    }

    #[test]
    fn overlay_escapes_and_is_accessible() {
        let d = Diagnostic::error("expected `=`, found <script>alert(1)</script>")
            .at("content/x.md", Position { line: 2, column: 7 });
        let out = String::from_utf8(inject(b"<body></body>", "1", &[d])).unwrap();
        assert!(out.contains("role=\"alert\""));
        assert!(out.contains("<button type=\"button\""));
        assert!(out.contains("content/x.md:2:7: error: expected `=`, found &lt;script&gt;"));
        assert!(!out.contains("<script>alert"));
        assert!(!out.contains("http"), "no external resources: {out}");
        assert!(out.contains("1 error;"));
    }
}
