//! Subjects: event clusters across sources. An event is known by its trigger's group
//! (truce, ceasefire and regime of calm are one; strike, attack and bombing are one), its
//! time, its place and what it hit ([`crate::features`]).
//!
//! Inside one article, each trigger is dated by the claim attached to it that says most
//! about its time (a start or an agreement before a bare date, a day before a month); dated
//! triggers of one group are one event when their days lie close (a few days for a truce,
//! the same day for a strike) and their places and targets do not differ. A past event
//! mentioned in passing ("the ceasefire agreed in February", "the 2009 earthquake") is thus
//! its own event. Undated triggers join the event they share a place, target or sentence
//! with, else the one nearest the publication date.
//!
//! Across articles, events of one group are one subject only when they agree with every
//! event already in it (complete linkage): times within a few days, no contradicting place
//! or target. The May Aleppo truce, the Latakia truce, the February nationwide ceasefire
//! and the September ceasefire come out as four subjects.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use jiff::civil::Date;
use jiff::ToSpan;
use rayon::prelude::*;
use serde::Serialize;

use crate::claims::{Claim, Extraction, Trigger};
use crate::corpus::Source;
use crate::features::Features;
use crate::mentions::Value;
use crate::span::Span;

/// Days apart within which dated mentions of a lasting event (a truce) are one event.
const DURATIVE_GAP_DAYS: i64 = 10;
/// Days apart within which dated mentions of an event that happens (a strike) are one:
/// the same or the next day (a late-night event is "Monday" in one zone, "Tuesday" in
/// another).
const INSTANT_GAP_DAYS: i64 = 0;
/// Days before publication within which an undated mention of a lasting event joins a
/// dated one.
const UNDATED_REACH_DAYS: i64 = 30;
/// The same for an event that happens: news of a strike is news of the last few days.
const UNDATED_REACH_INSTANT_DAYS: i64 = 3;
/// Anchors longer than this (decades, centuries) say nothing about which event it is.
const MAX_ANCHOR_DAYS: i64 = 400;

/// One subject of the report.
#[derive(Clone, Debug, Serialize)]
pub struct Subject {
    pub id: String,
    pub kind: &'static str,
    pub label: String,
    pub aliases: Vec<String>,
    /// The trigger group ("ceasefire", "attack").
    #[serde(skip)]
    pub family: String,
    /// First and last day the subject's dated claims name (exclusive end).
    #[serde(skip)]
    pub range: Option<(Date, Date)>,
    /// Place keys the subject's mentions name.
    #[serde(skip)]
    pub places: BTreeSet<String>,
}

/// An event as one article sees it.
#[derive(Clone, Debug)]
struct LocalEvent {
    source: usize,
    group: String,
    durative: bool,
    harm: bool,
    triggers: Vec<Span>,
    words: Vec<String>,
    /// The anchor ranges of its dated triggers, each once: what is asked of them (do all
    /// lie close to a day, how near is the nearest, what do they span) does not depend on
    /// how often one was given, and an article repeating one date a hundred thousand times
    /// must not make each new trigger compare with every earlier one.
    ranges: BTreeSet<(Date, Date)>,
    /// Anchors from days (not months or years), for naming.
    days: Vec<Date>,
    features: Features,
    sentences: BTreeSet<usize>,
    /// The place the article names most, for an event that names none itself.
    home: Option<String>,
    /// The wider places of `home` ([`crate::gazetteer`]).
    home_within: BTreeSet<String>,
    /// A dated event its article mentions in passing: not its main event, and not near its
    /// publication (or the article has no date, so only the main event is the news).
    passing: bool,
}

impl LocalEvent {
    /// Whether two events are alike in all but their source (byte-identical articles').
    /// Spelled out field by field, so that a new field cannot be forgotten.
    fn same_but_source(&self, o: &LocalEvent) -> bool {
        let LocalEvent {
            source: _,
            group,
            durative,
            harm,
            triggers,
            words,
            ranges,
            days,
            features,
            sentences,
            home,
            home_within,
            passing,
        } = self;
        *group == o.group
            && *durative == o.durative
            && *harm == o.harm
            && *triggers == o.triggers
            && *words == o.words
            && *ranges == o.ranges
            && *days == o.days
            && *features == o.features
            && *sentences == o.sentences
            && *home == o.home
            && *home_within == o.home_within
            && *passing == o.passing
    }

    fn new(source: usize, t: &Trigger) -> Self {
        LocalEvent {
            source,
            group: t.group.clone(),
            durative: t.durative,
            harm: t.harm,
            triggers: Vec::new(),
            words: Vec::new(),
            ranges: BTreeSet::new(),
            days: Vec::new(),
            features: Features::default(),
            sentences: BTreeSet::new(),
            home: None,
            home_within: BTreeSet::new(),
            passing: false,
        }
    }

