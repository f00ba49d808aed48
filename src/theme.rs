//! The default theme, compiled into the binary so that a folder with only `site.toml` and
//! `content/` builds. It is the same files as `themes/default/` in this repository.

use include_dir::{Dir, include_dir};

/// The built-in default theme: `templates/`, `static/` and `i18n/`.
pub static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Every file under `folder` of the built-in theme, as (path inside `folder`, bytes).
pub fn builtin_files(folder: &str) -> Vec<(String, &'static [u8])> {
    let mut files = Vec::new();
    if let Some(dir) = DEFAULT_THEME.get_dir(folder) {
        collect(dir, folder, &mut files);
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}

fn collect(dir: &'static Dir<'static>, prefix: &str, out: &mut Vec<(String, &'static [u8])>) {
    for file in dir.files() {
        let path = file.path().to_string_lossy().replace('\\', "/");
        let inside = path
            .strip_prefix(prefix)
            .unwrap_or(&path)
            .trim_start_matches('/')
            .to_string();
        out.push((inside, file.contents()));
    }
    for sub in dir.dirs() {
        collect(sub, prefix, out);
    }
}
