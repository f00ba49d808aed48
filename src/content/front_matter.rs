//! Front matter, TOML between `+++` lines or YAML between `---` lines (as Jekyll and Hugo write
//! it): splitting it from the body and reading its keys, the same keys with the same checks in
//! either language.
//!
//! Positions in errors count from the top of the file, not of the front matter.

use std::collections::BTreeMap;
use std::path::Path;

use toml::Spanned;

use crate::diagnostics::{Diagnostic, LineIndex, Position};

/// The keys every page may have. A page's kind may accept more (see `kinds`).
pub const COMMON_KEYS: &[&str] = &[
    "title",
    "description",
    "weight",
    "draft",
    "template",
    "kind",
    "aliases",
    "extra",
    "downloads",
];

/// The language front matter is written in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Format {
    /// Between `+++` lines.
    #[default]
    Toml,
    /// Between `---` lines.
    Yaml,
}

impl Format {
    /// `key = value` or `key: value`, for examples in messages.
    fn example(self, key: &str, value: &str) -> String {
        match self {
            Format::Toml => format!("{key} = {value}"),
            Format::Yaml => format!("{key}: {value}"),
        }
    }
}

/// A value written in the front matter, with where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    pub value: T,
    pub key_position: Position,
    pub value_position: Position,
}

/// The front matter of one page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub description: Option<String>,
    pub weight: Option<i64>,
    pub draft: bool,
    pub template: Option<Located<String>>,
    pub kind: Option<Located<String>>,
    /// Old addresses of the page (`/old/path/`), from the site's base: each gets a page that
    /// sends the reader on.
    pub aliases: Vec<Located<String>>,
    pub extra: toml::Table,
    /// The files a page asks to be made of it (`["docx"]`), with where the list is written;
    /// `crate::office::check_downloads` checks the formats.
    pub downloads: Option<Located<Vec<String>>>,
    /// The language the front matter is written in.
    pub format: Format,
    /// Keys that are not common to all pages, in file order; the page's kind decides on them.
    pub other: Vec<Located<(String, toml::Value)>>,
}

/// Where the front matter and the body are in a file's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The front matter's text and its byte offset in the file.
    pub front: Option<(&'a str, usize)>,
    pub format: Format,
    pub body: &'a str,
    pub body_offset: usize,
}

fn is_delimiter(line: &str, delimiter: &str) -> bool {
    line.trim_end() == delimiter
}

/// Splits a file into front matter and body.
pub fn split<'a>(text: &'a str, shown: &Path) -> Result<Split<'a>, Diagnostic> {
    let first_line = text.split_inclusive('\n').next().unwrap_or("");
    let (delimiter, format) = if is_delimiter(first_line, "+++") {
        ("+++", Format::Toml)
    } else if is_delimiter(first_line, "---") {
        ("---", Format::Yaml)
    } else {
        return Ok(Split {
            front: None,
            format: Format::Toml,
            body: text,
            body_offset: 0,
        });
    };
    let front_start = first_line.len();
    let mut offset = front_start;
    for line in text[front_start..].split_inclusive('\n') {
        // YAML may also end its document with `...`.
        if is_delimiter(line, delimiter) || (format == Format::Yaml && is_delimiter(line, "...")) {
            let body_offset = offset + line.len();
            return Ok(Split {
                front: Some((&text[front_start..offset], front_start)),
                format,
                body: &text[body_offset..],
                body_offset,
            });
        }
        offset += line.len();
    }
    Err(
        Diagnostic::error("the front matter opened on line 1 is never closed")
            .at(shown, Position { line: 1, column: 1 })
            .with_hint(format!(
                "add a line with only `{delimiter}` after the last front-matter key"
            )),
    )
}

