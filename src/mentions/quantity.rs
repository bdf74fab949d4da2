//! Quantities: digits with separators, decimals, number words, ranges ("between 250,000 and
//! 275,000", "14 to 18"), qualifiers kept as an interval ("more than", "nearly", "up to"),
//! vague amounts ("dozens", "tens of thousands", "a handful of"), fractions and percentages
//! ("a third of", "30 per cent"), money ("$2bn"), magnitudes ("a 7.8-magnitude quake"),
//! negatives ("no deaths", "No one was hurt" are 0) and the counted noun ("people", "trucks"),
//! also when it is only implied ("killing 14", "the death toll rose to 55").
//!
//! The span covers the qualifier and the number; the counted noun goes in `unit` and stays
//! out of the span, except when it is glued by a hyphen ("17-nation", "1,000-strong").
//! Refused: phone numbers, scores and tallies ("beat them 3-1", "a 5-4 vote"), ordinals,
//! reference numbers ("No. 10"), model and code names ("F-16", "Boeing 737", "COVID-19"),
//! years, clock times, dates, ages, and "one of the men" (a pronoun, not a count).
//! Its example corpus is `examples/quantity.yaml`.

use std::sync::OnceLock;

use regex::{Captures, Regex};
use serde::{Deserialize, Serialize, Serializer};

use super::numbers::{number_pattern, scan_number, starts_with_ci};

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

const QUALIFIERS: &str = r"just(?u:\s)+over|just(?u:\s)+under|well(?u:\s)+over|well(?u:\s)+under|more(?u:\s)+than|over|at(?u:\s)+least|nearly|almost|about|approximately|approx\.|around|up(?u:\s)+to|some|roughly|an(?u:\s)+estimated|estimated|as(?u:\s)+many(?u:\s)+as|as(?u:\s)+few(?u:\s)+as|fewer(?u:\s)+than|less(?u:\s)+than|under|close(?u:\s)+to|upwards(?u:\s)+of|in(?u:\s)+excess(?u:\s)+of|no(?u:\s)+fewer(?u:\s)+than|no(?u:\s)+less(?u:\s)+than|no(?u:\s)+more(?u:\s)+than|not(?u:\s)+more(?u:\s)+than|at(?u:\s)+most|only|just|exactly|precisely|a(?u:\s)+total(?u:\s)+of|a(?u:\s)+further|another|an(?u:\s)+additional|a(?u:\s)+little(?u:\s)+over|a(?u:\s)+little(?u:\s)+more(?u:\s)+than|little(?u:\s)+more(?u:\s)+than|below|above|exceeding|barely|a(?u:\s)+mere|a(?u:\s)+maximum(?u:\s)+of|a(?u:\s)+minimum(?u:\s)+of|a(?u:\s)+record|nearly(?u:\s)+all";

/// Nouns counted after "no": "no deaths", "no civilians were hurt".
const NEG_NOUNS: &str = r"deaths|casualties|injuries|fatalities|victims|civilians|people|persons|survivors|arrests|bodies|trucks|convoys|shots|air(?u:\s)*strikes|airstrikes|strikes|attacks|soldiers|troops|children|women|men|one|fighters|rebels|militants|protesters|passengers|prisoners|hostages|refugees|homes|houses|buildings|rockets|missiles|aid|casualty|injury|death|deaths";

fn regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let num = number_pattern();
        let dnum = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:(?u:\s)*(?:thousand|million|billion)\b|(?:k|m|bn)\b)?";
        let cur = r"(?:US\$|A\$|C\$|HK\$|\$|€|£|¥|₹|Rs\.?(?u:\s)?|(?-i:USD|EUR|GBP)(?u:\s)?)";
        let pattern = format!(
            r"(?ix-u)
            (?P<qual>(?:\b(?:{QUALIFIERS})|~)(?u:\s)*)?
            (?:
               (?P<between>\bbetween(?u:\s)+(?P<b1>{cur}?(?:{num}))(?u:\s)+and(?u:\s)+(?:about(?u:\s)+|~(?u:\s)*)?(?P<b2>{cur}?(?:{num})))
             | (?P<drange>(?P<da>{cur}?\b{dnum})(?u:\s)*(?:-|–|—)(?u:\s)*~?(?u:\s)*(?P<db>{cur}?{dnum}))
             | (?P<wrange>(?P<wa>{cur}?\b(?:{num}))(?u:\s)+(?:to|or)(?u:\s)+(?P<wb>{cur}?(?:{num})))
             | (?P<vague>\b(?:tens(?u:\s)+of(?u:\s)+thousands|hundreds(?u:\s)+of(?u:\s)+thousands|tens(?u:\s)+of(?u:\s)+millions|hundreds(?u:\s)+of(?u:\s)+millions|a(?u:\s)+few(?u:\s)+dozen|several(?u:\s)+dozen|several(?u:\s)+hundred|a(?u:\s)+few(?u:\s)+hundred|several(?u:\s)+thousand|a(?u:\s)+few(?u:\s)+thousand|dozens|hundreds|thousands|millions|billions|scores|a(?u:\s)+handful|several|a(?u:\s)+few|many)\b(?:(?u:\s)+of\b)?)
             | (?P<ratio>\b(?:one|1)(?u:\s)+(?:in|out(?u:\s)+of)(?u:\s)+(?P<rden>(?:{num})))
             | (?P<frac>\b(?:a(?u:\s)+third|one(?:(?u:\s)|-)third|two(?:(?u:\s)|-)thirds|a(?u:\s)+quarter|one(?:(?u:\s)|-)quarter|three(?:(?u:\s)|-)quarters|one(?:(?u:\s)|-)half|half|a(?u:\s)+fifth|one(?:(?u:\s)|-)fifth|two(?:(?u:\s)|-)fifths|a(?u:\s)+tenth|one(?:(?u:\s)|-)tenth)\b(?:(?u:\s)+of\b)?)
             | (?P<neg>\b(?:no(?u:\s)+one|nobody|none(?:(?u:\s)+of)?|zero|no(?:(?u:\s)+(?:more|further|other|new|civilian|reported|known|immediate|confirmed))?(?u:\s)+(?:{NEG_NOUNS}))\b)
             | (?P<mag>\bmagnitude(?:(?u:\s)|-)+(?P<magn>\d+(?:\.\d+)?))
             | (?P<cur>{cur})?(?P<n>\B\.\d+|\b(?:{num})|\b(?:a(?u:\s)+single|single|a(?u:\s)+pair(?u:\s)+of|a(?u:\s)+couple(?u:\s)+of|a(?u:\s)+couple)\b)
            )"
        );
        crate::regexes::new(&pattern).expect("quantity regex")
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
    "missing",
    "of",
    "the",
    "total",
    "elderly",
    "alleged",
    "displaced",
    "registered",
    "known",
    "further",
    "extra",
    "million",
    "billion",
];

