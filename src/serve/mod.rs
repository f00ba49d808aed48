//! The development server: serves the site from memory, rebuilds it when its sources change and
//! tells open pages to reload. It never writes the output folder.
//!
//! `route` maps request paths to files, `http` answers requests, `server` keeps the connections
//! (`request` reads request heads, `response` writes answers), `inject` adds the reload script
//! and the error overlay, `watch` turns file events into rebuilds.

pub mod http;
pub mod inject;
pub mod request;
pub mod response;
pub mod route;
pub mod server;
pub mod watch;

use std::collections::BTreeSet;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::config::normalise_base_url;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::site::incremental::{Files, Incremental, Update};
use crate::site::{self, Options};

/// The last good site, shared by the rebuild loop (which updates it) and the request handlers
/// (which make its stale files when they are asked for).
pub type Kept = Arc<RwLock<Option<Incremental>>>;

/// One build as the server sees it.
pub struct Build {
    /// The last good site; `None` until a build has succeeded.
    pub files: Option<Files>,
    /// The errors of the latest build (empty when it succeeded).
    pub errors: Vec<Diagnostic>,
    /// The path the site is served under: `/`, `/toolkit/`.
    pub base_path: String,
    /// Changes with every build; pages reload when it differs from the one they came from.
    pub id: String,
}

/// What the request handlers and the rebuild loop share.
pub struct Shared {
    current: RwLock<Arc<Build>>,
    /// Open event streams; each gets the id of every new build.
    listeners: Mutex<Vec<Sender<String>>>,
    kept: Kept,
}

impl Shared {
    pub fn new(first: Build, kept: Kept) -> Shared {
        Shared {
            current: RwLock::new(Arc::new(first)),
            listeners: Mutex::new(Vec::new()),
            kept,
        }
    }

    /// The bytes of the file `name` of `files`; a stale one is made now, from the site as it is.
    pub fn read(&self, files: &Files, name: &str) -> Option<Vec<u8>> {
        if files.is_stale(name) {
            let kept = self.kept.read().unwrap_or_else(|e| e.into_inner());
            return kept.as_ref()?.file(name);
        }
        files.get(name)?.read().ok().map(|bytes| bytes.into_owned())
    }

    pub fn current(&self) -> Arc<Build> {
        self.current
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Makes `build` the one served and announces it to every open page.
    pub fn publish(&self, build: Build) {
        let id = build.id.clone();
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(build);
        self.listeners
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|listener| listener.send(id.clone()).is_ok());
    }

    /// Sends `listener` the id of every new build.
    fn listen(&self, listener: Sender<String>) {
        self.listeners
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(listener);
    }
}

/// Whether serving on `ip` keeps the site on this computer: loopback, also written as IPv6
/// (`::ffff:127.0.0.1`).
pub fn is_loopback(ip: IpAddr) -> bool {
    ip.to_canonical().is_loopback()
}

/// Builds the site for serving. `site_url` is the scheme, host and port (`http://127.0.0.1:1111`)
/// that replaces the one of `base_url`, unless `options.base_url` is set (`--base-url`).
pub struct Builder {
    pub options: Options,
    pub site_url: String,
    count: u64,
    started: u128,
    kept: Kept,
    /// Sources changed since the kept site was built or updated (relative to the site folder).
    pending: BTreeSet<PathBuf>,
}

/// The outcome of one build, for the terminal.
pub struct Report {
    pub elapsed: Duration,
    pub diagnostics: Diagnostics,
    pub succeeded: bool,
}

impl Builder {
    pub fn new(options: Options, site_url: String) -> Builder {
        let started = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or(0);
        Builder {
            options,
            site_url,
            count: 0,
            started,
            kept: Kept::default(),
            pending: BTreeSet::new(),
        }
    }

    /// The site the builds come from.
    pub fn kept(&self) -> Kept {
        Arc::clone(&self.kept)
    }

    /// Notes sources that changed (relative to the site folder), for the next build.
    pub fn changed(&mut self, paths: impl IntoIterator<Item = PathBuf>) {
        self.pending.extend(paths);
    }

    /// Whether a change to `path` (with those noted) can be rebuilt without a full build, as
    /// an edit of existing pages.
    pub fn is_quick(&self, path: &Path) -> bool {
        let kept = self.kept.read().unwrap_or_else(|e| e.into_inner());
        kept.as_ref().is_some_and(|site| {
            site.can_update(path) && self.pending.iter().all(|p| site.can_update(p))
        })
    }

