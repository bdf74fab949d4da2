//! `reports/report.md`: a summary line, conflicts first with every version's speaker,
//! source, normalised value and quote at file:line, then disputes, inconsistencies,
//! updates, corroborations, variants, and a claim table per source.

use std::fmt::Write;

use crate::findings::{Finding, Kind};

use crate::claims::Claim;

use super::{in_reading_order, value_text, Run};

fn md(s: &str) -> String {
    // Keep article text inert in Markdown: escape what could format or link.
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

pub fn render(run: &Run) -> String {
    let mut o = String::new();
    let counts = run.counts();
    let summary = counts
        .iter()
        .map(|(k, n)| super::count_of(k, *n))
        .collect::<Vec<_>>()
        .join(", ");
    let _ = writeln!(o, "# crosscheck report\n");
    let _ = writeln!(
        o,
        "{} sources, {} claims, {} subjects. Findings: {}.\n",
        run.sources.len(),
        run.claims.len(),
        run.subjects.len(),
        if summary.is_empty() {
            "none".to_string()
        } else {
            summary
        }
    );
    let failing = run.failing().count();
    let _ = writeln!(
        o,
        "{}\n",
        if failing == 0 {
            "**Check passes**: no unacknowledged conflict.".to_string()
        } else {
            format!("**Check fails**: {}.", super::failing_text(failing))
        }
    );
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
        let _ = writeln!(o, "## {title}\n");
        for f in fs {
            finding(&mut o, run, f);
        }
    }
    if run
        .findings
        .iter()
        .any(|f| f.versions.iter().any(|v| v.confidence.is_some()))
    {
        let _ = writeln!(
            o,
            "<sub>Support counts independent reports: copies of one wire story, and claims credited to an agency, count once. Confidence is a truth-discovery score (a reduced TruthFinder): each report starts trusted at 0.8; a value's confidence is the chance that at least one of its reports is right, shared out among the rival values; a report's trust is the mean confidence of the values it gives, everywhere in the corpus; twenty rounds.</sub>\n"
        );
    }
    let _ = writeln!(o, "## Subjects\n");
    let _ = writeln!(o, "| id | label | also called |\n|---|---|---|");
    for s in &run.subjects {
        let _ = writeln!(o, "| `{}` | {} | {} |", s.id, md(&s.label), md(&s.aliases.join(", ")));
    }
    let _ = writeln!(o, "\n## Claims by source\n");
    let tabled = super::tabled_sources(run);
    for s in &run.sources[..tabled] {
        let _ = writeln!(o, "### {}\n", md(&run.source_name(&s.id)));
        let _ = writeln!(
            o,
            "Published {}. File `{}`.\n",
            s.published.as_ref().map_or("unknown", |p| p.raw.as_str()),
            s.path
        );
        let claims = in_reading_order(run.source_claims(&s.id).into_iter());
        if claims.is_empty() {
            let _ = writeln!(o, "No claims.\n");
            continue;
        }
        let _ = writeln!(
            o,
            "| line | quote | subject | property | value | speaker |\n|---|---|---|---|---|---|"
        );
        for c in claims {
            let (_, line, _) = run.location(c);
            let _ = writeln!(
                o,
                "| {} | “{}” | {} | {} | {} | {} |",
                line,
                md(&c.text),
                md(&run.subject_label(&c.subject)),
                c.property,
                md(&value_text(&c.value)),
                md(c.speaker.as_deref().unwrap_or("—"))
            );
        }
        let _ = writeln!(o);
    }
    if let Some(note) = super::untabled_note(run, tabled) {
        let _ = writeln!(o, "{}\n", md(&note));
    }
    o
}

fn finding(o: &mut String, run: &Run, f: &Finding) {
    let ack = if f.acknowledged { " *(acknowledged)*" } else { "" };
    let about = match (&f.subject, &f.property) {
        (Some(s), Some(p)) => format!("{} — {}", run.subject_label(s), p),
        (Some(s), None) => run.subject_label(s),
        _ => String::new(),
    };
    let _ = writeln!(o, "### `{}` {}{}\n", f.id, md(&about), ack);
    let _ = writeln!(o, "{}\n", md(&f.message));
    if let Some(note) = &f.note {
        let _ = writeln!(o, "Reviewed: {}\n", md(note));
    }
    if !f.versions.is_empty() {
        for v in &f.versions {
            let _ = writeln!(
                o,
                "- **{}** says {}{}",
                md(&v.party),
                md(&v.says.join("; ")),
                md(&backing(v))
            );
            let claims = run.claims_of(&v.claims);
            for c in claims.iter().take(super::QUOTES_PER_VERSION) {
                let _ = writeln!(o, "  - {}", evidence(run, c));
            }
            if let Some(more) = super::more_quotes(&claims) {
                let _ = writeln!(o, "  - {}", md(&more));
            }
        }
        let _ = writeln!(o);
    } else if !f.claims.is_empty() {
        let claims = run.claims_of(&f.claims);
        for c in claims.iter().take(super::QUOTES_PER_VERSION) {
            let _ = writeln!(
                o,
                "- {} ({}): {}",
                md(c.speaker.as_deref().unwrap_or("the article itself")),
                md(&run.source_name(&c.source)),
                evidence(run, c)
            );
        }
        if let Some(more) = super::more_quotes(&claims) {
            let _ = writeln!(o, "- {}", md(&more));
        }
        let _ = writeln!(o);
    }
    for p in &f.places {
        let line = run.source(&p.source).map_or(0, |s| s.line_col(p.start).0);
        let path = run.source(&p.source).map_or(p.source.clone(), |s| s.path.clone());
        let _ = writeln!(o, "- `{}:{}` “{}”", path, line, md(&p.text));
    }
    if !f.places.is_empty() {
        let _ = writeln!(o);
    }
    let _ = writeln!(o, "<sub>check: `{}`, severity: {:?}</sub>\n", f.check, f.severity);
}

/// Who stands behind a version and how well its value is backed: " (Mark Toner, John
/// Kerry; 3 independent reports, confidence 0.71)".
pub fn backing(v: &crate::findings::Version) -> String {
    let mut parts = Vec::new();
    let speakers: Vec<&str> = v
        .speakers
        .iter()
        .map(String::as_str)
        .filter(|s| *s != v.party)
        .collect();
    if !speakers.is_empty() {
        parts.push(speakers.join(", "));
    }
    if let Some(n) = v.support {
        let mut s = format!("{n} independent {}", if n == 1 { "report" } else { "reports" });
        if let Some(c) = v.confidence {
            s.push_str(&format!(", confidence {c:.2}"));
        }
        parts.push(s);
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join("; "))
    }
}

/// One claim as evidence: place, property, normalised value, and the quote with the claim's
/// words in bold.
fn evidence(run: &Run, c: &Claim) -> String {
    let (path, line, _) = run.location(c);
    let (sentence, at) = run.quote(c);
    let quote = match at {
        Some((a, b)) => format!(
            "{}**{}**{}",
            md(&sentence[..a]),
            md(&sentence[a..b]),
            md(&sentence[b..])
        ),
        None => md(&sentence),
    };
    format!(
        "`{}:{}` {} = {} — “{}”",
        path,
        line,
        c.property,
        md(&value_text(&c.value)),
        quote
    )
}
