//! Where everything goes on the power/interest grid: a deterministic layout in SVG user units.
//!
//! The grid has a row per influence score (5 at the top) and a column per interest score (1 at
//! the left). The stakeholders of a cell are stacked in it, one under the other, each a marker
//! with its name beside it, wrapped to the cell's width; a row grows to hold its fullest cell.
//! So no label can cover another label or a marker, however many share a cell, and everything
//! stays inside the plot. The top row of each quadrant (influence 5 and 2) starts with a strip
//! for the quadrant's name, which no stakeholder enters. Text widths are estimated by [`text_width`], on the wide side.
//!
//! The four quadrants are drawn the same size, whatever the scores that count as high
//! ([`HIGH`]): the low scores share half the plot's width and the high ones the other half, and
//! the shorter half of the rows grows to the height of the taller one.

use super::HIGH;

/// Width of the whole drawing.
pub const WIDTH: f64 = 900.0;
/// Size of the names beside the markers.
pub const FONT: f64 = 16.0;
/// Distance between the lines of a name.
pub const LINE: f64 = 19.0;
/// Left edge of the plot (the influence axis is left of it).
pub const PLOT_LEFT: f64 = 70.0;
/// Top edge of the plot (the title is above it).
pub const PLOT_TOP: f64 = 50.0;
/// Width of the plot: half for the low interest scores, half for the high ones.
pub const PLOT_WIDTH: f64 = 820.0;
/// Radius of a marker.
pub const RADIUS: f64 = 7.0;
/// Space inside a cell's edges.
pub const PAD: f64 = 6.0;
/// Space between two stakeholders in a cell.
pub const GAP: f64 = 5.0;
/// Height of a row without stakeholders.
pub const MIN_ROW: f64 = 40.0;
/// Height of the strip at the top of a quadrant that holds its name.
pub const STRIP: f64 = 28.0;
/// Space between a marker and its name.
const MARKER_GAP: f64 = 6.0;

/// A box, for placing and for overlap checks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn right(&self) -> f64 {
        self.x + self.w
    }

    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }

    /// Whether the two boxes share any area (touching edges do not count).
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }

    pub fn contains(&self, other: &Rect) -> bool {
        other.x >= self.x
            && other.y >= self.y
            && other.right() <= self.right()
            && other.bottom() <= self.bottom()
    }
}

/// The estimated width of `text` at font size `size`, in Arial-like sans-serif glyph widths
/// rounded up, so that a name drawn by a real font is never wider than its box.
pub fn text_width(text: &str, size: f64) -> f64 {
    let em: f64 = text
        .chars()
        .map(|c| match c {
            'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' | '’' => 0.28,
            ' ' | 'f' | 't' | 'r' | 'I' | '(' | ')' | '-' | '/' => 0.36,
            'm' | 'w' | 'M' => 0.86,
            'W' | '—' => 1.0,
            'A'..='Z' => 0.78,
            _ => 0.58,
        })
        .sum();
    em * size
}

/// Breaks `text` into lines no wider than `max` at font size `size`: at spaces, and a word too
/// long for a line is split with a hyphen.
pub fn wrap(text: &str, max: f64, size: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let joined = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if text_width(&joined, size) <= max {
            line = joined;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        let mut rest = word.to_string();
        while text_width(&rest, size) > max {
            let mut cut = String::new();
            for c in rest.chars() {
                if text_width(&format!("{cut}{c}-"), size) > max && !cut.is_empty() {
                    break;
                }
                cut.push(c);
            }
            rest = rest[cut.len()..].to_string();
            if rest.is_empty() {
                break;
            }
            lines.push(format!("{cut}-"));
        }
        line = rest;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// One stakeholder to place: its name and scores (1–5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub influence: u8,
    pub interest: u8,
}

/// A placed stakeholder.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// Centre of the marker.
    pub cx: f64,
    pub cy: f64,
    /// The marker's box.
    pub marker: Rect,
    /// The name's box, holding every line.
    pub label: Rect,
    pub lines: Vec<String>,
    /// The baseline of the first line.
    pub baseline: f64,
}

