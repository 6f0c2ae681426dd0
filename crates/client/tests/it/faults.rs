//! Transport faults against the scripted mock server and hand-made loopback
//! servers: timeouts, retries, `Retry-After`, undecodable answers, lost
//! connections.

use crate::common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use common::mock::matchers::{method, path};
use common::mock::{Mock, MockServer, ResponseTemplate};
use common::{DroppingStore, FlakyResolver, Sequence, TOKEN, closed_port, fast_retries};
use serde_json::json;
use shopspec_client::{Error, Outcome, RetryPolicy, fecify, myshopline, shopline};

fn shopline_client(base: &str, retry: RetryPolicy) -> shopline::Client {
    shopline::Client::builder()
        .base_url(base)
        .token(TOKEN)
        .retry_policy(retry)
        .build()
        .expect("client")
}

fn myshopline_client(base: &str, retry: RetryPolicy) -> myshopline::Client {
    myshopline::Client::builder()
        .base_url(base)
        .token(TOKEN)
        .retry_policy(retry)
        .build()
        .expect("client")
}

fn fecify_client(base: &str, retry: RetryPolicy) -> fecify::Client {
    fecify::Client::builder()
        .base_url(base)
        .token(TOKEN)
        .retry_policy(retry)
        .build()
        .expect("client")
}

fn shopline_create() -> shopline::CreateCustomerRequest {
    shopline::CreateCustomerRequest {
        email: Some("li@example.com".into()),
        ..Default::default()
    }
}

fn shopline_customer() -> serde_json::Value {
    json!({"id": "5ce0d084e388096bdb229a59", "email": "li@example.com", "memo": "VIP"})
}

fn memo_update() -> shopline::UpdateCustomerRequest {
    shopline::UpdateCustomerRequest {
        memo: "VIP".to_owned().into(),
        ..Default::default()
    }
}

async fn requests_to(server: &MockServer) -> usize {
    server.received_requests().await.len()
}

#[tokio::test]
async fn update_retries_a_500_and_then_succeeds() {
    let server = MockServer::start().await;
    let answers = Sequence::new(vec![
        ResponseTemplate::new(500).set_body_json(json!({"message": "boom", "code": "INTERNAL"})),
        ResponseTemplate::new(200).set_body_json(shopline_customer()),
    ]);
    Mock::given(method("PUT"))
        .and(path("/v1/customers/5ce0d084e388096bdb229a59"))
        .respond_with(answers)
        .mount(&server)
        .await;
    let client = shopline_client(&server.uri(), fast_retries(3));

    let updated = client
        .update_customer("5ce0d084e388096bdb229a59", &memo_update())
        .await
        .expect("the retry succeeds");

    assert_eq!(updated.attempts(), 2);
    assert_eq!(updated.value().memo.as_deref(), Some("VIP"));
    assert_eq!(requests_to(&server).await, 2);
}

#[tokio::test]
async fn create_is_not_retried_after_a_500_and_says_the_outcome_is_unknown() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/customers"))
        .respond_with(
            ResponseTemplate::new(500)
                .set_body_json(json!({"message": "boom", "code": "INTERNAL"})),
        )
        .mount(&server)
        .await;
    let client = shopline_client(&server.uri(), fast_retries(5));

    let err = client
        .create_customer(&shopline_create())
        .await
        .expect_err("500");

    assert_eq!(requests_to(&server).await, 1, "a create must not be resent");
    assert!(matches!(err, Error::Api(_)), "{err:?}");
    assert_eq!(err.outcome(), Outcome::Unknown);
    assert_eq!(err.status().map(|s| s.as_u16()), Some(500));
    assert_eq!(err.api_code(), Some("INTERNAL"));
    assert_eq!(err.attempts(), 1);
    assert!(!err.is_retryable());
    assert!(err.to_string().contains("outcome is unknown"), "{err}");
}

#[tokio::test]
async fn rate_limited_create_waits_for_retry_after_then_succeeds() {
    let server = MockServer::start().await;
    let answers = Sequence::new(vec![
        ResponseTemplate::new(429)
            .insert_header("Retry-After", "1")
            .insert_header("traceId", "trace-429")
            .set_body_json(json!({"errors": "Too many request"})),
        ResponseTemplate::new(200).set_body_json(json!({"customer": {"id": "4211465524"}})),
    ]);
    Mock::given(method("POST"))
        .and(path("/admin/openapi/v20260301/customers.json"))
        .respond_with(answers.clone())
        .mount(&server)
        .await;
    // The backoff would be 5 ms; only Retry-After explains a one-second gap.
    let client = myshopline_client(&server.uri(), fast_retries(3));
    let request = myshopline::CreateCustomerRequest::from(myshopline::CustomerCreateInput {
        email: Some("li@example.com".into()),
        ..Default::default()
    });

    let created = client.create_customer(&request).await.expect("second try");

    assert_eq!(created.attempts(), 2);
    assert_eq!(created.value().id, "4211465524");
    let arrivals = answers.arrivals();
    assert_eq!(arrivals.len(), 2);
    assert!(
        arrivals[1].duration_since(arrivals[0]) >= Duration::from_secs(1),
        "the retry came {:?} after the 429",
        arrivals[1].duration_since(arrivals[0])
    );
}

