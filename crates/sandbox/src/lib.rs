//! A local store that serves the customer endpoints of the Fecify skill API, the
//! SHOPLINE Open API and the SHOPLINE Admin REST API (myshopline) as their docs
//! describe them, on embedded SQLite. Point integration tests at it instead of
//! a live store; the conformance suite runs against it by default.
//!
//! ```
//! use shopspec_sandbox::{Api, Sandbox};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let sandbox = Sandbox::builder().token("secret").start().await?;
//!
//! let url = format!(
//!     "{}/api/skill/customer/create-customer",
//!     sandbox.base_url(Api::Fecify)
//! );
//! # let _ = rustls::crypto::ring::default_provider().install_default();
//! let answer: serde_json::Value = reqwest::Client::new()
//!     .post(url)
//!     .header("skill-access-token", "secret")
//!     .json(&serde_json::json!({
//!         "email": "li@example.com", "first_name": "yunlong", "last_name": "li"
//!     }))
//!     .send()
//!     .await?
//!     .json()
//!     .await?;
//! assert_eq!(answer["code"], 200);
//! assert_eq!(answer["data"]["status"], 5);
//! assert_eq!(answer["data"]["accepts_marketing"], 2);
//!
//! sandbox.shutdown().await;
//! # Ok(())
//! # }
//! ```
//!
//! # What it serves
//!
//! One listener serves all six operations on their documented paths:
//!
//! | API | create | update |
//! |---|---|---|
//! | Fecify, under any site prefix | `POST {site}/api/skill/customer/create-customer` | `POST {site}/api/skill/customer/update-customer` |
//! | SHOPLINE Open API | `POST /v1/customers` | `PUT /v1/customers/{id}` |
//! | myshopline, every [`ApiVersion::SUPPORTED`] version | `POST /admin/openapi/{version}/customers.json` | `PUT /admin/openapi/{version}/customers/{id}.json` |
//!
//! Request rules come only from `shopspec-validate`: a report with errors is
//! answered with the vendor's validation error, warnings never reject.
//!
//! # Documented behaviour
//!
//! - **Fecify** (<https://www.fecify.com/doc-3/cn-1.0/fecify-skill-api-customer-create.html>, <https://www.fecify.com/doc-3/cn-1.0/fecify-skill-api-customer-update.html>):
//!   every answer is `{"code", "data", "message"}`. Create answers `status` 5,
//!   `customervip_id` 0, `note` `""`, `accepts_marketing` 2 and `phone` `""` when
//!   omitted, the configured `shop_id` (default 15), integer ids from 574, times
//!   as `YYYY-MM-DD HH:MM:SS`, in the documented key order. A duplicate email
//!   fails. Update changes only the fields sent, never `email` or `status`,
//!   treats `customervip_id: ""` as "unchanged", refreshes `updated_at` and answers
//!   the documented key set (no `status`).
//! - **SHOPLINE Open API**: flat bodies, unwrapped Customer objects with 24-hex
//!   string ids and ISO 8601 UTC times; `Authorization: Bearer` and the mandatory
//!   `User-Agent`; errors `{message, code, error?, extras?}` with 401, 404, 422.
//! - **myshopline**: `{"customer": ...}` in and out, numeric-string ids, a
//!   `traceId` header on every answer, errors `{"errors": ...}` with 400, 401,
//!   404, 422 and 429. The documented leaky bucket (4 requests/s drain, bucket
//!   40, per token) is on by default ([`SandboxBuilder::rate_limit`]); tokens on
//!   [`Plan::Unlimited`] (SHOPLINE Enterprise) skip it.
//!
//! # Decisions where the docs are silent (spec/errata.md)
//!
//! - Fecify failures are HTTP 200 with a non-200 `code` (E-FEC-3), with the
//!   codes FecShop answers: 1100001 create validation, 1100004 update
//!   validation or unknown id, 1100007 duplicate email, 1100003 bad token,
//!   1000008 an unreadable body (E-FEC-4, E-FEC-11). `numberCode` and `phone_prefix`
//!   are one stored value (E-FEC-1).
//! - SHOPLINE create answers 200 (E-SL-4); an unknown id is 404 `NotFoundError`,
//!   validation and duplicates 422 with `error` and `message` (E-SL-3); a missing
//!   `User-Agent` is 401 (E-SL-12); an unreadable body is 422 (E-SL-18).
//! - myshopline answers 200 (E-MSL-9); fields deprecated from v20250601 are
//!   accepted and ignored (E-MSL-12); `addresses` on update replaces the list
//!   (E-MSL-19); a full bucket answers 429 at once, without queueing and without
//!   `Retry-After` (E-MSL-11, E-MSL-19).
//! - Emails are unique per API, compared exactly as sent; an empty email is no
//!   email (E-FEC-11, E-SL-18, E-MSL-19). Fields a request may carry but no
//!   answer documents are stored and not echoed.
//!
//! # Storage
//!
//! Customers live in SQLite, in memory by default or in a file
//! ([`SandboxBuilder::db_path`], WAL, `synchronous=FULL`). One writer thread
//! owns the connection and commits waiting requests together (group commit);
//! an answer is sent only after COMMIT, so every acknowledged customer survives
//! a restart or `kill -9`. Email uniqueness is a UNIQUE index.
//!
//! # Faults and counters
//!
//! [`Sandbox::faults`] arms latency, forced error statuses (by rate or for the
//! next N requests) and "drop the connection after the write committed" while
//! the sandbox runs; [`Sandbox::stats`] counts requests per API and operation.
//! Customers created are counted when their COMMIT returns, and
//! [`Sandbox::shutdown`] returns the counters after the requests in flight
//! finished, so its figures match the database.
//!
//! # In process
//!
//! [`SandboxBuilder::build_app`] gives the same application without a
//! listener: a [`SandboxApp`] whose router answers requests in process (no
//! sockets), with the same inspection methods.

