//! A small scripted HTTP/1 mock server, shaped like the parts of `wiremock`
//! these tests use, built on axum and tokio (which the workspace compiles
//! anyway) and listening on 127.0.0.1 only.
//!
//! - [`MockServer::start`] binds a free loopback port; [`MockServer::uri`] and
//!   [`MockServer::address`] say where.
//! - [`Mock::given`] takes [`matchers`], `.and(..)` adds more, `.respond_with(..)`
//!   takes a [`ResponseTemplate`] or any [`Respond`], then `.expect(n)` and
//!   `.up_to_n_times(n)` are optional and `.mount(&server)` registers the mock.
//! - Every request is recorded (method, path, query, headers, body), matched or
//!   not, and [`MockServer::received_requests`] returns them in arrival order.
//! - A request is answered by the first mock, in mount order, whose matchers all
//!   match and that has not yet answered its `up_to_n_times` budget (wiremock's
//!   rule when all mocks have the same priority). No match: 404, empty body.
//! - `.expect(n)` means exactly `n` requests were answered by that mock. It is
//!   checked by [`MockServer::verify`] and when the server is dropped, which
//!   panics (unless the thread is already panicking) so a wrong count fails
//!   the test.

use std::fmt::{self, Write as _};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use axum::body::Body;
use axum::extract::State;
use axum::response::Response;
use http::header::{CONTENT_TYPE, HeaderName};
use http::{HeaderMap, HeaderValue, Method, StatusCode};
use serde::Serialize;
use serde::de::DeserializeOwned;
use tokio::task::JoinHandle;

/// One request as the server received it.
#[derive(Clone, Debug)]
pub struct Request {
    pub method: Method,
    /// The path as sent, still percent-encoded.
    pub path: String,
    pub query: Option<String>,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Request {
    /// The body parsed as JSON.
    pub fn body_json<T: DeserializeOwned>(&self) -> serde_json::Result<T> {
        serde_json::from_slice(&self.body)
    }
}

impl fmt::Display for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method, self.path)?;
        if let Some(query) = &self.query {
            write!(f, "?{query}")?;
        }
        for (name, value) in &self.headers {
            write!(f, "\n\t{name}: {value:?}")?;
        }
        write!(f, "\n\t{}", String::from_utf8_lossy(&self.body))
    }
}

/// The matchers the tests use; all those of a mock must match.
pub mod matchers {
    use super::{HeaderName, HeaderValue, Method, Request, Serialize};

    /// One condition on a request.
    #[derive(Debug)]
    pub enum Matcher {
        /// The method, exactly.
        Method(Method),
        /// The path, exactly as sent (percent-encoding included).
        Path(String),
        /// The header occurs once, with exactly this value.
        Header(HeaderName, HeaderValue),
        /// The header occurs.
        HeaderExists(HeaderName),
        /// The body parses as JSON equal to this value.
        BodyJson(serde_json::Value),
    }

    impl Matcher {
        pub(super) fn matches(&self, request: &Request) -> bool {
            match self {
                Matcher::Method(method) => request.method == method,
                Matcher::Path(path) => request.path == *path,
                Matcher::Header(name, value) => {
                    let mut values = request.headers.get_all(name).iter();
                    values.next() == Some(value) && values.next().is_none()
                }
                Matcher::HeaderExists(name) => request.headers.contains_key(name),
                Matcher::BodyJson(json) => {
                    serde_json::from_slice::<serde_json::Value>(&request.body)
                        .ok()
                        .as_ref()
                        == Some(json)
                }
            }
        }
    }

    /// The method, e.g. `"POST"` (case-insensitive).
    pub fn method(method: &str) -> Matcher {
        Matcher::Method(
            Method::from_bytes(method.to_ascii_uppercase().as_bytes()).expect("an HTTP method"),
        )
    }

    /// The path, exactly; no query.
    pub fn path(path: impl Into<String>) -> Matcher {
        let path = path.into();
        assert!(
            path.starts_with('/') && !path.contains('?'),
            "a path starts with / and has no query: {path}"
        );
        Matcher::Path(path)
    }

