//! Person ids out of what a meeting keeps as JSON (seatings, rounds, formats), and counting the rows
//! that name someone: what retention and forgetting a person both do.

use std::collections::HashMap;

use rusqlite::Connection;
use serde_json::Value;

use crate::error::Result;

/// Replaces every string value `replace` has a replacement for; true if anything changed.
fn replace_strings(v: &mut Value, replace: &mut impl FnMut(&str) -> Option<Value>) -> bool {
    match v {
        Value::String(s) => match replace(s) {
            Some(new) => {
                *v = new;
                true
            }
            None => false,
        },
        Value::Array(items) => items.iter_mut().fold(false, |changed, item| replace_strings(item, replace) | changed),
        Value::Object(map) => map.values_mut().fold(false, |changed, item| replace_strings(item, replace) | changed),
        _ => false,
    }
}

const TOKEN: &str = "anonymous-";

/// The highest "anonymous-N" already in a round, so new tokens never repeat an earlier one.
fn highest_token(v: &Value) -> u32 {
    match v {
        Value::String(s) => s.strip_prefix(TOKEN).and_then(|n| n.parse().ok()).unwrap_or(0),
        Value::Array(items) => items.iter().map(highest_token).max().unwrap_or(0),
        Value::Object(map) => map.values().map(highest_token).max().unwrap_or(0),
        _ => 0,
    }
}

pub(super) fn is_id(s: &str) -> bool {
    uuid::Uuid::try_parse(s).is_ok()
}

/// Whether JSON text may hold a string that [`is_id`]: every form of id has eight hex digits in a
/// row, and only a `\u` escape could hide them from a look at the raw text (the other escapes stand
/// for characters that are not hex digits). Text without either names nobody and need not be parsed,
/// which is what an old meeting already cleared by retention looks like.
pub(super) fn may_hold_id(json: &str) -> bool {
    json.contains("\\u") || json.as_bytes().split(|b| !b.is_ascii_hexdigit()).any(|run| run.len() >= 8)
}

/// A round's state with the people `is_person` picks replaced by tokens, the same person by the same
/// token; `None` when nobody was in it. A state that cannot be read as JSON has each id in `ids`
/// replaced in its text.
pub(super) fn anonymize_round(state: &str, is_person: impl Fn(&str) -> bool, ids: &[&str]) -> Option<String> {
    let Ok(mut v) = serde_json::from_str::<Value>(state) else {
        let mut text = state.to_string();
        for (n, id) in ids.iter().enumerate() {
            text = text.replace(id, &format!("{TOKEN}x{n}"));
        }
        return (text != state).then_some(text);
    };
    let mut next = highest_token(&v);
    let mut tokens: HashMap<String, String> = HashMap::new();
    let changed = replace_strings(&mut v, &mut |s| {
        if !is_person(s) {
            return None;
        }
        let token = tokens.entry(s.to_string()).or_insert_with(|| {
            next += 1;
            format!("{TOKEN}{next}")
        });
        Some(Value::String(token.clone()))
    });
    changed.then(|| v.to_string())
}

/// A seating list without the people `is_person` picks; `None` when nobody was taken out.
pub(super) fn without_seats(seats: &str, is_person: impl Fn(&str) -> bool) -> Option<String> {
    let Ok(list) = serde_json::from_str::<Vec<String>>(seats) else { return Some("[]".into()) };
    let kept: Vec<&String> = list.iter().filter(|p| !is_person(p)).collect();
    (kept.len() != list.len()).then(|| serde_json::to_string(&kept).unwrap_or_else(|_| "[]".into()))
}

/// A format with no reader among the people `is_person` picks; `None` when none was.
pub(super) fn without_readers(format: &str, is_person: impl Fn(&str) -> bool) -> Option<String> {
    let mut v = serde_json::from_str::<Value>(format).ok()?;
    replace_strings(&mut v, &mut |s| is_person(s).then_some(Value::Null)).then(|| v.to_string())
}

pub(super) fn count(conn: &Connection, sql: &str, param: &str) -> Result<u32> {
    Ok(conn.query_row(sql, [param], |r| r.get(0))?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_person_gets_the_same_token_and_tokens_never_repeat() {
        let a = "0190a0a0-0000-7000-8000-000000000001";
        let b = "0190a0a0-0000-7000-8000-000000000002";
        let state = format!(r#"{{"seats":["{a}","anonymous-1","{b}"],"turns":[{{"personId":"{a}"}}]}}"#);
        let out: Value = serde_json::from_str(&anonymize_round(&state, is_id, &[]).unwrap()).unwrap();
        assert_eq!(out["seats"], serde_json::json!(["anonymous-2", "anonymous-1", "anonymous-3"]));
        assert_eq!(out["turns"][0]["personId"], "anonymous-2");
        assert_eq!(anonymize_round(&out.to_string(), is_id, &[]), None, "nothing left to take out");
    }

    #[test]
    fn text_that_may_hold_an_id_is_never_passed_over() {
        let id = "0190a0a0-0000-7000-8000-000000000001";
        for form in [id.to_string(), id.replace('-', ""), format!("{{{id}}}"), format!("urn:uuid:{id}")] {
            assert!(is_id(&form), "{form}");
            assert!(may_hold_id(&format!(r#"{{"seats":["{form}"]}}"#)), "{form}");
        }
        // Every fourth digit escaped: no eight hex digits stand in a row, yet it parses to an id.
        let escaped: String = id
            .replace('-', "")
            .chars()
            .enumerate()
            .map(|(i, c)| if i % 4 == 0 { format!("\\u{:04x}", c as u32) } else { c.to_string() })
            .collect();
        let json = format!(r#"["{escaped}"]"#);
        assert!(serde_json::from_str::<Vec<String>>(&json).unwrap().iter().all(|s| is_id(s)));
        assert!(may_hold_id(&json), "an id behind escaped digits");
        let cleared = r#"{"mode":{"kind":"circle","direction":"clockwise","startSeat":12},"seats":["anonymous-1"]}"#;
        assert!(!may_hold_id(cleared));
        assert!(!may_hold_id("[]"));
    }
}
