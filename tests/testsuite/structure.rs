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
    assert!(en.contains(
        "<link rel=\"alternate\" hreflang=\"nl\" href=\"https://example.org/nl/play/a/\">"
    ));
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

/// The links of a page's site navigation: `(text, href, aria-current, nesting depth)`.
fn nav_links(html: &str) -> Vec<(String, String, bool, usize)> {
    let document = scraper::Html::parse_document(html);
    let nav = scraper::Selector::parse("nav.site-nav a").unwrap();
    document
        .select(&nav)
        .map(|a| {
            let depth = a
                .ancestors()
                .filter(|n| n.value().as_element().is_some_and(|e| e.name() == "ul"))
                .count();
            (
                a.text().collect::<String>(),
                a.value().attr("href").unwrap().to_string(),
                a.value().attr("aria-current") == Some("page"),
                depth,
            )
        })
        .collect()
}

/// The link texts at one nesting depth of the navigation (1: top level, 2: under a section).
fn at_depth(links: &[(String, String, bool, usize)], depth: usize) -> Vec<&str> {
    links
        .iter()
        .filter(|l| l.3 == depth)
        .map(|l| l.0.as_str())
        .collect()
}

#[test]
fn long_lists_in_the_navigation_show_a_window_and_link_to_the_whole_list() {
    let site = Site::empty();
    site.write(
        "site.toml",
        "title = \"Nav\"\nbase_url = \"https://example.org/kit/\"\n",
    );
    site.write("content/_index.md", "+++\ntitle = \"Home\"\n+++\n");
    // 14 sections at the top, the first with 30 pages, the second with 3.
    for s in 0..14 {
        site.write(
            &format!("content/s{s:02}/_index.md"),
            &format!("+++\ntitle = \"Section {s}\"\nweight = {s}\n+++\n"),
        );
    }
    for p in 0..30 {
        site.write(
            &format!("content/s00/p{p:02}.md"),
            &format!("+++\ntitle = \"Page {p}\"\nweight = {p}\n+++\nText.\n"),
        );
    }
    for p in 0..3 {
        site.write(
            &format!("content/s01/q{p}.md"),
            &format!("+++\ntitle = \"Short {p}\"\nweight = {p}\n+++\nText.\n"),
        );
    }
    site.run(&["build"]).success();

    // Page 20 of 30: the 7 pages around it, then a link to the section that lists all 30.
    let links = nav_links(&site.read("public/s00/p20/index.html"));
    let inner: Vec<(&str, bool)> = links
        .iter()
        .filter(|l| l.3 == 2)
        .map(|l| (l.0.as_str(), l.2))
        .collect();
    assert_eq!(
        inner,
        [
            ("Page 17", false),
            ("Page 18", false),
            ("Page 19", false),
            ("Page 20", true),
            ("Page 21", false),
            ("Page 22", false),
            ("Page 23", false),
            ("All 30 in “Section 0”", false),
        ]
    );
    assert!(links.contains(&("All 30 in “Section 0”".into(), "/kit/s00/".into(), false, 2)));
    // The top level: 7 of the 14 sections, starting at the current one, and a link home.
    let top = at_depth(&links, 1);
    assert_eq!(
        top,
        [
            "Section 0",
            "Section 1",
            "Section 2",
            "Section 3",
            "Section 4",
            "Section 5",
            "Section 6",
            "All 14 in “Home”"
        ]
    );
    // The last page: the window ends at the end of the list.
    let last = nav_links(&site.read("public/s00/p29/index.html"));
    let inner = at_depth(&last, 2);
    assert_eq!(
        inner,
        [
            "Page 23",
            "Page 24",
            "Page 25",
            "Page 26",
            "Page 27",
            "Page 28",
            "Page 29",
            "All 30 in “Section 0”"
        ]
    );
    // A short section is listed whole; a section far down the top level is in the window.
    let short = nav_links(&site.read("public/s01/q1/index.html"));
    let inner = at_depth(&short, 2);
    assert_eq!(inner, ["Short 0", "Short 1", "Short 2"]);
    let far = nav_links(&site.read("public/s12/index.html"));
    let top: Vec<(&str, bool)> = far
        .iter()
        .filter(|l| l.3 == 1)
        .map(|l| (l.0.as_str(), l.2))
        .collect();
    assert_eq!(
        top,
        [
            ("Section 7", false),
            ("Section 8", false),
            ("Section 9", false),
            ("Section 10", false),
            ("Section 11", false),
            ("Section 12", true),
            ("Section 13", false),
            ("All 14 in “Home”", false),
        ]
    );
    // The whole lists are on the section page and the home page, without JavaScript.
    let section = site.read("public/s00/index.html");
    assert!(section.matches("href=\"/kit/s00/p").count() >= 30);
    let home = site.read("public/index.html");
    for s in 0..14 {
        assert!(
            home.contains(&format!("href=\"/kit/s{s:02}/\"")),
            "section {s}"
        );
    }
    // The navigation of every page stays small however long the section is.
    for p in [0, 10, 29] {
        let html = site.read(&format!("public/s00/p{p:02}/index.html"));
        assert!(nav_links(&html).len() <= 2 * 8, "page {p}");
    }
}

#[test]
fn a_site_restyles_the_default_theme_with_its_own_stylesheet_after_the_themes() {
    let site = Site::empty();
    site.write(
        "site.toml",
        "title = \"Clinic\"\nbase_url = \"https://example.org/kit/\"\n\n[extra]\nstyle = \"clinic.css\"\n",
    );
    site.write("content/_index.md", "+++\ntitle = \"Home\"\n+++\nText.\n");
    site.write("static/clinic.css", ":root { --brand: #7a1f5c; }\n");
    site.run(&["build", "--quiet"]).success();
    let page = site.read("public/index.html");
    let theme = page
        .find("href=\"/kit/style.css\"")
        .expect("the theme's stylesheet");
    let own = page
        .find("href=\"/kit/clinic.css\"")
        .expect("the site's stylesheet is linked");
    assert!(theme < own, "the site's stylesheet comes first:\n{page}");
    assert_eq!(
        site.read("public/clinic.css"),
        ":root { --brand: #7a1f5c; }\n"
    );
    // The theme's look is in custom properties that such a file can set.
    let css = site.read("public/style.css");
    for property in [
        "--brand:",
        "--on-brand:",
        "--font-body:",
        "--text-base:",
        "--radius:",
    ] {
        assert!(css.contains(property), "style.css has no {property}");
    }
    // Without it, no stylesheet of the site is linked.
    site.write(
        "site.toml",
        "title = \"Clinic\"\nbase_url = \"https://example.org/kit/\"\n",
    );
    site.run(&["build", "--quiet"]).success();
    assert!(!site.read("public/index.html").contains("clinic.css"));
}