    /// The header occurs once with exactly this value (the name is case-insensitive).
    pub fn header(name: &str, value: &str) -> Matcher {
        Matcher::Header(
            HeaderName::from_bytes(name.as_bytes()).expect("a header name"),
            HeaderValue::from_str(value).expect("a header value"),
        )
    }

    /// The header occurs.
    pub fn header_exists(name: &str) -> Matcher {
        Matcher::HeaderExists(HeaderName::from_bytes(name.as_bytes()).expect("a header name"))
    }

    /// The body is JSON equal to `body` (key order does not matter).
    pub fn body_json(body: impl Serialize) -> Matcher {
        Matcher::BodyJson(serde_json::to_value(body).expect("a JSON value"))
    }
}

use matchers::Matcher;

/// An answer: status, headers, body, and an optional delay before it is sent.
#[derive(Clone, Debug)]
pub struct ResponseTemplate {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
    /// The `content-type` of the body; none when empty.
    mime: String,
    delay: Option<Duration>,
}

impl ResponseTemplate {
    /// An empty answer with this status.
    pub fn new(status: u16) -> Self {
        ResponseTemplate {
            status: StatusCode::from_u16(status).expect("a status code"),
            headers: HeaderMap::new(),
            body: Vec::new(),
            mime: String::new(),
            delay: None,
        }
    }

    /// Sets (replaces) a header.
    pub fn insert_header(mut self, name: &str, value: &str) -> Self {
        self.headers.insert(
            HeaderName::from_bytes(name.as_bytes()).expect("a header name"),
            HeaderValue::from_str(value).expect("a header value"),
        );
        self
    }

    /// A JSON body, `content-type: application/json`.
    pub fn set_body_json(self, body: impl Serialize) -> Self {
        let body = serde_json::to_vec(&body).expect("a JSON body");
        self.set_body_raw(body, "application/json")
    }

    /// A text body, `content-type: text/plain`.
    pub fn set_body_string(self, body: impl Into<String>) -> Self {
        self.set_body_raw(body.into(), "text/plain")
    }

    /// Any body with the given `content-type`.
    pub fn set_body_raw(mut self, body: impl Into<Vec<u8>>, mime: &str) -> Self {
        self.body = body.into();
        self.mime = mime.to_owned();
        self
    }

    /// Waits this long before answering.
    pub fn set_delay(mut self, delay: Duration) -> Self {
        self.delay = Some(delay);
        self
    }

    fn into_response(self) -> Response {
        let mut response = Response::new(Body::from(self.body));
        *response.status_mut() = self.status;
        *response.headers_mut() = self.headers;
        if !self.mime.is_empty() {
            response.headers_mut().insert(
                CONTENT_TYPE,
                HeaderValue::from_str(&self.mime).expect("a content type"),
            );
        }
        response
    }
}

/// Produces the answer to a matched request.
pub trait Respond: Send + Sync + 'static {
    fn respond(&self, request: &Request) -> ResponseTemplate;
}

impl Respond for ResponseTemplate {
    fn respond(&self, _request: &Request) -> ResponseTemplate {
        self.clone()
    }
}

/// The matchers of a mock still without an answer.
pub struct MockBuilder {
    matchers: Vec<Matcher>,
}

impl MockBuilder {
    /// One more matcher.
    pub fn and(mut self, matcher: Matcher) -> Self {
        self.matchers.push(matcher);
        self
    }

    /// How matching requests are answered.
    pub fn respond_with(self, responder: impl Respond) -> Mock {
        Mock {
            matchers: self.matchers,
            responder: Box::new(responder),
            expected: None,
            budget: None,
        }
    }
}

/// Matchers, an answer, and optional expectations.
pub struct Mock {
    matchers: Vec<Matcher>,
    responder: Box<dyn Respond>,
    expected: Option<u64>,
    budget: Option<u64>,
}