mod auth;
mod error;
mod faults;
mod fecify;
mod fields;
mod myshopline;
mod server;
mod shopline;
mod stats;
mod store;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use auth::Plan;
pub use error::SandboxError;
pub use faults::{FaultAction, FaultConfig, FaultRule, Faults};
pub use http::StatusCode;
pub use shopspec_model::myshopline::ApiVersion;
pub use shopspec_model::{Api, Operation};
pub use stats::{CreatedStats, OperationStats, Stats};

use auth::{Secret, Tokens};
use server::{AppState, Shared};
use stats::Counters;
use store::Store;

/// The site path of the Fecify base URL, the docs' example sub-path
/// ("如 <https://your-domain.com/apimanager666">, <https://www.fecify.com/doc-3/cn-1.0/fecify-skill-api-customer-create.html>).
pub const FECIFY_SITE_PATH: &str = "/apimanager666";

/// The `shop_id` Fecify answers by default (the docs' example: 15).
pub const DEFAULT_SHOP_ID: i64 = 15;

/// How long [`Sandbox::shutdown`] waits for requests in flight.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// Builds a [`Sandbox`]; see [`Sandbox::builder`].
///
/// Tokens never appear in its `Debug` output.
#[derive(Debug, Clone)]
pub struct SandboxBuilder {
    listen: SocketAddr,
    token: Option<Secret>,
    api_tokens: BTreeMap<Api, Secret>,
    extra_tokens: Vec<(Api, Secret, Plan)>,
    db_path: Option<PathBuf>,
    rate_limit: bool,
    faults: FaultConfig,
    shop_id: i64,
}

impl Default for SandboxBuilder {
    fn default() -> Self {
        SandboxBuilder {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            token: None,
            api_tokens: BTreeMap::new(),
            extra_tokens: Vec::new(),
            db_path: None,
            rate_limit: true,
            faults: FaultConfig::default(),
            shop_id: DEFAULT_SHOP_ID,
        }
    }
}

impl SandboxBuilder {
    /// The address to listen on (default `127.0.0.1:0`, a free port).
    pub fn listen(mut self, addr: SocketAddr) -> Self {
        self.listen = addr;
        self
    }

