//! Links as CommonMark writes them, through a page of a site served under a sub-path: what each
//! becomes in the HTML, and which of them warn.

use scraper::{Html, Selector};

use crate::harness::Site;

/// Markdown of one link (or image) and the address the page must have for it.
const CASES: &[(&str, &str)] = &[
    // Autolinks: e-mail addresses get `mailto:`, URLs stay as they are.
    ("<someone@example.org>", "mailto:someone@example.org"),
    (
        "<first.last+tag@example.org>",
        "mailto:first.last+tag@example.org",
    ),
    (
        "<https://example.com/a?b=c&d=e>",
        "https://example.com/a?b=c&d=e",
    ),
    ("<mailto:office@example.org>", "mailto:office@example.org"),
    (
        "[mail](mailto:office@example.org)",
        "mailto:office@example.org",
    ),
    // External and protocol-relative links stay as written.
    ("[x](https://example.com/a(b))", "https://example.com/a(b)"),
    ("[x](//cdn.example.org/x.js)", "//cdn.example.org/x.js"),
    ("[x](tel:+31201234567)", "tel:+31201234567"),
    // Empty and self destinations keep what the author wrote.
    ("[empty]()", ""),
    ("[empty](<>)", ""),
    ("[empty reference][nothing]", ""),
    ("[self](.)", "."),
    ("[self](./)", "./"),
    ("[query](?q=1)", "?q=1"),
    ("[top](#links)", "#links"),
    // Pages, by their file or from the site's base, with their anchors.
    ("[x](guide.md)", "/handbook/guide/"),
    ("[x](guide.md#setup)", "/handbook/guide/#setup"),
    (
        "[x](./guide.md#dont-use-faqs)",
        "/handbook/guide/#dont-use-faqs",
    ),
    ("[x](/guide/)", "/handbook/guide/"),
    ("[x](/guide/#setup)", "/handbook/guide/#setup"),
    ("[x](/guide#setup)", "/handbook/guide#setup"),
    (
        "[x](/guide/?print=1#setup)",
        "/handbook/guide/?print=1#setup",
    ),
    ("[x](/)", "/handbook/"),
    // Files that are not pages: their published URL, under the base path.
    ("[x](train.jpg)", "/handbook/train.jpg"),
    ("[x](./train.jpg?v=2#top)", "/handbook/train.jpg?v=2#top"),
    ("[x](foo(and(bar)).pdf)", "/handbook/foo(and(bar)).pdf"),
    ("[x](<my file.pdf>)", "/handbook/my%20file.pdf"),
    ("[x](my%20file.pdf)", "/handbook/my%20file.pdf"),
    ("[x](img/it's+1.png)", "/handbook/img/it's+1.png"),
    ("[x](/train.jpg)", "/handbook/train.jpg"),
    (
        "[x](<foo(and(bar)).pdf> \"A title\")",
        "/handbook/foo(and(bar)).pdf",
    ),
];

