//! Where extraction time goes, recogniser by recogniser, on real news: every sentence of the
//! ECB+ articles (shared data, not part of this repository) through each recogniser, timed
//! against a baseline measured in the same run (one `regex` scan for digits over the same
//! sentences), so the figures are ratios that hold on a noisy machine.
//!
//! ```sh
//! cargo run --release --example recogniser_speed -- ../shared/data/ecbplus/ecbplus_clusters.jsonl [PASSES [NAME]]
//! ```

use std::time::Instant;

use crosscheck::mentions::{duration, entity, quantity, speaker, time, Lexicon};
use crosscheck::text;
use serde::Deserialize;

#[derive(Deserialize)]
struct Cluster {
    docs: Vec<Doc>,
}

#[derive(Deserialize)]
struct Doc {
    text: String,
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .unwrap_or_else(|| "../shared/data/ecbplus/ecbplus_clusters.jsonl".into());
    let passes: usize = args.next().and_then(|p| p.parse().ok()).unwrap_or(3);
    // An optional name runs only that recogniser (and the baseline), for profiling.
    let only = args.next();
    let data = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut sentences: Vec<String> = Vec::new();
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let c: Cluster = serde_json::from_str(line).expect("a cluster per line");
        for d in c.docs {
            let body = crosscheck::span::Span::new(0, d.text.len());
            for s in text::sentences(&d.text, body) {
                sentences.push(s.span.text(&d.text).to_string());
            }
        }
    }
    let bytes: usize = sentences.iter().map(|s| s.len()).sum();
    let reference = time::Reference {
        date: Some(jiff::civil::date(2010, 6, 15)),
        ..Default::default()
    };
    let lexicon = Lexicon::builtin();
    let digits = regex::Regex::new(r"\d+").unwrap();
    let mut rows: Vec<(&str, f64, usize)> = Vec::new();
    let mut run = |name: &'static str, f: &mut dyn FnMut(&str) -> usize| {
        if only.as_deref().is_some_and(|o| o != name) && !name.starts_with("baseline") {
            return;
        }
        let t = Instant::now();
        let mut found = 0;
        for _ in 0..passes {
            for s in &sentences {
                found += f(s);
            }
        }
        rows.push((name, t.elapsed().as_secs_f64(), found / passes));
    };
    run("baseline: regex \\d+", &mut |s| digits.find_iter(s).count());
    run("time", &mut |s| {
        time::find_in(s, &reference, &mut time::Anchor::default()).len()
    });
    run("duration", &mut |s| duration::find_in(s).len());
    run("quantity", &mut |s| quantity::find_in(s).len());
    run("speaker", &mut |s| speaker::find_in(s).len());
    run("entity", &mut |s| entity::find_in(s).len());
    run("event", &mut |s| lexicon.find_in(s).len());
    let base = rows[0].1.max(1e-9);
    println!(
        "{} sentences, {:.1} MB, {passes} passes",
        sentences.len(),
        bytes as f64 / 1e6
    );
    println!(
        "{:<22} {:>10} {:>12} {:>10}",
        "recogniser", "MB/s", "x baseline", "found"
    );
    for (name, secs, found) in rows {
        println!(
            "{name:<22} {:>10.1} {:>12.1} {found:>10}",
            bytes as f64 * passes as f64 / 1e6 / secs.max(1e-9),
            secs / base
        );
    }
}
