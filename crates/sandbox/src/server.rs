//! The axum application: one router for the six operations, the shared state,
//! the handlers and the request-log middleware.

use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::rejection::{BytesRejection, PathRejection};
use axum::extract::{DefaultBodyLimit, FromRequest, Path, Query, Request, State};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use http::header::{AUTHORIZATION, CONTENT_TYPE, HeaderName, HeaderValue, USER_AGENT};
use http::{HeaderMap, Method, StatusCode, Uri};
use serde_json::{Map, Value};
use shopspec_model::myshopline::ApiVersion;
use shopspec_model::{Api, Operation, fecify as fecify_model};
use shopspec_validate::{Target, validate_value};

use crate::auth::Tokens;
use crate::error::{ApiError, ErrorKind};
use crate::faults::Faults;
use crate::stats::Counters;
use crate::store::Store;
use crate::{fecify, fields, myshopline, shopline};

/// Largest request body accepted: 1 MiB.
pub(crate) const BODY_LIMIT: usize = 1024 * 1024;

/// The response header myshopline puts on every answer ("traceId"; HTTP header
/// names are case-insensitive, and the http crate stores them in lower case).
static TRACE_ID: HeaderName = HeaderName::from_static("traceid");

/// State shared by every handler.
#[derive(Debug)]
pub(crate) struct AppState {
    pub(crate) tokens: Tokens,
    pub(crate) store: Store,
    pub(crate) faults: Faults,
    pub(crate) counters: Counters,
    pub(crate) shop_id: i64,
}

pub(crate) type Shared = Arc<AppState>;

/// Which operation a response answered; read by the log middleware.
#[derive(Debug, Clone, Copy)]
struct Handled {
    api: Api,
    op: Operation,
}

/// Builds the router of the whole sandbox.
pub(crate) fn router(state: Shared) -> Router {
    Router::new()
        .route("/v1/customers", any(shopline_create))
        .route("/v1/customers/{id}", any(shopline_update))
        .route(
            "/admin/openapi/{version}/customers.json",
            any(myshopline_create),
        )
        .route(
            "/admin/openapi/{version}/customers/{file}",
            any(myshopline_update),
        )
        // Fecify lives under any site prefix; axum wildcards match only at the
        // end, so it is routed by suffix here.
        .fallback(fallback)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn(log_request))
        .with_state(state)
}

/// What one request asks for, once routed.
#[derive(Debug, Clone)]
struct Call {
    api: Api,
    op: Operation,
    version: ApiVersion,
    /// The path id (SHOPLINE, myshopline update).
    id: Option<String>,
}

impl Call {
    fn new(api: Api, op: Operation) -> Self {
        Call {
            api,
            op,
            version: ApiVersion::LATEST_STABLE,
            id: None,
        }
    }

    fn documented_method(&self) -> Method {
        match (self.api, self.op) {
            (Api::Shopline | Api::Myshopline, Operation::UpdateCustomer) => Method::PUT,
            _ => Method::POST,
        }
    }
}

/// The parts of a request the operations use. An extractor that never rejects:
/// a body that cannot be read (too large, broken stream) is kept as the
/// rejection, so the operation answers it in its vendor's error shape.
struct Incoming {
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
}

impl<S: Send + Sync> FromRequest<S> for Incoming {
    type Rejection = std::convert::Infallible;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let method = req.method().clone();
        let uri = req.uri().clone();
        let headers = req.headers().clone();
        // The same request goes on to `Bytes`, so `DefaultBodyLimit` still applies.
        let body = Bytes::from_request(req, state).await;
        Ok(Incoming {
            method,
            uri,
            headers,
            body,
        })
    }
}

async fn shopline_create(State(state): State<Shared>, req: Incoming) -> Response {
    let call = Call::new(Api::Shopline, Operation::CreateCustomer);
    serve(&state, call, req).await
}

async fn shopline_update(
    State(state): State<Shared>,
    path: Result<Path<String>, PathRejection>,
    req: Incoming,
) -> Response {
    let mut call = Call::new(Api::Shopline, Operation::UpdateCustomer);
    // An id that does not decode is an id no customer has.
    call.id = Some(path.map(|Path(id)| id).unwrap_or_default());
    serve(&state, call, req).await
}

/// The API version of a myshopline path, or the error for an unknown one.
fn myshopline_version(raw: &str) -> Result<ApiVersion, ApiError> {
    raw.parse::<ApiVersion>()
        .ok()
        .filter(|v| v.is_supported())
        .ok_or_else(|| {
            let supported: Vec<String> = ApiVersion::SUPPORTED
                .iter()
                .map(|v| v.to_string())
                .collect();
            ApiError::new(
                Api::Myshopline,
                ErrorKind::NoRoute(format!(
                    "API version {raw} is not supported (supported: {})",
                    supported.join(", ")
                )),
            )
        })
}

