//! The commands. Each is thin: it calls the library and reports to the terminal.

pub mod build;
pub mod import;
pub mod init;
pub mod plan;
pub mod serve;
pub mod survey;

use crate::diagnostics::Diagnostics;

/// How a command ended, as the process exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything worked.
    Success = 0,
    /// The site has problems; they were listed and nothing was written.
    SiteProblems = 1,
    /// The command line asks for something that cannot be done (found after clap's checks).
    BadCommandLine = 2,
    /// The output folder could not be written or was refused; nothing was lost.
    OutputRefused = 3,
    /// `serve` could not listen on the address asked for.
    CannotListen = 4,
}

/// Prints every diagnostic to standard error, in colour on a terminal (never with NO_COLOR).
pub fn report(diagnostics: &Diagnostics) {
    for d in diagnostics.iter() {
        anstream::eprintln!("{}", d.render(true));
    }
}

/// "1 error", "3 warnings".
pub fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}
