//! Claims: mentions assembled into checkable assertions — (subject, property, value,
//! speaker, source, span, rule). A value mention becomes a claim about the event trigger it
//! is attached to, with a property read from the cue words next to it ("took effect" →
//! start, "will last" → duration, "killed" → deaths) and the speaker whose attribution
//! covers it. Claims with no cue keep a weak property (`time`, `period`, `count`) that is
//! shown but never compared.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::corpus::Source;
use crate::mentions::speaker::{self, Scope};
use crate::mentions::{Grain, Mention, Value};
use crate::span::Span;
use crate::text::Sentence;

/// One claim, as it appears in report.json and in the claims store.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// `<source>:<start>-<end>`; a claim a person adds may leave it, the source and the
    /// span out: they are filled in from where its quote stands.
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub span: Span,
    pub text: String,
    /// Subject id; filled in when subjects are clustered.
    #[serde(default)]
    pub subject: String,
    pub property: String,
    pub value: Value,
    #[serde(default)]
    pub speaker: Option<String>,
    /// A news agency that carried the statement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conduit: Option<String>,
    /// The rule that produced the claim: "<mention rule> + <attachment rule>"; "human" for
    /// a claim a person added.
    #[serde(default)]
    pub rule: String,
    /// The event trigger the claim is about (span), when one was found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger: Option<Span>,
    /// Index of the claim's sentence in its source.
    #[serde(skip)]
    pub sentence: usize,
}

/// Properties whose values are compared across claims.
pub fn checkable(property: &str) -> bool {
    matches!(
        property,
        "start"
            | "end"
            | "agreed"
            | "occurred"
            | "duration"
            | "extension"
            | "deaths"
            | "injured"
            | "displaced"
            | "arrested"
            | "missing"
            | "casualties"
    )
}

/// Properties that count something (compared as quantities, with updates over time).
pub fn is_count(property: &str) -> bool {
    matches!(
        property,
        "deaths" | "injured" | "displaced" | "arrested" | "missing" | "casualties" | "count"
    )
}

struct Cue {
    re: Regex,
    property: &'static str,
}

fn time_cues() -> &'static [Cue] {
    static CUES: OnceLock<Vec<Cue>> = OnceLock::new();
    CUES.get_or_init(|| {
        let c = |p: &str, property: &'static str| Cue { re: Regex::new(&format!(r"(?i)\b(?:{p})\b")).unwrap(), property };
        vec![
            c(r"agreed\s+to\s+extend|decided\s+to\s+extend|extended|extend|extends|extending|extension|renewed|prolonged", "extension"),
            c(r"(?:took|take|takes|taking|went|go|goes|going|come|came|comes|coming|entered|enter|enters|put)\s+(?:into\s+|in\s+)?(?:effect|force)|in\s+effect\s+since|effective|began|begin|begins|beginning|started|start|starts|starting|kicked\s+off|first\s+day|launched|commenced|from", "start"),
            c(r"ended|end|ends|ending|expired|expire|expires|expiring|last\s+day|until|till|collapsed|broke\s+down", "end"),
            c(r"agreed|agreement\s+was\s+reached|reached|brokered|signed|concluded|struck\s+a\s+deal|brought\s+in|negotiated|sealed|clinched|declared|announced\s+a|arrangements", "agreed"),
            c(r"happened|occurred|struck|hit|erupted|exploded|took\s+place|opened\s+fire|was\s+held|were\s+held", "occurred"),
        ]
    })
}

fn duration_cues() -> &'static [Cue] {
    static CUES: OnceLock<Vec<Cue>> = OnceLock::new();
    CUES.get_or_init(|| {
        let c = |p: &str, property: &'static str| Cue { re: Regex::new(&format!(r"(?i)\b(?:{p})\b")).unwrap(), property };
        vec![
            c(r"extended\s+(?:by|for)|extend\s+(?:it\s+)?(?:by|for)|extension\s+of|extended|renewed\s+for|prolonged\s+by", "extension"),
            c(r"last|lasts|lasted|lasting|for|be\s+for|will\s+run|runs\s+for|remain\s+in\s+(?:effect|force)\s+for|duration\s+of|valid\s+for|long", "duration"),
        ]
    })
}

