//! Stage timings for profiling: with `TOOLKIT_TIMINGS=1` in the environment, each stage of a
//! build prints how long it took to stderr. Off (and free) otherwise.

use std::sync::OnceLock;
use std::time::Instant;

fn enabled() -> bool {
    static ENABLED: OnceLock<bool> = OnceLock::new();
    *ENABLED.get_or_init(|| std::env::var_os("TOOLKIT_TIMINGS").is_some_and(|v| v != "0"))
}

/// Measures consecutive stages: `lap` prints the time since the previous lap.
pub struct Stages {
    last: Option<Instant>,
}

impl Stages {
    pub fn start() -> Stages {
        Stages {
            last: enabled().then(Instant::now),
        }
    }

    pub fn lap(&mut self, stage: &str) {
        if let Some(last) = self.last {
            let now = Instant::now();
            eprintln!(
                "timing: {stage:<28} {:>8.1} ms",
                (now - last).as_secs_f64() * 1000.0
            );
            self.last = Some(now);
        }
    }
}

/// Prints a remark about the build (why serve rebuilt everything) when timings are on.
pub fn note(text: &str) {
    if enabled() {
        eprintln!("timing: {text}");
    }
}
