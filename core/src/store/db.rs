//! The one place that opens a store: pragmas, migrations, the refusal to touch a database written
//! by a newer Circlekeeper, and encryption at rest (SQLCipher).
//!
//! An encrypted file is keyed with `PRAGMA key` before anything reads it; SQLCipher derives the
//! page key with its own KDF (PBKDF2-HMAC-SHA512, its default iterations) and a random salt kept
//! in the file's first 16 bytes. Changing the key, or encrypting a plain file, never rewrites the
//! file in place: an encrypted copy is written next to it, synced, verified, and renamed over it.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use rusqlite::{Connection, OpenFlags, OptionalExtension};
use rusqlite_migration::{Migrations, M};
use zeroize::Zeroizing;

use crate::error::{backups, problem, Error, Problem, Refusal, Result, DATA_FILE};
use crate::store::passphrase::Passphrase;
use crate::store::raw_key::RawKey;

/// Each step, in order; a released step is never edited, only followed by a new one.
const STEPS: &[&str] = &[
    include_str!("../../migrations/001_foundation.sql"),
    include_str!("../../migrations/002_shares.sql"),
    include_str!("../../migrations/003_rounds.sql"),
    include_str!("../../migrations/004_format_and_milestones.sql"),
    include_str!("../../migrations/005_handover.sql"),
    include_str!("../../migrations/006_long_history.sql"),
    include_str!("../../migrations/007_blank_tombstones.sql"),
    include_str!("../../migrations/008_local_changes_and_stamps.sql"),
    include_str!("../../migrations/009_rounds_end_with_their_meeting.sql"),
    include_str!("../../migrations/010_facts_that_outlive_names.sql"),
    include_str!("../../migrations/011_slips_and_resources.sql"),
];

static MIGRATIONS: LazyLock<Migrations<'static>> =
    LazyLock::new(|| Migrations::new(STEPS.iter().map(|sql| M::up(sql)).collect()));

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = STEPS.len() as i64;

/// The first schema written with `secure_delete` on (see `prepare`).
const SECURE_SINCE: i64 = 7;

/// The page cache of a store's connection, in KiB: the whole of ten years of three weekly groups.
const PAGE_CACHE_KIB: i64 = 64 * 1024;

/// The first 16 bytes of every plain SQLite file. An encrypted file starts with its random salt.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// SQLCipher's page size (its default); an encrypted file is always a whole number of pages.
const CIPHER_PAGE_SIZE: u64 = 4096;

/// What is at a data file's path, judged from its first bytes without opening it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub enum FileState {
    /// No file, or an empty one: opening creates a new store (encrypted if a passphrase is given).
    Missing,
    /// A plain SQLite file: opens without a passphrase.
    Plain,
    /// Anything else: an encrypted store needing its passphrase (or a file that is no database at all,
    /// which then fails to open with [`Error::WrongPassphrase`] or [`Error::NotADatabase`]).
    Encrypted,
}

/// Looks at the first bytes of `path`; reads nothing else and changes nothing.
pub fn probe(path: &Path) -> Result<FileState> {
    let mut file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FileState::Missing),
        Err(e) => return Err(e.into()),
    };
    let mut head = [0u8; 16];
    let mut read = 0;
    while read < head.len() {
        match file.read(&mut head[read..])? {
            0 => break,
            n => read += n,
        }
    }
    let len = file.metadata()?.len();
    Ok(match read {
        0 => FileState::Missing,
        16 if &head == SQLITE_HEADER => FileState::Plain,
        // An encrypted store is whole pages; anything else is damaged, cut short, or not ours.
        _ if len % CIPHER_PAGE_SIZE != 0 => {
            return Err(Error::NotADatabase(problem!(
                "damaged_or_not_ours",
                "it is damaged or cut short, or it is not a Circlekeeper database. It was left exactly as \
                 it is. {backups}",
                backups = backups()
            )))
        }
        _ => FileState::Encrypted,
    })
}

