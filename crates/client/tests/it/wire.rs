//! What goes on the wire: methods, URLs, auth and headers per API; builder
//! checks; raw calls.

use crate::common;

use std::time::Duration;

use common::mock::matchers::{body_json, header, header_exists, method, path};
use common::mock::{Mock, MockServer, ResponseTemplate};
use common::{TOKEN, fast_retries};
use http::header::{HeaderName, HeaderValue};
use serde_json::json;
use shopspec_client::raw::{RawBody, RawRequest};
use shopspec_client::{
    AnyClient, BuildError, DEFAULT_USER_AGENT, Error, Operation, RetryPolicy, fecify, myshopline,
    shopline,
};

fn fecify_ok() -> serde_json::Value {
    json!({"code": 200, "data": {"id": 574, "email": "li@example.com", "note": "VIP"}, "message": "success"})
}

#[tokio::test]
async fn fecify_posts_to_the_site_sub_path_with_the_skill_token() {
    let server = MockServer::start().await;
    for op in ["create-customer", "update-customer"] {
        Mock::given(method("POST"))
            .and(path(format!("/apimanager666/api/skill/customer/{op}")))
            .and(header("skill-access-token", TOKEN))
            .and(header("content-type", "application/json"))
            .and(header("user-agent", DEFAULT_USER_AGENT))
            .respond_with(ResponseTemplate::new(200).set_body_json(fecify_ok()))
            .expect(1)
            .mount(&server)
            .await;
    }
    // A trailing slash on the site URL must not double the slash.
    let client = fecify::Client::builder()
        .base_url(format!("{}/apimanager666/", server.uri()))
        .token(TOKEN)
        .build()
        .expect("client");

    let created = client
        .create_customer(&fecify::CreateCustomerRequest::new(
            "li@example.com",
            "yunlong",
            "li",
        ))
        .await
        .expect("create");
    assert_eq!(created.value().id, 574);
    assert_eq!(created.status().as_u16(), 200);

    let mut update = fecify::UpdateCustomerRequest::new(574);
    update.note = "VIP".to_owned().into();
    let updated = client.update_customer(&update).await.expect("update");
    assert_eq!(updated.value().note.as_deref(), Some("VIP"));

    let sent = server.received_requests().await;
    let update_body: serde_json::Value = sent[1].body_json().expect("json body");
    assert_eq!(
        update_body,
        json!({"id": 574, "note": "VIP"}),
        "only the fields set are sent"
    );
}

#[tokio::test]
async fn shopline_sends_bearer_auth_and_percent_encodes_the_id() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/v1/customers/a%2Fb%3Fc"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .and(header("user-agent", "acme-handle"))
        .and(body_json(json!({"memo": null})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "a/b?c"})))
        .expect(1)
        .mount(&server)
        .await;
    let client = shopline::Client::builder()
        .base_url(server.uri())
        .token(TOKEN)
        .user_agent("acme-handle")
        .build()
        .expect("client");
    let update = shopline::UpdateCustomerRequest {
        memo: shopline_model_null(),
        ..Default::default()
    };

    let updated = client
        .update_customer("a/b?c", &update)
        .await
        .expect("update");
    assert_eq!(updated.value().id, "a/b?c");
}

fn shopline_model_null() -> shopspec_client::Patch<String> {
    shopspec_client::Patch::Null
}

#[tokio::test]
async fn myshopline_wraps_bodies_uses_the_version_and_keeps_the_trace_id() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/admin/openapi/v20220901/customers/4211465524.json"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .and(header("content-type", "application/json; charset=utf-8"))
        .and(body_json(json!({"customer": {"note": "VIP"}})))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("traceId", "0a1b2c")
                .set_body_json(json!({"customer": {"id": "4211465524", "note": "VIP"}})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = myshopline::Client::builder()
        .base_url(server.uri())
        .version(myshopline::ApiVersion::V20220901)
        .token(TOKEN)
        .build()
        .expect("client");
    let update = myshopline::UpdateCustomerRequest::from(myshopline::CustomerUpdateInput {
        note: "VIP".to_owned().into(),
        ..Default::default()
    });

    let updated = client
        .update_customer("4211465524", &update)
        .await
        .expect("update");
    assert_eq!(updated.trace_id(), Some("0a1b2c"));
    assert_eq!(updated.value().note.as_deref(), Some("VIP"));
    assert_eq!(client.version(), myshopline::ApiVersion::V20220901);
}

