//! Errors: [`SandboxError`] for starting the sandbox, and the one HTTP error type
//! that renders each vendor's error shape.

use axum::Json;
use axum::response::{IntoResponse, Response};
use http::header::{ALLOW, HeaderValue, RETRY_AFTER};
use http::{Method, StatusCode};
use serde_json::{Value, json};
use shopspec_model::{Api, Operation};
use shopspec_validate::Violation;

use crate::store::StoreError;

/// Why a sandbox could not start.
#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    /// The listen address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: std::net::SocketAddr,
        /// The OS error.
        source: std::io::Error,
    },
    /// The database could not be opened or used.
    #[error("database error: {0}")]
    Database(String),
}

impl From<StoreError> for SandboxError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Database(why) => SandboxError::Database(why),
            other => SandboxError::Database(other.to_string()),
        }
    }
}

/// Fecify `code`s for failures. The Fecify docs publish none for customers;
/// these are the codes FecShop, its open-source ancestor, actually answers
/// (spec/errata.md#E-FEC-4; the files below are at
/// <https://github.com/fecshop/yii2_fecshop/tree/2e5127995191495c2eecafb61e517b8bd68e4320>).
pub(crate) mod fecify_code {
    /// `skill-access-token` missing or invalid: FecShop's token filter answers
    /// `{code: 1100003, message: 'token is time out'}` (yii/filters/auth/AppapiQueryParamAuth.php#L32-L33).
    pub(crate) const TOKEN_TIME_OUT: i64 = 1100003;
    /// Create refused by validation: "account register data is invalid"
    /// (app/appserver/modules/Customer/controllers/RegisterController.php#L124-L132).
    pub(crate) const REGISTER_INVALID: i64 = 1100001;
    /// Update refused by validation, or of a customer that does not exist:
    /// "account edit data is invalid" / "current user is not exist"
    /// (app/appserver/modules/Customer/controllers/EditaccountController.php#L59-L65, #L98-L99).
    pub(crate) const EDIT_INVALID: i64 = 1100004;
    /// Duplicate email (邮箱重复时会创建失败): "account register fail" with
    /// `data.error` "this email is exist!" (RegisterController.php#L181-L185;
    /// FecShop's docs label 1100007 注册：邮箱已经存在).
    pub(crate) const REGISTER_FAIL: i64 = 1100007;
    /// An unreadable request: `status_invalid_param`, "incorrect request parameter"
    /// (services/helper/Appserver.php#L44).
    pub(crate) const INCORRECT_PARAMETER: i64 = 1000008;
}

/// What went wrong with a request, independent of the vendor.
#[derive(Debug)]
pub(crate) enum ErrorKind {
    /// Token missing or wrong.
    Unauthorized,
    /// SHOPLINE Open API: the mandatory `User-Agent` header is missing.
    MissingUserAgent,
    /// The validation report has errors, in this operation.
    Validation(Vec<Violation>, Operation),
    /// Another customer has this email.
    DuplicateEmail,
    /// No customer with this id.
    NotFound,
    /// The path is not one of the six operations (or an unsupported version).
    NoRoute(String),
    /// The method is not the documented one.
    MethodNotAllowed(Method),
    /// The body is not a JSON object (syntax, encoding, type).
    Malformed(String),
    /// `Content-Type` is not `application/json`.
    UnsupportedMediaType,
    /// The body is over the limit.
    PayloadTooLarge,
    /// The myshopline leaky bucket is full.
    RateLimited,
    /// An injected fault.
    Forced {
        status: StatusCode,
        retry_after: Option<u32>,
    },
    /// Something broke inside the sandbox (the database).
    Internal(String),
}

/// The one error type of every handler: an [`ErrorKind`] rendered in the shape
/// of the API that was called.
#[derive(Debug)]
pub(crate) struct ApiError {
    pub(crate) api: Api,
    pub(crate) kind: ErrorKind,
}

impl ApiError {
    pub(crate) fn new(api: Api, kind: ErrorKind) -> Self {
        ApiError { api, kind }
    }

    pub(crate) fn from_store(api: Api, e: StoreError) -> Self {
        let kind = match e {
            StoreError::DuplicateEmail => ErrorKind::DuplicateEmail,
            StoreError::NotFound => ErrorKind::NotFound,
            StoreError::Closed | StoreError::Database(_) => ErrorKind::Internal(e.to_string()),
        };
        ApiError::new(api, kind)
    }
}

fn violations_text(violations: &[Violation]) -> String {
    violations
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

fn reason(status: StatusCode) -> &'static str {
    status.canonical_reason().unwrap_or("Error")
}

/// `Too Many Requests` -> `too_many_requests`.
fn snake(status: StatusCode) -> String {
    reason(status)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect()
}

