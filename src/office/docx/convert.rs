//! A page's Markdown as a Word document: headings as Word's heading styles, paragraphs,
//! bold, italic and struck-through text, bullet and numbered lists with nesting, tables with a
//! header row, links, block quotes, code, and placeholders (`[[clinic name]]`) highlighted.
//! What Word cannot hold as such (raw HTML, images, footnotes) is kept as text and reported.

use docx_rs::{
    AlignmentType, Docx, FieldCharType, InstrText, Paragraph, Run, RunFonts, Table, TableCell,
    TableRow, WidthType,
};
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Tag, TagEnd};

use super::{Frame, Paragraphs, Style};
use crate::office::placeholders::{Piece, split};

/// Width of the text on an A4 page with 2 cm margins, in twentieths of a point.
const TEXT_WIDTH: usize = 9638;

/// Something in the Markdown that the Word file holds as plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsupported {
    /// Where it starts in the body.
    pub offset: usize,
    /// What it is: "raw HTML".
    pub what: &'static str,
}

/// A Word file made from Markdown, and what in the Markdown it holds only as text.
pub struct Converted {
    pub bytes: Vec<u8>,
    pub unsupported: Vec<Unsupported>,
}

/// The Word document of a page's Markdown `body`. `take_title`: the body's first heading is
/// the page's title (it has none in its front matter), already shown as the document's title.
/// `link` makes a link's address one that works from outside the site.
pub fn convert(
    body: &str,
    take_title: bool,
    frame: &Frame<'_>,
    link: &mut dyn FnMut(&str, usize) -> String,
) -> Result<Converted, String> {
    let (document, unsupported) = document(body, take_title, frame.title, link);
    let bytes = super::pack(document, frame)?;
    Ok(Converted { bytes, unsupported })
}

/// What in `body` a Word file would hold only as text, without making the file.
pub fn unsupported(body: &str) -> Vec<Unsupported> {
    document(body, false, "", &mut |url, _| url.to_string()).1
}

fn document(
    body: &str,
    take_title: bool,
    title: &str,
    link: &mut dyn FnMut(&str, usize) -> String,
) -> (Docx, Vec<Unsupported>) {
    let mut writer = Writer::new(link);
    let mut paragraphs = Paragraphs::new();
    let title_paragraph = paragraphs
        .new_paragraph()
        .style(&Style::Title.id())
        .add_run(super::run_text(title));
    writer.paragraphs = paragraphs;
    writer
        .blocks
        .push(Block::Paragraph(Box::new(title_paragraph)));
    let events = crate::markdown::parse(body);
    let mut skip_until = 0;
    if take_title
        && let Some((
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }),
            _,
        )) = events.first()
    {
        skip_until = events
            .iter()
            .position(|(e, _)| matches!(e, Event::End(TagEnd::Heading(_))))
            .map_or(0, |i| i + 1);
    }
    for (event, range) in events.into_iter().skip(skip_until) {
        writer.event(event, range.start);
    }
    writer.flush_text();
    writer.close_paragraph();
    let mut document = Docx::new();
    for numbering in writer.numberings {
        document = document.add_numbering(numbering);
    }
    for block in writer.blocks {
        document = match block {
            Block::Paragraph(p) => document.add_paragraph(*p),
            Block::Table(t) => document.add_table(*t),
        };
    }
    (document, writer.unsupported)
}

/// `paragraph` with `text` in it, its placeholders highlighted.
pub(crate) fn text_paragraph(mut paragraph: Paragraph, text: &str) -> Paragraph {
    for piece in split(text) {
        paragraph = paragraph.add_run(match piece {
            Piece::Text(t) => super::run_text(t),
            Piece::Placeholder(p) => placeholder_run(super::run_text(p)),
        });
    }
    paragraph
}

/// A run that is a placeholder: highlighted, in its own style.
fn placeholder_run(run: Run) -> Run {
    run.style(&Style::Placeholder.id())
        .highlight(super::styles::PLACEHOLDER_HIGHLIGHT)
}

enum Block {
    Paragraph(Box<Paragraph>),
    Table(Box<Table>),
}

/// A list being written: its numbering, and whether its current item has had the paragraph
/// that shows the bullet or number.
struct List {
    numbering: usize,
    item_marked: bool,
}

/// A table being written: its rows of cells of paragraphs.
#[derive(Default)]
struct TableBeingWritten {
    rows: Vec<Vec<Vec<Paragraph>>>,
    row: Vec<Vec<Paragraph>>,
    cell: Option<Vec<Paragraph>>,
    in_head: bool,
}

