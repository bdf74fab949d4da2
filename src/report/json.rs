//! `reports/report.json`, schema `crosscheck.report/1` (CONTRACT.md).

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::claims::Claim;

use crate::findings::Finding;
use crate::mentions::Value;
use crate::subjects::Subject;

use super::Run;

#[derive(Serialize)]
struct Report<'a, C: Serialize> {
    schema: &'static str,
    sources: Vec<SourceOut<'a>>,
    subjects: &'a [Subject],
    /// The claims: a list of `ClaimOut`, or (compact form) that list already rendered.
    claims: C,
    findings: &'a [Finding],
}

#[derive(Serialize)]
struct SourceOut<'a> {
    id: &'a str,
    path: &'a str,
    title: Option<&'a str>,
    outlet: Option<&'a str>,
    published: Option<&'a str>,
    url: Option<&'a str>,
    hash: &'a str,
}

#[derive(Serialize)]
pub struct SpanOut {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
}

#[derive(Serialize)]
struct ClaimOut<'a> {
    id: &'a str,
    source: &'a str,
    span: SpanOut,
    text: &'a str,
    sentence: &'a str,
    subject: &'a str,
    property: &'a str,
    value: &'a Value,
    speaker: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    conduit: Option<&'a str>,
    /// Whom the speaker speaks for, when the article tells.
    #[serde(skip_serializing_if = "Option::is_none")]
    party: Option<&'a str>,
    /// The reporting verb; `quote` is "direct" or "indirect" for attributed claims.
    #[serde(skip_serializing_if = "Option::is_none")]
    verb: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    quote: Option<&'static str>,
    rule: &'a str,
}

/// The report with a trailing newline: pretty JSON for a small corpus, compact JSON (one
/// line) for a large one ([`Run::is_large`]), where it is a file for programs, a third
/// smaller and faster to write and read. Rendered once per run (the binary prints what
/// `verify` wrote).
pub fn render(run: &Run) -> String {
    rendered(run).to_string()
}

/// [`render`], borrowed from the run.
pub fn rendered(run: &Run) -> &str {
    run.json.get_or_init(|| render_uncached(run))
}

fn claim_out<'a>(run: &'a Run, c: &'a Claim, sentence: &'a Option<Arc<str>>) -> ClaimOut<'a> {
    let (line, column) = run.source(&c.source).map_or((1, 1), |s| s.line_col(c.span.start));
    ClaimOut {
        id: &c.id,
        source: &c.source,
        span: SpanOut {
            start: c.span.start,
            end: c.span.end,
            line,
            column,
        },
        text: &c.text,
        sentence: sentence.as_deref().unwrap_or(""),
        subject: &c.subject,
        property: &c.property,
        value: &c.value,
        speaker: c.speaker.as_deref(),
        conduit: c.conduit.as_deref(),
        party: c.party.as_deref(),
        verb: c.verb.as_deref(),
        quote: c.speaker.as_ref().map(|_| if c.direct { "direct" } else { "indirect" }),
        rule: &c.rule,
    }
}

fn sources_out(run: &Run) -> Vec<SourceOut<'_>> {
    run.sources
        .iter()
        .map(|s| SourceOut {
            id: &s.id,
            path: &s.path,
            title: s.title.as_deref(),
            outlet: s.outlet.as_deref(),
            published: s.published.as_ref().map(|p| p.raw.as_str()),
            url: s.url.as_deref(),
            hash: &s.hash,
        })
        .collect()
}

/// The report of a large run, with the ranges of each keyed source's claims.
type Blocks = Vec<(String, String, Range<usize>)>;

/// A large report as the pieces it is written from, in order (each source's block of
/// claims its own piece, copied from the previous report where its key allows), and where
/// each keyed source's block will be in the file. Written piece by piece, a report of
/// 124 MB is never put together in memory.
pub struct Parts<'a> {
    pub pieces: Vec<Cow<'a, [u8]>>,
    pub blocks: Blocks,
}

impl Parts<'_> {
    pub fn len(&self) -> usize {
        self.pieces.iter().map(|p| p.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn concat(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.len());
        for p in &self.pieces {
            out.extend_from_slice(p);
        }
        out
    }
}

