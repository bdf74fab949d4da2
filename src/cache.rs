//! The extraction cache, `.crosscheck/cache`: what the last run extracted from each article
//! and what it wrote to each claims file, so that a run re-extracts only new or changed
//! articles and re-reads only claims files a person has touched.
//!
//! It is only a cache. `claims/<source>.yaml` stays the reviewable record: an entry is used
//! only while the article's hash is the one it was made from, and a claims file is taken as
//! the cache remembers it only while its length and modification time are the ones the tool
//! left (or, when they differ or were too recent to trust, its bytes hash to what the tool
//! wrote); otherwise the file is read and parsed as before. Deleting the folder, or running
//! another build of the tool (the header holds a fingerprint of the build and of the event
//! lexicon), gives the same outputs, only slower. The folder holds its own `.gitignore`, so
//! a newsroom repository never commits it.
//!
//! Format: a header line, then one frame per source (`u32` length, little-endian, then the
//! entry as MessagePack), so entries are encoded and decoded in parallel. A byte-identical
//! copy's entry holds no extraction but the id and article hash of the entry that does
//! (`Entry::like`), so a feed of wire copies keeps each article's extraction once; a
//! reference whose holder now has another article resolves to nothing (re-extracted).
//!
//! Beside it, `.crosscheck/wire-ratios` keeps the word-diff ratios of candidate wire copies
//! by the two articles' hashes ([`load_ratios`], [`save_ratios`]), under the same rules:
//! another build or a damaged file gives none, and none only costs the diffs.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::claims::{Claim, Trigger};
use crate::error::{Error, Result};
use crate::findings::variants::Name;
use crate::span::Span;
use crate::store::{Previous, StoredClaim};

/// The folder, under the workspace.
pub const DIR: &str = ".crosscheck";
const FILE: &str = "cache";
const MAGIC: &str = "crosscheck-cache/1";

/// What extraction gave for one article, in a form that can be kept.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Extracted {
    /// SHA-256 of the article the extraction came from.
    pub hash: String,
    pub sentences: Vec<Span>,
    pub claims: Vec<Claim>,
    /// The store digest of each claim (`store::digest`), made once.
    pub digests: Vec<String>,
    pub triggers: Vec<TriggerRecord>,
    /// Names for the variant check.
    pub names: Vec<Name>,
    /// (place, wider place) pairs the article gives ([`crate::gazetteer`]).
    #[serde(default)]
    pub within: Vec<(String, String)>,
}

/// A `claims::Trigger`, as kept.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TriggerRecord {
    pub span: Span,
    pub family: String,
    pub group: String,
    pub durative: bool,
    pub harm: bool,
    pub word: String,
    pub sentence: usize,
    pub caption: bool,
    pub features: crate::features::Features,
}

impl From<&Trigger> for TriggerRecord {
    fn from(t: &Trigger) -> Self {
        // Spelled out, so that a new field cannot be forgotten.
        let Trigger {
            span,
            family,
            group,
            durative,
            harm,
            word,
            sentence,
            caption,
            features,
        } = t;
        TriggerRecord {
            span: *span,
            family: family.clone(),
            group: group.clone(),
            durative: *durative,
            harm: *harm,
            word: word.clone(),
            sentence: *sentence,
            caption: *caption,
            features: features.clone(),
        }
    }
}

impl From<&TriggerRecord> for Trigger {
    fn from(t: &TriggerRecord) -> Self {
        Trigger {
            span: t.span,
            family: t.family.clone(),
            group: t.group.clone(),
            durative: t.durative,
            harm: t.harm,
            word: t.word.clone(),
            sentence: t.sentence,
            caption: t.caption,
            features: t.features.clone(),
        }
    }
}

impl Extracted {
    /// The extraction of a byte-identical article under another source id. Extraction reads
    /// only the file's bytes (front matter included, which the hash covers); the source id
    /// appears only in each claim's `source` and `<source>:<span>` id and in the names'
    /// places, so replacing it there gives exactly what extracting the copy would give.
    pub fn rekeyed(&self, from: &str, to: &str) -> Extracted {
        let mut e = self.clone();
        if from == to {
            return e;
        }
        for c in &mut e.claims {
            if c.source == from {
                c.source = to.to_string();
            }
            if let Some(rest) = c.id.strip_prefix(from).filter(|r| r.starts_with(':')) {
                c.id = format!("{to}{rest}");
            }
        }
        for n in &mut e.names {
            if let Some(p) = n.place.as_mut().filter(|p| p.source == from) {
                p.source = to.to_string();
            }
        }
        e
    }

