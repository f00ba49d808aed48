//! Markdown to HTML: CommonMark with tables, footnotes, strikethrough, task lists and smart
//! punctuation; heading ids (explicit `{#id}` or generated, unique in the page); the table of
//! contents; sections folded into a disclosure by the `{.details}` class on their heading; and
//! every link and image address passed through the caller for resolution.

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::slug::{Unique, heading_id};

/// The class that folds a heading's section into a disclosure (`## Evidence {.details}`): the
/// heading is the summary, and the section (up to the next heading of the same or a higher
/// level) opens when clicked.
pub const FOLD_CLASS: &str = "details";

/// The parser options every page uses.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// A heading of the page, for the table of contents and anchor checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// An entry of the table of contents, with the headings one level below it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
    pub children: Vec<TocEntry>,
}

/// A link or image address found in the body, for the caller to resolve.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkSite<'a> {
    pub destination: &'a str,
    /// Byte offset of the link in the body.
    pub offset: usize,
    pub is_image: bool,
}

/// The result of rendering one body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    /// The text of a leading `# Title`, when asked to take it out of the body.
    pub title: Option<String>,
    /// Explicit ids written twice: the id and the byte offset of the second heading.
    pub duplicate_ids: Vec<(String, usize)>,
    /// The body's text without markup (what the page kind left of it), for search.
    pub plain: String,
}

/// Parses a body into events with their byte ranges.
pub fn parse(body: &str) -> Vec<(Event<'_>, Range<usize>)> {
    Parser::new_ext(body, options())
        .into_offset_iter()
        .collect()
}

/// Renders a body. `taken_ids` holds ids already used in the page (they are not reused);
/// `resolve` returns the address to write for each link and image.
pub fn render(
    body: &str,
    take_title: bool,
    taken_ids: &mut HashSet<String>,
    resolve: &mut dyn FnMut(LinkSite<'_>) -> String,
) -> Rendered {
    render_events(parse(body), take_title, taken_ids, resolve)
}

/// Renders parsed events (which a page kind may have transformed).
pub fn render_events<'a>(
    events: Vec<(Event<'a>, Range<usize>)>,
    take_title: bool,
    taken_ids: &mut HashSet<String>,
    resolve: &mut dyn FnMut(LinkSite<'_>) -> String,
) -> Rendered {
    let mut out = Rendered::default();
    let mut html_events: Vec<Event<'a>> = Vec::with_capacity(events.len());
    let mut explicit: HashSet<String> = HashSet::new();
    let mut unique = Unique::default();
    let mut seen_block = false;
    // Explicit ids are reserved first, so that a generated id never takes one.
    for (event, _) in &events {
        if let Event::Start(Tag::Heading { id: Some(id), .. }) = event {
            taken_ids.insert(id.to_string());
        }
    }
    // The level of the heading whose section is folded into a disclosure, while inside it.
    let mut folded: Option<HeadingLevel> = None;
    let mut i = 0;
    while i < events.len() {
        let (event, range) = &events[i];
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                // Gather the heading's inline events up to its end.
                let mut j = i + 1;
                let mut text = String::new();
                while j < events.len() && !matches!(events[j].0, Event::End(TagEnd::Heading(_))) {
                    if let Event::Text(t) | Event::Code(t) = &events[j].0 {
                        text.push_str(t);
                    }
                    j += 1;
                }
                let title = text.trim().to_string();
                if take_title && !seen_block && *level == HeadingLevel::H1 && out.title.is_none() {
                    out.title = Some(title);
                    i = j + 1;
                    seen_block = true;
                    continue;
                }
                seen_block = true;
                let id = match id {
                    Some(explicit_id) => {
                        let explicit_id = explicit_id.to_string();
                        if !explicit.insert(explicit_id.clone()) {
                            out.duplicate_ids.push((explicit_id.clone(), range.start));
                        }
                        explicit_id
                    }
                    None => unique.id(&heading_id(&title), taken_ids),
                };
                let level_number = *level as u8;
                out.headings.push(Heading {
                    level: level_number,
                    id: id.clone(),
                    title,
                });
                if folded.is_some_and(|open| *level <= open) {
                    html_events.push(Event::Html(CowStr::from("</details>\n")));
                    folded = None;
                }
                let fold = folded.is_none() && classes.iter().any(|c| c.as_ref() == FOLD_CLASS);
                if fold {
                    html_events.push(Event::Html(CowStr::from(
                        "<details class=\"fold\">\n<summary>",
                    )));
                    folded = Some(*level);
                }
                html_events.push(Event::Start(Tag::Heading {
                    level: *level,
                    id: Some(CowStr::from(id)),
                    classes: classes
                        .iter()
                        .filter(|c| c.as_ref() != FOLD_CLASS)
                        .cloned()
                        .collect(),
                    attrs: attrs.clone(),
                }));
                for (inner, inner_range) in &events[i + 1..j] {
                    html_events.push(rewrite(inner.clone(), inner_range.start, resolve));
                }
                if j < events.len() {
                    html_events.push(events[j].0.clone());
                }
                if fold {
                    html_events.push(Event::Html(CowStr::from("</summary>\n")));
                }
                i = j + 1;
                continue;
            }
            Event::Start(_) | Event::Text(_) | Event::Html(_) | Event::Rule => seen_block = true,
            _ => {}
        }
        // A wide table scrolls inside a box that the keyboard can reach and scroll.
        if let Event::Start(Tag::Table(_)) = event {
            html_events.push(Event::Html(CowStr::from(
                "<div class=\"table-scroll\" tabindex=\"0\">\n",
            )));
        }
        html_events.push(rewrite(event.clone(), range.start, resolve));
        if let Event::End(TagEnd::Table) = event {
            html_events.push(Event::Html(CowStr::from("</div>\n")));
        }
        i += 1;
    }
    if folded.is_some() {
        html_events.push(Event::Html(CowStr::from("</details>\n")));
    }
    out.plain = plain_text_of(&html_events);
    let mut html = String::with_capacity(html_events.len() * 16);
    pulldown_cmark::html::push_html(&mut html, html_events.into_iter());
    out.html = html;
    out
}

