//! Typed async clients for the customer endpoints of three store APIs, sharing
//! one transport core with a precise error model, safe retries and optional pacing.
//!
//! | API | client | create | update |
//! |---|---|---|---|
//! | Fecify skill API | [`fecify::Client`] | `POST {site}/api/skill/customer/create-customer` | `POST {site}/api/skill/customer/update-customer` (id in the body) |
//! | SHOPLINE Open API | [`shopline::Client`] | `POST /v1/customers` | `PUT /v1/customers/{id}` |
//! | SHOPLINE Admin REST API | [`myshopline::Client`] | `POST /admin/openapi/{version}/customers.json` | `PUT /admin/openapi/{version}/customers/{id}.json` |
//!
//! Each call checks the request against every documented rule first
//! (`shopspec-validate`; turn it off with `.validate(false)`), sends it with
//! the API's auth header, retries only when that is safe, and returns an
//! [`ApiResponse`] with the typed customer, status, headers, raw body, time
//! taken and attempts, or an [`Error`].
//!
//! # Examples
//!
//! Fecify (the site URL may carry a sub-path):
//!
//! ```no_run
//! # async fn run() -> Result<(), shopspec_client::Error> {
//! use shopspec_client::fecify;
//!
//! let client = fecify::Client::builder()
//!     .base_url("https://your-domain.com/apimanager666")
//!     .token("skill-access-token")
//!     .build()
//!     .expect("valid settings");
//! let created = client
//!     .create_customer(&fecify::CreateCustomerRequest::new("li@example.com", "yunlong", "li"))
//!     .await?;
//! let mut update = fecify::UpdateCustomerRequest::new(created.value().id);
//! update.note = "VIP".to_owned().into();
//! let updated = client.update_customer(&update).await?;
//! assert_eq!(updated.value().note.as_deref(), Some("VIP"));
//! # Ok(()) }
//! ```
//!
//! SHOPLINE Open API (`https://open.shopline.io` by default; a `User-Agent` is
//! mandatory and defaults to `shopspec/<version>`):
//!
//! ```no_run
//! # async fn run() -> Result<(), shopspec_client::Error> {
//! use shopspec_client::shopline;
//!
//! let client = shopline::Client::builder()
//!     .token("access-token")
//!     .user_agent("your-handle")
//!     .build()
//!     .expect("valid settings");
//! let created = client
//!     .create_customer(&shopline::CreateCustomerRequest {
//!         email: Some("li@example.com".into()),
//!         name: "Li".to_owned().into(),
//!         ..Default::default()
//!     })
//!     .await?;
//! let update = shopline::UpdateCustomerRequest {
//!     memo: "VIP".to_owned().into(),
//!     ..Default::default()
//! };
//! client.update_customer(&created.value().id, &update).await?;
//! # Ok(()) }
//! ```
//!
//! SHOPLINE Admin REST API (a store handle and an API version):
//!
//! ```no_run
//! # async fn run() -> Result<(), shopspec_client::Error> {
//! use shopspec_client::{myshopline, Error, Outcome, RateLimiter};
//!
//! let client = myshopline::Client::builder()
//!     .handle("open001")
//!     .version(myshopline::ApiVersion::V20260301)
//!     .token("access-token")
//!     .rate_limiter(RateLimiter::myshopline_default())
//!     .build()
//!     .expect("valid settings");
//! let request = myshopline::CreateCustomerRequest::from(myshopline::CustomerCreateInput {
//!     email: Some("li@example.com".into()),
//!     ..Default::default()
//! });
//! match client.create_customer(&request).await {
//!     Ok(created) => println!("{} (traceId {:?})", created.value().id, created.trace_id()),
//!     Err(e) if e.outcome() == Outcome::Unknown => {
//!         // The store may hold the customer: look it up before creating it again.
//!         eprintln!("{e}");
//!     }
//!     Err(Error::Api(e)) => eprintln!("rejected: HTTP {} {:?}", e.status, e.message),
//!     Err(e) => return Err(e),
//! }
//! # Ok(()) }
//! ```
//!
//! A complete program that starts a local `shopspec-sandbox` store and runs all
//! three APIs is `examples/quickstart.rs` (`cargo run -p shopspec-client --example quickstart`).
//!
//! # Errors
//!
//! One [`Error`] type separates what a caller handles differently:
//! [`Error::Api`] (a documented error answer: HTTP status, the vendor's code and
//! message; Fecify's HTTP 200 with a `code` other than 200 is one),
//! [`Error::RateLimited`] (429, with `Retry-After`), [`Error::Transport`] and
//! [`Error::Timeout`] (no answer), [`Error::Decode`] (an answer that could not be
//! read, such as a PHP error page; with a short, safe excerpt),
//! [`Error::Validation`] (pre-flight; nothing sent) and [`Error::Encode`].
//! [`Error::outcome`] says whether the request was [`Outcome::NotSent`],
//! [`Outcome::Rejected`] or had an [`Outcome::Unknown`] effect; status, headers
//! and the myshopline `traceId` are kept wherever there was an answer.
//!
//! # Retries and duplicate creates
//!
//! None of these APIs takes an idempotency key, so a create sent twice can make
//! two customers. The client therefore retries:
//!
//! - **updates** (idempotent: sending the same fields twice leaves the same
//!   customer) on 429, 5xx, timeouts and connection errors;
//! - **creates** only when the store surely did not process the request: a
//!   failed connect (the request never left) or a 429 answer (the store refused it).
//!
//! A create that times out, loses its connection after sending, gets a 5xx or a
//! success answer that cannot be read fails at once with
//! [`Outcome::Unknown`]: the customer may exist, so look it up (for example by
//! email) before creating it again. [`Error::is_retryable`] applies the same
//! rule to errors you handle yourself.
//!
//! Waits follow [`RetryPolicy`]: exponential backoff with full jitter (200 ms
//! doubling up to 5 s by default, 3 attempts in all), or the store's
//! `Retry-After` (seconds or HTTP-date) when it sends one, up to a cap (30 s by
//! default; a longer wait ends the call with [`Error::retry_after`] set).
//! [`RetryPolicy::none`] turns retries off. A [`RateLimiter`] paces every
//! attempt, retries included, so the client stays inside the store's budget
//! instead of collecting 429s.
//!
//! # Raw calls
//!
//! [`raw`] sends any body (valid or not) with the right method, URL, auth and
//! headers, optionally with another token or none, and hands the answer back as
//! it came, for conformance checks. [`AnyClient`] wraps the three clients for
//! code that handles every API the same way; it lives at the crate root only
//! (the path `raw::AnyClient` is gone, so that `raw` stays below the clients).
//!
//! # Secrets and logs
//!
//! The token is a [`Token`]: `Debug` prints `Token(***)` (so do the builders and
//! clients), the auth header is marked sensitive, and error messages and body
//! excerpts mask it should a store echo it back. Each attempt runs in a
//! `tracing` span `shopspec.request` with the fields `api`, `operation`,
//! `method`, `path`, `attempt`, `status`, `elapsed_ms` and `trace_id`; headers and
//! the token are never recorded.
//!
//! # TLS
//!
//! HTTPS uses rustls (reqwest's provider-less `rustls-no-provider` backend); the
//! crate does not link OpenSSL. A feature picks rustls's crypto provider:
//!
//! | feature | provider | builds with |
//! |---|---|---|
//! | `tls-ring` (default) | `ring` | a C compiler |
//! | `tls-aws-lc` | `aws-lc-rs` | a C compiler and cmake (and NASM on Windows) |
//!
//! With both off, the caller installs a provider
//! (`rustls::crypto::CryptoProvider::install_default`) before building a client.
//! Building a client calls [`install_tls_provider`], which installs the
//! feature's provider as the process default unless one is installed already.
//! The test suite checks that `cargo tree -p shopspec-client -i openssl-sys`
//! finds nothing, and CI builds a crate outside the workspace that depends on
//! the client with its default features and has no `aws-lc-sys`.

mod any;
mod builder;
mod core;
mod error;
pub mod fecify;
mod limiter;
pub mod myshopline;
pub mod raw;
mod response;
mod retry;
pub mod shopline;
mod tls;
mod token;

pub use any::AnyClient;
pub use builder::{DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT, DEFAULT_USER_AGENT};
pub use error::{
    ApiError, BuildError, DecodeError, Error, Outcome, RateLimitedError, TimeoutError,
    TransportError,
};
pub use limiter::RateLimiter;
pub use response::ApiResponse;
pub use retry::{RetryPolicy, RetryPolicyBuilder, parse_retry_after};
pub use shopspec_model::{Api, Operation, Patch};
pub use shopspec_validate::{Report, Violation};
pub use tls::install_tls_provider;
pub use token::Token;

/// The crate's README, whose examples run as doctests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
