//! The pieces a time expression is built from: one regex pass over a sentence finds each
//! *component* ("12.01 am", "Wednesday", "Damascus time", "late", "the third quarter",
//! "(2200 GMT Wednesday)" is several), and each is read into a typed [`Kind`]. Adjacent
//! components are joined into one expression by `super::find_in`; a component that cannot
//! stand alone ("late", "GMT") is dropped there.

use std::sync::OnceLock;

use jiff::civil::Weekday;
use regex::{Captures, Regex, RegexBuilder, RegexSet, RegexSetBuilder};

use super::lexicon::{
    holiday, month_number, ordinal, pod_name, weekday_of, word_after, word_before, COUNT_NOUNS, TIME_PREPS,
    WEEKDAY_NAMES,
};
use super::zones::{parse_zone, Zone};
use crate::mentions::numbers::{parse_number, NUMBER_WORD};

/// What one component says.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// A calendar day, the year possibly left out ("12 September").
    Date {
        y: Option<i16>,
        m: i8,
        d: i8,
    },
    MonthYear {
        y: i16,
        m: i8,
    },
    /// A month alone; `modifier` is "last", "next", "this" when written before it.
    Month {
        m: i8,
        bare_ambiguous: bool,
        modifier: Option<String>,
    },
    /// A year; `bare` when no preposition or month vouches for it.
    Year {
        y: i16,
        bare: bool,
    },
    /// A decade by its first year (1990 for "the 1990s").
    Decade {
        y: i16,
    },
    /// A century by its first two digits (19 for "the 20th century").
    Century {
        c: i16,
    },
    Quarter {
        q: i8,
    },
    Half {
        h: i8,
    },
    Season {
        code: &'static str,
        month: i8,
    },
    /// A fiscal year ("fiscal 2012").
    Fiscal {
        y: i16,
    },
    Holiday(String),
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
    /// A day counted from the article's ("yesterday"), with a part of that day ("tonight").
    RelDay {
        days: i64,
        pod: Option<&'static str>,
    },
    /// A period named from the article's ("last week", "earlier this year").
    RelUnit {
        modifier: String,
        unit: String,
    },
    /// A distance from the article's date or the last date named ("three days ago").
    Ago {
        n: f64,
        unit: String,
        dir: String,
    },
    /// A time named from the last one mentioned ("the next day", "that year").
    Anaphor {
        unit: String,
        offset: i64,
    },
    /// "the year", "the month": only a time with a part before it ("the end of the year").
    TheUnit(String),
    Part(String),
    Pod(&'static str),
    Zone(Zone),
    /// A TimeML reference value with no interval ("now" is PRESENT_REF).
    Vague(&'static str),
    /// A recurring time, as its TimeML SET value ("every week" is P1W).
    Set(String),
}

impl Kind {
    /// Which role a component plays in an expression; an expression holds at most one
    /// component per slot.
    pub fn slot(&self) -> u8 {
        match self {
            Kind::RelUnit { unit, .. } if unit == "year" => 2,
            Kind::Date { .. }
            | Kind::MonthYear { .. }
            | Kind::Month { .. }
            | Kind::RelDay { .. }
            | Kind::RelUnit { .. }
            | Kind::Ago { .. }
            | Kind::Decade { .. }
            | Kind::Century { .. }
            | Kind::Quarter { .. }
            | Kind::Half { .. }
            | Kind::Season { .. }
            | Kind::Fiscal { .. }
            | Kind::Holiday(_)
            | Kind::Anaphor { .. }
            | Kind::TheUnit(_) => 1,
            Kind::Year { .. } => 2,
            Kind::Clock { .. } => 3,
            Kind::Weekday { .. } => 4,
            Kind::Part(_) => 5,
            Kind::Pod(_) => 6,
            Kind::Zone(_) => 7,
            Kind::Vague(_) | Kind::Set(_) => 8,
        }
    }
}

/// One component: its byte range in the sentence and what it says.
#[derive(Clone, Debug)]
pub struct Comp {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

const ORDINAL_WORDS: &str = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first|twenty-second";

/// The component patterns, compiled three ways: `finder`, every branch in one regex for a
/// single fast (DFA) pass that finds where components are; `set`, each branch anchored, to
/// tell which one a found stretch is; and `branches`, each branch alone, to read its groups.
/// Reading groups with one small regex instead of the whole alternation keeps the capture
/// engine's work proportional to the component, not to the size of the pattern.
struct Patterns {
    finder: Regex,
    set: RegexSet,
    branches: Vec<Regex>,
    /// Each branch's name: its outermost group.
    names: Vec<String>,
}

fn patterns() -> &'static Patterns {
    static RE: OnceLock<Patterns> = OnceLock::new();
    RE.get_or_init(|| {
        let month = r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)";
        // A light number pattern: the component is read by `parse_number` afterwards, so the
        // finder only needs to find where a count starts and ends.
        let num = format!(r"(?:\d[\d,.]*|(?:{w})(?:(?u:[\s-])+(?:{w}))*)", w = NUMBER_WORD);
        let small = r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve";
        let holidays = r"(?-i:Christmas(?:(?u:\s)+(?:Day|Eve))?|Boxing(?u:\s)+Day|New(?u:\s)+Year(?u:['’])s(?u:\s)+(?:Day|Eve)|Valentine(?u:['’])s(?u:\s)+Day|Halloween|Independence(?u:\s)+Day|July(?u:\s)+Fourth|(?:the(?u:\s)+)?Fourth(?u:\s)+of(?u:\s)+July|Veterans(?u:\s)+Day|Armistice(?u:\s)+Day|Bastille(?u:\s)+Day|(?:St\.?|Saint)(?u:\s)+Patrick(?u:['’])s(?u:\s)+Day|Easter(?:(?u:\s)+(?:Sunday|Monday))?|Good(?u:\s)+Friday|Thanksgiving(?:(?u:\s)+Day)?|Memorial(?u:\s)+Day|Labor(?u:\s)+Day|Martin(?u:\s)+Luther(?u:\s)+King(?:(?u:\s)+Jr\.?)?(?u:\s)+Day|Mother(?u:['’])s(?u:\s)+Day|Father(?u:['’])s(?u:\s)+Day)";
        let units = r"second|minute|hour|day|night|morning|evening|afternoon|week|weekend|fortnight|month|quarter|year|decade|century";
        let weekdays = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday";
        let pattern = format!(
            r"(?ix-u)
            (?P<iso>\b(?P<iso_y>\d{{4}})-(?P<iso_m>\d{{2}})-(?P<iso_d>\d{{2}})\b)
          | (?P<hol>\b{holidays}\b)
          | (?P<mdy>\b(?P<mdy_m>{month})(?u:\s)+(?P<mdy_d>[0-3]?\d)(?:st|nd|rd|th)?\b(?:(?u:\s)*(?:-|–|to|and|through)(?u:\s)*(?P<mdy_d2>[0-3]?\d)(?:st|nd|rd|th)?\b)?(?:,?(?u:\s)+(?P<mdy_y>(?:1[89]|20)\d{{2}})\b)?)
          | (?P<dmy>\b(?:the(?u:\s)+)?(?P<dmy_d>[0-3]?\d)(?:st|nd|rd|th)?(?u:\s)+(?:of(?u:\s)+)?(?P<dmy_m>{month})(?:,?(?u:\s)+(?P<dmy_y>(?:1[89]|20)\d{{2}})\b)?)
          | (?P<slash>\b(?P<sl_a>[0-3]?\d)/(?P<sl_b>[0-3]?\d)/(?P<sl_y>\d{{4}}|\d{{2}})\b)
          | (?P<my>\b(?P<my_m>{month}),?(?u:\s)+(?:of(?u:\s)+)?(?P<my_y>(?:1[89]|20)\d{{2}})\b)
          | (?P<c12>\b(?P<c12h>1[0-2]|0?\d)(?:[:.](?P<c12m>[0-5]\d))?(?u:\s)*(?P<c12ap>[ap])(?:\.(?u:\s)?m\.|\.(?u:\s)?m\b|m\b))
          | (?P<mil>\b(?P<milh>[01]\d|2[0-3])(?P<milm>[0-5]\d)(?u:\s)*(?P<milz>(?-i:GMT|UTC|Z)|hrs\b|hours\b|h\b|local(?u:\s)+time\b)(?:(?u:\s)*(?P<milz2>(?-i:GMT|UTC)))?)
          | (?P<milpre>\b(?P<mpz>(?-i:GMT|UTC))(?u:\s)+(?P<mph>[01]\d|2[0-3]):?(?P<mpm>[0-5]\d)\b)
          | (?P<mil0>\b(?P<m0h>0\d)(?P<m0m>[0-5]\d)\b)
          | (?P<c24>\b(?P<c24h>[01]?\d|2[0-3])[:h](?P<c24m>[0-5]\d)\b(?:(?u:\s)*(?:hrs|hours|h)\b)?)
          | (?P<named>\b(?:(?P<nmin>one|a|two|three|four|five|ten|fifteen|twenty|thirty|\d{{1,2}})(?u:\s)+minutes?(?u:\s)+(?P<ndir>after|past|before|to)(?u:\s)+)?(?P<nname>midnight|noon|midday)\b)
          | (?P<oclock>\b(?P<och>\d{{1,2}}|{small})(?u:\s)+o'clock\b)
          | (?P<relday>\b(?P<rd>the(?u:\s)+day(?u:\s)+before(?u:\s)+yesterday|the(?u:\s)+day(?u:\s)+after(?u:\s)+tomorrow|today|tonight|yesterday|tomorrow)\b)
          | (?P<thispod>\b(?P<tpm>this|last|tomorrow)(?u:\s)+(?P<tpp>morning|afternoon|evening|night)\b)
          | (?P<cent>\b(?:the(?u:\s)+)?(?P<centn>\d{{1,2}}(?:st|nd|rd|th)|{ORDINAL_WORDS})(?u:[\s-])+century\b)
          | (?P<qtr>\b(?:the(?u:\s)+)?(?:fiscal(?u:[\s-])+)?(?P<qn>first|second|third|fourth|1st|2nd|3rd|4th)(?u:[\s-])+quarter\b|(?-i:\bQ(?P<qd>[1-4])\b))
          | (?P<half>\b(?:the(?u:\s)+)?(?P<hn>first|second)(?u:[\s-])+half\b)
          | (?P<fis>\bfiscal(?:(?u:\s)+year)?(?u:\s)+(?:(?P<fy>(?:19|20)\d{{2}})|(?u:['’])(?P<fy2>\d{{2}}))\b)
          | (?P<ana>\bthe(?u:\s)+(?P<anm>following|previous|preceding|prior|next)(?u:\s)+(?P<anu>day|morning|afternoon|evening|night|week|weekend|month|year)\b|\b(?P<anthat>that|the(?u:\s)+same)(?u:\s)+(?P<anu2>day|morning|afternoon|evening|night|week|weekend|month|year)\b|\bthe(?u:\s)+day(?u:\s)+(?P<anba>before|after)\b)
          | (?P<set>\b(?:every|each)(?u:\s)+(?:(?P<setn>other|\d+|two|three|four|five|six|ten|few)(?u:\s)+)?(?P<setu>{units}|{weekdays}|spring|summer|autumn|fall|winter)s?\b|\b(?P<setw>daily|nightly|weekly|fortnightly|monthly|quarterly|annually|yearly|hourly|biweekly|biannually|semiannually)\b|\b(?P<setf>once|twice|three(?u:\s)+times|four(?u:\s)+times|\d+(?u:\s)+times|several(?u:\s)+times|many(?u:\s)+times)(?u:\s)+(?:a|an|per|each|every)(?u:\s)+(?P<setfu>{units})\b|\bper(?u:\s)+(?P<setpu>{units})\b|\b(?P<setwe>weekends)\b)
          | (?P<wd>\b(?:(?P<wdmod>last|next|this(?u:\s)+coming|this(?u:\s)+past|this|coming|previous|following)(?u:\s)+)?(?P<wdn>{weekdays}|(?-i:Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun)\.)(?P<wdpl>s\b)?)
          | (?P<relunit>\b(?P<ru_mod>last|next|this|current|earlier(?u:\s)+this|later(?u:\s)+this|early(?u:\s)+this|late(?u:\s)+this|early(?u:\s)+next|late(?u:\s)+last|early(?u:\s)+last|late(?u:\s)+next|earlier(?u:\s)+in(?u:\s)+the|later(?u:\s)+in(?u:\s)+the|the)(?u:\s)+(?P<ru_unit>week|weekend|month|year|spring|summer|autumn|fall|winter|quarter|decade|century)\b)
          | (?P<ago>\b(?P<ago_n>{num}|an?|several|a(?u:\s)+few|a(?u:\s)+couple(?u:\s)+of|few|some|many)(?u:\s)+(?:more(?u:\s)+)?(?P<ago_u>minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries|century)(?u:\s)+(?P<ago_d>ago|later|earlier|from(?u:\s)+now)\b)
          | (?P<agov>\b(?P<agou>minutes|hours|days|weeks|months|years|decades|centuries|moments)(?u:\s)+(?P<agod>ago|later|earlier)\b)
          | (?P<part>\b(?P<pt>early|late|mid|earlier|later|the(?u:\s)+end(?u:\s)+of|the(?u:\s)+beginning(?u:\s)+of|the(?u:\s)+start(?u:\s)+of|the(?u:\s)+middle(?u:\s)+of|the(?u:\s)+rest(?u:\s)+of|the(?u:\s)+first(?u:\s)+half(?u:\s)+of|the(?u:\s)+second(?u:\s)+half(?u:\s)+of)(?:\b-|\b))
          | (?P<pod>\b(?P<po>morning|afternoon|evening|night|overnight|dawn|dusk|daybreak|nightfall|sunrise|sunset|sundown)\b)
          | (?P<theu>\bthe(?u:\s)+(?P<theun>year|month|week|day|quarter|decade|century)\b)
          | (?P<season>\b(?P<sea>spring|summer|autumn|fall|winter)\b)
          | (?P<month>\b(?:(?P<momod>last|next|this|past|coming)(?u:\s)+)?(?P<mo>{month}))
          | (?P<decade>\b(?:the(?u:\s)+)?(?:(?P<dec>(?:1[89]|20)\d0)(?u:['’])?s|(?u:['’])(?P<dec2>\d)0s)\b)
          | (?P<yrange>\b(?P<yr1>(?:1[89]|20)\d{{2}})(?u:\s)*(?:-|–|/)(?u:\s)*(?P<yr2>(?:1[89]|20)?\d{{2}})\b)
          | (?P<year>\b(?P<yy>(?:1\d|20|21)\d{{2}})\b)
          | (?P<y2>(?u:['’])(?P<y2d>\d{{2}})\b)
          | (?P<zone>\b(?P<zn>(?-i:GMT|UTC)(?:(?u:\s)*[+-](?u:\s)*\d{{1,2}}(?::?\d{{2}})?)?|(?-i:EDT|EST|CDT|CST|MDT|MST|PDT|PST|BST|CET|CEST|EET|EEST|MSK|JST|AEST|AEDT|ET|PT)\b|local(?u:\s)+time|(?-i:[A-Z][a-z]+(?:(?u:\s)[A-Z][a-z]+)?)(?u:\s)+time)\b)
          | (?P<vague>\b(?:in(?u:\s)+)?(?P<vg>right(?u:\s)+now|now|currently|recently|lately|nowadays|presently|recent(?u:\s)+(?:days|weeks|months|years|decades|times)|recent|these(?u:\s)+days|at(?u:\s)+present|at(?u:\s)+the(?u:\s)+moment|the(?u:\s)+past|the(?u:\s)+(?:near(?u:\s)+|distant(?u:\s)+|foreseeable(?u:\s)+)?future|the(?u:\s)+coming(?u:\s)+(?:days|weeks|months|years|decades)|as(?u:\s)+soon(?u:\s)+as(?u:\s)+possible)\b)
            "
        );
        let mut lines = pattern.lines().map(str::trim).filter(|l| !l.is_empty());
        let flags = lines.next().expect("flags line");
        let branches: Vec<String> = lines.map(|l| l.trim_start_matches('|').trim().to_string()).collect();
        let build = |p: String| {
            RegexBuilder::new(&p)
                .size_limit(64 << 20)
                .dfa_size_limit(64 << 20)
                .build()
                .expect("time component regex")
        };
        let anchored: Vec<String> = branches.iter().map(|b| format!("{flags}^(?:{b})$")).collect();
        let names = branches
            .iter()
            .map(|b| {
                let rest = b.strip_prefix("(?P<").expect("a branch opens with its named group");
                rest[..rest.find('>').expect("group name")].to_string()
            })
            .collect();
        Patterns {
            finder: build(format!("{flags}(?:{})", branches.join("|"))),
            set: RegexSetBuilder::new(&anchored)
                .size_limit(64 << 20)
                .dfa_size_limit(64 << 20)
                .build()
                .expect("time component set"),
            branches: anchored.into_iter().map(build).collect(),
            names,
        }
    })
}

fn g<'a>(c: &'a Captures, name: &str) -> Option<&'a str> {
    c.name(name).map(|m| m.as_str())
}

fn norm(s: &str) -> String {
    s.to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every component of one sentence, in order.
pub fn components(s: &str) -> Vec<Comp> {
    let p = patterns();
    let mut out = Vec::new();
    for found in p.finder.find_iter(s) {
        let (off, text) = (found.start(), found.as_str());
        // The first branch that matches the whole stretch is the one the finder took; should
        // none do (a boundary read differently out of context), read it in place.
        let hit = p
            .set
            .matches(text)
            .iter()
            .next()
            .and_then(|i| Some((i, p.branches[i].captures(text)?)));
        let (branch, c, off) = match hit {
            Some((i, c)) => (p.names[i].as_str(), c, off),
            None => match p.finder.captures_at(s, off) {
                Some(c) => match p.names.iter().find(|n| c.name(n).is_some()) {
                    Some(n) => (n.as_str(), c, 0),
                    None => continue,
                },
                None => continue,
            },
        };
        let at = |m: regex::Match| (m.start() + off, m.end() + off);
        let m = found;
        // Two-part forms give two components: "March 21-22", "2015-16".
        if let Some(d2) = c.name("mdy_d2") {
            let (Some(mo), Some(d1)) = (month_number(g(&c, "mdy_m").unwrap_or("")), g(&c, "mdy_d")) else {
                continue;
            };
            let y = g(&c, "mdy_y").and_then(|y| y.parse().ok());
            let (Ok(d1n), Ok(d2n)) = (d1.parse::<i8>(), d2.as_str().parse::<i8>()) else {
                continue;
            };
            if (1..=31).contains(&d1n) && (1..=31).contains(&d2n) && d1n < d2n {
                let first_end = at(c.name("mdy_d").unwrap()).1;
                let first_end = first_end + suffix_len(&s[first_end..]);
                out.push(Comp {
                    start: m.start(),
                    end: first_end,
                    kind: Kind::Date { y, m: mo, d: d1n },
                });
                out.push(Comp {
                    start: at(d2).0,
                    end: m.end(),
                    kind: Kind::Date { y, m: mo, d: d2n },
                });
            }
            continue;
        }
        if let (Some(a), Some(b)) = (c.name("yr1"), c.name("yr2")) {
            let y1: i16 = a.as_str().parse().unwrap_or(0);
            let y2: i16 = match b.as_str().len() {
                2 => (y1 / 100) * 100 + b.as_str().parse::<i16>().unwrap_or(0),
                _ => b.as_str().parse().unwrap_or(0),
            };
            if y2 > y1 && y2 - y1 <= 30 && !followed_by_count(s, m.end()) {
                out.push(Comp {
                    start: at(a).0,
                    end: at(a).1,
                    kind: Kind::Year { y: y1, bare: false },
                });
                out.push(Comp {
                    start: at(b).0,
                    end: at(b).1,
                    kind: Kind::Year { y: y2, bare: false },
                });
            }
            continue;
        }
        // "in recent years": the preposition is not part of the expression.
        let start = c.name("vg").map_or(m.start(), |v| at(v).0);
        if let Some(kind) = component_kind(branch, s, &c, start, m.end()) {
            out.push(Comp {
                start,
                end: m.end(),
                kind,
            });
        }
    }
    out
}

fn suffix_len(s: &str) -> usize {
    ["st", "nd", "rd", "th"]
        .iter()
        .find(|x| s.len() >= 2 && s[..2].eq_ignore_ascii_case(x))
        .map_or(0, |_| 2)
}

fn followed_by_count(s: &str, end: usize) -> bool {
    COUNT_NOUNS.contains(&word_after(s, end).as_str())
}

/// Whether the word before `at` is one that introduces a clock time ("at 0400", "until
/// 16:30"): what tells a bare figure is a time.
fn time_preposition_before(s: &str, at: usize) -> bool {
    matches!(
        word_before(s, at).as_str(),
        "at" | "from" | "until" | "till" | "by" | "around" | "about" | "after" | "before" | "since"
    )
}

fn component_kind(branch: &str, s: &str, c: &Captures, start: usize, end: usize) -> Option<Kind> {
    let year = |name: &str| g(c, name).and_then(|y| y.parse::<i16>().ok());
    if branch == "iso" {
        return Some(Kind::Date {
            y: year("iso_y"),
            m: g(c, "iso_m")?.parse().ok()?,
            d: g(c, "iso_d")?.parse().ok()?,
        });
    }
    if let Some(h) = g(c, "hol") {
        holiday(h.trim_start_matches("the ").trim_start_matches("The "), 2000)?;
        return Some(Kind::Holiday(h.to_string()));
    }
    if branch == "mdy" || branch == "dmy" {
        let (mm, dd, yy) = if branch == "mdy" {
            ("mdy_m", "mdy_d", "mdy_y")
        } else {
            ("dmy_m", "dmy_d", "dmy_y")
        };
        let m = month_number(g(c, mm)?)?;
        let d: i8 = g(c, dd)?.parse().ok()?;
        if !(1..=31).contains(&d) {
            return None;
        }
        // "May 10 people", "you may 4": a bare "May N" must not count something.
        if m == 5 && g(c, "mdy").is_some() && g(c, yy).is_none() && followed_by_count(s, end) {
            return None;
        }
        return Some(Kind::Date { y: year(yy), m, d });
    }
    if branch == "slash" {
        let a: i8 = g(c, "sl_a")?.parse().ok()?;
        let b: i8 = g(c, "sl_b")?.parse().ok()?;
        let y_text = g(c, "sl_y")?;
        let y: i16 = y_text.parse().ok()?;
        let y = if y_text.len() == 2 {
            if y < 50 {
                2000 + y
            } else {
                1900 + y
            }
        } else {
            y
        };
        // Month first (as in US copy) unless the first figure cannot be a month ("30/4/2016",
        // as SANA and most of the world write it) or a weekday before the date agrees only
        // with the day-first reading ("Tuesday 5/4/2016" is 5 April).
        let before = word_before(s, start);
        let weekday = matches!(
            before.as_str(),
            "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
        )
        .then(|| weekday_of(&before))
        .flatten();
        let agrees = |m: i8, d: i8| {
            weekday.is_none_or(|w| jiff::civil::Date::new(y, m, d).is_ok_and(|date| date.weekday() == w))
        };
        let (m, d) = if a > 12 || (b <= 12 && !agrees(a, b) && agrees(b, a)) {
            (b, a)
        } else {
            (a, b)
        };
        if !(1..=12).contains(&m) || !(1..=31).contains(&d) || s[end..].starts_with(['/', '-']) {
            return None;
        }
        return Some(Kind::Date { y: Some(y), m, d });
    }
    if branch == "my" {
        return Some(Kind::MonthYear {
            y: year("my_y")?,
            m: month_number(g(c, "my_m")?)?,
        });
    }
    if branch == "c12" {
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
    if branch == "mil" {
        let h: i8 = g(c, "milh")?.parse().ok()?;
        let m: i8 = g(c, "milm")?.parse().ok()?;
        let z = g(c, "milz2")
            .or(g(c, "milz"))
            .filter(|z| matches!(*z, "GMT" | "UTC" | "Z") || z.to_lowercase().starts_with("local"));
        let zone = z.and_then(parse_zone);
        return Some(Kind::Clock { h, m, zone });
    }
    if branch == "milpre" {
        // "(GMT 2300 Wednesday)": the zone written first.
        let h: i8 = g(c, "mph")?.parse().ok()?;
        let m: i8 = g(c, "mpm")?.parse().ok()?;
        return Some(Kind::Clock {
            h,
            m,
            zone: parse_zone(g(c, "mpz")?),
        });
    }
    if branch == "mil0" {
        // "at 0400": four figures with a leading zero are a 24-hour clock, never a year or
        // a count; a bare one needs a preposition or a conversion after it.
        let timed = time_preposition_before(s, start) || s[end..].trim_start().starts_with('(');
        if !timed {
            return None;
        }
        let h: i8 = g(c, "m0h")?.parse().ok()?;
        let m: i8 = g(c, "m0m")?.parse().ok()?;
        return Some(Kind::Clock { h, m, zone: None });
    }
    if branch == "c24" {
        // "1.5" or scores like "2:1" are not times: ask for a 24-hour form or context.
        let h: i8 = g(c, "c24h")?.parse().ok()?;
        let m: i8 = g(c, "c24m")?.parse().ok()?;
        let has_prep = time_preposition_before(s, start);
        if !(has_prep || g(c, "c24h")?.len() == 2) {
            return None;
        }
        return Some(Kind::Clock { h, m, zone: None });
    }
    if branch == "named" {
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
    if branch == "oclock" {
        let h = parse_number(g(c, "och")?)? as i8;
        return Some(Kind::Clock {
            h: h % 24,
            m: 0,
            zone: None,
        });
    }
    if branch == "relday" {
        let (days, pod) = match norm(g(c, "rd")?).as_str() {
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
    if branch == "thispod" {
        let pod = pod_name(g(c, "tpp")?)?;
        let days = match g(c, "tpm")?.to_lowercase().as_str() {
            "last" => -1,
            "tomorrow" => 1,
            _ => 0,
        };
        return Some(Kind::RelDay { days, pod: Some(pod) });
    }
    if branch == "cent" {
        let n = ordinal(g(c, "centn")?)? as i16;
        if !(1..=21).contains(&n) {
            return None;
        }
        return Some(Kind::Century { c: n - 1 });
    }
    if branch == "qtr" {
        let q = match g(c, "qd") {
            Some(d) => d.parse().ok()?,
            None => ordinal(g(c, "qn")?)? as i8,
        };
        return Some(Kind::Quarter { q });
    }
    if branch == "half" {
        let h = ordinal(g(c, "hn")?)? as i8;
        // "the first half of September": a part of what follows.
        if word_after(s, end) == "of" {
            return Some(Kind::Part(format!(
                "the {} half of",
                if h == 1 { "first" } else { "second" }
            )));
        }
        // A bare "the second half" is a time only in a business sense ("first-half
        // profit", "in the second half"), not in a match report.
        let hyphenated = s[start..end].contains('-');
        let lead = word_before(s, start);
        if !hyphenated && !matches!(lead.as_str(), "in" | "for" | "during" | "through" | "by" | "until") {
            return None;
        }
        return Some(Kind::Half { h });
    }
    if branch == "fis" {
        let y = match (year("fy"), g(c, "fy2")) {
            (Some(y), _) => y,
            (None, Some(d)) => {
                let v: i16 = d.parse().ok()?;
                if v < 50 {
                    2000 + v
                } else {
                    1900 + v
                }
            }
            _ => return None,
        };
        return Some(Kind::Fiscal { y });
    }
    if branch == "ana" {
        if let Some(dir) = g(c, "anba") {
            // "the day before" alone; "the day before the vote" is not a time of its own.
            let rest = s[end..].trim_start();
            if !(rest.is_empty() || rest.starts_with([',', '.', ';', ')'])) {
                return None;
            }
            let offset = if dir.eq_ignore_ascii_case("before") { -1 } else { 1 };
            return Some(Kind::Anaphor {
                unit: "day".into(),
                offset,
            });
        }
        if let (Some(m), Some(u)) = (g(c, "anm"), g(c, "anu")) {
            let u = u.to_lowercase();
            let m = m.to_lowercase();
            // "the next week", "the next year": a stretch of time ahead (a duration).
            if m == "next" && !matches!(u.as_str(), "day" | "morning" | "afternoon" | "evening" | "night") {
                return None;
            }
            let offset = if matches!(m.as_str(), "following" | "next") {
                1
            } else {
                -1
            };
            return Some(Kind::Anaphor { unit: u, offset });
        }
        let u = g(c, "anu2")?.to_lowercase();
        return Some(Kind::Anaphor { unit: u, offset: 0 });
    }
    if branch == "set" {
        return set_value(c).map(Kind::Set);
    }
    if branch == "wd" {
        let name = g(c, "wdn")?;
        // "Sunday Times", "Bloody Sunday": a weekday inside a name.
        let next = s[end..].trim_start();
        let next_word: &str = next.split(|ch: char| !ch.is_alphanumeric()).next().unwrap_or("");
        if WEEKDAY_NAMES.contains(&next_word) && name.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        if matches!(
            word_before(s, start).as_str(),
            "black" | "cyber" | "bloody" | "super" | "good" | "ash"
        ) {
            return None;
        }
        return Some(Kind::Weekday {
            wd: weekday_of(name)?,
            modifier: g(c, "wdmod").map(norm),
            plural: c.name("wdpl").is_some(),
        });
    }
    if branch == "relunit" {
        let modifier = norm(g(c, "ru_mod")?);
        let unit = g(c, "ru_unit")?.to_lowercase();
        // "the summer", "the year": a season, or a period only a part can make a time of.
        if modifier == "the" && unit != "weekend" {
            return match unit.as_str() {
                "spring" | "summer" | "autumn" | "fall" | "winter" => {
                    let raw = g(c, "ru_unit")?;
                    (!event_of(s, end) && !in_name(s, raw, end)).then(|| season(&unit))
                }
                _ => Some(Kind::TheUnit(unit)),
            };
        }
        if matches!(modifier.as_str(), "last" | "next") && word_before(s, start) == "the" {
            return None;
        }
        // "fall" the verb: "prices fall this year" is not autumn.
        let modifier = if modifier == "current" {
            "this".to_string()
        } else {
            modifier
        };
        return Some(Kind::RelUnit { modifier, unit });
    }
    if branch == "ago" {
        let word = norm(g(c, "ago_n")?);
        let dir = norm(g(c, "ago_d")?);
        let unit = g(c, "ago_u")?.to_lowercase();
        let unit = unit.trim_end_matches('s').replace("centurie", "century");
        let n = match word.as_str() {
            "a" | "an" => 1.0,
            "several" | "a few" | "few" | "some" | "many" | "a couple of" => {
                // No number: a time in the past or the future, not a date.
                return Some(Kind::Vague(if dir == "ago" || dir == "earlier" {
                    "PAST_REF"
                } else {
                    "FUTURE_REF"
                }));
            }
            x => parse_number(x)?,
        };
        return Some(Kind::Ago { n, unit, dir });
    }
    if branch == "agov" {
        let dir = g(c, "agod")?.to_lowercase();
        return Some(Kind::Vague(if dir == "later" { "FUTURE_REF" } else { "PAST_REF" }));
    }
    if branch == "part" {
        return Some(Kind::Part(norm(g(c, "pt")?)));
    }
    if branch == "pod" {
        return Some(Kind::Pod(pod_name(g(c, "po")?)?));
    }
    if branch == "theu" {
        return Some(Kind::TheUnit(g(c, "theun")?.to_lowercase()));
    }
    if branch == "season" {
        let raw = g(c, "sea")?;
        let word = raw.to_lowercase();
        let before = word_before(s, start);
        if in_name(s, raw, end) {
            return None;
        }
        // "fall" and "spring" are verbs too, and "the fall of Aleppo" is an event: those need
        // a word that makes them a season; "summer", "winter", "autumn" do not.
        let vouched = matches!(word.as_str(), "summer" | "winter" | "autumn")
            || matches!(
                before.as_str(),
                "the"
                    | "this"
                    | "last"
                    | "next"
                    | "in"
                    | "early"
                    | "late"
                    | "mid"
                    | "during"
                    | "since"
                    | "until"
                    | "by"
                    | "past"
                    | "coming"
            )
            || s[end..].trim_start().starts_with(|ch: char| ch.is_ascii_digit());
        if !vouched {
            return None;
        }
        if event_of(s, end) {
            return None;
        }
        return Some(season(&word));
    }
    if branch == "month" {
        let word = g(c, "mo")?;
        let m = month_number(word)?;
        let modifier = g(c, "momod").map(norm);
        // "May" and "March" are also a verb and a noun: a bare one needs a preposition.
        let ambiguous = matches!(word, "May" | "March" | "Mar" | "Mar.");
        let before = word_before(s, start);
        let bare_ambiguous = modifier.is_none() && ambiguous && !TIME_PREPS.contains(&before.as_str());
        return Some(Kind::Month {
            m,
            bare_ambiguous,
            modifier,
        });
    }
    if branch == "decade" {
        let y = match (year("dec"), g(c, "dec2")) {
            (Some(y), _) => y,
            (None, Some(d)) => {
                let d: i16 = d.parse().ok()?;
                if d <= 2 {
                    2000 + 10 * d
                } else {
                    1900 + 10 * d
                }
            }
            _ => return None,
        };
        return Some(Kind::Decade { y });
    }
    if branch == "year" {
        let y: i16 = g(c, "yy")?.parse().ok()?;
        let before_char = s[..start].chars().next_back();
        let mid = before_char == Some('-') && s[..start - 1].to_lowercase().ends_with("mid");
        if matches!(before_char, Some('$' | '#' | '€' | '£' | ',' | '.' | '-' | '/' | '+')) && !mid {
            return None;
        }
        // "2012 DA14", "2012 XF": a year in a name or a code.
        let next = s[end..].trim_start();
        let token: &str = next
            .split(|ch: char| ch.is_whitespace() || ",.;:)".contains(ch))
            .next()
            .unwrap_or("");
        if s[end..].starts_with(' ')
            && token.len() >= 2
            && token.chars().next().is_some_and(|ch| ch.is_ascii_uppercase())
            && token.chars().all(|ch| ch.is_ascii_uppercase() || ch.is_ascii_digit())
            && token.chars().any(|ch| ch.is_ascii_digit())
        {
            return None;
        }
        // Outside 1800-2099 a number is a year only after a word that asks for one.
        if !(1800..=2099).contains(&y)
            && !matches!(
                word_before(s, start).as_str(),
                "in" | "since"
                    | "until"
                    | "by"
                    | "from"
                    | "of"
                    | "before"
                    | "after"
                    | "around"
                    | "circa"
                    | "year"
                    | "to"
            )
        {
            return None;
        }
        if s[end..].starts_with([',', '.']) && s[end..].chars().nth(1).is_some_and(|c| c.is_ascii_digit()) {
            return None;
        }
        if followed_by_count(s, end) || s[end..].starts_with(['-', '%']) {
            return None;
        }
        let before = word_before(s, start);
        let bare = !TIME_PREPS.contains(&before.as_str());
        return Some(Kind::Year { y, bare });
    }
    if branch == "y2" {
        // "'98": a year only after a word that asks for one ("in '98", "the class of '98").
        let before = word_before(s, start);
        let vouched = matches!(
            before.as_str(),
            "in" | "of" | "since" | "fiscal" | "summer" | "spring" | "winter" | "fall" | "autumn" | "class"
        ) || month_number(&before).is_some();
        if !vouched || s[end..].starts_with(|ch: char| ch.is_ascii_digit() || ch == 's') {
            return None;
        }
        let d: i16 = g(c, "y2d")?.parse().ok()?;
        return Some(Kind::Year {
            y: if d < 50 { 2000 + d } else { 1900 + d },
            bare: false,
        });
    }
    if branch == "zone" {
        return parse_zone(g(c, "zn")?).map(Kind::Zone);
    }
    if branch == "vague" {
        let v = norm(g(c, "vg")?);
        // "the past 24 hours", "the past few years": a stretch of time, read as a duration.
        if v == "the past" || v == "the future" {
            let next = word_after(s, end);
            if parse_number(&next).is_some()
                || matches!(
                    next.as_str(),
                    "few"
                        | "several"
                        | "couple"
                        | "decade"
                        | "year"
                        | "month"
                        | "week"
                        | "day"
                        | "hour"
                        | "days"
                        | "weeks"
                        | "months"
                        | "years"
                        | "decades"
                        | "hours"
                        | "century"
                        | "two"
                        | "three"
                )
            {
                return None;
            }
        }
        // "as recently as January": the date that follows is the time.
        if v == "recently" && word_before(s, start) == "as" && word_after(s, end) == "as" {
            return None;
        }
        // "for the coming weeks": a stretch of time ahead, read as a duration.
        if v.starts_with("the coming")
            && matches!(word_before(s, start).as_str(), "for" | "over" | "during" | "throughout")
        {
            return None;
        }
        if v == "recent" {
            // "recent" qualifies a noun ("a recent poll"); "most recent" is an ordering.
            if word_before(s, start) == "most" {
                return None;
            }
        }
        let timex = if v.contains("future") || v.contains("coming") || v.contains("soon") {
            "FUTURE_REF"
        } else if v.contains("now")
            || v == "currently"
            || v.contains("present")
            || v.contains("these days")
            || v.contains("moment")
            || v == "presently"
        {
            "PRESENT_REF"
        } else {
            "PAST_REF"
        };
        return Some(Kind::Vague(timex));
    }
    None
}

/// "the fall of Aleppo", "the spring of discontent": a season word heading an "of" phrase
/// that is not a year names an event or a figure of speech, not a season.
fn event_of(s: &str, end: usize) -> bool {
    let after = s[end..].trim_start();
    after.starts_with("of ")
        && !after[3..]
            .trim_start()
            .starts_with(|ch: char| ch.is_ascii_digit() || ch == '\'')
}

/// "the Winter Olympics", "Summer Palace": a capitalised season inside a name.
fn in_name(s: &str, raw: &str, end: usize) -> bool {
    raw.starts_with(|ch: char| ch.is_uppercase()) && s[end..].trim_start().starts_with(|ch: char| ch.is_uppercase())
}

fn season(word: &str) -> Kind {
    let (code, month) = match word {
        "spring" => ("SP", 3),
        "summer" => ("SU", 6),
        "autumn" | "fall" => ("FA", 9),
        _ => ("WI", 12),
    };
    Kind::Season { code, month }
}

/// The TimeML value of a recurring time: "every week" P1W, "every Monday" XXXX-WXX-1,
/// "twice a month" P1M, "annually" P1Y.
fn set_value(c: &Captures) -> Option<String> {
    fn unit_code(u: &str) -> Option<&'static str> {
        Some(match u.trim_end_matches('s') {
            "second" => "TS",
            "minute" => "TM",
            "hour" => "TH",
            "day" | "night" | "morning" | "evening" | "afternoon" => "D",
            "week" => "W",
            "weekend" => "WE",
            "fortnight" => "2W",
            "month" => "M",
            "quarter" => "3M",
            "year" => "Y",
            "decade" => "DE",
            "century" | "centurie" => "CE",
            _ => return None,
        })
    }
    fn period(n: &str, code: &str) -> String {
        let times = |k: i64| n.parse::<i64>().map_or(n.to_string(), |v| (v * k).to_string());
        match code.strip_prefix('T') {
            Some(t) => format!("PT{n}{t}"),
            None if code == "2W" => format!("P{}W", times(2)),
            None if code == "3M" => format!("P{}M", times(3)),
            None => format!("P{n}{code}"),
        }
    }
    if g(c, "setwe").is_some() {
        return Some("XXXX-WXX-WE".into());
    }
    if let Some(w) = g(c, "setw") {
        let code = match w.to_lowercase().as_str() {
            "daily" | "nightly" => "D",
            "weekly" => "W",
            "fortnightly" | "biweekly" => "2W",
            "monthly" => "M",
            "quarterly" => "3M",
            "annually" | "yearly" => "Y",
            "hourly" => "TH",
            "biannually" | "semiannually" => return Some("P6M".into()),
            _ => return None,
        };
        return Some(period("1", code));
    }
    if let Some(u) = g(c, "setfu").or(g(c, "setpu")) {
        return unit_code(&u.to_lowercase()).map(|code| period("1", code));
    }
    let u = g(c, "setu")?.to_lowercase();
    if u == "weekend" {
        return Some("XXXX-WXX-WE".into());
    }
    if let Some(wd) = weekday_of(&u).filter(|_| u.len() > 5) {
        return Some(format!("XXXX-WXX-{}", wd.to_monday_one_offset()));
    }
    if let Some(m) = month_number(&u) {
        return Some(format!("XXXX-{m:02}"));
    }
    let season = match u.trim_end_matches('s') {
        "spring" => Some("SP"),
        "summer" => Some("SU"),
        "autumn" | "fall" => Some("FA"),
        "winter" => Some("WI"),
        _ => None,
    };
    if let Some(code) = season {
        return Some(format!("XXXX-{code}"));
    }
    let code = unit_code(&u)?;
    let n = match g(c, "setn").map(|n| n.to_lowercase()) {
        None => "1".to_string(),
        Some(n) if n == "other" => "2".to_string(),
        Some(n) if n == "few" => "X".to_string(),
        Some(n) => format!("{}", parse_number(&n)? as i64),
    };
    Some(period(&n, code))
}

/// Glue allowed between the components of one expression.
pub fn is_glue(gap: &str) -> bool {
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
                "on" | "at" | "of" | "in" | "the" | "around" | "about" | "from" | "'s" | "’s"
            )
        })
}
