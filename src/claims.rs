//! Claims: mentions assembled into checkable assertions — (subject, property, value,
//! speaker, source, span, rule). A value mention becomes a claim about the event trigger it
//! is attached to, with a property read from the cue words next to it ("took effect" →
//! start, "will last" → duration, "killed" → deaths) and the speaker whose attribution
//! covers it. Claims with no cue keep a weak property (`time`, `period`, `count`) that is
//! shown but never compared.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
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
    /// The country or body the speaker speaks for, when the article tells ("United States"
    /// for the State Department's spokesman); versions of an event are grouped by it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
    /// The reporting verb or phrase that attributes it ("said", "according to").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verb: Option<String>,
    /// Whether the speaker's own words are quoted (direct) rather than reported (indirect).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub direct: bool,
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
    /// When the speaker said it, where the sentence tells ("said on Friday"): the figure or
    /// announcement is as of then, not as of publication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub said: Option<Box<crate::mentions::TimeValue>>,
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
            | "duration-initial"
            | "declared-over"
            | "extension"
            | "deaths"
            | "injured"
            | "displaced"
            | "arrested"
            | "missing"
            | "casualties"
            | "magnitude"
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
        let c = |p: &str, property: &'static str| Cue { re: crate::regexes::new(&format!(r"(?i)\b(?:{p})\b")).unwrap(), property };
        vec![
            c(r"agreed\s+to\s+extend|decided\s+to\s+extend|extended|extend|extends|extending|extension|renewed|prolonged", "extension"),
            c(r"(?:took|take|takes|taking|went|go|goes|going|come|came|comes|coming|entered|enter|enters|put)\s+(?:into\s+|in\s+)?(?:effect|force)|in\s+effect\s+since|effective|began|begin|begins|beginning|started|start|starts|starting|kicked\s+off|first\s+day|launched|commenced|from", "start"),
            c(r"ended|end|ends|ending|expired|expire|expires|expiring|last\s+day|until|till|collapsed|broke\s+down", "end"),
            c(r"agreed|agreement\s+was\s+reached|reached|brokered|signed|concluded|struck\s+a\s+deal|brought\s+in|negotiated|sealed|clinched|declared|announced|arrangements", "agreed"),
            c(r"happened|occurred|struck|hit|erupted|exploded|took\s+place|opened\s+fire|was\s+held|were\s+held|capsized|overturned|sank|crashed|derailed|broke\s+out|went\s+off", "occurred"),
        ]
    })
}

fn duration_cues() -> &'static [Cue] {
    static CUES: OnceLock<Vec<Cue>> = OnceLock::new();
    CUES.get_or_init(|| {
        let c = |p: &str, property: &'static str| Cue { re: crate::regexes::new(&format!(r"(?i)\b(?:{p})\b")).unwrap(), property };
        vec![
            // "has largely held for five days": how long it has lasted so far, not its length.
            c(r"(?:has|had|have)\s+been\s+(?:\w+ing|in\s+(?:effect|force|place))\s+for|(?:has|had|have)\s+(?:largely\s+|mostly\s+|broadly\s+)?held(?:\s+up)?\s+for|held\s+(?:up\s+)?for|holding\s+(?:up\s+)?for|survived\s+for|so\s+far", "elapsed"),
            c(r"extended\s+(?:by|for)|extend\s+(?:it\s+)?(?:by|for)|extension\s+of|extended|renewed\s+for|prolonged\s+by", "extension"),
            c(r"last|lasts|lasted|lasting|for|be\s+for|will\s+run|runs\s+for|remain\s+in\s+(?:effect|force)\s+for|duration\s+of|valid\s+for|long", "duration"),
        ]
    })
}

fn count_cues() -> &'static [Cue] {
    static CUES: OnceLock<Vec<Cue>> = OnceLock::new();
    CUES.get_or_init(|| {
        let c = |p: &str, property: &'static str| Cue { re: crate::regexes::new(&format!(r"(?i)\b(?:{p})\b")).unwrap(), property };
        vec![
            // "50 people still fighting for their lives", "18 in a critical condition": a
            // part of the injured, shown and never compared with a toll.
            c(r"fighting\s+for\s+(?:their|his|her)\s+li(?:ves|fe)|(?:in\s+(?:a\s+)?)?(?:critical|serious|grave)\s+condition|critically|seriously|gravely|life-threatening", "injured-part"),
            // "58 people are missing and presumed dead": counted among the dead.
            c(r"(?:missing|unaccounted\s+for)\s*,?\s*(?:and\s+)?(?:presumed|feared|believed)\s+dead|(?:presumed|feared|believed)\s+dead", "deaths"),
            c(r"killed|killing|dead|died|die|dies|deaths?|death\s+toll|toll|lives|fatalities|bodies|perished|slain|lost\s+their\s+lives|drowned|drown|drowning", "deaths"),
            c(r"injured|wounded|hurt|injuries|injuring|wounding", "injured"),
            // "a camp for displaced people": a kind of people, not a count of the displaced.
            c(r"displaced|homeless|fled|uprooted|evacuated|(?:from|out\s+of)\s+their\s+homes|forced\s+to\s+flee", "displaced"),
            c(r"arrested|detained|arrests|detentions", "arrested"),
            c(r"missing|unaccounted", "missing"),
            // "227 dead and 41 rescued", "131 dead and 40 survivors": the living, shown only.
            c(r"rescued|survivors|survived|pulled\s+out\s+alive|found\s+alive|saved", "rescued"),
            c(r"casualties", "casualties"),
        ]
    })
}

/// The nearest cue to `span` in the sentence, within `reach` bytes, not across a clause
/// boundary (";", ":" or a full stop).
fn nearest_cue(cues: &[Cue], sentence: &str, base: usize, span: Span, reach: usize) -> Option<(&'static str, Span)> {
    nearest_cue_within(cues, sentence, base, span, reach, false)
}

/// [`nearest_cue`]; with `own_number`, a cue with another figure between it and the value
/// is that figure's ("84 dead, up from 77, and 18 in a critical condition": the condition
/// is the 18's).
fn nearest_cue_within(
    cues: &[Cue],
    sentence: &str,
    base: usize,
    span: Span,
    reach: usize,
    own_number: bool,
) -> Option<(&'static str, Span)> {
    let (ms, me) = (span.start - base, span.end - base);
    // "… killed by the quake, and more than 20,000 residents were relocated": a figure with
    // a verb of its own after it that is no cue is not the figure of a cue before it.
    let own_verb = own_number && own_predicate(&sentence[me..]).is_some_and(|v| !cues.iter().any(|c| c.re.is_match(v)));
    let mut best: Option<(usize, &'static str, Span)> = None;
    for cue in cues {
        for m in cue.re.find_iter(sentence) {
            if m.start() < me && ms < m.end() {
                continue;
            }
            if own_verb && m.end() <= ms {
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
            if own_number && (gap_text.chars().any(|c| c.is_ascii_digit()) || has_number_word(gap_text)) {
                continue;
            }
            // "spoke on Wednesday, two days after the truce began": a verb past a
            // subordinating word is its own clause's.
            if m.start() >= me && subordinates(gap_text) {
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
            // "a camp for displaced people": a kind of people, not a count of the displaced.
            if word == "displaced" {
                let next = sentence[m.end()..]
                    .split_whitespace()
                    .next()
                    .unwrap_or("")
                    .to_lowercase();
                if matches!(
                    next.trim_matches(|c: char| !c.is_alphabetic()),
                    "people" | "persons" | "civilians" | "families" | "residents" | "syrians" | "iraqis"
                ) {
                    continue;
                }
            }
            if (word == "from" || word == "until" || word == "till" || word == "for") && !(m.end() <= ms && dist <= 6) {
                continue;
            }
            // "agreed in February collapsed in April": a verb right before the time's
            // preposition is the one the time modifies, however near a verb after it.
            let dist = if m.end() <= ms && preposition_only(gap_text) {
                0
            } else {
                dist
            };
            // "Twelve people were killed and 70 others were injured", "10 were killed, 140
            // were injured": a verb before "and" or a comma closes the figure before it; the
            // value's own verb comes after it (taken only when there is none).
            let coordinated = m.end() <= ms
                && matches!(
                    gap_text.trim().trim_end_matches(',').trim(),
                    "" | "and" | ", and" | "while" | "but" | "as"
                )
                && gap_text.trim() != "";
            let dist = if coordinated { dist + 1000 } else { dist };
            // "announced in Geneva last week, began at 7 p.m.": a verb after the value
            // with a time of its own right after it is that time's.
            // (A figure's own participle right after its noun stays its own: "more than 60
            // others wounded on Tuesday".)
            let own_participle =
                own_number && m.start() >= me && gap_text.split_whitespace().count() <= 2 && !gap_text.contains(',');
            let dist = if m.start() >= me && !own_participle && time_follows(&sentence[m.end()..]) {
                dist + 1000
            } else {
                dist
            };
            if best.is_none_or(|(d, _, _)| dist < d) {
                best = Some((dist, cue.property, Span::new(base + m.start(), base + m.end())));
            }
        }
    }
    best.map(|(_, p, s)| (p, s))
}

/// Whether a time comes right after a verb ("began at 7 p.m.", "started on Monday",
/// "ends at midnight").
fn time_follows(after: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        crate::regexes::new(r"(?i)^\s*(?:(?:at|on|in|from|by|shortly\s+after|just\s+after|soon\s+after|after|before)\s+)?(?:\d|(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|midnight\b|noon\b|midday\b|sundown\b|sunset\b|sunrise\b|dawn\b|dusk\b|yesterday\b|today\b|tonight\b|tomorrow\b|overnight\b|(?:last|this|next)\s+(?:night|week|month|morning|evening)\b|(?:hours|days|minutes|moments|shortly|soon)\s+(?:later|after(?:wards?)?)\b|(?:a\s+few|several|some|two|three|four|five|six|\d+)\s+(?:hours|days|minutes)\s+(?:later|after)\b)").unwrap()
    });
    re.is_match(after)
}

/// The participle of the passive or perfect verb right after a figure and its noun
/// ("residents were relocated", "people had been evacuated", "others were taken"): the
/// figure's own verb.
fn own_predicate(after: &str) -> Option<&str> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        crate::regexes::new(r"^\s*(?:[\p{L}-]+\s+){0,2}?(?:were|was|have\s+been|has\s+been|had\s+been|are\s+being|were\s+being|are|is|had|have)\s+(?:[a-z]+ly\s+)?([a-z]+ed|taken|given|driven|flown|shown|seen|found|hurt|left|held|brought|dead)\b").unwrap()
    });
    re.captures(after).and_then(|c| c.get(1)).map(|m| m.as_str())
}

/// Whether a toll is told of another country than the ones the article's harmful events
/// struck: the sentence opens "In China's Tibet region, …" or the toll's verb goes on "…
/// were killed in neighbouring India", and that country is not among `struck` (which names
/// at least one).
fn toll_elsewhere(sentence: &str, base: usize, span: Span, entities: &[&Mention], struck: &BTreeSet<&str>) -> bool {
    static OPENER: OnceLock<Regex> = OnceLock::new();
    static AFTER: OnceLock<Regex> = OnceLock::new();
    let opener = OPENER
        .get_or_init(|| crate::regexes::new(r"(?i)^\W*(?:in|across)\s+(?:the\s+)?(?:neighbou?ring\s+)?$").unwrap());
    let after = AFTER.get_or_init(|| {
        crate::regexes::new(r"(?i)^[^\d,;:.]{0,40}\b(?:killed|died|dead|injured|wounded|hurt)\s+(?:[a-z]+\s+){0,2}?(?:in|across)\s+(?:the\s+)?(?:neighbou?ring\s+)?$").unwrap()
    });
    if struck.is_empty() || span.start < base {
        return false;
    }
    let (vs, ve) = (span.start - base, span.end - base);
    entities.iter().any(|m| {
        let Value::Entity(e) = &m.value else { return false };
        if m.span.start < base || m.span.end > base + sentence.len() {
            return false;
        }
        let (es, ee) = (m.span.start - base, m.span.end - base);
        let placed = if ee <= vs {
            // An opener: "In X," with the value after its comma.
            opener.is_match(&sentence[..es]) && sentence[ee..vs].trim_start().starts_with(',')
        } else {
            es >= ve && after.is_match(&sentence[ve..es])
        };
        if !placed {
            return false;
        }
        let owner = e.name.split_once(['\'', '’']).map(|(o, _)| o).unwrap_or(&e.name);
        let country = [e.name.as_str(), owner]
            .into_iter()
            .find(|n| crate::mentions::entity::is_country(n))
            .map(|n| crate::mentions::speaker::canonical(n).to_lowercase());
        country.is_some_and(|c| !struck.contains(c.as_str()))
    })
}

/// Whether the words between a count and a lasting event put the count in the time since
/// it ("… had been reported since the truce", "since the start of the ceasefire"), with no
/// other figure or clause between.
fn since_before(between: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        crate::regexes::new(r"(?i)^[^.;:\d]*\bsince\s+(?:the\s+(?:start|beginning)\s+of\s+)?(?:the|its|their|a)\s+(?:[\p{L}-]+\s+){0,2}$").unwrap()
    });
    re.is_match(between)
}

/// Whether a figure is what a toll was revised to ("revised the death toll to 31", "the
/// toll was corrected downward to 28", "lowered its count of the dead to 12").
fn revised_to(sentence: &str, base: usize, span: Span) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        crate::regexes::new(r"(?i)\b(?:revised|revises|revising|revise|corrected|corrects|correcting|lowered|lowers|lowering|downgraded|adjusted|brought)\s+(?:(?:the|its|their|his|her|an\s+earlier|the\s+official)\s+)?(?:(?:death|casualty|injury|official)\s+)?(?:toll|figure|count|number|tally)?(?:\s+of\s+(?:the\s+)?(?:dead|deaths|victims|injured|wounded))?(?:\s+(?:from|in|of|for)\s+(?:the\s+|its\s+|last\s+\w+'s\s+)?[\p{L}'’-]+(?:\s+[\p{L}'’-]+)?)?\s*(?:down(?:ward|wards)?\s+)?to\s+$").unwrap()
    });
    span.start >= base && re.is_match(&sentence[..span.start - base])
}

/// Whether text holds a figure in words ("killed six children and left 14 others trapped":
/// "killed" is the six's verb, not the 14's). "One" is left out: it is as often a pronoun
/// ("no one", "one of them").
fn has_number_word(text: &str) -> bool {
    text.split(|c: char| !c.is_alphabetic()).any(|w| {
        let w = w.to_lowercase();
        let w = w.as_str();
        w != "one"
            && (crate::mentions::numbers::is_number_word(w)
                || matches!(w, "dozen" | "dozens" | "hundreds" | "thousands"))
    })
}

/// "12 people, most of them aid workers and drivers, were killed": the count's verb comes
/// after an appositive between commas; the cue right past it is the count's.
fn cue_past_appositive(sentence: &str, base: usize, span: Span) -> Option<(&'static str, Span)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| crate::regexes::new(r"^(?:\s+[\p{L}-]+){0,2}\s*,[^,.;:\d]{3,80},\s*").unwrap());
    let rest = sentence.get(span.end - base..)?;
    let m = re.find(rest)?;
    let from = span.end - base + m.end();
    let after = &sentence[from..];
    count_cues().iter().find_map(|cue| {
        let c = cue.re.find(after)?;
        let gap = &after[..c.start()];
        (gap.split_whitespace().count() <= 3 && !gap.contains([',', ';', '.']))
            .then(|| (cue.property, Span::new(base + from + c.start(), base + from + c.end())))
    })
}

/// Whether a stretch of a sentence holds a word that opens a subordinate clause.
fn subordinates(gap: &str) -> bool {
    gap.split(|c: char| !c.is_alphabetic()).any(|w| {
        matches!(
            w.to_ascii_lowercase().as_str(),
            "after" | "before" | "when" | "since" | "while" | "because" | "until" | "which" | "who" | "whereas"
        )
    })
}

/// Whether a clause ends in an extending verb and its object ("extended the calm
/// indefinitely"): the open length that follows is the extension's.
fn extended_before(before: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        crate::regexes::new(r"(?i)\b(?:extend|prolong|renew)\w*\b[^.;:]{0,60}$").expect("extension pattern")
    })
    .is_match(before)
}

