//! The handover bundle: a group's records (or only those changed since the last bundle) in one
//! passphrase-sealed file, and taking one in by merging it into this store in one transaction.
//! The app never sends a bundle anywhere; the chair carries the file. Format: docs/bundle-format.md.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::types::Value as SqlValue;
use rusqlite::{params_from_iter, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;
use zeroize::Zeroizing;

use crate::bundle::merge::{self, Record};
use crate::bundle::{check, envelope};
use crate::error::{problem, Error, IntoParam, Param, Problem, Result};
use crate::group;
use crate::store::db::SCHEMA_VERSION;
use crate::store::{tombstone, Aggregate, Store, Tx};
use crate::Passphrase;

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
    /// One of its records in the chair's words, for a message.
    what: &'static str,
}

const OF_GROUP: &str = "group_id = ?1";
const OF_MEETINGS: &str = "meeting_id IN (SELECT id FROM meetings WHERE group_id = ?1)";

/// Every table a group's records live in, parents before children. The device table and this
/// laptop's bundle log never travel.
const TABLES: &[Table] = &[
    Table { name: "groups", key: &["id"], scope: "id = ?1", what: "the group's details" },
    Table { name: "people", key: &["id"], scope: OF_GROUP, what: "a person" },
    Table { name: "meetings", key: &["id"], scope: OF_GROUP, what: "a meeting" },
    Table { name: "meeting_counts", key: &["meeting_id"], scope: OF_MEETINGS, what: "a meeting's counts" },
    Table { name: "meeting_facts", key: &["meeting_id"], scope: OF_MEETINGS, what: "a meeting's kept facts" },
    Table { name: "check_ins", key: &["id"], scope: OF_MEETINGS, what: "a check-in" },
    Table { name: "seating", key: &["meeting_id"], scope: OF_MEETINGS, what: "a meeting's seating" },
    Table { name: "rounds", key: &["id"], scope: OF_MEETINGS, what: "a round" },
    Table { name: "shares", key: &["id"], scope: OF_MEETINGS, what: "a share" },
    Table { name: "passes", key: &["id"], scope: OF_MEETINGS, what: "a pass" },
    Table { name: "celebrations", key: &["id"], scope: OF_MEETINGS, what: "a celebration" },
    Table { name: "keytag_stock", key: &["group_id", "point"], scope: OF_GROUP, what: "the keytag stock" },
    Table { name: "reports", key: &["meeting_id"], scope: OF_MEETINGS, what: "a chair's report" },
    Table { name: "action_items", key: &["id"], scope: OF_GROUP, what: "an action item" },
    Table { name: "acknowledgements", key: &["id"], scope: OF_GROUP, what: "an acknowledgement" },
    Table { name: "positions", key: &["id"], scope: OF_GROUP, what: "a service position" },
    Table { name: "chair_rota", key: &["group_id", "date"], scope: OF_GROUP, what: "the chair rota" },
    Table { name: "slips", key: &["id"], scope: OF_MEETINGS, what: "an attendance slip" },
    Table { name: "resources", key: &["id"], scope: OF_GROUP, what: "an entry on the resources card" },
];

fn table(name: &str) -> Option<&'static Table> {
    TABLES.iter().find(|t| t.name == name)
}

/// The key of a record as this build understands it.
pub fn key_of(r: &Record) -> Option<merge::Key> {
    r.key(table(&r.table)?.key)
}

fn bad(message: impl Into<Problem>) -> Error {
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
    let version: Version = serde_json::from_slice(bytes)
        .map_err(|_| bad(problem!("not_a_group", "its contents are not a Circlekeeper group.")))?;
    if version.payload_version > PAYLOAD_VERSION || version.schema > SCHEMA_VERSION {
        return Err(bad(problem!(
            "was_made_newer_version_circlekeeper",
            "it was made by a newer version of Circlekeeper. Please update Circlekeeper first."
        )));
    }
    serde_json::from_slice(bytes)
        .map_err(|_| bad(problem!("not_a_group", "its contents are not a Circlekeeper group.")))
}

