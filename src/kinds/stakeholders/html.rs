//! What replaces the data block in the page: the map as inline SVG, a table of the same data
//! with the actions and owners, quadrant by quadrant, and the groups not yet on the map; and
//! the same table as CSV.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::{MapData, svg, word, word_for};
use crate::escape::escape as escaped;

/// The columns of the table, as word keys.
const COLUMNS: &[&str] = &[
    "stakeholders_name",
    "stakeholders_influence",
    "stakeholders_interest",
    "stakeholders_stance",
    "stakeholders_domain",
    "stakeholders_actions",
];

/// The HTML that replaces the block.
pub fn map_html(data: &MapData, words: &BTreeMap<String, String>) -> String {
    let mut out = String::with_capacity(32 * 1024);
    let title = word(words, "stakeholders_map_heading");
    // On a phone the drawing keeps a readable size and scrolls sideways inside its frame.
    let _ = write!(
        out,
        "<figure class=\"stakeholder-map-figure\">\n<div class=\"stakeholder-map-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"{}\">\n",
        escaped(title)
    );
    out.push_str(&svg::svg(data, words, title, false));
    // One caption: the scale, and on a phone the hint that the drawing scrolls sideways.
    let _ = write!(
        out,
        "</div>\n<figcaption><span class=\"stakeholder-scale\">{}</span> <span class=\"stakeholder-map-hint\">{}</span></figcaption>\n</figure>\n",
        escaped(&super::scale(words)),
        escaped(word(words, "stakeholders_scroll_hint"))
    );
    // Column names, repeated on each cell for the phone layout, where the header is not shown.
    let label = |n: usize| escaped(word(words, COLUMNS[n]));
    let _ = write!(
        out,
        "<div class=\"stakeholder-table-wrap\">\n<table class=\"stakeholder-table\">\n<caption>{}</caption>\n<thead><tr>",
        escaped(word(words, "stakeholders_table"))
    );
    for key in COLUMNS {
        let _ = write!(out, "<th scope=\"col\">{}</th>", escaped(word(words, key)));
    }
    out.push_str("</tr></thead>\n");
    for (quadrant, people) in data.by_quadrant() {
        if people.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "<tbody class=\"quadrant-{quadrant}\"><tr class=\"quadrant-row\"><th scope=\"rowgroup\" colspan=\"{}\">{}</th></tr>",
            COLUMNS.len(),
            escaped(&word_for(words, "stakeholders_quadrant_", quadrant))
        );
        for s in people {
            let _ = write!(
                out,
                "<tr><th scope=\"row\">{}<span class=\"group\">{}</span></th><td class=\"score\" data-label=\"{}\">{}</td><td class=\"score\" data-label=\"{}\">{}</td><td data-label=\"{}\"><span class=\"stance stance-{}\">{}</span></td><td data-label=\"{}\">{}</td><td data-label=\"{}\"><ul class=\"stakeholder-actions\">",
                escaped(&s.name),
                escaped(&word_for(words, "stakeholders_group_", &s.group)),
                label(1),
                s.influence,
                label(2),
                s.interest,
                label(3),
                s.stance,
                escaped(&word_for(words, "stakeholders_stance_", &s.stance)),
                label(4),
                escaped(&s.domain.name),
                label(5),
            );
            for a in &s.actions {
                let _ = write!(
                    out,
                    "<li>{} <span class=\"owner\">({}: {})</span></li>",
                    escaped(&a.action),
                    escaped(word(words, "stakeholders_owner")),
                    escaped(&a.owner)
                );
            }
            out.push_str("</ul></td></tr>\n");
        }
        out.push_str("</tbody>\n");
    }
    out.push_str("</table>\n</div>\n");
    let _ = write!(
        out,
        "<div class=\"stakeholders-missing\">\n<p><strong>{}</strong></p>\n",
        escaped(word(words, "stakeholders_missing"))
    );
    if data.missing.is_empty() {
        let _ = writeln!(
            out,
            "<p>{}</p>",
            escaped(word(words, "stakeholders_missing_none"))
        );
    } else {
        out.push_str("<ul>");
        for m in &data.missing {
            let _ = write!(
                out,
                "<li{}>{}{}</li>",
                if m.required {
                    " class=\"required\""
                } else {
                    ""
                },
                escaped(&word_for(words, "stakeholders_group_", &m.group)),
                if m.required {
                    format!(
                        " <strong>({})</strong>",
                        escaped(word(words, "stakeholders_required"))
                    )
                } else {
                    String::new()
                }
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</div>\n");
    out
}

/// The map's table, one row per action, by quadrant: its header and rows, for the CSV and the
/// Excel workbook.
pub fn table(data: &MapData, words: &BTreeMap<String, String>) -> (Vec<String>, Vec<Vec<String>>) {
    let mut header = vec![word(words, "stakeholders_quadrant").to_string()];
    header.push(word(words, "stakeholders_name").to_string());
    header.push(word(words, "stakeholders_group").to_string());
    header.extend(COLUMNS[1..5].iter().map(|k| word(words, k).to_string()));
    header.push(word(words, "stakeholders_action").to_string());
    header.push(word(words, "stakeholders_owner").to_string());
    let mut rows = Vec::new();
    for (quadrant, people) in data.by_quadrant() {
        let quadrant = word_for(words, "stakeholders_quadrant_", quadrant);
        for s in people {
            for a in &s.actions {
                rows.push(vec![
                    quadrant.clone(),
                    s.name.clone(),
                    word_for(words, "stakeholders_group_", &s.group),
                    s.influence.to_string(),
                    s.interest.to_string(),
                    word_for(words, "stakeholders_stance_", &s.stance),
                    s.domain.name.clone(),
                    a.action.clone(),
                    a.owner.clone(),
                ]);
            }
        }
    }
    (header, rows)
}

/// The map as a CSV for spreadsheet programs (see `crate::spreadsheet`).
pub fn csv(
    data: &MapData,
    words: &BTreeMap<String, String>,
    lang: &str,
) -> Result<Vec<u8>, csv::Error> {
    let (header, rows) = table(data, words);
    let mut sheet = crate::spreadsheet::Sheet::for_language(lang);
    sheet.row(header.iter().map(String::as_str))?;
    for row in &rows {
        sheet.row(row.iter().map(String::as_str))?;
    }
    sheet.finish()
}
