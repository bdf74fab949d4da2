//! Versions: who stands behind each value of a clash, and whether the clash is real.
//!
//! [`super::check`] proposes a conflict for every two sets of incompatible values of one
//! subject and property; [`refine`] then looks at the claims pair by pair and keeps a
//! conflict only where two claims clash that measure the same thing:
//!
//! - counts of different kinds of victim ("10 children", "84 people"), parts of a toll
//!   ("124 in government-held districts"), superseded figures ("initially 14") and vague
//!   ones ("dozens") are not compared; a larger figure given later is an `update` (a toll
//!   rising over days), a smaller figure given later is a conflict (a stale toll);
//! - agreement times a day apart with no stated zone are one moment in two zones ("late
//!   Friday" in Washington is "early Saturday" in Geneva);
//!
//! The clashing pairs of one subject and property are then merged into one conflict
//! holding every side ([`merge_conflicts`]).
//!
//! A conflict names one claim per side as its evidence (the most precise wording of each
//! value), and lists every claim of both sides under `versions`: one version per party
//! (the country or body a speaker speaks for, else the speaker, else the outlet's own
//! voice), each with the value it gives, the independent reports backing that value and a
//! confidence ([`super::support`]). Parties whose versions of one event clash are shown
//! side by side as a `dispute` holding each party's whole account of the event.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use rayon::prelude::*;

use crate::claims::{checkable, is_count, Claim};
use crate::corpus::Source;
use crate::mentions::{Grain, Value};
use crate::subjects::Subject;

use super::support;
use super::{finding_id, prop_label, Finding, Kind, Severity, Version};

/// Maps looked up by key only (never walked, so their order cannot reach the output).
type Fast<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

/// Claims looked up by id. The run's claims come sorted by id, so this is the slice of
/// them searched by halving: a map of a big corpus's hundreds of thousands of ids was most
/// of the findings' one-thread time.
struct ById<'a>(Vec<&'a Claim>);

impl<'a> ById<'a> {
    fn new(claims: &'a [Claim]) -> Self {
        let mut refs: Vec<&Claim> = claims.iter().collect();
        if !refs.is_sorted_by(|a, b| a.id <= b.id) {
            refs.sort_by(|a, b| a.id.cmp(&b.id));
        }
        ById(refs)
    }

    /// The claim with this id (the first, should two share one).
    fn get(&self, id: &str) -> Option<&&'a Claim> {
        let i = self.0.partition_point(|c| c.id.as_str() < id);
        self.0.get(i).filter(|c| c.id == id)
    }
}

/// Who a claim's version belongs to: the party the speaker speaks for, else the speaker,
/// else the outlet's own voice.
pub fn party_of(c: &Claim) -> String {
    match (&c.party, &c.speaker) {
        // A person speaks for their government ("Mark Toner" for the United States); a
        // body speaks for itself ("Syrian military", "Syrian Observatory for Human Rights").
        (Some(p), Some(s)) if is_person(s) => p.clone(),
        (_, Some(s)) => s.clone(),
        (_, None) => format!("{} (own voice)", c.source),
    }
}

/// Whether a speaker's name looks like a person's: two to four capitalised words, none of
/// them a word that names a body.
fn is_person(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase) || w.starts_with("al-") || *w == "de")
        && !words.iter().any(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "department"
                    | "ministry"
                    | "military"
                    | "army"
                    | "government"
                    | "office"
                    | "council"
                    | "committee"
                    | "command"
                    | "agency"
                    | "observatory"
                    | "states"
                    | "nations"
                    | "union"
                    | "forces"
                    | "media"
                    | "police"
                    | "house"
                    | "service"
                    | "survey"
                    | "institute"
                    | "centre"
                    | "center"
                    | "news"
            )
        })
}

/// Units that count one kind of victim; counts of different kinds are never compared.
fn unit_class(unit: Option<&str>) -> &'static str {
    match unit.unwrap_or("") {
        "" | "people" | "persons" | "civilians" | "victims" | "others" | "residents" | "lives" | "dead" | "deaths"
        | "bodies" | "fatalities" | "injured" | "wounded" | "injuries" | "casualties" => "people",
        "children" | "kids" | "minors" | "boys" | "girls" => "children",
        "women" => "women",
        "men" => "men",
        "soldiers" | "troops" | "servicemen" | "personnel" => "soldiers",
        "fighters" | "rebels" | "militants" | "insurgents" | "jihadists" | "gunmen" => "fighters",
        "policemen" | "officers" | "police" => "police",
        other => {
            // Anything else counts only itself.
            match other {
                "students" => "students",
                "passengers" => "passengers",
                "workers" => "workers",
                "foreigners" => "foreigners",
                _ => "other",
            }
        }
    }
}

/// When the figure or statement was given: the time its sentence says it was said, else
/// the publication time; as a range of UTC seconds.
fn as_of(c: &Claim, sources: &BTreeMap<&str, &Source>) -> Option<(i64, i64)> {
    let src = sources.get(c.source.as_str())?;
    let pub_offset = src
        .published
        .as_ref()
        .and_then(|p| p.datetime.map(|(_, o)| o.seconds() as i64))
        .unwrap_or(0);
    if let Some(t) = &c.said {
        if let Some(iv) = t.interval() {
            let shift = if iv.offset.is_some() { 0 } else { -pub_offset };
            let a = iv.start_seconds() + shift;
            let len = jiff::tz::Offset::UTC.to_timestamp(iv.end).map_or(0, |x| x.as_second())
                - jiff::tz::Offset::UTC
                    .to_timestamp(iv.start)
                    .map_or(0, |x| x.as_second());
            return Some((a, a + len.max(0)));
        }
    }
    let p = src.published.as_ref()?;
    match p.datetime {
        Some((dt, off)) => {
            let t = off.to_timestamp(dt).ok()?.as_second();
            Some((t, t))
        }
        None => {
            let t = jiff::tz::Offset::UTC
                .to_timestamp(p.date.to_datetime(jiff::civil::Time::midnight()))
                .ok()?
                .as_second();
            Some((t, t + 86_400))
        }
    }
}

fn mid(c: &Claim) -> f64 {
    match &c.value {
        Value::Quantity(q) => q.value,
        Value::Time(t) => t.interval().map_or(0.0, |iv| iv.start_seconds() as f64),
        _ => 0.0,
    }
}

fn compatible(a: &Claim, b: &Claim) -> bool {
    match (&a.value, &b.value) {
        (Value::Time(x), Value::Time(y)) => x.compatible(y),
        (Value::Duration(x), Value::Duration(y)) => x.compatible(y),
        (Value::Quantity(x), Value::Quantity(y)) if super::magnitudes(x, y) => super::magnitudes_agree(x, y),
        (Value::Quantity(x), Value::Quantity(y)) => {
            let ((a0, a1), (b0, b1)) = (bounds(a), bounds(b));
            match super::units_relate(x.unit.as_deref(), y.unit.as_deref()) {
                super::Units::Same | super::Units::Apart => a0 <= b1 && b0 <= a1,
                // "253 civilians" of "about 300 people": a part may be smaller.
                super::Units::Part => a0 <= b1,
                super::Units::Whole => b0 <= a1,
            }
        }
        _ => true,
    }
}

/// A figure's bounds; a toll that counts the attacker ("50, including the gunman") also
/// allows the victims alone (49).
fn bounds(c: &Claim) -> (f64, f64) {
    let Value::Quantity(q) = &c.value else {
        return (0.0, 0.0);
    };
    let (lo, hi) = q.bounds();
    if c.rule.contains("incl-perpetrator") {
        (lo - 1.0, hi)
    } else {
        (lo, hi)
    }
}

/// How two incompatible claims stand: not comparable, a rising figure, or a clash.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pair {
    Apart,
    Rising,
    /// A later report gives a lower figure and says it revises the toll ("revised the
    /// death toll to 31").
    Revised,
    Clash,
}

fn vague(c: &Claim) -> bool {
    c.rule.starts_with("quantity.vague")
}