/// Lets SQLite (and SQLCipher) finish initialising before a store's connection is opened. SQLite
/// marks itself initialised before SQLCipher's extra initialisation registers `sqlcipher_export`
/// for new connections, so a connection opened on another thread in between lacks it and a
/// passphrase change on it fails ("no such function: sqlcipher_export"; seen when the first
/// stories of a run opened stores at once). The first connection is opened here, the others wait.
fn sqlite_ready() {
    static READY: std::sync::Once = std::sync::Once::new();
    READY.call_once(|| {
        let _ = Connection::open_in_memory();
    });
}

/// Opens (creating if need be) the plain store at `path` and brings its schema up to date.
pub fn open(path: &Path) -> Result<Connection> {
    open_keyed(path, None)
}

/// Opens (creating if need be) the store at `path`, keyed with `key` when given, and brings its
/// schema up to date.
///
/// - `None` opens a plain file as [`open`] always did (a damaged file is now refused up front by
///   `PRAGMA quick_check`, before anything is written).
/// - `Some(key)` opens an encrypted file, or creates a new encrypted one where there is none.
///   A wrong key gives [`Error::WrongPassphrase`] and leaves the file byte-identical (nothing is
///   written before the key is proven). A plain file is refused with [`Error::Invalid`]: encrypt it
///   first with [`encrypt_in_place`] or [`crate::Store::change_passphrase`].
pub fn open_keyed(path: &Path, key: Option<&Passphrase>) -> Result<Connection> {
    let state = probe(path)?;
    match (state, key) {
        (FileState::Plain, Some(_)) => {
            return Err(Error::invalid(problem!(
                "data_file_not_encrypted",
                "This data file is not encrypted yet, so a passphrase cannot open it. Nothing was changed."
            )))
        }
        (FileState::Encrypted, Some(_)) => {
            let len = std::fs::metadata(path)?.len();
            if len % CIPHER_PAGE_SIZE != 0 {
                return Err(damaged("it ends part-way through a page".into()));
            }
        }
        _ => {}
    }
    let existed = state != FileState::Missing;
    sqlite_ready();
    let opened = (|| {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        if let Some(key) = key {
            set_key(&conn, key)?;
        }
        prepare(conn, key.is_some(), existed)
    })();
    match opened {
        // Without a key SQLite only says "not a database"; say what the first bytes suggest.
        Err(Error::NotADatabase(why)) if key.is_none() && state == FileState::Encrypted => {
            Err(Error::NotADatabase(problem!(
                "encrypted_or_not_database",
                "it is encrypted (a passphrase is needed) or it is not a database at all ({why}).",
                why = why
            )))
        }
        Err(e) => Err(refused_at_open(e, path)),
        ok => ok,
    }
}

/// An error opening the store as [`Error::NotSaving`] when the disk refused it. SQLite only says
/// it "cannot open" a file it could read but not write to (its WAL needs the folder writable), so
/// the folder is asked: a file that cannot be made there tells why.
fn refused_at_open(e: Error, path: &Path) -> Error {
    let Some(why) = e.refusal() else { return e };
    let check = with_suffix(path, ".write-check");
    let folder = match std::fs::OpenOptions::new().write(true).create_new(true).open(&check) {
        Ok(_) => {
            let _ = std::fs::remove_file(&check);
            None
        }
        Err(e) => Refusal::of_io(&e),
    };
    Error::cannot_open_to_save(folder.unwrap_or(why))
}

/// A fresh store in memory, for tests and benchmarks.
pub fn open_in_memory() -> Result<Connection> {
    sqlite_ready();
    prepare(Connection::open_in_memory()?, false, false)
}

/// Every (table, column) of the current schema whose table and column pass `filter`, an SQL
/// condition on `m` (the table) and `p` (the column); for the tests that hold a list of columns
/// to the schema.
#[cfg(test)]
pub(crate) fn schema_columns(conn: &Connection, filter: &str) -> Vec<(String, String)> {
    let sql = format!(
        "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND ({filter}) ORDER BY 1, 2"
    );
    let mut stmt = conn.prepare(&sql).unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().collect::<rusqlite::Result<_>>().unwrap()
}

