//! Messages: one line per problem with `path:line:col`, values from files escaped so that they
//! neither split a message nor reach the terminal as commands, and a hint for every problem.

use pretty_assertions::assert_eq;

use crate::harness::{Run, Site, toolkit};

/// A copy of the starter site of `toolkit init`.
fn starter() -> Site {
    let site = Site::empty();
    std::fs::remove_dir(&site.root).unwrap();
    crate::harness::run_in(site.root.parent().unwrap(), &["init", "site"]).success();
    site
}

/// Replaces the first `from` in a file of the site.
fn edit(site: &Site, relative: &str, from: &str, to: &str) {
    let text = site.read(relative);
    assert!(text.contains(from), "{relative} has no {from:?}");
    site.write(relative, &text.replacen(from, to, 1));
}

fn no_terminal_commands(run: &Run) {
    for (name, out) in [("stderr", &run.stderr), ("stdout", &run.stdout)] {
        assert!(
            !out.contains(['\u{1b}', '\u{7}', '\0', '\r']),
            "{name} holds a control character: {out:?}"
        );
    }
}

#[test]
fn a_duplicate_key_in_site_toml_is_named_with_a_hint() {
    let site = Site::fixture("hosting");
    let text = site.read("site.toml");
    site.write("site.toml", &format!("{text}title = \"again\"\n"));
    let run = site.run(&["check"]);
    assert_eq!(
        run.stderr,
        "site.toml:4:1: error: invalid TOML: duplicate key `title`\n  hint: `title` is set twice in the same table; remove one of the two `title = …` lines\nerror: check failed: 1 error\n"
    );
    assert_eq!(run.code, 1);
}

#[test]
fn terminal_escapes_and_newlines_in_values_are_shown_escaped() {
    let site = starter();
    edit(
        &site,
        "content/tools/stakeholder-map.md",
        "group = \"management\"",
        "group = \"\\u001b]0;pwned\\u0007\\u001b[2J\"",
    );
    edit(
        &site,
        "content/checklists/first-steps.md",
        "domain = \"process\"",
        "domain = \"\"\"multi\nline\"\"\"",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    no_terminal_commands(&run);
    let errors: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains(": error: "))
        .collect();
    assert_eq!(
        errors,
        [
            "content/checklists/first-steps.md:6:10: error: unknown domain `multi\\nline`",
            "content/tools/stakeholder-map.md:19:9: error: unknown group `\\u{1b}]0;pwned\\u{7}\\u{1b}[2J`",
        ],
        "{}",
        run.stderr
    );
}

#[test]
fn plan_prints_titles_on_one_line_without_terminal_escapes() {
    let site = starter();
    edit(
        &site,
        "content/tools/training-planner.md",
        "title = \"Training day\"",
        "title = \"Core\\ntraining\\u001b[2J\\r\"",
    );
    let run = site.run(&["plan", "--go-live", "2028-02-29"]);
    run.success();
    no_terminal_commands(&run);
    assert!(
        run.stdout
            .lines()
            .any(|l| l.ends_with("  Core\\ntraining\\u{1b}[2J\\r")),
        "{}",
        run.stdout
    );
}

#[test]
fn templates_in_a_circle_are_reported_at_the_tag_with_a_hint() {
    let site = Site::fixture("hosting");
    site.write("templates/a.html", "A\n{% include \"b.html\" %}\n");
    site.write("templates/b.html", "B\n\n  {% include \"a.html\" %}\n");
    let run = site.run(&["check"]);
    assert_eq!(
        run.stderr,
        "templates/b.html:3:3: error: templates include each other in a circle: a.html → b.html → a.html\n  hint: an {% include %} must not lead back to the template it is in; remove one of the includes\nerror: check failed: 1 error\n"
    );

    let site = Site::fixture("hosting");
    site.write("templates/page.html", "{% extends \"section.html\" %}\n");
    site.write(
        "templates/section.html",
        "{# loops #}\n{%- extends 'page.html' %}\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(
        run.stderr,
        "templates/section.html:2:1: error: templates extend each other in a circle: page.html → section.html → page.html\n  hint: a template may extend another only if that one does not lead back to it; make one of them extend a base template such as base.html\nerror: check failed: 1 error\n"
    );
}