fn count_cues() -> &'static [Cue] {
    static CUES: OnceLock<Vec<Cue>> = OnceLock::new();
    CUES.get_or_init(|| {
        let c = |p: &str, property: &'static str| Cue { re: Regex::new(&format!(r"(?i)\b(?:{p})\b")).unwrap(), property };
        vec![
            c(r"killed|killing|dead|died|die|dies|deaths?|death\s+toll|toll|lives|fatalities|bodies|perished|slain|lost\s+their\s+lives", "deaths"),
            c(r"injured|wounded|hurt|injuries|injuring|wounding", "injured"),
            c(r"displaced|homeless|fled|uprooted|evacuated", "displaced"),
            c(r"arrested|detained|arrests|detentions", "arrested"),
            c(r"missing|unaccounted", "missing"),
            c(r"casualties", "casualties"),
        ]
    })
}

/// The nearest cue to `span` in the sentence, within `reach` bytes, not across a clause
/// boundary (";", ":" or a full stop).
fn nearest_cue(cues: &[Cue], sentence: &str, base: usize, span: Span, reach: usize) -> Option<(&'static str, Span)> {
    let (ms, me) = (span.start - base, span.end - base);
    let mut best: Option<(usize, &'static str, Span)> = None;
    for cue in cues {
        for m in cue.re.find_iter(sentence) {
            if m.start() < me && ms < m.end() {
                continue;
            }
            let (gap_text, dist) = if m.end() <= ms {
                (&sentence[m.end()..ms], ms - m.end())
            } else {
                (&sentence[me..m.start()], m.start() - me)
            };
            if dist > reach || gap_text.contains([';', ':']) || gap_text.contains(". ") {
                continue;
            }
            // "from" and "until" bind only right before the value.
            let word = m.as_str().to_lowercase();
            // "was starting to fall apart", "began to crumble": an aspect verb, not a start.
            if cue.property == "start"
                && matches!(
                    word.as_str(),
                    "start" | "starts" | "started" | "starting" | "began" | "begin" | "begins" | "beginning"
                )
                && sentence[m.end()..].trim_start().starts_with("to ")
            {
                continue;
            }
            if (word == "from" || word == "until" || word == "till" || word == "for") && !(m.end() <= ms && dist <= 6) {
                continue;
            }
            if best.is_none_or(|(d, _, _)| dist < d) {
                best = Some((dist, cue.property, Span::new(base + m.start(), base + m.end())));
            }
        }
    }
    best.map(|(_, p, s)| (p, s))
}

/// An event trigger inside one source.
#[derive(Clone, Debug)]
pub struct Trigger {
    pub span: Span,
    pub family: String,
    pub word: String,
    pub sentence: usize,
    pub caption: bool,
}

/// What claim assembly produces for one source.
#[derive(Debug, Default)]
pub struct Extraction {
    pub claims: Vec<Claim>,
    pub triggers: Vec<Trigger>,
}

/// Nouns that refer back to an agreement named earlier ("this re-commitment", "the deal").
const AGREEMENT_NOUNS: &str = "agreement|deal|arrangements?|accord|plan|pact|re-?commitment|extension|understanding";

/// Families whose events are agreed to, so that "the deal" can point back to them.
const AGREED_FAMILIES: &[&str] = &["ceasefire", "talks"];

/// An anaphor that opens the clause of a value: "it will last", "This re-commitment will
/// be for". Returns its byte range in the text and whether it names an agreement.
fn anaphor_before(sentence: &str, base: usize, span: Span) -> Option<(Span, bool)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re =
        RE.get_or_init(|| Regex::new(&format!(r"(?i)\b(?:it|(?:this|that|the)\s+(?:{AGREEMENT_NOUNS}))\b")).unwrap());
    let rel = span.start.checked_sub(base)?;
    let m = re.find_iter(&sentence[..rel]).last()?;
    let gap = &sentence[m.end()..rel];
    // Same clause, and not "it is critical that …" (an expletive "it").
    if gap.contains([';', ':', '.', '"', '“', '”'])
        || gap.split_whitespace().count() > 8
        || gap.trim_start().to_lowercase().starts_with("is ")
    {
        return None;
    }
    let agreement = !m.as_str().eq_ignore_ascii_case("it");
    Some((Span::new(base + m.start(), base + m.end()), agreement))
}

