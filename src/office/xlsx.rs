//! Excel workbooks (`.xlsx`) of tasks, written with rust_xlsxwriter: one sheet per list (a
//! checklist's domain, a stakeholder map), a frozen header row, column widths, wrapped text,
//! an autofilter, and three columns to work in: a status with a drop-down (to do, doing,
//! done), an owner, and a due date that must be a date. Every cell is written as text, so no
//! cell can run as a formula.

use rust_xlsxwriter::{
    DataValidation, DataValidationRule, DocProperties, ExcelDateTime, Format, FormatAlign,
    FormatBorder, Workbook, XlsxError,
};

/// The longest name Excel allows a sheet.
const SHEET_NAME_LENGTH: usize = 31;
/// Rows below the last item that get the drop-down and the date check too, for tasks added.
const ROWS_TO_ADD: u32 = 100;
/// A4 in Excel's list of paper sizes.
const PAPER_A4: u8 = 9;

/// A column of a sheet: its header and its width in characters.
pub struct Column {
    pub header: String,
    pub width: f64,
}

/// A sheet of tasks: its name (shortened and made unique as Excel needs), its columns and rows.
pub struct Sheet {
    pub name: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
    /// The sheet has an owner column of its own (a stakeholder map's actions): no other is added.
    pub has_owner: bool,
}

/// The words of the columns to work in, in the page's language.
pub struct TaskWords {
    pub status: String,
    /// To do, doing, done: the drop-down's choices.
    pub choices: [String; 3],
    pub status_help: String,
    pub owner: String,
    pub due: String,
    pub due_help: String,
}

impl TaskWords {
    /// The words from the theme's `office_` words of a language.
    pub fn from_words(words: &std::collections::BTreeMap<String, String>) -> TaskWords {
        let w = |key: &str| crate::kinds::kit::word(words, key).to_string();
        TaskWords {
            status: w("office_status"),
            choices: [
                w("office_status_to_do"),
                w("office_status_doing"),
                w("office_status_done"),
            ],
            status_help: w("office_status_help"),
            owner: w("office_owner"),
            due: w("office_due"),
            due_help: w("office_due_help"),
        }
    }
}

/// A workbook of `sheets`, each with the columns to work in after its own.
pub fn workbook(
    title: &str,
    build_date: &str,
    sheets: &[Sheet],
    words: &TaskWords,
) -> Result<Vec<u8>, String> {
    write(title, build_date, sheets, words)
        .map_err(|e| format!("could not write the Excel file: {e}"))
}

fn write(
    title: &str,
    build_date: &str,
    sheets: &[Sheet],
    words: &TaskWords,
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    // The build's date, so that two builds of the same site write the same bytes.
    let made = date(build_date)?;
    book.set_properties(
        &DocProperties::new()
            .set_title(title)
            .set_creation_datetime(&made),
    );
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color("D9E2F3")
        .set_border_bottom(FormatBorder::Thin);
    let wrapped = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let due_format = Format::new()
        .set_num_format("yyyy-mm-dd")
        .set_align(FormatAlign::Top);
    let status = DataValidation::new()
        .allow_list_strings(&words.choices)?
        .set_input_message(&words.status_help)?;
    let due = DataValidation::new()
        .allow_date(DataValidationRule::Between(
            ExcelDateTime::from_ymd(2000, 1, 1)?,
            ExcelDateTime::from_ymd(2099, 12, 31)?,
        ))
        .set_input_message(&words.due_help)?
        .set_error_message(&words.due_help)?;
    let mut names: Vec<String> = Vec::new();
    for sheet in sheets {
        let name = unique_name(&sheet.name, &names);
        names.push(name.clone());
        let work = book.add_worksheet();
        work.set_name(&name)?;
        let own = sheet.columns.len() as u16;
        let mut columns: Vec<(&str, f64)> = sheet
            .columns
            .iter()
            .map(|c| (c.header.as_str(), c.width))
            .collect();
        columns.push((words.status.as_str(), 12.0));
        if !sheet.has_owner {
            columns.push((words.owner.as_str(), 18.0));
        }
        columns.push((words.due.as_str(), 14.0));
        for (col, (text, width)) in columns.iter().enumerate() {
            let col = col as u16;
            work.set_column_width(col, *width)?;
            work.write_string_with_format(0, col, *text, &header)?;
        }
        for (r, row) in sheet.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (col, text) in row.iter().enumerate() {
                work.write_string_with_format(r, col as u16, text, &wrapped)?;
            }
        }
        let last_row = sheet.rows.len() as u32;
        let last_col = columns.len() as u16 - 1;
        let checked_to = last_row + ROWS_TO_ADD;
        work.set_column_format(last_col, &due_format)?;
        work.add_data_validation(1, own, checked_to, own, &status)?;
        work.add_data_validation(1, last_col, checked_to, last_col, &due)?;
        work.set_freeze_panes(1, 0)?;
        work.autofilter(0, 0, last_row.max(1), last_col)?;
        work.set_paper_size(PAPER_A4);
        work.set_landscape();
        work.set_repeat_rows(0, 0)?;
        work.set_print_fit_to_pages(1, 0);
    }
    book.save_to_buffer()
}

/// `2026-11-22` as Excel's date.
fn date(text: &str) -> Result<ExcelDateTime, XlsxError> {
    let mut parts = text.splitn(3, '-').map(|p| p.parse::<u16>().unwrap_or(1));
    let year = parts.next().unwrap_or(2000);
    let month = parts.next().unwrap_or(1) as u8;
    let day = parts.next().unwrap_or(1) as u8;
    ExcelDateTime::from_ymd(year, month, day)
}

/// A sheet name Excel accepts: without `[ ] : * ? / \`, not starting or ending with `'`, at
/// most 31 characters, not empty, and not one of the names already `taken` (Excel compares them
/// without case).
pub fn unique_name(wanted: &str, taken: &[String]) -> String {
    let cleaned: String = wanted
        .chars()
        .map(|c| match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => ' ',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let cleaned = cleaned.trim().trim_matches('\'').trim();
    let base = if cleaned.is_empty() { "Sheet" } else { cleaned };
    let is_taken = |name: &str| {
        taken
            .iter()
            .any(|t| t.to_lowercase() == name.to_lowercase())
    };
    let shortened = |text: &str, room: usize| -> String {
        text.chars()
            .take(room)
            .collect::<String>()
            .trim_end()
            .to_string()
    };
    let first = shortened(base, SHEET_NAME_LENGTH);
    if !is_taken(&first) {
        return first;
    }
    (2..)
        .map(|n| {
            let suffix = format!(" ({n})");
            format!(
                "{}{suffix}",
                shortened(base, SHEET_NAME_LENGTH - suffix.chars().count())
            )
        })
        .find(|name| !is_taken(name))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_ones_excel_accepts() {
        assert_eq!(unique_name("Inner setting", &[]), "Inner setting");
        assert_eq!(unique_name("What? [draft]", &[]), "What   draft");
        assert_eq!(
            unique_name("Characteristics of the individuals involved", &[]),
            "Characteristics of the individu"
        );
        let taken = vec!["Process".to_string()];
        assert_eq!(unique_name("process", &taken), "process (2)");
        assert_eq!(unique_name("''", &[]), "Sheet");
    }
}
