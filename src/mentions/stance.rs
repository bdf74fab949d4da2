//! Stances: what a party says about an event that is not a time or a number — who is to
//! blame for it ("Washington blamed the Syrian government for the hospital strike",
//! "Damascus denied involvement", "no Russian aircraft had flown over the camp"), whether
//! it was meant ("an unintentional attack", "the strike was deliberate"), and whether a
//! truce still stands ("declared the ceasefire over", "the ceasefire is not dead").
//!
//! Each stance has an aspect (`responsibility`, `intent`, `status`) and a polarity
//! (`affirms`: blames, deliberate, over; `denies`: denies, a mistake, still holding). Two
//! parties taking opposite stances on one aspect of one event are a dispute.

use std::sync::OnceLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

/// A stance mention's value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StanceValue {
    /// `responsibility`, `intent` or `status`.
    pub aspect: String,
    /// `affirms` (blames, deliberate, over) or `denies` (denies, unintended, holding).
    pub polarity: String,
    /// Whom it blames, when it names them ("the Syrian government").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent: Option<String>,
}

impl StanceValue {
    pub fn display(&self) -> String {
        let what = match (self.aspect.as_str(), self.polarity.as_str()) {
            ("responsibility", "affirms") => "blames",
            ("responsibility", _) => "denies responsibility",
            ("intent", "affirms") => "deliberate",
            ("intent", _) => "not deliberate",
            ("status", "affirms") => "over",
            ("status", _) => "still holding",
            _ => "stance",
        };
        match &self.agent {
            Some(a) => format!("{what} {a}"),
            None => what.to_string(),
        }
    }
}

/// One recognised stance (offsets into the sentence).
#[derive(Clone, Debug)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub value: StanceValue,
    pub rule: &'static str,
}

struct Pattern {
    re: Regex,
    aspect: &'static str,
    polarity: &'static str,
    rule: &'static str,
}

fn patterns() -> &'static [Pattern] {
    static P: OnceLock<Vec<Pattern>> = OnceLock::new();
    P.get_or_init(|| {
        let p = |re: &str, aspect, polarity, rule| Pattern {
            re: crate::regexes::new(re).unwrap(),
            aspect,
            polarity,
            rule,
        };
        // An agent: a short noun phrase up to "for", "of", a comma or the clause's end.
        let agent = r"(?P<agent>(?:the\s+|its\s+)?[\p{L}'’-]+(?:\s+(?:or|and|of|loyal\s+to)?\s*[\p{L}'’-]+){0,5}?)";
        vec![
            p(&format!(r"(?i)\b(?:blam(?:e|es|ed|ing))\s+{agent}\s*(?:\b(?:for|over)\b|[,;.]|$)"), "responsibility", "affirms", "stance.blame"),
            p(&format!(r"(?i)\b(?:accus(?:e|es|ed|ing))\s+{agent}\s+of\b"), "responsibility", "affirms", "stance.accuse"),
            p(&format!(r"(?i)\bheld\s+{agent}\s+responsible\b"), "responsibility", "affirms", "stance.held-responsible"),
            p(&format!(r"(?i)\b(?:said|says|saying)\s+(?:that\s+)?{agent}\s+(?:was|were|is|are)\s+(?:responsible|to\s+blame|behind)\b"), "responsibility", "affirms", "stance.responsible"),
            p(&format!(r"(?i)\b(?:may|might|could)\s+have\s+been\s+(?:hit|struck|caused|targeted|shelled)\s+by\s+(?:[\p{{L}}-]+\s+){{0,3}}?(?:of|from)\s+{agent}(?:[,;.]|\s+(?:whose|which|who|either)\b|$)"), "responsibility", "affirms", "stance.alternative-cause"),
            p(r"(?i)\bclaim(?:ed|s)?\s+responsibility\b", "responsibility", "affirms", "stance.claimed"),
            p(r"(?i)\bden(?:y|ies|ied|ying)\s+(?:any\s+)?(?:involvement|responsibility|role|carrying\s+out|targeting|striking|bombing|attacking|hitting|firing|shelling|launching|violating|breaching|breaking|using|that\b|its\b|their\b|it\b|having\b|the\s+(?:claims?|accusations?|allegations?|reports?))", "responsibility", "denies", "stance.deny"),
            p(r"(?i)\breject(?:ed|s|ing)?\s+(?:[\p{L}-]+\s+){0,2}?(?:claims?|accusations?|allegations?|charges|suggestions?|reports?)\b", "responsibility", "denies", "stance.reject"),
            p(r#"(?i)\bdismiss(?:ed|es|ing)?\s+as\s+["“]?(?:lies|fabricat\w*|false|baseless|groundless|propaganda|nonsense)"#, "responsibility", "denies", "stance.dismiss"),
            p(r#"(?i)\bdismiss(?:ed|es|ing)?\s+(?:[^.;]{0,60}?)\s+as\s+["“]?(?:lies|fabricat\w*|false|baseless|groundless|propaganda|nonsense)"#, "responsibility", "denies", "stance.dismiss"),
            p(r"(?i)\b(?:no|neither)\s+(?:[\p{L}-]+\s+){0,3}?(?:aircraft|jets|planes|warplanes|aviation|forces|troops|helicopters|drones)\s+(?:had\s+|have\s+|has\s+)?(?:flown|flew|struck|carried\s+out|conducted|bombed|targeted|been\s+(?:involved|in\s+the\s+area)|hit)\b", "responsibility", "denies", "stance.no-aircraft"),
            p(r"(?i)\b(?:aircraft|aviation|jets|planes|warplanes|air\s+force|forces|army)\s+(?:had|have|has|did|does|do)\s+not\s+(?:flown|fly|struck|strike|target(?:ed)?|bomb(?:ed)?|conduct(?:ed)?|carr(?:y|ied)\s+out|hit)\b", "responsibility", "denies", "stance.did-not"),
            p(r"(?i)\b(?:was|were|is|are)\s+not\s+(?:involved|responsible)\b|\bhad\s+nothing\s+to\s+do\s+with\b", "responsibility", "denies", "stance.not-involved"),
            p(r"(?i)\b(?:unintentional(?:ly)?|by\s+mistake|mistaken(?:ly)?|accidental(?:ly)?|inadvertent(?:ly)?|in\s+error|(?:never|not)\s+(?:intentionally|deliberately|knowingly)|(?:was|were|had\s+been|been|is)\s+(?:a|an)\s+(?:mistake|error|accident))\b", "intent", "denies", "stance.unintended"),
            p(r"(?i)\b(?:was|were|is|as)\s+(?:a\s+)?(?:deliberate(?:ly)?|intentional|premeditated|planned)\b|\bdeliberate\s+(?:attack|strike|act|aggression)\b|\bon\s+purpose\b", "intent", "affirms", "stance.deliberate"),
            p(r"(?i)\b(?:declared|pronounced)\s+(?:[\p{L}'’-]+\s+){0,3}?over\b|\b(?:is|was|has\s+been)\s+(?:over|dead|finished|at\s+an\s+end)\b|\b(?:has|had)\s+collapsed\b", "status", "affirms", "stance.over"),
            p(r"(?i)\b(?:is|was)\s+not\s+(?:dead|over|finished)\b|\bnot\s+(?:dead|over|finished)\b|\b(?:still|largely)\s+(?:holding|in\s+place|in\s+effect)\b|\bremains?\s+in\s+(?:place|effect|force)\b", "status", "denies", "stance.holding"),
        ]
    })
}

/// All the patterns at once, to tell cheaply which of them a sentence needs.
fn any_pattern() -> &'static regex::RegexSet {
    static SET: OnceLock<regex::RegexSet> = OnceLock::new();
    SET.get_or_init(|| regex::RegexSet::new(patterns().iter().map(|p| p.re.as_str())).unwrap())
}

