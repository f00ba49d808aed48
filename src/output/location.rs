//! Where an output folder may be: never the site, a folder above it, or one of its sources.
//! Paths are normalised by their text first (`missing/../content` is `content`), so that what
//! is checked is exactly what is written.

use std::fs;
use std::path::{Component, Path, PathBuf};

use super::OutputError;

/// The site's source folders; the output may not be one of them or inside one.
pub const SOURCE_FOLDERS: [&str; 5] = ["content", "themes", "static", "templates", "i18n"];

/// `path` made absolute (from the current folder) with `.` and `..` resolved by their text,
/// whether or not the folders exist.
pub fn lexical_absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut result = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                result.pop();
            }
            other => result.push(other),
        }
    }
    result
}

/// Refuses an output folder that is the site folder, one of its source folders, inside one of
/// them, a folder above the site, or the site's `site.toml`. `output` is shown in the message.
pub fn check(root: &Path, output: &Path) -> Result<(), OutputError> {
    let root = resolved(root);
    let out = resolved(output);
    let refuse = |what| Err(OutputError::Overlaps(output.to_path_buf(), what));
    if out == root {
        return refuse("the site folder itself");
    }
    if root.starts_with(&out) {
        return refuse("a folder that holds the site");
    }
    if out == root.join("site.toml") {
        return refuse("site.toml");
    }
    for source in SOURCE_FOLDERS {
        if out.starts_with(root.join(source)) {
            return refuse("content/, themes/, static/, templates/, i18n/ or a folder inside them");
        }
    }
    Ok(())
}

/// The lexically absolute path, with links followed for the part that exists.
pub(super) fn resolved(path: &Path) -> PathBuf {
    let path = lexical_absolute(path);
    let mut existing = path.as_path();
    let mut rest = Vec::new();
    while fs::symlink_metadata(existing).is_err() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name);
                existing = parent;
            }
            _ => break,
        }
    }
    let mut result = fs::canonicalize(existing).unwrap_or_else(|_| existing.to_path_buf());
    for name in rest.into_iter().rev() {
        result.push(name);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_dot_is_resolved_by_its_text() {
        assert_eq!(
            lexical_absolute(Path::new("/site/missing/../content")),
            PathBuf::from("/site/content")
        );
        assert_eq!(
            lexical_absolute(Path::new("/site/./public/./")),
            PathBuf::from("/site/public")
        );
        assert_eq!(lexical_absolute(Path::new("/../..")), PathBuf::from("/"));
    }

    #[test]
    fn refuses_sources_reached_through_missing_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        fs::create_dir_all(root.join("content")).unwrap();
        for bad in [
            ".",
            "content",
            "content/out",
            "static",
            "themes",
            "..",
            "nothing-here/../content",
            "a/b/../../content/x",
            "site.toml",
            "x/../..",
        ] {
            assert!(check(&root, &root.join(bad)).is_err(), "{bad}");
        }
        assert!(check(&root, &root.join("public")).is_ok());
        assert!(check(&root, &root.join("../elsewhere")).is_ok());
        assert!(check(&root, &root.join("nothing-here/../public")).is_ok());
    }
}
