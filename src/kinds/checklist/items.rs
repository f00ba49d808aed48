//! Finding checklist items in a page's Markdown: which task-list items are items, where their
//! text, `{#id}` and attribute line are, and what the attributes say. Pure functions over the
//! parsed events and the body text; no I/O.
//!
//! An item is written as
//!
//! ```text
//! - [ ] Agree who answers patients' messages, and when. {#message-rota}
//!   role: team manager | phase: launch | construct: Work Infrastructure | strategy: revise-professional-roles | source: [Study](../sources.md#study)
//! ```

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

/// The attributes an item may carry, in the order they are shown.
pub const KEYS: &[&str] = &["role", "phase", "construct", "strategy", "source", "theme"];

/// The phases of an implementation, in order.
pub const PHASES: &[&str] = &["prepare", "train", "launch", "sustain"];

/// A task-list item of the page's top level, by event index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundItem {
    /// `Start(Item)`.
    pub start: usize,
    /// `End(Item)`.
    pub end: usize,
    /// `TaskListMarker`.
    pub marker: usize,
    /// The events of the item's first block: the marker, its text and attribute line (and the
    /// paragraph around them in a loose list).
    pub first_block: Range<usize>,
    /// The bytes of the body the item's text and attributes take.
    pub source: Range<usize>,
    /// Written `- [x]`: a tick in the file, which the page does not show (ticks are kept in
    /// each reader's browser).
    pub ticked: bool,
}

/// A heading of the page's top level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundHeading {
    /// `Start(Heading)`.
    pub start: usize,
    pub end: usize,
    pub level: u8,
    pub title: String,
    pub explicit_id: Option<String>,
    pub offset: usize,
}

/// Where a task-list item that cannot be a checklist item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StrayPlace {
    /// Indented under another list item.
    Nested,
    /// Inside a `>` quote.
    Quoted,
}

/// A task-list item that is not at the top level of a list, so not a checklist item: drawn,
/// it would be a box that cannot be ticked, missing from the progress and the downloads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StrayItem {
    /// The byte offset of its `[ ]` in the body.
    pub offset: usize,
    pub place: StrayPlace,
}

/// What a page holds for a checklist, in event order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    pub items: Vec<FoundItem>,
    /// Task-list items nested in another item or in a quote, which a checklist refuses.
    pub stray: Vec<StrayItem>,
    pub headings: Vec<FoundHeading>,
    /// Top-level lists (`Start(List)` index) that hold at least one item.
    pub lists: Vec<usize>,
    /// The heading level that groups items: the highest level used, not counting a leading
    /// `# Title`.
    pub group_level: Option<u8>,
}

