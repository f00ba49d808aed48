//! The results of a survey: a page of `kind = "survey-results"` that names its survey. The lead
//! adds the team's answer sets in the browser (`survey-results.js`), which aggregates them as
//! [`aggregate`] does and `toolkit survey` prints.

pub mod aggregate;
