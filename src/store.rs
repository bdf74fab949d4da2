//! The claims store, `claims/<source id>.yaml`: one file per source with the hash of the
//! article it came from and every claim with its quote, place, value, speaker and rule. It
//! is where a person reviews extraction, so it must never lose their work:
//!
//! - each claim the tool writes carries a `digest` of its own content; a claim whose content
//!   no longer matches its digest was edited by a person and is kept as they left it;
//! - `status: rejected` removes a wrong claim from the cross-check (it stays in the file, so
//!   the rejection outlives re-extraction); a claim without a digest is one a person added;
//! - when the article changes, human claims are moved to where their quote now stands, and
//!   reported (kept in the file, not used) where the quote is gone.
//!
//! Files are written atomically, only when their bytes change, and a file that cannot be
//! parsed is reported with its line and never overwritten.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::claims::Claim;
use crate::corpus::{validate_id, Source, Warning};
use crate::error::{Error, Result};
use crate::span::Span;

/// One source's claims file.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ClaimsFile {
    pub source: String,
    pub path: String,
    /// SHA-256 of the article the claims came from.
    pub hash: String,
    pub claims: Vec<StoredClaim>,
}

/// A claim as the file holds it: the claim plus the marks that tell a person's edits apart.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct StoredClaim {
    #[serde(flatten)]
    pub claim: Claim,
    /// `rejected` when a person has rejected the claim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Fingerprint of the claim as the tool wrote it; absent on claims a person added.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digest: Option<String>,
}

impl StoredClaim {
    /// Whether a person wrote or changed this claim.
    pub fn is_human(&self) -> bool {
        self.status.is_some() || self.digest.as_deref() != Some(digest(&self.claim).as_str())
    }

    pub fn is_rejected(&self) -> bool {
        self.status.as_deref() == Some("rejected")
    }
}

/// The fingerprint of what a person may edit in a claim (not the subject, which the tool
/// reassigns as other articles arrive).
pub fn digest(c: &Claim) -> String {
    let v = serde_json::json!([c.text, c.span, c.property, c.value, c.speaker, c.conduit, c.rule]);
    let h = Sha256::digest(v.to_string().as_bytes());
    h.iter().take(6).map(|b| format!("{b:02x}")).collect()
}

/// Where a source's claims live; the id was validated when the source was loaded, and is
/// checked again here so that no id can name a path outside `claims/`.
pub fn claims_path(workspace: &Path, id: &str) -> Result<PathBuf> {
    validate_id(id).map_err(|why| Error::Usage(format!("refusing to write claims for source id {id:?}: {why}")))?;
    Ok(workspace.join("claims").join(format!("{id}.yaml")))
}

/// Reads an existing claims file, if there is one.
pub fn read(workspace: &Path, id: &str) -> Result<Option<ClaimsFile>> {
    let path = claims_path(workspace, id)?;
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::io(&path, e)),
    };
    parse(&format!("claims/{id}.yaml"), &text).map(Some)
}

/// Parses a claims file's text; `rel` names it in errors.
pub fn parse(rel: &str, text: &str) -> Result<ClaimsFile> {
    let file: ClaimsFile = serde_yaml::from_str(text).map_err(|e| {
        Error::input(
            rel,
            e.location().map(|l| l.line()),
            format!("claims file: {e} (the file was left as it is)"),
        )
    })?;
    // The n-th `status:` line of the text belongs to the n-th claim that has a status.
    for (n, c) in file.claims.iter().filter(|c| c.status.is_some()).enumerate() {
        let s = c.status.as_deref().unwrap_or_default();
        if s != "rejected" {
            let line = text.match_indices("status:").nth(n).map(|(at, _)| line_of(text, at));
            return Err(Error::input(
                rel,
                line,
                format!("claims file: unknown status {s:?} (the only status is `rejected`)"),
            ));
        }
    }
    Ok(file)
}

fn line_of(text: &str, at: usize) -> usize {
    text[..at].bytes().filter(|&b| b == b'\n').count() + 1
}

/// A source's previous claims file, as parsed (or as the cache remembers writing it), with
/// which of its claims are a person's.
#[derive(Clone, Debug, PartialEq)]
pub struct Previous {
    /// The article hash the file records.
    pub hash: String,
    pub claims: Vec<StoredClaim>,
    /// `human[i]`: whether `claims[i]` was written or changed by a person.
    pub human: Vec<bool>,
}

impl Previous {
    pub fn from_file(file: ClaimsFile) -> Self {
        let human = file.claims.iter().map(StoredClaim::is_human).collect();
        Previous {
            hash: file.hash,
            claims: file.claims,
            human,
        }
    }
}

