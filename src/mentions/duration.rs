//! Durations: "48 hours", "48-hour", "two-day", "a week straight", "another 72 hours",
//! "seven consecutive days", "nearly two weeks", "five-year", "for a decade", "half an hour",
//! "a year and a half", "two years and three months", "several days", "for years", with
//! hedges kept as low/high bounds. "the first 48 hours" and "the past 24 hours" are periods
//! (a stretch of the story's timeline), marked by `scope` so that claims do not read them as
//! a length. Ages ("33-year-old") and frequencies ("twice a day") are not durations.
//!
//! Each value carries `iso` (the length in the units the text used, with vague counts given a
//! nominal number so that `seconds` and the bounds stay comparable) and `timex`, the TimeML
//! TIMEX3 value ("P3D", "PXD" for "several days", "P10Y" for a decade, "P1Q", "PT1.5H"),
//! plus the TimeML `mod` of a qualifier ("more than two months" is P2M, mod MORE_THAN).
//! Its example corpus is `examples/duration.yaml`.

use std::cell::OnceCell;
use std::sync::OnceLock;

use regex::{Captures, Regex};
use serde::{Deserialize, Serialize};

use super::numbers::{number_pattern, scan_number, starts_with_ci};

/// A duration value as in CONTRACT.md.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DurationValue {
    /// ISO 8601 duration in the unit the text used ("PT48H", "P2W", "P5Y").
    pub iso: String,
    /// Length in seconds where fixed (not for months and years).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seconds: Option<i64>,
    /// Bounds where the wording is hedged or vague; one bound alone is an open interval.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub low_seconds: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high_seconds: Option<i64>,
    /// TimeML TIMEX3 value.
    pub timex: String,
    /// TimeML TIMEX3 `mod` of the qualifier (MORE_THAN, APPROX, …).
    #[serde(rename = "mod", default, skip_serializing_if = "Option::is_none")]
    pub timex_mod: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
    /// "first", "past", "next", "another": the duration names a period or an addition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// No end at all ("open-ended", "indefinitely", "until further notice"): longer than
    /// any stated length. `iso` and `timex` are then `PXY`, TimeML's unspecified length.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub open: bool,
}

impl DurationValue {
    /// Bounds in seconds (months and years approximated) for comparison. A lower bound alone
    /// is open above ("more than two months"), an upper bound alone starts at zero.
    pub fn bounds(&self) -> (f64, f64) {
        if self.open {
            return (f64::INFINITY, f64::INFINITY);
        }
        let nominal = self.seconds.map(|s| s as f64).unwrap_or_else(|| iso_seconds(&self.iso));
        match (self.low_seconds, self.high_seconds) {
            (None, None) => (nominal, nominal),
            (Some(lo), None) => (lo as f64, f64::INFINITY),
            (None, Some(hi)) => (0.0, hi as f64),
            (Some(lo), Some(hi)) => (lo as f64, hi as f64),
        }
    }

    pub fn compatible(&self, other: &DurationValue) -> bool {
        let (a0, a1) = self.bounds();
        let (b0, b1) = other.bounds();
        a0 <= b1 * 1.0001 && b0 <= a1 * 1.0001
    }
}

const DAY: f64 = 86400.0;
const MONTH: f64 = 30.44 * DAY;
const YEAR: f64 = 365.25 * DAY;

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
                    ('D', _) => DAY,
                    ('W', _) => 7.0 * DAY,
                    ('M', false) => MONTH,
                    ('Q', _) => 3.0 * MONTH,
                    ('Y', _) => YEAR,
                    _ => 0.0,
                };
            }
        }
    }
    total
}

/// The units a duration can be counted in, smallest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Weekend,
    Week,
    Month,
    Quarter,
    Year,
}

impl Unit {
    /// The unit a word names and how many of it one of the word is ("decade" is 10 years).
    fn of(word: &str) -> Option<(Unit, f64)> {
        let w = word.to_ascii_lowercase();
        let w = w.trim_end_matches('.');
        Some(match w {
            "second" | "seconds" | "sec" | "secs" => (Unit::Second, 1.0),
            "minute" | "minutes" | "min" | "mins" => (Unit::Minute, 1.0),
            "hour" | "hours" | "hr" | "hrs" | "h" => (Unit::Hour, 1.0),
            "day" | "days" | "night" | "nights" => (Unit::Day, 1.0),
            "weekend" | "weekends" => (Unit::Weekend, 1.0),
            "week" | "weeks" | "wk" | "wks" => (Unit::Week, 1.0),
            "fortnight" | "fortnights" => (Unit::Week, 2.0),
            "month" | "months" | "mo" | "mos" => (Unit::Month, 1.0),
            "quarter" | "quarters" => (Unit::Quarter, 1.0),
            "year" | "years" | "yr" | "yrs" => (Unit::Year, 1.0),
            "decade" | "decades" => (Unit::Year, 10.0),
            "century" | "centuries" => (Unit::Year, 100.0),
            "millennium" | "millennia" => (Unit::Year, 1000.0),
            _ => return None,
        })
    }

    fn seconds(self) -> Option<f64> {
        Some(match self {
            Unit::Second => 1.0,
            Unit::Minute => 60.0,
            Unit::Hour => 3600.0,
            Unit::Day => DAY,
            Unit::Weekend => 2.0 * DAY,
            Unit::Week => 7.0 * DAY,
            _ => return None,
        })
    }

