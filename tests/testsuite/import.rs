//! `toolkit import` on a Jekyll-style handbook (tests/fixtures/import-jekyll/source): the site it
//! writes (exactly `expected/`), the report of what it could not convert, a check of the new
//! site without errors, and no file overwritten on a second run.

use std::fs;

use crate::harness::{Site, bless, fixtures, read_tree};

#[test]
fn a_jekyll_handbook_becomes_a_site_that_checks_without_errors() {
    let site = Site::fixture("import-jekyll");
    let run = site.run(&["import", "source", "--output", "new"]);
    run.success();
    let expected_dir = fixtures().join("import-jekyll/expected");
    let produced = site.tree("new");
    if bless() {
        let _ = fs::remove_dir_all(&expected_dir);
        for (name, bytes) in &produced {
            let path = expected_dir.join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, bytes).unwrap();
        }
    } else {
        let expected = read_tree(&expected_dir);
        pretty_assertions::assert_eq!(
            produced.keys().collect::<Vec<_>>(),
            expected.keys().collect::<Vec<_>>(),
            "the files of the new site (TOOLKIT_BLESS=1 rewrites expected/)"
        );
        for (name, bytes) in &expected {
            pretty_assertions::assert_eq!(
                String::from_utf8_lossy(&produced[name]),
                String::from_utf8_lossy(bytes),
                "new/{name}"
            );
        }
    }
    // What could not be converted, on standard output and in the report, with path:line.
    let report = site.read("new/import-report.txt");
    assert_eq!(
        report,
        format!("Not converted (each needs a look by hand):\n{}", run.stdout)
    );
    assert_eq!(
        run.stdout,
        "source/_posts: the collection _posts is not converted; move its pages into a folder without `_` to keep them\n\
         source/guide/setup.md:5: layout `landing` has no equivalent; the page uses the theme's page template\n\
         source/guide/setup.md:9: `{% include note.html text=\"Read this first.\" %}` is a Liquid `include` tag, which toolkit does not have; not converted\n\
         source/guide/setup.md:11: `{% link gone.md %}` links to gone.md, which is not in the imported folder; not converted\n\
         source/index.md:12: `{{ site.title }}` is a Liquid expression, which toolkit does not have; not converted\n\
         source/404.html: an HTML page with front matter is not converted; rewrite it in Markdown\n"
    );
    assert_eq!(
        run.stderr,
        "Imported 6 pages and 1 other file from the Jekyll site source into new; 6 things not \
         converted, listed above and in new/import-report.txt. Next: toolkit check --root new\n"
    );

    // The new site checks with no error (the tags left are warnings) and builds.
    let check = site.run(&["check", "--root", "new"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(!check.stderr.contains(": error:"), "{}", check.stderr);
    assert!(
        check.stderr.ends_with(": no errors (3 warnings)\n"),
        "{}",
        check.stderr
    );
    site.run(&["build", "--root", "new", "--quiet"]).success();
    // Old addresses and the home page's links, under the base path of the Jekyll site.
    let about = site.read("new/public/old-about/index.html");
    assert!(about.contains("url=/clinic/about/"), "{about}");
    assert!(site.root.join("new/public/nl/over-ons/index.html").exists());
    assert!(
        site.read("new/public/over-ons/index.html")
            .contains("url=/clinic/nl/over-ons/")
    );
    let home = site.read("new/public/index.html");
    for href in [
        "src=\"/clinic/assets/logo.png\"",
        "href=\"/clinic/guide/setup/\"",
        "href=\"/clinic/about/\"",
        "href=\"/clinic/about#team\"",
        "href=\"/clinic/guide/setup/#dont-panic\"",
    ] {
        assert!(home.contains(href), "no {href} in the home page");
    }
    // The draft stays out.
    assert!(!site.root.join("new/public/guide/old/").exists());
}

#[test]
fn import_never_overwrites_a_file() {
    let site = Site::fixture("import-jekyll");
    site.write("new/content/about.md", "mine\n");
    let run = site.run(&["import", "source", "--output", "new"]);
    assert_eq!(run.code, 3);
    assert_eq!(
        run.stderr,
        "error: new/content/about.md already exists; nothing was written\n  \
         hint: toolkit import never overwrites a file: name a new folder with --output\n"
    );
    assert_eq!(site.read("new/content/about.md"), "mine\n");
    assert_eq!(site.tree("new").len(), 1);
    let run = site.run(&["import", "nowhere"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with("error: nowhere is not a folder\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_hugo_site_becomes_a_site_that_checks_without_errors() {
    let site = Site::empty();
    site.write(
        "hugo-site/hugo.toml",
        "baseURL = \"https://docs.example.org/\"\ntitle = \"Docs\"\ndefaultContentLanguage = \"en\"\n",
    );
    site.write(
        "hugo-site/content/_index.md",
        "+++\ntitle = \"Docs\"\n+++\nSee [A]({{< ref \"docs/a.md\" >}}).\n",
    );
    site.write(
        "hugo-site/content/docs/_index.md",
        "---\ntitle: Docs section\nweight: 2\n---\n",
    );
    site.write(
        "hugo-site/content/docs/a.md",
        "+++\ntitle = \"A\"\naliases = [\"/old-a/\"]\nsummary = \"About A.\"\ncategories = [\"x\"]\n+++\n\
         ![pic](/img/pic.png) [home]({{< relref \"../_index.md\" >}}) {{< note >}}\n",
    );
    site.write("hugo-site/static/img/pic.png", "not really a png\n");
    let run = site.run(&["import", "hugo-site", "-o", "new", "--quiet"]);
    run.success();
    assert_eq!(
        run.stdout,
        "hugo-site/content/docs/a.md:7: `{{< note >}}` is a Hugo shortcode, which toolkit does not have; not converted\n"
    );
    assert_eq!(run.stderr, "");
    assert_eq!(
        site.read("new/content/docs/a.md"),
        "+++\ntitle = \"A\"\ndescription = \"About A.\"\naliases = [\"/old-a/\"]\n[extra]\ncategories = [\"x\"]\n+++\n\
         ![pic](/img/pic.png) [home](../_index.md) {{< note >}}\n"
    );
    assert_eq!(
        site.read("new/content/_index.md"),
        "+++\ntitle = \"Docs\"\n+++\nSee [A](docs/a.md).\n"
    );
    assert_eq!(
        site.read("new/site.toml"),
        "title = \"Docs\"\nbase_url = \"https://docs.example.org/\"\ndefault_language = \"en\"\nlanguages = [\"en\"]\n"
    );
    assert_eq!(site.read("new/static/img/pic.png"), "not really a png\n");
    let check = site.run(&["check", "--root", "new"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(!check.stderr.contains(": error:"), "{}", check.stderr);
}
