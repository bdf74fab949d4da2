//! The extraction cache (`.crosscheck/`) is only a cache: with it, without it, after an
//! article changes or a person edits a claims file, `verify` writes the same bytes; and the
//! outputs do not depend on the thread count. Also: the readable reports of a corpus of many
//! sources keep every finding but stay bounded.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use common::{bin, report, seed_workspace, verify};

/// Every file `verify` writes (claims/, reports/), by path, as bytes.
fn outputs(ws: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for dir in ["claims", "reports"] {
        let mut stack = vec![ws.join(dir)];
        while let Some(d) = stack.pop() {
            for e in fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    let rel = p.strip_prefix(ws).unwrap().to_string_lossy().into_owned();
                    out.insert(rel, fs::read(&p).unwrap());
                }
            }
        }
    }
    out
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let dest = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_dir(&p, &dest);
        } else {
            fs::copy(&p, &dest).unwrap();
        }
    }
}

/// The seeds plus `copies` copies of them in subfolders (each copy its own source).
fn workspace(name: &str, copies: usize) -> PathBuf {
    let ws = seed_workspace(name);
    let seeds: Vec<PathBuf> = fs::read_dir(ws.join("corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    for k in 0..copies {
        let dir = ws.join("corpus").join(format!("copy{k:02}"));
        fs::create_dir_all(&dir).unwrap();
        for s in &seeds {
            let text = fs::read_to_string(s).unwrap();
            // Front matter ids would collide; the copies take their id from their path.
            let text = text
                .lines()
                .filter(|l| !l.starts_with("id:"))
                .collect::<Vec<_>>()
                .join("\n");
            fs::write(dir.join(s.file_name().unwrap()), text + "\n").unwrap();
        }
    }
    ws
}

/// A fresh copy of `ws` without its cache, run once: what the outputs must be.
fn without_cache(ws: &Path, name: &str) -> BTreeMap<String, Vec<u8>> {
    let fresh = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = fs::remove_dir_all(&fresh);
    copy_dir(ws, &fresh);
    let _ = fs::remove_dir_all(fresh.join(".crosscheck"));
    let out = verify(&fresh, &["--format", "json"]);
    assert!(
        out.status.code().is_some_and(|c| c < 2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    outputs(&fresh)
}

fn assert_same(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>, what: &str) {
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "{what}: file sets differ"
    );
    for (k, v) in a {
        assert!(v == &b[k], "{what}: {k} differs");
    }
}

#[test]
fn the_cache_never_changes_what_verify_writes() {
    let ws = workspace("cache-invalidation", 2);
    verify(&ws, &[]);
    assert!(ws.join(".crosscheck/cache").is_file(), "verify keeps a cache");
    assert!(fs::read_to_string(ws.join(".crosscheck/.gitignore"))
        .unwrap()
        .contains('*'));
    let first = outputs(&ws);

    // Warm: nothing changed.
    verify(&ws, &[]);
    assert_same(&first, &outputs(&ws), "warm run");

    // Cache deleted.
    fs::remove_dir_all(ws.join(".crosscheck")).unwrap();
    verify(&ws, &[]);
    assert_same(&first, &outputs(&ws), "cache deleted");

    // An article changed: its claims follow the new text, exactly as without a cache.
    let article = ws.join("corpus/copy00/002_c5171bf4bee90419.md");
    let text = fs::read_to_string(&article).unwrap();
    assert!(text.contains("48 hours"), "the seed article says 48 hours");
    fs::write(&article, text.replace("48 hours", "72 hours")).unwrap();
    verify(&ws, &[]);
    let changed = outputs(&ws);
    assert_ne!(
        changed["claims/copy00/002_c5171bf4bee90419.yaml"],
        first["claims/copy00/002_c5171bf4bee90419.yaml"]
    );
    assert_same(
        &changed,
        &without_cache(&ws, "cache-invalidation-ref1"),
        "article changed",
    );

    // A byte-identical copy of a cached article arrives: it takes that article's extraction
    // under its own id, and the outputs are those of a run that extracts everything.
    fs::create_dir_all(ws.join("corpus/wire")).unwrap();
    fs::copy(
        ws.join("corpus/copy01/002_c5171bf4bee90419.md"),
        ws.join("corpus/wire/dup.md"),
    )
    .unwrap();
    verify(&ws, &[]);
    let copied = outputs(&ws);
    assert!(String::from_utf8_lossy(&copied["claims/wire/dup.yaml"]).contains("id: wire/dup:"));
    assert_same(&copied, &without_cache(&ws, "cache-invalidation-ref2"), "copy added");
}

#[test]
fn a_claims_file_edited_by_hand_is_noticed_though_the_cache_knows_it() {
    let ws = workspace("cache-hand-edit", 1);
    verify(&ws, &[]);
    verify(&ws, &[]);
    let claims = ws.join("claims/copy00/002_c5171bf4bee90419.yaml");
    let text = fs::read_to_string(&claims).unwrap();
    // A same-length edit of a value, right after the run: the length alone cannot tell.
    let (at, old) = text
        .match_indices("iso: PT48H")
        .next()
        .expect("a 48-hour duration claim");
    let edited = format!("{}iso: PT49H{}", &text[..at], &text[at + old.len()..]);
    assert_eq!(edited.len(), text.len());
    fs::write(&claims, &edited).unwrap();
    verify(&ws, &[]);
    let r = report(&ws);
    let kept = r["claims"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["source"] == "copy00/002_c5171bf4bee90419" && c["value"]["iso"] == "PT49H");
    assert!(kept, "the person's value is used");
    assert!(
        fs::read_to_string(&claims).unwrap().contains("iso: PT49H"),
        "and kept in the file"
    );
    assert_same(&outputs(&ws), &without_cache(&ws, "cache-hand-edit-ref"), "hand edit");

    // A claims file broken by hand is still an error naming it, and left as it is.
    let broken = "source: [unclosed\n";
    fs::write(&claims, broken).unwrap();
    let out = verify(&ws, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("claims/copy00/002_c5171bf4bee90419.yaml"));
    assert_eq!(fs::read_to_string(&claims).unwrap(), broken);
}

#[test]
fn outputs_do_not_depend_on_the_thread_count() {
    let ws = workspace("threads", 4);
    let other = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("threads-one");
    let _ = fs::remove_dir_all(&other);
    copy_dir(&ws, &other);
    let run = |dir: &Path, threads: Option<&str>| {
        let mut cmd = bin();
        cmd.arg("verify").arg(dir).args(["--format", "json"]);
        if let Some(n) = threads {
            cmd.env("RAYON_NUM_THREADS", n);
        }
        let out = cmd.output().unwrap();
        assert!(out.status.code().is_some_and(|c| c < 2));
        out.stdout
    };
    let many = run(&ws, Some("4"));
    let one = run(&other, Some("1"));
    assert!(many == one, "stdout differs between 4 threads and 1");
    assert_same(&outputs(&ws), &outputs(&other), "4 threads vs 1");
}

#[test]
fn reports_of_many_sources_keep_every_finding_and_stay_bounded() {
    // 3 seeds + 40 copies: 123 sources, over the limit for claim tables.
    let ws = workspace("large", 40);
    verify(&ws, &[]);
    let r = report(&ws);
    let json = fs::read_to_string(ws.join("reports/report.json")).unwrap();
    assert_eq!(json.lines().count(), 1, "a large corpus gets compact JSON");
    assert_eq!(r["sources"].as_array().unwrap().len(), 123);
    let claims = r["claims"].as_array().unwrap().len();
    let findings = r["findings"].as_array().unwrap();
    let html = fs::read_to_string(ws.join("reports/report.html")).unwrap();
    let md = fs::read_to_string(ws.join("reports/report.md")).unwrap();
    for f in findings {
        let id = f["id"].as_str().unwrap();
        assert!(html.contains(&format!("id=\"{id}\"")), "{id} missing from the page");
        assert!(md.contains(&format!("`{id}`")), "{id} missing from the Markdown");
    }
    for page in [&html, &md] {
        assert!(page.contains("are not tabled here"), "the cut is said");
        assert!(page.contains("claims/&lt;source id&gt;.yaml") || page.contains("claims/\\<source id\\>.yaml"));
    }
    // A small corpus tables every source and claim; this one at most 100 sources.
    let tabled = html.matches("<h3 id=\"source-").count();
    assert!((1..=100).contains(&tabled), "{tabled} sources tabled");
    let rows = html.matches("<tr><td>").count();
    assert!(rows < claims, "{rows} table rows for {claims} claims");
    // Quotes per version are capped, with a note.
    assert!(html.contains("more from") && md.contains("more from"));
}

/// The subject of every claim, by (source folder-less name, span start), for sources under
/// `prefix` (a copy folder) and not about a story's own subject.
fn event_subjects(r: &serde_json::Value, prefix: &str) -> BTreeMap<(String, u64), String> {
    r["claims"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["source"].as_str().unwrap().starts_with(prefix))
        .filter(|c| !c["subject"].as_str().unwrap().starts_with("story-"))
        .map(|c| {
            let source = c["source"].as_str().unwrap().trim_start_matches(prefix).to_string();
            (
                (source, c["span"]["start"].as_u64().unwrap()),
                c["subject"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn byte_identical_copies_are_clustered_as_one_report() {
    // Four byte-identical copies of each seed: every copy's claims land in the subjects of
    // the first copy's, and there are as many event subjects as with one copy.
    let many = workspace("copies-cluster-4", 4);
    let one = workspace("copies-cluster-1", 1);
    verify(&many, &["--format", "json"]);
    verify(&one, &["--format", "json"]);
    let (rm, r1) = (report(&many), report(&one));
    let first = event_subjects(&rm, "copy00/");
    assert!(first.len() > 10, "the seeds have event claims ({})", first.len());
    for k in 1..4 {
        assert_eq!(event_subjects(&rm, &format!("copy{k:02}/")), first, "copy {k}");
    }
    let events = |r: &serde_json::Value| {
        r["subjects"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| !s["id"].as_str().unwrap().starts_with("story-"))
            .count()
    };
    assert_eq!(events(&rm), events(&r1), "copies add no event subject");
}
