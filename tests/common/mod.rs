//! Helpers shared by the end-to-end tests: scratch workspaces holding the demo corpus, and
//! running the binary on them.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_crosscheck"))
}

/// A fresh workspace holding a copy of the repository's demo corpus.
pub fn seed_workspace(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("corpus")).unwrap();
    for e in fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "md") {
            fs::copy(&p, dir.join("corpus").join(p.file_name().unwrap())).unwrap();
        }
    }
    dir
}

pub fn verify(ws: &Path, extra: &[&str]) -> Output {
    bin()
        .arg("verify")
        .arg(ws)
        .args(extra)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

pub fn report(ws: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(ws.join("reports/report.json")).unwrap()).unwrap()
}
