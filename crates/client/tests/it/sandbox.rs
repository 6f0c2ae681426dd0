//! Every operation of every API against `shopspec-sandbox` over loopback:
//! success, partial updates, each documented error kind, rate limits and faults.

use crate::common;

use std::time::Duration;

use common::{TOKEN, fast_retries};
use shopspec_client::{
    Api, Error, Operation, Outcome, Patch, RateLimiter, RetryPolicy, fecify, myshopline, shopline,
};
use shopspec_sandbox::{FaultRule, Sandbox, StatusCode};

async fn sandbox(rate_limit: bool) -> Sandbox {
    Sandbox::builder()
        .listen("127.0.0.1:0".parse().expect("addr"))
        .token(TOKEN)
        .rate_limit(rate_limit)
        .start()
        .await
        .expect("sandbox starts")
}

fn fecify_client(sb: &Sandbox) -> fecify::ClientBuilder {
    fecify::Client::builder()
        .base_url(sb.base_url(Api::Fecify))
        .token(TOKEN)
        .retry_policy(fast_retries(3))
}

fn shopline_client(sb: &Sandbox) -> shopline::ClientBuilder {
    shopline::Client::builder()
        .base_url(sb.base_url(Api::Shopline))
        .token(TOKEN)
        .retry_policy(fast_retries(3))
}

fn myshopline_client(sb: &Sandbox) -> myshopline::ClientBuilder {
    myshopline::Client::builder()
        .base_url(sb.base_url(Api::Myshopline))
        .token(TOKEN)
        .retry_policy(fast_retries(3))
}

fn fecify_create(email: &str) -> fecify::CreateCustomerRequest {
    let mut create = fecify::CreateCustomerRequest::new(email, "yunlong", "li");
    create.phone = Some("565689891".into());
    create
}

fn shopline_create(email: &str) -> shopline::CreateCustomerRequest {
    shopline::CreateCustomerRequest {
        name: Patch::Value("Li Yunlong".into()),
        email: Some(email.into()),
        ..Default::default()
    }
}

fn myshopline_create(email: &str) -> myshopline::CreateCustomerRequest {
    myshopline::CustomerCreateInput {
        email: Some(email.into()),
        first_name: Some("yunlong".into()),
        last_name: Some("li".into()),
        note: Some("new".into()),
        ..Default::default()
    }
    .into()
}

fn myshopline_note(note: &str) -> myshopline::UpdateCustomerRequest {
    myshopline::CustomerUpdateInput {
        note: Patch::Value(note.into()),
        ..Default::default()
    }
    .into()
}

fn status_of(err: &Error) -> Option<u16> {
    err.status().map(|s| s.as_u16())
}

// ---------------------------------------------------------------------------
// Success and partial updates

#[tokio::test]
async fn fecify_creates_then_updates_only_the_fields_sent() {
    let sb = sandbox(false).await;
    let client = fecify_client(&sb).build().expect("client");

    let created = client
        .create_customer(&fecify_create("a@example.com"))
        .await
        .expect("create");
    assert_eq!(created.attempts(), 1);
    let customer = created.value();
    assert_eq!(customer.email.as_deref(), Some("a@example.com"));
    assert_eq!(
        customer.status,
        Some(5),
        "a new customer is pending activation"
    );
    assert_eq!(
        customer.accepts_marketing,
        Some(2),
        "refuses marketing by default"
    );

    let mut update = fecify::UpdateCustomerRequest::new(customer.id);
    update.note = Patch::Value("VIP".into());
    let updated = client
        .update_customer(&update)
        .await
        .expect("update")
        .into_inner();

    assert_eq!(updated.note.as_deref(), Some("VIP"));
    assert_eq!(updated.first_name.as_deref(), Some("yunlong"));
    assert_eq!(updated.phone.as_deref(), Some("565689891"));
    let stored = sb
        .customer(Api::Fecify, &customer.id.to_string())
        .await
        .expect("store")
        .expect("the customer exists");
    assert_eq!(stored["note"], "VIP");
    assert_eq!(stored["last_name"], "li");
    sb.shutdown().await;
}

