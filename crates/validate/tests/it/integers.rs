//! Integers no store keeps exactly are rejected, never accepted then lost
//! (spec/errata.md E-FEC-15, E-SL-23, E-MSL-24): every integer field of every
//! target, written as raw JSON text so that 2^64 and -2^63-1 reach the parser
//! as written.

use serde_json::{Value, json};
use shopspec_validate::{
    Api, Operation, Rule, Severity, Strength, Target, catalogue, validate_str, validate_value,
};

/// Text just beyond what a store keeps, and the rule each must draw.
const BEYOND: [(&str, Rule); 5] = [
    ("9223372036854775808", Rule::IntegerRange),
    ("18446744073709551616", Rule::IntegerRange),
    ("-9223372036854775809", Rule::IntegerRange),
    ("1e20", Rule::IntegerRange),
    ("1.5", Rule::Type),
];

/// A body with no error for each target, before the field under test is set.
fn minimal(target: Target) -> Value {
    match (target.api, target.operation) {
        (Api::Fecify, Operation::CreateCustomer) => {
            json!({"email": "ann@example.com", "first_name": "Ann", "last_name": "Li"})
        }
        (Api::Fecify, Operation::UpdateCustomer) => json!({"id": 1}),
        (Api::Shopline, Operation::CreateCustomer) => json!({"email": "ann@example.com"}),
        (Api::Shopline, Operation::UpdateCustomer) => json!({}),
        (Api::Myshopline, Operation::CreateCustomer) => {
            json!({"customer": {"email": "ann@example.com"}})
        }
        (Api::Myshopline, Operation::UpdateCustomer) => json!({"customer": {}}),
    }
}

/// Sets `pointer` (templates use `*` for an array index: item 0) to `value`,
/// creating the objects and one-item arrays on the way.
fn set(body: &mut Value, pointer: &str, value: Value) {
    let tokens: Vec<&str> = pointer.split('/').skip(1).collect();
    let mut cur = body;
    for (i, token) in tokens.iter().enumerate() {
        let last = i + 1 == tokens.len();
        if *token == "*" {
            let Value::Array(items) = cur else {
                panic!("{pointer}: not an array")
            };
            if items.is_empty() {
                items.push(json!({}));
            }
            cur = &mut items[0];
            continue;
        }
        let next = if last {
            Value::Null
        } else if tokens[i + 1] == "*" {
            json!([])
        } else {
            json!({})
        };
        let Value::Object(map) = cur else {
            panic!("{pointer}: not an object")
        };
        cur = map.entry((*token).to_owned()).or_insert(next);
    }
    *cur = value;
}

/// The pointer templates of the integer fields of a target, from the
/// catalogue's `type` entries.
fn integer_fields(target: Target) -> Vec<String> {
    catalogue(target)
        .into_iter()
        .filter(|e| e.rule == Rule::Type)
        .filter(|e| match &e.limit {
            Some(Value::String(t)) => t == "integer",
            Some(Value::Array(types)) => types.contains(&json!("integer")),
            _ => false,
        })
        .map(|e| e.pointer)
        .collect()
}

#[test]
fn every_integer_field_has_an_integer_range_rule() {
    for target in Target::all() {
        let rules: Vec<String> = catalogue(target)
            .into_iter()
            .filter(|e| e.rule == Rule::IntegerRange)
            // The bound is an errata decision: inferred, a warning (E-FEC-15, E-SL-23, E-MSL-24).
            .inspect(|e| {
                assert_eq!(e.evidence.strength, Strength::Inferred, "{e:?}");
                assert_eq!(e.severity, Severity::Warning, "{e:?}");
                assert!(e.evidence.why.contains("E-"), "{e:?}");
            })
            .map(|e| e.pointer)
            .collect();
        assert_eq!(rules, integer_fields(target), "{target}");
    }
}

#[test]
fn every_numeric_field_of_every_api_is_covered() {
    let mut seen: Vec<(Api, String)> = Vec::new();
    for target in Target::all() {
        for pointer in integer_fields(target) {
            let name = pointer.rsplit('/').next().unwrap_or_default().to_owned();
            if !seen.contains(&(target.api, name.clone())) {
                seen.push((target.api, name));
            }
        }
    }
    let expected = [
        (Api::Fecify, "accepts_marketing"),
        (Api::Fecify, "payafteruse_status"),
        (Api::Fecify, "payafteruse_level"),
        (Api::Fecify, "id"),
        (Api::Fecify, "customervip_id"),
        (Api::Shopline, "birth_year"),
        (Api::Shopline, "birth_month"),
        (Api::Shopline, "birth_day"),
        (Api::Myshopline, "gender"),
        (Api::Myshopline, "state"),
        (Api::Myshopline, "opt_in_level"),
    ];
    for (api, name) in expected {
        assert!(
            seen.contains(&(api, name.to_owned())),
            "{api} {name} is not an integer field"
        );
    }
    assert_eq!(seen.len(), expected.len(), "{seen:?}");
}

