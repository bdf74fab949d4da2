//! Paragraphs and sentences with byte spans, and the quotations inside them.
//!
//! Abbreviations ("Mr.", "U.S.", "a.m.", "Sept.") and initials do not end a sentence; a
//! blank line always does, and so does a line break after sentence-final punctuation.
//! Quotations are tracked across sentences so that attribution can tell a quoted sentence
//! from the article's own voice.
//!
//! Article text is untrusted, so the split is one linear pass whatever it is fed, and no
//! "sentence" grows past [`MAX_SENTENCE`] bytes (docs/bad-input.md).

use crate::span::Span;

/// One sentence of an article.
#[derive(Debug, Clone)]
pub struct Sentence {
    pub span: Span,
    /// Index of the paragraph (block separated by blank lines) it belongs to.
    pub paragraph: usize,
    /// Quoted stretches inside the sentence (file offsets, quote marks included).
    pub quotes: Vec<Span>,
    /// True when the sentence starts inside a quotation opened in an earlier sentence.
    pub continues_quote: bool,
    /// True when the sentence looks like a photo caption, credit line or headline fragment.
    pub caption: bool,
    /// True for a title line: the body's first paragraph, one sentence with no closing
    /// punctuation ("Italy earthquake: Death toll climbs to 250"). Its claims stand, but the
    /// story's own sentences are the better evidence.
    pub headline: bool,
}

impl Sentence {
    /// Whether a byte offset lies inside one of this sentence's quotations.
    pub fn in_quote(&self, at: usize) -> bool {
        // Quotes are in order and do not overlap.
        let i = self.quotes.partition_point(|q| q.end <= at);
        self.quotes.get(i).is_some_and(|q| q.start <= at)
    }

    /// True when the whole sentence (ignoring punctuation) is quoted.
    pub fn wholly_quoted(&self, text: &str) -> bool {
        let s = self.span.text(text);
        let lead = s.len() - s.trim_start().len();
        let body_start = self.span.start + lead;
        let trail = s.trim_end_matches(|c: char| c.is_whitespace() || ".,;:!?".contains(c));
        let body_end = self.span.start + trail.len();
        body_end > body_start
            && self
                .quotes
                .iter()
                .any(|q| q.start <= body_start + 1 && q.end + 1 >= body_end)
    }
}

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "sgt", "capt", "cpl", "gov", "sen", "rep", "prof", "jr", "sr",
    "rev", "hon", "pres", "supt", "insp", "maj", "adm", "cmdr", "brig", "no", "vs", "etc", "inc", "corp", "co", "ltd",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed",
    "thu", "thur", "thurs", "fri", "sat", "sun", "approx", "est", "fig", "mt", "ft", "ave", "blvd", "dept", "univ",
    "assn", "bros", "e.g", "i.e", "u.s", "u.n", "u.k", "e.u", "a.m", "p.m", "d.c", "u.s.a",
];

/// Words after "a.m."/"p.m." that show a new sentence has started.
const SENTENCE_STARTERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "But",
    "In",
    "On",
    "At",
    "This",
    "That",
    "There",
    "His",
    "Her",
    "Their",
    "Its",
    "Officials",
    "Police",
];

/// Splits the body of an article into sentences. `body` is the body's span in `text`.
pub fn sentences(text: &str, body: Span) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut paragraph = 0usize;
    let mut in_quote = false;
    let bytes = text.as_bytes();
    let mut para_start = body.start;
    // Paragraphs: split on blank lines.
    let mut at = body.start;
    while at <= body.end {
        let line_end = text[at..body.end].find('\n').map_or(body.end, |i| at + i);
        let blank = text[at..line_end].trim().is_empty();
        if blank || line_end == body.end {
            let end = if blank { at } else { line_end };
            if !text[para_start..end].trim().is_empty() {
                split_paragraph(text, Span::new(para_start, end), paragraph, &mut in_quote, &mut out);
                paragraph += 1;
                in_quote = false;
            }
            para_start = (line_end + 1).min(body.end);
        }
        if line_end >= body.end {
            break;
        }
        at = line_end + 1;
    }
    let _ = bytes;
    if out.first().is_some_and(|f| f.paragraph == 0 && !f.caption) && out.get(1).is_none_or(|n| n.paragraph > 0) {
        let t = out[0].span.text(text).trim_end();
        if !t.ends_with(['.', '!', '?', '"', '”', '’', '\'', ':', ';', ',']) {
            out[0].headline = true;
        }
    }
    out
}

