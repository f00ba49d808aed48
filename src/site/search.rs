//! The search index of one language, made at build time: every page and every checklist item as
//! a document, and an inverted index from normalised words to documents. `search.js` loads it
//! the first time someone searches and matches query words as prefixes of indexed words, so
//! `patiënt` finds `patiënten` and `Patienten`. Words are normalised the same way on both sides:
//! lower case, accents removed (NFD, combining marks dropped), split at anything that is not a
//! letter or digit.

use std::collections::BTreeMap;

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use super::Site;
use crate::kinds::checklist::ChecklistData;

/// How much a match in each part of a document counts.
const WEIGHT_TITLE: u8 = 3;
const WEIGHT_HEADING: u8 = 2;
const WEIGHT_TEXT: u8 = 1;

/// One search result: a page or a checklist item.
#[derive(Debug, Serialize)]
struct Document {
    /// Title (of the page, or the item's text).
    t: String,
    /// URL, with the site's base path.
    u: String,
    /// Where it is: the section of a page, the checklist of an item.
    c: String,
}

#[derive(Debug, Serialize)]
struct Index {
    version: u8,
    docs: Vec<Document>,
    /// Word → document numbers and weights, flattened: `[doc, weight, doc, weight, …]`.
    words: BTreeMap<String, Vec<u32>>,
}

/// Lower case, accents removed.
pub fn normalise(text: &str) -> String {
    text.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The normalised words of a text, two characters or longer.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    normalise(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2)
        .map(str::to_string)
        .collect::<Vec<_>>()
        .into_iter()
}

#[derive(Default)]
struct Builder {
    docs: Vec<Document>,
    words: BTreeMap<String, BTreeMap<u32, u8>>,
}

impl Builder {
    fn add(&mut self, doc: Document, parts: &[(&str, u8)]) {
        let number = self.docs.len() as u32;
        self.docs.push(doc);
        for (text, weight) in parts {
            for word in words(text) {
                let best = self
                    .words
                    .entry(word)
                    .or_default()
                    .entry(number)
                    .or_default();
                *best = (*best).max(*weight);
            }
        }
    }

    fn finish(self) -> Index {
        let words = self
            .words
            .into_iter()
            .map(|(word, docs)| {
                let flat = docs
                    .into_iter()
                    .flat_map(|(doc, weight)| [doc, u32::from(weight)])
                    .collect();
                (word, flat)
            })
            .collect();
        Index {
            version: 1,
            docs: self.docs,
            words,
        }
    }
}

/// The index of `lang` as JSON.
pub fn index(site: &Site, lang: &str) -> Vec<u8> {
    let mut builder = Builder::default();
    for page in site
        .pages
        .iter()
        .filter(|p| p.lang == lang && p.source.is_some())
    {
        let url = site.url_path(&page.url);
        let context = page
            .parent
            .as_ref()
            .and_then(|key| site.index.get(&(key.clone(), lang.to_string())))
            .map(|&i| site.pages[i].title.clone())
            .unwrap_or_default();
        let headings: Vec<&str> = page.headings.iter().map(|h| h.title.as_str()).collect();
        let body = crate::markdown::plain_text(&page.text[page.body_offset..]);
        builder.add(
            Document {
                t: page.title.clone(),
                u: url.clone(),
                c: context,
            },
            &[
                (&page.title, WEIGHT_TITLE),
                (
                    page.front.description.as_deref().unwrap_or(""),
                    WEIGHT_HEADING,
                ),
                (&headings.join(" "), WEIGHT_HEADING),
                (&body, WEIGHT_TEXT),
            ],
        );
        if page.kind.name() == "checklist"
            && let Some(data) = ChecklistData::from_value(&page.data)
        {
            for item in data.items() {
                let about = [
                    item.role.as_deref().unwrap_or(""),
                    item.construct.as_deref().unwrap_or(""),
                ]
                .join(" ");
                builder.add(
                    Document {
                        t: item.text.plain.clone(),
                        u: format!("{url}#{}", item.id),
                        c: page.title.clone(),
                    },
                    &[(&item.text.plain, WEIGHT_TITLE), (&about, WEIGHT_TEXT)],
                );
            }
        }
    }
    serde_json::to_vec(&builder.finish()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lower_case_without_accents() {
        let found: Vec<String> = words("Patiënten, één café—self-help; a 2e keer").collect();
        assert_eq!(
            found,
            ["patienten", "een", "cafe", "self", "help", "2e", "keer"]
        );
    }

    #[test]
    fn each_document_keeps_its_best_weight_per_word() {
        let mut builder = Builder::default();
        builder.add(
            Document {
                t: "Plan".into(),
                u: "/a/".into(),
                c: String::new(),
            },
            &[("Plan", WEIGHT_TITLE), ("plan the plan", WEIGHT_TEXT)],
        );
        builder.add(
            Document {
                t: "Other".into(),
                u: "/b/".into(),
                c: String::new(),
            },
            &[("Other", WEIGHT_TITLE), ("a plan", WEIGHT_TEXT)],
        );
        let index = builder.finish();
        assert_eq!(index.words["plan"], [0, 3, 1, 1]);
        assert_eq!(index.words["the"], [0, 1]);
        assert!(!index.words.contains_key("a"));
    }
}
