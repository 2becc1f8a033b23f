//! What a tombstone keeps: its key, its stamps, and the columns a merge or a constraint needs;
//! every column that could say who or what is blanked. A removed action item, position, check-in or
//! share travels in every bundle and is kept for ever, so it must not keep its text or its person.

use rusqlite::Connection;
use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::store::Tx;

/// The value a blanked column takes: empty where the column may not be NULL.
#[derive(Debug, Clone, Copy)]
enum Blank {
    Null,
    Empty,
    Zero,
    NoNames,
}

impl Blank {
    fn sql(self) -> &'static str {
        match self {
            Blank::Null => "NULL",
            Blank::Empty => "''",
            Blank::Zero => "0",
            Blank::NoNames => "'[]'",
        }
    }

    fn json(self) -> Value {
        match self {
            Blank::Null => Value::Null,
            Blank::Empty => "".into(),
            Blank::Zero => 0.into(),
            Blank::NoNames => "[]".into(),
        }
    }
}

use Blank::{Empty, NoNames, Null, Zero};

/// Every table with a `deleted_at`, and what its tombstones blank. What stays is the key, the
/// stamps, the owning group or meeting (a bundle's group check and the foreign keys need them), and
/// what no one could be recognised by (a meeting's date and number, which its key needs; times of
/// day; counts). A unit test below fails when a table or a text column is added and not listed.
const BLANKED: &[(&str, &[(&str, Blank)])] = &[
    (
        "groups",
        &[("name", Empty), ("fellowship", Empty), ("location", Empty), ("format", Null), ("milestone_points", Null)],
    ),
    ("people", &[("display_name", Empty), ("last_initial", Empty), ("recovery_date", Null), ("first_came", Null)]),
    ("meetings", &[("chair", Empty), ("format", Null), ("run", Null), ("report", Null)]),
    ("check_ins", &[("person_id", Null)]),
    ("shares", &[("person_id", Null)]),
    ("rounds", &[("state", Empty)]),
    ("passes", &[("person_id", Null)]),
    ("celebrations", &[("person_id", Null), ("label", Empty), ("date", Empty)]),
    ("reports", &[("notes", Empty), ("collection_cents", Null), ("counted_by", NoNames)]),
    (
        "action_items",
        &[
            ("meeting_id", Null),
            ("text", Empty),
            ("due_date", Null),
            ("due_meeting", Zero),
            ("raised_by", Empty),
            ("closed_by", Null),
            ("closed_at", Null),
        ],
    ),
    ("acknowledgements", &[("name", Empty)]),
    ("positions", &[("title", Empty), ("holder", Empty), ("alternate", Empty), ("term_ends", Null)]),
    ("chair_rota", &[("name", Empty)]),
    ("resources", &[("name", Empty), ("contact", Empty), ("note", Empty)]),
];

fn blanked(table: &str) -> Option<&'static [(&'static str, Blank)]> {
    BLANKED.iter().find(|(t, _)| *t == table).map(|(_, columns)| *columns)
}

/// `col = blank, …` for an UPDATE, and the test that some column still holds something.
fn clauses(columns: &[(&str, Blank)]) -> (String, String) {
    let set = columns.iter().map(|(c, b)| format!("{c} = {}", b.sql())).collect::<Vec<_>>().join(", ");
    let left = columns.iter().map(|(c, b)| format!("{c} IS NOT {}", b.sql())).collect::<Vec<_>>().join(" OR ");
    (set, left)
}

/// Blanks the tombstone of `table` whose `id` is given (a row still live is left alone). Its stamps
/// are not touched: blanking is part of the removal that stamped it.
pub(crate) fn blank(conn: &Connection, table: &str, id: &str) -> Result<()> {
    let Some(columns) = blanked(table) else { return Ok(()) };
    let (set, _) = clauses(columns);
    // `table` and the columns are our own literals, never user input.
    conn.execute(&format!("UPDATE {table} SET {set} WHERE id = ?1 AND deleted_at IS NOT NULL"), [id])?;
    Ok(())
}

