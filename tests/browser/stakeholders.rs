//! Stakeholder maps on paper: the bundled map, printed by Chromium, is on one A4 page.

use pretty_assertions::assert_eq;

use crate::crawl::Server;
use crate::harness::{repo_root, run_in};
use crate::tools::{poppler, print_to_pdf};

#[test]
fn the_bundled_map_prints_on_one_a4_page() {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let server = Server::start(&public, "/toolkit/");
    let url = format!("http://127.0.0.1:{}/toolkit/", server.port);
    let output = public.to_string_lossy().into_owned();
    let run = run_in(
        &repo_root(),
        &["build", "--quiet", "--base-url", &url, "--output", &output],
    );
    run.success();
    assert_eq!(run.stderr, "", "the bundled map has every required group");
    let pdf = out.path().join("map.pdf");
    print_to_pdf(&format!("{url}tools/stakeholder-map/"), &pdf);
    let pdf = pdf.to_str().unwrap();
    let info = poppler("pdfinfo", &[pdf]);
    assert!(info.contains("(A4)"), "{info}");
    let text = poppler("pdftotext", &[pdf, "-"]);
    // Pages are separated by form feeds: the whole map is on one of them.
    let pages: Vec<&str> = text.split('\u{c}').collect();
    let map_page = pages
        .iter()
        .position(|p| p.contains("Stakeholder map: influence and interest"))
        .unwrap_or_else(|| panic!("the map was not printed:\n{text}"));
    // Names wrap onto several lines in the narrower columns: read the page as one line.
    let page = pages[map_page]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for part in [
        "Manage closely",
        "Keep satisfied",
        "Keep informed",
        "Monitor",
        "Stance:",
        "Supporter",
        "Neutral",
        "Sceptic",
        "Unknown",
        "Interest (1–5)",
        "Team manager",
        "ICBT champion",
        "Therapists keen",
        "Medical",
    ] {
        assert!(
            page.contains(part),
            "`{part}` is not on the map's page:\n{page}"
        );
    }
    // The downloads are not printed.
    assert!(!text.contains("The map as an image (SVG)"), "{text}");
}
