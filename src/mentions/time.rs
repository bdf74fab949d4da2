//! Time expressions: dates in every common form, weekdays, parts of days, relative days and
//! periods, clock times, named zones and parenthesised conversions, resolved against the
//! article's publication date and zone (never the clock).
//!
//! The recogniser works in two passes over each sentence: one regex finds *components*
//! ("12.01 am", "Wednesday", "Damascus time", "late", "(2200 GMT Wednesday)"), then adjacent
//! components joined only by glue words ("on", "at", ",", "of") are merged into one mention
//! and resolved together. Its example corpus is `examples/time.yaml`.

use std::collections::HashMap;
use std::sync::OnceLock;

use jiff::civil::{Date, DateTime, Time, Weekday};
use jiff::tz::{Offset, TimeZone};
use jiff::ToSpan;
use regex::{Captures, Regex};

use super::numbers::{number_pattern, parse_number};
use super::tense::{tense_around, Tense};
use super::timeval::{Grain, Interval, TimeValue};

/// What a time expression is resolved against.
#[derive(Clone, Debug, Default)]
pub struct Reference {
    pub date: Option<Date>,
    pub zone: Option<TimeZone>,
}

/// One recognised time expression; `start`/`end` are byte offsets into the text given.
#[derive(Clone, Debug)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub value: TimeValue,
    pub rule: &'static str,
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The month number of an English month name or abbreviation ("Sept.", "Feb").
pub fn month_number(word: &str) -> Option<i8> {
    let w = word.trim_end_matches('.').to_lowercase();
    if w.len() < 3 {
        return None;
    }
    if w == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|m| *m == w || (w.len() == 3 && m.starts_with(&w)))
        .map(|i| i as i8 + 1)
}

fn weekday_of(word: &str) -> Option<Weekday> {
    let w = word.trim_end_matches('.').to_lowercase();
    let w = w.trim_end_matches('s');
    Some(match w.get(..3)? {
        "mon" => Weekday::Monday,
        "tue" => Weekday::Tuesday,
        "wed" => Weekday::Wednesday,
        "thu" => Weekday::Thursday,
        "fri" => Weekday::Friday,
        "sat" => Weekday::Saturday,
        "sun" => Weekday::Sunday,
        _ => return None,
    })
}

fn component_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let month = r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)";
        let num = number_pattern();
        let small = r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve";
        let pattern = format!(
            r"(?ix)
            (?P<iso>\b(?P<iso_y>\d{{4}})-(?P<iso_m>\d{{2}})-(?P<iso_d>\d{{2}})\b)
          | (?P<mdy>\b(?P<mdy_m>{month})\s+(?P<mdy_d>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+(?P<mdy_y>(?:1[89]|20)\d{{2}})\b)?)
          | (?P<dmy>\b(?:the\s+)?(?P<dmy_d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dmy_m>{month})(?:,?\s+(?P<dmy_y>(?:1[89]|20)\d{{2}})\b)?)
          | (?P<slash>\b(?P<sl_a>[01]?\d)/(?P<sl_b>[0-3]?\d)/(?P<sl_y>\d{{4}})\b)
          | (?P<my>\b(?P<my_m>{month}),?\s+(?P<my_y>(?:1[89]|20)\d{{2}})\b)
          | (?P<c12>\b(?P<c12h>1[0-2]|0?\d)(?:[:.](?P<c12m>[0-5]\d))?\s*(?P<c12ap>[ap])(?:\.\s?m\.|\.\s?m\b|m\b))
          | (?P<mil>\b(?P<milh>[01]\d|2[0-3])(?P<milm>[0-5]\d)\s*(?P<milz>(?-i:GMT|UTC|Z)|hrs\b|hours\b|h\b)(?:\s*(?P<milz2>(?-i:GMT|UTC)))?)
          | (?P<c24>\b(?P<c24h>[01]?\d|2[0-3])[:h](?P<c24m>[0-5]\d)\b(?:\s*(?:hrs|hours|h)\b)?)
          | (?P<named>\b(?:(?P<nmin>one|a|two|three|four|five|ten|fifteen|twenty|thirty|\d{{1,2}})\s+minutes?\s+(?P<ndir>after|past|before|to)\s+)?(?P<nname>midnight|noon|midday)\b)
          | (?P<oclock>\b(?P<och>\d{{1,2}}|{small})\s+o'clock\b)
          | (?P<relday>\b(?P<rd>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|tonight|yesterday|tomorrow)\b)
          | (?P<thispod>\b(?P<tpm>this|last)\s+(?P<tpp>morning|afternoon|evening|night)\b)
          | (?P<wd>\b(?:(?P<wdmod>last|next|this\s+coming|this\s+past|this|coming|previous|following)\s+)?(?P<wdn>monday|tuesday|wednesday|thursday|friday|saturday|sunday|(?-i:Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun)\.)(?P<wdpl>s\b)?)
          | (?P<relunit>\b(?P<ru_mod>last|next|this|earlier\s+this|later\s+this|early\s+this|late\s+this|early\s+next|late\s+last|early\s+last|earlier\s+in\s+the|later\s+in\s+the|the\s+same)\s+(?P<ru_unit>week|weekend|month|year|spring|summer|autumn|fall|winter|quarter|decade)\b)
          | (?P<ago>\b(?P<ago_n>{num}|an?|several|a\s+few|a\s+couple\s+of|few)\s+(?P<ago_u>minutes?|hours?|days?|weeks?|months?|years?|decades?)\s+(?P<ago_d>ago|later|earlier|from\s+now)\b)
          | (?P<part>\b(?P<pt>early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|the\s+first\s+half\s+of|the\s+second\s+half\s+of)(?:\b-|\b))
          | (?P<pod>\b(?P<po>morning|afternoon|evening|night|overnight|dawn|dusk|daybreak|nightfall)\b)
          | (?P<month>\b(?P<mo>{month}))
          | (?P<decade>\b(?:the\s+)?(?P<dec>(?:1[89]|20)\d0)s\b)
          | (?P<year>\b(?P<yy>(?:1[89]|20)\d{{2}})\b)
          | (?P<zone>\b(?P<zn>(?-i:GMT|UTC)(?:\s*[+-]\s*\d{{1,2}}(?::?\d{{2}})?)?|(?-i:EDT|EST|CDT|CST|MDT|MST|PDT|PST|BST|CET|CEST|EET|EEST|MSK|JST|AEST|AEDT|ET|PT)\b|local\s+time|(?-i:[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s+time)\b)
          | (?P<vague>\b(?P<vg>now|currently|recently|nowadays|in\s+recent\s+(?:days|weeks|months|years)|these\s+days|at\s+present|at\s+the\s+moment|in\s+the\s+past|in\s+the\s+future|in\s+the\s+coming\s+(?:days|weeks|months|years)|in\s+the\s+near\s+future|soon)\b)
            "
        );
        Regex::new(&pattern).expect("time component regex")
    })
}

