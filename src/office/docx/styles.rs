//! What every Word document toolkit writes shares: A4 pages with 2 cm margins, Word's own
//! style names (so that the navigation pane and a table of contents find the headings), two
//! list definitions, the title and site in the header, the date in the footer, and the page's
//! language as the document's.

use docx_rs::{
    AbstractNumbering, AlignmentType, Docx, Footer, Header, IndentLevel, Level, LevelJc, LevelText,
    NumberFormat, Numbering, PageMargin, Run, RunFonts, Shading, SpecialIndentType, Start,
    Style as WordStyle, StyleType, XMLDocx,
};

use super::Frame;

/// A4 in twentieths of a point.
const A4: (u32, u32) = (11906, 16838);
/// 2 cm.
const MARGIN: i32 = 1134;
/// The list definition of bullet lists, and the numbering every bullet list uses.
pub const BULLETS: usize = 1;
/// The list definition of numbered lists; each numbered list has a numbering of its own, so
/// that it starts at its own first number.
pub const NUMBERS: usize = 2;
/// How far each level of a list is indented.
const LIST_INDENT: i32 = 360;
/// The font of code.
const CODE_FONT: &str = "Courier New";
/// The colour placeholders are highlighted in.
pub const PLACEHOLDER_HIGHLIGHT: &str = "yellow";

/// A paragraph or character style of the documents, by its id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Title,
    Heading(u8),
    Quote,
    Code,
    ListParagraph,
    Hyperlink,
    Placeholder,
}

impl Style {
    pub fn id(self) -> String {
        match self {
            Style::Title => "Title".into(),
            Style::Heading(level) => format!("Heading{level}"),
            Style::Quote => "Quote".into(),
            Style::Code => "SourceCode".into(),
            Style::ListParagraph => "ListParagraph".into(),
            Style::Hyperlink => "Hyperlink".into(),
            Style::Placeholder => "Placeholder".into(),
        }
    }
}

/// The styles, with Word's own names for the built-in ones (`heading 1`, `Title`, `Quote`).
fn styles() -> Vec<WordStyle> {
    let heading_sizes = [32, 28, 24, 22, 22, 22];
    let mut styles = vec![
        WordStyle::new(Style::Title.id(), StyleType::Paragraph)
            .name("Title")
            .based_on("Normal")
            .next("Normal")
            .size(44)
            .bold(),
    ];
    for (n, size) in heading_sizes.into_iter().enumerate() {
        let level = n as u8 + 1;
        styles.push(
            WordStyle::new(Style::Heading(level).id(), StyleType::Paragraph)
                .name(format!("heading {level}"))
                .based_on("Normal")
                .next("Normal")
                .size(size)
                .bold()
                .outline_lvl(n),
        );
    }
    styles.extend([
        WordStyle::new(Style::Quote.id(), StyleType::Paragraph)
            .name("Quote")
            .based_on("Normal")
            .italic()
            .indent(Some(567), None, Some(567), None),
        WordStyle::new(Style::Code.id(), StyleType::Paragraph)
            .name("Source Code")
            .based_on("Normal")
            .fonts(RunFonts::new().ascii(CODE_FONT).hi_ansi(CODE_FONT))
            .size(19),
        WordStyle::new(Style::ListParagraph.id(), StyleType::Paragraph)
            .name("List Paragraph")
            .based_on("Normal"),
        WordStyle::new(Style::Hyperlink.id(), StyleType::Character)
            .name("Hyperlink")
            .color("0563C1")
            .underline("single"),
        WordStyle::new(Style::Placeholder.id(), StyleType::Character)
            .name("Placeholder")
            .highlight(PLACEHOLDER_HIGHLIGHT)
            .bold(),
    ]);
    styles
}

/// The list definitions: bullets (•, ◦, ▪ by level) and numbers (1., a., i. by level).
fn lists() -> (AbstractNumbering, AbstractNumbering) {
    let mut bullets = AbstractNumbering::new(BULLETS);
    let mut numbers = AbstractNumbering::new(NUMBERS);
    for level in 0..9 {
        let indent = (level as i32 + 1) * 2 * LIST_INDENT;
        let hanging = Some(SpecialIndentType::Hanging(LIST_INDENT));
        let bullet = ["•", "◦", "▪"][level % 3];
        bullets = bullets.add_level(
            Level::new(
                level,
                Start::new(1),
                NumberFormat::new("bullet"),
                LevelText::new(bullet),
                LevelJc::new("left"),
            )
            .indent(Some(indent), hanging, None, None),
        );
        let format = ["decimal", "lowerLetter", "lowerRoman"][level % 3];
        numbers = numbers.add_level(
            Level::new(
                level,
                Start::new(1),
                NumberFormat::new(format),
                LevelText::new(format!("%{}.", level + 1)),
                LevelJc::new("left"),
            )
            .indent(Some(indent), hanging, None, None),
        );
    }
    (bullets, numbers)
}

