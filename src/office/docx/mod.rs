//! Word documents (`.docx`), written with the docx-rs crate: a page's Markdown as a document
//! with Word's own heading, list, quote and table styles ([`convert`]), and the styles, page
//! and language every document toolkit writes shares ([`styles`]).

mod convert;
mod form;
mod styles;

pub use convert::{Converted, Unsupported, convert, unsupported};
pub use form::{Form, FormGroup, FormItem, form};

/// What a Word document is made from besides its body.
pub struct Frame<'a> {
    pub title: &'a str,
    /// The site's name, in the header beside the title.
    pub site_name: &'a str,
    /// The page's language (`nl`), set on the document so that spelling is checked in it.
    pub lang: &'a str,
    /// The build date (`2026-11-22`), in the footer and the document's properties.
    pub build_date: &'a str,
    /// "Made on" before the date in the footer.
    pub made_on: &'a str,
}

/// The document's bytes: `document` in `frame`'s header, footer, page and language.
pub(crate) fn pack(document: docx_rs::Docx, frame: &Frame<'_>) -> Result<Vec<u8>, String> {
    let built = styles::framed(document, frame).build();
    styles::with_language(built, frame.lang)
}

/// Paragraphs with ids of their own, counted from 1 in each document: docx-rs would number
/// them per thread, so the same page would get other ids in another build.
pub(crate) struct Paragraphs {
    next: u32,
}

impl Paragraphs {
    pub fn new() -> Paragraphs {
        Paragraphs { next: 1 }
    }

    pub fn new_paragraph(&mut self) -> docx_rs::Paragraph {
        let id = self.next;
        self.next += 1;
        docx_rs::Paragraph::new().id(format!("{id:08X}"))
    }
}

use styles::{Style, header_shading, level, numbering, run_text};
