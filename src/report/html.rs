//! `reports/report.html`: one self-contained page (no external scripts, styles or fonts) for a
//! person in a browser. Conflicts come first with each version's quote side by side and the
//! words that differ marked (similar's inline diff), then the other findings, a timeline of
//! each event's time claims by source, the claim graph as inline SVG, and a claim table per
//! source. Article text is untrusted: every piece of it is escaped, and the page carries a
//! content security policy that forbids scripts.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use jiff::tz::Offset;
use similar::{ChangeTag, DiffTag, InlineChangeMode, InlineChangeOptions, TextDiff};

use crate::claims::Claim;
use crate::findings::{Finding, Kind};
use crate::graph::ClaimGraph;
use crate::mentions::Value;

use super::{in_reading_order, value_text, Run};

/// Escapes text for HTML text and double-quoted attributes (every attribute here is double-quoted).
fn esc(s: &str) -> String {
    html_escape::encode_double_quoted_attribute(s).into_owned()
}

const STYLE: &str = r#"
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1200px;padding:1em 2em;color:#1d1d1f;background:#fff;line-height:1.45}
h1{margin-bottom:.2em}h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:2em}
.summary{font-size:1.05em}.fail{color:#b00020;font-weight:600}.pass{color:#0a7d32;font-weight:600}
.finding{border:1px solid #ddd;border-left:6px solid #999;border-radius:6px;padding:.6em 1em;margin:1em 0}
.finding.conflict,.finding.inconsistency{border-left-color:#c62828}.finding.dispute{border-left-color:#ef6c00}
.finding.corroboration{border-left-color:#2e7d32}.finding.update{border-left-color:#1565c0}
.finding h3{margin:.2em 0;font-size:1.1em}.why{font-style:italic}
.meta{color:#666;font-size:.85em}.ack{color:#0a7d32;font-weight:600}
.versions{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:1em;margin:.8em 0}
.version{background:#fafafa;border:1px solid #e3e3e3;border-radius:6px;padding:.6em .8em;overflow-wrap:anywhere;min-width:0}
.party{font-weight:700;font-size:1.05em}.value{font-family:ui-monospace,Menlo,Consolas,monospace;background:#eef;padding:0 .3em;border-radius:3px}
blockquote{margin:.4em 0;padding:.2em .6em;border-left:3px solid #bbb;background:#fff}
mark.diff{background:#ffe08a;border-radius:2px}.claim-words{font-weight:700;text-decoration:underline}
table{border-collapse:collapse;width:100%;font-size:.9em;margin:.5em 0}th,td{border:1px solid #ddd;padding:.25em .5em;text-align:left;vertical-align:top}
th{background:#f3f3f3}code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em}
.timeline,.graph{max-width:100%;height:auto;border:1px solid #eee;border-radius:6px;background:#fff}
.timeline text,.graph text{font-family:system-ui,sans-serif;font-size:12px;fill:#222}
.timeline .axis{stroke:#999}.timeline .tick{stroke:#eee}.timeline .bar{fill:#5c6bc0;opacity:.8}
.timeline .bar.start{fill:#c62828}.timeline .bar.derived{fill:#fff;stroke:#c62828;stroke-width:2;stroke-dasharray:5 3}.timeline text.inside{fill:#fff;font-weight:600}.timeline .row:nth-child(even) .band{fill:#f7f7f7}.timeline .band{fill:#fff}
.graph .colhead{font-weight:700;fill:#555}.graph rect{stroke:#888;fill:#fff}
.graph .source rect{fill:#e3f2fd}.graph .claim rect{fill:#fffde7}.graph .subject rect{fill:#e8f5e9}.graph .speaker rect{fill:#fce4ec}
.graph .e{fill:none;stroke:#bbb;stroke-width:1}.graph .e.conflict{stroke:#c62828;stroke-width:2}.graph .e.corroborates{stroke:#2e7d32;stroke-width:2}
nav a{margin-right:1em}
"#;

pub fn render(run: &Run) -> String {
    let mut o = String::new();
    o.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    o.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n",
    );
    o.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    o.push_str("<title>crosscheck report</title>\n<style>");
    o.push_str(STYLE);
    o.push_str("</style>\n</head>\n<body>\n<h1>crosscheck report</h1>\n");
    summary(&mut o, run);
    let _ = writeln!(
        o,
        "<nav><a href=\"#findings\">Findings</a><a href=\"#timeline\">Timeline</a><a href=\"#graph\">Claim graph</a><a href=\"#sources\">Claims by source</a></nav>"
    );
    o.push_str("<section id=\"findings\">\n");
    for (kind, title) in [
        (Kind::Conflict, "Conflicts"),
        (Kind::Dispute, "Disputes"),
        (Kind::Inconsistency, "Inconsistencies"),
        (Kind::Update, "Updates"),
        (Kind::Corroboration, "Corroborations"),
        (Kind::Variant, "Name variants"),
    ] {
        let fs: Vec<&Finding> = run.findings.iter().filter(|f| f.kind == kind).collect();
        if fs.is_empty() {
            continue;
        }
        let _ = writeln!(o, "<h2>{title}</h2>");
        // Findings are rendered in parallel (each on its own) and put together in order.
        use rayon::prelude::*;
        let rendered: Vec<String> = fs
            .par_iter()
            .map(|f| {
                let mut one = String::new();
                finding(&mut one, run, f);
                one
            })
            .collect();
        for one in rendered {
            o.push_str(&one);
        }
    }
    o.push_str("</section>\n");
    // The other sections are independent of each other: made side by side, put in order.
    let section = |f: fn(&mut String, &Run)| {
        let mut one = String::new();
        f(&mut one, run);
        one
    };
    let (t, (g, s)) = rayon::join(
        || section(timelines),
        || rayon::join(|| section(graph_section), || section(sources)),
    );
    for part in [t, g, s] {
        o.push_str(&part);
    }
    o.push_str("</body>\n</html>\n");
    o
}

/// Above this many claims the drawing keeps only the claims that findings compare (with their
/// sources, subjects and speakers); the full graph is `crosscheck graph`.
const GRAPH_MAX_CLAIMS: usize = 150;

fn graph_section(o: &mut String, run: &Run) {
    let mut note = String::new();
    let graph = if run.claims.len() <= GRAPH_MAX_CLAIMS {
        ClaimGraph::build(&run.sources, &run.subjects, &run.claims, &run.findings)
    } else {
        // The claims findings compare, findings in report order (conflicts first), up to the
        // drawing's limit.
        let mut used: BTreeSet<&str> = BTreeSet::new();
        let mut compared: BTreeSet<&str> = BTreeSet::new();
        for f in &run.findings {
            for c in &f.claims {
                compared.insert(c.as_str());
                if used.len() < GRAPH_MAX_CLAIMS || used.contains(c.as_str()) {
                    used.insert(c.as_str());
                }
            }
        }
        let claims: Vec<Claim> = run
            .claims
            .iter()
            .filter(|c| used.contains(c.id.as_str()))
            .cloned()
            .collect();
        let source_ids: BTreeSet<&str> = claims.iter().map(|c| c.source.as_str()).collect();
        let subject_ids: BTreeSet<&str> = claims.iter().map(|c| c.subject.as_str()).collect();
        let sources: Vec<_> = run
            .sources
            .iter()
            .filter(|s| source_ids.contains(s.id.as_str()))
            .cloned()
            .collect();
        let subjects: Vec<_> = run
            .subjects
            .iter()
            .filter(|s| subject_ids.contains(s.id.as_str()))
            .cloned()
            .collect();
        let shown = if compared.len() > claims.len() {
            format!(
                "the first {} of the {} claims that findings compare (findings in report order)",
                claims.len(),
                compared.len()
            )
        } else {
            format!("only the {} that findings compare", claims.len())
        };
        note = format!(
            " With {} claims the drawing shows {shown}; <code>crosscheck graph</code> prints the whole graph.",
            run.claims.len(),
        );
        ClaimGraph::build(&sources, &subjects, &claims, &run.findings)
    };
    let _ = writeln!(
        o,
        "<section id=\"graph\">\n<h2>Claim graph</h2>\n<p class=\"meta\">Sources assert claims; claims are about \
         subjects and attributed to speakers. Red arcs join conflicting claims, green arcs corroborating ones. \
         Hover a box for its full text.{note}</p>\n<div style=\"overflow-x:auto\">{}</div>\n</section>",
        graph.to_svg()
    );
}

fn summary(o: &mut String, run: &Run) {
    let counts = run
        .counts()
        .iter()
        .map(|(k, n)| super::count_of(k, *n))
        .collect::<Vec<_>>()
        .join(", ");
    let _ = writeln!(
        o,
        "<p class=\"summary\">{} sources, {} claims, {} subjects. Findings: {}.</p>",
        run.sources.len(),
        run.claims.len(),
        run.subjects.len(),
        if counts.is_empty() { "none".into() } else { esc(&counts) }
    );
    let failing = run.failing().count();
    if failing == 0 {
        let _ = writeln!(o, "<p class=\"pass\">Check passes: no unacknowledged conflict.</p>");
    } else {
        let _ = writeln!(
            o,
            "<p class=\"fail\">Check fails: {}.</p>",
            super::failing_text(failing)
        );
    }
    for w in &run.warnings {
        let _ = writeln!(
            o,
            "<p class=\"meta\">warning: {}: {}</p>",
            esc(&w.path),
            esc(&w.message)
        );
    }
}

fn finding(o: &mut String, run: &Run, f: &Finding) {
    let about = match (&f.subject, &f.property) {
        (Some(s), Some(p)) => format!("{} — {}", run.subject_label(s), p),
        (Some(s), None) => run.subject_label(s),
        _ => String::new(),
    };
    let _ = writeln!(
        o,
        "<article class=\"finding {}\" id=\"{}\">\n<h3>{}{}</h3>",
        f.kind.as_str(),
        esc(&f.id),
        if about.is_empty() {
            esc(f.kind.as_str())
        } else {
            esc(&about)
        },
        if f.acknowledged {
            " <span class=\"ack\">acknowledged</span>"
        } else {
            ""
        }
    );
    let _ = writeln!(o, "<p class=\"why\">{}</p>", esc(&f.message));
    if let Some(note) = &f.note {
        let _ = writeln!(o, "<p>Reviewed: {}</p>", esc(note));
    }
    if !f.versions.is_empty() {
        // One column per version; each version's first quote is diffed against another
        // version's first quote, so the words that differ stand out.
        let firsts: Vec<String> = f
            .versions
            .iter()
            .map(|v| {
                run.claims_of(&v.claims)
                    .first()
                    .map_or_else(String::new, |c| run.quote(c).0)
            })
            .collect();
        o.push_str("<div class=\"versions\">\n");
        for (i, v) in f.versions.iter().enumerate() {
            let other = if i == 0 { firsts.get(1) } else { firsts.first() };
            let _ = writeln!(
                o,
                "<div class=\"version\">\n<div class=\"party\">{}{}</div>",
                esc(&v.party),
                esc(&super::markdown::backing(v))
            );
            let claims = run.claims_of(&v.claims);
            for (k, c) in claims.iter().take(super::QUOTES_PER_VERSION).enumerate() {
                let diff_against = if k == 0 { other.map(String::as_str) } else { None };
                claim_card(o, run, c, diff_against);
            }
            if let Some(more) = super::more_quotes(&claims) {
                let _ = writeln!(o, "<p class=\"meta\">{}</p>", esc(&more));
            }
            o.push_str("</div>\n");
        }
        o.push_str("</div>\n");
    } else if !f.claims.is_empty() {
        o.push_str("<div class=\"versions\">\n");
        let claims = run.claims_of(&f.claims);
        for c in claims.iter().take(super::QUOTES_PER_VERSION) {
            let _ = writeln!(o, "<div class=\"version\">");
            claim_card(o, run, c, None);
            o.push_str("</div>\n");
        }
        o.push_str("</div>\n");
        if let Some(more) = super::more_quotes(&claims) {
            let _ = writeln!(o, "<p class=\"meta\">{}</p>", esc(&more));
        }
    }
    if !f.places.is_empty() {
        o.push_str("<ul>\n");
        for p in &f.places {
            let (path, line) = match run.source(&p.source) {
                Some(s) => (s.path.clone(), s.line_col(p.start).0),
                None => (p.source.clone(), 0),
            };
            let _ = writeln!(o, "<li><code>{}:{}</code> “{}”</li>", esc(&path), line, esc(&p.text));
        }
        o.push_str("</ul>\n");
    }
    let _ = writeln!(
        o,
        "<p class=\"meta\">id <code>{}</code> · check <code>{}</code> · severity {:?}</p>\n</article>",
        esc(&f.id),
        esc(f.check),
        f.severity
    );
}

/// One claim: speaker, source, normalised value, and the quote with its place.
fn claim_card(o: &mut String, run: &Run, c: &Claim, diff_against: Option<&str>) {
    let (path, line, col) = run.location(c);
    let (sentence, at) = run.quote(c);
    let marks = match diff_against {
        Some(other) if !other.is_empty() && other != sentence => differing(&sentence, other),
        _ => Vec::new(),
    };
    let _ = writeln!(
        o,
        "<div>{} <span class=\"value\">{}</span></div>\n<div class=\"meta\">{} · {} · <code>{}:{}:{}</code></div>\n<blockquote>{}</blockquote>",
        esc(&c.property),
        esc(&value_text(&c.value)),
        esc(c.speaker.as_deref().unwrap_or("the article itself")),
        esc(&run.source_name(&c.source)),
        esc(&path),
        line,
        col,
        marked(&sentence, at, &marks)
    );
}

/// Byte ranges of `this` that the inline diff against `other` emphasises.
fn differing(this: &str, other: &str) -> Vec<(usize, usize)> {
    let diff = TextDiff::from_lines(this, other);
    // Quotes of one conflict usually come from different articles, so refine however little
    // the two sentences share; word tokens and semantic cleanup keep the marks readable.
    let mut options = InlineChangeOptions::new();
    options
        .min_ratio(0.0)
        .mode(InlineChangeMode::Words)
        .semantic_cleanup(true);
    let mut out = Vec::new();
    for op in diff.ops() {
        if op.tag() == DiffTag::Equal {
            continue;
        }
        // No deadline: the marks must be the same on every run.
        for change in diff.iter_inline_changes_with_options_deadline(op, options, None) {
            if change.tag() != ChangeTag::Delete {
                continue;
            }
            let mut pos = 0;
            for (emph, piece) in change.values() {
                if *emph && !piece.trim().is_empty() {
                    out.push((pos, pos + piece.len()));
                }
                pos += piece.len();
            }
        }
    }
    // Marks separated only by spaces read as one run.
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (a, b) in out {
        match merged.last_mut() {
            Some(last) if this.get(last.1..a).is_some_and(|gap| gap.trim().is_empty()) => last.1 = b,
            _ => merged.push((a, b)),
        }
    }
    merged
}

/// The sentence as escaped HTML with the claim's words underlined and differing words marked.
fn marked(sentence: &str, claim: Option<(usize, usize)>, diffs: &[(usize, usize)]) -> String {
    let mut cuts: Vec<usize> = vec![0, sentence.len()];
    for &(a, b) in diffs.iter().chain(claim.iter()) {
        cuts.push(a.min(sentence.len()));
        cuts.push(b.min(sentence.len()));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = String::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let Some(piece) = sentence.get(a..b) else { continue };
        let in_claim = claim.is_some_and(|(s, e)| s <= a && b <= e);
        let in_diff = diffs.iter().any(|&(s, e)| s <= a && b <= e);
        let mut t = esc(piece);
        if in_diff {
            t = format!("<mark class=\"diff\">{t}</mark>");
        }
        if in_claim {
            t = format!("<span class=\"claim-words\">{t}</span>");
        }
        out.push_str(&t);
    }
    out
}

/// In a large corpus: at most this many timelines, each of at most this many rows.
const TIMELINE_MAX_SUBJECTS: usize = 30;
const TIMELINE_MAX_ROWS: usize = 40;

/// One time claim placed on a timeline: seconds since the epoch (UTC where the offset is
/// known, else wall clock).
struct Bar<'a> {
    claim: &'a Claim,
    start: i64,
    end: i64,
    /// For a period derived from a start and a stated length: the length claim.
    length: Option<&'a Claim>,
}

fn seconds(dt: jiff::civil::DateTime, offset: Option<Offset>) -> i64 {
    let off = offset.unwrap_or(Offset::UTC);
    off.to_timestamp(dt).map_or(0, |t| t.as_second())
}

fn timelines(o: &mut String, run: &Run) {
    let _ = writeln!(
        o,
        "<section id=\"timeline\">\n<h2>Timeline</h2>\n<p class=\"meta\">Each event's time claims, one row per \
         source and speaker; a bar covers the interval the words allow (a day for \"Wednesday\", a minute for \
         \"00:01\"). Start claims are red; a dashed bar is the period a start and a stated length imply.</p>"
    );
    let mut any = false;
    let mut by_subject: BTreeMap<&str, Vec<&Claim>> = BTreeMap::new();
    for c in &run.claims {
        by_subject.entry(c.subject.as_str()).or_default().push(c);
    }
    // A large corpus draws the timelines of the subjects findings are about, a bounded number
    // of them, each with a bounded number of rows.
    let large = run.is_large();
    let with_findings: BTreeSet<&str> = run.findings.iter().filter_map(|f| f.subject.as_deref()).collect();
    let mut drawn = 0;
    let mut left_out = 0;
    for s in &run.subjects {
        let Some(about) = by_subject.get(s.id.as_str()) else {
            continue;
        };
        if large && !with_findings.contains(s.id.as_str()) {
            continue;
        }
        let mut bars: Vec<Bar> = Vec::new();
        for &c in about {
            let Value::Time(t) = &c.value else { continue };
            let Some(iv) = t.interval() else { continue };
            let (start, end) = (seconds(iv.start, iv.offset), seconds(iv.end, iv.offset));
            if end > start {
                bars.push(Bar {
                    claim: c,
                    start,
                    end,
                    length: None,
                });
            }
        }
        // A start and a length stated together by one voice ("Thursday … will last 48 hours")
        // give the period they imply.
        let mut derived = Vec::new();
        let lengths: Vec<&Claim> = about.iter().copied().filter(|d| d.property == "duration").collect();
        for b in bars.iter().filter(|b| b.claim.property == "start") {
            for d in lengths.iter().copied().filter(|d| {
                d.subject == s.id
                    && d.property == "duration"
                    && d.source == b.claim.source
                    && d.speaker == b.claim.speaker
                    && run.sentence(&d.id).is_some()
                    && run.sentence(&d.id) == run.sentence(&b.claim.id)
                    && d.span.start.abs_diff(b.claim.span.start) < 400
            }) {
                if let Value::Duration(v) = &d.value {
                    if let Some(secs) = v.seconds.filter(|&x| x > 0) {
                        derived.push(Bar {
                            claim: b.claim,
                            start: b.start,
                            end: b.start + secs,
                            length: Some(d),
                        });
                    }
                }
            }
        }
        bars.extend(derived);
        if bars.is_empty() {
            continue;
        }
        if large && drawn >= TIMELINE_MAX_SUBJECTS {
            left_out += 1;
            continue;
        }
        drawn += 1;
        any = true;
        bars.sort_by(|a, b| {
            let ka = (
                &a.claim.source,
                &a.claim.speaker,
                a.start,
                &a.claim.id,
                a.length.map(|l| &l.id),
            );
            let kb = (
                &b.claim.source,
                &b.claim.speaker,
                b.start,
                &b.claim.id,
                b.length.map(|l| &l.id),
            );
            ka.cmp(&kb)
        });
        let _ = writeln!(o, "<h3>{}</h3>", esc(&s.label));
        let rows = bars.len();
        if large && rows > TIMELINE_MAX_ROWS {
            bars.truncate(TIMELINE_MAX_ROWS);
        }
        o.push_str(&timeline_svg(run, &bars));
        if rows > bars.len() {
            let _ = writeln!(
                o,
                "<p class=\"meta\">The first {} of {} rows; every time claim is in reports/report.json.</p>",
                bars.len(),
                rows
            );
        }
    }
    if !any {
        o.push_str("<p>No time claims.</p>\n");
    }
    if large {
        let _ = writeln!(
            o,
            "<p class=\"meta\">With {} sources, timelines are drawn only for subjects that findings are about{}.</p>",
            run.sources.len(),
            if left_out > 0 {
                format!(", the first {drawn} of them ({left_out} more left out)")
            } else {
                String::new()
            }
        );
    }
    o.push_str("</section>\n");
}

fn timeline_svg(run: &Run, bars: &[Bar]) -> String {
    const LEFT: i64 = 300;
    const PLOT: i64 = 760;
    const ROW: i64 = 26;
    let lo = bars.iter().map(|b| b.start).min().unwrap_or(0);
    let hi = bars.iter().map(|b| b.end).max().unwrap_or(1).max(lo + 1);
    // Pad by a tenth on each side so short bars at the ends stay visible.
    let pad = ((hi - lo) / 10).max(3600);
    let (lo, hi) = (lo - pad, hi + pad);
    let x = |t: i64| LEFT + (t - lo) * PLOT / (hi - lo);
    let height = 40 + ROW * bars.len() as i64 + 10;
    let width = LEFT + PLOT + 20;
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"timeline\">\n"
    );
    // Day ticks, every `step` days so that labels are at least `MIN_GAP` pixels apart.
    const MIN_GAP: i64 = 90;
    let px_per_day = (PLOT * 86_400 / (hi - lo)).max(1);
    let step = (MIN_GAP + px_per_day - 1) / px_per_day;
    let step = match step {
        0..=1 => 1,
        2..=7 => 7,
        8..=14 => 14,
        15..=31 => 30,
        32..=92 => 91,
        93..=366 => 365,
        n => n,
    };
    let mut t = lo - lo.rem_euclid(86_400) + 86_400;
    let mut ticks = 0;
    while t < hi && ticks < 100 {
        if let Ok(ts) = jiff::Timestamp::from_second(t) {
            let d = ts.to_zoned(jiff::tz::TimeZone::UTC).date();
            let label = if step == 1 {
                format!("{} {}", &d.to_string()[5..], &format!("{:?}", d.weekday())[..3])
            } else {
                d.to_string()
            };
            let _ = writeln!(
                out,
                "<line class=\"tick\" x1=\"{0}\" y1=\"30\" x2=\"{0}\" y2=\"{1}\"/><text x=\"{0}\" y=\"22\" text-anchor=\"middle\">{2}</text>",
                x(t),
                height - 10,
                esc(&label)
            );
            ticks += 1;
        }
        t += step * 86_400;
    }
    let _ = writeln!(
        out,
        "<line class=\"axis\" x1=\"{LEFT}\" y1=\"30\" x2=\"{}\" y2=\"30\"/>",
        LEFT + PLOT
    );
    for (i, b) in bars.iter().enumerate() {
        let y = 36 + ROW * i as i64;
        let who = format!(
            "{} · {}",
            run.source_name(&b.claim.source),
            b.claim.speaker.as_deref().unwrap_or("own voice")
        );
        let x1 = x(b.start);
        let w = (x(b.end) - x1).max(3);
        let (class, tip, label) = match b.length {
            Some(l) => (
                "bar derived",
                format!(
                    "period implied by start {} and length {} — “{}” … “{}”",
                    value_text(&b.claim.value),
                    value_text(&l.value),
                    b.claim.text,
                    l.text
                ),
                format!("period {} from {}", l.text, b.claim.text),
            ),
            None => (
                if b.claim.property == "start" {
                    "bar start"
                } else {
                    "bar"
                },
                format!(
                    "{}: {} — “{}”",
                    b.claim.property,
                    value_text(&b.claim.value),
                    b.claim.text
                ),
                format!("{} {}", b.claim.property, b.claim.text),
            ),
        };
        let label: String = if label.chars().count() > 40 {
            label.chars().take(39).chain(std::iter::once('…')).collect()
        } else {
            label
        };
        let who: String = if who.chars().count() > 44 {
            who.chars().take(43).chain(std::iter::once('…')).collect()
        } else {
            who
        };
        // The label goes right of the bar, else left of it, else inside it.
        let label_px = 7 * label.chars().count() as i64;
        let (tx, anchor, inside) = if x1 + w + 4 + label_px <= width {
            (x1 + w + 4, "start", false)
        } else if x1 - 4 - label_px >= LEFT {
            (x1 - 4, "end", false)
        } else if w >= label_px + 8 {
            (x1 + 4, "start", true)
        } else if x1 - LEFT > width - (x1 + w) {
            (x1 - 4, "end", false)
        } else {
            (x1 + w + 4, "start", false)
        };
        let _ = writeln!(
            out,
            "<g class=\"row\"><title>{}</title><rect class=\"band\" x=\"0\" y=\"{y}\" width=\"{width}\" height=\"{ROW}\"/><text x=\"6\" y=\"{}\">{}</text><rect class=\"{class}\" x=\"{x1}\" y=\"{}\" width=\"{w}\" height=\"{}\" rx=\"2\"/><text x=\"{tx}\" y=\"{}\" text-anchor=\"{anchor}\"{}>{}</text></g>",
            esc(&tip),
            y + 17,
            esc(&who),
            y + 5,
            ROW - 10,
            y + 17,
            if inside { " class=\"inside\"" } else { "" },
            esc(&label)
        );
    }
    out.push_str("</svg>\n");
    out
}

fn sources(o: &mut String, run: &Run) {
    o.push_str("<section id=\"sources\">\n<h2>Claims by source</h2>\n");
    let tabled = super::tabled_sources(run);
    for s in &run.sources[..tabled] {
        let _ = writeln!(
            o,
            "<h3 id=\"source-{}\">{}</h3>",
            esc(&s.id),
            esc(&run.source_name(&s.id))
        );
        let mut meta = vec![format!("file <code>{}</code>", esc(&s.path))];
        if let Some(p) = &s.published {
            meta.push(format!("published {}", esc(&p.raw)));
        }
        if let Some(u) = &s.url {
            // Shown as text, not a link: the page makes no requests and follows nothing.
            meta.push(format!("url <code>{}</code>", esc(u)));
        }
        let _ = writeln!(o, "<p class=\"meta\">{}</p>", meta.join(" · "));
        let claims = in_reading_order(run.source_claims(&s.id).into_iter());
        if claims.is_empty() {
            o.push_str("<p>No claims.</p>\n");
            continue;
        }
        o.push_str("<table>\n<tr><th>line</th><th>quote</th><th>subject</th><th>property</th><th>value</th><th>speaker</th></tr>\n");
        for c in claims {
            let (_, line, _) = run.location(c);
            let _ = writeln!(
                o,
                "<tr><td>{line}</td><td>“{}”</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&c.text),
                esc(&run.subject_label(&c.subject)),
                esc(&c.property),
                esc(&value_text(&c.value)),
                esc(c.speaker.as_deref().unwrap_or("—"))
            );
        }
        o.push_str("</table>\n");
    }
    if let Some(note) = super::untabled_note(run, tabled) {
        let _ = writeln!(o, "<p class=\"meta\">{}</p>", esc(&note));
    }
    o.push_str("</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn differing_marks_only_the_words_that_change() {
        let a = "The truce starts on Wednesday at noon.";
        let b = "The truce starts on Thursday at noon.";
        let marks = differing(a, b);
        let words: Vec<&str> = marks.iter().map(|&(s, e)| &a[s..e]).collect();
        assert_eq!(words, vec!["Wednesday"]);
        assert!(differing(a, a).is_empty());
    }

    #[test]
    fn marked_escapes_and_nests_marks() {
        let s = "<b>Thursday</b> & more";
        let html = marked(s, Some((3, 11)), &[(3, 11)]);
        assert_eq!(
            html,
            "&lt;b&gt;<span class=\"claim-words\"><mark class=\"diff\">Thursday</mark></span>&lt;/b&gt; &amp; more"
        );
    }
}
