//! Stage timings for `verify`: with `CROSSCHECK_TIMINGS=1` in the environment each stage of a
//! run prints its wall time to stderr (`timing: extract 1.234 s`), so a slow run can say where
//! its time goes without a profiler. Off by default; never touches stdout or any output file.
//! Beside the wall time each stage shows the CPU time all threads spent in it (from
//! `/proc/self/stat`, on Linux), so a stage that keeps one core of two busy shows as such,
//! the pages it faulted in (fresh memory the kernel had to zero) and the resident size after it.

use std::time::Instant;

/// A stopwatch that reports each stage when timings are wanted and is silent otherwise.
pub struct Stages {
    on: bool,
    start: Instant,
    last: Instant,
    last_use: Option<Usage>,
}

/// What the process has used so far, where the system tells (Linux's `/proc/self`).
#[derive(Clone, Copy, Debug)]
struct Usage {
    /// CPU seconds, user + system, all threads (clock ticks of 1/100 s).
    cpu: f64,
    /// Minor page faults: pages first touched (mostly fresh memory the kernel zeroes).
    faults: u64,
    /// Resident memory now, in bytes.
    resident: u64,
}

fn usage() -> Option<Usage> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name (field 2) is in parentheses and may hold spaces: count from after it.
    // What follows starts at field 3 (state); minflt is field 10, utime and stime 14 and 15.
    let fields: Vec<&str> = stat[stat.rfind(')')? + 2..].split(' ').collect();
    let field = |n: usize| fields.get(n - 3).and_then(|f| f.parse::<u64>().ok());
    let (faults, user, system) = (field(10)?, field(14)?, field(15)?);
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split(' ').nth(1)?.parse().ok()?;
    Some(Usage {
        cpu: (user + system) as f64 / 100.0,
        faults,
        resident: pages * 4096,
    })
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
            last_use: if on { usage() } else { None },
        }
    }

    pub fn enabled(&self) -> bool {
        self.on
    }

    /// Ends the current stage, named `name`, and starts the next one.
    pub fn stage(&mut self, name: &str) {
        let now = Instant::now();
        if self.on {
            let used = usage();
            match (used, self.last_use) {
                (Some(u), Some(l)) => eprintln!(
                    "timing: {name:<28} {:8.3} s  cpu {:6.2} s  faults {:>8}  resident {:6} MB",
                    (now - self.last).as_secs_f64(),
                    u.cpu - l.cpu,
                    u.faults.saturating_sub(l.faults),
                    u.resident >> 20
                ),
                _ => eprintln!("timing: {name:<28} {:8.3} s", (now - self.last).as_secs_f64()),
            }
            self.last_use = used;
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
            let cpu = usage()
                .map(|u| format!("  cpu {:6.2} s  faults {:>8}", u.cpu, u.faults))
                .unwrap_or_default();
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
    use super::usage;

    #[cfg(target_os = "linux")]
    #[test]
    fn usage_is_read_and_does_not_go_back() {
        let before = usage().expect("/proc/self is readable on Linux");
        // Touch 64 MB of fresh memory and burn a little CPU so the counters have a chance to move.
        let mut block = vec![0u8; 64 << 20];
        for i in (0..block.len()).step_by(4096) {
            block[i] = i as u8;
        }
        let mut x = 0u64;
        for i in 0..5_000_000u64 {
            x = x.wrapping_mul(31).wrapping_add(i);
        }
        std::hint::black_box((&block, x));
        let after = usage().unwrap();
        assert!(
            before.cpu >= 0.0 && after.cpu >= before.cpu,
            "{before:?} then {after:?}"
        );
        assert!(after.faults >= before.faults + 8_000, "{before:?} then {after:?}");
        assert!(after.resident >= 60 << 20, "{after:?}");
    }
}
