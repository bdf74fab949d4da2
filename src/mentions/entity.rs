//! Named entities: runs of capitalised words ("Sergey Lavrov", "Bashar al-Assad", "Aleppo
//! province", "the Nusra Front"), with a key that merges spelling variants ("Sergei" and
//! "Sergey Lavrov", "Bashar Assad" and "Bashar al-Assad"). Its example corpus is
//! `examples/entity.yaml`.
//!
//! It also tells which names are places, from the words around them in the article ("in
//! Aleppo", "Idlib province", "the village of Kammouna") and a list of countries kept in
//! data (`places.yaml`), and gives each place a key under which "Aleppo city" and "Aleppo
//! province" meet: events are told apart by where they happen.

use std::collections::{BTreeSet, HashSet};
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
        // Arabic names keep their article in any transliteration ("Deir ez-Zor", "Deir
        // al-Zor", "Jabhat al-Nusra", "Urum al-Kubra").
        crate::regexes::new(r"(?:\b(?:[Aa]l|[Ee]l)[- ])?\b[A-Z][\p{L}'’.-]*(?:\s+(?:(?:of|for|al|bin|de|la|van|von|the)\s+)?(?:(?:[Aa][lsdrnzt]|[Ee][lsdrnzt]|[Aa]sh|[Uu]l)-)?[A-Z][\p{L}'’.-]*)*")
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
    // Function words that open sentences.
    "About",
    "Around",
    "Over",
    "Nearly",
    "Almost",
    "More",
    "Most",
    "Up",
    "For",
    "From",
    "With",
    "Without",
    "By",
    "Of",
    "To",
    "Since",
    "Until",
    "During",
    "Despite",
    "Although",
    "Though",
    "Because",
    "Once",
    "Then",
    "So",
    "Yet",
    "Or",
    "Not",
    "No",
    "All",
    "Each",
    "Every",
    "Other",
    "Another",
    "Such",
    "What",
    "Which",
    "Who",
    "Where",
    "Why",
    "How",
    "Here",
    "Now",
    "Also",
    "Still",
    "Even",
    "Only",
    "Just",
    "Instead",
    "Tomorrow",
    "Tonight",
    "According",
    "Asked",
    "Speaking",
    "Among",
    "Amid",
    "Against",
    "Under",
    "Following",
    "Including",
    "Thus",
    "Indeed",
    "Overall",
    "Separately",
    "Elsewhere",
    "Initially",
    // Abbreviated days and months, and clock zones: parts of times, not names.
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
    "Mon",
    "Tue",
    "Tues",
    "Wed",
    "Thu",
    "Thur",
    "Thurs",
    "Fri",
    "Sat",
    "Sun",
    "GMT",
    "UTC",
    "EDT",
    "EST",
    "PDT",
    "PST",
    "CET",
    "CEST",
];

