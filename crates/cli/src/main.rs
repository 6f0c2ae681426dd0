//! `shopspec`: validate customer payloads, run the local sandbox store, and check a
//! store against the documented behaviour of its customer API.
//!
//! Exit codes, for every subcommand: 0 success, 1 a finding (an invalid payload,
//! a failed conformance case), 2 a usage or I/O error.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod check;
mod sandbox;
mod validate;

/// Exit code for success.
const EXIT_OK: u8 = 0;
/// Exit code for a finding: an invalid payload, a failed case.
const EXIT_FINDING: u8 = 1;
/// Exit code for a usage or I/O error.
const EXIT_USAGE: u8 = 2;

/// Make the customer endpoints of Fecify, SHOPLINE Open API and SHOPLINE Admin REST
/// API safe to build on and checkable against a live store.
#[derive(Debug, Parser)]
#[command(name = "shopspec", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check a request payload against every documented field rule.
    Validate(validate::Args),
    /// Run a local store that serves the three APIs as documented.
    Sandbox(sandbox::Args),
    /// Check a store (by default the embedded sandbox) against its API docs.
    Check(check::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Validate(args) => validate::run(args),
        Command::Sandbox(args) => sandbox::run(args),
        Command::Check(args) => check::run(args),
    };
    ExitCode::from(code)
}
