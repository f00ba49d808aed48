//! What every page carries for privacy and search engines (the Content-Security-Policy,
//! absolute canonical and `hreflang` links with an `x-default`), the warning for content that
//! loads from another host and `allowed_hosts`, and the service worker of the offline copy:
//! written by `build` with the digest of the build as its version, left out with
//! `offline = false`, never served by `serve`.

use crate::harness::Site;
use crate::serve_server::{Server, small_site};

fn translated_site() -> Site {
    let site = Site::fixture("translations");
    site.write(
        "site.toml",
        "title = { en = \"Toolkit\", nl = \"Toolkit NL\" }\nbase_url = \"https://example.org/kit/\"\nlanguages = [\"en\", \"nl\"]\n",
    );
    site
}

#[test]
fn every_page_has_the_policy_and_absolute_canonical_and_hreflang_links() {
    let site = translated_site();
    site.run(&["build", "--quiet"]).success();
    let home = site.read("public/nl/index.html");
    assert!(
        home.contains(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;self&#39;; \
             script-src &#39;self&#39;; style-src &#39;self&#39;; img-src &#39;self&#39; data:;"
        ),
        "{home}"
    );
    for line in [
        "<link rel=\"canonical\" href=\"https://example.org/kit/nl/\">",
        "<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/kit/\">",
        "<link rel=\"alternate\" hreflang=\"nl\" href=\"https://example.org/kit/nl/\">",
        "<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://example.org/kit/\">",
    ] {
        assert!(home.contains(line), "no {line} in:\n{home}");
    }
    for (name, bytes) in site.tree("public") {
        if name.ends_with(".html") {
            let text = String::from_utf8_lossy(&bytes);
            assert!(
                text.contains("http-equiv=\"Content-Security-Policy\""),
                "{name} has no policy"
            );
            assert!(!text.contains("<script>"), "{name} has an inline script");
        }
    }
}

#[test]
fn content_that_loads_from_another_host_is_named_with_its_line_unless_the_host_is_allowed() {
    let site = translated_site();
    site.write(
        "content/film.md",
        "+++\ntitle = \"Play\"\n+++\nText.\n\n![Team](https://cdn.example.org/team.png)\n\n<iframe src=\"https://player.vimeo.com/video/1\" title=\"Film\"></iframe>\n",
    );
    let run = site.run(&["build"]);
    run.success();
    assert!(
        run.stderr.contains(
            "warning: this page loads an image from another host (cdn.example.org): \
             `https://cdn.example.org/team.png`; pages load nothing from outside the site, so \
             readers will not see it"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("content/film.md:6:1"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("this page loads a frame from another host (player.vimeo.com)"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("content/film.md:8:1"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("add it to site.toml: allowed_hosts = [\"player.vimeo.com\"]"),
        "{}",
        run.stderr
    );

    site.write(
        "site.toml",
        "title = \"Toolkit\"\nbase_url = \"https://example.org/kit/\"\nlanguages = [\"en\", \"nl\"]\nallowed_hosts = [\"player.vimeo.com\", \"https://CDN.example.org/\"]\n",
    );
    let run = site.run(&["build"]);
    run.success();
    assert!(!run.stderr.contains("another host"), "{}", run.stderr);
    let page = site.read("public/film/index.html");
    assert!(
        page.contains("frame-src &#39;self&#39; https://player.vimeo.com https://cdn.example.org;"),
        "{page}"
    );
}

#[test]
fn a_host_that_is_not_a_host_name_is_an_error_with_its_place() {
    let site = translated_site();
    site.write(
        "site.toml",
        "title = \"T\"\nbase_url = \"https://example.org/\"\nallowed_hosts = [\"http://x.org/a\"]\n",
    );
    let run = site.run(&["build"]);
    assert_ne!(run.code, 0);
    assert!(
        run.stderr
            .contains("error: `http://x.org/a` in `allowed_hosts` is not a host name"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("site.toml:3:18"), "{}", run.stderr);
}

#[test]
fn the_build_writes_the_service_worker_with_a_new_version_for_new_content() {
    let site = translated_site();
    site.run(&["build", "--quiet"]).success();
    let worker = site.read("public/sw.js");
    let version = |js: &str| js.split("const VERSION = '").nth(1).unwrap()[..16].to_string();
    assert!(
        worker.contains(r#""nl":["#) && worker.contains(r#""nl/""#),
        "{worker}"
    );
    let home = site.read("public/index.html");
    assert!(
        home.contains("<script src=\"/kit/offline.js\" data-worker=\"/kit/sw.js\" data-scope=\"/kit/\" defer></script>"),
        "{home}"
    );
    site.run(&["build", "--quiet"]).success();
    assert_eq!(
        version(&site.read("public/sw.js")),
        version(&worker),
        "same build, same version"
    );
    site.write(
        "content/_index.md",
        "+++\ntitle = \"Home\"\n+++\nNew words.\n",
    );
    site.run(&["build", "--quiet"]).success();
    assert_ne!(version(&site.read("public/sw.js")), version(&worker));

    site.write(
        "site.toml",
        "title = \"Toolkit\"\nbase_url = \"https://example.org/kit/\"\nlanguages = [\"en\", \"nl\"]\noffline = false\n",
    );
    site.run(&["build", "--quiet"]).success();
    assert!(!site.root.join("public/sw.js").exists());
    assert!(!site.read("public/index.html").contains("offline.js"));
}

#[test]
fn a_file_of_the_site_where_the_worker_goes_is_an_error() {
    let site = translated_site();
    site.write("static/sw.js", "// mine\n");
    let run = site.run(&["build"]);
    assert_ne!(run.code, 0);
    assert!(
        run.stderr.contains(
            "error: the site has a file published as `sw.js`, where the build writes its service worker"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("set `offline = false` in site.toml to do without the offline copy"),
        "{}",
        run.stderr
    );
}

#[test]
fn serve_has_no_service_worker_and_its_script_is_a_file() {
    let site = small_site();
    let server = Server::start(&site, &[]);
    assert_eq!(server.get("/sub/sw.js").status, 404);
    let page = server.get("/sub/").text();
    assert!(
        page.contains("<script src=\"/__toolkit/serve.js\" data-build="),
        "{page}"
    );
    let script = server.get("/__toolkit/serve.js");
    assert_eq!(script.status, 200);
    assert!(script.text().contains("unregister()"));
    assert_eq!(server.get("/__toolkit/serve.css").status, 200);
}
