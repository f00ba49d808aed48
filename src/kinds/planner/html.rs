//! The planner's HTML, in place of its rules block: the form `planner.js` brings to life (hidden
//! without JavaScript), the plan as a table relative to go-live (readable without JavaScript),
//! and the rules and words for the script as JSON.

use std::collections::BTreeMap;

use super::{PlannerData, when, word};

/// The ids the planner gives elements, kept from headings.
pub const IDS: &[&str] = &[
    "planner",
    "planner-form",
    "planner-go-live",
    "planner-training-1",
    "planner-trainings",
    "planner-data",
    "planner-schedule",
    "planner-plan",
    "planner-print-evidence",
];

/// The whole planner block.
pub fn planner(data: &PlannerData, words: &BTreeMap<String, String>) -> String {
    let w = |key: &str| crate::escape::escape(word(words, key));
    let rules = &data.rules;
    let mut h = String::new();
    h.push_str("<div class=\"planner\" id=\"planner\">\n");

    // The form, for planner.js.
    h.push_str("<form class=\"planner-form js-only\" id=\"planner-form\">\n");
    h.push_str(&format!(
        "<h3 class=\"planner-heading\">{}</h3>\n",
        w("planner_your_dates")
    ));
    h.push_str(&format!(
        "<p class=\"planner-field\"><label for=\"planner-go-live\">{}</label> <input type=\"date\" id=\"planner-go-live\" name=\"go-live\" required aria-describedby=\"planner-rule\"></p>\n",
        w("planner_go_live_label")
    ));
    h.push_str(&format!(
        "<fieldset class=\"planner-trainings\" id=\"planner-trainings\"><legend>{}</legend>\n",
        w("planner_training_days")
    ));
    h.push_str(&format!(
        "<p class=\"planner-field planner-training\"><label for=\"planner-training-1\">{}</label> <input type=\"date\" id=\"planner-training-1\" name=\"training\"></p>\n",
        crate::escape::escape(&word(words, "planner_training_label").replace("{n}", "1"))
    ));
    h.push_str(&format!(
        "</fieldset>\n<p class=\"planner-buttons\"><button type=\"button\" data-action=\"add-training\">{}</button></p>\n",
        w("planner_add_training")
    ));
    h.push_str("</form>\n");
    h.push_str(&format!(
        "<p class=\"planner-rule\" id=\"planner-rule\">{}</p>\n",
        crate::escape::escape(
            &word(words, "planner_rule").replace("{max}", &rules.max_gap_days.to_string())
        )
    ));

    h.push_str("<div class=\"planner-alert\" role=\"alert\"></div>\n");
    // What planner.js says first, already there, so that nothing moves when it says it.
    h.push_str(&format!(
        "<p class=\"planner-status js-only\" role=\"status\" aria-live=\"polite\">{}</p>\n",
        w("planner_enter_go_live")
    ));
    h.push_str(&format!(
        "<p class=\"planner-actions\" hidden><button type=\"button\" class=\"button-primary\" data-action=\"ics\">{}</button> <button type=\"button\" data-action=\"print\">{}</button> <label class=\"planner-print-evidence\"><input type=\"checkbox\" id=\"planner-print-evidence\"> {}</label></p>\n",
        w("planner_download_ics"),
        w("planner_print"),
        w("planner_print_evidence")
    ));
    h.push_str("<div class=\"planner-schedule\" id=\"planner-schedule\" hidden></div>\n");

    // The plan relative to go-live.
    h.push_str(&format!(
        "<div class=\"table-scroll\" tabindex=\"0\">\n<table class=\"planner-table planner-plan\" id=\"planner-plan\">\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>\n",
        w("planner_plan_caption"),
        w("planner_when"),
        w("planner_activity")
    ));
    // Any go-live the plan fits gives the same order of entries; only their offsets are shown.
    let mut entries = super::schedule::go_live_range(rules)
        .and_then(|(first, _)| super::schedule::compute(rules, first, &[]).ok())
        .map(|s| s.entries)
        .unwrap_or_default();
    // In the order of the rules, not of the dates moved off weekends for that go-live.
    entries.sort_by_key(|e| e.offset_days);
    let occurrence = word(words, "planner_occurrence");
    for entry in &entries {
        let title = super::ics::title(rules, &entry.id, entry.n, entry.of, occurrence);
        let description = rules
            .events
            .iter()
            .find(|e| e.id == entry.id)
            .map(|e| e.description.as_str())
            .or_else(|| {
                rules
                    .reminders
                    .iter()
                    .find(|r| r.id == entry.id)
                    .map(|r| r.description.as_str())
            })
            .unwrap_or("");
        // A repeated reminder is described once, at its first date.
        let shown =
            if entry.n.is_none_or(|n| n == 1) || rules.events.iter().any(|e| e.id == entry.id) {
                description
            } else {
                ""
            };
        h.push_str(&format!(
            "<tr data-event=\"{}\" data-offset=\"{}\"><td class=\"planner-when\">{}</td><td><strong class=\"planner-title\">{}</strong>{}</td></tr>\n",
            crate::escape::escape(&entry.id),
            entry.offset_days,
            crate::escape::escape(&when(words, entry)),
            crate::escape::escape(&title),
            if shown.is_empty() {
                String::new()
            } else {
                format!("<br><span class=\"planner-description\">{}</span>", crate::escape::escape(shown))
            }
        ));
    }
    h.push_str("</tbody>\n</table>\n</div>\n");

    // Rules and words for planner.js.
    let script_words: BTreeMap<&str, &str> = words
        .iter()
        .filter(|(k, _)| k.starts_with("planner_"))
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let json = serde_json::json!({
        "rules": rules,
        "host": data.host,
        "words": script_words,
    });
    h.push_str(&format!(
        "<script type=\"application/json\" id=\"planner-data\">{}</script>\n",
        crate::escape::script_json(&json)
    ));
    h.push_str("</div>\n");
    h
}
