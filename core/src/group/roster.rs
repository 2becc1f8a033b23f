//! Roster: the people of a group, by first name or alias with an optional last initial.
//! Nothing else personal is kept here.

use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::names;
use crate::store::{Aggregate, Store, Tx};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Person {
    pub id: String,
    pub group_id: String,
    pub display_name: String,
    /// One letter, or empty.
    pub last_initial: String,
    /// Opt-in: a recovery date the person chose to share, "YYYY-MM-DD".
    pub recovery_date: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PersonInput {
    pub display_name: String,
    pub last_initial: String,
}

const COLUMNS: &str = "id, group_id, display_name, last_initial, recovery_date";

fn from_row(r: &Row) -> rusqlite::Result<Person> {
    Ok(Person {
        id: r.get(0)?,
        group_id: r.get(1)?,
        display_name: r.get(2)?,
        last_initial: r.get(3)?,
        recovery_date: r.get(4)?,
    })
}

pub(crate) fn get(conn: &Connection, id: &str) -> Result<Person> {
    conn.query_row(&format!("SELECT {COLUMNS} FROM people WHERE id = ?1 AND deleted_at IS NULL"), [id], from_row)
        .optional()?
        .ok_or(Error::NotFound { what: "person" })
}

pub(crate) fn list(conn: &Connection, group_id: &str) -> Result<Vec<Person>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM people WHERE group_id = ?1 AND deleted_at IS NULL
         ORDER BY display_name COLLATE NOCASE, last_initial, created_at"
    ))?;
    let people = stmt.query_map([group_id], from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(people)
}

/// Adds a person to a group's roster inside an open write, refusing a name already there.
pub(crate) fn add(tx: &Tx, group_id: &str, input: &PersonInput) -> Result<Person> {
    crate::group::get(tx, group_id)?;
    let name = names::display_name(&input.display_name, "name")?;
    let initial = names::last_initial(&input.last_initial)?;
    let key = names::match_key(&name, &initial);
    if let Some(existing) =
        list(tx, group_id)?.into_iter().find(|p| names::match_key(&p.display_name, &p.last_initial) == key)
    {
        return Err(Error::DuplicatePerson { name: names::shown(&name, &initial), existing_id: existing.id });
    }
    let id = crate::new_id();
    tx.execute(
        "INSERT INTO people (id, group_id, display_name, last_initial, created_at, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)",
        rusqlite::params![id, group_id, name, initial, tx.stamp, tx.device],
    )?;
    tx.touched(Aggregate::Roster, group_id);
    get(tx, &id)
}

impl Store {
    pub fn add_person(&mut self, group_id: &str, input: &PersonInput) -> Result<Person> {
        self.write(|tx| add(tx, group_id, input))
    }

    pub fn roster(&self, group_id: &str) -> Result<Vec<Person>> {
        crate::group::get(self.conn(), group_id)?;
        list(self.conn(), group_id)
    }
}
