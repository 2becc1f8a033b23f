//! A backup's summary kept beside it (`<name>.json`): counts, dates and size, never a name, so the
//! Backups screen lists 27 backups without the passphrase and without opening any of them. A
//! summary that does not match its backup's name and size is ignored.

use std::path::Path;

use super::BackupInfo;
use crate::error::Result;

const SUFFIX: &str = ".json";

/// The summary of the backup `file` in `dir`, if one is there and still matches it.
pub(super) fn read(dir: &Path, file: &str, bytes: u64) -> Option<BackupInfo> {
    let text = std::fs::read(dir.join(format!("{file}{SUFFIX}"))).ok()?;
    let info: BackupInfo = serde_json::from_slice(&text).ok()?;
    (info.file == file && info.bytes == bytes).then_some(info)
}

/// Writes the summary of `info.file` (written whole, then renamed into place, so a kill leaves
/// none or all of it).
pub(super) fn write(dir: &Path, info: &BackupInfo) -> Result<()> {
    let path = dir.join(format!("{}{SUFFIX}", info.file));
    let partial = dir.join(format!("{}{SUFFIX}{}", info.file, super::name::PARTIAL));
    let json = serde_json::to_vec(info).map_err(std::io::Error::other)?;
    std::fs::write(&partial, json)?;
    std::fs::rename(&partial, &path)?;
    Ok(())
}

/// Removes the summary of `file`, if any.
pub(super) fn remove(dir: &Path, file: &str) {
    let _ = std::fs::remove_file(dir.join(format!("{file}{SUFFIX}")));
}

/// Whether `name` is a summary (for tidying those whose backup is gone).
pub(super) fn backup_of(name: &str) -> Option<&str> {
    name.strip_suffix(SUFFIX)
}
