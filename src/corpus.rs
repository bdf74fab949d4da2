//! Loading articles: the workspace's `corpus/` folder, each file's YAML front matter (split
//! by hand so that error lines match the file), its publication date and zone, and a safe
//! source id. Everything later points into `Source::text` by byte span.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

use jiff::civil::{Date, DateTime};
use jiff::tz::{Offset, TimeZone};
use rayon::prelude::*;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::span::{LineIndex, Span};

/// One article.
#[derive(Debug, Clone)]
pub struct Source {
    pub id: String,
    /// Path relative to the workspace, with `/` separators.
    pub path: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<Published>,
    /// The zone of the story's bare clock times, from front matter.
    pub timezone: Option<TimeZone>,
    pub timezone_name: Option<String>,
    /// The whole file as on disk (lossily decoded if it was not UTF-8).
    pub text: String,
    /// The article body: the text after the front matter.
    pub body: Span,
    pub lines: LineIndex,
    /// SHA-256 of the file's bytes, hex.
    pub hash: String,
}

/// When an article was published: a date, and a time with offset when given.
#[derive(Debug, Clone, PartialEq)]
pub struct Published {
    pub date: Date,
    pub datetime: Option<(DateTime, Offset)>,
    pub raw: String,
}

impl Source {
    pub fn body_text(&self) -> &str {
        self.body.text(&self.text)
    }

    /// 1-based line and column of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        self.lines.line_col(&self.text, offset)
    }
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    id: Option<String>,
    title: Option<String>,
    outlet: Option<String>,
    url: Option<String>,
    author: Option<String>,
    published: Option<serde_yaml::Value>,
    timezone: Option<String>,
}

/// Parses one article. `rel` is its path relative to the workspace (for messages and ids),
/// `rel_corpus` its path relative to `corpus/` (for the default id).
pub fn parse_source(rel: &str, rel_corpus: &str, text: String, hash: String) -> Result<Source> {
    let lines = LineIndex::new(&text);
    let (front, body) = split_front_matter(rel, &text)?;
    let fm: FrontMatter = match front {
        None => FrontMatter::default(),
        Some(span) => {
            let yaml = span.text(&text);
            if yaml.trim().is_empty() {
                FrontMatter::default()
            } else {
                serde_yaml::from_str(yaml).map_err(|e| {
                    // The YAML starts on the line after the opening fence; the message's own
                    // "at line N column M" counts from there, so it is dropped for the file's.
                    let fence_line = lines.line(span.start);
                    let mut line = e.location().map_or(fence_line, |l| l.line() + fence_line - 1);
                    let msg = crate::error::yaml_message(&e.to_string());
                    // serde places a duplicate at the mapping's start: point at the second one.
                    if let Some(field) = msg.strip_prefix("duplicate field `").and_then(|m| m.split('`').next()) {
                        let key = format!("{field}:");
                        if let Some((at, _)) = yaml
                            .match_indices(&key)
                            .filter(|(i, _)| *i == 0 || yaml.as_bytes()[i - 1] == b'\n')
                            .nth(1)
                        {
                            line = lines.line(span.start + at);
                        }
                    }
                    Error::input(rel, Some(line), format!("front matter: {msg}"))
                })?
            }
        }
    };
    let _ = fm.author;
    let field_line = |name: &str| -> Option<usize> {
        let front = front?;
        let yaml = front.text(&text);
        let at = yaml
            .match_indices(name)
            .find(|(i, _)| *i == 0 || yaml.as_bytes()[i - 1] == b'\n')?
            .0;
        Some(lines.line(front.start + at))
    };
    let id = match fm.id {
        Some(id) => id.trim().to_string(),
        None => default_id(rel_corpus),
    };
    validate_id(&id).map_err(|why| Error::input(rel, field_line("id:"), why))?;
    let published = match fm.published {
        None => None,
        Some(value) => {
            let raw = crate::sidecar::raw_value(&value);
            Some(
                parse_published(&raw)
                    .map_err(|why| Error::input(rel, field_line("published:"), format!("published: {why}")))?,
            )
        }
    };
    let (timezone, timezone_name) = match fm.timezone {
        None => (None, None),
        Some(name) => {
            let tz = parse_timezone(&name).map_err(|why| Error::input(rel, field_line("timezone:"), why))?;
            (Some(tz), Some(name.trim().to_string()))
        }
    };
    Ok(Source {
        id,
        path: rel.to_string(),
        title: fm.title,
        outlet: fm.outlet,
        url: fm.url,
        published,
        timezone,
        timezone_name,
        body,
        lines,
        text,
        hash,
    })
}

