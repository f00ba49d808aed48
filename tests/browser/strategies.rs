//! The strategy library in a browser, in English and Dutch: readable without JavaScript, no
//! sideways scroll at 320 px, axe-core clean at 320 and 1280 px, printable on A4, nothing loaded
//! from outside (`tests/browser/strategies.mjs`).

use crate::tools::run_script;

#[test]
fn the_strategy_library_reads_on_a_phone_and_in_print_in_both_languages() {
    let printed = run_script("strategies.mjs");
    for line in printed.lines().filter(|l| !l.starts_with("ok ")) {
        eprintln!("{line}");
    }
}
