//! The CFIR 2.0 constructs a strategy match may name (Damschroder et al. 2022): their ids
//! (slugs of the English names) and English names, the list the site's constructs use.

/// `(id, English name)` of every CFIR 2.0 construct and subconstruct, by domain.
pub const CONSTRUCTS: &[(&str, &str)] = &[
    ("innovation-source", "Innovation Source"),
    ("innovation-evidence-base", "Innovation Evidence-Base"),
    (
        "innovation-relative-advantage",
        "Innovation Relative Advantage",
    ),
    ("innovation-adaptability", "Innovation Adaptability"),
    ("innovation-trialability", "Innovation Trialability"),
    ("innovation-complexity", "Innovation Complexity"),
    ("innovation-design", "Innovation Design"),
    ("innovation-cost", "Innovation Cost"),
    ("critical-incidents", "Critical Incidents"),
    ("local-attitudes", "Local Attitudes"),
    ("local-conditions", "Local Conditions"),
    ("partnerships-and-connections", "Partnerships & Connections"),
    ("policies-and-laws", "Policies & Laws"),
    ("financing", "Financing"),
    ("external-pressure", "External Pressure"),
    ("societal-pressure", "Societal Pressure"),
    ("market-pressure", "Market Pressure"),
    (
        "performance-measurement-pressure",
        "Performance-Measurement Pressure",
    ),
    ("structural-characteristics", "Structural Characteristics"),
    ("physical-infrastructure", "Physical Infrastructure"),
    ("it-infrastructure", "IT Infrastructure"),
    ("work-infrastructure", "Work Infrastructure"),
    ("relational-connections", "Relational Connections"),
    ("communications", "Communications"),
    ("culture", "Culture"),
    ("human-equality-centeredness", "Human Equality-Centeredness"),
    ("recipient-centeredness", "Recipient-Centeredness"),
    ("deliverer-centeredness", "Deliverer-Centeredness"),
    ("learning-centeredness", "Learning-Centeredness"),
    ("tension-for-change", "Tension for Change"),
    ("compatibility", "Compatibility"),
    ("relative-priority", "Relative Priority"),
    ("incentive-systems", "Incentive Systems"),
    ("mission-alignment", "Mission Alignment"),
    ("available-resources", "Available Resources"),
    ("funding", "Funding"),
    ("space", "Space"),
    ("materials-and-equipment", "Materials & Equipment"),
    (
        "access-to-knowledge-and-information",
        "Access to Knowledge & Information",
    ),
    ("high-level-leaders", "High-level Leaders"),
    ("mid-level-leaders", "Mid-level Leaders"),
    ("opinion-leaders", "Opinion Leaders"),
    ("implementation-facilitators", "Implementation Facilitators"),
    ("implementation-leads", "Implementation Leads"),
    ("implementation-team-members", "Implementation Team Members"),
    (
        "other-implementation-support",
        "Other Implementation Support",
    ),
    ("innovation-deliverers", "Innovation Deliverers"),
    ("innovation-recipients", "Innovation Recipients"),
    ("need", "Need"),
    ("capability", "Capability"),
    ("opportunity", "Opportunity"),
    ("motivation", "Motivation"),
    ("teaming", "Teaming"),
    ("assessing-needs", "Assessing Needs"),
    (
        "assessing-needs-innovation-deliverers",
        "Assessing Needs: Innovation Deliverers",
    ),
    (
        "assessing-needs-innovation-recipients",
        "Assessing Needs: Innovation Recipients",
    ),
    ("assessing-context", "Assessing Context"),
    ("planning", "Planning"),
    ("tailoring-strategies", "Tailoring Strategies"),
    ("engaging", "Engaging"),
    (
        "engaging-innovation-deliverers",
        "Engaging: Innovation Deliverers",
    ),
    (
        "engaging-innovation-recipients",
        "Engaging: Innovation Recipients",
    ),
    ("doing", "Doing"),
    ("reflecting-and-evaluating", "Reflecting & Evaluating"),
    (
        "reflecting-and-evaluating-implementation",
        "Reflecting & Evaluating: Implementation",
    ),
    (
        "reflecting-and-evaluating-innovation",
        "Reflecting & Evaluating: Innovation",
    ),
    ("adapting", "Adapting"),
];

/// The English name of a construct id.
pub fn english_name(id: &str) -> Option<&'static str> {
    CONSTRUCTS.iter().find(|(i, _)| *i == id).map(|(_, n)| *n)
}

/// The construct's name in the page's language: the site's word for it (`cfir_<slug of the
/// English name without "Innovation">`), with the English name after it, or the English name.
pub fn display_name(words: &std::collections::BTreeMap<String, String>, id: &str) -> String {
    let Some(english) = english_name(id) else {
        return id.to_string();
    };
    let short = english.strip_prefix("Innovation ").unwrap_or(english);
    let key = format!("cfir_{}", crate::slug::slugify(short));
    match words.get(&key) {
        Some(local) if local != english && local != short => format!("{local} ({english})"),
        _ => english.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_the_slugs_of_the_contract() {
        assert_eq!(CONSTRUCTS.len(), 67);
        let mut seen = std::collections::HashSet::new();
        for (id, _) in CONSTRUCTS {
            assert!(seen.insert(*id), "{id} twice");
        }
        let words = std::collections::BTreeMap::from([(
            "cfir_available-resources".to_string(),
            "Beschikbare middelen".to_string(),
        )]);
        assert_eq!(
            display_name(&words, "available-resources"),
            "Beschikbare middelen (Available Resources)"
        );
        assert_eq!(display_name(&words, "funding"), "Funding");
    }
}
