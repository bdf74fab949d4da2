//! Reports: one reporter per format, all reading the same finished [`Run`]. `report.json`
//! follows CONTRACT.md; Markdown and the terminal are for people; GitHub workflow commands
//! and SARIF are for CI.

pub mod github;
pub mod json;
pub mod markdown;
pub mod sarif;
pub mod terminal;

use std::collections::BTreeMap;

use crate::claims::Claim;
use crate::corpus::{Source, Warning};
use crate::findings::Finding;
use crate::subjects::Subject;

/// Everything a run found, in deterministic order.
pub struct Run {
    pub sources: Vec<Source>,
    pub subjects: Vec<Subject>,
    pub claims: Vec<Claim>,
    pub findings: Vec<Finding>,
    pub warnings: Vec<Warning>,
    /// Sentence text of each claim, by claim id.
    pub sentences: BTreeMap<String, String>,
    /// Sources that are new or changed since the claims store last saw them.
    pub changed: std::collections::BTreeSet<String>,
}

impl Run {
    /// A source by id (sources are sorted by id, so this is a binary search: reports look a
    /// source up for every claim).
    pub fn source(&self, id: &str) -> Option<&Source> {
        match self.sources.binary_search_by(|s| s.id.as_str().cmp(id)) {
            Ok(i) => Some(&self.sources[i]),
            Err(_) => self.sources.iter().find(|s| s.id == id),
        }
    }

    pub fn claim(&self, id: &str) -> Option<&Claim> {
        self.claims
            .binary_search_by(|c| c.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.claims[i])
            .or_else(|| self.claims.iter().find(|c| c.id == id))
    }

    pub fn subject_label(&self, id: &str) -> String {
        self.subjects
            .iter()
            .find(|s| s.id == id)
            .map_or_else(|| id.to_string(), |s| s.label.clone())
    }

    /// Findings that fail the check: conflicts and inconsistencies not acknowledged.
    pub fn failing(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.kind.fails() && !f.acknowledged)
    }

    /// (path, line, column) of a claim.
    pub fn location(&self, c: &Claim) -> (String, usize, usize) {
        match self.source(&c.source) {
            Some(s) => {
                let (l, col) = s.line_col(c.span.start);
                (s.path.clone(), l, col)
            }
            None => (c.source.clone(), 1, 1),
        }
    }

    /// The claim a CI annotation should point at: one from an article that is new or changed
    /// in this run if there is one, else the one from the newest article.
    pub fn anchor_claim(&self, f: &Finding) -> Option<&Claim> {
        f.claims.iter().filter_map(|id| self.claim(id)).max_by_key(|c| {
            let fresh = self.changed.contains(&c.source);
            let p = self
                .source(&c.source)
                .and_then(|s| s.published.as_ref())
                .map(|p| p.date);
            (fresh, p, c.source.clone(), std::cmp::Reverse(c.span.start))
        })
    }

    /// Counts of findings per kind, in report order.
    pub fn counts(&self) -> Vec<(&'static str, usize)> {
        let mut m: BTreeMap<crate::findings::Kind, usize> = BTreeMap::new();
        for f in &self.findings {
            *m.entry(f.kind).or_default() += 1;
        }
        m.into_iter().map(|(k, n)| (k.as_str(), n)).collect()
    }
}
