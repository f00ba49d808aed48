//! Checklists at a team meeting: the phase and role filter on each checklist and across all of
//! them, kept in the address; the date of a tick on screen and on paper; printed pages with the
//! filter named, the meeting fields, no page holding only a header or footer and no table header
//! alone at the bottom; the planner printed without its evidence unless asked
//! (`tests/browser/meeting.mjs`, PDFs read back with poppler's `pdftotext`).

use crate::tools::run_script;

#[test]
fn checklists_filter_date_their_ticks_and_print_for_a_meeting() {
    let printed = run_script("meeting.mjs");
    for line in printed.lines().filter(|l| !l.starts_with("ok ")) {
        eprintln!("{line}");
    }
}
