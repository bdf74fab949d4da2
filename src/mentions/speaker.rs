//! Attribution: who the article says makes an assertion. Reporting verbs ("said", "says",
//! "told", "announced", "confirmed"), "according to X", quoted sentences with their speaker,
//! "X's state media reported", and news agencies kept apart as conduits ("…, Toner added,
//! according to Reuters": speaker Toner, via Reuters). Pronouns and bare surnames are resolved
//! to the last person named. Its example corpus is `examples/speaker.yaml`.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

/// A speaker mention's value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SpeakerValue {
    /// Canonical name ("United States", "Syrian military", "Mark Toner").
    pub name: String,
    /// The reporting verb or phrase ("says", "according to").
    pub verb: String,
    /// A news agency that carried the statement, when another speaker made it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conduit: Option<String>,
}

/// Which part of its sentence an attribution covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// "X says …": what follows the verb.
    After,
    /// "…, X said.": what precedes the name.
    Before,
}

/// One attribution inside a sentence; offsets are into the sentence text.
#[derive(Clone, Debug)]
pub struct Attribution {
    pub name_start: usize,
    pub name_end: usize,
    pub verb_start: usize,
    pub verb_end: usize,
    pub scope: Scope,
    pub value: SpeakerValue,
    pub rule: &'static str,
}

const VERBS: &str = "said|says|say|told|tells|announced|announces|confirmed|confirms|stated|states|stating|saying|added|adds|noted|notes|claimed|claims|insisted|insists|reported|reports|reporting|declared|declares|warned|warns|explained|explains|estimated|estimates|acknowledged|denied|denies|announcing|confirming|quoted|wrote|writes|argued|argues|maintained|maintains";

const AGENCIES: &[&str] = &[
    "reuters",
    "associated press",
    "ap",
    "afp",
    "agence france-presse",
    "xinhua",
    "tass",
    "ria novosti",
    "interfax",
    "sana",
    "anadolu",
    "anadolu agency",
    "al jazeera",
    "bbc",
    "cnn",
    "abc",
    "nbc",
    "cbs",
    "state media",
    "state television",
    "state tv",
    "dpa",
    "efe",
    "ansa",
    "kyodo",
    "yonhap",
    "upi",
];

/// Lower-case words that may be part of a speaker's noun phrase.
const NP_WORDS: &[&str] = &[
    "military",
    "army",
    "ministry",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "official",
    "officials",
    "media",
    "government",
    "command",
    "source",
    "sources",
    "statement",
    "agency",
    "police",
    "witnesses",
    "witness",
    "activists",
    "monitor",
    "observatory",
    "rebels",
    "opposition",
    "group",
    "envoy",
    "chief",
    "minister",
    "secretary",
    "president",
    "of",
    "state",
    "defence",
    "defense",
    "foreign",
    "general",
    "human",
    "rights",
    "for",
    "local",
    "senior",
    "the",
    "a",
    "an",
    "its",
    "his",
    "her",
    "their",
    "department",
    "office",
    "forces",
    "armed",
    "news",
    "television",
    "tv",
    "authorities",
    "residents",
    "doctors",
    "medics",
    "medical",
    "health",
    "interior",
    "leader",
    "leaders",
    "commander",
    "commanders",
    "representative",
    "diplomats",
    "diplomat",
    "analysts",
    "experts",
    "survey",
    "officer",
    "officers",
    "staff",
    "team",
    "in",
    "-based",
    "london-based",
    "based",
    "and",
    "embassy",
    "council",
    "committee",
    "coalition",
    "newspaper",
    "channel",
    "broadcaster",
    "high",
    "commissioner",
    "humanitarian",
    "secretary-general",
    "de",
    "al",
    "bin",
    "van",
    "von",
    "da",
    "del",
    "du",
    "der",
];

const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i"];

fn verb_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(&format!(r"\b(?:{VERBS})\b|\b(?i:according)\s+to\b")).unwrap())
}

