//! Findings: what the cross-check concludes, one typed list. Each finding names the check
//! that produced it, carries its evidence claims, a severity and one sentence saying why.
//!
//! Checks, per (subject, property): claims are grouped into compatible sets (time intervals
//! at their grain, quantity and duration intervals from their qualifiers), and a set backed
//! by several independent sources is a `corroboration` (here). Judged pair by pair in
//! `versions`: two claims that cannot both be true are a `conflict` (or an `inconsistency`
//! when one article and one voice say both); a count that grows in a later article is an
//! `update`. Parties whose versions of one event conflict are shown side by side as a
//! `dispute`. An expression whose own readings clash ("Tuesday (14 September)") is an
//! `inconsistency`. Names spelled two ways are `variant`s.

pub mod support;
pub mod variants;
pub mod versions;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::claims::{checkable, Claim};
use crate::corpus::Source;
use crate::mentions::Value;
use crate::subjects::Subject;

/// The kinds of finding (CONTRACT.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Conflict,
    Inconsistency,
    Dispute,
    Update,
    Corroboration,
    Variant,
}

impl Kind {
    pub fn as_str(&self) -> &'static str {
        match self {
            Kind::Conflict => "conflict",
            Kind::Inconsistency => "inconsistency",
            Kind::Dispute => "dispute",
            Kind::Update => "update",
            Kind::Corroboration => "corroboration",
            Kind::Variant => "variant",
        }
    }

    /// Whether a finding of this kind fails the check unless acknowledged.
    pub fn fails(&self) -> bool {
        matches!(self, Kind::Conflict | Kind::Inconsistency)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

/// One party's version inside a finding: who says what, and how well it is backed.
#[derive(Clone, Debug, Serialize)]
pub struct Version {
    /// The country or body the speakers speak for, else the speaker, else "<source id>
    /// (own voice)".
    pub party: String,
    pub claims: Vec<String>,
    /// The values this party gives, one per property ("start 2016-05-05").
    pub says: Vec<String>,
    /// Which value of the finding this version gives (0, 1, …), for conflicts and updates.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub side: Option<usize>,
    /// Who said it, as the articles name them ("Mark Toner", "Syrian military (via SANA)").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub speakers: Vec<String>,
    /// The independent reports this version's claims stand on (wire copies count once).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reports: Vec<String>,
    /// How many independent reports back this version's value (all parties giving it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub support: Option<usize>,
    /// Truth-discovery confidence of this version's value (findings::support), 0 to 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f64>,
}

/// A place a finding points at that is not a claim (variant spellings).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub source: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Finding {
    pub id: String,
    pub kind: Kind,
    pub severity: Severity,
    pub subject: Option<String>,
    pub property: Option<String>,
    pub claims: Vec<String>,
    pub message: String,
    /// The check that produced it.
    pub check: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub versions: Vec<Version>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<Place>,
    pub acknowledged: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A stable id: kind plus a short hash of what the finding is about.
pub fn finding_id(kind: Kind, parts: &[&str]) -> String {
    let mut h = Sha256::new();
    h.update(kind.as_str());
    for p in parts {
        h.update([0u8]);
        h.update(p.as_bytes());
    }
    let d = h.finalize();
    format!(
        "{}-{}",
        kind.as_str(),
        d.iter().take(5).map(|b| format!("{b:02x}")).collect::<String>()
    )
}

fn compatible(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Time(x), Value::Time(y)) => x.compatible(y),
        (Value::Duration(x), Value::Duration(y)) => x.compatible(y),
        (Value::Quantity(x), Value::Quantity(y)) if magnitudes(x, y) => magnitudes_agree(x, y),
        (Value::Quantity(x), Value::Quantity(y)) => match units_relate(x.unit.as_deref(), y.unit.as_deref()) {
            // Two kinds of people are compared as figures: a part never links them.
            Units::Same | Units::Apart => x.compatible(y),
            Units::Part => x.bounds().0 <= y.bounds().1,
            Units::Whole => y.bounds().0 <= x.bounds().1,
        },
        _ => true,
    }
}

/// Whether two figures are both a quake's magnitude.
pub fn magnitudes(x: &crate::mentions::QuantityValue, y: &crate::mentions::QuantityValue) -> bool {
    x.unit.as_deref() == Some("magnitude") && y.unit.as_deref() == Some("magnitude")
}

