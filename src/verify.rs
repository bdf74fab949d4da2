//! The whole job: load the corpus, extract mentions and claims per article, cluster
//! subjects, cross-check, apply the review, write `claims/` and `reports/`. The binary only
//! parses arguments and prints; everything else happens here.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use indicatif::{ParallelProgressIterator, ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::path::Path;

use crate::cache;
use crate::claims::{self, Claim};
use crate::corpus::{self, Source};
use crate::error::{Error, Result};
use crate::findings::{self, variants};
use crate::mentions::{self, Lexicon, Mention};
use crate::report::{html, json, markdown, Run};
use crate::review;
use crate::store;
use crate::subjects;
use crate::text::{self, Sentence};

/// Extraction for one source: sentences, mentions and claims.
pub struct Extracted {
    pub sentences: Vec<Sentence>,
    pub mentions: Vec<Mention>,
    pub extraction: claims::Extraction,
}

/// Runs the recognisers and claim assembly on one source.
pub fn extract(source: &Source, lexicon: &Lexicon) -> Extracted {
    let sentences = text::sentences(&source.text, source.body);
    let mentions = mentions::extract(source, &sentences, lexicon);
    let extraction = claims::assemble(source, &sentences, &mentions);
    Extracted {
        sentences,
        mentions,
        extraction,
    }
}

/// News text that reaches every recogniser (dateline, clock times with a conversion,
/// weekdays, dates, durations, counts, speakers, conduits, events, places, stances), run
/// through extraction once so that their regexes are compiled before they are needed.
const WARM_UP: &str =
    "---\npublished: 2016-03-03\n---\nBEIRUT, March 3 (Reuters) - At least 42 people were killed and more than \
100 wounded on Tuesday when a car bomb exploded near a market in the city of Homs, officials \
said. The ceasefire came into effect at 1:00 a.m. on Thursday (2200 GMT Wednesday) and will \
last 48 hours, the army command said in a statement carried by the state news agency SANA. \
\"We reject these lies,\" Foreign Minister Sergei Lavrov told reporters in Moscow, denying any \
responsibility for the air strike. The death toll rose to 57 by Friday evening, nearly two \
weeks after the earthquake of 7.8 magnitude struck northern Syria on 6 February 2023, \
according to the United Nations.\n";

/// Extracts [`WARM_UP`] (the result is thrown away).
fn warm_up(lexicon: &Lexicon) {
    let text = WARM_UP.to_string();
    let hash = corpus::hash_bytes(text.as_bytes());
    if let Ok(source) = corpus::parse_source("corpus/warm-up.md", "warm-up.md", text, hash) {
        let _ = extract_for_cache(&source, lexicon);
    }
}

/// The workspace's event lexicon: built-in plus `claims/events.yaml` if present.
pub fn lexicon(workspace: &Path) -> Result<Lexicon> {
    lexicon_with_key(workspace).map(|(l, _)| l)
}

