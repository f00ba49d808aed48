//! Markdown features, heading ids, tables of contents and link resolution.

use crate::harness::{Site, build_and_compare};

#[test]
fn markdown_features_ids_toc_and_links() {
    let site = build_and_compare("markdown", &[]);
    // The colocated file is published beside its page, at its content path.
    assert_eq!(site.read("public/guide/img/logo.png"), "not really a png\n");
}

#[test]
fn title_comes_from_the_first_heading_when_front_matter_has_none() {
    let site = Site::fixture("markdown");
    site.run(&["build"]).success();
    let other = site.read("public/guide/other/index.html");
    assert!(other.starts_with("<h1>Other page</h1>"), "{other}");
    assert_eq!(
        other.matches("Other page").count(),
        1,
        "the heading is not repeated in the body:\n{other}"
    );
}

#[test]
fn many_equal_headings_get_numbered_ids() {
    // Trying every suffix from 1 for each repeat took minutes for this page.
    let site = Site::fixture("markdown");
    let headings = "## Notes\n\n".repeat(20_000);
    site.write("content/many.md", &format!("# Many\n\n{headings}"));
    site.run(&["build", "--quiet"]).success();
    let page = site.read("public/many/index.html");
    assert_eq!(page.matches("<h2 id=\"notes").count(), 20_000);
    for id in ["notes", "notes-1", "notes-2", "notes-19999"] {
        assert!(
            page.contains(&format!("<h2 id=\"{id}\">")),
            "no heading `{id}`"
        );
    }
    assert!(!page.contains("id=\"notes-20000\""));
}