#[tokio::test]
async fn rate_limited_without_retries_reports_retry_after_and_trace_id() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/admin/openapi/v20260301/customers/42.json"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("Retry-After", "7")
                .insert_header("traceId", "trace-429")
                .set_body_json(json!({"errors": "Too many request"})),
        )
        .mount(&server)
        .await;
    let client = myshopline_client(&server.uri(), RetryPolicy::none());
    let request = myshopline::UpdateCustomerRequest::from(myshopline::CustomerUpdateInput {
        note: "VIP".to_owned().into(),
        ..Default::default()
    });

    let err = client
        .update_customer("42", &request)
        .await
        .expect_err("429");

    let Error::RateLimited(limited) = &err else {
        panic!("expected RateLimited, got {err:?}")
    };
    assert_eq!(limited.retry_after, Some(Duration::from_secs(7)));
    assert_eq!(limited.message.as_deref(), Some("Too many request"));
    assert_eq!(err.trace_id(), Some("trace-429"));
    assert_eq!(err.outcome(), Outcome::Rejected);
    assert!(err.is_retryable());
}

#[tokio::test]
async fn a_retry_after_beyond_the_cap_ends_the_call_instead_of_waiting() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "3600"))
        .mount(&server)
        .await;
    let client = shopline_client(&server.uri(), RetryPolicy::default());

    let err = client
        .create_customer(&shopline_create())
        .await
        .expect_err("429");

    assert!(matches!(err, Error::RateLimited(_)), "{err:?}");
    assert_eq!(err.retry_after(), Some(Duration::from_secs(3600)));
    assert_eq!(requests_to(&server).await, 1);
}

#[tokio::test]
async fn a_create_that_times_out_is_not_resent_and_its_outcome_is_unknown() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(shopline_customer())
                .set_delay(Duration::from_secs(5)),
        )
        .mount(&server)
        .await;
    let client = shopline::Client::builder()
        .base_url(server.uri())
        .token(TOKEN)
        .timeout(Duration::from_millis(100))
        .retry_policy(fast_retries(3))
        .build()
        .expect("client");

    let err = client
        .create_customer(&shopline_create())
        .await
        .expect_err("timeout");

    assert!(matches!(err, Error::Timeout(_)), "{err:?}");
    assert_eq!(err.outcome(), Outcome::Unknown);
    assert_eq!(err.attempts(), 1);
    assert!(!err.is_retryable());
    assert_eq!(requests_to(&server).await, 1);
}

#[tokio::test]
async fn an_update_that_times_out_is_retried_up_to_the_policy() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(shopline_customer())
                .set_delay(Duration::from_secs(5)),
        )
        .mount(&server)
        .await;
    let client = shopline::Client::builder()
        .base_url(server.uri())
        .token(TOKEN)
        .timeout(Duration::from_millis(100))
        .retry_policy(fast_retries(3))
        .build()
        .expect("client");

    let err = client
        .update_customer("5ce0d084e388096bdb229a59", &memo_update())
        .await
        .expect_err("timeout");

    assert!(matches!(err, Error::Timeout(_)), "{err:?}");
    assert_eq!(err.attempts(), 3);
    assert!(err.is_retryable());
    assert_eq!(requests_to(&server).await, 3);
}

#[tokio::test]
async fn an_html_error_page_is_a_decode_error_with_a_safe_excerpt() {
    let server = MockServer::start().await;
    // A Yii debug page that echoes the request headers, token included.
    let page = format!(
        "<!DOCTYPE html>\n<html><head><title>yii\\base\\ErrorException</title></head>\n\
         <body><h1>PHP Warning</h1>\u{1b}[31m<pre>HTTP_SKILL_ACCESS_TOKEN={TOKEN}</pre>{}</body></html>",
        "stack frame ".repeat(200)
    );
    Mock::given(method("POST"))
        .and(path("/apimanager666/api/skill/customer/create-customer"))
        .respond_with(ResponseTemplate::new(500).set_body_raw(page.clone(), "text/html"))
        .mount(&server)
        .await;
    let client = fecify_client(&format!("{}/apimanager666", server.uri()), fast_retries(3));

    let err = client
        .create_customer(&fecify::CreateCustomerRequest::new(
            "li@example.com",
            "yunlong",
            "li",
        ))
        .await
        .expect_err("html");

    let Error::Decode(decode) = &err else {
        panic!("expected Decode, got {err:?}")
    };
    assert_eq!(decode.status.as_u16(), 500);
    assert!(
        decode.excerpt.starts_with("yii\\base\\ErrorException"),
        "{}",
        decode.excerpt
    );
    assert!(decode.excerpt.chars().count() <= 201, "{}", decode.excerpt);
    assert!(!decode.excerpt.contains('<'));
    assert!(!decode.excerpt.chars().any(char::is_control));
    assert_eq!(decode.body.len(), page.len(), "the full body is kept");
    assert_eq!(err.outcome(), Outcome::Unknown);
    for shown in [err.to_string(), format!("{err:?}"), decode.excerpt.clone()] {
        assert!(!shown.contains(TOKEN), "{shown}");
    }
    assert_eq!(requests_to(&server).await, 1);
}

