//! The reports people read (Markdown, the HTML page, the terminal, the graph), tested end to end
//! on the demo corpus and on hostile articles. The seed reports are golden files under
//! `tests/golden/`; after an intended change, regenerate them with
//! `UPDATE_GOLDEN=1 cargo test --test reports` and review the diff.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_crosscheck"))
}

fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("reports-{name}"));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("corpus")).unwrap();
    dir
}

/// A fresh workspace holding a copy of the repository's demo corpus.
fn seed_workspace(name: &str) -> PathBuf {
    let dir = scratch(name);
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    for e in fs::read_dir(src).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "md") {
            fs::copy(&p, dir.join("corpus").join(p.file_name().unwrap())).unwrap();
        }
    }
    dir
}

fn verify(ws: &Path) -> Output {
    bin().arg("verify").arg(ws).env("NO_COLOR", "1").output().unwrap()
}

fn read(ws: &Path, rel: &str) -> String {
    fs::read_to_string(ws.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The `<section id="…">` … `</section>` part of the page.
fn section<'a>(html: &'a str, id: &str) -> &'a str {
    let open = format!("<section id=\"{id}\">");
    let start = html.find(&open).unwrap_or_else(|| panic!("no section {id}"));
    let end = html[start..].find("</section>").unwrap() + start;
    &html[start..end]
}

#[test]
fn seed_reports_match_the_golden_files() {
    let ws = seed_workspace("golden");
    let out = verify(&ws);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/seeds");
    for name in ["report.md", "report.html"] {
        let got = read(&ws, &format!("reports/{name}"));
        let path = golden.join(name);
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            fs::create_dir_all(&golden).unwrap();
            fs::write(&path, &got).unwrap();
            continue;
        }
        let want = fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e}; run UPDATE_GOLDEN=1 cargo test --test reports", path.display()));
        if got != want {
            let diff = similar::TextDiff::from_lines(&want, &got);
            let shown: String = diff
                .unified_diff()
                .context_radius(2)
                .header("golden", "now")
                .to_string()
                .lines()
                .take(60)
                .collect::<Vec<_>>()
                .join("\n");
            panic!("{name} differs from {}:\n{shown}", path.display());
        }
    }
}

#[test]
fn reports_are_byte_identical_for_the_same_workspace() {
    let a = seed_workspace("same-a");
    let b = seed_workspace("same-b");
    verify(&a);
    verify(&b);
    // Running again on a workspace that already has claims and reports changes nothing.
    verify(&b);
    for name in ["report.md", "report.html", "report.json"] {
        let (x, y) = (
            read(&a, &format!("reports/{name}")),
            read(&b, &format!("reports/{name}")),
        );
        assert!(x == y, "{name} differs between two runs on the same corpus");
    }
}

#[test]
fn seed_markdown_shows_the_start_conflict_with_quotes_speakers_and_dates() {
    let ws = seed_workspace("md");
    verify(&ws);
    let md = read(&ws, "reports/report.md");
    let conflicts = &md[md.find("## Conflicts").expect("a conflicts section")..];
    let conflicts = &conflicts[..conflicts.find("\n## ").map_or(conflicts.len(), |i| i + 1)];
    // Conflicts come before every other kind of finding.
    assert!(md.find("## Conflicts") < md.find("## Disputes"));
    for want in [
        "**United States** says",
        "**Syrian military** says",
        "2016-05-04T00:01:00+03:00, Wednesday",
        "2016-05-05, Thursday",
        "**12.01 am on Wednesday Damascus time**",
        "The Syrian military says **Thursday** will be the first day",
        "regime of calm",
        "48 hours",
        "corpus/002_c5171bf4bee90419.md:13",
        "do not overlap",
    ] {
        assert!(
            conflicts.contains(want),
            "conflict section lacks {want:?}:\n{conflicts}"
        );
    }
    // The summary line counts sources, claims and findings by kind.
    let summary = md.lines().find(|l| l.contains("sources,")).unwrap();
    assert!(
        summary.starts_with("3 sources,") && summary.contains("1 conflict"),
        "{summary}"
    );
    // Per-source tables are in reading order.
    let table = &md[md
        .find("### 002_c5171bf4bee90419")
        .or_else(|| md.find("### 002\\_c5171bf4bee90419"))
        .unwrap()..];
    let lines: Vec<usize> = table
        .lines()
        .skip_while(|l| !l.starts_with("|---"))
        .skip(1)
        .take_while(|l| l.starts_with('|'))
        .map(|l| l.split('|').nth(1).unwrap().trim().parse().unwrap())
        .collect();
    assert!(lines.len() > 3 && lines.windows(2).all(|w| w[0] <= w[1]), "{lines:?}");
}