/// `document` on A4 with the documents' styles, lists, header and footer.
pub fn framed(document: Docx, frame: &Frame<'_>) -> Docx {
    let (bullets, numbers) = lists();
    let mut document = document
        .page_size(A4.0, A4.1)
        .page_margin(
            PageMargin::new()
                .top(MARGIN)
                .bottom(MARGIN)
                .left(MARGIN)
                .right(MARGIN)
                .header(567)
                .footer(567),
        )
        .default_size(22)
        .default_fonts(
            RunFonts::new()
                .ascii("Calibri")
                .hi_ansi("Calibri")
                .cs("Calibri"),
        )
        .add_abstract_numbering(bullets)
        .add_abstract_numbering(numbers)
        .add_numbering(Numbering::new(BULLETS, BULLETS))
        .created_at(&format!("{}T00:00:00Z", frame.build_date))
        .updated_at(&format!("{}T00:00:00Z", frame.build_date));
    for style in styles() {
        document = document.add_style(style);
    }
    // Ids apart from the body's, which count from 1.
    let header = docx_rs::Paragraph::new()
        .id("7FFF0001")
        .align(AlignmentType::Right)
        .add_run(run_text(&format!("{} · {}", frame.title, frame.site_name)).color("595959"));
    let footer = docx_rs::Paragraph::new()
        .id("7FFF0002")
        .align(AlignmentType::Right)
        .add_run(run_text(&format!("{} {}", frame.made_on, frame.build_date)).color("595959"));
    document
        .header(Header::new().add_paragraph(header))
        .footer(Footer::new().add_paragraph(footer))
}

/// A numbered list's own numbering, starting at `start`.
pub fn numbering(id: usize, start: usize) -> Numbering {
    Numbering::new(id, NUMBERS).add_override(docx_rs::LevelOverride::new(0).start(start))
}

/// A run of text (tabs and line breaks kept as Word's).
pub fn run_text(text: &str) -> Run {
    let mut run = Run::new();
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            run = run.add_break(docx_rs::BreakType::TextWrapping);
        }
        run = run.add_text(line);
    }
    run
}

/// The shading of a table's header row.
pub fn header_shading() -> Shading {
    Shading::new().fill("D9E2F3")
}

/// The level of a list paragraph.
pub fn level(depth: usize) -> IndentLevel {
    IndentLevel::new(depth.min(8))
}

/// Word's name for a language: a region added where a bare language is given (`nl` →
/// `nl-NL`), for the languages the toolkit has words for and their neighbours.
pub fn word_language(lang: &str) -> String {
    if lang.contains(['-', '_']) {
        return lang.replace('_', "-");
    }
    let region = match lang {
        "en" => "GB",
        "nl" => "NL",
        "de" => "DE",
        "fr" => "FR",
        "es" => "ES",
        "it" => "IT",
        "pt" => "PT",
        "da" => "DK",
        "sv" => "SE",
        "nb" | "no" => "NO",
        "fi" => "FI",
        "pl" => "PL",
        _ => return lang.to_string(),
    };
    format!("{lang}-{region}")
}

/// The built document with the page's language as the language of all its text: docx-rs has
/// no setting for it, so `<w:lang>` is added to the default run properties of its styles (the
/// one place Word reads the document's language from), where the schema puts it: last.
pub fn with_language(mut built: XMLDocx, lang: &str) -> Result<Vec<u8>, String> {
    let styles = String::from_utf8(std::mem::take(&mut built.styles))
        .map_err(|_| "the Word styles are not UTF-8".to_string())?;
    let defaults = styles
        .find("<w:rPrDefault>")
        .and_then(|start| styles[start..].find("</w:rPr>").map(|end| start + end))
        .ok_or_else(|| "the Word styles have no default run properties".to_string())?;
    let tag = crate::escape::escape(&word_language(lang));
    let lang_element = format!("<w:lang w:val=\"{tag}\" w:eastAsia=\"{tag}\" w:bidi=\"{tag}\" />");
    let mut patched = String::with_capacity(styles.len() + lang_element.len());
    patched.push_str(&styles[..defaults]);
    patched.push_str(&lang_element);
    patched.push_str(&styles[defaults..]);
    built.styles = patched.into_bytes();
    let mut out = std::io::Cursor::new(Vec::new());
    built
        .pack(&mut out)
        .map_err(|e| format!("could not write the Word file: {e}"))?;
    Ok(out.into_inner())
}
