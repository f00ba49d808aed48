//! Printing: a page printed by Chromium is A4, without navigation, with its content.

use crate::crawl::Server;
use crate::harness::Site;
use crate::tools::{poppler, print_to_pdf};

#[test]
fn a_page_prints_on_a4_without_navigation() {
    let site = Site::fixture("translations");
    site.run(&["build", "--base-url", "https://example.org/sub/"])
        .success();
    let server = Server::start(&site.root.join("public"), "/sub/");
    let pdf = site.root.join("page.pdf");
    print_to_pdf(
        &format!("http://127.0.0.1:{}/sub/play/a/", server.port),
        &pdf,
    );
    let pdf = pdf.to_str().unwrap();
    let info = poppler("pdfinfo", &[pdf]);
    assert!(info.contains("(A4)"), "{info}");
    let text = poppler("pdftotext", &["-layout", pdf, "-"]);
    assert!(text.contains("Page A"), "{text}");
    assert!(text.contains("Why"), "{text}");
    // The site navigation, breadcrumbs, language switch, skip link and pager are not printed.
    for hidden in [
        "Playbooks",
        "Nederlands",
        "Skip to content",
        "Next:",
        "On this page",
    ] {
        assert!(!text.contains(hidden), "`{hidden}` was printed:\n{text}");
    }
    // The page's address is printed in the footer, so a paper copy leads back to the site.
    assert!(text.contains("https://example.org/sub/play/a/"), "{text}");
}