    /// Where the event is, as far as the article tells: its own places, else the
    /// article's main place.
    fn whereabouts(&self) -> Features {
        let mut f = self.features.clone();
        if f.places.is_empty() {
            if let Some(h) = &self.home {
                f.places.insert(h.clone());
                f.within = self.home_within.clone();
            }
        }
        f
    }

    fn add(&mut self, t: &Trigger, anchor: Option<&Anchor>) {
        self.triggers.push(t.span);
        self.words.push(t.word.clone());
        self.features.extend(&t.features);
        self.sentences.insert(t.sentence);
        if let Some(a) = anchor {
            self.ranges.insert(a.range);
            if a.fine && days_between(a.range.0, a.range.1) <= 1 {
                self.days.push(a.range.0);
            }
        }
    }

    fn range(&self) -> Option<(Date, Date)> {
        self.ranges.iter().copied().reduce(|a, b| (a.0.min(b.0), a.1.max(b.1)))
    }

    fn gap_limit(&self) -> i64 {
        if self.durative {
            DURATIVE_GAP_DAYS
        } else {
            INSTANT_GAP_DAYS
        }
    }
}

/// How far before publication an undated mention may reach for its event.
fn reach(durative: bool) -> i64 {
    if durative {
        UNDATED_REACH_DAYS
    } else {
        UNDATED_REACH_INSTANT_DAYS
    }
}

fn days_between(a: Date, b: Date) -> i64 {
    (b - a).get_days() as i64
}

fn gap(a: (Date, Date), b: (Date, Date)) -> i64 {
    if a.1 <= b.0 {
        days_between(a.1, b.0)
    } else if b.1 <= a.0 {
        days_between(b.1, a.0)
    } else {
        0
    }
}

/// What a trigger's claims say about when its event is.
#[derive(Clone, Copy, Debug)]
struct Anchor {
    range: (Date, Date),
    /// A day or finer (not a month or a year).
    fine: bool,
}

/// How telling a claim is about its event's time: lower is better; `None` when it says
/// nothing (no interval, or a decade).
fn anchor_of(claim: &Claim) -> Option<(u8, Anchor)> {
    let Value::Time(t) = &claim.value else {
        return None;
    };
    // An end worked out from a start and a length says nothing the start does not.
    if claim.rule.starts_with("derived") {
        return None;
    }
    // The day a toll stood at a figure is the report's, not the event's; "the worst
    // violence since February" is another time's.
    if matches!(claim.property.as_str(), "as-of" | "compared") {
        return None;
    }
    let iv = t.interval()?;
    let (a, b) = (iv.start.date(), iv.end.date());
    let b = if b <= a { a.checked_add(1.day()).ok()? } else { b };
    let len = days_between(a, b);
    if len > MAX_ANCHOR_DAYS {
        return None;
    }
    let strong = matches!(
        claim.property.as_str(),
        "start" | "agreed" | "end" | "occurred" | "extension"
    );
    let fine = len <= 7;
    let class = match (fine, strong) {
        (true, true) => 0,
        (true, false) => 1,
        (false, _) => 2,
    };
    Some((class, Anchor { range: (a, b), fine }))
}

/// Bytes between an event that happens and a time that says nothing of its role ("on
/// Tuesday", no "struck" or "began") beyond which the time is some other verb's ("Rescuers
/// on Tuesday pulled a man from the rubble, 80 hours after the quake struck", "police
/// investigating the bombing stopped sharing information on Thursday").
const WEAK_ANCHOR_REACH: usize = 60;

/// Whether the words between an event and a time hold a past verb that is not one of harm
/// ("the bombing stopped sharing information … on Thursday", "on Tuesday revised the toll
/// from the earthquake"): the time is that verb's. "The blast, which killed 22 on Monday"
/// and "the quake struck Nepal on Saturday" keep their times.
fn other_verb(between: &str) -> bool {
    between.split(|c: char| !c.is_alphabetic()).any(|w| {
        let w = w.to_lowercase();
        w.len() >= 5
            && w.ends_with("ed")
            && !matches!(
                w.as_str(),
                "killed"
                    | "wounded"
                    | "injured"
                    | "targeted"
                    | "bombed"
                    | "shelled"
                    | "attacked"
                    | "destroyed"
                    | "damaged"
                    | "flattened"
                    | "triggered"
                    | "rocked"
                    | "jolted"
                    | "happened"
                    | "occurred"
                    | "launched"
                    | "carried"
                    | "devastated"
                    | "ravaged"
                    | "levelled"
                    | "leveled"
                    | "battered"
                    | "hammered"
                    | "rattled"
                    | "detonated"
                    | "exploded"
                    | "erupted"
                    | "hundred"
                    | "armed"
                    | "suspected"
                    | "alleged"
                    | "reported"
                    | "claimed"
            )
    })
}

