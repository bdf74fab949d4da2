//! The claims store, `claims/<source id>.yaml`: one file per source with the hash of the
//! article it came from and every claim with its quote, place, value, speaker and rule. It
//! is the place where a person reviews extraction. Files are written atomically, and a file
//! that cannot be parsed is reported and never overwritten.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::claims::Claim;
use crate::corpus::{validate_id, Source};
use crate::error::{Error, Result};

/// One source's claims file.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ClaimsFile {
    pub source: String,
    pub path: String,
    /// SHA-256 of the article the claims came from.
    pub hash: String,
    pub claims: Vec<Claim>,
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
    let rel = format!("claims/{id}.yaml");
    serde_yaml::from_str(&text).map(Some).map_err(|e| {
        Error::input(
            &rel,
            e.location().map(|l| l.line()),
            format!("claims file: {e} (the file was left as it is)"),
        )
    })
}

/// Writes a source's claims file.
pub fn write(workspace: &Path, source: &Source, claims: &[Claim]) -> Result<()> {
    let file = ClaimsFile {
        source: source.id.clone(),
        path: source.path.clone(),
        hash: source.hash.clone(),
        claims: claims.to_vec(),
    };
    let yaml = serde_yaml::to_string(&file).map_err(|e| Error::Usage(format!("cannot serialise claims: {e}")))?;
    let header = format!(
        "# Claims crosscheck extracted from {}.\n# Review them here: fix a value, delete a wrong claim, or add one it missed.\n",
        source.path
    );
    write_atomic(
        &claims_path(workspace, &source.id)?,
        format!("{header}{yaml}").as_bytes(),
    )
}

/// Writes a file through a temporary file in the same folder and a rename, so that a run
/// killed mid-way leaves the old file whole.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::io(path, e));
    }
    Ok(())
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
}