/// The lexicon and a key that changes whenever the workspace's additions change (the
/// built-in part is in the build's fingerprint).
fn lexicon_with_key(workspace: &Path) -> Result<(Lexicon, String)> {
    let extra = workspace.join("claims").join("events.yaml");
    match std::fs::read_to_string(&extra) {
        Ok(text) => Ok((
            Lexicon::from_sources(&[
                ("events.yaml", include_str!("mentions/events.yaml")),
                ("claims/events.yaml", &text),
            ])?,
            corpus::hash_bytes(text.as_bytes())[..16].to_string(),
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok((Lexicon::builtin(), "builtin".into())),
        Err(e) => Err(Error::io(&extra, e)),
    }
}

/// Runs the job on a workspace and writes its outputs (claims files, reports, and the
/// extraction cache).
pub fn run(workspace: &Path) -> Result<Run> {
    let mut t = crate::timings::Stages::from_env();
    let Prepared {
        ready,
        states,
        json_keys,
        lexicon_key,
        cache: old_cache,
    } = prepare(workspace, &mut t)?;
    // Claims files (only those whose content is not already what the file holds) are
    // written while the findings are judged: neither needs the other, and judging is
    // mostly one thread's work. Meanwhile the previous report is read: on a large corpus
    // its blocks of unchanged sources are copied into the new one.
    let header = cache::header(&lexicon_key);
    let ((judged, old_blocks), written): ((Judged, _), Vec<Written<'_>>) = rayon::join(
        || rayon::join(|| judge(&ready), || crate::report::reuse::load(workspace, &header)),
        || {
            ready
                .corpus
                .sources
                .par_iter()
                .zip(states)
                .map(|(source, st)| write_claims(workspace, source, st, &old_cache))
                .collect()
        },
    );
    let (run, ratios) = ready.into_run(judged);
    let mut entries = Vec::with_capacity(written.len());
    let mut rewritten = 0;
    for w in written {
        let (n, e) = w?;
        rewritten += n;
        entries.push(e);
    }
    t.stage("findings, write claims");
    t.note(format_args!("{rewritten} claims files written"));
    let keys: HashMap<&str, &str> = json_keys.iter().map(|(id, k)| (id.as_str(), k.as_str())).collect();
    let keyed: Vec<(&str, cache::Frame)> = run.sources.iter().map(|s| s.id.as_str()).zip(entries).collect();
    // Each report is written as soon as it is rendered: report.json (on a large corpus
    // mostly copied blocks, and most of the bytes) is written, and its block index saved,
    // while the Markdown and HTML render; they and the extraction cache follow on the
    // other side. Writing a file is one thread's work in the kernel, so this keeps both
    // cores busy.
    let (json_done, others_done) = rayon::join(
        || -> Result<()> {
            let path = workspace.join("reports/report.json");
            let blocks = crate::report::json::write_reusing(&run, &path, &keys, old_blocks.as_ref())?;
            crate::report::reuse::save(workspace, &header, &blocks)
        },
        || -> Result<()> {
            for (path, bytes) in &other_reports(&run) {
                store::write_output_if_changed(&workspace.join(path), bytes)?;
            }
            cache::save(workspace, &lexicon_key, &keyed)?;
            cache::save_ratios(workspace, &ratios)
        },
    );
    json_done?;
    others_done?;
    drop(keys);
    std::thread::spawn(move || drop((old_blocks, json_keys)));
    t.stage("render and write reports, save cache");
    // The old cache and the new entries are freed off the critical path (a big corpus's
    // are millions of pieces). The entries borrow the old cache, so they are made owned
    // pieces first: a kept frame's bytes are the old cache's.
    let owned: Vec<Box<cache::Entry>> = keyed
        .into_iter()
        .filter_map(|(_, f)| match f {
            cache::Frame::New(e) => Some(e),
            cache::Frame::Kept(_) => None,
        })
        .collect();
    std::thread::spawn(move || drop((owned, old_cache, ratios)));
    // Every output is whole and in place: the temporary files of killed runs can go.
    crate::leftovers::clean(workspace);
    t.stage("clean leftovers");
    t.total();
    Ok(run)
}

/// What writing one source's claims file gives: files written (0 or 1) and its cache entry.
type Written<'a> = Result<(usize, cache::Frame<'a>)>;

/// Writes one source's claims file unless it already holds these claims; returns how many
/// files were written (0 or 1) and the source's cache entry.
fn write_claims<'a>(
    workspace: &Path,
    source: &Source,
    st: SourceState,
    old: &'a cache::Cache,
) -> Result<(usize, cache::Frame<'a>)> {
    let held = st.written.as_ref().is_some_and(|w| match &st.stored {
        Stored::Extracted { subjects } => w.holds_extracted(&source.path, &source.hash, subjects, &st.extracted),
        Stored::Merged(stored) => w.holds(&source.path, &source.hash, stored, &st.extracted),
    });
    if held {
        if let (true, Some(frame)) = (st.unchanged, old.frame(&source.id)) {
            return Ok((0, cache::Frame::Kept(frame)));
        }
        return Ok((
            0,
            cache::Frame::New(Box::new(cache::Entry {
                extracted: Some(st.extracted),
                written: st.written,
                like: None,
            })),
        ));
    }
    let stored = st.stored.claims(&st.extracted);
    let text = store::render(source, &stored)?;
    let path = store::claims_path(workspace, &source.id)?;
    store::write_if_changed(&path, text.as_bytes())?;
    let written = cache::Fingerprint::of_written(&path, text.as_bytes())
        .map(|f| cache::Written::new(source.path.clone(), source.hash.clone(), f, &stored, &st.extracted));
    drop(stored);
    Ok((
        1,
        cache::Frame::New(Box::new(cache::Entry {
            extracted: Some(st.extracted),
            written,
            like: None,
        })),
    ))
}