#[test]
fn seed_page_shows_the_conflict_side_by_side_with_differences_marked() {
    let ws = seed_workspace("html");
    verify(&ws);
    let html = read(&ws, "reports/report.html");
    assert!(html.starts_with("<!DOCTYPE html>"));
    let findings = section(&html, "findings");
    let conflict = &findings[findings
        .find("<article class=\"finding conflict\"")
        .expect("a conflict")..];
    let conflict = &conflict[..conflict.find("</article>").unwrap()];
    assert!(conflict.matches("<div class=\"version\">").count() >= 2);
    for want in [
        "United States",
        "Syrian military",
        "2016-05-04T00:01:00+03:00, Wednesday",
        "2016-05-05, Thursday",
        "regime of calm",
        "48 hours",
        "corpus/002_c5171bf4bee90419.md:13:",
        // The claim's own words, and words that differ between the versions' quotes.
        "<span class=\"claim-words\">",
        "<mark class=\"diff\">",
    ] {
        assert!(conflict.contains(want), "conflict lacks {want:?}:\n{conflict}");
    }
    // The timeline draws the truce's start claims on one axis, one row per claim.
    let timeline = section(&html, "timeline");
    assert!(timeline.contains("<svg"), "no timeline drawing");
    assert!(timeline.matches("class=\"bar start\"").count() >= 3);
    // The claim graph is inline SVG with a red arc for the conflict.
    let graph = section(&html, "graph");
    assert!(graph.contains("<svg") && graph.contains("class=\"e conflict\""));
}

#[test]
fn the_page_is_self_contained() {
    let ws = seed_workspace("self-contained");
    verify(&ws);
    let html = read(&ws, "reports/report.html").to_lowercase();
    for banned in [
        "<script", "<link", "<img", "<iframe", "@import", "url(", "src=", "http://", "https://",
    ] {
        // The SVG namespace is an identifier, not a request.
        let n = html.matches(banned).count()
            - html.matches("xmlns=\"http://www.w3.org/2000/svg\"").count() * usize::from(banned == "http://");
        assert_eq!(n, 0, "the page refers to something outside itself: {banned}");
    }
}

const HOSTILE: &str = r#"---
title: <script>alert("title")</script> & "quotes" 'too'
outlet: Evil <b>Press</b>
url: javascript:alert(1)
published: 2016-05-04
---
<script>alert("body")</script> The ceasefire took effect on Wednesday, officials said. <img src=x onerror=alert(2)>

The army said the <i>ceasefire</i> would start on Thursday and last 48 hours. </textarea><svg onload=alert(3)>
"#;