/// All entities in `text` (offsets into it).
pub fn find_in(text: &str) -> Vec<(usize, usize, EntityValue)> {
    let mut out = Vec::new();
    for m in regex().find_iter(text) {
        let mut s = m.start();
        let mut raw = m.as_str();
        // Drop a leading stop word ("The Syrian Observatory" → "Syrian Observatory"), also
        // a day's possessive ("Wednesday's Rana Plaza collapse").
        loop {
            let first = raw.split_whitespace().next().unwrap_or("");
            let bare = first
                .strip_suffix("'s")
                .or_else(|| first.strip_suffix("’s"))
                .unwrap_or(first);
            if STOP.contains(&bare) && raw.len() > first.len() {
                let skip = raw[first.len()..].len() - raw[first.len()..].trim_start().len() + first.len();
                s += skip;
                raw = &raw[skip..];
            } else {
                break;
            }
        }
        let mut raw = raw.trim_end_matches(['.', '\'', '’', '-']);
        // And a trailing day, month or zone ("Kerry Wednesday", "GMT Wednesday").
        while let Some((head, last)) = raw.rsplit_once(char::is_whitespace) {
            if !STOP.contains(&last.trim_end_matches('.')) {
                break;
            }
            raw = head.trim_end();
        }
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
        .filter(|w| {
            !matches!(
                *w,
                "al" | "el"
                    | "the"
                    | ""
                    | "ad"
                    | "as"
                    | "ez"
                    | "es"
                    | "ed"
                    | "er"
                    | "en"
                    | "et"
                    | "az"
                    | "ar"
                    | "an"
                    | "at"
                    | "ash"
                    | "ul"
            )
        })
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

/// A key with the vowels transliterations swap folded ("Deir ez-Zor" and "Deir al-Zour",
/// "Homs" and "Hums"): for deciding two keys name one place, not for showing.
pub fn vowel_fold(key: &str) -> String {
    key.replace('o', "u")
}

/// Whether two keys are one under [`vowel_fold`], without allocating (clustering asks this
/// of every pair of places it compares).
pub fn same_folded(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .all(|(x, y)| x == y || matches!((x, y), (b'o', b'u') | (b'u', b'o')))
}

#[derive(serde::Deserialize)]
struct PlaceFile {
    countries: Vec<String>,
    regions: Vec<String>,
    place_nouns: Vec<String>,
    targets: Vec<String>,
    generic_targets: Vec<String>,
    parties: std::collections::BTreeMap<String, Vec<String>>,
}

struct PlaceLexicon {
    countries: HashSet<String>,
    /// Continents and world regions (also in `countries`).
    regions: HashSet<String>,
    place_nouns: HashSet<String>,
    targets: HashSet<String>,
    /// Targets that may be any other ("the building" of a hospital).
    generic_targets: HashSet<String>,
    /// Word or phrase (as written, case kept) → the country it makes a speaker speak for.
    parties: std::collections::HashMap<String, String>,
}

fn place_lexicon() -> &'static PlaceLexicon {
    static LEX: OnceLock<PlaceLexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let f: PlaceFile = serde_yaml::from_str(include_str!("places.yaml")).expect("places.yaml parses");
        let low = |v: Vec<String>| {
            v.into_iter()
                .map(|w| w.to_lowercase().replace(['.', '-'], ""))
                .collect::<HashSet<_>>()
        };
        let mut parties = std::collections::HashMap::new();
        for (country, forms) in f.parties {
            for form in forms {
                parties.insert(form, country.clone());
            }
        }
        PlaceLexicon {
            countries: low(f.countries),
            regions: low(f.regions),
            place_nouns: low(f.place_nouns),
            targets: low(f.targets),
            generic_targets: low(f.generic_targets),
            parties,
        }
    })
}

/// Whether a name is a country or a wider region ("Syria", "the U.S.", "Washington" as the
/// United States): too wide to tell two events apart.
pub fn is_country(name: &str) -> bool {
    // Asked for every name of every article: remembered per thread.
    thread_local! {
        static SEEN: std::cell::RefCell<std::collections::HashMap<String, bool>> = Default::default();
    }
    if let Some(known) = SEEN.with(|s| s.borrow().get(name).copied()) {
        return known;
    }
    let answer = is_country_uncached(name);
    SEEN.with(|s| {
        let mut s = s.borrow_mut();
        if s.len() > 100_000 {
            s.clear();
        }
        s.insert(name.to_string(), answer);
    });
    answer
}

fn is_country_uncached(name: &str) -> bool {
    let lex = place_lexicon();
    let fold = |s: &str| {
        let l = s.trim().to_lowercase().replace(['.', '-'], "");
        l.strip_prefix("the ").unwrap_or(&l).to_string()
    };
    let l = fold(name);
    lex.countries.contains(&l)
        || lex.countries.contains(&fold(&super::speaker::canonical(name)))
        || lex.parties.contains_key(name.trim())
        || lex
            .parties
            .contains_key(name.trim().trim_start_matches("the ").trim_end_matches("'s"))
}

/// Whether a name is a continent or a world region ("Europe", "the Middle East"): it holds
/// many countries, so it says nothing against an event placed in one of them.
pub fn is_region(name: &str) -> bool {
    let l = name.trim().to_lowercase().replace(['.', '-'], "");
    let l = l.strip_prefix("the ").unwrap_or(&l);
    place_lexicon().regions.contains(l)
}

