//! Named entities: runs of capitalised words ("Sergey Lavrov", "Bashar al-Assad", "Aleppo
//! province", "the Nusra Front"), with a key that merges spelling variants ("Sergei" and
//! "Sergey Lavrov", "Bashar Assad" and "Bashar al-Assad"). Its example corpus is
//! `examples/entity.yaml`.

use std::sync::OnceLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

/// An entity mention's value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntityValue {
    /// The name as written, normalised in spacing.
    pub name: String,
    /// Canonical form after aliases ("the U.S." → "United States").
    pub canonical: String,
}

fn regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?:\b(?:[Aa]l|[Ee]l)[- ])?\b[A-Z][\p{L}'’.-]*(?:\s+(?:(?:of|for|al|bin|de|la|van|von|the)\s+)?(?:[Aa]l-)?[A-Z][\p{L}'’.-]*)*")
            .unwrap()
    })
}

/// Capitalised words that open sentences or are not names on their own.
const STOP: &[&str] = &[
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "But",
    "And",
    "As",
    "After",
    "Before",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "Their",
    "His",
    "Her",
    "Its",
    "Our",
    "When",
    "While",
    "If",
    "Both",
    "However",
    "Earlier",
    "Later",
    "Meanwhile",
    "Share",
    "Today",
    "Yesterday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Life",
    "People",
    "Reports",
    "Agreement",
    "Hospitals",
    "Source",
    "Civilian",
    "Approximately",
    "Some",
    "Many",
    "Syrian",
    "Russian",
    "American",
    "Western",
    "French",
    "German",
    "British",
    "Turkish",
];

/// All entities in `text` (offsets into it).
pub fn find_in(text: &str) -> Vec<(usize, usize, EntityValue)> {
    let mut out = Vec::new();
    for m in regex().find_iter(text) {
        let mut s = m.start();
        let mut raw = m.as_str();
        // Drop a leading stop word ("The Syrian Observatory" → "Syrian Observatory").
        loop {
            let first = raw.split_whitespace().next().unwrap_or("");
            if STOP.contains(&first) && raw.len() > first.len() {
                let skip = raw[first.len()..].len() - raw[first.len()..].trim_start().len() + first.len();
                s += skip;
                raw = &raw[skip..];
            } else {
                break;
            }
        }
        let raw = raw.trim_end_matches(['.', '\'', '’', '-']);
        let raw = raw.strip_suffix("'s").or_else(|| raw.strip_suffix("’s")).unwrap_or(raw);
        if raw.is_empty() || STOP.contains(&raw) || raw.len() < 2 {
            continue;
        }
        if raw.chars().all(|c| c.is_uppercase() || !c.is_alphabetic()) && raw.len() > 6 {
            continue; // SHOUTED headline or credit
        }
        let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        let canonical = super::speaker::canonical(&name);
        out.push((s, s + raw.len(), EntityValue { name, canonical }));
    }
    out
}

/// The key under which spelling variants of one name meet: lower case, articles and
/// "al-" particles dropped, common transliteration pairs folded.
pub fn variant_key(name: &str) -> String {
    let lower = name.to_lowercase().replace(['’', '\''], "");
    let words: Vec<String> = lower
        .split([' ', '-'])
        .filter(|w| !matches!(*w, "al" | "el" | "the" | "" | "ad" | "as"))
        .map(|w| {
            w.replace("ey", "ei")
                .replace("iy", "i")
                .replace("ou", "u")
                .replace("kh", "h")
                .replace("dh", "d")
                .replace("ph", "f")
                .replace('y', "i")
                .replace('j', "g")
                .replace("ee", "i")
                .replace("aa", "a")
        })
        .collect();
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_variant_keys() {
        let found = find_in("Russian Foreign Minister Sergey Lavrov met Bashar al-Assad in Aleppo.");
        let names: Vec<&str> = found.iter().map(|f| f.2.name.as_str()).collect();
        assert!(names.contains(&"Foreign Minister Sergey Lavrov"), "{names:?}");
        assert!(names.contains(&"Bashar al-Assad"), "{names:?}");
        assert!(names.contains(&"Aleppo"), "{names:?}");
        assert_eq!(variant_key("Sergei Lavrov"), variant_key("Sergey Lavrov"));
        assert_eq!(variant_key("Bashar Assad"), variant_key("Bashar al-Assad"));
        assert_eq!(variant_key("Al Nusra Front"), variant_key("Nusra Front"));
        assert_ne!(variant_key("John Kerry"), variant_key("John Kirby"));
    }
}
