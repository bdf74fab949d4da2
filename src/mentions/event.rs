//! Event triggers: words that name an event ("truce", "regime of calm", "airstrikes",
//! "earthquake"), each mapped to a family from a lexicon kept in data (`events.yaml`,
//! extendable per workspace). A family may belong to a wider group whose events can be one
//! event under different words ("the strike", "the attack", "the bombing"), and may list
//! phrases that contain a trigger without naming the event ("opened fire", "March").

use std::collections::BTreeMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// An event mention's value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventValue {
    pub family: String,
    /// The lexicon entry that matched (singular form).
    pub trigger: String,
    /// The group of families one event may be named by (the family itself by default).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub group: String,
    /// Whether events of the family last (have a start, an end and a length).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub durative: bool,
    /// Whether events of the family kill and injure (a toll can be about them).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub harm: bool,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct LexiconFile {
    #[serde(default)]
    families: BTreeMap<String, FamilySpec>,
}

#[derive(Debug, Deserialize, Default, Clone)]
#[serde(deny_unknown_fields)]
struct FamilySpec {
    #[serde(default)]
    durative: bool,
    #[serde(default)]
    harm: bool,
    /// Families of one group may name one event ("strike" and "attack").
    #[serde(default)]
    group: Option<String>,
    #[serde(default)]
    triggers: Vec<String>,
    /// Phrases that contain a trigger but do not name the event ("opened fire"); matched
    /// case-sensitively when written with a capital ("March", the month).
    #[serde(default)]
    exclude: Vec<String>,
}

/// The trigger lexicon, compiled.
pub struct Lexicon {
    matcher: AhoCorasick,
    /// Per pattern: (family, trigger).
    entries: Vec<(String, String)>,
    /// Per pattern: the rest of the triggers it opens that have a gap ("collapsed *
    /// building" opened by "collapsed"), each as (what must follow the gap in its singular
    /// and plural forms, family, trigger). Empty for a pattern that is a whole trigger.
    gapped: Vec<Vec<(Vec<String>, String, String)>>,
    durative: BTreeMap<String, bool>,
    harm: BTreeMap<String, bool>,
    groups: BTreeMap<String, String>,
    /// Per family: what does not name its event.
    exclude: BTreeMap<String, regex::Regex>,
}

const BUILTIN: &str = include_str!("events.yaml");

impl Lexicon {
    /// The built-in lexicon.
    pub fn builtin() -> Self {
        Self::from_sources(&[("events.yaml", BUILTIN)]).expect("built-in lexicon parses")
    }

    /// The built-in lexicon extended by YAML files (later files add to earlier ones).
    pub fn from_sources(files: &[(&str, &str)]) -> Result<Self> {
        let mut families: BTreeMap<String, FamilySpec> = BTreeMap::new();
        for (name, text) in files {
            let parsed: LexiconFile = serde_yaml::from_str(text)
                .map_err(|e| Error::input(name, e.location().map(|l| l.line()), format!("event lexicon: {e}")))?;
            for (fam, spec) in parsed.families {
                let entry = families.entry(fam).or_default();
                entry.durative |= spec.durative;
                entry.harm |= spec.harm;
                if spec.group.is_some() {
                    entry.group = spec.group;
                }
                entry.triggers.extend(spec.triggers);
                entry.exclude.extend(spec.exclude);
            }
        }
        let mut patterns = Vec::new();
        let mut entries = Vec::new();
        let mut gapped: Vec<Vec<(Vec<String>, String, String)>> = Vec::new();
        // Heads of gapped triggers, by pattern text: one pattern per head.
        let mut heads: BTreeMap<String, usize> = BTreeMap::new();
        let mut durative = BTreeMap::new();
        let mut groups = BTreeMap::new();
        let mut exclude = BTreeMap::new();
        let mut harm = BTreeMap::new();
        for (fam, spec) in &families {
            durative.insert(fam.clone(), spec.durative);
            harm.insert(fam.clone(), spec.harm);
            groups.insert(fam.clone(), spec.group.clone().unwrap_or_else(|| fam.clone()));
            if !spec.exclude.is_empty() {
                let alts: Vec<String> = spec
                    .exclude
                    .iter()
                    .map(|e| {
                        let body = regex::escape(e.trim()).replace(" ", r"\s+");
                        if e.chars().any(char::is_uppercase) {
                            body
                        } else {
                            format!("(?i:{body})")
                        }
                    })
                    .collect();
                let re = crate::regexes::new(&format!(r"\b(?:{})\b", alts.join("|")))
                    .map_err(|e| Error::Usage(format!("event lexicon: family {fam}: exclude: {e}")))?;
                exclude.insert(fam.clone(), re);
            }
            for t in &spec.triggers {
                let t = t.trim().to_lowercase();
                if t.is_empty() {
                    continue;
                }
                // "collapsed * building": one or two words in the gap.
                if t.contains('*') {
                    let (head, tail) = t.split_once(" * ").map_or(("", ""), |(h, t)| (h.trim(), t.trim()));
                    if head.is_empty() || tail.is_empty() || tail.contains('*') {
                        return Err(Error::Usage(format!(
                            "event lexicon: family {fam}: trigger {t:?}: a gap (*) needs words on both sides, and only one gap"
                        )));
                    }
                    let at = *heads.entry(head.to_string()).or_insert_with(|| {
                        patterns.push(head.to_string());
                        entries.push((fam.clone(), t.clone()));
                        gapped.push(Vec::new());
                        patterns.len() - 1
                    });
                    gapped[at].push((forms(tail), fam.clone(), t.clone()));
                    continue;
                }
                for form in forms(&t) {
                    patterns.push(form);
                    entries.push((fam.clone(), t.clone()));
                    gapped.push(Vec::new());
                }
            }
        }
        let matcher = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .map_err(|e| Error::Usage(format!("event lexicon: {e}")))?;
        Ok(Lexicon {
            matcher,
            entries,
            gapped,
            durative,
            harm,
            groups,
            exclude,
        })
    }

