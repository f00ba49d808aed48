//! The figures of a measures page: the CSV file beside it (`month,indicator,numerator,
//! denominator,value`), read into figures per indicator and month, with every bad row reported
//! at once, each problem at the byte offset of its field. Only aggregate figures belong in the
//! file, so a column it does not know is refused. [`write`] writes figures back in the one form
//! the page's form downloads.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::indicators::{Indicator, fmt_number};
use crate::kinds::kit::Problem;

/// The columns the file may have, in the order [`write`] writes them.
pub const COLUMNS: &[&str] = &["month", "indicator", "numerator", "denominator", "value"];

/// One month's figures of one indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// `YYYY-MM`.
    pub month: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numerator: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator: Option<u64>,
    /// The value drawn: the percentage of a share, or the value written.
    pub value: f64,
}

/// The figures of each indicator by id, each in month order, and the lines of the file that
/// start with `#` (notes such as "invented figures"), kept for the download.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    pub by_indicator: BTreeMap<String, Vec<Figure>>,
    pub notes: Vec<String>,
}

impl Figures {
    /// The last month with any figure.
    pub fn last_month(&self) -> Option<&str> {
        self.by_indicator
            .values()
            .filter_map(|f| f.last())
            .map(|f| f.month.as_str())
            .max()
    }

    /// The first month with any figure.
    pub fn first_month(&self) -> Option<&str> {
        self.by_indicator
            .values()
            .filter_map(|f| f.first())
            .map(|f| f.month.as_str())
            .min()
    }
}

/// The fields of one line and where each starts.
fn fields(line: &str, start: usize) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut field = String::new();
    let mut at = start;
    let mut quoted = false;
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' if quoted && chars.peek().map(|p| p.1) == Some('"') => {
                field.push('"');
                chars.next();
            }
            '"' if quoted => quoted = false,
            '"' if field.is_empty() => quoted = true,
            ',' if !quoted => {
                out.push((std::mem::take(&mut field), at));
                at = start + i + 1;
            }
            c => field.push(c),
        }
    }
    out.push((field, at));
    out
}

/// Whether `text` is a month written as `YYYY-MM`.
pub fn is_month(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 7
        && b[4] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || c.is_ascii_digit())
        && matches!(text[5..].parse::<u8>(), Ok(1..=12))
        && &text[..4] != "0000"
}

const ONLY_AGGREGATE: &str = "the columns are month, indicator, numerator, denominator and value; only totals for the whole clinic belong in this file, never names, numbers or other details of a patient";

