//! The `toolkit` command line.

use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use toolkit::cmd::{self, Outcome, build::BuildArgs, serve::ServeArgs};
use toolkit::kinds::planner::Date;
use toolkit::site::Options;

/// `toolkit --version`: the version and the commit it was built from (see build.rs).
const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (",
    env!("TOOLKIT_BUILT_FROM"),
    ")"
);

const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  the site has problems (each is listed as path:line:col); nothing was written
  2  the command line is wrong
  3  the output folder could not be written or was refused; nothing was changed
  4  serve: the address could not be listened on";

const PLAN_EXIT_CODES: &str = "\
Exit codes:
  0  the schedule was printed (a training day too far from go-live is a warning, not an error)
  1  the planner page has problems (each is listed as path:line:col)
  2  the command line is wrong, e.g. a date that is not YYYY-MM-DD or does not exist, or a
     go-live date that puts part of the plan outside the years 1 to 9999
  3  the --ics file could not be written";

const SURVEY_EXIT_CODES: &str = "\
Exit codes:
  0  every answer set was counted and the results printed
  1  the survey page has problems, or an answer set was refused (each is listed as
     path:line:col, with why); the others were still counted and printed
  2  the command line is wrong
  3  the --csv file could not be written";

const SERVE_EXIT_CODES: &str = "\
Exit codes:
  0  stopped with Ctrl-C (the output folder is never written)
  2  the command line is wrong
  4  the address could not be listened on

An error in the site does not stop the server: it is printed here and shown in the browser.";

const IMPORT_EXIT_CODES: &str = "\
Exit codes:
  0  the site was written; what could not be converted is listed on standard output and in
     import-report.txt in the new site
  2  the command line is wrong, e.g. DIR is not a folder
  3  a file of the new site already exists, or could not be written; nothing was overwritten";

/// Builds a practical implementation toolkit website from Markdown playbooks.
#[derive(Parser)]
#[command(name = "toolkit", version = VERSION, after_help = EXIT_CODES, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Clone)]
struct Common {
    /// The site folder (the one with site.toml)
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// Print only problems, no summary
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Args, Clone)]
struct SiteArgs {
    #[command(flatten)]
    common: Common,
    /// Include pages marked `draft = true`
    #[arg(long)]
    drafts: bool,
    /// Use this base URL instead of the one in site.toml, e.g. https://org.github.io/toolkit/
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (public/ by default)
    #[command(after_help = EXIT_CODES)]
    Build {
        #[command(flatten)]
        site: SiteArgs,
        /// Write the site here instead of output_dir from site.toml
        #[arg(long, short, value_name = "DIR")]
        output: Option<PathBuf>,
    },
    /// Run every check of `build` without writing anything
    #[command(after_help = EXIT_CODES)]
    Check {
        #[command(flatten)]
        site: SiteArgs,
        /// Also list every placeholder ([[clinic name]]) left to fill in, by file and line
        #[arg(long)]
        placeholders: bool,
    },
    /// Serve the site from memory on http://127.0.0.1:1111/ + the path of base_url
    #[command(after_help = SERVE_EXIT_CODES)]
    Serve {
        #[command(flatten)]
        site: SiteArgs,
        /// Rebuild when the sources change and reload open pages
        #[arg(long, short)]
        watch: bool,
        /// The port; 0 picks a free one. A busy port moves to the next free one
        #[arg(long, short, default_value_t = 1111)]
        port: u16,
        /// The address to listen on; anything but 127.0.0.1 or ::1 shows the site to the network
        #[arg(long, value_name = "ADDRESS", default_value = "127.0.0.1")]
        bind: IpAddr,
    },
    /// Print the training planner's dated schedule for a go-live date
    #[command(after_help = PLAN_EXIT_CODES)]
    Plan {
        #[command(flatten)]
        common: Common,
        /// The go-live date, when the first patients start (YYYY-MM-DD)
        #[arg(long, value_name = "DATE", value_parser = cmd::plan::parse_date)]
        go_live: Date,
        /// A training day (YYYY-MM-DD); repeat for several days
        #[arg(long, value_name = "DATE", value_parser = cmd::plan::parse_date)]
        training: Vec<Date>,
        /// The planner page [default: the site's planner page in the default language, or
        /// content/tools/training-planner.md]
        #[arg(long, value_name = "PATH")]
        page: Option<PathBuf>,
        /// Also write the schedule as a calendar file (.ics) here
        #[arg(long, value_name = "FILE")]
        ics: Option<PathBuf>,
        /// Replace the --ics file even when it is not a calendar toolkit wrote, or lies in the
        /// site's sources
        #[arg(long, requires = "ics")]
        force: bool,
    },
    /// Add up a survey's answers: the ranked barriers and the score of every construct
    #[command(after_help = SURVEY_EXIT_CODES)]
    Survey {
        #[command(flatten)]
        common: Common,
        /// The survey page, e.g. content/tools/barrier-scan.md
        #[arg(long, value_name = "PATH")]
        page: PathBuf,
        /// Answer files (.json), files of codes (one per line) and CSV files of paper answers
        #[arg(value_name = "ANSWERS", required = true)]
        answers: Vec<PathBuf>,
        /// Also write the results as a CSV file here (per statement, construct and domain)
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
        /// Replace the --csv file even when it is not a results CSV toolkit wrote
        #[arg(long, requires = "csv")]
        force: bool,
    },
    /// Convert a Jekyll or Hugo site (or a folder of Markdown) into a new toolkit site
    #[command(after_help = IMPORT_EXIT_CODES)]
    Import {
        /// The Jekyll or Hugo site's folder
        dir: PathBuf,
        /// The new site's folder [default: DIR-toolkit beside DIR]; no file in it is overwritten
        #[arg(long, short, value_name = "NEW_SITE")]
        output: Option<PathBuf>,
        /// Print nothing but what was not converted
        #[arg(long, short)]
        quiet: bool,
    },
    /// Create a starter site in DIR (default: this folder), which must be empty or new
    #[command(after_help = EXIT_CODES)]
    Init {
        /// Where to create the site
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Print nothing but problems
        #[arg(long, short)]
        quiet: bool,
    },
}

