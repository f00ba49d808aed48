//! `toolkit plan`: the training planner's dated schedule on the command line, from the same
//! rules and with the same arithmetic as the planner page; optionally written as an `.ics` file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{Outcome, report};
use crate::content::paths::{self, PageIdentity};
use crate::diagnostics::{Diagnostic, Diagnostics, LineIndex, one_line};
use crate::kinds::Kind;
use crate::kinds::planner::schedule::{self, OutOfRange, Schedule};
use crate::kinds::planner::{
    self, Date, PlannerData, Rules, date, ics, moved_note, relative, when, word,
};
use crate::site::{Options, Page, Site};

/// What `toolkit plan` was asked.
#[derive(Debug, Clone)]
pub struct PlanArgs {
    pub root: PathBuf,
    /// The planner page; else the site's planner page in the default language.
    pub page: Option<PathBuf>,
    pub go_live: Date,
    pub training: Vec<Date>,
    /// Where to write the calendar.
    pub ics: Option<PathBuf>,
    /// Replace the calendar file whatever it is.
    pub force: bool,
    pub quiet: bool,
}

/// The plan's rules and where they come from.
struct Source {
    rules: Rules,
    shown: PathBuf,
    /// The words of the page's language, as the page gets them.
    words: BTreeMap<String, String>,
    host: String,
    title: String,
}

/// Reads a `YYYY-MM-DD` date from the command line.
pub fn parse_date(text: &str) -> Result<Date, String> {
    date::parse(text).map_err(|why| format!("`{text}` is not a date: {why}"))
}

/// The site in `root` as a build loads it, with its problems; `Ok(None)` when there is no
/// site.toml, and the problems when not even the settings, templates or words can be read.
fn load_site(root: &Path, build_date: String) -> Result<Option<(Site, Diagnostics)>, Diagnostics> {
    if !root.join("site.toml").is_file() {
        return Ok(None);
    }
    let mut diagnostics = Diagnostics::new();
    let options = Options {
        root: root.to_path_buf(),
        build_date: Some(build_date),
        ..Options::default()
    };
    let site = Site::load(&options, &mut diagnostics);
    diagnostics.sort();
    match site {
        Some(site) => Ok(Some((site, diagnostics))),
        None => Err(diagnostics),
    }
}

/// The page of a file as the build identifies it: its language (from its name and the site's
/// languages) and, when it lies under `content/`, its key.
fn identify(site: Option<&Site>, path: &Path) -> Result<PageIdentity, Diagnostic> {
    let name = path
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let Some(site) = site else {
        // No site: the languages of the built-in theme's words, English first.
        let builtin: Vec<String> = crate::theme::builtin_files("i18n")
            .iter()
            .filter_map(|(file, _)| Some(file.strip_suffix(".toml")?.to_string()))
            .collect();
        return Ok(
            paths::identify(&name, &builtin, "en").unwrap_or_else(|_| PageIdentity {
                lang: "en".to_string(),
                key: String::new(),
                is_section: false,
            }),
        );
    };
    let config = &site.config;
    let content = std::fs::canonicalize(site.root.join("content")).ok();
    let file = std::fs::canonicalize(path).ok();
    let content_path = match (content, file) {
        (Some(content), Some(file)) => file.strip_prefix(&content).ok().map(|relative| {
            relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/")
        }),
        _ => None,
    };
    // Outside `content/` only the name says the language.
    paths::identify(
        content_path.as_deref().unwrap_or(&name),
        &config.languages,
        &config.default_language,
    )
    .map_err(|problem| problem.diagnostic(&config.languages, path))
}

/// The plan of a planner page the site has loaded.
fn from_page(site: &Site, page: &Page, shown: PathBuf) -> Option<Source> {
    let data = PlannerData::from_value(&page.data)?;
    let stem = page.shown.file_stem().unwrap_or_default().to_string_lossy();
    let title = [page.front.title.as_deref(), Some(page.title.as_str())]
        .into_iter()
        .flatten()
        .find(|t| !t.is_empty())
        .unwrap_or(&stem)
        .to_string();
    Some(Source {
        rules: data.rules,
        shown,
        words: site.words(&page.lang),
        host: data.host,
        title,
    })
}

