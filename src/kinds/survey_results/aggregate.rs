//! The aggregation of a survey's answer sets, as the results page and `toolkit survey` show it:
//! per statement the answers per point, the median and the spread; per construct and per domain
//! a barrier score; the ranked barriers with a flag where the team disagrees; a role breakdown
//! only for groups of at least [`MIN_GROUP`]; the change per construct between the waves.
//! `themes/default/static/survey-aggregate.js` does the same in the browser; both are tested on
//! `tests/data/survey-aggregate-vectors.json`.
//!
//! The barrier score of an answer is how far it points to a barrier: for a `barrier` statement
//! the point minus 1, for a `facilitator` statement the highest point minus the point, over the
//! highest point minus 1. A group's score is the mean of its answers' scores times 100, rounded
//! half up to a whole number: 0 = everyone sees no barrier at all, 100 = everyone strongly agrees
//! a barrier exists. Integer arithmetic only, so Rust and JavaScript give the same numbers.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Role groups smaller than this are not broken down (so no one's answers can be picked out).
pub const MIN_GROUP: usize = 3;
/// A statement whose interquartile range is at least this many points shows wide spread.
pub const WIDE_SPREAD: f64 = 2.0;
/// Constructs with at least this score are barriers in the ranked list.
pub const BARRIER_FROM: u32 = 50;

/// The survey, as much of it as the aggregation needs (the survey block's data, contract shape).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyShape {
    pub id: String,
    pub version: u32,
    pub points: u8,
    #[serde(default)]
    pub roles: Vec<RoleShape>,
    pub statements: Vec<StatementShape>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleShape {
    pub id: String,
    #[serde(default)]
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementShape {
    pub id: String,
    pub construct: String,
    pub direction: Direction,
}

/// Whether agreeing with a statement means a barrier or a facilitator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Barrier,
    Facilitator,
}

/// One respondent's answers, as much as the aggregation needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerSet {
    pub wave: String,
    pub role: Option<String>,
    pub answers: BTreeMap<String, Option<u8>>,
}

/// The two waves, in their order.
pub const WAVES: [&str; 2] = ["baseline", "follow-up"];