#[tokio::test]
async fn vendor_error_bodies_become_api_errors_with_code_message_and_trace_id() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/customers"))
        .respond_with(ResponseTemplate::new(422).set_body_json(
            json!({"error": "Email has already been taken", "code": "DUPLICATE", "extras": {}}),
        ))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/admin/openapi/v20260301/customers.json"))
        .respond_with(
            ResponseTemplate::new(401)
                .insert_header("traceId", "t-401")
                .set_body_json(json!({"errors": ["[API] Invalid API key or access token"]})),
        )
        .mount(&server)
        .await;
    let shopline = shopline::Client::builder()
        .base_url(server.uri())
        .token(TOKEN)
        .build()
        .expect("client");
    let myshopline = myshopline::Client::builder()
        .base_url(server.uri())
        .token(TOKEN)
        .build()
        .expect("client");

    let err = shopline
        .create_customer(&shopline::CreateCustomerRequest {
            email: Some("li@example.com".into()),
            ..Default::default()
        })
        .await
        .expect_err("422");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(422));
    assert_eq!(err.api_code(), Some("DUPLICATE"));
    assert_eq!(err.api_message(), Some("Email has already been taken"));
    assert_eq!(err.outcome(), shopspec_client::Outcome::Rejected);

    let err = myshopline
        .create_customer(
            &myshopline::CustomerCreateInput {
                email: Some("li@example.com".into()),
                ..Default::default()
            }
            .into(),
        )
        .await
        .expect_err("401");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
    assert_eq!(err.api_code(), None);
    assert_eq!(
        err.api_message(),
        Some(r#"["[API] Invalid API key or access token"]"#)
    );
    assert_eq!(err.trace_id(), Some("t-401"));
    assert!(err.to_string().contains("traceId t-401"), "{err}");
}

#[tokio::test]
async fn redirects_are_answered_not_followed() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(302).insert_header("location", "http://127.0.0.1:9/elsewhere"),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = shopline::Client::builder()
        .base_url(server.uri())
        .token(TOKEN)
        .build()
        .expect("client");

    let err = client
        .create_customer(&shopline::CreateCustomerRequest {
            email: Some("li@example.com".into()),
            ..Default::default()
        })
        .await
        .expect_err("302");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(302));
}

#[tokio::test]
async fn raw_calls_send_anything_and_return_vendor_errors_as_answers() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/customers"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(
            ResponseTemplate::new(422).set_body_json(json!({"message": "bad", "code": "X"})),
        )
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path("/v1/customers/abc"))
        .and(header("authorization", "Bearer wrong-token"))
        .respond_with(ResponseTemplate::new(401).set_body_string("not json"))
        .mount(&server)
        .await;
    let client: AnyClient = shopline::Client::builder()
        .base_url(server.uri())
        .token(TOKEN)
        .retry_policy(fast_retries(3))
        .build()
        .expect("client")
        .into();

    // Invalid JSON bytes go out as they are.
    let answer = client
        .send_raw(
            Operation::CreateCustomer,
            None,
            RawBody::from(r#"{"email": 12,"#),
        )
        .await
        .expect("an answer, not an error");
    assert_eq!(answer.status().as_u16(), 422);
    assert_eq!(answer.json().map(|j| j["code"].clone()), Some(json!("X")));
    assert_eq!(answer.attempts(), 1);

    let answer = client
        .send_raw_request(
            RawRequest::new(Operation::UpdateCustomer)
                .id("abc")
                .body(json!({"memo": "x"}))
                .token("wrong-token"),
        )
        .await
        .expect("an answer");
    assert_eq!(answer.status().as_u16(), 401);
    assert!(answer.json().is_none());
    assert_eq!(answer.body().as_ref(), b"not json");

    let sent = server.received_requests().await;
    assert_eq!(sent[0].body, br#"{"email": 12,"#);
    assert_eq!(
        sent[0]
            .headers
            .get("content-type")
            .map(HeaderValue::as_bytes),
        Some(&b"application/json"[..])
    );
}

#[tokio::test]
async fn raw_calls_can_drop_auth_and_headers_and_retry_per_call() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let client = myshopline::Client::builder()
        .base_url(server.uri())
        .token(TOKEN)
        .retry_policy(RetryPolicy::none())
        .build()
        .expect("client");

    let answer = client
        .send_raw_request(
            RawRequest::new(Operation::CreateCustomer)
                .body(json!({"customer": {}}))
                .no_auth()
                .omit_header(http::header::USER_AGENT)
                .header(
                    HeaderName::from_static("x-probe"),
                    HeaderValue::from_static("1"),
                ),
        )
        .await
        .expect("an answer");
    // A create is never retried on 5xx, whatever the policy.
    assert_eq!(answer.attempts(), 1);
    assert_eq!(answer.status().as_u16(), 503);

    let sent = server.received_requests().await;
    assert_eq!(sent.len(), 1);
    assert!(sent[0].headers.get("authorization").is_none());
    assert!(sent[0].headers.get("user-agent").is_none());
    assert_eq!(
        sent[0].headers.get("x-probe").map(HeaderValue::as_bytes),
        Some(&b"1"[..])
    );
}