fn aliases() -> &'static HashMap<String, String> {
    static MAP: OnceLock<HashMap<String, String>> = OnceLock::new();
    MAP.get_or_init(|| {
        let parsed: std::collections::BTreeMap<String, Vec<String>> =
            serde_yaml::from_str(include_str!("aliases.yaml")).expect("aliases.yaml parses");
        let mut map = HashMap::new();
        for (canon, forms) in parsed {
            map.insert(canon.to_lowercase(), canon.clone());
            for f in forms {
                map.insert(f.to_lowercase(), canon.clone());
            }
        }
        map
    })
}

/// The canonical form of a speaker or entity name: aliases merged, titles and articles
/// dropped, "<Demonym> army" made "<Demonym> military".
pub fn canonical(name: &str) -> String {
    let mut n = name
        .trim()
        .trim_matches(|c: char| c == ',' || c == '"' || c == '“' || c == '”')
        .trim()
        .to_string();
    if n.ends_with("'s") || n.ends_with("’s") {
        n.truncate(n.len() - if n.ends_with("'s") { 2 } else { 4 });
    }
    // "US Secretary of State, John Kerry": the name after an appositive comma.
    if let Some((_, last)) = n.rsplit_once(", ") {
        if last.split_whitespace().count() >= 2
            && last
                .split_whitespace()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        {
            n = last.to_string();
        }
    }
    let lower = n.to_lowercase();
    let stripped = lower.strip_prefix("the ").unwrap_or(&lower).to_string();
    if let Some(c) = aliases().get(&stripped).or_else(|| aliases().get(&lower)) {
        return c.clone();
    }
    let words: Vec<&str> = n.split_whitespace().collect();
    let start = usize::from(words.first().is_some_and(|w| w.eq_ignore_ascii_case("the")));
    let words = &words[start..];
    // "<Demonym> army/military/armed forces/army command" is one speaker.
    if words.len() >= 2 {
        let rest = words[1..].join(" ").to_lowercase();
        if matches!(
            rest.as_str(),
            "army"
                | "military"
                | "armed forces"
                | "army command"
                | "military command"
                | "army general command"
                | "defence ministry"
                | "defense ministry"
                | "ministry of defence"
                | "ministry of defense"
        ) && words[0].chars().next().is_some_and(|c| c.is_uppercase())
        {
            let kind = if rest.contains("ministry") {
                "defence ministry"
            } else {
                "military"
            };
            return format!(
                "{} {kind}",
                words[0]
                    .trim_end_matches("'s")
                    .trim_end_matches('s')
                    .trim_end_matches('\'')
            )
            .replace("Syria military", "Syrian military")
            .replace("Russia military", "Russian military")
            .replace("Russia defence", "Russian defence");
        }
    }
    // Titles before a person's name: keep the trailing capitalised name.
    let caps: Vec<&str> = words
        .iter()
        .rev()
        .take_while(|w| {
            w.chars().next().is_some_and(|c| c.is_uppercase()) || w.starts_with("al-") || w.starts_with("bin")
        })
        .copied()
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let title_words = [
        "Secretary",
        "State",
        "Minister",
        "Foreign",
        "President",
        "Spokesman",
        "Spokeswoman",
        "Prime",
        "Defence",
        "Defense",
        "Department",
        "Envoy",
        "General",
        "Gen.",
        "Chief",
        "Mr",
        "Mr.",
        "Mrs",
        "Ms",
        "Dr",
        "Dr.",
        "US",
        "U.S.",
        "UN",
        "U.N.",
        "Russian",
        "American",
        "Syrian",
        "Humanitarian",
        "Secretary-General",
        "Ambassador",
        "Commander",
        "Colonel",
        "Col.",
        "Senator",
        "Sen.",
        "Rep.",
        "Governor",
        "Gov.",
        "Mayor",
        "King",
        "Queen",
        "Prince",
        "Sheikh",
        "Lt.",
        "Maj.",
        "Sgt.",
    ];
    let has_lower = words
        .iter()
        .any(|w| w.chars().next().is_some_and(|c| c.is_lowercase()) && !w.starts_with("al-"));
    if has_lower && caps.len() >= 2 && !title_words.contains(&caps[caps.len() - 1]) {
        let name: Vec<&str> = caps.iter().skip_while(|w| title_words.contains(w)).copied().collect();
        if !name.is_empty() {
            return name.join(" ");
        }
    }
    if !has_lower {
        let name: Vec<&str> = words.iter().skip_while(|w| title_words.contains(w)).copied().collect();
        if !name.is_empty() && name.len() < words.len() {
            return name.join(" ");
        }
    }
    words.join(" ")
}