/// Seismological agencies' magnitudes of one quake differ by a few tenths (the USGS's 6.9,
/// Indonesia's 7.0): readings of one measurement, not two accounts.
pub fn magnitudes_agree(x: &crate::mentions::QuantityValue, y: &crate::mentions::QuantityValue) -> bool {
    (x.value - y.value).abs() <= 0.3 + 1e-9
}

/// Whether two values back each other as a corroboration: they can both be true, and two
/// counts are also near one figure (within a quarter of the larger, or 2 apart). "At
/// least 6 dead" on the first day does not rule out 17 the next, but it does not back it
/// either: a toll that has risen is not two sources agreeing.
fn agrees(a: &Value, b: &Value) -> bool {
    compatible(a, b)
        && match (a, b) {
            (Value::Quantity(x), Value::Quantity(y)) => {
                let (p, q) = (x.value.abs(), y.value.abs());
                (p - q).abs() <= 2.0 || (p - q).abs() <= 0.25 * p.max(q)
            }
            _ => true,
        }
}

/// How the people two counts count relate: the same kind, one a part of the other ("253
/// civilians" of "about 300 people": fewer is no contradiction, more is), or two other
/// kinds ("62 soldiers", "12 civilians"), compared as figures as before, since telling
/// them apart would let a part link two tolls that disagree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Units {
    Same,
    /// The first counts a part of what the second counts.
    Part,
    /// The second counts a part of what the first counts.
    Whole,
    Apart,
}

pub fn units_relate(a: Option<&str>, b: Option<&str>) -> Units {
    let general = |u: Option<&str>| {
        matches!(
            u.unwrap_or(""),
            "" | "people"
                | "persons"
                | "dead"
                | "deaths"
                | "victims"
                | "lives"
                | "fatalities"
                | "bodies"
                | "individuals"
                | "others"
        )
    };
    // Words for one kind of people.
    fn kind(u: Option<&str>) -> &str {
        match u.unwrap_or("") {
            "soldiers" | "servicemen" | "troops" | "personnel" | "marines" | "service members" => "military",
            "policemen" | "police" | "officers" | "police officers" => "police",
            "children" | "kids" | "minors" | "babies" => "children",
            "fighters" | "rebels" | "militants" | "insurgents" | "gunmen" | "jihadists" | "combatants" => "fighters",
            other => other,
        }
    }
    let (ga, gb) = (general(a), general(b));
    match (ga, gb) {
        (true, true) => Units::Same,
        (false, true) => Units::Part,
        (true, false) => Units::Whole,
        (false, false) if kind(a) == kind(b) => Units::Same,
        (false, false) => Units::Apart,
    }
}

/// Who asserts a claim, for grouping into versions.
pub fn party(c: &Claim) -> String {
    match &c.speaker {
        Some(s) => s.clone(),
        None => format!("{} (own voice)", c.source),
    }
}

/// Sets of claims that agree with each other: connected components of [`agrees`], each
/// set in claim order, sets ordered by their first claim.
/// Above this many distinct values in one group, chained sets are not split (the pairs
/// would take d² memory); real groups hold a few dozen.
const MAX_SPLIT_VALUES: usize = 2048;

fn compatible_sets(claims: &[&Claim]) -> Vec<Vec<usize>> {
    compatible_sets_counted(claims).0
}

