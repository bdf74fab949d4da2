//! Variants: one name written several ways across the corpus. They are reported as
//! `variant` findings, never as conflicts. Names meet when
//!
//! - their spellings fold to one key ("Sergei"/"Sergey Lavrov", "Bashar Assad"/"Bashar
//!   al-Assad", "Deir ez-Zor"/"Deir al-Zor");
//! - the alias list makes them one ("the US", "Washington", "the United States", "U-S";
//!   "Nusra Front", "Jabhat al-Nusra");
//! - an article says so ("Jabhat Fateh al-Sham, formerly known as the Nusra Front", "the
//!   group formerly known as the Nusra Front, which renamed itself Jabhat Fateh al-Sham");
//! - they name one place ("Aleppo city", "Aleppo province", "Aleppo").

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use regex::Regex;

use crate::corpus::Source;
use crate::mentions::entity::{place_key, places_in, variant_key, vowel_fold};
use crate::mentions::speaker::{alias_of, canonical};
use crate::mentions::{Mention, Value};

use super::{finding_id, Finding, Kind, Place, Severity};

/// A written form of a name: leading article dropped, spacing normalised.
fn form(name: &str) -> String {
    let n = name.split_whitespace().collect::<Vec<_>>().join(" ");
    n.strip_prefix("the ")
        .or_else(|| n.strip_prefix("The "))
        .unwrap_or(&n)
        .to_string()
}

/// "X, formerly known as Y", "Y, which renamed itself X", "X (also known as Y)".
fn renamings(text: &str) -> Vec<(String, String)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let name = r"((?:the\s+)?(?:[A-Z][\p{L}'’-]*|al-[A-Z][\p{L}'’-]*)(?:\s+(?:al-|of\s+|al\s+)?[A-Z][\p{L}'’-]*){0,5})";
    let re = RE.get_or_init(|| {
        crate::regexes::new(&format!(
            r"{name},?\s+(?:formerly|previously|once|also)\s+(?:known\s+as|called)\s+{name}|(?:group|organisation|organization|front)\s+(?:formerly|previously)\s+known\s+as\s+{name},?\s+which\s+(?:renamed|rebranded)\s+itself\s+(?:as\s+)?{name}"
        ))
        .unwrap()
    });
    let mut out = Vec::new();
    for c in re.captures_iter(text) {
        let pair = match (c.get(1), c.get(2), c.get(3), c.get(4)) {
            (Some(a), Some(b), _, _) => (a.as_str(), b.as_str()),
            (_, _, Some(a), Some(b)) => (a.as_str(), b.as_str()),
            _ => continue,
        };
        out.push((form(pair.0), form(pair.1)));
    }
    out
}

/// One thing a source says about a name: a written form, a key it meets other forms under,
/// and where it stands (none for a form only implied, such as an alias's canonical name).
/// Kept per source (in the extraction cache), so a run need not re-read unchanged articles.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Name {
    pub form: String,
    pub key: String,
    pub place: Option<Place>,
}

/// The name records of one source, in text order; a (form, key) keeps at most three places.
pub fn names_of(source: &Source, ms: &[Mention]) -> Vec<Name> {
    let mut out: Vec<Name> = Vec::new();
    let mut count: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut add = |form: String, key: String, place: Option<Place>| {
        let n = count.entry((form.clone(), key.clone())).or_default();
        if *n >= 3 || (place.is_none() && *n > 0) {
            return;
        }
        *n += 1;
        out.push(Name { form, key, place });
    };
    let article_places = places_in(&source.text, ms);
    for m in ms {
        let Value::Entity(e) = &m.value else { continue };
        let f = form(&e.name);
        let place = Place {
            source: source.id.clone(),
            start: m.span.start,
            end: m.span.end,
            text: m.span.text(&source.text).to_string(),
        };
        // Made one by the alias list: "Washington", "U-S" for the United States.
        if let Some(alias) = alias_of(&f) {
            if alias.to_lowercase() != f.to_lowercase() {
                add(f.clone(), format!("name:{}", variant_key(&alias)), Some(place.clone()));
                add(alias.clone(), format!("name:{}", variant_key(&alias)), None);
            }
        }
        let name = e.canonical.clone();
        if name.split_whitespace().count() >= 2 {
            // Spellings of persons and organisations of two words or more; single
            // words are too ambiguous.
            add(
                name.clone(),
                format!("name:{}", variant_key(&name)),
                Some(place.clone()),
            );
        }
        let pk = place_key(&e.name);
        if article_places.contains(&pk) {
            add(f.clone(), format!("place:{}", vowel_fold(&pk)), Some(place));
        }
    }
    for (a, b) in renamings(&source.text) {
        let key = format!("name:{}", variant_key(&canonical(&b)));
        let own = format!("name:{}", variant_key(&canonical(&a)));
        add(a.clone(), key.clone(), None);
        add(b, key, None);
        add(a, own, None);
    }
    out
}

