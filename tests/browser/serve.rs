//! `toolkit serve --watch` in a real browser (`tests/browser/serve-reload.mjs`): a saved edit
//! reloads the open page, a broken edit shows the errors over the last good page, and the fix
//! takes them away.

use crate::serve_server::{Server, small_site};
use crate::tools::{browser_script, node_checks};

/// What an author sees in a real browser: a saved edit reloads the open page; a broken edit
/// shows the errors over the last good page; the fix takes them away.
#[test]
fn the_browser_reloads_and_shows_errors_over_the_last_good_page() {
    let site = small_site();
    let server = Server::start(&site, &[]);
    let mut command = browser_script("serve-reload.mjs");
    command
        .arg(format!("http://127.0.0.1:{}/sub/x/", server.port))
        .arg(site.root.join("content/x.md"));
    node_checks(command, "serve-reload.mjs", || {
        format!("\nserver log:\n{}", server.log())
    });
}
