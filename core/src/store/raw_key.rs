//! SQLCipher's page key, derived here from the passphrase once per store, so that a backup's three
//! connections (the data file, the copy being written, the copy reopened to check it) are keyed
//! without SQLCipher running its key derivation three times: a quarter of a second each, which on
//! the ten-year store was most of a protected backup.
//!
//! SQLCipher 4 derives a file's page key as PBKDF2-HMAC-SHA512(passphrase, salt, 256,000
//! iterations, 32 bytes), the salt being the file's first 16 bytes (a test holds this build to
//! those settings). Keyed with `PRAGMA key = "x'<key><salt>'"`, it uses that key and salt as they
//! are; a file it creates so carries that salt in its first bytes, and so opens with the
//! passphrase alone as well, as any backup must.

use std::fmt;
use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::sync::{Arc, Mutex};

use sha2::Sha512;
use zeroize::Zeroizing;

use crate::error::Result;
use crate::store::passphrase::Passphrase;

/// SQLCipher 4's PBKDF2 iterations (`kdf_iter`).
const KDF_ITERATIONS: u32 = 256_000;
/// SQLCipher's salt: the first bytes of an encrypted file.
const SALT_BYTES: usize = 16;

/// A page key derived from a passphrase, with the salt it was derived with. Wiped when dropped and
/// never printed.
#[derive(Clone)]
pub(crate) struct RawKey {
    key: Zeroizing<[u8; 32]>,
    salt: [u8; SALT_BYTES],
}

impl RawKey {
    /// What SQLCipher derives from `passphrase` for a file salted with `salt` (a quarter of a
    /// second, by design).
    pub(crate) fn derive(passphrase: &Passphrase, salt: [u8; SALT_BYTES]) -> RawKey {
        let mut key = Zeroizing::new([0u8; 32]);
        pbkdf2::pbkdf2_hmac::<Sha512>(passphrase.expose().as_bytes(), &salt, KDF_ITERATIONS, key.as_mut());
        RawKey { key, salt }
    }

    /// `PRAGMA key = "x'<64 hex digits of key><32 of salt>'"`, built in one wiped buffer sized
    /// exactly up front (never grown, so never copied).
    pub(crate) fn pragma(&self) -> Zeroizing<String> {
        const HEAD: &str = "PRAGMA key = \"x'";
        const TAIL: &str = "'\"";
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut sql = Zeroizing::new(String::with_capacity(HEAD.len() + 2 * (32 + SALT_BYTES) + TAIL.len()));
        sql.push_str(HEAD);
        for byte in self.key.iter().chain(&self.salt) {
            sql.push(HEX[usize::from(byte >> 4)] as char);
            sql.push(HEX[usize::from(byte & 0xf)] as char);
        }
        sql.push_str(TAIL);
        sql
    }
}

impl fmt::Debug for RawKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RawKey(<hidden>)")
    }
}

/// The salt of the encrypted file at `path`: its first 16 bytes.
pub(crate) fn salt_of(path: &Path) -> Result<[u8; SALT_BYTES]> {
    let mut salt = [0u8; SALT_BYTES];
    File::open(path)?.read_exact(&mut salt)?;
    Ok(salt)
}

/// A store's passphrase and the page key last derived from it, shared by the store and every
/// backup source taken from it: the first backup derives the key (on its own thread, never the
/// store's), the later ones find it. Both are wiped when the last holder drops them.
#[derive(Clone)]
pub(crate) struct StoreKey {
    passphrase: Passphrase,
    derived: Arc<Mutex<Option<RawKey>>>,
}

impl StoreKey {
    pub(crate) fn new(passphrase: Passphrase) -> StoreKey {
        StoreKey { passphrase, derived: Arc::default() }
    }

    pub(crate) fn passphrase(&self) -> &Passphrase {
        &self.passphrase
    }

    /// The page key of the file at `path`: the one derived before when the file has the same salt,
    /// else derived now and kept. (A restore or a new passphrase gives the file another salt.)
    pub(crate) fn raw_for(&self, path: &Path) -> Result<RawKey> {
        let salt = salt_of(path)?;
        let known = self.derived.lock().unwrap_or_else(|e| e.into_inner()).clone();
        if let Some(raw) = known.filter(|raw| raw.salt == salt) {
            return Ok(raw);
        }
        // Derived without the lock held: another backup waits for no one.
        let raw = RawKey::derive(&self.passphrase, salt);
        *self.derived.lock().unwrap_or_else(|e| e.into_inner()) = Some(raw.clone());
        Ok(raw)
    }

