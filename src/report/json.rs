//! `reports/report.json`, schema `crosscheck.report/1` (CONTRACT.md).

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

/// The compact report of a large run. Compact JSON of a struct is its fields' compact JSON
/// in order, and that of a list its items' joined by commas: the claims (most of the file)
/// are rendered per source in parallel, or copied from the previous report where `old`
/// holds the source's block under its key (`keys`: source id → key, see [`super::reuse`]),
/// and the document is put together around them. Returns the report and, for each keyed
/// source, (id, key, where its block is in the report).
fn large(
    run: &Run,
    sources: Vec<SourceOut<'_>>,
    keys: &HashMap<&str, &str>,
    old: Option<&super::reuse::Old>,
) -> (String, Blocks) {
    // Each source's claims are one run (claims are sorted by id, ids start `<source>:`).
    let mut runs: Vec<(&str, Range<usize>)> = Vec::new();
    for (i, c) in run.claims.iter().enumerate() {
        match runs.last_mut() {
            Some((id, r)) if *id == c.source.as_str() => r.end = i + 1,
            _ => runs.push((c.source.as_str(), i..i + 1)),
        }
    }
    let blocks: Vec<std::borrow::Cow<'_, [u8]>> = runs
        .par_iter()
        .map(|(id, r)| {
            if let (Some(key), Some(old)) = (keys.get(id), old) {
                if let Some(bytes) = old.block(id, key) {
                    return std::borrow::Cow::Borrowed(bytes);
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
            std::borrow::Cow::Owned(out)
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
    // `head` ends with `"claims":[],"findings":[]}`; the claims go between the brackets.
    let tail = ",\"findings\":[]}";
    let head = head
        .strip_suffix(tail)
        .and_then(|h| h.strip_suffix("[]"))
        .expect("report shape");
    let findings = serde_json::to_string(&run.findings).expect("findings serialise");
    let mut out: Vec<u8> =
        Vec::with_capacity(head.len() + blocks.iter().map(|c| c.len() + 1).sum::<usize>() + findings.len() + 32);
    out.extend_from_slice(head.as_bytes());
    out.push(b'[');
    let mut at = Vec::new();
    for (i, (b, (id, _))) in blocks.iter().zip(&runs).enumerate() {
        if i > 0 {
            out.push(b',');
        }
        let start = out.len();
        out.extend_from_slice(b);
        if let Some(key) = keys.get(id) {
            at.push((id.to_string(), key.to_string(), start..out.len()));
        }
    }
    out.extend_from_slice(b"],\"findings\":");
    out.extend_from_slice(findings.as_bytes());
    out.push(b'}');
    // Every piece is JSON text: rendered here, or a block this renderer wrote before.
    let text = String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    (text, at)
}

/// [`rendered`] for a large run, re-using the previous report's blocks (see
/// [`super::reuse`]); a small run is rendered whole. Returns each keyed source's block, for
/// the index. The result is what [`rendered`] then gives.
pub fn render_reusing(run: &Run, keys: &HashMap<&str, &str>, old: Option<&super::reuse::Old>) -> Blocks {
    if !run.is_large() || run.json.get().is_some() {
        return Vec::new();
    }
    let (mut text, blocks) = large(run, sources_out(run), keys, old);
    text.push('\n');
    let _ = run.json.set(text);
    blocks
}

fn render_uncached(run: &Run) -> String {
    let sources = sources_out(run);
    let mut s = if run.is_large() {
        Ok(large(run, sources, &HashMap::new(), None).0)
    } else {
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
