//! Saving the page on screen (a report, the meeting card, a sheet of slips) as a PDF, laid out by its
//! print style on the chosen paper, without the print window. On Linux WebKitGTK prints it to a file
//! through GTK's "Print to File" printer; on Windows and macOS the print window's own "Save as PDF"
//! does this job, so the UI offers Print there instead.

use circlekeeper_core::problem;
use std::path::Path;

use serde::Deserialize;
use ts_rs::TS;

use circlekeeper_core::Result;

/// The paper a printout is laid out on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum Paper {
    A4,
    Letter,
}

/// Opens the system's print window for `window`'s page (where the chair can also choose a PDF).
/// `window.print()` in the page does not reach it from every WebKitGTK, so the shell asks for it.
pub fn print(window: &tauri::WebviewWindow) -> Result<()> {
    window.print().map_err(webview_failed)
}

/// The webview refused what was asked of it (it was closing, say), as core's error.
fn webview_failed(e: tauri::Error) -> circlekeeper_core::Error {
    circlekeeper_core::Error::Io(std::io::Error::other(e.to_string()))
}

/// Prints `window`'s page to a PDF at `path`, whole or not at all.
#[cfg(target_os = "linux")]
pub fn save_pdf(window: &tauri::WebviewWindow, paper: Paper, path: &Path) -> Result<()> {
    use std::sync::mpsc;
    use std::time::Duration;

    use circlekeeper_core::Error;

    // GTK's file printer writes the PDF itself, so it writes beside the chosen file and the PDF is
    // then saved whole by core (synced and renamed), like every other file the chair saves.
    let printed = path.with_extension("printing.pdf");
    let (done, finished) = mpsc::channel::<std::result::Result<(), String>>();
    let uri = glib_uri(&printed)?;
    circlekeeper_core::files::save_document(path, "The PDF", || {
        window
            .with_webview(move |webview| linux::print(&webview.inner(), paper, &uri, done))
            .map_err(webview_failed)?;
        // A page of a few sheets prints in well under a second; a minute means the printer is stuck.
        let outcome = finished.recv_timeout(Duration::from_secs(60)).unwrap_or_else(|_| Err("it took too long".into()));
        let bytes = outcome.and_then(|()| std::fs::read(&printed).map_err(|e| e.to_string()));
        let _ = std::fs::remove_file(&printed);
        match bytes {
            Ok(bytes) if bytes.starts_with(b"%PDF") => Ok(bytes),
            Ok(_) => Err(Error::Invalid(problem!(
                "pdf_wrong_output",
                "The PDF could not be made: the printer gave something else."
            ))),
            Err(why) => Err(Error::Invalid(problem!("pdf_not_made", "The PDF could not be made: {why}.", why = why))),
        }
    })
}

#[cfg(target_os = "linux")]
fn glib_uri(path: &Path) -> Result<String> {
    let absolute = std::path::absolute(path)?;
    Ok(url_of(&absolute))
}

/// `file://` and the path, with the bytes a URI cannot carry as they are escaped (a space, "#", "%",
/// non-ASCII letters in a folder's name).
#[cfg(target_os = "linux")]
fn url_of(path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut uri = String::from("file://");
    for &b in path.as_os_str().as_bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            uri.push(b as char);
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri
}

/// Not on this platform: the UI offers the print window, whose "Save as PDF" does the same.
#[cfg(not(target_os = "linux"))]
pub fn save_pdf(_window: &tauri::WebviewWindow, _paper: Paper, _path: &Path) -> Result<()> {
    Err(circlekeeper_core::Error::Invalid(problem!(
        "choose_print_then_save_pdf",
        "Choose Print…, then “Save as PDF” in the print window, to save this page as a PDF."
    )))
}

#[cfg(target_os = "linux")]
mod linux {
    use std::sync::mpsc::Sender;

    use webkit2gtk::{PrintOperation, PrintOperationExt};

    use super::Paper;

    /// Starts printing on GTK's main thread; the outcome arrives on `done`.
    pub fn print(webview: &webkit2gtk::WebView, paper: Paper, uri: &str, done: Sender<Result<(), String>>) {
        let settings = gtk::PrintSettings::new();
        settings.set_printer(&file_printer());
        settings.set(gtk::PRINT_SETTINGS_OUTPUT_FILE_FORMAT, Some("pdf"));
        settings.set(gtk::PRINT_SETTINGS_OUTPUT_URI, Some(uri));
        let setup = gtk::PageSetup::new();
        let size = gtk::PaperSize::new(Some(match paper {
            Paper::A4 => "iso_a4",
            Paper::Letter => "na_letter",
        }));
        setup.set_paper_size(&size);
        settings.set_paper_size(&size);
        let operation = PrintOperation::new(webview);
        operation.set_print_settings(&settings);
        operation.set_page_setup(&setup);
        let failed = done.clone();
        operation.connect_failed(move |_, e| drop(failed.send(Err(e.to_string()))));
        operation.connect_finished(move |_| drop(done.send(Ok(()))));
        operation.print();
    }

    /// The name of GTK's "Print to File" printer: it is in the desktop's language, so it is asked
    /// of GTK's own translations rather than written here in English.
    fn file_printer() -> String {
        gtk::glib::dgettext(Some("gtk30"), "Print to File").to_string()
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn a_folder_with_a_space_and_an_accent_is_a_uri_gtk_reads() {
        assert_eq!(url_of(Path::new("/home/zoë/My reports/#1.pdf")), "file:///home/zo%C3%AB/My%20reports/%231.pdf");
    }
}
