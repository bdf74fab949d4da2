//! The recognisers' example corpora: `src/mentions/examples/<kind>.yaml`, one file per kind
//! of mention. Each positive example is a sentence, the exact words that must be found as one
//! mention of that kind, and the fields its value must have; each negative example is a
//! sentence in which no mention of that kind may touch the given words. The examples run
//! through the whole extraction (`verify::extract`) of a one-sentence article, so what is
//! tested is what `crosscheck mentions` prints.
//!
//! File format:
//!
//! ```yaml
//! kind: duration            # the mention kind every example is about
//! published: 2016-05-04     # reference date (an example may give its own `published`)
//! examples:
//!   - text: The truce will last just 48 hours.
//!     find: just 48 hours   # the whole mention, exactly
//!     value: {iso: PT48H}   # fields the value must have (others are not looked at)
//! negatives:
//!   - text: the 33-year-old actress
//!     not: 33-year-old      # no mention of the kind may overlap these words (default: all)
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;

use crosscheck::corpus::{self, parse_published};
use crosscheck::mentions::Lexicon;
use crosscheck::verify;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Corpus {
    kind: String,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    timezone: Option<String>,
    #[serde(default)]
    examples: Vec<Example>,
    #[serde(default)]
    negatives: Vec<Negative>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Example {
    text: String,
    find: String,
    #[serde(default)]
    value: Option<Value>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    timezone: Option<String>,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Negative {
    text: String,
    #[serde(default)]
    not: Option<String>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    note: Option<String>,
}

/// The mentions of one kind in a one-sentence article: (text, value as JSON).
fn mentions(text: &str, kind: &str, published: Option<&str>, timezone: Option<&str>) -> Vec<(usize, usize, Value)> {
    let mut front = String::new();
    if let Some(p) = published {
        front.push_str(&format!("published: {p}\n"));
    }
    if let Some(z) = timezone {
        front.push_str(&format!("timezone: {z}\n"));
    }
    let file = if front.is_empty() {
        format!("{text}\n")
    } else {
        format!("---\n{front}---\n{text}\n")
    };
    let source = corpus::parse_source("corpus/example.md", "example.md", file, String::new()).unwrap();
    if let Some(p) = published {
        assert_eq!(
            source.published.as_ref().map(|x| x.date),
            Some(parse_published(p).unwrap().date)
        );
    }
    let body = source.body.start;
    let ex = verify::extract(&source, &Lexicon::builtin());
    ex.mentions
        .iter()
        .filter(|m| m.kind() == kind)
        .map(|m| {
            (
                m.span.start - body,
                m.span.end - body,
                serde_json::to_value(&m.value).unwrap(),
            )
        })
        .collect()
}

/// Whether every field of `want` is in `got` with the same value (numbers compared as numbers,
/// objects recursively, arrays element by element).
fn subset(want: &Value, got: &Value) -> bool {
    match (want, got) {
        (Value::Object(w), Value::Object(g)) => w
            .iter()
            .all(|(k, wv)| g.get(k).is_some_and(|gv| subset(wv, gv)) || (wv.is_null() && !g.contains_key(k))),
        (Value::Array(w), Value::Array(g)) => w.len() == g.len() && w.iter().zip(g).all(|(a, b)| subset(a, b)),
        (Value::Number(a), Value::Number(b)) => a.as_f64() == b.as_f64(),
        (Value::Number(a), Value::String(b)) | (Value::String(b), Value::Number(a)) => {
            b.parse::<f64>().ok() == a.as_f64()
        }
        (a, b) => a == b,
    }
}

fn run(path: &Path) -> (usize, Vec<String>) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let corpus: Corpus = serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut failures = Vec::new();
    let mut n = 0;
    for ex in &corpus.examples {
        n += 1;
        let published = ex.published.as_deref().or(corpus.published.as_deref());
        let timezone = ex.timezone.as_deref().or(corpus.timezone.as_deref());
        let Some(at) = ex.text.find(&ex.find) else {
            failures.push(format!("{:?}: `find` {:?} is not in the text", ex.text, ex.find));
            continue;
        };
        let found = mentions(&ex.text, &corpus.kind, published, timezone);
        let whole = found.iter().find(|(s, e, _)| *s == at && *e == at + ex.find.len());
        let note = ex.note.as_deref().map(|n| format!(" ({n})")).unwrap_or_default();
        match whole {
            None => failures.push(format!(
                "{:?}: expected the {} {:?}{note}; found {:?}",
                ex.text,
                corpus.kind,
                ex.find,
                found.iter().map(|(s, e, _)| &ex.text[*s..*e]).collect::<Vec<_>>()
            )),
            Some((_, _, got)) => {
                if let Some(want) = &ex.value {
                    if !subset(want, got) {
                        failures.push(format!(
                            "{:?}: {:?} has value {got}, expected {want}{note}",
                            ex.text, ex.find
                        ));
                    }
                }
            }
        }
    }
    for neg in &corpus.negatives {
        n += 1;
        let published = neg.published.as_deref().or(corpus.published.as_deref());
        let words = neg.not.as_deref().unwrap_or(&neg.text);
        let Some(at) = neg.text.find(words) else {
            failures.push(format!("{:?}: `not` {:?} is not in the text", neg.text, words));
            continue;
        };
        let (ws, we) = (at, at + words.len());
        let note = neg.note.as_deref().map(|n| format!(" ({n})")).unwrap_or_default();
        for (s, e, v) in mentions(&neg.text, &corpus.kind, published, corpus.timezone.as_deref()) {
            if s < we && ws < e {
                failures.push(format!(
                    "{:?}: {:?} must not be a {}{note}, but {:?} was found ({v})",
                    neg.text,
                    words,
                    corpus.kind,
                    &neg.text[s..e]
                ));
            }
        }
    }
    (n, failures)
}

fn corpus_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/mentions/examples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    files
}

fn check(kind: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("src/mentions/examples/{kind}.yaml"));
    let (n, failures) = run(&path);
    assert!(
        n >= 20,
        "{}: an example corpus needs real coverage ({n} examples)",
        path.display()
    );
    assert!(
        failures.is_empty(),
        "{} of {n} examples in {} fail:\n  {}",
        failures.len(),
        path.display(),
        failures.join("\n  ")
    );
}

#[test]
fn every_corpus_file_is_tested_here() {
    let tested = ["duration", "quantity", "speaker", "time"];
    for f in corpus_files() {
        let stem = f.file_stem().unwrap().to_string_lossy().into_owned();
        assert!(
            tested.contains(&stem.as_str()),
            "{}: add a test for it in tests/examples.rs",
            f.display()
        );
    }
}

#[test]
fn the_harness_catches_a_wrong_value_and_a_false_positive() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("examples-harness");
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.yaml");
    std::fs::write(
        &bad,
        "kind: duration\nexamples:\n  - text: It will last 48 hours.\n    find: 48 hours\n    value: {iso: PT47H}\nnegatives:\n  - text: It will last 48 hours.\n    not: hours\n",
    )
    .unwrap();
    let (n, failures) = run(&bad);
    assert_eq!(n, 2);
    assert_eq!(failures.len(), 2, "{failures:?}");
}

#[test]
fn time_examples() {
    check("time");
}

#[test]
fn duration_examples() {
    check("duration");
}

#[test]
fn quantity_examples() {
    check("quantity");
}

#[test]
fn speaker_examples() {
    check("speaker");
}
