//! Stage timings for `verify`: with `CROSSCHECK_TIMINGS=1` in the environment each stage of a
//! run prints its wall time to stderr (`timing: extract 1.234 s`), so a slow run can say where
//! its time goes without a profiler. Off by default; never touches stdout or any output file.
//! Beside the wall time each stage shows the CPU time all threads spent in it (from
//! `/proc/self/stat`, on Linux), so a stage that keeps one core of two busy shows as such.

use std::time::Instant;

/// A stopwatch that reports each stage when timings are wanted and is silent otherwise.
pub struct Stages {
    on: bool,
    start: Instant,
    last: Instant,
    last_cpu: Option<f64>,
}

/// CPU seconds (user + system, all threads) the process has used so far, where the system
/// tells (`/proc/self/stat`, in clock ticks of 1/100 s).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name (field 2) is in parentheses and may hold spaces: count from after it.
    let rest = &stat[stat.rfind(')')? + 2..];
    let mut fields = rest.split(' ').skip(11);
    let user: f64 = fields.next()?.parse().ok()?;
    let system: f64 = fields.next()?.parse().ok()?;
    Some((user + system) / 100.0)
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
            last_cpu: if on { cpu_seconds() } else { None },
        }
    }

    pub fn enabled(&self) -> bool {
        self.on
    }

    /// Ends the current stage, named `name`, and starts the next one.
    pub fn stage(&mut self, name: &str) {
        let now = Instant::now();
        if self.on {
            let cpu = cpu_seconds();
            match (cpu, self.last_cpu) {
                (Some(c), Some(l)) => eprintln!(
                    "timing: {name:<28} {:8.3} s  cpu {:6.2} s",
                    (now - self.last).as_secs_f64(),
                    c - l
                ),
                _ => eprintln!("timing: {name:<28} {:8.3} s", (now - self.last).as_secs_f64()),
            }
            self.last_cpu = cpu;
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
            let cpu = cpu_seconds().map(|c| format!("  cpu {c:6.2} s")).unwrap_or_default();
            eprintln!(
                "timing: {:<28} {:8.3} s{cpu}",
                "total",
                self.start.elapsed().as_secs_f64()
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::cpu_seconds;

    #[cfg(target_os = "linux")]
    #[test]
    fn cpu_time_is_read_and_does_not_go_back() {
        let before = cpu_seconds().expect("/proc/self/stat is readable on Linux");
        // Burn a little CPU so the clock has a chance to move.
        let mut x = 0u64;
        for i in 0..5_000_000u64 {
            x = x.wrapping_mul(31).wrapping_add(i);
        }
        std::hint::black_box(x);
        let after = cpu_seconds().unwrap();
        assert!(before >= 0.0 && after >= before, "{before} then {after}");
    }
}
