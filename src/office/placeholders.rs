//! Placeholders a clinic fills in, written in a page as `[[clinic name]]`: found in the
//! Markdown (outside code), split out of text for the Word file, listed on the web page and
//! by `toolkit check --placeholders`.

use pulldown_cmark::{Event, Tag};

/// The longest name a placeholder may have; a longer `[[…]]` is left as text.
const LONGEST: usize = 80;

/// One placeholder in a page's Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    /// What is to be filled in: `clinic name`.
    pub name: String,
    /// Where `[[` is, in bytes from the start of the text searched.
    pub offset: usize,
}

/// A piece of text: as written, or a placeholder (its whole `[[name]]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    Placeholder(&'a str),
}

/// The placeholders of `text`, in order: `[[`, a name of 1 to 80 characters without brackets
/// or line breaks (not only spaces), `]]`.
pub fn in_text(text: &str) -> Vec<Placeholder> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(start) = text[from..].find("[[").map(|i| from + i) {
        let rest = &text[start + 2..];
        let end = rest.find(['[', ']', '\n', '\r']);
        match end {
            Some(end) if rest[end..].starts_with("]]") => {
                let name = rest[..end].trim();
                if !name.is_empty() && rest[..end].chars().count() <= LONGEST {
                    found.push(Placeholder {
                        name: name.to_string(),
                        offset: start,
                    });
                    from = start + 2 + end + 2;
                    continue;
                }
                from = start + 1;
            }
            _ => from = start + 1,
        }
    }
    found
}

/// `text` cut into plain pieces and placeholders.
pub fn split(text: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut at = 0;
    for placeholder in in_text(text) {
        let start = placeholder.offset;
        let end = start + text[start..].find("]]").unwrap_or(0) + 2;
        if start > at {
            pieces.push(Piece::Text(&text[at..start]));
        }
        pieces.push(Piece::Placeholder(&text[start..end]));
        at = end;
    }
    if at < text.len() {
        pieces.push(Piece::Text(&text[at..]));
    }
    pieces
}

/// The placeholders of a page's Markdown body, leaving out those in code (an example of the
/// syntax is not one to fill in) and in raw HTML.
pub fn in_markdown(body: &str) -> Vec<Placeholder> {
    let events = crate::markdown::parse(body);
    let mut skipped: Vec<std::ops::Range<usize>> = Vec::new();
    for (event, range) in &events {
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock)
            | Event::Code(_)
            | Event::InlineHtml(_)
            | Event::Html(_) => skipped.push(range.clone()),
            _ => {}
        }
    }
    in_text(body)
        .into_iter()
        .filter(|p| !skipped.iter().any(|r| r.contains(&p.offset)))
        .collect()
}

/// The names of a page's placeholders, each once, in the order they first appear.
pub fn names(body: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for placeholder in in_markdown(body) {
        if !names.contains(&placeholder.name) {
            names.push(placeholder.name);
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_found_outside_code() {
        let body = "Welcome to [[clinic name]].\n\nCall [[ phone ]] or `[[not this]]`.\n\n```\n[[nor this]]\n```\n\n[[clinic name]] again, [[]] and [[a [b]] are not.\n";
        let found: Vec<(String, usize)> = in_markdown(body)
            .into_iter()
            .map(|p| (p.name, p.offset))
            .collect();
        assert_eq!(
            found,
            [
                ("clinic name".to_string(), 11),
                ("phone".to_string(), 34),
                ("clinic name".to_string(), body.rfind("[[clinic").unwrap()),
            ]
        );
        assert_eq!(names(body), ["clinic name", "phone"]);
    }

    #[test]
    fn text_is_split_around_placeholders() {
        assert_eq!(
            split("Dear [[name]], see [[date]]."),
            [
                Piece::Text("Dear "),
                Piece::Placeholder("[[name]]"),
                Piece::Text(", see "),
                Piece::Placeholder("[[date]]"),
                Piece::Text("."),
            ]
        );
        assert_eq!(split("no [[ ]] here"), [Piece::Text("no [[ ]] here")]);
    }
}