/// The whole grid.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// One per entry, in the order given.
    pub placed: Vec<Placed>,
    /// Top of each row, influence 5 first, and the plot's bottom last.
    pub row_tops: [f64; 6],
    pub plot: Rect,
}

impl Layout {
    /// The width of the column of interest `score`: the low scores share half the plot, the
    /// high ones the other half.
    pub fn column_width(score: u8) -> f64 {
        let (low, high) = (f64::from(HIGH - 1), f64::from(6 - HIGH));
        PLOT_WIDTH / 2.0 / if score < HIGH { low } else { high }
    }

    /// The left edge of the column of interest `score`.
    pub fn column_left(score: u8) -> f64 {
        PLOT_LEFT
            + (1..score.clamp(1, 6))
                .map(Layout::column_width)
                .sum::<f64>()
    }

    /// The top edge of the row of influence `score`.
    pub fn row_top(&self, score: u8) -> f64 {
        self.row_tops[usize::from(5 - score.clamp(1, 5))]
    }

    /// Where the high-interest columns start ([`HIGH`] and above count as high).
    pub fn interest_split() -> f64 {
        Layout::column_left(HIGH)
    }

    /// Where the low-influence rows start (below [`HIGH`]).
    pub fn influence_split(&self) -> f64 {
        self.row_top(HIGH - 1)
    }

    /// The box of a quadrant (one of `QUADRANTS`).
    pub fn quadrant(&self, which: &str) -> Rect {
        let (top, bottom) = match which {
            "manage" | "satisfied" => (self.plot.y, self.influence_split()),
            _ => (self.influence_split(), self.plot.bottom()),
        };
        let (left, right) = match which {
            "satisfied" | "monitor" => (self.plot.x, Layout::interest_split()),
            _ => (Layout::interest_split(), self.plot.right()),
        };
        Rect {
            x: left,
            y: top,
            w: right - left,
            h: bottom - top,
        }
    }

    /// The strip at the top of a quadrant that holds its name.
    pub fn quadrant_strip(&self, which: &str) -> Rect {
        Rect {
            h: STRIP,
            ..self.quadrant(which)
        }
    }
}

/// The rows (index 0 is influence 5) that start a quadrant and hold its name.
fn strip(row: usize) -> f64 {
    if row == 0 || row == usize::from(5 - (HIGH - 1)) {
        STRIP
    } else {
        0.0
    }
}

