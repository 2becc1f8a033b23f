//! Handover bundles: the sealed envelope (`envelope`, pure), merging two laptops' records
//! (`merge`, pure), the rules every incoming record meets (`check`), and writing or taking in a
//! bundle file against the store (`file`).

mod check;
pub mod envelope;
mod file;
pub mod merge;

pub use file::*;
