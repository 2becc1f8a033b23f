//! The handover bundle: a group's records (or only those changed since the last bundle) in one
//! passphrase-sealed file, and taking one in by merging it into this store in one transaction.
//! The app never sends a bundle anywhere; the chair carries the file. Format: docs/bundle-format.md.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use rusqlite::types::Value as SqlValue;
use rusqlite::{params_from_iter, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use crate::bundle::envelope;
use crate::bundle::merge::{self, Record};
use crate::error::{Error, Result};
use crate::group;
use crate::store::db::SCHEMA_VERSION;
use crate::store::{tombstone, Aggregate, Store, Tx};

/// The payload's own version; a reader refuses a bundle with a higher one.
pub const PAYLOAD_VERSION: u32 = 1;

/// What a bundle holds, before sealing.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Payload {
    pub payload_version: u32,
    /// The schema of the store that wrote it; columns are those of that schema.
    pub schema: i64,
    pub bundle_id: String,
    pub group_id: String,
    pub group_name: String,
    /// The maker's clock reading (UTC ms, its hybrid logical clock): no record in it is stamped later.
    pub made_at: i64,
    pub made_by: String,
    /// Only what the maker wrote or took in after its bundle of this instant (UTC ms); `None` for
    /// the whole group.
    pub since: Option<i64>,
    pub records: Vec<Record>,
}

/// Which rows of a table belong to a group, and what identifies a row across laptops.
struct Table {
    name: &'static str,
    key: &'static [&'static str],
    /// `?1` is the group's id.
    scope: &'static str,
}

const OF_GROUP: &str = "group_id = ?1";
const OF_MEETINGS: &str = "meeting_id IN (SELECT id FROM meetings WHERE group_id = ?1)";

/// Every table a group's records live in, parents before children. The device table and this
/// laptop's bundle log never travel.
const TABLES: &[Table] = &[
    Table { name: "groups", key: &["id"], scope: "id = ?1" },
    Table { name: "people", key: &["id"], scope: OF_GROUP },
    Table { name: "meetings", key: &["id"], scope: OF_GROUP },
    Table { name: "meeting_counts", key: &["meeting_id"], scope: OF_MEETINGS },
    Table { name: "check_ins", key: &["id"], scope: OF_MEETINGS },
    Table { name: "seating", key: &["meeting_id"], scope: OF_MEETINGS },
    Table { name: "rounds", key: &["id"], scope: OF_MEETINGS },
    Table { name: "shares", key: &["id"], scope: OF_MEETINGS },
    Table { name: "passes", key: &["id"], scope: OF_MEETINGS },
    Table { name: "celebrations", key: &["id"], scope: OF_MEETINGS },
    Table { name: "keytag_stock", key: &["group_id", "point"], scope: OF_GROUP },
    Table { name: "reports", key: &["meeting_id"], scope: OF_MEETINGS },
    Table { name: "action_items", key: &["id"], scope: OF_GROUP },
    Table { name: "acknowledgements", key: &["id"], scope: OF_GROUP },
    Table { name: "positions", key: &["id"], scope: OF_GROUP },
    Table { name: "chair_rota", key: &["group_id", "date"], scope: OF_GROUP },
];

fn table(name: &str) -> Option<&'static Table> {
    TABLES.iter().find(|t| t.name == name)
}

/// The key of a record as this build understands it.
pub fn key_of(r: &Record) -> Option<merge::Key> {
    r.key(table(&r.table)?.key)
}

fn bad(message: impl Into<String>) -> Error {
    Error::BadBundle(message.into())
}

/// What the chair is told after an export.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ExportReport {
    pub group_name: String,
    pub records: u32,
    /// Changes since this instant only; `None` for the whole group.
    pub since: Option<i64>,
    pub bytes: u32,
}

/// What the chair is told after an import.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImportReport {
    pub group_id: String,
    pub group_name: String,
    pub made_at: i64,
    /// Records this laptop did not have.
    pub added: u32,
    /// Records this laptop had, where the bundle's version was the later one.
    pub updated: u32,
    /// Records already here as they are in the bundle, or changed here later.
    pub unchanged: u32,
}

/// This laptop's change number on every synced row (see migration 008): it never travels, and a
/// bundle naming it is refused.
const LOCAL_SEQ: &str = "local_seq";