    /// Whether events of a family last (have a start, end and length).
    pub fn durative(&self, family: &str) -> bool {
        self.durative.get(family).copied().unwrap_or(false)
    }

    /// The group a family belongs to.
    pub fn group<'a>(&'a self, family: &'a str) -> &'a str {
        self.groups.get(family).map_or(family, String::as_str)
    }

    /// All triggers in `text` (offsets into it), whole words only, leaving out those inside
    /// a phrase their family excludes.
    pub fn find_in(&self, text: &str) -> Vec<(usize, usize, EventValue)> {
        let bytes = text.as_bytes();
        let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'-';
        let mut excluded: BTreeMap<&str, Vec<(usize, usize)>> = BTreeMap::new();
        for (fam, re) in &self.exclude {
            excluded.insert(fam, re.find_iter(text).map(|m| (m.start(), m.end())).collect());
        }
        self.matcher
            .find_iter(text)
            .filter(|m| {
                (m.start() == 0 || !is_word(bytes[m.start() - 1]))
                    && (m.end() == bytes.len() || !is_word(bytes[m.end()]))
            })
            .filter_map(|m| {
                let at = m.pattern().as_usize();
                if self.gapped[at].is_empty() {
                    let (family, trigger) = &self.entries[at];
                    return Some((m.start(), m.end(), family, trigger));
                }
                let (end, family, trigger) = gap_tail(text, m.end(), &self.gapped[at])?;
                Some((m.start(), end, family, trigger))
            })
            .filter(|&(start, end, family, _)| {
                !excluded
                    .get(family.as_str())
                    .is_some_and(|spans| spans.iter().any(|&(a, b)| a < end && start < b))
            })
            .map(|(start, end, family, trigger)| {
                (
                    start,
                    end,
                    EventValue {
                        family: family.clone(),
                        trigger: trigger.clone(),
                        group: self.group(family).to_string(),
                        durative: self.durative(family),
                        harm: self.harm.get(family).copied().unwrap_or(false),
                    },
                )
            })
            .collect()
    }
}

/// Where a gapped trigger ends: after one or two words following its head (`from`), one
/// of its tails as a whole word; the first tail that fits, with its family and trigger.
fn gap_tail<'a>(
    text: &str,
    from: usize,
    tails: &'a [(Vec<String>, String, String)],
) -> Option<(usize, &'a String, &'a String)> {
    let is_word = |c: char| c.is_alphanumeric() || c == '-' || c == '\'' || c == '’';
    let mut at = from;
    for _ in 0..2 {
        // One gap word: spaces, then a word of letters, digits and hyphens.
        let rest = &text[at..];
        let spaced = rest.len() - rest.trim_start_matches(' ').len();
        if spaced == 0 {
            return None;
        }
        let word = rest[spaced..]
            .find(|c: char| !is_word(c))
            .unwrap_or(rest.len() - spaced);
        if word == 0 || is_function_word(&rest[spaced..spaced + word]) {
            return None;
        }
        at += spaced + word;
        let after = &text[at..];
        let gap = after.len() - after.trim_start_matches(' ').len();
        if gap == 0 {
            return None;
        }
        let next = &after[gap..];
        for (forms, family, trigger) in tails {
            for f in forms {
                let fits = next.get(..f.len()).is_some_and(|h| h.eq_ignore_ascii_case(f))
                    && !next[f.len()..].starts_with(is_word);
                if fits {
                    return Some((at + gap + f.len(), family, trigger));
                }
            }
        }
    }
    None
}