fn is_agency(name: &str) -> bool {
    let l = name.trim().to_lowercase();
    let l = l.strip_prefix("the ").unwrap_or(&l);
    AGENCIES.contains(&l) || AGENCIES.iter().any(|a| l.ends_with(&format!("'s {a}")))
}

/// Finds the noun phrase that ends right before `end` (a speaker before its verb).
fn np_before(s: &str, end: usize) -> Option<(usize, usize)> {
    let text = &s[..end];
    let trimmed_end = text.trim_end().len();
    let mut start = trimmed_end;
    let mut words = 0;
    for (i, w) in text[..trimmed_end].rsplit(' ').enumerate() {
        let _ = i;
        let clean = w.trim_matches(|c: char| c == '"' || c == '“' || c == '”');
        if clean.is_empty() || w.ends_with(',') && words > 0 || w.ends_with(['.', ';', ':', '"', '”', ')']) && words > 0
        {
            break;
        }
        let lw = clean.to_lowercase();
        let ok = clean.chars().next().is_some_and(|c| c.is_uppercase())
            || NP_WORDS.contains(&lw.as_str())
            || lw.ends_with("'s")
            || lw.ends_with("-based")
            || (words == 0 && PRONOUNS.contains(&lw.as_str()));
        if !ok || words >= 9 {
            break;
        }
        if words > 0 && PRONOUNS.contains(&lw.as_str()) {
            break;
        }
        start -= w.len();
        words += 1;
        if words == 1 && PRONOUNS.contains(&lw.as_str()) {
            break;
        }
        if start > 0 {
            start -= 1;
        } else {
            break;
        }
        if text[..start + 1].ends_with(' ') {
            // continue scanning
        }
    }
    if words == 0 {
        return None;
    }
    let s0 = if start == 0 || text.as_bytes().get(start) != Some(&b' ') {
        start
    } else {
        start + 1
    };
    let phrase = &text[s0..trimmed_end];
    // Drop leading lower-case words (determiners, "with the") and trailing commas.
    let lead = phrase
        .split(' ')
        .take_while(|w| {
            let lw = w.to_lowercase();
            matches!(
                lw.trim_end_matches(','),
                "the"
                    | "a"
                    | "an"
                    | "and"
                    | "of"
                    | "for"
                    | "in"
                    | "but"
                    | "however"
                    | "meanwhile"
                    | "also"
                    | "yet"
                    | "so"
                    | "now"
                    | "then"
                    | "earlier"
                    | "later"
                    | "separately"
                    | "still"
                    | "instead"
            )
        })
        .map(|w| w.len() + 1)
        .sum::<usize>();
    let s1 = (s0 + lead).min(trimmed_end);
    let phrase = text[s1..trimmed_end].trim_end_matches(',');
    if phrase.is_empty() || !phrase.chars().any(|c| c.is_alphabetic()) {
        return None;
    }
    Some((s1, s1 + phrase.len()))
}