    fn approx_seconds(self) -> f64 {
        self.seconds().unwrap_or(match self {
            Unit::Month => MONTH,
            Unit::Quarter => 3.0 * MONTH,
            _ => YEAR,
        })
    }

    /// The next smaller unit and how many of it make one of this, for "half an hour".
    fn smaller(self) -> Option<(Unit, f64)> {
        Some(match self {
            Unit::Minute => (Unit::Second, 60.0),
            Unit::Hour => (Unit::Minute, 60.0),
            Unit::Day => (Unit::Hour, 24.0),
            Unit::Week => (Unit::Day, 7.0),
            Unit::Quarter => (Unit::Month, 3.0),
            Unit::Year => (Unit::Month, 12.0),
            _ => return None,
        })
    }

    /// ISO 8601 designator (quarters as three months, weekends as two days) and TimeML one.
    fn designators(self) -> (&'static str, &'static str) {
        match self {
            Unit::Second => ("S", "S"),
            Unit::Minute => ("M", "M"),
            Unit::Hour => ("H", "H"),
            Unit::Day => ("D", "D"),
            Unit::Weekend => ("D", "WE"),
            Unit::Week => ("W", "W"),
            Unit::Month => ("M", "M"),
            Unit::Quarter => ("M", "Q"),
            Unit::Year => ("Y", "Y"),
        }
    }

    fn is_time(self) -> bool {
        self <= Unit::Hour
    }

    /// ISO factor: a weekend is written as two days, a quarter as three months.
    fn iso_factor(self) -> f64 {
        match self {
            Unit::Weekend => 2.0,
            Unit::Quarter => 3.0,
            _ => 1.0,
        }
    }
}

fn fmt_num(x: f64) -> String {
    let r = (x * 1000.0).round() / 1000.0;
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r}")
    }
}

/// One counted part of a duration: `n` of `unit` (n is `None` for "several", "years").
#[derive(Clone, Copy, Debug)]
struct Part {
    n: f64,
    unit: Unit,
    /// For vague counts: the multiples of the unit the words allow.
    vague: Option<(f64, f64)>,
}

impl Part {
    /// A fraction below one is said in the next smaller unit when that is whole: half an
    /// hour is PT30M, half a year P6M; "1.5 hours" stays PT1.5H as written.
    fn normalised(self) -> Part {
        let mut p = self;
        while p.n < 1.0 && p.n > 0.0 && p.vague.is_none() {
            match p.unit.smaller() {
                Some((u, k)) if ((p.n * k) - (p.n * k).round()).abs() < 1e-9 => {
                    p = Part {
                        n: (p.n * k).round(),
                        unit: u,
                        vague: None,
                    }
                }
                _ => break,
            }
        }
        p
    }
}

/// ISO and TimeML strings and fixed seconds of a list of parts (largest unit first).
fn render(parts: &[Part]) -> (String, String, Option<f64>, f64) {
    let (mut iso_date, mut iso_time, mut tx_date, mut tx_time) =
        (String::new(), String::new(), String::new(), String::new());
    let mut fixed = Some(0.0);
    let mut approx = 0.0;
    for p in parts {
        let (d_iso, d_tx) = p.unit.designators();
        let n_iso = fmt_num(p.n * p.unit.iso_factor());
        let n_tx = if p.vague.is_some() {
            "X".to_string()
        } else {
            fmt_num(p.n)
        };
        if p.unit.is_time() {
            iso_time.push_str(&format!("{n_iso}{d_iso}"));
            tx_time.push_str(&format!("{n_tx}{d_tx}"));
        } else {
            iso_date.push_str(&format!("{n_iso}{d_iso}"));
            tx_date.push_str(&format!("{n_tx}{d_tx}"));
        }
        fixed = match (fixed, p.unit.seconds()) {
            (Some(f), Some(s)) => Some(f + p.n * s),
            _ => None,
        };
        approx += p.n * p.unit.approx_seconds();
    }
    let join = |d: String, t: String| {
        if t.is_empty() {
            format!("P{d}")
        } else {
            format!("P{d}T{t}")
        }
    };
    (join(iso_date, iso_time), join(tx_date, tx_time), fixed, approx)
}

const UNIT_WORDS: &str = r"seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|nights?|weekends?|weeks?|wks?|fortnights?|months?|quarters?|years?|yrs?|decades?|centuries|century|millennia|millennium";
const SINGULAR_UNITS: &str =
    r"second|minute|hour|day|night|weekend|week|fortnight|month|quarter|year|decade|century|millennium";

