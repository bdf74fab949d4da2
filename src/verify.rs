//! The whole job: load the corpus, extract mentions and claims per article, cluster
//! subjects, cross-check, apply the review, write `claims/` and `reports/`. The binary only
//! parses arguments and prints; everything else happens here.

use std::collections::BTreeMap;
use std::path::Path;

use crate::claims::{self, Claim};
use crate::corpus::{self, Source};
use crate::error::{Error, Result};
use crate::findings::{self, variants};
use crate::mentions::{self, Lexicon, Mention};
use crate::report::{html, json, markdown, Run};
use crate::review;
use crate::store;
use crate::subjects;
use crate::text::{self, Sentence};

/// Extraction for one source: sentences, mentions and claims.
pub struct Extracted {
    pub sentences: Vec<Sentence>,
    pub mentions: Vec<Mention>,
    pub extraction: claims::Extraction,
}

/// Runs the recognisers and claim assembly on one source.
pub fn extract(source: &Source, lexicon: &Lexicon) -> Extracted {
    let sentences = text::sentences(&source.text, source.body);
    let mentions = mentions::extract(source, &sentences, lexicon);
    let extraction = claims::assemble(source, &sentences, &mentions);
    Extracted {
        sentences,
        mentions,
        extraction,
    }
}

/// The workspace's event lexicon: built-in plus `claims/events.yaml` if present.
pub fn lexicon(workspace: &Path) -> Result<Lexicon> {
    let extra = workspace.join("claims").join("events.yaml");
    match std::fs::read_to_string(&extra) {
        Ok(text) => Lexicon::from_sources(&[
            ("events.yaml", include_str!("mentions/events.yaml")),
            ("claims/events.yaml", &text),
        ]),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Lexicon::builtin()),
        Err(e) => Err(Error::io(&extra, e)),
    }
}

/// Groups sources that are copies of one wire story: same opening, near-identical text.
pub fn wire_groups(sources: &[Source]) -> BTreeMap<String, String> {
    let mut by_opening: BTreeMap<String, Vec<&Source>> = BTreeMap::new();
    for s in sources {
        let key: String = s
            .body_text()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .take(160)
            .collect::<String>()
            .to_lowercase();
        if key.len() >= 80 {
            by_opening.entry(key).or_default().push(s);
        }
    }
    let mut out = BTreeMap::new();
    for group in by_opening.values() {
        if group.len() < 2 {
            continue;
        }
        let first = group[0];
        for s in &group[1..] {
            let ratio = similar::TextDiff::from_words(first.body_text(), s.body_text()).ratio();
            if ratio >= 0.8 {
                out.insert(s.id.clone(), first.id.clone());
                out.insert(first.id.clone(), first.id.clone());
            }
        }
    }
    out
}

/// Runs the job on a workspace and writes its outputs (claims files and reports).
pub fn run(workspace: &Path) -> Result<Run> {
    let (run, extractions) = analyse_inner(workspace)?;
    for (source, ex) in run.sources.iter().zip(&extractions) {
        store::write(workspace, source, &ex.claims)?;
    }
    let reports = workspace.join("reports");
    store::write_atomic(&reports.join("report.json"), json::render(&run).as_bytes())?;
    store::write_atomic(&reports.join("report.md"), markdown::render(&run).as_bytes())?;
    store::write_atomic(&reports.join("report.html"), html::render(&run).as_bytes())?;
    Ok(run)
}

/// Runs the job on a workspace without writing anything.
pub fn analyse(workspace: &Path) -> Result<Run> {
    analyse_inner(workspace).map(|(run, _)| run)
}

fn analyse_inner(workspace: &Path) -> Result<(Run, Vec<claims::Extraction>)> {
    let corpus = corpus::load(workspace)?;
    let review = review::load(workspace)?;
    let lexicon = lexicon(workspace)?;
    // Claims files that exist must parse before anything is written.
    for s in &corpus.sources {
        store::read(workspace, &s.id)?;
    }
    let mut extracted: Vec<Extracted> = corpus.sources.iter().map(|s| extract(s, &lexicon)).collect();
    let mut extractions: Vec<claims::Extraction> = extracted
        .iter_mut()
        .map(|e| std::mem::take(&mut e.extraction))
        .collect();
    let subjects = subjects::cluster(&corpus.sources, &mut extractions);
    let mut sentences_of: BTreeMap<String, String> = BTreeMap::new();
    let mut all_claims: Vec<Claim> = Vec::new();
    for ((source, ex), extr) in corpus.sources.iter().zip(&extractions).zip(&extracted) {
        for c in &ex.claims {
            let sentence = extr.sentences[c.sentence].span.text(&source.text);
            sentences_of.insert(c.id.clone(), sentence.split_whitespace().collect::<Vec<_>>().join(" "));
        }
        all_claims.extend(ex.claims.iter().cloned());
    }
    all_claims.sort_by(|a, b| a.id.cmp(&b.id));
    let wires = wire_groups(&corpus.sources);
    let mut findings = findings::check(&all_claims, &subjects, &corpus.sources, &wires);
    let all_mentions: Vec<Vec<Mention>> = extracted.into_iter().map(|e| e.mentions).collect();
    findings.extend(variants::check(&corpus.sources, &all_mentions));
    for f in &mut findings {
        if let Some(note) = review.get(&f.id) {
            f.acknowledged = true;
            f.note = note.clone();
        }
    }
    findings::sort(&mut findings);
    findings.dedup_by(|a, b| a.id == b.id);
    let run = Run {
        sources: corpus.sources,
        subjects,
        claims: all_claims,
        findings,
        warnings: corpus.warnings,
        sentences: sentences_of,
    };
    Ok((run, extractions))
}
