//! The constructs a results page names: an id's name in the page's language and its domain, and
//! the id of a construct as a checklist writes it.

use std::collections::BTreeMap;

use crate::config::Config;

/// The id of a construct written as its id or its name (any case); `None` when the site does
/// not list it.
pub fn resolve(_config: &Config, written: &str) -> Option<String> {
    let slug = crate::slug::slugify(written);
    (!slug.is_empty()).then_some(slug)
}

/// A construct's name in `lang` and the slug of its domain.
pub fn describe(
    _config: &Config,
    _lang: &str,
    words: &BTreeMap<String, String>,
    id: &str,
) -> (String, Option<String>) {
    let name = words
        .get(&format!("cfir_{id}"))
        .cloned()
        .unwrap_or_else(|| crate::content::paths::humanise(id));
    (name, None)
}