/// Keys a connection before anything reads its file; SQLCipher derives the page key from the
/// passphrase with its own KDF.
pub(crate) fn set_key(conn: &Connection, key: &Passphrase) -> Result<()> {
    keyed_with(conn, &key_pragma(key))
}

/// Keys a connection with a page key derived beforehand (see [`RawKey`]): no KDF runs.
pub(crate) fn set_raw_key(conn: &Connection, key: &RawKey) -> Result<()> {
    keyed_with(conn, &key.pragma())
}

fn keyed_with(conn: &Connection, key_pragma: &str) -> Result<()> {
    secure_memory(conn)?;
    conn.execute_batch(key_pragma)?;
    // A build without SQLCipher would take `PRAGMA key` silently and write names in the clear.
    let cipher: Option<String> = conn.query_row("PRAGMA cipher_version", [], |r| r.get(0)).optional()?;
    if cipher.is_none() {
        return Err(Error::invalid(problem!(
            "cannot_encrypt",
            "This build of Circlekeeper cannot encrypt its data file."
        )));
    }
    Ok(())
}

/// Turns on SQLCipher's memory security: from now on every allocation SQLite frees is wiped, so the
/// passphrase's copies inside SQLite, the derived key and decrypted pages do not linger in freed
/// memory once a connection closes. It holds for the whole process and cannot be turned off again.
fn secure_memory(conn: &Connection) -> Result<()> {
    conn.execute_batch("PRAGMA cipher_memory_security = ON")?;
    Ok(())
}

/// `PRAGMA key = '…'`, the passphrase quoted as an SQL string literal, built in memory that is wiped
/// when dropped and sized exactly up front, so no reallocation leaves an unwiped copy behind.
fn key_pragma(key: &Passphrase) -> Zeroizing<String> {
    const HEAD: &str = "PRAGMA key = '";
    let text = key.expose();
    let quotes = text.matches('\'').count();
    let mut sql = Zeroizing::new(String::with_capacity(HEAD.len() + text.len() + quotes + 1));
    sql.push_str(HEAD);
    for c in text.chars() {
        if c == '\'' {
            sql.push('\'');
        }
        sql.push(c);
    }
    sql.push('\'');
    sql
}

fn prepare(mut conn: Connection, keyed: bool, existed: bool) -> Result<Connection> {
    // Reading the header first turns "not a database" (or a wrong key) into a clear message before
    // anything is written.
    let found = user_version(&conn, keyed)?;
    if found > SCHEMA_VERSION {
        return Err(Error::NewerSchema { found, known: SCHEMA_VERSION });
    }
    if existed {
        // A truncated or damaged file is refused before WAL or a migration could write to it.
        check_intact(&conn, "main")?;
    }
    // Pages stay decoded (and, encrypted, decrypted) in memory up to this many KiB, rather than the
    // 2 MiB SQLite keeps by default: ten years of a group's history is read again on every look at it.
    // Set after the integrity check: caching every page it reads doubled the time to open.
    conn.pragma_update(None, "cache_size", -PAGE_CACHE_KIB)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // WAL keeps a reader from blocking the writer; NORMAL sync is durable across app crashes.
    let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    // What a write removes or replaces is overwritten with zeros, not left in the file's free space.
    conn.pragma_update(None, "secure_delete", "ON")?;
    upgrade(&mut conn, found, existed, || Ok(()))?;
    Ok(conn)
}

/// Brings the schema from `found` up to date. A file written before secure_delete may still hold
/// what it removed in free pages, so it is rebuilt first, while its version still says so: a kill
/// after the rebuild only rebuilds it again, and one after migrating finds nothing left to rebuild.
/// (Rebuilt after migrating, a kill between the two left a file whose new version said it never
/// needed it.) `between` runs between the two, for the test that stops there.
fn upgrade(conn: &mut Connection, found: i64, existed: bool, between: impl FnOnce() -> Result<()>) -> Result<()> {
    if existed && found < SECURE_SINCE {
        empty_wal(conn)?;
        conn.execute_batch("VACUUM")?;
        empty_wal(conn)?;
    }
    between()?;
    MIGRATIONS.to_latest(conn)?;
    Ok(())
}

