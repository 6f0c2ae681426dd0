//! The transport core shared by the three clients: request building, auth,
//! pacing, retries, tracing and error mapping. Each API plugs in a [`Flavor`].

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::header::{self, HeaderName, HeaderValue, InvalidHeaderValue};
use http::{HeaderMap, Method, StatusCode};
use reqwest::Url;
use serde::Serialize;
use serde::de::DeserializeOwned;
use shopspec_model::myshopline::ApiVersion;
use shopspec_model::{Api, Operation};
use shopspec_validate::Target;
use tracing::Instrument;
use tracing::field::Empty;

use crate::error::{
    ApiError, DecodeError, EXCERPT_CHARS, Outcome, RateLimitedError, TimeoutError, TransportError,
    excerpt, trace_id,
};
use crate::raw::{RawAuth, RawBody, RawRequest, RawResponse};
use crate::retry::{RetryCause, parse_retry_after};
use crate::{ApiResponse, Error, RateLimiter, RetryPolicy, Token};

/// What differs between the APIs: auth header, methods, URLs and body decoding.
pub(crate) trait Flavor: fmt::Debug + Send + Sync + 'static {
    /// The API.
    const API: Api;
    /// `Content-Type` of JSON request bodies.
    const CONTENT_TYPE: &'static str = "application/json";
    /// The customer a success answer carries.
    type Customer: DeserializeOwned + Send + 'static;

    /// The header that carries the token.
    fn auth_header() -> HeaderName;
    /// The auth header's value for `token`.
    fn auth_value(token: &Token) -> Result<HeaderValue, InvalidHeaderValue>;
    /// HTTP method of `operation`.
    fn method(operation: Operation) -> Method;
    /// The last path segment of an update for `id`, or `None` when the id travels in the body.
    fn update_segment(id: &str) -> Option<String>;
    /// The API version rules are checked against.
    fn version(&self) -> ApiVersion {
        ApiVersion::LATEST_STABLE
    }
    /// Decodes a 2xx answer.
    fn decode_success(body: &[u8]) -> Decoded<Self::Customer>;
    /// Decodes a documented error body; `None` when the body is not one.
    fn decode_error(body: &[u8]) -> Option<VendorError>;
}

/// A decoded 2xx answer.
pub(crate) enum Decoded<C> {
    /// The customer.
    Customer(C),
    /// A failure inside a success status (Fecify: `code` other than 200).
    Vendor(VendorError),
    /// Not the documented shape.
    Undecodable(String),
}

/// The vendor's code and message from an error body.
#[derive(Debug, Default)]
pub(crate) struct VendorError {
    pub(crate) code: Option<String>,
    pub(crate) message: Option<String>,
}

/// The two URLs of an API: create, and update (for path-id APIs, the prefix the id is appended to).
#[derive(Debug, Clone)]
pub(crate) struct Endpoints {
    pub(crate) create: Url,
    pub(crate) update: Url,
}

/// Everything a client needs; shared behind an `Arc`.
pub(crate) struct Settings<F> {
    pub(crate) flavor: F,
    pub(crate) http: reqwest::Client,
    pub(crate) base_url: Url,
    pub(crate) endpoints: Endpoints,
    pub(crate) token: Token,
    pub(crate) auth: HeaderValue,
    pub(crate) user_agent: HeaderValue,
    pub(crate) timeout: Duration,
    pub(crate) retry: RetryPolicy,
    pub(crate) limiter: Option<RateLimiter>,
    pub(crate) validate: bool,
}

/// The shared core: cheap to clone.
pub(crate) struct Core<F> {
    inner: Arc<Settings<F>>,
}

impl<F> Clone for Core<F> {
    fn clone(&self) -> Self {
        Core {
            inner: Arc::clone(&self.inner),
        }
    }
}

impl<F: Flavor> fmt::Debug for Core<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = &self.inner;
        f.debug_struct("Client")
            .field("api", &F::API)
            .field("base_url", &s.base_url.as_str())
            .field("flavor", &s.flavor)
            .field("token", &s.token)
            .field("user_agent", &s.user_agent)
            .field("timeout", &s.timeout)
            .field("retry", &s.retry)
            .field("limiter", &s.limiter)
            .field("validate", &s.validate)
            .finish_non_exhaustive()
    }
}

/// A request body ready to send.
struct Payload {
    bytes: Option<Bytes>,
    content_type: Option<HeaderValue>,
}