/// The loaded page of the site that `path` is, if it is a planner page without problems.
fn loaded_page(site: &Site, identity: &PageIdentity, path: &Path) -> Option<Source> {
    let file = std::fs::canonicalize(path).ok()?;
    let page = site.pages.iter().find(|p| {
        p.key == identity.key
            && p.lang == identity.lang
            && p.source.as_ref().is_some_and(|s| {
                std::fs::canonicalize(site.root.join(s)).ok().as_ref() == Some(&file)
            })
    })?;
    from_page(site, page, path.to_path_buf())
}

/// Reads the plan of one page file: the site's page when it has loaded it, else the file itself.
fn from_file(site: Option<&Site>, path: &Path) -> Result<Source, Diagnostics> {
    let mut diagnostics = Diagnostics::new();
    let identity = match identify(site, path) {
        Ok(identity) => identity,
        Err(problem) => {
            diagnostics.push(problem);
            return Err(diagnostics);
        }
    };
    if let Some(source) = site.and_then(|site| loaded_page(site, &identity, path)) {
        return Ok(source);
    }
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => {
            diagnostics.push(
                Diagnostic::error(format!("could not read the planner page: {e}"))
                    .in_file(path)
                    .with_hint("name a Markdown page with a ```toml planner block: --page content/tools/training-planner.md"),
            );
            return Err(diagnostics);
        }
    };
    let lines = LineIndex::new(&text);
    let at = |offset: usize| lines.position(&text, offset);
    match planner::read_page_rules(&text, &at, path) {
        Ok(rules) => Ok(Source {
            rules,
            shown: path.to_path_buf(),
            words: match site {
                Some(site) => site.words(&identity.lang),
                None => builtin_words(&identity.lang),
            },
            host: site.map_or_else(
                || "localhost".to_string(),
                |site| planner::host(&site.config.base_url),
            ),
            title: path
                .file_stem()
                .map(|s| s.to_string_lossy().to_string())
                .unwrap_or_default(),
        }),
        Err(problems) => {
            diagnostics.extend(problems);
            Err(diagnostics)
        }
    }
}

/// The built-in theme's words, for a page outside any site.
fn builtin_words(lang: &str) -> BTreeMap<String, String> {
    let mut ignored = Diagnostics::new();
    crate::i18n::Strings::load(&[], &[], &mut ignored).for_language(lang, "en")
}

/// Finds the plan: the page named, the site's planner page in its default language, or the
/// bundled page's path.
fn source(args: &PlanArgs, build_date: String) -> Result<Source, Diagnostics> {
    let (site, problems) = match load_site(&args.root, build_date)? {
        Some((site, problems)) => (Some(site), problems),
        None => (None, Diagnostics::new()),
    };
    if let Some(page) = &args.page {
        // Problems elsewhere in the site do not stop the plan of the page named.
        return from_file(site.as_ref(), page);
    }
    if problems.has_errors() {
        return Err(problems);
    }
    if let Some(site) = &site {
        let default = &site.config.default_language;
        let found = site
            .pages
            .iter()
            .find(|p| p.kind.name() == planner::Planner.name() && &p.lang == default);
        if let Some(source) = found.and_then(|page| from_page(site, page, page.shown.clone())) {
            return Ok(source);
        }
    }
    let fallback = crate::diagnostics::display_path(
        &args.root,
        Path::new("content/tools/training-planner.md"),
    );
    from_file(site.as_ref(), &fallback)
}

/// The schedule, or the refusal of a go-live date that would put part of the plan before
/// 0001-01-01 or after 9999-12-31, dates that neither `YYYY-MM-DD` nor a calendar file can
/// hold: the command line is wrong (exit 2), and the hint gives the go-live dates that work for
/// this plan.
fn schedule(source: &Source, go_live: Date, training: &[Date]) -> Result<Schedule, Diagnostic> {
    let OutOfRange { range } = match schedule::compute(&source.rules, go_live, training) {
        Ok(schedule) => return Ok(schedule),
        Err(refused) => refused,
    };
    // Reading the rules refused a plan that fits no go-live date.
    let Some((first, last)) = range else {
        return Err(Diagnostic::error(
            "the plan spans more days than fit between 0001-01-01 and 9999-12-31",
        )
        .in_file(&source.shown));
    };
    let side = if go_live < first {
        format!("before {}, the first date", date::FIRST)
    } else {
        format!("after {}, the last date", date::LAST)
    };
    let problem = Diagnostic::error(format!(
        "--go-live {go_live} puts part of the plan {side} a calendar can hold"
    ))
    .with_hint(format!(
        "choose a go-live date from {first} to {last} for the plan in {}",
        source.shown.display()
    ));
    Err(problem)
}