/// Whether the word right before a time's preposition is a verb that is no time cue
/// ("holding on Wednesday", "met in Geneva on Friday" is not: "Geneva" is no verb): the
/// time is when that verb's event happened, not the start or end a cue further off names.
fn other_verb_owns(sentence: &str, base: usize, span: Span) -> bool {
    if span.start < base {
        return false;
    }
    let before = sentence[..span.start - base].trim_end();
    let mut words = before.rsplit(char::is_whitespace);
    let Some(prep) = words.next() else { return false };
    if !matches!(prep.to_ascii_lowercase().as_str(), "on" | "in" | "at" | "since" | "by") {
        return false;
    }
    let Some(verb) = words.next() else { return false };
    let lower = verb.to_ascii_lowercase();
    if verb.contains(|c: char| !c.is_ascii_alphabetic()) || lower.len() < 5 {
        return false;
    }
    let verb_like = lower.ends_with("ing") && !matches!(lower.as_str(), "morning" | "evening" | "during" | "evening's")
        || lower.ends_with("ed") && !matches!(lower.as_str(), "indeed" | "speed" | "hundred");
    verb_like
        && !time_cues().iter().any(|c| {
            c.re.find(&lower)
                .is_some_and(|m| m.start() == 0 && m.end() == lower.len())
        })
}

/// Whether the words between a cue and the value are only a preposition ("in", "on", "at",
/// "since", "by"), so that the value is the cue's own complement.
fn preposition_only(gap: &str) -> bool {
    let g = gap.trim().to_ascii_lowercase();
    matches!(
        g.as_str(),
        "in" | "on" | "at" | "since" | "by" | "as of" | "in early" | "in late" | "in mid" | "on the"
    )
}

/// An event trigger inside one source.
#[derive(Clone, Debug)]
pub struct Trigger {
    pub span: Span,
    pub family: String,
    /// The group of families that may name one event ("strike", "attack" → "attack").
    pub group: String,
    /// Whether events of the family last (a truce) rather than happen (a strike).
    pub durative: bool,
    /// Whether events of the family kill and injure, so that a toll can be about them.
    pub harm: bool,
    pub word: String,
    pub sentence: usize,
    pub caption: bool,
    /// Where its phrase says the event happens and what it hit.
    pub features: crate::features::Features,
}

/// The words of a toll counted over a period rather than in one event: "killed in Aleppo
/// since April 22", "in the past two weeks", "in the two weeks before the truce", "between
/// 22 April and the start of the truce".
fn period_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let month = "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
        let date = format!(r"(?:(?:{month})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{month}))\b");
        crate::regexes::new(&format!(
            r"(?i)\b(?:(?:in\s+the\s+(?:\w+\s+){{0,2}}(?:days|weeks|months|fortnight)\s+)?since\s+(?:late\s+|early\s+|mid-?)?{date}|since\s+the\s+(?:latest\s+|recent\s+)?(?:wave|surge|escalation|upsurge|flare-up|upturn)\s+(?:of\s+\w+\s+)?(?:began|started|erupted|broke\s+out)|(?:in|over|during)\s+the\s+(?:past|last|previous|preceding)\s+(?:(?:few|two|three|four|several|\d+)\s+)?(?:days|weeks|months|fortnight)|(?:in|over|during)\s+the\s+(?:(?:few|two|three|four|several|\d+)\s+)?(?:days|weeks|fortnight)\s+(?:before|leading\s+up\s+to|prior\s+to|preceding)|between\s+{date}\s+and)"
        ))
        .expect("period toll regex")
    })
}

/// Words in a sentence that say people died (a toll's sentence).
fn tells_deaths(sentence: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        crate::regexes::new(r"(?i)\b(?:killed|died|dead|deaths|death\s+toll|lost\s+their\s+lives|lives)\b")
            .expect("deaths regex")
    })
    .is_match(sentence)
}

/// A spell of fighting for each toll counted over a period ("284 civilians had been killed in Aleppo since April 22", "about 300
/// people died in the city in the two weeks before the truce"): such a toll is of the
/// fighting over that time, not of the truce the sentence names nor of one strike in it,
/// and every outlet's count of it is one subject. The trigger stands on the period's words.
fn period_tolls(
    text: &str,
    sentences: &[Sentence],
    entities: &[Vec<&Mention>],
    places: &BTreeSet<String>,
    triggers: &[Trigger],
) -> Vec<Trigger> {
    let mut out = Vec::new();
    for (si, sentence) in sentences.iter().enumerate() {
        let st = sentence.span.text(text);
        if sentence.caption || !tells_deaths(st) {
            continue;
        }
        let Some(m) = period_regex().find(st) else { continue };
        // "The war has killed 280,000 since March 2011": the war's own toll.
        if triggers.iter().any(|t| t.sentence == si && t.group == "war") {
            continue;
        }
        let span = Span::new(sentence.span.start + m.start(), sentence.span.start + m.end());
        let mut features = crate::features::of_trigger(text, sentence.span, span, &entities[si], places, true);
        features.campaign = false;
        out.push(Trigger {
            span,
            family: "fighting".into(),
            group: "fighting".into(),
            durative: true,
            harm: true,
            word: "fighting".into(),
            sentence: si,
            caption: false,
            features,
        });
    }
    out
}

/// What claim assembly produces for one source.
#[derive(Debug, Default)]
pub struct Extraction {
    pub claims: Vec<Claim>,
    pub triggers: Vec<Trigger>,
    /// (place, wider place) pairs the article gives ([`crate::gazetteer`]).
    pub within: Vec<(String, String)>,
}

/// Nouns that refer back to an agreement named earlier ("this re-commitment", "the deal").
const AGREEMENT_NOUNS: &str = "agreement|deal|arrangements?|accord|plan|pact|re-?commitment|extension|understanding";

/// Families whose events are agreed to, so that "the deal" can point back to them.
const AGREED_FAMILIES: &[&str] = &["ceasefire", "talks"];