/// Each trigger's anchor: the most telling claim attached to it, the nearest on a tie.
fn anchors(ex: &Extraction, text: &str) -> BTreeMap<Span, Anchor> {
    let instant: BTreeSet<Span> = ex.triggers.iter().filter(|t| !t.durative).map(|t| t.span).collect();
    let mut best: BTreeMap<Span, (u8, usize, Anchor)> = BTreeMap::new();
    for c in &ex.claims {
        let (Some(t), Some((class, anchor))) = (c.trigger, anchor_of(c)) else {
            continue;
        };
        let dist = if c.span.start >= t.end {
            c.span.start - t.end
        } else {
            t.start.saturating_sub(c.span.end)
        };
        if class == 1
            && instant.contains(&t)
            && (dist > WEAK_ANCHOR_REACH
                || c.span.start >= t.end && text.get(t.end..c.span.start).is_some_and(other_verb)
                || c.span.end <= t.start && text.get(c.span.end..t.start).is_some_and(other_verb))
        {
            continue;
        }
        let e = best.entry(t).or_insert((class, dist, anchor));
        if (class, dist) < (e.0, e.1) {
            *e = (class, dist, anchor);
        }
    }
    best.into_iter().map(|(k, (_, _, a))| (k, a)).collect()
}

fn published_day(source: &Source) -> Option<(Date, Date)> {
    let p = source.published.as_ref()?.date;
    Some((p, p.checked_add(1.day()).unwrap_or(p)))
}