    /// The fresh claims as the store writes them (with their digests).
    pub fn stored(&self) -> Vec<StoredClaim> {
        self.claims
            .iter()
            .zip(&self.digests)
            .map(|(c, d)| StoredClaim {
                claim: c.clone(),
                status: None,
                digest: Some(d.clone()),
            })
            .collect()
    }
}

/// How the tool left a file: enough to tell, cheaply, whether anyone changed it since.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    pub len: u64,
    /// Modification time (seconds, nanoseconds since the epoch), when known.
    pub modified: Option<(u64, u32)>,
    /// SHA-256 of the bytes written.
    pub hash: String,
}

/// Length and modification time of a file, if it exists.
pub fn stat(path: &Path) -> Option<(u64, Option<(u64, u32)>)> {
    std::fs::metadata(path).ok().map(|m| stat_of(&m))
}

/// Length and modification time from metadata already read.
pub fn stat_of(meta: &std::fs::Metadata) -> (u64, Option<(u64, u32)>) {
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map(|d| (d.as_secs(), d.subsec_nanos()));
    (meta.len(), modified)
}

impl Fingerprint {
    /// The fingerprint of a file just written with `bytes`.
    pub fn of_written(path: &Path, bytes: &[u8]) -> Option<Self> {
        let (len, modified) = stat(path)?;
        Some(Fingerprint {
            len,
            modified,
            hash: crate::corpus::hash_bytes(bytes),
        })
    }

    /// Whether the file still holds what was written, by length and time alone. As in
    /// git's index, a time that is not strictly older than the cache itself is not trusted:
    /// on a file system with coarse timestamps an edit made just after the run could share
    /// it (such a file is checked by its bytes instead).
    pub fn matches_stat(&self, stat: (u64, Option<(u64, u32)>), cache_saved: Option<(u64, u32)>) -> bool {
        let old_enough = matches!((self.modified, cache_saved), (Some(m), Some(c)) if m < c);
        old_enough && (self.len, self.modified) == stat
    }
}

/// What the tool last wrote to a source's claims file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Written {
    /// The source path and article hash the file records.
    pub path: String,
    pub hash: String,
    pub file: Fingerprint,
    pub claims: WrittenClaims,
}

/// The claims of a written file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum WrittenClaims {
    /// Exactly the extraction's claims (of the entry's `Extracted`, whose hash is the
    /// file's), in order, each with the subject given here: no person's edit in the file.
    Extracted { subjects: Vec<String> },
    /// Anything else, in full, with which claims are a person's.
    Full { claims: Vec<KeptClaim>, human: Vec<bool> },
}

/// A `store::StoredClaim`, as kept (without `flatten`, which MessagePack cannot read back).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KeptClaim {
    pub claim: Claim,
    pub status: Option<String>,
    pub digest: Option<String>,
}

/// Everything cached for one source.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub extracted: Option<Extracted>,
    pub written: Option<Written>,
    /// As saved for a byte-identical copy: no extraction of its own but (source id, article
    /// hash) of the entry that holds it, re-keyed on load ([`Extracted::rekeyed`]). A feed
    /// of wire copies keeps each article's extraction once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub like: Option<(String, String)>,
}

/// An [`Entry`] as saved, borrowed (field names as `Entry`'s).
#[derive(Serialize)]
struct SavedEntry<'a> {
    extracted: Option<&'a Extracted>,
    written: &'a Option<Written>,
    #[serde(skip_serializing_if = "Option::is_none")]
    like: Option<(&'a str, &'a str)>,
}

/// Whether two claims are the same but for their subject (which the tool reassigns as
/// articles arrive). Spelled out field by field, so that a new field cannot be forgotten.
fn same_but_subject(a: &Claim, b: &Claim) -> bool {
    let Claim {
        id,
        source,
        span,
        text,
        subject: _,
        property,
        value,
        speaker,
        conduit,
        party,
        verb,
        direct,
        rule,
        trigger,
        sentence: _,
        said,
    } = a;
    *id == b.id
        && *source == b.source
        && *span == b.span
        && *text == b.text
        && *property == b.property
        && *value == b.value
        && *speaker == b.speaker
        && *conduit == b.conduit
        && *party == b.party
        && *verb == b.verb
        && *direct == b.direct
        && *said == b.said
        && *rule == b.rule
        && *trigger == b.trigger
}

