//! The survey's form in HTML: a short sentence on where the answers go, optional questions
//! about the respondent (role, wave, date), one fieldset per statement with a radio button per
//! point, the open questions, and the hand-in buttons that `survey.js` brings to life. Without
//! JavaScript the page is a readable questionnaire with its PDF form and CSV template.

use std::collections::BTreeMap;

use super::SurveyData;
use crate::escape::escape;
use crate::kinds::kit::word;

/// The ids of the form's own elements.
const OWN_IDS: &[&str] = &[
    "survey",
    "survey-about",
    "survey-role",
    "survey-wave",
    "survey-date",
    "survey-handin",
    "survey-handin-title",
    "survey-code",
    "survey-status",
    "survey-words",
];

/// Every id the form gives an element.
pub fn ids(data: &SurveyData) -> Vec<String> {
    let mut ids: Vec<String> = OWN_IDS.iter().map(|s| s.to_string()).collect();
    for s in &data.statements {
        ids.push(format!("s-{}", s.id));
        ids.push(format!("s-{}-legend", s.id));
        for p in 1..=data.points {
            ids.push(format!("s-{}-{p}", s.id));
        }
    }
    for q in &data.open {
        ids.push(format!("q-{}", q.id));
    }
    ids
}

/// The file names of the downloads beside the page.
pub fn pdf_name(data: &SurveyData) -> String {
    format!("{}-form.pdf", data.id)
}

pub fn csv_name(data: &SurveyData) -> String {
    format!("{}-answers.csv", data.id)
}

