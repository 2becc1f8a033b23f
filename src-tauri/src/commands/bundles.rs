//! Handover bundles: a sealed file the chair carries to another laptop. Nothing is sent anywhere.
//! Sealing and opening a bundle derive its key (a deliberately slow step), so they run without
//! holding the store: the room display's timer and the chair's window carry on meanwhile. Only
//! reading the records and merging them in take the store.

use std::path::{Path, PathBuf};

use circlekeeper_core::bundle::{open_bundle_file, Outgoing};
use circlekeeper_core::{Error, ImportReport, Passphrase, Result, SavedBundle, Store};
use tauri::{AppHandle, Manager, State};

use crate::state::AppState;

/// Where a bundle is saved unless the chair picks another folder: Documents, else home.
#[tauri::command]
pub fn bundle_folder(app: AppHandle) -> String {
    let path = app.path();
    let folder: PathBuf = path.document_dir().or_else(|_| path.home_dir()).unwrap_or_else(|_| PathBuf::from("."));
    folder.display().to_string()
}

#[tauri::command]
pub fn export_bundle(
    state: State<'_, AppState>,
    group_id: String,
    passphrase: String,
    only_changes: bool,
    folder: String,
) -> Result<SavedBundle> {
    save(&state, |s| s.prepare_export(&group_id, only_changes), &Passphrase::new(passphrase)?, Path::new(&folder))
}

/// A protected backup of the group: a bundle like a handover's, which does not count as one.
#[tauri::command]
pub fn backup_bundle(
    state: State<'_, AppState>,
    group_id: String,
    passphrase: String,
    folder: String,
) -> Result<SavedBundle> {
    save(&state, |s| s.prepare_backup(&group_id), &Passphrase::new(passphrase)?, Path::new(&folder))
}

#[tauri::command]
pub fn import_bundle(
    state: State<'_, AppState>,
    path: String,
    passphrase: String,
    group_id: Option<String>,
) -> Result<ImportReport> {
    import(&state, Path::new(&path), Passphrase::new(passphrase)?, group_id.as_deref())
}

/// Reads the records under the store, seals and writes the file without it, and notes the
/// export under it once the file is on the disk.
fn save(
    state: &AppState,
    prepare: impl FnOnce(&mut Store) -> Result<Outgoing>,
    passphrase: &Passphrase,
    folder: &Path,
) -> Result<SavedBundle> {
    let out = state.with(prepare)?;
    let written = out.write_into(folder, passphrase)?;
    state.with(|s| s.note_export(&out, &written))
}

fn import(state: &AppState, path: &Path, passphrase: Passphrase, group_id: Option<&str>) -> Result<ImportReport> {
    if state.is_locked() {
        return Err(Error::Locked);
    }
    let payload = open_bundle_file(path, &passphrase)?;
    state.with(|s| s.import_payload(payload, group_id))
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use circlekeeper_core::bundle::envelope::{self, Cost};
    use circlekeeper_core::GroupInput;

    use super::*;

    const PASS: &str = "blue kettle on the stove";

    fn pass() -> Passphrase {
        Passphrase::new(PASS.into()).unwrap()
    }

    #[test]
    fn the_store_stays_free_while_a_bundle_is_opened() {
        let dir = std::env::temp_dir().join(format!("circlekeeper-bundles-{}", circlekeeper_core::new_id()));
        std::fs::create_dir_all(&dir).unwrap();
        let state = AppState::start(dir.join("circlekeeper.sqlite3"));
        state.set_up(None).unwrap();
        let group = GroupInput {
            name: "Tuesday Night Hope".into(),
            fellowship: String::new(),
            weekday: 1,
            start_time: "19:30".into(),
            length_min: 60,
            location: String::new(),
        };
        let g = state.with(|s| s.create_group(&group)).unwrap();
        let saved = save(&state, |s| s.prepare_export(&g.id, false), &pass(), &dir).unwrap();

        // The same records sealed at a cost that takes a while to derive, as a bundle from a
        // slower laptop or a crafted one may ask.
        let json = envelope::open(std::fs::read(&saved.path).unwrap(), &pass()).unwrap();
        let slow = envelope::seal_with(&json, &pass(), &Cost { m_kib: 64 * 1024, t: 10, p: 1 }).unwrap();
        let slow_file = dir.join("slow.ckbundle");
        std::fs::write(&slow_file, slow).unwrap();

        std::thread::scope(|scope| {
            let importing = scope.spawn(|| import(&state, &slow_file, pass(), None));
            std::thread::sleep(Duration::from_millis(200));
            let asked = Instant::now();
            let groups = state.with(|s| s.groups()).unwrap();
            let answered = asked.elapsed();
            assert!(answered < Duration::from_millis(100), "the store waited {answered:?} for the bundle's key");
            assert!(!importing.is_finished(), "the key derivation took less than 200 ms: the test proves nothing");
            assert_eq!(groups.len(), 1);
            importing.join().unwrap().unwrap();
        });
        std::fs::remove_dir_all(dir).unwrap();
    }
}
