//! The documented examples are valid; the documented nonconforming example is not;
//! and hand-picked payloads break exactly the rules the docs state.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use shopspec_validate::{
    Api, ApiVersion, Operation, Report, Rule, Target, catalogue, validate_str, validate_value,
};

fn spec_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../spec")
}

fn read(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `(api, operation)` from `spec/<api>/examples/<operation>.request[.<variant>].json`.
fn request_example(path: &Path) -> Option<(Api, Operation)> {
    let name = path.file_name()?.to_str()?;
    let (operation, rest) = name.split_once('.')?;
    if !(rest == "request.json" || (rest.starts_with("request.") && rest.ends_with(".json"))) {
        return None;
    }
    let api: Api = path
        .parent()?
        .parent()?
        .file_name()?
        .to_str()?
        .parse()
        .ok()?;
    Some((api, operation.parse().ok()?))
}

fn targets(api: Api, operation: Operation) -> Vec<Target> {
    let target = Target::new(api, operation);
    if api == Api::Myshopline {
        ApiVersion::SUPPORTED
            .iter()
            .map(|v| target.with_version(*v))
            .collect()
    } else {
        vec![target]
    }
}

fn errors(report: &Report) -> Vec<(Rule, &str)> {
    report
        .errors
        .iter()
        .map(|v| (v.rule, v.pointer.as_str()))
        .collect()
}

#[test]
fn every_spec_request_example_is_valid_for_every_version() {
    let mut checked = 0;
    for api in Api::ALL {
        let dir = spec_dir().join(api.as_str()).join("examples");
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let path = entry.expect("readable dir entry").path();
            // Folders (such as nonconforming/) are skipped by is_file.
            if !path.is_file() {
                continue;
            }
            let Some((api, operation)) = request_example(&path) else {
                continue;
            };
            let payload = read(&path);
            for target in targets(api, operation) {
                let report = validate_value(target, &payload);
                assert!(
                    report.is_valid(),
                    "{} ({target}) should be valid: {:#?}",
                    path.display(),
                    report.errors
                );
                checked += 1;
            }
        }
    }
    // fecify 2 + shopline 1 + myshopline 2 files x 3 versions, at least.
    assert!(checked >= 9, "only {checked} example checks ran");
}

/// The request examples of the four seed pages, copied verbatim.
#[test]
fn seed_request_examples_are_valid() {
    let cases = [
        (
            Api::Fecify,
            Operation::CreateCustomer,
            json!({
                "last_name": "li", "first_name": "yunlong2", "email": "liyunlong@pingan2.com",
                "phone": "+1 565689891", "accepts_marketing": 1, "numberCode": "1",
                "payafteruse_status": 2, "payafteruse_level": 1
            }),
        ),
        (
            Api::Fecify,
            Operation::UpdateCustomer,
            json!({
                "id": 574, "first_name": "yunlong2", "last_name": "li1", "phone": "+1 565689891",
                "accepts_marketing": 1, "payafteruse_status": 2, "payafteruse_level": 1
            }),
        ),
        (
            Api::Myshopline,
            Operation::UpdateCustomer,
            json!({"customer": {
                "birthday": "19990304", "email": "hqh0315@test.com", "first_name": "修改",
                "gender": 3, "last_name": "用户0315", "note": "Placedanorderthathadafraudwarning",
                "phone": "0015834564475", "tags": "loyal"
            }}),
        ),
    ];
    for (api, operation, payload) in cases {
        for target in targets(api, operation) {
            let report = validate_value(target, &payload);
            assert!(report.is_valid(), "{target}: {:#?}", report.errors);
        }
    }
}

#[test]
fn explorer_example_only_warns_about_deprecations_on_new_versions() {
    let payload =
        read(&spec_dir().join("myshopline/examples/update-customer.request.explorer.json"));
    let old = validate_value(
        Target::new(Api::Myshopline, Operation::UpdateCustomer).with_version(ApiVersion::V20220901),
        &payload,
    );
    assert!(old.is_valid() && old.warnings.is_empty(), "{old:#?}");
    let new = validate_value(
        Target::new(Api::Myshopline, Operation::UpdateCustomer),
        &payload,
    );
    assert!(new.is_valid(), "{:#?}", new.errors);
    let deprecated: Vec<&str> = new
        .warnings
        .iter()
        .filter(|w| w.rule == Rule::Deprecated)
        .map(|w| w.pointer.as_str())
        .collect();
    assert_eq!(
        deprecated,
        [
            "/customer/accepts_marketing",
            "/customer/addresses/0/country_name",
            "/customer/addresses/0/name",
            "/customer/addresses/0/province_code",
        ]
    );
}

