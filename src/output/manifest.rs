//! The `.toolkit-manifest` in every output folder: the list of files toolkit wrote there, read
//! back without trusting it (an entry that is not a plain path inside the folder is refused).

use std::collections::BTreeSet;
use std::path::{Component, Path};

/// The file in every output folder that lists what toolkit wrote there.
pub const MANIFEST: &str = ".toolkit-manifest";
const HEADER: &str =
    "# Written by toolkit. It replaces this folder only while every file in it is listed here.";

/// A manifest line that does not name a file inside the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadEntry {
    /// The line, counted from 1.
    pub line: usize,
    /// The entry as written, with control characters shown escaped.
    pub entry: String,
}

/// The manifest's text for `names`; `None` when a name could not be read back as one line.
pub fn render<'a>(names: impl IntoIterator<Item = &'a String>) -> Result<String, String> {
    let mut text = String::from(HEADER);
    text.push('\n');
    for name in names {
        if !is_safe_entry(name) {
            return Err(name.clone());
        }
        text.push_str(name);
        text.push('\n');
    }
    Ok(text)
}

/// The files a manifest lists. Every entry must be a normalised relative path inside the folder.
pub fn parse(text: &str) -> Result<BTreeSet<String>, BadEntry> {
    let mut listed = BTreeSet::new();
    for (index, line) in text.split('\n').enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if !is_safe_entry(line) {
            return Err(BadEntry {
                line: index + 1,
                entry: line.escape_debug().to_string(),
            });
        }
        listed.insert(line.to_string());
    }
    Ok(listed)
}

/// Whether `entry` is a path toolkit may have written: relative, `/`-separated, with no empty,
/// `.` or `..` part, no root or drive, and no control characters (a line break would split it).
pub fn is_safe_entry(entry: &str) -> bool {
    !entry.is_empty()
        && !entry.chars().any(char::is_control)
        && entry
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
        && Path::new(entry)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_back_what_it_writes() {
        let names = ["index.html".to_string(), "a b/café.txt".to_string()];
        let text = render(&names).unwrap();
        assert_eq!(parse(&text).unwrap(), names.into_iter().collect());
    }

    #[test]
    fn refuses_entries_outside_the_folder() {
        for (bad, shown) in [
            ("../site.toml", "../site.toml"),
            ("/tmp/victim.txt", "/tmp/victim.txt"),
            ("a/../../b", "a/../../b"),
            ("./a", "./a"),
            ("a//b", "a//b"),
            ("a/", "a/"),
            ("..", ".."),
            ("a\rb", "a\\rb"),
        ] {
            let text = format!("# header\nindex.html\n{bad}\n");
            assert_eq!(
                parse(&text),
                Err(BadEntry {
                    line: 3,
                    entry: shown.to_string()
                }),
                "{bad}"
            );
        }
    }

    #[test]
    fn never_writes_a_line_it_cannot_read_back() {
        assert_eq!(
            render(&["a\nb.txt".to_string()]),
            Err("a\nb.txt".to_string())
        );
    }
}
