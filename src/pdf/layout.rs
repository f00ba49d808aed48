//! Pagination: places the checklists' text, table rows and rules on A4
//! pages, and records the logical structure for the PDF's tag tree.
//!
//! Coordinates are in points with the origin at the top left of the page.

use super::text::{FontFace, Fonts, Weight};
use super::{Checklist, Document, Group, Item, Labels};

const MM: f32 = 72.0 / 25.4;

pub(super) const PAGE_WIDTH: f32 = 595.28;
pub(super) const PAGE_HEIGHT: f32 = 841.89;

const MARGIN: f32 = 18.0 * MM;
const BODY_TOP: f32 = MARGIN;
const BODY_BOTTOM: f32 = PAGE_HEIGHT - MARGIN;
const CONTENT_LEFT: f32 = MARGIN;
const CONTENT_RIGHT: f32 = PAGE_WIDTH - MARGIN;
const CONTENT_WIDTH: f32 = CONTENT_RIGHT - CONTENT_LEFT;
const FOOTER_BASELINE: f32 = PAGE_HEIGHT - 11.0 * MM;
const FOOTER_GAP: f32 = 12.0;

// Table columns, left to right: tick box, item, date, initials.
const BOX_COLUMN_WIDTH: f32 = 9.0 * MM;
const DATE_COLUMN_WIDTH: f32 = 22.0 * MM;
const INITIALS_COLUMN_WIDTH: f32 = 17.0 * MM;
const NOTES_COLUMN_WIDTH: f32 = 40.0 * MM;
const ITEM_COLUMN_LEFT: f32 = CONTENT_LEFT + BOX_COLUMN_WIDTH;
const NOTES_COLUMN_LEFT: f32 = CONTENT_RIGHT - NOTES_COLUMN_WIDTH;
const INITIALS_COLUMN_LEFT: f32 = NOTES_COLUMN_LEFT - INITIALS_COLUMN_WIDTH;
const DATE_COLUMN_LEFT: f32 = INITIALS_COLUMN_LEFT - DATE_COLUMN_WIDTH;
const CELL_PADDING_X: f32 = 4.0;
const ITEM_TEXT_LEFT: f32 = ITEM_COLUMN_LEFT + CELL_PADDING_X;
const ITEM_TEXT_WIDTH: f32 = DATE_COLUMN_LEFT - ITEM_TEXT_LEFT - CELL_PADDING_X;

const TICK_BOX_SIZE: f32 = 4.0 * MM;
const ROW_PADDING_TOP: f32 = 6.0;
const ROW_PADDING_BOTTOM: f32 = 6.0;
/// Leaves room to write a date by hand even when the item is one line.
const MIN_ROW_HEIGHT: f32 = 9.0 * MM;
const DETAILS_GAP: f32 = 2.0;
const COLUMN_HEADINGS_HEIGHT: f32 = 18.0;
const GROUP_HEADING_PADDING_TOP: f32 = 12.0;
const GROUP_HEADING_PADDING_BOTTOM: f32 = 5.0;

const GAP_AFTER_TITLE: f32 = 4.0;
const GAP_BEFORE_DESCRIPTION: f32 = 8.0;
const GAP_BEFORE_TABLE: f32 = 14.0;

const GRID_GRAY: u8 = 150;
const FIELD_GRAY: u8 = 0;
const GRID_WIDTH: f32 = 0.5;
const RULE_GRAY: u8 = 40;
const RULE_WIDTH: f32 = 0.9;
const TICK_BOX_WIDTH: f32 = 0.9;
const HEADINGS_FILL_GRAY: u8 = 234;

/// Font, size, line height and gray level (0 = black, 255 = white) of text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct TextStyle {
    pub(super) weight: Weight,
    pub(super) size: f32,
    pub(super) line_height: f32,
    pub(super) gray: u8,
}

impl TextStyle {
    const fn new(weight: Weight, size: f32, line_height: f32, gray: u8) -> Self {
        Self {
            weight,
            size,
            line_height,
            gray,
        }
    }
}

// No text is smaller than 10 pt: the form is read at arm's length around a table.
const TITLE: TextStyle = TextStyle::new(Weight::Bold, 18.0, 22.0, 0);
const COVER_TITLE: TextStyle = TextStyle::new(Weight::Bold, 24.0, 29.0, 0);
const META: TextStyle = TextStyle::new(Weight::Regular, 10.0, 13.0, 60);
const DESCRIPTION: TextStyle = TextStyle::new(Weight::Regular, 10.5, 14.0, 20);
const FIELD: TextStyle = TextStyle::new(Weight::Bold, 10.5, 14.0, 0);
const COLUMN_HEADING: TextStyle = TextStyle::new(Weight::Bold, 10.0, 12.0, 30);
const GROUP_HEADING: TextStyle = TextStyle::new(Weight::Bold, 12.0, 15.0, 0);
const ITEM_TEXT: TextStyle = TextStyle::new(Weight::Regular, 10.5, 13.5, 0);
const DETAILS: TextStyle = TextStyle::new(Weight::Regular, 10.0, 12.5, 70);
const FOOTER: TextStyle = TextStyle::new(Weight::Regular, 10.0, 12.0, 90);
/// The clinic, team and meeting date fields under a title.
const FIELDS_HEIGHT: f32 = 26.0;
const CONTENTS_GAP: f32 = 4.0;

