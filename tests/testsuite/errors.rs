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
fn yaml_front_matter_has_the_same_checks_as_toml() {
    build_fails("errors/front-matter-yaml");
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
fn a_folder_with_both_index_md_and_underscore_index_md() {
    build_fails("errors/two-section-pages");
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
fn a_link_to_nothing() {
    let site = Site::fixture("hosting");
    std::os::unix::fs::symlink("/nonexistent/plan.md", site.root.join("content/plan.md")).unwrap();
    for command in ["check", "build"] {
        let run = site.run(&[command]);
        assert_eq!(run.code, 1);
        assert_eq!(
            run.stderr,
            format!(
                "content/plan.md: error: this is a link to something that does not exist\n  hint: remove the link or make it point to a file inside the site folder\nerror: {command} failed: 1 error{}\n",
                if command == "build" {
                    "; the output folder was not changed"
                } else {
                    ""
                }
            )
        );
    }
}

#[test]
fn links_out_of_the_site_are_refused_by_check_and_build_alike() {
    let site = Site::fixture("hosting");
    let outside = site.root.parent().unwrap().join("shared-images");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("logo.txt"), "img").unwrap();
    std::os::unix::fs::symlink("../../shared-images", site.root.join("content/images")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", site.root.join("static/passwd.txt")).unwrap();
    // A link that stays inside the site is followed: its files are published.
    std::fs::create_dir_all(site.root.join("assets")).unwrap();
    std::fs::write(site.root.join("assets/form.txt"), "form").unwrap();
    std::os::unix::fs::symlink("../assets", site.root.join("content/forms")).unwrap();
    let outside = std::fs::canonicalize(&outside).unwrap();
    for command in ["check", "build"] {
        let run = site.run(&[command]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(
            run.stderr.starts_with(&format!("content/images: error: this is a link to {}, which is outside the site folder\n  hint: copy the file or folder into the site instead of linking to it: toolkit publishes only what is inside the site folder\nstatic/passwd.txt: error: this is a link to /etc/passwd, which is outside the site folder\n", outside.display())),
            "{}",
            run.stderr
        );
    }
    assert!(!site.root.join("public").exists());
    std::fs::remove_file(site.root.join("content/images")).unwrap();
    std::fs::remove_file(site.root.join("static/passwd.txt")).unwrap();
    site.run(&["build"]).success();
    assert_eq!(site.read("public/forms/form.txt"), "form");
}

#[test]
fn file_names_that_cannot_be_published_are_refused() {
    use std::os::unix::ffi::OsStrExt;
    let site = Site::fixture("hosting");
    site.write("content/a\nb.txt", "x");
    site.write("static/c\rd.txt", "x");
    std::fs::write(
        site.root
            .join("content")
            .join(std::ffi::OsStr::from_bytes(b"caf\xe9.txt")),
        "one",
    )
    .unwrap();
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "content/a\\nb.txt: error: the file name contains a line break or another control character\n  hint: rename it without such characters\ncontent/caf\u{fffd}.txt: error: the file name is not valid UTF-8\n  hint: rename it: toolkit publishes file names as UTF-8, and two such names could become one\nstatic/c\\rd.txt: error: the file name contains a line break or another control character\n  hint: rename it without such characters\nerror: build failed: 3 errors; the output folder was not changed\n"
    );
}

#[test]
fn files_on_generated_paths_are_an_error_naming_both() {
    let site = Site::fixture("hosting");
    site.write("static/robots.txt", "User-agent: *\nDisallow: /private/\n");
    site.write("content/about/index.html", "<p>stale export</p>");
    site.write("content/sitemap.xml", "<urlset/>");
    site.write("static/search-index.json", "{}");
    for command in ["check", "build"] {
        let run = site.run(&[command]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        let expected = [
            "content/about/index.html: error: content/about/index.html and the page made from content/about.md would both be published at /toolkit/about/\n  hint: rename or remove content/about/index.html: that path is taken",
            "content/sitemap.xml: error: content/sitemap.xml and the sitemap would both be published at /toolkit/sitemap.xml\n  hint: rename or remove content/sitemap.xml: that path is taken",
            "static/robots.txt: error: static/robots.txt and the robots.txt toolkit writes would both be published at /toolkit/robots.txt\n  hint: rename or remove static/robots.txt: that path is taken",
            "static/search-index.json: error: static/search-index.json and the search index would both be published at /toolkit/search-index.json\n  hint: rename or remove static/search-index.json: that path is taken",
        ];
        for line in expected {
            assert!(run.stderr.contains(line), "{line}\n---\n{}", run.stderr);
        }
    }
    // The site's static/ still replaces a theme's file, as it always did.
    std::fs::remove_file(site.root.join("static/robots.txt")).unwrap();
    std::fs::remove_file(site.root.join("static/search-index.json")).unwrap();
    std::fs::remove_file(site.root.join("content/sitemap.xml")).unwrap();
    std::fs::remove_file(site.root.join("content/about/index.html")).unwrap();
    site.write("static/style.css", "body { color: black }");
    site.run(&["build"]).success();
    assert_eq!(site.read("public/style.css"), "body { color: black }");
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
