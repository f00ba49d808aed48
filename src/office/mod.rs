//! Documents a clinic fills in, made at build time: a page's Word version (`downloads =
//! ["docx"]` in its front matter), the Word and Excel versions of checklists and the Excel
//! version of a stakeholder map, and the placeholders (`[[clinic name]]`) left to fill in.

pub mod docx;
pub mod placeholders;
pub mod xlsx;

use std::path::Path;

use crate::content::front_matter::FrontMatter;
use crate::diagnostics::{Diagnostic, LineIndex, Position};

/// The formats a page may ask for in `downloads`.
pub const FORMATS: &[&str] = &["docx"];

/// Whether a page asks for a Word version of itself.
pub fn wants_docx(front: &FrontMatter) -> bool {
    front
        .downloads
        .as_ref()
        .is_some_and(|d| d.value.iter().any(|f| f == "docx"))
}

/// The formats of a page's `downloads` that toolkit cannot make: an error each, at the format
/// as written.
pub fn check_downloads(
    front: &FrontMatter,
    file_text: &str,
    lines: &LineIndex,
    shown: &Path,
) -> Vec<Diagnostic> {
    let Some(downloads) = &front.downloads else {
        return Vec::new();
    };
    let list_start = offset_of(file_text, downloads.value_position);
    let known = FORMATS
        .iter()
        .map(|f| format!("\"{f}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let mut searched_from = list_start;
    let mut problems = Vec::new();
    for format in &downloads.value {
        let found = file_text[searched_from.min(file_text.len())..]
            .find(format.as_str())
            .filter(|_| !format.is_empty())
            .map(|i| searched_from + i);
        if let Some(at) = found {
            searched_from = at + format.len();
        }
        if FORMATS.contains(&format.as_str()) {
            continue;
        }
        let position = found.map_or(downloads.value_position, |at| lines.position(file_text, at));
        let hint = match crate::diagnostics::closest(
            &format.to_lowercase(),
            FORMATS.iter().copied(),
            2,
        ) {
            Some(close) => {
                format!("did you mean \"{close}\"? The formats a page can ask for are: {known}")
            }
            None => format!(
                "the formats a page can ask for are: {known}; checklists also download as PDF, CSV and Excel by themselves"
            ),
        };
        problems.push(
            Diagnostic::error(format!("unknown download format \"{format}\""))
                .at(shown, position)
                .with_hint(hint),
        );
    }
    problems
}

/// The byte offset of a line and column in `text`.
fn offset_of(text: &str, position: Position) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(position.line.saturating_sub(1))
        .map(str::len)
        .sum();
    let column: usize = text[line_start..]
        .chars()
        .take(position.column.saturating_sub(1))
        .map(char::len_utf8)
        .sum();
    line_start + column
}

/// What a Word file of a page holds only as text, as warnings at their places in the file.
pub fn docx_warnings(
    body: &str,
    body_offset: usize,
    file_text: &str,
    lines: &LineIndex,
    shown: &Path,
) -> Vec<Diagnostic> {
    docx::unsupported(body)
        .into_iter()
        .map(|u| {
            Diagnostic::warning(format!("the Word version of this page holds {} as plain text", u.what))
                .at(shown, lines.position(file_text, body_offset + u.offset))
                .with_hint(match u.what {
                    "raw HTML" | "inline HTML" => "Word files hold no HTML: write it in Markdown (a list, a table, **bold**), or keep it and tidy the text in Word",
                    "an image" => "images are not put in the Word file: it shows the image's text and address",
                    "a footnote" => "footnotes are not put in the Word file as footnotes: it shows [label] and the note's text as a paragraph; write the note in the text to keep it together",
                    _ => "write it in plain Markdown to have it in the Word file as it is on the page",
                })
        })
        .collect()
}

/// A link's address as one that works from a downloaded file: an address on another site as
/// it is, one on this site with the site's scheme and host, one relative to the page from the
/// page's own address (`permalink`).
pub fn absolute_url(link: &str, base_url: &str, permalink: &str) -> String {
    let has_scheme = link.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    if has_scheme {
        return link.to_string();
    }
    if let Some(rest) = link.strip_prefix("//") {
        let scheme = base_url.split_once("://").map_or("https", |(s, _)| s);
        return format!("{scheme}://{rest}");
    }
    if link.starts_with('/') {
        let origin = match base_url.split_once("://") {
            Some((scheme, rest)) => {
                format!("{scheme}://{}", rest.split('/').next().unwrap_or(""))
            }
            None => String::new(),
        };
        return format!("{origin}{link}");
    }
    format!("{permalink}{link}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_work_from_a_downloaded_file() {
        let base = "https://org.github.io/toolkit/";
        let page = "https://org.github.io/toolkit/templates/plan/";
        assert_eq!(
            absolute_url("https://example.org/a", base, page),
            "https://example.org/a"
        );
        assert_eq!(absolute_url("mailto:a@b.nl", base, page), "mailto:a@b.nl");
        assert_eq!(
            absolute_url("/toolkit/checklists/", base, page),
            "https://org.github.io/toolkit/checklists/"
        );
        assert_eq!(
            absolute_url("#costs", base, page),
            "https://org.github.io/toolkit/templates/plan/#costs"
        );
        assert_eq!(
            absolute_url("../board/", base, page),
            "https://org.github.io/toolkit/templates/plan/../board/"
        );
    }
}
