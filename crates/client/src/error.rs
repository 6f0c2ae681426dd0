//! [`Error`]: everything a call can end in, and [`BuildError`] for client set-up.

use std::fmt;
use std::time::Duration;

use bytes::Bytes;
use http::{HeaderMap, StatusCode};
use shopspec_model::{Api, Operation};
use shopspec_validate::Report;

/// What became of the request when a call failed.
///
/// No API here takes an idempotency key, so when a create ends in
/// [`Outcome::Unknown`] the store may or may not hold the customer: look it up
/// (for example by email) before creating it again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Outcome {
    /// The request never reached the store (pre-flight validation, a failed
    /// connect, a request that could not be encoded).
    NotSent,
    /// The store answered that it did not carry the request out (4xx, a Fecify
    /// `code` other than 200, 429).
    Rejected,
    /// The request may have been carried out: a timeout or a connection lost
    /// after sending, a 5xx answer, or a success answer that could not be read.
    Unknown,
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Outcome::NotSent => "not sent",
            Outcome::Rejected => "rejected by the store",
            Outcome::Unknown => "outcome unknown",
        })
    }
}

/// The error of every call.
///
/// Variants separate what a caller handles differently: an answer the API
/// documents ([`Error::Api`]), back-pressure ([`Error::RateLimited`]), no answer
/// ([`Error::Transport`], [`Error::Timeout`]), an answer that could not be read
/// ([`Error::Decode`]) and a request stopped before sending ([`Error::Validation`],
/// [`Error::Encode`]). The helpers ([`Error::status`], [`Error::outcome`],
/// [`Error::is_retryable`]...) work across variants. Status and headers are kept
/// wherever there was an answer.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The store answered with an error: HTTP 4xx/5xx, or (Fecify) a `code` other than 200.
    #[error(transparent)]
    Api(Box<ApiError>),
    /// The store answered 429 Too Many Requests (after any retries).
    #[error(transparent)]
    RateLimited(Box<RateLimitedError>),
    /// The connection failed or broke before a full answer arrived.
    #[error(transparent)]
    Transport(Box<TransportError>),
    /// No full answer within the timeout.
    #[error(transparent)]
    Timeout(Box<TimeoutError>),
    /// The answer could not be decoded (an HTML error page, truncated JSON...).
    #[error(transparent)]
    Decode(Box<DecodeError>),
    /// Pre-flight validation found broken documented rules; nothing was sent.
    #[error("{}", validation_message(.0))]
    Validation(Report),
    /// The request could not be encoded (body or URL); nothing was sent.
    #[error("the request could not be encoded: {message}")]
    Encode {
        /// What went wrong.
        message: String,
    },
}

fn validation_message(report: &Report) -> String {
    let mut text = format!(
        "pre-flight validation failed with {} error(s); nothing was sent",
        report.errors.len()
    );
    for violation in &report.errors {
        text.push_str("\n  ");
        text.push_str(&violation.to_string());
    }
    text
}

impl Error {
    /// What became of the request.
    pub fn outcome(&self) -> Outcome {
        match self {
            Error::Api(e) => e.outcome,
            Error::RateLimited(_) => Outcome::Rejected,
            Error::Transport(e) => e.outcome,
            Error::Timeout(e) => e.outcome,
            Error::Decode(e) => e.outcome,
            Error::Validation(_) | Error::Encode { .. } => Outcome::NotSent,
        }
    }