/// Reads the file's text against the page's indicators.
pub fn read(text: &str, indicators: &[Indicator]) -> Result<Figures, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut figures = Figures::default();
    let mut header: Option<Vec<String>> = None;
    let mut seen: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut offset = 0;
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bom = text.len() - body.len();
    offset += bom;
    for raw in body.split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        if line.trim().is_empty() {
            continue;
        }
        if line.starts_with('#') {
            if header.is_none() {
                figures.notes.push(line.to_string());
            }
            continue;
        }
        let row = fields(line, start);
        let Some(columns) = &header else {
            let mut names = Vec::new();
            for (name, at) in &row {
                let name = name.trim().to_lowercase();
                if !COLUMNS.contains(&name.as_str()) {
                    let hint = match crate::diagnostics::closest(&name, COLUMNS.iter().copied(), 2)
                    {
                        Some(close) => format!("did you mean `{close}`? {ONLY_AGGREGATE}"),
                        None => ONLY_AGGREGATE.to_string(),
                    };
                    problems.push(Problem::new(*at, format!("unknown column `{name}`"), hint));
                } else if names.contains(&name) {
                    problems.push(Problem::new(
                        *at,
                        format!("the column `{name}` is there twice"),
                        "keep one column of each name",
                    ));
                }
                names.push(name);
            }
            for needed in ["month", "indicator"] {
                if !names.iter().any(|n| n == needed) {
                    problems.push(Problem::new(
                        start,
                        format!("the first line has no column `{needed}`"),
                        "start the file with the line month,indicator,numerator,denominator,value",
                    ));
                }
            }
            if !problems.is_empty() {
                return Err(problems);
            }
            header = Some(names);
            continue;
        };
        if row.len() != columns.len() {
            problems.push(Problem::new(
                start,
                format!(
                    "this row has {} fields, the first line names {} columns",
                    row.len(),
                    columns.len()
                ),
                "give every row one field per column, separated by commas; leave a field empty with nothing between two commas",
            ));
            continue;
        }
        let get = |name: &str| {
            columns
                .iter()
                .position(|c| c == name)
                .map(|i| (row[i].0.trim(), row[i].1))
        };
        let (month, month_at) = get("month").unwrap_or(("", start));
        let (id, id_at) = get("indicator").unwrap_or(("", start));
        let month_ok = is_month(month);
        if !month_ok {
            problems.push(Problem::new(
                month_at,
                format!("`{month}` is not a month written as YYYY-MM"),
                "write the year and the month with a hyphen, like 2027-03",
            ));
        }
        let Some(indicator) = indicators.iter().find(|i| i.id == id) else {
            let ids = indicators.iter().map(|i| i.id.as_str());
            let listed = indicators
                .iter()
                .map(|i| format!("`{}`", i.id))
                .collect::<Vec<_>>()
                .join(", ");
            let hint = match crate::diagnostics::closest(id, ids, 3) {
                Some(close) => {
                    format!("did you mean `{close}`? the page's indicators are {listed}")
                }
                None => format!("the page's indicators are {listed}"),
            };
            problems.push(Problem::new(
                id_at,
                format!("unknown indicator `{id}`"),
                hint,
            ));
            continue;
        };
        let empty = |name: &str| get(name).is_none_or(|(t, _)| t.is_empty());
        let figure = if indicator.is_share() {
            let mut whole = |name: &str| -> Option<(u64, usize)> {
                match get(name) {
                    None => {
                        problems.push(Problem::new(
                            start,
                            format!("`{id}` is a percentage, but the file has no column `{name}`"),
                            "add the columns numerator and denominator to the first line",
                        ));
                        None
                    }
                    Some(("", at)) => {
                        problems.push(Problem::new(
                            at,
                            format!("`{id}` is a percentage: this row needs a {name}"),
                            format!(
                                "write the {name}: {}",
                                if name == "numerator" {
                                    &indicator.numerator
                                } else {
                                    &indicator.denominator
                                }
                            ),
                        ));
                        None
                    }
                    Some((t, at)) => match t.parse::<u64>() {
                        Ok(n) if n < 1_000_000_000 => Some((n, at)),
                        _ => {
                            problems.push(Problem::new(
                                at,
                                format!("the {name} `{t}` is not a whole number"),
                                "write a count of zero or more in digits, like 12",
                            ));
                            None
                        }
                    },
                }
            };
            let numerator = whole("numerator");
            let denominator = whole("denominator");
            if !empty("value") {
                let (_, at) = get("value").unwrap_or(("", start));
                problems.push(Problem::new(
                    at,
                    format!("`{id}` is a percentage: leave its value empty"),
                    "the build works the percentage out from the numerator and the denominator",
                ));
            }
            let (Some((n, n_at)), Some((d, d_at))) = (numerator, denominator) else {
                continue;
            };
            if d == 0 {
                problems.push(Problem::new(
                    d_at,
                    "the denominator is 0",
                    format!(
                        "a percentage of nothing cannot be drawn: count {} again, or leave the month out",
                        indicator.denominator
                    ),
                ));
                continue;
            }
            if n > d {
                problems.push(Problem::new(
                    n_at,
                    format!("the numerator {n} is above the denominator {d}"),
                    format!(
                        "{} are counted among {}, so there cannot be more of them: check both figures",
                        indicator.numerator, indicator.denominator
                    ),
                ));
                continue;
            }
            Figure {
                month: month.to_string(),
                numerator: Some(n),
                denominator: Some(d),
                value: 100.0 * n as f64 / d as f64,
            }
        } else {
            for name in ["numerator", "denominator"] {
                if !empty(name) {
                    let (_, at) = get(name).unwrap_or(("", start));
                    problems.push(Problem::new(
                        at,
                        format!(
                            "`{id}` is a {}: leave its {name} empty",
                            indicator.unit_word()
                        ),
                        "write its figure in the column value",
                    ));
                }
            }
            let value = match get("value") {
                None => {
                    problems.push(Problem::new(
                        start,
                        format!("`{id}` needs a value, but the file has no column `value`"),
                        "add the column value to the first line",
                    ));
                    continue;
                }
                Some(("", at)) => {
                    problems.push(Problem::new(
                        at,
                        format!("`{id}` needs a value in this row"),
                        "write the month's figure, like 14",
                    ));
                    continue;
                }
                Some((t, at)) => match t.parse::<f64>() {
                    Ok(v) if (0.0..1e9).contains(&v) && !t.contains(['e', 'E']) => v,
                    _ => {
                        problems.push(Problem::new(
                            at,
                            format!("the value `{t}` is not a number of zero or more"),
                            "write digits with a point for decimals, like 14 or 12.5",
                        ));
                        continue;
                    }
                },
            };
            Figure {
                month: month.to_string(),
                numerator: None,
                denominator: None,
                value,
            }
        };
        if !month_ok {
            continue;
        }
        match seen.get(&(id.to_string(), month.to_string())) {
            Some(&first) => {
                let mut p = Problem::new(
                    month_at,
                    format!("`{id}` has figures for {month} twice"),
                    "keep one row per indicator and month: remove or correct the other",
                );
                p.first = Some(first);
                problems.push(p);
            }
            None => {
                seen.insert((id.to_string(), month.to_string()), month_at);
                figures
                    .by_indicator
                    .entry(id.to_string())
                    .or_default()
                    .push(figure);
            }
        }
    }
    if header.is_none() && problems.is_empty() {
        problems.push(Problem::new(
            0,
            "the file is empty",
            "start it with the line month,indicator,numerator,denominator,value",
        ));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    for list in figures.by_indicator.values_mut() {
        list.sort_by(|a, b| a.month.cmp(&b.month));
    }
    Ok(figures)
}