/// An anaphor that opens the clause of a value: "it will last", "This re-commitment will
/// be for". Returns its byte range in the text and whether it names an agreement.
fn anaphor_before(sentence: &str, base: usize, span: Span) -> Option<(Span, bool)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        crate::regexes::new(&format!(r"(?i)\b(?:it|(?:this|that|the)\s+(?:{AGREEMENT_NOUNS}))\b")).unwrap()
    });
    // "Since this went into effect today at 00:01": a bare demonstrative that takes
    // effect is the agreement.
    static BARE: OnceLock<Regex> = OnceLock::new();
    let bare = BARE.get_or_init(|| {
        crate::regexes::new(
            r"(?i)\b(?:this|that)\s+(?:went|took|came|entered|has\s+been|had\s+been)\s+(?:into|in|effect)\b",
        )
        .unwrap()
    });
    let rel = span.start.checked_sub(base)?;
    let named = re.find_iter(&sentence[..rel]).last();
    let demonstrative = bare.find_iter(&sentence[..rel]).last();
    if let Some(d) = demonstrative.filter(|d| named.is_none_or(|m| d.start() > m.start())) {
        let word = Span::new(base + d.start(), base + d.start() + 4);
        let gap = &sentence[d.end()..rel];
        if gap.contains([';', ':', '.', '"', '“', '”']) || gap.split_whitespace().count() > 8 {
            return None;
        }
        return Some((word, true));
    }
    let m = named?;
    let gap = &sentence[m.end()..rel];
    // Same clause, and not "it is critical that …" (an expletive "it"; "it is open-ended"
    // says what it is).
    if gap.contains([';', ':', '.', '"', '“', '”'])
        || gap.split_whitespace().count() > 8
        || gap.trim_start().to_lowercase().starts_with("is ") && gap.split_whitespace().count() > 2
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
    let places = crate::mentions::entity::places_in(text, mentions);
    ex.within = crate::gazetteer::pairs_in(text, mentions, &places);
    let mut entities: Vec<Vec<&Mention>> = vec![Vec::new(); sentences.len()];
    for m in mentions {
        if matches!(m.value, Value::Entity(_)) {
            entities[m.sentence].push(m);
        }
    }
    for m in mentions {
        if let Value::Event(e) = &m.value {
            let mut features = crate::features::of_trigger(
                text,
                sentences[m.sentence].span,
                m.span,
                &entities[m.sentence],
                &places,
                e.durative,
            );
            // A lasting event is a period anyway; only a strike can be one of a campaign.
            if e.durative {
                features.campaign = false;
            }
            let mut group = if e.group.is_empty() {
                e.family.clone()
            } else {
                e.group.clone()
            };
            // "Two weeks of air strikes and shelling" is a spell of fighting: it lasts, and
            // it is what another outlet calls "two weeks of violence".
            let mut durative = e.durative;
            if features.campaign && group == "attack" {
                group = "fighting".into();
                durative = true;
                features.campaign = false;
            }
            ex.triggers.push(Trigger {
                span: m.span,
                family: e.family.clone(),
                group,
                durative,
                harm: e.harm,
                word: e.trigger.clone(),
                sentence: m.sentence,
                caption: sentences[m.sentence].caption,
                features,
            });
        }
    }
    ex.triggers
        .extend(period_tolls(text, sentences, &entities, &places, &ex.triggers));
    ex.triggers.sort_by_key(|t| t.span);
    let published_day = source.published.as_ref().map(|p| p.date);
    let people = known_people(mentions);
    // Full names by their last word, for a bare surname (first named first).
    let mut by_surname: HashMap<&str, Vec<&str>> = HashMap::new();
    for p in &people {
        if let Some((_, last)) = p.rsplit_once(' ') {
            by_surname.entry(last).or_default().push(p);
        }
    }
    let mut last_person: Option<String> = None;
    let mut sentence_speaker: Vec<Option<(String, Option<String>)>> = vec![None; sentences.len()];
    // Speakers per sentence, resolved (pronouns, surnames, titles, "the army").
    let mut attributions: Vec<Vec<Attr>> = vec![Vec::new(); sentences.len()];
    // Whom each resolved speaker speaks for, and which person holds which title.
    let mut parties: std::collections::BTreeMap<String, String> = std::collections::BTreeMap::new();
    let mut titles = Titles::default();
    // Names seen so far (speakers and entities), for "the army" after "the Syrian army".
    let mut named = Named::default();
    static BODY: OnceLock<Regex> = OnceLock::new();
    let body = BODY.get_or_init(|| {
        crate::regexes::new(
            r"\b[A-Z][a-z]+(?:'s)?\s+(?:army|military|armed forces|defen[cs]e ministry|foreign ministry|government)\b",
        )
        .unwrap()
    });
    for m in body.find_iter(text) {
        let c = speaker::canonical(m.as_str());
        if speaker::party_of(m.as_str(), &c).is_some() {
            named.push(c);
        }
    }
    for m in mentions {
        if let Value::Entity(e) = &m.value {
            named.push_ref(&e.canonical);
            if let Some(p) = speaker::party_of(&e.name, &e.canonical) {
                parties.entry(e.canonical.clone()).or_insert(p);
            }
        }
        if let (Value::Speaker(sv), Some((scope, verb))) = (&m.value, m.scope) {
            let mut name = sv.name.clone();
            let mut rule = m.rule;
            if speaker::is_pronoun(&name) {
                match &last_person {
                    Some(p)
                        if !name.eq_ignore_ascii_case("they")
                            && !name.eq_ignore_ascii_case("we")
                            && !name.eq_ignore_ascii_case("i")
                            && !name.eq_ignore_ascii_case("it") =>
                    {
                        name = p.clone();
                        rule = "speaker.pronoun";
                    }
                    _ => continue,
                }
            } else if let Some(full) = (!name.contains(' ') && !crate::mentions::entity::is_country(&name))
                .then(|| by_surname.get(name.as_str()))
                .flatten()
                .and_then(|full| {
                    // A surname ("Toner") for the person named in full earlier ("Mark Toner").
                    full.iter().find(|p| {
                        p.split_whitespace()
                            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
                    })
                })
            {
                name = full.to_string();
                rule = "speaker.surname";
            } else if let Some(person) = by_title(&name, &titles) {
                name = person;
                rule = "speaker.title";
            } else if let Some(full) = by_head(&name, &named) {
                name = full;
                rule = "speaker.institution";
            }
            if let Some(t) = &sv.title {
                if !speaker::is_pronoun(&sv.name) {
                    titles.push(t, &name);
                }
            }
            if let Some(p) = sv.party.clone().or_else(|| speaker::party_of(&name, &name)) {
                parties.entry(name.clone()).or_insert(p);
            }
            if name.split_whitespace().count() >= 2
                && name
                    .split_whitespace()
                    .all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
                && !speaker::is_conduit(&name)
            {
                last_person = Some(name.clone());
            }
            named.push_ref(&name);
            attributions[m.sentence].push((scope, m.span, verb, name.clone(), sv.conduit.clone(), rule));
            sentence_speaker[m.sentence] = Some((name, sv.conduit.clone()));
        }
    }
    let (absorbed, extended) = joined_times(mentions, text);
    let mut by_sentence: Vec<Vec<(usize, &Mention)>> = vec![Vec::new(); sentences.len()];
    for (mi, m) in mentions.iter().enumerate() {
        by_sentence[m.sentence].push((mi, m));
    }
    // Tolls with no event named near them belong to an event that happens (an attack, a
    // quake), not to a war or a season of fighting, whose tolls are stated with them.
    let has_harm = ex.triggers.iter().any(|t| t.harm && !t.durative && !t.caption);
    // The countries the article's harmful events are placed in ("struck Nepal", "a quake in
    // eastern China"), for a toll told of another country.
    let struck: BTreeSet<&str> = ex
        .triggers
        .iter()
        .filter(|t| t.harm && !t.durative)
        .flat_map(|t| t.features.countries.iter().map(String::as_str))
        .collect();
    for (si, sentence) in sentences.iter().enumerate() {
        if sentence.caption {
            continue;
        }
        let base = sentence.span.start;
        let times_here = sentence_times(&by_sentence[si]);
        let s = sentence.span.text(text);
        // Triggers are in text order, so a sentence's own are one run.
        let t_from = ex.triggers.partition_point(|t| t.sentence < si);
        let t_to = t_from + ex.triggers[t_from..].partition_point(|t| t.sentence <= si);
        let triggers: Vec<&Trigger> = ex.triggers[t_from..t_to].iter().collect();
        // When the statement was made: a time beside a reporting verb ("said on Friday",
        // "late on Friday announced"); it is not a claim about the event.
        let statement_time = |span: Span| {
            attributions[si].iter().any(|(_, name, verb, ..)| {
                let after_verb = verb.end <= span.start
                    && text[verb.end..span.start].split_whitespace().count() <= 1
                    && !text[verb.end..span.start].contains(',');
                let before_verb = name.end <= span.start
                    && span.end <= verb.start
                    && text[span.end..verb.start].split_whitespace().count() <= 1;
                after_verb || before_verb
            })
        };
        // A time that opens the reported clause is its subject, not the time of the
        // statement ("says Thursday will be the first day").
        let opens_clause = |span: Span| {
            matches!(
                text[span.end..]
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
            )
        };
        let said = by_sentence[si].iter().find_map(|(_, m)| match &m.value {
            Value::Time(t) if statement_time(m.span) && !opens_clause(m.span) && t.interval().is_some() => {
                Some(Box::new(t.clone()))
            }
            _ => None,
        });
        let first_claim = ex.claims.len();
        for (mi, m) in by_sentence[si].iter().copied() {
            if absorbed.contains(&mi) {
                continue;
            }
            let mut forced: Option<&Trigger> = None;
            let mut background = false;
            // The counted noun of the figure a bare "the figure" stands for.
            let mut figure_unit: Option<String> = None;
            // Relative clauses before a toll that describe a noun (see `describing_clauses`).
            let mut described: Vec<(usize, usize)> = Vec::new();
            let mut by_killing = false;
            let (property, cue, weak) = match &m.value {
                Value::Time(t) => {
                    if t.interval().is_none() {
                        continue;
                    }
                    // The time of a statement ("the AP reported Wednesday") is not a claim.
                    // But a time that opens the reported clause is its subject ("says
                    // Thursday will be the first day").
                    if !opens_clause(m.span) && statement_time(m.span) {
                        // "the army announced early Tuesday that the truce had ended": the
                        // time the party declared it over, compared with other parties'.
                        if declared_over(s, base, m.span) {
                            ("declared-over", None, "time")
                        } else {
                            continue;
                        }
                    } else {
                        // "which came into force on Tuesday, was largely holding on Wednesday":
                        // a verb of its own right before the time's preposition owns the time.
                        let cue = if other_verb_owns(s, base, m.span) {
                            None
                        } else {
                            nearest_cue(time_cues(), s, base, m.span, 40)
                        };
                        match cue {
                            // "extended for 72 hours, starting at 1am on Saturday": the start
                            // and end of the extension, not of the event.
                            Some((p @ ("start" | "end"), c)) if extension_before(s, base, m.span, &triggers) => (
                                if p == "start" {
                                    "extension-start"
                                } else {
                                    "extension-end"
                                },
                                Some(c),
                                "time",
                            ),
                            // The day an extension was made is not a length.
                            Some(("extension", c)) => ("extended", Some(c), "time"),
                            // "the worst attack since Sept. 11, 2001": another event's time.
                            _ if since_superlative(s, base, m.span) => ("compared", None, "compared"),
                            // "the toll rose to 3,726 on Monday": the count's day.
                            _ if count_day(s, base, m.span) => ("as-of", None, "time"),
                            Some((p, c)) => (p, Some(c), "time"),
                            None if since_superlative(s, base, m.span) => ("compared", None, "compared"),
                            // "A suicide bomber killed 22 people … in Manchester on Monday
                            // night": the time of the killing is the event's.
                            // (A day or finer, told outright: "killed 168,000 … in 2004" recalls
                            // another event, "the next day" is some other day's.)
                            None if matches!(t.grain, Grain::Day | Grain::PartOfDay | Grain::Hour | Grain::Minute)
                                && m.rule != "time.anaphoric"
                                && killing_before(s, base, m.span) =>
                            {
                                by_killing = true;
                                ("occurred", None, "time")
                            }
                            None => ("time", None, "time"),
                        }
                    }
                }
                Value::Duration(d) if d.open => {
                    // "The truce is open-ended", "extended indefinitely", "it has no end date":
                    // the length of something agreed that lasts (never of an attack or of
                    // the war), in the sentence, else in the two before it.
                    // ("…part of the nationwide cessation that began on Feb. 27 and that it
                    // had no set end date": "it" is not the truce recalled with its date.)
                    let open_to = |t: &Trigger| lasting(t) && !recalled_with_date(text, t);
                    let here: Vec<&Trigger> = triggers.iter().copied().filter(|t| open_to(t)).collect();
                    forced = event_in_reach(&here, &ex.triggers, sentences, si, m.span, text, open_to);
                    let extension = m.span.start >= base && extended_before(&s[..m.span.start - base]);
                    match (forced.is_some(), extension) {
                        // "…and that it had no set end date": "it" points back to the truce.
                        (false, _) if anaphor_before(s, base, m.span).is_some() => ("duration", None, "period"),
                        (false, _) => ("period", None, "period"),
                        (true, true) => ("extension", None, "period"),
                        (true, false) => ("duration", None, "period"),
                    }
                }
                Value::Duration(d) => {
                    // "just minutes before it was due to run out", "two days into the
                    // truce", "hours after it began": how far one moment is from another,
                    // not how long anything lasts.
                    // ("Extended by 48 hours after the US and Russia agreed" is a length.)
                    let lead = text[..m.span.start]
                        .trim_end()
                        .rsplit(|c: char| !c.is_alphanumeric())
                        .next()
                        .unwrap_or("")
                        .to_lowercase();
                    let offset = matches!(
                        crate::mentions::duration::word_after(text, m.span.end).as_str(),
                        "before" | "after" | "into" | "afterwards" | "beforehand"
                    ) && !matches!(
                        lead.as_str(),
                        "by" | "for" | "of" | "lasting" | "last" | "lasts" | "over" | "within"
                    );
                    if offset
                        || d.scope.as_deref().is_some_and(|sc| {
                            matches!(
                                sc,
                                "first" | "past" | "last" | "next" | "previous" | "coming" | "following" | "final"
                            )
                        })
                    {
                        ("period", None, "period")
                    } else if let Some(t) = initial_phase(d, s, base, m.span)
                        .then(|| {
                            let here: Vec<&Trigger> = triggers.iter().copied().filter(|t| lasting(t)).collect();
                            event_in_reach(&here, &ex.triggers, sentences, si, m.span, text, lasting)
                        })
                        .flatten()
                    {
                        // "with an initial 72-hour period", "the initial 48-hour phase": the
                        // first phase of the truce in reach.
                        forced = Some(t);
                        ("duration-initial", None, "period")
                    } else if let Some(t) = triggers
                        .iter()
                        .find(|t| t.span.start >= m.span.end && modifies(&text[m.span.end..t.span.start]))
                    {
                        // "a 48-hour truce", "the five-year civil war"
                        forced = Some(t);
                        ("duration", None, "period")
                    } else {
                        match nearest_cue(duration_cues(), s, base, m.span, 30) {
                            // "extended a \"regime of calm\" in Aleppo by 72 hours": the
                            // length of the extension, however far its verb.
                            c if extended_for(s, base, m.span) => ("extension", c.map(|c| c.1), "period"),
                            // "for another 48 hours", "a further 72 hours": an addition.
                            Some((_, c))
                                if d.scope.as_deref().is_some_and(|sc| {
                                    matches!(sc, "another" | "further" | "additional" | "more" | "extra")
                                }) =>
                            {
                                ("extension", Some(c), "period")
                            }
                            // "extended the regime of calm in Aleppo for 72 hours": the
                            // length of the extension, however far its verb.
                            Some(("duration", c)) if extended_for(s, base, m.span) => ("extension", Some(c), "period"),
                            Some((p, c)) => (p, Some(c), "period"),
                            None => ("period", None, "period"),
                        }
                    }
                }
                Value::Quantity(q) if is_magnitude(q, s, base, m.span) => {
                    // "put the magnitude at 6.2", "a 6.2-magnitude quake", "magnitude 6.0".
                    let quakes: Vec<&Trigger> = triggers.iter().copied().filter(|t| t.harm).collect();
                    forced = pick_trigger(&quakes, m.span, text);
                    ("magnitude", None, "count")
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
                            | "servicemen"
                            | "personnel"
                            | "staff"
                            | "patients"
                            | "doctors"
                            | "nurses"
                            | "guards"
                            | "prisoners"
                            | "inmates"
                            | "migrants"
                            | "refugees"
                            | "pilgrims"
                            | "worshippers"
                            | "tourists"
                            | "villagers"
                            | "shoppers"
                            | "commuters"
                            | "pupils"
                            | "babies"
                            | "girls"
                            | "boys"
                            | "teenagers"
                            | "adults"
                            | "employees"
                            | "journalists"
                            | "firefighters"
                            | "miners"
                            | "sailors"
                            | "marines"
                            | "crew"
                            | "gunmen"
                            | "insurgents"
                            | "jihadists"
                            | "combatants"
                            | "fans"
                            | "spectators"
                            | "members"
                            | "caretakers"
                            | "bystanders"
                            | "hostages"
                            | "individuals"
                            | "recruits"
                            | "cadets"
                            | "volunteers"
                            | "aid workers"
                            | "police"
                            | "guerrillas"
                            | "militiamen"
                            | ""
                    );
                    // A toll is about an event that kills: the nearest such trigger in the
                    // sentence, else the latest one in the two sentences before it.
                    // "The Observatory, which tracks the conflict through activists, said
                    // at least 80 soldiers were killed": the war in what describes the
                    // speaker is not what the toll is of.
                    described = describing_clauses(s, base, m.span);
                    let harmful: Vec<&Trigger> = triggers
                        .iter()
                        .copied()
                        .filter(|t| t.harm && !within_any(&described, t.span))
                        .collect();
                    forced = event_in_reach(&harmful, &ex.triggers, sentences, si, m.span, text, |t: &Trigger| {
                        t.harm
                    });
                    // "284 civilians have been killed since the latest wave of violence
                    // erupted on April 22, in air strikes …": a toll over a period is of the
                    // fighting the sentence names, not of one strike in it.
                    if let Some(p) = period_regex().find(s) {
                        let at = base + p.start();
                        if let Some(t) = harmful
                            .iter()
                            .copied()
                            .filter(|t| t.group == "fighting")
                            .min_by_key(|t| t.span.start.abs_diff(at))
                        {
                            forced = Some(t);
                        }
                    }
                    let property = match by_unit {
                        Some(p) => (p, None, "count"),
                        None if countable_unit => match nearest_cue_within(count_cues(), s, base, m.span, 45, true) {
                            Some((p, c)) => (p, Some(c), "count"),
                            // "The death toll from … has risen to 267": the toll's verb
                            // brings the figure, however long the subject.
                            None if toll_figure(s, base, m.span) => ("deaths", None, "count"),
                            // "Police, however, put the figure at 238": the count the
                            // sentences before were giving.
                            None if let Some(p) = put_figure(
                                s,
                                base,
                                m.span,
                                si.checked_sub(1).map(|p| sentences[p].span.text(text)),
                            ) =>
                            {
                                figure_unit = unit_before(&by_sentence, si, m.span, p);
                                (p, None, "count")
                            }
                            None => match cue_past_appositive(s, base, m.span) {
                                Some((p, c)) => (p, Some(c), "count"),
                                None => ("count", None, "count"),
                            },
                        },
                        None => ("count", None, "count"),
                    };
                    // No event that kills anywhere in the article: shown, not compared.
                    if forced.is_none() && !has_harm {
                        ("count", property.1, "count")
                    } else if is_count(property.0)
                        && property.0 != "count"
                        && background_toll(s, base, m.span, &times_here, published_day)
                    {
                        background = true;
                        (background_property(property.0), property.1, "count")
                    } else {
                        let elsewhere = || toll_elsewhere(s, base, m.span, &entities[si], &struck);
                        // "no deaths had been reported inside Aleppo since the truce took
                        // effect": a count over the time something lasts, not a toll of
                        // the event in reach.
                        let during = || {
                            triggers.iter().any(|t| {
                                t.durative
                                    && t.span.start >= m.span.end
                                    && t.span.start - m.span.end <= 90
                                    && since_before(&text[m.span.end..t.span.start])
                            })
                        };
                        match (
                            is_count(property.0) && property.0 != "count",
                            count_role(s, base, m.span),
                        ) {
                            (true, Some("part")) => (part_property(property.0), property.1, "count"),
                            // "In China's Tibet region, at least 20 people were killed by the
                            // quake" (that struck Nepal): another country's share.
                            (true, None) if elsewhere() || during() => (part_property(property.0), property.1, "count"),
                            (true, Some(_)) => (earlier_property(property.0), property.1, "count"),
                            _ => property,
                        }
                    }
                }
                Value::Stance(st) => {
                    // Blame and intent are about an event that harms; a truce's status about
                    // a lasting one: in the sentence, else in the two before it.
                    let wanted = |t: &Trigger| {
                        if st.aspect == "status" {
                            t.durative && t.group != "war"
                        } else {
                            t.harm
                        }
                    };
                    let here: Vec<&Trigger> = triggers.iter().copied().filter(|t| wanted(t)).collect();
                    forced = event_in_reach(&here, &ex.triggers, sentences, si, m.span, text, wanted);
                    (
                        match st.aspect.as_str() {
                            "responsibility" => "responsibility",
                            "intent" => "intent",
                            _ => "status",
                        },
                        None,
                        "stance",
                    )
                }
                _ => continue,
            };
            // The trigger the claim is about.
            let open = matches!(&m.value, Value::Duration(d) if d.open);
            let forced_rule = if open || matches!(m.value, Value::Quantity(_) | Value::Stance(_)) {
                if forced.is_some_and(|t| t.sentence != si) {
                    "attach.previous-sentence"
                } else if open {
                    "attach.lasting"
                } else {
                    "attach.harm"
                }
            } else {
                "attach.modifier"
            };
            // An extension is of something agreed (a truce, talks), not of the fighting near
            // it ("the truce had been extended by 48 hours, as fighting raged").
            let mut picked = forced.map(|t| (t, forced_rule)).or_else(|| {
                let nearest = if property == "extension" {
                    let extendable: Vec<&Trigger> = triggers
                        .iter()
                        .copied()
                        .filter(|t| t.durative && t.group != "war" && t.group != "fighting")
                        .collect();
                    pick_trigger(&extendable, m.span, text)
                } else if !described.is_empty() {
                    let outside: Vec<&Trigger> = triggers
                        .iter()
                        .copied()
                        .filter(|t| !within_any(&described, t.span))
                        .collect();
                    pick_trigger(&outside, m.span, text)
                } else {
                    pick_trigger(&triggers, m.span, text)
                };
                nearest.map(|t| (t, "attach.same-sentence"))
            });
            // An anaphor that opens the value's clause wins over a trigger further away. A
            // time no verb ties to an event is not the antecedent's ("said it had cut ties
            // with al-Qaeda in July": "it" is the group, and July is no truce's).
            if forced.is_none() && (cue.is_some() || !matches!(m.value, Value::Time(_))) {
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
                        let lasting_value = matches!(m.value, Value::Time(_) | Value::Duration(_));
                        if let Some(t) = antecedent(&ex.triggers, text, si, ana, agreement, 3, lasting_value) {
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
            let mut event_time = false;
            // "had been planning his attack for a year", "sent Munich into lockdown for
            // several hours": an event that happens (an attack, a quake) has no length of its
            // own to compare; the lengths near it are of other things.
            if matches!(property.as_str(), "duration" | "extension") && trigger.is_some_and(|t| !t.durative) {
                property = "period".to_string();
            }
            // "conducted an airstrike in Kunduz city at 2:15 a.m.": the clock time of an event
            // that happens, right after it, is when it began.
            if property == "time" && trigger.is_some_and(|t| event_clock(t, m, text)) {
                property = "start".to_string();
                event_time = true;
            }
            // "It will initially last 48 hours": the first phase's length.
            if property == "duration" && initially_before(s, base, m.span) {
                property = "duration-initial".to_string();
            }
            // "Two quakes, measuring 7.6 and 7.4", "five more small quakes measuring
            // between 1.0 and 1.9", "it was followed by a 2.0-magnitude quake": the magnitude
            // of one of several quakes, or of another one, not of the event.
            if property == "magnitude"
                && (trigger.is_some_and(|t| several_or_another(t, text))
                    || background_toll(s, base, m.span, &times_here, published_day))
            {
                property = "magnitude-other".to_string();
            }
            // "If the truce holds for seven days", "had hoped it would hold for a week": a
            // condition or a hope, not a claim; "a magnitude 6 quake can cause severe
            // damage": what such events do, not what this one did.
            let hypothetical = hypothetical_before(s, base, m.span)
                || generic_sentence(s)
                || matches!(m.value, Value::Quantity(_)) && projected_before(s, base, m.span);
            if hypothetical && !matches!(m.value, Value::Stance(_)) {
                property = weak.to_string();
            }
            // Without an event in reach, a time or length is shown but not compared; tolls
            // belong to the article's main event and stay comparable, and so does the time
            // of a killing (its verb is the event: "a suicide bomber killed 22 … on Monday").
            if trigger.is_none() && weak != "count" && weak != "stance" && !by_killing {
                property = weak.to_string();
            }
            if property == "count" && weak == "count" {
                property = "count".to_string();
            }
            // A stance's own verb may be the reporting verb ("Damascus denied …").
            let at = if matches!(m.value, Value::Stance(_)) {
                Span::new(m.span.end, m.span.end)
            } else {
                m.span
            };
            let (speaker, conduit, verb, srule) =
                speaker_for(si, at, sentence, &attributions, &sentence_speaker, sentences, text);
            // A direct quotation: the value stands inside the speaker's quoted words.
            let direct = speaker.is_some() && (sentence.in_quote(m.span.start) || sentence.continues_quote);
            let party = speaker.as_ref().and_then(|sp| parties.get(sp).cloned());
            let mut value = m.value.clone();
            if let (Some(u), Value::Quantity(q)) = (figure_unit, &mut value) {
                q.unit.get_or_insert(u);
            }
            let span = extended.get(&mi).copied().unwrap_or(m.span);
            let id = format!("{}:{}-{}", source.id, span.start, span.end);
            let mut cue_rule = match (cue.is_some(), background) {
                (true, false) => "cue",
                (false, false) => "no-cue",
                (true, true) => "cue + background",
                (false, true) => "no-cue + background",
            };
            if event_time {
                cue_rule = "event-clock";
            }
            // "revised the death toll to 31": a figure that says it replaces an earlier one.
            let revision = matches!(m.value, Value::Quantity(_)) && is_count(&property) && revised_to(s, base, m.span);
            // "50 people were killed, including the gunman": the toll counts the attacker.
            if matches!(m.value, Value::Quantity(_))
                && is_count(&property)
                && includes_perpetrator(&text[m.span.end..sentence.span.end])
            {
                cue_rule = if cue.is_some() {
                    "cue + incl-perpetrator"
                } else {
                    "no-cue + incl-perpetrator"
                };
            }
            let claim = Claim {
                id,
                source: source.id.clone(),
                span,
                text: span.text(text).to_string(),
                subject: String::new(),
                property,
                value,
                speaker,
                conduit,
                party,
                verb,
                direct,
                rule: format!(
                    "{} + {attach_rule} + {cue_rule} + {srule}{}{}",
                    m.rule,
                    if sentence.headline { " + headline" } else { "" },
                    if revision { " + revision" } else { "" }
                ),
                trigger: trigger.map(|t| t.span),
                sentence: si,
                said: said.clone(),
            };
            ex.claims.extend(split_readings(claim, text));
        }
        // "extended by 48 hours on Wednesday": the extension was made then.
        // Only in its own clause: "The initial period was renewed on Wednesday, and
        // yesterday the military said it had been extended by a further 72 hours" is two
        // extensions.
        let made = ex.claims[first_claim..]
            .iter()
            .find(|c| c.property == "extended")
            .map(|c| (c.value.clone(), c.span));
        if let Some((Value::Time(t), at)) = made {
            for c in ex.claims[first_claim..]
                .iter_mut()
                .filter(|c| c.property == "extension")
            {
                let (a, b) = if at.end <= c.span.start {
                    (at.end, c.span.start)
                } else {
                    (c.span.end, at.start)
                };
                let between = text.get(a..b.max(a)).unwrap_or("");
                if !another_clause(between) && !between.contains(", and ") {
                    c.said = Some(Box::new(t.clone()));
                }
            }
        }
        let derived = derived_ends(&ex.claims[first_claim..], text);
        ex.claims.extend(derived);
    }
    anchor_bare_clocks(&mut ex, text, published_day);
    // In a live blog, what an entry tells is as of the entry's clock.
    let entries = crate::liveblog::entries(source);
    if !entries.is_empty() {
        for c in ex.claims.iter_mut().filter(|c| c.said.is_none()) {
            if let Some((_, posted)) = entries.iter().rev().find(|(at, _)| *at <= c.span.start) {
                c.said = Some(Box::new(posted.clone()));
            }
        }
    }
    // A figure the article says counts the attacker counts him wherever it repeats it.
    let with_attacker: Vec<(String, String)> = ex
        .claims
        .iter()
        .filter(|c| c.rule.contains("incl-perpetrator"))
        .map(|c| (c.property.clone(), c.value.display()))
        .collect();
    for c in ex.claims.iter_mut() {
        if is_count(&c.property)
            && !c.rule.contains("incl-perpetrator")
            && with_attacker
                .iter()
                .any(|(p, v)| *p == c.property && *v == c.value.display())
        {
            c.rule = c.rule.replacen(" + cue + ", " + cue + incl-perpetrator + ", 1);
            if !c.rule.contains("incl-perpetrator") {
                c.rule = c.rule.replacen(" + no-cue + ", " + no-cue + incl-perpetrator + ", 1);
            }
        }
    }
    // A figure the article says the toll was revised to is the revision wherever it
    // repeats it ("revised the death toll to 31. … said 31 people had been killed").
    let revised: Vec<(String, f64)> = ex
        .claims
        .iter()
        .filter(|c| c.rule.contains("+ revision"))
        .filter_map(|c| match &c.value {
            Value::Quantity(q) => Some((c.property.clone(), q.value)),
            _ => None,
        })
        .collect();
    for c in ex.claims.iter_mut() {
        let Value::Quantity(q) = &c.value else { continue };
        if !c.rule.contains("+ revision") && revised.iter().any(|(p, v)| *p == c.property && *v == q.value) {
            c.rule.push_str(" + revision");
        }
    }
    ex
}

