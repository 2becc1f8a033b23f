//! What a write changed, as the aggregates it touched. Core records it inside the transaction,
//! where the rows are written, so no caller has to guess; the shell only publishes the snapshots
//! these call for (see `live::feed`).

use std::collections::BTreeSet;

/// A part of the record that a write can change, named as the chair knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Aggregate {
    /// A group's own record and settings (room display, sharing rules, share length). Id: the group.
    Group,
    /// A group's people (added, renamed, a recovery date, forgotten). Id: the group.
    Roster,
    /// A meeting's own record: status, chair, mode, its share length. Id: the meeting.
    Meeting,
    /// Who is here, a counts-only meeting's numbers, and the slips issued. Id: the meeting.
    Attendance,
    /// A share started, stopped, paused or adjusted. Id: the meeting.
    Share,
    /// The seating, the round, passes, fair time. Id: the meeting.
    Round,
    /// The meeting's format and where the runner is in it. Id: the meeting.
    Runner,
    /// Milestones celebrated and keytag stock. Id: the meeting, or the group for stock.
    Celebrations,
    /// The chair's report, action items and acknowledgement. Id: the group.
    Handover,
    /// Service positions, the chair rota and the resources card. Id: the group.
    Service,
}

/// The set of (aggregate, id) pairs one or more writes touched.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    touched: BTreeSet<(Aggregate, String)>,
}

impl Changes {
    pub fn touch(&mut self, aggregate: Aggregate, id: &str) {
        self.touched.insert((aggregate, id.to_string()));
    }

    pub fn contains(&self, aggregate: Aggregate, id: &str) -> bool {
        self.touched.contains(&(aggregate, id.to_string()))
    }

    pub fn is_empty(&self) -> bool {
        self.touched.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (Aggregate, &str)> {
        self.touched.iter().map(|(a, id)| (*a, id.as_str()))
    }

    pub fn extend(&mut self, other: Changes) {
        self.touched.extend(other.touched);
    }

    /// The ids touched as `aggregate`.
    pub fn ids(&self, aggregate: Aggregate) -> impl Iterator<Item = &str> {
        self.iter().filter(move |(a, _)| *a == aggregate).map(|(_, id)| id)
    }
}

impl<const N: usize> From<[(Aggregate, &str); N]> for Changes {
    fn from(pairs: [(Aggregate, &str); N]) -> Self {
        let mut c = Changes::default();
        for (a, id) in pairs {
            c.touch(a, id);
        }
        c
    }
}