#[test]
fn integers_beyond_what_a_store_keeps_are_rejected_everywhere() {
    let mut checked = 0;
    for target in Target::all() {
        for template in integer_fields(target) {
            let pointer = template.replace('*', "0");
            for (text, rule) in BEYOND {
                let mut body = minimal(target);
                // A marker replaced by the raw number, so the parser sees it as written.
                set(&mut body, &template, json!("@@number@@"));
                let raw = body.to_string().replace("\"@@number@@\"", text);
                let report = validate_str(target, &raw).expect("the body is JSON");
                // One finding, with the severity the catalogue gives the rule.
                let found: Vec<_> = report
                    .errors
                    .iter()
                    .chain(&report.warnings)
                    .filter(|v| v.pointer == pointer)
                    .collect();
                assert_eq!(found.len(), 1, "{target} {raw}: {report:#?}");
                let error = found[0];
                let expected = catalogue(target)
                    .into_iter()
                    .find(|e| e.rule == rule && e.pointer == template)
                    .map(|e| e.severity);
                assert_eq!(Some(error.severity), expected, "{target} {raw}");
                assert_eq!(
                    (error.rule, error.pointer.as_str()),
                    (rule, pointer.as_str()),
                    "{target} {raw}"
                );
                assert!(!error.source.is_empty() && !error.message().is_empty());
                if rule == Rule::IntegerRange {
                    assert_eq!(error.strength, Strength::Inferred, "{error:?}");
                    assert_eq!(
                        error.limit(),
                        Some(json!([i64::MIN, i64::MAX])),
                        "{target} {raw}"
                    );
                }
                // The tree entry point agrees with the text one.
                let value: Value = serde_json::from_str(&raw).expect("the body is JSON");
                assert_eq!(validate_value(target, &value), report, "{target} {raw}");
                checked += 1;
            }
        }
    }
    assert!(checked >= 5 * 11, "only {checked} cases");
    // Fecify update's `status` is an integer that update cannot change at all.
    let target = Target::new(Api::Fecify, Operation::UpdateCustomer);
    for (text, _) in BEYOND {
        let raw = format!("{{\"id\": 1, \"status\": {text}}}");
        let report = validate_str(target, &raw).expect("the body is JSON");
        assert!(report.has_error(Rule::NotUpdatable, "/status"), "{raw}");
    }
}

#[test]
fn the_edges_of_the_range_are_kept() {
    let target = Target::new(Api::Fecify, Operation::UpdateCustomer);
    for text in [
        "9223372036854775807",
        "-9223372036854775808",
        "1.0",
        "1e2",
        "9007199254740991.0",
        "-9007199254740991.0",
    ] {
        let raw = format!("{{\"id\": {text}}}");
        let report = validate_str(target, &raw).expect("the body is JSON");
        assert!(report.is_valid(), "{raw}: {:#?}", report.errors);
    }
    // A float at 2^53 may stand for 2^53 + 1: not kept exactly.
    let report = validate_str(target, "{\"id\": 9007199254740993.0}").expect("JSON");
    assert!(report.is_valid(), "{report:#?}");
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.rule == Rule::IntegerRange && w.pointer == "/id"),
        "{report:#?}"
    );
}

#[test]
fn an_integer_no_store_keeps_is_not_also_out_of_its_range() {
    // One rule per fault: `gender` (0-3) with 2^64 draws integer_range only.
    let target = Target::new(Api::Myshopline, Operation::UpdateCustomer);
    let report = validate_str(target, r#"{"customer": {"gender": 18446744073709551616}}"#)
        .expect("the body is JSON");
    assert!(report.is_valid());
    let rules: Vec<Rule> = report.warnings.iter().map(|e| e.rule).collect();
    assert_eq!(rules, [Rule::IntegerRange]);
    assert_eq!(report.warnings[0].pointer, "/customer/gender");
    assert!(report.warnings[0].message().contains("customer.gender"));
}
