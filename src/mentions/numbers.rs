//! Cardinal numbers as news writes them: "270,000", "1.5 million", "1.2m", "$2bn" (the
//! number part), "48", "two hundred", "twenty-one", "one hundred and five", "a hundred",
//! "a dozen", "half a million", "a quarter of a million", "two point two million", "1 1/2".
//! Shared by the time, duration and quantity recognisers: [`number_pattern`] is the regex
//! fragment they embed, [`scan_number`] reads the number at the start of a text and says how
//! much of it is the number. Runs of number words are read by the text2num crate; this module
//! adds what it does not know ("a", "half a", "dozen", "point", multipliers after digits).

use std::sync::OnceLock;

use regex::Regex;

/// Cardinal number words (no "a", no fractions); a regex alternation, to be followed by `\b`.
pub const NUMBER_WORD: &str = "zero|nought|naught|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion|lakh|lakhs|crore|crores";

/// Scale words that multiply what comes before them ("1.2 million", "two hundred thousand").
const SCALES: &[(&str, f64)] = &[
    ("hundred", 1e2),
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
    ("trillion", 1e12),
    ("lakh", 1e5),
    ("crore", 1e7),
];

/// A regex fragment (no captures, no literal spaces: safe inside `(?x)`) for a cardinal
/// written in digits or words. It may match a little more than a number ("two and three");
/// [`scan_number`] says how much of the match is one.
pub fn number_pattern() -> String {
    let w = NUMBER_WORD;
    let scale = r"(?:hundred|thousand|million|billion|trillion|lakh|crore)s?";
    let digits = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)";
    let words = format!(r"(?:{w})\b(?:(?:(?u:\s)+and(?u:\s)+|(?:(?u:\s)|-)+)(?:{w})\b)*");
    let point = r"(?:(?u:\s)+point(?:(?u:\s)+(?:zero|one|two|three|four|five|six|seven|eight|nine)\b|(?u:\s)+\d+\b)+)";
    format!(
        r"(?:(?:minus|negative)(?u:\s)+)?(?:{digits}(?:(?u:\s)+point(?u:\s)+\d+\b|(?u:\s)+[1-9]/[2-9]|(?u:\s)*{scale}\b|(?:k|m|mn|bn|b|tn)\b)?|[1-9]/[2-9]|(?:half(?u:\s)+an?|an?(?u:\s)+quarter(?u:\s)+(?:of(?u:\s)+)?an?|quarter(?u:\s)+of(?u:\s)+an?|three(?:(?u:\s)|-)quarters?(?u:\s)+of(?u:\s)+an?)(?u:\s)+(?:dozen|hundred|thousand|million|billion)\b|an?(?u:\s)+(?:dozen|hundred|thousand|million|billion)\b(?:(?:(?u:\s)+and(?u:\s)+|(?:(?u:\s)|-)+)(?:{w})\b)*|{words}{point}?(?:(?u:\s)+{scale}\b)?(?:(?u:\s)+dozens?\b)?|point(?u:\s)+\d+\b)"
    )
}

/// Whether `s` starts with `prefix`, ignoring ASCII case, looking at no more than its length
/// (so that scanning a sentence stays linear).
pub fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len() && s.is_char_boundary(prefix.len()) && s[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// A number read from the start of a text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Number {
    pub value: f64,
    /// Bytes of the text that the number takes (from the start, no trailing space).
    pub len: usize,
    /// Written in words ("twenty-one"), not digits.
    pub words: bool,
    /// A glued abbreviation of a scale followed the digits ("1.2m", "100k", "2bn").
    pub glued: Option<&'static str>,
}

/// The value of a number as matched by [`number_pattern`]; `None` if the whole text is not one.
pub fn parse_number(s: &str) -> Option<f64> {
    let t = s.trim();
    let n = scan_number(t)?;
    (n.len == t.len()).then_some(n.value)
}

fn scale_of(word: &str) -> Option<f64> {
    let w = word.strip_suffix('s').unwrap_or(word);
    SCALES.iter().find(|(s, _)| *s == w).map(|(_, v)| *v)
}

