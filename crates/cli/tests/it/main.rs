//! The crate's integration tests, one binary: each module is one area.

mod check_cli;
mod check_preflight;
mod check_shard;
mod check_store;
mod check_verdicts;
mod common;
mod papercuts;
mod readme;
mod validate_cli;
