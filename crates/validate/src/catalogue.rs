//! The rule catalogue: every rule the engine enforces, generated from the same
//! tables the engine walks.

use std::borrow::Cow;

use serde::Serialize;
use serde_json::{Value, json};

use crate::evidence::Evidence;
use crate::report::{Rule, Severity};
use crate::tables::{self, BodySpec, CheckKind, CrossKind, Field, Kind, ObjectSpec, Presence};
use crate::{Target, engine};

/// One rule of a target, as listed by [`catalogue`](crate::catalogue).
///
/// `pointer` is a JSON pointer template: `*` stands for any array index
/// (`/customer/addresses/*/zip`). For `unknown_field` entries that cover every
/// undocumented name, the pointer is the object's own pointer and `limit` lists
/// the documented names; a violation then points at `<pointer>/<name>`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleEntry {
    /// Pointer template of the field (or the object, for object-level rules).
    pub pointer: String,
    /// The rule id.
    pub rule: Rule,
    /// Error (a documented rule) or warning (a deprecation or an inferred limit).
    pub severity: Severity,
    /// The limit: a number, the allowed values, a type name or the related field names.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<Value>,
    /// Where the rule's evidence can be read (a URL, a repository file at a
    /// commit, or an entry of `spec/errata.md`); the same as `evidence.source`.
    pub source: Cow<'static, str>,
    /// What the rule checks, in a few words.
    pub description: String,
    /// The vendor's sentence the rule rests on, what it is about, and whether
    /// it is documented for this operation and version or only inferred.
    pub evidence: &'static Evidence,
}

/// Every rule the engine enforces for `target`, in table order.
pub(crate) fn catalogue(target: Target) -> Vec<RuleEntry> {
    let mut out = Vec::new();
    match tables::body(target.api, target.operation, target.version) {
        Some(body) => body_entries(body, &mut out),
        None => {
            let v = engine::unsupported_version(target.version);
            let limit = v.limit();
            out.push(RuleEntry {
                pointer: v.pointer,
                rule: v.rule,
                severity: v.severity,
                limit,
                source: v.source,
                description: "the API version must be a supported one".to_owned(),
                evidence: &tables::UNSUPPORTED_VERSION,
            });
        }
    }
    out
}

fn entry(
    out: &mut Vec<RuleEntry>,
    pointer: &str,
    rule: Rule,
    severity: Severity,
    limit: Option<Value>,
    ev: &'static Evidence,
    description: String,
) {
    out.push(RuleEntry {
        pointer: pointer.to_owned(),
        rule,
        severity,
        limit,
        source: Cow::Borrowed(ev.source),
        description,
        evidence: ev,
    });
}

fn body_entries(body: &BodySpec, out: &mut Vec<RuleEntry>) {
    match body.wrapper {
        None => {
            entry(
                out,
                "",
                Rule::Type,
                body.object.shape.severity(),
                Some(json!("object")),
                body.object.shape,
                "the body is a JSON object".to_owned(),
            );
            object_entries(body.object, "", body.integers, out);
        }
        Some(ev) => {
            entry(
                out,
                "",
                Rule::Type,
                ev.severity(),
                Some(json!("object")),
                ev,
                "the body is a JSON object".to_owned(),
            );
            entry(
                out,
                "/customer",
                Rule::Required,
                ev.severity(),
                None,
                ev,
                "the body wraps the customer in `customer`".to_owned(),
            );
            entry(
                out,
                "",
                Rule::UnknownField,
                body.object.unknown.severity(),
                Some(json!(["customer"])),
                body.object.unknown,
                "`customer` is the only key of the body".to_owned(),
            );
            entry(
                out,
                "/customer",
                Rule::Type,
                ev.severity(),
                Some(json!("object")),
                ev,
                "`customer` is a JSON object".to_owned(),
            );
            object_entries(body.object, "/customer", body.integers, out);
        }
    }
}

/// `ints` is the source of the body's `integer_range` rules.
fn object_entries(spec: &ObjectSpec, at: &str, ints: &'static Evidence, out: &mut Vec<RuleEntry>) {
    let documented: Vec<&str> = spec
        .fields
        .iter()
        .filter(|f| f.presence != Presence::NotUpdatable)
        .map(|f| f.name)
        .collect();
    entry(
        out,
        at,
        Rule::UnknownField,
        spec.unknown.severity(),
        Some(json!(documented)),
        spec.unknown,
        "only documented fields are sent".to_owned(),
    );
    for hint in spec.hints {
        entry(
            out,
            &format!("{at}/{}", hint.name),
            Rule::UnknownField,
            hint.ev.severity(),
            Some(json!([hint.instead])),
            hint.ev,
            format!(
                "`{}` is not a field of this operation; use `{}`",
                hint.name, hint.instead
            ),
        );
    }
    for cross in spec.cross {
        match cross.kind {
            CrossKind::OneOfRequired(names) => entry(
                out,
                at,
                Rule::OneOfRequired,
                cross.severity,
                Some(json!(names)),
                cross.ev,
                format!("one of {} is present and not empty", names.join(", ")),
            ),
            CrossKind::RequiredWith {
                field,
                trigger,
                non_empty,
            } => entry(
                out,
                &format!("{at}/{field}"),
                Rule::RequiredWith,
                cross.severity,
                Some(json!([trigger])),
                cross.ev,
                format!(
                    "`{field}` is present and not empty when `{trigger}` is sent{}",
                    if non_empty { " and not empty" } else { "" }
                ),
            ),
            CrossKind::DayInMonth { year, month, day } => entry(
                out,
                &format!("{at}/{day}"),
                Rule::Range,
                cross.severity,
                Some(json!([year, month])),
                cross.ev,
                format!("`{day}` exists in `{month}` of `{year}` (e.g. no 29 February 2001)"),
            ),
            CrossKind::MutuallyExclusive { field, others } => entry(
                out,
                &format!("{at}/{field}"),
                Rule::MutuallyExclusive,
                cross.severity,
                Some(json!(others)),
                cross.ev,
                format!("`{field}` is never sent with {}", others.join(", ")),
            ),
        }
    }
    for field in spec.fields {
        field_entries(field, &format!("{at}/{}", field.name), ints, out);
    }
}