fn build_args(site: SiteArgs, output: Option<PathBuf>) -> BuildArgs {
    BuildArgs {
        options: Options {
            root: site.common.root,
            drafts: site.drafts,
            base_url: site.base_url,
            build_date: None,
            read_only_cache: false,
            kinds: Default::default(),
        },
        output,
        quiet: site.common.quiet,
        placeholders: false,
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Build { site, output } => cmd::build::build(&build_args(site, output)),
        Command::Check { site, placeholders } => cmd::build::check(&BuildArgs {
            placeholders,
            ..build_args(site, None)
        }),
        Command::Serve {
            site,
            watch,
            port,
            bind,
        } => cmd::serve::serve(&ServeArgs {
            quiet: site.common.quiet,
            options: build_args(site, None).options,
            bind,
            port,
            watch,
        }),
        Command::Import { dir, output, quiet } => cmd::import::import(&cmd::import::ImportArgs {
            source: dir,
            output,
            quiet,
        }),
        Command::Init { dir, quiet } => cmd::init::init(&dir, quiet),
        Command::Survey {
            common,
            page,
            answers,
            csv,
            force,
        } => cmd::survey::survey(&cmd::survey::SurveyArgs {
            root: common.root,
            page,
            answers,
            csv,
            force,
            quiet: common.quiet,
        }),
        Command::Plan {
            common,
            go_live,
            training,
            page,
            ics,
            force,
        } => cmd::plan::plan(&cmd::plan::PlanArgs {
            root: common.root,
            page,
            go_live,
            training,
            ics,
            force,
            quiet: common.quiet,
        }),
    };
    ExitCode::from(match outcome {
        Outcome::Success => 0,
        Outcome::SiteProblems => 1,
        Outcome::BadCommandLine => 2,
        Outcome::OutputRefused => 3,
        Outcome::CannotListen => 4,
    })
}
