//! Pre-flight validation of customer requests against every documented field
//! constraint of the Fecify skill API, the SHOPLINE Open API and the SHOPLINE
//! Admin REST API.
//!
//! Call it before you send a request: a [`Report`] lists every broken rule, each
//! with its JSON pointer, a stable rule id, the limit, a sentence a person
//! understands, the vendor's own words it rests on and where to read them.
//!
//! ```
//! use serde_json::json;
//! use shopspec_validate::{validate_value, Api, Operation, Rule, Target};
//!
//! // Fecify's update endpoint cannot change `email`: the update page says so.
//! let payload = json!({"id": 574, "first_name": "yunlong", "email": "new@example.com"});
//! let report = validate_value(Target::new(Api::Fecify, Operation::UpdateCustomer), &payload);
//!
//! assert!(!report.is_valid());
//! let error = &report.errors[0];
//! assert_eq!(error.rule, Rule::NotUpdatable);
//! assert_eq!(error.pointer, "/email");
//! assert_eq!(
//!     error.source,
//!     "https://www.fecify.com/doc-3/cn-1.0/fecify-skill-api-customer-update.html"
//! );
//! assert_eq!(error.quote, "emailstatus 不可通过此接口修改");
//! assert_eq!(error.strength, shopspec_validate::Strength::Documented);
//! println!("{error}"); // /email: `email` cannot be changed by this operation; ... [not_updatable] (source: ...)
//! ```
//!
//! Typed requests of `shopspec-model` go through [`validate_request`]; raw text
//! through [`validate_str`] / [`validate_slice`] (a syntax error is a
//! [`ParseError`] with line and column).
//!
//! Raw text is checked while it is parsed, without building a tree; only a
//! payload on which a rule fires is parsed into a `serde_json::Value` for the
//! report. For a yes/no answer, [`is_valid`] (a tree) and [`is_valid_slice`]
//! (text) stop at the first error; [`findings`] lists the report's violations
//! (pointer, rule, severity, source) without formatting their messages;
//! [`validate_slice_if_invalid`] builds a report only for an invalid payload,
//! and [`JsonLines`] validates a JSON Lines stream on several threads with its
//! output in line order.
//!
//! # Rules
//!
//! Rule ids ([`Rule`]) are stable: `type`, `required`, `one_of_required`,
//! `required_with`, `mutually_exclusive`, `enum`, `max_length`, `min_length`,
//! `max_items`, `format`, `range`, `integer_range`, `unknown_field`, `not_updatable`,
//! `deprecated`.
//! [`catalogue`] lists every rule of a target with its pointer template, limit and
//! [`Evidence`]; the engine is driven by the same tables, so the list is
//! complete. In short:
//!
//! * **fecify create**: `email`, `first_name`, `last_name` required strings;
//!   `accepts_marketing`/`payafteruse_status` in {1, 2}; undocumented fields are errors.
//! * **fecify update**: `id` required integer; `customervip_id` an integer or `""`;
//!   `email` and `status` are `not_updatable`; `numberCode` is create's name
//!   (update calls it `phone_prefix`); `null` is a type error.
//! * **shopline create/update**: email or mobile phone required (create);
//!   calling codes required with the phones; `gender`, `created_by`,
//!   `notification_types` enums; `birthday` a real `YYYY-MM-DD` date, never with
//!   `birth_year/month/day`; at most 5 `delivery_addresses`; booleans are booleans
//!   (`"true"` is a type error); `is_member` can only be `true` on update.
//! * **myshopline**: body `{"customer": {...}}`; lengths per API version
//!   (`first_name` 128, `email` 50, `phone` 20, `note` 1000, tags 100 × 100/128
//!   characters, 1000 in all, ...); `birthday` a real `yyyyMMdd` date; `gender`
//!   0-3; at most 50 addresses; email or phone required on create.
//! * **every integer field**: an integer a signed 64-bit store keeps exactly
//!   (`integer_range`, a warning; written as a float, only below 2^53). No API
//!   documents a bound: spec/errata.md E-FEC-15, E-SL-23, E-MSL-24.
//!
//! # Errors, warnings and evidence
//!
//! Every rule rests on [`Evidence`]: the vendor's sentence (quoted verbatim),
//! where a user reads it (a page URL or a repository file at a commit), the
//! operation and version it is about, and a [`Strength`]. Only a
//! **documented** rule, one the vendor states for this operation and version,
//! is an **error**: the store is expected to reject the request (or silently
//! drop a field), and [`Report::is_valid`] is `false`. An **inferred** rule
//! (from meaning, another operation or version, FecShop, a third party, or a
//! decision in spec/errata.md) is a **warning**, and its message ends with why;
//! so are deprecations (myshopline, from v20250601) and undocumented fields
//! (E-CHK-9).
//!
//! # Test generators
//!
//! With the `proptest` feature, the `testing` module (documented when
//! the feature is on) offers proptest strategies built from the same tables:
//! valid payloads per target and single-rule mutations with the rule id and
//! pointer the validator must report.
//!
//! # API versions
//!
//! Only myshopline is versioned. [`Target::new`] uses
//! [`ApiVersion::LATEST_STABLE`] (v20260301); v20220901 and v20251201 are also
//! supported ([`ApiVersion::SUPPORTED`]). Any other version yields one `enum`
//! error at pointer `""` naming the supported versions.

