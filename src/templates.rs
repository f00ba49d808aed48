//! Tera templates, looked up in the site's `templates/`, then `themes/<theme>/templates/`, then
//! the built-in default theme. Every template is compiled once per build.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use tera::{Context, Tera};
use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::fsutil::read_text;

/// The compiled templates and where each came from.
pub struct Templates {
    tera: Tera,
    /// Template name → the file it came from, as shown to the user.
    origins: HashMap<String, PathBuf>,
}

impl Templates {
    /// Loads the templates. `layers` are `(folder, folder as shown)`, weakest first.
    pub fn load(layers: &[(PathBuf, PathBuf)], diagnostics: &mut Diagnostics) -> Option<Templates> {
        let mut sources: HashMap<String, (String, PathBuf)> = HashMap::new();
        for (name, bytes) in crate::theme::builtin_files("templates") {
            let text = String::from_utf8_lossy(bytes).into_owned();
            let shown = PathBuf::from(format!("(built-in theme)/templates/{name}"));
            sources.insert(name, (text, shown));
        }
        for (dir, shown_dir) in layers {
            if !dir.is_dir() {
                continue;
            }
            for entry in WalkDir::new(dir)
                .sort_by_file_name()
                .into_iter()
                .filter_map(Result::ok)
            {
                if !entry.file_type().is_file() || crate::fsutil::is_ignored_name(entry.file_name())
                {
                    continue;
                }
                let relative = entry.path().strip_prefix(dir).unwrap_or(entry.path());
                let name = relative.to_string_lossy().replace('\\', "/");
                let shown = shown_dir.join(relative);
                match read_text(entry.path(), &shown) {
                    Ok(text) => {
                        sources.insert(name, (text, shown));
                    }
                    Err(d) => diagnostics.push(d),
                }
            }
        }
        let origins: HashMap<String, PathBuf> = sources
            .iter()
            .map(|(n, (_, p))| (n.clone(), p.clone()))
            .collect();
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml", ".svg"]);
        let mut names: Vec<&String> = sources.keys().collect();
        names.sort();
        let result =
            tera.add_raw_templates(names.iter().map(|n| (n.as_str(), sources[*n].0.as_str())));
        match result {
            Ok(()) => Some(Templates { tera, origins }),
            Err(e) => {
                let mut d = template_error(&e, &origins);
                // A circle is reported at the tag that closes it.
                if let Some((name, tag, target)) = circle_link(&e)
                    && let Some((text, shown)) = sources.get(name)
                    && let Some(position) = find_tag(text, tag, target)
                {
                    d = d.at(shown.clone(), position);
                }
                diagnostics.push(d);
                None
            }
        }
    }

    pub fn has(&self, name: &str) -> bool {
        self.origins.contains_key(name)
    }

    /// Renders `name`; a failure names the template file and line.
    pub fn render(&self, name: &str, context: &Context) -> Result<String, Diagnostic> {
        self.tera
            .render(name, context)
            .map_err(|e| template_error(&e, &self.origins))
    }

    /// The file a template came from, for messages.
    pub fn origin(&self, name: &str) -> Option<&Path> {
        self.origins.get(name).map(PathBuf::as_path)
    }
}

/// Turns a Tera error into a diagnostic that names the template file, line and column.
pub fn template_error(error: &tera::Error, origins: &HashMap<String, PathBuf>) -> Diagnostic {
    use tera::ErrorKind;
    let shown = |name: &str| {
        origins
            .get(name)
            .cloned()
            .unwrap_or_else(|| PathBuf::from(name))
    };
    match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let span = report.span();
            let kind = if matches!(error.kind(), ErrorKind::SyntaxError(_)) {
                "template syntax error"
            } else {
                "template error"
            };
            Diagnostic::error(format!("{kind}: {}", report.message()))
                .at(
                    shown(report.filename()),
                    Position {
                        line: span.start_line.max(1),
                        column: span.start_col + 1,
                    },
                )
                .with_hint("see the template language at https://keats.github.io/tera/docs/")
        }
        ErrorKind::MissingParent { current, parent } => Diagnostic::error(format!("extends `{parent}`, which does not exist"))
            .in_file(shown(current))
            .with_hint("templates are looked up in templates/, themes/<theme>/templates/ and the built-in theme"),
        ErrorKind::TemplateNotFound(name) => Diagnostic::error(format!("template `{name}` does not exist"))
            .with_hint("templates are looked up in templates/, themes/<theme>/templates/ and the built-in theme"),
        ErrorKind::CircularExtend { tpl, inheritance_chain } => {
            Diagnostic::error(format!("templates extend each other in a circle: {tpl} → {}", inheritance_chain.join(" → ")))
                .in_file(shown(tpl))
                .with_hint("a template may extend another only if that one does not lead back to it; make one of them extend a base template such as base.html")
        }
        ErrorKind::CircularInclude { tpl, include_chain } => {
            Diagnostic::error(format!("templates include each other in a circle: {}", include_chain.join(" → ")))
                .in_file(shown(tpl))
                .with_hint("an {% include %} must not lead back to the template it is in; remove one of the includes")
        }
        _ => {
            let mut message = error.to_string();
            let mut source = std::error::Error::source(error);
            while let Some(cause) = source {
                message.push_str(": ");
                message.push_str(&cause.to_string());
                source = cause.source();
            }
            Diagnostic::error(format!("template error: {message}"))
                .with_hint("see the template language at https://keats.github.io/tera/docs/")
        }
    }
}

/// For an error about templates in a circle: the template whose tag closes the circle, that tag
/// (`extends` or `include`) and the template it names.
fn circle_link(error: &tera::Error) -> Option<(&str, &'static str, &str)> {
    use tera::ErrorKind;
    let (tpl, tag, chain) = match error.kind() {
        ErrorKind::CircularExtend {
            tpl,
            inheritance_chain,
        } => (tpl, "extends", inheritance_chain),
        ErrorKind::CircularInclude { tpl, include_chain } => (tpl, "include", include_chain),
        _ => return None,
    };
    // The chain ends with the template the circle returns to; the one before it (or the
    // template itself) names it.
    let target = chain.last()?;
    let from = match chain.len() {
        0 | 1 => tpl,
        n => &chain[n - 2],
    };
    Some((from.as_str(), tag, target.as_str()))
}

/// Where `{% tag "target" %}` is in a template's text.
fn find_tag(text: &str, tag: &str, target: &str) -> Option<Position> {
    for quote in ['"', '\''] {
        let quoted = format!("{quote}{target}{quote}");
        for (at, _) in text.match_indices(&quoted) {
            let Some(open) = text[..at].rfind("{%") else {
                continue;
            };
            let between = &text[open + 2..at];
            if between.trim_start_matches('-').trim() == tag {
                return Some(crate::diagnostics::position_in(text, open));
            }
        }
    }
    None
}