#[tokio::test]
async fn truncated_json_is_a_decode_error() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"{"id":"5ce0d084e388096bdb229a59","email":"li@exa"#,
            "application/json",
        ))
        .mount(&server)
        .await;
    let client = shopline_client(&server.uri(), fast_retries(3));

    let err = client
        .create_customer(&shopline_create())
        .await
        .expect_err("truncated");

    let Error::Decode(decode) = &err else {
        panic!("expected Decode, got {err:?}")
    };
    assert_eq!(decode.status.as_u16(), 200);
    assert!(decode.reason.contains("EOF"), "{}", decode.reason);
    assert!(
        decode
            .excerpt
            .starts_with(r#"{"id":"5ce0d084e388096bdb229a59""#)
    );
    // The store said yes: the customer probably exists.
    assert_eq!(err.outcome(), Outcome::Unknown);
    assert_eq!(requests_to(&server).await, 1);
}

#[tokio::test]
async fn a_create_whose_connection_drops_after_sending_is_not_resent() {
    let store = DroppingStore::start();
    let client = shopline_client(&format!("http://{}", store.addr), fast_retries(5));

    let err = client
        .create_customer(&shopline_create())
        .await
        .expect_err("connection dropped");

    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert_eq!(err.outcome(), Outcome::Unknown);
    assert!(err.to_string().contains("outcome is unknown"), "{err}");
    assert!(!err.is_retryable());
    assert_eq!(
        store.processed.load(Ordering::SeqCst),
        1,
        "exactly one create reached the store"
    );
}

#[tokio::test]
async fn a_create_whose_connect_failed_is_retried_and_succeeds() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/customers"))
        .respond_with(ResponseTemplate::new(200).set_body_json(shopline_customer()))
        .mount(&server)
        .await;
    let lookups = Arc::new(AtomicUsize::new(0));
    shopspec_client::install_tls_provider();
    let http = reqwest::Client::builder()
        .dns_resolver(Arc::new(FlakyResolver {
            first: closed_port(),
            then: *server.address(),
            lookups: lookups.clone(),
        }))
        .build()
        .expect("http client");
    // No port in the URL, so the resolver's port is used.
    let client = shopline::Client::builder()
        .base_url("http://store.test")
        .token(TOKEN)
        .http_client(http)
        .retry_policy(fast_retries(3))
        .build()
        .expect("client");

    let created = client
        .create_customer(&shopline_create())
        .await
        .expect("the retry reaches the store");

    assert_eq!(created.attempts(), 2);
    assert_eq!(lookups.load(Ordering::SeqCst), 2);
    assert_eq!(
        requests_to(&server).await,
        1,
        "only the second attempt arrived"
    );
}

#[tokio::test]
async fn a_create_that_never_connects_fails_as_not_sent_after_every_attempt() {
    let client = shopline_client(&format!("http://{}", closed_port()), fast_retries(3));

    let err = client
        .create_customer(&shopline_create())
        .await
        .expect_err("nothing listens");

    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert_eq!(err.outcome(), Outcome::NotSent);
    assert_eq!(err.attempts(), 3);
    assert!(err.is_retryable());
    assert!(err.status().is_none());
}

#[tokio::test]
async fn fecify_http_200_with_a_failure_code_is_an_api_error() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(
                json!({"code": 1100000, "data": [], "message": "this email is exist!"}),
            ),
        )
        .mount(&server)
        .await;
    let client = fecify_client(&server.uri(), fast_retries(3));

    let err = client
        .create_customer(&fecify::CreateCustomerRequest::new(
            "li@example.com",
            "yunlong",
            "li",
        ))
        .await
        .expect_err("code 1100000");

    let Error::Api(api) = &err else {
        panic!("expected Api, got {err:?}")
    };
    assert_eq!(api.status.as_u16(), 200);
    assert_eq!(api.code.as_deref(), Some("1100000"));
    assert_eq!(api.message.as_deref(), Some("this email is exist!"));
    assert_eq!(err.outcome(), Outcome::Rejected);
    assert_eq!(requests_to(&server).await, 1);
}
