//! Event features: where an event mention says it happens and what it hit, read from the
//! words around its trigger ("the truce in Aleppo", "the Aleppo truce", "air strikes on a
//! camp near the village of Kammouna", "the hospital strike"). Subject clustering uses them
//! to keep apart events of one kind at one time: the Aleppo truce and the Latakia truce,
//! the hospital strike and the camp strike.

use std::collections::BTreeSet;

use crate::mentions::entity::{is_country, is_target, place_key};
use crate::mentions::{Mention, Value};
use crate::span::Span;

/// What one trigger's phrase says about its event.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Features {
    /// Place keys ("aleppo", "idlib"), countries left out.
    pub places: BTreeSet<String>,
    /// Kinds of target ("hospital", "convoy").
    pub targets: BTreeSet<String>,
    /// "two weeks of bombardment", "days of fighting": a campaign over a period, not one
    /// strike or one battle on one day.
    pub campaign: bool,
    /// "An earlier truce", "the previous ceasefire", "the first truce of its kind": an
    /// event before the one the article is about (told apart inside its article; across
    /// articles its time does that).
    pub earlier: bool,
    /// Each place key as the article writes it ("aleppo" → "Aleppo"), for labels.
    pub names: std::collections::BTreeMap<String, String>,
    /// Countries an event that happens is placed in ("a quake in eastern China", "struck
    /// southern Iran"): two such events in different countries are two events. (A truce
    /// "between Russia and the US" names parties, not where it holds, so lasting events
    /// keep none.)
    #[serde(default)]
    pub countries: BTreeSet<String>,
    /// Wider places its places lie in or beside, as the corpus tells ([`crate::gazetteer`]):
    /// filled when events are clustered, never stored.
    #[serde(skip)]
    pub within: BTreeSet<String>,
}

/// Whether two events' targets may be one: either names no specific target, or they share
/// one. A generic target ("the building", "a medical facility") may be any.
fn targets_meet(a: &BTreeSet<String>, b: &BTreeSet<String>) -> bool {
    use crate::mentions::entity::is_generic_target;
    let specific = |s: &BTreeSet<String>| s.iter().any(|t| !is_generic_target(t));
    !specific(a) || !specific(b) || a.iter().any(|t| !is_generic_target(t) && b.contains(t))
}

impl Features {
    /// Two events may be one when neither names a place or target the other contradicts.
    pub fn compatible(&self, other: &Features) -> bool {
        let meet = |a: &BTreeSet<String>, b: &BTreeSet<String>| a.is_empty() || b.is_empty() || !a.is_disjoint(b);
        (self.places.is_empty() || other.places.is_empty() || self.shares_place(other))
            && targets_meet(&self.targets, &other.targets)
            && meet(&self.countries, &other.countries)
            && self.campaign == other.campaign
    }

    /// Whether the two share a place or a target (positive evidence of one event).
    pub fn shares(&self, other: &Features) -> bool {
        self.shares_place(other) || !self.targets.is_disjoint(&other.targets)
    }

    /// How much says the two are one: a shared place, a shared target, or both.
    pub fn evidence(&self, other: &Features) -> usize {
        usize::from(self.shares_place(other)) + usize::from(!self.targets.is_disjoint(&other.targets))
    }

    /// A place in common, one name a shortening of the other ("Deir" for "Deir ez-Zor").
    /// Or one lies in or beside a place of the other ("Urum al-Kubra", a town west of
    /// "Aleppo"); two towns in one province share nothing.
    fn shares_place(&self, other: &Features) -> bool {
        let same = |a: &String, b: &String| {
            a == b
                || crate::mentions::entity::same_folded(a, b)
                || a.strip_prefix(b.as_str()).is_some_and(|r| r.starts_with(' '))
                || b.strip_prefix(a.as_str()).is_some_and(|r| r.starts_with(' '))
        };
        self.places
            .iter()
            .any(|a| other.places.iter().chain(&other.within).any(|b| same(a, b)))
            || other.places.iter().any(|b| self.within.iter().any(|a| same(a, b)))
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty() && self.targets.is_empty()
    }

    pub fn extend(&mut self, other: &Features) {
        self.places.extend(other.places.iter().cloned());
        self.targets.extend(other.targets.iter().cloned());
        self.countries.extend(other.countries.iter().cloned());
        self.campaign |= other.campaign;
        self.earlier |= other.earlier;
        for (k, v) in &other.names {
            self.names.entry(k.clone()).or_insert_with(|| v.clone());
        }
    }
}