fn regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let num = number_pattern();
        let digits = r"(?:\d+(?:\.\d+)?)";
        let pattern = format!(
            r"(?ix-u)
            \b
            (?P<scope>the(?u:\s)+(?:first|last|past|next|previous|coming|following|final|initial|remaining|ensuing|intervening|preceding|latest)(?u:\s)+|(?:past|next|first|final|coming|following)(?u:\s)+|another(?u:\s)+|a(?u:\s)+further(?u:\s)+|an(?u:\s)+additional(?u:\s)+|an(?u:\s)+extra(?u:\s)+|a(?u:\s)+full(?u:\s)+|a(?u:\s)+whole(?u:\s)+)?
            (?P<qual>(?:nearly|almost|about|around|roughly|approximately|some|over|more(?u:\s)+than|less(?u:\s)+than|fewer(?u:\s)+than|under|at(?u:\s)+least|at(?u:\s)+most|up(?u:\s)+to|just|only|just(?u:\s)+over|just(?u:\s)+under|close(?u:\s)+to|barely|well(?u:\s)+over|well(?u:\s)+under|no(?u:\s)+more(?u:\s)+than|no(?u:\s)+less(?u:\s)+than|as(?u:\s)+long(?u:\s)+as|as(?u:\s)+many(?u:\s)+as|as(?u:\s)+much(?u:\s)+as|upwards(?u:\s)+of|in(?u:\s)+excess(?u:\s)+of|little(?u:\s)+more(?u:\s)+than|a(?u:\s)+little(?u:\s)+over|a(?u:\s)+little(?u:\s)+more(?u:\s)+than|the(?u:\s)+better(?u:\s)+part(?u:\s)+of|most(?u:\s)+of|an(?u:\s)+estimated|roughly|a(?u:\s)+mere|a(?u:\s)+maximum(?u:\s)+of|a(?u:\s)+minimum(?u:\s)+of|a(?u:\s)+total(?u:\s)+of)(?u:\s)+)?
            (?:
               (?P<range>(?:(?P<ra>{digits})(?u:\s)*(?:-|–)(?u:\s)*(?P<rb>{digits})|(?P<ra2>{num})(?u:\s)+(?:to|or)(?u:\s)+(?P<rb2>{num}))(?:(?u:\s)|-)(?P<ru>{UNIT_WORDS})\b)
             | (?P<between>between(?u:\s)+(?P<ba>{num})(?u:\s)+and(?u:\s)+(?P<bb>{num})(?u:\s)+(?P<bu>{UNIT_WORDS})\b)
             | (?P<long>(?:{SINGULAR_UNITS})s?-?long)\b
             | (?P<hn>{num}|an?|half|a(?:(?u:\s)|-)half|one(?:(?u:\s)|-)and(?:(?u:\s)|-)a(?:(?u:\s)|-)half|{num}(?:(?u:\s)|-)and(?:(?u:\s)|-)an?(?:(?u:\s)|-)(?:half|quarter))-(?P<hu>(?:{SINGULAR_UNITS})s?)(?P<hy>-long|-old|(?:(?u:\s)|-)old\b|-olds)?\b
             | (?P<half>half(?u:\s)+an?|a(?u:\s)+half|half|an?(?u:\s)+quarter(?u:\s)+of(?u:\s)+an?|an?(?u:\s)+quarter|quarter(?u:\s)+of(?u:\s)+an?|three(?:(?u:\s)|-)quarters(?u:\s)+of(?u:\s)+an?)(?u:\s)+(?P<hu2>{SINGULAR_UNITS})\b
             | (?P<n>{num}(?:(?:(?u:\s)|-)+and(?:(?u:\s)|-)+(?:(?:an?|one|two|three)(?:(?u:\s)|-)+)?(?:half|quarters?|three(?:(?u:\s)|-)quarters?)(?:(?u:\s)+of)?)?|several|a(?u:\s)+few|few|a(?u:\s)+couple(?u:\s)+of|a(?u:\s)+couple|couple(?u:\s)+of|many|a|an)(?u:\s)*(?:(?P<adj>consecutive|straight|successive|full|more|long|whole|additional|extra|further|solid|agonising|agonizing|tense|short|brief|nerve-wracking|gruelling|grueling)(?u:\s)+)?(?P<u>{UNIT_WORDS}|h)\b(?P<tail>(?u:\s)+(?:straight|running|in(?u:\s)+a(?u:\s)+row|on(?u:\s)+end|consecutively))?(?P<andhalf>(?u:\s)+and(?u:\s)+(?:an?(?u:\s)+)?half)?
             | (?P<bare>{SINGULAR_UNITS})\b(?P<tail2>(?u:\s)+(?:straight|running|in(?u:\s)+a(?u:\s)+row|on(?u:\s)+end))?
             | (?P<pl>seconds|minutes|hours|days|nights|weeks|months|years|decades|centuries)\b
            )"
        );
        crate::regexes::new(&pattern).expect("duration regex")
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

/// Words before a bare plural unit ("for years", "within hours") that make it a duration.
const PLURAL_BEFORE: &[&str] = &[
    "for",
    "in",
    "over",
    "within",
    "after",
    "spent",
    "spend",
    "spending",
    "took",
    "take",
    "takes",
    "taking",
    "lasted",
    "last",
    "lasts",
    "lasting",
    "than",
    "many",
    "long",
    "endless",
    "recent",
    "past",
    "last",
    "next",
    "coming",
    "few",
    "several",
    "countless",
    "following",
    "ensuing",
    "first",
    "final",
];

/// Words before "over" that make it "more than" ("lasted over two weeks"); elsewhere it is
/// "during" ("took place over two days").
const OVER_AS_MORE: &[&str] = &[
    "for",
    "lasted",
    "lasting",
    "last",
    "lasts",
    "took",
    "taking",
    "take",
    "takes",
    "spent",
    "spend",
    "after",
    "in",
    "within",
    "of",
    "run",
    "ran",
    "running",
    "continued",
    "been",
    "be",
    "was",
    "were",
    "is",
    "are",
    "waited",
    "held",
    "detained",
    "jailed",
    "imprisoned",
    "stayed",
    "remained",
    "since",
];

/// Words before "a day", "a week" that make it a frequency (TimeML SET), not a duration.
const FREQUENCY_BEFORE: &[&str] = &["once", "twice", "thrice", "times", "per", "every", "each"];