/// Participles that are the counted word when nothing follows ("left 14 dead").
const STATES: &[&str] = &[
    "dead", "injured", "wounded", "missing", "killed", "hurt", "detained", "arrested",
];

/// Words after a number that are not what it counts.
const NOT_COUNTED: &[&str] = &[
    "of",
    "till",
    "until",
    "and",
    "or",
    "to",
    "in",
    "on",
    "at",
    "a",
    "an",
    "the",
    "was",
    "were",
    "is",
    "are",
    "per",
    "times",
    "time",
    "pm",
    "am",
    "p",
    "a.m",
    "p.m",
    "gmt",
    "utc",
    "st",
    "nd",
    "rd",
    "th",
    "had",
    "have",
    "has",
    "would",
    "will",
    "could",
    "did",
    "do",
    "been",
    "be",
    "being",
    "said",
    "say",
    "says",
    "who",
    "whom",
    "which",
    "that",
    "those",
    "these",
    "them",
    "us",
    "you",
    "it",
    "its",
    "their",
    "his",
    "her",
    "our",
    "by",
    "for",
    "from",
    "with",
    "as",
    "than",
    "after",
    "before",
    "during",
    "since",
    "when",
    "while",
    "if",
    "but",
    "so",
    "yet",
    "including",
    "among",
    "against",
    "into",
    "over",
    "under",
    "about",
    "more",
    "less",
    "may",
    "might",
    "must",
    "can",
    "should",
    "shall",
    "also",
    "all",
    "both",
    "each",
    "such",
    "up",
    "down",
    "out",
    "off",
    "then",
    "there",
    "here",
    "not",
    "no",
    "last",
    "next",
    "this",
    "ago",
    "later",
    "earlier",
    "percent",
    "old",
    "now",
    "today",
    "yesterday",
    "tomorrow",
    "again",
    "second",
    "seconds",
    "minute",
    "minutes",
    "hour",
    "hours",
    "day",
    "days",
    "night",
    "nights",
    "week",
    "weeks",
    "weekend",
    "weekends",
    "fortnight",
    "fortnights",
    "month",
    "months",
    "year",
    "years",
    "decade",
    "decades",
    "century",
    "centuries",
    "died",
    "die",
    "dies",
    "fled",
    "flee",
    "fell",
    "ran",
    "went",
    "came",
    "took",
    "rose",
    "stood",
    "lost",
    "won",
    "remain",
    "remained",
    "remains",
    "live",
    "lived",
    "stayed",
    "got",
    "became",
    "made",
    "saw",
    "met",
    "gave",
    "told",
    "went",
    "sat",
    "began",
    "spent",
    "got",
];

/// Counted participles, as the unit the claims read: "14 killed" are 14 dead.
fn state_unit(w: &str) -> String {
    match w {
        "killed" => "dead".into(),
        "hurt" => "injured".into(),
        other => other.into(),
    }
}

/// After "one": words that make it a pronoun or an idiom, not a count.
const ONE_IDIOMS: &[&str] = &[
    "another", "hand", "side", "way", "thing", "point", "reason", "time", "kind", "sort", "example", "question",
    "issue", "day", "more", "less", "such", "last", "final", "only", "other", "others",
];

/// Verbs after which a bare number counts people ("killing 14", "wounded 50").
const CASUALTY_VERBS: &[&str] = &[
    "killed",
    "killing",
    "kills",
    "kill",
    "wounded",
    "wounding",
    "wounds",
    "wound",
    "injured",
    "injuring",
    "injures",
    "injure",
    "rescued",
    "rescuing",
    "evacuated",
    "arrested",
    "arresting",
    "detained",
    "detaining",
    "kidnapped",
    "abducted",
    "executed",
    "displaced",
    "leaving",
    "left",
    "claimed",
    "claiming",
];

/// Verbs of change before "from X to Y": two figures, not a range.
const CHANGE_VERBS: &[&str] = &[
    "rose",
    "risen",
    "rising",
    "rises",
    "increased",
    "increasing",
    "climbed",
    "climbing",
    "jumped",
    "grew",
    "grown",
    "fell",
    "fallen",
    "falling",
    "dropped",
    "declined",
    "soared",
    "doubled",
    "revised",
    "raised",
    "lowered",
    "up",
    "down",
    "went",
    "changed",
    "cut",
    "reduced",
    "lifted",
];

/// Words next to "X-Y" that make it a score or a tally, not a range.
const SCORE_WORDS: &[&str] = &[
    "beat",
    "beats",
    "beaten",
    "won",
    "win",
    "wins",
    "winning",
    "lost",
    "lose",
    "loses",
    "losing",
    "defeated",
    "defeat",
    "defeats",
    "drew",
    "draw",
    "drawn",
    "trail",
    "trailed",
    "trailing",
    "led",
    "lead",
    "leads",
    "leading",
    "score",
    "scored",
    "scoreline",
    "victory",
    "thrashed",
    "edged",
    "routed",
    "vote",
    "votes",
    "voted",
    "ruling",
    "decision",
    "margin",
    "tie",
    "tied",
    "loss",
    "result",
    "aggregate",
    "against",
    "majority",
];

/// Capitalised words that may stand right before a count (sentence openers, qualifiers).
const OPENERS: &[&str] = &[
    "the",
    "in",
    "of",
    "and",
    "but",
    "some",
    "all",
    "about",
    "nearly",
    "only",
    "at",
    "by",
    "for",
    "from",
    "with",
    "after",
    "before",
    "since",
    "another",
    "over",
    "under",
    "around",
    "almost",
    "more",
    "up",
    "to",
    "on",
    "as",
    "when",
    "while",
    "killing",
    "of",
    "another",
    "just",
    "roughly",
    "approximately",
    "least",
    "than",
    "another",
    "another",
    "those",
    "these",
    "its",
    "their",
    "his",
    "her",
    "our",
    "a",
    "an",
    "so",
    "yet",
    "then",
    "now",
    "today",
    "yesterday",
    "also",
    "among",
    "including",
    "total",
    "officials",
    "police",
    "they",
    "we",
    "he",
    "she",
    "it",
];