#[derive(Clone, Debug, PartialEq)]
enum Zone {
    Fixed(Offset, String),
    Named(TimeZone, String),
    Local,
}

#[derive(Clone, Debug, PartialEq)]
enum Kind {
    Date {
        y: Option<i16>,
        m: i8,
        d: i8,
    },
    MonthYear {
        y: i16,
        m: i8,
    },
    Month {
        m: i8,
        bare_ambiguous: bool,
    },
    Year {
        y: i16,
        bare: bool,
    },
    Decade {
        y: i16,
    },
    Clock {
        h: i8,
        m: i8,
        zone: Option<Zone>,
    },
    Weekday {
        wd: Weekday,
        modifier: Option<String>,
        plural: bool,
    },
    RelDay {
        days: i64,
        pod: Option<&'static str>,
    },
    RelUnit {
        modifier: String,
        unit: String,
    },
    Ago {
        n: f64,
        unit: String,
        dir: String,
    },
    Part(String),
    Pod(&'static str),
    Zone(Zone),
    Vague(&'static str),
}

impl Kind {
    fn slot(&self) -> u8 {
        match self {
            Kind::Date { .. }
            | Kind::MonthYear { .. }
            | Kind::Month { .. }
            | Kind::RelDay { .. }
            | Kind::RelUnit { .. }
            | Kind::Ago { .. }
            | Kind::Decade { .. } => 1,
            Kind::Year { .. } => 2,
            Kind::Clock { .. } => 3,
            Kind::Weekday { .. } => 4,
            Kind::Part(_) => 5,
            Kind::Pod(_) => 6,
            Kind::Zone(_) => 7,
            Kind::Vague(_) => 8,
        }
    }
}

#[derive(Clone, Debug)]
struct Comp {
    start: usize,
    end: usize,
    kind: Kind,
}

fn zone_names() -> &'static HashMap<String, String> {
    static MAP: OnceLock<HashMap<String, String>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = HashMap::new();
        for name in jiff::tz::db().available() {
            let name = name.as_str().to_string();
            if let Some(city) = name.rsplit('/').next() {
                if name.contains('/') && !name.starts_with("Etc/") && !name.starts_with("SystemV/") {
                    map.entry(city.replace('_', " ").to_lowercase()).or_insert(name.clone());
                }
            }
        }
        for (k, v) in [
            ("eastern", "America/New_York"),
            ("central", "America/Chicago"),
            ("mountain", "America/Denver"),
            ("pacific", "America/Los_Angeles"),
            ("washington", "America/New_York"),
            ("beijing", "Asia/Shanghai"),
            ("new delhi", "Asia/Kolkata"),
            ("delhi", "Asia/Kolkata"),
            ("mumbai", "Asia/Kolkata"),
            ("mecca", "Asia/Riyadh"),
            ("kyiv", "Europe/Kiev"),
            ("greenwich", "UTC"),
            ("british", "Europe/London"),
            ("moscow", "Europe/Moscow"),
            ("tokyo", "Asia/Tokyo"),
            ("paris", "Europe/Paris"),
            ("geneva", "Europe/Zurich"),
            ("ankara", "Europe/Istanbul"),
        ] {
            map.insert(k.to_string(), v.to_string());
        }
        map
    })
}

fn parse_zone(s: &str) -> Option<Zone> {
    let t = s.trim();
    let lower = t.to_lowercase();
    if lower == "local time" {
        return Some(Zone::Local);
    }
    let abbr: &[(&str, i32)] = &[
        ("GMT", 0),
        ("UTC", 0),
        ("Z", 0),
        ("EDT", -4 * 60),
        ("EST", -5 * 60),
        ("CDT", -5 * 60),
        ("CST", -6 * 60),
        ("MDT", -6 * 60),
        ("MST", -7 * 60),
        ("PDT", -7 * 60),
        ("PST", -8 * 60),
        ("BST", 60),
        ("CET", 60),
        ("CEST", 120),
        ("EET", 120),
        ("EEST", 180),
        ("MSK", 180),
        ("JST", 540),
        ("AEST", 600),
        ("AEDT", 660),
    ];
    if let Some((_, mins)) = abbr.iter().find(|(a, _)| *a == t) {
        return Some(Zone::Fixed(Offset::from_seconds(mins * 60).ok()?, t.to_string()));
    }
    if t == "ET" {
        return Some(Zone::Named(
            jiff::tz::db().get("America/New_York").ok()?,
            "America/New_York".into(),
        ));
    }
    if t == "PT" {
        return Some(Zone::Named(
            jiff::tz::db().get("America/Los_Angeles").ok()?,
            "America/Los_Angeles".into(),
        ));
    }
    if let Some(rest) = t.strip_prefix("GMT").or_else(|| t.strip_prefix("UTC")) {
        let rest: String = rest.chars().filter(|c| !c.is_whitespace()).collect();
        let sign = if rest.starts_with('-') { -1 } else { 1 };
        let digits: String = rest.chars().filter(|c| c.is_ascii_digit()).collect();
        let (h, m) = match digits.len() {
            1 | 2 => (digits.parse::<i32>().ok()?, 0),
            3 => (digits[..1].parse().ok()?, digits[1..].parse().ok()?),
            4 => (digits[..2].parse().ok()?, digits[2..].parse().ok()?),
            _ => return None,
        };
        return Some(Zone::Fixed(
            Offset::from_seconds(sign * (h * 3600 + m * 60)).ok()?,
            t.to_string(),
        ));
    }
    let place = lower.strip_suffix(" time")?.trim();
    let name = zone_names().get(place)?;
    let tz = jiff::tz::db().get(name).ok()?;
    Some(Zone::Named(tz, name.clone()))
}

fn word_before(s: &str, at: usize) -> String {
    s[..at]
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric() && c != '-')
        .next()
        .unwrap_or("")
        .to_lowercase()
}

fn word_after(s: &str, at: usize) -> String {
    s[at..]
        .trim_start()
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase()
}

const TIME_PREPS: &[&str] = &[
    "in",
    "since",
    "until",
    "till",
    "by",
    "from",
    "during",
    "of",
    "before",
    "after",
    "through",
    "between",
    "early",
    "late",
    "mid",
    "and",
    "to",
    "last",
    "next",
    "this",
    "on",
    "throughout",
    "end",
    "beginning",
    "start",
    "middle",
    "around",
    "circa",
    "year",
    "or",
    "s",
];

