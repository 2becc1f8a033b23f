//! The store: one SQLite connection, the clock, and this device's id. Every write goes
//! through [`Store::write`], so every command is exactly one transaction.

pub mod changes;
pub mod check;
pub mod db;
pub mod passphrase;
pub(crate) mod raw_key;
pub mod stats;
pub(crate) mod tombstone;

use crate::problem;
use std::cell::{Cell, RefCell};
use std::path::Path;
use std::sync::Arc;

use rusqlite::{Connection, OptionalExtension};

use self::passphrase::Passphrase;
use self::raw_key::StoreKey;
use crate::clock::Clock;
use crate::error::Result;
pub use changes::{Aggregate, Changes};

pub struct Store {
    conn: Connection,
    clock: Arc<dyn Clock>,
    device: String,
    /// What the writes since the last [`Store::take_changes`] touched.
    changes: Changes,
    /// The passphrase the data file is encrypted with (None: plain or in memory), and the page key
    /// once a backup derived it, kept while the store is open so a backup can open the file on
    /// connections of its own. Wiped when dropped.
    key: Option<StoreKey>,
}

/// An open write: the transaction, the wall time, and the version stamp and device every row it
/// touches is stamped with.
pub struct Tx<'a> {
    pub(crate) tx: rusqlite::Transaction<'a>,
    /// Wall time (UTC ms): for facts such as when someone arrived or a share started.
    pub(crate) now: i64,
    /// This write's version stamp for `updated_at`, from this laptop's hybrid logical clock: the
    /// wall time, or one past the last stamp given or seen here when the wall clock is behind it, so
    /// an edit made here always outranks every version this laptop had already seen.
    pub(crate) stamp: i64,
    pub(crate) device: &'a str,
    /// Where the clock stands when this write commits: its stamp, or a later one it took in from
    /// another laptop (see [`Tx::witness`]).
    seen: Cell<i64>,
    changes: RefCell<Changes>,
}

impl Tx<'_> {
    /// Records that this write changed `aggregate` (of the meeting or group `id`). Called where
    /// the rows are written, so a write that ripples (a check-in that joins the round) says so.
    pub(crate) fn touched(&self, aggregate: Aggregate, id: &str) {
        self.changes.borrow_mut().touch(aggregate, id);
    }

    /// This write took in a version stamped `stamp` from another laptop: later writes here are
    /// stamped after it.
    pub(crate) fn witness(&self, stamp: i64) {
        self.seen.set(self.seen.get().max(stamp));
    }
}

impl std::ops::Deref for Tx<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        &self.tx
    }
}

impl Store {
    pub fn open(path: &Path, clock: Arc<dyn Clock>) -> Result<Store> {
        Self::with_connection(db::open(path)?, clock, None)
    }

    /// Opens the store at `path`, encrypted with `key` when given (see [`db::open_keyed`]): a wrong
    /// key gives [`crate::Error::WrongPassphrase`] and leaves the file byte-identical; a missing file
    /// is created, encrypted if a key is given.
    pub fn open_keyed(path: &Path, clock: Arc<dyn Clock>, key: Option<&Passphrase>) -> Result<Store> {
        Self::with_connection(db::open_keyed(path, key)?, clock, key.cloned().map(StoreKey::new))
    }

    /// Encrypts this store's file with `new`: a plain store becomes encrypted, an encrypted one
    /// takes the new passphrase and refuses the old one. Done by writing a verified encrypted copy
    /// and renaming it over the file, never by rewriting it in place. On an error nothing changed,
    /// except after the point of no return (closing the file to swap it in), when the store must be
    /// reopened: the file on disk is then whole, under either the old or the new passphrase.
    pub fn change_passphrase(&mut self, new: &Passphrase) -> Result<()> {
        db::rekey(&mut self.conn, new)?;
        self.key = Some(StoreKey::new(new.clone()));
        Ok(())
    }

    /// Whether `key` opens this store's data file, checked on a second, read-only connection (one
    /// run of the KDF, no write). For unlocking a store that stayed open while locked. Always false
    /// for a plain or in-memory store.
    pub fn verify_passphrase(&self, key: &Passphrase) -> bool {
        self.data_file().is_some_and(|(path, _)| db::key_opens(path, key))
    }

    /// Closes the connection now, so SQLCipher wipes the key and every decrypted page it held
    /// (see [`db`]); the last connection to close also folds the WAL back into the file.
    pub fn close(self) -> Result<()> {
        self.conn.close().map_err(|(_, e)| e.into())
    }

    pub fn open_in_memory(clock: Arc<dyn Clock>) -> Result<Store> {
        Self::with_connection(db::open_in_memory()?, clock, None)
    }

