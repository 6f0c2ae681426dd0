//! The crash corpus: inputs that found something, one file per input under
//! `corpus/<entry>/`, named by a hash of their bytes. The crate's tests replay
//! every file, so a finding becomes a regression test once it is fixed.

use std::path::{Path, PathBuf};

use crate::Entry;

/// The corpus folder of this crate.
pub fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// FNV-1a: a stable name for the same bytes on every machine.
fn hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Saves `input` under `root/<entry>/` (once per distinct input) and returns its path.
pub fn save(root: &Path, entry: Entry, input: &[u8]) -> std::io::Result<PathBuf> {
    let folder = root.join(entry.name());
    std::fs::create_dir_all(&folder)?;
    let path = folder.join(format!("{:016x}.bin", hash(input)));
    if !path.exists() {
        std::fs::write(&path, input)?;
    }
    Ok(path)
}

/// Every saved input of `entry` under `root`, sorted by file name.
pub fn load(root: &Path, entry: Entry) -> std::io::Result<Vec<(PathBuf, Vec<u8>)>> {
    let folder = root.join(entry.name());
    if !folder.exists() {
        return Ok(Vec::new());
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "bin"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| std::fs::read(&p).map(|bytes| (p, bytes)))
        .collect()
}