/// Words after a bare year that show it is a count, not a date.
const COUNT_NOUNS: &[&str] = &[
    "people",
    "persons",
    "civilians",
    "soldiers",
    "troops",
    "votes",
    "deaths",
    "cases",
    "units",
    "dollars",
    "euros",
    "pounds",
    "members",
    "students",
    "children",
    "men",
    "women",
    "homes",
    "houses",
    "buildings",
    "rockets",
    "missiles",
    "miles",
    "kilometers",
    "kilometres",
    "meters",
    "feet",
    "tons",
    "tonnes",
    "refugees",
    "fighters",
    "km",
    "m",
    "kg",
    "were",
    "have",
    "had",
];

fn components(s: &str) -> Vec<Comp> {
    let re = component_regex();
    let mut out = Vec::new();
    for c in re.captures_iter(s) {
        let m = c.get(0).unwrap();
        if let Some(kind) = component_kind(s, &c, m.start(), m.end()) {
            out.push(Comp {
                start: m.start(),
                end: m.end(),
                kind,
            });
        }
    }
    out
}

fn g<'a>(c: &'a Captures, name: &str) -> Option<&'a str> {
    c.name(name).map(|m| m.as_str())
}

fn component_kind(s: &str, c: &Captures, start: usize, end: usize) -> Option<Kind> {
    let year = |name: &str| g(c, name).and_then(|y| y.parse::<i16>().ok());
    if c.name("iso").is_some() {
        return Some(Kind::Date {
            y: year("iso_y"),
            m: g(c, "iso_m")?.parse().ok()?,
            d: g(c, "iso_d")?.parse().ok()?,
        });
    }
    if c.name("mdy").is_some() || c.name("dmy").is_some() {
        let (mm, dd, yy) = if c.name("mdy").is_some() {
            ("mdy_m", "mdy_d", "mdy_y")
        } else {
            ("dmy_m", "dmy_d", "dmy_y")
        };
        let m = month_number(g(c, mm)?)?;
        let d: i8 = g(c, dd)?.parse().ok()?;
        if !(1..=31).contains(&d) {
            return None;
        }
        // "May 10 people" / "may 4" with a modal: a bare "May N" needs a following
        // non-noun or a year.
        if m == 5 && g(c, "mdy").is_some() && g(c, yy).is_none() {
            let next = word_after(s, end);
            if COUNT_NOUNS.contains(&next.as_str()) {
                return None;
            }
        }
        return Some(Kind::Date { y: year(yy), m, d });
    }
    if c.name("slash").is_some() {
        let a: i8 = g(c, "sl_a")?.parse().ok()?;
        let b: i8 = g(c, "sl_b")?.parse().ok()?;
        let (m, d) = if a > 12 { (b, a) } else { (a, b) };
        return Some(Kind::Date { y: year("sl_y"), m, d });
    }
    if c.name("my").is_some() {
        return Some(Kind::MonthYear {
            y: year("my_y")?,
            m: month_number(g(c, "my_m")?)?,
        });
    }
    if c.name("c12").is_some() {
        let mut h: i8 = g(c, "c12h")?.parse().ok()?;
        let m: i8 = g(c, "c12m").map_or(Some(0), |m| m.parse().ok())?;
        let pm = g(c, "c12ap")?.eq_ignore_ascii_case("p");
        if h == 12 {
            h = 0;
        }
        if pm {
            h += 12;
        }
        return Some(Kind::Clock { h, m, zone: None });
    }
    if c.name("mil").is_some() {
        let h: i8 = g(c, "milh")?.parse().ok()?;
        let m: i8 = g(c, "milm")?.parse().ok()?;
        let z = g(c, "milz2")
            .or(g(c, "milz"))
            .filter(|z| matches!(*z, "GMT" | "UTC" | "Z"));
        let zone = z.and_then(parse_zone);
        return Some(Kind::Clock { h, m, zone });
    }
    if c.name("c24").is_some() {
        // "1.5" or scores like "2:1" are not times: ask for a 24-hour form or context.
        let h: i8 = g(c, "c24h")?.parse().ok()?;
        let m: i8 = g(c, "c24m")?.parse().ok()?;
        let before = word_before(s, start);
        let has_prep = matches!(
            before.as_str(),
            "at" | "from" | "until" | "till" | "by" | "around" | "about" | "after" | "before" | "since"
        );
        if !(has_prep || g(c, "c24h")?.len() == 2) {
            return None;
        }
        return Some(Kind::Clock { h, m, zone: None });
    }
    if c.name("named").is_some() {
        let base: i8 = if g(c, "nname")?.eq_ignore_ascii_case("midnight") {
            0
        } else {
            12
        };
        let mut minutes = base as i32 * 60;
        if let Some(n) = g(c, "nmin") {
            let n = if n.eq_ignore_ascii_case("a") {
                1.0
            } else {
                parse_number(n)?
            } as i32;
            let dir = g(c, "ndir")?.to_lowercase();
            minutes += if dir == "after" || dir == "past" { n } else { -n };
        }
        let minutes = minutes.rem_euclid(24 * 60);
        return Some(Kind::Clock {
            h: (minutes / 60) as i8,
            m: (minutes % 60) as i8,
            zone: None,
        });
    }
    if c.name("oclock").is_some() {
        let h = parse_number(g(c, "och")?)? as i8;
        return Some(Kind::Clock {
            h: h % 24,
            m: 0,
            zone: None,
        });
    }
    if c.name("relday").is_some() {
        let rd = g(c, "rd")?.to_lowercase();
        let rd = rd.split_whitespace().collect::<Vec<_>>().join(" ");
        let (days, pod) = match rd.as_str() {
            "today" => (0, None),
            "tonight" => (0, Some("night")),
            "yesterday" => (-1, None),
            "tomorrow" => (1, None),
            "the day before yesterday" => (-2, None),
            "the day after tomorrow" => (2, None),
            _ => return None,
        };
        return Some(Kind::RelDay { days, pod });
    }
    if c.name("thispod").is_some() {
        let pod = pod_name(g(c, "tpp")?)?;
        let days = if g(c, "tpm")?.eq_ignore_ascii_case("last") {
            -1
        } else {
            0
        };
        return Some(Kind::RelDay { days, pod: Some(pod) });
    }
    if c.name("wd").is_some() {
        return Some(Kind::Weekday {
            wd: weekday_of(g(c, "wdn")?)?,
            modifier: g(c, "wdmod").map(|m| m.to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ")),
            plural: c.name("wdpl").is_some(),
        });
    }
    if c.name("relunit").is_some() {
        return Some(Kind::RelUnit {
            modifier: g(c, "ru_mod")?
                .to_lowercase()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            unit: g(c, "ru_unit")?.to_lowercase(),
        });
    }
    if c.name("ago").is_some() {
        let n = match g(c, "ago_n")?.to_lowercase().as_str() {
            "a" | "an" => 1.0,
            "several" => 3.0,
            "a few" | "few" => 3.0,
            x if x.starts_with("a couple") => 2.0,
            x => parse_number(x)?,
        };
        return Some(Kind::Ago {
            n,
            unit: g(c, "ago_u")?.to_lowercase().trim_end_matches('s').to_string(),
            dir: g(c, "ago_d")?
                .to_lowercase()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
        });
    }
    if c.name("part").is_some() {
        return Some(Kind::Part(
            g(c, "pt")?
                .to_lowercase()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
        ));
    }
    if c.name("pod").is_some() {
        return Some(Kind::Pod(pod_name(g(c, "po")?)?));
    }
    if c.name("month").is_some() {
        let word = g(c, "mo")?;
        let m = month_number(word)?;
        // "May" and "March" are also a verb and a noun: a bare one needs a preposition.
        let ambiguous = matches!(word, "May" | "March" | "Mar" | "Mar.");
        let before = word_before(s, start);
        if ambiguous && !TIME_PREPS.contains(&before.as_str()) {
            return Some(Kind::Month {
                m,
                bare_ambiguous: true,
            });
        }
        return Some(Kind::Month {
            m,
            bare_ambiguous: false,
        });
    }
    if c.name("decade").is_some() {
        return Some(Kind::Decade {
            y: g(c, "dec")?.parse().ok()?,
        });
    }
    if c.name("year").is_some() {
        let y: i16 = g(c, "yy")?.parse().ok()?;
        let before_char = s[..start].chars().next_back();
        if matches!(before_char, Some('$' | '#' | '€' | '£' | ',' | '.' | '-' | '/')) {
            return None;
        }
        if s[end..].starts_with([',', '.']) && s[end..].chars().nth(1).is_some_and(|c| c.is_ascii_digit()) {
            return None;
        }
        let next = word_after(s, end);
        if COUNT_NOUNS.contains(&next.as_str()) || s[end..].starts_with('-') {
            return None;
        }
        let before = word_before(s, start);
        let bare = !TIME_PREPS.contains(&before.as_str());
        return Some(Kind::Year { y, bare });
    }
    if c.name("zone").is_some() {
        return parse_zone(g(c, "zn")?).map(Kind::Zone);
    }
    if c.name("vague").is_some() {
        let v = g(c, "vg")?.to_lowercase();
        let timex = if v.contains("future") || v.contains("coming") || v == "soon" {
            "FUTURE_REF"
        } else if v == "now"
            || v == "currently"
            || v == "nowadays"
            || v.contains("present")
            || v.contains("these days")
            || v.contains("moment")
        {
            "PRESENT_REF"
        } else {
            "PAST_REF"
        };
        return Some(Kind::Vague(timex));
    }
    None
}

fn pod_name(w: &str) -> Option<&'static str> {
    Some(match w.to_lowercase().as_str() {
        "morning" | "dawn" | "daybreak" => "morning",
        "afternoon" => "afternoon",
        "evening" | "dusk" | "nightfall" => "evening",
        "night" => "night",
        "overnight" => "overnight",
        _ => return None,
    })
}

