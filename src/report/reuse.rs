//! Re-using the previous `report.json` on a large corpus. Its claims are most of the file
//! (124 MB for 24,550 sources), and a run after one article was added would otherwise render
//! all of them again. Each source's claims are one block of the compact report; the index
//! kept beside the extraction cache (`.crosscheck/report-blocks`) records, per source, the
//! key its block was rendered under and where the block is in the file. A source whose key
//! is unchanged has its block copied from the old file.
//!
//! A key is made only for a source whose claims are exactly its extraction's (no person's
//! edit): then the claims, their sentences and positions follow from the article's bytes,
//! its id, the event lexicon and the build, and their subjects are put in the key. The index
//! is used only when its header (build and lexicon) is this run's and `report.json` has the
//! length and modification time it had when the index was written; each copied block must
//! start as that source's first claim does. `verify --check` never re-uses anything.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::Result;

const FILE: &str = "report-blocks";

/// The previous report and where each source's block is in it.
pub struct Old {
    pub bytes: memmap2::Mmap,
    /// Source id → (key, byte range in `bytes`).
    pub blocks: HashMap<String, (String, Range<usize>)>,
}

impl Old {
    /// The old block of source `id` when it was rendered under `key`.
    pub fn block(&self, id: &str, key: &str) -> Option<&[u8]> {
        let (k, range) = self.blocks.get(id)?;
        let bytes = self.bytes.get(range.clone()).filter(|_| k == key)?;
        let opening = format!("{{\"id\":{}", serde_json::to_string(&format!("{id}:")).ok()?);
        let opening = opening.strip_suffix('"')?;
        bytes.starts_with(opening.as_bytes()).then_some(bytes)
    }
}

#[derive(Serialize, Deserialize)]
struct Index {
    header: String,
    len: u64,
    modified: Option<(u64, u32)>,
    /// (source id, key, start, end).
    blocks: Vec<(String, String, u64, u64)>,
}

fn index_path(workspace: &Path) -> PathBuf {
    workspace.join(crate::cache::DIR).join(FILE)
}

/// A source's key: its id, its article's hash and its claims' subjects, in order.
pub fn key<'a>(id: &str, hash: &str, subjects: impl IntoIterator<Item = &'a str>) -> String {
    let mut text = format!("{id}\0{hash}");
    for s in subjects {
        text.push('\0');
        text.push_str(s);
    }
    crate::corpus::hash_bytes(text.as_bytes())
}

/// The previous report and its blocks, when the index vouches for them; `None` on any
/// doubt (no index, another build or lexicon, a report changed since).
pub fn load(workspace: &Path, header: &str) -> Option<Old> {
    let raw = std::fs::read(index_path(workspace)).ok()?;
    let index: Index = rmp_serde::from_slice(&raw).ok()?;
    if index.header != header {
        return None;
    }
    let report = workspace.join("reports").join("report.json");
    let file = std::fs::File::open(&report).ok()?;
    let meta = file.metadata().ok()?;
    if crate::cache::stat_of(&meta) != (index.len, index.modified) || index.len == 0 {
        return None;
    }
    // Mapped, not read: reading 124 MB into fresh memory (zeroing every page, then copying
    // the page cache into it) was a tenth of a re-check's work. The file is this tool's own
    // output, only ever replaced by a rename (never rewritten in place), so the mapped
    // inode does not change under the map; and every block taken from it is checked
    // (`Old::block`) before it is used.
    // SAFETY: see above; a file truncated by someone else mid-run is the one way this map
    // could fault, and nothing in the workspace does that.
    let bytes = unsafe { memmap2::MmapOptions::new().populate().map(&file) }.ok()?;
    if bytes.len() as u64 != index.len {
        return None;
    }
    let blocks = index
        .blocks
        .into_iter()
        .map(|(id, key, a, b)| (id, (key, a as usize..b as usize)))
        .collect();
    Some(Old { bytes, blocks })
}

/// Records where each keyed source's block is in the `report.json` just written (or
/// removes the index when there are none).
pub fn save(workspace: &Path, header: &str, blocks: &[(String, String, Range<usize>)]) -> Result<()> {
    let path = index_path(workspace);
    if blocks.is_empty() {
        let _ = std::fs::remove_file(&path);
        return Ok(());
    }
    let report = workspace.join("reports").join("report.json");
    let Ok(meta) = std::fs::metadata(&report) else {
        let _ = std::fs::remove_file(&path);
        return Ok(());
    };
    let (len, modified) = crate::cache::stat_of(&meta);
    let index = Index {
        header: header.to_string(),
        len,
        modified,
        blocks: blocks
            .iter()
            .map(|(id, key, r)| (id.clone(), key.clone(), r.start as u64, r.end as u64))
            .collect(),
    };
    let bytes = rmp_serde::to_vec(&index).unwrap_or_default();
    crate::store::write_output_if_changed(&path, &bytes)
}