/// Reads the front matter of a split file, in its language; the defaults when it has none.
pub fn parse_split(
    split: &Split<'_>,
    file_text: &str,
    lines: &LineIndex,
    shown: &Path,
) -> Result<(FrontMatter, Vec<Diagnostic>), Vec<Diagnostic>> {
    match (split.front, split.format) {
        (None, _) => Ok((FrontMatter::default(), Vec::new())),
        (Some((front, offset)), Format::Toml) => parse(front, offset, file_text, lines, shown),
        (Some((front, offset)), Format::Yaml) => parse_yaml(front, offset, file_text, lines, shown),
    }
}

/// Reads YAML front matter, with the same keys and checks as [`parse`].
pub fn parse_yaml(
    front: &str,
    front_offset: usize,
    file_text: &str,
    lines: &LineIndex,
    shown: &Path,
) -> Result<(FrontMatter, Vec<Diagnostic>), Vec<Diagnostic>> {
    let at = |offset: usize| lines.position(file_text, front_offset + offset);
    let entries = super::yaml::entries(front).map_err(|p| {
        vec![
            Diagnostic::error(p.message)
                .at(shown, at(p.offset))
                .with_hint(p.hint),
        ]
    })?;
    let entries = entries
        .into_iter()
        .map(|e| (e.key, at(e.key_offset), e.value, at(e.value_offset)))
        .collect();
    Ok(read_keys(entries, Format::Yaml, shown))
}

/// Reads front matter TOML. `front_offset` is where it starts in the file, `lines` indexes the file.
/// Invalid TOML is an `Err`; a value of the wrong type is reported in the returned list while the
/// rest is still read, so that every problem of the file shows at once.
pub fn parse(
    front: &str,
    front_offset: usize,
    file_text: &str,
    lines: &LineIndex,
    shown: &Path,
) -> Result<(FrontMatter, Vec<Diagnostic>), Vec<Diagnostic>> {
    let at = |offset: usize| lines.position(file_text, front_offset + offset);
    let table: BTreeMap<Spanned<String>, Spanned<toml::Value>> =
        toml::from_str(front).map_err(|e| {
            let offset = e.span().map(|s| s.start).unwrap_or(0);
            let explained = crate::toml_errors::explain(&e, front);
            let hint = explained.hint.unwrap_or_else(|| {
                "front matter is TOML: `key = value`, with text in \"double quotes\"".to_string()
            });
            vec![
                Diagnostic::error(format!(
                    "invalid TOML in the front matter: {}",
                    explained.problem
                ))
                .at(shown, at(offset))
                .with_hint(hint),
            ]
        })?;
    let mut entries: Vec<_> = table.into_iter().collect();
    entries.sort_by_key(|(k, _)| k.span().start);
    let entries = entries
        .into_iter()
        .map(|(key, value)| {
            let key_position = at(key.span().start);
            let value_position = at(value.span().start);
            (
                key.into_inner(),
                key_position,
                value.into_inner(),
                value_position,
            )
        })
        .collect();
    Ok(read_keys(entries, Format::Toml, shown))
}