/// Glue allowed between the components of one expression.
fn is_glue(gap: &str) -> bool {
    let g = gap.trim();
    if g.is_empty() || g == "," {
        return gap.len() <= 3 || g.is_empty() && gap.chars().all(|c| c == ' ');
    }
    let words: Vec<&str> = g.trim_matches(',').split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 2
        && words.iter().all(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "on" | "at" | "of" | "in" | "the" | "around" | "about" | "from"
            )
        })
}

/// All time expressions in one sentence. `last` carries the latest resolved date forward
/// for anaphoric expressions ("two days later").
pub fn find_in(sentence: &str, reference: &Reference, last: &mut Option<Date>) -> Vec<Found> {
    let comps = components(sentence);
    let mut out = Vec::new();
    let mut i = 0;
    while i < comps.len() {
        // Grow a group of components joined by glue.
        let mut group = vec![comps[i].clone()];
        let mut j = i + 1;
        while j < comps.len() {
            let prev_end = group.last().unwrap().end;
            let gap = &sentence[prev_end..comps[j].start];
            let slot = comps[j].kind.slot();
            let clash =
                group.iter().any(|c| c.kind.slot() == slot) || slot == 8 || group.iter().any(|c| c.kind.slot() == 8);
            if clash || !is_glue(gap) {
                break;
            }
            group.push(comps[j].clone());
            j += 1;
        }
        let mut end = group.last().unwrap().end;
        // A parenthesised second reading: "(2200 GMT Wednesday)", "(14 September)".
        let mut alt: Vec<Comp> = Vec::new();
        let rest = &sentence[end..];
        let open = rest.len() - rest.trim_start().len();
        if rest[open..].starts_with('(') {
            let inner_start = end + open + 1;
            let mut k = j;
            let mut alt_end = inner_start;
            while k < comps.len() && comps[k].start >= inner_start {
                let gap = &sentence[alt_end..comps[k].start];
                if !(gap.trim().is_empty() || is_glue(gap)) {
                    break;
                }
                if alt.iter().any(|c| c.kind.slot() == comps[k].kind.slot()) {
                    break;
                }
                alt.push(comps[k].clone());
                alt_end = comps[k].end;
                k += 1;
            }
            let close = &sentence[alt_end..];
            if !alt.is_empty() && close.trim_start().starts_with(')') {
                end = alt_end + (close.len() - close.trim_start().len()) + 1;
                j = k;
            } else {
                alt.clear();
            }
        }
        let start = group[0].start;
        if let Some((mut value, rule)) = resolve(&group, sentence, start, end, reference, last) {
            if !alt.is_empty() {
                combine_alt(&mut value, &group, &alt, sentence, start, end, reference, last);
            }
            if let Some(d) = value.interval().map(|iv| iv.start.date()) {
                *last = Some(d);
            }
            out.push(Found {
                start,
                end,
                value,
                rule,
            });
        }
        i = j.max(i + 1);
    }
    out
}

