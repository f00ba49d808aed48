//! The plain page: a playbook or any other page of prose. It adds nothing to the Markdown.

use super::Kind;

pub struct Plain;

impl Kind for Plain {
    fn name(&self) -> &'static str {
        super::DEFAULT
    }
}
