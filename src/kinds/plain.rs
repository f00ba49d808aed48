//! The plain page: a playbook or any other page of prose. It adds nothing to the Markdown; its
//! optional `constructs` front-matter key names the CFIR constructs it addresses (each one
//! site.toml lists, by id or name), so that a survey's results page links to it from those
//! barriers.

use super::{Kind, KindInput};
use crate::content::front_matter::Located;
use crate::diagnostics::Diagnostic;

pub struct Plain;

impl Kind for Plain {
    fn name(&self) -> &'static str {
        super::DEFAULT
    }

    fn keys(&self) -> &'static [&'static str] {
        &["constructs"]
    }

    fn prepare(
        &self,
        input: &KindInput<'_>,
        keys: &[Located<(String, toml::Value)>],
    ) -> Result<serde_json::Value, Vec<Diagnostic>> {
        let Some(field) = keys.iter().find(|k| k.value.0 == "constructs") else {
            return Ok(serde_json::Value::Null);
        };
        let hint = "list the CFIR constructs the page addresses by id or name: constructs = [\"available-resources\", \"Work Infrastructure\"]";
        let Some(list) = field.value.1.as_array() else {
            return Err(vec![
                Diagnostic::error("`constructs` must be a list of construct names")
                    .at(input.shown, field.value_position)
                    .with_hint(hint),
            ]);
        };
        let mut constructs = Vec::new();
        for value in list {
            let listed = input.config.constructs();
            match value.as_str().map(str::trim) {
                Some(name) if !name.is_empty() && !listed.is_empty() => {
                    match listed.resolve(name) {
                        Some(construct) => constructs.push(construct.id.clone()),
                        None => {
                            let (message, hint) =
                                listed.unknown(name, &input.config.default_language);
                            return Err(vec![
                                Diagnostic::error(message)
                                    .at(input.shown, field.value_position)
                                    .with_hint(hint),
                            ]);
                        }
                    }
                }
                Some(name) if !name.is_empty() => constructs.push(name.to_string()),
                _ => {
                    return Err(vec![
                        Diagnostic::error(
                            "every entry of `constructs` must be a construct's name, as text",
                        )
                        .at(input.shown, field.value_position)
                        .with_hint(hint),
                    ]);
                }
            }
        }
        Ok(serde_json::json!({ "constructs": constructs }))
    }

    /// The constructs it addresses, for the results pages' links.
    fn shown_elsewhere<'a>(&self, data: &'a serde_json::Value) -> Option<&'a serde_json::Value> {
        (!data.is_null()).then_some(data)
    }
}
