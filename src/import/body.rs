//! The body of a Jekyll or Hugo page: plain Liquid link tags (`{% link x.md %}`,
//! `{{ '/x/' | relative_url }}`, `{{ site.baseurl }}`) and Hugo `ref`/`relref` shortcodes
//! become the links toolkit reads; every other tag outside code is noted, with its line.

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{Event, Tag};

/// Where the pages are: every content path of the new site, and the content paths files had in
/// the old one that changed (`guide/README.md` → `guide/index.md`).
pub struct Paths<'a> {
    pub files: &'a HashSet<String>,
    pub renamed: &'a BTreeMap<String, String>,
}

/// A body with its tags converted, and notes of what was not: (line, what).
pub fn convert(
    body: &str,
    first_line: usize,
    page: &str,
    paths: &Paths<'_>,
) -> (String, Vec<(usize, String)>) {
    let code = code_ranges(body);
    let mut out = String::with_capacity(body.len());
    let mut notes = Vec::new();
    let mut copied = 0;
    let mut search = 0;
    while let Some(found) = next_tag(&body[search..]) {
        let start = search + found;
        search = start + 2;
        if code.iter().any(|r| r.contains(&start)) || body[..start].ends_with('\\') {
            continue;
        }
        let close = match &body[start..start + 2] {
            "{%" => "%}",
            _ => "}}",
        };
        let line = first_line + body[..start].matches('\n').count();
        let Some(length) = body[start..].find(close).filter(|&n| n < 400) else {
            notes.push((line, "a `{{` or `{%` that is never closed".to_string()));
            continue;
        };
        let end = start + length + 2;
        let tag = &body[start..end];
        match replacement(tag, page, paths) {
            Ok(new) => {
                out.push_str(&body[copied..start]);
                out.push_str(&new);
                copied = end;
                search = end;
            }
            Err(why) => notes.push((line, format!("`{}` {why}", one_line(tag)))),
        }
    }
    out.push_str(&body[copied..]);
    (out, notes)
}