    /// The HTTP status, if the store answered.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api(e) => Some(e.status),
            Error::RateLimited(e) => Some(e.status),
            Error::Decode(e) => Some(e.status),
            Error::Transport(e) => e.status,
            Error::Timeout(e) => e.status,
            Error::Validation(_) | Error::Encode { .. } => None,
        }
    }

    /// The answer headers, if the store answered.
    pub fn headers(&self) -> Option<&HeaderMap> {
        match self {
            Error::Api(e) => Some(&e.headers),
            Error::RateLimited(e) => Some(&e.headers),
            Error::Decode(e) => Some(&e.headers),
            Error::Transport(e) => e.headers.as_ref(),
            Error::Timeout(e) => e.headers.as_ref(),
            Error::Validation(_) | Error::Encode { .. } => None,
        }
    }

    /// The vendor's error code: the Fecify envelope `code`, the SHOPLINE Open
    /// API body `code`. The SHOPLINE Admin REST API has none.
    pub fn api_code(&self) -> Option<&str> {
        match self {
            Error::Api(e) => e.code.as_deref(),
            _ => None,
        }
    }

    /// The vendor's message, if the answer carried one.
    pub fn api_message(&self) -> Option<&str> {
        match self {
            Error::Api(e) => e.message.as_deref(),
            Error::RateLimited(e) => e.message.as_deref(),
            _ => None,
        }
    }

    /// The SHOPLINE Admin REST API `traceId` answer header: quote it to SHOPLINE support.
    pub fn trace_id(&self) -> Option<&str> {
        self.headers().and_then(trace_id)
    }

    /// How long the store asked to wait (`Retry-After`), if it did.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Error::RateLimited(e) => e.retry_after,
            Error::Api(e) => e.retry_after,
            _ => None,
        }
    }

    /// How many attempts were made before giving up (0 when nothing was sent).
    pub fn attempts(&self) -> u32 {
        match self {
            Error::Api(e) => e.attempts,
            Error::RateLimited(e) => e.attempts,
            Error::Transport(e) => e.attempts,
            Error::Timeout(e) => e.attempts,
            Error::Decode(e) => e.attempts,
            Error::Validation(_) | Error::Encode { .. } => 0,
        }
    }

    /// The API and operation of the failed call, when known.
    pub fn call(&self) -> Option<(Api, Operation)> {
        match self {
            Error::Api(e) => Some((e.api, e.operation)),
            Error::RateLimited(e) => Some((e.api, e.operation)),
            Error::Transport(e) => Some((e.api, e.operation)),
            Error::Timeout(e) => Some((e.api, e.operation)),
            Error::Decode(e) => Some((e.api, e.operation)),
            Error::Validation(_) | Error::Encode { .. } => None,
        }
    }

    /// Whether the same call may succeed later and is safe to repeat: 429,
    /// failed connects, and, for updates (which are idempotent), 5xx answers,
    /// timeouts and broken connections. A create whose outcome is unknown is
    /// not retryable: repeating it could make a duplicate customer.
    pub fn is_retryable(&self) -> bool {
        let idempotent = matches!(self.call(), Some((_, Operation::UpdateCustomer)));
        match self {
            Error::RateLimited(_) => true,
            Error::Transport(_) | Error::Timeout(_) => {
                idempotent || self.outcome() == Outcome::NotSent
            }
            Error::Api(e) => idempotent && e.status.is_server_error(),
            Error::Decode(e) => idempotent && e.status.is_server_error(),
            Error::Validation(_) | Error::Encode { .. } => false,
        }
    }
}

pub(crate) fn trace_id(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(shopspec_model::myshopline::TRACE_ID_HEADER)
        .and_then(|v| v.to_str().ok())
}

fn unknown_note(outcome: Outcome, operation: Operation) -> &'static str {
    match (outcome, operation) {
        (Outcome::Unknown, Operation::CreateCustomer) => {
            "; the outcome is unknown: the customer may have been created, look it up before creating it again"
        }
        (Outcome::Unknown, Operation::UpdateCustomer) => {
            "; the outcome is unknown: the update may have been applied"
        }
        _ => "",
    }
}

