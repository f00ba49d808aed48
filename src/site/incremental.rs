//! Rebuilding single pages, for `serve`: after a full build, an edit to existing pages runs the
//! build's own list of stages on those pages alone (`render::run` with `Scope::Pages`): it
//! re-renders them and the files beside them, checks every link of the site again, and marks
//! the files made from the text of all pages (the search indexes) stale, to be made again when
//! they are asked for. An edit that changes what other pages can see of a page (its public
//! view, `PublicPage`, of which its kind decides the part that comes from its data)
//! needs a full build, and [`Incremental::update`] says so instead of guessing.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::links::Check;
use super::render::{self, FileContent, Kept, Outcome, Rebuild, Scope};
use super::{Options, Page, Site, load, search};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// A site's output as served: the files of its last full build, with the files rebuilt since
/// laid over them, and the names of the files that are out of date until they are made again
/// ([`Incremental::file`]). Cheap to clone.
#[derive(Clone)]
pub struct Files {
    built: Arc<BTreeMap<String, FileContent>>,
    rebuilt: Arc<BTreeMap<String, Arc<FileContent>>>,
    stale: Arc<BTreeSet<String>>,
}

impl Files {
    /// Whether the output has a file at `name` (stale or not).
    pub fn contains(&self, name: &str) -> bool {
        self.built.contains_key(name) || self.rebuilt.contains_key(name)
    }

    /// Whether the file at `name` must be made again before it is served.
    pub fn is_stale(&self, name: &str) -> bool {
        self.stale.contains(name)
    }

    /// The file at `name`; `None` for a stale file.
    pub fn get(&self, name: &str) -> Option<&FileContent> {
        if self.is_stale(name) {
            return None;
        }
        match self.rebuilt.get(name) {
            Some(content) => Some(content),
            None => self.built.get(name),
        }
    }

    /// The name of every file.
    pub fn names(&self) -> impl Iterator<Item = &String> {
        // Rebuilding never adds a name, so the full build's names are all of them.
        self.built.keys()
    }
}

/// What [`Incremental::update`] did.
#[derive(Debug)]
pub enum Update {
    /// The changed pages were rebuilt; here are the warnings a full build would give.
    Done(Diagnostics),
    /// The changed pages have errors: here is everything a full build would report. Nothing
    /// was changed.
    Failed(Diagnostics),
    /// The changes need a full build, for the reason given. Nothing was changed.
    NeedsFullBuild(String),
}

/// A built site kept for rebuilding single pages.
pub struct Incremental {
    site: Site,
    /// `--drafts`.
    drafts: bool,
    /// The build date asked for; `None` for today.
    fixed_date: Option<String>,
    /// What the full build made of the whole site.
    kept: Kept,
    /// The link checks of each page, by page index.
    checks: Vec<Vec<Check>>,
    /// Pages by their file, relative to the site folder.
    by_source: HashMap<PathBuf, usize>,
    /// The warnings of the site as it is now.
    warnings: Vec<Diagnostic>,
    files: Files,
    /// Stale files made since they went stale.
    made: Mutex<HashMap<String, Vec<u8>>>,
}

impl Incremental {
    /// Keeps a site that built without errors (`diagnostics` are its warnings) and its files.
    pub fn new(
        mut site: Site,
        files: BTreeMap<String, FileContent>,
        diagnostics: &Diagnostics,
        options: &Options,
    ) -> Incremental {
        let mut kept = site.kept.take().unwrap_or_else(|| Kept::new(&site));
        let mut checks = vec![Vec::new(); site.pages.len()];
        for (from, check) in std::mem::take(&mut kept.checks) {
            checks[from].push(check);
        }
        let by_source = site
            .pages
            .iter()
            .enumerate()
            .filter_map(|(i, page)| Some((page.source.clone()?, i)))
            .collect();
        Incremental {
            drafts: options.drafts,
            fixed_date: options.build_date.clone(),
            kept,
            checks,
            by_source,
            warnings: diagnostics
                .iter()
                .filter(|d| !d.is_error())
                .cloned()
                .collect(),
            files: Files {
                built: Arc::new(files),
                rebuilt: Arc::default(),
                stale: Arc::default(),
            },
            made: Mutex::default(),
            site,
        }
    }

