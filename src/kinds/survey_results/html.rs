//! The results page's tool, put first on the page: where the lead adds answer sets and where
//! `survey-results.js` shows what they say (both hidden without JavaScript, when a note says
//! what the tool does), and the buttons for the CSV and the print view.

use std::collections::BTreeMap;

use pulldown_cmark::Event;

use crate::kinds::Events;
use crate::kinds::kit::word;

/// The ids the tool gives elements, kept from headings.
pub const IDS: &[&str] = &[
    "survey-results",
    "results-import",
    "results-import-heading",
    "results-drop",
    "results-files",
    "results-codes",
    "results-messages",
    "results-count",
    "results-view",
    "results-ranked-heading",
    "results-ranked",
    "results-chart",
    "results-change-heading",
    "results-change",
    "results-scores-heading",
    "results-constructs",
    "results-domains",
    "results-statements-heading",
    "results-statements",
    "results-data",
];

/// The page's events with the tool first.
pub fn put_first(events: Events<'_>, tool: String) -> Events<'_> {
    let mut out: Events<'_> = Vec::with_capacity(events.len() + 1);
    out.push((Event::Html(tool.into()), 0..0));
    out.extend(events);
    out
}

/// The tool's HTML, in the page's language.
pub fn tool(words: &BTreeMap<String, String>) -> String {
    let w = |key: &str| crate::escape::escape(word(words, key));
    let mut h = String::new();
    h.push_str("<div class=\"survey-results\" id=\"survey-results\">\n");
    h.push_str(&format!(
        "<noscript><p class=\"results-no-script\">{}</p></noscript>\n",
        w("survey_results_no_script")
    ));
    h.push_str("<section class=\"results-import js-only\" id=\"results-import\" aria-labelledby=\"results-import-heading\">\n");
    h.push_str(&format!(
        "<h2 id=\"results-import-heading\">{}</h2>\n<p class=\"results-privacy\">{}</p>\n",
        w("survey_results_add"),
        w("survey_results_privacy")
    ));
    h.push_str(&format!(
        "<div class=\"results-drop\" id=\"results-drop\"><p><label for=\"results-files\">{}</label><br><input type=\"file\" id=\"results-files\" multiple accept=\".json,.txt,.csv,application/json,text/plain,text/csv\"></p><p class=\"results-drop-hint\">{}</p></div>\n",
        w("survey_results_files"),
        w("survey_results_drop")
    ));
    h.push_str(&format!(
        "<p class=\"results-paste\"><label for=\"results-codes\">{}</label><br><textarea id=\"results-codes\" rows=\"4\" spellcheck=\"false\" autocomplete=\"off\"></textarea><br><button type=\"button\" data-action=\"add-codes\">{}</button></p>\n",
        w("survey_results_codes"),
        w("survey_results_add_codes")
    ));
    h.push_str("<div class=\"results-messages\" id=\"results-messages\" role=\"status\" aria-live=\"polite\"></div>\n");
    h.push_str(&format!(
        "<p class=\"results-count\" id=\"results-count\"></p>\n<p class=\"results-clear\"><button type=\"button\" data-action=\"clear\">{}</button></p>\n",
        w("survey_results_clear")
    ));
    h.push_str("</section>\n");

    h.push_str("<section class=\"results-view\" id=\"results-view\" aria-labelledby=\"results-ranked-heading\" hidden>\n");
    h.push_str(&format!(
        "<h2 id=\"results-ranked-heading\">{}</h2>\n<p class=\"results-summary\"></p>\n<p class=\"results-definition\">{}</p>\n<p class=\"results-definition\">{}</p>\n",
        w("survey_results_ranked"),
        w("survey_results_score_defined"),
        w("survey_results_spread_defined")
    ));
    h.push_str("<div class=\"results-chart\" id=\"results-chart\"></div>\n");
    h.push_str("<ol class=\"results-ranked\" id=\"results-ranked\"></ol>\n");
    h.push_str(&format!(
        "<p class=\"results-actions\"><button type=\"button\" class=\"button-primary\" data-action=\"csv\">{}</button> <button type=\"button\" data-action=\"print\">{}</button></p>\n",
        w("survey_results_download_csv"),
        w("survey_results_print")
    ));
    h.push_str(&format!(
        "<div class=\"results-change-part\" hidden><h2 id=\"results-change-heading\">{}</h2>\n<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-labelledby=\"results-change-heading\"><table class=\"results-table\" id=\"results-change\"></table></div></div>\n",
        w("survey_results_change")
    ));
    h.push_str(&format!(
        "<h2 id=\"results-scores-heading\">{}</h2>\n<p class=\"results-small-groups\">{}</p>\n<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"{}\"><table class=\"results-table\" id=\"results-constructs\"></table></div>\n<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"{}\"><table class=\"results-table\" id=\"results-domains\"></table></div>\n",
        w("survey_results_scores"),
        w("survey_results_small_groups"),
        w("survey_results_per_construct"),
        w("survey_results_per_domain")
    ));
    h.push_str(&format!(
        "<h2 id=\"results-statements-heading\">{}</h2>\n<div class=\"results-statements\" id=\"results-statements\"></div>\n",
        w("survey_results_statements")
    ));
    h.push_str("</section>\n</div>\n");
    h
}