/// The columns a table has here (but this laptop's own change number), with their types; a
/// bundle naming any other column is refused.
fn columns_of(conn: &Connection, table: &str) -> Result<HashMap<String, check::Kind>> {
    let mut stmt =
        conn.prepare(&format!("SELECT name, type FROM pragma_table_info('{table}') WHERE name <> '{LOCAL_SEQ}'"))?;
    let names = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, check::Kind::of(&r.get::<_, String>(1)?))))?;
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
        bad(problem!(
            "record_does_not_fit",
            "one of its records ({table} {key}) does not fit this laptop's data ({detail}).",
            table = t.name,
            key = key_text(r, t),
            detail = e.to_string()
        ))
    })?;
    Ok(())
}

/// A table's record as a message names it ("a person"), one phrase a table.
fn record_what(what: &str) -> Problem {
    match what {
        "the group's details" => problem!("record_group", "the group's details"),
        "a person" => problem!("record_person", "a person"),
        "a meeting" => problem!("record_meeting", "a meeting"),
        "a meeting's counts" => problem!("record_counts", "a meeting's counts"),
        "a meeting's kept facts" => problem!("record_facts", "a meeting's kept facts"),
        "a check-in" => problem!("record_check_in", "a check-in"),
        "a meeting's seating" => problem!("record_seating", "a meeting's seating"),
        "a round" => problem!("record_round", "a round"),
        "a share" => problem!("record_share", "a share"),
        "a pass" => problem!("record_pass", "a pass"),
        "a celebration" => problem!("record_celebration", "a celebration"),
        "the keytag stock" => problem!("record_stock", "the keytag stock"),
        "a chair's report" => problem!("record_report", "a chair's report"),
        "an action item" => problem!("record_action_item", "an action item"),
        "an acknowledgement" => problem!("record_acknowledgement", "an acknowledgement"),
        "a service position" => problem!("record_position", "a service position"),
        "the chair rota" => problem!("record_rota", "the chair rota"),
        "an attendance slip" => problem!("record_slip", "an attendance slip"),
        "an entry on the resources card" => problem!("record_resource", "an entry on the resources card"),
        other => Problem::from(other),
    }
}

/// A record's key for a message: printable ASCII only and short, as the key may be what is wrong.
fn key_text(r: &Record, t: &Table) -> String {
    let key = t.key.iter().map(|c| r.row.get(*c).map(Value::to_string).unwrap_or_default()).collect::<Vec<_>>();
    let shown: String = key.join("/").chars().filter(char::is_ascii_graphic).take(80).collect();
    shown
}

/// Checks that a record belongs to the bundle's group, and that the row it would replace here
/// does too, so a crafted or mixed-up bundle cannot write into another group's records.
fn belongs(tx: &Tx, group_id: &str, t: &Table, r: &Record, meetings: &HashSet<String>) -> Result<bool> {
    let text = |c: &str| r.row.get(c).and_then(Value::as_str).map(str::to_string);
    let incoming = match t.name {
        "groups" => text("id").as_deref() == Some(group_id),
        _ if t.scope == OF_GROUP => text("group_id").as_deref() == Some(group_id),
        _ => match text("meeting_id") {
            Some(m) if meetings.contains(&m) => true,
            Some(m) => tx
                .query_row("SELECT 1 FROM meetings WHERE id = ?1 AND group_id = ?2", [&m, group_id], |_| Ok(()))
                .optional()?
                .is_some(),
            None => false,
        },
    };
    Ok(incoming && !local_of_another_group(tx, group_id, t, r)?)
}

/// Whether this store has a row with `r`'s key that is not the group's.
fn local_of_another_group(tx: &Tx, group_id: &str, t: &Table, r: &Record) -> Result<bool> {
    let cond: Vec<String> = t.key.iter().enumerate().map(|(i, c)| format!("{c} = ?{}", i + 2)).collect();
    let sql = format!("SELECT 1 FROM {} WHERE {} AND NOT ({})", t.name, cond.join(" AND "), t.scope);
    let mut values: Vec<SqlValue> = vec![group_id.to_string().into()];
    values.extend(t.key.iter().map(|c| r.row.get(*c).and_then(to_sql).unwrap_or(SqlValue::Null)));
    Ok(tx.prepare_cached(&sql)?.query_row(params_from_iter(values), |_| Ok(())).optional()?.is_some())
}