/// Ordinal words: a number before one is part of it ("twenty-fifth"), not a count.
fn is_ordinal_word(w: &str) -> bool {
    matches!(w, "first" | "second" | "third")
        || w.len() > 4
            && w.ends_with("th")
            && [
                "four", "fif", "six", "seven", "eigh", "nin", "ten", "eleven", "twelf", "teen", "tie", "hundred",
                "thousand", "million",
            ]
            .iter()
            .any(|stem| w[..w.len() - 2].ends_with(stem))
}

fn is_number_word(w: &str) -> bool {
    super::numbers::NUMBER_WORD.split('|').any(|x| x == w) || w == "dozen"
}

/// Units of measurement as one name each ("km", "kilometers" → "kilometre").
fn measure_unit(w: &str) -> Option<&'static str> {
    Some(match w {
        "km" | "kms" | "kilometre" | "kilometres" | "kilometer" | "kilometers" => "kilometre",
        "m" | "metre" | "metres" | "meter" | "meters" => "metre",
        "cm" | "centimetre" | "centimetres" | "centimeter" | "centimeters" => "centimetre",
        "mm" | "millimetre" | "millimetres" | "millimeter" | "millimeters" => "millimetre",
        "mi" | "mile" | "miles" => "mile",
        "ft" | "foot" | "feet" => "foot",
        "inch" | "inches" => "inch",
        "yd" | "yds" | "yard" | "yards" => "yard",
        "kg" | "kgs" | "kilo" | "kilos" | "kilogram" | "kilograms" | "kilogramme" | "kilogrammes" => "kilogram",
        "g" | "gs" | "gram" | "grams" | "gramme" | "grammes" => "gram",
        "mg" | "milligram" | "milligrams" => "milligram",
        "lb" | "lbs" | "pound" => "pound",
        "oz" | "ounce" | "ounces" => "ounce",
        "t" | "tonne" | "tonnes" | "ton" | "tons" => "tonne",
        "l" | "litre" | "litres" | "liter" | "liters" => "litre",
        "ml" | "millilitre" | "millilitres" | "milliliter" | "milliliters" => "millilitre",
        "cup" | "cups" => "cup",
        "ha" | "hectare" | "hectares" => "hectare",
        "mph" => "mph",
        "kph" | "kmh" => "km/h",
        "mw" | "megawatt" | "megawatts" => "megawatt",
        "gw" | "gigawatt" | "gigawatts" => "gigawatt",
        "kw" | "kilowatt" | "kilowatts" => "kilowatt",
        _ => return None,
    })
}

/// Units glued to digits ("3km", "500g", "100mph"): (unit, bytes).
fn glued_unit(text: &str, end: usize) -> Option<(&'static str, usize)> {
    let rest = &text[end..];
    let len = rest.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(rest.len());
    if len == 0 || len > 3 || rest[len..].starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let w = &rest[..len];
    // "4a", "5pm", "10th" are not measures; "3M" is three million (read by the number).
    let u = measure_unit(&w.to_ascii_lowercase())?;
    (w.chars().all(|c| c.is_ascii_lowercase()) || matches!(w, "MW" | "GW" | "kW")).then_some((u, len))
}

fn lower_words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// The word before byte `at` (letters, digits, apostrophes), as written.
fn prev_word(text: &str, at: usize) -> &str {
    let t = text[..at].trim_end();
    let start = t
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '\'' || *c == '’' || *c == '.'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &t[start..]
}

/// The words before byte `at`, nearest first, lowercase, at most `n`, within the clause.
fn words_before(text: &str, at: usize, n: usize) -> Vec<String> {
    // Look back a bounded stretch only, so that a long sentence stays linear.
    let mut from = at.saturating_sub(160);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let head = &text[from..at];
    let clause = head.rfind([';', ':', '.', '(']).map_or(head, |i| &head[i + 1..]);
    clause
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .filter(|w| !w.is_empty())
        .rev()
        .take(n)
        .map(|w| w.to_lowercase())
        .collect()
}

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
        if clean.is_empty() || words.len() >= 4 {
            break;
        }
        let end = offset + (w.len() - w.trim_start().len()) + clean.len();
        words.push((clean.clone(), end));
        offset += w.len();
        if clean.len() < word.len() {
            break;
        }
    }
    for (i, (w, end)) in words.iter().enumerate() {
        let lw = w.to_lowercase();
        if STATES.contains(&lw.as_str()) {
            // "14 dead" at the end of a clause; "14 injured civilians" counts civilians.
            let next = words.get(i + 1).map(|(n, _)| n.to_lowercase());
            let noun_follows = next.as_deref().is_some_and(|n| {
                n.chars().all(|c| c.is_alphabetic()) && !NOT_COUNTED.contains(&n) && !STATES.contains(&n)
            }) && end + at < text.len()
                && !text[at + end..].starts_with([',', '.', ';']);
            if !noun_follows {
                return Some((state_unit(&lw), at + end));
            }
            continue;
        }
        // A past tense: "fled", "gathered" — a modifier only before a noun ("trained fighters").
        if lw.ends_with("ed") && lw.len() > 4 {
            let next = words.get(i + 1).map(|(n, _)| n.to_lowercase());
            let noun_follows = next.as_deref().is_some_and(|n| {
                n.chars().all(|c| c.is_alphabetic()) && !NOT_COUNTED.contains(&n) && !n.ends_with("ed")
            });
            if noun_follows && !text[at + end..].starts_with([',', '.', ';']) {
                continue;
            }
            return None;
        }
        if MODIFIERS.contains(&lw.as_str()) {
            continue;
        }
        if w.chars().next().is_some_and(|c| c.is_uppercase()) && words.len() > i + 1 && !lw.ends_with('s') {
            // "Syrian refugees": a capitalised adjective before the noun.
            continue;
        }
        if is_number_word(&lw) || is_ordinal_word(&lw) {
            return None;
        }
        // "90 government soldiers", "12 aid workers": a noun modifying the plural head.
        let function_word = matches!(
            lw.as_str(),
            "for"
                | "of"
                | "in"
                | "on"
                | "at"
                | "to"
                | "from"
                | "with"
                | "by"
                | "and"
                | "or"
                | "the"
                | "a"
                | "an"
                | "per"
                | "than"
                | "into"
                | "over"
                | "under"
                | "after"
                | "before"
                | "since"
                | "about"
                | "more"
                | "less"
                | "were"
                | "was"
                | "are"
                | "had"
                | "have"
                | "has"
                | "will"
                | "would"
                | "who"
                | "which"
                | "that"
                | "this"
                | "these"
                | "those"
                | "their"
                | "his"
                | "her"
                | "its"
                | "our"
                | "your"
        );
        if !function_word
            && !lw.ends_with('s')
            && measure_unit(&lw).is_none()
            && !text[at + end..].starts_with([',', '.', ';', ':'])
        {
            if let Some((n, _)) = words.get(i + 1) {
                let n = n.to_lowercase();
                if n.len() > 3
                    && n.ends_with('s')
                    && !n.ends_with("ss")
                    && n.chars().all(|c| c.is_alphabetic())
                    && !NOT_COUNTED.contains(&n.as_str())
                    && !STATES.contains(&n.as_str())
                {
                    continue;
                }
            }
        }
        if lw.chars().all(|c| c.is_alphabetic() || c == '-') && (lw.len() > 1 || measure_unit(&lw).is_some()) {
            return Some((lw, at + end));
        }
        return None;
    }
    None
}

