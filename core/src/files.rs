//! Writing a file the chair asked for (a handover bundle, a spreadsheet) whole or not at all: a
//! temporary file beside it, synced, renamed into place and the folder synced. A stick pulled out at
//! any moment holds the whole file or none of it, and a folder that refuses the write is left with
//! nothing half-written in it.

use std::io::Write;
use std::path::Path;

use crate::error::{problem, Error, Problem, Result};

/// Checked before anything is read or sealed, so a mistyped folder is told at once.
pub(crate) fn there_is_a_folder(folder: &Path) -> Result<()> {
    if !folder.is_dir() {
        return Err(Error::invalid(problem!(
            "no_folder",
            "There is no folder at {path}. Please choose another.",
            path = folder.display()
        )));
    }
    Ok(())
}

/// Writes `bytes` to `path` (replacing a file there), through `<path without extension>.partial`.
pub(crate) fn write_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let partial = path.with_extension("partial");
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let written = std::fs::File::create(&partial)
        .and_then(|mut f| {
            f.write_all(bytes)?;
            f.sync_all()
        })
        .and_then(|_| std::fs::rename(&partial, path))
        .and_then(|_| sync_folder(folder));
    if written.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    written
}

/// Saves a document the chair asked for (a spreadsheet, a printed report as PDF) at `path`, whole
/// or not at all. `what` names it in the message when the disk refuses ("The spreadsheet").
pub fn save_document(path: &Path, what: &str, bytes: impl FnOnce() -> Result<Vec<u8>>) -> Result<()> {
    there_is_a_folder(path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")))?;
    let bytes = bytes()?;
    write_whole(path, &bytes).map_err(|e| {
        let lost = match what {
            "The spreadsheet" => {
                problem!("spreadsheet_not_saved", "The spreadsheet was not saved, and nothing half-written was left.")
            }
            "The PDF" => problem!("pdf_not_saved", "The PDF was not saved, and nothing half-written was left."),
            _ => Problem::from(format!("{what} was not saved, and nothing half-written was left.")),
        };
        Error::from(e).when_saving(
            lost,
            problem!("document_choose_folder", "Choose another folder, or free some space, and save it again."),
        )
    })
}

/// Makes a rename in `folder` durable. Only Unix can open a folder to sync it; elsewhere the
/// file system orders the rename after the synced data.
fn sync_folder(folder: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    std::fs::File::open(folder)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = folder;
    Ok(())
}