/// Places every entry.
pub fn layout(entries: &[Entry]) -> Layout {
    let label_offset = PAD + 2.0 * RADIUS + MARKER_GAP;
    let label_max = |interest: u8| Layout::column_width(interest) - label_offset - PAD;
    let wrapped: Vec<Vec<String>> = entries
        .iter()
        .map(|e| wrap(&e.name, label_max(e.interest.clamp(1, 5)), FONT))
        .collect();
    let block = |lines: &[String]| (lines.len().max(1) as f64 * LINE).max(2.0 * RADIUS);
    // Row heights: the fullest cell of each row.
    let mut heights = [MIN_ROW; 5];
    for (row, height) in heights.iter_mut().enumerate() {
        *height += strip(row);
        let influence = 5 - row as u8;
        for interest in 1..=5u8 {
            let blocks: Vec<f64> = entries
                .iter()
                .zip(&wrapped)
                .filter(|(e, _)| e.influence == influence && e.interest == interest)
                .map(|(_, lines)| block(lines))
                .collect();
            if blocks.is_empty() {
                continue;
            }
            let needed = strip(row)
                + 2.0 * PAD
                + blocks.iter().sum::<f64>()
                + GAP * (blocks.len() - 1) as f64;
            *height = height.max(needed);
        }
    }
    // The quadrants are as tall as they are wide: the shorter half of the rows grows, each of
    // its rows by the same amount.
    let high_rows = usize::from(6 - HIGH);
    let (top, bottom) = heights.split_at_mut(high_rows);
    let (top_sum, bottom_sum): (f64, f64) = (top.iter().sum(), bottom.iter().sum());
    let (shorter, missing) = if top_sum < bottom_sum {
        (top, bottom_sum - top_sum)
    } else {
        (bottom, top_sum - bottom_sum)
    };
    let each = missing / shorter.len() as f64;
    for height in shorter.iter_mut() {
        *height += each;
    }
    let mut row_tops = [PLOT_TOP; 6];
    for row in 0..5 {
        row_tops[row + 1] = row_tops[row] + heights[row];
    }
    let mut next_y = [[0.0f64; 5]; 5];
    for (row, cells) in next_y.iter_mut().enumerate() {
        for y in cells.iter_mut() {
            *y = row_tops[row] + strip(row) + PAD;
        }
    }
    let placed = entries
        .iter()
        .zip(wrapped)
        .map(|(e, lines)| {
            let row = usize::from(5 - e.influence.clamp(1, 5));
            let column = usize::from(e.interest.clamp(1, 5) - 1);
            let x = Layout::column_left(column as u8 + 1);
            let y = next_y[row][column];
            let h = block(&lines);
            next_y[row][column] = y + h + GAP;
            let cx = x + PAD + RADIUS;
            let cy = y + LINE.min(h) / 2.0;
            let width = lines
                .iter()
                .map(|l| text_width(l, FONT))
                .fold(0.0, f64::max);
            Placed {
                cx,
                cy,
                marker: Rect {
                    x: cx - RADIUS,
                    y: cy - RADIUS,
                    w: 2.0 * RADIUS,
                    h: 2.0 * RADIUS,
                },
                label: Rect {
                    x: x + label_offset,
                    y,
                    w: width,
                    h: lines.len() as f64 * LINE,
                },
                baseline: y + LINE / 2.0 + FONT * 0.35,
                lines,
            }
        })
        .collect();
    Layout {
        placed,
        plot: Rect {
            x: PLOT_LEFT,
            y: PLOT_TOP,
            w: PLOT_WIDTH,
            h: row_tops[5] - PLOT_TOP,
        },
        row_tops,
    }
}

#[cfg(test)]
mod tests {
    use super::super::QUADRANTS;
    use super::*;

    fn entry(name: &str, influence: u8, interest: u8) -> Entry {
        Entry {
            name: name.into(),
            influence,
            interest,
        }
    }

    /// No two boxes (labels and markers) of different stakeholders overlap, a stakeholder's
    /// label does not cover its own marker, and everything is inside the plot and its cell.
    #[track_caller]
    fn assert_clear(entries: &[Entry], layout: &Layout) {
        assert_eq!(layout.placed.len(), entries.len());
        let mut boxes = Vec::new();
        for (i, (e, p)) in entries.iter().zip(&layout.placed).enumerate() {
            assert!(!p.label.overlaps(&p.marker), "{}: label on marker", e.name);
            assert!(layout.plot.contains(&p.label), "{}: label outside", e.name);
            assert!(
                layout.plot.contains(&p.marker),
                "{}: marker outside",
                e.name
            );
            let row = usize::from(5 - e.influence);
            let cell = Rect {
                x: Layout::column_left(e.interest),
                y: layout.row_tops[row],
                w: Layout::column_width(e.interest),
                h: layout.row_tops[row + 1] - layout.row_tops[row],
            };
            for q in QUADRANTS {
                let strip = layout.quadrant_strip(q);
                assert!(!strip.overlaps(&p.label), "{}: label on {q}'s name", e.name);
                assert!(
                    !strip.overlaps(&p.marker),
                    "{}: marker on {q}'s name",
                    e.name
                );
            }
            assert!(
                layout
                    .quadrant(super::super::quadrant(e.influence, e.interest))
                    .contains(&p.label),
                "{}: label outside its quadrant",
                e.name
            );
            assert!(cell.contains(&p.label), "{}: label leaves its cell", e.name);
            assert!(
                cell.contains(&p.marker),
                "{}: marker leaves its cell",
                e.name
            );
            for line in &p.lines {
                assert!(text_width(line, FONT) <= p.label.w + 1e-9);
            }
            boxes.push((i, p.label));
            boxes.push((i, p.marker));
        }
        for (n, (i, a)) in boxes.iter().enumerate() {
            for (j, b) in &boxes[n + 1..] {
                if i != j {
                    assert!(
                        !a.overlaps(b),
                        "{} and {} overlap: {a:?} {b:?}",
                        entries[*i].name,
                        entries[*j].name
                    );
                }
            }
        }
    }

