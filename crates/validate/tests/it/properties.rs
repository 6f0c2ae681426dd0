//! Property tests: generated valid payloads pass, single-rule mutations fail with
//! the expected rule at the expected pointer, the catalogue and the mutations cover
//! the same rules, and no input makes any entry point panic.

use proptest::prelude::*;
use serde_json::Value;
use shopspec_model::{fecify, myshopline, shopline};
use shopspec_validate::testing::{arbitrary_json, mutation, mutation_rules, valid_payload};
use shopspec_validate::{
    Api, ApiVersion, Operation, Request, Rule, Severity, Target, catalogue, validate_request,
    validate_slice, validate_str, validate_value,
};

fn all_targets() -> Vec<Target> {
    Target::all()
}

/// 128 cases, unless `PROPTEST_CASES` asks for another number.
fn config() -> ProptestConfig {
    let mut config = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = 128;
    }
    config
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn valid_payloads_pass(
        (target, payload) in proptest::sample::select(all_targets())
            .prop_flat_map(|t| (Just(t), valid_payload(t)))
    ) {
        let report = validate_value(target, &payload);
        prop_assert!(report.is_valid(), "{target}: {payload}\n{:#?}", report.errors);
    }

    #[test]
    fn mutations_fail_with_the_expected_rule(
        (target, m) in proptest::sample::select(all_targets())
            .prop_flat_map(|t| (Just(t), mutation(t)))
    ) {
        let report = validate_value(target, &m.payload);
        match m.severity {
            Severity::Error => prop_assert!(
                report.has_error(m.rule, &m.pointer),
                "{target}: {} should give {} at {:?}; payload {}\n{:#?}",
                m.what, m.rule, m.pointer, m.payload, report.errors
            ),
            // An inferred rule: a warning, and the payload stays valid.
            Severity::Warning => prop_assert!(
                report.is_valid()
                    && report.warnings.iter().any(|v| v.rule == m.rule && v.pointer == m.pointer),
                "{target}: {} should warn {} at {:?}; payload {}\n{:#?}",
                m.what, m.rule, m.pointer, m.payload, report
            ),
        }
    }

    #[test]
    fn valid_payloads_round_trip_through_text(
        (target, payload) in proptest::sample::select(all_targets())
            .prop_flat_map(|t| (Just(t), valid_payload(t)))
    ) {
        let text = serde_json::to_string(&payload).expect("a Value serialises");
        let from_text = validate_str(target, &text).expect("generated JSON parses");
        prop_assert_eq!(from_text, validate_value(target, &payload));
    }

    #[test]
    fn arbitrary_json_never_panics(value in arbitrary_json()) {
        let text = serde_json::to_string(&value).expect("a Value serialises");
        let mut targets = all_targets();
        targets.push(
            Target::new(Api::Myshopline, Operation::CreateCustomer).with_version(ApiVersion::V20250601),
        );
        for target in targets {
            let report = validate_value(target, &value);
            // Every violation is well-formed: a pointer that resolves (or names a
            // missing key below one that does), a message, a source.
            for v in report.errors.iter().chain(&report.warnings) {
                prop_assert!(v.pointer.is_empty() || v.pointer.starts_with('/'));
                prop_assert!(!v.message().is_empty());
                prop_assert!(!v.source.is_empty());
                let parent = v.pointer.rsplit_once('/').map_or("", |(p, _)| p);
                prop_assert!(
                    value.pointer(&v.pointer).is_some() || value.pointer(parent).is_some(),
                    "{target}: dangling pointer {:?}", v.pointer
                );
            }
            prop_assert_eq!(validate_str(target, &text).ok(), Some(report));
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
        for target in all_targets() {
            if let Err(e) = validate_slice(target, &bytes) {
                prop_assert!(e.line >= 1 || bytes.is_empty());
            }
        }
    }

    #[test]
    fn typed_requests_validate_like_their_json(
        email in "[a-z]{1,10}@[a-z]{1,10}\\.com",
        name in "\\PC{0,140}",
        id in any::<i64>(),
    ) {
        let mut create = fecify::CreateCustomerRequest::new(email.clone(), name.clone(), "li");
        create.number_code = Some("1".into());
        check_request(&create, ApiVersion::LATEST_STABLE)?;
        let update = fecify::UpdateCustomerRequest {
            first_name: shopspec_model::Patch::Value(name.clone()),
            ..fecify::UpdateCustomerRequest::new(id)
        };
        check_request(&update, ApiVersion::LATEST_STABLE)?;
        let sl = shopline::CreateCustomerRequest {
            email: Some(email.clone()),
            name: shopspec_model::Patch::Value(name.clone()),
            ..Default::default()
        };
        check_request(&sl, ApiVersion::LATEST_STABLE)?;
        check_request(&shopline::UpdateCustomerRequest::default(), ApiVersion::LATEST_STABLE)?;
        for version in ApiVersion::SUPPORTED {
            let msl = myshopline::CreateCustomerRequest::from(myshopline::CustomerCreateInput {
                email: Some(email.clone()),
                first_name: Some(name.clone()),
                ..Default::default()
            });
            let report = check_request(&msl, version)?;
            // An error where documented; a warning on v20220901 create (E-MSL-10).
            let long = report
                .errors
                .iter()
                .chain(&report.warnings)
                .any(|v| v.rule == Rule::MaxLength && v.pointer == "/customer/first_name");
            prop_assert_eq!(long, name.chars().count() > 128);
            check_request(&myshopline::UpdateCustomerRequest::from(myshopline::CustomerUpdateInput::default()), version)?;
        }
    }
}

fn check_request<R: Request>(
    req: &R,
    version: ApiVersion,
) -> Result<shopspec_validate::Report, TestCaseError> {
    let report = validate_request(req, version);
    let value = serde_json::to_value(req).expect("model types serialise");
    let target = Target::new(R::API, R::OPERATION).with_version(version);
    prop_assert_eq!(&report, &validate_value(target, &value));
    Ok(report)
}

#[test]
fn mutations_cover_every_error_rule_of_the_catalogue() {
    for target in all_targets() {
        let covered = mutation_rules(target);
        let mut errors: Vec<(Rule, String)> = catalogue(target)
            .into_iter()
            .filter(|e| e.severity == Severity::Error)
            .map(|e| (e.rule, e.pointer))
            .collect();
        errors.sort();
        errors.dedup();
        assert_eq!(covered, errors, "{target}");
    }
}

#[test]
fn fixed_corner_cases_do_not_panic() {
    let odd: Vec<Value> = vec![
        serde_json::json!({"customer": {"tags": ",,,,"}}),
        serde_json::json!({"customer": {"birthday": "99999999", "addresses": [null, 1, "x"]}}),
        serde_json::json!({"birthday": "0000-00-00", "birth_month": 1e300, "gender": ["male"]}),
        serde_json::json!({"customervip_id": u64::MAX, "id": -0.0, "accepts_marketing": 1.0}),
        serde_json::json!({"~": {"/": []}, "": null}),
    ];
    for value in &odd {
        for target in all_targets() {
            let _report = validate_value(target, value);
        }
    }
    // 1.0 is an integer (as in JSON Schema) and within {1, 2}.
    let report = validate_value(
        Target::new(Api::Fecify, Operation::UpdateCustomer),
        &serde_json::json!({"id": 1.0, "accepts_marketing": 1.0}),
    );
    assert!(report.is_valid(), "{:#?}", report.errors);
}
