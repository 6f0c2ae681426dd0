//! Behaviour of the hand-written serde types: `Patch`, `CustomerVipId`, the 1/2
//! enums, `ApiVersion`, and unknown-field preservation.

use serde_json::{Value, json};
use shopspec_model::myshopline::{self, ApiVersion};
use shopspec_model::{Api, Operation, Patch, fecify, shopline};

#[test]
fn update_fields_distinguish_absent_null_and_value() {
    let update = fecify::UpdateCustomerRequest {
        note: Patch::Value("hello".into()),
        phone: Patch::Null,
        ..fecify::UpdateCustomerRequest::new(574)
    };
    let json = serde_json::to_value(&update).unwrap();
    assert_eq!(json, json!({"id": 574, "phone": null, "note": "hello"}));

    let back: fecify::UpdateCustomerRequest = serde_json::from_value(json).unwrap();
    assert_eq!(back.phone, Patch::Null);
    assert_eq!(back.note, Patch::Value("hello".into()));
    assert_eq!(back.first_name, Patch::Absent);
}

#[test]
fn customervip_id_is_an_integer_or_the_empty_string() {
    let unchanged = fecify::UpdateCustomerRequest {
        customervip_id: Patch::Value(fecify::CustomerVipId::Unchanged),
        ..fecify::UpdateCustomerRequest::new(1)
    };
    assert_eq!(
        serde_json::to_value(&unchanged).unwrap(),
        json!({"id": 1, "customervip_id": ""})
    );
    let parsed: fecify::UpdateCustomerRequest =
        serde_json::from_value(json!({"id": 1, "customervip_id": 10})).unwrap();
    assert_eq!(
        parsed.customervip_id,
        Patch::Value(fecify::CustomerVipId::Id(10))
    );
    for bad in [json!("10"), json!(1.5), json!(true)] {
        let r = serde_json::from_value::<fecify::UpdateCustomerRequest>(
            json!({"id": 1, "customervip_id": bad}),
        );
        assert!(r.is_err(), "customervip_id {bad} must not decode");
    }
}

#[test]
fn one_or_two_enums_refuse_other_integers() {
    let ok: fecify::CreateCustomerRequest = serde_json::from_value(json!({
        "email": "a@example.com", "first_name": "a", "last_name": "b",
        "accepts_marketing": 2, "payafteruse_status": 1
    }))
    .unwrap();
    assert_eq!(
        ok.accepts_marketing,
        Some(fecify::AcceptsMarketing::Refuses)
    );
    assert_eq!(
        ok.payafteruse_status,
        Some(fecify::PayAfterUseStatus::PayAfterUse)
    );
    let bad = serde_json::from_value::<fecify::CreateCustomerRequest>(json!({
        "email": "a@example.com", "first_name": "a", "last_name": "b", "accepts_marketing": 3
    }));
    assert!(bad.is_err());
}

#[test]
fn create_uses_number_code_and_update_uses_phone_prefix() {
    let mut create = fecify::CreateCustomerRequest::new("a@example.com", "a", "b");
    create.number_code = Some("1".into());
    let json = serde_json::to_value(&create).unwrap();
    assert_eq!(json["numberCode"], "1");
    assert!(json.get("number_code").is_none());

    let update = fecify::UpdateCustomerRequest {
        phone_prefix: Patch::Value("1".into()),
        ..fecify::UpdateCustomerRequest::new(1)
    };
    assert_eq!(serde_json::to_value(&update).unwrap()["phone_prefix"], "1");
}