/// Whether a lower-case word is one of [`NUMBER_WORD`] ("two", "twenty", "hundred").
pub fn is_number_word(w: &str) -> bool {
    NUMBER_WORD.split('|').any(|x| x == w)
}

/// Whether a stretch of text holds a count: a digit, a number word ("thirty", "two") or a
/// vague one ("dozens", "hundreds", "scores").
pub fn has_count(s: &str) -> bool {
    s.bytes().any(|b| b.is_ascii_digit())
        || s.split(|c: char| !c.is_alphabetic()).any(|w| {
            let w = w.to_lowercase();
            is_number_word(&w)
                || is_number_word(w.strip_suffix('s').unwrap_or(&w))
                || matches!(w.as_str(), "dozen" | "dozens" | "scores")
        })
}

fn digit_word(w: &str) -> Option<u32> {
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ]
    .iter()
    .position(|x| *x == w)
    .map(|i| i as u32)
}

/// Words of `s` from the start: (lowercase word, start, end), split at whitespace and hyphens,
/// stopping at the first token that is neither a word nor a separator.
fn words(s: &str, max: usize) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while out.len() < max {
        let start = i;
        while i < b.len() && b[i].is_ascii_alphanumeric() {
            i += 1;
        }
        if i == start {
            break;
        }
        out.push((s[start..i].to_ascii_lowercase(), start, i));
        let gap = i;
        while i < b.len() && (b[i] == b' ' || b[i] == b'\t' || b[i] == b'\n' || b[i] == b'-') {
            i += 1;
        }
        if i == gap || i - gap > 3 {
            break;
        }
    }
    out
}

fn digits_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        crate::regexes::new(r"^(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)(?:((?i:k|m|mn|bn|b|tn))\b)?")
            .unwrap()
    })
}

/// Reads the number at the start of `s` (no leading space): digits with separators and
/// decimals, a scale word or glued abbreviation after them, or number words.
pub fn scan_number(s: &str) -> Option<Number> {
    let (sign, skip) = if starts_with_ci(s, "minus ") {
        (-1.0, 6)
    } else if starts_with_ci(s, "negative ") {
        (-1.0, 9)
    } else {
        (1.0, 0)
    };
    let rest = &s[skip..];
    let n = if rest.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        scan_digits(rest)?
    } else {
        scan_words(rest)?
    };
    Some(Number {
        value: sign * n.value,
        len: skip + n.len,
        ..n
    })
}

fn scan_digits(s: &str) -> Option<Number> {
    let c = digits_regex().captures(s)?;
    let m = c.get(0)?;
    let glued = c.get(1).map(|g| g.as_str());
    let num_text = &s[..glued.map_or(m.end(), |g| m.end() - g.len())];
    let mut value: f64 = num_text.replace(',', "").parse().ok()?;
    let mut len = m.end();
    let glued_lower = glued.map(str::to_ascii_lowercase);
    let glued = match glued_lower.as_deref() {
        Some("k") => {
            value *= 1e3;
            Some("k")
        }
        Some("m") if glued == Some("M") => {
            value *= 1e6;
            Some("M")
        }
        Some("m" | "mn") => {
            value *= 1e6;
            Some("m")
        }
        Some("bn" | "b") => {
            value *= 1e9;
            Some("bn")
        }
        Some("tn") => {
            value *= 1e12;
            Some("tn")
        }
        _ => None,
    };
    if glued.is_none() {
        let after = &s[len..];
        let ws = after.len() - after.trim_start().len();
        let t = &after[ws..];
        let w = words(t, 3);
        if let Some((first, _, end)) = w.first() {
            if let Some(sc) = scale_of(first).filter(|_| first != "hundreds" && first != "thousands") {
                // "1.2 million", "5 thousand", "30 lakh"
                value *= sc;
                len += ws + end;
            } else if (first == "dozen" || first == "dozens") && ws > 0 {
                value *= 12.0;
                len += ws + end;
            } else if first == "point" && ws > 0 {
                // "1 point 1"
                if let Some((d, _, dend)) = w.get(1) {
                    if d.bytes().all(|b| b.is_ascii_digit()) && !num_text.contains('.') {
                        value = format!("{}.{d}", num_text.replace(',', "")).parse().ok()?;
                        len += ws + dend;
                    }
                }
            } else if ws > 0 && !num_text.contains('.') {
                // "1 1/2"
                if let Some(f) = simple_fraction(t) {
                    value += f.0;
                    len += ws + f.1;
                }
            }
        }
    }
    if !num_text.contains(['.', ',']) && s[len..].starts_with('/') {
        if let Some(f) = simple_fraction(s) {
            return Some(Number {
                value: f.0,
                len: f.1,
                words: false,
                glued: None,
            });
        }
    }
    Some(Number {
        value,
        len,
        words: false,
        glued,
    })
}

