//! Search in a browser: the bundled toolkit's search finds pages and checklist items, Dutch words
//! too (`tests/browser/search.mjs`).

use crate::tools::run_script;

#[test]
fn search_finds_pages_and_items_in_a_browser() {
    run_script("search.mjs");
}
