//! Quantities: digits with separators, decimals, number words, ranges ("between 250,000 and
//! 275,000", "14 to 18"), qualifiers kept as an interval ("more than", "nearly", "up to",
//! "dozens"), negatives ("no deaths" is 0) and the counted noun ("people", "trucks").
//! Phone numbers, scores, ordinals, reference numbers and years are refused. Its example
//! corpus is `examples/quantity.yaml`.

use std::sync::OnceLock;

use regex::Regex;
use serde::{Deserialize, Serialize, Serializer};

use super::numbers::{number_pattern, parse_number};

/// A quantity value as in CONTRACT.md.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuantityValue {
    #[serde(serialize_with = "num")]
    pub value: f64,
    #[serde(serialize_with = "opt_num", default)]
    pub low: Option<f64>,
    #[serde(serialize_with = "opt_num", default)]
    pub high: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

fn num<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    if v.fract() == 0.0 && v.abs() < 9e15 {
        s.serialize_i64(*v as i64)
    } else {
        s.serialize_f64(*v)
    }
}

fn opt_num<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => num(v, s),
        None => s.serialize_none(),
    }
}

impl QuantityValue {
    /// The interval the wording allows (open ends as infinities).
    pub fn bounds(&self) -> (f64, f64) {
        (
            self.low.unwrap_or(f64::NEG_INFINITY).max(0.0),
            self.high.unwrap_or(f64::INFINITY),
        )
    }

    pub fn compatible(&self, other: &QuantityValue) -> bool {
        let (a0, a1) = self.bounds();
        let (b0, b1) = other.bounds();
        a0 <= b1 && b0 <= a1
    }
}

/// One recognised quantity (offsets into the text given).
#[derive(Clone, Debug)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub value: QuantityValue,
    pub rule: &'static str,
}

fn regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let num = number_pattern();
        let pattern = format!(
            r"(?ix)
            (?P<qual>\b(?:just\s+over|just\s+under|more\s+than|over|at\s+least|nearly|almost|about|approximately|around|up\s+to|some|roughly|an\s+estimated|estimated|as\s+many\s+as|fewer\s+than|less\s+than|under|close\s+to|upwards\s+of|no\s+fewer\s+than|no\s+less\s+than|no\s+more\s+than|at\s+most)\s+)?
            (?:
               (?P<between>\bbetween\s+(?P<r1>{num})\s+and\s+(?P<r2>{num}))
             | (?P<range>(?P<ra>\b{num})\s*(?:-|–|to)\s*(?P<rb>{num})\b)
             | (?P<vague>\b(?:tens\s+of\s+thousands|hundreds\s+of\s+thousands|dozens|hundreds|thousands|millions|scores)\b(?:\s+of)?)
             | (?P<neg>\bno\s+(?:(?:more|further|other|new|civilian|reported)\s+)?)(?P<negn>deaths|casualties|injuries|fatalities|victims|civilians|people|one|air\s*strikes|airstrikes|strikes|survivors|arrests|bodies|trucks|convoys|shots)\b
             | (?P<cur>[$€£])?(?P<n>\b{num})(?P<pct>\s*%|\s+percent\b|\s+per\s+cent\b)?
            )"
        );
        Regex::new(&pattern).expect("quantity regex")
    })
}

/// Words that may stand between a number and the noun it counts.
const MODIFIERS: &[&str] = &[
    "more",
    "other",
    "additional",
    "new",
    "young",
    "innocent",
    "civilian",
    "foreign",
    "armed",
    "local",
    "small",
    "large",
    "major",
    "aid",
    "unarmed",
    "fellow",
    "suspected",
    "confirmed",
    "reported",
    "separate",
    "injured",
    "wounded",
    "dead",
    "of",
    "the",
    "them",
    "total",
];