async fn myshopline_create(
    State(state): State<Shared>,
    Path(version): Path<String>,
    req: Incoming,
) -> Response {
    let mut call = Call::new(Api::Myshopline, Operation::CreateCustomer);
    match myshopline_version(&version) {
        Ok(v) => call.version = v,
        Err(e) => return e.into_response(),
    }
    serve(&state, call, req).await
}

async fn myshopline_update(
    State(state): State<Shared>,
    Path((version, file)): Path<(String, String)>,
    req: Incoming,
) -> Response {
    let mut call = Call::new(Api::Myshopline, Operation::UpdateCustomer);
    match myshopline_version(&version) {
        Ok(v) => call.version = v,
        Err(e) => return e.into_response(),
    }
    let Some(id) = file.strip_suffix(".json") else {
        return ApiError::new(
            Api::Myshopline,
            ErrorKind::NoRoute(format!("no endpoint at {}", req.uri.path())),
        )
        .into_response();
    };
    call.id = Some(id.to_owned());
    serve(&state, call, req).await
}

async fn fallback(State(state): State<Shared>, req: Incoming) -> Response {
    let path = req.uri.path();
    let op = if path.ends_with(fecify_model::CREATE_CUSTOMER_PATH) {
        Some(Operation::CreateCustomer)
    } else if path.ends_with(fecify_model::UPDATE_CUSTOMER_PATH) {
        Some(Operation::UpdateCustomer)
    } else {
        None
    };
    if let Some(op) = op {
        let call = Call::new(Api::Fecify, op);
        return serve(&state, call, req).await;
    }
    // Not an operation: answer in the shape of the API the path looks like.
    let path = req.uri.path();
    let api = if path.starts_with("/admin/openapi/") {
        Api::Myshopline
    } else if path.contains("/api/skill/") {
        Api::Fecify
    } else {
        Api::Shopline
    };
    ApiError::new(api, ErrorKind::NoRoute(format!("no endpoint at {path}"))).into_response()
}

async fn serve(state: &AppState, call: Call, req: Incoming) -> Response {
    let (api, op) = (call.api, call.op);
    state.counters.request(api, op);
    let mut response = match process(state, call, req).await {
        Ok(response) => {
            state.counters.success(api, op);
            response
        }
        Err(e) => e.into_response(),
    };
    response.extensions_mut().insert(Handled { api, op });
    response
}

async fn process(state: &AppState, call: Call, req: Incoming) -> Result<Response, ApiError> {
    let api = call.api;
    let err = |kind| ApiError::new(api, kind);

    let latency = state.faults.latency();
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    if req.method != call.documented_method() {
        return Err(err(ErrorKind::MethodNotAllowed(req.method)));
    }
    let token = state
        .tokens
        .authenticate(api, presented_token(api, &req.headers))
        .ok_or_else(|| err(ErrorKind::Unauthorized))?;
    if api == Api::Shopline && !has_user_agent(&req.headers) {
        // "It's a must-have Shopline OpenAPI header value" (spec/errata.md#E-SL-12).
        return Err(err(ErrorKind::MissingUserAgent));
    }
    if !state.tokens.admit(token) {
        return Err(err(ErrorKind::RateLimited));
    }
    if let Some((status, retry_after)) = state.faults.take_status(api, call.op) {
        return Err(err(ErrorKind::Forced {
            status,
            retry_after,
        }));
    }
    if !is_json(&req.headers) {
        return Err(err(ErrorKind::UnsupportedMediaType));
    }
    let bytes = req.body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            err(ErrorKind::PayloadTooLarge)
        } else {
            err(ErrorKind::Malformed(format!(
                "cannot read the request body: {rejection}"
            )))
        }
    })?;
    let value: Value = serde_json::from_slice(&bytes).map_err(|e| {
        err(ErrorKind::Malformed(format!(
            "the body is not valid JSON: {e}"
        )))
    })?;
    if !value.is_object() {
        return Err(err(ErrorKind::Malformed(
            "the body must be a JSON object".into(),
        )));
    }
    let mut value = value;
    if api == Api::Myshopline {
        myshopline::drop_empty_consents(&mut value);
    }
    let target = Target::new(api, call.op).with_version(call.version);
    // A bug in a rule must answer 500, not drop the connection.
    let report = std::panic::catch_unwind(|| validate_value(target, &value))
        .map_err(|_| err(ErrorKind::Internal("the validator failed".into())))?;
    let refused = refused(report);
    if !refused.is_empty() {
        return Err(err(ErrorKind::Validation(refused, call.op)));
    }
    fields::normalise_integers(&mut value);
    let body = fields::into_map(value);
    let answer = execute(state, &call, body).await?;

    if state.faults.take_drop(api, call.op) {
        return Ok(dropped_connection());
    }
    let mut answer = answer;
    if api == Api::Shopline
        && let Value::Object(customer) = &mut answer
        && let Ok(Query(query)) = Query::<Vec<(String, String)>>::try_from_uri(&req.uri)
    {
        shopline::filter(customer, &query);
    }
    Ok((StatusCode::OK, axum::Json(answer)).into_response())
}

