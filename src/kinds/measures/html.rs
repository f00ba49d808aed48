//! The measures page's HTML, in place of its blocks: per indicator its definition, its chart and
//! a table of its figures (or how to start, without a data file), the quarterly review, the form
//! `measures.js` brings to life (hidden without JavaScript); and the caseload calculator's worked
//! example with its form. The data and words for the script go in JSON.

use std::collections::{BTreeMap, HashSet};

use super::caseload::{self, Caseload, INPUTS, OUTPUTS};
use super::chart::{self, ChartWords};
use super::figures::{self, Figures};
use super::indicators::{Indicators, fmt_number};

/// A number as the page's language writes it: `51.6` or `51,6` (the word `measures_decimal_point`).
fn local(words: &Words, text: String) -> String {
    let point = words
        .get("measures_decimal_point")
        .map_or(".", String::as_str);
    text.replace('.', point)
}

/// A number of the page, one decimal at most, as its language writes it.
fn number(words: &Words, n: f64) -> String {
    local(words, fmt_number(n))
}
use super::word;
use crate::escape::{escape, script_json};

type Words = BTreeMap<String, String>;

/// " %", " days" or "" after a number.
fn unit_suffix(words: &Words, unit: &str) -> String {
    match unit {
        "percent" => " %".to_string(),
        "days" => format!(" {}", word(words, "measures_days")),
        _ => String::new(),
    }
}

fn month_words(words: &Words) -> (String, String) {
    (
        word(words, "measures_month").to_string(),
        word(words, "measures_no_figures").to_string(),
    )
}