fn large<'a>(
    run: &'a Run,
    sources: Vec<SourceOut<'_>>,
    keys: &HashMap<&str, &str>,
    old: Option<&'a super::reuse::Old>,
) -> Parts<'a> {
    let mut runs: Vec<(&str, Range<usize>)> = Vec::new();
    for (i, c) in run.claims.iter().enumerate() {
        match runs.last_mut() {
            Some((id, r)) if *id == c.source.as_str() => r.end = i + 1,
            _ => runs.push((c.source.as_str(), i..i + 1)),
        }
    }
    let blocks: Vec<Cow<'a, [u8]>> = runs
        .par_iter()
        .map(|(id, r)| {
            if let (Some(key), Some(old)) = (keys.get(id), old) {
                if let Some(bytes) = old.block(id, key) {
                    return Cow::Borrowed(bytes);
                }
            }
            let mut out: Vec<u8> = Vec::with_capacity(r.len() * 640);
            for i in r.clone() {
                if i > r.start {
                    out.push(b',');
                }
                serde_json::to_writer(&mut out, &claim_out(run, &run.claims[i], &run.sentences[i]))
                    .expect("claim serialises");
            }
            Cow::Owned(out)
        })
        .collect();
    let head = serde_json::to_string(&Report {
        schema: "crosscheck.report/1",
        sources,
        subjects: &run.subjects,
        claims: [(); 0],
        findings: &[],
    })
    .expect("report serialises");
    let tail = ",\"findings\":[]}";
    let mut head = head
        .strip_suffix(tail)
        .and_then(|h| h.strip_suffix("[]"))
        .expect("report shape")
        .to_string();
    head.push('[');
    let findings = format!(
        "],\"findings\":{}}}\n",
        serde_json::to_string(&run.findings).expect("findings serialise")
    );
    let mut pieces: Vec<Cow<'a, [u8]>> = Vec::with_capacity(2 * blocks.len() + 2);
    let mut at = Vec::new();
    let mut offset = head.len();
    pieces.push(Cow::Owned(head.into_bytes()));
    for (i, (b, (id, _))) in blocks.into_iter().zip(&runs).enumerate() {
        if i > 0 {
            pieces.push(Cow::Borrowed(b","));
            offset += 1;
        }
        let start = offset;
        offset += b.len();
        if let Some(key) = keys.get(id) {
            at.push((id.to_string(), key.to_string(), start..offset));
        }
        pieces.push(b);
    }
    pieces.push(Cow::Owned(findings.into_bytes()));
    Parts { pieces, blocks: at }
}

/// Writes `reports/report.json` (unless it already holds this report); on a large corpus
/// piece by piece, re-using the previous report's blocks where `keys` allow. Returns where
/// each keyed source's block now is (none for a small corpus).
pub fn write_reusing(
    run: &Run,
    path: &std::path::Path,
    keys: &HashMap<&str, &str>,
    old: Option<&super::reuse::Old>,
) -> crate::error::Result<Blocks> {
    if !run.is_large() || run.json.get().is_some() {
        crate::store::write_output_if_changed(path, rendered(run).as_bytes())?;
        return Ok(Vec::new());
    }
    let parts = large(run, sources_out(run), keys, old);
    let pieces: Vec<&[u8]> = parts.pieces.iter().map(|p| p.as_ref()).collect();
    crate::store::write_pieces_if_changed(path, &pieces)?;
    Ok(parts.blocks)
}

fn render_uncached(run: &Run) -> String {
    let sources = sources_out(run);
    if run.is_large() {
        let bytes = large(run, sources, &HashMap::new(), None).concat();
        return String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    }
    let mut s = {
        serde_json::to_string_pretty(&Report {
            schema: "crosscheck.report/1",
            sources,
            subjects: &run.subjects,
            claims: run
                .claims
                .iter()
                .zip(&run.sentences)
                .map(|(c, sentence)| claim_out(run, c, sentence))
                .collect::<Vec<_>>(),
            findings: &run.findings,
        })
    }
    .expect("report serialises");
    s.push('\n');
    s
}
