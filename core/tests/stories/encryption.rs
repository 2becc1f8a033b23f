//! Who comes to a recovery meeting is among the most private facts about a person, and a group's
//! laptop can be left on a bus. These stories follow a chair whose data file is encrypted at rest.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::time::Instant;

use crate::deep_paths::db::{self, ConvertStep, FileState};
use crate::helpers::*;
use circlekeeper_core::*;

const NAMES: [&str; 2] = ["Marguerite", "Thaddeus"];

fn pass(text: &str) -> Passphrase {
    Passphrase::new(text.into()).unwrap()
}

/// Every file in the folder (the data file, its -wal and -shm, any copy), by name, with its bytes.
fn files_in(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap()))
        .collect();
    files.sort();
    files
}

/// The folder's fingerprint: each file's name, length and a hash of its bytes.
fn folder(dir: &Path) -> Vec<(String, usize, u64)> {
    files_in(dir)
        .into_iter()
        .map(|(name, bytes)| {
            let mut h = DefaultHasher::new();
            bytes.hash(&mut h);
            (name, bytes.len(), h.finish())
        })
        .collect()
}

fn names_in(dir: &Path) -> Vec<String> {
    folder(dir).into_iter().map(|(name, ..)| name).collect()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// What `strings` would find: which of these words appear in any file of the folder, and where.
fn readable_in(dir: &Path, words: &[&str]) -> Vec<String> {
    files_in(dir)
        .iter()
        .flat_map(|(file, bytes)| {
            words.iter().filter(|w| contains(bytes, w.as_bytes())).map(move |w| format!("{w} in {file}"))
        })
        .collect()
}

/// A plain-SQLite header anywhere at the start of a file in the folder.
fn plain_headers_in(dir: &Path) -> Vec<String> {
    files_in(dir).into_iter().filter(|(_, b)| b.starts_with(b"SQLite format 3\0")).map(|(f, _)| f).collect()
}

/// Tuesday Night Hope, with Marguerite and Thaddeus on its roster.
fn tuesday_with_two(room: &mut Room) -> Group {
    let group = room.group();
    for name in NAMES {
        room.person(&group, name);
    }
    group
}

/// Tuesday Night Hope with its two, in a store encrypted with `key` from its first byte.
fn encrypted_with_two(key: &Passphrase) -> (Room, Group) {
    let mut room = Room::encrypted(key);
    let group = tuesday_with_two(&mut room);
    (room, group)
}

fn roster_names(store: &Store, group: &Group) -> Vec<String> {
    store.roster(&group.id).unwrap().into_iter().map(|p| p.display_name).collect()
}

#[test]
fn the_roster_is_kept_encrypted_and_no_name_ever_reaches_the_disk_in_the_clear() {
    let key = pass("blue kettle on the stove");
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(db::probe(&data_file(&dir)).unwrap(), FileState::Missing);

    let mut room = Room::in_folder(dir, Some(&key));
    let group = tuesday_with_two(&mut room);
    let path = room.data_file();

    // While the store is open the newest pages sit in the -wal file: that is encrypted too.
    let open_files: Vec<String> = names_in(room.dir.path());
    assert!(open_files.contains(&"circlekeeper.sqlite3-wal".to_string()), "{open_files:?}");
    assert_eq!(readable_in(room.dir.path(), &[NAMES[0], NAMES[1], "Tuesday Night Hope"]), Vec::<String>::new());
    assert_eq!(plain_headers_in(room.dir.path()), Vec::<String>::new());

    let dir = room.close();
    assert_eq!(readable_in(dir.path(), &[NAMES[0], NAMES[1], "Tuesday Night Hope"]), Vec::<String>::new());
    assert_eq!(plain_headers_in(dir.path()), Vec::<String>::new());
    assert_eq!(db::probe(&path).unwrap(), FileState::Encrypted);

    // The right passphrase shows the chair everything again.
    let store = open_at(&path, Some(&key)).unwrap();
    assert_eq!(roster_names(&store, &group), NAMES);
    drop(store);

    // Without a passphrase, the file cannot be read, and the message says why.
    let before = folder(dir.path());
    let err = open_at(&path, None).err().expect("an encrypted file needs its passphrase");
    assert_eq!(err.kind(), "not_a_database");
    assert!(err.to_string().contains("encrypted"), "{err}");
    assert_eq!(folder(dir.path()), before);
}

#[test]
fn a_wrong_passphrase_is_refused_and_the_file_stays_byte_identical() {
    let key = pass("blue kettle on the stove");
    let (room, group) = encrypted_with_two(&key);
    let path = room.data_file();

    // Locked but still open: the shell checks a typed passphrase without touching the data file or
    // its -wal. (Only SQLite's -shm index, which holds no data, notes that a reader came by.)
    let data_and_wal =
        || folder(room.dir.path()).into_iter().filter(|(name, ..)| !name.ends_with("-shm")).collect::<Vec<_>>();
    let while_open = data_and_wal();
    assert!(room.store.verify_passphrase(&key));
    assert!(!room.store.verify_passphrase(&pass("blue kettle on the stove.")));
    assert_eq!(data_and_wal(), while_open);
    let dir = room.close();

    let before = folder(dir.path());
    let err = open_at(&path, Some(&pass("green kettle on the stove"))).err().unwrap();
    assert!(matches!(err, Error::WrongPassphrase("this data file")), "{err:?}");
    assert_eq!(err.kind(), "wrong_passphrase");
    assert!(err.to_string().contains("does not open this data file"), "{err}");
    // Without the key a damaged file looks the same: the chair hears that, and where the backups are.
    assert!(err.to_string().contains("the file may be damaged instead"), "{err}");
    assert!(err.to_string().contains("protected backup"), "{err}");
    assert_eq!(folder(dir.path()), before, "a wrong passphrase must leave every file as it was");

    let store = open_at(&path, Some(&key)).unwrap();
    assert_eq!(roster_names(&store, &group), NAMES);
}

#[test]
fn an_empty_or_blank_passphrase_is_refused_before_anything_is_tried() {
    for typed in ["", "        ", "short"] {
        let err = Passphrase::new(typed.into()).unwrap_err();
        assert_eq!(err.kind(), "invalid");
        assert!(!err.to_string().is_empty());
    }
    assert_eq!(Passphrase::new("   ".into()).unwrap_err().to_string(), "Please enter a passphrase.");
    // And it never shows up in a log line.
    assert_eq!(format!("{:?}", pass("blue kettle on the stove")), "Passphrase(<hidden>)");
}

#[test]
fn a_plain_file_is_not_opened_with_a_passphrase_by_mistake() {
    let mut room = Room::fresh();
    room.group();
    let path = room.data_file();
    let dir = room.close();
    let before = folder(dir.path());
    assert_eq!(db::probe(&path).unwrap(), FileState::Plain);
    let err = open_at(&path, Some(&pass("blue kettle on the stove"))).err().unwrap();
    assert_eq!(err.kind(), "invalid");
    assert!(err.to_string().contains("not encrypted"), "{err}");
    assert_eq!(folder(dir.path()), before);
}

#[test]
fn a_truncated_encrypted_file_gives_a_clear_error_and_is_left_as_it_was() {
    let key = pass("blue kettle on the stove");
    let (room, _) = encrypted_with_two(&key);
    let path = room.data_file();
    let dir = room.close();
    let whole = std::fs::read(&path).unwrap();
    assert!(whole.len() > 3 * 4096, "the store spans several pages");

    // Cut part-way through a page, cut off the last page, cut cleanly after two pages, cut inside the first.
    for keep in [whole.len() - 100, whole.len() - 4096, 2 * 4096, 1000] {
        std::fs::write(&path, &whole[..keep]).unwrap();
        let before = folder(dir.path());
        let err = open_at(&path, Some(&key)).err().expect("a truncated file must be refused");
        assert_eq!(err.kind(), "not_a_database", "cut at {keep}: {err}");
        assert!(err.to_string().contains("damaged"), "cut at {keep}: {err}");
        assert!(err.to_string().contains("protected backup"), "cut at {keep}: {err}");
        assert_eq!(folder(dir.path()), before, "cut at {keep}");
    }
}

#[test]
fn a_file_of_random_bytes_gives_a_clear_error_and_is_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = data_file(&dir);
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let noise: Vec<u8> = (0..10_000)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed as u8
        })
        .collect();
    for len in [8192, 10_000] {
        std::fs::write(&path, &noise[..len]).unwrap();
        match db::probe(&path) {
            Ok(state) => assert_eq!((len, state), (8192, FileState::Encrypted)),
            Err(e) => assert_eq!((len, e.kind()), (10_000, "not_a_database"), "only whole pages may be a store"),
        }
        let before = folder(dir.path());
        // Noise a whole number of pages long cannot be told from a file under another passphrase.
        let err = open_at(&path, Some(&pass("blue kettle on the stove"))).err().unwrap();
        let expected = if len == 8192 { "wrong_passphrase" } else { "not_a_database" };
        assert_eq!(err.kind(), expected, "{len} bytes: {err}");
        // Either way the chair reads that the file may be damaged, and where the backups are.
        assert!(err.to_string().contains("damaged"), "{len} bytes: {err}");
        assert!(err.to_string().contains("automatic backups"), "{len} bytes: {err}");
        let plain = open_at(&path, None).err().unwrap();
        assert_eq!(plain.kind(), "not_a_database");
        assert_eq!(folder(dir.path()), before);
    }
}