impl ApiError {
    fn render_fecify(self) -> Response {
        use fecify_code::*;
        // Failures are HTTP 200 with a non-200 `code` (spec/errata.md#E-FEC-3);
        // only injected faults use another status, since that is their point.
        let (status, code, message) = match self.kind {
            ErrorKind::Unauthorized => (
                StatusCode::OK,
                TOKEN_TIME_OUT,
                "token is time out".to_string(),
            ),
            ErrorKind::MissingUserAgent => (
                StatusCode::OK,
                INCORRECT_PARAMETER,
                "User-Agent header is required".to_string(),
            ),
            ErrorKind::Validation(v, Operation::CreateCustomer) => (
                StatusCode::OK,
                REGISTER_INVALID,
                format!("account register data is invalid | {}", violations_text(&v)),
            ),
            ErrorKind::Validation(v, Operation::UpdateCustomer) => (
                StatusCode::OK,
                EDIT_INVALID,
                format!("account edit data is invalid | {}", violations_text(&v)),
            ),
            ErrorKind::DuplicateEmail => {
                let body = json!({
                    "code": REGISTER_FAIL,
                    "data": {"error": "this email is exist!"},
                    "message": "account register fail",
                });
                return (StatusCode::OK, Json(body)).into_response();
            }
            ErrorKind::NotFound => (
                StatusCode::OK,
                EDIT_INVALID,
                "current user is not exist".to_string(),
            ),
            ErrorKind::NoRoute(what) => (StatusCode::NOT_FOUND, 404, what),
            ErrorKind::MethodNotAllowed(m) => (
                StatusCode::OK,
                INCORRECT_PARAMETER,
                format!("method {m} is not allowed, use POST"),
            ),
            ErrorKind::Malformed(why) => (
                StatusCode::OK,
                INCORRECT_PARAMETER,
                format!("incorrect request parameter | {why}"),
            ),
            ErrorKind::UnsupportedMediaType => (
                StatusCode::OK,
                INCORRECT_PARAMETER,
                "incorrect request parameter | Content-Type must be application/json".to_string(),
            ),
            ErrorKind::PayloadTooLarge => (
                StatusCode::OK,
                INCORRECT_PARAMETER,
                "incorrect request parameter | request body is larger than 1 MiB".to_string(),
            ),
            ErrorKind::RateLimited => (
                StatusCode::TOO_MANY_REQUESTS,
                429,
                "Too many request".to_string(),
            ),
            ErrorKind::Forced { status, .. } => (
                status,
                i64::from(status.as_u16()),
                reason(status).to_string(),
            ),
            ErrorKind::Internal(why) => (StatusCode::INTERNAL_SERVER_ERROR, 500, why),
        };
        let body = json!({"code": code, "data": [], "message": message});
        (status, Json(body)).into_response()
    }