impl Indicator {
    /// The unit in words, for messages.
    pub fn unit_word(&self) -> &'static str {
        match self.unit.as_str() {
            "days" => "number of days",
            "count" => "count",
            _ => "percentage",
        }
    }
}

/// The figures as the page's form downloads them: the notes, the header, then a row per figure,
/// indicator by indicator in the page's order, each in month order.
pub fn write(figures: &Figures, indicators: &[Indicator]) -> String {
    let mut out = String::new();
    for note in &figures.notes {
        out.push_str(note);
        out.push('\n');
    }
    out.push_str(&COLUMNS.join(","));
    out.push('\n');
    for indicator in indicators {
        for f in figures
            .by_indicator
            .get(&indicator.id)
            .into_iter()
            .flatten()
        {
            let (n, d, v) = match (f.numerator, f.denominator) {
                (Some(n), Some(d)) => (n.to_string(), d.to_string(), String::new()),
                _ => (String::new(), String::new(), number_text(f.value)),
            };
            out.push_str(&format!("{},{},{n},{d},{v}\n", f.month, indicator.id));
        }
    }
    out
}

/// A value as the file holds it: as written, without needless zeros (`12.5`, `14`).
pub fn number_text(v: f64) -> String {
    let text = format!("{v}");
    text.strip_suffix(".0").map_or(text.clone(), str::to_string)
}

/// A value as the page shows it: one decimal at most.
pub fn shown(v: f64) -> String {
    fmt_number(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn indicators() -> Vec<Indicator> {
        super::super::indicators::read(
            "[[indicator]]\nid = \"reach\"\nname = \"R\"\nnumerator = \"offered\"\ndenominator = \"eligible\"\nunit = \"percent\"\ndirection = \"higher\"\nreaim = \"reach\"\nsource = \"s\"\n[[indicator]]\nid = \"wait\"\nname = \"W\"\nunit = \"days\"\ndirection = \"lower\"\nreaim = \"reach\"\nsource = \"s\"\n",
        )
        .unwrap()
        .indicators
    }

    #[test]
    fn reads_and_writes_back_the_same_text() {
        let text = "# Invented figures\nmonth,indicator,numerator,denominator,value\n2027-01,reach,3,10,\n2027-03,reach,5,10,\n2027-01,wait,,,12.5\n";
        let figures = read(text, &indicators()).unwrap();
        assert_eq!(figures.by_indicator["reach"][1].value, 50.0);
        assert_eq!(figures.last_month(), Some("2027-03"));
        assert_eq!(write(&figures, &indicators()), text);
    }

    #[test]
    fn quoted_fields_and_their_places() {
        assert_eq!(
            fields("a,\"b,c\",", 10),
            [("a".into(), 10), ("b,c".into(), 12), (String::new(), 18)]
        );
    }

    #[test]
    fn every_bad_row_is_reported() {
        let text = "month,indicator,numerator,denominator,value\n2027-13,reach,1,2,\n2027-01,reech,1,2,\n2027-01,reach,1,0,\n2027-02,reach,3,2,\n2027-03,reach,1,2,\n2027-03,reach,1,2,\n";
        let problems = read(text, &indicators()).unwrap_err();
        let messages: Vec<_> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "`2027-13` is not a month written as YYYY-MM",
                "unknown indicator `reech`",
                "the denominator is 0",
                "the numerator 3 is above the denominator 2",
                "`reach` has figures for 2027-03 twice",
            ]
        );
    }

    #[test]
    fn months_are_checked() {
        assert!(is_month("2027-01"));
        for bad in ["2027-1", "2027-00", "27-01-01", "2027/01", "0000-01"] {
            assert!(!is_month(bad), "{bad}");
        }
    }
}
