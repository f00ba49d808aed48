//! A form as a Word document: the editable version of a checklist's A4 form, a table per
//! group with a box to tick, the item, a date and initials, and room for notes.

use docx_rs::{Docx, Paragraph, Table, TableCell, TableRow, WidthType};

use super::{Frame, Paragraphs, Style, run_text};

/// Widths of the form's columns (box, item, date, initials), in twentieths of a point: the
/// text width of an A4 page with 2 cm margins.
const WIDTHS: [usize; 4] = [700, 5738, 1600, 1600];

pub struct Form {
    /// A line under the title: "Domain: Process".
    pub subtitle: Option<String>,
    pub description: Option<String>,
    /// The headers of the columns: done, item, date, initials.
    pub columns: [String; 4],
    pub groups: Vec<FormGroup>,
    /// The heading of the room for notes.
    pub notes: String,
}

pub struct FormGroup {
    pub title: Option<String>,
    pub items: Vec<FormItem>,
}

pub struct FormItem {
    pub text: String,
    /// "Role: … · Phase: …", under the item.
    pub details: String,
}

/// The Word document of `form`.
pub fn form(form: &Form, frame: &Frame<'_>) -> Result<Vec<u8>, String> {
    let mut paragraphs = Paragraphs::new();
    let mut document = Docx::new().add_paragraph(
        paragraphs
            .new_paragraph()
            .style(&Style::Title.id())
            .add_run(run_text(frame.title)),
    );
    for line in form.subtitle.iter().chain(&form.description) {
        document = document.add_paragraph(paragraphs.new_paragraph().add_run(run_text(line)));
    }
    for group in &form.groups {
        if let Some(title) = &group.title {
            document = document.add_paragraph(
                paragraphs
                    .new_paragraph()
                    .style(&Style::Heading(2).id())
                    .keep_next(true)
                    .add_run(run_text(title)),
            );
        }
        document = document.add_table(table(group, &form.columns, &mut paragraphs));
        document = document.add_paragraph(paragraphs.new_paragraph());
    }
    document = document.add_paragraph(
        paragraphs
            .new_paragraph()
            .style(&Style::Heading(2).id())
            .add_run(run_text(&form.notes)),
    );
    for _ in 0..6 {
        document = document.add_paragraph(paragraphs.new_paragraph());
    }
    super::pack(document, frame)
}

fn table(group: &FormGroup, columns: &[String; 4], paragraphs: &mut Paragraphs) -> Table {
    let cell = |paragraph: Paragraph, width: usize| {
        TableCell::new()
            .width(width, WidthType::Dxa)
            .add_paragraph(paragraph)
    };
    let header = TableRow::new(
        columns
            .iter()
            .zip(WIDTHS)
            .map(|(text, width)| {
                cell(
                    paragraphs.new_paragraph().add_run(run_text(text).bold()),
                    width,
                )
                .shading(super::header_shading())
            })
            .collect(),
    );
    let mut rows = vec![header];
    for item in &group.items {
        let mut text = TableCell::new()
            .width(WIDTHS[1], WidthType::Dxa)
            .add_paragraph(super::convert::text_paragraph(
                paragraphs.new_paragraph(),
                &item.text,
            ));
        if !item.details.is_empty() {
            text = text.add_paragraph(
                paragraphs
                    .new_paragraph()
                    .add_run(run_text(&item.details).size(18).color("595959")),
            );
        }
        rows.push(
            TableRow::new(vec![
                cell(paragraphs.new_paragraph().add_run(run_text("☐")), WIDTHS[0]),
                text,
                cell(paragraphs.new_paragraph(), WIDTHS[2]),
                cell(paragraphs.new_paragraph(), WIDTHS[3]),
            ])
            .cant_split(),
        );
    }
    Table::new(rows)
        .set_grid(WIDTHS.to_vec())
        .width(WIDTHS.iter().sum(), WidthType::Dxa)
}