/// A plain store, closed, with the names on its roster and a meeting: what it showed, its device.
fn plain_store_with_names() -> (Group, String, String, tempfile::TempDir) {
    let mut room = Room::fresh();
    let group = tuesday_with_two(&mut room);
    room.meeting(&group, MeetingMode::Named);
    let device = room.store.device_id().to_string();
    let seen = everything(&room.store, &group);
    (group, seen, device, room.close())
}

#[test]
fn a_plain_store_with_records_is_encrypted_in_place_and_keeps_every_record() {
    let (group, seen, device, dir) = plain_store_with_names();
    let path = data_file(&dir);
    // Today the names can be read straight off the disk.
    assert!(!readable_in(dir.path(), &NAMES).is_empty());

    let key = pass("the serenity prayer, twice");
    db::encrypt_in_place(&path, &key).unwrap();

    assert_eq!(db::probe(&path).unwrap(), FileState::Encrypted);
    assert_eq!(readable_in(dir.path(), &NAMES), Vec::<String>::new());
    assert_eq!(plain_headers_in(dir.path()), Vec::<String>::new());
    let files: Vec<String> = names_in(dir.path());
    assert_eq!(files, ["circlekeeper.sqlite3"], "no copy and no stale -wal/-shm left behind");

    let store = open_at(&path, Some(&key)).unwrap();
    assert_eq!(store.device_id(), device);
    assert_eq!(everything(&store, &group), seen);

    // Encrypting twice is refused, and changes nothing.
    let before = folder(dir.path());
    assert_eq!(db::encrypt_in_place(&path, &key).unwrap_err().kind(), "invalid");
    assert_eq!(folder(dir.path()), before);
}

