//! The validation report: errors and warnings, each with a JSON pointer, a rule id,
//! the limit, a message and the doc source.

use std::borrow::Cow;
use std::fmt;

use crate::evidence::Strength;
use crate::message::{Detail, Message};
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use serde_json::Value;

/// A stable rule id. The serialised (snake_case) names are part of the public
/// interface: reports, `shopspec validate --format json` and the conformance
/// suite use them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// The value has the wrong JSON type.
    Type,
    /// A required field is missing.
    Required,
    /// At least one of several fields is required.
    OneOfRequired,
    /// A field is required because another field is present.
    RequiredWith,
    /// Fields that must not be sent together.
    MutuallyExclusive,
    /// The value is not one of the allowed values.
    Enum,
    /// A string is longer than allowed (in characters).
    MaxLength,
    /// A string is shorter than allowed (in characters).
    MinLength,
    /// An array (or a list inside a string, such as comma-separated tags) has too many items.
    MaxItems,
    /// A string does not have the documented format.
    Format,
    /// A number is outside the allowed range.
    Range,
    /// An integer that no store keeps exactly: beyond the signed 64-bit range,
    /// or written as a float beyond 2^53 (spec/errata.md E-FEC-15, E-SL-23, E-MSL-24).
    IntegerRange,
    /// A field the docs do not name.
    UnknownField,
    /// A field the docs say cannot be changed by this operation.
    NotUpdatable,
    /// A field deprecated in the chosen API version.
    Deprecated,
}

impl Rule {
    /// The stable id, e.g. `max_length`.
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::Type => "type",
            Rule::Required => "required",
            Rule::OneOfRequired => "one_of_required",
            Rule::RequiredWith => "required_with",
            Rule::MutuallyExclusive => "mutually_exclusive",
            Rule::Enum => "enum",
            Rule::MaxLength => "max_length",
            Rule::MinLength => "min_length",
            Rule::MaxItems => "max_items",
            Rule::Format => "format",
            Rule::Range => "range",
            Rule::IntegerRange => "integer_range",
            Rule::UnknownField => "unknown_field",
            Rule::NotUpdatable => "not_updatable",
            Rule::Deprecated => "deprecated",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How bad a violation is. Errors come from documented rules; warnings from
/// deprecations and from limits the docs only imply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// A documented rule is broken: the store is expected to reject the request.
    Error,
    /// Worth knowing, but not a documented rejection.
    Warning,
}

/// The limit or the allowed values of a rule, as shown in reports.
pub type Limit = Value;

/// One broken rule.
///
/// Its limit and message are kept as the rule and its parameters and
/// formatted on demand: by [`Violation::limit`], [`Violation::message`], its
/// `Display` and its serialisation, which all give the same text every time.
#[derive(Clone)]
pub struct Violation {
    /// JSON pointer of the field (RFC 6901), `""` for the whole payload.
    pub pointer: String,
    /// The rule id.
    pub rule: Rule,
    /// Error or warning.
    pub severity: Severity,
    /// Where the rule's evidence can be read: a vendor page URL, a repository
    /// file at a commit, or an entry of `spec/errata.md`.
    pub source: Cow<'static, str>,
    /// `documented` (the vendor states it for this operation and version) or
    /// `inferred` (a warning only).
    pub strength: Strength,
    /// The vendor's sentence the rule rests on, verbatim.
    pub quote: Cow<'static, str>,
    /// The message and the limit, unformatted.
    pub(crate) detail: Detail,
}

impl Violation {
    /// The limit or allowed values (e.g. `128`, `[1, 2]`, `["email", "mobile_phone"]`),
    /// built on each call; `None` for a rule without one.
    pub fn limit(&self) -> Option<Limit> {
        self.detail.limit.to_value()
    }

    /// `true` when the rule has a limit: `self.limit().is_some()` without building it.
    pub fn has_limit(&self) -> bool {
        self.detail.limit.is_some()
    }

    /// A sentence a person understands; for an inferred rule it ends with why
    /// the rule is only inferred. Formatted on each call;
    /// [`Violation::message_display`] writes the same sentence without
    /// building a `String`.
    pub fn message(&self) -> String {
        self.message_display().to_string()
    }

    /// The message, formatted when it is displayed (into a writer, a
    /// formatter or a serializer) rather than into a `String` of its own.
    pub fn message_display(&self) -> impl fmt::Display + '_ {
        Message {
            detail: &self.detail,
            pointer: &self.pointer,
        }
    }
}

impl PartialEq for Violation {
    /// Every field, with the message and the limit as they are shown.
    fn eq(&self, other: &Self) -> bool {
        self.pointer == other.pointer
            && self.rule == other.rule
            && self.severity == other.severity
            && self.source == other.source
            && self.strength == other.strength
            && self.quote == other.quote
            && self.limit() == other.limit()
            && self.message() == other.message()
    }
}

