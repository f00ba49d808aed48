//! Writes laid-out pages as a tagged PDF with krilla.

use std::num::NonZeroU16;

use krilla::SerializeSettings;
use krilla::color::rgb;
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Rect, Size};
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, ListNumbering, Node, SpanTag, Tag, TagGroup,
    TagTree,
};

use super::layout::{
    DrawOp, LaidOutDocument, OutlineEntry, PAGE_HEIGHT, PAGE_WIDTH, StructureNode, TextRole,
};
use super::text::Fonts;
use super::{Document, PdfError};

/// Marked-content section a drawing operation belongs to. Consecutive
/// operations of the same section share one marked-content sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Content(usize),
    Artifact(ArtifactKind),
}

impl Section {
    fn block(self) -> Option<usize> {
        match self {
            Self::Content(block) => Some(block),
            Self::Artifact(_) => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ArtifactKind {
    /// Rules and tick boxes.
    Layout,
    /// The repeated column headings.
    Pagination,
    Footer,
}

impl ArtifactKind {
    fn artifact_type(self) -> ArtifactType {
        match self {
            Self::Layout => ArtifactType::Layout,
            Self::Pagination => ArtifactType::PaginationOther,
            Self::Footer => ArtifactType::Footer,
        }
    }
}

fn section_of(op: &DrawOp) -> Section {
    match op {
        DrawOp::Text {
            role: TextRole::Content(block),
            ..
        } => Section::Content(*block),
        DrawOp::Text {
            role: TextRole::ColumnHeading,
            ..
        } => Section::Artifact(ArtifactKind::Pagination),
        DrawOp::Text {
            role: TextRole::Footer,
            ..
        } => Section::Artifact(ArtifactKind::Footer),
        DrawOp::Line { .. } | DrawOp::FillRect { .. } | DrawOp::StrokeRect { .. } => {
            Section::Artifact(ArtifactKind::Layout)
        }
    }
}

pub(super) fn write_pdf(
    document: &Document,
    laid_out: &LaidOutDocument,
    fonts: &Fonts,
) -> Result<Vec<u8>, PdfError> {
    let settings = SerializeSettings {
        enable_tagging: true,
        ..SerializeSettings::default()
    };
    let mut pdf = krilla::Document::new_with(settings);
    let page_size = Size::from_wh(PAGE_WIDTH, PAGE_HEIGHT)
        .ok_or_else(|| PdfError::Write("invalid page size".to_owned()))?;
    let mut block_identifiers: Vec<Vec<Identifier>> = vec![Vec::new(); laid_out.block_count];
    for page_content in &laid_out.pages {
        let mut page = pdf.start_page_with(PageSettings::new(page_size));
        let mut surface = page.surface();
        draw_page(
            &mut surface,
            &page_content.ops,
            fonts,
            &mut block_identifiers,
        );
        surface.finish();
        page.finish();
    }
    pdf.set_tag_tree(tag_tree(
        &laid_out.structure,
        &mut block_identifiers,
        &document.lang,
    ));
    pdf.set_outline(outline(&laid_out.outline));
    pdf.set_metadata(metadata(document));
    pdf.finish()
        .map_err(|error| PdfError::Write(error.to_string()))
}

/// Draws a page's operations, wrapping each run of operations of one
/// section in a marked-content sequence.
fn draw_page(
    surface: &mut Surface,
    ops: &[DrawOp],
    fonts: &Fonts,
    block_identifiers: &mut [Vec<Identifier>],
) {
    let mut open_section = None;
    for op in ops {
        let section = section_of(op);
        if open_section != Some(section) {
            if open_section.is_some() {
                surface.end_tagged();
            }
            let identifier = surface.start_tagged(content_tag(section));
            let block = section.block();
            if let Some(identifiers) = block.and_then(|block| block_identifiers.get_mut(block)) {
                identifiers.push(identifier);
            }
            open_section = Some(section);
        }
        draw_op(surface, op, fonts);
    }
    if open_section.is_some() {
        surface.end_tagged();
    }
}

fn content_tag(section: Section) -> ContentTag<'static> {
    match section {
        Section::Content(_) => ContentTag::Span(SpanTag::empty()),
        Section::Artifact(kind) => ContentTag::Artifact(Artifact::with_kind(kind.artifact_type())),
    }
}

fn draw_op(surface: &mut Surface, op: &DrawOp, fonts: &Fonts) {
    match op {
        DrawOp::Text {
            x,
            baseline,
            style,
            text,
            ..
        } => {
            let face = fonts.face(style.weight);
            surface.set_fill(Some(fill(style.gray)));
            surface.set_stroke(None);
            let mut left = *x;
            for run in face.runs(text) {
                surface.draw_glyphs(
                    Point::from_xy(left, *baseline),
                    &run.glyphs,
                    run.face.pdf_font.clone(),
                    &text[run.range.clone()],
                    style.size,
                    false,
                );
                left += run.advance * style.size;
            }
        }
        DrawOp::Line {
            from,
            to,
            width,
            gray,
        } => {
            let mut path = PathBuilder::new();
            path.move_to(from.0, from.1);
            path.line_to(to.0, to.1);
            stroke_path(surface, path, *width, *gray);
        }
        DrawOp::FillRect {
            x,
            y,
            width,
            height,
            gray,
        } => {
            if let Some(path) = rect_path(*x, *y, *width, *height).finish() {
                surface.set_fill(Some(fill(*gray)));
                surface.set_stroke(None);
                surface.draw_path(&path);
            }
        }
        DrawOp::StrokeRect {
            x,
            y,
            width,
            height,
            line_width,
            gray,
        } => {
            stroke_path(
                surface,
                rect_path(*x, *y, *width, *height),
                *line_width,
                *gray,
            );
        }
    }
}

fn rect_path(x: f32, y: f32, width: f32, height: f32) -> PathBuilder {
    let mut path = PathBuilder::new();
    if let Some(rect) = Rect::from_xywh(x, y, width, height) {
        path.push_rect(rect);
    }
    path
}

fn stroke_path(surface: &mut Surface, path: PathBuilder, width: f32, gray: u8) {
    if let Some(path) = path.finish() {
        surface.set_fill(None);
        surface.set_stroke(Some(Stroke {
            paint: rgb::Color::new(gray, gray, gray).into(),
            width,
            ..Stroke::default()
        }));
        surface.draw_path(&path);
    }
}

fn fill(gray: u8) -> Fill {
    Fill {
        paint: rgb::Color::new(gray, gray, gray).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

/// The tag tree: one section per checklist with its headings, paragraphs
/// and a list of items per group.
fn tag_tree(
    structure: &[StructureNode],
    block_identifiers: &mut [Vec<Identifier>],
    lang: &str,
) -> TagTree {
    let lang = Some(lang.trim().to_owned()).filter(|lang| !lang.is_empty());
    let mut tree = TagTree::new().with_lang(lang);
    for node in structure {
        tree.push(tag_node(node, block_identifiers));
    }
    tree
}

fn tag_node(node: &StructureNode, block_identifiers: &mut [Vec<Identifier>]) -> TagGroup {
    match node {
        StructureNode::Section(children) => {
            let children = children
                .iter()
                .map(|child| tag_node(child, block_identifiers).into());
            TagGroup::with_children(Tag::Section, children.collect())
        }
        StructureNode::Heading {
            level,
            title,
            block,
        } => {
            let level = NonZeroU16::new(*level).unwrap_or(NonZeroU16::MIN);
            let heading = Tag::Hn(level, Some(title.clone()));
            TagGroup::with_children(heading, block_leaves(*block, block_identifiers))
        }
        StructureNode::Paragraph(block) => {
            TagGroup::with_children(Tag::P, block_leaves(*block, block_identifiers))
        }
        StructureNode::List(entries) => {
            let items = entries
                .iter()
                .map(|blocks| list_item(blocks, block_identifiers).into());
            TagGroup::with_children(Tag::L(ListNumbering::None), items.collect())
        }
    }
}

/// A list item whose body holds one paragraph per block (text, details).
fn list_item(blocks: &[usize], block_identifiers: &mut [Vec<Identifier>]) -> TagGroup {
    let paragraphs = blocks
        .iter()
        .map(|block| {
            TagGroup::with_children(Tag::P, block_leaves(*block, block_identifiers)).into()
        })
        .collect();
    let body = TagGroup::with_children(Tag::LBody, paragraphs);
    TagGroup::with_children(Tag::LI, vec![body.into()])
}

/// The marked-content sequences a block was drawn in; each is used once.
fn block_leaves(block: usize, block_identifiers: &mut [Vec<Identifier>]) -> Vec<Node> {
    block_identifiers
        .get_mut(block)
        .map(std::mem::take)
        .unwrap_or_default()
        .into_iter()
        .map(Node::from)
        .collect()
}

/// One bookmark per checklist, pointing at its first page.
fn outline(entries: &[OutlineEntry]) -> Outline {
    let mut outline = Outline::new();
    for entry in entries
        .iter()
        .filter(|entry| !entry.title.trim().is_empty())
    {
        let destination = XyzDestination::new(entry.page_index, Point::from_xy(0.0, 0.0));
        outline.push_child(OutlineNode::new(entry.title.clone(), destination));
    }
    outline
}

fn metadata(document: &Document) -> Metadata {
    let mut metadata = Metadata::new().title(document.title.clone());
    if !document.lang.trim().is_empty() {
        metadata = metadata.language(document.lang.trim().to_owned());
    }
    if let Some(date) = parse_iso_date(&document.generated_on) {
        metadata = metadata.creation_date(date);
    }
    metadata
}

/// A `YYYY-MM-DD` date; anything else gives `None`.
fn parse_iso_date(text: &str) -> Option<DateTime> {
    let mut parts = text.trim().splitn(3, '-');
    let year: u16 = parts.next()?.parse().ok()?;
    let month: u8 = parts.next()?.parse().ok()?;
    let day: u8 = parts.next()?.parse().ok()?;
    let valid =
        (1000..=9999).contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day);
    valid.then(|| DateTime::new(year).month(month).day(day))
}