fn relate(a: &Claim, b: &Claim, sources: &BTreeMap<&str, &Source>) -> Pair {
    if compatible(a, b) {
        return Pair::Apart;
    }
    // Two ends worked out from starts and lengths only restate a clash of those; a
    // derived end is compared with an end someone stated.
    if a.rule.starts_with("derived") && b.rule.starts_with("derived") {
        return Pair::Apart;
    }
    // One sentence giving two values shares them out ("for 24 hours in Eastern Ghouta
    // and for 72 hours in Latakia"): it does not contradict itself.
    // Counts are the exception when two counters give them ("62 were killed, the ministry
    // says; the Observatory puts the figure at 90"): see below.
    let one_sentence = a.source == b.source && a.sentence == b.sentence;
    if one_sentence && !is_count(&a.property) {
        return Pair::Apart;
    }
    // When a party declared something over is told of that party: another party's
    // declaration on another day contradicts nothing.
    if a.property == "declared-over" {
        let who = |c: &Claim| c.party.clone().or_else(|| c.speaker.clone());
        if who(a).is_none() || who(a) != who(b) {
            return Pair::Apart;
        }
    }
    // A truce's end moving later in later reports is an extension, not a clash.
    // An end told as past ("had expired at midnight") is when it ended, not a new end.
    if a.property == "end" {
        let (lo, hi) = if mid(a) <= mid(b) { (a, b) } else { (b, a) };
        if let (Some(l), Some(h)) = (as_of(lo, sources), as_of(hi, sources)) {
            if h.0 >= l.1 && h.0 > l.0 && !told_as_past(hi, sources) {
                return Pair::Rising;
            }
        }
    }
    if is_count(&a.property) {
        let (ua, ub) = match (&a.value, &b.value) {
            (Value::Quantity(x), Value::Quantity(y)) => (x.unit.as_deref(), y.unit.as_deref()),
            _ => return Pair::Apart,
        };
        // Units the classes do not know count only themselves ("Palestinians").
        let fold = |u: Option<&str>| u.map(|u| u.to_lowercase().trim_end_matches('s').to_string());
        let other_apart = unit_class(ua) == "other" && fold(ua) != fold(ub);
        if vague(a) || vague(b) || unit_class(ua) != unit_class(ub) || other_apart {
            return Pair::Apart;
        }
        // A toll rising in later reports is one count revised; two counters giving
        // different figures ("62, the Russian defence ministry said; at least 80, the
        // Observatory said") are a conflict whenever they speak.
        let counters_differ = match (counter(a), counter(b)) {
            (Some(x), Some(y)) => x != y,
            _ => false,
        };
        // Two figures from one article count different things (a day's toll, the total,
        // another place's); they are not compared, unless two counters it names give
        // them ("12, the Observatory said; about 30, the United Nations said").
        if a.source == b.source && !counters_differ {
            return Pair::Apart;
        }
        let (lo, hi) = if mid(a) <= mid(b) { (a, b) } else { (b, a) };
        if let (Some(l), Some(h)) = (as_of(lo, sources), as_of(hi, sources)) {
            // Half-open spans: a report of the next day (a date with no clock) is later.
            // Two counters differ only when they speak within a day of each other: a
            // higher figure from another counter days later is the toll gone on rising.
            let days_later = h.0 >= l.1 + 86_400;
            // A higher figure told as the toll risen ("has risen to 284", AFAD, on
            // Thursday) half a day or more after another counter's (274, the minister, on
            // Wednesday) is the toll gone on rising, not a second count of it; an hour
            // later, it is another count.
            let risen_later = h.0 >= l.1 && h.0 >= l.0 + 43_200 && told_as_risen(hi, sources);
            // One article telling the toll at two times (a live blog's entries) follows
            // one toll as it rises, whoever gives each figure.
            let one_article_later = lo.source == hi.source && lo.said.is_some() && hi.said.is_some();
            if h.0 >= l.1 && h.0 > l.0 && (!counters_differ || days_later || risen_later || one_article_later) {
                return Pair::Rising;
            }
            if l.0 >= h.1 && l.0 > h.0 && lo.rule.contains("+ revision") {
                return Pair::Revised;
            }
        }
        return Pair::Clash;
    }
    // Successive extensions ("by 48 hours on Wednesday", "by 72 hours" on Friday) are
    // different extensions: compared only when made within a day of each other.
    if a.property == "extension" {
        if let (Some(x), Some(y)) = (extension_time(a, sources), extension_time(b, sources)) {
            if x.0 >= y.1 + EXTENSION_APART || y.0 >= x.1 + EXTENSION_APART {
                return Pair::Apart;
            }
        }
    }
    if let (Value::Time(x), Value::Time(y)) = (&a.value, &b.value) {
        // An agreement or announcement read in two zones: "late Friday" (Washington) is
        // "early Saturday" (Geneva) when neither reading names its zone.
        if a.property == "agreed" {
            if let (Some(ix), Some(iy)) = (x.interval(), y.interval()) {
                if ix.offset.is_none() || iy.offset.is_none() {
                    let day = 86_400;
                    let (s1, e1) = (ix.start_seconds(), ix.start_seconds() + span_secs(&ix));
                    let (s2, e2) = (iy.start_seconds(), iy.start_seconds() + span_secs(&iy));
                    if s1 < e2 + day && s2 < e1 + day {
                        return Pair::Apart;
                    }
                }
            }
        }
        if x.grain == Grain::Vague || y.grain == Grain::Vague {
            return Pair::Apart;
        }
    }
    Pair::Clash
}

/// Whether an end is told as one that has come ("had expired at midnight", "ended at 7pm
/// on Monday"): the verb right before the time is a past one of ending, with no word of a
/// plan ("would expire", "is now due to end").
fn told_as_past(c: &Claim, sources: &BTreeMap<&str, &Source>) -> bool {
    let Some(src) = sources.get(c.source.as_str()) else {
        return false;
    };
    let Some(before) = src.text.get(..c.span.start) else {
        return false;
    };
    let words: Vec<String> = before
        .split_whitespace()
        .rev()
        .take(4)
        .map(|w| w.trim_matches(|ch: char| !ch.is_alphanumeric()).to_lowercase())
        .collect();
    let past = words
        .iter()
        .take(3)
        .any(|w| matches!(w.as_str(), "ended" | "expired" | "lapsed" | "finished"));
    let plan = words.iter().any(|w| {
        matches!(
            w.as_str(),
            "would" | "will" | "due" | "now" | "to" | "until" | "extended"
        )
    });
    past && !plan
}

/// Whether a figure is told as what a toll rose to ("has risen to 284", "climbed to more
/// than 300"): the words right before it are a verb of rising and "to".
fn told_as_risen(c: &Claim, sources: &BTreeMap<&str, &Source>) -> bool {
    let Some(before) = sources.get(c.source.as_str()).and_then(|s| s.text.get(..c.span.start)) else {
        return false;
    };
    let words: Vec<String> = before
        .split_whitespace()
        .rev()
        .take(5)
        .map(|w| w.trim_matches(|ch: char| !ch.is_alphanumeric()).to_lowercase())
        .collect();
    // The qualifier a figure's text may leave out ("more than", "at least", "nearly").
    let to = words.iter().take(3).position(|w| w == "to");
    to.is_some_and(|i| {
        words[..i].iter().all(|w| {
            matches!(
                w.as_str(),
                "more" | "than" | "at" | "least" | "nearly" | "almost" | "over" | "about"
            )
        }) && words.get(i + 1).is_some_and(|v| {
            matches!(
                v.as_str(),
                "rose"
                    | "risen"
                    | "rises"
                    | "climbed"
                    | "climbs"
                    | "increased"
                    | "jumped"
                    | "mounted"
                    | "grew"
                    | "grown"
            )
        })
    })
}

/// Seconds apart beyond which two extensions are two.
const EXTENSION_APART: i64 = 86_400;

/// When an extension was made: the day its sentence gives ("extended by 48 hours on
/// Wednesday", kept on the claim as `said`), else when its report was published.
fn extension_time(c: &Claim, sources: &BTreeMap<&str, &Source>) -> Option<(i64, i64)> {
    as_of(c, sources)
}

/// Who gave a figure, when the article names a specific counter (a ministry, a monitor);
/// generic sources ("officials", "police", "authorities") and the outlet's own voice name
/// none.
fn counter(c: &Claim) -> Option<String> {
    let s = c.speaker.as_deref()?;
    let l = s.to_lowercase();
    let generic = [
        "officials",
        "official",
        "authorities",
        "police",
        "sources",
        "source",
        "witnesses",
        "residents",
        "activists",
        "medics",
        "doctors",
        "rescuers",
        "state media",
        "media",
        "reports",
    ];
    let last = l.split_whitespace().last().unwrap_or("");
    if generic.contains(&last) || generic.contains(&l.as_str()) {
        return None;
    }
    Some(c.party.clone().unwrap_or_else(|| s.to_string()))
}

fn span_secs(iv: &crate::mentions::timeval::Interval) -> i64 {
    let ts = |d| {
        jiff::tz::Offset::UTC
            .to_timestamp(d)
            .map_or(0, |t: jiff::Timestamp| t.as_second())
    };
    (ts(iv.end) - ts(iv.start)).max(0)
}

