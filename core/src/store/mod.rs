//! The store: one SQLite connection, the clock, and this device's id. Every write goes
//! through [`Store::write`], so every command is exactly one transaction.

pub mod changes;
pub mod db;
pub mod passphrase;
pub(crate) mod tombstone;

use std::cell::RefCell;
use std::path::Path;
use std::sync::Arc;

use rusqlite::{Connection, OptionalExtension};

use self::passphrase::Passphrase;
use crate::clock::Clock;
use crate::error::Result;
pub use changes::{Aggregate, Changes};

pub struct Store {
    conn: Connection,
    clock: Arc<dyn Clock>,
    device: String,
    /// What the writes since the last [`Store::take_changes`] touched.
    changes: Changes,
}

/// An open write: the transaction plus the instant and device every row it touches is stamped with.
pub struct Tx<'a> {
    pub(crate) tx: rusqlite::Transaction<'a>,
    pub(crate) now: i64,
    pub(crate) device: &'a str,
    changes: RefCell<Changes>,
}

impl Tx<'_> {
    /// Records that this write changed `aggregate` (of the meeting or group `id`). Called where
    /// the rows are written, so a write that ripples (a check-in that joins the round) says so.
    pub(crate) fn touched(&self, aggregate: Aggregate, id: &str) {
        self.changes.borrow_mut().touch(aggregate, id);
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
        Self::with_connection(db::open(path)?, clock)
    }

    /// Opens the store at `path`, encrypted with `key` when given (see [`db::open_keyed`]): a wrong
    /// key gives [`crate::Error::WrongPassphrase`] and leaves the file byte-identical; a missing file
    /// is created, encrypted if a key is given.
    pub fn open_keyed(path: &Path, clock: Arc<dyn Clock>, key: Option<&Passphrase>) -> Result<Store> {
        Self::with_connection(db::open_keyed(path, key)?, clock)
    }

    /// Encrypts this store's file with `new`: a plain store becomes encrypted, an encrypted one
    /// takes the new passphrase and refuses the old one. Done by writing a verified encrypted copy
    /// and renaming it over the file, never by rewriting it in place. On an error nothing changed,
    /// except after the point of no return (closing the file to swap it in), when the store must be
    /// reopened: the file on disk is then whole, under either the old or the new passphrase.
    pub fn change_passphrase(&mut self, new: &Passphrase) -> Result<()> {
        db::rekey(&mut self.conn, new)
    }

    /// Whether `key` opens this store's data file, checked on a second, read-only connection (one
    /// run of the KDF, no write). For unlocking a store that stayed open while locked. Always false
    /// for a plain or in-memory store.
    pub fn verify_passphrase(&self, key: &Passphrase) -> bool {
        match self.conn.path() {
            Some(path) if !path.is_empty() => db::key_opens(Path::new(path), key),
            _ => false,
        }
    }

    pub fn open_in_memory(clock: Arc<dyn Clock>) -> Result<Store> {
        Self::with_connection(db::open_in_memory()?, clock)
    }

    fn with_connection(conn: Connection, clock: Arc<dyn Clock>) -> Result<Store> {
        let existing: Option<String> = conn.query_row("SELECT id FROM device LIMIT 1", [], |r| r.get(0)).optional()?;
        let device = match existing {
            Some(id) => id,
            None => {
                let id = crate::new_id();
                conn.execute("INSERT INTO device (id, created_at) VALUES (?1, ?2)", (&id, clock.now_ms()))?;
                id
            }
        };
        Ok(Store { conn, clock, device, changes: Changes::default() })
    }

    /// Runs `f` in one transaction: all of it lands, or none of it.
    pub(crate) fn write<T>(&mut self, f: impl FnOnce(&Tx) -> Result<T>) -> Result<T> {
        let now = self.clock.now_ms();
        let tx = Tx { tx: self.conn.transaction()?, now, device: &self.device, changes: RefCell::default() };
        let out = f(&tx)?;
        let changes = tx.changes.take();
        tx.tx.commit()?;
        // Only a write that landed changed anything.
        self.changes.extend(changes);
        Ok(out)
    }

    /// What the writes since the last call changed; the shell publishes the snapshots these call
    /// for (see `Store::snapshots` in the live feed).
    pub fn take_changes(&mut self) -> Changes {
        std::mem::take(&mut self.changes)
    }

    /// Leaves no trace on disk of what the writes so far removed (see [`db::empty_wal`]).
    pub(crate) fn wipe_removed(&self) -> Result<()> {
        db::empty_wal(&self.conn)
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    pub fn clock(&self) -> &Arc<dyn Clock> {
        &self.clock
    }

    /// A share is running or a round is open somewhere: the app must not lock itself now.
    pub fn sharing_in_progress(&self) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM shares WHERE ended_at IS NULL AND deleted_at IS NULL)
                 OR EXISTS (SELECT 1 FROM rounds WHERE ended_at IS NULL AND deleted_at IS NULL)",
            [],
            |r| r.get(0),
        )?)
    }

    /// This store's device id: the tie-breaker when two laptops edited the same record.
    pub fn device_id(&self) -> &str {
        &self.device
    }
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
}