    /// The main token of every API, on [`Plan::Standard`]. Without one, a random
    /// token is generated; read it with [`Sandbox::token`].
    pub fn token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(Secret::new(token));
        self
    }

    /// The main token of one API (overrides [`SandboxBuilder::token`] there).
    pub fn api_token(mut self, api: Api, token: impl Into<String>) -> Self {
        self.api_tokens.insert(api, Secret::new(token));
        self
    }

    /// One more valid token for `api`, with its own plan (and, on the standard
    /// plan, its own bucket: each app has its own bucket per store).
    pub fn extra_token(mut self, api: Api, token: impl Into<String>, plan: Plan) -> Self {
        self.extra_tokens.push((api, Secret::new(token), plan));
        self
    }

    /// Keep customers in this SQLite file, across restarts (default: in memory).
    pub fn db_path(mut self, path: impl Into<PathBuf>) -> Self {
        self.db_path = Some(path.into());
        self
    }

    /// Simulate the myshopline leaky bucket (default `true`).
    pub fn rate_limit(mut self, enabled: bool) -> Self {
        self.rate_limit = enabled;
        self
    }

    /// The faults to start with; change them later with [`Sandbox::faults`].
    pub fn faults(mut self, faults: FaultConfig) -> Self {
        self.faults = faults;
        self
    }

    /// The `shop_id` Fecify answers (default [`DEFAULT_SHOP_ID`]).
    pub fn shop_id(mut self, shop_id: i64) -> Self {
        self.shop_id = shop_id;
        self
    }

    fn into_state(self, store: Store, counters: Counters) -> AppState {
        let main = self.token.unwrap_or_else(Secret::generate);
        let mut list: Vec<(Api, Secret, Plan)> = Api::ALL
            .iter()
            .map(|&api| {
                let token = self.api_tokens.get(&api).cloned().unwrap_or(main.clone());
                (api, token, Plan::Standard)
            })
            .collect();
        list.extend(self.extra_tokens);
        AppState {
            tokens: Tokens::new(list, self.rate_limit),
            store,
            faults: Faults::new(self.faults),
            counters,
            shop_id: self.shop_id,
        }
    }

    /// Opens the database and builds the application without binding a port:
    /// a [`SandboxApp`] whose [`SandboxApp::router`] serves requests in process
    /// (for example through `tower::ServiceExt::oneshot`). The listen address is
    /// ignored.
    ///
    /// ```
    /// use shopspec_sandbox::{Api, Sandbox};
    /// use tower::ServiceExt;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let app = Sandbox::builder().token("secret").build_app().await?;
    /// let request = http::Request::post("/v1/customers")
    ///     .header("authorization", "Bearer secret")
    ///     .header("user-agent", "doc-test")
    ///     .header("content-type", "application/json")
    ///     .body(axum::body::Body::from(r#"{"email":"li@example.com"}"#))?;
    /// let answer = app.router().oneshot(request).await?;
    /// assert_eq!(answer.status(), 200);
    /// assert_eq!(app.customer_count(Api::Shopline).await?, 1);
    /// app.close().await;
    /// # Ok(())
    /// # }
    /// ```
    pub async fn build_app(self) -> Result<SandboxApp, SandboxError> {
        let counters = Counters::default();
        let store = Store::open(self.db_path.clone(), counters.created()).await?;
        Ok(SandboxApp {
            state: Arc::new(self.into_state(store, counters)),
        })
    }

    /// Binds the listener, opens the database and starts serving.
    pub async fn start(self) -> Result<Sandbox, SandboxError> {
        use axum::serve::ListenerExt;

        let listener = tokio::net::TcpListener::bind(self.listen)
            .await
            .map_err(|source| SandboxError::Bind {
                addr: self.listen,
                source,
            })?;
        let addr = listener.local_addr().map_err(|source| SandboxError::Bind {
            addr: self.listen,
            source,
        })?;
        let app = self.build_app().await?;
        let router = app.router();
        let (stop, stopped) = oneshot::channel::<()>();
        // Small answers must not wait for Nagle's algorithm.
        let listener = listener.tap_io(|tcp| {
            let _ = tcp.set_nodelay(true);
        });
        let server = tokio::spawn(async move {
            let result = axum::serve(listener, router)
                .with_graceful_shutdown(async move {
                    let _ = stopped.await;
                })
                .await;
            if let Err(e) = result {
                tracing::error!(error = %e, "the sandbox server stopped");
            }
        });
        tracing::info!(%addr, "sandbox listening");
        Ok(Sandbox {
            addr,
            app,
            stop: Some(stop),
            server: Some(server),
        })
    }
}

/// The sandbox's application and database without a listener, from
/// [`SandboxBuilder::build_app`]: serve requests in process through
/// [`SandboxApp::router`] and inspect what they stored.
pub struct SandboxApp {
    state: Shared,
}

impl std::fmt::Debug for SandboxApp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SandboxApp")
            .field("tokens", &self.state.tokens)
            .field("faults", &self.state.faults.current())
            .finish_non_exhaustive()
    }
}

impl SandboxApp {
    /// The application as an axum [`Router`](axum::Router), sharing this app's
    /// store, tokens, faults and counters. Each call builds a new router over
    /// the same state; clone one to serve many requests. It stops working
    /// (answers 500) once the app is closed.
    pub fn router(&self) -> axum::Router {
        server::router(self.state.clone())
    }