/// Finds the items and headings in parsed events.
pub fn find(events: &[(Event<'_>, Range<usize>)]) -> Found {
    let mut found = Found::default();
    let mut list_depth = 0usize;
    let mut quote_depth = 0usize;
    let mut current_list = None;
    // The `[ ]` of the last item found, which is not a stray one.
    let mut last_marker = None;
    let mut i = 0;
    while i < events.len() {
        match &events[i].0 {
            Event::Start(Tag::List(_)) => {
                if list_depth == 0 && quote_depth == 0 {
                    current_list = Some(i);
                }
                list_depth += 1;
            }
            Event::End(TagEnd::List(_)) => list_depth -= 1,
            Event::Start(Tag::BlockQuote(_)) => quote_depth += 1,
            Event::End(TagEnd::BlockQuote(_)) => quote_depth -= 1,
            Event::Start(Tag::Heading { level, id, .. }) if list_depth == 0 && quote_depth == 0 => {
                let end = (i..events.len())
                    .find(|&j| matches!(events[j].0, Event::End(TagEnd::Heading(_))))
                    .unwrap_or(events.len() - 1);
                let mut title = String::new();
                for (event, _) in &events[i + 1..end] {
                    if let Event::Text(t) | Event::Code(t) = event {
                        title.push_str(t);
                    }
                }
                found.headings.push(FoundHeading {
                    start: i,
                    end,
                    level: *level as u8,
                    title: title.trim().to_string(),
                    explicit_id: id.as_ref().map(|id| id.to_string()),
                    offset: events[i].1.start,
                });
                i = end + 1;
                continue;
            }
            Event::Start(Tag::Item) if list_depth == 1 && quote_depth == 0 => {
                if let Some(item) = task_item(events, i) {
                    last_marker = Some(item.marker);
                    if let Some(list) = current_list
                        && found.lists.last() != Some(&list)
                    {
                        found.lists.push(list);
                    }
                    found.items.push(item);
                }
            }
            Event::TaskListMarker(_) if last_marker != Some(i) => {
                found.stray.push(StrayItem {
                    offset: events[i].1.start,
                    place: if quote_depth > 0 {
                        StrayPlace::Quoted
                    } else {
                        StrayPlace::Nested
                    },
                });
            }
            _ => {}
        }
        i += 1;
    }
    let leading_title = found
        .headings
        .first()
        .is_some_and(|h| h.level == 1 && h.start == 0);
    found.group_level = found
        .headings
        .iter()
        .skip(usize::from(leading_title))
        .map(|h| h.level)
        .min();
    found
}

/// The item starting at `start` if it is a task-list item.
fn task_item(events: &[(Event<'_>, Range<usize>)], start: usize) -> Option<FoundItem> {
    let loose = matches!(events.get(start + 1)?.0, Event::Start(Tag::Paragraph));
    let marker = if loose { start + 2 } else { start + 1 };
    let Event::TaskListMarker(ticked) = events.get(marker)?.0 else {
        return None;
    };
    let mut depth = 0usize;
    let mut end = start + 1;
    while end < events.len() {
        match &events[end].0 {
            Event::Start(Tag::Item) => depth += 1,
            Event::End(TagEnd::Item) if depth == 0 => break,
            Event::End(TagEnd::Item) => depth -= 1,
            _ => {}
        }
        end += 1;
    }
    let block_end = if loose {
        (marker..end)
            .find(|&j| matches!(events[j].0, Event::End(TagEnd::Paragraph)))
            .map_or(end, |j| j + 1)
    } else {
        (marker + 1..end)
            .find(|&j| is_block_boundary(&events[j].0))
            .unwrap_or(end)
    };
    let inline = marker + 1..if loose { block_end - 1 } else { block_end };
    let source = events[inline.clone()]
        .iter()
        .map(|(_, r)| r.clone())
        .reduce(|a, b| a.start.min(b.start)..a.end.max(b.end))
        .unwrap_or(events[marker].1.end..events[marker].1.end);
    Some(FoundItem {
        start,
        end,
        marker,
        first_block: start + 1..block_end,
        source,
        ticked,
    })
}

fn is_block_boundary(event: &Event<'_>) -> bool {
    match event {
        Event::Start(tag) => !matches!(
            tag,
            Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::Link { .. }
                | Tag::Image { .. }
        ),
        Event::Html(_) | Event::Rule | Event::End(TagEnd::Item) => true,
        _ => false,
    }
}

/// One attribute of an item, by byte ranges in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute {
    pub key: &'static str,
    pub value: Range<usize>,
}

/// An item's parts, by byte ranges in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemSource {
    /// The Markdown of the item's text, without the `{#id}`.
    pub text: Range<usize>,
    /// An explicit `{#id}` and where it starts.
    pub id: Option<(String, usize)>,
    pub attributes: Vec<Attribute>,
}

pub use crate::kinds::kit::Problem;

/// Splits an item's source (`body[source]`) into text, id and attributes.
pub fn parse_item(body: &str, source: Range<usize>) -> Result<ItemSource, Vec<Problem>> {
    let text = &body[source.clone()];
    let base = source.start;
    let mut lines = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        lines.push((at, line));
        at += line.len();
    }
    let attribute_start = lines
        .iter()
        .skip(1)
        .find(|(_, line)| is_attribute_line(line))
        .map_or(text.len(), |(at, _)| *at);

    let mut problems = Vec::new();
    let head = text[..attribute_start].trim_end();
    let (text_end, id) = match explicit_id(head) {
        Some((id_at, id)) => {
            if id.is_empty()
                || !id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                problems.push(Problem::new(
                    base + id_at,
                    format!("the item id `{id}` may only hold letters, digits, `-` and `_`"),
                    "write it like {#agree-message-rota}",
                ));
            }
            (
                head[..id_at].trim_end().len(),
                Some((id.to_string(), base + id_at)),
            )
        }
        None => (head.len(), None),
    };
    let leading = text.len() - text.trim_start().len();
    if text_end <= leading {
        problems.push(Problem::new(
            base,
            "this checklist item has no text",
            "write what is to be done after the box: - [ ] Do this {#id}",
        ));
    }
    if let Some(at) = attributes_in_text(&text[..attribute_start]) {
        problems.push(Problem::new(
            base + at,
            "these attributes are on the line of the item's text, so they would show as text",
            "move them to a line of their own under the text, indented like it: - [ ] Do this {#id} and on the next line `  role: … | phase: …`",
        ));
    }
    let attributes = parse_attributes(text, attribute_start, base, &mut problems);
    if problems.is_empty() {
        Ok(ItemSource {
            text: base + leading.min(text_end)..base + text_end,
            id,
            attributes,
        })
    } else {
        Err(problems)
    }
}

