//! `claims/review.yaml`: the findings an editor has reviewed and acknowledged. An
//! acknowledged finding stays in the reports, marked, and no longer fails the check.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Result};

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ReviewFile {
    #[serde(default)]
    acknowledged: Vec<Ack>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Ack {
    finding: String,
    #[serde(default)]
    note: Option<String>,
}

/// Finding id → note. A missing file is an empty review; a malformed one is an error naming
/// the file and line (and is never written to).
pub fn load(workspace: &Path) -> Result<BTreeMap<String, Option<String>>> {
    let path = workspace.join("claims").join("review.yaml");
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
        Err(e) => return Err(Error::io("claims/review.yaml", e)),
    };
    parse(&text)
}

pub fn parse(text: &str) -> Result<BTreeMap<String, Option<String>>> {
    if text.trim().is_empty() {
        return Ok(BTreeMap::new());
    }
    let file: ReviewFile = serde_yaml::from_str(text).map_err(|e| {
        Error::input(
            "claims/review.yaml",
            e.location().map(|l| l.line()),
            format!("review file: {e}"),
        )
    })?;
    Ok(file.acknowledged.into_iter().map(|a| (a.finding, a.note)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_acknowledgements_and_names_bad_lines() {
        let r = parse("acknowledged:\n  - finding: conflict-abc\n    note: reviewed\n").unwrap();
        assert_eq!(r.get("conflict-abc"), Some(&Some("reviewed".to_string())));
        let e = parse("acknowledged:\n  - findng: x\n").unwrap_err().to_string();
        assert!(e.starts_with("claims/review.yaml:2:"), "{e}");
    }
}
