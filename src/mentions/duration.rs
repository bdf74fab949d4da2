//! Durations: "48 hours", "48-hour", "two-day", "a week straight", "another 72 hours",
//! "seven consecutive days", "nearly two weeks", "five-year", "for a decade", with hedges
//! kept as low/high bounds. "the first 48 hours" and "the past 24 hours" are periods
//! (a stretch of the story's timeline), marked so that claims do not read them as a length.
//! Its example corpus is `examples/duration.yaml`.

use std::sync::OnceLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use super::numbers::{number_pattern, parse_number};

/// A duration value as in CONTRACT.md.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DurationValue {
    /// ISO 8601 duration in the unit the text used ("PT48H", "P2W", "P5Y").
    pub iso: String,
    /// Length in seconds where fixed (not for months and years).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seconds: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub low_seconds: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high_seconds: Option<i64>,
    /// TimeML TIMEX3 value.
    pub timex: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
    /// "first", "past", "next", "another": the duration names a period or an addition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
}

impl DurationValue {
    /// Bounds in seconds (months and years approximated) for comparison.
    pub fn bounds(&self) -> (f64, f64) {
        let nominal = self.seconds.map(|s| s as f64).unwrap_or_else(|| iso_seconds(&self.iso));
        let lo = self.low_seconds.map_or(nominal, |s| s as f64);
        let hi = self.high_seconds.map_or(nominal, |s| s as f64);
        (lo, hi)
    }

    pub fn compatible(&self, other: &DurationValue) -> bool {
        let (a0, a1) = self.bounds();
        let (b0, b1) = other.bounds();
        a0 <= b1 * 1.0001 && b0 <= a1 * 1.0001
    }
}

/// Approximate seconds of an ISO 8601 duration (a month is 30.44 days, a year 365.25).
pub fn iso_seconds(iso: &str) -> f64 {
    let mut total = 0.0;
    let mut num = String::new();
    let mut in_time = false;
    for ch in iso.chars().skip(1) {
        match ch {
            'T' => in_time = true,
            '0'..='9' | '.' => num.push(ch),
            _ => {
                let n: f64 = num.parse().unwrap_or(0.0);
                num.clear();
                total += n * match (ch, in_time) {
                    ('H', _) => 3600.0,
                    ('M', true) => 60.0,
                    ('S', _) => 1.0,
                    ('D', _) => 86400.0,
                    ('W', _) => 604800.0,
                    ('M', false) => 30.44 * 86400.0,
                    ('Y', _) => 365.25 * 86400.0,
                    _ => 0.0,
                };
            }
        }
    }
    total
}

fn regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let num = number_pattern();
        let pattern = format!(
            r"(?ix)
            \b(?P<scope>the\s+(?:first|last|past|next|previous|coming|following|final)\s+|another\s+|a\s+further\s+|an\s+additional\s+|an\s+extra\s+)?
            (?P<qual>nearly|almost|about|around|roughly|approximately|some|over|more\s+than|less\s+than|under|at\s+least|at\s+most|up\s+to|just|only|just\s+over|just\s+under|close\s+to|barely)?\s*
            (?:
               (?P<hn>{num}|a|an|one|half\s+an?)[\s-](?P<hu>second|minute|hour|day|week|month|year|decade|century)(?P<hy>-long|-old)?\b
             | (?P<n>{num}|several|a\s+few|a\s+couple\s+of|a|an|one)\s+(?:(?P<consec>consecutive|straight|full|more|long|whole)\s+)?(?P<u>seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|years?|decades?|centuries|century)\b(?:\s+(?P<str>straight|running|in\s+a\s+row))?
             | (?P<un>(?:the\s+)?(?:past|last|next|coming)\s+)?(?P<bare>decade|fortnight|week|month|year|century)(?:\s+(?P<str2>straight|running))?\b
            )"
        );
        Regex::new(&pattern).expect("duration regex")
    })
}

/// One recognised duration (offsets into the text given).
#[derive(Clone, Debug)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub value: DurationValue,
    pub rule: &'static str,
}