/// An error answer the API documents.
#[non_exhaustive]
pub struct ApiError {
    /// The API.
    pub api: Api,
    /// The operation.
    pub operation: Operation,
    /// HTTP status (200 for a Fecify envelope with a failure `code`).
    pub status: StatusCode,
    /// Fecify envelope `code` or SHOPLINE Open API `code`.
    pub code: Option<String>,
    /// Fecify `message`; SHOPLINE Open API `message` (or `error`); SHOPLINE Admin
    /// REST API `errors`, summarised as one line.
    pub message: Option<String>,
    /// A `Retry-After` wait the store sent (e.g. with a 503).
    pub retry_after: Option<Duration>,
    /// Answer headers.
    pub headers: HeaderMap,
    /// The raw answer body.
    pub body: Bytes,
    /// What became of the request: `Rejected` for 4xx and failure codes, `Unknown` for 5xx.
    pub outcome: Outcome,
    /// Attempts made.
    pub attempts: u32,
}

impl ApiError {
    /// The SHOPLINE Admin REST API `traceId` answer header.
    pub fn trace_id(&self) -> Option<&str> {
        trace_id(&self.headers)
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}: the store answered HTTP {}",
            self.api,
            self.operation,
            self.status.as_u16()
        )?;
        if let Some(code) = &self.code {
            write!(f, " with code {code}")?;
        }
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        if let Some(trace) = self.trace_id() {
            write!(f, " (traceId {trace})")?;
        }
        f.write_str(unknown_note(self.outcome, self.operation))
    }
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("api", &self.api)
            .field("operation", &self.operation)
            .field("status", &self.status)
            .field("code", &self.code)
            .field("message", &self.message)
            .field("retry_after", &self.retry_after)
            .field("headers", &self.headers)
            .field("body", &BodyDebug(&self.body))
            .field("outcome", &self.outcome)
            .field("attempts", &self.attempts)
            .finish()
    }
}

impl std::error::Error for ApiError {}

/// A 429 Too Many Requests answer. The store did not process the request.
#[non_exhaustive]
pub struct RateLimitedError {
    /// The API.
    pub api: Api,
    /// The operation.
    pub operation: Operation,
    /// HTTP status (429).
    pub status: StatusCode,
    /// The `Retry-After` wait, seconds or HTTP-date, if sent.
    pub retry_after: Option<Duration>,
    /// The vendor's message, e.g. `Too many request`.
    pub message: Option<String>,
    /// Answer headers.
    pub headers: HeaderMap,
    /// The raw answer body.
    pub body: Bytes,
    /// Attempts made.
    pub attempts: u32,
}

impl RateLimitedError {
    /// The SHOPLINE Admin REST API `traceId` answer header.
    pub fn trace_id(&self) -> Option<&str> {
        trace_id(&self.headers)
    }
}

impl fmt::Display for RateLimitedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}: rate limited (HTTP 429) after {} attempt(s)",
            self.api, self.operation, self.attempts
        )?;
        if let Some(wait) = self.retry_after {
            write!(f, "; retry after {} ms", wait.as_millis())?;
        }
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        if let Some(trace) = self.trace_id() {
            write!(f, " (traceId {trace})")?;
        }
        Ok(())
    }
}

impl fmt::Debug for RateLimitedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RateLimitedError")
            .field("api", &self.api)
            .field("operation", &self.operation)
            .field("status", &self.status)
            .field("retry_after", &self.retry_after)
            .field("message", &self.message)
            .field("headers", &self.headers)
            .field("body", &BodyDebug(&self.body))
            .field("attempts", &self.attempts)
            .finish()
    }
}

impl std::error::Error for RateLimitedError {}

