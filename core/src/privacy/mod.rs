//! Privacy: how long a group keeps attendance names, and forgetting a person.
//!
//! **Retention.** A group may choose to keep attendance names for 1 to 120 months (off by default).
//! At start and once a day the shell calls [`Store::apply_retention`]: in every closed meeting dated
//! before the cutoff (today in the group's time zone, less that many months) the check-ins, shares and
//! passes lose their person, celebrations are deleted, and person ids leave the seating, the rounds and
//! the readers of the meeting's format. The counts stay: a named meeting is kept from then on as a
//! counts-only meeting with the numbers it showed just before (headcount, newcomers, returning,
//! visitors), so nothing a chair reads about an old meeting changes but the names. The check-ins stay
//! too, as anonymous rows, so a laptop that merges an older copy cannot bring a name back. People stay
//! on the roster; meetings still open are left alone until they are closed.
//!
//! Known limit: "newcomer" is computed from earlier named check-ins, so once the old meetings have
//! lost their names, a regular whose earlier meetings all did reads as a newcomer at the first
//! meeting that still names them (a meeting after the cutoff, which retention does not change). Keeping
//! that right needs a stored "attended before" date per person: a schema change.
//!
//! **Forgetting a person** is the one hard removal: their roster entry keeps only an empty tombstone,
//! every check-in of theirs becomes an anonymous one (the headcount stays), their shares and passes
//! are unnamed, their celebrations deleted (keeping no person, label or date), and their id leaves
//! every seating, round and format. It is refused while they are at an open meeting. Where their name
//! is typed as text (notes, action items, positions, the rota, formats), the chair is shown where.
//!
//! In a round, a person id is replaced with a token ("anonymous-1", "anonymous-2", …, distinct within
//! the round) rather than removed, so an old round still reads back whole: how many turns, passes and
//! seats it had, and where the next meeting's circle should start, all keep working.
//!
//! Every row changed is stamped with the write's instant and device, so the change wins a merge.
//!
//! **On disk.** The store overwrites with zeros what a write removes (`secure_delete`), and after
//! forgetting or a retention run that removed names, the WAL (which still holds the pages as they were)
//! is checkpointed and emptied: nothing removed stays in the data file, its `-wal` or its `-shm`.

// Who uses whom, so none imports one that imports it back: retention and forgetting both take person
// ids out of seatings, rounds and formats with `anonymize`, which imports neither of them; retention
// and forgetting do not import each other.
mod anonymize;
mod forget;
mod retention;

pub(crate) use forget::{leave_tombstone, scrub_forgotten};
pub use forget::{ForgetCounts, ForgetPreview, ForgetReport};
pub use retention::{RetentionPreview, RetentionRun, MAX_RETENTION_MONTHS};
