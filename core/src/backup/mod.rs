//! Backups of the data file into a `backups/` folder beside it: taken online from a connection of
//! their own (the store and the room display's clock are never held), verified before they are
//! offered, rotated, listed without the key, previewed and restored. File names and the rotation
//! rule are pure (`name.rs`, `rotation.rs`); the rest works on files.

mod align;
mod due;
mod name;
mod read;
mod restore;
pub mod rotation;
mod sidecar;
mod take;

use std::path::{Path, PathBuf};

use chrono::{Local, NaiveDateTime, TimeZone};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{problem, Error, Result};
use crate::store::passphrase::Passphrase;
use crate::store::raw_key::StoreKey;
use crate::store::Store;

pub use align::{align, Alignment};
pub use due::{due, take_if_due, DAY_MS};
pub use read::{preview, verify};
pub use restore::{newest_that_opens, restore, restore_over};
pub use take::{list, list_with_key, take};

/// Where the backups of `data_file` are kept: a `backups` folder beside it.
pub fn folder(data_file: &Path) -> PathBuf {
    data_file.parent().unwrap_or(Path::new("")).join("backups")
}

/// Why a backup was taken; part of its file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum BackupReason {
    /// After a meeting closed.
    MeetingClosed,
    /// Once a day while the app runs.
    Daily,
    /// The data file as it was just before a restore replaced it.
    BeforeRestore,
    /// The chair (or the command-line tool) asked for one.
    ByHand,
}

/// One whole, verified backup as the Backups screen lists it. Name-free: counts and a date only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct BackupInfo {
    /// The file's name inside [`folder`]: what verify, preview and restore take.
    pub file: String,
    /// When it was taken (UTC ms).
    pub taken_at: i64,
    pub reason: BackupReason,
    pub bytes: u64,
    /// Encrypted: it opens with the passphrase the data had when it was taken.
    pub protected: bool,
    /// Groups and meetings in it; None when not known (a protected backup with no summary beside
    /// it, listed without the passphrase).
    pub groups: Option<i64>,
    pub meetings: Option<i64>,
    /// The local date ("YYYY-MM-DD") of its newest meeting.
    pub last_meeting: Option<String>,
}

/// What a backup holds, group by group, before the chair restores it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct BackupPreview {
    pub info: BackupInfo,
    pub groups: Vec<GroupPreview>,
}

/// One group in a backup: its name and meetings, never its people.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct GroupPreview {
    pub name: String,
    pub meetings: i64,
    pub last_meeting: Option<String>,
}

/// What a restore did: the backup now in use, and the data file it replaced, kept aside as a
/// backup (None when there was none, or it could not be opened and was kept aside as it was).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RestoreReport {
    pub restored: BackupInfo,
    pub kept_aside: Option<BackupInfo>,
}

/// What a backup needs to run without holding the Store: the data file's path and a copy of its
/// passphrase, with the page key derived from it shared with the store it came from (so only the
/// first backup of a store derives it). Wiped when dropped.
#[derive(Clone, Debug)]
pub struct BackupSource {
    data_file: PathBuf,
    key: Option<StoreKey>,
}

impl BackupSource {
    /// A source for a data file no Store holds open (the command-line tool, a restore).
    pub fn new(data_file: PathBuf, key: Option<Passphrase>) -> BackupSource {
        BackupSource { data_file, key: key.map(StoreKey::new) }
    }

    pub fn data_file(&self) -> &Path {
        &self.data_file
    }

    pub(crate) fn key(&self) -> Option<&StoreKey> {
        self.key.as_ref()
    }

    /// The passphrase itself, for what keys a file by it (bringing a backup in line re-encrypts it).
    pub(crate) fn passphrase(&self) -> Option<&Passphrase> {
        self.key.as_ref().map(StoreKey::passphrase)
    }
}

impl Store {
    /// The data file and its key, for a backup taken on another thread while the store goes on.
    /// A store kept only in memory has nothing to back up.
    pub fn backup_source(&self) -> Result<BackupSource> {
        let (path, key) = self.data_file().ok_or_else(|| {
            Error::invalid(problem!("memory_store_backup", "A store kept only in memory has no data file to back up."))
        })?;
        Ok(BackupSource { data_file: path.to_path_buf(), key: key.cloned() })
    }
}

/// The laptop's local time at `utc_ms`: what a backup's name shows.
fn local(utc_ms: i64) -> NaiveDateTime {
    Local.timestamp_millis_opt(utc_ms).earliest().map(|t| t.naive_local()).unwrap_or_default()
}

/// The moment (UTC ms) the laptop's clock showed `local` (the earlier, when clocks went back).
fn utc_ms(local: NaiveDateTime) -> i64 {
    Local
        .from_local_datetime(&local)
        .earliest()
        // A time skipped when the clocks went forward: read it as UTC, off by at most the shift.
        .map_or_else(|| local.and_utc().timestamp_millis(), |t| t.timestamp_millis())
}
