//! What GitHub Pages needs: the base path in every URL, 404, sitemap, robots, CNAME, .nojekyll.

use crate::crawl::{Server, crawl, get};
use crate::harness::{Site, build_and_compare, repo_root};

#[test]
fn host_files_and_base_path() {
    let site = build_and_compare("hosting", &[]);
    let home = site.read("public/index.html");
    assert!(home.contains("href=\"/toolkit/style.css\""), "{home}");
    assert!(home.contains("<a href=\"/toolkit/about/\">About</a>"));
    assert!(home.contains("<a href=\"/toolkit/files/form.txt\">form</a>"));
    assert!(
        site.read("public/sitemap.xml")
            .contains("<loc>https://org.github.io/toolkit/about/</loc>")
    );
    assert!(site.read("public/404.html").contains("Page not found"));
}

#[test]
fn base_url_flag_overrides_site_toml() {
    let site = Site::fixture("hosting");
    site.run(&["build", "--base-url", "https://example.org/sub"])
        .success();
    let home = site.read("public/index.html");
    assert!(home.contains("href=\"/sub/style.css\""));
    assert!(home.contains("<a href=\"/sub/about/\">About</a>"));
    assert!(!home.contains("/toolkit/"));
    assert!(
        site.read("public/robots.txt")
            .contains("Sitemap: https://example.org/sub/sitemap.xml")
    );
}

#[test]
fn built_site_served_under_a_sub_path_has_no_broken_link() {
    for fixture in ["hosting", "translations"] {
        let site = Site::fixture(fixture);
        site.run(&["build", "--base-url", "https://example.org/sub/"])
            .success();
        let server = Server::start(&site.root.join("public"), "/sub/");
        let report = crawl(server.port, "/sub/");
        assert!(
            report.problems.is_empty(),
            "{fixture}: {:#?}",
            report.problems
        );
        assert!(
            report.pages >= 2 && report.resources >= 1,
            "{fixture}: crawled only {} pages, {} files",
            report.pages,
            report.resources
        );
        assert_eq!(get(server.port, "/sub/no-such-page/").0, 404);
    }
}

#[test]
fn bundled_toolkit_served_under_a_sub_path_has_no_broken_link() {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let output = public.to_string_lossy().into_owned();
    let run = crate::harness::run_in(
        &repo_root(),
        &[
            "build",
            "--base-url",
            "https://example.org/org/toolkit/",
            "--output",
            &output,
        ],
    );
    run.success();
    let server = Server::start(&public, "/org/toolkit/");
    let report = crawl(server.port, "/org/toolkit/");
    assert!(report.problems.is_empty(), "{:#?}", report.problems);
    assert!(report.pages >= 2, "crawled only {} pages", report.pages);
}

#[test]
fn a_base_url_that_would_send_links_to_another_host_is_refused() {
    let site = Site::fixture("hosting");
    let run = site.run(&[
        "build",
        "--base-url",
        "https://org.github.io//evil.example/",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "error: --base-url: base_url `https://org.github.io//evil.example/` has an empty, `.` or `..` part in its path (`//evil.example/`)\n  hint: for example --base-url https://org.github.io/toolkit/\nerror: build failed: 1 error; the output folder was not changed\n"
    );
    assert!(!site.root.join("public").exists());
    let config = site.read("site.toml").replace(
        "https://org.github.io/toolkit/",
        "https://user:secret@org.github.io/toolkit/",
    );
    site.write("site.toml", &config);
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("site.toml:2:12: error: base_url `https://user:secret@org.github.io/toolkit/` holds a user name or password, which would be published in every page and the sitemap\n"),
        "{}",
        run.stderr
    );
}
