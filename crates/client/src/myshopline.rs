//! Client of the SHOPLINE Admin REST API
//! (`https://{handle}.myshopline.com/admin/openapi/{version}`): `POST /customers.json`
//! and `PUT /customers/{id}.json`, `Authorization: Bearer`, bodies wrapped in
//! `{"customer": {...}}` both ways.
//!
//! Error answers `{"errors": ...}` (400, 401, 404, 422, 429) become
//! [`Error::Api`] (no code; `errors` summarised as the
//! message) or [`Error::RateLimited`]; every answer's
//! `traceId` header is at hand through `trace_id()`. The store allows 4
//! requests a second with bursts of 40: share a
//! [`RateLimiter::myshopline_default`](crate::RateLimiter::myshopline_default)
//! between clients of one store to stay inside it.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use shopspec_client::{myshopline, RateLimiter};
//!
//! let client = myshopline::Client::builder()
//!     .handle("open001")
//!     .version(myshopline::ApiVersion::V20260301)
//!     .token("access-token")
//!     .rate_limiter(RateLimiter::myshopline_default())
//!     .build()?;
//! let created = client
//!     .create_customer(&myshopline::CustomerCreateInput {
//!         email: Some("li@example.com".into()),
//!         ..Default::default()
//!     }.into())
//!     .await?;
//! println!("customer {} (traceId {:?})", created.value().id, created.trace_id());
//! # Ok(()) }
//! ```

use http::Method;
use http::header::{self, HeaderName, HeaderValue, InvalidHeaderValue};
use reqwest::Url;
use shopspec_model::Operation;
use shopspec_model::myshopline::CustomerBody;

pub use shopspec_model::myshopline::{
    AddressInput, ApiVersion, CreateCustomerRequest, Customer, CustomerCreateInput,
    CustomerUpdateInput, ErrorBody, Gender, MarketingConsent, UpdateCustomerRequest,
};

use crate::builder::{Common, common_setters, join, parse_base_url};
use crate::core::{Core, Decoded, Endpoints, Flavor, VendorError};
use crate::raw::{RawBody, RawRequest, RawResponse};
use crate::{ApiResponse, BuildError, Error, Token};

#[derive(Debug)]
pub(crate) struct Myshopline {
    version: ApiVersion,
}

impl Flavor for Myshopline {
    const API: shopspec_model::Api = shopspec_model::Api::Myshopline;
    // The documented fixed value (update-a-customer page).
    const CONTENT_TYPE: &'static str = "application/json; charset=utf-8";
    type Customer = Customer;

    fn auth_header() -> HeaderName {
        header::AUTHORIZATION
    }

    fn auth_value(token: &Token) -> Result<HeaderValue, InvalidHeaderValue> {
        crate::shopline::bearer(token)
    }

    fn method(operation: Operation) -> Method {
        match operation {
            Operation::CreateCustomer => Method::POST,
            Operation::UpdateCustomer => Method::PUT,
        }
    }

    fn update_segment(id: &str) -> Option<String> {
        Some(format!("{id}.json"))
    }

    fn version(&self) -> ApiVersion {
        self.version
    }

    fn decode_success(body: &[u8]) -> Decoded<Customer> {
        match serde_json::from_slice::<CustomerBody<Customer>>(body) {
            Ok(wrapped) => Decoded::Customer(wrapped.customer),
            Err(e) => Decoded::Undecodable(format!("not a {{\"customer\": ...}} body: {e}")),
        }
    }

    fn decode_error(body: &[u8]) -> Option<VendorError> {
        let body: ErrorBody = serde_json::from_slice(body).ok()?;
        Some(VendorError {
            code: None,
            message: Some(body.summary()),
        })
    }
}

/// A SHOPLINE Admin REST API client for one store and API version. Cheap to
/// clone (shares one connection pool).
#[derive(Clone)]
pub struct Client {
    core: Core<Myshopline>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.core.fmt(f)
    }
}

impl Client {
    /// A builder; a store ([`ClientBuilder::handle`] or [`ClientBuilder::base_url`])
    /// and [`ClientBuilder::token`] are required.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The store origin.
    pub fn base_url(&self) -> &Url {
        &self.core.settings().base_url
    }

    /// The API version in the URL and the rules checked before sending.
    pub fn version(&self) -> ApiVersion {
        self.core.settings().flavor.version
    }

