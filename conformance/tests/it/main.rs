//! The crate's integration tests, one binary: each module is one area.

mod common;
// The official Go SDK's answer types, shared with the sandbox's tests.
mod broken_stores;
mod example_snapshots;
mod generated_payloads;
#[path = "../../../crates/sandbox/tests/it/go_sdk/mod.rs"]
mod go_sdk;
mod go_sdk_answers;
mod sandbox_run;
mod verdicts;