/// Every row of `t` in the group, or only those this laptop wrote after change number `after`.
fn read_table(conn: &Connection, t: &Table, group_id: &str, after: Option<i64>) -> Result<Vec<Record>> {
    let filter = if after.is_some() { " AND local_seq > ?2" } else { "" };
    let mut stmt = conn.prepare(&format!("SELECT * FROM {} WHERE {}{filter}", t.name, t.scope))?;
    let columns: Vec<String> = stmt.column_names().into_iter().map(String::from).collect();
    let params: Vec<SqlValue> = match after {
        Some(s) => vec![group_id.to_string().into(), s.into()],
        None => vec![group_id.to_string().into()],
    };
    let rows = stmt.query_map(params_from_iter(params), |r| {
        let mut row = serde_json::Map::with_capacity(columns.len());
        for (i, c) in columns.iter().enumerate().filter(|(_, c)| *c != LOCAL_SEQ) {
            row.insert(c.clone(), to_json(r.get(i)?));
        }
        Ok(Record { table: t.name.to_string(), row })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The group's records as a payload, before sealing, and the change number it reaches.
pub fn payload(store: &Store, group_id: &str, only_changes: bool) -> Result<(Payload, i64)> {
    let conn = store.conn();
    let g = group::get(conn, group_id)?;
    let upto: i64 = conn.query_row("SELECT seq FROM local_clock", [], |r| r.get(0))?;
    let last = if only_changes { last_export(conn, group_id)? } else { None };
    let mut records = Vec::new();
    for t in TABLES {
        records.extend(read_table(conn, t, group_id, last.map(|(seq, _)| seq))?);
    }
    let payload = Payload {
        payload_version: PAYLOAD_VERSION,
        schema: SCHEMA_VERSION,
        bundle_id: crate::new_id(),
        group_id: g.id,
        group_name: g.name,
        made_at: store.clock_reading()?,
        made_by: store.device_id().to_string(),
        since: last.map(|(_, at)| at),
        records,
    };
    Ok((payload, upto))
}

/// Where this laptop's last export of the group ended: its change number and when it was made.
/// Exports logged before change numbers existed do not count, so the next bundle is whole.
fn last_export(conn: &Connection, group_id: &str) -> Result<Option<(i64, i64)>> {
    Ok(conn
        .query_row(
            "SELECT upto_seq, at FROM bundle_log WHERE group_id = ?1 AND direction = 'export' AND upto_seq IS NOT NULL
             ORDER BY upto_seq DESC LIMIT 1",
            [group_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// Reads a payload from unsealed bytes, refusing what this build cannot take in.
pub fn read_payload(bytes: &[u8]) -> Result<Payload> {
    #[derive(Deserialize)]
    struct Version {
        payload_version: u32,
        schema: i64,
    }
    let version: Version =
        serde_json::from_slice(bytes).map_err(|_| bad("its contents are not a Circlekeeper group."))?;
    if version.payload_version > PAYLOAD_VERSION || version.schema > SCHEMA_VERSION {
        return Err(bad("it was made by a newer version of Circlekeeper. Please update Circlekeeper first."));
    }
    serde_json::from_slice(bytes).map_err(|_| bad("its contents are not a Circlekeeper group."))
}

/// The columns a table has here; a bundle naming any other column is refused.
fn columns_of(conn: &Connection, table: &str) -> Result<HashSet<String>> {
    let mut stmt =
        conn.prepare(&format!("SELECT name FROM pragma_table_info('{table}') WHERE name <> '{LOCAL_SEQ}'"))?;
    let names = stmt.query_map([], |r| r.get::<_, String>(0))?;
    Ok(names.collect::<rusqlite::Result<_>>()?)
}

/// A stored value as it travels in a bundle (no table of ours holds blobs).
fn to_json(v: SqlValue) -> Value {
    match v {
        SqlValue::Integer(n) => n.into(),
        SqlValue::Real(f) => f.into(),
        SqlValue::Text(s) => s.into(),
        SqlValue::Null | SqlValue::Blob(_) => Value::Null,
    }
}

fn to_sql(v: &Value) -> Option<SqlValue> {
    match v {
        Value::Null => Some(SqlValue::Null),
        Value::Number(n) => n.as_i64().map(SqlValue::Integer).or_else(|| n.as_f64().map(SqlValue::Real)),
        Value::String(s) => Some(SqlValue::Text(s.clone())),
        _ => None,
    }
}

/// This store's version of the record with `r`'s key, if it has one.
fn local_version(tx: &Tx, t: &Table, r: &Record, columns: &[String]) -> Result<Option<Record>> {
    let cond: Vec<String> = t.key.iter().enumerate().map(|(i, c)| format!("{c} = ?{}", i + 1)).collect();
    let sql = format!("SELECT {} FROM {} WHERE {}", columns.join(", "), t.name, cond.join(" AND "));
    let key: Vec<SqlValue> = t.key.iter().map(|c| r.row.get(*c).and_then(to_sql).unwrap_or(SqlValue::Null)).collect();
    let mut stmt = tx.prepare_cached(&sql)?;
    let found = stmt
        .query_row(params_from_iter(key), |row| {
            let mut out = serde_json::Map::with_capacity(columns.len());
            for (i, c) in columns.iter().enumerate() {
                out.insert(c.clone(), to_json(row.get(i)?));
            }
            Ok(Record { table: t.name.to_string(), row: out })
        })
        .optional()?;
    Ok(found)
}

fn upsert(tx: &Tx, t: &Table, r: &Record, columns: &[String]) -> Result<()> {
    let marks: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
    let updates: Vec<String> =
        columns.iter().filter(|c| !t.key.contains(&c.as_str())).map(|c| format!("{c} = excluded.{c}")).collect();
    let sql = format!(
        "INSERT INTO {} ({}) VALUES ({}) ON CONFLICT({}) DO UPDATE SET {}",
        t.name,
        columns.join(", "),
        marks.join(", "),
        t.key.join(", "),
        updates.join(", ")
    );
    let values: Vec<SqlValue> =
        columns.iter().map(|c| r.row.get(c).and_then(to_sql).unwrap_or(SqlValue::Null)).collect();
    tx.prepare_cached(&sql)?.execute(params_from_iter(values)).map_err(|e| {
        bad(format!("one of its records ({} {}) does not fit this laptop's data ({e}).", t.name, key_text(r, t)))
    })?;
    Ok(())
}

fn key_text(r: &Record, t: &Table) -> String {
    t.key.iter().map(|c| r.row.get(*c).map(Value::to_string).unwrap_or_default()).collect::<Vec<_>>().join("/")
}

/// Checks that a record belongs to the bundle's group, so a crafted or mixed-up bundle cannot
/// write into another group's meetings.
fn belongs(tx: &Tx, p: &Payload, r: &Record, meetings: &HashSet<String>) -> Result<bool> {
    let text = |c: &str| r.row.get(c).and_then(Value::as_str).map(str::to_string);
    Ok(match r.table.as_str() {
        "groups" => text("id").as_deref() == Some(p.group_id.as_str()),
        _ if table(&r.table).is_some_and(|t| t.scope == OF_GROUP) => text("group_id").as_deref() == Some(&p.group_id),
        _ => match text("meeting_id") {
            Some(m) if meetings.contains(&m) => true,
            Some(m) => tx
                .query_row("SELECT 1 FROM meetings WHERE id = ?1 AND group_id = ?2", [&m, &p.group_id], |_| Ok(()))
                .optional()?
                .is_some(),
            None => false,
        },
    })
}

/// A meeting's number within its date is this laptop's to give: keep ours for a meeting we
/// have, and give a new meeting that lands on a taken number the next free one.
fn place_meeting(tx: &Tx, r: &mut Record, local: Option<&Record>) -> Result<()> {
    if let Some(l) = local {
        if let Some(seq) = l.row.get("seq") {
            r.row.insert("seq".into(), seq.clone());
        }
        return Ok(());
    }
    let id = r.row.get("id").and_then(Value::as_str).unwrap_or_default().to_string();
    let group_id = r.row.get("group_id").and_then(Value::as_str).unwrap_or_default().to_string();
    let date = r.row.get("date").and_then(Value::as_str).unwrap_or_default().to_string();
    let seq = r.row.get("seq").and_then(Value::as_i64).unwrap_or(1);
    let taken: bool = tx
        .query_row(
            "SELECT 1 FROM meetings WHERE group_id = ?1 AND date = ?2 AND seq = ?3 AND id <> ?4",
            (&group_id, &date, seq, &id),
            |_| Ok(()),
        )
        .optional()?
        .is_some();
    if taken {
        let next: i64 = tx.query_row(
            "SELECT COALESCE(MAX(seq), 0) + 1 FROM meetings WHERE group_id = ?1 AND date = ?2",
            (&group_id, &date),
            |r| r.get(0),
        )?;
        r.row.insert("seq".into(), next.into());
    }
    Ok(())
}

/// Merges a payload into the store: one transaction, all of it or none of it.
pub(crate) fn take_in(store: &mut Store, p: Payload, expected_group: Option<&str>) -> Result<ImportReport> {
    if let Some(expected) = expected_group {
        if expected != p.group_id {
            let here = group::get(store.conn(), expected).map(|g| g.name).unwrap_or_default();
            return Err(bad(format!("it is for the group “{}”, not “{here}”.", p.group_name)));
        }
    }
    // A date far past this laptop's clock is a wrong clock or a crafted file: taking it in would
    // push every later edit here out to that date.
    let latest = store.clock_reading()?.saturating_add(FUTURE_LIMIT_MS);
    if p.made_at > latest {
        return Err(bad(format!(
            "it is dated {}, years after this laptop's clock. Please check the date and time on both laptops.",
            date_of(p.made_at)
        )));
    }
    if p.since.is_some() && group::get(store.conn(), &p.group_id).is_err() {
        return Err(bad(format!(
            "it holds only the latest changes of “{}”, and this laptop does not have that group yet. Ask for a bundle of the whole group.",
            p.group_name
        )));
    }
    let mut by_table: HashMap<&str, Vec<Record>> = HashMap::new();
    for r in p.records.iter() {
        let Some(t) = table(&r.table) else {
            return Err(bad(format!("it holds records of a kind this version does not know (“{}”).", r.table)));
        };
        by_table.entry(t.name).or_default().push(r.clone());
    }
    let meetings: HashSet<String> = by_table
        .get("meetings")
        .map(|ms| ms.iter().filter_map(|m| m.row.get("id").and_then(Value::as_str).map(String::from)).collect())
        .unwrap_or_default();
    let (made_at, bundle_id, since) = (p.made_at, p.bundle_id.clone(), p.since);
    store.write(|tx| {
        // Parents and children may arrive in any order within a table; check references at commit.
        tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
        // Anything of the group may have come in: its open meetings are drawn again.
        tx.touched(Aggregate::Group, &p.group_id);
        tx.touched(Aggregate::Roster, &p.group_id);
        let (mut added, mut updated, mut unchanged) = (0u32, 0u32, 0u32);
        for t in TABLES {
            let Some(records) = by_table.get_mut(t.name) else { continue };
            let known = columns_of(tx, t.name)?;
            for r in records.iter_mut() {
                if let Some(c) = r.row.keys().find(|c| !known.contains(*c)) {
                    return Err(bad(format!("a record names a column this version does not know (“{c}”).")));
                }
                if merge::Record::key(r, t.key).is_none() {
                    return Err(bad(format!("a {} record has no id.", t.name)));
                }
                if !belongs(tx, &p, r, &meetings)? {
                    return Err(bad(format!("it mixes in records of another group ({}).", t.name)));
                }
                // An older laptop's tombstone may still hold its text: it must not bring it here.
                tombstone::blank_row(t.name, &mut r.row);
                // No version may claim to be newer than the bundle that carries it.
                merge::clamp(r, made_at);
                tx.witness(r.updated_at());
                let columns: Vec<String> = r.row.keys().cloned().collect();
                let local = local_version(tx, t, r, &columns)?;
                if t.name == "meetings" {
                    place_meeting(tx, r, local.as_ref())?;
                }
                match &local {
                    None => {
                        upsert(tx, t, r, &columns)?;
                        added += 1;
                    }
                    Some(l) if l.row != r.row && merge::rank(r, l).is_gt() => {
                        upsert(tx, t, r, &columns)?;
                        updated += 1;
                    }
                    Some(_) => unchanged += 1,
                }
            }
        }
        // A copy made before someone was forgotten here must not bring their name back.
        crate::privacy::scrub_forgotten(tx)?;
        let dangling: i64 = tx.query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
        if dangling > 0 {
            return Err(bad(
                "it holds changes that build on an earlier bundle which has not been imported here. Import that one first, or ask for a bundle of the whole group.",
            ));
        }
        log(tx, &p.group_id, "import", &bundle_id, since, added + updated, None)?;
        Ok(ImportReport { group_id: p.group_id.clone(), group_name: p.group_name.clone(), made_at, added, updated, unchanged })
    })
}

fn log(
    tx: &Tx,
    group_id: &str,
    direction: &str,
    bundle_id: &str,
    since: Option<i64>,
    records: u32,
    upto_seq: Option<i64>,
) -> Result<()> {
    tx.execute(
        "INSERT INTO bundle_log (id, group_id, direction, bundle_id, since, records, at, upto_seq)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        (crate::new_id(), group_id, direction, bundle_id, since, records, tx.now, upto_seq),
    )?;
    Ok(())
}

/// How far past this laptop's clock a bundle's date may be: two laptops each a year off, and then some.
const FUTURE_LIMIT_MS: i64 = 3 * 366 * 24 * 60 * 60 * 1000;

fn date_of(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_else(|| ms.to_string())
}

/// A sealed bundle, and what to note once it is safely where it goes.
struct Sealed {
    bytes: Vec<u8>,
    report: ExportReport,
    group_id: String,
    bundle_id: String,
    upto_seq: i64,
}

/// Where an export was saved, and what it holds.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SavedBundle {
    pub path: String,
    pub report: ExportReport,
}

/// The extension a bundle file carries.
pub const EXTENSION: &str = "ckbundle";

/// Bundles are small; anything far larger is not one, and is not read into memory.
const MAX_BUNDLE_BYTES: u64 = 512 * 1024 * 1024;

/// The bundle's file name says only what it is and when it was made: the group's name can
/// itself say "recovery meeting" to whoever finds a USB stick.
pub fn file_name(date: &str) -> String {
    format!("Circlekeeper handover {date}.{EXTENSION}")
}

/// A backup's file name: the same bundle, kept apart from handovers.
pub fn backup_file_name(date: &str) -> String {
    format!("Circlekeeper backup {date}.{EXTENSION}")
}

/// A path in `folder` that does not exist yet: never overwrite an earlier bundle.
fn free_path(folder: &Path, name: &str) -> PathBuf {
    let first = folder.join(name);
    if !first.exists() {
        return first;
    }
    let stem = name.trim_end_matches(&format!(".{EXTENSION}"));
    (2..).map(|n| folder.join(format!("{stem} ({n}).{EXTENSION}"))).find(|p| !p.exists()).unwrap_or(first)
}

/// Writes `bytes` as a new file in `folder`, whole or not at all, and on the disk before it returns:
/// a temporary file in the same folder, synced, renamed into place, and the folder synced, so a
/// stick pulled out at any moment holds either the whole bundle or none of it.
fn write_durably(folder: &Path, name: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
    use std::io::Write;
    let path = free_path(folder, name);
    let partial = path.with_extension("partial");
    let written = std::fs::File::create(&partial)
        .and_then(|mut f| {
            f.write_all(bytes)?;
            f.sync_all()
        })
        .and_then(|_| std::fs::rename(&partial, &path))
        .and_then(|_| sync_folder(folder));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    Ok(path)
}

/// Checked before anything is sealed, so a mistyped folder is told at once.
fn there_is_a_folder(folder: &Path) -> Result<()> {
    if !folder.is_dir() {
        return Err(Error::invalid(format!("There is no folder at {}. Please choose another.", folder.display())));
    }
    Ok(())
}

/// Makes a rename in `folder` durable. Only Unix can open a folder to sync it; elsewhere the
/// file system orders the rename after the synced data.
fn sync_folder(folder: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    std::fs::File::open(folder)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = folder;
    Ok(())
}

impl Store {
    /// Exports into `folder` under a new file name, written whole or not at all. Only once the file
    /// is on the disk is the export noted, so the next "changes only" bundle starts after it.
    pub fn export_bundle_file(
        &mut self,
        group_id: &str,
        passphrase: &str,
        only_changes: bool,
        folder: &Path,
    ) -> Result<SavedBundle> {
        there_is_a_folder(folder)?;
        let sealed = self.seal_bundle(group_id, passphrase, only_changes)?;
        let path = self.save_in(folder, group_id, file_name, &sealed.bytes)?;
        self.note_export(&sealed)?;
        Ok(SavedBundle { path: path.display().to_string(), report: sealed.report })
    }

    /// A protected backup of the whole group into `folder`: the same sealed bundle as a handover,
    /// importable anywhere, but not a handover: the next "changes only" bundle still starts after
    /// the last one given to another chair.
    pub fn backup_bundle_file(&mut self, group_id: &str, passphrase: &str, folder: &Path) -> Result<SavedBundle> {
        there_is_a_folder(folder)?;
        let sealed = self.seal_bundle(group_id, passphrase, false)?;
        let path = self.save_in(folder, group_id, backup_file_name, &sealed.bytes)?;
        Ok(SavedBundle { path: path.display().to_string(), report: sealed.report })
    }

    fn save_in(&self, folder: &Path, group_id: &str, name: fn(&str) -> String, bytes: &[u8]) -> Result<PathBuf> {
        let g = group::get(self.conn(), group_id)?;
        let date = crate::meeting::today(&g, self.clock().now_ms()).format("%Y-%m-%d").to_string();
        Ok(write_durably(folder, &name(&date), bytes)?)
    }

    /// Reads a bundle file and merges it in; see [`Store::import_bundle`].
    pub fn import_bundle_file(
        &mut self,
        path: &Path,
        passphrase: &str,
        expected_group: Option<&str>,
    ) -> Result<ImportReport> {
        let size = std::fs::metadata(path)
            .map_err(|_| Error::invalid(format!("There is no file at {}. Please check the name.", path.display())))?
            .len();
        if size > MAX_BUNDLE_BYTES || !path.is_file() {
            return Err(bad("This file is not a Circlekeeper handover bundle."));
        }
        let sealed = std::fs::read(path)?;
        self.import_bundle(&sealed, passphrase, expected_group)
    }

    /// Seals the group's records (or only those this laptop wrote or took in since its last bundle
    /// of it) with the passphrase, and notes the export so the next "changes only" bundle starts
    /// here: for a caller that holds the bytes itself. The app saves a file with
    /// [`Store::export_bundle_file`], which notes the export only once the file is on the disk.
    pub fn export_bundle(
        &mut self,
        group_id: &str,
        passphrase: &str,
        only_changes: bool,
    ) -> Result<(Vec<u8>, ExportReport)> {
        let sealed = self.seal_bundle(group_id, passphrase, only_changes)?;
        self.note_export(&sealed)?;
        Ok((sealed.bytes, sealed.report))
    }

    /// The group's records (or only this laptop's changes since its last export) sealed; nothing is noted.
    fn seal_bundle(&self, group_id: &str, passphrase: &str, only_changes: bool) -> Result<Sealed> {
        let (p, upto_seq) = payload(self, group_id, only_changes)?;
        let json =
            serde_json::to_vec(&p).map_err(|e| Error::Conflict(format!("The bundle could not be written: {e}")))?;
        let bytes = envelope::seal(&json, passphrase)?;
        let records = p.records.len() as u32;
        let report = ExportReport { group_name: p.group_name, records, since: p.since, bytes: bytes.len() as u32 };
        Ok(Sealed { bytes, report, group_id: p.group_id, bundle_id: p.bundle_id, upto_seq })
    }

    /// Notes a bundle as given: the next "changes only" bundle of its group starts after it.
    fn note_export(&mut self, s: &Sealed) -> Result<()> {
        self.write(|tx| {
            log(tx, &s.group_id, "export", &s.bundle_id, s.report.since, s.report.records, Some(s.upto_seq))
        })
    }

    /// Opens a bundle with its passphrase and merges it in. With `expected_group`, a bundle of
    /// any other group is refused. Nothing changes unless all of it can be taken in.
    pub fn import_bundle(
        &mut self,
        sealed: &[u8],
        passphrase: &str,
        expected_group: Option<&str>,
    ) -> Result<ImportReport> {
        let json = envelope::open(sealed, passphrase)?;
        let p = read_payload(&json)?;
        take_in(self, p, expected_group)
    }
}
