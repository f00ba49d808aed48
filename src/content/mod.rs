//! The content model: the pages and sections under `content/`, read from disk.

pub mod front_matter;
pub mod paths;
pub mod walk;
pub mod yaml;
