//! Reports: one reporter per format, all reading the same finished [`Run`]. `report.json`
//! follows CONTRACT.md; Markdown and the terminal are for people; GitHub workflow commands
//! and SARIF are for CI; the HTML page is one self-contained file for a browser. This module
//! also holds what the readable reports share: names of sources, values with their weekday,
//! and where a claim sits in its sentence.

pub mod github;
pub mod html;
pub mod json;
pub mod markdown;
pub mod reuse;
pub mod sarif;
pub mod terminal;

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, OnceLock};

use crate::claims::Claim;
use crate::corpus::{Source, Warning};
use crate::findings::Finding;
use crate::mentions::Value;
use crate::subjects::Subject;

/// Above this many sources or claims the readable reports (Markdown, HTML) are in *large
/// corpus* form: every finding stays, but the per-source claim tables stop after the first
/// sources (up to these limits) with a note pointing at `claims/`, timelines are drawn only
/// for subjects that findings are about, and each version of a finding quotes at most
/// [`QUOTES_PER_VERSION`] claims. `report.json` always holds everything.
pub const TABLE_MAX_SOURCES: usize = 100;
pub const TABLE_MAX_CLAIMS: usize = 2_000;
/// Quotes shown per version (or per finding without versions) in the readable reports; the
/// rest are counted in a note, and all of them are in `report.json`.
pub const QUOTES_PER_VERSION: usize = 12;

/// Elements of a list by id, through a hash of the id: the position of the one element with
/// that id. An id held by more than one element (claims at one place share theirs), or whose
/// hash another id shares, is marked and looked up as before (a binary search), so the
/// answer is always the one the search gives; an id the index does not know is in no element.
struct IdIndex(HashMap<u64, u32, foldhash::fast::FixedState>);

/// Marks a hash that more than one element has.
const SHARED: u32 = u32::MAX;

impl IdIndex {
    fn new<'a>(ids: impl ExactSizeIterator<Item = &'a str>) -> Self {
        use std::hash::BuildHasher;
        let state = foldhash::fast::FixedState::default();
        let mut map = HashMap::with_capacity_and_hasher(ids.len(), state);
        if ids.len() < SHARED as usize {
            for (i, id) in ids.enumerate() {
                map.entry(state.hash_one(id))
                    .and_modify(|v| *v = SHARED)
                    .or_insert(i as u32);
            }
        }
        IdIndex(map)
    }

    /// `Some(Some(i))`: element `i` is the only one with this id; `Some(None)`: no element
    /// has it; `None`: the index cannot tell (look it up the slow way).
    fn get<'a>(&self, id: &str, id_at: impl Fn(usize) -> &'a str) -> Option<Option<usize>> {
        use std::hash::BuildHasher;
        if self.0.is_empty() {
            return None;
        }
        match self.0.get(&self.0.hasher().hash_one(id)) {
            None => Some(None),
            Some(&SHARED) => None,
            Some(&i) => Some((id_at(i as usize) == id).then_some(i as usize)),
        }
    }
}

/// Everything a run found, in deterministic order.
pub struct Run {
    pub sources: Vec<Source>,
    pub subjects: Vec<Subject>,
    pub claims: Vec<Claim>,
    pub findings: Vec<Finding>,
    pub warnings: Vec<Warning>,
    /// Sentence text (whitespace collapsed) of each claim: `sentences[i]` is that of
    /// `claims[i]`; claims of one sentence share its text.
    pub sentences: Vec<Option<Arc<str>>>,
    /// Sources that are new or changed since the claims store last saw them.
    pub changed: std::collections::BTreeSet<String>,
    /// Subject id → index in `subjects` (reports look a label up for every claim).
    subject_index: BTreeMap<String, usize>,
    /// Sources and claims by id, made the first time a report looks one up.
    source_ids: OnceLock<IdIndex>,
    claim_ids: OnceLock<IdIndex>,
    /// `report.json`, once rendered.
    json: OnceLock<String>,
}

impl Run {
    /// A run from its parts; `sources` sorted by id, `claims` sorted by id.
    pub fn new(
        sources: Vec<Source>,
        subjects: Vec<Subject>,
        claims: Vec<Claim>,
        findings: Vec<Finding>,
        warnings: Vec<Warning>,
        sentences: Vec<Option<Arc<str>>>,
        changed: std::collections::BTreeSet<String>,
    ) -> Self {
        assert_eq!(claims.len(), sentences.len(), "one sentence slot per claim");
        let mut subject_index = BTreeMap::new();
        for (i, s) in subjects.iter().enumerate() {
            subject_index.entry(s.id.clone()).or_insert(i);
        }
        Run {
            sources,
            subjects,
            claims,
            findings,
            warnings,
            sentences,
            changed,
            subject_index,
            source_ids: OnceLock::new(),
            claim_ids: OnceLock::new(),
            json: OnceLock::new(),
        }
    }