#[test]
fn commonmark_links_and_autolinks_become_these_addresses() {
    let site = Site::fixture("links");
    let mut page = String::from("+++\ntitle = \"Cases\"\n+++\n## Links\n\n");
    for (markdown, _) in CASES {
        page.push_str(&format!("- {markdown}\n"));
    }
    page.push_str("\n![a train](train.jpg) ![a form](<foo(and(bar)).pdf>)\n");
    page.push_str("\n[nothing]: <>\n");
    site.write("content/cases.md", &page);
    let run = site.run(&["build", "--quiet"]);
    run.success();
    let html = Html::parse_document(&site.read("public/cases/index.html"));
    let hrefs: Vec<&str> = html
        .select(&Selector::parse("li a").unwrap())
        .map(|a| a.value().attr("href").unwrap())
        .collect();
    let want: Vec<&str> = CASES.iter().map(|(_, href)| *href).collect();
    pretty_assertions::assert_eq!(hrefs, want);
    let srcs: Vec<&str> = html
        .select(&Selector::parse("img").unwrap())
        .map(|a| a.value().attr("src").unwrap())
        .collect();
    assert_eq!(srcs, ["/handbook/train.jpg", "/handbook/foo(and(bar)).pdf"]);
    // Each empty link warns, at its place; nothing else does.
    let line = |markdown: &str| 6 + CASES.iter().position(|(m, _)| *m == markdown).unwrap();
    let warning = |markdown: &str| {
        format!(
            "content/cases.md:{}:3: warning: this link has no address; it is kept empty\n  \
             hint: write where it should point, such as [text](other-page.md), or remove it\n",
            line(markdown)
        )
    };
    assert_eq!(
        run.stderr,
        format!(
            "{}{}{}",
            warning("[empty]()"),
            warning("[empty](<>)"),
            warning("[empty reference][nothing]")
        )
    );
    // The files are published where the links point.
    assert_eq!(site.read("public/foo(and(bar)).pdf"), "not really a pdf\n");
    assert_eq!(site.read("public/my file.pdf"), "not really a pdf\n");
}

#[test]
fn a_folders_index_md_is_its_section_page() {
    let site = Site::fixture("links");
    site.write(
        "content/bundle/index.md",
        "---\ntitle: Bundle\n---\n![photo](photo.png) [step](step.md) [home](../_index.md)\n",
    );
    site.write("content/bundle/photo.png", "not really a png\n");
    site.write(
        "content/bundle/step.md",
        "# Step\n\n[up](index.md) [up again](./_index.md)\n",
    );
    site.write(
        "content/cases.md",
        "# Cases\n\n[bundle](bundle/index.md) [folder](bundle/)\n",
    );
    site.run(&["build", "--quiet"]).success();
    let section = site.read("public/bundle/index.html");
    assert_eq!(
        section.trim(),
        "<p><img src=\"/handbook/bundle/photo.png\" alt=\"photo\" /> \
         <a href=\"/handbook/bundle/step/\">step</a> <a href=\"/handbook/\">home</a></p>"
    );
    assert_eq!(
        site.read("public/bundle/step/index.html").trim(),
        "<p><a href=\"/handbook/bundle/\">up</a> <a href=\"/handbook/bundle/\">up again</a></p>"
    );
    assert_eq!(
        site.read("public/cases/index.html").trim(),
        "<p><a href=\"/handbook/bundle/\">bundle</a> <a href=\"/handbook/bundle/\">folder</a></p>"
    );
    assert!(!site.root.join("public/bundle/index/").exists());
}

#[test]
fn liquid_and_hugo_tags_outside_code_are_warned_about() {
    let site = Site::fixture("links");
    site.write(
        "content/cases.md",
        "# Cases\n\n\
         See {{ site.title }} and {% include note.html %}.\n\
         {{< figure src=\"train.jpg\" >}}\n\n\
         In code they are fine: `{{ page.title }}`\n\n\
         ```liquid\n{% if page.x %}{{ page.x }}{% endif %}\n```\n\n\
         Escaped: \\{{ not a tag }}\n",
    );
    let run = site.run(&["build", "--quiet"]);
    run.success();
    let hint = "  hint: write what it stands for (a link to the .md file, the text itself), or put it in `code` to show it; `toolkit import` converts plain link tags\n";
    let warning = |at: &str, tag: &str| {
        format!(
            "content/cases.md:{at}: warning: `{tag}` is a Liquid or Hugo tag, which toolkit does not process: the page shows it as written\n{hint}"
        )
    };
    assert_eq!(
        run.stderr,
        [
            warning("3:5", "{{ site.title }}"),
            warning("3:26", "{% include note.html %}"),
            warning("4:1", "{{< figure src=\"train.jpg\" >}}"),
        ]
        .concat()
    );
    // The page shows them as written.
    assert!(
        site.read("public/cases/index.html")
            .contains("See {{ site.title }} and {% include note.html %}.")
    );
}