/// How precisely a claim states its value, for choosing a side's evidence: a stated zone,
/// a finer grain, a cue word, a speaker.
fn precision(c: &Claim) -> (u8, u8, u8, u8, u8) {
    let (zoned, grain) = match &c.value {
        Value::Time(t) => (
            t.interval().is_some_and(|iv| iv.offset.is_some()) as u8,
            match t.grain {
                Grain::Minute => 4,
                Grain::Hour => 3,
                Grain::PartOfDay => 2,
                Grain::Day => 1,
                _ => 0,
            },
        ),
        Value::Quantity(q) => (0, q.qualifier.is_none() as u8),
        _ => (0, 0),
    };
    let cue = (!c.rule.contains("no-cue")) as u8;
    let derived = (!c.rule.starts_with("derived")) as u8;
    // The story's own sentences before its title line.
    let body = (!c.rule.contains(" + headline")) as u8;
    (body, zoned, grain, cue, derived)
}

/// Claims compared on one side of a clash at most (the most precise first), so that a
/// subject with thousands of claims stays cheap.
const MAX_SIDE: usize = 60;
/// Values of one subject and property compared with each other at most (those most claims
/// give), so that the pairs stay few however many ways a value is worded.
const MAX_VALUES: usize = 64;

/// Two values of one subject and property that may clash, each with the claims giving it.
struct Proposal<'a> {
    subject: &'a str,
    property: &'a str,
    sides: [Vec<&'a Claim>; 2],
}

/// How wide a claim's value is: exact figures and clock times are points; hedged figures
/// ("at least 77") and coarse times ("Thursday") are ranges that may agree with several
/// points and must not join them into one value.
fn rank(c: &Claim) -> u8 {
    match &c.value {
        Value::Time(t) => match t.grain {
            Grain::Minute | Grain::Hour => 0,
            Grain::PartOfDay => 1,
            Grain::Day => 2,
            Grain::Week => 3,
            Grain::Month => 4,
            _ => 5,
        },
        Value::Quantity(q) => (q.qualifier.is_some() || vague(c)) as u8,
        Value::Duration(d) => d.qualifier.is_some() as u8,
        _ => 9,
    }
}

fn kind_of(c: &Claim) -> u8 {
    match c.value {
        Value::Time(_) => 0,
        Value::Duration(_) => 1,
        Value::Quantity(_) => 2,
        _ => 3,
    }
}

/// The values of every subject and property that may clash. Points (the most precise
/// claims of the group) with compatible values make one value; wider claims join every
/// value they agree with but never bridge two; wider claims that agree with no point make
/// values of their own.
fn propose<'a>(claims: &[&'a Claim]) -> Vec<Proposal<'a>> {
    let mut groups: BTreeMap<(&str, &str, u8), Vec<&Claim>> = BTreeMap::new();
    for &c in claims {
        // An event may be agreed several times (the deal, each extension, a renewal), so
        // two agreement dates do not contradict each other; they still corroborate.
        if checkable(&c.property) && c.property != "agreed" && !c.subject.is_empty() && kind_of(c) < 3 {
            groups
                .entry((c.subject.as_str(), c.property.as_str(), kind_of(c)))
                .or_default()
                .push(c);
        }
    }
    let mut out = Vec::new();
    for ((subject, property, _), members) in groups {
        let finest = members.iter().map(|c| rank(c)).min().unwrap_or(0);
        let (points, wide): (Vec<&Claim>, Vec<&Claim>) = members.iter().partition(|c| rank(c) == finest);
        // Points with one displayed value are one bucket; compatible buckets are one value.
        let mut buckets: BTreeMap<String, Vec<&Claim>> = BTreeMap::new();
        for c in points {
            buckets.entry(c.value.display()).or_default().push(c);
        }
        let reps: Vec<Vec<&Claim>> = buckets.into_values().collect();
        let mut values: Vec<Vec<&Claim>> = components(&reps);
        let mut left: Vec<&Claim> = Vec::new();
        for c in wide {
            let mut joined = false;
            for v in values.iter_mut() {
                if compatible(c, v[0]) {
                    v.push(c);
                    joined = true;
                }
            }
            if !joined {
                left.push(c);
            }
        }
        let mut left_buckets: BTreeMap<String, Vec<&Claim>> = BTreeMap::new();
        for c in left {
            left_buckets.entry(c.value.display()).or_default().push(c);
        }
        let left_buckets: Vec<Vec<&Claim>> = left_buckets.into_values().collect();
        values.extend(components(&left_buckets));
        if values.len() > MAX_VALUES {
            values.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a[0].id.cmp(&b[0].id)));
            values.truncate(MAX_VALUES);
        }
        for i in 0..values.len() {
            for j in i + 1..values.len() {
                let (a, b) = (only_mine(&values[i], &values[j]), only_mine(&values[j], &values[i]));
                if !a.is_empty() && !b.is_empty() {
                    out.push(Proposal {
                        subject,
                        property,
                        sides: [a, b],
                    });
                }
            }
        }
    }
    out
}

/// The claims of one value that do not agree with another value.
fn only_mine<'a>(mine: &[&'a Claim], other: &[&Claim]) -> Vec<&'a Claim> {
    let theirs: HashSet<&str> = other.iter().map(|o| o.id.as_str()).collect();
    mine.iter()
        .copied()
        .filter(|c| !theirs.contains(c.id.as_str()) && !compatible(c, other[0]))
        .collect()
}

/// Groups of buckets joined by compatible values (first claim of each bucket stands for it).
fn components<'a>(buckets: &[Vec<&'a Claim>]) -> Vec<Vec<&'a Claim>> {
    let n = buckets.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], x: usize) -> usize {
        let mut r = x;
        while p[r] != r {
            r = p[r];
        }
        p[x] = r;
        r
    }
    for i in 0..n {
        for j in i + 1..n {
            if compatible(buckets[i][0], buckets[j][0]) && !part_and_whole(buckets[i][0], buckets[j][0]) {
                let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                if a != b {
                    parent[a.max(b)] = a.min(b);
                }
            }
        }
    }
    let mut out: BTreeMap<usize, Vec<&Claim>> = BTreeMap::new();
    for (i, b) in buckets.iter().enumerate() {
        let r = find(&mut parent, i);
        out.entry(r).or_default().extend(b.iter().copied());
    }
    out.into_values().collect()
}

/// Whether one count counts a part of what the other counts ("the last two miners" of
/// "282 dead"): the part agrees with every larger toll, so it must not join two tolls
/// into one value. (A magnitude with no unit beside one "of magnitude" is no part.)
fn part_and_whole(a: &Claim, b: &Claim) -> bool {
    match (&a.value, &b.value) {
        (Value::Quantity(x), Value::Quantity(y)) => {
            is_count(&a.property)
                && matches!(
                    super::units_relate(x.unit.as_deref(), y.unit.as_deref()),
                    super::Units::Part | super::Units::Whole
                )
        }
        _ => false,
    }
}

