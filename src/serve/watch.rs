//! Watching the site's sources: which changed paths matter, and turning a burst of file events
//! (an editor's save is often several) into one rebuild.
//!
//! An edit to existing pages, which the server rebuilds in milliseconds, waits only for the
//! events of one save to end ([`QUIET`]); anything else (files created, deleted or renamed, a
//! file that is missing for a moment while an editor replaces it) waits until the sources have
//! been quiet for [`DEBOUNCE`], as a `git checkout` or a folder rename takes a while.
//!
//! The source folders are watched recursively and the site folder itself without recursion (for
//! `site.toml` and for source folders that appear later), so the output folder, `target/`,
//! `.git/` and `node_modules/` are never walked.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::{RecommendedWatcher, RecursiveMode, Watcher};

use crate::fsutil::is_ignored_name;

/// The folders of a site whose files feed the build.
pub const SOURCE_FOLDERS: [&str; 5] = ["content", "templates", "themes", "static", "i18n"];
/// How long the sources must stay quiet before existing pages that changed are rebuilt: the
/// events of one save (write, rename over the file, change of mode) come within a few
/// milliseconds.
pub const QUIET: Duration = Duration::from_millis(15);
/// How long the sources must stay quiet before anything else is rebuilt.
pub const DEBOUNCE: Duration = Duration::from_millis(100);
/// A rebuild starts at the latest this long after the first event, even if events keep coming.
const LONGEST_WAIT: Duration = Duration::from_secs(2);

/// Whether a change to `relative` (a path relative to the site folder) can change the site:
/// `site.toml` and anything in a source folder, except editors' swap, backup and temporary files
/// and folders that are never sources.
pub fn is_source_change(relative: &Path) -> bool {
    let mut components = relative.components();
    let Some(first) = components.next() else {
        return false;
    };
    let first = first.as_os_str();
    if relative == Path::new("site.toml") {
        return true;
    }
    if !SOURCE_FOLDERS.iter().any(|f| first == *f) {
        return false;
    }
    relative.components().skip(1).all(|c| {
        let name = c.as_os_str();
        !is_ignored_name(name) && name != "node_modules" && name != "target"
    })
}

/// Watches a site folder and sends nothing itself: [`Watch::next_change`] waits for changes.
pub struct Watch {
    root: PathBuf,
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    /// When the last event that mattered came.
    last: Instant,
}

impl Watch {
    pub fn new(root: &Path) -> notify::Result<Watch> {
        let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        let (sender, events) = channel();
        let mut watcher = notify::recommended_watcher(move |event| {
            let _ = sender.send(event);
        })?;
        watcher.watch(&root, RecursiveMode::NonRecursive)?;
        let mut watch = Watch {
            root,
            watcher,
            events,
            last: Instant::now(),
        };
        for folder in SOURCE_FOLDERS {
            watch.watch_folder(folder);
        }
        Ok(watch)
    }

    fn watch_folder(&mut self, folder: &str) {
        let path = self.root.join(folder);
        if path.is_dir() {
            let _ = self.watcher.watch(&path, RecursiveMode::Recursive);
        }
    }

    /// Waits for a change to the sources, then until they are quiet: for [`QUIET`] when `quick`
    /// holds for every changed path (an existing page the server rebuilds alone), else for
    /// [`DEBOUNCE`]. Returns the changed paths (relative to the site folder), or `None` when
    /// watching has ended.
    pub fn next_change(&mut self, quick: impl Fn(&Path) -> bool) -> Option<Vec<PathBuf>> {
        let mut changed = Vec::new();
        while changed.is_empty() {
            let event = self.events.recv().ok()?;
            self.collect(event, &mut changed);
        }
        let started = Instant::now();
        self.wait_quiet(&mut changed, QUIET, started)?;
        if !changed.iter().all(|path| quick(path)) {
            self.wait_quiet(&mut changed, DEBOUNCE, started)?;
        }
        Some(changed)
    }

    /// Waits until the sources have been quiet for [`DEBOUNCE`] since the last change, for a
    /// full rebuild after [`Watch::next_change`] returned early. Returns the paths that changed
    /// meanwhile, or `None` when watching has ended.
    pub fn settle(&mut self) -> Option<Vec<PathBuf>> {
        let mut changed = Vec::new();
        self.wait_quiet(&mut changed, DEBOUNCE, Instant::now())?;
        Some(changed)
    }

    /// Collects events into `changed` until none has come for `quiet`, or [`LONGEST_WAIT`]
    /// after `started`; leaves `changed` sorted, without duplicates.
    fn wait_quiet(
        &mut self,
        changed: &mut Vec<PathBuf>,
        quiet: Duration,
        started: Instant,
    ) -> Option<()> {
        loop {
            let waited = self.last.elapsed();
            if waited >= quiet || started.elapsed() > LONGEST_WAIT {
                break;
            }
            match self.events.recv_timeout(quiet - waited) {
                Ok(event) => self.collect(event, changed),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
        changed.sort();
        changed.dedup();
        Some(())
    }

    fn collect(&mut self, event: notify::Result<notify::Event>, changed: &mut Vec<PathBuf>) {
        let Ok(event) = event else {
            // The watcher lost events (an overflowing queue): rebuild to be safe.
            changed.push(PathBuf::from("site.toml"));
            self.last = Instant::now();
            return;
        };
        if matches!(event.kind, notify::EventKind::Access(_)) {
            // Reading a file (the build itself, or serving a copied file) changes nothing.
            return;
        }
        for path in event.paths {
            let relative = path
                .strip_prefix(&self.root)
                .map(Path::to_path_buf)
                .unwrap_or(path);
            if relative.components().count() == 1
                && let Some(folder) = SOURCE_FOLDERS.iter().find(|f| relative == Path::new(f))
            {
                // A source folder that was created or replaced: watch it (again).
                self.watch_folder(folder);
            }
            if is_source_change(&relative) {
                changed.push(relative);
                self.last = Instant::now();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_and_not_the_rest() {
        for yes in [
            "site.toml",
            "content",
            "content/a.md",
            "content/deep/x/b.png",
            "templates/page.html",
            "themes/t/static/s.css",
            "static/f.pdf",
            "i18n/nl.toml",
        ] {
            assert!(is_source_change(Path::new(yes)), "{yes}");
        }
        for no in [
            "public/index.html",
            "target/debug/x",
            ".git/index",
            "node_modules/a/b.js",
            "README.md",
            "site.toml~",
            ".site.toml.swp",
            "content/.a.md.swp",
            "content/a.md~",
            "content/.#a.md",
            "content/4913",
            "content/a.md.tmp",
            "themes/t/node_modules/x.js",
            "static/.git/HEAD",
        ] {
            assert!(!is_source_change(Path::new(no)), "{no}");
        }
    }
}
