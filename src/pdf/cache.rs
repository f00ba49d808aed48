//! A cache of PDF forms between builds, in `.toolkit-cache/pdf/` in the site folder: a form is
//! found by a digest of everything it is drawn from (the document, the fonts of the machine it
//! needs, and the code, fonts and crates that draw it), so an entry is never stale; it only goes unused. A build that succeeds
//! removes the entries it did not use. The cache is a help, never a need: when it cannot be
//! read or written, forms are drawn as if it were not there.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use super::{Document, PdfError};

/// Where the cache lives, relative to the site folder.
pub const FOLDER: &str = ".toolkit-cache/pdf";

/// Everything besides the document that decides a form's bytes.
fn drawing_fingerprint() -> &'static blake3::Hash {
    static FINGERPRINT: OnceLock<blake3::Hash> = OnceLock::new();
    FINGERPRINT.get_or_init(|| {
        let mut hasher = blake3::Hasher::new();
        for part in [
            env!("CARGO_PKG_VERSION").as_bytes(),
            include_bytes!("mod.rs"),
            include_bytes!("layout.rs"),
            include_bytes!("draw.rs"),
            include_bytes!("text.rs"),
            include_bytes!("face.rs"),
            include_bytes!("fallback.rs"),
            include_bytes!("fonts/LiberationSans-Regular.ttf"),
            include_bytes!("fonts/LiberationSans-Bold.ttf"),
            include_bytes!("../../Cargo.lock"),
        ] {
            hasher.update(&(part.len() as u64).to_le_bytes());
            hasher.update(part);
        }
        hasher.finalize()
    })
}

/// The PDF forms of one site, kept between builds.
pub struct PdfCache {
    /// `None`: no cache (switched off with `TOOLKIT_CACHE=0`).
    folder: Option<PathBuf>,
    /// Forms are looked up but new ones are not kept.
    read_only: bool,
    /// The entries this build used, by file name.
    used: Mutex<HashSet<String>>,
}

impl PdfCache {
    /// The cache of the site in `root`, unless `TOOLKIT_CACHE=0` switches caching off;
    /// `read_only` keeps new forms out of it.
    pub fn for_site(root: &Path, read_only: bool) -> PdfCache {
        let off = std::env::var_os("TOOLKIT_CACHE").is_some_and(|v| v == "0");
        PdfCache {
            folder: (!off).then(|| root.join(FOLDER)),
            read_only,
            used: Mutex::new(HashSet::new()),
        }
    }

    /// The form of `document`, from the cache or drawn (and then kept).
    pub fn render(&self, document: &Document) -> Result<Vec<u8>, PdfError> {
        let Some(folder) = &self.folder else {
            return super::render(document);
        };
        let mut hasher = blake3::Hasher::new();
        hasher.update(drawing_fingerprint().as_bytes());
        hasher.update(format!("{document:?}").as_bytes());
        // A form drawn with other fonts of the machine (one installed since) is another form.
        for digest in super::machine_fonts(document) {
            hasher.update(digest.as_bytes());
        }
        let name = format!("{}.pdf", hasher.finalize().to_hex());
        self.used
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(name.clone());
        let path = folder.join(&name);
        if let Ok(bytes) = fs::read(&path) {
            return Ok(bytes);
        }
        let bytes = super::render(document)?;
        if self.read_only {
            return Ok(bytes);
        }
        // Written beside its place and renamed, so that no reader sees half a file.
        if fs::create_dir_all(folder).is_ok() {
            let partial = folder.join(format!(".{name}.{}", std::process::id()));
            if fs::write(&partial, &bytes).is_err() || fs::rename(&partial, &path).is_err() {
                let _ = fs::remove_file(&partial);
            }
        }
        Ok(bytes)
    }

    /// Removes the cache's entries that this build did not use. Only files named as the cache
    /// names them are touched.
    pub fn remove_unused(&self) {
        let Some(folder) = self.folder.as_ref().filter(|_| !self.read_only) else {
            return;
        };
        let Ok(entries) = fs::read_dir(folder) else {
            return;
        };
        let used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if is_entry_name(&name) && !used.contains(&name) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}

/// `<64 hex digits>.pdf`.
fn is_entry_name(name: &str) -> bool {
    name.strip_suffix(".pdf")
        .is_some_and(|hex| hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_digest_names_are_entries() {
        assert!(is_entry_name(&format!("{}.pdf", "a1".repeat(32))));
        assert!(!is_entry_name("notes.pdf"));
        assert!(!is_entry_name(&format!("{}.pdf.tmp", "a1".repeat(32))));
        assert!(!is_entry_name(&format!("{}.pdf", "g1".repeat(32))));
    }
}
