//! A fuzz harness over every entry point of shopspec, on stable Rust.
//!
//! | entry point | what one input is | what is checked |
//! |---|---|---|
//! | `validate` | a target byte, then JSON text | `validate_slice` never panics, is deterministic, agrees with `validate_value` on the parsed value; every error names a pointer, a rule and a source |
//! | `model` | JSON text | every model DTO that deserialises re-serialises to a value that deserialises to the same DTO, and that the validator judges no worse, with no rule on a kept value hidden |
//! | `sandbox` | selector bytes (target, method, token, content type, user agent, id, path, query), then the body | the in-process router (`tower::ServiceExt::oneshot`, no sockets) answers a documented status in the vendor's shape, never 5xx; after a 2xx the stored customer agrees with the answer and keeps every number sent |
//! | `client` | client and operation, status, header selector, then the body | `decode_answer` of each client never panics, maps statuses to the documented outcome and never shows the token |
//! | `report` | bytes that drive `arbitrary` | a [`RunReport`](shopspec_conformance::RunReport) serialises to JSON that reads back with every case |
//! | `junit` | bytes that drive `arbitrary` | the JUnit writer gives XML that parses back with every case and status, without a secret or a character XML forbids |
//!
//! Inputs come from [`Generator`]: the validator's proptest strategies (valid
//! payloads, single-rule mutations, arbitrary JSON) and the documented examples
//! of `spec/`, with hostile values put at documented fields and byte-level
//! mutations (bit flips, splices, hostile numbers such as `18446744073709551616`
//! and `1e400`, lone surrogates, invalid UTF-8, deep nesting). [`Harness::check`]
//! runs one input and returns a [`Finding`] for a panic (caught, with its
//! message) or a broken contract. Inputs that find something are kept under
//! `corpus/<entry>/` and replayed by the crate's tests.
//!
//! ```text
//! cargo run --release -p shopspec-fuzz -- --inputs 1000000
//! ```

mod checks;
pub mod corpus;
mod inputs;
mod report;
mod sandbox;

use std::fmt;
use std::panic::AssertUnwindSafe;
use std::sync::{Mutex, Once};

pub use inputs::Generator;
use shopspec_validate::Target;

/// The token of the sandbox and of the clients under test; it must never show
/// in an answer's error text.
pub const TOKEN: &str = "fz-Secret-Token-0123456789";

/// An entry point of the harness.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Entry {
    /// `validate_slice` and `validate_value` for every target.
    Validate,
    /// Deserialising every model DTO.
    Model,
    /// The sandbox router, in process.
    Sandbox,
    /// The clients' answer decoding.
    Client,
    /// The conformance report (JSON).
    Report,
    /// The JUnit writer.
    Junit,
}

impl Entry {
    /// Every entry point, in the order the harness runs them.
    pub const ALL: [Entry; 6] = [
        Entry::Validate,
        Entry::Model,
        Entry::Sandbox,
        Entry::Client,
        Entry::Report,
        Entry::Junit,
    ];

    /// The name used on the command line and for the corpus folder.
    pub fn name(self) -> &'static str {
        match self {
            Entry::Validate => "validate",
            Entry::Model => "model",
            Entry::Sandbox => "sandbox",
            Entry::Client => "client",
            Entry::Report => "report",
            Entry::Junit => "junit",
        }
    }

    /// The entry point called `name`.
    pub fn from_name(name: &str) -> Option<Entry> {
        Entry::ALL.into_iter().find(|e| e.name() == name)
    }
}

impl fmt::Display for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What one input broke.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// Code under test panicked (also when the panic was caught inside it).
    Panic(String),
    /// A contract of the entry point does not hold.
    Contract(String),
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Finding::Panic(m) => write!(f, "panic: {m}"),
            Finding::Contract(m) => write!(f, "contract: {m}"),
        }
    }
}

/// The validator targets in the order a target byte selects them.
pub(crate) fn targets() -> Vec<Target> {
    Target::all()
}

/// A broken contract, for `?` in the checks.
pub(crate) fn broken(message: impl Into<String>) -> Finding {
    Finding::Contract(message.into())
}

/// The message of the last panic on any thread, taken by the harness.
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

fn take_panic() -> Option<String> {
    LAST_PANIC
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .take()
}

/// Replaces the panic hook once: panics are recorded for the harness instead
/// of printed, so a million inputs do not print a million backtraces.
fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let mut last = LAST_PANIC
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            *last = Some(info.to_string());
        }));
    });
}

/// Runs inputs against the entry points. Holds an in-process sandbox (with
/// a few customers to update) and one client per API.
pub struct Harness {
    sandbox: sandbox::SandboxTarget,
    clients: checks::Clients,
}

impl fmt::Debug for Harness {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Harness").finish_non_exhaustive()
    }
}

impl Harness {
    /// A harness with a fresh in-memory sandbox. Installs a panic hook that
    /// records panics instead of printing them.
    pub fn new() -> Harness {
        install_panic_hook();
        Harness {
            sandbox: sandbox::SandboxTarget::new(),
            clients: checks::Clients::new(),
        }
    }

    /// Sandbox inputs answered with success whose stored customer was read
    /// back and compared with the answer, since the harness started.
    pub fn sandbox_stored(&self) -> u64 {
        self.sandbox.stored
    }

    /// Runs one input through `entry` and checks its contracts.
    pub fn check(&mut self, entry: Entry, input: &[u8]) -> Result<(), Finding> {
        let _ = take_panic();
        let result = std::panic::catch_unwind(AssertUnwindSafe(|| match entry {
            Entry::Validate => checks::validate(input),
            Entry::Model => checks::model(input),
            Entry::Sandbox => self.sandbox.check(input),
            Entry::Client => self.clients.check(input),
            Entry::Report => report::json_report(input),
            Entry::Junit => report::junit(input),
        }));
        match result {
            Err(_) => {
                let message = take_panic().unwrap_or_else(|| "a panic without a message".into());
                if entry == Entry::Sandbox {
                    // The app may be half-way through a request: start afresh.
                    let stored = self.sandbox.stored;
                    self.sandbox = sandbox::SandboxTarget::new();
                    self.sandbox.stored = stored;
                }
                Err(Finding::Panic(message))
            }
            // A panic that the code under test caught itself still counts.
            Ok(outcome) => match take_panic() {
                Some(message) => Err(Finding::Panic(message)),
                None => outcome,
            },
        }
    }
}

impl Default for Harness {
    fn default() -> Self {
        Harness::new()
    }
}

/// The crate's README, whose examples run as doctests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
