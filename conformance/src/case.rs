//! [`Case`]: one documented behaviour, what the suite sends to check it and what it asserts.

use std::time::Duration;

use serde::Serialize;
use serde_json::Value;
use shopspec_model::myshopline::ApiVersion;
use shopspec_model::{Api, Operation};
use shopspec_validate::{Rule, Severity};

use crate::policy::OnAccept;
use crate::report::CaseKind;
use crate::spec::Example;

/// One conformance case.
///
/// `sends` is the body template: `${email}` becomes the case's run-unique email,
/// `${marker}` the text `shopspec conformance run <run>`, `${id}` the id of the
/// customer the case creates first, `${phone}`/`${mobile}` run-unique numbers.
#[derive(Debug, Clone, Serialize)]
pub struct Case {
    /// Stable id, e.g. `fecify.create.status-is-5` or
    /// `myshopline.v20260301.update.customer.first_name.max-length`.
    pub id: String,
    /// The API.
    pub api: Api,
    /// The operation under test.
    #[serde(rename = "op")]
    pub operation: Operation,
    /// The myshopline API version (`None` for the other APIs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<ApiVersion>,
    /// One line saying what is checked.
    pub title: String,
    /// What kind of behaviour is checked.
    pub kind: CaseKind,
    /// Where the behaviour is documented (URL, spec file, errata anchor).
    pub source: String,
    /// Whether the case creates or changes data (skipped unless writes are allowed).
    pub writes: bool,
    /// The body template of the main request (`None` for offline cases).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sends: Option<Value>,
    /// What the case asserts, in a sentence.
    pub asserts: String,
    #[serde(skip)]
    pub(crate) plan: Plan,
}

/// How the runner executes a case.
#[derive(Debug, Clone)]
pub(crate) enum Plan {
    /// Check a documented example offline: the request against the validator and
    /// the request schema, the response against the response schema.
    Example(&'static Example),
    /// Create with `create` (and for an update case, then update with `update`);
    /// the main request must succeed and pass `checks`. An update case without
    /// `create` leases a customer from the target's pool instead.
    Accept {
        create: Option<Value>,
        update: Option<Value>,
        /// Wait this long after the create's answer before the update.
        delay: Option<Duration>,
        checks: Vec<Check>,
        /// A refusal is an observation citing this errata entry, not a failure
        /// (the body is valid, but the docs leave room to refuse it).
        refusal: Option<&'static str>,
    },
    /// Send a body that breaks one rule (for an update, to a customer leased
    /// from the target's pool, or created from `setup`) and expect the vendor's
    /// error shape; what acceptance means is `on_accept`.
    Reject {
        body: Value,
        /// Where the body breaks the rule (a concrete JSON pointer).
        at: String,
        /// For an update: create a customer of its own from this template
        /// instead of leasing one (the case needs a customer in a given state).
        setup: Option<Value>,
        rule: RuleRef,
        on_accept: OnAccept,
        /// Checked on the answer when the store accepts the body anyway.
        if_accepted: Vec<Check>,
    },
    /// Create the same customer twice: the second must fail (or be an observation).
    Duplicate { body: Value, documented: bool },
    /// A request with a wrong or missing token.
    Auth { auth: AuthMode, body: Value },
    /// An update of an id that cannot exist.
    NotFound { body: Value },
    /// A burst over the myshopline leaky bucket with the rate-limit token.
    RateLimit { body: Value, burst: usize },
}

/// The rule a rejection case breaks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct RuleRef {
    pub(crate) pointer: String,
    pub(crate) rule: Rule,
    pub(crate) severity: Severity,
    pub(crate) limit: Option<Value>,
    /// Why the rule is only inferred (empty for a documented rule).
    pub(crate) why: &'static str,
}

/// Token handling of an auth case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AuthMode {
    /// A token the store cannot know.
    Wrong,
    /// No auth header.
    Missing,
}

/// One assertion on a successful answer.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Check {
    /// The answer validates against the operation's response schema.
    ResponseSchema,
    /// The success status (200 or 201) is reported: the docs do not settle it.
    SuccessStatus { errata: &'static str },
    /// What the store answers for `field` is reported (a value, `null`, or no
    /// key): the docs do not say, so it is an observation, never a failure.
    Reports {
        field: &'static str,
        errata: &'static str,
    },
    /// The customer field has this value.
    FieldEquals { field: String, value: Value },
    /// Fecify timestamps are `YYYY-MM-DD HH:MM:SS`.
    FecifyTimestamps,
    /// Every documented key of the customer is present.
    KeySet(&'static [&'static str]),
    /// Every one of these fields that was sent comes back with the sent value.
    Echo(&'static [&'static str]),
    /// The customer id is a string (SHOPLINE APIs).
    IdIsString,
    /// The body is `{"customer": {...}}` (myshopline).
    Wrapper,
    /// The `traceId` answer header is present (myshopline).
    TraceId,
    /// Every field of the create answer not sent in the update is unchanged.
    Unchanged,
    /// The field has the value the create answer had.
    SameAsCreate(String),
    /// The field, if present, has the value the create answer had.
    SameAsCreateIfPresent(String),
    /// `updated_at` is not before the create answer's.
    UpdatedAtNotBefore,
    /// `updated_at` is after the create answer's (the update is sent ≥ 1.1 s later).
    UpdatedAtAfter,
    /// These fields are as the create answer had them; a change is an
    /// observation, since the docs do not say what the request does to them.
    KeptAsCreated {
        fields: &'static [&'static str],
        errata: &'static str,
    },
}