/// Assembles the claims of one source from its mentions.
pub fn assemble(source: &Source, sentences: &[Sentence], mentions: &[Mention]) -> Extraction {
    let text = &source.text;
    let mut ex = Extraction::default();
    for m in mentions {
        if let Value::Event(e) = &m.value {
            ex.triggers.push(Trigger {
                span: m.span,
                family: e.family.clone(),
                word: e.trigger.clone(),
                sentence: m.sentence,
                caption: sentences[m.sentence].caption,
            });
        }
    }
    let people = known_people(mentions);
    let mut last_person: Option<String> = None;
    let mut sentence_speaker: Vec<Option<(String, Option<String>)>> = vec![None; sentences.len()];
    // Speakers per sentence, resolved (pronouns, surnames).
    let mut attributions: Vec<Vec<Attr>> = vec![Vec::new(); sentences.len()];
    for m in mentions {
        if let (Value::Speaker(sv), Some((scope, verb))) = (&m.value, m.scope) {
            let mut name = sv.name.clone();
            if speaker::is_pronoun(&name) {
                match &last_person {
                    Some(p)
                        if !name.eq_ignore_ascii_case("they")
                            && !name.eq_ignore_ascii_case("we")
                            && !name.eq_ignore_ascii_case("i")
                            && !name.eq_ignore_ascii_case("it") =>
                    {
                        name = p.clone()
                    }
                    _ => continue,
                }
            } else if let Some(full) = people
                .iter()
                .find(|p| p.len() > name.len() && p.ends_with(&format!(" {name}")))
            {
                name = full.clone();
            }
            if name.split_whitespace().count() >= 2
                && name
                    .split_whitespace()
                    .all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
                && !speaker::is_conduit(&name)
            {
                last_person = Some(name.clone());
            }
            attributions[m.sentence].push((scope, m.span, verb, name.clone(), sv.conduit.clone(), m.rule));
            sentence_speaker[m.sentence] = Some((name, sv.conduit.clone()));
        }
    }
    let (absorbed, extended) = joined_times(mentions, text);
    for (si, sentence) in sentences.iter().enumerate() {
        if sentence.caption {
            continue;
        }
        let base = sentence.span.start;
        let s = sentence.span.text(text);
        // Mentions and triggers are in text order, so a sentence's own are one run of each.
        let t_from = ex.triggers.partition_point(|t| t.sentence < si);
        let t_to = t_from + ex.triggers[t_from..].partition_point(|t| t.sentence <= si);
        let triggers: Vec<&Trigger> = ex.triggers[t_from..t_to].iter().collect();
        let m_from = mentions.partition_point(|m| m.sentence < si);
        let m_to = m_from + mentions[m_from..].partition_point(|m| m.sentence <= si);
        for (mi, m) in mentions.iter().enumerate().take(m_to).skip(m_from) {
            if absorbed.contains(&mi) {
                continue;
            }
            let mut forced: Option<&Trigger> = None;
            let (property, cue, weak) = match &m.value {
                Value::Time(t) => {
                    if t.interval().is_none() {
                        continue;
                    }
                    // The time of a statement ("the AP reported Wednesday") is not a claim.
                    // But a time that opens the reported clause is its subject ("says
                    // Thursday will be the first day").
                    let opens_clause = matches!(
                        text[m.span.end..]
                            .split_whitespace()
                            .next()
                            .map(|w| w.to_lowercase())
                            .as_deref(),
                        Some(
                            "will"
                                | "would"
                                | "is"
                                | "was"
                                | "marks"
                                | "marked"
                                | "has"
                                | "had"
                                | "could"
                                | "should"
                                | "might"
                                | "saw"
                                | "sees"
                                | "became"
                                | "becomes"
                        )
                    );
                    if !opens_clause
                        && attributions[si].iter().any(|(_, _, verb, ..)| {
                            verb.end <= m.span.start
                                && text[verb.end..m.span.start].split_whitespace().count() <= 1
                                && !text[verb.end..m.span.start].contains(',')
                        })
                    {
                        continue;
                    }
                    match nearest_cue(time_cues(), s, base, m.span, 40) {
                        Some((p, c)) => (p, Some(c), "time"),
                        None => ("time", None, "time"),
                    }
                }
                Value::Duration(d) => {
                    if d.scope.as_deref().is_some_and(|sc| {
                        matches!(
                            sc,
                            "first" | "past" | "last" | "next" | "previous" | "coming" | "following" | "final"
                        )
                    }) {
                        ("period", None, "period")
                    } else if let Some(t) = triggers.iter().find(|t| {
                        t.span.start >= m.span.end && text[m.span.end..t.span.start].split_whitespace().count() <= 2
                    }) {
                        // "a 48-hour truce", "the five-year civil war"
                        forced = Some(t);
                        ("duration", None, "period")
                    } else {
                        match nearest_cue(duration_cues(), s, base, m.span, 30) {
                            Some((p, c)) => (p, Some(c), "period"),
                            None => ("period", None, "period"),
                        }
                    }
                }
                Value::Quantity(q) => {
                    let unit = q.unit.as_deref().unwrap_or("");
                    let by_unit = match unit {
                        "deaths" | "dead" | "fatalities" | "bodies" | "lives" => Some("deaths"),
                        "injuries" | "injured" | "wounded" => Some("injured"),
                        "casualties" => Some("casualties"),
                        "arrests" => Some("arrested"),
                        _ => None,
                    };
                    let countable_unit = matches!(
                        unit,
                        "people"
                            | "persons"
                            | "civilians"
                            | "children"
                            | "women"
                            | "men"
                            | "soldiers"
                            | "troops"
                            | "fighters"
                            | "rebels"
                            | "residents"
                            | "students"
                            | "victims"
                            | "others"
                            | "passengers"
                            | "policemen"
                            | "officers"
                            | "workers"
                            | "militants"
                            | "protesters"
                            | ""
                    );
                    match by_unit {
                        Some(p) => (p, None, "count"),
                        None if countable_unit => match nearest_cue(count_cues(), s, base, m.span, 45) {
                            Some((p, c)) => (p, Some(c), "count"),
                            None => ("count", None, "count"),
                        },
                        None => ("count", None, "count"),
                    }
                }
                _ => continue,
            };
            // The trigger the claim is about.
            let mut picked = forced
                .map(|t| (t, "attach.modifier"))
                .or_else(|| pick_trigger(&triggers, m.span, text).map(|t| (t, "attach.same-sentence")));
            // An anaphor that opens the value's clause wins over a trigger further away.
            if forced.is_none() {
                if let Some((ana, agreement)) = anaphor_before(s, base, m.span) {
                    let closer = picked.is_none_or(|(t, _)| {
                        let dist = if t.span.end <= m.span.start {
                            m.span.start - t.span.end
                        } else {
                            t.span.start.saturating_sub(m.span.end)
                        };
                        dist > m.span.start.saturating_sub(ana.end)
                            && !(ana.end <= t.span.start && t.span.end <= m.span.start)
                    });
                    if closer {
                        if let Some(t) = antecedent(&ex.triggers, si, ana, agreement, 3) {
                            picked = Some((t, "attach.anaphora"));
                        }
                    }
                }
            }
            let (trigger, attach_rule) = match picked {
                Some((t, rule)) => (Some(t), rule),
                None => (None, "attach.article"),
            };
            let mut property = property.to_string();
            // Without an event in reach, a time or length is shown but not compared; tolls
            // belong to the article's main event and stay comparable.
            if trigger.is_none() && weak != "count" {
                property = weak.to_string();
            }
            if property == "count" && weak == "count" {
                property = "count".to_string();
            }
            let (speaker, conduit, srule) =
                speaker_for(si, m.span, sentence, &attributions, &sentence_speaker, sentences, text);
            let value = m.value.clone();
            let span = extended.get(&mi).copied().unwrap_or(m.span);
            let id = format!("{}:{}-{}", source.id, span.start, span.end);
            let cue_rule = if cue.is_some() { "cue" } else { "no-cue" };
            ex.claims.push(Claim {
                id,
                source: source.id.clone(),
                span,
                text: span.text(text).to_string(),
                subject: String::new(),
                property,
                value,
                speaker,
                conduit,
                rule: format!("{} + {attach_rule} + {cue_rule} + {srule}", m.rule),
                trigger: trigger.map(|t| t.span),
                sentence: si,
            });
        }
    }
    ex
}

