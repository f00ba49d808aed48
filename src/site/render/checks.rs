//! Link checks that need every page rendered: anchors in other pages, and paths written from the
//! site's base that the output must have.

use std::collections::HashSet;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::site::links::Check;
use crate::site::{Page, Site};

/// Reports a link of page `from` to an anchor its target does not have.
pub(in crate::site) fn check_anchor(
    site: &Site,
    from: usize,
    check: &Check,
    diagnostics: &mut Diagnostics,
) {
    let Check::Anchor {
        target,
        fragment,
        offset,
        written,
    } = check
    else {
        return;
    };
    let target_page = &site.pages[*target];
    if target_page.anchors.contains(fragment) {
        return;
    }
    let page = &site.pages[from];
    let where_ = if *target == from {
        "this page".to_string()
    } else {
        target_page.shown.display().to_string()
    };
    diagnostics.push(
        Diagnostic::error(format!(
            "the link `{written}` points to `#{fragment}`, which {where_} does not have"
        ))
        .at(page.shown.clone(), position(page, *offset))
        .with_hint(anchor_hint(fragment, &target_page.anchors)),
    );
}

/// Reports a link of page `from` written from the site's base (`/files/a.pdf`) to a file the
/// output does not have; `exists` says whether an output path is in the output.
pub(in crate::site) fn check_site_path(
    site: &Site,
    from: usize,
    check: &Check,
    exists: impl Fn(&str) -> bool,
    diagnostics: &mut Diagnostics,
) {
    let Check::SitePath {
        path,
        offset,
        written,
    } = check
    else {
        return;
    };
    let relative = path.trim_start_matches('/');
    let found = exists(relative)
        || exists(&format!(
            "{}index.html",
            if relative.is_empty() || relative.ends_with('/') {
                relative.to_string()
            } else {
                format!("{relative}/")
            }
        ));
    if !found {
        let page = &site.pages[from];
        diagnostics.push(
            Diagnostic::error(format!("the link `{written}` points to {}, which the site does not have", site.url_path(relative)))
                .at(page.shown.clone(), position(page, *offset))
                .with_hint("links starting with / are read from the site's base; link to pages by their .md file instead"),
        );
    }
}

pub(in crate::site) fn position(page: &Page, offset: usize) -> crate::diagnostics::Position {
    crate::diagnostics::position_in(&page.text, page.body_offset + offset)
}

pub(in crate::site) fn anchor_hint(fragment: &str, anchors: &HashSet<String>) -> String {
    let mut sorted: Vec<&String> = anchors.iter().collect();
    sorted.sort();
    if let Some(close) = crate::diagnostics::closest(fragment, sorted.iter().copied(), 3) {
        return format!("did you mean `#{close}`?");
    }
    if sorted.is_empty() {
        return "that page has no headings with ids; add {#id} to the heading you mean".into();
    }
    let shown: Vec<String> = sorted.iter().take(12).map(|a| format!("#{a}")).collect();
    let more = if sorted.len() > 12 { ", …" } else { "" };
    format!("the anchors there are {}{more}", shown.join(", "))
}