/// Where a row of the group points at a person, round or meeting that must be the group's too:
/// after a merge none may point at another group's (a check-in of this group naming someone of
/// another would show their name here). Each query finds such a row for the group `?1`.
fn crossing() -> impl Iterator<Item = String> {
    let people = ["check_ins", "shares", "passes", "celebrations"].map(|t| {
        format!(
            "SELECT 1 FROM {t} x JOIN meetings m ON m.id = x.meeting_id JOIN people p ON p.id = x.person_id
             WHERE m.group_id = ?1 AND p.group_id <> ?1"
        )
    });
    let rounds = ["shares", "passes"].map(|t| {
        format!(
            "SELECT 1 FROM {t} x JOIN meetings m ON m.id = x.meeting_id JOIN rounds r ON r.id = x.round_id
             WHERE m.group_id = ?1 AND r.meeting_id <> x.meeting_id"
        )
    });
    let meetings = ["action_items", "acknowledgements"].map(|t| {
        format!("SELECT 1 FROM {t} x JOIN meetings m ON m.id = x.meeting_id WHERE x.group_id = ?1 AND m.group_id <> ?1")
    });
    people.into_iter().chain(rounds).chain(meetings)
}

fn crosses_groups(tx: &Tx, group_id: &str) -> Result<bool> {
    for sql in crossing() {
        if tx.prepare_cached(&sql)?.query_row([group_id], |_| Ok(())).optional()?.is_some() {
            return Ok(true);
        }
    }
    Ok(false)
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
            return Err(bad(problem!(
                "other_group",
                "it is for the group “{group}”, not “{here}”.",
                group = &p.group_name,
                here = here
            )));
        }
    }
    // A date far past this laptop's clock is a wrong clock or a crafted file: taking it in would
    // push every later edit here out to that date.
    let latest = store.clock_reading()?.saturating_add(FUTURE_LIMIT_MS);
    if p.made_at > latest {
        return Err(bad(problem!(
            "dated_in_future",
            "it is dated {date}, years after this laptop's clock. Please check the date and time on both laptops.",
            date = date_of(p.made_at)
        )));
    }
    if p.since.is_some() && group::get(store.conn(), &p.group_id).is_err() {
        return Err(bad(problem!(
            "changes_of_unknown_group",
            "it holds only the latest changes of “{group}”, and this laptop does not have that group yet. Ask for a \
             bundle of the whole group.",
            group = &p.group_name
        )));
    }
    let Payload { records, group_id, group_name, made_at, bundle_id, since, .. } = p;
    let mut by_table: HashMap<&str, Vec<Record>> = HashMap::new();
    for r in records {
        let Some(t) = table(&r.table) else {
            return Err(bad(problem!(
                "unknown_record_kind",
                "it holds records of a kind this version does not know (“{kind}”).",
                kind = &r.table
            )));
        };
        by_table.entry(t.name).or_default().push(r);
    }
    let meetings: HashSet<String> = by_table
        .get("meetings")
        .map(|ms| ms.iter().filter_map(|m| m.row.get("id").and_then(Value::as_str).map(String::from)).collect())
        .unwrap_or_default();
    // Dates that cannot lie in the future (a recovery date) are checked against this laptop's
    // today, a day ahead so that no time zone refuses a true one.
    let today = chrono::DateTime::from_timestamp_millis(store.clock().now_ms()).unwrap_or_default().date_naive()
        + chrono::Days::new(1);
    store.write(|tx| {
        // Parents and children may arrive in any order within a table; check references at commit.
        tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
        // Anything of the group may have come in: its open meetings are drawn again.
        tx.touched(Aggregate::Group, &group_id);
        tx.touched(Aggregate::Roster, &group_id);
        let (mut added, mut updated, mut unchanged) = (0u32, 0u32, 0u32);
        for t in TABLES {
            let Some(records) = by_table.get_mut(t.name) else { continue };
            let known = columns_of(tx, t.name)?;
            for r in records.iter_mut() {
                if let Some(c) = r.row.keys().find(|c| !known.contains_key(*c)) {
                    return Err(bad(problem!("record_names_column_version_does", "a record names a column this version does not know (“{c}”).", c = c)));
                }
                if merge::Record::key(r, t.key).is_none() {
                    return Err(bad(problem!("record_without_id", "a {table} record has no id.", table = t.name)));
                }
                // An older laptop's tombstone may still hold its text: it must not bring it here.
                tombstone::blank_row(t.name, &mut r.row);
                if let Err(e) = check::record(r, &known, today) {
                    let why = match e {
                        Error::Invalid(m) => m,
                        other => other.problem(),
                    };
                    return Err(bad(problem!(
                        "record_not_kept",
                        "{what} in it is not one Circlekeeper would keep ({key}): {why}",
                        what = record_what(t.what),
                        key = key_text(r, t),
                        why = why
                    )));
                }
                if !belongs(tx, &group_id, t, r, &meetings)? {
                    return Err(bad(problem!("mixes_groups", "it mixes in records of another group ({table}).", table = t.name)));
                }
                // No version may claim to be newer than the bundle that carries it.
                merge::clamp(r, made_at);
                tx.witness(r.updated_at());
                let columns: Vec<String> = r.row.keys().cloned().collect();
                let local = local_version(tx, t, r, &columns)?;
                if t.name == "meetings" {
                    place_meeting(tx, r, local.as_ref())?;
                }
                if t.name == "people" {
                    earliest_first_came(tx, r, local.as_ref())?;
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
        if crosses_groups(tx, &group_id)? {
            return Err(bad(problem!("links_groups_records_another_groups", "it links this group's records to another group's people or meetings.")));
        }
        let dangling: i64 = tx.query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
        if dangling > 0 {
            return Err(bad(problem!("holds_changes_build_earlier_bundle", "it holds changes that build on an earlier bundle which has not been imported here. Import that one first, or ask for a bundle of the whole group.")));
        }
        log(tx, &group_id, "import", &bundle_id, since, added + updated, None)?;
        Ok(ImportReport { group_id: group_id.clone(), group_name: group_name.clone(), made_at, added, updated, unchanged })
    })
}

/// When a person first came is the earliest date either laptop knows, whichever version of the
/// person wins: retention on one laptop may have kept it (its names then gone) while the other
/// edited the person, and losing it would make a regular a newcomer again. The incoming version
/// carries it if it wins; the version here takes it if it stays. A forgotten person keeps none.
fn earliest_first_came(tx: &Tx, r: &mut Record, local: Option<&Record>) -> Result<()> {
    let date = |rec: &Record| rec.row.get("first_came").and_then(Value::as_str).map(str::to_string);
    let Some(l) = local else { return Ok(()) };
    let Some(earliest) = [date(r), date(l)].into_iter().flatten().min() else { return Ok(()) };
    if !r.deleted() {
        r.row.insert("first_came".into(), earliest.clone().into());
    }
    if !l.deleted() && date(l).as_deref() != Some(earliest.as_str()) {
        // The version here stays as it is, but for this one fact, so its stamp stays too: the other
        // laptop, by the same rule, ends with the same date.
        let id = l.row.get("id").and_then(Value::as_str).unwrap_or_default();
        tx.execute("UPDATE people SET first_came = ?2 WHERE id = ?1 AND deleted_at IS NULL", [id, &earliest])?;
    }
    Ok(())
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

/// The day a bundle was made (in UTC), as a sentence says it.
fn date_of(ms: i64) -> Param {
    match chrono::DateTime::from_timestamp_millis(ms) {
        Some(d) => Problem::date(d.date_naive()).into_param(),
        None => ms.into_param(),
    }
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

/// Writes `bytes` as a new file in `folder`, whole or not at all, and on the disk before it returns.
fn write_durably(folder: &Path, name: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
    let path = free_path(folder, name);
    crate::files::write_whole(&path, bytes)?;
    Ok(path)
}

/// A group's records read for a bundle, not yet sealed. Reading needs the store; sealing (the
/// slow key derivation) and writing the file do not, so the shell does them without holding it
/// and the room display's timer keeps running meanwhile.
pub struct Outgoing {
    payload: Payload,
    /// The group's date today, for the file name.
    date: String,
    /// This laptop's change number when the records were read: a handover's next "changes only"
    /// bundle starts after it. `None` for a backup, which is not a handover.
    upto_seq: Option<i64>,
}

/// A sealed bundle written to disk.
pub struct Written {
    pub path: PathBuf,
    pub bytes: usize,
}

impl Outgoing {
    /// The payload sealed with the passphrase.
    pub fn seal(&self, passphrase: &Passphrase) -> Result<Vec<u8>> {
        let json = Zeroizing::new(serde_json::to_vec(&self.payload).map_err(|e| {
            Error::Conflict(problem!(
                "bundle_not_written",
                "The bundle could not be written: {detail}",
                detail = e.to_string()
            ))
        })?);
        envelope::seal(&json, passphrase)
    }

    /// Seals and writes into `folder` under a new file name (a handover's or a backup's), whole
    /// or not at all, and synced to the disk before it returns.
    pub fn write_into(&self, folder: &Path, passphrase: &Passphrase) -> Result<Written> {
        crate::files::there_is_a_folder(folder)?;
        let sealed = self.seal(passphrase)?;
        let name = if self.upto_seq.is_some() { file_name(&self.date) } else { backup_file_name(&self.date) };
        let path = write_durably(folder, &name, &sealed)?;
        Ok(Written { path, bytes: sealed.len() })
    }

    fn report(&self, bytes: usize) -> ExportReport {
        let p = &self.payload;
        ExportReport {
            group_name: p.group_name.clone(),
            records: p.records.len() as u32,
            since: p.since,
            bytes: bytes as u32,
        }
    }
}

/// Opens a sealed bundle with its passphrase and reads its payload, without the store: the key
/// derivation runs while the store stays free for the meeting.
pub fn open_bundle(sealed: impl Into<Vec<u8>>, passphrase: &Passphrase) -> Result<Payload> {
    let json = Zeroizing::new(envelope::open(sealed, passphrase)?);
    read_payload(&json)
}

/// Reads a bundle file (refusing one larger than any bundle can be, without reading past the
/// cap) and opens it; see [`open_bundle`].
pub fn open_bundle_file(path: &Path, passphrase: &Passphrase) -> Result<Payload> {
    let missing = || {
        Error::invalid(problem!("no_file", "There is no file at {path}. Please check the name.", path = path.display()))
    };
    let file = std::fs::File::open(path).map_err(|_| missing())?;
    let meta = file.metadata().map_err(|_| missing())?;
    if !meta.is_file() {
        return Err(bad(problem!("not_a_bundle", "This file is not a Circlekeeper handover bundle.")));
    }
    // Read once into a buffer of the right size, and never past the cap (`open` refuses that).
    let cap = envelope::MAX_SEALED as u64 + 1;
    let mut sealed = Vec::with_capacity(meta.len().min(cap) as usize);
    file.take(cap).read_to_end(&mut sealed)?;
    open_bundle(sealed, passphrase)
}

impl Store {
    /// Reads the group's records (or only those this laptop wrote or took in since its last
    /// handover of it) for a bundle; seal and write it with [`Outgoing::write_into`], then
    /// [`Store::note_export`].
    pub fn prepare_export(&self, group_id: &str, only_changes: bool) -> Result<Outgoing> {
        let (payload, upto_seq) = payload(self, group_id, only_changes)?;
        Ok(Outgoing { payload, date: self.date_today(group_id)?, upto_seq: Some(upto_seq) })
    }

    /// Reads the whole group for a protected backup: the same sealed bundle as a handover,
    /// importable anywhere, but not a handover, so the next "changes only" bundle still starts
    /// after the last one given to another chair.
    pub fn prepare_backup(&self, group_id: &str) -> Result<Outgoing> {
        let (payload, _) = payload(self, group_id, false)?;
        Ok(Outgoing { payload, date: self.date_today(group_id)?, upto_seq: None })
    }

    fn date_today(&self, group_id: &str) -> Result<String> {
        let g = group::get(self.conn(), group_id)?;
        Ok(crate::meeting::today(&g, self.clock().now_ms()).format("%Y-%m-%d").to_string())
    }

    /// Once the file is on the disk, notes a handover, so the next "changes only" bundle starts
    /// after what it carried; a backup is not noted.
    pub fn note_export(&mut self, out: &Outgoing, written: &Written) -> Result<SavedBundle> {
        let report = self.noted(out, written.bytes)?;
        Ok(SavedBundle { path: written.path.display().to_string(), report })
    }

    fn noted(&mut self, out: &Outgoing, bytes: usize) -> Result<ExportReport> {
        let report = out.report(bytes);
        if let Some(upto) = out.upto_seq {
            let p = &out.payload;
            self.write(|tx| log(tx, &p.group_id, "export", &p.bundle_id, p.since, report.records, Some(upto)))?;
        }
        Ok(report)
    }

    /// Exports into `folder` under a new file name, written whole or not at all, and noted only
    /// once it is on the disk. (The shell does the same in three steps, so the store is not held
    /// while the bundle is sealed.)
    pub fn export_bundle_file(
        &mut self,
        group_id: &str,
        passphrase: &Passphrase,
        only_changes: bool,
        folder: &Path,
    ) -> Result<SavedBundle> {
        let out = self.prepare_export(group_id, only_changes)?;
        self.save(&out, folder, passphrase)
    }

    /// A protected backup of the whole group into `folder`; see [`Store::prepare_backup`].
    pub fn backup_bundle_file(
        &mut self,
        group_id: &str,
        passphrase: &Passphrase,
        folder: &Path,
    ) -> Result<SavedBundle> {
        let out = self.prepare_backup(group_id)?;
        self.save(&out, folder, passphrase)
    }

    /// Seals and writes what was read (the folder is checked before the slow sealing), then notes it.
    fn save(&mut self, out: &Outgoing, folder: &Path, passphrase: &Passphrase) -> Result<SavedBundle> {
        let written = out.write_into(folder, passphrase)?;
        self.note_export(out, &written)
    }

    /// Seals the group's records (or only those this laptop wrote or took in since its last bundle
    /// of it) with the passphrase, and notes the export so the next "changes only" bundle starts
    /// here: for a caller that holds the bytes itself. The app saves a file with
    /// [`Store::export_bundle_file`], which notes the export only once the file is on the disk.
    pub fn export_bundle(
        &mut self,
        group_id: &str,
        passphrase: &Passphrase,
        only_changes: bool,
    ) -> Result<(Vec<u8>, ExportReport)> {
        let out = self.prepare_export(group_id, only_changes)?;
        let sealed = out.seal(passphrase)?;
        let report = self.noted(&out, sealed.len())?;
        Ok((sealed, report))
    }

    /// Merges an opened bundle in. With `expected_group`, a bundle of any other group is refused.
    /// Nothing changes unless all of it can be taken in.
    pub fn import_payload(&mut self, p: Payload, expected_group: Option<&str>) -> Result<ImportReport> {
        take_in(self, p, expected_group)
    }

    /// Reads a bundle file and merges it in; see [`open_bundle_file`] and [`Store::import_payload`].
    pub fn import_bundle_file(
        &mut self,
        path: &Path,
        passphrase: &Passphrase,
        expected_group: Option<&str>,
    ) -> Result<ImportReport> {
        self.import_payload(open_bundle_file(path, passphrase)?, expected_group)
    }

    /// Opens a bundle with its passphrase and merges it in; see [`Store::import_payload`].
    pub fn import_bundle(
        &mut self,
        sealed: &[u8],
        passphrase: &Passphrase,
        expected_group: Option<&str>,
    ) -> Result<ImportReport> {
        self.import_payload(open_bundle(sealed, passphrase)?, expected_group)
    }
}