/// The report files a run writes, as (path under the workspace, bytes).
pub fn reports(run: &Run) -> Vec<(&'static str, Cow<'_, [u8]>)> {
    let (j, others) = rayon::join(|| json::rendered(run), || other_reports(run));
    let mut files = vec![("reports/report.json", Cow::Borrowed(j.as_bytes()))];
    files.extend(others);
    files
}

/// The readable reports (Markdown and HTML), side by side.
fn other_reports(run: &Run) -> [(&'static str, Cow<'static, [u8]>); 2] {
    let (m, h) = rayon::join(|| markdown::render(run), || html::render(run));
    [
        ("reports/report.md", Cow::Owned(m.into_bytes())),
        ("reports/report.html", Cow::Owned(h.into_bytes())),
    ]
}

/// `verify --check`: the unified diff of every report that differs from what the corpus
/// gives now (empty when the committed reports are current). Writes nothing.
pub fn check_reports(workspace: &Path, run: &Run) -> Vec<String> {
    let mut diffs = Vec::new();
    for (path, bytes) in reports(run) {
        let new = String::from_utf8_lossy(&bytes);
        let old = std::fs::read(workspace.join(path)).map(|b| String::from_utf8_lossy(&b).into_owned());
        let old = match old {
            Ok(o) => o,
            Err(_) => {
                diffs.push(format!("{path}: missing; `crosscheck verify` writes it\n"));
                continue;
            }
        };
        if old != new {
            let diff = similar::TextDiff::from_lines(old.as_str(), new.as_ref());
            diffs.push(
                diff.unified_diff()
                    .context_radius(2)
                    .header(&format!("a/{path}"), &format!("b/{path}"))
                    .to_string(),
            );
        }
    }
    diffs
}

/// A progress bar for extraction: drawn on a terminal for long runs, hidden otherwise (and
/// always hidden when stderr is not a terminal, so logs and CI output stay clean).
fn progress(len: usize) -> ProgressBar {
    use std::io::IsTerminal;
    if len < 500 || !std::io::stderr().is_terminal() {
        return ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::hidden());
    }
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) = ProgressStyle::with_template("extracting {bar:40} {pos}/{len} articles ({per_sec}, {eta})") {
        bar.set_style(style);
    }
    bar
}

/// Runs the job on a workspace without writing anything.
pub fn analyse(workspace: &Path) -> Result<Run> {
    let mut t = crate::timings::Stages::from_env();
    let Prepared { ready, .. } = prepare(workspace, &mut t)?;
    let judged = judge(&ready);
    t.stage("findings");
    Ok(ready.into_run(judged).0)
}

/// One source after merging: the claims to store when a person's are merged in (`None`:
/// the extraction's own), the claims used, and what merging warns of.
type Merged = (Option<Vec<store::StoredClaim>>, Vec<Claim>, Vec<corpus::Warning>);

/// A claim and the text of its sentence.
type ClaimAndSentence = (Claim, Option<Arc<str>>);

/// What a run knows of one source's claims between analysis and writing.
struct SourceState {
    /// What extraction gives for the article (fresh, or from the cache).
    extracted: cache::Extracted,
    /// What the cache knows the file holds, when the file is unchanged since the tool wrote it.
    written: Option<cache::Written>,
    /// Whether the source's cache entry stays as it was read (extraction and file both).
    unchanged: bool,
    /// The claims to store.
    stored: Stored,
}