#[test]
fn nonconforming_shopline_update_example_is_invalid() {
    let payload =
        read(&spec_dir().join("shopline/examples/nonconforming/update-customer.request.json"));
    let report = validate_value(
        Target::new(Api::Shopline, Operation::UpdateCustomer),
        &payload,
    );
    assert_eq!(
        errors(&report),
        [(Rule::Type, "/is_member"), (Rule::Type, "/is_blacklisted")]
    );
    // The guide's own example sends custom_data: only inferred wrong (E-SL-1, E-CHK-9).
    let custom = report
        .warnings
        .iter()
        .find(|w| w.rule == Rule::UnknownField && w.pointer == "/custom_data")
        .expect("a warning names custom_fields");
    assert!(
        custom.message().contains("custom_fields"),
        "{}",
        custom.message()
    );
}

#[test]
fn fecify_update_rejects_email_status_and_create_names() {
    let report = validate_value(
        Target::new(Api::Fecify, Operation::UpdateCustomer),
        &json!({"id": 1, "email": "a@b.c", "status": 1, "numberCode": "1", "customervip_id": ""}),
    );
    assert_eq!(
        errors(&report),
        [
            (Rule::NotUpdatable, "/email"),
            (Rule::NotUpdatable, "/status")
        ]
    );
    // numberCode is create's name: an inferred hint, a warning (E-FEC-1, E-CHK-9).
    let hint = &report.warnings[0];
    assert_eq!(
        (hint.rule, hint.pointer.as_str()),
        (Rule::UnknownField, "/numberCode")
    );
    assert!(hint.message().contains("phone_prefix"));
    assert!(report.errors.iter().all(|e| e.source
        == "https://www.fecify.com/doc-3/cn-1.0/fecify-skill-api-customer-update.html"
        && e.quote == "emailstatus 不可通过此接口修改"));
}

#[test]
fn fecify_null_and_wrong_types_are_type_errors() {
    let report = validate_value(
        Target::new(Api::Fecify, Operation::UpdateCustomer),
        &json!({"id": "574", "note": null, "customervip_id": "3", "accepts_marketing": 3}),
    );
    assert_eq!(
        errors(&report),
        [
            (Rule::Type, "/id"),
            (Rule::Type, "/note"),
            (Rule::Type, "/customervip_id"),
            (Rule::Enum, "/accepts_marketing"),
        ]
    );
    assert_eq!(report.errors[3].limit(), Some(json!([1, 2])));
}

#[test]
fn fecify_create_requires_three_fields_and_warns_on_guesses() {
    let report = validate_value(
        Target::new(Api::Fecify, Operation::CreateCustomer),
        &json!({}),
    );
    assert_eq!(
        errors(&report),
        [
            (Rule::Required, "/email"),
            (Rule::Required, "/first_name"),
            (Rule::Required, "/last_name"),
        ]
    );
    let long = json!({
        "email": format!("{}@example.com", "a".repeat(60)),
        "first_name": "x".repeat(101), "last_name": "li", "phone": "1".repeat(21),
    });
    let report = validate_value(Target::new(Api::Fecify, Operation::CreateCustomer), &long);
    assert!(report.is_valid());
    let warnings: Vec<(Rule, &str)> = report
        .warnings
        .iter()
        .map(|w| (w.rule, w.pointer.as_str()))
        .collect();
    assert_eq!(
        warnings,
        [
            (Rule::MaxLength, "/email"),
            (Rule::MaxLength, "/first_name"),
            (Rule::MaxLength, "/phone"),
        ]
    );
    let no_at = json!({"email": "nobody", "first_name": "a", "last_name": "b"});
    let report = validate_value(Target::new(Api::Fecify, Operation::CreateCustomer), &no_at);
    assert!(report.is_valid());
    assert_eq!(report.warnings[0].rule, Rule::Format);
}

