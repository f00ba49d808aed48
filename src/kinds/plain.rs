//! The plain page: a playbook or any other page of prose. It adds nothing to the Markdown.

use super::{Kind, KindInput};
use crate::content::front_matter::Located;
use crate::diagnostics::Diagnostic;

pub struct Plain;

impl Kind for Plain {
    fn name(&self) -> &'static str {
        super::DEFAULT
    }

    fn prepare(
        &self,
        _: &KindInput<'_>,
        _: &[Located<(String, toml::Value)>],
    ) -> Result<serde_json::Value, Vec<Diagnostic>> {
        Ok(serde_json::Value::Null)
    }
}
