//! The aggregated results as a CSV file, per statement, per construct and per domain of each
//! wave, written with the project's CSV writer ([`crate::spreadsheet`]). `survey-results.js`
//! writes the same file in the browser; the browser test compares the two.

use std::collections::BTreeMap;

use super::aggregate::{Results, WAVES};
use crate::kinds::kit::word;

/// What the CSV names: constructs (name and domain), domains and statements, in the page's
/// language.
#[derive(Debug, Clone, Default)]
pub struct Names {
    /// Construct id → (name, domain slug).
    pub constructs: BTreeMap<String, (String, Option<String>)>,
    /// Domain slug → name.
    pub domains: BTreeMap<String, String>,
    /// Statement id → text.
    pub statements: BTreeMap<String, String>,
}

impl Names {
    fn construct<'a>(&'a self, id: &'a str) -> &'a str {
        self.constructs
            .get(id)
            .map_or(id, |(name, _)| name.as_str())
    }

    fn domain_of<'a>(&'a self, construct: &'a str) -> &'a str {
        self.constructs
            .get(construct)
            .and_then(|(_, d)| d.as_deref())
            .map_or("", |d| self.domain(d))
    }

    fn domain<'a>(&'a self, slug: &'a str) -> &'a str {
        self.domains.get(slug).map_or(slug, String::as_str)
    }
}

/// A number of points as the language writes it: `4`, `3.5` (`3,5` where fields are separated
/// by semicolons, as the comma is the decimal mark there).
pub fn number(value: Option<f64>, lang: &str) -> String {
    let Some(value) = value else {
        return String::new();
    };
    let text = if value.fract() == 0.0 {
        format!("{}", value as i64)
    } else {
        format!("{value:.1}")
    };
    if crate::spreadsheet::separator(lang) == b';' {
        text.replace('.', ",")
    } else {
        text
    }
}

/// Whether a file's bytes are a results CSV toolkit wrote (a byte-order mark, then a header
/// whose last cells count the scale's points up from 1), which `--csv` may replace.
pub fn is_toolkits(bytes: &[u8]) -> bool {
    let Some(rest) = bytes.strip_prefix("\u{feff}".as_bytes()) else {
        return false;
    };
    let first = rest.split(|&b| b == b'\n').next().unwrap_or(&[]);
    let Ok(line) = std::str::from_utf8(first) else {
        return false;
    };
    let cells: Vec<&str> = line.trim_end().split([',', ';']).collect();
    cells.len() > 11
        && cells[11..]
            .iter()
            .enumerate()
            .all(|(i, c)| *c == (i + 1).to_string())
}

/// The CSV file of `results`.
pub fn csv(
    results: &Results,
    points: u8,
    names: &Names,
    words: &BTreeMap<String, String>,
    lang: &str,
) -> Result<Vec<u8>, csv::Error> {
    let w = |key: &str| word(words, key).to_string();
    let mut sheet = crate::spreadsheet::Sheet::for_language(lang);
    let mut header = vec![
        w("survey_results_csv_level"),
        w("survey_results_csv_wave"),
        w("survey_results_csv_id"),
        w("survey_results_csv_statement"),
        w("survey_results_csv_construct"),
        w("survey_results_csv_domain"),
        w("survey_results_csv_answers"),
        w("survey_results_csv_score"),
        w("survey_results_csv_median"),
        w("survey_results_csv_iqr"),
        w("survey_results_csv_spread"),
    ];
    header.extend((1..=points).map(|p| p.to_string()));
    sheet.row(&header)?;
    let blank_counts = || vec![String::new(); usize::from(points)];
    let score = |s: Option<u32>| s.map(|s| s.to_string()).unwrap_or_default();
    let wide = |wide: bool| {
        if wide {
            w("survey_results_csv_discuss")
        } else {
            String::new()
        }
    };
    for name in WAVES {
        let Some(wave) = results.waves.get(name) else {
            continue;
        };
        let wave_word = w(&format!("survey_results_wave_{}", name.replace('-', "_")));
        for s in &wave.statements {
            let mut row = vec![
                w("survey_results_csv_level_statement"),
                wave_word.clone(),
                s.id.clone(),
                names.statements.get(&s.id).cloned().unwrap_or_default(),
                names.construct(&s.construct).to_string(),
                names.domain_of(&s.construct).to_string(),
                s.n.to_string(),
                score(s.score),
                number(s.median, lang),
                number(s.iqr, lang),
                wide(s.wide),
            ];
            row.extend(s.counts.iter().map(|c| c.to_string()));
            sheet.row(&row)?;
        }
        for c in &wave.constructs {
            let mut row = vec![
                w("survey_results_csv_level_construct"),
                wave_word.clone(),
                c.id.clone(),
                String::new(),
                names.construct(&c.id).to_string(),
                names.domain_of(&c.id).to_string(),
                c.n.to_string(),
                score(c.score),
                String::new(),
                String::new(),
                wide(c.wide),
            ];
            row.extend(blank_counts());
            sheet.row(&row)?;
        }
        for d in &wave.domains {
            let mut row = vec![
                w("survey_results_csv_level_domain"),
                wave_word.clone(),
                d.id.clone(),
                String::new(),
                String::new(),
                names.domain(&d.id).to_string(),
                d.n.to_string(),
                score(d.score),
                String::new(),
                String::new(),
                String::new(),
            ];
            row.extend(blank_counts());
            sheet.row(&row)?;
        }
    }
    sheet.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_take_the_languages_decimal_mark() {
        assert_eq!(number(Some(4.0), "en"), "4");
        assert_eq!(number(Some(3.5), "en"), "3.5");
        assert_eq!(number(Some(3.5), "nl"), "3,5");
        assert_eq!(number(None, "nl"), "");
    }
}