#[test]
fn shopline_create_cross_field_rules() {
    let t = Target::new(Api::Shopline, Operation::CreateCustomer);
    let report = validate_value(t, &json!({"name": "a", "email": "", "mobile_phone": ""}));
    assert_eq!(errors(&report), [(Rule::OneOfRequired, "")]);
    assert_eq!(
        report.errors[0].limit(),
        Some(json!(["email", "mobile_phone"]))
    );

    let report = validate_value(t, &json!({"name": "a", "mobile_phone": "944384598"}));
    assert_eq!(
        errors(&report),
        [(Rule::RequiredWith, "/mobile_phone_country_calling_code")]
    );

    let report = validate_value(
        t,
        &json!({"name": "a", "email": "a@b.co", "birthday": null, "birth_month": 13}),
    );
    // The month's range is only inferred (E-SL-15): a warning.
    assert_eq!(errors(&report), [(Rule::MutuallyExclusive, "/birthday")]);
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.rule == Rule::Range && w.pointer == "/birth_month")
    );

    let report = validate_value(
        t,
        &json!({"email": "a@b.co", "birthday": "1899-12-31", "is_member": "true", "gender": null}),
    );
    assert_eq!(
        errors(&report),
        [(Rule::Format, "/birthday"), (Rule::Type, "/is_member")]
    );
    assert_eq!(report.warnings[0].rule, Rule::Required);
    assert_eq!(report.warnings[0].pointer, "/name");

    // A date that does not exist: the YYYY-MM-DD reading is inferred (E-SL-14).
    let report = validate_value(
        t,
        &json!({"email": "a@b.co", "name": null, "birthday": "2001-02-29"}),
    );
    assert!(report.is_valid());
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.rule == Rule::Format && w.pointer == "/birthday")
    );
    // The calling code without the phone (documented both ways).
    let report = validate_value(
        t,
        &json!({"email": "a@b.co", "mobile_phone_country_calling_code": "886"}),
    );
    assert_eq!(errors(&report), [(Rule::RequiredWith, "/mobile_phone")]);

    let addresses: Vec<Value> = (0..6).map(|_| json!({"city": "Taipei"})).collect();
    let report = validate_value(
        t,
        &json!({"email": "a@b.co", "delivery_addresses": addresses, "notification_types": ["fax"]}),
    );
    assert_eq!(
        errors(&report),
        [
            (Rule::MaxItems, "/delivery_addresses"),
            (Rule::Enum, "/notification_types/0"),
        ]
    );
}

#[test]
fn shopline_update_rules() {
    let t = Target::new(Api::Shopline, Operation::UpdateCustomer);
    let report = validate_value(
        t,
        &json!({"is_member": false, "phone": "0227", "phones": ["a", 1], "delivery_addresses": [{"zip": "1"}]}),
    );
    assert_eq!(
        errors(&report),
        [
            (Rule::RequiredWith, "/phone_country_code"),
            (Rule::Enum, "/is_member"),
            (Rule::Type, "/phones/1"),
        ]
    );
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.rule == Rule::UnknownField && w.pointer == "/delivery_addresses/0/zip")
    );
    assert!(validate_value(t, &json!({})).is_valid());
    // The 19xx/20xx rule is documented for create only: a warning on update.
    let report = validate_value(t, &json!({"birthday": "1850-01-01"}));
    assert!(report.is_valid());
    assert_eq!(report.warnings[0].rule, Rule::Format);
}

