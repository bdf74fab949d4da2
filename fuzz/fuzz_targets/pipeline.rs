//! The claims stage of a small corpus, in memory: up to four articles (any text, any front
//! matter) go through extraction, claim assembly, the claims file (written and read back),
//! subjects, wire groups, findings, name variants and every report format, as `verify`
//! runs them. No panic; spans inside their files; a claims file the tool writes reads back
//! as the claims it wrote; report.json is JSON.
//!
//! Input: articles separated by a line `%%`. Each article's first byte picks what is put in
//! front of it: bit 0 a publication date and zone, bit 1 a wire outlet, bit 2 a copy of the
//! article before it (so that wire copies and corroboration are reached).
#![no_main]
use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, OnceLock};

use crosscheck::claims::{Claim, Extraction};
use crosscheck::findings::{self, variants};
use crosscheck::mentions::Lexicon;
use crosscheck::report::{github, html, json, markdown, sarif, terminal, Run};
use crosscheck::{corpus, graph, store, subjects, verify, wire};
use libfuzzer_sys::fuzz_target;

const OUTLETS: [&str; 4] = ["Associated Press", "ABC News (AP)", "Reuters", "Al Jazeera"];

fuzz_target!(|data: &[u8]| {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    let lexicon = LEXICON.get_or_init(Lexicon::builtin);
    let mut sources = Vec::new();
    let mut ids = BTreeSet::new();
    let mut previous_body: Vec<u8> = Vec::new();
    for (i, piece) in data.split_inner(b"\n%%\n").into_iter().take(4).enumerate() {
        let Some((&pick, rest)) = piece.split_first() else {
            continue;
        };
        let mut bytes = Vec::new();
        if pick & 3 != 0 {
            bytes.extend_from_slice(b"---\n");
            if pick & 1 == 1 {
                bytes.extend_from_slice(b"published: 2016-05-04T10:00:00+03:00\ntimezone: Asia/Damascus\n");
            }
            if pick & 2 == 2 {
                bytes.extend_from_slice(format!("outlet: {}\n", OUTLETS[(pick >> 4) as usize % 4]).as_bytes());
            }
            bytes.extend_from_slice(b"---\n");
        }
        if pick & 4 == 4 {
            bytes.extend_from_slice(&previous_body);
        }
        bytes.extend_from_slice(rest);
        previous_body = rest.to_vec();
        let text = corpus::decode(&bytes).0;
        let rel_corpus = format!("f{i}.md");
        let hash = corpus::hash_bytes(text.as_bytes());
        let Ok(source) = corpus::parse_source(&format!("corpus/{rel_corpus}"), &rel_corpus, text, hash) else {
            continue;
        };
        // The corpus refuses two sources with one id (an error, nothing runs).
        if ids.insert(source.id.clone()) {
            sources.push(source);
        }
    }
    sources.sort_by(|a, b| a.id.cmp(&b.id));

    let mut extractions = Vec::new();
    let mut names = Vec::new();
    let mut sentence_spans = Vec::new();
    for source in &sources {
        let ex = verify::extract(source, lexicon);
        for m in &ex.mentions {
            assert!(source.text.get(m.span.start..m.span.end).is_some(), "{m:?}");
        }
        for c in &ex.extraction.claims {
            assert!(source.text.get(c.span.start..c.span.end).is_some(), "{c:?}");
            let _ = source.line_col(c.span.start);
        }
        // The claims file as `verify` writes it, and read back as the next run reads it.
        let mut warnings = Vec::new();
        let (stored, used) = store::merge_stored(
            source,
            store::with_digests(ex.extraction.claims.clone()),
            None,
            &mut warnings,
        );
        let rendered = store::render(source, &stored).expect("claims render");
        let back = store::parse(&format!("claims/{}.yaml", source.id), &rendered)
            .unwrap_or_else(|e| panic!("the tool's own claims file does not parse: {e}\n{rendered}"));
        // The sentence index is not in the file (a run finds it again from the span).
        let unsentenced = |v: &[store::StoredClaim]| -> Vec<store::StoredClaim> {
            v.iter()
                .cloned()
                .map(|mut c| {
                    c.claim.sentence = 0;
                    c
                })
                .collect()
        };
        assert_eq!(
            unsentenced(&back.claims),
            unsentenced(&stored),
            "claims file does not read back as written"
        );
        assert!(
            back.claims.iter().all(|c| !c.is_human()),
            "a tool claim reads back as a person's"
        );
        names.push(variants::names_of(source, &ex.mentions));
        sentence_spans.push(ex.sentences.iter().map(|s| s.span).collect::<Vec<_>>());
        extractions.push(Extraction {
            claims: used,
            triggers: ex.extraction.triggers,
        });
    }

    let subjects = subjects::cluster(&sources, &mut extractions);
    let mut all: Vec<(Claim, Option<Arc<str>>)> = Vec::new();
    for ((source, ex), spans) in sources.iter().zip(extractions).zip(&sentence_spans) {
        let mut collapsed: HashMap<usize, Arc<str>> = HashMap::new();
        for c in ex.claims {
            let sentence = spans.get(c.sentence).map(|span| {
                collapsed
                    .entry(c.sentence)
                    .or_insert_with(|| {
                        span.text(&source.text)
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" ")
                            .into()
                    })
                    .clone()
            });
            all.push((c, sentence));
        }
    }
    all.sort_by(|a, b| a.0.id.cmp(&b.0.id));
    let (claims, sentences): (Vec<Claim>, Vec<Option<Arc<str>>>) = all.into_iter().unzip();
    let wires = wire::groups(&sources);
    let mut found = findings::check(&claims, &subjects, &sources, &wires);
    found.extend(variants::check_names(&names));
    findings::sort(&mut found);
    found.dedup_by(|a, b| a.id == b.id);
    let claim_ids: BTreeSet<&str> = claims.iter().map(|c| c.id.as_str()).collect();
    let subject_ids: BTreeSet<&str> = subjects.iter().map(|s| s.id.as_str()).collect();
    for f in &found {
        assert!(f.claims.iter().all(|c| claim_ids.contains(c.as_str())), "{f:?}");
        if let Some(subject) = &f.subject {
            assert!(subject_ids.contains(subject.as_str()), "{f:?}");
        }
    }
    let changed = sources.iter().map(|s| s.id.clone()).collect();
    let run = Run::new(sources, subjects, claims, found, Vec::new(), sentences, changed);
    let report = json::render(&run);
    let parsed: serde_json::Value = serde_json::from_str(&report).expect("report.json is JSON");
    assert_eq!(parsed["schema"], "crosscheck.report/1");
    let _ = markdown::render(&run);
    let _ = html::render(&run);
    let _ = terminal::render_with(&run, false);
    let _ = sarif::render(&run);
    let _ = github::render(&run);
    let g = graph::ClaimGraph::build(&run.sources, &run.subjects, &run.claims, &run.findings);
    let _ = g.to_dot();
    let _ = g.to_json();
});

/// Splitting a byte slice on a separator (std has it for `str` only).
trait SplitInner {
    fn split_inner(&self, sep: &[u8]) -> Vec<&[u8]>;
}

impl SplitInner for [u8] {
    fn split_inner(&self, sep: &[u8]) -> Vec<&[u8]> {
        let mut out = Vec::new();
        let mut start = 0;
        let mut i = 0;
        while i + sep.len() <= self.len() {
            if &self[i..i + sep.len()] == sep {
                out.push(&self[start..i]);
                i += sep.len();
                start = i;
            } else {
                i += 1;
            }
        }
        out.push(&self[start..]);
        out
    }
}