/// The intervals a group stands for, in order: resolve the date part, then the clock, the
/// part of day and the zone.
fn resolve(
    group: &[Comp],
    sentence: &str,
    start: usize,
    end: usize,
    reference: &Reference,
    last: &Option<Date>,
) -> Option<(TimeValue, &'static str)> {
    let find = |slot: u8| group.iter().find(|c| c.kind.slot() == slot).map(|c| &c.kind);
    let tense = tense_around(sentence, start, end);
    let ref_date = reference.date;
    let day_kind = find(1);
    let year_kind = find(2);
    let clock = find(3);
    let weekday = find(4);
    let part = find(5).map(|k| match k {
        Kind::Part(p) => p.clone(),
        _ => unreachable!(),
    });
    let pod = find(6).map(|k| match k {
        Kind::Pod(p) => *p,
        _ => unreachable!(),
    });
    let zone = find(7).and_then(|k| match k {
        Kind::Zone(z) => Some(z.clone()),
        _ => None,
    });
    if let Some(Kind::Vague(t)) = find(8) {
        return Some((TimeValue::vague(t), "time.vague"));
    }
    // Bare pieces that are not times on their own.
    let only = |slots: &[u8]| group.iter().all(|c| slots.contains(&c.kind.slot()));
    if only(&[5, 6, 7]) && !matches!(pod, Some("overnight")) {
        return None;
    }
    if group.len() == 1 {
        match &group[0].kind {
            Kind::Month {
                bare_ambiguous: true, ..
            } => return None,
            Kind::Year { bare: true, y } if !(1900..=2100).contains(y) => return None,
            _ => {}
        }
    }
    let clock_zone = match clock {
        Some(Kind::Clock { zone: Some(z), .. }) => Some(z.clone()),
        _ => None,
    };
    let zone = zone.or(clock_zone);

    // 1. The day, month or year the expression names.
    let mut rule = "time.date";
    let mut grain;
    let mut timex_override: Option<String> = None;
    let (mut s, mut e): (DateTime, DateTime);
    let midnight = Time::midnight();
    match (day_kind, weekday, year_kind) {
        (Some(Kind::Date { y, m, d }), _, yk) => {
            let y = y.or(match yk {
                Some(Kind::Year { y, .. }) => Some(*y),
                _ => None,
            });
            let date = match y {
                Some(y) => Date::new(y, *m, *d).ok()?,
                None => infer_year_for_day(*m, *d, ref_date?, tense)?,
            };
            s = date.to_datetime(midnight);
            e = s.checked_add(1.day()).ok()?;
            grain = Grain::Day;
        }
        (Some(Kind::MonthYear { y, m }), _, _) => {
            s = Date::new(*y, *m, 1).ok()?.to_datetime(midnight);
            e = s.checked_add(1.month()).ok()?;
            grain = Grain::Month;
        }
        (Some(Kind::Month { m, .. }), _, yk) => {
            let y = match yk {
                Some(Kind::Year { y, .. }) => *y,
                _ => infer_year_for_month(*m, ref_date?, tense)?,
            };
            s = Date::new(y, *m, 1).ok()?.to_datetime(midnight);
            e = s.checked_add(1.month()).ok()?;
            grain = Grain::Month;
            rule = "time.month";
        }
        (Some(Kind::RelDay { days, pod: rp }), _, _) => {
            let d = ref_date?.checked_add(days.days()).ok()?;
            s = d.to_datetime(midnight);
            e = s.checked_add(1.day()).ok()?;
            grain = Grain::Day;
            rule = "time.relative-day";
            if let (Some(p), None) = (rp, pod) {
                let (ps, pe) = pod_hours(p);
                s = d.to_datetime(midnight).checked_add(ps.hours()).ok()?;
                e = d.to_datetime(midnight).checked_add(pe.hours()).ok()?;
                grain = Grain::PartOfDay;
                timex_override = Some(format!("{}{}", d.strftime("%Y-%m-%d"), pod_timex(p)));
            }
        }
        (Some(Kind::RelUnit { modifier, unit }), _, _) => {
            let r = ref_date?;
            let (a, b, gr, tx) = relative_unit(r, modifier, unit)?;
            s = a.to_datetime(midnight);
            e = b.to_datetime(midnight);
            grain = gr;
            timex_override = Some(tx);
            rule = "time.relative-period";
        }
        (Some(Kind::Ago { n, unit, dir }), _, _) => {
            let base = if dir == "ago" || dir == "from now" {
                ref_date?
            } else {
                last.or(ref_date)?
            };
            let sign = if dir == "ago" || dir == "earlier" || dir == "before" {
                -1.0
            } else {
                1.0
            };
            let n = (n * sign).round() as i64;
            let (d, gr) = match unit.as_str() {
                "minute" | "hour" => (base, Grain::Day),
                "day" => (base.checked_add(n.days()).ok()?, Grain::Day),
                "week" => (base.checked_add(n.weeks()).ok()?, Grain::Day),
                "month" => (base.checked_add(n.months()).ok()?, Grain::Month),
                "year" => (base.checked_add(n.years()).ok()?, Grain::Year),
                "decade" => (base.checked_add((n * 10).years()).ok()?, Grain::Decade),
                _ => return None,
            };
            let (a, b) = truncate(d, gr)?;
            s = a.to_datetime(midnight);
            e = b.to_datetime(midnight);
            grain = gr;
            rule = "time.relative-offset";
        }
        (Some(Kind::Decade { y }), _, _) => {
            s = Date::new(*y, 1, 1).ok()?.to_datetime(midnight);
            e = s.checked_add(10.years()).ok()?;
            grain = Grain::Decade;
            timex_override = Some(format!("{}", y / 10));
            rule = "time.decade";
        }
        (None, Some(Kind::Weekday { wd, modifier, plural }), _) => {
            if *plural {
                let n = wd.to_monday_one_offset();
                return Some((TimeValue::vague(&format!("XXXX-WXX-{n}")), "time.weekday-set"));
            }
            let r = match last_explicit(group) {
                Some(d) => d,
                None => ref_date?,
            };
            let d = resolve_weekday(*wd, modifier.as_deref(), r, tense);
            s = d.to_datetime(midnight);
            e = s.checked_add(1.day()).ok()?;
            grain = Grain::Day;
            rule = "time.weekday";
        }
        (None, None, Some(Kind::Year { y, .. })) => {
            s = Date::new(*y, 1, 1).ok()?.to_datetime(midnight);
            e = s.checked_add(1.year()).ok()?;
            grain = Grain::Year;
            rule = "time.year";
        }
        (None, None, None) => {
            // A clock time or a part of day alone: today (or the article's day).
            let r = ref_date?;
            s = r.to_datetime(midnight);
            e = s.checked_add(1.day()).ok()?;
            grain = Grain::Day;
            rule = "time.clock";
            if matches!(pod, Some("overnight")) && clock.is_none() {
                let d = r.checked_sub(1.day()).ok()?;
                s = d.to_datetime(Time::new(20, 0, 0, 0).ok()?);
                e = r.to_datetime(Time::new(6, 0, 0, 0).ok()?);
                return Some((
                    TimeValue {
                        part: Some("overnight".into()),
                        ..TimeValue::from_interval(
                            Interval {
                                start: s,
                                end: e,
                                offset: None,
                            },
                            Grain::PartOfDay,
                            format!("{}TNI", d.strftime("%Y-%m-%d")),
                        )
                    },
                    "time.overnight",
                ));
            }
        }
        _ => return None,
    }
    // A weekday beside a date must agree with it.
    let mut mismatch = None;
    if let (Some(Kind::Weekday { wd, .. }), Grain::Day) = (weekday, grain) {
        if day_kind.is_some() && s.date().weekday() != *wd {
            mismatch = Some(format!("{} is a {:?}, not a {:?}", s.date(), s.date().weekday(), wd));
        }
    }
    let base_day = s.date();
    let mut part_label = None;
    // 2. Part of a period: "late Tuesday", "the end of September", "early 2015".
    if let Some(p) = &part {
        let (a, b) = part_of(s, e, grain, p)?;
        s = a;
        e = b;
        part_label = Some(p.clone());
        if grain == Grain::Day {
            grain = Grain::PartOfDay;
        }
        rule = "time.part";
    }
    // 3. Part of day: "Wednesday evening", "late yesterday evening".
    if let Some(p) = pod {
        if grain == Grain::Day || grain == Grain::PartOfDay {
            let (ps, pe) = pod_hours(p);
            let day0 = base_day.to_datetime(midnight);
            let (mut a, b) = (day0.checked_add(ps.hours()).ok()?, day0.checked_add(pe.hours()).ok()?);
            if part.as_deref() == Some("late") {
                a = a.checked_add(((pe - ps) / 2).hours()).ok()?;
            } else if part.as_deref() == Some("early") {
                let mid = a.checked_add(((pe - ps) / 2).hours()).ok()?;
                e = mid;
                s = a;
                part_label = Some(format!("early {p}"));
                grain = Grain::PartOfDay;
                timex_override = Some(format!("{}{}", base_day.strftime("%Y-%m-%d"), pod_timex(p)));
                return finish(s, e, grain, timex_override, part_label, zone, reference, mismatch, rule);
            }
            s = a;
            e = b;
            part_label = Some(match &part {
                Some(pt) => format!("{pt} {p}"),
                None => p.to_string(),
            });
            grain = Grain::PartOfDay;
            timex_override = Some(format!("{}{}", base_day.strftime("%Y-%m-%d"), pod_timex(p)));
        }
    }
    // 4. A clock time on that day.
    if let Some(Kind::Clock { h, m, .. }) = clock {
        if matches!(grain, Grain::Day | Grain::PartOfDay) {
            let mut h = *h;
            // "9 o'clock in the evening", "8 tonight": a pod after a 12-hour reading.
            if let Some("evening" | "night") = pod {
                if (1..12).contains(&h) {
                    h += 12;
                }
            }
            let t = Time::new(h, *m, 0, 0).ok()?;
            s = base_day.to_datetime(t);
            e = s.checked_add(1.minute()).ok()?;
            grain = Grain::Minute;
            timex_override = None;
            part_label = None;
            rule = "time.clock";
        }
    }
    finish(s, e, grain, timex_override, part_label, zone, reference, mismatch, rule)
}