/// The schema version, read from page 1: the first read of a file, and so the test of its key.
fn user_version(conn: &Connection, keyed: bool) -> Result<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(|e| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) if keyed => Error::WrongPassphrase(DATA_FILE),
        Some(rusqlite::ErrorCode::DatabaseCorrupt) => damaged(e.to_string()),
        // A folder that cannot be written to, or a full disk: said as such by the caller.
        _ if Refusal::of_sqlite(&e).is_some() => Error::Store(e),
        _ => Error::NotADatabase(Problem::detail(e)),
    })
}

fn damaged(why: String) -> Error {
    Error::NotADatabase(problem!(
        "damaged",
        "it is damaged or incomplete ({why}). Nothing was changed. {backups}",
        why = why,
        backups = backups()
    ))
}

/// `PRAGMA quick_check` on one schema: every page readable (and, encrypted, authentic), every tree sound.
pub(crate) fn check_intact(conn: &Connection, schema: &str) -> Result<()> {
    let sql = format!("PRAGMA {}.quick_check(1)", quote_ident(schema));
    let verdict: String = conn.query_row(&sql, [], |r| r.get(0)).map_err(|e| damaged(e.to_string()))?;
    if verdict != "ok" {
        return Err(damaged(verdict));
    }
    Ok(())
}

/// SQLite's full `PRAGMA integrity_check` of the main database: every page, tree, index and
/// constraint. Empty when it is sound; otherwise what SQLite found, one line each (at most 100).
pub(crate) fn integrity_problems(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("PRAGMA main.integrity_check")?;
    let lines = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(if lines == ["ok"] { vec![] } else { lines })
}

/// Checks `key` against the encrypted file at `path` with a second, read-only connection: one run
/// of the KDF (about a tenth of a second), no write, no lock held afterwards. A plain file, a
/// missing file or a wrong key all give `false`.
pub fn key_opens(path: &Path, key: &Passphrase) -> bool {
    if probe(path).ok() != Some(FileState::Encrypted) {
        return false;
    }
    let Ok(conn) =
        Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
    else {
        return false;
    };
    set_key(&conn, key).is_ok()
        && conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get::<_, i64>(0)).is_ok()
}

// ---------------------------------------------------------------------------------------------
// Encrypting a plain file, and changing the key of an encrypted one: export, verify, swap.
// ---------------------------------------------------------------------------------------------

/// Where [`encrypt_in_place_with_hook`] has got to when it calls its hook. Returning an error from
/// the hook aborts there, as any real failure at that point would: the original stays as it was
/// and the copy is removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConvertStep {
    /// The encrypted copy is written and synced to disk but not yet verified.
    CopyWritten,
    /// The copy opens with the key and holds the same tables and row counts as the original.
    CopyVerified,
    /// Every connection to the original is closed; the next move is the rename over it.
    Swapping,
}

/// Converts the plain database at `path` into an encrypted one keyed with `key`, keeping every
/// record. Close every [`crate::Store`] on `path` first. Until the final rename the original is
/// untouched (its WAL is checkpointed into it); after the rename the plain file and its
/// `-wal`/`-shm` are gone from the directory. (Like any delete, that does not scrub the disk blocks
/// the plain file used; full-disk encryption covers that.)
pub fn encrypt_in_place(path: &Path, key: &Passphrase) -> Result<()> {
    encrypt_in_place_with_hook(path, key, &mut |_, _| Ok(()))
}

