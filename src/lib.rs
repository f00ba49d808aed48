//! toolkit: a static-site generator for practical implementation toolkits.
//!
//! The pipeline, one module per stage: `config` reads site.toml; `content` reads pages and their
//! front matter; `kinds` gives each kind of page its behaviour; `markdown` renders bodies;
//! `templates` and `theme` lay pages out; `site` ties the stages together and renders into
//! memory; `output` writes the result without losing anything; `serve` is the development
//! server. `cmd` holds the commands.

pub mod cmd;
pub mod config;
pub mod constructs;
pub mod content;
pub mod csp;
pub mod diagnostics;
pub mod escape;
pub mod fsutil;
pub mod i18n;
pub mod import;
pub mod kinds;
pub mod markdown;
pub mod office;
pub mod offline;
pub mod output;
pub mod pdf;
pub mod serve;
pub mod site;
pub mod slug;
pub mod source_date;
pub mod spreadsheet;
pub mod templates;
pub mod text;
pub mod theme;
pub mod timings;
pub mod toml_errors;
