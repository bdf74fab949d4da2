//! Variants: one name spelled two ways across the corpus ("Sergei"/"Sergey Lavrov",
//! "Bashar Assad"/"Bashar al-Assad"). They are reported as `variant` findings, never as
//! conflicts.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::corpus::Source;
use crate::mentions::entity::variant_key;
use crate::mentions::{Mention, Value};

use super::{finding_id, Finding, Kind, Place, Severity};

/// One spelling of a name in one source, at the place it first stands there.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Name {
    /// The key that merges spellings ([`variant_key`]).
    pub key: String,
    /// The canonical spelling.
    pub name: String,
    pub place: Place,
}

/// The names of one source worth comparing (persons and organisations of two words or more;
/// single words are too ambiguous), each spelling once, at its first place.
pub fn names_of(source: &Source, mentions: &[Mention]) -> Vec<Name> {
    let mut seen: BTreeSet<(String, String)> = BTreeSet::new();
    let mut out = Vec::new();
    for m in mentions {
        let Value::Entity(e) = &m.value else { continue };
        let name = &e.canonical;
        if name.split_whitespace().count() < 2 {
            continue;
        }
        let key = variant_key(name);
        if seen.insert((key.clone(), name.clone())) {
            out.push(Name {
                key,
                name: name.clone(),
                place: Place {
                    source: source.id.clone(),
                    start: m.span.start,
                    end: m.span.end,
                    text: m.span.text(&source.text).to_string(),
                },
            });
        }
    }
    out
}

/// Variant findings from every source's entity mentions.
pub fn check(sources: &[Source], mentions: &[Vec<Mention>]) -> Vec<Finding> {
    let names: Vec<Vec<Name>> = sources.iter().zip(mentions).map(|(s, ms)| names_of(s, ms)).collect();
    check_names(&names)
}

/// Variant findings from every source's names ([`names_of`]), sources in corpus order.
pub fn check_names(names: &[Vec<Name>]) -> Vec<Finding> {
    // key → spelling → first place
    let mut by_key: BTreeMap<&str, BTreeMap<&str, &Place>> = BTreeMap::new();
    for n in names.iter().flatten() {
        by_key.entry(&n.key).or_default().entry(&n.name).or_insert(&n.place);
    }
    let mut out = Vec::new();
    for (key, spellings) in by_key {
        if spellings.len() < 2 {
            continue;
        }
        let names: Vec<&str> = spellings.keys().copied().collect();
        let places: Vec<Place> = spellings.values().map(|p| (*p).clone()).collect();
        out.push(Finding {
            id: finding_id(Kind::Variant, &[key]),
            kind: Kind::Variant,
            severity: Severity::Info,
            subject: None,
            property: None,
            claims: Vec::new(),
            message: format!("One name, several spellings: {}", names.join(" / ")),
            check: "names.variants",
            versions: Vec::new(),
            places,
            acknowledged: false,
            note: None,
        });
    }
    out
}