/// The connection failed or broke.
#[derive(Debug)]
#[non_exhaustive]
pub struct TransportError {
    /// The API.
    pub api: Api,
    /// The operation.
    pub operation: Operation,
    /// `NotSent` when the connect failed; `Unknown` when the connection broke later.
    pub outcome: Outcome,
    /// The status, if the answer had begun.
    pub status: Option<StatusCode>,
    /// The headers, if the answer had begun.
    pub headers: Option<HeaderMap>,
    /// Attempts made.
    pub attempts: u32,
    /// The underlying error.
    pub source: reqwest::Error,
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = if self.outcome == Outcome::NotSent {
            "could not connect"
        } else {
            "the connection failed"
        };
        write!(
            f,
            "{} {}: {what} after {} attempt(s): {}{}",
            self.api,
            self.operation,
            self.attempts,
            error_chain(&self.source),
            unknown_note(self.outcome, self.operation)
        )
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// No full answer within the timeout.
#[derive(Debug)]
#[non_exhaustive]
pub struct TimeoutError {
    /// The API.
    pub api: Api,
    /// The operation.
    pub operation: Operation,
    /// `NotSent` for a connect timeout, otherwise `Unknown`.
    pub outcome: Outcome,
    /// The status, if the answer had begun.
    pub status: Option<StatusCode>,
    /// The headers, if the answer had begun.
    pub headers: Option<HeaderMap>,
    /// Attempts made.
    pub attempts: u32,
    /// The underlying error.
    pub source: reqwest::Error,
}

impl fmt::Display for TimeoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}: timed out after {} attempt(s){}",
            self.api,
            self.operation,
            self.attempts,
            unknown_note(self.outcome, self.operation)
        )
    }
}

impl std::error::Error for TimeoutError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// An answer that could not be decoded.
#[non_exhaustive]
pub struct DecodeError {
    /// The API.
    pub api: Api,
    /// The operation.
    pub operation: Operation,
    /// HTTP status.
    pub status: StatusCode,
    /// Answer headers.
    pub headers: HeaderMap,
    /// Why decoding failed.
    pub reason: String,
    /// The start of the body: at most 200 characters, markup and control
    /// characters removed, the token masked. Safe to log.
    pub excerpt: String,
    /// The raw answer body (not shown by `Display` or `Debug`).
    pub body: Bytes,
    /// `Unknown` for a 2xx or 5xx answer, `Rejected` for a 4xx answer.
    pub outcome: Outcome,
    /// Attempts made.
    pub attempts: u32,
}

impl DecodeError {
    /// The SHOPLINE Admin REST API `traceId` answer header.
    pub fn trace_id(&self) -> Option<&str> {
        trace_id(&self.headers)
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}: could not decode the HTTP {} answer ({}); body starts: {:?}{}",
            self.api,
            self.operation,
            self.status.as_u16(),
            self.reason,
            self.excerpt,
            unknown_note(self.outcome, self.operation)
        )
    }
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecodeError")
            .field("api", &self.api)
            .field("operation", &self.operation)
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("reason", &self.reason)
            .field("excerpt", &self.excerpt)
            .field("body_len", &self.body.len())
            .field("outcome", &self.outcome)
            .field("attempts", &self.attempts)
            .finish()
    }
}

impl std::error::Error for DecodeError {}

/// Shows a body's length only: a store may echo request headers (the token)
/// in an error page, so `Debug` never prints answer bodies.
pub(crate) struct BodyDebug<'a>(pub(crate) &'a Bytes);

impl fmt::Debug for BodyDebug<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{} bytes>", self.0.len())
    }
}

fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(inner) = source {
        let next = inner.to_string();
        if !text.contains(&next) {
            text.push_str(": ");
            text.push_str(&next);
        }
        source = inner.source();
    }
    text
}

/// Characters kept in a body excerpt.
pub(crate) const EXCERPT_CHARS: usize = 200;