#[test]
fn myshopline_limits_follow_the_version() {
    let payload = json!({"customer": {
        "first_name": "é".repeat(128),
        "tags": format!("{},b", "t".repeat(101)),
        "addresses": [{"zip": "12345678901", "phone": "12345678901234567", "country_code": "USA"}],
    }});
    let old = validate_value(
        Target::new(Api::Myshopline, Operation::UpdateCustomer).with_version(ApiVersion::V20220901),
        &payload,
    );
    assert_eq!(
        errors(&old),
        [
            (Rule::MaxLength, "/customer/tags"),
            (Rule::MaxLength, "/customer/addresses/0/zip"),
            (Rule::MaxLength, "/customer/addresses/0/phone"),
        ]
    );
    let new = validate_value(
        Target::new(Api::Myshopline, Operation::UpdateCustomer),
        &payload,
    );
    assert_eq!(
        errors(&new),
        [
            (Rule::Format, "/customer/addresses/0/phone"),
            (Rule::Format, "/customer/addresses/0/country_code"),
        ]
    );

    let long = json!({"customer": {"first_name": "x".repeat(130)}});
    let report = validate_value(
        Target::new(Api::Myshopline, Operation::UpdateCustomer),
        &long,
    );
    assert_eq!(
        report.errors[0].message(),
        "`customer.first_name` is 130 characters long; at most 128 are allowed on v20260301"
    );
    assert_eq!(report.errors[0].limit(), Some(json!(128)));
}

#[test]
fn myshopline_body_shape() {
    let t = Target::new(Api::Myshopline, Operation::CreateCustomer);
    assert_eq!(errors(&validate_value(t, &json!([]))), [(Rule::Type, "")]);
    let report = validate_value(t, &json!({"email": "a@b.co"}));
    assert_eq!(errors(&report), [(Rule::Required, "/customer")]);
    assert_eq!(report.warnings[0].rule, Rule::UnknownField);
    assert_eq!(
        errors(&validate_value(t, &json!({"customer": "x"}))),
        [(Rule::Type, "/customer")]
    );
    assert_eq!(
        errors(&validate_value(t, &json!({"customer": {"note": "n"}}))),
        [(Rule::OneOfRequired, "/customer")]
    );
    let report = validate_value(
        t,
        &json!({"customer": {"phone": "0015834564475", "birthday": "19970230", "gender": 4, "password": "12345"}}),
    );
    assert_eq!(
        errors(&report),
        [
            (Rule::Format, "/customer/birthday"),
            (Rule::Range, "/customer/gender"),
            (Rule::MinLength, "/customer/password"),
        ]
    );
    // The create model does not deprecate `password` (audit finding 3).
    assert!(report.warnings.iter().all(|w| w.rule != Rule::Deprecated));
}

#[test]
fn myshopline_v20220901_specifics() {
    let v = ApiVersion::V20220901;
    let update = Target::new(Api::Myshopline, Operation::UpdateCustomer).with_version(v);
    let report = validate_value(update, &json!({"customer": {"accepts_marketing": true}}));
    assert_eq!(errors(&report), [(Rule::RequiredWith, "/customer/email")]);
    let report = validate_value(update, &json!({"customer": {"verified_email": true}}));
    assert!(report.is_valid());
    assert_eq!(report.warnings[0].rule, Rule::UnknownField);
    assert_eq!(report.warnings[0].pointer, "/customer/verified_email");

    // No v20220901 create page is known: every create rule is inferred from the
    // update page (E-MSL-10), so a create body draws warnings only.
    let create = Target::new(Api::Myshopline, Operation::CreateCustomer).with_version(v);
    let report = validate_value(
        create,
        &json!({"customer": {"email": "a@b.co", "verified_email": true, "password": "x"}}),
    );
    assert!(report.is_valid(), "{:#?}", report.errors);
    assert_eq!(report.warnings.len(), 2);
    assert!(report.warnings.iter().all(|w| w.rule == Rule::UnknownField));
    let report = validate_value(
        create,
        &json!({"customer": {"first_name": "x".repeat(129)}}),
    );
    assert!(report.is_valid());
    assert!(report.warnings.iter().any(|w| w.rule == Rule::MaxLength
        && w.strength == shopspec_validate::Strength::Inferred
        && w.message().contains("E-MSL-10")));
}

#[test]
fn unsupported_version_is_one_enum_error() {
    let t = Target::new(Api::Myshopline, Operation::UpdateCustomer)
        .with_version("v20250601".parse().expect("valid version string"));
    let report = validate_value(t, &json!({"customer": {}}));
    assert_eq!(errors(&report), [(Rule::Enum, "")]);
    assert!(report.errors[0].message().contains("v20220901"));
    assert!(report.errors[0].message().contains("v20260301"));
    // Other APIs ignore the version.
    let fec = Target::new(Api::Fecify, Operation::UpdateCustomer).with_version(t.version);
    assert!(validate_value(fec, &json!({"id": 1})).is_valid());
}