#[test]
fn a_failure_midway_through_encrypting_leaves_the_plain_file_intact_and_openable() {
    let (group, seen, _, dir) = plain_store_with_names();
    let path = data_file(&dir);
    let key = pass("the serenity prayer, twice");

    for step in [ConvertStep::CopyWritten, ConvertStep::CopyVerified, ConvertStep::Swapping] {
        let mut steps = Vec::new();
        let err = db::encrypt_in_place_with_hook(&path, &key, &mut |at, copy| {
            steps.push(at);
            // The copy being written is encrypted from its first byte.
            assert!(!contains(&std::fs::read(copy).unwrap(), NAMES[0].as_bytes()));
            if at == step {
                Err(Error::Io(std::io::Error::other("the disk filled up")))
            } else {
                Ok(())
            }
        })
        .unwrap_err();
        assert!(err.to_string().contains("the disk filled up"));
        assert_eq!(steps.last(), Some(&step));

        assert_eq!(db::probe(&path).unwrap(), FileState::Plain, "failed at {step:?}");
        let files: Vec<String> = names_in(dir.path());
        assert!(files.iter().all(|f| !f.contains("encrypting")), "the partial copy is removed: {files:?}");
        let store = open_at(&path, None).unwrap();
        assert_eq!(everything(&store, &group), seen, "failed at {step:?}");
    }

    // A copy that lost a record on its way to disk is caught before it replaces anything.
    let err = db::encrypt_in_place_with_hook(&path, &key, &mut |at, copy| {
        if at == ConvertStep::CopyWritten {
            let conn = rusqlite::Connection::open(copy).unwrap();
            conn.pragma_update(None, "key", key.expose()).unwrap();
            conn.execute("DELETE FROM people WHERE display_name = 'Thaddeus'", []).unwrap();
        }
        Ok(())
    })
    .unwrap_err();
    assert!(err.to_string().contains("did not match the original"), "{err}");
    assert_eq!(db::probe(&path).unwrap(), FileState::Plain);
    let store = open_at(&path, None).unwrap();
    assert_eq!(everything(&store, &group), seen);
}

