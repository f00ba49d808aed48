//! The bundled toolkit in the repository's own site.toml and content/.

use crate::harness::{Run, repo_root, toolkit};

#[test]
fn bundled_toolkit_checks_clean() {
    let run = Run::from(
        toolkit()
            .arg("check")
            .current_dir(repo_root())
            .output()
            .unwrap(),
    );
    run.success();
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
}
