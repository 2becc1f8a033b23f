//! The group's resources card: crisis lines and local services, by organisation, which the chair
//! shows large when someone in the room needs help, and which is printed on the meeting card.
//! Organisations only, never members: a name on the group's roster is refused.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{problem, Error, Result};
use crate::names;
use crate::store::{tombstone, Aggregate, Store};

/// A card is read at a glance in a hard moment: a short list.
pub const MAX_RESOURCES: usize = 12;
const MAX_NAME: usize = 80;
const MAX_CONTACT: usize = 120;
const MAX_NOTE: usize = 60;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Resource {
    pub id: String,
    /// The organisation: "Samaritans", "Crisis Text Line".
    pub name: String,
    /// A phone number or an address, as it is to be dialled or found.
    pub contact: String,
    /// Optional: "24 h", "text only".
    pub note: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ResourceInput {
    pub name: String,
    pub contact: String,
    pub note: String,
}

impl ResourceInput {
    /// The entry as typed, trimmed, or why it cannot be kept.
    pub(crate) fn validated(&self) -> Result<ResourceInput> {
        let name = names::optional_text(&self.name, "organisation's name", MAX_NAME)?;
        if name.is_empty() {
            return Err(Error::invalid(problem!(
                "name_organisation_like_samaritans_local",
                "Please name the organisation, like Samaritans or the local crisis team."
            )));
        }
        let contact = names::optional_text(&self.contact, "phone number or address", MAX_CONTACT)?;
        if contact.is_empty() {
            return Err(Error::invalid(problem!(
                "resource_contact_missing",
                "Please give {name}'s phone number or address.",
                name = name
            )));
        }
        Ok(ResourceInput { name, contact, note: names::optional_text(&self.note, "note", MAX_NOTE)? })
    }
}

pub(crate) fn list(conn: &Connection, group_id: &str) -> Result<Vec<Resource>> {
    let mut stmt = conn.prepare(
        "SELECT id, name, contact, note FROM resources WHERE group_id = ?1 AND deleted_at IS NULL
         ORDER BY sort, created_at",
    )?;
    let rows = stmt.query_map([group_id], |r| {
        Ok(Resource { id: r.get(0)?, name: r.get(1)?, contact: r.get(2)?, note: r.get(3)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Refuses an entry named like a person on the group's roster ("Sam", "Sam K", "Sam K."): the card
/// is read aloud and printed, and must never become a list of members' numbers.
fn refuse_member(conn: &Connection, group_id: &str, name: &str) -> Result<()> {
    let typed = names::folded(name);
    for p in super::roster::list(conn, group_id)? {
        let shown = names::shown(&p.display_name, &p.last_initial);
        let forms = [p.display_name.clone(), shown.clone(), shown.trim_end_matches('.').to_string()];
        if forms.iter().any(|f| names::folded(f) == typed) {
            return Err(Error::invalid(problem!(
                "person_groups_roster_resources_card",
                "“{name}” is a person on this group's roster. The resources card lists organisations \
                 (a helpline, a local service), never members or their numbers.",
                name = name
            )));
        }
    }
    Ok(())
}

impl Store {
    pub fn resources(&self, group_id: &str) -> Result<Vec<Resource>> {
        super::get(self.conn(), group_id)?;
        list(self.conn(), group_id)
    }

    /// Adds an entry to the card (`id` None) or changes one; returns the card.
    pub fn save_resource(&mut self, group_id: &str, id: Option<&str>, input: &ResourceInput) -> Result<Vec<Resource>> {
        let ResourceInput { name, contact, note } = input.validated()?;
        self.write(|tx| {
            super::get(tx, group_id)?;
            refuse_member(tx, group_id, &name)?;
            let changed = match id {
                Some(id) => tx.execute(
                    "UPDATE resources SET name = ?2, contact = ?3, note = ?4, updated_at = ?5, updated_by = ?6
                     WHERE id = ?1 AND group_id = ?7 AND deleted_at IS NULL",
                    (id, &name, &contact, &note, tx.stamp, tx.device, group_id),
                )?,
                None => {
                    if list(tx, group_id)?.len() >= MAX_RESOURCES {
                        return Err(Error::invalid(problem!(
                            "card_holds_entries_stay_readable",
                            "The card holds {max_resources} entries, to stay readable at a glance. \
                             Remove one before adding another.",
                            max_resources = MAX_RESOURCES
                        )));
                    }
                    tx.execute(
                        "INSERT INTO resources (id, group_id, name, contact, note, sort, created_at, updated_at,
                           updated_by)
                         VALUES (?1, ?2, ?3, ?4, ?5,
                           (SELECT COALESCE(MAX(sort), 0) + 1 FROM resources WHERE group_id = ?2), ?6, ?6, ?7)",
                        (crate::new_id(), group_id, &name, &contact, &note, tx.stamp, tx.device),
                    )?
                }
            };
            if changed == 0 {
                return Err(Error::NotFound { what: "entry on the resources card" });
            }
            tx.touched(Aggregate::Service, group_id);
            list(tx, group_id)
        })
    }

    pub fn remove_resource(&mut self, group_id: &str, id: &str) -> Result<Vec<Resource>> {
        self.write(|tx| {
            tombstone::remove_of_group(tx, "resources", group_id, id, "entry on the resources card")?;
            tx.touched(Aggregate::Service, group_id);
            list(tx, group_id)
        })
    }
}
