//! The structured outcome of a run: the `--report-json` shape.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use shopspec_model::myshopline::ApiVersion;
use shopspec_model::{Api, Operation};

/// What a case checks. Serialised in kebab-case (`documented-example`, `rate-limit`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CaseKind {
    /// A documented example: offline against the spec, or sent to the store.
    DocumentedExample,
    /// The answer validates against the documented response schema.
    ResponseSchema,
    /// The answer carries what the docs say (defaults, echoes, ids, timestamps, wrapper, headers).
    ResponseContent,
    /// A payload with every field at its documented limit is accepted.
    Boundary,
    /// A required field (or one of a required group) is missing.
    RequiredField,
    /// A value outside a documented enumeration.
    Enum,
    /// A string or list over (or under) its documented length.
    Length,
    /// A rule between fields: required together, or mutually exclusive.
    CrossField,
    /// A field the docs say cannot be changed.
    NotUpdatable,
    /// Only the fields sent are changed.
    PartialUpdate,
    /// A duplicate of a unique value.
    Duplicate,
    /// A wrong or missing token.
    Auth,
    /// The vendor's documented error shape.
    ErrorShape,
    /// The documented rate limit.
    RateLimit,
    /// A value of the wrong JSON type.
    Type,
    /// A field the docs do not name.
    UnknownField,
    /// A value in the wrong format.
    Format,
    /// A number outside its documented range.
    Range,
    /// A field deprecated in the API version.
    Deprecated,
}

impl CaseKind {
    /// The serialised name, e.g. `documented-example`.
    pub fn as_str(self) -> &'static str {
        match self {
            CaseKind::DocumentedExample => "documented-example",
            CaseKind::ResponseSchema => "response-schema",
            CaseKind::ResponseContent => "response-content",
            CaseKind::Boundary => "boundary",
            CaseKind::RequiredField => "required-field",
            CaseKind::Enum => "enum",
            CaseKind::Length => "length",
            CaseKind::CrossField => "cross-field",
            CaseKind::NotUpdatable => "not-updatable",
            CaseKind::PartialUpdate => "partial-update",
            CaseKind::Duplicate => "duplicate",
            CaseKind::Auth => "auth",
            CaseKind::ErrorShape => "error-shape",
            CaseKind::RateLimit => "rate-limit",
            CaseKind::Type => "type",
            CaseKind::UnknownField => "unknown-field",
            CaseKind::Format => "format",
            CaseKind::Range => "range",
            CaseKind::Deprecated => "deprecated",
        }
    }
}

impl fmt::Display for CaseKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The outcome of one case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The store behaves as documented.
    Passed,
    /// The store breaks a documented rule.
    Failed,
    /// Not run (writes not allowed, or a prerequisite failed); the request it would send is kept.
    Skipped,
    /// The docs are silent (or only guess); what the store did is reported, never a failure.
    Observation,
}

impl Status {
    /// `passed`, `failed`, `skipped` or `observation`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Passed => "passed",
            Status::Failed => "failed",
            Status::Skipped => "skipped",
            Status::Observation => "observation",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Counts per status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// Cases that passed.
    pub passed: usize,
    /// Cases that failed.
    pub failed: usize,
    /// Cases that were not run.
    pub skipped: usize,
    /// Cases that report what an undocumented behaviour looks like.
    pub observations: usize,
}

impl Summary {
    /// Counts the statuses of `cases`.
    pub fn of<'a>(cases: impl IntoIterator<Item = &'a CaseResult>) -> Summary {
        let mut summary = Summary::default();
        for case in cases {
            match case.status {
                Status::Passed => summary.passed += 1,
                Status::Failed => summary.failed += 1,
                Status::Skipped => summary.skipped += 1,
                Status::Observation => summary.observations += 1,
            }
        }
        summary
    }

    /// All cases counted.
    pub fn total(&self) -> usize {
        self.passed + self.failed + self.skipped + self.observations
    }
}

