//! The indicators of a measures page: the TOML of its ```` ```toml measures ```` block (the data
//! file's name and one `[[indicator]]` table per indicator), checked key by key so that every
//! problem names its place.

use serde::{Deserialize, Serialize};
use toml::de::DeValue;

use crate::kinds::kit::Problem;
use crate::kinds::kit::toml_spans::{self, Keys, Value};

const TOP: Keys<'static> = Keys {
    known: &["data", "indicator"],
    required: &[],
    place: "the measures block",
    thing: "block",
};
const INDICATOR: Keys<'static> = Keys {
    known: &[
        "id",
        "name",
        "definition",
        "numerator",
        "denominator",
        "unit",
        "direction",
        "target",
        "reaim",
        "source",
    ],
    required: &["id", "name", "unit", "direction", "reaim", "source"],
    place: "an [[indicator]]",
    thing: "indicator",
};

/// The units an indicator may have: a share (from a numerator and a denominator), a count or a
/// number of days (a value).
pub const UNITS: &[&str] = &["percent", "count", "days"];
/// Which way is better.
pub const DIRECTIONS: &[&str] = &["higher", "lower"];
/// The RE-AIM dimensions (Glasgow, Vogt & Boles 1999).
pub const REAIM: &[&str] = &[
    "reach",
    "effectiveness",
    "adoption",
    "implementation",
    "maintenance",
];

/// A page's indicators and the data file it names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicators {
    /// The CSV file beside the page, if the block names one.
    pub data: Option<String>,
    pub indicators: Vec<Indicator>,
}

/// One indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    pub id: String,
    pub name: String,
    pub definition: String,
    /// In words, for a share: "patients offered ICBT".
    pub numerator: String,
    pub denominator: String,
    pub unit: String,
    pub direction: String,
    pub target: Option<f64>,
    pub reaim: String,
    pub source: String,
}

impl Indicator {
    /// Whether the figures are a numerator and a denominator (a share) rather than a value.
    pub fn is_share(&self) -> bool {
        self.unit == "percent"
    }

    /// Whether `value` meets the target (true when there is none).
    pub fn on_target(&self, value: f64) -> bool {
        match self.target {
            None => true,
            Some(t) if self.direction == "lower" => value <= t,
            Some(t) => value >= t,
        }
    }
}

const HINT: &str = "write `data = \"measures.csv\"` and one [[indicator]] table per indicator; text goes in \"quotes\"";

/// Reads the block's text.
pub fn read(text: &str) -> Result<Indicators, Vec<Problem>> {
    let doc = toml_spans::parse(text, "the measures block's TOML is not valid", HINT)
        .map_err(|p| vec![p])?;
    let mut problems = Vec::new();
    let top = doc.table();
    top.check_keys(&TOP, |k| format!("add `{k} = …`"), &mut problems);
    let mut data = None;
    if let Some(v) = top.get("data")
        && let Some(name) = v.text(&mut problems)
    {
        if !name.ends_with(".csv") || name.contains('/') || name.contains('\\') {
            problems.push(Problem::new(
                v.at,
                format!("`{name}` is not the name of a CSV file beside the page"),
                "name a file in the page's own folder that ends in .csv, like \"measures.csv\"",
            ));
        } else {
            data = Some(name.to_string());
        }
    }
    let mut indicators = Vec::new();
    let mut ids: Vec<(String, usize)> = Vec::new();
    let tables = top.get("indicator").map_or_else(Vec::new, |v| {
        v.tables(
            "write each indicator under an [[indicator]] line",
            &mut problems,
        )
    });
    if tables.is_empty() && problems.is_empty() {
        problems.push(Problem::new(
            0,
            "this measures block has no [[indicator]]",
            "add an [[indicator]] table with id, name, unit, direction, reaim and source",
        ));
    }
    for table in tables {
        if !table.check_keys(
            &INDICATOR,
            |k| format!("add `{k} = …` to the indicator"),
            &mut problems,
        ) && table.get("id").is_none()
        {
            continue;
        }
        let text = |key: &str, problems: &mut Vec<Problem>| {
            table
                .get(key)
                .and_then(|v| v.text(problems).map(|t| (t.trim().to_string(), v)))
        };
        let id = text("id", &mut problems);
        if let Some((id, v)) = &id {
            if !is_id(id) {
                problems.push(Problem::new(
                    v.at,
                    format!("`{id}` is not an indicator id"),
                    "write an id in small letters, digits and hyphens, like \"feedback-on-time\"",
                ));
            } else if let Some((_, first)) = ids.iter().find(|(seen, _)| seen == id) {
                let mut p = Problem::new(
                    v.at,
                    format!("the indicator id `{id}` is used twice"),
                    "give every indicator its own id: the data file names indicators by id",
                );
                p.first = Some(*first);
                problems.push(p);
            } else {
                ids.push((id.clone(), v.at));
            }
        }
        let choice = |key: &str, allowed: &[&str], problems: &mut Vec<Problem>| {
            let (written, v) = text(key, problems)?;
            if allowed.contains(&written.as_str()) {
                return Some(written);
            }
            let listed = allowed
                .iter()
                .map(|a| format!("\"{a}\""))
                .collect::<Vec<_>>()
                .join(", ");
            let hint = match crate::diagnostics::closest(&written, allowed.iter().copied(), 3) {
                Some(close) => format!("did you mean \"{close}\"? `{key}` is one of {listed}"),
                None => format!("`{key}` is one of {listed}"),
            };
            problems.push(Problem::new(
                v.at,
                format!("unknown {} `{written}`", what(key)),
                hint,
            ));
            None
        };
        let unit = choice("unit", UNITS, &mut problems);
        let direction = choice("direction", DIRECTIONS, &mut problems);
        let reaim = choice("reaim", REAIM, &mut problems);
        let name = text("name", &mut problems).map(|t| t.0);
        let definition = text("definition", &mut problems).map_or_else(String::new, |t| t.0);
        let numerator = text("numerator", &mut problems);
        let denominator = text("denominator", &mut problems);
        let source = text("source", &mut problems).map(|t| t.0);
        let target = table.get("target").and_then(|v| number(&v, &mut problems));
        if let (Some(t), Some(v)) = (target, table.get("target"))
            && unit.as_deref() == Some("percent")
            && !(0.0..=100.0).contains(&t)
        {
            problems.push(Problem::new(
                v.at,
                format!("a target of {} % is not a share", fmt_number(t)),
                "write a percentage from 0 to 100, like 60",
            ));
        }
        if unit.as_deref() == Some("percent") {
            let missing: Vec<&str> = [("numerator", &numerator), ("denominator", &denominator)]
                .into_iter()
                .filter(|(_, found)| found.is_none())
                .map(|(key, _)| key)
                .collect();
            if !missing.is_empty() {
                let keys = missing
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(" or ");
                problems.push(Problem::new(
                    table.at,
                    format!("this indicator is a percentage but has no {keys}"),
                    "say in words what is counted: numerator = \"patients offered ICBT\", denominator = \"patients eligible for ICBT\"",
                ));
            }
        }
        if let (Some((id, _)), Some(name), Some(unit), Some(direction), Some(reaim), Some(source)) =
            (id, name, unit, direction, reaim, source)
        {
            indicators.push(Indicator {
                id,
                name,
                definition,
                numerator: numerator.map_or_else(String::new, |t| t.0),
                denominator: denominator.map_or_else(String::new, |t| t.0),
                unit,
                direction,
                target,
                reaim,
                source,
            });
        }
    }
    if problems.is_empty() {
        Ok(Indicators { data, indicators })
    } else {
        problems.sort_by_key(|p| p.offset);
        Err(problems)
    }
}