/// "1/2", "3/4": (value, bytes) for one-digit fractions below one (not "24/7", "9/11", "7/7").
fn simple_fraction(s: &str) -> Option<(f64, usize)> {
    let b = s.as_bytes();
    if b.len() >= 3 && (b'1'..=b'9').contains(&b[0]) && b[1] == b'/' && (b'2'..=b'9').contains(&b[2]) {
        if b.get(3).is_some_and(|c| c.is_ascii_digit() || *c == b'/') {
            return None;
        }
        let num = (b[0] - b'0') as f64;
        let den = (b[2] - b'0') as f64;
        return (num < den).then_some((num / den, 3));
    }
    None
}

/// The value of a run of number words; text2num reads it, this adds the Indian scales
/// ("three crore twelve lakh fifty-six thousand") that it does not know.
fn cardinal(tokens: &[String]) -> Option<f64> {
    let en = text2num::Language::english();
    let read = |ts: &[String]| -> Option<f64> {
        if ts.is_empty() {
            return Some(0.0);
        }
        let phrase = ts
            .iter()
            .map(|t| if t == "naught" { "zero" } else { t.as_str() })
            .collect::<Vec<_>>()
            .join(" ");
        text2num::text2digits(&phrase, &en).ok()?.parse::<f64>().ok()
    };
    let mut total = 0.0;
    let mut from = 0;
    let mut last_scale = f64::INFINITY;
    for (i, t) in tokens.iter().enumerate() {
        let scale = match t.as_str() {
            "crore" => 1e7,
            "lakh" => 1e5,
            _ => continue,
        };
        let head = read(&tokens[from..i])?;
        if head == 0.0 || scale >= last_scale {
            return None;
        }
        total += head * scale;
        last_scale = scale;
        from = i + 1;
    }
    if from == 0 {
        return read(tokens);
    }
    let tail = tokens[from..]
        .iter()
        .filter(|t| *t != "and")
        .cloned()
        .collect::<Vec<_>>();
    Some(total + read(&tail)?)
}

