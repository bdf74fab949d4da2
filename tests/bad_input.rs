//! Bad input never breaks the tool (issue 8). Each case of docs/bad-input.md is a test here:
//! errors are `crosscheck: error: FILE:LINE: …` with exit status 2 and nothing written;
//! warnings name the file and the run goes on; odd files and pathological sizes neither
//! panic nor blow up; a run killed mid-way leaves every output whole.
//!
//! Big inputs are generated at run time (nothing big is committed); the full sizes and their
//! timings are in scripts/bad-input-sizes.sh.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

mod common;
use common::{bin, report, seed_workspace, verify};

/// A fresh empty workspace (with an empty corpus/).
fn workspace(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bad-input").join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("corpus")).unwrap();
    dir
}

fn write(ws: &Path, rel: &str, bytes: impl AsRef<[u8]>) {
    let p = ws.join(rel);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, bytes).unwrap();
}

const ARTICLE: &str = "---\npublished: 2016-05-04\n---\nAt least 30 people were killed on Tuesday in an air strike on Aleppo, the Syrian Observatory said.\n";

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Exit 2, one error line starting `crosscheck: error: <prefix>`, and nothing written.
fn assert_error(ws: &Path, out: &Output, prefix: &str) -> String {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(2), "stderr: {err}\nstdout: {}", stdout(out));
    let line = err
        .lines()
        .find(|l| l.starts_with("crosscheck: error: "))
        .unwrap_or_else(|| panic!("no error line in {err:?}"));
    assert!(
        line.starts_with(&format!("crosscheck: error: {prefix}")),
        "expected `crosscheck: error: {prefix}…`, got {line:?}"
    );
    assert!(!line.contains("panicked"), "{err}");
    assert!(!ws.join("reports").exists(), "nothing is written on an error");
    line.to_string()
}

/// The run went on: exit 0 or 1, reports written, and a warning line naming `path`.
fn assert_warned(ws: &Path, out: &Output, path: &str, words: &str) -> String {
    let all = format!("{}{}", stdout(out), stderr(out));
    assert!(matches!(out.status.code(), Some(0 | 1)), "the run goes on: {all}");
    assert!(ws.join("reports/report.json").exists(), "{all}");
    let line = all
        .lines()
        .find(|l| l.contains("warning") && l.contains(path) && l.contains(words))
        .unwrap_or_else(|| panic!("no warning about {path} saying {words:?} in:\n{all}"));
    line.to_string()
}