/// Finds the noun phrase that starts right after `start` ("according to X", "said X").
fn np_after(s: &str, start: usize) -> Option<(usize, usize)> {
    let rest = &s[start..];
    let lead = rest.len() - rest.trim_start().len();
    let mut end = start + lead;
    let mut words = 0;
    for w in s[start + lead..].split(' ') {
        let clean = w.trim_end_matches(['.', ',', ';', ':', ')', '"', '”']);
        let lw = clean.to_lowercase();
        let ok = clean.chars().next().is_some_and(|c| c.is_uppercase())
            || NP_WORDS.contains(&lw.as_str())
            || lw.ends_with("'s")
            || lw.ends_with("-based");
        if !ok
            || clean.is_empty()
            || words >= 9
            || words == 0 && matches!(lw.as_str(), "in" | "of" | "for" | "and" | "to" | "at" | "on")
        {
            break;
        }
        end += clean.len();
        words += 1;
        if clean.len() < w.len() {
            break;
        }
        end += 1;
    }
    let phrase = s[start + lead..end.min(s.len())].trim_end();
    // Trailing lower-case function words are not part of the name.
    let phrase = phrase
        .trim_end_matches(" the")
        .trim_end_matches(" of")
        .trim_end_matches(" and");
    if words == 0 || phrase.is_empty() {
        return None;
    }
    Some((start + lead, start + lead + phrase.len()))
}

