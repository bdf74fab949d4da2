//! The terminal summary: one rustc-style block per failing or notable finding (drawn by
//! annotate-snippets), pointing at the words in each article, and a closing count. Colour only on a terminal and never when
//! NO_COLOR is set.

use std::fmt::Write;
use std::io::IsTerminal;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::findings::{Finding, Kind, Severity};

use super::{value_text, Run};

/// Whether to colour: only when stdout is a terminal and NO_COLOR is unset or empty.
pub fn colour_wanted() -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    !no_color && std::io::stdout().is_terminal()
}

struct Style {
    on: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}

pub fn render(run: &Run) -> String {
    render_with(run, colour_wanted())
}

/// Renders with colour on or off (tests and callers that know better than the terminal).
pub fn render_with(run: &Run, colour: bool) -> String {
    let st = Style { on: colour };
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
        .map(|(k, n)| super::count_of(k, *n))
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
            "{} {}; see reports/report.md or reports/report.html",
            st.paint("31;1", "check failed:"),
            super::failing_text(failing)
        );
    } else {
        let _ = writeln!(o, "{} no unacknowledged conflict", st.paint("32;1", "check passed:"));
    }
    o
}

/// Article text with control characters (escape sequences a hostile article could carry)
/// replaced by spaces of the same byte length, so spans stay valid.
fn inert(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() && c != '\n' && c != '\t' {
                " ".repeat(c.len_utf8())
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn block(o: &mut String, run: &Run, f: &Finding, st: &Style) {
    let level = match (f.severity, f.acknowledged) {
        (_, true) => Level::NOTE,
        (Severity::Error, _) => Level::ERROR,
        (Severity::Warning, _) => Level::WARNING,
        (Severity::Info, _) => Level::INFO,
    };
    // One snippet per article, with every claim of the finding in it annotated.
    let claims = run.claims_of(&f.claims);
    let mut by_source: Vec<(&str, Vec<&crate::claims::Claim>)> = Vec::new();
    for c in claims {
        match by_source.iter_mut().find(|(s, _)| *s == c.source) {
            Some((_, v)) => v.push(c),
            None => by_source.push((&c.source, vec![c])),
        }
    }
    let title = inert(&f.message);
    let mut group = Group::with_title(level.primary_title(title.as_str()).id(f.kind.as_str()));
    for (sid, cs) in &by_source {
        let Some(src) = run.source(sid) else { continue };
        let annotations = cs
            .iter()
            .filter(|c| src.text.get(c.span.start..c.span.end).is_some())
            .map(|c| {
                let label = format!(
                    "{} = {} ({})",
                    c.property,
                    value_text(&c.value),
                    c.speaker.as_deref().unwrap_or("the article itself")
                );
                AnnotationKind::Primary
                    .span(c.span.start..c.span.end)
                    .label(inert(&label))
            });
        group = group.element(
            Snippet::source(inert(&src.text))
                .path(src.path.clone())
                .fold(true)
                .annotations(annotations),
        );
    }
    group = group.element(Level::NOTE.message(format!(
        "{}: {} (check {})",
        if f.acknowledged { "acknowledged" } else { "id" },
        f.id,
        f.check
    )));
    let renderer = if st.on { Renderer::styled() } else { Renderer::plain() };
    let _ = writeln!(o, "{}\n", renderer.render(&[group]));
}