/// [`compatible_sets`], also returning how many value comparisons it made. Claims are first
/// folded by value (wire copies and repeated figures carry the very same value), so the
/// comparisons run over the distinct values of a group, not over all pairs of its claims:
/// a group of many identical claims costs one comparison.
fn compatible_sets_counted(claims: &[&Claim]) -> (Vec<Vec<usize>>, usize) {
    let n = claims.len();
    // Distinct values in order of first appearance, with the claims that carry each.
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut distinct: Vec<(&Value, Vec<usize>)> = Vec::new();
    for (i, c) in claims.iter().enumerate() {
        // Debug output is exact (it tells infinities, NaN and absent bounds apart).
        let key = format!("{:?}", c.value);
        match index.get(&key) {
            Some(&d) => distinct[d].1.push(i),
            None => {
                index.insert(key, distinct.len());
                distinct.push((&c.value, vec![i]));
            }
        }
    }
    let d = distinct.len();
    let mut comparisons = 0;
    let mut parent: Vec<usize> = (0..d).collect();
    fn find(p: &mut [usize], x: usize) -> usize {
        let mut r = x;
        while p[r] != r {
            r = p[r];
        }
        let mut y = x;
        while p[y] != r {
            let next = p[y];
            p[y] = r;
            y = next;
        }
        r
    }
    // Whether a value has a compatible partner among the other distinct values.
    let mut linked = vec![false; d];
    // Pairs of distinct values that cannot both be true (kept for a group of ordinary size).
    let keep_pairs = d <= MAX_SPLIT_VALUES;
    let mut clash = vec![false; if keep_pairs { d * d } else { 0 }];
    for i in 0..d {
        for j in i + 1..d {
            comparisons += 1;
            if agrees(distinct[i].0, distinct[j].0) {
                linked[i] = true;
                linked[j] = true;
                let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                if a != b {
                    parent[a.max(b)] = a.min(b);
                }
            } else if keep_pairs {
                clash[i * d + j] = true;
                clash[j * d + i] = true;
            }
        }
    }
    // A set is values that can all be true together: "Wednesday" agrees with "00:01 on
    // Wednesday" and with "1 a.m. on Wednesday", but those two do not agree with each
    // other, so a chain through a coarse value does not make one set of them. Where a
    // chained set holds such a pair, it is split: the values that clash with most others
    // seed the sets, and each value joins the set (with the most claims) that it agrees
    // with throughout.
    let mut label: Vec<usize> = (0..d).map(|v| find(&mut parent, v)).collect();
    if keep_pairs && clash.iter().any(|&c| c) {
        let mut by_root: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (v, &root) in label.iter().enumerate() {
            by_root.entry(root).or_default().push(v);
        }
        let mut fresh = d;
        for members in by_root.into_values() {
            let clashes = |v: usize| members.iter().filter(|&&w| clash[v * d + w]).count();
            if members.len() < 3 || members.iter().all(|&v| clashes(v) == 0) {
                continue;
            }
            let mut order = members.clone();
            order.sort_by_key(|&v| (std::cmp::Reverse(clashes(v)), v));
            let mut sets: Vec<(Vec<usize>, usize)> = Vec::new();
            for v in order {
                let weight = distinct[v].1.len();
                let best = sets
                    .iter()
                    .enumerate()
                    .filter(|(_, (s, _))| s.iter().all(|&w| !clash[v * d + w]))
                    .max_by_key(|(k, (_, n))| (*n, std::cmp::Reverse(*k)))
                    .map(|(k, _)| k);
                match best {
                    Some(k) => {
                        sets[k].0.push(v);
                        sets[k].1 += weight;
                    }
                    None => sets.push((vec![v], weight)),
                }
            }
            for (set, _) in sets {
                for v in set {
                    label[v] = fresh;
                }
                fresh += 1;
            }
        }
    }
    // Copies of one value agree with each other when the value agrees with itself; a value
    // that does not (no reading overlaps another) joins a set only through other values.
    let mut component = vec![usize::MAX; n];
    let mut singles = Vec::new();
    for (v, (value, members)) in distinct.iter().enumerate() {
        let together = members.len() == 1 || linked[v] || {
            comparisons += 1;
            agrees(value, value)
        };
        if together {
            let root = label[v];
            for &i in members {
                component[i] = root;
            }
        } else {
            singles.extend(members.iter().copied());
        }
    }
    // Each set in claim order; sets ordered by their first claim (as union-find by the
    // smallest index gives them).
    let mut sets: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut first_of: HashMap<usize, usize> = HashMap::new();
    for (i, &c) in component.iter().enumerate() {
        if c == usize::MAX {
            continue;
        }
        let first = *first_of.entry(c).or_insert(i);
        sets.entry(first).or_default().push(i);
    }
    for i in singles {
        sets.insert(i, vec![i]);
    }
    (sets.into_values().collect(), comparisons)
}