/// Removes the live row `id` of `group_id` from `table` (a group's own list: its positions, its
/// resources card) as a blanked tombstone, stamped by `tx`; `what` names it when there is none.
pub(crate) fn remove_of_group(tx: &Tx, table: &str, group_id: &str, id: &str, what: &'static str) -> Result<()> {
    // `table` is one of our own literals, never user input.
    let n = tx.execute(
        &format!(
            "UPDATE {table} SET deleted_at = ?3, updated_at = ?3, updated_by = ?4
             WHERE id = ?1 AND group_id = ?2 AND deleted_at IS NULL"
        ),
        (id, group_id, tx.stamp, tx.device),
    )?;
    if n == 0 {
        return Err(Error::NotFound { what });
    }
    blank(tx, table, id)
}

/// Blanks every tombstone of `table` that still holds something; how many it blanked.
pub(crate) fn blank_table(conn: &Connection, table: &str) -> Result<usize> {
    let Some(columns) = blanked(table) else { return Ok(0) };
    let (set, left) = clauses(columns);
    Ok(conn.execute(&format!("UPDATE {table} SET {set} WHERE deleted_at IS NOT NULL AND ({left})"), [])?)
}

/// Blanks every tombstone in the store that still holds something; how many it blanked.
pub(crate) fn blank_all(conn: &Connection) -> Result<usize> {
    BLANKED.iter().map(|(table, _)| blank_table(conn, table)).sum()
}

/// A tombstone as it travels in a bundle, blanked the same way, so an older laptop's tombstone that
/// still holds text neither brings it here nor counts as a newer version of our blank one.
pub(crate) fn blank_row(table: &str, row: &mut Map<String, Value>) {
    if row.get("deleted_at").is_none_or(Value::is_null) {
        return;
    }
    for (column, b) in blanked(table).unwrap_or_default() {
        row.insert((*column).to_string(), b.json());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Columns a tombstone keeps: keys, stamps, owners, and what recognises no one.
    const KEPT: &[&str] = &[
        "id",
        "group_id",
        "meeting_id",
        "round_id",
        "created_at",
        "updated_at",
        "updated_by",
        "deleted_at",
        // This laptop's change number: it never travels, and says only when the row was written.
        "local_seq",
        // The group's settings: days, times and numbers.
        "weekday",
        "start_time",
        "length_min",
        "time_zone",
        "share_ms",
        "warn_ms",
        "room_show_name",
        "room_show_overtime",
        "fair_min_ms",
        "fair_max_ms",
        "newcomers_first",
        "keytag_low_at",
        "retention_months",
        "slips_off",
        // A meeting's key is its date and number; its state and times say nothing of anyone.
        "date",
        "seq",
        "status",
        "mode",
        "opened_at",
        "closed_at",
        "sharing_ends_at",
        "reserve_ms",
        // Times of a check-in, share or pass, without the person.
        "arrived_at",
        "left_at",
        "planned_ms",
        "started_at",
        "adjust_ms",
        "paused_ms",
        "paused_since",
        "ended_at",
        "at",
        "sort",
    ];

    #[test]
    fn every_tombstone_column_is_either_blanked_or_needed() {
        let conn = crate::store::db::open_in_memory().unwrap();
        let columns = crate::store::db::schema_columns(
            &conn,
            "EXISTS (SELECT 1 FROM pragma_table_info(m.name) WHERE name = 'deleted_at')",
        );
        assert!(columns.len() > 50, "the schema was read");
        for (table, column) in &columns {
            let blank =
                blanked(table).unwrap_or_else(|| panic!("{table} has tombstones but no list of what they blank"));
            let listed = blank.iter().any(|(c, _)| c == column);
            assert!(listed || KEPT.contains(&column.as_str()), "{table}.{column}: blank it or say why it is kept");
        }
        for (table, blank) in BLANKED {
            for (c, _) in *blank {
                assert!(columns.contains(&(table.to_string(), c.to_string())), "{table}.{c} is not in the schema");
            }
        }
    }

    #[test]
    fn a_tombstone_keeps_its_stamps_and_loses_its_text() {
        let mut row = serde_json::json!({"id": "a1", "text": "Call Wilhelmina", "raised_by": "Robin",
            "updated_at": 5, "updated_by": "dev", "deleted_at": 5});
        blank_row("action_items", row.as_object_mut().unwrap());
        assert_eq!(row["text"], "");
        assert_eq!(row["raised_by"], "");
        assert_eq!((row["updated_at"].as_i64(), row["deleted_at"].as_i64()), (Some(5), Some(5)));
        let mut live = serde_json::json!({"id": "a2", "text": "Keys", "deleted_at": null});
        blank_row("action_items", live.as_object_mut().unwrap());
        assert_eq!(live["text"], "Keys");
    }
}