#[test]
fn responses_keep_fields_the_docs_do_not_name() {
    let body = json!({
        "code": 200,
        "data": {"id": 1, "email": "a@example.com", "loyalty_points": 7},
        "message": "success",
        "request_id": "abc"
    });
    let env: fecify::CreateCustomerResponse = serde_json::from_value(body.clone()).unwrap();
    assert!(env.is_success());
    let customer = env.data.as_ref().unwrap();
    assert_eq!(customer.extra["loyalty_points"], 7);
    assert_eq!(env.extra["request_id"], "abc");
    assert_eq!(serde_json::to_value(&env).unwrap(), body);

    let sl: shopline::Customer =
        serde_json::from_value(json!({"id": "5ce0", "vip_level": {"x": 1}})).unwrap();
    assert_eq!(sl.extra["vip_level"], json!({"x": 1}));
}

#[test]
fn a_failure_envelope_decodes_whatever_its_data() {
    for data in [json!([]), json!(null), json!({"errors": ["x"]})] {
        let env: fecify::ErrorEnvelope =
            serde_json::from_value(json!({"code": 1100000, "data": data, "message": "dup"}))
                .unwrap();
        assert!(!env.is_success());
    }
    let ok: fecify::Envelope =
        serde_json::from_value(json!({"code": 200, "data": {"id": 5}, "message": "success"}))
            .unwrap();
    let customer: fecify::Customer = ok.into_data().unwrap();
    assert_eq!(customer.id, 5);
}

#[test]
fn api_versions_parse_display_and_order() {
    assert_eq!(
        "v20260301".parse::<ApiVersion>().unwrap(),
        ApiVersion::LATEST_STABLE
    );
    assert_eq!(ApiVersion::V20220901.to_string(), "v20220901");
    assert!(ApiVersion::V20220901 < ApiVersion::V20250601);
    assert!(ApiVersion::V20250601 < ApiVersion::V20260301);
    for bad in [
        "20260301",
        "v2026031",
        "v20261301",
        "v20260300",
        "v2026030a",
        "V20260301",
        "",
    ] {
        let err = bad.parse::<ApiVersion>().unwrap_err();
        assert!(err.to_string().contains("vYYYYMMDD"), "{bad}: {err}");
    }
    assert!(ApiVersion::SUPPORTED.iter().all(|v| v.is_supported()));
    assert!(!"v20230301".parse::<ApiVersion>().unwrap().is_supported());
    assert_eq!(
        serde_json::to_value(ApiVersion::V20220901).unwrap(),
        json!("v20220901")
    );
}

#[test]
fn myshopline_bodies_are_wrapped_and_gender_is_an_integer() {
    let create = myshopline::CreateCustomerRequest::from(myshopline::CustomerCreateInput {
        email: Some("a@example.com".into()),
        gender: Some(myshopline::Gender::Secret),
        ..Default::default()
    });
    assert_eq!(
        serde_json::to_value(&create).unwrap(),
        json!({"customer": {"email": "a@example.com", "gender": 3}})
    );
    let bad = serde_json::from_value::<myshopline::CreateCustomerRequest>(
        json!({"customer": {"gender": 4}}),
    );
    assert!(bad.is_err());
    // Answers may carry gender as a word (create response docs) or a number.
    let c: myshopline::Customer =
        serde_json::from_value(json!({"id": "1", "gender": "female"})).unwrap();
    assert_eq!(c.gender, Some(Value::from("female")));
    let e = myshopline::ErrorBody::message("Too many request");
    assert_eq!(
        serde_json::to_value(&e).unwrap(),
        json!({"errors": "Too many request"})
    );
    assert_eq!(e.summary(), "Too many request");
}

#[test]
fn api_and_operation_names_round_trip() {
    for api in Api::ALL {
        assert_eq!(api.as_str().parse::<Api>().unwrap(), api);
        assert_eq!(serde_json::to_value(api).unwrap(), json!(api.as_str()));
    }
    for op in Operation::ALL {
        assert_eq!(op.as_str().parse::<Operation>().unwrap(), op);
        assert_eq!(serde_json::to_value(op).unwrap(), json!(op.as_str()));
    }
    let err = "shopify".parse::<Api>().unwrap_err().to_string();
    assert!(err.contains("fecify, shopline, myshopline"), "{err}");
}
