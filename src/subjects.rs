//! Subjects: event clusters across sources. Inside one article, triggers of one family that
//! are dated far apart ("the ceasefire agreed in February" vs "the truce that took effect
//! Wednesday") are different events, and undated ones join the event nearest the
//! publication date. Across articles, events of one family whose times lie within a few
//! days of each other are one subject. The May Aleppo truce, the February nationwide
//! ceasefire and the September ceasefire come out as three subjects.

use std::collections::BTreeMap;

use jiff::civil::Date;
use jiff::ToSpan;
use serde::Serialize;

use crate::claims::{Claim, Extraction};
use crate::corpus::Source;
use crate::mentions::Value;
use crate::span::Span;

/// Days within which dated mentions of one family in one article are one event.
const LOCAL_GAP_DAYS: i64 = 21;
/// Days from publication within which undated mentions join a dated event.
const UNDATED_REACH_DAYS: i64 = 30;
/// Days between two articles' events within which they are one subject.
const MERGE_GAP_DAYS: i64 = 10;

/// One subject of the report.
#[derive(Clone, Debug, Serialize)]
pub struct Subject {
    pub id: String,
    pub kind: &'static str,
    pub label: String,
    pub aliases: Vec<String>,
    #[serde(skip)]
    pub family: String,
    /// First and last day the subject's dated claims name (exclusive end).
    #[serde(skip)]
    pub range: Option<(Date, Date)>,
}

/// An event as one article sees it.
#[derive(Clone, Debug)]
struct LocalEvent {
    source: usize,
    family: String,
    triggers: Vec<Span>,
    words: Vec<String>,
    range: Option<(Date, Date)>,
}

fn days_between(a: Date, b: Date) -> i64 {
    (b - a).get_days() as i64
}

fn gap(a: (Date, Date), b: (Date, Date)) -> i64 {
    if a.1 < b.0 {
        days_between(a.1, b.0)
    } else if b.1 < a.0 {
        days_between(b.1, a.0)
    } else {
        0
    }
}

fn anchor_of(claim: &Claim) -> Option<(Date, Date)> {
    if !matches!(
        claim.property.as_str(),
        "start" | "agreed" | "end" | "occurred" | "extension" | "time"
    ) {
        return None;
    }
    let Value::Time(t) = &claim.value else {
        return None;
    };
    let iv = t.interval()?;
    let (a, b) = (iv.start.date(), iv.end.date());
    let b = if b <= a { a.checked_add(1.day()).ok()? } else { b };
    // Decades and years are too coarse to tell events apart.
    if days_between(a, b) > 92 {
        return None;
    }
    Some((a, b))
}