impl fmt::Debug for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Violation")
            .field("pointer", &self.pointer)
            .field("rule", &self.rule)
            .field("severity", &self.severity)
            .field("limit", &self.limit())
            .field("message", &self.message())
            .field("source", &self.source)
            .field("strength", &self.strength)
            .field("quote", &self.quote)
            .finish()
    }
}

impl Serialize for Violation {
    /// `{"pointer", "rule", "severity", "limit" (when there is one), "message",
    /// "source", "strength", "quote"}`: the limit and the message are written
    /// straight into the serializer.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let limit = self.detail.limit.is_some();
        let mut s = serializer.serialize_struct("Violation", 7 + usize::from(limit))?;
        s.serialize_field("pointer", &self.pointer)?;
        s.serialize_field("rule", &self.rule)?;
        s.serialize_field("severity", &self.severity)?;
        if limit {
            s.serialize_field("limit", &self.detail.limit)?;
        } else {
            s.skip_field("limit")?;
        }
        s.serialize_field("message", &Collected(self.message_display()))?;
        s.serialize_field("source", &self.source)?;
        s.serialize_field("strength", &self.strength)?;
        s.serialize_field("quote", &self.quote)?;
        s.end()
    }
}

/// Serialises a `Display` as a string, written straight into the output.
struct Collected<D>(D);

impl<D: fmt::Display> Serialize for Collected<D> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pointer = if self.pointer.is_empty() {
            "(payload)"
        } else {
            &self.pointer
        };
        write!(
            f,
            "{pointer}: {} [{}] (source: {})",
            self.message_display(),
            self.rule,
            self.source
        )
    }
}

/// The outcome of a validation: errors and warnings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// Broken documented rules.
    pub errors: Vec<Violation>,
    /// Deprecations and implied limits.
    pub warnings: Vec<Violation>,
}

impl Report {
    /// `true` when there is no error (warnings allowed).
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }

    /// Adds a violation to the list its severity names.
    pub fn push(&mut self, violation: Violation) {
        match violation.severity {
            Severity::Error => self.errors.push(violation),
            Severity::Warning => self.warnings.push(violation),
        }
    }

    /// `true` when an error with this rule id is reported at this pointer.
    pub fn has_error(&self, rule: Rule, pointer: &str) -> bool {
        self.errors
            .iter()
            .any(|v| v.rule == rule && v.pointer == pointer)
    }
}

impl Serialize for Report {
    /// `{"valid": bool, "errors": [...], "warnings": [...]}`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Report", 3)?;
        s.serialize_field("valid", &self.is_valid())?;
        s.serialize_field("errors", &self.errors)?;
        s.serialize_field("warnings", &self.warnings)?;
        s.end()
    }
}

/// One broken rule without its message or limit: where, which rule, how bad
/// and where it is documented. [`crate::findings`] lists the same violations
/// as the full [`Report`], in the same order, without formatting a sentence
/// for each: what a CI gate, a counter or a router of bad records needs.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Finding {
    /// JSON pointer of the field (RFC 6901), `""` for the whole payload.
    pub pointer: String,
    /// The rule id.
    pub rule: Rule,
    /// Error or warning.
    pub severity: Severity,
    /// Where the rule's evidence can be read (a URL, or an entry of `spec/errata.md`).
    pub source: &'static str,
}

impl Finding {
    /// `true` when `violation` reports this finding (same pointer, rule,
    /// severity and source).
    pub fn matches(&self, violation: &Violation) -> bool {
        self.pointer == violation.pointer
            && self.rule == violation.rule
            && self.severity == violation.severity
            && self.source == violation.source
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pointer = if self.pointer.is_empty() {
            "(payload)"
        } else {
            &self.pointer
        };
        write!(f, "{pointer}: [{}] (source: {})", self.rule, self.source)
    }
}

/// The findings of a validation: the errors and warnings of the [`Report`],
/// without messages or limits.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Findings {
    /// Broken documented rules.
    pub errors: Vec<Finding>,
    /// Deprecations and implied limits.
    pub warnings: Vec<Finding>,
}

impl Findings {
    /// `true` when there is no error (warnings allowed).
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }

    /// Adds a finding to the list its severity names.
    pub fn push(&mut self, finding: Finding) {
        match finding.severity {
            Severity::Error => self.errors.push(finding),
            Severity::Warning => self.warnings.push(finding),
        }
    }

    /// `true` when an error with this rule id is found at this pointer.
    pub fn has_error(&self, rule: Rule, pointer: &str) -> bool {
        self.errors
            .iter()
            .any(|f| f.rule == rule && f.pointer == pointer)
    }
}
