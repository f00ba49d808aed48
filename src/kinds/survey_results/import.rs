//! Reading the answer sets a lead hands `toolkit survey` (the results page reads them the same
//! way in `survey-results.js`): an answers file (JSON), a file of codes (one per line), or the
//! CSV of paper answers as the survey page's CSV template lays it out (`respondent`, `wave`,
//! `date`, `role`, then one column per statement id). Each answer set or refusal comes with the
//! line it was read from. Parsing only: no file is opened here.

use std::collections::BTreeMap;

use crate::kinds::survey::SurveyData;
use crate::kinds::survey::code::{self, Answers, CodeError, Wave};

/// One answer set read, or why it was refused, at its line (1 for a whole file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Read {
    pub line: usize,
    pub result: Result<Answers, CodeError>,
}

/// The answer sets of one file's text.
pub fn read(text: &str, survey: &SurveyData) -> Vec<Read> {
    let clean = text.strip_prefix('\u{feff}').unwrap_or(text);
    let trimmed = clean.trim_start();
    if trimmed.starts_with('{') {
        let line = clean[..clean.len() - trimmed.len()].matches('\n').count() + 1;
        return vec![Read {
            line,
            result: code::read_file(trimmed, survey),
        }];
    }
    let first = trimmed.lines().next().unwrap_or("");
    if first.trim_start_matches('"').starts_with("respondent") {
        return paper(clean, survey);
    }
    clean
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| Read {
            line: i + 1,
            result: code::decode_for(line.trim(), survey),
        })
        .collect()
}

/// The rows of the CSV of paper answers, separated by `,` (or `;`, as a spreadsheet with the
/// comma as decimal mark saves it).
fn paper(text: &str, survey: &SurveyData) -> Vec<Read> {
    let first = text.lines().next().unwrap_or("");
    let separator = if first.contains(';') && !first.contains(',') {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_string()).collect(),
        Err(e) => {
            return vec![Read {
                line: 1,
                result: Err(CodeError::File(e.to_string())),
            }];
        }
    };
    let mut found = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(1, |p| line_at(text, p.byte()));
                found.push(Read {
                    line,
                    result: Err(CodeError::File(e.to_string())),
                });
                continue;
            }
        };
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let line = record.position().map_or(1, |p| line_at(text, p.byte()));
        found.push(Read {
            line,
            result: paper_row(&header, &record, survey),
        });
    }
    found
}

/// The line, from 1, of the record the CSV reader places at `byte` (where the line end before
/// it and any empty lines may still lie).
fn line_at(text: &str, byte: u64) -> usize {
    let bytes = text.as_bytes();
    let mut end = usize::try_from(byte).unwrap_or(usize::MAX).min(bytes.len());
    while end < bytes.len() && matches!(bytes[end], b'\r' | b'\n') {
        end += 1;
    }
    bytes[..end].iter().filter(|&&b| b == b'\n').count() + 1
}

fn paper_row(
    header: &[String],
    record: &csv::StringRecord,
    survey: &SurveyData,
) -> Result<Answers, CodeError> {
    let cell = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .and_then(|i| record.get(i))
            .map(str::trim)
            .unwrap_or("")
    };
    if let Some(unknown) = header
        .iter()
        .skip(4)
        .find(|h| !h.is_empty() && !survey.statements.iter().any(|s| s.id == **h))
    {
        return Err(CodeError::UnknownStatement(unknown.clone()));
    }
    let wave = match cell("wave") {
        "baseline" => Wave::Baseline,
        "follow-up" => Wave::FollowUp,
        other => return Err(CodeError::Wave(other.to_string())),
    };
    let mut answers = BTreeMap::new();
    for s in &survey.statements {
        let value = cell(&s.id);
        let point = if value.is_empty() {
            None
        } else {
            match value.parse::<u8>() {
                Ok(p) => Some(p),
                Err(_) => {
                    return Err(CodeError::AnswerDigits(value.to_string()));
                }
            }
        };
        answers.insert(s.id.clone(), point);
    }
    let role = match cell("role") {
        "" | "-" => None,
        role => Some(role.to_string()),
    };
    let set = Answers {
        format: code::FORMAT.to_string(),
        survey: survey.id.clone(),
        version: survey.version,
        respondent: cell("respondent").to_string(),
        wave,
        date: cell("date").to_string(),
        role,
        answers,
        open: BTreeMap::new(),
    };
    set.check(survey)?;
    Ok(set)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn survey() -> SurveyData {
        serde_json::from_value(serde_json::json!({
            "id": "scan", "version": 1, "points": 5, "labels": ["1", "2", "3", "4", "5"],
            "roles": [{"id": "therapist", "name": "Therapist"}],
            "statements": [
                {"id": "s01", "construct": "c", "direction": "barrier", "text": "One"},
                {"id": "s02", "construct": "c", "direction": "facilitator", "text": "Two"}
            ],
            "open": []
        }))
        .unwrap()
    }

    fn lines(found: &[Read]) -> Vec<(usize, Result<String, &'static str>)> {
        found
            .iter()
            .map(|r| {
                (
                    r.line,
                    r.result
                        .as_ref()
                        .map(|a| a.respondent.clone())
                        .map_err(|e| e.kind()),
                )
            })
            .collect()
    }

    #[test]
    fn paper_rows_are_read_at_their_lines_with_either_separator() {
        let text = "\u{feff}respondent,wave,date,role,s01,s02\r\nabc123,baseline,2026-03-02,therapist,4,\r\n\r\nxyz789,follow-up,2026-09-02,,6,2\r\nqrs456,later,2026-09-02,,1,2\r\nqrs457,baseline,2026-09-02,,x,2\r\n";
        assert_eq!(
            lines(&read(text, &survey())),
            [
                (2, Ok("abc123".to_string())),
                (4, Err("point")),
                (5, Err("wave")),
                (6, Err("answer-digits"))
            ]
        );
        let semicolons = "respondent;wave;date;role;s01;s02\nabc123;baseline;2026-03-02;-;4;5\n";
        let found = read(semicolons, &survey());
        assert_eq!(lines(&found), [(2, Ok("abc123".to_string()))]);
        assert_eq!(found[0].result.as_ref().unwrap().role, None);
    }

    #[test]
    fn codes_are_read_line_by_line_and_files_whole() {
        let survey = survey();
        let answers = code::decode_for(
            &code::encode(
                &Answers {
                    format: code::FORMAT.into(),
                    survey: "scan".into(),
                    version: 1,
                    respondent: "abc123".into(),
                    wave: Wave::Baseline,
                    date: "2026-03-02".into(),
                    role: None,
                    answers: BTreeMap::from([("s01".into(), Some(4)), ("s02".into(), None)]),
                    open: BTreeMap::new(),
                },
                &survey,
            ),
            &survey,
        )
        .unwrap();
        let good = code::encode(&answers, &survey);
        let text = format!("{good}\n\nTK1.scan.1.oops\n");
        assert_eq!(
            lines(&read(&text, &survey)),
            [(1, Ok("abc123".to_string())), (3, Err("parts"))]
        );
        let file = serde_json::to_string(&answers).unwrap();
        assert_eq!(
            lines(&read(&format!("\n\n{file}"), &survey)),
            [(3, Ok("abc123".to_string()))]
        );
        assert_eq!(lines(&read("{not json", &survey)), [(1, Err("file"))]);
    }
}
