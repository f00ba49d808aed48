//! Renders sample documents and reads the PDFs back with lopdf.
//!
//! To look at the sample form: `TOOLKIT_PDF_SAMPLE=/tmp/sample.pdf cargo test
//! sample_document -- --nocapture`, then open the file (or `pdftoppm -png`).

use std::time::Instant;

use lopdf::{Dictionary, Object, ObjectId};

use super::*;

const A4: [f32; 4] = [0.0, 0.0, 595.28, 841.89];
const LONG_URL: &str = "https://example.org/implementatie/toolkit/checklists/binnenkant-van-de-organisatie/bewijskracht-en-kwaliteit/bronnen";

fn dutch_labels() -> Labels {
    Labels {
        domain: "Domein".to_owned(),
        generated: "Gemaakt op".to_owned(),
        item: "Item".to_owned(),
        date: "Datum".to_owned(),
        initials: "Paraaf".to_owned(),
        page_of: "Pagina {page} van {pages}".to_owned(),
        notes: "Notities / eigenaar".to_owned(),
        clinic: "Instelling".to_owned(),
        team: "Team".to_owned(),
        meeting_date: "Datum overleg".to_owned(),
        contents: "Inhoud".to_owned(),
    }
}

fn item(text: &str, details: &str) -> Item {
    Item {
        text: text.to_owned(),
        details: details.to_owned(),
    }
}

/// A Dutch checklist of 42 items in three groups, with accents, curly
/// quotes, dashes and a URL too long for one line.
fn dutch_checklist() -> Checklist {
    let topics = [
        "de coördinatie van het implementatieplan",
        "de ideeën van cliënten en naasten",
        "de rol van de regiehouder – wie beslist?",
        "het budget voor scholing — inclusief vervanging",
        "de „privé” afspraken over gegevensdeling",
        "de ‘quick wins’ voor het team…",
        "de reünie met het projectteam in België",
        "het rôle-play en de evaluatie achteraf",
    ];
    let headings = [
        Some("Voorbereiden"),
        Some("Uitvoeren en bijsturen"),
        Some("Evalueren en borgen"),
    ];
    let mut groups = vec![Group {
        title: None,
        items: vec![item(
            "Is de aanleiding voor de implementatie beschreven en gedeeld?",
            "",
        )],
    }];
    let mut number = 1;
    for heading in headings {
        let mut items = Vec::new();
        for _ in 0..if heading == Some("Uitvoeren en bijsturen") {
            17
        } else {
            12
        } {
            number += 1;
            let topic = topics[number % topics.len()];
            let text = format!(
                "{number}. Is {topic} besproken, vastgelegd en geëvalueerd met alle betrokkenen?"
            );
            let details = format!(
                "Rol: klinisch leider · Fase: voorbereiden · Construct: Kwaliteit van het bewijs · Bron: van der Vaart et al. 2019 (item {number})"
            );
            items.push(item(&text, &details));
        }
        groups.push(Group {
            title: heading.map(str::to_owned),
            items,
        });
    }
    groups[1].items.push(item(
        &format!("Staat de handleiding online? Zie {LONG_URL}"),
        "",
    ));
    Checklist {
        title: "Binnenkant van de organisatie: coördinatie en ideeën".to_owned(),
        domain: "Binnenkant van de organisatie".to_owned(),
        description: Some(
            "Loop deze lijst samen door tijdens het teamoverleg. Zet een vinkje zodra een punt is afgerond, \
             en noteer de datum en uw paraaf. Punten die “nog niet” klaar zijn, komen terug in het volgende overleg."
                .to_owned(),
        ),
        groups,
    }
}

fn english_checklist() -> Checklist {
    Checklist {
        title: "Outer setting".to_owned(),
        domain: "Outer setting".to_owned(),
        description: None,
        groups: vec![Group {
            title: Some("Partnerships".to_owned()),
            items: vec![
                item(
                    "Are the needs of service users known and prioritised?",
                    "Role: clinical lead · Phase: prepare · Construct: Evidence Base · Source: van der Vaart et al. 2019",
                ),
                item("Have external partners agreed to the referral pathway?", ""),
            ],
        }],
    }
}