pub fn plan(args: &PlanArgs) -> Outcome {
    // One moment for the whole run: the site's build date and the calendar's time stamp.
    let (now, now_warning) = crate::source_date::moment();
    let source = match source(args, now.date().to_string()) {
        Ok(source) => source,
        Err(diagnostics) => {
            report(&diagnostics);
            anstream::eprintln!("error: the plan could not be read");
            return Outcome::SiteProblems;
        }
    };
    let words = &source.words;
    let rules = &source.rules;
    let schedule = match schedule(&source, args.go_live, &args.training) {
        Ok(schedule) => schedule,
        Err(problem) => {
            anstream::eprintln!("{}", problem.render(true));
            return Outcome::BadCommandLine;
        }
    };
    let occurrence = word(words, "planner_occurrence");

    let mut out = String::new();
    if !args.quiet {
        out.push_str(&format!(
            "{} ({})\n",
            word(words, "planner_schedule_caption").replace("{date}", &schedule.go_live),
            one_line(&source.shown.display().to_string())
        ));
    }
    let whens: Vec<String> = schedule.entries.iter().map(|e| when(words, e)).collect();
    let width = whens.iter().map(|w| w.chars().count()).max().unwrap_or(0);
    for (entry, when) in schedule.entries.iter().zip(&whens) {
        let pad = width - when.chars().count();
        let moved = moved_note(words, entry, |d| d.to_string())
            .map(|note| format!(" ({note})"))
            .unwrap_or_default();
        out.push_str(&format!(
            "{}  {when}{}  {}{moved}\n",
            entry.date,
            " ".repeat(pad),
            one_line(&ics::title(rules, &entry.id, entry.n, entry.of, occurrence))
        ));
    }
    match (schedule.warning, &schedule.proposed_training) {
        (Some(warning), Some(proposed)) => {
            let key = match warning {
                schedule::Warning::GapTooLong => "planner_gap_too_long",
                schedule::Warning::TrainingAfterGoLive => "planner_training_after",
            };
            let message = word(words, key)
                .replace("{gap}", &schedule.gap_days.to_string())
                .replace("{max}", &rules.max_gap_days.to_string())
                .replace("{date}", proposed)
                .replace(
                    "{when}",
                    &relative(words, proposed_offset(&schedule.go_live, proposed)),
                );
            print!("{out}");
            let d = Diagnostic::warning(message)
                .with_hint(format!("run again with --training {proposed}"));
            anstream::eprintln!("{}", d.render(true));
        }
        _ => {
            if !args.quiet {
                out.push_str(
                    &word(words, "planner_gap_ok")
                        .replace("{gap}", &schedule.gap_days.to_string())
                        .replace("{max}", &rules.max_gap_days.to_string()),
                );
                out.push('\n');
            }
            print!("{out}");
        }
    }
    if let Some(path) = &args.ics {
        if let Some(d) = now_warning {
            anstream::eprintln!("{}", d.render(true));
        }
        let stamp = ics::stamp(now);
        let text = ics::calendar(
            rules,
            &schedule,
            &ics::Calendar {
                name: &source.title,
                host: &source.host,
                stamp: &stamp,
                source_word: word(words, "planner_source"),
                occurrence,
            },
        );
        // `schedule` has kept every date writable, so this does not happen.
        let text = match text {
            Ok(text) => text,
            Err(why) => {
                let d = Diagnostic::error(format!("could not write the calendar: {why}"))
                    .in_file(path)
                    .with_hint("choose a go-live date closer to today");
                anstream::eprintln!("{}", d.render(true));
                return Outcome::BadCommandLine;
            }
        };
        let file = crate::output::SingleFile {
            root: &args.root,
            what: "the calendar",
            is_ours: &ics::is_toolkits,
            force: args.force,
        };
        if let Err(d) = file.write(path, text.as_bytes()) {
            anstream::eprintln!("{}", d.render(true));
            return Outcome::OutputRefused;
        }
        if !args.quiet {
            anstream::eprintln!(
                "Wrote {} ({} events)",
                path.display(),
                schedule.entries.len()
            );
        }
    }
    Outcome::Success
}

/// The proposed training day in days from go-live, said from the day itself: it may have moved
/// off a weekend or a closed day, away from the rule's own offset.
fn proposed_offset(go_live: &str, proposed: &str) -> i64 {
    match (date::parse(go_live), date::parse(proposed)) {
        (Ok(go_live), Ok(proposed)) => date::days_between(go_live, proposed),
        _ => 0,
    }
}