/// "The quake struck at 0737 GMT", "It hit at 1:53 p.m. local time": a clock time that
/// names no day is read on the publication day, but the article's own event is on the day
/// its other times name ("struck on Sunday"). Such a clock is moved to the day named by the
/// nearest time claim of an event of the same group in the article.
fn anchor_bare_clocks(ex: &mut Extraction, text: &str, published: Option<jiff::civil::Date>) {
    static DAY_WORD: OnceLock<Regex> = OnceLock::new();
    let day_word = DAY_WORD.get_or_init(|| {
        crate::regexes::new(r"(?i)\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|\b(?:today|yesterday|tonight|tomorrow|overnight)\b|\blast\s+night\b|\bthis\s+(?:morning|afternoon|evening)\b|\d{1,2}/\d{1,2}|\d{4}-\d{2}-\d{2}").unwrap()
    });
    // "2 p.m. (1200 GMT) on Sunday": the day after a conversion in brackets is the day of
    // both readings, though neither claim's own words hold it.
    static DAY_PAST_BRACKETS: OnceLock<Regex> = OnceLock::new();
    let day_past_brackets = DAY_PAST_BRACKETS
        .get_or_init(|| crate::regexes::new(r"^\s*(?:\([^()]{0,40}\)|\))\s*(?:on\s+|of\s+)?([\p{L}\d/-]+)").unwrap());
    let names_day = |c: &Claim| {
        day_word.is_match(&c.text)
            || text
                .get(c.span.end..)
                .and_then(|after| day_past_brackets.captures(after))
                .and_then(|m| m.get(1))
                .is_some_and(|w| day_word.is_match(w.as_str()))
    };
    let Some(published) = published else { return };
    let groups: BTreeMap<Span, &str> = ex.triggers.iter().map(|t| (t.span, t.group.as_str())).collect();
    let group_of = |t: Option<Span>| t.and_then(|t| groups.get(&t).copied());
    let timed = |p: &str| matches!(p, "occurred" | "start" | "end" | "time");
    // Per group, the days the article's dated claims name, in text order; under `None`,
    // those of claims no trigger is near (a lead's "killed 22 people … on Monday night"
    // names the day of the explosion its next sentence tells the clock of).
    let mut days: BTreeMap<Option<&str>, Vec<(usize, jiff::civil::Date, &str)>> = BTreeMap::new();
    for c in &ex.claims {
        let Value::Time(t) = &c.value else { continue };
        if !timed(&c.property)
            || c.rule.starts_with("derived")
            || !matches!(t.grain, Grain::Day | Grain::PartOfDay | Grain::Hour | Grain::Minute)
            || !day_word.is_match(&c.text)
        {
            continue;
        }
        if let Some(iv) = t.interval() {
            if c.trigger.is_none() || group_of(c.trigger).is_some() {
                days.entry(group_of(c.trigger))
                    .or_default()
                    .push((c.span.start, iv.start.date(), c.property.as_str()));
            }
        }
    }
    for v in days.values_mut() {
        v.sort();
    }
    let mut moves: Vec<(usize, i64)> = Vec::new();
    for (i, c) in ex.claims.iter().enumerate() {
        let Value::Time(t) = &c.value else { continue };
        if !timed(&c.property)
            || c.rule.starts_with("derived")
            || !matches!(t.grain, Grain::Minute | Grain::Hour | Grain::PartOfDay)
            || names_day(c)
        {
            continue;
        }
        let Some(g) = group_of(c.trigger) else { continue };
        // A lasting event's start or end is on the day its start or end is told on, not on
        // a day the article names with no verb ("talks in Geneva on Saturday"); a sudden
        // event's clock is on any day the article gives it.
        let fits = |p: &str| !matches!(c.property.as_str(), "start" | "end") || p == c.property || p == "occurred";
        let mut named: Vec<(usize, jiff::civil::Date)> = [Some(g), None]
            .iter()
            .filter_map(|k| days.get(k))
            .flatten()
            .filter(|(_, _, p)| fits(p))
            .map(|&(at, day, _)| (at, day))
            .collect();
        if named.is_empty() {
            continue;
        }
        named.sort();
        let Some(on) = t.interval().map(|iv| iv.start.date()) else {
            continue;
        };
        // Only a clock the reading put on the publication day (or the evening before it,
        // when the article gives no time of day): one that names its own day is kept.
        let days_before = (published - on).get_days();
        if !(0..=1).contains(&days_before) {
            continue;
        }
        // The nearest day before or after it (the earlier on a tie).
        let at = c.span.start;
        let k = named.partition_point(|(p, _)| *p < at);
        let nearest = [k.checked_sub(1), Some(k)]
            .into_iter()
            .flatten()
            .filter_map(|j| named.get(j))
            .min_by_key(|(p, _)| (p.abs_diff(at), *p));
        if let Some((_, day)) = nearest {
            let delta = (*day - on).get_days() as i64;
            if delta != 0 && delta.abs() <= 7 {
                moves.push((i, delta));
            }
        }
    }
    for (i, delta) in moves {
        if let Value::Time(t) = &mut ex.claims[i].value {
            shift_days(t, delta);
            // (A converted reading's rule keeps its ending, which findings look for.)
            if !ex.claims[i].rule.ends_with("reading.converted") {
                ex.claims[i].rule.push_str(" + day-of-event");
            }
        }
    }
}

/// Moves every date a time value writes (start, end, TIMEX3 value, its other readings) by
/// whole days.
fn shift_days(t: &mut crate::mentions::TimeValue, delta: i64) {
    let shift = |s: &mut String| {
        if let Some(d) = s.get(..10).and_then(|d| d.parse::<jiff::civil::Date>().ok()) {
            if let Ok(moved) = d.checked_add(jiff::Span::new().days(delta)) {
                *s = format!("{}{}", moved, &s[10..]);
            }
        }
    };
    if let Some(s) = t.start.as_mut() {
        shift(s);
    }
    if let Some(s) = t.end.as_mut() {
        shift(s);
    }
    shift(&mut t.timex);
    for r in t.readings.iter_mut() {
        shift_days(r, delta);
    }
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

/// How far back a killing verb may stand from the time it is dated by.
const KILLING_REACH: usize = 160;

/// Whether the clause before a time holds a verb of killing or blowing up and nothing
/// between them is another verb's ("killed 22 people, including children, at a concert …
/// on Monday night", "blew himself up at a pop concert … on Tuesday night"): the time is
/// when the killing happened. A time before the verb ("on Tuesday, police said 22 were
/// killed"), one past a statement or a clause of its own ("killed 22, was claimed on
/// Tuesday", "killed 30 before troops arrived on Friday") or a death ("died in hospital
/// on Friday") is not.
fn killing_before(sentence: &str, base: usize, span: Span) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        crate::regexes::new(
            r"(?i)\b(?:killed|killing|blew\s+(?:himself|herself|themselves|itself)\s+up|detonated|set\s+off\s+(?:a|an|his|her|the|their)\s+(?:bomb|device|explosives?|suicide\s+vest))\b",
        )
        .unwrap()
    });
    if span.start < base {
        return false;
    }
    let before = &sentence[..span.start - base];
    let Some(m) = re.find_iter(before).last() else {
        return false;
    };
    let gap = &before[m.end()..];
    if gap.len() > KILLING_REACH || gap.contains([';', ':', '"', '\u{201c}', '\u{201d}']) || subordinates(gap) {
        return false;
    }
    !gap.split(|c: char| !c.is_alphabetic()).any(|w| {
        let w = w.to_lowercase();
        matches!(
            w.as_str(),
            "said"
                | "says"
                | "say"
                | "told"
                | "was"
                | "were"
                | "is"
                | "are"
                | "has"
                | "have"
                | "had"
                | "will"
                | "would"
                | "but"
                | "later"
        ) || w.len() >= 5
            && w.ends_with("ed")
            && !matches!(
                w.as_str(),
                "injured" | "wounded" | "hundred" | "armed" | "crowded" | "packed"
            )
    })
}

/// Whether a time follows "since" after a superlative ("the deadliest attack since 2001",
/// "the worst violence since February"): a point of comparison, not the event's time.
fn since_superlative(sentence: &str, base: usize, span: Span) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        crate::regexes::new(r"(?i)\b(?:worst|deadliest|biggest|largest|bloodiest|heaviest|strongest|most\s+\w+|first|highest|lowest)\b[^.;]{0,80}\bsince\s+(?:the\s+)?$").unwrap()
    });
    re.is_match(&sentence[..span.start - base])
}

/// Whether a time is the day a count stood at its figure ("the death toll rose to 3,726 on
/// Monday", "had climbed to more than 5,000 by Tuesday", "stood at 31 as of Wednesday",
/// "4,138 people had been killed by Monday evening"):
/// the day of the report, not of the event the toll is of.
fn count_day(sentence: &str, base: usize, span: Span) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        crate::regexes::new(
            r"(?i)\b(?:rose|risen|rises|rising|climbed|climbs|climbing|reached|reaches|stood|stands|jumped|increased|grew|hit|topped|passed|surpassed|mounted)\s+(?:to|at|above|past|over|beyond)?\s*(?:(?:more|fewer|less)\s+than|about|around|nearly|almost|at\s+least|some|over)?\s*\d[\d,.]*(?:\s+(?:people|dead|deaths|victims|lives|killed|injured|wounded))?\s*,?\s*(?:on|by|as\s+of|late\s+on|early\s+on|till|until|up\s+(?:till|until|to))\s+$|\d[\d,.]*\s+(?:[a-z]+\s+){0,2}?(?:had\s+been\s+|have\s+been\s+|has\s+been\s+|were\s+|been\s+)?(?:killed|confirmed\s+dead|dead|died|counted)\s+(?:by|as\s+of|till|until)\s+$",
        )
        .unwrap()
    });
    span.start >= base && re.is_match(&sentence[..span.start - base])
}

/// Whether a trigger names something agreed that lasts (a truce), not a war or fighting:
/// what an open-ended or first-phase length is the length of.
fn lasting(t: &Trigger) -> bool {
    t.durative && t.group != "war" && t.group != "fighting"
}

/// Whether a length is written as the first phase of something ("an initial 72-hour
/// period", "the initial 48-hour phase", "its first 48-hour window").
fn initial_phase(d: &crate::mentions::DurationValue, sentence: &str, base: usize, span: Span) -> bool {
    // The word after the length and the word before it, compared without copying the
    // sentence.
    let next = sentence[span.end - base..]
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty());
    let prev = sentence[..span.start - base]
        .rsplit(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty());
    let is = |w: Option<&str>, words: &[&str]| w.is_some_and(|w| words.iter().any(|x| w.eq_ignore_ascii_case(x)));
    let phase = is(next, &["period", "phase", "stage", "window", "trial"]);
    let initial = d.scope.as_deref().is_some_and(|sc| sc.ends_with("initial"))
        || is(prev, &["initial", "first", "original", "opening"]);
    phase && initial
}

fn initially_before(sentence: &str, base: usize, span: Span) -> bool {
    let before = &sentence[sentence.floor_char_boundary((span.start - base).saturating_sub(40))..span.start - base];
    let clause = before.rsplit([',', ';', ':']).next().unwrap_or(before).to_lowercase();
    clause.contains("initially") || clause.contains("at first") || clause.contains("initial ")
}

/// Whether the value's clause is a condition, a hope or a demand, not a statement of fact
/// ("if the truce holds for seven days", "they hoped it would hold for a week").
fn hypothetical_before(sentence: &str, base: usize, span: Span) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        crate::regexes::new(r"(?i)\b(?:if|unless|provided|once|as\s+soon\s+as|hoped?|hopes|hoping|wants?|wanted|urged?|demand(?:s|ed)?|needs?\s+to|aims?\s+to|would\s+have\s+to|might|could\s+have)\b").unwrap()
    });
    let before = &sentence[..span.start - base];
    let clause = before.rsplit([';', ':']).next().unwrap_or(before);
    let clause = clause.rsplit(", ").next().unwrap_or(clause);
    re.is_match(clause)
}

/// Whether a figure is what a count is feared or expected to reach, not what it is ("the
/// death toll could reach 10,000", "is expected to rise above 500", "may eventually top
/// 1,000").
fn projected_before(sentence: &str, base: usize, span: Span) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        crate::regexes::new(r"(?i)\b(?:could|may|might|would|will|(?:(?:is|are|was|were)\s+)?(?:likely|expected|feared|set|projected|forecast|predicted)\s+to)\s+(?:\w+\s+)?(?:reach|rise\s+(?:to|above|beyond|past|over)|climb\s+(?:to|above|past|over)|exceed|top|surpass|pass|hit|go\s+(?:above|beyond|past|over))\s+(?:as\s+(?:many|high)\s+as\s+|more\s+than\s+|over\s+|about\s+|around\s+|nearly\s+|at\s+least\s+)?$").unwrap()
    });
    span.start >= base && re.is_match(&sentence[..span.start - base])
}

