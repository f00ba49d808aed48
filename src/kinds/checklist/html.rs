//! A checklist's items as HTML form controls: each task-list item becomes a labelled checkbox
//! with its attributes, lists and groups get the classes `checklist.js` and the print
//! stylesheet look for. Everything else in the page stays as written.

use std::collections::{BTreeMap, HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, Tag};

use super::items;
use super::{ChecklistData, Item, word};
use crate::kinds::Events;
use crate::markdown::{LinkSite, render_inline_at};

/// Turns the page's task items into checklist items.
pub fn rewrite<'a>(
    data: &ChecklistData,
    words: &BTreeMap<String, String>,
    events: Events<'a>,
    taken_ids: &mut HashSet<String>,
    resolve: &mut dyn FnMut(LinkSite<'_>) -> String,
) -> Events<'a> {
    let found = items::find(&events);
    let written: Vec<&Item> = data.items().collect();
    if written.len() != found.items.len() {
        return events;
    }
    for item in &written {
        taken_ids.insert(item.id.clone());
        taken_ids.insert(checkbox_id("", &item.id));
    }
    let item_at: HashMap<usize, (usize, usize)> = found
        .items
        .iter()
        .enumerate()
        .map(|(n, f)| (f.start, (n, f.first_block.end)))
        .collect();
    let group_heading_ends: HashMap<usize, usize> = found
        .headings
        .iter()
        .filter(|h| Some(h.level) == found.group_level)
        .map(|h| (h.start, h.end))
        .collect();
    let group_ends: HashSet<usize> = group_heading_ends.values().copied().collect();
    let lists: HashSet<usize> = found.lists.iter().copied().collect();

    // The text before the first group or list is folded into a disclosure, so that the items
    // come first; a leading `# Title` stays outside it.
    let body_start = found
        .headings
        .iter()
        .filter(|h| Some(h.level) == found.group_level)
        .map(|h| h.start)
        .chain(found.lists.iter().copied())
        .min()
        .unwrap_or(0);
    let intro_start = match events.first() {
        Some((Event::Start(Tag::Heading { level, .. }), _))
            if *level == pulldown_cmark::HeadingLevel::H1 =>
        {
            events
                .iter()
                .position(|(e, _)| matches!(e, Event::End(pulldown_cmark::TagEnd::Heading(_))))
                .map_or(0, |end| end + 1)
        }
        _ => 0,
    };
    let intro = intro_start..body_start.max(intro_start);

    let mut out: Events<'a> = Vec::with_capacity(events.len());
    let mut in_group = false;
    let mut skip_until = 0;
    for (i, (event, range)) in events.into_iter().enumerate() {
        if i < skip_until {
            continue;
        }
        if i == intro.start && !intro.is_empty() {
            out.push((
                html(format!(
                    "<details class=\"fold checklist-intro\">\n<summary>{}</summary>\n",
                    crate::escape::escape(word(words, "checklist_about"))
                )),
                range.clone(),
            ));
        }
        if i == intro.end && !intro.is_empty() {
            out.push((html("</details>\n"), range.clone()));
        }
        if group_heading_ends.contains_key(&i) {
            if in_group {
                out.push((html("</div>\n"), range.clone()));
            }
            out.push((html("<div class=\"checklist-group\">\n"), range.clone()));
            in_group = true;
        }
        if let Some(&(n, block_end)) = item_at.get(&i) {
            let markup = item_html(written[n], "", words, resolve);
            out.push((html(markup), range));
            skip_until = block_end;
            continue;
        }
        if lists.contains(&i) {
            let open = match &event {
                Event::Start(Tag::List(Some(first))) if *first != 1 => {
                    format!("<ol class=\"checklist-items\" start=\"{first}\">\n")
                }
                Event::Start(Tag::List(Some(_))) => "<ol class=\"checklist-items\">\n".into(),
                _ => "<ul class=\"checklist-items\">\n".into(),
            };
            out.push((html(open), range));
            continue;
        }
        let ends_group_heading = group_ends.contains(&i);
        out.push((event, range.clone()));
        if ends_group_heading {
            out.push((html("<p class=\"group-progress js-only\"></p>\n"), range));
        }
    }
    if in_group {
        out.push((html("</div>\n"), 0..0));
    }
    out
}

fn html<'a>(text: impl Into<String>) -> Event<'a> {
    Event::Html(CowStr::from(text.into()))
}

fn checkbox_id(prefix: &str, id: &str) -> String {
    format!("{prefix}check-{id}")
}

/// One item: the opening `<li>`, its checkbox and label, its attributes and (for print) the
/// fields for a date and initials. `prefix` keeps element ids unique on a page holding several
/// checklists.
pub fn item_html(
    item: &Item,
    prefix: &str,
    words: &BTreeMap<String, String>,
    resolve: &mut dyn FnMut(LinkSite<'_>) -> String,
) -> String {
    let mut out = String::with_capacity(512);
    let checkbox = checkbox_id(prefix, &item.id);
    // Phase and role, for the filter of checklist.js.
    let mut filter = String::new();
    if let Some(phase) = &item.phase {
        filter.push_str(&format!(" data-phase=\"{}\"", crate::escape::escape(phase)));
    }
    if let Some(role) = &item.role {
        filter.push_str(&format!(" data-role=\"{}\"", crate::escape::escape(role)));
    }
    out.push_str(&format!(
        "<li class=\"checklist-item\" id=\"{prefix}{id}\" data-item=\"{id}\"{filter}>\n<input type=\"checkbox\" id=\"{checkbox}\">\n<label for=\"{checkbox}\">",
        id = item.id
    ));
    out.push_str(&render_inline_at(
        &item.text.markdown,
        item.text.offset,
        resolve,
    ));
    out.push_str("</label>\n");
    let mut about: Vec<(&str, String)> = Vec::new();
    if let Some(role) = &item.role {
        about.push((
            "item_role",
            crate::escape::escape(&super::capitalised(role)),
        ));
    }
    if let Some(phase) = &item.phase {
        about.push((
            "item_phase",
            crate::escape::escape(word(words, &format!("phase_{phase}"))),
        ));
    }
    if let Some(construct) = &item.construct {
        about.push((
            "item_construct",
            crate::escape::escape(&super::construct_name(words, construct)),
        ));
    }
    if let Some(source) = &item.source {
        about.push((
            "item_source",
            render_inline_at(&source.markdown, source.offset, resolve),
        ));
    }
    if !about.is_empty() {
        out.push_str("<dl class=\"item-about\">");
        for (label, value) in about {
            out.push_str("<div><dt>");
            out.push_str(&crate::escape::escape(word(words, label)));
            out.push_str("</dt><dd>");
            out.push_str(&value);
            out.push_str("</dd></div>");
        }
        out.push_str("</dl>\n");
    }
    // checklist.js shows the date of a tick here, on screen and on paper.
    out.push_str("<p class=\"item-ticked js-only\"></p>\n");
    out.push_str(&format!(
        "<p class=\"item-sign\" aria-hidden=\"true\"><span class=\"item-sign-date\">{}</span><span>{}</span><span class=\"item-sign-notes\">{}</span></p>\n",
        crate::escape::escape(word(words, "checklist_date")),
        crate::escape::escape(word(words, "checklist_initials")),
        crate::escape::escape(word(words, "checklist_notes"))
    ));
    out
}
