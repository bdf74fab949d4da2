//! `reports/report.json`, schema `crosscheck.report/1` (CONTRACT.md).

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

fn render_uncached(run: &Run) -> String {
    let sources = run
        .sources
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
        .collect();
    let mut s = if run.is_large() {
        // Compact JSON of a struct is its fields' compact JSON in order, and that of a list
        // its items' joined by commas: the claims (most of the file) are rendered in
        // parallel chunks and the document is put together around them.
        let chunks: Vec<String> = run
            .claims
            .par_chunks(4096)
            .zip(run.sentences.par_chunks(4096))
            .map(|(cs, ss)| {
                let mut out: Vec<u8> = Vec::with_capacity(cs.len() * 640);
                for (i, (c, sentence)) in cs.iter().zip(ss).enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    serde_json::to_writer(&mut out, &claim_out(run, c, sentence)).expect("claim serialises");
                }
                String::from_utf8(out).expect("JSON is UTF-8")
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
        let mut out =
            String::with_capacity(head.len() + chunks.iter().map(|c| c.len() + 1).sum::<usize>() + findings.len() + 32);
        out.push_str(head);
        out.push('[');
        for (i, c) in chunks.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(c);
        }
        out.push_str("],\"findings\":");
        out.push_str(&findings);
        out.push('}');
        Ok(out)
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
