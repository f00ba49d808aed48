//! The command line: help, exit codes, summary, colour, init.

use crate::harness::{Run, Site, toolkit};

#[test]
fn every_subcommand_has_help_with_exit_codes() {
    for sub in [&[][..], &["build"], &["check"], &["init"]] {
        let mut args: Vec<&str> = sub.to_vec();
        args.push("--help");
        let out = toolkit().args(&args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("Exit codes:"), "{args:?}: {text}");
        assert!(
            text.contains("3  the output folder could not be written"),
            "{args:?}"
        );
    }
    let help =
        String::from_utf8_lossy(&toolkit().args(["build", "--help"]).output().unwrap().stdout)
            .into_owned();
    for flag in ["--root", "--output", "--base-url", "--drafts", "--quiet"] {
        assert!(help.contains(flag), "build --help lacks {flag}");
    }
}

#[test]
fn import_has_help_with_its_exit_codes() {
    let out = toolkit().args(["import", "--help"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for expected in [
        "Exit codes:",
        "3  a file of the new site already exists",
        "--output <NEW_SITE>",
    ] {
        assert!(text.contains(expected), "{expected}: {text}");
    }
}

#[test]
fn version_names_the_commit_it_was_built_from() {
    let run = crate::harness::Run::from(toolkit().arg("--version").output().unwrap());
    run.success();
    let prefix = format!("toolkit {} (", env!("CARGO_PKG_VERSION"));
    let built_from = run
        .stdout
        .strip_prefix(&prefix)
        .and_then(|rest| rest.strip_suffix(")\n"))
        .unwrap_or_else(|| panic!("unexpected --version: {:?}", run.stdout));
    // A debug build does not read git (so that a commit recompiles nothing), unless
    // TOOLKIT_COMMIT names the commit; a release build names the commit and its date (tested on
    // the wheel by scripts/wheel-test.sh).
    match option_env!("TOOLKIT_COMMIT").filter(|c| !c.trim().is_empty()) {
        Some(commit) => {
            let commit = commit.trim();
            let short = if commit.len() >= 12 && commit.bytes().all(|b| b.is_ascii_hexdigit()) {
                &commit[..12]
            } else {
                commit
            };
            assert_eq!(built_from, format!("commit {short}"));
        }
        None if cfg!(debug_assertions) => assert_eq!(built_from, "debug build"),
        None => assert!(
            built_from == "unknown commit" || built_from.starts_with("commit "),
            "{built_from}"
        ),
    }
    // Every subcommand shows the same.
    let sub = crate::harness::Run::from(toolkit().args(["build", "--version"]).output().unwrap());
    assert_eq!(
        sub.stdout,
        format!(
            "toolkit-build {} ({built_from})\n",
            env!("CARGO_PKG_VERSION")
        )
    );
}

#[test]
fn bad_command_line_exits_with_two() {
    let out = toolkit()
        .args(["build", "--no-such-flag"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn summary_line_and_quiet() {
    let site = Site::fixture("hosting");
    let run = site.run(&["build"]);
    run.success();
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{}", run.stderr);
    assert!(
        lines[0].starts_with("Built 2 pages in 1 language into public/ in "),
        "{}",
        lines[0]
    );
    assert!(lines[0].ends_with(" s"));
    let quiet = site.run(&["build", "--quiet"]);
    quiet.success();
    assert_eq!(quiet.stderr, "");
}

#[test]
fn no_colour_when_not_a_terminal_or_with_no_color() {
    let site = Site::fixture("errors/unknown-key");
    let stderr_with = |vars: &[(&str, Option<&str>)]| {
        let mut command = toolkit();
        for (name, value) in vars {
            match value {
                Some(v) => command.env(name, v),
                None => command.env_remove(name),
            };
        }
        let out = command
            .arg("build")
            .current_dir(&site.root)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    // Not a terminal, even when NO_COLOR is not set.
    assert!(!stderr_with(&[("NO_COLOR", None)]).contains('\u{1b}'));
    // NO_COLOR wins even where colour is forced.
    assert!(
        !stderr_with(&[("NO_COLOR", Some("1")), ("CLICOLOR_FORCE", Some("1"))]).contains('\u{1b}')
    );
    assert!(
        stderr_with(&[("NO_COLOR", None), ("CLICOLOR_FORCE", Some("1"))]).contains('\u{1b}'),
        "colour can be forced"
    );
}

#[test]
fn init_writes_a_site_that_builds_at_once() {
    let site = Site::empty();
    let run = site.run(&["init", "starter"]);
    run.success();
    let exe = std::fs::canonicalize(env!("CARGO_BIN_EXE_toolkit")).unwrap();
    let on_path = std::env::var_os("PATH").is_some_and(|paths| {
        std::env::split_paths(&paths)
            .any(|d| std::fs::canonicalize(d.join("toolkit")).is_ok_and(|p| p == exe))
    });
    if !on_path {
        assert!(
            run.stderr
                .contains(&format!("\n  {} build\n", env!("CARGO_BIN_EXE_toolkit"))),
            "{}",
            run.stderr
        );
    }
    for file in [
        "site.toml",
        "content/_index.md",
        "content/guide.md",
        ".github/workflows/deploy.yml",
        ".gitignore",
    ] {
        assert!(site.root.join("starter").join(file).is_file(), "{file}");
    }
    let workflow = site.read("starter/.github/workflows/deploy.yml");
    assert!(workflow.contains("actions/deploy-pages"));
    assert!(workflow.contains("toolkit build --base-url"));
    // It installs the toolkit that wrote it, pinned, and needs no repository variable.
    let pinned = format!("  TOOLKIT_VERSION: \"{}\"\n", env!("CARGO_PKG_VERSION"));
    assert!(workflow.contains(&pinned), "{workflow}");
    assert!(workflow.contains("pip install \"implementation-toolkit==$TOOLKIT_VERSION\""));
    assert!(!workflow.contains("vars."), "{workflow}");
    // The PDF forms are kept between runs, and out of git.
    assert!(workflow.contains("path: .toolkit-cache"));
    assert!(site.read("starter/.gitignore").contains("/.toolkit-cache/"));
    let build = crate::harness::run_in(&site.root.join("starter"), &["build"]);
    build.success();
    assert!(site.root.join("starter/public/guide/index.html").is_file());
    let check = crate::harness::run_in(&site.root.join("starter"), &["check"]);
    check.success();
}

/// The commands `init` prints, run one after the other in a shell as a user would paste them,
/// with `path` as the PATH.
#[cfg(unix)]
fn run_printed_steps(root: &std::path::Path, printed: &str, path: &std::ffi::OsStr) -> Run {
    // `serve --watch` runs until stopped: `check` reads the site the same way and ends.
    let script: Vec<String> = printed
        .lines()
        .filter_map(|l| l.strip_prefix("  "))
        .map(|l| l.replace(" serve --watch", " check"))
        .collect();
    Run::from(
        std::process::Command::new("/bin/sh")
            .arg("-c")
            .arg(script.join(" && "))
            .current_dir(root)
            .env("PATH", path)
            .env("SOURCE_DATE_EPOCH", "1795305600")
            .output()
            .unwrap(),
    )
}

/// After `init`, the printed next steps work as printed, whether or not `toolkit` is on the
/// PATH: the program is named in full when the name `toolkit` would not run it.
#[cfg(unix)]
#[test]
fn init_prints_next_steps_that_work_with_and_without_toolkit_on_the_path() {
    let exe = env!("CARGO_BIN_EXE_toolkit");
    // Not on the PATH: the full path, and a word on why.
    let site = Site::empty();
    let system = std::ffi::OsString::from("/usr/bin:/bin");
    let run = Run::from(
        toolkit()
            .args(["init", "my site"])
            .current_dir(&site.root)
            .env("PATH", &system)
            .output()
            .unwrap(),
    );
    run.success();
    assert_eq!(
        run.stderr,
        format!(
            "Created a toolkit site in my site. Next, preview it while you write, then build it:\n  cd 'my site'\n  {exe} serve --watch\n  {exe} build\n(`toolkit` is not on your PATH as this program, so the commands name it in full.)\n"
        )
    );
    run_printed_steps(&site.root, &run.stderr, &system).success();
    assert!(site.root.join("my site/public/index.html").is_file());

    // On the PATH (here through a link to the program): just `toolkit`.
    let site = Site::empty();
    let bin = site.root.join("bin");
    std::fs::create_dir(&bin).unwrap();
    std::os::unix::fs::symlink(exe, bin.join("toolkit")).unwrap();
    let path = std::env::join_paths([bin.as_path(), "/usr/bin".as_ref(), "/bin".as_ref()]).unwrap();
    let run = Run::from(
        toolkit()
            .args(["init", "starter"])
            .current_dir(&site.root)
            .env("PATH", &path)
            .output()
            .unwrap(),
    );
    run.success();
    assert_eq!(
        run.stderr,
        "Created a toolkit site in starter. Next, preview it while you write, then build it:\n  cd starter\n  toolkit serve --watch\n  toolkit build\n"
    );
    run_printed_steps(&site.root, &run.stderr, &path).success();
    assert!(site.root.join("starter/public/index.html").is_file());
}

/// Every card of the starter's home page has its description: no empty "Tools" card.
#[test]
fn the_starters_home_page_has_no_empty_card() {
    let site = Site::empty();
    site.run(&["init", "starter"]).success();
    crate::harness::run_in(&site.root.join("starter"), &["build", "--quiet"]).success();
    let html = scraper::Html::parse_document(&site.read("starter/public/index.html"));
    let cards = scraper::Selector::parse("ul.cards > li").unwrap();
    let description = scraper::Selector::parse("p").unwrap();
    let titles: Vec<String> = html
        .select(&cards)
        .map(|card| {
            let title: String = card
                .select(&scraper::Selector::parse("a").unwrap())
                .flat_map(|a| a.text())
                .collect();
            let text: String = card.select(&description).flat_map(|p| p.text()).collect();
            assert!(
                !text.trim().is_empty(),
                "the card {title} has no description"
            );
            title
        })
        .collect();
    assert!(titles.contains(&"Tools".to_string()), "{titles:?}");
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let site = Site::empty();
    site.write("mine/notes.md", "keep me");
    let run = site.run(&["init", "mine"]);
    assert_eq!(run.code, 3);
    assert_eq!(
        run.stderr,
        "error: mine is not empty\n  hint: toolkit init only writes into an empty or new folder, so that nothing is overwritten; name a new folder: toolkit init my-toolkit\n"
    );
    assert_eq!(site.read("mine/notes.md"), "keep me");
    assert!(!site.root.join("mine/site.toml").exists());
}

#[test]
fn toolkit_timings_prints_each_stage_and_nothing_without_it() {
    let site = Site::fixture("checklists");
    let run = toolkit()
        .args(["build", "--quiet"])
        .env("TOOLKIT_TIMINGS", "1")
        .current_dir(&site.root)
        .output()
        .unwrap();
    assert!(run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr);
    let stages: Vec<&str> = stderr
        .lines()
        .filter_map(|l| l.strip_prefix("timing: "))
        .map(|l| l.split("  ").next().unwrap().trim())
        .collect();
    for stage in ["load", "markdown", "templates, downloads, search", "write"] {
        assert!(stages.contains(&stage), "no {stage:?} in {stderr}");
    }
    let quiet = toolkit()
        .args(["build", "--quiet"])
        .env_remove("TOOLKIT_TIMINGS")
        .current_dir(&site.root)
        .output()
        .unwrap();
    assert!(quiet.status.success());
    // Without it, the same output less the timings (the fixture's one warning stays).
    let untimed: String = stderr
        .lines()
        .filter(|l| !l.starts_with("timing: "))
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(!untimed.is_empty());
    assert_eq!(String::from_utf8_lossy(&quiet.stderr), untimed);
}