/// "12.01 am on Wednesday", "Saturday at noon": the recogniser gives a clock time and the
/// day it is on as two TimeML expressions (the preposition is a signal between them), but
/// they make one assertion. Returns the day mentions that join a clock time's claim, and the
/// clock mentions' spans widened to cover both.
fn joined_times(mentions: &[Mention], text: &str) -> (BTreeSet<usize>, BTreeMap<usize, Span>) {
    let mut absorbed = BTreeSet::new();
    let mut extended = BTreeMap::new();
    let times: Vec<(usize, &Mention, &crate::mentions::TimeValue)> = mentions
        .iter()
        .enumerate()
        .filter_map(|(i, m)| match &m.value {
            Value::Time(t) => Some((i, m, t)),
            _ => None,
        })
        .collect();
    for w in times.windows(2) {
        let ((ia, a, ta), (ib, b, tb)) = (w[0], w[1]);
        if a.sentence != b.sentence || a.span.end > b.span.start {
            continue;
        }
        let gap = text[a.span.end..b.span.start].trim().to_lowercase();
        if gap != "on" && gap != "at" {
            continue;
        }
        let day_of = |t: &crate::mentions::TimeValue| t.interval().map(|iv| iv.start.date());
        let (clock, day) = match (ta.grain, tb.grain) {
            (Grain::Minute, Grain::Day | Grain::PartOfDay) => ((ia, ta), (ib, tb)),
            (Grain::Day | Grain::PartOfDay, Grain::Minute) => ((ib, tb), (ia, ta)),
            _ => continue,
        };
        if day_of(clock.1).is_some() && day_of(clock.1) == day_of(day.1) && !extended.contains_key(&day.0) {
            absorbed.insert(day.0);
            extended.insert(clock.0, a.span.cover(&b.span));
        }
    }
    (absorbed, extended)
}

