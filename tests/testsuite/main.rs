//! The integration tests: the real `toolkit` binary on fixture sites under `tests/fixtures/`.
//! They need only Rust; the tests that need Chromium, Node.js, Java or poppler are in
//! tests/browser/ (`cargo test --test browser`, run by scripts/test.sh).

mod action_plan;
mod aliases;
mod bundled;
mod checklists;
mod cli;
mod content_sources;
mod crawl;
mod csv_vectors;
mod docs;
mod email_guide;
mod errors;
mod harness;
mod hosting;
mod import;
mod incremental_output;
mod links;
mod markdown;
mod measures;
mod measures_vectors;
mod messages;
mod new_kind;
mod office;
mod output_safety;
mod pdf_cache;
mod planner;
mod planner_vectors;
mod privacy_offline;
mod properties;
mod quality;
mod search;
mod serve;
mod serve_robustness;
mod serve_server;
mod stakeholders;
mod strategies;
mod structure;
mod survey;
mod survey_aggregate_vectors;
mod survey_results;
mod survey_vectors;
mod templates;