    fn render_shopline(self) -> Response {
        let (status, body) = match self.kind {
            ErrorKind::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                json!({"message": "The access token is missing or invalid", "code": "unauthorized"}),
            ),
            // spec/errata.md#E-SL-12: the header is mandatory; the answer is our choice.
            ErrorKind::MissingUserAgent => (
                StatusCode::UNAUTHORIZED,
                json!({"message": "The User-Agent header is required", "code": "unauthorized"}),
            ),
            // spec/errata.md#E-SL-3: 422 with both `error` and `message` filled.
            ErrorKind::Validation(v, _) => {
                let text = violations_text(&v);
                (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    json!({
                        "message": text,
                        "code": "invalid_request",
                        "error": text,
                        "extras": {"errors": v},
                    }),
                )
            }
            ErrorKind::DuplicateEmail => {
                let text = "Email has already been taken";
                (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    json!({"message": text, "code": "email_taken", "error": text, "extras": {}}),
                )
            }
            ErrorKind::NotFound => (
                StatusCode::NOT_FOUND,
                json!({"message": "Customer not found", "code": "not_found", "extras": {}}),
            ),
            ErrorKind::NoRoute(what) => (
                StatusCode::NOT_FOUND,
                json!({"message": what, "code": "not_found", "extras": {}}),
            ),
            ErrorKind::MethodNotAllowed(m) => {
                let text = format!("Method {m} is not allowed");
                (
                    StatusCode::METHOD_NOT_ALLOWED,
                    json!({"message": text, "code": "method_not_allowed"}),
                )
            }
            ErrorKind::Malformed(why) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                json!({"message": why, "code": "invalid_request", "error": why, "extras": {}}),
            ),
            ErrorKind::UnsupportedMediaType => {
                let text = "Content-Type must be application/json";
                (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    json!({"message": text, "code": "invalid_request", "error": text, "extras": {}}),
                )
            }
            ErrorKind::PayloadTooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                json!({"message": "Request body is larger than 1 MiB", "code": "payload_too_large"}),
            ),
            ErrorKind::RateLimited => (
                StatusCode::TOO_MANY_REQUESTS,
                json!({"message": "Too many requests", "code": "too_many_requests"}),
            ),
            ErrorKind::Forced { status, .. } => (
                status,
                json!({"message": reason(status), "code": snake(status)}),
            ),
            ErrorKind::Internal(why) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                json!({"message": why, "code": "internal_server_error"}),
            ),
        };
        (status, Json(body)).into_response()
    }

    fn render_myshopline(self) -> Response {
        let (status, errors): (StatusCode, Value) = match self.kind {
            ErrorKind::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                json!(
                    "[API] Invalid API key or access token (unrecognized login or wrong password)"
                ),
            ),
            ErrorKind::MissingUserAgent => (
                StatusCode::BAD_REQUEST,
                json!("User-Agent header is required"),
            ),
            ErrorKind::Validation(v, _) => {
                (StatusCode::UNPROCESSABLE_ENTITY, json!(violations_text(&v)))
            }
            ErrorKind::DuplicateEmail => (
                StatusCode::UNPROCESSABLE_ENTITY,
                json!("customer.email: Email has already been taken"),
            ),
            ErrorKind::NotFound => (StatusCode::NOT_FOUND, json!("Customer does not exist")),
            ErrorKind::NoRoute(what) => (StatusCode::NOT_FOUND, json!(what)),
            ErrorKind::MethodNotAllowed(m) => (
                StatusCode::METHOD_NOT_ALLOWED,
                json!(format!("Method {m} is not allowed")),
            ),
            // Documented 400: "syntax error, Content-Type not application/json, or
            // wrong parameter type" (https://developer.shopline.com/docs/apps/api-instructions-for-use/http-status-code).
            ErrorKind::Malformed(why) => (StatusCode::BAD_REQUEST, json!(why)),
            ErrorKind::UnsupportedMediaType => (
                StatusCode::BAD_REQUEST,
                json!("Content-Type must be application/json; charset=utf-8"),
            ),
            ErrorKind::PayloadTooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                json!("Request body is larger than 1 MiB"),
            ),
            // Documented body: {"errors":"Too many request"} (spec/errata.md#E-MSL-11).
            ErrorKind::RateLimited => (StatusCode::TOO_MANY_REQUESTS, json!("Too many request")),
            ErrorKind::Forced { status, .. } if status == StatusCode::TOO_MANY_REQUESTS => {
                (status, json!("Too many request"))
            }
            ErrorKind::Forced { status, .. } => (status, json!(reason(status))),
            ErrorKind::Internal(why) => (StatusCode::INTERNAL_SERVER_ERROR, json!(why)),
        };
        (status, Json(json!({ "errors": errors }))).into_response()
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let ErrorKind::Internal(why) = &self.kind {
            tracing::error!(api = %self.api, error = %why, "internal error");
        }
        let retry_after = match &self.kind {
            ErrorKind::Forced { retry_after, .. } => *retry_after,
            _ => None,
        };
        let allow = matches!(self.kind, ErrorKind::MethodNotAllowed(_));
        let api = self.api;
        let mut response = match api {
            Api::Fecify => self.render_fecify(),
            Api::Shopline => self.render_shopline(),
            Api::Myshopline => self.render_myshopline(),
        };
        if let Some(seconds) = retry_after {
            response
                .headers_mut()
                .insert(RETRY_AFTER, HeaderValue::from(seconds));
        }
        if allow && api != Api::Fecify {
            let method = match api {
                Api::Shopline | Api::Myshopline => "POST, PUT",
                Api::Fecify => "POST",
            };
            response
                .headers_mut()
                .insert(ALLOW, HeaderValue::from_static(method));
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::to_bytes;

    async fn body(r: Response) -> (StatusCode, Value) {
        let status = r.status();
        let bytes = to_bytes(r.into_body(), usize::MAX).await.unwrap();
        (status, serde_json::from_slice(&bytes).unwrap())
    }

    #[tokio::test]
    async fn fecify_failures_are_http_200_envelopes() {
        let (s, b) =
            body(ApiError::new(Api::Fecify, ErrorKind::Unauthorized).into_response()).await;
        assert_eq!(s, StatusCode::OK);
        // FecShop's token filter (E-FEC-4).
        assert_eq!(b["code"], json!(1100003));
        assert_eq!(b["data"], json!([]));
        assert_eq!(b["message"], json!("token is time out"));
        let (_, b) =
            body(ApiError::new(Api::Fecify, ErrorKind::DuplicateEmail).into_response()).await;
        assert_eq!(b["code"], json!(1100007));
        assert_eq!(b["data"]["error"], json!("this email is exist!"));
    }

    #[tokio::test]
    async fn myshopline_forced_429_uses_documented_body_and_optional_retry_after() {
        let r = ApiError::new(
            Api::Myshopline,
            ErrorKind::Forced {
                status: StatusCode::TOO_MANY_REQUESTS,
                retry_after: Some(1),
            },
        )
        .into_response();
        assert_eq!(r.headers()[RETRY_AFTER], "1");
        let (s, b) = body(r).await;
        assert_eq!(s, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(b, json!({"errors": "Too many request"}));
        let plain = ApiError::new(Api::Myshopline, ErrorKind::RateLimited).into_response();
        assert!(plain.headers().get(RETRY_AFTER).is_none());
    }

    #[tokio::test]
    async fn shopline_forced_status_has_message_and_code() {
        let r = ApiError::new(
            Api::Shopline,
            ErrorKind::Forced {
                status: StatusCode::SERVICE_UNAVAILABLE,
                retry_after: None,
            },
        )
        .into_response();
        let (s, b) = body(r).await;
        assert_eq!(s, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(
            b,
            json!({"message": "Service Unavailable", "code": "service_unavailable"})
        );
    }
}