#[tokio::test]
async fn raw_updates_follow_the_retry_policy() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(header_exists("authorization"))
        .respond_with(ResponseTemplate::new(500))
        .mount(&server)
        .await;
    let client = myshopline::Client::builder()
        .base_url(server.uri())
        .token(TOKEN)
        .build()
        .expect("client");

    let answer = client
        .send_raw_request(
            RawRequest::new(Operation::UpdateCustomer)
                .id("1")
                .body(json!({"customer": {"note": "x"}}))
                .retry_policy(fast_retries(4)),
        )
        .await
        .expect("an answer");
    assert_eq!(answer.status().as_u16(), 500);
    assert_eq!(answer.attempts(), 4);
}

#[test]
fn builders_refuse_bad_settings_with_clear_errors() {
    let missing_token = shopline::Client::builder().build();
    assert!(matches!(missing_token, Err(BuildError::MissingToken)));
    let blank_token = shopline::Client::builder().token("  ").build();
    assert!(matches!(blank_token, Err(BuildError::MissingToken)));
    let bad_token = shopline::Client::builder().token("a\nb").build();
    assert!(matches!(bad_token, Err(BuildError::InvalidToken)));
    let no_site = fecify::Client::builder().token(TOKEN).build();
    assert!(matches!(no_site, Err(BuildError::MissingBaseUrl(_))));
    let bad_site = fecify::Client::builder()
        .base_url("your-domain.com")
        .token(TOKEN)
        .build();
    assert!(matches!(bad_site, Err(BuildError::InvalidBaseUrl { .. })));
    let no_store = myshopline::Client::builder().token(TOKEN).build();
    assert!(matches!(no_store, Err(BuildError::MissingBaseUrl(_))));
    let both = myshopline::Client::builder()
        .handle("open001")
        .base_url("http://127.0.0.1:1")
        .token(TOKEN)
        .build();
    assert!(matches!(both, Err(BuildError::Conflict(_))));
    let bad_handle = myshopline::Client::builder()
        .handle("open001.evil.com/x")
        .token(TOKEN)
        .build();
    assert!(matches!(bad_handle, Err(BuildError::InvalidBaseUrl { .. })));
    let versioned = myshopline::Client::builder()
        .base_url("https://open001.myshopline.com/admin/openapi/v20260301")
        .token(TOKEN)
        .build();
    assert!(matches!(versioned, Err(BuildError::InvalidBaseUrl { .. })));
    let empty_agent = shopline::Client::builder()
        .token(TOKEN)
        .user_agent("")
        .build();
    assert!(matches!(empty_agent, Err(BuildError::InvalidUserAgent(_))));
    shopspec_client::install_tls_provider();
    let conflict = shopline::Client::builder()
        .token(TOKEN)
        .http_client(reqwest::Client::new())
        .connect_timeout(Duration::from_secs(1))
        .build();
    assert!(matches!(conflict, Err(BuildError::Conflict(_))));
}

#[test]
fn default_base_urls_follow_the_docs() {
    let shopline = shopline::Client::builder()
        .token(TOKEN)
        .build()
        .expect("client");
    assert_eq!(shopline.base_url().as_str(), "https://open.shopline.io/");
    let myshopline = myshopline::Client::builder()
        .handle("open001")
        .token(TOKEN)
        .build()
        .expect("client");
    assert_eq!(
        myshopline.base_url().as_str(),
        "https://open001.myshopline.com/"
    );
    assert_eq!(myshopline.version(), myshopline::ApiVersion::LATEST_STABLE);
}

#[tokio::test]
async fn pre_flight_validation_stops_a_broken_request_before_sending() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"customer": {"id": "1"}})))
        .mount(&server)
        .await;
    let client = myshopline::Client::builder()
        .base_url(server.uri())
        .token(TOKEN)
        .build()
        .expect("client");
    // email is at most 50 characters (v20260301).
    let update = myshopline::UpdateCustomerRequest::from(myshopline::CustomerUpdateInput {
        email: format!("{}@example.com", "x".repeat(60)).into(),
        ..Default::default()
    });

    let err = client
        .update_customer("1", &update)
        .await
        .expect_err("too long");

    let Error::Validation(report) = &err else {
        panic!("expected Validation, got {err:?}")
    };
    assert!(
        report.errors.iter().any(|v| v.pointer == "/customer/email"),
        "{report:?}"
    );
    assert_eq!(err.outcome(), shopspec_client::Outcome::NotSent);
    assert!(err.to_string().contains("/customer/email"), "{err}");
    assert_eq!(server.received_requests().await.len(), 0);
}