/// Vague amounts: (low, high).
fn vague_bounds(v: &str) -> (f64, f64) {
    match v.trim_end_matches(" of") {
        "tens of thousands" => (20000.0, 99999.0),
        "hundreds of thousands" => (200000.0, 999999.0),
        "tens of millions" => (2e7, 99e6),
        "hundreds of millions" => (2e8, 999e6),
        "a few dozen" => (24.0, 99.0),
        "several dozen" => (36.0, 144.0),
        "several hundred" => (300.0, 999.0),
        "a few hundred" => (200.0, 999.0),
        "several thousand" => (3000.0, 9999.0),
        "a few thousand" => (2000.0, 9999.0),
        "dozens" => (24.0, 99.0),
        "hundreds" => (200.0, 999.0),
        "thousands" => (2000.0, 9999.0),
        "millions" => (2e6, 999e6),
        "billions" => (2e9, 999e9),
        "scores" => (40.0, 99.0),
        "a handful" => (2.0, 6.0),
        "several" => (3.0, 9.0),
        "a few" => (2.0, 6.0),
        _ => (3.0, f64::INFINITY),
    }
}

/// Fractions of a whole, as percentages.
fn fraction_percent(f: &str) -> f64 {
    let f = f.replace('-', " ");
    let f = f.trim_end_matches(" of");
    let third = 100.0 / 3.0;
    let r = |x: f64| (x * 100.0).round() / 100.0;
    match f {
        "a third" | "one third" => r(third),
        "two thirds" => r(2.0 * third),
        "a quarter" | "one quarter" => 25.0,
        "three quarters" => 75.0,
        "a fifth" | "one fifth" => 20.0,
        "two fifths" => 40.0,
        "a tenth" | "one tenth" => 10.0,
        _ => 50.0,
    }
}

/// The scale a number's text ends with ("10 million", "2bn"), 1 when none.
fn scale_of_text(t: &str) -> f64 {
    let t = t.to_lowercase();
    if t.ends_with("billion") || t.ends_with("bn") {
        1e9
    } else if t.ends_with("million") || t.ends_with('m') {
        1e6
    } else if t.ends_with("thousand") || t.ends_with('k') {
        1e3
    } else {
        1.0
    }
}

/// Bounds rounded to hundredths, so that "about 400" is 340 to 460, not 459.99999999999994.
fn rounded(b: (Option<f64>, Option<f64>)) -> (Option<f64>, Option<f64>) {
    let r = |x: f64| (x * 100.0).round() / 100.0;
    (b.0.map(r), b.1.map(r))
}

/// A currency symbol or code as an ISO 4217 unit.
fn currency(c: &str) -> &'static str {
    let c = c.trim().trim_end_matches('.');
    match c {
        "$" | "US$" | "USD" => "USD",
        "€" | "EUR" => "EUR",
        "£" | "GBP" => "GBP",
        "¥" => "JPY",
        "₹" | "Rs" => "INR",
        "A$" => "AUD",
        "C$" => "CAD",
        "HK$" => "HKD",
        _ => "USD",
    }
}

/// A number with an optional currency prefix: (value, currency, glued scale letter).
fn money_number(s: &str) -> Option<(f64, Option<&'static str>, Option<&'static str>)> {
    let s = s.trim();
    let digits_at = s.find(|c: char| c.is_ascii_alphanumeric() || c == '.').unwrap_or(0);
    let (prefix, rest) = s.split_at(digits_at);
    let (prefix, rest) =
        if prefix.is_empty() && (rest.starts_with("USD") || rest.starts_with("EUR") || rest.starts_with("GBP")) {
            (&rest[..3], rest[3..].trim_start())
        } else if prefix.is_empty() && (rest.starts_with("Rs")) {
            (&rest[..2], rest[2..].trim_start_matches('.').trim_start())
        } else {
            (prefix, rest)
        };
    let n = scan_number(rest)?;
    if n.len != rest.len() {
        return None;
    }
    let cur = (!prefix.trim().is_empty()).then(|| currency(prefix));
    Some((n.value, cur, n.glued))
}

/// Whether the text right after a number glues it to more digits or letters: phone numbers,
/// codes, dates, clock times ("555-1234", "650.650.6500", "10:30", "24/7", "10th").
fn glued_after(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    let mut ch = rest.chars();
    match (ch.next(), ch.next()) {
        (Some('-' | '/' | ':' | '.' | ','), Some(d)) if d.is_ascii_digit() => true,
        (Some(c), _) if c.is_ascii_alphabetic() => true,
        _ => false,
    }
}

fn glued_before(text: &str, start: usize) -> bool {
    let head = &text[..start];
    let mut ch = head.chars().rev();
    match (ch.next(), ch.next()) {
        (Some('-' | '/' | ':' | '.' | '+' | '#'), Some(d)) if d.is_ascii_alphanumeric() => true,
        (Some('+' | '#' | '/' | '\\'), _) => true,
        (Some(c), _) if c.is_ascii_alphanumeric() => true,
        _ => false,
    }
}

fn is_month(w: &str) -> bool {
    super::time::month_number(w).is_some() && w.starts_with(|c: char| c.is_uppercase())
}