#[allow(clippy::too_many_arguments)]
fn finish(
    s: DateTime,
    e: DateTime,
    grain: Grain,
    timex_override: Option<String>,
    part: Option<String>,
    zone: Option<Zone>,
    reference: &Reference,
    mismatch: Option<String>,
    rule: &'static str,
) -> Option<(TimeValue, &'static str)> {
    // Offsets matter only below a day; a stated zone always names itself.
    let (offset, zone_name) = match (&zone, grain) {
        (Some(Zone::Fixed(o, n)), _) => (Some(*o), Some(n.clone())),
        (Some(Zone::Named(tz, n)), _) => (s.to_zoned(tz.clone()).ok().map(|z| z.offset()), Some(n.clone())),
        (Some(Zone::Local), _) | (None, Grain::Minute | Grain::Hour | Grain::PartOfDay) => match &reference.zone {
            Some(tz) => (
                s.to_zoned(tz.clone()).ok().map(|z| z.offset()),
                tz.iana_name().map(str::to_string),
            ),
            None => (None, zone.as_ref().map(|_| "local".to_string())),
        },
        (None, _) => (None, None),
    };
    let offset = if matches!(grain, Grain::Minute | Grain::Hour | Grain::PartOfDay) {
        offset
    } else {
        None
    };
    let timex = timex_override.unwrap_or_else(|| timex_of(s, grain));
    let mut v = TimeValue::from_interval(
        Interval {
            start: s,
            end: e,
            offset,
        },
        grain,
        timex,
    );
    v.zone = zone_name;
    v.part = part;
    v.mismatch = mismatch;
    Some((v, rule))
}

/// The date a group gives explicitly (used to resolve a weekday in a parenthesis).
fn last_explicit(_group: &[Comp]) -> Option<Date> {
    None
}

/// Joins a parenthesised reading to the main one: "Wednesday (14 September)" becomes the
/// date with the weekday checked; "1 a.m. Thursday (2200 GMT Wednesday)" keeps both and
/// checks that they are one moment.
#[allow(clippy::too_many_arguments)]
fn combine_alt(
    value: &mut TimeValue,
    group: &[Comp],
    alt: &[Comp],
    sentence: &str,
    start: usize,
    end: usize,
    reference: &Reference,
    last: &Option<Date>,
) {
    let main_iv = value.interval();
    // Resolve the alternative around the main reading's day.
    let around = main_iv.map(|iv| iv.start.date()).or(reference.date);
    let alt_ref = Reference {
        date: around,
        zone: reference.zone.clone(),
    };
    let Some((mut alt_value, _)) = resolve_near(alt, sentence, start, end, &alt_ref, last) else {
        return;
    };
    let main_has_date = group.iter().any(|c| c.kind.slot() == 1);
    let alt_has_date = alt.iter().any(|c| c.kind.slot() == 1);
    let main_weekday = group.iter().find_map(|c| match &c.kind {
        Kind::Weekday { wd, .. } => Some(*wd),
        _ => None,
    });
    if !main_has_date && alt_has_date && value.grain == Grain::Day {
        // "Wednesday (14 September)": the date is the value; the weekday must match it.
        if let (Some(wd), Some(iv)) = (main_weekday, alt_value.interval()) {
            if iv.start.date().weekday() != wd {
                alt_value.mismatch = Some(format!(
                    "{} is a {:?}, not a {:?}",
                    iv.start.date(),
                    iv.start.date().weekday(),
                    wd
                ));
            }
        }
        let mismatch = alt_value.mismatch.take();
        *value = TimeValue { mismatch, ..alt_value };
        return;
    }
    // Two clock readings of one moment.
    if let (Some(a), Some(b)) = (value.interval(), alt_value.interval()) {
        match (a.offset, b.offset) {
            (None, Some(bo)) if value.grain == Grain::Minute && alt_value.grain == Grain::Minute => {
                // The conversion tells the local offset.
                let diff = b.start.duration_until(a.start).as_secs();
                let implied = diff + bo.seconds() as i64;
                if (-12 * 3600..=14 * 3600).contains(&implied) && implied % 900 == 0 {
                    if let Ok(o) = Offset::from_seconds(implied as i32) {
                        let iv = Interval { offset: Some(o), ..a };
                        let keep = (value.timex.clone(), value.zone.clone());
                        *value = TimeValue::from_interval(iv, Grain::Minute, keep.0);
                        value.zone = keep.1;
                    }
                } else {
                    value.mismatch = Some(format!(
                        "{} and {} cannot be the same moment",
                        value.display(),
                        alt_value.display()
                    ));
                }
            }
            _ => {
                if !value.compatible(&alt_value) {
                    value.mismatch = Some(format!(
                        "{} and {} are not the same moment",
                        value.display(),
                        alt_value.display()
                    ));
                }
            }
        }
    }
    value.readings.push(alt_value);
}

