//! The action plan: a page of `kind = "action-plan"` where a clinic's lead keeps the plan the
//! team owns (chosen checklist items and actions of its own, each with an owner, a due date, a
//! status, a note, the barrier it addresses and its strategies, and a review date for the whole
//! plan). The plan lives in the browser (`action-plan.js`, next to the checklists' ticks, which
//! are the "done" of a checklist item); the page itself explains the plan and links to the
//! printable checklists, so that it reads without JavaScript. What the script needs from the
//! build (the site's key, the calendar's host, the CSV separator, the constructs and the words)
//! is made here for every template of the language as `action_plan`, which the checklists'
//! dashboard also uses to link to the plan and show its counts.

pub mod constructs;

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Kind, SiteInput};

pub struct ActionPlan;

/// The prefix of the theme words this kind uses; the script gets them all.
pub const WORDS: &str = "action_plan_";

/// What `action-plan.js` reads from `<script id="action-plan-data">`.
#[derive(Debug, Serialize)]
pub struct ScriptData<'a> {
    /// The key of the site in localStorage, as `checklist.js` writes it (the base path).
    pub site: &'a str,
    /// The host of the site, which makes calendar UIDs unique.
    pub host: String,
    /// What the UIDs of this site's calendar events end with, before `@host`: the base path as
    /// a slug (`org-toolkit`), so that two toolkits on one host do not share events.
    pub uid_site: String,
    /// The CSV field separator of the page's language (`;` for Dutch).
    pub separator: String,
    /// The page's language.
    pub lang: &'a str,
    /// The constructs of the site's domains, when site.toml lists them: the barrier of an
    /// action is then one of these.
    pub constructs: Vec<constructs::Construct>,
    /// The words of the script, without their prefix.
    pub words: BTreeMap<&'a str, &'a str>,
}

/// The plan's data for the script, as JSON safe inside `<script type="application/json">`.
pub fn script_data(input: &SiteInput<'_>) -> String {
    let config = input.config;
    let words = input
        .words
        .iter()
        .filter_map(|(k, v)| k.strip_prefix(WORDS).map(|k| (k, v.as_str())))
        .collect();
    let data = ScriptData {
        site: &config.base_path,
        host: super::planner::host(&config.base_url),
        uid_site: uid_site(&config.base_path),
        separator: char::from(crate::spreadsheet::separator(input.lang)).to_string(),
        lang: input.lang,
        constructs: constructs::of_site(&config.source, input.lang, &config.default_language),
        words,
    };
    crate::escape::script_json(&data)
}

/// The base path as the site's part of a UID: `/org/toolkit/` → `org-toolkit`, `/` → `site`.
pub fn uid_site(base_path: &str) -> String {
    let slug = crate::slug::slugify(&base_path.replace('/', " "));
    if slug.is_empty() {
        "site".to_string()
    } else {
        slug
    }
}

impl Kind for ActionPlan {
    fn name(&self) -> &'static str {
        "action-plan"
    }

    fn template(&self) -> &'static str {
        "action-plan.html"
    }

    /// `action_plan`: where the language's plan page is (the first, if a site has several: they
    /// share one plan) and the script's data, for the plan page and the dashboard.
    fn site_context(&self, input: &SiteInput<'_>) -> Vec<(&'static str, serde_json::Value)> {
        let Some(page) = input.pages.first() else {
            return Vec::new();
        };
        vec![(
            "action_plan",
            serde_json::json!({
                "url": page.url,
                "title": page.title,
                "script": script_data(input),
            }),
        )]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_uid_names_the_site_by_its_base_path() {
        assert_eq!(uid_site("/org/toolkit/"), "org-toolkit");
        assert_eq!(uid_site("/"), "site");
        assert_eq!(uid_site("/Kliniek Één/"), "kliniek-een");
    }
}