/// All quantities in `text`.
pub fn find_in(text: &str) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    let mut last_end = 0;
    for m in regex().find_iter(text) {
        if m.start() < last_end {
            continue;
        }
        // Most matches are a bare number in digits: read it without the capture engine.
        let s = m.as_str();
        if s.starts_with(|c: char| c.is_ascii_digit()) {
            if let Some(n) = scan_number(&text[m.start()..]).filter(|n| n.len >= s.len()) {
                // "2200 GMT", "0630 UTC": a clock time (whether or not the time recogniser
                // could date it), no count.
                if clock_zone_after(text, m.start() + n.len) {
                    last_end = m.start() + n.len;
                    continue;
                }
                let number = Number {
                    start: m.start(),
                    n_start: m.start(),
                    n_end: m.start() + n.len,
                    value: n.value,
                    words: false,
                    glued: n.glued,
                    special: false,
                    currency: None,
                };
                for f in number_with(text, number, None, m.start(), &out) {
                    last_end = last_end.max(f.end);
                    out.push(f);
                }
                continue;
            }
        }
        let Some(c) = regex().captures_at(text, m.start()) else {
            continue;
        };
        for f in read(text, &c, &out) {
            last_end = last_end.max(f.end);
            out.push(f);
        }
    }
    out
}

fn get<'a>(c: &'a Captures, name: &str) -> Option<&'a str> {
    c.name(name).map(|m| m.as_str())
}