/// Claims as the tool writes them: each with the digest of its content.
pub fn with_digests(extracted: Vec<Claim>) -> Vec<StoredClaim> {
    extracted
        .into_iter()
        .map(|c| StoredClaim {
            digest: Some(digest(&c)),
            claim: c,
            status: None,
        })
        .collect()
}

/// Merges the claims just extracted from `source` with a person's edits from its previous
/// claims file. Returns the claims to store (rejections kept) and the claims to use.
pub fn merge(
    source: &Source,
    extracted: Vec<Claim>,
    previous: Option<ClaimsFile>,
    warnings: &mut Vec<Warning>,
) -> (Vec<StoredClaim>, Vec<Claim>) {
    merge_stored(
        source,
        with_digests(extracted),
        previous.map(Previous::from_file),
        warnings,
    )
}

/// Claims in text order: by place, then property (a stable sort keeps the order claims at
/// one place were made in).
fn text_order(a: &StoredClaim, b: &StoredClaim) -> std::cmp::Ordering {
    claim_text_order(&a.claim, &b.claim)
}

/// [`text_order`] for claims.
pub fn claim_text_order(a: &Claim, b: &Claim) -> std::cmp::Ordering {
    let key = |c: &Claim| (c.span.start, c.span.end);
    key(a).cmp(&key(b)).then_with(|| a.property.cmp(&b.property))
}

/// [`merge`] with the fresh claims' digests already made and the previous file's human
/// claims already known (the extraction cache keeps both).
pub fn merge_stored(
    source: &Source,
    fresh: Vec<StoredClaim>,
    previous: Option<Previous>,
    warnings: &mut Vec<Warning>,
) -> (Vec<StoredClaim>, Vec<Claim>) {
    let mut stored = fresh;
    // Claims in text order (stable: claims at one place keep the order they were made in),
    // whether or not there was a previous file.
    stored.sort_by(text_order);
    let Some(previous) = previous else {
        let used = stored.iter().map(|s| s.claim.clone()).collect();
        return (stored, used);
    };
    let changed = previous.hash != source.hash;
    let rel = format!("claims/{}.yaml", source.id);
    let mut unmatched = Vec::new();
    let humans = previous
        .claims
        .into_iter()
        .zip(previous.human)
        .filter_map(|(c, human)| human.then_some(c));
    for mut h in humans {
        // Where the quote stands now.
        let old = h.claim.span;
        let still_there =
            !h.claim.text.is_empty() && source.text.get(old.start..old.end) == Some(h.claim.text.as_str());
        let span = if still_there {
            Some(old)
        } else {
            locate(&source.text, &h.claim.text, old.start)
        };
        let Some(span) = span else {
            warnings.push(Warning {
                path: rel.clone(),
                message: format!(
                    "{} claim {:?} no longer matches {}; kept in the file, not used",
                    if h.digest.is_none() { "added" } else { "edited" },
                    h.claim.text,
                    if changed { "the changed article" } else { "the article" }
                ),
            });
            unmatched.push(h);
            continue;
        };
        h.claim.span = span;
        h.claim.source = source.id.clone();
        h.claim.id = format!("{}:{}-{}", source.id, span.start, span.end);
        if h.claim.rule.is_empty() {
            h.claim.rule = "human".into();
        }
        // The edit replaces what the tool extracted at the same place.
        stored.retain(|s| s.claim.span != span);
        stored.push(h);
    }
    stored.sort_by(text_order);
    let used = stored
        .iter()
        .filter(|s| !s.is_rejected())
        .map(|s| s.claim.clone())
        .collect();
    stored.extend(unmatched);
    (stored, used)
}

/// The occurrence of `quote` in `text` nearest to where it used to be.
fn locate(text: &str, quote: &str, near: usize) -> Option<Span> {
    if quote.is_empty() {
        return None;
    }
    text.match_indices(quote)
        .min_by_key(|(at, _)| at.abs_diff(near))
        .map(|(at, q)| Span::new(at, at + q.len()))
}

/// Renders a source's claims file.
pub fn render(source: &Source, claims: &[StoredClaim]) -> Result<String> {
    let file = FileRef {
        source: &source.id,
        path: &source.path,
        hash: &source.hash,
        claims,
    };
    let yaml = yaml_of(&file)?;
    Ok(format!(
        "# Claims crosscheck extracted from {}.\n\
         # Review them here: correct a value, mark a wrong claim `status: rejected`, or add one it\n\
         # missed (text: the exact quote, property, value). Edited claims are kept on re-runs.\n{yaml}",
        source.path
    ))
}