/// Per-call overrides (raw calls).
#[derive(Default)]
struct Overrides {
    auth: RawAuth,
    headers: HeaderMap,
    omit: Vec<HeaderName>,
    retry: Option<RetryPolicy>,
}

/// The final answer of a call, after retries.
struct Exchange {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
    elapsed: Duration,
    attempts: u32,
}

enum AttemptError {
    /// The request could not even be built.
    Builder(reqwest::Error),
    /// No (full) answer.
    Failed {
        error: reqwest::Error,
        status: Option<StatusCode>,
        headers: Option<HeaderMap>,
    },
}

impl<F: Flavor> Core<F> {
    pub(crate) fn new(settings: Settings<F>) -> Self {
        Core {
            inner: Arc::new(settings),
        }
    }

    pub(crate) fn settings(&self) -> &Settings<F> {
        &self.inner
    }

    /// A typed call: validate, encode, send with retries, decode.
    pub(crate) async fn call<B: Serialize>(
        &self,
        operation: Operation,
        id: Option<&str>,
        request: &B,
    ) -> Result<ApiResponse<F::Customer>, Error> {
        let s = &*self.inner;
        let value = serde_json::to_value(request).map_err(|e| Error::Encode {
            message: e.to_string(),
        })?;
        let mut warnings = Vec::new();
        if s.validate {
            let target = Target::new(F::API, operation).with_version(s.flavor.version());
            let report = shopspec_validate::validate_value(target, &value);
            if !report.is_valid() {
                return Err(Error::Validation(report));
            }
            warnings = report.warnings;
        }
        let bytes = serde_json::to_vec(&value).map_err(|e| Error::Encode {
            message: e.to_string(),
        })?;
        let payload = Payload {
            bytes: Some(Bytes::from(bytes)),
            content_type: Some(HeaderValue::from_static(F::CONTENT_TYPE)),
        };
        let url = self.url(operation, id)?;
        let exchange = self
            .exchange(operation, &url, &payload, &Overrides::default())
            .await?;
        self.finish(operation, exchange, warnings)
    }

    /// A raw call: no validation, vendor errors come back as answers.
    pub(crate) async fn raw(&self, request: RawRequest) -> Result<RawResponse, Error> {
        let RawRequest {
            operation,
            id,
            body,
            auth,
            headers,
            omit,
            retry,
        } = request;
        let payload = match body {
            RawBody::Json(value) => Payload {
                bytes: Some(Bytes::from(serde_json::to_vec(&value).map_err(|e| {
                    Error::Encode {
                        message: e.to_string(),
                    }
                })?)),
                content_type: Some(HeaderValue::from_static(F::CONTENT_TYPE)),
            },
            RawBody::Bytes(bytes) => Payload {
                bytes: Some(bytes),
                content_type: Some(HeaderValue::from_static(F::CONTENT_TYPE)),
            },
            RawBody::Empty => Payload {
                bytes: None,
                content_type: None,
            },
        };
        let url = self.url(operation, Some(id.as_deref().unwrap_or("")))?;
        let overrides = Overrides {
            auth,
            headers,
            omit,
            retry,
        };
        let exchange = self.exchange(operation, &url, &payload, &overrides).await?;
        let json = serde_json::from_slice(&exchange.body).ok();
        Ok(RawResponse {
            status: exchange.status,
            headers: exchange.headers,
            body: exchange.body,
            json,
            elapsed: exchange.elapsed,
            attempts: exchange.attempts,
        })
    }

    fn url(&self, operation: Operation, id: Option<&str>) -> Result<Url, Error> {
        let endpoints = &self.inner.endpoints;
        match operation {
            Operation::CreateCustomer => Ok(endpoints.create.clone()),
            Operation::UpdateCustomer => {
                let Some(segment) = F::update_segment(id.unwrap_or("")) else {
                    return Ok(endpoints.update.clone());
                };
                let mut url = endpoints.update.clone();
                url.path_segments_mut()
                    .map_err(|()| Error::Encode {
                        message: "the base URL cannot take a path".to_owned(),
                    })?
                    .push(&segment);
                Ok(url)
            }
        }
    }

