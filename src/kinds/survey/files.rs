//! The files beside a survey page: the A4 PDF form for answering on paper and the CSV template
//! for typing paper answers in (one row per respondent: `respondent,wave,date,role`, then one
//! column per statement id holding the point, empty for no answer), which the results page
//! reads.

use super::SurveyData;
use crate::kinds::FilesInput;
use crate::kinds::kit::word;

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

/// The PDF form, drawn by the checklists' form machinery: each statement is a group whose rows
/// are the scale's points, each with its box to tick; the last column is for a comment.
pub fn pdf_document(data: &SurveyData, input: &FilesInput<'_>) -> crate::pdf::Document {
    let words = input.words;
    let mut document = crate::kinds::checklist::downloads::pdf_document(
        input.site_title,
        input.title,
        input.lang,
        input.build_date,
        Vec::new(),
        words,
    );
    document.labels.domain = word(words, "survey_pdf_survey").to_string();
    document.labels.item = word(words, "survey_pdf_answer").to_string();
    document.labels.date = String::new();
    document.labels.initials = String::new();
    document.labels.notes = word(words, "survey_pdf_comment").to_string();
    let mut intro = vec![word(words, "survey_pdf_intro").to_string()];
    intro.push(format!(
        "{}: ________________    {}: ________________",
        word(words, "survey_pdf_role"),
        word(words, "survey_pdf_wave")
    ));
    if let Some(description) = input.description {
        intro.insert(0, description.to_string());
    }
    let mut groups: Vec<crate::pdf::Group> = data
        .statements
        .iter()
        .enumerate()
        .map(|(n, s)| crate::pdf::Group {
            title: Some(format!("{}. {}", n + 1, s.text)),
            items: data
                .labels
                .iter()
                .enumerate()
                .map(|(i, label)| crate::pdf::Item {
                    text: format!("{} {label}", i + 1),
                    details: String::new(),
                })
                .collect(),
        })
        .collect();
    for q in &data.open {
        groups.push(crate::pdf::Group {
            title: Some(q.text.clone()),
            items: vec![crate::pdf::Item {
                text: "_".repeat(40),
                details: String::new(),
            }],
        });
    }
    document.checklists.push(crate::pdf::Checklist {
        title: input.title.to_string(),
        domain: format!(
            "{} {} {}",
            data.id,
            word(words, "survey_pdf_version"),
            data.version
        ),
        description: Some(intro.join("\n\n")),
        groups,
    });
    document
}

pub fn files(data: &SurveyData, input: &FilesInput<'_>) -> Result<Vec<(String, Vec<u8>)>, String> {
    let pdf = input
        .pdf
        .render(&pdf_document(data, input))
        .map_err(|e| e.to_string())?;
    Ok(vec![
        (super::html::pdf_name(data), pdf),
        (super::html::csv_name(data), csv_template(data)?),
    ])
}