#[test]
fn pointers_escape_tilde_and_slash() {
    let report = validate_value(
        Target::new(Api::Fecify, Operation::CreateCustomer),
        &json!({"email": "a@b.co", "first_name": "a", "last_name": "b", "a/b~c": 1}),
    );
    assert!(report.is_valid());
    assert_eq!(report.warnings[0].rule, Rule::UnknownField);
    assert_eq!(report.warnings[0].pointer, "/a~1b~0c");
}

#[test]
fn parse_errors_carry_line_and_column() {
    let t = Target::new(Api::Fecify, Operation::CreateCustomer);
    let err = validate_str(t, "{\n  \"email\": \"a\",\n  oops\n}").expect_err("not JSON");
    assert_eq!(err.line, 3);
    assert_eq!(err.column, 3);
    assert!(err.to_string().contains("line 3, column 3"), "{err}");
}

#[test]
fn catalogue_lists_every_reported_rule() {
    // Every violation the engine reports on a broken payload has a catalogue entry
    // with the same rule at a matching pointer template.
    let broken = [
        (
            Target::new(Api::Myshopline, Operation::UpdateCustomer),
            json!({"customer": {"addresses": [{"zip": "1".repeat(65), "phone": "1"}], "tags": "a", "note": 1}}),
        ),
        (
            Target::new(Api::Shopline, Operation::CreateCustomer),
            json!({"mobile_phone": "1", "birthday": "x", "birth_day": 0, "x": 1}),
        ),
        (
            Target::new(Api::Fecify, Operation::UpdateCustomer),
            json!({"email": "a", "numberCode": "1"}),
        ),
    ];
    for (target, payload) in broken {
        let entries = catalogue(target);
        let report = validate_value(target, &payload);
        assert!(!report.errors.is_empty());
        for v in report.errors.iter().chain(&report.warnings) {
            let found = entries.iter().any(|e| {
                e.rule == v.rule
                    && e.severity == v.severity
                    && e.source == v.source
                    && template_matches(&e.pointer, &v.pointer, e.rule)
            });
            assert!(found, "{target}: no catalogue entry for {v:?}");
        }
    }
}

fn template_matches(template: &str, pointer: &str, rule: Rule) -> bool {
    let t: Vec<&str> = template.split('/').collect();
    let p: Vec<&str> = pointer.split('/').collect();
    let same = |t: &[&str], p: &[&str]| {
        t.len() == p.len()
            && t.iter()
                .zip(p)
                .all(|(a, b)| *a == *b || (*a == "*" && b.bytes().all(|c| c.is_ascii_digit())))
    };
    same(&t, &p)
        || (rule == Rule::UnknownField && p.len() == t.len() + 1 && same(&t, &p[..t.len()]))
}