/// A proposal judged pair by pair; `None` when nothing clashes.
fn rejudge(p: &Proposal, sources: &BTreeMap<&str, &Source>) -> Option<(Finding, &'static str)> {
    let mut side_a = p.sides[0].clone();
    let mut side_b = p.sides[1].clone();
    for s in [&mut side_a, &mut side_b] {
        s.sort_by_cached_key(|x| (std::cmp::Reverse(precision(x)), x.id.as_str()));
    }
    let mut clashes: Vec<(&Claim, &Claim)> = Vec::new();
    let mut rising: Vec<(&Claim, &Claim)> = Vec::new();
    let mut revised: Vec<(&Claim, &Claim)> = Vec::new();
    for a in side_a.iter().take(MAX_SIDE) {
        for b in side_b.iter().take(MAX_SIDE) {
            match relate(a, b, sources) {
                Pair::Clash => clashes.push((a, b)),
                Pair::Rising => rising.push((a, b)),
                Pair::Revised => revised.push((a, b)),
                Pair::Apart => {}
            }
        }
    }
    let (pairs, update, revision) = if !clashes.is_empty() {
        (clashes, false, false)
    } else if !rising.is_empty() {
        (rising, true, false)
    } else if !revised.is_empty() {
        (revised, true, true)
    } else {
        return None;
    };
    let best = pairs
        .iter()
        .max_by(|x, y| {
            let px = (precision(x.0).min(precision(x.1)), precision(x.0).max(precision(x.1)));
            let py = (precision(y.0).min(precision(y.1)), precision(y.0).max(precision(y.1)));
            px.cmp(&py).then_with(|| (&y.0.id, &y.1.id).cmp(&(&x.0.id, &x.1.id)))
        })
        .copied()?;
    let paired: HashSet<&str> = pairs.iter().flat_map(|(x, y)| [x.id.as_str(), y.id.as_str()]).collect();
    let in_pairs = |c: &Claim| paired.contains(c.id.as_str());
    let mut sa: Vec<&Claim> = side_a.iter().copied().filter(|c| in_pairs(c)).collect();
    let mut sb: Vec<&Claim> = side_b.iter().copied().filter(|c| in_pairs(c)).collect();
    let (mut ra, mut rb) = best;
    // An update reads from the lower figure to the higher; a revision from the figure
    // revised to the revision.
    if update && (mid(ra) > mid(rb)) != revision {
        std::mem::swap(&mut ra, &mut rb);
        std::mem::swap(&mut sa, &mut sb);
    }
    let kind = if update {
        Kind::Update
    } else if ra.source == rb.source && party_of(ra) == party_of(rb) {
        Kind::Inconsistency
    } else {
        Kind::Conflict
    };
    let sig = |s: &[&Claim]| {
        s.iter()
            .map(|c| c.value.display())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect::<Vec<_>>()
            .join("|")
    };
    let mut sigs = [sig(&p.sides[0]), sig(&p.sides[1])];
    sigs.sort();
    // The evidence: the best pair, and on each side the most precise claim of every other
    // named party that gives it (the Syrian military's "Thursday" beside the US account
    // moved to Thursday), so each version is pointed at in its own words.
    let mut evidence = vec![ra.id.clone(), rb.id.clone()];
    for (rep, side) in [(ra, &sa), (rb, &sb)] {
        let mut seen: BTreeSet<String> = BTreeSet::from([party_of(rep)]);
        for c in side.iter() {
            if c.speaker.is_some() && seen.len() < 4 && seen.insert(party_of(c)) {
                evidence.push(c.id.clone());
            }
        }
    }
    evidence.sort();
    evidence.dedup();
    let why = if revision {
        "the later report says it revises the figure: a revision, not a conflict"
    } else if update {
        "a later report gives a larger figure: the toll rose"
    } else {
        match ra.value {
            Value::Time(_) => "these times do not overlap",
            Value::Duration(_) => "these lengths do not overlap, even allowing for their hedges",
            Value::Quantity(_) => {
                "these figures do not overlap, even allowing for their qualifiers, and the lower one is not the earlier"
            }
            _ => "these values differ",
        }
    };
    Some((
        Finding {
            id: finding_id(kind, &[p.subject, p.property, &sigs[0], &sigs[1]]),
            kind,
            severity: if kind.fails() { Severity::Error } else { Severity::Info },
            subject: Some(p.subject.to_string()),
            property: Some(p.property.to_string()),
            claims: evidence,
            message: String::new(),
            check: match (update, revision) {
                (true, true) => "counts.revised",
                (true, false) => "counts.update",
                _ => "values.incompatible",
            },
            versions: versions(&[(ra, &sa), (rb, &sb)]),
            places: Vec::new(),
            acknowledged: false,
            note: None,
        },
        why,
    ))
}

/// Drops a conflict over an end when one of its sides is only ends worked out from starts
/// and lengths that are themselves in conflict (a Friday start plus 48 hours against a
/// stated Saturday end): it restates the start's or the length's conflict.
fn drop_restated_ends(kept: &mut Vec<Finding>, by_id: &ById<'_>) {
    let side_claims = |f: &Finding, side: usize| -> Vec<&Claim> {
        f.versions
            .iter()
            .filter(|v| v.side == Some(side))
            .flat_map(|v| v.claims.iter())
            .filter_map(|id| by_id.get(id.as_str()).copied())
            .collect()
    };
    let contested: BTreeSet<(String, String)> = kept
        .iter()
        .filter(|f| {
            f.kind == Kind::Conflict && matches!(f.property.as_deref(), Some("start" | "duration" | "duration-initial"))
        })
        .flat_map(|f| f.versions.iter().flat_map(|v| v.claims.iter()))
        .filter_map(|id| by_id.get(id.as_str()))
        .map(|c| (c.subject.clone(), c.source.clone()))
        .collect();
    kept.retain(|f| {
        if f.kind != Kind::Conflict || f.property.as_deref() != Some("end") {
            return true;
        }
        let n = f.versions.iter().filter_map(|v| v.side).max().map_or(0, |m| m + 1);
        !(0..n).any(|side| {
            let cs = side_claims(f, side);
            !cs.is_empty()
                && cs.iter().all(|c| {
                    c.rule.starts_with("derived") && contested.contains(&(c.subject.clone(), c.source.clone()))
                })
        })
    });
}

/// One version per party on each side, in side order.
fn versions(sides: &[(&Claim, &Vec<&Claim>)]) -> Vec<Version> {
    let mut out = Vec::new();
    for (si, (rep, members)) in sides.iter().enumerate() {
        let mut by_party: BTreeMap<String, Vec<&Claim>> = BTreeMap::new();
        for c in members.iter() {
            by_party.entry(party_of(c)).or_default().push(c);
        }
        if by_party.is_empty() {
            by_party.entry(party_of(rep)).or_default().push(rep);
        }
        for (party, cs) in by_party {
            let mut ids: Vec<String> = cs.iter().map(|c| c.id.clone()).collect();
            ids.sort();
            let says: BTreeSet<String> = cs
                .iter()
                .map(|c| format!("{} {}", prop_label(&c.property), c.value.display()))
                .collect();
            let speakers: BTreeSet<String> = cs
                .iter()
                .map(|c| match (&c.speaker, &c.conduit) {
                    (Some(s), Some(v)) => format!("{s} (via {v})"),
                    (Some(s), None) => s.clone(),
                    (None, _) => format!("{} (own voice)", c.source),
                })
                .collect();
            out.push(Version {
                party,
                claims: ids,
                says: says.into_iter().collect(),
                side: Some(si),
                speakers: speakers.into_iter().collect(),
                reports: Vec::new(),
                support: None,
                confidence: None,
            });
        }
    }
    out
}