/// Full names of people mentioned (for resolving a bare surname).
fn known_people(mentions: &[Mention]) -> Vec<String> {
    let mut out = Vec::new();
    for m in mentions {
        let name = match &m.value {
            Value::Entity(e) => &e.canonical,
            Value::Speaker(s) => &s.name,
            _ => continue,
        };
        if name.split_whitespace().count() >= 2 && !out.contains(name) {
            out.push(name.clone());
        }
    }
    out
}

/// The trigger in the sentence a value is most likely about: the nearest one, preferring
/// triggers that head the clause over those inside "during …"/"of …" phrases.
fn pick_trigger<'a>(triggers: &[&'a Trigger], span: Span, text: &str) -> Option<&'a Trigger> {
    triggers
        .iter()
        .map(|t| {
            let dist = if t.span.end <= span.start {
                span.start - t.span.end
            } else {
                t.span.start.saturating_sub(span.end)
            };
            let before = &text[text.floor_char_boundary(t.span.start.saturating_sub(40))..t.span.start];
            let words: Vec<&str> = before.split_whitespace().rev().take(4).collect();
            let embedded = words.iter().any(|w| {
                matches!(
                    w.to_lowercase().as_str(),
                    "during" | "of" | "amid" | "since" | "throughout"
                )
            });
            let penalty = if embedded { 60 } else { 0 };
            (dist + penalty, *t)
        })
        .min_by_key(|(d, t)| (*d, t.span.start))
        .map(|(_, t)| t)
}