/// Where attributes start in the lines of an item's text, if some are written there: after a
/// `{#id}` on the same line (`{#rota} role: champion`), or as a `|`-separated part that starts
/// with an attribute key (`Do this | phase: launch`).
fn attributes_in_text(head: &str) -> Option<usize> {
    let starts_with_key = |part: &str| {
        part.trim_start()
            .split_once(':')
            .is_some_and(|(key, _)| KEYS.contains(&key.trim()))
    };
    let mut at = 0;
    for line in head.split_inclusive('\n') {
        if let Some(open) = line.find("{#")
            && let Some(close) = line[open..].find('}')
        {
            let after = open + close + 1;
            let rest = &line[after..];
            if starts_with_key(rest) {
                return Some(at + after + (rest.len() - rest.trim_start().len()));
            }
        }
        let mut part_at = 0;
        for (n, part) in line.split('|').enumerate() {
            if n > 0 && starts_with_key(part) {
                // The attributes begin with the part before the first `|`'s key, if it has one.
                let first = &line[..line.find('|').unwrap_or(0)];
                let key_at = first
                    .rfind(|c: char| c.is_whitespace() || c == '}')
                    .map_or(0, |i| i + 1);
                let lead = &first[key_at..];
                let part_start = part_at + part.len() - part.trim_start().len();
                return Some(
                    at + if starts_with_key(lead) {
                        key_at
                    } else {
                        part_start
                    },
                );
            }
            part_at += part.len() + 1;
        }
        at += line.len();
    }
    None
}

/// `{#id}` at the end of an item's text: where it starts and the id.
fn explicit_id(head: &str) -> Option<(usize, &str)> {
    let inner = head.strip_suffix('}')?;
    let open = inner.rfind("{#")?;
    Some((open, &inner[open + 2..]))
}

/// Whether a line of an item (after its first) holds attributes: one of its `|`-separated
/// parts starts with an attribute key and a colon, or the line starts with a near miss of one
/// (`rol:`), which is then reported rather than taken as text.
fn is_attribute_line(line: &str) -> bool {
    let key_of = |part: &str| {
        part.split_once(':')
            .map(|(key, _)| key.trim().to_string())
            .filter(|key| !key.is_empty() && key.chars().all(|c| c.is_ascii_lowercase()))
    };
    let mut parts = line.split('|');
    let first = parts.next().and_then(key_of);
    if first
        .as_deref()
        .is_some_and(|k| crate::diagnostics::closest(k, KEYS.iter().copied(), 1).is_some())
    {
        return true;
    }
    parts.filter_map(key_of).any(|k| KEYS.contains(&k.as_str()))
}