/// Whether a sentence says what events of a kind do ("A magnitude 6 quake can cause
/// severe damage", "Quakes of magnitude 2 and 3 are common in the area").
fn generic_sentence(sentence: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        crate::regexes::new(r"(?i)^\W*(?:(?:a|an|such)\s+(?:[^,;.]|\.\d){0,50}?\b(?:can|could|may|might|typically|usually|often|generally|tend\s+to)\s+(?:cause|kill|trigger|damage|destroy|produce|bring|lead|result|be|do|reach)\b|[^,;.]{0,80}?\b(?:are|is)\s+(?:common|frequent|rare|routine|not\s+unusual|unusual)\b)").unwrap()
    });
    re.is_match(sentence)
}

/// Whether a trigger names several events or another one than the story's: a plural
/// ("quakes", "aftershocks"), "more" or "another" before it, "followed by" ("it was
/// followed by a 2.0-magnitude quake"), or one of several ("dozens of aftershocks,
/// including a 6.7-magnitude tremor").
fn several_or_another(t: &Trigger, text: &str) -> bool {
    let word = &text[t.span.start..t.span.end];
    let last = word.rsplit(char::is_whitespace).next().unwrap_or(word).to_lowercase();
    let singular = t
        .word
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or(&t.word)
        .to_lowercase();
    if last != singular && last.ends_with('s') {
        return true;
    }
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        crate::regexes::new(r"(?i)(?:\b(?:another|more|other|second|third|smaller|separate)\s+(?:[\p{L}\d.,-]+\s+){0,4}|\bfollowed\s+by\s+(?:a|an)\s+(?:[\p{L}\d.,-]+\s+){0,5}|\b(?:including|among\s+them|such\s+as)\s+(?:a|an|one)\s+(?:[\p{L}\d.,-]+\s+){0,4})$").unwrap()
    });
    let before = &text[text.floor_char_boundary(t.span.start.saturating_sub(60))..t.span.start];
    re.is_match(before)
}

/// Whether the time of a statement is when a party declared something over: the reported
/// clause right after it says it ended ("announced on Monday that the week-long truce was
/// over", "said early Tuesday that the seven-day truce had ended").
fn declared_over(sentence: &str, base: usize, span: Span) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        crate::regexes::new(r"(?i)^\s*,?\s*that\s+(?:the\s+|its\s+|a\s+)?(?:[\p{L}'’-]+\s+){0,7}?(?:had|has|was|is|were|have)\s+(?:now\s+|officially\s+)?(?:ended|over|collapsed|expired|finished|come\s+to\s+an\s+end)\b").unwrap()
    });
    span.end >= base && re.is_match(&sentence[span.end - base..])
}

/// Whether a figure is what a toll rose to or stands at ("the death toll … has risen to
/// 267", "the toll stands at 50", "the number of miners killed … has risen to 284").
fn toll_figure(sentence: &str, base: usize, span: Span) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        crate::regexes::new(r"(?i)\b(?:toll|number\s+of\s+(?:[\p{L}-]+\s+){0,2}?(?:killed|dead|deaths|victims|fatalities|bodies))\b[^.;]{0,120}?\b(?:rose|risen|rises|climbed|increased|reached|jumped|stands|stood|was\s+put|is|was|hit)\s+(?:to|at|by)?\s*(?:more\s+than\s+|at\s+least\s+|over\s+|nearly\s+|about\s+)?$").unwrap()
    });
    let rs = span.start - base;
    re.is_match(&sentence[..rs])
}

/// The relative clauses set off by commas before a figure (", which tracks the conflict
/// through activists on the ground,"), as text ranges: what they hold describes a noun,
/// and is not what the figure after them is about.
fn describing_clauses(sentence: &str, base: usize, span: Span) -> Vec<(usize, usize)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    // Only a clause the speaker's reporting verb follows: "Rescuers, who reached the
    // collapsed factory, found 30 bodies" keeps its factory.
    let re = RE.get_or_init(|| {
        crate::regexes::new(r",\s+(?:which|who|whose)\s+[^,;:()]{3,160}?,\s+(?:said|says|say|told|tells|reported|reports|added|estimated|estimates|confirmed|announced|stated|claimed|put|puts)\b").unwrap()
    });
    let upto = span.start.saturating_sub(base).min(sentence.len());
    re.find_iter(&sentence[..sentence.floor_char_boundary(upto)])
        .map(|m| (base + m.start(), base + m.end()))
        .collect()
}

/// Whether a span lies inside one of the ranges.
fn within_any(ranges: &[(usize, usize)], span: Span) -> bool {
    ranges.iter().any(|&(a, b)| a <= span.start && span.end <= b)
}

/// The counted noun of the latest figure before `span`, in its sentence or the one before,
/// that can count `property` ("62 soldiers were killed, with 100 wounded; the Observatory
/// puts the figure at 90": soldiers, the wounded being no count of the dead).
fn unit_before(by_sentence: &[Vec<(usize, &Mention)>], si: usize, span: Span, property: &str) -> Option<String> {
    let other = if property == "injured" { "deaths" } else { "injured" };
    let here = by_sentence[si].iter().rev().filter(|(_, m)| m.span.end <= span.start);
    let before = si
        .checked_sub(1)
        .map(|p| by_sentence[p].iter().rev())
        .into_iter()
        .flatten();
    here.chain(before)
        .find_map(|(_, m)| match &m.value {
            Value::Quantity(q) => q.unit.as_deref().filter(|u| {
                let class = match *u {
                    "deaths" | "dead" | "fatalities" | "bodies" | "lives" => "deaths",
                    "injuries" | "injured" | "wounded" => "injured",
                    // Only nouns for people: "homes" or "trucks" are no toll's.
                    "people" | "persons" | "civilians" | "soldiers" | "troops" | "fighters" | "rebels"
                    | "militants" | "children" | "women" | "men" | "miners" | "workers" | "passengers" | "victims"
                    | "residents" | "policemen" | "officers" | "servicemen" | "others" => "",
                    _ => other,
                };
                class != other
            }),
            _ => None,
        })
        .map(str::to_string)
}

/// What a figure given as an estimate counts: "put the figure at 238", "puts the death
/// toll at 90", "gave the number of injured at 40". A toll, or the injured, when its own
/// words say so; a bare "figure" or "number" is the count the sentence (or the one before)
/// was giving: the dead when it tells of deaths, else the injured when it tells of them.
fn put_figure(sentence: &str, base: usize, span: Span, previous: Option<&str>) -> Option<&'static str> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        crate::regexes::new(r"(?i)\b(?:put|puts|putting|placed|places|placing|gave|gives|giving|estimated|estimates|estimating|set|sets)\s+(?:the|its|their|his|her|that|this|an?)\s+(?:[\p{L}-]+\s+){0,2}?(?:toll|figure|number|count|tally|total|estimate)(?:\s+of\s+(?:the\s+)?(?:dead|deaths|killed|victims|fatalities|bodies|injured|wounded|injuries|casualties|people\s+(?:killed|dead|injured|wounded)))?\s+at\s+$").unwrap()
    });
    let rs = span.start - base;
    let phrase = re.find(&sentence[..rs])?;
    let injury = |t: &str| {
        let t = t.to_lowercase();
        ["injur", "wounded", "hurt"].iter().any(|w| t.contains(w))
    };
    let own = phrase.as_str();
    if injury(own) {
        return Some("injured");
    }
    if tells_deaths(own) || own.to_lowercase().contains("toll") || own.to_lowercase().contains("victims") {
        return Some("deaths");
    }
    // "put the total at 12,000": a total or an estimate counts the dead only when its own
    // words say so.
    let lower = own.to_lowercase();
    if lower.contains("total") || lower.contains("estimate") {
        return None;
    }
    let before = &sentence[..phrase.start()];
    if tells_deaths(before) || previous.is_some_and(tells_deaths) {
        Some("deaths")
    } else if injury(before) || previous.is_some_and(injury) {
        Some("injured")
    } else {
        None
    }
}

/// Whether a number is an earthquake's magnitude: "magnitude" beside it ("magnitude 6.0",
/// "put the magnitude at 6.2", "a 6.2-magnitude quake", "6.1 on the Richter scale").
fn is_magnitude(q: &crate::mentions::QuantityValue, sentence: &str, base: usize, span: Span) -> bool {
    // (A unit carried over from an earlier figure does not make "1.4 million in need of
    // food" a magnitude: no quake reaches 10.)
    if q.value <= 0.0 || q.value >= 10.0 {
        return false;
    }
    if q.unit.as_deref() == Some("magnitude") {
        return true;
    }
    let (rs, re) = (span.start - base, span.end - base);
    let before = sentence[sentence.floor_char_boundary(rs.saturating_sub(30))..rs].to_lowercase();
    let after = sentence[re..sentence.ceil_char_boundary((re + 25).min(sentence.len()))].to_lowercase();
    let before_clause = before.rsplit([',', ';', '(']).next().unwrap_or("");
    // "1.4 million in need of food": a number of something, whatever the sentence is about.
    let word_after = after.split_whitespace().next().unwrap_or("");
    if q.unit
        .as_deref()
        .is_some_and(|u| u.contains("million") || u.contains("billion"))
        || matches!(word_after, "million" | "billion" | "thousand" | "percent" | "per" | "%")
    {
        return false;
    }
    let seismic = {
        let l = sentence.to_lowercase();
        l.contains("magnitude") || l.contains("quake") || l.contains("richter")
    };
    before_clause.contains("magnitude")
        || after.starts_with("-magnitude")
        || after.trim_start().starts_with("magnitude")
        || after.contains("richter")
        || seismic && before_clause.contains("measured") && before_clause.trim_end().ends_with(" at")
}

/// Whether the words after a toll say it counts the attacker ("…, including the gunman").
fn includes_perpetrator(after: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        crate::regexes::new(r"(?i)^[^.;]{0,40}?\b(?:including|counting|among\s+them)\s+(?:the\s+)?(?:gunman|shooter|attacker|bomber|assailant|driver|perpetrator|suspect|killer|hijacker)\b").unwrap()
    });
    re.is_match(after)
}

/// Whether a toll is a part of a larger one ("including 10 children", "124 in
/// government-held districts", "made up of 190 deaths in Rieti province and 57 in …") or a
/// figure its own sentence says was superseded ("initially put the toll at 14", "had put
/// the toll at more than 120"), or an addition to one ("another four died", "two more
/// bodies"): `Some("part")`, `Some("earlier")`, or `None` for a toll.
fn count_role(sentence: &str, base: usize, span: Span) -> Option<&'static str> {
    static PART_BEFORE: OnceLock<Regex> = OnceLock::new();
    static PART_AFTER: OnceLock<Regex> = OnceLock::new();
    static EARLIER: OnceLock<Regex> = OnceLock::new();
    let part_before = PART_BEFORE.get_or_init(|| {
        crate::regexes::new(r"(?i)(?:\b(?:including|among\s+them|among\s+whom|of\s+whom|of\s+them|made\s+up\s+of|comprising|of\s+which|among\s+the\s+dead\s+were|among\s+those\s+killed\s+were)\s+(?:\S+\s+){0,2}|\band\s+|^\s*(?:of|among)\s+(?:those|them|these|the\s+(?:dead|victims|killed|total|toll))\s*,\s*(?:\S+\s+){0,2})$")
            .unwrap()
    });
    let part_after = PART_AFTER.get_or_init(|| {
        crate::regexes::new(r"(?i)^\s*(?:[\p{L}-]+\s+){0,3}?(?:of\s+them|of\s+whom|of\s+the\s+(?:dead|victims|killed|injured|wounded)|of\s+those\s+(?:killed|injured|wounded|who\s+died)|were\s+among|was\s+among|among\s+the\s+(?:dead|victims|killed|injured|wounded)|in\s+(?:the\s+)?(?:[\p{L}]+\s+)?(?:government|rebel|opposition|regime|army|insurgent|militant|kurdish)[- ](?:held|controlled|run))")
            .unwrap()
    });
    let earlier = EARLIER.get_or_init(|| {
        crate::regexes::new(r"(?i)\b(?:initially|at\s+first|first|earlier|previously|originally|had\s+put|had\s+given|had\s+said|preliminary|an\s+early)\b")
            .unwrap()
    });
    let (rs, re) = (span.start - base, span.end - base);
    let before = &sentence[sentence.floor_char_boundary(rs.saturating_sub(50))..rs];
    let clause_before = before.rsplit([';', ':', '.']).next().unwrap_or(before);
    let after = &sentence[re..sentence.ceil_char_boundary((re + 60).min(sentence.len()))];
    // "At least 30 were killed — 10 of them children": after a dash, a part only when a
    // count came before the dash in its sentence (not the dash of a dateline, "BEIRUT
    // (AP) — At least 30 people …").
    // "14 people were killed at the airport and 20 in the metro": a toll shared out over
    // places is made of parts, both the first and the second.
    static SHARED_FIRST: OnceLock<Regex> = OnceLock::new();
    static SHARED_SECOND: OnceLock<Regex> = OnceLock::new();
    let shared_first = SHARED_FIRST.get_or_init(|| {
        crate::regexes::new(r"(?i)^\s*(?:[\p{L}-]+\s+){0,3}?(?:at|in)\s+(?:the\s+)?[\p{L}-]+(?:\s+[\p{L}-]+)?\s+and\s+(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[\p{L}]+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b(?:\s+[\p{L}-]+){0,2}?\s+(?:at|in|on)\s")
            .unwrap()
    });
    let shared_second = SHARED_SECOND.get_or_init(|| {
        crate::regexes::new(r"(?i)\b(?:at|in)\s+(?:the\s+)?[\p{L}-]+(?:\s+[\p{L}-]+)?\s+and\s+$").unwrap()
    });
    static PLACED_NEXT: OnceLock<Regex> = OnceLock::new();
    let placed_next =
        PLACED_NEXT.get_or_init(|| crate::regexes::new(r"^\s*(?:[\p{L}-]+\s+){0,2}?(?:at|in|on)\s").unwrap());
    if shared_first.is_match(after) {
        return Some("part");
    }
    if shared_second.is_match(clause_before)
        && crate::mentions::numbers::has_count(clause_before)
        && placed_next.is_match(after)
    {
        return Some("part");
    }
    static DASH: OnceLock<Regex> = OnceLock::new();
    let dash = DASH.get_or_init(|| crate::regexes::new(r"\s(?:-|–|—)\s+$").unwrap());
    if let Some(d) = dash.find(clause_before) {
        let lead = &sentence[..rs - (clause_before.len() - d.start())];
        if crate::mentions::numbers::has_count(lead) {
            return Some("part");
        }
    }
    // "… 155 of them in opposition-held areas and 124 in government-held districts": a
    // count after "and" is a part only when a part came before it.
    if part_before.is_match(clause_before) {
        let and_only = clause_before.trim_end().to_lowercase().ends_with(" and")
            || clause_before.trim_end().eq_ignore_ascii_case("and");
        // "made up of 190 deaths in Rieti and 57 in Ascoli Piceno": after "and", a part only
        // when the clause listed parts before it.
        static LISTED: OnceLock<Regex> = OnceLock::new();
        let listed = LISTED.get_or_init(|| {
            crate::regexes::new(r"(?i)\b(?:including|among\s+them|made\s+up\s+of|comprising|of\s+which|among\s+the\s+(?:dead|victims)\s+were)\s+(?:\S+\s+){0,2}?\d|\d[\d,]*\s+of\s+(?:them|whom|the\s+(?:dead|victims|killed|injured|wounded))\b").unwrap()
        });
        let clause = sentence[..rs].rsplit([';', ':']).next().unwrap_or("");
        if !and_only || part_after.is_match(after) || listed.is_match(clause) {
            return Some("part");
        }
    }
    if part_after.is_match(after) {
        return Some("part");
    }
    // "Another four people died in hospital", "the bodies of two more victims were found",
    // "a further 12 were injured": an addition to a toll, not the toll.
    static ADDED: OnceLock<Regex> = OnceLock::new();
    let added = ADDED.get_or_init(|| {
        crate::regexes::new(
            r"(?i)^(?:another|a\s+further|an\s+additional|an\s+extra)\s|^\S+\s+(?:more|additional|further|extra)\b",
        )
        .unwrap()
    });
    let own_and_next = &sentence[rs..sentence.ceil_char_boundary((re + 12).min(sentence.len()))];
    if added.is_match(own_and_next) {
        return Some("part");
    }
    // "Four other people died in hospital" opening its clause (after "and", "70 others
    // were injured" is the injured's own toll); "In neighbouring Central Aceh district, 10
    // people were killed": one place's share.
    static OTHER: OnceLock<Regex> = OnceLock::new();
    let other = OTHER.get_or_init(|| crate::regexes::new(r"(?i)^\S+\s+other\s").unwrap());
    let opens_clause = {
        let b = sentence[..rs].trim_end();
        b.is_empty() || b.ends_with(['.', ';', ':', '"', '“'])
    };
    if opens_clause && other.is_match(own_and_next) {
        return Some("part");
    }
    static NEIGHBOUR: OnceLock<Regex> = OnceLock::new();
    let neighbour = NEIGHBOUR.get_or_init(|| {
        crate::regexes::new(r"(?i)^\W*in\s+(?:the\s+)?(?:neighbou?ring|nearby|adjacent|adjoining)\s+[^,;]{1,60},")
            .unwrap()
    });
    if neighbour.is_match(&sentence[..rs]) {
        return Some("part");
    }
    let near = clause_before.floor_char_boundary(clause_before.len().saturating_sub(40));
    if earlier.is_match(&clause_before[near..]) {
        return Some("earlier");
    }
    // "The toll had risen from 247", "rose to 267 from 247": the figure risen from; "When
    // the first figures emerged, officials spoke of 38 dead": the first reports' figure.
    static RISEN_FROM: OnceLock<Regex> = OnceLock::new();
    let risen_from = RISEN_FROM.get_or_init(|| {
        crate::regexes::new(r"(?i)(?:\b(?:risen|rose|rising|climbed|climbing|jumped|up|increased|grown|grew|revised\s+\w+|raised)\s+from|\b(?:to|at)\s+[\d,.]+\s+from)\s+(?:about\s+|around\s+|some\s+)?$")
            .unwrap()
    });
    if risen_from.is_match(clause_before) {
        return Some("earlier");
    }
    static FIRST_REPORTS: OnceLock<Regex> = OnceLock::new();
    let first_reports = FIRST_REPORTS.get_or_init(|| {
        crate::regexes::new(r"(?i)\b(?:first|initial|early|earliest|preliminary)\s+(?:figures?|reports?|counts?|estimates?|tolls?|tally|tallies|accounts?)\b")
            .unwrap()
    });
    let wide = &sentence[sentence.floor_char_boundary(rs.saturating_sub(90))..rs];
    if first_reports.is_match(wide.rsplit([';', ':']).next().unwrap_or(wide)) {
        return Some("earlier");
    }
    None
}