#[test]
fn catalogue_has_the_documented_limits() {
    let v2022 = catalogue(
        Target::new(Api::Myshopline, Operation::UpdateCustomer).with_version(ApiVersion::V20220901),
    );
    let find = |entries: &[shopspec_validate::RuleEntry], ptr: &str, rule: Rule| {
        entries
            .iter()
            .filter(|e| e.pointer == ptr && e.rule == rule)
            .map(|e| e.limit.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        find(&v2022, "/customer/addresses/*/phone", Rule::MaxLength),
        [Some(json!(16))]
    );
    assert_eq!(
        find(&v2022, "/customer/tags", Rule::MaxLength),
        [Some(json!(1000)), Some(json!(100))]
    );
    let v2026 = catalogue(Target::new(Api::Myshopline, Operation::UpdateCustomer));
    assert_eq!(
        find(&v2026, "/customer/tags", Rule::MaxLength),
        [Some(json!(1000)), Some(json!(128))]
    );
    assert_eq!(
        find(&v2026, "/customer/addresses/*/zip", Rule::MaxLength),
        [Some(json!(64))]
    );
    // Every entry names a source: a seed file, a URL or an errata entry that exists.
    let errata = std::fs::read_to_string(spec_dir().join("errata.md")).expect("errata exist");
    for target in Target::all() {
        for e in catalogue(target) {
            let documented = match e.source.strip_prefix("spec/errata.md#") {
                Some(anchor) => errata.contains(&format!("<a id=\"{anchor}\"></a>")),
                None => e.source.starts_with("https://"),
            };
            assert!(documented, "{target}: {e:?}");
        }
    }
}

#[test]
fn secrets_are_never_part_of_a_report() {
    // Reports only ever echo payload values; the payload has no token field, and a
    // token-looking value in an unknown field is not echoed.
    let token = "eyJhbGciOiJIUzUxMiJ9.secret-token-value";
    let report = validate_value(
        Target::new(Api::Myshopline, Operation::UpdateCustomer),
        &json!({"Authorization": format!("Bearer {token}"), "customer": {"skill-access-token": token}}),
    );
    assert_eq!(report.warnings.len(), 2);
    let shown = format!(
        "{report:?}{}",
        serde_json::to_string(&report).expect("serialisable")
    );
    assert!(!shown.contains(token), "{shown}");
}

#[test]
fn errata_warnings() {
    let sl_create = Target::new(Api::Shopline, Operation::CreateCustomer);
    let sl_update = Target::new(Api::Shopline, Operation::UpdateCustomer);
    let warnings = |report: &Report| -> Vec<(Rule, String)> {
        report
            .warnings
            .iter()
            .map(|w| (w.rule, w.pointer.clone()))
            .collect()
    };
    // E-SL-5: a null name is allowed but warned about.
    let report = validate_value(sl_create, &json!({"name": null, "email": "a@b.co"}));
    assert!(report.is_valid());
    assert_eq!(warnings(&report), [(Rule::Required, "/name".to_owned())]);
    // E-SL-8: a comma in mobile_phone.
    let report = validate_value(
        sl_create,
        &json!({"name": "a", "mobile_phone": "911,912", "mobile_phone_country_calling_code": "886"}),
    );
    assert!(report.is_valid());
    assert_eq!(
        warnings(&report),
        [(Rule::Format, "/mobile_phone".to_owned())]
    );
    // E-SL-2: phones on update; E-SL-17: a past tier expiry.
    let report = validate_value(
        sl_update,
        &json!({"phones": "0227", "tier_expires_at": "2001-01-01", "is_blacklisted": "false"}),
    );
    // "Only future Date is available" is documented for update: an error.
    assert_eq!(
        errors(&report),
        [
            (Rule::Range, "/tier_expires_at"),
            (Rule::Type, "/is_blacklisted")
        ]
    );
    assert!(report.errors[1].message().contains("without quotes"));
    assert_eq!(
        warnings(&report),
        [(Rule::Deprecated, "/phones".to_owned())]
    );
    assert!(
        validate_value(
            sl_update,
            &json!({"tier_expires_at": "2999-01-01T00:00:00Z"})
        )
        .warnings
        .is_empty()
    );
    // E-SL-15: a day that does not exist in its month.
    let report = validate_value(
        sl_update,
        &json!({"birth_year": 2001, "birth_month": 2, "birth_day": 29}),
    );
    assert!(report.is_valid());
    assert_eq!(warnings(&report), [(Rule::Range, "/birth_day".to_owned())]);
    let leap = json!({"birth_year": 2000, "birth_month": 2, "birth_day": 29});
    assert!(validate_value(sl_update, &leap).is_valid());
    // E-MSL-6: empty or padded tags.
    let msl = Target::new(Api::Myshopline, Operation::UpdateCustomer);
    let report = validate_value(msl, &json!({"customer": {"tags": "a, b,,c"}}));
    assert!(report.is_valid());
    assert_eq!(
        warnings(&report),
        [(Rule::Format, "/customer/tags".to_owned())]
    );
    // E-MSL-8: accepts_marketing without email warns where it is not documented.
    let report = validate_value(msl, &json!({"customer": {"accepts_marketing": false}}));
    assert!(report.is_valid());
    assert_eq!(
        warnings(&report),
        [
            (Rule::RequiredWith, "/customer/email".to_owned()),
            (Rule::Deprecated, "/customer/accepts_marketing".to_owned()),
        ]
    );
}