/// [`encrypt_in_place`], calling `hook` at each [`ConvertStep`] with the copy's path, so a test can
/// make any step fail (or tamper with the copy before it is verified).
#[doc(hidden)]
pub fn encrypt_in_place_with_hook(
    path: &Path,
    key: &Passphrase,
    hook: &mut dyn FnMut(ConvertStep, &Path) -> Result<()>,
) -> Result<()> {
    match probe(path)? {
        FileState::Plain => {}
        FileState::Encrypted => {
            return Err(Error::invalid(problem!(
                "data_file_already_encrypted_nothing",
                "This data file is already encrypted. Nothing was changed."
            )))
        }
        FileState::Missing => {
            return Err(Error::invalid(problem!(
                "no_data_file_to_encrypt",
                "There is no data file to encrypt. Nothing was changed."
            )))
        }
    }
    // CREATE is for the attached copy, which inherits these flags; `path` itself exists (probed above).
    sqlite_ready();
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    user_version(&conn, false)?;
    check_intact(&conn, "main")?;
    let copy = write_verified_copy(&conn, path, key, hook)?;
    close(conn)?;
    swap_in(copy, path, hook)
}

/// Re-encrypts the database behind `conn` (plain or encrypted) with `new`, by export and swap, and
/// leaves `conn` open on the result. `PRAGMA rekey` is not used: in SQLCipher 4.14 it reports
/// success even when it could not take the write lock, and the connection then writes pages under
/// the new key into a file still keyed with the old one (measured: the file became unreadable).
///
/// A failure before the swap leaves the file and `conn` as they were. A failure after `conn` was
/// closed (closing, renaming, reopening) leaves `conn` on an empty in-memory database; the file on
/// disk is then either the old one or the new one, whole, and the store must be reopened.
pub(crate) fn rekey(conn: &mut Connection, new: &Passphrase) -> Result<()> {
    rekey_with_hook(conn, new, &mut |_, _| Ok(()))
}

fn rekey_with_hook(
    conn: &mut Connection,
    new: &Passphrase,
    hook: &mut dyn FnMut(ConvertStep, &Path) -> Result<()>,
) -> Result<()> {
    let path = match conn.path() {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => {
            return Err(Error::invalid(problem!(
                "memory_store_encrypt",
                "A store kept only in memory has no data file to encrypt."
            )))
        }
    };
    let copy = write_verified_copy(conn, &path, new, hook)?;
    let old = std::mem::replace(conn, Connection::open_in_memory()?);
    if let Err((old, e)) = old.close() {
        *conn = old;
        return Err(e.into());
    }
    swap_in(copy, &path, hook)?;
    *conn = open_keyed(&path, Some(new))?;
    Ok(())
}

/// A file being written beside where it will go (an encrypted copy, a backup, a restore); removed
/// with its journal when dropped, unless it was renamed into place.
pub(crate) struct Scratch {
    path: PathBuf,
    keep: bool,
}

impl Scratch {
    pub(crate) fn new(path: PathBuf) -> Scratch {
        Scratch { path, keep: false }
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Renames the finished file to `to` and makes the rename durable.
    pub(crate) fn rename_to(mut self, to: &Path) -> Result<()> {
        std::fs::rename(&self.path, to)?;
        self.keep = true;
        sync_dir(to);
        Ok(())
    }

    /// Renames the finished file over the data file `path`, whose every connection must be closed.
    /// Its `-wal` (already folded in and empty) and `-shm` are removed first, so no frame of the old
    /// file can ever be replayed onto the new one.
    pub(crate) fn replace(self, path: &Path) -> Result<()> {
        for suffix in ["-wal", "-shm"] {
            match std::fs::remove_file(with_suffix(path, suffix)) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
                _ => {}
            }
        }
        self.rename_to(path)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if !self.keep {
            let _ = std::fs::remove_file(&self.path);
            for suffix in LEFTOVERS {
                let _ = std::fs::remove_file(with_suffix(&self.path, suffix));
            }
        }
    }
}

/// What SQLite may leave beside a file being written when it is killed: its rollback journal, or,
/// for a copy that took the WAL mode of its source with its first page, its WAL and shared memory.
pub(crate) const LEFTOVERS: [&str; 3] = ["-journal", "-wal", "-shm"];