/// The claims a source's file is to hold.
enum Stored {
    /// Exactly the extraction's claims (in its order, which is text order) with their
    /// digests, each with the subject given here: no person's edit is in play, and the
    /// claims are not copied until the file has to be written.
    Extracted { subjects: Vec<String> },
    /// Anything else (a person's claims merged in), in full.
    Merged(Vec<store::StoredClaim>),
}

impl Stored {
    /// The claims in full.
    fn claims<'a>(&'a self, extracted: &cache::Extracted) -> std::borrow::Cow<'a, [store::StoredClaim]> {
        match self {
            Stored::Extracted { subjects } => std::borrow::Cow::Owned(cache::stored_with(extracted, subjects)),
            Stored::Merged(claims) => std::borrow::Cow::Borrowed(claims),
        }
    }
}

/// The extraction of one article, in the form the cache keeps.
fn extract_for_cache(source: &Source, lexicon: &Lexicon) -> cache::Extracted {
    let mut ex = extract(source, lexicon);
    // Claims in text order, as the claims file holds them (see [`Stored::Extracted`]).
    ex.extraction.claims.sort_by(store::claim_text_order);
    let digests = ex.extraction.claims.iter().map(store::digest).collect();
    cache::Extracted {
        hash: source.hash.clone(),
        sentences: ex.sentences.iter().map(|s| s.span).collect(),
        names: variants::names_of(source, &ex.mentions),
        triggers: ex.extraction.triggers.iter().map(cache::TriggerRecord::from).collect(),
        within: ex.extraction.within,
        claims: ex.extraction.claims,
        digests,
    }
}

/// Extraction for the sources at `todo` (indices into `sources`), content-addressed: an
/// article whose bytes are those of another (a wire story saved twice, a copy in another
/// folder) is not extracted again but takes that extraction under its own id (see
/// [`cache::Extracted::rekeyed`]), whether the other was extracted in this run, is held by
/// the cache for a present source (`cached`), or for a source no longer in the corpus
/// (`leftover`). Each distinct article is extracted once, in parallel. Returns (index,
/// extraction, whether it was extracted itself), in the order of `todo`.
fn extract_distinct(
    sources: &[Source],
    todo: &[usize],
    cached: &[Option<cache::Extracted>],
    leftover: &HashMap<String, cache::Entry>,
    lexicon: &Lexicon,
) -> Vec<(usize, cache::Extracted, bool)> {
    // Extractions already at hand, by article hash, with the source id they are under. Any
    // one will do (re-keyed, they are all the same); the smallest id is taken so that the
    // choice is plainly deterministic.
    let mut known: HashMap<&str, (&str, &cache::Extracted)> = HashMap::new();
    let mut offers: Vec<(&str, &str, &cache::Extracted)> = sources
        .iter()
        .zip(cached)
        .filter_map(|(s, e)| e.as_ref().map(|e| (e.hash.as_str(), s.id.as_str(), e)))
        .chain(
            leftover
                .iter()
                .filter_map(|(id, entry)| entry.extracted.as_ref().map(|e| (e.hash.as_str(), id.as_str(), e))),
        )
        .collect();
    offers.sort_unstable_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    for (hash, id, e) in offers {
        known.entry(hash).or_insert((id, e));
    }
    // The first source (in `todo` order) of each article not at hand is extracted.
    let mut first: HashMap<&str, usize> = HashMap::new();
    let distinct: Vec<usize> = todo
        .iter()
        .copied()
        .filter(|&i| {
            let h = sources[i].hash.as_str();
            if known.contains_key(h) || first.contains_key(h) {
                return false;
            }
            first.insert(h, i);
            true
        })
        .collect();
    let own: HashMap<usize, cache::Extracted> = {
        let bar = progress(distinct.len());
        distinct
            .par_iter()
            .progress_with(bar)
            .map(|&i| (i, extract_for_cache(&sources[i], lexicon)))
            .collect()
    };
    todo.par_iter()
        .map(|&i| {
            let s = &sources[i];
            let h = s.hash.as_str();
            match first.get(h) {
                Some(&j) if j == i => (i, own[&i].clone(), true),
                Some(&j) => (i, own[&j].rekeyed(&sources[j].id, &s.id), false),
                None => {
                    let (from, e) = known[h];
                    (i, e.rekeyed(from, &s.id), false)
                }
            }
        })
        .collect()
}

