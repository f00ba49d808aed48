//! A checklist's Word and Excel versions: the A4 form as an editable Word document, and the
//! items as an Excel workbook of tasks (one sheet per domain in the bundle), with the columns
//! of the CSV and a status, an owner and a due date to work in.

use std::collections::BTreeMap;

use super::{ChecklistData, downloads, word};
use crate::office::docx::{Form, FormGroup, FormItem, Frame};
use crate::office::xlsx::{Column, Sheet, TaskWords};

/// What the Word and Excel files are made for: the page (or the bundle) and its site.
pub struct Made<'a> {
    pub title: &'a str,
    pub site_title: &'a str,
    pub lang: &'a str,
    pub build_date: &'a str,
    pub words: &'a BTreeMap<String, String>,
}

/// The width of a column, in characters, by its i18n key.
fn width(key: &str) -> f64 {
    match key {
        "checklist_item" => 60.0,
        "item_source" => 36.0,
        "checklist_id" => 24.0,
        "item_construct" | "checklist_group" => 24.0,
        "checklist_domain" | "item_role" | "checklist_themes" => 18.0,
        _ => 14.0,
    }
}

/// A sheet of checklists: the columns their items use, as in the CSV.
fn sheet(name: &str, checklists: &[&ChecklistData], words: &BTreeMap<String, String>) -> Sheet {
    let (keys, rows) = downloads::table(checklists.iter().copied(), words, false);
    Sheet {
        name: name.to_string(),
        columns: keys
            .iter()
            .map(|&key| Column {
                header: word(words, key).to_string(),
                width: width(key),
            })
            .collect(),
        rows,
        has_owner: false,
    }
}

/// The workbook of checklists: one sheet per domain, named after it, in the order given.
pub fn xlsx(checklists: &[&ChecklistData], made: &Made<'_>) -> Result<Vec<u8>, String> {
    let mut domains: Vec<(&str, Vec<&ChecklistData>)> = Vec::new();
    for data in checklists {
        match domains
            .iter_mut()
            .find(|(slug, _)| *slug == data.domain.slug)
        {
            Some((_, list)) => list.push(data),
            None => domains.push((&data.domain.slug, vec![data])),
        }
    }
    let sheets: Vec<Sheet> = domains
        .iter()
        .map(|(_, list)| sheet(&list[0].domain.name, list, made.words))
        .collect();
    crate::office::xlsx::workbook(
        made.title,
        made.build_date,
        &sheets,
        &TaskWords::from_words(made.words),
    )
}

/// The editable Word version of a checklist's A4 form.
pub fn docx(
    data: &ChecklistData,
    description: Option<&str>,
    made: &Made<'_>,
) -> Result<Vec<u8>, String> {
    let words = made.words;
    let form = Form {
        subtitle: Some(format!(
            "{}: {}",
            word(words, "checklist_domain"),
            data.domain.name
        )),
        description: description.map(str::to_string),
        columns: [
            word(words, "office_done").to_string(),
            word(words, "checklist_item").to_string(),
            word(words, "checklist_date").to_string(),
            word(words, "checklist_initials").to_string(),
        ],
        groups: data
            .groups
            .iter()
            .map(|g| FormGroup {
                title: g.title.clone(),
                items: g
                    .items
                    .iter()
                    .map(|item| FormItem {
                        text: item.text.plain.clone(),
                        details: downloads::details(item, words),
                    })
                    .collect(),
            })
            .collect(),
        notes: word(words, "checklist_notes").to_string(),
    };
    let frame = Frame {
        title: made.title,
        site_name: made.site_title,
        lang: made.lang,
        build_date: made.build_date,
        made_on: word(words, "office_made_on"),
    };
    crate::office::docx::form(&form, &frame)
}