fn next_tag(text: &str) -> Option<usize> {
    match (text.find("{{"), text.find("{%")) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn one_line(tag: &str) -> String {
    tag.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Byte ranges of code (inline and blocks), where tags are meant as written.
fn code_ranges(body: &str) -> Vec<Range<usize>> {
    crate::markdown::parse(body)
        .into_iter()
        .filter(|(e, _)| matches!(e, Event::Code(_) | Event::Start(Tag::CodeBlock(_))))
        .map(|(_, r)| r)
        .collect()
}

/// What a tag becomes, or why it stays.
fn replacement(tag: &str, page: &str, paths: &Paths<'_>) -> Result<String, String> {
    let inner = tag[2..tag.len() - 2].trim();
    // Hugo: {{< ref "x.md" >}}, {{% relref "x.md" %}}.
    let hugo = inner
        .strip_prefix('<')
        .and_then(|s| s.strip_suffix('>'))
        .or_else(|| inner.strip_prefix('%').and_then(|s| s.strip_suffix('%')));
    if let Some(shortcode) = hugo {
        let words: Vec<&str> = shortcode.split_whitespace().collect();
        return match words.as_slice() {
            [name, target] if *name == "ref" || *name == "relref" => {
                let target = unquote(target).ok_or("names its page in a way not converted")?;
                let (path, fragment) = split_fragment(target);
                let from_root = match path.strip_prefix('/') {
                    Some(p) => p.to_string(),
                    None => join(parent(page), path),
                };
                link_to(&from_root, fragment, page, paths)
            }
            _ => Err("is a Hugo shortcode, which toolkit does not have; not converted".into()),
        };
    }
    if tag.starts_with("{%") {
        let words: Vec<&str> = inner.split_whitespace().collect();
        return match words.as_slice() {
            ["link", target] => {
                let (path, fragment) = split_fragment(target);
                link_to(path.trim_start_matches('/'), fragment, page, paths)
            }
            [name, ..] => Err(format!(
                "is a Liquid `{name}` tag, which toolkit does not have; not converted"
            )),
            [] => Err("is an empty Liquid tag; not converted".into()),
        };
    }
    // {{ site.baseurl }}, {{ '/x/' | relative_url }}.
    let compact: String = inner.split_whitespace().collect();
    match compact.as_str() {
        "site.baseurl" | "site.url" => return Ok(String::new()),
        _ => {}
    }
    if let Some((value, filter)) = compact.split_once('|')
        && (filter == "relative_url" || filter == "absolute_url")
        && let Some(path) = unquote(value)
    {
        return Ok(if path.starts_with('/') {
            path.to_string()
        } else {
            format!("/{path}")
        });
    }
    Err("is a Liquid expression, which toolkit does not have; not converted".into())
}

fn unquote(text: &str) -> Option<&str> {
    text.strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .or_else(|| text.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')))
}

fn split_fragment(target: &str) -> (&str, Option<&str>) {
    match target.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (target, None),
    }
}

/// The relative link from `page` to the old content path `target`.
fn link_to(
    target: &str,
    fragment: Option<&str>,
    page: &str,
    paths: &Paths<'_>,
) -> Result<String, String> {
    let target = paths
        .renamed
        .get(target)
        .map(String::as_str)
        .unwrap_or(target);
    if !paths.files.contains(target) {
        return Err(format!(
            "links to {target}, which is not in the imported folder; not converted"
        ));
    }
    let mut link = relative(parent(page), target);
    if let Some(f) = fragment {
        link.push('#');
        link.push_str(f);
    }
    Ok(link)
}

fn parent(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(p, _)| p)
}

fn join(folder: &str, relative: &str) -> String {
    let mut parts: Vec<&str> = folder.split('/').filter(|s| !s.is_empty()).collect();
    for part in relative.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts.join("/")
}

/// `target` (a content path) as written from a page in `folder`: `../tools/a.md`.
fn relative(folder: &str, target: &str) -> String {
    let from: Vec<&str> = folder.split('/').filter(|s| !s.is_empty()).collect();
    let to: Vec<&str> = target.split('/').collect();
    let common = from
        .iter()
        .zip(&to)
        .take_while(|(a, b)| a == b)
        .count()
        .min(to.len() - 1);
    let mut parts: Vec<&str> = vec![".."; from.len() - common];
    parts.extend(&to[common..]);
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_tags_become_relative_links() {
        let files: HashSet<String> = ["guide/setup.md", "guide/index.md", "about.md"]
            .map(String::from)
            .into();
        let renamed: BTreeMap<String, String> =
            [("guide/README.md".to_string(), "guide/index.md".to_string())].into();
        let paths = Paths {
            files: &files,
            renamed: &renamed,
        };
        let (body, notes) = convert(
            "[a]({% link guide/setup.md %}) [b]({{ '/about/' | relative_url }}) \
             [c]({{ site.baseurl }}/about/) [d]({% link guide/README.md %}#x)\n\
             `{% link x.md %}` {% include note.html %} [e]({{< ref \"/about.md\" >}})\n",
            5,
            "guide/setup.md",
            &paths,
        );
        assert_eq!(
            body,
            "[a](setup.md) [b](/about/) [c](/about/) [d](index.md#x)\n\
             `{% link x.md %}` {% include note.html %} [e](../about.md)\n"
        );
        assert_eq!(
            notes,
            [(
                6,
                "`{% include note.html %}` is a Liquid `include` tag, which toolkit does not have; not converted".to_string()
            )]
        );
    }

    #[test]
    fn relative_paths() {
        assert_eq!(relative("a/b", "a/c.md"), "../c.md");
        assert_eq!(relative("", "a/c.md"), "a/c.md");
        assert_eq!(relative("a", "a/c.md"), "c.md");
        assert_eq!(relative("a", "b.md"), "../b.md");
    }
}