fn field_entries(field: &Field, at: &str, ints: &'static Evidence, out: &mut Vec<RuleEntry>) {
    match field.presence {
        Presence::NotUpdatable => {
            entry(
                out,
                at,
                Rule::NotUpdatable,
                field.presence_ev.severity(),
                None,
                field.presence_ev,
                format!("`{}` cannot be changed by this operation", field.name),
            );
            return;
        }
        Presence::Required => entry(
            out,
            at,
            Rule::Required,
            Severity::Error,
            None,
            field.presence_ev,
            format!("`{}` is required", field.name),
        ),
        Presence::RequiredWarn => entry(
            out,
            at,
            Rule::Required,
            Severity::Warning,
            None,
            field.presence_ev,
            format!(
                "`{}` is expected (the docs disagree whether it is required)",
                field.name
            ),
        ),
        Presence::OtherVersion => entry(
            out,
            at,
            Rule::UnknownField,
            Severity::Warning,
            None,
            field.presence_ev,
            format!("`{}` is documented by newer API versions only", field.name),
        ),
        Presence::Deprecated(d) => entry(
            out,
            at,
            Rule::Deprecated,
            Severity::Warning,
            d.since.map(|s| json!(s)),
            field.presence_ev,
            match (d.since, d.instead) {
                (Some(since), _) => format!("`{}` is deprecated from {since}", field.name),
                (None, Some(instead)) => {
                    format!("`{}` is to be deprecated; use `{instead}`", field.name)
                }
                (None, None) => format!("`{}` is to be deprecated", field.name),
            },
        ),
        Presence::Optional => {}
    }
    let mut types: Vec<&str> = field.kind.type_names().to_vec();
    if field.nullable {
        types.push("null");
    }
    entry(
        out,
        at,
        Rule::Type,
        field.ev.severity(),
        Some(if types.len() == 1 {
            json!(types[0])
        } else {
            json!(types)
        }),
        field.ev,
        format!("`{}` has the documented type", field.name),
    );
    kind_entries(&field.kind, at, field.ev, ints, out);
    for check in field.checks {
        let (limit, description) = match check.kind {
            CheckKind::MaxLength(n) => (json!(n), format!("at most {n} characters")),
            CheckKind::MinLength(n) => (json!(n), format!("at least {n} characters")),
            CheckKind::IntEnum(values) => {
                (json!(values), "one of the documented values".to_owned())
            }
            CheckKind::Range(lo, hi) => (json!([lo, hi]), format!("between {lo} and {hi}")),
            CheckKind::MaxItems(n) => (json!(n), format!("at most {n} items")),
            CheckKind::Format(f) => (json!(f.name()), f.describe().to_owned()),
            CheckKind::ListCount(n) => (json!(n), format!("at most {n} comma-separated tags")),
            CheckKind::ListItemLength(n) => (
                json!(n),
                format!("each comma-separated tag at most {n} characters"),
            ),
            CheckKind::Future => (json!("a future date"), "not a date in the past".to_owned()),
        };
        entry(
            out,
            at,
            check.kind.rule(),
            check.severity,
            Some(limit),
            check.ev,
            description,
        );
    }
}

fn kind_entries(
    kind: &Kind,
    at: &str,
    ev: &'static Evidence,
    ints: &'static Evidence,
    out: &mut Vec<RuleEntry>,
) {
    match kind {
        Kind::Int | Kind::IntOrEmpty => {
            let (lo, hi) = tables::INTEGER_RANGE;
            entry(
                out,
                at,
                Rule::IntegerRange,
                ints.severity(),
                Some(json!([lo, hi])),
                ints,
                "an integer a signed 64-bit store keeps exactly (written as a float: below 2^53)"
                    .to_owned(),
            );
        }
        Kind::StrEnum(values) => entry(
            out,
            at,
            Rule::Enum,
            ev.severity(),
            Some(json!(values)),
            ev,
            "one of the documented values".to_owned(),
        ),
        Kind::True => entry(
            out,
            at,
            Rule::Enum,
            ev.severity(),
            Some(json!([true])),
            ev,
            "only true is supported".to_owned(),
        ),
        Kind::Object(spec) => object_entries(spec, at, ints, out),
        Kind::Array(item) => {
            let items = format!("{at}/*");
            let names = item.type_names();
            entry(
                out,
                &items,
                Rule::Type,
                ev.severity(),
                Some(if names.len() == 1 {
                    json!(names[0])
                } else {
                    json!(names)
                }),
                ev,
                "each item has the documented type".to_owned(),
            );
            kind_entries(item, &items, ev, ints, out);
        }
        Kind::StrOrStrArray => entry(
            out,
            &format!("{at}/*"),
            Rule::Type,
            ev.severity(),
            Some(json!("string")),
            ev,
            "each item of the array form is a string".to_owned(),
        ),
        Kind::Str | Kind::Bool | Kind::AnyObject => {}
    }
}