/// Groups one article's triggers into its events; returns the events and, per trigger, the
/// index of its event.
fn local_events(si: usize, source: &Source, ex: &Extraction) -> (Vec<LocalEvent>, BTreeMap<Span, usize>) {
    let anchors = anchors(ex, &source.text);
    let mut events: Vec<LocalEvent> = Vec::new();
    let mut of_trigger: BTreeMap<Span, usize> = BTreeMap::new();
    let triggers: Vec<&Trigger> = ex.triggers.iter().filter(|t| !t.caption).collect();
    // The place the article names most: an event mention that names none is most likely
    // the article's own event there, not one elsewhere it mentions in passing.
    // Of places named equally often, the one named first (the lead's). An event the
    // article dates far from its own day ("In November 2013, an oil pipeline explosion in
    // Qingdao killed 62") is background, and says nothing of where the article is.
    let today = published_day(source);
    let background = |t: &Trigger| {
        anchors
            .get(&t.span)
            .is_some_and(|a| today.is_some_and(|p| gap(a.range, p) > reach(t.durative)))
    };
    let mut place_counts: BTreeMap<&str, (usize, std::cmp::Reverse<usize>)> = BTreeMap::new();
    for t in triggers.iter().filter(|t| !background(t)) {
        for p in &t.features.places {
            let e = place_counts
                .entry(p.as_str())
                .or_insert((0, std::cmp::Reverse(t.span.start)));
            e.0 += 1;
            e.1 = e.1.max(std::cmp::Reverse(t.span.start));
        }
    }
    let main_place: Option<String> = place_counts
        .iter()
        .max_by_key(|(p, n)| (**n, std::cmp::Reverse(**p)))
        .map(|(p, _)| p.to_string());
    let at_home = |e: &LocalEvent, t: &Trigger| {
        !t.features.places.is_empty()
            || e.features.places.is_empty()
            || main_place.as_ref().is_some_and(|p| e.features.places.contains(p))
    };
    // Dated triggers, earliest first.
    let mut dated: Vec<(&Trigger, Anchor)> = triggers
        .iter()
        .filter_map(|t| anchors.get(&t.span).map(|a| (*t, *a)))
        .collect();
    dated.sort_by_key(|(t, a)| (a.range.0, t.span.start));
    for (t, a) in dated {
        let fits = |e: &LocalEvent| {
            e.group == t.group
                && e.features.compatible(&t.features)
                && e.features.earlier == t.features.earlier
                && at_home(e, t)
                && e.ranges.iter().all(|r| gap(*r, a.range) <= e.gap_limit())
        };
        let nearest = |e: &LocalEvent| e.ranges.iter().map(|r| gap(*r, a.range)).min().unwrap_or(i64::MAX);
        let target = (0..events.len()).filter(|&i| fits(&events[i])).max_by_key(|&i| {
            (
                events[i].features.shares(&t.features),
                events[i].sentences.contains(&t.sentence),
                at_home(&events[i], t),
                std::cmp::Reverse(nearest(&events[i])),
                std::cmp::Reverse(i),
            )
        });
        let i = match target {
            Some(i) => i,
            None => {
                events.push(LocalEvent::new(si, t));
                events.len() - 1
            }
        };
        events[i].add(t, Some(&a));
        of_trigger.insert(t.span, i);
    }
    // Undated triggers, in text order.
    // An event of the article's own days, not one it recalls: near its publication, or
    // (no publication day) dated to a day rather than only a month or a year.
    let recent = |e: &LocalEvent| match (e.range(), today) {
        (None, _) => true,
        (Some(r), Some(p)) => gap(r, p) <= reach(e.durative),
        (Some(_), None) => !e.days.is_empty(),
    };
    for t in triggers.iter().filter(|t| !anchors.contains_key(&t.span)) {
        let mut candidates: Vec<usize> = (0..events.len())
            .filter(|&i| {
                events[i].group == t.group
                    && events[i].features.compatible(&t.features)
                    && events[i].features.earlier == t.features.earlier
                    && at_home(&events[i], t)
                    // An undated article's "In 2004, a huge earthquake off Aceh" takes
                    // only the mentions of its own sentence: the Aceh quake "on Tuesday"
                    // is the story's.
                    && (today.is_some() || recent(&events[i]) || events[i].sentences.contains(&t.sentence))
            })
            .collect();
        // The article's own events before those it recalls.
        candidates.sort_by_key(|&i| (!recent(&events[i]), i));
        // Positive evidence first: a shared place or target, then a shared sentence.
        let by_evidence = candidates
            .iter()
            .copied()
            .filter(|&i| !t.features.is_empty() && events[i].features.shares(&t.features))
            .chain(
                candidates
                    .iter()
                    .copied()
                    .filter(|&i| events[i].sentences.contains(&t.sentence)),
            )
            .next()
            // "The convoy was hit on Monday evening in a town west of Aleppo. The attack
            // killed 12 people": a definite "the attack" is the event the sentence before
            // it told, wherever that was.
            .or_else(|| {
                (definite(&source.text, t.span) && t.sentence > 0)
                    .then(|| {
                        (0..events.len()).rev().find(|&i| {
                            events[i].group == t.group
                                && events[i].features.compatible(&t.features)
                                && events[i].features.earlier == t.features.earlier
                                && events[i].sentences.contains(&(t.sentence - 1))
                        })
                    })
                    .flatten()
            });
        // Else the event nearest the publication date, if it is recent; an undated event
        // of its own otherwise.
        let by_time = || {
            candidates
                .iter()
                .copied()
                .filter_map(|i| {
                    let away = !at_home(&events[i], t);
                    match (events[i].range(), today) {
                        (Some(r), Some(p)) => {
                            let g = gap(r, p);
                            (g <= reach(events[i].durative) && r.0 <= p.1).then_some((away, g, i))
                        }
                        (None, _) => Some((away, 0, i)),
                        // No publication day: a mention joins an event dated to the day
                        // ("on January 4, 2009"), not one only a month or a year dates
                        // ("in December 2004"), which an undated article recalls.
                        (Some(_), None) => (!events[i].days.is_empty()).then_some((away, 0, i)),
                    }
                })
                .min()
                .map(|(_, _, i)| i)
        };
        let i = match by_evidence.or_else(by_time) {
            Some(i) => i,
            None => {
                events.push(LocalEvent::new(si, t));
                events.len() - 1
            }
        };
        events[i].add(t, None);
        of_trigger.insert(t.span, i);
    }
    for e in events.iter_mut() {
        e.home = main_place.clone();
    }
    (events, of_trigger)
}

/// Whether a trigger is a definite reference ("the attack", "this strike"), which points
/// back at an event already told.
fn definite(text: &str, span: Span) -> bool {
    let before = text[..span.start].trim_end();
    let word = before.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    matches!(word.to_lowercase().as_str(), "the" | "this" | "that")
}

