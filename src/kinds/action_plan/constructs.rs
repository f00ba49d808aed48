//! The CFIR constructs a site lists under its domains in site.toml (`[[domains.constructs]]`
//! with `id`, `name` and, for a subconstruct, `parent`), as the action plan offers them for the
//! barrier an action addresses. Only read here: site.toml's own reader checks them. A site
//! without such lists gives none, and the plan's barrier stays free text.

use serde::Serialize;

/// A construct as the plan shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Construct {
    pub id: String,
    /// Its name in the page's language.
    pub name: String,
    /// The slug of its domain.
    pub domain: String,
    /// The construct it belongs to, for a subconstruct.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
}

/// The constructs of every domain in `site_toml`, in the order written, named in `lang` (else
/// in `default`, else by the first name given).
pub fn of_site(site_toml: &str, lang: &str, default: &str) -> Vec<Construct> {
    let Ok(table) = site_toml.parse::<toml::Table>() else {
        return Vec::new();
    };
    let text = |value: Option<&toml::Value>| -> Option<String> {
        match value? {
            toml::Value::String(s) => Some(s.clone()),
            toml::Value::Table(t) => t
                .get(lang)
                .or_else(|| t.get(default))
                .or_else(|| t.values().next())
                .and_then(toml::Value::as_str)
                .map(str::to_string),
            _ => None,
        }
    };
    let domains = table.get("domains").and_then(toml::Value::as_array);
    let mut found = Vec::new();
    for domain in domains.into_iter().flatten() {
        let slug = domain
            .get("slug")
            .and_then(toml::Value::as_str)
            .unwrap_or("");
        let constructs = domain.get("constructs").and_then(toml::Value::as_array);
        for c in constructs.into_iter().flatten() {
            let Some(id) = c.get("id").and_then(toml::Value::as_str) else {
                continue;
            };
            found.push(Construct {
                id: id.to_string(),
                name: text(c.get("name")).unwrap_or_else(|| id.to_string()),
                domain: slug.to_string(),
                parent: c
                    .get("parent")
                    .and_then(toml::Value::as_str)
                    .map(str::to_string),
            });
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_constructs_in_the_language_with_their_parents() {
        let toml = r#"
title = "T"
[[domains]]
slug = "inner-setting"
name = "Inner"
[[domains.constructs]]
id = "available-resources"
name = { en = "Available Resources", nl = "Beschikbare middelen" }
[[domains.constructs]]
id = "funding"
parent = "available-resources"
name = { en = "Funding" }
[[domains]]
slug = "process"
name = "Process"
"#;
        let found = of_site(toml, "nl", "en");
        assert_eq!(
            found,
            vec![
                Construct {
                    id: "available-resources".into(),
                    name: "Beschikbare middelen".into(),
                    domain: "inner-setting".into(),
                    parent: None,
                },
                Construct {
                    id: "funding".into(),
                    name: "Funding".into(),
                    domain: "inner-setting".into(),
                    parent: Some("available-resources".into()),
                },
            ]
        );
        assert!(of_site("title = \"T\"", "en", "en").is_empty());
    }
}