/// The property of a part of a toll ("deaths-part"): shown, never compared with the total.
fn part_property(property: &str) -> &'static str {
    match property {
        "deaths" => "deaths-part",
        "injured" => "injured-part",
        _ => "count",
    }
}

/// The property of a toll of an earlier event told as background ("deaths-background").
fn background_property(property: &str) -> &'static str {
    match property {
        "deaths" => "deaths-background",
        "injured" => "injured-background",
        _ => "count",
    }
}

/// The times among one sentence's mentions, with their spans.
fn sentence_times<'a>(mentions: &[(usize, &'a Mention)]) -> Vec<(Span, &'a crate::mentions::TimeValue)> {
    mentions
        .iter()
        .filter_map(|(_, m)| match &m.value {
            Value::Time(t) => Some((m.span, t)),
            _ => None,
        })
        .collect()
}

/// Whether a toll is background: the toll of an earlier event the article recalls ("the
/// November 2015 Paris attacks, when 130 people were killed", "Islamist militants have
/// killed more than 230 people in France since January 2015", "the fifth anniversary of
/// the attacks in Norway, in which 77 people were killed", "four months after 32 people
/// died in bombings in Brussels"). Its sentence dates it months before the article (and
/// names no day near it), or recalls it as an anniversary or as months or years before.
fn background_toll(
    sentence: &str,
    base: usize,
    span: Span,
    times: &[(Span, &crate::mentions::TimeValue)],
    published: Option<jiff::civil::Date>,
) -> bool {
    static RECALL: OnceLock<Regex> = OnceLock::new();
    let recall = RECALL.get_or_init(|| {
        crate::regexes::new(r"(?i)\banniversary\s+of\b|\b(?:\w+|\d+)\s+(?:months|years|decades)\s+(?:after|before|earlier|ago)\b|\ba\s+(?:month|year|decade)\s+(?:after|before|earlier|ago)\b|\b(?:last|previous)\s+(?:year|month)'?s\b").unwrap()
    });
    let rs = span.start - base;
    if recall.find_iter(sentence).any(|m| m.end() <= rs) {
        return true;
    }
    // "About 5,000 people die on the lake each year": a rate, not any event's toll.
    static RATE: OnceLock<Regex> = OnceLock::new();
    let rate = RATE.get_or_init(|| {
        crate::regexes::new(r"(?i)^[^.;:,]{0,60}?\b(?:(?:each|every|a|per)\s+(?:year|month|week)|annually|a\s+year\s+on\s+average|on\s+average)\b").unwrap()
    });
    if sentence
        .get(span.end - base..)
        .is_some_and(|after| rate.is_match(after))
    {
        return true;
    }
    // An article without a date: a toll its clause dates by a month or a year ("in
    // December 2003, in which more than 31,000 people were killed", "In 2004 a tsunami
    // killed 170,000") is of a past event; the story's own is told by weekday or "today".
    let dates_it = |at: &Span| {
        at.start < span.end
            || sentence
                .get(span.end - base..at.start - base)
                .is_none_or(|between| !between.contains(','))
    };
    let Some(day) = published else {
        return times.iter().any(|(at, t)| {
            matches!(
                t.grain,
                Grain::Month | Grain::Quarter | Grain::Season | Grain::Year | Grain::Decade
            ) && t.start.is_some()
                && dates_it(at)
        });
    };
    let far = |t: &crate::mentions::TimeValue| {
        t.interval()
            .is_some_and(|iv| iv.end.date() < day.checked_sub(jiff::Span::new().days(60)).unwrap_or(day))
    };
    let near = |t: &crate::mentions::TimeValue| {
        t.interval().is_some_and(|iv| {
            let d = iv.start.date();
            d >= day.checked_sub(jiff::Span::new().days(14)).unwrap_or(day)
                && d <= day.checked_add(jiff::Span::new().days(14)).unwrap_or(day)
        })
    };
    // A far time after the toll dates it only in the toll's own clause ("killed more than
    // 230 people in France since January 2015"), not past a comma ("in its first 48 hours,
    // the longest such period since the war began five years ago").
    // The time nearest the toll dates it when far, whatever else the sentence names
    // ("Before Sunday, the deadliest was at Virginia Tech in 2007, when a student killed
    // 32 people"); otherwise a recent day anywhere in it says the toll is the story's.
    let distance = |at: &Span| {
        if at.start >= span.end {
            at.start - span.end
        } else {
            span.start.saturating_sub(at.end)
        }
    };
    if let Some((at, t)) = times.iter().min_by_key(|(at, _)| (distance(at), at.start)) {
        if far(t) && dates_it(at) {
            return true;
        }
    }
    times.iter().any(|(at, t)| far(t) && dates_it(at)) && !times.iter().any(|(_, t)| near(t))
}

/// The property of a figure the article says was superseded ("deaths-earlier").
fn earlier_property(property: &str) -> &'static str {
    match property {
        "deaths" => "deaths-earlier",
        "injured" => "injured-earlier",
        _ => "count",
    }
}

/// Whether text between two words crosses into another clause: a semicolon, a dash, or a
/// conjunction that opens a contrasting clause.
fn another_clause(between: &str) -> bool {
    let l = between.to_lowercase();
    l.contains(';')
        || l.contains(" — ")
        || [
            ", while ",
            ", whereas ",
            ", but ",
            ", although ",
            ", though ",
            " while ",
            " whereas ",
        ]
        .iter()
        .any(|c| l.contains(c))
}

/// "1 a.m. Thursday (2200 GMT Wednesday)" is two statements of one moment: the local
/// reading and the converted one, each its own claim, so that a wrong conversion can be
/// pointed at by itself ("GMT 2300 Wednesday") and a right one agrees with its reading.
fn split_readings(claim: Claim, text: &str) -> Vec<Claim> {
    let Value::Time(t) = &claim.value else {
        return vec![claim];
    };
    let (Some(open), Some(close)) = (claim.text.find('('), claim.text.rfind(')')) else {
        return vec![claim];
    };
    if t.readings.is_empty() || close < open || crate::mentions::time::end_of_day_reading(t) {
        return vec![claim];
    }
    let main_end = claim.span.start + claim.text[..open].trim_end().len();
    let inner = &claim.text[open + 1..close];
    let alt_start = claim.span.start + open + 1 + (inner.len() - inner.trim_start().len());
    let alt_end = claim.span.start + open + 1 + inner.trim_end().len();
    if main_end <= claim.span.start || alt_end <= alt_start {
        return vec![claim];
    }
    let mut main = claim.clone();
    let mut value = t.clone();
    let mut alt_value = value.readings.remove(0);
    alt_value.mismatch = None;
    // A right conversion is the same moment: written in the local reading's offset, so that
    // it compares with unzoned times as the local reading does. A wrong one keeps its own.
    if value.mismatch.is_none() {
        if let (Some(main_iv), Some(alt_iv)) = (value.interval(), alt_value.interval()) {
            if let (Some(to), Some(from)) = (main_iv.offset, alt_iv.offset) {
                let shift = jiff::Span::new().seconds((to.seconds() - from.seconds()) as i64);
                if let (Ok(a), Ok(b)) = (alt_iv.start.checked_add(shift), alt_iv.end.checked_add(shift)) {
                    let converted = crate::mentions::TimeValue::from_interval(
                        crate::mentions::timeval::Interval {
                            start: a,
                            end: b,
                            offset: Some(to),
                        },
                        alt_value.grain,
                        alt_value.timex.clone(),
                    );
                    alt_value = crate::mentions::TimeValue {
                        zone: alt_value.zone.clone(),
                        ..converted
                    };
                }
            }
        }
    }
    main.span = Span::new(claim.span.start, main_end);
    main.id = format!("{}:{}-{}", claim.source, main.span.start, main.span.end);
    main.text = main.span.text(text).to_string();
    main.value = Value::Time(value);
    let mut alt = claim;
    alt.span = Span::new(alt_start, alt_end);
    alt.id = format!("{}:{}-{}", alt.source, alt_start, alt_end);
    alt.text = alt.span.text(text).to_string();
    alt.value = Value::Time(alt_value);
    alt.rule = format!("{} + reading.converted", alt.rule);
    vec![main, alt]
}

/// Whether an extension cue ("extended", "extension", "prolonged") comes before `span` in
/// its sentence: the times after it are the extension's.
fn extension_before(sentence: &str, base: usize, span: Span, triggers: &[&Trigger]) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    static BREAK: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        crate::regexes::new(r"(?i)\b(?:extend(?:ed|s|ing)?|extension|prolong(?:ed|s|ing)?)\b").unwrap()
    });
    // "…, saying violence had fallen since the truce took effect on 13 September": the
    // time is the truce's when another clause or the event itself comes between.
    let brk = BREAK.get_or_init(|| {
        crate::regexes::new(r"(?i)\b(?:since|after|when|because|saying|said|which|that|while|whereas|before)\b|;")
            .unwrap()
    });
    if span.start < base {
        return false;
    }
    let Some(cue) = re.find_iter(&sentence[..span.start - base]).last() else {
        return false;
    };
    let between = &sentence[cue.end()..span.start - base];
    // (Not the event extended, right after the verb: "extended a \"regime of calm\" in
    // Aleppo by 72 hours, starting from 1 a.m. on Saturday".)
    let trigger_between = triggers.iter().any(|t| {
        t.span.start >= base + cue.end()
            && t.span.end <= span.start
            && sentence[cue.end()..t.span.start - base].split_whitespace().count() > 3
    });
    !brk.is_match(between) && !trigger_between
}

/// Whether a length follows "for" or "by" in a clause whose verb extends ("has extended the
/// truce in the northern city of Aleppo for 72 hours", "extend the ceasefire in Syria by 48
/// hours").
fn extended_for(sentence: &str, base: usize, span: Span) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        crate::regexes::new(
            r"(?i)\b(?:extend(?:ed|s|ing)?|prolong(?:ed|s|ing)?|renew(?:ed|s|ing)?)\b(?:[^.;:]{0,100}?)\b(?:for|by)\s+$",
        )
        .unwrap()
    });
    static BREAK: OnceLock<Regex> = OnceLock::new();
    let brk = BREAK.get_or_init(|| {
        crate::regexes::new(
            r"(?i)\b(?:since|after|when|because|saying|said|which|that|while|before|lasted|last|lasts|initially)\b",
        )
        .unwrap()
    });
    if span.start < base {
        return false;
    }
    let before = &sentence[..span.start - base];
    re.find(before).is_some_and(|m| !brk.is_match(&before[m.start()..]))
}

/// Whether a time is the clock time of an event that happens (an attack, a quake) named just
/// before it: "the airstrike in Kunduz city at 2:15 a.m.", "an explosion shortly after 8
/// a.m.". Only a clock time, only a few words on from the event and in its clause, and only
/// opened by "at", "around", "about" or "shortly after"; a time that reports ("said at 10
/// a.m.") or precedes the event is left alone.
fn event_clock(t: &Trigger, m: &Mention, text: &str) -> bool {
    let Value::Time(v) = &m.value else { return false };
    if t.durative || !t.harm || t.span.end > m.span.start || !matches!(v.grain, Grain::Minute | Grain::Hour) {
        return false;
    }
    let between = &text[t.span.end..m.span.start];
    let words: Vec<&str> = between.split_whitespace().collect();
    if words.len() > 7 || between.contains([',', ';', ':', '.', '(', ')', '"']) {
        return false;
    }
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let n = lower.len();
    let opened = match lower.last().map(String::as_str) {
        Some("at" | "around" | "about" | "approximately") => true,
        Some("after") => n >= 2 && matches!(lower[n - 2].as_str(), "shortly" | "just"),
        _ => false,
    };
    let clause_break = lower[..n.saturating_sub(2)].iter().any(|w| {
        matches!(
            w.as_str(),
            "said" | "says" | "told" | "that" | "which" | "who" | "when" | "and" | "but" | "before" | "after" | "until"
        )
    }) || lower.iter().any(|w| {
        // "the attack was reported at 10 a.m.": another predicate, not the event's time.
        matches!(
            w.as_str(),
            "was"
                | "were"
                | "is"
                | "are"
                | "has"
                | "have"
                | "had"
                | "reported"
                | "announced"
                | "confirmed"
                | "claimed"
                | "denied"
                | "condemned"
                | "discussed"
                | "investigated"
                | "raised"
        )
    });
    opened && !clause_break
}

/// Whether the words between a length and a trigger make the length its modifier ("a
/// 48-hour truce", "the two-day 'regime of calm'") rather than a phrase of its own ("two
/// weeks before the truce").
fn modifies(between: &str) -> bool {
    let words: Vec<&str> = between.split_whitespace().collect();
    words.len() <= 2
        && !between.contains([',', ';', ':', '.', '(', ')'])
        && words.iter().all(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
            !matches!(
                w.as_str(),
                "before"
                    | "after"
                    | "of"
                    | "since"
                    | "into"
                    | "until"
                    | "from"
                    | "to"
                    | "in"
                    | "on"
                    | "at"
                    | "for"
                    | "with"
                    | "during"
                    | "ahead"
                    | "than"
                    | "and"
                    | "or"
                    | "that"
                    | "which"
            )
        })
}

