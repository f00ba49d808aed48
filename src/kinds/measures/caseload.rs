//! The caseload calculator: the TOML of a ```` ```toml caseload ```` block (the programme's
//! shape as default figures, each with its source or marked as the toolkit's own judgement) and
//! the arithmetic that turns it into hours a week, per therapist, in FTE and patients per
//! therapist. `measures.js` does the same arithmetic; both are tested against
//! `tests/data/caseload-vectors.json`.

use serde::{Deserialize, Serialize};

use super::indicators::number;
use crate::kinds::kit::Problem;
use crate::kinds::kit::toml_spans::{self, Keys};

/// The figures the calculator takes, in the order it shows them.
pub const INPUTS: &[&str] = &[
    "patients",
    "therapists",
    "weeks",
    "modules",
    "messages_per_module",
    "minutes_per_message",
    "contacts",
    "minutes_per_contact",
    "supervision_minutes",
    "reserved_hours",
    "hours_per_fte",
];

/// What it works out, in the order it shows them.
pub const OUTPUTS: &[&str] = &[
    "minutes_per_patient",
    "minutes_per_patient_week",
    "team_hours",
    "hours_per_therapist",
    "fte",
    "patients_per_therapist",
];

/// One default figure and where it comes from (`None`: the toolkit's own judgement).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Default {
    pub key: String,
    pub value: f64,
    pub source: Option<String>,
}

/// The calculator's default figures, in [`INPUTS`] order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Caseload {
    pub defaults: Vec<Default>,
}

/// Reads the block's text: every input as `key = { value = …, source = "…" }`, the source left
/// out for a figure that is the toolkit's own judgement.
pub fn read(text: &str) -> Result<Caseload, Vec<Problem>> {
    let doc = toml_spans::parse(
        text,
        "the caseload block's TOML is not valid",
        "write one line per figure: `modules = { value = 6, source = \"…\" }`",
    )
    .map_err(|p| vec![p])?;
    let mut problems = Vec::new();
    let top = doc.table();
    top.check_keys(
        &Keys {
            known: INPUTS,
            required: INPUTS,
            place: "the caseload block",
            thing: "caseload block",
        },
        |k| format!("add `{k} = {{ value = … }}`"),
        &mut problems,
    );
    let mut defaults = Vec::new();
    for key in INPUTS {
        let Some(v) = top.get(key) else { continue };
        let Some(table) = v.table(&mut problems) else {
            continue;
        };
        let place = format!("`{key}`");
        table.check_keys(
            &Keys {
                known: &["value", "source"],
                required: &["value"],
                place: &place,
                thing: "figure",
            },
            |k| format!("add `{k} = …`"),
            &mut problems,
        );
        let value = table.get("value").and_then(|v| number(&v, &mut problems));
        let source = table
            .get("source")
            .and_then(|v| v.text(&mut problems).map(str::to_string));
        if let Some(value) = value {
            if matches!(*key, "therapists" | "weeks" | "hours_per_fte") && value == 0.0 {
                problems.push(Problem::new(
                    table.get("value").map_or(v.at, |v| v.at),
                    format!("`{key}` cannot be 0: the calculator divides by it"),
                    "write a number above 0",
                ));
                continue;
            }
            defaults.push(Default {
                key: key.to_string(),
                value,
                source,
            });
        }
    }
    if problems.is_empty() {
        Ok(Caseload { defaults })
    } else {
        problems.sort_by_key(|p| p.offset);
        Err(problems)
    }
}

/// What the calculator works out from its inputs.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Results {
    /// Guiding one patient through the whole treatment, in minutes.
    pub minutes_per_patient: f64,
    /// The same, spread over the weeks of treatment.
    pub minutes_per_patient_week: f64,
    /// Guidance for all patients plus every therapist's supervision, in hours a week.
    pub team_hours: f64,
    pub hours_per_therapist: f64,
    pub fte: f64,
    /// How many patients one therapist can guide in the reserved hours, after supervision.
    pub patients_per_therapist: f64,
}

/// The inputs by name, for [`compute`].
pub fn input(values: &[(String, f64)], key: &str) -> f64 {
    values
        .iter()
        .find(|(k, _)| k == key)
        .map_or(0.0, |(_, v)| *v)
}

/// The arithmetic. A division by zero gives 0 (the form refuses a zero there).
pub fn compute(values: &[(String, f64)]) -> Results {
    let v = |key: &str| input(values, key);
    let divide = |a: f64, b: f64| if b > 0.0 { a / b } else { 0.0 };
    let minutes_per_patient = v("modules") * v("messages_per_module") * v("minutes_per_message")
        + v("contacts") * v("minutes_per_contact");
    let minutes_per_patient_week = divide(minutes_per_patient, v("weeks"));
    let team_hours = (v("patients") * minutes_per_patient_week
        + v("therapists") * v("supervision_minutes"))
        / 60.0;
    let free = v("reserved_hours") * 60.0 - v("supervision_minutes");
    Results {
        minutes_per_patient,
        minutes_per_patient_week,
        team_hours,
        hours_per_therapist: divide(team_hours, v("therapists")),
        fte: divide(team_hours, v("hours_per_fte")),
        patients_per_therapist: divide(free.max(0.0), minutes_per_patient_week).floor(),
    }
}

impl Results {
    /// The result called `key` (one of [`OUTPUTS`]).
    pub fn get(&self, key: &str) -> f64 {
        match key {
            "minutes_per_patient" => self.minutes_per_patient,
            "minutes_per_patient_week" => self.minutes_per_patient_week,
            "team_hours" => self.team_hours,
            "hours_per_therapist" => self.hours_per_therapist,
            "fte" => self.fte,
            _ => self.patients_per_therapist,
        }
    }
}

impl Caseload {
    pub fn values(&self) -> Vec<(String, f64)> {
        self.defaults
            .iter()
            .map(|d| (d.key.clone(), d.value))
            .collect()
    }
}

/// A result as the page shows it: two decimals for FTE, one for the rest.
pub fn shown(key: &str, v: f64) -> String {
    if key == "fte" {
        format!("{:.2}", (v * 100.0).round() / 100.0)
    } else {
        super::indicators::fmt_number(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_defaults_and_refuses_a_zero_divisor() {
        let mut text: String = INPUTS
            .iter()
            .map(|k| format!("{k} = {{ value = 2 }}\n"))
            .collect();
        let read = read(&text).unwrap();
        assert_eq!(read.defaults.len(), INPUTS.len());
        text = text.replace("weeks = { value = 2 }", "weeks = { value = 0 }");
        let problems = super::read(&text).unwrap_err();
        assert_eq!(
            problems[0].message,
            "`weeks` cannot be 0: the calculator divides by it"
        );
    }
}
