//! The dashboard: a page of `kind = "dashboard"` that lists every checklist of its language
//! with the progress the browser has saved for it, the clinic's implementation status at a
//! glance. The list itself comes from the site (`checklists` in templates).

use super::{Kind, KindInput};
use crate::content::front_matter::Located;
use crate::diagnostics::Diagnostic;

pub struct Dashboard;

impl Kind for Dashboard {
    fn name(&self) -> &'static str {
        "dashboard"
    }

    fn template(&self) -> &'static str {
        "dashboard.html"
    }

    fn prepare(
        &self,
        _: &KindInput<'_>,
        _: &[Located<(String, toml::Value)>],
    ) -> Result<serde_json::Value, Vec<Diagnostic>> {
        Ok(serde_json::Value::Null)
    }
}