fn rewrite<'a>(
    event: Event<'a>,
    offset: usize,
    resolve: &mut dyn FnMut(LinkSite<'_>) -> String,
) -> Event<'a> {
    match event {
        // An e-mail autolink (`<someone@example.org>`): the HTML writer adds `mailto:`.
        Event::Start(Tag::Link {
            link_type: LinkType::Email,
            ..
        }) => event,
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let href = resolve(LinkSite {
                destination: &dest_url,
                offset,
                is_image: false,
            });
            Event::Start(Tag::Link {
                link_type,
                dest_url: CowStr::from(href),
                title,
                id,
            })
        }
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let src = resolve(LinkSite {
                destination: &dest_url,
                offset,
                is_image: true,
            });
            Event::Start(Tag::Image {
                link_type,
                dest_url: CowStr::from(src),
                title,
                id,
            })
        }
        other => other,
    }
}

/// Nests headings of levels 2 and 3 into a table of contents.
pub fn table_of_contents(headings: &[Heading]) -> Vec<TocEntry> {
    let mut toc: Vec<TocEntry> = Vec::new();
    for h in headings.iter().filter(|h| h.level == 2 || h.level == 3) {
        let entry = TocEntry {
            level: h.level,
            id: h.id.clone(),
            title: h.title.clone(),
            children: Vec::new(),
        };
        match toc.last_mut() {
            Some(parent) if h.level == 3 && parent.level == 2 => parent.children.push(entry),
            _ => toc.push(entry),
        }
    }
    toc
}

/// Plain text of a Markdown fragment (for titles and search), without markup.
pub fn plain_text(markdown: &str) -> String {
    let events: Vec<Event> = Parser::new_ext(markdown, options()).collect();
    plain_text_of(&events)
}

/// Plain text of events: their text, with a space at each break and block end.
fn plain_text_of(events: &[Event]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            // What a page kind drew (a map, a schedule) and HTML blocks written in the page;
            // inline HTML is only tags, its text comes as text.
            Event::Html(t) => {
                html_text(t, &mut text);
                text.push(' ');
            }
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition,
            ) => text.push(' '),
            _ => {}
        }
    }
    text.truncate(text.trim_end().len());
    text
}

/// Adds the text of an HTML fragment: what stands outside its tags (a space for each tag), with
/// the entities an escaper writes decoded, and nothing of `<script>` or `<style>` elements.
/// Enough to find words in; not an HTML parser.
fn html_text(html: &str, text: &mut String) {
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        push_decoded(&rest[..open], text);
        text.push(' ');
        let tag = &rest[open..];
        let Some(close) = tag.find('>') else {
            return;
        };
        rest = &tag[close + 1..];
        for element in ["script", "style"] {
            let name = tag.get(1..1 + element.len());
            if name.is_some_and(|n| n.eq_ignore_ascii_case(element)) {
                let end = format!("</{element}>");
                rest = rest.find(&end).map_or("", |at| &rest[at + end.len()..]);
            }
        }
    }
    push_decoded(rest, text);
}

fn push_decoded(escaped: &str, text: &mut String) {
    if !escaped.contains('&') {
        text.push_str(escaped);
        return;
    }
    text.push_str(
        &escaped
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&"),
    );
}