/// The longest stretch taken as one sentence. Prose sentences run to a few hundred bytes (the
/// longest of the ECB+ news corpus is under 500); text with no sentence end for longer than
/// this (a table flattened into one line, a list, a dump) is cut at its last space before
/// the limit, so that the work the recognisers and claim assembly do per sentence, and the
/// sentence each claim quotes, stay bounded whatever the input.
pub const MAX_SENTENCE: usize = 2000;

/// Splits one paragraph at sentence boundaries. One pass over the characters; every look
/// ahead or back is bounded by the run of whitespace or punctuation at hand (and remembered
/// for the rest of that run), so the split is linear in the paragraph's length whatever it
/// holds: a 5 MB line, a million dots, a sentence repeated a hundred thousand times.
fn split_paragraph(text: &str, para: Span, paragraph: usize, in_quote: &mut bool, out: &mut Vec<Sentence>) {
    let s = para.text(text);
    let mut start = 0usize;
    // The latest space of the current sentence that has text after it (for "prev holds a
    // space" at a line break, without scanning the sentence again).
    let mut last_space: Option<usize> = None;
    let mut space_then_text: Option<usize> = None;
    // The end of the current run of final punctuation and closing marks, once measured.
    let mut run_end: Option<usize> = None;
    let mut pos = 0usize;
    while let Some(c) = s[pos..].chars().next() {
        let mut boundary_end = None;
        let mut resume = pos + c.len_utf8();
        if c == ' ' {
            last_space = Some(pos);
        } else if !c.is_whitespace() {
            if let Some(sp) = last_space {
                space_then_text = Some(sp);
            }
        }
        if c == '\n' {
            // A line break ends a sentence after final punctuation, or when the line is a
            // headline-like fragment followed by a capitalised line.
            let prev = s[start..pos].trim_end();
            let has_space = space_then_text.is_some_and(|sp| sp >= start);
            let ends_final = prev.ends_with(['.', '!', '?', '"', '”', '’', '\'', ':', ')'])
                || prev.ends_with("Images")
                || !has_space;
            let next_cap = s[pos + 1..]
                .trim_start()
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || "\"“‘'(".contains(c) || c.is_ascii_digit());
            if ends_final || (next_cap && !prev.ends_with(',')) {
                boundary_end = Some(pos);
            }
        } else if matches!(c, '.' | '!' | '?') {
            // Swallow repeated punctuation and closing quotes/brackets.
            let after = match run_end {
                Some(e) if e > pos => e,
                _ => {
                    let tail = &s[pos + 1..];
                    let len = tail.find(|c: char| !".!?\"”’')]".contains(c)).unwrap_or(tail.len());
                    let e = pos + 1 + len;
                    run_end = Some(e);
                    e
                }
            };
            let next = s[after..].trim_start_matches([' ', '\t']);
            let followed_by_space = after == s.len() || s[after..].starts_with([' ', '\t', '\n']);
            let next_starts = next.is_empty()
                || next.starts_with('\n')
                || next
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"“‘'([".contains(c));
            if followed_by_space && next_starts && !(c == '.' && is_abbreviation(s, pos, next)) {
                // A run of punctuation longer than a sentence may be is cut into pieces.
                let end = if after - start > MAX_SENTENCE {
                    s.floor_char_boundary(start + MAX_SENTENCE).max(resume)
                } else {
                    after
                };
                boundary_end = Some(end);
                resume = end;
            }
        }
        if boundary_end.is_none() && resume - start > MAX_SENTENCE {
            // Cut at the last whitespace of the final stretch (bounded look-back), or here.
            let from = s.floor_char_boundary(pos - 200);
            boundary_end = Some(s[from..pos].rfind(char::is_whitespace).map_or(pos, |i| from + i));
        }
        if let Some(end) = boundary_end {
            push_sentence(text, para.start + start, para.start + end, paragraph, in_quote, out);
            start = end;
        }
        pos = resume;
    }
    push_sentence(text, para.start + start, para.end, paragraph, in_quote, out);
}