mod bulk;
mod catalogue;
mod engine;
mod evidence;
mod json;
mod message;
mod report;
mod scan;
mod tables;
#[cfg(feature = "proptest")]
pub mod testing;

use std::fmt;

pub use bulk::{JsonLines, LineOutcome, Summary};
pub use catalogue::RuleEntry;
pub use evidence::{About, Evidence, Strength};
pub use report::{Finding, Findings, Limit, Report, Rule, Severity, Violation};
pub use shopspec_model::myshopline::ApiVersion;
pub use shopspec_model::{Api, Operation};

use serde::Serialize;
use serde_json::Value;
use shopspec_model::{fecify, myshopline, shopline};

/// What a payload is checked against: an API, an operation and, for
/// `myshopline`, the API version (ignored by the other APIs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Target {
    /// The API.
    pub api: Api,
    /// The operation.
    pub operation: Operation,
    /// The myshopline API version; [`ApiVersion::LATEST_STABLE`] by default.
    pub version: ApiVersion,
}

impl Target {
    /// A target with the default (newest supported stable) API version.
    pub fn new(api: Api, operation: Operation) -> Self {
        Target {
            api,
            operation,
            version: ApiVersion::LATEST_STABLE,
        }
    }

    /// The same target for another myshopline API version.
    pub fn with_version(self, version: ApiVersion) -> Self {
        Target { version, ..self }
    }

    /// `true` unless this is a myshopline target with a version whose rules are unknown.
    pub fn is_supported(&self) -> bool {
        self.api != Api::Myshopline || self.version.is_supported()
    }

    /// Every supported target: the six operations, myshopline once per supported version.
    pub fn all() -> Vec<Target> {
        let mut out = Vec::new();
        for api in Api::ALL {
            for operation in Operation::ALL {
                let target = Target::new(api, operation);
                if api == Api::Myshopline {
                    out.extend(
                        ApiVersion::SUPPORTED
                            .iter()
                            .map(|v| target.with_version(*v)),
                    );
                } else {
                    out.push(target);
                }
            }
        }
        out
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.api, self.operation)?;
        if self.api == Api::Myshopline {
            write!(f, " {}", self.version)?;
        }
        Ok(())
    }
}

/// Checks a raw JSON payload (which may not even deserialise into the typed
/// request) against every documented rule of `target`.
pub fn validate_value(target: Target, payload: &Value) -> Report {
    engine::validate(target.api, target.operation, target.version, payload)
}

/// The violations [`validate_value`] reports, in the same order, without
/// their messages and limits: every broken rule with its pointer, rule id,
/// severity and source, for a fraction of the cost of the sentences.
///
/// ```
/// use serde_json::json;
/// use shopspec_validate::{findings, validate_value, Api, Operation, Rule, Target};
///
/// let target = Target::new(Api::Shopline, Operation::CreateCustomer);
/// let payload = json!({"email": "ann@example.com", "gender": "f", "is_member": "true"});
/// let found = findings(target, &payload);
/// assert!(found.has_error(Rule::Enum, "/gender"));
/// assert!(found.has_error(Rule::Type, "/is_member"));
/// // The same violations as the full report, in the same order.
/// let report = validate_value(target, &payload);
/// assert!(found.errors.iter().zip(&report.errors).all(|(f, v)| f.matches(v)));
/// ```
pub fn findings(target: Target, payload: &Value) -> Findings {
    engine::findings(target.api, target.operation, target.version, payload)
}

/// `true` when `payload` breaks no documented rule of `target` (warnings
/// allowed): the same verdict as `validate_value(target, payload).is_valid()`,
/// but it stops at the first error and builds no report.
pub fn is_valid(target: Target, payload: &Value) -> bool {
    engine::is_valid(target.api, target.operation, target.version, payload)
}

/// `true` when `bytes` is a JSON payload that breaks no documented rule of
/// `target`: the verdict of [`validate_slice`], without building a report.
pub fn is_valid_slice(target: Target, bytes: &[u8]) -> Result<bool, ParseError> {
    validate_slice_if_invalid(target, bytes).map(|r| r.is_none())
}

/// The report of an invalid payload, `None` for a valid one: the verdict of
/// [`validate_slice`], but a valid payload is checked without building a tree
/// and without looking for warnings (what a bulk check of clean data wants).
///
/// ```
/// use shopspec_validate::{validate_slice_if_invalid, Api, Operation, Rule, Target};
///
/// let target = Target::new(Api::Shopline, Operation::UpdateCustomer);
/// assert_eq!(validate_slice_if_invalid(target, br#"{"gender": "female"}"#), Ok(None));
/// let report = validate_slice_if_invalid(target, br#"{"gender": "f"}"#).unwrap().unwrap();
/// assert!(report.has_error(Rule::Enum, "/gender"));
/// ```
pub fn validate_slice_if_invalid(
    target: Target,
    bytes: &[u8],
) -> Result<Option<Report>, ParseError> {
    Ok(engine::invalid_slice(
        target.api,
        target.operation,
        target.version,
        bytes,
    )?)
}

