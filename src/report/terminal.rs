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
fn inert(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return text.into();
    }
    text.chars()
        .map(|c| {
            if c.is_control() && c != '\n' && c != '\t' {
                " ".repeat(c.len_utf8())
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}

/// Lines of context kept around a snippet's annotations (more than the renderer shows when
/// it folds, so what it prints is as for the whole article).
const CONTEXT_LINES: usize = 3;

/// The part of `text` a snippet over `spans` needs: whole lines from `CONTEXT_LINES` before
/// the first span to as many after the last, as a byte range (its first line's number is
/// the source's line index's). An article is handed to the renderer as this window, not
/// whole: a big run's summary points into thousands of articles.
fn window(text: &str, spans: impl Iterator<Item = std::ops::Range<usize>>) -> std::ops::Range<usize> {
    let (mut lo, mut hi) = (usize::MAX, 0);
    for s in spans {
        lo = lo.min(s.start);
        hi = hi.max(s.end);
    }
    if lo > hi {
        return 0..text.len();
    }
    let bytes = text.as_bytes();
    let mut start = lo;
    for _ in 0..=CONTEXT_LINES {
        match bytes[..start].iter().rposition(|&b| b == b'\n') {
            Some(nl) => start = nl,
            None => {
                start = 0;
                break;
            }
        }
    }
    if start > 0 {
        start += 1;
    }
    let mut end = hi;
    for _ in 0..=CONTEXT_LINES {
        match bytes[end.min(bytes.len())..].iter().position(|&b| b == b'\n') {
            Some(nl) => end += nl + 1,
            None => {
                end = bytes.len();
                break;
            }
        }
    }
    start..end.min(bytes.len())
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
    let mut group = Group::with_title(level.primary_title(title.as_ref()).id(f.kind.as_str()));
    for (sid, cs) in &by_source {
        let Some(src) = run.source(sid) else { continue };
        let inside: Vec<&&crate::claims::Claim> = cs
            .iter()
            .filter(|c| src.text.get(c.span.start..c.span.end).is_some())
            .collect();
        let w = window(&src.text, inside.iter().map(|c| c.span.start..c.span.end));
        let line = src.line_col(w.start).0;
        let off = w.start;
        let annotations = inside.iter().map(|c| {
            let label = format!(
                "{} = {} ({})",
                c.property,
                value_text(&c.value),
                c.speaker.as_deref().unwrap_or("the article itself")
            );
            AnnotationKind::Primary
                .span(c.span.start - off..c.span.end - off)
                .label(inert(&label).into_owned())
        });
        group = group.element(
            Snippet::source(inert(&src.text[w]).into_owned())
                .line_start(line)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_is_whole_lines_around_the_spans_with_its_first_line_number() {
        let text: String = (1..=20).map(|i| format!("line {i}\n")).collect();
        let lines = crate::span::LineIndex::new(&text);
        let at = |s: &str| text.find(s).unwrap();
        let window_and_line = |spans: &mut dyn Iterator<Item = std::ops::Range<usize>>| {
            let w = window(&text, spans);
            let line = lines.line_col(&text, w.start).0;
            (w, line)
        };
        // Spans on lines 10 and 12: lines 7 to 15 (three either side), whole.
        let (w, line) =
            window_and_line(&mut [at("line 10")..at("line 10") + 4, at("line 12")..at("line 12") + 7].into_iter());
        assert_eq!(line, 7);
        assert_eq!(
            &text[w],
            "line 7\nline 8\nline 9\nline 10\nline 11\nline 12\nline 13\nline 14\nline 15\n"
        );
        // Near the ends the window stops at the text's.
        let (w, line) = window_and_line(&mut std::iter::once(0..4));
        assert_eq!((w.start, line), (0, 1));
        assert_eq!(&text[w.clone()], "line 1\nline 2\nline 3\nline 4\n");
        let last = at("line 20");
        let (w, line) = window_and_line(&mut std::iter::once(last..last + 7));
        assert_eq!((line, &text[w]), (17, "line 17\nline 18\nline 19\nline 20\n"));
        // No spans: the whole text.
        assert_eq!(window_and_line(&mut std::iter::empty()), (0..text.len(), 1));
    }

    #[test]
    fn inert_text_is_borrowed_unless_it_holds_control_characters() {
        assert!(matches!(inert("plain\ttext\n"), std::borrow::Cow::Borrowed(_)));
        assert_eq!(inert("a\u{1b}[31mb"), "a [31mb");
    }
}
