//! The front matter of a Jekyll or Hugo page, YAML or TOML, as toolkit front matter: the keys
//! toolkit knows mapped to its own, the rest kept under `[extra]`.

use crate::content::yaml;

/// A page's front matter, converted.
#[derive(Debug, Default, PartialEq)]
pub struct Converted {
    pub title: Option<String>,
    pub description: Option<String>,
    pub weight: Option<i64>,
    pub draft: bool,
    pub aliases: Vec<String>,
    /// The page's language, when it names one (`lang: nl`).
    pub lang: Option<String>,
    /// `permalink` or `url`: the page's old address.
    pub permalink: Option<String>,
    pub extra: toml::Table,
    /// What could not be converted: (line in the file, what).
    pub notes: Vec<(usize, String)>,
}

/// Layouts that say nothing a toolkit page needs to know.
const PLAIN_LAYOUTS: &[&str] = &["default", "page", "post", "home", "single", "list", "docs"];

/// Reads front matter `front` (`yaml` or TOML) found at line `first_line` of its file.
pub fn convert(front: &str, is_yaml: bool, first_line: usize) -> Converted {
    let mut out = Converted::default();
    let line_of =
        |offset: usize| first_line + front[..offset.min(front.len())].matches('\n').count();
    let entries: Vec<(String, usize, toml::Value)> = if is_yaml {
        match yaml::entries(front) {
            Ok(entries) => entries
                .into_iter()
                .map(|e| (e.key, line_of(e.key_offset), e.value))
                .collect(),
            Err(problem) => {
                out.notes.push((
                    line_of(problem.offset),
                    format!("front matter not read: {}", problem.message),
                ));
                return out;
            }
        }
    } else {
        match toml::from_str::<toml::Table>(front) {
            Ok(table) => table.into_iter().map(|(k, v)| (k, first_line, v)).collect(),
            Err(e) => {
                let offset = e.span().map(|s| s.start).unwrap_or(0);
                out.notes.push((
                    line_of(offset),
                    format!("front matter not read: {}", e.message()),
                ));
                return out;
            }
        }
    };
    for (key, line, value) in entries {
        match (key.as_str(), &value) {
            ("title", toml::Value::String(s)) => out.title = Some(s.clone()),
            ("description" | "summary" | "excerpt", toml::Value::String(s))
                if out.description.is_none() =>
            {
                out.description = Some(s.clone());
            }
            ("weight" | "nav_order", v) => match number(v) {
                Some(n) if out.weight.is_none() => out.weight = Some(n),
                _ => {
                    out.extra.insert(key, value);
                }
            },
            ("draft", toml::Value::Boolean(b)) => out.draft |= *b,
            ("published", toml::Value::Boolean(b)) => out.draft |= !*b,
            ("redirect_from" | "aliases", v) => match texts(v) {
                Some(list) => out.aliases.extend(list),
                None => out
                    .notes
                    .push((line, format!("`{key}` is not a list of addresses; left out"))),
            },
            ("permalink" | "url", toml::Value::String(s)) => out.permalink = Some(s.clone()),
            ("lang" | "language", toml::Value::String(s)) => {
                out.lang = Some(s.to_ascii_lowercase())
            }
            ("layout", toml::Value::String(s)) => {
                if !PLAIN_LAYOUTS.contains(&s.as_str()) {
                    out.notes.push((
                        line,
                        format!("layout `{s}` has no equivalent; the page uses the theme's page template"),
                    ));
                }
            }
            ("redirect_to", _) => out.notes.push((
                line,
                "`redirect_to` (a page that only sends readers elsewhere) is not converted; the page is kept as an ordinary page".to_string(),
            )),
            _ => {
                out.extra.insert(key, value);
            }
        }
    }
    out
}

fn number(value: &toml::Value) -> Option<i64> {
    match value {
        toml::Value::Integer(n) => Some(*n),
        toml::Value::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => Some(*f as i64),
        toml::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn texts(value: &toml::Value) -> Option<Vec<String>> {
    match value {
        toml::Value::String(s) => Some(vec![s.clone()]),
        toml::Value::Array(items) => items
            .iter()
            .map(|i| i.as_str().map(str::to_string))
            .collect(),
        _ => None,
    }
}

/// The converted front matter as TOML between `+++` lines; nothing when there is nothing to say.
pub fn write(
    title: Option<&str>,
    description: Option<&str>,
    weight: Option<i64>,
    draft: bool,
    aliases: &[String],
    extra: &toml::Table,
) -> String {
    let mut lines = Vec::new();
    let text = |s: &str| toml::Value::String(s.to_string()).to_string();
    if let Some(t) = title {
        lines.push(format!("title = {}", text(t)));
    }
    if let Some(d) = description {
        lines.push(format!("description = {}", text(d)));
    }
    if let Some(w) = weight {
        lines.push(format!("weight = {w}"));
    }
    if draft {
        lines.push("draft = true".to_string());
    }
    if !aliases.is_empty() {
        let list: Vec<String> = aliases.iter().map(|a| text(a)).collect();
        lines.push(format!("aliases = [{}]", list.join(", ")));
    }
    let mut out = String::new();
    if lines.is_empty() && extra.is_empty() {
        return out;
    }
    out.push_str("+++\n");
    for line in lines {
        out.push_str(&line);
        out.push('\n');
    }
    if !extra.is_empty() {
        let mut wrapper = toml::Table::new();
        wrapper.insert("extra".to_string(), toml::Value::Table(extra.clone()));
        out.push_str(&toml::to_string(&wrapper).unwrap_or_default());
    }
    out.push_str("+++\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jekyll_keys_are_mapped() {
        let c = convert(
            "title: Intake\nnav_order: 3\nlayout: default\nredirect_from:\n  - /old/\npublished: false\ndate: 2024-05-01\nparent: Guide\n",
            true,
            2,
        );
        assert_eq!(c.title.as_deref(), Some("Intake"));
        assert_eq!(c.weight, Some(3));
        assert!(c.draft);
        assert_eq!(c.aliases, ["/old/"]);
        assert_eq!(c.extra.len(), 2);
        assert!(c.notes.is_empty(), "{:?}", c.notes);
        assert_eq!(
            write(Some("Intake"), None, Some(3), true, &c.aliases, &c.extra),
            "+++\ntitle = \"Intake\"\nweight = 3\ndraft = true\naliases = [\"/old/\"]\n[extra]\ndate = \"2024-05-01\"\nparent = \"Guide\"\n+++\n"
        );
    }

    #[test]
    fn unknown_layouts_are_noted_with_their_line() {
        let c = convert("title: A\nlayout: landing\n", true, 2);
        assert_eq!(
            c.notes,
            [(
                3,
                "layout `landing` has no equivalent; the page uses the theme's page template"
                    .to_string()
            )]
        );
    }
}
