//! The dashboard: a page of `kind = "dashboard"` that lists every checklist of its language
//! with the progress the browser has saved for it, the clinic's implementation status at a
//! glance. The list itself comes from the site (`checklists` in templates).

use super::Kind;

pub struct Dashboard;

impl Kind for Dashboard {
    fn name(&self) -> &'static str {
        "dashboard"
    }

    fn template(&self) -> &'static str {
        "dashboard.html"
    }
}