/// Durative things whose age is how long they have lasted ("the five-day-old truce").
const AGED_EVENTS: &[&str] = &[
    "truce",
    "ceasefire",
    "cease-fire",
    "war",
    "conflict",
    "crisis",
    "siege",
    "blockade",
    "strike",
    "protest",
    "protests",
    "uprising",
    "insurgency",
    "revolution",
    "regime",
    "government",
    "campaign",
    "talks",
    "standoff",
    "dispute",
    "offensive",
    "ban",
    "curfew",
    "occupation",
    "battle",
    "fighting",
    "deal",
    "agreement",
    "accord",
    "moratorium",
    "movement",
    "presidency",
    "administration",
    "embargo",
    "shutdown",
    "lockdown",
    "boycott",
    "rebellion",
    "violence",
    "stalemate",
    "feud",
    "rivalry",
    "investigation",
    "inquiry",
    "trial",
];

/// Whether an event noun follows an "-old" modifier (skipping one adjective: "civil war").
fn aged_event_follows(text: &str, end: usize) -> bool {
    let rest = text[end..].trim_start_matches(|c: char| c.is_alphabetic() || c == '-');
    rest.split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .take(2)
        .any(|w| AGED_EVENTS.contains(&w.to_lowercase().as_str()))
}

/// Whether the word before "a day" makes it a rate: "twice a day", "24 hours a day", "$5 a day".
fn is_frequency(before: &str) -> bool {
    const VERBS: &[&str] = &[
        "takes", "lasts", "spends", "needs", "requires", "was", "has", "is", "gives", "gets", "means", "seems", "runs",
        "remains", "its", "this", "us", "plus", "as", "less", "access", "across", "was", "does", "goes", "comes",
        "stays", "his", "hers", "yes", "thus",
    ];
    FREQUENCY_BEFORE.contains(&before)
        || before.bytes().all(|b| b.is_ascii_digit()) && !before.is_empty()
        || before.len() > 3 && before.ends_with('s') && !before.ends_with("ss") && !VERBS.contains(&before)
}

/// All durations in `text`.
pub fn find_in(text: &str) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    let headline = OnceCell::new();
    for m in regex().find_iter(text) {
        // A lone singular unit ("year" in "this year") is never a duration: skip it without
        // running the capture engine, the costly part of the search.
        let word = m.as_str();
        if word.bytes().all(|b| b.is_ascii_alphabetic()) && !word.ends_with(['s', 'S']) && Unit::of(word).is_some() {
            continue;
        }
        let Some(c) = regex().captures_at(text, m.start()) else {
            continue;
        };
        if let Some(f) = one(text, &c, &headline) {
            // "two years and three months", "an hour and 45 minutes": one duration.
            if let Some(prev) = out.last_mut() {
                if joins(text, prev, &f) {
                    merge(text, prev, f);
                    continue;
                }
            }
            out.push(f);
        }
    }
    for f in &mut out {
        extend_hour_minutes(text, f);
    }
    let open = open_ended(text);
    if !open.is_empty() {
        let free: Vec<Found> = open
            .into_iter()
            .filter(|o| !out.iter().any(|f| f.start < o.end && o.start < f.end))
            .collect();
        out.extend(free);
        out.sort_by_key(|f| f.start);
    }
    out
}

/// "an open-ended truce", "extended indefinitely", "until further notice", "with no set end
/// date", "without a time limit": a length with no end. Only wording that denies an end
/// counts; "a lasting" or "a permanent ceasefire" names an aim, not a length.
fn open_ended(text: &str) -> Vec<Found> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        crate::regexes::new(
            r"(?xi)\b(?:
                open[-\s]ended
              | indefinite(?:ly)?
              | until\s+further\s+notice
              | (?:is|was|are|were|be)\s+not\s+time[-\s]limited
              | (?:is|was|are|were|be)\s+not\s+limited\s+in\s+time
              | (?:with(?:out)?|has|had|have|carries|carried)\s+(?:no|an?)\s+(?:set\s+|fixed\s+|specific\s+|specified\s+|clear\s+)?
                (?:end(?:ing)?\s+date|expiry(?:\s+date)?|expiration(?:\s+date)?|time\s+limit|deadline|time\s*frame|end\s+point)
            )\b",
        )
        .expect("open-ended pattern")
    });
    re.find_iter(text)
        .filter(|m| {
            let lower = m.as_str().to_ascii_lowercase();
            // "without a deadline" and "without an end date" deny an end; "with a deadline"
            // and "has an expiry date" state one.
            let article = lower.split_whitespace().nth(1).is_some_and(|w| w == "a" || w == "an");
            // "the indefinite article" is grammar.
            let grammar =
                lower == "indefinite" && text[m.end()..].trim_start().to_ascii_lowercase().starts_with("article");
            (!article || lower.starts_with("without")) && !grammar
        })
        .map(|m| Found {
            start: m.start(),
            end: m.end(),
            value: DurationValue {
                iso: "PXY".into(),
                seconds: None,
                low_seconds: None,
                high_seconds: None,
                timex: "PXY".into(),
                timex_mod: None,
                qualifier: Some("open-ended".into()),
                scope: None,
                open: true,
            },
            rule: "duration.open-ended",
        })
        .collect()
}

fn get<'a>(c: &'a Captures, name: &str) -> Option<&'a str> {
    c.name(name).map(|m| m.as_str())
}

fn lower_words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

fn word_before(text: &str, at: usize) -> String {
    text[..at]
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric() && c != '\'')
        .next()
        .unwrap_or("")
        .to_lowercase()
}

