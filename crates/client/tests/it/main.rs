//! The crate's integration tests, one binary: each module is one area.

mod common;
mod consumer;
mod decode;
mod faults;
mod sandbox;
mod secrets;
mod tls;
mod wire;