    fn with_connection(conn: Connection, clock: Arc<dyn Clock>, key: Option<StoreKey>) -> Result<Store> {
        let existing: Option<String> = conn.query_row("SELECT id FROM device LIMIT 1", [], |r| r.get(0)).optional()?;
        let device = match existing {
            Some(id) => id,
            None => {
                let id = crate::new_id();
                conn.execute("INSERT INTO device (id, created_at) VALUES (?1, ?2)", (&id, clock.now_ms()))?;
                id
            }
        };
        Ok(Store { conn, clock, device, changes: Changes::default(), key })
    }

    /// Runs `f` in one transaction: all of it lands, or none of it. A write the disk refuses (full,
    /// read-only, gone) is [`crate::Error::NotSaving`]: rolled back, and nothing before it lost.
    pub(crate) fn write<T>(&mut self, f: impl FnOnce(&Tx) -> Result<T>) -> Result<T> {
        // Each write compiles its own copy of this shim only; `in_transaction` is compiled once.
        let mut f = Some(f);
        let mut out = None;
        self.in_transaction(&mut |tx| {
            if let Some(f) = f.take() {
                out = Some(f(tx)?);
            }
            Ok(())
        })
        .map_err(crate::Error::when_writing_data)?;
        out.ok_or_else(change_not_made)
    }

    /// `write` for any change: `f` runs once inside the transaction.
    fn in_transaction(&mut self, f: &mut dyn FnMut(&Tx) -> Result<()>) -> Result<()> {
        let now = self.clock.now_ms();
        let tx = self.conn.transaction()?;
        let last: i64 = tx.prepare_cached("SELECT stamp FROM local_clock")?.query_row([], |r| r.get(0))?;
        let stamp = now.max(last.saturating_add(1));
        let tx = Tx { tx, now, stamp, device: &self.device, seen: Cell::new(stamp), changes: RefCell::default() };
        f(&tx)?;
        tx.prepare_cached("UPDATE local_clock SET stamp = ?1")?.execute([tx.seen.get()])?;
        let changes = tx.changes.take();
        tx.tx.commit()?;
        // Only a write that landed changed anything.
        self.changes.extend(changes);
        Ok(())
    }

    /// What the writes since the last call changed; the shell publishes the snapshots these call
    /// for (see `Store::snapshots` in the live feed).
    pub fn take_changes(&mut self) -> Changes {
        std::mem::take(&mut self.changes)
    }

    /// This laptop's hybrid logical clock read now, without moving it: no version stamp given or
    /// seen here is later. A bundle is dated with it.
    pub(crate) fn clock_reading(&self) -> Result<i64> {
        let last: i64 = self.conn.query_row("SELECT stamp FROM local_clock", [], |r| r.get(0))?;
        Ok(self.clock.now_ms().max(last))
    }

    /// Leaves no trace on disk of what the writes so far removed (see [`db::empty_wal`]).
    pub(crate) fn wipe_removed(&self) -> Result<()> {
        db::empty_wal(&self.conn)
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The data file's path and the key that opens it; None for a store in memory.
    pub(crate) fn data_file(&self) -> Option<(&Path, Option<&StoreKey>)> {
        match self.conn.path() {
            Some(path) if !path.is_empty() => Some((Path::new(path), self.key.as_ref())),
            _ => None,
        }
    }

    pub fn clock(&self) -> &Arc<dyn Clock> {
        &self.clock
    }

    /// This store's device id: the tie-breaker when two laptops edited the same record.
    pub fn device_id(&self) -> &str {
        &self.device
    }
}

/// Out of line: `Store::write` is compiled once per kind of change, and this is the same for all.
#[cold]
#[inline(never)]
fn change_not_made() -> crate::Error {
    crate::Error::Conflict(problem!("change_not_made", "The change was not made."))
}

/// Where the data lives, whether it is protected and locked, and, if it could not be opened,
/// why: the first thing the window asks.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct StoreStatus {
    pub data_file: String,
    pub open_error: Option<crate::IpcError>,
    /// No data file yet: the chair chooses whether to protect it with a passphrase.
    pub first_start: bool,
    /// The data file is encrypted with a passphrase.
    pub protected: bool,
    /// Only unlocking is allowed until the passphrase is given.
    pub locked: bool,
    /// The idle time has passed but the idle lock waits, and why (a share or round on screen).
    pub lock_postponed: Option<LockPostponed>,
    /// The last change could not be saved (the disk is full, the folder became read-only), as a
    /// sentence the UI says in the chair's language; cleared by the next change that is saved. What
    /// was saved before is safe.
    #[ts(as = "Option<crate::error::IpcProblem>")]
    pub not_saving: Option<crate::Problem>,
    /// The last automatic backup did not work, and why; cleared by the next one that does.
    #[ts(as = "Option<crate::error::IpcProblem>")]
    pub backup_problem: Option<crate::Problem>,
}

/// Why the idle lock waits, for the chair to see (worked out in `live::idle`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum LockPostponed {
    /// A share is being timed: the lock comes when it ends.
    ShareRunning,
    /// A round is open between shares: the lock comes when it ends.
    RoundOpen,
}
