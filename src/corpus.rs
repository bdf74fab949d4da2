//! Loading articles: the workspace's `corpus/` folder, each file's YAML front matter (split
//! by hand so that error lines match the file), its publication date and zone, and a safe
//! source id. Everything later points into `Source::text` by byte span.

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
    /// The zone in which this article's bare clock times are read, if any is known.
    pub fn zone(&self) -> Option<TimeZone> {
        if let Some(tz) = &self.timezone {
            return Some(tz.clone());
        }
        self.published
            .as_ref()
            .and_then(|p| p.datetime.map(|(_, off)| TimeZone::fixed(off)))
    }

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
                    // Front matter starts on line 2 of the file.
                    let line = e.location().map(|l| l.line() + 1).unwrap_or(2);
                    Error::input(rel, Some(line), format!("front matter: {e}"))
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
            let raw = match value {
                serde_yaml::Value::String(s) => s,
                other => serde_yaml::to_string(&other).unwrap_or_default().trim().to_string(),
            };
            Some(
                parse_published(&raw)
                    .map_err(|why| Error::input(rel, field_line("published:"), format!("published: {why}")))?,
            )
        }
    };
    let (timezone, timezone_name) = match fm.timezone {
        None => (None, None),
        Some(name) => {
            let tz = jiff::tz::db().get(name.trim()).map_err(|_| {
                Error::input(
                    rel,
                    field_line("timezone:"),
                    format!("timezone: unknown time zone {name:?} (use an IANA name such as Asia/Damascus)"),
                )
            })?;
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

/// The default id: the path under `corpus/` without its extension.
pub fn default_id(rel_corpus: &str) -> String {
    let p = rel_corpus.replace('\\', "/");
    match p.rfind('.') {
        Some(dot) if !p[dot..].contains('/') => p[..dot].to_string(),
        _ => p,
    }
}

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
    let bad_char = id
        .chars()
        .any(|c| !(c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/' | '+' | '@' | '~')));
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
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
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

/// Loads every `.md`/`.txt` file under `workspace/corpus`, in any subfolder.
pub fn load(workspace: &Path) -> Result<Corpus> {
    let dir = workspace.join("corpus");
    if !dir.is_dir() {
        return Err(Error::Usage(format!(
            "{}: no corpus/ folder here (a workspace holds corpus/, claims/ and reports/)",
            workspace.display()
        )));
    }
    let mut files = Vec::new();
    walk(&dir, &mut files)?;
    files.sort();
    // Files are read, hashed and parsed in parallel; results (and the first error) are
    // taken in path order, so the outcome does not depend on the thread count.
    let loaded: Vec<Result<(Option<Source>, Vec<Warning>)>> =
        files.par_iter().map(|file| load_one(&dir, file)).collect();
    let mut corpus = Corpus::default();
    for one in loaded {
        let (source, warnings) = one?;
        corpus.warnings.extend(warnings);
        corpus.sources.extend(source);
    }
    corpus.sources.sort_by(|a, b| a.id.cmp(&b.id));
    for pair in corpus.sources.windows(2) {
        if pair[0].id == pair[1].id {
            return Err(Error::input(
                &pair[1].path,
                None,
                format!(
                    "source id {:?} is used by both {} and {}",
                    pair[0].id, pair[0].path, pair[1].path
                ),
            ));
        }
    }
    Ok(corpus)
}

/// Reads one article: the source (none for a file passed over) and its warnings.
fn load_one(dir: &Path, file: &Path) -> Result<(Option<Source>, Vec<Warning>)> {
    let mut warnings = Vec::new();
    let rel_corpus = rel_path(dir, file);
    let rel = format!("corpus/{rel_corpus}");
    let bytes = std::fs::read(file).map_err(|e| Error::io(file, e))?;
    if bytes.contains(&0) {
        warnings.push(Warning {
            path: rel,
            message: "looks like a binary file (it holds NUL bytes); skipped".into(),
        });
        return Ok((None, warnings));
    }
    let hash = hash_bytes(&bytes);
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            warnings.push(Warning {
                path: rel.clone(),
                message: "is not valid UTF-8; read lossily (bad bytes became U+FFFD)".into(),
            });
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    };
    let source = parse_source(&rel, &rel_corpus, text, hash)?;
    if source.body_text().trim().is_empty() {
        warnings.push(Warning {
            path: rel.clone(),
            message: "the article is empty".into(),
        });
    }
    Ok((Some(source), warnings))
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let path = entry.path();
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let kind = entry.file_type().map_err(|e| Error::io(&path, e))?;
        if kind.is_dir() {
            walk(&path, out)?;
        } else if kind.is_file()
            && matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("md" | "txt" | "markdown")
            )
        {
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