    fn request(
        &self,
        method: Method,
        url: &Url,
        payload: &Payload,
        overrides: &Overrides,
    ) -> reqwest::RequestBuilder {
        let s = &*self.inner;
        let mut headers = HeaderMap::with_capacity(5 + overrides.headers.len());
        headers.insert(header::ACCEPT, HeaderValue::from_static("application/json"));
        headers.insert(header::USER_AGENT, s.user_agent.clone());
        if let Some(content_type) = &payload.content_type {
            headers.insert(header::CONTENT_TYPE, content_type.clone());
        }
        match &overrides.auth {
            RawAuth::Client => {
                headers.insert(F::auth_header(), s.auth.clone());
            }
            RawAuth::Token(token) => {
                // A token that is not a valid header value is sent as nothing:
                // the call then checks "no auth", which is the closest honest thing.
                if let Ok(mut value) = F::auth_value(token) {
                    value.set_sensitive(true);
                    headers.insert(F::auth_header(), value);
                }
            }
            RawAuth::None => {}
        }
        for (name, value) in &overrides.headers {
            headers.insert(name.clone(), value.clone());
        }
        for name in &overrides.omit {
            headers.remove(name);
        }
        let mut builder = s
            .http
            .request(method, url.clone())
            .headers(headers)
            .timeout(s.timeout);
        if let Some(bytes) = &payload.bytes {
            builder = builder.body(bytes.clone());
        }
        builder
    }

    async fn attempt(
        &self,
        method: Method,
        url: &Url,
        payload: &Payload,
        overrides: &Overrides,
    ) -> Result<(StatusCode, HeaderMap, Bytes), AttemptError> {
        let request = self
            .request(method, url, payload, overrides)
            .build()
            .map_err(AttemptError::Builder)?;
        let response =
            self.inner
                .http
                .execute(request)
                .await
                .map_err(|error| AttemptError::Failed {
                    error,
                    status: None,
                    headers: None,
                })?;
        let status = response.status();
        let headers = response.headers().clone();
        match response.bytes().await {
            Ok(body) => Ok((status, headers, body)),
            Err(error) => Err(AttemptError::Failed {
                error,
                status: Some(status),
                headers: Some(headers),
            }),
        }
    }

