//! An e-mail guide as HTML: the rules block becomes a list of rules, good and bad examples
//! become labelled figures (a good example directly followed by a bad one, or the other way
//! round, share a side-by-side pair), templates get a copy button that `email-guide.js` shows,
//! and the rules (with each `see` made HTML) and the script's words are added as JSON for the
//! checker.

use std::collections::{BTreeMap, HashSet};

use pulldown_cmark::{CowStr, Event};

use super::check::Rule;
use super::{GuideData, blocks, broken, word};
use crate::kinds::Events;
use crate::markdown::{LinkSite, render_inline_at};

pub fn rewrite<'a>(
    data: &GuideData,
    words: &BTreeMap<String, String>,
    events: Events<'a>,
    taken_ids: &mut HashSet<String>,
    resolve: &mut dyn FnMut(LinkSite<'_>) -> String,
) -> Events<'a> {
    let found = blocks(&events, "");
    // Each rule's `see` as HTML, its links resolved (and checked) like the page's own.
    let see: Vec<Option<String>> = data
        .rules
        .iter()
        .map(|r| {
            r.see
                .as_ref()
                .map(|m| render_inline_at(m, r.see_at.unwrap_or(0), resolve))
        })
        .collect();
    for rule in &data.rules {
        taken_ids.insert(format!("rule-{}", rule.id));
    }
    let mut replaced: BTreeMap<usize, (usize, String)> = BTreeMap::new();
    let mut template = 0;
    for (n, block) in found.iter().enumerate() {
        let markup = if block.is_rules {
            rules_html(&data.rules, &see, words)
        } else {
            let previous = n.checked_sub(1).map(|p| &found[p]);
            let next = found.get(n + 1);
            let pairs = |a: &str, b: &str| matches!((a, b), ("do", "dont") | ("dont", "do"));
            let opens = next
                .is_some_and(|x| x.start == block.end + 1 && pairs(&block.what, &x.what))
                && !previous
                    .is_some_and(|p| block.start == p.end + 1 && pairs(&p.what, &block.what));
            let closes = previous.is_some_and(|p| {
                block.start == p.end + 1
                    && pairs(&p.what, &block.what)
                    && !n
                        .checked_sub(2)
                        .map(|pp| &found[pp])
                        .is_some_and(|pp| p.start == pp.end + 1 && pairs(&pp.what, &p.what))
            });
            let mut out = String::new();
            if opens {
                out.push_str("<div class=\"email-pair\">\n");
            }
            if block.what == "template" {
                template += 1;
                let id = unique(taken_ids, format!("email-template-{template}"));
                out.push_str(&template_html(&block.text, &id, words));
            } else {
                out.push_str(&example_html(
                    block.what == "do",
                    &block.text,
                    &data.rules,
                    words,
                ));
            }
            if closes {
                out.push_str("</div>\n");
            }
            out
        };
        replaced.insert(block.start, (block.end, markup));
    }
    let mut out: Events<'a> = Vec::with_capacity(events.len());
    let mut skip_until = 0;
    let mut last = 0..0;
    for (i, (event, range)) in events.into_iter().enumerate() {
        if i < skip_until {
            continue;
        }
        last = range.clone();
        if let Some((end, markup)) = replaced.remove(&i) {
            out.push((html(markup), range));
            skip_until = end + 1;
            continue;
        }
        out.push((event, range));
    }
    out.push((html(data_script(data, &see, words)), last.end..last.end));
    out
}

fn unique(taken: &mut HashSet<String>, id: String) -> String {
    let mut candidate = id.clone();
    let mut n = 1;
    while taken.contains(&candidate) {
        n += 1;
        candidate = format!("{id}-{n}");
    }
    taken.insert(candidate.clone());
    candidate
}

fn html<'a>(text: String) -> Event<'a> {
    Event::Html(CowStr::from(text))
}