    /// Whether a page key was derived and kept, for the tests.
    #[cfg(test)]
    pub(crate) fn has_derived(&self) -> bool {
        self.derived.lock().unwrap_or_else(|e| e.into_inner()).is_some()
    }
}

impl fmt::Debug for StoreKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("StoreKey(<hidden>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::db::{self, open_keyed};
    use rusqlite::{Connection, OpenFlags};

    fn key(text: &str) -> Passphrase {
        Passphrase::new(text.into()).unwrap()
    }

    /// Whether the file at `path` opens (its schema reads) keyed with `raw`.
    fn opens_with(path: &Path, raw: &RawKey) -> bool {
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
        db::set_raw_key(&conn, raw).is_ok()
            && conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get::<_, i64>(0)).is_ok()
    }

    #[test]
    fn this_sqlcipher_derives_its_key_as_the_backups_do() {
        // The settings of a store's own keyed connection, as it opens one.
        let dir = tempfile::tempdir().unwrap();
        let conn = open_keyed(&dir.path().join("ck.sqlite3"), Some(&key("the group's passphrase"))).unwrap();
        let mut stmt = conn.prepare("PRAGMA cipher_settings").unwrap();
        let settings: Vec<String> = stmt.query_map([], |r| r.get(0)).unwrap().collect::<rusqlite::Result<_>>().unwrap();
        for wanted in [
            format!("PRAGMA kdf_iter = {KDF_ITERATIONS};"),
            "PRAGMA cipher_kdf_algorithm = PBKDF2_HMAC_SHA512;".into(),
            "PRAGMA cipher_page_size = 4096;".into(),
        ] {
            assert!(settings.contains(&wanted), "{wanted} not in {settings:?}");
        }
    }

    #[test]
    fn a_store_locked_with_its_passphrase_opens_with_the_key_derived_here_and_no_other() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ck.sqlite3");
        let pass = key("the group's passphrase");
        drop(open_keyed(&path, Some(&pass)).unwrap());
        let salt = salt_of(&path).unwrap();

        assert!(opens_with(&path, &RawKey::derive(&pass, salt)));
        assert!(!opens_with(&path, &RawKey::derive(&key("another passphrase"), salt)));
        let mut other_salt = salt;
        other_salt[0] ^= 1;
        assert!(!opens_with(&path, &RawKey::derive(&pass, other_salt)));
    }

    #[test]
    fn a_file_made_with_the_derived_key_opens_with_the_passphrase_alone() {
        let dir = tempfile::tempdir().unwrap();
        let pass = key("the group's passphrase");
        let salt = *b"sixteen bytes!!!";
        let path = dir.path().join("copy.sqlite3");
        let conn = Connection::open(&path).unwrap();
        db::set_raw_key(&conn, &RawKey::derive(&pass, salt)).unwrap();
        conn.execute_batch("CREATE TABLE t (name TEXT); INSERT INTO t VALUES ('Marguerite');").unwrap();
        drop(conn);

        assert_eq!(salt_of(&path).unwrap(), salt, "the salt given is the file's");
        assert!(db::key_opens(&path, &pass));
        assert!(!db::key_opens(&path, &key("another passphrase")));
    }

    #[test]
    fn the_key_is_derived_once_per_salt_and_never_shown() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ck.sqlite3");
        let pass = key("the group's passphrase");
        drop(open_keyed(&path, Some(&pass)).unwrap());
        let store_key = StoreKey::new(pass.clone());
        let shared = store_key.clone();
        assert!(!shared.has_derived());
        let first = store_key.raw_for(&path).unwrap();
        assert!(shared.has_derived(), "a clone (a backup source) finds the key derived");
        assert_eq!(*shared.raw_for(&path).unwrap().key, *first.key);

        // The file replaced by one with another salt: derived again for it.
        std::fs::remove_file(&path).unwrap();
        drop(open_keyed(&path, Some(&pass)).unwrap());
        let again = shared.raw_for(&path).unwrap();
        assert_ne!(again.salt, first.salt);
        assert!(opens_with(&path, &again));

        let shown = format!("{store_key:?} {first:?}");
        assert_eq!(shown, "StoreKey(<hidden>) RawKey(<hidden>)");
        let sql = first.pragma();
        assert_eq!(sql.len(), sql.capacity());
        assert!(sql.starts_with("PRAGMA key = \"x'") && sql.ends_with("'\"") && sql.len() == 16 + 96 + 2);
    }
}