fn parse_attributes(
    text: &str,
    start: usize,
    base: usize,
    problems: &mut Vec<Problem>,
) -> Vec<Attribute> {
    let mut attributes: Vec<Attribute> = Vec::new();
    for piece in split_pieces(text, start) {
        let raw = &text[piece.clone()];
        let lead = raw.len() - raw.trim_start().len();
        let at = base + piece.start + lead;
        let Some((key, value)) = raw.split_once(':') else {
            problems.push(Problem::new(
                at,
                format!("`{}` is not an attribute", raw.trim()),
                "write attributes as `key: value`, separated by `|`",
            ));
            continue;
        };
        let key = key.trim();
        let Some(known) = KEYS.iter().copied().find(|k| *k == key) else {
            let hint = match crate::diagnostics::closest(key, KEYS.iter().copied(), 3) {
                Some(close) => format!("did you mean `{close}`?"),
                None => format!("the attributes are: {}", KEYS.join(", ")),
            };
            problems.push(Problem::new(
                at,
                format!("unknown item attribute `{key}`"),
                hint,
            ));
            continue;
        };
        let value_lead = value.len() - value.trim_start().len();
        let value_start = piece.start + key_end(raw) + 1 + value_lead;
        let value_range = base + value_start..base + value_start + value.trim().len();
        if value.trim().is_empty() {
            problems.push(Problem::new(
                at,
                format!("the item attribute `{known}` has no value"),
                format!("write `{known}: …` or leave the attribute out"),
            ));
            continue;
        }
        if attributes.iter().any(|a| a.key == known) {
            problems.push(Problem::new(
                at,
                format!("the item attribute `{known}` is given twice"),
                "keep one of them",
            ));
            continue;
        }
        if known == "phase" && !PHASES.contains(&value.trim()) {
            let value = value.trim();
            let hint = match crate::diagnostics::closest(value, PHASES.iter().copied(), 3) {
                Some(close) => format!("did you mean `{close}`?"),
                None => format!("the phases are: {}", PHASES.join(", ")),
            };
            problems.push(Problem::new(
                value_range.start,
                format!("unknown phase `{value}`"),
                hint,
            ));
            continue;
        }
        attributes.push(Attribute {
            key: known,
            value: value_range,
        });
    }
    attributes
}

fn key_end(piece: &str) -> usize {
    piece.find(':').unwrap_or(0)
}