/// A [`ClaimsFile`] borrowed, to serialise (the same fields in the same order).
#[derive(Serialize)]
struct FileRef<'a> {
    source: &'a str,
    path: &'a str,
    hash: &'a str,
    claims: &'a [StoredClaim],
}

/// The claims file's YAML: [`crate::yaml`]'s fast writer, or serde_yaml for what it does not
/// support (the same bytes either way).
fn yaml_of(file: &FileRef<'_>) -> Result<String> {
    match crate::yaml::to_string(file) {
        Some(y) => Ok(y),
        None => serde_yaml::to_string(file).map_err(|e| Error::Usage(format!("cannot serialise claims: {e}"))),
    }
}

/// Writes a source's claims file, only if its content changed.
pub fn write(workspace: &Path, source: &Source, claims: &[StoredClaim]) -> Result<()> {
    let text = render(source, claims)?;
    write_if_changed(&claims_path(workspace, &source.id)?, text.as_bytes())
}

/// Writes a file atomically unless it already holds exactly these bytes.
pub fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<()> {
    if holds(path, bytes) {
        return Ok(());
    }
    write_atomic(path, bytes)
}

/// Whether the file holds exactly `bytes` (length first, then the bytes a block at a time,
/// so that a report of hundreds of megabytes is not read whole to find it unchanged).
fn holds(path: &Path, bytes: &[u8]) -> bool {
    holds_pieces(path, &[bytes])
}

/// [`holds`] for content given as pieces in order.
fn holds_pieces(path: &Path, pieces: &[&[u8]]) -> bool {
    use std::io::Read;
    let Ok(mut f) = std::fs::File::open(path) else {
        return false;
    };
    let len: usize = pieces.iter().map(|p| p.len()).sum();
    if f.metadata().map(|m| m.len()).ok() != Some(len as u64) {
        return false;
    }
    let mut rest = pieces.iter().copied().filter(|p| !p.is_empty());
    let mut piece: &[u8] = rest.next().unwrap_or_default();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let mut read = match f.read(&mut buf) {
            Ok(0) => return piece.is_empty() && rest.next().is_none(),
            Ok(n) => &buf[..n],
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => return false,
        };
        while !read.is_empty() {
            if piece.is_empty() {
                match rest.next() {
                    Some(p) => piece = p,
                    None => return false,
                }
            }
            let n = piece.len().min(read.len());
            if piece[..n] != read[..n] {
                return false;
            }
            piece = &piece[n..];
            read = &read[n..];
        }
    }
}

/// [`write_output_if_changed`] for content given as pieces in order (written through a
/// buffer, never put together whole).
pub fn write_pieces_if_changed(path: &Path, pieces: &[&[u8]]) -> Result<()> {
    if holds_pieces(path, pieces) {
        return Ok(());
    }
    write_output_with(path, |w| pieces.iter().try_for_each(|p| w.write_all(p)))
}

/// How a written temporary file takes its target's place.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Replace {
    /// A plain rename over the target. On ext4 this also starts the new file's writeback
    /// (`auto_da_alloc`), so that a power cut leaves the old content or the new, never an
    /// empty file: right for files a person edits (claims files, `review.yaml`).
    Rename,
    /// For outputs the tool can always regenerate (reports, the cache): where the target
    /// exists, the two files are swapped atomically (`renameat2` with `RENAME_EXCHANGE`) and
    /// the old content, now under the temporary name, is removed. Readers see the old file
    /// or the new one whole, as with a rename, but the kernel is not made to write back a
    /// report of a hundred megabytes before the run can go on; after a power cut the file
    /// may be empty, and the next run writes it again. Elsewhere, a plain rename.
    Exchange,
}

/// Writes a regenerable output ([`Replace::Exchange`]) atomically unless it already holds
/// exactly these bytes.
pub fn write_output_if_changed(path: &Path, bytes: &[u8]) -> Result<()> {
    if holds(path, bytes) {
        return Ok(());
    }
    write_through(path, false, Replace::Exchange, |f| f.write_all(bytes))
}

/// [`write_output_if_changed`] without the comparison, the content written by `fill`.
pub fn write_output_with(path: &Path, fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<()> {
    write_through(path, true, Replace::Exchange, fill)
}

/// Writes a file through a temporary file in the same folder and a rename, so that a run
/// killed mid-way leaves the old file whole (the temporary file it leaves is removed by a
/// later run, [`crate::leftovers`]). (No fsync: the rename is atomic against a
/// killed process, which is the promise; syncing every claims file made big runs disk-bound.)
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_through(path, false, Replace::Rename, |f| f.write_all(bytes))
}