fn sample_document() -> Document {
    Document {
        site_name: "Implementatietoolkit GGZ".to_owned(),
        title: "Alle checklists".to_owned(),
        lang: "nl".to_owned(),
        generated_on: "2026-11-22".to_owned(),
        labels: dutch_labels(),
        checklists: vec![dutch_checklist(), english_checklist()],
    }
}

fn all_item_texts(document: &Document) -> Vec<String> {
    let items = document
        .checklists
        .iter()
        .flat_map(|checklist| &checklist.groups)
        .flat_map(|group| &group.items);
    items.map(|item| item.text.clone()).collect()
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn parse(bytes: &[u8]) -> lopdf::Document {
    lopdf::Document::load_mem(bytes).expect("the output parses as PDF")
}

fn page_text(pdf: &lopdf::Document, page_number: u32) -> String {
    pdf.extract_text(&[page_number]).expect("text extracts")
}

fn all_text(pdf: &lopdf::Document) -> String {
    let pages = pdf.get_pages().len() as u32;
    (1..=pages)
        .map(|page| page_text(pdf, page))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A page's MediaBox, which may be inherited from its parent page tree.
fn media_box(pdf: &lopdf::Document, page_id: ObjectId) -> Vec<f32> {
    let mut dictionary: &Dictionary = pdf.get_dictionary(page_id).expect("page dictionary");
    loop {
        if let Ok(object) = dictionary.get(b"MediaBox") {
            let array = pdf
                .dereference(object)
                .expect("MediaBox")
                .1
                .as_array()
                .expect("array");
            return array
                .iter()
                .map(|number| number.as_float().expect("number"))
                .collect();
        }
        let parent = dictionary
            .get(b"Parent")
            .and_then(Object::as_reference)
            .expect("page has a MediaBox");
        dictionary = pdf.get_dictionary(parent).expect("parent dictionary");
    }
}

#[test]
fn sample_document_renders_as_several_a4_pages() {
    let document = sample_document();
    let started = Instant::now();
    let bytes = render(&document).expect("renders");
    println!("rendered {} bytes in {:?}", bytes.len(), started.elapsed());
    if let Some(path) = std::env::var_os("TOOLKIT_PDF_SAMPLE") {
        std::fs::write(path, &bytes).expect("sample written");
    }

    let pdf = parse(&bytes);
    let pages = pdf.get_pages();
    assert!(
        pages.len() > 2,
        "expected several pages, got {}",
        pages.len()
    );
    for (number, page_id) in &pages {
        let media_box = media_box(&pdf, *page_id);
        for (actual, expected) in media_box.iter().zip(A4) {
            assert!(
                (actual - expected).abs() < 0.01,
                "page {number} MediaBox {media_box:?}"
            );
        }
    }
}

#[test]
fn extracted_text_has_every_item_in_order_and_the_accents_intact() {
    let document = sample_document();
    let pdf = parse(&render(&document).expect("renders"));
    let text = collapse_whitespace(&all_text(&pdf));

    let mut position = 0;
    for item_text in all_item_texts(&document)
        .iter()
        .filter(|text| !text.contains(LONG_URL))
    {
        let wanted = collapse_whitespace(item_text);
        match text[position..].find(&wanted) {
            Some(offset) => position += offset + wanted.len(),
            None => panic!("{wanted:?} missing or out of order in:\n{text}"),
        }
    }
    for word in [
        "coördinatie",
        "ideeën",
        "geëvalueerd",
        "reünie",
        "België",
        "rôle-play",
        "„privé”",
        "‘quick wins’",
        "team…",
        "– wie",
        "— inclusief",
        "“nog niet”",
        "Fase: voorbereiden · Construct",
    ] {
        assert!(text.contains(word), "{word:?} missing");
    }
    let without_spaces: String = text.split_whitespace().collect();
    assert!(
        without_spaces.contains(LONG_URL),
        "the long URL is not intact"
    );
    for heading in [
        "Domein: Binnenkant van de organisatie",
        "Gemaakt op: 2026-11-22",
        "Item",
        "Datum",
        "Paraaf",
        "Voorbereiden",
        "Evalueren en borgen",
    ] {
        assert!(text.contains(heading), "{heading:?} missing");
    }
}

#[test]
fn every_page_has_the_footer_and_the_continued_column_headings() {
    let pdf = parse(&render(&sample_document()).expect("renders"));
    let page_count = pdf.get_pages().len();
    for page in 1..=page_count {
        let text = collapse_whitespace(&page_text(&pdf, page as u32));
        assert!(
            text.contains(&format!("Pagina {page} van {page_count}")),
            "page {page}: {text}"
        );
        assert!(
            text.contains("Implementatietoolkit GGZ"),
            "page {page}: {text}"
        );
        // Page 1 is the bundle's cover; the others hold the table.
        if page > 1 {
            assert!(
                text.contains("Datum")
                    && text.contains("Paraaf")
                    && text.contains("Notities / eigenaar"),
                "page {page}: {text}"
            );
        }
    }
    let cover = collapse_whitespace(&page_text(&pdf, 1));
    for want in ["Alle checklists", "Instelling", "Datum overleg", "Inhoud"] {
        assert!(cover.contains(want), "cover: {cover}");
    }
}

#[test]
fn english_labels_give_an_english_footer() {
    let document = Document {
        site_name: "Toolkit".to_owned(),
        title: "Outer setting".to_owned(),
        lang: "en".to_owned(),
        generated_on: "2026-11-22".to_owned(),
        labels: Labels::default(),
        checklists: vec![english_checklist()],
    };
    let pdf = parse(&render(&document).expect("renders"));
    let text = collapse_whitespace(&all_text(&pdf));
    for expected in [
        "Page 1 of 1",
        "Domain: Outer setting",
        "Generated: 2026-11-22",
        "Item",
        "Date",
        "Initials",
        "Partnerships",
    ] {
        assert!(text.contains(expected), "{expected:?} missing in {text}");
    }
}

#[test]
fn each_checklist_starts_on_a_new_page() {
    let pdf = parse(&render(&sample_document()).expect("renders"));
    let page_count = pdf.get_pages().len() as u32;
    let last_page = collapse_whitespace(&page_text(&pdf, page_count));
    let before_last = collapse_whitespace(&page_text(&pdf, page_count - 1));
    assert!(last_page.contains("Outer setting"), "{last_page}");
    assert!(!before_last.contains("Outer setting"), "{before_last}");
}

#[test]
fn rendering_is_reproducible() {
    let document = sample_document();
    let first = render(&document).expect("renders");
    let second = render(&document).expect("renders");
    assert!(first == second, "two renders of the same document differ");
}

#[test]
fn empty_checklists_and_documents_render() {
    let empty_checklist = Checklist {
        title: "Leeg".to_owned(),
        ..Checklist::default()
    };
    let headings_only = Checklist {
        title: "Alleen kopjes".to_owned(),
        groups: vec![
            Group {
                title: Some("Kopje".to_owned()),
                items: Vec::new(),
            },
            Group::default(),
        ],
        ..Checklist::default()
    };
    let blank_item = Checklist {
        groups: vec![Group {
            title: None,
            items: vec![Item::default()],
        }],
        ..Checklist::default()
    };
    for checklists in [
        vec![],
        vec![empty_checklist],
        vec![headings_only],
        vec![blank_item],
    ] {
        let document = Document {
            checklists,
            ..Document::default()
        };
        let pdf = parse(&render(&document).expect("renders"));
        assert_eq!(pdf.get_pages().len(), 1);
    }
}

#[test]
fn a_row_taller_than_a_page_is_split_instead_of_overflowing() {
    let huge = "woord ".repeat(4000);
    let document = Document {
        checklists: vec![Checklist {
            groups: vec![Group {
                title: None,
                items: vec![item(&huge, &huge)],
            }],
            ..Checklist::default()
        }],
        ..sample_document()
    };
    let pdf = parse(&render(&document).expect("renders"));
    assert!(pdf.get_pages().len() > 2);
    let text = all_text(&pdf);
    assert_eq!(text.matches("woord").count(), 8000);
}

#[test]
fn metadata_has_the_title_language_and_creation_date() {
    let bytes = render(&sample_document()).expect("renders");
    let pdf = parse(&bytes);
    let catalog = pdf.catalog().expect("catalog");
    let lang = catalog.get(b"Lang").and_then(Object::as_str).expect("Lang");
    assert_eq!(lang, b"nl");
    let info_ref = pdf
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .expect("Info");
    let info = pdf.get_dictionary(info_ref).expect("Info dictionary");
    let title = info.get(b"Title").and_then(Object::as_str).expect("Title");
    assert_eq!(
        lopdf::decode_text_string(&Object::string_literal(title)).expect("text"),
        "Alle checklists"
    );
    let created = info
        .get(b"CreationDate")
        .and_then(Object::as_str)
        .expect("CreationDate");
    assert!(
        created.starts_with(b"D:20261122"),
        "{}",
        String::from_utf8_lossy(created)
    );
    assert!(catalog.has(b"StructTreeRoot"), "the PDF is tagged");
}

/// Characters outside Liberation Sans (symbols, CJK, emoji) are drawn in a
/// font of the machine or as the font's empty box; they must not make
/// rendering fail or garble the text around them.
#[test]
fn characters_the_font_lacks_do_not_fail_the_render() {
    let text = "Check ✓ 漢字 😀 tab\there";
    let document = Document {
        checklists: vec![Checklist {
            title: text.to_owned(),
            groups: vec![Group {
                title: None,
                items: vec![item(text, "\u{0}\u{7}")],
            }],
            ..Checklist::default()
        }],
        ..sample_document()
    };
    let pdf = parse(&render(&document).expect("renders"));
    assert_eq!(pdf.get_pages().len(), 1);
    let extracted = collapse_whitespace(&all_text(&pdf));
    assert!(
        extracted.contains("Check") && extracted.contains("tab here"),
        "{extracted}"
    );
}

/// Private-use characters are never looked up in the machine's fonts, so they are named on
/// every machine; invisible marks are not drawn, so they are not named.
#[test]
fn characters_no_font_has_are_named_once_each() {
    assert_eq!(
        super::unshown_characters("Ab \u{e000} é\u{200b}\u{10fffd}\u{e000}\t\u{7}"),
        ['\u{e000}', '\u{10fffd}']
    );
    assert!(super::unshown_characters("Plan · “quotes” – …").is_empty());
}

/// A form whose text the embedded fonts have needs none of the machine's, so its cache key
/// does not depend on the machine; one with CJK text names the font that draws it.
#[test]
fn the_fonts_of_the_machine_a_form_needs_are_part_of_its_cache_key() {
    assert!(super::machine_fonts(&sample_document()).is_empty());
    let mut document = sample_document();
    document.checklists[0].title = "項目 \u{e000}".to_owned();
    if !super::unshown_characters("項").is_empty() {
        panic!("no font on this machine has CJK characters: apt-get install fonts-droid-fallback");
    }
    assert_eq!(super::machine_fonts(&document).len(), 1);
    // Drawn with it: a third font is embedded, and the text can be read back.
    let pdf = parse(&render(&document).expect("renders"));
    let fonts = pdf
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Type").ok().and_then(|t| t.as_name().ok()) == Some(b"FontDescriptor"))
        .count();
    assert_eq!(fonts, 3);
    assert!(all_text(&pdf).contains("項目"), "{}", all_text(&pdf));
}