/// Adds to check()'s corroborations and self-contradicting expressions the conflicts,
/// updates and disputes judged pair by pair here, and gives every side its support and
/// confidence.
pub fn refine(
    out: &mut Vec<Finding>,
    claims: &[Claim],
    subjects: &[Subject],
    sources: &[Source],
    wire: &BTreeMap<String, String>,
) {
    let by_id = ById::new(claims);
    let by_source: BTreeMap<&str, &Source> = sources.iter().map(|s| (s.id.as_str(), s)).collect();
    let labels: BTreeMap<&str, &str> = subjects.iter().map(|s| (s.id.as_str(), s.label.as_str())).collect();
    let outlets = crate::wire::outlets(sources);
    let report = |c: &Claim| crate::wire::report_of(c, wire, &outlets);

    let mut of_source: Fast<&str, Vec<&Claim>> = Fast::default();
    for c in claims {
        of_source.entry(c.source.as_str()).or_default().push(c);
    }
    let proposed = std::mem::take(out);
    let mut kept: Vec<Finding> = Vec::new();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for mut f in proposed {
        // A time that contradicts its own conversion: point at both readings.
        if f.check == "time.readings-agree" {
            let extra: Vec<String> = f
                .claims
                .iter()
                .filter_map(|id| by_id.get(id.as_str()))
                .flat_map(|main| {
                    of_source
                        .get(main.source.as_str())
                        .into_iter()
                        .flatten()
                        .filter(move |c| {
                            c.source == main.source
                                && c.rule.ends_with("reading.converted")
                                && c.span.start >= main.span.end
                                && c.span.start <= main.span.end + 3
                        })
                })
                .map(|c| c.id.clone())
                .collect();
            f.claims.extend(extra);
            f.claims.sort();
            f.claims.dedup();
        }
        if seen.insert(f.id.clone()) {
            kept.push(f);
        }
    }
    // Conversions that contradict the story's zone (findings of their own); the local
    // reading is re-read in that zone and the wrong conversion left out of comparisons.
    let votes = offset_votes(claims, &report);
    let (reread, dropped, conversion_findings) = conversions(claims, &by_source, &votes);
    let mut reread = reread;
    let placed = local_days(claims, &reread, &by_source, &votes);
    let placed_ids: BTreeSet<&str> = placed.keys().map(|&i| claims[i].id.as_str()).collect();
    reread.extend(placed);
    let judged_claims: Vec<&Claim> = claims
        .iter()
        .enumerate()
        .filter(|(i, _)| !dropped.contains(i))
        .map(|(i, c)| reread.get(&i).unwrap_or(c))
        .collect();
    for f in conversion_findings {
        if seen.insert(f.id.clone()) {
            kept.push(f);
        }
    }
    let mut whys: BTreeMap<String, &'static str> = BTreeMap::new();
    // Each proposal is judged on its own (in parallel, results in proposal order).
    let judged: Vec<(Finding, &'static str, &str)> = propose(&judged_claims)
        .par_iter()
        .filter_map(|p| rejudge(p, &by_source).map(|(g, why)| (g, why, p.subject)))
        .collect();
    for (mut g, why, subject) in judged {
        if !seen.insert(g.id.clone()) {
            continue;
        }
        // A day read at the story's clock is shown as the article words it.
        for v in g.versions.iter_mut() {
            if v.claims.iter().any(|id| placed_ids.contains(id.as_str())) {
                let says: BTreeSet<String> = v
                    .claims
                    .iter()
                    .filter_map(|id| by_id.get(id.as_str()))
                    .map(|c| format!("{} {}", prop_label(&c.property), c.value.display()))
                    .collect();
                v.says = says.into_iter().collect();
            }
        }
        let label = labels.get(subject).copied().unwrap_or(subject);
        g.message = message(&g, label, &by_id, &report, why);
        whys.insert(g.id.clone(), why);
        kept.push(g);
    }
    // Two counters' floors the same day ("at least 27", MSF; "at least 50", the Civil
    // Defence): each is that counter's count, and they differ.
    for (mut g, why) in floor_conflicts(claims, &by_source, &kept) {
        if seen.insert(g.id.clone()) {
            let subject = g.subject.clone().unwrap_or_default();
            let label = labels.get(subject.as_str()).copied().unwrap_or(&subject);
            g.message = message(&g, label, &by_id, &report, why);
            whys.insert(g.id.clone(), why);
            kept.push(g);
        }
    }
    merge_conflicts(&mut kept, &whys, &|f: &Finding, why: &str| {
        let subject = f.subject.as_deref().unwrap_or("");
        message(f, labels.get(subject).copied().unwrap_or(subject), &by_id, &report, why)
    });

    drop_restated_ends(&mut kept, &by_id);

    // Support and confidence for every side of every conflict and update, and for the
    // values that corroborations agree on.
    let mut contests: Vec<support::Contest> = Vec::new();
    let mut owners: Vec<(usize, Vec<usize>)> = Vec::new();
    for (fi, f) in kept.iter().enumerate() {
        match f.kind {
            Kind::Conflict | Kind::Inconsistency | Kind::Update => {
                let n_sides = f.versions.iter().filter_map(|v| v.side).max().map_or(0, |m| m + 1);
                let mut contest: support::Contest = vec![BTreeSet::new(); n_sides];
                for v in &f.versions {
                    if let Some(s) = v.side {
                        for id in &v.claims {
                            if let Some(c) = by_id.get(id.as_str()) {
                                contest[s].insert(report(c));
                            }
                        }
                    }
                }
                contests.push(contest);
                owners.push((fi, (0..n_sides).collect()));
            }
            Kind::Corroboration => {
                let reports: BTreeSet<String> = f
                    .claims
                    .iter()
                    .filter_map(|id| by_id.get(id.as_str()))
                    .map(|c| report(c))
                    .collect();
                contests.push(vec![reports]);
                owners.push((usize::MAX, vec![0]));
            }
            _ => {}
        }
    }
    let (confidence, _) = support::discover(&contests);
    for ((fi, _), (contest, conf)) in owners.iter().zip(contests.iter().zip(&confidence)) {
        if *fi == usize::MAX {
            continue;
        }
        for v in kept[*fi].versions.iter_mut() {
            if let Some(s) = v.side {
                let mine: BTreeSet<String> = v
                    .claims
                    .iter()
                    .filter_map(|id| by_id.get(id.as_str()))
                    .map(|c| report(c))
                    .collect();
                v.reports = mine.into_iter().collect();
                v.support = Some(contest[s].len());
                v.confidence = Some(support::rounded(conf[s]));
            }
        }
    }

    // Disputes: the parties of each conflict, each with its whole version of the event.
    let mut of_subject: Fast<&str, Vec<&Claim>> = Fast::default();
    for c in claims.iter().filter(|c| checkable(&c.property)) {
        of_subject.entry(c.subject.as_str()).or_default().push(c);
    }
    let mut disputes: Vec<Finding> = Vec::new();
    // Every two sides of a conflict (a merged conflict has more than two).
    let side_pairs = kept.iter().filter(|f| f.kind == Kind::Conflict).flat_map(|f| {
        let n = f.versions.iter().filter_map(|v| v.side).max().map_or(0, |m| m + 1);
        (0..n).flat_map(move |a| (a + 1..n).map(move |b| (f, a, b)))
    });
    for (f, a, b) in side_pairs {
        let Some(subject) = f.subject.as_deref() else { continue };
        // A party on both sides belongs to the one where it says more in its own words (a
        // GMT conversion printed beside its clock time is not its version).
        let weight = |side: usize, party: &str| {
            f.versions
                .iter()
                .filter(|v| v.side == Some(side) && v.party == party)
                .flat_map(|v| v.claims.iter())
                .filter_map(|id| by_id.get(id.as_str()))
                .filter(|c| !c.rule.ends_with("reading.converted"))
                .count()
        };
        let parties = |side: usize| -> BTreeSet<String> {
            f.versions
                .iter()
                .filter(|v| v.side == Some(side))
                .map(|v| v.party.clone())
                .collect()
        };
        let (on_a, on_b) = (parties(a), parties(b));
        let pa: BTreeSet<String> = on_a
            .iter()
            .filter(|p| !on_b.contains(*p) || weight(a, p) >= weight(b, p))
            .cloned()
            .collect();
        let pb: BTreeSet<String> = on_b.iter().filter(|p| !pa.contains(*p)).cloned().collect();
        if pa.is_empty() || pb.is_empty() {
            continue;
        }
        let about: Vec<&Claim> = of_subject.get(subject).cloned().unwrap_or_default();
        let side_a: Vec<&Claim> = about.iter().copied().filter(|c| pa.contains(&party_of(c))).collect();
        let side_b: Vec<&Claim> = about.iter().copied().filter(|c| pb.contains(&party_of(c))).collect();
        let props = |s: &[&Claim]| s.iter().map(|c| c.property.clone()).collect::<BTreeSet<_>>();
        // Only worth a finding when a version says more than the conflict itself.
        if props(&side_a) == props(&side_b) && props(&side_a).len() <= 1 {
            continue;
        }
        let label = labels.get(subject).copied().unwrap_or(subject);
        let (ra, rb) = (side_a[0], side_b[0]);
        let mut vs = versions(&[(ra, &side_a), (rb, &side_b)]);
        for v in vs.iter_mut() {
            let mine: BTreeSet<String> = v
                .claims
                .iter()
                .filter_map(|id| by_id.get(id.as_str()))
                .map(|c| report(c))
                .collect();
            v.reports = mine.into_iter().collect();
            v.support = Some(v.reports.len());
        }
        let mut ids: Vec<String> = side_a.iter().chain(side_b.iter()).map(|c| c.id.clone()).collect();
        ids.sort();
        ids.dedup();
        let text = versions_text(&vs);
        let pa_s: Vec<&str> = pa.iter().map(String::as_str).collect();
        let pb_s: Vec<&str> = pb.iter().map(String::as_str).collect();
        // One dispute per pair of parties, in whichever order a conflict names them (two
        // conflicts of one subject, start and length, may name them either way).
        let (ka, kb) = (pa_s.join("|"), pb_s.join("|"));
        let (ka, kb) = if ka <= kb { (ka, kb) } else { (kb, ka) };
        let id = finding_id(Kind::Dispute, &[subject, &ka, &kb]);
        if disputes.iter().any(|d| d.id == id) {
            continue;
        }
        disputes.push(Finding {
            id,
            kind: Kind::Dispute,
            severity: Severity::Warning,
            subject: Some(subject.to_string()),
            property: None,
            claims: ids,
            message: format!("Parties give different versions of {label}: {text}"),
            check: "versions.differ",
            versions: vs,
            places: Vec::new(),
            acknowledged: false,
            note: None,
        });
    }
    disputes.extend(stance_disputes(claims, &labels, &report));
    disputes.extend(phase_disputes(claims, &labels, &report));
    kept.extend(disputes);
    *out = kept;
}

/// One conflict per subject and property: the clashing pairs judged one by one become one
/// finding holding every side, so that a person reads the versions of the start of a truce
/// side by side instead of one finding per pair of them. Sides of different pairs that share
/// a claim are one side.
fn merge_conflicts(
    kept: &mut Vec<Finding>,
    whys: &BTreeMap<String, &'static str>,
    message: &dyn Fn(&Finding, &str) -> String,
) {
    let mut groups: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    for (i, f) in kept.iter().enumerate() {
        if f.kind == Kind::Conflict {
            let key = (
                f.subject.clone().unwrap_or_default(),
                f.property.clone().unwrap_or_default(),
            );
            groups.entry(key).or_default().push(i);
        }
    }
    let mut drop: BTreeSet<usize> = BTreeSet::new();
    let mut merged: Vec<(usize, Finding)> = Vec::new();
    for ((subject, property), members) in groups {
        if members.len() < 2 {
            continue;
        }
        // Each finding's sides as sets of claim ids, joined where they share a claim.
        let mut sides: Vec<BTreeSet<String>> = Vec::new();
        for &i in &members {
            for s in 0..2 {
                let ids: BTreeSet<String> = kept[i]
                    .versions
                    .iter()
                    .filter(|v| v.side == Some(s))
                    .flat_map(|v| v.claims.iter().cloned())
                    .collect();
                if ids.is_empty() {
                    continue;
                }
                let (joined, rest): (Vec<_>, Vec<_>) = sides.into_iter().partition(|x| !x.is_disjoint(&ids));
                let mut one = ids;
                for j in joined {
                    one.extend(j);
                }
                sides = rest;
                sides.push(one);
            }
        }
        sides.sort_by(|a, b| a.iter().next().cmp(&b.iter().next()));
        let side_of = |id: &str| sides.iter().position(|s| s.contains(id));
        let mut versions: Vec<Version> = Vec::new();
        for &i in &members {
            for v in &kept[i].versions {
                let Some(k) = v.claims.first().and_then(|id| side_of(id)) else {
                    continue;
                };
                match versions.iter_mut().find(|w| w.side == Some(k) && w.party == v.party) {
                    Some(w) => {
                        w.claims.extend(v.claims.iter().cloned());
                        w.says.extend(v.says.iter().cloned());
                        w.speakers.extend(v.speakers.iter().cloned());
                    }
                    None => versions.push(Version {
                        side: Some(k),
                        reports: Vec::new(),
                        support: None,
                        confidence: None,
                        ..v.clone()
                    }),
                }
            }
        }
        for v in versions.iter_mut() {
            for list in [&mut v.claims, &mut v.says, &mut v.speakers] {
                let mut seen = BTreeSet::new();
                list.retain(|x| seen.insert(x.clone()));
            }
        }
        versions.sort_by(|a, b| (a.side, &a.party).cmp(&(b.side, &b.party)));
        let mut claims: Vec<String> = members.iter().flat_map(|&i| kept[i].claims.iter().cloned()).collect();
        claims.sort();
        claims.dedup();
        let mut old_ids: Vec<&str> = members.iter().map(|&i| kept[i].id.as_str()).collect();
        old_ids.sort();
        let joined = old_ids.join("|");
        let why = whys
            .get(&kept[members[0]].id)
            .copied()
            .unwrap_or("these values do not overlap");
        let mut f = Finding {
            id: finding_id(Kind::Conflict, &[&subject, &property, &joined]),
            claims,
            versions,
            ..kept[members[0]].clone()
        };
        f.message = message(&f, why);
        drop.extend(members.iter().copied());
        merged.push((members[0], f));
    }
    if merged.is_empty() {
        return;
    }
    let mut out: Vec<Finding> = Vec::with_capacity(kept.len());
    for (i, f) in std::mem::take(kept).into_iter().enumerate() {
        if let Some((_, m)) = merged.iter().find(|(at, _)| *at == i) {
            out.push(m.clone());
        } else if !drop.contains(&i) {
            out.push(f);
        }
    }
    *kept = out;
}

/// "1 a.m. Thursday (2300 GMT Wednesday)" in a story whose other reports put its clock at
/// UTC+3: the conversion implies UTC+2, so the article contradicts itself (1 a.m. at UTC+3
/// is 2200 GMT). The story's offset for a subject is the one most independent reports give
/// (by a named zone or a conversion), at least two of them. Returns how the claims are to
/// be compared: the local readings re-read at the story's offset (by index), the wrong
/// conversions to leave out, and the inconsistencies.
fn conversions(
    claims: &[Claim],
    sources: &BTreeMap<&str, &Source>,
    votes: &Votes<'_>,
) -> (BTreeMap<usize, Claim>, BTreeSet<usize>, Vec<Finding>) {
    use crate::mentions::timeval::Interval;
    let offset_of = |c: &Claim| match &c.value {
        Value::Time(t) => t.interval().and_then(|iv| iv.offset),
        _ => None,
    };
    let implied = |c: &Claim| match &c.value {
        Value::Time(t) => t.zone.as_deref().is_none_or(|z| z == "local"),
        _ => false,
    };
    // Local reading → its converted reading.
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut of_source: Fast<&str, Vec<usize>> = Fast::default();
    for (i, c) in claims.iter().enumerate() {
        of_source.entry(c.source.as_str()).or_default().push(i);
    }
    for (i, c) in claims.iter().enumerate() {
        if !c.rule.ends_with("reading.converted") {
            continue;
        }
        let same = of_source.get(c.source.as_str()).map_or(&[][..], |v| v.as_slice());
        if let Some(&m) = same.iter().find(|&&m| {
            let m = &claims[m];
            m.property == c.property
                && !m.rule.ends_with("reading.converted")
                && !m.rule.starts_with("derived")
                && m.span.end <= c.span.start
                && c.span.start <= m.span.end + 3
        }) {
            pairs.push((m, i));
        }
    }
    let mut out: BTreeMap<usize, Claim> = BTreeMap::new();
    let mut drop: BTreeSet<usize> = BTreeSet::new();
    let mut findings = Vec::new();
    for (mi, ai) in pairs {
        let (m, a) = (&claims[mi], &claims[ai]);
        let Some(own) = offset_of(m) else { continue };
        if !implied(m) {
            continue;
        }
        let Some(vs) = votes.get(m.subject.as_str()) else {
            continue;
        };
        let Some((&story, backers)) = vs.iter().max_by_key(|(o, r)| (r.len(), std::cmp::Reverse(**o))) else {
            continue;
        };
        let mine = vs.get(&own.seconds()).map_or(0, |r| r.len());
        if story == own.seconds() || backers.len() < 2 || backers.len() <= mine {
            continue;
        }
        let Ok(story_offset) = jiff::tz::Offset::from_seconds(story) else {
            continue;
        };
        let Value::Time(t) = &m.value else { continue };
        let Some(iv) = t.interval() else { continue };
        // The local reading at the story's offset, and what it is in GMT.
        let reread = crate::mentions::TimeValue::from_interval(
            Interval {
                offset: Some(story_offset),
                ..iv
            },
            t.grain,
            t.timex.clone(),
        );
        let gmt = story_offset
            .to_timestamp(iv.start)
            .map(|ts| ts.to_zoned(jiff::tz::TimeZone::UTC).datetime());
        let Ok(gmt) = gmt else { continue };
        let line = sources.get(m.source.as_str()).map_or(0, |s| s.line_col(m.span.start).0);
        let mut ids = vec![m.id.clone(), a.id.clone()];
        ids.sort();
        findings.push(Finding {
            id: finding_id(Kind::Inconsistency, &[&m.source, &m.text, &a.text, "conversion"]),
            kind: Kind::Inconsistency,
            severity: Severity::Error,
            subject: Some(m.subject.clone()),
            property: Some(m.property.clone()),
            claims: ids,
            message: format!(
                "\"{}\" and \"{}\" ({}:{}) do not agree: the story's clock is UTC{} ({} independent reports give it), where {} is {} GMT; the conversion implies UTC{}.",
                m.text,
                a.text,
                m.source,
                line,
                story_offset,
                backers.len(),
                m.text,
                gmt.strftime("%H%M on %A"),
                own
            ),
            check: "time.conversion-agrees",
            versions: Vec::new(),
            places: Vec::new(),
            acknowledged: false,
            note: None,
        });
        let mut reread_claim = m.clone();
        reread_claim.value = Value::Time(crate::mentions::TimeValue {
            zone: t.zone.clone(),
            ..reread
        });
        out.insert(mi, reread_claim);
        drop.insert(ai);
    }
    (out, drop, findings)
}

/// Per subject, the offsets its zoned clock times give (in seconds) and the independent
/// reports giving each. Conversions in brackets restate a clock and GMT is how news
/// restates one, so neither votes.
type Votes<'a> = BTreeMap<&'a str, BTreeMap<i32, BTreeSet<String>>>;

fn offset_votes<'a>(claims: &'a [Claim], report: &dyn Fn(&Claim) -> String) -> Votes<'a> {
    let mut votes: Votes<'a> = BTreeMap::new();
    for c in claims.iter().filter(|c| !c.rule.ends_with("reading.converted")) {
        let Value::Time(t) = &c.value else { continue };
        if !matches!(t.grain, Grain::Minute | Grain::Hour) {
            continue;
        }
        if let Some(o) = t.interval().and_then(|iv| iv.offset).filter(|o| o.seconds() != 0) {
            votes
                .entry(c.subject.as_str())
                .or_default()
                .entry(o.seconds())
                .or_default()
                .insert(report(c));
        }
    }
    votes
}