/// The count words before a unit: a number, "a", "several", "two and a half".
fn amount(words: &str) -> Option<(f64, Option<(f64, f64)>)> {
    let w = lower_words(&words.replace('-', " "));
    match w.as_str() {
        "a" | "an" => return Some((1.0, None)),
        "several" => return Some((3.0, Some((2.0, 9.0)))),
        "a few" | "few" => return Some((3.0, Some((2.0, 5.0)))),
        "many" => return Some((10.0, Some((3.0, 99.0)))),
        "a couple of" | "a couple" | "couple of" => return Some((2.0, None)),
        "half" | "a half" | "half a" | "half an" => return Some((0.5, None)),
        "one and a half" => return Some((1.5, None)),
        _ => {}
    }
    // "two and a half", "one and three quarters", "one and a quarter of"
    if let Some((head, tail)) = w.split_once(" and ") {
        let tail = tail.trim_end_matches(" of");
        let (count, piece) = match tail.split_once(' ') {
            Some((c, p)) => (c, p),
            None => ("a", tail),
        };
        let count = match count {
            "a" | "an" | "one" => 1.0,
            "two" => 2.0,
            "three" => 3.0,
            _ => return None,
        };
        let piece = match piece {
            "half" => 0.5,
            "quarter" | "quarters" => 0.25,
            _ => return None,
        };
        let (n, _) = amount(head)?;
        return (count * piece < 1.0).then_some((n + count * piece, None));
    }
    let n = scan_number(&w)?;
    (n.len == w.len() && n.value > 0.0 && n.glued.is_none()).then_some((n.value, None))
}

