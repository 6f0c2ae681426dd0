//! The official Go SDK (shoplineos/shopline-sdk-go) against the sandbox: every
//! request is built as the SDK marshals it, and every answer is decoded into the
//! SDK's own answer types, strictly (spec/errata.md#E-MSL-3, E-MSL-10, E-MSL-26).

use crate::common;
use crate::go_sdk;

use common::{TOKEN, client, email, myshopline_url, send_raw, start};
use go_sdk::{AddressOut, ConsentOut, CustomerOut, RequestOut, decode_create, decode_update};
use reqwest::Method;
use serde_json::{Value, json};
use shopspec_sandbox::{Api, Sandbox};

const VERSIONS: [&str; 3] = ["v20220901", "v20251201", "v20260301"];

/// Sends `body` as the Go SDK does (`Content-Type: application/json`, no
/// charset) and returns the status and the raw answer.
async fn go_send(
    sandbox: &Sandbox,
    method: Method,
    version: &str,
    id: Option<&str>,
    body: &RequestOut,
) -> (u16, Vec<u8>) {
    let bytes = serde_json::to_vec(body).expect("encodes");
    let response = send_raw(
        &client(),
        Api::Myshopline,
        method,
        &myshopline_url(sandbox, version, id),
        Some(TOKEN),
        Some("application/json"),
        bytes,
    )
    .await;
    let status = response.status().as_u16();
    (status, response.bytes().await.expect("body").to_vec())
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A create with a gender, as the SDK sends it: the consent structs are `{}`.
fn create_with_gender(gender: i64) -> RequestOut {
    RequestOut {
        customer: CustomerOut {
            email: email("go-gender"),
            first_name: "Bob".into(),
            gender,
            ..CustomerOut::default()
        },
    }
}

#[test]
fn the_sdk_sends_empty_consent_objects_and_drops_zero_values() {
    let body = serde_json::to_value(create_with_gender(0)).expect("encodes");
    let customer = &body["customer"];
    assert_eq!(customer["email_marketing_consent"], json!({}));
    assert_eq!(customer["sms_marketing_consent"], json!({}));
    // gender 0, false and "" are omitted, as Go's omitempty omits them.
    for key in ["gender", "accepts_marketing", "note", "addresses", "phone"] {
        assert!(customer.get(key).is_none(), "{key} is sent: {customer}");
    }
}

#[tokio::test]
async fn a_create_with_a_gender_decodes_on_every_version() {
    let sandbox = start().await;
    for version in VERSIONS {
        for (gender, v2025, v2026) in [(1, "1", "male"), (2, "2", "female"), (3, "3", "secret")] {
            let (status, body) = go_send(
                &sandbox,
                Method::POST,
                version,
                None,
                &create_with_gender(gender),
            )
            .await;
            assert_eq!(status, 200, "{version}: {}", text(&body));
            let customer = decode_create(&body).unwrap_or_else(|e| {
                panic!("{version}: the SDK cannot decode: {e}: {}", text(&body))
            });
            let want = if version == "v20260301" { v2026 } else { v2025 };
            assert_eq!(customer.gender.as_deref(), Some(want), "{version}");
            assert_eq!(customer.first_name.as_deref(), Some("Bob"));
        }
    }
    sandbox.shutdown().await;
}

#[tokio::test]
async fn an_update_that_sends_empty_consents_keeps_the_consent() {
    let sandbox = start().await;
    for version in ["v20251201", "v20260301"] {
        let consent = ConsentOut {
            state: 1,
            opt_in_level: 1,
            consent_collected_from: "pop".into(),
            consent_updated_at: "2022-09-07T10:53:31+08:00".into(),
        };
        let mut create = create_with_gender(2);
        create.customer.email_marketing_consent = consent.clone();
        create.customer.sms_marketing_consent = consent.clone();
        let (status, body) = go_send(&sandbox, Method::POST, version, None, &create).await;
        assert_eq!(status, 200, "{}", text(&body));
        let created = decode_create(&body).expect("decodes");
        assert_eq!(created.email_subscribe_flag, Some(1));
        assert_eq!(created.mobile_subscribe_flag, Some(1));
        let id = created.id.clone().expect("an id");

        // The SDK's update of first_name alone: both consents go out as {}.
        let update = RequestOut {
            customer: CustomerOut {
                first_name: "Robert".into(),
                ..CustomerOut::default()
            },
        };
        let (status, body) = go_send(&sandbox, Method::PUT, version, Some(&id), &update).await;
        assert_eq!(status, 200, "{}", text(&body));
        let updated = decode_update(&body).expect("decodes");
        assert_eq!(updated.first_name.as_deref(), Some("Robert"));
        assert_eq!(updated.email_subscribe_flag, Some(1), "{version}");
        assert_eq!(updated.mobile_subscribe_flag, Some(1), "{version}");
        assert_eq!(
            updated.email_marketing_consent,
            created.email_marketing_consent
        );
        assert_eq!(updated.sms_marketing_consent, created.sms_marketing_consent);
        assert_eq!(
            updated.accepts_marketing_updated_at, created.accepts_marketing_updated_at,
            "an empty consent is not a consent change"
        );
        let consent = updated.email_marketing_consent.expect("kept");
        assert_eq!(consent.state, Some(1));
        assert_eq!(consent.consent_collected_from.as_deref(), Some("pop"));
    }
    sandbox.shutdown().await;
}

#[tokio::test]
async fn v20220901_takes_the_sdk_create_and_update_alike() {
    let sandbox = start().await;
    let (status, body) = go_send(
        &sandbox,
        Method::POST,
        "v20220901",
        None,
        &create_with_gender(1),
    )
    .await;
    assert_eq!(status, 200, "{}", text(&body));
    let id = decode_create(&body).expect("decodes").id.expect("an id");
    let update = RequestOut {
        customer: CustomerOut {
            last_name: "Norman".into(),
            ..CustomerOut::default()
        },
    };
    let (status, body) = go_send(&sandbox, Method::PUT, "v20220901", Some(&id), &update).await;
    assert_eq!(
        status,
        200,
        "the SDK's empty consents are ignored: {}",
        text(&body)
    );
    let updated = decode_update(&body).expect("decodes");
    assert_eq!(updated.last_name.as_deref(), Some("Norman"));
    sandbox.shutdown().await;
}

/// Every value the SDK can send is kept: the answers show what was sent.
#[tokio::test]
async fn every_value_the_sdk_sends_is_kept() {
    let sandbox = start().await;
    for version in ["v20251201", "v20260301"] {
        let address = AddressOut {
            address1: "7720 Cherokee Road".into(),
            address2: "Apartment 2".into(),
            city: "Hagerman".into(),
            company: "Joy".into(),
            country: "United States".into(),
            country_code: "US".into(),
            first_name: "Bob".into(),
            last_name: "Norman".into(),
            phone: "001467326483".into(),
            province: "Kentucky".into(),
            province_code: "KY".into(),
            zip: "40202".into(),
            default: true,
            ..AddressOut::default()
        };
        let email_consent = ConsentOut {
            state: 1,
            opt_in_level: 2,
            consent_collected_from: "pop".into(),
            consent_updated_at: "2022-09-07T10:53:31+08:00".into(),
        };
        let sms_consent = ConsentOut {
            state: 3,
            opt_in_level: 1,
            consent_collected_from: "checkout".into(),
            consent_updated_at: "2023-01-02T03:04:05+08:00".into(),
        };
        let sent = CustomerOut {
            addresses: vec![address.clone()],
            birthday: "19970102".into(),
            email: email("go-all"),
            email_marketing_consent: email_consent.clone(),
            first_name: "Bob".into(),
            gender: 2,
            last_name: "Norman".into(),
            multipass_identifier: format!("mp-{}", email("id")),
            note: "Placed an order".into(),
            phone: format!("0086139{:08}", std::process::id() % 100_000_000),
            sms_marketing_consent: sms_consent.clone(),
            tags: "loyal,vip".into(),
            verified_email: true,
            ..CustomerOut::default()
        };
        let (status, body) = go_send(
            &sandbox,
            Method::POST,
            version,
            None,
            &RequestOut {
                customer: sent.clone(),
            },
        )
        .await;
        assert_eq!(status, 200, "{version}: {}", text(&body));
        let c = decode_create(&body).expect("decodes");
        let consent_kept = |got: Option<go_sdk::Consent>, want: &ConsentOut| {
            let got = got.expect("a consent");
            assert_eq!(got.state, Some(want.state));
            assert_eq!(got.opt_in_level, Some(want.opt_in_level));
            assert_eq!(
                got.consent_collected_from.as_deref(),
                Some(want.consent_collected_from.as_str())
            );
            assert_eq!(
                got.consent_updated_at.as_deref(),
                Some(want.consent_updated_at.as_str())
            );
        };
        assert_eq!(c.email.as_deref(), Some(sent.email.as_str()));
        assert_eq!(c.first_name.as_deref(), Some("Bob"));
        assert_eq!(c.last_name.as_deref(), Some("Norman"));
        assert_eq!(c.birthday.as_deref(), Some("19970102"));
        assert_eq!(c.phone.as_deref(), Some(sent.phone.as_str()));
        assert_eq!(c.note.as_deref(), Some("Placed an order"));
        assert_eq!(c.tags.as_deref(), Some("loyal,vip"));
        assert_eq!(c.verified_email, Some(true));
        assert_eq!(
            c.multipass_identifier.as_deref(),
            Some(sent.multipass_identifier.as_str())
        );
        assert_eq!(c.email_subscribe_flag, Some(1));
        assert_eq!(
            c.mobile_subscribe_flag,
            Some(2),
            "state 3 is not subscribed yet"
        );
        consent_kept(c.email_marketing_consent.clone(), &email_consent);
        consent_kept(c.sms_marketing_consent.clone(), &sms_consent);
        let addresses = c.addresses.clone().expect("addresses");
        assert_eq!(addresses.len(), 1);
        let a = &addresses[0];
        for (got, want) in [
            (&a.address1, &address.address1),
            (&a.address2, &address.address2),
            (&a.city, &address.city),
            (&a.company, &address.company),
            (&a.country, &address.country),
            (&a.country_code, &address.country_code),
            (&a.first_name, &address.first_name),
            (&a.last_name, &address.last_name),
            (&a.phone, &address.phone),
            (&a.province, &address.province),
            (&a.province_code, &address.province_code),
            (&a.zip, &address.zip),
        ] {
            assert_eq!(got.as_deref(), Some(want.as_str()), "{version}");
        }
        assert_eq!(a.default, Some(true));
        assert_eq!(c.default_address.as_ref(), Some(a));

        // An update that sends nothing but a note keeps all of it.
        let id = c.id.clone().expect("an id");
        let update = RequestOut {
            customer: CustomerOut {
                note: "second".into(),
                ..CustomerOut::default()
            },
        };
        let (status, body) = go_send(&sandbox, Method::PUT, version, Some(&id), &update).await;
        assert_eq!(status, 200, "{}", text(&body));
        let u = decode_update(&body).expect("decodes");
        assert_eq!(u.note.as_deref(), Some("second"));
        assert_eq!(u.email, c.email);
        assert_eq!(u.tags, c.tags);
        assert_eq!(u.addresses, c.addresses);
        assert_eq!(u.email_marketing_consent, c.email_marketing_consent);
        assert_eq!(u.sms_marketing_consent, c.sms_marketing_consent);
        assert_eq!(u.email_subscribe_flag, c.email_subscribe_flag);
        assert_eq!(u.mobile_subscribe_flag, c.mobile_subscribe_flag);
    }
    sandbox.shutdown().await;
}

#[test]
fn a_number_where_go_has_a_string_does_not_decode() {
    let answer = json!({"customer": {"id": "1", "gender": 2}});
    let bytes = serde_json::to_vec(&answer).expect("encodes");
    assert!(decode_create(&bytes).is_err());
    // Unknown keys and nulls are fine, as in Go.
    let answer = json!({"customer": {"id": "1", "gender": null, "unknown": [1, {}]}});
    let bytes = serde_json::to_vec(&answer).expect("encodes");
    let c = decode_create(&bytes).expect("decodes");
    assert_eq!(c.id.as_deref(), Some("1"));
    let answer: Value = json!({"customer": {"id": "1", "orders_count": 1.5}});
    assert!(decode_update(&serde_json::to_vec(&answer).expect("encodes")).is_err());
}