/// Reads the keys of front matter (name, position, value, position, in file order): the common
/// keys into their fields, the others kept for the page's kind; a value of the wrong type is
/// reported while the rest is still read.
fn read_keys(
    entries: Vec<(String, Position, toml::Value, Position)>,
    format: Format,
    shown: &Path,
) -> (FrontMatter, Vec<Diagnostic>) {
    let mut front_matter = FrontMatter {
        format,
        ..FrontMatter::default()
    };
    let mut problems = Vec::new();
    for (name, key_position, value, value_position) in entries {
        let name = name.as_str();
        let mut wrong_type = |expected: &str, example: &str| {
            problems.push(
                Diagnostic::error(format!(
                    "`{name}` must be {expected}, not {}",
                    describe(&value)
                ))
                .at(shown, value_position)
                .with_hint(format!("for example `{}`", format.example(name, example))),
            );
        };
        match name {
            "title" | "description" => match &value {
                toml::Value::String(s) if name == "title" => front_matter.title = Some(s.clone()),
                toml::Value::String(s) => front_matter.description = Some(s.clone()),
                _ => wrong_type("text", "\"…\""),
            },
            "weight" => match &value {
                toml::Value::Integer(n) => front_matter.weight = Some(*n),
                _ => wrong_type("a whole number", "10"),
            },
            "draft" => match &value {
                toml::Value::Boolean(b) => front_matter.draft = *b,
                _ => wrong_type("true or false", "true"),
            },
            "template" | "kind" => match &value {
                toml::Value::String(s) => {
                    let located = Some(Located {
                        value: s.clone(),
                        key_position,
                        value_position,
                    });
                    if name == "template" {
                        front_matter.template = located;
                    } else {
                        front_matter.kind = located;
                    }
                }
                _ => wrong_type(
                    "text",
                    if name == "kind" {
                        "\"checklist\""
                    } else {
                        "\"page.html\""
                    },
                ),
            },
            "aliases" => match texts(&value) {
                Some(list) => {
                    front_matter.aliases = list
                        .into_iter()
                        .map(|alias| Located {
                            value: alias,
                            key_position,
                            value_position,
                        })
                        .collect();
                }
                None => wrong_type("a list of paths", "[\"/old/path/\"]"),
            },
            "downloads" => match texts(&value) {
                Some(formats) => {
                    front_matter.downloads = Some(Located {
                        value: formats,
                        key_position,
                        value_position,
                    })
                }
                None => wrong_type("a list of formats", "[\"docx\"]"),
            },
            "extra" => match &value {
                toml::Value::Table(t) => front_matter.extra = t.clone(),
                _ => match format {
                    Format::Toml => {
                        wrong_type("a table", "{ key = \"value\" }` or a `[extra]` section")
                    }
                    Format::Yaml => wrong_type("a table", "{ key: value }"),
                },
            },
            _ => front_matter.other.push(Located {
                value: (name.to_string(), value),
                key_position,
                value_position,
            }),
        }
    }
    (front_matter, problems)
}

/// A list of texts, as `aliases` and `downloads` are (one text alone is taken as a list of one).
fn texts(value: &toml::Value) -> Option<Vec<String>> {
    match value {
        toml::Value::String(s) => Some(vec![s.clone()]),
        toml::Value::Array(items) => items
            .iter()
            .map(|item| item.as_str().map(str::to_string))
            .collect(),
        _ => None,
    }
}

/// Names a TOML value's type and shows it briefly, for messages.
pub fn describe(value: &toml::Value) -> String {
    match value {
        toml::Value::String(s) => format!("the text \"{s}\""),
        toml::Value::Integer(n) => format!("the number {n}"),
        toml::Value::Float(n) => format!("the number {n}"),
        toml::Value::Boolean(b) => format!("{b}"),
        toml::Value::Datetime(d) => format!("the date {d}"),
        toml::Value::Array(_) => "a list".to_string(),
        toml::Value::Table(_) => "a table".to_string(),
    }
}