    #[test]
    fn twelve_stakeholders_in_one_cell_stack_without_overlap() {
        let entries: Vec<Entry> = (1..=12)
            .map(|n| {
                entry(
                    &format!("Stakeholder number {n} with a rather long name"),
                    4,
                    5,
                )
            })
            .collect();
        let layout = layout(&entries);
        assert_clear(&entries, &layout);
        // The row grew to hold them all.
        assert!(layout.row_top(3) - layout.row_top(4) > 12.0 * LINE);
    }

    #[test]
    fn thirty_stakeholders_over_the_grid_do_not_overlap() {
        let names = [
            "Board of directors",
            "Team manager",
            "Patiëntenorganisaties voor chronische pijn",
            "General practitioners and practice-based mental-health workers",
            "WWWWWWWWWWWWWWWWWWWWWWWWWWWW",
            "Client council",
        ];
        let entries: Vec<Entry> = (0..30)
            .map(|n| {
                entry(
                    &format!("{} {n}", names[n % names.len()]),
                    (n * 7 % 5 + 1) as u8,
                    (n * 3 % 5 + 1) as u8,
                )
            })
            .collect();
        let layout = layout(&entries);
        assert_clear(&entries, &layout);
        let mut sorted = layout.row_tops;
        sorted.sort_by(f64::total_cmp);
        assert_eq!(sorted, layout.row_tops, "rows go down the page");
    }

    /// The four quadrants have the same width and the same height, however full the cells.
    #[track_caller]
    fn assert_equal_quadrants(layout: &Layout) {
        let boxes: Vec<Rect> = QUADRANTS.iter().map(|q| layout.quadrant(q)).collect();
        for (q, r) in QUADRANTS.iter().zip(&boxes) {
            assert!((r.w - PLOT_WIDTH / 2.0).abs() < 1e-9, "{q}: width {}", r.w);
            assert!(
                (r.h - layout.plot.h / 2.0).abs() < 1e-9,
                "{q}: height {}",
                r.h
            );
        }
        let area: f64 = boxes.iter().map(|r| r.w * r.h).sum();
        assert!((area - layout.plot.w * layout.plot.h).abs() < 1e-6);
    }

    #[test]
    fn the_quadrants_are_drawn_the_same_size() {
        assert_equal_quadrants(&layout(&[]));
        // A full low-influence row makes the high-influence rows grow, and the other way round.
        let crowded_low: Vec<Entry> = (0..8).map(|n| entry(&format!("Low {n}"), 1, 1)).collect();
        let low = layout(&crowded_low);
        assert_equal_quadrants(&low);
        assert_clear(&crowded_low, &low);
        let crowded_high: Vec<Entry> = (0..8).map(|n| entry(&format!("High {n}"), 5, 5)).collect();
        assert_equal_quadrants(&layout(&crowded_high));
        assert!((Layout::column_left(6) - (PLOT_LEFT + PLOT_WIDTH)).abs() < 1e-9);
    }

    #[test]
    fn layout_is_deterministic() {
        let entries = vec![entry("A", 5, 5), entry("B", 5, 5), entry("C", 1, 1)];
        assert_eq!(layout(&entries), layout(&entries));
        let l = layout(&entries);
        assert!(l.placed[0].cy < l.placed[1].cy, "in the order written");
        assert!(l.placed[2].cy > Layout::interest_split().min(l.influence_split()));
    }

    #[test]
    fn long_words_are_split_to_fit() {
        let lines = wrap("Implementatieverantwoordelijke", 80.0, FONT);
        assert!(lines.len() > 1);
        for line in &lines {
            assert!(text_width(line, FONT) <= 80.0, "{line}");
        }
        assert_eq!(
            lines.concat().replace('-', ""),
            "Implementatieverantwoordelijke"
        );
        assert_eq!(wrap("Team manager", 500.0, FONT), ["Team manager"]);
    }
}