#[test]
fn changing_the_passphrase_retires_the_old_one() {
    let old = pass("blue kettle on the stove");
    // Quotes and semicolons are just characters of a passphrase.
    let new = pass("it's \"Tuesday\"; -- again");
    let (mut room, group) = encrypted_with_two(&old);
    let path = room.data_file();

    room.store.change_passphrase(&new).unwrap();
    // The store stays open and in use.
    room.person(&group, "Ottilie");
    assert!(room.store.verify_passphrase(&new));
    assert!(!room.store.verify_passphrase(&old));
    let dir = room.close();

    assert_eq!(readable_in(dir.path(), &["Marguerite", "Thaddeus", "Ottilie"]), Vec::<String>::new());
    let err = open_at(&path, Some(&old)).err().unwrap();
    assert!(matches!(err, Error::WrongPassphrase(_)), "{err:?}");
    let store = open_at(&path, Some(&new)).unwrap();
    assert_eq!(roster_names(&store, &group), ["Marguerite", "Ottilie", "Thaddeus"]);
}

#[test]
fn setting_a_passphrase_on_an_open_plain_store_encrypts_it() {
    let mut room = Room::fresh();
    let group = room.group();
    room.person(&group, "Marguerite");
    let key = pass("blue kettle on the stove");
    assert!(!room.store.verify_passphrase(&key));
    room.store.change_passphrase(&key).unwrap();
    room.person(&group, "Thaddeus");
    let seen = everything(&room.store, &group);
    let path = room.data_file();
    let dir = room.close();
    assert_eq!(readable_in(dir.path(), &NAMES), Vec::<String>::new());
    let store = open_at(&path, Some(&key)).unwrap();
    assert_eq!(everything(&store, &group), seen);
}

#[test]
fn opening_with_the_key_takes_about_one_key_derivation() {
    let key = pass("blue kettle on the stove");
    let (room, _) = encrypted_with_two(&key);
    let path = room.data_file();
    let _dir = room.close();

    let started = Instant::now();
    let store = open_at(&path, Some(&key)).unwrap();
    let keyed = started.elapsed();
    let started = Instant::now();
    assert!(store.verify_passphrase(&key));
    let check = started.elapsed();
    drop(store);

    let plain = Room::fresh();
    let plain_path = plain.data_file();
    let _plain_dir = plain.close();
    let started = Instant::now();
    drop(open_at(&plain_path, None).unwrap());
    let plain = started.elapsed();

    eprintln!("open with key: {keyed:?}; passphrase check: {check:?}; plain open: {plain:?}");
    assert!(keyed.as_secs() < 10, "opening took {keyed:?}");
}