#[test]
fn a_page_on_the_print_page_is_named() {
    let site = Site::fixture("checklists");
    site.write("content/print.md", "+++\ntitle = \"Print\"\n+++\nText.\n");
    let run = site.run(&["check"]);
    // The fixture has one checklist item without an id, a warning.
    assert_eq!(
        run.stderr,
        "content/lists/start.md:19:51: warning: this item has no {#id}, so its id `plan-the-training-close-to-the-first-patient` comes from its text: rewording it loses its ticks in every browser\n  hint: end the item's text with an id of its own, like {#plan-the-training-close}\n\
         content/print.md: error: the page made from content/print.md and the print page of all checklists would both be published at /kit/print/\n  hint: rename the page or its folder: toolkit puts the print page of all checklists at /kit/print/\nerror: check failed: 1 error, 1 warning\n"
    );
}

#[test]
fn far_offsets_and_huge_scores_are_named_plainly() {
    let site = starter();
    edit(
        &site,
        "content/tools/training-planner.md",
        "offset_days = -7",
        "offset_days = -1000000000000",
    );
    edit(
        &site,
        "content/tools/stakeholder-map.md",
        "influence = 5",
        "influence = 1e308",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let lines: Vec<&str> = run.stderr.lines().collect();
    let planner = lines
        .iter()
        .position(|l| l.starts_with("content/tools/training-planner.md:"))
        .unwrap_or_else(|| panic!("{}", run.stderr));
    assert!(
        lines[planner].ends_with(": error: -1000000000000 days is more than a hundred years"),
        "{}",
        run.stderr
    );
    assert_eq!(
        lines[planner + 1],
        "  hint: plans are counted in days; check the number"
    );
    let map = lines
        .iter()
        .position(|l| l.starts_with("content/tools/stakeholder-map.md:"))
        .unwrap_or_else(|| panic!("{}", run.stderr));
    assert!(
        lines[map].ends_with(": error: expected a whole number, found the number 1e308"),
        "{}",
        run.stderr
    );
    assert_eq!(
        lines[map + 1],
        "  hint: write a whole number without quotes, like 3"
    );
}

#[test]
fn a_site_toml_folder_is_named_as_a_folder() {
    let site = Site::fixture("hosting");
    std::fs::remove_file(site.root.join("site.toml")).unwrap();
    std::fs::create_dir(site.root.join("site.toml")).unwrap();
    let run = site.run(&["build"]);
    assert_eq!(
        run.stderr,
        "site.toml: error: site.toml is a folder, not a file\n  hint: move the folder away and write the site's settings in a file site.toml, with at least `title` and `base_url`\nerror: build failed: 1 error; the output folder was not changed\n"
    );
    assert_eq!(run.code, 1);
}

#[test]
fn an_invalid_source_date_epoch_is_a_warning() {
    let site = Site::fixture("hosting");
    for (value, why) in [
        ("abc", "is not a whole number of seconds"),
        (
            "99999999999999",
            "is not a date between the years 1 and 9999",
        ),
    ] {
        let out = toolkit()
            .args(["build", "--quiet"])
            .env("SOURCE_DATE_EPOCH", value)
            .current_dir(&site.root)
            .output()
            .unwrap();
        let run = Run::from(out);
        run.success();
        assert_eq!(
            run.stderr,
            format!(
                "warning: SOURCE_DATE_EPOCH `{value}` {why}; the current date is used instead\n  hint: set SOURCE_DATE_EPOCH to whole seconds since 1970-01-01 UTC, such as the last commit's: SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)\n"
            )
        );
    }
}

#[test]
fn two_byte_order_marks_do_not_hide_the_front_matter() {
    let site = Site::fixture("hosting");
    site.write(
        "content/about.md",
        "\u{feff}\u{feff}+++\ntitle = \"Marked twice\"\n+++\nBody.\n",
    );
    site.run(&["build", "--quiet"]).success();
    let html = site.read("public/about/index.html");
    assert!(html.contains("<h1>Marked twice</h1>"), "{html}");
    assert!(!html.contains("+++"), "{html}");
}
