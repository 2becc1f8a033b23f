//! Merging two laptops' records. A pure function over records, so that the promises a handover
//! bundle makes (both sides' new records survive, the latest edit wins, a deletion stays a
//! deletion, importing twice changes nothing) are properties we can test, not hopes.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One row of one table, every column by name, as it travels in a bundle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub table: String,
    pub row: serde_json::Map<String, Value>,
}

/// Where a record lives: its table and the values of its key columns.
pub type Key = (String, String);

impl Record {
    pub fn updated_at(&self) -> i64 {
        self.row.get("updated_at").and_then(Value::as_i64).unwrap_or(0)
    }

    pub fn updated_by(&self) -> &str {
        self.row.get("updated_by").and_then(Value::as_str).unwrap_or("")
    }

    pub fn deleted(&self) -> bool {
        self.row.get("deleted_at").is_some_and(|v| !v.is_null())
    }

    /// The row with its columns in name order, whatever order the map keeps: the last tie-breaker.
    fn canonical(&self) -> String {
        let sorted: BTreeMap<&String, &Value> = self.row.iter().collect();
        serde_json::to_string(&sorted).unwrap_or_default()
    }

    /// The key of this record given its table's key columns; `None` if one is missing.
    pub fn key(&self, columns: &[&str]) -> Option<Key> {
        let mut parts = Vec::with_capacity(columns.len());
        for c in columns {
            match self.row.get(*c)? {
                Value::String(s) => parts.push(s.clone()),
                Value::Number(n) => parts.push(n.to_string()),
                _ => return None,
            }
        }
        Some((self.table.clone(), parts.join("\u{1f}")))
    }
}

/// How two versions of one record compare: a tombstone outranks any live version (a deletion is
/// final, and forgetting a person must not be undone by an older copy), then the later change (by
/// its stamp from the writing laptop's hybrid logical clock, which is past every version that
/// laptop had seen, so an edit made after seeing another outranks it whatever the laptops' clocks
/// say), then the writing device's id, then the content itself, so every laptop picks the same one.
pub fn rank(a: &Record, b: &Record) -> Ordering {
    a.deleted()
        .cmp(&b.deleted())
        .then(a.updated_at().cmp(&b.updated_at()))
        .then_with(|| a.updated_by().cmp(b.updated_by()))
        .then_with(|| a.canonical().cmp(&b.canonical()))
}

/// Takes a version stamped after `latest` (the date of the bundle that carries it) as made at
/// `latest`: a version cannot be newer than the laptop that sent it says it is, so a stamp from a
/// crafted or broken file neither outranks later work nor pushes the receiver's clock past that date.
pub fn clamp(r: &mut Record, latest: i64) {
    if r.updated_at() > latest {
        r.row.insert("updated_at".into(), latest.into());
    }
}

/// The version a merged store keeps. With equal rank the two are the same record.
pub fn prefer<'a>(a: &'a Record, b: &'a Record) -> &'a Record {
    if rank(b, a) == Ordering::Greater {
        b
    } else {
        a
    }
}

/// Merges two sets of records, each keyed by `key_of` (which returns `None` for a record it does
/// not know how to key; such records are left out). Commutative and idempotent.
pub fn merge<'a>(
    a: impl IntoIterator<Item = &'a Record>,
    b: impl IntoIterator<Item = &'a Record>,
    key_of: impl Fn(&Record) -> Option<Key>,
) -> BTreeMap<Key, Record> {
    let mut out: BTreeMap<Key, Record> = BTreeMap::new();
    for r in a.into_iter().chain(b) {
        let Some(k) = key_of(r) else { continue };
        match out.get(&k) {
            Some(kept) if prefer(kept, r) == kept => {}
            _ => {
                out.insert(k, r.clone());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rec(id: &str, at: i64, by: &str, text: &str, deleted: Option<i64>) -> Record {
        let row = json!({"id": id, "text": text, "updated_at": at, "updated_by": by, "deleted_at": deleted});
        Record { table: "action_items".into(), row: row.as_object().unwrap().clone() }
    }

    fn by_id(r: &Record) -> Option<Key> {
        r.key(&["id"])
    }

    #[test]
    fn the_later_edit_wins_whichever_side_it_came_from() {
        let old = rec("a", 10, "laptop-a", "Buy keytags", None);
        let new = rec("a", 20, "laptop-b", "Buy 30-day keytags", None);
        assert_eq!(prefer(&old, &new), &new);
        assert_eq!(prefer(&new, &old), &new);
    }

    #[test]
    fn a_deletion_stays_deleted_even_against_a_later_edit() {
        let deleted = rec("a", 10, "laptop-a", "Buy keytags", Some(10));
        let edited = rec("a", 30, "laptop-b", "Buy more keytags", None);
        assert_eq!(prefer(&edited, &deleted), &deleted);
    }

    #[test]
    fn records_made_on_either_laptop_both_survive() {
        let a = [rec("a", 10, "laptop-a", "Key to the room", None)];
        let b = [rec("b", 11, "laptop-b", "Phone list", None)];
        let merged = merge(&a, &b, by_id);
        assert_eq!(merged.len(), 2);
    }
}
