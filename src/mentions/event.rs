//! Event triggers: words that name an event ("truce", "regime of calm", "airstrikes",
//! "earthquake"), each mapped to a family from a lexicon kept in data (`events.yaml`,
//! extendable per workspace). Its example corpus is `examples/event.yaml`.

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
    triggers: Vec<String>,
}

/// The trigger lexicon, compiled.
pub struct Lexicon {
    matcher: AhoCorasick,
    /// Per pattern: (family, trigger).
    entries: Vec<(String, String)>,
    durative: BTreeMap<String, bool>,
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
                entry.triggers.extend(spec.triggers);
            }
        }
        let mut patterns = Vec::new();
        let mut entries = Vec::new();
        let mut durative = BTreeMap::new();
        for (fam, spec) in &families {
            durative.insert(fam.clone(), spec.durative);
            for t in &spec.triggers {
                let t = t.trim().to_lowercase();
                if t.is_empty() {
                    continue;
                }
                for form in forms(&t) {
                    patterns.push(form);
                    entries.push((fam.clone(), t.clone()));
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
            durative,
        })
    }

    /// Whether events of a family last (have a start, end and length).
    pub fn durative(&self, family: &str) -> bool {
        self.durative.get(family).copied().unwrap_or(false)
    }

    /// All triggers in `text` (offsets into it), whole words only.
    pub fn find_in(&self, text: &str) -> Vec<(usize, usize, EventValue)> {
        let bytes = text.as_bytes();
        let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'-';
        self.matcher
            .find_iter(text)
            .filter(|m| {
                (m.start() == 0 || !is_word(bytes[m.start() - 1]))
                    && (m.end() == bytes.len() || !is_word(bytes[m.end()]))
            })
            .map(|m| {
                let (family, trigger) = &self.entries[m.pattern().as_usize()];
                (
                    m.start(),
                    m.end(),
                    EventValue {
                        family: family.clone(),
                        trigger: trigger.clone(),
                    },
                )
            })
            .collect()
    }
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
}
