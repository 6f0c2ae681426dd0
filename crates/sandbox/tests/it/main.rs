//! The crate's integration tests, one binary: each module is one area.

mod behaviour;
mod common;
mod concurrency;
mod durability;
mod errors;
mod examples;
mod faults;
mod go_sdk;
mod go_sdk_types;
mod integers;
mod logging;
mod python_sdk;
mod secrets;
mod shutdown;
