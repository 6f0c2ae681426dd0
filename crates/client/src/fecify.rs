//! Client of the Fecify "skill" API: `POST {site}/api/skill/customer/create-customer`
//! and `POST {site}/api/skill/customer/update-customer`, header `skill-access-token`.
//!
//! Every answer is an envelope `{"code": 200, "data": {...}, "message": "success"}`;
//! a `code` other than 200 is a failure even with HTTP 200
//! (<https://www.fecify.com/doc-3/cn-1.0/fecify-skill-api-customer-create.html>), reported as [`Error::Api`]
//! with the code in [`Error::api_code`].
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use shopspec_client::fecify;
//!
//! let client = fecify::Client::builder()
//!     .base_url("https://your-domain.com/apimanager666")
//!     .token("skill-access-token")
//!     .build()?;
//! let created = client
//!     .create_customer(&fecify::CreateCustomerRequest::new("li@example.com", "yunlong", "li"))
//!     .await?;
//! println!("customer {} created", created.value().id);
//! # Ok(()) }
//! ```

use http::Method;
use http::header::{HeaderName, HeaderValue, InvalidHeaderValue};
use reqwest::Url;
use serde_json::Value;
use shopspec_model::Operation;
use shopspec_model::fecify::{self as model, Envelope};

pub use shopspec_model::fecify::{
    AcceptsMarketing, CreateCustomerRequest, Customer, CustomerVipId, PayAfterUseStatus,
    UpdateCustomerRequest,
};

use crate::builder::{Common, common_setters, join, parse_base_url};
use crate::core::{Core, Decoded, Endpoints, Flavor, VendorError};
use crate::raw::{RawBody, RawRequest, RawResponse};
use crate::{ApiResponse, BuildError, Error, Token};

#[derive(Debug)]
pub(crate) struct Fecify;

impl Flavor for Fecify {
    const API: shopspec_model::Api = shopspec_model::Api::Fecify;
    type Customer = Customer;

    fn auth_header() -> HeaderName {
        HeaderName::from_static(model::TOKEN_HEADER)
    }

    fn auth_value(token: &Token) -> Result<HeaderValue, InvalidHeaderValue> {
        HeaderValue::from_str(token.expose_secret())
    }

    fn method(_: Operation) -> Method {
        // Both operations are POST (https://www.fecify.com/doc-3/cn-1.0/fecify-skill-api-customer-update.html).
        Method::POST
    }

    fn update_segment(_: &str) -> Option<String> {
        None
    }

    fn decode_success(body: &[u8]) -> Decoded<Customer> {
        let envelope: Envelope<Value> = match serde_json::from_slice(body) {
            Ok(envelope) => envelope,
            Err(e) => return Decoded::Undecodable(format!("not a Fecify envelope: {e}")),
        };
        // Failures arrive with HTTP 200 and a `code` other than 200
        // (https://www.fecify.com/doc-3/cn-1.0/fecify-skill-api-customer-create.html; spec/errata.md E-FEC-3).
        if !envelope.is_success() {
            return Decoded::Vendor(vendor_error(envelope));
        }
        match envelope.into_data::<Customer>() {
            Ok(customer) => Decoded::Customer(customer),
            Err(e) => Decoded::Undecodable(format!("`data` is not a customer: {e}")),
        }
    }

    fn decode_error(body: &[u8]) -> Option<VendorError> {
        serde_json::from_slice::<Envelope<Value>>(body)
            .ok()
            .map(vendor_error)
    }
}

fn vendor_error(envelope: Envelope<Value>) -> VendorError {
    VendorError {
        code: Some(envelope.code.to_string()),
        message: envelope.message,
    }
}

/// A Fecify client. Cheap to clone (shares one connection pool).
#[derive(Clone)]
pub struct Client {
    core: Core<Fecify>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.core.fmt(f)
    }
}

impl Client {
    /// A builder; [`ClientBuilder::base_url`] and [`ClientBuilder::token`] are required.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The site URL, sub-path included.
    pub fn base_url(&self) -> &Url {
        &self.core.settings().base_url
    }

    /// Creates a customer.
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

    /// Updates the fields sent of customer `request.id`.
    pub async fn update_customer(
        &self,
        request: &UpdateCustomerRequest,
    ) -> Result<ApiResponse<Customer>, Error> {
        self.core
            .call(Operation::UpdateCustomer, None, request)
            .await
    }

    /// Sends any body to `operation` without validation; vendor errors come
    /// back as answers. Fecify takes the customer id in the body, so `id` is ignored.
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

/// Builds a Fecify [`Client`].
#[derive(Debug, Default, Clone)]
pub struct ClientBuilder {
    base_url: Option<String>,
    common: Common,
}

impl ClientBuilder {
    /// The site URL (required), which may carry a sub-path, e.g.
    /// `https://your-domain.com/apimanager666`.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    common_setters!();

    /// The client.
    pub fn build(self) -> Result<Client, BuildError> {
        let site = self
            .base_url
            .as_deref()
            .ok_or(BuildError::MissingBaseUrl("call .base_url(site URL)"))?;
        let base = parse_base_url(site)?;
        let endpoints = Endpoints {
            create: join(&base, &["api", "skill", "customer", "create-customer"])?,
            update: join(&base, &["api", "skill", "customer", "update-customer"])?,
        };
        debug_assert!(
            endpoints
                .create
                .path()
                .ends_with(model::CREATE_CUSTOMER_PATH)
        );
        debug_assert!(
            endpoints
                .update
                .path()
                .ends_with(model::UPDATE_CUSTOMER_PATH)
        );
        Ok(Client {
            core: self.common.build(Fecify, base, endpoints)?,
        })
    }
}