    /// Whether the readable reports take their large-corpus form (see [`TABLE_MAX_SOURCES`]).
    pub fn is_large(&self) -> bool {
        self.sources.len() > TABLE_MAX_SOURCES || self.claims.len() > TABLE_MAX_CLAIMS
    }

    /// The claims of one source: claim ids start with `<source id>:` and claims are sorted by
    /// id, so they are one contiguous run (source ids cannot hold `:`).
    pub fn source_claims(&self, id: &str) -> Vec<&Claim> {
        let prefix = format!("{id}:");
        let first = self.claims.partition_point(|c| c.id.as_str() < prefix.as_str());
        let len = self.claims[first..].partition_point(|c| c.id.starts_with(&prefix));
        let run = &self.claims[first..first + len];
        if run.iter().all(|c| c.source == id) {
            run.iter().collect()
        } else {
            // Not reached for claims this tool made; kept so a stray id cannot hide a claim.
            self.claims.iter().filter(|c| c.source == id).collect()
        }
    }

    /// A source by id (sources are sorted by id, so this is a binary search: reports look a
    /// source up for every claim).
    pub fn source(&self, id: &str) -> Option<&Source> {
        let index = self
            .source_ids
            .get_or_init(|| IdIndex::new(self.sources.iter().map(|s| s.id.as_str())));
        if let Some(found) = index.get(id, |i| &self.sources[i].id) {
            return found.map(|i| &self.sources[i]);
        }
        match self.sources.binary_search_by(|s| s.id.as_str().cmp(id)) {
            Ok(i) => Some(&self.sources[i]),
            Err(_) => self.sources.iter().find(|s| s.id == id),
        }
    }

    pub fn claim(&self, id: &str) -> Option<&Claim> {
        self.claim_index(id).map(|i| &self.claims[i])
    }

    fn claim_index(&self, id: &str) -> Option<usize> {
        let index = self
            .claim_ids
            .get_or_init(|| IdIndex::new(self.claims.iter().map(|c| c.id.as_str())));
        if let Some(found) = index.get(id, |i| &self.claims[i].id) {
            return found;
        }
        self.claims
            .binary_search_by(|c| c.id.as_str().cmp(id))
            .ok()
            .or_else(|| self.claims.iter().position(|c| c.id == id))
    }

    /// The sentence (whitespace collapsed) a claim stands in, when known.
    pub fn sentence(&self, id: &str) -> Option<&str> {
        self.claim_index(id).and_then(|i| self.sentences[i].as_deref())
    }

    pub fn subject_label(&self, id: &str) -> String {
        self.subject_index
            .get(id)
            .map_or_else(|| id.to_string(), |&i| self.subjects[i].label.clone())
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

impl Run {
    /// How a source is named for people: its outlet and title when the front matter gives
    /// them, else its id.
    pub fn source_name(&self, id: &str) -> String {
        match self.source(id) {
            Some(s) => match (&s.outlet, &s.title) {
                (Some(o), Some(t)) => format!("{o}: {t}"),
                (Some(o), None) => format!("{o} ({})", s.id),
                (None, Some(t)) => format!("{t} ({})", s.id),
                (None, None) => s.id.clone(),
            },
            None => id.to_string(),
        }
    }

    /// The claim's sentence (whitespace collapsed) and the byte range of the claim's words in
    /// it, when they can be found there.
    pub fn quote(&self, c: &Claim) -> (String, Option<(usize, usize)>) {
        let sentence = self.sentence(&c.id).map_or_else(|| c.text.clone(), str::to_string);
        let words = c.text.split_whitespace().collect::<Vec<_>>().join(" ");
        let at = (!words.is_empty())
            .then(|| sentence.find(&words).map(|i| (i, i + words.len())))
            .flatten();
        (sentence, at)
    }

    /// A claim's quote that a finding points at, ordered by file and position.
    pub fn claims_of<'a>(&'a self, ids: &[String]) -> Vec<&'a Claim> {
        let mut v: Vec<&Claim> = ids.iter().filter_map(|id| self.claim(id)).collect();
        v.sort_by(|a, b| (&a.source, a.span.start, &a.id).cmp(&(&b.source, b.span.start, &b.id)));
        v
    }
}