fn one(text: &str, c: &Captures, headline: &OnceCell<bool>) -> Option<Found> {
    let m = c.get(0)?;
    let mut end = m.end();
    let mut scope = get(c, "scope").map(lower_words);
    let mut qual = get(c, "qual").map(lower_words);
    let mut start = m.start();
    // "took place over two days": "over" is "during" unless a verb of length comes first.
    if qual.as_deref() == Some("over") && !OVER_AS_MORE.contains(&word_before(text, m.start()).as_str()) {
        qual = None;
        start = c.name("qual")?.end();
    }
    let (mut part, rule, mut bounds) = if c.name("range").is_some() || c.name("between").is_some() {
        let (a, b, u) = if c.name("range").is_some() {
            (
                get(c, "ra").or(get(c, "ra2"))?,
                get(c, "rb").or(get(c, "rb2"))?,
                get(c, "ru")?,
            )
        } else {
            (get(c, "ba")?, get(c, "bb")?, get(c, "bu")?)
        };
        let (lo, _) = amount(a)?;
        let (hi, _) = amount(b)?;
        let (unit, k) = Unit::of(u)?;
        // "2015-16 years"? Years as numbers and phone-like digits are not ranges.
        if lo >= hi || a.len() == 4 && hi < 100.0 {
            return None;
        }
        let p = Part {
            n: hi * k,
            unit,
            vague: None,
        };
        (p, "duration.range", Some((lo * k, hi * k)))
    } else if let Some(l) = get(c, "long") {
        // "month-long", "weeklong", "years-long"
        let word = l.to_lowercase();
        let stem = word.trim_end_matches("long").trim_end_matches('-');
        let plural = stem.ends_with('s') && Unit::of(stem.trim_end_matches('s')).is_some();
        let (unit, k) = Unit::of(stem)?;
        let p = Part {
            n: if plural { 3.0 } else { k },
            unit,
            vague: plural.then_some((2.0, 9.0)),
        };
        (p, "duration.modifier", None)
    } else if let Some(u) = get(c, "hu") {
        // "48-hour", "two-day", "five-year", "a 30-minute": a count glued to its unit.
        let hy = get(c, "hy").map(|h| h.to_lowercase());
        // "the 33-year-old actress" is an age; "the five-day-old truce" has lasted five days.
        if hy.as_deref().is_some_and(|h| h.contains("old")) {
            if !aged_event_follows(text, end) {
                return None;
            }
            end = c.name("hu")?.end();
            if scope.is_none() {
                scope = Some("past".into());
            }
        }
        let hn = get(c, "hn")?;
        // "the Six-Day War": part of a name.
        if name_like(text, u, m.start(), headline) && word_after_is_capitalised(text, end) {
            return None;
        }
        let (n, vague) = amount(hn)?;
        let (unit, k) = Unit::of(u.trim_end_matches(['s', 'S']))?;
        let p = Part {
            n: n * k,
            unit,
            vague: vague.map(|(a, b)| (a * k, b * k)),
        };
        (p, "duration.modifier", None)
    } else if let Some(u) = get(c, "u") {
        let n_text = get(c, "n")?;
        let n_lower = n_text.to_lowercase();
        let u_lower = u.to_lowercase();
        // Abbreviated units ("hrs", "h") only after digits.
        if matches!(
            u_lower.as_str(),
            "h" | "hr" | "hrs" | "min" | "mins" | "sec" | "secs" | "wk" | "wks" | "yr" | "yrs"
        ) && !n_text.starts_with(|ch: char| ch.is_ascii_digit())
        {
            return None;
        }
        // A number and its unit are written apart, except for the abbreviations ("15min").
        let gap = &text[c.name("n")?.end()..c.name("u")?.start()];
        if gap.is_empty() && !matches!(u_lower.as_str(), "h" | "hr" | "hrs" | "min" | "mins" | "sec" | "secs") {
            return None;
        }
        if u_lower == "h" && gap.len() > 1 {
            return None;
        }
        // "three quarters of the vote"
        if u_lower.starts_with("quarter") && starts_with_ci(text[end..].trim_start(), "of ") {
            return None;
        }
        // "one second" or "a second" before a noun is the ordinal ("a second round").
        if (u_lower == "second") && matches!(n_lower.as_str(), "a" | "one") && !second_is_time(text, end) {
            return None;
        }
        // "33 years old", "two years older"
        let after = word_after(text, end);
        if matches!(after.as_str(), "old" | "older" | "younger") && get(c, "tail").is_none() {
            return None;
        }
        // "the Thirty Years War", "the Hundred Days offensive": part of a name.
        if name_like(text, u, m.start(), headline) {
            return None;
        }
        // "twice a day", "three times a week": frequencies.
        if matches!(n_lower.as_str(), "a" | "an") && is_frequency(&word_before(text, m.start())) {
            return None;
        }
        // "a month-long siege": the modifier, without the article.
        if starts_with_ci(&text[end..], "-long") {
            end += 5;
            if matches!(n_lower.as_str(), "a" | "an") {
                start = c.name("u")?.start();
            }
        }
        let (mut n, vague) = amount(n_text)?;
        if get(c, "andhalf").is_some() {
            n += 0.5;
        }
        if let Some(a) = get(c, "adj") {
            if matches!(a.to_lowercase().as_str(), "more" | "additional" | "extra" | "further") && scope.is_none() {
                scope = Some("another".into());
            }
        }
        let (unit, k) = Unit::of(u)?;
        let p = Part {
            n: n * k,
            unit,
            vague: vague.map(|(a, b)| (a * k, b * k)),
        };
        (p, "duration.count", None)
    } else if let Some(u) = get(c, "hu2") {
        // "half an hour", "a quarter of an hour", "half a century"
        let h = lower_words(&get(c, "half")?.replace('-', " "));
        let f = if h.contains("three quarters") {
            0.75
        } else if h.contains("quarter") {
            0.25
        } else {
            0.5
        };
        let (unit, k) = Unit::of(u)?;
        let p = Part {
            n: f * k,
            unit,
            vague: None,
        };
        (p, "duration.fraction", None)
    } else if let Some(u) = get(c, "bare") {
        // A bare "week" is a duration only as "the past week", "the next month".
        let has_period_scope = scope.as_deref().is_some_and(|s| {
            matches!(
                s,
                "the past" | "the last" | "the next" | "the coming" | "another" | "a further" | "a full" | "a whole"
            )
        });
        // "the next day", "the last day of the truce" are dates; "at the last minute" an idiom.
        let u_lower = u.to_ascii_lowercase();
        let dated = matches!(u_lower.as_str(), "day" | "night")
            && matches!(scope.as_deref(), Some("the next" | "the last" | "the coming"))
            || matches!(u_lower.as_str(), "minute" | "second") && scope.as_deref() == Some("the last");
        if !has_period_scope || dated {
            return None;
        }
        let (unit, k) = Unit::of(u)?;
        let p = Part {
            n: k,
            unit,
            vague: None,
        };
        (p, "duration.unit", None)
    } else if let Some(u) = get(c, "pl") {
        // "for years", "within hours", "decades of war": an unstated number of units.
        let before = word_before(text, m.start());
        let after = word_after(text, end);
        // "decades of conflict", "months of talks"; not "the early hours of Sunday".
        let of_noun = after == "of" && {
            let rest = text[end..].trim_start()[2..].trim_start();
            let next = rest.split(|ch: char| !ch.is_alphanumeric()).next().unwrap_or("");
            next.chars().all(|ch| ch.is_ascii_lowercase())
                && !next.is_empty()
                && !matches!(
                    next,
                    "the" | "a" | "an" | "this" | "that" | "his" | "her" | "their" | "its" | "our"
                )
                && !matches!(
                    before.as_str(),
                    "the" | "early" | "late" | "small" | "wee" | "these" | "those"
                )
        };
        // "hours after his arrest", "within hours of", "a matter of minutes", "hundreds of years".
        let two_before = words_before(text, m.start(), 2);
        let counted_of = before == "of"
            && two_before.get(1).is_some_and(|w| {
                matches!(
                    w.as_str(),
                    "matter" | "hundreds" | "thousands" | "dozens" | "number" | "space" | "period"
                )
            });
        let ok = (scope.is_some()
            || PLURAL_BEFORE.contains(&before.as_str())
            || of_noun
            || counted_of
            || matches!(after.as_str(), "after" | "before"))
            && !matches!(after.as_str(), "ago" | "old" | "later" | "earlier")
            && !name_like(text, u, m.start(), headline);
        if !ok {
            return None;
        }
        let (unit, k) = Unit::of(u)?;
        let p = Part {
            n: 3.0 * k,
            unit,
            vague: Some((2.0 * k, 99.0 * k)),
        };
        (p, "duration.vague", None)
    } else {
        return None;
    };
    // Ages: "the 33-year-old", "a two-day-old baby".
    if (text[end..].starts_with("-old") || starts_with_ci(&text[end..], " old ")) && scope.as_deref() != Some("past") {
        return None;
    }
    // Spans end on the words; a trailing hyphen of "48-hour-long" is not ours.
    while end > m.start() && text[..end].ends_with([' ', '-']) {
        end -= 1;
    }
    if bounds.is_none() {
        bounds = part.vague;
    }
    part = part.normalised();
    let value = make_value(&[part], qual.as_deref(), scope, bounds.map(|(a, b)| (a, b, part.unit)));
    let start = start + (text[start..end].len() - text[start..end].trim_start().len());
    // "three years ago", "two days later" are dates, the time recogniser's.
    let after = word_after(text, end);
    if matches!(after.as_str(), "ago" | "later" | "earlier" | "hence")
        || starts_with_ci(text[end..].trim_start(), "from now")
    {
        return None;
    }
    Some(Found {
        start,
        end,
        value,
        rule,
    })
}