/// A payload that is not JSON: where and why parsing stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// 1-based line of the error (0 when unknown, e.g. an I/O error).
    pub line: usize,
    /// 1-based column of the error (0 when unknown).
    pub column: usize,
    /// What went wrong, as serde_json says it.
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid JSON at line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

impl std::error::Error for ParseError {}

impl From<serde_json::Error> for ParseError {
    fn from(e: serde_json::Error) -> Self {
        // serde_json's Display appends " at line L column C"; keep the bare reason.
        let text = e.to_string();
        let message = match text.rfind(" at line ") {
            Some(i) => text[..i].to_owned(),
            None => text,
        };
        ParseError {
            line: e.line(),
            column: e.column(),
            message,
        }
    }
}

/// Parses `bytes` as JSON and validates it against `target`.
pub fn validate_slice(target: Target, bytes: &[u8]) -> Result<Report, ParseError> {
    Ok(engine::validate_slice(
        target.api,
        target.operation,
        target.version,
        bytes,
    )?)
}

/// Parses `text` as JSON and validates it against `target`.
pub fn validate_str(target: Target, text: &str) -> Result<Report, ParseError> {
    validate_slice(target, text.as_bytes())
}

/// A typed request body of `shopspec-model`, which knows its API and operation.
pub trait Request: Serialize {
    /// The API this body is sent to.
    const API: Api;
    /// The operation this body is for.
    const OPERATION: Operation;
}

macro_rules! request {
    ($ty:ty, $api:expr, $op:expr) => {
        impl Request for $ty {
            const API: Api = $api;
            const OPERATION: Operation = $op;
        }
    };
}

request!(
    fecify::CreateCustomerRequest,
    Api::Fecify,
    Operation::CreateCustomer
);
request!(
    fecify::UpdateCustomerRequest,
    Api::Fecify,
    Operation::UpdateCustomer
);
request!(
    shopline::CreateCustomerRequest,
    Api::Shopline,
    Operation::CreateCustomer
);
request!(
    shopline::UpdateCustomerRequest,
    Api::Shopline,
    Operation::UpdateCustomer
);
request!(
    myshopline::CreateCustomerRequest,
    Api::Myshopline,
    Operation::CreateCustomer
);
request!(
    myshopline::UpdateCustomerRequest,
    Api::Myshopline,
    Operation::UpdateCustomer
);

/// Validates a typed request: serialises it, then applies the same rules as
/// [`validate_value`]. `version` only matters for myshopline requests.
///
/// ```
/// use shopspec_model::{myshopline, Patch};
/// use shopspec_validate::{validate_request, ApiVersion, Rule};
///
/// let update = myshopline::UpdateCustomerRequest::from(myshopline::CustomerUpdateInput {
///     first_name: Patch::Value("x".repeat(130)),
///     ..Default::default()
/// });
/// let report = validate_request(&update, ApiVersion::V20260301);
/// assert!(report.has_error(Rule::MaxLength, "/customer/first_name"));
/// ```
pub fn validate_request<R: Request>(req: &R, version: ApiVersion) -> Report {
    let target = Target::new(R::API, R::OPERATION).with_version(version);
    match serde_json::to_value(req) {
        Ok(value) => validate_value(target, &value),
        Err(e) => {
            // Only a hand-written Serialize impl can fail here; report it, never panic.
            let mut report = Report::default();
            report.push(Violation {
                pointer: String::new(),
                rule: Rule::Type,
                severity: Severity::Error,
                source: std::borrow::Cow::Borrowed("https://www.rfc-editor.org/rfc/rfc8259"),
                strength: Strength::Documented,
                quote: std::borrow::Cow::Borrowed("A JSON text is a serialized value."),
                detail: message::Detail {
                    msg: message::Msg::Text(format!(
                        "the request cannot be serialised to JSON: {e}"
                    )),
                    limit: message::Lim::None,
                    version: None,
                    why: "",
                },
            });
            report
        }
    }
}

/// Every rule the engine enforces for `target`: pointer template (`*` = any
/// array index), rule id, severity, limit and source.
///
/// ```
/// use shopspec_validate::{catalogue, Api, ApiVersion, Operation, Rule, Target};
///
/// let target = Target::new(Api::Myshopline, Operation::UpdateCustomer).with_version(ApiVersion::V20220901);
/// let zip = catalogue(target)
///     .into_iter()
///     .find(|e| e.pointer == "/customer/addresses/*/zip" && e.rule == Rule::MaxLength)
///     .unwrap();
/// assert_eq!(zip.limit, Some(serde_json::json!(10)));
/// ```
pub fn catalogue(target: Target) -> Vec<RuleEntry> {
    catalogue::catalogue(target)
}

/// The crate's README, whose examples run as doctests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