/// A short text safe to show: markup removed for HTML, control characters and
/// runs of whitespace collapsed to one space, `secret` masked, at most `max` characters.
pub(crate) fn excerpt(body: &[u8], secret: Option<&str>, max: usize) -> String {
    let text = String::from_utf8_lossy(body);
    let trimmed = text.trim_start();
    let is_html = trimmed.starts_with('<');
    let mut out = String::with_capacity(max.min(text.len()));
    let mut in_tag = false;
    let mut pending_space = false;
    for c in text.chars() {
        if is_html {
            match c {
                '<' => {
                    in_tag = true;
                    pending_space = true;
                    continue;
                }
                '>' if in_tag => {
                    in_tag = false;
                    continue;
                }
                _ if in_tag => continue,
                _ => {}
            }
        }
        if c.is_control() || c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
        // Room for masking: the secret is removed before the final cut.
        if out.len() > max * 4 + secret.map_or(0, str::len) {
            break;
        }
    }
    if let Some(secret) = secret.filter(|s| !s.is_empty()) {
        out = out.replace(secret, "***");
    }
    match out.char_indices().nth(max) {
        Some((cut, _)) => {
            out.truncate(cut);
            out.push('…');
            out
        }
        None => out,
    }
}

/// Why a client could not be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// No token was set (or it was blank).
    #[error("no access token: call .token(...) on the builder")]
    MissingToken,
    /// The token cannot be sent as an HTTP header value.
    #[error("the access token contains characters not allowed in an HTTP header")]
    InvalidToken,
    /// No base URL (Fecify site URL, or myshopline handle or base URL) was set.
    #[error("no base URL: {0}")]
    MissingBaseUrl(&'static str),
    /// The base URL is not usable.
    #[error("invalid base URL `{url}`: {reason}")]
    InvalidBaseUrl {
        /// The URL as given (without any user info).
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The user agent cannot be sent as an HTTP header value.
    #[error("invalid user agent: {0}")]
    InvalidUserAgent(String),
    /// Two settings contradict each other.
    #[error("conflicting settings: {0}")]
    Conflict(&'static str),
    /// The HTTP client could not be made.
    #[error("could not build the HTTP client: {0}")]
    Http(#[source] reqwest::Error),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_of_an_html_error_page_is_short_tagless_and_single_line() {
        let page = format!(
            "<!DOCTYPE html>\n<html><head><title>yii\\base\\ErrorException</title></head>\r\n<body>\t{}</body></html>",
            "x".repeat(1000)
        );
        let text = excerpt(page.as_bytes(), None, EXCERPT_CHARS);
        assert!(text.starts_with("yii\\base\\ErrorException x"), "{text}");
        assert!(!text.contains('<') && !text.contains('\n') && !text.contains('\t'));
        assert!(text.chars().count() <= EXCERPT_CHARS + 1);
    }

    #[test]
    fn excerpt_masks_the_token_and_strips_control_characters() {
        let body = b"{\"error\":\"bad token abc-SECRET-1\",\x07\x1b[31m \"x\": 1}";
        let text = excerpt(body, Some("abc-SECRET-1"), EXCERPT_CHARS);
        assert!(!text.contains("abc-SECRET-1"), "{text}");
        assert!(text.contains("***"));
        assert!(!text.chars().any(char::is_control), "{text:?}");
    }

    #[test]
    fn excerpt_of_invalid_utf8_does_not_panic() {
        let text = excerpt(&[0xff, 0xfe, b'o', b'k'], None, 10);
        assert!(text.ends_with("ok"));
        assert_eq!(excerpt(b"", None, 10), "");
    }

    #[test]
    fn create_with_unknown_outcome_says_so() {
        let err = ApiError {
            api: Api::Shopline,
            operation: Operation::CreateCustomer,
            status: StatusCode::INTERNAL_SERVER_ERROR,
            code: Some("INTERNAL".into()),
            message: Some("boom".into()),
            retry_after: None,
            headers: HeaderMap::new(),
            body: Bytes::new(),
            outcome: Outcome::Unknown,
            attempts: 1,
        };
        let err = Error::Api(Box::new(err));
        let text = err.to_string();
        assert!(text.contains("HTTP 500 with code INTERNAL: boom"), "{text}");
        assert!(text.contains("outcome is unknown"), "{text}");
        assert_eq!(err.outcome(), Outcome::Unknown);
        assert!(!err.is_retryable());
        assert_eq!(err.api_code(), Some("INTERNAL"));
    }
}