    /// The main token of `api` (the one given to the builder, or the generated one).
    pub fn token(&self, api: Api) -> &str {
        self.state.tokens.main_token(api).map_or("", Secret::expose)
    }

    /// The runtime handle on the faults.
    pub fn faults(&self) -> Faults {
        self.state.faults.clone()
    }

    /// A snapshot of the request counters and customers created per API.
    pub fn stats(&self) -> Stats {
        self.state.counters.snapshot()
    }

    /// The stored document of a customer (everything it was sent, plus the
    /// store's fields), or `None`. Fecify ids are the decimal integer.
    pub async fn customer(&self, api: Api, id: &str) -> Result<Option<Value>, SandboxError> {
        let doc = self.state.store.get(api, id.to_owned()).await?;
        Ok(doc.map(Value::Object))
    }

    /// How many customers `api` has in the database (including earlier runs on
    /// the same `db_path`).
    pub async fn customer_count(&self, api: Api) -> Result<u64, SandboxError> {
        Ok(self.state.store.count(api).await?)
    }

    /// Commits what is queued, closes the database and returns the final
    /// counters: [`Stats::customers_created`] is then exactly what this app
    /// added to the database.
    pub async fn close(self) -> Stats {
        self.state.store.close().await;
        self.state.counters.snapshot()
    }
}

/// A running sandbox store. Dropping it stops the server; prefer
/// [`Sandbox::shutdown`], which waits until everything is closed.
pub struct Sandbox {
    addr: SocketAddr,
    app: SandboxApp,
    stop: Option<oneshot::Sender<()>>,
    server: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sandbox")
            .field("addr", &self.addr)
            .field("tokens", &self.app.state.tokens)
            .field("faults", &self.app.state.faults.current())
            .finish_non_exhaustive()
    }
}

impl Sandbox {
    /// A builder with the defaults: `127.0.0.1:0`, a random token, in-memory
    /// database, rate limit on, no faults, shop id 15.
    pub fn builder() -> SandboxBuilder {
        SandboxBuilder::default()
    }

    /// The address the sandbox listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The base URL a client of `api` is configured with:
    /// Fecify `http://127.0.0.1:PORT/apimanager666` (a site URL with the docs'
    /// sub-path), SHOPLINE and myshopline `http://127.0.0.1:PORT` (the origin; the
    /// client appends `/v1/customers` or `/admin/openapi/{version}/customers.json`).
    pub fn base_url(&self, api: Api) -> String {
        match api {
            Api::Fecify => format!("http://{}{FECIFY_SITE_PATH}", self.addr),
            Api::Shopline | Api::Myshopline => format!("http://{}", self.addr),
        }
    }

    /// The main token of `api` (the one given to the builder, or the generated one).
    pub fn token(&self, api: Api) -> &str {
        self.app.token(api)
    }

    /// The runtime handle on the faults.
    pub fn faults(&self) -> Faults {
        self.app.faults()
    }

    /// A snapshot of the request counters and customers created per API.
    /// Requests still in flight are not in it yet: for figures that match the
    /// database, use the [`Stats`] that [`Sandbox::shutdown`] returns.
    pub fn stats(&self) -> Stats {
        self.app.stats()
    }

    /// The stored document of a customer (everything it was sent, plus the
    /// store's fields), or `None`. Fecify ids are the decimal integer.
    pub async fn customer(&self, api: Api, id: &str) -> Result<Option<Value>, SandboxError> {
        self.app.customer(api, id).await
    }

    /// How many customers `api` has in the database (including earlier runs on
    /// the same `db_path`).
    pub async fn customer_count(&self, api: Api) -> Result<u64, SandboxError> {
        self.app.customer_count(api).await
    }

    /// The same application as an axum [`Router`](axum::Router), sharing this
    /// sandbox's store, tokens, faults and counters, to mount in another app.
    /// It stops working once the sandbox is shut down.
    pub fn router(&self) -> axum::Router {
        self.app.router()
    }

    /// Stops accepting connections, waits for requests in flight (at most 10 s),
    /// then closes the database and returns the final counters. Its
    /// [`Stats::customers_created`] equals what the database gained, requests
    /// that were in flight (or cancelled by their client) included.
    pub async fn shutdown(mut self) -> Stats {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(mut server) = self.server.take()
            && tokio::time::timeout(SHUTDOWN_GRACE, &mut server)
                .await
                .is_err()
        {
            server.abort();
        }
        self.app.state.store.close().await;
        self.app.state.counters.snapshot()
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// The crate's README, whose examples run as doctests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