/// What the sandbox refuses: every broken documented rule (an error), and the
/// inferred rules whose breach no store could keep as sent (an integer beyond
/// 64 bits, a date that does not exist, a value outside its type or range, a
/// field outside the parameter list, a limit from another operation or version
/// of the same vendor). Inferred rules from the ancestor or a third party, and
/// readings the docs leave open, are accepted as a lenient store would
/// (spec/errata.md E-FEC-11, E-SL-18, E-MSL-19).
fn refused(report: shopspec_validate::Report) -> Vec<shopspec_validate::Violation> {
    use shopspec_validate::{Rule, Severity};
    let third_party = |source: &str| {
        ["github.com/fecshop/", "github.com/fecmall/", "nango.dev/"]
            .iter()
            .any(|host| source.contains(host))
    };
    let mut refused = report.errors;
    refused.extend(report.warnings.into_iter().filter(|v| {
        debug_assert_eq!(v.severity, Severity::Warning);
        match v.rule {
            // An empty name or email is refused, as FecShop refuses it (E-FEC-16).
            Rule::Deprecated | Rule::RequiredWith => false,
            // A field the docs disagree on (SHOPLINE `name`) may be missing; a
            // body without its `customer` has no customer to create.
            Rule::Required => v.pointer == "/customer",
            // No limit: a field only newer API versions document.
            Rule::UnknownField => v.has_limit(),
            Rule::MaxLength => !third_party(&v.source),
            Rule::Format => !matches!(
                v.limit().as_ref().and_then(serde_json::Value::as_str),
                Some("email" | "no comma" | "no empty or padded tags" | "year 19xx or 20xx")
            ),
            _ => true,
        }
    }));
    refused
}

/// Runs the operation against the store and renders the success answer.
async fn execute(
    state: &AppState,
    call: &Call,
    body: Map<String, Value>,
) -> Result<Value, ApiError> {
    let api = call.api;
    let store_err = |e| ApiError::from_store(api, e);
    match (api, call.op) {
        (Api::Fecify, Operation::CreateCustomer) => {
            let build = fecify::build(body, state.shop_id, fields::fecify_now());
            let doc = state.store.create(api, build).await.map_err(store_err)?;
            Ok(fecify::render_create(&doc))
        }
        (Api::Fecify, Operation::UpdateCustomer) => {
            // Without an integer id there is no such customer (validation reports
            // the type first).
            let id = body
                .get("id")
                .and_then(Value::as_i64)
                .ok_or_else(|| ApiError::new(api, ErrorKind::NotFound))?;
            let now = fields::fecify_now();
            let doc = state
                .store
                .update(api, id.to_string(), move |doc, _| {
                    fecify::apply_update(doc, body, now);
                    Ok(())
                })
                .await
                .map_err(store_err)?;
            Ok(fecify::render_update(&doc))
        }
        (Api::Shopline, Operation::CreateCustomer) => {
            let build = shopline::build(body, fields::shopline_now());
            let doc = state.store.create(api, build).await.map_err(store_err)?;
            Ok(Value::Object(shopline::render(&doc)))
        }
        (Api::Shopline, Operation::UpdateCustomer) => {
            let id = call.id.clone().unwrap_or_default();
            let now = fields::shopline_now();
            let doc = state
                .store
                .update(api, id, move |doc, _| {
                    shopline::apply_update(doc, body, now);
                    Ok(())
                })
                .await
                .map_err(store_err)?;
            Ok(Value::Object(shopline::render(&doc)))
        }
        (Api::Myshopline, Operation::CreateCustomer) => {
            let customer = myshopline::customer_of(body);
            let build = myshopline::build(customer, call.version, fields::myshopline_now());
            let doc = state.store.create(api, build).await.map_err(store_err)?;
            Ok(myshopline::render(&doc, call.version, call.op))
        }
        (Api::Myshopline, Operation::UpdateCustomer) => {
            let id = call.id.clone().unwrap_or_default();
            let customer = myshopline::customer_of(body);
            let (version, now) = (call.version, fields::myshopline_now());
            let doc = state
                .store
                .update(api, id, move |doc, ids| {
                    myshopline::apply_update(doc, customer, version, now, ids)
                })
                .await
                .map_err(store_err)?;
            Ok(myshopline::render(&doc, call.version, call.op))
        }
    }
}

