//! The `toolkit` command line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use toolkit::cmd::{self, Outcome, build::BuildArgs};
use toolkit::site::Options;

const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  the site has problems (each is listed as path:line:col); nothing was written
  2  the command line is wrong
  3  the output folder could not be written or was refused; nothing was changed";

/// Builds a practical implementation toolkit website from Markdown playbooks.
#[derive(Parser)]
#[command(name = "toolkit", version, after_help = EXIT_CODES, propagate_version = true)]
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
        },
        output,
        quiet: site.common.quiet,
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Build { site, output } => cmd::build::build(&build_args(site, output)),
        Command::Check { site } => cmd::build::check(&build_args(site, None)),
        Command::Init { dir, quiet } => cmd::init::init(&dir, quiet),
    };
    ExitCode::from(match outcome {
        Outcome::Success => 0,
        Outcome::SiteProblems => 1,
        Outcome::OutputRefused => 3,
    })
}