/// [`write_atomic`], the content written by `fill` (so that a large file need not be put
/// together in memory first).
pub fn write_atomic_with(path: &Path, fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<()> {
    write_through(path, true, Replace::Rename, fill)
}

/// The temporary file and the rename, the content written through a megabyte's buffer when
/// `buffered` (bytes already whole in memory need none: a claims file's megabyte buffer was
/// much of the cost of writing tens of thousands of them).
fn write_through(
    path: &Path,
    buffered: bool,
    replace: Replace,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    static PID: std::sync::OnceLock<u32> = std::sync::OnceLock::new();
    let tmp = dir.join(crate::leftovers::temporary_name(
        &name,
        *PID.get_or_init(std::process::id),
    ));
    // The folder is made only when the file cannot be created without it: a run writing
    // tens of thousands of claims files into folders that exist saves two system calls a
    // file.
    let file = match std::fs::File::create(&tmp) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
            std::fs::File::create(&tmp)
        }
        other => other,
    };
    let result = (|| {
        let file = file?;
        if !buffered {
            let mut f = file;
            fill(&mut f)?;
        } else {
            let mut f = std::io::BufWriter::with_capacity(1 << 20, file);
            fill(&mut f)?;
            f.into_inner().map_err(|e| e.into_error())?;
        }
        if replace == Replace::Exchange && exchange(&tmp, path) {
            // The new content is in place and the old is under the temporary name. Should
            // removing it fail, `leftovers` removes it later, like any temporary file.
            let _ = std::fs::remove_file(&tmp);
            return Ok(());
        }
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::io(path, e));
    }
    Ok(())
}