fn is_abbreviation(s: &str, dot: usize, next: &str) -> bool {
    // Abbreviations are short: look back 32 bytes at most, so a dot after a long run without
    // a space (a million dots) costs no more than any other.
    let from = s.floor_char_boundary(dot.saturating_sub(32));
    let before = &s[..dot];
    let Some(word_start) = before[from..]
        .rfind(|c: char| c.is_whitespace() || "(\"“‘".contains(c))
        .map(|i| from + i + before[from + i..].chars().next().unwrap().len_utf8())
        .or((from == 0).then_some(0))
    else {
        return false;
    };
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    let lower = word.to_lowercase();
    let lower = lower.trim_start_matches(['(', '"']);
    // Single capital letter: an initial ("John F. Kennedy").
    if word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase()) {
        return true;
    }
    if lower == "a.m" || lower == "p.m" {
        let next_word: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
        return !SENTENCE_STARTERS.contains(&next_word.as_str());
    }
    if ABBREVIATIONS.contains(&lower) {
        // "U.S." at the end of a sentence followed by "The" still ends it.
        if matches!(
            lower,
            "u.s" | "u.n" | "u.k" | "e.u" | "d.c" | "etc" | "inc" | "ltd" | "co" | "corp"
        ) {
            let next_word: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
            return !SENTENCE_STARTERS.contains(&next_word.as_str());
        }
        return true;
    }
    // Dotted acronyms like "U.S.A" or "a.k.a".
    lower.contains('.') && lower.chars().all(|c| c.is_alphabetic() || c == '.')
}

fn push_sentence(text: &str, start: usize, end: usize, paragraph: usize, in_quote: &mut bool, out: &mut Vec<Sentence>) {
    let raw = &text[start..end];
    let lead = raw.len() - raw.trim_start().len();
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return;
    }
    let span = Span::new(start + lead, start + lead + trimmed.len());
    let continues_quote = *in_quote;
    let quotes = find_quotes(text, span, in_quote);
    let caption = looks_like_caption(trimmed);
    out.push(Sentence {
        span,
        paragraph,
        quotes,
        continues_quote,
        caption,
        headline: false,
    });
}

/// Quoted stretches, following straight and curly double quotes; an open quote carries on
/// into the next sentence of the paragraph.
fn find_quotes(text: &str, span: Span, in_quote: &mut bool) -> Vec<Span> {
    let s = span.text(text);
    let mut quotes = Vec::new();
    let mut open: Option<usize> = if *in_quote { Some(span.start) } else { None };
    for (i, c) in s.char_indices() {
        let at = span.start + i;
        match c {
            '“' => open = Some(at),
            '”' => {
                if let Some(o) = open.take() {
                    quotes.push(Span::new(o, at + c.len_utf8()));
                }
            }
            '"' => match open.take() {
                Some(o) => quotes.push(Span::new(o, at + 1)),
                None => open = Some(at),
            },
            _ => {}
        }
    }
    *in_quote = open.is_some();
    if let Some(o) = open {
        quotes.push(Span::new(o, span.end));
    }
    quotes
}

/// A line that is only the article's time stamp: "24 Jul 2016 14:18 GMT", "Wednesday 14
/// September 2016 22.10 BST", "Updated 1234 GMT (2034 HKT) September 12, 2016": dates,
/// clock figures, zones and the words of a byline's stamp, nothing that states anything.
fn timestamp_line(s: &str) -> bool {
    if s.len() > 90 || !s.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    const STAMP: &[&str] = &[
        "updated",
        "published",
        "posted",
        "last",
        "modified",
        "first",
        "on",
        "at",
        "am",
        "pm",
        "a.m",
        "p.m",
        "gmt",
        "utc",
        "bst",
        "cet",
        "cest",
        "edt",
        "est",
        "et",
        "pt",
        "pdt",
        "hkt",
        "msk",
        "eet",
        "eest",
        "ist",
        "local",
        "time",
    ];
    let mut words = 0;
    for w in s.split(|c: char| c.is_whitespace() || ",|()/-–—".contains(c)) {
        let w = w.trim_matches(|c: char| c == '.' || c == ':');
        if w.is_empty() {
            continue;
        }
        words += 1;
        let lower = w.to_lowercase();
        let numeric = w.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ':');
        let named = crate::mentions::time::month_number(&lower).is_some()
            || crate::mentions::time::weekday_of(&lower).is_some()
            || STAMP.contains(&lower.as_str());
        if !numeric && !named {
            return false;
        }
    }
    words >= 2
}

