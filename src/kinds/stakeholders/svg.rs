//! The map as SVG: the grid of [`layout`](super::layout) with its quadrants named, a marker per
//! stakeholder whose shape (and fill) says its stance, names beside the markers, the axes and a
//! legend. The same drawing goes inline into the page and, standalone, into the `.svg` download.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::layout::{self, FONT, LINE, Layout, PAD, PLOT_LEFT, RADIUS, STRIP};
use super::{MapData, QUADRANTS, STANCES, word, word_for};
use crate::escape::escape as escaped;

/// The id of the drawing's `<title>`.
pub const TITLE_ID: &str = "stakeholder-map-title";
/// The id of the drawing's `<desc>`.
pub const DESC_ID: &str = "stakeholder-map-desc";

const FONTS: &str = "Arial, 'Liberation Sans', Helvetica, sans-serif";
/// Space under the plot: interest numbers, the axis name, the legend.
const BELOW: f64 = 104.0;

fn fill(quadrant: &str) -> &'static str {
    match quadrant {
        "manage" => "#fbe3d6",
        "satisfied" => "#fcf1d0",
        "informed" => "#dfeaf7",
        _ => "#efefef",
    }
}

/// A marker of `stance` centred on (`cx`, `cy`): supporter a filled circle, neutral an open
/// square, sceptic a filled triangle, unknown a dashed open circle.
pub fn marker(stance: &str, cx: f64, cy: f64) -> String {
    let r = RADIUS;
    match stance {
        "supporter" => format!(
            "<circle cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"{r}\" fill=\"#1e6b34\" stroke=\"#111\" stroke-width=\"1\"/>"
        ),
        "neutral" => format!(
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"{w:.1}\" fill=\"#fff\" stroke=\"#111\" stroke-width=\"2\"/>",
            cx - r + 1.0,
            cy - r + 1.0,
            w = 2.0 * r - 2.0
        ),
        "sceptic" => format!(
            "<path d=\"M{cx:.1} {:.1} L{:.1} {:.1} L{:.1} {:.1} Z\" fill=\"#b3261e\" stroke=\"#111\" stroke-width=\"1\"/>",
            cy - r,
            cx + r,
            cy + r * 0.8,
            cx - r,
            cy + r * 0.8
        ),
        _ => format!(
            "<circle cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"{:.1}\" fill=\"#fff\" stroke=\"#111\" stroke-width=\"1.5\" stroke-dasharray=\"3 2\"/>",
            r - 0.75
        ),
    }
}

/// The drawing's description for screen readers: what the grid shows and who is in each
/// quadrant.
pub fn description(data: &MapData, words: &BTreeMap<String, String>) -> String {
    let mut text = word(words, "stakeholders_map_desc")
        .replace("{count}", &data.stakeholders.len().to_string());
    text.push(' ');
    text.push_str(&super::scale(words));
    for (quadrant, people) in data.by_quadrant() {
        if people.is_empty() {
            continue;
        }
        let names: Vec<String> = people
            .iter()
            .map(|s| {
                format!(
                    "{} ({})",
                    s.name,
                    word_for(words, "stakeholders_stance_", &s.stance)
                )
            })
            .collect();
        text.push_str(&format!(
            " {}: {}.",
            word_for(words, "stakeholders_quadrant_", quadrant),
            names.join(", ")
        ));
    }
    text
}

