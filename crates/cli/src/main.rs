//! `shopspec`: validate customer payloads, run the local sandbox store, and check a
//! store against the documented behaviour of its customer API.
//!
//! Exit codes, for every subcommand: 0 success, 1 a finding (an invalid payload,
//! a failed conformance case), 2 a usage or I/O error.

use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

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
    Check(Box<check::Args>),
    /// Work with the JSON reports of `check`: `report merge` joins the
    /// reports of a sharded run into one.
    Report(check::merge::ReportArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print a manual page (roff): shopspec(1), or with a subcommand its own page.
    Man {
        /// `validate`, `sandbox`, `check` or `report`.
        subcommand: Option<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Validate(args) => validate::run(args),
        Command::Sandbox(args) => sandbox::run(args),
        Command::Check(args) => check::run(*args),
        Command::Report(args) => check::merge::run(args),
        Command::Completions { shell } => {
            let mut command = Cli::command();
            clap_complete::generate(shell, &mut command, "shopspec", &mut std::io::stdout());
            EXIT_OK
        }
        Command::Man { subcommand } => man(subcommand.as_deref()),
    };
    ExitCode::from(code)
}

/// Writes the manual page of `shopspec` or of one subcommand to standard output.
fn man(subcommand: Option<&str>) -> u8 {
    let mut top = Cli::command();
    top.build();
    let page = match subcommand {
        None => top,
        Some(name) => match top.find_subcommand(name) {
            // After `build`, a subcommand is displayed as `shopspec-<name>`.
            Some(sub) => sub.clone(),
            None => {
                eprintln!(
                    "shopspec man: no subcommand `{name}` (validate, sandbox, check, report)"
                );
                return EXIT_USAGE;
            }
        },
    };
    let mut out = Vec::new();
    let rendered = clap_mangen::Man::new(page).render(&mut out);
    match rendered.and_then(|()| std::io::Write::write_all(&mut std::io::stdout(), &out)) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln!("shopspec man: {e}");
            EXIT_USAGE
        }
    }
}
