//! Which places lie in or beside which, as the articles themselves tell it: "Urum
//! al-Kubra, a town west of Aleppo", "Khan Tuman in Aleppo province", "Kafr Hamra, 5 km
//! (3 miles) north of Aleppo". One outlet places a strike "west of Aleppo", another in the
//! town it hit; without this the two are two events and their tolls are never compared.
//!
//! Each article gives pairs (place, wider place) from two place names joined by such a
//! phrase; the corpus's pairs make one map, read upwards (a town's city, the city's
//! province). Nothing is known beforehand: a place the articles never tie to another stays
//! on its own.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use regex::Regex;

use crate::mentions::entity::place_key;
use crate::mentions::{Mention, Value};

/// The words between a place and a wider one: an optional apposition ("a town", "the
/// rebel-held village"), an optional distance ("some 20 km (12 miles)"), and "in", "near",
/// "outside", "on the outskirts of", "west of", "northwest of".
fn link() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        crate::regexes::new(
            r"(?xi)^ \s* ,? \s*
            (?: (?:an?|the) \s+ (?:[\p{Ll}-]+\s+){0,3}?
                (?:town|village|city|district|suburb|neighbou?rhood|area|hamlet|camp|region|locality|municipality|quarter)
                \s*,?\s+ )?
            (?: (?: just | some | about | around | roughly | nearly | only
                  | \d[\d.,]* \s* (?:km|kms|kilomet(?:re|er)s?|miles?) (?:\s*\([^)]{1,24}\))? ) \s+ )*
            (?: in | near | outside | on \s+ the \s+ outskirts \s+ of
              | (?:north|south)(?:-?(?:east|west))?(?:ern)? (?:\s+of)? | (?:east|west)(?:ern)? (?:\s+of)? ) \s+
            (?: the \s+ )? (?: (?:north|south|east|west)\S* \s+ )?
            (?: (?:[\p{Ll}-]+\s+){0,2}? (?:city|town|village|province|region|governorate|district) \s+ of \s+ )? $",
        )
        .unwrap()
    })
}

/// Link words that only a place takes.
static SPATIAL: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
    crate::regexes::new(r"(?i)\b(?:north|south|east|west|outskirts|town|village|city|district|suburb|neighbou?rhood|hamlet|camp|region|locality|municipality|quarter|province)").unwrap()
});

/// The (place, wider place) pairs one article gives. `places` are the keys the article
/// uses as places ([`crate::mentions::entity::places_in`]); both names must be among them
/// ("Kerry in Geneva" names a person in a place).
pub fn pairs_in(text: &str, mentions: &[Mention], places: &BTreeSet<String>) -> Vec<(String, String)> {
    let names: Vec<&Mention> = mentions
        .iter()
        .filter(|m| matches!(m.value, Value::Entity(_)))
        .collect();
    let mut out = BTreeSet::new();
    for w in names.windows(2) {
        let (a, b) = (w[0], w[1]);
        if a.sentence != b.sentence || b.span.start < a.span.end || b.span.start - a.span.end > 90 {
            continue;
        }
        let between = &text[a.span.end..b.span.start];
        let (Value::Entity(ea), Value::Entity(eb)) = (&a.value, &b.value) else {
            continue;
        };
        let (ka, kb) = (place_key(&ea.name), place_key(&eb.name));
        if ka == kb {
            continue;
        }
        // "the Aleppo district of Sukkari", "the Damascus suburb of Douma": the second name
        // lies in the first.
        if QUARTER_OF.is_match(between) {
            out.insert((kb, ka));
            continue;
        }
        if !link().is_match(between) {
            continue;
        }
        // "X in Y" may put a person in a place; "X, a town west of Y" shows X is a place.
        let placed = places.contains(&ka) || between.contains(char::is_numeric) || SPATIAL.is_match(between);
        if placed && places.contains(&kb) {
            out.insert((ka, kb));
        }
    }
    quarters_of_home(text, &names, places, &mut out);
    out.into_iter().collect()
}

/// A city's part named with the city before it: "the Aleppo district of Sukkari".
static QUARTER_OF: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
    crate::regexes::new(r"(?i)^\s+(?:district|suburb|neighbou?rhood|quarter)\s+of\s+(?:the\s+)?$").unwrap()
});

/// A part of a city named as one ("the Sukkari neighbourhood", "the district of
/// Mohafazat") but with no wider place beside it.
static QUARTER: std::sync::LazyLock<(Regex, Regex)> = std::sync::LazyLock::new(|| {
    (
        crate::regexes::new(r"(?i)^\s+(?:neighbou?rhood|district|quarter)\b").unwrap(),
        crate::regexes::new(r"(?i)\b(?:neighbou?rhood|district|quarter)\s+of\s+(?:the\s+)?$").unwrap(),
    )
});