fn scan_words(s: &str) -> Option<Number> {
    let w = words(s, 24);
    let word = |i: usize| w.get(i).map(|x| x.0.as_str());
    let is_a = |x: Option<&str>| matches!(x, Some("a" | "an"));
    let number = |value: f64, last: usize| {
        Some(Number {
            value,
            len: w[last].2,
            words: true,
            glued: None,
        })
    };
    // "point 77"
    if word(0) == Some("point") {
        let d = word(1)?;
        return if d.bytes().all(|b| b.is_ascii_digit()) {
            number(format!("0.{d}").parse().ok()?, 1)
        } else {
            None
        };
    }
    // "half a million", "a quarter of a million", "three quarters of a million", "half a dozen".
    let fraction = if word(0) == Some("half") && is_a(word(1)) {
        Some((0.5, 2))
    } else if is_a(word(0)) && word(1) == Some("quarter") {
        let at = if word(2) == Some("of") { 3 } else { 2 };
        Some((0.25, at + usize::from(is_a(word(at)))))
    } else if word(0) == Some("quarter") && word(1) == Some("of") && is_a(word(2)) {
        Some((0.25, 3))
    } else if word(0) == Some("three")
        && matches!(word(1), Some("quarter" | "quarters"))
        && word(2) == Some("of")
        && is_a(word(3))
    {
        Some((0.75, 4))
    } else {
        None
    };
    if let Some((factor, at)) = fraction {
        let sc = word(at)?;
        let v = if sc == "dozen" {
            12.0
        } else {
            scale_of(sc).filter(|_| !sc.ends_with('s'))?
        };
        return number(factor * v, at);
    }
    // A run of number words; "a hundred" is "one hundred" (only before a scale or "dozen").
    let mut tokens: Vec<String> = Vec::new();
    let mut index: Vec<usize> = Vec::new();
    let mut i = 0;
    if is_a(word(0)) {
        let next = word(1)?;
        if !(scale_of(next).is_some() || next == "dozen") || next.ends_with('s') {
            return None;
        }
        if next == "dozen" {
            return number(12.0, 1);
        }
        tokens.push("one".into());
        index.push(0);
        i = 1;
    }
    while let Some(x) = word(i) {
        if is_number_word(x) || (scale_of(x).is_some() && !tokens.is_empty() && !x.ends_with("ss")) {
            tokens.push(
                x.strip_suffix('s')
                    .filter(|b| scale_of(b).is_some())
                    .unwrap_or(x)
                    .to_string(),
            );
            index.push(i);
            i += 1;
        } else if x == "and" && !tokens.is_empty() && word(i + 1).is_some_and(is_number_word) {
            tokens.push("and".into());
            index.push(i);
            i += 1;
        } else {
            break;
        }
    }
    // The longest prefix that text2num reads as one cardinal.
    let (mut value, mut last) = (1..=tokens.len()).rev().find_map(|k| {
        if tokens[k - 1] == "and" {
            return None;
        }
        Some((cardinal(&tokens[..k])?, index[k - 1]))
    })?;
    // "two point two million"
    if word(last + 1) == Some("point") && value.fract() == 0.0 && value < 1000.0 {
        let mut digits = String::new();
        let mut j = last + 2;
        while let Some(d) = word(j).and_then(digit_word) {
            digits.push(char::from_digit(d, 10).unwrap());
            j += 1;
        }
        if !digits.is_empty() {
            value = format!("{}.{digits}", value as i64).parse().ok()?;
            last = j - 1;
            if let Some(sc) = word(j).and_then(scale_of) {
                value *= sc;
                last = j;
            }
        }
    }
    // "two dozen", "two hundred dozens"
    if matches!(word(last + 1), Some("dozen" | "dozens")) {
        value *= 12.0;
        last += 1;
    }
    number(value, last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_digits_number_words_and_vague_counts() {
        for yes in [
            "killed 30",
            "thirty people",
            "Twenty-one",
            "dozens were hurt",
            "hundreds of",
            "tens of thousands",
        ] {
            assert!(has_count(yes), "{yes}");
        }
        for no in [
            "BEIRUT (AP)",
            "ALEPPO, Syria",
            "someone said",
            "seconds later",
            "Tenerife",
        ] {
            assert!(!has_count(no), "{no}");
        }
    }

    #[test]
    fn scan_stops_where_the_number_stops() {
        let n = scan_number("one two").unwrap();
        assert_eq!((n.value, n.len), (1.0, 3));
        let n = scan_number("twenty-one children").unwrap();
        assert_eq!((n.value, n.len, n.words), (21.0, 10, true));
        let n = scan_number("14 and wounding").unwrap();
        assert_eq!((n.value, n.len), (14.0, 2));
        let n = scan_number("1.2m people").unwrap();
        assert_eq!((n.value, n.glued), (1.2e6, Some("m")));
        assert_eq!(scan_number("half a day"), None);
        assert_eq!(scan_number("a week"), None);
    }

    #[test]
    fn pattern_matches_whole_numbers() {
        let re = crate::regexes::new(&format!("(?x)^(?:{})$", number_pattern())).unwrap();
        for s in [
            "270,000",
            "two hundred",
            "twenty-one",
            "a dozen",
            "1.5 million",
            "one",
            "half a million",
            "a quarter of a million",
            "one hundred and five",
            "1.2m",
            "two point two million",
        ] {
            assert!(re.is_match(s), "{s}");
            assert!(parse_number(s).is_some(), "{s}");
        }
    }
}
