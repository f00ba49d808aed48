//! The constructs a site lists under its domains (the CFIR 2.0 constructs and subconstructs in
//! the bundled site): what pages may name in `construct:` and in survey statements. A page
//! names one by its id or by its name in any of the site's languages, in any case; an unknown
//! name gets a did-you-mean. A site that lists none keeps free text.

use crate::config::LocalizedText;

/// One construct (or subconstruct) of a domain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Construct {
    /// Its id: `available-resources`.
    pub id: String,
    /// The slug of its domain.
    pub domain: String,
    /// The construct a subconstruct belongs to.
    pub parent: Option<String>,
    pub name: LocalizedText,
}

/// Every construct of the site, in the order site.toml lists them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Constructs(pub Vec<Construct>);

/// Text compared without case, spaces, `&`/`and` or punctuation: "Partnerships & Connections",
/// "partnerships-and-connections" and "PARTNERSHIPS AND CONNECTIONS" are one.
fn folded(text: &str) -> String {
    crate::slug::slugify(&text.replace('&', " and "))
}

impl Constructs {
    /// Whether the site lists no constructs (pages then keep free text).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Construct> {
        self.0.iter()
    }

    /// The construct with this id.
    pub fn get(&self, id: &str) -> Option<&Construct> {
        self.0.iter().find(|c| c.id == id)
    }

    /// The construct a page names, by id or by a name in any language, in any case.
    pub fn resolve(&self, text: &str) -> Option<&Construct> {
        let wanted = folded(text.trim());
        if wanted.is_empty() {
            return None;
        }
        self.0
            .iter()
            .find(|c| c.id == wanted || names(&c.name).iter().any(|name| folded(name) == wanted))
    }

    /// The construct closest to an unknown name, for "did you mean".
    pub fn closest(&self, text: &str) -> Option<&Construct> {
        let wanted = folded(text.trim());
        let wanted = wanted.as_str();
        if wanted.is_empty() {
            return None;
        }
        // A shortened name: "Trialability" for "Innovation Trialability".
        let part = |name: &str| {
            name.ends_with(&format!("-{wanted}")) || name.starts_with(&format!("{wanted}-"))
        };
        if let Some(c) = self
            .0
            .iter()
            .find(|c| part(&c.id) || names(&c.name).iter().any(|n| part(&folded(n))))
        {
            return Some(c);
        }
        self.0
            .iter()
            .flat_map(|c| {
                std::iter::once((strsim::levenshtein(&c.id, wanted), c)).chain(
                    names(&c.name)
                        .into_iter()
                        .map(move |n| (strsim::levenshtein(&folded(n), wanted), c)),
                )
            })
            .filter(|(distance, _)| *distance <= 3.max(wanted.chars().count() / 4))
            .min_by_key(|(distance, _)| *distance)
            .map(|(_, c)| c)
    }

    /// The message and hint for a construct the site does not list: "unknown construct
    /// `Trainng`", "did you mean `access-to-knowledge-and-information` (Access to Knowledge &
    /// Information)? …".
    pub fn unknown(&self, text: &str, default_lang: &str) -> (String, String) {
        let message = format!("unknown construct `{text}`");
        let listed =
            "write a construct's id or its name as site.toml lists it under [[domains.constructs]]";
        let hint = match self.closest(text) {
            Some(c) => format!(
                "did you mean `{}` ({})? {listed}",
                c.id,
                c.name.get(default_lang, default_lang)
            ),
            None => listed.to_string(),
        };
        (message, hint)
    }
}

fn names(name: &LocalizedText) -> Vec<&str> {
    match name {
        LocalizedText::Same(s) => vec![s.as_str()],
        LocalizedText::PerLanguage(map) => map.values().map(String::as_str).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list() -> Constructs {
        let named = |id: &str, en: &str, nl: &str, parent: Option<&str>| Construct {
            id: id.into(),
            domain: "inner-setting".into(),
            parent: parent.map(Into::into),
            name: LocalizedText::PerLanguage(
                [("en".to_string(), en.to_string()), ("nl".into(), nl.into())].into(),
            ),
        };
        Constructs(vec![
            named(
                "access-to-knowledge-and-information",
                "Access to Knowledge & Information",
                "Toegang tot kennis en informatie",
                None,
            ),
            named(
                "work-infrastructure",
                "Work Infrastructure",
                "Werkinfrastructuur",
                Some("structural-characteristics"),
            ),
        ])
    }

    #[test]
    fn a_construct_is_found_by_id_or_any_name_in_any_case() {
        let list = list();
        for text in [
            "work-infrastructure",
            "Work Infrastructure",
            "WERKINFRASTRUCTUUR",
            " work infrastructure ",
        ] {
            assert_eq!(
                list.resolve(text).unwrap().id,
                "work-infrastructure",
                "{text}"
            );
        }
        for text in [
            "Access to Knowledge & Information",
            "access to knowledge and information",
            "toegang tot kennis en informatie",
        ] {
            assert_eq!(
                list.resolve(text).unwrap().id,
                "access-to-knowledge-and-information"
            );
        }
        assert!(list.resolve("Doing").is_none());
        assert!(list.resolve("").is_none());
    }

    #[test]
    fn an_unknown_construct_gets_the_closest_one() {
        let (message, hint) = list().unknown("Work Infrastucture", "en");
        assert_eq!(message, "unknown construct `Work Infrastucture`");
        assert_eq!(
            hint,
            "did you mean `work-infrastructure` (Work Infrastructure)? write a construct's id or its name as site.toml lists it under [[domains.constructs]]"
        );
        let (_, hint) = list().unknown("Knowledge & Information", "en");
        assert!(
            hint.starts_with("did you mean `access-to-knowledge-and-information`"),
            "{hint}"
        );
        let (_, hint) = list().unknown("Innovation Recipients", "en");
        assert_eq!(
            hint,
            "write a construct's id or its name as site.toml lists it under [[domains.constructs]]"
        );
    }
}