/// All stances in one sentence. A status "over" inside a "not … over" is read as holding.
pub fn find_in(s: &str) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    let hits = any_pattern().matches(s);
    if !hits.matched_any() {
        return out;
    }
    for (pi, p) in patterns().iter().enumerate() {
        if !hits.matched(pi) {
            continue;
        }
        for c in p.re.captures_iter(s) {
            let m = c.get(0).unwrap();
            // "Was the strike a mistake?" and other questions take no stance.
            if s[m.end()..].trim_start().starts_with('?') {
                continue;
            }
            let agent = c.name("agent").map(|a| {
                a.as_str()
                    .trim()
                    .trim_end_matches([',', '.', ';'])
                    .trim_start_matches("the ")
                    .to_string()
            });
            let before = &s[s.floor_char_boundary(m.start().saturating_sub(12))..m.start()].to_lowercase();
            // "not deliberate", "never unintentionally": a negation flips intent.
            let negated = p.aspect == "intent"
                && (before.ends_with("not ") || before.ends_with("never ") || before.ends_with("no "));
            let polarity = match (negated, p.polarity) {
                (true, "affirms") => "denies",
                (true, _) => "affirms",
                (false, pol) => pol,
            };
            let end = m.start() + m.as_str().trim_end_matches([',', ';', '.', ' ']).len();
            let found = Found {
                start: m.start(),
                end,
                value: StanceValue {
                    aspect: p.aspect.to_string(),
                    polarity: polarity.to_string(),
                    agent: agent.filter(|a| !a.is_empty()),
                },
                rule: p.rule,
            };
            if out
                .iter()
                .any(|o| o.start < found.end && found.start < o.end && o.value.aspect == found.value.aspect)
            {
                continue;
            }
            out.push(found);
        }
    }
    out.sort_by_key(|f| (f.start, f.end));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stances(s: &str) -> Vec<(String, String, Option<String>)> {
        find_in(s)
            .into_iter()
            .map(|f| (f.value.aspect, f.value.polarity, f.value.agent))
            .collect()
    }

    #[test]
    fn blame_and_denial() {
        let v = stances("Washington has blamed the Syrian government for the hospital strike.");
        assert_eq!(
            v,
            vec![(
                "responsibility".into(),
                "affirms".into(),
                Some("Syrian government".into())
            )]
        );
        let v = stances("Activists blamed government aircraft; Damascus and Moscow denied involvement.");
        assert_eq!(v.len(), 2, "{v:?}");
        assert_eq!(v[1].1, "denies");
        assert_eq!(
            stances("He said no Russian aircraft had flown over the area.")[0].1,
            "denies"
        );
        assert_eq!(
            stances("Russian aviation had not carried out any missions over Aleppo.")[0].1,
            "denies"
        );
    }

    #[test]
    fn intent_and_status() {
        assert_eq!(
            stances("Damascus said the strike was deliberate.")[0],
            ("intent".into(), "affirms".into(), None)
        );
        assert_eq!(stances("It called it an unintentional attack.")[0].1, "denies");
        assert_eq!(stances("The army said it had been a mistake.")[0].1, "denies");
        assert_eq!(
            stances("The army declared the cease-fire over on Monday.")[0],
            ("status".into(), "affirms".into(), None)
        );
        assert_eq!(
            stances("The cease-fire is not dead, Kerry said.")[0],
            ("status".into(), "denies".into(), None)
        );
        assert!(stances("The truce took effect on Monday.").is_empty());
    }
}