fn resolve_near(
    alt: &[Comp],
    sentence: &str,
    start: usize,
    end: usize,
    reference: &Reference,
    last: &Option<Date>,
) -> Option<(TimeValue, &'static str)> {
    // A weekday inside the parenthesis is the one nearest the main reading.
    let mut alt = alt.to_vec();
    for c in alt.iter_mut() {
        if let Kind::Weekday { modifier, .. } = &mut c.kind {
            if modifier.is_none() {
                *modifier = Some("nearest".into());
            }
        }
    }
    resolve(&alt, sentence, start, end, reference, last)
}

fn resolve_weekday(wd: Weekday, modifier: Option<&str>, r: Date, tense: Tense) -> Date {
    let diff =
        |a: Weekday, b: Weekday| (a.to_monday_zero_offset() as i64 - b.to_monday_zero_offset() as i64).rem_euclid(7);
    let back = diff(r.weekday(), wd); // days back to the latest `wd` on or before r
    let fwd = diff(wd, r.weekday()); // days forward to the next `wd` on or after r
    let offset = match modifier {
        Some("last") | Some("previous") | Some("this past") => -(if back == 0 { 7 } else { back }),
        Some("next") | Some("this coming") | Some("coming") | Some("following") => {
            if fwd == 0 {
                7
            } else {
                fwd
            }
        }
        Some("nearest") | Some("this") => {
            if back <= fwd {
                -back
            } else {
                fwd
            }
        }
        _ => match tense {
            Tense::Future => fwd,
            _ => -back,
        },
    };
    r.checked_add(offset.days()).unwrap_or(r)
}

fn infer_year_for_day(m: i8, d: i8, r: Date, tense: Tense) -> Option<Date> {
    let cands: Vec<Date> = [r.year() - 1, r.year(), r.year() + 1]
        .iter()
        .filter_map(|y| Date::new(*y, m, d).ok())
        .collect();
    let delta = |c: &Date| c.since(r).map(|s| s.get_days() as i64).unwrap_or(0);
    let pick = match tense {
        Tense::Future => cands.iter().filter(|c| delta(c) >= -2).min_by_key(|c| delta(c)),
        Tense::Past => cands.iter().filter(|c| delta(c) <= 2).max_by_key(|c| delta(c)),
        Tense::Unknown => cands.iter().filter(|c| delta(c) <= 45).max_by_key(|c| delta(c)),
    };
    pick.copied()
}

fn infer_year_for_month(m: i8, r: Date, tense: Tense) -> Option<i16> {
    let rm = r.month();
    Some(match tense {
        Tense::Future => {
            if m >= rm {
                r.year()
            } else {
                r.year() + 1
            }
        }
        Tense::Past => {
            if m <= rm {
                r.year()
            } else {
                r.year() - 1
            }
        }
        Tense::Unknown => {
            if m <= rm + 1 {
                r.year()
            } else {
                r.year() - 1
            }
        }
    })
}

fn truncate(d: Date, grain: Grain) -> Option<(Date, Date)> {
    Some(match grain {
        Grain::Day => (d, d.checked_add(1.day()).ok()?),
        Grain::Month => (d.first_of_month(), d.first_of_month().checked_add(1.month()).ok()?),
        Grain::Year => {
            let a = Date::new(d.year(), 1, 1).ok()?;
            (a, a.checked_add(1.year()).ok()?)
        }
        Grain::Decade => {
            let a = Date::new(d.year() - d.year().rem_euclid(10), 1, 1).ok()?;
            (a, a.checked_add(10.years()).ok()?)
        }
        _ => return None,
    })
}

fn relative_unit(r: Date, modifier: &str, unit: &str) -> Option<(Date, Date, Grain, String)> {
    let shift: i64 = match modifier {
        "last" | "late last" | "early last" => -1,
        "next" | "early next" => 1,
        _ => 0,
    };
    match unit {
        "week" | "weekend" => {
            let monday = r
                .checked_sub((r.weekday().to_monday_zero_offset() as i64).days())
                .ok()?;
            let a = monday.checked_add((7 * shift).days()).ok()?;
            let iso = a.iso_week_date();
            let (a, b) = if unit == "weekend" {
                (a.checked_add(5.days()).ok()?, a.checked_add(7.days()).ok()?)
            } else {
                (a, a.checked_add(7.days()).ok()?)
            };
            let suffix = if unit == "weekend" { "-WE" } else { "" };
            Some((a, b, Grain::Week, format!("{}-W{:02}{suffix}", iso.year(), iso.week())))
        }
        "month" => {
            let a = r.first_of_month().checked_add(shift.months()).ok()?;
            Some((
                a,
                a.checked_add(1.month()).ok()?,
                Grain::Month,
                a.strftime("%Y-%m").to_string(),
            ))
        }
        "year" => {
            let a = Date::new(r.year() + shift as i16, 1, 1).ok()?;
            Some((a, a.checked_add(1.year()).ok()?, Grain::Year, format!("{}", a.year())))
        }
        "decade" => {
            let y = r.year() + 10 * shift as i16;
            let a = Date::new(y - y.rem_euclid(10), 1, 1).ok()?;
            Some((
                a,
                a.checked_add(10.years()).ok()?,
                Grain::Decade,
                format!("{}", a.year() / 10),
            ))
        }
        "quarter" => {
            let q0 = (r.month() - 1) / 3;
            let a = Date::new(r.year(), q0 * 3 + 1, 1)
                .ok()?
                .checked_add((3 * shift).months())
                .ok()?;
            let q = (a.month() - 1) / 3 + 1;
            Some((
                a,
                a.checked_add(3.months()).ok()?,
                Grain::Quarter,
                format!("{}-Q{q}", a.year()),
            ))
        }
        season @ ("spring" | "summer" | "autumn" | "fall" | "winter") => {
            let (m, code) = match season {
                "spring" => (3, "SP"),
                "summer" => (6, "SU"),
                "autumn" | "fall" => (9, "FA"),
                _ => (12, "WI"),
            };
            let mut y = r.year() + shift as i16;
            if modifier == "last" && m >= r.month() {
                y -= 1;
            }
            let a = Date::new(y, m, 1).ok()?;
            Some((a, a.checked_add(3.months()).ok()?, Grain::Season, format!("{y}-{code}")))
        }
        _ => None,
    }
}

