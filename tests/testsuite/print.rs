//! Printing: a page printed by Chromium is A4, without navigation, with its content.
//! Needs Debian's `chromium` and `poppler-utils` (scripts/test.sh installs them).

use std::process::Command;

use crate::crawl::Server;
use crate::harness::Site;

fn chromium() -> &'static str {
    let path = "/usr/bin/chromium";
    assert!(
        std::path::Path::new(path).exists(),
        "Chromium is missing: run scripts/test.sh, which installs it"
    );
    path
}

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
    let info =
        String::from_utf8(Command::new("pdfinfo").arg(&pdf).output().unwrap().stdout).unwrap();
    assert!(info.contains("(A4)"), "{info}");
    let text = String::from_utf8(
        Command::new("pdftotext")
            .arg("-layout")
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
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

/// Prints `url` to `pdf` with headless Chromium, as a reader's "Print to PDF" would (A4 is the
/// page size the pages' print stylesheet asks for).
pub fn print_to_pdf(url: &str, pdf: &std::path::Path) {
    let profile = tempfile::tempdir().unwrap();
    let status = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(url)
        .output()
        .unwrap();
    assert!(
        pdf.exists(),
        "Chromium printed nothing: {}",
        String::from_utf8_lossy(&status.stderr)
    );
}
