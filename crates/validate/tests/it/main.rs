//! The crate's integration tests, one binary: each module is one area.

mod differential;
mod examples;
mod integers;
mod jsonl;
mod properties;
mod quotes;
mod reference;
