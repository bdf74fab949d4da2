//! The CI check on new articles: acknowledgements, annotations on the article that brings a
//! new conflict, `--check` for stale reports, and a person's edits in the claims store.

use std::fs;

use serde_json::Value;

mod common;
use common::{report, seed_workspace, verify};

fn failing_ids(r: &Value) -> Vec<String> {
    r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| (f["kind"] == "conflict" || f["kind"] == "inconsistency") && f["acknowledged"] == false)
        .map(|f| f["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn acknowledge_then_a_new_article_fails_at_its_line_then_removal_passes() {
    let ws = seed_workspace("ci-ack");
    assert_eq!(verify(&ws, &[]).status.code(), Some(1));
    let ids = failing_ids(&report(&ws));
    assert!(!ids.is_empty());
    let mut review = String::from("acknowledged:\n");
    for id in &ids {
        review.push_str(&format!("  - finding: {id}\n    note: reviewed by the desk\n"));
    }
    fs::write(ws.join("claims/review.yaml"), &review).unwrap();
    let out = verify(&ws, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    let r = report(&ws);
    for id in &ids {
        let f = r["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["id"] == id.as_str())
            .unwrap();
        assert_eq!(
            f["acknowledged"], true,
            "acknowledged findings stay in the report, marked"
        );
    }

    // A new article that gives the Aleppo truce another start.
    let new = "---\npublished: 2016-05-05\n---\nA new truce in the Syrian city of Aleppo will begin on Saturday, the Russian defence ministry said.\n";
    fs::write(ws.join("corpus/zz-wire.md"), new).unwrap();
    let out = verify(&ws, &["--format", "github"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let line = stdout
        .lines()
        .find(|l| l.starts_with("::error"))
        .expect("an error annotation");
    assert!(line.contains("file=corpus/zz-wire.md,line=4,col="), "{stdout}");

    fs::remove_file(ws.join("corpus/zz-wire.md")).unwrap();
    let out = verify(&ws, &["--format", "github"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    assert_eq!(fs::read_to_string(ws.join("claims/review.yaml")).unwrap(), review);
}

#[test]
fn a_broken_review_file_is_exit_2_and_left_byte_for_byte() {
    let ws = seed_workspace("ci-broken-review");
    fs::create_dir_all(ws.join("claims")).unwrap();
    let broken = "acknowledged:\n  - finding: conflict-x\n    nte: typo\n\t- oops\n";
    fs::write(ws.join("claims/review.yaml"), broken).unwrap();
    let out = verify(&ws, &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("claims/review.yaml:"), "{err}");
    assert_eq!(fs::read_to_string(ws.join("claims/review.yaml")).unwrap(), broken);
    assert!(
        !ws.join("reports/report.json").exists(),
        "nothing is written on bad input"
    );
}

#[test]
fn a_broken_claims_file_is_exit_2_and_never_overwritten() {
    let ws = seed_workspace("ci-broken-claims");
    verify(&ws, &[]);
    let path = ws.join("claims/002_c5171bf4bee90419.yaml");
    let mut text = fs::read_to_string(&path).unwrap();
    text.push_str("  - this: [is not closed\n");
    fs::write(&path, &text).unwrap();
    let out = verify(&ws, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("claims/002_c5171bf4bee90419.yaml:"));
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn hand_edits_in_a_claims_file_survive_verify() {
    let ws = seed_workspace("ci-hand-edit");
    verify(&ws, &[]);
    let path = ws.join("claims/002_c5171bf4bee90419.yaml");
    let text = fs::read_to_string(&path).unwrap();
    // Correct the Syrian military's start by hand (a person decides the claim is Friday).
    let needle = "start: 2016-05-05\n";
    assert!(text.contains(needle), "{text}");
    let edited = text.replacen(needle, "start: 2016-05-06\n", 1);
    // And add a claim the tool missed.
    let edited = format!(
        "{edited}- text: 17-nation International Syria Support Group\n  property: members\n  value: {{kind: quantity, value: 17.0, unit: nations}}\n"
    );
    fs::write(&path, &edited).unwrap();
    verify(&ws, &[]);
    let after = fs::read_to_string(&path).unwrap();
    assert!(
        after.contains("start: 2016-05-06\n"),
        "the correction is kept:\n{after}"
    );
    assert!(!after.contains(needle), "the tool's value did not come back");
    assert!(after.contains("property: members"), "the added claim is kept");
    let r = report(&ws);
    let added = r["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["property"] == "members")
        .expect("added claim used");
    assert_eq!(added["rule"], "human");
    let start = r["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["speaker"] == "Syrian military" && c["property"] == "start")
        .unwrap();
    assert_eq!(start["value"]["start"], "2016-05-06");

    // Rejecting claims removes them from the cross-check and keeps the rejection: with every
    // start claim of 002 rejected, nothing contradicts the other article.
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.matches("  property: start\n").count() >= 2, "{text}");
    let rejected = text.replace("  property: start\n", "  property: start\n  status: rejected\n");
    fs::write(&path, &rejected).unwrap();
    assert_eq!(
        verify(&ws, &[]).status.code(),
        Some(0),
        "no start claims left in 002: no conflict"
    );
    assert!(fs::read_to_string(&path).unwrap().contains("status: rejected"));
}

#[test]
fn check_mode_fails_on_stale_reports_with_a_diff_and_writes_nothing() {
    let ws = seed_workspace("ci-check");
    verify(&ws, &[]);
    let out = verify(&ws, &["--check"]);
    assert_eq!(out.status.code(), Some(1), "seeds have a conflict");
    assert!(
        String::from_utf8_lossy(&out.stderr).is_empty()
            || !String::from_utf8_lossy(&out.stderr).contains("out of date")
    );
    let before = fs::read(ws.join("reports/report.md")).unwrap();
    fs::write(ws.join("corpus/extra.md"), "---\npublished: 2016-05-05\n---\nAt least 30 people were killed in an air strike on a hospital in Aleppo, the Syrian Observatory for Human Rights said.\n").unwrap();
    let out = verify(&ws, &["--check"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--- a/reports/report.json") && err.contains("+++ b/reports/report.json"),
        "{err}"
    );
    assert!(err.contains("out of date"), "{err}");
    assert_eq!(
        fs::read(ws.join("reports/report.md")).unwrap(),
        before,
        "--check writes nothing"
    );
    assert!(!ws.join("claims/extra.yaml").exists());
}

#[test]
fn sarif_is_2_1_0_with_a_rule_and_a_located_result_per_failing_finding() {
    let ws = seed_workspace("ci-sarif");
    let out = verify(&ws, &["--format", "sarif"]);
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    let rules: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let results = run["results"].as_array().unwrap();
    let conflicts = results.iter().filter(|r| r["properties"]["kind"] == "conflict").count();
    assert_eq!(conflicts, failing_ids(&report(&ws)).len());
    for r in results {
        assert!(rules.contains(&r["ruleId"].as_str().unwrap()), "{r}");
        let loc = &r["locations"][0]["physicalLocation"];
        assert!(loc["artifactLocation"]["uri"].as_str().unwrap().starts_with("corpus/"));
        assert!(
            loc["region"]["startLine"].as_u64().unwrap() >= 4,
            "front matter comes first"
        );
    }
}