/// Index of a run of text that forms one paragraph or heading, possibly
/// spread over several lines and pages.
pub(super) type BlockId = usize;

/// What a line of text is, for the tag tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TextRole {
    Content(BlockId),
    ColumnHeading,
    Footer,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum DrawOp {
    Text {
        x: f32,
        baseline: f32,
        style: TextStyle,
        text: String,
        role: TextRole,
    },
    Line {
        from: (f32, f32),
        to: (f32, f32),
        width: f32,
        gray: u8,
    },
    FillRect {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        gray: u8,
    },
    StrokeRect {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        line_width: f32,
        gray: u8,
    },
}

#[derive(Debug, Default)]
pub(super) struct Page {
    pub(super) ops: Vec<DrawOp>,
}

/// The document's logical structure, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum StructureNode {
    Section(Vec<StructureNode>),
    Heading {
        level: u16,
        title: String,
        block: BlockId,
    },
    Paragraph(BlockId),
    /// One entry per item: the blocks of its text and details.
    List(Vec<Vec<BlockId>>),
}

pub(super) struct OutlineEntry {
    pub(super) title: String,
    pub(super) page_index: usize,
}

pub(super) struct LaidOutDocument {
    pub(super) pages: Vec<Page>,
    pub(super) structure: Vec<StructureNode>,
    pub(super) block_count: usize,
    pub(super) outline: Vec<OutlineEntry>,
}