/// A request as sent (or as it would be sent), secrets masked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestRecord {
    /// HTTP method.
    pub method: String,
    /// Path below the target's base URL, e.g. `/v1/customers/64f0.../`.
    pub path: String,
    /// Headers that matter for the case; tokens are `***`.
    pub headers: BTreeMap<String, String>,
    /// The JSON body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Value>,
}

/// An answer, trimmed for the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResponseRecord {
    /// HTTP status.
    pub status: u16,
    /// The headers the suite looks at (`traceId`, `content-type`, `retry-after`).
    pub headers: BTreeMap<String, String>,
    /// The body: parsed JSON when it is JSON and short, otherwise a text excerpt.
    pub body: Value,
}

/// One request and its answer, when the case sent more than one request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Exchange {
    /// What was sent.
    pub request: RequestRecord,
    /// What came back (absent when the request failed or was not sent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<ResponseRecord>,
}

/// The outcome of one case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseResult {
    /// Stable case id.
    pub id: String,
    /// The API.
    pub api: Api,
    /// The operation.
    pub op: Operation,
    /// The myshopline API version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<ApiVersion>,
    /// What the case checks.
    pub kind: CaseKind,
    /// One line saying what is checked.
    pub title: String,
    /// Passed, failed, skipped or observation.
    pub status: Status,
    /// Where the checked behaviour is documented (URL, spec file or errata anchor).
    pub source: String,
    /// What happened, in a sentence.
    pub message: String,
    /// Whether the case creates or changes data.
    pub writes: bool,
    /// The main request (for a skipped case: the request it would send).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<RequestRecord>,
    /// The answer to the main request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<ResponseRecord>,
    /// Requests sent before the main one (e.g. the create before an update).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub setup: Vec<Exchange>,
    /// A curl command that sends the main request again, the token read from
    /// `$SHOPSPEC_TOKEN` (see [`crate::curl_command`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub curl: Option<String>,
    /// Wall time of the case in milliseconds.
    pub elapsed_ms: u64,
}

/// A customer the run created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Created {
    /// The API.
    pub api: Api,
    /// The myshopline API version it was created through.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<ApiVersion>,
    /// The id the store gave it.
    pub id: String,
    /// The run-unique email it was created with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The case whose request created it (for a customer leased from the
    /// run's pool: the case that first needed it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case: Option<String>,
}

/// A store a run checked, as the report names it (never with its token).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetRecord {
    /// A label such as `fecify` or `myshopline v20260301`.
    pub label: String,
    /// The API.
    pub api: Api,
    /// The myshopline API version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<ApiVersion>,
    /// The base URL the requests went to.
    pub base_url: String,
    /// Whether cases that create or change data ran.
    pub allow_writes: bool,
}

/// The outcome of a run: the `--report-json` document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunReport {
    /// The run id that marks every record the run created (`shopspec-<run>-<n>@...`).
    pub run_id: String,
    /// The stores checked, one per API (myshopline per version).
    pub targets: Vec<TargetRecord>,
    /// Counts per status.
    pub summary: Summary,
    /// Every case, in suite order.
    pub cases: Vec<CaseResult>,
    /// Every customer the run created.
    pub created: Vec<Created>,
    /// Why the run cannot be judged, when it cannot (the store refused the
    /// run's token in the middle of the run): one line per case concerned.
    /// A run with errors is never a success.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<String>,
}

impl RunReport {
    /// `true` when no case failed and the run has no error.
    pub fn is_success(&self) -> bool {
        self.summary.failed == 0 && self.errors.is_empty()
    }

    /// The result of the case with this id.
    pub fn case(&self, id: &str) -> Option<&CaseResult> {
        self.cases.iter().find(|c| c.id == id)
    }

    /// The failed cases.
    pub fn failures(&self) -> impl Iterator<Item = &CaseResult> {
        self.cases.iter().filter(|c| c.status == Status::Failed)
    }
}