    /// Sends with pacing and retries until an answer or a final failure.
    async fn exchange(
        &self,
        operation: Operation,
        url: &Url,
        payload: &Payload,
        overrides: &Overrides,
    ) -> Result<Exchange, Error> {
        let s = &*self.inner;
        let policy = overrides.retry.as_ref().unwrap_or(&s.retry);
        let method = F::method(operation);
        let started = Instant::now();
        let mut attempt: u32 = 0;
        loop {
            attempt += 1;
            if let Some(limiter) = &s.limiter {
                limiter.acquire().await;
            }
            let span = tracing::info_span!(
                "shopspec.request",
                api = F::API.as_str(),
                operation = operation.as_str(),
                method = method.as_str(),
                path = url.path(),
                attempt,
                status = Empty,
                elapsed_ms = Empty,
                trace_id = Empty,
            );
            let attempt_started = Instant::now();
            let result = self
                .attempt(method.clone(), url, payload, overrides)
                .instrument(span.clone())
                .await;
            let elapsed_ms =
                u64::try_from(attempt_started.elapsed().as_millis()).unwrap_or(u64::MAX);
            span.record("elapsed_ms", elapsed_ms);
            match result {
                Ok((status, headers, body)) => {
                    span.record("status", status.as_u16());
                    if let Some(trace) = trace_id(&headers) {
                        span.record("trace_id", trace);
                    }
                    let cause = RetryCause::Status {
                        status,
                        retry_after: parse_retry_after(&headers),
                    };
                    if let Some(delay) = policy.next_delay(operation, attempt, &cause) {
                        tracing::info!(
                            parent: &span,
                            delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX),
                            "retrying after HTTP {}",
                            status.as_u16()
                        );
                        tokio::time::sleep(delay).await;
                        continue;
                    }
                    tracing::debug!(parent: &span, "answered");
                    return Ok(Exchange {
                        status,
                        headers,
                        body,
                        elapsed: started.elapsed(),
                        attempts: attempt,
                    });
                }
                Err(AttemptError::Builder(error)) => {
                    return Err(Error::Encode {
                        message: error.to_string(),
                    });
                }
                Err(AttemptError::Failed {
                    error,
                    status,
                    headers,
                }) => {
                    // A failed connect (refused, DNS, TLS handshake, connect
                    // timeout) means the request surely never reached the store.
                    let outcome = if error.is_connect() {
                        Outcome::NotSent
                    } else {
                        Outcome::Unknown
                    };
                    let cause = RetryCause::Transport { outcome };
                    if let Some(delay) = policy.next_delay(operation, attempt, &cause) {
                        tracing::info!(
                            parent: &span,
                            delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX),
                            timeout = error.is_timeout(),
                            connect = error.is_connect(),
                            "retrying after a transport error"
                        );
                        tokio::time::sleep(delay).await;
                        continue;
                    }
                    tracing::debug!(
                        parent: &span,
                        timeout = error.is_timeout(),
                        connect = error.is_connect(),
                        "no answer"
                    );
                    let error = if error.is_timeout() {
                        Error::Timeout(Box::new(TimeoutError {
                            api: F::API,
                            operation,
                            outcome,
                            status,
                            headers,
                            attempts: attempt,
                            source: error,
                        }))
                    } else {
                        Error::Transport(Box::new(TransportError {
                            api: F::API,
                            operation,
                            outcome,
                            status,
                            headers,
                            attempts: attempt,
                            source: error,
                        }))
                    };
                    return Err(error);
                }
            }
        }
    }

    /// What a typed call returns for this answer, without sending anything.
    pub(crate) fn decode(
        &self,
        operation: Operation,
        status: StatusCode,
        headers: HeaderMap,
        body: Bytes,
    ) -> Result<ApiResponse<F::Customer>, Error> {
        let exchange = Exchange {
            status,
            headers,
            body,
            elapsed: Duration::ZERO,
            attempts: 1,
        };
        self.finish(operation, exchange, Vec::new())
    }

    /// Maps the final answer of a typed call to the customer or an error.
    fn finish(
        &self,
        operation: Operation,
        exchange: Exchange,
        warnings: Vec<shopspec_validate::Violation>,
    ) -> Result<ApiResponse<F::Customer>, Error> {
        let Exchange {
            status,
            headers,
            body,
            elapsed,
            attempts,
        } = exchange;
        if status == StatusCode::TOO_MANY_REQUESTS {
            let message = F::decode_error(&body).and_then(|v| v.message);
            return Err(Error::RateLimited(Box::new(RateLimitedError {
                api: F::API,
                operation,
                status,
                retry_after: parse_retry_after(&headers),
                message: message.map(|m| self.mask(&m)),
                headers,
                body,
                attempts,
            })));
        }
        let decode_error = |reason: String, outcome: Outcome, headers: HeaderMap, body: Bytes| {
            Error::Decode(Box::new(DecodeError {
                api: F::API,
                operation,
                status,
                excerpt: excerpt(&body, Some(self.inner.token.expose_secret()), EXCERPT_CHARS),
                // serde's reason may quote the body, and so an echoed token.
                reason: self.mask(&reason),
                headers,
                body,
                outcome,
                attempts,
            }))
        };
        let api_error = |vendor: VendorError, outcome: Outcome, headers: HeaderMap, body: Bytes| {
            Error::Api(Box::new(ApiError {
                api: F::API,
                operation,
                status,
                code: vendor.code.map(|c| self.mask(&c)),
                message: vendor.message.map(|m| self.mask(&m)),
                retry_after: parse_retry_after(&headers),
                headers,
                body,
                outcome,
                attempts,
            }))
        };
        if status.is_success() {
            return match F::decode_success(&body) {
                Decoded::Customer(value) => Ok(ApiResponse {
                    status,
                    headers,
                    body,
                    value,
                    elapsed,
                    attempts,
                    warnings,
                }),
                Decoded::Vendor(vendor) => Err(api_error(vendor, Outcome::Rejected, headers, body)),
                // The store said yes but we cannot read what it did.
                Decoded::Undecodable(reason) => {
                    Err(decode_error(reason, Outcome::Unknown, headers, body))
                }
            };
        }
        let outcome = if status.is_client_error() {
            Outcome::Rejected
        } else {
            Outcome::Unknown
        };
        match F::decode_error(&body) {
            Some(vendor) => Err(api_error(vendor, outcome, headers, body)),
            None => Err(decode_error(
                format!("not the documented {} error body", F::API),
                outcome,
                headers,
                body,
            )),
        }
    }

    /// Masks the token in text taken from an answer (a store may echo request headers).
    fn mask(&self, text: &str) -> String {
        let secret = self.inner.token.expose_secret();
        if secret.is_empty() {
            text.to_owned()
        } else {
            text.replace(secret, "***")
        }
    }
}