/// Whether a single capitalised word is a country's demonym ("Indonesian", "Pakistani",
/// "Sudanese", "Afghan"): in "the Indonesian province of Aceh" it names no place of its own.
pub fn is_demonym(name: &str) -> bool {
    let name = name.trim();
    if name.contains(char::is_whitespace) || !name.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let lower = name.to_lowercase();
    let lex = place_lexicon();
    ["ian", "ean", "ese", "ish", "an", "n", "i", ""].iter().any(|suffix| {
        lower
            .strip_suffix(suffix)
            .filter(|stem| stem.chars().count() >= 4 && (!suffix.is_empty() || lower.ends_with("an")))
            .is_some_and(|stem| {
                lex.countries
                    .iter()
                    .any(|c| c.starts_with(stem) && (c.len() <= stem.len() + 3 || c[stem.len()..] == *"istan"))
            })
    })
}

/// The country a word or phrase makes a speaker speak for ("Syrian", "State Department",
/// "Damascus"); matched as written, so that "US" the country is not "us".
pub fn country_of(phrase: &str) -> Option<String> {
    place_lexicon().parties.get(phrase).cloned()
}

/// Whether a lower-case word names what a strike or attack hits ("hospital", "convoy").
pub fn is_target(word: &str) -> bool {
    place_lexicon().targets.contains(&word.to_lowercase())
}

/// Whether a target may be any other ("the building", "the facility"), so that it never
/// tells two events apart.
pub fn is_generic_target(word: &str) -> bool {
    place_lexicon().generic_targets.contains(word)
}

/// Whether a lower-case word makes the name beside it a place ("province", "city").
pub fn is_place_noun(word: &str) -> bool {
    place_lexicon().place_nouns.contains(&word.to_lowercase())
}

const COMPASS: &[&str] = &[
    "east",
    "west",
    "north",
    "south",
    "eastern",
    "western",
    "northern",
    "southern",
    "central",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "greater",
    "upper",
    "lower",
    "old",
];

/// The key of a place name: lower case, articles, compass words and place nouns dropped,
/// transliterations folded ("Aleppo city", "the province of Aleppo" and "eastern Aleppo" all
/// give "aleppo").
pub fn place_key(name: &str) -> String {
    // "Syria's Aleppo", "Iraq's Mosul": the place, not its country.
    let name = match name.split_once(['\'', '’']) {
        Some((owner, rest)) if !owner.contains(' ') && rest.starts_with("s ") && rest.len() > 2 => &rest[2..],
        _ => name,
    };
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower
        .split_whitespace()
        .filter(|w| !matches!(*w, "the" | "of" | "a") && !COMPASS.contains(w) && !is_place_noun(w))
        .collect();
    let joined = if words.is_empty() {
        lower.clone()
    } else {
        words.join(" ")
    };
    variant_key(&joined)
}

