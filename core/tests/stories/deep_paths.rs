//! What the stories use from inside core's modules, not re-exported at the crate's root. Named
//! here only, so that moving a module inside core changes this one file, not the stories.

pub mod db {
    pub use circlekeeper_core::store::db::{
        encrypt_in_place, encrypt_in_place_with_hook, probe, ConvertStep, FileState,
    };
}

pub mod bundle {
    pub use circlekeeper_core::bundle::{open_bundle, open_bundle_file, payload, Payload};
}

pub mod envelope {
    pub use circlekeeper_core::bundle::envelope::{open, open_within, seal_with, Cost, HEADER_LEN, MAGIC, VERSION};
}

pub mod format {
    pub use circlekeeper_core::format::{MAX_SCRIPT_CHARS, MAX_TITLE_CHARS};
}

pub mod handover {
    pub use circlekeeper_core::handover::MAX_NOTES_CHARS;
}

pub mod merge {
    pub use circlekeeper_core::bundle::merge::{merge, Key, Record};
}

pub mod milestone {
    pub use circlekeeper_core::milestones::dates::{
        check_recovery_date, days_since, due, low_stock, next_milestone, parse_date, recovery_date, today_in, window,
    };
}

pub mod schedule {
    pub use circlekeeper_core::format::schedule::{until_start_ms, ON_TIME_MS};
}
