//! `claims/review.yaml`: the findings an editor has reviewed and acknowledged. An
//! acknowledged finding stays in the reports, marked, and no longer fails the check.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::corpus::Warning;
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
        let msg = crate::error::yaml_message(&e.to_string());
        Error::input(
            "claims/review.yaml",
            e.location().map(|l| l.line()),
            format!(
                "review file: {msg} (expected `acknowledged:` and a list of `- finding: <id>` with an \
                 optional `note:`; the file was left as it is)"
            ),
        )
    })?;
    Ok(file.acknowledged.into_iter().map(|a| (a.finding, a.note)).collect())
}

/// Acknowledgements that name no finding of this run (a typo, or a finding that went away
/// with an article that changed): warned about, never an error, and the file is kept.
pub fn unmatched<'a>(
    review: &BTreeMap<String, Option<String>>,
    findings: impl IntoIterator<Item = &'a str>,
) -> Vec<Warning> {
    let found: std::collections::BTreeSet<&str> = findings.into_iter().collect();
    review
        .keys()
        .filter(|id| !found.contains(id.as_str()))
        .map(|id| Warning {
            path: "claims/review.yaml".into(),
            message: format!("acknowledges {id:?}, which is not a finding of this run; ignored"),
        })
        .collect()
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
        assert!(!e.contains("at line"), "one line number, the file's: {e}");
    }

    #[test]
    fn wrong_shapes_are_errors_and_empty_is_no_review() {
        for bad in [
            "- finding: x\n",
            "acknowledged: 3\n",
            "acknowledged:\n  - note: no id\n",
            "just text\n",
        ] {
            let e = parse(bad).unwrap_err().to_string();
            assert!(e.starts_with("claims/review.yaml:"), "{bad:?}: {e}");
        }
        assert!(parse("  \n# nothing yet\n").unwrap().is_empty());
        assert!(parse("acknowledged: []\n").unwrap().is_empty());
    }

    #[test]
    fn acknowledgements_of_no_finding_are_warnings() {
        let r = parse("acknowledged:\n  - finding: conflict-a\n  - finding: conflict-typo\n").unwrap();
        let w = unmatched(&r, ["conflict-a", "corroboration-b"]);
        assert_eq!(w.len(), 1);
        assert!(w[0].message.contains("conflict-typo"), "{:?}", w[0]);
    }
}