/// The article's main event: the one named most often, nearest its publication, then the
/// one named first (the lead's: "the bridge collapse", not the storm it came down in, which
/// is dated a day earlier); with `harm`, the main one among events that kill (what a toll
/// with no event named is about).
fn main_event(events: &[LocalEvent], source: &Source, harm: bool) -> Option<usize> {
    let today = published_day(source);
    (0..events.len())
        .filter(|&i| !harm || events[i].harm && !events[i].durative)
        .max_by_key(|&i| {
            let near = match (today, events[i].range()) {
                (Some(p), Some(r)) => -gap(r, p),
                (_, None) => -1,
                _ => -1000,
            };
            // A past event mentioned in passing is not what the article is about, however
            // often it is named.
            let current = near >= -UNDATED_REACH_DAYS;
            let first = events[i].triggers.iter().map(|t| t.start).min().unwrap_or(usize::MAX);
            (
                current,
                events[i].triggers.len(),
                near,
                std::cmp::Reverse(first),
                std::cmp::Reverse(i),
            )
        })
}

/// Clusters every source's triggers into subjects and sets `claim.subject` on every claim.
pub fn cluster(sources: &[Source], extractions: &mut [Extraction]) -> Vec<Subject> {
    let mut locals: Vec<LocalEvent> = Vec::new();
    // Per source, per claim: its local event.
    let mut claim_local: Vec<Vec<usize>> = Vec::new();
    // Per source: its first local event, and the earlier source whose article it is byte
    // for byte (same hash, so the same text, date and extraction: a wire copy saved twice).
    let mut first_local: Vec<usize> = Vec::with_capacity(sources.len());
    let mut twin: Vec<Option<usize>> = Vec::with_capacity(sources.len());
    let mut by_hash: HashMap<&str, usize> = HashMap::new();
    let gazetteer = crate::gazetteer::Gazetteer::from_pairs(extractions.iter().flat_map(|ex| &ex.within));
    // Each article's own events, in parallel (they read nothing of other articles but the
    // gazetteer): its events and, per claim, the index of its event among them.
    let own: Vec<(Vec<LocalEvent>, Vec<usize>)> = sources
        .par_iter()
        .zip(extractions.par_iter())
        .enumerate()
        .map(|(si, (source, ex))| {
            let (mut events, of_trigger) = local_events(si, source, ex);
            // "In Khan Tuman, a village south of Aleppo": the event is in the village; the
            // city is only where the village is, and another village near it is elsewhere.
            for e in events.iter_mut() {
                let wider = gazetteer.wider_than(&e.features.places);
                e.features.places.retain(|p| !wider.contains(p));
                e.features.within = wider;
                e.home_within = gazetteer.wider_than(&e.home);
            }
            let main_harm = main_event(&events, source, true);
            let main = match main_event(&events, source, false) {
                Some(m) => m,
                None => {
                    events.push(LocalEvent {
                        source: si,
                        group: "story".into(),
                        durative: false,
                        harm: false,
                        triggers: Vec::new(),
                        words: Vec::new(),
                        ranges: published_day(source).into_iter().collect(),
                        days: Vec::new(),
                        features: Features::default(),
                        sentences: BTreeSet::new(),
                        home: None,
                        home_within: BTreeSet::new(),
                        passing: false,
                    });
                    events.len() - 1
                }
            };
            // "In 2004 a massive tremor sparked a tsunami": a dated event that is neither the
            // article's main event nor near its day is background; an undated mention
            // elsewhere must not be taken for it.
            let today = published_day(source);
            for (i, e) in events.iter_mut().enumerate() {
                e.passing = Some(i) != main_harm
                    && i != main
                    && e.range()
                        .is_some_and(|r| today.is_none_or(|p| gap(r, p) > reach(e.durative)));
            }
            let of_claims = ex
                .claims
                .iter()
                .map(|c| {
                    let fallback = if crate::claims::is_count(&c.property)
                        || matches!(c.property.as_str(), "responsibility" | "intent")
                    {
                        main_harm.unwrap_or(main)
                    } else {
                        main
                    };
                    c.trigger.and_then(|t| of_trigger.get(&t).copied()).unwrap_or(fallback)
                })
                .collect();
            (events, of_claims)
        })
        .collect();
    // A twin only when its events are the same (an edited claims file may differ); the
    // twin is the first source with the article's hash.
    for (si, source) in sources.iter().enumerate() {
        by_hash.entry(source.hash.as_str()).or_insert(si);
    }
    twin.par_extend(sources.par_iter().enumerate().map(|(si, source)| {
        let t = by_hash[source.hash.as_str()];
        let (theirs, ours) = (&own[t].0, &own[si].0);
        let same = theirs.len() == ours.len() && theirs.iter().zip(ours).all(|(a, b)| a.same_but_source(b));
        (t != si && same).then_some(t)
    }));
    for (events, of_claims) in own {
        let first = locals.len();
        first_local.push(first);
        claim_local.push(of_claims.into_iter().map(|e| first + e).collect());
        locals.extend(events);
    }

    // Across articles: dated events first (earliest first), each joining the cluster whose
    // every member it agrees with; then undated ones, by publication. Clusters are kept as
    // summaries (the distinct place and target sets of their members, their earliest end)
    // and only the clusters still in reach are looked at, so a large corpus stays linear.
    let pub_day = |l: &LocalEvent| published_day(&sources[l.source]);
    let mut order: Vec<usize> = (0..locals.len()).collect();
    // Every key is distinct (it ends with the index), so an unstable sort is deterministic.
    order.par_sort_by_cached_key(|&i| {
        let l = &locals[i];
        let range = l.range();
        (
            range.is_none(),
            l.group.as_str(),
            range.map(|r| r.0).or(pub_day(l).map(|p| p.0)),
            // Events placed in a town the corpus puts near a city before those placed
            // only at the city: these then choose among the towns' events by what they
            // share, not by which article came first.
            l.features.within.is_empty(),
            l.source,
            i,
        )
    });
    let mut clusters: Vec<Cluster> = Vec::new();
    // Each local event's cluster (`usize::MAX` until it is placed).
    let mut cluster_of = vec![usize::MAX; locals.len()];
    // Per group: dated clusters that may still take members; undated clusters in order.
    let mut open: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut undated: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut by_end: BTreeMap<String, Vec<(Date, usize)>> = BTreeMap::new();
    // Per group: every cluster, in order (an undated event without a publication day may
    // join any of its group's, and is compared with those only).
    let mut of_group: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut undated_phase = false;
    for &i in &order {
        let l = &locals[i];
        // A copy's event joins the cluster its twin's joined: identical reports of one
        // event are one event (and a feed of wire copies is clustered once, not per copy).
        // The twin is the earlier source, so its event (same sort key but the source) has
        // been placed already.
        // (A story's own subject stays its own: "the story of" one source.)
        let twin_local = twin[l.source]
            .filter(|_| l.group != "story")
            .map(|t| first_local[t] + (i - first_local[l.source]));
        if let Some(c) = twin_local.map(|t| cluster_of[t]).filter(|&c| c != usize::MAX) {
            clusters[c].add(i, l, pub_day(l).map(|p| p.0));
            cluster_of[i] = c;
            continue;
        }
        let target = match l.range() {
            // A story's own subject takes no other member (`agrees`), so no search.
            _ if l.group == "story" => None,
            Some(r) => {
                let limit = l.gap_limit();
                let window = open.entry(l.group.clone()).or_default();
                // A cluster whose earliest member ended too long ago never takes another.
                window.retain(|&c| days_between(clusters[c].min_end, r.0) <= clusters[c].limit.max(limit));
                window
                    .iter()
                    .copied()
                    .filter(|&c| clusters[c].agrees(l))
                    .max_by_key(|&c| {
                        let near = clusters[c].range.map_or(i64::MAX, |cr| gap(cr, r));
                        (clusters[c].shared(l), std::cmp::Reverse(near), std::cmp::Reverse(c))
                    })
            }
            None => {
                if !undated_phase {
                    // Dated clusters are complete: index them by end for the undated.
                    undated_phase = true;
                    for (c, cl) in clusters.iter().enumerate() {
                        if let Some(r) = cl.range {
                            by_end.entry(cl.group.clone()).or_default().push((r.1, c));
                        }
                    }
                    for v in by_end.values_mut() {
                        v.sort();
                    }
                }
                let today = pub_day(l);
                let reach_days = reach(l.durative);
                let mut best: Option<(std::cmp::Reverse<usize>, i64, usize)> = None;
                let mut consider = |c: usize, near: i64, clusters: &[Cluster]| {
                    if clusters[c].agrees(l) {
                        let key = (std::cmp::Reverse(clusters[c].shared(l)), near, c);
                        if best.as_ref().is_none_or(|b| key < *b) {
                            best = Some(key);
                        }
                    }
                };
                if let Some(p) = today {
                    if let Some(ends) = by_end.get(&l.group) {
                        let from = ends.partition_point(|(e, _)| days_between(*e, p.0) > reach_days);
                        for &(_, c) in &ends[from..] {
                            if let Some(r) = clusters[c].range {
                                let g = gap(r, p);
                                if g <= reach_days && r.0 <= p.1 {
                                    consider(c, g, &clusters);
                                }
                            }
                        }
                    }
                } else {
                    // No day to go by: only an event some article reports as news, not
                    // one every article recalls in passing; and a dated one only when
                    // they share a place or a target (nothing else says it is that one).
                    for &c in of_group.get(l.group.as_str()).into_iter().flatten() {
                        if clusters[c].current && (clusters[c].range.is_none() || clusters[c].shared(l) > 0) {
                            consider(c, 0, &clusters);
                        }
                    }
                }
                // Undated clusters whose members were published within reach.
                for &c in undated.get(&l.group).into_iter().flatten().rev() {
                    let recent = match (clusters[c].last_pub, today) {
                        (Some(lp), Some(p)) => days_between(lp, p.0) <= reach_days,
                        _ => true,
                    };
                    if !recent {
                        break;
                    }
                    consider(c, 0, &clusters);
                }
                best.map(|(_, _, c)| c)
            }
        };
        let c = match target {
            Some(c) => c,
            None => {
                clusters.push(Cluster::new(l));
                let c = clusters.len() - 1;
                of_group.entry(l.group.as_str()).or_default().push(c);
                if l.range().is_some() {
                    open.entry(l.group.clone()).or_default().push(c);
                } else {
                    undated.entry(l.group.clone()).or_default().push(c);
                }
                c
            }
        };
        clusters[c].add(i, l, pub_day(l).map(|p| p.0));
        cluster_of[i] = c;
    }
    let clusters: Vec<Vec<usize>> = clusters.into_iter().map(|c| c.members).collect();

    let subjects = name_subjects(sources, &locals, &clusters);
    extractions
        .par_iter_mut()
        .zip(&claim_local)
        .for_each(|(ex, locals_of)| {
            for (c, &local) in ex.claims.iter_mut().zip(locals_of) {
                c.subject = subjects[cluster_of[local]].id.clone();
            }
        });
    subjects
}

