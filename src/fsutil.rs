//! Reading files with errors that name the file and, for bad UTF-8, the line and column; which
//! file names toolkit passes over.

use std::path::Path;

use crate::diagnostics::{Diagnostic, Position, position_in};

/// Reads a UTF-8 text file. Leading byte-order marks are dropped.
pub fn read_text(path: &Path, shown: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::error(format!("cannot read the file: {}", io_reason(&e)))
            .in_file(shown)
            .with_hint("check that the file exists and that you may read it")
    })?;
    decode(bytes, shown)
}

/// Decodes file contents as UTF-8, naming the place of the first bad byte.
pub fn decode(bytes: Vec<u8>, shown: &Path) -> Result<String, Diagnostic> {
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            // Editors that add a byte-order mark to a file that has one already leave two.
            let marks = text.len() - text.trim_start_matches('\u{feff}').len();
            text.drain(..marks);
            Ok(text)
        }
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let good = std::str::from_utf8(&bytes[..valid]).unwrap_or("");
            let Position { line, column } = position_in(good, good.len());
            Err(Diagnostic::error("the file is not valid UTF-8")
                .at(shown, Position { line, column })
                .with_hint(
                    "save the file as UTF-8 in your editor (\"Save with encoding\" → UTF-8)",
                ))
        }
    }
}

/// An I/O error's reason without Rust's `(os error N)` noise.
pub fn io_reason(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// Files and folders toolkit passes over everywhere: hidden files, editors' swap and backup files.
pub fn is_ignored_name(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.')
        || name.ends_with('~')
        || name.starts_with('#')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
        || name == "4913"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_utf8_names_line_and_column() {
        let bytes = b"+++\ntitle = \"caf\xe9\"\n+++\n".to_vec();
        let d = decode(bytes, Path::new("content/a.md")).unwrap_err();
        assert_eq!(
            d.to_string(),
            "content/a.md:2:13: error: the file is not valid UTF-8\n  hint: save the file as UTF-8 in your editor (\"Save with encoding\" → UTF-8)"
        );
    }

    #[test]
    fn bom_is_dropped() {
        assert_eq!(
            decode("\u{feff}hi".as_bytes().to_vec(), Path::new("a")).unwrap(),
            "hi"
        );
        assert_eq!(
            decode("\u{feff}\u{feff}+++\n".as_bytes().to_vec(), Path::new("a")).unwrap(),
            "+++\n"
        );
    }
}