/// `path` with `suffix` added to its file name (`-wal`, `.encrypting`).
pub(crate) fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Checkpoints `conn`'s WAL, exports its main database into an encrypted copy next to `path`,
/// syncs and verifies it. The source is only read (apart from the checkpoint).
fn write_verified_copy(
    conn: &Connection,
    path: &Path,
    key: &Passphrase,
    hook: &mut dyn FnMut(ConvertStep, &Path) -> Result<()>,
) -> Result<Scratch> {
    checkpoint(conn)?;
    let copy = Scratch::new(with_suffix(path, ".encrypting"));
    // A copy left by a crash mid-conversion is stale: start again.
    for p in [copy.path.clone(), with_suffix(&copy.path, "-journal")] {
        match std::fs::remove_file(&p) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
            _ => {}
        }
    }
    let target = copy.path.to_str().ok_or_else(|| {
        Error::invalid(problem!("folder_name_unusable", "The data folder's name cannot be used here."))
    })?;
    let version = user_version(conn, false)?;
    // A plain source was never keyed: make sure SQLite's own copy of the new key is wiped too.
    secure_memory(conn)?;
    conn.execute("ATTACH DATABASE ?1 AS ck_export KEY ?2", (target, key.expose()))?;
    let exported = conn
        .query_row("SELECT sqlcipher_export('ck_export')", [], |_| Ok(()))
        .and_then(|()| conn.pragma_update(Some("ck_export"), "user_version", version));
    let detached = conn.execute_batch("DETACH DATABASE ck_export");
    exported?;
    detached?;
    File::open(&copy.path)?.sync_all()?;
    hook(ConvertStep::CopyWritten, &copy.path)?;

    verify_copy(conn, &copy.path, key)?;
    hook(ConvertStep::CopyVerified, &copy.path)?;
    Ok(copy)
}

/// Moves everything in the WAL into the main file and empties the WAL, so the export sees all of it
/// and no plain frame is left behind. Refuses if another connection keeps it from finishing.
pub(crate) fn checkpoint(conn: &Connection) -> Result<()> {
    let (busy, _log, _done): (i64, i64, i64) =
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    if busy != 0 {
        return Err(in_use());
    }
    Ok(())
}

/// Another connection has the data file open where this needs it alone.
pub(crate) fn in_use() -> Error {
    Error::Conflict(problem!(
        "data_file_use_another_window",
        "The data file is in use by another window or program. Close it and try again; nothing was changed."
    ))
}

/// Moves the WAL into the file and truncates it to nothing: after a removal that must leave nothing
/// behind (forgetting a person, retention), as secure_delete has overwritten with zeros what the write
/// removed from the file but the WAL still holds the pages as they were before. No VACUUM: it is not
/// needed for that, and rebuilding ten years of three groups (48 MB) took about a second, holding the
/// store and so the room display's clock (a file from before secure_delete is rebuilt once, when it is
/// upgraded). If another connection is reading, the WAL cannot be emptied now; the next checkpoint does.
pub(crate) fn empty_wal(conn: &Connection) -> Result<()> {
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    Ok(())
}