/// The clock of each subject's story: the offset of its zoned clock times that most
/// independent reports give, when more give it than any other (one report will do when no
/// other offset is given). GMT is how news restates a clock, not a story's own clock, so it
/// does not count.
fn story_offsets<'a>(votes: &Votes<'a>) -> BTreeMap<&'a str, jiff::tz::Offset> {
    votes
        .iter()
        .filter_map(|(&subject, by_offset)| {
            let mut counts: Vec<(usize, i32)> = by_offset.iter().map(|(o, r)| (r.len(), *o)).collect();
            counts.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            let (top, offset) = counts[0];
            let clear = counts.get(1).is_none_or(|second| second.0 < top);
            let offset = jiff::tz::Offset::from_seconds(offset).ok()?;
            clear.then_some((subject, offset))
        })
        .collect()
}

/// Days and clock times given with no zone ("came into force on Tuesday, September 13")
/// in a subject whose clock the story fixes: read at the article's own zone (front
/// matter), else at the story's clock. Left unzoned, a day could be in any zone from UTC-12
/// to UTC+14, and a day that is wrong once read where the event happens would agree with
/// every clock time near its edges. Returns the re-read claims by index.
fn local_days(
    claims: &[Claim],
    already: &BTreeMap<usize, Claim>,
    sources: &BTreeMap<&str, &Source>,
    votes: &Votes<'_>,
) -> BTreeMap<usize, Claim> {
    use crate::mentions::timeval::Interval;
    let story = story_offsets(votes);
    let mut out = BTreeMap::new();
    for (i, c) in claims.iter().enumerate() {
        if already.contains_key(&i) || c.rule.starts_with("derived") || c.rule.ends_with("reading.converted") {
            continue;
        }
        let Value::Time(t) = &c.value else { continue };
        if !matches!(t.grain, Grain::Minute | Grain::Hour | Grain::PartOfDay | Grain::Day) || !t.readings.is_empty() {
            continue;
        }
        let Some(iv) = t.interval() else { continue };
        if iv.offset.is_some() {
            continue;
        }
        let own = sources
            .get(c.source.as_str())
            .and_then(|s| s.timezone.as_ref())
            .and_then(|tz| tz.to_offset_info(tz.to_timestamp(iv.start).ok()?).offset().into());
        let Some(offset) = own.or_else(|| story.get(c.subject.as_str()).copied()) else {
            continue;
        };
        let placed = Interval {
            offset: Some(offset),
            ..iv
        };
        let mut v = t.clone();
        v.start = Some(crate::mentions::timeval::format_point(
            placed.start,
            placed.offset,
            Grain::Minute,
        ));
        v.end = Some(crate::mentions::timeval::format_point(
            placed.end,
            placed.offset,
            Grain::Minute,
        ));
        let mut re = c.clone();
        re.value = Value::Time(v);
        out.insert(i, re);
    }
    out
}

