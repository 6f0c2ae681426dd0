//! Fault injection: latency, forced statuses with counts, drop after commit.

use crate::common;

use std::time::{Duration, Instant};

use common::*;
use reqwest::Method;
use serde_json::json;
use shopspec_sandbox::{Api, FaultConfig, FaultRule, Operation, StatusCode};

#[tokio::test]
async fn drop_after_commit_gives_a_connection_error_and_the_customer_exists() {
    let sandbox = start().await;
    let client = client();
    sandbox.faults().arm(
        FaultRule::drop_after_commit()
            .api(Api::Fecify)
            .operation(Operation::CreateCustomer)
            .times(1),
    );
    let mail = email("drop");
    let body = json!({"email": mail, "first_name": "a", "last_name": "b"});
    let result = client
        .post(fecify_url(&sandbox, "create-customer"))
        .header("skill-access-token", TOKEN)
        .json(&body)
        .send()
        .await;
    let err = result.expect_err("the client must not get an answer");
    assert!(!err.is_status(), "no status line was sent: {err:?}");
    // The write committed: the first Fecify id (574) exists with this email.
    let stored = sandbox.customer(Api::Fecify, "574").await.unwrap();
    assert_eq!(stored.expect("customer exists")["email"], json!(mail));
    // A retry with the same email now meets the duplicate.
    let (status, answer) = fecify_create(&client, &sandbox, &body).await;
    assert_eq!(status, 200);
    assert_eq!(answer["code"], json!(1100007));
    sandbox.shutdown().await;
}

#[tokio::test]
async fn forced_status_for_the_next_n_requests_then_normal() {
    let sandbox = start().await;
    let client = client();
    let faults = sandbox.faults();
    faults.arm(
        FaultRule::status(StatusCode::SERVICE_UNAVAILABLE)
            .api(Api::Myshopline)
            .operation(Operation::CreateCustomer)
            .times(2),
    );
    let url = myshopline_url(&sandbox, "v20260301", None);
    for _ in 0..2 {
        let r = send(
            &client,
            Api::Myshopline,
            Method::POST,
            &url,
            &json!({"customer": {"email": email("f")}}),
        )
        .await;
        assert!(r.headers().get("retry-after").is_none());
        assert!(r.headers().contains_key("traceid"));
        let (status, body) = json_of(r).await;
        assert_eq!(
            (status, body),
            (503, json!({"errors": "Service Unavailable"}))
        );
    }
    let (status, _) = myshopline_create(
        &client,
        &sandbox,
        "v20260301",
        &json!({"customer": {"email": email("f")}}),
    )
    .await;
    assert_eq!(status, 200);
    // Forced answers store nothing.
    assert_eq!(sandbox.customer_count(Api::Myshopline).await.unwrap(), 1);
    // Other APIs and operations were never affected.
    assert_eq!(
        fecify_create(
            &client,
            &sandbox,
            &json!({"email": email("f"), "first_name": "a", "last_name": "b"})
        )
        .await
        .1["code"],
        json!(200)
    );
    let stats = sandbox.stats();
    assert_eq!(
        stats.requests(Api::Myshopline, Operation::CreateCustomer),
        3
    );
    assert_eq!(
        stats.succeeded(Api::Myshopline, Operation::CreateCustomer),
        1
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn forced_429_in_each_vendor_shape_with_optional_retry_after() {
    let faults = FaultConfig::default().rule(
        FaultRule::status(StatusCode::TOO_MANY_REQUESTS)
            .retry_after(1)
            .times(3),
    );
    let sandbox = builder().faults(faults).start().await.unwrap();
    let client = client();
    let r = send(
        &client,
        Api::Fecify,
        Method::POST,
        &fecify_url(&sandbox, "create-customer"),
        &json!({}),
    )
    .await;
    assert_eq!(r.headers()["retry-after"], "1");
    let (status, body) = json_of(r).await;
    assert_eq!(status, 429);
    assert_eq!(body["code"], json!(429));
    assert!(body["message"].is_string());
    let r = send(
        &client,
        Api::Shopline,
        Method::POST,
        &shopline_url(&sandbox, None),
        &json!({}),
    )
    .await;
    assert_eq!(r.headers()["retry-after"], "1");
    let (status, body) = json_of(r).await;
    assert_eq!(
        (status, body),
        (
            429,
            json!({"message": "Too Many Requests", "code": "too_many_requests"})
        )
    );
    let r = send(
        &client,
        Api::Myshopline,
        Method::POST,
        &myshopline_url(&sandbox, "v20220901", None),
        &json!({}),
    )
    .await;
    assert_eq!(r.headers()["retry-after"], "1");
    let (status, body) = json_of(r).await;
    // The documented 429 body (spec/errata.md#E-MSL-11).
    assert_eq!((status, body), (429, json!({"errors": "Too many request"})));
    assert!(
        sandbox.faults().current().rules().is_empty(),
        "disarmed after 3"
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn rate_selects_a_fraction() {
    let sandbox = start().await;
    let client = client();
    sandbox.faults().arm(
        FaultRule::status(StatusCode::INTERNAL_SERVER_ERROR)
            .api(Api::Shopline)
            .rate(0.5),
    );
    let mut failed = 0;
    for _ in 0..200 {
        let (status, _) =
            shopline_create(&client, &sandbox, &json!({"email": email("rate")})).await;
        if status == 500 {
            failed += 1;
        } else {
            assert_eq!(status, 200);
        }
    }
    // Binomial(200, 0.5): outside 60..=140 has probability below 1e-8.
    assert!((60..=140).contains(&failed), "{failed} of 200");
    sandbox.faults().clear();
    assert_eq!(
        shopline_create(&client, &sandbox, &json!({"email": email("rate")}))
            .await
            .0,
        200
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn latency_is_added_and_removed_at_runtime() {
    let sandbox = start().await;
    let client = client();
    let delay = Duration::from_millis(300);
    sandbox.faults().set_latency(delay);
    let started = Instant::now();
    let (_, body) = fecify_create(
        &client,
        &sandbox,
        &json!({"email": email("lat"), "first_name": "a", "last_name": "b"}),
    )
    .await;
    assert_eq!(body["code"], json!(200));
    assert!(started.elapsed() >= delay, "{:?}", started.elapsed());
    assert_eq!(sandbox.faults().current().added_latency(), delay);
    sandbox.faults().clear();
    assert_eq!(sandbox.faults().current().added_latency(), Duration::ZERO);
    sandbox.shutdown().await;
}