/// A value as people read it: the normalised form, and for a time at day grain or finer the
/// weekday it falls on ("2016-05-05 (Thursday)"), so that a reader can check it against the
/// article's words.
pub fn value_text(v: &Value) -> String {
    let base = v.display();
    if let Value::Time(t) = v {
        use crate::mentions::timeval::Grain;
        if !matches!(t.grain, Grain::Minute | Grain::Hour | Grain::PartOfDay | Grain::Day) {
            return base;
        }
        if let Some(day) = t.start.as_deref().and_then(|s| s.get(..10)) {
            if let Ok(date) = day.parse::<jiff::civil::Date>() {
                return format!("{base}, {:?}", date.weekday());
            }
        }
    }
    base
}

/// How many sources (in id order) get a claim table in the readable reports: all of them for
/// a small corpus; for a large one, sources while the tabled claims stay within the limits.
pub fn tabled_sources(run: &Run) -> usize {
    if !run.is_large() {
        return run.sources.len();
    }
    let mut claims = 0;
    for (i, s) in run.sources.iter().enumerate() {
        claims += run.source_claims(&s.id).len();
        if i >= TABLE_MAX_SOURCES || claims > TABLE_MAX_CLAIMS {
            return i;
        }
    }
    run.sources.len()
}

/// The note that closes a claim table cut short, naming where the rest is.
pub fn untabled_note(run: &Run, tabled: usize) -> Option<String> {
    let rest = run.sources.len().checked_sub(tabled).filter(|&n| n > 0)?;
    let claims: usize = run.sources[tabled..]
        .iter()
        .map(|s| run.source_claims(&s.id).len())
        .sum();
    Some(format!(
        "The claims of the other {} ({}) are not tabled here, to keep this report readable at \
         this corpus size: each source's claims are in claims/<source id>.yaml, and every claim \
         is in reports/report.json.",
        count_of("source", rest),
        count_of("claim", claims)
    ))
}

/// The note after a version's quotes when there are more than [`QUOTES_PER_VERSION`].
pub fn more_quotes(claims: &[&Claim]) -> Option<String> {
    let rest = claims.len().checked_sub(QUOTES_PER_VERSION).filter(|&n| n > 0)?;
    let sources: std::collections::BTreeSet<&str> =
        claims[QUOTES_PER_VERSION..].iter().map(|c| c.source.as_str()).collect();
    Some(format!(
        "and {} more from {} (all listed in reports/report.json)",
        count_of("quote", rest),
        count_of("source", sources.len())
    ))
}

/// Claims of one source in reading order (by position in the file).
pub fn in_reading_order<'a>(claims: impl Iterator<Item = &'a Claim>) -> Vec<&'a Claim> {
    let mut v: Vec<&Claim> = claims.collect();
    v.sort_by(|a, b| (a.span.start, &a.id).cmp(&(b.span.start, &b.id)));
    v
}

/// "1 conflict", "2 conflicts", "3 inconsistencies".
pub fn count_of(kind: &str, n: usize) -> String {
    match (n, kind.strip_suffix('y')) {
        (1, _) => format!("1 {kind}"),
        (_, Some(stem)) => format!("{n} {stem}ies"),
        _ => format!("{n} {kind}s"),
    }
}

/// "1 unacknowledged conflict or inconsistency", "2 unacknowledged conflicts or inconsistencies".
pub fn failing_text(n: usize) -> String {
    if n == 1 {
        "1 unacknowledged conflict or inconsistency".to_string()
    } else {
        format!("{n} unacknowledged conflicts or inconsistencies")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The index answers only what it knows for certain: the one element with an id, or that
    /// no element has it; an id shared by several elements is left to the binary search.
    #[test]
    fn ids_are_found_by_hash_or_left_to_the_search() {
        let ids = ["a:0-1", "a:0-1", "a:2-3", "b:0-1"];
        let index = IdIndex::new(ids.iter().copied());
        let at = |i: usize| ids[i];
        assert_eq!(index.get("a:2-3", at), Some(Some(2)));
        assert_eq!(index.get("b:0-1", at), Some(Some(3)));
        assert_eq!(index.get("a:0-1", at), None, "shared: the search decides");
        assert_eq!(index.get("c:0-1", at), Some(None));
        let empty: [&str; 0] = [];
        assert_eq!(IdIndex::new(empty.iter().copied()).get("a", |i| empty[i]), None);
    }

    #[test]
    fn counts_read_as_english() {
        assert_eq!(count_of("conflict", 1), "1 conflict");
        assert_eq!(count_of("conflict", 2), "2 conflicts");
        assert_eq!(count_of("inconsistency", 9), "9 inconsistencies");
        assert_eq!(count_of("inconsistency", 1), "1 inconsistency");
    }
}