/// The token the request presents for `api`, if any.
fn presented_token(api: Api, headers: &HeaderMap) -> Option<&[u8]> {
    match api {
        Api::Fecify => headers
            .get(fecify_model::TOKEN_HEADER)
            .map(HeaderValue::as_bytes),
        // "Authorization: Bearer <token>"; the scheme is case-insensitive (RFC 9110
        // §11.1), and "Bearar" from the guides is not accepted (spec/errata.md#E-SL-13).
        Api::Shopline | Api::Myshopline => {
            let value = headers.get(AUTHORIZATION)?.as_bytes();
            let (scheme, rest) = value.split_at_checked(7)?;
            scheme
                .eq_ignore_ascii_case(b"bearer ")
                .then(|| rest.trim_ascii())
        }
    }
}

fn has_user_agent(headers: &HeaderMap) -> bool {
    headers
        .get(USER_AGENT)
        .is_some_and(|v| !v.as_bytes().trim_ascii().is_empty())
}

/// `application/json`, with or without `; charset=utf-8` (spec/errata.md#E-MSL-15).
fn is_json(headers: &HeaderMap) -> bool {
    let Some(value) = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let mut parts = value.split(';').map(str::trim);
    let media_type_ok = parts
        .next()
        .is_some_and(|m| m.eq_ignore_ascii_case("application/json"));
    let charset_ok = parts.all(|param| match param.split_once('=') {
        Some((name, charset)) if name.trim().eq_ignore_ascii_case("charset") => {
            let charset = charset.trim().trim_matches('"');
            charset.eq_ignore_ascii_case("utf-8") || charset.eq_ignore_ascii_case("utf8")
        }
        _ => true,
    });
    media_type_ok && charset_ok
}

/// Marks a response whose connection is closed without an answer.
#[derive(Debug, Clone, Copy)]
struct Dropped;

/// A response that makes hyper close the connection before anything is sent:
/// the body fails on its first poll, so no status line ever leaves the server.
fn dropped_connection() -> Response {
    let stream = futures::stream::once(async {
        Err::<Bytes, std::io::Error>(std::io::Error::other(
            "connection dropped by an injected fault",
        ))
    });
    let mut response = Response::new(Body::from_stream(stream));
    response.extensions_mut().insert(Dropped);
    response
}

fn new_trace_id() -> String {
    format!("{:032x}", rand::random::<u128>())
}

/// One log line per request (never a header, so never a token), and the myshopline
/// `traceId` header on every answer under `/admin/openapi/`.
async fn log_request(req: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let trace_id = path.starts_with("/admin/openapi/").then(new_trace_id);
    let mut response = next.run(req).await;
    if let Some(t) = &trace_id
        && let Ok(value) = HeaderValue::from_str(t)
    {
        response.headers_mut().insert(TRACE_ID.clone(), value);
    }
    let handled = response.extensions().get::<Handled>().copied();
    let dropped = response.extensions().get::<Dropped>().is_some();
    tracing::info!(
        target: "shopspec_sandbox::request",
        method = %method,
        path = %path,
        status = response.status().as_u16(),
        elapsed_ms = start.elapsed().as_secs_f64() * 1000.0,
        api = %handled.map_or("-", |h| h.api.as_str()),
        op = %handled.map_or("-", |h| h.op.as_str()),
        trace_id = %trace_id.as_deref().unwrap_or("-"),
        dropped,
        "request"
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn content_types() {
        assert!(is_json(&headers(&[("content-type", "application/json")])));
        assert!(is_json(&headers(&[(
            "content-type",
            "application/json; charset=utf-8"
        )])));
        assert!(is_json(&headers(&[(
            "content-type",
            "Application/JSON;charset=\"UTF-8\""
        )])));
        assert!(!is_json(&headers(&[("content-type", "text/plain")])));
        assert!(!is_json(&headers(&[(
            "content-type",
            "application/json; charset=latin1"
        )])));
        assert!(!is_json(&HeaderMap::new()));
    }

    #[test]
    fn bearer_tokens() {
        let h = headers(&[("authorization", "Bearer abc")]);
        assert_eq!(presented_token(Api::Shopline, &h), Some(&b"abc"[..]));
        let h = headers(&[("authorization", "bearer abc")]);
        assert_eq!(presented_token(Api::Myshopline, &h), Some(&b"abc"[..]));
        let h = headers(&[("authorization", "Bearar abc")]);
        assert_eq!(presented_token(Api::Shopline, &h), None);
        let h = headers(&[("authorization", "Bear")]);
        assert_eq!(presented_token(Api::Shopline, &h), None);
        let h = headers(&[("skill-access-token", "t")]);
        assert_eq!(presented_token(Api::Fecify, &h), Some(&b"t"[..]));
    }
}
