//! The theme's words (buttons, headings, labels) in each language, from `i18n/<lang>.toml`
//! files: the built-in theme's, then the site theme's, then the site's own `i18n/` folder.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics, position_in};
use crate::fsutil::read_text;

/// Words by language, then by key.
#[derive(Debug, Clone, Default)]
pub struct Strings {
    by_lang: BTreeMap<String, BTreeMap<String, String>>,
}

impl Strings {
    /// Loads the strings for `languages`. `layers` are folders holding `<lang>.toml` files, weakest
    /// first; the built-in theme's files come before all of them.
    pub fn load(
        languages: &[String],
        layers: &[(&Path, &Path)],
        diagnostics: &mut Diagnostics,
    ) -> Strings {
        let mut strings = Strings::default();
        for (name, bytes) in crate::theme::builtin_files("i18n") {
            let Some(lang) = name.strip_suffix(".toml") else {
                continue;
            };
            let text = String::from_utf8_lossy(bytes);
            strings.merge(lang, &text, Path::new("(built-in theme)"), diagnostics);
        }
        for (dir, shown_dir) in layers {
            for lang in languages {
                let path = dir.join(format!("{lang}.toml"));
                if path.is_file() {
                    let shown = shown_dir.join(format!("{lang}.toml"));
                    match read_text(&path, &shown) {
                        Ok(text) => strings.merge(lang, &text, &shown, diagnostics),
                        Err(d) => diagnostics.push(d),
                    }
                }
            }
        }
        strings
    }

    fn merge(&mut self, lang: &str, text: &str, shown: &Path, diagnostics: &mut Diagnostics) {
        match toml::from_str::<BTreeMap<String, toml::Value>>(text) {
            Ok(table) => {
                let entry = self.by_lang.entry(lang.to_string()).or_default();
                for (key, value) in table {
                    match value {
                        toml::Value::String(s) => {
                            entry.insert(key, s);
                        }
                        _ => diagnostics.push(
                            Diagnostic::error(format!("`{key}` must be text"))
                                .in_file(shown)
                                .with_hint(
                                    "every value in an i18n file is a string: key = \"words\"",
                                ),
                        ),
                    }
                }
            }
            Err(e) => {
                let pos = position_in(text, e.span().map(|s| s.start).unwrap_or(0));
                let explained = crate::toml_errors::explain(&e, text);
                let hint = explained
                    .hint
                    .unwrap_or_else(|| "an i18n file holds `key = \"words\"` lines".to_string());
                diagnostics.push(
                    Diagnostic::error(format!("invalid TOML: {}", explained.problem))
                        .at(shown, pos)
                        .with_hint(hint),
                );
            }
        }
    }

    /// All words for `lang`, with the default language's words filling any gap.
    pub fn for_language(&self, lang: &str, default_lang: &str) -> BTreeMap<String, String> {
        let mut words = self.by_lang.get("en").cloned().unwrap_or_default();
        if let Some(default_words) = self.by_lang.get(default_lang) {
            words.extend(default_words.clone());
        }
        if let Some(own) = self.by_lang.get(lang) {
            words.extend(own.clone());
        }
        words
    }

    /// Whether any file gave words for `lang`.
    pub fn has_language(&self, lang: &str) -> bool {
        self.by_lang.contains_key(lang)
    }
}