#[test]
fn hostile_article_text_and_metadata_are_escaped() {
    let ws = scratch("hostile");
    fs::write(ws.join("corpus/evil.md"), HOSTILE).unwrap();
    fs::write(
        ws.join("corpus/plain.md"),
        "---\npublished: 2016-05-04\n---\nThe ceasefire began on Wednesday, the government said.\n",
    )
    .unwrap();
    let out = verify(&ws);
    assert!(out.status.code() != Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    let html = read(&ws, "reports/report.html");
    let lower = html.to_lowercase();
    for banned in [
        "<script",
        "<img",
        "<b>",
        "<i>",
        "</textarea",
        "<svg onload",
        "href=\"javascript",
    ] {
        assert!(!lower.contains(banned), "unescaped {banned:?} in report.html");
    }
    // The title and the metadata are shown, as text.
    assert!(
        html.contains("&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;"),
        "title not shown escaped"
    );
    assert!(
        html.contains("Evil &lt;b&gt;Press&lt;/b&gt;"),
        "outlet not shown escaped"
    );
    assert!(html.contains("javascript:alert(1)"), "url not shown");
    // Claims from the hostile article were extracted and their quotes are shown escaped.
    assert!(
        html.contains("&lt;i&gt;ceasefire&lt;/i&gt;"),
        "hostile quote missing:\n{html}"
    );
    // Markdown keeps the tags inert too.
    let md = read(&ws, "reports/report.md");
    assert!(!md.contains("<script>") && !md.contains("<i>"), "raw tags in report.md");
    // The graph's DOT stays well formed.
    let dot = bin().arg("graph").arg(&ws).args(["--format", "dot"]).output().unwrap();
    assert_eq!(dot.status.code(), Some(0));
    assert_dot_well_formed(&String::from_utf8(dot.stdout).unwrap());
}

/// Every statement of the DOT is a node or an edge whose quoted strings are properly escaped.
fn assert_dot_well_formed(dot: &str) {
    let quoted = r#""(?:[^"\\\n]|\\.)*""#;
    let node = regex::Regex::new(&format!(r"^  n\d+ \[label={quoted}, shape=\w+\];$")).unwrap();
    let edge = regex::Regex::new(&format!(
        r"^  n\d+ -> n\d+ \[label={quoted}(, color=\w+, dir=both)?\];$"
    ))
    .unwrap();
    let mut lines = dot.lines();
    assert_eq!(lines.next(), Some("digraph claims {"));
    assert!(dot.ends_with("}\n"));
    let body: Vec<&str> = lines.filter(|l| *l != "}").collect();
    assert!(body.iter().filter(|l| node.is_match(l)).count() > 1, "no nodes:\n{dot}");
    for l in body {
        assert!(
            node.is_match(l)
                || edge.is_match(l)
                || l.trim_start().starts_with("rankdir")
                || l.trim_start().starts_with("node ["),
            "malformed DOT line: {l}"
        );
    }
}

#[test]
fn graph_dot_of_the_seeds_is_a_well_formed_digraph_with_the_conflict() {
    let ws = seed_workspace("dot");
    let out = bin().arg("graph").arg(&ws).args(["--format", "dot"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let dot = String::from_utf8(out.stdout).unwrap();
    assert_dot_well_formed(&dot);
    assert!(dot.contains("label=\"conflicts-with\""));
    assert!(dot.contains("speaker\\nSyrian military"));
}

#[test]
fn terminal_points_at_the_words_and_colours_only_when_asked() {
    let ws = seed_workspace("terminal");
    let run = crosscheck::verify::analyse(&ws).unwrap();
    let plain = crosscheck::report::terminal::render_with(&run, false);
    assert!(!plain.contains('\u{1b}'), "escape codes without colour");
    // rustc-style: a header, an arrow to file:line:col, the line, and carets under the words.
    assert!(plain.contains("error[conflict]:"), "{plain}");
    assert!(plain.contains("--> corpus/"), "{plain}");
    assert!(plain.contains("corpus/002_c5171bf4bee90419.md:12:"), "{plain}");
    let thursday = plain
        .lines()
        .position(|l| l.contains("The Syrian military says Thursday will be"))
        .expect("the quoted line");
    let carets = plain.lines().nth(thursday + 1).unwrap();
    let line = plain.lines().nth(thursday).unwrap();
    let col = line.find("Thursday").unwrap();
    assert_eq!(
        &carets[col..col + 8],
        "^^^^^^^^",
        "carets not under Thursday:\n{line}\n{carets}"
    );
    assert!(
        carets.contains("start = 2016-05-05, Thursday (Syrian military)"),
        "{carets}"
    );
    let coloured = crosscheck::report::terminal::render_with(&run, true);
    assert!(coloured.contains('\u{1b}'));
    // The binary never colours when NO_COLOR is set (and tests do not run on a terminal).
    let out = verify(&ws);
    assert!(!String::from_utf8_lossy(&out.stdout).contains('\u{1b}'));
}
