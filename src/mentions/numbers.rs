//! Cardinal numbers as news writes them: "270,000", "1.5 million", "48", "two hundred",
//! "twenty-one", "a dozen". Shared by the duration and quantity recognisers; number words
//! are read by the text2num crate.

use std::sync::OnceLock;

use regex::Regex;

/// Number words, longest first so that alternation prefers "seventeen" over "seven".
pub const NUMBER_WORD: &str = "seventeen|thirteen|fourteen|fifteen|sixteen|eighteen|nineteen|seventy|twenty|thirty|forty|fifty|sixty|eighty|ninety|hundred|thousand|million|billion|eleven|twelve|three|seven|eight|zero|four|five|nine|one|two|six|ten";

/// A regex fragment (no captures) for a cardinal written in digits or words.
pub fn number_pattern() -> String {
    format!(
        r"(?:(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s+(?:million|billion|thousand)\b)?|(?:half\s+a\s+|a\s+)dozen\b|a\s+(?:hundred|thousand|million|billion)(?:\s+(?:and\s+)?(?:{w})(?:[\s-]+(?:{w}))*)?\b|(?:{w})(?:(?:[\s-]+|\s+and\s+)(?:{w}))*\b)",
        w = NUMBER_WORD
    )
}

/// The value of a number as matched by [`number_pattern`]; `None` if it is not one.
pub fn parse_number(s: &str) -> Option<f64> {
    let s = s.trim();
    let lower = s.to_lowercase();
    if lower == "a dozen" {
        return Some(12.0);
    }
    if lower == "half a dozen" {
        return Some(6.0);
    }
    if let Some(v) = parse_digits(&lower) {
        return Some(v);
    }
    let words = lower
        .strip_prefix("a ")
        .map_or(lower.clone(), |rest| format!("one {rest}"));
    let words = words.replace('-', " ");
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    if words.split(' ').all(|w| w == "and") {
        return None;
    }
    let en = text2num::Language::english();
    text2num::text2digits(&words, &en).ok()?.parse::<f64>().ok()
}

fn parse_digits(s: &str) -> Option<f64> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(r"^(\d[\d,]*(?:\.\d+)?)(?:\s+(million|billion|thousand))?$").unwrap());
    let c = re.captures(s)?;
    let base: f64 = c[1].replace(',', "").parse().ok()?;
    let mult = match c.get(2).map(|m| m.as_str()) {
        Some("thousand") => 1e3,
        Some("million") => 1e6,
        Some("billion") => 1e9,
        _ => 1.0,
    };
    Some(base * mult)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_words_and_multipliers() {
        let cases = [
            ("270,000", 270000.0),
            ("48", 48.0),
            ("1.5 million", 1.5e6),
            ("two hundred", 200.0),
            ("twenty-one", 21.0),
            ("a dozen", 12.0),
            ("half a dozen", 6.0),
            ("a hundred", 100.0),
            ("seventeen", 17.0),
            ("three thousand five hundred", 3500.0),
        ];
        for (s, v) in cases {
            assert_eq!(parse_number(s), Some(v), "{s}");
        }
    }

    #[test]
    fn non_numbers_are_refused() {
        for s in ["and", "", "people", "1,2,3x"] {
            assert_eq!(parse_number(s), None, "{s}");
        }
    }

    #[test]
    fn pattern_matches_whole_numbers() {
        let re = Regex::new(&format!("^(?:{})$", number_pattern())).unwrap();
        for s in ["270,000", "two hundred", "twenty-one", "a dozen", "1.5 million", "one"] {
            assert!(re.is_match(s), "{s}");
        }
    }
}
