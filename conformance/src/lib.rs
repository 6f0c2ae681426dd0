//! Conformance suite and runner: tells you, case by case and with the doc source of
//! each, whether a store behaves as its customer API docs say.
//!
//! The suite covers the create and update endpoints of the Fecify skill API, the
//! SHOPLINE Open API and the SHOPLINE Admin REST API (every supported version):
//!
//! - **what a store must accept**: the documented examples (checked offline against
//!   `spec/` and the validator, and sent live), a body with every field at its limit;
//! - **what it must reject**: one case per rule of the validator's catalogue, each
//!   expecting the vendor's error shape (Fecify: an envelope whose `code` is not
//!   200; SHOPLINE: a 4xx `{message|error, code}`; myshopline: a 4xx
//!   `{"errors": ...}` with a `traceId` header);
//! - **what the answer must contain** (documented defaults, echoes, string ids,
//!   timestamps, the `customer` wrapper, `traceId`) and **what must not change**
//!   (partial updates, fields that cannot be updated);
//! - auth, unknown ids, duplicates and the myshopline rate limit.
//!
//! Where the docs are silent (see `spec/errata.md`) a case accepts every reasonable
//! answer and reports what it saw as an [`Status::Observation`], never a failure;
//! rules that are only inferred (warnings) never fail either.
//!
//! Cases that create or change data run only when the target allows writes; the
//! others are [`Status::Skipped`] with the request they would send. Everything a
//! run creates is marked (email `shopspec-<run>-<n>@<domain>`, a
//! `shopspec conformance run <run>` note or memo where the API has one) and listed
//! in [`RunReport::created`].
//!
//! ```no_run
//! # async fn check() -> Result<(), Box<dyn std::error::Error>> {
//! use shopspec_conformance::{CaseFilter, StoreTarget, run};
//! use shopspec_model::Api;
//! use shopspec_model::myshopline::ApiVersion;
//!
//! let target = StoreTarget::builder(Api::Myshopline, "https://open001.myshopline.com")
//!     .token(std::env::var("SHOPLINE_TOKEN")?)
//!     .version(ApiVersion::V20260301)
//!     .allow_writes(true)
//!     .only(CaseFilter::parse("myshopline.*.create.*"))
//!     .build()?;
//! let report = run(&[target]).await?;
//! for failure in report.failures() {
//!     println!("{}: {} ({})", failure.id, failure.message, failure.source);
//! }
//! println!("{}", serde_json::to_string_pretty(&report)?);
//! # Ok(())
//! # }
//! ```
//!
//! A [`RunReport`] renders as one self-contained HTML page with [`HtmlReport`];
//! every case carries a [`curl_command`] that sends its request again (token as
//! `$SHOPSPEC_TOKEN`), and a [`Baseline`] sorts a run's failures into new,
//! known and fixed.
//!
//! List the cases without running them:
//!
//! ```
//! use shopspec_conformance::{CaseFilter, CaseKind, Suite};
//!
//! let cases = Suite::cases(&CaseFilter::parse("fecify.*"));
//! assert!(cases.iter().all(|c| c.id.starts_with("fecify.")));
//! assert!(cases.iter().any(|c| c.kind == CaseKind::NotUpdatable));
//! ```

mod case;
mod client_types;
mod exec;
mod filter;
mod footprint;
#[cfg(test)]
mod layering;
mod payloads;
mod policy;
mod pool;
mod report;
mod runner;
mod spec;
mod suite;
mod target;

pub use case::Case;
pub use filter::CaseFilter;
pub use footprint::{Footprint, footprint};
pub use report::junit;
pub use report::{
    Baseline, BaselineComparison, CaseKind, CaseResult, Created, Exchange, HtmlReport,
    KnownFailure, RequestRecord, ResponseRecord, RunReport, Status, Summary, TOKEN_VARIABLE,
    TargetRecord, curl_command,
};
pub use runner::{Progress, RunError, run, run_with_progress};
pub use spec::{Example, ExampleKind, example_problems, examples};
pub use suite::Suite;
pub use target::{Pacing, Plan, StoreTarget, StoreTargetBuilder, TargetError};

/// The crate's README, whose examples run as doctests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