impl Written {
    /// Describes a claims file the tool has just written for claims `stored`, given what
    /// was extracted from the article.
    pub fn new(path: String, hash: String, file: Fingerprint, stored: &[StoredClaim], extracted: &Extracted) -> Self {
        let plain = hash == extracted.hash
            && stored.len() == extracted.claims.len()
            && stored
                .iter()
                .zip(extracted.claims.iter().zip(&extracted.digests))
                .all(|(s, (c, d))| {
                    s.status.is_none() && s.digest.as_deref() == Some(d.as_str()) && same_but_subject(&s.claim, c)
                });
        let claims = if plain {
            WrittenClaims::Extracted {
                subjects: stored.iter().map(|s| s.claim.subject.clone()).collect(),
            }
        } else {
            WrittenClaims::Full {
                human: stored.iter().map(StoredClaim::is_human).collect(),
                claims: stored
                    .iter()
                    .map(|s| KeptClaim {
                        claim: s.claim.clone(),
                        status: s.status.clone(),
                        digest: s.digest.clone(),
                    })
                    .collect(),
            }
        };
        Written {
            path,
            hash,
            file,
            claims,
        }
    }

    /// The file as merging sees it (its hash and a person's claims, which is all
    /// `store::merge_stored` reads of it); `None` when it cannot be rebuilt (the
    /// extraction it was made from is gone).
    pub fn previous(&self, extracted: Option<&Extracted>) -> Option<Previous> {
        match &self.claims {
            WrittenClaims::Extracted { subjects } => {
                // The file holds no claim of a person's, and merging reads nothing else from
                // a previous file but its hash: its claims need not be rebuilt.
                extracted.filter(|e| e.hash == self.hash && e.claims.len() == subjects.len())?;
                Some(Previous {
                    hash: self.hash.clone(),
                    claims: Vec::new(),
                    human: Vec::new(),
                })
            }
            WrittenClaims::Full { claims, human } => Some(Previous {
                hash: self.hash.clone(),
                claims: claims
                    .iter()
                    .map(|k| StoredClaim {
                        claim: k.claim.clone(),
                        status: k.status.clone(),
                        digest: k.digest.clone(),
                    })
                    .collect(),
                human: human.clone(),
            }),
        }
    }

    /// [`Written::holds`] for the extraction's own claims with these subjects.
    pub fn holds_extracted(&self, path: &str, hash: &str, subjects: &[String], extracted: &Extracted) -> bool {
        if self.path != path || self.hash != hash {
            return false;
        }
        match &self.claims {
            WrittenClaims::Extracted { subjects: theirs } => {
                extracted.hash == self.hash && theirs == subjects && subjects.len() == extracted.claims.len()
            }
            WrittenClaims::Full { .. } => self.holds(path, hash, &stored_with(extracted, subjects), extracted),
        }
    }

    /// Whether `stored`, for a source at `path` with article `hash`, is what the file holds
    /// (so that rendering it again would give the same bytes).
    pub fn holds(&self, path: &str, hash: &str, stored: &[StoredClaim], extracted: &Extracted) -> bool {
        if self.path != path || self.hash != hash {
            return false;
        }
        match &self.claims {
            WrittenClaims::Extracted { subjects } => {
                extracted.hash == self.hash
                    && stored.len() == subjects.len()
                    && stored.len() == extracted.claims.len()
                    && stored
                        .iter()
                        .zip(subjects)
                        .zip(extracted.claims.iter().zip(&extracted.digests))
                        .all(|((s, subject), (c, d))| {
                            s.status.is_none()
                                && s.digest.as_deref() == Some(d.as_str())
                                && s.claim.subject == *subject
                                && same_but_subject(&s.claim, c)
                        })
            }
            WrittenClaims::Full { claims, .. } => {
                claims.len() == stored.len()
                    && claims
                        .iter()
                        .zip(stored)
                        .all(|(k, s)| k.claim == s.claim && k.status == s.status && k.digest == s.digest)
            }
        }
    }
}

