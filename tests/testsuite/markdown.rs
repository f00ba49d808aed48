//! Markdown features, heading ids, tables of contents and link resolution.

use scraper::{Html, Selector};

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

#[test]
fn headings_outside_ascii_get_ids_that_in_page_links_reach() {
    let site = Site::fixture("markdown");
    site.write(
        "content/Őszi ülés.md",
        "# Meetings\n\n\
         See [autumn](#oszi-ules), [Istanbul](#istanbul), [the meeting](#η-συναντηση) and \
         [escaped](#%CE%B7-%CF%83%CF%85%CE%BD%CE%B1%CE%BD%CF%84%CE%B7%CF%83%CE%B7).\n\n\
         ## Őszi ülés\n\n## İstanbul\n\n## Η συνάντηση\n\n## Straße\n",
    );
    let run = site.run(&["build"]);
    run.success();
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    // The page's URL keeps to ASCII.
    let page = Html::parse_document(&site.read("public/oszi-ules/index.html"));
    let ids: Vec<&str> = page
        .select(&Selector::parse("h2").unwrap())
        .filter_map(|h| h.value().id())
        .collect();
    assert_eq!(ids, ["oszi-ules", "istanbul", "η-συναντηση", "strasse"]);
    let every_id: Vec<&str> = page
        .select(&Selector::parse("[id]").unwrap())
        .filter_map(|e| e.value().id())
        .collect();
    // Every in-page link (the text's four, and any table of contents) reaches an element.
    let fragments: Vec<String> = page
        .select(&Selector::parse("a[href^='#']").unwrap())
        .filter_map(|a| a.value().attr("href"))
        .map(|href| toolkit::text::percent_decode(&href[1..]).unwrap())
        .collect();
    for fragment in &fragments {
        assert!(
            every_id.contains(&fragment.as_str()),
            "#{fragment} reaches nothing"
        );
    }
    for id in ["oszi-ules", "istanbul", "η-συναντηση"] {
        assert!(fragments.iter().any(|f| f == id), "no link to #{id}");
    }
    assert_eq!(fragments.iter().filter(|f| *f == "η-συναντηση").count(), 2);
}

#[test]
fn a_link_to_a_missing_heading_outside_ascii_is_reported() {
    let site = Site::fixture("markdown");
    site.write(
        "content/meeting.md",
        "# Meeting\n\n[gone](#η-συνάντηση)\n\n## Η συνάντηση\n",
    );
    let run = site.run(&["build"]);
    // The id is folded (`η-συναντηση`); a link must name it as it is.
    assert!(run.stderr.contains("#η-συνάντηση"), "{}", run.stderr);
}