/// Opens the copy read-only with the key and compares it with the source: schema version,
/// integrity, every schema entry, and the row count of every table.
fn verify_copy(source: &Connection, copy: &Path, key: &Passphrase) -> Result<()> {
    let mismatch = |what: String| {
        Error::Io(std::io::Error::other(format!(
            "the encrypted copy did not match the original ({what}), so the original was kept unchanged"
        )))
    };
    let check = Connection::open_with_flags(copy, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    set_key(&check, key)?;
    let (want, got) = (user_version(source, false)?, user_version(&check, true)?);
    if want != got {
        return Err(mismatch(format!("schema version {got}, expected {want}")));
    }
    check_intact(&check, "main").map_err(|e| mismatch(e.to_string()))?;
    let (want, got) = (inventory(source)?, inventory(&check)?);
    if want != got {
        let first = want.iter().zip(&got).find(|(a, b)| a != b).map(|(a, b)| format!("{a:?} against {b:?}"));
        return Err(mismatch(first.unwrap_or_else(|| format!("{} entries against {}", want.len(), got.len()))));
    }
    Ok(())
}

/// Every schema entry (type, name, SQL) and, for tables with storage, its row count.
type Inventory = Vec<(String, String, Option<String>, Option<i64>)>;

fn inventory(conn: &Connection) -> Result<Inventory> {
    let mut stmt = conn.prepare(
        "SELECT type, name, sql, type = 'table' AND rootpage > 0 FROM main.sqlite_schema ORDER BY type, name",
    )?;
    let entries = stmt
        .query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<Vec<(String, String, Option<String>, bool)>>>()?;
    entries
        .into_iter()
        .map(|(kind, name, sql, stored)| {
            let rows = if stored {
                let count = format!("SELECT count(*) FROM main.{}", quote_ident(&name));
                Some(conn.query_row(&count, [], |r| r.get(0))?)
            } else {
                None
            };
            Ok((kind, name, sql, rows))
        })
        .collect()
}

fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn close(conn: Connection) -> Result<()> {
    conn.close().map_err(|(_, e)| e.into())
}

/// Renames the verified copy over `path` (see [`Scratch::replace`]).
fn swap_in(copy: Scratch, path: &Path, hook: &mut dyn FnMut(ConvertStep, &Path) -> Result<()>) -> Result<()> {
    hook(ConvertStep::Swapping, copy.path())?;
    copy.replace(path)
}

/// Makes the rename durable. Only Unix can open a directory to sync it; elsewhere the rename is
/// already as durable as the platform offers.
pub(crate) fn sync_dir(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = path.parent() {
        let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        MIGRATIONS.validate().unwrap();
    }

    #[test]
    fn a_file_from_before_secure_delete_is_rebuilt_even_when_the_upgrade_is_killed_half_way() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ck.sqlite3");
        // Schema 6, written as older versions wrote it: a removed group's name left in the file.
        let mut old = Connection::open(&path).unwrap();
        old.pragma_update(None, "secure_delete", "OFF").unwrap();
        Migrations::new(STEPS[..6].iter().map(|sql| M::up(sql)).collect()).to_latest(&mut old).unwrap();
        old.execute(
            "INSERT INTO groups (id, name, weekday, start_time, length_min, time_zone, created_at, updated_at, updated_by)
             VALUES ('g1', 'Ottoline Hollowell Circle', 1, '19:00', 60, 'UTC', 0, 0, 'd')",
            [],
        )
        .unwrap();
        old.execute("DELETE FROM groups", []).unwrap();
        drop(old);
        let in_file = || std::fs::read(&path).unwrap().windows(9).any(|w| w == b"Hollowell");
        assert!(in_file(), "the old file keeps the removed name");

        // The first start after the update is killed between the upgrade's two steps.
        let mut conn = Connection::open(&path).unwrap();
        let found = user_version(&conn, false).unwrap();
        let killed = upgrade(&mut conn, found, true, || Err(Error::invalid("killed")));
        assert!(killed.is_err());
        drop(conn);
        // The next start finishes the upgrade, and the removed name is gone from the file.
        let conn = open(&path).unwrap();
        assert_eq!(user_version(&conn, false).unwrap(), SCHEMA_VERSION);
        conn.close().unwrap();
        assert!(!in_file(), "a kill mid-upgrade must not leave removed names in free pages");
    }

    fn key(text: &str) -> Passphrase {
        Passphrase::new(text.into()).unwrap()
    }

    fn names(conn: &Connection) -> Vec<String> {
        let mut stmt = conn.prepare("SELECT name FROM t ORDER BY name").unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().collect::<rusqlite::Result<_>>().unwrap()
    }

    #[test]
    fn a_failed_rekey_leaves_the_file_and_the_connection_as_they_were() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ck.sqlite3");
        let old = key("the old passphrase");
        let mut conn = open_keyed(&path, Some(&old)).unwrap();
        conn.execute_batch("CREATE TABLE t (name TEXT); INSERT INTO t VALUES ('Marguerite');").unwrap();
        for step in [ConvertStep::CopyWritten, ConvertStep::CopyVerified, ConvertStep::Swapping] {
            let mut fail = |at: ConvertStep, _: &Path| {
                if at == step {
                    Err(Error::invalid("injected"))
                } else {
                    Ok(())
                }
            };
            let err = rekey_with_hook(&mut conn, &key("the new passphrase"), &mut fail).unwrap_err();
            assert_eq!(err.to_string(), "injected");
            if step == ConvertStep::Swapping {
                // The connection was closed just before the rename; the file is still the old one.
                assert!(conn.prepare("SELECT 1 FROM t").is_err());
                conn = open_keyed(&path, Some(&old)).unwrap();
            }
            conn.execute("INSERT INTO t VALUES ('Thaddeus')", []).unwrap();
            assert!(!with_suffix(&path, ".encrypting").exists());
        }
        assert_eq!(names(&conn), ["Marguerite", "Thaddeus", "Thaddeus", "Thaddeus"]);
        drop(conn);
        assert!(key_opens(&path, &old));
        assert!(!key_opens(&path, &key("the new passphrase")));
    }

    #[test]
    fn rekey_keeps_the_connection_usable_and_moves_to_the_new_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ck.sqlite3");
        let mut conn = open(&path).unwrap();
        conn.execute_batch("CREATE TABLE t (name TEXT); INSERT INTO t VALUES ('Marguerite');").unwrap();
        let new = key("the new passphrase");
        rekey(&mut conn, &new).unwrap();
        conn.execute("INSERT INTO t VALUES ('Thaddeus')", []).unwrap();
        assert_eq!(names(&conn), ["Marguerite", "Thaddeus"]);
        assert_eq!(probe(&path).unwrap(), FileState::Encrypted);
        assert!(key_opens(&path, &new));
        assert_eq!(user_version(&conn, true).unwrap(), SCHEMA_VERSION);
    }

    #[test]
    fn the_key_pragma_is_built_in_one_wiped_buffer_and_quotes_the_passphrase() {
        let pass = key("it's Zoë's turn");
        let sql = key_pragma(&pass);
        assert_eq!(sql.as_str(), "PRAGMA key = 'it''s Zoë''s turn'");
        assert_eq!(sql.capacity(), sql.len(), "sized exactly: never grown, so never copied");

        // A passphrase with quotes opens what it locked, and a keyed connection wipes freed memory.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ck.sqlite3");
        let conn = open_keyed(&path, Some(&pass)).unwrap();
        let secure: String = conn.query_row("PRAGMA cipher_memory_security", [], |r| r.get(0)).unwrap();
        assert_eq!(secure, "1");
        drop(conn);
        assert!(key_opens(&path, &pass));
        assert!(!key_opens(&path, &key("its Zoës turn")));
    }

    #[test]
    fn an_encrypted_file_is_whole_pages_of_the_size_probe_expects() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ck.sqlite3");
        let conn = open_keyed(&path, Some(&key("the page size passphrase"))).unwrap();
        // Probe refuses files that are not whole pages: a page size of another build would refuse every store.
        let page: String = conn.query_row("PRAGMA cipher_page_size", [], |r| r.get(0)).unwrap();
        assert_eq!(page, CIPHER_PAGE_SIZE.to_string());
        checkpoint(&conn).unwrap();
        drop(conn);
        let len = std::fs::metadata(&path).unwrap().len();
        assert!(len >= CIPHER_PAGE_SIZE && len.is_multiple_of(CIPHER_PAGE_SIZE), "{len} bytes");
    }

    #[test]
    fn an_in_memory_store_cannot_be_keyed() {
        let mut conn = open_in_memory().unwrap();
        assert_eq!(rekey(&mut conn, &key("a passphrase")).unwrap_err().kind(), "invalid");
    }
}
