//! The verdict policy: for a body that breaks one rule, what a store may do with
//! it and when that is a failure. `conformance/README.md` has the same policy as
//! a table; `spec/errata.md` has the reasoning behind each lenient row.
//!
//! A store is judged only on what the docs say about the store. Where the docs
//! say a body is wrong (required, enum and range, length and count limits,
//! formats, mutual exclusions, dependencies), accepting it is a failure. Where
//! they do not say how the store treats the input (wrong JSON types, unknown
//! fields, well-formed dates that do not exist, sentences with two readings),
//! the store may reject, coerce or ignore it: acceptance is an observation, as
//! long as the answer and the customer as the store keeps it still keep the
//! documented response contract. `--strict` turns every such observation into a
//! failure, for people who implement one of these APIs themselves.

use shopspec_model::myshopline::ApiVersion;
use shopspec_model::{Api, Operation};
use shopspec_validate::Rule;

/// What the suite concludes when a store accepts a body that breaks a rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum OnAccept {
    /// The docs say the store rejects it: acceptance fails the case.
    Fail,
    /// The docs leave the store's handling open: acceptance is an observation
    /// (a failure with `--strict`), provided the documented contract holds.
    Observe {
        /// The errata entry the leniency rests on.
        errata: String,
    },
}

/// Which of the values a real client gets wrong a case sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Miss {
    /// The rule's first violation (the case id without a suffix).
    Primary,
    /// A value just outside an enum or a range.
    Neighbour,
    /// An enum string in another letter case.
    WrongCase,
    /// `null` for a required field.
    Null,
    /// `""` for a required field.
    Empty,
    /// The date format another of the three APIs uses for the same field.
    OtherFormat,
    /// A well-formed date that does not exist (30 February).
    ImpossibleDate,
}

/// A documented sentence with two readings: the store may follow either.
pub(crate) struct Reading {
    api: Api,
    operation: Operation,
    /// Versions the sentence applies to (myshopline), inclusive.
    versions: (ApiVersion, ApiVersion),
    pointer: &'static str,
    rule: Rule,
    pub(crate) errata: &'static str,
    /// The customer starts with this field at this value, which must still hold
    /// after the store accepts the body.
    pub(crate) holds: Option<(&'static str, bool)>,
}

/// Sentences read two ways; spec/errata.md explains each.
const READINGS: &[Reading] = &[
    // "目前只支持將客戶轉成會員": a store may reject `false` or ignore it; the
    // member must stay a member (checked after acceptance).
    Reading {
        api: Api::Shopline,
        operation: Operation::UpdateCustomer,
        versions: (ApiVersion::V20220901, ApiVersion::V20260301),
        pointer: "/is_member",
        rule: Rule::Enum,
        errata: "E-SL-22",
        holds: Some(("is_member", true)),
    },
    // "修改订阅状态时用户邮箱必填": also met by an email already on record.
    Reading {
        api: Api::Myshopline,
        operation: Operation::UpdateCustomer,
        versions: (ApiVersion::V20220901, ApiVersion::V20220901),
        pointer: "/customer/email",
        rule: Rule::RequiredWith,
        errata: "E-MSL-23",
        // The leased customer was created with an email, which must stay.
        holds: None,
    },
];

/// The sentence with two readings that governs `rule` at `pointer`, if any.
pub(crate) fn reading(
    api: Api,
    version: ApiVersion,
    operation: Operation,
    pointer: &str,
    rule: Rule,
) -> Option<&'static Reading> {
    READINGS.iter().find(|r| {
        r.api == api
            && r.operation == operation
            && (api != Api::Myshopline || (r.versions.0 <= version && version <= r.versions.1))
            && r.pointer == pointer
            && r.rule == rule
    })
}

/// The errata entry of an API's silence on how unknown input is treated.
fn silence(api: Api) -> &'static str {
    match api {
        Api::Fecify => "E-FEC-13",
        Api::Shopline => "E-SL-10",
        Api::Myshopline => "E-MSL-21",
    }
}

/// What acceptance of a body that breaks `rule` at `pointer` (with the value
/// `miss`) means. Warnings (inferred rules) never get here: they never fail.
/// A rule whose `source` is one of our own errata decisions, not a vendor page,
/// never fails a store either.
pub(crate) fn on_accept(
    api: Api,
    version: ApiVersion,
    operation: Operation,
    pointer: &str,
    rule: Rule,
    miss: Miss,
    source: &str,
) -> OnAccept {
    let observe = |errata: &str| OnAccept::Observe {
        errata: errata.to_owned(),
    };
    if let Some(anchor) = errata_anchor(source) {
        return observe(&anchor);
    }
    match miss {
        Miss::WrongCase => return observe("E-CHK-2"),
        // A wrong JSON type, as `null` is for a field that is not nullable.
        Miss::Null => return observe("E-CHK-1"),
        Miss::Empty => return observe("E-CHK-3"),
        Miss::ImpossibleDate => return observe("E-CHK-4"),
        Miss::Primary | Miss::Neighbour | Miss::OtherFormat => {}
    }
    if let Some(reading) = reading(api, version, operation, pointer, rule) {
        return observe(reading.errata);
    }
    match rule {
        Rule::Type => observe("E-CHK-1"),
        Rule::UnknownField => observe(silence(api)),
        // Rejected or ignored; the value must not change (checked after acceptance).
        Rule::NotUpdatable => observe(match api {
            Api::Fecify => "E-FEC-6",
            _ => silence(api),
        }),
        // FecShop turns any value other than 1 into 2.
        Rule::Enum if api == Api::Fecify => observe("E-FEC-7"),
        _ => OnAccept::Fail,
    }
}

