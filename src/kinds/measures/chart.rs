//! An indicator's line chart as SVG, drawn at build time: months across, the figures as a line
//! with a marker on every month that has one (a missing month breaks the line), the target as a
//! dashed line, and the last figure labelled. Black and grey only, so it prints and reads in
//! greyscale. [`geometry`] is the arithmetic, shared with `measures.js` through the test vectors
//! in `tests/data/measures-vectors.json`; [`svg`] draws it.

use serde::{Deserialize, Serialize};

use super::figures::{Figure, shown};
use crate::escape::escape;

pub const WIDTH: f64 = 480.0;
pub const HEIGHT: f64 = 240.0;
const LEFT: f64 = 40.0;
const RIGHT: f64 = 90.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 40.0;

/// Where everything of a chart goes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Geometry {
    /// The top of the vertical scale (100 for a percentage).
    pub y_max: f64,
    /// The values with a grid line and a label on the vertical scale.
    pub ticks: Vec<f64>,
    /// Each month across, with its x.
    pub months: Vec<(String, f64)>,
    /// The months labelled under the chart (every month, or every second, third … one).
    pub labelled: Vec<String>,
    /// Each run of months without a gap: its points `(month, x, y)`.
    pub runs: Vec<Vec<(String, f64, f64)>>,
    /// The y of the target line.
    pub target_y: Option<f64>,
}

/// The months from `first` to `last`, both `YYYY-MM`.
pub fn months_between(first: &str, last: &str) -> Vec<String> {
    let parse = |m: &str| -> i64 {
        let y: i64 = m[..4].parse().unwrap_or(0);
        let mo: i64 = m[5..].parse().unwrap_or(1);
        y * 12 + mo - 1
    };
    (parse(first)..=parse(last))
        .map(|n| format!("{:04}-{:02}", n / 12, n % 12 + 1))
        .collect()
}

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// A round number at or above `v` for the top of the scale: 1, 2, 2.5 or 5 times a power of ten.
pub fn nice_max(v: f64) -> f64 {
    if v <= 0.0 {
        return 10.0;
    }
    let power = 10f64.powf(v.log10().floor());
    for step in [1.0, 2.0, 2.5, 5.0, 10.0] {
        if step * power >= v {
            return step * power;
        }
    }
    10.0 * power
}

/// The chart's geometry for `figures` over `months` (every month from the file's first to its
/// last), on a scale of 0–100 for a percentage, else up to a round number above the highest
/// figure and the target.
pub fn geometry(
    months: &[String],
    figures: &[Figure],
    percent: bool,
    target: Option<f64>,
) -> Geometry {
    let highest = figures
        .iter()
        .map(|f| f.value)
        .chain(target)
        .fold(0.0, f64::max);
    let y_max = if percent {
        100.0
    } else {
        nice_max(highest * 1.1)
    };
    let ticks = (0..=4)
        .map(|i| round1(y_max * f64::from(i) / 4.0))
        .collect();
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let step = if months.len() > 1 {
        plot_w / (months.len() - 1) as f64
    } else {
        0.0
    };
    let x_of = |i: usize| {
        if months.len() > 1 {
            round1(LEFT + step * i as f64)
        } else {
            round1(LEFT + plot_w / 2.0)
        }
    };
    let y_of = |v: f64| round1(TOP + plot_h - plot_h * (v.min(y_max) / y_max));
    let every = months.len().div_ceil(6).max(1);
    let mut runs: Vec<Vec<(String, f64, f64)>> = Vec::new();
    let mut open = false;
    for (i, month) in months.iter().enumerate() {
        match figures.iter().find(|f| &f.month == month) {
            Some(f) => {
                let point = (month.clone(), x_of(i), y_of(f.value));
                match runs.last_mut() {
                    Some(run) if open => run.push(point),
                    _ => runs.push(vec![point]),
                }
                open = true;
            }
            None => open = false,
        }
    }
    Geometry {
        y_max,
        ticks,
        months: months
            .iter()
            .enumerate()
            .map(|(i, m)| (m.clone(), x_of(i)))
            .collect(),
        labelled: months
            .iter()
            .enumerate()
            .filter(|(i, _)| (months.len() - 1 - i).is_multiple_of(every))
            .map(|(_, m)| m.clone())
            .collect(),
        runs,
        target_y: target.map(y_of),
    }
}

/// Words a chart shows.
pub struct ChartWords<'a> {
    /// The title read by screen readers: "Reach: line chart; the table beside it has the figures".
    pub title: &'a str,
    /// "Target 60 %".
    pub target: Option<String>,
    /// The unit after a number: " %", " days" or "".
    pub unit: &'a str,
    /// The decimal point of the page's language: "." or ",".
    pub decimal: &'a str,
}

