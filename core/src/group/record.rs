//! Group: a recurring meeting ("Tuesday Night Hope") with its usual day, time, length and place.

use chrono::NaiveTime;
use rusqlite::{Connection, OptionalExtension, Row, ToSql};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{problem, Error, Result};
use crate::names;
use crate::store::{Aggregate, Store, Tx};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Group {
    pub id: String,
    pub name: String,
    /// Free text: "NA", "SMART", "AA open".
    pub fellowship: String,
    /// 0 = Monday … 6 = Sunday.
    pub weekday: u8,
    /// "HH:MM", local to the group.
    pub start_time: String,
    pub length_min: u16,
    pub location: String,
    /// IANA time zone the group meets in, e.g. "Europe/Dublin".
    pub time_zone: String,
    /// The group issues attendance slips (on unless the group turned them off).
    pub slips: bool,
}

/// What a chair types to create or edit a group.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct GroupInput {
    pub name: String,
    pub fellowship: String,
    pub weekday: u8,
    pub start_time: String,
    pub length_min: u16,
    pub location: String,
}

impl GroupInput {
    /// The weekly group the unit tests meet in: Tuesday Night Hope, Mondays at 19:30 for an hour.
    #[cfg(test)]
    pub(crate) fn tuesday_night_hope() -> GroupInput {
        GroupInput {
            name: "Tuesday Night Hope".into(),
            fellowship: "NA".into(),
            weekday: 1,
            start_time: "19:30".into(),
            length_min: 60,
            location: String::new(),
        }
    }

    pub(crate) fn validated(&self) -> Result<GroupInput> {
        let name = names::display_name(&self.name, "group name")?;
        if self.weekday > 6 {
            return Err(Error::invalid(problem!("choose_weekday", "Please choose a weekday.")));
        }
        let start = NaiveTime::parse_from_str(self.start_time.trim(), "%H:%M").map_err(|_| {
            Error::invalid(problem!(
                "give_start_time_hours_minutes",
                "Please give the start time as hours and minutes, like 19:30."
            ))
        })?;
        if !(1..=240).contains(&self.length_min) {
            return Err(Error::invalid(problem!(
                "meetings_length_between_1_240",
                "A meeting's length is between 1 and 240 minutes."
            )));
        }
        Ok(GroupInput {
            name,
            fellowship: names::optional_text(&self.fellowship, "fellowship or format label", 40)?,
            weekday: self.weekday,
            start_time: start.format("%H:%M").to_string(),
            length_min: self.length_min,
            location: names::optional_text(&self.location, "location", 120)?,
        })
    }
}

const COLUMNS: &str = "id, name, fellowship, weekday, start_time, length_min, location, time_zone, slips_off = 0";

fn from_row(r: &Row) -> rusqlite::Result<Group> {
    Ok(Group {
        id: r.get(0)?,
        name: r.get(1)?,
        fellowship: r.get(2)?,
        weekday: r.get(3)?,
        start_time: r.get(4)?,
        length_min: r.get(5)?,
        location: r.get(6)?,
        time_zone: r.get(7)?,
        slips: r.get(8)?,
    })
}

pub(crate) fn get(conn: &Connection, id: &str) -> Result<Group> {
    conn.query_row(&format!("SELECT {COLUMNS} FROM groups WHERE id = ?1 AND deleted_at IS NULL"), [id], from_row)
        .optional()?
        .ok_or(Error::NotFound { what: "group" })
}

/// The time zone this machine is set to, as an IANA name; UTC when it cannot be told.
fn local_time_zone() -> String {
    iana_time_zone::get_timezone()
        .ok()
        .filter(|tz| crate::zone::Zone::named(tz).is_some())
        .unwrap_or_else(|| "UTC".to_string())
}

impl Store {
    pub fn create_group(&mut self, input: &GroupInput) -> Result<Group> {
        let g = input.validated()?;
        let id = crate::new_id();
        self.write(|tx| {
            tx.execute(
                "INSERT INTO groups (id, name, fellowship, weekday, start_time, length_min, location, time_zone,
                                     created_at, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10)",
                rusqlite::params![
                    id,
                    g.name,
                    g.fellowship,
                    g.weekday,
                    g.start_time,
                    g.length_min,
                    g.location,
                    local_time_zone(),
                    tx.stamp,
                    tx.device
                ],
            )?;
            tx.touched(Aggregate::Group, &id);
            get(tx, &id)
        })
    }

    pub fn update_group(&mut self, id: &str, input: &GroupInput) -> Result<Group> {
        let g = input.validated()?;
        self.write(|tx| {
            get(tx, id)?;
            tx.execute(
                "UPDATE groups SET name = ?2, fellowship = ?3, weekday = ?4, start_time = ?5, length_min = ?6,
                                   location = ?7, updated_at = ?8, updated_by = ?9
                 WHERE id = ?1",
                rusqlite::params![
                    id,
                    g.name,
                    g.fellowship,
                    g.weekday,
                    g.start_time,
                    g.length_min,
                    g.location,
                    tx.stamp,
                    tx.device
                ],
            )?;
            tx.touched(Aggregate::Group, id);
            get(tx, id)
        })
    }

    pub fn group(&self, id: &str) -> Result<Group> {
        get(self.conn(), id)
    }

    pub fn groups(&self) -> Result<Vec<Group>> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {COLUMNS} FROM groups WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE, created_at"
        ))?;
        let rows = stmt.query_map([], from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}

/// Saves some of the group's settings in an open write: `sets` is one of our own `column = ?N`
/// lists (never user input), `?1` the group and `values` from `?2` on. Stamped, and recorded as a
/// change to the group, so every open meeting of it is drawn again.
pub(crate) fn save_settings(tx: &Tx, group_id: &str, sets: &str, values: &[&dyn ToSql]) -> Result<()> {
    let n = values.len();
    let sql = format!(
        "UPDATE groups SET {sets}, updated_at = ?{}, updated_by = ?{} WHERE id = ?1 AND deleted_at IS NULL",
        n + 2,
        n + 3
    );
    let mut params: Vec<&dyn ToSql> = vec![&group_id];
    params.extend_from_slice(values);
    params.extend([&tx.stamp as &dyn ToSql, &tx.device]);
    if tx.execute(&sql, params.as_slice())? == 0 {
        return Err(Error::NotFound { what: "group" });
    }
    tx.touched(Aggregate::Group, group_id);
    Ok(())
}