/// Everything the page and the command show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Results {
    /// Answer sets per wave, in [`WAVES`] order.
    pub respondents: BTreeMap<String, usize>,
    /// The wave the ranked list is of: the follow-up when it has answers, else the baseline.
    pub current: String,
    pub waves: BTreeMap<String, WaveResults>,
    /// The constructs of the current wave with a score of at least [`BARRIER_FROM`], highest
    /// first (ties in survey order).
    pub ranked: Vec<Ranked>,
    /// Per construct, when both waves have answers: the score of each and the change.
    pub change: Vec<Change>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WaveResults {
    pub n: usize,
    pub roles: Vec<RoleCount>,
    pub statements: Vec<StatementResults>,
    pub constructs: Vec<ConstructResults>,
    pub domains: Vec<DomainResults>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleCount {
    /// The role's id, `null` for respondents who gave none.
    pub role: Option<String>,
    pub n: usize,
    /// Whether the group is large enough to be broken down.
    pub shown: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatementResults {
    pub id: String,
    pub construct: String,
    pub direction: Direction,
    /// Answers given.
    pub n: usize,
    /// Answers per point, from 1 to the highest.
    pub counts: Vec<usize>,
    pub median: Option<f64>,
    pub q1: Option<f64>,
    pub q3: Option<f64>,
    pub iqr: Option<f64>,
    pub wide: bool,
    pub score: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConstructResults {
    pub id: String,
    pub domain: Option<String>,
    pub n: usize,
    pub score: Option<u32>,
    /// One of its statements shows wide spread.
    pub wide: bool,
    /// Scores of the role groups of at least [`MIN_GROUP`].
    pub roles: Vec<RoleScore>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleScore {
    pub role: String,
    pub score: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DomainResults {
    pub id: String,
    pub n: usize,
    pub score: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ranked {
    pub construct: String,
    pub score: u32,
    pub wide: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub construct: String,
    pub baseline: Option<u32>,
    #[serde(rename = "follow-up")]
    pub follow_up: Option<u32>,
    pub change: Option<i64>,
}

/// The score of a sum of answer scores (each 0 to `points - 1`) over `n` answers: 0–100, half up.
fn score(sum: u64, n: u64, points: u8) -> Option<u32> {
    if n == 0 || points < 2 {
        return None;
    }
    let num = 100 * sum;
    let den = u64::from(points - 1) * n;
    Some(((2 * num + den) / (2 * den)) as u32)
}

/// An answer's barrier score, from 0 to `points - 1`.
fn oriented(point: u8, direction: Direction, points: u8) -> u64 {
    match direction {
        Direction::Barrier => u64::from(point.saturating_sub(1)),
        Direction::Facilitator => u64::from(points.saturating_sub(point)),
    }
}

/// The median of sorted values: the middle one, or the mean of the middle two.
fn median(sorted: &[u8]) -> Option<f64> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    Some(if n % 2 == 1 {
        f64::from(sorted[n / 2])
    } else {
        (f64::from(sorted[n / 2 - 1]) + f64::from(sorted[n / 2])) / 2.0
    })
}

/// The quartiles as the medians of the lower and the upper half (the middle value of an odd
/// number left out of both; a single value is its own quartiles).
fn quartiles(sorted: &[u8]) -> Option<(f64, f64)> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    if n == 1 {
        let v = f64::from(sorted[0]);
        return Some((v, v));
    }
    let half = n / 2;
    Some((median(&sorted[..half])?, median(&sorted[n - half..])?))
}

/// Sums of answer scores and their number.
#[derive(Default, Clone, Copy)]
struct Sum {
    sum: u64,
    n: u64,
}

impl Sum {
    fn add(&mut self, value: u64) {
        self.sum += value;
        self.n += 1;
    }
}

/// Aggregates the answer sets of one wave.
fn wave(
    survey: &SurveyShape,
    domains: &BTreeMap<String, String>,
    sets: &[&AnswerSet],
) -> WaveResults {
    let points = survey.points;
    let valid = |p: &Option<u8>| p.filter(|p| (1..=points).contains(p));

    // Roles: the survey's in its order, then unknown ones by name, then none.
    let mut roles: Vec<RoleCount> = survey
        .roles
        .iter()
        .map(|r| RoleCount {
            role: Some(r.id.clone()),
            n: 0,
            shown: false,
        })
        .collect();
    for set in sets {
        match roles.iter_mut().find(|r| r.role == set.role) {
            Some(r) => r.n += 1,
            None => roles.push(RoleCount {
                role: set.role.clone(),
                n: 1,
                shown: false,
            }),
        }
    }
    for r in &mut roles {
        r.shown = r.role.is_some() && r.n >= MIN_GROUP;
    }
    roles.retain(|r| r.n > 0);
    let shown_roles: Vec<&str> = roles
        .iter()
        .filter(|r| r.shown)
        .filter_map(|r| r.role.as_deref())
        .collect();

    let mut statements = Vec::new();
    for s in &survey.statements {
        let mut given: Vec<u8> = sets
            .iter()
            .filter_map(|set| set.answers.get(&s.id).and_then(valid))
            .collect();
        given.sort_unstable();
        let mut counts = vec![0; usize::from(points)];
        for &p in &given {
            counts[usize::from(p - 1)] += 1;
        }
        let sum: u64 = given
            .iter()
            .map(|&p| oriented(p, s.direction, points))
            .sum();
        let q = quartiles(&given);
        let iqr = q.map(|(q1, q3)| q3 - q1);
        statements.push(StatementResults {
            id: s.id.clone(),
            construct: s.construct.clone(),
            direction: s.direction,
            n: given.len(),
            counts,
            median: median(&given),
            q1: q.map(|q| q.0),
            q3: q.map(|q| q.1),
            iqr,
            wide: iqr.is_some_and(|iqr| iqr >= WIDE_SPREAD),
            score: score(sum, given.len() as u64, points),
        });
    }

    // Constructs in the order of their first statement.
    let mut order: Vec<&str> = Vec::new();
    for s in &survey.statements {
        if !order.contains(&s.construct.as_str()) {
            order.push(&s.construct);
        }
    }
    let constructs: Vec<ConstructResults> = order
        .iter()
        .map(|&c| {
            let of = |set: &AnswerSet| {
                let mut sum = Sum::default();
                for s in survey.statements.iter().filter(|s| s.construct == c) {
                    if let Some(p) = set.answers.get(&s.id).and_then(valid) {
                        sum.add(oriented(p, s.direction, points));
                    }
                }
                sum
            };
            let mut all = Sum::default();
            for set in sets {
                let one = of(set);
                all.sum += one.sum;
                all.n += one.n;
            }
            let by_role = shown_roles
                .iter()
                .map(|&role| {
                    let mut sum = Sum::default();
                    for set in sets.iter().filter(|s| s.role.as_deref() == Some(role)) {
                        let one = of(set);
                        sum.sum += one.sum;
                        sum.n += one.n;
                    }
                    RoleScore {
                        role: role.to_string(),
                        score: score(sum.sum, sum.n, points),
                    }
                })
                .collect();
            ConstructResults {
                id: c.to_string(),
                domain: domains.get(c).cloned(),
                n: all.n as usize,
                score: score(all.sum, all.n, points),
                wide: statements.iter().any(|s| s.construct == c && s.wide),
                roles: by_role,
            }
        })
        .collect();

    // Domains in the order of their first construct.
    let mut domain_order: Vec<&str> = Vec::new();
    for c in &constructs {
        if let Some(d) = c.domain.as_deref()
            && !domain_order.contains(&d)
        {
            domain_order.push(d);
        }
    }
    let domain_results = domain_order
        .iter()
        .map(|&d| {
            let mut sum = Sum::default();
            for s in &survey.statements {
                if domains.get(&s.construct).map(String::as_str) != Some(d) {
                    continue;
                }
                for set in sets {
                    if let Some(p) = set.answers.get(&s.id).and_then(valid) {
                        sum.add(oriented(p, s.direction, points));
                    }
                }
            }
            DomainResults {
                id: d.to_string(),
                n: sum.n as usize,
                score: score(sum.sum, sum.n, points),
            }
        })
        .collect();

    WaveResults {
        n: sets.len(),
        roles,
        statements,
        constructs,
        domains: domain_results,
    }
}

/// Aggregates answer sets (already checked against the survey, without duplicates); `domains`
/// maps a construct id to its domain.
pub fn aggregate(
    survey: &SurveyShape,
    domains: &BTreeMap<String, String>,
    sets: &[AnswerSet],
) -> Results {
    let mut respondents = BTreeMap::new();
    let mut waves = BTreeMap::new();
    for name in WAVES {
        let of: Vec<&AnswerSet> = sets.iter().filter(|s| s.wave == name).collect();
        respondents.insert(name.to_string(), of.len());
        if !of.is_empty() {
            waves.insert(name.to_string(), wave(survey, domains, &of));
        }
    }
    let current = if waves.contains_key("follow-up") {
        "follow-up"
    } else {
        "baseline"
    };
    let mut ranked: Vec<Ranked> = waves
        .get(current)
        .map(|w| {
            w.constructs
                .iter()
                .filter_map(|c| {
                    let score = c.score.filter(|s| *s >= BARRIER_FROM)?;
                    Some(Ranked {
                        construct: c.id.clone(),
                        score,
                        wide: c.wide,
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    // Stable: equal scores keep the survey's order.
    ranked.sort_by_key(|r| std::cmp::Reverse(r.score));
    let change = match (waves.get("baseline"), waves.get("follow-up")) {
        (Some(before), Some(after)) => before
            .constructs
            .iter()
            .map(|c| {
                let later = after
                    .constructs
                    .iter()
                    .find(|a| a.id == c.id)
                    .and_then(|a| a.score);
                Change {
                    construct: c.id.clone(),
                    baseline: c.score,
                    follow_up: later,
                    change: match (c.score, later) {
                        (Some(b), Some(a)) => Some(i64::from(a) - i64::from(b)),
                        _ => None,
                    },
                }
            })
            .collect(),
        _ => Vec::new(),
    };
    Results {
        respondents,
        current: current.to_string(),
        waves,
        ranked,
        change,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quartiles_are_the_medians_of_the_halves() {
        assert_eq!(quartiles(&[1, 2, 3, 4, 5]), Some((1.5, 4.5)));
        assert_eq!(quartiles(&[1, 2, 3, 4]), Some((1.5, 3.5)));
        assert_eq!(quartiles(&[4]), Some((4.0, 4.0)));
        assert_eq!(quartiles(&[2, 5]), Some((2.0, 5.0)));
        assert_eq!(quartiles(&[]), None);
    }

    #[test]
    fn scores_round_half_up() {
        // 1 of 8 on a 5-point scale (4 * 2 = 8): 12.5 → 13.
        assert_eq!(score(1, 2, 5), Some(13));
        assert_eq!(score(0, 3, 5), Some(0));
        assert_eq!(score(12, 3, 5), Some(100));
        assert_eq!(score(0, 0, 5), None);
    }
}