fn part_of(s: DateTime, e: DateTime, grain: Grain, part: &str) -> Option<(DateTime, DateTime)> {
    let total = s.duration_until(e).as_secs();
    let frac = |a: f64, b: f64| -> Option<(DateTime, DateTime)> {
        let sa = s.checked_add(((total as f64 * a) as i64).seconds()).ok()?;
        let sb = s.checked_add(((total as f64 * b) as i64).seconds()).ok()?;
        Some((sa, sb))
    };
    match (part, grain) {
        ("late", Grain::Day) => frac(0.75, 1.0),
        ("early", Grain::Day) => frac(0.0, 0.375),
        ("mid", Grain::Day) => frac(0.375, 0.625),
        ("late" | "the end of", _) => frac(2.0 / 3.0, 1.0),
        ("early" | "the beginning of" | "the start of", _) => frac(0.0, 1.0 / 3.0),
        ("mid" | "the middle of", _) => frac(1.0 / 3.0, 2.0 / 3.0),
        ("the first half of", _) => frac(0.0, 0.5),
        ("the second half of", _) => frac(0.5, 1.0),
        _ => Some((s, e)),
    }
}

fn pod_hours(p: &str) -> (i64, i64) {
    match p {
        "morning" => (6, 12),
        "afternoon" => (12, 18),
        "evening" => (18, 24),
        "night" => (20, 28),
        "overnight" => (20, 30),
        _ => (0, 24),
    }
}

fn pod_timex(p: &str) -> &'static str {
    match p {
        "morning" => "TMO",
        "afternoon" => "TAF",
        "evening" => "TEV",
        _ => "TNI",
    }
}

fn timex_of(s: DateTime, grain: Grain) -> String {
    match grain {
        Grain::Minute => s.strftime("%Y-%m-%dT%H:%M").to_string(),
        Grain::Hour => s.strftime("%Y-%m-%dT%H").to_string(),
        Grain::PartOfDay | Grain::Day => s.strftime("%Y-%m-%d").to_string(),
        Grain::Week => {
            let iso = s.date().iso_week_date();
            format!("{}-W{:02}", iso.year(), iso.week())
        }
        Grain::Month => s.strftime("%Y-%m").to_string(),
        Grain::Quarter => format!("{}-Q{}", s.year(), (s.month() - 1) / 3 + 1),
        Grain::Season | Grain::Year => format!("{}", s.year()),
        Grain::Decade => format!("{}", s.year() / 10),
        Grain::Vague => "PAST_REF".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn one(text: &str, published: Date) -> (String, TimeValue) {
        let r = Reference {
            date: Some(published),
            zone: None,
        };
        let found = find_in(text, &r, &mut None);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        (text[found[0].start..found[0].end].to_string(), found[0].value.clone())
    }

    #[test]
    fn clock_weekday_and_named_zone_resolve_with_offset() {
        let (t, v) = one(
            "it would come into effect from 12.01 am on Wednesday Damascus time.",
            date(2016, 5, 4),
        );
        assert_eq!(t, "12.01 am on Wednesday Damascus time");
        assert_eq!(v.start.as_deref(), Some("2016-05-04T00:01:00+03:00"));
        assert_eq!(v.timex, "2016-05-04T00:01");
    }

    #[test]
    fn tense_decides_the_weekday() {
        let (_, v) = one("The military says Thursday will be the first day.", date(2016, 5, 4));
        assert_eq!(v.start.as_deref(), Some("2016-05-05"));
        let (_, v) = one("The truce officially went into effect Wednesday.", date(2016, 5, 4));
        assert_eq!(v.start.as_deref(), Some("2016-05-04"));
        let (_, v) = one("Fighting resumed on Thursday.", date(2016, 5, 4));
        assert_eq!(v.start.as_deref(), Some("2016-04-28"));
    }

    #[test]
    fn parenthesised_date_checks_the_weekday() {
        let (t, v) = one("They spoke on Wednesday (14 September) and agreed.", date(2016, 9, 15));
        assert_eq!(t, "Wednesday (14 September)");
        assert_eq!(v.start.as_deref(), Some("2016-09-14"));
        assert_eq!(v.mismatch, None);
        let (_, v) = one("They spoke on Tuesday (14 September) and agreed.", date(2016, 9, 15));
        assert!(v.mismatch.is_some());
    }

    #[test]
    fn gmt_conversion_gives_the_local_offset() {
        let (t, v) = one(
            "The truce starts at 1:00 a.m. on Thursday (2200 GMT Wednesday), it said.",
            date(2016, 5, 4),
        );
        assert_eq!(t, "1:00 a.m. on Thursday (2200 GMT Wednesday)");
        assert_eq!(v.start.as_deref(), Some("2016-05-05T01:00:00+03:00"));
        assert_eq!(v.mismatch, None);
        assert_eq!(v.readings.len(), 1);
    }

    #[test]
    fn part_of_day_and_relative_days() {
        let (t, v) = one(
            "concluded arrangements late yesterday evening, to reaffirm",
            date(2016, 5, 4),
        );
        assert_eq!(t, "late yesterday evening");
        assert!(v.start.as_deref().unwrap().starts_with("2016-05-03T"));
        let (t, v) = one("Agreement was reached late on Tuesday: a ceasefire", date(2016, 5, 4));
        assert_eq!(t, "late on Tuesday");
        assert!(v.start.as_deref().unwrap().starts_with("2016-05-03T18"));
    }

    #[test]
    fn months_and_years_lean_to_the_past() {
        let (_, v) = one("Russia began its airstrikes at the end of September.", date(2016, 5, 4));
        assert_eq!(v.timex, "2015-09");
        let (_, v) = one("the ceasefire brought in in February", date(2016, 5, 4));
        assert_eq!(v.start.as_deref(), Some("2016-02"));
        let (_, v) = one("The ceasefire took effect on 12 September.", date(2016, 9, 15));
        assert_eq!(v.start.as_deref(), Some("2016-09-12"));
    }

    #[test]
    fn words_that_are_not_times() {
        let r = Reference {
            date: Some(date(2016, 5, 4)),
            zone: None,
        };
        for s in [
            "You May go now, said 2016 people.",
            "The second round ended 2-1.",
            "Call 555-1234 for details.",
            "It was the first time in years.",
        ] {
            let found = find_in(s, &r, &mut None);
            assert!(
                found.iter().all(|f| !s[f.start..f.end].contains("May")
                    && !s[f.start..f.end].contains("2016")
                    && !s[f.start..f.end].contains("time")),
                "{s}: {found:?}"
            );
        }
    }
}