/// All durations in `text`.
pub fn find_in(text: &str) -> Vec<Found> {
    let mut out = Vec::new();
    for c in regex().captures_iter(text) {
        let m = c.get(0).unwrap();
        let get = |n: &str| c.name(n).map(|x| x.as_str().to_lowercase());
        // Ages ("33-year-old") are not durations of events.
        if get("hy").as_deref() == Some("-old") {
            continue;
        }
        let (n, unit, rule) = if let Some(u) = get("hu") {
            let n = get("hn").unwrap_or_default();
            (count_of(&n), u, "duration.modifier")
        } else if let Some(u) = get("u") {
            let n = get("n").unwrap_or_default();
            (count_of(&n), u, "duration.count")
        } else if let Some(u) = get("bare") {
            // A bare "week" is only a duration with "a"/"for"/"the past": "a week", "for a decade".
            let before = text[..m.start()].trim_end().to_lowercase();
            let has_scope = get("un").is_some() || get("scope").is_some();
            if !(has_scope || before.ends_with(" a") || before.ends_with(" for a") || before == "a") {
                continue;
            }
            (Some(1.0), u, "duration.unit")
        } else {
            continue;
        };
        let Some(n) = n else { continue };
        let unit = unit.trim_end_matches('s').to_string();
        let unit = if unit == "centurie" {
            "century".to_string()
        } else {
            unit
        };
        let (iso, secs) = iso_of(n, &unit);
        let qual = get("qual").map(|q| q.split_whitespace().collect::<Vec<_>>().join(" "));
        let (lo, hi) = hedge(
            secs.map(|s| s as f64).unwrap_or_else(|| iso_seconds(&iso)),
            qual.as_deref(),
        );
        let mut scope = get("scope").map(|s| s.trim().trim_start_matches("the ").to_string());
        if scope.is_none() {
            scope = get("un").map(|s| s.trim().trim_start_matches("the ").to_string());
        }
        let mut start = m.start();
        let text_m = m.as_str();
        // Leading whitespace when no scope/qualifier matched.
        start += text_m.len() - text_m.trim_start().len();
        let hedged = qual.as_deref().is_some_and(|q| !matches!(q, "just" | "only"));
        out.push(Found {
            start,
            end: m.end(),
            value: DurationValue {
                timex: iso.clone(),
                iso,
                seconds: secs,
                low_seconds: if hedged { lo.map(|v| v as i64) } else { None },
                high_seconds: if hedged { hi.map(|v| v as i64) } else { None },
                qualifier: qual,
                scope,
            },
            rule,
        });
    }
    out
}

fn count_of(n: &str) -> Option<f64> {
    let n = n.trim();
    match n {
        "a" | "an" | "one" => Some(1.0),
        "several" | "a few" => Some(3.0),
        x if x.starts_with("a couple") => Some(2.0),
        x if x.starts_with("half a") => Some(0.5),
        x => parse_number(x),
    }
}

fn iso_of(n: f64, unit: &str) -> (String, Option<i64>) {
    let fmt = |x: f64| {
        if x.fract() == 0.0 {
            format!("{}", x as i64)
        } else {
            format!("{x}")
        }
    };
    let (iso, secs) = match unit {
        "second" => (format!("PT{}S", fmt(n)), Some(n)),
        "minute" => (format!("PT{}M", fmt(n)), Some(n * 60.0)),
        "hour" => (format!("PT{}H", fmt(n)), Some(n * 3600.0)),
        "day" | "night" => (format!("P{}D", fmt(n)), Some(n * 86400.0)),
        "week" => (format!("P{}W", fmt(n)), Some(n * 604800.0)),
        "fortnight" => (format!("P{}W", fmt(2.0 * n)), Some(n * 1209600.0)),
        "month" => (format!("P{}M", fmt(n)), None),
        "year" => (format!("P{}Y", fmt(n)), None),
        "decade" => (format!("P{}Y", fmt(10.0 * n)), None),
        _ => (format!("P{}Y", fmt(100.0 * n)), None),
    };
    (iso, secs.map(|s| s.round() as i64))
}

/// The interval a hedge allows around a nominal value.
pub fn hedge(v: f64, qual: Option<&str>) -> (Option<f64>, Option<f64>) {
    match qual {
        Some("nearly" | "almost" | "close to" | "just under" | "barely") => (Some(v * 0.85), Some(v)),
        Some("about" | "around" | "roughly" | "approximately" | "some") => (Some(v * 0.85), Some(v * 1.15)),
        Some("over" | "more than" | "just over") => (Some(v), None),
        Some("at least") => (Some(v), None),
        Some("less than" | "under") => (Some(0.0), Some(v)),
        Some("at most" | "up to") => (Some(0.0), Some(v)),
        _ => (Some(v), Some(v)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str) -> (String, DurationValue) {
        let f = find_in(s);
        assert_eq!(f.len(), 1, "{s}: {f:?}");
        (s[f[0].start..f[0].end].to_string(), f[0].value.clone())
    }

    #[test]
    fn forms_and_values() {
        assert_eq!(one("it will last just 48 hours").1.iso, "PT48H");
        assert_eq!(one("a 48-hour truce").1.iso, "PT48H");
        assert_eq!(one("the five-year Syrian civil war").1.iso, "P5Y");
        assert_eq!(one("for a week straight").1.seconds, Some(604800));
        let (t, v) = one("for nearly two weeks as");
        assert_eq!(t, "nearly two weeks");
        assert_eq!(v.seconds, Some(1209600));
        assert!(v.low_seconds.unwrap() < 1209600);
        assert_eq!(one("for another 72 hours").1.scope.as_deref(), Some("another"));
        assert_eq!(one("seven consecutive days").1.iso, "P7D");
        assert_eq!(one("for a decade").1.iso, "P10Y");
        assert_eq!(one("during the first 48 hours of").1.scope.as_deref(), Some("first"));
    }

    #[test]
    fn not_durations() {
        for s in [
            "the 33-year-old actress",
            "a weekly market",
            "the hours were long",
            "yearly",
        ] {
            assert!(find_in(s).is_empty(), "{s}: {:?}", find_in(s));
        }
    }
}