/// What an anaphor points back to: the latest trigger before it, in its sentence or the
/// `reach` sentences before; an agreement noun prefers an event that is agreed to.
fn antecedent(triggers: &[Trigger], si: usize, ana: Span, agreement: bool, reach: usize) -> Option<&Trigger> {
    // Triggers are in text order: only those of the `reach` sentences up to `si` can qualify.
    let from = triggers.partition_point(|t| t.sentence + reach < si);
    let to = triggers.partition_point(|t| t.sentence <= si);
    let triggers = &triggers[from..to.max(from)];
    let before = || {
        triggers
            .iter()
            .filter(move |t| !t.caption && t.sentence <= si && si - t.sentence <= reach && t.span.end <= ana.start)
    };
    let agreed = before()
        .filter(|t| AGREED_FAMILIES.contains(&t.family.as_str()))
        .max_by_key(|t| t.span.start);
    if agreement {
        agreed.or_else(|| before().max_by_key(|t| t.span.start))
    } else {
        before().max_by_key(|t| t.span.start)
    }
}

type Attr = (Scope, Span, Span, String, Option<String>, &'static str);

/// Who asserts a value: the attribution of its sentence that covers it, else the speaker of
/// the quotation it is in, else nobody (the article's own voice).
#[allow(clippy::too_many_arguments)]
fn speaker_for(
    si: usize,
    span: Span,
    sentence: &Sentence,
    attributions: &[Vec<Attr>],
    sentence_speaker: &[Option<(String, Option<String>)>],
    sentences: &[Sentence],
    text: &str,
) -> (Option<String>, Option<String>, &'static str) {
    let atts = &attributions[si];
    // "X says …" before the value.
    let before = atts
        .iter()
        .filter(|(scope, _, verb, ..)| *scope == Scope::After && verb.end <= span.start)
        .max_by_key(|(_, _, verb, ..)| verb.end);
    if let Some((_, _, _, name, conduit, _)) = before {
        return (Some(name.clone()), conduit.clone(), "speaker.covers");
    }
    // "…, X said." after the value.
    let after = atts
        .iter()
        .filter(|(scope, name_span, ..)| *scope == Scope::Before && name_span.start >= span.end)
        .min_by_key(|(_, name_span, ..)| name_span.start);
    if let Some((_, _, _, name, conduit, _)) = after {
        return (Some(name.clone()), conduit.clone(), "speaker.covers");
    }
    let quoted = sentence.in_quote(span.start) || sentence.continues_quote;
    if quoted {
        if let Some((_, _, _, name, conduit, _)) = atts.first() {
            return (Some(name.clone()), conduit.clone(), "speaker.quote");
        }
        // The quotation's speaker: the next sentence when the quotation runs on into it and
        // closes with "…," he said; otherwise the sentence that introduced it.
        let para = sentence.paragraph;
        if let Some(next) = sentences.get(si + 1) {
            let postposed = attributions[si + 1].iter().any(|(scope, ..)| *scope == Scope::Before);
            if next.paragraph == para && next.continues_quote && postposed {
                if let Some((n, c)) = &sentence_speaker[si + 1] {
                    return (Some(n.clone()), c.clone(), "speaker.quote-next");
                }
            }
        }
        for j in (si.saturating_sub(3)..si).rev() {
            if let Some((n, c)) = &sentence_speaker[j] {
                return (Some(n.clone()), c.clone(), "speaker.quote-previous");
            }
        }
    }
    let _ = text;
    (None, None, "speaker.own-voice")
}