/// The quantities one regex match stands for (none, one, or two for "from 14 to 55").
fn read(text: &str, c: &Captures, before: &[Found]) -> Vec<Found> {
    let m = c.get(0).unwrap();
    let qual = get(c, "qual").map(|q| lower_words(q.trim()));
    let qual_end = c.name("qual").map_or(m.start(), |q| q.end());
    let core_start = qual_end;
    let mut end = m.end();
    let mut unit: Option<String> = None;
    let rule;
    let (value, low, high);
    if c.name("between").is_some() || c.name("drange").is_some() || c.name("wrange").is_some() {
        let (a, b) = if c.name("between").is_some() {
            (get(c, "b1").unwrap(), get(c, "b2").unwrap())
        } else if c.name("drange").is_some() {
            (get(c, "da").unwrap(), get(c, "db").unwrap())
        } else {
            (get(c, "wa").unwrap(), get(c, "wb").unwrap())
        };
        let dash = c.name("drange").is_some();
        let before_words = words_before(text, m.start(), 3);
        let after_word = text[end..]
            .trim_start_matches([' ', '-'])
            .split(|ch: char| !ch.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_lowercase();
        let (Some((va, ca, _)), Some((vb, cb, _))) = (money_number(a), money_number(b)) else {
            return Vec::new();
        };
        // Scores, tallies, phone numbers and seasons ("2015-16") are not ranges.
        if dash
            && (before_words.iter().any(|w| SCORE_WORDS.contains(&w.as_str()))
                || SCORE_WORDS.contains(&after_word.as_str())
                || a.len() == 3
                    && b.len() == 4
                    && !a.contains(',')
                    && !counted_noun(text, end).is_some_and(|(w, _)| w.ends_with('s') || measure_unit(&w).is_some())
                || a.len() == 4 && (1800.0..2100.0).contains(&va)
                || glued_after(text, end)
                || glued_before(text, m.start()))
        {
            return Vec::new();
        }
        if va >= vb {
            return Vec::new();
        }
        // "rose from 14 to 55": two figures.
        if c.name("wrange").is_some()
            && before_words.first().is_some_and(|w| w == "from")
            && before_words.get(1).is_some_and(|w| CHANGE_VERBS.contains(&w.as_str()))
        {
            let mut found: Vec<Found> = before.to_vec();
            for g in [c.name("wa"), c.name("wb")].into_iter().flatten() {
                let at = g.start() + (g.as_str().len() - g.as_str().trim_start().len());
                let Some(n) = scan_number(&text[at..]) else { continue };
                let number = Number {
                    start: at,
                    n_start: at,
                    n_end: at + n.len,
                    value: n.value,
                    words: n.words,
                    glued: n.glued,
                    special: false,
                    currency: None,
                };
                let more = number_with(text, number, None, at, &found);
                found.extend(more);
            }
            return found.split_off(before.len());
        }
        // "$5-10 million", "between two and three thousand": the scale of the second applies
        // to the first.
        let (sa, sb) = (scale_of_text(a), scale_of_text(b));
        let va = if sa == 1.0 && sb > 1.0 && va * sb < vb {
            va * sb
        } else {
            va
        };
        value = (va + vb) / 2.0;
        low = Some(va);
        high = Some(vb);
        rule = "quantity.range";
        if let Some(cu) = ca.or(cb) {
            unit = Some(cu.to_string());
        }
    } else if let Some(v) = get(c, "vague") {
        let v = lower_words(v);
        let (lo, hi) = vague_bounds(&v);
        value = lo;
        low = Some(lo);
        high = (hi.is_finite()).then_some(hi);
        rule = "quantity.vague";
        // "several", "a few", "many" count only with a noun after them.
        if matches!(v.as_str(), "several" | "a few" | "many") {
            match counted_noun(text, end) {
                Some((noun, _)) if !NOT_COUNTED.contains(&noun.as_str()) && noun.ends_with('s') => {}
                _ => return Vec::new(),
            }
            if v == "many" {
                return Vec::new();
            }
        }
    } else if let Some(den) = get(c, "rden") {
        // "one in five children": a share.
        let Some(d) = scan_number(den).filter(|d| d.len == den.len() && d.value >= 2.0) else {
            return Vec::new();
        };
        let p = (10000.0 / d.value).round() / 100.0;
        let (lo, hi) = hedge(p, qual.as_deref().map(map_qual));
        value = p;
        low = lo;
        high = hi;
        unit = Some("percent".into());
        rule = "quantity.fraction";
    } else if let Some(f) = get(c, "frac") {
        let f = lower_words(f);
        // "three quarters of a million", "half a million" are numbers.
        if let Some(n) = scan_number(&text[core_start..]) {
            if n.len > m.end() - core_start {
                return number_found(
                    text,
                    core_start,
                    core_start + n.len,
                    n.value,
                    qual,
                    before,
                    "quantity.number",
                );
            }
        }
        let bare = !f.ends_with(" of");
        let next = text[end..]
            .trim_start()
            .split(|ch: char| !ch.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_lowercase();
        // "half the town", "two-thirds majority"; not "a third time" or "the second half".
        let ok = !bare
            || matches!(
                next.as_str(),
                "the" | "its" | "their" | "his" | "her" | "all" | "those" | "these"
            )
            || f.contains(' ') && f.split(' ').next().is_some_and(|w| matches!(w, "two" | "three"))
            || f.contains('-');
        let prev = prev_word(text, m.start()).to_lowercase();
        if !ok || matches!(prev.as_str(), "second" | "first" | "the" | "a" | "and") && f == "half" {
            return Vec::new();
        }
        let p = fraction_percent(&f);
        let (lo, hi) = hedge(p, qual.as_deref().map(map_qual));
        value = p;
        low = lo;
        high = hi;
        unit = Some("percent".into());
        rule = "quantity.fraction";
    } else if let Some(neg) = get(c, "neg") {
        let neg = lower_words(neg);
        if qual.is_some() {
            return Vec::new();
        }
        value = 0.0;
        low = Some(0.0);
        high = Some(0.0);
        rule = "quantity.none";
        unit = if neg == "no one" || neg == "nobody" {
            Some("people".into())
        } else if neg.starts_with("none") || neg == "zero" {
            counted_noun(text, end)
                .map(|(n, _)| n)
                .filter(|n| !NOT_COUNTED.contains(&n.as_str()))
        } else {
            // "no air strikes" counts airstrikes; "no civilian casualties" counts casualties.
            let noun: String = neg
                .split(' ')
                .skip(1)
                .skip_while(|w| {
                    matches!(
                        *w,
                        "more"
                            | "further"
                            | "other"
                            | "new"
                            | "civilian"
                            | "reported"
                            | "known"
                            | "immediate"
                            | "confirmed"
                    )
                })
                .collect();
            if noun == "one" {
                Some("people".into())
            } else {
                Some(noun)
            }
        };
        if neg == "zero" && unit.is_none() {
            return Vec::new();
        }
    } else if let Some(mag) = get(c, "magn") {
        let v: f64 = mag.parse().unwrap_or(0.0);
        if !(1.0..=10.0).contains(&v) {
            return Vec::new();
        }
        value = v;
        low = Some(v);
        high = Some(v);
        unit = Some("magnitude".into());
        rule = "quantity.magnitude";
    } else if let Some(n_text) = get(c, "n") {
        let n_start = c.name("n").unwrap().start();
        let lower = lower_words(n_text);
        let special = match lower.as_str() {
            "a single" | "single" => Some(1.0),
            "a pair of" | "a couple of" | "a couple" => Some(2.0),
            _ => None,
        };
        let (v, len, words, glued) = match special {
            Some(v) => (v, n_text.len(), true, None),
            None => {
                let Some(n) = scan_number(&text[n_start..]) else {
                    return Vec::new();
                };
                (n.value, n.len, n.words, n.glued)
            }
        };
        let cur = get(c, "cur");
        let start = c.name("cur").map_or(n_start, |x| x.start());
        return number_with(
            text,
            Number {
                start,
                n_start,
                n_end: n_start + len,
                value: v,
                words,
                glued,
                special: special.is_some(),
                currency: cur.map(currency),
            },
            qual,
            m.start(),
            before,
        );
    } else {
        return Vec::new();
    }
    // Ranges and vague amounts: the noun, a percentage after them; not lengths of time.
    if counted_noun(text, end).is_some_and(|(w, _)| is_time_unit(&w)) {
        return Vec::new();
    }
    if unit.is_none() {
        if let Some((pct_end, u)) = percent_after(text, end) {
            end = pct_end;
            unit = Some(u.into());
        } else if let Some((noun, _)) = counted_noun(text, end) {
            if !NOT_COUNTED.contains(&noun.as_str()) {
                unit = Some(noun_unit(&noun));
            }
        }
    }
    let (low, high) = match (&qual, rule) {
        (Some(q), "quantity.range" | "quantity.vague") => match map_qual(q) {
            "over" | "more than" | "at least" => (low, None),
            "up to" | "less than" | "at most" => (Some(0.0), high),
            _ => (low, high),
        },
        _ => (low, high),
    };
    let start = m.start() + (m.as_str().len() - m.as_str().trim_start().len());
    vec![Found {
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
    }]
}

/// A number found in the text, before its context is read.
struct Number {
    start: usize,
    n_start: usize,
    n_end: usize,
    value: f64,
    words: bool,
    glued: Option<&'static str>,
    special: bool,
    currency: Option<&'static str>,
}

fn number_found(
    text: &str,
    start: usize,
    end: usize,
    value: f64,
    qual: Option<String>,
    before: &[Found],
    rule: &'static str,
) -> Vec<Found> {
    let _ = rule;
    number_with(
        text,
        Number {
            start,
            n_start: start,
            n_end: end,
            value,
            words: true,
            glued: None,
            special: false,
            currency: None,
        },
        qual,
        start,
        before,
    )
}

/// Whether a zone abbreviation follows the number at `end` ("2200 GMT", "06:30 UTC"): the
/// number is a clock time.
fn clock_zone_after(text: &str, end: usize) -> bool {
    let next: String = text[end..]
        .trim_start_matches([' ', '\u{a0}'])
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    matches!(
        next.as_str(),
        "GMT" | "UTC" | "Zulu" | "EDT" | "EST" | "CET" | "CEST" | "BST" | "MSK"
    )
}

/// "%", "per cent", "percentage points" right after a number: (end, unit).
fn percent_after(text: &str, end: usize) -> Option<(usize, &'static str)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        crate::regexes::new(r"^(?i:\s*%|\s+per\s*cent\b|\s+percent\b|\s+pc\b|\s+percentage\s+points?\b)").unwrap()
    });
    let m = re.find(&text[end..])?;
    let unit = if m.as_str().to_lowercase().contains("point") {
        "percentage points"
    } else {
        "percent"
    };
    Some((end + m.end(), unit))
}

/// The unit a counted noun stands for: money nouns as currency codes.
fn noun_unit(noun: &str) -> String {
    match noun {
        "dollars" | "dollar" => "USD".into(),
        "euros" | "euro" => "EUR".into(),
        other => measure_unit(other).map_or_else(|| other.to_string(), str::to_string),
    }
}

