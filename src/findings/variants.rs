//! Variants: one name spelled two ways across the corpus ("Sergei"/"Sergey Lavrov",
//! "Bashar Assad"/"Bashar al-Assad"). They are reported as `variant` findings, never as
//! conflicts.

use std::collections::BTreeMap;

use crate::corpus::Source;
use crate::mentions::entity::variant_key;
use crate::mentions::{Mention, Value};

use super::{finding_id, Finding, Kind, Place, Severity};

/// Variant findings from every source's entity mentions.
pub fn check(sources: &[Source], mentions: &[Vec<Mention>]) -> Vec<Finding> {
    // key → spelling → places
    let mut by_key: BTreeMap<String, BTreeMap<String, Vec<Place>>> = BTreeMap::new();
    for (source, ms) in sources.iter().zip(mentions) {
        for m in ms {
            let Value::Entity(e) = &m.value else { continue };
            // Persons and organisations of two words or more; single words are too ambiguous.
            let name = e.canonical.clone();
            if name.split_whitespace().count() < 2 {
                continue;
            }
            by_key
                .entry(variant_key(&name))
                .or_default()
                .entry(name)
                .or_default()
                .push(Place {
                    source: source.id.clone(),
                    start: m.span.start,
                    end: m.span.end,
                    text: m.span.text(&source.text).to_string(),
                });
        }
    }
    let mut out = Vec::new();
    for (key, spellings) in by_key {
        if spellings.len() < 2 {
            continue;
        }
        let names: Vec<&str> = spellings.keys().map(String::as_str).collect();
        let places: Vec<Place> = spellings.values().filter_map(|p| p.first().cloned()).collect();
        out.push(Finding {
            id: finding_id(Kind::Variant, &[&key]),
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