/// The chart as SVG; `id` makes its title's id.
pub fn svg(geometry: &Geometry, last: Option<&Figure>, words: &ChartWords<'_>, id: &str) -> String {
    let mut s = format!(
        "<svg class=\"measures-chart\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" aria-labelledby=\"{id}-title\" xmlns=\"http://www.w3.org/2000/svg\">\n<title id=\"{id}-title\">{}</title>\n",
        escape(words.title)
    );
    let bottom = HEIGHT - BOTTOM;
    let right = WIDTH - RIGHT;
    for (i, tick) in geometry.ticks.iter().enumerate() {
        let y = geometry.ticks.len() - 1 - i;
        let y = round1(TOP + (bottom - TOP) * y as f64 / (geometry.ticks.len() - 1) as f64);
        s.push_str(&format!(
            "<line class=\"measures-grid\" x1=\"{LEFT}\" y1=\"{y}\" x2=\"{right}\" y2=\"{y}\" stroke=\"#bbb\" stroke-width=\"1\"/>\n<text class=\"measures-tick\" x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"13\" fill=\"#333\">{}</text>\n",
            LEFT - 6.0,
            y + 4.0,
            escape(&shown(*tick).replace('.', words.decimal))
        ));
    }
    for (month, x) in &geometry.months {
        if let Some(i) = geometry.labelled.iter().position(|m| m == month) {
            // Every second label, counted back from the last, gives way on narrow screens.
            let alt = if (geometry.labelled.len() - 1 - i) % 2 == 1 {
                " measures-month-alt"
            } else {
                ""
            };
            s.push_str(&format!(
                "<text class=\"measures-month{alt}\" x=\"{x}\" y=\"{}\" text-anchor=\"middle\" font-size=\"13\" fill=\"#333\">{}</text>\n",
                bottom + 18.0,
                escape(month)
            ));
        }
    }
    if let (Some(y), Some(label)) = (geometry.target_y, &words.target) {
        s.push_str(&format!(
            "<line class=\"measures-target\" x1=\"{LEFT}\" y1=\"{y}\" x2=\"{right}\" y2=\"{y}\" stroke=\"#555\" stroke-width=\"2\" stroke-dasharray=\"8 5\"/>\n<text class=\"measures-target-label\" x=\"{}\" y=\"{}\" font-size=\"13\" fill=\"#333\" stroke=\"#fff\" stroke-width=\"4\" paint-order=\"stroke\">{}</text>\n",
            LEFT + 4.0,
            y - 6.0,
            escape(label)
        ));
    }
    for run in &geometry.runs {
        if run.len() > 1 {
            let points = run
                .iter()
                .map(|(_, x, y)| format!("{x},{y}"))
                .collect::<Vec<_>>()
                .join(" ");
            s.push_str(&format!(
                "<polyline class=\"measures-line\" points=\"{points}\" fill=\"none\" stroke=\"#111\" stroke-width=\"3\"/>\n"
            ));
        }
        for (month, x, y) in run {
            s.push_str(&format!(
                "<circle class=\"measures-point\" data-month=\"{}\" cx=\"{x}\" cy=\"{y}\" r=\"4\" fill=\"#fff\" stroke=\"#111\" stroke-width=\"2\"/>\n",
                escape(month)
            ));
        }
    }
    if let (Some(last), Some((_, x, y))) = (last, geometry.runs.last().and_then(|r| r.last())) {
        s.push_str(&format!(
            "<text class=\"measures-last\" x=\"{}\" y=\"{}\" font-size=\"15\" font-weight=\"bold\" fill=\"#111\" stroke=\"#fff\" stroke-width=\"4\" paint-order=\"stroke\">{}{}</text>\n",
            x + 8.0,
            (y - 8.0).max(TOP + 4.0),
            escape(&shown(last.value).replace('.', words.decimal)),
            escape(words.unit)
        ));
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(month: &str, value: f64) -> Figure {
        Figure {
            month: month.into(),
            numerator: None,
            denominator: None,
            value,
        }
    }

    #[test]
    fn a_missing_month_breaks_the_line() {
        let months = months_between("2026-11", "2027-03");
        assert_eq!(months.len(), 5);
        let g = geometry(
            &months,
            &[
                figure("2026-11", 10.0),
                figure("2026-12", 20.0),
                figure("2027-02", 30.0),
            ],
            true,
            Some(50.0),
        );
        assert_eq!(g.runs.len(), 2);
        assert_eq!(g.runs[0].len(), 2);
        assert_eq!(g.target_y, Some(108.0));
    }

    #[test]
    fn the_scale_ends_on_a_round_number() {
        assert_eq!(nice_max(17.0), 20.0);
        assert_eq!(nice_max(230.0), 250.0);
        assert_eq!(nice_max(0.0), 10.0);
    }
}
