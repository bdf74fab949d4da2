//! Stage timings for `verify`: with `CROSSCHECK_TIMINGS=1` in the environment each stage of a
//! run prints its wall time to stderr (`timing: extract 1.234 s`), so a slow run can say where
//! its time goes without a profiler. Off by default; never touches stdout or any output file.

use std::time::Instant;

/// A stopwatch that reports each stage when timings are wanted and is silent otherwise.
pub struct Stages {
    on: bool,
    start: Instant,
    last: Instant,
}

impl Stages {
    /// Reads `CROSSCHECK_TIMINGS` (any value but empty or `0` turns it on).
    pub fn from_env() -> Self {
        let on = std::env::var("CROSSCHECK_TIMINGS").is_ok_and(|v| !v.is_empty() && v != "0");
        let now = Instant::now();
        Stages {
            on,
            start: now,
            last: now,
        }
    }

    pub fn enabled(&self) -> bool {
        self.on
    }

    /// Ends the current stage, named `name`, and starts the next one.
    pub fn stage(&mut self, name: &str) {
        let now = Instant::now();
        if self.on {
            eprintln!("timing: {name:<28} {:8.3} s", (now - self.last).as_secs_f64());
        }
        self.last = now;
    }

    /// A free-form note (counts, sizes) printed only when timings are on.
    pub fn note(&self, what: std::fmt::Arguments<'_>) {
        if self.on {
            eprintln!("timing: {what}");
        }
    }

    /// Prints the total since the stopwatch was made.
    pub fn total(&self) {
        if self.on {
            eprintln!("timing: {:<28} {:8.3} s", "total", self.start.elapsed().as_secs_f64());
        }
    }
}
