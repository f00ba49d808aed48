//! The constructs a results page names: an id's name in the page's language and its domain, and
//! the id of a construct as a checklist or a playbook writes it (by id or by name, as the site
//! lists them; a site without a list keeps the text, as its slug).

use std::collections::BTreeMap;

use crate::config::Config;

/// The id of a construct written as its id or its name (any case).
pub fn resolve(config: &Config, written: &str) -> Option<String> {
    if let Some(c) = config.constructs().resolve(written) {
        return Some(c.id.clone());
    }
    let slug = crate::slug::slugify(written);
    (!slug.is_empty()).then_some(slug)
}

/// A construct's name in `lang` and the slug of its domain; a site that does not list it gives
/// the theme's word for it or its id made readable, and no domain.
pub fn describe(
    config: &Config,
    lang: &str,
    words: &BTreeMap<String, String>,
    id: &str,
) -> (String, Option<String>) {
    if let Some(c) = config.constructs().get(id) {
        return (
            c.name.get(lang, &config.default_language).to_string(),
            Some(c.domain.clone()),
        );
    }
    let name = words
        .get(&format!("cfir_{id}"))
        .cloned()
        .unwrap_or_else(|| crate::content::paths::humanise(id));
    (name, None)
}
