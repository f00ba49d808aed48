//! `toolkit plan`: the training planner's dated schedule on the command line, from the same
//! rules and with the same arithmetic as the planner page; optionally written as an `.ics` file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{Outcome, report};
use crate::diagnostics::{Diagnostic, Diagnostics, LineIndex, one_line};
use crate::kinds::planner::schedule::{self, OutOfRange, Schedule};
use crate::kinds::planner::{self, Date, PlannerData, Rules, date, ics, relative, word};
use crate::site::{Options, Site};

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
    lang: String,
    host: String,
    title: String,
}

/// Reads a `YYYY-MM-DD` date from the command line.
pub fn parse_date(text: &str) -> Result<Date, String> {
    date::parse(text).map_err(|why| format!("`{text}` is not a date: {why}"))
}

fn words(lang: &str) -> BTreeMap<String, String> {
    let mut ignored = Diagnostics::new();
    crate::i18n::Strings::load(&[lang.to_string()], &[], &mut ignored).for_language(lang, lang)
}

/// The language of a page file: `training.nl.md` → `nl`, else `en`.
fn file_lang(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let parts: Vec<&str> = name.trim_end_matches(".md").split('.').collect();
    match parts.as_slice() {
        [_, lang] if crate::config::is_language_code(lang) => lang.to_string(),
        _ => "en".to_string(),
    }
}

/// Reads the rules of one page file.
fn from_file(path: &Path, host: String) -> Result<Source, Diagnostics> {
    let mut diagnostics = Diagnostics::new();
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
            lang: file_lang(path),
            host,
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

/// Finds the plan: the page named, the site's planner page, or the bundled page's path.
fn source(args: &PlanArgs) -> Result<Source, Diagnostics> {
    let site_toml = args.root.join("site.toml");
    let host = crate::config::Config::from_file(&site_toml, &site_toml)
        .map(|c| planner::host(&c.base_url))
        .unwrap_or_else(|_| "localhost".to_string());
    if let Some(page) = &args.page {
        return from_file(page, host);
    }
    if site_toml.is_file() {
        let mut diagnostics = Diagnostics::new();
        let options = Options {
            root: args.root.clone(),
            ..Options::default()
        };
        let site = Site::load(&options, &mut diagnostics);
        if diagnostics.has_errors() {
            diagnostics.sort();
            return Err(diagnostics);
        }
        if let Some(site) = site {
            let default = &site.config.default_language;
            let found = site
                .pages
                .iter()
                .find(|p| p.kind.name() == "planner" && &p.lang == default);
            if let Some(page) = found
                && let Some(data) = PlannerData::from_value(&page.data)
            {
                return Ok(Source {
                    rules: data.rules,
                    shown: page.shown.clone(),
                    lang: page.lang.clone(),
                    host: data.host,
                    title: page
                        .front
                        .title
                        .clone()
                        .filter(|t| !t.is_empty())
                        .unwrap_or_else(|| page.title.clone()),
                });
            }
        }
    }
    let fallback = crate::diagnostics::display_path(
        &args.root,
        Path::new("content/tools/training-planner.md"),
    );
    from_file(&fallback, host)
}

/// The time stamp of the calendar: now, or `SOURCE_DATE_EPOCH`.
fn stamp() -> String {
    let (now, warning) = crate::source_date::moment();
    if let Some(d) = warning {
        anstream::eprintln!("{}", d.render(true));
    }
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        now.year(),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute(),
        now.second()
    )
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
    let source = match source(args) {
        Ok(source) => source,
        Err(diagnostics) => {
            report(&diagnostics);
            anstream::eprintln!("error: the plan could not be read");
            return Outcome::SiteProblems;
        }
    };
    let words = words(&source.lang);
    let rules = &source.rules;
    let schedule = match schedule(&source, args.go_live, &args.training) {
        Ok(schedule) => schedule,
        Err(problem) => {
            anstream::eprintln!("{}", problem.render(true));
            return Outcome::BadCommandLine;
        }
    };
    let occurrence = word(&words, "planner_occurrence");

    let mut out = String::new();
    if !args.quiet {
        out.push_str(&format!(
            "{} ({})\n",
            word(&words, "planner_schedule_caption").replace("{date}", &schedule.go_live),
            one_line(&source.shown.display().to_string())
        ));
    }
    let whens: Vec<String> = schedule
        .entries
        .iter()
        .map(|e| relative(&words, e.offset_days))
        .collect();
    let width = whens.iter().map(|w| w.chars().count()).max().unwrap_or(0);
    for (entry, when) in schedule.entries.iter().zip(&whens) {
        let pad = width - when.chars().count();
        out.push_str(&format!(
            "{}  {when}{}  {}\n",
            entry.date,
            " ".repeat(pad),
            one_line(&ics::title(rules, &entry.id, entry.n, entry.of, occurrence))
        ));
    }
    let planned = rules.training().map_or(0, |t| t.offset_days);
    match (schedule.warning, &schedule.proposed_training) {
        (Some(warning), Some(proposed)) => {
            let key = match warning {
                schedule::Warning::GapTooLong => "planner_gap_too_long",
                schedule::Warning::TrainingAfterGoLive => "planner_training_after",
            };
            let message = word(&words, key)
                .replace("{gap}", &schedule.gap_days.to_string())
                .replace("{max}", &rules.max_gap_days.to_string())
                .replace("{date}", proposed)
                .replace("{when}", &relative(&words, planned));
            print!("{out}");
            let d = Diagnostic::warning(message)
                .with_hint(format!("run again with --training {proposed}"));
            anstream::eprintln!("{}", d.render(true));
        }
        _ => {
            if !args.quiet {
                out.push_str(
                    &word(&words, "planner_gap_ok")
                        .replace("{gap}", &schedule.gap_days.to_string())
                        .replace("{max}", &rules.max_gap_days.to_string()),
                );
                out.push('\n');
            }
            print!("{out}");
        }
    }
    if let Some(path) = &args.ics {
        let stamp = stamp();
        let text = ics::calendar(
            rules,
            &schedule,
            &ics::Calendar {
                name: &source.title,
                host: &source.host,
                stamp: &stamp,
                source_word: word(&words, "planner_source"),
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
