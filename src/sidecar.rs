//! `sources.yaml`: metadata for articles that carry none. Plain-text articles saved from a
//! feed or an archive often come as bare files with their dates listed beside them (the
//! demo seeds do: `file`, `published`, `story`). A `sources.yaml` in any folder of
//! `corpus/` gives its files the fields front matter would, so their dates resolve against
//! the article, never against today. Front matter, where a file has it, wins field by field.
//! The file is checked like front matter: an unknown field, a bad date or zone, or an entry
//! for a file that is not there is an error naming the line (exit 2, nothing written).

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Result};

/// The name of the metadata file looked for in every folder of `corpus/`.
pub const FILE_NAME: &str = "sources.yaml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Listing {
    #[serde(default)]
    sources: Vec<Entry>,
}

/// One article's metadata, as front matter would give it.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The article's path, relative to the folder that holds `sources.yaml`.
    #[serde(default)]
    pub file: String,
    pub id: Option<String>,
    pub title: Option<String>,
    /// A one-line summary of the story; shown as the title when there is none.
    pub story: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    pub published: Option<serde_yaml::Value>,
    pub timezone: Option<String>,
    /// The line of the entry in its `sources.yaml`, for messages.
    #[serde(skip)]
    pub line: usize,
    /// The workspace-relative path of its `sources.yaml`, for messages.
    #[serde(skip)]
    pub listed_in: String,
}

impl Entry {
    /// The fields of the entry as the text the article's hash is taken over with, so that a
    /// changed date re-extracts the article.
    pub fn fingerprint(&self) -> String {
        let published = self.published.as_ref().map(raw_value).unwrap_or_default();
        format!(
            "{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}",
            self.id.as_deref().unwrap_or(""),
            self.title.as_deref().unwrap_or(""),
            self.story.as_deref().unwrap_or(""),
            self.outlet.as_deref().unwrap_or(""),
            self.url.as_deref().unwrap_or(""),
            self.author.as_deref().unwrap_or(""),
            published,
            self.timezone.as_deref().unwrap_or(""),
        )
    }
}

/// A YAML scalar as the text it was written as (`2016-05-04` stays that, not a date type).
pub fn raw_value(v: &serde_yaml::Value) -> String {
    match v {
        serde_yaml::Value::String(s) => s.clone(),
        other => serde_yaml::to_string(other).unwrap_or_default().trim().to_string(),
    }
}

/// Reads one `sources.yaml`. `rel` is its path relative to the workspace, `dir_corpus` its
/// folder relative to `corpus/` ("" at the top). Returns the entries keyed by the article's
/// path relative to `corpus/`.
pub fn parse(rel: &str, dir_corpus: &str, text: &str) -> Result<BTreeMap<String, Entry>> {
    let listing: Listing = if text.trim().is_empty() {
        Listing { sources: Vec::new() }
    } else {
        serde_yaml::from_str(text).map_err(|e| {
            Error::input(
                rel,
                e.location().map(|l| l.line()),
                format!("{}: {}", FILE_NAME, crate::error::yaml_message(&e.to_string())),
            )
        })?
    };
    // Where each entry starts: the lines that open a list item, in order.
    let starts: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with("- "))
        .map(|(i, _)| i + 1)
        .collect();
    let mut out = BTreeMap::new();
    for (i, mut entry) in listing.sources.into_iter().enumerate() {
        entry.line = starts.get(i).copied().unwrap_or(1);
        entry.listed_in = rel.to_string();
        let file = entry.file.trim().to_string();
        if file.is_empty() {
            return Err(Error::input(
                rel,
                Some(entry.line),
                "an entry has no `file:` (the article it describes)",
            ));
        }
        let path = Path::new(&file);
        if path.is_absolute() || path.components().any(|c| !matches!(c, std::path::Component::Normal(_))) {
            return Err(Error::input(
                rel,
                Some(entry.line),
                format!("file: {file:?} must be a path inside this folder (no \"..\", no leading \"/\")"),
            ));
        }
        let key = if dir_corpus.is_empty() {
            file.clone()
        } else {
            format!("{dir_corpus}/{file}")
        };
        if let Some(first) = out.get(&key) {
            let first: &Entry = first;
            return Err(Error::input(
                rel,
                Some(entry.line),
                format!("{file:?} is listed twice (first at line {})", first.line),
            ));
        }
        out.insert(key, entry);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_keyed_by_their_path_in_the_corpus_with_their_lines() {
        let text = "# dates\nsources:\n  - file: a.txt\n    published: 2016-05-04\n    story: Truce\n  - file: b.txt\n    outlet: AP\n";
        let got = parse("corpus/wire/sources.yaml", "wire", text).unwrap();
        let a = &got["wire/a.txt"];
        assert_eq!(a.line, 3);
        assert_eq!(a.published.as_ref().map(raw_value).as_deref(), Some("2016-05-04"));
        assert_eq!(a.story.as_deref(), Some("Truce"));
        assert_eq!(got["wire/b.txt"].line, 6);
        assert_eq!(got["wire/b.txt"].outlet.as_deref(), Some("AP"));
    }

    #[test]
    fn unknown_fields_missing_files_and_escapes_are_errors_with_a_line() {
        let e = parse(
            "corpus/sources.yaml",
            "",
            "sources:\n  - file: a.txt\n    publisher: AP\n",
        )
        .unwrap_err();
        assert!(e.to_string().contains("publisher"), "{e}");
        let e = parse("corpus/sources.yaml", "", "sources:\n  - published: 2016-05-04\n").unwrap_err();
        assert!(e.to_string().contains("no `file:`"), "{e}");
        let e = parse("corpus/sources.yaml", "", "sources:\n  - file: ../x.txt\n").unwrap_err();
        assert!(e.to_string().contains("inside this folder"), "{e}");
        let e = parse(
            "corpus/sources.yaml",
            "",
            "sources:\n  - file: a.txt\n  - file: a.txt\n",
        )
        .unwrap_err();
        assert!(e.to_string().contains("listed twice"), "{e}");
    }

    #[test]
    fn a_changed_date_changes_the_fingerprint() {
        let a = parse("s", "", "sources:\n  - file: a.txt\n    published: 2016-05-04\n").unwrap();
        let b = parse("s", "", "sources:\n  - file: a.txt\n    published: 2016-05-05\n").unwrap();
        assert_ne!(a["a.txt"].fingerprint(), b["a.txt"].fingerprint());
    }
}
