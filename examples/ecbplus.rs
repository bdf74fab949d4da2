//! Coverage of ECB+'s annotated time expressions (shared data, not part of this repository):
//! for each article in `ecbplus_clusters.jsonl`, how many of its `time_mentions` strings are
//! covered by a time or duration mention of ours, per annotation type. A mention string is
//! covered when it is found in the article and one of our mentions overlaps it.
//!
//! ECB+ text is tokenised ("20 - year", "05 / 02 / 2013", "`` We"), which no news article
//! is; the count is given on the text as it is and on the text with the tokenisation undone
//! (the mention strings likewise), offsets mapped back. ECB+ gives no publication dates; the
//! articles are read as published on `--published` (default 2010-06-15), since without one
//! relative expressions ("today", "on Tuesday") cannot be resolved and are not reported.
//!
//! ```sh
//! cargo run --release --example ecbplus -- ../shared/data/ecbplus/ecbplus_clusters.jsonl [--verbose]
//! ```

use std::collections::BTreeMap;

use crosscheck::corpus;
use crosscheck::mentions::Lexicon;
use crosscheck::verify;
use serde::Deserialize;

#[derive(Deserialize)]
struct Cluster {
    docs: Vec<Doc>,
}

#[derive(Deserialize)]
struct Doc {
    doc_name: String,
    text: String,
    time_mentions: Vec<TimeMention>,
}

#[derive(Deserialize)]
struct TimeMention {
    #[serde(rename = "type")]
    kind: String,
    text: String,
}

/// Undoes the corpus' tokenisation: the new text and, per byte of it, the offset in the old.
fn detokenise(s: &str) -> (String, Vec<usize>) {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len());
    let mut i = 0;
    let glue_after = |c: u8| c.is_ascii_alphanumeric();
    while i < b.len() {
        // " - " between words or digits, " / " and " : " between digits.
        if b[i] == b' ' && i + 2 < b.len() && b[i + 2] == b' ' && i > 0 {
            let (l, m, r) = (b[i - 1], b[i + 1], b.get(i + 3).copied().unwrap_or(b' '));
            let joins = match m {
                b'-' => glue_after(l) && glue_after(r),
                b'/' | b':' => l.is_ascii_digit() && r.is_ascii_digit(),
                _ => false,
            };
            if joins {
                out.push(m as char);
                map.push(i + 1);
                i += 3;
                continue;
            }
        }
        // " ," " ." " 's" " n't" " )" and "( "
        if b[i] == b' ' && i + 1 < b.len() {
            let rest = &s[i + 1..];
            let next_is = |p: &str| rest.starts_with(p) && rest[p.len()..].starts_with([' ', '\n']) || rest == p;
            if [
                ",", ".", ";", ":", "?", "!", ")", "'s", "n't", "'re", "'ve", "'ll", "'d", "%",
            ]
            .iter()
            .any(|p| next_is(p))
            {
                i += 1;
                continue;
            }
        }
        if b[i] == b'(' && b.get(i + 1) == Some(&b' ') {
            out.push('(');
            map.push(i);
            i += 2;
            continue;
        }
        // `` and '' quotes
        if s[i..].starts_with("``") || s[i..].starts_with("''") {
            out.push('"');
            map.push(i);
            i += 2;
            continue;
        }
        let ch = s[i..].chars().next().unwrap();
        for k in 0..ch.len_utf8() {
            map.push(i + k);
        }
        out.push(ch);
        i += ch.len_utf8();
    }
    map.push(s.len());
    (out, map)
}

/// Our time and duration spans in `text` (offsets into it).
fn our_spans(text: &str, published: &str, lexicon: &Lexicon) -> Vec<(usize, usize)> {
    let file = format!("---\npublished: {published}\n---\n{text}\n");
    let Ok(source) = corpus::parse_source("corpus/ecb.md", "ecb.md", file, String::new()) else {
        return Vec::new();
    };
    let body = source.body.start;
    verify::extract(&source, lexicon)
        .mentions
        .iter()
        .filter(|m| matches!(m.kind(), "time" | "duration"))
        .map(|m| (m.span.start - body, m.span.end - body))
        .collect()
}