/// The whole form.
pub fn form(data: &SurveyData, words: &BTreeMap<String, String>) -> String {
    let w = |key: &str| escape(word(words, key));
    let statement_ids: Vec<&str> = data.statements.iter().map(|s| s.id.as_str()).collect();
    let open_ids: Vec<&str> = data.open.iter().map(|q| q.id.as_str()).collect();
    let mut html = format!(
        "<form class=\"survey\" id=\"survey\" data-survey=\"{}\" data-version=\"{}\" data-points=\"{}\" data-statements=\"{}\" data-open=\"{}\" data-roles=\"{}\"{}>\n",
        escape(&data.id),
        data.version,
        data.points,
        escape(&statement_ids.join(" ")),
        escape(&open_ids.join(" ")),
        escape(
            &data
                .roles
                .iter()
                .map(|r| r.id.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        ),
        data.email
            .as_deref()
            .map(|e| format!(" data-email=\"{}\"", escape(e)))
            .unwrap_or_default(),
    );
    html.push_str(&format!(
        "<p class=\"survey-privacy\">{}</p>\n",
        w("survey_privacy")
    ));
    html.push_str(&format!(
        "<p class=\"survey-nojs\">{} <a href=\"{}\" download>{}</a> · <a href=\"{}\" download>{}</a></p>\n",
        w("survey_without_script"),
        escape(&pdf_name(data)),
        w("survey_pdf_form"),
        escape(&csv_name(data)),
        w("survey_csv_template"),
    ));

    // About the respondent: all optional.
    html.push_str(&format!(
        "<fieldset class=\"survey-about\" id=\"survey-about\">\n<legend>{}</legend>\n<p class=\"survey-note\">{}</p>\n",
        w("survey_about_you"),
        w("survey_about_note")
    ));
    if !data.roles.is_empty() {
        html.push_str(&format!(
            "<p><label for=\"survey-role\">{}</label>\n<select id=\"survey-role\" name=\"role\">\n<option value=\"\">{}</option>\n",
            w("survey_role"),
            w("survey_role_none")
        ));
        for role in &data.roles {
            html.push_str(&format!(
                "<option value=\"{}\">{}</option>\n",
                escape(&role.id),
                escape(&role.name)
            ));
        }
        html.push_str("</select></p>\n");
    }
    html.push_str(&format!(
        "<p><label for=\"survey-wave\">{}</label>\n<select id=\"survey-wave\" name=\"wave\">\n<option value=\"baseline\">{}</option>\n<option value=\"follow-up\">{}</option>\n</select></p>\n",
        w("survey_wave"),
        w("survey_wave_baseline"),
        w("survey_wave_follow_up")
    ));
    html.push_str(&format!(
        "<p><label for=\"survey-date\">{}</label>\n<input type=\"date\" id=\"survey-date\" name=\"date\"></p>\n</fieldset>\n",
        w("survey_date")
    ));

    // The statements.
    html.push_str(&format!(
        "<p class=\"survey-scale-note\">{}</p>\n<ol class=\"survey-statements\">\n",
        escape(
            &word(words, "survey_scale_note")
                .replace("{lowest}", &data.labels[0])
                .replace("{highest}", &data.labels[data.labels.len() - 1])
        )
    ));
    for (n, s) in data.statements.iter().enumerate() {
        let id = escape(&s.id);
        html.push_str(&format!(
            "<li><fieldset class=\"survey-statement\" id=\"s-{id}\" aria-labelledby=\"s-{id}-legend\">\n<legend id=\"s-{id}-legend\"><span class=\"survey-number\">{}.</span> {}</legend>\n<div class=\"survey-points\">\n",
            n + 1,
            escape(&s.text)
        ));
        for (i, label) in data.labels.iter().enumerate() {
            let p = i + 1;
            html.push_str(&format!(
                "<label class=\"survey-point\" for=\"s-{id}-{p}\"><input type=\"radio\" id=\"s-{id}-{p}\" name=\"{id}\" value=\"{p}\"> <span class=\"survey-point-number\">{p}</span> <span class=\"survey-point-label\">{}</span></label>\n",
                escape(label)
            ));
        }
        html.push_str("</div>\n");
        // Where the statement comes from: its source, else its study theme.
        let from = match (&s.source, &s.theme) {
            (Some(source), _) => Some(format!("{} {}", w("survey_source"), escape(source))),
            (None, Some(theme)) => Some(format!("{} {}", w("survey_theme"), escape(theme))),
            (None, None) => None,
        };
        if let Some(from) = from {
            html.push_str(&format!("<p class=\"survey-from\">{from}</p>\n"));
        }
        html.push_str("</fieldset></li>\n");
    }
    html.push_str("</ol>\n");

    for q in &data.open {
        let id = escape(&q.id);
        html.push_str(&format!(
            "<p class=\"survey-open\"><label for=\"q-{id}\">{}</label>\n<textarea id=\"q-{id}\" name=\"open-{id}\" rows=\"4\"></textarea></p>\n",
            escape(&q.text)
        ));
    }

    // Handing in: buttons that only work with JavaScript, so hidden until it runs.
    html.push_str(&format!(
        "<section class=\"survey-handin\" id=\"survey-handin\" aria-labelledby=\"survey-handin-title\" hidden>\n<h2 id=\"survey-handin-title\">{}</h2>\n<p>{}</p>\n<p class=\"survey-count\" data-survey-count></p>\n",
        w("survey_handin"),
        w("survey_handin_note")
    ));
    html.push_str(&format!(
        "<div class=\"survey-ways\">\n<p><button type=\"button\" data-survey-download>{}</button></p>\n<p><label for=\"survey-code\">{}</label>\n<input type=\"text\" id=\"survey-code\" readonly spellcheck=\"false\" autocomplete=\"off\">\n<button type=\"button\" data-survey-copy>{}</button></p>\n<p><a class=\"button\" data-survey-mail href=\"mailto:{}\">{}</a></p>\n</div>\n",
        w("survey_download"),
        w("survey_code"),
        w("survey_copy"),
        data.email.as_deref().map(escape).unwrap_or_default(),
        w("survey_mail")
    ));
    html.push_str(&format!(
        "<p role=\"status\" id=\"survey-status\" class=\"survey-status\"></p>\n<p><button type=\"button\" class=\"secondary\" data-survey-clear>{}</button></p>\n</section>\n</form>\n",
        w("survey_clear")
    ));
    // The words survey.js says, without their `survey_js_` prefix.
    let script_words: BTreeMap<&str, &str> = words
        .iter()
        .filter_map(|(k, v)| Some((k.strip_prefix("survey_js_")?, v.as_str())))
        .collect();
    html.push_str(&format!(
        "<script type=\"application/json\" id=\"survey-words\">{}</script>\n",
        crate::escape::script_json(&script_words)
    ));
    html
}
