//! What templates see: the values every page of a language shares (site settings, navigation,
//! words, what kinds make from all their pages), and the `page` of pages toolkit makes up.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use tera::{Context, Value};

use crate::site::Site;
use crate::site::kind_pages::KindPages;
use crate::site::nav::Tree;

/// What every page of one language shares, built once: site settings, navigation, words.
pub(in crate::site) struct SharedContext {
    by_lang: HashMap<String, LanguageValues>,
    /// What kinds make every template see, by language, as the kinds made it (for the kinds'
    /// checks between pages, [`crate::kinds::Kind::site_problems`]).
    pub(in crate::site) kind_values: crate::kinds::SiteValues,
    words: HashMap<String, BTreeMap<String, String>>,
    pub(in crate::site) language_names: HashMap<String, String>,
}

/// The values every page of one language sees.
pub(in crate::site) struct LanguageValues {
    site: Value,
    nav: Value,
    words: Value,
    /// What kinds make every template see (the dashboard's list of checklists).
    kinds: Vec<(&'static str, Value)>,
}

#[derive(Serialize)]
pub(in crate::site) struct LanguageContext {
    code: String,
    name: String,
    url: String,
}

#[derive(Serialize)]
pub(in crate::site) struct DomainContext<'a> {
    slug: &'a str,
    name: &'a str,
    description: &'a str,
}

impl SharedContext {
    pub(in crate::site) fn new(
        site: &Site,
        tree: &Tree,
        kind_pages: &KindPages<'_>,
    ) -> SharedContext {
        let config = &site.config;
        let default = &config.default_language;
        let words: HashMap<String, BTreeMap<String, String>> = config
            .languages
            .iter()
            .map(|l| (l.clone(), site.strings.for_language(l, default)))
            .collect();
        let language_names: HashMap<String, String> = config
            .languages
            .iter()
            .map(|l| {
                (
                    l.clone(),
                    words[l]
                        .get("language_name")
                        .cloned()
                        .unwrap_or_else(|| l.clone()),
                )
            })
            .collect();
        let languages: Vec<LanguageContext> = config
            .languages
            .iter()
            .map(|l| LanguageContext {
                code: l.clone(),
                name: language_names[l].clone(),
                url: site.url_path(&crate::content::paths::url_path("", l, default)),
            })
            .collect();
        let extra = table_to_json(&config.extra);
        let mut by_lang = HashMap::new();
        let mut kind_values = crate::kinds::SiteValues::new();
        for lang in &config.languages {
            let domains: Vec<DomainContext> = config
                .domains
                .iter()
                .map(|d| DomainContext {
                    slug: &d.slug,
                    name: d.name.get(lang, default),
                    description: d
                        .description
                        .as_ref()
                        .map(|t| t.get(lang, default))
                        .unwrap_or(""),
                })
                .collect();
            let site_value = Value::from_serializable(&serde_json::json!({
                "title": config.title.get(lang, default),
                "description": config.description.as_ref().map(|d| d.get(lang, default)).unwrap_or(""),
                "base_url": config.base_url,
                "base_path": config.base_path,
                "default_language": default,
                "languages": languages,
                "domains": domains,
                "search_index": site.url_path(&format!(
                    "{}search-index.json",
                    crate::content::paths::url_path("", lang, default)
                )),
                "extra": extra,
                "csp": crate::csp::policy(config),
                "offline": config.offline,
            }));
            let made: Vec<(&'static str, serde_json::Value)> = kind_pages
                .each(
                    site,
                    lang,
                    &words[lang],
                    &language_names[lang],
                    |kind, input| kind.site_context(input),
                )
                .into_iter()
                .flatten()
                .collect();
            let kinds = made
                .iter()
                .map(|(name, value)| (*name, Value::from_serializable(value)))
                .collect();
            kind_values.insert(lang.clone(), made.into_iter().collect());
            by_lang.insert(
                lang.clone(),
                LanguageValues {
                    site: site_value,
                    nav: Value::from_serializable(&site.page_nav(
                        tree,
                        lang,
                        None,
                        &|count, section| nav_more(&words[lang], count, section),
                    )),
                    words: Value::from_serializable(&words[lang]),
                    kinds,
                },
            );
        }
        SharedContext {
            by_lang,
            kind_values,
            words,
            language_names,
        }
    }

    pub(in crate::site) fn context(&self, lang: &str) -> Context {
        let values = &self.by_lang[lang];
        let mut context = Context::new();
        context.insert_value("site", values.site.clone());
        context.insert_value("nav", values.nav.clone());
        context.insert_value("t", values.words.clone());
        for (name, value) in &values.kinds {
            context.insert_value(*name, value.clone());
        }
        context.insert("lang", lang);
        context
    }

    pub(in crate::site) fn words(&self, lang: &str) -> &BTreeMap<String, String> {
        &self.words[lang]
    }
}

/// The text of the link to a whole list that the navigation shows only part of.
pub(in crate::site) fn nav_more(
    words: &BTreeMap<String, String>,
    count: usize,
    section: &str,
) -> String {
    words
        .get("nav_all")
        .map(String::as_str)
        .unwrap_or("All {count} in {section}")
        .replace("{count}", &count.to_string())
        .replace("{section}", section)
}

/// The whole context of a page toolkit makes up (the 404 page, a kind's print page): the
/// language's shared values, its `page`, and no breadcrumbs, neighbours or section.
pub(in crate::site) fn made_up_context(
    site: &Site,
    shared: &SharedContext,
    title: &str,
    url: &str,
    lang: &str,
    key: &str,
) -> Context {
    let mut context = shared.context(lang);
    context.insert("page", &made_up_page(site, title, url, lang, key));
    context.insert("breadcrumbs", &Vec::<crate::site::nav::Link>::new());
    context.insert("previous", &None::<crate::site::nav::Link>);
    context.insert("next", &None::<crate::site::nav::Link>);
    context.insert("section", &None::<crate::site::nav::Link>);
    context
}

/// The `page` of a page toolkit makes up (404, the print page of all checklists).
pub(in crate::site) fn made_up_page(
    site: &Site,
    title: &str,
    url: &str,
    lang: &str,
    key: &str,
) -> serde_json::Value {
    serde_json::json!({
        "title": title, "description": null, "content": "",
        "url": site.url_path(url),
        "permalink": (key != "404").then(|| format!("{}{url}", site.config.base_url)),
        "lang": lang, "key": key, "kind": key, "is_section": false, "weight": null,
        "source": null, "toc": [], "translations": [], "extra": {}, "data": null,
    })
}

/// A TOML table as a JSON object for templates.
pub fn table_to_json(table: &toml::Table) -> serde_json::Value {
    serde_json::Value::Object(
        table
            .iter()
            .map(|(k, v)| (k.clone(), toml_to_json(v)))
            .collect(),
    )
}

/// TOML values as JSON for templates (dates become text).
pub fn toml_to_json(value: &toml::Value) -> serde_json::Value {
    match value {
        toml::Value::String(s) => serde_json::Value::String(s.clone()),
        toml::Value::Integer(n) => serde_json::Value::from(*n),
        toml::Value::Float(n) => serde_json::Value::from(*n),
        toml::Value::Boolean(b) => serde_json::Value::Bool(*b),
        toml::Value::Datetime(d) => serde_json::Value::String(d.to_string()),
        toml::Value::Array(items) => {
            serde_json::Value::Array(items.iter().map(toml_to_json).collect())
        }
        toml::Value::Table(table) => table_to_json(table),
    }
}
