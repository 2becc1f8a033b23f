//! Milestones: recovery-date anniversaries that fall due (`dates`, pure calendar arithmetic) and
//! what the store keeps of them (`celebrations`: opt-in dates, who is celebrating, keytag stock).

pub mod celebrations;
pub mod dates;
