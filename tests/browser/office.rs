//! Word and Excel files read by programs that did not write them: python-docx and openpyxl
//! (`office.py`: headings, lists, tables, language, placeholders; sheets, frozen header,
//! drop-down, date check, columns equal to the CSV), and LibreOffice, which must open them and
//! print them on the expected number of A4 pages. scripts/test.sh installs both;
//! `TOOLKIT_OFFICE_PYTHON` names a Python that has python-docx and openpyxl (default:
//! `target/office-venv/bin/python`).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::harness::{Site, repo_root};
use crate::tools::poppler;

fn python() -> PathBuf {
    let python = std::env::var_os("TOOLKIT_OFFICE_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("target/office-venv/bin/python"));
    assert!(
        python.exists(),
        "{} does not exist: run scripts/test.sh, which makes it with python-docx and openpyxl, or set TOOLKIT_OFFICE_PYTHON",
        python.display()
    );
    python
}

/// Runs office.py on a built site's folder.
fn read_back(public: &Path, fixture: bool) -> String {
    let mut command = Command::new(python());
    command
        .arg(repo_root().join("tests/browser/office.py"))
        .arg(public);
    if fixture {
        command.arg("fixture");
    }
    let out = command.output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

#[test]
fn the_fixtures_word_and_excel_files_read_back_as_written() {
    let site = Site::fixture("office");
    site.run(&["build"]).success();
    let out = read_back(&site.root.join("public"), true);
    assert_eq!(out, "15 passed, 0 failed\n");
}

#[test]
fn every_word_and_excel_file_of_the_bundled_toolkit_reads_back() {
    let site = Site::empty();
    let out = site.root.join("out");
    crate::harness::run_in(&repo_root(), &["build", "--output", out.to_str().unwrap()]).success();
    let report = read_back(&out, false);
    assert!(report.ends_with(" passed, 0 failed\n"), "{report}");
}

#[test]
fn libreoffice_opens_them_and_prints_them_on_a4() {
    let site = Site::fixture("office");
    site.run(&["build"]).success();
    let public = site.root.join("public");
    let outdir = site.root.join("pdf");
    let profile = site.root.join("lo-profile");
    let status = Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&outdir)
        .arg(public.join("templates/plan/plan.docx"))
        .arg(public.join("nl/checklists.xlsx"))
        .status()
        .expect("LibreOffice (soffice) is not installed: run scripts/test.sh as root, or apt-get install libreoffice-writer-nogui libreoffice-calc-nogui");
    assert!(status.success());
    let plan = outdir.join("plan.pdf");
    let info = poppler("pdfinfo", &[plan.to_str().unwrap()]);
    assert!(info.contains("Pages:           1\n"), "{info}");
    assert!(info.contains("(A4)"), "{info}");
    let text = poppler("pdftotext", &["-layout", plan.to_str().unwrap(), "-"]);
    for shown in [
        "Action plan",
        "Who does what",
        "Agree the rota",
        "[[clinic name]]",
        "Made on 2026-11-22",
    ] {
        assert!(
            text.contains(shown),
            "`{shown}` is not in the printed plan:\n{text}"
        );
    }
    // One page per sheet, each a domain of the bundle.
    let book = outdir.join("checklists.pdf");
    let info = poppler("pdfinfo", &[book.to_str().unwrap()]);
    assert!(info.contains("Pages:           2\n"), "{info}");
    let text = poppler("pdftotext", &["-layout", book.to_str().unwrap(), "-"]);
    for shown in ["Actiepunt", "Uiterlijk op", "Wijs een projectleider aan."] {
        assert!(
            text.contains(shown),
            "`{shown}` is not in the printed workbook:\n{text}"
        );
    }
}
