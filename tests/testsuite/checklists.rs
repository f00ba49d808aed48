//! Checklists: items become labelled checkboxes; each checklist gets a CSV, its Markdown and
//! a PDF form; each language gets a print page and a PDF of all checklists; a dashboard lists
//! them. Bad checklists fail the build with their place in the file. The PDFs' text, read back
//! with poppler, and the checklists in a browser are tested in tests/browser/checklists.rs.

use std::collections::HashSet;

use pretty_assertions::assert_eq;
use scraper::{Html, Selector};

use crate::harness::{Site, fails_with};

fn built() -> Site {
    let site = Site::fixture("checklists");
    site.run(&["build"]).success();
    site
}

fn select<'a>(html: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    html.select(&Selector::parse(css).unwrap()).collect()
}

fn attr(element: &scraper::ElementRef<'_>, name: &str) -> String {
    element.value().attr(name).unwrap_or_default().to_string()
}

fn text(element: &scraper::ElementRef<'_>) -> String {
    element.text().collect::<String>().trim().to_string()
}

/// Every id on the page appears once.
#[track_caller]
fn assert_unique_ids(html: &Html) {
    let mut seen = HashSet::new();
    for element in select(html, "[id]") {
        let id = attr(&element, "id");
        assert!(seen.insert(id.clone()), "the id `{id}` is used twice");
    }
}

#[test]
fn items_become_labelled_checkboxes_in_groups_with_the_prose_kept() {
    let site = built();
    let html = Html::parse_document(&site.read("public/lists/start/index.html"));
    let items = select(&html, "li.checklist-item");
    let ids: Vec<String> = items.iter().map(|li| attr(li, "data-item")).collect();
    assert_eq!(
        ids,
        [
            "early",
            "name-lead",
            "plan-the-training-close-to-the-first-patient",
            "pilot"
        ]
    );
    for li in &items {
        let fragment = Html::parse_fragment(&li.html());
        let boxes = select(&fragment, "input[type=checkbox]");
        assert_eq!(boxes.len(), 1);
        let checkbox_id = attr(&boxes[0], "id");
        assert!(
            boxes[0].value().attr("checked").is_none(),
            "boxes start empty"
        );
        let label = select(&html, &format!("label[for=\"{checkbox_id}\"]"));
        assert_eq!(label.len(), 1, "checkbox {checkbox_id} has no label");
    }
    let label = select(&html, "label[for=check-name-lead]");
    assert_eq!(
        label[0].inner_html(),
        "Name a <em>lead</em> for the project."
    );
    let about: Vec<String> = select(&html, "#name-lead dl.item-about > div")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        about,
        [
            // Values start with a capital, like the phases, whatever the source wrote.
            "RoleTeam manager".to_string(),
            "PhasePrepare".to_string(),
            "CFIR constructImplementation Leads".to_string(),
            "SourceHome".to_string()
        ]
    );
    // The source link is resolved like any other link.
    assert_eq!(attr(&select(&html, "#name-lead dd a")[0], "href"), "/kit/");
    // Phase and role as written, for the filter; a place for the tick's date; Date, Initials
    // and Notes lines for paper.
    let li = &select(&html, "#name-lead")[0];
    assert_eq!(li.value().attr("data-phase"), Some("prepare"));
    assert_eq!(li.value().attr("data-role"), Some("team manager"));
    assert_eq!(select(&html, "#name-lead .item-ticked.js-only").len(), 1);
    let sign: Vec<String> = select(&html, "#name-lead .item-sign span")
        .iter()
        .map(text)
        .collect();
    assert_eq!(sign, ["Date", "Initials", "Notes / owner"]);
    // Groups follow the `##` headings; prose and ordinary list items stay.
    let groups: Vec<String> = select(&html, ".checklist-group > h2")
        .iter()
        .map(text)
        .collect();
    assert_eq!(groups, ["Plan", "Launch"]);
    let content = site.read("public/lists/start/index.html");
    assert!(content.contains("<p>Prose before the first group stays.</p>"));
    assert!(content.contains("<p>Prose inside a group stays too.</p>"));
    assert!(content.contains("<li>Not a task: an ordinary list item.</li>"));
    assert_eq!(
        select(&html, "ol.checklist-items > li.checklist-item").len(),
        1
    );
    assert_unique_ids(&html);
    // Domain and size, and links to the downloads beside the page.
    assert!(text(&select(&html, ".checklist-domain")[0]).starts_with("Domain: Process · 4 items"));
    let downloads: Vec<String> = select(&html, ".downloads a")
        .iter()
        .map(|a| attr(a, "href"))
        .collect();
    assert_eq!(
        downloads,
        [
            "/kit/lists/start/start.pdf",
            "/kit/lists/start/start.csv",
            "/kit/lists/start/start.md",
            "/kit/lists/start/start.docx",
            "/kit/lists/start/start.xlsx",
            "/kit/print/",
            "/kit/checklists.pdf"
        ]
    );
    // The script and its words are the site's own.
    assert_eq!(
        attr(&select(&html, "script[src$='checklist.js']")[0], "src"),
        "/kit/checklist.js"
    );
    let words = text(&select(&html, "script#checklist-words")[0]);
    let words: serde_json::Value = serde_json::from_str(&words).unwrap();
    assert_eq!(words["progress"], "{done} of {total} done");
    let nl = Html::parse_document(&site.read("public/nl/lists/start/index.html"));
    let words = text(&select(&nl, "script#checklist-words")[0]);
    let words: serde_json::Value = serde_json::from_str(&words).unwrap();
    assert_eq!(words["progress"], "{done} van {total} gedaan");
    assert_eq!(
        text(&select(&nl, "#name-lead dl.item-about > div")[1]),
        "FaseVoorbereiden"
    );
}