#[tokio::test]
async fn shopline_creates_then_updates_only_the_fields_sent() {
    let sb = sandbox(false).await;
    let client = shopline_client(&sb).build().expect("client");

    let created = client
        .create_customer(&shopline_create("a@example.com"))
        .await
        .expect("create");
    let id = created.value().id.clone();
    assert_eq!(created.value().name.as_deref(), Some("Li Yunlong"));

    let update = shopline::UpdateCustomerRequest {
        memo: Patch::Value("VIP".into()),
        ..Default::default()
    };
    let updated = client.update_customer(&id, &update).await.expect("update");

    assert_eq!(updated.value().id, id);
    assert_eq!(updated.value().memo.as_deref(), Some("VIP"));
    assert_eq!(updated.value().name.as_deref(), Some("Li Yunlong"));
    assert_eq!(updated.value().email.as_deref(), Some("a@example.com"));
    sb.shutdown().await;
}

#[tokio::test]
async fn myshopline_creates_then_updates_only_the_fields_sent_with_trace_ids() {
    let sb = sandbox(false).await;
    for version in [
        myshopline::ApiVersion::V20220901,
        myshopline::ApiVersion::V20260301,
    ] {
        let client = myshopline_client(&sb)
            .version(version)
            .build()
            .expect("client");
        let email = format!("{version}@example.com");

        let created = client
            .create_customer(&myshopline_create(&email))
            .await
            .expect("create");
        assert!(created.trace_id().is_some_and(|t| !t.is_empty()));
        let id = created.value().id.clone();

        let updated = client
            .update_customer(&id, &myshopline_note("VIP"))
            .await
            .expect("update");

        assert_eq!(updated.value().note.as_deref(), Some("VIP"));
        assert_eq!(updated.value().first_name.as_deref(), Some("yunlong"));
        assert_eq!(updated.value().email.as_deref(), Some(email.as_str()));
        assert!(updated.trace_id().is_some());
    }
    sb.shutdown().await;
}

// ---------------------------------------------------------------------------
// Auth

#[tokio::test]
async fn a_wrong_token_is_an_api_error_on_every_api() {
    let sb = sandbox(false).await;
    let fecify = fecify_client(&sb).token("wrong").build().expect("client");
    let shopline = shopline_client(&sb).token("wrong").build().expect("client");
    let myshopline = myshopline_client(&sb)
        .token("wrong")
        .build()
        .expect("client");

    let err = fecify
        .create_customer(&fecify_create("a@example.com"))
        .await
        .expect_err("auth");
    // Fecify answers HTTP 200 with a failure code (spec/errata.md#E-FEC-3, E-FEC-4).
    assert!(matches!(err, Error::Api(_)), "{err:?}");
    assert_eq!(status_of(&err), Some(200));
    assert_eq!(err.api_code(), Some("1100003"));

    let err = shopline
        .create_customer(&shopline_create("a@example.com"))
        .await
        .expect_err("auth");
    assert_eq!(status_of(&err), Some(401));

    let err = myshopline
        .create_customer(&myshopline_create("a@example.com"))
        .await
        .expect_err("auth");
    assert_eq!(status_of(&err), Some(401));
    assert!(err.trace_id().is_some());

    for api in Api::ALL {
        assert_eq!(sb.customer_count(api).await.expect("count"), 0);
    }
    assert_eq!(err.outcome(), Outcome::Rejected);
    assert!(!err.is_retryable());
    sb.shutdown().await;
}

// ---------------------------------------------------------------------------
// Validation: pre-flight, then the store's own with pre-flight off