/// All attributions in one sentence.
pub fn find_in(s: &str) -> Vec<Attribution> {
    let mut out: Vec<Attribution> = Vec::new();
    for m in verb_regex().find_iter(s) {
        let verb = m.as_str().to_lowercase();
        let verb = verb.split_whitespace().collect::<Vec<_>>().join(" ");
        if verb == "according to" {
            if let Some((a, b)) = np_after(s, m.end()) {
                let name = &s[a..b];
                // "according to X" usually closes its clause: it covers what precedes it,
                // unless it opens the sentence.
                let before = s[..m.start()].trim();
                let scope = if before.is_empty() || before.len() < 3 {
                    Scope::After
                } else {
                    Scope::Before
                };
                out.push(att(
                    a,
                    b,
                    m.start(),
                    m.end(),
                    scope,
                    name,
                    "according to",
                    "speaker.according-to",
                ));
            }
            continue;
        }
        // "X said" / "X says": subject before the verb.
        let prev = s[..m.start()].trim_end();
        let after_comma_or_quote = prev.ends_with([',', '"', '”']);
        if !after_comma_or_quote {
            if let Some((a, b)) = np_before(s, m.start()) {
                let name = &s[a..b];
                // A postposed "…, X said." covers what precedes it.
                let pre = s[..a].trim_end();
                let tail = s[m.end()..].trim();
                let closes = tail.is_empty()
                    || tail.starts_with(['.', ','])
                    || tail.len() < 40
                        && !tail.contains(" that ")
                        && (tail.starts_with("on ")
                            || tail.starts_with("in ")
                            || tail.starts_with("later")
                            || tail.starts_with("according")
                            || tail.starts_with("at "));
                let scope = if (pre.ends_with([',', '"', '”']) || pre.is_empty()) && closes {
                    Scope::Before
                } else {
                    Scope::After
                };
                let rule = if scope == Scope::Before {
                    "speaker.postposed"
                } else {
                    "speaker.subject-verb"
                };
                out.push(att(a, b, m.start(), m.end(), scope, name, &verb, rule));
                continue;
            }
        }
        // "X, the UN envoy for Syria, said …": the name before an appositive.
        if let Some(inner) = prev.strip_suffix(',') {
            if let Some(comma) = inner.rfind(',') {
                let appositive = inner[comma + 1..].trim();
                let np_like = np_before(s, inner.len()).is_some_and(|(a, _)| {
                    a > comma
                        && inner[comma + 1..a]
                            .split_whitespace()
                            .all(|w| matches!(w.to_lowercase().as_str(), "the" | "a" | "an"))
                });
                if np_like && !appositive.is_empty() && appositive.split_whitespace().count() <= 8 {
                    if let Some((a, b)) = np_before(s, comma) {
                        let name = &s[a..b];
                        let lead_ok = name.chars().next().is_some_and(char::is_uppercase);
                        if lead_ok {
                            let tail = s[m.end()..].trim();
                            let scope = if tail.is_empty()
                                || tail.starts_with(['.', ','])
                                || !tail.contains(" that ") && tail.len() < 60
                            {
                                Scope::Before
                            } else {
                                Scope::After
                            };
                            out.push(att(a, b, m.start(), m.end(), scope, name, &verb, "speaker.appositive"));
                            continue;
                        }
                    }
                }
            }
        }
        // "…," said X.
        if let Some((a, b)) = np_after(s, m.end()) {
            if after_comma_or_quote {
                let name = &s[a..b];
                out.push(att(
                    a,
                    b,
                    m.start(),
                    m.end(),
                    Scope::Before,
                    name,
                    &verb,
                    "speaker.inverted",
                ));
            }
        }
    }
    out.retain(|a| a.value.name.chars().any(char::is_alphabetic));
    // An agency beside another speaker is a conduit, not a speaker.
    let has_other = out.iter().any(|a| !is_agency(&a.value.name));
    if has_other {
        let agencies: Vec<String> = out
            .iter()
            .filter(|a| is_agency(&a.value.name))
            .map(|a| a.value.name.clone())
            .collect();
        if let Some(agency) = agencies.first() {
            out.retain(|a| !is_agency(&a.value.name));
            for a in &mut out {
                a.value.conduit = Some(agency.clone());
            }
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn att(
    a: usize,
    b: usize,
    vs: usize,
    ve: usize,
    scope: Scope,
    name: &str,
    verb: &str,
    rule: &'static str,
) -> Attribution {
    Attribution {
        name_start: a,
        name_end: b,
        verb_start: vs,
        verb_end: ve,
        scope,
        value: SpeakerValue {
            name: canonical(name),
            verb: verb.to_string(),
            conduit: None,
        },
        rule,
    }
}

/// Whether a canonical name is a pronoun that needs resolving.
pub fn is_pronoun(name: &str) -> bool {
    PRONOUNS.contains(&name.to_lowercase().as_str())
}

/// Whether a name is a news agency or outlet.
pub fn is_conduit(name: &str) -> bool {
    is_agency(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(s: &str) -> Vec<(String, Scope, Option<String>)> {
        find_in(s)
            .into_iter()
            .map(|a| (a.value.name, a.scope, a.value.conduit))
            .collect()
    }

    #[test]
    fn subject_verb_postposed_and_according_to() {
        assert_eq!(
            names("The Syrian military says Thursday will be the first day.")[0].0,
            "Syrian military"
        );
        assert_eq!(
            names("Reports have differed, with the U-S stating it would come into effect.")[0].0,
            "United States"
        );
        let n = names("They agreed to extend it, US State Department spokesman Mark Toner confirmed.");
        assert_eq!((n[0].0.as_str(), n[0].1), ("Mark Toner", Scope::Before));
        let n = names("\"It will be for 48 hours,\" Toner added later, according to Reuters.");
        assert_eq!(n.len(), 1);
        assert_eq!(n[0].0, "Toner");
        assert_eq!(n[0].2.as_deref(), Some("Reuters"));
        assert_eq!(
            names("According to Al Jazeera, the UN applauded the drop.")[0].0,
            "Al Jazeera"
        );
        assert_eq!(
            names("the Syrian army command said, according to state media")[0].0,
            "Syrian military"
        );
    }

    #[test]
    fn canonical_forms() {
        assert_eq!(canonical("the U.S."), "United States");
        assert_eq!(canonical("Washington"), "United States");
        assert_eq!(canonical("Syrian army"), "Syrian military");
        assert_eq!(canonical("US Secretary of State, John Kerry"), "John Kerry");
        assert_eq!(canonical("Russian Foreign Minister Sergey Lavrov"), "Sergey Lavrov");
    }

    #[test]
    fn no_verb_no_speaker() {
        assert!(find_in("The truce took effect on Wednesday.").is_empty());
    }
}