/// Lays out every checklist, each from a new page, then adds the footers.
pub(super) fn lay_out(document: &Document, fonts: &Fonts) -> LaidOutDocument {
    let mut paginator = Paginator::new(fonts, &document.labels);
    let mut structure = Vec::new();
    let mut outline = Vec::new();
    // A bundle of several checklists opens with a cover: its title, the meeting's fields and
    // the contents, whose page numbers are filled in once the checklists are laid out.
    let bundle = document.checklists.len() > 1;
    let contents = bundle.then(|| paginator.cover(document));
    for checklist in &document.checklists {
        paginator.start_page();
        outline.push(OutlineEntry {
            title: checklist.title.clone(),
            page_index: paginator.pages.len() - 1,
        });
        structure.push(paginator.checklist(checklist, &document.generated_on, !bundle));
    }
    if let Some((cover, entries)) = contents {
        let pages: Vec<usize> = outline.iter().map(|e| e.page_index).collect();
        structure.insert(0, paginator.fill_contents(cover, entries, &pages));
    }
    if paginator.pages.is_empty() {
        paginator.start_page();
    }
    paginator.add_footers(&document.site_name);
    LaidOutDocument {
        pages: paginator.pages,
        structure,
        block_count: paginator.block_count,
        outline,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ItemPart {
    Text,
    Details,
}

/// The blocks an item's text and details are drawn as.
#[derive(Default)]
struct ItemBlocks {
    text: Option<BlockId>,
    details: Option<BlockId>,
}

impl ItemBlocks {
    fn set(&mut self, part: ItemPart, block: BlockId) {
        match part {
            ItemPart::Text => self.text = Some(block),
            ItemPart::Details => self.details = Some(block),
        }
    }

    /// The block of a part that has lines (and so was given one).
    fn get(&self, part: ItemPart) -> BlockId {
        let block = match part {
            ItemPart::Text => self.text,
            ItemPart::Details => self.details,
        };
        block.unwrap_or_default()
    }

    fn in_reading_order(&self) -> Vec<BlockId> {
        self.text.into_iter().chain(self.details).collect()
    }
}

/// One line of an item row, with the space above it.
struct RowLine {
    text: String,
    style: TextStyle,
    part: ItemPart,
    gap_before: f32,
}

impl RowLine {
    fn height(&self) -> f32 {
        self.gap_before + self.style.line_height
    }
}

struct Paginator<'a> {
    fonts: &'a Fonts,
    labels: &'a Labels,
    pages: Vec<Page>,
    /// Top of the free space on the current page.
    y: f32,
    /// Nothing but repeated column headings is on the current page yet, so
    /// moving to a new page would not gain any room.
    page_is_fresh: bool,
    /// A table continues: new pages start with its column headings.
    in_table: bool,
    block_count: usize,
    /// The titles of the checklists laid out so far, for a bundle's contents.
    contents_titles: Vec<String>,
}

impl<'a> Paginator<'a> {
    fn new(fonts: &'a Fonts, labels: &'a Labels) -> Self {
        Self {
            fonts,
            labels,
            pages: Vec::new(),
            y: BODY_TOP,
            page_is_fresh: true,
            in_table: false,
            block_count: 0,
            contents_titles: Vec::new(),
        }
    }

    fn face(&self, style: TextStyle) -> &'a FontFace {
        self.fonts.face(style.weight)
    }

    fn new_block(&mut self) -> BlockId {
        self.block_count += 1;
        self.block_count - 1
    }

    fn start_page(&mut self) {
        self.pages.push(Page::default());
        self.y = BODY_TOP;
        if self.in_table {
            self.column_headings();
        }
        self.page_is_fresh = true;
    }

    fn space_left(&self) -> f32 {
        BODY_BOTTOM - self.y
    }

    /// Moves to a new page unless `height` fits on this one (or this page
    /// is fresh, when a new page would not help).
    fn ensure_space(&mut self, height: f32) {
        if height > self.space_left() && !self.page_is_fresh {
            self.start_page();
        }
    }

    fn push(&mut self, op: DrawOp) {
        if let Some(page) = self.pages.last_mut() {
            page.ops.push(op);
        }
    }

    fn advance(&mut self, height: f32) {
        self.y += height;
        self.page_is_fresh = false;
    }

    /// Baseline of a line of `style` text whose line box starts at `top`,
    /// with the leading split evenly above and below the glyphs.
    fn baseline(&self, top: f32, style: TextStyle) -> f32 {
        let face = self.face(style);
        let glyph_height = (face.ascent + face.descent) * style.size;
        top + (style.line_height - glyph_height) / 2.0 + face.ascent * style.size
    }

    fn text(&mut self, x: f32, top: f32, style: TextStyle, text: String, role: TextRole) {
        let baseline = self.baseline(top, style);
        self.push(DrawOp::Text {
            x,
            baseline,
            style,
            text,
            role,
        });
    }

    fn line(&mut self, from: (f32, f32), to: (f32, f32), width: f32, gray: u8) {
        self.push(DrawOp::Line {
            from,
            to,
            width,
            gray,
        });
    }

    /// A wrapped paragraph across the content width; its lines may run
    /// onto the next page. `None` when the text is blank.
    fn paragraph(&mut self, text: &str, style: TextStyle) -> Option<BlockId> {
        let lines = self.face(style).wrap(text, style.size, CONTENT_WIDTH);
        if lines.is_empty() {
            return None;
        }
        let block = self.new_block();
        for line in lines {
            self.ensure_space(style.line_height);
            self.text(CONTENT_LEFT, self.y, style, line, TextRole::Content(block));
            self.advance(style.line_height);
        }
        Some(block)
    }

    /// The cover of a bundle: the site's name, the title, the date it was made, the meeting's
    /// fields and the contents' heading; returns the cover's structure so far and, for each
    /// checklist, where its contents line goes (page, top, block).
    fn cover(&mut self, document: &Document) -> (Vec<StructureNode>, Vec<(usize, f32, BlockId)>) {
        self.start_page();
        let mut children = Vec::new();
        children.extend(
            self.paragraph(&document.site_name, META)
                .map(StructureNode::Paragraph),
        );
        self.y += GAP_AFTER_TITLE;
        if let Some(block) = self.paragraph(&document.title, COVER_TITLE) {
            children.push(StructureNode::Heading {
                level: 1,
                title: document.title.clone(),
                block,
            });
        }
        if !document.generated_on.trim().is_empty() {
            let line = format!("{}: {}", self.labels.generated, document.generated_on);
            children.extend(self.paragraph(&line, META).map(StructureNode::Paragraph));
        }
        self.y += GAP_BEFORE_TABLE;
        children.push(StructureNode::Paragraph(self.meeting_fields()));
        self.y += GAP_BEFORE_TABLE;
        let contents_title = self.labels.contents.clone();
        if let Some(block) = self.paragraph(&contents_title, GROUP_HEADING) {
            children.push(StructureNode::Heading {
                level: 2,
                title: contents_title,
                block,
            });
        }
        self.y += CONTENTS_GAP;
        let mut entries = Vec::new();
        for _ in &document.checklists {
            self.ensure_space(ITEM_TEXT.line_height + CONTENTS_GAP);
            let block = self.new_block();
            entries.push((self.pages.len() - 1, self.y, block));
            self.advance(ITEM_TEXT.line_height + CONTENTS_GAP);
        }
        (children, entries)
    }

    /// Writes the contents lines of the cover: each checklist's title, a dotted leader and the
    /// page it starts on.
    fn fill_contents(
        &mut self,
        mut cover: Vec<StructureNode>,
        entries: Vec<(usize, f32, BlockId)>,
        pages: &[usize],
    ) -> StructureNode {
        let face = self.face(ITEM_TEXT);
        let mut list = Vec::new();
        for ((page, top, block), (title, start)) in entries.into_iter().zip(
            self.contents_titles
                .clone()
                .into_iter()
                .zip(pages.iter().copied()),
        ) {
            let number = (start + 1).to_string();
            let number_width = face.width(&number, ITEM_TEXT.size);
            let title_room = CONTENT_WIDTH - number_width - 24.0;
            let shown = truncate_to_width(face, &title, ITEM_TEXT.size, title_room);
            let title_width = face.width(&shown, ITEM_TEXT.size);
            let baseline = self.baseline(top, ITEM_TEXT);
            let ops = &mut self.pages[page].ops;
            ops.push(DrawOp::Text {
                x: CONTENT_LEFT,
                baseline,
                style: ITEM_TEXT,
                text: format!("{shown} "),
                role: TextRole::Content(block),
            });
            ops.push(DrawOp::Line {
                from: (CONTENT_LEFT + title_width + 6.0, baseline),
                to: (CONTENT_RIGHT - number_width - 6.0, baseline),
                width: GRID_WIDTH,
                gray: GRID_GRAY,
            });
            ops.push(DrawOp::Text {
                x: CONTENT_RIGHT - number_width,
                baseline,
                style: ITEM_TEXT,
                text: number,
                role: TextRole::Content(block),
            });
            list.push(vec![block]);
        }
        cover.push(StructureNode::List(list));
        StructureNode::Section(cover)
    }

    /// "Clinic ____  Team ____  Meeting date ____": three fields to fill in by hand.
    fn meeting_fields(&mut self) -> BlockId {
        let block = self.new_block();
        self.ensure_space(FIELDS_HEIGHT);
        let top = self.y + (FIELDS_HEIGHT - FIELD.line_height) / 2.0;
        let baseline = self.baseline(top, FIELD);
        let face = self.face(FIELD);
        let width = CONTENT_WIDTH / 3.0;
        let labels = [
            self.labels.clinic.clone(),
            self.labels.team.clone(),
            self.labels.meeting_date.clone(),
        ];
        for (n, label) in labels.into_iter().enumerate() {
            let x = CONTENT_LEFT + n as f32 * width;
            let label_width = face.width(&label, FIELD.size);
            self.text(x, top, FIELD, label, TextRole::Content(block));
            self.line(
                (x + label_width + 4.0, baseline + 2.0),
                (x + width - 10.0, baseline + 2.0),
                GRID_WIDTH * 2.0,
                FIELD_GRAY,
            );
        }
        self.advance(FIELDS_HEIGHT);
        block
    }

    fn checklist(
        &mut self,
        checklist: &Checklist,
        generated_on: &str,
        with_fields: bool,
    ) -> StructureNode {
        self.contents_titles.push(checklist.title.clone());
        let mut children = Vec::new();
        if let Some(block) = self.paragraph(&checklist.title, TITLE) {
            children.push(StructureNode::Heading {
                level: 1,
                title: checklist.title.clone(),
                block,
            });
        }
        self.y += GAP_AFTER_TITLE;
        if !checklist.domain.trim().is_empty() {
            let domain_line = format!("{}: {}", self.labels.domain, checklist.domain);
            let block = self.paragraph(&domain_line, META);
            children.extend(block.map(StructureNode::Paragraph));
        }
        if !generated_on.trim().is_empty() {
            let generated_line = format!("{}: {}", self.labels.generated, generated_on);
            let block = self.paragraph(&generated_line, META);
            children.extend(block.map(StructureNode::Paragraph));
        }
        if with_fields {
            self.y += GAP_BEFORE_DESCRIPTION;
            children.push(StructureNode::Paragraph(self.meeting_fields()));
        }
        if let Some(description) = &checklist.description {
            self.y += GAP_BEFORE_DESCRIPTION;
            let block = self.paragraph(description, DESCRIPTION);
            children.extend(block.map(StructureNode::Paragraph));
        }
        if checklist.groups.iter().any(group_has_rows) {
            self.y += GAP_BEFORE_TABLE;
            self.table(&checklist.groups, &mut children);
        }
        StructureNode::Section(children)
    }

    /// The table of all groups; column headings stay with the first row,
    /// and repeat on every page the table continues on.
    fn table(&mut self, groups: &[Group], structure: &mut Vec<StructureNode>) {
        let first_rows_height = groups
            .iter()
            .find(|group| group_has_rows(group))
            .map_or(0.0, |group| self.group_opening_height(group));
        self.ensure_space(COLUMN_HEADINGS_HEIGHT + first_rows_height);
        self.column_headings();
        self.in_table = true;
        // The last item never stands alone on the last page: the one before it (with its
        // group's heading, when it opens a group) moves along.
        let penultimate = penultimate_item(groups);
        let tail = self.tail_height(groups);
        let page_room = BODY_BOTTOM - BODY_TOP - COLUMN_HEADINGS_HEIGHT;
        for (g, group) in groups.iter().enumerate() {
            if let Some(title) = group_heading(group) {
                let mut opening = self.group_opening_height(group);
                if penultimate == Some((g, 0)) && opening + tail <= page_room {
                    opening += tail;
                }
                self.ensure_space(opening);
                let block = self.group_heading_row(title);
                structure.push(StructureNode::Heading {
                    level: 2,
                    title: title.to_owned(),
                    block,
                });
            }
            let mut entries = Vec::with_capacity(group.items.len());
            for (i, item) in group.items.iter().enumerate() {
                if penultimate == Some((g, i)) {
                    let keep = self.item_row_height(item) + tail;
                    if keep <= page_room {
                        self.ensure_space(keep);
                    }
                }
                entries.push(self.item_row(item));
            }
            if !entries.is_empty() {
                structure.push(StructureNode::List(entries));
            }
        }
        self.in_table = false;
    }

    /// Height of what follows the next-to-last item: the last row, with its group's heading
    /// when it is the only item of its group.
    fn tail_height(&self, groups: &[Group]) -> f32 {
        let Some((g, i)) = last_item(groups) else {
            return 0.0;
        };
        let group = &groups[g];
        if i == 0 {
            self.group_opening_height(group)
        } else {
            self.item_row_height(&group.items[i])
        }
    }

    /// Height of a group's heading and first row, which must share a page.
    fn group_opening_height(&self, group: &Group) -> f32 {
        let heading = group_heading(group).map_or(0.0, |title| self.group_heading_height(title));
        let first_row = group
            .items
            .first()
            .map_or(0.0, |item| self.item_row_height(item));
        heading + first_row
    }

    fn column_headings(&mut self) {
        let top = self.y;
        let bottom = top + COLUMN_HEADINGS_HEIGHT;
        self.push(DrawOp::FillRect {
            x: CONTENT_LEFT,
            y: top,
            width: CONTENT_WIDTH,
            height: COLUMN_HEADINGS_HEIGHT,
            gray: HEADINGS_FILL_GRAY,
        });
        self.line(
            (CONTENT_LEFT, top),
            (CONTENT_RIGHT, top),
            GRID_WIDTH,
            GRID_GRAY,
        );
        self.column_rules(top, bottom);
        self.line(
            (CONTENT_LEFT, bottom),
            (CONTENT_RIGHT, bottom),
            RULE_WIDTH,
            RULE_GRAY,
        );
        let text_top = top + (COLUMN_HEADINGS_HEIGHT - COLUMN_HEADING.line_height) / 2.0;
        let headings = [
            (ITEM_TEXT_LEFT, &self.labels.item),
            (DATE_COLUMN_LEFT + CELL_PADDING_X, &self.labels.date),
            (INITIALS_COLUMN_LEFT + CELL_PADDING_X, &self.labels.initials),
            (NOTES_COLUMN_LEFT + CELL_PADDING_X, &self.labels.notes),
        ];
        for (x, label) in headings {
            self.text(
                x,
                text_top,
                COLUMN_HEADING,
                label.clone(),
                TextRole::ColumnHeading,
            );
        }
        self.y = bottom;
    }

    /// The vertical rules of a table row: the outer edges and the lines
    /// before the date and initials columns.
    fn column_rules(&mut self, top: f32, bottom: f32) {
        for x in [
            CONTENT_LEFT,
            DATE_COLUMN_LEFT,
            INITIALS_COLUMN_LEFT,
            NOTES_COLUMN_LEFT,
            CONTENT_RIGHT,
        ] {
            self.line((x, top), (x, bottom), GRID_WIDTH, GRID_GRAY);
        }
    }

    fn group_heading_lines(&self, title: &str) -> Vec<String> {
        let width = CONTENT_WIDTH - 2.0 * CELL_PADDING_X;
        self.face(GROUP_HEADING)
            .wrap(title, GROUP_HEADING.size, width)
    }

    fn group_heading_height(&self, title: &str) -> f32 {
        let lines = self.group_heading_lines(title).len() as f32;
        GROUP_HEADING_PADDING_TOP + lines * GROUP_HEADING.line_height + GROUP_HEADING_PADDING_BOTTOM
    }

    /// A row across the whole table holding a group's heading.
    fn group_heading_row(&mut self, title: &str) -> BlockId {
        let block = self.new_block();
        let top = self.y;
        let bottom = top + self.group_heading_height(title);
        for x in [CONTENT_LEFT, CONTENT_RIGHT] {
            self.line((x, top), (x, bottom), GRID_WIDTH, GRID_GRAY);
        }
        self.line(
            (CONTENT_LEFT, bottom),
            (CONTENT_RIGHT, bottom),
            GRID_WIDTH,
            GRID_GRAY,
        );
        let mut line_top = top + GROUP_HEADING_PADDING_TOP;
        for line in self.group_heading_lines(title) {
            let x = CONTENT_LEFT + CELL_PADDING_X;
            self.text(x, line_top, GROUP_HEADING, line, TextRole::Content(block));
            line_top += GROUP_HEADING.line_height;
        }
        self.advance(bottom - top);
        block
    }

    /// The item text and details of an item, wrapped to the item column.
    fn item_lines(&self, item: &Item) -> Vec<RowLine> {
        let mut lines = Vec::new();
        let parts = [
            (ItemPart::Text, &item.text, ITEM_TEXT),
            (ItemPart::Details, &item.details, DETAILS),
        ];
        for (part, text, style) in parts {
            let wrapped = self.face(style).wrap(text, style.size, ITEM_TEXT_WIDTH);
            let gap = if lines.is_empty() { 0.0 } else { DETAILS_GAP };
            lines.extend(
                wrapped
                    .into_iter()
                    .enumerate()
                    .map(|(index, text)| RowLine {
                        text,
                        style,
                        part,
                        gap_before: if index == 0 { gap } else { 0.0 },
                    }),
            );
        }
        lines
    }

    fn item_row_height(&self, item: &Item) -> f32 {
        row_height(&self.item_lines(item))
    }

    /// An item's row. It moves to the next page whole when it does not fit;
    /// only a row taller than a page is split, at line boundaries.
    fn item_row(&mut self, item: &Item) -> Vec<BlockId> {
        let lines = self.item_lines(item);
        let mut blocks = ItemBlocks::default();
        for part in [ItemPart::Text, ItemPart::Details] {
            if lines.iter().any(|line| line.part == part) {
                let block = self.new_block();
                blocks.set(part, block);
            }
        }
        self.ensure_space(row_height(&lines));
        let mut remaining = lines.as_slice();
        let mut is_first_part = true;
        loop {
            let room = self.space_left() - ROW_PADDING_TOP - ROW_PADDING_BOTTOM;
            let count = lines_fitting(remaining, room).max(1).min(remaining.len());
            let (now, later) = remaining.split_at(count);
            self.item_row_part(now, &blocks, is_first_part);
            if later.is_empty() {
                break;
            }
            remaining = later;
            is_first_part = false;
            self.start_page();
        }
        blocks.in_reading_order()
    }

    fn item_row_part(&mut self, lines: &[RowLine], blocks: &ItemBlocks, with_tick_box: bool) {
        let top = self.y;
        let bottom = top + row_height(lines);
        self.column_rules(top, bottom);
        self.line(
            (CONTENT_LEFT, bottom),
            (CONTENT_RIGHT, bottom),
            GRID_WIDTH,
            GRID_GRAY,
        );
        if with_tick_box {
            self.push(DrawOp::StrokeRect {
                x: CONTENT_LEFT + (BOX_COLUMN_WIDTH - TICK_BOX_SIZE) / 2.0,
                y: top + ROW_PADDING_TOP + (ITEM_TEXT.line_height - TICK_BOX_SIZE) / 2.0,
                width: TICK_BOX_SIZE,
                height: TICK_BOX_SIZE,
                line_width: TICK_BOX_WIDTH,
                gray: 0,
            });
        }
        let mut line_top = top + ROW_PADDING_TOP;
        for line in lines {
            line_top += line.gap_before;
            let role = TextRole::Content(blocks.get(line.part));
            self.text(
                ITEM_TEXT_LEFT,
                line_top,
                line.style,
                line.text.clone(),
                role,
            );
            line_top += line.style.line_height;
        }
        self.advance(bottom - top);
    }

    /// Site name at the left and "page n of N" at the right of every page.
    fn add_footers(&mut self, site_name: &str) {
        let page_count = self.pages.len();
        let face = self.face(FOOTER);
        let labels = self.labels;
        for (index, page) in self.pages.iter_mut().enumerate() {
            let page_label = labels
                .page_of
                .replace("{page}", &(index + 1).to_string())
                .replace("{pages}", &page_count.to_string());
            let label_width = face.width(&page_label, FOOTER.size);
            let site_width = CONTENT_WIDTH - label_width - FOOTER_GAP;
            let site = truncate_to_width(face, site_name.trim(), FOOTER.size, site_width);
            for (x, text) in [
                (CONTENT_LEFT, site),
                (CONTENT_RIGHT - label_width, page_label),
            ] {
                page.ops.push(DrawOp::Text {
                    x,
                    baseline: FOOTER_BASELINE,
                    style: FOOTER,
                    text,
                    role: TextRole::Footer,
                });
            }
        }
    }
}