/// Parties taking opposite stances on one aspect of one event: one blames, another denies;
/// one calls it deliberate, another a mistake; one declares the truce over, another says
/// it holds.
fn stance_disputes(claims: &[Claim], labels: &BTreeMap<&str, &str>, report: &dyn Fn(&Claim) -> String) -> Vec<Finding> {
    let mut groups: BTreeMap<(&str, &str), Vec<&Claim>> = BTreeMap::new();
    for c in claims {
        if let Value::Stance(_) = &c.value {
            if !c.subject.is_empty() {
                groups
                    .entry((c.subject.as_str(), c.property.as_str()))
                    .or_default()
                    .push(c);
            }
        }
    }
    let mut out = Vec::new();
    for ((subject, aspect), cs) in groups {
        let polarity = |c: &Claim| match &c.value {
            Value::Stance(s) => s.polarity == "affirms",
            _ => false,
        };
        let affirm: Vec<&Claim> = cs.iter().copied().filter(|c| polarity(c)).collect();
        let deny: Vec<&Claim> = cs.iter().copied().filter(|c| !polarity(c)).collect();
        if affirm.is_empty() || deny.is_empty() {
            continue;
        }
        let pa: BTreeSet<String> = affirm.iter().map(|c| party_of(c)).collect();
        let pd: BTreeSet<String> = deny.iter().map(|c| party_of(c)).collect();
        // One party saying both is not a dispute between parties.
        if pa == pd && pa.len() == 1 {
            continue;
        }
        let mut vs = versions(&[(affirm[0], &affirm), (deny[0], &deny)]);
        count_reports(&mut vs, &cs, report);
        let mut ids: Vec<String> = cs.iter().map(|c| c.id.clone()).collect();
        ids.sort();
        let label = labels.get(subject).copied().unwrap_or(subject);
        let what = match aspect {
            "responsibility" => format!("who is to blame for {label}"),
            "intent" => format!("whether {label} was deliberate"),
            _ => format!("whether {label} still holds"),
        };
        let text = versions_text(&vs);
        out.push(Finding {
            id: finding_id(Kind::Dispute, &[subject, aspect, "stance"]),
            kind: Kind::Dispute,
            severity: Severity::Warning,
            subject: Some(subject.to_string()),
            property: Some(aspect.to_string()),
            claims: ids,
            message: format!("Parties disagree on {what}: {text}"),
            check: "stances.opposed",
            versions: vs,
            places: Vec::new(),
            acknowledged: false,
            note: None,
        });
    }
    out
}

/// Each version's reports (the distinct sources among `members` that back it) and its
/// support, their number.
fn count_reports(vs: &mut [Version], members: &[&Claim], report: &dyn Fn(&Claim) -> String) {
    for v in vs.iter_mut() {
        let mine: BTreeSet<String> = members
            .iter()
            .filter(|c| v.claims.contains(&c.id))
            .map(|c| report(c))
            .collect();
        v.reports = mine.into_iter().collect();
        v.support = Some(v.reports.len());
    }
}