/// The error for a key that neither the common keys nor the page's kind accept.
pub fn unknown_key(
    name: &str,
    kind_keys: &[&str],
    kind: &str,
    shown: &Path,
    position: Position,
) -> Diagnostic {
    let mut all: Vec<&str> = COMMON_KEYS.to_vec();
    all.extend_from_slice(kind_keys);
    let close = crate::diagnostics::closest(name, all.iter().copied(), 2);
    let hint = match (close, FOREIGN_KEYS.iter().find(|(k, _)| *k == name)) {
        (_, Some((_, advice))) => {
            format!("{advice}; `toolkit import` converts a Jekyll or Hugo folder")
        }
        (Some(k), _) => format!("did you mean `{k}`? Put data of your own under [extra]"),
        (None, _) => format!(
            "{} has the keys {}; put data of your own under [extra]",
            if kind == DEFAULT_KIND {
                "a page".to_string()
            } else {
                format!("a {kind} page")
            },
            all.iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    Diagnostic::error(format!("unknown front-matter key `{name}`"))
        .at(shown, position)
        .with_hint(hint)
}

/// Keys of Jekyll and Hugo front matter, and what to write instead.
const FOREIGN_KEYS: &[(&str, &str)] = &[
    (
        "layout",
        "toolkit has no layouts: name a template with `template`, or leave it out",
    ),
    ("nav_order", "write the order in the section as `weight`"),
    ("redirect_from", "write old addresses as `aliases`"),
    (
        "permalink",
        "a page is published at its file's path; keep an old address with `aliases`",
    ),
    (
        "url",
        "a page is published at its file's path; keep an old address with `aliases`",
    ),
    (
        "slug",
        "a page is published at its file's path; rename the file to change it",
    ),
    (
        "published",
        "write `draft = true` for a page that is not to be published",
    ),
    ("summary", "write the summary as `description`"),
    ("excerpt", "write the summary as `description`"),
    ("date", "put the date under [extra], as `date`"),
    ("lastmod", "put the date under [extra], as `lastmod`"),
    ("tags", "put the tags under [extra], as `tags`"),
    (
        "categories",
        "put the categories under [extra], as `categories`",
    ),
    ("author", "put the author under [extra], as `author`"),
    (
        "parent",
        "a page's section is its folder; move the file into the folder",
    ),
    (
        "has_children",
        "a section is a folder with an `_index.md` or `index.md`",
    ),
    (
        "lang",
        "a page's language is in its file name: `page.nl.md`",
    ),
];

/// The kind of pages that name none.
pub const DEFAULT_KIND: &str = "page";

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_file(text: &str) -> Result<(FrontMatter, String), Vec<String>> {
        let shown = Path::new("content/a.md");
        let split = split(text, shown).map_err(|d| vec![d.to_string()])?;
        let lines = LineIndex::new(text);
        let (fm, problems) = parse_split(&split, text, &lines, shown)
            .map_err(|ds| ds.iter().map(|d| d.to_string()).collect::<Vec<_>>())?;
        if !problems.is_empty() {
            return Err(problems.iter().map(|d| d.to_string()).collect());
        }
        Ok((fm, split.body.to_string()))
    }

    #[test]
    fn reads_common_keys_and_body() {
        let (fm, body) = parse_file(
            "+++\ntitle = \"Plan\"\nweight = 3\ndraft = true\n[extra]\nx = 1\n+++\n# Hi\n",
        )
        .unwrap();
        assert_eq!(fm.title.as_deref(), Some("Plan"));
        assert_eq!(fm.weight, Some(3));
        assert!(fm.draft);
        assert_eq!(fm.extra.get("x"), Some(&toml::Value::Integer(1)));
        assert_eq!(body, "# Hi\n");
    }

    #[test]
    fn no_front_matter_is_all_body() {
        let (fm, body) = parse_file("# Title\n\ntext\n").unwrap();
        assert_eq!(fm, FrontMatter::default());
        assert_eq!(body, "# Title\n\ntext\n");
    }

    #[test]
    fn windows_line_endings() {
        let (fm, body) = parse_file("+++\r\ntitle = \"T\"\r\n+++\r\nbody\r\n").unwrap();
        assert_eq!(fm.title.as_deref(), Some("T"));
        assert_eq!(body, "body\r\n");
    }

    #[test]
    fn toml_error_line_counts_from_top_of_file() {
        let e = parse_file("+++\ntitle = \"T\"\nweight = = 3\n+++\n").unwrap_err();
        assert!(
            e[0].starts_with("content/a.md:3:10: error: invalid TOML in the front matter: "),
            "{}",
            e[0]
        );
    }

    #[test]
    fn a_duplicate_key_in_front_matter_is_named() {
        let e = parse_file("+++\ntitle = \"A\"\nweight = 1\ntitle = \"B\"\n+++\n").unwrap_err();
        assert_eq!(
            e,
            [
                "content/a.md:4:1: error: invalid TOML in the front matter: duplicate key `title`\n  hint: `title` is set twice in the same table; remove one of the two `title = …` lines"
            ]
        );
    }

    #[test]
    fn wrong_types_are_all_reported() {
        let e = parse_file("+++\ntitle = 3\nweight = \"high\"\n+++\n").unwrap_err();
        assert_eq!(
            e,
            [
                "content/a.md:2:9: error: `title` must be text, not the number 3\n  hint: for example `title = \"…\"`",
                "content/a.md:3:10: error: `weight` must be a whole number, not the text \"high\"\n  hint: for example `weight = 10`"
            ]
        );
    }

    #[test]
    fn unclosed_and_yaml_front_matter() {
        let e = parse_file("+++\ntitle = \"T\"\n").unwrap_err();
        assert_eq!(
            e[0],
            "content/a.md:1:1: error: the front matter opened on line 1 is never closed\n  hint: add a line with only `+++` after the last front-matter key"
        );
        let e = parse_file("---\ntitle: T\n").unwrap_err();
        assert_eq!(
            e[0],
            "content/a.md:1:1: error: the front matter opened on line 1 is never closed\n  hint: add a line with only `---` after the last front-matter key"
        );
    }

    #[test]
    fn yaml_front_matter_has_the_same_keys_and_checks() {
        let (fm, body) = parse_file(
            "---\ntitle: Plan\nweight: 3\ndraft: true\naliases: [/old/, /older/]\nextra:\n  x: 1\ndomain: process\n---\n# Hi\n",
        )
        .unwrap();
        assert_eq!(fm.title.as_deref(), Some("Plan"));
        assert_eq!(fm.weight, Some(3));
        assert!(fm.draft);
        assert_eq!(fm.format, Format::Yaml);
        let aliases: Vec<&str> = fm.aliases.iter().map(|a| a.value.as_str()).collect();
        assert_eq!(aliases, ["/old/", "/older/"]);
        assert_eq!(fm.extra.get("x"), Some(&toml::Value::Integer(1)));
        assert_eq!(fm.other[0].value.0, "domain");
        assert_eq!(fm.other[0].key_position, Position { line: 8, column: 1 });
        assert_eq!(body, "# Hi\n");
        let (fm, _) = parse_file("---\r\ntitle: T\r\n...\r\nbody\r\n").unwrap();
        assert_eq!(fm.title.as_deref(), Some("T"));
        let e = parse_file("---\ntitle: 3\nweight: high\n---\n").unwrap_err();
        assert_eq!(
            e,
            [
                "content/a.md:2:8: error: `title` must be text, not the number 3\n  hint: for example `title: \"…\"`",
                "content/a.md:3:9: error: `weight` must be a whole number, not the text \"high\"\n  hint: for example `weight: 10`"
            ]
        );
        let e = parse_file("---\ntitle: a\nweight: 1\ntitle: b\n---\n").unwrap_err();
        assert!(
            e[0].starts_with("content/a.md:4:1: error: invalid YAML in the front matter: "),
            "{}",
            e[0]
        );
        let e = parse_file("---\ntitle: Plan: phase 2\n---\n").unwrap_err();
        assert!(
            e[0].starts_with("content/a.md:2:12: error: invalid YAML in the front matter: "),
            "{}",
            e[0]
        );
    }

    #[test]
    fn other_keys_are_kept_with_positions() {
        let (fm, _) = parse_file("+++\ntitle = \"T\"\ndomain = \"process\"\n+++\n").unwrap();
        assert_eq!(fm.other.len(), 1);
        assert_eq!(fm.other[0].value.0, "domain");
        assert_eq!(fm.other[0].key_position, Position { line: 3, column: 1 });
    }

    #[test]
    fn unknown_key_suggests() {
        let d = unknown_key(
            "titel",
            &[],
            "plain",
            Path::new("content/a.md"),
            Position { line: 2, column: 1 },
        );
        assert_eq!(
            d.to_string(),
            "content/a.md:2:1: error: unknown front-matter key `titel`\n  hint: did you mean `title`? Put data of your own under [extra]"
        );
    }
}