pub(crate) fn word_after(text: &str, at: usize) -> String {
    text[at..]
        .trim_start()
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase()
}

/// The lowercase words before byte `at`, nearest first.
fn words_before(text: &str, at: usize, n: usize) -> Vec<String> {
    text[..at]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev()
        .take(n)
        .map(str::to_lowercase)
        .collect()
}

/// A capitalised unit word inside a sentence names something ("the Six-Day War", "the
/// Hundred Days offensive"), unless the whole sentence is capitalised (a headline, or
/// shouting: "A SEVEN-MONTH REVIEW").
fn name_like(text: &str, unit: &str, at: usize, headline: &OnceCell<bool>) -> bool {
    if !unit.starts_with(|c: char| c.is_uppercase()) || text[..at].trim().is_empty() {
        return false;
    }
    // Worked out once per sentence.
    let headline = *headline.get_or_init(|| {
        let (mut words, mut caps) = (0usize, 0usize);
        for w in text.split(|c: char| !c.is_alphabetic()).filter(|w| w.len() > 3) {
            words += 1;
            caps += usize::from(w.starts_with(|c: char| c.is_uppercase()));
        }
        words >= 3 && caps * 20 >= words * 17
    });
    !headline
}

fn word_after_is_capitalised(text: &str, at: usize) -> bool {
    let rest = text[at..].trim_start_matches([' ', '\'', '’', 's']);
    rest.starts_with(|c: char| c.is_uppercase())
}

/// Whether "a second" at `end` is the unit of time ("for a second", "a second later").
fn second_is_time(text: &str, end: usize) -> bool {
    let rest = text[end..].trim_start();
    rest.is_empty()
        || rest.starts_with(['.', ',', ';', ')', ':', '!', '?'])
        || matches!(
            word_after(text, end).as_str(),
            "later" | "after" | "before" | "earlier" | "longer" | "or" | "and" | "ago" | "too"
        )
}

/// Builds the value of a duration from its parts, qualifier and scope.
fn make_value(
    parts: &[Part],
    qual: Option<&str>,
    scope: Option<String>,
    range: Option<(f64, f64, Unit)>,
) -> DurationValue {
    let (iso, timex, fixed, approx) = render(parts);
    let nominal = fixed.unwrap_or(approx);
    let hedge_qual = qual.map(map_qual);
    let (lo, hi) = match range {
        Some((a, b, unit)) => {
            let s = unit.approx_seconds();
            (Some(a * s), Some(b * s))
        }
        None => hedge(nominal, hedge_qual),
    };
    let hedged = range.is_some() || hedge_qual.is_some_and(|q| !matches!(q, "just" | "only"));
    DurationValue {
        iso,
        seconds: fixed.map(|s| s.round() as i64),
        low_seconds: if hedged { lo.map(|v| v.round() as i64) } else { None },
        high_seconds: if hedged { hi.map(|v| v.round() as i64) } else { None },
        timex,
        timex_mod: hedge_qual.and_then(timeml_mod).map(str::to_string),
        qualifier: qual.map(str::to_string),
        scope: scope.map(|s| normalise_scope(&s)),
        open: false,
    }
}

fn normalise_scope(s: &str) -> String {
    let s = s.trim().trim_start_matches("the ").trim();
    match s {
        "a further" | "an additional" | "an extra" | "more" | "additional" | "extra" | "further" => "another".into(),
        "a full" | "a whole" => "full".into(),
        "latest" | "preceding" => "past".into(),
        other => other.into(),
    }
}

/// Qualifiers with the same interval.
fn map_qual(q: &str) -> &str {
    match q {
        "an estimated" => "about",
        "as many as" | "no more than" | "as long as" | "as much as" | "a maximum of" => "up to",
        "fewer than" | "well under" => "less than",
        "upwards of" | "in excess of" | "well over" | "a little over" | "a little more than" => "over",
        "no less than" | "a minimum of" => "at least",
        "little more than" | "a mere" | "a total of" => "just",
        "the better part of" | "most of" => "nearly",
        other => other,
    }
}

/// The TimeML TIMEX3 `mod` of a qualifier.
fn timeml_mod(q: &str) -> Option<&'static str> {
    Some(match q {
        "nearly" | "almost" | "close to" | "just under" | "barely" | "less than" | "under" => "LESS_THAN",
        "about" | "around" | "roughly" | "approximately" | "some" => "APPROX",
        "over" | "more than" | "just over" => "MORE_THAN",
        "at least" => "EQUAL_OR_MORE",
        "at most" | "up to" => "EQUAL_OR_LESS",
        _ => return None,
    })
}

/// The interval a hedge allows around a nominal value: a lower bound alone is open above
/// ("over 270,000"), and "up to 50" starts at zero.
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