fn what(key: &str) -> &'static str {
    match key {
        "unit" => "unit",
        "direction" => "direction",
        _ => "RE-AIM dimension",
    }
}

/// An id: small letters, digits and hyphens.
pub fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// A TOML number (whole or not) at or above zero.
pub fn number(v: &Value<'_, '_>, problems: &mut Vec<Problem>) -> Option<f64> {
    let n = match v.raw() {
        DeValue::Integer(n) => i64::from_str_radix(n.as_str(), n.radix())
            .ok()
            .map(|n| n as f64),
        DeValue::Float(n) => n.as_str().parse::<f64>().ok(),
        _ => None,
    };
    match n {
        Some(n) if (0.0..1e9).contains(&n) => Some(n),
        _ => {
            problems.push(v.wrong(&toml_spans::Expected {
                what: "a number of zero or more",
                hint: "write a number without quotes, like 60 or 2.5",
            }));
            None
        }
    }
}

/// A number as people write it: `60`, `2.5`, `33.3` (one decimal at most).
pub fn fmt_number(n: f64) -> String {
    let rounded = (n * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "data = \"m.csv\"\n[[indicator]]\nid = \"reach\"\nname = \"Reach\"\nnumerator = \"offered\"\ndenominator = \"eligible\"\nunit = \"percent\"\ndirection = \"higher\"\ntarget = 60\nreaim = \"reach\"\nsource = \"s\"\n";

    #[test]
    fn reads_an_indicator() {
        let read = read(GOOD).unwrap();
        assert_eq!(read.data.as_deref(), Some("m.csv"));
        assert_eq!(read.indicators[0].target, Some(60.0));
        assert!(read.indicators[0].is_share());
    }

    #[test]
    fn refuses_unknown_choices_and_twice_used_ids() {
        let text = format!(
            "{}{}",
            GOOD,
            GOOD.replace("data = \"m.csv\"\n", "")
                .replace("\"percent\"", "\"procent\"")
                .replace("reaim = \"reach\"", "reaim = \"uptake\"")
        );
        let problems = read(&text).unwrap_err();
        let messages: Vec<_> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "the indicator id `reach` is used twice",
                "unknown unit `procent`",
                "unknown RE-AIM dimension `uptake`"
            ]
        );
        assert_eq!(problems[0].first, Some(GOOD.find("\"reach\"").unwrap()));
        assert!(problems[1].hint.starts_with("did you mean \"percent\"?"));
    }

    #[test]
    fn numbers_are_written_as_people_write_them() {
        assert_eq!(fmt_number(60.0), "60");
        assert_eq!(fmt_number(33.333), "33.3");
    }
}