    fn next_id(&mut self) -> String {
        self.count += 1;
        format!("{}-{}", self.started, self.count)
    }

    /// Rebuilds only the pages noted as changed, when that is enough; `None` when the changes
    /// need a full build ([`Builder::build`]). On errors, the last good site stays served.
    pub fn update(&mut self) -> Option<(Build, Report)> {
        let started = Instant::now();
        let mut kept = self.kept.write().unwrap_or_else(|e| e.into_inner());
        let site = kept.as_mut()?;
        let changed: Vec<PathBuf> = self.pending.iter().cloned().collect();
        let (mut diagnostics, succeeded) = match site.update(&changed) {
            Update::NeedsFullBuild(reason) => {
                crate::timings::note(&format!("full build: {reason}"));
                return None;
            }
            Update::Done(diagnostics) => (diagnostics, true),
            Update::Failed(diagnostics) => (diagnostics, false),
        };
        diagnostics.sort();
        let files = site.files();
        let base_path = site.site().config.base_path.clone();
        drop(kept);
        if succeeded {
            self.pending.clear();
        }
        let build = Build {
            files: Some(files),
            errors: diagnostics
                .iter()
                .filter(|d| d.is_error())
                .cloned()
                .collect(),
            base_path,
            id: self.next_id(),
        };
        let report = Report {
            elapsed: started.elapsed(),
            diagnostics,
            succeeded,
        };
        Some((build, report))
    }

    /// The base URL this build uses: `--base-url`, else the local address with the path of
    /// `base_url` from site.toml.
    pub fn base_url(&self) -> String {
        if let Some(url) = &self.options.base_url {
            return url.clone();
        }
        let path = base_path_of(&self.options.root).unwrap_or_else(|| "/".to_string());
        format!("{}{path}", self.site_url)
    }

    /// Builds the whole site into memory; keeps the last good files of `previous` on errors.
    pub fn build(&mut self, previous: Option<&Build>) -> (Build, Report) {
        let started = Instant::now();
        let base_url = self.base_url();
        let options = Options {
            base_url: Some(base_url.clone()),
            ..self.options.clone()
        };
        let mut diagnostics = Diagnostics::new();
        let built = site::build_in_memory(&options, &mut diagnostics);
        diagnostics.sort();
        let id = self.next_id();
        let succeeded = built.is_some();
        let build = match built {
            Some((site, files)) => {
                let base_path = site.config.base_path.clone();
                let kept = Incremental::new(site, files, &diagnostics, &options);
                let files = kept.files();
                let old = self
                    .kept
                    .write()
                    .unwrap_or_else(|e| e.into_inner())
                    .replace(kept);
                drop(old);
                self.pending.clear();
                Build {
                    files: Some(files),
                    errors: Vec::new(),
                    base_path,
                    id,
                }
            }
            None => Build {
                files: previous.and_then(|p| p.files.clone()),
                errors: diagnostics
                    .iter()
                    .filter(|d| d.is_error())
                    .cloned()
                    .collect(),
                base_path: match (previous, normalise_base_url(&base_url)) {
                    (Some(p), _) if p.files.is_some() => p.base_path.clone(),
                    (_, Ok((_, path))) => path,
                    _ => "/".to_string(),
                },
                id,
            },
        };
        let report = Report {
            elapsed: started.elapsed(),
            diagnostics,
            succeeded,
        };
        (build, report)
    }
}

/// The path of `base_url` in the site's `site.toml`, if it can be read.
fn base_path_of(root: &Path) -> Option<String> {
    let text = std::fs::read_to_string(root.join("site.toml")).ok()?;
    let table: toml::Table = toml::from_str(&text).ok()?;
    let url = table.get("base_url")?.as_str()?;
    normalise_base_url(url).ok().map(|(_, path)| path)
}

/// `http://127.0.0.1:1111`, `http://[::1]:1111`; an unspecified address is shown as loopback,
/// an IPv4 address written as IPv6 (`::ffff:127.0.0.1`) as IPv4.
pub fn site_url(ip: IpAddr, port: u16) -> String {
    match ip.to_canonical() {
        IpAddr::V4(v4) if v4.is_unspecified() => format!("http://127.0.0.1:{port}"),
        IpAddr::V4(v4) => format!("http://{v4}:{port}"),
        IpAddr::V6(v6) if v6.is_unspecified() => format!("http://[::1]:{port}"),
        IpAddr::V6(v6) => format!("http://[{v6}]:{port}"),
    }
}