fn counted_noun(text: &str, at: usize) -> Option<(String, usize)> {
    // Skip the space, or the hyphen of "17-nation", before the noun.
    let lead = text[at..].len()
        - text[at..]
            .trim_start_matches(|c: char| c.is_whitespace() || c == '-')
            .len();
    let at = at + lead;
    let rest = &text[at..];
    let mut offset = 0;
    let mut words = Vec::new();
    for w in rest.split_inclusive(|c: char| c.is_whitespace()) {
        let word = w.trim();
        let clean: String = word
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '-' || *c == '\'')
            .collect();
        if clean.is_empty() || words.len() >= 3 {
            break;
        }
        let end = offset + (w.len() - w.trim_start().len()) + clean.len();
        words.push((clean.clone(), end));
        offset += w.len();
        if clean.len() < word.len() {
            break;
        }
    }
    for (w, end) in &words {
        let lw = w.to_lowercase();
        if MODIFIERS.contains(&lw.as_str()) {
            continue;
        }
        if w.chars().next().is_some_and(|c| c.is_uppercase()) && words.len() > 1 && !lw.ends_with('s') {
            // "Syrian refugees": a capitalised adjective before the noun.
            continue;
        }
        if lw.chars().all(|c| c.is_alphabetic() || c == '-') && lw.len() > 1 {
            return Some((lw, at + end));
        }
        return None;
    }
    None
}

const NOT_COUNTED: &[&str] = &[
    "of", "and", "or", "to", "in", "on", "at", "a", "the", "was", "were", "is", "are", "per", "times", "time", "pm",
    "am", "p", "a.m", "p.m", "gmt", "utc", "st", "nd", "rd", "th",
];

/// All quantities in `text`.
pub fn find_in(text: &str) -> Vec<Found> {
    let mut out = Vec::new();
    for c in regex().captures_iter(text) {
        let m = c.get(0).unwrap();
        let get = |n: &str| c.name(n).map(|x| x.as_str());
        let qual = get("qual").map(|q| q.trim().to_lowercase().split_whitespace().collect::<Vec<_>>().join(" "));
        let mut end = m.end();
        // "48-year-old", "five-member": a number glued to a following word by a hyphen.
        let hyph = get("n").is_some()
            && text[end..]
                .strip_prefix('-')
                .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_alphabetic()));
        let (value, low, high, rule) = if get("between").is_some() {
            let (a, b) = (parse_number(get("r1").unwrap()), parse_number(get("r2").unwrap()));
            let (Some(a), Some(b)) = (a, b) else { continue };
            if a >= b {
                continue;
            }
            ((a + b) / 2.0, Some(a), Some(b), "quantity.range")
        } else if get("range").is_some() {
            let (ra, rb) = (get("ra").unwrap(), get("rb").unwrap());
            let (Some(a), Some(b)) = (parse_number(ra), parse_number(rb)) else {
                continue;
            };
            // Scores ("2-1"), phone numbers ("555-1234") and years ("2015-16") are not ranges.
            let dash = !m.as_str().contains(" to ");
            if a >= b || (dash && (rb.len() >= 4 && ra.len() >= 3 || ra.len() == 4)) {
                continue;
            }
            ((a + b) / 2.0, Some(a), Some(b), "quantity.range")
        } else if let Some(v) = get("vague") {
            let v = v.to_lowercase();
            let (lo, hi) = if v.starts_with("tens of thousands") {
                (20000.0, 99999.0)
            } else if v.starts_with("hundreds of thousands") {
                (200000.0, 999999.0)
            } else if v.starts_with("dozens") {
                (24.0, 99.0)
            } else if v.starts_with("hundreds") {
                (200.0, 999.0)
            } else if v.starts_with("thousands") {
                (2000.0, 9999.0)
            } else if v.starts_with("millions") {
                (2e6, 999e6)
            } else {
                (40.0, 99.0)
            };
            (lo, Some(lo), Some(hi), "quantity.vague")
        } else if get("neg").is_some() {
            (0.0, Some(0.0), Some(0.0), "quantity.none")
        } else if let Some(n) = get("n") {
            let Some(v) = parse_number(n) else { continue };
            let before = text[..c.name("n").unwrap().start()].trim_end();
            // Reference numbers and ordinals: "No. 5", "#3", "1st".
            if before.ends_with("No.")
                || before.ends_with('#')
                || text[end..].starts_with(|c: char| c.is_ascii_alphabetic()) && !hyph && get("pct").is_none()
            {
                continue;
            }
            // Phone numbers and codes: digits glued by dashes or slashes.
            if text[end..].starts_with(['-', '/']) && text[end + 1..].starts_with(|c: char| c.is_ascii_digit())
                || before.ends_with(['-', '/', ':']) && n.starts_with(|c: char| c.is_ascii_digit())
            {
                continue;
            }
            let (lo, hi) = super::duration::hedge(v, qual.as_deref().map(map_qual));
            (v, lo, hi, "quantity.number")
        } else {
            continue;
        };
        // The counted noun.
        let mut unit = None;
        if let Some(p) = get("pct") {
            let _ = p;
            unit = Some("percent".to_string());
        } else if let Some(n) = get("negn") {
            unit = Some(n.to_lowercase().replace(' ', ""));
        } else if let Some((noun, noun_end)) = counted_noun(text, end) {
            if !NOT_COUNTED.contains(&noun.as_str()) {
                unit = Some(noun);
                if hyph {
                    end = noun_end;
                }
            }
        }
        if get("cur").is_some() {
            unit = Some(
                match get("cur") {
                    Some("$") => "USD",
                    Some("€") => "EUR",
                    _ => "GBP",
                }
                .to_string(),
            );
        }
        let n_text = get("n").unwrap_or("");
        let is_word_number = !n_text.is_empty() && !n_text.starts_with(|c: char| c.is_ascii_digit());
        // Years are not counts, a bare "one" is a pronoun, and a word number needs a noun.
        if rule == "quantity.number" {
            let is_year = n_text.len() == 4
                && (1800.0..=2100.0).contains(&value)
                && unit.as_deref().is_none_or(|u| !u.ends_with('s'));
            if is_year || (is_word_number && unit.is_none()) {
                continue;
            }
            if n_text.eq_ignore_ascii_case("one") && unit.is_none() {
                continue;
            }
        }
        let start = m.start() + (m.as_str().len() - m.as_str().trim_start().len());
        out.push(Found {
            start,
            end,
            value: QuantityValue {
                value,
                low,
                high,
                qualifier: qual,
                unit,
            },
            rule,
        });
    }
    out
}