/// Photo captions and credits: "…, Syria, September 14, 2016. REUTERS/Name",
/// "… Getty Images", "Share", a headline without a verb-like ending.
fn looks_like_caption(s: &str) -> bool {
    let credit = [
        "REUTERS/",
        "Getty Images",
        "AFP PHOTO",
        "AP Photo",
        "/AFP",
        "/AP",
        "EPA/",
        "Photo:",
        "Photograph:",
        "(Photo",
        "Image:",
        "Anadolu Agency",
    ];
    if credit.iter().any(|c| s.contains(c)) {
        return true;
    }
    if timestamp_line(s) {
        return true;
    }
    // A sentence that ends in "Place, Month D, YYYY." is a caption.
    let t = s.trim_end_matches('.');
    let tail: Vec<&str> = t.rsplitn(3, ' ').collect();
    if tail.len() == 3 {
        let (year, day, month) = (tail[0], tail[1].trim_end_matches(','), tail[2]);
        let month_word = month.rsplit([' ', ',']).next().unwrap_or("");
        if year.len() == 4
            && year.chars().all(|c| c.is_ascii_digit())
            && day.chars().all(|c| c.is_ascii_digit())
            && crate::mentions::time::month_number(month_word).is_some()
            && t.contains(", ")
            && s[..s.floor_char_boundary(s.len().saturating_sub(20))].contains(", ")
        {
            let before_date = &t[..t.len() - year.len() - day.len() - month_word.len() - 3];
            return before_date.trim_end().ends_with(',');
        }
    }
    !s.contains(' ') && s.len() < 20
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Vec<String> {
        sentences(s, Span::new(0, s.len()))
            .iter()
            .map(|x| x.span.text(s).to_string())
            .collect()
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let s = "Mr. Kerry met U.S. officials at 1 a.m. Thursday in Geneva. Then he left.";
        assert_eq!(
            split(s),
            vec![
                "Mr. Kerry met U.S. officials at 1 a.m. Thursday in Geneva.",
                "Then he left."
            ]
        );
    }

    #[test]
    fn quotes_close_sentences_and_carry_over() {
        let s = "\"It holds. It will last,\" Toner said. Next.";
        let out = sentences(s, Span::new(0, s.len()));
        assert_eq!(out.len(), 3);
        assert!(out[1].continues_quote);
        assert!(out[0].wholly_quoted(s));
        assert!(!out[2].continues_quote);
    }

    #[test]
    fn blank_lines_and_final_punctuation_lines_split() {
        let s = "Headline here\n\nFirst line.\nSecond line\ncontinues here.";
        assert_eq!(
            split(s),
            vec!["Headline here", "First line.", "Second line\ncontinues here."]
        );
    }

    #[test]
    fn text_without_a_sentence_end_is_cut_at_a_space_past_the_limit() {
        let s = "and more people died ".repeat(1000);
        let out = sentences(&s, Span::new(0, s.len()));
        assert!(out.len() >= s.len() / MAX_SENTENCE, "{}", out.len());
        for w in out.windows(2) {
            assert!(w[0].span.len() <= MAX_SENTENCE);
            // Cut between words: each piece ends a word and the next starts one.
            assert!(s[..w[1].span.start].ends_with(' '), "{:?}", w[1].span);
            assert!(s[w[0].span.end..].starts_with(' '));
        }
        // No space at all: cut at a character boundary.
        // No space at all, or one long run of punctuation: cut at a character boundary.
        for s in ["é".repeat(5000), ".".repeat(5000), "?!”".repeat(2000)] {
            let out = sentences(&s, Span::new(0, s.len()));
            assert_eq!(out.iter().map(|x| x.span.len()).sum::<usize>(), s.len());
            assert!(out.len() > 1);
            assert!(out.iter().all(|x| x.span.len() <= MAX_SENTENCE));
        }
    }

    #[test]
    fn a_title_line_is_a_headline_and_a_first_sentence_is_not() {
        let s = "Italy earthquake: Death toll climbs to 250\n\nAt least 250 people have died, RAI said.";
        let out = sentences(s, Span::new(0, s.len()));
        assert!(out[0].headline);
        assert!(!out[1].headline);
        let s = "At least 250 people have died, RAI said.\n\nRescuers dug on.";
        assert!(!sentences(s, Span::new(0, s.len()))[0].headline);
        let s = "At least 250 people have died. Rescuers dug on";
        assert!(
            !sentences(s, Span::new(0, s.len()))[0].headline,
            "two sentences: no title line"
        );
    }

    #[test]
    fn time_stamp_lines_are_not_statements() {
        for stamp in [
            "24 Jul 2016 14:18 GMT",
            "Wednesday 14 September 2016 22.10 BST",
            "Updated 1234 GMT (2034 HKT) September 12, 2016",
        ] {
            assert!(timestamp_line(stamp), "{stamp}");
        }
        for line in [
            "The truce began on 12 September 2016.",
            "Kerry said on Monday",
            "Fighting 2016",
        ] {
            assert!(!timestamp_line(line), "{line}");
        }
    }

    #[test]
    fn captions_are_marked() {
        let s = "A boy walks in Aleppo, Syria, September 14, 2016. REUTERS/Some One\n\nThe truce held.";
        let out = sentences(s, Span::new(0, s.len()));
        assert!(out[0].caption);
        assert!(!out.last().unwrap().caption);
    }
}