    pub fn site(&self) -> &Site {
        &self.site
    }

    /// The output as it is now.
    pub fn files(&self) -> Files {
        self.files.clone()
    }

    /// Whether a change at `path` (relative to the site folder) can be rebuilt without a full
    /// build: it is the file of a page that exists, or it is under `content/` where neither the
    /// site nor the folder has anything (a temporary file an editor or `sed -i` made and
    /// renamed over a page).
    pub fn can_update(&self, path: &Path) -> bool {
        let on_disk = self.site.root.join(path);
        if self.by_source.contains_key(path) {
            return on_disk.is_file();
        }
        path.starts_with("content")
            && on_disk.symlink_metadata().is_err()
            && !self.site.pages.iter().any(|page| {
                page.source
                    .as_deref()
                    .is_some_and(|source| source.starts_with(path))
            })
            && !self
                .site
                .assets
                .keys()
                .any(|name| Path::new("content").join(name).starts_with(path))
    }

    /// The bytes of an output file, made now if it is stale.
    pub fn file(&self, name: &str) -> Option<Vec<u8>> {
        if !self.files.is_stale(name) {
            return self.files.get(name)?.read().ok().map(|b| b.into_owned());
        }
        let mut made = self.made.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(bytes) = made.get(name) {
            return Some(bytes.clone());
        }
        let lang = self
            .site
            .config
            .languages
            .iter()
            .find(|lang| render::search_index_path(&self.site, lang) == name)?;
        let bytes = search::index(&self.site, lang);
        made.insert(name.to_string(), bytes.clone());
        Some(bytes)
    }

    /// Rebuilds the pages whose files (relative to the site folder) changed, when nothing else
    /// can have changed; see [`Update`].
    pub fn update(&mut self, changed: &[PathBuf]) -> Update {
        let date = self.fixed_date.clone().unwrap_or_else(load::today);
        if date != self.site.build_date {
            return full("the date on the forms changed");
        }
        let mut indices: Vec<usize> = Vec::new();
        for path in changed {
            if !self.can_update(path) {
                return full(format!("{} is not an existing page", path.display()));
            }
            indices.extend(self.by_source.get(path));
        }
        indices.sort_unstable();
        indices.dedup();

        // 1. Read the pages again.
        let mut stages = crate::timings::Stages::start();
        let mut loaded = Vec::new();
        for &i in &indices {
            let source = self.site.pages[i].source.clone().unwrap_or_default();
            let content_path = source
                .strip_prefix("content")
                .unwrap_or(&source)
                .to_string_lossy()
                .replace('\\', "/");
            let root = &self.site.root;
            match load::load_page(
                root,
                &root.join(&source),
                &source,
                &content_path,
                &self.site.config,
                self.site.kinds,
            ) {
                Ok((page, _)) if page.front.draft && !self.drafts => {
                    return full(format!("{} became a draft", source.display()));
                }
                Ok((page, warnings)) => loaded.push((i, page, warnings)),
                // A page that cannot be read is left out of the site, which other pages show.
                Err(_) => return full(format!("{} has errors", source.display())),
            }
        }
        let mut new_warnings = Vec::new();
        let mut old_pages = Vec::new();
        for (i, page, warnings) in loaded {
            new_warnings.extend(warnings);
            old_pages.push((i, std::mem::replace(&mut self.site.pages[i], page)));
        }

        stages.lap("load pages");
        // 2. The stages of a build, on these pages.
        let mut diagnostics = Diagnostics::new();
        let files = &self.files;
        let exists = |name: &str| files.contains(name);
        let rebuild = Rebuild {
            pages: &indices,
            before: &old_pages,
            kept: &self.kept,
            checks: &self.checks,
            exists: &exists,
        };
        let (made, new_checks) =
            match render::run(&mut self.site, &Scope::Pages(rebuild), &mut diagnostics) {
                Outcome::Made { files, checks, .. } => (files, checks),
                Outcome::NeedsAll(reason) => {
                    self.restore(old_pages);
                    return full(reason);
                }
            };

        let changed_files: Vec<&Path> = old_pages
            .iter()
            .map(|(_, old)| old.shown.as_path())
            .collect();
        let mut warnings: Vec<Diagnostic> = self
            .warnings
            .iter()
            .filter(|d| {
                !d.path
                    .as_deref()
                    .is_some_and(|p| changed_files.contains(&p))
            })
            .cloned()
            .collect();
        warnings.extend(new_warnings);
        if diagnostics.has_errors() {
            self.restore(old_pages);
            diagnostics.extend(warnings);
            return Update::Failed(diagnostics);
        }

        // 5. Keep it all.
        for (i, checks) in new_checks {
            self.checks[i] = checks;
        }
        self.warnings = warnings.clone();
        let rebuilt = Arc::make_mut(&mut self.files.rebuilt);
        for (name, content) in made.into_files() {
            rebuilt.insert(name, Arc::new(content));
        }
        let made = self.made.get_mut().unwrap_or_else(|e| e.into_inner());
        for &i in &indices {
            let name = render::search_index_path(&self.site, &self.site.pages[i].lang);
            made.remove(&name);
            Arc::make_mut(&mut self.files.stale).insert(name);
        }
        let mut diagnostics = Diagnostics::new();
        diagnostics.extend(warnings);
        Update::Done(diagnostics)
    }