/// A cluster of local events as the merge sees it: its members, and what any newcomer must
/// agree with (every member's places and targets, the earliest member's end).
struct Cluster {
    members: Vec<usize>,
    group: String,
    campaign: bool,
    /// The distinct feature sets of its members, with how many members have each.
    features: Vec<(Features, usize)>,
    /// The days its dated members name, and the earliest end among them.
    range: Option<(Date, Date)>,
    min_end: Date,
    /// Days apart within which its events are one (a truce's few days, a strike's one).
    limit: i64,
    /// When its latest member was published (undated clusters take members within reach).
    last_pub: Option<Date>,
    /// Whether some member is news in its article, not only a mention in passing.
    current: bool,
}

impl Cluster {
    fn new(l: &LocalEvent) -> Self {
        Cluster {
            members: Vec::new(),
            group: l.group.clone(),
            campaign: l.features.campaign,
            features: Vec::new(),
            range: None,
            min_end: Date::MAX,
            limit: l.gap_limit(),
            last_pub: None,
            current: false,
        }
    }

    fn add(&mut self, i: usize, l: &LocalEvent, published: Option<Date>) {
        self.members.push(i);
        self.current |= !l.passing;
        let mut f = l.features.clone();
        f.names.clear();
        match self.features.iter_mut().find(|(g, _)| *g == f) {
            Some((_, n)) => *n += 1,
            None => self.features.push((f, 1)),
        }
        if let Some(r) = l.range() {
            self.range = Some(self.range.map_or(r, |c| (c.0.min(r.0), c.1.max(r.1))));
            self.min_end = self.min_end.min(r.1);
        }
        if let Some(p) = published {
            self.last_pub = Some(self.last_pub.map_or(p, |q| q.max(p)));
        }
    }

