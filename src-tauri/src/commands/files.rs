//! The system's file choosers: a folder to save in, a file to open, where to save a file. Each
//! answers a path, or nothing when the chair cancels; saving and opening are other commands.
//! They call rfd directly (GTK on Linux, as tauri-plugin-dialog does) instead of taking that plugin,
//! which with tauri-plugin-fs cost about half a MiB of the binary for these three questions.

use std::future::Future;
use std::path::{Path, PathBuf};

use rfd::{AsyncFileDialog, FileHandle};
use serde::Deserialize;
use tauri::WebviewWindow;

/// The kind of file a chooser offers, as the chooser's filter shows it ("CSV spreadsheet", "csv").
#[derive(Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct FileFilter {
    pub name: String,
    /// Without the dot.
    pub extension: String,
}

#[tauri::command]
pub async fn choose_folder(window: WebviewWindow, title: String, start: String) -> Option<String> {
    ask(&window, move |d| starting_in(d.set_title(title), &start).pick_folder()).await
}

#[tauri::command]
pub async fn choose_file_to_open(window: WebviewWindow, title: String, filter: FileFilter) -> Option<String> {
    ask(&window, move |d| d.set_title(title).add_filter(filter.name, &[filter.extension]).pick_file()).await
}

/// `start` is the suggested path: a folder, or a file (the chooser opens in its folder with its name
/// filled in).
#[tauri::command]
pub async fn choose_where_to_save(
    window: WebviewWindow,
    title: String,
    start: String,
    filter: FileFilter,
) -> Option<String> {
    let (folder, name) = suggestion(Path::new(&start));
    ask(&window, move |d| {
        let d = d.set_title(title).add_filter(filter.name, &[filter.extension]);
        let d = match folder {
            Some(folder) => d.set_directory(folder),
            None => d,
        };
        match name {
            Some(name) => d.set_file_name(name),
            None => d,
        }
        .save_file()
    })
    .await
}

fn starting_in(dialog: AsyncFileDialog, start: &str) -> AsyncFileDialog {
    if start.is_empty() {
        dialog
    } else {
        dialog.set_directory(start)
    }
}

/// The folder a save chooser opens in and the file name it fills in, from the suggested path.
fn suggestion(start: &Path) -> (Option<PathBuf>, Option<String>) {
    if start.as_os_str().is_empty() {
        return (None, None);
    }
    if start.is_dir() {
        return (Some(start.to_path_buf()), None);
    }
    let folder = start.parent().filter(|p| !p.as_os_str().is_empty()).map(Path::to_path_buf);
    let name = start.file_name().map(|n| n.to_string_lossy().into_owned());
    (folder, name)
}

/// Shows a chooser over `window` without freezing it: GTK wants the dialog made on the main
/// thread, and the answer is awaited here, off it, while the main loop keeps running.
async fn ask<F, A>(window: &WebviewWindow, make: F) -> Option<String>
where
    F: FnOnce(AsyncFileDialog) -> A + Send + 'static,
    A: Future<Output = Option<FileHandle>> + Send + 'static,
{
    let (made, mut dialog) = tauri::async_runtime::channel(1);
    let parent = window.clone();
    window
        .run_on_main_thread(move || {
            let _ = made.try_send(make(AsyncFileDialog::new().set_parent(&parent)));
        })
        .ok()?;
    let picked = dialog.recv().await?.await?;
    Some(picked.path().display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_suggested_file_opens_the_chooser_in_its_folder_with_its_name() {
        let (folder, name) = suggestion(Path::new("/home/sam/Documents/meetings.csv"));
        assert_eq!(folder, Some(PathBuf::from("/home/sam/Documents")));
        assert_eq!(name.as_deref(), Some("meetings.csv"));
    }

    #[test]
    fn a_suggested_folder_opens_the_chooser_there_with_no_name() {
        let dir = std::env::temp_dir();
        assert_eq!(suggestion(&dir), (Some(dir.clone()), None));
    }

    #[test]
    fn a_bare_name_or_nothing_suggests_no_folder() {
        assert_eq!(suggestion(Path::new("report.pdf")), (None, Some("report.pdf".into())));
        assert_eq!(suggestion(Path::new("")), (None, None));
    }
}
