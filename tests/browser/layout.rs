//! Layout on a laptop and on phones: every page kind and every interactive state of the bundled
//! toolkit at 1280, 390 and 320 px, with no sideways scroll, a sane height and the tool near the
//! top; the header menu, the stakeholder map's text size and the planner's cards
//! (`tests/browser/layout.mjs`).

use crate::tools::run_script;

#[test]
fn every_page_and_state_fits_a_phone_and_a_laptop() {
    let printed = run_script("layout.mjs");
    for line in printed.lines().filter(|l| !l.starts_with("ok ")) {
        eprintln!("{line}");
    }
}