/// The names an article uses as places (keys), from the words around each capitalised name
/// anywhere in the article: a locative preposition before it ("in", "near", "outside",
/// "city of", "west of") or a place noun after it ("province", "countryside"). Countries are left
/// out: they are too wide.
pub fn places_in(text: &str, mentions: &[super::Mention]) -> BTreeSet<String> {
    static BEFORE: OnceLock<Regex> = OnceLock::new();
    let before = BEFORE.get_or_init(|| {
        crate::regexes::new(r"(?i)\b(?:in|near|outside|across|around|inside|at|into|(?:city|town|village|province|region|district|governorate|suburbs?|countryside|hamlet|area|outskirts|neighbou?rhood|(?:north|south)(?:-?(?:east|west))?|east|west)\s+of)\s+(?:the\s+)?(?:[\p{Ll}-]+\s+){0,2}$")
            .unwrap()
    });
    let mut out = BTreeSet::new();
    for m in mentions {
        let super::Value::Entity(e) = &m.value else { continue };
        if is_country(&e.name) || is_country(&e.canonical) {
            continue;
        }
        let lead = &text[text.floor_char_boundary(m.span.start.saturating_sub(60))..m.span.start];
        let trail = &text[m.span.end..text.ceil_char_boundary((m.span.end + 30).min(text.len()))];
        let next = trail
            .trim_start_matches(['\'', '’', 's'])
            .split_whitespace()
            .next()
            .unwrap_or("")
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        // "the Syrian army" is not a place; a locative phrase before a name is.
        let lower_lead_ok = before.is_match(lead) && !lead.trim_end().ends_with(|c: char| c.is_uppercase());
        if (lower_lead_ok || is_place_noun(&next)) && !is_demonym(&e.name) {
            out.insert(place_key(&e.name));
        }
    }
    out.remove("");
    out
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
        assert_eq!(
            vowel_fold(&place_key("Deir ez-Zor")),
            vowel_fold(&place_key("Deir al-Zour"))
        );
        assert_eq!(
            vowel_fold(&place_key("Deir el-Zour")),
            vowel_fold(&place_key("Deir ez-Zor"))
        );
        assert_ne!(vowel_fold(&place_key("Gaza")), vowel_fold(&place_key("Giza")));
        assert!(same_folded(&place_key("Deir ez-Zor"), &place_key("Deir al-Zour")));
        assert!(!same_folded(&place_key("Gaza"), &place_key("Giza")));
    }

    #[test]
    fn times_and_sentence_openers_are_not_names() {
        let found = find_in(
            "DAMASCUS, Sept. 12 (Xinhua) -- About 20 died at 2200 GMT Wednesday, the Syrian Observatory for Human Rights said.",
        );
        let names: Vec<&str> = found.iter().map(|f| f.2.name.as_str()).collect();
        assert_eq!(names, ["Xinhua", "Observatory for Human Rights"]);
        let found = find_in("Officials met John Kerry Wednesday.");
        let names: Vec<&str> = found.iter().map(|f| f.2.name.as_str()).collect();
        assert_eq!(names, ["Officials", "John Kerry"]);
        let found =
            find_in("According to the L.A. Times, the Angels made an offer. Asked about it, Bill Shaikin declined.");
        let names: Vec<&str> = found.iter().map(|f| f.2.name.as_str()).collect();
        assert_eq!(names, ["L.A. Times", "Angels", "Bill Shaikin"]);
        let found = find_in("The toll in Wednesday's Rana Plaza collapse rose; Sunday’s Nice attack followed.");
        let names: Vec<&str> = found.iter().map(|f| f.2.name.as_str()).collect();
        assert_eq!(names, ["Rana Plaza", "Nice"]);
    }

    #[test]
    fn places_and_their_keys() {
        assert_eq!(place_key("Aleppo city"), place_key("Aleppo province"));
        assert_eq!(place_key("the province of Latakia"), place_key("Latakia"));
        assert_eq!(place_key("Eastern Ghouta"), place_key("Ghouta"));
        assert_ne!(place_key("Aleppo"), place_key("Latakia"));
        assert_eq!(place_key("Syria's Aleppo"), place_key("Aleppo"));
        assert_eq!(place_key("Iraq’s Mosul"), place_key("Mosul"));
        assert!(is_country("Syria") && is_country("the U.S.") && !is_country("Aleppo"));
        for d in [
            "Indonesian",
            "Pakistani",
            "Sudanese",
            "Afghan",
            "Iranian",
            "Mexican",
            "Syrian",
        ] {
            assert!(is_demonym(d), "{d}");
        }
        for p in [
            "Aleppo",
            "Aceh",
            "Manokwari",
            "Qeshm",
            "Idlib",
            "Indonesia",
            "Bandar Abbas",
        ] {
            assert!(!is_demonym(p), "{p}");
        }
        let text = "Fighting in Aleppo and Idlib province. Kerry met Lavrov. The Syrian army said so.";
        let ms: Vec<super::super::Mention> = find_in(text)
            .into_iter()
            .map(|(a, b, v)| super::super::Mention {
                span: crate::span::Span::new(a, b),
                value: super::super::Value::Entity(v),
                rule: "entity.capitalised",
                sentence: 0,
                scope: None,
            })
            .collect();
        let places = places_in(text, &ms);
        assert!(places.contains("aleppo") && places.contains("idlib"), "{places:?}");
        assert!(
            !places.iter().any(|p| p.contains("kerry") || p.contains("lavrov")),
            "{places:?}"
        );
    }
}
