//! The meeting format: its plan (segments and the templates, pure), the time budget of a running
//! meeting (`schedule`, pure), and the runner as the store keeps it (`runner`).

mod plan;
pub mod runner;
pub mod schedule;

pub use plan::*;
