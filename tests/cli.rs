//! End-to-end tests of the `crosscheck` binary on the demo corpus (the seed articles in
//! `corpus/`), run in a scratch copy of the workspace so the repository is never touched.

use std::fs;
use std::path::PathBuf;

use serde_json::Value;

mod common;
use common::{bin, report, seed_workspace, verify};

fn claim<'a>(r: &'a Value, id: &str) -> &'a Value {
    r["claims"].as_array().unwrap().iter().find(|c| c["id"] == id).unwrap()
}

#[test]
fn seeds_give_the_wednesday_thursday_conflict_with_speakers_and_dates() {
    let ws = seed_workspace("seeds-conflict");
    let out = verify(&ws, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let r = report(&ws);
    assert_eq!(r["schema"], "crosscheck.report/1");
    let conflicts: Vec<&Value> = r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "conflict")
        .collect();
    let start = conflicts
        .iter()
        .find(|f| f["property"] == "start")
        .expect("a conflict about the start");
    let claims: Vec<&Value> = start["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| claim(&r, id.as_str().unwrap()))
        .collect();
    let by_speaker = |who: &str| {
        claims
            .iter()
            .find(|c| c["speaker"] == who)
            .unwrap_or_else(|| panic!("no claim by {who}: {claims:?}"))
    };
    assert_eq!(
        by_speaker("United States")["value"]["start"],
        "2016-05-04T00:01:00+03:00"
    );
    assert_eq!(by_speaker("Syrian military")["value"]["start"], "2016-05-05");
    let msg = start["message"].as_str().unwrap();
    assert!(
        msg.contains("2016-05-05") && msg.contains("2016-05-04T00:01:00+03:00"),
        "{msg}"
    );
}

#[test]
fn different_ceasefires_are_different_subjects() {
    let ws = seed_workspace("seeds-subjects");
    verify(&ws, &[]);
    let r = report(&ws);
    let subject_of = |source_prefix: &str, text: &str| -> String {
        r["claims"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["source"].as_str().unwrap().starts_with(source_prefix) && c["text"].as_str().unwrap() == text)
            .unwrap_or_else(|| panic!("no claim {text:?}"))["subject"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let september = subject_of("000", "12 September");
    let february = subject_of("002", "February");
    let may = subject_of("002", "Thursday");
    assert_ne!(september, may);
    assert_ne!(february, may);
    assert_ne!(february, september);
    // No finding that compares claims mixes subjects.
    for f in r["findings"].as_array().unwrap() {
        if f["kind"] == "variant" {
            continue;
        }
        for id in f["claims"].as_array().unwrap() {
            assert_eq!(claim(&r, id.as_str().unwrap())["subject"], f["subject"], "{f}");
        }
    }
}

#[test]
fn reports_are_byte_identical_across_runs_and_file_order() {
    let a = seed_workspace("seeds-det-a");
    let b = seed_workspace("seeds-det-b");
    // Same articles under other file names sort differently on disk but keep their ids.
    for e in fs::read_dir(b.join("corpus")).unwrap() {
        let p = e.unwrap().path();
        let text = fs::read_to_string(&p).unwrap();
        let id = p.file_stem().unwrap().to_str().unwrap().to_string();
        let text = text.replacen("---\n", &format!("---\nid: {id}\n"), 1);
        fs::remove_file(&p).unwrap();
        fs::write(
            b.join("corpus")
                .join(format!("z-{}.md", id.chars().rev().collect::<String>())),
            text,
        )
        .unwrap();
    }
    verify(&a, &[]);
    let first = fs::read(a.join("reports/report.json")).unwrap();
    verify(&a, &[]);
    assert_eq!(first, fs::read(a.join("reports/report.json")).unwrap());
    verify(&b, &[]);
    let ra: Value = serde_json::from_slice(&first).unwrap();
    let rb = report(&b);
    // Claim ids carry byte offsets (the added id line shifts them); finding ids and what
    // the findings say must not change.
    let summary = |r: &Value| -> Vec<(String, String)> {
        r["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["id"].to_string(),
                    f["message"].as_str().unwrap().replace(|c: char| c.is_ascii_digit(), ""),
                )
            })
            .collect()
    };
    assert_eq!(summary(&ra), summary(&rb));
    assert_eq!(
        ra["claims"].as_array().unwrap().len(),
        rb["claims"].as_array().unwrap().len()
    );
}

#[test]
fn bad_front_matter_is_exit_2_naming_file_and_line() {
    let ws = seed_workspace("bad-front-matter");
    fs::write(
        ws.join("corpus/broken.md"),
        "---\npublished: 2016-05-04\nauthr: someone\n---\nText.\n",
    )
    .unwrap();
    let out = verify(&ws, &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("corpus/broken.md:3"), "{err}");
    assert!(err.contains("authr"), "{err}");
}

#[test]
fn mentions_prints_resolved_values_as_json() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("mentions");
    fs::create_dir_all(&dir).unwrap();
    let f = dir.join("a.txt");
    fs::write(
        &f,
        "The truce starts at 1:00 a.m. on Thursday (2200 GMT Wednesday), the army said. More than 280 civilians died.",
    )
    .unwrap();
    let out = bin()
        .arg("mentions")
        .arg(&f)
        .args(["--published", "2016-05-04", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let ms = v[0]["mentions"].as_array().unwrap();
    let time = ms.iter().find(|m| m["kind"] == "time").unwrap();
    assert_eq!(time["value"]["start"], "2016-05-05T01:00:00+03:00");
    let q = ms.iter().find(|m| m["kind"] == "quantity").unwrap();
    assert_eq!(q["value"]["low"], 280.0);
    assert_eq!(q["value"]["unit"], "civilians");
    let sp = ms.iter().find(|m| m["kind"] == "speaker").unwrap();
    assert!(sp["text"].as_str().unwrap().ends_with("army"), "{sp}");
}

#[test]
fn graph_prints_a_digraph_and_writes_nothing() {
    let ws = seed_workspace("graph");
    let out = bin().arg("graph").arg(&ws).args(["--format", "dot"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let dot = String::from_utf8(out.stdout).unwrap();
    assert!(dot.starts_with("digraph"), "{dot}");
    assert!(dot.contains("conflict"), "the seed conflict is an edge or node");
    assert!(!ws.join("reports").exists());
    let out = bin().arg("graph").arg(&ws).args(["--format", "json"]).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!v["nodes"].as_array().unwrap().is_empty());
}

/// Bare articles with their metadata in `corpus/sources.yaml` (the seeds' own format): their
/// dates come from the listing, front matter still wins, and a changed date re-extracts.
#[test]
fn sources_yaml_gives_bare_articles_their_dates() {
    let ws = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("sidecar");
    let _ = std::fs::remove_dir_all(&ws);
    std::fs::create_dir_all(ws.join("corpus/wire")).unwrap();
    std::fs::write(
        ws.join("corpus/wire/a.txt"),
        "The truce in Aleppo took effect on Wednesday, officials said.\n",
    )
    .unwrap();
    std::fs::write(
        ws.join("corpus/wire/b.md"),
        "---\npublished: 2016-05-11\n---\nThe truce in Aleppo took effect on Wednesday, officials said.\n",
    )
    .unwrap();
    let listing = |date: &str| {
        format!(
            "# dates of the bare files\nsources:\n  - file: a.txt\n    published: {date}\n    story: Aleppo truce\n    outlet: Example Wire\n  - file: b.md\n    published: 2016-05-04\n"
        )
    };
    std::fs::write(ws.join("corpus/wire/sources.yaml"), listing("2016-05-04")).unwrap();
    let start_of = |r: &Value, source: &str| -> String {
        r["claims"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["source"] == source && c["text"] == "Wednesday")
            .map(|c| c["value"]["start"].as_str().unwrap_or("").to_string())
            .unwrap_or_default()
    };
    let out = verify(&ws, &[]);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r = report(&ws);
    let a = r["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "wire/a")
        .unwrap()
        .clone();
    assert_eq!(a["published"], "2016-05-04");
    assert_eq!(a["outlet"], "Example Wire");
    assert_eq!(a["title"], "Aleppo truce");
    assert_eq!(start_of(&r, "wire/a"), "2016-05-04");
    // Front matter wins over the listing.
    assert_eq!(start_of(&r, "wire/b"), "2016-05-11");
    // A new date in the listing is a changed article: extracted again.
    std::fs::write(ws.join("corpus/wire/sources.yaml"), listing("2016-05-06")).unwrap();
    let out = verify(&ws, &[]);
    assert!(matches!(out.status.code(), Some(0 | 1)));
    assert_eq!(start_of(&report(&ws), "wire/a"), "2016-05-04");
    std::fs::write(ws.join("corpus/wire/sources.yaml"), listing("2016-05-12")).unwrap();
    verify(&ws, &[]);
    assert_eq!(start_of(&report(&ws), "wire/a"), "2016-05-11");
}