/// Occurrences of each mention string, in order, so that a string annotated twice is looked
/// for twice.
fn locate(text: &str, mentions: &[&str]) -> Vec<Option<(usize, usize)>> {
    let mut next_from: BTreeMap<&str, usize> = BTreeMap::new();
    mentions
        .iter()
        .map(|m| {
            if m.is_empty() {
                return None;
            }
            let from = next_from.get(m).copied().unwrap_or(0);
            let at = text[from..].find(m).map(|i| i + from).or_else(|| text.find(m))?;
            next_from.insert(m, at + m.len());
            Some((at, at + m.len()))
        })
        .collect()
}

#[derive(Default)]
struct Count {
    annotated: usize,
    found_in_text: usize,
    covered_raw: usize,
    covered_detok: usize,
}

fn main() {
    let mut path = None;
    let mut verbose = false;
    let mut published = "2010-06-15".to_string();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--verbose" || a == "-v" {
            verbose = true;
        } else if a == "--published" {
            published = args.next().unwrap_or_default();
        } else {
            path = Some(a);
        }
    }
    let Some(path) = path else {
        eprintln!("usage: ecbplus FILE.jsonl [--published DATE] [--verbose]");
        std::process::exit(2);
    };
    if corpus::parse_published(&published).is_err() {
        eprintln!("--published {published:?}: not a date");
        std::process::exit(2);
    }
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(2);
    });
    let lexicon = Lexicon::builtin();
    let mut counts: BTreeMap<String, Count> = BTreeMap::new();
    let mut articles = 0;
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let cluster: Cluster = serde_json::from_str(line).unwrap_or_else(|e| {
            eprintln!("{path}:{}: {e}", n + 1);
            std::process::exit(2);
        });
        for doc in cluster.docs {
            articles += 1;
            let raw_spans = our_spans(&doc.text, &published, &lexicon);
            let (detok, map) = detokenise(&doc.text);
            let detok_spans: Vec<(usize, usize)> = our_spans(&detok, &published, &lexicon)
                .into_iter()
                .map(|(s, e)| (map[s], map[e]))
                .collect();
            let strings: Vec<&str> = doc.time_mentions.iter().map(|m| m.text.as_str()).collect();
            let places = locate(&doc.text, &strings);
            for (m, place) in doc.time_mentions.iter().zip(places) {
                let c = counts.entry(m.kind.clone()).or_default();
                c.annotated += 1;
                let Some((s, e)) = place else { continue };
                c.found_in_text += 1;
                let hit = |spans: &[(usize, usize)]| spans.iter().any(|&(a, b)| a < e && s < b);
                let raw = hit(&raw_spans);
                let det = hit(&detok_spans);
                c.covered_raw += usize::from(raw);
                c.covered_detok += usize::from(det);
                if verbose && !det && m.kind != "TIME_REPETITION" {
                    println!("  missed {:16} {:?} in {}", m.kind, m.text, doc.doc_name);
                }
            }
        }
    }
    println!("{articles} articles, read as published on {published}");
    println!(
        "{:16} {:>9} {:>13} {:>12} {:>19}",
        "type", "annotated", "found in text", "covered", "covered detokenised"
    );
    let mut total = Count::default();
    for (kind, c) in &counts {
        println!(
            "{:16} {:>9} {:>13} {:>12} {:>19}",
            kind, c.annotated, c.found_in_text, c.covered_raw, c.covered_detok
        );
        total.annotated += c.annotated;
        total.found_in_text += c.found_in_text;
        total.covered_raw += c.covered_raw;
        total.covered_detok += c.covered_detok;
    }
    println!(
        "{:16} {:>9} {:>13} {:>12} {:>19}",
        "all", total.annotated, total.found_in_text, total.covered_raw, total.covered_detok
    );
}