/// Words that end the phrase a trigger heads: a new clause or the main verb.
const PHRASE_END: &[&str] = &[
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "when",
    "after",
    "before",
    "as",
    "while",
    "but",
    "since",
    "because",
    "although",
    "though",
    "until",
    "killed",
    "killing",
    "kills",
    "left",
    "leaving",
    "wounded",
    "said",
    "says",
    "has",
    "have",
    "had",
    "was",
    "were",
    "is",
    "are",
    "will",
    "would",
    "could",
    "began",
    "begins",
    "came",
    "comes",
    "went",
    "took",
    "takes",
    "hit",
    "struck",
    "remains",
    "remained",
    "appeared",
    "appears",
    "collapsed",
    "ended",
    "started",
];

/// Verbs by which an event that happens reaches its place or target ("struck Aceh", "hit
/// a hospital"), among the words that end a trigger's phrase.
const STRIKE_VERBS: &[&str] = &[
    "hit",
    "hits",
    "struck",
    "strikes",
    "rocked",
    "rocks",
    "jolted",
    "jolts",
    "shook",
    "shakes",
    "rattled",
    "rattles",
    "devastated",
    "ravaged",
    "flattened",
    "levelled",
    "leveled",
    "battered",
    "hammered",
];
/// The same verbs as a passive takes them ("was struck by"), as a regex alternation.
/// Verbs by which an event that happens reaches where its dead were ("shelling killed
/// seven people in Khan Tuman", "the quake left 300 dead in Aceh").
const HARM_VERBS: &[&str] = &["killed", "killing", "kills", "left", "leaving", "wounded"];

/// Verbs by which a lasting event reaches where it holds ("took hold in", "went into
/// effect in", "came into force across", "began in").
const LASTING_VERBS: &[&str] = &[
    "took",
    "takes",
    "went",
    "goes",
    "came",
    "comes",
    "began",
    "begins",
    "started",
    "starts",
    "held",
    "holds",
    "take",
    "go",
    "come",
    "begin",
    "start",
    "hold",
    "holding",
    "applied",
    "apply",
    "applies",
    "implemented",
    "observed",
    "enforced",
    "imposed",
];

/// Auxiliaries a lasting event's verb may follow ("will be applied in Aleppo city", "is
/// to take effect in Homs"): passed over only when that verb is one of [`LASTING_VERBS`].
const AUXILIARIES: &[&str] = &[
    "will", "would", "is", "was", "are", "were", "has", "have", "had", "shall",
];

const STRIKE_VERBS_PAST: &str =
    "hit|struck|rocked|jolted|shaken|rattled|devastated|ravaged|flattened|levelled|leveled|battered|hammered";

