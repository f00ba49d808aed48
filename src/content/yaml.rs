//! YAML front matter (between `---` lines, as Jekyll and Hugo write it), read into the same keys
//! and values as TOML front matter, each with its byte offset in the front matter.

use saphyr::{LoadableYamlNode, MarkedYaml, Scalar, ScanError, YamlData};

/// One top-level key of the front matter: its name and value, with the byte offsets of both.
pub struct Entry {
    pub key: String,
    pub key_offset: usize,
    pub value: toml::Value,
    pub value_offset: usize,
}

/// Why YAML front matter cannot be read: the byte offset and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub offset: usize,
    pub message: String,
    pub hint: String,
}

/// Reads YAML front matter into its top-level keys, in the order written. A key with no value
/// (`description:`) is left out, as an unset key.
pub fn entries(front: &str) -> Result<Vec<Entry>, Problem> {
    let offsets = CharOffsets::new(front);
    let documents = MarkedYaml::load_from_str(front).map_err(|e| scan_problem(&e, &offsets))?;
    let Some(document) = documents.into_iter().next() else {
        return Ok(Vec::new());
    };
    let mapping = match document.data {
        YamlData::Mapping(mapping) => mapping,
        YamlData::Value(Scalar::Null) => return Ok(Vec::new()),
        _ => {
            return Err(Problem {
                offset: offsets.byte(document.span.start.index()),
                message: "the front matter must be `key: value` lines".to_string(),
                hint: "write one key a line, such as `title: Training`".to_string(),
            });
        }
    };
    let mut entries = Vec::new();
    for (key, value) in mapping {
        let key_offset = offsets.byte(key.span.start.index());
        let value_offset = offsets.byte(value.span.start.index());
        let key = match &key.data {
            YamlData::Value(Scalar::String(s)) => s.to_string(),
            YamlData::Value(scalar) => scalar_text(scalar),
            _ => {
                return Err(Problem {
                    offset: key_offset,
                    message: "a front-matter key must be a word".to_string(),
                    hint: "write `key: value`, such as `title: Training`".to_string(),
                });
            }
        };
        if matches!(value.data, YamlData::Value(Scalar::Null)) {
            continue;
        }
        entries.push(Entry {
            key,
            key_offset,
            value: to_toml(value, &offsets)?,
            value_offset,
        });
    }
    Ok(entries)
}

fn scalar_text(scalar: &Scalar) -> String {
    match scalar {
        Scalar::Null => "null".to_string(),
        Scalar::Boolean(b) => b.to_string(),
        Scalar::Integer(n) => n.to_string(),
        Scalar::FloatingPoint(f) => f.to_string(),
        Scalar::String(s) => s.to_string(),
    }
}

/// A YAML value as the TOML value it stands for.
fn to_toml(node: MarkedYaml<'_>, offsets: &CharOffsets) -> Result<toml::Value, Problem> {
    let offset = offsets.byte(node.span.start.index());
    Ok(match node.data {
        YamlData::Value(Scalar::Boolean(b)) => toml::Value::Boolean(b),
        YamlData::Value(Scalar::Integer(n)) => toml::Value::Integer(n),
        YamlData::Value(Scalar::FloatingPoint(f)) => toml::Value::Float(f.into_inner()),
        YamlData::Value(Scalar::String(s)) => toml::Value::String(s.into_owned()),
        YamlData::Representation(s, _, _) => toml::Value::String(s.into_owned()),
        YamlData::Value(Scalar::Null) => {
            return Err(Problem {
                offset,
                message: "a list or table in the front matter holds an empty value".to_string(),
                hint: "write a value, or remove the entry".to_string(),
            });
        }
        YamlData::Sequence(items) => toml::Value::Array(
            items
                .into_iter()
                .map(|item| to_toml(item, offsets))
                .collect::<Result<_, _>>()?,
        ),
        YamlData::Mapping(mapping) => {
            let mut table = toml::Table::new();
            for (key, value) in mapping {
                let name = match &key.data {
                    YamlData::Value(scalar) => scalar_text(scalar),
                    _ => String::new(),
                };
                if matches!(value.data, YamlData::Value(Scalar::Null)) {
                    continue;
                }
                table.insert(name, to_toml(value, offsets)?);
            }
            toml::Value::Table(table)
        }
        YamlData::Tagged(_, inner) => to_toml(*inner, offsets)?,
        YamlData::Alias(_) | YamlData::BadValue => {
            return Err(Problem {
                offset,
                message: "this front-matter value cannot be read (anchors, aliases and tags are not supported)".to_string(),
                hint: "write the value itself".to_string(),
            });
        }
    })
}

fn scan_problem(error: &ScanError, offsets: &CharOffsets) -> Problem {
    Problem {
        offset: offsets.byte(error.marker().index()),
        message: format!("invalid YAML in the front matter: {}", error.info()),
        hint: "YAML front matter is `key: value` lines between `---` lines; put text with a `:` \
               or `#` in \"double quotes\""
            .to_string(),
    }
}

/// From the character index the YAML parser counts to a byte offset in the text.
struct CharOffsets {
    starts: Vec<usize>,
    len: usize,
}

impl CharOffsets {
    fn new(text: &str) -> CharOffsets {
        CharOffsets {
            starts: text.char_indices().map(|(i, _)| i).collect(),
            len: text.len(),
        }
    }

    fn byte(&self, index: usize) -> usize {
        self.starts.get(index).copied().unwrap_or(self.len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(front: &str) -> Vec<(String, usize, toml::Value, usize)> {
        entries(front)
            .unwrap()
            .into_iter()
            .map(|e| (e.key, e.key_offset, e.value, e.value_offset))
            .collect()
    }

    #[test]
    fn keys_values_and_offsets() {
        let got = read(
            "title: Één plan\nweight: 3\ndraft: true\naliases:\n  - /old/\nextra:\n  x: 1.5\ndescription:\n",
        );
        assert_eq!(
            got,
            [
                ("title".into(), 0, toml::Value::String("Één plan".into()), 7),
                ("weight".into(), 18, toml::Value::Integer(3), 26),
                ("draft".into(), 28, toml::Value::Boolean(true), 35),
                (
                    "aliases".into(),
                    40,
                    toml::Value::Array(vec![toml::Value::String("/old/".into())]),
                    51
                ),
                (
                    "extra".into(),
                    59,
                    toml::Value::Table(
                        [("x".to_string(), toml::Value::Float(1.5))]
                            .into_iter()
                            .collect()
                    ),
                    68
                ),
            ]
        );
    }

    #[test]
    fn dates_and_quoted_text_are_text() {
        let got = read("date: 2024-05-01\ntitle: \"Yes: no\"\n");
        assert_eq!(got[0].2, toml::Value::String("2024-05-01".into()));
        assert_eq!(got[1].2, toml::Value::String("Yes: no".into()));
    }

    #[test]
    fn problems_have_offsets() {
        let e = entries("title: a\ntitle: b\n").err().unwrap();
        assert_eq!(e.offset, 9);
        assert!(e.message.contains("duplicated key"), "{}", e.message);
        let e = entries("- a\n- b\n").err().unwrap();
        assert_eq!(e.message, "the front matter must be `key: value` lines");
        assert!(entries("").unwrap().is_empty());
    }
}
