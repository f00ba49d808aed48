//! A checklist's downloads, made at build time beside its page: the PDF form, the CSV and the
//! Markdown source. The site's bundle of all checklists of a language reuses the same pieces.

use std::collections::BTreeMap;

use super::{ChecklistData, Item, word};
use crate::kinds::FilesInput;

/// The columns of the CSV files, as i18n keys.
const CSV_COLUMNS: &[&str] = &[
    "checklist_domain",
    "checklist_group",
    "checklist_id",
    "checklist_item",
    "item_role",
    "item_phase",
    "item_construct",
    "item_source",
    "checklist_themes",
    "checklist_date",
    "checklist_initials",
];

/// A CSV of checklists, one row per item, for spreadsheet programs (see `crate::spreadsheet`).
pub fn csv<'a>(
    checklists: impl IntoIterator<Item = &'a ChecklistData>,
    words: &BTreeMap<String, String>,
) -> Result<Vec<u8>, csv::Error> {
    let mut sheet = crate::spreadsheet::Sheet::new();
    sheet.row(CSV_COLUMNS.iter().map(|k| word(words, k)))?;
    for data in checklists {
        for group in &data.groups {
            for item in &group.items {
                let phase = item
                    .phase
                    .as_ref()
                    .map(|p| word(words, &format!("phase_{p}")).to_string())
                    .unwrap_or_default();
                sheet.row([
                    data.domain.name.as_str(),
                    group.title.as_deref().unwrap_or(""),
                    &item.id,
                    &item.text.plain,
                    item.role.as_deref().unwrap_or(""),
                    &phase,
                    &item
                        .construct
                        .as_deref()
                        .map(|c| super::construct_name(words, c))
                        .unwrap_or_default(),
                    item.source.as_ref().map(|s| s.plain.as_str()).unwrap_or(""),
                    &item.themes.join(", "),
                    "",
                    "",
                ])?;
            }
        }
    }
    sheet.finish()
}

/// What the PDF form shows of one checklist.
pub fn pdf_checklist(
    data: &ChecklistData,
    title: &str,
    description: Option<&str>,
    words: &BTreeMap<String, String>,
) -> crate::pdf::Checklist {
    crate::pdf::Checklist {
        title: title.to_string(),
        domain: data.domain.name.clone(),
        description: description.map(str::to_string),
        groups: data
            .groups
            .iter()
            .map(|g| crate::pdf::Group {
                title: g.title.clone(),
                items: g
                    .items
                    .iter()
                    .map(|item| crate::pdf::Item {
                        text: item.text.plain.clone(),
                        details: details(item, words),
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// A PDF document of checklists, with the form's labels in the language of `words`.
pub fn pdf_document(
    site_name: &str,
    title: &str,
    lang: &str,
    build_date: &str,
    checklists: Vec<crate::pdf::Checklist>,
    words: &BTreeMap<String, String>,
) -> crate::pdf::Document {
    crate::pdf::Document {
        site_name: site_name.to_string(),
        title: title.to_string(),
        lang: lang.to_string(),
        generated_on: build_date.to_string(),
        labels: crate::pdf::Labels {
            domain: word(words, "checklist_domain").to_string(),
            generated: word(words, "checklist_generated").to_string(),
            item: word(words, "checklist_item").to_string(),
            date: word(words, "checklist_date").to_string(),
            initials: word(words, "checklist_initials").to_string(),
            page_of: word(words, "pdf_page_of").to_string(),
            notes: word(words, "checklist_notes").to_string(),
            clinic: word(words, "print_clinic").to_string(),
            team: word(words, "print_team").to_string(),
            meeting_date: word(words, "print_meeting_date").to_string(),
            contents: word(words, "pdf_contents").to_string(),
        },
        checklists,
    }
}

/// The files published beside a checklist page: its PDF form, its CSV and its Markdown source.
pub fn files(input: &FilesInput<'_>) -> Result<Vec<(String, Vec<u8>)>, String> {
    let data = ChecklistData::from_value(input.data)
        .ok_or_else(|| "the checklist's data could not be read".to_string())?;
    let checklist = pdf_checklist(&data, input.title, input.description, input.words);
    let document = pdf_document(
        input.site_title,
        input.title,
        input.lang,
        input.build_date,
        vec![checklist],
        input.words,
    );
    let pdf = input.pdf.render(&document).map_err(|e| e.to_string())?;
    let csv = csv([&data], input.words).map_err(|e| e.to_string())?;
    Ok(vec![
        (data.files.pdf.clone(), pdf),
        (data.files.csv.clone(), csv),
        (data.files.md.clone(), input.source.as_bytes().to_vec()),
    ])
}

/// "Role: clinical lead · Phase: Prepare · …" under an item in the PDF.
fn details(item: &Item, words: &BTreeMap<String, String>) -> String {
    let mut parts = Vec::new();
    if let Some(role) = &item.role {
        parts.push(format!(
            "{}: {}",
            word(words, "item_role"),
            super::capitalised(role)
        ));
    }
    if let Some(phase) = &item.phase {
        parts.push(format!(
            "{}: {}",
            word(words, "item_phase"),
            word(words, &format!("phase_{phase}"))
        ));
    }
    if let Some(construct) = &item.construct {
        parts.push(format!(
            "{}: {}",
            word(words, "item_construct"),
            super::construct_name(words, construct)
        ));
    }
    if let Some(source) = &item.source {
        parts.push(format!("{}: {}", word(words, "item_source"), source.plain));
    }
    parts.join(" · ")
}