/// Sentences back within which the article's own place must be named for a quarter with no
/// wider place beside it to be put in it.
const QUARTER_REACH: usize = 2;

/// "Air strikes destroyed a hospital in Aleppo … The raids struck Al-Quds hospital in the
/// Sukkari neighbourhood": a neighbourhood, district or quarter named on its own lies in
/// the place the article names most, when that place was named in its sentence or just
/// before (a quarter of another city would have that city named beside it). Adds pairs no
/// explicit phrase gave.
fn quarters_of_home(text: &str, names: &[&Mention], places: &BTreeSet<String>, out: &mut BTreeSet<(String, String)>) {
    // Each name's place key, once (None for a name the article never uses as a place).
    let keys: Vec<Option<String>> = names
        .iter()
        .map(|m| match &m.value {
            Value::Entity(e) => Some(place_key(&e.name)).filter(|k| places.contains(k)),
            _ => None,
        })
        .collect();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for k in keys.iter().flatten() {
        *counts.entry(k.as_str()).or_default() += 1;
    }
    let Some((home, home_count)) = counts
        .iter()
        .max_by_key(|(k, n)| (**n, std::cmp::Reverse(**k)))
        .map(|(k, n)| (*k, *n))
    else {
        return;
    };
    let (after, before) = &*QUARTER;
    for (m, k) in names.iter().zip(&keys) {
        let Some(k) = k.as_deref().filter(|k| *k != home) else {
            continue;
        };
        let lead = &text[text.floor_char_boundary(m.span.start.saturating_sub(30))..m.span.start];
        if !(after.is_match(&text[m.span.end..]) || before.is_match(lead)) {
            continue;
        }
        if counts[k] >= home_count || out.iter().any(|(a, _)| a == k) {
            continue;
        }
        let home_near = names.iter().zip(&keys).any(|(o, ok)| {
            o.sentence <= m.sentence && o.sentence + QUARTER_REACH >= m.sentence && ok.as_deref() == Some(home)
        });
        if home_near {
            out.insert((k.to_string(), home.to_string()));
        }
    }
}

/// The corpus's places, each with the wider places the articles put it in or beside.
#[derive(Debug, Default)]
pub struct Gazetteer {
    wider: BTreeMap<String, BTreeSet<String>>,
}

/// How many steps up a chain of places is followed (town, city, province, region).
const MAX_STEPS: usize = 4;