/// A source's claims file as it is now: `Previous` (what parsing it gives) and, when the
/// file is unchanged since the tool wrote it, what the cache knows of it. A file the cache
/// does not vouch for is read and parsed, and an error if it does not parse.
fn claims_state(
    workspace: &Path,
    source: &Source,
    entry: Option<&cache::Entry>,
    cache_saved: Option<(u64, u32)>,
) -> Result<ClaimsState> {
    let path = store::claims_path(workspace, &source.id)?;
    let stat = match std::fs::metadata(&path) {
        Ok(meta) => Some(cache::stat_of(&meta)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((None, None, false)),
        Err(e) => return Err(Error::io(&path, e)),
    };
    let written = entry.and_then(|e| e.written.as_ref());
    let extracted = entry.and_then(|e| e.extracted.as_ref());
    if let (Some(w), Some(stat)) = (written, stat) {
        if w.file.matches_stat(stat, cache_saved) {
            if let Some(p) = w.previous(extracted) {
                return Ok((Some(p), Some(w.clone()), true));
            }
        }
    }
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((None, None, false)),
        Err(e) => return Err(Error::io(&path, e)),
    };
    if let Some(w) = written {
        if corpus::hash_bytes(&bytes) == w.file.hash {
            if let Some(p) = w.previous(extracted) {
                // The bytes are the tool's: from now on its time and length vouch for it.
                let mut w = w.clone();
                w.file = cache::Fingerprint::of_written(&path, &bytes).unwrap_or(w.file);
                return Ok((Some(p), Some(w), false));
            }
        }
    }
    let text = String::from_utf8(bytes).map_err(|_| {
        Error::io(
            &path,
            std::io::Error::new(std::io::ErrorKind::InvalidData, "stream did not contain valid UTF-8"),
        )
    })?;
    let file = store::parse(&format!("claims/{}.yaml", source.id), &text)?;
    Ok((Some(store::Previous::from_file(file)), None, false))
}

/// A claims file as it is now: what parsing it gives, what the cache knows it holds (when
/// the tool wrote it and nobody changed it since), and whether that knowledge was vouched
/// for by length and time alone (the cache entry stays as it was).
type ClaimsState = (Option<store::Previous>, Option<cache::Written>, bool);

/// What analysis hands on: the claims ready to be judged, each source's state for writing
/// its claims file, the lexicon's cache key and the cache as read.
struct Prepared {
    ready: Ready,
    states: Vec<SourceState>,
    /// Source id → the key its block of `report.json` is rendered under, for each source
    /// whose claims are its extraction's (see [`crate::report::reuse`]).
    json_keys: HashMap<String, String>,
    lexicon_key: String,
    cache: cache::Cache,
}

/// Everything the findings are judged from, and the run is made of.
struct Ready {
    corpus: corpus::Corpus,
    review: BTreeMap<String, Option<String>>,
    subjects: Vec<subjects::Subject>,
    claims: Vec<Claim>,
    sentences: Vec<Option<Arc<str>>>,
    changed: BTreeSet<String>,
    known_ratios: crate::wire::Ratios,
    /// The findings on names' variants (made from the extractions, which writing takes).
    variants: Vec<findings::Finding>,
}

/// What judging gives: the findings (reviewed and sorted), warnings of review notes that
/// match no finding, and the wire-copy ratios used.
struct Judged {
    findings: Vec<findings::Finding>,
    warnings: Vec<corpus::Warning>,
    ratios: crate::wire::Ratios,
}

/// Wire groups, findings, and the person's review notes put on them.
fn judge(r: &Ready) -> Judged {
    let (wires, ratios) = crate::wire::groups_with(&r.corpus.sources, &r.known_ratios);
    let mut findings = findings::check(&r.claims, &r.subjects, &r.corpus.sources, &wires);
    findings.extend(r.variants.iter().cloned());
    for f in &mut findings {
        if let Some(note) = r.review.get(&f.id) {
            f.acknowledged = true;
            f.note = note.clone();
        }
    }
    let warnings = review::unmatched(&r.review, findings.iter().map(|f| f.id.as_str()));
    findings::sort(&mut findings);
    findings.dedup_by(|a, b| a.id == b.id);
    Judged {
        findings,
        warnings,
        ratios,
    }
}

