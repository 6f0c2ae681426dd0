//! The crate's integration tests, one binary: each module is one area.

mod examples_roundtrip;
mod spec_schemas;
mod types;
