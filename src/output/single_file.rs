//! Writing one file a command was asked for (`toolkit plan --ics FILE`) without ever replacing
//! a source of the site or a file that toolkit did not write, unless told to.

use std::fs;
use std::io::Write;
use std::path::Path;

use super::location::{SOURCE_FOLDERS, lexical_absolute, resolved};
use crate::diagnostics::Diagnostic;
use crate::fsutil::io_reason;

/// How to write one file.
pub struct SingleFile<'a> {
    /// The site folder, whose sources are never written without `force`.
    pub root: &'a Path,
    /// What the file is, for messages: "the calendar".
    pub what: &'a str,
    /// Whether the bytes of an existing file show that toolkit wrote it (it may be replaced).
    pub is_ours: &'a dyn Fn(&[u8]) -> bool,
    /// Replace whatever is there.
    pub force: bool,
}

impl SingleFile<'_> {
    /// Writes `data` to `path` (through a temporary file beside it, so that a failed write
    /// leaves the old file as it was). `path` is shown in messages as given.
    pub fn write(&self, path: &Path, data: &[u8]) -> Result<(), Diagnostic> {
        let refuse = |message: String, hint: &str| {
            Err(Diagnostic::error(message)
                .in_file(path)
                .with_hint(hint.to_string()))
        };
        let target = lexical_absolute(path);
        if !self.force
            && let Some(source) = self.site_source(&target)
        {
            return refuse(
                format!(
                    "{} would be written over the site's sources ({source})",
                    self.what
                ),
                "write it outside content/, themes/, static/, templates/ and i18n/, or add --force",
            );
        }
        match fs::symlink_metadata(&target) {
            Ok(m) if m.is_dir() => {
                return refuse(
                    format!("{} cannot be written: this is a folder", self.what),
                    "give a file name, such as training.ics",
                );
            }
            Ok(_) if !self.force => {
                let ours = fs::read(&target).is_ok_and(|bytes| (self.is_ours)(&bytes));
                if !ours {
                    return refuse(
                        format!("the file exists and is not {} toolkit wrote", self.what),
                        "choose another file name, or add --force to replace it",
                    );
                }
            }
            _ => {}
        }
        let cannot = |e: std::io::Error| {
            Diagnostic::error(format!("could not write {}: {}", self.what, io_reason(&e)))
                .in_file(path)
                .with_hint("check that the folder exists and may be written")
        };
        let folder = match target.parent() {
            Some(p) => p,
            None => {
                return refuse(
                    format!("{} needs a file name", self.what),
                    "give a file name, such as training.ics",
                );
            }
        };
        let mut temporary = tempfile::Builder::new()
            .prefix(".toolkit-")
            .tempfile_in(folder)
            .map_err(cannot)?;
        temporary.write_all(data).map_err(cannot)?;
        temporary.persist(&target).map_err(|e| cannot(e.error))?;
        Ok(())
    }

    /// Which source of the site `target` is or is inside, if any.
    fn site_source(&self, target: &Path) -> Option<String> {
        let root = resolved(self.root);
        let target = resolved(target);
        if target == root.join("site.toml") {
            return Some("site.toml".into());
        }
        SOURCE_FOLDERS
            .iter()
            .find(|source| target.starts_with(root.join(source)))
            .map(|source| format!("{source}/"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn calendar(root: &Path, force: bool) -> SingleFile<'_> {
        SingleFile {
            root,
            what: "the calendar",
            is_ours: &|bytes| bytes.starts_with(b"BEGIN:VCALENDAR"),
            force,
        }
    }

    #[test]
    fn never_replaces_a_source_or_a_foreign_file_unless_forced() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("content")).unwrap();
        fs::write(root.join("site.toml"), "title = \"T\"").unwrap();
        fs::write(root.join("notes.txt"), "mine").unwrap();
        for (name, message) in [
            (
                "site.toml",
                "the calendar would be written over the site's sources (site.toml)",
            ),
            (
                "content/plan.ics",
                "the calendar would be written over the site's sources (content/)",
            ),
            (
                "missing/../content/plan.ics",
                "the calendar would be written over the site's sources (content/)",
            ),
            (
                "notes.txt",
                "the file exists and is not the calendar toolkit wrote",
            ),
            (
                "content",
                "the calendar would be written over the site's sources (content/)",
            ),
        ] {
            let e = calendar(root, false)
                .write(&root.join(name), b"BEGIN:VCALENDAR")
                .unwrap_err();
            assert!(e.to_string().contains(message), "{name}: {e}");
        }
        assert_eq!(fs::read_to_string(root.join("notes.txt")).unwrap(), "mine");
        assert_eq!(
            fs::read_to_string(root.join("site.toml")).unwrap(),
            "title = \"T\""
        );

        let plan = root.join("plan.ics");
        calendar(root, false)
            .write(&plan, b"BEGIN:VCALENDAR 1")
            .unwrap();
        calendar(root, false)
            .write(&plan, b"BEGIN:VCALENDAR 2")
            .unwrap();
        assert_eq!(fs::read_to_string(&plan).unwrap(), "BEGIN:VCALENDAR 2");
        calendar(root, true)
            .write(&root.join("notes.txt"), b"BEGIN:VCALENDAR")
            .unwrap();
        let names: Vec<_> = fs::read_dir(root)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert!(
            names
                .iter()
                .all(|n| !n.to_string_lossy().starts_with(".toolkit-")),
            "{names:?}"
        );
    }
}