/// The cache of a workspace: entries by source id.
#[derive(Debug, Default)]
pub struct Cache {
    pub entries: HashMap<String, Entry>,
    /// The cache file's own modification time.
    pub saved: Option<(u64, u32)>,
    /// The file as read, and where each source's frame is in it (an entry that did not
    /// change is written back as these same bytes).
    raw: Vec<u8>,
    frames: HashMap<String, std::ops::Range<usize>>,
}

impl Cache {
    /// The encoded entry of a source, as read.
    pub fn frame(&self, id: &str) -> Option<&[u8]> {
        self.frame_in(&self.raw, id)
    }

    /// The encoded entry of a source in `raw`, the bytes this cache was decoded from.
    fn frame_in<'a>(&self, raw: &'a [u8], id: &str) -> Option<&'a [u8]> {
        self.frames.get(id).and_then(|r| raw.get(r.clone()))
    }
}

/// One source's entry to save: the same bytes as read, or a new entry.
pub enum Frame<'a> {
    Kept(&'a [u8]),
    New(Box<Entry>),
}

/// The header: format, build and event lexicon; a cache made under another is ignored.
pub fn header(lexicon_key: &str) -> String {
    format!(
        "{MAGIC} build={} lexicon={}\n",
        env!("CROSSCHECK_BUILD_ID"),
        lexicon_key
    )
}

pub fn path(workspace: &Path) -> PathBuf {
    workspace.join(DIR).join(FILE)
}

/// Loads the cache; any problem (missing, another build, damaged) gives an empty cache.
pub fn load(workspace: &Path, lexicon_key: &str) -> Cache {
    let file = path(workspace);
    let Ok(bytes) = std::fs::read(&file) else {
        return Cache::default();
    };
    let Some(mut cache) = decode(&bytes, &header(lexicon_key)) else {
        return Cache::default();
    };
    cache.saved = stat(&file).and_then(|(_, m)| m);
    cache.raw = bytes;
    cache
}

fn decode(bytes: &[u8], header: &str) -> Option<Cache> {
    let start = header.len();
    bytes.get(..start).filter(|h| *h == header.as_bytes())?;
    let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
    let mut at = start;
    while at < bytes.len() {
        let len = u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?) as usize;
        bytes.get(at + 4..at + 4 + len)?;
        ranges.push(at + 4..at + 4 + len);
        at += 4 + len;
    }
    let entries: Option<Vec<(String, Entry)>> = ranges
        .par_iter()
        .map(|r| rmp_serde::from_slice::<(String, Entry)>(&bytes[r.clone()]).ok())
        .collect();
    let mut entries = entries?;
    let frames = entries.iter().map(|(id, _)| id.clone()).zip(ranges).collect();
    // A copy's extraction is its twin's, re-keyed; when the twin's is gone or is of another
    // article now, the copy has none (and is extracted, or re-keyed from another copy).
    let at: HashMap<&str, usize> = entries
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (id.as_str(), i))
        .collect();
    let resolved: Vec<(usize, Extracted)> = entries
        .par_iter()
        .enumerate()
        .filter_map(|(i, (id, e))| {
            let (from, hash) = e.like.as_ref().filter(|_| e.extracted.is_none())?;
            let twin = entries[*at.get(from.as_str())?].1.extracted.as_ref()?;
            (twin.hash == *hash).then(|| (i, twin.rekeyed(from, id)))
        })
        .collect();
    drop(at);
    for (i, e) in resolved {
        entries[i].1.extracted = Some(e);
    }
    Some(Cache {
        entries: entries.into_iter().collect(),
        saved: None,
        raw: Vec::new(),
        frames,
    })
}