/// The features of the trigger at `trigger` in the sentence at `sentence`, given the
/// article's place keys and the entity mentions of that sentence.
pub fn of_trigger(
    text: &str,
    sentence: Span,
    trigger: Span,
    entities: &[&Mention],
    places: &BTreeSet<String>,
    lasting: bool,
) -> Features {
    let mut f = Features::default();
    let place_of = |m: &Mention| -> Option<(String, String)> {
        let Value::Entity(e) = &m.value else { return None };
        if is_country(&e.name) || is_country(&e.canonical) {
            return None;
        }
        // (The article's places leave out demonyms: "the Indonesian province".)
        let key = place_key(&e.name);
        places.contains(&key).then(|| (key, e.name.clone()))
    };
    // Before the trigger: "the Aleppo truce", "Aleppo's truce", "the hospital strike".
    let lead = &text[sentence.start..trigger.start];
    static CAMPAIGN: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let campaign = CAMPAIGN.get_or_init(|| {
        crate::regexes::new(r"(?i)\b(?:days|weeks|months|years|nights|hours)\s+of\s+(?:[\p{L}-]+\s+){0,2}(?:(?:and|or)\s+(?:[\p{L}-]+\s+){0,2})?$").unwrap()
    });
    f.campaign = campaign.is_match(lead);
    // "came eight days after a truck attack in Nice", "the fifth anniversary of the attacks
    // in Norway": an event the article recalls, before the one it is about.
    static RECALLED: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let recalled = RECALLED.get_or_init(|| {
        crate::regexes::new(r"(?i)(?:\b(?:days?|weeks?|months?|years?|a\s+week|a\s+fortnight)\s+after|\banniversary\s+of)\s+(?:the\s+|a\s+|an\s+)?(?:[\p{L}\d,'’-]+\s+){0,6}$").unwrap()
    });
    // "an earlier truce", "the previous, failed ceasefire": words right before the trigger.
    f.earlier = lead
        .split_whitespace()
        .rev()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
        .filter(|w| !matches!(w.as_str(), "the" | "a" | "an" | "its" | "their" | "this" | "that"))
        .take(2)
        .any(|w| {
            matches!(
                w.as_str(),
                "earlier"
                    | "previous"
                    | "prior"
                    | "former"
                    | "past"
                    | "last"
                    | "first"
                    | "original"
                    | "failed"
                    | "collapsed"
                    | "old"
                    | "abortive"
                    | "similar"
                    | "separate"
            )
        });
    // "Before the ceasefire, air strikes in Aleppo killed more than 100": before another
    // event the sentence opens with.
    static BEFORE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let before = BEFORE.get_or_init(|| {
        crate::regexes::new(r"(?i)^\s*(?:before|prior\s+to|in\s+the\s+(?:days|weeks|months)\s+before)\s+(?:the|a|an|its|their)\s+(?:[\p{L}-]+\s+){0,3}?[\p{L}-]+,\s+(?:[\p{L}\d'’-]+\s+){0,6}$").unwrap()
    });
    f.earlier |= recalled.is_match(lead) || before.is_match(lead);
    let lead_words: Vec<&str> = lead.split_whitespace().rev().take(3).collect();
    if let Some(w) = lead_words.first() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        if is_target(&w) {
            f.targets.insert(singular(&w));
        }
    }
    // "Indonesia's West Papua province was hit by a magnitude 6.1 earthquake": the place a
    // passive strike verb's subject names, in the clause before it.
    static STRUCK_BY: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let struck_by = STRUCK_BY.get_or_init(|| {
        crate::regexes::new(&format!(
            r"(?i)\b(?:was|were|is|are|has\s+been|have\s+been|had\s+been)\s+(?:{STRIKE_VERBS_PAST})\s+by\s+(?:[\p{{L}}\d.'’-]+\s+){{0,5}}$"
        ))
        .unwrap()
    });
    if !lasting {
        if let Some(at) = struck_by.find(lead) {
            let verb = sentence.start + at.start();
            let clause = text[sentence.start..verb]
                .rfind([',', ';', ':'])
                .map_or(sentence.start, |i| sentence.start + i + 1);
            for m in entities {
                if m.span.start >= clause && m.span.end <= verb {
                    if let Some((k, name)) = place_of(m) {
                        f.places.insert(k.clone());
                        f.names.entry(k).or_insert(name);
                    }
                }
            }
        }
    }
    for m in entities {
        if m.span.end <= trigger.start && text[m.span.end..trigger.start].split_whitespace().count() <= 1 {
            let gap = &text[m.span.end..trigger.start];
            if !gap.contains([',', ';', ':', '.', '(', ')']) {
                if let Some((k, name)) = place_of(m) {
                    f.places.insert(k.clone());
                    f.names.entry(k).or_insert(name);
                }
            }
        }
    }
    // After the trigger, up to the end of its phrase: "in Aleppo and in the province of
    // Latakia", "on a camp for displaced people near the village of Kammouna".
    let tail = &text[trigger.end..sentence.end];
    // An event that happens reaches on through its verb to what it hit: "a quake struck
    // the province of Aceh", "the strike hit a hospital in Idlib" (a truce "struck in
    // Geneva" was agreed there, so lasting events stop at the verb, but for one that says
    // where it holds: "the truce took hold in Aleppo", "went into effect in Aleppo").
    let mut end = trigger.end;
    let mut words = 0;
    let mut offset = 0;
    let mut through_verb = false;
    let mut aux = false;
    for piece in tail.split_inclusive(char::is_whitespace) {
        let w = piece.trim();
        let clean = w
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
            .to_lowercase();
        if aux {
            if LASTING_VERBS.contains(&clean.as_str()) {
                aux = false;
                through_verb = true;
            } else if !matches!(clean.as_str(), "be" | "been" | "being" | "to" | "now" | "also") {
                break;
            }
        } else if lasting && !through_verb && words > 0 && AUXILIARIES.contains(&clean.as_str()) {
            aux = true;
        } else if words > 0 && PHRASE_END.contains(&clean.as_str()) {
            let reaches = if lasting {
                LASTING_VERBS.contains(&clean.as_str())
            } else {
                STRIKE_VERBS.contains(&clean.as_str()) || HARM_VERBS.contains(&clean.as_str())
            };
            if through_verb || !reaches {
                break;
            }
            through_verb = true;
        }
        offset += piece.len();
        words += 1;
        if is_target(&clean) {
            f.targets.insert(singular(&clean));
        }
        end = trigger.end + offset;
        if w.ends_with([',', ';', ':', '.', ')', '(']) || w.starts_with('(') || words >= 14 {
            break;
        }
    }
    for m in entities {
        if m.span.start >= trigger.end && m.span.end <= end.max(trigger.end) {
            if let Some((k, name)) = place_of(m) {
                f.places.insert(k.clone());
                f.names.entry(k).or_insert(name);
            }
        }
    }
    if !lasting {
        static LOCATIVE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
        let locative = LOCATIVE.get_or_init(|| {
            crate::regexes::new(&format!(
                r"(?i)\b(?:in|across|off|inside|{})\s+(?:the\s+)?(?:(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+)?$",
                STRIKE_VERBS.join("|")
            ))
            .unwrap()
        });
        for m in entities {
            let Value::Entity(e) = &m.value else { continue };
            if m.span.start < trigger.end
                || m.span.end > end.max(trigger.end)
                || !is_country(&e.name)
                || crate::mentions::entity::is_region(&e.name)
            {
                continue;
            }
            if locative.is_match(&text[sentence.start.max(m.span.start.saturating_sub(40))..m.span.start]) {
                f.countries
                    .insert(crate::mentions::speaker::canonical(&e.name).to_lowercase());
            }
        }
    }
    f
}