    /// Whether a local event agrees with every member: same group, no place or target that
    /// contradicts one; and an event that names no place is taken to be where its article
    /// mostly is, so it does not join a cluster that is all somewhere else.
    fn agrees(&self, l: &LocalEvent) -> bool {
        if self.group != l.group || l.group == "story" || self.campaign != l.features.campaign {
            return false;
        }
        // "An earlier truce" joins an event its article does not call earlier only on the
        // same days (the February truce that another article names without "first").
        if self.features.iter().any(|(f, _)| f.earlier != l.features.earlier) {
            let same_days = match (self.range, l.range()) {
                (Some(a), Some(b)) => gap(a, b) == 0,
                _ => false,
            };
            if !same_days {
                return false;
            }
        }
        if !self.features.iter().all(|(f, _)| f.compatible(&l.features)) {
            return false;
        }
        let placed: Vec<&Features> = self
            .features
            .iter()
            .map(|(f, _)| f)
            .filter(|f| !f.places.is_empty())
            .collect();
        let elsewhere = l.features.places.is_empty()
            && l.home.is_some()
            && !placed.is_empty()
            && placed.iter().all(|f| !f.compatible(&l.whereabouts()));
        !elsewhere
    }

    /// How much the members share with a local event: per member, one for a shared place
    /// and one for a shared target.
    fn shared(&self, l: &LocalEvent) -> usize {
        self.features.iter().map(|(f, n)| n * f.evidence(&l.features)).sum()
    }
}