/// Writes the cache atomically, entries in the order given.
/// A new entry whose extraction is that of an article another new entry holds (the same
/// hash, the smallest source id) is saved as a reference to it.
pub fn save(workspace: &Path, lexicon_key: &str, entries: &[(&str, Frame<'_>)]) -> Result<()> {
    let mut holder: HashMap<&str, &str> = HashMap::new();
    for (id, f) in entries {
        if let Frame::New(e) = f {
            if let Some(x) = &e.extracted {
                let h = holder.entry(x.hash.as_str()).or_insert(id);
                if *id < *h {
                    *h = id;
                }
            }
        }
    }
    let frames: Vec<std::borrow::Cow<'_, [u8]>> = entries
        .par_iter()
        .map(|(id, f)| match f {
            Frame::Kept(bytes) => std::borrow::Cow::Borrowed(*bytes),
            Frame::New(e) => {
                let twin = e.extracted.as_ref().and_then(|x| {
                    holder
                        .get(x.hash.as_str())
                        .filter(|h| **h != *id)
                        .map(|h| (*h, x.hash.as_str()))
                });
                let saved = SavedEntry {
                    extracted: if twin.is_some() { None } else { e.extracted.as_ref() },
                    written: &e.written,
                    like: twin,
                };
                std::borrow::Cow::Owned(rmp_serde::to_vec_named(&(id, saved)).unwrap_or_default())
            }
        })
        .collect();
    let dir = workspace.join(DIR);
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let ignore = dir.join(".gitignore");
    if !ignore.exists() {
        crate::store::write_atomic(&ignore, b"# crosscheck's cache: safe to delete, never to commit\n*\n")?;
    }
    crate::store::write_output_with(&path(workspace), |w| {
        w.write_all(header(lexicon_key).as_bytes())?;
        for f in frames.iter().filter(|f| !f.is_empty()) {
            w.write_all(&(f.len() as u32).to_le_bytes())?;
            w.write_all(f)?;
        }
        Ok(())
    })
}

/// The wire-copy ratios' file, under the workspace.
pub fn ratios_path(workspace: &Path) -> PathBuf {
    workspace.join(DIR).join(RATIOS_FILE)
}

const RATIOS_FILE: &str = "wire-ratios";
const RATIOS_MAGIC: &str = "crosscheck-wire-ratios/2";

/// An article hash as the corpus writes it: 64 lowercase hex digits.
fn is_hash(h: &str) -> bool {
    h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Loads the word-diff ratios of candidate wire copies kept by the last run (see
/// [`crate::wire::Ratios`]); any problem (missing, another build, damaged) gives none.
/// Format: a header line, then one record per pair: the two article hashes (64 hex digits
/// each) and the ratio (`f32` bits, little-endian).
pub fn load_ratios(workspace: &Path) -> crate::wire::Ratios {
    let Ok(bytes) = std::fs::read(ratios_path(workspace)) else {
        return Default::default();
    };
    decode_ratios(&bytes, &ratios_header()).unwrap_or_default()
}

fn ratios_header() -> String {
    format!("{RATIOS_MAGIC} build={}\n", env!("CROSSCHECK_BUILD_ID"))
}

const RATIO_RECORD: usize = 64 + 64 + 4;

fn decode_ratios(bytes: &[u8], header: &str) -> Option<crate::wire::Ratios> {
    let body = bytes.strip_prefix(header.as_bytes())?;
    if body.len() % RATIO_RECORD != 0 {
        return None;
    }
    body.chunks_exact(RATIO_RECORD)
        .map(|r| {
            let a = std::str::from_utf8(&r[..64]).ok().filter(|h| is_hash(h))?;
            let b = std::str::from_utf8(&r[64..128]).ok().filter(|h| is_hash(h))?;
            let ratio = f32::from_le_bytes(r[128..].try_into().ok()?);
            Some(((a.to_string(), b.to_string()), ratio))
        })
        .collect()
}

/// Keeps the ratios a run used (in a fixed order), atomically.
pub fn save_ratios(workspace: &Path, ratios: &crate::wire::Ratios) -> Result<()> {
    let mut records: Vec<(&(String, String), &f32)> =
        ratios.iter().filter(|((a, b), _)| is_hash(a) && is_hash(b)).collect();
    records.sort_unstable_by(|x, y| x.0.cmp(y.0));
    let dir = workspace.join(DIR);
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    crate::store::write_output_with(&ratios_path(workspace), |w| {
        w.write_all(ratios_header().as_bytes())?;
        for ((a, b), r) in records {
            w.write_all(a.as_bytes())?;
            w.write_all(b.as_bytes())?;
            w.write_all(&r.to_le_bytes())?;
        }
        Ok(())
    })
}

/// The extraction's claims as stored, each with the subject given.
pub fn stored_with(extracted: &Extracted, subjects: &[String]) -> Vec<StoredClaim> {
    let mut claims = extracted.stored();
    for (c, subject) in claims.iter_mut().zip(subjects) {
        c.claim.subject.clone_from(subject);
    }
    claims
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn damaged_or_foreign_caches_are_empty() {
        let h = header("x");
        let entry = Entry::default();
        let frame = rmp_serde::to_vec_named(&("a", &entry)).unwrap();
        assert!(decode(&[h.as_bytes(), &frame].concat(), &h).is_none(), "no length");
        let mut good = h.clone().into_bytes();
        good.extend_from_slice(&(frame.len() as u32).to_le_bytes());
        good.extend_from_slice(&frame);
        assert_eq!(decode(&good, &h).unwrap().entries.len(), 1);
        // Another lexicon, a cut file, garbage.
        assert!(decode(&good, &header("y")).is_none());
        assert!(decode(&good[..good.len() - 1], &h).is_none());
        assert!(decode(b"nonsense", &h).is_none());
    }

    fn extracted(hash: &str) -> Extracted {
        Extracted {
            hash: hash.into(),
            sentences: vec![Span::new(0, 4)],
            claims: Vec::new(),
            digests: Vec::new(),
            triggers: Vec::new(),
            names: Vec::new(),
            within: Vec::new(),
        }
    }

    #[test]
    fn copies_are_saved_as_references_and_come_back_whole() {
        let dir = std::env::temp_dir().join(format!("crosscheck-cache-like-{}", std::process::id()));
        let new = |h: &str| {
            Frame::New(Box::new(Entry {
                extracted: Some(extracted(h)),
                ..Entry::default()
            }))
        };
        let entries = [("b", new("h1")), ("a", new("h1")), ("c", new("h2")), ("d", new("h1"))];
        save(&dir, "x", &entries).unwrap();
        let bytes = std::fs::read(path(&dir)).unwrap();
        let cache = decode(&bytes, &header("x")).unwrap();
        for (id, h) in [("a", "h1"), ("b", "h1"), ("c", "h2"), ("d", "h1")] {
            assert_eq!(
                cache.entries[id].extracted.as_ref().map(|e| e.hash.as_str()),
                Some(h),
                "{id}"
            );
        }
        // "a" (the smallest id) holds h1; "b" and "d" point at it, "c" holds its own.
        assert_eq!(cache.entries["a"].like, None);
        assert_eq!(cache.entries["b"].like, Some(("a".into(), "h1".into())));
        assert_eq!(cache.entries["c"].like, None);
        // The holder's article changed: its copies' frames no longer resolve.
        let kept: Vec<(&str, Frame)> = vec![
            ("a", new("h3")),
            ("b", Frame::Kept(cache.frame_in(&bytes, "b").unwrap())),
        ];
        save(&dir, "x", &kept).unwrap();
        let bytes = std::fs::read(path(&dir)).unwrap();
        let cache = decode(&bytes, &header("x")).unwrap();
        assert_eq!(cache.entries["a"].extracted.as_ref().unwrap().hash, "h3");
        assert_eq!(
            cache.entries["b"].extracted, None,
            "a stale reference gives no extraction"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn ratios_round_trip_and_damaged_files_give_none() {
        let dir = std::env::temp_dir().join(format!("crosscheck-ratios-{}", std::process::id()));
        let (a, b) = ("a".repeat(64), format!("{}1", "b".repeat(63)));
        let ratios: crate::wire::Ratios = [((a.clone(), b.clone()), 0.75f32), ((b, a), 0.125)]
            .into_iter()
            .collect();
        save_ratios(&dir, &ratios).unwrap();
        assert_eq!(load_ratios(&dir), ratios);
        let bytes = std::fs::read(ratios_path(&dir)).unwrap();
        let h = ratios_header();
        assert!(decode_ratios(&bytes[..bytes.len() - 1], &h).is_none(), "cut");
        assert!(
            decode_ratios(&bytes, "crosscheck-wire-ratios/2 build=other\n").is_none(),
            "another build"
        );
        let mut bad = bytes.clone();
        bad[h.len()] = b'z';
        assert!(decode_ratios(&bad, &h).is_none(), "not a hash");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