/// Whether `next` continues `prev` as one duration: "two years and three months",
/// "1 year, 2 days, 3 hours and 4 seconds", "an hour and 45 minutes".
fn joins(text: &str, prev: &Found, next: &Found) -> bool {
    if next.start < prev.end || next.value.scope.is_some() || next.value.qualifier.is_some() {
        return false;
    }
    let gap = text[prev.end..next.start].trim().to_lowercase();
    let glue = matches!(gap.as_str(), "" | "," | "and" | ", and");
    if !glue || prev.value.timex.contains('X') || next.value.timex.contains('X') {
        return false;
    }
    let last = |v: &DurationValue| largest_unit_rank(&v.iso).1;
    let first = |v: &DurationValue| largest_unit_rank(&v.iso).0;
    first(&next.value) < last(&prev.value) && !prev.value.iso.contains('.')
}

/// Ranks of the largest and smallest designators in an ISO duration (S=0 … Y=6).
fn largest_unit_rank(iso: &str) -> (u8, u8) {
    let mut ranks = Vec::new();
    let mut in_time = false;
    for ch in iso.chars().skip(1) {
        let r = match (ch, in_time) {
            ('T', _) => {
                in_time = true;
                continue;
            }
            ('S', _) => 0,
            ('M', true) => 1,
            ('H', _) => 2,
            ('D', _) => 3,
            ('W', _) => 4,
            ('M', false) => 5,
            ('Y', _) => 6,
            _ => continue,
        };
        ranks.push(r);
    }
    (
        ranks.iter().copied().max().unwrap_or(0),
        ranks.iter().copied().min().unwrap_or(0),
    )
}

/// Parts of an ISO duration written by [`render`].
fn parts_of(iso: &str, timex: &str) -> Vec<Part> {
    let quarter = timex.contains('Q');
    let weekend = timex.contains("WE");
    let mut out = Vec::new();
    let mut num = String::new();
    let mut in_time = false;
    for ch in iso.chars().skip(1) {
        match ch {
            'T' => in_time = true,
            '0'..='9' | '.' => num.push(ch),
            _ => {
                let n: f64 = num.parse().unwrap_or(0.0);
                num.clear();
                let unit = match (ch, in_time) {
                    ('S', _) => Unit::Second,
                    ('M', true) => Unit::Minute,
                    ('H', _) => Unit::Hour,
                    ('D', _) if weekend => Unit::Weekend,
                    ('D', _) => Unit::Day,
                    ('W', _) => Unit::Week,
                    ('M', false) if quarter => Unit::Quarter,
                    ('M', false) => Unit::Month,
                    _ => Unit::Year,
                };
                out.push(Part {
                    n: n / unit.iso_factor(),
                    unit,
                    vague: None,
                });
            }
        }
    }
    out
}

fn merge(text: &str, prev: &mut Found, next: Found) {
    let mut parts = parts_of(&prev.value.iso, &prev.value.timex);
    parts.extend(parts_of(&next.value.iso, &next.value.timex));
    let qual = prev.value.qualifier.clone();
    let scope = prev.value.scope.clone();
    let _ = text;
    prev.value = make_value(&parts, qual.as_deref(), scope, None);
    prev.end = next.end;
    prev.rule = "duration.compound";
}

/// "1 hour fifteen", "2 hours and 10": minutes after an hour count.
fn extend_hour_minutes(text: &str, f: &mut Found) {
    if !f.value.iso.ends_with('H') || f.value.timex.contains('X') || f.value.iso.contains('.') {
        return;
    }
    let rest = &text[f.end..];
    let trimmed = rest.trim_start();
    let (skip, tail) = match trimmed.strip_prefix("and ") {
        Some(t) => (rest.len() - t.len(), t),
        None => (rest.len() - trimmed.len(), trimmed),
    };
    if skip == 0 {
        return;
    }
    let Some(n) = scan_number(tail) else { return };
    let after = tail[n.len..].trim_start();
    let ends = after.is_empty() || after.starts_with(['.', ',', ';', ')']);
    if !ends || n.value.fract() != 0.0 || !(1.0..60.0).contains(&n.value) || n.glued.is_some() {
        return;
    }
    let mut parts = parts_of(&f.value.iso, &f.value.timex);
    parts.push(Part {
        n: n.value,
        unit: Unit::Minute,
        vague: None,
    });
    let qual = f.value.qualifier.clone();
    let scope = f.value.scope.clone();
    f.value = make_value(&parts, qual.as_deref(), scope, None);
    f.end += skip + n.len;
    f.rule = "duration.compound";
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
    fn open_and_closed_bounds_compare() {
        let more = one("for more than two months").1;
        let ten_weeks = one("for ten weeks").1;
        let six_weeks = one("for six weeks").1;
        assert!(more.compatible(&ten_weeks), "{more:?}");
        assert!(!more.compatible(&six_weeks));
        let several = one("for several days").1;
        assert!(several.compatible(&one("for five days").1));
        assert!(!several.compatible(&one("for three weeks").1));
    }

    #[test]
    fn compounds_keep_every_part() {
        let (t, v) = one("waited 2 years and 3 months for it");
        assert_eq!((t.as_str(), v.iso.as_str()), ("2 years and 3 months", "P2Y3M"));
        let (t, v) = one("for 1 hour fifteen.");
        assert_eq!(
            (t.as_str(), v.iso.as_str(), v.seconds),
            ("1 hour fifteen", "PT1H15M", Some(4500))
        );
    }
}