#[test]
fn without_javascript_the_progress_and_actions_stay_hidden() {
    let site = built();
    let html = Html::parse_document(&site.read("public/lists/start/index.html"));
    for css in [
        ".checklist-progress",
        ".checklist-actions",
        ".group-progress",
    ] {
        for element in select(&html, css) {
            assert!(
                element.value().classes().any(|c| c == "js-only"),
                "{css} is shown without JavaScript"
            );
        }
    }
    // Pages load noscript.css only without JavaScript, and it hides what scripts fill in.
    let page = site.read("public/lists/start/index.html");
    assert!(page.contains("noscript.css\"></noscript>"), "{page}");
    assert!(
        site.read("public/noscript.css")
            .contains(".js-only { display: none !important; }")
    );
}

#[test]
fn csv_has_one_row_per_item_in_utf8_with_a_byte_order_mark() {
    let site = built();
    let csv = std::fs::read(site.root.join("public/lists/start/start.csv")).unwrap();
    assert!(csv.starts_with("\u{feff}".as_bytes()), "no byte-order mark");
    let expected = "\u{feff}Domain,Group,Id,Item,Role,Phase,CFIR construct,Source,Study themes,Date,Initials\r\n\
        Process,,early,An item before any heading,,,,,,,\r\n\
        Process,Plan,name-lead,Name a lead for the project.,team manager,Prepare,Implementation Leads,Home,leadership,,\r\n\
        Process,Plan,plan-the-training-close-to-the-first-patient,Plan the training close to the first patient,,Train,,,,,\r\n\
        Process,Launch,pilot,\"Start with two patients, “in a pilot”.\",champion,Launch,,,,,\r\n";
    assert_eq!(String::from_utf8(csv).unwrap(), expected);
    // Dutch Excel expects semicolons between fields; a comma in a cell needs no quotes then.
    // The Dutch version gives no item study themes, so its CSV has no such column.
    let nl = std::fs::read(site.root.join("public/nl/lists/start/start.csv")).unwrap();
    let expected = "\u{feff}Domein;Onderdeel;Id;Actiepunt;Rol;Fase;CFIR-construct;Bron;Datum;Paraaf\r\n\
        Proces;;early;Een punt vóór elke kop;;;;;;\r\n\
        Proces;Plan;name-lead;Wijs een projectleider aan.;teammanager;Voorbereiden;Implementatieleiders (Implementation Leads);Start;;\r\n\
        Proces;Plan;plan-the-training-close-to-the-first-patient;Plan de training dicht bij de eerste patiënt;;Trainen;;;;\r\n\
        Proces;Starten;pilot;Begin met twee patiënten, „als pilot”.;aandachtsfunctionaris;Starten;;;;\r\n";
    assert_eq!(String::from_utf8(nl).unwrap(), expected);
    // The bundle holds every checklist of the language, in the order of the domains.
    let all = site.read("public/checklists.csv");
    let rows: Vec<&str> = all
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(2).unwrap())
        .collect();
    assert_eq!(
        rows,
        [
            "free-time",
            "early",
            "name-lead",
            "plan-the-training-close-to-the-first-patient",
            "pilot"
        ]
    );
}