fn cluster_range(locals: &[LocalEvent], members: &[usize]) -> Option<(Date, Date)> {
    members
        .iter()
        .filter_map(|&i| locals[i].range())
        .reduce(|a, b| (a.0.min(b.0), a.1.max(b.1)))
}

/// A trigger as a label names it: a noun ("opened fire" is a shooting, "was hit" a
/// strike).
fn noun_of(word: &str) -> &str {
    if word.starts_with("open") && word.ends_with("fire") {
        "shooting"
    } else if word.starts_with("was ") || word.starts_with("were ") {
        "strike"
    } else {
        word
    }
}

/// Ids and labels: "<group>-<place>-<most named day>", "truce in Aleppo (May 2016)".
fn name_subjects(sources: &[Source], locals: &[LocalEvent], clusters: &[Vec<usize>]) -> Vec<Subject> {
    let mut subjects = Vec::new();
    let mut used: BTreeMap<String, usize> = BTreeMap::new();
    for members in clusters {
        let first = &locals[members[0]];
        let group = first.group.clone();
        let range = cluster_range(locals, members);
        let mut words: BTreeMap<&str, usize> = BTreeMap::new();
        let mut places: BTreeMap<&str, usize> = BTreeMap::new();
        let mut days: BTreeMap<Date, usize> = BTreeMap::new();
        for &i in members {
            for w in &locals[i].words {
                *words.entry(noun_of(w)).or_default() += 1;
            }
            for p in &locals[i].features.places {
                *places.entry(p.as_str()).or_default() += 1;
            }
            for d in &locals[i].days {
                *days.entry(*d).or_default() += 1;
            }
        }
        let most = |m: &BTreeMap<&str, usize>| {
            m.iter()
                .max_by_key(|(w, n)| (**n, std::cmp::Reverse(**w)))
                .map(|(w, _)| w.to_string())
        };
        let top = most(&words).unwrap_or_else(|| group.clone());
        let place = most(&places);
        // The day most named, the earliest on a tie; else the start of the range.
        let day = days
            .iter()
            .max_by_key(|(d, n)| (**n, std::cmp::Reverse(**d)))
            .map(|(d, _)| *d)
            .or(range.map(|r| r.0));
        let place_part = place
            .as_ref()
            .map(|p| format!("-{}", p.replace(' ', "-")))
            .unwrap_or_default();
        let base = match day {
            Some(d) => format!("{group}{place_part}-{}", d.strftime("%Y-%m-%d")),
            None => format!("{group}{place_part}-{}", sources[first.source].id.replace('/', "-")),
        };
        let n = used.entry(base.clone()).or_default();
        *n += 1;
        let id = if *n == 1 { base } else { format!("{base}-{n}") };
        let label = if group == "story" {
            format!("the story of {}", sources[first.source].id)
        } else {
            let mut label = top.clone();
            if let Some(p) = &place {
                label.push_str(" in ");
                let written = members.iter().find_map(|&i| locals[i].features.names.get(p));
                label.push_str(&written.cloned().unwrap_or_else(|| title_case(p)));
            }
            if let Some(d) = day {
                label.push_str(&format!(" ({})", d.strftime("%B %Y")));
            }
            label
        };
        subjects.push(Subject {
            id,
            kind: "event",
            label,
            aliases: words.keys().map(|w| w.to_string()).collect(),
            family: group,
            range,
            places: places.keys().map(|p| p.to_string()).collect(),
        });
    }
    subjects
}

fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::{noun_of, other_verb};

    #[test]
    fn a_time_after_another_verb_is_not_the_events() {
        assert!(other_verb(" stopped sharing information with the United States on "));
        assert!(other_verb(", rescuers pulled a man from the rubble on "));
        // Harm verbs and verbs of happening keep the time with the event.
        assert!(!other_verb(", which killed 22 people on "));
        assert!(!other_verb(" struck Nepal on "));
        assert!(!other_verb(" that devastated the city on "));
        assert!(!other_verb(" in Manchester on "));
    }

    #[test]
    fn labels_name_events_with_nouns() {
        assert_eq!(noun_of("opened fire"), "shooting");
        assert_eq!(noun_of("open fire"), "shooting");
        assert_eq!(noun_of("was hit"), "strike");
        assert_eq!(noun_of("were shelled"), "strike");
        assert_eq!(noun_of("truce"), "truce");
        assert_eq!(noun_of("regime of calm"), "regime of calm");
    }
}