/// Reads the context of a single number: qualifier, noun, percentage, and the refusals.
fn number_with(text: &str, n: Number, qual: Option<String>, match_start: usize, before: &[Found]) -> Vec<Found> {
    let mut end = n.n_end;
    let n_text = &text[n.n_start..n.n_end];
    let mut value = n.value;
    let lower = n_text.to_lowercase();
    let digits = n_text.starts_with(|c: char| c.is_ascii_digit() || c == '.');
    let prev = prev_word(text, n.start);
    let prev_lower = prev.to_lowercase();
    let next_word = text[end..]
        .trim_start_matches([' ', '-'])
        .split(|ch: char| !(ch.is_alphanumeric() || ch == '\''))
        .next()
        .unwrap_or("")
        .to_lowercase();
    // Units glued to the digits: "3km", "500g".
    let glued_measure = if digits && n.glued.is_none() {
        glued_unit(text, end)
    } else {
        None
    };
    // Reference numbers, codes, ordinals, clock times and dates.
    let minus = digits && text[..n.start].ends_with('-') && {
        let before = text[..n.start - 1].chars().next_back();
        before.is_none_or(|c| c.is_whitespace() || c == '(')
            && !text[..n.start - 1].trim_end().ends_with(|c: char| c.is_ascii_digit())
    };
    if digits
        && (!minus && glued_before(text, n.start)
            || glued_after(text, end) && n.glued.is_none() && glued_measure.is_none())
    {
        return Vec::new();
    }
    // "twenty-fifth", "thirty first": ordinals.
    if is_ordinal_word(&next_word) {
        return Vec::new();
    }
    if prev.ends_with("No.") || matches!(prev_lower.as_str(), "no." | "number" | "nos." | "no") && qual.is_none() {
        return Vec::new();
    }
    if is_month(prev.trim_end_matches('.')) || is_month(&next_word_cased(text, end)) {
        return Vec::new();
    }
    // "Boeing 737", "Resolution 2254", "Formula One": a number in a name.
    let prev_cap = prev.starts_with(|c: char| c.is_uppercase())
        && !prev.ends_with("'s")
        && !prev.ends_with("’s")
        && !OPENERS.contains(&prev_lower.as_str())
        && text[..n.start].trim_end().len() == text[..n.start].len() - 1;
    if prev_cap && qual.is_none() && n.currency.is_none() && !n_text.contains(',') {
        return Vec::new();
    }
    // "at 10", "aged 33", "age 12": clock times and ages; not "put the figure at 238",
    // whose "at" gives a count.
    let estimate_at = prev_lower == "at" && {
        let back = words_before(text, n.start, 6);
        back.get(1).is_some_and(|w| {
            matches!(
                w.as_str(),
                "toll" | "figure" | "number" | "count" | "tally" | "total" | "estimate" | "dead" | "deaths"
            )
        }) && back.iter().skip(2).any(|w| {
            matches!(
                w.as_str(),
                "put"
                    | "puts"
                    | "putting"
                    | "placed"
                    | "places"
                    | "placing"
                    | "estimated"
                    | "estimates"
                    | "set"
                    | "sets"
                    | "gave"
                    | "gives"
            )
        })
    };
    if qual.is_none()
        && !estimate_at
        && matches!(
            prev_lower.as_str(),
            "aged" | "age" | "ages" | "at" | "by" | "till" | "until"
        )
        && n.currency.is_none()
    {
        let noun = counted_noun(text, end).map(|(x, _)| x);
        if noun
            .as_deref()
            .is_none_or(|x| NOT_COUNTED.contains(&x) || x == "o'clock")
        {
            return Vec::new();
        }
    }
    // Ages after a name: "killing Benjamin David Banky, 40.", "John Smith, 61, and his
    // wife": a small bare number between a name's comma and a comma or the sentence's end.
    let rest = &text[end..];
    if digits && qual.is_none() && n.currency.is_none() && value < 120.0 && value.fract() == 0.0 {
        let lead = text[..n.start].trim_end();
        let named = lead.strip_suffix(',').is_some_and(|l| {
            let w = l.rsplit(char::is_whitespace).next().unwrap_or("");
            w.len() > 1
                && w.starts_with(|c: char| c.is_uppercase())
                && w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'')
                && !is_month(w)
                && !OPENERS.contains(&w.to_lowercase().as_str())
        });
        let closes = rest.is_empty()
            || rest.starts_with([',', ';', ')'])
            || (rest.starts_with('.') && !rest[1..].starts_with(|c: char| c.is_ascii_digit()));
        if named && closes {
            return Vec::new();
        }
    }
    // Ages: "33-year-old", "33 years old".
    if [
        "-year",
        "-month-old",
        "-day-old",
        "-week-old",
        " years old",
        " year old",
    ]
    .iter()
    .any(|p| starts_with_ci(rest, p))
    {
        return Vec::new();
    }
    // Two digit groups in a row: "3 30", "7946 0000".
    if digits && n.glued.is_none() {
        let after = &text[end..];
        if after.starts_with(' ') && after[1..].starts_with(|c: char| c.is_ascii_digit()) && !after[1..].contains('/') {
            return Vec::new();
        }
        if text[..n.start].ends_with(' ') && text[..n.start - 1].ends_with(|c: char| c.is_ascii_digit()) {
            return Vec::new();
        }
    }
    // "forty-five (45)": the digits repeat the words.
    if let Some(rest) = text[end..].strip_prefix(" (") {
        if let Some(close) = rest.find(')') {
            if scan_number(&rest[..close]).is_some_and(|x| x.len == close && x.value == value) {
                end += 2 + close + 1;
            }
        }
    }
    let mut unit: Option<String> = n.currency.map(str::to_string);
    let mut hyphen = false;
    if let Some((u, len)) = glued_measure {
        end += len;
        unit = Some(u.into());
        hyphen = true;
    } else if let Some((pct_end, u)) = percent_after(text, end) {
        end = pct_end;
        unit = Some(u.into());
    } else if text[end..].starts_with('-') && text[end + 1..].starts_with(|c: char| c.is_ascii_alphabetic()) {
        // "17-nation", "a 7.8-magnitude quake", "1,000-strong".
        hyphen = true;
        if let Some((noun, noun_end)) = counted_noun(text, end) {
            let noun = noun.split('-').next().unwrap_or("").to_string();
            if noun == "strong" {
                end = noun_end;
                unit = counted_noun(text, end)
                    .map(|(x, _)| x)
                    .filter(|x| !NOT_COUNTED.contains(&x.as_str()));
            } else if !noun.is_empty() {
                end = end + 1 + noun.len();
                unit = Some(noun);
            }
        }
    }
    if !hyphen
        && unit
            .as_deref()
            .is_none_or(|u| u.len() == 3 && u.chars().all(|c| c.is_ascii_uppercase()))
    {
        if let Some((noun, _)) = counted_noun(text, end) {
            if noun == "magnitude" {
                unit = Some(noun);
            } else if (!NOT_COUNTED.contains(&noun.as_str()) || is_time_unit(&noun)) && unit.is_none() {
                unit = Some(noun_unit(&noun));
            } else if noun == "on" && starts_with_ci(text[end..].trim_start(), "on the richter scale") {
                unit = Some("magnitude".into());
            }
        }
    }
    // Lengths of time belong to the duration recogniser: "24 hours" is not a count of hours.
    if unit.as_deref().is_some_and(is_time_unit) {
        return Vec::new();
    }
    if minus {
        value = -value;
    }
    // "1.2m people", "$2bn"; a bare "10m" with no plural after it is ten metres.
    if n.glued == Some("m")
        && n.currency.is_none()
        && !n_text.contains('.')
        && unit.as_deref().is_none_or(|u| u.len() != 3)
    {
        let plural = unit
            .as_deref()
            .is_some_and(|u| u.ends_with('s') || matches!(u, "people" | "children" | "men" | "women"));
        if !plural {
            value /= 1e6;
            unit = Some("metre".into());
        }
    }
    // "one of the men", "one another": a pronoun, not a count.
    if (lower == "one" || n_text == "1" && qual.is_none())
        && (starts_with_ci(text[end..].trim_start(), "of ") || ONE_IDIOMS.contains(&next_word.as_str()))
    {
        return Vec::new();
    }
    if !n.special && lower == "one" && unit.is_none() {
        return Vec::new();
    }
    // Implied nouns: "killing 14", "the death toll rose to 55", "30 people were killed and 50 injured".
    if unit.is_none() {
        let back = words_before(text, match_start, 6);
        if back.first().is_some_and(|w| CASUALTY_VERBS.contains(&w.as_str())) {
            unit = Some("people".into());
        } else if back.iter().any(|w| w == "toll") {
            unit = Some("deaths".into());
        } else if let Some(prev_q) = before.last() {
            let gap = text.get(prev_q.end..match_start).unwrap_or("");
            let gap_words = gap.split_whitespace().count();
            // "64 dead and 23 rescued": a figure with a participle of its own does not
            // borrow the state of the figure before it ("Of the 300 people on board, 280
            // survived" still counts people).
            let own_participle = (next_word.len() > 4 && next_word.ends_with("ed") || next_word == "alive")
                && prev_q
                    .value
                    .unit
                    .as_deref()
                    .is_some_and(|u| STATES.contains(&u) || u == "injured");
            if prev_q.value.unit.is_some()
                && !own_participle
                && gap_words <= 5
                && (gap.contains(" and ") || gap.contains(','))
                && !gap.contains(['.', ';'])
                && prev_q.rule != "quantity.fraction"
                && prev_q.value.unit.as_deref() != Some("percent")
            {
                unit = prev_q.value.unit.clone();
            }
        }
    }
    // Years are not counts, and a number in words needs a noun.
    let plain = n_text.replace(',', "");
    let is_year = digits
        && plain.len() == 4
        && !n_text.contains(',')
        && (1800.0..=2100.0).contains(&value)
        && unit.as_deref().is_none_or(|u| !u.ends_with('s'));
    // "three of them": a count whose noun is named elsewhere.
    let of_group = starts_with_ci(text[end..].trim_start(), "of ");
    if is_year || (n.words && unit.is_none() && !of_group) {
        return Vec::new();
    }
    // "Smith, 33, said": an age in apposition.
    if unit.is_none() && digits && text[..n.start].trim_end().ends_with(',') && text[end..].starts_with(',') {
        return Vec::new();
    }
    if qual.is_none() && unit.is_none() && digits && value < 1000.0 && prev_lower == "the" {
        // "the 1990 elections" caught above; "the 50 (of them)": keep, but not "the 3 30".
    }
    let (low, high) = hedge(value, qual.as_deref().map(map_qual));
    let start = if qual.is_some() {
        match_start
    } else if minus {
        n.start - 1
    } else {
        n.start
    };
    let start = start + (text[start..].len() - text[start..].trim_start().len());
    vec![Found {
        start,
        end,
        value: QuantityValue {
            value,
            low,
            high,
            qualifier: qual,
            unit,
        },
        rule: if n.currency.is_some() {
            "quantity.money"
        } else {
            "quantity.number"
        },
    }]
}

