//! The whole job: load the corpus, extract mentions and claims per article, cluster
//! subjects, cross-check, apply the review, write `claims/` and `reports/`. The binary only
//! parses arguments and prints; everything else happens here.

use std::collections::{BTreeMap, BTreeSet};

use indicatif::{ParallelProgressIterator, ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
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
    let (run, stored) = analyse_inner(workspace)?;
    for (source, claims) in run.sources.iter().zip(&stored) {
        store::write(workspace, source, claims)?;
    }
    for (path, bytes) in reports(&run) {
        store::write_if_changed(&workspace.join(path), &bytes)?;
    }
    Ok(run)
}

/// The report files a run writes, as (path under the workspace, bytes).
pub fn reports(run: &Run) -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("reports/report.json", json::render(run).into_bytes()),
        ("reports/report.md", markdown::render(run).into_bytes()),
        ("reports/report.html", html::render(run).into_bytes()),
    ]
}

/// `verify --check`: the unified diff of every report that differs from what the corpus
/// gives now (empty when the committed reports are current). Writes nothing.
pub fn check_reports(workspace: &Path, run: &Run) -> Vec<String> {
    let mut diffs = Vec::new();
    for (path, bytes) in reports(run) {
        let new = String::from_utf8_lossy(&bytes);
        let old = std::fs::read(workspace.join(path)).map(|b| String::from_utf8_lossy(&b).into_owned());
        let old = match old {
            Ok(o) => o,
            Err(_) => {
                diffs.push(format!("{path}: missing; `crosscheck verify` writes it\n"));
                continue;
            }
        };
        if old != new {
            let diff = similar::TextDiff::from_lines(old.as_str(), new.as_ref());
            diffs.push(
                diff.unified_diff()
                    .context_radius(2)
                    .header(&format!("a/{path}"), &format!("b/{path}"))
                    .to_string(),
            );
        }
    }
    diffs
}

/// A progress bar for extraction: drawn on a terminal for long runs, hidden otherwise (and
/// always hidden when stderr is not a terminal, so logs and CI output stay clean).
fn progress(len: usize) -> ProgressBar {
    use std::io::IsTerminal;
    if len < 500 || !std::io::stderr().is_terminal() {
        return ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::hidden());
    }
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) = ProgressStyle::with_template("extracting {bar:40} {pos}/{len} articles ({per_sec}, {eta})") {
        bar.set_style(style);
    }
    bar
}

/// Runs the job on a workspace without writing anything.
pub fn analyse(workspace: &Path) -> Result<Run> {
    analyse_inner(workspace).map(|(run, _)| run)
}

fn analyse_inner(workspace: &Path) -> Result<(Run, Vec<Vec<store::StoredClaim>>)> {
    let mut corpus = corpus::load(workspace)?;
    let review = review::load(workspace)?;
    let lexicon = lexicon(workspace)?;
    // Claims files that exist must parse before anything is written.
    let previous: Vec<Option<store::ClaimsFile>> = corpus
        .sources
        .iter()
        .map(|s| store::read(workspace, &s.id))
        .collect::<Result<_>>()?;
    let changed: BTreeSet<String> = corpus
        .sources
        .iter()
        .zip(&previous)
        .filter(|(s, p)| p.as_ref().is_none_or(|p| p.hash != s.hash))
        .map(|(s, _)| s.id.clone())
        .collect();
    let mut extracted: Vec<Extracted> = {
        let bar = progress(corpus.sources.len());
        corpus
            .sources
            .par_iter()
            .progress_with(bar)
            .map(|s| extract(s, &lexicon))
            .collect()
    };
    // A person's edits in the claims files win over what was just extracted.
    let mut stored: Vec<Vec<store::StoredClaim>> = Vec::with_capacity(extracted.len());
    for ((source, extr), prev) in corpus.sources.iter().zip(&mut extracted).zip(previous) {
        let fresh = std::mem::take(&mut extr.extraction.claims);
        let (keep, mut used) = store::merge(source, fresh, prev, &mut corpus.warnings);
        for c in &mut used {
            c.sentence = extr
                .sentences
                .partition_point(|s| s.span.end <= c.span.start)
                .min(extr.sentences.len().saturating_sub(1));
        }
        extr.extraction.claims = used;
        stored.push(keep);
    }
    let mut extractions: Vec<claims::Extraction> = extracted
        .iter_mut()
        .map(|e| std::mem::take(&mut e.extraction))
        .collect();
    let subjects = subjects::cluster(&corpus.sources, &mut extractions);
    let mut sentences_of: BTreeMap<String, String> = BTreeMap::new();
    let mut all_claims: Vec<Claim> = Vec::new();
    for (((source, ex), extr), keep) in corpus.sources.iter().zip(&extractions).zip(&extracted).zip(&mut stored) {
        let subject_of: BTreeMap<&str, &str> = ex.claims.iter().map(|c| (c.id.as_str(), c.subject.as_str())).collect();
        for k in keep.iter_mut() {
            if let Some(subject) = subject_of.get(k.claim.id.as_str()) {
                k.claim.subject = subject.to_string();
            }
        }
        for c in &ex.claims {
            if let Some(sentence) = extr.sentences.get(c.sentence) {
                let sentence = sentence.span.text(&source.text);
                sentences_of.insert(c.id.clone(), sentence.split_whitespace().collect::<Vec<_>>().join(" "));
            }
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
    corpus
        .warnings
        .extend(review::unmatched(&review, findings.iter().map(|f| f.id.as_str())));
    findings::sort(&mut findings);
    findings.dedup_by(|a, b| a.id == b.id);
    let run = Run {
        sources: corpus.sources,
        subjects,
        claims: all_claims,
        findings,
        warnings: corpus.warnings,
        sentences: sentences_of,
        changed,
    };
    Ok((run, stored))
}