/// The words the script needs, those of the kind.
fn script_words(words: &Words) -> BTreeMap<&str, &str> {
    words
        .iter()
        .filter(|(k, _)| k.starts_with("measures_"))
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

/// The indicators block.
pub fn measures(
    read: &Indicators,
    figures: Option<&Figures>,
    words: &Words,
    taken_ids: &mut HashSet<String>,
) -> String {
    let w = |key: &str| escape(word(words, key));
    let file = read
        .data
        .clone()
        .unwrap_or_else(|| "measures.csv".to_string());
    let mut h = String::from("<div class=\"measures\" id=\"measures\">\n");
    taken_ids.extend(
        [
            "measures",
            "measures-form",
            "measures-month",
            "measures-review",
            "measures-data",
        ]
        .map(String::from),
    );
    h.push_str(&format!(
        "<p class=\"measures-aggregate\"><strong>{}</strong> {}</p>\n",
        w("measures_aggregate_title"),
        w("measures_aggregate")
    ));
    let months = match figures.and_then(|f| Some((f.first_month()?, f.last_month()?))) {
        Some((first, last)) => chart::months_between(first, last),
        None => Vec::new(),
    };
    match figures.and_then(Figures::last_month) {
        Some(last) => {
            h.push_str(&format!(
                "<p class=\"measures-updated\">{}</p>\n",
                escape(
                    &word(words, "measures_last_updated")
                        .replace("{month}", last)
                        .replace("{file}", &file)
                )
            ));
            for note in figures.map(|f| f.notes.as_slice()).unwrap_or_default() {
                h.push_str(&format!(
                    "<p class=\"measures-note\">{}</p>\n",
                    escape(note.trim_start_matches('#').trim())
                ));
            }
        }
        None => {
            h.push_str(&format!(
                "<div class=\"measures-start\">\n<p><strong>{}</strong></p>\n<ol>\n<li>{}</li>\n<li>{}</li>\n<li>{}</li>\n</ol>\n<pre><code>month,indicator,numerator,denominator,value\n2027-01,{},12,40,\n</code></pre>\n</div>\n",
                w("measures_start_title"),
                escape(&word(words, "measures_start_1").replace("{file}", &file)),
                escape(&word(words, "measures_start_2").replace("{file}", &file)),
                w("measures_start_3"),
                escape(read.indicators.first().map_or("reach", |i| i.id.as_str())),
            ));
        }
    }
    for indicator in &read.indicators {
        let id = format!("measure-{}", indicator.id);
        taken_ids.insert(id.clone());
        taken_ids.insert(format!("{id}-name"));
        taken_ids.insert(format!("{id}-chart-title"));
        let suffix = unit_suffix(words, &indicator.unit);
        h.push_str(&format!(
            "<section class=\"measures-indicator\" id=\"{id}\" data-indicator=\"{}\" aria-labelledby=\"{id}-name\">\n<h2 id=\"{id}-name\">{}</h2>\n",
            escape(&indicator.id),
            escape(&indicator.name)
        ));
        if !indicator.definition.is_empty() {
            h.push_str(&format!("<p>{}</p>\n", escape(&indicator.definition)));
        }
        let worked = if indicator.is_share() {
            word(words, "measures_share")
                .replace("{numerator}", &indicator.numerator)
                .replace("{denominator}", &indicator.denominator)
        } else {
            word(words, &format!("measures_unit_{}", indicator.unit)).to_string()
        };
        let target = indicator
            .target
            .map(|t| format!("{}{suffix}", number(words, t)));
        h.push_str(&format!(
            "<dl class=\"measures-facts\">\n<dt>{}</dt><dd>{}</dd>\n<dt>{}</dt><dd>{}</dd>\n<dt>{}</dt><dd>{}</dd>\n<dt>{}</dt><dd>{}</dd>\n<dt>{}</dt><dd>{}</dd>\n</dl>\n",
            w("measures_worked_out"),
            escape(&worked),
            w("measures_better"),
            w(&format!("measures_{}_better", indicator.direction)),
            w("measures_target"),
            escape(&target.clone().unwrap_or_else(|| word(words, "measures_no_target").to_string())),
            w("measures_reaim"),
            w(&format!("measures_reaim_{}", indicator.reaim)),
            w("measures_source"),
            escape(&indicator.source),
        ));
        if months.is_empty() {
            h.push_str("</section>\n");
            continue;
        }
        let own = figures
            .and_then(|f| f.by_indicator.get(&indicator.id))
            .map(Vec::as_slice)
            .unwrap_or_default();
        let geometry = chart::geometry(&months, own, indicator.is_share(), indicator.target);
        let title = word(words, "measures_chart_title").replace("{name}", &indicator.name);
        let target_label =
            target.map(|t| word(words, "measures_target_label").replace("{target}", &t));
        h.push_str("<div class=\"measures-figure\">\n");
        h.push_str(&chart::svg(
            &geometry,
            own.last(),
            &ChartWords {
                title: &title,
                target: target_label,
                unit: &suffix,
                decimal: words
                    .get("measures_decimal_point")
                    .map_or(".", String::as_str),
            },
            &format!("{id}-chart"),
        ));
        h.push('\n');
        h.push_str(&table(indicator, own, &months, words));
        h.push_str("</div>\n");
        if let Some(last) = own.last() {
            if !indicator.on_target(last.value) {
                h.push_str(&format!(
                    "<p class=\"measures-off\">{}</p>\n",
                    escape(&off_target(indicator, last, words))
                ));
            }
        } else {
            h.push_str(&format!("<p>{}</p>\n", w("measures_none_yet")));
        }
        h.push_str("</section>\n");
    }
    h.push_str(&review(read, figures, words));
    h.push_str(&form(read, words));
    let json = serde_json::json!({
        "file": file,
        "indicators": read.indicators,
        "figures": figures.map(|f| &f.by_indicator),
        "notes": figures.map(|f| f.notes.as_slice()).unwrap_or_default(),
        "words": script_words(words),
    });
    h.push_str(&format!(
        "<script type=\"application/json\" id=\"measures-data\">{}</script>\n</div>\n",
        script_json(&json)
    ));
    h
}

/// "Reach is off target: 45 % in 2027-03, target 60 %."
fn off_target(
    indicator: &super::indicators::Indicator,
    last: &figures::Figure,
    words: &Words,
) -> String {
    let suffix = unit_suffix(words, &indicator.unit);
    word(words, "measures_off_target")
        .replace("{name}", &indicator.name)
        .replace("{value}", &format!("{}{suffix}", number(words, last.value)))
        .replace("{month}", &last.month)
        .replace(
            "{target}",
            &format!("{}{suffix}", number(words, indicator.target.unwrap_or(0.0))),
        )
}

/// The table of an indicator's figures, a row for every month of the file (a gap says so).
fn table(
    indicator: &super::indicators::Indicator,
    own: &[figures::Figure],
    months: &[String],
    words: &Words,
) -> String {
    let w = |key: &str| escape(word(words, key));
    let (month_word, none) = month_words(words);
    let mut h = format!(
        "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"{}\">\n<table class=\"measures-table\">\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">{}</th>",
        escape(&word(words, "measures_table_caption").replace("{name}", &indicator.name)),
        escape(&word(words, "measures_table_caption").replace("{name}", &indicator.name)),
        escape(&month_word)
    );
    if indicator.is_share() {
        h.push_str(&format!(
            "<th scope=\"col\">{}</th><th scope=\"col\">{}</th>",
            w("measures_numerator"),
            w("measures_denominator")
        ));
    }
    h.push_str(&format!(
        "<th scope=\"col\">{}</th></tr></thead>\n<tbody>\n",
        w(&format!("measures_value_{}", indicator.unit))
    ));
    for month in months {
        match own.iter().find(|f| &f.month == month) {
            Some(f) => {
                h.push_str(&format!(
                    "<tr data-month=\"{}\"><th scope=\"row\">{}</th>",
                    escape(month),
                    escape(month)
                ));
                if let (Some(n), Some(d)) = (f.numerator, f.denominator) {
                    h.push_str(&format!("<td>{n}</td><td>{d}</td>"));
                }
                h.push_str(&format!(
                    "<td>{}{}</td></tr>\n",
                    number(words, f.value),
                    escape(&unit_suffix(words, &indicator.unit))
                ));
            }
            None => {
                let span = if indicator.is_share() { 3 } else { 1 };
                h.push_str(&format!(
                    "<tr data-month=\"{}\" class=\"measures-gap\"><th scope=\"row\">{}</th><td colspan=\"{span}\">{}</td></tr>\n",
                    escape(month),
                    escape(month),
                    escape(&none)
                ));
            }
        }
    }
    h.push_str("</tbody>\n</table>\n</div>\n");
    h
}

/// The quarterly review: what is off target, and room for decisions with owners.
fn review(read: &Indicators, figures: Option<&Figures>, words: &Words) -> String {
    let w = |key: &str| escape(word(words, key));
    let mut h = format!(
        "<section class=\"measures-review\" id=\"measures-review\" aria-labelledby=\"measures-review-title\">\n<h2 id=\"measures-review-title\">{}</h2>\n<p>{}</p>\n<p class=\"measures-print\" hidden><button type=\"button\" data-action=\"print\">{}</button></p>\n<h3>{}</h3>\n",
        w("measures_review_title"),
        w("measures_review_intro"),
        w("measures_review_print"),
        w("measures_off_title")
    );
    let off: Vec<String> = read
        .indicators
        .iter()
        .filter_map(|i| {
            let last = figures?.by_indicator.get(&i.id)?.last()?;
            (!i.on_target(last.value)).then(|| off_target(i, last, words))
        })
        .collect();
    if off.is_empty() {
        h.push_str(&format!(
            "<p class=\"measures-off-none\">{}</p>\n",
            w("measures_off_none")
        ));
    } else {
        h.push_str("<ul class=\"measures-off-list\">\n");
        for line in off {
            h.push_str(&format!("<li>{}</li>\n", escape(&line)));
        }
        h.push_str("</ul>\n");
    }
    h.push_str(&format!(
        "<h3>{}</h3>\n<table class=\"measures-decisions\">\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>\n",
        w("measures_decisions_title"),
        w("measures_decisions_caption"),
        w("measures_decision"),
        w("measures_owner"),
        w("measures_by_when")
    ));
    for _ in 0..5 {
        h.push_str("<tr><td></td><td></td><td></td></tr>\n");
    }
    h.push_str("</tbody>\n</table>\n</section>\n");
    h
}

/// The form to type a month's figures, for measures.js.
fn form(read: &Indicators, words: &Words) -> String {
    let w = |key: &str| escape(word(words, key));
    let mut h = format!(
        "<form class=\"measures-form\" id=\"measures-form\" hidden novalidate aria-labelledby=\"measures-form-title\">\n<h2 id=\"measures-form-title\">{}</h2>\n<p>{}</p>\n<p class=\"measures-field\"><label for=\"measures-month\">{}</label> <input type=\"text\" id=\"measures-month\" name=\"month\" inputmode=\"numeric\" autocomplete=\"off\" placeholder=\"2027-03\" aria-describedby=\"measures-month-error\"> <span class=\"measures-error\" id=\"measures-month-error\"></span></p>\n",
        w("measures_form_title"),
        w("measures_form_intro"),
        w("measures_form_month")
    );
    for indicator in &read.indicators {
        let id = escape(&indicator.id);
        h.push_str(&format!(
            "<fieldset class=\"measures-fieldset\" data-indicator=\"{id}\"><legend>{}</legend>\n",
            escape(&indicator.name)
        ));
        let fields: Vec<(&str, String)> = if indicator.is_share() {
            vec![
                ("numerator", indicator.numerator.clone()),
                ("denominator", indicator.denominator.clone()),
            ]
        } else {
            vec![(
                "value",
                word(words, &format!("measures_value_{}", indicator.unit)).to_string(),
            )]
        };
        for (field, label) in fields {
            h.push_str(&format!(
                "<p class=\"measures-field\"><label for=\"measures-{id}-{field}\">{}</label> <input type=\"text\" inputmode=\"decimal\" id=\"measures-{id}-{field}\" data-field=\"{field}\" autocomplete=\"off\" aria-describedby=\"measures-{id}-{field}-error\"> <span class=\"measures-error\" id=\"measures-{id}-{field}-error\"></span></p>\n",
                escape(&label)
            ));
        }
        h.push_str("</fieldset>\n");
    }
    h.push_str(&format!(
        "<p class=\"measures-buttons\"><button type=\"button\" class=\"button-primary\" data-action=\"preview\">{}</button> <button type=\"button\" data-action=\"download\">{}</button></p>\n<p class=\"measures-status\" role=\"status\" aria-live=\"polite\"></p>\n</form>\n",
        w("measures_preview"),
        w("measures_download")
    ));
    h
}

/// The caseload calculator: the worked example as tables, and the form for measures.js.
pub fn caseload(data: &Caseload, words: &Words, taken_ids: &mut HashSet<String>) -> String {
    let w = |key: &str| escape(word(words, key));
    taken_ids.extend(["caseload", "caseload-form", "caseload-data"].map(String::from));
    let values = data.values();
    let results = caseload::compute(&values);
    let mut h = format!(
        "<div class=\"caseload\" id=\"caseload\">\n<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"{0}\">\n<table class=\"caseload-inputs\">\n<caption>{0}</caption>\n<thead><tr><th scope=\"col\">{1}</th><th scope=\"col\">{2}</th><th scope=\"col\">{3}</th></tr></thead>\n<tbody>\n",
        w("measures_caseload_inputs_caption"),
        w("measures_caseload_figure"),
        w("measures_caseload_example"),
        w("measures_caseload_from"),
    );
    for d in &data.defaults {
        let from = match &d.source {
            Some(s) => escape(s),
            None => format!(
                "<em class=\"caseload-judgement\">{}</em>",
                w("measures_caseload_judgement")
            ),
        };
        h.push_str(&format!(
            "<tr data-input=\"{}\"><th scope=\"row\">{}</th><td>{} {}</td><td>{from}</td></tr>\n",
            d.key,
            w(&format!("measures_caseload_{}", d.key)),
            number(words, d.value),
            w(&format!("measures_caseload_{}_unit", d.key)),
        ));
    }
    h.push_str("</tbody>\n</table>\n</div>\n");
    h.push_str(&results_table(
        &results,
        words,
        "caseload-example",
        "measures_caseload_results_caption",
    ));

    // The form.
    h.push_str(&format!(
        "<form class=\"caseload-form\" id=\"caseload-form\" hidden novalidate aria-labelledby=\"caseload-form-title\">\n<h2 id=\"caseload-form-title\">{}</h2>\n<p>{}</p>\n<div class=\"caseload-fields\">\n",
        w("measures_caseload_form_title"),
        w("measures_caseload_form_intro")
    ));
    for d in &data.defaults {
        taken_ids.insert(format!("caseload-{}", d.key));
        h.push_str(&format!(
            "<p class=\"measures-field\"><label for=\"caseload-{0}\">{1} ({2})</label> <input type=\"text\" inputmode=\"decimal\" id=\"caseload-{0}\" data-input=\"{0}\" value=\"{3}\" autocomplete=\"off\" aria-describedby=\"caseload-{0}-error\"> <span class=\"measures-error\" id=\"caseload-{0}-error\"></span></p>\n",
            d.key,
            w(&format!("measures_caseload_{}", d.key)),
            w(&format!("measures_caseload_{}_unit", d.key)),
            number(words, d.value)
        ));
    }
    h.push_str("</div>\n");
    h.push_str(&results_table(
        &results,
        words,
        "caseload-yours",
        "measures_caseload_yours_caption",
    ));
    h.push_str(&format!(
        "<p class=\"measures-buttons\"><button type=\"button\" class=\"button-primary\" data-action=\"caseload-csv\">{}</button> <button type=\"button\" data-action=\"print\">{}</button></p>\n<p class=\"measures-status caseload-status\" role=\"status\" aria-live=\"polite\"></p>\n</form>\n",
        w("measures_caseload_download"),
        w("measures_caseload_print")
    ));
    let json = serde_json::json!({
        "inputs": INPUTS,
        "outputs": OUTPUTS,
        "defaults": data.defaults,
        "words": script_words(words),
    });
    h.push_str(&format!(
        "<script type=\"application/json\" id=\"caseload-data\">{}</script>\n</div>\n",
        script_json(&json)
    ));
    h
}

fn results_table(results: &caseload::Results, words: &Words, class: &str, caption: &str) -> String {
    let w = |key: &str| escape(word(words, key));
    let mut h = format!(
        "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"{0}\">\n<table class=\"caseload-results {class}\">\n<caption>{0}</caption>\n<thead><tr><th scope=\"col\">{1}</th><th scope=\"col\">{2}</th><th scope=\"col\">{3}</th></tr></thead>\n<tbody>\n",
        w(caption),
        w("measures_caseload_result"),
        w("measures_caseload_comes_to"),
        w("measures_caseload_how")
    );
    for key in OUTPUTS {
        h.push_str(&format!(
            "<tr data-output=\"{key}\"><th scope=\"row\">{}</th><td><output class=\"caseload-value\">{}</output> {}</td><td>{}</td></tr>\n",
            w(&format!("measures_caseload_{key}")),
            local(words, caseload::shown(key, results.get(key))),
            w(&format!("measures_caseload_{key}_unit")),
            w(&format!("measures_caseload_{key}_formula")),
        ));
    }
    h.push_str("</tbody>\n</table>\n</div>\n");
    h
}
