//! Handover bundles: the sealed envelope (`envelope`, pure), merging two laptops' records
//! (`merge`, pure), and writing or taking in a bundle file against the store (`file`).

pub mod envelope;
mod file;
pub mod merge;

pub use file::*;
