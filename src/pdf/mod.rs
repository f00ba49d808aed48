//! Printable A4 PDF forms of checklists, to tick by hand at a meeting.
//!
//! [`render`] lays the checklists out as a table (tick box, item, date,
//! initials, notes), under fields for the clinic, team and meeting date,
//! paginates it with repeated column headings, the last item never alone on
//! a page, and a "page n of N" footer, opens a bundle of several checklists
//! with a cover and contents, and writes a tagged PDF with the embedded
//! Liberation Sans fonts (SIL Open Font License 1.1, see `fonts/LICENSE`),
//! and fonts of the machine for the characters those lack (see
//! [`unshown_characters`]). The output depends only on the input and the
//! machine's fonts: the same document gives the same bytes.

pub mod cache;
mod draw;
mod face;
mod fallback;
mod layout;
mod text;

#[cfg(test)]
mod tests;

/// Words the form prints, in the page's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labels {
    /// "Domain" (nl: "Domein").
    pub domain: String,
    /// "Generated" (nl: "Gemaakt op").
    pub generated: String,
    /// "Item": heading of the item column.
    pub item: String,
    /// "Date" (nl: "Datum").
    pub date: String,
    /// "Initials" (nl: "Paraaf").
    pub initials: String,
    /// "Page {page} of {pages}" (nl: "Pagina {page} van {pages}").
    pub page_of: String,
    /// "Notes / owner": the column to write in at the meeting.
    pub notes: String,
    /// "Clinic", "Team", "Meeting date": the fields under a title.
    pub clinic: String,
    pub team: String,
    pub meeting_date: String,
    /// "Contents": the list of checklists on a bundle's cover.
    pub contents: String,
}

impl Default for Labels {
    fn default() -> Self {
        Self {
            domain: "Domain".to_owned(),
            generated: "Generated".to_owned(),
            item: "Item".to_owned(),
            date: "Date".to_owned(),
            initials: "Initials".to_owned(),
            page_of: "Page {page} of {pages}".to_owned(),
            notes: "Notes / owner".to_owned(),
            clinic: "Clinic".to_owned(),
            team: "Team".to_owned(),
            meeting_date: "Meeting date".to_owned(),
            contents: "Contents".to_owned(),
        }
    }
}

/// One line of a checklist: what to check, and optional details in plain text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Item {
    pub text: String,
    /// May be empty.
    pub details: String,
}

/// Items under one heading; `title: None` holds the items before any heading.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Group {
    pub title: Option<String>,
    pub items: Vec<Item>,
}

/// One checklist; each starts on a new page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Checklist {
    pub title: String,
    pub domain: String,
    pub description: Option<String>,
    pub groups: Vec<Group>,
}

/// What one PDF file holds: a single checklist or a bundle of several.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// Printed at the left of every footer.
    pub site_name: String,
    /// The PDF's metadata title.
    pub title: String,
    /// Language tag for the PDF metadata, e.g. "en" or "nl".
    pub lang: String,
    /// Already formatted; printed as is. When it reads `YYYY-MM-DD` it also
    /// becomes the PDF's creation date.
    pub generated_on: String,
    pub labels: Labels,
    pub checklists: Vec<Checklist>,
}

impl Document {
    /// Every piece of text the form prints, one after the other.
    fn text(&self) -> String {
        let labels = &self.labels;
        let mut parts: Vec<&str> = vec![
            &self.site_name,
            &self.title,
            &self.generated_on,
            &labels.domain,
            &labels.generated,
            &labels.item,
            &labels.date,
            &labels.initials,
            &labels.page_of,
            &labels.notes,
            &labels.clinic,
            &labels.team,
            &labels.meeting_date,
            &labels.contents,
            "0123456789…",
        ];
        for checklist in &self.checklists {
            parts.extend([checklist.title.as_str(), &checklist.domain]);
            parts.extend(checklist.description.as_deref());
            for group in &checklist.groups {
                parts.extend(group.title.as_deref());
                for item in &group.items {
                    parts.extend([item.text.as_str(), &item.details]);
                }
            }
        }
        parts.join("\n")
    }
}

/// Why a PDF could not be made.
#[derive(Debug, Clone, thiserror::Error)]
pub enum PdfError {
    #[error("the embedded font {0} could not be read")]
    Font(&'static str),
    #[error("the PDF could not be written: {0}")]
    Write(String),
}

/// The fonts every form is set in, read once and shared by every form of the process.
fn fonts() -> Result<&'static text::Fonts, PdfError> {
    static FONTS: std::sync::OnceLock<Result<text::Fonts, PdfError>> = std::sync::OnceLock::new();
    FONTS
        .get_or_init(text::Fonts::load)
        .as_ref()
        .map_err(Clone::clone)
}

/// The characters of `text` that no font on the machine can draw, in the order they first
/// appear: a form shows them as empty boxes.
pub fn unshown_characters(text: &str) -> Vec<char> {
    let Ok(fonts) = fonts() else {
        return Vec::new();
    };
    let mut missing: Vec<char> = Vec::new();
    for ch in text.chars() {
        if ch.is_whitespace() || text::is_invisible(ch) || missing.contains(&ch) {
            continue;
        }
        let shown = [text::Weight::Regular, text::Weight::Bold]
            .iter()
            .all(|&weight| fonts.face(weight).face_of(ch).is_some());
        if !shown {
            missing.push(ch);
        }
    }
    missing
}

/// Digests of the fonts of the machine that a form of `document` would be drawn with (none
/// when the embedded fonts have every character), for [`cache::PdfCache`]'s key.
fn machine_fonts(document: &Document) -> Vec<blake3::Hash> {
    let Ok(fonts) = fonts() else {
        return Vec::new();
    };
    let mut digests: Vec<blake3::Hash> = Vec::new();
    let text = document.text();
    let mut seen = std::collections::HashSet::new();
    for ch in text.chars().filter(|&ch| seen.insert(ch)) {
        for weight in [text::Weight::Regular, text::Weight::Bold] {
            if let Some(face) = fonts.face(weight).face_of(ch)
                && !fonts.is_embedded(face)
                && !digests.contains(&face.digest)
            {
                digests.push(face.digest);
            }
        }
    }
    digests.sort_by_key(|d| *d.as_bytes());
    digests
}

/// Renders the document as an A4 PDF form and returns the file's bytes ([`cache::PdfCache`]
/// keeps forms between builds).
pub fn render(document: &Document) -> Result<Vec<u8>, PdfError> {
    let fonts = fonts()?;
    let laid_out = layout::lay_out(document, fonts);
    draw::write_pdf(document, &laid_out, fonts)
}