/// The `|`-separated pieces of the attribute lines, as ranges of `text`; a `|` inside a link,
/// brackets or code does not split.
fn split_pieces(text: &str, start: usize) -> Vec<Range<usize>> {
    let mut pieces = Vec::new();
    let mut depth = 0i32;
    let mut in_code = false;
    let mut piece_start = start;
    for (i, c) in text[start..].char_indices() {
        let i = start + i;
        match c {
            '`' => in_code = !in_code,
            '[' | '(' if !in_code => depth += 1,
            ']' | ')' if !in_code => depth -= 1,
            '|' | '\n' if !in_code && depth <= 0 => {
                if !text[piece_start..i].trim().is_empty() {
                    pieces.push(piece_start..i);
                }
                piece_start = i + 1;
            }
            _ => {}
        }
    }
    if !text[piece_start..].trim().is_empty() {
        pieces.push(piece_start..text.len());
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::parse;

    /// An item's text, id and attributes, or its problems.
    type Parts = Result<(String, Option<String>, Vec<(String, String)>), Vec<String>>;

    fn parts(body: &str) -> Vec<Parts> {
        let events = parse(body);
        find(&events)
            .items
            .iter()
            .map(|item| {
                parse_item(body, item.source.clone())
                    .map(|s| {
                        (
                            body[s.text].to_string(),
                            s.id.map(|(id, _)| id),
                            s.attributes
                                .iter()
                                .map(|a| (a.key.to_string(), body[a.value.clone()].to_string()))
                                .collect(),
                        )
                    })
                    .map_err(|p| {
                        p.into_iter()
                            .map(|p| format!("{}: {}", p.offset, p.message))
                            .collect()
                    })
            })
            .collect()
    }

    #[test]
    fn text_id_and_attributes() {
        let body = "- [ ] Agree *who* answers. {#rota}\n  role: team manager | phase: launch | source: [A | B](s.md#a)\n";
        let found = parts(body);
        assert_eq!(
            found,
            [Ok((
                "Agree *who* answers.".to_string(),
                Some("rota".to_string()),
                vec![
                    ("role".into(), "team manager".into()),
                    ("phase".into(), "launch".into()),
                    ("source".into(), "[A | B](s.md#a)".into()),
                ]
            ))]
        );
    }

    #[test]
    fn items_without_id_or_attributes_and_wrapped_text() {
        let body = "- [ ] First\n- [x] Second line\n  goes on {#two}\n- plain item\n";
        let found = parts(body);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0], Ok(("First".into(), None, vec![])));
        assert_eq!(
            found[1],
            Ok(("Second line\n  goes on".into(), Some("two".into()), vec![]))
        );
    }

    #[test]
    fn loose_lists_and_nested_blocks() {
        let body = "- [ ] One {#one}\n  phase: train\n\n  A note under it.\n\n- [ ] Two\n\n  - [ ] nested is not an item\n";
        let events = parse(body);
        let found = find(&events);
        assert_eq!(found.items.len(), 2);
        assert_eq!(found.lists.len(), 1);
        assert_eq!(
            &body[found.items[0].source.clone()],
            "One {#one}\n  phase: train"
        );
        assert_eq!(&body[found.items[1].source.clone()], "Two");
        assert_eq!(found.stray.len(), 1, "the nested one is a stray");
    }

    #[test]
    fn items_in_quotes_are_not_items_but_strays() {
        let body = "> - [ ] quoted\n";
        let found = find(&parse(body));
        assert!(found.items.is_empty());
        assert_eq!(
            found.stray,
            [StrayItem {
                offset: 4,
                place: StrayPlace::Quoted
            }]
        );
        assert_eq!(&body[4..7], "[ ]");
    }

    #[test]
    fn nested_and_quoted_task_items_are_strays_plain_ones_are_not() {
        let body = "- [ ] Lead {#lead}\n  - [ ] Hours {#hours}\n    role: manager\n  - a note\n- plain\n  - [x] under a plain item\n\n> - [ ] Room\n>   - [ ] Key\n";
        let found = find(&parse(body));
        assert_eq!(found.items.len(), 1);
        let strays: Vec<(&str, StrayPlace)> = found
            .stray
            .iter()
            .map(|s| (&body[s.offset..s.offset + 3], s.place))
            .collect();
        assert_eq!(
            strays,
            [
                ("[ ]", StrayPlace::Nested),
                ("[x]", StrayPlace::Nested),
                ("[ ]", StrayPlace::Quoted),
                ("[ ]", StrayPlace::Quoted),
            ]
        );
        let lines: Vec<usize> = found
            .stray
            .iter()
            .map(|s| body[..s.offset].matches('\n').count() + 1)
            .collect();
        assert_eq!(lines, [2, 6, 8, 9]);
    }

    #[test]
    fn group_level_skips_a_leading_title() {
        let events = parse("# Title\n\n## A\n\n- [ ] x\n\n### A1\n");
        let found = find(&events);
        assert_eq!(found.group_level, Some(2));
        assert_eq!(found.headings.len(), 3);
        let events = parse("Intro\n\n### Only\n\n- [ ] x\n");
        assert_eq!(find(&events).group_level, Some(3));
    }

    #[test]
    fn attributes_on_the_line_of_the_text_are_an_error() {
        let body = "- [ ] Same line. {#same} role: champion | phase: launch\n- [ ] No id | phase: launch\n- [ ] Wrapped text\n  goes on {#w} phase: train\n- [ ] A pipe | in the text {#pipe}\n- [ ] The role: who answers {#ok}\n";
        let found = parts(body);
        let error =
            "these attributes are on the line of the item's text, so they would show as text";
        assert_eq!(found[0], Err(vec![format!("25: {error}")]));
        assert_eq!(&body[25..29], "role");
        assert_eq!(found[1], Err(vec![format!("70: {error}")]));
        assert_eq!(&body[70..75], "phase");
        assert_eq!(found[2], Err(vec![format!("118: {error}")]));
        assert_eq!(&body[118..123], "phase");
        assert!(found[3].is_ok(), "{:?}", found[3]);
        assert!(found[4].is_ok(), "{:?}", found[4]);
    }

    #[test]
    fn ticked_items_are_marked() {
        let found = find(&parse("- [x] Done {#done}\n- [ ] Open {#open}\n"));
        let ticked: Vec<bool> = found.items.iter().map(|i| i.ticked).collect();
        assert_eq!(ticked, [true, false]);
    }

    #[test]
    fn problems_name_their_place() {
        let body = "- [ ] Do {#bad id}\n- [ ] {#empty}\n- [ ] X\n  role: a | rol: b\n- [ ] Y\n  phase: later | role: a | role: b\n";
        let found = parts(body);
        assert_eq!(
            found[0],
            Err(vec![
                "9: the item id `bad id` may only hold letters, digits, `-` and `_`".into()
            ])
        );
        assert_eq!(
            found[1],
            Err(vec!["25: this checklist item has no text".into()])
        );
        assert_eq!(
            found[2],
            Err(vec!["54: unknown item attribute `rol`".into()])
        );
        assert_eq!(
            found[3],
            Err(vec![
                "78: unknown phase `later`".into(),
                "96: the item attribute `role` is given twice".into()
            ])
        );
    }
}
