//! The action plan's page: without JavaScript it says what it does and links to the printable
//! checklists; the checklist items to pick are in the page as escaped text; the data the script
//! needs is JSON that no text of the site can break out of; the dashboard links to the plan;
//! the follow-up scan is linked only when the site has a barrier scan. The plan in a browser is
//! tested in tests/browser/plan.rs.

use pretty_assertions::assert_eq;
use scraper::{Html, Selector};

use crate::harness::Site;

fn built() -> Site {
    let site = Site::fixture("action-plan");
    site.run(&["build"]).success();
    site
}

fn select<'a>(html: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    html.select(&Selector::parse(css).unwrap()).collect()
}

fn text(element: &scraper::ElementRef<'_>) -> String {
    element.text().collect::<String>().trim().to_string()
}

fn attr(element: &scraper::ElementRef<'_>, name: &str) -> String {
    element.value().attr(name).unwrap_or_default().to_string()
}

/// The JSON of `<script id="action-plan-data">`, with its raw text.
fn script_data(html: &Html) -> (serde_json::Value, String) {
    let script = select(html, "script#action-plan-data");
    assert_eq!(script.len(), 1, "one data block");
    let raw = script[0].inner_html();
    (serde_json::from_str(&raw).expect("the data is JSON"), raw)
}

/// A page as a browser without JavaScript reads it: what is in `<noscript>` is part of it.
fn without_script(page: &str) -> Html {
    Html::parse_document(&page.replace("<noscript>", "").replace("</noscript>", ""))
}

#[test]
fn without_javascript_the_page_explains_itself_and_links_to_the_printable_checklists() {
    let site = built();
    let html = without_script(&site.read("public/tools/plan/index.html"));
    let explained = select(&html, ".plan-nojs > p");
    assert!(
        text(&explained[0])
            .starts_with("This page keeps your clinic's action plan in this browser"),
        "{}",
        text(&explained[0])
    );
    let links: Vec<(String, String)> = select(&html, ".plan-nojs a")
        .iter()
        .map(|a| (text(a), attr(a, "href")))
        .collect();
    assert_eq!(
        links,
        [
            (
                "All checklists on one page, to print".into(),
                "/Our-Kit/print/".into()
            ),
            (
                "All checklists in one PDF".into(),
                "/Our-Kit/checklists.pdf".into()
            ),
            ("Start".into(), "/Our-Kit/lists/start/".into()),
        ]
    );
    // The plan is there for the script from the start (hidden without JavaScript, so nothing
    // moves when the script runs), and the page's own text is there.
    assert_eq!(select(&html, ".plan-app.js-only").len(), 1);
    assert_eq!(text(&select(&html, ".content p")[0]), "How we plan.");
    let dutch = without_script(&site.read("public/nl/tools/plan/index.html"));
    assert!(
        text(&select(&dutch, ".plan-nojs > p")[0])
            .starts_with("Op deze pagina houd je het actieplan")
    );
    assert_eq!(
        attr(&select(&dutch, ".plan-nojs a")[2], "href"),
        "/Our-Kit/nl/lists/start/"
    );
}

#[test]
fn the_items_to_pick_are_escaped_text_with_their_checklist_and_attributes() {
    let site = built();
    let html = Html::parse_document(&site.read("public/tools/plan/index.html"));
    let boxes = select(&html, ".plan-picker input[name=pick]");
    let picked: Vec<[String; 5]> = boxes
        .iter()
        .map(|b| {
            [
                attr(b, "value"),
                attr(b, "data-role"),
                attr(b, "data-construct"),
                attr(b, "data-url"),
                attr(b, "data-checklist-title"),
            ]
        })
        .collect();
    assert_eq!(
        picked,
        [
            [
                "lists/start#gap".to_string(),
                "lead & \"co\"".into(),
                "Planning".into(),
                "/Our-Kit/lists/start/#gap".into(),
                "Start".into()
            ],
            [
                "lists/start#name-lead".into(),
                "team manager".into(),
                "".into(),
                "/Our-Kit/lists/start/#name-lead".into(),
                "Start".into()
            ],
        ]
    );
    let texts: Vec<String> = select(&html, ".plan-pick-text").iter().map(text).collect();
    assert_eq!(texts[0], "Close the </script><b>bold</b> gap & “quote” it");
    assert!(
        select(&html, ".plan-picker b").is_empty(),
        "markup in an item became an element"
    );
    let phases: Vec<String> = select(&html, ".plan-pick-items li")
        .iter()
        .map(|li| attr(li, "data-phase"))
        .collect();
    assert_eq!(phases, ["prepare", "train"]);
    let domains: Vec<String> = select(&html, ".plan-filter select[name=domain] option")
        .iter()
        .map(text)
        .collect();
    assert_eq!(domains, ["All domains", "Process </script> & co"]);
}