#[test]
fn markdown_source_is_published_as_written() {
    let site = built();
    assert_eq!(
        site.read("public/lists/start/start.md"),
        site.read("content/lists/start.md")
    );
    assert_eq!(
        site.read("public/nl/lists/start/start.md"),
        site.read("content/lists/start.nl.md")
    );
}

#[test]
fn print_page_holds_every_checklist_of_the_language_with_unique_ids() {
    let site = built();
    let html = Html::parse_document(&site.read("public/print/index.html"));
    let sections = select(&html, "section.print-checklist");
    let keys: Vec<String> = sections.iter().map(|s| attr(s, "data-checklist")).collect();
    assert_eq!(keys, ["lists/team", "lists/start"]);
    let items: Vec<String> = select(&html, "section.print-checklist li.checklist-item")
        .iter()
        .map(|li| attr(li, "data-item"))
        .collect();
    assert_eq!(
        items,
        [
            "free-time",
            "early",
            "name-lead",
            "plan-the-training-close-to-the-first-patient",
            "pilot"
        ]
    );
    assert_unique_ids(&html);
    for checkbox in select(&html, "input[type=checkbox]") {
        let id = attr(&checkbox, "id");
        assert_eq!(select(&html, &format!("label[for=\"{id}\"]")).len(), 1);
    }
    let nl = Html::parse_document(&site.read("public/nl/print/index.html"));
    assert_eq!(text(&select(&nl, "h1")[0]), "Alle checklists");
    assert_eq!(select(&nl, "section.print-checklist").len(), 2);
}

#[test]
fn dashboard_lists_every_checklist_of_its_language_with_its_items() {
    let site = built();
    let html = Html::parse_document(&site.read("public/lists/index.html"));
    let entries: Vec<(String, String)> = select(&html, "li.dashboard-entry")
        .iter()
        .map(|li| (attr(li, "data-checklist"), attr(li, "data-items")))
        .collect();
    assert_eq!(
        entries,
        [
            ("lists/team".to_string(), "free-time".to_string()),
            (
                "lists/start".to_string(),
                "early name-lead plan-the-training-close-to-the-first-patient pilot".to_string()
            ),
        ]
    );
    let links: Vec<String> = select(&html, ".dashboard-list .downloads:not(.meeting-links) a")
        .iter()
        .map(|a| attr(a, "href"))
        .collect();
    assert_eq!(
        links,
        [
            "/kit/print/",
            "/kit/checklists.pdf",
            "/kit/checklists.csv",
            "/kit/checklists.xlsx"
        ]
    );
    // For a meeting: one phase in all checklists, on the print page with its filter set.
    let meeting: Vec<String> = select(&html, ".dashboard-list .meeting-links a")
        .iter()
        .map(|a| format!("{} {}", attr(a, "href"), text(a)))
        .collect();
    assert_eq!(
        meeting,
        [
            "/kit/print/?phase=prepare Prepare",
            "/kit/print/?phase=train Train",
            "/kit/print/?phase=launch Launch",
            "/kit/print/?phase=sustain Sustain"
        ]
    );
    let nl = Html::parse_document(&site.read("public/nl/lists/index.html"));
    let titles: Vec<String> = select(&nl, "li.dashboard-entry > a")
        .iter()
        .map(text)
        .collect();
    assert_eq!(titles, ["Team", "Starten"]);
}