/// `true` when the field at `pointer` is deprecated for `target`: a store may
/// ignore it, so its value rules are observations (spec/errata.md E-CHK-8).
pub(crate) fn deprecated_field(target: shopspec_validate::Target, pointer: &str) -> bool {
    shopspec_validate::catalogue(target)
        .iter()
        .any(|e| e.rule == Rule::Deprecated && e.pointer == pointer)
}

/// The errata anchor (`E-SL-15`) of a rule sourced from `spec/errata.md`.
fn errata_anchor(source: &str) -> Option<String> {
    let rest = &source[source.find("errata.md")?..];
    let start = rest.find("E-")?;
    Some(
        rest[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect(),
    )
}

/// `true` for a range rule whose limit names the fields of a date (a day that
/// does not exist in its month): a well-formed date that does not exist.
pub(crate) fn is_day_in_month(rule: Rule, limit: Option<&serde_json::Value>) -> bool {
    rule == Rule::Range
        && limit
            .and_then(serde_json::Value::as_array)
            .is_some_and(|names| names.len() == 2 && names.iter().all(|n| n.is_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const C: Operation = Operation::CreateCustomer;
    const U: Operation = Operation::UpdateCustomer;
    const V1: ApiVersion = ApiVersion::V20220901;
    const V2: ApiVersion = ApiVersion::V20260301;

    #[test]
    fn documented_rejections_fail_and_silences_observe() {
        let p = on_accept(
            Api::Shopline,
            V2,
            C,
            "/gender",
            Rule::Enum,
            Miss::Primary,
            "seed",
        );
        assert_eq!(p, OnAccept::Fail);
        let p = on_accept(
            Api::Shopline,
            V2,
            C,
            "/gender",
            Rule::Type,
            Miss::Primary,
            "seed",
        );
        assert_eq!(
            p,
            OnAccept::Observe {
                errata: "E-CHK-1".into()
            }
        );
        let p = on_accept(
            Api::Fecify,
            V2,
            C,
            "/accepts_marketing",
            Rule::Enum,
            Miss::Neighbour,
            "seed",
        );
        assert_eq!(
            p,
            OnAccept::Observe {
                errata: "E-FEC-7".into()
            }
        );
        let p = on_accept(
            Api::Shopline,
            V2,
            C,
            "/gender",
            Rule::Enum,
            Miss::WrongCase,
            "seed",
        );
        assert_eq!(
            p,
            OnAccept::Observe {
                errata: "E-CHK-2".into()
            }
        );
    }

    #[test]
    fn rules_that_rest_on_our_own_decisions_never_fail_a_store() {
        let p = on_accept(
            Api::Shopline,
            V2,
            C,
            "/birth_year",
            Rule::Range,
            Miss::Primary,
            "spec/errata.md#E-SL-99",
        );
        assert_eq!(
            p,
            OnAccept::Observe {
                errata: "E-SL-99".into()
            }
        );
    }

    #[test]
    fn value_rules_of_deprecated_fields_are_observed_only_where_deprecated() {
        // Audit finding 4: update deprecates the password fields, create does not.
        let at = "/customer/password";
        for v in [ApiVersion::V20251201, V2] {
            let update = shopspec_validate::Target::new(Api::Myshopline, U).with_version(v);
            assert!(deprecated_field(update, at), "{v}");
            let create = shopspec_validate::Target::new(Api::Myshopline, C).with_version(v);
            assert!(!deprecated_field(create, at), "{v}");
        }
        let old = shopspec_validate::Target::new(Api::Myshopline, U).with_version(V1);
        assert!(!deprecated_field(old, "/customer/accepts_marketing"));
    }

    #[test]
    fn readings_apply_to_their_operation_and_versions_only() {
        let email = "/customer/email";
        let rw = Rule::RequiredWith;
        let p = on_accept(Api::Myshopline, V1, U, email, rw, Miss::Primary, "seed");
        assert_eq!(
            p,
            OnAccept::Observe {
                errata: "E-MSL-23".into()
            }
        );
        let p = on_accept(Api::Myshopline, V2, U, email, rw, Miss::Primary, "seed");
        assert_eq!(p, OnAccept::Fail);
        let p = on_accept(
            Api::Shopline,
            V2,
            U,
            "/is_member",
            Rule::Enum,
            Miss::Primary,
            "seed",
        );
        assert_eq!(
            p,
            OnAccept::Observe {
                errata: "E-SL-22".into()
            }
        );
        let p = on_accept(
            Api::Shopline,
            V2,
            C,
            "/is_member",
            Rule::Enum,
            Miss::Primary,
            "seed",
        );
        assert_eq!(p, OnAccept::Fail);
    }
}
