//! Client of the SHOPLINE Open API (`https://open.shopline.io`): `POST /v1/customers`
//! and `PUT /v1/customers/{id}`, `Authorization: Bearer`, a mandatory `User-Agent`.
//!
//! Error answers `{message, code, error?, extras?}` (401, 404, 422, 500) become
//! [`Error::Api`] with `code` and `message` (or `error`).
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use shopspec_client::shopline;
//!
//! let client = shopline::Client::builder()
//!     .token("access-token")
//!     .user_agent("your-handle")
//!     .build()?;
//! let created = client
//!     .create_customer(&shopline::CreateCustomerRequest {
//!         email: Some("li@example.com".into()),
//!         ..Default::default()
//!     })
//!     .await?;
//! let id = &created.value().id;
//! let update = shopline::UpdateCustomerRequest {
//!     memo: "VIP".to_owned().into(),
//!     ..Default::default()
//! };
//! client.update_customer(id, &update).await?;
//! # Ok(()) }
//! ```

use http::Method;
use http::header::{self, HeaderName, HeaderValue, InvalidHeaderValue};
use reqwest::Url;
use shopspec_model::Operation;
use shopspec_model::shopline as model;

pub use shopspec_model::shopline::{
    CreateCustomerRequest, Customer, DeliveryAddress, ErrorBody, Gender, NotificationType, Phones,
    Source, UpdateCustomerRequest,
};

use crate::builder::{Common, common_setters, join, parse_base_url};
use crate::core::{Core, Decoded, Endpoints, Flavor, VendorError};
use crate::raw::{RawBody, RawRequest, RawResponse};
use crate::{ApiResponse, BuildError, Error, Token};

#[derive(Debug)]
pub(crate) struct Shopline;

pub(crate) fn bearer(token: &Token) -> Result<HeaderValue, InvalidHeaderValue> {
    HeaderValue::from_str(&format!("Bearer {}", token.expose_secret()))
}

impl Flavor for Shopline {
    const API: shopspec_model::Api = shopspec_model::Api::Shopline;
    type Customer = Customer;

    fn auth_header() -> HeaderName {
        header::AUTHORIZATION
    }

    fn auth_value(token: &Token) -> Result<HeaderValue, InvalidHeaderValue> {
        bearer(token)
    }

    fn method(operation: Operation) -> Method {
        match operation {
            Operation::CreateCustomer => Method::POST,
            Operation::UpdateCustomer => Method::PUT,
        }
    }

    fn update_segment(id: &str) -> Option<String> {
        Some(id.to_owned())
    }

    fn decode_success(body: &[u8]) -> Decoded<Customer> {
        match serde_json::from_slice(body) {
            Ok(customer) => Decoded::Customer(customer),
            Err(e) => Decoded::Undecodable(format!("not a customer: {e}")),
        }
    }

    fn decode_error(body: &[u8]) -> Option<VendorError> {
        let body: ErrorBody = serde_json::from_slice(body).ok()?;
        Some(VendorError {
            code: body.code,
            // 422 answers may carry `error` instead of `message`.
            message: body.message.or(body.error),
        })
    }
}

/// A SHOPLINE Open API client. Cheap to clone (shares one connection pool).
#[derive(Clone)]
pub struct Client {
    core: Core<Shopline>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.core.fmt(f)
    }
}

impl Client {
    /// A builder; [`ClientBuilder::token`] is required.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The origin requests go to.
    pub fn base_url(&self) -> &Url {
        &self.core.settings().base_url
    }

    /// Creates a customer (`POST /v1/customers`).
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

    /// Updates the fields sent of customer `id` (`PUT /v1/customers/{id}`).
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
    /// back as answers. `id` goes in the update path.
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

/// Builds a SHOPLINE Open API [`Client`].
#[derive(Debug, Default, Clone)]
pub struct ClientBuilder {
    base_url: Option<String>,
    common: Common,
}

impl ClientBuilder {
    /// The origin (default `https://open.shopline.io`); `/v1/customers` is appended.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    common_setters!();

    /// The client.
    pub fn build(self) -> Result<Client, BuildError> {
        let base = parse_base_url(self.base_url.as_deref().unwrap_or(model::DEFAULT_BASE_URL))?;
        let endpoints = Endpoints {
            create: join(&base, &["v1", "customers"])?,
            update: join(&base, &["v1", "customers"])?,
        };
        Ok(Client {
            core: self.common.build(Shopline, base, endpoints)?,
        })
    }
}