/// The versions side by side, as a message gives them: "Syrian military: start … | United
/// States: start …".
fn versions_text(vs: &[Version]) -> String {
    vs.iter()
        .map(|v| format!("{}: {}", v.party, v.says.join(", ")))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// A whole length against a first phase: one party gives the truce's length ("a seven-day
/// regime of calm"), another only a shorter first phase ("an initial 48 hours", renewable).
/// Neither contradicts the other outright, but the parties frame the truce differently: a
/// dispute, the versions side by side. Only between parties of which neither gives both;
/// an article's own voice is a party of its own (a wire's "an initial 48 hours" against the
/// army's seven days).
fn phase_disputes(claims: &[Claim], labels: &BTreeMap<&str, &str>, report: &dyn Fn(&Claim) -> String) -> Vec<Finding> {
    let mut groups: BTreeMap<&str, (Vec<&Claim>, Vec<&Claim>)> = BTreeMap::new();
    for c in claims {
        if c.subject.is_empty() || !matches!(c.value, Value::Duration(_)) {
            continue;
        }
        match c.property.as_str() {
            "duration" => groups.entry(c.subject.as_str()).or_default().0.push(c),
            "duration-initial" => groups.entry(c.subject.as_str()).or_default().1.push(c),
            _ => {}
        }
    }
    let lower = |c: &Claim| match &c.value {
        Value::Duration(d) => d.bounds(),
        _ => (0.0, 0.0),
    };
    let mut out = Vec::new();
    for (subject, (whole, initial)) in groups {
        let p_whole: BTreeSet<String> = whole.iter().map(|c| party_of(c)).collect();
        let p_initial: BTreeSet<String> = initial.iter().map(|c| party_of(c)).collect();
        // Parties that give one framing only.
        let only_whole: Vec<&Claim> = whole
            .iter()
            .copied()
            .filter(|c| !p_initial.contains(&party_of(c)))
            .collect();
        // A first phase shorter than every whole length the other parties give.
        let shortest_whole = only_whole.iter().map(|c| lower(c).0).fold(f64::INFINITY, f64::min);
        let only_initial: Vec<&Claim> = initial
            .iter()
            .copied()
            .filter(|c| !p_whole.contains(&party_of(c)) && lower(c).1 < shortest_whole)
            .collect();
        if only_whole.is_empty() || only_initial.is_empty() {
            continue;
        }
        let mut vs = versions(&[(only_whole[0], &only_whole), (only_initial[0], &only_initial)]);
        let members: Vec<&Claim> = only_whole.iter().chain(&only_initial).copied().collect();
        count_reports(&mut vs, &members, report);
        let mut ids: Vec<String> = only_whole.iter().chain(&only_initial).map(|c| c.id.clone()).collect();
        ids.sort();
        ids.dedup();
        let label = labels.get(subject).copied().unwrap_or(subject);
        let text = versions_text(&vs);
        out.push(Finding {
            id: finding_id(Kind::Dispute, &[subject, "duration", "phase"]),
            kind: Kind::Dispute,
            severity: Severity::Warning,
            subject: Some(subject.to_string()),
            property: Some("duration".to_string()),
            claims: ids,
            message: format!(
                "Parties frame the length of {label} differently, a whole length against a shorter first phase: {text}"
            ),
            check: "lengths.phase",
            versions: vs,
            places: Vec::new(),
            acknowledged: false,
            note: None,
        });
    }
    out
}

/// How far above a counter's floor another counter's figure must be to be another count:
/// a tenth, and at least this many.
const FLOOR_APART: f64 = 3.0;

/// A counter's floor ("at least 27", said by MSF) is the count that counter has; another
/// named source's figure the same day that lies well above it ("at least 50", the Civil
/// Defence; "the toll has risen to 50", state media, half an hour later) is another count,
/// although the two ranges overlap. Figures a day or more apart are the toll rising, and
/// one counter's floors, or the outlet's own, are left to the range check.
fn floor_conflicts(
    claims: &[Claim],
    sources: &BTreeMap<&str, &Source>,
    kept: &[Finding],
) -> Vec<(Finding, &'static str)> {
    let mut groups: BTreeMap<(&str, &str), Vec<&Claim>> = BTreeMap::new();
    for c in claims {
        if !c.subject.is_empty() && is_count(&c.property) && matches!(c.value, Value::Quantity(_)) && !vague(c) {
            groups
                .entry((c.subject.as_str(), c.property.as_str()))
                .or_default()
                .push(c);
        }
    }
    let floor = |c: &Claim| match &c.value {
        Value::Quantity(q) if q.high.is_none() && q.low == Some(q.value) && q.qualifier.is_some() => Some(q.value),
        _ => None,
    };
    let taken: HashSet<(&str, &str)> = kept
        .iter()
        .filter(|f| matches!(f.kind, Kind::Conflict))
        .filter_map(|f| Some((f.subject.as_deref()?, f.property.as_deref()?)))
        .collect();
    /// What the comparison reads of a claim, worked out once; claims alike in all of it
    /// (wire copies, one figure repeated) are compared once.
    #[derive(Debug)]
    struct Facts {
        floor: Option<f64>,
        low: f64,
        unit: Option<String>,
        party: String,
        counter: Option<String>,
        spoken: bool,
        as_of: Option<(i64, i64)>,
    }
    let mut out = Vec::new();
    for ((subject, property), members) in groups {
        if taken.contains(&(subject, property)) {
            continue;
        }
        let mut kinds: Vec<(Facts, Vec<&Claim>)> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for &c in &members {
            let facts = Facts {
                floor: floor(c),
                low: bounds(c).0,
                unit: match &c.value {
                    Value::Quantity(q) => q.unit.clone(),
                    _ => None,
                },
                party: party_of(c),
                counter: counter(c),
                spoken: c.speaker.is_some(),
                as_of: as_of(c, sources),
            };
            // Debug output is exact (it tells absent bounds and floats apart).
            let key = format!("{facts:?}");
            match index.get(&key) {
                Some(&k) => kinds[k].1.push(c),
                None => {
                    index.insert(key, kinds.len());
                    kinds.push((facts, vec![c]));
                }
            }
        }
        let mut pairs: Vec<(&Claim, &Claim)> = Vec::new();
        for (fa, ca) in &kinds {
            let (Some(n), Some(who), Some(x)) = (fa.floor, &fa.counter, fa.as_of) else {
                continue;
            };
            for (fb, cb) in &kinds {
                let same_units = super::units_relate(fa.unit.as_deref(), fb.unit.as_deref()) == super::Units::Same;
                let above = fb.low >= n * 1.1 && fb.low - n >= FLOOR_APART;
                let other_speaker = fb.spoken && fb.party != fa.party && fb.counter.as_ref() != Some(who);
                let Some(y) = fb.as_of else { continue };
                let same_day = (x.0 < y.1 && y.0 < x.1) || (x.0 - y.0).abs() < 43_200;
                if !(same_units && above && other_speaker && same_day) {
                    continue;
                }
                for &a in ca {
                    pairs.extend(cb.iter().filter(|b| b.source != a.source).map(|&b| (a, b)));
                }
            }
        }
        let Some(&(ra, rb)) = pairs.first() else { continue };
        let mut side_a: Vec<&Claim> = pairs.iter().map(|p| p.0).collect();
        let mut side_b: Vec<&Claim> = pairs.iter().map(|p| p.1).collect();
        for s in [&mut side_a, &mut side_b] {
            s.sort_by(|x, y| x.id.cmp(&y.id));
            s.dedup_by(|x, y| x.id == y.id);
        }
        let mut ids: Vec<String> = side_a.iter().chain(&side_b).map(|c| c.id.clone()).collect();
        ids.sort();
        ids.dedup();
        out.push((
            Finding {
                id: finding_id(Kind::Conflict, &[subject, property, "floor", &ra.id, &rb.id]),
                kind: Kind::Conflict,
                severity: Severity::Error,
                subject: Some(subject.to_string()),
                property: Some(property.to_string()),
                claims: ids,
                message: String::new(),
                check: "counts.counters-floor",
                versions: versions(&[(ra, &side_a), (rb, &side_b)]),
                places: Vec::new(),
                acknowledged: false,
                note: None,
            },
            "two counters the same day: a floor is the count its counter has, and the other's is well above it",
        ));
    }
    out
}

/// "The start of truce in Aleppo (May 2016): United States (3 reports) says … — but Syrian
/// military (5 reports) says …; these times do not overlap."
fn message(f: &Finding, label: &str, by_id: &ById<'_>, report: &dyn Fn(&Claim) -> String, why: &str) -> String {
    let property = f.property.as_deref().unwrap_or("");
    let side = |s: usize| {
        let vs: Vec<&Version> = f.versions.iter().filter(|v| v.side == Some(s)).collect();
        let values: BTreeSet<String> = vs
            .iter()
            .flat_map(|v| v.claims.iter())
            .filter_map(|id| by_id.get(id.as_str()))
            .map(|c| c.value.display())
            .collect();
        let reports: BTreeSet<String> = vs
            .iter()
            .flat_map(|v| v.claims.iter())
            .filter_map(|id| by_id.get(id.as_str()))
            .map(|c| report(c))
            .collect();
        let parties: Vec<&str> = vs.iter().map(|v| v.party.as_str()).collect();
        format!(
            "{} ({} {}) says {}",
            parties.join(", "),
            reports.len(),
            if reports.len() == 1 { "report" } else { "reports" },
            values.into_iter().collect::<Vec<_>>().join(" / ")
        )
    };
    if f.kind == Kind::Update {
        return format!(
            "The {} figure for {label} {} in later reports: {} — then {}; {why}.",
            prop_label(property),
            if f.check == "counts.revised" {
                "was revised"
            } else {
                "rose"
            },
            side(0),
            side(1)
        );
    }
    let n_sides = f
        .versions
        .iter()
        .filter_map(|v| v.side)
        .max()
        .map_or(2, |m| m + 1)
        .max(2);
    let rest: Vec<String> = (1..n_sides).map(side).collect();
    format!(
        "The {} of {label}: {} — but {}; {why}.",
        prop_label(property),
        side(0),
        rest.join(" — and ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    fn claim(id: &str) -> Claim {
        Claim {
            id: id.into(),
            source: id.split(':').next().unwrap_or_default().into(),
            span: Span::new(0, 1),
            text: "x".into(),
            subject: "e".into(),
            property: "deaths".into(),
            value: Value::Quantity(crate::mentions::QuantityValue {
                value: 1.0,
                low: None,
                high: None,
                qualifier: None,
                unit: None,
            }),
            speaker: None,
            conduit: None,
            party: None,
            verb: None,
            direct: false,
            rule: "test".into(),
            trigger: None,
            sentence: 0,
            said: None,
        }
    }

    #[test]
    fn claims_are_found_by_id_whatever_their_order() {
        for ids in [["a:1-2", "a:3-4", "b:0-1"], ["b:0-1", "a:3-4", "a:1-2"]] {
            let claims: Vec<Claim> = ids.iter().map(|id| claim(id)).collect();
            let by_id = ById::new(&claims);
            for id in ids {
                assert_eq!(by_id.get(id).map(|c| c.id.as_str()), Some(id));
            }
            assert!(by_id.get("a:").is_none());
            assert!(by_id.get("a:1-3").is_none());
            assert!(by_id.get("c:0-1").is_none());
        }
    }
}