/// Clusters every source's triggers into subjects and sets `claim.subject` on every claim.
pub fn cluster(sources: &[Source], extractions: &mut [Extraction]) -> Vec<Subject> {
    let mut locals: Vec<LocalEvent> = Vec::new();
    // claim index per source → local event index
    let mut claim_local: Vec<Vec<Option<usize>>> = Vec::new();
    for (si, (source, ex)) in sources.iter().zip(extractions.iter()).enumerate() {
        let published = source.published.as_ref().map(|p| p.date);
        let first_local = locals.len();
        // Anchors per trigger.
        let mut anchors: BTreeMap<Span, (Date, Date)> = BTreeMap::new();
        for c in &ex.claims {
            if let (Some(t), Some(r)) = (c.trigger, anchor_of(c)) {
                let e = anchors.entry(t).or_insert(r);
                *e = (e.0.min(r.0), e.1.max(r.1));
            }
        }
        let mut families: BTreeMap<&str, Vec<&crate::claims::Trigger>> = BTreeMap::new();
        for t in ex.triggers.iter().filter(|t| !t.caption) {
            families.entry(t.family.as_str()).or_default().push(t);
        }
        let mut trigger_local: BTreeMap<Span, usize> = BTreeMap::new();
        for (family, triggers) in &families {
            let mut dated: Vec<(&crate::claims::Trigger, (Date, Date))> = triggers
                .iter()
                .filter_map(|t| anchors.get(&t.span).map(|r| (*t, *r)))
                .collect();
            dated.sort_by_key(|(t, r)| (r.0, t.span.start));
            let mut groups: Vec<LocalEvent> = Vec::new();
            for (t, r) in dated {
                match groups.last_mut() {
                    Some(g) if g.range.is_some_and(|gr| gap(gr, r) <= LOCAL_GAP_DAYS) => {
                        let gr = g.range.unwrap();
                        g.range = Some((gr.0.min(r.0), gr.1.max(r.1)));
                        g.triggers.push(t.span);
                        g.words.push(t.word.clone());
                    }
                    _ => groups.push(LocalEvent {
                        source: si,
                        family: family.to_string(),
                        triggers: vec![t.span],
                        words: vec![t.word.clone()],
                        range: Some(r),
                    }),
                }
            }
            // Undated triggers join the event nearest the publication date.
            let undated: Vec<&&crate::claims::Trigger> =
                triggers.iter().filter(|t| !anchors.contains_key(&t.span)).collect();
            if !undated.is_empty() {
                let target = match published {
                    Some(p) => {
                        let today = (p, p.checked_add(1.day()).unwrap_or(p));
                        groups
                            .iter()
                            .enumerate()
                            .map(|(i, g)| (gap(g.range.unwrap(), today), i))
                            .filter(|(d, _)| *d <= UNDATED_REACH_DAYS)
                            .min()
                            .map(|(_, i)| i)
                    }
                    None => (0..groups.len()).max_by_key(|i| groups[*i].triggers.len()),
                };
                let target = match target {
                    Some(i) => i,
                    None => {
                        groups.push(LocalEvent {
                            source: si,
                            family: family.to_string(),
                            triggers: Vec::new(),
                            words: Vec::new(),
                            range: published.map(|p| (p, p.checked_add(1.day()).unwrap_or(p))),
                        });
                        groups.len() - 1
                    }
                };
                for t in undated {
                    groups[target].triggers.push(t.span);
                    groups[target].words.push(t.word.clone());
                }
            }
            for g in groups {
                for t in &g.triggers {
                    trigger_local.insert(*t, locals.len());
                }
                locals.push(g);
            }
        }
        // The article's main event: the one with most triggers, nearest its date.
        let main = (first_local..locals.len()).max_by_key(|&i| {
            let near = match (published, locals[i].range) {
                (Some(p), Some(r)) => -gap(r, (p, p)),
                _ => -1000,
            };
            (locals[i].triggers.len(), near, std::cmp::Reverse(i))
        });
        let main = match main {
            Some(m) => m,
            None => {
                locals.push(LocalEvent {
                    source: si,
                    family: "story".into(),
                    triggers: Vec::new(),
                    words: Vec::new(),
                    range: published.map(|p| (p, p.checked_add(1.day()).unwrap_or(p))),
                });
                locals.len() - 1
            }
        };
        claim_local.push(
            ex.claims
                .iter()
                .map(|c| Some(c.trigger.and_then(|t| trigger_local.get(&t).copied()).unwrap_or(main)))
                .collect(),
        );
    }

    // Merge local events across sources: same family, times within a few days.
    let mut order: Vec<usize> = (0..locals.len()).collect();
    order.sort_by(|&a, &b| {
        (&locals[a].family, locals[a].range.map(|r| r.0), locals[a].source).cmp(&(
            &locals[b].family,
            locals[b].range.map(|r| r.0),
            locals[b].source,
        ))
    });
    let mut cluster_of = vec![0usize; locals.len()];
    let mut clusters: Vec<Vec<usize>> = Vec::new();
    let mut current: Option<(String, (Date, Date))> = None;
    for &i in &order {
        let l = &locals[i];
        let joins = match (&current, l.range) {
            (Some((fam, cr)), Some(r)) => *fam == l.family && l.family != "story" && gap(*cr, r) <= MERGE_GAP_DAYS,
            _ => false,
        };
        if joins {
            let (fam, cr) = current.clone().unwrap();
            let r = l.range.unwrap();
            current = Some((fam, (cr.0.min(r.0), cr.1.max(r.1))));
            clusters.last_mut().unwrap().push(i);
        } else {
            current = l.range.map(|r| (l.family.clone(), r));
            clusters.push(vec![i]);
        }
        cluster_of[i] = clusters.len() - 1;
    }

    // Name the subjects.
    let mut subjects = Vec::new();
    let mut used: BTreeMap<String, usize> = BTreeMap::new();
    for members in &clusters {
        let family = locals[members[0]].family.clone();
        let range = members
            .iter()
            .filter_map(|&i| locals[i].range)
            .reduce(|a, b| (a.0.min(b.0), a.1.max(b.1)));
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for &i in members {
            for w in &locals[i].words {
                *counts.entry(w.as_str()).or_default() += 1;
            }
        }
        let top = counts
            .iter()
            .max_by_key(|(w, n)| (**n, std::cmp::Reverse(**w)))
            .map_or(family.as_str(), |(w, _)| *w)
            .to_string();
        let base = match range {
            Some((a, _)) => format!("{family}-{}", a.strftime("%Y-%m-%d")),
            None => format!("{family}-{}", sources[locals[members[0]].source].id.replace('/', "-")),
        };
        let n = used.entry(base.clone()).or_default();
        *n += 1;
        let id = if *n == 1 { base } else { format!("{base}-{n}") };
        let label = match range {
            Some((a, _)) => format!("{top} ({})", a.strftime("%B %Y")),
            None => top.clone(),
        };
        let label = if family == "story" {
            format!("the story of {}", sources[locals[members[0]].source].id)
        } else {
            label
        };
        subjects.push(Subject {
            id,
            kind: "event",
            label,
            aliases: counts.keys().map(|w| w.to_string()).collect(),
            family,
            range,
        });
    }
    for (si, ex) in extractions.iter_mut().enumerate() {
        for (ci, c) in ex.claims.iter_mut().enumerate() {
            if let Some(l) = claim_local[si][ci] {
                c.subject = subjects[cluster_of[l]].id.clone();
            }
        }
    }
    subjects
}