/// The group and index of the last item of a table.
fn last_item(groups: &[Group]) -> Option<(usize, usize)> {
    groups
        .iter()
        .enumerate()
        .rev()
        .find(|(_, group)| !group.items.is_empty())
        .map(|(g, group)| (g, group.items.len() - 1))
}

/// The group and index of the item before the last one, when there are two or more.
fn penultimate_item(groups: &[Group]) -> Option<(usize, usize)> {
    let (g, i) = last_item(groups)?;
    if i > 0 {
        return Some((g, i - 1));
    }
    groups[..g]
        .iter()
        .enumerate()
        .rev()
        .find(|(_, group)| !group.items.is_empty())
        .map(|(g, group)| (g, group.items.len() - 1))
}

fn group_has_rows(group: &Group) -> bool {
    group_heading(group).is_some() || !group.items.is_empty()
}

fn group_heading(group: &Group) -> Option<&str> {
    group
        .title
        .as_deref()
        .map(str::trim)
        .filter(|title| !title.is_empty())
}

fn row_height(lines: &[RowLine]) -> f32 {
    let content: f32 = lines.iter().map(RowLine::height).sum();
    (ROW_PADDING_TOP + content + ROW_PADDING_BOTTOM).max(MIN_ROW_HEIGHT)
}

/// How many of the lines fit, one after the other, in `room` points.
fn lines_fitting(lines: &[RowLine], room: f32) -> usize {
    let mut used = 0.0;
    lines
        .iter()
        .take_while(|line| {
            used += line.height();
            used <= room
        })
        .count()
}