/// The words of a rule's check, for the list of rules.
fn check_html(rule: &Rule, words: &BTreeMap<String, String>) -> String {
    let limit = rule.limit.unwrap_or(0).to_string();
    let phrases = || {
        rule.phrases
            .iter()
            .map(|p| {
                format!(
                    "<span class=\"email-phrase\">{}</span>",
                    crate::escape::escape(p)
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    match rule.check.as_str() {
        "max-words" => {
            crate::escape::escape(&word(words, "email_check_max_words").replace("{limit}", &limit))
        }
        "max-sentence-words" => crate::escape::escape(
            &word(words, "email_check_max_sentence_words").replace("{limit}", &limit),
        ),
        "contains-phrase" => format!(
            "{} {}",
            crate::escape::escape(word(words, "email_check_contains_phrase")),
            phrases()
        ),
        "flagged-phrases" => format!(
            "{} {}",
            crate::escape::escape(word(words, "email_check_flagged_phrases")),
            phrases()
        ),
        "risk-phrases" => format!(
            "{} {}",
            crate::escape::escape(word(words, "email_check_risk_phrases")),
            phrases()
        ),
        "asks-question" => crate::escape::escape(word(words, "email_check_asks_question")),
        _ => String::new(),
    }
}

fn severity_html(severity: &str, words: &BTreeMap<String, String>) -> String {
    format!(
        "<span class=\"email-severity email-severity-{severity}\">{}</span>",
        crate::escape::escape(word(words, &format!("email_severity_{severity}")))
    )
}

fn rules_html(rules: &[Rule], see: &[Option<String>], words: &BTreeMap<String, String>) -> String {
    let mut out = String::from("<ol class=\"email-rules\">\n");
    for (rule, see) in rules.iter().zip(see) {
        out.push_str(&format!(
            "<li class=\"email-rule email-rule-{check}\" id=\"rule-{id}\">\n<p class=\"email-rule-head\">{severity}",
            id = rule.id,
            check = rule.check,
            severity = severity_html(&rule.severity, words)
        ));
        if let Some(evidence) = &rule.evidence {
            out.push_str(&format!(
                " <span class=\"email-evidence\">{}</span>",
                crate::escape::escape(&value_word(words, "email_evidence_", evidence))
            ));
        }
        out.push_str(&format!(
            "</p>\n<p class=\"email-rule-name\">{}</p>\n<p class=\"email-rule-message\">{}</p>\n<p class=\"email-rule-check\">{}</p>\n",
            crate::escape::escape(rule.shown_name()),
            crate::escape::escape(&rule.message),
            check_html(rule, words),
        ));
        if let Some(basis) = &rule.basis {
            out.push_str(&format!(
                "<p class=\"email-rule-basis\">{}</p>\n",
                crate::escape::escape(&value_word(words, "email_basis_", basis))
            ));
        }
        out.push_str(&format!(
            "<p class=\"email-rule-source\">{}: {}</p>\n",
            crate::escape::escape(word(words, "email_source")),
            crate::escape::escape(&rule.source)
        ));
        if let Some(see) = see {
            out.push_str(&format!(
                "<p class=\"email-rule-see\">{} {see}</p>\n",
                crate::escape::escape(word(words, "email_see"))
            ));
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n");
    out
}

fn example_html(
    good: bool,
    text: &str,
    rules: &[Rule],
    words: &BTreeMap<String, String>,
) -> String {
    let (class, mark, label) = if good {
        ("email-do", "✓", "email_do")
    } else {
        ("email-dont", "✗", "email_dont")
    };
    let mut out = format!(
        "<figure class=\"email-example {class}\">\n<figcaption class=\"email-label\"><span class=\"email-mark\" aria-hidden=\"true\">{mark}</span> {}</figcaption>\n<pre class=\"email-text\">{}</pre>\n",
        crate::escape::escape(word(words, label)),
        crate::escape::escape(text.trim_end())
    );
    if !good {
        let ids: Vec<String> = broken(rules, text, false)
            .iter()
            .map(|(r, _)| {
                format!(
                    "<a href=\"#rule-{}\">{}</a>",
                    r.id,
                    crate::escape::escape(r.shown_name())
                )
            })
            .collect();
        if !ids.is_empty() {
            out.push_str(&format!(
                "<p class=\"email-breaks\">{} {}</p>\n",
                crate::escape::escape(word(words, "email_breaks")),
                ids.join(", ")
            ));
        }
    }
    out.push_str("</figure>\n");
    out
}

fn template_html(text: &str, id: &str, words: &BTreeMap<String, String>) -> String {
    format!(
        "<figure class=\"email-template\">\n<figcaption class=\"email-label\">{label}</figcaption>\n<pre class=\"email-text\" id=\"{id}\">{text}</pre>\n<p class=\"email-copy-row\"><button type=\"button\" class=\"email-copy\" data-copy=\"{id}\" hidden>{copy}</button> <span class=\"email-copy-status\" role=\"status\"></span></p>\n</figure>\n",
        label = crate::escape::escape(word(words, "email_template")),
        text = crate::escape::escape(text.trim_end()),
        copy = crate::escape::escape(word(words, "email_copy")),
    )
}

/// The rules (each `see` as HTML, without its place in the source), the script's words
/// (`email_js_*`) and the fold's letters as JSON that cannot end the script early.
fn data_script(
    data: &GuideData,
    see: &[Option<String>],
    words: &BTreeMap<String, String>,
) -> String {
    let script_words: BTreeMap<&str, &str> = words
        .iter()
        .filter_map(|(k, v)| k.strip_prefix("email_js_").map(|k| (k, v.as_str())))
        .collect();
    let rules: Vec<serde_json::Value> = data
        .rules
        .iter()
        .zip(see)
        .map(|(rule, see)| {
            let mut value = serde_json::to_value(rule).unwrap_or_default();
            if let Some(object) = value.as_object_mut() {
                object.remove("see_at");
                object.remove("see");
                if let Some(see) = see {
                    object.insert("see_html".into(), see.clone().into());
                }
            }
            value
        })
        .collect();
    let json = serde_json::json!({
        "rules": rules,
        "words": script_words,
        "fold": crate::text::letters_json(),
    });
    format!(
        "<script type=\"application/json\" id=\"email-guide-data\">{}</script>\n",
        crate::escape::script_json(&json)
    )
}

/// The theme word for a value of the rules data: `prefix` and the value with `_` for `-`
/// (`email_evidence_mixed_evidence`).
fn value_word(words: &BTreeMap<String, String>, prefix: &str, value: &str) -> String {
    word(words, &format!("{prefix}{}", value.replace('-', "_"))).to_string()
}
