//! The chair's preferences (never meeting data): the last opened group, the text size, the chime's
//! volume and the like, one JSON object in a small file. The file is where tauri-plugin-store kept
//! it, in the same shape, so earlier choices carry over. A damaged file reads as no preferences and
//! is replaced on the next save: a preference lost is acceptable, a chair kept out is not.

use std::path::Path;
use std::sync::Mutex;

use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::files::write_whole;

/// The file's name in the app's data folder.
pub const FILE: &str = "preferences.json";

/// Longer than any preference the UI keeps; a bigger one is a mistake, not a choice.
const MAX_KEY: usize = 64;
const MAX_VALUE: usize = 1024;

/// One save at a time, so two quick changes never write over each other's key.
static SAVING: Mutex<()> = Mutex::new(());

/// The preferences in `file`; none when it is missing or damaged.
pub fn read(file: &Path) -> Map<String, Value> {
    std::fs::read(file).ok().and_then(|bytes| serde_json::from_slice(&bytes).ok()).unwrap_or_default()
}

/// Sets `key` to `value` in `file`, keeping the others; the file is written whole or not at all.
pub fn save(file: &Path, key: &str, value: Value) -> Result<()> {
    if key.trim().is_empty() || key.len() > MAX_KEY {
        return Err(Error::invalid("A preference needs a short name."));
    }
    if value.to_string().len() > MAX_VALUE {
        return Err(Error::invalid(format!("The preference {key} is too long to keep.")));
    }
    let _one_at_a_time = SAVING.lock().unwrap_or_else(|e| e.into_inner());
    let mut all = read(file);
    all.insert(key.to_string(), value);
    if let Some(folder) = file.parent() {
        std::fs::create_dir_all(folder)?;
    }
    let bytes = serde_json::to_vec(&all).map_err(|e| Error::invalid(e.to_string()))?;
    write_whole(file, &bytes)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_chosen_text_size_and_volume_are_there_at_the_next_start() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("app").join(FILE);
        assert!(read(&file).is_empty(), "a first start has no preferences");
        save(&file, "textScale", json!(1.3)).unwrap();
        save(&file, "volume", json!(0.4)).unwrap();
        save(&file, "textScale", json!(1.5)).unwrap();
        let prefs = read(&file);
        assert_eq!(prefs.get("textScale"), Some(&json!(1.5)));
        assert_eq!(prefs.get("volume"), Some(&json!(0.4)));
        assert_eq!(prefs.len(), 2);
    }

    #[test]
    fn the_file_tauri_plugin_store_wrote_is_read_as_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(FILE);
        std::fs::write(&file, r#"{"lastGroupId":"g1","muted":true,"paper":"letter"}"#).unwrap();
        let prefs = read(&file);
        assert_eq!(prefs.get("lastGroupId"), Some(&json!("g1")));
        assert_eq!(prefs.get("muted"), Some(&json!(true)));
        save(&file, "idleLockMinutes", json!(15)).unwrap();
        assert_eq!(read(&file).get("paper"), Some(&json!("letter")), "the others are kept");
    }

    #[test]
    fn a_damaged_file_reads_as_none_and_the_next_save_replaces_it() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(FILE);
        for damaged in ["{\"volume\": 0.", "not json", "[1, 2]", ""] {
            std::fs::write(&file, damaged).unwrap();
            assert!(read(&file).is_empty(), "{damaged:?} reads as no preferences");
        }
        save(&file, "muted", json!(true)).unwrap();
        assert_eq!(read(&file), Map::from_iter([("muted".to_string(), json!(true))]));
    }

    #[test]
    fn a_nameless_or_oversized_preference_is_refused_and_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(FILE);
        save(&file, "volume", json!(0.6)).unwrap();
        let before = std::fs::read(&file).unwrap();
        for (key, value) in [
            ("", json!(1)),
            ("  ", json!(1)),
            (&*"k".repeat(10_000), json!(1)),
            ("lastGroupId", json!("x".repeat(10_000))),
        ] {
            let refused = save(&file, key, value).unwrap_err();
            assert!(matches!(refused, Error::Invalid(_)), "{refused}");
        }
        assert_eq!(std::fs::read(&file).unwrap(), before);
    }
}
