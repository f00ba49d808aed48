//! Sections, ordering, drafts, translations and template lookup.

use crate::harness::{Site, build_and_compare};

#[test]
fn pages_are_ordered_by_weight_then_title_and_drafts_left_out() {
    let site = build_and_compare("ordering", &[]);
    assert!(!site.root.join("public/draft").exists());
}

#[test]
fn drafts_are_built_with_the_drafts_flag() {
    let site = Site::fixture("ordering");
    site.run(&["build", "--drafts"]).success();
    assert_eq!(site.read("public/draft/index.html"), "Draft||Zebra\n");
}

#[test]
fn templates_are_looked_up_in_site_then_theme_then_builtin() {
    let site = build_and_compare("theme-lookup", &[]);
    // The built-in theme still supplies what neither the site nor the theme has.
    assert!(site.read("public/404.html").contains("Page not found"));
}

#[test]
fn translations_are_published_under_their_language_and_linked_both_ways() {
    let site = Site::fixture("translations");
    site.run(&["build"]).success();
    let en = site.read("public/play/a/index.html");
    let nl = site.read("public/nl/play/a/index.html");
    assert!(en.contains("<html lang=\"en\">"));
    assert!(nl.contains("<html lang=\"nl\">"));
    // Language switcher and alternates, both ways.
    assert!(
        en.contains("<a href=\"/nl/play/a/\" hreflang=\"nl\" lang=\"nl\">Nederlands</a>"),
        "{en}"
    );
    assert!(
        nl.contains("<a href=\"/play/a/\" hreflang=\"en\" lang=\"en\">English</a>"),
        "{nl}"
    );
    assert!(en.contains("<link rel=\"alternate\" hreflang=\"nl\" href=\"/nl/play/a/\">"));
    // A link to b.md from the Dutch page goes to the English page, which has no translation;
    // a link naming a.en.md goes to the English page on purpose.
    assert!(nl.contains("<a href=\"/play/b/\">B</a>"), "{nl}");
    assert!(nl.contains("<a href=\"/play/a/\">de Engelse A</a>"), "{nl}");
    // The Dutch home page links to the Dutch A, with its anchor.
    assert!(
        site.read("public/nl/index.html")
            .contains("<a href=\"/nl/play/a/#why\">A</a>")
    );
    // Theme words in the page's language.
    assert!(nl.contains("Naar de inhoud"));
    // A Dutch section page is made up for the folder that has no _index.nl.md.
    let nl_section = site.read("public/nl/play/index.html");
    assert!(nl_section.contains("Pagina A"), "{nl_section}");
    assert!(
        !nl_section.contains("Page B"),
        "the Dutch section lists only Dutch pages"
    );
    // The navigation expands only the current section, so pages stay small on large sites.
    assert!(en.contains("<a href=\"/play/b/\">Page B</a>"), "{en}");
    assert!(
        !site.read("public/index.html").contains(">Page B</a>"),
        "the home page lists only the sections"
    );
    // The site title per language.
    assert!(nl.contains("Toolkit NL"));
    let sitemap = site.read("public/sitemap.xml");
    assert!(sitemap.contains("<xhtml:link rel=\"alternate\" hreflang=\"nl\" href=\"https://example.org/nl/play/a/\"/>"), "{sitemap}");
}
