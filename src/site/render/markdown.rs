//! The Markdown stage: every page's Markdown to HTML (in parallel), with its headings, anchors
//! and the links to check once every page is known.

use std::collections::{BTreeMap, HashSet};

use crate::diagnostics::{Diagnostic, Diagnostics, LineIndex};
use crate::markdown::Rendered;
use crate::site::Site;
use crate::site::links::{Check, LinkProblem};
use pulldown_cmark::{Event, Tag, TagEnd};

pub(in crate::site) struct PageResult {
    rendered: Rendered,
    anchors: HashSet<String>,
    checks: Vec<Check>,
    problems: Vec<LinkProblem>,
}

pub(in crate::site) fn render_markdown(
    site: &Site,
    index: usize,
    words: &BTreeMap<String, String>,
) -> Option<PageResult> {
    let page = &site.pages[index];
    page.source.as_ref()?;
    let mut checks = Vec::new();
    let body = &page.text[page.body_offset..];
    let parsed = crate::markdown::parse(body);
    let mut problems = template_tags(body, &parsed);
    problems.extend(outside_embeds(body, &parsed, &site.config.allowed_hosts));
    let mut taken = HashSet::new();
    let mut resolve = |link: crate::markdown::LinkSite<'_>| {
        site.resolve_link(index, link, &mut checks, &mut problems)
    };
    let events = page.kind.rewrite(
        &crate::kinds::RewriteInput {
            data: &page.data,
            words,
        },
        parsed,
        &mut taken,
        &mut resolve,
    );
    let rendered = crate::markdown::render_events(
        events,
        page.front.title.is_none(),
        &mut taken,
        &mut resolve,
    );
    Some(PageResult {
        anchors: element_ids(&rendered.html),
        rendered,
        checks,
        problems,
    })
}

/// Keeps what Markdown made of page `index` (its HTML, headings, anchors and title), reports
/// the page's problems, and returns the links to check once every page is rendered.
pub(in crate::site) fn keep_markdown(
    site: &mut Site,
    index: usize,
    result: Option<PageResult>,
    diagnostics: &mut Diagnostics,
) -> Vec<Check> {
    let mut checks = Vec::new();
    let page = &mut site.pages[index];
    let taken_title = match result {
        Some(result) => {
            let lines = std::cell::LazyCell::new(|| LineIndex::new(&page.text));
            for problem in result.problems {
                let d = if problem.warning {
                    Diagnostic::warning(problem.message)
                } else {
                    Diagnostic::error(problem.message)
                };
                let mut d = d.at(
                    page.shown.clone(),
                    lines.position(&page.text, page.body_offset + problem.offset),
                );
                if !problem.hint.is_empty() {
                    d = d.with_hint(problem.hint);
                }
                diagnostics.push(d);
            }
            for (id, offset) in &result.rendered.duplicate_ids {
                diagnostics.push(
                    Diagnostic::error(format!("the heading id `{id}` is used twice in this page"))
                        .at(
                            page.shown.clone(),
                            lines.position(&page.text, page.body_offset + offset),
                        )
                        .with_hint("give each heading its own {#id}"),
                );
            }
            checks = result.checks;
            page.anchors = result.anchors;
            page.headings = result.rendered.headings;
            page.html = result.rendered.html;
            page.plain = result.rendered.plain;
            result.rendered.title
        }
        None => None,
    };
    page.title = page.front.title.clone().or(taken_title).unwrap_or_else(|| {
        crate::content::paths::humanise(page.key.rsplit('/').next().unwrap_or(""))
    });
    if page.title.is_empty() {
        page.title = site
            .config
            .title
            .get(&page.lang, &site.config.default_language)
            .to_string();
    }
    checks
}

/// A warning for each image, script, frame or media file the page would load from another
/// host: the page's Content-Security-Policy blocks it, so readers would see nothing there.
fn outside_embeds(
    body: &str,
    events: &[(Event<'_>, std::ops::Range<usize>)],
    allowed: &[String],
) -> Vec<LinkProblem> {
    crate::csp::outside_embeds(body, events, allowed)
        .into_iter()
        .map(|embed| LinkProblem {
            offset: embed.offset,
            message: format!(
                "this page loads {} from another host ({}): `{}`; pages load nothing from \
                 outside the site, so readers will not see it",
                embed.what, embed.host, embed.url
            ),
            hint: format!(
                "save the file in content/ beside the page and link to it there, or, to load it \
                 from {} on purpose, add it to site.toml: allowed_hosts = [\"{}\"]",
                embed.host, embed.host
            ),
            warning: true,
        })
        .collect()
}

/// A warning for each Liquid or Hugo tag (`{{ … }}`, `{% … %}`) in the text of a body, outside
/// code: toolkit shows them as written.
fn template_tags(body: &str, events: &[(Event<'_>, std::ops::Range<usize>)]) -> Vec<LinkProblem> {
    let mut found = Vec::new();
    let mut in_code = 0usize;
    for (event, range) in events {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code += 1,
            Event::End(TagEnd::CodeBlock) => in_code = in_code.saturating_sub(1),
            Event::Text(_) if in_code == 0 => {
                let text = &body[range.clone()];
                let mut from = 0;
                while let Some(at) = find_tag_start(&text[from..]) {
                    let start = from + at;
                    from = start + 2;
                    let offset = range.start + start;
                    // `\{{` is the author's way to say it is meant as written.
                    if body[..offset].ends_with('\\') {
                        continue;
                    }
                    let rest = &body[offset..];
                    let line = rest.split('\n').next().unwrap_or(rest).trim_end();
                    let close = if rest.starts_with("{%") { "%}" } else { "}}" };
                    let tag = match line.find(close) {
                        Some(end) => &line[..end + 2],
                        None => line,
                    };
                    let tag: String = if tag.chars().count() > 60 {
                        tag.chars().take(57).collect::<String>() + "…"
                    } else {
                        tag.to_string()
                    };
                    found.push(LinkProblem {
                        offset,
                        message: format!(
                            "`{tag}` is a Liquid or Hugo tag, which toolkit does not process: the page shows it as written"
                        ),
                        hint: "write what it stands for (a link to the .md file, the text itself), or put it in `code` to show it; `toolkit import` converts plain link tags".to_string(),
                        warning: true,
                    });
                }
            }
            _ => {}
        }
    }
    found
}

fn find_tag_start(text: &str) -> Option<usize> {
    match (text.find("{{"), text.find("{%")) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Every `id="…"` in a page's body: the anchors a link may point to.
pub(in crate::site) fn element_ids(html: &str) -> HashSet<String> {
    let mut ids = HashSet::new();
    let mut rest = html;
    while let Some(i) = rest.find(" id=\"") {
        rest = &rest[i + 5..];
        if let Some(end) = rest.find('"') {
            ids.insert(unescape_attribute(&rest[..end]));
            rest = &rest[end..];
        }
    }
    ids
}

pub(in crate::site) fn unescape_attribute(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}