impl Ready {
    /// The run, and the wire-copy ratios to keep.
    fn into_run(self, judged: Judged) -> (Run, crate::wire::Ratios) {
        let mut corpus = self.corpus;
        corpus.warnings.extend(judged.warnings);
        let run = Run::new(
            corpus.sources,
            self.subjects,
            self.claims,
            judged.findings,
            corpus.warnings,
            self.sentences,
            self.changed,
        );
        (run, judged.ratios)
    }
}

fn prepare(workspace: &Path, t: &mut crate::timings::Stages) -> Result<Prepared> {
    // The event lexicon is read, and every recogniser's regexes compiled, on a thread of
    // their own while the corpus loads: a run that extracts one new article otherwise
    // spends most of its extraction compiling them.
    let ready = {
        let workspace = workspace.to_path_buf();
        std::thread::spawn(move || {
            let found = lexicon_with_key(&workspace);
            if let Ok((lexicon, _)) = &found {
                warm_up(lexicon);
            }
            found
        })
    };
    let mut corpus = corpus::load(workspace)?;
    t.stage("load corpus");
    let review = review::load(workspace)?;
    let (lexicon, lexicon_key) = ready.join().unwrap_or_else(|e| std::panic::resume_unwind(e))?;
    let mut cache = cache::load(workspace, &lexicon_key);
    let known_ratios = cache::load_ratios(workspace);
    t.stage("load cache");
    // Claims files that exist must parse before anything is written (the first bad one, in
    // source order, is the error).
    let previous: Vec<Result<ClaimsState>> = corpus
        .sources
        .par_iter()
        .map(|s| claims_state(workspace, s, cache.entries.get(&s.id), cache.saved))
        .collect();
    type Known = (Option<cache::Written>, bool);
    let (previous, known): (Vec<Option<store::Previous>>, Vec<Known>) = previous
        .into_iter()
        .collect::<Result<Vec<_>>>()?
        .into_iter()
        .map(|(p, w, trusted)| (p, (w, trusted)))
        .unzip();
    t.stage("read claims files");
    let changed: BTreeSet<String> = corpus
        .sources
        .iter()
        .zip(&previous)
        .filter(|(s, p)| p.as_ref().is_none_or(|p| p.hash != s.hash))
        .map(|(s, _)| s.id.clone())
        .collect();
    // Extraction, for the articles the cache does not hold as they are now.
    let mut cached: Vec<Option<cache::Extracted>> = corpus
        .sources
        .iter()
        .map(|s| {
            cache
                .entries
                .remove(&s.id)
                .and_then(|e| e.extracted)
                .filter(|e| e.hash == s.hash)
        })
        .collect();
    let todo: Vec<usize> = (0..cached.len()).filter(|&i| cached[i].is_none()).collect();
    let fresh = extract_distinct(&corpus.sources, &todo, &cached, &cache.entries, &lexicon);
    t.note(format_args!(
        "{} of {} articles extracted ({} distinct: byte-identical copies share one extraction)",
        fresh.len(),
        corpus.sources.len(),
        fresh.iter().filter(|(_, _, own)| *own).count(),
    ));
    let fresh = fresh.into_iter().map(|(i, e, _)| (i, e));
    let mut from_cache = vec![true; cached.len()];
    for (i, e) in fresh {
        cached[i] = Some(e);
        from_cache[i] = false;
    }
    let extracted: Vec<cache::Extracted> = cached.into_iter().map(|e| e.expect("every source extracted")).collect();
    t.stage("extract");
    // A person's edits in the claims files win over what was just extracted.
    // Without a person's claim in the previous file the claims are the extraction's (which
    // is in text order), used as they are.
    let merged: Vec<Merged> = corpus
        .sources
        .par_iter()
        .zip(&extracted)
        .zip(previous)
        .map(|((source, ex), prev)| {
            let mut warnings = Vec::new();
            let (keep, mut used) = match prev {
                Some(p) if p.human.iter().any(|&h| h) => {
                    let (keep, used) = store::merge_stored(source, ex.stored(), Some(p), &mut warnings);
                    (Some(keep), used)
                }
                _ => (None, ex.claims.clone()),
            };
            for c in &mut used {
                c.sentence = ex
                    .sentences
                    .partition_point(|s| s.end <= c.span.start)
                    .min(ex.sentences.len().saturating_sub(1));
            }
            (keep, used, warnings)
        })
        .collect();
    let mut stored: Vec<Option<Vec<store::StoredClaim>>> = Vec::with_capacity(merged.len());
    let mut extractions: Vec<claims::Extraction> = Vec::with_capacity(merged.len());
    for ((keep, used, warnings), ex) in merged.into_iter().zip(&extracted) {
        corpus.warnings.extend(warnings);
        stored.push(keep);
        extractions.push(claims::Extraction {
            claims: used,
            triggers: ex.triggers.iter().map(claims::Trigger::from).collect(),
            within: ex.within.clone(),
        });
    }
    t.stage("merge");
    let subjects = subjects::cluster(&corpus.sources, &mut extractions);
    t.stage("subjects");
    // Every sentence of each distinct article, whitespace collapsed: copies of one article
    // share them.
    let mut first_of_hash: HashMap<&str, usize> = HashMap::new();
    for (i, s) in corpus.sources.iter().enumerate() {
        first_of_hash.entry(s.hash.as_str()).or_insert(i);
    }
    let firsts: Vec<(&str, usize)> = first_of_hash.into_iter().collect();
    let collapsed_of: HashMap<&str, Vec<Arc<str>>> = firsts
        .par_iter()
        .map(|&(hash, i)| {
            let text = &corpus.sources[i].text;
            let sentences = extracted[i]
                .sentences
                .iter()
                .map(|span| span.text(text).split_whitespace().collect::<Vec<_>>().join(" ").into())
                .collect();
            (hash, sentences)
        })
        .collect();
    // Subjects into the stored claims; every claim's sentence.
    let (per_source, stored): (Vec<Vec<ClaimAndSentence>>, Vec<Stored>) = corpus
        .sources
        .par_iter()
        .zip(extractions)
        .zip(stored)
        .map(|((source, ex), keep)| {
            let stored = match keep {
                None => Stored::Extracted {
                    subjects: ex.claims.iter().map(|c| c.subject.clone()).collect(),
                },
                Some(mut keep) => {
                    let subject_of: HashMap<&str, &str> =
                        ex.claims.iter().map(|c| (c.id.as_str(), c.subject.as_str())).collect();
                    for k in keep.iter_mut() {
                        if let Some(subject) = subject_of.get(k.claim.id.as_str()) {
                            if k.claim.subject != *subject {
                                k.claim.subject = subject.to_string();
                            }
                        }
                    }
                    Stored::Merged(keep)
                }
            };
            let collapsed = collapsed_of.get(source.hash.as_str()).map_or(&[][..], Vec::as_slice);
            let claims = ex
                .claims
                .into_iter()
                .map(|c| {
                    let sentence = collapsed.get(c.sentence).cloned();
                    (c, sentence)
                })
                .collect();
            (claims, stored)
        })
        .unzip();
    // Claims sorted by id: ids are `<source id>:<span>` and source ids hold no `:`, so the
    // order is the sources' by `<id>:`, then each source's own claims by id.
    let mut per_source = per_source;
    per_source
        .par_iter_mut()
        .for_each(|v| v.sort_by(|a, b| a.0.id.cmp(&b.0.id)));
    let mut order: Vec<(String, usize)> = corpus
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| (format!("{}:", s.id), i))
        .collect();
    order.sort();
    let mut slots: Vec<Option<Vec<ClaimAndSentence>>> = per_source.into_iter().map(Some).collect();
    let total: usize = slots.iter().flatten().map(Vec::len).sum();
    let (mut all_claims, mut sentences_of) = (Vec::with_capacity(total), Vec::with_capacity(total));
    for (_, i) in order {
        for (c, sentence) in slots[i].take().unwrap_or_default() {
            all_claims.push(c);
            sentences_of.push(sentence);
        }
    }
    debug_assert!(all_claims.windows(2).all(|w| w[0].id <= w[1].id));
    t.stage("collect claims");
    let variants = variants::check_names(extracted.iter().map(|e| e.names.as_slice()));
    t.stage("variants");
    let states = extracted
        .into_iter()
        .zip(known)
        .zip(stored)
        .zip(from_cache)
        .map(|(((extracted, (written, trusted)), stored), from_cache)| SourceState {
            extracted,
            written,
            unchanged: trusted && from_cache,
            stored,
        })
        .collect::<Vec<SourceState>>();
    let json_keys = corpus
        .sources
        .iter()
        .zip(&states)
        .filter_map(|(source, st): (&Source, &SourceState)| match &st.stored {
            Stored::Extracted { subjects } => Some((
                source.id.clone(),
                crate::report::reuse::key(&source.id, &source.hash, subjects.iter().map(String::as_str)),
            )),
            Stored::Merged(_) => None,
        })
        .collect();
    Ok(Prepared {
        json_keys,
        ready: Ready {
            corpus,
            review,
            subjects,
            claims: all_claims,
            sentences: sentences_of,
            changed,
            known_ratios,
            variants,
        },
        states,
        lexicon_key,
        cache,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The warm-up text reaches every kind of recogniser and the claim rules (else its
    /// regexes would still be compiled on the first real article).
    #[test]
    fn the_warm_up_text_reaches_every_recogniser() {
        let text = WARM_UP.to_string();
        let hash = corpus::hash_bytes(text.as_bytes());
        let source = corpus::parse_source("corpus/warm-up.md", "warm-up.md", text, hash).unwrap();
        let ex = extract(&source, &Lexicon::builtin());
        let kinds: BTreeSet<&str> = ex.mentions.iter().map(|m| m.value.kind()).collect();
        for kind in ["time", "duration", "quantity", "speaker", "event", "entity", "stance"] {
            assert!(kinds.contains(kind), "no {kind} mention in {kinds:?}");
        }
        let properties: BTreeSet<&str> = ex.extraction.claims.iter().map(|c| c.property.as_str()).collect();
        for p in ["deaths", "injured", "start", "duration"] {
            assert!(properties.contains(p), "no {p} claim in {properties:?}");
        }
        assert!(ex
            .extraction
            .claims
            .iter()
            .any(|c| c.speaker.is_some() && c.conduit.is_some()));
    }

    /// An article's extraction, re-keyed to another source id, is exactly what extracting
    /// the same bytes under that id gives (what content-addressed extraction relies on).
    #[test]
    fn a_rekeyed_extraction_is_the_copys_own() {
        let lexicon = Lexicon::builtin();
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut seen = 0;
        for e in std::fs::read_dir(dir).unwrap() {
            let path = e.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            // Without its `id:` line the id comes from the path, so one text has two ids.
            let text: String = String::from_utf8(bytes)
                .unwrap()
                .lines()
                .filter(|l| !l.starts_with("id:"))
                .map(|l| format!("{l}\n"))
                .collect();
            let load = |rel_corpus: &str| {
                corpus::read_article(
                    &format!("corpus/{rel_corpus}"),
                    rel_corpus,
                    text.as_bytes(),
                    &mut Vec::new(),
                )
                .unwrap()
                .unwrap()
            };
            let (a, b) = (load(&name), load(&format!("wire/copy-{name}")));
            assert_ne!(a.id, b.id);
            let (ea, eb) = (extract_for_cache(&a, &lexicon), extract_for_cache(&b, &lexicon));
            assert!(!ea.claims.is_empty(), "{name} gives claims");
            assert_ne!(ea, eb, "the source id is in the extraction");
            assert_eq!(ea.rekeyed(&a.id, &b.id), eb, "{name}");
            seen += 1;
        }
        assert!(seen >= 3, "the seed articles were read");
    }
}
