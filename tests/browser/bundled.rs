//! The bundled toolkit's PDF forms, read back with poppler's `pdftotext`.

use crate::harness::{repo_root, run_in};
use crate::tools::poppler;

/// The PDF form of each of the five domain checklists, in both languages, holds every item of
/// the checklist's CSV, in order.
#[test]
fn every_bundled_checklist_pdf_has_every_item_in_order() {
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("site");
    run_in(
        &repo_root(),
        &["build", "--quiet", "--output", output.to_str().unwrap()],
    )
    .success();
    // Compared without white space, which PDF line wrapping moves about.
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    for lang_prefix in ["", "nl/"] {
        for domain in [
            "intervention",
            "individuals",
            "inner-setting",
            "outer-setting",
            "process",
        ] {
            let dir = output.join(format!("{lang_prefix}checklists/{domain}"));
            let csv = std::fs::read_to_string(dir.join(format!("{domain}.csv"))).unwrap();
            // Dutch CSV files separate fields with semicolons.
            let separator = if lang_prefix.is_empty() { b',' } else { b';' };
            let rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
                .delimiter(separator)
                .from_reader(csv.as_bytes())
                .records()
                .map(|r| r.unwrap().iter().map(str::to_string).collect())
                .collect();
            assert!(!rows.is_empty(), "{lang_prefix}{domain}.csv has no items");
            let pdf = dir.join(format!("{domain}.pdf"));
            let text = squeeze(&poppler("pdftotext", &[pdf.to_str().unwrap(), "-"]));
            let mut at = 0;
            for row in &rows {
                let item = squeeze(&row[3]);
                match text[at..].find(&item) {
                    Some(i) => at += i + item.len(),
                    None => panic!(
                        "{lang_prefix}{domain}.pdf lacks, or has out of order, `{}`",
                        row[3]
                    ),
                }
            }
        }
    }
}