/// The end a start and a length in one sentence imply ("for 48 hours from 1 a.m. on
/// Thursday" ends at 1 a.m. on Saturday), as a claim of its own that findings compare with
/// a stated end. Only for one speaker's start and length of one event.
fn derived_ends(claims: &[Claim], text: &str) -> Vec<Claim> {
    use crate::mentions::timeval::Interval;
    let mut out = Vec::new();
    for start in claims
        .iter()
        .filter(|c| c.property == "start" && !c.rule.ends_with("reading.converted"))
    {
        let Value::Time(t) = &start.value else { continue };
        let Some(iv) = t.interval() else { continue };
        if !matches!(
            t.grain,
            crate::mentions::Grain::Minute | crate::mentions::Grain::Hour | crate::mentions::Grain::Day
        ) {
            continue;
        }
        let Some(length) = claims.iter().find(|d| {
            let (a, b) = if d.span.start >= start.span.end {
                (start.span.end, d.span.start)
            } else {
                (d.span.end, start.span.start.max(d.span.end))
            };
            d.property == "duration"
                && d.trigger == start.trigger
                && d.speaker == start.speaker
                && d.trigger.is_some()
                && !another_clause(&text[a..b])
        }) else {
            continue;
        };
        let Value::Duration(d) = &length.value else { continue };
        let Some(secs) = d.seconds else { continue };
        let (lo, hi) = (d.low_seconds.unwrap_or(secs), d.high_seconds.unwrap_or(secs));
        let (Ok(a), Ok(b)) = (
            iv.start.checked_add(jiff::Span::new().seconds(lo)),
            iv.end.checked_add(jiff::Span::new().seconds(hi)),
        ) else {
            continue;
        };
        let grain = t.grain;
        let value = crate::mentions::TimeValue::from_interval(
            Interval {
                start: a,
                end: b,
                offset: iv.offset,
            },
            grain,
            match grain {
                crate::mentions::Grain::Day => a.date().strftime("%Y-%m-%d").to_string(),
                _ => a.strftime("%Y-%m-%dT%H:%M").to_string(),
            },
        );
        let span = Span::new(
            start.span.start.min(length.span.start),
            start.span.end.max(length.span.end),
        );
        out.push(Claim {
            id: format!("{}:{}-{}", start.source, span.start, span.end),
            source: start.source.clone(),
            span,
            text: span.text(text).to_string(),
            subject: String::new(),
            property: "end".to_string(),
            value: Value::Time(value),
            speaker: start.speaker.clone(),
            conduit: start.conduit.clone(),
            party: start.party.clone(),
            verb: start.verb.clone(),
            direct: start.direct,
            rule: "derived.start+duration".to_string(),
            trigger: start.trigger,
            sentence: start.sentence,
            said: start.said.clone(),
        });
    }
    out
}

/// Full names of people mentioned (for resolving a bare surname).
fn known_people(mentions: &[Mention]) -> Vec<String> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for m in mentions {
        let name = match &m.value {
            Value::Entity(e) => &e.canonical,
            Value::Speaker(s) => &s.name,
            _ => continue,
        };
        if name.split_whitespace().count() >= 2 && seen.insert(name.as_str()) {
            out.push(name.clone());
        }
    }
    out
}

/// Titles speakers were given ("spokesman" → "Mark Toner"), the latest first: each title
/// and each of its word tails ("Foreign Ministry spokeswoman" → "ministry spokeswoman",
/// "spokeswoman") names the person it was last given to, so a bare title is looked up, not
/// searched for among every title of the article.
#[derive(Default)]
struct Titles {
    latest: HashMap<String, String>,
}

impl Titles {
    fn push(&mut self, title: &str, person: &str) {
        self.latest.insert(title.to_string(), person.to_string());
        for (i, _) in title.match_indices(' ') {
            self.latest.insert(title[i + 1..].to_string(), person.to_string());
        }
    }
}

/// The words that name an institution by its head alone ("the army", "the ministry").
const HEADS: &[&str] = &[
    "military",
    "ministry",
    "foreign ministry",
    "government",
    "agency",
    "department",
    "observatory",
];

/// Names met so far in an article, in order, each once; with the names that end in each
/// institution head, so that "the army" finds "Syrian military" without a scan of them all.
#[derive(Default)]
struct Named {
    list: Vec<String>,
    seen: HashSet<String>,
    by_head: HashMap<&'static str, Vec<usize>>,
}

impl Named {
    fn push(&mut self, name: String) {
        if self.seen.contains(&name) {
            return;
        }
        let lower = name.to_lowercase();
        for head in HEADS {
            // A monitor's name holds its head anywhere ("Syrian Observatory for Human Rights").
            let holds = if *head == "observatory" {
                lower.contains("observatory") || lower.ends_with(" monitor")
            } else {
                lower.ends_with(head)
            };
            if holds {
                self.by_head.entry(head).or_default().push(self.list.len());
            }
        }
        self.seen.insert(name.clone());
        self.list.push(name);
    }

    fn push_ref(&mut self, name: &str) {
        if !self.seen.contains(name) {
            self.push(name.to_string());
        }
    }
}

/// The trigger in the sentence a value is most likely about: the nearest one, preferring
/// triggers that head the clause over those inside "during …"/"of …" phrases.
/// The event a value is about: the nearest wanted trigger in its sentence, else the latest
/// wanted one (not a caption's) in the two sentences before it, in the same paragraph.
fn event_in_reach<'a>(
    here: &[&'a Trigger],
    all: &'a [Trigger],
    sentences: &[Sentence],
    si: usize,
    span: Span,
    text: &str,
    wanted: impl Fn(&Trigger) -> bool,
) -> Option<&'a Trigger> {
    pick_trigger(here, span, text).or_else(|| {
        all.iter()
            .filter(|t| {
                wanted(t)
                    && !t.caption
                    && t.sentence < si
                    && si - t.sentence <= 2
                    && sentences[t.sentence].paragraph == sentences[si].paragraph
            })
            .max_by_key(|t| t.span.start)
    })
}

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
            // "since the truce took effect": the trigger heads its own clause.
            let heads_clause = text[t.span.end..]
                .split_whitespace()
                .next()
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
                .is_some_and(|w| {
                    matches!(
                        w.as_str(),
                        "took"
                            | "went"
                            | "came"
                            | "began"
                            | "begins"
                            | "started"
                            | "starts"
                            | "ended"
                            | "ends"
                            | "expired"
                            | "expires"
                            | "collapsed"
                            | "was"
                            | "is"
                            | "has"
                            | "had"
                            | "will"
                            | "would"
                            | "takes"
                            | "goes"
                            | "comes"
                            | "entered"
                            | "enters"
                            | "held"
                            | "holds"
                            | "killed"
                            | "struck"
                            | "hit"
                    )
                });
            let embedded = !heads_clause
                && words.iter().any(|w| {
                    matches!(
                        w.to_lowercase().as_str(),
                        "during" | "of" | "amid" | "since" | "throughout"
                    )
                });
            let penalty = if embedded { 60 } else { 0 };
            // A trigger in another clause ("…, while the army's regime of calm began …").
            let (a, b) = if t.span.end <= span.start {
                (t.span.end, span.start)
            } else {
                (span.end, t.span.start.max(span.end))
            };
            let other_clause = if another_clause(&text[a..b]) { 200 } else { 0 };
            (dist + penalty + other_clause, *t)
        })
        .min_by_key(|(d, t)| (*d, t.span.start))
        .map(|(_, t)| t)
}

/// What an anaphor points back to: the latest trigger before it, in its sentence or the
/// `reach` sentences before; an agreement noun prefers an event that is agreed to.
/// Whether a trigger is recalled with its own date in a relative clause ("…brought Aleppo
/// back under the nationwide cessation of hostilities that began on 27 February. It
/// started at one minute past midnight on Wednesday"): not what a later "it" is about.
fn recalled_with_date(text: &str, t: &Trigger) -> bool {
    static RECALLED: OnceLock<Regex> = OnceLock::new();
    let recalled = RECALLED.get_or_init(|| {
        crate::regexes::new(
            r"(?i)^,?\s+(?:that|which)\s+(?:had\s+|was\s+|were\s+)?(?:began|started|took\s+effect|came\s+into\s+(?:force|effect)|went\s+into\s+effect|agreed|brokered|announced|collapsed|expired|ended)\b[^.;]{0,30}?\b(?:on|in|since|last)\s+(?:\d|[A-Z])",
        )
        .unwrap()
    });
    text.get(t.span.end..).is_some_and(|rest| recalled.is_match(rest))
}

fn antecedent<'a>(
    triggers: &'a [Trigger],
    text: &str,
    si: usize,
    ana: Span,
    agreement: bool,
    reach: usize,
    lasting_value: bool,
) -> Option<&'a Trigger> {
    // Triggers are in text order: only those of the `reach` sentences up to `si` can qualify.
    let from = triggers.partition_point(|t| t.sentence + reach < si);
    let to = triggers.partition_point(|t| t.sentence <= si);
    let triggers = &triggers[from..to.max(from)];
    let before: Vec<&Trigger> = triggers
        .iter()
        .filter(|t| !t.caption && t.sentence <= si && si - t.sentence <= reach && t.span.end <= ana.start)
        .collect();
    // What the anaphor is most likely about: an agreement for "the deal" and "this went
    // into effect"; for a bare "it" with a time or a length, something that lasts ("the
    // truce was agreed after weeks of shelling. It started at noon").
    let preferred = |t: &Trigger| {
        if agreement {
            AGREED_FAMILIES.contains(&t.family.as_str())
        } else {
            !lasting_value || t.durative && t.group != "fighting" && t.group != "war"
        }
    };
    let latest =
        |keep: &dyn Fn(&Trigger) -> bool| before.iter().copied().filter(|t| keep(t)).max_by_key(|t| t.span.start);
    latest(&|t| preferred(t) && !recalled_with_date(text, t))
        .or_else(|| latest(&|t| !recalled_with_date(text, t)))
        .or_else(|| latest(&|_| true))
}

type Attr = (Scope, Span, Span, String, Option<String>, &'static str);

/// The person a bare title names ("the secretary of state said" after "US Secretary of State
/// John Kerry"): the latest person introduced with a title that ends with it.
fn by_title(name: &str, titles: &Titles) -> Option<String> {
    let l = name.trim().to_lowercase();
    let l = l.strip_prefix("the ").unwrap_or(&l);
    if l.split_whitespace().count() > 4 || l.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    titles.latest.get(l).cloned()
}

/// The full name an institution's bare head refers back to ("the army said" after "the
/// Syrian army", "the ministry" after "the Russian defence ministry").
fn by_head(name: &str, named: &Named) -> Option<String> {
    let l = name.trim().to_lowercase();
    let l = ["the ", "a ", "an "]
        .iter()
        .find_map(|d| l.strip_prefix(d))
        .unwrap_or(&l);
    // "the war monitor", "a Britain-based monitoring group": a monitor described, which is
    // the monitor the article has named (a generic description names no one by itself).
    let described_monitor = [
        "monitor",
        "monitoring group",
        "monitoring organisation",
        "monitoring organization",
    ]
    .iter()
    .any(|h| l == *h || l.ends_with(&format!(" {h}")));
    let head = match l {
        _ if described_monitor => "observatory",
        "army"
        | "military"
        | "army command"
        | "military command"
        | "general command"
        | "armed forces"
        | "army general command"
        | "military statement" => "military",
        "ministry" | "defence ministry" | "defense ministry" | "ministry of defence" | "ministry of defense" => {
            "ministry"
        }
        "foreign ministry" => "foreign ministry",
        "government" => "government",
        "agency" => "agency",
        "department" => "department",
        "observatory" => "observatory",
        _ => return None,
    };
    named
        .by_head
        .get(head)?
        .iter()
        .rev()
        .map(|&i| &named.list[i])
        .find(|n| n.to_lowercase() != l && n.chars().next().is_some_and(char::is_uppercase))
        .map(|n| speaker::canonical(n))
}

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
) -> (Option<String>, Option<String>, Option<String>, &'static str) {
    let atts = &attributions[si];
    let verb_of = |v: &Span| {
        Some(
            v.text(text)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase(),
        )
    };
    // The verb of a sentence's (first) attribution naming `name`.
    let verb_in = |j: usize, name: &str| {
        attributions[j]
            .iter()
            .find(|(_, _, _, n, ..)| n == name)
            .and_then(|(_, _, v, ..)| verb_of(v))
    };
    // "X says …" before the value.
    let before = atts
        .iter()
        .filter(|(scope, _, verb, ..)| {
            *scope == Scope::After && verb.end <= span.start && !another_clause(&text[verb.end..span.start])
        })
        .max_by_key(|(_, _, verb, ..)| verb.end);
    if let Some((_, _, verb, name, conduit, _)) = before {
        return (Some(name.clone()), conduit.clone(), verb_of(verb), "speaker.covers");
    }
    // "…, X said." after the value.
    let after = atts
        .iter()
        .filter(|(scope, name_span, ..)| *scope == Scope::Before && name_span.start >= span.end)
        .min_by_key(|(_, name_span, ..)| name_span.start);
    if let Some((_, _, verb, name, conduit, _)) = after {
        return (Some(name.clone()), conduit.clone(), verb_of(verb), "speaker.covers");
    }
    let quoted = sentence.in_quote(span.start) || sentence.continues_quote;
    if quoted {
        if let Some((_, _, verb, name, conduit, _)) = atts.first() {
            return (Some(name.clone()), conduit.clone(), verb_of(verb), "speaker.quote");
        }
        // The quotation's speaker: the next sentence when the quotation runs on into it and
        // closes with "…," he said; otherwise the sentence that introduced it.
        let para = sentence.paragraph;
        if let Some(next) = sentences.get(si + 1) {
            let postposed = attributions[si + 1].iter().any(|(scope, ..)| *scope == Scope::Before);
            if next.paragraph == para && next.continues_quote && postposed {
                if let Some((n, c)) = &sentence_speaker[si + 1] {
                    return (Some(n.clone()), c.clone(), verb_in(si + 1, n), "speaker.quote-next");
                }
            }
        }
        for j in (si.saturating_sub(3)..si).rev() {
            if let Some((n, c)) = &sentence_speaker[j] {
                return (Some(n.clone()), c.clone(), verb_in(j, n), "speaker.quote-previous");
            }
        }
    }
    (None, None, None, "speaker.own-voice")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_figure_with_its_own_verb_is_not_the_figure_of_a_cue_before_it() {
        let cue = |text: &str, value: &str| {
            let at = text.find(value).unwrap();
            nearest_cue_within(count_cues(), text, 0, Span::new(at, at + value.len()), 60, true).map(|(p, _)| p)
        };
        let relocated = "at least 20 people were killed by the quake, officials said, and more than 20,000 residents were relocated from the border.";
        assert_eq!(cue(relocated, "more than 20,000"), None);
        assert_eq!(cue(relocated, "at least 20"), Some("deaths"));
        // The figure's own verb is a cue: it is taken.
        let wounded = "The blast killed 14 people on the spot, and more than 200 people were wounded.";
        assert_eq!(cue(wounded, "more than 200"), Some("injured"));
        // No verb of its own: the cue before it.
        assert_eq!(
            cue("The attack killed more than 30 people in the city.", "more than 30"),
            Some("deaths")
        );
        assert_eq!(own_predicate(" residents had been evacuated"), Some("evacuated"));
        assert_eq!(own_predicate(" people were children"), None);
    }

    #[test]
    fn a_count_since_a_truce_began_is_the_truces_time() {
        assert!(since_before(" had been reported inside Aleppo since the "));
        assert!(since_before(" were killed since the start of the "));
        assert!(since_before(" have died since its fragile "));
        // Another figure or clause between, or no "since" right before the event.
        assert!(!since_before(" were killed on Tuesday, 12 since the "));
        assert!(!since_before(" were killed. Since the "));
        assert!(!since_before(" were killed despite the "));
    }

    #[test]
    fn a_figure_a_toll_was_revised_to_is_a_revision() {
        let revised = |before: &str| revised_to(before, 0, Span::new(before.len(), before.len() + 3));
        for yes in [
            "Belgian prosecutors on Wednesday revised the death toll to ",
            "the government revised the death toll from the earthquake to ",
            "officials lowered their count of the dead to ",
            "The toll was revised down to ",
            "the ministry corrected the figure downward to ",
        ] {
            assert!(revised(yes), "{yes}");
        }
        for no in [
            "The death toll rose to ",
            "officials said the toll had reached ",
            "the government revised its plans and sent ",
        ] {
            assert!(!revised(no), "{no}");
        }
    }

    #[test]
    fn a_figure_a_toll_may_reach_is_a_projection() {
        let projected = |before: &str| projected_before(before, 0, Span::new(before.len(), before.len() + 6));
        for yes in [
            "the prime minister said the death toll could reach ",
            "Officials said the toll was expected to rise above ",
            "the number of dead may eventually top ",
            "the toll is likely to exceed ",
            "aid groups feared the toll would climb to more than ",
        ] {
            assert!(projected(yes), "{yes}");
        }
        for no in [
            "The death toll reached ",
            "The toll rose to ",
            "officials said ",
            // A past count with a modal elsewhere in the sentence.
            "He said it could take weeks; so far the toll has reached ",
            "The attack could have killed far more than the ",
        ] {
            assert!(!projected(no), "{no}");
        }
    }

    #[test]
    fn a_figure_a_toll_rose_to() {
        let toll = |before: &str| toll_figure(before, 0, Span::new(before.len(), before.len() + 3));
        for yes in [
            "The death toll from the quake has risen to ",
            "The number of miners killed in the coal mine disaster has risen to ",
            "the number of people dead stood at ",
            "The toll is ",
        ] {
            assert!(toll(yes), "{yes}");
        }
        for no in [
            "The number of refugees has risen to ",
            "The number of aid trucks reached ",
            "Prices rose to ",
        ] {
            assert!(!toll(no), "{no}");
        }
    }

    #[test]
    fn a_count_stood_at_its_figure_on_the_report_day() {
        // The time is what follows the text; it starts at the end of it.
        let day = |before: &str| count_day(before, 0, Span::new(before.len(), before.len() + 6));
        for yes in [
            "The death toll from Nepal's devastating earthquake rose to 3,726 on ",
            "The toll had climbed to more than 5,000 by ",
            "the number of dead stood at 31 as of ",
            "Deaths reached 1,200 people on ",
            "the toll rose to about 270 injured, late on ",
            "saying 4,138 people had been killed by ",
            "at least 30 dead as of ",
            "The death toll in the collapse rose to 273 till ",
            "the toll had risen to 41 until ",
        ] {
            assert!(day(yes), "{yes}");
        }
        for no in [
            // The event's own time.
            "The earthquake struck on ",
            "A bomb killed 22 people on ",
            "The truce agreed to 48 hours of calm on ",
            // A figure with no count verb before it.
            "34 people were killed in attacks on ",
            "34 people were killed on ",
            // A count verb whose figure is not right before the time.
            "The toll rose sharply after the attack on ",
        ] {
            assert!(!day(no), "{no}");
        }
    }

    #[test]
    fn titles_resolve_to_the_person_last_given_them_whole_or_by_their_tail() {
        let mut t = Titles::default();
        t.push("foreign ministry spokeswoman", "Maria Zakharova");
        t.push("spokesman", "Mark Toner");
        assert_eq!(by_title("the spokeswoman", &t).as_deref(), Some("Maria Zakharova"));
        assert_eq!(by_title("ministry spokeswoman", &t).as_deref(), Some("Maria Zakharova"));
        assert_eq!(by_title("The spokesman", &t).as_deref(), Some("Mark Toner"));
        // A tail is a whole word: "woman" is not "spokeswoman".
        assert_eq!(by_title("woman", &t), None);
        t.push("state department spokesman", "John Kirby");
        assert_eq!(by_title("spokesman", &t).as_deref(), Some("John Kirby"), "the latest");
        assert_eq!(by_title("the 2 spokesman", &t), None);
    }

    #[test]
    fn a_bare_head_names_the_latest_institution_ending_in_it() {
        let mut n = Named::default();
        for name in [
            "Syrian military",
            "Mark Toner",
            "Russian defence ministry",
            "Turkish military",
            "Mark Toner",
        ] {
            n.push_ref(name);
        }
        assert_eq!(n.list.len(), 4, "each name once");
        assert_eq!(by_head("the army", &n).as_deref(), Some("Turkish military"));
        assert_eq!(by_head("the ministry", &n).as_deref(), Some("Russian defence ministry"));
        assert_eq!(by_head("the government", &n), None);
        assert_eq!(by_head("Toner", &n), None);
    }

    #[test]
    fn a_described_monitor_is_the_monitor_the_article_named() {
        let mut n = Named::default();
        assert_eq!(by_head("the monitoring group", &n), None, "no monitor named yet");
        n.push_ref("Syrian Observatory for Human Rights");
        n.push_ref("Mark Toner");
        for described in [
            "the monitoring group",
            "the war monitor",
            "a Britain-based monitor",
            "the observatory",
        ] {
            let got = by_head(described, &n);
            assert!(
                got.as_deref().is_some_and(|g| g.contains("Observatory") || g == "SOHR"),
                "{described}: {got:?}"
            );
        }
        assert_eq!(by_head("the group", &n), None);
        assert_eq!(by_head("the monitoring", &n), None);
    }
}
#[cfg(test)]
mod background_tests {
    use crate::span::Span;