/// Renders an inline Markdown fragment (no surrounding paragraph).
pub fn render_inline(markdown: &str, resolve: &mut dyn FnMut(LinkSite<'_>) -> String) -> String {
    render_inline_at(markdown, 0, resolve)
}

/// Renders an inline Markdown fragment found at byte `offset` of a page's body, so that the
/// resolver is given link positions in the body.
pub fn render_inline_at(
    markdown: &str,
    offset: usize,
    resolve: &mut dyn FnMut(LinkSite<'_>) -> String,
) -> String {
    let events: Vec<Event> = Parser::new_ext(markdown, options())
        .into_offset_iter()
        .filter(|(e, _)| {
            !matches!(
                e,
                Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph)
            )
        })
        .map(|(e, r)| rewrite(e, offset + r.start, resolve))
        .collect();
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    html.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keep(site: LinkSite<'_>) -> String {
        site.destination.to_string()
    }

    fn html(body: &str) -> Rendered {
        render(body, false, &mut HashSet::new(), &mut keep)
    }

    #[test]
    fn extensions_are_on() {
        let r = html(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ \"quoted\"\n\n- [ ] task\n\nNote[^1]\n\n[^1]: The note.\n",
        );
        assert!(r.html.contains("<table>"), "{}", r.html);
        assert!(r.html.contains("<del>old</del>"));
        assert!(r.html.contains("“quoted”"));
        assert!(r.html.contains("type=\"checkbox\""));
        assert!(r.html.contains("footnote-definition"));
    }

    #[test]
    fn heading_ids_are_explicit_or_unique_slugs() {
        let r = html("## Timing {#timing}\n\n## Next step\n\n## Next step\n\n### Één ding\n");
        let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["timing", "next-step", "next-step-1", "een-ding"]);
        assert!(
            r.html.contains("<h2 id=\"timing\">Timing</h2>"),
            "{}",
            r.html
        );
        assert!(r.duplicate_ids.is_empty());
    }

    #[test]
    fn a_details_heading_folds_its_section_into_a_disclosure() {
        let r = html(
            "Intro.\n\n## Evidence {#evidence .details .wide}\n\nTable.\n\n### Part\n\nMore.\n\n## Next\n\nText.\n",
        );
        assert_eq!(
            r.html,
            "<p>Intro.</p>\n<details class=\"fold\">\n<summary>\n<h2 id=\"evidence\" class=\"wide\">Evidence</h2>\n</summary>\n<p>Table.</p>\n<h3 id=\"part\">Part</h3>\n<p>More.</p>\n</details>\n<h2 id=\"next\">Next</h2>\n<p>Text.</p>\n"
        );
        // A folded section at the end of the page is closed too.
        let r = html("## Last {.details}\n\nText.\n");
        assert!(r.html.ends_with("<p>Text.</p>\n</details>\n"), "{}", r.html);
        assert_eq!(r.headings[0].title, "Last");
    }

    #[test]
    fn generated_ids_avoid_explicit_ones() {
        let r = html("## Plan\n\n## Other {#plan}\n");
        assert_eq!(r.headings[0].id, "plan-1");
        assert_eq!(r.headings[1].id, "plan");
        let r = html("## Other {#plan}\n\n## Plan\n");
        assert_eq!(r.headings[1].id, "plan-1");
    }

    #[test]
    fn duplicate_explicit_ids_are_reported() {
        let r = html("## A {#x}\n\n## B {#x}\n");
        assert_eq!(r.duplicate_ids, [("x".to_string(), 11)]);
    }

    #[test]
    fn leading_h1_becomes_the_title() {
        let r = render(
            "# The title\n\nText\n",
            true,
            &mut HashSet::new(),
            &mut keep,
        );
        assert_eq!(r.title.as_deref(), Some("The title"));
        assert!(!r.html.contains("<h1"));
        let r = render("Text\n\n# Later\n", true, &mut HashSet::new(), &mut keep);
        assert_eq!(r.title, None);
    }

    #[test]
    fn links_and_images_go_through_the_resolver() {
        let mut seen = Vec::new();
        let r = render(
            "See [plan](a.md#x) and ![logo](img.png).\n",
            false,
            &mut HashSet::new(),
            &mut |s: LinkSite<'_>| {
                seen.push((s.destination.to_string(), s.offset, s.is_image));
                format!("/resolved/{}", s.destination)
            },
        );
        assert_eq!(
            seen,
            [
                ("a.md#x".to_string(), 4, false),
                ("img.png".to_string(), 23, true)
            ]
        );
        assert!(r.html.contains("href=\"/resolved/a.md#x\""));
        assert!(r.html.contains("src=\"/resolved/img.png\""));
    }

    #[test]
    fn toc_nests_level_three_under_two() {
        let r = html("## A\n\n### A1\n\n#### deep\n\n## B\n");
        let toc = table_of_contents(&r.headings);
        assert_eq!(toc.len(), 2);
        assert_eq!(toc[0].children.len(), 1);
        assert_eq!(toc[0].children[0].title, "A1");
    }

    #[test]
    fn inline_and_plain_text() {
        assert_eq!(
            render_inline("*a* [b](c)", &mut keep),
            "<em>a</em> <a href=\"c\">b</a>"
        );
        assert_eq!(plain_text("*a* [b](c) `d`"), "a b d");
        assert_eq!(
            plain_text(
                "<div>\n<svg><title>Map &amp; plan</title><style>x{}</style><text x=\"1\">Nurse</text></svg>\n</div>\n\n<script>var a;</script>\n\ndone <b>now</b>"
            )
            .split_whitespace()
            .collect::<Vec<_>>(),
            ["Map", "&", "plan", "Nurse", "done", "now"]
        );
    }
}