fn is_time_unit(u: &str) -> bool {
    matches!(
        u.trim_end_matches('s'),
        "second"
            | "minute"
            | "hour"
            | "day"
            | "night"
            | "week"
            | "weekend"
            | "fortnight"
            | "month"
            | "year"
            | "decade"
            | "centurie"
            | "century"
            | "hr"
            | "min"
            | "sec"
            | "yr"
    )
}

fn next_word_cased(text: &str, at: usize) -> String {
    text[at..]
        .trim_start()
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_string()
}

fn hedge(v: f64, qual: Option<&str>) -> (Option<f64>, Option<f64>) {
    rounded(super::duration::hedge(v, qual))
}

fn map_qual(q: &str) -> &str {
    match q {
        "an estimated" | "estimated" | "approx." | "~" => "about",
        "as many as" | "no more than" | "not more than" | "a maximum of" => "up to",
        "fewer than" | "below" | "well under" | "as few as" => "less than",
        "upwards of" | "in excess of" | "above" | "exceeding" | "well over" | "a little over"
        | "a little more than" => "over",
        "no fewer than" | "no less than" | "a minimum of" | "a record" => "at least",
        "a total of" | "exactly" | "precisely" | "a further" | "another" | "an additional" | "a mere"
        | "little more than" => "just",
        "barely" | "nearly all" => "nearly",
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
    fn a_number_before_a_zone_is_a_clock_time_not_a_count() {
        for s in [
            "The truce began at 1:00 a.m. on Thursday (2200 GMT Wednesday).",
            "Fighting resumed at 0630 UTC on Friday.",
        ] {
            assert!(find_in(s).is_empty(), "{s}: {:?}", find_in(s));
        }
        let f = find_in("More than 2200 GMB members voted, and 350 people marched.");
        assert_eq!(
            f.iter().map(|f| f.value.value).collect::<Vec<_>>(),
            [2200.0, 350.0],
            "{f:?}"
        );
    }

    #[test]
    fn nearly_and_more_than_overlap() {
        assert!(one("nearly 300 dead").compatible(&one("more than 280 civilians")));
        assert!(!one("24 people").compatible(&one("58 people")));
    }

    #[test]
    fn the_second_count_of_a_pair_inherits_the_noun() {
        let f = find_in("At least 30 people were killed and 50 were wounded");
        assert_eq!(f.len(), 2, "{f:?}");
        assert_eq!(f[1].value.unit.as_deref(), Some("people"));
    }
}
