//! Mentions: what the extraction sees in an article before any cross-checking. One
//! submodule per kind (time, duration, quantity, speaker, event, entity), each with its rules
//! and its example corpus under `examples/`. Every mention carries a byte span into the file
//! as it is on disk and the rule that produced it.

pub mod dateline;
pub mod duration;
pub mod entity;
pub mod event;
pub mod numbers;
pub mod quantity;
pub mod speaker;
pub mod stance;
pub mod tense;
pub mod time;
pub mod timeval;

use serde::{Deserialize, Serialize};

use crate::corpus::Source;
use crate::span::Span;
use crate::text::Sentence;

pub use duration::DurationValue;
pub use entity::EntityValue;
pub use event::{EventValue, Lexicon};
pub use quantity::QuantityValue;
pub use speaker::SpeakerValue;
pub use stance::StanceValue;
pub use timeval::{Grain, TimeValue};

/// A mention's normalised value; serialised with its `kind`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Value {
    Time(TimeValue),
    Duration(DurationValue),
    Quantity(QuantityValue),
    Speaker(SpeakerValue),
    Event(EventValue),
    Entity(EntityValue),
    Stance(StanceValue),
}

impl Value {
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Time(_) => "time",
            Value::Duration(_) => "duration",
            Value::Quantity(_) => "quantity",
            Value::Speaker(_) => "speaker",
            Value::Event(_) => "event",
            Value::Entity(_) => "entity",
            Value::Stance(_) => "stance",
        }
    }

    /// A short human form of the value.
    pub fn display(&self) -> String {
        match self {
            Value::Time(t) => t.display(),
            Value::Duration(d) if d.open => "open-ended".to_string(),
            Value::Duration(d) => match &d.qualifier {
                Some(q) => format!("{q} {}", d.iso),
                None => d.iso.clone(),
            },
            Value::Quantity(q) => {
                let n = if q.value.fract() == 0.0 {
                    format!("{}", q.value as i64)
                } else {
                    format!("{}", q.value)
                };
                let mut s = match &q.qualifier {
                    Some(qual) => format!("{qual} {n}"),
                    None => n,
                };
                if let Some(u) = &q.unit {
                    s.push(' ');
                    s.push_str(u);
                }
                s
            }
            Value::Speaker(s) => s.name.clone(),
            Value::Event(e) => e.family.clone(),
            Value::Entity(e) => e.canonical.clone(),
            Value::Stance(s) => s.display(),
        }
    }
}

/// One mention in an article.
#[derive(Clone, Debug)]
pub struct Mention {
    pub span: Span,
    pub value: Value,
    pub rule: &'static str,
    /// Index of the sentence it is in.
    pub sentence: usize,
    /// For speakers: which part of the sentence the attribution covers, and where its verb is.
    pub scope: Option<(speaker::Scope, Span)>,
}

impl Mention {
    pub fn kind(&self) -> &'static str {
        self.value.kind()
    }
}

/// Everything the recognisers find in one article, in span order per sentence.
pub fn extract(source: &Source, sentences: &[Sentence], lexicon: &Lexicon) -> Vec<Mention> {
    // Bare clock times are read in the story's zone: the front matter's, else the dateline's
    // place's; never the publisher's UTC offset (see `dateline`).
    let line = dateline::find(source.body_text());
    let zone_guessed = source.timezone.is_none();
    let zone = source
        .timezone
        .clone()
        .or_else(|| line.as_ref().and_then(dateline::zone));
    // Relative times ("yesterday", "on Wednesday") count from the story's own day.
    let date = source
        .published
        .as_ref()
        .map(|p| dateline::story_date(p, zone.as_ref(), line.as_ref()));
    let reference = time::Reference {
        date,
        zone_guessed: zone_guessed && zone.is_some(),
        zone,
        ..Default::default()
    };
    let text = &source.text;
    let mut out = Vec::new();
    let mut last_date = time::Anchor::default();
    for (si, sentence) in sentences.iter().enumerate() {
        let base = sentence.span.start;
        let s = sentence.span.text(text);
        let mut taken: Vec<Span> = Vec::new();
        let push = |out: &mut Vec<Mention>,
                    taken: &mut Vec<Span>,
                    a: usize,
                    b: usize,
                    value: Value,
                    rule: &'static str,
                    exclusive: bool| {
            let span = Span::new(base + a, base + b);
            if exclusive {
                if taken.iter().any(|t| t.overlaps(&span)) {
                    return;
                }
                taken.push(span);
            }
            out.push(Mention {
                span,
                value,
                rule,
                sentence: si,
                scope: None,
            });
        };
        for f in time::find_in(s, &reference, &mut last_date) {
            push(&mut out, &mut taken, f.start, f.end, Value::Time(f.value), f.rule, true);
        }
        for f in duration::find_in(s) {
            push(
                &mut out,
                &mut taken,
                f.start,
                f.end,
                Value::Duration(f.value),
                f.rule,
                true,
            );
        }
        for f in quantity::find_in(s) {
            push(
                &mut out,
                &mut taken,
                f.start,
                f.end,
                Value::Quantity(f.value),
                f.rule,
                true,
            );
        }
        for (a, b, v) in lexicon.find_in(s) {
            push(&mut out, &mut taken, a, b, Value::Event(v), "event.lexicon", false);
        }
        for a in speaker::find_in(s) {
            let span = Span::new(base + a.name_start, base + a.name_end);
            let verb = Span::new(base + a.verb_start, base + a.verb_end);
            out.push(Mention {
                span,
                value: Value::Speaker(a.value),
                rule: a.rule,
                sentence: si,
                scope: Some((a.scope, verb)),
            });
        }
        for f in stance::find_in(s) {
            push(
                &mut out,
                &mut taken,
                f.start,
                f.end,
                Value::Stance(f.value),
                f.rule,
                false,
            );
        }
        for (a, b, v) in entity::find_in(s) {
            push(
                &mut out,
                &mut taken,
                a,
                b,
                Value::Entity(v),
                "entity.capitalised",
                false,
            );
        }
    }
    out.sort_by_key(|m| (m.span.start, m.span.end, m.kind()));
    out
}