#[test]
fn pdf_is_the_same_from_build_to_build() {
    let one = built();
    let two = built();
    assert_eq!(
        std::fs::read(one.root.join("public/checklists.pdf")).unwrap(),
        std::fs::read(two.root.join("public/checklists.pdf")).unwrap()
    );
}

/// Characters that no font has (private-use and unassigned code points, on any machine) are
/// named in a warning from build and check alike; the page and the CSV still show them.
#[test]
fn pdf_names_the_characters_no_font_has() {
    let site = Site::fixture("checklists");
    let page = site.read("content/lists/team.md");
    site.write(
        "content/lists/team.md",
        &page.replace("two hours a week", "two hours \u{e000}\u{10fffd} a week"),
    );
    let run = site.run(&["build", "--quiet"]);
    run.success();
    assert_eq!(
        run.stderr,
        format!(
            "{NO_ID_WARNING}content/lists/team.md: warning: the PDF form cannot show U+E000, U+10FFFD (no font on this machine has them)\n  hint: install fonts that have them (on Debian or Ubuntu: apt-get install fonts-noto-core fonts-noto-cjk) and build again; the web page and the CSV show them as they are\n"
        )
    );
    let check = site.run(&["check", "--quiet"]);
    check.success();
    assert_eq!(check.stderr, run.stderr);
}

/// The warning for the fixture's one item without an `{#id}`.
const NO_ID_WARNING: &str = "content/lists/start.md:19:51: warning: this item has no {#id}, so its id `plan-the-training-close-to-the-first-patient` comes from its text: rewording it loses its ticks in every browser\n  hint: end the item's text with an id of its own, like {#plan-the-training-close}\n";