fn map_qual(q: &str) -> &str {
    match q {
        "an estimated" | "estimated" => "about",
        "as many as" | "no more than" => "up to",
        "fewer than" => "less than",
        "upwards of" => "over",
        "no fewer than" | "no less than" => "at least",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str) -> QuantityValue {
        let f = find_in(s);
        assert_eq!(f.len(), 1, "{s}: {f:?}");
        f[0].value.clone()
    }

    #[test]
    fn qualified_counts_keep_intervals_and_nouns() {
        let v = one("has taken the lives of over 270,000 people");
        assert_eq!((v.value, v.low, v.high), (270000.0, Some(270000.0), None));
        assert_eq!(v.unit.as_deref(), Some("people"));
        let v = one("Approximately 300 people have died");
        assert!(v.low.unwrap() < 300.0 && v.high.unwrap() > 300.0);
        let v = one("no deaths resulting from violence");
        assert_eq!((v.value, v.unit.as_deref()), (0.0, Some("deaths")));
        let v = one("consisting of about 20 trucks transporting");
        assert_eq!((v.value, v.unit.as_deref()), (20.0, Some("trucks")));
        let v = one("the 17-nation International Syria Support Group");
        assert_eq!((v.value, v.unit.as_deref()), (17.0, Some("nation")));
        let v = one("between 250,000 and 275,000 people");
        assert_eq!((v.low, v.high), (Some(250000.0), Some(275000.0)));
        let v = one("dozens of civilians");
        assert_eq!(v.unit.as_deref(), Some("civilians"));
        let v = one("two hundred soldiers");
        assert_eq!(v.value, 200.0);
    }

    #[test]
    fn nearly_and_more_than_overlap() {
        assert!(one("nearly 300 dead").compatible(&one("more than 280 civilians")));
        assert!(!one("24 people").compatible(&one("58 people")));
    }

    #[test]
    fn not_quantities() {
        for s in [
            "Call 555-1234 now",
            "They won 2-1.",
            "the 1st battalion",
            "No. 5 road",
            "in 2016 alone",
            "one of the",
            "the second day",
        ] {
            assert!(find_in(s).is_empty(), "{s}: {:?}", find_in(s));
        }
    }
}
