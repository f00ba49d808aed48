//! Checklists in a browser and on paper: ticking, reloading, progress, the dashboard, export,
//! import, reset, the Dutch and print pages, and the pages without JavaScript, on the bundled
//! toolkit (`tests/browser/checklists.mjs`); the PDF forms read back with poppler's `pdftotext`.

use crate::harness::Site;
use crate::tools::{poppler, run_script};

fn built() -> Site {
    let site = Site::fixture("checklists");
    site.run(&["build"]).success();
    site
}

#[test]
fn checklists_tick_save_export_import_and_reset_in_a_browser() {
    run_script("checklists.mjs");
}

#[test]
fn checklist_pdf_is_an_a4_form_with_every_item_in_order() {
    let site = built();
    let pdf = site.root.join("public/nl/lists/start/start.pdf");
    let info = poppler("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(info.contains("595.28 x 841.89 pts (A4)"), "{info}");
    let text = poppler("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut at = 0;
    for expected in [
        "Starten",
        "Domein: Proces",
        "Gemaakt op: 2026-11-22",
        // Fields for the meeting, filled in by hand.
        "Instelling",
        "Team",
        "Datum overleg",
        "Een punt vóór elke kop",
        "Plan",
        "Wijs een projectleider aan.",
        // Attribute values start with a capital, and the construct is named in Dutch.
        "Rol: Teammanager · Fase: Voorbereiden · CFIR-construct: Implementatieleiders (Implementation Leads)",
        "Plan de training dicht bij de eerste patiënt",
        "Begin met twee patiënten, „als pilot”.",
        "Kliniektoolkit",
        "Pagina 1 van 1",
    ] {
        match flat[at..].find(expected) {
            Some(i) => at += i + expected.len(),
            None => panic!("`{expected}` is missing or out of order in:\n{flat}"),
        }
    }
    for column in ["Actiepunt", "Datum", "Paraaf", "Notities / eigenaar"] {
        assert!(flat.contains(column), "no column {column} in:\n{flat}");
    }
}

#[test]
fn bundle_pdf_has_a_cover_with_contents_and_starts_each_checklist_on_a_new_page() {
    let site = built();
    let pdf = site.root.join("public/checklists.pdf");
    let pages: Vec<String> = (1..=3)
        .map(|n| {
            let n = n.to_string();
            poppler(
                "pdftotext",
                &["-f", &n, "-l", &n, pdf.to_str().unwrap(), "-"],
            )
        })
        .collect();
    // The cover: the title, the meeting's fields and the contents with each checklist's page.
    let cover = pages[0].split_whitespace().collect::<Vec<_>>().join(" ");
    for want in [
        "All checklists",
        "Clinic",
        "Team",
        "Meeting date",
        "Contents",
    ] {
        assert!(
            cover.contains(want),
            "{want:?} is not on the cover: {cover}"
        );
    }
    assert!(
        cover.contains("Team 2") && cover.contains("Starting 3"),
        "{cover}"
    );
    assert!(
        pages[1].contains("Free two hours a week for the champion."),
        "{}",
        pages[1]
    );
    assert!(!pages[1].contains("Name a lead"), "{}", pages[1]);
    assert!(
        pages[2].contains("Name a lead for the project."),
        "{}",
        pages[2]
    );
    assert!(pages[2].contains("Page 3 of 3"), "{}", pages[2]);
}

/// Characters Liberation Sans lacks are set in a font of the machine (scripts/test.sh installs
/// Debian's fonts-droid-fallback, which has CJK), and the same machine gives the same bytes.
#[test]
fn pdf_sets_what_its_font_lacks_in_a_font_of_the_machine() {
    let site = Site::fixture("checklists");
    let page = site.read("content/lists/team.md");
    site.write(
        "content/lists/team.md",
        &page.replace("two hours a week", "two hours 項目 a week"),
    );
    let run = site.run(&["build", "--quiet"]);
    run.success();
    assert!(
        !run.stderr.contains("the PDF form cannot show"),
        "no font on this machine has CJK characters: install one (apt-get install fonts-droid-fallback; scripts/test.sh does)\n{}",
        run.stderr
    );
    let pdf = site.root.join("public/lists/team/team.pdf");
    let text = poppler("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert!(text.contains("Free two hours 項目"), "{text}");
    let fonts = poppler("pdffonts", &[pdf.to_str().unwrap()]);
    let embedded: Vec<&str> = fonts
        .lines()
        .skip(2)
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(
        embedded.iter().any(|f| !f.contains("LiberationSans")),
        "no font besides Liberation Sans is embedded:\n{fonts}"
    );

    // The same machine gives the same bytes, drawn afresh.
    let first = std::fs::read(&pdf).unwrap();
    std::fs::remove_dir_all(site.root.join(".toolkit-cache")).unwrap();
    std::fs::remove_dir_all(site.root.join("public")).unwrap();
    site.run(&["build", "--quiet"]).success();
    assert!(
        std::fs::read(&pdf).unwrap() == first,
        "the PDF changed from build to build"
    );
}