    /// Puts back the pages an update replaced.
    fn restore(&mut self, old_pages: Vec<(usize, Page)>) {
        for (i, page) in old_pages {
            self.site.pages[i] = page;
        }
    }
}

fn full(reason: impl Into<String>) -> Update {
    Update::NeedsFullBuild(reason.into())
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;
    use crate::site::build_in_memory;

    /// The bundled toolkit, copied into a temporary folder.
    fn bundled() -> (tempfile::TempDir, Options) {
        let dir = tempfile::tempdir().unwrap();
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        for entry in walkdir::WalkDir::new(repo.join("content")) {
            let entry = entry.unwrap();
            let target = dir.path().join(entry.path().strip_prefix(repo).unwrap());
            if entry.file_type().is_dir() {
                fs::create_dir_all(&target).unwrap();
            } else {
                fs::copy(entry.path(), &target).unwrap();
            }
        }
        fs::copy(repo.join("site.toml"), dir.path().join("site.toml")).unwrap();
        let options = Options {
            root: dir.path().to_path_buf(),
            drafts: false,
            base_url: None,
            build_date: Some("2026-11-22".to_string()),
            read_only_cache: false,
            kinds: Default::default(),
        };
        (dir, options)
    }

    fn full_build(options: &Options) -> (Option<BTreeMap<String, FileContent>>, Vec<String>) {
        let mut diagnostics = Diagnostics::new();
        let built = build_in_memory(options, &mut diagnostics);
        (built.map(|(_, files)| files), shown(diagnostics))
    }

    fn shown(mut diagnostics: Diagnostics) -> Vec<String> {
        diagnostics.sort();
        diagnostics.iter().map(|d| d.render(false)).collect()
    }

    fn kept(options: &Options) -> Incremental {
        let mut diagnostics = Diagnostics::new();
        let (site, files) = build_in_memory(options, &mut diagnostics).expect("it builds");
        Incremental::new(site, files, &diagnostics, options)
    }

    /// Changes a file of the site and updates `kept` with it.
    fn edit(
        kept: &mut Incremental,
        relative: &str,
        change: impl FnOnce(String) -> String,
    ) -> Update {
        let path = kept.site.root.join(relative);
        let text = fs::read_to_string(&path).unwrap();
        let changed = change(text.clone());
        assert_ne!(changed, text, "{relative}: the edit changes nothing");
        fs::write(&path, changed).unwrap();
        kept.update(&[PathBuf::from(relative)])
    }

    #[track_caller]
    fn assert_done(update: Update, options: &Options) {
        match update {
            Update::Done(warnings) => assert_eq!(shown(warnings), full_build(options).1),
            other => panic!("not rebuilt alone: {other:?}"),
        }
    }

    /// Every file `kept` serves is the file a full build of the same sources makes, and there
    /// are no others.
    #[track_caller]
    fn assert_same_as_full_build(kept: &Incremental, options: &Options) {
        let fresh = full_build(options).0.expect("it builds");
        let files = kept.files();
        assert_eq!(
            files.names().collect::<Vec<_>>(),
            fresh.keys().collect::<Vec<_>>()
        );
        for (name, content) in &fresh {
            let want = content.read().unwrap();
            let got = kept.file(name).unwrap();
            assert!(got == *want, "{name} differs from a full build");
        }
    }

    #[test]
    fn edits_to_page_bodies_serve_what_a_full_build_makes() {
        let (_dir, options) = bundled();
        let mut kept = kept(&options);
        let update = edit(&mut kept, "content/playbooks/training.md", |t| {
            t.replace(
                "## Actions {#actions}",
                "A new paragraph, linking to [the sources](../sources.md#duffy-2023).\n\n\
                 ## Extra heading\n\n## Actions {#actions}",
            )
        });
        assert_done(update, &options);
        let index = "search-index.json";
        assert!(kept.files().is_stale(index) && !kept.files().is_stale("nl/search-index.json"));
        assert_same_as_full_build(&kept, &options);
        assert!(kept.file(index).is_some());

        // A checklist's prose (its items and the bundles stay the same; its source changes).
        let update = edit(&mut kept, "content/checklists/process.md", |t| {
            t + "\nA closing remark, with **bold** words.\n"
        });
        assert_done(update, &options);
        // A stakeholder map, whose own downloads change.
        let update = edit(&mut kept, "content/tools/stakeholder-map.md", |t| {
            t.replace(
                "name = \"Board of directors\"",
                "name = \"Board of trustees\"",
            )
        });
        assert_done(update, &options);
        // A translation, a section page, and two pages at once.
        let update = edit(&mut kept, "content/playbooks/training.nl.md", |t| {
            t + "\nEen nieuwe alinea.\n"
        });
        assert_done(update, &options);
        fs::write(
            options.root.join("content/_index.md"),
            fs::read_to_string(options.root.join("content/_index.md")).unwrap() + "\nMore.\n",
        )
        .unwrap();
        let update = edit(&mut kept, "content/playbooks/_index.md", |t| {
            t + "\nOne more.\n"
        });
        assert!(matches!(update, Update::Done(_)));
        let update = kept.update(&[
            PathBuf::from("content/_index.md"),
            PathBuf::from("content/playbooks/_index.md"),
        ]);
        assert_done(update, &options);
        assert_same_as_full_build(&kept, &options);
    }

    #[test]
    fn a_removed_anchor_another_page_links_to_gives_the_errors_of_a_full_build() {
        let (_dir, options) = bundled();
        let mut kept = kept(&options);
        let training = "content/playbooks/training.md";
        let update = edit(&mut kept, training, |t| {
            t.replace("## New starters {#new-starters}", "## Newcomers")
        });
        let (_, want) = full_build(&options);
        assert!(
            want.iter().any(|d| d.contains("/content/_index.md:51:")
                && d.contains("/content/playbooks/training.md does not have")),
            "{want:#?}"
        );
        match update {
            Update::Failed(diagnostics) => assert_eq!(shown(diagnostics), want),
            other => panic!("{other:?}"),
        }
        // A broken link in the page itself, and the fix.
        let update = edit(&mut kept, training, |t| {
            t.replace(
                "## Newcomers",
                "## New starters {#new-starters}\n\n[gone](nowhere.md)",
            )
        });
        match update {
            Update::Failed(diagnostics) => assert_eq!(shown(diagnostics), full_build(&options).1),
            other => panic!("{other:?}"),
        }
        let update = edit(&mut kept, training, |t| {
            t.replace("[gone](nowhere.md)", "Fixed.")
        });
        assert_done(update, &options);
        assert_same_as_full_build(&kept, &options);
    }

    #[test]
    fn front_matter_no_other_page_shows_is_rebuilt_alone() {
        let (_dir, options) = bundled();
        let templates = options.root.join("templates");
        fs::create_dir_all(&templates).unwrap();
        let plain = "<title>{{ page.title }}</title>{{ page.extra.owner | default(value=\"\") }}\n";
        fs::write(templates.join("plain.html"), plain).unwrap();
        let mut kept = kept(&options);
        // Values of the page's own: its `[extra]` and its template.
        let update = edit(&mut kept, "content/playbooks/training.md", |t| {
            t.replacen("+++\n", "+++\ntemplate = \"plain.html\"\n", 1)
                .replacen("\n+++\n", "\n[extra]\nowner = \"Lead\"\n+++\n", 1)
        });
        assert_done(update, &options);
        assert_same_as_full_build(&kept, &options);
    }

    #[test]
    fn a_change_of_aliases_needs_a_full_build() {
        // The redirect pages at a page's old addresses are files of their own: adding one (or
        // moving one) must write it, and remove the old one, which rebuilding the page cannot.
        let (_dir, options) = bundled();
        let mut kept = kept(&options);
        let update = edit(&mut kept, "content/playbooks/training.md", |t| {
            t.replacen("+++\n", "+++\naliases = [\"/old/training/\"]\n", 1)
        });
        assert!(
            matches!(update, Update::NeedsFullBuild(_)),
            "aliases: {update:?}"
        );
    }

    #[test]
    fn edits_that_change_other_pages_need_a_full_build() {
        let (_dir, options) = bundled();
        let mut kept = kept(&options);
        let training = "content/playbooks/training.md";
        let process = "content/checklists/process.md";
        let sources = "content/sources.md";
        let originals: Vec<(&str, String)> = [training, process, sources]
            .into_iter()
            .map(|p| (p, fs::read_to_string(options.root.join(p)).unwrap()))
            .collect();
        let restore = || {
            for (path, text) in &originals {
                fs::write(options.root.join(path), text).unwrap();
            }
        };
        for (change, what) in [
            ("title = \"", "a title"),
            ("weight = ", "an order"),
            ("description = \"", "a description"),
            ("+++\n", "draft = true"),
        ] {
            let update = edit(&mut kept, training, |t| {
                let new = if change == "+++\n" {
                    "+++\ndraft = true\n".to_string()
                } else {
                    format!("{change}1")
                };
                t.replacen(change, &new, 1)
            });
            assert!(
                matches!(update, Update::NeedsFullBuild(_)),
                "{what}: {update:?}"
            );
            restore();
        }
        let update = edit(&mut kept, process, |t| {
            t.replace("{#adaptation-log}", "{#adaptations}")
        });
        assert!(
            matches!(update, Update::NeedsFullBuild(_)),
            "checklist item: {update:?}"
        );
        let update = edit(&mut kept, sources, |t| {
            t.replacen("+++", "+++\ntitle = ", 1)
        });
        assert!(
            matches!(update, Update::NeedsFullBuild(_)),
            "broken front matter: {update:?}"
        );
        fs::write(options.root.join("content/new.md"), "A new page.\n").unwrap();
        assert!(matches!(
            kept.update(&[PathBuf::from("content/new.md")]),
            Update::NeedsFullBuild(_)
        ));
        fs::remove_file(options.root.join("content/new.md")).unwrap();

        // Nothing was kept of the edits that needed a full build.
        restore();
        let changed: Vec<PathBuf> = originals.iter().map(|(p, _)| PathBuf::from(p)).collect();
        assert_done(kept.update(&changed), &options);
        assert_same_as_full_build(&kept, &options);

        // A temporary file that is gone again changes nothing; a folder that is gone does.
        assert!(kept.can_update(Path::new("content/playbooks/sedX1a2b3")));
        fs::remove_file(options.root.join("content/tools/feedback-guide.nl.md")).unwrap();
        assert!(matches!(
            kept.update(&[PathBuf::from("content/tools/feedback-guide.nl.md")]),
            Update::NeedsFullBuild(_)
        ));
        fs::rename(
            options.root.join("content/tools"),
            options.root.join("tools"),
        )
        .unwrap();
        assert!(!kept.can_update(Path::new("content/tools")));
        assert!(!kept.can_update(Path::new("templates/page.html")));
    }
}
