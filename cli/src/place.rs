//! Where the data file is: `--data-dir DIR`, else `CIRCLEKEEPER_DATA_DIR`, else the folder the app
//! uses (Tauri's app data folder for the identifier `org.circlekeeper.app`), so the tool and the
//! app always mean the same file.

use std::path::{Path, PathBuf};

use crate::fail::Failure;

/// The app's identifier (src-tauri/tauri.conf.json): the name of its data folder.
const IDENTIFIER: &str = "org.circlekeeper.app";

/// The data file's name inside the folder, as the app names it.
pub const DATA_FILE: &str = "circlekeeper.sqlite3";

/// The data file, from the folder given on the command line, the environment, or the app's own.
pub fn data_file(given: Option<&Path>) -> Result<PathBuf, Failure> {
    if let Some(dir) = given {
        return Ok(dir.join(DATA_FILE));
    }
    if let Some(dir) = std::env::var_os("CIRCLEKEEPER_DATA_DIR").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir).join(DATA_FILE));
    }
    app_data_dir().map(|dir| dir.join(DATA_FILE)).ok_or_else(|| {
        Failure::usage(
            "Cannot tell where Circlekeeper keeps its data on this computer (no home folder is set). \
             Give the folder with --data-dir DIR.",
        )
    })
}

/// The platform's data folder for the app, as Tauri's `app_data_dir` finds it: on Linux
/// `$XDG_DATA_HOME` (only if absolute) or `~/.local/share`; on Windows `%APPDATA%` (Roaming); on
/// macOS `~/Library/Application Support`.
fn app_data_dir() -> Option<PathBuf> {
    let home = || std::env::var_os("HOME").filter(|h| !h.is_empty()).map(PathBuf::from);
    let base = if cfg!(windows) {
        std::env::var_os("APPDATA").filter(|d| !d.is_empty()).map(PathBuf::from)
    } else if cfg!(target_os = "macos") {
        home().map(|h| h.join("Library/Application Support"))
    } else {
        std::env::var_os("XDG_DATA_HOME")
            .map(PathBuf::from)
            .filter(|d| d.is_absolute())
            .or_else(|| home().map(|h| h.join(".local/share")))
    };
    base.map(|b| b.join(IDENTIFIER))
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    // One test, because it sets the process environment the other cases read.
    #[test]
    fn the_folder_is_the_one_the_app_uses_on_linux() {
        std::env::remove_var("CIRCLEKEEPER_DATA_DIR");
        std::env::set_var("HOME", "/home/robin");
        std::env::set_var("XDG_DATA_HOME", "relative/ignored");
        assert_eq!(
            data_file(None).unwrap(),
            Path::new("/home/robin/.local/share/org.circlekeeper.app/circlekeeper.sqlite3")
        );
        std::env::set_var("XDG_DATA_HOME", "/data/xdg");
        assert_eq!(data_file(None).unwrap(), Path::new("/data/xdg/org.circlekeeper.app/circlekeeper.sqlite3"));
        std::env::set_var("CIRCLEKEEPER_DATA_DIR", "/srv/ck");
        assert_eq!(data_file(None).unwrap(), Path::new("/srv/ck/circlekeeper.sqlite3"));
        assert_eq!(data_file(Some(Path::new("/given"))).unwrap(), Path::new("/given/circlekeeper.sqlite3"));
    }
}