fn prop_label(p: &str) -> &str {
    match p {
        "start" => "start",
        "end" => "end",
        "agreed" => "agreement",
        "declared-over" => "declared end",
        "occurred" => "time",
        "duration" => "length",
        "duration-initial" => "first phase",
        "extension" => "extension",
        other => other,
    }
}

/// Runs every check over the claims.
pub fn check(
    claims: &[Claim],
    subjects: &[Subject],
    sources: &[Source],
    wire_groups: &BTreeMap<String, String>,
) -> Vec<Finding> {
    let by_id: BTreeMap<&str, &Source> = sources.iter().map(|s| (s.id.as_str(), s)).collect();
    let labels: BTreeMap<&str, &str> = subjects.iter().map(|s| (s.id.as_str(), s.label.as_str())).collect();
    fn independent<'c>(wire_groups: &'c BTreeMap<String, String>, c: &'c Claim) -> &'c str {
        wire_groups.get(&c.source).map_or(c.source.as_str(), String::as_str)
    }

    // Group claims by (subject, property). Conflicts, updates and disputes are proposed
    // and judged in versions.rs; here each group's compatible sets give its corroborations.
    let mut groups: BTreeMap<(&str, &str), Vec<&Claim>> = BTreeMap::new();
    for c in claims {
        if checkable(&c.property) {
            groups
                .entry((c.subject.as_str(), c.property.as_str()))
                .or_default()
                .push(c);
        }
    }
    let groups: Vec<((&str, &str), Vec<&Claim>)> = groups.into_iter().collect();
    // Each group on its own (in parallel, findings in group order).
    let mut out: Vec<Finding> = groups
        .par_iter()
        .flat_map_iter(|((subject, property), members)| {
            let label = labels.get(subject).copied().unwrap_or(subject);
            compatible_sets(members).into_iter().filter_map(move |set| {
                // Corroboration: a set backed by two or more independent sources.
                let indep: BTreeSet<&str> = set.iter().map(|&i| independent(wire_groups, members[i])).collect();
                if indep.len() < 2 {
                    return None;
                }
                let ids: Vec<String> = set.iter().map(|&i| members[i].id.clone()).collect();
                let values: BTreeSet<String> = set.iter().map(|&i| members[i].value.display()).collect();
                let vals: Vec<&str> = values.iter().map(String::as_str).collect();
                Some(Finding {
                    id: finding_id(Kind::Corroboration, &[subject, property, &vals.join("|")]),
                    kind: Kind::Corroboration,
                    severity: Severity::Info,
                    subject: Some(subject.to_string()),
                    property: Some(property.to_string()),
                    claims: ids,
                    message: format!(
                        "{} independent sources agree on the {} of {}: {}",
                        indep.len(),
                        prop_label(property),
                        label,
                        vals.join(" / ")
                    ),
                    check: "values.agree",
                    versions: Vec::new(),
                    places: Vec::new(),
                    acknowledged: false,
                    note: None,
                })
            })
        })
        .collect();

    // An expression whose own readings disagree.
    for c in claims {
        if let Value::Time(t) = &c.value {
            if let Some(why) = &t.mismatch {
                let line = by_id.get(c.source.as_str()).map_or(0, |s| s.line_col(c.span.start).0);
                out.push(Finding {
                    id: finding_id(Kind::Inconsistency, &[&c.source, &c.text, why]),
                    kind: Kind::Inconsistency,
                    severity: Severity::Error,
                    subject: Some(c.subject.clone()),
                    property: Some(c.property.clone()),
                    claims: vec![c.id.clone()],
                    message: format!("\"{}\" ({}:{}) contradicts itself: {}", c.text, c.source, line, why),
                    check: "time.readings-agree",
                    versions: Vec::new(),
                    places: Vec::new(),
                    acknowledged: false,
                    note: None,
                });
            }
        }
    }
    // Conflicts, updates and disputes, judged pair by pair, and support (versions.rs).
    versions::refine(&mut out, claims, subjects, sources, wire_groups);
    out
}