struct Writer<'l> {
    paragraphs: Paragraphs,
    blocks: Vec<Block>,
    numberings: Vec<docx_rs::Numbering>,
    unsupported: Vec<Unsupported>,
    link: &'l mut dyn FnMut(&str, usize) -> String,
    paragraph: Option<Paragraph>,
    lists: Vec<List>,
    quote: usize,
    table: Option<TableBeingWritten>,
    heading: Option<u8>,
    code_block: bool,
    bold: usize,
    italic: usize,
    strike: usize,
    in_link: usize,
    /// The end of an image's text: its address.
    images: Vec<String>,
    /// The label of a footnote whose text comes next.
    footnote: Option<String>,
    /// Text not yet written (see [`Writer::event`]).
    pending: String,
}

impl<'l> Writer<'l> {
    fn new(link: &'l mut dyn FnMut(&str, usize) -> String) -> Writer<'l> {
        Writer {
            paragraphs: Paragraphs::new(),
            blocks: Vec::new(),
            numberings: Vec::new(),
            unsupported: Vec::new(),
            link,
            paragraph: None,
            lists: Vec::new(),
            quote: 0,
            table: None,
            heading: None,
            code_block: false,
            bold: 0,
            italic: 0,
            strike: 0,
            in_link: 0,
            images: Vec::new(),
            footnote: None,
            pending: String::new(),
        }
    }

    fn flush_text(&mut self) {
        if !self.pending.is_empty() {
            let text = std::mem::take(&mut self.pending);
            self.text(&text);
        }
    }

    fn note(&mut self, offset: usize, what: &'static str) {
        self.unsupported.push(Unsupported { offset, what });
    }

    fn event(&mut self, event: Event<'_>, offset: usize) {
        // Text comes in pieces (`[[clinic name]]` as `[`, `[clinic name`, `]`, `]`): it is
        // gathered up to the next other event, so that placeholders are found whole.
        if let Event::Text(text) = &event
            && !self.code_block
        {
            self.pending.push_str(text);
            return;
        }
        self.flush_text();
        match event {
            Event::Start(tag) => self.start(tag, offset),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.code_lines(&text),
            Event::Code(code) => {
                let run = self
                    .formatted(super::run_text(&code))
                    .fonts(RunFonts::new().ascii("Courier New").hi_ansi("Courier New"));
                self.push_run(run);
            }
            Event::Html(html) => {
                // The lines of a raw HTML block, kept as they are written.
                for line in html.lines() {
                    self.text(line);
                    self.close_paragraph();
                }
            }
            Event::InlineHtml(html) => {
                self.note(offset, "inline HTML");
                self.text(&html);
            }
            Event::InlineMath(math) | Event::DisplayMath(math) => {
                self.note(offset, "a formula");
                self.text(&math);
            }
            Event::FootnoteReference(label) => {
                self.note(offset, "a footnote");
                self.text(&format!("[{label}]"));
            }
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => {
                let run = Run::new().add_break(docx_rs::BreakType::TextWrapping);
                self.push_run(run);
            }
            Event::Rule => {
                self.close_paragraph();
                let p = self
                    .paragraphs
                    .new_paragraph()
                    .align(AlignmentType::Center)
                    .add_run(super::run_text("* * *"));
                self.finish(p);
            }
            Event::TaskListMarker(checked) => self.text(if checked { "☒ " } else { "☐ " }),
        }
    }

    fn start(&mut self, tag: Tag<'_>, offset: usize) {
        match tag {
            Tag::Paragraph => self.open_paragraph(),
            Tag::Heading { level, .. } => {
                self.close_paragraph();
                self.heading = Some(level as u8);
                self.open_paragraph();
            }
            Tag::BlockQuote(_) => {
                self.close_paragraph();
                self.quote += 1;
            }
            Tag::CodeBlock(kind) => {
                self.close_paragraph();
                self.code_block = true;
                if let CodeBlockKind::Indented = kind {
                    // Nothing to note: code is code in Word too.
                }
            }
            Tag::HtmlBlock => {
                self.close_paragraph();
                self.note(offset, "raw HTML");
            }
            Tag::List(start) => {
                self.close_paragraph();
                let numbering = match start {
                    None => super::styles::BULLETS,
                    Some(first) => {
                        let id = super::styles::NUMBERS + 1 + self.numberings.len();
                        self.numberings
                            .push(super::numbering(id, first.try_into().unwrap_or(1)));
                        id
                    }
                };
                self.lists.push(List {
                    numbering,
                    item_marked: false,
                });
            }
            Tag::Item => {
                self.close_paragraph();
                if let Some(list) = self.lists.last_mut() {
                    list.item_marked = false;
                }
            }
            Tag::FootnoteDefinition(label) => {
                self.close_paragraph();
                self.note(offset, "a footnote");
                self.footnote = Some(label.to_string());
            }
            Tag::DefinitionList | Tag::DefinitionListTitle | Tag::DefinitionListDefinition => {
                self.close_paragraph();
            }
            Tag::Table(_) => {
                self.close_paragraph();
                self.table = Some(TableBeingWritten::default());
            }
            Tag::TableHead => {
                if let Some(table) = &mut self.table {
                    table.in_head = true;
                }
                self.bold += 1;
            }
            Tag::TableRow => {}
            Tag::TableCell => {
                if let Some(table) = &mut self.table {
                    table.cell = Some(Vec::new());
                }
            }
            Tag::Emphasis => self.italic += 1,
            Tag::Strong => self.bold += 1,
            Tag::Strikethrough => self.strike += 1,
            Tag::Superscript | Tag::Subscript => {}
            Tag::Link { dest_url, .. } => {
                let url = (self.link)(&dest_url, offset);
                // A HYPERLINK field: a link Word and LibreOffice follow, which needs no
                // relationship (docx-rs would list those in a different order each build).
                // docx-rs writes field instructions as they are: `&` is escaped here.
                let quoted = url
                    .replace('&', "&amp;")
                    .replace('"', "%22")
                    .replace('<', "%3C")
                    .replace('>', "%3E");
                self.push_run(Run::new().add_field_char(FieldCharType::Begin, false));
                self.push_run(
                    Run::new().add_instr_text(InstrText::Unsupported(format!(
                        " HYPERLINK \"{quoted}\" "
                    ))),
                );
                self.push_run(Run::new().add_field_char(FieldCharType::Separate, false));
                self.in_link += 1;
            }
            Tag::Image { dest_url, .. } => {
                self.note(offset, "an image");
                self.images.push((self.link)(&dest_url, offset));
                self.text("[");
            }
            Tag::MetadataBlock(_) => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => self.close_paragraph(),
            TagEnd::Heading(_) => {
                self.close_paragraph();
                self.heading = None;
            }
            TagEnd::BlockQuote(_) => {
                self.close_paragraph();
                self.quote = self.quote.saturating_sub(1);
            }
            TagEnd::CodeBlock => {
                self.close_paragraph();
                self.code_block = false;
            }
            TagEnd::HtmlBlock
            | TagEnd::Item
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition => self.close_paragraph(),
            TagEnd::List(_) => {
                self.close_paragraph();
                self.lists.pop();
            }
            TagEnd::Table => self.close_table(),
            TagEnd::TableHead => {
                self.bold = self.bold.saturating_sub(1);
                if let Some(table) = &mut self.table {
                    table.in_head = false;
                    let row = std::mem::take(&mut table.row);
                    table.rows.push(row);
                }
            }
            TagEnd::TableRow => {
                if let Some(table) = &mut self.table {
                    let row = std::mem::take(&mut table.row);
                    table.rows.push(row);
                }
            }
            TagEnd::TableCell => {
                self.close_paragraph();
                if let Some(table) = &mut self.table
                    && let Some(cell) = table.cell.take()
                {
                    table.row.push(cell);
                }
            }
            TagEnd::Emphasis => self.italic = self.italic.saturating_sub(1),
            TagEnd::Strong => self.bold = self.bold.saturating_sub(1),
            TagEnd::Strikethrough => self.strike = self.strike.saturating_sub(1),
            TagEnd::Superscript | TagEnd::Subscript | TagEnd::MetadataBlock(_) => {}
            TagEnd::Link => {
                self.in_link = self.in_link.saturating_sub(1);
                self.push_run(Run::new().add_field_char(FieldCharType::End, false));
            }
            TagEnd::Image => {
                let url = self.images.pop().unwrap_or_default();
                self.text(&format!("] ({url})"));
            }
        }
    }

    /// Starts a paragraph in the style of where it stands: a heading, a list item (the first
    /// paragraph of an item shows its bullet or number), a quote, a footnote.
    fn open_paragraph(&mut self) {
        self.close_paragraph();
        let mut p = self.paragraphs.new_paragraph();
        if let Some(level) = self.heading {
            p = p.style(&Style::Heading(level.min(6)).id()).keep_next(true);
        } else if self.code_block {
            p = p.style(&Style::Code.id());
        } else if !self.lists.is_empty() {
            let depth = self.lists.len() - 1;
            let list = &mut self.lists[depth];
            p = p.style(&Style::ListParagraph.id());
            if !list.item_marked {
                list.item_marked = true;
                p = p.numbering(
                    docx_rs::NumberingId::new(list.numbering),
                    super::level(depth),
                );
            } else {
                let indent = (depth as i32 + 1) * 720;
                p = p.indent(Some(indent), None, None, None);
            }
        } else if self.quote > 0 {
            p = p.style(&Style::Quote.id());
        }
        self.paragraph = Some(p);
        if let Some(label) = self.footnote.take() {
            self.text(&format!("[{label}] "));
        }
    }

    /// Ends the open paragraph, if any, in the table cell or the document.
    fn close_paragraph(&mut self) {
        if let Some(p) = self.paragraph.take() {
            self.finish(p);
        }
    }

    fn finish(&mut self, p: Paragraph) {
        match &mut self.table {
            Some(TableBeingWritten {
                cell: Some(cell), ..
            }) => cell.push(p),
            _ => self.blocks.push(Block::Paragraph(Box::new(p))),
        }
    }

    fn close_table(&mut self) {
        self.close_paragraph();
        let Some(table) = self.table.take() else {
            return;
        };
        let columns = table.rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let width = TEXT_WIDTH / columns;
        let rows: Vec<TableRow> = table
            .rows
            .into_iter()
            .enumerate()
            .map(|(n, cells)| {
                let cells = cells
                    .into_iter()
                    .map(|paragraphs| {
                        let mut cell = TableCell::new().width(width, WidthType::Dxa);
                        if n == 0 {
                            cell = cell.shading(super::header_shading());
                        }
                        if paragraphs.is_empty() {
                            cell = cell.add_paragraph(self.paragraphs.new_paragraph());
                        }
                        for p in paragraphs {
                            cell = cell.add_paragraph(p);
                        }
                        cell
                    })
                    .collect();
                TableRow::new(cells).cant_split()
            })
            .collect();
        let table = Table::new(rows)
            .set_grid(vec![width; columns])
            .width(TEXT_WIDTH, WidthType::Dxa);
        self.blocks.push(Block::Table(Box::new(table)));
    }

    /// Each line of a code block as a paragraph of code.
    fn code_lines(&mut self, text: &str) {
        for line in text.strip_suffix('\n').unwrap_or(text).split('\n') {
            self.open_paragraph();
            let run = super::run_text(line);
            self.push_run(run);
            self.close_paragraph();
        }
    }

    /// Text in the open paragraph (opening one where the Markdown has none, as in a tight
    /// list), with its placeholders highlighted.
    fn text(&mut self, text: &str) {
        for piece in split(text) {
            let run = match piece {
                Piece::Text(t) => self.formatted(super::run_text(t)),
                Piece::Placeholder(p) => placeholder_run(self.formatted(super::run_text(p))),
            };
            self.push_run(run);
        }
    }

    fn formatted(&self, mut run: Run) -> Run {
        if self.bold > 0 {
            run = run.bold();
        }
        if self.italic > 0 {
            run = run.italic();
        }
        if self.strike > 0 {
            run = run.strike();
        }
        if self.in_link > 0 {
            run = run.style(&Style::Hyperlink.id());
        }
        run
    }

    fn push_run(&mut self, run: Run) {
        if self.paragraph.is_none() {
            self.open_paragraph();
        }
        if let Some(p) = self.paragraph.take() {
            self.paragraph = Some(p.add_run(run));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "# Plan\n\nIntro with **bold**, *italic* and a [link](https://example.org/?a=1&b=\"2\").\n\n## Costs\n\n- one\n  - nested [[clinic name]]\n- two\n\n3. three\n4. four\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n> quoted\n\n<div>raw</div>\n\nText<br>more[^n]\n\n[^n]: A note.\n";

    fn frame() -> Frame<'static> {
        Frame {
            title: "Plan",
            site_name: "Toolkit",
            lang: "nl",
            build_date: "2026-11-22",
            made_on: "Gemaakt op",
        }
    }

    #[test]
    fn what_word_cannot_hold_is_named_with_its_place() {
        let found: Vec<(usize, &str)> = unsupported(BODY)
            .iter()
            .map(|u| (u.offset, u.what))
            .collect();
        let at = |text: &str| BODY.find(text).unwrap();
        assert_eq!(
            found,
            [
                (at("<div>"), "raw HTML"),
                (at("<br>"), "inline HTML"),
                (at("[^n]"), "a footnote"),
                (at("[^n]:"), "a footnote"),
            ]
        );
    }

    #[test]
    fn the_same_page_gives_the_same_bytes() {
        let make = || {
            convert(BODY, true, &frame(), &mut |u, _| u.to_string())
                .unwrap()
                .bytes
        };
        let first = make();
        // Paragraph ids of docx-rs count on per thread: a second document must not differ.
        assert_eq!(first, make());
        assert_eq!(first, std::thread::spawn(make).join().unwrap());
        if let Ok(dir) = std::env::var("TOOLKIT_DOCX_SAMPLE") {
            std::fs::write(format!("{dir}/sample.docx"), &first).unwrap();
        }
    }
}