/// Variant findings from every source's entity mentions.
pub fn check(sources: &[Source], mentions: &[Vec<Mention>]) -> Vec<Finding> {
    let names: Vec<Vec<Name>> = sources.iter().zip(mentions).map(|(s, ms)| names_of(s, ms)).collect();
    check_names(names.iter().map(Vec::as_slice))
}

/// Variant findings from every source's name records ([`names_of`]), sources in corpus order.
pub fn check_names<'a>(names: impl IntoIterator<Item = &'a [Name]>) -> Vec<Finding> {
    // Written form → its first places in the corpus, and the keys it meets others under
    // (borrowed: a big corpus holds millions of name records and a few thousand forms).
    type Fast<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
    let mut seen: Fast<&str, (Vec<&Place>, BTreeSet<&str>)> = Fast::default();
    for n in names.into_iter().flatten() {
        let (places, keys) = seen.entry(n.form.as_str()).or_default();
        keys.insert(n.key.as_str());
        if let Some(p) = &n.place {
            if places.len() < 3 {
                places.push(p);
            }
        }
    }
    let mut places_of: BTreeMap<&str, Vec<&Place>> = BTreeMap::new();
    let mut keys_of: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (form, (places, keys)) in seen {
        places_of.insert(form, places);
        keys_of.insert(form, keys);
    }
    // Forms joined through shared keys.
    let forms: Vec<&str> = keys_of.keys().copied().collect();
    let mut parent: Vec<usize> = (0..forms.len()).collect();
    fn find(p: &mut [usize], x: usize) -> usize {
        let mut r = x;
        while p[r] != r {
            r = p[r];
        }
        p[x] = r;
        r
    }
    let mut by_key: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, f) in forms.iter().enumerate() {
        for k in &keys_of[*f] {
            match by_key.get(k) {
                Some(&j) => {
                    let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                    if a != b {
                        parent[a.max(b)] = a.min(b);
                    }
                }
                None => {
                    by_key.insert(k, i);
                }
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..forms.len() {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    let mut out = Vec::new();
    for members in groups.values() {
        let names: BTreeSet<&str> = members.iter().map(|&i| forms[i]).collect();
        // Forms that differ only in case are one.
        let distinct: BTreeSet<String> = names.iter().map(|n| n.to_lowercase()).collect();
        let places: Vec<Place> = members
            .iter()
            .filter_map(|&i| places_of[forms[i]].first().map(|&p| p.clone()))
            .collect();
        // Two spellings must both stand in the corpus: a name written one way only (an
        // agency's initials, quoted where its full name was only implied) is no variant.
        let written: BTreeSet<String> = members
            .iter()
            .flat_map(|&i| places_of[forms[i]].iter())
            .map(|p| form(&p.text).to_lowercase())
            .collect();
        if distinct.len() < 2 || places.len() < 2 || written.len() < 2 {
            continue;
        }
        // The key of the group: its smallest name key (the spelling key of a person's
        // name, so that ids stay what they were), else its smallest place key.
        let keys: BTreeSet<&str> = members
            .iter()
            .flat_map(|&i| keys_of[forms[i]].iter().copied())
            .collect();
        let key = keys
            .iter()
            .find(|k| k.starts_with("name:"))
            .or_else(|| keys.iter().next())
            .map(|k| k.split_once(':').map_or(*k, |(_, v)| v))
            .unwrap_or_default()
            .to_string();
        let list: Vec<&str> = names.iter().copied().collect();
        out.push(Finding {
            id: finding_id(Kind::Variant, &[&key]),
            kind: Kind::Variant,
            severity: Severity::Info,
            subject: None,
            property: None,
            claims: Vec::new(),
            message: format!("One name, several spellings: {}", list.join(" / ")),
            check: "names.variants",
            versions: Vec::new(),
            places,
            acknowledged: false,
            note: None,
        });
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out.dedup_by(|a, b| a.id == b.id);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renamings_are_read() {
        let r = renamings("excludes the Jabhat Fateh al-Sham, formerly known as the Nusra Front. Enditem");
        assert_eq!(r, vec![("Jabhat Fateh al-Sham".to_string(), "Nusra Front".to_string())]);
        let r =
            renamings("the group formerly known as the Nusra Front, which renamed itself Jabhat Fateh al-Sham in July");
        assert_eq!(r, vec![("Nusra Front".to_string(), "Jabhat Fateh al-Sham".to_string())]);
    }
}