/// Orders findings for reports: failing kinds first, then by subject and id.
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| (a.kind, &a.subject, &a.property, &a.id).cmp(&(b.kind, &b.subject, &b.property, &b.id)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mentions::{QuantityValue, TimeValue};
    use crate::span::Span;

    fn claim(i: usize, value: Value) -> Claim {
        Claim {
            id: format!("s{i}:0-1"),
            source: format!("s{i}"),
            span: Span::new(0, 1),
            text: "x".into(),
            subject: "e".into(),
            property: "deaths".into(),
            value,
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

    fn count(value: f64, low: Option<f64>, high: Option<f64>) -> Value {
        Value::Quantity(QuantityValue {
            value,
            low,
            high,
            qualifier: None,
            unit: Some("people".into()),
        })
    }

    fn day(start: &str, end: Option<&str>) -> Value {
        let mut t = TimeValue::vague("x");
        t.start = Some(start.into());
        t.end = end.map(str::to_string);
        t.grain = crate::mentions::Grain::Day;
        Value::Time(t)
    }

    fn minute(start: &str) -> Value {
        let mut t = TimeValue::vague("x");
        t.start = Some(start.into());
        t.grain = crate::mentions::Grain::Minute;
        Value::Time(t)
    }

    #[test]
    fn two_agencies_magnitudes_a_tenth_apart_agree() {
        let m = |v: f64| {
            Value::Quantity(QuantityValue {
                value: v,
                low: Some(v),
                high: Some(v),
                qualifier: None,
                unit: Some("magnitude".into()),
            })
        };
        assert!(compatible(&m(6.9), &m(7.0)));
        assert!(!compatible(&m(6.4), &m(7.0)));
        // Counts of people keep their exact bounds.
        assert!(!compatible(
            &count(69.0, Some(69.0), Some(69.0)),
            &count(70.0, Some(70.0), Some(70.0))
        ));
    }

    #[test]
    fn a_risen_toll_does_not_corroborate_the_earlier_lower_bound() {
        let at_least_6 = claim(0, count(6.0, Some(6.0), None));
        let seventeen = claim(1, count(17.0, Some(17.0), Some(17.0)));
        let refs = [&at_least_6, &seventeen];
        assert_eq!(compatible_sets(&refs), vec![vec![0], vec![1]]);
        // Rounded forms of one figure still agree.
        let more_than_280 = claim(2, count(280.0, Some(280.0), None));
        let nearly_300 = claim(3, count(300.0, Some(250.0), Some(300.0)));
        let refs = [&more_than_280, &nearly_300];
        assert_eq!(compatible_sets(&refs), vec![vec![0, 1]]);
        let at_least_30 = claim(4, count(30.0, Some(30.0), None));
        let thirty_one = claim(5, count(31.0, Some(31.0), Some(31.0)));
        assert_eq!(compatible_sets(&[&at_least_30, &thirty_one]), vec![vec![0, 1]]);
    }

    /// The definition: connected components of [`agrees`] over all pairs of claims.
    fn all_pairs(claims: &[&Claim]) -> Vec<Vec<usize>> {
        let n = claims.len();
        let mut comp: Vec<usize> = (0..n).collect();
        for i in 0..n {
            for j in i + 1..n {
                if agrees(&claims[i].value, &claims[j].value) {
                    let (a, b) = (comp[i], comp[j]);
                    let (lo, hi) = (a.min(b), a.max(b));
                    for c in comp.iter_mut() {
                        if *c == hi {
                            *c = lo;
                        }
                    }
                }
            }
        }
        let mut sets: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (i, c) in comp.iter().enumerate() {
            sets.entry(*c).or_default().push(i);
        }
        sets.into_values().collect()
    }

    #[test]
    fn many_identical_claims_cost_one_comparison_per_distinct_pair() {
        // 2,000 wire copies of "24 dead" and 2,000 of "58 dead": two distinct values.
        let claims: Vec<Claim> = (0..4000)
            .map(|i| {
                claim(
                    i,
                    count(
                        if i % 2 == 0 { 24.0 } else { 58.0 },
                        Some(24.0 + 34.0 * (i % 2) as f64),
                        Some(24.0 + 34.0 * (i % 2) as f64),
                    ),
                )
            })
            .collect();
        let refs: Vec<&Claim> = claims.iter().collect();
        let (sets, comparisons) = compatible_sets_counted(&refs);
        assert_eq!(sets.len(), 2);
        assert_eq!(sets[0].len(), 2000);
        assert!(sets[0].iter().all(|i| i % 2 == 0));
        // One comparison between the two values, one self-check each: nowhere near 4000²/2.
        assert!(comparisons <= 3, "{comparisons} comparisons");
    }

    #[test]
    fn a_chain_through_a_coarse_value_is_split_where_two_values_clash() {
        // 10 and 14 both agree with "10 to 15" but not with each other: two sets, the
        // coarse value in the one with more claims.
        let claims: Vec<Claim> = [
            count(10.0, Some(10.0), Some(10.0)),
            count(12.0, Some(10.0), Some(15.0)),
            count(14.0, Some(14.0), Some(14.0)),
            count(14.0, Some(14.0), Some(14.0)),
        ]
        .into_iter()
        .enumerate()
        .map(|(i, v)| claim(i, v))
        .collect();
        let refs: Vec<&Claim> = claims.iter().collect();
        let sets = compatible_sets(&refs);
        assert_eq!(sets, vec![vec![0], vec![1, 2, 3]]);
        // A day agrees with two times of that day that disagree with each other.
        let times: Vec<Claim> = [
            day("2016-05-04", None),
            minute("2016-05-04T00:01:00+03:00"),
            minute("2016-05-04T01:00:00+03:00"),
        ]
        .into_iter()
        .enumerate()
        .map(|(i, v)| claim(i, v))
        .collect();
        let refs: Vec<&Claim> = times.iter().collect();
        let sets = compatible_sets(&refs);
        assert_eq!(sets.len(), 2, "{sets:?}");
        assert!(sets.iter().all(|s| !(s.contains(&1) && s.contains(&2))), "{sets:?}");
    }

    #[test]
    fn folded_sets_equal_the_all_pairs_definition() {
        // Overlapping, disjoint, open-ended and self-incompatible (empty interval) values,
        // repeated and interleaved (no chain of values that clash at its ends: see
        // `a_chain_through_a_coarse_value_is_split_where_two_values_clash`).
        let values = [
            count(10.0, Some(10.0), Some(10.0)),
            count(12.0, Some(10.0), Some(15.0)),
            count(30.0, Some(30.0), Some(30.0)),
            count(50.0, Some(50.0), None),
            count(40.0, Some(40.0), Some(40.0)),
            day("2016-05-04", None),
            day("2016-05-05", None),
            day("2016-05-04", Some("2016-05-04")),
            day("2016-05-09", Some("2016-05-09")),
        ];
        // A group holds one kind of value (values of two kinds are never compared, so
        // mixed they would chain through each other).
        for kind in [&values[..5], &values[5..]] {
            for stride in [1usize, 2, 3, 5, 7] {
                let claims: Vec<Claim> = (0..60)
                    .map(|i| claim(i, kind[(i * stride + i / 9) % kind.len()].clone()))
                    .collect();
                for group in [&claims[..20], &claims[20..], &claims[..]] {
                    let refs: Vec<&Claim> = group.iter().collect();
                    assert_eq!(compatible_sets(&refs), all_pairs(&refs), "stride {stride}");
                }
            }
        }
        let quantities: Vec<Claim> = (0..40).map(|i| claim(i, values[i % 5].clone())).collect();
        let refs: Vec<&Claim> = quantities.iter().collect();
        assert_eq!(compatible_sets(&refs), all_pairs(&refs));
        let empties: Vec<Claim> = (0..5).map(|i| claim(i, values[7].clone())).collect();
        let refs: Vec<&Claim> = empties.iter().collect();
        assert_eq!(
            compatible_sets(&refs).len(),
            5,
            "an empty interval agrees with nothing, not even its copies"
        );
    }
}

#[cfg(test)]
mod units_tests {
    use super::{units_relate, Units};

    #[test]
    fn counts_of_kinds_of_people_relate_as_parts_or_not_at_all() {
        assert_eq!(units_relate(Some("civilians"), Some("people")), Units::Part);
        assert_eq!(units_relate(None, Some("children")), Units::Whole);
        assert_eq!(units_relate(Some("servicemen"), Some("soldiers")), Units::Same);
        assert_eq!(units_relate(Some("people"), None), Units::Same);
        assert_eq!(units_relate(Some("soldiers"), Some("civilians")), Units::Apart);
    }
}