/// Mistakes that used to pass without a word: attributes on the line of the item's text (shown
/// as text, and the item's id made from it) are an error, reported in the same run as a missing
/// domain and a repeated id.
#[test]
fn attributes_on_the_items_line_are_an_error_reported_with_every_other_one() {
    let site = Site::fixture("checklists");
    site.write(
        "content/lists/bad.md",
        "+++\ntitle = \"Bad\"\nkind = \"checklist\"\n+++\n\n- [ ] Same line. {#same} role: champion | phase: launch\n- [ ] Logins {#logins}\n  phase: train\n- [ ] Logins again {#logins}\n",
    );
    let errors = "content/lists/bad.md:3:1: error: a checklist needs `domain = \"…\"` in its front matter\n  hint: the domains in site.toml are: \"inner-setting\", \"process\"\n\
        content/lists/bad.md:6:26: error: these attributes are on the line of the item's text, so they would show as text\n  hint: move them to a line of their own under the text, indented like it: - [ ] Do this {#id} and on the next line `  role: … | phase: …`\n\
        content/lists/bad.md:9:20: error: the item id `logins` is used twice in this checklist (first on line 7)\n  hint: give each item its own {#id} at the end of its text; an id keeps the item's ticks in the browser, so change the new one\n";
    let run = site.run(&["build", "--quiet"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        format!(
            "{errors}{NO_ID_WARNING}error: build failed: 3 errors, 1 warning; the output folder was not changed\n"
        )
    );
    let check = site.run(&["check", "--quiet"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert!(check.stderr.starts_with(errors), "{}", check.stderr);
}

/// A box ticked in the file and an item without an `{#id}` are warnings: the page still builds.
#[test]
fn a_ticked_box_and_an_item_without_id_are_warnings() {
    let site = Site::fixture("checklists");
    site.write(
        "content/lists/ticked.md",
        "+++\ntitle = \"Ticked\"\nkind = \"checklist\"\ndomain = \"process\"\n+++\n\n- [x] Book the room {#room}\n- [ ] Send the invitations\n  role: champion\n",
    );
    let run = site.run(&["build", "--quiet"]);
    run.success();
    assert_eq!(
        run.stderr,
        format!(
            "{NO_ID_WARNING}content/lists/ticked.md:7:3: warning: this item is ticked in the file (`[x]`), but the page shows every box empty\n  hint: ticks live in each reader's browser, not in the file: write `- [ ]` and tick the box on the page\n\
         content/lists/ticked.md:8:27: warning: this item has no {{#id}}, so its id `send-the-invitations` comes from its text: rewording it loses its ticks in every browser\n  hint: end the item's text with an id of its own, like {{#send-the-invitations}}\n"
        )
    );
    let html = site.read("public/lists/ticked/index.html");
    assert!(html.contains("id=\"room\""), "{html}");
}

#[test]
fn bad_checklists_fail_with_their_place_in_the_file() {
    fails_with("errors/checklists", &["build"], 1);
}

#[test]
fn nested_and_quoted_task_items_are_refused_by_check_as_by_build() {
    // They used to become boxes that cannot be ticked, missing from the CSV and the progress.
    let site = Site::fixture("errors/checklists");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for expected in [
        "content/nested.md:10:5: error: this task item is nested in another item, so it cannot be a checklist item\n  hint: unindent it and its attribute line to make it an item of its own, or remove its `[ ]` to keep it as a note under the item\n",
        "content/nested.md:12:5: error: this task item is in a quote (`>`), so it cannot be a checklist item\n  hint: remove the `>` to make it an item of its own, or remove its `[ ]` to keep it as quoted text\n",
    ] {
        assert!(run.stderr.contains(expected), "{}", run.stderr);
    }
}

#[test]
fn csv_cells_that_could_run_as_formulas_are_written_as_text() {
    let site = Site::fixture("checklists");
    let page = site.read("content/lists/start.md").replace(
        "- [ ] An item before any heading {#early}\n",
        "- [ ] =2+3 An item before any heading {#early}\n  role: @lead | construct: -x\n",
    );
    site.write("content/lists/start.md", &page);
    site.run(&["build", "--quiet"]).success();
    let row = "Process,,early,'=2+3 An item before any heading,'@lead,,'-x,,,,\r\n";
    for csv in ["public/lists/start/start.csv", "public/checklists.csv"] {
        let text = site.read(csv);
        assert!(text.contains(row), "{csv}:\n{text}");
    }
}

#[test]
fn a_site_with_its_own_domains_gets_the_columns_its_items_use() {
    let site = Site::empty();
    site.write(
        "site.toml",
        "title = \"Ward handbook\"\nbase_url = \"https://example.org/\"\n\n\
         [[domains]]\nslug = \"before-go-live\"\nname = \"Before go-live\"\n\n\
         [[domains]]\nslug = \"after-go-live\"\nname = \"After go-live\"\n",
    );
    site.write("content/_index.md", "# Ward handbook\n");
    site.write(
        "content/go-live.md",
        "+++\ntitle = \"Go-live\"\nkind = \"checklist\"\ndomain = \"before-go-live\"\n+++\n\
         - [ ] Book the training room. {#room}\n  role: secretary\n\
         - [ ] Test the log-in of every therapist. {#log-in}\n",
    );
    site.write(
        "content/review.md",
        "+++\ntitle = \"Review\"\nkind = \"checklist\"\ndomain = \"after-go-live\"\n+++\n\
         - [ ] Count the patients who finished. {#count}\n",
    );
    site.run(&["build", "--quiet"]).success();
    // No group, phase, construct, source or themes column: no item has one.
    assert_eq!(
        site.read("public/go-live/go-live.csv"),
        "\u{feff}Domain,Id,Item,Role,Date,Initials\r\n\
         Before go-live,room,Book the training room.,secretary,,\r\n\
         Before go-live,log-in,Test the log-in of every therapist.,,,\r\n"
    );
    assert_eq!(
        site.read("public/review/review.csv"),
        "\u{feff}Domain,Id,Item,Date,Initials\r\n\
         After go-live,count,Count the patients who finished.,,\r\n"
    );
    // The bundle has the columns of all its checklists, in the order of the domains.
    assert_eq!(
        site.read("public/checklists.csv"),
        "\u{feff}Domain,Id,Item,Role,Date,Initials\r\n\
         Before go-live,room,Book the training room.,secretary,,\r\n\
         Before go-live,log-in,Test the log-in of every therapist.,,,\r\n\
         After go-live,count,Count the patients who finished.,,,\r\n"
    );
}
