//! How the recognisers' regexes are compiled. News text is mostly ASCII with the odd curly
//! quote, dash or accented name, and `regex`'s fast engine (a lazy DFA) gives up on a
//! Unicode word boundary (`\b`) as soon as it meets a non-ASCII byte, so every such search
//! falls back to a slower engine. Word boundaries here are ASCII ones (`(?-u:\b)`): a word
//! of English ends at a space, a stop or a curly quote alike, and a boundary next to an
//! accented letter is the only thing that reads differently. Letters classes such as
//! `\p{L}` and case-insensitive matching stay Unicode.

use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};

/// Room for each regex's lazy DFA (per thread). The default (2 MB) is soon full for the
/// long alternations of the recognisers, and a full cache is cleared and rebuilt state by
/// state, which showed as a tenth of a cold run's time; the states a corpus needs fit in this.
const DFA_CACHE: usize = 16 << 20;

/// `pattern` with each word boundary `\b` made ASCII (`(?-u:\b)`). A `\b` inside an
/// already ASCII group is unchanged in meaning; an escaped backslash before a `b` is left
/// alone.
pub fn ascii_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('b') => out.push_str(r"(?-u:\b)"),
            Some(n) => {
                out.push('\\');
                out.push(n);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// A recogniser's regex: [`ascii_boundaries`], compiled.
pub fn new(pattern: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(&ascii_boundaries(pattern))
        .dfa_size_limit(DFA_CACHE)
        .build()
}

/// A set of recogniser patterns, each as in [`new`].
pub fn set<'a>(patterns: impl IntoIterator<Item = &'a str>) -> Result<RegexSet, regex::Error> {
    RegexSetBuilder::new(patterns.into_iter().map(ascii_boundaries))
        .dfa_size_limit(DFA_CACHE)
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_become_ascii_and_escapes_stay() {
        assert_eq!(ascii_boundaries(r"\bsaid\b"), r"(?-u:\b)said(?-u:\b)");
        assert_eq!(ascii_boundaries(r"a\\b\d\s"), r"a\\b\d\s");
        assert_eq!(ascii_boundaries(r"(?-u:\b)x"), r"(?-u:(?-u:\b))x");
    }

    #[test]
    fn ascii_boundaries_match_news_text_as_before() {
        let re = new(r"(?i)\b(?:killed|died)\b").unwrap();
        let found = |s: &str| re.find_iter(s).map(|m| m.as_str().to_string()).collect::<Vec<_>>();
        // Curly quotes, dashes and accented words around the word: still a word of its own.
        assert_eq!(found("“Killed” — 12 died in Aleppo’s café"), ["Killed", "died"]);
        // Inside a longer word: no match, as with Unicode boundaries.
        assert!(found("overkilled undiedx").is_empty());
        // Letters classes stay Unicode: a name with an accented letter is read whole.
        let name = new(r"\b[A-Z][\p{L}]+\b").unwrap();
        assert_eq!(name.find("said Mr Jürgen on Friday").map(|m| m.as_str()), Some("Mr"));
        let names: Vec<&str> = name.find_iter("said Jürgen Müller").map(|m| m.as_str()).collect();
        assert_eq!(names, ["Jürgen", "Müller"]);
        // The one difference: a boundary next to an accented letter.
        assert!(new(r"\bller").unwrap().is_match("Müller"));
        assert!(!Regex::new(r"\bller").unwrap().is_match("Müller"));
    }
}