/// Words a trigger's gap may not hold: articles, prepositions, conjunctions, pronouns and
/// common verbs ("the mine was a disaster", "the building where talks collapsed").
fn is_function_word(w: &str) -> bool {
    matches!(
        w.to_lowercase().as_str(),
        "a" | "an"
            | "the"
            | "this"
            | "that"
            | "these"
            | "those"
            | "which"
            | "where"
            | "when"
            | "who"
            | "whose"
            | "what"
            | "in"
            | "inside"
            | "into"
            | "on"
            | "of"
            | "at"
            | "to"
            | "for"
            | "from"
            | "with"
            | "by"
            | "near"
            | "over"
            | "under"
            | "after"
            | "before"
            | "and"
            | "or"
            | "but"
            | "as"
            | "is"
            | "was"
            | "were"
            | "are"
            | "be"
            | "been"
            | "being"
            | "has"
            | "had"
            | "have"
            | "it"
            | "its"
            | "their"
            | "his"
            | "her"
            | "they"
            | "talks"
            | "deal"
            | "truce"
            | "ceasefire"
            | "economy"
            | "market"
            | "government"
    )
}

/// The singular and plural surface forms of a trigger.
fn forms(t: &str) -> Vec<String> {
    // Pluralise the head: the first word of "X of Y" phrases, else the last word.
    let words: Vec<&str> = t.split(' ').collect();
    let head = words
        .iter()
        .position(|w| *w == "of" || *w == "in")
        .map_or(words.len() - 1, |i| i.saturating_sub(1));
    let plural = |w: &str| -> String {
        if w.ends_with('s') || w.ends_with("sh") || w.ends_with("ch") {
            if w.ends_with("ss") || w.ends_with("sh") || w.ends_with("ch") {
                format!("{w}es")
            } else {
                w.to_string()
            }
        } else if w.ends_with('y') && !w.ends_with("ey") && !w.ends_with("ay") {
            format!("{}ies", &w[..w.len() - 1])
        } else {
            format!("{w}s")
        }
    };
    let mut p = words.iter().map(|w| w.to_string()).collect::<Vec<_>>();
    p[head] = plural(words[head]);
    let mut out = vec![t.to_string(), p.join(" ")];
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_and_plurals() {
        let lex = Lexicon::builtin();
        let found = lex.find_in("The truces and the regime of calm; Russian airstrikes; a Truce.");
        let fams: Vec<&str> = found.iter().map(|f| f.2.family.as_str()).collect();
        assert_eq!(fams, ["ceasefire", "ceasefire", "strike", "ceasefire"]);
    }

    #[test]
    fn gapped_triggers_take_one_or_two_words() {
        let lex = Lexicon::builtin();
        for (text, trigger) in [
            (
                "the rubble of a collapsed eight-storey building on Thursday",
                "collapsed eight-storey building",
            ),
            ("from the collapsed garment factory", "collapsed garment factory"),
            ("two collapsed apartment blocks", "collapsed apartment blocks"),
        ] {
            let found = lex.find_in(text);
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            assert_eq!(&text[found[0].0..found[0].1], trigger, "{text}");
            assert_eq!(found[0].2.family, "collapse");
        }
        for text in [
            "Talks collapsed inside the building on Monday",
            "the building where talks collapsed",
            "the mine was a disaster for the town",
            "the talks collapsed on Monday",
            "the truce collapsed within days, and the building stood",
            "a collapsed deal over the building",
            "the collapsed",
        ] {
            let found = lex.find_in(text);
            assert!(
                found.iter().all(|f| f.2.family != "collapse" && f.2.family != "mine"),
                "{text}: {found:?}"
            );
        }
        assert!(Lexicon::from_sources(&[("x.yaml", "families:\n  a:\n    triggers: [\"fell * \"]\n")]).is_err());
    }

    #[test]
    fn a_structure_collapsing_by_its_own_verb_is_an_event() {
        let lex = Lexicon::builtin();
        for (text, trigger) in [
            ("when a motorway bridge collapsed in the city", "bridge collapsed"),
            ("after a residential tower collapsed on Monday", "tower collapsed"),
            ("the old road bridge partly collapsed", "bridge partly collapsed"),
            ("after the viaduct collapse", "viaduct collapse"),
        ] {
            let found: Vec<&str> = lex
                .find_in(text)
                .iter()
                .filter(|f| f.2.family == "collapse")
                .map(|f| &text[f.0..f.1])
                .collect();
            assert_eq!(found, [trigger], "{text}");
        }
        // A gap holds no preposition or pronoun: "roof * collapsed" does not reach across
        // "of the hall".
        for text in [
            "the roof of the hall collapsed",
            "the bridge where the talks collapsed",
            "the tower of debt collapsed",
        ] {
            let found = lex.find_in(text);
            assert!(found.iter().all(|f| f.2.family != "collapse"), "{text}: {found:?}");
        }
    }

    #[test]
    fn a_mine_disaster_is_an_event_and_a_labour_strike_is_not() {
        let lex = Lexicon::builtin();
        let found = lex.find_in("Turkey's worst-ever mining disaster; the Soma coal mine disaster");
        let fams: Vec<&str> = found.iter().map(|f| f.2.family.as_str()).collect();
        assert_eq!(fams, ["mine", "mine"], "{found:?}");
        for text in [
            "trade unions staged a nationwide strike",
            "workers went on strike over pay",
            "the union called a one-day strike",
            "unions staged nationwide strikes",
        ] {
            assert!(lex.find_in(text).is_empty(), "{text}: {:?}", lex.find_in(text));
        }
        assert_eq!(lex.find_in("an air strike on the town").len(), 1);
    }

    #[test]
    fn whole_words_only() {
        let lex = Lexicon::builtin();
        assert!(lex.find_in("warrant wartime firewall").is_empty());
    }

    #[test]
    fn a_workspace_can_extend_it() {
        let lex = Lexicon::from_sources(&[
            ("events.yaml", BUILTIN),
            ("claims/events.yaml", "families:\n  ceasefire:\n    triggers: [hudna]\n"),
        ])
        .unwrap();
        assert_eq!(lex.find_in("a hudna")[0].2.family, "ceasefire");
        assert!(Lexicon::from_sources(&[("x.yaml", "families: [")]).is_err());
    }

    #[test]
    fn groups_and_exclusions() {
        let lex = Lexicon::builtin();
        let found = lex.find_in("Gunmen opened fire; the strike and the attack; a fire broke out.");
        let fams: Vec<(&str, &str)> = found
            .iter()
            .map(|f| (f.2.family.as_str(), f.2.group.as_str()))
            .collect();
        // "Opened fire" is a shooting, never a blaze.
        assert_eq!(
            fams,
            [
                ("shooting", "attack"),
                ("strike", "attack"),
                ("attack", "attack"),
                ("fire", "fire")
            ]
        );
        // A politician's attack on a rival's words is not an event.
        assert!(lex.find_in("Obama launched a scathing attack on Trump.").is_empty());
        // Gunfire aimed at someone is not a blaze; a building on fire is.
        let fires = lex.find_in("Four soldiers died from friendly fire; troops came under tank fire.");
        assert!(fires.is_empty(), "{fires:?}");
        assert_eq!(lex.find_in("The fire gutted the factory.").len(), 1);
        // The noun before "at" or "on" is the blaze; the verb is gunfire.
        for text in [
            "the fire at the Karaburun coal mine",
            "a fire on the 24th floor of the tower",
        ] {
            let found = lex.find_in(text);
            let fams: Vec<&str> = found.iter().map(|f| f.2.family.as_str()).collect();
            assert_eq!(fams, ["fire"], "{text}");
        }
        for text in [
            "troops began to fire on the crowd",
            "soldiers fire at protesters in the square",
            "they threatened to fire into the crowd",
            "police would fire at anyone who approached",
        ] {
            let found = lex.find_in(text);
            assert!(found.iter().all(|f| f.2.family != "fire"), "{text}: {found:?}");
        }
        // The month is not a march.
        assert!(lex.find_in("since March 2011").is_empty());
        assert_eq!(lex.find_in("a march on parliament").len(), 1);
    }

    #[test]
    fn wars_that_are_figures_of_speech_are_not_events() {
        let lex = Lexicon::builtin();
        for text in [
            "officials indicated an unwillingness to get into a bidding war with richer teams",
            "the airlines started a fare war; a price war looms",
            "a war of words between the two capitals",
            "the trade war with China",
        ] {
            let found = lex.find_in(text);
            assert!(found.is_empty(), "{text}: {found:?}");
        }
        for text in ["the war in Darfur", "a civil war broke out", "the war on the border"] {
            assert_eq!(lex.find_in(text).len(), 1, "{text}");
        }
    }
}
