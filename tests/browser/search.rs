//! Search in a browser: the bundled toolkit's search finds pages and checklist items, Dutch words
//! too (`tests/browser/search.mjs`); the accent fold of `search.js` and `email-guide.js` gives the
//! answers of the vectors the Rust fold is tested against (`tests/browser/fold-vectors.mjs`).

use crate::tools::{node_checks, node_script, run_script};

#[test]
fn search_finds_pages_and_items_in_a_browser() {
    run_script("search.mjs");
}

#[test]
fn javascript_fold_gives_the_answers_of_the_shared_vectors() {
    node_checks(
        node_script("fold-vectors.mjs"),
        "fold-vectors.mjs",
        String::new,
    );
}