impl Gazetteer {
    /// The map from every article's pairs. Where articles put each of two places in the
    /// other ("the University of California in San Francisco", "San Francisco,
    /// California"), the way more articles tell it wins, and neither on a tie.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = &'a (String, String)>) -> Self {
        let mut told: BTreeMap<(&str, &str), usize> = BTreeMap::new();
        for (a, b) in pairs {
            *told.entry((a.as_str(), b.as_str())).or_default() += 1;
        }
        let mut wider: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (&(a, b), &n) in &told {
            if told.get(&(b, a)).is_none_or(|&back| n > back) {
                wider.entry(a.to_string()).or_default().insert(b.to_string());
            }
        }
        Gazetteer { wider }
    }

    /// Every place wider than one of `places` (not the places themselves).
    pub fn wider_than<'a>(&self, places: impl IntoIterator<Item = &'a String>) -> BTreeSet<String> {
        let start: BTreeSet<&String> = places.into_iter().collect();
        let mut out = BTreeSet::new();
        if self.wider.is_empty() {
            return out;
        }
        let mut frontier: Vec<&String> = start.iter().copied().collect();
        for _ in 0..MAX_STEPS {
            let mut next = Vec::new();
            for p in frontier {
                for w in self.wider.get(p).into_iter().flatten() {
                    if !start.contains(w) && out.insert(w.clone()) {
                        next.push(w);
                    }
                }
            }
            if next.is_empty() {
                break;
            }
            frontier = next;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    fn pairs(text: &str) -> Vec<(String, String)> {
        let source = crate::corpus::parse_source("corpus/t.md", "t.md", text.to_string(), String::new()).unwrap();
        let sentences = crate::text::sentences(&source.text, source.body);
        let ms = crate::mentions::extract(&source, &sentences, &crate::mentions::Lexicon::builtin());
        let places = crate::mentions::entity::places_in(&source.text, &ms);
        pairs_in(&source.text, &ms, &places)
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (place_key(a), place_key(b))
    }

    #[test]
    fn a_place_named_with_a_wider_one_lies_in_it() {
        let must = [
            (
                "The convoy was hit in Urum al-Kubra, a town west of Aleppo, on Monday.",
                pair("urum al-kubra", "aleppo"),
            ),
            (
                "Fighting raged in Khan Tuman in Aleppo province.",
                pair("khan tuman", "aleppo"),
            ),
            (
                "Shells fell on Kafr Hamra, 5 km (3 miles) north of Aleppo.",
                pair("kafr hamra", "aleppo"),
            ),
            (
                "The strike hit a market in Maarat al-Numan, in southern Idlib province.",
                pair("maarat al-numan", "idlib"),
            ),
            (
                "Clashes broke out in Arbin, on the outskirts of Harasta.",
                pair("arbin", "harasta"),
            ),
            (
                "A blast in Azaz, near the border town of Kilis, killed four.",
                pair("azaz", "kilis"),
            ),
        ];
        for (text, want) in must {
            let got = pairs(text);
            assert!(got.contains(&want), "{text}: {got:?}");
        }
    }

    #[test]
    fn a_quarter_lies_in_its_city() {
        let must = [
            (
                "Shells hit the Aleppo district of Sukkari on Monday.",
                pair("sukkari", "aleppo"),
            ),
            ("Rebels hold the Damascus suburb of Douma.", pair("douma", "damascus")),
            (
                "Air strikes destroyed a hospital in Aleppo, killing 50. Aleppo is divided. \
                 The raids struck the hospital in the Sukkari neighbourhood late on Wednesday.",
                pair("sukkari", "aleppo"),
            ),
            (
                "Rockets fell on Aleppo on Tuesday. In Aleppo, they hit the district of Mohafazat.",
                pair("mohafazat", "aleppo"),
            ),
        ];
        for (text, want) in must {
            let got = pairs(text);
            assert!(got.contains(&want), "{text}: {got:?}");
        }
        // A quarter whose sentence and the two before name no other place stays on its own;
        // so does a place called a quarter only by a word after it that is no noun of one.
        let must_not = [
            "Fighting raged in Aleppo. Aid was short. Talks failed. Prices rose. \
             Shells hit the Sukkari neighbourhood.",
            "Rebels in Aleppo fought on. Homs districts were quiet.",
        ];
        for text in must_not {
            let got = pairs(text);
            assert!(!got.iter().any(|(_, b)| b == "aleppo"), "{text}: {got:?}");
        }
    }

    #[test]
    fn names_side_by_side_are_not_inside_one_another() {
        let must_not = [
            "Fighting continued in Aleppo, Idlib and Hama.",
            "Kerry in Geneva said the truce would hold.",
            "Strikes hit Aleppo and Homs on Monday.",
            "The truce covers Aleppo; in Latakia the fighting went on.",
            "Rebels in Aleppo said Lavrov in Moscow had lied.",
        ];
        for text in must_not {
            let got = pairs(text);
            assert!(
                !got.iter().any(|(a, b)| matches!(
                    (a.as_str(), b.as_str()),
                    ("aleppo", "idlib")
                        | ("idlib", "hama")
                        | ("aleppo", "homs")
                        | ("aleppo", "latakia")
                        | ("kerry", _)
                        | ("aleppo", "lavrov")
                        | (_, "moscow")
                )),
                "{text}: {got:?}"
            );
        }
    }

    #[test]
    fn wider_places_are_followed_up_but_not_down_or_sideways() {
        let key = |a: &str, b: &str| (a.to_string(), b.to_string());
        let p = [
            key("urum kubra", "aleppo"),
            key("aleppo", "north syria"),
            key("khan tuman", "aleppo"),
        ];
        let g = Gazetteer::from_pairs(&p);
        let up = g.wider_than(&[String::from("urum kubra")]);
        assert_eq!(up, ["aleppo", "north syria"].map(String::from).into());
        assert_eq!(
            g.wider_than(&[String::from("aleppo")]),
            ["north syria"].map(String::from).into()
        );
        assert!(g.wider_than(&[String::from("idlib")]).is_empty());
        assert!(g.wider_than(&[String::from("north syria")]).is_empty());
        // Told both ways: the way told more often stands; on a tie, neither.
        let p = [
            key("a", "b"),
            key("b", "a"),
            key("c", "d"),
            key("c", "d"),
            key("d", "c"),
        ];
        let g = Gazetteer::from_pairs(&p);
        assert!(g.wider_than(&[String::from("a")]).is_empty() && g.wider_than(&[String::from("b")]).is_empty());
        assert_eq!(g.wider_than(&[String::from("c")]), ["d"].map(String::from).into());
        assert!(g.wider_than(&[String::from("d")]).is_empty());
    }
}