    /// Creates a customer (`POST /customers.json`).
    ///
    /// No idempotency key exists: if this fails with
    /// [`Outcome::Unknown`](crate::Outcome::Unknown) the customer may exist.
    pub async fn create_customer(
        &self,
        request: &CreateCustomerRequest,
    ) -> Result<ApiResponse<Customer>, Error> {
        self.core
            .call(Operation::CreateCustomer, None, request)
            .await
    }

    /// Updates the fields sent of customer `id` (`PUT /customers/{id}.json`).
    pub async fn update_customer(
        &self,
        id: &str,
        request: &UpdateCustomerRequest,
    ) -> Result<ApiResponse<Customer>, Error> {
        self.core
            .call(Operation::UpdateCustomer, Some(id), request)
            .await
    }

    /// Sends any body to `operation` without validation; vendor errors come
    /// back as answers. `id` goes in the update path (`/customers/{id}.json`).
    pub async fn send_raw(
        &self,
        operation: Operation,
        id: Option<&str>,
        body: RawBody,
    ) -> Result<RawResponse, Error> {
        let mut request = RawRequest::new(operation).body(body);
        if let Some(id) = id {
            request = request.id(id);
        }
        self.core.raw(request).await
    }

    /// [`Client::send_raw`] with per-call overrides (token, headers, retries).
    pub async fn send_raw_request(&self, request: RawRequest) -> Result<RawResponse, Error> {
        self.core.raw(request).await
    }

    /// What a typed call of `operation` returns for this answer (status,
    /// headers, body), without sending anything: the decoding and error mapping
    /// of the client on their own, for fuzzing and replaying recorded answers.
    #[doc(hidden)]
    pub fn decode_answer(
        &self,
        operation: Operation,
        status: http::StatusCode,
        headers: http::HeaderMap,
        body: bytes::Bytes,
    ) -> Result<ApiResponse<Customer>, Error> {
        self.core.decode(operation, status, headers, body)
    }
}

/// Builds a SHOPLINE Admin REST API [`Client`].
#[derive(Debug, Default, Clone)]
pub struct ClientBuilder {
    handle: Option<String>,
    base_url: Option<String>,
    version: ApiVersion,
    common: Common,
}

impl ClientBuilder {
    /// The store handle: `open001` for `https://open001.myshopline.com`.
    pub fn handle(mut self, handle: impl Into<String>) -> Self {
        self.handle = Some(handle.into());
        self
    }

    /// The store origin instead of a handle (e.g. a local sandbox);
    /// `/admin/openapi/{version}` is appended.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// The API version (default [`ApiVersion::LATEST_STABLE`]).
    pub fn version(mut self, version: ApiVersion) -> Self {
        self.version = version;
        self
    }

    common_setters!();

    /// The client.
    pub fn build(self) -> Result<Client, BuildError> {
        let base = match (&self.handle, &self.base_url) {
            (Some(_), Some(_)) => {
                return Err(BuildError::Conflict(
                    "set either .handle(...) or .base_url(...), not both",
                ));
            }
            (None, None) => {
                return Err(BuildError::MissingBaseUrl(
                    "call .handle(store handle) or .base_url(origin)",
                ));
            }
            (Some(handle), None) => {
                // A handle is one DNS label (the store domain's prefix).
                let valid = !handle.is_empty()
                    && handle.len() <= 63
                    && handle
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-')
                    && !handle.starts_with('-')
                    && !handle.ends_with('-');
                if !valid {
                    return Err(BuildError::InvalidBaseUrl {
                        url: handle.clone(),
                        reason: "a store handle is the first label of {handle}.myshopline.com (letters, digits, '-')".to_owned(),
                    });
                }
                parse_base_url(&format!("https://{handle}.myshopline.com"))?
            }
            (None, Some(url)) => {
                let base = parse_base_url(url)?;
                if base.path().contains("/admin/openapi") {
                    return Err(BuildError::InvalidBaseUrl {
                        url: base.to_string(),
                        reason: "give the store origin only; the client appends /admin/openapi/{version}".to_owned(),
                    });
                }
                base
            }
        };
        let version = self.version.to_string();
        let prefix = ["admin", "openapi", version.as_str()];
        let endpoints = Endpoints {
            create: join(&base, &[&prefix[..], &["customers.json"]].concat())?,
            update: join(&base, &[&prefix[..], &["customers"]].concat())?,
        };
        Ok(Client {
            core: self.common.build(
                Myshopline {
                    version: self.version,
                },
                base,
                endpoints,
            )?,
        })
    }
}
