//! Bad input: each case's exact message (`stderr.txt`), a non-zero exit, no panic, no output.

use crate::harness::{Site, check_failure, fails_with};

fn build_fails(name: &str) {
    let site = fails_with(name, &["build"], 1);
    assert!(
        !site.root.join("public").exists(),
        "{name}: a failed build wrote public/"
    );
}

#[test]
fn invalid_front_matter_toml() {
    build_fails("errors/front-matter-toml");
}

#[test]
fn unknown_front_matter_keys_and_wrong_types() {
    build_fails("errors/unknown-key");
}

#[test]
fn two_pages_with_one_url() {
    build_fails("errors/duplicate-url");
}

#[test]
fn missing_template() {
    build_fails("errors/missing-template");
}

#[test]
fn broken_links_and_anchors() {
    build_fails("errors/broken-links");
}

#[test]
fn template_render_error_names_template_line() {
    build_fails("errors/template-render");
}

#[test]
fn template_syntax_error_names_template_line() {
    build_fails("errors/template-syntax");
}

#[test]
fn unknown_key_in_site_toml() {
    build_fails("errors/site-toml");
}

#[test]
fn every_problem_of_a_run_is_reported() {
    build_fails("errors/many");
}

#[test]
fn no_site_toml() {
    build_fails("errors/no-site-toml");
}

#[test]
fn check_reports_the_same_problems_and_writes_nothing() {
    let site = Site::fixture("errors/many");
    let check = site.run(&["check"]);
    let build = site.run(&["build"]);
    assert_eq!(check.code, 1);
    assert_eq!(
        check.stderr.replace("check failed", "build failed"),
        build
            .stderr
            .replace("; the output folder was not changed", "")
    );
    assert!(!site.root.join("public").exists());
}

#[test]
fn invalid_utf8() {
    let site = Site::fixture("hosting");
    std::fs::write(
        site.root.join("content/bad.md"),
        b"+++\ntitle = \"caf\xe9\"\n+++\n",
    )
    .unwrap();
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "content/bad.md:2:13: error: the file is not valid UTF-8\n  hint: save the file as UTF-8 in your editor (\"Save with encoding\" → UTF-8)\nerror: build failed: 1 error; the output folder was not changed\n"
    );
}

#[test]
fn unreadable_file() {
    let site = Site::fixture("hosting");
    // A link to nowhere cannot be read, whoever runs the test (root reads files of mode 000).
    std::os::unix::fs::symlink("/nonexistent/plan.md", site.root.join("content/plan.md")).unwrap();
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "content/plan.md: error: cannot read the file: No such file or directory\n  hint: check that the file exists and that you may read it\nerror: build failed: 1 error; the output folder was not changed\n"
    );
}

#[test]
fn messages_name_paths_relative_to_where_toolkit_runs() {
    let site = Site::fixture("errors/front-matter-toml");
    let run = crate::harness::run_in(site.root.parent().unwrap(), &["build", "--root", "site"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .starts_with("site/content/_index.md:3:10: error: invalid TOML"),
        "{}",
        run.stderr
    );
}

#[test]
fn output_inside_content_is_refused() {
    let site = Site::fixture("errors/output-in-content");
    check_failure(&site, "errors/output-in-content", &["build"], 3);
    assert!(!site.root.join("content/public").exists());
}