/// Swaps two existing files atomically; false (nothing done) where the target does not
/// exist or the system or filesystem cannot, and the caller renames instead.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let (Ok(a), Ok(b)) = (
        std::ffi::CString::new(a.as_os_str().as_bytes()),
        std::ffi::CString::new(b.as_os_str().as_bytes()),
    ) else {
        return false;
    };
    // SAFETY: both are NUL-terminated paths that live across the call; renameat2 reads them
    // and touches no memory of ours.
    unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        ) == 0
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_paths_stay_inside() {
        let ws = Path::new("/ws");
        assert_eq!(claims_path(ws, "a/b").unwrap(), Path::new("/ws/claims/a/b.yaml"));
        assert!(claims_path(ws, "../evil").is_err());
        assert!(claims_path(ws, "/etc/x").is_err());
    }

    #[test]
    fn a_file_holds_pieces_only_when_they_are_its_bytes_in_order() {
        let dir = std::env::temp_dir().join(format!("crosscheck-pieces-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("r.json");
        // More than the comparison's one-megabyte block, so pieces straddle reads.
        let big: Vec<u8> = (0..(3 << 20) / 2).map(|i| (i % 251) as u8).collect();
        let (a, b) = big.split_at(700_001);
        std::fs::write(&p, &big).unwrap();
        assert!(holds_pieces(&p, &[a, b]));
        assert!(holds_pieces(&p, &[b"", a, b"", b, b""]));
        assert!(!holds_pieces(&p, &[b, a]), "same length, other order");
        assert!(!holds_pieces(&p, &[a]), "a prefix");
        let mut changed = b.to_vec();
        *changed.last_mut().unwrap() ^= 1;
        assert!(!holds_pieces(&p, &[a, &changed]), "the last byte differs");
        assert!(!holds_pieces(&dir.join("missing"), &[]));
        // Written when they differ, left alone (same modification time) when they do not.
        write_pieces_if_changed(&p, &[b"{\"x\":", b"1}"]).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"{\"x\":1}");
        let before = std::fs::metadata(&p).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        write_pieces_if_changed(&p, &[b"{\"x\"", b":1}"]).unwrap();
        assert_eq!(std::fs::metadata(&p).unwrap().modified().unwrap(), before);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn atomic_write_replaces_whole_file() {
        let dir = std::env::temp_dir().join(format!("crosscheck-store-{}", std::process::id()));
        let p = dir.join("x.yaml");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        let leftovers: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
            .collect();
        assert!(leftovers.is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// An output written by exchange: the first write creates it (no target to swap with),
    /// the second replaces it whole, a write of the same bytes leaves the file alone (same
    /// inode), and no temporary file (the old content after the swap) is left behind.
    #[cfg(unix)]
    #[test]
    fn output_write_replaces_whole_file_and_leaves_no_temporary() {
        use std::os::unix::fs::MetadataExt;
        let dir = std::env::temp_dir().join(format!("crosscheck-output-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let p = dir.join("report.json");
        write_output_if_changed(&p, b"first, longer content").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"first, longer content");
        write_output_if_changed(&p, b"second").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"second");
        let ino = std::fs::metadata(&p).unwrap().ino();
        write_output_if_changed(&p, b"second").unwrap();
        assert_eq!(std::fs::metadata(&p).unwrap().ino(), ino);
        write_output_with(&p, |w| w.write_all(b"third")).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"third");
        let names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["report.json"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn quotes_are_found_nearest_their_old_place() {
        let t = "one two one two";
        assert_eq!(locate(t, "two", 12), Some(Span::new(12, 15)));
        assert_eq!(locate(t, "two", 0), Some(Span::new(4, 7)));
        assert_eq!(locate(t, "three", 0), None);
    }

    /// The fast writer gives serde_yaml's bytes on every claims file of the seeds, and on
    /// the same files with hostile strings put into every string field.
    #[test]
    fn claims_files_render_as_serde_yaml_does() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("claims");
        let hostile = [
            "",
            " ",
            "a ",
            " a",
            "'",
            "''",
            "it's",
            "\"quoted\"",
            "null",
            "Null",
            "~",
            "true",
            "FALSE",
            "yes",
            "no",
            "0",
            "007",
            "-007",
            "+7",
            "1e5",
            "1.5",
            "-.inf",
            ".NaN",
            "nan",
            "inf",
            "0x1F",
            "-0x1F",
            "0o17",
            "0b101",
            "+0x1",
            "12:30",
            "a: b",
            "a:b",
            "a #b",
            "a#b",
            "#a",
            "- a",
            "-a",
            "-",
            "--- a",
            "...",
            "? a",
            "?a",
            ":a",
            ": a",
            "a:",
            "[a]",
            "{a}",
            "a, b",
            "&a",
            "*a",
            "!a",
            "|a",
            ">a",
            "%a",
            "@a",
            "`a",
            "caf\u{e9}",
            "\u{a0}lead",
            "\u{feff}bom",
            "\u{85}nel",
            "tab\there",
            "line\nbreak",
            "cr\rhere",
            "\u{2028}ls",
            "\u{1F600} smile",
            "\u{7f}del",
            "\u{fffe}",
            "back\\slash",
            "2016-09-12",
            "2016-09-12T10:00:00+02:00",
            "PT48H",
            "8a29e5961f7f",
            "123456789012",
            "1234e5678901",
        ];
        let mut seen = 0;
        for e in std::fs::read_dir(dir).unwrap() {
            let path = e.unwrap().path();
            if path.extension().and_then(|x| x.to_str()) != Some("yaml") || path.ends_with("events.yaml") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let Ok(file) = parse("x", &text) else { continue };
            let check = |f: &ClaimsFile| {
                let r = FileRef {
                    source: &f.source,
                    path: &f.path,
                    hash: &f.hash,
                    claims: &f.claims,
                };
                let want = serde_yaml::to_string(&r).unwrap();
                if let Some(got) = crate::yaml::to_string(&r) {
                    assert_eq!(got, want);
                    true
                } else {
                    false
                }
            };
            assert!(check(&file), "{} is written by the fast writer", path.display());
            for (i, h) in hostile.iter().enumerate() {
                let mut f = ClaimsFile {
                    source: h.to_string(),
                    path: file.path.clone(),
                    hash: file.hash.clone(),
                    claims: file.claims.clone(),
                };
                for c in &mut f.claims {
                    let c = &mut c.claim;
                    match i % 4 {
                        0 => c.text = h.to_string(),
                        1 => c.speaker = Some(h.to_string()),
                        2 => c.rule = h.to_string(),
                        _ => c.party = Some(h.to_string()),
                    }
                    c.subject = h.to_string();
                }
                check(&f);
            }
            seen += 1;
        }
        assert!(seen >= 3, "the seed claims files were read");
    }

    #[test]
    fn unknown_status_is_an_error_with_its_line() {
        let text = "source: a\npath: corpus/a.md\nhash: x\nclaims:\n- id: a:0-1\n  source: a\n  span: {start: 0, end: 1}\n  text: A\n  property: count\n  value: {kind: quantity, value: 1}\n  rule: human\n  status: maybe\n";
        let e = parse("claims/a.yaml", text).unwrap_err().to_string();
        assert!(e.starts_with("claims/a.yaml:12"), "{e}");
        assert!(e.contains("maybe"), "{e}");
    }
}
