//! `aliases` in front matter: a redirect page at each old address, and clashes named.

use crate::harness::{Site, fails_with};

#[test]
fn each_alias_gets_a_redirect_page_under_the_base_path() {
    let site = Site::fixture("links");
    site.write(
        "content/intake.md",
        "+++\ntitle = \"Intake & triage\"\naliases = [\"/old/intake/\", \"/forms/intake.html\"]\n+++\nText.\n",
    );
    site.write(
        "content/moved/index.md",
        "---\ntitle: Moved\naliases:\n  - /was-here\n---\n",
    );
    let run = site.run(&["build", "--quiet"]);
    run.success();
    assert_eq!(run.stderr, "");
    let redirect = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
        <title>Intake &amp; triage</title>\n<meta name=\"robots\" content=\"noindex\">\n\
        <link rel=\"canonical\" href=\"https://example.org/handbook/intake/\">\n\
        <meta http-equiv=\"refresh\" content=\"0; url=/handbook/intake/\">\n</head>\n<body>\n\
        <p>This page has moved to <a href=\"/handbook/intake/\">Intake &amp; triage</a>.</p>\n\
        </body>\n</html>\n";
    assert_eq!(site.read("public/old/intake/index.html"), redirect);
    assert_eq!(site.read("public/forms/intake.html"), redirect);
    let moved = site.read("public/was-here/index.html");
    assert!(
        moved.contains("<meta http-equiv=\"refresh\" content=\"0; url=/handbook/moved/\">"),
        "{moved}"
    );
    // Redirect pages are not pages of the site: the sitemap leaves them out.
    assert!(!site.read("public/sitemap.xml").contains("old/intake"));
    // A link from the site's base to an old address is a link to a file the site has.
    site.write("content/cases.md", "# Cases\n\n[old](/old/intake/)\n");
    site.run(&["check"]).success();
}

#[test]
fn an_alias_on_a_taken_address_is_an_error_naming_both() {
    let site = fails_with("errors/aliases", &["build"], 1);
    assert!(!site.root.join("public").exists());
}
