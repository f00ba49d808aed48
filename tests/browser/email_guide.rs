//! E-mail feedback guides in JavaScript: the checks of `email-guide.js` give the answers of the
//! vectors file the Rust checks are tested against (`tests/browser/email-vectors.mjs`), and the
//! bundled guides check drafts and copy templates in a browser (`tests/browser/email-guide.mjs`).

use crate::tools::{node_checks, node_script, run_script};

#[test]
fn javascript_checks_give_the_answers_of_the_shared_vectors() {
    node_checks(
        node_script("email-vectors.mjs"),
        "email-vectors.mjs",
        String::new,
    );
}

#[test]
fn bundled_guides_check_drafts_and_copy_templates_in_a_browser() {
    run_script("email-guide.mjs");
}