/// Splits `---` front matter from the body. Returns the YAML's span (without the fences)
/// and the body's span. A file that opens a fence but never closes it is an error.
fn split_front_matter(rel: &str, text: &str) -> Result<(Option<Span>, Span)> {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[bom..];
    let first_len = match rest.find('\n') {
        Some(i) => i + 1,
        None => rest.len(),
    };
    if rest[..first_len].trim_end() != "---" {
        return Ok((None, Span::new(0, text.len())));
    }
    let yaml_start = bom + first_len;
    let mut at = yaml_start;
    while at < text.len() {
        let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
        let line = text[at..line_end].trim_end();
        if line == "---" || line == "..." {
            return Ok((Some(Span::new(yaml_start, at)), Span::new(line_end, text.len())));
        }
        at = line_end;
    }
    Err(Error::input(
        rel,
        Some(1),
        "front matter opened with `---` is never closed (add a `---` line after it)",
    ))
}

/// The default id: the path under `corpus/` without its extension, each run of characters
/// that a source id may not hold (spaces, commas, brackets, …) made one `-`, so that any file
/// name gives a safe id ("Reuters 4 May (update).md" is `Reuters-4-May-update`).
pub fn default_id(rel_corpus: &str) -> String {
    let p = rel_corpus.replace('\\', "/");
    let stem = match p.rfind('.') {
        Some(dot) if !p[dot..].contains('/') => &p[..dot],
        _ => p.as_str(),
    };
    stem.split('/')
        .map(|part| {
            let mut out = String::with_capacity(part.len());
            for c in part.chars() {
                if id_char(c) && c != '/' {
                    out.push(c);
                } else if !out.ends_with('-') {
                    out.push('-');
                }
            }
            let out = out.trim_matches('-').trim_start_matches('.');
            if out.is_empty() {
                "-".to_string()
            } else {
                out.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

fn id_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/' | '+' | '@' | '~')
}

/// Ids whose claims file would be one of the files a person writes in `claims/`.
const RESERVED_IDS: &[&str] = &["review", "events"];

/// A source id becomes a file name under `claims/`; it must stay inside the workspace.
pub fn validate_id(id: &str) -> std::result::Result<(), String> {
    if id.is_empty() {
        return Err("id: empty source id".into());
    }
    if id.len() > 200 {
        return Err("id: longer than 200 characters".into());
    }
    let path = Path::new(id);
    let bad_component = path.components().any(|c| !matches!(c, Component::Normal(_)));
    let bad_char = id.chars().any(|c| !id_char(c));
    if id.starts_with('/')
        || id.ends_with('/')
        || id.contains("//")
        || bad_component
        || bad_char
        || id.split('/').any(|s| s.starts_with('.'))
    {
        return Err(format!(
            "id: {id:?} is not a safe source id (letters, digits, `-_.+@~`, and `/` between \
             parts; no `..`, no absolute path, no part starting with a dot)"
        ));
    }
    if RESERVED_IDS.iter().any(|r| id.eq_ignore_ascii_case(r)) {
        return Err(format!(
            "id: {id:?} is reserved: claims/{id}.yaml would be the file of that name that a person \
             writes (give the article another id in its front matter, e.g. `id: {id}-1`)"
        ));
    }
    Ok(())
}

/// `YYYY-MM-DD`, or an RFC 3339 date-time with offset (`2016-05-04T10:00:00+03:00`, `…Z`).
pub fn parse_published(raw: &str) -> std::result::Result<Published, String> {
    let s = raw.trim();
    if let Ok(date) = s.parse::<Date>() {
        if s.len() == 10 {
            return Ok(Published {
                date,
                datetime: None,
                raw: s.to_string(),
            });
        }
    }
    let ts: jiff::Timestamp = s
        .parse()
        .map_err(|_| format!("{s:?} is not a date (YYYY-MM-DD) or an RFC 3339 date-time with offset"))?;
    let offset = parse_offset_suffix(s).ok_or_else(|| format!("{s:?} has no UTC offset (add Z or ±HH:MM)"))?;
    let dt = offset.to_datetime(ts);
    Ok(Published {
        date: dt.date(),
        datetime: Some((dt, offset)),
        raw: s.to_string(),
    })
}

fn parse_offset_suffix(s: &str) -> Option<Offset> {
    if s.ends_with('Z') || s.ends_with('z') {
        return Some(Offset::UTC);
    }
    let tail = s.get(s.len().checked_sub(6)?..)?;
    let sign = match tail.as_bytes()[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let h: i32 = tail.get(1..3)?.parse().ok()?;
    let m: i32 = tail.get(4..6)?.parse().ok()?;
    Offset::from_seconds(sign * (h * 3600 + m * 60)).ok()
}

/// SHA-256 of bytes as lowercase hex.
pub fn hash_bytes(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(2 * digest.len());
    for b in digest {
        hex.push(HEX[usize::from(b >> 4)] as char);
        hex.push(HEX[usize::from(b & 15)] as char);
    }
    hex
}

/// How a file's bytes became text.
#[derive(Debug, Clone, PartialEq)]
pub enum Decoding {
    /// Valid UTF-8 (a byte-order mark is kept in the text and skipped by the front matter).
    Utf8,
    /// Not UTF-8: each byte that is not part of a valid UTF-8 character became U+001A
    /// (SUBSTITUTE, one byte), so every later position is still the file's byte offset.
    Lossy { bad_bytes: usize, first_bad: usize },
    /// Not text; the reason says why. The file is skipped.
    Binary(&'static str),
}

/// The replacement for a byte that is not UTF-8: one byte, so spans stay file offsets.
pub const SUBSTITUTE: char = '\u{1a}';

/// Decodes a file's bytes without moving any offset: valid UTF-8 as it is, anything else
/// byte for byte (see [`Decoding::Lossy`]); files that are not text are recognised as such.
pub fn decode(bytes: &[u8]) -> (String, Decoding) {
    for (bom, what) in [
        (
            &b"\xff\xfe\0\0"[..],
            "UTF-32 text (little-endian byte-order mark); convert it to UTF-8",
        ),
        (
            &b"\0\0\xfe\xff"[..],
            "UTF-32 text (big-endian byte-order mark); convert it to UTF-8",
        ),
        (
            &b"\xff\xfe"[..],
            "UTF-16 text (little-endian byte-order mark); convert it to UTF-8",
        ),
        (
            &b"\xfe\xff"[..],
            "UTF-16 text (big-endian byte-order mark); convert it to UTF-8",
        ),
    ] {
        if bytes.starts_with(bom) {
            return (String::new(), Decoding::Binary(what));
        }
    }
    if bytes.contains(&0) {
        return (
            String::new(),
            Decoding::Binary("looks like a binary file (it holds NUL bytes)"),
        );
    }
    let (text, decoding) = match std::str::from_utf8(bytes) {
        Ok(t) => (t.to_string(), Decoding::Utf8),
        Err(e) => {
            let mut out = String::with_capacity(bytes.len());
            let mut bad_bytes = 0;
            for chunk in bytes.utf8_chunks() {
                out.push_str(chunk.valid());
                bad_bytes += chunk.invalid().len();
                out.extend(std::iter::repeat_n(SUBSTITUTE, chunk.invalid().len()));
            }
            let first_bad = e.valid_up_to();
            (out, Decoding::Lossy { bad_bytes, first_bad })
        }
    };
    // Text has few control characters; a file where a tenth of the bytes are either
    // control characters or not UTF-8 is some other format (an image, an archive, …).
    let odd = text
        .bytes()
        .filter(|&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c) || b == 0x7f)
        .count();
    if odd * 10 > text.len() {
        return (
            String::new(),
            Decoding::Binary("looks like a binary file (mostly bytes that are not text)"),
        );
    }
    (text, decoding)
}

/// A non-fatal problem with one file; the run goes on.
#[derive(Debug, Clone)]
pub struct Warning {
    pub path: String,
    pub message: String,
}

/// All articles of a workspace, sorted by id, plus warnings about files passed over.
#[derive(Debug, Default)]
pub struct Corpus {
    pub sources: Vec<Source>,
    pub warnings: Vec<Warning>,
}

/// Loads every `.md`/`.txt`/`.markdown` file under `workspace/corpus`, in any subfolder.
/// Symbolic links are not followed (warned about), so the corpus cannot loop or reach
/// outside itself. A corpus without a single article is an error: nothing is written.
pub fn load(workspace: &Path) -> Result<Corpus> {
    let dir = workspace.join("corpus");
    if !dir.is_dir() {
        return Err(Error::Usage(format!(
            "{}: no corpus/ folder here (a workspace holds corpus/, claims/ and reports/)",
            workspace.display()
        )));
    }
    let mut files = Vec::new();
    let mut corpus = Corpus::default();
    walk(&dir, &dir, &mut files, &mut corpus.warnings)?;
    files.sort();
    // Metadata listed beside bare articles (`sources.yaml` in any folder).
    let mut listed: BTreeMap<String, crate::sidecar::Entry> = BTreeMap::new();
    let folders: BTreeSet<&Path> = files
        .iter()
        .filter_map(|f| f.parent())
        .chain(std::iter::once(dir.as_path()))
        .collect();
    for folder in folders {
        let path = folder.join(crate::sidecar::FILE_NAME);
        if !path.is_file() || path.is_symlink() {
            continue;
        }
        let rel = format!("corpus/{}", rel_path(&dir, &path));
        let bytes = std::fs::read(&path).map_err(|e| Error::io(&rel, e))?;
        let text = String::from_utf8(bytes)
            .map_err(|_| Error::input(&rel, None, "is not valid UTF-8 (write it as UTF-8 text)"))?;
        listed.extend(crate::sidecar::parse(&rel, &rel_path(&dir, folder), &text)?);
    }
    for (key, entry) in &listed {
        if !dir.join(key).is_file() {
            return Err(Error::input(
                &entry.listed_in,
                Some(entry.line),
                format!(
                    "lists {:?}, which is not an article in corpus/ (a typo, or a file removed?)",
                    entry.file
                ),
            ));
        }
    }
    // Files are read, hashed and parsed in parallel; results (and the first error) are
    // taken in path order, so the outcome does not depend on the thread count.
    let loaded: Vec<Result<(Option<Source>, Vec<Warning>)>> = files
        .par_iter()
        .map(|file| {
            let rel_corpus = rel_path(&dir, file);
            let rel = format!("corpus/{rel_corpus}");
            let bytes = std::fs::read(file).map_err(|e| Error::io(&rel, e))?;
            let mut warnings = Vec::new();
            let mut source = read_article(&rel, &rel_corpus, &bytes, &mut warnings)?;
            if let (Some(s), Some(entry)) = (source.as_mut(), listed.get(&rel_corpus)) {
                apply_listing(s, entry)?;
            }
            Ok((source, warnings))
        })
        .collect();
    for one in loaded {
        let (source, warnings) = one?;
        corpus.warnings.extend(warnings);
        corpus.sources.extend(source);
    }
    if corpus.sources.is_empty() {
        let skipped = corpus.warnings.len();
        return Err(Error::input(
            "corpus",
            None,
            if skipped == 0 {
                "no articles here: put .md or .txt files in corpus/ (nothing was written)".to_string()
            } else {
                format!(
                    "no readable articles: {skipped} file{} passed over ({}) (nothing was written)",
                    if skipped == 1 { " was" } else { "s were" },
                    corpus
                        .warnings
                        .iter()
                        .map(|w| format!("{}: {}", w.path, w.message))
                        .collect::<Vec<_>>()
                        .join("; ")
                )
            },
        ));
    }
    corpus.sources.sort_by(|a, b| a.id.cmp(&b.id));
    for pair in corpus.sources.windows(2) {
        if pair[0].id == pair[1].id {
            let at = |s: &Source| match id_line(s) {
                Some(line) => format!("{}:{line}", s.path),
                None => format!("{} (its file name)", s.path),
            };
            return Err(Error::input(
                &pair[1].path,
                id_line(&pair[1]),
                format!(
                    "source id {:?} is also the id of {}; ids must be unique (give one an `id:` in its front matter)",
                    pair[0].id,
                    at(&pair[0])
                ),
            ));
        }
    }
    Ok(corpus)
}

/// One article from its bytes: decoded (warning when lossily), parsed, checked for a body.
/// `None` (with a warning) for a file that is not text.
pub fn read_article(rel: &str, rel_corpus: &str, bytes: &[u8], warnings: &mut Vec<Warning>) -> Result<Option<Source>> {
    let hash = hash_bytes(bytes);
    let (text, decoding) = decode(bytes);
    match decoding {
        Decoding::Utf8 => {}
        Decoding::Binary(why) => {
            warnings.push(Warning {
                path: rel.to_string(),
                message: format!("{why}; skipped"),
            });
            return Ok(None);
        }
        Decoding::Lossy { bad_bytes, first_bad } => warnings.push(Warning {
            path: rel.to_string(),
            message: format!(
                "line {}: not valid UTF-8 ({bad_bytes} bad byte{}); read anyway, each bad byte as U+001A, \
                 so positions stay those of the file",
                LineIndex::new(&text).line(first_bad),
                if bad_bytes == 1 { "" } else { "s" }
            ),
        }),
    }
    let source = parse_source(rel, rel_corpus, text, hash)?;
    if source.body_text().trim().is_empty() {
        warnings.push(Warning {
            path: rel.to_string(),
            message: if source.body.start > 0 {
                "the article is empty (front matter only); it gives no claims".into()
            } else {
                "the article is empty; it gives no claims".into()
            },
        });
    }
    Ok(Some(source))
}

/// A `timezone:` value: an IANA zone name.
fn parse_timezone(name: &str) -> std::result::Result<TimeZone, String> {
    jiff::tz::db()
        .get(name.trim())
        .map_err(|_| format!("timezone: unknown time zone {name:?} (use an IANA name such as Asia/Damascus)"))
}

/// Fills the fields an article's front matter left unset from its `sources.yaml` entry,
/// and takes the article's hash over the entry too (a changed date re-extracts it).
fn apply_listing(source: &mut Source, entry: &crate::sidecar::Entry) -> Result<()> {
    let at = |why: String| Error::input(&entry.listed_in, Some(entry.line), why);
    if let Some(id) = &entry.id {
        if id_line(source).is_none() {
            let id = id.trim().to_string();
            validate_id(&id).map_err(at)?;
            source.id = id;
        }
    }
    if source.title.is_none() {
        source.title = entry.title.clone().or_else(|| entry.story.clone());
    }
    if source.outlet.is_none() {
        source.outlet = entry.outlet.clone();
    }
    if source.url.is_none() {
        source.url = entry.url.clone();
    }
    if source.published.is_none() {
        if let Some(v) = &entry.published {
            let raw = crate::sidecar::raw_value(v);
            source.published = Some(parse_published(&raw).map_err(|why| at(format!("published: {why}")))?);
        }
    }
    if source.timezone.is_none() {
        if let Some(name) = &entry.timezone {
            let tz = parse_timezone(name).map_err(at)?;
            source.timezone = Some(tz);
            source.timezone_name = Some(name.trim().to_string());
        }
    }
    source.hash = hash_bytes(format!("{}\n{}", source.hash, entry.fingerprint()).as_bytes());
    Ok(())
}

/// The line of a source's `id:` in its front matter, if it has one there.
fn id_line(source: &Source) -> Option<usize> {
    let front = &source.text[..source.body.start];
    let at = front
        .match_indices("id:")
        .find(|(i, _)| *i > 0 && front.as_bytes()[i - 1] == b'\n')?
        .0;
    Some(source.lines.line(at))
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<PathBuf>, warnings: &mut Vec<Warning>) -> Result<()> {
    let rel_dir = || {
        format!("corpus/{}", rel_path(root, dir))
            .trim_end_matches('/')
            .to_string()
    };
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(rel_dir(), e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(rel_dir(), e))?;
        let path = entry.path();
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let kind = entry
            .file_type()
            .map_err(|e| Error::io(format!("corpus/{}", rel_path(root, &path)), e))?;
        let article = matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("md" | "txt" | "markdown")
        );
        // A link to a plain non-article file is no concern; any other link (to a folder, an
        // article, nowhere, itself) is named.
        if kind.is_symlink() && (article || !std::fs::metadata(&path).is_ok_and(|m| m.is_file())) {
            warnings.push(Warning {
                path: format!("corpus/{}", rel_path(root, &path)),
                message: "is a symbolic link; not followed (crosscheck reads only the files and folders \
                          really in corpus/)"
                    .into(),
            });
        } else if kind.is_symlink() {
        } else if kind.is_dir() {
            walk(root, &path, out, warnings)?;
        } else if kind.is_file() && article {
            out.push(path);
        }
    }
    Ok(())
}

fn rel_path(base: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(base).unwrap_or(file);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_is_the_sha256_in_lowercase_hex() {
        assert_eq!(
            hash_bytes(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(hash_bytes(b"").len(), 64);
    }

    fn parse(text: &str) -> Result<Source> {
        parse_source("corpus/a.md", "a.md", text.to_string(), String::new())
    }

    #[test]
    fn front_matter_fields_and_body_span() {
        let s = parse("---\ntitle: T\npublished: 2016-05-04\ntimezone: Asia/Damascus\n---\nBody.\n").unwrap();
        assert_eq!(s.id, "a");
        assert_eq!(s.title.as_deref(), Some("T"));
        assert_eq!(s.published.as_ref().unwrap().date, jiff::civil::date(2016, 5, 4));
        assert_eq!(s.body_text(), "Body.\n");
        assert!(s.timezone.is_some());
    }

    #[test]
    fn unknown_field_is_an_error_with_its_line() {
        let e = parse("---\ntitle: T\nauthr: x\n---\nBody\n").unwrap_err();
        let msg = e.to_string();
        assert!(msg.starts_with("corpus/a.md:3:"), "{msg}");
        assert!(msg.contains("authr"), "{msg}");
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let e = parse("---\ntitle: T\nBody\n").unwrap_err();
        assert!(e.to_string().contains("never closed"));
    }

    #[test]
    fn bad_date_names_the_line() {
        let e = parse("---\ntitle: T\npublished: May 4th\n---\nx").unwrap_err();
        assert!(e.to_string().starts_with("corpus/a.md:3: published:"), "{e}");
    }

    #[test]
    fn rfc3339_published_keeps_offset() {
        let p = parse_published("2016-05-04T23:30:00-04:00").unwrap();
        assert_eq!(p.date, jiff::civil::date(2016, 5, 4));
        assert_eq!(p.datetime.unwrap().1, Offset::from_hours(-4).unwrap());
    }

    #[test]
    fn ids_that_leave_the_workspace_are_refused() {
        for bad in ["../x", "/etc/passwd", "a/../../b", ".hidden", "a\\b", "", "a//b"] {
            assert!(validate_id(bad).is_err(), "{bad}");
        }
        for good in ["a", "2016/aleppo-ap", "x.y_z-1"] {
            assert!(validate_id(good).is_ok(), "{good}");
        }
    }

    #[test]
    fn default_id_drops_extension_only() {
        assert_eq!(default_id("a/b.c/d.md"), "a/b.c/d");
        assert_eq!(default_id("x.txt"), "x");
    }
}