/// Every claim's span picks out its quoted text from the file's bytes on disk.
fn assert_spans_match_disk(ws: &Path) -> usize {
    let r = report(ws);
    let paths: std::collections::BTreeMap<&str, &str> = r["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["id"].as_str().unwrap(), s["path"].as_str().unwrap()))
        .collect();
    let claims = r["claims"].as_array().unwrap();
    for c in claims {
        let bytes = fs::read(ws.join(paths[c["source"].as_str().unwrap()])).unwrap();
        let (a, b) = (
            c["span"]["start"].as_u64().unwrap() as usize,
            c["span"]["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            &bytes[a..b],
            c["text"].as_str().unwrap().as_bytes(),
            "span {a}..{b} of {c}"
        );
        // Line and column too: count on the bytes on disk.
        let line = bytes[..a].iter().filter(|&&x| x == b'\n').count() + 1;
        assert_eq!(c["span"]["line"].as_u64().unwrap() as usize, line, "{c}");
    }
    claims.len()
}

// --- errors: file and line, exit 2, nothing written ------------------------------------------

#[test]
fn unclosed_front_matter() {
    let ws = workspace("unclosed");
    write(
        &ws,
        "corpus/a.md",
        "---\ntitle: Truce\npublished: 2016-05-04\nThe truce held.\n",
    );
    let line = assert_error(&ws, &verify(&ws, &[]), "corpus/a.md:1: ");
    assert!(line.contains("never closed"), "{line}");
}

#[test]
fn unknown_front_matter_field_names_its_line_once() {
    let ws = workspace("unknown-field");
    write(
        &ws,
        "corpus/a.md",
        "---\ntitle: T\npublished: 2016-05-04\nauthr: x\n---\nBody.\n",
    );
    let line = assert_error(&ws, &verify(&ws, &[]), "corpus/a.md:4: ");
    assert!(line.contains("unknown field `authr`"), "{line}");
    assert!(
        !line.contains("at line"),
        "the YAML's own line count is not shown: {line}"
    );
}

#[test]
fn unknown_field_after_a_bom_still_names_the_files_line() {
    let ws = workspace("unknown-field-bom");
    write(&ws, "corpus/a.md", "\u{feff}---\ntitle: T\nsauce: x\n---\nBody.\n");
    assert_error(&ws, &verify(&ws, &[]), "corpus/a.md:3: ");
}

#[test]
fn front_matter_of_the_wrong_shape_names_the_line_in_plain_words() {
    for (n, (front, line, words)) in [
        ("title: a\ntitle: b\n", 3, "duplicate field `title`"),
        ("- a\n- b\n", 2, "expected a mapping"),
        ("just words\n", 2, "expected a mapping"),
        ("title: [a, b]\n", 2, "expected a string"),
        ("title: T\n\tx: 1\n", 3, "tab"),
        ("a: &a [x, x]\nb: [*a, *a]\n", 2, "unknown field `a`"),
    ]
    .iter()
    .enumerate()
    {
        let ws = workspace(&format!("front-shape-{n}"));
        write(&ws, "corpus/a.md", format!("---\n{front}---\nBody.\n"));
        let msg = assert_error(&ws, &verify(&ws, &[]), &format!("corpus/a.md:{line}: front matter: "));
        assert!(msg.contains(words), "{front:?}: {msg}");
        assert!(!msg.contains("at line") && !msg.contains("struct "), "{msg}");
    }
    // Scalars where strings belong are read as text; an empty front matter is none.
    let ws = workspace("front-scalars");
    write(&ws, "corpus/a.md", "---\nid: 1984\ntitle: 2016\n---\nBody.\n");
    write(&ws, "corpus/b.md", "---\n---\nBody.\n");
    let out = verify(&ws, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(report(&ws)["sources"][0]["id"], "1984");
}

#[test]
fn dates_that_do_not_parse() {
    for (n, bad) in [
        "May 4th",
        "2016-13-45",
        "2016-05-04T25:00:00Z",
        "2016-05-04T10:00:00",
        "[2016]",
    ]
    .iter()
    .enumerate()
    {
        let ws = workspace(&format!("bad-date-{n}"));
        write(
            &ws,
            "corpus/a.md",
            format!("---\ntitle: T\npublished: {bad}\n---\nBody.\n"),
        );
        let line = assert_error(&ws, &verify(&ws, &[]), "corpus/a.md:3: ");
        assert!(line.contains("published"), "{bad}: {line}");
    }
}

#[test]
fn two_sources_with_one_id_name_both_files() {
    let ws = workspace("dup-id");
    write(&ws, "corpus/a.md", "---\nid: wire\n---\nOne.\n");
    write(&ws, "corpus/sub/b.md", "---\ntitle: B\nid: wire\n---\nTwo.\n");
    let line = assert_error(&ws, &verify(&ws, &[]), "corpus/sub/b.md:3: ");
    assert!(
        line.contains("corpus/a.md:2"),
        "both files, each at its id line: {line}"
    );
    // Ids that come from file names collide too (x.md and x.txt).
    let ws = workspace("dup-default-id");
    write(&ws, "corpus/x.md", ARTICLE);
    write(&ws, "corpus/x.txt", ARTICLE);
    let line = assert_error(&ws, &verify(&ws, &[]), "corpus/x.txt: ");
    assert!(line.contains("corpus/x.md"), "{line}");
}

#[test]
fn ids_that_would_leave_the_workspace_are_refused_and_nothing_is_written() {
    for (n, id) in [
        "../escaped",
        "/tmp/crosscheck-escaped",
        "/etc/crosscheck-escaped",
        "a/../../escaped",
        "..",
        "a\\..\\b",
        "./x",
    ]
    .iter()
    .enumerate()
    {
        let ws = workspace(&format!("escape-{n}"));
        write(
            &ws,
            "corpus/a.md",
            format!("---\ntitle: T\nid: {id}\n---\n{}", &ARTICLE[30..]),
        );
        let line = assert_error(&ws, &verify(&ws, &[]), "corpus/a.md:3: ");
        assert!(line.contains("not a safe source id"), "{id}: {line}");
        assert!(!ws.join("claims").exists(), "{id}: no claims/ either");
        assert!(!ws.parent().unwrap().join("escaped.yaml").exists());
        assert!(!Path::new("/tmp/crosscheck-escaped.yaml").exists());
        assert!(!Path::new("/etc/crosscheck-escaped.yaml").exists());
    }
}

#[test]
fn every_command_stops_on_bad_input_the_same_way() {
    let ws = workspace("every-command");
    write(&ws, "corpus/a.md", "---\nid: ../x\n---\nBody.\n");
    for args in [
        &["verify"][..],
        &["verify", "--check"],
        &["verify", "--format", "github"],
        &["graph"],
    ] {
        let out = bin().args(args).arg(&ws).output().unwrap();
        let line = assert_error(&ws, &out, "corpus/a.md:2: ");
        assert!(line.contains("not a safe source id"), "{args:?}: {line}");
        assert!(stdout(&out).is_empty(), "{args:?}: nothing on stdout");
    }
}

#[test]
fn ids_naming_the_review_or_events_file_are_refused() {
    let ws = workspace("reserved-id");
    write(&ws, "corpus/review.md", ARTICLE);
    let review = "acknowledged:\n  - finding: conflict-0000000000\n    note: kept\n";
    write(&ws, "claims/review.yaml", review);
    let line = assert_error(&ws, &verify(&ws, &[]), "corpus/review.md: ");
    assert!(line.contains("reserved"), "{line}");
    assert_eq!(fs::read_to_string(ws.join("claims/review.yaml")).unwrap(), review);
    let ws = workspace("reserved-id-2");
    write(&ws, "corpus/a.md", "---\nid: Events\n---\nText.\n");
    assert_error(&ws, &verify(&ws, &[]), "corpus/a.md:2: ");
}

#[test]
fn claims_file_of_the_wrong_shape_is_an_error_and_left_alone() {
    let ws = seed_workspace("bad-input-claims-shape");
    assert_eq!(verify(&ws, &[]).status.code(), Some(1));
    let before_reports = fs::read(ws.join("reports/report.json")).unwrap();
    let path = ws.join("claims/001_10e360009a930d41.yaml");
    for (n, bad) in [
        // Valid YAML, wrong shape: a list where a mapping belongs.
        "- source: 001_10e360009a930d41\n- claims: []\n".to_string(),
        // A claim whose span is text.
        fs::read_to_string(&path)
            .unwrap()
            .replacen("span:\n    start: ", "span:\n    start: soon ", 1),
        // Claims that are not a list.
        "source: 001_10e360009a930d41\npath: corpus/x.md\nhash: x\nclaims: 3\n".to_string(),
        // An unknown top-level field (a typo).
        "source: 001_10e360009a930d41\npath: corpus/x.md\nhash: x\nclaimz: []\nclaims: []\n".to_string(),
        // Not YAML at all.
        "source: [unclosed\n".to_string(),
    ]
    .iter()
    .enumerate()
    {
        fs::write(&path, bad).unwrap();
        let out = verify(&ws, &[]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "case {n}: {err}");
        assert!(
            err.starts_with("crosscheck: error: claims/001_10e360009a930d41.yaml:"),
            "case {n}: {err}"
        );
        let after_name = &err["crosscheck: error: claims/001_10e360009a930d41.yaml:".len()..];
        assert!(after_name.starts_with(|c: char| c.is_ascii_digit()), "a line: {err}");
        assert_eq!(&fs::read_to_string(&path).unwrap(), bad, "case {n}: never overwritten");
        assert_eq!(
            fs::read(ws.join("reports/report.json")).unwrap(),
            before_reports,
            "case {n}: reports left as they were"
        );
    }
}

#[test]
fn review_file_of_the_wrong_shape_is_an_error_and_left_alone() {
    for (n, bad) in [
        "- finding: conflict-x\n",
        "acknowledged: conflict-x\n",
        "acknowledged:\n  - note: no finding id\n",
        "acknowledged:\n  - finding: [a, b]\n",
    ]
    .iter()
    .enumerate()
    {
        let ws = workspace(&format!("review-shape-{n}"));
        write(&ws, "corpus/a.md", ARTICLE);
        write(&ws, "claims/review.yaml", bad);
        let line = assert_error(&ws, &verify(&ws, &[]), "claims/review.yaml:");
        assert!(line.contains("acknowledged"), "says what is expected: {line}");
        assert_eq!(&fs::read_to_string(ws.join("claims/review.yaml")).unwrap(), bad);
    }
}

#[test]
fn an_empty_corpus_is_an_error_that_says_so() {
    let ws = workspace("empty-corpus");
    let line = assert_error(&ws, &verify(&ws, &[]), "corpus: ");
    assert!(line.contains("no articles"), "{line}");
    // Only files that are not articles: the same, and the skipped ones are named.
    write(&ws, "corpus/photo.jpg", [0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
    write(&ws, "corpus/blob.md", [0x89, b'P', b'N', b'G', 0, 0, 0, 13]);
    let line = assert_error(&ws, &verify(&ws, &[]), "corpus: ");
    assert!(line.contains("corpus/blob.md"), "{line}");
    // No corpus/ at all.
    let ws = workspace("no-corpus");
    fs::remove_dir(ws.join("corpus")).unwrap();
    let out = verify(&ws, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no corpus/ folder"), "{}", stderr(&out));
}

#[test]
fn an_unreadable_corpus_folder_is_an_error_naming_it() {
    use std::os::unix::fs::PermissionsExt;
    let ws = workspace("unreadable");
    write(&ws, "corpus/locked/a.md", ARTICLE);
    write(&ws, "corpus/b.md", ARTICLE.replace("30", "40"));
    let locked = ws.join("corpus/locked");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read_dir(&locked).is_ok() {
        // Running as root: permissions do not stop us, so this case cannot be tested here.
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
        eprintln!("skipped: the tests run as root, which reads a folder whatever its mode");
        return;
    }
    let out = verify(&ws, &[]);
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
    let line = assert_error(&ws, &out, "corpus/locked: ");
    assert!(line.to_lowercase().contains("permission"), "{line}");
}

// --- warnings: the file is named and the run goes on -------------------------------------------

#[test]
fn bytes_that_are_not_utf8_are_read_in_place_with_a_warning() {
    let ws = workspace("not-utf8");
    // A two-byte é cut in half, a three-byte € missing its last byte, a lone continuation
    // byte: all before the claims, so every later span would shift if decoding moved bytes.
    let mut bytes = b"---\npublished: 2016-05-04\n---\nCaf\xc3 owner \xe2\x82 and \x80 others:\n\n".to_vec();
    bytes.extend_from_slice(&ARTICLE.as_bytes()[30..]);
    write(&ws, "corpus/a.md", &bytes);
    let out = verify(&ws, &[]);
    let line = assert_warned(&ws, &out, "corpus/a.md", "not valid UTF-8");
    assert!(line.contains("line 4") && line.contains("4 bad bytes"), "{line}");
    assert!(
        assert_spans_match_disk(&ws) >= 2,
        "the claims after the bad bytes are found"
    );
}

#[test]
fn binary_files_are_skipped_with_a_warning() {
    let ws = workspace("binary");
    write(&ws, "corpus/good.md", ARTICLE);
    write(&ws, "corpus/nul.md", b"Some text\0with a NUL byte.\n");
    write(
        &ws,
        "corpus/image.md",
        [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n', 0xff, 0xfe, 0xfd],
    );
    let mut utf16 = vec![0xff, 0xfe];
    for u in "At least 30 people died.".encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    write(&ws, "corpus/utf16.txt", &utf16);
    let out = verify(&ws, &[]);
    assert_warned(&ws, &out, "corpus/nul.md", "NUL");
    assert_warned(&ws, &out, "corpus/image.md", "binary");
    assert_warned(&ws, &out, "corpus/utf16.txt", "UTF-16");
    let r = report(&ws);
    assert_eq!(
        r["sources"].as_array().unwrap().len(),
        1,
        "only the good article is read"
    );
}

#[test]
fn a_utf8_bom_keeps_front_matter_and_spans_on_disk() {
    let ws = workspace("bom");
    write(&ws, "corpus/a.md", format!("\u{feff}{ARTICLE}"));
    let out = verify(&ws, &[]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
    let r = report(&ws);
    assert_eq!(
        r["sources"][0]["published"], "2016-05-04",
        "front matter read after the BOM"
    );
    assert!(assert_spans_match_disk(&ws) >= 2);
}

#[test]
fn crlf_line_endings_keep_spans_and_lines_on_disk() {
    let ws = workspace("crlf");
    let text = "---\r\npublished: 2016-05-04\r\ntimezone: Asia/Damascus\r\n---\r\nHeadline\r\n\r\nAt least 30 people were killed on Tuesday in Aleppo, the Syrian Observatory said.\r\nMore than 40 were hurt, officials said.\r\n";
    write(&ws, "corpus/a.md", text);
    let out = verify(&ws, &[]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
    assert!(assert_spans_match_disk(&ws) >= 2);
    let r = report(&ws);
    assert_eq!(r["sources"][0]["published"], "2016-05-04");
}

#[test]
fn empty_articles_are_warned_about() {
    let ws = workspace("empty-articles");
    write(&ws, "corpus/good.md", ARTICLE);
    write(&ws, "corpus/zero.md", "");
    write(&ws, "corpus/front-only.md", "---\npublished: 2016-05-04\n---\n");
    write(&ws, "corpus/blank.txt", "\n\n   \n");
    let out = verify(&ws, &[]);
    assert_warned(&ws, &out, "corpus/zero.md", "empty");
    assert_warned(&ws, &out, "corpus/front-only.md", "front matter only");
    assert_warned(&ws, &out, "corpus/blank.txt", "empty");
    assert_eq!(report(&ws)["sources"].as_array().unwrap().len(), 4);
}

#[test]
fn odd_entries_in_corpus_are_walked_or_passed_over_calmly() {
    use std::os::unix::fs::symlink;
    let ws = workspace("odd-entries");
    write(&ws, "corpus/good.md", ARTICLE);
    // A folder named like an article is a folder.
    write(&ws, "corpus/folder.md/inner.md", ARTICLE.replace("30", "31"));
    // A symlink loop, a link out of the corpus, a link to an article: none is followed.
    symlink(".", ws.join("corpus/loop")).unwrap();
    symlink("/etc", ws.join("corpus/etc")).unwrap();
    symlink("good.md", ws.join("corpus/link.md")).unwrap();
    symlink("missing.md", ws.join("corpus/dangling.md")).unwrap();
    // A named pipe called x.md: reading it would block forever.
    let fifo = ws.join("corpus/pipe.md");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    let out = verify(&ws, &[]);
    for link in ["corpus/loop", "corpus/etc", "corpus/link.md", "corpus/dangling.md"] {
        assert_warned(&ws, &out, link, "symbolic link; not followed");
    }
    let r = report(&ws);
    let ids: Vec<&str> = r["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["folder.md/inner", "good"]);
    if made.is_ok_and(|s| s.success()) {
        assert!(fifo.exists(), "the pipe was passed over, not read");
    }
}

#[test]
fn file_names_with_spaces_and_unicode_give_safe_ids() {
    let ws = workspace("names");
    write(&ws, "corpus/Reuters 4 May (update).md", ARTICLE);
    write(&ws, "corpus/Дамаск/ünïcode – story.txt", ARTICLE.replace("30", "32"));
    let out = verify(&ws, &[]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
    let r = report(&ws);
    let ids: Vec<&str> = r["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["Reuters-4-May-update", "Дамаск/ünïcode-story"]);
    assert!(ws.join("claims/Reuters-4-May-update.yaml").exists());
    assert!(ws.join("claims/Дамаск/ünïcode-story.yaml").exists());
    assert_eq!(r["sources"][0]["path"], "corpus/Reuters 4 May (update).md");
}

#[test]
fn an_acknowledgement_of_no_finding_is_a_warning() {
    let ws = seed_workspace("bad-input-review-unknown");
    let review = "acknowledged:\n  - finding: conflict-doesnotexist\n    note: typo\n";
    write(&ws, "claims/review.yaml", review);
    let out = verify(&ws, &[]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "the seeds' conflict still fails: {}",
        stderr(&out)
    );
    let line = assert_warned(&ws, &out, "claims/review.yaml", "conflict-doesnotexist");
    assert!(line.contains("not a finding"), "{line}");
    assert_eq!(fs::read_to_string(ws.join("claims/review.yaml")).unwrap(), review);
    // Machine formats print the warning on stderr and keep stdout clean.
    let out = verify(&ws, &["--format", "json"]);
    assert!(
        stderr(&out).contains("crosscheck: warning: claims/review.yaml:"),
        "{}",
        stderr(&out)
    );
    serde_json::from_slice::<Value>(&out.stdout).expect("stdout is only the JSON");
}

#[test]
fn mentions_command_reads_bad_files_the_same_way() {
    let dir = workspace("mentions-cmd");
    let f = dir.join("a b.txt");
    fs::write(&f, b"Caf\xc3 at least 30 people died, police said.").unwrap();
    let out = bin()
        .arg("mentions")
        .arg(&f)
        .args(["--published", "2016-05-04"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("not valid UTF-8"), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let q = v[0]["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["kind"] == "quantity")
        .unwrap();
    assert_eq!(q["span"]["start"], 5, "byte offset in the file, after the one bad byte");
    let bad = dir.join("bad.md");
    fs::write(&bad, "---\npublished: someday\n---\nx").unwrap();
    let out = bin().arg("mentions").arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("bad.md:2: published"), "{}", stderr(&out));
}

#[test]
fn mentions_output_is_streamed_in_the_one_pretty_json_form() {
    // Written a file at a time: the bytes are still exactly one pretty-printed JSON value
    // (what `serde_json::to_string_pretty` of the whole array gives, and a newline).
    let dir = workspace("mentions-stream");
    let a = dir.join("a.md");
    fs::write(&a, ARTICLE).unwrap();
    let empty = dir.join("empty.md");
    fs::write(&empty, "").unwrap();
    let b = dir.join("b.txt");
    fs::write(&b, "Talks began on Monday and lasted 48 hours, Reuters reported.").unwrap();
    for files in [vec![&a, &empty, &b], vec![&empty], vec![&b, &a]] {
        let out = bin().arg("mentions").args(&files).output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(stdout(&out), serde_json::to_string_pretty(&v).unwrap() + "\n");
        let listed: Vec<&str> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["file"].as_str().unwrap())
            .collect();
        let want: Vec<String> = files.iter().map(|f| f.to_string_lossy().into_owned()).collect();
        assert_eq!(listed, want);
    }
    // A file that cannot be read is an error before anything is printed.
    let out = bin()
        .arg("mentions")
        .arg(&a)
        .arg(dir.join("missing.md"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "{}", stdout(&out));
}

#[test]
fn mentions_stops_quietly_when_its_reader_goes_away() {
    // `crosscheck mentions big.md | head -1`: no panic, no error, exit 0.
    let dir = workspace("mentions-pipe");
    let f = dir.join("big.md");
    fs::write(&f, ARTICLE.repeat(2_000)).unwrap();
    let mut child = bin()
        .arg("mentions")
        .arg(&f)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 1];
    std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
    assert_eq!(&first, b"[");
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
}

// --- pathological sizes: generated here, behaviour asserted (times are in the script) -------

mod sizes {
    use crosscheck::mentions::Lexicon;
    use crosscheck::span::Span;
    use crosscheck::{corpus, text, verify};

    const SENTENCE: &str = "On Tuesday at least 30 people were killed in Aleppo, the Syrian Observatory said. ";

    fn article(body: &str) -> corpus::Source {
        let text = format!("---\npublished: 2016-05-04\n---\n{body}");
        corpus::parse_source("corpus/big.md", "big.md", text, String::new()).unwrap()
    }

    /// Debug builds are slow: the test runs 1 MB here (about 12,000 sentences on one line);
    /// scripts/bad-input-sizes.sh runs the full 5 MB in release and times it.
    #[test]
    fn a_long_article_on_one_line_is_split_and_every_mention_found() {
        let n = 1_000_000 / SENTENCE.len();
        let source = article(&SENTENCE.repeat(n));
        assert_eq!(source.lines.line(source.text.len()), 4, "no line break in the body");
        let lexicon = Lexicon::builtin();
        let ex = verify::extract(&source, &lexicon);
        assert_eq!(ex.sentences.len(), n);
        let count = |kind: &str| ex.mentions.iter().filter(|m| m.kind() == kind).count();
        assert_eq!(count("quantity"), n, "one toll per sentence");
        assert_eq!(count("time"), n, "one Tuesday per sentence");
        assert_eq!(count("speaker"), n, "one attribution per sentence");
        // The last mention's column is right on the very long line.
        let last = ex.mentions.iter().max_by_key(|m| m.span.start).unwrap();
        let (line, col) = source.line_col(last.span.start);
        let line_start = source.text[..last.span.start].rfind('\n').unwrap() + 1;
        assert_eq!(
            (line, col),
            (4, source.text[line_start..last.span.start].chars().count() + 1)
        );
    }

    #[test]
    fn a_sentence_repeated_100000_times_gives_100000_sentences() {
        let body = SENTENCE.repeat(100_000);
        let out = text::sentences(&body, Span::new(0, body.len()));
        assert_eq!(out.len(), 100_000);
        assert!(out.windows(2).all(|w| w[0].span.end <= w[1].span.start));
        assert_eq!(out[99_999].span.text(&body), SENTENCE.trim_end());
        // The same with a quotation that never closes and a line break after every sentence.
        let body = format!("\"{}", "He said it would hold. \n".repeat(100_000));
        let out = text::sentences(&body, Span::new(0, body.len()));
        assert_eq!(out.len(), 100_000);
        assert!(out[1..].iter().all(|s| s.continues_quote));
    }

    /// Pieces of at most `text::MAX_SENTENCE` bytes, in order, that cover all but whitespace.
    fn assert_bounded_cover(body: &str) -> usize {
        let out = text::sentences(body, Span::new(0, body.len()));
        let mut at = 0;
        for s in &out {
            assert!(s.span.len() <= text::MAX_SENTENCE, "{:?}", s.span);
            assert!(
                body[at..s.span.start].trim().is_empty(),
                "nothing but space is left out"
            );
            at = s.span.end;
        }
        assert!(body[at..].trim().is_empty());
        out.len()
    }

    #[test]
    fn runs_of_punctuation_and_text_without_any_space_stay_one_pass() {
        // A million dots, a million "a." with no space, a megabyte with no sentence end and
        // many line breaks after commas, 250,000 abbreviations: each is cut into bounded
        // pieces (in one pass: the script times the full sizes).
        for body in [
            ".".repeat(1_000_000),
            "a.".repeat(500_000),
            "and then, \n".repeat(100_000),
            "Mr. ".repeat(250_000),
        ] {
            let pieces = assert_bounded_cover(&body);
            assert!(pieces >= body.len() / text::MAX_SENTENCE, "{pieces}");
        }
    }

    /// Many tiny files: every one read, one claims file each. (50,000 in the script, with
    /// peak memory; 2,000 here.)
    #[test]
    fn a_corpus_of_many_tiny_files_is_read_whole() {
        let ws = super::workspace("many-files");
        for i in 0..2_000 {
            super::write(
                &ws,
                &format!("corpus/{:02}/{i}.md", i % 50),
                format!("At least {i} people died, police said.\n"),
            );
        }
        let out = super::verify(&ws, &["--format", "json"]);
        assert!(matches!(out.status.code(), Some(0 | 1)), "{}", super::stderr(&out));
        let r = super::report(&ws);
        assert_eq!(r["sources"].as_array().unwrap().len(), 2_000);
        assert!(ws.join("claims/49/1999.yaml").exists());
    }
}

// --- atomic writes: a run killed mid-way leaves every output whole --------------------------

mod killed {
    use std::collections::BTreeMap;
    use std::fs;
    use std::path::Path;
    use std::time::{Duration, Instant, SystemTime};

    /// Every file under `dir`, relative path → bytes.
    fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
        fn go(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
            let Ok(entries) = fs::read_dir(dir) else { return };
            for e in entries {
                let p = e.unwrap().path();
                if p.is_dir() {
                    go(root, &p, out);
                } else {
                    let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
                    out.insert(rel, fs::read(&p).unwrap());
                }
            }
        }
        let mut out = BTreeMap::new();
        go(dir, dir, &mut out);
        out
    }

    fn outputs(ws: &Path) -> BTreeMap<String, Vec<u8>> {
        let mut all = BTreeMap::new();
        for sub in ["claims", "reports"] {
            for (k, v) in snapshot(&ws.join(sub)) {
                all.insert(format!("{sub}/{k}"), v);
            }
        }
        all
    }

    /// The corpus in one of two versions: every article's toll differs between them, so that
    /// every claims file and every report changes from one to the other.
    fn write_corpus(ws: &Path, version: u32) {
        let _ = fs::remove_dir_all(ws.join("corpus"));
        for i in 0..80 {
            super::write(
                ws,
                &format!("corpus/{i:03}.md"),
                format!(
                    "---\npublished: 2016-05-04\n---\nAt least {} people were killed on Tuesday in an air strike on Aleppo, the Syrian Observatory said.\n\nThe truce began on Wednesday, officials said. More than {} were hurt.\n",
                    i + version,
                    2 * i + version
                ),
            );
        }
    }

    fn run(ws: &Path) {
        let out = super::verify(ws, &["--format", "json"]);
        assert!(matches!(out.status.code(), Some(0 | 1)), "{}", super::stderr(&out));
    }

    /// A process id that is no longer alive: a child that has exited and been waited for.
    fn dead_pid() -> u32 {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        pid
    }

    /// Writes `bytes` at `rel` in `ws` and dates the file `age` back.
    fn leftover(ws: &Path, rel: &str, bytes: &[u8], age: Duration) -> std::path::PathBuf {
        super::write(ws, rel, bytes);
        let p = ws.join(rel);
        let f = fs::File::options().write(true).open(&p).unwrap();
        f.set_modified(SystemTime::now() - age).unwrap();
        p
    }

    #[test]
    fn stale_temporary_files_of_killed_runs_are_removed_and_never_read() {
        let reference = super::workspace("leftovers-reference");
        let ws = super::workspace("leftovers");
        for w in [&reference, &ws] {
            super::write(w, "corpus/a.md", super::ARTICLE);
            super::write(w, "corpus/sub/b.md", super::ARTICLE.replace("30", "40"));
        }
        run(&reference);
        let dead = dead_pid();
        let me = std::process::id(); // alive for as long as the test runs
        let min = Duration::from_secs(60);
        // Torn outputs of a killed run, beside every kind of output the tool writes: half a
        // claims file (of a source that exists), half a report, half the cache.
        let claims = fs::read(reference.join("claims/a.yaml")).unwrap();
        let report = fs::read(reference.join("reports/report.json")).unwrap();
        let torn = [
            leftover(
                &ws,
                &format!("claims/.a.yaml.tmp-{dead}"),
                &claims[..claims.len() / 2],
                min * 2,
            ),
            leftover(
                &ws,
                &format!("claims/sub/.b.yaml.tmp-{dead}"),
                b"source: sub/b\nclaims: [",
                min * 2,
            ),
            leftover(
                &ws,
                &format!("reports/.report.json.tmp-{dead}"),
                &report[..report.len() / 2],
                min * 2,
            ),
            leftover(
                &ws,
                &format!("reports/.report.md.tmp-{me}"),
                b"# half",
                Duration::from_secs(2 * 3600),
            ),
            leftover(
                &ws,
                &format!(".crosscheck/.cache.tmp-{dead}"),
                b"crosscheck-cache",
                min * 2,
            ),
        ];
        // Not stale yet, or not the tool's: each left exactly as it is.
        let kept = [
            leftover(&ws, &format!("claims/.a.yaml.tmp-{dead}0"), b"x", Duration::ZERO),
            leftover(
                &ws,
                &format!("reports/.report.json.tmp-{me}"),
                b"being written",
                min * 30,
            ),
            leftover(&ws, "claims/.notes.tmp-draft", b"a person's", min * 600),
            leftover(&ws, &format!("claims/notes.tmp-{dead}"), b"a person's", min * 600),
            leftover(
                &ws,
                &format!("corpus/.a.md.tmp-{dead}"),
                b"not a folder the tool writes",
                min * 600,
            ),
            leftover(&ws, &format!("elsewhere/.x.yaml.tmp-{dead}"), b"outside", min * 600),
        ];
        // A symbolic link inside claims/ to a folder outside: never followed.
        std::os::unix::fs::symlink(ws.join("elsewhere"), ws.join("claims/link")).unwrap();
        // A run that stops on bad input writes nothing and removes nothing.
        super::write(&ws, "corpus/bad.md", "---\nauthr: x\n---\ntext\n");
        let out = super::verify(&ws, &[]);
        assert_eq!(out.status.code(), Some(2), "{}", super::stderr(&out));
        assert!(torn.iter().chain(&kept).all(|p| p.exists()), "an error removes nothing");
        fs::remove_file(ws.join("corpus/bad.md")).unwrap();
        // The run: outputs exactly those of a workspace that never saw a killed run.
        run(&ws);
        for p in &torn {
            assert!(!p.exists(), "{} is stale and removed", p.display());
        }
        for p in &kept {
            assert!(p.exists(), "{} is kept", p.display());
        }
        let strip = |m: BTreeMap<String, Vec<u8>>| -> BTreeMap<String, Vec<u8>> {
            m.into_iter()
                .filter(|(p, _)| !p.contains(".tmp-") && !p.contains("link"))
                .collect()
        };
        let (got, want) = (strip(outputs(&ws)), strip(outputs(&reference)));
        assert_eq!(got.keys().collect::<Vec<_>>(), want.keys().collect::<Vec<_>>());
        assert!(got == want, "the outputs are those of a run that never met a torn file");
        assert!(got.contains_key("claims/a.yaml") && got.contains_key("reports/report.json"));
    }

    #[test]
    fn a_run_killed_mid_way_leaves_old_or_new_files_whole_and_the_next_run_succeeds() {
        // What the outputs are before (version 1) and after (version 2) a complete run.
        let ws = super::workspace("killed");
        write_corpus(&ws, 1);
        let started = Instant::now();
        run(&ws);
        let full_run = started.elapsed();
        // Give every output an older modification time than the runs below will.
        std::thread::sleep(std::time::Duration::from_millis(20));
        let old = outputs(&ws);
        let reference = super::workspace("killed-reference");
        write_corpus(&reference, 2);
        run(&reference);
        let new = outputs(&reference);
        assert_eq!(old.len(), new.len());
        assert!(old.iter().all(|(k, v)| new.get(k) != Some(v)), "every file changes");

        // Kill runs on version 2 while they write: the moment the first claims file is
        // renamed into place (claims/ changes), then a little later each time.
        write_corpus(&ws, 2);
        let dir_stamp = || fs::metadata(ws.join("claims")).and_then(|m| m.modified()).ok();
        let mut mixed = 0;
        for step in 0..6u32 {
            let (mut n_old, mut n_new) = (0, 0);
            let before = dir_stamp();
            let mut child = super::bin()
                .arg("verify")
                .arg(&ws)
                .args(["--format", "json"])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap();
            let started = Instant::now();
            while dir_stamp() == before && started.elapsed() < full_run * 4 {
                std::thread::sleep(std::time::Duration::from_micros(200));
            }
            std::thread::sleep(std::time::Duration::from_micros(300) * step);
            let _ = child.kill();
            let _ = child.wait();
            for (path, bytes) in outputs(&ws) {
                let name = path.rsplit('/').next().unwrap();
                if name.starts_with('.') {
                    // A temporary file of the killed run: hidden, never read as claims or
                    // reports, and replaced by the next run's own.
                    assert!(name.contains(".tmp-"), "{path}");
                    continue;
                }
                let is_old = old.get(&path) == Some(&bytes);
                let is_new = new.get(&path) == Some(&bytes);
                assert!(
                    is_old || is_new,
                    "{path} is neither the old file nor the new one, whole"
                );
                n_old += usize::from(is_old);
                n_new += usize::from(is_new);
            }
            mixed += usize::from(n_old > 0 && n_new > 0);
            // Back to the old outputs, so that the next kill again finds old files to replace.
            for (path, bytes) in &old {
                fs::write(ws.join(path), bytes).unwrap();
            }
        }
        // How many kills landed mid-way through the writes depends on the machine's speed.
        eprintln!("{mixed} of 6 kills left some files old and some new");
        // The next run succeeds and gives exactly what an uninterrupted run gives.
        run(&ws);
        let after: BTreeMap<String, Vec<u8>> = outputs(&ws)
            .into_iter()
            .filter(|(p, _)| !p.rsplit('/').next().unwrap().starts_with('.'))
            .collect();
        assert_eq!(after.keys().collect::<Vec<_>>(), new.keys().collect::<Vec<_>>());
        assert!(
            after == new,
            "the run after the kills gives the uninterrupted run's bytes"
        );
    }
}

#[test]
fn a_bad_sources_yaml_names_its_line_and_writes_nothing() {
    let body = "At least 30 people were killed on Tuesday in an air strike on Aleppo.\n";
    for (n, (listing, line, words)) in [
        (
            "sources:\n  - file: a.txt\n    publisher: AP\n",
            3,
            "unknown field `publisher`",
        ),
        (
            "sources:\n  - file: a.txt\n  - file: gone.txt\n    published: 2016-05-04\n",
            3,
            "not an article",
        ),
        ("sources:\n  - file: a.txt\n    published: May 4th\n", 2, "published:"),
        (
            "sources:\n  - file: a.txt\n    timezone: Mars/Olympus\n",
            2,
            "unknown time zone",
        ),
        ("sources:\n  - file: ../../etc/passwd\n", 2, "inside this folder"),
        ("sources:\n  - file: a.txt\n    id: ../x\n", 2, "safe"),
        ("sources: [\n", 2, ""),
    ]
    .into_iter()
    .enumerate()
    {
        let ws = workspace(&format!("sidecar-{n}"));
        write(&ws, "corpus/a.txt", body);
        write(&ws, "corpus/sources.yaml", listing);
        let before = fs::read(ws.join("corpus/sources.yaml")).unwrap();
        let got = assert_error(&ws, &verify(&ws, &[]), &format!("corpus/sources.yaml:{line}: "));
        assert!(got.contains(words), "{listing:?}: {got}");
        assert!(!ws.join("claims").exists(), "{listing:?}: nothing is written");
        assert_eq!(fs::read(ws.join("corpus/sources.yaml")).unwrap(), before);
    }
}

#[test]
fn a_missing_file_is_named_once_with_its_reason_once() {
    let ws = workspace("missing-file");
    let missing = ws.join("corpus/nowhere.md");
    let out = bin()
        .args(["mentions"])
        .arg(&missing)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.starts_with("crosscheck: error: "), "{err}");
    assert_eq!(err.matches("nowhere.md").count(), 1, "{err}");
    assert_eq!(err.matches("(os error").count(), 1, "the reason once: {err}");
}
