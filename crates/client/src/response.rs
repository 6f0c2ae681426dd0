//! [`ApiResponse`]: a decoded customer with the answer's metadata.

use std::fmt;
use std::time::Duration;

use bytes::Bytes;
use http::{HeaderMap, StatusCode};
use shopspec_validate::Violation;

use crate::error::{BodyDebug, trace_id};

/// A successful answer: the typed customer plus status, headers, raw body,
/// timing and how many attempts it took.
///
/// The customer is the Fecify envelope's `data`, the SHOPLINE Open API body, or
/// the SHOPLINE Admin REST API `customer`.
pub struct ApiResponse<T> {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
    pub(crate) value: T,
    pub(crate) elapsed: Duration,
    pub(crate) attempts: u32,
    pub(crate) warnings: Vec<Violation>,
}

impl<T> ApiResponse<T> {
    /// HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// Answer headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The SHOPLINE Admin REST API `traceId` header, if present.
    pub fn trace_id(&self) -> Option<&str> {
        trace_id(&self.headers)
    }

    /// The raw answer body.
    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// The decoded customer.
    pub fn value(&self) -> &T {
        &self.value
    }

    /// The decoded customer, by value.
    pub fn into_inner(self) -> T {
        self.value
    }

    /// Time from the call to the decoded answer, retries and waits included.
    pub fn elapsed(&self) -> Duration {
        self.elapsed
    }

    /// Attempts it took (1 when the first try succeeded).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// Pre-flight validation warnings (deprecations, implied limits); empty when
    /// validation is off.
    pub fn warnings(&self) -> &[Violation] {
        &self.warnings
    }
}

impl<T> std::ops::Deref for ApiResponse<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: fmt::Debug> fmt::Debug for ApiResponse<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiResponse")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("value", &self.value)
            .field("body", &BodyDebug(&self.body))
            .field("elapsed", &self.elapsed)
            .field("attempts", &self.attempts)
            .field("warnings", &self.warnings.len())
            .finish()
    }
}
