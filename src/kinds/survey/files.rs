//! The files beside a survey page: the A4 PDF form for answering on paper and the CSV template
//! for typing paper answers in (one row per respondent: `respondent,wave,date,role`, then one
//! column per statement id holding the point, empty for no answer), which the results page
//! reads.

use super::SurveyData;
use crate::kinds::FilesInput;

/// The first columns of the CSV template, before one column per statement.
pub const CSV_COLUMNS: [&str; 4] = ["respondent", "wave", "date", "role"];

/// The CSV template: the header row only.
pub fn csv_template(data: &SurveyData) -> Result<Vec<u8>, String> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let header: Vec<&str> = CSV_COLUMNS
        .iter()
        .copied()
        .chain(data.statements.iter().map(|s| s.id.as_str()))
        .collect();
    writer
        .write_record(&header)
        .map_err(|e| format!("could not write the CSV template: {e}"))?;
    writer
        .into_inner()
        .map_err(|e| format!("could not write the CSV template: {e}"))
}

pub fn files(data: &SurveyData, _input: &FilesInput<'_>) -> Result<Vec<(String, Vec<u8>)>, String> {
    Ok(vec![(super::html::csv_name(data), csv_template(data)?)])
}
