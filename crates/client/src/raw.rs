//! Raw access for conformance checks: send any body, valid or not, with the
//! right method, URL, auth and headers, and get the answer back as it came.
//!
//! A raw call skips pre-flight validation and never turns a vendor error into
//! `Err`: only transport failures and timeouts are errors. Retries follow the
//! same rules as typed calls (see the crate docs); pass
//! [`RetryPolicy::none`] to see every first answer.

use std::fmt;
use std::time::Duration;

use bytes::Bytes;
use http::header::{HeaderName, HeaderValue};
use http::{HeaderMap, StatusCode};
use serde_json::Value;
use shopspec_model::Operation;

use crate::error::{BodyDebug, trace_id};
use crate::{RetryPolicy, Token};

/// The body of a raw request.
#[derive(Debug, Clone, PartialEq)]
pub enum RawBody {
    /// A JSON value, sent as-is with the API's JSON content type.
    Json(Value),
    /// Bytes sent as-is (e.g. malformed JSON) with the API's JSON content type;
    /// override it with [`RawRequest::header`].
    Bytes(Bytes),
    /// No body and no content type.
    Empty,
}

impl From<Value> for RawBody {
    fn from(value: Value) -> Self {
        RawBody::Json(value)
    }
}

impl From<Bytes> for RawBody {
    fn from(bytes: Bytes) -> Self {
        RawBody::Bytes(bytes)
    }
}

impl From<Vec<u8>> for RawBody {
    fn from(bytes: Vec<u8>) -> Self {
        RawBody::Bytes(Bytes::from(bytes))
    }
}

impl From<&'static str> for RawBody {
    fn from(text: &'static str) -> Self {
        RawBody::Bytes(Bytes::from_static(text.as_bytes()))
    }
}

/// How a raw request authenticates.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum RawAuth {
    /// The client's token.
    #[default]
    Client,
    /// Another token, e.g. a wrong one for an auth check.
    Token(Token),
    /// No auth header at all.
    None,
}

/// A raw request with per-call overrides.
///
/// ```
/// use serde_json::json;
/// use shopspec_client::raw::{RawBody, RawRequest};
/// use shopspec_client::{Operation, RetryPolicy, Token};
///
/// let request = RawRequest::new(Operation::UpdateCustomer)
///     .id("4211465524")
///     .body(json!({"customer": {"note": "x"}}))
///     .token(Token::new("wrong"))
///     .retry_policy(RetryPolicy::none());
/// assert!(format!("{request:?}").contains("Token(***)"));
/// ```
#[derive(Clone)]
pub struct RawRequest {
    pub(crate) operation: Operation,
    pub(crate) id: Option<String>,
    pub(crate) body: RawBody,
    pub(crate) auth: RawAuth,
    pub(crate) headers: HeaderMap,
    pub(crate) omit: Vec<HeaderName>,
    pub(crate) retry: Option<RetryPolicy>,
}

impl RawRequest {
    /// A request for `operation` with no body yet.
    pub fn new(operation: Operation) -> Self {
        RawRequest {
            operation,
            id: None,
            body: RawBody::Empty,
            auth: RawAuth::Client,
            headers: HeaderMap::new(),
            omit: Vec::new(),
            retry: None,
        }
    }

    /// The customer id of an update, put in the path (SHOPLINE Open API
    /// `/v1/customers/{id}`, Admin REST API `/customers/{id}.json`,
    /// percent-encoded). Fecify takes the id in the body, so it ignores this.
    /// Without an id an update goes to an empty id segment.
    pub fn id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// The body.
    pub fn body(mut self, body: impl Into<RawBody>) -> Self {
        self.body = body.into();
        self
    }

    /// Authenticate with this token instead of the client's.
    pub fn token(mut self, token: impl Into<Token>) -> Self {
        self.auth = RawAuth::Token(token.into());
        self
    }

    /// Send no auth header.
    pub fn no_auth(mut self) -> Self {
        self.auth = RawAuth::None;
        self
    }

    /// Sets a header, replacing the client's value (e.g. another `Content-Type`).
    pub fn header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.headers.insert(name, value);
        self
    }

    /// Leaves a header out (e.g. `User-Agent`, which SHOPLINE requires).
    pub fn omit_header(mut self, name: HeaderName) -> Self {
        self.omit.push(name);
        self
    }

    /// A retry policy for this call only.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// The operation.
    pub fn operation(&self) -> Operation {
        self.operation
    }
}

impl fmt::Debug for RawRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Header values may be credentials a caller set by hand: names only.
        let header_names: Vec<&str> = self.headers.keys().map(HeaderName::as_str).collect();
        f.debug_struct("RawRequest")
            .field("operation", &self.operation)
            .field("id", &self.id)
            .field("body", &self.body)
            .field("auth", &self.auth)
            .field("headers", &header_names)
            .field("omit", &self.omit)
            .field("retry", &self.retry)
            .finish()
    }
}

/// An answer as it came: status, headers, body and the body parsed as JSON when it is JSON.
#[derive(Clone)]
pub struct RawResponse {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
    pub(crate) json: Option<Value>,
    pub(crate) elapsed: Duration,
    pub(crate) attempts: u32,
}

impl RawResponse {
    /// HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// Answer headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The raw body.
    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// The body as JSON, if it parses.
    pub fn json(&self) -> Option<&Value> {
        self.json.as_ref()
    }

    /// The body as JSON, by value.
    pub fn into_json(self) -> Option<Value> {
        self.json
    }

    /// The SHOPLINE Admin REST API `traceId` header, if present.
    pub fn trace_id(&self) -> Option<&str> {
        trace_id(&self.headers)
    }

    /// Time from the call to the answer, retries and waits included.
    pub fn elapsed(&self) -> Duration {
        self.elapsed
    }

    /// Attempts it took.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }
}

impl fmt::Debug for RawResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RawResponse")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("body", &BodyDebug(&self.body))
            .field("json", &self.json.is_some())
            .field("elapsed", &self.elapsed)
            .field("attempts", &self.attempts)
            .finish()
    }
}
