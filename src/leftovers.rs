//! Temporary files left by killed runs. Every output is written to `.NAME.tmp-PID` beside
//! its target and renamed over it ([`crate::store::write_atomic`]): the rename is the
//! commit point, so a run killed mid-way never leaves a torn claims file or report, but it
//! does leave its temporary file, and nothing else would ever remove it. A run that has
//! written its outputs removes the stale ones, and only those:
//!
//! - only in the folders the tool writes (`claims/` and its subfolders, `reports/`,
//!   `.crosscheck/`), never following a symbolic link, and only regular files;
//! - only names of exactly the tool's pattern: a dot, a non-empty name, `.tmp-`, a process
//!   id in digits (`.report.json.tmp-4242`), so no file of a person's is ever touched;
//! - never the running process's own, and never one that may still be written: the process
//!   that named it is no longer alive (and the file is over a minute old, which covers a
//!   writer in another PID namespace sharing the folder), or the file is over an hour old
//!   (a process id is reused in time; no write takes that long).

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Age after which a temporary file whose process is gone counts as stale.
pub const DEAD_AFTER: Duration = Duration::from_secs(60);
/// Age after which a temporary file counts as stale whoever named it.
pub const OLD_AFTER: Duration = Duration::from_secs(3600);

/// The temporary file that a write of `name` by process `pid` uses, in the same folder.
pub fn temporary_name(name: &str, pid: u32) -> String {
    format!(".{name}.tmp-{pid}")
}

/// The process id in a temporary file's name, if the name is exactly the tool's pattern.
pub fn temporary_pid(file_name: &str) -> Option<u32> {
    let rest = file_name.strip_prefix('.')?;
    let (name, pid) = rest.rsplit_once(".tmp-")?;
    if name.is_empty() || pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok()
}

/// Whether a process of this id is alive: `Some` where the system says (`/proc` on Linux),
/// `None` where it cannot be told (then only age makes a file stale).
fn alive(pid: u32) -> Option<bool> {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return None;
    }
    Some(proc.join(pid.to_string()).exists())
}

/// Whether a temporary file of process `pid`, last modified `age` ago, is stale.
fn stale(pid: u32, age: Duration, alive: Option<bool>) -> bool {
    if pid == std::process::id() {
        return false;
    }
    age >= OLD_AFTER || (alive == Some(false) && age >= DEAD_AFTER)
}

/// Removes the stale temporary files of killed runs from the folders a run writes in
/// `workspace`; returns the files removed (a file that cannot be removed is left, silently:
/// it is hidden and never read).
pub fn clean(workspace: &Path) -> Vec<PathBuf> {
    let mut removed = Vec::new();
    let now = SystemTime::now();
    clean_dir(&workspace.join("claims"), true, now, &mut removed);
    clean_dir(&workspace.join("reports"), false, now, &mut removed);
    clean_dir(&workspace.join(crate::cache::DIR), false, now, &mut removed);
    removed.sort();
    removed
}

fn clean_dir(dir: &Path, recurse: bool, now: SystemTime, removed: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        // The entry's own type: a symbolic link is never followed, whatever it points at.
        let Ok(kind) = entry.file_type() else { continue };
        let path = entry.path();
        if kind.is_dir() {
            if recurse {
                clean_dir(&path, true, now, removed);
            }
            continue;
        }
        if !kind.is_file() {
            continue;
        }
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(temporary_pid) else {
            continue;
        };
        let Ok(modified) = entry.metadata().and_then(|m| m.modified()) else {
            continue;
        };
        // A time in the future (clock skew) is age zero: not stale by age.
        let age = now.duration_since(modified).unwrap_or_default();
        if stale(pid, age, alive(pid)) && std::fs::remove_file(&path).is_ok() {
            removed.push(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_tools_own_pattern_is_a_temporary_file() {
        assert_eq!(temporary_pid(".report.json.tmp-4242"), Some(4242));
        assert_eq!(temporary_pid(&temporary_name("a.yaml", 7)), Some(7));
        assert_eq!(temporary_pid(".a.tmp-1.yaml.tmp-12"), Some(12));
        for name in [
            "report.json.tmp-1",       // not hidden
            "..tmp-1",                 // no name
            ".a.yaml.tmp-",            // no pid
            ".a.yaml.tmp-12x",         // not digits
            ".a.yaml.tmp-+12",         // not digits
            ".a.yaml.tmp-99999999999", // not a pid
            ".a.yaml.tmp",
            ".a.yaml",
            "a.yaml",
            ".notes.tmp-draft",
        ] {
            assert_eq!(temporary_pid(name), None, "{name}");
        }
    }

    #[test]
    fn stale_means_dead_and_a_minute_old_or_an_hour_old_and_never_ours() {
        let me = std::process::id();
        let min = Duration::from_secs(60);
        assert!(!stale(me, OLD_AFTER * 2, Some(false)), "the running process's own");
        assert!(stale(me + 1, min, Some(false)));
        assert!(
            !stale(me + 1, min - Duration::from_secs(1), Some(false)),
            "just written"
        );
        assert!(!stale(me + 1, min * 59, Some(true)), "its process may still write it");
        assert!(stale(me + 1, OLD_AFTER, Some(true)), "a reused pid");
        assert!(!stale(me + 1, min * 59, None), "liveness unknown: age alone");
        assert!(stale(me + 1, OLD_AFTER, None));
    }

    #[test]
    fn this_process_is_alive() {
        if alive(std::process::id()).is_some() {
            assert_eq!(alive(std::process::id()), Some(true));
        }
    }
}
