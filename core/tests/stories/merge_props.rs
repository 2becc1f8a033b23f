//! The promises a handover bundle makes, checked over random histories: merging is commutative,
//! idempotent and associative, nothing made on either side is lost, and a deletion is final.

use std::collections::BTreeMap;

use crate::deep_paths::merge::{merge, Key, Record};
use proptest::prelude::*;
use serde_json::json;

/// A version of one of a few records, as one laptop or the other may have written it.
fn version() -> impl Strategy<Value = Record> {
    (0..6u8, 0..20i64, 0..3u8, 0..4u8, proptest::option::weighted(0.2, 0..20i64)).prop_map(
        |(id, at, device, text, deleted)| {
            let row = json!({
                "id": format!("item-{id}"),
                "text": format!("text {text}"),
                "updated_at": at,
                "updated_by": format!("laptop-{device}"),
                "deleted_at": deleted,
            });
            Record { table: "action_items".into(), row: row.as_object().unwrap().clone() }
        },
    )
}

fn store() -> impl Strategy<Value = Vec<Record>> {
    proptest::collection::vec(version(), 0..12)
}

fn by_id(r: &Record) -> Option<Key> {
    r.key(&["id"])
}

fn m(a: &[Record], b: &[Record]) -> BTreeMap<Key, Record> {
    merge(a, b, by_id)
}

fn values(m: &BTreeMap<Key, Record>) -> Vec<Record> {
    m.values().cloned().collect()
}

proptest! {
    #[test]
    fn merging_is_commutative(a in store(), b in store()) {
        prop_assert_eq!(m(&a, &b), m(&b, &a));
    }

    #[test]
    fn merging_the_same_changes_again_changes_nothing(a in store(), b in store()) {
        let once = values(&m(&a, &b));
        prop_assert_eq!(m(&once, &b), m(&a, &b));
        prop_assert_eq!(m(&once, &once), m(&a, &b));
    }

    #[test]
    fn merging_is_associative(a in store(), b in store(), c in store()) {
        let left = values(&m(&values(&m(&a, &b)), &c));
        let right = values(&m(&a, &values(&m(&b, &c))));
        prop_assert_eq!(left, right);
    }

    #[test]
    fn nothing_made_on_either_side_is_lost_and_a_deletion_is_final(a in store(), b in store()) {
        let merged = m(&a, &b);
        for r in a.iter().chain(&b) {
            let kept = &merged[&by_id(r).unwrap()];
            if r.deleted() {
                prop_assert!(kept.deleted(), "a tombstone was undone");
            }
            if !kept.deleted() {
                prop_assert!(kept.updated_at() >= r.updated_at(), "an older edit won");
            }
        }
    }
}