impl Mock {
    /// A mock for requests matching `matcher` (and any added with `.and`).
    pub fn given(matcher: Matcher) -> MockBuilder {
        MockBuilder {
            matchers: vec![matcher],
        }
    }

    /// Exactly `n` requests must be answered by this mock (checked on verify and drop).
    pub fn expect(mut self, n: u64) -> Self {
        self.expected = Some(n);
        self
    }

    /// After answering `n` requests this mock matches no more, and later
    /// mocks get the chance.
    pub fn up_to_n_times(mut self, n: u64) -> Self {
        self.budget = Some(n);
        self
    }

    /// Registers the mock; it comes after those mounted before.
    pub async fn mount(self, server: &MockServer) {
        server.lock().mocks.push(Mounted {
            mock: self,
            answered: 0,
        });
    }

    fn description(&self) -> String {
        self.matchers
            .iter()
            .map(|m| format!("{m:?}"))
            .collect::<Vec<_>>()
            .join(" and ")
    }
}

struct Mounted {
    mock: Mock,
    answered: u64,
}

impl Mounted {
    /// wiremock's rule: a mock whose budget is spent is skipped; a match counts.
    fn try_answer(&mut self, request: &Request) -> Option<ResponseTemplate> {
        if self.mock.budget == Some(self.answered) {
            return None;
        }
        if !self.mock.matchers.iter().all(|m| m.matches(request)) {
            return None;
        }
        self.answered += 1;
        Some(self.mock.responder.respond(request))
    }
}

#[derive(Default)]
struct Shared {
    mocks: Vec<Mounted>,
    received: Vec<Request>,
}

/// A running mock server; stops, and checks `expect`s, when dropped.
pub struct MockServer {
    address: SocketAddr,
    shared: Arc<Mutex<Shared>>,
    task: JoinHandle<()>,
}

impl MockServer {
    /// Starts a server on a free 127.0.0.1 port, in the current tokio runtime.
    pub async fn start() -> Self {
        use axum::serve::ListenerExt;

        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind a loopback port");
        let address = listener.local_addr().expect("local addr");
        let listener = listener.tap_io(|tcp| {
            let _ = tcp.set_nodelay(true);
        });
        let shared = Arc::new(Mutex::new(Shared::default()));
        let router = axum::Router::new()
            .fallback(handle)
            .with_state(shared.clone());
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, router).await;
        });
        MockServer {
            address,
            shared,
            task,
        }
    }

    /// `http://127.0.0.1:<port>`, without a trailing slash.
    pub fn uri(&self) -> String {
        format!("http://{}", self.address)
    }

    pub fn address(&self) -> &SocketAddr {
        &self.address
    }

    /// Every request received so far, matched or not, in arrival order.
    pub async fn received_requests(&self) -> Vec<Request> {
        self.lock().received.clone()
    }

    /// Panics, listing what was received, if a mock's `expect` is not met.
    pub fn verify(&self) {
        let shared = self.lock();
        let mut failures = String::new();
        for (i, mounted) in shared.mocks.iter().enumerate() {
            if let Some(expected) = mounted.mock.expected
                && expected != mounted.answered
            {
                let _ = writeln!(
                    failures,
                    "- mock #{i} ({}): expected {expected} matching requests, got {}",
                    mounted.mock.description(),
                    mounted.answered
                );
            }
        }
        if failures.is_empty() {
            return;
        }
        let mut received = String::new();
        for (i, request) in shared.received.iter().enumerate() {
            let _ = writeln!(received, "- request #{}: {request}", i + 1);
        }
        if received.is_empty() {
            received.push_str("(none)");
        }
        drop(shared);
        panic!("mock expectations failed:\n{failures}\nreceived requests:\n{received}");
    }

    fn lock(&self) -> MutexGuard<'_, Shared> {
        self.shared.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        self.task.abort();
        // A second panic while unwinding would abort the test binary.
        if !std::thread::panicking() {
            self.verify();
        }
    }
}

