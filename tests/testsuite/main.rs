//! The integration tests: the real `toolkit` binary on fixture sites under `tests/fixtures/`.

mod browser;
mod bundled;
mod checklists;
mod cli;
mod crawl;
mod email_guide;
mod errors;
mod harness;
mod hosting;
mod markdown;
mod messages;
mod output_safety;
mod pdf_cache;
mod planner;
mod print;
mod properties;
mod quality;
mod search;
mod serve;
mod serve_robustness;
mod stakeholders;
mod structure;
