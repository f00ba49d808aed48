//! A checklist's downloads, made at build time beside its page: the PDF form, the CSV, the
//! Markdown source, and the Word and Excel versions (see `office`). The site's bundle of all checklists of a language reuses the same pieces.

use std::collections::BTreeMap;

use super::{ChecklistData, Item, word};
use crate::kinds::FilesInput;

/// A column of the CSV files: its i18n key, whether it is kept when no item has a value in it,
/// and its cell for an item (with the item's group and checklist).
struct Column {
    key: &'static str,
    always: bool,
    cell: fn(&Row<'_>) -> String,
}

struct Row<'a> {
    data: &'a ChecklistData,
    group: Option<&'a str>,
    item: &'a Item,
    words: &'a BTreeMap<String, String>,
}

/// The columns of the CSV files. The item's attributes (role, phase, construct, source, themes)
/// and the group are only there when some item of the file has them, so that a site that does
/// not use CFIR constructs gets no empty "CFIR construct" column.
const CSV_COLUMNS: &[Column] = &[
    Column {
        key: "checklist_domain",
        always: true,
        cell: |r| r.data.domain.name.clone(),
    },
    Column {
        key: "checklist_group",
        always: false,
        cell: |r| r.group.unwrap_or("").to_string(),
    },
    Column {
        key: "checklist_id",
        always: true,
        cell: |r| r.item.id.clone(),
    },
    Column {
        key: "checklist_item",
        always: true,
        cell: |r| r.item.text.plain.clone(),
    },
    Column {
        key: "item_role",
        always: false,
        cell: |r| r.item.role.clone().unwrap_or_default(),
    },
    Column {
        key: "item_phase",
        always: false,
        cell: |r| {
            r.item
                .phase
                .as_ref()
                .map(|p| word(r.words, &format!("phase_{p}")).to_string())
                .unwrap_or_default()
        },
    },
    Column {
        key: "item_construct",
        always: false,
        cell: |r| {
            r.item
                .construct
                .as_deref()
                .map(|c| super::construct_name(r.words, c))
                .unwrap_or_default()
        },
    },
    Column {
        key: "strategies_item_column",
        always: false,
        cell: |r| strategy_ids(r.item),
    },
    Column {
        key: "item_source",
        always: false,
        cell: |r| {
            r.item
                .source
                .as_ref()
                .map(|s| s.plain.clone())
                .unwrap_or_default()
        },
    },
    Column {
        key: "checklist_themes",
        always: false,
        cell: |r| r.item.themes.join(", "),
    },
    Column {
        key: "checklist_date",
        always: true,
        cell: |_| String::new(),
    },
    Column {
        key: "checklist_initials",
        always: true,
        cell: |_| String::new(),
    },
];

/// The columns and rows of checklists, one row per item, with the columns its items use:
/// what the CSV and the Excel workbooks hold. `fill_in`: with the columns left empty to fill
/// in by hand (the date and initials of the CSV, printed or kept on paper).
pub fn table<'a>(
    checklists: impl IntoIterator<Item = &'a ChecklistData>,
    words: &BTreeMap<String, String>,
    fill_in: bool,
) -> (Vec<&'static str>, Vec<Vec<String>>) {
    let mut rows = Vec::new();
    for data in checklists {
        for group in &data.groups {
            for item in &group.items {
                rows.push(Row {
                    data,
                    group: group.title.as_deref(),
                    item,
                    words,
                });
            }
        }
    }
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|row| CSV_COLUMNS.iter().map(|c| (c.cell)(row)).collect())
        .collect();
    let kept: Vec<usize> = (0..CSV_COLUMNS.len())
        .filter(|&i| CSV_COLUMNS[i].always || cells.iter().any(|row| !row[i].is_empty()))
        .filter(|&i| fill_in || !FILL_IN.contains(&CSV_COLUMNS[i].key))
        .collect();
    let keys = kept.iter().map(|&i| CSV_COLUMNS[i].key).collect();
    let rows = cells
        .into_iter()
        .map(|mut row| kept.iter().map(|&i| std::mem::take(&mut row[i])).collect())
        .collect();
    (keys, rows)
}

/// The columns of the CSV that are left empty to fill in by hand.
const FILL_IN: &[&str] = &["checklist_date", "checklist_initials"];

/// A CSV of checklists, one row per item, for spreadsheet programs (see `crate::spreadsheet`),
/// with the columns its items use.
pub fn csv<'a>(
    checklists: impl IntoIterator<Item = &'a ChecklistData>,
    words: &BTreeMap<String, String>,
    lang: &str,
) -> Result<Vec<u8>, csv::Error> {
    let (keys, rows) = table(checklists, words, true);
    let mut sheet = crate::spreadsheet::Sheet::for_language(lang);
    sheet.row(keys.iter().map(|&key| word(words, key)))?;
    for row in &rows {
        sheet.row(row.iter().map(String::as_str))?;
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
    let csv = csv([&data], input.words, input.lang).map_err(|e| e.to_string())?;
    let made = super::office::Made {
        title: input.title,
        site_title: input.site_title,
        lang: input.lang,
        build_date: input.build_date,
        words: input.words,
    };
    let docx = super::office::docx(&data, input.description, &made)?;
    let xlsx = super::office::xlsx(&[&data], &made)?;
    Ok(vec![
        (data.files.pdf.clone(), pdf),
        (data.files.csv.clone(), csv),
        (data.files.md.clone(), input.source.as_bytes().to_vec()),
        (data.files.docx.clone(), docx),
        (data.files.xlsx.clone(), xlsx),
    ])
}

/// "Role: clinical lead · Phase: Prepare · …" under an item in the PDF.
pub fn details(item: &Item, words: &BTreeMap<String, String>) -> String {
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
    if !item.strategies.is_empty() {
        parts.push(format!(
            "{}: {}",
            word(words, "strategies_item_column"),
            strategy_ids(item)
        ));
    }
    if let Some(source) = &item.source {
        parts.push(format!("{}: {}", word(words, "item_source"), source.plain));
    }
    parts.join(" · ")
}

/// The strategies an item names, as written: `identify-and-prepare-champions, …`.
fn strategy_ids(item: &Item) -> String {
    item.strategies
        .iter()
        .map(|s| s.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pdf_names_only_the_attributes_an_item_has() {
        let words = BTreeMap::new();
        let item = Item {
            id: "room".into(),
            text: super::super::Written {
                markdown: "Book the room.".into(),
                plain: "Book the room.".into(),
                offset: 0,
            },
            role: Some("secretary".into()),
            phase: None,
            construct: None,
            strategies: Vec::new(),
            construct_id: None,
            source: None,
            themes: Vec::new(),
            line: 1,
        };
        // Attribute values are shown with a capital first letter.
        assert_eq!(details(&item, &words), "item_role: Secretary");
    }
}
