//! The terminal summary: one rustc-style block per failing or notable finding, pointing at
//! the words in each article, and a closing count. Colour only on a terminal and never when
//! NO_COLOR is set.

use std::fmt::Write;
use std::io::IsTerminal;

use crate::findings::{Finding, Kind, Severity};

use super::Run;

struct Style {
    on: bool,
}

impl Style {
    fn detect() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Style {
            on: !no_color && std::io::stdout().is_terminal(),
        }
    }
    fn paint(&self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}

pub fn render(run: &Run) -> String {
    let st = Style::detect();
    let mut o = String::new();
    for w in &run.warnings {
        let _ = writeln!(o, "{}: {}: {}", st.paint("33;1", "warning"), w.path, w.message);
    }
    for f in run
        .findings
        .iter()
        .filter(|f| matches!(f.kind, Kind::Conflict | Kind::Inconsistency | Kind::Dispute))
    {
        block(&mut o, run, f, &st);
    }
    let counts = run
        .counts()
        .iter()
        .map(|(k, n)| format!("{n} {k}"))
        .collect::<Vec<_>>()
        .join(", ");
    let failing = run.failing().count();
    let _ = writeln!(
        o,
        "{} sources, {} claims, {} subjects; findings: {}.",
        run.sources.len(),
        run.claims.len(),
        run.subjects.len(),
        if counts.is_empty() { "none".into() } else { counts }
    );
    if failing > 0 {
        let _ = writeln!(
            o,
            "{} {failing} unacknowledged conflict(s); see reports/report.md",
            st.paint("31;1", "check failed:")
        );
    } else {
        let _ = writeln!(o, "{} no unacknowledged conflict", st.paint("32;1", "check passed:"));
    }
    o
}

fn block(o: &mut String, run: &Run, f: &Finding, st: &Style) {
    let (label, code) = match (f.severity, f.acknowledged) {
        (_, true) => ("note", "36;1"),
        (Severity::Error, _) => ("error", "31;1"),
        (Severity::Warning, _) => ("warning", "33;1"),
        (Severity::Info, _) => ("info", "36;1"),
    };
    let _ = writeln!(o, "{}[{}]: {}", st.paint(code, label), f.kind.as_str(), f.message);
    for id in &f.claims {
        let Some(c) = run.claim(id) else { continue };
        let Some(src) = run.source(&c.source) else {
            continue;
        };
        let (line, col) = src.line_col(c.span.start);
        let _ = writeln!(o, "  {} {}:{}:{}", st.paint("34;1", "-->"), src.path, line, col);
        let start = src.lines.line_start(line).unwrap_or(0);
        let end = src.text[start..].find('\n').map_or(src.text.len(), |i| start + i);
        let text = &src.text[start..end];
        // Show at most 100 characters around the claim.
        let rel = c.span.start - start;
        let from = text[..rel].char_indices().rev().nth(40).map_or(0, |(i, _)| i);
        let to_char = text[rel..].char_indices().nth(60).map_or(text.len(), |(i, _)| rel + i);
        let shown = &text[from..to_char];
        let pad = text[from..rel].chars().count();
        let width = c
            .span
            .text(&src.text)
            .chars()
            .count()
            .min(to_char.saturating_sub(rel))
            .max(1);
        let gutter = format!("{line}");
        let _ = writeln!(o, "  {} {}", " ".repeat(gutter.len()), st.paint("34;1", "|"));
        let _ = writeln!(
            o,
            "  {} {} {}{}",
            st.paint("34;1", &gutter),
            st.paint("34;1", "|"),
            if from > 0 { "…" } else { "" },
            shown
        );
        let speaker = c.speaker.clone().unwrap_or_else(|| "the article".into());
        let _ = writeln!(
            o,
            "  {} {} {}{} {} = {} ({speaker})",
            " ".repeat(gutter.len()),
            st.paint("34;1", "|"),
            " ".repeat(pad + usize::from(from > 0)),
            st.paint(code, &"^".repeat(width)),
            c.property,
            c.value.display()
        );
    }
    let _ = writeln!(
        o,
        "  = {}: {} ({})\n",
        if f.acknowledged { "acknowledged" } else { "id" },
        f.id,
        f.check
    );
}