#[tokio::test]
async fn fecify_validation_before_sending_and_by_the_store() {
    let sb = sandbox(false).await;
    let mut update = fecify::UpdateCustomerRequest::new(574);
    update.note = Patch::Null; // `null` is a type error for Fecify fields.

    let err = fecify_client(&sb)
        .build()
        .expect("client")
        .update_customer(&update)
        .await
        .expect_err("pre-flight");
    let Error::Validation(report) = &err else {
        panic!("{err:?}")
    };
    assert!(
        report.errors.iter().any(|v| v.pointer == "/note"),
        "{report:?}"
    );
    assert_eq!(
        sb.stats().requests(Api::Fecify, Operation::UpdateCustomer),
        0
    );

    let err = fecify_client(&sb)
        .validate(false)
        .build()
        .expect("client")
        .update_customer(&update)
        .await
        .expect_err("server-side");
    assert_eq!(err.api_code(), Some("1100004"));
    assert_eq!(
        sb.stats().requests(Api::Fecify, Operation::UpdateCustomer),
        1
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn shopline_validation_before_sending_and_by_the_store() {
    let sb = sandbox(false).await;
    // Neither email nor mobile_phone.
    let create = shopline::CreateCustomerRequest {
        name: Patch::Value("Li".into()),
        ..Default::default()
    };

    let err = shopline_client(&sb)
        .build()
        .expect("client")
        .create_customer(&create)
        .await
        .expect_err("pre-flight");
    assert!(matches!(err, Error::Validation(_)), "{err:?}");
    assert_eq!(
        sb.stats()
            .requests(Api::Shopline, Operation::CreateCustomer),
        0
    );

    let err = shopline_client(&sb)
        .validate(false)
        .build()
        .expect("client")
        .create_customer(&create)
        .await
        .expect_err("server-side");
    assert_eq!(status_of(&err), Some(422));
    assert!(err.api_message().is_some());
    assert_eq!(err.outcome(), Outcome::Rejected);
    sb.shutdown().await;
}

#[tokio::test]
async fn myshopline_validation_before_sending_and_by_the_store() {
    let sb = sandbox(false).await;
    // email is at most 50 characters.
    let create = myshopline_create(&format!("{}@example.com", "x".repeat(60)));

    let err = myshopline_client(&sb)
        .build()
        .expect("client")
        .create_customer(&create)
        .await
        .expect_err("pre-flight");
    let Error::Validation(report) = &err else {
        panic!("{err:?}")
    };
    assert!(
        report.errors.iter().any(|v| v.pointer == "/customer/email"),
        "{report:?}"
    );
    assert_eq!(
        sb.stats()
            .requests(Api::Myshopline, Operation::CreateCustomer),
        0
    );

    let err = myshopline_client(&sb)
        .validate(false)
        .build()
        .expect("client")
        .create_customer(&create)
        .await
        .expect_err("server-side");
    assert_eq!(status_of(&err), Some(422));
    assert!(err.api_message().is_some_and(|m| !m.is_empty()));
    assert!(err.trace_id().is_some());
    assert_eq!(sb.customer_count(Api::Myshopline).await.expect("count"), 0);
    sb.shutdown().await;
}

// ---------------------------------------------------------------------------
// Not found and duplicates

#[tokio::test]
async fn updating_an_unknown_customer_is_not_found_on_every_api() {
    let sb = sandbox(false).await;
    let mut fec = fecify::UpdateCustomerRequest::new(999_999);
    fec.note = Patch::Value("x".into());
    let err = fecify_client(&sb)
        .build()
        .expect("client")
        .update_customer(&fec)
        .await
        .expect_err("404");
    assert_eq!(err.api_code(), Some("1100004"));

    let update = shopline::UpdateCustomerRequest {
        memo: Patch::Value("x".into()),
        ..Default::default()
    };
    let err = shopline_client(&sb)
        .build()
        .expect("client")
        .update_customer("ffffffffffffffffffffffff", &update)
        .await
        .expect_err("404");
    assert_eq!(status_of(&err), Some(404));

    let err = myshopline_client(&sb)
        .build()
        .expect("client")
        .update_customer("999999999", &myshopline_note("x"))
        .await
        .expect_err("404");
    assert_eq!(status_of(&err), Some(404));
    assert_eq!(err.outcome(), Outcome::Rejected);
    // A 404 is not retried.
    assert_eq!(err.attempts(), 1);
    sb.shutdown().await;
}

#[tokio::test]
async fn a_duplicate_email_is_rejected_on_every_api() {
    let sb = sandbox(false).await;
    let fecify = fecify_client(&sb).build().expect("client");
    let shopline = shopline_client(&sb).build().expect("client");
    let myshopline = myshopline_client(&sb).build().expect("client");

    fecify
        .create_customer(&fecify_create("dup@example.com"))
        .await
        .expect("first");
    let err = fecify
        .create_customer(&fecify_create("dup@example.com"))
        .await
        .expect_err("dup");
    assert_eq!(err.api_code(), Some("1100007"));

    shopline
        .create_customer(&shopline_create("dup@example.com"))
        .await
        .expect("first");
    let err = shopline
        .create_customer(&shopline_create("dup@example.com"))
        .await
        .expect_err("dup");
    assert_eq!(status_of(&err), Some(422));

    myshopline
        .create_customer(&myshopline_create("dup@example.com"))
        .await
        .expect("first");
    let err = myshopline
        .create_customer(&myshopline_create("dup@example.com"))
        .await
        .expect_err("dup");
    assert_eq!(status_of(&err), Some(422));

    for api in Api::ALL {
        assert_eq!(sb.customer_count(api).await.expect("count"), 1, "{api}");
    }
    sb.shutdown().await;
}

// ---------------------------------------------------------------------------
// Rate limit (myshopline: 4 requests/s, bucket 40)

#[tokio::test]
async fn myshopline_answers_429_once_the_bucket_is_full() {
    let sb = sandbox(true).await;
    let client = myshopline_client(&sb)
        .retry_policy(RetryPolicy::none())
        .build()
        .expect("client");

    let mut limited = None;
    for i in 0..60 {
        match client
            .create_customer(&myshopline_create(&format!("r{i}@example.com")))
            .await
        {
            Ok(_) => {}
            Err(err @ Error::RateLimited(_)) => {
                limited = Some(err);
                break;
            }
            Err(other) => panic!("unexpected {other:?}"),
        }
    }

    let err = limited.expect("the bucket of 40 overflows within 60 quick requests");
    assert_eq!(status_of(&err), Some(429));
    assert_eq!(err.api_message(), Some("Too many request"));
    assert_eq!(err.outcome(), Outcome::Rejected);
    assert!(err.is_retryable());
    sb.shutdown().await;
}

#[tokio::test]
async fn the_myshopline_limiter_keeps_a_client_inside_the_budget() {
    let sb = sandbox(true).await;
    let limiter = RateLimiter::myshopline_default();
    // Two clients of one store share one limiter, as they share one bucket.
    let a = myshopline_client(&sb)
        .retry_policy(RetryPolicy::none())
        .rate_limiter(limiter.clone())
        .build()
        .expect("client");
    let b = myshopline_client(&sb)
        .retry_policy(RetryPolicy::none())
        .rate_limiter(limiter)
        .build()
        .expect("client");

    for i in 0..23 {
        a.create_customer(&myshopline_create(&format!("a{i}@example.com")))
            .await
            .expect("paced, never 429");
        b.create_customer(&myshopline_create(&format!("b{i}@example.com")))
            .await
            .expect("paced, never 429");
    }
    assert_eq!(sb.customer_count(Api::Myshopline).await.expect("count"), 46);
    sb.shutdown().await;
}

// ---------------------------------------------------------------------------
// Faults

#[tokio::test]
async fn an_update_retries_a_500_then_succeeds() {
    let sb = sandbox(false).await;
    let client = shopline_client(&sb).build().expect("client");
    let id = client
        .create_customer(&shopline_create("a@example.com"))
        .await
        .expect("create")
        .into_inner()
        .id;
    sb.faults().arm(
        FaultRule::status(StatusCode::INTERNAL_SERVER_ERROR)
            .api(Api::Shopline)
            .operation(Operation::UpdateCustomer)
            .times(1),
    );

    let update = shopline::UpdateCustomerRequest {
        memo: Patch::Value("VIP".into()),
        ..Default::default()
    };
    let updated = client.update_customer(&id, &update).await.expect("retried");

    assert_eq!(updated.attempts(), 2);
    assert_eq!(updated.value().memo.as_deref(), Some("VIP"));
    assert_eq!(
        sb.stats()
            .requests(Api::Shopline, Operation::UpdateCustomer),
        2
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn a_create_answered_500_is_not_retried_and_its_outcome_is_unknown() {
    let sb = sandbox(false).await;
    let client = myshopline_client(&sb).build().expect("client");
    sb.faults().arm(
        FaultRule::status(StatusCode::INTERNAL_SERVER_ERROR)
            .api(Api::Myshopline)
            .operation(Operation::CreateCustomer)
            .times(1),
    );

    let err = client
        .create_customer(&myshopline_create("a@example.com"))
        .await
        .expect_err("500");

    assert_eq!(status_of(&err), Some(500));
    assert_eq!(err.outcome(), Outcome::Unknown);
    assert_eq!(err.attempts(), 1);
    assert!(err.to_string().contains("outcome is unknown"), "{err}");
    assert_eq!(
        sb.stats()
            .requests(Api::Myshopline, Operation::CreateCustomer),
        1
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn a_dropped_connection_after_commit_leaves_exactly_one_customer() {
    let sb = sandbox(false).await;
    for api in Api::ALL {
        sb.faults().arm(
            FaultRule::drop_after_commit()
                .api(api)
                .operation(Operation::CreateCustomer)
                .times(1),
        );
    }
    let email = "once@example.com";
    let errors = [
        fecify_client(&sb)
            .retry_policy(fast_retries(5))
            .build()
            .expect("client")
            .create_customer(&fecify_create(email))
            .await
            .expect_err("dropped"),
        shopline_client(&sb)
            .retry_policy(fast_retries(5))
            .build()
            .expect("client")
            .create_customer(&shopline_create(email))
            .await
            .expect_err("dropped"),
        myshopline_client(&sb)
            .retry_policy(fast_retries(5))
            .build()
            .expect("client")
            .create_customer(&myshopline_create(email))
            .await
            .expect_err("dropped"),
    ];

    for (api, err) in Api::ALL.into_iter().zip(&errors) {
        assert_eq!(err.outcome(), Outcome::Unknown, "{api}: {err:?}");
        assert!(!err.is_retryable(), "{api}");
        assert!(
            err.to_string().contains("outcome is unknown"),
            "{api}: {err}"
        );
        assert_eq!(
            sb.stats().requests(api, Operation::CreateCustomer),
            1,
            "{api}: not resent"
        );
        assert_eq!(
            sb.customer_count(api).await.expect("count"),
            1,
            "{api}: no duplicate"
        );
    }
    sb.shutdown().await;
}

#[tokio::test]
async fn a_429_with_retry_after_is_waited_out() {
    let sb = sandbox(false).await;
    let client = shopline_client(&sb).build().expect("client");
    sb.faults().arm(
        FaultRule::status(StatusCode::TOO_MANY_REQUESTS)
            .api(Api::Shopline)
            .operation(Operation::CreateCustomer)
            .retry_after(1)
            .times(1),
    );

    let created = client
        .create_customer(&shopline_create("a@example.com"))
        .await
        .expect("waited");

    assert_eq!(created.attempts(), 2);
    // Backoff alone would be 5 ms: only Retry-After accounts for a full second.
    assert!(
        created.elapsed() >= Duration::from_secs(1),
        "{:?}",
        created.elapsed()
    );
    assert_eq!(
        sb.stats()
            .requests(Api::Shopline, Operation::CreateCustomer),
        2
    );
    assert_eq!(sb.customer_count(Api::Shopline).await.expect("count"), 1);
    sb.shutdown().await;
}

#[tokio::test]
async fn a_slow_store_times_out_creates_once_and_updates_per_policy() {
    let sb = sandbox(false).await;
    let client = fecify_client(&sb)
        .timeout(Duration::from_millis(150))
        .build()
        .expect("client");
    let id = client
        .create_customer(&fecify_create("a@example.com"))
        .await
        .expect("create")
        .into_inner()
        .id;
    sb.faults().set_latency(Duration::from_secs(2));

    let err = client
        .create_customer(&fecify_create("b@example.com"))
        .await
        .expect_err("timeout");
    assert!(matches!(err, Error::Timeout(_)), "{err:?}");
    assert_eq!(err.outcome(), Outcome::Unknown);
    assert_eq!(err.attempts(), 1);

    let mut update = fecify::UpdateCustomerRequest::new(id);
    update.note = Patch::Value("x".into());
    let err = client.update_customer(&update).await.expect_err("timeout");
    assert!(matches!(err, Error::Timeout(_)), "{err:?}");
    assert_eq!(err.attempts(), 3);

    assert_eq!(
        sb.stats().requests(Api::Fecify, Operation::CreateCustomer),
        2
    );
    assert_eq!(
        sb.stats().requests(Api::Fecify, Operation::UpdateCustomer),
        3
    );
    sb.faults().set_latency(Duration::ZERO);
    sb.shutdown().await;
}