/// Records the request, then answers from the first mock that takes it.
async fn handle(
    State(shared): State<Arc<Mutex<Shared>>>,
    request: axum::extract::Request,
) -> Response {
    let (parts, body) = request.into_parts();
    let Ok(body) = axum::body::to_bytes(body, usize::MAX).await else {
        return plain(StatusCode::BAD_REQUEST);
    };
    let request = Request {
        method: parts.method,
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().map(str::to_owned),
        headers: parts.headers,
        body: body.to_vec(),
    };
    let template = {
        let mut shared = shared.lock().unwrap_or_else(PoisonError::into_inner);
        shared.received.push(request.clone());
        shared
            .mocks
            .iter_mut()
            .find_map(|mounted| mounted.try_answer(&request))
    };
    let Some(template) = template else {
        return plain(StatusCode::NOT_FOUND);
    };
    if let Some(delay) = template.delay {
        tokio::time::sleep(delay).await;
    }
    template.into_response()
}

fn plain(status: StatusCode) -> Response {
    let mut response = Response::new(Body::empty());
    *response.status_mut() = status;
    response
}

#[cfg(test)]
mod tests {
    //! The mock itself: precedence, budgets, and that a wrong count fails.

    use super::matchers::{body_json, header, header_exists, method, path};
    use super::*;

    async fn send(server: &MockServer, method: &str, path: &str) -> (u16, String) {
        shopspec_client::install_tls_provider();
        let response = reqwest::Client::new()
            .request(
                Method::from_bytes(method.as_bytes()).expect("method"),
                format!("{}{path}", server.uri()),
            )
            .header("x-token", "a")
            .body(r#"{"b": 1, "a": 2}"#)
            .send()
            .await
            .expect("an answer");
        let status = response.status().as_u16();
        (status, response.text().await.expect("body"))
    }

    #[tokio::test]
    async fn the_first_matching_mock_with_budget_left_answers() {
        let server = MockServer::start().await;
        Mock::given(method("post"))
            .and(path("/x"))
            .respond_with(ResponseTemplate::new(201).set_body_string("first"))
            .up_to_n_times(1)
            .expect(1)
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(header("x-token", "a"))
            .and(header_exists("content-length"))
            .and(body_json(serde_json::json!({"a": 2, "b": 1})))
            .respond_with(ResponseTemplate::new(202).set_body_string("second"))
            .expect(2)
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(203))
            .expect(0)
            .mount(&server)
            .await;

        assert_eq!(send(&server, "POST", "/x").await, (201, "first".into()));
        assert_eq!(send(&server, "POST", "/x").await, (202, "second".into()));
        assert_eq!(
            send(&server, "POST", "/y?q=1").await,
            (202, "second".into())
        );
        assert_eq!(send(&server, "PUT", "/x").await, (404, String::new()));

        let received = server.received_requests().await;
        assert_eq!(received.len(), 4, "unmatched requests are recorded too");
        assert_eq!(received[2].path, "/y");
        assert_eq!(received[2].query.as_deref(), Some("q=1"));
        assert_eq!(received[3].method, Method::PUT);
        assert_eq!(received[3].body, br#"{"b": 1, "a": 2}"#);
        server.verify();
    }

    #[tokio::test]
    #[should_panic(expected = "expected 2 matching requests, got 1")]
    async fn an_unmet_expectation_panics_when_the_server_is_dropped() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(200))
            .expect(2)
            .mount(&server)
            .await;
        assert_eq!(send(&server, "GET", "/").await.0, 200);
    }

    #[tokio::test]
    #[should_panic(expected = "expected 1 matching requests, got 0")]
    async fn a_request_that_misses_a_header_does_not_count() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(header("x-token", "b"))
            .respond_with(ResponseTemplate::new(200))
            .expect(1)
            .mount(&server)
            .await;
        assert_eq!(send(&server, "GET", "/").await.0, 404);
        server.verify();
    }
}