/// The map. `standalone` adds the XML declaration, for the `.svg` file.
pub fn svg(
    data: &MapData,
    words: &BTreeMap<String, String>,
    title: &str,
    standalone: bool,
) -> String {
    let entries: Vec<layout::Entry> = data
        .stakeholders
        .iter()
        .map(|s| layout::Entry {
            name: s.name.clone(),
            influence: s.influence,
            interest: s.interest,
        })
        .collect();
    let grid = layout::layout(&entries);
    let plot = grid.plot;
    let width = layout::WIDTH;
    let height = plot.bottom() + BELOW;
    let mut out = String::with_capacity(16 * 1024);
    if standalone {
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    }
    let heading = format!("{title}: {}", word(words, "stakeholders_map_title"));
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"stakeholder-map\" viewBox=\"0 0 {width} {height:.0}\" width=\"{width}\" height=\"{height:.0}\" role=\"img\" aria-labelledby=\"{TITLE_ID} {DESC_ID}\" font-family=\"{FONTS}\" font-size=\"{FONT}\" fill=\"#111\">\n<title id=\"{TITLE_ID}\">{}</title>\n<desc id=\"{DESC_ID}\">{}</desc>\n",
        escaped(&heading),
        escaped(&description(data, words)),
    );
    let _ = writeln!(
        out,
        "<rect x=\"0\" y=\"0\" width=\"{width}\" height=\"{height:.0}\" fill=\"#fff\"/>"
    );
    let _ = writeln!(
        out,
        "<text x=\"{PLOT_LEFT}\" y=\"30\" font-size=\"22\" font-weight=\"bold\">{}</text>",
        escaped(&heading)
    );
    // Quadrants, their names, the grid.
    for q in QUADRANTS {
        let r = grid.quadrant(q);
        let _ = writeln!(
            out,
            "<rect class=\"quadrant quadrant-{q}\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{}\"/>",
            r.x,
            r.y,
            r.w,
            r.h,
            fill(q)
        );
    }
    for row in 1..5 {
        let y = grid.row_tops[row];
        let _ = writeln!(
            out,
            "<line x1=\"{:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"#fff\" stroke-width=\"2\"/>",
            plot.x,
            plot.right()
        );
    }
    for column in 1..5u8 {
        let x = Layout::column_left(column + 1);
        let _ = writeln!(
            out,
            "<line x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"#fff\" stroke-width=\"2\"/>",
            plot.y,
            plot.bottom()
        );
    }
    let split_x = Layout::interest_split();
    let split_y = grid.influence_split();
    let _ = writeln!(
        out,
        "<path d=\"M{split_x:.1} {:.1} V{:.1} M{:.1} {split_y:.1} H{:.1}\" stroke=\"#555\" stroke-width=\"2\"/>\n<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"none\" stroke=\"#555\" stroke-width=\"1.5\"/>",
        plot.y,
        plot.bottom(),
        plot.x,
        plot.right(),
        plot.x,
        plot.y,
        plot.w,
        plot.h
    );
    for q in QUADRANTS {
        let strip = grid.quadrant_strip(q);
        let _ = writeln!(
            out,
            "<text class=\"quadrant-name\" x=\"{:.1}\" y=\"{:.1}\" font-size=\"17\" font-weight=\"bold\">{}</text>",
            strip.x + PAD,
            strip.y + STRIP * 0.7,
            escaped(&word_for(words, "stakeholders_quadrant_", q))
        );
    }
    // Axes: the scores and their names.
    for score in 1..=5u8 {
        let row = usize::from(5 - score);
        let middle = (grid.row_tops[row] + grid.row_tops[row + 1]) / 2.0;
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{score}</text>",
            plot.x - 8.0,
            middle + FONT * 0.35
        );
        let centre = Layout::column_left(score) + Layout::column_width(score) / 2.0;
        let _ = writeln!(
            out,
            "<text x=\"{centre:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{score}</text>",
            plot.bottom() + 20.0
        );
    }
    let _ = writeln!(
        out,
        "<text x=\"24\" y=\"{:.1}\" transform=\"rotate(-90 24 {:.1})\" text-anchor=\"middle\" font-weight=\"bold\">{} →</text>",
        plot.y + plot.h / 2.0,
        plot.y + plot.h / 2.0,
        escaped(word(words, "stakeholders_influence_axis"))
    );
    let _ = writeln!(
        out,
        "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-weight=\"bold\">{} →</text>",
        plot.x + plot.w / 2.0,
        plot.bottom() + 44.0,
        escaped(word(words, "stakeholders_interest_axis"))
    );
    // The stakeholders.
    for (s, p) in data.stakeholders.iter().zip(&grid.placed) {
        let stance = word_for(words, "stakeholders_stance_", &s.stance);
        let _ = write!(
            out,
            "<g class=\"stakeholder\" data-stance=\"{}\"><title>{} — {}; {}: {}; {}: {}</title>{}<text x=\"{:.1}\" y=\"{:.1}\">",
            s.stance,
            escaped(&s.name),
            escaped(&stance),
            escaped(word(words, "stakeholders_influence")),
            s.influence,
            escaped(word(words, "stakeholders_interest")),
            s.interest,
            marker(&s.stance, p.cx, p.cy),
            p.label.x,
            p.baseline
        );
        for (n, line) in p.lines.iter().enumerate() {
            if n == 0 {
                let _ = write!(out, "<tspan>{}</tspan>", escaped(line));
            } else {
                let _ = write!(
                    out,
                    "<tspan x=\"{:.1}\" dy=\"{LINE}\">{}</tspan>",
                    p.label.x,
                    escaped(line)
                );
            }
        }
        out.push_str("</text></g>\n");
    }
    // The legend.
    let y = plot.bottom() + 80.0;
    let legend = word(words, "stakeholders_stance");
    let _ = write!(
        out,
        "<g class=\"legend\"><text x=\"{PLOT_LEFT}\" y=\"{:.1}\" font-weight=\"bold\">{}:</text>",
        y + FONT * 0.35,
        escaped(legend)
    );
    let mut x = PLOT_LEFT + layout::text_width(legend, FONT) + 20.0;
    for stance in STANCES {
        let name = word_for(words, "stakeholders_stance_", stance);
        let _ = write!(
            out,
            "{}<text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            marker(stance, x + RADIUS, y),
            x + 2.0 * RADIUS + 6.0,
            y + FONT * 0.35,
            escaped(&name)
        );
        x += 2.0 * RADIUS + 6.0 + layout::text_width(&name, FONT) + 24.0;
    }
    out.push_str("</g>\n</svg>\n");
    out
}