#[test]
fn the_scripts_data_is_json_that_site_text_cannot_break_out_of() {
    let site = built();
    for (page, lang, separator) in [
        ("public/tools/plan/index.html", "en", ","),
        ("public/nl/tools/plan/index.html", "nl", ";"),
        ("public/lists/index.html", "en", ","),
    ] {
        let html = Html::parse_document(&site.read(page));
        let (data, raw) = script_data(&html);
        assert!(
            !raw.contains('<') && !raw.contains('>') && !raw.contains('&'),
            "{raw}"
        );
        assert_eq!(data["site"], "/Our-Kit/", "{page}");
        assert_eq!(data["host"], "clinic.example:8443");
        assert_eq!(data["uid_site"], "our-kit");
        assert_eq!(data["lang"], lang);
        assert_eq!(data["separator"], separator, "{page}");
        assert_eq!(data["constructs"], serde_json::json!([]));
        let status = if lang == "nl" { "Bezig" } else { "Doing" };
        assert_eq!(data["words"]["status_doing"], status);
        assert!(data["words"].get("action_plan_status_doing").is_none());
    }
    // The scripts that share the plan's storage, the calendar text and the page, in that order.
    let html = Html::parse_document(&site.read("public/tools/plan/index.html"));
    let scripts: Vec<String> = select(&html, "script[src]")
        .iter()
        .map(|s| attr(s, "src"))
        .filter(|s| {
            !["search.js", "menu.js", "offline.js"]
                .iter()
                .any(|f| s.ends_with(f))
        })
        .collect();
    assert_eq!(
        scripts,
        [
            "/Our-Kit/checklist.js",
            "/Our-Kit/planner.js",
            "/Our-Kit/action-plan.js"
        ]
    );
    assert!(site.root.join("public/action-plan.js").is_file());
    assert!(site.root.join("public/action-plan.css").is_file());
}

#[test]
fn the_dashboard_links_to_the_plan_and_a_site_without_one_has_no_such_block() {
    let site = built();
    let html = Html::parse_document(&site.read("public/nl/lists/index.html"));
    let link = select(&html, ".dashboard-plan a");
    assert_eq!(link.len(), 1);
    assert_eq!(attr(&link[0], "href"), "/Our-Kit/nl/tools/plan/");
    assert_eq!(text(&link[0]), "Open het actieplan");
    // The counts are the script's to fill in.
    assert_eq!(select(&html, ".dashboard-plan-counts[hidden]").len(), 1);

    let without = Site::fixture("checklists");
    without.run(&["build"]).success();
    let html = Html::parse_document(&without.read("public/lists/index.html"));
    assert!(select(&html, ".dashboard-plan").is_empty());
    assert!(select(&html, "script#action-plan-data").is_empty());
}

#[test]
fn the_follow_up_scan_is_linked_only_when_the_site_has_one() {
    let site = built();
    let html = Html::parse_document(&site.read("public/tools/plan/index.html"));
    let followup = &select(&html, ".plan-followup")[0];
    assert!(text(followup).contains("run the scan again as a follow-up wave"));
    assert!(select(&html, ".plan-followup a").is_empty());

    site.write(
        "content/tools/barrier-scan.md",
        "+++\ntitle = \"Barrier scan\"\n+++\n\nThe scan.\n",
    );
    site.run(&["build"]).success();
    let html = Html::parse_document(&site.read("public/tools/plan/index.html"));
    let links = select(&html, ".plan-followup a");
    assert_eq!(links.len(), 1);
    assert_eq!(attr(&links[0], "href"), "/Our-Kit/tools/barrier-scan/");
}

#[test]
fn a_picked_item_brings_its_construct_and_strategies_from_the_bundled_checklists() {
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("public");
    crate::harness::run_in(
        &crate::harness::repo_root(),
        &["build", "--quiet", "--output", output.to_str().unwrap()],
    )
    .success();
    let page = std::fs::read_to_string(output.join("nl/tools/action-plan/index.html")).unwrap();
    let html = Html::parse_document(&page);
    let champion = select(&html, "input[name=pick]")
        .into_iter()
        .find(|i| attr(i, "data-strategies").contains("identify-and-prepare-champions"))
        .expect("a checklist item that names the champions strategy");
    assert!(
        !attr(&champion, "data-construct-id").is_empty(),
        "its construct's id is there for the plan's barrier"
    );
}