fn singular(w: &str) -> String {
    if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
        w[..w.len() - 1].to_string()
    } else {
        w.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mentions::entity;

    fn features(sentence: &str, trigger: &str) -> Features {
        let ms: Vec<Mention> = entity::find_in(sentence)
            .into_iter()
            .map(|(a, b, v)| Mention {
                span: Span::new(a, b),
                value: Value::Entity(v),
                rule: "entity.capitalised",
                sentence: 0,
                scope: None,
            })
            .collect();
        let places = entity::places_in(sentence, &ms);
        let refs: Vec<&Mention> = ms.iter().collect();
        let at = sentence.find(trigger).unwrap();
        of_trigger(
            sentence,
            Span::new(0, sentence.len()),
            Span::new(at, at + trigger.len()),
            &refs,
            &places,
            trigger.contains("truce") || trigger.contains("ceasefire") || trigger.contains("calm"),
        )
    }

    #[test]
    fn places_after_and_before_the_trigger() {
        let f = features(
            "The truce in the Syrian city of Aleppo and in the province of Latakia was extended.",
            "truce",
        );
        assert_eq!(f.places, BTreeSet::from(["aleppo".to_string(), "latakia".to_string()]));
        let f = features("Fighting eased in Aleppo after the Aleppo truce took hold.", "truce");
        assert_eq!(f.places, BTreeSet::from(["aleppo".to_string()]));
        // A country names no place that separates events.
        let f = features("The ceasefire in Syria held.", "ceasefire");
        assert!(f.places.is_empty());
    }

    #[test]
    fn an_event_that_happens_reaches_through_its_verb() {
        let f = features(
            "A strong earthquake struck the northwestern Indonesian province of Aceh on Tuesday.",
            "earthquake",
        );
        assert_eq!(f.places, BTreeSet::from(["aceh".to_string()]), "{f:?}");
        let f = features("The strike hit a hospital in Idlib, killing 12.", "strike");
        assert!(f.targets.contains("hospital") && f.places.contains("idlib"), "{f:?}");
        let f = features(
            "Indonesia's West Papua province was hit by a magnitude 6.1 earthquake today.",
            "earthquake",
        );
        assert_eq!(f.places, BTreeSet::from(["papua".to_string()]), "{f:?}");
        // A truce agreed somewhere is not a truce there.
        let f = features("The truce struck in Geneva covers the city of Aleppo.", "truce");
        assert!(f.places.is_empty(), "{f:?}");
        // Only one verb: the next clause's place is another matter.
        let f = features(
            "The quake struck at dawn and hit the town of Bam hardest, officials in Kerman said.",
            "quake",
        );
        assert!(!f.places.contains("kerman"), "{f:?}");
        // Through a harm verb to where the dead were.
        let f = features("Shelling on Monday killed seven people in Khan Tuman.", "Shelling");
        assert_eq!(f.places, BTreeSet::from([place_key("Khan Tuman")]), "{f:?}");
    }

    #[test]
    fn a_lasting_event_reaches_where_it_holds() {
        for (text, trigger) in [
            (
                "A truce brokered by Washington took hold in Aleppo on Wednesday.",
                "truce",
            ),
            ("The ceasefire went into effect in Aleppo at midnight.", "ceasefire"),
            ("The truce began in Aleppo at 1 a.m.", "truce"),
            (
                "A regime of calm will be applied in Aleppo city starting from Thursday.",
                "regime of calm",
            ),
            ("The truce is to take effect in Aleppo on Friday.", "truce"),
        ] {
            let f = features(text, trigger);
            assert_eq!(f.places, BTreeSet::from(["aleppo".to_string()]), "{text}: {f:?}");
        }
        // Where it was agreed, or what the next clause says, is not where it holds.
        for (text, trigger) in [
            (
                "The truce agreed on Monday took effect, officials in Geneva said.",
                "truce",
            ),
            ("The truce collapsed in Aleppo within hours.", "truce"),
            ("The truce was agreed in Geneva on Friday.", "truce"),
            ("The truce will be signed in Geneva.", "truce"),
        ] {
            let f = features(text, trigger);
            assert!(f.places.is_empty(), "{text}: {f:?}");
        }
    }

    #[test]
    fn events_that_happen_in_two_countries_are_two() {
        let a = features(
            "On Saturday, a quake in eastern China killed more than a dozen people.",
            "quake",
        );
        let b = features("A magnitude 5.9 quake hit southern Iran on Sunday.", "quake");
        assert!(
            a.countries.contains("china") && b.countries.contains("iran"),
            "{a:?} {b:?}"
        );
        assert!(!a.compatible(&b));
        let c = features("The quake killed ten people, officials said.", "quake");
        assert!(a.compatible(&c));
        // A truce between two countries is not in them.
        let t = features("The truce between Russia and the United States held.", "truce");
        assert!(t.countries.is_empty(), "{t:?}");
    }

    #[test]
    fn a_continent_is_no_country_an_event_is_in() {
        // "Leaders across Europe" must not part this attack from one "in France".
        let a = features(
            "Obama condemned the terrorist attack, and leaders across Europe expressed solidarity.",
            "attack",
        );
        assert!(a.countries.is_empty(), "{a:?}");
        let b = features("The attack in France killed 84 people.", "attack");
        assert!(b.countries.contains("france"), "{b:?}");
        assert!(a.compatible(&b));
        let c = features("A quake in the Middle East killed 12.", "quake");
        assert!(c.countries.is_empty(), "{c:?}");
    }

    #[test]
    fn a_recalled_event_is_an_earlier_one() {
        let f = features(
            "The attack came eight days after a truck attack in Nice killed 84 people.",
            "truck attack",
        );
        assert!(f.earlier, "{f:?}");
        let f = features(
            "It came just over a week after 84 people were killed in the truck attack in Nice.",
            "truck attack",
        );
        assert!(f.earlier, "{f:?}");
        let f = features("Friday was the fifth anniversary of the attacks in Norway.", "attacks");
        assert!(f.earlier, "{f:?}");
        let f = features("The attack came eight days after a truck attack in Nice.", "attack");
        assert!(!f.earlier, "the story's own attack: {f:?}");
        let f = features(
            "Before the ceasefire, air strikes in Aleppo killed more than 100 people.",
            "air strikes",
        );
        assert!(f.earlier, "{f:?}");
        let f = features(
            "A similar regime of calm was applied in Eastern Ghouta for 24 hours.",
            "regime of calm",
        );
        assert!(f.earlier, "another event of the kind: {f:?}");
        let f = features("Police arrived minutes after the shooting began.", "shooting");
        assert!(!f.earlier, "{f:?}");
    }

    #[test]
    fn targets_and_compatibility() {
        let a = features(
            "Air strikes on a camp for displaced people near the village of Kammouna killed 28.",
            "strikes",
        );
        assert!(a.targets.contains("camp"), "{a:?}");
        let b = features("Washington blamed Damascus for the hospital strike.", "strike");
        assert!(b.targets.contains("hospital"), "{b:?}");
        assert!(!a.compatible(&b));
        assert!(a.compatible(&Features::default()));
        // "The strike hit the building directly" may be the hospital strike; it is still
        // not the camp strike, and a building and a hospital do not make a camp.
        let c = features(
            "The strike late on Wednesday night hit the building directly.",
            "strike",
        );
        assert!(c.targets.contains("building"), "{c:?}");
        assert!(c.compatible(&b));
        let d = features("The strike hit the hospital and a building next door.", "strike");
        assert!(d.compatible(&b) && !d.compatible(&a));
    }
}