/// The text, shortened with an ellipsis if it is wider than `max_width`.
fn truncate_to_width(face: &FontFace, text: &str, size: f32, max_width: f32) -> String {
    if face.width(text, size) <= max_width {
        return text.to_owned();
    }
    const ELLIPSIS: &str = "…";
    let mut room = max_width - face.width(ELLIPSIS, size);
    let mut kept = String::new();
    for ch in text.chars() {
        room -= face.width(ch.encode_utf8(&mut [0; 4]), size);
        if room < 0.0 {
            break;
        }
        kept.push(ch);
    }
    format!("{}{ELLIPSIS}", kept.trim_end())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn checklist_with_second_group_after(items_before: usize) -> Checklist {
        let item = |number: usize| Item {
            text: format!(
                "Item {number} with enough words to need a second line in the item column of the table"
            ),
            details: "Role: clinical lead · Phase: prepare · Construct: Evidence Base".to_owned(),
        };
        Checklist {
            title: "Checklist".to_owned(),
            domain: "Inner setting".to_owned(),
            description: None,
            groups: vec![
                Group {
                    title: Some("First".to_owned()),
                    items: (0..items_before).map(item).collect(),
                },
                Group {
                    title: Some("Second".to_owned()),
                    items: (0..3).map(item).collect(),
                },
            ],
        }
    }

    fn lay_out_checklist(checklist: Checklist) -> LaidOutDocument {
        let fonts = Fonts::load().expect("fonts load");
        let document = Document {
            checklists: vec![checklist],
            ..Document::default()
        };
        lay_out(&document, &fonts)
    }

    fn bottom_of(op: &DrawOp) -> f32 {
        match op {
            DrawOp::Text {
                baseline, style, ..
            } => baseline + 0.25 * style.size,
            DrawOp::Line { from, to, .. } => from.1.max(to.1),
            DrawOp::FillRect { y, height, .. } | DrawOp::StrokeRect { y, height, .. } => y + height,
        }
    }

    #[test]
    fn nothing_but_the_footer_runs_into_the_bottom_margin() {
        for items_before in 0..30 {
            let laid_out = lay_out_checklist(checklist_with_second_group_after(items_before));
            for page in &laid_out.pages {
                for op in &page.ops {
                    if matches!(
                        op,
                        DrawOp::Text {
                            role: TextRole::Footer,
                            ..
                        }
                    ) {
                        continue;
                    }
                    assert!(bottom_of(op) <= BODY_BOTTOM + 0.01, "{op:?} overflows");
                }
            }
        }
    }

    #[test]
    fn headings_stay_with_their_first_row_and_rows_do_not_split() {
        for items_before in 0..30 {
            let laid_out = lay_out_checklist(checklist_with_second_group_after(items_before));
            let mut pages_of_block: BTreeMap<BlockId, Vec<usize>> = BTreeMap::new();
            for (page_index, page) in laid_out.pages.iter().enumerate() {
                let texts: Vec<_> = page
                    .ops
                    .iter()
                    .filter_map(|op| match op {
                        DrawOp::Text {
                            style,
                            role: TextRole::Content(block),
                            ..
                        } => Some((*style, *block)),
                        _ => None,
                    })
                    .collect();
                for (position, (style, block)) in texts.iter().enumerate() {
                    let on_page = pages_of_block.entry(*block).or_default();
                    if !on_page.contains(&page_index) {
                        on_page.push(page_index);
                    }
                    if *style == GROUP_HEADING {
                        let row_follows = texts[position..]
                            .iter()
                            .any(|(style, _)| *style == ITEM_TEXT);
                        assert!(
                            row_follows,
                            "a heading is alone at the bottom of page {page_index}"
                        );
                    }
                }
            }
            for (block, pages) in pages_of_block {
                assert_eq!(
                    pages.len(),
                    1,
                    "block {block} is split over pages {pages:?}"
                );
            }
        }
    }

    #[test]
    fn the_last_item_never_stands_alone_on_the_last_page() {
        /// The page each item's first line is on ("Item 3 with …" → its page).
        fn pages_of_items(laid_out: &LaidOutDocument) -> Vec<(String, usize)> {
            let mut found = Vec::new();
            for (index, page) in laid_out.pages.iter().enumerate() {
                for op in &page.ops {
                    if let DrawOp::Text { text, style, .. } = op
                        && *style == ITEM_TEXT
                        && text.starts_with("Item ")
                    {
                        found.push((text.clone(), index));
                    }
                }
            }
            found
        }
        let mut moved = 0;
        for items_before in 0..40 {
            let checklist = checklist_with_second_group_after(items_before);
            let laid_out = lay_out_checklist(checklist.clone());
            let pages = pages_of_items(&laid_out);
            let (_, last) = pages.last().unwrap();
            let (_, before) = &pages[pages.len() - 2];
            assert_eq!(
                last,
                before,
                "{items_before} items before the second group: the last item is alone on page {}",
                last + 1
            );
            // Count the cases that run onto a second page, where the rule matters.
            if laid_out.pages.len() > 1 {
                moved += 1;
            }
        }
        assert!(moved > 10, "the test never needed a second page");
    }

    #[test]
    fn a_bundle_opens_with_a_cover_and_its_contents() {
        let fonts = Fonts::load().expect("fonts load");
        let first = checklist_with_second_group_after(30);
        let mut second = checklist_with_second_group_after(2);
        second.title = "Other checklist".to_owned();
        let document = Document {
            site_name: "Toolkit".to_owned(),
            title: "All checklists".to_owned(),
            lang: "en".to_owned(),
            generated_on: "2026-12-02".to_owned(),
            labels: Labels::default(),
            checklists: vec![first, second],
        };
        let laid_out = lay_out(&document, &fonts);
        let texts = |page: usize| -> Vec<String> {
            laid_out.pages[page]
                .ops
                .iter()
                .filter_map(|op| match op {
                    DrawOp::Text { text, .. } => Some(text.trim().to_owned()),
                    _ => None,
                })
                .collect()
        };
        let cover = texts(0);
        let second_start = laid_out.outline[1].page_index + 1;
        for want in [
            "All checklists",
            "Clinic",
            "Team",
            "Meeting date",
            "Contents",
            "Checklist",
            "2",
            "Other checklist",
            &second_start.to_string(),
        ] {
            assert!(
                cover.iter().any(|t| t == want),
                "{want:?} not on the cover: {cover:?}"
            );
        }
        assert_eq!(
            laid_out.outline[0].page_index, 1,
            "the first checklist follows the cover"
        );
        assert!(second_start > 2, "{second_start}");
        // The fields are on the cover only, not under each checklist's title.
        assert!(!texts(1).iter().any(|t| t == "Meeting date"));
    }

    #[test]
    fn continued_pages_start_with_the_column_headings() {
        let laid_out = lay_out_checklist(checklist_with_second_group_after(40));
        assert!(laid_out.pages.len() > 2);
        for page in &laid_out.pages[1..] {
            let first_text = page.ops.iter().find(|op| matches!(op, DrawOp::Text { .. }));
            let is_heading = matches!(
                first_text,
                Some(DrawOp::Text {
                    role: TextRole::ColumnHeading,
                    ..
                })
            );
            assert!(is_heading, "{first_text:?}");
        }
    }
}