    fn background(s: &str, figure: &str) -> bool {
        let at = s.find(figure).unwrap();
        super::background_toll(s, 0, Span::new(at, at + figure.len()), &[], None)
    }

    #[test]
    fn recalled_tolls_are_background_and_the_story_toll_is_not() {
        assert!(background(
            "Friday was the fifth anniversary of the attacks in Norway, in which 77 people were killed.",
            "77"
        ));
        assert!(background(
            "The attack came eight months after the Paris attacks and four months after 32 people died in Brussels.",
            "32"
        ));
        // A year alone is read by its distance from the story (see the dated test below).
        assert!(!background("In 2016, the attack in Nice killed 84 people.", "84"));
        assert!(background(
            "The Red Cross has estimated that about 5,000 people die on the lake each year, most of them fishermen.",
            "5,000"
        ));
        assert!(background(
            "Road accidents kill 1,200 people a year in the country.",
            "1,200"
        ));
        assert!(!background(
            "The ferry sank on Thursday, killing 131 people, a year after a similar disaster.",
            "131"
        ));
        assert!(!background(
            "A gunman killed nine people at a Munich mall on Friday.",
            "nine"
        ));
        assert!(!background(
            "The toll rose to 247, months of rebuilding lie ahead.",
            "247"
        ));
        assert!(!background(
            "The quake killed 247 people, officials said, two years after another.",
            "247"
        ));
    }

    fn dated(s: &str, figure: &str) -> bool {
        dated_on(s, figure, Some(jiff::civil::date(2016, 9, 15)))
    }

    /// `background_toll` for `figure` in `s`, in an article published on `day` (or undated).
    fn dated_on(s: &str, figure: &str, day: Option<jiff::civil::Date>) -> bool {
        let r = crate::mentions::time::Reference {
            date: day,
            ..Default::default()
        };
        let found = crate::mentions::time::find_in(s, &r, &mut Default::default());
        let times: Vec<(Span, &crate::mentions::TimeValue)> =
            found.iter().map(|f| (Span::new(f.start, f.end), &f.value)).collect();
        let at = s.find(figure).unwrap();
        super::background_toll(s, 0, Span::new(at, at + figure.len()), &times, day)
    }

    #[test]
    fn a_count_verb_past_an_appositive_is_the_counts() {
        let s = "The Observatory said 12 people, most of them aid workers and drivers, were killed in the attack.";
        let at = s.find("12").unwrap();
        assert_eq!(
            super::cue_past_appositive(s, 0, Span::new(at, at + 2)).map(|(p, _)| p),
            Some("deaths")
        );
        let s = "It said 12 people, the Observatory reported, and then left.";
        let at = s.find("12").unwrap();
        assert_eq!(super::cue_past_appositive(s, 0, Span::new(at, at + 2)), None);
    }

    /// The same, for an article without a publication date.
    fn dated_undated(s: &str, figure: &str) -> bool {
        dated_on(s, figure, None)
    }

    #[test]
    fn what_events_of_a_kind_do_is_not_a_claim() {
        assert!(super::generic_sentence("A magnitude 6 quake can cause severe damage."));
        assert!(super::generic_sentence(
            "A magnitude-6.0 quake can cause severe damage."
        ));
        assert!(super::generic_sentence(
            "Quakes of magnitude 2 and 3 are common in the area."
        ));
        assert!(!super::generic_sentence("A magnitude 6 quake struck Aceh on Tuesday."));
        assert!(!super::generic_sentence(
            "The quake could have killed hundreds, officials said."
        ));
        // A hedge or a counterfactual before the figure.
        let hedged = "\"There might have been two people killed,\" he said.";
        let at = hedged.find("two").unwrap();
        assert!(super::hypothetical_before(hedged, 0, Span::new(at, at + 3)));
        let plain = "There were two people killed, he said.";
        let at = plain.find("two").unwrap();
        assert!(!super::hypothetical_before(plain, 0, Span::new(at, at + 3)));
    }

    #[test]
    fn an_undated_article_recalls_a_toll_it_dates_by_month_or_year() {
        assert!(dated_undated(
            "In 2004 a massive tremor sparked a tsunami that killed 170,000 people.",
            "170,000"
        ));
        assert!(dated_undated(
            "Iranians recall December 2003, in which more than 31,000 people were killed in Bam.",
            "31,000"
        ));
        assert!(!dated_undated("The quake on Sunday killed 10 people.", "10"));
        assert!(!dated_undated(
            "Ten people were killed, officials said on Sunday.",
            "Ten"
        ));
    }

    #[test]
    fn a_far_time_dates_a_toll_in_its_own_clause_only() {
        assert!(dated(
            "Militants have killed more than 230 people in France since January 2015.",
            "230"
        ));
        assert!(dated("In January 2015, 17 people died in attacks on a magazine.", "17"));
        assert!(dated("In 2009, an earthquake in L'Aquila killed 309 people.", "309"));
        assert!(!dated("In 2016, the attack in Nice on Tuesday killed 84 people.", "84"));
        assert!(!dated(
            "No civilians were killed in its first 48 hours, the longest such period since January 2015.",
            "No civilians"
        ));
        assert!(!dated(
            "The strike on Tuesday killed 20 people, the worst since January 2015.",
            "20"
        ));
    }
}

#[cfg(test)]
mod count_role_tests {
    use crate::span::Span;

    fn role(s: &str, figure: &str) -> Option<&'static str> {
        let at = s.rfind(figure).unwrap();
        super::count_role(s, 0, Span::new(at, at + figure.len()))
    }

    #[test]
    fn parts_of_a_toll_are_parts_after_of_those_and_after_a_listed_part() {
        assert_eq!(
            role("Of those, 96 civilians were killed by rebel rocket fire.", "96"),
            Some("part")
        );
        assert_eq!(role("Among the dead, 12 were children.", "12"), Some("part"));
        assert_eq!(
            role("MSF said 12 of the dead were staff and 10 were patients.", "10"),
            Some("part")
        );
        assert_eq!(
            role("Among the dead were 12 staff members and 10 patients.", "10"),
            Some("part")
        );
        // A whole toll, and a second toll after "and" with no part before it.
        assert_eq!(role("Of course, 96 people were killed.", "96"), None);
        assert_eq!(role("The blast killed 12 people and 10 died in hospital.", "10"), None);
        assert_eq!(
            role("Twelve people were killed and 70 others were injured.", "70"),
            None,
            "the injured's own toll"
        );
    }

    #[test]
    fn a_count_after_a_dash_is_a_part_only_after_a_count() {
        assert_eq!(
            role(
                "At least 30 people were killed — 10 of the dead children — on Wednesday.",
                "10"
            ),
            Some("part")
        );
        assert_eq!(
            role("The strike killed 30 people - 12 children among them.", "12"),
            Some("part")
        );
        // A dateline's dash: the lead's toll is the toll.
        assert_eq!(
            role(
                "BEIRUT (AP) — At least 30 people were killed when an air strike hit a hospital.",
                "At least 30"
            ),
            None
        );
        assert_eq!(role("ALEPPO, Syria — Twelve people died on Thursday.", "Twelve"), None);
    }

    #[test]
    fn a_figure_risen_from_or_of_first_reports_is_earlier() {
        assert_eq!(
            role("The toll had risen from 247 a day earlier.", "247"),
            Some("earlier")
        );
        assert_eq!(role("The toll rose to 267 from 247 on Friday.", "247"), Some("earlier"));
        assert_eq!(role("The toll rose to 267 from 247 on Friday.", "267"), None);
        assert_eq!(
            role("When the first figures emerged that morning, officials spoke of 38 dead; by Friday the toll stood at 267.", "38"),
            Some("earlier")
        );
        assert_eq!(
            role("When the first figures emerged that morning, officials spoke of 38 dead; by Friday the toll stood at 267.", "267"),
            None
        );
        assert_eq!(
            role("Police said 12 people were killed, up from first reports of 10.", "12"),
            None
        );
    }

    #[test]
    fn a_magnitude_is_told_by_its_words_and_a_count_in_millions_is_none() {
        let q = |v: f64| crate::mentions::QuantityValue {
            value: v,
            low: Some(v),
            high: Some(v),
            qualifier: None,
            unit: None,
        };
        let at = |s: &str, f: &str| {
            let i = s.find(f).unwrap();
            Span::new(i, i + f.len())
        };
        let s = "Some 8 million people were affected by the magnitude 7.8 quake, with 1.4 million in need of food.";
        assert!(super::is_magnitude(&q(7.8), s, 0, at(s, "7.8")));
        assert!(!super::is_magnitude(&q(1.4), s, 0, at(s, "1.4")));
        let carried = crate::mentions::QuantityValue {
            unit: Some("magnitude".into()),
            ..q(1_400_000.0)
        };
        assert!(!super::is_magnitude(&carried, s, 0, at(s, "1.4 million")));
        let s = "The 6.1-magnitude quake struck at dawn.";
        assert!(super::is_magnitude(&q(6.1), s, 0, at(s, "6.1")));
    }

    #[test]
    fn a_toll_shared_out_over_places_is_made_of_parts() {
        let s = "Officials said 14 people were killed at the airport and 20 in the metro.";
        assert_eq!(role(s, "14"), Some("part"));
        assert_eq!(role(s, "20"), Some("part"));
        let s = "The blasts killed 12 in Kabul and 30 in Jalalabad, officials said.";
        assert_eq!(role(s, "12"), Some("part"));
        assert_eq!(role(s, "30"), Some("part"));
        // One toll in one place, and a toll with its injured, are not shared out.
        assert_eq!(role("The blast killed 12 people in Kabul and wounded 30.", "12"), None);
        assert_eq!(
            role("The blast killed 12 people in Kabul and 30 were injured.", "30"),
            None
        );
    }

    #[test]
    fn another_clause_or_place_is_a_part() {
        assert_eq!(
            role("Four other people died in hospitals from their injuries.", "Four"),
            Some("part")
        );
        assert_eq!(
            role("In neighbouring Central Aceh district, 10 people were killed.", "10"),
            Some("part")
        );
        assert_eq!(
            role(
                "In neighbouring Central Aceh district, 10 people were killed, 140 were injured.",
                "140"
            ),
            Some("part")
        );
        assert_eq!(role("In Aceh, 10 people were killed.", "10"), None);
    }

    #[test]
    fn an_addition_to_a_toll_is_a_part_of_it() {
        assert_eq!(
            role("The blast killed 12 people and 10 more died in hospital.", "10"),
            Some("part")
        );
        assert_eq!(
            role(
                "Another four people died in hospitals from their injuries, he said.",
                "Another four"
            ),
            Some("part")
        );
        assert_eq!(
            role("The bodies of two more victims were found in the village.", "two"),
            Some("part")
        );
        assert_eq!(role("A further 12 were injured.", "A further 12"), Some("part"));
        assert_eq!(role("More than 30 people were killed.", "More than 30"), None);
        assert_eq!(role("The toll rose to 30 people on Monday.", "30"), None);
    }
}

#[cfg(test)]
mod killing_tests {
    use crate::span::Span;

    fn killing(s: &str, time: &str) -> bool {
        let at = s.find(time).unwrap();
        super::killing_before(s, 0, Span::new(at, at + time.len()))
    }

    #[test]
    fn the_time_after_a_killing_is_the_events() {
        assert!(killing(
            "A suicide bomber killed 22 people, including children, at a concert by U.S. singer Ariana Grande in the northern English city of Manchester on Monday night, police said on Tuesday.",
            "Monday night"
        ));
        assert!(killing(
            "Manchester held a vigil for the more than 20 people killed when a suicide bomber blew himself up at a pop concert in the city's arena on Tuesday night.",
            "Tuesday night"
        ));
        assert!(killing(
            "Israeli strikes killed 12 people and wounded 30 in Gaza on Monday.",
            "Monday"
        ));
    }

    #[test]
    fn a_time_before_the_killing_or_past_another_verb_is_not() {
        assert!(!killing("On Tuesday, police said 22 people were killed.", "Tuesday"));
        assert!(!killing(
            "The attack, which killed 22, was claimed by Islamic State on Tuesday.",
            "Tuesday"
        ));
        assert!(!killing(
            "The gunmen killed 30 before troops arrived on Friday.",
            "Friday"
        ));
        assert!(!killing(
            "The bombing killed 22; police raided a house on Wednesday.",
            "Wednesday"
        ));
        assert!(!killing(
            "The bomb killed 22 people, and police later arrested a man on Wednesday.",
            "Wednesday"
        ));
        assert!(!killing(
            "A man who was injured in the blast died in hospital on Friday.",
            "Friday"
        ));
    }
}
